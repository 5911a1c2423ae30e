/* stubs.c - placeholders removed as each phase lands (lead's bootstrap). */
#include "compiler.h"

struct module *wat_parse_module(struct arena *arena, const struct source *src) {
  (void)arena;
  diag_error(src, 0, "text format reader not built yet");
}
