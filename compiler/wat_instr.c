/* wat_instr.c - instructions of the text format, flat and folded, into the
 * flat IR (folded forms are unfolded as they are read).
 *
 * Blocks opened by flat instructions are tracked on an explicit label stack;
 * folded instructions recurse, up to LIMIT_FOLD_DEPTH levels.
 */
#include <string.h>

#include "wat.h"

/* ---- opcode lookup ------------------------------------------------------ */

/* Spellings from before the 2019 renaming (older tutorials and tools use
 * them), mapped onto opcodes.def names. */
static const struct {
  const char *old; /* legacy keyword */
  const char *now; /* its opcodes.def name */
} legacy[] = {
    {"get_local", "local.get"},
    {"set_local", "local.set"},
    {"tee_local", "local.tee"},
    {"get_global", "global.get"},
    {"set_global", "global.set"},
    {"current_memory", "memory.size"},
    {"grow_memory", "memory.grow"},
    {"i32.wrap/i64", "i32.wrap_i64"},
    {"i64.extend_s/i32", "i64.extend_i32_s"},
    {"i64.extend_u/i32", "i64.extend_i32_u"},
    {"f32.demote/f64", "f32.demote_f64"},
    {"f64.promote/f32", "f64.promote_f32"},
    {"i32.reinterpret/f32", "i32.reinterpret_f32"},
    {"i64.reinterpret/f64", "i64.reinterpret_f64"},
    {"f32.reinterpret/i32", "f32.reinterpret_i32"},
    {"f64.reinterpret/i64", "f64.reinterpret_i64"},
    {"i32.trunc_s/f32", "i32.trunc_f32_s"},
    {"i32.trunc_u/f32", "i32.trunc_f32_u"},
    {"i32.trunc_s/f64", "i32.trunc_f64_s"},
    {"i32.trunc_u/f64", "i32.trunc_f64_u"},
    {"i64.trunc_s/f32", "i64.trunc_f32_s"},
    {"i64.trunc_u/f32", "i64.trunc_f32_u"},
    {"i64.trunc_s/f64", "i64.trunc_f64_s"},
    {"i64.trunc_u/f64", "i64.trunc_f64_u"},
    {"i32.trunc_s:sat/f32", "i32.trunc_sat_f32_s"},
    {"i32.trunc_u:sat/f32", "i32.trunc_sat_f32_u"},
    {"i32.trunc_s:sat/f64", "i32.trunc_sat_f64_s"},
    {"i32.trunc_u:sat/f64", "i32.trunc_sat_f64_u"},
    {"i64.trunc_s:sat/f32", "i64.trunc_sat_f32_s"},
    {"i64.trunc_u:sat/f32", "i64.trunc_sat_f32_u"},
    {"i64.trunc_s:sat/f64", "i64.trunc_sat_f64_s"},
    {"i64.trunc_u:sat/f64", "i64.trunc_sat_f64_u"},
    {"f32.convert_s/i32", "f32.convert_i32_s"},
    {"f32.convert_u/i32", "f32.convert_i32_u"},
    {"f32.convert_s/i64", "f32.convert_i64_s"},
    {"f32.convert_u/i64", "f32.convert_i64_u"},
    {"f64.convert_s/i32", "f64.convert_i32_s"},
    {"f64.convert_u/i32", "f64.convert_i32_u"},
    {"f64.convert_s/i64", "f64.convert_i64_s"},
    {"f64.convert_u/i64", "f64.convert_i64_u"},
};
/* legacy_noted has one bit per entry; bit 63 is anyfunc's (wat.c). */
_Static_assert(sizeof legacy / sizeof *legacy < 63, "too many legacy spellings");

/* The opcode a keyword token names (legacy spellings noted), or OP_COUNT. */
static enum opcode keyword_op(struct parser *p, struct token t) {
  const char *s = (const char *)p->src->data + t.pos;
  enum opcode op = op_by_name(s, t.len);
  if (op != OP_COUNT) return op;
  for (unsigned i = 0; i < sizeof legacy / sizeof *legacy; i++)
    if (wat_is(p, t, legacy[i].old)) {
      if (!(p->legacy_noted & ((uint64_t)1 << i))) {
        p->legacy_noted |= (uint64_t)1 << i;
        diag_note(p->src, t.pos, "\"%s\" is a legacy spelling; write \"%s\"", legacy[i].old,
                  legacy[i].now);
      }
      return op_by_name(legacy[i].now, strlen(legacy[i].now));
    }
  return OP_COUNT;
}

