#!/bin/sh
# big.sh OUTDIR NFUNCS - translator and build-cost figures for `make bench`
# (called by run-bench.sh, which exports CC, OPTFLAGS, WASM_FLAGS, TIME,
# W2L_BUILD).  Builds one large module: gen-big's NFUNCS generated functions
# linked with every kernel; prints a markdown section on stdout.
#
# Times are CPU seconds (user + sys) from /usr/bin/time, so that the two
# compilations run side by side on a 2-core machine measure what they cost
# rather than how busy the machine was; peak memory is the maximum RSS.
set -u
here=$(cd "$(dirname "$0")" && pwd)
d=$1
nfuncs=$2
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
    echo "fail ${msg:-exit status $?}" >"$d/$name.fig"
  fi
}

cpu() { awk '$1 == "fail" {print "n/a"; exit} {printf "%.2f s", $1}' "$d/$1.fig"; }
rss() { awk '$1 == "fail" {print "n/a"; exit} {printf "%.1f MiB", $2 / 1024}' "$d/$1.fig"; }
why() { awk '$1 == "fail" {$1 = ""; print "not available:" $0}' "$d/$1.fig"; }
size() { if [ -f "$1" ]; then awk -v b="$(wc -c <"$1")" 'BEGIN {printf "%.2f MB", b / 1e6}'; else echo "n/a"; fi; }

# The module: generated source plus every kernel (exports run_NAME).
$CC -O2 -o "$d/gen-big" "$here/gen-big.c" || exit 1
"$d/gen-big" "$nfuncs" >"$d/big.c.new"
if [ -f "$d/big.wasm" ] && cmp -s "$d/big.c.new" "$d/big.c" && [ "$d/big.wasm" -nt "$here/kernels" ]; then
  rm -f "$d/big.c.new"
else
  mv "$d/big.c.new" "$d/big.c"
  echo "bench: compiling the large module ($nfuncs generated functions + kernels) with clang" >&2
  clang $WASM_FLAGS -DBENCH_COMBINED -I"$here/kernels" "$d/big.c" "$here"/kernels/*.c \
    -o "$d/big.wasm" 2>"$d/clang.log" || { echo "bench: clang failed on the large module" >&2; exit 1; }
fi

echo "bench: translating and compiling the large module ($(size "$d/big.wasm"))" >&2
measure translate-w2l "$W2L_BUILD/wasm2c-lite" "$d/big.wasm" -n big -o "$d/big_w2l.c"
measure translate-wabt wasm2c "$d/big.wasm" -n big -o "$d/big_wabt.c"
# Compilations two at a time (CPU time is what we report).
for opt in -O2 -O0; do
  if [ -f "$d/big_w2l.c" ] && ! grep -q fail "$d/translate-w2l.fig"; then
    measure "cc$opt-w2l" $CC $opt -DW2L_BOUNDS=1 -I"$W2L_BUILD/include" -c "$d/big_w2l.c" -o "$d/w2l$opt.o" &
  else
    echo "fail no wasm2c-lite output" >"$d/cc$opt-w2l.fig"
  fi
  measure "cc$opt-wabt" $CC $opt -I"$WABT_RT" -c "$d/big_wabt.c" -o "$d/wabt$opt.o"
  wait
done
native_src="$d/big.c $(ls "$here"/kernels/*.c | tr '\n' ' ')"
measure cc-O2-native sh -c "for f in $native_src; do $CC -O2 -I$here/kernels -c \$f -o $d/n.o || exit 1; done" &
measure cc-O0-native sh -c "for f in $native_src; do $CC -O0 -I$here/kernels -c \$f -o $d/n0.o || exit 1; done"
wait

ratio() { # ratio FIG_A FIG_B: cpu(a) / cpu(b)
  awk -v a="$(cat "$d/$1.fig")" -v b="$(cat "$d/$2.fig")" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    if (x[1] == "fail" || y[1] == "fail" || y[1] == 0) print "n/a"; else printf "%.2f×", x[1] / y[1] }'
}

cat <<EOF
## Translator and build cost

One large module: \`gen-big $nfuncs\` (generated C: integer, switch, float, indirect-call and
byte-traffic functions) linked with all kernels, \`clang $WASM_FLAGS\` →
**$(size "$d/big.wasm")** of wasm ($(size "$d/big.c") of generated C plus the kernels).
CPU seconds (user+sys) and peak RSS from \`/usr/bin/time\`; the two compilers' runs of each row
went side by side on the 2 cores.

| step | wasm2c-lite | wasm2c 1.0.32 | native C |
|---|---:|---:|---:|
| translate wasm → C: time | $(cpu translate-w2l) | $(cpu translate-wabt) | |
| translate: peak memory | $(rss translate-w2l) | $(rss translate-wabt) | |
| emitted C size | $(size "$d/big_w2l.c") | $(size "$d/big_wabt.c") | $(size "$d/big.c") + kernels |
| \`$CC -O2 -c\`: time | $(cpu cc-O2-w2l) | $(cpu cc-O2-wabt) | $(cpu cc-O2-native) |
| \`$CC -O2 -c\`: peak memory | $(rss cc-O2-w2l) | $(rss cc-O2-wabt) | $(rss cc-O2-native) |
| \`$CC -O0 -c\`: time | $(cpu cc-O0-w2l) | $(cpu cc-O0-wabt) | $(cpu cc-O0-native) |
| \`-O2\` time relative to native C | $(ratio cc-O2-w2l cc-O2-native) | $(ratio cc-O2-wabt cc-O2-native) | 1.00× |

EOF
for f in translate-w2l cc-O2-w2l cc-O0-w2l translate-wabt cc-O2-wabt cc-O2-native; do
  w=$(why $f)
  [ -n "$w" ] && echo "- $f: $w"
done
echo
