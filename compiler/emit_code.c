/* emit_code.c - function bodies: one small function per instruction class.
 *
 * The operand stack lives in plain C locals, one per (depth, type class):
 * i3 is the i32 at stack depth 3, j = i64, f = f32, d = f64, r = reference.
 * Wasm locals are l<idx>[_name].  A value moves only when the stack discipline
 * says so: at a branch, the label's values are copied down to the label's
 * height, so every block result and loop parameter has a fixed home.
 *
 * Blocks, loops and ifs become labels L<n> and goto; br_table a switch; code
 * after br/return/unreachable is skipped up to the next else/end.
 *
 * Each body is generated twice: the first pass only records what is used
 * (labels that are jumped to, stack slots, locals, memories, the instance), so
 * that the second can declare exactly that and the C compiler sees no unused
 * variable or label.
 */
#include <inttypes.h>
#include <string.h>

#include "emit.h"

enum { CLASS_I32, CLASS_I64, CLASS_F32, CLASS_F64, CLASS_REF, NCLASS };
static const char class_letter[NCLASS] = {'i', 'j', 'f', 'd', 'r'};

/* One entry of the control stack: the function body, a block, loop or if. */
struct ctl {
  enum opcode kind;       /* OP_BLOCK, OP_LOOP, OP_IF, or OP_END for the body */
  uint32_t label;         /* label number, L<label> in the C text */
  uint32_t height;        /* operand stack height below the block's params */
  uint32_t nparams;       /* block params */
  uint32_t nresults;      /* block results */
  const enum valtype *params;  /* nparams types */
  const enum valtype *results; /* nresults types */
  bool unreachable;       /* the current position in this block is dead code */
  bool has_else;          /* an if whose else has been seen */
  bool then_reachable;    /* an if whose then branch can fall through to its end */
};

/* What one pass over a body records, so the next can declare just that. */
struct usage {
  uint8_t *labels;        /* per label: 1 if some goto targets it */
  uint32_t nlabels;       /* labels allocated */
  uint8_t *slots;         /* per stack depth: bit c set if the class-c slot is used */
  uint32_t nslots;        /* depths allocated */
  uint8_t *locals;        /* per local: 1 if read or written */
  uint8_t *mems;          /* per memidx: 1 if loads/stores use its base and size */
  bool inst;              /* the instance pointer is used */
  bool calls;             /* the function calls something (not a leaf) */
};

/* State of the translation of one function body. */
struct fstate {
  struct emitter *e;          /* module-level state */
  const struct module *m;     /* the module */
  const struct func *f;       /* the function */
  const struct functype *ft;  /* its type */
  struct ebuf *b;             /* body text of this pass */
  char **local_names;         /* C names of params and locals */
  enum valtype *stack;        /* operand stack types */
  uint32_t sp, stack_cap;     /* height, capacity */
  struct ctl *ctl;            /* control stack */
  uint32_t nctl, ctl_cap;     /* depth, capacity */
  uint32_t next_label;        /* labels numbered in order of appearance */
  uint32_t skip;              /* nesting depth of blocks inside dead code */
  int indent;                 /* current indentation level */
  struct usage use;           /* recorded by this pass */
  const struct usage *prev;   /* recorded by the previous pass, or NULL */
  char names[8][32];          /* ring of formatted slot names */
  unsigned next_name;         /* next entry of names */
};

/* ---- small helpers ---- */

static int type_class(enum valtype t) {
  switch (t) {
  case VT_I32: return CLASS_I32;
  case VT_I64: return CLASS_I64;
  case VT_F32: return CLASS_F32;
  case VT_F64: return CLASS_F64;
  case VT_FUNCREF:
  case VT_EXTERNREF: return CLASS_REF;
  case VT_V128: break;
  }
  diag_error(NULL, 0, "emit: value type %s is not supported yet", valtype_name(t));
}

static void *grow_to(struct arena *a, void *p, uint32_t *cap, uint32_t need, size_t size) {
  if (need <= *cap) return p;
  uint32_t n = *cap ? *cap * 2 : 16;
  while (n < need) n *= 2;
  p = arena_grow(a, p, *cap, n, size);
  *cap = n;
  return p;
}

static void mark_label(struct fstate *fs, uint32_t label) {
  fs->use.labels = grow_to(fs->e->arena, fs->use.labels, &fs->use.nlabels, label + 1, 1);
  fs->use.labels[label] = 1;
}

static bool label_used(const struct usage *u, uint32_t label) {
  return u && label < u->nlabels && u->labels[label];
}

