/* validate_code.c - the typing rules of instructions: the operand stack and
 * control stack algorithm of the spec's validation appendix, with the
 * polymorphic stack after unreachable, br, br_table and return.  Function
 * bodies and constant expressions both go through step(). */
#include <string.h>

#include "compiler.h"

/* Operand stack entries are valtype encodings; UNKNOWN is the spec's
 * "Unknown", a value of any type popped from a polymorphic stack. */
#define UNKNOWN 0

/* Marks the outermost frame (function body or constant expression). */
#define OP_FUNC OP_COUNT

struct frame {
  uint16_t op;                 /* OP_BLOCK, OP_LOOP, OP_IF, OP_TRY_TABLE, OP_TRY, OP_ELSE (if
                                  after else), OP_CATCH / OP_CATCH_ALL (a legacy try after
                                  one), or OP_FUNC */
  bool unreachable;            /* rest of the frame is stack-polymorphic */
  uint32_t height;             /* operand stack height at entry */
  const enum valtype *params;  /* blocktype parameters */
  uint32_t nparams;            /* number of params */
  const enum valtype *results; /* blocktype results */
  uint32_t nresults;           /* number of results */
  uint32_t checked;            /* br_table serial that last checked this label */
  uint32_t inits;              /* height of val_code.inits at entry */
};

struct val_code {
  struct module *m;            /* the module being checked */
  enum valtype *vals;          /* operand stack (value types or UNKNOWN) */
  uint32_t nvals, capvals;     /* height and capacity */
  struct frame *ctrls;         /* control stack */
  uint32_t nctrls, capctrls;   /* depth and capacity */
  uint32_t max_vals;           /* highest nvals seen in the current expression */
  uint32_t max_ctrls;          /* highest nctrls seen in the current expression */
  const struct functype *func; /* type of the function being checked, NULL in const exprs */
  const struct func *fn;       /* the function being checked, NULL in const exprs */
  const char *what;            /* name of the constant expression being checked, or NULL */
  uint32_t const_globals;      /* a constant expression may read globals [0, this) */
  bool own_globals_const;      /* ... the module's own too (3.0); else imported ones only */
  uint32_t br_tables;          /* br_table serial: each label's types are checked once */
  enum valtype const_type;     /* the type of the constant expression being checked */
  /* Non-defaultable locals (non-nullable references) must be set before they
   * are read, and a set counts until the end of its block: */
  bool *local_set;           /* per local of the function: set on this path */
  uint32_t local_set_cap;    /* capacity of local_set */
  uint32_t *inits;           /* locals set in the open blocks, in order */
  uint32_t ninits, capinits; /* height and capacity */
};

static const char *type_name(unsigned t) {
  if (t == UNKNOWN) return "any";
  const char *n = valtype_name((enum valtype)t);
  return n[0] == '?' ? "<invalid type>" : n;
}

/* Append "[t1, t2]" to buf: n types, from ev (expected) or sv (stack). */
static void fmt_types(char *buf, size_t cap, const enum valtype *ev, const enum valtype *sv,
                      uint32_t n, bool dots) {
  /* cap >= 32 in every caller; an entry that would leave less than 11 bytes
   * (", ...]" and a margin) is not written */
  size_t len = (size_t)snprintf(buf, cap, "[%s", dots ? "..." : "");
  uint32_t i = 0;
  for (; i < n; i++) {
    char one[48]; /* ", (ref null 2097151)" at most */
    int k = snprintf(one, sizeof one, "%s%s", i || dots ? ", " : "",
                     type_name(ev ? (unsigned)ev[i] : sv[i]));
    if (len + (size_t)k + 11 >= cap) break;
    memcpy(buf + len, one, (size_t)k + 1);
    len += (size_t)k;
  }
  snprintf(buf + len, cap - len, "%s]", i < n ? ", ..." : "");
}

void val_types_str(char *buf, size_t cap, const enum valtype *ts, uint32_t n) {
  fmt_types(buf, cap, ts, NULL, n, false);
}

static _Noreturn void fail(struct val_code *v, const struct instr *in, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static _Noreturn void fail(struct val_code *v, const struct instr *in, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_verror(v->m->src, in->pos, fmt, ap);
}

/* The top n entries of the value stack (NULL when n is 0: the stack may not
 * have been allocated yet, and NULL + 0 is undefined). */
static const enum valtype *stack_top(const struct val_code *v, uint32_t n) {
  return n ? v->vals + v->nvals - n : NULL;
}

/* "type mismatch in NAME, expected [EXP] but got [top n of the frame's stack]". */
static _Noreturn void mismatch(struct val_code *v, const struct instr *in, const char *name,
                               const enum valtype *exp, uint32_t nexp, uint32_t ngot) {
  char e[200], g[200];
  const struct frame *f = &v->ctrls[v->nctrls - 1];
  uint32_t avail = v->nvals - f->height;
  if (ngot > avail) ngot = avail;
  fmt_types(e, sizeof e, exp, NULL, nexp, false);
  /* "[..., f32]": below the values shown, the polymorphic stack gives any type */
  fmt_types(g, sizeof g, NULL, stack_top(v, ngot), ngot, f->unreachable && ngot < nexp);
  fail(v, in, "type mismatch in %s, expected %s but got %s", name, e, g);
}

/* val_check_index at the instruction. */
static void check_index(struct val_code *v, const struct instr *in, uint32_t idx, uint64_t n,
                        const char *space) {
  val_check_index(v->m, in->pos, idx, n, space);
}

static void push(struct val_code *v, unsigned t) {
  ARENA_RESERVE(v->m->arena, v->vals, v->nvals, v->capvals, 1);
  v->vals[v->nvals++] = (enum valtype)t;
  if (v->nvals > v->max_vals) v->max_vals = v->nvals;
}

static void push_list(struct val_code *v, const enum valtype *ts, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) push(v, ts[i]);
}

