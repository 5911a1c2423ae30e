#!/bin/sh
# keep-cost.sh - what guard mode pays so that a dead load still traps: every
# kernel's wasm2c-lite C (from the last `make bench`) is built again with
# W2L_KEEP, W2L_KEEP_FP and W2L_PROBE emptied (the state before the fix, when
# gcc could delete an unused load and its trap), and both builds run
# alternately; prints the median CPU seconds of each and their ratio.
#
#   W2L_BUILD=build sh bench/keep-cost.sh [RUNS]     (after make bench)
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${W2L_BUILD:?set W2L_BUILD to the build directory make bench used}"
B=$(cd "$W2L_BUILD" && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$B/include" "$work/include"
# Cut the guard-mode definitions of the three macros (the #if block that opens
# with w2l_keep_sink), keep its #else part: the empty ones.
awk 'held != "" { if ($0 ~ /^static inline void w2l_keep_sink/) { depth = 1; state = "cut" }
                  else print held; held = "" }
     state == "" && /^#if W2L_BOUNDS == W2L_BOUNDS_GUARD$/ { held = $0; next }
     state == "cut" || state == "else" {
       if ($0 ~ /^#if/) depth++
       else if ($0 ~ /^#endif/ && --depth == 0) { state = "done"; next }
       else if ($0 ~ /^#else/ && depth == 1) { state = "else"; next }
       if (state == "cut") next
     }
     { print }' "$B/include/w2l.h" >"$work/include/w2l.h"
grep -q 'define W2L_KEEP(v) ((void)0)' "$work/include/w2l.h" || { echo "keep-cost: w2l.h changed shape" >&2; exit 2; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-10s %9s %9s %7s\n' kernel keep no-keep ratio
for d in "$B"/bench/*/; do
  k=$(basename "$d")
  [ -x "$d/w2l-guard" ] && [ -f "$d/bench_w2l.c" ] || continue
  wasi=
  [ -f "$here/programs/$k.c" ] && wasi=-DBENCH_WASI # a WASI program (w2l_wasi.h from $B)
  ${W2L_CC:-cc} -O2 -DW2L_BOUNDS=1 $wasi -I"$work/include" -I"$B/include" -I"$d" "$d/bench_w2l.c" "$here/host-w2l.c" \
    "$B/libwasm2c-lite-rt.a" -lm -o "$work/$k" || continue
  : >"$work/a" && : >"$work/b"
  i=0
  while [ $i -lt "$runs" ]; do
    "$d/w2l-guard" | cut -d' ' -f2 >>"$work/a"
    "$work/$k" | cut -d' ' -f2 >>"$work/b"
    i=$((i + 1))
  done
  a=$(median <"$work/a") b=$(median <"$work/b")
  printf '%-10s %9s %9s %7s\n' "$k" "$a" "$b" "$(echo "$a $b" | awk '{printf "%.3f", $1 / $2}')"
done