/* The C name of the stack slot at depth d (marks it used). */
static const char *slot(struct fstate *fs, uint32_t d) {
  int c = type_class(fs->stack[d]);
  fs->use.slots = grow_to(fs->e->arena, fs->use.slots, &fs->use.nslots, d + 1, 1);
  fs->use.slots[d] |= (uint8_t)(1u << c);
  char *s = fs->names[fs->next_name++ % 8];
  snprintf(s, sizeof fs->names[0], "%c%" PRIu32, class_letter[c], d);
  return s;
}

/* Slot at depth sp-1-k (k = 0 is the top). */
static const char *top(struct fstate *fs, uint32_t k) { return slot(fs, fs->sp - 1 - k); }

static void push(struct fstate *fs, enum valtype t) {
  fs->stack = grow_to(fs->e->arena, fs->stack, &fs->stack_cap, fs->sp + 1, sizeof *fs->stack);
  fs->stack[fs->sp++] = t;
}

static void pop(struct fstate *fs, uint32_t n) { fs->sp -= n; }

static const char *local(struct fstate *fs, uint32_t i) {
  fs->use.locals[i] = 1;
  return fs->local_names[i];
}

static void line(struct fstate *fs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(struct fstate *fs, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof buf) diag_error(NULL, 0, "emit: line too long");
  emit_printf(fs->b, "%*s%s\n", 2 * fs->indent, "", buf);
}

static void indent(struct fstate *fs) { emit_printf(fs->b, "%*s", 2 * fs->indent, ""); }

static const char *inst(struct fstate *fs) {
  fs->use.inst = true;
  return "inst";
}

/* Expression of global g's value (own globals live in the instance struct). */
static void global_expr(struct fstate *fs, struct ebuf *b, uint32_t g) {
  const struct global *gl = &fs->m->globals[g];
  if (gl->imported)
    emit_printf(b, "%s->base.globals[%" PRIu32 "]->value.%s", inst(fs), g, emit_value_member(gl->type));
  else
    emit_printf(b, "%s->%s.value.%s", inst(fs), fs->e->global_names[g], emit_value_member(gl->type));
}

/* Reload the cached base and size of every memory the function uses (after
 * calls and memory.grow, which may move or resize them). */
static void refresh_memories(struct fstate *fs) {
  for (uint32_t k = 0; k < fs->m->nmems; k++)
    if (fs->prev && fs->prev->mems[k])
      line(fs, "mem%" PRIu32 " = inst->base.memories[%" PRIu32 "]->data; mem%" PRIu32
               "_size = inst->base.memories[%" PRIu32 "]->size;", k, k, k, k);
}

/* ---- control ---- */

static void block_signature(struct fstate *fs, const struct blocktype *bt, struct ctl *c) {
  switch (bt->kind) {
  case BT_EMPTY: c->nparams = c->nresults = 0; break;
  case BT_VALUE:
    c->nparams = 0;
    c->nresults = 1;
    c->results = &bt->valtype;
    break;
  case BT_INDEX: {
    const struct functype *t = &fs->m->types[bt->typeidx];
    c->nparams = t->nparams;
    c->params = t->params;
    c->nresults = t->nresults;
    c->results = t->results;
    break;
  }
  }
}

static struct ctl *push_ctl(struct fstate *fs, enum opcode kind) {
  fs->ctl = grow_to(fs->e->arena, fs->ctl, &fs->ctl_cap, fs->nctl + 1, sizeof *fs->ctl);
  struct ctl *c = &fs->ctl[fs->nctl++];
  memset(c, 0, sizeof *c);
  c->kind = kind;
  c->label = fs->next_label++;
  return c;
}

/* return: the top nresults values leave the function. */
static void emit_return(struct fstate *fs) {
  const struct functype *ft = fs->ft;
  if (ft->nresults == 0) {
    line(fs, "return;");
  } else if (ft->nresults == 1) {
    line(fs, "return %s;", top(fs, 0));
  } else {
    indent(fs);
    emit_printf(fs->b, "return (%s){", emit_return_type(fs->e, fs->f->typeidx));
    for (uint32_t k = 0; k < ft->nresults; k++)
      emit_printf(fs->b, "%s%s", k ? ", " : "", slot(fs, fs->sp - ft->nresults + k));
    emit_put(fs->b, "};\n");
  }
}

/* A branch to label depth d: copy the label's values to their home slots and
 * jump (to the start of a loop, the end of anything else). */
