/* runtime_linker.c - the linker: host functions, host objects, registered
 * instances, each linking error with its exact message, host functions that
 * trap or call back into wasm, a table shared by three instances with the
 * dlsym-style w2l_table_add_export, and the linker's memory quota. */
#include "runtime_test.h"
#include "runtime_modules.h"

/* A host function for "env" "f": (i32) -> i32; what it does depends on env. */
enum host_mode { TIMES3, TRAPS, REENTERS };
static w2l_instance *reenter_target; /* instance REENTERS calls back into */
static w2l_trap reenter_inner;       /* what the nested call returned */

static uint32_t host_f(void *env, uint32_t x) {
  enum host_mode mode = *(enum host_mode *)env;
  w2l_val a = W2L_I32_VAL(0xFFFFFFF0), r;
  switch (mode) {
  case TIMES3: return 3 * x;
  case TRAPS: w2l_trap_raise(W2L_TRAP_HOST);
  case REENTERS:
    reenter_inner = w2l_call(reenter_target, "load", &a, 1, &r, 1, NULL); /* traps inside */
    a = W2L_I32_VAL(0);
    (void)w2l_call(reenter_target, "load", &a, 1, &r, 1, NULL);
    return r.of.i32 + x;
  }
  return 0;
}

static const struct link_case {
  const char *what;     /* which definition is changed */
  const char *message;  /* expected error */
} link_cases[] = {
    {"missing g", "unknown import \"env\" \"g\""},
    {"f type", "incompatible import type for \"env\" \"f\": expected func (i32) -> i32, got func () -> ()"},
    {"f kind", "incompatible import type for \"env\" \"f\": expected func (i32) -> i32, got memory 1"},
    {"t small", "incompatible import type for \"env\" \"t\": expected table 2 10 funcref, got table 1 10 funcref"},
    {"t nomax", "incompatible import type for \"env\" \"t\": expected table 2 10 funcref, got table 2 funcref"},
    {"t bigmax", "incompatible import type for \"env\" \"t\": expected table 2 10 funcref, got table 2 11 funcref"},
    {"t extern", "incompatible import type for \"env\" \"t\": expected table 2 10 funcref, got table 2 10 externref"},
    {"m small", "incompatible import type for \"env\" \"m\": expected memory 1, got memory 0"},
    {"g immutable", "incompatible import type for \"env\" \"g\": expected global (mut i32), got global i32"},
    {"g type", "incompatible import type for \"env\" \"g\": expected global (mut i32), got global (mut i64)"},
    {"ok", NULL},
};

static void noop(void *env) { (void)env; }

