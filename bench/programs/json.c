/* json.c - bench program: a JSON parser, tree and serializer.
 *
 * Each round generates a JSON document (an array of records: integers,
 * doubles printed in several formats, strings with escapes and \u sequences
 * including surrogate pairs, nested objects and arrays, true/false/null),
 * parses it into a tree (malloc'd nodes, strings unescaped to UTF-8, numbers
 * through strtod), sorts every object's members by key and the records by
 * score (qsort), computes aggregates over the tree, serializes it compactly
 * (snprintf "%.17g" for doubles), parses that text again, checks that the
 * two trees are equal and that serializing again gives the same text, and
 * frees everything.  run(reps) returns a hash of the serialized texts and
 * aggregates.  Doubles are printed and read exactly by both libcs, so
 * native and wasm32 agree. */
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_FULL 8     /* documents at full size */
#define RECORDS 6000    /* records per document at full size */
#define MAX_DEPTH 64

enum jtype { J_NULL, J_FALSE, J_TRUE, J_INT, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jv jv;
typedef struct member member;
struct jv {
  uint8_t type; /* enum jtype */
  union {
    int64_t i; /* J_INT */
    double d;  /* J_NUM */
    struct {
      char *s;      /* J_STR: the UTF-8 bytes, NUL-terminated (malloc'd) */
      uint32_t len; /* J_STR: their length */
    } str;
    struct {
      jv *items;   /* J_ARR: the elements (malloc'd) */
      uint32_t n;  /* J_ARR: how many */
    } arr;
    struct {
      member *m;  /* J_OBJ: the members (malloc'd) */
      uint32_t n; /* J_OBJ: how many */
    } obj;
  };
};
struct member {
  char *key;     /* the key, UTF-8, NUL-terminated (malloc'd) */
  uint32_t klen; /* its length */
  jv val;        /* the value */
};

/* ---------------------------------------------------------------- text buffer */

/* A growing text buffer. */
struct buf {
  char *s;         /* the text, NUL-terminated (malloc'd) */
  size_t len, cap; /* used and allocated bytes */
  int oom;         /* an allocation failed */
};

static void buf_reserve(struct buf *b, size_t more) {
  if (b->len + more + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more + 1) cap *= 2;
  char *p = realloc(b->s, cap);
  if (!p) {
    b->oom = 1;
    return;
  }
  b->s = p;
  b->cap = cap;
}

static void buf_put(struct buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  if (b->oom) return;
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void buf_char(struct buf *b, char c) { buf_put(b, &c, 1); }

static void buf_str(struct buf *b, const char *s) { buf_put(b, s, strlen(s)); }

static void buf_printf_num(struct buf *b, const char *fmt, double d) {
  char tmp[64];
  int n = snprintf(tmp, sizeof tmp, fmt, d);
  if (n > 0 && (size_t)n < sizeof tmp) buf_put(b, tmp, (size_t)n);
}

static void buf_int(struct buf *b, int64_t v) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
  buf_put(b, tmp, (size_t)n);
}

/* ---------------------------------------------------------------- parser */

/* The parser's position in the text. */
struct parser {
  const char *p;   /* the next character */
  const char *end; /* the end of the text */
  int error;       /* the text is not JSON (or out of memory) */
  int depth;       /* nesting of arrays and objects */
};

static void skip_ws(struct parser *ps) {
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r')) ps->p++;
}

static int hex4(struct parser *ps, uint32_t *v) {
  if (ps->end - ps->p < 4) return 0;
  *v = 0;
  for (int i = 0; i < 4; i++) {
    char c = *ps->p++;
    uint32_t d = c >= '0' && c <= '9' ? (uint32_t)(c - '0')
                 : c >= 'a' && c <= 'f' ? (uint32_t)(c - 'a' + 10)
                 : c >= 'A' && c <= 'F' ? (uint32_t)(c - 'A' + 10)
                                        : 16;
    if (d == 16) return 0;
    *v = *v << 4 | d;
  }
  return 1;
}

/* Code point c as UTF-8 at u; returns the bytes written (1-4). */
static int put_utf8(char *u, uint32_t c) {
  if (c < 0x80) {
    u[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    u[0] = (char)(0xc0 | c >> 6);
    u[1] = (char)(0x80 | (c & 0x3f));
    return 2;
  }
  if (c < 0x10000) {
    u[0] = (char)(0xe0 | c >> 12);
    u[1] = (char)(0x80 | (c >> 6 & 0x3f));
    u[2] = (char)(0x80 | (c & 0x3f));
    return 3;
  }
  u[0] = (char)(0xf0 | c >> 18);
  u[1] = (char)(0x80 | (c >> 12 & 0x3f));
  u[2] = (char)(0x80 | (c >> 6 & 0x3f));
  u[3] = (char)(0x80 | (c & 0x3f));
  return 4;
}

/* A string after its opening quote, unescaped into a new malloc'd string.
 * Unescaping never lengthens it, so the raw length bounds the result. */
static char *parse_string(struct parser *ps, uint32_t *len) {
  const char *q = ps->p;
  while (q < ps->end && *q != '"') q += *q == '\\' ? 2 : 1;
  if (q >= ps->end) {
    ps->error = 1;
    return NULL;
  }
  char *s = malloc((size_t)(q - ps->p) + 1), *o = s;
  if (!s) {
    ps->error = 1;
    return NULL;
  }
  while (ps->p < q) {
    unsigned char c = (unsigned char)*ps->p++;
    if (c < 0x20) break;
    if (c != '\\') {
      *o++ = (char)c;
      continue;
    }
    char e = *ps->p++;
    uint32_t u;
    if (e == '"' || e == '\\' || e == '/') *o++ = e;
    else if (e == 'b') *o++ = '\b';
    else if (e == 'f') *o++ = '\f';
    else if (e == 'n') *o++ = '\n';
    else if (e == 'r') *o++ = '\r';
    else if (e == 't') *o++ = '\t';
    else if (e != 'u' || !hex4(ps, &u)) break;
    else {
      if (u >= 0xd800 && u < 0xdc00) { /* a high surrogate: its low half must follow */
        uint32_t lo;
        if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u') break;
        ps->p += 2;
        if (!hex4(ps, &lo) || lo < 0xdc00 || lo >= 0xe000) break;
        u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
      } else if (u >= 0xdc00 && u < 0xe000) {
        break;
      }
      o += put_utf8(o, u);
    }
  }
  if (ps->p != q) {
    free(s);
    ps->error = 1;
    return NULL;
  }
  ps->p = q + 1;
  *o = '\0';
  *len = (uint32_t)(o - s);
  return s;
}

static void parse_value(struct parser *ps, jv *v);

static int parse_number(struct parser *ps, jv *v) {
  const char *start = ps->p, *q = ps->p;
  int integral = 1;
  if (q < ps->end && *q == '-') q++;
  if (q >= ps->end || *q < '0' || *q > '9') return 0;
  if (*q == '0') q++;
  else while (q < ps->end && *q >= '0' && *q <= '9') q++;
  if (q < ps->end && *q == '.') {
    integral = 0;
    q++;
    if (q >= ps->end || *q < '0' || *q > '9') return 0;
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  }
  if (q < ps->end && (*q == 'e' || *q == 'E')) {
    integral = 0;
    q++;
    if (q < ps->end && (*q == '+' || *q == '-')) q++;
    if (q >= ps->end || *q < '0' || *q > '9') return 0;
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  }
  if (integral && q - start <= 18) { /* fits in int64 */
    const char *d = start + (*start == '-');
    int64_t x = 0;
    while (d < q) x = x * 10 + (*d++ - '0');
    v->type = J_INT;
    v->i = *start == '-' ? -x : x;
  } else {
    char *e;
    v->type = J_NUM;
    v->d = strtod(start, &e);
    if (e != q) return 0;
  }
  ps->p = q;
  return 1;
}

/* Grow a malloc'd array of elements of size sz to hold n + 1. */
static void *grow(void *items, uint32_t n, uint32_t *cap, size_t sz) {
  if (n < *cap) return items;
  uint32_t c = *cap ? *cap * 2 : 4;
  void *p = realloc(items, c * sz);
  if (p) *cap = c;
  return p;
}

/* After an element of an array or object: 1 if another follows (a comma),
 * 0 at the closing bracket, -1 on anything else. */
static int next_element(struct parser *ps, char close) {
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == ',') {
    ps->p++;
    return 1;
  }
  if (ps->p < ps->end && *ps->p == close) {
    ps->p++;
    return 0;
  }
  return -1;
}

/* At the closing bracket of an empty array or object: skip it and say so. */
static int empty(struct parser *ps, char close) {
  skip_ws(ps);
  if (ps->p >= ps->end || *ps->p != close) return 0;
  ps->p++;
  return 1;
}

static void parse_array(struct parser *ps, jv *v) {
  uint32_t cap = 0;
  *v = (jv){.type = J_ARR, .arr = {NULL, 0}};
  if (empty(ps, ']')) return;
  for (;;) {
    jv *items = grow(v->arr.items, v->arr.n, &cap, sizeof *items);
    if (!items) break;
    v->arr.items = items;
    parse_value(ps, &items[v->arr.n]);
    if (ps->error) return;
    v->arr.n++;
    int more = next_element(ps, ']');
    if (more == 0) return;
    if (more < 0) break;
  }
  ps->error = 1;
}

static void parse_object(struct parser *ps, jv *v) {
  uint32_t cap = 0;
  *v = (jv){.type = J_OBJ, .obj = {NULL, 0}};
  if (empty(ps, '}')) return;
  for (;;) {
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '"') break;
    ps->p++;
    member *m = grow(v->obj.m, v->obj.n, &cap, sizeof *m);
    if (!m) break;
    v->obj.m = m;
    member *e = &m[v->obj.n];
    e->key = parse_string(ps, &e->klen);
    if (!e->key) return;
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ':') {
      free(e->key);
      break;
    }
    ps->p++;
    parse_value(ps, &e->val);
    if (ps->error) {
      free(e->key);
      return;
    }
    v->obj.n++;
    int more = next_element(ps, '}');
    if (more == 0) return;
    if (more < 0) break;
  }
  ps->error = 1;
}