_Noreturn static void unknown_operator(struct parser *p, struct token t) {
  if (t.kind == TOK_KEYWORD || t.kind == TOK_RESERVED) {
    const char *s = (const char *)p->src->data + t.pos;
    const char *later = unsupported_instr_name(s, t.len);
    if (later) diag_error(p->src, t.pos, "%s", later);
    size_t n = t.len > 60 ? 60 : t.len;
    const char *dollar = memchr(s, '$', n);
    if (t.kind == TOK_KEYWORD && dollar)
      diag_error(p->src, t.pos, "unknown operator \"%.*s\" (missing space before \"%.*s\"?)",
                 (int)n, s, (int)(n - (size_t)(dollar - s)), dollar);
    int best = -1;
    size_t best_d = 3;
    for (int op = 0; op < OP_COUNT && t.kind == TOK_KEYWORD; op++) {
      size_t d = wat_distance(s, t.len, opinfo[op].name, strlen(opinfo[op].name));
      if (d < best_d) best = op, best_d = d;
    }
    if (best >= 0 && best_d < t.len / 3 + 1)
      diag_error(p->src, t.pos, "unknown operator \"%.*s\"; did you mean \"%s\"?", (int)n, s,
                 opinfo[best].name);
    diag_error(p->src, t.pos, "unknown operator \"%.*s%s\"", (int)n, s, n < t.len ? "..." : "");
  }
  wat_unexpected(p, t, "an instruction");
}

/* ---- code buffer and labels -------------------------------------------- */

static void append(struct parser *p, const struct instr *in) {
  ARENA_RESERVE(p->a, p->code, p->ncode, p->code_cap, 1);
  p->code[p->ncode++] = *in;
}

/* Append the end of a block; an empty else before it is dropped, as a
 * binary encoder would (if without else means the same). */
static void append_end(struct parser *p, size_t pos) {
  if (p->ncode && p->code[p->ncode - 1].op == OP_ELSE) p->ncode--;
  struct instr in;
  memset(&in, 0, sizeof in);
  in.op = OP_END;
  in.pos = (uint32_t)pos;
  append(p, &in);
}

static void append_op(struct parser *p, enum opcode op, size_t pos) {
  struct instr in;
  memset(&in, 0, sizeof in);
  in.op = (uint16_t)op;
  in.pos = (uint32_t)pos;
  append(p, &in);
}

static void push_label(struct parser *p, struct token name, enum opcode op, size_t pos) {
  ARENA_RESERVE(p->a, p->labels, p->nlabels, p->labels_cap, 1);
  struct label *l = &p->labels[p->nlabels++];
  l->name = name;
  l->op = (uint16_t)op;
  l->seen_else = false;
  l->seen_catch = false;
  l->pos = (uint32_t)pos;
}

static bool same_name(struct parser *p, struct token a, struct token b) {
  struct bytes x = lex_id(p->a, &p->lx, a), y = lex_id(p->a, &p->lx, b);
  return x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
}

/* After end/else: an optional $label that must repeat the block's label. */
static void check_label(struct parser *p, const struct label *l) {
  if (p->tok.kind != TOK_ID) return;
  if (!l->name.len || !same_name(p, l->name, p->tok))
    diag_error(p->src, p->tok.pos, "mismatching label %.*s", (int)p->tok.len,
               (const char *)p->src->data + p->tok.pos);
  wat_next(p);
}

static uint32_t label_index(struct parser *p) {
  struct token t = p->tok;
  if (t.kind == TOK_ID) {
    for (uint32_t i = p->nlabels; i-- > 0;)
      if (same_name(p, p->labels[i].name, t)) {
        wat_next(p);
        return p->nlabels - 1 - i;
      }
    diag_error(p->src, t.pos, "unknown label %.*s", (int)t.len, (const char *)p->src->data + t.pos);
  }
  uint32_t v;
  if (t.kind != TOK_NUMBER || !lex_u32(&p->lx, t, &v)) wat_unexpected(p, t, "a label");
  wat_next(p);
  return v;
}

