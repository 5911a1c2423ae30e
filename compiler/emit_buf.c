/* emit_buf.c - the growable text buffer every emit_*.c file writes into. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"

void emit_init_buf(struct ebuf *b, struct arena *a) {
  b->arena = a;
  b->cap = 64; /* most buffers hold one C expression or name; emit_reserve() grows it */
  b->data = arena_alloc(a, b->cap);
  b->len = 0;
}

void emit_reserve(struct ebuf *b, size_t n) {
  ARENA_RESERVE(b->arena, b->data, b->len + 1, b->cap, n);
}

void emit_put(struct ebuf *b, const char *s) {
  size_t n = strlen(s);
  emit_reserve(b, n);
  memcpy(b->data + b->len, s, n + 1);
  b->len += n;
}

void emit_printf(struct ebuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
  va_end(ap);
  if (n < 0) diag_error(NULL, 0, "emit: formatting failed");
  if ((size_t)n >= b->cap - b->len) {
    emit_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
  }
  b->len += (size_t)n;
}