static int literal(struct parser *ps, const char *word, size_t n) {
  if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) return 0;
  ps->p += n;
  return 1;
}

/* One value into *v; on error ps->error is set and *v is J_NULL or a
 * partial tree that free_value can release. */
static void parse_value(struct parser *ps, jv *v) {
  v->type = J_NULL;
  skip_ws(ps);
  if (ps->p >= ps->end || ++ps->depth > MAX_DEPTH) {
    ps->error = 1;
    return;
  }
  char c = *ps->p;
  if (c == '{') {
    ps->p++;
    parse_object(ps, v);
  } else if (c == '[') {
    ps->p++;
    parse_array(ps, v);
  } else if (c == '"') {
    ps->p++;
    v->str.s = parse_string(ps, &v->str.len);
    if (v->str.s) v->type = J_STR;
  } else if (literal(ps, "true", 4)) {
    v->type = J_TRUE;
  } else if (literal(ps, "false", 5)) {
    v->type = J_FALSE;
  } else if (literal(ps, "null", 4)) {
    v->type = J_NULL;
  } else if (!parse_number(ps, v)) {
    v->type = J_NULL;
    ps->error = 1;
  }
  ps->depth--;
}

static void free_value(jv *v) {
  switch (v->type) {
  case J_STR: free(v->str.s); break;
  case J_ARR:
    for (uint32_t i = 0; i < v->arr.n; i++) free_value(&v->arr.items[i]);
    free(v->arr.items);
    break;
  case J_OBJ:
    for (uint32_t i = 0; i < v->obj.n; i++) {
      free(v->obj.m[i].key);
      free_value(&v->obj.m[i].val);
    }
    free(v->obj.m);
    break;
  default: break;
  }
  v->type = J_NULL;
}

