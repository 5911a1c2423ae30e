;; Runaway code for runtime_interrupt.c, translated with --epoch --fuel (the
;; Makefile's RT_FLAGS_interrupt): loops and recursion the host stops.
(module
  (memory 1)
  ;; A loop that never ends.
  (func (export "spin") (loop $l (br $l)))
  ;; Recursion without loops that runs for ages: 2^n calls.
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  ;; n iterations of a loop, storing the count as it goes: 3 + 12 (n + 1)
  ;; units of fuel (block, loop and the last local.get at entry; 12
  ;; instructions per pass through the loop, the last pass leaves).
  (func (export "count") (param i32) (result i32) (local i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (i32.store (i32.const 0) (local.get 1))
        (br $l)))
    (local.get 1))
  (func (export "progress") (result i32) (i32.load (i32.const 0))))
