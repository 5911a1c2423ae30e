;; Table and reference instructions, elem segments.
;; Each module follows its expectation: ";; valid" or ";; invalid: MESSAGE".

;; --- table.get, table.set, table.size, table.grow, table.fill ---
;; valid
(module (table $f 1 funcref) (table $e 1 externref)
  (func (param externref)
    (drop (table.get $f (i32.const 0)))
    (table.set $e (i32.const 0) (local.get 0))
    (drop (table.size $e))
    (drop (table.grow $f (ref.null func) (i32.const 1)))
    (table.fill $f (i32.const 0) (ref.null func) (i32.const 1))))
;; invalid: type mismatch in table.get, expected [i32] but got [f32]
(module (table 1 funcref) (func (drop (table.get 0 (f32.const 0)))))
;; invalid: type mismatch in implicit return, expected [funcref] but got [externref]
(module (table 1 externref) (func (result funcref) (table.get 0 (i32.const 0))))
;; invalid: type mismatch in table.set, expected [i32, externref] but got [i32, funcref]
(module (table 1 externref) (func (table.set 0 (i32.const 0) (ref.null func))))
;; invalid: table variable out of range (max 1)
(module (table 1 funcref) (func (drop (table.size 1))))
;; invalid: type mismatch in table.grow, expected [funcref, i32] but got [externref, i32]
(module (table 1 funcref) (func (drop (table.grow 0 (ref.null extern) (i32.const 1)))))
;; invalid: type mismatch in table.fill, expected [i32, funcref, i32] but got [i32, i32]
(module (table 1 funcref) (func (table.fill 0 (i32.const 0) (i32.const 1))))

;; --- table.copy, table.init, elem.drop ---
;; valid
(module (table $a 1 funcref) (table $b 1 funcref) (elem $e func $f) (func $f
  (table.copy $a $b (i32.const 0) (i32.const 0) (i32.const 1))
  (table.init $b $e (i32.const 0) (i32.const 0) (i32.const 1))
  (elem.drop $e)))
;; invalid: type mismatch in table.copy, table 0 is funcref but table 1 is externref
(module (table 1 funcref) (table 1 externref) (func (table.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0))))
;; invalid: type mismatch in table.init, elem segment 0 is (ref func) but table 1 is externref
(module (table 1 funcref) (table 1 externref) (elem func) (func (table.init 1 0 (i32.const 0) (i32.const 0) (i32.const 0))))
;; invalid: elem segment variable out of range (max 0)
(module (func (elem.drop 0)))

;; --- ref.null, ref.is_null, ref.func ---
;; valid
(module (func (result i32) (ref.is_null (ref.null extern))))
;; invalid: type mismatch in ref.is_null, expected a reference but got [i32]
(module (func (result i32) (ref.is_null (i32.const 0))))
;; valid
(module (elem declare func $f) (func $f (result funcref) (ref.func $f)))
;; valid
(module (export "f" (func $f)) (func $f (result funcref) (ref.func $f)))
;; valid
(module (global funcref (ref.func $f)) (func $f (result funcref) (ref.func $f)))
;; valid
(module (table 1 funcref) (elem (i32.const 0) $f) (func $f (result funcref) (ref.func $f)))
;; invalid: undeclared function reference 0 in ref.func (name it in an elem segment, an export or a global initializer)
(module (func $f (result funcref) (ref.func $f)))
;; invalid: function variable out of range (max 1)
(module (func (result funcref) (ref.func 1)))

;; --- limits ---
;; valid
(module (table 0 0xFFFF_FFFF funcref))
;; invalid: table size minimum (3) must not be greater than maximum (2)
(module (table 3 2 funcref))

;; --- elem segments ---
;; valid
(module (global (import "env" "base") i32) (table 1 funcref) (elem (global.get 0) $f) (func $f))
;; valid
(module (table 1 externref) (elem (table 0) (i32.const 0) externref (ref.null extern)))
;; invalid: type mismatch in elem offset, expected [i32] but got [i64]
(module (table 1 funcref) (elem (i64.const 0) $f) (func $f))
;; invalid: table variable out of range (max 0)
(module (elem (i32.const 0) $f) (func $f))
;; invalid: type mismatch in elem segment 0, table 0 is externref but the segment is (ref func)
(module (table 1 externref) (elem (i32.const 0) $f) (func $f))
;; invalid: type mismatch in elem item, expected [funcref] but got [externref]
(module (elem funcref (ref.null extern)))
;; invalid: function variable out of range (max 1)
(module (elem func 1) (func))
