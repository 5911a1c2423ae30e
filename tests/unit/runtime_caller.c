/* runtime_caller.c - host functions that take a caller (tests/runtime/caller.wat):
 * defined with the header's typed macros, they reach the calling instance's
 * memory and exports (from its start function too), through the
 * bounds-checked w2l_memory_* helpers that never touch a byte outside it. */
#include "runtime_test.h"

#include "caller.h"

/* What the host functions saw (their env). */
struct seen {
  char text[64];            /* the last string greet read */
  w2l_instance *instance;   /* the last caller */
  int greets;               /* calls of greet */
};

/* greet(ptr, len): copy the string out of the caller's memory; count it in
 * the caller's exported global "seen". */
static void host_greet(w2l_caller *c, uint32_t ptr, uint32_t len) {
  struct seen *s = c->env;
  w2l_memory *m = w2l_caller_memory(c, 0);
  w2l_extern g;
  if (!m || len >= sizeof s->text || !w2l_memory_read(m, ptr, s->text, len))
    w2l_trap_raise(W2L_TRAP_HOST);
  s->text[len] = '\0';
  s->instance = c->instance;
  s->greets++;
  if (w2l_caller_export(c, "seen", &g) && g.kind == W2L_EXTERN_GLOBAL) g.of.global->value.i32++;
}

/* fill(ptr, len): write 0xA5 over the range; 1, or 0 if it is out of bounds. */
static uint32_t host_fill(w2l_caller *c, uint32_t ptr, uint32_t len) {
  uint8_t bytes[256];
  memset(bytes, 0xA5, sizeof bytes);
  if (len > sizeof bytes) return 0;
  return w2l_memory_write(w2l_caller_memory(c, 0), ptr, bytes, len);
}

/* pair(x): (x + 1, 2x), a multi-value result. */
static struct w2l_res_iI host_pair(w2l_caller *c, uint64_t x) {
  struct w2l_res_iI r = {(uint32_t)(x + 1), 2 * x};
  (void)c;
  return r;
}

/* cstr(ptr, max): the length of the NUL-terminated string at ptr, or -1. */
static uint32_t host_cstr(w2l_caller *c, uint32_t ptr, uint32_t max) {
  size_t len = 0;
  const char *s = w2l_memory_string(w2l_caller_memory(c, 0), ptr, max, &len);
  return s ? (uint32_t)len : UINT32_MAX;
}

static w2l_linker *host_linker(struct seen *s) {
  w2l_linker *l = w2l_linker_new();
  CHECK(l && caller_define_host_greet(l, host_greet, s) && caller_define_host_fill(l, host_fill, s) &&
            caller_define_host_pair(l, host_pair, s) && caller_define_host_cstr(l, host_cstr, s),
        "defining the host functions");
  return l;
}

/* A linker with the host functions (env s) and an instance made in it. */
static w2l_instance *start(struct seen *s, w2l_linker **l) {
  w2l_error err;
  *l = host_linker(s);
  w2l_instance *inst = w2l_linker_instantiate(*l, &caller_module, NULL, &err);
  CHECK(inst != NULL, "instantiate: %s", err.message);
  return inst;
}

static uint32_t load8(w2l_instance *inst, uint32_t addr) {
  uint32_t r = 0;
  CHECK_TRAP(caller_load8(inst, addr, &r), W2L_OK);
  return r;
}

/* The start function's call already has a complete caller. */
static void test_start(void) {
  struct seen s = {{0}, NULL, 0};
  w2l_linker *l;
  w2l_instance *inst = start(&s, &l);
  if (!inst) return;
  CHECK(s.greets == 1 && s.instance == inst, "greet from start: %d calls, instance %p, not %p",
        s.greets, (void *)s.instance, (void *)inst);
  CHECK_STR(s.text, "hello from start");
  CHECK(caller_seen(inst)->value.i32 == 1, "global seen = %u", caller_seen(inst)->value.i32);
  w2l_instance_free(inst);
  w2l_linker_free(l);
}

/* Two instances of one module: each call names its own instance and memory;
 * the import exported as is still names the instance that imported it. */
static void test_two_instances(void) {
  struct seen s = {{0}, NULL, 0};
  w2l_error err;
  w2l_linker *l;
  w2l_instance *a = start(&s, &l);
  w2l_instance *b = w2l_linker_instantiate(l, &caller_module, NULL, &err);
  CHECK(b != NULL, "instantiate: %s", err.message);
  if (!a || !b) return;
  CHECK_TRAP(caller_store8(b, 16, 'J'), W2L_OK);
  CHECK_TRAP(caller_greet(b, 16, 5), W2L_OK);
  CHECK(s.instance == b, "greet from b");
  CHECK_STR(s.text, "Jello");
  CHECK_TRAP(caller_greet(a, 16, 5), W2L_OK);
  CHECK(s.instance == a, "greet from a");
  CHECK_STR(s.text, "hello");
  w2l_val args[2] = {W2L_I32_VAL(22), W2L_I32_VAL(4)};
  CHECK_TRAP(w2l_call(a, "greet_import", args, 2, NULL, 0, &err), W2L_OK);
  CHECK(s.instance == a, "greet_import of a");
  CHECK_STR(s.text, "from");
  CHECK(caller_seen(a)->value.i32 == 3 && caller_seen(b)->value.i32 == 2, "seen %u and %u",
        caller_seen(a)->value.i32, caller_seen(b)->value.i32);
  /* a bad range in greet: the host refuses it with a trap, nothing read */
  CHECK_TRAP(caller_greet(a, 65530, 7), W2L_TRAP_HOST);
  w2l_instance_free(a);
  w2l_instance_free(b);
  w2l_linker_free(l);
}

