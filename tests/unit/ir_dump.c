/* ir_dump.c - test driver: read a module (.wat text or .wasm binary, chosen by
 * the \0asm magic like the translator does) and print dump_module() of it.
 *
 *   ir_dump [--validate] [--notes] [-q] [--binary] [--wabt-elems] FILE|-
 *   ir_dump [--validate] --hex "00 61 73 6d ..."   (the bytes as hex; blanks ignored)
 *   ir_dump [--validate] --mutate FILE.wasm
 *
 * --validate  run the validator too
 * --notes     print the readers' notes (legacy spellings...) on stderr
 * -q          a one-line summary instead of the dump (for timing big inputs)
 * --binary    read FILE as a binary whatever its first bytes
 * --wabt-elems  print elem segments of type (ref func) as funcref: wat2wasm
 *             writes a funcref segment of ref.func items (or of none) in the
 *             function-index form, which is (ref func) in 3.0, so text and
 *             wat2wasm's binary compare equal only so
 * --mutate    read every single-byte mutant of FILE (each byte set to a few
 *             telling values, and every truncation) in-process and print how many
 *             decoded and how many were rejected: a crash or hang is the failure
 *             it looks for (run under ASan/UBSan by make sanitize).
 *
 * On success prints the dump to stdout and exits 0; on a diagnostic prints the
 * message to stderr and exits 1 (tests compare it with 2>&1).  Used by the
 * binary, wat and diff-dump suites and by tests/tools/.
 */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

struct job {
  struct source src;     /* the input */
  struct arena arena;    /* IR storage */
  bool validate;         /* run val_module() too */
  bool binary;           /* input is binary whatever its first bytes (--hex) */
  bool quiet;            /* -q: a summary line instead of the dump */
  bool wabt_elems;       /* --wabt-elems: (ref func) segments as funcref */
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
  if (j->validate) val_module(j->module, &val_features_all);
  for (uint32_t i = 0; j->wabt_elems && i < j->module->nelems; i++)
    if (j->module->elems[i].reftype == vt_ref(false, HT_FUNC))
      j->module->elems[i].reftype = VT_FUNCREF;
}

/* The -q line: how big the module is. */
static void summary(FILE *out, const struct module *m) {
  uint64_t code = 0;
  for (uint32_t i = 0; i < m->nfuncs; i++) code += m->funcs[i].body.count;
  fprintf(out, "%u types, %u functions, %llu instructions\n", m->ntypes, m->nfuncs,
          (unsigned long long)code);
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

/* Read buf (and validate it if asked) and dump it to out; returns
 * whether a diagnostic stopped it. */
static int read_one(struct job *j, const uint8_t *buf, size_t n, FILE *out) {
  j->src.data = buf;
  j->src.size = n;
  j->module = NULL;
  int failed = diag_protect(run, j);
  if (!failed && out) {
    if (j->quiet) summary(out, j->module);
    else dump_module(out, j->module);
  }
  arena_free(&j->arena);
  return failed;
}

static int mutate(struct job *j, const uint8_t *orig, size_t n) {
  static const uint8_t values[] = {0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff};
  uint8_t *buf = malloc(n ? n : 1);
  FILE *null = fopen("/dev/null", "w");
  unsigned long mutants = 0, rejected = 0;
  if (!buf || !null) return 2;
  j->binary = true;
  for (size_t i = 0; i < n; i++) {
    rejected += (unsigned long)read_one(j, orig, i, null), mutants++; /* truncated at i */
    for (size_t v = 0; v < sizeof values; v++) {
      if (orig[i] == values[v]) continue;
      memcpy(buf, orig, n);
      buf[i] = values[v];
      rejected += (unsigned long)read_one(j, buf, n, null), mutants++;
    }
  }
  printf("%lu mutants: %lu decoded, %lu rejected\n", mutants, mutants - rejected, rejected);
  fclose(null);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  struct job j = {0};
  const char *path = NULL, *hex = NULL;
  bool do_mutate = false, force_binary = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--validate") == 0) j.validate = true;
    else if (strcmp(argv[i], "--hex") == 0 && i + 1 < argc) hex = argv[++i];
    else if (strcmp(argv[i], "--mutate") == 0) do_mutate = true;
    else if (strcmp(argv[i], "--binary") == 0) force_binary = true;
    else if (strcmp(argv[i], "--notes") == 0) diag.notes = stderr;
    else if (strcmp(argv[i], "-q") == 0) j.quiet = true;
    else if (strcmp(argv[i], "--wabt-elems") == 0) j.wabt_elems = true;
    else path = argv[i];
  }
  if (!path && !hex) {
    fprintf(stderr, "usage: ir_dump [--validate] [--notes] [-q] [--binary] FILE|-\n"
                    "       ir_dump [--validate] --hex HEX | --mutate FILE\n");
    return 2;
  }
  size_t n = 0;
  uint8_t *buf = hex ? from_hex(hex, &n) : read_file(path, &n);
  if (!buf) {
    fprintf(stderr, "ir_dump: cannot read %s\n", hex ? "the hex bytes" : path);
    return 2;
  }
  j.src.filename = hex ? "hex" : path;
  j.binary = hex != NULL || force_binary;
  int failed = do_mutate ? mutate(&j, buf, n) : read_one(&j, buf, n, stdout);
  if (failed == 1) fprintf(stderr, "%s\n", diag.message);
  free(buf);
  return failed;
}
