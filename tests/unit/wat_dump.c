/* wat_dump.c - test driver: parse a .wat file and print the canonical dump
 * of its IR (dump_module), or the diagnostic on stderr with exit status 1.
 * A .wasm file (\0asm magic) goes through the binary reader instead, for the
 * differential test against wat2wasm.
 * Usage: wat_dump FILE.wat|FILE.wasm */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

struct job {
  struct source src;  /* the input */
  struct arena arena; /* IR storage */
};

static void run(void *arg) {
  struct job *j = arg;
  if (j->src.size >= 4 && memcmp(j->src.data, "\0asm", 4) == 0) {
    j->src.is_text = false;
    dump_module(stdout, bin_read_module(&j->arena, &j->src));
  } else {
    dump_module(stdout, wat_parse_module(&j->arena, &j->src));
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: wat_dump FILE.wat|FILE.wasm\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
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
  struct job j = {{argv[1], buf, n, true}, {0}};
  diag.notes = stderr;
  int failed = diag_protect(run, &j);
  if (failed) fprintf(stderr, "%s\n", diag.message);
  arena_free(&j.arena);
  free(buf);
  return failed;
}
