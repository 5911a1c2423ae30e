#!/bin/sh
# bench-smoke: every benchmark kernel on tiny inputs (reps = 1) through every
# variant of `make bench` (native, wasm2c-lite in both memory strategies, wabt's
# wasm2c in both); each variant must print the native checksum.  One case per
# kernel and variant.  A wasm2c-lite variant whose translator phase is still a
# stub ("not built yet") is skipped with that reason; any other error fails.
set -u
: "${W2L_BUILD:?run through make test}"
root=${W2L_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
out="$W2L_BUILD/bench-smoke"
rm -rf "$out"
if ! BENCH_REPS=1 BENCH_RUNS=1 BENCH_BIG=0 BENCH_TIMEOUT=30 BENCH_OUT="$out" BENCH_REPORT="$out/report" \
    sh "$root/bench/run-bench.sh" >"$out.log" 2>&1; then
  echo "run-bench.sh failed:"
  tail -n 20 "$out.log"
  echo "0 passed, 1 failed"
  exit 1
fi
pass=0 failed=0 skipped=0
for k in $(cd "$root/bench/kernels" && ls *.c | sed 's/\.c$//'); do
  for v in native w2l-guard w2l-explicit wabt-guard wabt-explicit; do
    st="$out/$k/$v.status"
    if [ ! -f "$out/$k/$v.times" ] && [ ! -f "$st" ]; then
      echo "FAIL $k $v: did not run"
      failed=$((failed + 1))
    elif [ ! -f "$st" ]; then
      pass=$((pass + 1))
    elif grep -q "not built yet" "$st"; then
      echo "skip $k $v: $(cat "$st")"
      skipped=$((skipped + 1))
    else
      echo "FAIL $k $v: $(cat "$st")"
      failed=$((failed + 1))
    fi
  done
done
echo "($skipped skipped)"
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
