/* binary.c - the binary format: decode a .wasm module into the IR.
 *
 * The reader walks the bytes once, section by section, with a moving bound
 * (the end of the current section or function body) that no read may cross.
 * Every count is checked against the bytes left before anything is allocated,
 * so a small input can never ask for a large allocation.  Errors go through
 * diag_error() with the offset of the offending byte.  The name section is
 * remembered and decoded last, under its own diag_protect(): a malformed name
 * section is ignored, as the spec allows for custom sections.
 */
#include <inttypes.h>
#include <string.h>

#include "compiler.h"

struct reader {
  const struct source *src; /* the input */
  const uint8_t *p;         /* src->data */
  size_t pos;               /* next byte to read */
  size_t end;               /* current bound: end of the section or body */
  struct arena *a;          /* where the IR goes */
  struct module *m;         /* the module being built */
  struct instr *scratch;    /* instruction buffer reused for every expression */
  uint32_t scratch_cap;     /* entries in scratch */
  bool in_section;          /* reading a section's contents (not its header) */
  bool in_body;             /* decoding a function body (not a constant expr) */
  bool has_funcs;           /* a function section was seen */
  uint32_t nfuncdecls;      /* its count */
  bool has_data;            /* a data section was seen */
  bool has_names;           /* a "name" custom section was seen (first one wins) */
  size_t names_start;       /* its payload, after the section name */
  size_t names_end;         /* its end */
  uint64_t total_locals;    /* declared locals of the functions read so far */
  uint32_t *nlabels;        /* per funcidx: block/loop/if in the body (name section) */
};

/* ------------------------------------------------------------------------ */
/* Errors and primitive reads                                               */
/* ------------------------------------------------------------------------ */

