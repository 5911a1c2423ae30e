#!/bin/sh
# wast.sh - our own .wast scripts (tests/wast/) through the spec runner: every
# module read, validated, emitted, compiled by $W2L_CC, loaded, linked and run.
# Same driver and output as `make spec` (tests/spec/run-spec.sh).
#   tests/wast/*.wast          with every feature we support (multi-memory...)
#   tests/wast/core-2.0/*.wast with the WebAssembly 2.0 rules (--no-multi-memory)
# Both with --diff-wabt: each text module also read from wat2wasm's binary.
# tests/wast/*.wast once more translated with --epoch --fuel.
# miscompile.wast (warning shapes the fuzz campaign found, each compiler has
# its own) also runs with every other compiler of $compilers.
. "$(dirname "$0")/lib.sh"
mkdir -p "$W2L_BUILD/test-logs"
run() { # DIR LOGS RUNNER-FLAGS [NAME...]
  out="$W2L_BUILD/test-logs/$2.out" dir=$1 logs=$2 flags=$3
  shift 3
  W2L_SPEC_LOGS="$W2L_BUILD/test-logs/$logs" W2L_SPEC_MAX_FAILS=50 W2L_SPEC_RUNNER_FLAGS="$flags" \
    sh "$W2L_ROOT/tests/spec/run-spec.sh" "$W2L_ROOT/tests/wast/$dir" 2 "$@" >"$out"
  rc=$?
  grep -v -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ not run)?$' "$out"
  count "$out" $rc
}
run . wast-scripts "--diff-wabt"
run core-2.0 wast-core-2.0 "--no-multi-memory --diff-wabt"
# The same scripts translated with the interruption checks (unlimited budget):
# they must not change what any program computes.
run . wast-interrupt "--epoch --fuel"
main_cc=$W2L_CC
for cc in $compilers; do
  [ "$(program "$cc")" = "$(program "$main_cc")" ] && continue
  W2L_CC=$cc
  run . "wast-miscompile-$(basename "$cc")" "" miscompile
done
W2L_CC=$main_cc
summary