/* Check that the top of the frame's stack matches ts[0..n) (ts[n-1] on top);
 * an UNKNOWN in ts matches anything.  Nothing is popped. */
static void check_list(struct val_code *v, const struct instr *in, const char *name,
                       const enum valtype *ts, uint32_t n) {
  const struct frame *f = &v->ctrls[v->nctrls - 1];
  uint32_t avail = v->nvals - f->height;
  for (uint32_t k = 0; k < n; k++) { /* k: depth from the top */
    unsigned want = ts[n - 1 - k];
    if (k >= avail) {
      if (!f->unreachable) mismatch(v, in, name, ts, n, n);
      return;
    }
    unsigned got = v->vals[v->nvals - 1 - k];
    if (got != UNKNOWN && want != UNKNOWN && !val_sub(v->m, (enum valtype)got, (enum valtype)want))
      mismatch(v, in, name, ts, n, n);
  }
}

/* check_list, then pop what the frame has of those n values. */
static void pop_list(struct val_code *v, const struct instr *in, const char *name,
                     const enum valtype *ts, uint32_t n) {
  check_list(v, in, name, ts, n);
  uint32_t avail = v->nvals - v->ctrls[v->nctrls - 1].height;
  v->nvals -= n < avail ? n : avail;
}

static void pop1(struct val_code *v, const struct instr *in, enum valtype t) {
  pop_list(v, in, opinfo[in->op].name, &t, 1);
}

/* Pop one value of any type; returns it (UNKNOWN on a polymorphic stack). */
static unsigned pop_any(struct val_code *v, const struct instr *in) {
  const struct frame *f = &v->ctrls[v->nctrls - 1];
  if (v->nvals > f->height) return v->vals[--v->nvals];
  if (!f->unreachable) {
    enum valtype any = UNKNOWN;
    mismatch(v, in, opinfo[in->op].name, &any, 1, 0);
  }
  return UNKNOWN;
}

/* The frame's operand stack must be exactly ts (the end of a block or body). */
static void check_exact(struct val_code *v, const struct instr *in, const char *name,
                        const enum valtype *ts, uint32_t n) {
  const struct frame *f = &v->ctrls[v->nctrls - 1];
  uint32_t avail = v->nvals - f->height;
  if (avail > n || (avail < n && !f->unreachable)) mismatch(v, in, name, ts, n, avail);
  check_list(v, in, name, ts, n);
}

static void set_unreachable(struct val_code *v) {
  struct frame *f = &v->ctrls[v->nctrls - 1];
  v->nvals = f->height;
  f->unreachable = true;
}

static void push_frame(struct val_code *v, uint16_t op, const enum valtype *params, uint32_t np,
                       const enum valtype *results, uint32_t nr) {
  ARENA_RESERVE(v->m->arena, v->ctrls, v->nctrls, v->capctrls, 1);
  v->ctrls[v->nctrls++] =
      (struct frame){op, false, v->nvals, params, np, results, nr, 0, v->ninits};
  if (v->nctrls > v->max_ctrls) v->max_ctrls = v->nctrls;
  push_list(v, params, np);
}

/* The frame that label depth names. */
static struct frame *label(struct val_code *v, const struct instr *in, uint32_t depth) {
  check_index(v, in, depth, v->nctrls, "label");
  return &v->ctrls[v->nctrls - 1 - depth];
}

static const enum valtype *label_types(const struct frame *f, uint32_t *n) {
  if (f->op == OP_LOOP) {
    *n = f->nparams;
    return f->params;
  }
  *n = f->nresults;
  return f->results;
}

/* Type of the valtype letter c of an opcodes.def signature. */
/* The SIG column and load/store alignments, decoded once from opinfo[]. */
struct optype {
  uint8_t np, nr;    /* numbers of params and results */
  uint8_t align;     /* loads and stores: natural alignment in bytes */
  enum valtype p[4]; /* params, the last one on top of the stack */
  enum valtype r[4]; /* results */
};
static struct optype optypes[OP_COUNT];

static void init_optypes(void) {
  static bool done;
  if (done) return;
  for (int op = 0; op < OP_COUNT; op++) {
    struct optype *t = &optypes[op];
    const char *sig = opinfo[op].sig;
    while (*sig && *sig != ':' && t->np < 4) t->p[t->np++] = sig_valtype(*sig++);
    if (*sig == ':') sig++;
    while (*sig && t->nr < 4) t->r[t->nr++] = sig_valtype(*sig++);
    if (opinfo[op].imm == IMM_MEMARG || opinfo[op].imm == IMM_MEMARG_LANE)
      t->align = opinfo[op].align;
  }
  done = true;
}

