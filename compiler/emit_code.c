/* emit_code.c - function bodies: one small function per instruction class.
 *
 * The operand stack lives in plain C locals, one per (depth, type class):
 * i3 is the i32 at stack depth 3, j = i64, f = f32, d = f64, r = reference,
 * v = v128.
 * Wasm locals are l<idx>[_name].  A value moves only when the stack discipline
 * says so: at a branch, the label's values are copied down to the label's
 * height, so every block result and loop parameter has a fixed home.
 *
 * Constants and local.get stay "pending" (C text, not yet stored) until an
 * instruction uses them as operands, so `l1 + 1u` is written in place; block
 * boundaries store what is still pending, and a local.set first stores the
 * pending reads of that local.
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

enum { CLASS_I32, CLASS_I64, CLASS_F32, CLASS_F64, CLASS_REF, CLASS_V128, NCLASS };
/* What a pending value reads: locals (their index) and stack slots
 * (SLOT_DEP | depth << 3 | class), marked read only when its text is written. */
#define SLOT_DEP 0x80000000u
struct deps {
  uint32_t *v; /* entries */
  uint32_t n;  /* used */
  uint32_t cap; /* allocated */
};
static const char class_letter[NCLASS] = {'i', 'j', 'f', 'd', 'r', 'v'};
/* A value type of each class, for its C type and zero value. */
static const enum valtype class_type[NCLASS] = {VT_I32, VT_I64, VT_F32, VT_F64, VT_FUNCREF, VT_V128};

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
  uint8_t *slots;         /* per stack depth: bit c set if the class-c slot is read */
  uint32_t nslots;        /* depths allocated */
  uint8_t *locals;        /* per local: 1 if read */
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
  uint8_t *konst;             /* per stack slot: 1 if it holds a constant just pushed */
  const char **pending;       /* per stack slot: C text of a value not yet stored in the
                                 slot (a constant, local.get or pure operation), or NULL */
  struct deps *deps;          /* per stack slot: what a pending text reads */
  uint32_t sp, stack_cap;     /* height, capacity */
  struct ctl *ctl;            /* control stack */
  uint32_t nctl, ctl_cap;     /* depth, capacity */
  uint32_t next_label;        /* labels numbered in order of appearance */
  uint32_t skip;              /* nesting depth of blocks inside dead code */
  bool returned;              /* a return statement has been written */
  const struct instr *next;   /* the instruction after the current one, or NULL */
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
  case VT_V128: return CLASS_V128;
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

static void mark_slot(struct fstate *fs, uint32_t d, int c) {
  fs->use.slots = grow_to(fs->e->arena, fs->use.slots, &fs->use.nslots, d + 1, 1);
  fs->use.slots[d] |= (uint8_t)(1u << c);
}

static void mark_deps(struct fstate *fs, const struct deps *x) {
  for (uint32_t k = 0; k < x->n; k++) {
    uint32_t v = x->v[k];
    if (v & SLOT_DEP) mark_slot(fs, (v & ~SLOT_DEP) >> 3, (int)(v & 7));
    else fs->use.locals[v] = 1;
  }
}

static void add_dep(struct fstate *fs, struct deps *x, uint32_t v) {
  x->v = grow_to(fs->e->arena, x->v, &x->cap, x->n + 1, sizeof *x->v);
  x->v[x->n++] = v;
}

/* The C text of the stack value at depth d, as an operand: its slot's name
 * (marked read) or the pending constant or local it still is. */