static void emit_branch(struct fstate *fs, uint32_t d) {
  struct ctl *c = &fs->ctl[fs->nctl - 1 - d];
  if (c->kind == OP_END) {
    emit_return(fs);
    return;
  }
  uint32_t n = c->kind == OP_LOOP ? c->nparams : c->nresults;
  indent(fs);
  for (uint32_t k = 0; k < n; k++) {
    uint32_t src = fs->sp - n + k, dst = c->height + k;
    if (src == dst) continue;
    const char *s = slot(fs, src);
    fs->stack[dst] = fs->stack[src]; /* the home slot has the label's type */
    emit_printf(fs->b, "%s = %s; ", slot(fs, dst), s);
  }
  emit_printf(fs->b, "goto L%" PRIu32 ";\n", c->label);
  mark_label(fs, c->label);
}

static void op_block(struct fstate *fs, const struct instr *in) {
  uint32_t cond_depth = 0;
  if (in->op == OP_IF) cond_depth = --fs->sp;
  struct ctl *c = push_ctl(fs, (enum opcode)in->op);
  block_signature(fs, &in->imm.block, c);
  c->height = fs->sp - c->nparams;
  if (in->op == OP_LOOP) {
    if (label_used(fs->prev, c->label)) emit_printf(fs->b, "L%" PRIu32 ":;\n", c->label);
  } else if (in->op == OP_IF) {
    line(fs, "if (%s) {", slot(fs, cond_depth));
    fs->indent++;
  }
}

static void op_else(struct fstate *fs) {
  struct ctl *c = &fs->ctl[fs->nctl - 1];
  fs->indent--;
  line(fs, "} else {");
  fs->indent++;
  fs->sp = c->height;
  for (uint32_t k = 0; k < c->nparams; k++) push(fs, c->params[k]);
  c->then_reachable = !c->unreachable;
  c->unreachable = false;
  c->has_else = true;
}

static void op_end(struct fstate *fs) {
  struct ctl *c = &fs->ctl[fs->nctl - 1];
  bool reachable = !c->unreachable;
  if (c->kind == OP_END) {
    if (reachable && fs->ft->nresults) emit_return(fs);
    fs->nctl--;
    return;
  }
  if (c->kind == OP_IF) {
    fs->indent--;
    line(fs, "}");
    if (!c->has_else || c->then_reachable) reachable = true; /* the other path */
  }
  if (c->kind != OP_LOOP && label_used(&fs->use, c->label)) {
    emit_printf(fs->b, "L%" PRIu32 ":;\n", c->label);
    reachable = true;
  }
  fs->sp = c->height;
  for (uint32_t k = 0; k < c->nresults; k++) push(fs, c->results[k]);
  fs->nctl--;
  if (!reachable) fs->ctl[fs->nctl - 1].unreachable = true;
}

static void op_br(struct fstate *fs, const struct instr *in) {
  emit_branch(fs, in->imm.idx);
  fs->ctl[fs->nctl - 1].unreachable = true;
}

static void op_br_if(struct fstate *fs, const struct instr *in) {
  const char *cond = top(fs, 0);
  pop(fs, 1);
  line(fs, "if (%s) {", cond);
  fs->indent++;
  emit_branch(fs, in->imm.idx);
  fs->indent--;
  line(fs, "}");
}

static void op_br_table(struct fstate *fs, const struct instr *in) {
  const char *index = top(fs, 0);
  uint32_t n = in->imm.br_table.count;
  const uint32_t *labels = in->imm.br_table.labels;
  pop(fs, 1);
  if (n == 0) {
    line(fs, "(void)%s;", index);
  } else {
    line(fs, "switch (%s) {", index);
    for (uint32_t k = 0; k <= n; k++) {
      if (k < n) line(fs, "case %" PRIu32 ":", k);
      else line(fs, "default:");
      fs->indent++;
      emit_branch(fs, labels[k]);
      fs->indent--;
    }
    line(fs, "}");
  }
  if (n == 0) emit_branch(fs, labels[0]);
  fs->ctl[fs->nctl - 1].unreachable = true;
}

/* ---- calls ---- */

/* Finish a call whose callee expression (up to the first argument) is in
 * callee: arguments are the stack slots from base up, results replace them. */
