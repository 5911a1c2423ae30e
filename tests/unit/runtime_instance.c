/* runtime_instance.c - w2l_instantiate with import arrays: separate memories of
 * two instances, exports, the generic call and its checks, traps in exports,
 * start and segments (with their partial effects), and the seed's shared table. */
#include "runtime_test.h"
#include "runtime_modules.h"

static w2l_val I32(uint32_t x) { return W2L_I32_VAL(x); }

/* Calls inst.name(args) expecting one i32 result or a trap. */
static w2l_trap call1(w2l_instance *inst, const char *name, const w2l_val *args, size_t n,
                      uint32_t *result) {
  w2l_val r[1];
  w2l_error err;
  w2l_trap t = w2l_call(inst, name, args, n, r, 1, &err);
  if (t == W2L_OK) *result = r[0].of.i32;
  return t;
}

int main(void) {
  w2l_error err;
  w2l_instance *a, *b;
  w2l_extern e;
  uint32_t r = 0;
  w2l_val args[2];

  /* Two instances of one module: separate memories, tables and globals. */
  a = w2l_instantiate(&mem_module, NULL, &err);
  b = w2l_instantiate(&mem_module, NULL, &err);
  CHECK(a && b, "instantiate: %s", err.message);
  CHECK(a->memories[0] != b->memories[0] && a->memories[0]->data != b->memories[0]->data,
        "instances share a memory");
  args[0] = I32(100), args[1] = I32(0xA0A0);
  CHECK(w2l_call(a, "store", args, 2, NULL, 0, &err) == W2L_OK, "store: %s", err.message);
  CHECK(call1(a, "load", args, 1, &r) == W2L_OK && r == 0xA0A0, "load a: %u", r);
  CHECK(call1(b, "load", args, 1, &r) == W2L_OK && r == 0, "load b: %u", r);
  args[0] = I32(0);
  CHECK(call1(b, "load", args, 1, &r) == W2L_OK && r == ('h' | 'i' << 8), "data segment: %#x", r);

  /* Exports. */
  CHECK(w2l_instance_export(a, "mem", &e) && e.kind == W2L_EXTERN_MEMORY &&
            e.of.memory == a->memories[0], "export mem");
  CHECK(w2l_instance_export(a, "tab", &e) && e.kind == W2L_EXTERN_TABLE && e.of.table->size == 2,
        "export tab");
  CHECK(w2l_instance_export(a, "g", &e) && e.kind == W2L_EXTERN_GLOBAL && e.of.global->mutable_ &&
            e.of.global->value.i32 == 5, "export g");
  CHECK(w2l_instance_export(a, "load", &e) && e.kind == W2L_EXTERN_FUNC && e.of.func.obj == a &&
            e.of.func.type == w2l_functype_intern("i:i"), "export load");
  CHECK(!w2l_instance_export(a, "nope", &e), "export nope");
  CHECK(!w2l_instance_export(a, "loa", &e), "prefix of an export name");

  /* Traps in exports, and the instance works afterwards. */
  args[0] = I32(65533);
  CHECK_TRAP(call1(a, "load", args, 1, &r), W2L_TRAP_OOB_MEMORY);
  args[0] = I32(0xFFFFFFFF);
  CHECK_TRAP(call1(a, "load", args, 1, &r), W2L_TRAP_OOB_MEMORY);
  args[0] = I32(100);
  CHECK(call1(a, "load", args, 1, &r) == W2L_OK && r == 0xA0A0, "after traps: %u", r);

  /* memory.grow, the declared max and the per-instance limit. */
  args[0] = I32(1);
  CHECK(call1(a, "grow", args, 1, &r) == W2L_OK && r == 1, "grow a: %d", (int)r);
  CHECK(call1(a, "grow", args, 1, &r) == W2L_OK && r == UINT32_MAX, "grow a past max");
  args[0] = I32(65536 + 4);
  CHECK(call1(a, "load", args, 1, &r) == W2L_OK && r == 0, "load from the grown page");
  w2l_instance_set_memory_limit(b, 1);
  args[0] = I32(1);
  CHECK(call1(b, "grow", args, 1, &r) == W2L_OK && r == UINT32_MAX, "grow b past its limit");

  /* The generic call checks names and types. */
  CHECK_TRAP(w2l_call(a, "nope", NULL, 0, NULL, 0, &err), W2L_TRAP_CALL_ERROR);
  CHECK_STR(err.message, "no function exported as \"nope\"");
  CHECK_TRAP(w2l_call(a, "mem", NULL, 0, NULL, 0, &err), W2L_TRAP_CALL_ERROR);
  args[0] = W2L_I64_VAL(1);
  CHECK_TRAP(w2l_call(a, "load", args, 1, &args[1], 1, &err), W2L_TRAP_CALL_ERROR);
  CHECK_STR(err.message,
            "wrong argument 0 for \"load\": expected i32, got i64 (it is func (i32) -> i32)");
  CHECK_TRAP(w2l_call(a, "load", NULL, 0, NULL, 0, &err), W2L_TRAP_CALL_ERROR);
  CHECK_STR(err.message, "wrong arguments for \"load\": it is func (i32) -> i32, called with 0 "
                         "arguments and 0 results");
  args[0] = I32(4);
  CHECK_TRAP(w2l_call_n(a, "loadX", 4, args, 1, &args[1], 1, &err), W2L_OK);
  w2l_instance_free(a);
  w2l_instance_free(b);

  /* Stack exhaustion and unreachable through w2l_call; the process goes on. */
  a = w2l_instantiate(&deep_module, NULL, &err);
  for (int i = 0; i < 3; i++) {
    CHECK_TRAP(call1(a, "recurse", NULL, 0, &r), W2L_TRAP_STACK_EXHAUSTED);
    CHECK_TRAP(w2l_call(a, "boom", NULL, 0, NULL, 0, &err), W2L_TRAP_UNREACHABLE);
    CHECK_STR(err.message, "unreachable");
  }
  w2l_instance_free(a);

  /* A trapping start function fails the instantiation with the trap. */
  CHECK(w2l_instantiate(&starter_module, NULL, &err) == NULL, "start trapped yet instantiated");
  CHECK(err.trap == W2L_TRAP_UNREACHABLE, "err.trap %d", (int)err.trap);
  CHECK_STR(err.message, "unreachable");

  /* Seed 000: calc before math traps; after math, add_five(10) = 15. */
  {
    w2l_table *t = w2l_table_new(W2L_FUNCREF, 1, UINT32_MAX);
    w2l_extern imp = {W2L_EXTERN_TABLE, {.table = t}};
    w2l_instance *calc = w2l_instantiate(&calc_module, &imp, &err), *math;
    CHECK(calc != NULL, "calc: %s", err.message);
    args[0] = I32(10);
    CHECK_TRAP(call1(calc, "add_five", args, 1, &r), W2L_TRAP_UNINITIALIZED_ELEMENT);
    math = w2l_instantiate(&math_module, &imp, &err);
    CHECK(math != NULL, "math: %s", err.message);
    CHECK(call1(calc, "add_five", args, 1, &r) == W2L_OK && r == 15, "add_five(10) = %u", r);
    /* slot 0 is (i32, i32) -> i32; call_at wants () -> i32 */
    args[0] = I32(0);
    CHECK_TRAP(call1(calc, "call_at", args, 1, &r), W2L_TRAP_INDIRECT_TYPE_MISMATCH);
    args[0] = I32(1);
    CHECK_TRAP(call1(calc, "call_at", args, 1, &r), W2L_TRAP_UNDEFINED_ELEMENT);

    /* A module whose data segment traps after its elem segment wrote into the
     * shared table: the instantiation fails, the table entry stays callable. */
    CHECK(w2l_instantiate(&partial_module, &imp, &err) == NULL, "partial instantiated");
    CHECK(err.trap == W2L_TRAP_OOB_MEMORY, "partial: trap %d", (int)err.trap);
    CHECK_STR(err.message, "out of bounds memory access");
    args[0] = I32(0);
    CHECK(call1(calc, "call_at", args, 1, &r) == W2L_OK && r == 7, "partial's elem: %u", r);
    w2l_instance_free(calc);
    w2l_instance_free(math);
    w2l_table_free(t);
  }

  /* ABI and bounds-mode mismatches. */
  {
    w2l_module m = deep_module;
    m.abi = 99;
    CHECK(w2l_instantiate(&m, NULL, &err) == NULL, "ABI 99 accepted");
    char want[128];
    snprintf(want, sizeof want,
             "module \"deep\" was built for runtime ABI 99, this runtime has ABI %u",
             (unsigned)W2L_ABI_VERSION);
    CHECK_STR(err.message, want);
    m.abi = W2L_ABI_VERSION;
    m.bounds = !W2L_BOUNDS;
    CHECK(w2l_instantiate(&m, NULL, &err) == NULL, "other bounds mode accepted");
    CHECK(err.trap == W2L_OK && strstr(err.message, "W2L_BOUNDS") != NULL, "%s", err.message);
    CHECK(w2l_instantiate(&calc_module, NULL, &err) == NULL, "missing import array accepted");
  }
  return test_finish();
}
