/* ir.c - small helpers over the module IR and the opcode table. */
#include <stdio.h>
#include <string.h>

#include "compiler.h"

const struct opinfo opinfo[OP_COUNT] = {
#define X(e, nm, pre, cd, im, sg, cc, al, ln, fl) {nm, pre, cd, im, sg, cc, al, ln, fl},
#include "opcodes.def"
#undef X
};

static const char *heap_name(uint32_t h, char *buf, size_t cap) {
  switch (h) {
  case HT_FUNC: return "func";
  case HT_EXTERN: return "extern";
  case HT_NOFUNC: return "nofunc";
  case HT_NOEXTERN: return "noextern";
  case HT_EXN: return "exn";
  case HT_NOEXN: return "noexn";
  case HT_BOT: return "bot";
  default: snprintf(buf, cap, "%u", h - HT_TYPE); return buf;
  }
}

const char *valtype_name(enum valtype t) {
  switch (t) {
  case VT_I32: return "i32";
  case VT_I64: return "i64";
  case VT_F32: return "f32";
  case VT_F64: return "f64";
  case VT_V128: return "v128";
  case VT_FUNCREF: return "funcref";
  case VT_EXTERNREF: return "externref";
  default: break;
  }
  if (!vt_is_typed(t)) return "?";
  if (t == VT_EXNREF) return "exnref";
  static char bufs[4][40]; /* "(ref null 2097151)" fits; four names per message */
  static unsigned next;
  char *b = bufs[next++ % 4], heap[16];
  snprintf(b, sizeof bufs[0], "(ref %s%s)", vt_nullable(t) ? "null " : "",
           heap_name(vt_heap(t), heap, sizeof heap));
  return b;
}

enum valtype vt_ref(bool nullable, uint32_t heap) {
  if (nullable && heap == HT_FUNC) return VT_FUNCREF;
  if (nullable && heap == HT_EXTERN) return VT_EXTERNREF;
  return VT_PACK(nullable, heap);
}

uint32_t vt_heap(enum valtype t) {
  return vt_is_typed(t) ? (uint32_t)t >> VT_HEAP_SHIFT : (uint32_t)t;
}

bool vt_nullable(enum valtype t) { return !vt_is_typed(t) || (t & VT_NULLABLE); }

uint32_t heap_top(uint32_t h) {
  if (h == HT_EXTERN || h == HT_NOEXTERN) return HT_EXTERN;
  if (h == HT_EXN || h == HT_NOEXN) return HT_EXN;
  return h == HT_BOT ? HT_BOT : HT_FUNC;
}

enum valtype vt_storage(enum valtype t) {
  if (!vt_is_typed(t)) return t;
  uint32_t top = heap_top(vt_heap(t));
  return top == HT_EXTERN || top == HT_EXN ? VT_EXTERNREF : VT_FUNCREF; /* exnref: as externref */
}

char valtype_letter(enum valtype t) {
  switch (vt_storage(t)) {
  case VT_I32: return 'i';
  case VT_I64: return 'I';
  case VT_F32: return 'f';
  case VT_F64: return 'F';
  case VT_V128: return 'V';
  case VT_FUNCREF: return 'r';
  case VT_EXTERNREF: return 'x';
  default: return '?';
  }
}

enum valtype sig_valtype(char c) {
  switch (c) {
  case 'i': return VT_I32;
  case 'I': return VT_I64;
  case 'f': return VT_F32;
  case 'V': return VT_V128;
  default: return VT_F64;
  }
}

bool valtype_is_ref(enum valtype t) {
  return t == VT_FUNCREF || t == VT_EXTERNREF || vt_is_typed(t);
}