static _Noreturn void fail(struct reader *r, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static _Noreturn void fail(struct reader *r, size_t pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_verror(r->src, pos, fmt, ap);
}

static _Noreturn void unexpected_end(struct reader *r) {
  if (r->in_section) fail(r, r->pos, "unexpected end of section or function");
  fail(r, r->pos, "unexpected end of file");
}

static size_t left(const struct reader *r) { return r->end - r->pos; }

static uint8_t read_u8(struct reader *r) {
  if (r->pos >= r->end) unexpected_end(r);
  return r->p[r->pos++];
}

/* An LEB128 integer of the given bit width.  At most ceil(bits/7) bytes; in the
 * last byte the bits past the width must be zero (unsigned) or copies of the
 * sign bit (signed).  Signed results are sign-extended to 64 bits. */
static uint64_t read_leb(struct reader *r, unsigned bits, bool sign) {
  if (r->pos < r->end && r->p[r->pos] < 0x80) { /* one byte: most indices and constants */
    uint8_t b = r->p[r->pos++];
    return sign && (b & 0x40) ? b | ~(uint64_t)0x7f : b;
  }
  size_t start = r->pos;
  unsigned maxbytes = (bits + 6) / 7, shift = 0;
  uint64_t result = 0;
  uint8_t b;
  for (unsigned i = 0;; i++) {
    b = read_u8(r);
    if (i == maxbytes - 1) {
      if (b & 0x80)
        fail(r, start, "integer representation too long: a %s%u takes at most %u bytes",
             sign ? "s" : "u", bits, maxbytes);
      unsigned used = bits - 7 * i; /* value bits in this byte */
      uint8_t unused = (uint8_t)(0x7f & ~((1u << used) - 1));
      uint8_t want = sign && (b >> (used - 1)) & 1 ? unused : 0;
      if ((b & unused) != want)
        fail(r, start, "integer too large: the value does not fit in a %s%u", sign ? "s" : "u",
             bits);
    }
    result |= (uint64_t)(b & 0x7f) << shift;
    shift += 7;
    if (!(b & 0x80)) break;
  }
  if (sign && shift < 64 && (b & 0x40)) result |= ~(uint64_t)0 << shift;
  return result;
}

static uint32_t read_u32(struct reader *r) { return (uint32_t)read_leb(r, 32, false); }

/* A vector length whose items take at least min_size bytes each. */
static uint32_t read_count(struct reader *r, size_t min_size, const char *what) {
  size_t at = r->pos;
  uint32_t n = read_u32(r);
  if (n > left(r) / min_size)
    fail(r, at, "length out of bounds: %u %s cannot fit in the %zu bytes left", n, what, left(r));
  return n;
}

/* A name: u32 length, then that many bytes of valid UTF-8 (arena copy, NUL added). */
static struct bytes read_name(struct reader *r) {
  size_t at = r->pos;
  uint32_t len = read_u32(r);
  if (len > left(r))
    fail(r, at, "length out of bounds: a name of %u bytes but only %zu bytes left", len, left(r));
  const uint8_t *s = r->p + r->pos;
  size_t bad = lex_utf8_check(s, len);
  if (bad < len) fail(r, r->pos + bad, "malformed UTF-8 encoding in name");
  struct bytes b = {(uint8_t *)arena_strndup(r->a, (const char *)s, len), len};
  r->pos += len;
  return b;
}

/* Binary encodings of reference types beyond the two abbreviations. */
#define REF_NULL_PREFIX 0x63 /* (ref null ht) */
#define REF_PREFIX 0x64      /* (ref ht) */

/* The byte of a nullable abstract heap type that is a reference type by
 * itself beyond funcref and externref: nullfuncref, nullexternref, exnref,
 * nullexnref. */
static bool is_abbrev_byte(uint8_t b) {
  return b == HT_NOFUNC || b == HT_NOEXTERN || b == HT_EXN || b == HT_NOEXN;
}

/* The first byte of a reference type. */
static bool is_reftype_byte(uint8_t b) {
  return b == VT_FUNCREF || b == VT_EXTERNREF || is_abbrev_byte(b) || b == REF_NULL_PREFIX ||
         b == REF_PREFIX;
}

static bool is_valtype_byte(uint8_t b) { return (b >= VT_V128 && b <= VT_I32) || is_reftype_byte(b); }

/* A heap type: an abstract one's byte or a type index (s33, non-negative). */
static uint32_t read_heaptype(struct reader *r) {
  size_t at = r->pos;
  if (r->pos >= r->end) unexpected_end(r);
  uint8_t b = r->p[r->pos];
  if (b == HT_FUNC || b == HT_EXTERN || is_abbrev_byte(b)) {
    r->pos++;
    return b;
  }
  int64_t v = (int64_t)read_leb(r, 33, true);
  if (v < 0) {
    if (b >= 0x6A && b <= 0x71)
      fail(r, at, "heap type 0x%02x needs the GC types (not supported yet)", b);
    fail(r, at,
         "malformed reference type 0x%02x, expected func (0x70), extern (0x6f) or a type index", b);
  }
  if ((uint64_t)v >= HT_TYPE_LIMIT) fail(r, at, "type index %lld out of range", (long long)v);
  return HT_TYPE + (uint32_t)v;
}

/* A value type byte b (already read) with what follows it. */
static enum valtype valtype_after(struct reader *r, uint8_t b) {
  if (is_abbrev_byte(b)) return vt_ref(true, b);
  if (b == REF_NULL_PREFIX || b == REF_PREFIX)
    return vt_ref(b == REF_NULL_PREFIX, read_heaptype(r));
  return (enum valtype)b;
}

static enum valtype read_valtype(struct reader *r) {
  size_t at = r->pos;
  uint8_t b = read_u8(r);
  if (!is_valtype_byte(b)) fail(r, at, "malformed value type 0x%02x", b);
  return valtype_after(r, b);
}

static enum valtype read_reftype(struct reader *r) {
  size_t at = r->pos;
  uint8_t b = read_u8(r);
  if (!is_reftype_byte(b))
    fail(r, at, "malformed reference type 0x%02x, expected funcref (0x70) or externref (0x6f)", b);
  return valtype_after(r, b);
}

static void read_limits(struct reader *r, struct limits *l, bool memory) {
  size_t at = r->pos;
  uint8_t flags = read_u8(r);
  if (flags > (memory ? 7 : 5) || (!memory && (flags & 2)))
    fail(r, at, "malformed limits flags 0x%02x", flags);
  l->shared = (flags & 2) != 0;
  l->has_max = (flags & 1) != 0;
  l->i64 = (flags & 4) != 0; /* memory64 */
  l->min = l->i64 ? read_leb(r, 64, false) : read_u32(r);
  if (l->has_max) l->max = l->i64 ? read_leb(r, 64, false) : read_u32(r);
}

static void read_globaltype(struct reader *r, struct global *g) {
  g->type = read_valtype(r);
  size_t at = r->pos;
  uint8_t mut = read_u8(r);
  if (mut > 1) fail(r, at, "malformed mutability 0x%02x, expected 0 or 1", mut);
  g->mutable_ = mut == 1;
}

/* ------------------------------------------------------------------------ */
/* Instructions                                                             */
/* ------------------------------------------------------------------------ */

/* A memory index where 2.0 has a reserved zero byte: multi-memory makes it a
 * u32, but only its shortest encoding is accepted so that 2.0's "zero byte"
 * rule still holds for memory 0. */
static uint32_t read_memidx(struct reader *r) {
  size_t at = r->pos;
  uint32_t idx = read_u32(r);
  size_t shortest = 1;
  for (uint32_t v = idx >> 7; v; v >>= 7) shortest++;
  if (r->pos - at != shortest)
    fail(r, at, "zero byte expected: a memory index must use its shortest encoding");
  return idx;
}

static void read_blocktype(struct reader *r, struct blocktype *bt) {
  size_t at = r->pos;
  if (r->pos >= r->end) unexpected_end(r);
  uint8_t b = r->p[r->pos];
  if (b == 0x40) {
    r->pos++;
    bt->kind = BT_EMPTY;
  } else if (is_valtype_byte(b)) {
    bt->kind = BT_VALUE;
    bt->valtype = read_valtype(r);
  } else {
    int64_t v = (int64_t)read_leb(r, 33, true);
    if (v < 0) fail(r, at, "malformed block type 0x%02x", b);
    bt->kind = BT_INDEX;
    bt->typeidx = (uint32_t)v;
  }
}

/* try_table's block type and catch clauses. */
static void read_try_table(struct reader *r, struct blocktype *bt) {
  read_blocktype(r, bt);
  bt->ncatches = read_count(r, 2, "catch clauses");
  bt->catches = arena_array(r->a, bt->ncatches, sizeof *bt->catches);
  for (uint32_t i = 0; i < bt->ncatches; i++) {
    struct catch_clause *c = &bt->catches[i];
    c->pos = (uint32_t)r->pos;
    uint8_t kind = read_u8(r);
    if (kind > CATCH_ALL_REF) fail(r, c->pos, "malformed catch clause 0x%02x", kind);
    c->kind = (enum catch_kind)kind;
    if (kind == CATCH || kind == CATCH_REF) c->tag = read_u32(r);
    c->label = read_u32(r);
  }
}

static void read_immediates(struct reader *r, struct instr *in) {
  switch (opinfo[in->op].imm) {
  case IMM_NONE: break;
  case IMM_BLOCK: read_blocktype(r, &in->imm.block); break;
  case IMM_TRY_TABLE: read_try_table(r, &in->imm.block); break;
  case IMM_TAG:
  case IMM_LABEL:
  case IMM_FUNC:
  case IMM_TYPE:
  case IMM_LOCAL:
  case IMM_GLOBAL:
  case IMM_TABLE:
  case IMM_DATA:
  case IMM_ELEM: in->imm.idx = read_u32(r); break;
  case IMM_MEMORY: in->imm.idx = read_memidx(r); break;
  case IMM_BR_TABLE: {
    uint32_t n = read_count(r, 1, "br_table labels");
    uint32_t *labels = arena_array(r->a, (size_t)n + 1, sizeof *labels);
    for (uint32_t i = 0; i <= n; i++) labels[i] = read_u32(r);
    in->imm.br_table.count = n;
    in->imm.br_table.labels = labels;
    break;
  }
  case IMM_CALL_INDIRECT:
  case IMM_TABLE_INIT:
  case IMM_TABLE_COPY:
    in->imm.pair.a = read_u32(r);
    in->imm.pair.b = read_u32(r);
    break;
  case IMM_MEMORY_INIT:
    in->imm.pair.a = read_u32(r);
    in->imm.pair.b = read_memidx(r);
    break;
  case IMM_MEMORY_COPY:
    in->imm.pair.a = read_memidx(r);
    in->imm.pair.b = read_memidx(r);
    break;
  case IMM_SELECT_T: {
    uint32_t n = read_count(r, 1, "select types");
    enum valtype *t = arena_array(r->a, n, sizeof *t);
    for (uint32_t i = 0; i < n; i++) t[i] = read_valtype(r);
    in->imm.select.count = n;
    in->imm.select.types = t;
    break;
  }
  case IMM_MEMARG:
  case IMM_MEMARG_LANE: {
    uint32_t align = read_u32(r);
    if (align & 0x40) { /* multi-memory: a memory index follows */
      align &= ~(uint32_t)0x40;
      in->imm.memarg.mem = read_u32(r);
    }
    in->imm.memarg.align = align;
    uint32_t mem = in->imm.memarg.mem; /* an i64 memory's offsets are u64 */
    bool i64 = mem < r->m->nmems && r->m->mems[mem].limits.i64;
    in->imm.memarg.offset = i64 ? read_leb(r, 64, false) : read_u32(r);
    if (opinfo[in->op].imm == IMM_MEMARG_LANE) in->imm.memarg.lane = read_u8(r);
    break;
  }
  case IMM_LANE: in->imm.idx = read_u8(r); break;
  case IMM_FENCE: {
    size_t at = r->pos;
    if (read_u8(r) != 0) fail(r, at, "malformed atomic.fence: the reserved byte must be 0x00");
    break;
  }
  case IMM_V128:
  case IMM_SHUFFLE:
    if (left(r) < 16) unexpected_end(r);
    memcpy(in->imm.v128, r->p + r->pos, 16);
    r->pos += 16;
    break;
  case IMM_I32: in->imm.i32 = (uint32_t)read_leb(r, 32, true); break;
  case IMM_I64: in->imm.i64 = read_leb(r, 64, true); break;
  case IMM_F32:
  case IMM_F64: {
    unsigned n = opinfo[in->op].imm == IMM_F32 ? 4 : 8;
    if (left(r) < n) unexpected_end(r);
    uint64_t bits = 0;
    for (unsigned i = 0; i < n; i++) bits |= (uint64_t)r->p[r->pos + i] << (8 * i);
    r->pos += n;
    if (n == 4) in->imm.f32_bits = (uint32_t)bits;
    else in->imm.f64_bits = bits;
    break;
  }
  case IMM_REFTYPE: in->imm.idx = vt_ref(true, read_heaptype(r)); break; /* ref.null */
  }
}

/* The opcode at r->pos (with its prefix) as an enum opcode. */
static enum opcode read_opcode(struct reader *r) {
  size_t at = r->pos;
  uint8_t b = read_u8(r);
  if (b == 0xfb) fail(r, at, "%s", unsupported_opcode(b, 0));
  if (b == 0xfc || b == 0xfd || b == 0xfe) {
    uint32_t sub = read_u32(r);
    enum opcode op = op_by_code(b, sub);
    if (op == OP_COUNT && unsupported_opcode(b, sub)) fail(r, at, "%s", unsupported_opcode(b, sub));
    if (op == OP_COUNT) fail(r, at, "illegal opcode 0x%02x %u", b, sub);
    return op;
  }
  enum opcode op = op_by_code(0, b);
  if (op == OP_COUNT && unsupported_opcode(0, b)) fail(r, at, "%s", unsupported_opcode(0, b));
  if (op == OP_COUNT) fail(r, at, "illegal opcode 0x%02x", b);
  return op;
}

/* Decode the instructions up to and including the end that closes depth 0,
 * within the current bound, into r->scratch (or, when keep is false, only
 * check them); returns how many, and in *nlabels how many of them open a
 * block (block, loop, if). */
static uint32_t decode_expr(struct reader *r, uint32_t *nlabels, bool keep) {
  uint32_t n = 0, depth = 0, labels = 0;
  struct instr one;
  for (;;) {
    if (r->pos >= r->end) fail(r, r->pos, "END opcode expected: the expression is not closed");
    struct instr *in = &one;
    if (keep) {
      ARENA_RESERVE(r->a, r->scratch, n, r->scratch_cap, 1);
      in = &r->scratch[n];
    }
    n++;
    memset(in, 0, sizeof *in);
    in->pos = (uint32_t)r->pos;
    in->op = (uint16_t)read_opcode(r);
    read_immediates(r, in);
    if ((in->op == OP_MEMORY_INIT || in->op == OP_DATA_DROP) && r->in_body && !r->m->has_datacount)
      fail(r, in->pos, "data count section required by %s", opinfo[in->op].name);
    if (op_opens_block(in->op)) {
      depth++; /* LIMIT_DEPTH is the validator's */
      labels++;
    } else if (op_closes_block(in->op)) {
      if (depth-- == 0) {
        if (in->op == OP_DELEGATE) fail(r, in->pos, "delegate outside a try");
        break;
      }
    }
  }
  *nlabels = labels;
  return n;
}

/* A constant expression: decode_expr() into an exact array. */
static void read_expr(struct reader *r, struct expr *e) {
  uint32_t labels;
  e->pos = (uint32_t)r->pos;
  uint32_t n = decode_expr(r, &labels, true);
  e->count = n;
  e->code = arena_array(r->a, n, sizeof *e->code);
  memcpy(e->code, r->scratch, n * sizeof *e->code);
}

/* ------------------------------------------------------------------------ */
/* Sections                                                                 */
/* ------------------------------------------------------------------------ */

static void read_types(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 3, "function types");
  m->types = arena_array(r->a, n, sizeof *m->types);
  m->ntypes = n;
  for (uint32_t i = 0; i < n; i++) {
    struct functype *t = &m->types[i];
    size_t at = r->pos;
    t->pos = (uint32_t)at;
    uint8_t form = read_u8(r);
    if (form != 0x60) fail(r, at, "malformed function type: 0x%02x instead of 0x60", form);
    t->nparams = read_count(r, 1, "parameter types");
    t->params = arena_array(r->a, t->nparams, sizeof *t->params);
    for (uint32_t k = 0; k < t->nparams; k++) t->params[k] = read_valtype(r);
    t->nresults = read_count(r, 1, "result types");
    t->results = arena_array(r->a, t->nresults, sizeof *t->results);
    for (uint32_t k = 0; k < t->nresults; k++) t->results[k] = read_valtype(r);
  }
}

