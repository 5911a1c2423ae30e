#!/bin/sh
# wast-parse.sh - the .wast script parser (compiler/wast.c): table-driven cases
# in tests/unit/wast_test.c (built by make), exact command descriptions and
# error messages.
. "$(dirname "$0")/lib.sh"
log="$W2L_BUILD/test-logs/wast_test.out"
mkdir -p "$W2L_BUILD/test-logs"
"$W2L_BUILD/unit/wast_test" >"$log" 2>&1
rc=$?
grep -v '^[0-9]* passed' "$log"
count "$log" $rc
summary
