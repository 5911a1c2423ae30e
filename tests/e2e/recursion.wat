;; Recursion: direct (factorial, Fibonacci), mutual (even/odd), nested calls as
;; arguments (Ackermann), and a function without a base case, which must trap
;; with "call stack exhausted" and leave the instance usable.
(module
  (func $fact (export "fact") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get $n) (call $fact (i64.sub (local.get $n) (i64.const 1)))))))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func $even (export "even") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (call $odd (i32.sub (local.get $n) (i32.const 1))))))
  (func $odd (export "odd") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (call $even (i32.sub (local.get $n) (i32.const 1))))))
  (func $ack (export "ack") (param $m i32) (param $n i32) (result i32)
    (if (i32.eqz (local.get $m))
      (then (return (i32.add (local.get $n) (i32.const 1)))))
    (if (i32.eqz (local.get $n))
      (then (return (call $ack (i32.sub (local.get $m) (i32.const 1)) (i32.const 1)))))
    (call $ack (i32.sub (local.get $m) (i32.const 1))
               (call $ack (local.get $m) (i32.sub (local.get $n) (i32.const 1)))))
  (func $forever (export "forever") (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $forever (i32.add (local.get $n) (i32.const 1)))))
)
(; host
static uint64_t fact(uint64_t n) { return n <= 1 ? 1 : n * fact(n - 1); }

static void run(void) {
  w2l_instance *inst = instance();
  uint64_t r64 = 0;
  uint32_t r = 0;
  check("fact(0)", m_fact(inst, 0, &r64), r64, 1);
  check("fact(20)", m_fact(inst, 20, &r64), r64, 2432902008176640000ull);
  check("fact(25), wrapped", m_fact(inst, 25, &r64), r64, fact(25));
  check("fib(25)", m_fib(inst, 25, &r), r, 75025);
  check("even(5001)", m_even(inst, 5001, &r), r, 0);
  check("odd(5001)", m_odd(inst, 5001, &r), r, 1);
  check("ack(2, 3)", m_ack(inst, 2, 3, &r), r, 9);
  check("ack(3, 5)", m_ack(inst, 3, 5, &r), r, 253);
  expect_trap("forever(0)", m_forever(inst, 0, &r), W2L_TRAP_STACK_EXHAUSTED);
  check("fib(10) after the trap", m_fib(inst, 10, &r), r, 55);
  w2l_instance_free(inst);
}
;)
(; expect
fact(0): 1
fact(20): 2432902008176640000
fact(25), wrapped: 7034535277573963776
fib(25): 75025
even(5001): 0
odd(5001): 1
ack(2, 3): 9
ack(3, 5): 253
forever(0): call stack exhausted
fib(10) after the trap: 55
;)