/* A tag type: attribute 0 (an exception), then its type index. */
static void read_tagtype(struct reader *r, struct tag *t) {
  size_t at = r->pos;
  uint8_t attr = read_u8(r);
  if (attr != 0) fail(r, at, "malformed tag attribute 0x%02x, expected 0x00", attr);
  t->typeidx = read_u32(r);
}

static void read_imports(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 4, "imports");
  m->imports = arena_array(r->a, n, sizeof *m->imports);
  m->nimports = n;
  /* Room for every import in each space; the later sections grow them. */
  m->funcs = arena_array(r->a, n, sizeof *m->funcs);
  m->tables = arena_array(r->a, n, sizeof *m->tables);
  m->mems = arena_array(r->a, n, sizeof *m->mems);
  m->globals = arena_array(r->a, n, sizeof *m->globals);
  m->tags = arena_array(r->a, n, sizeof *m->tags);
  for (uint32_t i = 0; i < n; i++) {
    struct import *im = &m->imports[i];
    im->pos = (uint32_t)r->pos;
    im->module = read_name(r);
    im->field = read_name(r);
    size_t at = r->pos;
    uint8_t kind = read_u8(r);
    switch (kind) {
    case EXT_FUNC: {
      struct func *f = &m->funcs[m->nfuncs];
      f->typeidx = read_u32(r);
      f->imported = true, f->import = i, f->pos = im->pos;
      im->index = m->nfuncs++;
      break;
    }
    case EXT_TABLE: {
      struct table *t = &m->tables[m->ntables];
      t->reftype = read_reftype(r);
      read_limits(r, &t->limits, false);
      t->imported = true, t->import = i, t->pos = im->pos;
      im->index = m->ntables++;
      break;
    }
    case EXT_MEMORY: {
      struct memory *mem = &m->mems[m->nmems];
      read_limits(r, &mem->limits, true);
      mem->imported = true, mem->import = i, mem->pos = im->pos;
      im->index = m->nmems++;
      break;
    }
    case EXT_GLOBAL: {
      struct global *g = &m->globals[m->nglobals];
      read_globaltype(r, g);
      g->imported = true, g->import = i, g->pos = im->pos;
      im->index = m->nglobals++;
      break;
    }
    case EXT_TAG: {
      struct tag *t = &m->tags[m->ntags];
      read_tagtype(r, t);
      t->imported = true, t->import = i, t->pos = im->pos;
      im->index = m->ntags++;
      break;
    }
    default: fail(r, at, "malformed import kind 0x%02x", kind);
    }
    im->kind = (enum externkind)kind;
  }
  m->nfuncimports = m->nfuncs;
  m->ntableimports = m->ntables;
  m->nmemimports = m->nmems;
  m->nglobalimports = m->nglobals;
  m->ntagimports = m->ntags;
}

