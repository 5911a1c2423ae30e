#!/bin/sh
# run-fuzz.sh - `make fuzz`: differential testing against binaryen's interpreter.
#
#   sh tests/fuzz/run-fuzz.sh N SEED
#
# For each seed SEED+1 .. SEED+N: fuzz_bytes makes random bytes, binaryen's
# fuzzer turns them into a valid module (wasm-opt -ttf --denan, WebAssembly 2.0
# features; SIMD in half of the modules, reference types in another half,
# threads (shared memory, atomics) in a third half, tail calls in a fourth),
# binaryen's interpreter runs it
# (--fuzz-exec-before: the reference), and our translator + a C compiler build
# it with tests/fuzz/fuzz_host.c, which runs it the same way and compares every
# event (calls, logged values, results, traps).  Configurations: gcc and clang,
# -O0 and -O2, guard pages and explicit checks (8 in all); FUZZ_CONFIGS=all runs
# each module in all 8, the default gives each module 2 of them in rotation so
# that every configuration sees every 4th module.
#
# Failure classes (each module is counted once, under its first failure):
#   rejected     the translator refused a valid module
#   accepted-invalid  the translator accepted a module wabt's validator rejects
#   cc           the emitted C did not compile, or warned (-Wall -Wextra)
#   mismatch     an event differed from the reference (value, trap, log)
#   crash        the host died (signal) or hung (FUZZ_TIMEOUT seconds, default 20)
# Skips (counted with their reason): binaryen could not make the module, or
# neither reference could run it, or the module is not standard WebAssembly:
# binaryen 108's reference types predate the standard's (funcref as a subtype
# of externref, typed function references), so a module made with them runs
# only if wabt's validator (wasm-validate, the 2.0 features) accepts it; one
# that wabt rejects and our translator accepts fails as "accepted-invalid".
#
# The second reference is wabt's interpreter (tests/fuzz/wabt_ref.mjs, needs
# node and wabt).  It stands in where binaryen's interpreter is unsure: when it
# fails or times out, or hits one of its host limits.  And when our result
# differs from binaryen's, the module is run against wabt's as well: if it
# matches that one, the two references disagree and the module counts as
# "skip references-disagree", kept in FUZZ_OUT/disagree for a look (a real
# miscompile differs from both).  FUZZ_REF2=always checks every module against
# both references (a campaign setting: ~0.3 s more per module).
#
# Failing modules are kept in FUZZ_OUT/fail (default $W2L_BUILD/fuzz/fail) with
# the reference, our output and the compiler log; tests/fuzz/reduce.sh shrinks
# one with wasm-reduce.  Exit status: 0 if nothing failed.
# Environment: W2L_BUILD (built with `make`), W2L_ROOT; FUZZ_SIZE (random
# bytes per module, default 2000), FUZZ_J (modules at a time, default 2).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${W2L_BUILD:?run through make fuzz}"
N=${1:-100}
SEED=${2:-0}
SIZE=${FUZZ_SIZE:-2000}
JOBS=${FUZZ_J:-2}
TIMEOUT=${FUZZ_TIMEOUT:-20}
CONFIGS=${FUZZ_CONFIGS:-rotate}
REF2=${FUZZ_REF2:-unsure}
out=${FUZZ_OUT:-$W2L_BUILD/fuzz}
FEATURES="--enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory
  --enable-multivalue --enable-mutable-globals
  --disable-exception-handling --disable-gc --disable-memory64"

for tool in wasm-opt wasm-validate gcc clang; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "fuzz: $tool is needed (apt-get install binaryen wabt gcc clang)" >&2
    exit 2
  fi
done
mkdir -p "$out/fail" "$out/disagree" "$out/rt"
have_wabt=0
command -v node >/dev/null 2>&1 && command -v wasm-interp >/dev/null 2>&1 && have_wabt=1
[ $have_wabt = 1 ] || echo "fuzz: no second reference (wabt's interpreter needs node and wabt)" >&2

# The tools: the byte generator and a runtime library per memory strategy.
. "$here/common.sh"
cc -std=c11 -O2 -Wall -Wextra -Werror "$here/fuzz_bytes.c" -o "$out/fuzz_bytes" || exit 2
fuzz_runtime "$out/rt" || exit 2

ALL="gcc:-O2:1 clang:-O2:0 gcc:-O0:0 clang:-O0:1 gcc:-O2:0 clang:-O2:1 gcc:-O0:1 clang:-O0:0"
configs_for() { # SEED -> the configurations its module runs in
  if [ "$CONFIGS" = all ]; then echo "$ALL"; return; fi
  k=$(( ($1 % 4) * 2 + 1 ))
  echo "$ALL" | cut -d' ' -f"$k-$((k + 1))"
}

# wabt_ref DIR: wabt's interpreter's events for DIR/m.wasm into DIR/ref-wabt.txt
wabt_ref() {
  [ $have_wabt = 1 ] && node "$here/wabt_ref.mjs" "$1/m.wasm" >"$1/ref-wabt.txt" 2>"$1/wabt.log"
}

# use_wabt DIR: wabt's interpreter becomes the reference (binaryen's is kept
# as ref-binaryen.txt); fails if it could not run the module either
use_wabt() {
  wabt_ref "$1" || return 1
  mv "$1/ref.txt" "$1/ref-binaryen.txt" && cp "$1/ref-wabt.txt" "$1/ref.txt"
}

