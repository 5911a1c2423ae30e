;; Wrong-code classes found by differential fuzzing (issue 11), one module per
;; class, with several shapes of each.  Each must keep passing at -O2.

;; 1. Guard mode: a load whose value becomes dead after C optimization must
;;    still trap when out of bounds.
(module
  (memory 1)
  (func $id (param f64) (result f64) local.get 0)
  (func $ignore (param i32))
  (func (export "via_call") (local f64)
    (local.set 0 (call $id (f64.load (i32.const 0x10000)))))
  (func (export "eqz_if")
    (if (i32.eqz (i32.load (i32.const 0x10000))) (then nop)))
  (func (export "select_drop")
    (drop (select (i32.load (i32.const 0x10000)) (i32.const 1) (i32.const 0))))
  (func (export "unused_arg") (call $ignore (i32.load8_u (i32.const 0x10000))))
  (func (export "dead_local") (local i64)
    (local.set 0 (i64.load offset=0xffff (i32.const 1))))
  (func (export "dead_f32") (result i32)
    (drop (f32.ne (f32.load (i32.const 0xfffe)) (f32.const 0)))
    (i32.const 1))
  (func (export "straddle") (result i32)
    (drop (i64.load16_s (i32.const 0xffff))) (i32.const 7))
  (func (export "in_bounds") (result i32)
    (drop (i32.load (i32.const 0xfffc))) (i32.const 3)))
(assert_trap (invoke "via_call") "out of bounds memory access")
(assert_trap (invoke "eqz_if") "out of bounds memory access")
(assert_trap (invoke "select_drop") "out of bounds memory access")
(assert_trap (invoke "unused_arg") "out of bounds memory access")
(assert_trap (invoke "dead_local") "out of bounds memory access")
(assert_trap (invoke "dead_f32") "out of bounds memory access")
(assert_trap (invoke "straddle") "out of bounds memory access")
(assert_return (invoke "in_bounds") (i32.const 3))

;; 2. A call's result must not overwrite an operand still pending below it.
(module
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $id)
  (func $id (param i32) (result i32) local.get 0)
  (func $idf (param f64) (result f64) local.get 0)
  (func $two (param i32) (result i32 i32) local.get 0 local.get 0)
  (func (export "call") (param i32) (result i32)
    local.get 0  i32.const 5  call $id  i32.add
    i32.const 100  call $id  drop)
  (func (export "call_indirect") (param i32) (result i32)
    local.get 0  i32.const 5  i32.const 0  call_indirect (type $t)  i32.add
    i32.const 100  i32.const 0  call_indirect (type $t)  drop)
  (func (export "local_set") (param i32) (result i32) (local i32)
    local.get 0  i32.const 5  call $id  i32.mul
    i32.const 100  call $id  local.set 1)
  (func (export "f64") (param f64) (result f64)
    local.get 0  f64.const 2.5  call $idf  f64.add
    f64.const 100  call $idf  drop)
  (func (export "multi") (param i32) (result i32)
    local.get 0  i32.const 5  call $id  i32.sub
    i32.const 100  call $two  drop drop)
  (func (export "nested") (param i32) (result i32)
    local.get 0
    i32.const 5  call $id  i32.const 1  i32.add
    i32.const 100  call $id  drop
    i32.mul))
(assert_return (invoke "call" (i32.const 1)) (i32.const 6))
(assert_return (invoke "call_indirect" (i32.const 1)) (i32.const 6))
(assert_return (invoke "local_set" (i32.const 3)) (i32.const 15))
(assert_return (invoke "f64" (f64.const 1)) (f64.const 3.5))
(assert_return (invoke "multi" (i32.const 1)) (i32.const -4))
(assert_return (invoke "nested" (i32.const 2)) (i32.const 12))

;; 3. A value carried out of a block by br_if keeps its own type, and the
;;    operands below it keep theirs.
(module
  (func (export "i64_below") (param i32) (result i64)
    (block (result i32)
      i64.const 0x100000001  i64.const 2
      local.get 0  i32.const 7  local.get 0  br_if 0
      drop
      select
      return)
    i64.extend_i32_u)
  (func (export "f64_carried") (param i32) (result f64)
    (block (result f64)
      i32.const 1  f64.const 1.25  local.get 0  br_if 0
      drop  drop  f64.const 9.5)
    f64.const 1  f64.add)
  (func (export "f32_below") (param i32) (result i32)
    (block (result i32)
      f32.const 2.5  f32.const 1.5  i32.const 4  local.get 0  br_if 0
      drop  f32.gt)
    i32.const 10  i32.add)
  (func (export "v128_below") (param i32) (result i32)
    (block (result i32)
      v128.const i32x4 1 2 3 4  i32.const 42  local.get 0  br_if 0
      drop  i32x4.extract_lane 2))
  (func (export "two_values") (param i32) (result i32) (local i64)
    (block (result i32 i64)
      f64.const 7.5  i32.const 6  i64.const 0x100000005  local.get 0  br_if 0
      local.set 1  drop  i32.trunc_f64_s  local.get 1)
    i32.wrap_i64  i32.const 100  i32.mul  i32.add))