static void read_funcs(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 1, "functions");
  m->funcs = arena_grow(r->a, m->funcs, m->nfuncs, (size_t)m->nfuncs + n, sizeof *m->funcs);
  for (uint32_t i = 0; i < n; i++) {
    struct func *f = &m->funcs[m->nfuncs++];
    f->pos = (uint32_t)r->pos;
    f->typeidx = read_u32(r);
  }
  r->has_funcs = true;
  r->nfuncdecls = n;
}

static void read_tables(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 3, "tables");
  m->tables = arena_grow(r->a, m->tables, m->ntables, (size_t)m->ntables + n, sizeof *m->tables);
  for (uint32_t i = 0; i < n; i++) {
    struct table *t = &m->tables[m->ntables++];
    t->pos = (uint32_t)r->pos;
    bool with_init = left(r) && r->p[r->pos] == 0x40; /* 3.0: 0x40 0x00 tabletype expr */
    if (with_init && (r->pos++, read_u8(r) != 0x00))
      fail(r, r->pos - 1, "malformed table: expected 0x00 after 0x40");
    t->reftype = read_reftype(r);
    read_limits(r, &t->limits, false);
    if (with_init) read_expr(r, &t->init);
  }
}

static void read_mems(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 2, "memories");
  m->mems = arena_grow(r->a, m->mems, m->nmems, (size_t)m->nmems + n, sizeof *m->mems);
  for (uint32_t i = 0; i < n; i++) {
    struct memory *mem = &m->mems[m->nmems++];
    mem->pos = (uint32_t)r->pos;
    read_limits(r, &mem->limits, true);
  }
}

static void read_tags(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 2, "tags");
  m->tags = arena_grow(r->a, m->tags, m->ntags, (size_t)m->ntags + n, sizeof *m->tags);
  for (uint32_t i = 0; i < n; i++) {
    struct tag *t = &m->tags[m->ntags++];
    t->pos = (uint32_t)r->pos;
    read_tagtype(r, t);
  }
}

static void read_globals(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 3, "globals");
  m->globals =
      arena_grow(r->a, m->globals, m->nglobals, (size_t)m->nglobals + n, sizeof *m->globals);
  for (uint32_t i = 0; i < n; i++) {
    struct global *g = &m->globals[m->nglobals++];
    g->pos = (uint32_t)r->pos;
    read_globaltype(r, g);
    read_expr(r, &g->init);
  }
}

static void read_exports(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 3, "exports");
  m->exports = arena_array(r->a, n, sizeof *m->exports);
  m->nexports = n;
  for (uint32_t i = 0; i < n; i++) {
    struct export *ex = &m->exports[i];
    ex->pos = (uint32_t)r->pos;
    ex->name = read_name(r);
    size_t at = r->pos;
    uint8_t kind = read_u8(r);
    if (kind > EXT_TAG) fail(r, at, "malformed export kind 0x%02x", kind);
    ex->kind = (enum externkind)kind;
    ex->index = read_u32(r);
  }
}

static void read_start(struct reader *r) {
  r->m->start_pos = (uint32_t)r->pos;
  r->m->start = read_u32(r);
  r->m->has_start = true;
}

/* Element items given as function indices become ref.func expressions. */
static void read_elem_funcs(struct reader *r, struct elem *e) {
  e->count = read_count(r, 1, "element function indices");
  e->items = arena_array(r->a, e->count, sizeof *e->items);
  for (uint32_t k = 0; k < e->count; k++) {
    struct expr *x = &e->items[k];
    x->pos = (uint32_t)r->pos;
    x->count = 2;
    x->code = arena_array(r->a, 2, sizeof *x->code);
    x->code[0].op = OP_REF_FUNC;
    x->code[0].pos = x->pos;
    x->code[0].imm.idx = read_u32(r);
    x->code[1].op = OP_END;
    x->code[1].pos = (uint32_t)r->pos;
  }
}

static void read_elem_exprs(struct reader *r, struct elem *e) {
  e->count = read_count(r, 1, "element expressions");
  e->items = arena_array(r->a, e->count, sizeof *e->items);
  for (uint32_t k = 0; k < e->count; k++) read_expr(r, &e->items[k]);
}

/* Segment flags: bit 0 = passive or declarative, bit 1 = explicit table index
 * (active) or declarative, bit 2 = items are expressions with a reftype. */
static void read_elems(struct reader *r) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 2, "element segments");
  m->elems = arena_array(r->a, n, sizeof *m->elems);
  m->nelems = n;
  for (uint32_t i = 0; i < n; i++) {
    struct elem *e = &m->elems[i];
    e->pos = (uint32_t)r->pos;
    uint32_t flags = read_u32(r);
    if (flags > 7) fail(r, e->pos, "malformed element segment kind %u (expected 0 to 7)", flags);
    e->mode = !(flags & 1) ? SEG_ACTIVE : (flags & 2) ? SEG_DECLARATIVE : SEG_PASSIVE;
    if (e->mode == SEG_ACTIVE) {
      if (flags & 2) e->table = read_u32(r);
      read_expr(r, &e->offset);
    }
    e->reftype = vt_ref(false, HT_FUNC); /* function indices: (ref func) */
    if (flags & 4) {
      e->reftype = (flags & 3) ? read_reftype(r) : VT_FUNCREF;
      read_elem_exprs(r, e);
    } else {
      if (flags & 3) {
        size_t at = r->pos;
        uint8_t kind = read_u8(r);
        if (kind != 0) fail(r, at, "malformed element kind 0x%02x, expected 0 (funcref)", kind);
      }
      read_elem_funcs(r, e);
    }
  }
}