/* Instructions typed by their SIG column: pop the params, push the results. */
static void step_sig(struct val_code *v, const struct instr *in) {
  const struct optype *t = &optypes[in->op];
  pop_list(v, in, opinfo[in->op].name, t->p, t->np);
  push_list(v, t->r, t->nr);
}

/* Check memory index mem; returns its address type (i64 for memory64). */
static enum valtype memory_index(struct val_code *v, const struct instr *in, uint32_t mem) {
  check_index(v, in, mem, v->m->nmems, "memory");
  return v->m->mems[mem].limits.i64 ? VT_I64 : VT_I32;
}

/* A lane immediate must name one of the shape's lanes. */
static void step_lane(struct val_code *v, const struct instr *in, uint32_t lane) {
  uint32_t n = opinfo[in->op].lanes;
  if (lane >= n)
    fail(v, in, "lane index %u out of range in %s (max %u)", lane, opinfo[in->op].name, n - 1);
}

static void step_memarg(struct val_code *v, const struct instr *in) {
  const struct memarg *ma = &in->imm.memarg;
  enum valtype at = memory_index(v, in, ma->mem);
  uint32_t nat = optypes[in->op].align;
  if ((opinfo[in->op].flags & OPF_ATOMIC) && (ma->align > 4 || (1u << ma->align) != nat))
    fail(v, in, "alignment must be equal to natural alignment (%u) in %s", nat,
         opinfo[in->op].name);
  if (ma->align > 4 || (1u << ma->align) > nat)
    fail(v, in, "alignment must not be larger than natural alignment (%u) in %s", nat,
         opinfo[in->op].name);
  if (at == VT_I32 && ma->offset > UINT32_MAX)
    fail(v, in, "offset out of range in %s", opinfo[in->op].name);
  if (opinfo[in->op].imm == IMM_MEMARG_LANE) step_lane(v, in, ma->lane);
  /* the SIG column's first param is the address: the memory's address type */
  const struct optype *t = &optypes[in->op];
  enum valtype ps[4];
  memcpy(ps, t->p, sizeof ps);
  ps[0] = at;
  pop_list(v, in, opinfo[in->op].name, ps, t->np);
  push_list(v, t->r, t->nr);
}

static void data_index(struct val_code *v, const struct instr *in, uint32_t idx) {
  const struct module *m = v->m;
  if (m->src && !m->src->is_text && !m->has_datacount)
    fail(v, in, "data count section required by %s", opinfo[in->op].name);
  check_index(v, in, idx, m->ndatas, "data segment");
}

static const struct table *table_index(struct val_code *v, const struct instr *in, uint32_t idx) {
  check_index(v, in, idx, v->m->ntables, "table");
  return &v->m->tables[idx];
}

/* A table's index type: i64 for table64. */
static enum valtype index_type(const struct table *t) { return t->limits.i64 ? VT_I64 : VT_I32; }

/* Table instructions; a table64's indices and sizes are i64 (table.copy's
 * count is i64 only between two i64 tables). */
static void step_table(struct val_code *v, const struct instr *in) {
  const struct module *m = v->m;
  const char *name = opinfo[in->op].name;
  enum valtype ts[3];
  if (in->op == OP_TABLE_COPY) {
    const struct table *d = table_index(v, in, in->imm.pair.a);
    const struct table *s = table_index(v, in, in->imm.pair.b);
    if (!val_sub(m, s->reftype, d->reftype))
      fail(v, in, "type mismatch in table.copy, table %u is %s but table %u is %s", in->imm.pair.a,
           type_name(d->reftype), in->imm.pair.b, type_name(s->reftype));
    ts[0] = index_type(d), ts[1] = index_type(s);
    ts[2] = ts[0] == VT_I64 && ts[1] == VT_I64 ? VT_I64 : VT_I32;
    pop_list(v, in, name, ts, 3);
    return;
  }
  if (in->op == OP_TABLE_INIT) {
    const struct table *t = table_index(v, in, in->imm.pair.b);
    check_index(v, in, in->imm.pair.a, m->nelems, "elem segment");
    enum valtype et = m->elems[in->imm.pair.a].reftype;
    if (!val_sub(m, et, t->reftype))
      fail(v, in, "type mismatch in table.init, elem segment %u is %s but table %u is %s",
           in->imm.pair.a, type_name(et), in->imm.pair.b, type_name(t->reftype));
    ts[0] = index_type(t), ts[1] = ts[2] = VT_I32;
    pop_list(v, in, name, ts, 3);
    return;
  }
  if (in->op == OP_ELEM_DROP) {
    check_index(v, in, in->imm.idx, m->nelems, "elem segment");
    return;
  }
  const struct table *t = table_index(v, in, in->imm.idx);
  enum valtype rt = t->reftype, it = index_type(t);
  switch (in->op) {
  case OP_TABLE_GET:
    pop1(v, in, it);
    push(v, rt);
    break;
  case OP_TABLE_SET:
    ts[0] = it, ts[1] = rt;
    pop_list(v, in, name, ts, 2);
    break;
  case OP_TABLE_SIZE: push(v, it); break;
  case OP_TABLE_GROW:
    ts[0] = rt, ts[1] = it;
    pop_list(v, in, name, ts, 2);
    push(v, it);
    break;
  default: /* OP_TABLE_FILL */
    ts[0] = it, ts[1] = rt, ts[2] = it;
    pop_list(v, in, name, ts, 3);
    break;
  }
}

