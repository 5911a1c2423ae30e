#!/bin/sh
# fuzz-regress.sh - the modules the differential fuzzer caught failing, reduced
# by tests/fuzz/reduce.sh: tests/fuzz/regress/NAME.wasm, binaryen's reference
# output NAME.ref, and NAME.class (the failure and the configuration it was
# found in).  Each is translated, built with each of $compilers (lib.sh) at -O2
# in both memory strategies and in its own configuration, and run against its
# reference, and against wabt's interpreter as the second reference
# (tests/fuzz/wabt_ref.mjs) in the first of those configurations.
. "$(dirname "$0")/lib.sh"
root=$W2L_ROOT here=$W2L_ROOT/tests/fuzz
. "$here/common.sh"
out="$W2L_BUILD/fuzz-regress"
rm -rf "$out" && mkdir -p "$out"
fuzz_runtime "$out/rt" || { echo "cannot build the runtime"; exit 1; }
for w in "$here"/regress/*.wasm; do
  [ -e "$w" ] || continue
  name=$(basename "$w" .wasm)
  d="$out/$name"
  mkdir -p "$d" && cp "${w%.wasm}.ref" "$d/ref.txt"
  if ! "$W2L_BUILD/wasm2c-lite" "$w" -n fz -o "$d/fz.c" 2>"$d/translate.log"; then
    bad "$name" "rejected"; head -n 3 "$d/translate.log"; continue
  fi
  configs=$(cut -d' ' -f2 "${w%.wasm}.class")
  for cc in $compilers; do configs="$configs $cc:-O2:0 $cc:-O2:1"; done
  first=
  for c in $(printf '%s\n' $configs | sort -u); do
    r=$(fuzz_run "$c" "$d" "$out/rt" 20)
    if [ "$r" = ok ]; then ok
    else bad "$name ($c)" "$r"; cat "$d/cc.log" "$d/host.log" 2>/dev/null | head -n 10; fi
    first=${first:-$c}
  done
  if ! node "$here/wabt_ref.mjs" "$w" >"$d/ref-wabt.txt" 2>"$d/wabt.log"; then
    bad "$name (wabt reference)" "$(cat "$d/wabt.log")"
  elif [ "$(fuzz_check "$(fuzz_exe "$first" "$d")" "$d/ref-wabt.txt" 20 -wabt)" = ok ]; then ok
  else bad "$name (wabt reference, $first)" "mismatch"; head -n 5 "$d/host-wabt.log"; fi
done
summary
