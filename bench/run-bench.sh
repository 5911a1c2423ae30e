#!/bin/sh
# run-bench.sh - `make bench`: build every kernel natively and through wasm (our
# translator in both memory strategies, and wabt's wasm2c), check that all
# variants print the same checksum, time them alternately, and write
# bench/results.md and bench/results.svg.  Then the translator and build-cost
# figures on one large generated module.  See bench/README.md.
#
# Environment (from the Makefile): W2L_BUILD, W2L_CC, W2L_CFLAGS.
# Knobs:
#   BENCH_KERNELS="fib lisp"  only these kernels or programs (default: every
#                             kernels/*.c, then every programs/*.c)
#   BENCH_RUNS=N              timed runs per variant (default 3)
#   BENCH_REPS=N              pass N to every kernel (0 = full size, the default;
#                             1 = tiny inputs, what the smoke test uses)
#   BENCH_BIG=0               skip the large-module translator/build figures
#   BENCH_BIG_FUNCS=N         functions in the module translated (default 12000, ~2.8 MB)
#   BENCH_MID_FUNCS=N         functions in the module whose C is compiled (default 2000)
#   BENCH_REPORT=dir          where results.md/.svg go (default: bench/ of the repo)
#   BENCH_OPT=-O1             C optimisation flags of every variant (default -O2)
#   BENCH_TIMEOUT=S           a run taking longer fails as "timed out" (default 120)
#   BENCH_OUT=dir             build and log directory (default $W2L_BUILD/bench)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
: "${W2L_BUILD:?run through make bench}"
CC=${W2L_CC:-cc}
RUNS=${BENCH_RUNS:-3}
REPS=${BENCH_REPS:-0}
BIG=${BENCH_BIG:-1}
BIG_FUNCS=${BENCH_BIG_FUNCS:-12000}
MID_FUNCS=${BENCH_MID_FUNCS:-2000}
REPORT=${BENCH_REPORT:-$here}
out=${BENCH_OUT:-$W2L_BUILD/bench}
OPTFLAGS=${BENCH_OPT:--O2}
# On x86-64 every variant's code is assembled so that no jump crosses or ends
# at a 32-byte boundary: the same loop otherwise ran 1.7 s or 2.4 s depending
# only on where it landed (matmul, same instructions; AMD EPYC), which measures
# luck, not code.  BENCH_LAYOUT= (empty) turns it off.
if [ "$(uname -m)" = x86_64 ]; then LAYOUT=${BENCH_LAYOUT--Wa,-mbranches-within-32B-boundaries}; else LAYOUT=${BENCH_LAYOUT-}; fi
TIMEOUT=${BENCH_TIMEOUT:-120}
WABT_RT=/usr/share/wabt/wasm2c
WASM_FLAGS="--target=wasm32 -nostdlib -O2 -Wl,--no-entry -Wl,-z,stack-size=1048576"
# The programs/ use libc: wasi-libc, as a reactor (no main; _initialize runs
# libc's constructors, then the host times run()).
WASI_FLAGS="--target=wasm32-wasi -mexec-model=reactor -O2 -Wl,-z,stack-size=1048576"
VARIANTS="w2l-guard w2l-explicit wabt-guard wabt-explicit"
mkdir -p "$out" "$REPORT"

say() { echo "bench: $*"; }

