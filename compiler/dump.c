/* dump.c - a canonical, line-oriented text dump of the module IR.
 *
 * Tests compare dumps: the text reader and the binary reader must give the same
 * dump for the same module (wat2wasm --debug-names keeps the names).  So the dump
 * shows what a module means and leaves out how it was written: no source
 * offsets, no data count section, local names only where one is given.
 *
 *   module $NAME
 *   dylink mem_size=8 mem_align=2 table_size=0 table_align=0   (a side module)
 *   dylink needed "libdep.so"
 *   type[0] (param i32) (result i32)
 *   import[0] "env" "f" func 0
 *   func[0] $f type=0 imported
 *   func[1] type=0
 *     locals i32 i64
 *     local_names 0=$x 2=$y
 *     i32.const 1
 *     block (result i32)
 *       ...
 *     end
 */
#include <inttypes.h>
#include <string.h>

#include "compiler.h"

static const char *kind_names[] = {"func", "table", "memory", "global", "tag"};
static const char *mode_names[] = {"active", "passive", "declarative"};

/* A byte string as a quoted string with \hh escapes for anything unprintable. */
static void put_bytes(FILE *out, const uint8_t *s, uint32_t len) {
  fputc('"', out);
  for (uint32_t i = 0; i < len; i++) {
    if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\') fputc(s[i], out);
    else fprintf(out, "\\%02x", s[i]);
  }
  fputc('"', out);
}

/* $"name" */
static void put_id(FILE *out, const char *name) {
  fputc('$', out);
  put_bytes(out, (const uint8_t *)name, (uint32_t)strlen(name));
}

/* " $\"name\"", or nothing for a NULL name. */
static void put_name(FILE *out, const char *name) {
  if (!name) return;
  fputs(" ", out);
  put_id(out, name);
}

static void put_limits(FILE *out, const struct limits *l) {
  fprintf(out, " min=%" PRIu64, l->min);
  if (l->has_max) fprintf(out, " max=%" PRIu64, l->max);
  if (l->shared) fputs(" shared", out);
  if (l->i64) fputs(" i64", out);
}

static void put_types(FILE *out, const char *what, const enum valtype *t, uint32_t n) {
  if (!n) return;
  fprintf(out, " (%s", what);
  for (uint32_t i = 0; i < n; i++) fprintf(out, " %s", valtype_name(t[i]));
  fputc(')', out);
}

/* A type index whose type could be written inline ([] -> [] or [] -> [t]) is
 * shown inline: encoders pick either form for the same block. */
static void put_blocktype(FILE *out, const struct module *m, const struct blocktype *bt) {
  struct blocktype b = *bt;
  if (b.kind == BT_INDEX && b.typeidx < m->ntypes && m->types[b.typeidx].nparams == 0 &&
      m->types[b.typeidx].nresults <= 1) {
    b.kind = m->types[b.typeidx].nresults ? BT_VALUE : BT_EMPTY;
    if (b.kind == BT_VALUE) b.valtype = m->types[b.typeidx].results[0];
  }
  if (b.kind == BT_VALUE) fprintf(out, " (result %s)", valtype_name(b.valtype));
  else if (b.kind == BT_INDEX) fprintf(out, " (type %" PRIu32 ")", b.typeidx);
}

