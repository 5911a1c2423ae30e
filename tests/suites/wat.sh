#!/bin/sh
# wat.sh - the text format reader (compiler/lex.c, wat.c, wat_instr.c).
#   tests/wat/good/X.wat  must parse; the canonical IR dump must equal X.dump,
#                         and stderr (notes) must equal X.err (empty if absent)
#   tests/wat/bad/X.wat   must be rejected with exactly X.err on stderr
# Differential: every good file that wat2wasm also reads (without validation)
# must dump the same from our text reader and from our binary reader of
# `wat2wasm --debug-names` output.
# Drivers: tests/unit/wat_dump.c and tests/unit/lex_test.c, built here against
# compiler/*.c (minus main.c).
# W2L_REGEN=1 rewrites the expected files from the current output.
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_ROOT:?run through make test}"
root=$W2L_ROOT
out=$W2L_BUILD/tests/wat
mkdir -p "$out"
tool=$out/wat_dump
srcs=$(ls "$root"/compiler/*.c | grep -v '/main\.c$')
# shellcheck disable=SC2086
if ! ${W2L_CC:-cc} ${W2L_CFLAGS:-} -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -I"$root/compiler" "$root/tests/unit/wat_dump.c" $srcs -lm -o "$tool"; then
  echo "FAIL build tests/unit/wat_dump.c"
  echo "0 passed, 1 failed"
  exit 1
fi
pass=0 fail=0
regen=${W2L_REGEN:-}

# Table-driven lexer tests (tokens, numbers to bits, strings, diagnostics).
# shellcheck disable=SC2086
if ${W2L_CC:-cc} ${W2L_CFLAGS:-} -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -I"$root/compiler" "$root/tests/unit/lex_test.c" $srcs -lm -o "$out/lex_test"; then
  "$out/lex_test" >"$out/lex_test.log" 2>&1
  grep -v '^[0-9]* passed' "$out/lex_test.log"
  p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$out/lex_test.log")
  f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$out/lex_test.log")
  [ -n "$p" ] || { echo "FAIL lex_test did not finish"; p=0 f=1; }
  pass=$((pass + p)) fail=$((fail + f))
else
  echo "FAIL build tests/unit/lex_test.c"
  fail=$((fail + 1))
fi

# check NAME EXPECTED-FILE ACTUAL-FILE: compare (or, with W2L_REGEN, update).
check() {
  if [ -n "$regen" ]; then
    if [ -s "$3" ]; then cp "$3" "$2"; else rm -f "$2"; fi
    return 0
  fi
  exp=$2
  [ -e "$exp" ] || exp=/dev/null
  if cmp -s "$exp" "$3"; then return 0; fi
  echo "FAIL $1: output differs from $(basename "$2")"
  diff "$exp" "$3" | head -n 20
  return 1
}

cd "$root/tests/wat/good" || exit 1
for f in *.wat; do
  n=${f%.wat}
  "$tool" "$f" >"$out/$n.dump" 2>"$out/$n.err"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL good/$f: rejected (exit $rc)"
    head -n 5 "$out/$n.err"
    fail=$((fail + 1))
  elif check "good/$f" "$n.dump" "$out/$n.dump" && check "good/$f notes" "$n.err" "$out/$n.err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
  fi
done

for f in *.wat; do
  n=${f%.wat}
  wat2wasm --enable-all --no-check --debug-names "$f" -o "$out/$n.wasm" 2>/dev/null || continue
  "$tool" "$out/$n.wasm" >"$out/$n.bin.dump" 2>&1
  if cmp -s "$out/$n.dump" "$out/$n.bin.dump"; then
    pass=$((pass + 1))
  else
    echo "FAIL good/$f: text and wat2wasm binary dump differently"
    diff "$out/$n.dump" "$out/$n.bin.dump" | head -n 20
    fail=$((fail + 1))
  fi
done

cd "$root/tests/wat/bad" || exit 1
for f in *.wat; do
  n=${f%.wat}
  "$tool" "$f" >/dev/null 2>"$out/$n.bad.err"
  rc=$?
  if [ $rc -ne 1 ]; then
    echo "FAIL bad/$f: exit $rc, expected 1 (a diagnostic)"
    head -n 5 "$out/$n.bad.err"
    fail=$((fail + 1))
  elif check "bad/$f" "$n.err" "$out/$n.bad.err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
