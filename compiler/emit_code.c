/* emit_code.c - function bodies: one small function per instruction class.
 *
 * The operand stack lives in plain C locals, one per (depth, type class):
 * i3 is the i32 at stack depth 3, j = i64, f = f32, d = f64, r = reference,
 * v = v128.  Wasm locals are l<idx>[_name].  A value moves only when the stack
 * discipline says so: at a branch, the label's values are copied to the
 * label's height, so every block result and loop parameter has a fixed home
 * whose type is the label's.
 *
 * Values that are pure (constants, local.get, operations that cannot trap)
 * stay pending as expression records (struct cexpr: text, how tightly it binds,
 * whether it is a C comparison, whether it is a constant, what it reads) until
 * an instruction with an effect needs them, so `l1 + 1u` is written in place.
 * Every write to a variable first stores the pending values that read it (the
 * slot writers all go through store_slot, local.set through set_local), and
 * block boundaries store everything still pending.  Decisions about folding
 * and parentheses are taken on the records, never by reading C text back.
 *
 * Blocks and loops become labels and goto (L<n>, or L<n>_done for a block
 * labelled $done); ifs become if/else braces, or flat gotos (to E<n> for the
 * else branch) when nested deeper than C compilers like; br_table a switch;
 * code after br/return/unreachable is skipped up to the next else/end.
 *
 * Each body is generated until what it uses settles: every pass records the
 * labels jumped to, the stack slots and locals read, the memories and the
 * instance used, so that the last can declare exactly that and the C compiler
 * sees no unused variable or label.
 */
#include <inttypes.h>
#include <string.h>

#include "emit.h"

/* Functions whose estimated frame is bigger than this check that it fits
 * (W2L_FUNC_ENTRY_FRAME): a 4 KiB guard page below a thread's stack can only
 * catch frames smaller than itself. */
#define FRAME_CHECK_BYTES 4096
/* A generous sizeof(jmp_buf) (glibc: 200 bytes on x86-64, 312 on aarch64),
 * for a try_table's handler in frame estimates. */
#define JMP_BUF_BYTES 512
/* In fstate.tries: the label is a legacy try's. */
#define LEGACY_TRY 0x80000000u

enum { CLASS_I32, CLASS_I64, CLASS_F32, CLASS_F64, CLASS_REF, CLASS_V128, NCLASS };
static const char class_letter[NCLASS] = {'i', 'j', 'f', 'd', 'r', 'v'};
/* A value type of each class, for its C type and zero value. */
static const enum valtype class_type[NCLASS] = {VT_I32, VT_I64,     VT_F32,
                                                VT_F64, VT_FUNCREF, VT_V128};

/* Limits that keep the C within what compilers accept and linear in size. */
enum {
  MAX_NEST = 40,   /* parentheses nesting of one pending expression */
  MAX_TEXT = 400,  /* bytes of one pending expression */
  MAX_BRACES = 40, /* nested if braces; deeper ifs are written with gotos */
  MAX_INDENT = 16, /* indentation levels written */
};

/* How tightly a C expression binds, to decide its parentheses as an operand. */
enum prec {
  PREC_PRIMARY, /* name, literal, call, member: never parenthesized */
  PREC_UNARY,   /* cast or prefix operator: safe as an operand of a binary operator */
  PREC_BINARY,  /* binary or conditional operator: parenthesized as an operand */
};

/* What a pending expression reads: locals (their index) and stack slots
 * (SLOT_DEP | depth << 3 | class). */
#define SLOT_DEP 0x80000000u
struct deps {
  uint32_t *v;  /* entries */
  uint32_t n;   /* used */
  uint32_t cap; /* allocated */
};

/* A value as a C expression. */
struct cexpr {
  const char *text; /* the C text, or NULL when the value is already in its slot */
  enum prec prec;   /* binding of the outermost operator of text */
  bool boolean;     /* text is a C comparison: an int 0 or 1, not yet a uint32_t */
  bool konst;       /* text is a literal */
  bool folds;       /* text has only literals as leaves (konst or built of konsts): C
                       compilers fold it to a constant and warn on what it makes */
  uint64_t value;   /* its bits when konst and not a v128 (a float's IEEE bits) */
  enum opcode op;   /* operation of the outermost operator, OP_COUNT for leaves */
  bool mask_konst;  /* an and/or with an operand that folds (or an integer cast of one) ... */
  bool mask_known;  /* ... and is a literal ... */
  bool mask_or;     /* ... an or (else an and) ... */
  uint64_t mask;    /* ... of these bits (as seen through the casts) */
  uint32_t nest;    /* parentheses nesting depth of text */
  struct deps deps; /* what text reads */
};

/* One operand stack entry. */
struct slot {
  enum valtype type; /* its value type */
  struct cexpr x;    /* pending expression (x.text != NULL) or in its slot variable */
};

/* One entry of the control stack: the function body, a block, loop or if. */
struct ctl {
  enum opcode kind;            /* OP_BLOCK, OP_LOOP, OP_IF, OP_TRY_TABLE, or OP_END for the body */
  uint32_t label;              /* label number, in order of appearance */
  const char *cname;           /* its C label: L<label>, or L<label>_<name> for a $name */
  uint32_t height;             /* operand stack height below the block's params */
  uint32_t nparams;            /* block params */
  uint32_t nresults;           /* block results */
  const enum valtype *params;  /* nparams types */
  const enum valtype *results; /* nresults types */
  bool unreachable;            /* the current position in this block is dead code */
  bool has_else;               /* an if whose else has been seen */
  bool then_reachable;         /* an if whose then branch can fall through to its end */
  bool flat;                   /* an if written as gotos (too deeply nested for braces) */
  uint32_t ncatch;             /* a legacy try: its catch parts seen so far */
  bool holds;                  /* a legacy try in a catch part with a rethrow of xN: the
                                  instance holds xN (w2l_exn_hold) until the part is left */
  /* Exception handlers (functions with a try_table; NULL in the others): the
   * C expression of the handler w2l_eh_top holds inside this block and the
   * one around it (they differ for a try_table only; the body's is eh_outer,
   * the handler of the function's caller).  A branch to this label leaves
   * handler_out in w2l_eh_top. */
  const char *handler_in;
  const char *handler_out;
};

/* What one pass over a body records, so the next can declare just that. */
struct usage {
  uint8_t *labels;  /* per label: 1 if some goto targets it */
  uint32_t nlabels; /* labels allocated */
  uint8_t *slots;   /* per stack depth: bit c set if the class-c slot is read */
  uint32_t nslots;  /* depths allocated */
  uint8_t *locals;  /* per local: 1 if read */
  uint8_t *mems;    /* per memidx: 1 if loads/stores use its base and size */
  bool inst;        /* the instance pointer is used */
};

/* State of the translation of one function body. */
struct fstate {
  struct emitter *e;         /* module-level state */
  const struct module *m;    /* the module */
  const struct func *f;      /* the function */
  const struct functype *ft; /* its type */
  bool after_call;           /* recursive: W2L_AFTER_CALL() after each call (no tail calls) */
  bool tail;                 /* the body is the tail entry (w2l_tail *t): it makes tail calls */
  struct ebuf *b;            /* body text of this pass */
  char **local_names;        /* C names of params and locals */
  struct slot *stack;        /* the operand stack */
  uint32_t sp, stack_cap;    /* height, capacity */
  char **slot_names;         /* per depth * NCLASS + class: the slot's C name, made once */
  uint32_t slot_names_cap;   /* depths named */
  struct ctl *ctl;           /* control stack */
  uint32_t nctl, ctl_cap;    /* depth, capacity */
  uint32_t next_label;       /* labels numbered in order of appearance */
  uint32_t skip;             /* nesting depth of blocks inside dead code */
  uint32_t braces;           /* if braces open */
  bool returned;             /* a return statement has been written */
  const struct instr *next;  /* the instruction after the current one, or NULL */
  int indent;                /* current indentation level */
  struct usage use;          /* recorded by this pass */
  const struct usage *prev;  /* recorded by the previous pass, or NULL */
  bool *volatile_local;      /* per local: written inside a try_table (C leaves such a
                                local indeterminate after a longjmp unless volatile) */
  bool has_try;              /* the body has a try_table or try: handlers and eh_outer */
  uint32_t *tries;           /* labels of the try_tables and tries written by this pass
                                (LEGACY_TRY set for a try: it has an xN beside hN) */
  uint32_t ntries, tries_cap; /* count, capacity */
  uint32_t src_line;         /* source line of the current instruction (0: no #line) */
  uint32_t mapped_line;      /* source line the C line at b[mapped_at] stands for */
  size_t mapped_at;          /* a line start in b */
};

/* ---- small helpers ---- */

static int type_class(enum valtype t) {
  switch (vt_storage(t)) {
  case VT_I32: return CLASS_I32;
  case VT_I64: return CLASS_I64;
  case VT_F32: return CLASS_F32;
  case VT_F64: return CLASS_F64;
  case VT_FUNCREF:
  case VT_EXTERNREF: return CLASS_REF;
  case VT_V128: return CLASS_V128;
  default: break;
  }
  diag_error(NULL, 0, "emit: value type %s is not supported yet", valtype_name(t));
}

/* Grow the array p of *cap elements (all kept, new ones zero) to hold need. */
static void *grow_to(struct arena *a, void *p, uint32_t *cap, uint32_t need, size_t size) {
  if (need <= *cap) return p;
  size_t room = arena_room(*cap, need);
  p = arena_grow(a, p, *cap, room, size);
  *cap = (uint32_t)room;
  return p;
}

static char *fmt(struct fstate *fs, const char *f, ...) __attribute__((format(printf, 2, 3)));
static char *fmt(struct fstate *fs, const char *f, ...) {
  va_list ap;
  struct ebuf b;
  emit_init_buf(&b, fs->e->arena);
  va_start(ap, f);
  emit_vprintf(&b, f, ap);
  va_end(ap);
  return b.data;
}

/* Before a statement: a #line directive if the C line would otherwise stand
 * for another source line than the current instruction's. */
static void map_line(struct fstate *fs) {
  if (!fs->src_line) return;
  for (size_t i = fs->mapped_at; i < fs->b->len; i++)
    if (fs->b->data[i] == '\n') fs->mapped_line++;
  fs->mapped_at = fs->b->len;
  if (fs->mapped_line == fs->src_line) return;
  emit_printf(fs->b, "#line %" PRIu32 " %s\n", fs->src_line, fs->e->line_file);
  fs->mapped_line = fs->src_line;
  fs->mapped_at = fs->b->len;
  fs->e->line_used = true;
}

/* The start of a statement at the current indentation (#line first). */
static void indent(struct fstate *fs) {
  map_line(fs);
  emit_pad(fs->b, 2 * (size_t)(fs->indent < MAX_INDENT ? fs->indent : MAX_INDENT));
}

/* A closing brace line: no code of its own, so no #line either. */
static void close_line(struct fstate *fs, const char *text) {
  emit_pad(fs->b, 2 * (size_t)(fs->indent < MAX_INDENT ? fs->indent : MAX_INDENT));
  emit_put(fs->b, text);
  emit_put(fs->b, "\n");
}

