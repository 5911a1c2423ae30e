#!/bin/sh
# wast.sh - our own .wast scripts (tests/wast/) through the spec runner: every
# module read, validated, emitted, compiled by $W2L_CC, loaded, linked and run.
# Same driver and output as `make spec` (tests/spec/run-spec.sh).
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_ROOT:?}"
W2L_SPEC_LOGS="$W2L_BUILD/test-logs/wast-scripts" W2L_SPEC_MAX_FAILS=50 sh "$W2L_ROOT/tests/spec/run-spec.sh" "$W2L_ROOT/tests/wast" 2
