;; Tail calls (WebAssembly 3.0): return_call and return_call_indirect run in
;; constant native stack (chains of 10^6 between functions of different
;; signatures, through tables, across two instances), reach host-less
;; callees without a tail entry (a module without tail calls) through thunks,
;; keep multiple results, and fall back to call + return beyond 32 arguments.

;; A module without tail calls: its functions have no tail entry.
(module $A
  (func (export "plus1") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "pair") (param i32) (result i32 i64)
    (local.get 0) (i64.extend_i32_u (local.get 0))))
(register "A" $A)

(module $B
  (import "A" "plus1" (func $plus1 (param i32) (result i32)))
  (import "A" "pair" (func $pair (param i32) (result i32 i64)))
  (type $step (func (param i32 i32) (result i32)))
  (type $one (func (param i32) (result i32)))
  (table $t 8 funcref)
  (elem (table $t) (i32.const 0) func $ind_even $ind_odd $plus1 $wrong)

  ;; ping and pong differ in signature: 10^6 hops.
  (func $ping (export "ping") (param $n i64) (param $acc i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call $pong (f64.const 1.5) (i32.const 3) (i64.sub (local.get $n) (i64.const 1))
                       (i64.add (local.get $acc) (i64.const 2))))
  (func $pong (param $x f64) (param $k i32) (param $n i64) (param $acc i64) (result i64)
    (return_call $ping (local.get $n)
      (i64.sub (local.get $acc) (i64.extend_i32_u (i32.trunc_f64_u (f64.sub (local.get $x) (f64.const 0.5)))))))

  ;; the same chain through the table: even and odd select each other.
  (func $ind_even (param $n i32) (param $acc i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call_indirect $t (type $step)
      (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $acc) (i32.const 3)) (i32.const 1)))
  (func $ind_odd (param $n i32) (param $acc i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call_indirect $t (type $step)
      (i32.sub (local.get $n) (i32.const 1)) (i32.sub (local.get $acc) (i32.const 1)) (i32.const 0)))
  (func (export "indirect") (param i32) (result i32)
    (call $ind_even (local.get 0) (i32.const 0)))

  ;; callees without a tail entry: an import, directly and through the table
  (func (export "to-import") (param i32) (result i32) (return_call $plus1 (local.get 0)))
  (func (export "to-import-indirect") (param i32) (result i32)
    (return_call_indirect $t (type $one) (local.get 0) (i32.const 2)))
  (func (export "to-import-pair") (param i32) (result i32 i64) (return_call $pair (local.get 0)))

  ;; several results kept through a chain
  (func $mv (export "mv") (param $n i32) (result i32 i64 f64)
    (if (i32.eqz (local.get $n))
      (then (return (i32.const 7) (i64.const -1) (f64.const 2.5))))
    (return_call $mv2 (f32.const 0) (i32.sub (local.get $n) (i32.const 1))))
  (func $mv2 (param f32 i32) (result i32 i64 f64) (return_call $mv (local.get 1)))

  ;; the traps of return_call_indirect
  (func $wrong (param i64) (result i64) (local.get 0))
  (func (export "trap-type") (result i32) (return_call_indirect $t (type $one) (i32.const 0) (i32.const 3)))
  (func (export "trap-null") (result i32) (return_call_indirect $t (type $one) (i32.const 0) (i32.const 5)))
  (func (export "trap-bounds") (result i32) (return_call_indirect $t (type $one) (i32.const 0) (i32.const 8)))
  ;; a trap in the middle of a chain
  (func $down (export "down") (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then unreachable))
    (return_call $down (i32.sub (local.get $n) (i32.const 1))))

  ;; more arguments than a w2l_tail holds: a call and a return
  (func $wide (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    (i32.add (local.get 0) (i32.mul (local.get 39) (i32.const 100))))
  (func (export "wide") (param i32) (result i32)
    (return_call $wide
      (local.get 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 5)))
  (func $wide_rec (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    (if (i32.eqz (local.get 0)) (then (return (local.get 39))))
    (return_call $wide_rec
      (i32.sub (local.get 0) (i32.const 1)) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10) (local.get 11) (local.get 12) (local.get 13) (local.get 14) (local.get 15) (local.get 16) (local.get 17) (local.get 18) (local.get 19) (local.get 20) (local.get 21) (local.get 22) (local.get 23) (local.get 24) (local.get 25) (local.get 26) (local.get 27) (local.get 28) (local.get 29) (local.get 30) (local.get 31) (local.get 32) (local.get 33) (local.get 34) (local.get 35) (local.get 36) (local.get 37) (local.get 38)
      (i32.add (local.get 39) (local.get 1))))
  (func (export "wide-rec") (param i32) (result i32)
    (return_call $wide_rec (local.get 0) (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)))

  ;; ordinary recursion still exhausts the stack
  (func $deep (export "deep") (param i32) (result i32)
    (i32.add (call $deep (local.get 0)) (i32.const 1)))
)
(assert_return (invoke "ping" (i64.const 1_000_000) (i64.const 5)) (i64.const 1_000_005))
(assert_return (invoke "ping" (i64.const 0) (i64.const 5)) (i64.const 5))
(assert_return (invoke "indirect" (i32.const 1_000_000)) (i32.const 1_000_000))
(assert_return (invoke "indirect" (i32.const 3)) (i32.const 5))
(assert_return (invoke "to-import" (i32.const 41)) (i32.const 42))
(assert_return (invoke "to-import-indirect" (i32.const -1)) (i32.const 0))
(assert_return (invoke "to-import-pair" (i32.const 9)) (i32.const 9) (i64.const 9))
(assert_return (invoke "mv" (i32.const 1_000_000)) (i32.const 7) (i64.const -1) (f64.const 2.5))
(assert_trap (invoke "trap-type") "indirect call type mismatch")
(assert_trap (invoke "trap-null") "uninitialized element")
(assert_trap (invoke "trap-bounds") "undefined element")
(assert_trap (invoke "down" (i32.const 100_000)) "unreachable")
(assert_return (invoke "wide" (i32.const 4)) (i32.const 504))
(assert_return (invoke "wide-rec" (i32.const 1000)) (i32.const 2001))
(assert_exhaustion (invoke "deep" (i32.const 0)) "call stack exhausted")

