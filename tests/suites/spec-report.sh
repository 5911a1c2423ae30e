#!/bin/sh
# spec-report.sh - what `make spec` reports for scripts that cannot run in
# full (tests/spec/fixtures/): a rejected module is one failure and the
# commands that act on it are "not run"; a script that does not parse is all
# "not run"; each file's line comes as it ends, with a running count; the
# table has a "not run" column and the exit status says something was wrong.
. "$(dirname "$0")/lib.sh"
out="$W2L_BUILD/test-logs/spec-report.out"
mkdir -p "$W2L_BUILD/test-logs"
W2L_SPEC_LOGS="$W2L_BUILD/test-logs/spec-report" W2L_SPEC_RUNNER_FLAGS="" \
  sh "$W2L_ROOT/tests/spec/run-spec.sh" "$W2L_ROOT/tests/spec/fixtures" 2 >"$out" 2>&1
rc=$?
[ $rc -eq 1 ] && ok || bad "spec-report: exit status $rc, expected 1"
expect() { # NAME PATTERN: a line of the output matches PATTERN (grep -E)
  grep -q -E "$2" "$out" && ok || { bad "spec-report: $1" "no line matching '$2'"; sed 's/^/    /' "$out"; }
}
expect "parse failure" '^\[[12]/2\] parsebad\.wast: 0 passed, 0 failed, 6 not run$'
expect "parse message" '^parsebad\.wast:6:39: error: '
expect "rejected modules" '^\[[12]/2\] rejected\.wast: 4 passed, 2 failed, 4 not run$'
expect "table header" '^kind +passed +failed +not run$'
expect "module row" '^module +2 +2 +1$'
expect "assert_return row" '^assert_return +2 +0 +4$'
expect "register row" '^register +0 +0 +2$'
expect "action row" '^action +0 +0 +1$'
expect "total" '^4 passed, 2 failed, 10 not run$'
summary