/* The whole text as one value; 0 if it is not JSON. */
static int parse(const char *text, size_t len, jv *v) {
  struct parser ps = {text, text + len, 0, 0};
  parse_value(&ps, v);
  skip_ws(&ps);
  if (ps.error || ps.p != ps.end) {
    free_value(v);
    return 0;
  }
  return 1;
}

/* ---------------------------------------------------------------- serializer */

static void write_string(struct buf *b, const char *s, uint32_t len) {
  static const char hex[] = "0123456789abcdef";
  buf_char(b, '"');
  uint32_t run = 0;
  for (uint32_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    buf_put(b, s + run, i - run);
    run = i + 1;
    char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    switch (c) {
    case '"': buf_put(b, "\\\"", 2); break;
    case '\\': buf_put(b, "\\\\", 2); break;
    case '\n': buf_put(b, "\\n", 2); break;
    case '\t': buf_put(b, "\\t", 2); break;
    case '\r': buf_put(b, "\\r", 2); break;
    default: buf_put(b, esc, 6);
    }
  }
  buf_put(b, s + run, len - run);
  buf_char(b, '"');
}

static void write_value(struct buf *b, const jv *v) {
  switch (v->type) {
  case J_NULL: buf_put(b, "null", 4); break;
  case J_FALSE: buf_put(b, "false", 5); break;
  case J_TRUE: buf_put(b, "true", 4); break;
  case J_INT: buf_int(b, v->i); break;
  case J_NUM: {
    size_t at = b->len;
    buf_printf_num(b, "%.17g", v->d);
    /* Keep it a double when read back: "3" would come back as an integer. */
    if (!b->oom && !strpbrk(b->s + at, ".eEn")) buf_put(b, ".0", 2);
    break;
  }
  case J_STR: write_string(b, v->str.s, v->str.len); break;
  case J_ARR:
    buf_char(b, '[');
    for (uint32_t i = 0; i < v->arr.n; i++) {
      if (i) buf_char(b, ',');
      write_value(b, &v->arr.items[i]);
    }
    buf_char(b, ']');
    break;
  case J_OBJ:
    buf_char(b, '{');
    for (uint32_t i = 0; i < v->obj.n; i++) {
      if (i) buf_char(b, ',');
      write_string(b, v->obj.m[i].key, v->obj.m[i].klen);
      buf_char(b, ':');
      write_value(b, &v->obj.m[i].val);
    }
    buf_char(b, '}');
    break;
  }
}

