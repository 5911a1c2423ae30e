/* host.c - the typed export wrappers of control.wat, memory.wat and names.wat
 * called from C: results, traps (and that an instance stays usable after one),
 * imports of a host function and a global, exported memory and globals. */
#include <math.h>
#include <stdio.h>

#include "w2l.h"
#include "control.h"
#include "memory.h"
#include "names.h"

static uint32_t logged;

/* env.log */
static void host_log(void *env, uint32_t n) {
  (void)env;
  logged = n;
}

static void report(const char *what, w2l_trap t, uint64_t got, uint64_t want) {
  if (t != W2L_OK) printf("%s: trap %s\n", what, w2l_trap_message(t));
  else printf("%s: %llu%s\n", what, (unsigned long long)got, got == want ? "" : "  (WRONG)");
}
/* Call first, then look at the result variable. */
#define check(what, call, var, want)                                             \
  do {                                                                           \
    w2l_trap t_ = (call);                                                        \
    report(what, t_, (uint64_t)(var), want);                                     \
  } while (0)

static void expect_trap(const char *what, w2l_trap t, w2l_trap want) {
  printf("%s: %s%s\n", what, t ? w2l_trap_message(t) : "no trap", t == want ? "" : "  (WRONG)");
}

static void control(void) {
  w2l_error err;
  w2l_instance *c = control_instantiate(NULL, &err);
  if (!c) { printf("control: %s\n", err.message); return; }
  uint32_t r = 0, r2 = 0;
  uint64_t r64 = 0;
  double d = 0;
  check("sum(100)", control_sum(c, 100, &r), r, 5050);
  for (uint32_t i = 0; i < 4; i++) {
    w2l_trap t = control_classify(c, i, &r);
    printf("classify(%u): %u\n", i, t ? 0 : r);
  }
  w2l_trap t = control_swap(c, 7, 9, &r64, &r2);
  printf("swap(7, 9): %llu %u (trap %d)\n", (unsigned long long)r64, r2, (int)t);
  t = control_twice(c, 5, &r64, &r2);
  printf("twice(5): %llu %u (trap %d)\n", (unsigned long long)r64, r2, (int)t);
  t = control_pick(c, 1, &d);
  printf("pick(1): %g (trap %d)\n", d, (int)t);
  t = control_pick(c, 0, &d);
  printf("pick(0): %s (trap %d)\n", isinf(d) ? "inf" : "?", (int)t);
  check("divide(-7, 2)", control_divide(c, (uint32_t)-7, 2, &r), r, (uint32_t)-3);
  expect_trap("divide(1, 0)", control_divide(c, 1, 0, &r), W2L_TRAP_INT_DIV_ZERO);
  expect_trap("divide(INT_MIN, -1)", control_divide(c, 0x80000000u, (uint32_t)-1, &r),
              W2L_TRAP_INT_OVERFLOW);
  check("max(-3, 2)", control_max(c, (uint64_t)-3, 2, &r64), r64, 2);
  check("sum(3) after traps", control_sum(c, 3, NULL), 0, 0);
  w2l_instance_free(c);
}

static void memory(void) {
  w2l_error err;
  w2l_global *base = w2l_global_new(W2L_I32, false, (w2l_value){.i32 = 16});
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define_func(l, "env", "log", "i:", (void (*)(void))host_log, NULL);
  w2l_linker_define(l, "env", "base", (w2l_extern){.kind = W2L_EXTERN_GLOBAL, .of.global = base});
  w2l_instance *m = w2l_linker_instantiate(l, &memory_module, NULL, &err);
  if (!m) { printf("memory: %s\n", err.message); return; }
  uint32_t r = 0;
  check("apply(0, 30, 12)", memory_apply(m, 0, 30, 12, &r), r, 42);
  check("apply(1, 30, 12)", memory_apply(m, 1, 30, 12, &r), r, 18);
  printf("logged: %u\n", logged);
  expect_trap("apply(2, 1, 1)", memory_apply(m, 2, 1, 1, &r), W2L_TRAP_UNDEFINED_ELEMENT);
  check("load16(0)", memory_load16(m, 0, &r), r, 0x6968);
  expect_trap("load16(65534)", memory_load16(m, 65534, &r), W2L_TRAP_OOB_MEMORY);
  check("store(0, ...)", memory_store(m, 0, 0x0102030405060708ull), 0, 0);
  w2l_memory *mem = memory_mem(m);
  printf("mem[16] = %u, pages = %llu\n", mem->data[16], (unsigned long long)mem->pages);
  expect_trap("grow(1)", memory_grow(m, 1, &r), W2L_TRAP_OOB_MEMORY);
  printf("init copied: %c%c%c\n", mem->data[0], mem->data[1], mem->data[2]);
  expect_trap("store(65530, ...)", memory_store(m, 65530 - 16, 1), W2L_TRAP_OOB_MEMORY);
  w2l_instance_free(m);
  w2l_linker_free(l);
  w2l_global_free(base);
}

static void names(void) {
  w2l_error err;
  w2l_instance *n = names_instantiate(NULL, &err);
  if (!n) { printf("names: %s\n", err.message); return; }
  uint32_t r = 0;
  check("\"*/\"", names_Z__2A_2F(n, &r), r, 1);
  check("\"?\?/\"", names_Z__3F_3F_2F(n, &r), r, 2);
  check("\"caf\\xc3\\xa9\"", names_Z_caf_C3_A9(n, &r), r, 3);
  check("\"\"", names_Z_(n, &r), r, 4);
  check("\"module\"", names_Z_module(n, &r), r, 5);
  check("\"a_b\"", names_a_b(n, &r), r, 6);
  check("\"a-b\"", names_Z_a_2Db(n, &r), r, 6);
  printf("g = %u\n", names_g(n)->value.i32);
  w2l_instance_free(n);
}

int main(void) {
  control();
  memory();
  names();
  return 0;
}
