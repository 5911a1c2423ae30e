/* diff.c - text reader vs binary reader on the script's own modules.
 *
 * With --diff-wabt, every text module that our front end accepts is also given
 * to wabt's `wat2wasm --enable-all --debug-names`; the IR read from that binary
 * must dump (compiler/dump.c) exactly as the IR read from the text.  Modules
 * wat2wasm rejects (or no wat2wasm at all) are not compared, and counted.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runner.h"

/* Whole file into a malloc'ed buffer; false if it cannot be read. */
static bool slurp(const char *path, uint8_t **data, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  for (size_t got = 1; buf && got;) {
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap *= 2);
      if (!nb) break;
      buf = nb;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  }
  bool ok = buf && !ferror(f) && n < cap;
  fclose(f);
  if (!ok) {
    free(buf);
    return false;
  }
  *data = buf;
  *size = n;
  return true;
}

/* The dump of m, malloc'ed. */
static char *dump(const struct module *m) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) abort();
  dump_module(f, m);
  fclose(f);
  return text;
}

struct bin_job {
  struct arena *arena;   /* for the binary's IR */
  struct source src;     /* wat2wasm's output */
  struct module *module; /* read and validated */
  const struct val_features *features; /* the run's */
};

static void read_binary(void *arg) {
  struct bin_job *j = arg;
  j->module = bin_read_module(j->arena, &j->src);
  val_module(j->module, j->features);
}

/* "line N: < text / > binary" for the first line where a and b differ. */
static char *first_difference(const char *a, const char *b) {
  const char *start = a;
  unsigned line = 1;
  while (*a && *a == *b) {
    if (*a == '\n') line++;
    a++, b++;
  }
  while (a > start && a[-1] != '\n') a--, b--; /* the same prefix on both sides */
  int na = (int)strcspn(a, "\n"), nb = (int)strcspn(b, "\n");
  return xprintf("IR read from text and from wat2wasm's binary differ at dump line %u:\n"
                 "    < %.*s\n    > %.*s", line, na > 150 ? 150 : na, a, nb > 150 ? 150 : nb, b);
}

/* wat2wasm writes an elem segment of funcref items that are all ref.func (or
 * none) in the function-index form, whose type is (ref func) in 3.0: not a
 * difference of ours, so the binary's segment takes the text's type then. */
static void align_elem_types(const struct module *text, struct module *bin) {
  const enum valtype ref_func = vt_ref(false, HT_FUNC);
  for (uint32_t i = 0; i < text->nelems && i < bin->nelems; i++) {
    enum valtype a = text->elems[i].reftype, b = bin->elems[i].reftype;
    if ((a == VT_FUNCREF && b == ref_func) || (a == ref_func && b == VT_FUNCREF))
      bin->elems[i].reftype = a;
  }
}

enum diff_result diff_text_binary(struct run *r, uint32_t i, const struct module *text_module,
                                  char **detail) {
  const struct wast_module *wm = &r->script->commands[i].module;
  const char *prefix = r->built[i].prefix;
  char *wat = xprintf("%s/%s.wat", r->workdir, prefix), *wasm = xprintf("%s/%s.wasm", r->workdir, prefix);
  enum diff_result result = DIFF_NOT_COMPARED;
  FILE *f = fopen(wat, "wb");
  if (f) {
    size_t start = wm->fields_only ? 0 : wm->start, end = wm->end;
    bool ok = fwrite(r->src.data + start, 1, end - start, f) == end - start;
    if (fclose(f) == 0 && ok) {
      char *cmd = xprintf("wat2wasm --enable-all --debug-names '%s' -o '%s' >/dev/null 2>&1", wat, wasm);
      struct arena arena = {0};
      struct bin_job j = {.arena = &arena, .features = &r->features};
      uint8_t *data = NULL;
      if (system(cmd) == 0 && slurp(wasm, &data, &j.src.size)) {
        j.src.data = data;
        j.src.filename = wasm;
        if (diag_protect(read_binary, &j)) {
          *detail = xprintf("wat2wasm's binary of this module is rejected:\n%s", diag.message);
          result = DIFF_DIFFERENT;
        } else {
          align_elem_types(text_module, j.module);
          char *a = dump(text_module), *b = dump(j.module);
          result = strcmp(a, b) == 0 ? DIFF_SAME : DIFF_DIFFERENT;
          if (result == DIFF_DIFFERENT) *detail = first_difference(a, b);
          free(a);
          free(b);
        }
      }
      free(data);
      arena_free(&arena);
      free(cmd);
    }
  }
  if (!r->keep) {
    unlink(wat);
    unlink(wasm);
  }
  free(wat);
  free(wasm);
  return result;
}
