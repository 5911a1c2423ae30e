#!/bin/sh
# golden.sh - the emitted C of small modules, compared byte for byte with
# tests/golden/NAME.c and NAME.h, and compiled with -Wall -Wextra -Werror at
# -O0 and -O2 by $W2L_CC (and clang/gcc when installed).
#
#   make test                       compare
#   UPDATE=1 sh tests/suites/golden.sh   (via make test UPDATE=1) rewrite the expected files
#
# Each tests/golden/NAME.wat is translated with `wasm2c-lite NAME.wat -o NAME.c`
# in the output directory, so that the #line directives name NAME.wat and
# NAME.c wherever the repository is.
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_ROOT:?}"
tmp="$W2L_BUILD/golden"
rm -rf "$tmp" && mkdir -p "$tmp"
pass=0 fail=0
compilers=$W2L_CC
for cc in gcc clang; do
  command -v $cc >/dev/null 2>&1 && [ "$cc" != "$W2L_CC" ] && compilers="$compilers $cc"
done
translate() { # NAME WAT -> $tmp/NAME.c, $tmp/NAME.h
  cp "$2" "$tmp/$1.wat" && (cd "$tmp" && "$W2L_BUILD/wasm2c-lite" "$1.wat" -o "$1.c") 2>"$tmp/$1.err"
}
for wat in "$W2L_ROOT"/tests/golden/*.wat; do
  name=$(basename "$wat" .wat)
  if ! translate "$name" "$wat"; then
    echo "FAIL $name: translation failed:"
    sed 's/^/    /' "$tmp/$name.err"
    fail=$((fail + 1))
    continue
  fi
  for ext in c h; do
    exp="$W2L_ROOT/tests/golden/$name.$ext"
    if [ "${UPDATE:-}" = 1 ]; then
      cp "$tmp/$name.$ext" "$exp"
      echo "updated $exp"
    fi
    if cmp -s "$tmp/$name.$ext" "$exp"; then
      pass=$((pass + 1))
    else
      echo "FAIL $name.$ext differs from the golden file (UPDATE=1 to accept):"
      diff -u "$exp" "$tmp/$name.$ext" | head -n 40 | sed 's/^/    /'
      fail=$((fail + 1))
    fi
  done
  for cc in $compilers; do
    for opt in -O0 -O2; do
      # shellcheck disable=SC2086
      if $cc $W2L_CFLAGS $opt -c "$tmp/$name.c" -o "$tmp/$name.o" 2>"$tmp/$name.cc.log"; then
        pass=$((pass + 1))
      else
        echo "FAIL $name.c does not compile with $cc $opt:"
        head -n 20 "$tmp/$name.cc.log" | sed 's/^/    /'
        fail=$((fail + 1))
      fi
    done
  done
done
echo "$pass passed, $fail failed"
