;; Globals: of each number type, mutable and not, exported (read and written by
;; the host), imported (an immutable one as another global's initial value, a
;; mutable one shared by two instances).
(module
  (import "env" "seed" (global $seed i32))
  (import "env" "calls" (global $calls (mut i64)))
  (global $base i32 (global.get $seed))
  (global $total (export "total") (mut i64) (i64.const 0))
  (global $scale (export "scale") (mut f64) (f64.const 1.5))
  (global $half (mut f32) (f32.const -0.25))
  (global $k (export "k") i32 (i32.const 42))
  (func (export "add") (param $x i64) (result i64)
    (global.set $total (i64.add (global.get $total) (local.get $x)))
    (global.set $calls (i64.add (global.get $calls) (i64.const 1)))
    (global.get $total))
  (func (export "scaled") (param $x f64) (result f64)
    (f64.mul (local.get $x) (global.get $scale)))
  (func (export "base") (result i32) (i32.add (global.get $base) (global.get $k)))
  (func (export "halve") (result f32)
    (global.set $half (f32.mul (global.get $half) (f32.const 0.5)))
    (global.get $half))
)
(; host
static void run(void) {
  w2l_error err;
  w2l_global *seed = w2l_global_new(W2L_I32, false, (w2l_value){.i32 = 100});
  w2l_global *calls = w2l_global_new(W2L_I64, true, (w2l_value){.i64 = 0});
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define(l, "env", "seed", (w2l_extern){.kind = W2L_EXTERN_GLOBAL, .of.global = seed});
  w2l_linker_define(l, "env", "calls", (w2l_extern){.kind = W2L_EXTERN_GLOBAL, .of.global = calls});
  w2l_instance *a = w2l_linker_instantiate(l, &m_module, NULL, &err);
  w2l_instance *b = w2l_linker_instantiate(l, &m_module, NULL, &err);
  if (!a || !b) { printf("instantiate: %s\n", err.message); return; }
  uint64_t r64 = 0;
  uint32_t r = 0;
  double d = 0;
  float f = 0;
  check("a.add(5)", m_add(a, 5, &r64), r64, 5);
  check("a.add(37)", m_add(a, 37, &r64), r64, 42);
  check("b.add(1)", m_add(b, 1, &r64), r64, 1);
  printf("a.total = %llu, b.total = %llu, calls = %llu\n",
         (unsigned long long)m_total(a)->value.i64, (unsigned long long)m_total(b)->value.i64,
         (unsigned long long)calls->value.i64);
  m_total(a)->value.i64 = 1000;
  check("a.add(1) after the host set total", m_add(a, 1, &r64), r64, 1001);
  m_scaled(a, 10, &d);
  printf("a.scaled(10) = %g\n", d);
  m_scale(a)->value.f64 = 2;
  m_scaled(a, 21, &d);
  printf("a.scaled(21) after the host set scale = %g\n", d);
  m_scaled(b, 21, &d);
  printf("b.scaled(21) = %g\n", d);
  check("base()", m_base(a, &r), r, 142);
  printf("k = %u (%s)\n", m_k(a)->value.i32, m_k(a)->mutable_ ? "mutable" : "immutable");
  m_halve(a, &f);
  printf("halve() = %g\n", f);
  m_halve(a, &f);
  printf("halve() = %g\n", f);
  w2l_instance_free(a);
  w2l_instance_free(b);
  w2l_linker_free(l);
  w2l_global_free(seed);
  w2l_global_free(calls);
}
;)
(; expect
a.add(5): 5
a.add(37): 42
b.add(1): 1
a.total = 42, b.total = 1, calls = 3
a.add(1) after the host set total: 1001
a.scaled(10) = 15
a.scaled(21) after the host set scale = 42
b.scaled(21) = 31.5
base(): 142
k = 42 (immutable)
halve() = -0.125
halve() = -0.0625
;)
