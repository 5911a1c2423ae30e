;; kernel.wat - the exception benchmark (bench/exceptions.sh): a loop of n
;; iterations, each calling three frames deep inside a try_table; the deepest
;; frame throws when i % period == 0 (period 1: every iteration, 64: rarely,
;; 0: never), the loop's catch adds the payload.  "plain" is the same loop
;; without the try_table and the throw: what entering a try_table costs.
(module
  (tag $e (param i32))
  (func $f3 (param $i i32) (param $period i32) (result i32)
    (if (i32.and (i32.ne (local.get $period) (i32.const 0))
                 (i32.eqz (i32.rem_u (local.get $i) (select (local.get $period) (i32.const 1)
                                                              (local.get $period)))))
      (then (throw $e (i32.xor (local.get $i) (i32.const 0x5a5a)))))
    (i32.mul (local.get $i) (i32.const 3)))
  (func $f2 (param i32 i32) (result i32)
    (i32.add (call $f3 (local.get 0) (local.get 1)) (i32.const 1)))
  (func $f1 (param i32 i32) (result i32)
    (i32.add (call $f2 (local.get 0) (local.get 1)) (i32.const 1)))
  (func (export "run") (param $n i32) (param $period i32) (result i64)
    (local $i i32) (local $s i64)
    (loop $l
      (local.set $s
        (i64.add (local.get $s)
          (i64.extend_i32_u
            (block $h (result i32)
              (try_table (result i32) (catch $e $h)
                (call $f1 (local.get $i) (local.get $period)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "plain") (param $n i32) (result i64)
    (local $i i32) (local $s i64)
    (loop $l
      (local.set $s
        (i64.add (local.get $s) (i64.extend_i32_u (call $f1 (local.get $i) (i32.const 0)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))