/* One statement line at the current indentation. */
static void line(struct fstate *fs, const char *f, ...) __attribute__((format(printf, 2, 3)));
static void line(struct fstate *fs, const char *f, ...) {
  va_list ap;
  indent(fs);
  va_start(ap, f);
  emit_vprintf(fs->b, f, ap);
  va_end(ap);
  emit_put(fs->b, "\n");
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

static bool slot_read(const struct usage *u, uint32_t d, enum valtype t) {
  return !u || (d < u->nslots && (u->slots[d] & (1u << type_class(t))));
}

static void mark_deps(struct fstate *fs, const struct deps *x) {
  for (uint32_t k = 0; k < x->n; k++) {
    uint32_t v = x->v[k];
    if (v & SLOT_DEP) mark_slot(fs, (v & ~SLOT_DEP) >> 3, (int)(v & 7));
    else fs->use.locals[v] = 1;
  }
}

static void add_dep(struct fstate *fs, struct deps *x, uint32_t v) {
  for (uint32_t k = 0; k < x->n; k++)
    if (x->v[k] == v) return;
  x->v = grow_to(fs->e->arena, x->v, &x->cap, x->n + 1, sizeof *x->v);
  x->v[x->n++] = v;
}

static void add_deps(struct fstate *fs, struct deps *to, const struct deps *from) {
  for (uint32_t k = 0; k < from->n; k++) add_dep(fs, to, from->v[k]);
}

static bool has_dep(const struct deps *x, uint32_t v, uint32_t mask) {
  for (uint32_t k = 0; k < x->n; k++)
    if ((x->v[k] & mask) == v) return true;
  return false;
}

/* The C name of the class-of-t slot at depth d: "i3". */
static const char *slot_name(struct fstate *fs, uint32_t d, enum valtype t) {
  int c = type_class(t);
  if (d >= fs->slot_names_cap) {
    uint32_t old = fs->slot_names_cap, cap = (uint32_t)arena_room(old, (size_t)d + 1);
    char **n = arena_array(fs->e->arena, (size_t)cap * NCLASS, sizeof *n);
    if (old) memcpy(n, fs->slot_names, (size_t)old * NCLASS * sizeof *n);
    fs->slot_names = n;
    fs->slot_names_cap = cap;
  }
  char **name = &fs->slot_names[(size_t)d * NCLASS + (size_t)c];
  if (!*name) *name = fmt(fs, "%c%" PRIu32, class_letter[c], d);
  return *name;
}

/* ---- the operand stack as expression records ---- */

static void push(struct fstate *fs, enum valtype t) {
  fs->stack = grow_to(fs->e->arena, fs->stack, &fs->stack_cap, fs->sp + 1, sizeof *fs->stack);
  memset(&fs->stack[fs->sp], 0, sizeof fs->stack[fs->sp]);
  fs->stack[fs->sp++].type = vt_storage(t); /* typed references are funcrefs and externrefs */
}

static void pop(struct fstate *fs, uint32_t n) { fs->sp -= n; }

/* The value at depth d as an expression record; what it reads is not marked
 * yet (the caller decides whether the text is written now or kept pending). */
static struct cexpr value_at(struct fstate *fs, uint32_t d) {
  struct slot *s = &fs->stack[d];
  if (s->x.text) return s->x;
  struct cexpr x = {.text = slot_name(fs, d, s->type), .prec = PREC_PRIMARY, .op = OP_COUNT};
  add_dep(fs, &x.deps, SLOT_DEP | d << 3 | (uint32_t)type_class(s->type));
  return x;
}

/* Text of an expression as a whole value (a statement's right-hand side, an
 * argument, a return value): no parentheses needed. */
static const char *as_value(const struct cexpr *x) { return x->text; }

/* Text of an expression as an operand of a C operator or cast. */
static const char *as_operand(struct fstate *fs, const struct cexpr *x) {
  if (x->boolean) return fmt(fs, "(uint32_t)(%s)", x->text);
  if (x->prec == PREC_BINARY) return fmt(fs, "(%s)", x->text);
  return x->text;
}

/* Text of an i32 expression as a C condition (true when non-zero), and of its
 * negation.  Anything but a comparison, a name, a literal or a call gets an
 * explicit "!= 0": C compilers warn about a product or a shift used as a truth
 * value, also through a narrowing cast (gcc narrows (uint32_t)(a * b) to a
 * 32-bit product first). */
static const char *as_cond(struct fstate *fs, const struct cexpr *x) {
  if (x->boolean || x->prec == PREC_PRIMARY) return x->text;
  if (x->prec == PREC_UNARY) return fmt(fs, "%s != 0", x->text);
  return fmt(fs, "(%s) != 0", x->text);
}

static const char *as_negated_cond(struct fstate *fs, const struct cexpr *x) {
  if (x->boolean) return fmt(fs, "!(%s)", x->text);
  if (x->prec == PREC_PRIMARY) return fmt(fs, "!%s", x->text);
  return fmt(fs, "%s == 0", as_operand(fs, x));
}

/* The value at depth d, to be written now: what it reads is marked. */
static struct cexpr take(struct fstate *fs, uint32_t d) {
  struct cexpr x = value_at(fs, d);
  mark_deps(fs, &x.deps);
  return x;
}

/* Top-relative forms: k = 0 is the top of the stack. */
static struct cexpr take_top(struct fstate *fs, uint32_t k) { return take(fs, fs->sp - 1 - k); }
static const char *top_value(struct fstate *fs, uint32_t k) {
  struct cexpr x = take_top(fs, k);
  return as_value(&x);
}

static void store_pending(struct fstate *fs, uint32_t d);
static struct cexpr take_cond(struct fstate *fs);

/* Slot d's variable is about to be overwritten: pending values below that
 * still read it are stored first. */
static void before_slot_write(struct fstate *fs, uint32_t d, enum valtype t) {
  uint32_t dep = SLOT_DEP | d << 3 | (uint32_t)type_class(t);
  for (uint32_t k = 0; k < d && k < fs->sp; k++)
    if (fs->stack[k].x.text && has_dep(&fs->stack[k].x.deps, dep, ~0u)) store_pending(fs, k);
}

/* Write "slot = TEXT;" for the value at depth d (now in its slot); when nothing
 * ever reads the slot (known from the previous pass) the value is only
 * evaluated, "(void)(TEXT);", for its traps and side effects. */
static void store_slot(struct fstate *fs, uint32_t d, const char *text) {
  struct slot *s = &fs->stack[d];
  before_slot_write(fs, d, s->type);
  memset(&s->x, 0, sizeof s->x);
  if (slot_read(fs->prev, d, s->type)) line(fs, "%s = %s;", slot_name(fs, d, s->type), text);
  else line(fs, "(void)(%s);", text);
}

/* Store the pending value at depth d into its slot (if anything reads it). */
static void store_pending(struct fstate *fs, uint32_t d) {
  struct slot *s = &fs->stack[d];
  if (!s->x.text) return;
  if (!slot_read(fs->prev, d, s->type)) {
    memset(&s->x, 0, sizeof s->x); /* pure and never read: nothing to write */
    return;
  }
  struct cexpr x = s->x;
  mark_deps(fs, &x.deps);
  store_slot(fs, d, as_value(&x));
}

/* Values stay pending only within straight-line code: block boundaries store
 * them all. */
static void store_all(struct fstate *fs) {
  for (uint32_t d = 0; d < fs->sp; d++) store_pending(fs, d);
}

/* Make the top of the stack the pending expression x. */
static void set_pending(struct fstate *fs, struct cexpr x) { fs->stack[fs->sp - 1].x = x; }

/* Push a value that stays pending. */
static void push_pending(struct fstate *fs, enum valtype t, struct cexpr x) {
  push(fs, t);
  set_pending(fs, x);
}

static const char *inst(struct fstate *fs) {
  fs->use.inst = true;
  return "inst";
}

/* Expression of global g's value (own globals live in the instance struct). */
static const char *global_expr(struct fstate *fs, uint32_t g) {
  const struct global *gl = &fs->m->globals[g];
  if (gl->imported)
    return fmt(fs, "%s->base.globals[%" PRIu32 "]->value.%s", inst(fs), g,
               emit_value_member(gl->type));
  return fmt(fs, "%s->%s.value.%s", inst(fs), fs->e->global_names[g], emit_value_member(gl->type));
}

/* Reload the cached base and size of every memory the function uses (after
 * calls and memory.grow, which may move or resize them), or with shared_only
 * just the size of its shared memories (after an atomic instruction: another
 * thread may have grown one, and the atomic may be how this one learned of it). */
static void reload_memories(struct fstate *fs, bool shared_only) {
  for (uint32_t k = 0; k < fs->m->nmems; k++) {
    bool shared = fs->m->mems[k].limits.shared;
    if ((shared || !shared_only) && fs->prev && fs->prev->mems[k])
      line(fs, "W2L_MEM_RELOAD%s(mem%" PRIu32 ", mem%" PRIu32 "_size, inst->mem%" PRIu32 ");",
           shared ? "_SHARED" : "", k, k, k);
  }
}
static void refresh_memories(struct fstate *fs) { reload_memories(fs, false); }
static void refresh_shared_memories(struct fstate *fs) { reload_memories(fs, true); }

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
  if (fs->nctl > 1) c->handler_in = c->handler_out = fs->ctl[fs->nctl - 2].handler_in;
  return c;
}

/* What a jump from here to label c does first: w2l_exn_release of the
 * exceptions held by the catch parts it leaves, "w2l_eh_top = H; " when it
 * leaves the handler the code here runs under; else "". */
static const char *handler_restore(struct fstate *fs, const struct ctl *c) {
  const char *here = fs->ctl[fs->nctl - 1].handler_in, *release = "";
  /* the blocks a jump to c leaves: the inner ones, and c unless it is a loop */
  uint32_t target = (uint32_t)(c - fs->ctl);
  for (uint32_t k = fs->nctl; k-- > target;) {
    const struct ctl *x = &fs->ctl[k];
    if (x->holds && (x != c || c->kind != OP_LOOP))
      release = fmt(fs, "%sw2l_exn_release(&%s->base, x%" PRIu32 "); ", release, inst(fs), x->label);
  }
  if (here == c->handler_out) return release;
  return fmt(fs, "%sw2l_eh_top = %s; ", release, c->handler_out);
}

static const char *plain_return_text(struct fstate *fs);

/* return: the top nresults values leave the function ("return x;"), putting
 * the caller's exception handler back first if a try_table is open. */
static const char *return_text(struct fstate *fs) {
  const char *restore = handler_restore(fs, &fs->ctl[0]);
  return restore[0] ? fmt(fs, "%s%s", restore, plain_return_text(fs)) : plain_return_text(fs);
}

/* return_text() without the handler's restore. */
static const char *plain_return_text(struct fstate *fs) {
  const struct functype *ft = fs->ft;
  fs->returned = true;
  if (ft->nresults == 0) return "return;";
  if (fs->tail) { /* a tail entry leaves its results in t->slots */
    struct ebuf b;
    emit_init_buf(&b, fs->e->arena);
    emit_put(&b, "{ ");
    for (uint32_t k = 0; k < ft->nresults; k++) {
      struct cexpr x = take(fs, fs->sp - ft->nresults + k);
      emit_printf(&b, "t->slots[%" PRIu32 "].%s = %s; ", k, emit_value_member(ft->results[k]),
                  as_value(&x));
    }
    emit_put(&b, "return; }");
    return b.data;
  }
  if (ft->nresults == 1) return fmt(fs, "return %s;", top_value(fs, 0));
  struct ebuf b;
  emit_init_buf(&b, fs->e->arena);
  emit_printf(&b, "return (%s){", emit_return_type(fs->e, fs->f->typeidx));
  for (uint32_t k = 0; k < ft->nresults; k++) {
    struct cexpr x = take(fs, fs->sp - ft->nresults + k);
    emit_printf(&b, "%s%s", k ? ", " : "", as_value(&x));
  }
  emit_put(&b, "};");
  return b.data;
}

static void emit_return(struct fstate *fs) { line(fs, "%s", return_text(fs)); }

/* The values a branch to label depth d carries: count and types. */
static uint32_t branch_arity(const struct ctl *c, const enum valtype **types) {
  *types = c->kind == OP_LOOP ? c->params : c->results;
  return c->kind == OP_LOOP ? c->nparams : c->nresults;
}

