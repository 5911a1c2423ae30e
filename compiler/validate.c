/* validate.c - the module-level validation rules of WebAssembly 3.0 (without
 * GC): types, limits, tags, globals, exports, start, elem and data segments; function bodies and
 * constant expressions are typed by validate_code.c. */
#include <string.h>

#include "compiler.h"

#define MAX_PAGES 65536u        /* 4 GiB of 64 KiB pages */
#define MAX_PAGES64 (UINT64_C(1) << 48) /* memory64: 2^64 bytes */
#define MAX_TABLE 0xFFFFFFFFull /* table sizes are u32 */

void val_check_index(const struct module *m, size_t pos, uint32_t idx, uint64_t n,
                     const char *space) {
  if (idx >= n)
    diag_error(m->src, pos, "%s variable out of range (max %llu)", space, (unsigned long long)n);
}

void val_check_locals(const struct module *m, size_t pos, uint64_t nlocals, uint64_t total) {
  if (nlocals > LIMIT_LOCALS)
    diag_error(m->src, pos, "too many locals: %llu declared, the implementation limit is %u",
               (unsigned long long)nlocals, LIMIT_LOCALS);
  if (total > LIMIT_MODULE_LOCALS)
    diag_error(m->src, pos, "too many locals: more than %u in the module, the implementation limit",
               LIMIT_MODULE_LOCALS);
}

bool val_known_valtype(const struct module *m, enum valtype t) {
  switch (t) {
  case VT_I32:
  case VT_I64:
  case VT_F32:
  case VT_F64:
  case VT_V128:
  case VT_FUNCREF:
  case VT_EXTERNREF: return true;
  default: break;
  }
  uint32_t h = vt_heap(t);
  return vt_is_typed(t) && h != HT_BOT && (h < HT_TYPE || h - HT_TYPE < m->ntypes);
}

void val_check_valtype(const struct module *m, size_t pos, enum valtype t, const char *where) {
  if (val_known_valtype(m, t)) return;
  if (vt_is_typed(t) && vt_heap(t) >= HT_TYPE)
    val_check_index(m, pos, vt_heap(t) - HT_TYPE, m->ntypes, "type");
  diag_error(m->src, pos, "invalid value type 0x%x in %s", (unsigned)t, where);
}

/* ---- type identity: function types are equal when their structures are
 * (each type is its own recursion group in 3.0 without GC) ---- */

#define KEY_LIMIT 65536u /* longest structure text of one type, in bytes */

/* A growing string in the module's arena. */
struct keybuf {
  struct arena *a; /* storage */
  char *s;         /* the text so far (not NUL-terminated until the end) */
  uint32_t n, cap; /* length and capacity */
  size_t pos;      /* source offset of the type, for the size error */
  const struct module *m;
};

static void key_put(struct keybuf *b, char c) {
  if (b->n >= KEY_LIMIT)
    diag_error(b->m->src, b->pos, "type too complex: its structure exceeds %u bytes", KEY_LIMIT);
  ARENA_RESERVE(b->a, b->s, b->n, b->cap, 1);
  b->s[b->n++] = c;
}

static void key_func(struct keybuf *b, uint32_t idx);

/* Value type t inside type self: letters as in signatures, a typed reference
 * as n (nullable) or N, then its heap type: f e F E x X for func, extern,
 * nofunc, noextern, exn, noexn, @ for self, or an earlier type's structure
 * in parentheses. */
static void key_valtype(struct keybuf *b, enum valtype t, uint32_t self) {
  if (!vt_is_typed(t)) {
    key_put(b, valtype_letter(t));
    return;
  }
  key_put(b, vt_nullable(t) ? 'n' : 'N');
  uint32_t h = vt_heap(t);
  if (h < HT_TYPE) {
    static const struct {
      uint32_t heap;
      char letter;
    } letters[] = {{HT_FUNC, 'f'},     {HT_EXTERN, 'e'}, {HT_NOFUNC, 'F'},
                   {HT_NOEXTERN, 'E'}, {HT_EXN, 'x'},    {HT_NOEXN, 'X'}};
    char c = '?';
    for (size_t i = 0; i < sizeof letters / sizeof *letters; i++)
      if (letters[i].heap == h) c = letters[i].letter;
    key_put(b, c);
  } else if (h - HT_TYPE == self) {
    key_put(b, '@');
  } else {
    key_put(b, '(');
    key_func(b, h - HT_TYPE);
    key_put(b, ')');
  }
}

static void key_func(struct keybuf *b, uint32_t idx) {
  const struct functype *ft = &b->m->types[idx];
  for (uint32_t i = 0; i < ft->nparams; i++) key_valtype(b, ft->params[i], idx);
  key_put(b, ':');
  for (uint32_t i = 0; i < ft->nresults; i++) key_valtype(b, ft->results[i], idx);
}

