#!/bin/sh
# run-fuzz.sh - `make fuzz`: differential testing against binaryen's interpreter.
#
#   sh tests/fuzz/run-fuzz.sh N SEED
#
# For each seed SEED+1 .. SEED+N: fuzz_bytes makes random bytes, binaryen's
# fuzzer turns them into a valid module (wasm-opt -ttf --denan, WebAssembly 2.0
# features; SIMD in half of the modules), binaryen's interpreter runs it
# (--fuzz-exec-before: the reference), and our translator + a C compiler build
# it with tests/fuzz/fuzz_host.c, which runs it the same way and compares every
# event (calls, logged values, results, traps).  Configurations: gcc and clang,
# -O0 and -O2, guard pages and explicit checks (8 in all); FUZZ_CONFIGS=all runs
# each module in all 8, the default gives each module 2 of them in rotation so
# that every configuration sees every 4th module.
#
# Failure classes (each module is counted once, under its first failure):
#   rejected     the translator refused a valid module
#   cc           the emitted C did not compile, or warned (-Wall -Wextra)
#   mismatch     an event differed from the reference (value, trap, log)
#   crash        the host died (signal) or hung (FUZZ_TIMEOUT seconds, default 20)
# Skips (counted with their reason): binaryen could not make or run the module,
# or its interpreter hit a host limit (the reference is not meaningful then).
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
out=${FUZZ_OUT:-$W2L_BUILD/fuzz}
FEATURES="--enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory
  --enable-multivalue --enable-mutable-globals --disable-threads --disable-tail-call
  --disable-exception-handling --disable-gc --disable-memory64 --disable-reference-types"

for tool in wasm-opt gcc clang; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "fuzz: $tool is needed (apt-get install binaryen gcc clang)" >&2
    exit 2
  fi
done
mkdir -p "$out/fail" "$out/rt"

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

# one SEED: prints "ok", "skip REASON" or "fail CLASS CONFIG"
one() {
  s=$1
  d="$out/work/$s"
  rm -rf "$d" && mkdir -p "$d"
  simd=--disable-simd
  [ $((s / 4 % 2)) = 1 ] && simd=--enable-simd
  "$out/fuzz_bytes" "$s" "$SIZE" >"$d/in.bin"
  if ! wasm-opt "$d/in.bin" -ttf --denan $FEATURES $simd -o "$d/m.wasm" >/dev/null 2>&1; then
    echo "skip binaryen-ttf"; return
  fi
  if ! timeout "$TIMEOUT" wasm-opt "$d/m.wasm" $FEATURES $simd --fuzz-exec-before -q \
      >"$d/ref.txt" 2>&1; then
    echo "skip binaryen-interpreter"; return
  fi
  if grep -q '^\[host limit' "$d/ref.txt"; then echo "skip host-limit"; return; fi
  keep() { # CLASS CONFIG: keep the failing module
    f="$out/fail/$s-$1"
    mkdir -p "$f" && cp "$d"/* "$f/" 2>/dev/null
    echo "$2" >"$f/config"
    echo "fail $1 $2"
  }
  if ! "$W2L_BUILD/wasm2c-lite" "$d/m.wasm" -n fz -o "$d/fz.c" 2>"$d/translate.log"; then
    keep rejected translate; return
  fi
  for c in $(configs_for "$s"); do
    r=$(fuzz_run "$c" "$d" "$out/rt" "$TIMEOUT")
    case $r in
      ok) ;;
      skip) echo "skip host-cannot-run"; return ;;
      *) keep "$r" "$c"; return ;;
    esac
  done
  rm -rf "$d"
  echo ok
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
okn=$(grep -c ' ok$' "$results")
echo "fuzz: $total modules from seeds $((SEED + 1))..$((SEED + N)): $okn matched in every configuration run"
grep ' skip ' "$results" | awk '{print $3}' | sort | uniq -c | awk '{printf "  skipped: %s %s\n", $1, $2}'
grep ' fail ' "$results" | awk '{print $3}' | sort | uniq -c | awk '{printf "  FAILED: %s %s\n", $1, $2}'
grep ' fail ' "$results" | head -n 20 | awk -v o="$out/fail" '{printf "  seed %s: %s in %s (%s/%s-%s)\n", $1, $3, $4, o, $1, $3}'
fails=$(grep -c ' fail ' "$results")
echo "$okn passed, $fails failed"
[ "$fails" = 0 ]
