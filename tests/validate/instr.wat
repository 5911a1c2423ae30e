;; Instruction typing: one accepted and one rejected module per rule.
;; Each module follows its expectation: ";; valid" or ";; invalid: MESSAGE".

;; --- numeric instructions (the SIG column of opcodes.def) ---
;; valid
(module (func (result i32) i32.const 1 i32.const 2 i32.add))
;; invalid: type mismatch in i32.add, expected [i32, i32] but got [i32, f32]
(module (func (result i32)
  i32.const 1
  f32.const 2
  i32.add))
;; invalid: type mismatch in f64.sqrt, expected [f64] but got [f32]
(module (func (result f64) (f64.sqrt (f32.const 2))))
;; valid
(module (func (result i64) (i64.trunc_sat_f32_u (f32.const 1.5))))
;; invalid: type mismatch in i64.trunc_sat_f32_u, expected [f32] but got [f64]
(module (func (result i64) (i64.trunc_sat_f32_u (f64.const 1.5))))

;; --- implicit return and the polymorphic stack ---
;; invalid: type mismatch in implicit return, expected [i32] but got []
(module (func (result i32)))
;; invalid: type mismatch in implicit return, expected [] but got [i32]
(module (func i32.const 1))
;; valid
(module (func (result i32 f32) i32.const 1 f32.const 2))
;; invalid: type mismatch in implicit return, expected [i32, f32] but got [f32, i32]
(module (func (result i32 f32) f32.const 2 i32.const 1))
;; valid
(module (func (result i32) unreachable i32.add))
;; invalid: type mismatch in i32.add, expected [i32, i32] but got [..., i64]
(module (func (result i32) unreachable i64.const 0 i32.add))
;; valid
(module (func (result i32) (block (br 0) (drop (i32.add))) (i32.const 0)))

;; --- block, loop, if ---
;; valid
(module (func (result i32) (block (result i32) (i32.const 1))))
;; invalid: type mismatch in block, expected [i32] but got []
(module (func (result i32) (block (result i32))))
;; invalid: type mismatch in block, expected [] but got [i32]
(module (func (block (i32.const 1))))
;; valid
(module (func (result i32) (i32.const 1) (block (param i32) (result i32) (i32.const 2) (i32.add))))
;; invalid: type mismatch in block, expected [i32] but got []
(module (func (result i32) (block (param i32) (result i32))))
;; valid
(module (func (result i32) (loop (result i32) (i32.const 1))))
;; invalid: type mismatch in br, expected [i32] but got [f32]
(module (func (result i32) (i32.const 0) (loop (param i32) (result i32) (f32.const 0) (br 0))))
;; valid
(module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))))
;; invalid: type mismatch in if, expected [i32] but got [f32]
(module (func (if (f32.const 0) (then))))
;; invalid: type mismatch in if true branch, expected [i32] but got []
(module (func (result i32) (if (result i32) (i32.const 1) (then) (else (i32.const 3)))))
;; invalid: type mismatch in if false branch, expected [i32] but got []
(module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) (else))))
;; invalid: type mismatch in if false branch, expected [i32] but got []
(module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)))))
;; valid
(module (func (result i32) (i32.const 5) (if (param i32) (result i32) (i32.const 1) (then))))

;; --- br, br_if, br_table, return ---
;; valid
(module (func (result i32) (block (result i32) (br 0 (i32.const 1)))))
;; invalid: label variable out of range (max 2)
(module (func (block (br 2))))
;; invalid: type mismatch in br, expected [i32] but got [f32]
(module (func (result i32) (block (result i32) (br 0 (f32.const 0)))))
;; valid
(module (func (result i32) (block (result i32) (br_if 0 (i32.const 1) (i32.const 0)))))
;; invalid: type mismatch in br_if, expected [i32] but got []
(module (func (block (br_if 0))))
;; invalid: type mismatch in br_if, expected [i32] but got []
(module (func (result i32) (block (result i32) (br_if 0 (i32.const 0)))))
;; valid
(module (func (block (block (br_table 0 1 0 (i32.const 0))))))
;; invalid: type mismatch in br_table, label 0 expects [] but the default label 1 expects [i32]
(module (func
  (block (result i32)
    (block (br_table 0 1 (i32.const 0)))
    (i32.const 1))
  drop))
