#!/bin/sh
# wasi-io.sh - the cost of WASI calls (make bench): bench/wasi/io.c, a loop of
# small write()s and clock_gettime()s, built natively (gcc -O2) and as a WASI
# program (clang --target=wasm32-wasi -O2, then wasm2c-lite --exe with -O2);
# the median CPU time (user+sys) of RUNS runs each, alternating, stdout to
# /dev/null, and the ratio to native.  Goal: within 1.2x.
# Environment (from the Makefile): W2L_BUILD, W2L_CC.  BENCH_RUNS (default 3),
# BENCH_WASI_N calls (default 2,000,000).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${W2L_BUILD:?run through make bench}"
out="$W2L_BUILD/bench-wasi"
runs=${BENCH_RUNS:-3} n=${BENCH_WASI_N:-2000000}
mkdir -p "$out"
sh "$here/../samples/ensure-wasi-sdk.sh" || exit 1
${W2L_CC:-cc} -O2 "$here/wasi/io.c" -o "$out/native" &&
  clang --target=wasm32-wasi -O2 "$here/wasi/io.c" -o "$out/io.wasm" &&
  CC="${W2L_CC:-cc}" CFLAGS=-O2 "$W2L_BUILD/wasm2c-lite" "$out/io.wasm" --exe -o "$out/wasi" ||
  { echo "bench-wasi: build failed"; exit 1; }
: >"$out/native.times"
: >"$out/wasi.times"
for r in $(seq 1 "$runs"); do
  for v in native wasi; do
    /usr/bin/env time -f "%U %S" -o "$out/t" "$out/$v" "$n" >/dev/null 2>"$out/$v.err" ||
      { echo "bench-wasi: $v failed: $(cat "$out/$v.err")"; exit 1; }
    awk '{ print $1 + $2 }' "$out/t" >>"$out/$v.times"
  done
done
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
nat=$(median "$out/native.times") was=$(median "$out/wasi.times")
awk -v a="$nat" -v b="$was" -v n="$n" 'BEGIN {
  printf "bench-wasi: %d write()s + clock_gettime()s: native %.2f s, WASI through wasm2c-lite %.2f s (%.2fx)\n", n, a, b, b / a }'
