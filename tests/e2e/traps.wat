;; Traps, each with the spec's message: unreachable, integer division and
;; remainder, float-to-integer conversion (and the saturating forms that do not
;; trap), an out-of-bounds load, and a trap raised by a host function.  Effects
;; before a trap stay; the instance remains usable after one.
(module
  (import "env" "check" (func $check (param i32)))
  (memory 1)
  (global $steps (export "steps") (mut i32) (i32.const 0))
  (func (export "unreachable") (global.set $steps (i32.const 1)) (unreachable))
  (func (export "div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "div_s64") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "trunc_s") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "trunc_u") (param f32) (result i32) (i32.trunc_f32_u (local.get 0)))
  (func (export "trunc_sat_s") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
  (func (export "load") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "checked") (param $x i32) (result i32)
    (global.set $steps (i32.add (global.get $steps) (i32.const 1)))
    (call $check (local.get $x))
    (global.set $steps (i32.add (global.get $steps) (i32.const 1)))
    (i32.mul (local.get $x) (i32.const 2)))
)
(; host
/* env.check: traps for a negative argument. */
static void host_check(void *env, uint32_t x) {
  (void)env;
  if ((int32_t)x < 0) w2l_trap_raise(W2L_TRAP_HOST);
}

static void run(void) {
  w2l_error err;
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define_func(l, "env", "check", "i:", (void (*)(void))host_check, NULL);
  w2l_instance *inst = w2l_linker_instantiate(l, &m_module, NULL, &err);
  if (!inst) { printf("instantiate: %s\n", err.message); return; }
  uint32_t r = 0;
  uint64_t r64 = 0;
  expect_trap("unreachable()", m_unreachable(inst), W2L_TRAP_UNREACHABLE);
  printf("steps after it: %u\n", m_steps(inst)->value.i32);
  expect_trap("div_u(1, 0)", m_div_u(inst, 1, 0, &r), W2L_TRAP_INT_DIV_ZERO);
  expect_trap("rem_s(1, 0)", m_rem_s(inst, 1, 0, &r), W2L_TRAP_INT_DIV_ZERO);
  check("rem_s(INT32_MIN, -1)", m_rem_s(inst, 0x80000000u, (uint32_t)-1, &r), r, 0);
  expect_trap("div_s64(INT64_MIN, -1)", m_div_s64(inst, 1ull << 63, (uint64_t)-1, &r64),
              W2L_TRAP_INT_OVERFLOW);
  check("div_s64(INT64_MIN, 2)", m_div_s64(inst, 1ull << 63, 2, &r64), r64, 0xc000000000000000ull);
  expect_trap("trunc_s(NaN)", m_trunc_s(inst, NAN, &r), W2L_TRAP_INVALID_CONVERSION);
  expect_trap("trunc_s(2147483648.0)", m_trunc_s(inst, 2147483648.0, &r), W2L_TRAP_INT_OVERFLOW);
  check("trunc_s(-2147483648.9)", m_trunc_s(inst, -2147483648.9, &r), r, 0x80000000u);
  expect_trap("trunc_u(-1.0f)", m_trunc_u(inst, -1.0f, &r), W2L_TRAP_INT_OVERFLOW);
  check("trunc_u(-0.9f)", m_trunc_u(inst, -0.9f, &r), r, 0);
  check("trunc_sat_s(NaN)", m_trunc_sat_s(inst, NAN, &r), r, 0);
  check("trunc_sat_s(1e10)", m_trunc_sat_s(inst, 1e10, &r), r, 0x7fffffffu);
  expect_trap("load(65529)", m_load(inst, 65529, &r64), W2L_TRAP_OOB_MEMORY);
  check("load(65528)", m_load(inst, 65528, &r64), r64, 0);
  m_steps(inst)->value.i32 = 0;
  check("checked(21)", m_checked(inst, 21, &r), r, 42);
  expect_trap("checked(-1)", m_checked(inst, (uint32_t)-1, &r), W2L_TRAP_HOST);
  printf("steps: %u (3 of 4 ran)\n", m_steps(inst)->value.i32);
  w2l_instance_free(inst);
  w2l_linker_free(l);
}
;)
(; expect
unreachable(): unreachable
steps after it: 1
div_u(1, 0): integer divide by zero
rem_s(1, 0): integer divide by zero
rem_s(INT32_MIN, -1): 0
div_s64(INT64_MIN, -1): integer overflow
div_s64(INT64_MIN, 2): 13835058055282163712
trunc_s(NaN): invalid conversion to integer
trunc_s(2147483648.0): integer overflow
trunc_s(-2147483648.9): 2147483648
trunc_u(-1.0f): integer overflow
trunc_u(-0.9f): 0
trunc_sat_s(NaN): 0
trunc_sat_s(1e10): 2147483647
load(65529): out of bounds memory access
load(65528): 0
checked(21): 42
checked(-1): host trap
steps: 3 (3 of 4 ran)
;)