# ---------------------------------------------------------------- tools
# Install what is missing (as root on Debian), then check.
need_pkgs=""
command -v clang >/dev/null 2>&1 || need_pkgs="$need_pkgs clang"
command -v wasm-ld >/dev/null 2>&1 || command -v wasm-ld-14 >/dev/null 2>&1 || need_pkgs="$need_pkgs lld"
command -v wasm2c >/dev/null 2>&1 && [ -f "$WABT_RT/wasm-rt-impl.c" ] || need_pkgs="$need_pkgs wabt"
[ -x /usr/bin/time ] || need_pkgs="$need_pkgs time"
if [ -n "$need_pkgs" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing$need_pkgs ..."
    (apt-get update -qq && apt-get install -y -qq $need_pkgs) >/dev/null 2>&1
  else
    say "missing packages:$need_pkgs (apt-get install$need_pkgs)"
  fi
fi
for tool in clang wasm2c "$CC"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: error: $tool not found" >&2; exit 1; }
done
# clang needs a wasm-ld on its path; Debian ships it as wasm-ld-14 in some setups.
if ! command -v wasm-ld >/dev/null 2>&1; then
  for v in wasm-ld-17 wasm-ld-16 wasm-ld-15 wasm-ld-14; do
    if command -v $v >/dev/null 2>&1; then
      mkdir -p "$out/bin" && ln -sf "$(command -v $v)" "$out/bin/wasm-ld"
      PATH="$out/bin:$PATH"
      export PATH
      break
    fi
  done
fi
printf '__attribute__((export_name("f"))) int f(int x) { return x + 1; }\n' >"$out/probe.c"
if ! clang $WASM_FLAGS "$out/probe.c" -o "$out/probe.wasm" 2>"$out/probe.err"; then
  echo "bench: error: clang cannot build wasm32 modules:" >&2
  cat "$out/probe.err" >&2
  exit 1
fi
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""

# ---------------------------------------------------------------- runtimes
# Our runtime in explicit-bounds mode goes to its own build dir; the guard-page
# one is the default build (W2L_BUILD).
# Under `make sanitize` the runtime library is built with sanitizers: the
# wasm2c-lite variants must be compiled and linked with the same flags.
SANFLAGS=$(for f in ${W2L_CFLAGS:-}; do case $f in -fsanitize*|-fno-sanitize*) printf '%s ' "$f";; esac; done)
# The default build's runtime serves the strategy it was built with (W2L_CFLAGS
# says which); the other strategy gets its own build dir.
case " ${W2L_CFLAGS:-} " in
  *" -DW2L_BOUNDS=0 "*) W2L_EXPL="$W2L_BUILD" W2L_GUARD="$W2L_BUILD/bench-guard" other=guard ;;
  *) W2L_GUARD="$W2L_BUILD" W2L_EXPL="$W2L_BUILD/bench-explicit" other=explicit ;;
esac
if [ $other = guard ]; then other_dir=$W2L_GUARD; else other_dir=$W2L_EXPL; fi
say "building the $other-bounds runtime in $other_dir"
if ! make -s -C "$root" BUILD="$other_dir" BOUNDS=$other CC="$CC" SAN="${SANFLAGS:+1}" \
    "$other_dir/libwasm2c-lite-rt.a" headers >"$out/rt-$other.log" 2>&1; then
  say "$other runtime failed to build (see $out/rt-$other.log)"
fi
# wabt's runtime, once per memory strategy.
for mode in guard explicit; do
  flag=1
  [ $mode = explicit ] && flag=0
  $CC $OPTFLAGS $LAYOUT -DWASM_RT_MEMCHECK_SIGNAL_HANDLER=$flag -I"$WABT_RT" -c \
    "$WABT_RT/wasm-rt-impl.c" -o "$out/wasm-rt-$mode.o" 2>"$out/wasm-rt-$mode.log" ||
    say "wabt runtime ($mode) failed to build"
done

# ---------------------------------------------------------------- build
programs=$(cd "$here/programs" && ls *.c | sed 's/\.c$//')
if [ -n "${BENCH_KERNELS:-}" ]; then
  kernels=$BENCH_KERNELS
else
  kernels="$(cd "$here/kernels" && ls *.c | sed 's/\.c$//') $programs"
fi
is_program() { [ -f "$here/programs/$1.c" ]; }
for k in $kernels; do
  if is_program "$k"; then
    sh "$root/samples/ensure-wasi-sdk.sh" >"$out/wasi-sdk.log" 2>&1 ||
      say "no wasm32-wasi C library: the programs' wasm variants will fail (see $out/wasi-sdk.log)"
    break
  fi
done

# status FILE MSG: record why a variant is not available (first line of the error).
fail() {
  msg=$(grep -m1 -E 'error|Error|fault|trap|not|fail' "$2" 2>/dev/null || head -n 1 "$2" 2>/dev/null)
  [ -z "$msg" ] && msg="$3"
  printf '%s: %s\n' "$3" "$(echo "$msg" | cut -c1-160)" >"$1"
}

