/* runtime_emitted.c - the runtime with modules emitted by wasm2c-lite from
 * the .wat files of tests/runtime (linked in, and kit.wat again as the plugin
 * kitplug.so): the first two seeds, separate memories of two instances,
 * bounds traps from emitted loads in this build's memory strategy, host
 * functions, traps of every source, a trapping start function, a plugin
 * unloaded and loaded again, funcrefs a host hands to typed references, and
 * exceptions across the host boundary. */
#include "runtime_test.h"

#include "badstart.h"
#include "exn.h"
#include "kit.h"
#include "seedcalc.h"
#include "seedmath.h"
#include "seedtable.h"
#include "typedref.h"

static uint32_t jstimes3(void *env, uint32_t n) {
  (void)env;
  return 3 * n;
}

/* env.cb for kit: 0 -> calls back into kit's incg (nested), else traps. */
static w2l_instance *cb_target;
static uint32_t host_cb(void *env, uint32_t x) {
  w2l_val r = W2L_I32_VAL(0);
  (void)env;
  if (x != 0) w2l_trap_raise(W2L_TRAP_HOST);
  (void)w2l_call(cb_target, "incg", NULL, 0, &r, 1, NULL);
  return r.of.i32 + 1000;
}

static uint32_t seven(void *env) {
  (void)env;
  return 7;
}

static w2l_trap call(w2l_instance *inst, const char *name, int n, uint32_t a0, uint32_t a1,
                     uint32_t *result) {
  w2l_val args[2] = {W2L_I32_VAL(a0), W2L_I32_VAL(a1)}, r = W2L_I32_VAL(0xBAD);
  w2l_trap t = w2l_call(inst, name, args, (size_t)n, &r, 1, NULL);
  *result = r.of.i32;
  return t;
}

/* typedref's "apply" or "apply_tail" of f to x (f as a funcref argument). */
static w2l_trap apply(w2l_instance *inst, const char *name, w2l_ref f, uint32_t x, uint32_t *result) {
  w2l_val args[2] = {{.type = W2L_FUNCREF, .of = {.ref = f}}, W2L_I32_VAL(x)}, r = W2L_I32_VAL(0);
  w2l_trap t = w2l_call(inst, name, args, 2, &r, 1, NULL);
  *result = r.of.i32;
  return t;
}

/* A host may pass any funcref where a (ref $ii) is expected: call_ref checks
 * the tag (a null, a function of another type) in both of its forms. */
static void typed_refs(void) {
  w2l_error err;
  uint32_t r = 0;
  w2l_instance *inst = w2l_instantiate(&typedref_module, NULL, &err);
  CHECK(inst != NULL, "typedref: %s", err.message);
  if (!inst) return;
  w2l_ref good = {w2l_functype_intern("i:i"), (void (*)(void))jstimes3, NULL, NULL};
  w2l_ref other = {w2l_functype_intern(":i"), (void (*)(void))seven, NULL, NULL};
  static const char *const forms[] = {"apply", "apply_tail"};
  for (int i = 0; i < 2; i++) {
    CHECK(apply(inst, forms[i], good, 5, &r) == W2L_OK && r == 15, "%s(good, 5) = %u", forms[i], r);
    CHECK_TRAP(apply(inst, forms[i], other, 5, &r), W2L_TRAP_INDIRECT_TYPE_MISMATCH);
    CHECK_TRAP(apply(inst, forms[i], W2L_NULL_REF, 5, &r), W2L_TRAP_NULL_FUNC_REF);
  }
  w2l_extern e;
  w2l_global *g = w2l_instance_export(inst, "g", &e) ? e.of.global : NULL;
  CHECK(g && g->ref && strcmp(g->ref, "n(i:i)") == 0, "global g's type: %s", g && g->ref ? g->ref : "-");
  CHECK_TRAP(call(inst, "via_g", 1, 2, 0, &r), W2L_TRAP_NULL_FUNC_REF);
  if (g) g->value.ref = other;
  CHECK_TRAP(call(inst, "via_g", 1, 2, 0, &r), W2L_TRAP_INDIRECT_TYPE_MISMATCH);
  if (g) g->value.ref = good;
  CHECK(call(inst, "via_g", 1, 2, 0, &r) == W2L_OK && r == 6, "via_g(2) = %u", r);
  w2l_instance_free(inst);
}

/* exn: the tag $e of the instance the host functions throw from. */
static const w2l_tag *exn_tag;
static w2l_instance *exn_inst;

static void host_throw(void *env, uint32_t x) {
  (void)env;
  w2l_exn *e = w2l_exn_new(exn_tag);
  e->vals[0].i32 = x + 1;
  w2l_throw(e);
}

