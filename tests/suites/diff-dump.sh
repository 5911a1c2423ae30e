#!/bin/sh
# Text reader vs binary reader: for every .wat of our corpus that wat2wasm and our
# text reader both accept, the IR read from the text and the IR read from the
# binary that `wat2wasm --debug-names` makes of it must dump identically
# (compiler/dump.c; tests/unit/ir_dump.c; --wabt-elems: wat2wasm's elem form).  Modules either side rejects are
# skipped with their count: rejections are other suites' job.
. "$(dirname "$0")/lib.sh"
cd "$W2L_ROOT"
D="$W2L_BUILD/unit/ir_dump"
tmp="$W2L_BUILD/diff-dump"
rm -rf "$tmp" && mkdir -p "$tmp"
skip_wabt=0 skip_text=0
for wat in $(find samples tests -name '*.wat' -not -path 'tests/diag/*' -not -path '*/bad/*' | sort); do
  base=$(echo "$wat" | tr '/.' '__')
  if ! wat2wasm --enable-all --debug-names "$wat" -o "$tmp/$base.wasm" 2>/dev/null; then
    skip_wabt=$((skip_wabt + 1)); continue
  fi
  if ! "$D" --wabt-elems "$wat" >"$tmp/$base.text.dump" 2>&1; then
    skip_text=$((skip_text + 1)); continue
  fi
  "$D" --wabt-elems "$tmp/$base.wasm" >"$tmp/$base.bin.dump" 2>&1
  if cmp -s "$tmp/$base.text.dump" "$tmp/$base.bin.dump"; then
    ok
  else
    bad "$wat" "IR from text and from binary differ (< text, > binary):"
    diff "$tmp/$base.text.dump" "$tmp/$base.bin.dump" | head -n 20 | sed 's/^/    /'
  fi
done
echo "skipped: $skip_wabt rejected by wat2wasm, $skip_text rejected by our text reader"
summary
