#!/bin/sh
# run-tests.sh - run every suite in tests/suites/ (sorted), print one summary line
# per suite and a final "N passed, N failed".  Called by `make test`.
#
# A suite is an sh script tests/suites/NAME.sh that sources tests/suites/lib.sh
# (the counters, the compiler list, UPDATE=1 and the summary).  It prints whatever
# it likes (failures with details, please) and ends with the line "N passed, N failed".
# A suite that cannot run prints why and exits non-zero: it counts as one failure.
# Environment from the Makefile: W2L_BUILD (build dir), W2L_CC, W2L_CFLAGS, and
# UPDATE=1 from `make test UPDATE=1`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export W2L_ROOT="$(cd "$here/.." && pwd)"
. "$here/suites/lib.sh"
ensure_wabt() {
  command -v wat2wasm >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing wabt (needed by the comparison tests)..."
    (apt-get update -qq && apt-get install -y -qq wabt) >/dev/null 2>&1
  fi
  command -v wat2wasm >/dev/null 2>&1 && return 0
  echo "error: the comparison tests need wabt (wat2wasm): apt-get install wabt" >&2
  return 1
}
ensure_wabt || exit 1
# The WASI programs' tests build C with clang for wasm32-wasi.
sh "$W2L_ROOT/samples/ensure-wasi-sdk.sh" || exit 1
total_pass=0 total_fail=0
logdir="$W2L_BUILD/test-logs"
mkdir -p "$logdir"
for suite in "$here"/suites/*.sh; do
  name=$(basename "$suite" .sh)
  [ "$name" = lib ] && continue
  log="$logdir/$name.log"
  sh "$suite" >"$log" 2>&1
  rc=$?
  if ! t=$(totals "$log"); then
    p=0 f=1
    echo "$name: did not run (exit $rc), see $log"
    tail -n 20 "$log" | sed 's/^/    /'
  else
    p=${t% *} f=${t#* }
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    echo "$name: $p passed, $f failed"
    if [ "$f" -ne 0 ]; then
      grep -E '^(FAIL|fail)' "$log" | head -n 30 | sed 's/^/    /'
      echo "    (full log: $log)"
    fi
  fi
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
