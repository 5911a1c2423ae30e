#!/bin/sh
# run-wasi-tests.sh DIR [J] [NAME...] - WebAssembly/wasi-testsuite (preview 1)
# through our pipeline: every tests/*/testsuite/wasm32-wasip1/NAME.wasm of DIR
# (or the NAMEs given) is turned into a native program (wasm2c-lite --exe)
# and run as its NAME.json says: "args", "env" (the guest's whole
# environment), "root" (a directory beside the test, copied to a scratch
# place and granted as "/"), then "exit_code" (default 0) and "stdout" (if
# given) are checked.  J tests at a time (default 2).  Prints a line per test
# as it ends and "N passed, N failed"; exits non-zero if any failed.
# The JSON files are read with node (a few lines of script, no packages).
# Environment (from make): W2L_BUILD, W2L_CC, W2L_CFLAGS.
set -u
: "${W2L_BUILD:?run through make wasi-test}"
dir=${1:?usage: run-wasi-tests.sh DIR [J] [NAME...]}
jobs=${2:-2}
[ $# -ge 2 ] && shift 2 || shift $#
here=$(cd "$(dirname "$0")" && pwd)
out="$W2L_BUILD/wasi-tests"
rm -rf "$out" && mkdir -p "$out"
command -v node >/dev/null 2>&1 || { echo "error: node is needed to read the tests' JSON" >&2; exit 2; }
[ -d "$dir/tests" ] || { echo "error: no tests/ in $dir" >&2; exit 2; }
ls "$dir"/tests/*/testsuite/wasm32-wasip1/*.wasm >"$out/all" 2>/dev/null
if [ $# -gt 0 ]; then
  for n in "$@"; do grep "/${n%.wasm}\.wasm\$" "$out/all"; done >"$out/list"
else
  cp "$out/all" "$out/list"
fi
n=$(wc -l <"$out/list" | tr -d ' ')
: >"$out/results"
start=$(date +%s)
tr '\n' '\0' <"$out/list" | xargs -0 -P "$jobs" -I{} sh "$here/run-one.sh" {} "$out" "$n"
pass=$(grep -c '^PASS' "$out/results")
fail=$(grep -c '^FAIL' "$out/results")
echo
grep '^FAIL' "$out/results" | sort
echo "$((pass + fail)) tests, wall time $(($(date +%s) - start)) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -eq "$n" ]
