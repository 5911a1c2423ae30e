/* host.c - the thin path: a one-function module called from C through its
 * typed header. */
#include <stdio.h>

#include "w2l.h"
#include "add.h"

int main(void) {
  w2l_error err;
  w2l_instance *inst = add_instantiate(NULL, &err);
  if (!inst) {
    fprintf(stderr, "%s\n", err.message);
    return 1;
  }
  uint32_t r;
  w2l_trap t = add_add(inst, 1, 2, &r);
  if (t != W2L_OK) printf("trap: %s\n", w2l_trap_message(t));
  else printf("add(1, 2) = %u\n", r);
  w2l_instance_free(inst);
  return 0;
}
