;; machine.wat - the tail-call benchmark kernel: a state machine of three
;; states with different signatures that hand over to each other by
;; return_call (one hop per step), and the same machine dispatched through a
;; table by return_call_indirect.  Each run mixes an LCG into the state.
(module $machine
  (type $st (func (param i32 i64) (result i64)))
  (table 3 funcref)
  (elem (i32.const 0) func $ia $ib $ic)
  (func $a (param $n i32) (param $x i64) (result i64)
    (if (i32.eqz (local.get $n)) (then (return (local.get $x))))
    (return_call $b (f64.convert_i32_u (local.get $n))
      (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005)) (i64.const 1442695040888963407))
      (i32.sub (local.get $n) (i32.const 1))))
  (func $b (param $f f64) (param $x i64) (param $n i32) (result i64)
    (return_call $c (local.get $n)
      (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 29))) (i32.wrap_i64 (local.get $x))))
  (func $c (param $n i32) (param $x i64) (param $k i32) (result i64)
    (return_call $a (local.get $n) (i64.add (local.get $x) (i64.extend_i32_u (i32.and (local.get $k) (i32.const 255))))))
  (func (export "direct") (param $n i32) (result i64)
    (call $a (local.get $n) (i64.const 1)))

  (func $ia (param $n i32) (param $x i64) (result i64)
    (if (i32.eqz (local.get $n)) (then (return (local.get $x))))
    (return_call_indirect (type $st) (i32.sub (local.get $n) (i32.const 1))
      (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005)) (i64.const 1442695040888963407))
      (i32.const 1)))
  (func $ib (param $n i32) (param $x i64) (result i64)
    (return_call_indirect (type $st) (local.get $n)
      (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 29))) (i32.const 2)))
  (func $ic (param $n i32) (param $x i64) (result i64)
    (return_call_indirect (type $st) (local.get $n)
      (i64.add (local.get $x) (i64.and (local.get $x) (i64.const 255))) (i32.const 0)))
  (func (export "indirect") (param $n i32) (result i64)
    (call $ia (local.get $n) (i64.const 1))))
