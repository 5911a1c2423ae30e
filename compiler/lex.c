/* lex.c - tokens of the WebAssembly text format and exact numeric literals.
 *
 * A token is "(", ")" or a maximal run of idchars and strings (as in the
 * current spec, "data\"a\"" is one reserved token, not two).  The run is then
 * classified: a lone string, a $id, a keyword, a number, or reserved.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

/* The spec's idchar: printable ASCII except space, quotes, parens, comma,
 * semicolon and brackets. */
static bool is_idchar(int c) {
  if (c >= '0' && c <= '9') return true;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c != 0 && strchr("!#$%&'*+-./:<=>?@\\^_`|~", c) != NULL;
}

/* Characters that are not idchars but still glue into a reserved token. */
static bool is_reserved_char(int c) { return c != 0 && strchr(",[]{}", c) != NULL; }

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static int peekc(const struct lexer *lx, size_t off) {
  size_t i = lx->pos + off;
  return i < lx->end ? lx->src->data[i] : -1;
}

void lex_init(struct lexer *lx, const struct source *src, size_t start, size_t end) {
  lx->src = src;
  lx->pos = start;
  lx->end = end < src->size ? end : src->size;
}

/* Length of the UTF-8 sequence starting at s[0] (n bytes available), or 0 if
 * it is not a well-formed encoding of a Unicode scalar value. */
static size_t utf8_len(const uint8_t *s, size_t n) {
  uint8_t c = s[0];
  size_t len;
  uint32_t min, v;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80, v = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800, v = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000, v = c & 0x07;
  else return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = v << 6 | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) return 0;
  return len;
}

/* Skip white space and comments. */
static void skip_space(struct lexer *lx) {
  for (;;) {
    int c = peekc(lx, 0);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      lx->pos++;
    } else if (c == ';' && peekc(lx, 1) == ';') { /* up to a newline: LF, CR or CR LF */
      while (lx->pos < lx->end && peekc(lx, 0) != '\n' && peekc(lx, 0) != '\r') lx->pos++;
    } else if (c == '(' && peekc(lx, 1) == ';') {
      size_t start = lx->pos, depth = 0;
      do {
        if (lx->pos >= lx->end) diag_error(lx->src, start, "unterminated block comment");
        if (peekc(lx, 0) == '(' && peekc(lx, 1) == ';') depth++, lx->pos += 2;
        else if (peekc(lx, 0) == ';' && peekc(lx, 1) == ')') depth--, lx->pos += 2;
        else lx->pos++;
      } while (depth > 0);
    } else {
      return;
    }
  }
}

/* Decode one escape after the backslash at lx->pos - 1; returns the code
 * point (or byte, *is_byte set) and advances. */
static uint32_t escape(struct lexer *lx, bool *is_byte) {
  size_t at = lx->pos - 1;
  int c = peekc(lx, 0);
  *is_byte = false;
  lx->pos++;
  switch (c) {
  case 't': return '\t';
  case 'n': return '\n';
  case 'r': return '\r';
  case '"': return '"';
  case '\'': return '\'';
  case '\\': return '\\';
  case 'u': {
    uint32_t v = 0;
    bool any = false, under = false;
    if (peekc(lx, 0) != '{') break;
    lx->pos++;
    for (;;) {
      int d = peekc(lx, 0);
      if (d == '}' && any && !under) break;
      if (d == '_' && any && !under) {
        under = true;
        lx->pos++;
        continue;
      }
      if (hexval(d) < 0) diag_error(lx->src, at, "malformed \\u{...} escape in string");
      v = v > 0x10FFFF ? v : v * 16 + (uint32_t)hexval(d);
      any = true, under = false;
      lx->pos++;
    }
    lx->pos++;
    if (v >= 0x110000 || (v >= 0xD800 && v < 0xE000))
      diag_error(lx->src, at, "escape \\u{%X} is not a Unicode scalar value", v);
    return v;
  }
  default:
    if (hexval(c) >= 0 && hexval(peekc(lx, 0)) >= 0) {
      uint32_t v = (uint32_t)(hexval(c) * 16 + hexval(peekc(lx, 0)));
      lx->pos++;
      *is_byte = true;
      return v;
    }
  }
  diag_error(lx->src, at, "invalid escape sequence in string");
}