/* One instruction with its immediates, no newline. */
static void put_instr(FILE *out, const struct module *m, const struct instr *in) {
  const struct opinfo *oi = &opinfo[in->op < OP_COUNT ? in->op : OP_NOP];
  fputs(oi->name, out);
  switch (oi->imm) {
  case IMM_NONE:
  case IMM_FENCE: break;
  case IMM_BLOCK: put_blocktype(out, m, &in->imm.block); break;
  case IMM_TRY_TABLE: {
    static const char *const kinds[] = {"catch", "catch_ref", "catch_all", "catch_all_ref"};
    put_blocktype(out, m, &in->imm.block);
    for (uint32_t i = 0; i < in->imm.block.ncatches; i++) {
      const struct catch_clause *c = &in->imm.block.catches[i];
      fprintf(out, " (%s", kinds[c->kind & 3]);
      if (c->kind == CATCH || c->kind == CATCH_REF) fprintf(out, " %" PRIu32, c->tag);
      fprintf(out, " %" PRIu32 ")", c->label);
    }
    break;
  }
  case IMM_TAG:
  case IMM_LABEL:
  case IMM_FUNC:
  case IMM_TYPE:
  case IMM_LOCAL:
  case IMM_GLOBAL:
  case IMM_TABLE:
  case IMM_MEMORY:
  case IMM_DATA:
  case IMM_ELEM: fprintf(out, " %" PRIu32, in->imm.idx); break;
  case IMM_REFTYPE: fprintf(out, " %s", valtype_name((enum valtype)in->imm.idx)); break;
  case IMM_BR_TABLE:
    for (uint32_t i = 0; i <= in->imm.br_table.count; i++)
      fprintf(out, " %" PRIu32, in->imm.br_table.labels[i]);
    break;
  case IMM_CALL_INDIRECT:
    fprintf(out, " type=%" PRIu32 " table=%" PRIu32, in->imm.pair.a, in->imm.pair.b);
    break;
  case IMM_SELECT_T: put_types(out, "result", in->imm.select.types, in->imm.select.count); break;
  case IMM_MEMARG:
  case IMM_MEMARG_LANE:
    fprintf(out, " mem=%" PRIu32 " align=%" PRIu32 " offset=%" PRIu64, in->imm.memarg.mem,
            in->imm.memarg.align, in->imm.memarg.offset);
    if (oi->imm == IMM_MEMARG_LANE) fprintf(out, " lane=%u", in->imm.memarg.lane);
    break;
  case IMM_LANE: fprintf(out, " lane=%" PRIu32, in->imm.idx); break;
  case IMM_V128:
  case IMM_SHUFFLE:
    fputs(oi->imm == IMM_V128 ? " bytes=" : " lanes=", out);
    for (int i = 0; i < 16; i++) fprintf(out, "%s%02x", i ? "," : "", in->imm.v128[i]);
    break;
  case IMM_I32: fprintf(out, " 0x%08" PRIx32, in->imm.i32); break;
  case IMM_I64: fprintf(out, " 0x%016" PRIx64, in->imm.i64); break;
  case IMM_F32: fprintf(out, " bits=0x%08" PRIx32, in->imm.f32_bits); break;
  case IMM_F64: fprintf(out, " bits=0x%016" PRIx64, in->imm.f64_bits); break;
  case IMM_MEMORY_INIT:
  case IMM_MEMORY_COPY:
  case IMM_TABLE_INIT:
  case IMM_TABLE_COPY: fprintf(out, " %" PRIu32 " %" PRIu32, in->imm.pair.a, in->imm.pair.b); break;
  }
}

/* A constant expression on one line: "(i32.const 0x00000001; end)". */
static void put_inline_expr(FILE *out, const struct module *m, const struct expr *e) {
  fputc('(', out);
  for (uint32_t i = 0; i < e->count; i++) {
    if (i) fputs("; ", out);
    put_instr(out, m, &e->code[i]);
  }
  fputc(')', out);
}

/* A function body, one instruction a line, indented by nesting depth.  An
 * empty else (else right before end) is left out: encoders may drop it. */
static void put_body(FILE *out, const struct module *m, const struct expr *e) {
  int nest = 0;
  for (uint32_t i = 0; i < e->count; i++) {
    const struct instr *in = &e->code[i];
    if (in->op == OP_ELSE && i + 1 < e->count && e->code[i + 1].op == OP_END) continue;
    bool closes = op_closes_block(in->op) || op_splits_block(in->op);
    int level = closes && nest > 0 ? nest - 1 : nest;
    fprintf(out, "%*s", 2 + 2 * level, "");
    put_instr(out, m, in);
    fputc('\n', out);
    if (op_closes_block(in->op) && nest > 0) nest--;
    if (op_opens_block(in->op)) nest++;
  }
}

static void dump_funcs(FILE *out, const struct module *m) {
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    const struct func *f = &m->funcs[i];
    fprintf(out, "func[%" PRIu32 "]", i);
    put_name(out, f->name);
    fprintf(out, " type=%" PRIu32, f->typeidx);
    if (f->imported) fprintf(out, " import=%" PRIu32, f->import);
    fputc('\n', out);
    if (f->nlocals) {
      fputs("  locals", out);
      for (uint32_t k = 0; k < f->nlocals; k++) fprintf(out, " %s", valtype_name(f->locals[k]));
      fputc('\n', out);
    }
    /* An imported function's parameter names name nothing in the module (the
     * text reader may drop them), so they are left out. */
    if (f->local_names && !f->imported) {
      uint32_t n = f->nlocals;
      if (f->typeidx < m->ntypes) n += m->types[f->typeidx].nparams;
      bool any = false;
      for (uint32_t k = 0; k < n; k++) {
        if (!f->local_names[k]) continue;
        fputs(any ? "" : "  local_names", out);
        fprintf(out, " %" PRIu32 "=", k);
        put_id(out, f->local_names[k]);
        any = true;
      }
      if (any) fputc('\n', out);
    }
    if (!f->imported) {
      struct arena scratch = {0};
      func_load_body(m, i, &scratch);
      put_body(out, m, &f->body);
      func_drop_body(m, i);
      arena_free(&scratch);
    }
  }
}

