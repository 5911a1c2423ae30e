#!/bin/sh
# The binary reader (compiler/binary.c), through the ir_dump driver (built by make):
#  1. tests/binary/NAME.wat -> wat2wasm --debug-names -> ir_dump must equal
#     tests/binary/NAME.dump (UPDATE=1 rewrites the .dump files: review the diff!)
#  2. hand-made binaries below (hex), each with the exact diagnostic or dump
#  3. tests/binary/regress/*.hex: inputs that once crashed; they must give a
#     diagnostic or a dump, never a crash.
#  4. every single-byte mutant and truncation of the wat2wasm binaries of 1.
#     decodes or is rejected, never crashes (make sanitize checks memory too).
. "$(dirname "$0")/lib.sh"
cd "$W2L_ROOT"
D="$W2L_BUILD/unit/ir_dump"
tmp="$W2L_BUILD/binary-tmp"
rm -rf "$tmp" && mkdir -p "$tmp"

# --- 1. golden dumps of wat2wasm output ------------------------------------
for w in tests/binary/*.wat; do
  name=$(basename "$w" .wat)
  if ! wat2wasm --enable-multi-memory --debug-names "$w" -o "$tmp/$name.wasm" 2>"$tmp/err"; then
    bad "$name: wat2wasm failed: $(head -n 1 "$tmp/err")"; continue
  fi
  "$D" "$tmp/$name.wasm" >"$tmp/$name.dump" 2>&1
  golden "$name" "tests/binary/$name.dump" "$tmp/$name.dump"
done

# --- 2. hand-made binaries ---------------------------------------------------
# Helpers build hex strings: sec ID BYTES... prefixes a section id and its size;
# vec N BYTES... / body BYTES... prefix a count / a size.
leb() { awk -v n="$1" 'BEGIN { do { b = n % 128; n = int(n / 128); if (n) b += 128; printf "%02x ", b } while (n) }'; }
len() { echo "$*" | tr -d ' \n' | awk '{ print length($0) / 2 }'; }
sec() { id=$1; shift; echo "$id $(leb "$(len "$*")") $*"; }
body() { echo "$(leb "$(len "$*")") $*"; }
H='00 61 73 6d 01 00 00 00'
T1=$(sec 01 01 60 00 00)                        # type 0: [] -> []
F1=$(sec 03 01 00)                              # one function of type 0
code1() { sec 0a 01 "$(body "$@")"; }           # code section with one body

# err NAME HEX 'MESSAGE': reading HEX must fail with hex:MESSAGE.
err() {
  got=$("$D" --hex "$2" 2>&1); rc=$?
  if [ $rc -eq 1 ] && [ "$got" = "hex:$3" ]; then ok
  else bad "$1: exit $rc"; echo "    want: hex:$3"; echo "    got:  $got"; fi
}
# good NAME HEX 'LINE': reading HEX must succeed and its dump contain LINE.
good() {
  got=$("$D" --hex "$2" 2>&1); rc=$?
  if [ $rc -eq 0 ] && printf '%s\n' "$got" | grep -qxF -- "$3"; then ok
  else bad "$1: exit $rc, no line '$3' in:"; printf '%s\n' "$got" | head -20 | sed 's/^/    /'; fi
}

# same NAME HEX 'DUMP': reading HEX must succeed with exactly this dump.
same() {
  got=$("$D" --hex "$2" 2>&1); rc=$?
  printf '%s\n' "$got" >"$tmp/got"
  if [ $rc -eq 0 ] && [ "$got" = "$3" ]; then ok
  else bad "$1: exit $rc, dump differs:"; printf '%s\n' "$3" | diff - "$tmp/got" | sed 's/^/    /'; fi
}

# Preamble
err magic '00 61 73 6e 01 00 00 00' '0x0: error: magic header not detected: a .wasm file starts with \0asm'
err empty '' '0x0: error: unexpected end of file'
err cut-magic '00 61 73' '0x3: error: unexpected end of file'
err short-version '00 61 73 6d 01 00' '0x4: error: unexpected end of file'
err version "00 61 73 6d 02 00 00 00" '0x4: error: unknown binary version 0x2, expected 1'
good empty-module "$H" 'module'

# Sections: ids, sizes, order
err section-id "$H 0e 00" '0x8: error: malformed section id 14'
err tag-attribute "$H $(sec 0d 01 01 00)" '0xb: error: malformed tag attribute 0x01, expected 0x00'
err section-size-eof "$H 01" '0x9: error: unexpected end of file'
err section-too-big "$H 01 05 01 60 00" '0x9: error: length out of bounds: type section of 5 bytes, only 3 left'
err section-size-mismatch "$H 01 05 01 60 00 00 00" '0xe: error: section size mismatch: 1 unused bytes at the end of the type section'
err section-short "$H 01 03 01 60 00 00" '0xa: error: length out of bounds: 1 function types cannot fit in the 2 bytes left'
err section-twice "$H $T1 $T1" '0xe: error: unexpected content after last section: a second type section'
err section-order "$H $F1 $T1" '0xc: error: unexpected content after last section: type section after the function section'
err datacount-order "$H $(sec 0c 00) $(sec 09 00)" '0xb: error: unexpected content after last section: element section after the data count section'
good custom-anywhere "$H $(sec 00 04 6e 61 6d 65) $T1 $(sec 00 01 61 ff) $F1 $(code1 00 0b) $(sec 00 00 00)" 'func[0] type=0'
err custom-name-eof "$H $(sec 00 05 61)" '0xa: error: length out of bounds: a name of 5 bytes but only 1 bytes left'
err custom-no-name "$H 00 00" '0xa: error: unexpected end of section or function'

# LEB128
err u32-too-long "$H $(sec 01 80 80 80 80 80 00)" '0xa: error: integer representation too long: a u32 takes at most 5 bytes'
err u32-too-large "$H $(sec 01 80 80 80 80 10)" '0xa: error: integer too large: the value does not fit in a u32'
good u32-padded "$H $(sec 01 81 80 80 80 00 60 00 00)" 'type[0]'
good u32-max "$H $(sec 05 01 01 00 ff ff ff ff 0f)" 'memory[0] min=0 max=4294967295'
err s32-too-large "$H $T1 $F1 $(code1 00 41 80 80 80 80 70 0b)" '0x18: error: integer too large: the value does not fit in a s32'
err s32-too-large-neg "$H $T1 $F1 $(code1 00 41 ff ff ff ff 0f 0b)" '0x18: error: integer too large: the value does not fit in a s32'
err s32-too-long "$H $T1 $F1 $(code1 00 41 80 80 80 80 80 00 0b)" '0x18: error: integer representation too long: a s32 takes at most 5 bytes'
good s32-min "$H $T1 $F1 $(code1 00 41 80 80 80 80 78 1a 0b)" '  i32.const 0x80000000'
good s32-neg-padded "$H $T1 $F1 $(code1 00 41 ff ff ff ff 7f 1a 0b)" '  i32.const 0xffffffff'
err s64-too-large "$H $T1 $F1 $(code1 00 42 80 80 80 80 80 80 80 80 80 02 0b)" '0x18: error: integer too large: the value does not fit in a s64'
err s64-too-long "$H $T1 $F1 $(code1 00 42 80 80 80 80 80 80 80 80 80 80 00 0b)" '0x18: error: integer representation too long: a s64 takes at most 10 bytes'
good s64-min "$H $T1 $F1 $(code1 00 42 80 80 80 80 80 80 80 80 80 7f 1a 0b)" '  i64.const 0x8000000000000000'
good s33-typeidx "$H $T1 $F1 $(code1 00 02 85 80 80 80 00 0b 0b)" '  block (type 5)'
good blocktype-index-inline "$H $T1 $F1 $(code1 00 02 00 0b 0b)" '  block'
err s33-too-large "$H $T1 $F1 $(code1 00 02 80 80 80 80 20 0b 0b)" '0x18: error: integer too large: the value does not fit in a s33'
err blocktype-negative "$H $T1 $F1 $(code1 00 02 7a 0b 0b)" '0x18: error: malformed block type 0x7a'
same empty-else "$H $T1 $F1 $(code1 00 41 00 04 40 05 0b 41 01 04 40 01 05 01 0b 0b)" 'module
type[0]
func[0] type=0
  i32.const 0x00000000
  if
  end
  i32.const 0x00000001
  if
    nop
  else
    nop
  end
  end'
good blocktype-value "$H $T1 $F1 $(code1 00 02 7f 41 00 0b 1a 0b)" '  block (result i32)'

# Types, imports, tables, memories, globals, exports
err functype-form "$H $(sec 01 01 61 00 00)" '0xb: error: malformed function type: 0x61 instead of 0x60'
err valtype "$H $(sec 01 01 60 01 7a 00)" '0xd: error: malformed value type 0x7a'
good valtype-v128 "$H $(sec 01 01 60 01 7b 00)" 'type[0] (param v128)'
err type-count "$H $(sec 01 ff ff ff ff 0f 60 00 00)" '0xa: error: length out of bounds: 4294967295 function types cannot fit in the 3 bytes left'
good import-func "$H $T1 $(sec 02 01 01 61 01 62 00 00)" 'import[0] "a" "b" func 0'
good import-table "$H $(sec 02 01 00 00 01 6f 01 01 02)" 'table[0] externref min=1 max=2 import=0'
good import-memory "$H $(sec 02 01 00 00 02 03 01 02)" 'memory[0] min=1 max=2 shared import=0'
good import-global "$H $(sec 02 01 00 00 03 7e 01)" 'global[0] mut i64 import=0'
err import-kind "$H $(sec 02 01 00 00 05 00)" '0xd: error: malformed import kind 0x05'
err import-name-utf8 "$H $(sec 02 01 01 ff 00 00 00)" '0xc: error: malformed UTF-8 encoding in name'
err mutability "$H $(sec 02 01 00 00 03 7f 02)" '0xf: error: malformed mutability 0x02, expected 0 or 1'
err reftype "$H $(sec 04 01 71 00 00)" '0xb: error: malformed reference type 0x71, expected funcref (0x70) or externref (0x6f)'
err table-flags "$H $(sec 04 01 70 02 00)" '0xc: error: malformed limits flags 0x02'
err memory-flags "$H $(sec 05 01 08 00)" '0xb: error: malformed limits flags 0x08'
good memory-shared-no-max "$H $(sec 05 01 02 00)" 'memory[0] min=0 shared' # the validator rejects it
good memory-shared "$H $(sec 05 01 03 01 02)" 'memory[0] min=1 max=2 shared'
good memory64 "$H $(sec 05 01 05 01 81 80 80 80 80 80 01)" 'memory[0] min=1 max=4398046511105 i64'
good table64 "$H $(sec 04 01 70 05 00 81 80 80 80 80 80 01)" 'table[0] funcref min=0 max=4398046511105 i64'
err table-flags-shared "$H $(sec 04 01 70 03 00 01)" '0xc: error: malformed limits flags 0x03'
err memory-flags-leb "$H $(sec 05 01 81 00 00)" '0xb: error: malformed limits flags 0x81'
good memory-max "$H $(sec 05 02 00 00 01 01 02)" 'memory[1] min=1 max=2'
good global "$H $(sec 06 01 7d 00 43 00 00 80 3f 0b)" 'global[0] f32 init=(f32.const bits=0x3f800000; end)'
err global-no-end "$H $(sec 06 01 7f 00 41 00)" '0xf: error: END opcode expected: the expression is not closed'
err export-kind "$H $(sec 07 01 01 61 05 00)" '0xd: error: malformed export kind 0x05'
good export "$H $(sec 07 01 03 e2 82 ac 02 00)" 'export[0] "\e2\82\ac" memory 0'
good start "$H $(sec 08 05)" 'start 5'
err start-extra "$H $(sec 08 05 00)" '0xb: error: section size mismatch: 1 unused bytes at the end of the start section'
err start-empty "$H $(sec 08)" '0xa: error: unexpected end of section or function'
good funcs "$H $T1 $(sec 03 02 00 00) $(sec 0a 02 02 00 0b 02 00 0b)" 'func[1] type=0'
err funcs-count "$H $T1 $(sec 03 03 00 00)" '0x10: error: length out of bounds: 3 functions cannot fit in the 2 bytes left'
err import-truncated "$H $T1 $(sec 02 02 04 61 62 63 64 04 65 66 67 68 00 00)" '0x1d: error: unexpected end of section or function'

# UTF-8 in names
err utf8-overlong "$H $(sec 07 01 02 c0 80 00 00)" '0xc: error: malformed UTF-8 encoding in name'
err utf8-surrogate "$H $(sec 07 01 03 ed a0 80 00 00)" '0xc: error: malformed UTF-8 encoding in name'
err utf8-too-big "$H $(sec 07 01 04 f4 90 80 80 00 00)" '0xc: error: malformed UTF-8 encoding in name'
err utf8-truncated "$H $(sec 07 01 02 61 e2 00 00)" '0xd: error: malformed UTF-8 encoding in name'
err utf8-continuation "$H $(sec 07 01 01 80 00 00)" '0xc: error: malformed UTF-8 encoding in name'
err utf8-custom "$H $(sec 00 02 f8 88)" '0xb: error: malformed UTF-8 encoding in name'
good utf8-4byte "$H $(sec 07 01 04 f0 9f 98 80 00 00)" 'export[0] "\f0\9f\98\80" func 0'

# Element segments: the eight encodings and their errors
TAB=$(sec 04 01 70 00 01)
good elem0 "$H $TAB $(sec 09 01 00 41 00 0b 01 00)" 'elem[0] active (ref func) table=0 offset=(i32.const 0x00000000; end)'
good elem1 "$H $(sec 09 01 01 00 02 00 01)" '  item (ref.func 1; end)'
good elem2 "$H $(sec 09 01 02 03 41 00 0b 00 01 07)" 'elem[0] active (ref func) table=3 offset=(i32.const 0x00000000; end)'
good elem3 "$H $(sec 09 01 03 00 01 04)" 'elem[0] declarative (ref func)'
good elem4 "$H $(sec 09 01 04 41 00 0b 01 d0 70 0b)" '  item (ref.null funcref; end)'
good elem5 "$H $(sec 09 01 05 6f 01 d0 6f 0b)" 'elem[0] passive externref'
good elem6 "$H $(sec 09 01 06 01 41 02 0b 70 01 d2 00 0b)" 'elem[0] active funcref table=1 offset=(i32.const 0x00000002; end)'
good elem7 "$H $(sec 09 01 07 70 01 d2 03 0b)" 'elem[0] declarative funcref'
err elem-flags "$H $(sec 09 01 08 00)" '0xb: error: malformed element segment kind 8 (expected 0 to 7)'
err elem-kind "$H $(sec 09 01 01 01 00)" '0xc: error: malformed element kind 0x01, expected 0 (funcref)'
err elem-reftype "$H $(sec 09 01 05 7f 01 d2 00 0b)" '0xc: error: malformed reference type 0x7f, expected funcref (0x70) or externref (0x6f)'
err elem-opcode "$H $(sec 09 01 05 70 01 f3 00 0b)" '0xe: error: illegal opcode 0xf3'

# Data segments and the data count section
good data0 "$H $(sec 0b 01 00 41 01 0b 02 61 00)" 'data[0] active mem=0 offset=(i32.const 0x00000001; end) "a\00"'
good data1 "$H $(sec 0b 01 01 01 62)" 'data[0] passive "b"'
good data2 "$H $(sec 0b 01 02 02 41 00 0b 00)" 'data[0] active mem=2 offset=(i32.const 0x00000000; end) ""'
err data-flags "$H $(sec 0b 01 03 00)" '0xb: error: malformed data segment kind 3 (expected 0 to 2)'
err data-len "$H $(sec 0b 01 01 05 61)" '0xc: error: unexpected end of section or function: 5 data bytes, 1 left'
err datacount-mismatch "$H $(sec 0c 02) $(sec 0b 01 01 00)" '0xd: error: data count and data section have inconsistent lengths: 2 and 1'
err datacount-no-data "$H $(sec 0c 01)" '0xb: error: data count and data section have inconsistent lengths: 1 and no data section'
good datacount-zero "$H $(sec 0c 00)" 'module'
err data-drop-needs-datacount "$H $T1 $F1 $(code1 00 fc 09 00 0b) $(sec 0b 01 01 00)" '0x17: error: data count section required by data.drop'
err memory-init-needs-datacount "$H $T1 $F1 $(code1 00 41 00 41 00 41 00 fc 08 00 00 0b) $(sec 0b 01 01 00)" '0x1d: error: data count section required by memory.init'
good data-drop-datacount "$H $T1 $F1 $(sec 0c 01) $(code1 00 fc 09 00 0b) $(sec 0b 01 01 00)" '  data.drop 0'

# Code section
err func-no-code "$H $T1 $F1" '0x12: error: function and code section have inconsistent lengths: 1 functions, no code section'
err code-no-func "$H $T1 $(code1 00 0b)" '0x10: error: function and code section have inconsistent lengths: 0 functions, 1 bodies'
err code-count "$H $T1 $F1 $(sec 0a 02 02 00 0b 02 00 0b)" '0x14: error: function and code section have inconsistent lengths: 1 functions, 2 bodies'
err body-too-big "$H $T1 $F1 0a 04 01 05 00 0b" '0x15: error: unexpected end of section or function: body of 5 bytes, 2 left'
err no-end "$H $T1 $F1 $(sec 0a 01 03 00 41 01)" '0x19: error: END opcode expected: the expression is not closed'
err no-end-nested "$H $T1 $F1 $(code1 00 02 40 0b)" '0x1a: error: END opcode expected: the expression is not closed'
err after-end "$H $T1 $F1 $(code1 00 0b 01)" '0x18: error: section size mismatch: 1 bytes after the end of function 0'
err too-many-locals "$H $T1 $F1 $(code1 02 ff ff ff ff 0f 7f 02 7e 0b)" '0x16: error: too many locals: more than 2^32-1 in one function'
err locals-limit "$H $T1 $F1 $(code1 01 d1 86 03 7f 0b)" '0x16: error: too many locals: 50001 declared, the implementation limit is 50000'
funcs=$(awk 'BEGIN { for (i = 0; i < 168; i++) printf "00 " }')
bodies=$(awk 'BEGIN { for (i = 0; i < 168; i++) printf "06 01 d0 86 03 7f 0b " }')
err module-locals-limit "$H $T1 $(sec 03 a8 01 $funcs) $(sec 0a a8 01 $bodies)" '0x552: error: too many locals: more than 8388608 in the module, the implementation limit'
good locals "$H $T1 $F1 $(code1 03 02 7f 00 7e 01 6f 0b)" '  locals i32 i32 externref'
err local-type "$H $T1 $F1 $(code1 01 01 40 0b)" '0x18: error: malformed value type 0x40'
err illegal-opcode "$H $T1 $F1 $(code1 00 27 0b)" '0x17: error: illegal opcode 0x27'
err later-opcode "$H $T1 $F1 $(code1 00 fb 00 0b)" '0x17: error: garbage-collected types are not supported yet (gc proposal)'
err later-prefix "$H $T1 $F1 $(code1 00 fb 00 0b)" '0x17: error: garbage-collected types are not supported yet (gc proposal)'
# Threads: the 0xFE prefix, atomic.fence's reserved byte.
MS=$(sec 05 01 03 01 01) # one shared memory, 1..1 pages
good atomic-rmw "$H $T1 $F1 $MS $(code1 00 41 00 41 01 fe 1e 02 00 1a 0b)" '  i32.atomic.rmw.add mem=0 align=2 offset=0'
good atomic-cmpxchg "$H $T1 $F1 $MS $(code1 00 41 00 42 00 42 01 fe 4e 02 08 1a 0b)" '  i64.atomic.rmw32.cmpxchg_u mem=0 align=2 offset=8'
good atomic-wait "$H $T1 $F1 $MS $(code1 00 41 00 42 00 42 7f fe 02 03 00 1a 0b)" '  memory.atomic.wait64 mem=0 align=3 offset=0'
good atomic-fence "$H $T1 $F1 $(code1 00 fe 03 00 0b)" '  atomic.fence'
err atomic-fence-byte "$H $T1 $F1 $(code1 00 fe 03 01 0b)" '0x19: error: malformed atomic.fence: the reserved byte must be 0x00'
err atomic-fence-end "$H $T1 $F1 $(code1 00 fe 03)" '0x19: error: unexpected end of section or function'
err atomic-illegal "$H $T1 $F1 $(code1 00 fe 04 0b)" '0x17: error: illegal opcode 0xfe 4'
err atomic-illegal-big "$H $T1 $F1 $(code1 00 fe 90 01 00 0b)" '0x17: error: illegal opcode 0xfe 144'
err illegal-fc "$H $T1 $F1 $(code1 00 fc 12 0b)" '0x17: error: illegal opcode 0xfc 18'
err illegal-fc-big "$H $T1 $F1 $(code1 00 fc ff ff ff ff 0f 0b)" '0x17: error: illegal opcode 0xfc 4294967295'
V16='00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f'
err simd-illegal "$H $T1 $F1 $(code1 00 fd 9a 01 0b)" '0x17: error: illegal opcode 0xfd 154'
good simd-const "$H $T1 $F1 $(code1 00 fd 0c $V16 1a 0b)" '  v128.const bytes=00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f'
good simd-shuffle "$H $T1 $F1 $(code1 00 fd 0c $V16 fd 0c $V16 fd 0d $V16 1a 0b)" '  i8x16.shuffle lanes=00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f'
good simd-lane "$H $T1 $F1 $(code1 00 fd 0c $V16 fd 16 0f 1a 0b)" '  i8x16.extract_lane_u lane=15'
good simd-memarg-lane "$H $T1 $F1 $(code1 00 41 00 fd 0c $V16 fd 54 00 08 07 1a 0b)" '  v128.load8_lane mem=0 align=0 offset=8 lane=7'
err simd-const-short "$H $T1 $F1 $(code1 00 fd 0c 00 01 02)" '0x19: error: unexpected end of section or function'
err reftype-null "$H $T1 $F1 $(code1 00 d0 7f 1a 0b)" '0x18: error: malformed reference type 0x7f, expected func (0x70), extern (0x6f) or a type index'
err memory-size-long "$H $T1 $F1 $(code1 00 3f 80 00 1a 0b)" '0x18: error: zero byte expected: a memory index must use its shortest encoding'
good memory-size-idx "$H $T1 $F1 $(code1 00 3f 02 1a 0b)" '  memory.size 2'
good memarg-memidx "$H $T1 $F1 $(code1 00 41 00 28 42 03 10 1a 0b)" '  i32.load mem=3 align=2 offset=16'
good br-table "$H $T1 $F1 $(code1 00 41 00 0e 02 00 01 02 0b)" '  br_table 0 1 2'
err br-table-count "$H $T1 $F1 $(code1 00 0e ff ff ff ff 0f 0b)" '0x18: error: length out of bounds: 4294967295 br_table labels cannot fit in the 1 bytes left'
good select-t "$H $T1 $F1 $(code1 00 1c 01 7c 0b)" '  select (result f64)'
good f32-bits "$H $T1 $F1 $(code1 00 43 01 00 c0 7f 1a 0b)" '  f32.const bits=0x7fc00001'
err f64-short "$H $T1 $F1 $(code1 00 44 00 00 00 0b)" '0x18: error: unexpected end of section or function'

# The name section: well-formed names are used, malformed ones ignored
NM=$(sec 00 04 6e 61 6d 65 00 $(body 01 6d) 01 $(body 01 00 01 66) 02 $(body 01 00 01 00 01 78))
good names-module "$H $T1 $F1 $(code1 01 01 7f 0b) $NM" 'module $"m"'
good names-func "$H $T1 $F1 $(code1 01 01 7f 0b) $NM" 'func[0] $"f" type=0'
good names-local "$H $T1 $F1 $(code1 01 01 7f 0b) $NM" '  local_names 0=$"x"'
good names-bad-local "$H $T1 $F1 $(code1 00 0b) $NM" 'func[0] type=0'
BADNM=$(sec 00 04 6e 61 6d 65 00 $(body 01 6d) 01 $(body 01 05 01 66))
good names-bad-index "$H $T1 $F1 $(code1 00 0b) $BADNM" 'func[0] type=0'
good names-bad-index-module "$H $T1 $F1 $(code1 00 0b) $BADNM" 'module'
good names-bad-utf8 "$H $T1 $F1 $(code1 00 0b) $(sec 00 04 6e 61 6d 65 01 $(body 01 00 01 ff))" 'func[0] type=0'
good names-truncated "$H $(sec 00 04 6e 61 6d 65 00 05 01)" 'module'
# Label names (subsection 3) name the C labels: (block $done (br $done)).
bytes() { for b in $*; do printf "\\$(printf %03o "0x$b")"; done; }
LBL=$(sec 00 04 6e 61 6d 65 03 $(body 01 00 01 00 04 64 6f 6e 65))
bytes "$H $T1 $F1 $(code1 00 02 40 0c 00 0b 0b) $LBL" >"$tmp/labels.wasm"
if "$W2L_BUILD/wasm2c-lite" "$tmp/labels.wasm" | grep -q 'goto L1_done;'; then ok
else bad "label names: no 'goto L1_done;' in the C of a binary with label names"; fi

# The dylink.0 section of side modules: DY PAYLOAD... is the custom section.
DY() { sec 00 08 64 79 6c 69 6e 6b 2e 30 "$@"; }
MI='01 04 10 02 01 00' # memory info: mem_size 16, 2^2, table_size 1, 2^0
good dylink-mem-info "$H $(DY $MI)" 'dylink mem_size=16 mem_align=2 table_size=1 table_align=0'
good dylink-empty "$H $(DY)" 'dylink mem_size=0 mem_align=0 table_size=0 table_align=0'
good dylink-later-subsection "$H $(DY 09 02 ff ff $MI)" 'dylink mem_size=16 mem_align=2 table_size=1 table_align=0'
good dylink-needed "$H $(DY 02 05 01 03 61 62 63)" 'dylink needed "abc"'
good dylink-runtime-path "$H $(DY 05 05 01 03 61 62 63)" 'dylink runtime_path "abc"'
good dylink-export-info "$H $(DY 03 04 01 01 66 01)" 'dylink export_info "f" flags=0x1'
good dylink-import-info "$H $(DY 04 08 01 03 65 6e 76 01 66 11)" 'dylink import_info "env" "f" flags=0x11'
err dylink-not-first "$H $T1 $(DY $MI)" '0xe: error: the dylink.0 section must be the first section of the module'
err dylink-twice "$H $(DY) $(DY)" '0x13: error: a second dylink.0 section (a side module has one)'
err dylink-old "$H $(sec 00 06 64 79 6c 69 6e 6b 00)" '0x8: error: old "dylink" section (the format before September 2021): rebuild the side module with a newer toolchain (LLVM >= 14, emscripten >= 3.0), which writes "dylink.0"'
err dylink-subsection-size "$H $(DY 01 09 10)" '0x14: error: length out of bounds: dylink.0 subsection 1 of 9 bytes, only 1 left'
err dylink-subsection-unused "$H $(DY 01 05 10 02 01 00 00)" '0x19: error: dylink.0 subsection 1 (WASM_DYLINK_MEM_INFO) size mismatch: 1 unused bytes'
err dylink-subsection-short "$H $(DY 01 03 10 02 01)" '0x18: error: unexpected end of section or function'
err dylink-subsection-twice "$H $(DY $MI $MI)" '0x19: error: a second dylink.0 subsection 1 (WASM_DYLINK_MEM_INFO)'
err dylink-mem-align "$H $(DY 01 04 10 20 01 00)" '0x16: error: memory alignment 2^32 in the dylink.0 section is too large (at most 2^31)'
err dylink-table-align "$H $(DY 01 04 10 02 01 20)" '0x18: error: table alignment 2^32 in the dylink.0 section is too large (at most 2^31)'
err dylink-nul-name "$H $(DY 02 05 01 03 61 00 62)" '0x18: error: NUL byte in a name of the dylink.0 section'
err dylink-utf8-name "$H $(DY 02 03 01 01 ff)" '0x17: error: malformed UTF-8 encoding in name'
err dylink-count "$H $(DY 02 05 ff ff ff ff 0f)" '0x15: error: length out of bounds: 4294967295 needed libraries cannot fit in the 0 bytes left'
err dylink-import-count "$H $(DY 04 02 02 00)" '0x15: error: length out of bounds: 2 import info entries cannot fit in the 1 bytes left'
err dylink-tls-import "$H $(DY 04 09 01 03 65 6e 76 01 78 80 02)" '0x1c: error: thread-local symbol "x" in the dylink.0 import info: thread-local storage in side modules is not supported yet'
# Segments at env.__table_base / env.__memory_base must fit in table_size /
# mem_size; at other offsets they are not the loader's business.
TB=$(sec 02 01 03 65 6e 76 0c 5f 5f 74 61 62 6c 65 5f 62 61 73 65 03 7f 00) # env.__table_base
TAB=$(sec 04 01 70 00 02)
err dylink-elem-past-table-size "$H $(DY $MI) $T1 $TB $F1 $TAB $(sec 09 01 00 23 00 0b 02 00 00) $(code1 00 0b)" '0x43: error: element segment 0 at env.__table_base has 2 elements, past the 1 table slots the dylink.0 section declares (table_size)'
good dylink-elem-in-table-size "$H $(DY $MI) $T1 $TB $F1 $TAB $(sec 09 01 00 23 00 0b 01 00) $(code1 00 0b)" 'elem[0] active (ref func) table=0 offset=(global.get 0; end)'
good dylink-elem-elsewhere "$H $(DY $MI) $T1 $TB $F1 $TAB $(sec 09 01 00 41 00 0b 02 00 00) $(code1 00 0b)" 'elem[0] active (ref func) table=0 offset=(i32.const 0x00000000; end)'
MB=$(sec 02 01 03 65 6e 76 0d 5f 5f 6d 65 6d 6f 72 79 5f 62 61 73 65 03 7f 00) # env.__memory_base
good dylink-data-elsewhere "$H $(DY 01 04 01 00 00 00) $MB $(sec 05 01 00 01) $(sec 0b 01 00 41 00 0b 02 61 62)" 'data[0] active mem=0 offset=(i32.const 0x00000000; end) "ab"'
err dylink-data-past-mem-size "$H $(DY 01 04 01 00 00 00) $MB $(sec 05 01 00 01) $(sec 0b 01 00 23 00 0b 02 61 62)" '0x39: error: data segment 0 at env.__memory_base has 2 bytes, past the 1 bytes of memory the dylink.0 section declares (mem_size)'

# A side module clang and wasm-ld built (tests/binary/dylink/build.sh): its
# dump, and its C compiles and points the descriptor at the section.
"$D" tests/binary/dylink/side.wasm >"$tmp/side.dump" 2>&1
golden side.dump tests/binary/dylink/side.dump "$tmp/side.dump"
cp tests/binary/dylink/side.wasm "$tmp/dylink-side.wasm" # for the mutants of part 4
if "$W2L_BUILD/wasm2c-lite" tests/binary/dylink/side.wasm -o "$tmp/side.c" 2>"$tmp/err" &&
  grep -q '^  \.dylink = &side__dylink,$' "$tmp/side.c" &&
  grep -q '^  (void (\*)(void))side__undefined2,$' "$tmp/side.c" &&
  grep -q '^static const uint32_t side__dylink_export_values\[6\] = {0u, 0u, 0u, 8u, 4u, 0u};$' "$tmp/side.c"; then ok
else bad "dylink/side.wasm: no descriptor, no stub for the weak import maybe or wrong export values"; head -n 5 "$tmp/err"; fi
# Its relocations (the start function) store at __memory_base + 4 and + 8, the
# last 4 of its 12 bytes; moved to + 9 (the i32.const at 0x19a) the store would
# write past its data, into another module's: rejected, with the offset.
cp tests/binary/dylink/side.wasm "$tmp/reloc.wasm"
printf '\011' | dd of="$tmp/reloc.wasm" bs=1 seek=410 conv=notrunc 2>/dev/null
want="$tmp/reloc.wasm:0x1a1: error: relocation in function 4 stores 4 bytes at __memory_base + 9, past the 12 bytes of memory the dylink.0 section declares (mem_size)"
got=$("$W2L_BUILD/wasm2c-lite" "$tmp/reloc.wasm" -o "$tmp/reloc.c" 2>&1); rc=$?
if [ $rc -eq 1 ] && [ "$got" = "$want" ] && [ ! -e "$tmp/reloc.c" ]; then ok
else bad "dylink relocation past mem_size: exit $rc"; echo "    want: $want"; echo "    got:  $got"; fi
for cc in $compilers; do
  # shellcheck disable=SC2086
  $cc $W2L_CFLAGS -O2 -c "$tmp/side.c" -o "$tmp/side.o" 2>"$tmp/err" && ok ||
    { bad "dylink/side.c does not compile with $cc"; head -n 10 "$tmp/err" | sed 's/^/    /'; }
done
if command -v clang >/dev/null && command -v wasm-ld-14 >/dev/null; then
  mkdir -p "$tmp/rebuilt"
  if (cd tests/binary/dylink && sh build.sh "$tmp/rebuilt") >"$tmp/err" 2>&1 &&
    "$D" "$tmp/rebuilt/side.wasm" >"$tmp/rebuilt/side.dump" 2>&1 &&
    cmp -s tests/binary/dylink/side.dump "$tmp/rebuilt/side.dump"; then ok
  else bad "dylink/side.wasm is not what build.sh builds from side.c now (see build.sh)"; head -n 5 "$tmp/err"; fi
fi

# --- 3. regressions found by fuzzing -----------------------------------------
for f in tests/binary/regress/*.hex; do
  [ -e "$f" ] || continue
  "$D" --hex "$(cat "$f")" >"$tmp/out" 2>&1; rc=$?
  if [ $rc -le 1 ]; then ok; else bad "$(basename "$f"): exit status $rc"; fi
done

# --- 4. mutants of the binaries of part 1 --------------------------------------
for w in "$tmp"/*.wasm; do
  [ -e "$w" ] || continue
  out=$("$D" --mutate "$w" 2>&1); rc=$?
  if [ $rc -eq 0 ] && echo "$out" | grep -q '^[0-9]* mutants: '; then ok
  else bad "$(basename "$w") mutants: exit status $rc"; echo "$out" | tail -n 5 | sed 's/^/    /'; fi
done

summary
