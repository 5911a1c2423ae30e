/* runtime_plugin.c - plugins loaded from .so files (built by make from
 * plugin_*.c): load errors, calls by name, a host function and two plugins
 * sharing one table through the dlsym-style w2l_table_add_export, a trapping
 * plugin leaving the host and the other plugin running, the memory quota, and
 * unloading then loading again. */
#include "runtime_test.h"

static uint32_t host_negate(void *env, uint32_t x) {
  (void)env;
  return 0u - x;
}

static uint32_t call_i_i(w2l_instance *inst, const char *name, uint32_t x, w2l_trap *trap) {
  w2l_val a = W2L_I32_VAL(x), r = W2L_I32_VAL(0);
  *trap = w2l_call(inst, name, &a, 1, &r, 1, NULL);
  return r.of.i32;
}

static uint32_t call_ii_i(w2l_instance *inst, const char *name, uint32_t x, uint32_t y,
                          w2l_trap *trap) {
  w2l_val a[2] = {W2L_I32_VAL(x), W2L_I32_VAL(y)}, r = W2L_I32_VAL(0);
  *trap = w2l_call(inst, name, a, 2, &r, 1, NULL);
  return r.of.i32;
}

int main(void) {
  w2l_error err;
  w2l_trap t;

  CHECK(w2l_plugin_open("./no-such-plugin.so", &err) == NULL, "missing file opened");
  CHECK(strncmp(err.message, "cannot load plugin: ", 20) == 0 && strstr(err.message, "no-such-plugin.so"),
        "%s", err.message);
  CHECK(w2l_plugin_open("./plugin_none.so", &err) == NULL, "non-plugin opened");
  CHECK_STR(err.message, "./plugin_none.so: not a wasm2c-lite plugin (no w2l_plugin_descriptor; "
                         "build it with -DW2L_PLUGIN)");

  for (int round = 0; round < 3; round++) {
    w2l_plugin *ps = w2l_plugin_open("./plugin_square.so", &err), *pc;
    w2l_linker *l = w2l_linker_new();
    w2l_table *table = w2l_table_new(W2L_FUNCREF, 0, UINT32_MAX);
    w2l_instance *sq, *cu;
    uint32_t neg, cube;
    CHECK(ps != NULL, "round %d: %s", round, err.message);
    pc = w2l_plugin_open("./plugin_cube.so", &err);
    CHECK(pc != NULL, "round %d: %s", round, err.message);
    if (!ps || !pc) break;
    CHECK_STR(w2l_plugin_module(ps)->name, "square");
    w2l_linker_define(l, "host", "table", (w2l_extern){W2L_EXTERN_TABLE, {.table = table}});
    w2l_linker_set_memory_limit(l, 2);
    sq = w2l_linker_instantiate(l, w2l_plugin_module(ps), "square", &err);
    cu = w2l_linker_instantiate(l, w2l_plugin_module(pc), "cube", &err);
    CHECK(sq && cu, "instantiate: %s", err.message);
    if (!sq || !cu) break;

    CHECK(call_i_i(sq, "square", 7, &t) == 49 && t == W2L_OK, "square(7)");
    CHECK(call_i_i(cu, "cube", 3, &t) == 27 && t == W2L_OK, "cube(3)");

    /* The dlsym hand-off: cube's function and a host function in the shared
     * table, called by the square plugin with call_indirect. */
    cube = w2l_table_add_export(table, cu, "cube", &err);
    neg = w2l_table_grow(table, 1, (w2l_ref){w2l_functype_intern("i:i"), (void (*)(void))host_negate, NULL, NULL});
    CHECK(cube == 1 && neg == 2 && table->size == 3 && !table->elems[0].fn, "slots %u %u", cube, neg);
    CHECK(call_ii_i(sq, "apply", cube, 4, &t) == 64 && t == W2L_OK, "apply(cube, 4): %s",
          w2l_trap_message(t));
    CHECK(call_ii_i(sq, "apply", neg, 4, &t) == (uint32_t)-4 && t == W2L_OK, "apply(negate, 4)");
    (void)call_ii_i(sq, "apply", 3, 4, &t);
    CHECK_TRAP(t, W2L_TRAP_UNDEFINED_ELEMENT);
    (void)call_ii_i(sq, "apply", 0, 4, &t);
    CHECK_TRAP(t, W2L_TRAP_UNINITIALIZED_ELEMENT);

    /* A plugin that faults outside its memory traps; everything keeps running. */
    (void)call_i_i(sq, "oob", 0, &t);
    CHECK(t == W2L_TRAP_CALL_ERROR, "oob takes no argument: %s", w2l_trap_message(t));
    {
      w2l_val r;
      CHECK_TRAP(w2l_call(sq, "oob", NULL, 0, &r, 1, &err), W2L_TRAP_OOB_MEMORY);
      CHECK_STR(err.message, "out of bounds memory access");
    }
    CHECK(call_i_i(sq, "square", 3, &t) == 9 && t == W2L_OK, "square after a trap");
    CHECK(call_i_i(cu, "cube", 2, &t) == 8 && t == W2L_OK, "cube after square trapped");

    /* The host's quota (2 pages) holds although the module allows 4. */
    CHECK(call_i_i(sq, "grow", 1, &t) == 1, "grow 1");
    CHECK(call_i_i(sq, "grow", 1, &t) == UINT32_MAX, "grew past the quota");

    w2l_instance_free(sq);
    w2l_instance_free(cu);
    w2l_linker_free(l);
    w2l_table_free(table);
    w2l_plugin_close(ps);
    w2l_plugin_close(pc);
  }
  return test_finish();
}
