/* wat.c - the text format: module fields, names and type uses.
 *
 * Two passes over the module's fields.  Pass 1 (scan) assigns every
 * function, table, memory, global, type, elem and data segment its index and
 * records its $name, and reads the explicit types, so pass 2 (parse) can
 * resolve forward references and append implicit types after explicit ones.
 * Instructions are in wat_instr.c.
 */
#include <string.h>

#include "wat.h"

/* Words for each index space: in "unknown ..." and "duplicate ..." messages. */
static const char *const space_word[SP_COUNT] = {
    "function", "table", "memory", "global", "tag", "type", "elem segment", "data segment"};
static const char *const space_dup[SP_COUNT] = {"func", "table", "memory", "global",
                                                "tag",  "type",  "elem",   "data"};

/* ---- tokens ------------------------------------------------------------ */

void wat_next(struct parser *p) { p->tok = lex_next(&p->lx); }

struct token wat_peek(struct parser *p) {
  return lex_peek(&p->lx);
}

bool wat_is(struct parser *p, struct token t, const char *kw) { return lex_is(&p->lx, t, kw); }

bool wat_at_field(struct parser *p, const char *kw) {
  return p->tok.kind == TOK_LPAR && wat_is(p, wat_peek(p), kw);
}

_Noreturn void wat_unexpected(struct parser *p, struct token t, const char *expected) {
  if (t.kind == TOK_EOF)
    diag_error(p->src, t.pos, "unexpected end of input, expected %s", expected);
  size_t n = t.len > 60 ? 60 : t.len;
  diag_error(p->src, t.pos, "unexpected token \"%.*s%s\", expected %s", (int)n,
             (const char *)p->src->data + t.pos, n < t.len ? "..." : "", expected);
}

void wat_expect(struct parser *p, enum tok_kind kind, const char *what) {
  if (p->tok.kind != kind) wat_unexpected(p, p->tok, what);
  wat_next(p);
}

void wat_expect_rpar(struct parser *p) { wat_expect(p, TOK_RPAR, "\")\""); }

/* Consume "(" kw. */
_Noreturn static void unclosed(struct parser *p, size_t pos);

static void open_field(struct parser *p) {
  wat_next(p);
  wat_next(p);
}

const char *wat_name(struct parser *p, struct token t) {
  struct bytes id = lex_id(p->a, &p->lx, t);
  return arena_strndup(p->a, (const char *)id.data + 1, id.len - 1);
}

/* ---- $name maps -------------------------------------------------------- */

struct name_entry *wat_map_find(struct namemap *m, const char *s, size_t n) {
  if (!m->cap) return NULL;
  for (uint32_t i = hash_bytes(s, n) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    struct name_entry *e = &m->slots[i];
    if (!e->s) return e;
    if (e->len == n && memcmp(e->s, s, n) == 0) return e;
  }
}

/* Bind $name token t to idx; duplicates are errors ("duplicate func $f"). */
static void map_put(struct parser *p, struct namemap *m, struct token t, uint32_t idx,
                    const char *what) {
  struct bytes id = lex_id(p->a, &p->lx, t);
  const char *s = (const char *)id.data;
  if (m->count * 2 >= m->cap) {
    struct namemap old = *m;
    m->cap = m->cap ? m->cap * 2 : 16;
    m->slots = arena_array(p->a, m->cap, sizeof *m->slots);
    m->count = 0;
    for (uint32_t i = 0; i < old.cap; i++)
      if (old.slots[i].s) {
        *wat_map_find(m, old.slots[i].s, old.slots[i].len) = old.slots[i];
        m->count++;
      }
  }
  struct name_entry *e = wat_map_find(m, s, id.len);
  if (e->s) diag_error(p->src, t.pos, "duplicate %s %.*s", what, (int)id.len, s);
  e->s = s;
  e->len = id.len;
  e->idx = idx;
  e->pos = (uint32_t)t.pos;
  m->count++;
}