static const char *slot(struct fstate *fs, uint32_t d) {
  if (fs->pending[d]) {
    mark_deps(fs, &fs->deps[d]);
    return fs->pending[d];
  }
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
  uint32_t cap = fs->stack_cap;
  fs->stack = grow_to(fs->e->arena, fs->stack, &fs->stack_cap, fs->sp + 1, sizeof *fs->stack);
  uint32_t cap2 = cap, cap3 = cap;
  fs->konst = grow_to(fs->e->arena, fs->konst, &cap, fs->sp + 1, 1);
  fs->pending = grow_to(fs->e->arena, fs->pending, &cap2, fs->sp + 1, sizeof *fs->pending);
  fs->deps = grow_to(fs->e->arena, fs->deps, &cap3, fs->sp + 1, sizeof *fs->deps);
  fs->konst[fs->sp] = 0;
  fs->pending[fs->sp] = NULL;
  memset(&fs->deps[fs->sp], 0, sizeof fs->deps[fs->sp]);
  fs->stack[fs->sp++] = t;
}

static void pop(struct fstate *fs, uint32_t n) { fs->sp -= n; }


static bool local_read(const struct fstate *fs, uint32_t i) { return !fs->prev || fs->prev->locals[i]; }

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

static bool slot_read(const struct usage *u, uint32_t d, enum valtype t) {
  return u && d < u->nslots && (u->slots[d] & (1u << type_class(t)));
}

/* Name of the slot at depth d as a destination, without marking it read. */
static const char *dest_name(struct fstate *fs, uint32_t d) {
  char *s = fs->names[fs->next_name++ % 8];
  snprintf(s, sizeof fs->names[0], "%c%" PRIu32, class_letter[type_class(fs->stack[d])], d);
  return s;
}

/* Store an expression into the slot at depth d: "i3 = EXPR;".  When nothing
 * ever reads that slot (known from the previous pass) the value is only
 * evaluated, "(void)(EXPR);", for its traps and side effects, so the C
 * compiler sees no variable that is set but not used. */
static void before_slot_write(struct fstate *fs, uint32_t d);
static const char *bare(struct fstate *fs, const char *text);
static void set_slot(struct fstate *fs, uint32_t d, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_slot(struct fstate *fs, uint32_t d, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof buf) diag_error(NULL, 0, "emit: line too long");
  before_slot_write(fs, d);
  fs->pending[d] = NULL; /* the value is the slot's from now on */
  fs->konst[d] = 0;
  if (!fs->prev || slot_read(fs->prev, d, fs->stack[d])) line(fs, "%s = %s;", dest_name(fs, d), buf);
  else line(fs, "(void)(%s);", buf);
}

/* Store the pending value at depth d into its slot (if anything reads it). */
static void materialize(struct fstate *fs, uint32_t d) {
  if (!fs->pending[d]) return;
  before_slot_write(fs, d);
  if (!fs->prev || slot_read(fs->prev, d, fs->stack[d]))
    line(fs, "%s = %s;", dest_name(fs, d), bare(fs, slot(fs, d)));
  fs->pending[d] = NULL;
}

static bool has_dep(const struct deps *x, uint32_t v, uint32_t mask) {
  for (uint32_t k = 0; k < x->n; k++)
    if ((x->v[k] & mask) == v) return true;
  return false;
}

/* Slot d is about to be overwritten: pending values below that still read it
 * get stored first. */
static void before_slot_write(struct fstate *fs, uint32_t d) {
  for (uint32_t e = 0; e < d && e < fs->sp; e++)
    if (fs->pending[e] && has_dep(&fs->deps[e], SLOT_DEP | d << 3, ~7u)) materialize(fs, e);
}

/* Values stay pending only within straight-line code: block boundaries store
 * them all, a local.set stores those that read the local first. */
static void materialize_all(struct fstate *fs) {
  for (uint32_t d = 0; d < fs->sp; d++) materialize(fs, d);
}

static void materialize_local(struct fstate *fs, uint32_t below, uint32_t local) {
  for (uint32_t d = 0; d < below; d++)
    if (fs->pending[d] && has_dep(&fs->deps[d], local, ~0u)) materialize(fs, d);
}

