;; Multi-value: functions returning several values of mixed types, an if with
;; two results, a loop whose parameters carry a pair on the stack, and results
;; passed straight on as the arguments of the next call.
(module
  (func $divmod (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_u (local.get $a) (local.get $b))
    (i32.rem_u (local.get $a) (local.get $b)))
  (func (export "rot") (param i64 f64 i32) (result f64 i32 i64)
    (local.get 1) (local.get 2) (local.get 0))
  (func $maxmin (export "maxmin") (param $a i32) (param $b i32) (result i32 i32)
    (if (result i32 i32) (i32.gt_u (local.get $a) (local.get $b))
      (then (local.get $a) (local.get $b))
      (else (local.get $b) (local.get $a))))
  (func (export "divsorted") (param i32 i32) (result i32 i32)
    (call $divmod (call $maxmin (local.get 0) (local.get 1))))
  ;; (a, b) -> (b, a + b), n times (at least once) from (0, 1).
  (func (export "fibpair") (param $n i32) (result i64 i64)
    (local $a i64) (local $b i64)
    (i64.const 0) (i64.const 1)
    (loop $next (param i64 i64) (result i64 i64)
      (local.set $b)
      (local.set $a)
      (local.get $b)
      (i64.add (local.get $a) (local.get $b))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $next (local.get $n))))
)
(; host
static void run(void) {
  w2l_instance *inst = instance();
  uint32_t q = 0, r = 0;
  uint64_t a = 0, b = 0, x = 0;
  double d = 0;
  m_divmod(inst, 47, 5, &q, &r);
  printf("divmod(47, 5) = %u %u\n", q, r);
  m_rot(inst, 1, 2.5, 3, &d, &r, &x);
  printf("rot(1, 2.5, 3) = %g %u %llu\n", d, r, (unsigned long long)x);
  m_maxmin(inst, 3, 9, &q, &r);
  printf("maxmin(3, 9) = %u %u\n", q, r);
  m_divsorted(inst, 7, 45, &q, &r);
  printf("divsorted(7, 45) = %u %u\n", q, r);
  expect_trap("divsorted(0, 45)", m_divsorted(inst, 0, 45, &q, &r), W2L_TRAP_INT_DIV_ZERO);
  uint64_t fa = 0, fb = 1;
  for (uint32_t n = 1; n <= 90; n++) {
    uint64_t s = fa + fb;
    fa = fb, fb = s;
    if (n != 1 && n != 10 && n != 90) continue;
    m_fibpair(inst, n, &a, &b);
    printf("fibpair(%u) = %llu %llu%s\n", n, (unsigned long long)a, (unsigned long long)b,
           a == fa && b == fb ? "" : "  (WRONG)");
  }
  w2l_instance_free(inst);
}
;)
(; expect
divmod(47, 5) = 9 2
rot(1, 2.5, 3) = 2.5 3 1
maxmin(3, 9) = 9 3
divsorted(7, 45) = 6 3
divsorted(0, 45): integer divide by zero
fibpair(1) = 1 1
fibpair(10) = 55 89
fibpair(90) = 2880067194370816120 4660046610375530309
;)