const char *val_type_key(const struct module *m, enum valtype t) {
  if (!vt_is_typed(t)) return NULL;
  struct keybuf b = {m->arena, NULL, 0, 0, 0, m};
  key_valtype(&b, t, UINT32_MAX);
  key_put(&b, '\0');
  return b.s;
}

/* A type's value types are valid and name only itself or earlier types. */
static void check_type_refs(const struct module *m, uint32_t i, const enum valtype *ts,
                            uint32_t n) {
  const struct functype *ft = &m->types[i];
  for (uint32_t j = 0; j < n; j++) {
    val_check_valtype(m, ft->pos, ts[j], "a type");
    if (vt_is_typed(ts[j]) && vt_heap(ts[j]) >= HT_TYPE && vt_heap(ts[j]) - HT_TYPE > i)
      diag_error(m->src, ft->pos,
                 "unknown type %u: type %u may only refer to itself and earlier types",
                 vt_heap(ts[j]) - HT_TYPE, i);
  }
}

static void check_types(struct module *m) {
  /* a reference to type i packs HT_TYPE + i (enum valtype): ref.func and
   * call_ref may name any type of the module */
  if (m->ntypes > HT_TYPE_LIMIT)
    diag_error(m->src, m->types[HT_TYPE_LIMIT].pos,
               "too many types: %u, the implementation limit is %u", m->ntypes, HT_TYPE_LIMIT);
  uint32_t size = 16;
  while (size < 2 * (uint64_t)m->ntypes) size *= 2;
  uint32_t *slots = arena_array(m->arena, size, sizeof *slots); /* typeidx + 1 */
  m->type_keys = arena_array(m->arena, m->ntypes + 1, sizeof *m->type_keys);
  m->type_canon = arena_array(m->arena, m->ntypes + 1, sizeof *m->type_canon);
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const struct functype *ft = &m->types[i];
    check_type_refs(m, i, ft->params, ft->nparams);
    check_type_refs(m, i, ft->results, ft->nresults);
    struct keybuf b = {m->arena, NULL, 0, 0, ft->pos, m};
    key_func(&b, i);
    key_put(&b, '\0');
    m->type_keys[i] = b.s;
    m->type_canon[i] = i;
    for (uint32_t h = hash_bytes(b.s, b.n) & (size - 1);; h = (h + 1) & (size - 1)) {
      if (!slots[h]) {
        slots[h] = i + 1;
        break;
      }
      if (strcmp(m->type_keys[slots[h] - 1], b.s) == 0) {
        m->type_canon[i] = slots[h] - 1;
        break;
      }
    }
  }
}

/* Heap type a matches heap type b (a <: b). */
static bool heap_sub(const struct module *m, uint32_t a, uint32_t b) {
  if (a == b || a == HT_BOT) return true;
  if (a >= HT_TYPE && b >= HT_TYPE) return m->type_canon[a - HT_TYPE] == m->type_canon[b - HT_TYPE];
  if (a == HT_NOFUNC) return heap_top(b) == HT_FUNC;
  if (a == HT_NOEXTERN) return b == HT_EXTERN;
  if (a == HT_NOEXN) return b == HT_EXN;
  return a >= HT_TYPE && b == HT_FUNC;
}

bool val_sub(const struct module *m, enum valtype a, enum valtype b) {
  if (a == b) return true;
  if (!valtype_is_ref(a) || !valtype_is_ref(b)) return false;
  if (!vt_nullable(b) && vt_nullable(a)) return false;
  return heap_sub(m, vt_heap(a), vt_heap(b));
}

static void check_limits(const struct module *m, size_t pos, const struct limits *l, uint64_t bound,
                         const char *what) {
  if (l->min > bound)
    diag_error(m->src, pos, "%s size must be at most %llu%s", what, (unsigned long long)bound,
               bound == MAX_PAGES ? " pages (4GiB)" : bound == MAX_PAGES64 ? " pages (2^64 bytes)" : "");
  if (l->has_max && l->max > bound)
    diag_error(m->src, pos, "%s maximum size must be at most %llu%s", what,
               (unsigned long long)bound,
               bound == MAX_PAGES ? " pages (4GiB)" : bound == MAX_PAGES64 ? " pages (2^64 bytes)" : "");
  if (l->has_max && l->min > l->max)
    diag_error(m->src, pos, "%s size minimum (%llu) must not be greater than maximum (%llu)", what,
               (unsigned long long)l->min, (unsigned long long)l->max);
}

