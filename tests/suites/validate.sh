#!/bin/sh
# validate.sh - the validator.
#   tests/unit/validate_test.c   table-driven cases on hand-built IR (exact messages)
#   tests/validate/NAME.wat      modules, each after ";; valid" or ";; invalid: MESSAGE"
#   tests/validate/NAME.out      golden output of validate_wat (full diagnostics with
#                                line:col and caret); UPDATE=1 rewrites it (review the diff!)
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_ROOT:?}"
cd "$W2L_ROOT"
pass=0 fail=0
# add "N passed, N failed" (last such line of $1) to the totals
count() {
  line=$(printf '%s\n' "$1" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -z "$line" ]; then fail=$((fail + 1)); return; fi
  pass=$((pass + ${line%% passed*}))
  rest=${line#*passed, }
  fail=$((fail + ${rest%% failed*}))
}
for t in validate_test validate_wat; do
  if [ ! -x "$W2L_BUILD/unit/$t" ]; then
    echo "FAIL validate: $W2L_BUILD/unit/$t not built"
    echo "0 passed, 1 failed"
    exit 1
  fi
done
out=$("$W2L_BUILD/unit/validate_test")
printf '%s\n' "$out" | grep -v '^[0-9]* passed'
count "$out"
for f in tests/validate/*.wat; do
  golden="${f%.wat}.out"
  out=$("$W2L_BUILD/unit/validate_wat" "$f")
  printf '%s\n' "$out" | grep '^FAIL'
  count "$out"
  if [ "${UPDATE:-}" = 1 ]; then printf '%s\n' "$out" >"$golden"; fi
  if [ ! -f "$golden" ]; then
    echo "FAIL $f: no $golden"; fail=$((fail + 1))
  elif ! printf '%s\n' "$out" | cmp -s - "$golden"; then
    echo "FAIL $f: output differs from $golden"
    printf '%s\n' "$out" | diff "$golden" - | head -n 20 | sed 's/^/    /'
    fail=$((fail + 1))
  else
    pass=$((pass + 1))
  fi
done
echo "$pass passed, $fail failed"
