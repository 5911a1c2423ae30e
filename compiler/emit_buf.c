/* emit_buf.c - the growable text buffer every emit_*.c file writes into. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"

void emit_init_buf(struct ebuf *b, struct arena *a) {
  b->arena = a;
  b->cap = 64; /* most buffers hold one C expression or name; emit_reserve() grows it */
  b->data = arena_bytes(a, b->cap);
  b->data[0] = '\0';
  b->len = 0;
}

void emit_reserve(struct ebuf *b, size_t n) {
  ARENA_RESERVE(b->arena, b->data, b->len + 1, b->cap, n);
}

void emit_pad(struct ebuf *b, size_t n) {
  emit_reserve(b, n);
  memset(b->data + b->len, ' ', n);
  b->len += n;
  b->data[b->len] = '\0';
}

void emit_put(struct ebuf *b, const char *s) {
  size_t n = strlen(s);
  emit_reserve(b, n);
  memcpy(b->data + b->len, s, n + 1);
  b->len += n;
}

static void append(struct ebuf *b, const char *s, size_t n) {
  if (b->cap - b->len <= n) emit_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

/* v in base 10 or 16 (upper case if upper), at least width digits (zeros in
 * front), with a '-' before them if negative. */
static void append_number(struct ebuf *b, unsigned long long v, bool negative, unsigned base,
                          bool upper, unsigned width) {
  const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char text[88], *end = text + sizeof text, *p = end;
  do *--p = digit[v % base];
  while ((v /= base) != 0);
  while ((size_t)(end - p) < width && p > text + 1) *--p = '0';
  if (negative) *--p = '-';
  append(b, p, (size_t)(end - p));
}

/* The rest of format f, from a conversion the fast path does not do (floats,
 * say), by vsnprintf: ap holds exactly the arguments that are left. */
static void format_rest(struct ebuf *b, const char *f, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(b->data + b->len, b->cap - b->len, f, ap);
  if (n < 0) diag_error(NULL, 0, "emit: formatting failed");
  if ((size_t)n >= b->cap - b->len) {
    emit_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, b->cap - b->len, f, again);
  }
  va_end(again);
  b->len += (size_t)n;
}

/* printf into b.  Formatting is most of the translator's time, so the
 * conversions the emitter uses (%s %c %d %u %lu %llu %*s %%, and %x %X with
 * a zero-padded width and l or ll) are done here in one pass over the
 * format; from any other conversion on, vsnprintf does the rest. */
void emit_vprintf(struct ebuf *b, const char *f, va_list ap) {
  va_list args; /* a copy: format_rest() takes it in its current state */
  va_copy(args, ap);
  for (;;) {
    const char *p = f;
    while (*p && *p != '%') p++;
    if (p != f) append(b, f, (size_t)(p - f));
    if (!*p) break;
    f = p + 1;
    if (*f == '%') {
      append(b, "%", 1), f += 1;
    } else if (*f == 's') {
      const char *s = va_arg(args, const char *);
      append(b, s, strlen(s));
      f += 1;
    } else if (*f == 'c') {
      char c = (char)va_arg(args, int);
      append(b, &c, 1);
      f += 1;
    } else if (*f == 'd') {
      int v = va_arg(args, int);
      append_number(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0, 10,
                    false, 0);
      f += 1;
    } else if (*f == 'u') {
      append_number(b, va_arg(args, unsigned), false, 10, false, 0), f += 1;
    } else if (f[0] == '*' && f[1] == 's') { /* %*s: right-justified in a field */
      int w = va_arg(args, int);
      const char *s = va_arg(args, const char *);
      size_t n = strlen(s);
      if (w > 0 && (size_t)w > n) emit_pad(b, (size_t)w - n);
      append(b, s, n);
      f += 2;
    } else { /* [0WIDTH][l|ll](u|x|X), or something for vsnprintf */
      const char *q = f;
      unsigned width = 0;
      if (*q == '0')
        for (q++; *q >= '0' && *q <= '9' && width < 64; q++) width = width * 10 + (unsigned)(*q - '0');
      int longs = q[0] == 'l' ? q[1] == 'l' ? 2 : 1 : 0;
      q += longs;
      bool hex = *q == 'x' || *q == 'X';
      if ((!hex && (*q != 'u' || width)) || (*q >= '0' && *q <= '9')) {
        format_rest(b, p, args);
        break;
      }
      unsigned long long v = longs == 2 ? va_arg(args, unsigned long long)
                             : longs    ? va_arg(args, unsigned long)
                                        : va_arg(args, unsigned);
      append_number(b, v, false, hex ? 16 : 10, *q == 'X', width);
      f = q + 1;
    }
  }
  va_end(args);
}

void emit_printf(struct ebuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit_vprintf(b, fmt, ap);
  va_end(ap);
}