;; Across two instances: C's step tail-calls through its table into D's step,
;; which tail-calls back into C, 10^6 times; element 2 is A's function, which
;; has no tail entry.
(module $C
  (type $s (func (param i32 i64) (result i64)))
  (table (export "tab") 4 funcref)
  (elem (i32.const 0) func $c_step)
  (func $c_step (export "c-step") (param $n i32) (param $acc i64) (result i64)
    (if (i32.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call_indirect (type $s)
      (i32.sub (local.get $n) (i32.const 1)) (i64.add (local.get $acc) (i64.const 10)) (i32.const 1))))
(register "C" $C)
(module $D
  (type $s (func (param i32 i64) (result i64)))
  (type $one (func (param i32) (result i32)))
  (import "C" "tab" (table $tab 4 funcref))
  (import "A" "plus1" (func $plus1 (param i32) (result i32)))
  (elem (table $tab) (i32.const 1) func $d_step $plus1)
  (func $d_step (param $n i32) (param $acc i64) (result i64)
    (if (i32.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call_indirect $tab (type $s)
      (i32.sub (local.get $n) (i32.const 1)) (i64.sub (local.get $acc) (i64.const 9)) (i32.const 0)))
  (func (export "from-d") (param i32) (result i64)
    (return_call $d_step (local.get 0) (i64.const 0)))
  (func (export "plus1-via-table") (param i32) (result i32)
    (return_call_indirect $tab (type $one) (local.get 0) (i32.const 2))))
(assert_return (invoke $C "c-step" (i32.const 1_000_000) (i64.const 0)) (i64.const 500_000))
(assert_return (invoke $D "from-d" (i32.const 1_000_000)) (i64.const 500_000))
(assert_return (invoke $D "from-d" (i32.const 1_000_001)) (i64.const 499_991))
(assert_return (invoke $D "plus1-via-table" (i32.const 1)) (i32.const 2))

;; Validation: a tail call returns what the function returns.
(assert_invalid
  (module (func $f (result i64) (i64.const 0)) (func (result i32) (return_call $f)))
  "type mismatch")
(assert_invalid
  (module (func $f (result i32 i32) (i32.const 0) (i32.const 0)) (func (result i32) (return_call $f)))
  "type mismatch")
(assert_invalid
  (module (type $t (func (result i32))) (table 1 funcref)
    (func (result i64) (return_call_indirect (type $t) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (func)) (table 1 externref)
    (func (return_call_indirect (type $t) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (func $f (param i32)) (func (return_call $f (i64.const 0))))
  "type mismatch")
(assert_invalid (module (func (return_call 1))) "unknown function")
;; what follows a tail call is unreachable: any operands will do
(module (func $f (result i32) (i32.const 1))
  (func (export "after") (result i32) (return_call $f) (i64.const 0) (drop) (i32.add)))
(assert_return (invoke "after") (i32.const 1))
