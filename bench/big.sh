#!/bin/sh
# big.sh OUTDIR NBIG NMID - translator and build-cost figures for `make bench`
# (called by run-bench.sh, which exports CC, WASM_FLAGS, TIME, W2L_BUILD).
# Builds two modules from gen-big's generated functions, each linked with every
# kernel: "big" (NBIG functions, ~2.8 MB of wasm) for translation time and
# memory, and "mid" (NMID functions: the first NMID of big's) for the C
# compile times, which on big would take most of the 15 minutes `make bench`
# may use.  Prints a markdown section on stdout.
#
# Times are CPU seconds (user + sys) from /usr/bin/time, so that two
# compilations run side by side on a 2-core machine measure what they cost
# rather than how busy the machine was; peak memory is the maximum RSS.
set -u
here=$(cd "$(dirname "$0")" && pwd)
d=$1
nbig=$2
nmid=$3
WABT_RT=/usr/share/wabt/wasm2c
mkdir -p "$d"

# measure NAME CMD...: run CMD under /usr/bin/time; NAME.fig gets "cpu_s rss_kib"
# or "fail FIRST-ERROR-LINE".
measure() {
  name=$1
  shift
  if [ -z "$TIME" ]; then
    echo "fail /usr/bin/time missing (apt-get install time)" >"$d/$name.fig"
    return
  fi
  if "$TIME" -f "%U %S %M" -o "$d/$name.time" "$@" >"$d/$name.log" 2>&1; then
    awk '{printf "%.2f %d\n", $1 + $2, $3}' "$d/$name.time" >"$d/$name.fig"
  else
    msg=$(grep -m1 -iE 'error|fault|abort' "$d/$name.log" | cut -c1-160)
    [ -z "$msg" ] && msg=$(head -n 1 "$d/$name.log" | cut -c1-160)
    echo "fail ${msg:-failed}" >"$d/$name.fig"
  fi
}

cpu() { awk '$1 == "fail" {print "n/a"; exit} {printf "%.2f s", $1}' "$d/$1.fig"; }
rss() { awk '$1 == "fail" {print "n/a"; exit} {printf "%.1f MiB", $2 / 1024}' "$d/$1.fig"; }
why() { awk '$1 == "fail" {$1 = ""; print "not available:" $0}' "$d/$1.fig"; }
size() { if [ -f "$1" ]; then awk -v b="$(wc -c <"$1")" 'BEGIN {printf "%.2f MB", b / 1e6}'; else echo "n/a"; fi; }
ratio() { # ratio FIG_A FIG_B: cpu(a) / cpu(b)
  awk -v a="$(cat "$d/$1.fig")" -v b="$(cat "$d/$2.fig")" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    if (x[1] == "fail" || y[1] == "fail" || y[1] == 0) print "n/a"; else printf "%.2f×", x[1] / y[1] }'
}