static uint32_t local_index(struct parser *p) {
  struct token t = p->tok;
  if (t.kind == TOK_ID) {
    struct namemap *m = &p->locals;
    struct bytes id = lex_id(p->a, &p->lx, t);
    const struct name_entry *e = wat_map_find(m, (const char *)id.data, id.len);
    if (e && e->s) {
      wat_next(p);
      return e->idx;
    }
    wat_unknown_name(p, m, t, "local");
  }
  uint32_t v;
  if (t.kind != TOK_NUMBER || !lex_u32(&p->lx, t, &v)) wat_unexpected(p, t, "a local index");
  wat_next(p);
  return v;
}

/* ---- immediates --------------------------------------------------------- */

/* label? blocktype after block/loop/if; returns the label token. */
static struct token block_head(struct parser *p, struct instr *in) {
  struct token label = {TOK_EOF, 0, 0};
  if (p->tok.kind == TOK_ID) {
    label = p->tok;
    in->imm.block.label = wat_name(p, label);
    wat_next(p);
  }
  struct typeuse tu;
  wat_typeuse_parse(p, false, &tu);
  const struct functype *ft = &tu.ft;
  if (tu.has_type) {
    /* (type x) naming [] -> [] or [] -> [t] is stored in the short form,
     * as a binary encoder would write it. */
    uint32_t x = wat_typeuse_index(p, &tu);
    if (x >= p->m->ntypes || p->m->types[x].nparams || p->m->types[x].nresults > 1) {
      in->imm.block.kind = BT_INDEX;
      in->imm.block.typeidx = x;
      return label;
    }
    ft = &p->m->types[x];
  }
  if (ft->nparams == 0 && ft->nresults <= 1) {
    in->imm.block.kind = ft->nresults ? BT_VALUE : BT_EMPTY;
    if (ft->nresults) in->imm.block.valtype = ft->results[0];
  } else {
    in->imm.block.kind = BT_INDEX;
    in->imm.block.typeidx = wat_typeuse_index(p, &tu);
  }
  return label;
}

/* try_table's catch clauses after its block type: (catch x l), (catch_ref
 * x l), (catch_all l), (catch_all_ref l).  Their labels are counted outside
 * the try_table (its own label is not open yet). */
static void catch_clauses(struct parser *p, struct instr *in) {
  static const char *const kinds[] = {"catch", "catch_ref", "catch_all", "catch_all_ref"};
  struct catch_clause *v = NULL;
  uint32_t n = 0, cap = 0;
  for (;;) {
    int k = 3;
    while (k >= 0 && !wat_at_field(p, kinds[k])) k--;
    if (k < 0) break;
    ARENA_RESERVE(p->a, v, n, cap, 1);
    struct catch_clause *c = &v[n++];
    c->pos = (uint32_t)p->tok.pos;
    c->kind = (enum catch_kind)k;
    wat_next(p);
    wat_next(p);
    if (k == CATCH || k == CATCH_REF) c->tag = wat_index(p, SP_TAG);
    c->label = label_index(p);
    wat_expect_rpar(p);
  }
  in->imm.block.ncatches = n;
  in->imm.block.catches = v;
}

/* block_head(), then try_table's catch clauses. */
static struct token block_start(struct parser *p, struct instr *in) {
  struct token label = block_head(p, in);
  if (in->op == OP_TRY_TABLE) catch_clauses(p, in);
  return label;
}

/* Natural alignment (log2 bytes) of a load or store. */
static uint32_t natural_align(enum opcode op) {
  uint32_t bytes = opinfo[op].align, lg = 0;
  while ((1u << lg) < bytes) lg++;
  return lg;
}

/* The number after "offset=" or "align=" in keyword t (prefix bytes long). */
/* The u64 after offset= (an i32 memory's bound is the validator's: "offset
 * out of range") or the u32 after align=. */
static uint64_t memarg_value(struct parser *p, struct token t, size_t prefix) {
  struct token num = {TOK_NUMBER, t.pos + prefix, t.len - prefix};
  uint64_t v;
  bool offset = prefix == 7;
  if (!lex_u64(&p->lx, num, &v) || (!offset && v > UINT32_MAX))
    diag_error(p->src, num.pos, "%s constant out of range in %.*s", offset ? "i64" : "i32",
               (int)prefix - 1, (const char *)p->src->data + t.pos);
  return v;
}

