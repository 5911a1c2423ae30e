#!/bin/sh
# bench-smoke: every benchmark kernel and program on tiny inputs (reps = 1) through every
# variant of `make bench` (native, wasm2c-lite in both memory strategies, wabt's
# wasm2c in both); each variant must print the native checksum.  One case per
# kernel and variant.  Then the chart, as a picture is read
# (tests/tools/check-chart.sh: no overlapping labels, says where it was
# measured): the smoke run's, and bench/chart.sh on hard cases.
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
for k in $(cd "$W2L_ROOT/bench" && ls kernels/*.c programs/*.c | sed 's|^.*/||; s/\.c$//'); do
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
chart() { # NAME SVG
  if sh "$W2L_ROOT/tests/tools/check-chart.sh" "$2" >"$2.check"; then ok; else
    bad "chart $1" "$(head -n 5 "$2.check")"
  fi
}
chart smoke "$out/report/results.svg"
variants="w2l-guard w2l-explicit wabt-guard wabt-explicit"
where="Test CPU @ 2.20GHz, 2 cores; commit 0123abc; 2026-12-04"
# Neighbours of nearly equal height, bars cut at the top, missing variants,
# ratios far below 1; one kernel alone; many kernels.
printf '%s\n' "fib 1.2 1.1 1.3 1.14 2.9" "matmul 2.0 2.1 2.3 24.0 5.8" "sort 1.0 1.02 1.05 1.03 1.04" \
  "trees 1.0 1.9 - 0.2 -" "tiny 1.0 0.01 0.02 0.5 0.49" >"$out/hard.medians"
head -n 1 "$out/hard.medians" >"$out/one.medians"
awk 'BEGIN { for (k = 1; k <= 16; k++) printf "kernel%d 1.0 %.2f %.2f %.2f %.2f\n", k, 1 + k / 9, 1.1, 0.9 + k / 20, 6 - k / 4 }' \
  >"$out/many.medians"
for m in hard one many; do
  sh "$W2L_ROOT/bench/chart.sh" "$out/$m.medians" "$out/$m.svg" "$variants" "$where" && chart "$m" "$out/$m.svg" ||
    bad "chart $m" "chart.sh failed"
done
# Kernels and programs together: three geomean groups, two-line labels.
sh "$W2L_ROOT/bench/chart.sh" "$out/hard.medians" "$out/mixed.svg" "$variants" "$where" "trees tiny" &&
  chart mixed "$out/mixed.svg" || bad "chart mixed" "chart.sh failed"
# The checker itself finds what it is for: a label across a neighbour's bar,
# two texts on each other, a text off the image, "hover", no "commit".
cat >"$out/bad.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
<rect x="10" y="20" width="10" height="80" fill="red"><title>a</title></rect>
<rect x="20" y="20" width="10" height="80" fill="blue"><title>b</title></rect>
<text x="15" y="50" font-size="10" text-anchor="middle">1.234</text>
<text x="100" y="10" font-size="10">hover a bar</text>
<text x="110" y="12" font-size="10">overlap</text>
<text x="190" y="90" font-size="10">off the edge</text>
</svg>
SVG
sh "$W2L_ROOT/tests/tools/check-chart.sh" "$out/bad.svg" >"$out/bad.check"
for want in "overlaps the bar at x=20" 'texts "hover a bar" and "overlap" overlap' "leaves the image" \
  "hover" "commit"; do
  grep -q "$want" "$out/bad.check" && ok || bad "check-chart" "did not report '$want'"
done
# The exception benchmark on a short loop: its three variants print the same sums.
if BENCH_ITERS=1000 BENCH_RUNS=1 sh "$W2L_ROOT/bench/exceptions.sh" >"$out/exceptions.log" 2>&1; then
  ok
else
  bad "exceptions" "$(tail -n 3 "$out/exceptions.log")"
fi
summary