static void emit_call(struct fstate *fs, uint32_t typeidx, const char *callee) {
  const struct functype *ft = &fs->m->types[typeidx];
  uint32_t base = fs->sp - ft->nparams;
  struct ebuf args;
  emit_init_buf(&args, fs->e->arena);
  for (uint32_t k = 0; k < ft->nparams; k++) emit_printf(&args, ", %s", slot(fs, base + k));
  fs->sp = base;
  for (uint32_t k = 0; k < ft->nresults; k++) push(fs, ft->results[k]);
  fs->use.calls = true;
  indent(fs);
  if (ft->nresults == 1) {
    emit_printf(fs->b, "%s = %s%s);\n", slot(fs, base), callee, args.data);
  } else if (ft->nresults == 0) {
    emit_printf(fs->b, "%s%s);\n", callee, args.data);
  } else {
    emit_printf(fs->b, "{ %s res = %s%s);", emit_return_type(fs->e, typeidx), callee, args.data);
    for (uint32_t k = 0; k < ft->nresults; k++)
      emit_printf(fs->b, " %s = res.r%" PRIu32 ";", slot(fs, base + k), k);
    emit_put(fs->b, " }\n");
  }
  refresh_memories(fs);
}

static void op_call(struct fstate *fs, const struct instr *in) {
  uint32_t fi = in->imm.idx;
  const struct func *callee = &fs->m->funcs[fi];
  struct ebuf c;
  emit_init_buf(&c, fs->e->arena);
  if (callee->imported) {
    emit_put(&c, "((");
    emit_fnptr_type(fs->e, &c, callee->typeidx);
    emit_printf(&c, ")%s->base.funcs[%" PRIu32 "].fn)(inst->base.funcs[%" PRIu32 "].obj", inst(fs), fi, fi);
  } else {
    emit_printf(&c, "%s(%s", fs->e->func_names[fi], inst(fs));
  }
  emit_call(fs, callee->typeidx, c.data);
}

static void op_call_indirect(struct fstate *fs, const struct instr *in) {
  uint32_t typeidx = in->imm.pair.a, table = in->imm.pair.b;
  const char *index = top(fs, 0);
  pop(fs, 1);
  line(fs, "{");
  fs->indent++;
  line(fs, "const w2l_ref *callee = w2l_call_indirect_check(%s->base.tables[%" PRIu32 "], %s, "
           "inst->base.types[%" PRIu32 "]);", inst(fs), table, index, typeidx);
  struct ebuf c;
  emit_init_buf(&c, fs->e->arena);
  emit_put(&c, "((");
  emit_fnptr_type(fs->e, &c, typeidx);
  emit_put(&c, ")callee->fn)(callee->obj");
  emit_call(fs, typeidx, c.data);
  fs->indent--;
  line(fs, "}");
}

/* ---- parametric and variables ---- */

static void op_select(struct fstate *fs) {
  const char *cond = top(fs, 0);
  const char *b = top(fs, 1);
  const char *a = top(fs, 2);
  line(fs, "%s = %s ? %s : %s;", a, cond, a, b);
  pop(fs, 2);
}

static void op_local(struct fstate *fs, const struct instr *in) {
  uint32_t i = in->imm.idx;
  if (in->op == OP_LOCAL_GET) {
    const struct func *f = fs->f;
    enum valtype t = i < fs->ft->nparams ? fs->ft->params[i] : f->locals[i - fs->ft->nparams];
    push(fs, t);
    line(fs, "%s = %s;", top(fs, 0), local(fs, i));
  } else {
    line(fs, "%s = %s;", local(fs, i), top(fs, 0));
    if (in->op == OP_LOCAL_SET) pop(fs, 1);
  }
}

static void op_global(struct fstate *fs, const struct instr *in) {
  uint32_t g = in->imm.idx;
  indent(fs);
  if (in->op == OP_GLOBAL_GET) {
    push(fs, fs->m->globals[g].type);
    emit_printf(fs->b, "%s = ", top(fs, 0));
    global_expr(fs, fs->b, g);
  } else {
    global_expr(fs, fs->b, g);
    emit_printf(fs->b, " = %s", top(fs, 0));
    pop(fs, 1);
  }
  emit_put(fs->b, ";\n");
}

/* ---- numeric instructions, from the C column of opcodes.def ---- */

static enum valtype sig_type(char c) {
  switch (c) {
  case 'i': return VT_I32;
  case 'I': return VT_I64;
  case 'f': return VT_F32;
  default: return VT_F64;
  }
}

