#!/bin/sh
# tailcall.sh - the tail-call benchmark (part of `make bench`): bench/tailcall/
# machine.wat, a three-state machine whose states hand over by return_call
# ("direct") and by return_call_indirect through a table ("indirect"), N steps
# (3 tail calls each), against the same machine as a C loop (native.c):
#   native            gcc $BENCH_OPT
#   gcc-trampoline    wasm2c-lite -> gcc (no musttail: the w2l_tail_run loop)
#   clang-musttail    wasm2c-lite -> clang (W2L_TAIL_GO is a musttail jump)
#   clang-trampoline  the same with -DW2L_NO_MUSTTAIL
# Every variant must print the same results.  BENCH_RUNS runs each (default 3,
# alternating); the median times and the ratio to native are written to
# $W2L_BUILD/bench-tailcall/results.md.  BENCH_STEPS: N (default 100000000).
set -u
LOAD=$(cut -d" " -f1-3 /proc/loadavg 2>/dev/null)
here=$(cd "$(dirname "$0")" && pwd)
: "${W2L_BUILD:?run through make bench}"
OPTFLAGS=${BENCH_OPT:--O2}
STEPS=${BENCH_STEPS:-100000000}
RUNS=${BENCH_RUNS:-3}
out=$W2L_BUILD/bench-tailcall
rm -rf "$out" && mkdir -p "$out"
say() { echo "bench-tailcall: $*"; }
src=$here/tailcall
rt="-I$W2L_BUILD/include -I$out $out/machine.c $src/host.c $W2L_BUILD/libwasm2c-lite-rt.a -lm -ldl -lpthread"
# shellcheck disable=SC2086
"$W2L_BUILD/wasm2c-lite" "$src/machine.wat" -o "$out/machine.c" >"$out/build.log" 2>&1 &&
  gcc $OPTFLAGS -DNATIVE "$src/host.c" "$src/native.c" -o "$out/native" >>"$out/build.log" 2>&1 &&
  gcc $OPTFLAGS $rt -o "$out/gcc-trampoline" >>"$out/build.log" 2>&1 &&
  clang $OPTFLAGS $rt -o "$out/clang-musttail" >>"$out/build.log" 2>&1 &&
  clang $OPTFLAGS -DW2L_NO_MUSTTAIL $rt -o "$out/clang-trampoline" >>"$out/build.log" 2>&1 ||
  { say "build failed: $(grep -m1 -i error "$out/build.log")"; exit 1; }
VARIANTS="native gcc-trampoline clang-musttail clang-trampoline"
for r in $(seq "$RUNS"); do
  for v in $VARIANTS; do
    "$out/$v" "$STEPS" >"$out/$v.$r" || { say "$v failed"; exit 1; }
  done
done
want=$(sed 's/ seconds=.*//' "$out/native.1")
for v in $VARIANTS; do
  for r in $(seq "$RUNS"); do
    got=$(sed 's/ seconds=.*//' "$out/$v.$r")
    [ "$got" = "$want" ] || { say "$v run $r printed '$got', native '$want'"; exit 1; }
  done
done
# median seconds of variant $1, field $2 (1 direct, 2 indirect)
median() {
  cat "$out/$1".* | sed 's/.*seconds=//' | cut -d' ' -f"$2" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
nd=$(median native 1) ni=$(median native 2)
{
  echo "# Tail calls: a state machine of return_calls"
  echo
  echo "bench/tailcall/machine.wat, $STEPS steps of 3 tail calls each, direct (return_call) and"
  echo "through a table (return_call_indirect), against the same machine as a C loop; median"
  echo "of $RUNS alternating runs; load average before: $LOAD."
  echo
  echo "| variant | direct (s) | vs native | indirect (s) | vs native |"
  echo "|---|---:|---:|---:|---:|"
  for v in $VARIANTS; do
    d=$(median "$v" 1) i=$(median "$v" 2)
    awk -v v="$v" -v d="$d" -v i="$i" -v nd="$nd" -v ni="$ni" 'BEGIN {
      printf "| %s | %.3f | %.2fx | %.3f | %.2fx |\n", v, d, d / nd, i, i / ni }'
  done
} >"$out/results.md"
cat "$out/results.md"
