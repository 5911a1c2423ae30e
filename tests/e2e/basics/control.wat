;; Control flow: a counting loop, block results, br_if, br_table, if/else,
;; multi-value blocks and calls, select and traps.
(module
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func $classify (export "classify") (param $x i32) (result i32)
    (block $c (block $b (block $a
      (br_table $a $b $c (local.get $x)))
      (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30))
  (func $swap (export "swap") (param i32 i64) (result i64 i32)
    (local.get 1) (local.get 0))
  (func $pick (export "pick") (param $c i32) (result f64)
    (if (result f64) (local.get $c)
      (then (f64.const 1.5))
      (else (f64.div (f64.const 1) (f64.const 0)))))
  (func $divide (export "divide") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $max (export "max") (param $a i64) (param $b i64) (result i64)
    (select (local.get $a) (local.get $b) (i64.gt_s (local.get $a) (local.get $b))))
  (func (export "twice") (param i32) (result i64 i32)
    (call $swap (local.get 0) (i64.const 2)))
)