static void read_datacount(struct reader *r) {
  r->m->datacount = read_u32(r);
  r->m->has_datacount = true;
}

/* Locals: vec of (count, valtype) runs; the total must fit in a u32. */
static void read_locals(struct reader *r, struct func *f) {
  size_t at = r->pos;
  uint32_t nruns = read_count(r, 2, "local declarations");
  uint32_t *counts = arena_array(r->a, nruns, sizeof *counts);
  enum valtype *types = arena_array(r->a, nruns, sizeof *types);
  uint64_t total = 0;
  for (uint32_t i = 0; i < nruns; i++) {
    counts[i] = read_u32(r);
    types[i] = read_valtype(r);
    total += counts[i];
    if (total > UINT32_MAX) fail(r, at, "too many locals: more than 2^32-1 in one function");
  }
  /* The validator's limits, checked before allocating: 5 bytes can ask for
   * 2^32 locals. */
  r->total_locals += total;
  val_check_locals(r->m, at, total, r->total_locals);
  f->nlocals = (uint32_t)total;
  f->locals = arena_array(r->a, f->nlocals, sizeof *f->locals);
  uint32_t k = 0;
  for (uint32_t i = 0; i < nruns; i++)
    for (uint32_t j = 0; j < counts[i]; j++) f->locals[k++] = types[i];
}

static void read_code(struct reader *r) {
  struct module *m = r->m;
  size_t at = r->pos;
  uint32_t n = read_count(r, 1, "function bodies");
  if (n != r->nfuncdecls)
    fail(r, at, "function and code section have inconsistent lengths: %u functions, %u bodies",
         r->nfuncdecls, n);
  size_t section_end = r->end;
  r->in_body = true;
  r->nlabels = arena_array(r->a, m->nfuncs, sizeof *r->nlabels);
  for (uint32_t i = 0; i < n; i++) {
    struct func *f = &m->funcs[m->nfuncimports + i];
    f->pos = (uint32_t)r->pos;
    uint32_t size = read_u32(r);
    if (size > left(r))
      fail(r, f->pos, "unexpected end of section or function: body of %u bytes, %zu left", size,
           left(r));
    r->end = r->pos + size;
    read_locals(r, f);
    /* Checked now, then dropped: its instructions would take ten times the
     * bytes they are encoded in; bin_decode_body() decodes it again. */
    struct arena_mark mark = arena_mark(r->a); /* br_table labels, select types */
    f->body.pos = (uint32_t)r->pos;
    f->body.count = decode_expr(r, &r->nlabels[m->nfuncimports + i], false);
    f->code_end = (uint32_t)r->end;
    arena_release(r->a, mark);
    if (r->pos != r->end)
      fail(r, r->pos, "section size mismatch: %zu bytes after the end of function %u",
           r->end - r->pos, m->nfuncimports + i);
    r->end = section_end;
  }
  r->in_body = false;
}

static void read_datas(struct reader *r) {
  struct module *m = r->m;
  size_t at = r->pos;
  uint32_t n = read_count(r, 2, "data segments");
  if (m->has_datacount && n != m->datacount)
    fail(r, at, "data count and data section have inconsistent lengths: %u and %u", m->datacount,
         n);
  m->datas = arena_array(r->a, n, sizeof *m->datas);
  m->ndatas = n;
  r->has_data = true;
  for (uint32_t i = 0; i < n; i++) {
    struct data *d = &m->datas[i];
    d->pos = (uint32_t)r->pos;
    uint32_t flags = read_u32(r);
    if (flags > 2) fail(r, d->pos, "malformed data segment kind %u (expected 0 to 2)", flags);
    d->mode = flags == 1 ? SEG_PASSIVE : SEG_ACTIVE;
    if (flags == 2) d->mem = read_u32(r);
    if (d->mode == SEG_ACTIVE) read_expr(r, &d->offset);
    size_t lat = r->pos;
    uint32_t len = read_u32(r);
    if (len > left(r))
      fail(r, lat, "unexpected end of section or function: %u data bytes, %zu left", len, left(r));
    d->init.len = len;
    d->init.data = (uint8_t *)arena_strndup(r->a, (const char *)r->p + r->pos, len);
    r->pos += len;
  }
}

/* ------------------------------------------------------------------------ */
/* The dylink.0 section (side modules, tool conventions DynamicLinking.md)  */
/* ------------------------------------------------------------------------ */

/* Its subsections: id u8, size u32, payload. */
enum {
  DYLINK_MEM_INFO = 1,     /* mem_size, mem_align, table_size, table_align: u32 each */
  DYLINK_NEEDED = 2,       /* vec(name) */
  DYLINK_EXPORT_INFO = 3,  /* vec(name, flags u32) */
  DYLINK_IMPORT_INFO = 4,  /* vec(module name, field name, flags u32) */
  DYLINK_RUNTIME_PATH = 5, /* vec(name) */
};
/* By id, for messages. */
static const char *const dylink_subsection_names[] = {
    "", "WASM_DYLINK_MEM_INFO", "WASM_DYLINK_NEEDED", "WASM_DYLINK_EXPORT_INFO",
    "WASM_DYLINK_IMPORT_INFO", "WASM_DYLINK_RUNTIME_PATH",
};

/* read_name(), and no NUL byte: the descriptor holds names as C strings. */
static struct bytes read_dylink_name(struct reader *r) {
  struct bytes b = read_name(r);
  const uint8_t *nul = memchr(b.data, 0, b.len);
  if (nul)
    fail(r, r->pos - b.len + (size_t)(nul - b.data), "NUL byte in a name of the dylink.0 section");
  return b;
}

static struct bytes *read_dylink_names(struct reader *r, uint32_t *n, const char *what) {
  *n = read_count(r, 1, what);
  struct bytes *v = arena_array(r->a, *n, sizeof *v);
  for (uint32_t i = 0; i < *n; i++) v[i] = read_dylink_name(r);
  return v;
}

/* Export info (imports false) or import info entries. */
static struct dylink_symbol *read_dylink_symbols(struct reader *r, uint32_t *n, bool imports) {
  *n = read_count(r, imports ? 3 : 2, imports ? "import info entries" : "export info entries");
  struct dylink_symbol *v = arena_array(r->a, *n, sizeof *v);
  for (uint32_t i = 0; i < *n; i++) {
    struct dylink_symbol *s = &v[i];
    s->pos = (uint32_t)r->pos;
    if (imports) s->module = read_dylink_name(r);
    s->name = read_dylink_name(r);
    size_t at = r->pos;
    s->flags = read_u32(r);
    if (s->flags & DYLINK_TLS)
      fail(r, at,
           "thread-local symbol \"%.*s\" in the dylink.0 %s info: thread-local storage in side "
           "modules is not supported yet",
           (int)(s->name.len > 100 ? 100 : s->name.len), (const char *)s->name.data,
           imports ? "import" : "export");
  }
  return v;
}