static void op_numeric(struct fstate *fs, const struct instr *in) {
  const struct opinfo *oi = &opinfo[in->op];
  const char *colon = strchr(oi->sig, ':');
  uint32_t nparams = (uint32_t)(colon - oi->sig);
  const char *operand[2] = {"", ""};
  for (uint32_t k = 0; k < nparams; k++) operand[k] = top(fs, nparams - 1 - k);
  pop(fs, nparams);
  push(fs, sig_type(colon[1]));
  indent(fs);
  emit_printf(fs->b, "%s = ", top(fs, 0));
  for (const char *p = oi->c; *p; p++) {
    if (p[0] == '%' && (p[1] == '1' || p[1] == '2')) {
      emit_put(fs->b, operand[p[1] - '1']);
      p++;
    } else {
      emit_printf(fs->b, "%c", *p);
    }
  }
  emit_put(fs->b, ";\n");
}

static void op_const(struct fstate *fs, const struct instr *in) {
  push(fs, sig_type(opinfo[in->op].sig[1]));
  indent(fs);
  emit_printf(fs->b, "%s = ", top(fs, 0));
  switch (in->op) {
  case OP_I32_CONST: emit_printf(fs->b, "%" PRIu32 "u", in->imm.i32); break;
  case OP_I64_CONST: emit_printf(fs->b, "UINT64_C(%" PRIu64 ")", in->imm.i64); break;
  case OP_F32_CONST: emit_f32_literal(fs->b, in->imm.f32_bits); break;
  default: emit_f64_literal(fs->b, in->imm.f64_bits); break;
  }
  emit_put(fs->b, ";\n");
}

/* ---- memory ---- */

static const char *mem_base(struct fstate *fs, uint32_t k) {
  fs->use.mems[k] = 1;
  fs->use.inst = true;
  char *s = fs->names[fs->next_name++ % 8];
  snprintf(s, sizeof fs->names[0], "mem%" PRIu32 ", mem%" PRIu32 "_size", k, k);
  return s;
}

static void op_load(struct fstate *fs, const struct instr *in) {
  const struct memarg *ma = &in->imm.memarg;
  const char *addr = top(fs, 0);
  const char *base = mem_base(fs, ma->mem);
  pop(fs, 1);
  push(fs, sig_type(opinfo[in->op].sig[2]));
  if (ma->offset)
    line(fs, "%s = w2l_load_%s(%s, (uint64_t)%s + %" PRIu64 "u);", top(fs, 0), opinfo[in->op].c,
         base, addr, ma->offset);
  else
    line(fs, "%s = w2l_load_%s(%s, %s);", top(fs, 0), opinfo[in->op].c, base, addr);
}

static void op_store(struct fstate *fs, const struct instr *in) {
  const struct memarg *ma = &in->imm.memarg;
  const char *value = top(fs, 0);
  const char *addr = top(fs, 1);
  const char *base = mem_base(fs, ma->mem);
  pop(fs, 2);
  if (ma->offset)
    line(fs, "w2l_store_%s(%s, (uint64_t)%s + %" PRIu64 "u, %s);", opinfo[in->op].c, base, addr,
         ma->offset, value);
  else
    line(fs, "w2l_store_%s(%s, %s, %s);", opinfo[in->op].c, base, addr, value);
}

static void op_memory(struct fstate *fs, const struct instr *in) {
  uint32_t k = in->imm.idx;
  const char *in_ = inst(fs);
  switch (in->op) {
  case OP_MEMORY_SIZE:
    push(fs, VT_I32);
    line(fs, "%s = (uint32_t)%s->base.memories[%" PRIu32 "]->pages;", top(fs, 0), in_, k);
    break;
  case OP_MEMORY_GROW:
    line(fs, "%s = w2l_memory_grow(%s->base.memories[%" PRIu32 "], %s);", top(fs, 0), in_, k, top(fs, 0));
    refresh_memories(fs);
    break;
  case OP_MEMORY_FILL:
    line(fs, "w2l_memory_fill(%s->base.memories[%" PRIu32 "], %s, %s, %s);", in_, k, top(fs, 2),
         top(fs, 1), top(fs, 0));
    pop(fs, 3);
    break;
  case OP_MEMORY_COPY:
    line(fs, "w2l_memory_copy(%s->base.memories[%" PRIu32 "], inst->base.memories[%" PRIu32 "], %s, %s, %s);",
         in_, in->imm.pair.a, in->imm.pair.b, top(fs, 2), top(fs, 1), top(fs, 0));
    pop(fs, 3);
    break;
  case OP_MEMORY_INIT: {
    uint32_t d = in->imm.pair.a;
    line(fs, "w2l_memory_init(%s->base.memories[%" PRIu32 "], %s__data%" PRIu32 ", inst->data_len[%"
             PRIu32 "], %s, %s, %s);", in_, in->imm.pair.b, fs->e->prefix, d, d, top(fs, 2),
         top(fs, 1), top(fs, 0));
    pop(fs, 3);
    break;
  }
  case OP_DATA_DROP: line(fs, "%s->data_len[%" PRIu32 "] = 0;", in_, k); break;
  default: break;
  }
}