static uint32_t reenter(void *env, uint32_t x) {
  w2l_val a = W2L_I32_VAL(2 * x);
  (void)env;
  if (w2l_call(exn_inst, "throw_e", &a, 1, NULL, 0, NULL) == W2L_TRAP_EXCEPTION)
    w2l_exn_rethrow_uncaught(); /* a protected call stops it: pass it on */
  return 0;
}

/* Exceptions across the host boundary, both ways. */
static void exceptions(void) {
  w2l_error err;
  uint32_t r = 0;
  w2l_linker *l = w2l_linker_new();
  w2l_tag *htag = w2l_tag_new("I:");
  CHECK(htag && !w2l_tag_new("i:i"), "w2l_tag_new: a tag has no results");
  w2l_linker_define_func(l, "env", "host_throw", "i:", (void (*)(void))host_throw, NULL);
  w2l_linker_define_func(l, "env", "reenter", "i:i", (void (*)(void))reenter, NULL);
  w2l_linker_define(l, "env", "htag", (w2l_extern){W2L_EXTERN_TAG, {.tag = htag}});
  exn_inst = w2l_linker_instantiate(l, &exn_module, NULL, &err);
  CHECK(exn_inst != NULL, "exn: %s", err.message);
  w2l_extern e;
  CHECK(exn_inst && w2l_instance_export(exn_inst, "e", &e) && e.kind == W2L_EXTERN_TAG,
        "exn exports tag e");
  if (!exn_inst) return;
  exn_tag = e.of.tag;
  CHECK(call(exn_inst, "catch_host", 1, 41, 0, &r) == W2L_OK && r == 42, "catch_host(41) = %u", r);
  CHECK(call(exn_inst, "through_host", 1, 21, 0, &r) == W2L_OK && r == 42, "through_host(21) = %u", r);
  w2l_val a = W2L_I64_VAL(-5), res = W2L_I64_VAL(0);
  CHECK(w2l_call(exn_inst, "catch_htag", &a, 1, &res, 1, NULL) == W2L_OK && res.of.i64 == (uint64_t)-5,
        "catch_htag(-5) = %lld", (long long)res.of.i64);
  /* Uncaught: the call's outcome, and what was thrown stays readable. */
  w2l_val nine = W2L_I32_VAL(9);
  CHECK_TRAP(w2l_call(exn_inst, "throw_e", &nine, 1, NULL, 0, NULL), W2L_TRAP_EXCEPTION);
  const w2l_exn *x = w2l_uncaught_exception();
  CHECK(x && x->tag == exn_tag && x->nvals == 1 && x->vals[0].i32 == 9, "the uncaught exception");
  CHECK_STR(w2l_trap_message(W2L_TRAP_EXCEPTION), "uncaught exception");
  CHECK(call(exn_inst, "legacy_loop", 1, 1000, 0, &r) == W2L_OK && r == 499500 && !exn_inst->exns,
        "legacy_loop(1000) = %u, exceptions kept: %s", r, exn_inst->exns ? "some" : "none");
  /* Another instance of the module has a tag of its own: a tag of another
   * type cannot be imported for htag. */
  w2l_linker *l2 = w2l_linker_new();
  w2l_tag *wrong = w2l_tag_new("i:");
  w2l_linker_define_func(l2, "env", "host_throw", "i:", (void (*)(void))host_throw, NULL);
  w2l_linker_define_func(l2, "env", "reenter", "i:i", (void (*)(void))reenter, NULL);
  w2l_linker_define(l2, "env", "htag", (w2l_extern){W2L_EXTERN_TAG, {.tag = wrong}});
  CHECK(!w2l_linker_instantiate(l2, &exn_module, NULL, &err) && strstr(err.message, "tag"),
        "a tag of another type links: %s", err.message);
  w2l_linker_free(l2);
  w2l_tag_free(wrong);
  w2l_instance_free(exn_inst);
  w2l_linker_free(l);
  w2l_tag_free(htag);
}

