/* host.c - the first seed's JavaScript, in C: one table shared by math.wat
 * (which puts $add in slot 0) and calc.wat (whose add_five calls slot 0). */
#include <stdio.h>

#include "w2l.h"
#include "calc.h"
#include "math.h"

/* new WebAssembly.Table({initial: 1, element: "anyfunc"}) as js.table, then
 * instantiate the listed modules and call calc's add_five(10). */
static int run(const char *title, int load_math) {
  w2l_error err;
  w2l_table *table = w2l_table_new(W2L_FUNCREF, 1, UINT32_MAX);
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define(l, "js", "table", (w2l_extern){.kind = W2L_EXTERN_TABLE, .of.table = table});
  w2l_instance *math = NULL;
  if (load_math && !(math = w2l_linker_instantiate(l, &math_module, NULL, &err))) {
    fprintf(stderr, "math: %s\n", err.message);
    return 1;
  }
  w2l_instance *calc = w2l_linker_instantiate(l, &calc_module, NULL, &err);
  if (!calc) {
    fprintf(stderr, "calc: %s\n", err.message);
    return 1;
  }
  uint32_t r;
  w2l_trap t = calc_add_five(calc, 10, &r); /* the typed export from calc.h */
  printf("%s: ", title);
  if (t == W2L_OK) printf("add_five(10) = %u\n", r);
  else printf("add_five(10) trapped: %s\n", w2l_trap_message(t));
  w2l_instance_free(calc);
  if (math) w2l_instance_free(math);
  w2l_linker_free(l);
  w2l_table_free(table);
  return 0;
}

int main(void) {
  return run("math and calc loaded", 1) | run("calc alone", 0);
}