/* Memory instructions; an i64 memory's addresses and sizes are i64
 * (memory.copy's count is i64 only between two i64 memories). */
static void step_memory(struct val_code *v, const struct instr *in) {
  const char *name = opinfo[in->op].name;
  enum valtype at, ts[3];
  switch (in->op) {
  case OP_MEMORY_SIZE:
    push(v, memory_index(v, in, in->imm.idx));
    break;
  case OP_MEMORY_GROW:
    at = memory_index(v, in, in->imm.idx);
    pop1(v, in, at);
    push(v, at);
    break;
  case OP_MEMORY_FILL:
    at = memory_index(v, in, in->imm.idx);
    ts[0] = at, ts[1] = VT_I32, ts[2] = at;
    pop_list(v, in, name, ts, 3);
    break;
  case OP_MEMORY_COPY:
    ts[0] = memory_index(v, in, in->imm.pair.a);
    ts[1] = memory_index(v, in, in->imm.pair.b);
    ts[2] = ts[0] == VT_I64 && ts[1] == VT_I64 ? VT_I64 : VT_I32;
    pop_list(v, in, name, ts, 3);
    break;
  case OP_MEMORY_INIT:
    ts[0] = memory_index(v, in, in->imm.pair.b);
    data_index(v, in, in->imm.pair.a);
    ts[1] = ts[2] = VT_I32;
    pop_list(v, in, name, ts, 3);
    break;
  default: /* OP_DATA_DROP */ data_index(v, in, in->imm.idx); break;
  }
}

static void step_block(struct val_code *v, const struct instr *in) {
  const struct blocktype *bt = &in->imm.block;
  const enum valtype *ps = NULL, *rs = NULL;
  uint32_t np = 0, nr = 0;
  if (bt->kind == BT_VALUE) {
    if (!val_known_valtype(v->m, bt->valtype))
      fail(v, in, "invalid block type in %s", opinfo[in->op].name);
    rs = &bt->valtype;
    nr = 1;
  } else if (bt->kind == BT_INDEX) {
    check_index(v, in, bt->typeidx, v->m->ntypes, "type");
    const struct functype *ft = &v->m->types[bt->typeidx];
    ps = ft->params, np = ft->nparams, rs = ft->results, nr = ft->nresults;
  }
  if (v->nctrls > LIMIT_DEPTH) /* the function's own frame is not a block */
    fail(v, in, "blocks nested too deeply: the limit is %u", LIMIT_DEPTH);
  if (in->op == OP_IF) pop1(v, in, VT_I32);
  pop_list(v, in, opinfo[in->op].name, ps, np);
  push_frame(v, in->op, ps, np, rs, nr);
}

/* The type of tag tagidx (a function type without results). */
static const struct functype *tag_type(struct val_code *v, const struct instr *in,
                                       uint32_t tagidx) {
  check_index(v, in, tagidx, v->m->ntags, "tag");
  return &v->m->types[v->m->tags[tagidx].typeidx];
}

/* throw x: the tag's params, then nothing (the rest is polymorphic). */
static void step_throw(struct val_code *v, const struct instr *in) {
  const struct functype *ft = tag_type(v, in, in->imm.idx);
  pop_list(v, in, "throw", ft->params, ft->nparams);
  set_unreachable(v);
}

static bool all_sub(const struct module *m, const enum valtype *a, uint32_t na,
                    const enum valtype *b, uint32_t nb);

/* try_table: each catch clause hands its label the tag's payload, then a
 * (ref exn) for catch_ref and catch_all_ref; labels count outside the
 * try_table.  Then the try_table is a block. */
static void step_try_table(struct val_code *v, const struct instr *in) {
  const struct blocktype *bt = &in->imm.block;
  for (uint32_t i = 0; i < bt->ncatches; i++) {
    const struct catch_clause *c = &bt->catches[i];
    const struct functype *ft =
        c->kind == CATCH || c->kind == CATCH_REF ? tag_type(v, in, c->tag) : NULL;
    uint32_t np = ft ? ft->nparams : 0, n = np + (c->kind == CATCH_REF || c->kind == CATCH_ALL_REF);
    enum valtype *ts = arena_array(v->m->arena, n + 1, sizeof *ts);
    if (np) memcpy(ts, ft->params, np * sizeof *ts);
    if (n > np) ts[np] = vt_ref(false, HT_EXN);
    uint32_t nl;
    const enum valtype *lt = label_types(label(v, in, c->label), &nl);
    if (!all_sub(v->m, ts, n, lt, nl)) {
      char want[128] = "", got[128] = "";
      fmt_types(want, sizeof want, lt, NULL, nl, false);
      fmt_types(got, sizeof got, ts, NULL, n, false);
      fail(v, in, "type mismatch in catch clause %u of try_table: label %u takes %s, the clause gives %s",
           i, c->label, want, got);
    }
  }
  step_block(v, in);
}

