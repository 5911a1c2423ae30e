#!/bin/sh
# wat.sh - the text format reader (compiler/lex.c, wat.c, wat_instr.c).
#   tests/wat/good/X.wat  must parse; the canonical IR dump must equal X.dump,
#                         and stderr (notes) must equal X.err (empty if absent)
#   tests/wat/bad/X.wat   must be rejected with exactly X.err on stderr
# Differential: every good file that wat2wasm also reads (without validation)
# must dump the same from our text reader and from our binary reader of
# `wat2wasm --debug-names` output.
# Drivers (built by make): $W2L_BUILD/unit/ir_dump and lex_test.
# UPDATE=1 rewrites the expected files from the current output.
. "$(dirname "$0")/lib.sh"
out=$W2L_BUILD/tests/wat
mkdir -p "$out"
tool=$W2L_BUILD/unit/ir_dump

# Table-driven lexer tests (tokens, numbers to bits, strings, diagnostics).
"$W2L_BUILD/unit/lex_test" >"$out/lex_test.log" 2>&1
rc=$?
grep -v '^[0-9]* passed' "$out/lex_test.log"
count "$out/lex_test.log" $rc

cd "$W2L_ROOT/tests/wat/good" || exit 1
for f in *.wat; do
  n=${f%.wat}
  "$tool" --notes "$f" >"$out/$n.dump" 2>"$out/$n.err"
  rc=$?
  if [ $rc -ne 0 ]; then
    bad "good/$f" "rejected (exit $rc)"
    head -n 5 "$out/$n.err"
  else
    golden "good/$f" "$n.dump" "$out/$n.dump"
    golden "good/$f notes" "$n.err" "$out/$n.err"
  fi
done

for f in *.wat; do
  n=${f%.wat}
  wat2wasm --enable-all --no-check --debug-names "$f" -o "$out/$n.wasm" 2>/dev/null || continue
  "$tool" --wabt-elems "$f" >"$out/$n.text.dump" 2>&1
  "$tool" --wabt-elems "$out/$n.wasm" >"$out/$n.bin.dump" 2>&1
  if cmp -s "$out/$n.text.dump" "$out/$n.bin.dump"; then
    ok
  else
    bad "good/$f" "text and wat2wasm binary dump differently"
    diff "$out/$n.text.dump" "$out/$n.bin.dump" | head -n 20
  fi
done

cd "$W2L_ROOT/tests/wat/bad" || exit 1
for f in *.wat; do
  n=${f%.wat}
  "$tool" --notes "$f" >/dev/null 2>"$out/$n.bad.err"
  rc=$?
  if [ $rc -ne 1 ]; then
    bad "bad/$f" "exit $rc, expected 1 (a diagnostic)"
    head -n 5 "$out/$n.bad.err"
  else
    golden "bad/$f" "$n.err" "$out/$n.bad.err"
  fi
done
summary
