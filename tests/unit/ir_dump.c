/* ir_dump.c - test driver: read a module (.wat text or .wasm binary, chosen by
 * the \0asm magic like the translator does) and print dump_module() of it.
 *
 *   ir-dump [--validate] FILE|-
 *   ir-dump [--validate] --hex "00 61 73 6d ..."   (the bytes as hex; blanks ignored)
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
  bool binary;           /* input is binary whatever its first bytes (--hex) */
  struct module *module; /* the result */
};

static void run(void *arg) {
  struct job *j = arg;
  if (j->binary || (j->src.size >= 4 && memcmp(j->src.data, "\0asm", 4) == 0)) {
    j->src.is_text = false;
    j->module = bin_read_module(&j->arena, &j->src);
  } else {
    j->src.is_text = true;
    j->module = wat_parse_module(&j->arena, &j->src);
  }
  if (j->validate) val_module(j->module);
}

/* Decode hex digit pairs (blanks and newlines ignored) into a new buffer. */
static uint8_t *from_hex(const char *hex, size_t *n) {
  uint8_t *buf = malloc(strlen(hex) / 2 + 1);
  int half = -1;
  *n = 0;
  for (const char *s = hex; buf && *s; s++) {
    int v = *s >= '0' && *s <= '9' ? *s - '0'
          : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
          : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
    if (v < 0) continue;
    if (half < 0) half = v;
    else buf[(*n)++] = (uint8_t)(half << 4 | v), half = -1;
  }
  return buf;
}

/* Whole file (or stdin for "-") into a new buffer, or NULL. */
static uint8_t *read_file(const char *path, size_t *n) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16;
  uint8_t *buf = malloc(cap);
  *n = 0;
  while (buf) {
    if (*n == cap) {
      uint8_t *nb = realloc(buf, cap *= 2);
      if (!nb) free(buf);
      buf = nb;
      if (!buf) break;
    }
    size_t got = fread(buf + *n, 1, cap - *n, f);
    if (got == 0) break;
    *n += got;
  }
  if (f != stdin) fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  struct job j = {0};
  const char *path = NULL, *hex = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--validate") == 0) j.validate = true;
    else if (strcmp(argv[i], "--hex") == 0 && i + 1 < argc) hex = argv[++i];
    else path = argv[i];
  }
  if (!path && !hex) {
    fprintf(stderr, "usage: ir-dump [--validate] FILE|-|--hex HEX\n");
    return 2;
  }
  size_t n = 0;
  uint8_t *buf = hex ? from_hex(hex, &n) : read_file(path, &n);
  if (!buf) {
    fprintf(stderr, "ir-dump: cannot read %s\n", hex ? "the hex bytes" : path);
    return 2;
  }
  j.src.filename = hex ? "hex" : path;
  j.binary = hex != NULL;
  j.src.data = buf;
  j.src.size = n;
  int failed = diag_protect(run, &j);
  if (failed) printf("%s\n", diag.message);
  else dump_module(stdout, j.module);
  arena_free(&j.arena);
  free(buf);
  return failed;
}
