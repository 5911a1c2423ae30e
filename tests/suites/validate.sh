#!/bin/sh
# validate.sh - the validator.
#   tests/unit/validate_test.c   table-driven cases on hand-built IR (exact messages)
#   tests/validate/NAME.wat      modules, each after ";; valid" or ";; invalid: MESSAGE"
#   tests/validate/NAME.out      golden output of validate_wat (full diagnostics with
#                                line:col and caret); UPDATE=1 rewrites it (review the diff!)
# Drivers (built by make): $W2L_BUILD/unit/validate_test and validate_wat.
. "$(dirname "$0")/lib.sh"
cd "$W2L_ROOT"
tmp="$W2L_BUILD/validate-tmp"
rm -rf "$tmp" && mkdir -p "$tmp"
"$W2L_BUILD/unit/validate_test" >"$tmp/validate_test.log" 2>&1
rc=$?
grep -v '^[0-9]* passed' "$tmp/validate_test.log"
count "$tmp/validate_test.log" $rc
for f in tests/validate/*.wat; do
  name=$(basename "$f" .wat)
  "$W2L_BUILD/unit/validate_wat" "$f" >"$tmp/$name.out" 2>&1
  rc=$?
  grep '^FAIL' "$tmp/$name.out"
  count "$tmp/$name.out" $rc
  golden "$f" "${f%.wat}.out" "$tmp/$name.out"
done
summary