/* kit's functions, table-driven: what each call must give on a fresh instance. */
static const struct kit_case {
  const char *name;  /* export */
  int nargs;         /* 1 or 2 */
  uint32_t a0, a1;   /* arguments */
  w2l_trap trap;     /* expected trap */
  uint32_t result;   /* expected result when it does not trap */
} kit_cases[] = {
    {"load", 1, 12, 0, W2L_OK, 0x6c6c6568},            /* "hell" at 16 = 12 + offset 4 */
    {"load", 1, 65528, 0, W2L_OK, 0},
    {"load", 1, 65529, 0, W2L_TRAP_OOB_MEMORY, 0},
    {"load", 1, 0xFFFFFFFC, 0, W2L_TRAP_OOB_MEMORY, 0},
    {"load8", 1, 0, 0, W2L_TRAP_OOB_MEMORY, 0},        /* 0xFFFFFFFF */
    {"load8", 1, 1, 0, W2L_TRAP_OOB_MEMORY, 0},        /* 4 GiB */
    {"load8", 1, 0xFFFFFFFF, 0, W2L_TRAP_OOB_MEMORY, 0}, /* 8 GiB - 2 */
    {"call_at", 2, 1, 5, W2L_OK, 25},
    {"call_at", 2, 0, 5, W2L_TRAP_UNINITIALIZED_ELEMENT, 0},
    {"call_at", 2, 2, 5, W2L_TRAP_UNDEFINED_ELEMENT, 0},
    {"rec", 1, 1, 0, W2L_TRAP_STACK_EXHAUSTED, 0},
    {"rec", 1, 0, 0, W2L_OK, 0},
    {"div", 2, 7, 0, W2L_TRAP_INT_DIV_ZERO, 0},
    {"div", 2, 0x80000000, 0xFFFFFFFF, W2L_TRAP_INT_OVERFLOW, 0},
    {"div", 2, (uint32_t)-9, 2, W2L_OK, (uint32_t)-4},
    {"cb", 1, 1, 0, W2L_TRAP_HOST, 0},
    {"cb", 1, 0, 0, W2L_OK, 1008},                     /* the host re-entered incg */
    {"incg", 0, 0, 0, W2L_OK, 9},
    {"size", 0, 0, 0, W2L_OK, 1},
    {"grow", 1, 2, 0, W2L_OK, 1},
    {"grow", 1, 1, 0, W2L_OK, UINT32_MAX},             /* max 3 */
    {"load", 1, 3 * 65536 - 8, 0, W2L_OK, 0},          /* the grown pages */
    {"load", 1, 3 * 65536 - 7, 0, W2L_TRAP_OOB_MEMORY, 0},
};