build_kernel() {
  k=$1
  d="$out/$k"
  rm -rf "$d"
  mkdir -p "$d"
  # A program (libc, WASI) or a kernel (freestanding): the hosts are the same
  # files, -DBENCH_WASI links the WASI (ours, or wasi-wabt.c's for wasm2c).
  if is_program "$k"; then
    src="$here/programs/$k.c" wflags=$WASI_FLAGS wasi=-DBENCH_WASI shim="$here/wasi-wabt.c"
  else
    src="$here/kernels/$k.c" wflags=$WASM_FLAGS wasi= shim=
  fi
  if ! $CC $OPTFLAGS $LAYOUT -I"$here/kernels" "$src" "$here/host-native.c" -lm -o "$d/native" 2>"$d/native.log"; then
    fail "$d/native.status" "$d/native.log" "native build failed"
  fi
  if ! clang $wflags -I"$here/kernels" "$src" -o "$d/$k.wasm" 2>"$d/wasm.log"; then
    for v in $VARIANTS; do fail "$d/$v.status" "$d/wasm.log" "clang wasm32 build failed"; done
    return
  fi
  # wasm2c-lite, then gcc in each memory strategy.
  if ! timeout "$TIMEOUT" "$W2L_BUILD/wasm2c-lite" "$d/$k.wasm" -n bench -o "$d/bench_w2l.c" >"$d/w2l.log" 2>&1; then
    fail "$d/w2l-guard.status" "$d/w2l.log" "wasm2c-lite failed"
    cp "$d/w2l-guard.status" "$d/w2l-explicit.status"
  else
    for mode in guard explicit; do
      if [ $mode = guard ]; then b=1 rt="$W2L_GUARD"; else b=0 rt="$W2L_EXPL"; fi
      if ! $CC $OPTFLAGS $LAYOUT $SANFLAGS -DW2L_BOUNDS=$b $wasi -I"$rt/include" -I"$d" "$d/bench_w2l.c" "$here/host-w2l.c" \
          "$rt/libwasm2c-lite-rt.a" -lm -o "$d/w2l-$mode" >"$d/w2l-$mode.log" 2>&1; then
        fail "$d/w2l-$mode.status" "$d/w2l-$mode.log" "gcc on wasm2c-lite output failed"
      fi
    done
  fi
  # wabt's wasm2c, then gcc in each memory strategy.  Its explicit mode counts
  # calls and traps past WASM_RT_MAX_CALL_STACK_DEPTH (500 by default); the
  # lisp program's evaluator recurses deeper, so the limit is raised (a
  # compare against a constant either way: no cost).
  if ! wasm2c "$d/$k.wasm" -n bench -o "$d/bench_wabt.c" >"$d/wabt.log" 2>&1; then
    fail "$d/wabt-guard.status" "$d/wabt.log" "wasm2c failed"
    cp "$d/wabt-guard.status" "$d/wabt-explicit.status"
  else
    for mode in guard explicit; do
      if [ $mode = guard ]; then b=1; else b=0; fi
      if ! $CC $OPTFLAGS $LAYOUT -DWASM_RT_MEMCHECK_SIGNAL_HANDLER=$b -DWASM_RT_MAX_CALL_STACK_DEPTH=20000 $wasi -I"$WABT_RT" -I"$d" -I"$here" "$d/bench_wabt.c" \
          "$here/host-wabt.c" $shim "$out/wasm-rt-$mode.o" -lm -o "$d/wabt-$mode" >"$d/wabt-$mode.log" 2>&1; then
        fail "$d/wabt-$mode.status" "$d/wabt-$mode.log" "gcc on wasm2c output failed"
      fi
    done
  fi
}

nk=$(echo $kernels | wc -w)
say "building $nk kernels: $(echo $kernels)"
# Two builds at a time (the machine has 2 cores; each build is sequential).
njobs=0 i=0
for k in $kernels; do
  i=$((i + 1))
  say "building $k ($i of $nk)"
  build_kernel "$k" &
  njobs=$((njobs + 1))
  if [ $njobs -ge 2 ]; then
    wait
    njobs=0
  fi
