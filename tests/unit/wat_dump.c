/* wat_dump.c - test driver: parse a .wat file and print the canonical dump
 * of its IR (dump_module), or the diagnostic on stderr with exit status 1.
 * A .wasm file (\0asm magic) goes through the binary reader instead, for the
 * differential test against wat2wasm.
 * With -q only a one-line summary is printed (for timing big inputs).
 * Usage: wat_dump [-q] FILE.wat|FILE.wasm */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

struct job {
  struct source src;  /* the input */
  struct arena arena; /* IR storage */
  bool quiet;         /* -q: summary instead of the dump */
};

static void summary(const struct module *m) {
  uint64_t code = 0;
  for (uint32_t i = 0; i < m->nfuncs; i++) code += m->funcs[i].body.count;
  printf("%u types, %u functions, %llu instructions\n", m->ntypes, m->nfuncs,
         (unsigned long long)code);
}

static void run(void *arg) {
  struct job *j = arg;
  const struct module *m;
  if (j->src.size >= 4 && memcmp(j->src.data, "\0asm", 4) == 0) {
    j->src.is_text = false;
    m = bin_read_module(&j->arena, &j->src);
  } else {
    m = wat_parse_module(&j->arena, &j->src);
  }
  if (j->quiet) summary(m);
  else dump_module(stdout, m);
}

int main(int argc, char **argv) {
  bool quiet = argc == 3 && strcmp(argv[1], "-q") == 0;
  if (argc != 2 + quiet) {
    fprintf(stderr, "usage: wat_dump [-q] FILE.wat|FILE.wasm\n");
    return 2;
  }
  const char *path = argv[1 + quiet];
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return 2;
  }
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
    n += got;
    if (n == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  if (!buf) return 2;
  struct job j = {{path, buf, n, true}, {0}, quiet};
  diag.notes = stderr;
  int failed = diag_protect(run, &j);
  if (failed) fprintf(stderr, "%s\n", diag.message);
  arena_free(&j.arena);
  free(buf);
  return failed;
}