int main(void) {
  static enum host_mode times3 = TIMES3, traps = TRAPS, reenters = REENTERS;
  w2l_error err;
  w2l_val a[2], r[1];
  w2l_instance *inst;

  /* Each linking error, with its exact message. */
  for (size_t i = 0; i < sizeof link_cases / sizeof *link_cases; i++) {
    const char *what = link_cases[i].what;
    w2l_linker *l = w2l_linker_new();
    w2l_table *t = w2l_table_new(strcmp(what, "t extern") ? W2L_FUNCREF : W2L_EXTERNREF,
                                 strcmp(what, "t small") ? 2 : 1,
                                 !strcmp(what, "t nomax") ? UINT32_MAX : !strcmp(what, "t bigmax") ? 11 : 10);
    w2l_memory *m = w2l_memory_new(strcmp(what, "m small") ? 1 : 0, UINT64_MAX);
    w2l_global *g = w2l_global_new(strcmp(what, "g type") ? W2L_I32 : W2L_I64,
                                   strcmp(what, "g immutable") != 0, (w2l_value){.i32 = 41});
    if (!strcmp(what, "f type"))
      w2l_linker_define_func(l, "env", "f", ":", (void (*)(void))noop, NULL);
    else if (!strcmp(what, "f kind"))
      w2l_linker_define(l, "env", "f", (w2l_extern){W2L_EXTERN_MEMORY, {.memory = m}});
    else
      w2l_linker_define_func(l, "env", "f", "i:i", (void (*)(void))host_f, &times3);
    w2l_linker_define(l, "env", "t", (w2l_extern){W2L_EXTERN_TABLE, {.table = t}});
    w2l_linker_define(l, "env", "m", (w2l_extern){W2L_EXTERN_MEMORY, {.memory = m}});
    if (strcmp(what, "missing g"))
      w2l_linker_define(l, "env", "g", (w2l_extern){W2L_EXTERN_GLOBAL, {.global = g}});
    inst = w2l_linker_instantiate(l, &user_module, NULL, &err);
    if (link_cases[i].message) {
      CHECK(inst == NULL, "%s: linked", what);
      CHECK(err.trap == W2L_OK, "%s: trap %d", what, (int)err.trap);
      CHECK_STR(err.message, link_cases[i].message);
    } else {
      CHECK(inst != NULL, "%s: %s", what, err.message);
      a[0] = W2L_I32_VAL(14);
      CHECK(w2l_call(inst, "call_f", a, 1, r, 1, &err) == W2L_OK && r[0].of.i32 == 42, "call_f");
      CHECK(w2l_call(inst, "get_g", NULL, 0, r, 1, &err) == W2L_OK && r[0].of.i32 == 41, "get_g");
      g->value.i32 = 43; /* the global is shared, not copied */
      CHECK(w2l_call(inst, "get_g", NULL, 0, r, 1, &err) == W2L_OK && r[0].of.i32 == 43, "get_g");
      /* A re-exported import is the host function itself. */
      CHECK(w2l_call(inst, "f", a, 1, r, 1, &err) == W2L_OK && r[0].of.i32 == 42, "f");
      w2l_instance_free(inst);
    }
    w2l_linker_free(l);
    w2l_table_free(t);
    w2l_memory_free(m);
    w2l_global_free(g);
  }

  /* Host functions that trap, and that call back into wasm (nested). */
  {
    w2l_linker *l = w2l_linker_new();
    w2l_table *t = w2l_table_new(W2L_FUNCREF, 2, 10);
    w2l_instance *memi = w2l_linker_instantiate(l, &mem_module, "env", &err); /* provides env.g */
    CHECK(memi != NULL, "mem: %s", err.message);
    w2l_linker_define(l, "env", "t", (w2l_extern){W2L_EXTERN_TABLE, {.table = t}});
    CHECK(w2l_linker_define(l, "env", "m", (w2l_extern){W2L_EXTERN_MEMORY, {.memory = memi->memories[0]}}),
          "define");
    CHECK(w2l_linker_define_func(l, "env", "f", "i:i", (void (*)(void))host_f, &traps), "define_func");
    inst = w2l_linker_instantiate(l, &user_module, NULL, &err);
    CHECK(inst != NULL, "user: %s", err.message);
    a[0] = W2L_I32_VAL(1);
    CHECK_TRAP(w2l_call(inst, "call_f", a, 1, r, 1, &err), W2L_TRAP_HOST);
    CHECK_STR(err.message, "host trap");
    CHECK(w2l_call(inst, "get_g", NULL, 0, r, 1, &err) == W2L_OK && r[0].of.i32 == 5,
          "env.g from the registered instance: %u", r[0].of.i32);
    w2l_instance_free(inst);
    CHECK(!w2l_linker_define_func(l, "env", "f", "i:q", (void (*)(void))host_f, &reenters),
          "malformed signature accepted");
    w2l_linker_define_func(l, "env", "f", "i:i", (void (*)(void))host_f, &reenters);
    inst = w2l_linker_instantiate(l, &user_module, NULL, &err);
    reenter_target = memi;
    a[0] = W2L_I32_VAL(1);
    CHECK(w2l_call(inst, "call_f", a, 1, r, 1, &err) == W2L_OK && r[0].of.i32 == ('h' | 'i' << 8) + 1,
          "reentering host: %s %#x", err.message, r[0].of.i32);
    CHECK_TRAP(reenter_inner, W2L_TRAP_OOB_MEMORY);
    w2l_instance_free(inst);
    w2l_instance_free(memi);
    w2l_linker_free(l);
    w2l_table_free(t);
  }

  /* One table shared by three instances (two of math, one of calc), with the
   * dlsym of the seeds handing out slots. */
  {
    w2l_linker *l = w2l_linker_new();
    w2l_table *t = w2l_table_new(W2L_FUNCREF, 1, UINT32_MAX);
    w2l_instance *m1, *m2, *calc;
    uint32_t s1, s2, s3;
    w2l_linker_define(l, "js", "table", (w2l_extern){W2L_EXTERN_TABLE, {.table = t}});
    calc = w2l_linker_instantiate(l, &calc_module, "calc", &err);
    a[0] = W2L_I32_VAL(10);
    CHECK_TRAP(w2l_call(calc, "add_five", a, 1, r, 1, &err), W2L_TRAP_UNINITIALIZED_ELEMENT);
    CHECK_STR(err.message, "uninitialized element");
    m1 = w2l_linker_instantiate(l, &math_module, "math", &err);
    m2 = w2l_linker_instantiate(l, &math_module, NULL, &err);
    CHECK(calc && m1 && m2, "instantiate: %s", err.message);
    m1->host_data = (void *)(uintptr_t)101;
    m2->host_data = (void *)(uintptr_t)202;
    CHECK(w2l_call(calc, "add_five", a, 1, r, 1, &err) == W2L_OK && r[0].of.i32 == 15,
          "add_five(10) = %u", r[0].of.i32);
    s1 = w2l_table_add_export(t, m1, "ident", &err);
    s2 = w2l_table_add_export(t, m2, "ident", &err);
    CHECK(s1 == 1 && s2 == 2 && t->size == 3, "slots %u %u, size %u", s1, s2, t->size);
    a[0] = W2L_I32_VAL(s1);
    CHECK(w2l_call(calc, "call_at", a, 1, r, 1, &err) == W2L_OK && r[0].of.i32 == 101,
          "slot %u called with the wrong instance: %u", s1, r[0].of.i32);
    a[0] = W2L_I32_VAL(s2);
    CHECK(w2l_call(calc, "call_at", a, 1, r, 1, &err) == W2L_OK && r[0].of.i32 == 202,
          "slot %u called with the wrong instance: %u", s2, r[0].of.i32);
    t->elems[0] = W2L_NULL_REF; /* slot 0 is never handed out */
    t->elems[s1] = W2L_NULL_REF; /* a freed slot is reused */
    s3 = w2l_table_add_export(t, m2, "ident", &err);
    CHECK(s3 == s1 && t->size == 3, "slot %u reused? size %u", s3, t->size);
    CHECK(w2l_table_add_export(t, m2, "nope", &err) == UINT32_MAX, "nope added");
    CHECK_STR(err.message, "no function exported as \"nope\"");
    w2l_table_set_limit(t, 3);
    CHECK(w2l_table_add_export(t, m2, "add", &err) == UINT32_MAX, "added past the limit");
    CHECK_STR(err.message, "table is full: cannot add \"add\" (size 3, limit 3)");
    /* Registered exports can be imported by name. */
    {
      w2l_extern e;
      w2l_import_desc d = {NAME("math"), NAME("add"), FUNC_T("ii:i")};
      w2l_module probe = math_module;
      probe.nimports = 1;
      probe.imports = &d;
      CHECK(w2l_linker_resolve(l, &probe, &e, &err) && e.of.func.obj == m1, "math.add");
      d.name = "nope", d.name_len = 4;
      CHECK(!w2l_linker_resolve(l, &probe, &e, &err), "math.nope resolved");
      CHECK_STR(err.message, "unknown import \"math\" \"nope\"");
    }
    w2l_instance_free(calc);
    w2l_instance_free(m1);
    w2l_instance_free(m2);
    w2l_linker_free(l);
    w2l_table_free(t);
  }

  /* The linker's memory quota applies to memories its instantiations create. */
  {
    w2l_linker *l = w2l_linker_new();
    w2l_linker_set_memory_limit(l, 1);
    inst = w2l_linker_instantiate(l, &mem_module, NULL, &err);
    a[0] = W2L_I32_VAL(1);
    CHECK(w2l_call(inst, "grow", a, 1, r, 1, &err) == W2L_OK && r[0].of.i32 == UINT32_MAX,
          "grew past the quota");
    w2l_instance_free(inst);
    w2l_linker_set_memory_limit(l, UINT64_MAX);
    inst = w2l_linker_instantiate(l, &mem_module, NULL, &err);
    CHECK(w2l_call(inst, "grow", a, 1, r, 1, &err) == W2L_OK && r[0].of.i32 == 1, "grow");
    w2l_instance_free(inst);
    w2l_linker_free(l);
  }
  return test_finish();
}