/* Scan a string starting at the opening quote; checks escapes and UTF-8. */
static void scan_string(struct lexer *lx) {
  size_t start = lx->pos;
  const uint8_t *d = lx->src->data;
  lx->pos++;
  for (;;) {
    if (lx->pos >= lx->end) diag_error(lx->src, start, "unterminated string");
    uint8_t c = d[lx->pos];
    if (c == '"') {
      lx->pos++;
      return;
    }
    if (c == '\n') diag_error(lx->src, start, "unterminated string (newline in string)");
    if (c < 0x20 || c == 0x7F)
      diag_error(lx->src, lx->pos, "control character 0x%02x in string", c);
    if (c == '\\') {
      bool is_byte;
      lx->pos++;
      escape(lx, &is_byte);
      continue;
    }
    size_t n = utf8_len(d + lx->pos, lx->end - lx->pos);
    if (!n) diag_error(lx->src, lx->pos, "malformed UTF-8 encoding");
    lx->pos += n;
  }
}

/* Syntax of num / hexnum (digits with single underscores between them) at
 * s[*i]; advances *i and returns false if there is not at least one digit. */
static bool digits(const char *s, size_t n, size_t *i, bool hex) {
  size_t start = *i;
  while (*i < n) {
    int c = (unsigned char)s[*i];
    bool ok = hex ? hexval(c) >= 0 : (c >= '0' && c <= '9');
    if (ok) {
      (*i)++;
      continue;
    }
    if (c == '_' && *i > start && *i + 1 < n) {
      int d = (unsigned char)s[*i + 1];
      if (hex ? hexval(d) >= 0 : (d >= '0' && d <= '9')) {
        (*i)++;
        continue;
      }
    }
    break;
  }
  return *i > start;
}

enum numkind { NUM_NONE, NUM_INT, NUM_FLOAT };

/* Classify s[0..n) as an integer literal, a float literal, or neither. */
static enum numkind classify(const char *s, size_t n) {
  size_t i = 0;
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  if (n - i == 3 && memcmp(s + i, "inf", 3) == 0) return NUM_FLOAT;
  if (n - i == 3 && memcmp(s + i, "nan", 3) == 0) return NUM_FLOAT;
  if (n - i > 6 && memcmp(s + i, "nan:0x", 6) == 0) {
    i += 6;
    return digits(s, n, &i, true) && i == n ? NUM_FLOAT : NUM_NONE;
  }
  bool hex = n - i > 2 && s[i] == '0' && s[i + 1] == 'x';
  if (hex) i += 2;
  if (!digits(s, n, &i, hex)) return NUM_NONE;
  if (i == n) return NUM_INT;
  if (s[i] == '.') {
    i++;
    if (i < n && (hex ? hexval((unsigned char)s[i]) >= 0 : (s[i] >= '0' && s[i] <= '9')))
      digits(s, n, &i, hex);
  }
  if (i < n && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (!digits(s, n, &i, false)) return NUM_NONE;
  }
  return i == n ? NUM_FLOAT : NUM_NONE;
}

/* The id of an annotation whose "(@" is at lx->pos: an idchar run or a
 * non-empty string that is a valid UTF-8 name (annotations proposal). */
static void annotation_id(struct lexer *lx) {
  size_t start = lx->pos;
  lx->pos += 2;
  if (peekc(lx, 0) == '"') {
    size_t s = lx->pos;
    scan_string(lx);
    struct arena a = {0};
    struct bytes b = lex_string(&a, lx, (struct token){TOK_STRING, s, lx->pos - s});
    bool empty = b.len == 0, valid = lex_utf8_check(b.data, b.len) == b.len;
    arena_free(&a);
    if (empty) diag_error(lx->src, start, "empty annotation id");
    if (!valid) diag_error(lx->src, s, "malformed UTF-8 encoding in annotation id");
    return;
  }
  size_t n = 0;
  while (is_idchar(peekc(lx, n))) n++;
  if (n == 0) diag_error(lx->src, start, "empty annotation id");
  lx->pos += n;
}

static struct token next_token(struct lexer *lx);

/* Skip the annotation (@id ...) whose "(@" is at lx->pos: any tokens with
 * balanced parentheses (inside, "(@" is just '(' and a token). */
