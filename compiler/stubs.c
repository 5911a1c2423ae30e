/* stubs.c - placeholders removed as each phase lands (lead's bootstrap). */
#include "compiler.h"

struct module *wat_parse_module(struct arena *arena, const struct source *src) {
  (void)arena;
  diag_error(src, 0, "text format reader not built yet");
}
struct module *bin_read_module(struct arena *arena, const struct source *src) {
  (void)arena;
  diag_error(src, 0, "binary reader not built yet");
}
void emit_module(const struct module *m, const struct emit_options *opt, FILE *c_out,
                 FILE *h_out) {
  (void)m; (void)opt; (void)c_out; (void)h_out;
  diag_error(NULL, 0, "emitter not built yet");
}
char *emit_mangle(struct arena *a, const uint8_t *s, size_t len) {
  return arena_strndup(a, (const char *)s, len);
}
struct module *wat_parse_module_range(struct arena *arena, const struct source *src,
                                      size_t start, size_t end) {
  (void)arena; (void)end;
  diag_error(src, start, "text format reader not built yet");
}