static bool keyword_prefix(struct parser *p, struct token t, const char *pre) {
  size_t n = strlen(pre);
  return t.kind == TOK_KEYWORD && t.len > n && memcmp(p->src->data + t.pos, pre, n) == 0;
}

/* A lane index (u8); its bound is the validator's business. */
static uint8_t lane_index(struct parser *p) {
  uint32_t v;
  if (p->tok.kind != TOK_NUMBER || !lex_u32(&p->lx, p->tok, &v))
    wat_unexpected(p, p->tok, "a lane index");
  if (v > 255) diag_error(p->src, p->tok.pos, "malformed lane index %u (must fit in a byte)", v);
  wat_next(p);
  return (uint8_t)v;
}

static void memarg(struct parser *p, struct instr *in) {
  struct memarg *ma = &in->imm.memarg;
  bool memidx = wat_at_index(p);
  if (memidx && p->tok.kind == TOK_NUMBER && opinfo[in->op].imm == IMM_MEMARG_LANE) {
    /* v128.load8_lane 1: a lone number is the lane, not a memory index */
    struct token nx = wat_peek(p);
    memidx = nx.kind == TOK_NUMBER || keyword_prefix(p, nx, "offset=") ||
             keyword_prefix(p, nx, "align=");
  }
  ma->mem = memidx ? wat_index(p, SP_MEM) : 0;
  ma->align = natural_align((enum opcode)in->op);
  if (keyword_prefix(p, p->tok, "offset=")) {
    ma->offset = memarg_value(p, p->tok, 7);
    wat_next(p);
  }
  if (keyword_prefix(p, p->tok, "align=")) {
    uint64_t a = memarg_value(p, p->tok, 6);
    if (a == 0 || (a & (a - 1))) diag_error(p->src, p->tok.pos, "alignment must be a power of two");
    ma->align = 0;
    while ((1ull << ma->align) < a) ma->align++;
    wat_next(p);
  }
  if (keyword_prefix(p, p->tok, "offset="))
    diag_error(p->src, p->tok.pos, "offset= must come before align=");
  if (opinfo[in->op].imm == IMM_MEMARG_LANE) ma->lane = lane_index(p);
}

/* v128.const SHAPE lane...: each lane a literal of the shape's lane type. */
static void v128_const(struct parser *p, struct instr *in) {
  bool fl;
  unsigned lanes = lex_v128_shape(&p->lx, p->tok, &fl);
  if (!lanes) wat_unexpected(p, p->tok, "a v128 shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)");
  const char *shape = (const char *)p->src->data + p->tok.pos;
  wat_next(p);
  for (unsigned i = 0; i < lanes; i++) {
    struct token t = p->tok;
    if (!lex_v128_lane(&p->lx, t, lanes, fl, in->imm.v128 + i * (16 / lanes))) {
      if (t.kind == TOK_NUMBER && (fl || lex_is_int(&p->lx, t)))
        diag_error(p->src, t.pos, "constant out of range for lane %u of v128.const %.5s", i, shape);
      char buf[64];
      snprintf(buf, sizeof buf, "lane %u of v128.const %.5s (%u lanes)", i, shape, lanes);
      wat_unexpected(p, t, buf);
    }
    wat_next(p);
  }
}

static void constant(struct parser *p, struct instr *in) {
  struct token t = p->tok;
  bool ok;
  const char *what;
  switch (opinfo[in->op].imm) {
  case IMM_I32: ok = lex_i32(&p->lx, t, &in->imm.i32), what = "i32"; break;
  case IMM_I64: ok = lex_i64(&p->lx, t, &in->imm.i64), what = "i64"; break;
  case IMM_F32: ok = lex_f32(&p->lx, t, &in->imm.f32_bits), what = "f32"; break;
  default: ok = lex_f64(&p->lx, t, &in->imm.f64_bits), what = "f64"; break;
  }
  if (!ok) {
    bool is_float = what[0] == 'f';
    if (t.kind == TOK_NUMBER && (is_float || lex_is_int(&p->lx, t)))
      diag_error(p->src, t.pos, "%s constant out of range", what);
    char buf[32];
    snprintf(buf, sizeof buf, "an %s literal", what);
    wat_unexpected(p, t, buf);
  }
  wat_next(p);
}

