/* emit_names.c - identifiers, C types, literals and the output buffer of the back end.
 *
 * Mangling (emit_mangle): any byte string becomes a C identifier fragment, and
 * distinct strings give distinct fragments, while ordinary names stay readable:
 *   - a "plain" name, a letter or '_' followed by letters, digits and '_' and
 *     not starting with "Z_", stays as it is ("add_five" -> "add_five",
 *     "_start" -> "_start");
 *   - any other name becomes "Z_" followed by its escaped bytes: letters and
 *     digits stay, '_' becomes "__", any other byte '_' and two upper-case hex
 *     digits ("*" + "/" -> "Z__2A_2F", "" -> "Z_", "1x" -> "Z_1x").
 * Plain outputs never start with "Z_" and escaped ones always do, and the
 * escaped tail decodes uniquely, so the mapping is injective.  Fragments are
 * always appended to something ("L3_", "f2_", the module prefix "X_").  The
 * emitter's own file-scope names are X "__" NAME with NAME never starting
 * with '_': an export's X "_" fragment can only meet them when the fragment
 * is '_' + one of those NAMEs, and emit_export_fragment escapes exactly those.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* ---- names ---- */

static bool is_alnum(uint8_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_plain(const uint8_t *s, size_t len) {
  if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
    return false;
  if (len >= 2 && s[0] == 'Z' && s[1] == '_') return false;
  for (size_t i = 1; i < len; i++)
    if (!is_alnum(s[i]) && s[i] != '_') return false;
  return true;
}

/* The escaped form of s: "Z_" and its bytes escaped. */
static char *escape(struct arena *a, const uint8_t *s, size_t len) {
  static const char hex[] = "0123456789ABCDEF";
  char *out = arena_alloc(a, len * 3 + 3);
  size_t n = 0;
  out[n++] = 'Z';
  out[n++] = '_';
  for (size_t i = 0; i < len; i++) {
    uint8_t c = s[i];
    if (is_alnum(c)) {
      out[n++] = (char)c;
    } else if (c == '_') {
      out[n++] = '_';
      out[n++] = '_';
    } else {
      out[n++] = '_';
      out[n++] = hex[c >> 4];
      out[n++] = hex[c & 15];
    }
  }
  out[n] = '\0';
  return out;
}

char *emit_mangle(struct arena *a, const uint8_t *s, size_t len) {
  return is_plain(s, len) ? arena_strndup(a, (const char *)s, len) : escape(a, s, len);
}

/* Whether name (after an export's leading '_') could be one of the emitter's
 * own X "__" NAME identifiers (emit.c, emit_code.c): the fixed ones, and the
 * families tramp_*, data*, call*, run*, f<digit>*. */
static bool internal_name(const uint8_t *s, size_t len) {
  static const char *const fixed[] = {"instance", "init",       "free",      "imports", "exports",
                                      "func_types", "type_sigs", "trampolines"};
  static const char *const families[] = {"tramp_", "data", "call", "run"};
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
    if (len == strlen(fixed[i]) && memcmp(s, fixed[i], len) == 0) return true;
  for (size_t i = 0; i < sizeof families / sizeof *families; i++)
    if (len >= strlen(families[i]) && memcmp(s, families[i], strlen(families[i])) == 0) return true;
  return len >= 2 && s[0] == 'f' && s[1] >= '0' && s[1] <= '9';
}

char *emit_export_fragment(struct arena *a, const uint8_t *s, size_t len) {
  if (len > 0 && s[0] == '_' && internal_name(s + 1, len - 1)) return escape(a, s, len);
  return emit_mangle(a, s, len);
}

/* ---- types ---- */

const char *emit_ctype(enum valtype t) {
  switch (vt_storage(t)) {
  case VT_I32: return "uint32_t";
  case VT_I64: return "uint64_t";
  case VT_F32: return "float";
  case VT_F64: return "double";
  case VT_FUNCREF:
  case VT_EXTERNREF: return "w2l_ref";
  case VT_V128: return "w2l_v128";
  default: break;
  }
  diag_error(NULL, 0, "emit: value type %s is not supported yet", valtype_name(t));
}

const char *emit_zero(enum valtype t) {
  if (valtype_is_ref(t)) return "W2L_NULL_REF";
  return t == VT_V128 ? "W2L_V128_ZERO" : "0";
}

void emit_v128_literal(struct ebuf *b, const uint8_t *v) {
  emit_put(b, "(w2l_v128){{");
  for (int i = 0; i < 16; i++) emit_printf(b, "%s0x%02x", i ? ", " : "", v[i]);
  emit_put(b, "}}");
}

const char *emit_value_member(enum valtype t) {
  return valtype_is_ref(t) ? "ref" : valtype_name(t);
}

char *emit_sig(struct arena *a, const struct functype *ft) {
  char *s = arena_alloc(a, ft->nparams + ft->nresults + 2);
  size_t n = 0;
  for (uint32_t i = 0; i < ft->nparams; i++) s[n++] = valtype_letter(ft->params[i]);
  s[n++] = ':';
  for (uint32_t i = 0; i < ft->nresults; i++) s[n++] = valtype_letter(ft->results[i]);
  s[n] = '\0';
  return s;
}

const char *emit_return_type(struct emitter *e, uint32_t typeidx) {
  const struct functype *ft = &e->m->types[typeidx];
  if (ft->nresults == 0) return "void";
  if (ft->nresults == 1) return emit_ctype(ft->results[0]);
  return e->type_structs[typeidx];
}

const char *emit_runtime_sig(struct emitter *e, uint32_t typeidx) {
  const char *sig = emit_sig(e->arena, &e->m->types[typeidx]);
  const char *key = e->m->type_keys[typeidx];
  if (!strpbrk(key, "nN")) return sig; /* no typed reference: the letters say it all */
  struct ebuf b;
  emit_init_buf(&b, e->arena);
  emit_printf(&b, "%s|%s", sig, key);
  return b.data;
}

bool emit_same_ctypes(const struct emitter *e, uint32_t a, uint32_t b) {
  const struct functype *x = &e->m->types[a], *y = &e->m->types[b];
  if (x->nparams != y->nparams || x->nresults != y->nresults) return false;
  for (uint32_t i = 0; i < x->nparams; i++)
    if (vt_storage(x->params[i]) != vt_storage(y->params[i])) return false;
  for (uint32_t i = 0; i < x->nresults; i++)
    if (vt_storage(x->results[i]) != vt_storage(y->results[i])) return false;
  return true;
}

char *emit_sig_name(struct emitter *e, const char *tag, uint32_t typeidx) {
  char *sig = emit_sig(e->arena, &e->m->types[typeidx]);
  *strchr(sig, ':') = '_';
  struct ebuf b;
  emit_init_buf(&b, e->arena);
  emit_printf(&b, "%s__%s_%s", e->prefix, tag, sig);
  return b.data;
}

void emit_fnptr_type(struct emitter *e, struct ebuf *b, uint32_t typeidx) {
  const struct functype *ft = &e->m->types[typeidx];
  emit_printf(b, "%s (*)(void *", emit_return_type(e, typeidx));
  for (uint32_t i = 0; i < ft->nparams; i++) emit_printf(b, ", %s", emit_ctype(ft->params[i]));
  emit_put(b, ")");
}

/* ---- literals and comments ---- */

void emit_string_literal(struct ebuf *b, const uint8_t *s, size_t len) {
  emit_reserve(b, len * 4 + 2);
  b->data[b->len++] = '"';
  for (size_t i = 0; i < len; i++) {
    uint8_t c = s[i];
    /* '?' is escaped so that no trigraph can form; digits after an octal
     * escape are safe because octal escapes are always three digits. */
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?') {
      b->data[b->len++] = (char)c;
    } else {
      b->len += (size_t)snprintf(b->data + b->len, 5, "\\%03o", c);
    }
  }
  b->data[b->len++] = '"';
  b->data[b->len] = '\0';
}