/* ---------------------------------------------------------------- tree work */

static int by_key(const void *a, const void *b) {
  const member *x = a, *y = b;
  return strcmp(x->key, y->key);
}

static void sort_keys(jv *v) {
  if (v->type == J_ARR) {
    for (uint32_t i = 0; i < v->arr.n; i++) sort_keys(&v->arr.items[i]);
  } else if (v->type == J_OBJ) {
    if (v->obj.n > 1) qsort(v->obj.m, v->obj.n, sizeof *v->obj.m, by_key);
    for (uint32_t i = 0; i < v->obj.n; i++) sort_keys(&v->obj.m[i].val);
  }
}

/* The member of object v with the given key (v's members sorted), or NULL. */
static const jv *get(const jv *v, const char *key) {
  if (v->type != J_OBJ) return NULL;
  member probe = {(char *)key, 0, {0}};
  const member *m = bsearch(&probe, v->obj.m, v->obj.n, sizeof *v->obj.m, by_key);
  return m ? &m->val : NULL;
}

static double num(const jv *v) {
  return !v ? 0 : v->type == J_INT ? (double)v->i : v->type == J_NUM ? v->d : 0;
}

/* Records by score, then by id (ids are unique: a total order). */
static int by_score(const void *a, const void *b) {
  double x = num(get(a, "score")), y = num(get(b, "score"));
  if (x != y) return x < y ? -1 : 1;
  int64_t i = get(a, "id")->i, j = get(b, "id")->i;
  return (i > j) - (i < j);
}

