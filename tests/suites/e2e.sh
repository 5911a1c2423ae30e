#!/bin/sh
# e2e.sh - end-to-end programs, one file each: tests/e2e/NAME.wat holds the
# module, a host part in C that calls its typed exports, and the expected
# output (the format is described in tests/e2e/e2e.h).  Each is built like a
# sample (tests/e2e/build-host.sh) and run with each of $compilers (lib.sh)
# at -O0 and -O2, -Werror, and once with the C split in 3 files
# (--num-outputs 3); one case per test, compiler and level.
# UPDATE=1 rewrites the expect part of each file from the output of the first
# build (review the diff!).
. "$(dirname "$0")/lib.sh"

# section NAME FILE: the lines between "(; NAME" and ";)".
section() { awk -v s="(; $1" '$0 == ";)" { on = 0 } on { print } $0 == s { on = 1 }' "$2"; }
# set_expect FILE OUTPUT: replace the expect part of FILE by the file OUTPUT.
set_expect() {
  awk -v out="$2" '$0 == ";)" && on { on = 0; while ((getline l < out) > 0) print l }
    !on { print } $0 == "(; expect" { on = 1 }' "$1" >"$1.new" && mv "$1.new" "$1"
}

for t in "$W2L_ROOT"/tests/e2e/*.wat; do
  name=$(basename "$t" .wat)
  dir="$W2L_BUILD/e2e/$name"
  rm -rf "$dir" && mkdir -p "$dir/src"
  cp "$t" "$dir/src/m.wat"
  line=$(grep -n -x '(; host' "$t" | cut -d: -f1)
  if [ -z "$line" ] || ! grep -q -x '(; expect' "$t"; then
    bad "$name" "no (; host or no (; expect part"
    continue
  fi
  { echo '#include "e2e.h"'; echo "#line $((line + 1)) \"tests/e2e/$name.wat\""; section host "$t"; } \
    >"$dir/src/host.c"
  first=1
  # each compiler at -O0 and -O2, and the main one with the C split in 3 files
  for build in $(for c in $compilers; do echo "$c:-O0: $c:-O2:"; done) "$W2L_CC:-O2:3"; do
    cc=${build%%:*} rest=${build#*:}
    opt=${rest%%:*} split=${rest#*:}
    out="$dir/$cc$opt${split:+-split$split}"
    (
      if ! W2L_CC=$cc W2L_CFLAGS="$W2L_CFLAGS $opt -I$W2L_ROOT/tests/e2e" W2L_SPLIT=$split \
          sh "$W2L_ROOT/tests/e2e/build-host.sh" "$dir/src" "$out" >"$out.build.log" 2>&1; then
        exit 1
      fi
    ) || {
      bad "$name ($cc $opt${split:+, $split files})" "build failed"
      head -n 30 "$out.build.log" | sed 's/^/    /'
      continue
    }
    "$out/host" >"$out.txt" 2>&1
    rc=$?
    [ "$UPDATE" = 1 ] && [ $first = 1 ] && set_expect "$t" "$out.txt"
    first=0
    section expect "$t" >"$dir/expected.txt"
    if [ $rc -eq 0 ] && cmp -s "$dir/expected.txt" "$out.txt"; then
      ok
    else
      bad "$name ($cc $opt${split:+, $split files})" "output differs from the expect part (exit $rc; < expected, > got)"
      diff "$dir/expected.txt" "$out.txt" | head -n 20 | sed 's/^/    /'
    fi
  done
done
summary