void emit_comment_text(struct ebuf *b, const uint8_t *s, size_t len) {
  emit_reserve(b, len * 4);
  for (size_t i = 0; i < len; i++) {
    uint8_t c = s[i];
    uint8_t next = i + 1 < len ? s[i + 1] : 0;
    /* no comment end or start, no trigraph, and \ only for our escapes */
    bool plain = c >= 0x20 && c < 0x7F && c != '\\' && !(c == '?' && next == '?') &&
                 !(c == '*' && next == '/') && !(c == '/' && next == '*');
    if (plain) b->data[b->len++] = (char)c;
    else b->len += (size_t)snprintf(b->data + b->len, 5, "\\x%02X", c);
  }
  b->data[b->len] = '\0';
}

void emit_functype_text(struct ebuf *b, const struct functype *ft) {
  emit_put(b, "(");
  for (uint32_t i = 0; i < ft->nparams; i++)
    emit_printf(b, "%s%s", i ? ", " : "", valtype_name(ft->params[i]));
  emit_put(b, ") -> (");
  for (uint32_t i = 0; i < ft->nresults; i++)
    emit_printf(b, "%s%s", i ? ", " : "", valtype_name(ft->results[i]));
  emit_put(b, ")");
}

/* Finite values as the shortest decimal that reads back exactly; infinities
 * and NaNs by their bit pattern (C has no literal that keeps a NaN payload). */
