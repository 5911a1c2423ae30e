#!/bin/sh
# simd.sh - the SIMD benchmark (part of `make bench`): bench/simd/vector.c built
#   native      gcc $BENCH_OPT (SSE2 auto-vectorization)
#   w2l-simd    clang --target=wasm32 -msimd128 -> wasm2c-lite -> gcc: the v128
#               helpers on their x86 fast paths (runtime/w2l_simd.h)
#   w2l-portable the same C with -DW2L_SIMD_PORTABLE: the portable helpers
#   w2l-scalar  clang --target=wasm32 without -msimd128 -> wasm2c-lite -> gcc
# Every variant must print the native checksum; then each runs BENCH_RUNS times
# (default 3) and the median CPU time is reported, with the SIMD instruction count
# of the module.  Writes $W2L_BUILD/bench-simd/results.md.
# Knobs: BENCH_REPS (0 = full size), BENCH_RUNS, BENCH_OPT (default -O2).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${W2L_BUILD:?run through make bench}"
CC=${W2L_CC:-cc}
OPTFLAGS=${BENCH_OPT:--O2}
REPS=${BENCH_REPS:-0}
RUNS=${BENCH_RUNS:-3}
out=$W2L_BUILD/bench-simd
rm -rf "$out" && mkdir -p "$out"
WASM_FLAGS="--target=wasm32 -nostdlib -O2 -Wl,--no-entry -Wl,-z,stack-size=1048576 -I$here/kernels"
src=$here/simd/vector.c
rt=$W2L_BUILD
say() { echo "bench-simd: $*"; }
# build NAME WASM-FLAGS C-FLAGS: wasm -> C -> executable $out/NAME
build() {
  if ! clang $WASM_FLAGS $2 "$src" -o "$out/$1.wasm" 2>"$out/$1.log" ||
     ! "$W2L_BUILD/wasm2c-lite" "$out/$1.wasm" -n bench -o "$out/$1.c" >>"$out/$1.log" 2>&1 ||
     ! $CC $OPTFLAGS $3 -I"$rt/include" -I"$out" "$out/$1.c" "$here/host-w2l.c" \
         "$rt/libwasm2c-lite-rt.a" -lm -o "$out/$1" >>"$out/$1.log" 2>&1; then
    say "$1: build failed: $(grep -m1 -i error "$out/$1.log")"
    return 1
  fi
}
$CC $OPTFLAGS -I"$here/kernels" "$src" "$here/host-native.c" -lm -o "$out/native" 2>"$out/native.log" ||
  { say "native build failed"; exit 1; }
build w2l-simd -msimd128 "" || exit 1
build w2l-portable -msimd128 -DW2L_SIMD_PORTABLE || exit 1
build w2l-scalar "" "" || exit 1
nsimd=$(wasm-objdump -d "$out/w2l-simd.wasm" 2>/dev/null |
  grep -cE ' (v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.' || true)
want=$("$out/native" 1 | cut -d' ' -f1)
status=0
for v in w2l-simd w2l-portable w2l-scalar; do
  got=$("$out/$v" 1 | cut -d' ' -f1)
  [ "$got" = "$want" ] || { say "FAIL $v: checksum $got, native $want"; status=1; }
done
[ $status = 0 ] || exit 1
# median of RUNS CPU times
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
{
  echo "| variant | CPU s (median of $RUNS) | vs native |"
  echo "|---|---|---|"
  base=""
  for v in native w2l-simd w2l-portable w2l-scalar; do
    t=$(for i in $(seq "$RUNS"); do "$out/$v" "$REPS" | cut -d' ' -f2; done | median)
    [ -z "$base" ] && base=$t
    echo "| $v | $t | $(awk -v a="$t" -v b="$base" 'BEGIN { printf "%.2fx", a / b }') |"
  done
  echo
  echo "w2l-simd module: $nsimd SIMD instructions (clang -msimd128); load $(cut -d' ' -f1 /proc/loadavg 2>/dev/null)"
} | tee "$out/results.md"
