#!/bin/sh
# validate.sh - the validator: table-driven unit cases on hand-built IR
# (tests/unit/validate_test.c, exact messages).
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_ROOT:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
objs=$(ls "$W2L_BUILD"/compiler/*.o | grep -v '/main\.o$')
# shellcheck disable=SC2086
if ! $W2L_CC $W2L_CFLAGS -I"$W2L_ROOT/compiler" "$W2L_ROOT/tests/unit/validate_test.c" \
    $objs -lm -o "$tmp/validate_test" 2>"$tmp/cc.log"; then
  echo "FAIL validate: unit test does not build"
  cat "$tmp/cc.log"
  echo "0 passed, 1 failed"
  exit 1
fi
"$tmp/validate_test"