/* Name of a frame's end in messages. */
static const char *frame_name(const struct val_code *v, const struct frame *f) {
  switch (f->op) {
  case OP_FUNC: return v->what ? v->what : "implicit return";
  case OP_IF: return "if true branch";
  case OP_ELSE: return "if false branch";
  default: return opinfo[f->op].name;
  }
}

/* Whether the n types of a match those of b one by one (a[i] <: b[i]). */
static bool all_sub(const struct module *m, const enum valtype *a, uint32_t na,
                    const enum valtype *b, uint32_t nb) {
  if (na != nb) return false;
  for (uint32_t i = 0; i < na; i++)
    if (!val_sub(m, a[i], b[i])) return false;
  return true;
}

/* Forget the locals set since the frame began (its end, or else). */
static void undo_inits(struct val_code *v, const struct frame *f) {
  while (v->ninits > f->inits) v->local_set[v->inits[--v->ninits]] = false;
}

static void step_end(struct val_code *v, const struct instr *in) {
  struct frame *f = &v->ctrls[v->nctrls - 1];
  check_exact(v, in, frame_name(v, f), f->results, f->nresults);
  undo_inits(v, f);
  if (f->op == OP_IF && !all_sub(v->m, f->params, f->nparams, f->results, f->nresults)) {
    char e[200], g[200];
    fmt_types(e, sizeof e, f->results, NULL, f->nresults, false);
    fmt_types(g, sizeof g, f->params, NULL, f->nparams, false);
    fail(v, in, "type mismatch in if false branch, expected %s but got %s", e, g);
  }
  v->nvals = f->height;
  v->nctrls--;
  push_list(v, f->results, f->nresults);
}

static void step_else(struct val_code *v, const struct instr *in) {
  struct frame *f = &v->ctrls[v->nctrls - 1];
  if (f->op != OP_IF) fail(v, in, "else without a matching if");
  check_exact(v, in, frame_name(v, f), f->results, f->nresults);
  undo_inits(v, f);
  v->nvals = f->height;
  f->op = OP_ELSE;
  f->unreachable = false;
  push_list(v, f->params, f->nparams);
}

/* The legacy catch x and catch_all: the try's body (or the previous catch)
 * ends, a handler starts with the tag's payload. */
static void step_catch(struct val_code *v, const struct instr *in) {
  struct frame *f = &v->ctrls[v->nctrls - 1];
  if (f->op != OP_TRY && f->op != OP_CATCH)
    fail(v, in, "%s without a matching try", opinfo[in->op].name);
  const struct functype *ft = in->op == OP_CATCH ? tag_type(v, in, in->imm.idx) : NULL;
  check_exact(v, in, frame_name(v, f), f->results, f->nresults);
  undo_inits(v, f);
  v->nvals = f->height;
  f->op = in->op;
  f->unreachable = false;
  if (ft) push_list(v, ft->params, ft->nparams);
}

/* delegate l: ends a legacy try (without catches); l counts outside it. */
static void step_delegate(struct val_code *v, const struct instr *in) {
  if (v->ctrls[v->nctrls - 1].op != OP_TRY) fail(v, in, "delegate without a matching try");
  step_end(v, in);
  check_index(v, in, in->imm.idx, v->nctrls, "label");
}

/* rethrow l: l must be a legacy catch or catch_all. */
static void step_rethrow(struct val_code *v, const struct instr *in) {
  const struct frame *f = label(v, in, in->imm.idx);
  if (f->op != OP_CATCH && f->op != OP_CATCH_ALL) fail(v, in, "invalid rethrow label");
  set_unreachable(v);
}

static void step_branch(struct val_code *v, const struct instr *in) {
  const char *name = opinfo[in->op].name;
  uint32_t n;
  const enum valtype *ts;
  if (in->op == OP_BR) {
    ts = label_types(label(v, in, in->imm.idx), &n);
    pop_list(v, in, name, ts, n);
    set_unreachable(v);
  } else if (in->op == OP_BR_IF) {
    ts = label_types(label(v, in, in->imm.idx), &n);
    pop1(v, in, VT_I32);
    pop_list(v, in, name, ts, n);
    push_list(v, ts, n);
  } else { /* OP_BR_TABLE */
    const uint32_t *labels = in->imm.br_table.labels;
    uint32_t count = in->imm.br_table.count;
    if (!labels) fail(v, in, "br_table without a default label");
    ts = label_types(label(v, in, labels[count]), &n);
    pop1(v, in, VT_I32);
    if (++v->br_tables == 0) { /* serial wrapped: forget old marks */
      for (uint32_t i = 0; i < v->nctrls; i++) v->ctrls[i].checked = 0;
      v->br_tables = 1;
    }
    for (uint32_t i = 0; i < count; i++) {
      uint32_t ni;
      struct frame *f = label(v, in, labels[i]);
      if (f->checked == v->br_tables) continue; /* same label as an earlier entry */
      f->checked = v->br_tables;
      const enum valtype *ti = label_types(f, &ni);
      if (ni != n) {
        char a[200], b[200];
        fmt_types(a, sizeof a, ti, NULL, ni, false);
        fmt_types(b, sizeof b, ts, NULL, n, false);
        fail(v, in,
             "type mismatch in br_table, label %u expects %s but the default label %u "
             "expects %s",
             labels[i], a, labels[count], b);
      }
      check_list(v, in, name, ti, ni);
    }
    pop_list(v, in, name, ts, n);
    set_unreachable(v);
  }
}

