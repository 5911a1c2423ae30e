#!/bin/sh
# run-spec.sh - run .wast scripts through wast-runner, in parallel.
#
#   sh tests/spec/run-spec.sh DIR J [NAME|NAME:LINE ...]
#
# Runs the top-level .wast files of DIR (all of them, or the NAMEs given, with or
# without .wast), J at a time.  Prints one line per file as it ends ("[3/146]
# i32.wast: 460 passed, 0 failed, 0 not run") with its FAIL lines, then a
# table of per-kind counts, the wall time, and "N passed, N failed, N not
# run".  Exits non-zero if anything failed or did not run.  "Not run": a
# command on a module that failed (the module counts as the failure), and
# every command of a script that does not parse.
# NAME:LINE reruns the one command on that line (wast-runner --line) verbosely.
#
# The suite's level, which decides the validator's features and the skip list:
#   3.0  when W2L_SPEC_LEVEL=3.0, or (W2L_SPEC_LEVEL unset) when DIR (or its
#        parent: legacy/) has memory64.wast, a file only the 3.0 testsuite has: the runner's defaults
#        (WebAssembly 3.0, the features of compiler/features.def), skip list
#        tests/spec/skip-3.0.txt;
#   2.0  otherwise (W2L_SPEC_LEVEL=2.0, the 2.0 testsuite, our own scripts):
#        --disable-all --enable-multi-table --enable-simd, i.e. WebAssembly 2.0
#        (its core suite has assert_invalid cases for several memories, which
#        3.0 allows), skip list tests/spec/skip.txt.  The threads proposal's scripts
#        (DIR ending in proposals/threads) are forked from 1.0: one table at
#        most, with threads: --disable-all --enable-simd --enable-threads; the
#        other proposals/NAME directories add --enable-NAME.
# Files listed in the skip list ("GLOB  reason") are not run; each one is
# printed with its reason.  W2L_SPEC_MAX_FAILS (default 20) limits the
# FAIL lines shown per file; logs go to W2L_SPEC_LOGS (default
# $W2L_BUILD/spec-logs/).
# W2L_SPEC_RUNNER_FLAGS are the wast-runner options, replacing the level's
# (above) and --diff-wabt, added when wat2wasm is installed: it checks that
# every accepted text module reads to the same IR from wat2wasm's binary
# ("text=binary" row).
# Environment (set by make): W2L_BUILD, W2L_CC, W2L_CFLAGS.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${W2L_BUILD:?run through make spec / make test}"
if [ $# -lt 2 ]; then
  echo "usage: run-spec.sh DIR J [NAME|NAME:LINE ...]" >&2
  exit 2
fi
dir=$1 jobs=$2
shift 2
runner="$W2L_BUILD/wast-runner"
logs="${W2L_SPEC_LOGS:-$W2L_BUILD/spec-logs}"
max_fails=${W2L_SPEC_MAX_FAILS:-20}
level=${W2L_SPEC_LEVEL:-}
if [ -z "$level" ]; then
  # (legacy/ of the 3.0 testsuite: its old exception instructions, 3.0 otherwise)
  if [ -f "$dir/memory64.wast" ] || [ -f "$dir/../memory64.wast" ]; then level=3.0; else level=2.0; fi
fi
case "$level" in
3.0) default_flags= skip_list="$here/skip-3.0.txt" ;;
2.0) default_flags="--disable-all --enable-multi-table --enable-simd" skip_list="$here/skip.txt" ;;
*) echo "error: W2L_SPEC_LEVEL must be 2.0 or 3.0, not '$level'" >&2; exit 2 ;;
esac
# The threads proposal's scripts are forked from 1.0: one table at most.  The
# other proposals' directories of the 2.0 testsuite test their own feature on
# top of 2.0 (proposals/extended-const: --enable-extended-const, ...).
proposal=$(basename "$dir")
case "$dir" in
*/proposals/threads | */proposals/threads/) default_flags="--disable-all --enable-simd --enable-threads" ;;
*/proposals/*) [ "$level" = 2.0 ] && default_flags="$default_flags --enable-$proposal" ;;
esac
command -v wat2wasm >/dev/null 2>&1 && default_flags="$default_flags --diff-wabt"
flags=${W2L_SPEC_RUNNER_FLAGS-$default_flags}
[ -x "$runner" ] || { echo "error: $runner not built" >&2; exit 2; }
[ -d "$dir" ] || { echo "error: no directory $dir" >&2; exit 2; }
rm -rf "$logs" && mkdir -p "$logs"
start=$(date +%s)

# Rerun single commands: NAME:LINE.
case "${1:-}" in
*:*)
  status=0
  for a in "$@"; do
    name=${a%%:*} line=${a##*:}
    # shellcheck disable=SC2086
    "$runner" $flags --line "$line" "$dir/${name%.wast}.wast" || status=1
  done
  exit $status
  ;;
esac

# Why a file is skipped (empty: it runs).
skip_reason() {
  base=$1
  if [ -f "$skip_list" ]; then
    while read -r glob reason; do
      case "$glob" in ''|'#'*) continue ;; esac
      # shellcheck disable=SC2254
      case "$base" in $glob) echo "$reason"; return ;; esac
    done <"$skip_list"
  fi
}

# The list of files to run.
list="$logs/files"
: >"$list"
if [ $# -gt 0 ]; then
  for n in "$@"; do echo "$dir/${n%.wast}.wast"; done >"$list"
else
  ls "$dir"/*.wast >"$list" 2>/dev/null
fi
torun="$logs/torun"
: >"$torun"
nskip=0
while read -r f; do
  base=$(basename "$f")
  reason=$(skip_reason "$base")
  if [ -n "$reason" ]; then
    nskip=$((nskip + 1))
    echo "$base" "$reason" >>"$logs/skipped"
  else
    echo "$f" >>"$torun"
  fi
done <"$list"

# Run: one wast-runner per file, J at a time; each writes NAME.log and, as
# soon as it ends, prints its report with a running count ("[12/146]"):
# tests/spec/report-file.sh, under a lock so reports do not interleave.
total="$logs/counts"
: >"$total"
: >"$logs/done"
nfiles=$(wc -l <"$torun" | tr -d ' ')
tr '\n' '\0' <"$torun" |
  xargs -0 -P "$jobs" -I{} sh -c \
    'f="$1"; b=$(basename "$f"); "$2" $4 "$f" >"$3/$b.log" 2>&1; echo $? >"$3/$b.rc"
     sh "$5/report-file.sh" "$3" "$b" "$6" "$7"' \
    sh {} "$runner" "$logs" "$flags" "$here" "$nfiles" "$max_fails"
status=0
grep -q '^fail' "$logs/done" && status=1
if [ -f "$logs/skipped" ]; then
  while read -r b reason; do echo "$b: skipped ($reason)"; done <"$logs/skipped"
fi

elapsed=$(($(date +%s) - start))
awk -v files="$(wc -l <"$torun")" -v skipped="$nskip" -v secs="$elapsed" '
  BEGIN {
    split("module assert_return assert_trap assert_exhaustion assert_invalid assert_malformed assert_unlinkable assert_uninstantiable register action text=binary", names, " ")
  }
  /^#counts/ { for (k = 1; k <= 11; k++) { p[k] += $(2 * k); f[k] += $(2 * k + 1) } }
  /^#notrun/ { for (k = 1; k <= 11; k++) n[k] += $(k + 1) }
  /^#diffskip/ { diffskip += $2; diffrun = 1 }
  END {
    printf "\n%-24s %8s %8s %8s\n", "kind", "passed", "failed", "not run"
    for (k = 1; k <= 11; k++) {
      printf "%-24s %8d %8d %8d\n", names[k], p[k], f[k], n[k]
      tp += p[k]; tf += f[k]; tn += n[k]
    }
    printf "%-24s %8d %8d %8d\n", "total", tp, tf, tn
    if (tn) printf "not run: commands on a module that failed, and every command of a script that does not parse\n"
    if (diffrun) printf "text=binary: %d accepted text modules not compared (wat2wasm rejects them)\n", diffskip
    printf "\n%d files run, %d skipped, wall time %d s\n", files, skipped, secs
    printf "%d passed, %d failed, %d not run\n", tp, tf, tn
  }' "$total"
exit $status