/* ---- references and tables ---- */

static void op_ref(struct fstate *fs, const struct instr *in) {
  switch (in->op) {
  case OP_REF_NULL:
    push(fs, (enum valtype)in->imm.idx);
    line(fs, "%s = W2L_NULL_REF;", top(fs, 0));
    break;
  case OP_REF_IS_NULL: {
    bool func = fs->stack[fs->sp - 1] == VT_FUNCREF;
    const char *r = top(fs, 0);
    pop(fs, 1);
    push(fs, VT_I32);
    line(fs, "%s = %s.%s == NULL;", top(fs, 0), r, func ? "fn" : "obj");
    break;
  }
  default: /* ref.func */
    push(fs, VT_FUNCREF);
    line(fs, "%s = %s->base.funcs[%" PRIu32 "];", top(fs, 0), inst(fs), in->imm.idx);
    break;
  }
}

static void op_table(struct fstate *fs, const struct instr *in) {
  uint32_t t = in->imm.idx;
  const char *in_ = inst(fs);
  switch (in->op) {
  case OP_TABLE_GET: {
    const char *i = top(fs, 0);
    pop(fs, 1);
    push(fs, fs->m->tables[t].reftype);
    line(fs, "%s = w2l_table_get(%s->base.tables[%" PRIu32 "], %s);", top(fs, 0), in_, t, i);
    break;
  }
  case OP_TABLE_SET:
    line(fs, "w2l_table_set(%s->base.tables[%" PRIu32 "], %s, %s);", in_, t, top(fs, 1), top(fs, 0));
    pop(fs, 2);
    break;
  case OP_TABLE_SIZE:
    push(fs, VT_I32);
    line(fs, "%s = %s->base.tables[%" PRIu32 "]->size;", top(fs, 0), in_, t);
    break;
  case OP_TABLE_GROW: {
    const char *n = top(fs, 0), *init = top(fs, 1);
    pop(fs, 2);
    push(fs, VT_I32);
    line(fs, "%s = w2l_table_grow(%s->base.tables[%" PRIu32 "], %s, %s);", top(fs, 0), in_, t, n, init);
    break;
  }
  case OP_TABLE_FILL:
    line(fs, "w2l_table_fill(%s->base.tables[%" PRIu32 "], %s, %s, %s);", in_, t, top(fs, 2), top(fs, 1),
         top(fs, 0));
    pop(fs, 3);
    break;
  case OP_TABLE_COPY:
    line(fs, "w2l_table_copy(%s->base.tables[%" PRIu32 "], inst->base.tables[%" PRIu32 "], %s, %s, %s);", in_,
         in->imm.pair.a, in->imm.pair.b, top(fs, 2), top(fs, 1), top(fs, 0));
    pop(fs, 3);
    break;
  case OP_TABLE_INIT: {
    uint32_t s = in->imm.pair.a;
    char seg[32] = "NULL";
    if (fs->m->elems[s].count) snprintf(seg, sizeof seg, "inst->elem%" PRIu32, s);
    line(fs, "w2l_table_init(%s->base.tables[%" PRIu32 "], %s, inst->elem_len[%" PRIu32 "], %s, %s, %s);",
         in_, in->imm.pair.b, seg, s, top(fs, 2), top(fs, 1), top(fs, 0));
    pop(fs, 3);
    break;
  }
  case OP_ELEM_DROP: line(fs, "%s->elem_len[%" PRIu32 "] = 0;", in_, t); break;
  default: break;
  }
}

/* ---- dispatch ---- */

/* Skip dead code after br/br_table/return/unreachable: only block structure
 * matters there.  Returns true if the instruction was dead. */
static bool skip_dead(struct fstate *fs, const struct instr *in) {
  if (!fs->ctl[fs->nctl - 1].unreachable) return false;
  switch (in->op) {
  case OP_BLOCK:
  case OP_LOOP:
  case OP_IF: fs->skip++; return true;
  case OP_ELSE: return fs->skip > 0;
  case OP_END:
    if (fs->skip == 0) return false;
    fs->skip--;
    return true;
  default: return true;
  }
}

