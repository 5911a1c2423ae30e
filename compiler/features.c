/* features.c - the feature options (features.def) and the check that a module
 * uses only the features switched on: each construct of a disabled feature is
 * reported where it stands, with the option that allows it. */
#include <string.h>

#include "compiler.h"

const struct val_features val_features_all = {
#define X(field, name, on, supported, what) .field = true,
#include "features.def"
#undef X
};

const struct val_features val_features_default = {
#define X(field, name, on, supported, what) .field = on,
#include "features.def"
#undef X
};

/* One line of features.def, for the options and the help. */
struct feature_entry {
  const char *name; /* option spelling */
  size_t offset;    /* of its bool in struct val_features */
  bool on;          /* default */
  bool supported;   /* implemented */
  const char *what; /* help text */
};

static const struct feature_entry entries[] = {
#define X(field, name, on, supported, what) \
  {name, offsetof(struct val_features, field), on, supported, what},
#include "features.def"
#undef X
};

#define NENTRIES (sizeof entries / sizeof *entries)

static bool *flag(struct val_features *f, const struct feature_entry *e) {
  return (bool *)((char *)f + e->offset);
}

enum feature_option feature_option(struct val_features *f, const char *arg) {
  bool on;
  if (strncmp(arg, "--enable-", 9) == 0) on = true, arg += 9;
  else if (strncmp(arg, "--disable-", 10) == 0) on = false, arg += 10;
  else return FEATURE_NOT_OPTION;
  bool all = strcmp(arg, "all") == 0, found = all;
  for (size_t i = 0; i < NENTRIES; i++)
    if (all || strcmp(arg, entries[i].name) == 0) {
      *flag(f, &entries[i]) = on;
      found = true;
    }
  return found ? FEATURE_SET : FEATURE_UNKNOWN;
}

void feature_help(FILE *out, int indent) {
  for (size_t i = 0; i < NENTRIES; i++)
    fprintf(out, "%*s%-20s %s (%s%s)\n", indent, "", entries[i].name, entries[i].what,
            entries[i].on ? "on" : "off", entries[i].supported ? "" : "; not supported yet");
}

/* The error for a construct at pos that needs the disabled feature name. */
static _Noreturn void needs(const struct module *m, size_t pos, const char *what,
                            const char *name) {
  diag_error(m->src, pos, "%s (enable with --enable-%s)", what, name);
}

/* The same for instruction in. */
static _Noreturn void instr_needs(const struct module *m, const struct instr *in,
                                  const char *name) {
  diag_error(m->src, in->pos, "%s needs the %s feature (enable with --enable-%s)",
             opinfo[in->op].name, name, name);
}

static void check_valtypes(const struct module *m, const struct val_features *f, size_t pos,
                           const enum valtype *ts, uint32_t n) {
  for (uint32_t i = 0; i < n; i++)
    if (ts[i] == VT_V128 && !f->simd) needs(m, pos, "v128 needs the simd feature", "simd");
    else if (vt_is_typed(ts[i]) && heap_top(vt_heap(ts[i])) == HT_EXN && !f->exceptions)
      needs(m, pos, "exnref needs the exceptions feature", "exceptions");
    else if (vt_is_typed(ts[i]) && heap_top(vt_heap(ts[i])) != HT_EXN && !f->function_references)
      needs(m, pos, "typed reference types need the function-references feature",
            "function-references");
}

/* call_ref, return_call_ref, ref.as_non_null, br_on_null, br_on_non_null. */
static bool func_refs_op(enum opcode op) {
  return op == OP_CALL_REF || op == OP_RETURN_CALL_REF || op == OP_REF_AS_NON_NULL ||
         op == OP_BR_ON_NULL || op == OP_BR_ON_NON_NULL;
}

static bool extended_const_op(enum opcode op) {
  return op == OP_I32_ADD || op == OP_I32_SUB || op == OP_I32_MUL || op == OP_I64_ADD ||
         op == OP_I64_SUB || op == OP_I64_MUL;
}

/* A constant expression: extended-const's arithmetic. */
static void check_const(const struct module *m, const struct val_features *f, const struct expr *e) {
  for (uint32_t i = 0; i < e->count && !f->extended_const; i++)
    if (extended_const_op(e->code[i].op))
      instr_needs(m, &e->code[i], "extended-const");
}

/* What check_body needs. */
struct body_check {
  const struct module *m;        /* the module */
  const struct val_features *f;  /* what is on */
};

