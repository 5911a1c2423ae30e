#!/bin/sh
# exceptions.sh - the exception benchmark (part of `make bench`):
# bench/exceptions/kernel.wat, a loop whose body calls three frames deep in a
# try_table, the deepest frame throwing every iteration ("every"), every 64th
# ("rare") or never ("never"), and the same loop without the try_table
# ("plain"), against the same loops in C with setjmp/longjmp (native.c):
#   native   gcc $BENCH_OPT
#   gcc      wasm2c-lite -> gcc
#   clang    wasm2c-lite -> clang
# Every variant must print the same sums.  BENCH_RUNS runs each (default 3,
# alternating); the median times and the ratio to native are written to
# $W2L_BUILD/bench-exceptions/results.md.  BENCH_ITERS: loop length (default 10^7).
set -u
LOAD=$(cut -d" " -f1-3 /proc/loadavg 2>/dev/null)
here=$(cd "$(dirname "$0")" && pwd)
: "${W2L_BUILD:?run through make bench}"
OPTFLAGS=${BENCH_OPT:--O2}
ITERS=${BENCH_ITERS:-10000000}
RUNS=${BENCH_RUNS:-3}
out=$W2L_BUILD/bench-exceptions
rm -rf "$out" && mkdir -p "$out"
say() { echo "bench-exceptions: $*"; }
src=$here/exceptions
# The runtime library of W2L_BUILD may be built with sanitizers (`make
# sanitize`) or for explicit bounds checks: what links it is compiled the same way.
BUILDFLAGS=$(for f in ${W2L_CFLAGS:-}; do
  case $f in -fsanitize*|-fno-sanitize*|-DW2L_BOUNDS=*) printf '%s ' "$f" ;; esac
done)
OPTFLAGS="$OPTFLAGS $BUILDFLAGS"
rt="-I$W2L_BUILD/include -I$out $out/kernel.c $src/host.c $W2L_BUILD/libwasm2c-lite-rt.a -lm -ldl -lpthread"
# shellcheck disable=SC2086
"$W2L_BUILD/wasm2c-lite" "$src/kernel.wat" -o "$out/kernel.c" >"$out/build.log" 2>&1 &&
  gcc $OPTFLAGS -DNATIVE "$src/host.c" "$src/native.c" -o "$out/native" >>"$out/build.log" 2>&1 &&
  gcc $OPTFLAGS $rt -o "$out/gcc" >>"$out/build.log" 2>&1 &&
  clang $OPTFLAGS $rt -o "$out/clang" >>"$out/build.log" 2>&1 ||
  { say "build failed: $(grep -m1 -i error "$out/build.log")"; exit 1; }
VARIANTS="native gcc clang"
for r in $(seq "$RUNS"); do
  for v in $VARIANTS; do
    "$out/$v" "$ITERS" >"$out/$v.$r" || { say "$v failed"; exit 1; }
  done
done
want=$(sed 's/ seconds=.*//' "$out/native.1")
for v in $VARIANTS; do
  for r in $(seq "$RUNS"); do
    got=$(sed 's/ seconds=.*//' "$out/$v.$r")
    [ "$got" = "$want" ] || { say "$v run $r printed '$got', native '$want'"; exit 1; }
  done
done
# median seconds of variant $1, field $2 (1 every, 2 rare, 3 never, 4 plain)
median() {
  cat "$out/$1".* | sed 's/.*seconds=//' | cut -d' ' -f"$2" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
{
  echo "# Exceptions: throw and catch through three frames"
  echo
  echo "bench/exceptions/kernel.wat, $ITERS iterations, each calling three frames deep in a"
  echo "try_table that catches what the deepest throws (every iteration, every 64th, never), and"
  echo "the loop without the try_table; against the same loops in C with setjmp/longjmp; median"
  echo "of $RUNS alternating runs (ns per iteration); load average before: $LOAD."
  echo
  echo "| variant | every (ns) | vs native | rare (ns) | vs native | never (ns) | vs native | plain (ns) | vs native |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for v in $VARIANTS; do
    line="| $v"
    for f in 1 2 3 4; do
      line="$line$(awk -v t="$(median "$v" $f)" -v b="$(median native $f)" -v n="$ITERS" 'BEGIN {
        printf " | %.1f | %s", t / n * 1e9, (b > 0 ? sprintf("%.2fx", t / b) : "-") }')"
    done
    echo "$line |"
  done
} >"$out/results.md"
cat "$out/results.md"