(assert_return (invoke "i64_below" (i32.const 1)) (i64.const 7))
(assert_return (invoke "i64_below" (i32.const 0)) (i64.const 2))
(assert_return (invoke "f64_carried" (i32.const 1)) (f64.const 2.25))
(assert_return (invoke "f64_carried" (i32.const 0)) (f64.const 10.5))
(assert_return (invoke "f32_below" (i32.const 1)) (i32.const 14))
(assert_return (invoke "f32_below" (i32.const 0)) (i32.const 11))
(assert_return (invoke "v128_below" (i32.const 1)) (i32.const 42))
(assert_return (invoke "v128_below" (i32.const 0)) (i32.const 3))
(assert_return (invoke "two_values" (i32.const 1)) (i32.const 506))
(assert_return (invoke "two_values" (i32.const 0)) (i32.const 507))

;; 4. Emitted C must build warning-free: comparisons whose result C compilers
;;    can predict from the operand's form, and truth values used as numbers.
(module
  (func (export "bool_cmp") (param i32 i32) (result i32)
    (i32.add
      (i32.add (i32.eq (i32.lt_u (local.get 0) (local.get 1)) (i32.const 5))
               (i32.gt_u (i32.lt_u (local.get 0) (local.get 1)) (i32.const 1)))
      (i32.add (i32.lt_s (i32.ge_u (local.get 0) (local.get 1)) (i32.const 2))
               (i32.ne (i32.eqz (local.get 0)) (i32.const -1)))))
  (func (export "unsigned_zero") (param i32 i64) (result i32)
    (i32.add
      (i32.add (i32.lt_u (local.get 0) (i32.const 0)) (i32.ge_u (local.get 0) (i32.const 0)))
      (i32.add (i64.gt_u (i64.const 0) (local.get 1)) (i64.le_u (i64.const 0) (local.get 1)))))
  (func (export "masks") (param i32) (result i32)
    (i32.add
      (i32.add (i32.eq (i32.and (local.get 0) (i32.const 7)) (i32.const 9))
               (i32.ne (i32.or (local.get 0) (i32.const 8)) (i32.const 1)))
      (i32.add (i32.eqz (i32.or (local.get 0) (i32.const 0x80)))
               (i32.eq (i32.and (local.get 0) (i32.const 7)) (i32.const 5)))))
  (func (export "widened") (param i32) (result i32)
    (i32.add
      (i64.eq (i64.extend_i32_u (local.get 0)) (i64.const 0x100000000))
      (i32.eq (i32.extend8_s (local.get 0)) (i32.const 300))))
  (func (export "self") (param i32 f64) (result i32)
    (i32.add (i32.eq (local.get 0) (local.get 0)) (f64.ne (local.get 1) (local.get 1))))
  (func (export "truth") (param i32 i32) (result i32)
    (if (result i32) (i32.mul (local.get 0) (local.get 1))
      (then (select (i32.const 10) (i32.const 20) (i32.shl (local.get 0) (i32.const 1))))
      (else (i32.const 30))))
  (func (export "mask_cond") (param i32) (result i32)
    (local i32)
    (if (i32.or (local.get 0) (i32.const -1)) (then (local.set 1 (i32.const 1))))
    (block (br_if 0 (i32.eqz (i32.or (local.get 0) (i32.const 4))))
      (local.set 1 (i32.add (local.get 1) (i32.const 2))))
    (i32.add (local.get 1)
      (select (i32.const 4) (i32.const 8) (i32.or (local.get 0) (i32.const 0xffff)))))
  (func (export "wrapped_truth") (param i64 i64) (result i32)
    (local i32)
    (block (br_if 0 (i32.wrap_i64 (i64.mul (local.get 0) (local.get 1))))
      (local.set 2 (i32.const 1)))
    (if (i32.wrap_i64 (i64.shl (local.get 0) (local.get 1)))
      (then (local.set 2 (i32.add (local.get 2) (i32.const 2)))))
    (i32.add (local.get 2)
      (select (i32.const 4) (i32.const 8) (i32.wrap_i64 (i64.mul (local.get 0) (i64.const 3))))))
  (func (export "switch_bool") (param i32) (result i32)
    (block (block (br_table 0 1 (i32.lt_u (local.get 0) (i32.const 4)))) (return (i32.const 1)))
    (i32.const 2)))
(assert_return (invoke "bool_cmp" (i32.const 1) (i32.const 2)) (i32.const 2))
(assert_return (invoke "bool_cmp" (i32.const 0) (i32.const 0)) (i32.const 2))
(assert_return (invoke "unsigned_zero" (i32.const 5) (i64.const 3)) (i32.const 2))
(assert_return (invoke "masks" (i32.const 5)) (i32.const 2))
(assert_return (invoke "masks" (i32.const 6)) (i32.const 1))
(assert_return (invoke "widened" (i32.const 300)) (i32.const 0))
(assert_return (invoke "self" (i32.const 3) (f64.const nan)) (i32.const 2))
(assert_return (invoke "self" (i32.const 3) (f64.const 1)) (i32.const 1))
(assert_return (invoke "truth" (i32.const 3) (i32.const 2)) (i32.const 10))
(assert_return (invoke "truth" (i32.const 3) (i32.const 0)) (i32.const 30))
(assert_return (invoke "switch_bool" (i32.const 1)) (i32.const 2))
(assert_return (invoke "switch_bool" (i32.const 9)) (i32.const 1))
(assert_return (invoke "mask_cond" (i32.const 0)) (i32.const 7))
(assert_return (invoke "wrapped_truth" (i64.const 3) (i64.const 2)) (i32.const 6))
(assert_return (invoke "wrapped_truth" (i64.const 0x100000000) (i64.const 0x100000000)) (i32.const 9))
(assert_return (invoke "wrapped_truth" (i64.const 0) (i64.const 5)) (i32.const 9))