/* Before a branch to label depth d is written: the branch copies the label's
 * values to their homes, the slots at the label's height; a pending value
 * that reads one of those slots is stored first, in the straight-line code,
 * so that every copy reads what it should and the fall-through path of a
 * br_if sees the same values. */
static void prepare_branch(struct fstate *fs, uint32_t d) {
  const struct ctl *c = &fs->ctl[fs->nctl - 1 - d];
  if (c->kind == OP_END) return;
  const enum valtype *types;
  uint32_t n = branch_arity(c, &types);
  for (uint32_t k = 0; k < n; k++) {
    struct slot *s = &fs->stack[fs->sp - n + k];
    if (!s->x.text) continue;
    for (uint32_t j = 0; j < n; j++) {
      uint32_t dep = SLOT_DEP | (c->height + j) << 3 | (uint32_t)type_class(types[j]);
      if (has_dep(&s->x.deps, dep, ~0u)) store_pending(fs, fs->sp - n + k);
    }
  }
}

/* A branch to label depth d (after prepare_branch): copy the label's values
 * to their home slots and jump (to the start of a loop, the end of anything
 * else), or return from the function.  *single is set when that is one
 * statement. */
static const char *branch_text(struct fstate *fs, uint32_t d, bool *single) {
  struct ctl *c = &fs->ctl[fs->nctl - 1 - d];
  const char *restore = handler_restore(fs, c);
  *single = !restore[0];
  if (c->kind == OP_END) return return_text(fs);
  const enum valtype *types;
  uint32_t n = branch_arity(c, &types);
  struct ebuf b;
  emit_init_buf(&b, fs->e->arena);
  emit_put(&b, restore);
  for (uint32_t k = 0; k < n; k++) {
    uint32_t src = fs->sp - n + k, dst = c->height + k;
    if (src == dst && !fs->stack[src].x.text) continue; /* already home */
    if (!slot_read(fs->prev, dst, types[k])) continue;
    struct cexpr x = take(fs, src);
    emit_printf(&b, "%s = %s; ", slot_name(fs, dst, types[k]), as_value(&x));
    *single = false;
  }
  emit_printf(&b, "goto %s;", c->cname);
  mark_label(fs, c->label);
  return b.data;
}

static void emit_branch(struct fstate *fs, uint32_t d) {
  bool single;
  line(fs, "%s", branch_text(fs, d, &single));
}

static void open_brace(struct fstate *fs, const char *cond) {
  line(fs, "if (%s) {", cond);
  fs->indent++;
  fs->braces++;
}

static void close_brace(struct fstate *fs, const char *tail) {
  fs->indent--;
  fs->braces--;
  close_line(fs, fmt(fs, "}%s", tail));
}

/* ---- interruption (emit_options.interrupt) ---- */

/* The checks at a loop header or a function entry whose code starts at
 * body->code[i]: the epoch where the code can run without bound (loops; the
 * entries of recursive functions check it in W2L_FUNC_ENTRY_EPOCH, folded
 * into their stack check), fuel everywhere. */
static void interrupt_checks(struct fstate *fs, uint32_t i, bool unbounded) {
  if ((fs->e->interrupt & EMIT_EPOCH) && unbounded)
    line(fs, "W2L_EPOCH_CHECK(&%s->base);", inst(fs));
  if (fs->e->interrupt & EMIT_FUEL)
    line(fs, "W2L_FUEL(&%s->base, %" PRIu64 "u);", inst(fs), emit_fuel_cost(&fs->f->body, i));
}

/* Open the control frame of block, loop, if or try_table in. */
static struct ctl *open_ctl(struct fstate *fs, const struct instr *in) {
  struct ctl *c = push_ctl(fs, (enum opcode)in->op);
  block_signature(fs, &in->imm.block, c);
  const char *name = in->imm.block.label;
  c->cname = name ? fmt(fs, "L%" PRIu32 "_%s", c->label,
                        emit_mangle(fs->e->arena, (const uint8_t *)name, strlen(name)))
                  : fmt(fs, "L%" PRIu32, c->label);
  c->height = fs->sp - c->nparams;
  return c;
}

static void op_block(struct fstate *fs, const struct instr *in) {
  struct cexpr cond = {0};
  if (in->op == OP_IF) {
    cond = take_cond(fs);
    pop(fs, 1);
  }
  store_all(fs);
  struct ctl *c = open_ctl(fs, in);
  if (in->op == OP_LOOP) {
    if (label_used(fs->prev, c->label)) {
      emit_printf(fs->b, "%s:;\n", c->cname);
      uint32_t start = (uint32_t)(in - fs->f->body.code) + 1;
      interrupt_checks(fs, start, emit_loop_checks_epoch(fs->e, fs->f, start));
    }
  } else if (in->op == OP_IF && fs->braces < MAX_BRACES) {
    open_brace(fs, as_cond(fs, &cond));
  } else if (in->op == OP_IF) {
    c->flat = true; /* if (!cond) goto else; then; goto end; else:; else-branch; end:; */
    line(fs, "if (%s) goto E%" PRIu32 ";", as_negated_cond(fs, &cond), c->label);
  }
}

/* ---- exception handling ---- */

/* The catch clauses of the try_table whose handler hN is, run when its
 * setjmp returns from a throw: the first clause that matches branches to
 * its label with the payload (and the exnref), else the exception goes on to
 * the enclosing handler. */
static void catch_dispatch(struct fstate *fs, const struct blocktype *bt, uint32_t n) {
  bool uses_x = bt->ncatches == 0 || bt->catches[0].kind != CATCH_ALL;
  if (uses_x) /* (the branches may read none of the payload) */
    line(fs, "w2l_exn *x%" PRIu32 " = w2l_exn_caught(); (void)x%" PRIu32 ";", n, n);
  line(fs, "w2l_eh_top = %s;", fs->ctl[fs->nctl - 1].handler_in);
  refresh_memories(fs); /* a call in the try_table may have moved them */
  bool all = false;
  for (uint32_t i = 0; i < bt->ncatches && !all; i++) {
    const struct catch_clause *c = &bt->catches[i];
    all = c->kind == CATCH_ALL || c->kind == CATCH_ALL_REF;
    uint32_t base = fs->sp;
    if (!all) {
      const struct functype *ft = &fs->m->types[fs->m->tags[c->tag].typeidx];
      for (uint32_t k = 0; k < ft->nparams; k++)
        push_pending(fs, ft->params[k],
                     (struct cexpr){.text = fmt(fs, "x%" PRIu32 "->vals[%" PRIu32 "].%s", n, k,
                                                emit_value_member(ft->params[k])),
                                    .prec = PREC_PRIMARY, .op = OP_COUNT});
    }
    if (c->kind == CATCH_REF || c->kind == CATCH_ALL_REF)
      push_pending(fs, VT_EXNREF,
                   (struct cexpr){.text = fmt(fs, "w2l_exn_ref(&%s->base, x%" PRIu32 ")", inst(fs), n),
                                  .prec = PREC_PRIMARY, .op = OP_COUNT});
    prepare_branch(fs, c->label);
    bool single;
    const char *branch = branch_text(fs, c->label, &single);
    if (all) line(fs, "%s", branch);
    else
      line(fs, "if (x%" PRIu32 "->tag == %s->base.tags[%" PRIu32 "]) { %s }", n, inst(fs), c->tag,
           branch);
    fs->sp = base;
  }
  if (!all) line(fs, "w2l_throw(x%" PRIu32 ");", n);
}

/* The start of the handler hN of the try_table or try in, n its label
 * (flag: LEGACY_TRY or 0): the code after its setjmp returns from a throw. */
static uint32_t begin_handler(struct fstate *fs, uint32_t flag) {
  store_all(fs);
  uint32_t n = fs->next_label; /* the label open_ctl gives it */
  fs->tries = grow_to(fs->e->arena, fs->tries, &fs->tries_cap, fs->ntries + 1, sizeof *fs->tries);
  fs->tries[fs->ntries++] = n | flag;
  line(fs, "if (W2L_SETJMP(h%" PRIu32 ".env)) {", n);
  fs->indent++;
  return n;
}

/* The end of begin_handler's code; the block opens with w2l_eh_top = &hN. */
static void end_handler(struct fstate *fs, const struct instr *in, uint32_t n) {
  fs->indent--;
  close_line(fs, "}");
  struct ctl *c = open_ctl(fs, in);
  c->handler_in = fmt(fs, "&h%" PRIu32, n);
  line(fs, "w2l_eh_top = %s;", c->handler_in);
}

/* try_table: its handler hN catches what the body throws (setjmp), the
 * body runs with w2l_eh_top = &hN. */
static void op_try_table(struct fstate *fs, const struct instr *in) {
  uint32_t n = begin_handler(fs, 0);
  catch_dispatch(fs, &in->imm.block, n);
  end_handler(fs, in, n);
}

/* Whether the legacy catch part that starts after body->code[at] (a catch
 * or catch_all) has a rethrow of its own exception. */
static bool part_rethrows(const struct expr *body, uint32_t at) {
  for (uint32_t j = at + 1, depth = 0; j < body->count; j++) {
    enum opcode op = (enum opcode)body->code[j].op;
    if (op == OP_RETHROW && body->code[j].imm.idx == depth) return true;
    if (op_opens_block(op)) depth++;
    else if (op_closes_block(op) && depth-- == 0) return false;
    else if (depth == 0 && op_splits_block(op)) return false;
  }
  return false;
}

/* The legacy try (binary 0x06): the handler hN, set up as for try_table,
 * keeps the exception in xN (for rethrow) and jumps to the catch part that
 * matches, the payload in the slots where that part finds it; a try ended
 * by delegate l hands the exception to the handler at label l instead. */
static void op_try(struct fstate *fs, const struct instr *in) {
  const char *here = fs->ctl[fs->nctl - 1].handler_in;
  uint32_t n = begin_handler(fs, LEGACY_TRY);
  struct ctl sig;
  memset(&sig, 0, sizeof sig);
  block_signature(fs, &in->imm.block, &sig);
  uint32_t height = fs->sp - sig.nparams;
  line(fs, "x%" PRIu32 " = w2l_exn_caught();", n);
  line(fs, "w2l_eh_top = %s;", here);
  refresh_memories(fs);
  const struct expr *body = &fs->f->body;
  bool all = false;
  for (uint32_t j = (uint32_t)(in - body->code) + 1, depth = 0, k = 0; j < body->count && !all; j++) {
    const struct instr *x = &body->code[j];
    if (op_opens_block(x->op)) depth++;
    if (op_closes_block(x->op) && depth-- == 0) {
      const char *to = x->op == OP_DELEGATE ? fs->ctl[fs->nctl - 1 - x->imm.idx].handler_in : here;
      if (to != here) line(fs, "w2l_eh_top = %s;", to);
      break;
    }
    if (depth || (x->op != OP_CATCH && x->op != OP_CATCH_ALL)) continue;
    struct ebuf b;
    emit_init_buf(&b, fs->e->arena);
    const struct functype *ft =
        x->op == OP_CATCH ? &fs->m->types[fs->m->tags[x->imm.idx].typeidx] : NULL;
    for (uint32_t p = 0; ft && p < ft->nparams; p++)
      if (slot_read(fs->prev, height + p, ft->params[p]))
        emit_printf(&b, "%s = x%" PRIu32 "->vals[%" PRIu32 "].%s; ",
                    slot_name(fs, height + p, ft->params[p]), n, p,
                    emit_value_member(ft->params[p]));
    if (part_rethrows(body, j))
      emit_printf(&b, "w2l_exn_hold(&%s->base, x%" PRIu32 "); ", inst(fs), n);
    emit_printf(&b, "goto C%" PRIu32 "_%" PRIu32 ";", n, k++);
    all = !ft;
    if (ft)
      line(fs, "if (x%" PRIu32 "->tag == %s->base.tags[%" PRIu32 "]) { %s }", n, inst(fs),
           x->imm.idx, b.data);
    else line(fs, "%s", b.data);
  }
  if (!all) line(fs, "w2l_throw(x%" PRIu32 ");", n);
  end_handler(fs, in, n);
}