static void emit_instr(struct fstate *fs, const struct instr *in) {
  if (skip_dead(fs, in)) return;
  const struct opinfo *oi = &opinfo[in->op];
  switch (in->op) {
  case OP_UNREACHABLE:
    line(fs, "w2l_trap_raise(W2L_TRAP_UNREACHABLE);");
    fs->ctl[fs->nctl - 1].unreachable = true;
    return;
  case OP_NOP: return;
  case OP_BLOCK:
  case OP_LOOP:
  case OP_IF: op_block(fs, in); return;
  case OP_ELSE: op_else(fs); return;
  case OP_END: op_end(fs); return;
  case OP_BR: op_br(fs, in); return;
  case OP_BR_IF: op_br_if(fs, in); return;
  case OP_BR_TABLE: op_br_table(fs, in); return;
  case OP_RETURN:
    emit_return(fs);
    fs->ctl[fs->nctl - 1].unreachable = true;
    return;
  case OP_CALL: op_call(fs, in); return;
  case OP_CALL_INDIRECT: op_call_indirect(fs, in); return;
  case OP_DROP: pop(fs, 1); return;
  case OP_SELECT:
  case OP_SELECT_T: op_select(fs); return;
  case OP_LOCAL_GET:
  case OP_LOCAL_SET:
  case OP_LOCAL_TEE: op_local(fs, in); return;
  case OP_GLOBAL_GET:
  case OP_GLOBAL_SET: op_global(fs, in); return;
  case OP_I32_CONST:
  case OP_I64_CONST:
  case OP_F32_CONST:
  case OP_F64_CONST: op_const(fs, in); return;
  case OP_REF_NULL:
  case OP_REF_IS_NULL:
  case OP_REF_FUNC: op_ref(fs, in); return;
  case OP_MEMORY_SIZE:
  case OP_MEMORY_GROW:
  case OP_MEMORY_FILL:
  case OP_MEMORY_COPY:
  case OP_MEMORY_INIT:
  case OP_DATA_DROP: op_memory(fs, in); return;
  case OP_TABLE_GET:
  case OP_TABLE_SET:
  case OP_TABLE_SIZE:
  case OP_TABLE_GROW:
  case OP_TABLE_FILL:
  case OP_TABLE_COPY:
  case OP_TABLE_INIT:
  case OP_ELEM_DROP: op_table(fs, in); return;
  default: break;
  }
  if (oi->imm == IMM_MEMARG) {
    if (oi->sig[0] == 'i' && oi->sig[1] == ':') op_load(fs, in);
    else op_store(fs, in);
  } else if (oi->sig[0] != '\0') {
    op_numeric(fs, in);
  } else {
    diag_error(fs->m->src, in->pos, "emit: %s is not supported yet", oi->name);
  }
}

/* ---- whole functions ---- */

/* One pass over the body into fs->b; fs->use collects what it used. */
static void run_pass(struct fstate *fs) {
  const struct func *f = fs->f;
  uint32_t nlocals = fs->ft->nparams + f->nlocals;
  memset(&fs->use, 0, sizeof fs->use);
  fs->use.locals = arena_alloc(fs->e->arena, nlocals + 1);
  fs->use.mems = arena_alloc(fs->e->arena, fs->m->nmems + 1);
  fs->sp = fs->nctl = fs->next_label = fs->skip = 0;
  fs->indent = 1;
  struct ctl *body = push_ctl(fs, OP_END);
  body->nresults = fs->ft->nresults;
  body->results = fs->ft->results;
  for (uint32_t i = 0; i < f->body.count; i++) emit_instr(fs, &f->body.code[i]);
}

static char **local_names(struct emitter *e, const struct func *f, uint32_t n) {
  char **names = arena_array(e->arena, n, sizeof *names);
  for (uint32_t i = 0; i < n; i++) {
    const char *nm = f->local_names ? f->local_names[i] : NULL;
    struct ebuf b;
    emit_init_buf(&b, e->arena);
    emit_printf(&b, "l%" PRIu32, i);
    if (nm) emit_printf(&b, "_%s", emit_mangle(e->arena, (const uint8_t *)nm, strlen(nm)));
    names[i] = b.data;
  }
  return names;
}

/* Declarations of the used stack slots of one class: "uint32_t i0 = 0, i2 = 0;". */
static void declare_slots(struct ebuf *out, const struct usage *u, int c, const char *ctype,
                          const char *zero) {
  bool first = true;
  for (uint32_t d = 0; d < u->nslots; d++) {
    if (!(u->slots[d] & (1u << c))) continue;
    if (first) emit_printf(out, "  %s ", ctype);
    else emit_put(out, ", ");
    emit_printf(out, "%c%" PRIu32 " = %s", class_letter[c], d, zero);
    first = false;
  }
  if (!first) emit_put(out, ";\n");
}

