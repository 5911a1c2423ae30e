;; Tail calls: a function that makes them is written as its tail entry, and its
;; C function runs it under w2l_tail_run; the others get a small tail entry.
(module $tailcall
  (import "env" "log" (func $log (param i32) (result i32)))
  (type $step (func (param i32 i64) (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) func $even $odd)
  (func $even (export "even") (param $n i32) (param $acc i64) (result i64)
    (if (i32.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call $odd (i32.sub (local.get $n) (i32.const 1)) (i64.add (local.get $acc) (i64.const 1))))
  (func $odd (param $n i32) (param $acc i64) (result i64)
    (return_call_indirect (type $step) (local.get $n) (local.get $acc) (i32.const 0)))
  (func $plain (export "plain") (param $x i32) (result i32)
    (i32.mul (local.get $x) (local.get $x)))
  (func (export "logged") (param $x i32) (result i32)
    (return_call $log (call $plain (local.get $x)))))
