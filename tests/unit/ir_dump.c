/* ir_dump.c - test driver: read a module (.wat text or .wasm binary, chosen by
 * the \0asm magic like the translator does) and print dump_module() of it.
 *
 *   ir-dump [--validate] FILE|-
 *
 * On success prints the dump to stdout and exits 0; on a diagnostic prints the
 * message to stdout (so tests can compare it with the dump) and exits 1.
 */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

struct job {
  struct source src;     /* the input */
  struct arena arena;    /* IR storage */
  bool validate;         /* run val_module() too */
  struct module *module; /* the result */
};

static void run(void *arg) {
  struct job *j = arg;
  if (j->src.size >= 4 && memcmp(j->src.data, "\0asm", 4) == 0) {
    j->src.is_text = false;
    j->module = bin_read_module(&j->arena, &j->src);
  } else {
    j->src.is_text = true;
    j->module = wat_parse_module(&j->arena, &j->src);
  }
  if (j->validate) val_module(j->module);
}

int main(int argc, char **argv) {
  struct job j = {0};
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--validate") == 0) j.validate = true;
    else path = argv[i];
  }
  if (!path) {
    fprintf(stderr, "usage: ir-dump [--validate] FILE|-\n");
    return 2;
  }
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "ir-dump: cannot open %s\n", path);
    return 2;
  }
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  for (;;) {
    if (!buf) return 2;
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap *= 2);
      if (!nb) { free(buf); return 2; }
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    if (got == 0) break;
    n += got;
  }
  if (f != stdin) fclose(f);
  j.src.filename = path;
  j.src.data = buf;
  j.src.size = n;
  int failed = diag_protect(run, &j);
  if (failed) printf("%s\n", diag.message);
  else dump_module(stdout, j.module);
  arena_free(&j.arena);
  free(buf);
  return failed;
}
