#!/bin/sh
# interrupt-cost.sh - what the interruption checks cost: every kernel is
# translated three ways (plain, --epoch, --fuel), built in guard mode, and
# the three run alternately; prints the median CPU seconds of each, the ratios
# to plain and the geomeans (every variant must print the plain checksum).
# `make bench` runs it after the main benchmark (table in
# $W2L_BUILD/bench-interrupt/results.txt).  The hosts set no deadline and
# unlimited fuel, so the checks run but never fire.
#
#   W2L_BUILD=build sh bench/interrupt-cost.sh [RUNS]   (after make)
# Knobs: BENCH_KERNELS="fib sort" (default: every kernels/*.c), BENCH_REPS=N
# (passed to every kernel; 0 = full size), BENCH_OUT=dir (default $W2L_BUILD/bench-interrupt).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${W2L_BUILD:?set W2L_BUILD to a build directory (make builds build/)}"
B=$(cd "$W2L_BUILD" && pwd)
CC=${W2L_CC:-cc}
runs=${1:-5}
reps=${BENCH_REPS:-0}
out=${BENCH_OUT:-$B/bench-interrupt}
WASM_FLAGS="--target=wasm32 -nostdlib -O2 -Wl,--no-entry -Wl,-z,stack-size=1048576"
kernels=${BENCH_KERNELS:-$(cd "$here/kernels" && ls *.c | sed 's/\.c$//')}
# The same loop can run 1.8x slower when one of its branches straddles a
# 32-byte boundary (matmul's inner loop, byte-identical in the plain and the
# --epoch build, took 1.65 s or 2.94 s depending on what came before it), so
# every variant is assembled with branches kept inside 32-byte blocks: the
# ratios then measure the checks, not where the loops happen to land.
ALIGN=-Wa,-mbranches-within-32B-boundaries
echo 'int main(void) { return 0; }' | $CC -x c $ALIGN - -o "${TMPDIR:-/tmp}/align$$" 2>/dev/null || ALIGN=
rm -f "${TMPDIR:-/tmp}/align$$"
mkdir -p "$out"
status=0
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-10s %9s %9s %9s %7s %7s\n' kernel plain epoch fuel epoch/p fuel/p
: >"$out/ratios"
for k in $kernels; do
  [ -f "$here/kernels/$k.c" ] || continue # programs/ (WASI) are not measured here
  d="$out/$k"
  mkdir -p "$d"
  clang $WASM_FLAGS "$here/kernels/$k.c" -o "$d/$k.wasm" 2>"$d/wasm.log" || {
    echo "$k: clang wasm32 build failed (see $d/wasm.log)"
    continue
  }
  ok=1
  for v in plain epoch fuel; do
    case $v in plain) flags= ;; *) flags=--$v ;; esac
    "$B/wasm2c-lite" "$d/$k.wasm" $flags -n bench -o "$d/$v.c" &&
      $CC -O2 $ALIGN -DW2L_BOUNDS=1 -I"$B/include" -I"$d" "$d/$v.c" "$here/host-w2l.c" \
        "$B/libwasm2c-lite-rt.a" -lm -o "$d/$v" 2>"$d/$v.log" || ok=0
    : >"$d/$v.times"
  done
  [ $ok = 1 ] || { echo "$k: build failed (see $d/*.log)"; continue; }
  i=0
  while [ $i -lt "$runs" ]; do
    for v in plain epoch fuel; do
      "$d/$v" "$reps" >"$d/$v.out" || ok=0
      cut -d' ' -f2 "$d/$v.out" >>"$d/$v.times"
      [ "$(cut -d' ' -f1 "$d/$v.out")" = "$(cut -d' ' -f1 "$d/plain.out")" ] || ok=0
    done
    i=$((i + 1))
  done
  [ $ok = 1 ] || { echo "FAIL $k: a run failed or the checksums differ"; status=1; continue; }
  p=$(median <"$d/plain.times") e=$(median <"$d/epoch.times") f=$(median <"$d/fuel.times")
  echo "$k $p $e $f" >>"$out/ratios"
  echo "$p $e $f" | awk -v k="$k" '{printf "%-10s %9s %9s %9s %7.3f %7.3f\n", k, $1, $2, $3, $2 / $1, $3 / $1}'
done
awk '$2 > 0 { se += log($3 / $2); sf += log($4 / $2); n++ }
     END { if (n) printf "%-10s %29s %7.3f %7.3f\n", "geomean", "", exp(se / n), exp(sf / n) }' "$out/ratios"
exit $status