/* Make the new top of the stack pending with this text and what it reads. */
static void set_pending(struct fstate *fs, const char *text, const struct deps *reads) {
  uint32_t d = fs->sp - 1;
  fs->pending[d] = arena_strndup(fs->e->arena, text, strlen(text));
  memset(&fs->deps[d], 0, sizeof fs->deps[d]);
  for (uint32_t k = 0; reads && k < reads->n; k++) add_dep(fs, &fs->deps[d], reads->v[k]);
}

/* The text of the operand at depth d for a value that may stay pending: what
 * it reads is added to reads instead of being marked now. */
static const char *take(struct fstate *fs, uint32_t d, struct deps *reads) {
  if (fs->pending[d]) {
    for (uint32_t k = 0; k < fs->deps[d].n; k++) add_dep(fs, reads, fs->deps[d].v[k]);
    return fs->pending[d];
  }
  int c = type_class(fs->stack[d]);
  add_dep(fs, reads, SLOT_DEP | d << 3 | (uint32_t)c);
  char *s = fs->names[fs->next_name++ % 8];
  snprintf(s, sizeof fs->names[0], "%c%" PRIu32, class_letter[c], d);
  return s;
}

/* text without one pair of parentheses around all of it. */
static const char *bare(struct fstate *fs, const char *text) {
  size_t n = strlen(text);
  if (n < 2 || text[0] != '(' || text[n - 1] != ')') return text;
  int depth = 0;
  for (size_t i = 0; i < n; i++) {
    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
    if (depth == 0 && i < n - 1) return text; /* "(a) + (b)" */
  }
  return arena_strndup(fs->e->arena, text + 1, n - 2);
}

/* A condition as C writes it: no outer parentheses, no cast of a comparison. */
static const char *cond_text(struct fstate *fs, const char *text) {
  text = bare(fs, text);
  if (strncmp(text, "(uint32_t)(", 11) == 0) {
    const char *rest = bare(fs, text + 10);
    if (rest != text + 10) return rest;
  }
  return text;
}

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
      line(fs, "W2L_MEM_RELOAD(mem%" PRIu32 ", mem%" PRIu32 "_size, inst->mem%" PRIu32 ");", k, k, k);
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
  fs->returned = true;
  if (ft->nresults == 0) {
    line(fs, "return;");
  } else if (ft->nresults == 1) {
    line(fs, "return %s;", bare(fs, top(fs, 0)));
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
    if (src == dst && !fs->pending[src]) continue; /* already home */
    fs->stack[dst] = fs->stack[src]; /* the home slot has the label's type */
    if (!fs->prev || slot_read(fs->prev, dst, fs->stack[dst]))
      emit_printf(fs->b, "%s = %s; ", dest_name(fs, dst), slot(fs, src));
  }
  emit_printf(fs->b, "goto L%" PRIu32 ";\n", c->label);
  mark_label(fs, c->label);
}

static void op_block(struct fstate *fs, const struct instr *in) {
  const char *cond = NULL;
  if (in->op == OP_IF) {
    cond = top(fs, 0);
    pop(fs, 1);
  }
  materialize_all(fs);
  struct ctl *c = push_ctl(fs, (enum opcode)in->op);
  block_signature(fs, &in->imm.block, c);
  c->height = fs->sp - c->nparams;
  if (in->op == OP_LOOP) {
    if (label_used(fs->prev, c->label)) emit_printf(fs->b, "L%" PRIu32 ":;\n", c->label);
  } else if (in->op == OP_IF) {
    line(fs, "if (%s) {", cond_text(fs, cond));
    fs->indent++;
  }
}

