#!/bin/sh
# bench-smoke: every benchmark kernel on tiny inputs (reps = 1) through every
# variant of `make bench` (native, wasm2c-lite in both memory strategies, wabt's
# wasm2c in both); each variant must print the native checksum.  One case per
# kernel and variant.
. "$(dirname "$0")/lib.sh"
out="$W2L_BUILD/bench-smoke"
rm -rf "$out"
if ! BENCH_REPS=1 BENCH_RUNS=1 BENCH_BIG=0 BENCH_TIMEOUT=30 BENCH_OUT="$out" BENCH_REPORT="$out/report" \
    sh "$W2L_ROOT/bench/run-bench.sh" >"$out.log" 2>&1; then
  echo "run-bench.sh failed:"
  tail -n 20 "$out.log"
  echo "0 passed, 1 failed"
  exit 1
fi
for k in $(cd "$W2L_ROOT/bench/kernels" && ls *.c | sed 's/\.c$//'); do
  for v in native w2l-guard w2l-explicit wabt-guard wabt-explicit; do
    st="$out/$k/$v.status"
    if [ ! -f "$out/$k/$v.times" ] && [ ! -f "$st" ]; then
      bad "$k $v" "did not run"
    elif [ ! -f "$st" ]; then
      ok
    else
      bad "$k $v" "$(cat "$st")"
    fi
  done
done
summary
