#!/bin/sh
# validate.sh - the validator: table-driven unit cases on hand-built IR
# (tests/unit/validate_test.c, exact messages; built by make into unit/).
set -u
: "${W2L_BUILD:?run through make test}"
t="$W2L_BUILD/unit/validate_test"
if [ ! -x "$t" ]; then
  echo "FAIL validate: $t not built"
  echo "0 passed, 1 failed"
  exit 1
fi
"$t"