static void check_imports_and_spaces(const struct module *m) {
  for (uint32_t i = 0; i < m->nfuncs; i++)
    val_check_index(m, m->funcs[i].pos, m->funcs[i].typeidx, m->ntypes, "type");
  for (uint32_t i = 0; i < m->ntables; i++) {
    const struct table *t = &m->tables[i];
    if (!valtype_is_ref(t->reftype))
      diag_error(m->src, t->pos, "table element type must be funcref or externref");
    val_check_valtype(m, t->pos, t->reftype, "a table");
    if (!vt_nullable(t->reftype) && !t->init.count && !t->imported)
      diag_error(m->src, t->pos, "type mismatch: a table of %s (not nullable) needs an initializer",
                 valtype_name(t->reftype));
    check_limits(m, t->pos, &t->limits, t->limits.i64 ? UINT64_MAX : MAX_TABLE, "table");
  }
  for (uint32_t i = 0; i < m->nmems; i++) {
    const struct memory *mem = &m->mems[i];
    if (mem->limits.shared && !mem->limits.has_max)
      diag_error(m->src, mem->pos, "shared memory must have maximum");
    check_limits(m, mem->pos, &mem->limits, mem->limits.i64 ? MAX_PAGES64 : MAX_PAGES, "memory");
  }
  for (uint32_t i = 0; i < m->ntags; i++) {
    const struct tag *t = &m->tags[i];
    val_check_index(m, t->pos, t->typeidx, m->ntypes, "type");
    if (m->types[t->typeidx].nresults)
      diag_error(m->src, t->pos, "non-empty tag result type: tag %u has %u results", i,
                 m->types[t->typeidx].nresults);
  }
}

/* Mark every function named by ref.func in e as declared (C.refs). */
static void mark_refs(struct module *m, const struct expr *e) {
  for (uint32_t i = 0; i < e->count; i++)
    if (e->code[i].op == OP_REF_FUNC && e->code[i].imm.idx < m->nfuncs)
      m->funcs[e->code[i].imm.idx].declared = true;
}

/* The spec's C.refs: the functions the module names anywhere but in function
 * bodies and the start section (globals, elem segments, exports). */
static void compute_refs(struct module *m) {
  for (uint32_t i = 0; i < m->nfuncs; i++) m->funcs[i].declared = false;
  for (uint32_t i = 0; i < m->nglobals; i++) mark_refs(m, &m->globals[i].init);
  for (uint32_t i = 0; i < m->ntables; i++) mark_refs(m, &m->tables[i].init);
  for (uint32_t i = 0; i < m->nelems; i++) {
    mark_refs(m, &m->elems[i].offset);
    for (uint32_t j = 0; j < m->elems[i].count; j++) mark_refs(m, &m->elems[i].items[j]);
  }
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == EXT_FUNC && m->exports[i].index < m->nfuncs)
      m->funcs[m->exports[i].index].declared = true;
}

/* The globals a constant expression before global limit may read: the
 * imported ones (2.0), or all those before it (3.0, from the GC proposal). */
static uint32_t readable_globals(const struct module *m, const struct val_features *f,
                                 uint32_t limit) {
  return f->gc ? limit : m->nglobalimports;
}

static void check_globals(struct module *m, struct val_code *v, const struct val_features *f) {
  for (uint32_t i = 0; i < m->nglobals; i++) {
    const struct global *g = &m->globals[i];
    val_check_valtype(m, g->pos, g->type, "a global");
    if (!g->imported)
      val_const_expr(v, &g->init, g->type, "global initializer", readable_globals(m, f, i));
  }
  /* 3.0: a table's initial element; tables come before the module's own
   * globals, so it reads imported ones only */
  for (uint32_t i = 0; i < m->ntables; i++)
    if (m->tables[i].init.count)
      val_const_expr(v, &m->tables[i].init, m->tables[i].reftype, "table initializer",
                     m->nglobalimports);
}

/* A name for messages, as the text format would spell it inside quotes: control
 * characters, '"' and '\\' as \xx; at most 64 bytes (not cutting a UTF-8 character). */
static const char *printable(const struct bytes *b) {
  static char buf[64 * 3 + 8];
  size_t n = 0;
  uint32_t len = b->len;
  if (len > 64)
    for (len = 64; len > 0 && (b->data[len] & 0xC0) == 0x80; len--) continue;
  for (uint32_t i = 0; i < len; i++) {
    uint8_t c = b->data[i];
    if (c >= 0x20 && c != 0x7f && c != '"' && c != '\\') buf[n++] = (char)c;
    else n += (size_t)snprintf(buf + n, sizeof buf - n, "\\%02x", c);
  }
  if (len < b->len) n += (size_t)snprintf(buf + n, sizeof buf - n, "...");
  buf[n] = 0;
  return buf;
}

