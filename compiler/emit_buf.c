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

static void append(struct ebuf *b, const char *s, size_t n) {
  emit_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static void append_unsigned(struct ebuf *b, unsigned long long v, bool negative) {
  char digits[24], *p = digits + sizeof digits;
  do *--p = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  if (negative) *--p = '-';
  append(b, p, (size_t)(digits + sizeof digits - p));
}

/* Whether every conversion of f is one the fast formatter does: %s %c %d %u
 * %lu %llu %*s %% (the emitter's formats are literals; the rest, e.g. the
 * float ones, go to vsnprintf). */
static bool simple_format(const char *f) {
  for (const char *p = f; (p = strchr(p, '%')) != NULL;) {
    p++;
    if (*p == '%' || *p == 's' || *p == 'c' || *p == 'd' || *p == 'u') p += 1;
    else if (p[0] == '*' && p[1] == 's') p += 2;
    else if (p[0] == 'l' && p[1] == 'u') p += 2;
    else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'u') p += 3;
    else return false;
  }
  return true;
}

/* printf into b.  Formatting is most of the translator's time, so the
 * conversions the emitter uses are done here without vsnprintf. */
void emit_vprintf(struct ebuf *b, const char *f, va_list ap) {
  if (!simple_format(f)) {
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
    return;
  }
  for (;;) {
    const char *pct = strchr(f, '%');
    append(b, f, pct ? (size_t)(pct - f) : strlen(f));
    if (!pct) return;
    f = pct + 1;
    switch (*f) {
    case '%': append(b, "%", 1), f += 1; break;
    case 's': {
      const char *s = va_arg(ap, const char *);
      append(b, s, strlen(s));
      f += 1;
      break;
    }
    case 'c': {
      char c = (char)va_arg(ap, int);
      append(b, &c, 1);
      f += 1;
      break;
    }
    case 'd': {
      int v = va_arg(ap, int);
      append_unsigned(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
      f += 1;
      break;
    }
    case 'u': append_unsigned(b, va_arg(ap, unsigned), false), f += 1; break;
    case '*': { /* %*s: right-justified in a field */
      int w = va_arg(ap, int);
      const char *s = va_arg(ap, const char *);
      size_t n = strlen(s);
      if (w > 0 && (size_t)w > n) {
        emit_reserve(b, (size_t)w - n);
        memset(b->data + b->len, ' ', (size_t)w - n);
        b->len += (size_t)w - n;
        b->data[b->len] = '\0';
      }
      append(b, s, n);
      f += 2;
      break;
    }
    default: /* 'l': %lu or %llu */
      if (f[1] == 'u') append_unsigned(b, va_arg(ap, unsigned long), false), f += 2;
      else append_unsigned(b, va_arg(ap, unsigned long long), false), f += 3;
      break;
    }
  }
}

void emit_printf(struct ebuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit_vprintf(b, fmt, ap);
  va_end(ap);
}