/* Optional index of space sp (default 0). */
static uint32_t opt_index(struct parser *p, enum space sp) {
  return wat_at_index(p) ? wat_index(p, sp) : 0;
}

/* Parse the immediates of in->op (its keyword already consumed). */
static void immediates(struct parser *p, struct instr *in) {
  switch (opinfo[in->op].imm) {
  case IMM_NONE:
  case IMM_FENCE:
    if (in->op == OP_SELECT && wat_at_field(p, "result")) {
      struct typeuse tu;
      wat_typeuse_parse(p, false, &tu);
      in->op = OP_SELECT_T;
      in->imm.select.count = tu.ft.nresults;
      in->imm.select.types = tu.ft.results;
    }
    break;
  case IMM_BLOCK:
  case IMM_TRY_TABLE: break; /* handled by the callers */
  case IMM_TAG: in->imm.idx = wat_index(p, SP_TAG); break;
  case IMM_LABEL: in->imm.idx = label_index(p); break;
  case IMM_BR_TABLE: {
    uint32_t n = 0, cap = 0;
    uint32_t *v = NULL;
    do {
      ARENA_RESERVE(p->a, v, n, cap, 1);
      v[n++] = label_index(p);
    } while (p->tok.kind == TOK_ID || p->tok.kind == TOK_NUMBER);
    in->imm.br_table.count = n - 1;
    in->imm.br_table.labels = v;
    break;
  }
  case IMM_FUNC: in->imm.idx = wat_index(p, SP_FUNC); break;
  case IMM_TYPE: in->imm.idx = wat_index(p, SP_TYPE); break;
  case IMM_CALL_INDIRECT: {
    in->imm.pair.b = opt_index(p, SP_TABLE);
    struct typeuse tu;
    wat_typeuse_parse(p, false, &tu);
    in->imm.pair.a = wat_typeuse_index(p, &tu);
    break;
  }
  case IMM_SELECT_T: break; /* never looked up by name */
  case IMM_LOCAL: in->imm.idx = local_index(p); break;
  case IMM_GLOBAL: in->imm.idx = wat_index(p, SP_GLOBAL); break;
  case IMM_TABLE: in->imm.idx = opt_index(p, SP_TABLE); break;
  case IMM_MEMARG: memarg(p, in); break;
  case IMM_MEMORY: in->imm.idx = opt_index(p, SP_MEM); break;
  case IMM_I32:
  case IMM_I64:
  case IMM_F32:
  case IMM_F64: constant(p, in); break;
  case IMM_REFTYPE:
    in->imm.idx = vt_ref(true, wat_heaptype(p)); /* ref.null's type */
    break;
  case IMM_MEMORY_INIT:
  case IMM_TABLE_INIT: {
    /* memory.init memidx? dataidx / table.init tableidx? elemidx */
    bool mem = opinfo[in->op].imm == IMM_MEMORY_INIT;
    struct token first = p->tok;
    struct lexer saved = p->lx;
    if (!wat_at_index(p)) wat_unexpected(p, p->tok, mem ? "a data segment" : "an elem segment");
    wat_next(p);
    if (wat_at_index(p)) {
      p->tok = first, p->lx = saved;
      in->imm.pair.b = wat_index(p, mem ? SP_MEM : SP_TABLE);
    } else {
      p->tok = first, p->lx = saved;
      in->imm.pair.b = 0;
    }
    in->imm.pair.a = wat_index(p, mem ? SP_DATA : SP_ELEM);
    break;
  }
  case IMM_V128: v128_const(p, in); break;
  case IMM_SHUFFLE:
    for (int i = 0; i < 16; i++) in->imm.v128[i] = lane_index(p);
    break;
  case IMM_LANE: in->imm.idx = lane_index(p); break;
  case IMM_MEMARG_LANE: memarg(p, in); break;
  case IMM_DATA: in->imm.idx = wat_index(p, SP_DATA); break;
  case IMM_ELEM: in->imm.idx = wat_index(p, SP_ELEM); break;
  case IMM_MEMORY_COPY:
  case IMM_TABLE_COPY: {
    enum space sp = opinfo[in->op].imm == IMM_MEMORY_COPY ? SP_MEM : SP_TABLE;
    if (wat_at_index(p)) {
      in->imm.pair.a = wat_index(p, sp);
      in->imm.pair.b = wat_index(p, sp);
    }
    break;
  }
  }
}