/* The legacy catch x / catch_all: the part before it goes to the end; this
 * part starts where the handler jumps, under the enclosing handler, with
 * the payload in its slots. */
static void op_catch(struct fstate *fs, const struct instr *in) {
  struct ctl *c = &fs->ctl[fs->nctl - 1];
  if (!c->unreachable) {
    store_all(fs);
    line(fs, "%sgoto %s;", handler_restore(fs, c), c->cname);
    mark_label(fs, c->label);
  }
  emit_printf(fs->b, "C%" PRIu32 "_%" PRIu32 ":;\n", c->label, c->ncatch++);
  c->handler_in = c->handler_out;
  c->holds = part_rethrows(&fs->f->body, (uint32_t)(in - fs->f->body.code));
  fs->sp = c->height;
  if (in->op == OP_CATCH) {
    const struct functype *ft = &fs->m->types[fs->m->tags[in->imm.idx].typeidx];
    for (uint32_t p = 0; p < ft->nparams; p++) push(fs, ft->params[p]);
  }
  c->unreachable = false;
}

/* throw: a new exception of the tag with the payload from the stack. */
static void op_throw(struct fstate *fs, const struct instr *in) {
  const struct functype *ft = &fs->m->types[fs->m->tags[in->imm.idx].typeidx];
  struct ebuf b;
  emit_init_buf(&b, fs->e->arena);
  emit_printf(&b, "{ w2l_exn *x = w2l_exn_new(%s->base.tags[%" PRIu32 "]); ", inst(fs),
              in->imm.idx);
  for (uint32_t k = 0; k < ft->nparams; k++) {
    struct cexpr x = take(fs, fs->sp - ft->nparams + k);
    emit_printf(&b, "x->vals[%" PRIu32 "].%s = %s; ", k, emit_value_member(ft->params[k]),
                as_value(&x));
  }
  emit_put(&b, "w2l_throw(x); }");
  line(fs, "%s", b.data);
  pop(fs, ft->nparams);
  fs->ctl[fs->nctl - 1].unreachable = true;
}

static void op_else(struct fstate *fs) {
  struct ctl *c = &fs->ctl[fs->nctl - 1];
  if (!c->unreachable) store_all(fs);
  if (c->flat) {
    if (!c->unreachable) {
      line(fs, "goto %s;", c->cname);
      mark_label(fs, c->label);
    }
    emit_printf(fs->b, "E%" PRIu32 ":;\n", c->label);
  } else {
    fs->indent--;
    close_line(fs, "} else {");
    fs->indent++;
  }
  fs->sp = c->height;
  for (uint32_t k = 0; k < c->nparams; k++) push(fs, c->params[k]);
  c->then_reachable = !c->unreachable;
  c->unreachable = false;
  c->has_else = true;
}

static void op_end(struct fstate *fs) {
  struct ctl *c = &fs->ctl[fs->nctl - 1];
  bool reachable = !c->unreachable;
  if (reachable && c->kind != OP_END) store_all(fs);
  if (reachable && c->handler_in != c->handler_out) line(fs, "w2l_eh_top = %s;", c->handler_out);
  if (reachable && c->holds) line(fs, "w2l_exn_release(&%s->base, x%" PRIu32 ");", inst(fs), c->label);
  if (c->kind == OP_END) {
    if (reachable && fs->ft->nresults) emit_return(fs);
    /* A function that never returns (say, it loops forever) still needs a
     * sign for the C compiler that it does not fall off its end. */
    if (fs->ft->nresults && !fs->returned)
      line(fs, "w2l_trap_raise(W2L_TRAP_UNREACHABLE); /* not reached */");
    fs->nctl--;
    return;
  }
  if (c->kind == OP_IF) {
    if (c->flat && !c->has_else) emit_printf(fs->b, "E%" PRIu32 ":;\n", c->label);
    else if (!c->flat) close_brace(fs, "");
    if (!c->has_else || c->then_reachable) reachable = true; /* the other path */
  }
  if (c->kind != OP_LOOP && label_used(&fs->use, c->label)) {
    emit_printf(fs->b, "%s:;\n", c->cname);
    reachable = true;
  }
  fs->sp = c->height;
  for (uint32_t k = 0; k < c->nresults; k++) push(fs, c->results[k]);
  fs->nctl--;
  if (!reachable) fs->ctl[fs->nctl - 1].unreachable = true;
}

static void op_br(struct fstate *fs, const struct instr *in) {
  prepare_branch(fs, in->imm.idx);
  emit_branch(fs, in->imm.idx);
  fs->ctl[fs->nctl - 1].unreachable = true;
}

static void op_br_if(struct fstate *fs, const struct instr *in) {
  struct cexpr cond = take_cond(fs);
  pop(fs, 1);
  prepare_branch(fs, in->imm.idx);
  /* The branch on one line: "if (c) goto L2;" or "if (c) { i1 = i3; goto L2; }". */
  bool single;
  const char *branch = branch_text(fs, in->imm.idx, &single);
  if (single) line(fs, "if (%s) %s", as_cond(fs, &cond), branch);
  else line(fs, "if (%s) { %s }", as_cond(fs, &cond), branch);
}

/* br_on_null (the reference is dropped for the branch and kept, non-null,
 * on the fall-through path) and br_on_non_null (kept for the branch, dropped
 * on the fall-through path). */
static void op_br_on(struct fstate *fs, const struct instr *in) {
  bool on_null = in->op == OP_BR_ON_NULL;
  const char *member = fs->stack[fs->sp - 1].type == VT_FUNCREF ? "fn" : "obj";
  store_pending(fs, fs->sp - 1); /* the test and the path that keeps it read its slot */
  const char *ref = top_value(fs, 0);
  if (on_null) pop(fs, 1);
  prepare_branch(fs, in->imm.idx);
  bool single;
  const char *branch = branch_text(fs, in->imm.idx, &single);
  const char *cond = fmt(fs, "%s.%s %s NULL", ref, member, on_null ? "==" : "!=");
  if (single) line(fs, "if (%s) %s", cond, branch);
  else line(fs, "if (%s) { %s }", cond, branch);
  if (on_null) push(fs, fs->stack[fs->sp].type); /* the same slot, still holding it */
  else pop(fs, 1);
}

static void op_br_table(struct fstate *fs, const struct instr *in) {
  struct cexpr index = take_top(fs, 0);
  uint32_t n = in->imm.br_table.count;
  const uint32_t *labels = in->imm.br_table.labels;
  pop(fs, 1);
  for (uint32_t k = 0; k <= n; k++) prepare_branch(fs, labels[k]);
  if (n == 0) {
    line(fs, "(void)%s;", as_operand(fs, &index));
    emit_branch(fs, labels[0]);
  } else {
    /* a comparison is cast: C compilers warn about a switch on a truth value */
    line(fs, "switch (%s) {", index.boolean ? as_operand(fs, &index) : as_value(&index));
    for (uint32_t k = 0; k <= n; k++) { /* "case 2: goto L4;", one line each */
      bool single;
      const char *branch = branch_text(fs, labels[k], &single);
      if (k < n) line(fs, "case %" PRIu32 ": %s", k, branch);
      else line(fs, "default: %s", branch);
    }
    close_line(fs, "}");
  }
  fs->ctl[fs->nctl - 1].unreachable = true;
}

/* Is table t a table64 (i64 indices)?  Its operations go through the
 * runtime's *64 wrappers. */
static bool t64(const struct fstate *fs, uint32_t t) { return fs->m->tables[t].limits.i64; }

/* ---- calls ---- */

/* Finish a call whose callee expression (up to the first argument) is in
 * callee: arguments are the stack slots from base up, results replace them. */
/* The call of callee (its text up to the first argument) with the stack's
 * arguments; note, when not NULL, ends the line as a comment (a comment that
 * led the statement could line up with the body of an unbraced if above it,
 * and clang would warn of misleading indentation). */
static void emit_call(struct fstate *fs, uint32_t typeidx, const char *callee, const char *note) {
  const struct functype *ft = &fs->m->types[typeidx];
  uint32_t base = fs->sp - ft->nparams;
  struct ebuf args;
  emit_init_buf(&args, fs->e->arena);
  for (uint32_t k = 0; k < ft->nparams; k++) {
    struct cexpr x = take(fs, base + k);
    emit_printf(&args, ", %s", as_value(&x));
  }
  fs->sp = base;
  for (uint32_t k = 0; k < ft->nresults; k++) {
    push(fs, ft->results[k]);
    before_slot_write(fs, base + k, ft->results[k]);
  }
  indent(fs);
  if (ft->nresults == 1) {
    if (slot_read(fs->prev, base, fs->stack[base].type))
      emit_printf(fs->b, "%s = %s%s);", slot_name(fs, base, fs->stack[base].type), callee,
                  args.data);
    else emit_printf(fs->b, "%s%s);", callee, args.data);
  } else if (ft->nresults == 0) {
    emit_printf(fs->b, "%s%s);", callee, args.data);
  } else {
    emit_printf(fs->b, "{ %s res = %s%s);", emit_return_type(fs->e, typeidx), callee, args.data);
    bool any = false;
    for (uint32_t k = 0; k < ft->nresults; k++) {
      if (!slot_read(fs->prev, base + k, fs->stack[base + k].type)) continue;
      emit_printf(fs->b, " %s = res.r%" PRIu32 ";",
                  slot_name(fs, base + k, fs->stack[base + k].type), k);
      any = true;
    }
    emit_put(fs->b, any ? " }" : " (void)res; }");
  }
  /* In a function that may recurse, nothing may turn the call into a jump:
   * runaway recursion must exhaust the stack and trap, not loop forever. */
  if (fs->after_call) emit_put(fs->b, " W2L_AFTER_CALL();");
  if (note) emit_printf(fs->b, " /* %s */", note);
  emit_put(fs->b, "\n");
  refresh_memories(fs);
}

static void op_call(struct fstate *fs, const struct instr *in) {
  uint32_t fi = in->imm.idx;
  const struct func *callee = &fs->m->funcs[fi];
  struct ebuf c, note;
  emit_init_buf(&c, fs->e->arena);
  emit_init_buf(&note, fs->e->arena);
  if (callee->imported) { /* named in a comment: the index alone says little */
    const struct import *im = &fs->m->imports[callee->import];
    emit_put(&note, "import ");
    emit_comment_text(&note, im->module.data, im->module.len);
    emit_put(&note, ".");
    emit_comment_text(&note, im->field.data, im->field.len);
    emit_put(&c, "((");
    emit_fnptr_type(fs->e, &c, callee->typeidx);
    emit_printf(&c, ")%s->base.funcs[%" PRIu32 "].fn)(inst->base.funcs[%" PRIu32 "].obj", inst(fs),
                fi, fi);
  } else {
    emit_printf(&c, "%s(%s", fs->e->func_names[fi], inst(fs));
  }
  emit_call(fs, callee->typeidx, c.data, callee->imported ? note.data : NULL);
}

/* The call of type typeidx through "callee" (a const w2l_ref * declared in
 * the block the caller opened), and the block's end. */
