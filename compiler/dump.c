/* dump.c - a canonical text dump of the module IR, for tests: two readers
 * (text and binary) of the same module must produce the same dump. */
#include <inttypes.h>

#include "compiler.h"

static void types(FILE *out, uint32_t n, const enum valtype *v) {
  fputc('[', out);
  for (uint32_t i = 0; i < n; i++) fprintf(out, "%s%s", i ? " " : "", valtype_name(v[i]));
  fputc(']', out);
}

static void bytes(FILE *out, struct bytes b) {
  fputc('"', out);
  for (uint32_t i = 0; i < b.len; i++) {
    uint8_t c = b.data[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') fputc(c, out);
    else fprintf(out, "\\%02x", c);
  }
  fputc('"', out);
}

static void name(FILE *out, const char *n) {
  if (n) fprintf(out, " $%s", n);
}

static void instr(FILE *out, const struct instr *in) {
  fputs(opinfo[in->op].name, out);
  switch (opinfo[in->op].imm) {
  case IMM_NONE: break;
  case IMM_BLOCK:
    if (in->imm.block.kind == BT_VALUE) fprintf(out, " (result %s)", valtype_name(in->imm.block.valtype));
    if (in->imm.block.kind == BT_INDEX) fprintf(out, " (type %" PRIu32 ")", in->imm.block.typeidx);
    break;
  case IMM_BR_TABLE:
    for (uint32_t i = 0; i <= in->imm.br_table.count; i++)
      fprintf(out, " %" PRIu32, in->imm.br_table.labels[i]);
    break;
  case IMM_SELECT_T:
    fputs(" (result", out);
    for (uint32_t i = 0; i < in->imm.select.count; i++)
      fprintf(out, " %s", valtype_name(in->imm.select.types[i]));
    fputc(')', out);
    break;
  case IMM_MEMARG:
    fprintf(out, " mem=%" PRIu32 " offset=%" PRIu64 " align=%" PRIu32, in->imm.memarg.mem,
            in->imm.memarg.offset, in->imm.memarg.align);
    break;
  case IMM_I32: fprintf(out, " 0x%" PRIx32, in->imm.i32); break;
  case IMM_I64: fprintf(out, " 0x%" PRIx64, in->imm.i64); break;
  case IMM_F32: fprintf(out, " bits=0x%08" PRIx32, in->imm.f32_bits); break;
  case IMM_F64: fprintf(out, " bits=0x%016" PRIx64, in->imm.f64_bits); break;
  case IMM_REFTYPE: fprintf(out, " %s", valtype_name((enum valtype)in->imm.idx)); break;
  case IMM_CALL_INDIRECT: case IMM_MEMORY_INIT: case IMM_MEMORY_COPY:
  case IMM_TABLE_INIT: case IMM_TABLE_COPY:
    fprintf(out, " %" PRIu32 " %" PRIu32, in->imm.pair.a, in->imm.pair.b);
    break;
  default: fprintf(out, " %" PRIu32, in->imm.idx); break;
  }
}

static void expr(FILE *out, const struct expr *e, int indent) {
  int depth = 0;
  for (uint32_t i = 0; i < e->count; i++) {
    const struct instr *in = &e->code[i];
    if (in->op == OP_END || in->op == OP_ELSE) depth--;
    if (depth < 0) depth = 0;
    fprintf(out, "%*s", indent + 2 * depth, "");
    instr(out, in);
    fputc('\n', out);
    if (in->op == OP_BLOCK || in->op == OP_LOOP || in->op == OP_IF || in->op == OP_ELSE) depth++;
  }
}

static void limits(FILE *out, const struct limits *l) {
  fprintf(out, " min=%" PRIu64, l->min);
  if (l->has_max) fprintf(out, " max=%" PRIu64, l->max);
  if (l->shared) fputs(" shared", out);
}

static const char *const kind_names[] = {"func", "table", "memory", "global"};
static const char *const mode_names[] = {"active", "passive", "declare"};

void module_dump(const struct module *m, FILE *out) {
  fputs("module", out);
  name(out, m->name);
  fputc('\n', out);
  for (uint32_t i = 0; i < m->ntypes; i++) {
    fprintf(out, "type %" PRIu32 " ", i);
    types(out, m->types[i].nparams, m->types[i].params);
    fputs(" -> ", out);
    types(out, m->types[i].nresults, m->types[i].results);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < m->nimports; i++) {
    const struct import *im = &m->imports[i];
    fprintf(out, "import %" PRIu32 " ", i);
    bytes(out, im->module);
    fputc(' ', out);
    bytes(out, im->field);
    fprintf(out, " %s %" PRIu32 "\n", kind_names[im->kind], im->index);
  }
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    const struct func *f = &m->funcs[i];
    fprintf(out, "func %" PRIu32, i);
    name(out, f->name);
    fprintf(out, " type=%" PRIu32, f->typeidx);
    if (f->imported) {
      fprintf(out, " import=%" PRIu32 "\n", f->import);
      continue;
    }
    fputs(" locals=", out);
    types(out, f->nlocals, f->locals);
    fputc('\n', out);
    if (f->local_names) {
      uint32_t n = m->types[f->typeidx].nparams + f->nlocals;
      fputs("  local names:", out);
      for (uint32_t j = 0; j < n; j++)
        if (f->local_names[j]) fprintf(out, " %" PRIu32 "=$%s", j, f->local_names[j]);
      fputc('\n', out);
    }
    expr(out, &f->body, 2);
  }
  for (uint32_t i = 0; i < m->ntables; i++) {
    const struct table *t = &m->tables[i];
    fprintf(out, "table %" PRIu32, i);
    name(out, t->name);
    fprintf(out, " %s", valtype_name(t->reftype));
    limits(out, &t->limits);
    if (t->imported) fprintf(out, " import=%" PRIu32, t->import);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < m->nmems; i++) {
    const struct memory *mem = &m->mems[i];
    fprintf(out, "memory %" PRIu32, i);
    name(out, mem->name);
    limits(out, &mem->limits);
    if (mem->imported) fprintf(out, " import=%" PRIu32, mem->import);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < m->nglobals; i++) {
    const struct global *g = &m->globals[i];
    fprintf(out, "global %" PRIu32, i);
    name(out, g->name);
    fprintf(out, " %s%s", g->mutable_ ? "mut " : "", valtype_name(g->type));
    if (g->imported) fprintf(out, " import=%" PRIu32 "\n", g->import);
    else fputc('\n', out), expr(out, &g->init, 2);
  }
  for (uint32_t i = 0; i < m->nexports; i++) {
    fprintf(out, "export %" PRIu32 " ", i);
    bytes(out, m->exports[i].name);
    fprintf(out, " %s %" PRIu32 "\n", kind_names[m->exports[i].kind], m->exports[i].index);
  }
  if (m->has_start) fprintf(out, "start %" PRIu32 "\n", m->start);
  for (uint32_t i = 0; i < m->nelems; i++) {
    const struct elem *e = &m->elems[i];
    fprintf(out, "elem %" PRIu32, i);
    name(out, e->name);
    fprintf(out, " %s %s", mode_names[e->mode], valtype_name(e->reftype));
    if (e->mode == SEG_ACTIVE) fprintf(out, " table=%" PRIu32 "\n  offset:\n", e->table);
    else fputc('\n', out);
    if (e->mode == SEG_ACTIVE) expr(out, &e->offset, 4);
    for (uint32_t j = 0; j < e->count; j++) {
      fprintf(out, "  item %" PRIu32 ":\n", j);
      expr(out, &e->items[j], 4);
    }
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const struct data *d = &m->datas[i];
    fprintf(out, "data %" PRIu32, i);
    name(out, d->name);
    fprintf(out, " %s", mode_names[d->mode]);
    if (d->mode == SEG_ACTIVE) fprintf(out, " memory=%" PRIu32, d->mem);
    fputc(' ', out);
    bytes(out, d->init);
    fputc('\n', out);
    if (d->mode == SEG_ACTIVE) expr(out, &d->offset, 2);
  }
}