static int equal(const jv *a, const jv *b) {
  if (a->type != b->type) return 0;
  switch (a->type) {
  case J_INT: return a->i == b->i;
  case J_NUM: return bench_f64_bits(a->d) == bench_f64_bits(b->d);
  case J_STR: return a->str.len == b->str.len && memcmp(a->str.s, b->str.s, a->str.len) == 0;
  case J_ARR:
    if (a->arr.n != b->arr.n) return 0;
    for (uint32_t i = 0; i < a->arr.n; i++)
      if (!equal(&a->arr.items[i], &b->arr.items[i])) return 0;
    return 1;
  case J_OBJ:
    if (a->obj.n != b->obj.n) return 0;
    for (uint32_t i = 0; i < a->obj.n; i++)
      if (strcmp(a->obj.m[i].key, b->obj.m[i].key) != 0 || !equal(&a->obj.m[i].val, &b->obj.m[i].val))
        return 0;
    return 1;
  default: return 1;
  }
}

/* Totals over a tree, for the checksum. */
struct stats {
  uint64_t nodes;    /* values */
  uint64_t ints;     /* sum of the integers (wrapping) */
  double nums;       /* sum of the doubles, in document order */
  uint64_t strbytes; /* bytes of strings and keys */
  uint64_t strhash;  /* FNV over the strings and keys */
};

static void walk(const jv *v, struct stats *st) {
  st->nodes++;
  switch (v->type) {
  case J_INT: st->ints += (uint64_t)v->i; break;
  case J_NUM: st->nums += v->d; break;
  case J_STR:
    st->strbytes += v->str.len;
    for (uint32_t i = 0; i < v->str.len; i++) st->strhash = (st->strhash ^ (unsigned char)v->str.s[i]) * 0x100000001b3ull;
    break;
  case J_ARR:
    for (uint32_t i = 0; i < v->arr.n; i++) walk(&v->arr.items[i], st);
    break;
  case J_OBJ:
    for (uint32_t i = 0; i < v->obj.n; i++) {
      st->strbytes += v->obj.m[i].klen;
      st->strhash = bench_mix(st->strhash, v->obj.m[i].klen);
      walk(&v->obj.m[i].val, st);
    }
    break;
  default: break;
  }
}

/* ---------------------------------------------------------------- the document */

static const char *const words[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
                                    "hotel", "india", "juliett", "kilo", "lima", "mike", "november"};
#define NWORDS (sizeof words / sizeof *words)

static void gen_string(struct buf *b, uint64_t *s) {
  int n = 1 + (int)(bench_rand(s) % 6);
  buf_char(b, '"');
  for (int i = 0; i < n; i++) {
    uint64_t r = bench_rand(s);
    if (i) buf_char(b, ' ');
    buf_str(b, words[r % NWORDS]);
    switch (r >> 60) {
    case 0: buf_str(b, "\\\"quoted\\\""); break;
    case 1: buf_str(b, "\\u00e9t\\u00e9"); break;       /* été */
    case 2: buf_str(b, "\\ud83d\\ude00"); break;        /* an emoji, as a surrogate pair */
    case 3: buf_str(b, "\\n\\t\\\\\\/"); break;
    case 4: buf_str(b, "\xe2\x82\xac"); break;           /* a raw euro sign */
    case 5: buf_str(b, "\\u0001"); break;
    default: break;
    }
  }
  buf_char(b, '"');
}