/* call, call_indirect, call_ref and their return_ forms. */
static void step_call(struct val_code *v, const struct instr *in) {
  const struct module *m = v->m;
  const struct functype *ft;
  if (in->op == OP_CALL || in->op == OP_RETURN_CALL) {
    check_index(v, in, in->imm.idx, m->nfuncs, "function");
    ft = &m->types[m->funcs[in->imm.idx].typeidx];
  } else if (in->op == OP_CALL_REF || in->op == OP_RETURN_CALL_REF) {
    check_index(v, in, in->imm.idx, m->ntypes, "type");
    ft = &m->types[in->imm.idx];
    pop1(v, in, vt_ref(true, HT_TYPE + in->imm.idx));
  } else {
    const struct table *t = table_index(v, in, in->imm.pair.b);
    if (heap_top(vt_heap(t->reftype)) != HT_FUNC)
      fail(v, in, "type mismatch in %s, table %u is %s but must be funcref", opinfo[in->op].name,
           in->imm.pair.b, type_name(t->reftype));
    check_index(v, in, in->imm.pair.a, m->ntypes, "type");
    ft = &m->types[in->imm.pair.a];
    pop1(v, in, index_type(t));
  }
  pop_list(v, in, opinfo[in->op].name, ft->params, ft->nparams);
  if (in->op == OP_CALL || in->op == OP_CALL_INDIRECT || in->op == OP_CALL_REF) {
    push_list(v, ft->results, ft->nresults);
    return;
  }
  /* A tail call returns what the callee returns: types that match the function's. */
  const struct functype *own = v->func;
  if (!all_sub(m, ft->results, ft->nresults, own->results, own->nresults)) {
    char a[200], b[200];
    fmt_types(a, sizeof a, ft->results, NULL, ft->nresults, false);
    fmt_types(b, sizeof b, own->results, NULL, own->nresults, false);
    fail(v, in, "type mismatch in %s, the callee returns %s but the function returns %s",
         opinfo[in->op].name, a, b);
  }
  set_unreachable(v);
}

static bool is_num(unsigned t) {
  return t == UNKNOWN || t == VT_I32 || t == VT_I64 || t == VT_F32 || t == VT_F64 || t == VT_V128;
}

/* Untyped select: [t t i32] -> [t] for a numeric t. */
static void step_select(struct val_code *v, const struct instr *in) {
  const struct frame *f = &v->ctrls[v->nctrls - 1];
  uint32_t avail = v->nvals - f->height;
  unsigned t[3]; /* t[0] deepest, t[2] the condition */
  for (uint32_t k = 0; k < 3; k++) t[2 - k] = k < avail ? v->vals[v->nvals - 1 - k] : UNKNOWN;
  unsigned want = t[0] != UNKNOWN ? t[0] : t[1];
  enum valtype exp[3] = {(enum valtype)want, (enum valtype)want, VT_I32};
  if ((avail < 3 && !f->unreachable) || (t[2] != VT_I32 && t[2] != UNKNOWN) ||
      (t[1] != want && t[1] != UNKNOWN))
    mismatch(v, in, "select", exp, 3, 3);
  if (!is_num(want)) {
    char g[200];
    fmt_types(g, sizeof g, NULL, stack_top(v, avail < 3 ? avail : 3), avail < 3 ? avail : 3,
              avail < 3);
    fail(v, in,
         "type mismatch in select, expected numeric operands but got %s (select of "
         "references needs a result type)",
         g);
  }
  v->nvals -= avail < 3 ? avail : 3;
  push(v, want);
}

static void step_variable(struct val_code *v, const struct instr *in) {
  const struct module *m = v->m;
  uint32_t idx = in->imm.idx;
  enum valtype t;
  if (in->op == OP_GLOBAL_GET || in->op == OP_GLOBAL_SET) {
    check_index(v, in, idx, m->nglobals, "global");
    const struct global *g = &m->globals[idx];
    t = g->type;
    if (v->what && idx >= v->const_globals && !v->own_globals_const)
      fail(v, in,
           "constant expression can only read imported globals, but global %u is "
           "defined in the module",
           idx);
    if (v->what && idx >= v->const_globals) /* 3.0: a later global of the module */
      fail(v, in, "unknown global %u (a constant expression reads the globals before it)", idx);
    if (v->what && g->mutable_)
      fail(v, in, "constant expression cannot read mutable global %u", idx);
    if (in->op == OP_GLOBAL_GET) push(v, t);
    else if (!g->mutable_) fail(v, in, "global.set of immutable global %u", idx);
    else pop1(v, in, t);
    return;
  }
  const struct functype *ft = v->func;
  check_index(v, in, idx, (uint64_t)ft->nparams + v->fn->nlocals, "local");
  t = idx < ft->nparams ? ft->params[idx] : v->fn->locals[idx - ft->nparams];
  bool tracked = idx >= ft->nparams && !vt_nullable(t); /* not defaultable */
  if (in->op == OP_LOCAL_GET) {
    if (tracked && !v->local_set[idx])
      fail(v, in, "uninitialized local %u: a local of type %s must be set before it is read", idx,
           valtype_name(t));
    push(v, t);
    return;
  }
  pop1(v, in, t);
  if (in->op == OP_LOCAL_TEE) push(v, t);
  if (tracked && !v->local_set[idx]) {
    v->local_set[idx] = true;
    ARENA_RESERVE(m->arena, v->inits, v->ninits, v->capinits, 1);
    v->inits[v->ninits++] = idx;
  }
}