static void call_callee(struct fstate *fs, uint32_t typeidx) {
  struct ebuf c;
  emit_init_buf(&c, fs->e->arena);
  emit_put(&c, "((");
  emit_fnptr_type(fs->e, &c, typeidx);
  emit_put(&c, ")callee->fn)(callee->obj");
  emit_call(fs, typeidx, c.data, NULL);
  fs->indent--;
  close_line(fs, "}");
}

static void op_call_indirect(struct fstate *fs, const struct instr *in) {
  uint32_t typeidx = in->imm.pair.a, table = in->imm.pair.b;
  const char *index = top_value(fs, 0);
  pop(fs, 1);
  line(fs, "{");
  fs->indent++;
  line(fs,
       "const w2l_ref *callee = w2l_call_indirect_check%s(%s->table%" PRIu32 ", %s, "
       "inst->types[%" PRIu32 "]);",
       t64(fs, table) ? "64" : "", inst(fs), table, index, typeidx);
  call_callee(fs, typeidx);
}

/* "callee" for call_ref and return_call_ref: the reference on top, checked
 * (w2l_call_ref_check: not null, and of the type). */
static void declare_ref_callee(struct fstate *fs, uint32_t typeidx) {
  line(fs, "const w2l_ref callee_ref = %s;", top_value(fs, 0));
  pop(fs, 1);
  line(fs, "const w2l_ref *callee = w2l_call_ref_check(&callee_ref, %s->types[%" PRIu32 "]);",
       inst(fs), typeidx);
}

static void op_call_ref(struct fstate *fs, const struct instr *in) {
  line(fs, "{");
  fs->indent++;
  declare_ref_callee(fs, in->imm.idx);
  call_callee(fs, in->imm.idx);
}

/* ---- tail calls (emit_tail.c) ---- */

/* The arguments of a tail call of type typeidx, from the stack to t->slots. */
static void pack_args(struct fstate *fs, uint32_t typeidx) {
  const struct functype *ft = &fs->m->types[typeidx];
  uint32_t base = fs->sp - ft->nparams;
  for (uint32_t k = 0; k < ft->nparams; k++) {
    struct cexpr x = take(fs, base + k);
    line(fs, "t->slots[%" PRIu32 "].%s = %s;", k, emit_value_member(ft->params[k]), as_value(&x));
  }
  fs->sp = base;
}

/* Leave for the callee whose w2l_ref's members are "<ref>obj" etc. (ref:
 * "callee->" or "inst->base.funcs[3]."): its own tail entry, or the type's
 * thunk, which calls its fn. */
static void go_by_ref(struct fstate *fs, uint32_t typeidx, const char *ref) {
  line(fs, "t->obj = %sobj;", ref);
  line(fs, "if (!%stail) t->fn = %sfn;", ref, ref);
  line(fs, "W2L_TAIL_GO(t, %stail ? %stail : %s);", ref, ref, emit_tail_thunk_name(fs->e, typeidx));
}

/* return_call and return_call_indirect.  A callee with more arguments than
 * every w2l_tail has room for is called, and its results returned. */
static void op_return_call(struct fstate *fs, const struct instr *in) {
  bool direct = in->op == OP_RETURN_CALL, by_ref = in->op == OP_RETURN_CALL_REF;
  uint32_t typeidx = direct   ? fs->m->funcs[in->imm.idx].typeidx
                     : by_ref ? in->imm.idx
                              : in->imm.pair.a;
  fs->ctl[fs->nctl - 1].unreachable = true;
  fs->returned = true;
  const char *restore = handler_restore(fs, &fs->ctl[0]); /* the frame goes */
  if (restore[0]) line(fs, "%s", restore);
  if (fs->m->types[typeidx].nparams > TAIL_SLOTS) {
    if (direct) op_call(fs, in);
    else if (by_ref) op_call_ref(fs, in);
    else op_call_indirect(fs, in);
    emit_return(fs);
    return;
  }
  line(fs, "{");
  fs->indent++;
  if (by_ref) {
    declare_ref_callee(fs, typeidx);
  } else if (!direct) {
    const char *index = top_value(fs, 0);
    pop(fs, 1);
    line(fs,
         "const w2l_ref *callee = w2l_call_indirect_check%s(%s->table%" PRIu32 ", %s, "
         "inst->types[%" PRIu32 "]);",
         t64(fs, in->imm.pair.b) ? "64" : "", inst(fs), in->imm.pair.b, index, typeidx);
  }
  pack_args(fs, typeidx);
  if (!direct) go_by_ref(fs, typeidx, "callee->");
  else if (fs->m->funcs[in->imm.idx].imported)
    go_by_ref(fs, typeidx, fmt(fs, "%s->base.funcs[%" PRIu32 "].", inst(fs), in->imm.idx));
  else line(fs, "W2L_TAIL_GO(t, %s);", emit_tail_entry_name(fs->e, in->imm.idx));
  fs->indent--;
  close_line(fs, "}");
}

/* ---- parametric and variables ---- */

static void op_select(struct fstate *fs) {
  struct cexpr cond = take_cond(fs), b = take_top(fs, 1), a = take_top(fs, 2);
  const char *text =
      fmt(fs, "%s ? %s : %s", as_cond(fs, &cond), as_operand(fs, &a), as_operand(fs, &b));
  pop(fs, 2);
  store_slot(fs, fs->sp - 1, text);
}

/* A local.get as a pending leaf. */
static struct cexpr local_expr(struct fstate *fs, uint32_t i) {
  struct cexpr x = {.text = fs->local_names[i], .prec = PREC_PRIMARY, .op = OP_COUNT};
  add_dep(fs, &x.deps, i);
  return x;
}

static bool local_read(const struct fstate *fs, uint32_t i) {
  return !fs->prev || fs->prev->locals[i];
}

/* local.set/tee i of the top value: pending values below that read the local
 * are stored first. */
static void set_local(struct fstate *fs, uint32_t i) {
  struct cexpr x = take_top(fs, 0);
  for (uint32_t d = 0; d + 1 < fs->sp; d++)
    if (fs->stack[d].x.text && has_dep(&fs->stack[d].x.deps, i, ~0u)) store_pending(fs, d);
  if (x.prec == PREC_PRIMARY && strcmp(x.text, fs->local_names[i]) == 0)
    line(fs, "(void)%s;", x.text); /* local.set x (local.get x); not "x = x;" (-Wself-assign) */
  else line(fs, "%s = %s;", fs->local_names[i], as_value(&x));
}

static void op_local(struct fstate *fs, const struct instr *in) {
  uint32_t i = in->imm.idx;
  if (in->op == OP_LOCAL_GET) {
    enum valtype t = i < fs->ft->nparams ? fs->ft->params[i] : fs->f->locals[i - fs->ft->nparams];
    push_pending(fs, t, local_expr(fs, i));
    return;
  }
  /* A local that nothing reads is never written: set drops, tee passes through. */
  if (local_read(fs, i)) set_local(fs, i);
  if (in->op == OP_LOCAL_SET) pop(fs, 1);
  else if (local_read(fs, i)) set_pending(fs, local_expr(fs, i));
}

static void op_global(struct fstate *fs, const struct instr *in) {
  uint32_t g = in->imm.idx;
  const char *x = global_expr(fs, g);
  if (in->op == OP_GLOBAL_GET) {
    push(fs, fs->m->globals[g].type);
    store_slot(fs, fs->sp - 1, x);
  } else {
    line(fs, "%s = %s;", x, top_value(fs, 0));
    pop(fs, 1);
  }
}

/* ---- numeric instructions, from the C column of opcodes.def ---- */

/* Float arithmetic that a C compiler may fold away when one operand is a
 * constant (x - 0, x * 1, x / -1...), dropping the quieting of a signalling
 * NaN that wasm requires; such results go through w2l_fN_quiet(). */
static bool foldable_float_op(enum opcode op) {
  switch (op) {
  case OP_F32_ADD:
  case OP_F32_SUB:
  case OP_F32_MUL:
  case OP_F32_DIV:
  case OP_F64_ADD:
  case OP_F64_SUB:
  case OP_F64_MUL:
  case OP_F64_DIV: return true;
  default: return false;
  }
}

/* Whether a float operation with a literal among these operands may be
 * folded into one of its operands (or its negation): the literal is +-0, +-1
 * (the identities of add, sub, mul and div, and their negations), not finite
 * (NaN, infinity: kept as they are), or every operand is a literal.  Any
 * other literal leaves a real arithmetic instruction (x * 2 may become x + x,
 * x / 4 x * 0.25), which quiets a NaN by itself, so the result needs no
 * w2l_fN_quiet(): that wrapper costs a compare and a branch per operation
 * and about a tenth of gcc's time on float-heavy modules. */
static bool may_fold_to_operand(const struct cexpr *operand, uint32_t n, enum valtype type) {
  uint32_t konsts = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (!operand[k].konst) continue;
    konsts++;
    uint64_t v = operand[k].value;
    bool f32 = type == VT_F32;
    uint64_t abs = v & (f32 ? 0x7FFFFFFFu : UINT64_C(0x7FFFFFFFFFFFFFFF));
    uint64_t one = f32 ? 0x3F800000u : UINT64_C(0x3FF0000000000000);
    uint64_t exp = f32 ? 0x7F800000u : UINT64_C(0x7FF0000000000000);
    if (abs == 0 || abs == one || (abs & exp) == exp) return true;
  }
  return konsts == n;
}

static bool is_compare(enum opcode op) { return (opinfo[op].flags & OPF_COMPARE) != 0; }

/* How the C template of a numeric row binds: a helper call, a cast of its
 * operand, or an infix operator. */
static enum prec template_prec(enum opcode op) {
  uint8_t f = opinfo[op].flags;
  return f & OPF_CALL ? PREC_PRIMARY : f & OPF_CAST ? PREC_UNARY : PREC_BINARY;
}

/* An unsigned comparison with constant zero has a known result (x < 0u is
 * false, x >= 0u true): C compilers warn about writing it (-Wtype-limits).
 * Returns 0 or 1, or -1 if not such a comparison. */
static int unsigned_zero_compare(enum opcode op, const struct cexpr *a, const struct cexpr *b) {
  bool a0 = a->konst && a->value == 0, b0 = b->konst && b->value == 0;
  switch (op) {
  case OP_I32_LT_U:
  case OP_I64_LT_U: return b0 ? 0 : -1;
  case OP_I32_GE_U:
  case OP_I64_GE_U: return b0 ? 1 : -1;
  case OP_I32_GT_U:
  case OP_I64_GT_U: return a0 ? 0 : -1;
  case OP_I32_LE_U:
  case OP_I64_LE_U: return a0 ? 1 : -1;
  default: return -1;
  }
}

static bool is_eq_ne(enum opcode op) {
  return op == OP_I32_EQ || op == OP_I32_NE || op == OP_I64_EQ || op == OP_I64_NE;
}

/* Would a C compiler find "x OP c" always true or false from the form of x
 * (-Wbool-compare, -Wtype-limits on a widened operand, -Wtautological-compare
 * on (x & m) == c)?  Such an x is stored in its slot first, where its form
 * no longer shows. */
static bool suspicious_with_constant(enum opcode op, const struct cexpr *x, const struct cexpr *c) {
  if (!x->text || x->konst || !c->konst) return false;
  if (x->boolean) return !is_eq_ne(op) || c->value > 1;
  if (x->prec == PREC_UNARY && c->value != 0) return true; /* a cast: maybe widened */
  if (x->mask_konst && is_eq_ne(op)) {
    if (!x->mask_known) return true; /* a folded mask: its bits are not known here */
    if (!x->mask_or) return (c->value & ~x->mask) != 0;
    return (x->mask & ~c->value) != 0;
  }
  return false;
}

/* The top of the stack as a condition (compared with zero): a form that C
 * compilers would find always true or false is stored first. */