static void check_body(void *arg, uint32_t funcidx) {
  const struct body_check *c = arg;
  const struct func *fn = &c->m->funcs[funcidx];
  check_valtypes(c->m, c->f, fn->pos, fn->locals, fn->nlocals);
  for (uint32_t i = 0; i < fn->body.count; i++) {
    const struct instr *in = &fn->body.code[i];
    uint8_t prefix = opinfo[in->op].prefix;
    if (prefix == 0xFD && !c->f->simd) instr_needs(c->m, in, "simd");
    if (prefix == 0xFD && opinfo[in->op].code >= 0x100 && opinfo[in->op].code <= 0x113 &&
        !c->f->relaxed_simd)
      instr_needs(c->m, in, "relaxed-simd");
    if (prefix == 0xFE && !c->f->threads) instr_needs(c->m, in, "threads");
    if ((in->op == OP_RETURN_CALL || in->op == OP_RETURN_CALL_INDIRECT ||
         in->op == OP_RETURN_CALL_REF) &&
        !c->f->tail_call)
      instr_needs(c->m, in, "tail-call");
    if ((in->op == OP_THROW || in->op == OP_THROW_REF || in->op == OP_TRY_TABLE ||
         in->op == OP_TRY || in->op == OP_CATCH || in->op == OP_CATCH_ALL ||
         in->op == OP_DELEGATE || in->op == OP_RETHROW) &&
        !c->f->exceptions)
      instr_needs(c->m, in, "exceptions");
    if (func_refs_op(in->op) && !c->f->function_references)
      instr_needs(c->m, in, "function-references");
    if (in->op == OP_REF_NULL && vt_is_typed((enum valtype)in->imm.idx))
      check_valtypes(c->m, c->f, in->pos, (const enum valtype *)&in->imm.idx, 1);
    if (in->op == OP_SELECT_T && in->imm.select.count)
      check_valtypes(c->m, c->f, in->pos, in->imm.select.types, in->imm.select.count);
    if (op_opens_block(in->op) && in->imm.block.kind == BT_VALUE)
      check_valtypes(c->m, c->f, in->pos, &in->imm.block.valtype, 1);
  }
}

void feature_check_module(const struct module *m, const struct val_features *f) {
  if (m->ntables > 1 && !f->multi_table)
    needs(m, m->tables[1].pos, "multiple tables", "multi-table");
  if (m->nmems > 1 && !f->multi_memory)
    needs(m, m->mems[1].pos, "multiple memories", "multi-memory");
  for (uint32_t i = 0; i < m->ntables && !f->function_references; i++)
    if (m->tables[i].init.count)
      needs(m, m->tables[i].pos, "a table initializer needs the function-references feature",
            "function-references");
  for (uint32_t i = 0; i < m->ntables; i++)
    check_valtypes(m, f, m->tables[i].pos, &m->tables[i].reftype, 1);
  for (uint32_t i = 0; i < m->nelems; i++) /* (ref func): what a list of function indices is */
    if (m->elems[i].reftype != vt_ref(false, HT_FUNC))
      check_valtypes(m, f, m->elems[i].pos, &m->elems[i].reftype, 1);
  if (m->ntags && !f->exceptions) needs(m, m->tags[0].pos, "a tag needs the exceptions feature", "exceptions");
  for (uint32_t i = 0; i < m->nmems && !f->memory64; i++)
    if (m->mems[i].limits.i64)
      needs(m, m->mems[i].pos, "an i64 memory needs the memory64 feature", "memory64");
  for (uint32_t i = 0; i < m->nmems && !f->threads; i++)
    if (m->mems[i].limits.shared)
      needs(m, m->mems[i].pos, "a shared memory needs the threads feature", "threads");
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const struct functype *ft = &m->types[i];
    check_valtypes(m, f, ft->pos, ft->params, ft->nparams);
    check_valtypes(m, f, ft->pos, ft->results, ft->nresults);
  }
  for (uint32_t i = 0; i < m->nglobals; i++) {
    check_valtypes(m, f, m->globals[i].pos, &m->globals[i].type, 1);
    check_const(m, f, &m->globals[i].init);
  }
  for (uint32_t i = 0; i < m->nelems; i++) {
    check_const(m, f, &m->elems[i].offset);
    for (uint32_t j = 0; j < m->elems[i].count; j++) check_const(m, f, &m->elems[i].items[j]);
  }
  for (uint32_t i = 0; i < m->ndatas; i++) check_const(m, f, &m->datas[i].offset);
  if (f->simd && f->relaxed_simd && f->threads && f->tail_call && f->function_references &&
      f->exceptions)
    return; /* nothing to look for in the bodies */
  struct body_check c = {m, f};
  module_each_body(m, check_body, &c);
}
