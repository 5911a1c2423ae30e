#!/bin/sh
# golden.sh - the emitted C of small modules, compared byte for byte with
# tests/golden/NAME.c and NAME.h, and compiled with -Wall -Wextra -Werror at
# -O0 and -O2 by each of $compilers (tests/suites/lib.sh).
#
#   make test             compare
#   make test UPDATE=1    rewrite the expected files (review the diff!)
#
# Each tests/golden/NAME.wat is translated with `wasm2c-lite NAME.wat -o NAME.c`
# in the output directory, so that the #line directives name NAME.wat and
# NAME.c wherever the repository is.  A first line ";; flags: ..." gives the
# translator options of that module.  A tests/golden/NAME.wasm (hand-made:
# tests/tools/dylink-fixtures.py) is translated the same way, without flags.
. "$(dirname "$0")/lib.sh"
tmp="$W2L_BUILD/golden"
rm -rf "$tmp" && mkdir -p "$tmp"
for input in "$W2L_ROOT"/tests/golden/*.wat "$W2L_ROOT"/tests/golden/*.wasm; do
  [ -e "$input" ] || continue
  file=$(basename "$input")
  name=${file%.*}
  cp "$input" "$tmp/$file"
  flags=
  case $file in *.wat) flags=$(sed -n '1s/^;; flags: //p' "$input") ;; esac
  # shellcheck disable=SC2086
  if ! (cd "$tmp" && "$W2L_BUILD/wasm2c-lite" "$file" $flags -o "$name.c") 2>"$tmp/$name.err"; then
    bad "$name" "translation failed:"
    sed 's/^/    /' "$tmp/$name.err"
    continue
  fi
  for ext in c h; do
    golden "$name.$ext" "$W2L_ROOT/tests/golden/$name.$ext" "$tmp/$name.$ext"
  done
  for cc in $compilers; do
    for opt in -O0 -O2; do
      # shellcheck disable=SC2086
      if $cc $W2L_CFLAGS $opt -c "$tmp/$name.c" -o "$tmp/$name.o" 2>"$tmp/$name.cc.log"; then
        ok
      else
        bad "$name.c" "does not compile with $cc $opt:"
        head -n 20 "$tmp/$name.cc.log" | sed 's/^/    /'
      fi
    done
  done
done
summary