static void check_exports(const struct module *m) {
  static const char *const space[] = {"function", "table", "memory", "global", "tag"};
  uint32_t size = 16;
  while (size < 2 * (uint64_t)m->nexports) size *= 2;
  uint32_t *slots = arena_array(m->arena, size, sizeof *slots); /* export index + 1 */
  for (uint32_t i = 0; i < m->nexports; i++) {
    const struct export *e = &m->exports[i];
    uint32_t n = e->kind == EXT_FUNC     ? m->nfuncs
                 : e->kind == EXT_TABLE  ? m->ntables
                 : e->kind == EXT_MEMORY ? m->nmems
                 : e->kind == EXT_GLOBAL ? m->nglobals
                                         : m->ntags;
    if ((unsigned)e->kind > EXT_TAG) diag_error(m->src, e->pos, "invalid export kind");
    val_check_index(m, e->pos, e->index, n, space[e->kind]);
    for (uint32_t h = hash_bytes(e->name.data, e->name.len) & (size - 1);;
         h = (h + 1) & (size - 1)) {
      if (!slots[h]) {
        slots[h] = i + 1;
        break;
      }
      const struct bytes *o = &m->exports[slots[h] - 1].name;
      if (o->len == e->name.len && (o->len == 0 || memcmp(o->data, e->name.data, o->len) == 0))
        diag_error(m->src, e->pos, "duplicate export name \"%s\"", printable(&e->name));
    }
  }
}

static void check_start(const struct module *m) {
  if (!m->has_start) return;
  val_check_index(m, m->start_pos, m->start, m->nfuncs, "function");
  const struct functype *ft = &m->types[m->funcs[m->start].typeidx];
  if (ft->nparams || ft->nresults) {
    char p[200], r[200];
    val_types_str(p, sizeof p, ft->params, ft->nparams);
    val_types_str(r, sizeof r, ft->results, ft->nresults);
    diag_error(m->src, m->start_pos,
               "start function must have type [] -> [], but function %u "
               "has type %s -> %s",
               m->start, p, r);
  }
}

static void check_elems(struct module *m, struct val_code *v, uint32_t globals) {
  for (uint32_t i = 0; i < m->nelems; i++) {
    const struct elem *e = &m->elems[i];
    if (!valtype_is_ref(e->reftype))
      diag_error(m->src, e->pos, "elem segment type must be funcref or externref");
    val_check_valtype(m, e->pos, e->reftype, "an elem segment");
    if (e->mode == SEG_ACTIVE) {
      val_check_index(m, e->pos, e->table, m->ntables, "table");
      enum valtype tt = m->tables[e->table].reftype;
      if (!val_sub(m, e->reftype, tt))
        diag_error(m->src, e->pos,
                   "type mismatch in elem segment %u, table %u is %s but the "
                   "segment is %s",
                   i, e->table, valtype_name(tt), valtype_name(e->reftype));
      val_const_expr(v, &e->offset, m->tables[e->table].limits.i64 ? VT_I64 : VT_I32,
                     "elem offset", globals);
    }
    for (uint32_t j = 0; j < e->count; j++)
      val_const_expr(v, &e->items[j], e->reftype, "elem item", globals);
  }
}

static void check_datas(struct module *m, struct val_code *v, uint32_t globals) {
  if (m->has_datacount && m->datacount != m->ndatas)
    diag_error(m->src, 0, "data count and data section have inconsistent lengths: %u and %u",
               m->datacount, m->ndatas);
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const struct data *d = &m->datas[i];
    if (d->mode != SEG_ACTIVE) continue;
    val_check_index(m, d->pos, d->mem, m->nmems, "memory");
    val_const_expr(v, &d->offset, m->mems[d->mem].limits.i64 ? VT_I64 : VT_I32, "data offset",
                   globals);
  }
}

struct check_bodies {
  struct val_code *v; /* the checker's stacks */
  struct module *m;   /* the module */
  uint64_t locals;    /* declared locals of the functions checked so far */
};

static void check_body(void *arg, uint32_t funcidx) {
  struct check_bodies *c = arg;
  const struct func *f = &c->m->funcs[funcidx];
  c->locals += f->nlocals;
  val_check_locals(c->m, f->pos, f->nlocals, c->locals);
  val_function(c->v, funcidx);
}

void val_module(struct module *m, const struct val_features *features) {
  struct val_code *v = val_code_new(m, features);
  check_types(m);
  feature_check_module(m, features);
  check_imports_and_spaces(m);
  compute_refs(m);
  check_globals(m, v, features);
  check_exports(m);
  check_start(m);
  check_elems(m, v, readable_globals(m, features, m->nglobals));
  check_datas(m, v, readable_globals(m, features, m->nglobals));
  struct check_bodies c = {v, m, 0};
  module_each_body(m, check_body, &c);
}