size_t wat_distance(const char *a, size_t n, const char *b, size_t m) {
  size_t row[65];
  if (n > 64 || m > 64) return SIZE_MAX;
  for (size_t j = 0; j <= m; j++) row[j] = j;
  for (size_t i = 1; i <= n; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[m];
}

_Noreturn void wat_unknown_name(struct parser *p, const struct namemap *m, struct token t,
                                const char *what) {
  const char *s = (const char *)p->src->data + t.pos;
  const struct name_entry *best = NULL;
  size_t best_d = 3;
  for (uint32_t i = 0; i < m->cap; i++) {
    const struct name_entry *e = &m->slots[i];
    if (!e->s) continue;
    size_t d = wat_distance(s, t.len, e->s, e->len);
    if (d < best_d || (d == best_d && best && e->idx < best->idx)) best = e, best_d = d;
  }
  if (best && best_d < t.len / 2 + 1)
    diag_error(p->src, t.pos, "unknown %s %.*s; did you mean %.*s?", what, (int)t.len, s,
               (int)best->len, best->s);
  diag_error(p->src, t.pos, "unknown %s %.*s", what, (int)t.len, s);
}

static uint32_t resolve_in(struct parser *p, struct namemap *m, struct token t, const char *what) {
  if (t.kind == TOK_ID) {
    struct bytes id = lex_id(p->a, &p->lx, t);
    struct name_entry *e = wat_map_find(m, (const char *)id.data, id.len);
    if (!e || !e->s) wat_unknown_name(p, m, t, what);
    return e->idx;
  }
  uint32_t v;
  if (t.kind == TOK_NUMBER && lex_u32(&p->lx, t, &v)) return v;
  if (t.kind == TOK_NUMBER && lex_is_int(&p->lx, t))
    diag_error(p->src, t.pos, "%s index out of range", what);
  char buf[64];
  snprintf(buf, sizeof buf, "a %s index or $name", what);
  wat_unexpected(p, t, buf);
}

bool wat_at_index(struct parser *p) {
  return p->tok.kind == TOK_ID || (p->tok.kind == TOK_NUMBER && lex_is_int(&p->lx, p->tok));
}

uint32_t wat_index(struct parser *p, enum space sp) {
  uint32_t v = resolve_in(p, &p->names[sp], p->tok, space_word[sp]);
  wat_next(p);
  return v;
}

/* ---- types ------------------------------------------------------------- */

/* Note a legacy spelling once per parse. */
static void legacy_note(struct parser *p, struct token t, unsigned bit, const char *now) {
  if (p->legacy_noted & ((uint64_t)1 << bit)) return;
  p->legacy_noted |= (uint64_t)1 << bit;
  diag_note(p->src, t.pos, "\"%.*s\" is a legacy spelling; write \"%s\"", (int)t.len,
            (const char *)p->src->data + t.pos, now);
}

bool wat_valtype(struct parser *p, struct token t, enum valtype *out) {
  static const struct {
    const char *name;
    enum valtype vt;
  } types[] = {
      {"i32", VT_I32},
      {"i64", VT_I64},
      {"f32", VT_F32},
      {"f64", VT_F64},
      {"v128", VT_V128},
      {"funcref", VT_FUNCREF},
      {"externref", VT_EXTERNREF},
      {"anyfunc", VT_FUNCREF},
      {"nullfuncref", VT_PACK(true, HT_NOFUNC)},
      {"nullexternref", VT_PACK(true, HT_NOEXTERN)},
      {"exnref", VT_PACK(true, HT_EXN)},
      {"nullexnref", VT_PACK(true, HT_NOEXN)},
  };
  for (size_t i = 0; i < sizeof types / sizeof *types; i++)
    if (wat_is(p, t, types[i].name)) {
      if (i == 7) legacy_note(p, t, 63, "funcref");
      *out = types[i].vt;
      return true;
    }
  return false;
}

bool wat_at_valtype(struct parser *p) {
  enum valtype vt;
  return wat_valtype(p, p->tok, &vt) || wat_at_field(p, "ref");
}

bool wat_at_reftype(struct parser *p) {
  enum valtype vt;
  return (wat_valtype(p, p->tok, &vt) && valtype_is_ref(vt)) || wat_at_field(p, "ref");
}

uint32_t wat_heaptype(struct parser *p) {
  static const struct {
    const char *name;
    uint32_t heap;
  } abstract[] = {
      {"func", HT_FUNC},
      {"extern", HT_EXTERN},
      {"nofunc", HT_NOFUNC},
      {"noextern", HT_NOEXTERN},
      {"exn", HT_EXN},
      {"noexn", HT_NOEXN},
  };
  static const char *const gc[] = {"any", "eq", "i31", "struct", "array", "none"};
  for (size_t i = 0; i < sizeof abstract / sizeof *abstract; i++)
    if (wat_is(p, p->tok, abstract[i].name)) {
      wat_next(p);
      return abstract[i].heap;
    }
  for (size_t i = 0; i < sizeof gc / sizeof *gc; i++)
    if (wat_is(p, p->tok, gc[i]))
      diag_error(p->src, p->tok.pos, "heap type %s needs the GC types (not supported yet)", gc[i]);
  if (!wat_at_index(p)) wat_unexpected(p, p->tok, "a heap type (func, extern or a type index)");
  struct token t = p->tok;
  uint32_t idx = wat_index(p, SP_TYPE);
  if (idx >= HT_TYPE_LIMIT) diag_error(p->src, t.pos, "type index %u out of range", idx);
  return HT_TYPE + idx;
}

/* "(ref null? heaptype)", at its "(". */
static enum valtype ref_form(struct parser *p) {
  size_t open = p->tok.pos;
  open_field(p);
  bool nullable = wat_is(p, p->tok, "null");
  if (nullable) wat_next(p);
  enum valtype vt = vt_ref(nullable, wat_heaptype(p));
  if (p->tok.kind != TOK_RPAR) {
    if (p->tok.kind == TOK_EOF) unclosed(p, open);
    wat_unexpected(p, p->tok, "\")\" after the heap type");
  }
  wat_next(p);
  return vt;
}

enum valtype wat_valtype_parse(struct parser *p, const char *expected) {
  enum valtype vt;
  if (wat_at_field(p, "ref")) return ref_form(p);
  if (!wat_valtype(p, p->tok, &vt)) wat_unexpected(p, p->tok, expected);
  wat_next(p);
  return vt;
}

enum valtype wat_reftype(struct parser *p) {
  struct token t = p->tok;
  enum valtype vt = wat_valtype_parse(p, "a reference type (funcref, externref or (ref ...))");
  if (!valtype_is_ref(vt))
    wat_unexpected(p, t, "a reference type (funcref, externref or (ref ...))");
  return vt;
}

static enum valtype valtype(struct parser *p) { return wat_valtype_parse(p, "a value type"); }

/* After (param $x t / (local $x t: anything but ")" is a common mistake. */
static void one_named(struct parser *p, const char *what, const char *noun) {
  if (p->tok.kind == TOK_RPAR) return;
  diag_error(p->src, p->tok.pos,
             "(%s $name type) declares exactly one %s; write one (%s ...) per name", what, noun,
             what);
}

void wat_typeuse_parse(struct parser *p, bool names_ok, struct typeuse *tu) {
  memset(tu, 0, sizeof *tu);
  tu->ft.pos = (uint32_t)p->tok.pos;
  if (wat_at_field(p, "type")) {
    open_field(p);
    tu->has_type = true;
    tu->type_pos = (uint32_t)p->tok.pos;
    tu->typeidx = wat_index(p, SP_TYPE);
    wat_expect_rpar(p);
  }
  uint32_t params_cap = 0, names_cap = 0, results_cap = 0; /* room in the arrays */
  while (wat_at_field(p, "param")) {
    open_field(p);
    tu->nclauses++;
    struct token name = {TOK_EOF, 0, 0};
    if (p->tok.kind == TOK_ID) {
      if (!names_ok) wat_unexpected(p, p->tok, "a value type (no $names here)");
      name = p->tok;
      wat_next(p);
    }
    while (p->tok.kind != TOK_RPAR || name.len) {
      enum valtype vt = valtype(p);
      ARENA_RESERVE(p->a, tu->ft.params, tu->ft.nparams, params_cap, 1);
      ARENA_RESERVE(p->a, tu->names, tu->ft.nparams, names_cap, 1);
      tu->names[tu->ft.nparams] = name;
      tu->ft.params[tu->ft.nparams++] = vt;
      if (name.len) break;
    }
    if (name.len) one_named(p, "param", "parameter");
    wat_expect_rpar(p);
  }
  while (wat_at_field(p, "result")) {
    open_field(p);
    tu->nclauses++;
    while (p->tok.kind != TOK_RPAR) {
      enum valtype vt = valtype(p);
      ARENA_RESERVE(p->a, tu->ft.results, tu->ft.nresults, results_cap, 1);
      tu->ft.results[tu->ft.nresults++] = vt;
    }
    wat_expect_rpar(p);
  }
  if (tu->nclauses && (wat_at_field(p, "param") || wat_at_field(p, "type")))
    wat_unexpected(p, wat_peek(p), "an instruction ((type ...) and (param ...) come first)");
}

uint32_t wat_typeuse_index(struct parser *p, const struct typeuse *tu) {
  struct module *m = p->m;
  if (!tu->has_type) return module_add_type(m, &tu->ft, true);
  /* An unknown (type x) alone is left to the validator ("unknown type"). */
  if (tu->typeidx >= m->ntypes && !tu->nclauses) return tu->typeidx;
  if (tu->typeidx >= m->ntypes) diag_error(p->src, tu->type_pos, "unknown type %u", tu->typeidx);
  if (tu->nclauses && !functype_equal(&m->types[tu->typeidx], &tu->ft))
    diag_error(p->src, tu->type_pos,
               "inline function type does not match the type it names (type %u)", tu->typeidx);
  return tu->typeidx;
}

/* (func (param ...)* (result ...)*) of a type definition. */
static void functype(struct parser *p, struct functype *ft) {
  if (!wat_at_field(p, "func")) wat_unexpected(p, p->tok, "\"(func\"");
  open_field(p);
  struct typeuse tu;
  wat_typeuse_parse(p, true, &tu);
  if (tu.has_type) diag_error(p->src, tu.type_pos, "a type definition cannot use (type ...)");
  *ft = tu.ft;
  wat_expect_rpar(p);
}

/* A size of limits: u32, or u64 for an i64 memory. */
static uint64_t limit_number(struct parser *p, bool i64) {
  uint32_t v;
  uint64_t w;
  if (i64 ? !lex_u64(&p->lx, p->tok, &w) : !lex_u32(&p->lx, p->tok, &v))
    diag_error(p->src, p->tok.pos, "constant out of range");
  wat_next(p);
  return i64 ? w : v;
}

static struct limits limits(struct parser *p, bool memory) {
  struct limits l = {0};
  if (wat_is(p, p->tok, "i64") || wat_is(p, p->tok, "i32")) {
    l.i64 = wat_is(p, p->tok, "i64");
    wat_next(p);
  }
  if (p->tok.kind != TOK_NUMBER)
    wat_unexpected(p, p->tok, l.i64 ? "a size (u64 number)" : "a size (u32 number)");
  l.min = limit_number(p, l.i64);
  if (p->tok.kind == TOK_NUMBER) {
    l.max = limit_number(p, l.i64);
    l.has_max = true;
  }
  if (memory && wat_is(p, p->tok, "shared")) { /* the validator requires a maximum */
    l.shared = true;
    wat_next(p);
  }
  return l;
}

/* A name string ("..."): must be valid UTF-8 once decoded. */
static struct bytes name_string(struct parser *p) {
  if (p->tok.kind != TOK_STRING) wat_unexpected(p, p->tok, "a string");
  struct bytes b = lex_string(p->a, &p->lx, p->tok);
  if (lex_utf8_check(b.data, b.len) < b.len)
    diag_error(p->src, p->tok.pos, "malformed UTF-8 encoding");
  wat_next(p);
  return b;
}

/* ---- pass 1: indices and names ----------------------------------------- */

static enum space space_of(struct parser *p, struct token t) {
  if (wat_is(p, t, "func")) return SP_FUNC;
  if (wat_is(p, t, "table")) return SP_TABLE;
  if (wat_is(p, t, "memory")) return SP_MEM;
  if (wat_is(p, t, "global")) return SP_GLOBAL;
  if (wat_is(p, t, "tag")) return SP_TAG;
  return SP_COUNT;
}

/* Report end of input inside the form opened at pos. */
_Noreturn static void unclosed(struct parser *p, size_t pos) {
  diag_error(p->src, pos, "this \"(\" is never closed (end of input reached)");
}

/* Skip to the ")" closing a form whose "(" (at open) is already consumed. */
static void skip_form(struct parser *p, size_t open) {
  size_t depth = 1, cap = 0;
  size_t *opens = NULL; /* positions of the nested "(" still open */
  for (;;) {
    if (p->tok.kind == TOK_EOF) unclosed(p, depth > 1 ? opens[depth - 2] : open);
    if (p->tok.kind == TOK_LPAR) {
      ARENA_RESERVE(p->a, opens, depth - 1, cap, 1);
      opens[depth++ - 1] = p->tok.pos;
    }
    if (p->tok.kind == TOK_RPAR && --depth == 0) break;
    wat_next(p);
  }
  wat_next(p);
}

/* Record an optional $name for the next index of space sp. */
static void scan_name(struct parser *p, enum space sp) {
  if (p->tok.kind == TOK_ID) {
    map_put(p, &p->names[sp], p->tok, p->counts[sp], space_dup[sp]);
    wat_next(p);
  }
  p->counts[sp]++;
}

struct scan {
  uint32_t nimports, nexports; /* counts for the arrays */
  const char *first_def;       /* kind of the first definition, for "import after" */
};

static void scan_import(struct parser *p, struct scan *s, struct token at) {
  if (s->first_def) diag_error(p->src, at.pos, "import after %s", s->first_def);
  s->nimports++;
}

static void scan_field(struct parser *p, struct scan *s, size_t open) {
  struct token kw = p->tok;
  if (kw.kind != TOK_KEYWORD) wat_unexpected(p, kw, "a module field");
  wat_next(p);
  enum space sp = space_of(p, kw);
  if (wat_is(p, kw, "type")) {
    scan_name(p, SP_TYPE);
    struct functype ft;
    functype(p, &ft);
    ft.pos = (uint32_t)open;
    module_add_type(p->m, &ft, false);
  } else if (wat_is(p, kw, "import")) {
    scan_import(p, s, kw);
    wat_expect(p, TOK_STRING, "a module name string");
    wat_expect(p, TOK_STRING, "an import name string");
    wat_expect(p, TOK_LPAR, "an import description");
    size_t desc = p->tok.pos - 1;
    sp = space_of(p, p->tok);
    if (sp == SP_COUNT) wat_unexpected(p, p->tok, "func, table, memory, global or tag");
    wat_next(p);
    scan_name(p, sp);
    skip_form(p, desc); /* the description; the field's ")" follows */
  } else if (sp != SP_COUNT) {
    scan_name(p, sp);
    while (wat_at_field(p, "export")) {
      size_t open = p->tok.pos;
      s->nexports++;
      open_field(p);
      skip_form(p, open);
    }
    if (wat_at_field(p, "import")) {
      scan_import(p, s, wat_peek(p));
    } else {
      if (!s->first_def) s->first_def = space_word[sp];
      enum valtype vt;
      if (sp == SP_TABLE && wat_is(p, p->tok, "i64") && wat_peek(p).kind != TOK_NUMBER)
        wat_next(p); /* (table i64 funcref (elem ...)) */
      if (sp == SP_TABLE && wat_at_reftype(p)) {
        if (wat_valtype(p, p->tok, &vt)) {
          wat_next(p);
        } else { /* (ref ...): type names are not all known yet */
          size_t open = p->tok.pos;
          open_field(p);
          skip_form(p, open);
        }
        if (wat_at_field(p, "elem")) p->counts[SP_ELEM]++;
      }
      if (sp == SP_MEM && wat_is(p, p->tok, "i64")) wat_next(p); /* (memory i64 (data ...)) */
      if (sp == SP_MEM && wat_at_field(p, "data")) p->counts[SP_DATA]++;
    }
  } else if (wat_is(p, kw, "export")) {
    s->nexports++;
  } else if (wat_is(p, kw, "elem")) {
    scan_name(p, SP_ELEM);
  } else if (wat_is(p, kw, "data")) {
    scan_name(p, SP_DATA);
  } else if (!wat_is(p, kw, "start")) {
    wat_unexpected(p, kw,
                   "a module field (type, import, func, table, memory, global, tag, export, "
                   "start, elem, data)");
  }
  skip_form(p, open);
}

/* ---- pass 2: the fields ------------------------------------------------ */

struct fill {
  uint32_t next[SP_COUNT]; /* next index to fill in each space */
};

static uint32_t add_import(struct parser *p, struct bytes mod, struct bytes field,
                           enum externkind kind, uint32_t index, uint32_t pos) {
  struct import *im = &p->m->imports[p->m->nimports];
  im->module = mod;
  im->field = field;
  im->kind = kind;
  im->index = index;
  im->pos = pos;
  return p->m->nimports++;
}

static void add_export(struct parser *p, struct bytes name, enum externkind kind, uint32_t index,
                       uint32_t pos) {
  struct export *ex = &p->m->exports[p->m->nexports++];
  ex->name = name;
  ex->kind = kind;
  ex->index = index;
  ex->pos = pos;
}

/* (export "name")* abbreviations on a definition. */
static void inline_exports(struct parser *p, enum externkind kind, uint32_t index) {
  while (wat_at_field(p, "export")) {
    uint32_t pos = (uint32_t)p->tok.pos;
    open_field(p);
    struct bytes name = name_string(p);
    add_export(p, name, kind, index, pos);
    wat_expect_rpar(p);
  }
}

/* (import "mod" "name") abbreviation, if present; returns whether it was. */
static bool inline_import(struct parser *p, enum externkind kind, uint32_t index,
                          uint32_t *import) {
  if (!wat_at_field(p, "import")) return false;
  uint32_t pos = (uint32_t)p->tok.pos;
  open_field(p);
  struct bytes mod = name_string(p);
  struct bytes field = name_string(p);
  wat_expect_rpar(p);
  *import = add_import(p, mod, field, kind, index, pos);
  return true;
}

static const char *opt_name(struct parser *p) {
  if (p->tok.kind != TOK_ID) return NULL;
  const char *n = wat_name(p, p->tok);
  wat_next(p);
  return n;
}

/* Params and (local ...) declarations: names, types, the locals map. */
static void func_locals(struct parser *p, struct func *f, const struct typeuse *tu) {
  uint32_t nparams = f->typeidx < p->m->ntypes ? p->m->types[f->typeidx].nparams : 0;
  struct token *names = NULL;
  uint32_t n = 0, names_cap = 0, locals_cap = 0;
  enum valtype *locals = NULL;
  memset(&p->locals, 0, sizeof p->locals);
  while (wat_at_field(p, "local")) {
    open_field(p);
    struct token name = {TOK_EOF, 0, 0};
    if (p->tok.kind == TOK_ID) {
      name = p->tok;
      wat_next(p);
      if (p->tok.kind == TOK_RPAR) wat_unexpected(p, p->tok, "a value type");
    }
    while (p->tok.kind != TOK_RPAR) {
      enum valtype vt = valtype(p);
      ARENA_RESERVE(p->a, locals, n, locals_cap, 1);
      ARENA_RESERVE(p->a, names, n, names_cap, 1);
      locals[n] = vt;
      names[n++] = name;
      if (name.len) break;
    }
    if (name.len) one_named(p, "local", "local");
    wat_expect_rpar(p);
  }
  f->nlocals = n;
  f->locals = locals;
  bool any = false;
  for (uint32_t i = 0; i < nparams && tu->names; i++) {
    if (!tu->names[i].len) continue;
    map_put(p, &p->locals, tu->names[i], i, "local");
    any = true;
  }
  for (uint32_t i = 0; i < n; i++) {
    if (!names[i].len) continue;
    map_put(p, &p->locals, names[i], nparams + i, "local");
    any = true;
  }
  if (!any) return;
  f->local_names = arena_array(p->a, (size_t)nparams + n, sizeof *f->local_names);
  for (uint32_t i = 0; i < nparams && tu->names; i++)
    if (tu->names[i].len) f->local_names[i] = wat_name(p, tu->names[i]);
  for (uint32_t i = 0; i < n; i++)
    if (names[i].len) f->local_names[nparams + i] = wat_name(p, names[i]);
}

static void func_field(struct parser *p, struct fill *fl, uint32_t pos) {
  uint32_t idx = fl->next[SP_FUNC]++;
  struct func *f = &p->m->funcs[idx];
  f->pos = pos;
  f->name = opt_name(p);
  inline_exports(p, EXT_FUNC, idx);
  f->imported = inline_import(p, EXT_FUNC, idx, &f->import);
  struct typeuse tu;
  wat_typeuse_parse(p, true, &tu);
  f->typeidx = wat_typeuse_index(p, &tu);
  if (f->imported) {
    p->m->nfuncimports++;
    return;
  }
  func_locals(p, f, &tu);
  f->body = wat_expr(p);
}

/* A constant expression [i32.const 0, end] for abbreviated offsets. */
static struct expr zero_offset(struct parser *p, uint32_t pos) {
  struct expr e = {arena_array(p->a, 2, sizeof(struct instr)), 2, pos};
  e.code[0].op = OP_I32_CONST;
  e.code[0].pos = pos;
  e.code[1].op = OP_END;
  e.code[1].pos = pos;
  return e;
}

/* An elem item list: funcidx* (as ref.func items) or elemexpr*. */
static void elem_items(struct parser *p, struct elem *e, bool funcs) {
  uint32_t cap = 0;
  for (;;) {
    struct expr x;
    if (funcs && wat_at_index(p)) {
      uint32_t pos = (uint32_t)p->tok.pos;
      x = zero_offset(p, pos);
      x.code[0].op = OP_REF_FUNC;
      x.code[0].imm.idx = wat_index(p, SP_FUNC);
    } else if (!funcs && wat_at_field(p, "item")) {
      open_field(p);
      x = wat_expr(p);
      wat_expect_rpar(p);
    } else if (!funcs && p->tok.kind == TOK_LPAR) {
      x = wat_folded_expr(p);
    } else {
      return;
    }
    ARENA_RESERVE(p->a, e->items, e->count, cap, 1);
    e->items[e->count++] = x;
  }
}

/* The element list after an elem's mode: func funcidx* | reftype elemexpr*
 * (bare funcidx* for active segments). */
static void elem_list(struct parser *p, struct elem *e, bool bare_ok) {
  e->reftype = vt_ref(false, HT_FUNC); /* function indices: (ref func) */
  if (wat_is(p, p->tok, "func")) {
    wat_next(p);
    elem_items(p, e, true);
  } else if (wat_at_reftype(p)) {
    e->reftype = wat_reftype(p);
    elem_items(p, e, false);
  } else if (bare_ok) {
    elem_items(p, e, true);
  } else {
    wat_unexpected(p, p->tok, "func or a reference type");
  }
}

static void table_field(struct parser *p, struct fill *fl, uint32_t pos) {
  uint32_t idx = fl->next[SP_TABLE]++;
  struct table *t = &p->m->tables[idx];
  t->pos = pos;
  t->name = opt_name(p);
  inline_exports(p, EXT_TABLE, idx);
  t->imported = inline_import(p, EXT_TABLE, idx, &t->import);
  if (t->imported) p->m->ntableimports++;
  bool i64 = !t->imported && wat_is(p, p->tok, "i64") && wat_peek(p).kind != TOK_NUMBER;
  if (i64) wat_next(p); /* (table i64 funcref (elem ...)) */
  if (!t->imported && wat_at_reftype(p)) {
    t->reftype = wat_reftype(p);
    if (!wat_at_field(p, "elem"))
      wat_unexpected(p, p->tok, "\"(elem\" (or write the limits first)");
    struct elem *e = &p->m->elems[fl->next[SP_ELEM]++];
    e->pos = (uint32_t)p->tok.pos;
    open_field(p);
    e->mode = SEG_ACTIVE;
    e->table = idx;
    e->offset = zero_offset(p, e->pos);
    if (i64) e->offset.code[0].op = OP_I64_CONST;
    e->reftype = t->reftype;
    elem_items(p, e, wat_at_index(p) || p->tok.kind == TOK_RPAR);
    wat_expect_rpar(p);
    t->limits.min = t->limits.max = e->count;
    t->limits.has_max = true;
    t->limits.i64 = i64;
    return;
  }
  t->limits = limits(p, false);
  t->reftype = wat_reftype(p);
  if (!t->imported && p->tok.kind != TOK_RPAR) t->init = wat_expr(p); /* 3.0: an initializer */
}

/* The data strings of a segment, concatenated. */
static struct bytes data_strings(struct parser *p) {
  struct bytes all = {arena_alloc(p->a, 1), 0};
  uint32_t cap = 1; /* room in all.data, a NUL after the bytes included */
  while (p->tok.kind == TOK_STRING) {
    struct bytes b = lex_string(p->a, &p->lx, p->tok);
    ARENA_RESERVE(p->a, all.data, all.len, cap, (size_t)b.len + 1);
    memcpy(all.data + all.len, b.data, b.len);
    all.len += b.len;
    wat_next(p);
  }
  return all;
}

static void memory_field(struct parser *p, struct fill *fl, uint32_t pos) {
  uint32_t idx = fl->next[SP_MEM]++;
  struct memory *mem = &p->m->mems[idx];
  mem->pos = pos;
  mem->name = opt_name(p);
  inline_exports(p, EXT_MEMORY, idx);
  mem->imported = inline_import(p, EXT_MEMORY, idx, &mem->import);
  if (mem->imported) p->m->nmemimports++;
  bool i64 = !mem->imported && wat_is(p, p->tok, "i64") && wat_peek(p).kind == TOK_LPAR;
  if (i64) wat_next(p); /* (memory i64 (data ...)) */
  if (!mem->imported && wat_at_field(p, "data")) {
    struct data *d = &p->m->datas[fl->next[SP_DATA]++];
    d->pos = (uint32_t)p->tok.pos;
    open_field(p);
    d->mode = SEG_ACTIVE;
    d->mem = idx;
    d->offset = zero_offset(p, d->pos);
    if (i64) d->offset.code[0].op = OP_I64_CONST;
    struct bytes all = d->init = data_strings(p);
    wat_expect_rpar(p);
    mem->limits.min = mem->limits.max = ((uint64_t)all.len + 65535) / 65536;
    mem->limits.has_max = true;
    mem->limits.i64 = i64;
    return;
  }
  mem->limits = limits(p, true);
}

static void globaltype(struct parser *p, struct global *g) {
  if (wat_at_field(p, "mut")) {
    open_field(p);
    g->mutable_ = true;
    g->type = valtype(p);
    wat_expect_rpar(p);
  } else {
    g->type = valtype(p);
  }
}

static void global_field(struct parser *p, struct fill *fl, uint32_t pos) {
  uint32_t idx = fl->next[SP_GLOBAL]++;
  struct global *g = &p->m->globals[idx];
  g->pos = pos;
  g->name = opt_name(p);
  inline_exports(p, EXT_GLOBAL, idx);
  g->imported = inline_import(p, EXT_GLOBAL, idx, &g->import);
  globaltype(p, g);
  if (g->imported) p->m->nglobalimports++;
  else g->init = wat_expr(p);
}

/* A tag's type use; tags have no results (the validator says so). */
static void tag_type(struct parser *p, struct tag *t) {
  struct typeuse tu;
  wat_typeuse_parse(p, true, &tu);
  t->typeidx = wat_typeuse_index(p, &tu);
}

static void tag_field(struct parser *p, struct fill *fl, uint32_t pos) {
  uint32_t idx = fl->next[SP_TAG]++;
  struct tag *t = &p->m->tags[idx];
  t->pos = pos;
  t->name = opt_name(p);
  inline_exports(p, EXT_TAG, idx);
  t->imported = inline_import(p, EXT_TAG, idx, &t->import);
  if (t->imported) p->m->ntagimports++;
  tag_type(p, t);
}

static void import_field(struct parser *p, struct fill *fl, uint32_t pos) {
  struct bytes mod = name_string(p);
  struct bytes field = name_string(p);
  wat_expect(p, TOK_LPAR, "an import description");
  enum space sp = space_of(p, p->tok);
  uint32_t desc = (uint32_t)p->tok.pos;
  wat_next(p);
  uint32_t idx = fl->next[sp]++;
  const char *name = opt_name(p);
  struct module *m = p->m;
  switch (sp) {
  case SP_FUNC: {
    struct func *f = &m->funcs[idx];
    f->pos = desc, f->name = name, f->imported = true;
    f->import = add_import(p, mod, field, EXT_FUNC, idx, pos);
    struct typeuse tu;
    wat_typeuse_parse(p, true, &tu);
    f->typeidx = wat_typeuse_index(p, &tu);
    m->nfuncimports++;
    break;
  }
  case SP_TABLE: {
    struct table *t = &m->tables[idx];
    t->pos = desc, t->name = name, t->imported = true;
    t->import = add_import(p, mod, field, EXT_TABLE, idx, pos);
    t->limits = limits(p, false);
    t->reftype = wat_reftype(p);
    m->ntableimports++;
    break;
  }
  case SP_MEM: {
    struct memory *mem = &m->mems[idx];
    mem->pos = desc, mem->name = name, mem->imported = true;
    mem->import = add_import(p, mod, field, EXT_MEMORY, idx, pos);
    mem->limits = limits(p, true);
    m->nmemimports++;
    break;
  }
  case SP_TAG: {
    struct tag *t = &m->tags[idx];
    t->pos = desc, t->name = name, t->imported = true;
    t->import = add_import(p, mod, field, EXT_TAG, idx, pos);
    tag_type(p, t);
    m->ntagimports++;
    break;
  }
  default: {
    struct global *g = &m->globals[idx];
    g->pos = desc, g->name = name, g->imported = true;
    g->import = add_import(p, mod, field, EXT_GLOBAL, idx, pos);
    globaltype(p, g);
    m->nglobalimports++;
    break;
  }
  }
  wat_expect_rpar(p);
}

static void export_field(struct parser *p, uint32_t pos) {
  struct bytes name = name_string(p);
  wat_expect(p, TOK_LPAR, "\"(\" and an export description");
  enum space sp = space_of(p, p->tok);
  if (sp == SP_COUNT) wat_unexpected(p, p->tok, "func, table, memory, global or tag");
  wat_next(p);
  static const enum externkind kinds[] = {EXT_FUNC, EXT_TABLE, EXT_MEMORY, EXT_GLOBAL, EXT_TAG};
  uint32_t idx = wat_index(p, sp);
  add_export(p, name, kinds[sp], idx, pos);
  wat_expect_rpar(p);
}

/* The (table x) / (memory x) of an active segment, or the MVP spelling with
 * a bare index; returns whether one was given. */
static bool segment_target(struct parser *p, const char *kw, enum space sp, uint32_t *idx) {
  if (wat_at_field(p, kw)) {
    open_field(p);
    *idx = wat_index(p, sp);
    wat_expect_rpar(p);
    return true;
  }
  if (!wat_at_index(p)) return false;
  *idx = wat_index(p, sp);
  return true;
}

/* Offset of an active segment: (offset instr*) or one folded instruction. */
static struct expr offset_expr(struct parser *p) {
  if (wat_at_field(p, "offset")) {
    open_field(p);
    struct expr e = wat_expr(p);
    wat_expect_rpar(p);
    return e;
  }
  if (p->tok.kind != TOK_LPAR) wat_unexpected(p, p->tok, "an offset expression");
  return wat_folded_expr(p);
}

static void elem_field(struct parser *p, struct fill *fl, uint32_t pos) {
  struct elem *e = &p->m->elems[fl->next[SP_ELEM]++];
  e->pos = pos;
  e->name = opt_name(p);
  if (wat_is(p, p->tok, "declare")) {
    wat_next(p);
    e->mode = SEG_DECLARATIVE;
    elem_list(p, e, false);
    return;
  }
  if (segment_target(p, "table", SP_TABLE, &e->table) ||
      (p->tok.kind == TOK_LPAR && !wat_at_field(p, "ref"))) { /* (ref ...): a passive type */
    e->mode = SEG_ACTIVE;
    e->offset = offset_expr(p);
    elem_list(p, e, true);
  } else {
    e->mode = SEG_PASSIVE;
    elem_list(p, e, false);
  }
}

static void data_field(struct parser *p, struct fill *fl, uint32_t pos) {
  struct data *d = &p->m->datas[fl->next[SP_DATA]++];
  d->pos = pos;
  d->name = opt_name(p);
  if (segment_target(p, "memory", SP_MEM, &d->mem) || p->tok.kind == TOK_LPAR) {
    d->mode = SEG_ACTIVE;
    d->offset = offset_expr(p);
  } else {
    d->mode = SEG_PASSIVE;
  }
  d->init = data_strings(p);
}

static void parse_field(struct parser *p, struct fill *fl) {
  uint32_t pos = (uint32_t)p->tok.pos;
  wat_next(p);
  struct token kw = p->tok;
  wat_next(p);
  if (wat_is(p, kw, "type")) {
    skip_form(p, pos);
    return;
  }
  if (wat_is(p, kw, "func")) func_field(p, fl, pos);
  else if (wat_is(p, kw, "table")) table_field(p, fl, pos);
  else if (wat_is(p, kw, "memory")) memory_field(p, fl, pos);
  else if (wat_is(p, kw, "global")) global_field(p, fl, pos);
  else if (wat_is(p, kw, "tag")) tag_field(p, fl, pos);
  else if (wat_is(p, kw, "import")) import_field(p, fl, pos);
  else if (wat_is(p, kw, "export")) export_field(p, pos);
  else if (wat_is(p, kw, "elem")) elem_field(p, fl, pos);
  else if (wat_is(p, kw, "data")) data_field(p, fl, pos);
  else { /* start (pass 1 let nothing else through) */
    if (p->m->has_start) diag_error(p->src, pos, "multiple start sections");
    p->m->has_start = true;
    p->m->start_pos = pos;
    p->m->start = wat_index(p, SP_FUNC);
  }
  wat_expect_rpar(p);
}

/* ---- entry points ------------------------------------------------------ */

static struct module *parse(struct arena *a, const struct source *src, size_t start, size_t end) {
  struct parser *p = arena_alloc(a, sizeof *p);
  struct module *m = arena_alloc(a, sizeof *m);
  p->a = a;
  p->src = src;
  p->m = m;
  m->arena = a;
  m->src = src;
  lex_init(&p->lx, src, start, end);
  wat_next(p);
  size_t start_pos = p->tok.pos;
  bool wrapped = wat_at_field(p, "module");
  if (wrapped) {
    open_field(p);
    if (p->tok.kind == TOK_ID) m->name = opt_name(p);
  }
  struct lexer body_lx = p->lx;
  struct token body_tok = p->tok;

  struct scan s = {0, 0, NULL};
  while (p->tok.kind == TOK_LPAR) {
    size_t open = p->tok.pos;
    wat_next(p);
    scan_field(p, &s, open);
  }
  if (wrapped && p->tok.kind == TOK_EOF) unclosed(p, start_pos);
  if (wrapped && p->tok.kind != TOK_RPAR) wat_unexpected(p, p->tok, "a module field or \")\"");
  if (wrapped) wat_next(p);
  if (p->tok.kind != TOK_EOF)
    wat_unexpected(p, p->tok, wrapped ? "end of input" : "a module field");

  m->funcs = arena_array(a, p->counts[SP_FUNC], sizeof *m->funcs);
  m->nfuncs = p->counts[SP_FUNC];
  m->tables = arena_array(a, p->counts[SP_TABLE], sizeof *m->tables);
  m->ntables = p->counts[SP_TABLE];
  m->mems = arena_array(a, p->counts[SP_MEM], sizeof *m->mems);
  m->nmems = p->counts[SP_MEM];
  m->globals = arena_array(a, p->counts[SP_GLOBAL], sizeof *m->globals);
  m->nglobals = p->counts[SP_GLOBAL];
  m->tags = arena_array(a, p->counts[SP_TAG], sizeof *m->tags);
  m->ntags = p->counts[SP_TAG];
  m->elems = arena_array(a, p->counts[SP_ELEM], sizeof *m->elems);
  m->nelems = p->counts[SP_ELEM];
  m->datas = arena_array(a, p->counts[SP_DATA], sizeof *m->datas);
  m->ndatas = p->counts[SP_DATA];
  m->imports = arena_array(a, s.nimports, sizeof *m->imports);
  m->exports = arena_array(a, s.nexports, sizeof *m->exports);

  p->lx = body_lx;
  p->tok = body_tok;
  struct fill fl;
  memset(&fl, 0, sizeof fl);
  while (p->tok.kind == TOK_LPAR) parse_field(p, &fl);
  return m;
}

struct module *wat_parse_module(struct arena *arena, const struct source *src) {
  return parse(arena, src, 0, src->size);
}

struct module *wat_parse_module_range(struct arena *arena, const struct source *src, size_t start,
                                      size_t end) {
  return parse(arena, src, start, end);
}