# module NAME NFUNCS: NAME.c (generated) and NAME.wasm (with every kernel,
# which export run_KERNEL), rebuilt only when the generated source changes.
module() {
  "$d/gen-big" "$2" >"$d/$1.c.new"
  if [ -f "$d/$1.wasm" ] && cmp -s "$d/$1.c.new" "$d/$1.c"; then
    rm -f "$d/$1.c.new"
    return 0
  fi
  mv "$d/$1.c.new" "$d/$1.c"
  echo "bench: compiling the $1 module ($2 generated functions + kernels) with clang" >&2
  clang $WASM_FLAGS -DBENCH_COMBINED -I"$here/kernels" "$d/$1.c" "$here"/kernels/*.c \
    -o "$d/$1.wasm" 2>"$d/$1-clang.log" || { rm -f "$d/$1.wasm"; return 1; }
}
$CC -O2 -o "$d/gen-big" "$here/gen-big.c" || exit 1
module big "$nbig" || { echo "bench: clang failed on the big module" >&2; exit 1; }
module mid "$nmid" || { echo "bench: clang failed on the mid module" >&2; exit 1; }

echo "bench: translating the big module ($(size "$d/big.wasm"))" >&2
measure translate-w2l "$W2L_BUILD/wasm2c-lite" "$d/big.wasm" -n big -o "$d/big_w2l.c"
measure translate-wabt wasm2c "$d/big.wasm" -n big -o "$d/big_wabt.c"

echo "bench: compiling the translations of the mid module ($(size "$d/mid.wasm"))" >&2
"$W2L_BUILD/wasm2c-lite" "$d/mid.wasm" -n mid -o "$d/mid_w2l.c" >"$d/mid-w2l.log" 2>&1 ||
  rm -f "$d/mid_w2l.c"
wasm2c "$d/mid.wasm" -n mid -o "$d/mid_wabt.c" >"$d/mid-wabt.log" 2>&1 || rm -f "$d/mid_wabt.c"
# Two compilations at a time (CPU time is what we report).
for opt in -O2 -O0; do
  if [ -f "$d/mid_w2l.c" ]; then
    measure "cc$opt-w2l" $CC $opt -DW2L_BOUNDS=1 -I"$W2L_BUILD/include" -c "$d/mid_w2l.c" \
      -o "$d/w2l$opt.o" &
  else
    echo "fail $(grep -m1 error "$d/mid-w2l.log" | cut -c1-160)" >"$d/cc$opt-w2l.fig"
  fi
  measure "cc$opt-wabt" $CC $opt -I"$WABT_RT" -c "$d/mid_wabt.c" -o "$d/wabt$opt.o"
  wait
done
# Split output: the mid module as one C file and as --num-outputs 2 and 4,
# compiled with 2 jobs (the machine's cores); wall time, nothing else running.
for n in 1 2 4; do
  "$W2L_BUILD/wasm2c-lite" "$d/mid.wasm" -n mid -o "$d/split$n.c" --num-outputs $n >/dev/null 2>&1
  files=$(ls "$d/split$n.c" "$d/split${n}"_[0-9]*.c 2>/dev/null)
  t0=$(date +%s%N)
  if echo "$files" | xargs -P 2 -I{} $CC -O2 -DW2L_BOUNDS=1 -I"$W2L_BUILD/include" -c {} -o {}.o \
      >"$d/split$n.log" 2>&1; then
    echo "$(( ($(date +%s%N) - t0) / 1000000 ))" | awk '{ printf "%.2f\n", $1 / 1000 }' >"$d/split$n.wall"
  else
    echo fail >"$d/split$n.wall"
  fi
done
wratio() { awk -v a="$(cat "$d/$1.wall")" -v b="$(cat "$d/$2.wall")" 'BEGIN {
  if (a == "fail" || b == "fail" || b == 0) print "n/a"; else printf "%.2f×", a / b }'; }
wsec() { awk '$1 == "fail" { print "n/a"; exit } { printf "%.1f s", $1 }' "$d/$1.wall"; }
native_src="$d/mid.c $(ls "$here"/kernels/*.c | tr '\n' ' ')"
for opt in -O2 -O0; do
  measure "cc$opt-native" sh -c \
    "for f in $native_src; do $CC $opt -I$here/kernels -c \$f -o $d/n$opt.o || exit 1; done" &
done
wait

cat <<EOF
## Translator and build cost

Modules: \`gen-big N\` (generated C: integer, switch, float, indirect-call and byte-traffic
functions) linked with all kernels by \`clang $WASM_FLAGS\`.
Translation: the **big** module, $nbig functions, **$(size "$d/big.wasm")** of wasm.
C compile times: the **mid** module, its first $nmid functions, $(size "$d/mid.wasm") of wasm
($(size "$d/mid.c") of generated C, plus the kernels' sources for the original-C column).
CPU seconds (user+sys) and peak RSS from \`/usr/bin/time\`; the runs of one row went side by side
on the 2 cores.

| big module ($(size "$d/big.wasm")) | wasm2c-lite | wasm2c 1.0.32 |
|---|---:|---:|
| translate wasm → C: time | $(cpu translate-w2l) | $(cpu translate-wabt) |
| translate: peak memory | $(rss translate-w2l) | $(rss translate-wabt) |
| emitted C size | $(size "$d/big_w2l.c") | $(size "$d/big_wabt.c") |

| mid module ($(size "$d/mid.wasm")) | wasm2c-lite output | wasm2c output | original C |
|---|---:|---:|---:|
| C size | $(size "$d/mid_w2l.c") | $(size "$d/mid_wabt.c") | $(size "$d/mid.c") + kernels |
| \`$CC -O2 -c\`: time | $(cpu cc-O2-w2l) | $(cpu cc-O2-wabt) | $(cpu cc-O2-native) |
| \`$CC -O2 -c\`: peak memory | $(rss cc-O2-w2l) | $(rss cc-O2-wabt) | $(rss cc-O2-native) |
| \`$CC -O0 -c\`: time | $(cpu cc-O0-w2l) | $(cpu cc-O0-wabt) | $(cpu cc-O0-native) |
| \`-O2\` time relative to the original C | $(ratio cc-O2-w2l cc-O2-native) | $(ratio cc-O2-wabt cc-O2-native) | 1.00× |

Split output (\`--num-outputs N\`), the mid module compiled with \`$CC -O2\` by 2 parallel jobs:
wall time $(wsec split1) as one file, $(wsec split2) as 2 files ($(wratio split2 split1)),
$(wsec split4) as 4 files ($(wratio split4 split1)).

EOF
for f in translate-w2l translate-wabt cc-O2-w2l cc-O0-w2l cc-O2-wabt cc-O2-native; do
  w=$(why $f)
  [ -n "$w" ] && echo "- $f: $w"
done
echo