static struct cexpr take_cond(struct fstate *fs) {
  struct cexpr x = value_at(fs, fs->sp - 1), zero = {.konst = true, .text = "0"};
  if (suspicious_with_constant(OP_I64_NE, &x, &zero)) store_pending(fs, fs->sp - 1);
  return take_top(fs, 0);
}

/* Store the operands of a comparison that C compilers would warn about.  An
 * operand that folds to a constant whose value is not known here (a cast or
 * arithmetic of literals) is stored, so that the rules below see literals only. */
static void guard_compare(struct fstate *fs, enum opcode op, uint32_t base) {
  for (uint32_t k = 0; k < 2; k++) {
    struct cexpr x = value_at(fs, base + k);
    if (x.text && x.folds && !x.konst) store_pending(fs, base + k);
  }
  struct cexpr a = value_at(fs, base), b = value_at(fs, base + 1);
  if (a.text && b.text && !a.konst && fs->stack[base].x.text && fs->stack[base + 1].x.text &&
      strcmp(a.text, b.text) == 0)
    store_pending(fs, base + 1); /* x == x: a self-comparison warning */
  if (suspicious_with_constant(op, &a, &b)) store_pending(fs, base);
  if (suspicious_with_constant(op, &b, &a)) store_pending(fs, base + 1);
}

/* Operands nested too deeply (or too long) for one expression are stored. */
static void limit_nesting(struct fstate *fs, uint32_t base, uint32_t n) {
  for (uint32_t k = 0; k < n; k++) {
    const struct cexpr *x = &fs->stack[base + k].x;
    if (x->text && (x->nest >= MAX_NEST || strlen(x->text) > MAX_TEXT)) store_pending(fs, base + k);
  }
}

/* The constant result of a comparison known without computing it. */
static void push_i32_const(struct fstate *fs, uint32_t v) {
  push_pending(fs, VT_I32,
               (struct cexpr){.text = v ? "1u" : "0u",
                              .prec = PREC_PRIMARY,
                              .konst = true,
                              .folds = true,
                              .value = v,
                              .op = OP_COUNT});
}

/* A C compiler sees an and/or mask through the integer casts of wrap and
 * extend: r, such a cast of x, keeps x's mask as the cast changes its bits. */
static void see_mask_through_cast(enum opcode op, const struct cexpr *x, struct cexpr *r) {
  uint64_t mask = x->mask;
  switch (op) {
  case OP_I32_WRAP_I64: mask &= 0xffffffffu; break;
  case OP_I64_EXTEND_I32_U: break;
  case OP_I64_EXTEND_I32_S: mask = (uint64_t)(int64_t)(int32_t)(uint32_t)mask; break;
  default: return;
  }
  r->mask_konst = true;
  r->mask_known = x->mask_known;
  r->mask_or = x->mask_or;
  r->mask = mask;
}

/* The widest lanes (8, 4, 2 or 1 bytes) that i8x16.shuffle's indices move
 * whole: lane k of that width is one aligned lane of a:b, its bytes in order. */
static unsigned shuffle_lane_bytes(const uint8_t idx[16]) {
  for (unsigned w = 8; w > 1; w /= 2) {
    bool whole = true;
    for (unsigned i = 0; i < 16 && whole; i++)
      whole = idx[i] % w == i % w && idx[i] == idx[i - i % w] + i % w;
    if (whole) return w;
  }
  return 1;
}

/* Expand the template of a numeric row with its operands. */
static struct cexpr expand(struct fstate *fs, const struct instr *in, struct cexpr *operand,
                           uint32_t nparams) {
  const struct opinfo *oi = &opinfo[in->op];
  struct cexpr r = {.prec = template_prec((enum opcode)in->op), .op = (enum opcode)in->op};
  bool has_const = false;
  r.folds = nparams > 0 && !(oi->flags & OPF_CALL);
  for (uint32_t k = 0; k < nparams; k++) {
    add_deps(fs, &r.deps, &operand[k].deps);
    if (operand[k].nest + 2 > r.nest) r.nest = operand[k].nest + 2;
    has_const |= operand[k].konst;
    r.folds &= operand[k].folds;
  }
  struct ebuf x;
  emit_init_buf(&x, fs->e->arena);
  if ((in->op == OP_I32_EQZ || in->op == OP_I64_EQZ) && operand[0].boolean) {
    emit_printf(&x, "!(%s)", operand[0].text); /* eqz of a comparison: its negation */
    r.prec = PREC_UNARY;
    r.boolean = true;
    r.text = x.data;
    return r;
  }
  enum valtype rtype = sig_valtype(strchr(oi->sig, ':')[1]);
  bool quiet = has_const && foldable_float_op((enum opcode)in->op) &&
               may_fold_to_operand(operand, nparams, rtype);
  if (quiet) emit_put(&x, rtype == VT_F32 ? "w2l_f32_quiet(" : "w2l_f64_quiet(");
  unsigned lane_bytes = 0; /* i8x16.shuffle: shuffle_lane_bytes, once */
  for (const char *p = oi->c; *p; p++) {
    if (p[0] == '%' && p[1] == 'M') { /* shift count: a constant is masked here */
      unsigned mask = strchr(oi->sig, ':')[1] == 'I' ? 63 : 31;
      if (operand[1].konst) emit_printf(&x, "%" PRIu64 "u", operand[1].value & mask);
      else emit_printf(&x, "(%s & %u)", as_operand(fs, &operand[1]), mask);
      p++;
    } else if (p[0] == '%' && p[1] >= '1' && p[1] <= '3') {
      emit_put(&x, as_operand(fs, &operand[p[1] - '1']));
      p++;
    } else if (p[0] == '%' && p[1] == 'L') { /* lane index */
      emit_printf(&x, "%" PRIu32 "u", in->imm.idx);
      p++;
    } else if (p[0] == '%' && (p[1] == 'W' || p[1] == 'S')) { /* shuffle: width, indices */
      if (!lane_bytes) lane_bytes = shuffle_lane_bytes(in->imm.v128);
      unsigned w = lane_bytes;
      if (p[1] == 'W') emit_printf(&x, "%u", 8 * w);
      for (unsigned k = 0; p[1] == 'S' && k < 16 / w; k++)
        emit_printf(&x, "%s%u", k ? ", " : "", in->imm.v128[k * w] / w);
      p++;
    } else {
      emit_printf(&x, "%c", *p);
    }
  }
  if (quiet) {
    emit_put(&x, ")");
    r.prec = PREC_PRIMARY;
    r.folds = false;
  }
  r.text = x.data;
  r.boolean = is_compare((enum opcode)in->op);
  if ((in->op == OP_I32_AND || in->op == OP_I32_OR || in->op == OP_I64_AND ||
       in->op == OP_I64_OR) &&
      (operand[0].folds || operand[1].folds)) {
    const struct cexpr *m = operand[1].folds ? &operand[1] : &operand[0];
    r.mask_konst = true;
    r.mask_known = m->konst;
    r.mask_or = in->op == OP_I32_OR || in->op == OP_I64_OR;
    r.mask = m->value;
  }
  if (operand[0].mask_konst) see_mask_through_cast((enum opcode)in->op, &operand[0], &r);
  return r;
}

static void op_numeric(struct fstate *fs, const struct instr *in) {
  const struct opinfo *oi = &opinfo[in->op];
  const char *colon = strchr(oi->sig, ':');
  uint32_t nparams = (uint32_t)(colon - oi->sig), base = fs->sp - nparams;
  if (nparams == 2 && is_compare((enum opcode)in->op)) {
    struct cexpr a = value_at(fs, base), b = value_at(fs, base + 1);
    int known = unsigned_zero_compare((enum opcode)in->op, &a, &b);
    if (known >= 0) { /* both operands are pure: nothing else to evaluate */
      pop(fs, 2);
      push_i32_const(fs, (uint32_t)known);
      return;
    }
    guard_compare(fs, (enum opcode)in->op, base);
  } else if (in->op == OP_I32_EQZ || in->op == OP_I64_EQZ) { /* x == 0 */
    struct cexpr x = value_at(fs, base), zero = {.konst = true, .text = "0"};
    if (suspicious_with_constant(OP_I64_EQ, &x, &zero)) store_pending(fs, base);
  }
  limit_nesting(fs, base, nparams);
  struct cexpr operand[3];
  for (uint32_t k = 0; k < nparams; k++) operand[k] = value_at(fs, base + k);
  struct cexpr r = expand(fs, in, operand, nparams);
  pop(fs, nparams);
  push(fs, sig_valtype(colon[1]));
  /* A scalar operation that cannot trap may stay pending itself. */
  bool pure = !(oi->flags & OPF_TRAPS) && strchr(oi->sig, 'V') == NULL;
  if (pure && strlen(r.text) <= MAX_TEXT) {
    set_pending(fs, r);
    return;
  }
  mark_deps(fs, &r.deps);
  store_slot(fs, fs->sp - 1, as_value(&r));
}

static void op_const(struct fstate *fs, const struct instr *in) {
  struct ebuf x;
  struct cexpr c = {.prec = PREC_PRIMARY, .konst = true, .folds = true, .op = OP_COUNT};
  emit_init_buf(&x, fs->e->arena);
  switch (in->op) {
  case OP_I32_CONST:
    emit_printf(&x, "%" PRIu32 "u", in->imm.i32);
    c.value = in->imm.i32;
    break;
  case OP_I64_CONST:
    emit_printf(&x, "UINT64_C(%" PRIu64 ")", in->imm.i64);
    c.value = in->imm.i64;
    break;
  case OP_F32_CONST:
    emit_f32_literal(&x, in->imm.f32_bits);
    c.value = in->imm.f32_bits;
    break;
  case OP_V128_CONST: emit_v128_literal(&x, in->imm.v128); break;
  default:
    emit_f64_literal(&x, in->imm.f64_bits);
    c.value = in->imm.f64_bits;
    break;
  }
  if (x.data[0] == '-') c.prec = PREC_UNARY; /* a negative float */
  c.text = x.data;
  push_pending(fs, sig_valtype(opinfo[in->op].sig[1]), c);
}

/* ---- memory ---- */

static const char *mem_base(struct fstate *fs, uint32_t k) {
  fs->use.mems[k] = 1;
  fs->use.inst = true;
  return fmt(fs, "mem%" PRIu32 ", mem%" PRIu32 "_size", k, k);
}

/* The effective address of a memory access of n bytes whose address operand
 * is k below the top: "ADDR" or "(uint64_t)ADDR + OFFSETu"; for an i64 memory
 * (memory64) checked here, in either memory strategy, by w2l_addr64. */
static const char *address(struct fstate *fs, const struct memarg *ma, uint32_t k, unsigned n) {
  struct cexpr a = take_top(fs, k);
  if (fs->m->mems[ma->mem].limits.i64)
    return fmt(fs, "w2l_addr64(%s->mem%" PRIu32 "->size, %s, %" PRIu64 "u, %u)", inst(fs), ma->mem,
               as_value(&a), ma->offset, n);
  if (!ma->offset) return as_value(&a);
  return fmt(fs, "(uint64_t)%s + %" PRIu64 "u", as_operand(fs, &a), ma->offset);
}

static void op_load(struct fstate *fs, const struct instr *in) {
  const struct memarg *ma = &in->imm.memarg;
  const char *addr = address(fs, ma, 0, opinfo[in->op].align);
  const char *base = mem_base(fs, ma->mem);
  pop(fs, 1);
  push(fs, sig_valtype(opinfo[in->op].sig[2]));
  bool dropped = fs->next && fs->next->op == OP_DROP;
  if (dropped || !slot_read(fs->prev, fs->sp - 1, fs->stack[fs->sp - 1].type)) {
    /* The value is not used, but the access must still trap when out of bounds. */
    line(fs, "w2l_touch(%s, %s, %u);", base, addr, opinfo[in->op].align);
    return;
  }
  store_slot(fs, fs->sp - 1, fmt(fs, "w2l_load_%s(%s, %s)", opinfo[in->op].c, base, addr));
}