/* A log2 alignment of the memory info, at most 31. */
static uint32_t read_dylink_align(struct reader *r, const char *what) {
  size_t at = r->pos;
  uint32_t align = read_u32(r);
  if (align > 31)
    fail(r, at, "%s alignment 2^%u in the dylink.0 section is too large (at most 2^31)", what,
         align);
  return align;
}

static void read_dylink_subsection(struct reader *r, struct dylink *d, uint8_t id) {
  switch (id) {
  case DYLINK_MEM_INFO:
    d->mem_size = read_u32(r);
    d->mem_align = read_dylink_align(r, "memory");
    d->table_size = read_u32(r);
    d->table_align = read_dylink_align(r, "table");
    break;
  case DYLINK_NEEDED: d->needed = read_dylink_names(r, &d->nneeded, "needed libraries"); break;
  case DYLINK_EXPORT_INFO: d->export_info = read_dylink_symbols(r, &d->nexport_info, false); break;
  case DYLINK_IMPORT_INFO: d->import_info = read_dylink_symbols(r, &d->nimport_info, true); break;
  case DYLINK_RUNTIME_PATH:
    d->runtime_path = read_dylink_names(r, &d->nruntime_path, "runtime paths");
    break;
  default: r->pos = r->end; break; /* a later addition: skipped */
  }
}

/* The payload of the dylink.0 section, which starts at offset at. */
static void read_dylink(struct reader *r, size_t at) {
  struct module *m = r->m;
  if (m->dylink) fail(r, at, "a second dylink.0 section (a side module has one)");
  if (at != 8) fail(r, at, "the dylink.0 section must be the first section of the module");
  struct dylink *d = arena_alloc(r->a, sizeof *d);
  d->pos = (uint32_t)at;
  uint32_t seen = 0; /* bit id: a known subsection was read */
  size_t section_end = r->end;
  while (r->pos < section_end) {
    size_t sub = r->pos;
    uint8_t id = read_u8(r);
    size_t size_at = r->pos;
    uint32_t size = read_u32(r);
    if (size > left(r))
      fail(r, size_at, "length out of bounds: dylink.0 subsection %u of %u bytes, only %zu left",
           id, size, left(r));
    bool known = id > 0 && id <= DYLINK_RUNTIME_PATH;
    const char *what = known ? dylink_subsection_names[id] : "unknown, skipped";
    if (known && (seen >> id & 1)) fail(r, sub, "a second dylink.0 subsection %u (%s)", id, what);
    if (known) seen |= 1u << id;
    r->end = r->pos + size;
    read_dylink_subsection(r, d, id);
    if (r->pos != r->end)
      fail(r, r->pos, "dylink.0 subsection %u (%s) size mismatch: %zu unused bytes", id, what,
           r->end - r->pos);
    r->end = section_end;
  }
  m->dylink = d;
}

/* Does e read the imported global env.field, as in (global.get $__memory_base)? */
static bool at_env_global(const struct module *m, const struct expr *e, const char *field) {
  if (e->count != 2 || e->code[0].op != OP_GLOBAL_GET || e->code[0].imm.idx >= m->nglobals)
    return false;
  const struct global *g = &m->globals[e->code[0].imm.idx];
  if (!g->imported) return false;
  const struct import *im = &m->imports[g->import];
  return im->module.len == 3 && memcmp(im->module.data, "env", 3) == 0 &&
         im->field.len == strlen(field) && memcmp(im->field.data, field, im->field.len) == 0;
}

/* A side module's segments placed at its base must fit in the room the
 * dylink.0 section asks for: the loader reserves only that much.  (Segments
 * at other offsets are allowed; they are checked at instantiation as usual.) */
static void check_dylink_segments(struct reader *r) {
  const struct module *m = r->m;
  const struct dylink *d = m->dylink;
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const struct data *s = &m->datas[i];
    if (s->mode == SEG_ACTIVE && at_env_global(m, &s->offset, "__memory_base") &&
        s->init.len > d->mem_size)
      fail(r, s->pos,
           "data segment %u at env.__memory_base has %u bytes, past the %u bytes of memory the "
           "dylink.0 section declares (mem_size)",
           i, s->init.len, d->mem_size);
  }
  for (uint32_t i = 0; i < m->nelems; i++) {
    const struct elem *s = &m->elems[i];
    if (s->mode == SEG_ACTIVE && at_env_global(m, &s->offset, "__table_base") &&
        s->count > d->table_size)
      fail(r, s->pos,
           "element segment %u at env.__table_base has %u elements, past the %u table slots the "
           "dylink.0 section declares (table_size)",
           i, s->count, d->table_size);
  }
}

/* What the relocation check knows of an operand: __memory_base + k, a
 * constant k, or anything else. */
struct reloc_value {
  enum { RV_OTHER, RV_BASE, RV_CONST } kind;
  uint64_t k; /* RV_BASE: the offset; RV_CONST: the value */
};

/* A side module's relocations (its start function and its
 * __wasm_apply_data_relocs) store at __memory_base + K, in its own data: a
 * store there past mem_size would write another module's data, so it is
 * rejected.  Only the straight-line form toolchains write is followed
 * (global.get, i32.const, i32.add, stores); the check stops at anything else.
 * It catches a broken module, not a malicious one: any function of a side
 * module can write anywhere in its process's memory. */