/* x with the given significant digits as a C floating literal ("1.0", "2.5e-07"). */
static void decimal(char *text, size_t size, double x, int digits) {
  snprintf(text, size, "%.*g", digits, x);
  if (!strpbrk(text, ".en")) strcat(text, ".0"); /* 1 -> 1.0: a floating literal */
}

/* Finding the shortest decimal takes up to 17 snprintf and strtod pairs, and
 * modules repeat their constants (0.5, 2147483648.0, ...): the text of the
 * last constant of each slot, by bit pattern and width (a pure function's
 * memo, so the output does not depend on it). */
#define MEMO_SLOTS 1024
static struct {
  uint64_t key;  /* the constant's bits */
  bool used;     /* the slot holds a text */
  bool is_f32;   /* for an f32 (key is then the 32 bits) */
  char text[40]; /* the literal, as emitted */
} memo[MEMO_SLOTS];

static unsigned memo_slot(uint64_t bits, bool is_f32) {
  return (unsigned)(((bits ^ is_f32) * UINT64_C(0x9E3779B97F4A7C15)) >> 54) & (MEMO_SLOTS - 1);
}

/* Whether text reads back as the f32 (is_f32) or f64 of these bits. */
static bool reads_back(const char *text, uint64_t bits, bool is_f32) {
  if (is_f32) {
    float back = strtof(text, NULL);
    uint32_t b;
    memcpy(&b, &back, 4);
    return b == (uint32_t)bits;
  }
  double back = strtod(text, NULL);
  uint64_t b;
  memcpy(&b, &back, 8);
  return b == bits;
}

/* The literal of a finite f32 ("0.1f") or f64 ("0.1"): the shortest decimal
 * that reads back, from the memo when it is there. */
static const char *shortest_literal(uint64_t bits, bool is_f32) {
  unsigned slot = memo_slot(bits, is_f32);
  if (memo[slot].used && memo[slot].is_f32 == is_f32 && memo[slot].key == bits)
    return memo[slot].text;
  double x;
  if (is_f32) {
    float f;
    uint32_t b = (uint32_t)bits;
    memcpy(&f, &b, 4);
    x = f;
  } else {
    memcpy(&x, &bits, 8);
  }
  char text[32]; /* at most "-2.2250738585072014e-308" */
  for (int digits = 1; digits <= (is_f32 ? 9 : 17); digits++) {
    decimal(text, sizeof text, x, digits);
    if (reads_back(text, bits, is_f32)) break;
  }
  snprintf(memo[slot].text, sizeof memo[slot].text, "%s%s", text, is_f32 ? "f" : "");
  memo[slot].key = bits, memo[slot].used = true, memo[slot].is_f32 = is_f32;
  return memo[slot].text;
}

void emit_f32_literal(struct ebuf *b, uint32_t bits) {
  if ((bits & 0x7F800000u) == 0x7F800000u)
    emit_printf(b, "w2l_f32_reinterpret_i32(0x%08" PRIX32 "u)", bits);
  else emit_put(b, shortest_literal(bits, true));
}

void emit_f64_literal(struct ebuf *b, uint64_t bits) {
  if ((bits & UINT64_C(0x7FF0000000000000)) == UINT64_C(0x7FF0000000000000))
    emit_printf(b, "w2l_f64_reinterpret_i64(UINT64_C(0x%016" PRIX64 "))", bits);
  else emit_put(b, shortest_literal(bits, false));
}