static void op_store(struct fstate *fs, const struct instr *in) {
  const struct memarg *ma = &in->imm.memarg;
  const char *value = top_value(fs, 0);
  const char *addr = address(fs, ma, 1, opinfo[in->op].align);
  const char *base = mem_base(fs, ma->mem);
  pop(fs, 2);
  line(fs, "w2l_store_%s(%s, %s, %s);", opinfo[in->op].c, base, addr, value);
}

/* The threads proposal's instructions: atomic loads, stores, read-modify-writes
 * and cmpxchg through runtime/w2l_atomic.h's w2l_atomic_* helpers (alignment
 * and bounds checked there), wait/notify through the runtime, and the fence. */
static void op_atomic(struct fstate *fs, const struct instr *in) {
  const struct opinfo *oi = &opinfo[in->op];
  const struct memarg *ma = &in->imm.memarg;
  if (in->op == OP_ATOMIC_FENCE) {
    line(fs, "__atomic_thread_fence(__ATOMIC_SEQ_CST);");
    return;
  }
  uint32_t nparams = (uint32_t)(strchr(oi->sig, ':') - oi->sig);
  bool has_result = oi->sig[nparams + 1] != '\0';
  const char *args = "";
  for (uint32_t k = nparams - 1; k > 0; k--) args = fmt(fs, "%s, %s", args, top_value(fs, k - 1));
  const char *addr = address(fs, ma, nparams - 1, oi->align);
  const char *call;
  if (in->op == OP_MEMORY_ATOMIC_NOTIFY || in->op == OP_MEMORY_ATOMIC_WAIT32 ||
      in->op == OP_MEMORY_ATOMIC_WAIT64) {
    fs->use.inst = true;
    call = fmt(fs, "w2l_memory_atomic_%s(%s->mem%" PRIu32 ", %s%s)", oi->c, inst(fs), ma->mem, addr,
               args);
  } else {
    call = fmt(fs, "w2l_atomic_%s(%s, %s%s)", oi->c, mem_base(fs, ma->mem), addr, args);
  }
  pop(fs, nparams);
  if (has_result) {
    push(fs, sig_valtype(oi->sig[nparams + 1]));
    store_slot(fs, fs->sp - 1, call);
  } else {
    line(fs, "%s;", call);
  }
  refresh_shared_memories(fs);
}

/* v128.loadN_lane / storeN_lane: memarg, a vector operand and a lane index. */
static void op_lane_memory(struct fstate *fs, const struct instr *in) {
  const struct memarg *ma = &in->imm.memarg;
  const char *vec = top_value(fs, 0);
  const char *addr = address(fs, ma, 1, opinfo[in->op].align);
  const char *base = mem_base(fs, ma->mem);
  pop(fs, 2);
  if (opinfo[in->op].sig[3]) { /* "iV:V": a load */
    push(fs, VT_V128);
    store_slot(fs, fs->sp - 1,
               fmt(fs, "w2l_load_%s(%s, %s, %s, %u)", opinfo[in->op].c, base, addr, vec, ma->lane));
  } else {
    line(fs, "w2l_store_%s(%s, %s, %s, %u);", opinfo[in->op].c, base, addr, vec, ma->lane);
  }
}

/* A bulk memory or table operation: "HEAD, d, s, n);", its three operands
 * (destination, source or value, count) taken from the stack. */
static void bulk_call(struct fstate *fs, const char *head) {
  line(fs, "%s, %s, %s, %s);", head, top_value(fs, 2), top_value(fs, 1), top_value(fs, 0));
  pop(fs, 3);
}

/* Is memory k an i64 memory (memory64)? */
static bool i64(const struct fstate *fs, uint32_t k) { return fs->m->mems[k].limits.i64; }

