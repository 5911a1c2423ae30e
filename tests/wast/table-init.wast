;; Table initializers (WebAssembly 3.0, with typed function references): a
;; table's every element starts as the value of a constant expression, in the
;; text format (table min max? reftype expr) and the binary 0x40 0x00 form.
(module $G
  (func $seven (export "seven") (result i32) (i32.const 7))
  (global (export "fr") funcref (ref.func $seven)))
(register "G" $G)

(module
  (type $r (func (result i32)))
  (import "G" "fr" (global $imported funcref))
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (global $own funcref (ref.func $two))
  (table $a 3 funcref (ref.func $one))
  (table $b 2 5 funcref (global.get $imported))
  (table $d 2 funcref (ref.null func))
  (table $e 2 externref (ref.null extern))
  (table $f 0 funcref (ref.func $one))
  (func (export "call-a") (param i32) (result i32) (call_indirect $a (type $r) (local.get 0)))
  (func (export "call-b") (param i32) (result i32) (call_indirect $b (type $r) (local.get 0)))
  (func (export "call-d") (param i32) (result i32) (call_indirect $d (type $r) (local.get 0)))
  (func (export "null-e") (param i32) (result i32) (ref.is_null (table.get $e (local.get 0))))
  (func (export "grow-b") (result i32) (table.grow $b (ref.null func) (i32.const 1)))
  (func (export "size-f") (result i32) (table.size $f)))
(assert_return (invoke "call-a" (i32.const 0)) (i32.const 1))
(assert_return (invoke "call-a" (i32.const 2)) (i32.const 1))
(assert_trap (invoke "call-a" (i32.const 3)) "undefined element")
(assert_return (invoke "call-b" (i32.const 1)) (i32.const 7))
(assert_trap (invoke "call-d" (i32.const 1)) "uninitialized element")
(assert_return (invoke "null-e" (i32.const 1)) (i32.const 1))
;; growing fills with the grow operand, not the initializer
(assert_return (invoke "grow-b") (i32.const 2))
(assert_trap (invoke "call-b" (i32.const 2)) "uninitialized element")
(assert_return (invoke "call-b" (i32.const 0)) (i32.const 7))
(assert_return (invoke "size-f") (i32.const 0))

;; the binary form: (table 2 funcref (ref.func 0)) as 0x40 0x00 0x70 0x00 0x02 0xd2 0x00 0x0b
(module binary
  "\00asm\01\00\00\00"
  "\01\05\01\60\00\01\7f"                   ;; type 0: [] -> [i32]
  "\03\03\02\00\00"                         ;; func 0, 1: type 0
  "\04\09\01\40\00\70\00\02\d2\00\0b"       ;; table 0: 2 funcref, init ref.func 0
  "\07\08\01\04\63\61\6c\6c\00\01"          ;; export "call" = func 1
  "\0a\0e\02"
  "\04\00\41\05\0b"                         ;; func 0: i32.const 5
  "\07\00\41\01\11\00\00\0b")               ;; func 1: call_indirect (i32.const 1)
(assert_return (invoke "call") (i32.const 5))
(assert_malformed
  (module binary
    "\00asm\01\00\00\00"
    "\04\08\01\40\01\70\00\01\d0\70\0b")
  "malformed table")

(assert_invalid ;; tables come before the module's own globals
  (module (global $g funcref (ref.null func)) (table 1 funcref (global.get $g)))
  "unknown global")
(assert_invalid
  (module (func $f) (table 1 externref (ref.func $f)))
  "type mismatch")
(assert_invalid
  (module (table 1 funcref (i32.const 0)))
  "type mismatch")
(assert_invalid
  (module (global $g (mut funcref) (ref.null func)) (table 1 funcref (global.get $g)))
  "mutable global")
(assert_invalid
  (module (func $f) (table 1 funcref (call $f)))
  "constant expression")