static void check_dylink_relocs(struct reader *r, uint32_t funcidx) {
  const struct module *m = r->m;
  if (funcidx >= m->nfuncs) return; /* not validated yet: the validator reports it */
  const struct func *f = &m->funcs[funcidx];
  if (f->imported || !f->code_end) return;
  struct arena_mark mark = arena_mark(r->a);
  const struct instr *code = bin_decode_body(m, f, r->a);
  struct reloc_value stack[16];
  uint32_t n = 0;
  for (uint32_t i = 0; i < f->body.count; i++) {
    const struct instr *in = &code[i];
    if (in->op == OP_GLOBAL_GET && n < 16) {
      struct expr e = {(struct instr *)in, 2, in->pos};
      bool base = at_env_global(m, &e, "__memory_base");
      stack[n++] = (struct reloc_value){base ? RV_BASE : RV_OTHER, 0};
    } else if (in->op == OP_I32_CONST && n < 16) {
      stack[n++] = (struct reloc_value){RV_CONST, in->imm.i32};
    } else if (in->op == OP_I32_ADD && n >= 2) {
      struct reloc_value a = stack[n - 2], b = stack[n - 1];
      n--;
      if (a.kind == RV_CONST && b.kind == RV_BASE) a = b, b = stack[n];
      stack[n - 1] = a.kind == RV_BASE && b.kind == RV_CONST ? (struct reloc_value){RV_BASE, a.k + b.k}
                     : a.kind == RV_CONST && b.kind == RV_CONST
                         ? (struct reloc_value){RV_CONST, (uint32_t)(a.k + b.k)}
                         : (struct reloc_value){RV_OTHER, 0};
    } else if ((in->op == OP_I32_STORE || in->op == OP_I64_STORE) && n >= 2) {
      struct reloc_value addr = stack[n - 2];
      uint64_t end = addr.k + in->imm.memarg.offset + opinfo[in->op].align;
      if (addr.kind == RV_BASE && end > m->dylink->mem_size)
        fail(r, in->pos,
             "relocation in function %u stores %u bytes at __memory_base + %" PRIu64
             ", past the %u bytes of memory the dylink.0 section declares (mem_size)",
             funcidx, opinfo[in->op].align, addr.k + in->imm.memarg.offset, m->dylink->mem_size);
      n -= 2;
    } else {
      break;
    }
  }
  arena_release(r->a, mark);
}

/* A custom section starting at offset at: the name section is kept for
 * later, dylink.0 read now, any other skipped. */
static void read_custom(struct reader *r, size_t at) {
  struct bytes name = read_name(r);
  if (name.len == 8 && memcmp(name.data, "dylink.0", 8) == 0) {
    read_dylink(r, at);
  } else if (name.len == 6 && memcmp(name.data, "dylink", 6) == 0) {
    fail(r, at,
         "old \"dylink\" section (the format before September 2021): rebuild the side module "
         "with a newer toolchain (LLVM >= 14, emscripten >= 3.0), which writes \"dylink.0\"");
  } else if (!r->has_names && name.len == 4 && memcmp(name.data, "name", 4) == 0) {
    r->has_names = true;
    r->names_start = r->pos;
    r->names_end = r->end;
  }
  r->pos = r->end;
}

/* ------------------------------------------------------------------------ */
/* The name section                                                         */
/* ------------------------------------------------------------------------ */

/* A name map: vec of (index, name) with increasing indices below limit;
 * names[index] gets each name. */
static void read_namemap(struct reader *r, const char **names, uint32_t limit) {
  uint32_t n = read_count(r, 2, "names");
  int64_t prev = -1;
  for (uint32_t i = 0; i < n; i++) {
    size_t at = r->pos;
    uint32_t idx = read_u32(r);
    if ((int64_t)idx <= prev || idx >= limit) fail(r, at, "bad index in name map");
    prev = idx;
    names[idx] = (const char *)read_name(r).data;
  }
}

struct names {
  struct reader *r;     /* positioned at the name section payload */
  const char *module;   /* subsection 0 */
  const char **funcs;   /* subsection 1, nfuncs entries */
  const char ***locals; /* subsection 2, per function: params+locals entries */
  const char ***labels; /* subsection 3, per function: one entry per block/loop/if */
  const char **tables;  /* subsection 5 */
  const char **mems;    /* subsection 6 */
  const char **globals; /* subsection 7 */
  const char **elems;   /* subsection 8 */
  const char **datas;   /* subsection 9 */
  const char **tags;    /* subsection 11 */
};

static uint32_t nlocals_of(const struct reader *r, uint32_t f) {
  const struct module *m = r->m;
  uint32_t n = m->funcs[f].nlocals;
  uint32_t t = m->funcs[f].typeidx;
  return t < m->ntypes ? n + m->types[t].nparams : n;
}

/* Labels are numbered by the order of block, loop and if in a body. */
static uint32_t nlabels_of(const struct reader *r, uint32_t f) {
  return r->nlabels ? r->nlabels[f] : 0;
}

/* An indirect name map (local or label names): for some functions, in
 * increasing funcidx order, a name map of count(r, f) entries into maps[f]. */
static void read_indirect_names(struct reader *r, const char ***maps,
                                uint32_t (*count)(const struct reader *r, uint32_t f),
                                const char *what) {
  struct module *m = r->m;
  uint32_t n = read_count(r, 2, "functions");
  int64_t prev = -1;
  for (uint32_t i = 0; i < n; i++) {
    size_t at = r->pos;
    uint32_t f = read_u32(r);
    if ((int64_t)f <= prev || f >= m->nfuncs) fail(r, at, "bad function index in %s names", what);
    prev = f;
    uint32_t k = count(r, f);
    maps[f] = arena_array(r->a, k, sizeof *maps[f]);
    read_namemap(r, maps[f], k);
  }
}

static void parse_names(void *arg) {
  struct names *nm = arg;
  struct reader *r = nm->r;
  struct module *m = r->m;
  int last = -1;
  nm->funcs = arena_array(r->a, m->nfuncs, sizeof *nm->funcs);
  nm->locals = arena_array(r->a, m->nfuncs, sizeof *nm->locals);
  nm->labels = arena_array(r->a, m->nfuncs, sizeof *nm->labels);
  nm->tables = arena_array(r->a, m->ntables, sizeof *nm->tables);
  nm->mems = arena_array(r->a, m->nmems, sizeof *nm->mems);
  nm->globals = arena_array(r->a, m->nglobals, sizeof *nm->globals);
  nm->elems = arena_array(r->a, m->nelems, sizeof *nm->elems);
  nm->datas = arena_array(r->a, m->ndatas, sizeof *nm->datas);
  nm->tags = arena_array(r->a, m->ntags, sizeof *nm->tags);
  while (r->pos < r->end) {
    uint8_t id = read_u8(r);
    uint32_t size = read_u32(r);
    if (size > left(r) || (int)id <= last) fail(r, r->pos, "bad name subsection");
    last = id;
    size_t end = r->pos + size, outer = r->end;
    r->end = end;
    switch (id) {
    case 0: nm->module = (const char *)read_name(r).data; break;
    case 1: read_namemap(r, nm->funcs, m->nfuncs); break;
    case 2: read_indirect_names(r, nm->locals, nlocals_of, "local"); break;
    case 3: read_indirect_names(r, nm->labels, nlabels_of, "label"); break;
    case 5: read_namemap(r, nm->tables, m->ntables); break;
    case 6: read_namemap(r, nm->mems, m->nmems); break;
    case 7: read_namemap(r, nm->globals, m->nglobals); break;
    case 8: read_namemap(r, nm->elems, m->nelems); break;
    case 9: read_namemap(r, nm->datas, m->ndatas); break;
    case 11: read_namemap(r, nm->tags, m->ntags); break;
    default: r->pos = end; break; /* types, fields, ...: nowhere to put them */
    }
    if (r->pos != end) fail(r, r->pos, "name subsection size mismatch");
    r->end = outer;
  }
}