done
wait

# ---------------------------------------------------------------- run
# run_one K V: one timed run; appends the time, or records why it failed.
run_one() {
  d="$out/$1"
  [ -f "$d/$2.status" ] && return
  timeout "$TIMEOUT" "$d/$2" "$REPS" >"$d/$2.out" 2>"$d/$2.err"
  rc=$?
  if [ $rc -eq 124 ]; then
    echo "timed out after $TIMEOUT s" >"$d/$2.status"
    return
  elif [ $rc -ne 0 ]; then
    fail "$d/$2.status" "$d/$2.err" "run failed (exit $rc)"
    return
  fi
  sum=$(cut -d' ' -f1 "$d/$2.out")
  if [ "$2" = native ]; then
    echo "$sum" >"$d/checksum"
  elif [ ! -f "$d/checksum" ]; then
    echo "no native checksum to compare with (native: $(cat "$d/native.status" 2>/dev/null))" >"$d/$2.status"
    return
  elif [ "$sum" != "$(cat "$d/checksum")" ]; then
    echo "wrong checksum: $sum, native $(cat "$d/checksum")" >"$d/$2.status"
    return
  fi
  cut -d' ' -f2 "$d/$2.out" >>"$d/$2.times"
  cut -d' ' -f3 "$d/$2.out" >>"$d/$2.wall"
}

say "running $RUNS rounds (reps=$REPS), variants alternating"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
i=0
for k in $kernels; do
  i=$((i + 1))
  for r in $(seq 1 "$RUNS"); do
    for v in native $VARIANTS; do run_one "$k" "$v"; done
  done
  line="$k ($i of $nk):"
  for v in native $VARIANTS; do
    if [ -f "$out/$k/$v.status" ]; then line="$line $v=n/a"
    else line="$line $v=$(sort -n "$out/$k/$v.times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"; fi
  done
  say "$line"
done

# ---------------------------------------------------------------- report
# Table rows "kernel native v1 v2 v3 v4" with medians or "-" (n/a).
: >"$out/medians"
for k in $kernels; do
  row="$k"
  for v in native $VARIANTS; do
    if [ -f "$out/$k/$v.status" ] || [ ! -s "$out/$k/$v.times" ]; then row="$row -"
    else row="$row $(sort -n "$out/$k/$v.times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"; fi
  done
  echo "$row" >>"$out/medians"
done