/* Pop a reference of any type; returns it (UNKNOWN on a polymorphic stack). */
static unsigned pop_ref(struct val_code *v, const struct instr *in) {
  unsigned t = pop_any(v, in);
  if (t != UNKNOWN && !valtype_is_ref((enum valtype)t))
    fail(v, in, "type mismatch in %s, expected a reference but got [%s]", opinfo[in->op].name,
         type_name(t));
  return t;
}

/* The non-null form of reference type t (UNKNOWN: the bottom reference). */
static enum valtype non_null(unsigned t) {
  return vt_ref(false, t == UNKNOWN ? HT_BOT : vt_heap((enum valtype)t));
}

static void step_ref(struct val_code *v, const struct instr *in) {
  const struct module *m = v->m;
  if (in->op == OP_REF_NULL) {
    enum valtype t = (enum valtype)in->imm.idx;
    if (!valtype_is_ref(t)) fail(v, in, "ref.null needs a reference type (func or extern)");
    if (!val_known_valtype(m, t)) check_index(v, in, vt_heap(t) - HT_TYPE, m->ntypes, "type");
    push(v, t);
  } else if (in->op == OP_REF_IS_NULL) {
    pop_ref(v, in);
    push(v, VT_I32);
  } else if (in->op == OP_REF_AS_NON_NULL) {
    push(v, non_null(pop_ref(v, in)));
  } else { /* OP_REF_FUNC */
    check_index(v, in, in->imm.idx, m->nfuncs, "function");
    if (!v->what && !m->funcs[in->imm.idx].declared)
      fail(v, in,
           "undeclared function reference %u in ref.func (name it in an elem "
           "segment, an export or a global initializer)",
           in->imm.idx);
    push(v, vt_ref(false, HT_TYPE + m->funcs[in->imm.idx].typeidx));
  }
}

/* br_on_null: [t* (ref null ht)] -> [t* (ref ht)], to the label with [t*];
 * br_on_non_null: [t* (ref null ht)] -> [t*], to the label with [t* (ref ht)]. */
static void step_br_on(struct val_code *v, const struct instr *in) {
  uint32_t n;
  const enum valtype *ts = label_types(label(v, in, in->imm.idx), &n);
  unsigned t = pop_ref(v, in);
  if (in->op == OP_BR_ON_NULL) {
    pop_list(v, in, opinfo[in->op].name, ts, n);
    push_list(v, ts, n);
    push(v, non_null(t));
    return;
  }
  if (n == 0 || !val_sub(v->m, non_null(t), ts[n - 1])) {
    char e[200];
    fmt_types(e, sizeof e, ts, NULL, n, false);
    fail(v, in,
         "type mismatch in br_on_non_null, the label expects %s, which must end with a "
         "reference type matching %s",
         e, valtype_name(non_null(t)));
  }
  pop_list(v, in, opinfo[in->op].name, ts, n - 1);
  push_list(v, ts, n - 1);
}

static void step_shuffle(struct val_code *v, const struct instr *in) {
  for (int i = 0; i < 16; i++)
    if (in->imm.v128[i] >= 32)
      fail(v, in, "lane index %u out of range in i8x16.shuffle (max 31)", in->imm.v128[i]);
  step_sig(v, in);
}

/* The instructions a constant expression may use: 2.0's, and the integer
 * add, sub and mul of the extended-const proposal (part of 3.0). */
static bool const_op(enum opcode op) {
  switch (op) {
  case OP_I32_ADD:
  case OP_I32_SUB:
  case OP_I32_MUL:
  case OP_I64_ADD:
  case OP_I64_SUB:
  case OP_I64_MUL:
  case OP_I32_CONST:
  case OP_I64_CONST:
  case OP_F32_CONST:
  case OP_F64_CONST:
  case OP_V128_CONST:
  case OP_REF_NULL:
  case OP_REF_FUNC:
  case OP_GLOBAL_GET:
  case OP_END: return true;
  default: return false;
  }
}