/* Decode the name section; fill the module's names only if all of it is well-formed. */
static void apply_names(struct reader *r) {
  struct module *m = r->m;
  struct names nm = {.r = r};
  r->pos = r->names_start;
  r->end = r->names_end;
  if (diag_protect(parse_names, &nm)) return;
  if (nm.module) m->name = nm.module;
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    if (nm.funcs[i]) m->funcs[i].name = nm.funcs[i];
    if (nm.locals[i]) m->funcs[i].local_names = nm.locals[i];
    if (nm.labels[i]) m->funcs[i].label_names = nm.labels[i];
  }
  for (uint32_t i = 0; i < m->ntables; i++)
    if (nm.tables[i]) m->tables[i].name = nm.tables[i];
  for (uint32_t i = 0; i < m->nmems; i++)
    if (nm.mems[i]) m->mems[i].name = nm.mems[i];
  for (uint32_t i = 0; i < m->nglobals; i++)
    if (nm.globals[i]) m->globals[i].name = nm.globals[i];
  for (uint32_t i = 0; i < m->nelems; i++)
    if (nm.elems[i]) m->elems[i].name = nm.elems[i];
  for (uint32_t i = 0; i < m->ntags; i++)
    if (nm.tags[i]) m->tags[i].name = nm.tags[i];
  for (uint32_t i = 0; i < m->ndatas; i++)
    if (nm.datas[i]) m->datas[i].name = nm.datas[i];
}

/* ------------------------------------------------------------------------ */
/* The module                                                               */
/* ------------------------------------------------------------------------ */

static const char *const section_names[] = {
    "custom", "type",  "import",  "function", "table", "memory",     "global",
    "export", "start", "element", "code",     "data",  "data count", "tag",
};

/* Position of each section id in the required order (custom sections aside). */
static const int section_rank[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

struct module *bin_read_module(struct arena *arena, const struct source *src) {
  struct reader rd = {.src = src, .p = src->data, .end = src->size, .a = arena};
  struct reader *r = &rd;
  struct module *m = arena_alloc(arena, sizeof *m);
  m->arena = arena;
  m->src = src;
  r->m = m;

  /* A file cut inside the magic number ends too soon; any other start is
   * not a binary module (the spec's binary.wast tells the two apart). */
  size_t head = src->size < 4 ? src->size : 4;
  if (memcmp(src->data, "\0asm", head) != 0)
    fail(r, 0, "magic header not detected: a .wasm file starts with \\0asm");
  r->pos = head;
  if (head < 4) unexpected_end(r);
  r->pos = 4;
  if (left(r) < 4) unexpected_end(r);
  uint32_t version = (uint32_t)r->p[4] | (uint32_t)r->p[5] << 8 | (uint32_t)r->p[6] << 16 |
                     (uint32_t)r->p[7] << 24;
  if (version != 1) fail(r, 4, "unknown binary version 0x%x, expected 1", version);
  r->pos = 8;

  int last_rank = 0, last_id = 0;
  while (r->pos < src->size) {
    size_t at = r->pos;
    uint8_t id = read_u8(r);
    if (id > 13) fail(r, at, "malformed section id %u", id);
    size_t size_at = r->pos;
    uint32_t size = read_u32(r);
    if (size > left(r))
      fail(r, size_at, "length out of bounds: %s section of %u bytes, only %zu left",
           section_names[id], size, left(r));
    if (id != 0) {
      if (section_rank[id] == last_rank)
        fail(r, at, "unexpected content after last section: a second %s section",
             section_names[id]);
      if (section_rank[id] < last_rank)
        fail(r, at, "unexpected content after last section: %s section after the %s section",
             section_names[id], section_names[last_id]);
      last_rank = section_rank[id], last_id = id;
    }
    r->end = r->pos + size;
    r->in_section = true;
    switch (id) {
    case 0: read_custom(r, at); break;
    case 1: read_types(r); break;
    case 2: read_imports(r); break;
    case 3: read_funcs(r); break;
    case 4: read_tables(r); break;
    case 5: read_mems(r); break;
    case 6: read_globals(r); break;
    case 7: read_exports(r); break;
    case 8: read_start(r); break;
    case 9: read_elems(r); break;
    case 10: read_code(r); break;
    case 11: read_datas(r); break;
    case 12: read_datacount(r); break;
    case 13: read_tags(r); break;
    }
    if (r->pos != r->end)
      fail(r, r->pos, "section size mismatch: %zu unused bytes at the end of the %s section",
           r->end - r->pos, section_names[id]);
    r->end = src->size;
    r->in_section = false;
  }
  if (r->nfuncdecls && last_rank < section_rank[10])
    fail(r, r->pos,
         "function and code section have inconsistent lengths: %u functions, no code section",
         r->nfuncdecls);
  if (m->has_datacount && m->datacount && !r->has_data)
    fail(r, r->pos, "data count and data section have inconsistent lengths: %u and no data section",
         m->datacount);
  if (m->dylink) {
    check_dylink_segments(r);
    if (m->has_start) check_dylink_relocs(r, m->start);
    for (uint32_t i = 0; i < m->nexports; i++)
      if (m->exports[i].kind == EXT_FUNC && m->exports[i].name.len == 24 &&
          memcmp(m->exports[i].name.data, "__wasm_apply_data_relocs", 24) == 0)
        check_dylink_relocs(r, m->exports[i].index);
  }
  if (r->has_names) apply_names(r);
  return m;
}

struct instr *bin_decode_body(const struct module *m, const struct func *f, struct arena *a) {
  /* The module is only read: read_expr's data count check looks at it. */
  struct reader rd = {.src = m->src, .p = m->src->data, .pos = f->body.pos, .end = f->code_end,
                      .a = a, .m = (struct module *)m, .in_section = true, .in_body = true};
  size_t count = f->body.count; /* not zeroed: decode_expr zeroes each instruction */
  if (count > SIZE_MAX / sizeof *rd.scratch) diag_error(NULL, 0, "out of memory: array too large");
  rd.scratch = arena_bytes(a, count * sizeof *rd.scratch);
  rd.scratch_cap = f->body.count;
  uint32_t labels;
  uint32_t n = decode_expr(&rd, &labels, true);
  if (n != f->body.count || rd.pos != rd.end) diag_error(m->src, f->body.pos, "internal error: the body decodes differently");
  for (uint32_t i = 0, k = 0; f->label_names && i < n; i++)
    if (op_opens_block(rd.scratch[i].op)) rd.scratch[i].imm.block.label = f->label_names[k++];
  return rd.scratch;
}