/* ---- instructions ------------------------------------------------------- */

static void folded(struct parser *p);
static void instrs(struct parser *p);
static void legacy_part(struct parser *p, uint32_t base, struct instr *in, struct token t);

/* One flat instruction; base = label depth of the enclosing form. */
static void plain(struct parser *p, uint32_t base) {
  struct token t = p->tok;
  if (t.kind != TOK_KEYWORD) unknown_operator(p, t);
  enum opcode op = keyword_op(p, t);
  if (op == OP_COUNT) unknown_operator(p, t);
  wat_next(p);
  struct instr in;
  memset(&in, 0, sizeof in);
  in.op = (uint16_t)op;
  in.pos = (uint32_t)t.pos;
  if (op == OP_CATCH || op == OP_CATCH_ALL || op == OP_DELEGATE) {
    legacy_part(p, base, &in, t);
    return;
  }
  if (op == OP_END || op == OP_ELSE) {
    struct label *l = p->nlabels > base ? &p->labels[p->nlabels - 1] : NULL;
    if (!l || (op == OP_ELSE && (l->op != OP_IF || l->seen_else)))
      diag_error(p->src, t.pos, "unexpected \"%s\": no open %s", opinfo[op].name,
                 op == OP_ELSE ? "if without else" : "block, loop or if");
    check_label(p, l);
    if (op == OP_ELSE) {
      l->seen_else = true;
    } else {
      p->nlabels--;
      append_end(p, t.pos);
      return;
    }
  } else if (op_opens_block(op)) {
    push_label(p, block_start(p, &in), op, t.pos);
  } else {
    immediates(p, &in);
  }
  append(p, &in);
}

/* The legacy catch x / catch_all (a new part of the innermost try) and
 * delegate l (its end; l counts outside it), plain or folded. */
static void legacy_part(struct parser *p, uint32_t base, struct instr *in, struct token t) {
  struct label *l = p->nlabels > base ? &p->labels[p->nlabels - 1] : NULL;
  bool ok = l && l->op == OP_TRY && !l->seen_else;
  if (in->op == OP_DELEGATE) ok = ok && !l->seen_catch;
  if (!ok)
    diag_error(p->src, t.pos, "unexpected token \"%s\": no open try%s", opinfo[in->op].name,
               in->op == OP_DELEGATE ? " without catch" : " without catch_all");
  if (in->op == OP_DELEGATE) p->nlabels--; /* its label counts outside the try */
  else l->seen_catch = true, l->seen_else = in->op == OP_CATCH_ALL;
  immediates(p, in);
  append(p, in);
}

/* (try label? blocktype (do instr*) (catch x instr*)* (catch_all instr*)?)
 * or (try label? blocktype (do instr*) (delegate l)). */
static void folded_try(struct parser *p, struct token t) {
  struct instr in;
  memset(&in, 0, sizeof in);
  in.op = OP_TRY;
  in.pos = (uint32_t)t.pos;
  struct token label = block_head(p, &in);
  append(p, &in);
  push_label(p, label, OP_TRY, t.pos);
  uint32_t base = p->nlabels - 1;
  if (!wat_at_field(p, "do")) wat_unexpected(p, p->tok, "\"(do\"");
  wat_next(p);
  wat_next(p);
  instrs(p);
  wat_expect_rpar(p);
  while (p->tok.kind == TOK_LPAR) {
    wat_next(p);
    struct token kw = p->tok;
    enum opcode op = kw.kind == TOK_KEYWORD ? keyword_op(p, kw) : OP_COUNT;
    if (op != OP_CATCH && op != OP_CATCH_ALL && op != OP_DELEGATE)
      wat_unexpected(p, kw, "catch, catch_all or delegate");
    wat_next(p);
    struct instr part;
    memset(&part, 0, sizeof part);
    part.op = (uint16_t)op;
    part.pos = (uint32_t)kw.pos;
    legacy_part(p, base, &part, kw);
    if (op != OP_DELEGATE) instrs(p);
    wat_expect_rpar(p);
    if (op == OP_DELEGATE) {
      if (p->tok.kind != TOK_RPAR) wat_unexpected(p, p->tok, "\")\" after delegate");
      return;
    }
  }
  p->nlabels--;
  append_end(p, p->tok.pos);
}