void emit_function(struct emitter *e, uint32_t funcidx) {
  const struct module *m = e->m;
  const struct func *f = &m->funcs[funcidx];
  struct fstate fs = {.e = e, .m = m, .f = f, .ft = &m->types[f->typeidx]};
  uint32_t nparams = fs.ft->nparams, nlocals = nparams + f->nlocals;
  struct ebuf pass1, body;
  fs.local_names = local_names(e, f, nlocals);

  emit_init_buf(&pass1, e->arena);
  fs.b = &pass1;
  run_pass(&fs);
  struct usage first = fs.use;
  emit_init_buf(&body, e->arena);
  fs.b = &body;
  fs.prev = &first;
  run_pass(&fs);

  struct ebuf *out = e->out;
  emit_printf(out, "/* func %" PRIu32, funcidx);
  if (f->name) {
    emit_put(out, " $");
    emit_comment_text(out, (const uint8_t *)f->name, strlen(f->name));
  }
  emit_put(out, ": ");
  emit_functype_text(out, fs.ft);
  emit_printf(out, " */\nstatic %s %s(void *obj", emit_return_type(e, f->typeidx), e->func_names[funcidx]);
  for (uint32_t i = 0; i < nparams; i++)
    emit_printf(out, ", %s %s", emit_ctype(fs.ft->params[i]), fs.local_names[i]);
  emit_put(out, ") {\n");
  if (fs.use.inst) emit_printf(out, "  %s__instance *inst = obj;\n", e->prefix);
  else emit_put(out, "  (void)obj;\n");
  for (uint32_t i = 0; i < nparams; i++)
    if (!fs.use.locals[i]) emit_printf(out, "  (void)%s;\n", fs.local_names[i]);
  for (uint32_t i = nparams; i < nlocals; i++) {
    if (!fs.use.locals[i]) continue;
    enum valtype t = f->locals[i - nparams];
    emit_printf(out, "  %s %s = %s;\n", emit_ctype(t), fs.local_names[i],
                valtype_is_ref(t) ? "W2L_NULL_REF" : "0");
  }
  for (int c = 0; c < NCLASS; c++)
    declare_slots(out, &fs.use, c, c == CLASS_REF ? "w2l_ref" : emit_ctype(sig_type("iIfF"[c])),
                  c == CLASS_REF ? "W2L_NULL_REF" : "0");
  for (uint32_t k = 0; k < m->nmems; k++)
    if (fs.use.mems[k])
      emit_printf(out, "  uint8_t *mem%" PRIu32 " = inst->base.memories[%" PRIu32 "]->data;\n"
                       "  uint64_t mem%" PRIu32 "_size = inst->base.memories[%" PRIu32 "]->size;\n",
                  k, k, k, k);
  /* Leaf functions cannot recurse, so the stack check is left to their callers. */
  if (fs.use.calls) emit_put(out, "  W2L_FUNC_ENTRY();\n");
  emit_put(out, body.data);
  emit_put(out, "}\n\n");
}

/* ---- constant expressions ---- */

void emit_const_expr(struct emitter *e, struct ebuf *b, const struct expr *x) {
  const struct instr *in = &x->code[0];
  switch (in->op) {
  case OP_I32_CONST: emit_printf(b, "%" PRIu32 "u", in->imm.i32); break;
  case OP_I64_CONST: emit_printf(b, "UINT64_C(%" PRIu64 ")", in->imm.i64); break;
  case OP_F32_CONST: emit_f32_literal(b, in->imm.f32_bits); break;
  case OP_F64_CONST: emit_f64_literal(b, in->imm.f64_bits); break;
  case OP_REF_NULL: emit_put(b, "W2L_NULL_REF"); break;
  case OP_REF_FUNC: emit_printf(b, "inst->base.funcs[%" PRIu32 "]", in->imm.idx); break;
  case OP_GLOBAL_GET: {
    const struct global *g = &e->m->globals[in->imm.idx];
    if (g->imported)
      emit_printf(b, "inst->base.globals[%" PRIu32 "]->value.%s", in->imm.idx, emit_value_member(g->type));
    else
      emit_printf(b, "inst->%s.value.%s", e->global_names[in->imm.idx], emit_value_member(g->type));
    break;
  }
  default:
    diag_error(e->m->src, in->pos, "emit: unsupported constant expression %s",
               opinfo[in->op].name);
  }
}