static void op_else(struct fstate *fs) {
  struct ctl *c = &fs->ctl[fs->nctl - 1];
  if (!c->unreachable) materialize_all(fs);
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
  if (reachable && c->kind != OP_END) materialize_all(fs);
  if (c->kind == OP_END) {
    if (reachable && fs->ft->nresults) emit_return(fs);
    /* A function that never returns (say, it loops forever) still needs a
     * sign for the C compiler that it does not fall off its end. */
    if (fs->ft->nresults && !fs->returned) line(fs, "w2l_trap_raise(W2L_TRAP_UNREACHABLE); /* not reached */");
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
  const char *cond = cond_text(fs, top(fs, 0));
  pop(fs, 1);
  /* The branch on one line: "if (c) goto L2;" or "if (c) { i1 = i3; goto L2; }". */
  struct ebuf *saved = fs->b, branch;
  int saved_indent = fs->indent;
  emit_init_buf(&branch, fs->e->arena);
  fs->b = &branch;
  fs->indent = 0;
  emit_branch(fs, in->imm.idx);
  fs->b = saved;
  fs->indent = saved_indent;
  while (branch.len && (branch.data[branch.len - 1] == '\n' || branch.data[branch.len - 1] == ' '))
    branch.data[--branch.len] = '\0';
  const char *semi = strchr(branch.data, ';');
  if (semi && semi[1] == '\0') line(fs, "if (%s) %s", cond, branch.data);
  else line(fs, "if (%s) { %s }", cond, branch.data);
}

static void op_br_table(struct fstate *fs, const struct instr *in) {
  const char *index = top(fs, 0);
  uint32_t n = in->imm.br_table.count;
  const uint32_t *labels = in->imm.br_table.labels;
  pop(fs, 1);
  if (n == 0) {
    line(fs, "(void)%s;", index);
  } else {
    line(fs, "switch (%s) {", bare(fs, index));
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
    if (!fs->prev || slot_read(fs->prev, base, fs->stack[base]))
      emit_printf(fs->b, "%s = %s%s);\n", dest_name(fs, base), callee, args.data);
    else
      emit_printf(fs->b, "%s%s);\n", callee, args.data);
  } else if (ft->nresults == 0) {
    emit_printf(fs->b, "%s%s);\n", callee, args.data);
  } else {
    emit_printf(fs->b, "{ %s res = %s%s);", emit_return_type(fs->e, typeidx), callee, args.data);
    bool any = false;
    for (uint32_t k = 0; k < ft->nresults; k++) {
      if (fs->prev && !slot_read(fs->prev, base + k, fs->stack[base + k])) continue;
      emit_printf(fs->b, " %s = res.r%" PRIu32 ";", dest_name(fs, base + k), k);
      any = true;
    }
    emit_put(fs->b, any ? " }\n" : " (void)res; }\n");
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
  line(fs, "const w2l_ref *callee = w2l_call_indirect_check(%s->table%" PRIu32 ", %s, "
           "inst->types[%" PRIu32 "]);", inst(fs), table, index, typeidx);
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
  pop(fs, 2);
  set_slot(fs, fs->sp - 1, "%s ? %s : %s", cond, a, b);
}

static void op_local(struct fstate *fs, const struct instr *in) {
  uint32_t i = in->imm.idx;
  if (in->op == OP_LOCAL_GET) {
    const struct func *f = fs->f;
    enum valtype t = i < fs->ft->nparams ? fs->ft->params[i] : f->locals[i - fs->ft->nparams];
    push(fs, t);
    struct deps reads = {0};
    add_dep(fs, &reads, i);
    set_pending(fs, fs->local_names[i], &reads);
  } else if (local_read(fs, i)) {
    const char *value = bare(fs, top(fs, 0));
    materialize_local(fs, fs->sp - 1, i);
    if (strcmp(value, fs->local_names[i]) == 0) /* local.set x (local.get x) */
      line(fs, "(void)%s;", value); /* not "x = x;": clang warns (-Wself-assign) */
    else
      line(fs, "%s = %s;", fs->local_names[i], value);
    pop(fs, 1);
    if (in->op == OP_LOCAL_TEE) {
      push(fs, fs->stack[fs->sp]);
      struct deps reads = {0};
      add_dep(fs, &reads, i);
      set_pending(fs, fs->local_names[i], &reads);
    }
  } else if (in->op == OP_LOCAL_SET) {
    pop(fs, 1);
  }
}

static void op_global(struct fstate *fs, const struct instr *in) {
  uint32_t g = in->imm.idx;
  struct ebuf x;
  emit_init_buf(&x, fs->e->arena);
  global_expr(fs, &x, g);
  if (in->op == OP_GLOBAL_GET) {
    push(fs, fs->m->globals[g].type);
    set_slot(fs, fs->sp - 1, "%s", x.data);
  } else {
    line(fs, "%s = %s;", x.data, top(fs, 0));
    pop(fs, 1);
  }
}

/* ---- numeric instructions, from the C column of opcodes.def ---- */

static enum valtype sig_type(char c) {
  switch (c) {
  case 'i': return VT_I32;
  case 'I': return VT_I64;
  case 'f': return VT_F32;
  case 'V': return VT_V128;
  default: return VT_F64;
  }
}

/* Float arithmetic that a C compiler may fold away when one operand is a
 * constant (x - 0, x * 1, x / -1...), dropping the quieting of a signalling
 * NaN that wasm requires; such results go through w2l_fN_quiet(). */
static bool foldable_float_op(enum opcode op) {
  switch (op) {
  case OP_F32_ADD: case OP_F32_SUB: case OP_F32_MUL: case OP_F32_DIV:
  case OP_F64_ADD: case OP_F64_SUB: case OP_F64_MUL: case OP_F64_DIV: return true;
  default: return false;
  }
}

static void op_numeric(struct fstate *fs, const struct instr *in) {
  const struct opinfo *oi = &opinfo[in->op];
  const char *colon = strchr(oi->sig, ':');
  uint32_t nparams = (uint32_t)(colon - oi->sig);
  const char *operand[3] = {"", "", ""};
  bool has_const = false;
  /* `l0 != l0` would draw a self-comparison warning: store one side first. */
  if (nparams == 2 && fs->pending[fs->sp - 1] && fs->pending[fs->sp - 2] &&
      strcmp(fs->pending[fs->sp - 1], fs->pending[fs->sp - 2]) == 0 && !fs->konst[fs->sp - 1])
    materialize(fs, fs->sp - 1);
  /* A scalar operation that cannot trap may stay pending itself. */
  bool fold = strstr(oi->c, "_div_") == NULL && strstr(oi->c, "_rem_") == NULL &&
              strstr(oi->c, "trunc_f") == NULL && strchr(oi->sig, 'V') == NULL;
  struct deps reads = {0};
  for (uint32_t k = 0; k < nparams; k++) {
    operand[k] = take(fs, fs->sp - nparams + k, &reads);
    has_const |= fs->konst[fs->sp - 1 - k];
  }
  bool second_const = nparams == 2 && fs->konst[fs->sp - 1];
  pop(fs, nparams);
  push(fs, sig_type(colon[1]));
  struct ebuf x;
  emit_init_buf(&x, fs->e->arena);
  bool quiet = has_const && foldable_float_op((enum opcode)in->op);
  if (quiet) emit_printf(&x, "w2l_%s_quiet(", colon[1] == 'f' ? "f32" : "f64");
  /* A constant shift count is masked here: x << 3u, not x << (3u & 31). */
  unsigned long long count = 0;
  bool const_count = second_const &&
                     (sscanf(operand[1], "%llu", &count) == 1 ||
                      sscanf(operand[1], "UINT64_C(%llu)", &count) == 1);
  for (const char *p = oi->c; *p; p++) {
    if (const_count && (strncmp(p, "(%2 & 31)", 9) == 0 || strncmp(p, "(%2 & 63)", 9) == 0)) {
      emit_printf(&x, "%lluu", count & (p[6] == '3' ? 31u : 63u));
      p += 8;
    } else if (p[0] == '%' && p[1] >= '1' && p[1] <= '3') {
      emit_put(&x, operand[p[1] - '1']);
      p++;
    } else if (p[0] == '%' && p[1] == 'L') { /* lane index */
      emit_printf(&x, "%" PRIu32 "u", in->imm.idx);
      p++;
    } else if (p[0] == '%' && p[1] == 'S') { /* shuffle lane indices */
      emit_put(&x, "(const uint8_t[16]){");
      for (int k = 0; k < 16; k++) emit_printf(&x, "%s%u", k ? ", " : "", in->imm.v128[k]);
      emit_put(&x, "}");
      p++;
    } else {
      emit_printf(&x, "%c", *p);
    }
  }
  if (quiet) emit_put(&x, ")");
  if (fold && x.len < 200) {
    struct ebuf p;
    emit_init_buf(&p, fs->e->arena);
    /* comparisons give an int; the i32 result is unsigned */
    bool compare = in->op >= OP_I32_EQZ && in->op <= OP_F64_GE;
    emit_printf(&p, compare ? "((uint32_t)(%s))" : "(%s)", x.data);
    set_pending(fs, p.data, &reads);
    return;
  }
  mark_deps(fs, &reads);
  set_slot(fs, fs->sp - 1, "%s", x.data);
}

static void op_const(struct fstate *fs, const struct instr *in) {
  push(fs, sig_type(opinfo[in->op].sig[1]));
  struct ebuf x;
  emit_init_buf(&x, fs->e->arena);
  switch (in->op) {
  case OP_I32_CONST: emit_printf(&x, "%" PRIu32 "u", in->imm.i32); break;
  case OP_I64_CONST: emit_printf(&x, "UINT64_C(%" PRIu64 ")", in->imm.i64); break;
  case OP_F32_CONST: emit_f32_literal(&x, in->imm.f32_bits); break;
  case OP_V128_CONST: emit_v128_literal(&x, in->imm.v128); break;
  default: emit_f64_literal(&x, in->imm.f64_bits); break;
  }
  if (x.data[0] == '-') { /* a negative float: keep it one operand */
    struct ebuf p;
    emit_init_buf(&p, fs->e->arena);
    emit_printf(&p, "(%s)", x.data);
    x = p;
  }
  set_pending(fs, x.data, NULL);
  fs->konst[fs->sp - 1] = 1;
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
  bool dropped = fs->next && fs->next->op == OP_DROP;
  if (dropped || (fs->prev && !slot_read(fs->prev, fs->sp - 1, fs->stack[fs->sp - 1]))) {
    /* The value is dropped, but the access must still trap when out of bounds. */
    if (ma->offset)
      line(fs, "w2l_touch(%s, (uint64_t)%s + %" PRIu64 "u, %u);", base, addr, ma->offset,
           op_natural_align((enum opcode)in->op)); /* the access size */
    else
      line(fs, "w2l_touch(%s, %s, %u);", base, addr, op_natural_align((enum opcode)in->op));
    return;
  }
  if (ma->offset)
    set_slot(fs, fs->sp - 1, "w2l_load_%s(%s, (uint64_t)%s + %" PRIu64 "u)", opinfo[in->op].c,
             base, addr, ma->offset);
  else
    set_slot(fs, fs->sp - 1, "w2l_load_%s(%s, %s)", opinfo[in->op].c, base, addr);
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

/* v128.loadN_lane / storeN_lane: memarg, a vector operand and a lane index. */
static void op_lane_memory(struct fstate *fs, const struct instr *in) {
  const struct memarg *ma = &in->imm.memarg;
  const char *vec = top(fs, 0);
  const char *addr = top(fs, 1);
  const char *base = mem_base(fs, ma->mem);
  pop(fs, 2);
  if (opinfo[in->op].sig[3]) { /* "iV:V": a load */
    push(fs, VT_V128);
    set_slot(fs, fs->sp - 1, "w2l_load_%s(%s, (uint64_t)%s + %" PRIu64 "u, %s, %u)",
             opinfo[in->op].c, base, addr, ma->offset, vec, ma->lane);
  } else {
    line(fs, "w2l_store_%s(%s, (uint64_t)%s + %" PRIu64 "u, %s, %u);", opinfo[in->op].c, base,
         addr, ma->offset, vec, ma->lane);
  }
}

static void op_memory(struct fstate *fs, const struct instr *in) {
  uint32_t k = in->imm.idx;
  const char *in_ = inst(fs);
  switch (in->op) {
  case OP_MEMORY_SIZE:
    push(fs, VT_I32);
    set_slot(fs, fs->sp - 1, "(uint32_t)%s->mem%" PRIu32 "->pages", in_, k);
    break;
  case OP_MEMORY_GROW:
    set_slot(fs, fs->sp - 1, "w2l_memory_grow(%s->mem%" PRIu32 ", %s)", in_, k, top(fs, 0));
    refresh_memories(fs);
    break;
  case OP_MEMORY_FILL:
    line(fs, "w2l_memory_fill(%s->mem%" PRIu32 ", %s, %s, %s);", in_, k, top(fs, 2),
         top(fs, 1), top(fs, 0));
    pop(fs, 3);
    break;
  case OP_MEMORY_COPY:
    line(fs, "w2l_memory_copy(%s->mem%" PRIu32 ", inst->mem%" PRIu32 ", %s, %s, %s);",
         in_, in->imm.pair.a, in->imm.pair.b, top(fs, 2), top(fs, 1), top(fs, 0));
    pop(fs, 3);
    break;
  case OP_MEMORY_INIT: {
    uint32_t d = in->imm.pair.a;
    fs->e->data_used[d] = true;
    line(fs, "w2l_memory_init(%s->mem%" PRIu32 ", %s__data%" PRIu32 ", inst->data_len[%"
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
    set_slot(fs, fs->sp - 1, "W2L_NULL_REF");
    break;
  case OP_REF_IS_NULL: {
    bool func = fs->stack[fs->sp - 1] == VT_FUNCREF;
    const char *r = top(fs, 0);
    pop(fs, 1);
    push(fs, VT_I32);
    set_slot(fs, fs->sp - 1, "%s.%s == NULL", r, func ? "fn" : "obj");
    break;
  }
  default: /* ref.func */
    push(fs, VT_FUNCREF);
    set_slot(fs, fs->sp - 1, "%s->base.funcs[%" PRIu32 "]", inst(fs), in->imm.idx);
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
    set_slot(fs, fs->sp - 1, "w2l_table_get(%s->table%" PRIu32 ", %s)", in_, t, i);
    break;
  }
  case OP_TABLE_SET:
    line(fs, "w2l_table_set(%s->table%" PRIu32 ", %s, %s);", in_, t, top(fs, 1), top(fs, 0));
    pop(fs, 2);
    break;
  case OP_TABLE_SIZE:
    push(fs, VT_I32);
    set_slot(fs, fs->sp - 1, "%s->table%" PRIu32 "->size", in_, t);
    break;
  case OP_TABLE_GROW: {
    const char *n = top(fs, 0), *init = top(fs, 1);
    pop(fs, 2);
    push(fs, VT_I32);
    set_slot(fs, fs->sp - 1, "w2l_table_grow(%s->table%" PRIu32 ", %s, %s)", in_, t, n, init);
    break;
  }
  case OP_TABLE_FILL:
    line(fs, "w2l_table_fill(%s->table%" PRIu32 ", %s, %s, %s);", in_, t, top(fs, 2), top(fs, 1),
         top(fs, 0));
    pop(fs, 3);
    break;
  case OP_TABLE_COPY:
    line(fs, "w2l_table_copy(%s->table%" PRIu32 ", inst->table%" PRIu32 ", %s, %s, %s);", in_,
         in->imm.pair.a, in->imm.pair.b, top(fs, 2), top(fs, 1), top(fs, 0));
    pop(fs, 3);
    break;
  case OP_TABLE_INIT: {
    uint32_t s = in->imm.pair.a;
    char seg[32] = "NULL";
    if (fs->m->elems[s].count) snprintf(seg, sizeof seg, "inst->elem%" PRIu32, s);
    line(fs, "w2l_table_init(%s->table%" PRIu32 ", %s, inst->elem_len[%" PRIu32 "], %s, %s, %s);",
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
  case OP_F64_CONST:
  case OP_V128_CONST: op_const(fs, in); return;
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
  if (oi->imm == IMM_MEMARG_LANE) {
    op_lane_memory(fs, in);
  } else if (oi->imm == IMM_MEMARG) {
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
  fs->returned = false;
  fs->indent = 1;
  struct ctl *body = push_ctl(fs, OP_END);
  body->nresults = fs->ft->nresults;
  body->results = fs->ft->results;
  for (uint32_t i = 0; i < f->body.count; i++) {
    fs->next = i + 1 < f->body.count ? &f->body.code[i + 1] : NULL;
    emit_instr(fs, &f->body.code[i]);
  }
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

static bool same_bytes(const uint8_t *a, uint32_t na, const uint8_t *b, uint32_t nb) {
  for (uint32_t i = 0; i < na || i < nb; i++)
    if ((i < na ? a[i] : 0) != (i < nb ? b[i] : 0)) return false;
  return true;
}

static bool same_usage(const struct usage *a, const struct usage *b, uint32_t nlocals,
                       uint32_t nmems) {
  return a->inst == b->inst && a->calls == b->calls &&
         same_bytes(a->labels, a->nlabels, b->labels, b->nlabels) &&
         same_bytes(a->slots, a->nslots, b->slots, b->nslots) &&
         memcmp(a->locals, b->locals, nlocals) == 0 && memcmp(a->mems, b->mems, nmems) == 0;
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
  struct ebuf body;
  fs.local_names = local_names(e, f, nlocals);

  /* The first pass assumes every value is read; each later one drops the
   * stores the previous found dead, which may make more values dead.  Stop
   * when a pass reads exactly what the previous one did. */
  struct usage last;
  for (int pass = 0;; pass++) {
    emit_init_buf(&body, e->arena);
    fs.b = &body;
    run_pass(&fs);
    if (fs.prev && same_usage(fs.prev, &fs.use, nlocals, m->nmems)) break;
    if (pass == 16) diag_error(m->src, f->pos, "emit: usage analysis does not settle");
    last = fs.use;
    fs.prev = &last;
  }

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
    emit_printf(out, "  %s %s = %s;\n", emit_ctype(t), fs.local_names[i], emit_zero(t));
  }
  for (int c = 0; c < NCLASS; c++)
    declare_slots(out, &fs.use, c, emit_ctype(class_type[c]), emit_zero(class_type[c]));
  for (uint32_t k = 0; k < m->nmems; k++)
    if (fs.use.mems[k])
      emit_printf(out, "  uint8_t *mem%" PRIu32 " = inst->mem%" PRIu32 "->data;\n"
                       "  uint64_t mem%" PRIu32 "_size = inst->mem%" PRIu32 "->size;\n",
                  k, k, k, k);
  /* Leaf functions cannot recurse, so the stack check is left to their callers. */
  /* Functions that may recurse check the stack and keep their frame
   * (W2L_NO_SIBCALL): a C compiler must not turn recursion into a loop, so
   * runaway recursion exhausts the stack.  The others cannot go deeper than
   * the module's longest call chain. */
  if (e->recursive[funcidx]) emit_put(out, "  W2L_FUNC_ENTRY();\n  W2L_NO_SIBCALL();\n");
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
  case OP_V128_CONST: emit_v128_literal(b, in->imm.v128); break;
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