;; valid
(module (func
  (block (result f32) (block (result i32) unreachable (br_table 0 1)) drop (f32.const 0))
  drop))
;; invalid: type mismatch in br_table, expected [f32] but got [i32]
(module (func
  (block (result f32) (block (result i32) (br_table 0 1 (i32.const 1) (i32.const 0))) drop (f32.const 0))
  drop))
;; valid
(module (func (result i32) (block (result i64) (return (i32.const 1))) drop (i32.const 0)))
;; invalid: type mismatch in return, expected [i32] but got [f32]
(module (func (result i32) (return (f32.const 0))))

;; --- call, call_indirect ---
;; valid
(module (func $f (param i32) (result i32) local.get 0) (func (result i32) (call $f (i32.const 3))))
;; invalid: type mismatch in call, expected [i32] but got []
(module (func $f (param i32)) (func (call $f)))
;; invalid: function variable out of range (max 1)
(module (func (call 1)))
;; valid
(module (type $t (func (param i32) (result i32))) (table 1 funcref)
  (func (result i32) (call_indirect (type $t) (i32.const 5) (i32.const 0))))
;; invalid: type mismatch in call_indirect, table 0 is externref but must be funcref
(module (type $t (func)) (table 1 externref) (func (call_indirect (type $t) (i32.const 0))))
;; invalid: table variable out of range (max 0)
(module (type $t (func)) (func (call_indirect (type $t) (i32.const 0))))
;; invalid: type mismatch in call_indirect, expected [i32] but got [i64]
(module (type $t (func)) (table 1 funcref) (func (call_indirect (type $t) (i64.const 0))))

;; --- drop, select ---
;; valid
(module (func (drop (i32.const 1))))
;; invalid: type mismatch in drop, expected [any] but got []
(module (func drop))
;; valid
(module (func (result i32) (select (i32.const 1) (i32.const 2) (i32.const 0))))
;; invalid: type mismatch in select, expected [i32, i32, i32] but got [i32, i64, i32]
(module (func (result i32) (select (i32.const 1) (i64.const 2) (i32.const 0))))
;; invalid: type mismatch in select, expected numeric operands but got [funcref, funcref, i32] (select of references needs a result type)
(module (func (drop (select (ref.null func) (ref.null func) (i32.const 0)))))
;; valid
(module (func (drop (select (result funcref) (ref.null func) (ref.null func) (i32.const 0)))))
;; invalid: type mismatch in select, expected [funcref, funcref, i32] but got [i32, i32, i32]
(module (func (drop (select (result funcref) (i32.const 0) (i32.const 0) (i32.const 0)))))
;; valid
(module (func (result i32) unreachable select))
;; invalid: type mismatch in br, expected [i32] but got [funcref]
(module (func (result i32) unreachable select (result funcref) br 0))
;; invalid: type mismatch in select, expected numeric operands but got [..., funcref, i32] (select of references needs a result type)
(module (func unreachable select (result funcref) i32.const 1 select drop))

;; --- local and global variables ---
;; valid
(module (func (param i32) (local f32)
  (drop (local.get 0)) (local.set 1 (local.get 1)) (drop (local.tee 1 (f32.const 0)))))
;; invalid: local variable out of range (max 2)
(module (func (param i32) (local f32) (drop (local.get 2))))
;; invalid: type mismatch in local.set, expected [f32] but got [i32]
(module (func (param i32) (local f32) (local.set 1 (i32.const 0))))
;; valid
(module (global $g (mut i64) (i64.const 0)) (func (global.set $g (i64.const 1))))
;; invalid: global.set of immutable global 0
(module (global $g i64 (i64.const 0)) (func (global.set $g (i64.const 1))))
;; invalid: type mismatch in global.set, expected [i64] but got [i32]
(module (global $g (mut i64) (i64.const 0)) (func (global.set $g (i32.const 1))))
;; invalid: global variable out of range (max 1)
(module (global $g i64 (i64.const 0)) (func (drop (global.get 1))))