# one SEED: prints "ok" (or "ok wabt" when only wabt's interpreter was the
# reference), "skip REASON" or "fail CLASS CONFIG"
one() {
  s=$1
  d="$out/work/$s"
  rm -rf "$d" && mkdir -p "$d"
  simd=--disable-simd
  [ $((s / 4 % 2)) = 1 ] && simd=--enable-simd
  refs=--disable-reference-types
  [ $((s / 8 % 2)) = 1 ] && refs=--enable-reference-types
  threads=--disable-threads
  [ $((s / 16 % 2)) = 1 ] && threads=--enable-threads
  tail=--disable-tail-call
  [ $((s / 32 % 2)) = 1 ] && tail=--enable-tail-call
  keep() { # CLASS CONFIG: keep the failing module
    f="$out/fail/$s-$1"
    mkdir -p "$f" && cp "$d"/* "$f/" 2>/dev/null
    echo "$2" >"$f/config"
    echo "fail $1 $2"
  }
  "$out/fuzz_bytes" "$s" "$SIZE" >"$d/in.bin"
  if ! wasm-opt "$d/in.bin" -ttf --denan $FEATURES $simd $refs $threads $tail -o "$d/m.wasm" >/dev/null 2>&1; then
    echo "skip binaryen-ttf"; return
  fi
  if [ $refs = --enable-reference-types ] &&
    ! wasm-validate $(echo "$threads $tail" | grep -o -- '--enable-[a-z-]*') "$d/m.wasm" >"$d/validate.log" 2>&1; then
    if "$W2L_BUILD/wasm2c-lite" "$d/m.wasm" -n fz -o "$d/fz.c" 2>"$d/translate.log"; then
      keep accepted-invalid translate; return
    fi
    rm -rf "$d"; echo "skip not-standard"; return
  fi
  ref=binaryen
  if ! timeout "$TIMEOUT" wasm-opt "$d/m.wasm" $FEATURES $simd $refs $threads $tail --fuzz-exec-before -q \
      >"$d/ref.txt" 2>&1; then
    use_wabt "$d" || { echo "skip binaryen-interpreter"; return; }
    ref=wabt
  elif grep -q '^\[host limit' "$d/ref.txt"; then
    use_wabt "$d" || { echo "skip host-limit"; return; }
    ref=wabt
  elif [ "$REF2" = always ]; then
    wabt_ref "$d" || rm -f "$d/ref-wabt.txt"
  fi
  disagree() { # CONFIG: the two references differ, ours matches one of them
    mkdir -p "$out/disagree/$s" && cp "$d"/* "$out/disagree/$s/" 2>/dev/null
    echo "$1" >"$out/disagree/$s/config"
    echo "skip references-disagree"
  }
  if ! "$W2L_BUILD/wasm2c-lite" "$d/m.wasm" -n fz -o "$d/fz.c" 2>"$d/translate.log"; then
    keep rejected translate; return
  fi
  for c in $(configs_for "$s"); do
    r=$(fuzz_run "$c" "$d" "$out/rt" "$TIMEOUT")
    if [ "$r" = mismatch ] && [ $ref = binaryen ] && wabt_ref "$d" &&
        [ "$(fuzz_check "$(fuzz_exe "$c" "$d")" "$d/ref-wabt.txt" "$TIMEOUT" -wabt)" = ok ]; then
      disagree "$c"; return
    fi
    case $r in
      ok) ;;
      skip) echo "skip host-cannot-run"; return ;;
      *) keep "$r" "$c"; return ;;
    esac
    if [ -f "$d/ref-wabt.txt" ] && [ $ref = binaryen ] &&
        [ "$(fuzz_check "$(fuzz_exe "$c" "$d")" "$d/ref-wabt.txt" "$TIMEOUT" -wabt)" != ok ]; then
      disagree "$c"; return
    fi
  done
  rm -rf "$d"
  [ $ref = wabt ] && echo "ok wabt" || echo ok
}

# Run N seeds, JOBS at a time, collecting one result line per seed.
results="$out/results.txt"
: >"$results"
i=1
start=$(date +%s)
while [ $i -le "$N" ]; do
  j=0
  while [ $j -lt "$JOBS" ] && [ $i -le "$N" ]; do
    s=$((SEED + i))
    (r=$(one $s); echo "$s $r" >>"$results") &
    i=$((i + 1)) j=$((j + 1))
  done
  wait
  if [ $((i % 50)) -lt "$JOBS" ] || [ $i -gt "$N" ]; then
    done_n=$(wc -l <"$results")
    bad=$(grep -c ' fail ' "$results")
    echo "fuzz: $done_n/$N modules, $bad failed, $(( $(date +%s) - start )) s"
  fi
done
rm -rf "$out/work"

total=$(wc -l <"$results")
okn=$(grep -c ' ok' "$results")
wabtn=$(grep -c ' ok wabt$' "$results")
echo "fuzz: $total modules from seeds $((SEED + 1))..$((SEED + N)): $okn matched in every configuration run"
[ "$wabtn" = 0 ] || echo "  ($wabtn of them against wabt's interpreter, where binaryen's could not be used)"
[ "$REF2" = always ] && echo "  every module was also checked against wabt's interpreter (FUZZ_REF2=always)"
grep ' skip ' "$results" | awk '{print $3}' | sort | uniq -c | awk '{printf "  skipped: %s %s\n", $1, $2}'
grep -q ' skip references-disagree' "$results" && echo "  (modules where the references disagree are in $out/disagree)"
grep ' fail ' "$results" | awk '{print $3}' | sort | uniq -c | awk '{printf "  FAILED: %s %s\n", $1, $2}'
grep ' fail ' "$results" | head -n 20 | awk -v o="$out/fail" '{printf "  seed %s: %s in %s (%s/%s-%s)\n", $1, $3, $4, o, $1, $3}'
fails=$(grep -c ' fail ' "$results")
echo "$okn passed, $fails failed"
[ "$fails" = 0 ]