static void skip_annotation(struct lexer *lx) {
  size_t start = lx->pos;
  annotation_id(lx);
  for (int depth = 1; depth > 0;) {
    struct token t = next_token(lx);
    if (t.kind == TOK_EOF) diag_error(lx->src, start, "unclosed annotation");
    depth += t.kind == TOK_LPAR ? 1 : t.kind == TOK_RPAR ? -1 : 0;
  }
}

/* $"..." (WebAssembly 3.0): an identifier whose name is the string's bytes,
 * which must be valid UTF-8 and not empty. */
static void quoted_id(const struct lexer *lx, struct token *t) {
  struct arena scratch = {0};
  struct bytes name = lex_string(&scratch, lx, (struct token){TOK_STRING, t->pos + 1, t->len - 1});
  bool utf8 = true;
  for (uint32_t i = 0; i < name.len && utf8;) {
    size_t n = utf8_len(name.data + i, name.len - i);
    utf8 = n != 0;
    i += (uint32_t)n;
  }
  uint32_t len = name.len;
  arena_free(&scratch);
  if (!len) diag_error(lx->src, t->pos, "empty identifier");
  if (!utf8) diag_error(lx->src, t->pos, "malformed UTF-8 encoding in identifier");
  t->kind = TOK_ID;
}

struct token lex_next(struct lexer *lx) {
  for (skip_space(lx); peekc(lx, 0) == '(' && peekc(lx, 1) == '@'; skip_space(lx))
    skip_annotation(lx);
  return next_token(lx);
}

/* The next token, after white space and comments (annotations are tokens). */
static struct token next_token(struct lexer *lx) {
  struct token t;
  skip_space(lx);
  t.pos = lx->pos;
  t.len = 0;
  if (lx->pos >= lx->end) {
    t.kind = TOK_EOF;
    return t;
  }
  const uint8_t *d = lx->src->data;
  int c = d[lx->pos];
  if (c == '(' || c == ')') {
    lx->pos++;
    t.kind = c == '(' ? TOK_LPAR : TOK_RPAR;
    t.len = 1;
    return t;
  }
  size_t strings = 0, others = 0;
  for (;;) {
    c = peekc(lx, 0);
    if (c == '"') {
      scan_string(lx);
      strings++;
    } else if (is_idchar(c) || is_reserved_char(c) || (c == ';' && peekc(lx, 1) != ';')) {
      lx->pos++;
      others++;
    } else {
      break;
    }
  }
  t.len = lx->pos - t.pos;
  if (t.len == 0) {
    if (c >= 0x80) {
      size_t n = utf8_len(d + lx->pos, lx->end - lx->pos);
      if (!n) diag_error(lx->src, lx->pos, "malformed UTF-8 encoding");
      diag_error(lx->src, lx->pos, "unexpected character '%.*s'", (int)n,
                 (const char *)d + lx->pos);
    }
    diag_error(lx->src, lx->pos, "unexpected character 0x%02x", (unsigned)c);
  }
  const char *s = (const char *)d + t.pos;
  bool plain = true;
  for (size_t i = 0; i < t.len; i++)
    if (!is_idchar((unsigned char)s[i])) plain = false;
  if (strings == 1 && others == 0) t.kind = TOK_STRING;
  else if (strings == 1 && others == 1 && s[0] == '$' && s[1] == '"') quoted_id(lx, &t);
  else if (!plain || strings) t.kind = TOK_RESERVED;
  else if (s[0] == '$' && t.len > 1) t.kind = TOK_ID;
  else if (classify(s, t.len) != NUM_NONE) t.kind = TOK_NUMBER;
  else if (s[0] >= 'a' && s[0] <= 'z') t.kind = TOK_KEYWORD;
  else t.kind = TOK_RESERVED;
  return t;
}

struct token lex_peek(struct lexer *lx) {
  struct lexer copy = *lx;
  return lex_next(&copy);
}

bool lex_is(const struct lexer *lx, struct token t, const char *kw) {
  size_t n = strlen(kw);
  return t.kind == TOK_KEYWORD && t.len == n && memcmp(lx->src->data + t.pos, kw, n) == 0;
}

struct bytes lex_id(struct arena *a, const struct lexer *lx, struct token t) {
  const uint8_t *s = lx->src->data + t.pos;
  if (t.len < 2 || s[1] != '"') return (struct bytes){(uint8_t *)s, (uint32_t)t.len};
  struct bytes name = lex_string(a, lx, (struct token){TOK_STRING, t.pos + 1, t.len - 1});
  uint8_t *d = arena_alloc(a, (size_t)name.len + 2);
  d[0] = '$';
  memcpy(d + 1, name.data, name.len);
  return (struct bytes){d, name.len + 1};
}

