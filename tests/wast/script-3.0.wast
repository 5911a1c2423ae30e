;; Script commands and results of WebAssembly 3.0's testsuite: module
;; definitions and their instances, (either ...), bare (ref.null) and
;; (ref.extern), and annotations in scripts and modules.

;; A definition is validated and compiled, never instantiated by itself;
;; each (module instance) makes a new instance of it.
(module definition $Counter
  (global $n (export "n") (mut i32) (i32.const 0))
  (func (export "inc") (result i32)
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (global.get $n)))
(module instance $A $Counter)
(module instance $B $Counter)
(assert_return (invoke $A "inc") (i32.const 1))
(assert_return (invoke $A "inc") (i32.const 2))
(assert_return (invoke $B "inc") (i32.const 1))
(assert_return (get $A "n") (i32.const 2))
;; One name only names the instance; the definition is the latest one.
(module instance $C)
(assert_return (invoke "inc") (i32.const 1))
(assert_return (invoke $C "inc") (i32.const 2))
(register "counter" $A)
(module
  (import "counter" "inc" (func $inc (result i32)))
  (func (export "inc-a") (result i32) (call $inc)))
(assert_return (invoke "inc-a") (i32.const 3))
(assert_return (invoke $A "inc") (i32.const 4))

;; A definition that does not validate is rejected like any module.
(assert_invalid
  (module definition (func (result i32) (i64.const 0)))
  "type mismatch")

;; (either ...) passes if any alternative matches.
(module
  (func (export "seven") (result i32) (i32.const 7))
  (func (export "nan") (result f32) (f32.const nan))
  (func (export "null") (result funcref) (ref.null func))
  (func (export "id") (param externref) (result externref) (local.get 0)))
(assert_return (invoke "seven") (either (i32.const 1) (i32.const 7)))
(assert_return (invoke "seven") (either (i32.const 7)))
(assert_return (invoke "nan") (either (f32.const 0) (f32.const nan:canonical)))
;; (ref.null) is a null of any reference type; (ref.extern) any non-null
;; externref.
(assert_return (invoke "null") (ref.null))
(assert_return (invoke "null") (ref.null nofunc))
(assert_return (invoke "id" (ref.null extern)) (ref.null))
(assert_return (invoke "id" (ref.extern 3)) (ref.extern))
(assert_return (invoke "id" (ref.extern 3)) (either (ref.null extern) (ref.extern 3)))

;; Annotations are ignored wherever they stand, in scripts too.
((@a) module (@a) $m (@name "m")
  (func (export "one") (@a (b "c")) (result i32) (@x) (i32.const 1)))
((@a) assert_return (@a) (invoke (@a) "one") (i32.const 1) (@a))
(assert_malformed (module quote "(func (@) )") "empty annotation id")
(assert_malformed (module quote "(func (@x (y) )") "unclosed annotation")
