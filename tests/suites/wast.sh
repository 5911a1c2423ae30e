#!/bin/sh
# wast.sh - our own .wast scripts (tests/wast/) through the spec runner: every
# module read, validated, emitted, compiled by $W2L_CC, loaded, linked and run.
# Same driver and output as `make spec` (tests/spec/run-spec.sh).
#   tests/wast/*.wast          with every feature we support (multi-memory...)
#   tests/wast/core-2.0/*.wast with the WebAssembly 2.0 rules (--no-multi-memory)
# Both with --diff-wabt: each text module also read from wat2wasm's binary.
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_ROOT:?}"
run() { # DIR LOGS RUNNER-FLAGS
  W2L_SPEC_LOGS="$W2L_BUILD/test-logs/$2" W2L_SPEC_MAX_FAILS=50 W2L_SPEC_RUNNER_FLAGS="$3" \
    sh "$W2L_ROOT/tests/spec/run-spec.sh" "$W2L_ROOT/tests/wast/$1" 2 >"$W2L_BUILD/test-logs/$2.out"
  rc=$?
  grep -v -E '^[0-9]+ passed, [0-9]+ failed$' "$W2L_BUILD/test-logs/$2.out"
  tail -n 1 "$W2L_BUILD/test-logs/$2.out" >>"$W2L_BUILD/test-logs/wast-totals"
  return $rc
}
mkdir -p "$W2L_BUILD/test-logs"
: >"$W2L_BUILD/test-logs/wast-totals"
status=0
run . wast-scripts "--diff-wabt" || status=1
run core-2.0 wast-core-2.0 "--no-multi-memory --diff-wabt" || status=1
awk '{ p += $1; f += $3 } END { printf "%d passed, %d failed\n", p, f }' "$W2L_BUILD/test-logs/wast-totals"
exit $status