static void dump_segments(FILE *out, const struct module *m) {
  for (uint32_t i = 0; i < m->nelems; i++) {
    const struct elem *e = &m->elems[i];
    fprintf(out, "elem[%" PRIu32 "]", i);
    put_name(out, e->name);
    fprintf(out, " %s %s", mode_names[e->mode], valtype_name(e->reftype));
    if (e->mode == SEG_ACTIVE) {
      fprintf(out, " table=%" PRIu32 " offset=", e->table);
      put_inline_expr(out, m, &e->offset);
    }
    fputc('\n', out);
    for (uint32_t k = 0; k < e->count; k++) {
      fputs("  item ", out);
      put_inline_expr(out, m, &e->items[k]);
      fputc('\n', out);
    }
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const struct data *d = &m->datas[i];
    fprintf(out, "data[%" PRIu32 "]", i);
    put_name(out, d->name);
    fprintf(out, " %s", mode_names[d->mode]);
    if (d->mode == SEG_ACTIVE) {
      fprintf(out, " mem=%" PRIu32 " offset=", d->mem);
      put_inline_expr(out, m, &d->offset);
    }
    fputc(' ', out);
    put_bytes(out, d->init.data, d->init.len);
    fputc('\n', out);
  }
}

/* The dylink.0 section, if any: one line of sizes, one line per list entry. */
static void dump_dylink(FILE *out, const struct dylink *d) {
  fprintf(out,
          "dylink mem_size=%" PRIu32 " mem_align=%" PRIu32 " table_size=%" PRIu32
          " table_align=%" PRIu32 "\n",
          d->mem_size, d->mem_align, d->table_size, d->table_align);
  for (uint32_t i = 0; i < d->nneeded; i++) {
    fputs("dylink needed ", out);
    put_bytes(out, d->needed[i].data, d->needed[i].len);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < d->nruntime_path; i++) {
    fputs("dylink runtime_path ", out);
    put_bytes(out, d->runtime_path[i].data, d->runtime_path[i].len);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < d->nexport_info; i++) {
    fputs("dylink export_info ", out);
    put_bytes(out, d->export_info[i].name.data, d->export_info[i].name.len);
    fprintf(out, " flags=0x%" PRIx32 "\n", d->export_info[i].flags);
  }
  for (uint32_t i = 0; i < d->nimport_info; i++) {
    const struct dylink_symbol *s = &d->import_info[i];
    fputs("dylink import_info ", out);
    put_bytes(out, s->module.data, s->module.len);
    fputc(' ', out);
    put_bytes(out, s->name.data, s->name.len);
    fprintf(out, " flags=0x%" PRIx32 "\n", s->flags);
  }
}

void dump_module(FILE *out, const struct module *m) {
  fputs("module", out);
  put_name(out, m->name);
  fputc('\n', out);
  if (m->dylink) dump_dylink(out, m->dylink);
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const struct functype *t = &m->types[i];
    fprintf(out, "type[%" PRIu32 "]", i);
    put_types(out, "param", t->params, t->nparams);
    put_types(out, "result", t->results, t->nresults);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < m->nimports; i++) {
    const struct import *im = &m->imports[i];
    fprintf(out, "import[%" PRIu32 "] ", i);
    put_bytes(out, im->module.data, im->module.len);
    fputc(' ', out);
    put_bytes(out, im->field.data, im->field.len);
    fprintf(out, " %s %" PRIu32 "\n", kind_names[im->kind <= EXT_TAG ? im->kind : 0], im->index);
  }
  for (uint32_t i = 0; i < m->ntables; i++) {
    const struct table *t = &m->tables[i];
    fprintf(out, "table[%" PRIu32 "]", i);
    put_name(out, t->name);
    fprintf(out, " %s", valtype_name(t->reftype));
    put_limits(out, &t->limits);
    if (t->init.count) fputs(" init=", out), put_inline_expr(out, m, &t->init);
    if (t->imported) fprintf(out, " import=%" PRIu32, t->import);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < m->nmems; i++) {
    const struct memory *mem = &m->mems[i];
    fprintf(out, "memory[%" PRIu32 "]", i);
    put_name(out, mem->name);
    put_limits(out, &mem->limits);
    if (mem->imported) fprintf(out, " import=%" PRIu32, mem->import);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < m->nglobals; i++) {
    const struct global *g = &m->globals[i];
    fprintf(out, "global[%" PRIu32 "]", i);
    put_name(out, g->name);
    fprintf(out, " %s%s", g->mutable_ ? "mut " : "", valtype_name(g->type));
    if (g->imported) fprintf(out, " import=%" PRIu32, g->import);
    else fputs(" init=", out), put_inline_expr(out, m, &g->init);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < m->ntags; i++) {
    const struct tag *t = &m->tags[i];
    /* (no name: wat2wasm writes none for tags) */
    fprintf(out, "tag[%" PRIu32 "] type=%" PRIu32, i, t->typeidx);
    if (t->imported) fprintf(out, " import=%" PRIu32, t->import);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < m->nexports; i++) {
    const struct export *ex = &m->exports[i];
    fprintf(out, "export[%" PRIu32 "] ", i);
    put_bytes(out, ex->name.data, ex->name.len);
    fprintf(out, " %s %" PRIu32 "\n", kind_names[ex->kind <= EXT_TAG ? ex->kind : 0], ex->index);
  }
  if (m->has_start) fprintf(out, "start %" PRIu32 "\n", m->start);
  dump_segments(out, m);
  dump_funcs(out, m);
}