/* Instructions up to the ")" (or end of input) closing the enclosing form. */
static void instrs(struct parser *p) {
  uint32_t base = p->nlabels;
  for (;;) {
    if (p->tok.kind == TOK_LPAR) folded(p);
    else if (p->tok.kind == TOK_RPAR || p->tok.kind == TOK_EOF) break;
    else plain(p, base);
  }
  if (p->nlabels > base) {
    const struct label *l = &p->labels[p->nlabels - 1];
    diag_error(p->src, l->pos, "\"%s\" has no matching \"end\"", opinfo[l->op].name);
  }
}

/* (if label? blocktype foldedinstr* (then instr*) (else instr*)?) */
static void folded_if(struct parser *p, struct token t) {
  struct instr in;
  memset(&in, 0, sizeof in);
  in.op = OP_IF;
  in.pos = (uint32_t)t.pos;
  struct token label = block_head(p, &in);
  while (p->tok.kind == TOK_LPAR && !wat_at_field(p, "then")) folded(p);
  append(p, &in);
  push_label(p, label, OP_IF, t.pos);
  if (!wat_at_field(p, "then")) wat_unexpected(p, p->tok, "\"(then\"");
  wat_next(p);
  wat_next(p);
  instrs(p);
  wat_expect_rpar(p);
  if (wat_at_field(p, "else")) {
    append_op(p, OP_ELSE, p->tok.pos);
    wat_next(p);
    wat_next(p);
    instrs(p);
    wat_expect_rpar(p);
  }
  p->nlabels--;
  append_end(p, p->tok.pos);
}

static void folded(struct parser *p) {
  if (++p->depth > LIMIT_FOLD_DEPTH)
    diag_error(p->src, p->tok.pos, "folded instructions nested more than %u deep",
               LIMIT_FOLD_DEPTH);
  wat_next(p);
  struct token t = p->tok;
  if (t.kind != TOK_KEYWORD) unknown_operator(p, t);
  enum opcode op = keyword_op(p, t);
  if (op == OP_COUNT || op_closes_block(op) || op_splits_block(op)) unknown_operator(p, t);
  wat_next(p);
  if (op == OP_IF) {
    folded_if(p, t);
  } else if (op == OP_TRY) {
    folded_try(p, t);
  } else if (op_opens_block(op)) { /* block, loop, try_table */
    struct instr in;
    memset(&in, 0, sizeof in);
    in.op = (uint16_t)op;
    in.pos = (uint32_t)t.pos;
    struct token label = block_start(p, &in);
    append(p, &in);
    push_label(p, label, op, t.pos);
    instrs(p);
    p->nlabels--;
    append_end(p, p->tok.pos);
  } else {
    struct instr in;
    memset(&in, 0, sizeof in);
    in.op = (uint16_t)op;
    in.pos = (uint32_t)t.pos;
    immediates(p, &in);
    while (p->tok.kind == TOK_LPAR) folded(p);
    if (p->tok.kind != TOK_RPAR)
      wat_unexpected(p, p->tok, "\"(\" or \")\" (operands of a folded instruction are folded)");
    append(p, &in);
  }
  wat_expect_rpar(p);
  p->depth--;
}

/* Finish the expression in the code buffer: add end, copy out. */
static struct expr finish(struct parser *p, size_t pos) {
  append_op(p, OP_END, p->tok.pos);
  struct expr e;
  e.count = p->ncode;
  e.code = arena_array(p->a, p->ncode, sizeof *e.code);
  memcpy(e.code, p->code, p->ncode * sizeof *e.code);
  e.pos = (uint32_t)pos;
  return e;
}

static void reset(struct parser *p) {
  p->ncode = 0;
  p->nlabels = 0;
  p->depth = 0;
}

struct expr wat_expr(struct parser *p) {
  size_t pos = p->tok.pos;
  reset(p);
  instrs(p);
  return finish(p, pos);
}

struct expr wat_folded_expr(struct parser *p) {
  size_t pos = p->tok.pos;
  reset(p);
  folded(p);
  return finish(p, pos);
}
