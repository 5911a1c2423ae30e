#!/bin/sh
# Differential test against wabt: for every .wat in our corpus that wabt accepts,
# reading the text and reading the binary that `wat2wasm --debug-names` makes of
# it must give the same module, i.e. byte-identical emitted C, but for the
# names of C labels (wabt writes no label names: L2_done from text is L2 from
# the binary).
. "$(dirname "$0")/lib.sh"
cd "$W2L_ROOT"
t="$W2L_BUILD/wasm2c-lite"
tmp="$W2L_BUILD/diff-wabt"
rm -rf "$tmp" && mkdir -p "$tmp"
for wat in $(find samples tests -name '*.wat' -not -path 'tests/diag/*' -not -path '*/bad/*' | sort); do
  base=$(echo "$wat" | tr '/.' '__')
  # Only modules both tools accept are compared; rejections are other suites' job.
  wat2wasm --enable-all --debug-names "$wat" -o "$tmp/$base.wasm" 2>/dev/null || continue
  "$t" "$wat" -n m >"$tmp/$base.text.c" 2>"$tmp/$base.text.err" || continue
  if ! "$t" "$tmp/$base.wasm" -n m >"$tmp/$base.bin.c" 2>"$tmp/$base.bin.err"; then
    bad "$wat" "text accepted but the binary was rejected:"
    sed 's/^/    /' "$tmp/$base.bin.err"
  elif ! sed -E 's/\<([LE][0-9]+)_[A-Za-z0-9_]+/\1/g' "$tmp/$base.text.c" | cmp -s - "$tmp/$base.bin.c"; then
    bad "$wat" "C from text and from binary differ:"
    diff "$tmp/$base.text.c" "$tmp/$base.bin.c" | head -n 20 | sed 's/^/    /'
  else
    ok
  fi
done
summary