/* A document of n records, different for each seed, with keys in no order. */
static void gen_document(struct buf *b, uint32_t n, uint64_t seed) {
  uint64_t s = seed * 0x9E3779B97F4A7C15ull + 7;
  buf_str(b, "[\n");
  for (uint32_t i = 0; i < n; i++) {
    uint64_t r = bench_rand(&s);
    if (i) buf_str(b, ",\n");
    buf_str(b, "  {\"name\": ");
    gen_string(b, &s);
    buf_str(b, ", \"id\": ");
    buf_int(b, (int64_t)i * 7919 % 100003);
    buf_str(b, ", \"score\": ");
    static const char *const fmts[] = {"%.3f", "%.17g", "%g", "%.6e"};
    buf_printf_num(b, fmts[r & 3], (double)(int64_t)(r >> 20 & 0xfffff) / 1024.0 - 300.0);
    buf_str(b, ", \"geo\": {\"lon\": ");
    buf_printf_num(b, "%.7f", (double)(int64_t)(bench_rand(&s) % 3600000000u) / 1e7 - 180.0);
    buf_str(b, ", \"lat\": ");
    buf_printf_num(b, "%.7f", (double)(int64_t)(bench_rand(&s) % 1800000000u) / 1e7 - 90.0);
    buf_str(b, "}, \"tags\": [");
    int ntags = (int)(r >> 8 & 7);
    for (int t = 0; t < ntags; t++) {
      if (t) buf_str(b, ", ");
      gen_string(b, &s);
    }
    buf_str(b, "], \"history\": [");
    int nh = (int)(r >> 12 & 15);
    for (int k = 0; k < nh; k++) {
      if (k) buf_char(b, ',');
      buf_int(b, (int64_t)(bench_rand(&s) % 2000001) - 1000000);
    }
    buf_str(b, "], \"active\": ");
    buf_str(b, r >> 63 ? "true" : "false");
    buf_str(b, ", \"parent\": ");
    if (r >> 62 & 1) buf_str(b, "null");
    else buf_int(b, (int64_t)(r >> 30 & 0xffff));
    buf_str(b, ", \"meta\": {\"rev\": ");
    buf_int(b, (int64_t)(r >> 40 & 0xff));
    buf_str(b, ", \"empty\": {}, \"none\": []}}");
  }
  buf_str(b, "\n]\n");
}

BENCH_ENTRY(json) {
  uint32_t docs = BENCH_REPS(JSON_FULL), records = reps ? 200 : RECORDS;
  uint64_t h = BENCH_MIX_INIT;
  for (uint32_t d = 0; d < docs; d++) {
    struct buf text = {0}, out = {0}, again = {0};
    jv doc, back;
    gen_document(&text, records, d);
    if (text.oom || !parse(text.s, text.len, &doc)) return bench_mix(h, 1);
    sort_keys(&doc);
    if (doc.type == J_ARR) qsort(doc.arr.items, doc.arr.n, sizeof *doc.arr.items, by_score);
    struct stats st = {0, 0, 0, 0, BENCH_MIX_INIT};
    walk(&doc, &st);
    write_value(&out, &doc);
    int ok = !out.oom && parse(out.s, out.len, &back);
    if (ok) {
      ok = equal(&doc, &back);
      write_value(&again, &back);
      ok = ok && !again.oom && again.len == out.len && memcmp(again.s, out.s, out.len) == 0;
      free_value(&back);
    }
    h = bench_mix(h, st.nodes);
    h = bench_mix(h, st.ints);
    h = bench_mix(h, bench_f64_bits(st.nums));
    h = bench_mix(h, st.strbytes);
    h = bench_mix(h, st.strhash);
    h = bench_mix(h, (uint64_t)ok);
    h = bench_mix(h, text.len);
    for (size_t i = 0; i < out.len; i++) h = (h ^ (unsigned char)out.s[i]) * 0x100000001b3ull;
    free_value(&doc);
    free(text.s);
    free(out.s);
    free(again.s);
  }
  return h;
}