struct bytes lex_string(struct arena *a, const struct lexer *lx, struct token t) {
  struct bytes b;
  const uint8_t *d = lx->src->data;
  /* The decoded form is never longer than the source form. */
  b.data = arena_alloc(a, t.len + 1);
  b.len = 0;
  struct lexer sub = {lx->src, t.pos + 1, t.pos + t.len - 1};
  while (sub.pos < sub.end) {
    uint8_t c = d[sub.pos];
    if (c != '\\') {
      b.data[b.len++] = c;
      sub.pos++;
      continue;
    }
    bool is_byte;
    sub.pos++;
    uint32_t v = escape(&sub, &is_byte);
    if (is_byte || v < 0x80) {
      b.data[b.len++] = (uint8_t)v;
    } else if (v < 0x800) {
      b.data[b.len++] = (uint8_t)(0xC0 | v >> 6);
      b.data[b.len++] = (uint8_t)(0x80 | (v & 0x3F));
    } else if (v < 0x10000) {
      b.data[b.len++] = (uint8_t)(0xE0 | v >> 12);
      b.data[b.len++] = (uint8_t)(0x80 | (v >> 6 & 0x3F));
      b.data[b.len++] = (uint8_t)(0x80 | (v & 0x3F));
    } else {
      b.data[b.len++] = (uint8_t)(0xF0 | v >> 18);
      b.data[b.len++] = (uint8_t)(0x80 | (v >> 12 & 0x3F));
      b.data[b.len++] = (uint8_t)(0x80 | (v >> 6 & 0x3F));
      b.data[b.len++] = (uint8_t)(0x80 | (v & 0x3F));
    }
  }
  return b;
}

size_t lex_utf8_check(const uint8_t *s, size_t n) {
  size_t i = 0;
  for (size_t k; i < n && (k = utf8_len(s + i, n - i)) != 0;) i += k;
  return i;
}

/* ---- numbers ---------------------------------------------------------- */

static const char *tok_text(const struct lexer *lx, struct token t) {
  return (const char *)lx->src->data + t.pos;
}

bool lex_is_int(const struct lexer *lx, struct token t) {
  return t.kind == TOK_NUMBER && classify(tok_text(lx, t), t.len) == NUM_INT;
}

/* Magnitude of an unsigned integer literal s[0..n) (no sign); false on
 * bad syntax or overflow of 64 bits. */
static bool magnitude(const char *s, size_t n, uint64_t *out) {
  size_t i = 0;
  bool hex = n > 2 && s[0] == '0' && s[1] == 'x';
  if (hex) i = 2;
  size_t start = i;
  if (!digits(s, n, &i, hex) || i != n) return false;
  uint64_t v = 0, base = hex ? 16 : 10;
  for (i = start; i < n; i++) {
    if (s[i] == '_') continue;
    uint64_t d = (uint64_t)hexval((unsigned char)s[i]);
    if (v > (UINT64_MAX - d) / base) return false;
    v = v * base + d;
  }
  *out = v;
  return true;
}

/* An integer literal of the given bits into *out.  With sign_ok, the spec's
 * sN or uN: -2^(bits-1) .. 2^bits - 1, a '+' only up to 2^(bits-1) - 1; without
 * it, uN only (no sign).  Negative values are stored in two's complement. */
static bool int_literal(const struct lexer *lx, struct token t, unsigned bits, bool sign_ok,
                        uint64_t *out) {
  const char *s = tok_text(lx, t);
  size_t n = t.len;
  if (t.kind != TOK_NUMBER || n == 0) return false;
  char sign = (s[0] == '+' || s[0] == '-') ? s[0] : 0;
  if (sign && !sign_ok) return false;
  uint64_t v;
  if (!magnitude(s + (sign != 0), n - (sign != 0), &v)) return false;
  uint64_t umax = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
  uint64_t half = (uint64_t)1 << (bits - 1);
  if (sign == '-') {
    if (v > half) return false;
    v = (0 - v) & umax;
  } else if (sign == '+') {
    if (v >= half) return false;
  } else if (v > umax) {
    return false;
  }
  *out = v;
  return true;
}