/* The helpers' bounds: everything in [0, size), nothing past it, no wrap. */
static void test_bounds(void) {
  struct seen s = {{0}, NULL, 0};
  w2l_linker *l;
  w2l_instance *inst = start(&s, &l);
  if (!inst) return;
  w2l_memory *m = caller_memory(inst);
  uint32_t r = 9;
  CHECK_TRAP(caller_fill(inst, 65530, 6, &r), W2L_OK);
  CHECK(r == 1 && load8(inst, 65530) == 0xA5 && load8(inst, 65535) == 0xA5, "fill to the end");
  CHECK_TRAP(caller_store8(inst, 65529, 7), W2L_OK);
  CHECK_TRAP(caller_fill(inst, 65529, 8, &r), W2L_OK);
  CHECK(r == 0 && load8(inst, 65529) == 7, "a fill one past the end wrote nothing");
  CHECK_TRAP(caller_fill(inst, UINT32_MAX, 2, &r), W2L_OK);
  CHECK(r == 0, "fill at 2^32-1");
  CHECK_TRAP(caller_fill(inst, 0, 0, &r), W2L_OK);
  CHECK(r == 1, "an empty fill");

  uint8_t buf[4] = {1, 2, 3, 4};
  CHECK(!w2l_memory_read(m, 65534, buf, 4) && buf[0] == 1, "read past the end copied");
  CHECK(!w2l_memory_read(m, UINT64_MAX - 1, buf, 4), "read at 2^64-2 (wrap)");
  CHECK(w2l_memory_read(m, 65536, buf, 0), "an empty read at the end");
  CHECK(!w2l_memory_write(m, 65537, buf, 0), "an empty write past the end");
  CHECK(w2l_memory_span(m, 65536, 0) == m->data + 65536, "empty span at the end");
  CHECK(w2l_memory_span(m, 65535, 2) == NULL, "span past the end");
  CHECK(w2l_memory_span(m, UINT64_MAX, 2) == NULL, "span at 2^64-1");
  CHECK(w2l_memory_span(m, 0, UINT64_MAX) == NULL, "a 2^64-1 byte span");

  CHECK_TRAP(caller_cstr(inst, 16, 100, &r), W2L_OK);
  CHECK(r == 16, "cstr of the greeting: %u", r);
  CHECK_TRAP(caller_cstr(inst, 16, 16, &r), W2L_OK);
  CHECK(r == UINT32_MAX, "cstr with no NUL within max: %u", r);
  CHECK_TRAP(caller_cstr(inst, 65530, 100, &r), W2L_OK);
  CHECK(r == UINT32_MAX, "cstr running off the end: %u", r);
  CHECK_TRAP(caller_cstr(inst, 70000, 100, &r), W2L_OK);
  CHECK(r == UINT32_MAX, "cstr past the end: %u", r);

  /* after memory grows the helpers see the new size */
  CHECK(w2l_memory_grow(m, 1) == 1, "grow");
  CHECK_TRAP(caller_fill(inst, 65536, 4, &r), W2L_OK);
  CHECK(r == 1 && load8(inst, 65539) == 0xA5, "fill in the new page");

  uint32_t lo = 0;
  uint64_t hi = 0;
  CHECK_TRAP(caller_pair(inst, 41, &lo, &hi), W2L_OK);
  CHECK(lo == 42 && hi == 82, "pair: %u %llu", lo, (unsigned long long)hi);
  w2l_caller probe = {inst, NULL, NULL};
  CHECK(w2l_caller_memory(&probe, 1) == NULL, "memory 1 of a one-memory module");
  CHECK(w2l_caller_main_memory(&probe) == m && probe.main_memory == m, "the main memory, cached");
  w2l_instance_free(inst);
  w2l_linker_free(l);
}

/* Caller-taking host functions go through the linker's resolve and the
 * import checks like any function. */
static void test_linking(void) {
  struct seen s = {{0}, NULL, 0};
  w2l_error err;
  w2l_linker *l = host_linker(&s);
  w2l_extern imports[4];
  CHECK(w2l_linker_resolve(l, &caller_module, imports, &err), "resolve: %s", err.message);
  CHECK(imports[0].kind == W2L_EXTERN_FUNC_CALLER && imports[0].of.func.obj == &s,
        "greet resolves as a caller-taking function with its env");
  w2l_instance *inst = w2l_instantiate(&caller_module, imports, &err);
  CHECK(inst != NULL && s.instance == inst, "instantiate from resolved imports: %s", err.message);
  w2l_extern e;
  CHECK(w2l_instance_export(inst, "greet_import", &e) && e.kind == W2L_EXTERN_FUNC &&
            e.of.func.obj == &inst->callers[0] && inst->callers[0].env == &s,
        "the re-exported import is bound to its instance");
  w2l_instance_free(inst);
  CHECK(w2l_linker_define_func_caller(l, "host", "greet", "i:", (void (*)(void))host_cstr, &s),
        "define");
  CHECK(w2l_linker_instantiate(l, &caller_module, NULL, &err) == NULL, "a wrong signature linked");
  CHECK_STR(err.message, "incompatible import type for \"host\" \"greet\": expected func (i32, "
                         "i32) -> (), got func (i32) -> ()");
  w2l_linker_free(l);
}

int main(void) {
  test_linking();
  test_start();
  test_two_instances();
  test_bounds();
  return test_finish();
}