static void op_memory(struct fstate *fs, const struct instr *in) {
  uint32_t k = in->imm.idx;
  const char *in_ = inst(fs);
  switch (in->op) {
  case OP_MEMORY_SIZE: {
    const char *width = i64(fs, k) ? "uint64_t" : "uint32_t";
    push(fs, i64(fs, k) ? VT_I64 : VT_I32);
    if (fs->m->mems[k].limits.shared) { /* another thread may grow it: what this
                                            reads, the next accesses may use */
      store_slot(fs, fs->sp - 1,
                 fmt(fs, "(%s)w2l_memory_pages_now(%s->mem%" PRIu32 ")", width, in_, k));
      refresh_shared_memories(fs);
    } else {
      store_slot(fs, fs->sp - 1, fmt(fs, "(%s)%s->mem%" PRIu32 "->pages", width, in_, k));
    }
    break;
  }
  case OP_MEMORY_GROW:
    store_slot(fs, fs->sp - 1,
               fmt(fs, "w2l_memory_grow%s(%s->mem%" PRIu32 ", %s)", i64(fs, k) ? "64" : "", in_, k,
                   top_value(fs, 0)));
    refresh_memories(fs);
    break;
  case OP_MEMORY_FILL:
    bulk_call(fs, fmt(fs, "w2l_memory_fill%s(%s->mem%" PRIu32, i64(fs, k) ? "64" : "", in_, k));
    break;
  case OP_MEMORY_COPY:
    bulk_call(fs, fmt(fs, "w2l_memory_copy%s(%s->mem%" PRIu32 ", inst->mem%" PRIu32,
                      i64(fs, in->imm.pair.a) || i64(fs, in->imm.pair.b) ? "64" : "", in_,
                      in->imm.pair.a, in->imm.pair.b));
    break;
  case OP_MEMORY_INIT: {
    uint32_t d = in->imm.pair.a;
    fs->e->data_used[d] = true;
    bulk_call(fs, fmt(fs,
                      "w2l_memory_init%s(%s->mem%" PRIu32 ", %s__data%" PRIu32
                      ", inst->data_len[%" PRIu32 "]",
                      i64(fs, in->imm.pair.b) ? "64" : "", in_, in->imm.pair.b, fs->e->prefix, d,
                      d));
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
    store_slot(fs, fs->sp - 1, "W2L_NULL_REF");
    break;
  case OP_REF_IS_NULL: {
    bool func = fs->stack[fs->sp - 1].type == VT_FUNCREF;
    struct cexpr r = take_top(fs, 0);
    pop(fs, 1);
    push(fs, VT_I32);
    store_slot(fs, fs->sp - 1, fmt(fs, "%s.%s == NULL", as_operand(fs, &r), func ? "fn" : "obj"));
    break;
  }
  case OP_REF_AS_NON_NULL: {
    bool func = fs->stack[fs->sp - 1].type == VT_FUNCREF;
    struct cexpr r = take_top(fs, 0);
    store_slot(fs, fs->sp - 1,
               fmt(fs, "w2l_ref_as_non_null(%s, %s)", as_value(&r), func ? "true" : "false"));
    break;
  }
  default: /* ref.func */
    push(fs, VT_FUNCREF);
    store_slot(fs, fs->sp - 1, fmt(fs, "%s->base.funcs[%" PRIu32 "]", inst(fs), in->imm.idx));
    break;
  }
}

/* An index operand of table t as the runtime's uint32_t: checked first for a table64. */
static const char *table_index_arg(struct fstate *fs, uint32_t t, const char *i) {
  return t64(fs, t) ? fmt(fs, "w2l_table_index64(%s->table%" PRIu32 ", %s)", inst(fs), t, i) : i;
}

static void op_table(struct fstate *fs, const struct instr *in) {
  uint32_t t = in->imm.idx;
  const char *in_ = inst(fs);
  switch (in->op) {
  case OP_TABLE_GET: {
    const char *i = table_index_arg(fs, t, top_value(fs, 0));
    pop(fs, 1);
    push(fs, fs->m->tables[t].reftype);
    store_slot(fs, fs->sp - 1, fmt(fs, "w2l_table_get(%s->table%" PRIu32 ", %s)", in_, t, i));
    break;
  }
  case OP_TABLE_SET:
    line(fs, "w2l_table_set(%s->table%" PRIu32 ", %s, %s);", in_, t,
         table_index_arg(fs, t, top_value(fs, 1)), top_value(fs, 0));
    pop(fs, 2);
    break;
  case OP_TABLE_SIZE:
    push(fs, t64(fs, t) ? VT_I64 : VT_I32);
    store_slot(fs, fs->sp - 1,
               fmt(fs, "(%s)%s->table%" PRIu32 "->size", t64(fs, t) ? "uint64_t" : "uint32_t", in_, t));
    break;
  case OP_TABLE_GROW: {
    const char *n = top_value(fs, 0), *init = top_value(fs, 1);
    pop(fs, 2);
    push(fs, t64(fs, t) ? VT_I64 : VT_I32);
    store_slot(fs, fs->sp - 1,
               fmt(fs, "w2l_table_grow%s(%s->table%" PRIu32 ", %s, %s)", t64(fs, t) ? "64" : "", in_,
                   t, n, init));
    break;
  }
  case OP_TABLE_FILL:
    bulk_call(fs, fmt(fs, "w2l_table_fill%s(%s->table%" PRIu32, t64(fs, t) ? "64" : "", in_, t));
    break;
  case OP_TABLE_COPY:
    bulk_call(fs, fmt(fs, "w2l_table_copy%s(%s->table%" PRIu32 ", inst->table%" PRIu32,
                      t64(fs, in->imm.pair.a) || t64(fs, in->imm.pair.b) ? "64" : "", in_,
                      in->imm.pair.a, in->imm.pair.b));
    break;
  case OP_TABLE_INIT: {
    uint32_t s = in->imm.pair.a;
    const char *seg = fs->m->elems[s].count ? fmt(fs, "inst->elem%" PRIu32, s) : "NULL";
    bulk_call(fs, fmt(fs, "w2l_table_init%s(%s->table%" PRIu32 ", %s, inst->elem_len[%" PRIu32 "]",
                      t64(fs, in->imm.pair.b) ? "64" : "", in_, in->imm.pair.b, seg, s));
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
  case OP_IF:
  case OP_TRY_TABLE:
  case OP_TRY: fs->skip++; return true;
  case OP_ELSE:
  case OP_CATCH:
  case OP_CATCH_ALL: return fs->skip > 0;
  case OP_DELEGATE:
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
  case OP_TRY_TABLE: op_try_table(fs, in); return;
  case OP_TRY: op_try(fs, in); return;
  case OP_CATCH:
  case OP_CATCH_ALL: op_catch(fs, in); return;
  case OP_DELEGATE: op_end(fs); return;
  case OP_RETHROW:
    line(fs, "w2l_exn_rethrow(&%s->base, x%" PRIu32 ");", inst(fs),
         fs->ctl[fs->nctl - 1 - in->imm.idx].label);
    fs->ctl[fs->nctl - 1].unreachable = true;
    return;
  case OP_THROW: op_throw(fs, in); return;
  case OP_THROW_REF:
    line(fs, "w2l_throw_ref(%s);", top_value(fs, 0));
    pop(fs, 1);
    fs->ctl[fs->nctl - 1].unreachable = true;
    return;
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
  case OP_CALL_REF: op_call_ref(fs, in); return;
  case OP_RETURN_CALL:
  case OP_RETURN_CALL_INDIRECT:
  case OP_RETURN_CALL_REF: op_return_call(fs, in); return;
  case OP_BR_ON_NULL:
  case OP_BR_ON_NON_NULL: op_br_on(fs, in); return;
  case OP_DROP: pop(fs, 1); return; /* pending values are pure; others are stored */
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
  default: break;
  }
  if (oi->flags & OPF_TABLE_OP) {
    op_table(fs, in);
  } else if (oi->flags & OPF_MEMORY_OP) {
    op_memory(fs, in);
  } else if (oi->flags & OPF_REF_OP) {
    op_ref(fs, in);
  } else if (oi->flags & OPF_ATOMIC) {
    op_atomic(fs, in);
  } else if (oi->imm == IMM_MEMARG_LANE) {
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
  fs->sp = fs->nctl = fs->next_label = fs->skip = fs->braces = 0;
  fs->returned = false;
  fs->indent = 1;
  fs->ntries = 0;
  struct ctl *body = push_ctl(fs, OP_END);
  if (fs->has_try) body->handler_in = body->handler_out = "eh_outer";
  body->nresults = fs->ft->nresults;
  body->results = fs->ft->results;
  fs->mapped_line = 0;
  fs->mapped_at = 0;
  fs->src_line = 0;
  /* A recursive function's entry checks the epoch in W2L_FUNC_ENTRY_EPOCH. */
  interrupt_checks(fs, 0, false); /* the function's entry */
  for (uint32_t i = 0; i < f->body.count; i++) {
    fs->next = i + 1 < f->body.count ? &f->body.code[i + 1] : NULL;
    if (fs->e->line_file) fs->src_line = emit_source_line(fs->e, f->body.code[i].pos);
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
  return a->inst == b->inst && same_bytes(a->labels, a->nlabels, b->labels, b->nlabels) &&
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

/* Bytes of a C variable of value type t. */
static uint32_t value_bytes(enum valtype t) {
  switch (vt_storage(t)) {
  case VT_I32:
  case VT_F32: return 4;
  case VT_I64:
  case VT_F64: return 8;
  case VT_V128: return 16;
  case VT_FUNCREF:
  case VT_EXTERNREF: return 32; /* w2l_ref: four pointers */
  default: break;
  }
  return 16;
}

/* A generous estimate of the C frame of the function just translated: its
 * variables twice over (spills, temporaries, alignment) plus a fixed part. */
static uint64_t frame_estimate(const struct fstate *fs, uint32_t nlocals) {
  uint64_t bytes = 0;
  for (uint32_t i = 0; i < nlocals; i++)
    if (fs->use.locals[i])
      bytes +=
          value_bytes(i < fs->ft->nparams ? fs->ft->params[i] : fs->f->locals[i - fs->ft->nparams]);
  for (uint32_t d = 0; d < fs->use.nslots; d++)
    for (int c = 0; c < NCLASS; c++)
      if (fs->use.slots[d] & (1u << c)) bytes += value_bytes(class_type[c]);
  return 2 * bytes + 256 + (uint64_t)fs->ntries * JMP_BUF_BYTES;
}

/* Which locals the body writes inside a try_table (fs->volatile_local) and
 * whether it has one at all (fs->has_try). */
static void find_try_locals(struct fstate *fs, uint32_t nlocals) {
  const struct expr *body = &fs->f->body;
  fs->volatile_local = arena_alloc(fs->e->arena, nlocals + 1);
  /* per open block, innermost last: whether it is a try_table */
  bool *is_try = arena_alloc(fs->e->arena, (size_t)fs->f->max_depth + body->count + 1);
  uint32_t depth = 0, tries = 0;
  for (uint32_t i = 0; i < body->count; i++) {
    const struct instr *in = &body->code[i];
    if (op_opens_block(in->op)) {
      bool t = in->op == OP_TRY_TABLE || in->op == OP_TRY;
      is_try[depth++] = t;
      tries += t;
      fs->has_try |= t;
    } else if (op_closes_block(in->op) && depth > 0) {
      tries -= is_try[--depth];
    } else if ((in->op == OP_LOCAL_SET || in->op == OP_LOCAL_TEE) && tries) {
      fs->volatile_local[in->imm.idx] = true;
    }
  }
}

/* "volatile " for local i when it needs it (see find_try_locals). */
static const char *local_qualifier(const struct fstate *fs, uint32_t i) {
  return fs->volatile_local[i] ? "volatile " : "";
}

void emit_function(struct emitter *e, uint32_t funcidx) {
  const struct module *m = e->m;
  const struct func *f = &m->funcs[funcidx];
  struct fstate fs = {.e = e, .m = m, .f = f, .ft = &m->types[f->typeidx],
                      .after_call = e->recursive[funcidx], .tail = e->tail_body[funcidx]};
  uint32_t nparams = fs.ft->nparams, nlocals = nparams + f->nlocals;
  struct ebuf body;
  fs.local_names = local_names(e, f, nlocals);
  find_try_locals(&fs, nlocals);

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
  /* gcc's -Wclobbered names every local live across a try_table's setjmp
   * and written anywhere after it; C leaves indeterminate only those written
   * between the setjmp and the longjmp, which are the ones written inside a
   * try_table, and those are volatile (find_try_locals). */
  if (fs.has_try)
    emit_put(out, "#if defined(__GNUC__) && !defined(__clang__)\n#pragma GCC diagnostic push\n"
                  "#pragma GCC diagnostic ignored \"-Wclobbered\"\n#endif\n");
  emit_printf(out, "/* func %" PRIu32, funcidx);
  if (f->name) {
    emit_put(out, " $");
    emit_comment_text(out, (const uint8_t *)f->name, strlen(f->name));
  }
  emit_put(out, ": ");
  emit_functype_text(out, fs.ft);
  if (fs.tail) { /* the tail entry: obj and the params from t */
    emit_printf(out, " */\n%svoid %s(w2l_tail *t) {\n  void *obj = t->obj;\n", e->fn_storage,
                emit_tail_entry_name(e, funcidx));
    for (uint32_t i = 0; i < nparams; i++)
      emit_printf(out, "  %s%s %s = t->slots[%" PRIu32 "].%s;\n", local_qualifier(&fs, i),
                  emit_ctype(fs.ft->params[i]), fs.local_names[i], i,
                  emit_value_member(fs.ft->params[i]));
  } else {
    emit_printf(out, " */\n%s%s %s(void *obj", e->fn_storage, emit_return_type(e, f->typeidx),
                e->func_names[funcidx]);
    for (uint32_t i = 0; i < nparams; i++)
      emit_printf(out, ", %s%s %s", local_qualifier(&fs, i), emit_ctype(fs.ft->params[i]),
                  fs.local_names[i]);
    emit_put(out, ") {\n");
  }
  /* A frame bigger than the pages that guard a thread's stack could skip past
   * them: such a function first checks that the whole frame fits, before any
   * of it is written (recursive or not). */
  uint64_t frame = frame_estimate(&fs, nlocals);
  bool big_frame = frame > FRAME_CHECK_BYTES;
  bool epoch = (e->interrupt & EMIT_EPOCH) && e->recursive[funcidx];
  if (big_frame)
    emit_printf(out, epoch ? "  W2L_FUNC_ENTRY_FRAME_EPOCH(%" PRIu64 "u, obj);\n"
                           : "  W2L_FUNC_ENTRY_FRAME(%" PRIu64 "u);\n",
                frame);
  if (fs.use.inst) emit_printf(out, "  %s__instance *inst = obj;\n", e->prefix);
  else emit_put(out, "  (void)obj;\n");
  for (uint32_t i = 0; i < nparams; i++)
    if (!fs.use.locals[i]) emit_printf(out, "  (void)%s;\n", fs.local_names[i]);
  for (uint32_t i = nparams; i < nlocals; i++) {
    if (!fs.use.locals[i]) continue;
    enum valtype t = f->locals[i - nparams];
    emit_printf(out, "  %s%s %s = %s;\n", local_qualifier(&fs, i), emit_ctype(t),
                fs.local_names[i], emit_zero(t));
  }
  if (fs.has_try) { /* the caller's handler, and one per try_table */
    emit_put(out, "  w2l_handler *const eh_outer = w2l_eh_top;\n");
    for (uint32_t k = 0; k < fs.ntries; k++) {
      uint32_t n = fs.tries[k] & ~LEGACY_TRY;
      emit_printf(out, "  w2l_handler h%" PRIu32 ";\n", n);
      if (fs.tries[k] & LEGACY_TRY)
        emit_printf(out, "  w2l_exn *x%" PRIu32 " = NULL; (void)x%" PRIu32 ";\n", n, n);
    }
  }
  for (int c = 0; c < NCLASS; c++)
    declare_slots(out, &fs.use, c, emit_ctype(class_type[c]), emit_zero(class_type[c]));
  for (uint32_t k = 0; k < m->nmems; k++) {
    if (!fs.use.mems[k]) continue;
    const char *size = m->mems[k].limits.shared /* other threads may grow it */
                           ? fmt(&fs, "__atomic_load_n(&inst->mem%" PRIu32 "->size, __ATOMIC_ACQUIRE)", k)
                           : fmt(&fs, "inst->mem%" PRIu32 "->size", k);
    emit_printf(out,
                "  uint8_t *mem%" PRIu32 " = inst->mem%" PRIu32 "->data;\n"
                "  uint64_t mem%" PRIu32 "_size = %s;\n",
                k, k, k, size);
  }
  /* Functions that may recurse check the stack and keep their frame
   * (W2L_FUNC_ENTRY): a C compiler must not turn recursion into a loop, so
   * runaway recursion exhausts the stack.  The others cannot go deeper than
   * the module's longest call chain. */
  if (e->recursive[funcidx] && !big_frame)
    emit_put(out, epoch ? "  W2L_FUNC_ENTRY_EPOCH(obj);\n" : "  W2L_FUNC_ENTRY();\n");
  emit_put(out, body.data);
  emit_put(out, "}\n\n");
  if (fs.has_try)
    emit_put(out, "#if defined(__GNUC__) && !defined(__clang__)\n#pragma GCC diagnostic pop\n#endif\n");
}

/* ---- constant expressions ---- */

/* One instruction of a constant expression that pushes a value, as C. */
static void const_operand(struct emitter *e, struct ebuf *b, const struct instr *in) {
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
      emit_printf(b, "inst->base.globals[%" PRIu32 "]->value.%s", in->imm.idx,
                  emit_value_member(g->type));
    else
      emit_printf(b, "inst->%s.value.%s", e->global_names[in->imm.idx], emit_value_member(g->type));
    break;
  }
  default:
    diag_error(e->m->src, in->pos, "emit: unsupported constant expression %s", opinfo[in->op].name);
  }
}

/* A constant expression as one C expression.  Extended-const's add, sub and
 * mul combine the two values below them (validated: the stack holds exactly
 * one value at the end), in unsigned C arithmetic, which wraps as wasm does. */
void emit_const_expr(struct emitter *e, struct ebuf *b, const struct expr *x) {
  if (x->count <= 2) { /* one operand and end: the 2.0 form */
    const_operand(e, b, &x->code[0]);
    return;
  }
  const char **stack = arena_array(e->arena, x->count, sizeof *stack);
  uint32_t sp = 0;
  for (uint32_t i = 0; i < x->count && x->code[i].op != OP_END; i++) {
    const struct instr *in = &x->code[i];
    const struct opinfo *oi = &opinfo[in->op];
    struct ebuf one;
    emit_init_buf(&one, e->arena);
    if (oi->c[0] == '%') { /* add, sub, mul: "ii:i" or "II:I", C "%1 OP %2" */
      emit_printf(&one, "(%s)(%s %c %s)", emit_ctype(sig_valtype(oi->sig[3])), stack[sp - 2],
                  oi->c[3], stack[sp - 1]);
      sp -= 2;
    } else {
      const_operand(e, &one, in);
    }
    stack[sp++] = one.data; /* the arena keeps it */
  }
  emit_put(b, stack[0]);
}