{
  echo "# wasm2c-lite benchmarks"
  echo
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null)
  echo "Generated by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit ${commit:-?}, $(uname -m), $(nproc) cores;"
  echo "$($CC --version | head -n 1); $(clang --version | head -n 1); wabt $(wasm2c --version)."
  echo "Median of $RUNS runs of the CPU seconds (user+sys) of the run() call of each kernel (kernels/) or program"
  echo "(programs/, in italics: C with libc, built with wasi-libc); variants run alternately;"
  echo "ratio to native"
  echo "in parentheses (lower is better).  Every variant printed the native checksum unless noted."
  echo "\`guard\`: W2L_BOUNDS=1 / wasm2c's default signal-handler mode; \`explicit\`: W2L_BOUNDS=0 /"
  echo "WASM_RT_MEMCHECK_SIGNAL_HANDLER=0.  All C compiled with \`$CC $OPTFLAGS${LAYOUT:+ $LAYOUT}\`"
  [ -n "$LAYOUT" ] && echo "(the assembler flag keeps jumps off 32-byte boundaries in every variant, native too: see the script)."
  echo "Load average (1/5/15 min) before the runs: ${load_before:-?}, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  echo "(a shared machine: a load above the core count means the times are stretched by others' work)."
  echo
  echo "| kernel | native | wasm2c-lite guard | wasm2c-lite explicit | wasm2c guard | wasm2c explicit |"
  echo "|---|---:|---:|---:|---:|---:|"
  # Programs (libc, WASI: programs/) are named in italics; with both kinds
  # present, a geomean row for each kind follows the one over every row.
  awk -v programs=" $(echo $programs) " '''
  function gm(g, label, i) {
    printf "| **%s** | 1.00", label;
    for (i = 3; i <= 6; i++)
      if (c[g, i]) printf " | **%.2f×**%s", exp(s[g, i] / c[g, i]), (c[g, i] < n[g] ? sprintf(" (%d of %d)", c[g, i], n[g]) : "");
      else printf " | n/a";
    printf " |\n";
  }
  {
    g = index(programs, " " $1 " ") ? "p" : "k";
    printf "| %s | %s", (g == "p" ? "*" $1 "*" : $1), ($2 == "-" ? "n/a" : sprintf("%.3f", $2));
    for (i = 3; i <= 6; i++) {
      if ($i == "-" || $2 == "-" || $2 <= 0) printf " | n/a";
      else {
        r = $i / $2; printf " | %.3f (%.2f×)", $i, r;
        s["a", i] += log(r); c["a", i]++; s[g, i] += log(r); c[g, i]++;
      }
    }
    printf " |\n"; n["a"]++; n[g]++;
  } END {
    gm("a", "geomean");
    if (n["k"] && n["p"]) { gm("k", "geomean, kernels"); gm("p", "geomean, programs (italics)"); }
  }''' "$out/medians"
  echo
  notes=""
  for k in $kernels; do
    for v in native $VARIANTS; do
      [ -f "$out/$k/$v.status" ] && notes="$notes
- $k, $v: not available: $(cat "$out/$k/$v.status")"
    done
  done
  if [ -n "$notes" ]; then
    echo "Not available:$notes"
    echo
  fi
  echo "![time relative to native, per kernel and geomean](results.svg)"
  echo
  echo "### Goals (issues 8 and 16)"
  echo
  awk '
    function ok(c) { return c ? "met" : "**missed**" }
    $2 != "-" && $2 > 0 {
      if ($3 != "-") { sg += log($3 / $2); ng++ }
      if ($4 != "-") { se += log($4 / $2); ne++ }
      if ($3 != "-" && $5 != "-" && $3 > $5) slower = slower " " $1 sprintf(" (%.2f× vs %.2f×)", $3 / $2, $5 / $2)
      if ($3 == "-" || $5 == "-") unknown = unknown " " $1
      n++
    }
    END {
      if (ng) printf "- guard pages, geomean within 1.05× of native: %.2f× (%s%s)\n", exp(sg / ng), ok(exp(sg / ng) <= 1.05), (ng < n ? sprintf(", %d of %d kernels", ng, n) : "");
      else print "- guard pages, geomean within 1.05× of native: not measured";
      if (ne) printf "- explicit checks, geomean within 1.20× of native: %.2f× (%s%s)\n", exp(se / ne), ok(exp(se / ne) <= 1.20), (ne < n ? sprintf(", %d of %d kernels", ne, n) : "");
      else print "- explicit checks, geomean within 1.20× of native: not measured";
      printf "- guard pages, every kernel at least as fast as wasm2c guard: %s%s%s\n",
        (slower == "" ? "met" : "**missed** by" slower), (unknown == "" ? "" : "; not measured:" unknown), "";
    }' "$out/medians"
  echo "- Where the time goes and what would close the gaps: see \`bench/FINDINGS.md\`."
  echo
} >"$REPORT/results.md"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
where="${cpu:-$(uname -m)}, $(nproc) cores; commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo ?); $(date -u '+%Y-%m-%d')"
sh "$here/chart.sh" "$out/medians" "$REPORT/results.svg" "$VARIANTS" "$where" "$(echo $programs)"

# ---------------------------------------------------------------- translator and build figures
if [ "$BIG" != 0 ]; then
  export CC OPTFLAGS WASM_FLAGS TIME W2L_BUILD
  sh "$here/big.sh" "$out/big" "$BIG_FUNCS" "$MID_FUNCS" >>"$REPORT/results.md"
fi
say "wrote $REPORT/results.md and $REPORT/results.svg"
cat "$REPORT/results.md"
