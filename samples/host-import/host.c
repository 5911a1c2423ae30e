/* host.c - a host function in a wasm table: jstimes3 (a C function here) is
 * imported by table.wat and placed in its table beside $wasmtimes2; the
 * exports call both through call_indirect.  pitfall.wat shows the folded
 * call_indirect operand-order mistake trapping cleanly. */
#include <stdio.h>

#include "w2l.h"
#include "pitfall.h"
#include "table.h"

/* env.jstimes3: (n) => 3 * n.  Its type is table_import_env_jstimes3 (table.h):
 * a function of any other type would not compile where it is defined below. */
static uint32_t jstimes3(w2l_caller *caller, uint32_t n) {
  (void)caller; /* the calling instance, e.g. to reach its memory */
  return 3 * n;
}

static void call(w2l_instance *inst, const char *name) {
  w2l_error err;
  w2l_val arg = W2L_I32_VAL(12), res;
  w2l_trap t = w2l_call(inst, name, &arg, 1, &res, 1, &err);
  if (t == W2L_OK) printf("%s(12) => %u\n", name, res.of.i32);
  else printf("%s(12) trapped: %s\n", name, w2l_trap_message(t));
}

int main(void) {
  w2l_error err;
  w2l_linker *l = w2l_linker_new();
  table_define_env_jstimes3(l, jstimes3, NULL); /* pitfall.wat imports the same */
  w2l_instance *table = w2l_linker_instantiate(l, &table_module, NULL, &err);
  w2l_instance *pitfall = w2l_linker_instantiate(l, &pitfall_module, NULL, &err);
  if (!table || !pitfall) {
    fprintf(stderr, "%s\n", err.message);
    return 1;
  }
  call(table, "times2");
  call(table, "times3");
  call(pitfall, "times3_folded");
  call(pitfall, "times3_flat");
  call(pitfall, "times3_wrong_order");
  w2l_instance_free(pitfall);
  w2l_instance_free(table);
  w2l_linker_free(l);
  return 0;
}