uint32_t hash_bytes(const void *data, size_t n) {
  const uint8_t *p = data;
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

/* ---- opcode lookup: one table per direction, built on first use ---- */

#define CODE_SLOTS 512  /* prefixed codes below this are in the table */
#define NAME_SLOTS 2048 /* open addressing; a power of two above 2 * OP_COUNT */
_Static_assert(NAME_SLOTS >= 2 * OP_COUNT, "name table too small");
static uint16_t by_code[4][CODE_SLOTS]; /* [plain, 0xFC, 0xFD, 0xFE][code]: opcode */
static uint16_t by_name[NAME_SLOTS];    /* opcode + 1, 0 = empty */
static bool tables_ready;

static int prefix_row(uint8_t prefix) {
  return prefix == 0 ? 0 : prefix == 0xfc ? 1 : prefix == 0xfd ? 2 : prefix == 0xfe ? 3 : -1;
}

static void build_tables(void) {
  for (int r = 0; r < 4; r++)
    for (int i = 0; i < CODE_SLOTS; i++) by_code[r][i] = OP_COUNT;
  for (int op = 0; op < OP_COUNT; op++) {
    const struct opinfo *oi = &opinfo[op];
    by_code[prefix_row(oi->prefix)][oi->code] = (uint16_t)op;
    if (op == OP_SELECT_T) continue; /* text "select" is OP_SELECT */
    uint32_t i = hash_bytes(oi->name, strlen(oi->name)) & (NAME_SLOTS - 1);
    while (by_name[i]) i = (i + 1) & (NAME_SLOTS - 1);
    by_name[i] = (uint16_t)(op + 1);
  }
  tables_ready = true;
}

enum opcode op_by_name(const char *name, size_t len) {
  if (!tables_ready) build_tables();
  for (uint32_t i = hash_bytes(name, len) & (NAME_SLOTS - 1); by_name[i];
       i = (i + 1) & (NAME_SLOTS - 1)) {
    const char *nm = opinfo[by_name[i] - 1].name;
    if (strlen(nm) == len && memcmp(nm, name, len) == 0) return (enum opcode)(by_name[i] - 1);
  }
  return OP_COUNT;
}

enum opcode op_by_code(uint8_t prefix, uint32_t code) {
  if (!tables_ready) build_tables();
  int r = prefix_row(prefix);
  return r < 0 || code >= CODE_SLOTS ? OP_COUNT : (enum opcode)by_code[r][code];
}

bool functype_equal(const struct functype *a, const struct functype *b) {
  /* memcmp needs non-NULL pointers even for 0 bytes, and empty lists may be NULL */
  return a->nparams == b->nparams && a->nresults == b->nresults &&
         (!a->nparams || memcmp(a->params, b->params, a->nparams * sizeof *a->params) == 0) &&
         (!a->nresults || memcmp(a->results, b->results, a->nresults * sizeof *a->results) == 0);
}

uint32_t module_add_type(struct module *m, const struct functype *ft, bool dedupe) {
  if (dedupe)
    for (uint32_t i = 0; i < m->ntypes; i++)
      if (functype_equal(&m->types[i], ft)) return i;
  if (m->types_cap < m->ntypes) m->types_cap = m->ntypes; /* filled by a reader */
  ARENA_RESERVE(m->arena, m->types, m->ntypes, m->types_cap, 1);
  struct functype *t = &m->types[m->ntypes];
  t->nparams = ft->nparams;
  t->nresults = ft->nresults;
  t->pos = ft->pos;
  t->params = arena_array(m->arena, ft->nparams, sizeof *t->params);
  t->results = arena_array(m->arena, ft->nresults, sizeof *t->results);
  if (ft->nparams) memcpy(t->params, ft->params, ft->nparams * sizeof *t->params);
  if (ft->nresults) memcpy(t->results, ft->results, ft->nresults * sizeof *t->results);
  return m->ntypes++;
}

void func_load_body(const struct module *m, uint32_t funcidx, struct arena *a) {
  struct func *f = &m->funcs[funcidx];
  if (f->code_end && !f->body.code) f->body.code = bin_decode_body(m, f, a);
}

void func_drop_body(const struct module *m, uint32_t funcidx) {
  struct func *f = &m->funcs[funcidx];
  if (f->code_end) f->body.code = NULL;
}

struct each_body {
  const struct module *m;               /* the module */
  void (*fn)(void *arg, uint32_t funcidx); /* what to do with each body */
  void *arg;                            /* fn's argument */
  struct arena scratch;                 /* the loaded body, one at a time */
  uint32_t current;                     /* the function being handled */
};

static void each_body(void *p) {
  struct each_body *j = p;
  arena_alloc(&j->scratch, 1); /* a first block, kept across releases */
  for (j->current = j->m->nfuncimports; j->current < j->m->nfuncs; j->current++) {
    struct arena_mark mark = arena_mark(&j->scratch);
    func_load_body(j->m, j->current, &j->scratch);
    j->fn(j->arg, j->current);
    func_drop_body(j->m, j->current);
    arena_release(&j->scratch, mark);
  }
}

void module_each_body(const struct module *m, void (*fn)(void *arg, uint32_t funcidx), void *arg) {
  struct each_body j = {.m = m, .fn = fn, .arg = arg};
  int failed = diag_protect(each_body, &j);
  if (failed && j.current < m->nfuncs) func_drop_body(m, j.current);
  arena_free(&j.scratch);
  if (failed) diag_rethrow();
}