bool lex_u32(const struct lexer *lx, struct token t, uint32_t *out) {
  uint64_t v;
  if (!int_literal(lx, t, 32, false, &v)) return false;
  *out = (uint32_t)v;
  return true;
}

bool lex_u64(const struct lexer *lx, struct token t, uint64_t *out) {
  return int_literal(lx, t, 64, false, out);
}

bool lex_i32(const struct lexer *lx, struct token t, uint32_t *out) {
  uint64_t v;
  if (!int_literal(lx, t, 32, true, &v)) return false;
  *out = (uint32_t)v;
  return true;
}

bool lex_i64(const struct lexer *lx, struct token t, uint64_t *out) {
  return int_literal(lx, t, 64, true, out);
}

/* A float literal to its bits: f32 (in the low 32 bits of *bits) if single,
 * else f64. */
static bool float_literal(const struct lexer *lx, struct token t, bool single, uint64_t *bits) {
  const char *s = tok_text(lx, t);
  size_t n = t.len;
  if (t.kind != TOK_NUMBER || classify(s, n) == NUM_NONE) return false;
  unsigned mant = single ? 23 : 52;
  uint64_t sign = 0, expmask = single ? 0x7F800000u : 0x7FF0000000000000u;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') {
    if (s[0] == '-') sign = single ? 0x80000000u : 0x8000000000000000u;
    i = 1;
  }
  if (n - i == 3 && memcmp(s + i, "inf", 3) == 0) {
    *bits = sign | expmask;
    return true;
  }
  if (n - i >= 3 && memcmp(s + i, "nan", 3) == 0) {
    uint64_t payload = (uint64_t)1 << (mant - 1);
    if (n - i > 3 && (!magnitude(s + i + 4, n - i - 4, &payload) || payload == 0 ||
                      payload >= (uint64_t)1 << mant))
      return false;
    *bits = sign | expmask | payload;
    return true;
  }
  /* Normalize: drop underscores; strtod/strtof are correctly rounded in
   * glibc for both decimal and hexadecimal input. */
  char small[128];
  char *buf = n < sizeof small ? small : malloc(n + 1);
  if (!buf) return false;
  size_t k = 0;
  for (size_t j = 0; j < n; j++)
    if (s[j] != '_') buf[k++] = s[j];
  buf[k] = '\0';
  bool ok = true;
  if (single) {
    float f = strtof(buf, NULL);
    uint32_t b;
    memcpy(&b, &f, 4);
    ok = !isinf(f);
    *bits = b;
  } else {
    double f = strtod(buf, NULL);
    uint64_t b;
    memcpy(&b, &f, 8);
    ok = !isinf(f);
    *bits = b;
  }
  if (buf != small) free(buf);
  return ok;
}

bool lex_f32(const struct lexer *lx, struct token t, uint32_t *bits) {
  uint64_t b;
  if (!float_literal(lx, t, true, &b)) return false;
  *bits = (uint32_t)b;
  return true;
}

bool lex_f64(const struct lexer *lx, struct token t, uint64_t *bits) {
  return float_literal(lx, t, false, bits);
}

/* ---- v128.const lanes ------------------------------------------------- */

unsigned lex_v128_shape(const struct lexer *lx, struct token t, bool *is_float) {
  static const struct {
    const char *name;
    unsigned lanes;
    bool f;
  } shapes[] = {
      {"i8x16", 16, false}, {"i16x8", 8, false}, {"i32x4", 4, false},
      {"i64x2", 2, false},  {"f32x4", 4, true},  {"f64x2", 2, true},
  };
  for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
    if (t.kind == TOK_KEYWORD && lex_is(lx, t, shapes[i].name)) {
      *is_float = shapes[i].f;
      return shapes[i].lanes;
    }
  return 0;
}

bool lex_v128_lane(const struct lexer *lx, struct token t, unsigned lanes, bool is_float,
                   uint8_t *out) {
  unsigned width = 16 / lanes;
  uint64_t bits;
  bool ok;
  if (is_float) ok = float_literal(lx, t, width == 4, &bits);
  else ok = int_literal(lx, t, 8 * width, true, &bits);
  if (ok)
    for (unsigned k = 0; k < width; k++) out[k] = (uint8_t)(bits >> (8 * k));
  return ok;
}
