/* reader_fuzz.c - libFuzzer target for the front end: one input goes through a
 * reader (the binary reader, or the text reader when built with
 * -DFUZZ_TEXT), the validator, and, when valid, the C emitter (into a memory
 * stream).  Any input must end in a module or in a diagnostic: a crash, a
 * sanitizer report or a leak is a bug.  `make fuzz` builds both targets with
 * clang -fsanitize=fuzzer,address,undefined and runs them (run-libfuzzer.sh).
 */
#include <stdlib.h>

#include "compiler.h"

struct job {
  struct source src;  /* the fuzz input */
  struct arena arena; /* IR storage, capped to keep the fuzzer's memory small */
  struct module *m;   /* the module read */
};

static void translate(void *arg) {
  struct job *j = arg;
#ifdef FUZZ_TEXT
  j->m = wat_parse_module(&j->arena, &j->src);
#else
  j->m = bin_read_module(&j->arena, &j->src);
#endif
  val_module(j->m, &val_features_all);
  char *text = NULL;
  size_t len = 0;
  FILE *c = open_memstream(&text, &len);
  if (!c) return;
  struct emit_options opt = {.prefix = "fz", .header_name = NULL};
  emit_module(j->m, &opt, c, NULL);
  fclose(c);
  free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct job j = {.src = {.filename = "fuzz", .data = data, .size = size}};
#ifdef FUZZ_TEXT
  j.src.is_text = true;
#endif
  j.arena.cap = 64 << 20;
  diag_protect(translate, &j);
  arena_free(&j.arena);
  return 0;
}
