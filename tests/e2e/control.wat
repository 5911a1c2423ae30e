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
(; host
static void run(void) {
  w2l_instance *inst = instance();
  uint32_t r = 0, r2 = 0;
  uint64_t r64 = 0;
  double d = 0;
  check("sum(100)", m_sum(inst, 100, &r), r, 5050);
  for (uint32_t i = 0; i < 4; i++) {
    w2l_trap t = m_classify(inst, i, &r);
    printf("classify(%u): %u\n", i, t ? 0 : r);
  }
  w2l_trap t = m_swap(inst, 7, 9, &r64, &r2);
  printf("swap(7, 9): %llu %u (trap %d)\n", (unsigned long long)r64, r2, (int)t);
  t = m_twice(inst, 5, &r64, &r2);
  printf("twice(5): %llu %u (trap %d)\n", (unsigned long long)r64, r2, (int)t);
  t = m_pick(inst, 1, &d);
  printf("pick(1): %g (trap %d)\n", d, (int)t);
  t = m_pick(inst, 0, &d);
  printf("pick(0): %s (trap %d)\n", isinf(d) ? "inf" : "?", (int)t);
  check("divide(-7, 2)", m_divide(inst, (uint32_t)-7, 2, &r), r, (uint32_t)-3);
  expect_trap("divide(1, 0)", m_divide(inst, 1, 0, &r), W2L_TRAP_INT_DIV_ZERO);
  expect_trap("divide(INT_MIN, -1)", m_divide(inst, 0x80000000u, (uint32_t)-1, &r),
              W2L_TRAP_INT_OVERFLOW);
  check("max(-3, 2)", m_max(inst, (uint64_t)-3, 2, &r64), r64, 2);
  check("sum(3) after traps", m_sum(inst, 3, NULL), 0, 0);
  w2l_instance_free(inst);
}
;)
(; expect
sum(100): 5050
classify(0): 10
classify(1): 20
classify(2): 30
classify(3): 30
swap(7, 9): 9 7 (trap 0)
twice(5): 2 5 (trap 0)
pick(1): 1.5 (trap 0)
pick(0): inf (trap 0)
divide(-7, 2): 4294967293
divide(1, 0): integer divide by zero
divide(INT_MIN, -1): integer overflow
max(-3, 2): 2
sum(3) after traps: 0
;)