;; More than 8 values pending at a call: the slot names grow past their
;; first allocation (the emitter once copied from a null array there).
(module
  (func $idf (param f32) (result f32) local.get 0)
  (func $idi (param i32) (result i32) local.get 0)
  (func (export "deep") (param i32) (result f32)
    (call $idf (f32.const 1)) (call $idf (f32.const 2)) (call $idf (f32.const 3)) (call $idf (f32.const 4)) (call $idf (f32.const 5))
    (call $idf (f32.const 6)) (call $idf (f32.const 7)) (call $idf (f32.const 8)) (call $idf (f32.const 9)) (call $idf (f32.const 10))
    (call $idi (i32.const 1)) (call $idi (i32.const 2)) (call $idi (i32.const 3)) (call $idi (i32.const 4)) (call $idi (i32.const 5))
    (call $idi (i32.const 6)) (call $idi (i32.const 7)) (call $idi (i32.const 8)) (call $idi (i32.const 9)) (call $idi (i32.const 10))
    (call $idi (local.get 0))
    i32.add i32.add i32.add i32.add i32.add
    i32.add i32.add i32.add i32.add i32.add
    f32.convert_i32_s
    (call $idf (f32.const 11)) (call $idf (f32.const 12))
    f32.add f32.add
    f32.add f32.add f32.add f32.add f32.add
    f32.add f32.add f32.add f32.add f32.add))
(assert_return (invoke "deep" (i32.const 100)) (f32.const 233))

;; Constants the C compiler folds but that are not literals (a wrapped i64):
;; masks, zero comparisons and or-conditions built from them must not make
;; C that warns (campaign seed 301236: a bitwise comparison always true).
(module
  (func (export "folded") (param i32) (result i32)
    (local i32)
    (if (i32.or (local.get 0) (i32.wrap_i64 (i64.const -8040165)))
      (then (local.set 1 (i32.const 1))))
    (if (i32.eq (i32.and (local.get 0) (i32.wrap_i64 (i64.const 4))) (i32.const 8))
      (then (local.set 1 (i32.add (local.get 1) (i32.const 2)))))
    (if (i32.lt_u (local.get 0) (i32.wrap_i64 (i64.const 0x100000000)))
      (then (local.set 1 (i32.add (local.get 1) (i32.const 4)))))
    (if (i64.ne (i64.or (i64.extend_i32_u (local.get 0)) (i64.extend_i32_s (i32.const -2)))
                (i64.const 0))
      (then (local.set 1 (i32.add (local.get 1) (i32.const 8)))))
    (local.get 1)))
(assert_return (invoke "folded" (i32.const 0)) (i32.const 9))
(assert_return (invoke "folded" (i32.const 12)) (i32.const 9))

;; The same masks seen through wrap and extend: C compilers look through the
;; casts (campaign seeds 622999 and 623510: a bitwise comparison always false
;; or true).
(module
  (func (export "wrapped") (param i64) (result i32)
    (local i32)
    (if (i32.eqz (i32.wrap_i64 (i64.or (local.get 0) (i64.const -108))))
      (then (local.set 1 (i32.const 1))))
    (block
      (br_if 0 (i32.wrap_i64 (i64.or (local.get 0) (i64.const -68))))
      (local.set 1 (i32.add (local.get 1) (i32.const 2))))
    (if (i64.eqz (i64.extend_i32_u (i32.or (i32.wrap_i64 (local.get 0)) (i32.const 3))))
      (then (local.set 1 (i32.add (local.get 1) (i32.const 4)))))
    (if (i64.eq (i64.extend_i32_s (i32.and (i32.wrap_i64 (local.get 0)) (i32.const 0x80000001)))
                (i64.const 2))
      (then (local.set 1 (i32.add (local.get 1) (i32.const 8)))))
    (local.get 1)))
(assert_return (invoke "wrapped" (i64.const 0)) (i32.const 0))
(assert_return (invoke "wrapped" (i64.const -1)) (i32.const 0))

;; A call of an import right after a one-line "if (...) goto" whose goto
;; starts in the column where the call's text did (campaign seed 628576:
;; clang's misleading indentation): the import's name ends the line instead.
(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (func (export "aligned") (param i32)
    (block
      (br_if 0 (i32.ne (i32.add (local.get 0) (i32.const 123)) (i32.const 1234567890)))
      (call $print (local.get 0)))))
(assert_return (invoke "aligned" (i32.const 7)))
