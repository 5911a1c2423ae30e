/* stubs.c - placeholders removed as each phase lands (lead's bootstrap). */
#include "compiler.h"

struct module *wat_parse_module(struct arena *arena, const struct source *src) {
  (void)arena;
  diag_error(src, 0, "text format reader not built yet");
}
struct module *wat_parse_module_range(struct arena *arena, const struct source *src,
                                      size_t start, size_t end) {
  (void)arena; (void)end;
  diag_error(src, start, "text format reader not built yet");
}