int main(void) {
  w2l_error err;
  uint32_t r = 0;

  /* Seed 000: math and calc through one table; calc alone traps. */
  {
    w2l_linker *l = w2l_linker_new();
    w2l_table *t = w2l_table_new(W2L_FUNCREF, 1, UINT32_MAX);
    w2l_instance *calc, *math;
    w2l_linker_define(l, "js", "table", (w2l_extern){W2L_EXTERN_TABLE, {.table = t}});
    calc = w2l_linker_instantiate(l, &seedcalc_module, NULL, &err);
    CHECK(calc != NULL, "calc: %s", err.message);
    CHECK_TRAP(call(calc, "add_five", 1, 10, 0, &r), W2L_TRAP_UNINITIALIZED_ELEMENT);
    math = w2l_linker_instantiate(l, &seedmath_module, NULL, &err);
    CHECK(math != NULL, "math: %s", err.message);
    CHECK(call(calc, "add_five", 1, 10, 0, &r) == W2L_OK && r == 15, "add_five(10) = %u", r);

    /* badstart writes slot 0, then its start function traps: the instantiation
     * fails with the trap and slot 0 keeps working. */
    CHECK(w2l_linker_instantiate(l, &badstart_module, NULL, &err) == NULL, "badstart instantiated");
    CHECK(err.trap == W2L_TRAP_INT_DIV_ZERO, "badstart: trap %d", (int)err.trap);
    CHECK_STR(err.message, "integer divide by zero");
    CHECK(t->elems[0].type == w2l_functype_intern(":i"), "slot 0 is not badstart's $seven");
    CHECK(((uint32_t(*)(void *))t->elems[0].fn)(t->elems[0].obj) == 7, "badstart's $seven");
    CHECK_TRAP(call(calc, "add_five", 1, 10, 0, &r), W2L_TRAP_INDIRECT_TYPE_MISMATCH);
    w2l_instance_free(calc);
    w2l_instance_free(math);
    w2l_linker_free(l);
    w2l_table_free(t);
  }

  /* Seed 001: a host function beside a wasm function in the module's table. */
  {
    w2l_linker *l = w2l_linker_new();
    w2l_instance *inst;
    w2l_linker_define_func(l, "env", "jstimes3", "i:i", (void (*)(void))jstimes3, NULL);
    inst = w2l_linker_instantiate(l, &seedtable_module, NULL, &err);
    CHECK(inst != NULL, "table.wat: %s", err.message);
    CHECK(seedtable_times2(inst, 12, &r) == W2L_OK && r == 24, "times2(12) = %u", r);
    CHECK(seedtable_times3(inst, 12, &r) == W2L_OK && r == 36, "times3(12) = %u", r);
    CHECK_TRAP(seedtable_pitfall(inst, 12, &r), W2L_TRAP_UNINITIALIZED_ELEMENT);
    CHECK(seedtable_pitfall(inst, 16, &r) == W2L_OK && r == 34, "pitfall(16) = %u", r);
    CHECK_TRAP(seedtable_pitfall(inst, 32, &r), W2L_TRAP_UNDEFINED_ELEMENT);
    w2l_instance_free(inst);
    w2l_linker_free(l);
  }

  /* kit: two instances, each case on both. */
  {
    w2l_linker *l = w2l_linker_new();
    w2l_table *t = w2l_table_new(W2L_FUNCREF, 2, UINT32_MAX);
    w2l_instance *a, *b;
    w2l_linker_define(l, "env", "table", (w2l_extern){W2L_EXTERN_TABLE, {.table = t}});
    w2l_linker_define_func(l, "env", "cb", "i:i", (void (*)(void))host_cb, NULL);
    a = w2l_linker_instantiate(l, &kit_module, NULL, &err);
    b = w2l_linker_instantiate(l, &kit_module, NULL, &err);
    CHECK(a && b, "kit: %s", err.message);
    if (!a || !b) return test_finish();
    for (int k = 0; k < 2; k++) {
      w2l_instance *inst = k ? b : a;
      cb_target = inst;
      for (size_t i = 0; i < sizeof kit_cases / sizeof *kit_cases; i++) {
        const struct kit_case *c = &kit_cases[i];
        w2l_trap got = call(inst, c->name, c->nargs, c->a0, c->a1, &r);
        CHECK(got == c->trap && (got != W2L_OK || r == c->result),
              "instance %d: %s(%#x, %#x) = %#x, trap \"%s\"; expected %#x, \"%s\"", k, c->name,
              c->a0, c->a1, r, w2l_trap_message(got), c->result, w2l_trap_message(c->trap));
      }
    }
    /* Separate memories; the exported global is the instance's own. */
    CHECK(kit_store(a, 100, 0xABCD) == W2L_OK, "store");
    CHECK(kit_load(a, 96, &r) == W2L_OK && r == 0xABCD, "a: %#x", r);
    CHECK(kit_load(b, 96, &r) == W2L_OK && r == 0, "b sees a's store: %#x", r);
    CHECK(kit_g(a) != kit_g(b) && kit_g(a)->value.i32 == 9, "global g = %u", kit_g(a)->value.i32);
    CHECK(kit_mem(a)->pages == 3, "pages %llu", (unsigned long long)kit_mem(a)->pages);
    /* memory.fill past the end writes nothing. */
    CHECK_TRAP(kit_fill(a, 65536 * 3 - 4, 0x41, 5), W2L_TRAP_OOB_MEMORY);
    CHECK(kit_load(a, 65536 * 3 - 8, &r) == W2L_OK && r == 0, "fill wrote before trapping");
    /* A host function of another type in the slot call_at uses. */
    t->elems[0] = (w2l_ref){w2l_functype_intern(":i"), (void (*)(void))jstimes3, NULL, NULL};
    CHECK_TRAP(call(a, "call_at", 2, 0, 5, &r), W2L_TRAP_INDIRECT_TYPE_MISMATCH);
    CHECK_TRAP(kit_boom(b), W2L_TRAP_UNREACHABLE);
    w2l_instance_free(a);
    w2l_instance_free(b);

    /* The same module as a plugin, loaded, used, unloaded, three times. */
    for (int round = 0; round < 3; round++) {
      w2l_plugin *p = w2l_plugin_open("./kitplug.so", &err);
      w2l_instance *inst;
      CHECK(p != NULL, "round %d: %s", round, err.message);
      if (!p) break;
      CHECK(w2l_plugin_module(p) != &kit_module && !strcmp(w2l_plugin_module(p)->name, "kitplug"),
            "the plugin's descriptor is not its own");
      w2l_linker_set_memory_limit(l, 2);
      inst = w2l_linker_instantiate(l, w2l_plugin_module(p), NULL, &err);
      CHECK(inst != NULL, "kitplug: %s", err.message);
      if (inst) {
        cb_target = inst;
        CHECK(call(inst, "load", 1, 12, 0, &r) == W2L_OK && r == 0x6c6c6568, "plugin load");
        CHECK_TRAP(call(inst, "load8", 1, 1, 0, &r), W2L_TRAP_OOB_MEMORY);
        CHECK(call(inst, "call_at", 2, 1, 6, &r) == W2L_OK && r == 36, "plugin call_at");
        CHECK(call(inst, "grow", 1, 2, 0, &r) == W2L_OK && r == UINT32_MAX, "grew past the quota");
        CHECK(call(inst, "cb", 1, 0, 0, &r) == W2L_OK && r == 1008, "plugin cb: %u", r);
        w2l_instance_free(inst);
      }
      w2l_plugin_close(p);
    }
    w2l_linker_free(l);
    w2l_table_free(t);
  }
  typed_refs();
  exceptions();
  return test_finish();
}