static void step(struct val_code *v, const struct instr *in) {
  if (in->op >= OP_COUNT) fail(v, in, "unknown instruction (opcode %u)", in->op);
  enum opcode op = (enum opcode)in->op;
  if (v->what && !const_op(op))
    fail(v, in, "constant expression required in %s, but found %s", v->what, opinfo[op].name);
  switch (op) {
  case OP_UNREACHABLE: set_unreachable(v); break;
  case OP_NOP: break;
  case OP_BLOCK:
  case OP_LOOP:
  case OP_IF: step_block(v, in); break;
  case OP_TRY_TABLE: step_try_table(v, in); break;
  case OP_TRY: step_block(v, in); break;
  case OP_CATCH:
  case OP_CATCH_ALL: step_catch(v, in); break;
  case OP_DELEGATE: step_delegate(v, in); break;
  case OP_RETHROW: step_rethrow(v, in); break;
  case OP_THROW: step_throw(v, in); break;
  case OP_THROW_REF:
    pop1(v, in, VT_EXNREF);
    set_unreachable(v);
    break;
  case OP_ELSE: step_else(v, in); break;
  case OP_END: step_end(v, in); break;
  case OP_BR:
  case OP_BR_IF:
  case OP_BR_TABLE: step_branch(v, in); break;
  case OP_RETURN:
    pop_list(v, in, "return", v->func->results, v->func->nresults);
    set_unreachable(v);
    break;
  case OP_CALL:
  case OP_CALL_INDIRECT:
  case OP_RETURN_CALL:
  case OP_RETURN_CALL_INDIRECT:
  case OP_CALL_REF:
  case OP_RETURN_CALL_REF: step_call(v, in); break;
  case OP_BR_ON_NULL:
  case OP_BR_ON_NON_NULL: step_br_on(v, in); break;
  case OP_DROP: pop_any(v, in); break;
  case OP_SELECT: step_select(v, in); break;
  case OP_SELECT_T: {
    if (in->imm.select.count != 1 || !in->imm.select.types)
      fail(v, in, "invalid result arity in select (must be 1)");
    enum valtype t = in->imm.select.types[0];
    if (!val_known_valtype(v->m, t)) fail(v, in, "invalid type in select");
    enum valtype ts[3] = {t, t, VT_I32};
    pop_list(v, in, "select", ts, 3);
    push(v, t);
    break;
  }
  case OP_LOCAL_GET:
  case OP_LOCAL_SET:
  case OP_LOCAL_TEE:
  case OP_GLOBAL_GET:
  case OP_GLOBAL_SET: step_variable(v, in); break;
  default:
    if (opinfo[op].flags & OPF_TABLE_OP) step_table(v, in);
    else if (opinfo[op].flags & OPF_MEMORY_OP) step_memory(v, in);
    else if (opinfo[op].flags & OPF_REF_OP) step_ref(v, in);
    else if (opinfo[op].imm == IMM_MEMARG || opinfo[op].imm == IMM_MEMARG_LANE) step_memarg(v, in);
    else if (opinfo[op].imm == IMM_LANE) step_lane(v, in, in->imm.idx), step_sig(v, in);
    else if (opinfo[op].imm == IMM_SHUFFLE) step_shuffle(v, in);
    else if (opinfo[op].imm == IMM_FENCE) break; /* no operands */
    else if (opinfo[op].sig[0]) step_sig(v, in);
    else fail(v, in, "%s is not supported by the validator", opinfo[op].name);
    break;
  }
}

/* Run the instructions of e inside an outermost frame of results rs. */
static void run(struct val_code *v, const struct expr *e, const enum valtype *rs, uint32_t nr,
                size_t pos) {
  v->nvals = v->nctrls = v->max_vals = v->max_ctrls = 0;
  push_frame(v, OP_FUNC, NULL, 0, rs, nr);
  if (!e->code || e->count == 0) diag_error(v->m->src, pos, "expression must end with end");
  for (uint32_t i = 0; i < e->count; i++) {
    if (v->nctrls == 0) fail(v, &e->code[i], "instructions after the final end");
    step(v, &e->code[i]);
  }
  if (v->nctrls) fail(v, &e->code[e->count - 1], "expression must end with end");
}

struct val_code *val_code_new(struct module *m, const struct val_features *f) {
  struct val_code *v = arena_alloc(m->arena, sizeof *v);
  v->m = m;
  v->own_globals_const = f->gc;
  init_optypes();
  return v;
}

void val_function(struct val_code *v, uint32_t funcidx) {
  struct module *m = v->m;
  struct func *fn = &m->funcs[funcidx];
  uint32_t nall = m->types[fn->typeidx].nparams + fn->nlocals;
  for (uint32_t i = 0; i < fn->nlocals; i++) {
    if (!val_known_valtype(m, fn->locals[i]))
      diag_error(m->src, fn->pos, "invalid type 0x%x of local %u", (unsigned)fn->locals[i],
                 v->m->types[fn->typeidx].nparams + i);
  }
  if (nall > v->local_set_cap) {
    v->local_set = arena_array(m->arena, nall, sizeof *v->local_set);
    v->local_set_cap = nall;
  }
  if (nall) memset(v->local_set, 0, nall * sizeof *v->local_set);
  v->ninits = 0;
  v->fn = fn;
  v->func = &m->types[fn->typeidx];
  v->what = NULL;
  run(v, &fn->body, v->func->results, v->func->nresults, fn->pos);
  fn->max_stack = v->max_vals;
  fn->max_depth = v->max_ctrls;
}

void val_const_expr(struct val_code *v, const struct expr *e, enum valtype t, const char *what,
                    uint32_t globals) {
  v->fn = NULL;
  v->func = NULL;
  v->what = what;
  v->const_globals = globals;
  if (!val_known_valtype(v->m, t)) diag_error(v->m->src, e->pos, "invalid type of %s", what);
  v->const_type = t;
  run(v, e, &v->const_type, 1, e->pos);
}
