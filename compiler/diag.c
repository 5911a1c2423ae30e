/* diag.c - diagnostics in wabt's format and the protected call they unwind to. */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

struct diag diag;

int diag_protect(void (*fn)(void *arg), void *arg) {
  jmp_buf here;
  jmp_buf *saved = diag.jmp;
  diag.jmp = &here;
  if (setjmp(here)) {
    diag.jmp = saved;
    return 1;
  }
  fn(arg);
  diag.jmp = saved;
  return 0;
}

void diag_rethrow(void) {
  /* Outside any diag_protect() frame (a bug in the caller): say what the error
   * was and stop, as nothing here may exit(). */
  if (!diag.jmp) {
    fprintf(stderr, "%s\n", diag.message);
    abort();
  }
  longjmp(*diag.jmp, 1);
}

/* Line and column (1-based, column in bytes) of pos, and the line's extent. */
static void locate(const struct source *src, size_t pos, size_t *line, size_t *col, size_t *bol,
                   size_t *eol) {
  size_t l = 1, b = 0;
  if (pos > src->size) pos = src->size;
  for (size_t i = 0; i < pos; i++)
    if (src->data[i] == '\n') l++, b = i + 1;
  size_t e = pos;
  while (e < src->size && src->data[e] != '\n') e++;
  *line = l;
  *col = pos - b + 1;
  *bol = b;
  *eol = e;
}

/* Append to buf at *len, truncating safely. */
static void add(char *buf, size_t cap, size_t *len, const char *fmt, ...) {
  va_list ap;
  if (*len >= cap) return;
  va_start(ap, fmt);
  int n = vsnprintf(buf + *len, cap - *len, fmt, ap);
  va_end(ap);
  if (n > 0) *len += (size_t)n < cap - *len ? (size_t)n : cap - *len - 1;
}

static void format(char *buf, size_t cap, const struct source *src, size_t pos, const char *kind,
                   const char *msg) {
  size_t len = 0;
  if (!src) {
    add(buf, cap, &len, "error: %s", msg);
    return;
  }
  if (!src->is_text) {
    add(buf, cap, &len, "%s:0x%zx: %s: %s", src->filename, pos, kind, msg);
    return;
  }
  size_t line, col, bol, eol;
  locate(src, pos, &line, &col, &bol, &eol);
  add(buf, cap, &len, "%s:%zu:%zu: %s: %s\n", src->filename, line, col, kind, msg);
  if (eol - bol > 200) eol = bol + 200;
  add(buf, cap, &len, "  ");
  for (size_t i = bol; i < eol; i++) {
    unsigned char c = src->data[i];
    add(buf, cap, &len, "%c", c == '\t' ? ' ' : (c < 0x20 || c == 0x7f) ? '?' : c);
  }
  add(buf, cap, &len, "\n  %*s^", (int)(col - 1 < 200 ? col - 1 : 200), "");
}

_Noreturn void diag_verror(const struct source *src, size_t pos, const char *fmt, va_list ap) {
  vsnprintf(diag.reason, sizeof diag.reason, fmt, ap);
  format(diag.message, sizeof diag.message, src, pos, "error", diag.reason);
  diag_rethrow();
}

_Noreturn void diag_error(const struct source *src, size_t pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_verror(src, pos, fmt, ap);
}

void diag_note(const struct source *src, size_t pos, const char *fmt, ...) {
  char msg[512], buf[2048];
  va_list ap;
  if (!diag.notes) return;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  format(buf, sizeof buf, src, pos, "note", msg);
  fprintf(diag.notes, "%s\n", buf);
}
