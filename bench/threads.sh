#!/bin/sh
# threads.sh - the threaded benchmark (part of `make bench`): bench/threads/reduce.c,
# a reduction over 8 Mi u32 in one shared memory, at 1 and 2 threads:
#   native       gcc $BENCH_OPT, pthreads (host-native.c)
#   w2l-guard    clang --target=wasm32 -matomics (shared memory, i64.atomic.rmw.add)
#                -> wasm2c-lite -> gcc, one instance per thread (w2l_thread_spawn)
#   w2l-explicit the same C with explicit bounds checks
# Every variant must print the same totals.  Each runs BENCH_RUNS times (default 3,
# alternating); the median wall time of each thread count is reported with the
# speedup from 1 to 2 threads.  Writes $W2L_BUILD/bench-threads/results.md.
# Knobs: BENCH_REPS (passes over the array; 0 = full size, 64), BENCH_RUNS, BENCH_OPT.
set -u
LOAD=$(cut -d" " -f1-3 /proc/loadavg 2>/dev/null)
here=$(cd "$(dirname "$0")" && pwd)
: "${W2L_BUILD:?run through make bench}"
CC=${W2L_CC:-cc}
OPTFLAGS=${BENCH_OPT:--O2}
REPS=${BENCH_REPS:-0}
[ "$REPS" = 0 ] && REPS=64
RUNS=${BENCH_RUNS:-3}
out=$W2L_BUILD/bench-threads
rm -rf "$out" && mkdir -p "$out"
say() { echo "bench-threads: $*"; }
src=$here/threads/reduce.c
MEM=67108864 # 64 MiB: the array and the rest, fixed (a shared memory needs a maximum)
clang --target=wasm32 -nostdlib -O2 -matomics -mbulk-memory -Wl,--no-entry -Wl,--import-memory \
  -Wl,--shared-memory -Wl,--initial-memory=$MEM -Wl,--max-memory=$MEM -Wl,-z,stack-size=65536 \
  "$src" -o "$out/reduce.wasm" 2>"$out/build.log" &&
  "$W2L_BUILD/wasm2c-lite" "$out/reduce.wasm" -n reduce -o "$out/reduce.c" >>"$out/build.log" 2>&1 &&
  $CC $OPTFLAGS "$src" "$here/threads/host-native.c" -lpthread -o "$out/native" >>"$out/build.log" 2>&1 &&
  $CC $OPTFLAGS -I"$W2L_BUILD/include" -I"$out" "$out/reduce.c" "$here/threads/host-w2l.c" \
    "$W2L_BUILD/libwasm2c-lite-rt.a" -lm -ldl -lpthread -o "$out/w2l-guard" >>"$out/build.log" 2>&1 &&
  $CC $OPTFLAGS -DW2L_BOUNDS=0 -I"$W2L_BUILD/include" -I"$out" "$out/reduce.c" \
    "$here/threads/host-w2l.c" "$W2L_BUILD/test-runtime/explicit/libwasm2c-lite-rt.a" -lm -ldl \
    -lpthread -o "$out/w2l-explicit" >>"$out/build.log" 2>&1 ||
  { say "build failed: $(grep -m1 -i error "$out/build.log")"; exit 1; }
VARIANTS="native w2l-guard w2l-explicit"
for r in $(seq "$RUNS"); do
  for v in $VARIANTS; do
    "$out/$v" "$REPS" >"$out/$v.$r" || { say "$v failed"; exit 1; }
  done
done
want=$(sed 's/ seconds=[^ ]*//' "$out/native.1")
for v in $VARIANTS; do
  for r in $(seq "$RUNS"); do
    got=$(sed 's/ seconds=[^ ]*//' "$out/$v.$r")
    [ "$got" = "$want" ] || { say "$v run $r printed '$got', native '$want'"; exit 1; }
  done
done
# median wall time of variant $1 at $2 threads
median() {
  cat "$out/$1".* | sed -n "s/^threads=$2 seconds=\([0-9.]*\).*/\1/p" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
n1=$(median native 1)
{
  echo "# Threaded kernel: parallel reduction over a shared memory"
  echo
  echo "reduce.c: $REPS passes over 8 Mi u32, each thread a slice, totals combined with an"
  echo "atomic add; median wall time of $RUNS alternating runs; load average before: $LOAD."
  echo
  echo "| variant | 1 thread (s) | 2 threads (s) | speedup 1->2 | 1 thread vs native | 2 threads vs native |"
  echo "|---|---:|---:|---:|---:|---:|"
  n2=$(median native 2)
  for v in $VARIANTS; do
    t1=$(median "$v" 1) t2=$(median "$v" 2)
    awk -v v="$v" -v a="$t1" -v b="$t2" -v n1="$n1" -v n2="$n2" 'BEGIN {
      printf "| %s | %.3f | %.3f | %.2fx | %.2fx | %.2fx |\n", v, a, b, a / b, a / n1, b / n2 }'
  done
} >"$out/results.md"
cat "$out/results.md"
