/* host.c - the second seed's table.js, in C: jstimes3 is a host function placed
 * in the module's table beside $wasmtimes2. */
#include <stdio.h>

#include "w2l.h"
#include "pitfall.h"
#include "table.h"

/* env.jstimes3: (n) => 3 * n */
static uint32_t jstimes3(void *env, uint32_t n) {
  (void)env;
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
  w2l_linker_define_func(l, "env", "jstimes3", "i:i", (void (*)(void))jstimes3, NULL);
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
