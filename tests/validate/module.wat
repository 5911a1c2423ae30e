;; Module-level rules: globals and constant expressions, start, exports, SIMD.
;; Each module follows its expectation: ";; valid" or ";; invalid: MESSAGE".

;; --- globals and constant expressions ---
;; valid
(module (global (import "env" "g") i32) (global i32 (global.get 0)) (global funcref (ref.null func)))
;; invalid: constant expression required in global initializer, but found i64.or
(module (global i64 (i64.or (i64.const 1) (i64.const 2))))
;; extended-const (WebAssembly 3.0): add, sub and mul are constant
;; valid
(module (global i64 (i64.add (i64.const 1) (i64.const 2))))
;; invalid: type mismatch in global initializer, expected [i64] but got [i32]
(module (global i64 (i32.const 1)))
;; invalid: type mismatch in global initializer, expected [i64] but got [i64, i64]
(module (global i64 (i64.const 1) (i64.const 2)))
;; invalid: type mismatch in global initializer, expected [i64] but got []
(module (global i64))
;; invalid: constant expression cannot read mutable global 0
(module (global (import "env" "g") (mut i32)) (global i32 (global.get 0)))
;; (3.0 reads the module's own immutable globals before it)
;; valid
(module (global i32 (i32.const 0)) (global i32 (global.get 0)))
;; invalid: unknown global 1 (a constant expression reads the globals before it)
(module (global i32 (global.get 1)) (global i32 (i32.const 0)))
;; invalid: global variable out of range (max 1)
(module (global i32 (global.get 1)))

;; --- start function ---
;; valid
(module (func $main) (start $main))
;; invalid: start function must have type [] -> [], but function 0 has type [i32] -> [i32]
(module (func $main (param i32) (result i32) (local.get 0)) (start $main))
;; invalid: function variable out of range (max 1)
(module (func) (start 1))

;; --- exports ---
;; valid
(module (func (export "a")) (func (export "b")) (memory (export "m") 1))
;; invalid: duplicate export name "a"
(module (func (export "a")) (global (export "a") i32 (i32.const 0)))
;; invalid: function variable out of range (max 1)
(module (func) (export "f" (func 1)))
;; invalid: memory variable out of range (max 0)
(module (export "m" (memory 0)))
