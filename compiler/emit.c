/* emit.c - the module level of the C back end: X.c and X.h.
 *
 * X.c, in order: includes; multi-value result structs; the instance struct
 * X__instance (begins with w2l_instance); data segments; prototypes and bodies
 * of the module's own functions (emit_code.c); trampolines; the reflection
 * tables and init/free; a side module's dylink.0 section (X__dylink); the
 * descriptor X_module; export wrappers.
 *
 * Names (see emit_names.c for the mangling of wasm names):
 *   X_<export>         public: export wrappers and accessors, declared in X.h
 *                      (exports named "module" or "instantiate" take the
 *                      escaped form of their name: X_Z_module)
 *   X_module, X_instantiate   public: descriptor and instantiation
 *   X__<lowercase...>  private statics: X__f3_name (function 3), X__data2,
 *                      X__tramp_ii_i, X__instance...  A mangled name never
 *                      starts with '_' (it starts with a letter, or is the
 *                      escaped form Z_...), so X_<export> never begins X__
 *                      and the two families cannot meet.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static const char *const valtype_enum[] = {
    [VT_I32] = "W2L_I32",
    [VT_I64] = "W2L_I64",
    [VT_F32] = "W2L_F32",
    [VT_F64] = "W2L_F64",
    [VT_V128] = "W2L_V128",
    [VT_FUNCREF] = "W2L_FUNCREF",
    [VT_EXTERNREF] = "W2L_EXTERNREF",
};

static const char *const extern_enum[] = {"W2L_EXTERN_FUNC", "W2L_EXTERN_TABLE",
                                          "W2L_EXTERN_MEMORY", "W2L_EXTERN_GLOBAL",
                                          "W2L_EXTERN_TAG"};

/* ---- names ---- */

/* The first export of (kind, index), or NULL. */
static const struct export *find_export(const struct module *m, enum externkind kind, uint32_t i) {
  for (uint32_t k = 0; k < m->nexports; k++)
    if (m->exports[k].kind == kind && m->exports[k].index == i) return &m->exports[k];
  return NULL;
}

static char *indexed_name(struct emitter *e, const char *tag, uint32_t i, const char *name,
                          const struct export *ex) {
  struct ebuf b;
  emit_init_buf(&b, e->arena);
  emit_printf(&b, "%s%" PRIu32, tag, i);
  if (name) emit_printf(&b, "_%s", emit_mangle(e->arena, (const uint8_t *)name, strlen(name)));
  else if (ex) emit_printf(&b, "_%s", emit_mangle(e->arena, ex->name.data, ex->name.len));
  return b.data;
}

/* Public C name of an export: X_<mangled>. */
static char *export_name(struct emitter *e, const struct export *ex) {
  char *m = emit_export_fragment(e->arena, ex->name.data, ex->name.len);
  struct ebuf b;
  emit_init_buf(&b, e->arena);
  if (strcmp(m, "module") == 0 || strcmp(m, "instantiate") == 0)
    emit_printf(&b, "%s_Z_%s", e->prefix, m); /* the escaped form, which plain names never take */
  else emit_printf(&b, "%s_%s", e->prefix, m);
  return b.data;
}

static void make_names(struct emitter *e) {
  const struct module *m = e->m;
  e->func_names = arena_array(e->arena, m->nfuncs + 1, sizeof *e->func_names);
  for (uint32_t i = m->nfuncimports; i < m->nfuncs; i++) {
    char *base = indexed_name(e, "f", i, m->funcs[i].name, find_export(m, EXT_FUNC, i));
    size_t n = strlen(e->prefix) + strlen(base) + 3;
    e->func_names[i] = arena_alloc(e->arena, n);
    snprintf(e->func_names[i], n, "%s__%s", e->prefix, base);
  }
  e->global_names = arena_array(e->arena, m->nglobals + 1, sizeof *e->global_names);
  for (uint32_t i = m->nglobalimports; i < m->nglobals; i++)
    e->global_names[i] = indexed_name(e, "g", i, m->globals[i].name, find_export(m, EXT_GLOBAL, i));
  e->type_structs = arena_array(e->arena, m->ntypes + 1, sizeof *e->type_structs);
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const struct functype *ft = &m->types[i];
    if (ft->nresults < 2) continue;
    char *sig = emit_sig(e->arena, ft);
    struct ebuf b;
    emit_init_buf(&b, e->arena);
    emit_printf(&b, "struct w2l_res_%s", strchr(sig, ':') + 1);
    e->type_structs[i] = b.data;
  }
}

/* ---- instance struct and data ---- */

static void emit_result_structs(struct emitter *e) {
  const struct module *m = e->m;
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const struct functype *ft = &m->types[i];
    if (!e->type_structs[i]) continue;
    bool dup = false;
    for (uint32_t j = 0; j < i; j++)
      if (e->type_structs[j] && strcmp(e->type_structs[j], e->type_structs[i]) == 0) dup = true;
    if (dup) continue;
    const char *letters = e->type_structs[i] + strlen("struct w2l_res_");
    emit_printf(e->out, "#ifndef W2L_RES_%s\n#define W2L_RES_%s\n%s {", letters, letters,
                e->type_structs[i]);
    for (uint32_t k = 0; k < ft->nresults; k++)
      emit_printf(e->out, " %s r%" PRIu32 ";", emit_ctype(ft->results[k]), k);
    emit_put(e->out, " };\n#endif\n");
  }
}

static void emit_instance_struct(struct emitter *e) {
  const struct module *m = e->m;
  struct ebuf *o = e->out;
  emit_printf(o,
              "/* One instance of the module; the runtime allocates instance_size bytes. */\n"
              "typedef struct %s__instance {\n"
              "  w2l_instance base; /* the generic view (the runtime owns its arrays) */\n",
              e->prefix);
  if (m->ntypes)
    emit_printf(o,
                "  const w2l_functype *types[%" PRIu32 "]; /* = base.types, one load closer */\n",
                m->ntypes);
  for (uint32_t i = 0; i < m->nmems; i++)
    emit_printf(o, "  w2l_memory *mem%" PRIu32 "; /* = base.memories[%" PRIu32 "] */\n", i, i);
  for (uint32_t i = 0; i < m->ntables; i++)
    emit_printf(o, "  w2l_table *table%" PRIu32 "; /* = base.tables[%" PRIu32 "] */\n", i, i);
  for (uint32_t i = m->nglobalimports; i < m->nglobals; i++)
    emit_printf(o, "  w2l_global %s; /* global %" PRIu32 " */\n", e->global_names[i], i);
  if (m->ndatas)
    emit_printf(o, "  uint32_t data_len[%" PRIu32 "]; /* data segment sizes, 0 once dropped */\n",
                m->ndatas);
  if (m->nelems)
    emit_printf(o, "  uint32_t elem_len[%" PRIu32 "]; /* elem segment sizes, 0 once dropped */\n",
                m->nelems);
  for (uint32_t i = 0; i < m->nelems; i++)
    if (m->elems[i].count)
      emit_printf(o, "  w2l_ref elem%" PRIu32 "[%" PRIu32 "]; /* elem segment %" PRIu32 " */\n", i,
                  m->elems[i].count, i);
  emit_printf(o, "} %s__instance;\n\n", e->prefix);
}

/* Write len bytes of C, counting lines for the #line back to the C file. */
static void write_c(struct emitter *e, const char *text, size_t len, FILE *f) {
  fwrite(text, 1, len, f);
  for (const char *p = text, *end = text + len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
    e->c_lines++;
}

static void flush(struct emitter *e, struct ebuf *b, FILE *f) {
  write_c(e, b->data, b->len, f);
  b->len = 0;
  b->data[0] = '\0';
}

uint32_t emit_source_line(const struct emitter *e, uint32_t pos) {
  uint32_t lo = 0, hi = e->nlines; /* the last line start <= pos */
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (e->line_starts[mid] <= pos) lo = mid;
    else hi = mid;
  }
  return lo + 1;
}

/* Set up #line directives to the text source src, from C file c_name. */
static void init_lines(struct emitter *e, const struct source *src, const char *c_name) {
  uint32_t n = 1;
  for (size_t i = 0; i < src->size; i++) n += src->data[i] == '\n';
  e->line_starts = arena_array(e->arena, n, sizeof *e->line_starts);
  e->line_starts[0] = 0;
  for (size_t i = 0, k = 1; i < src->size; i++)
    if (src->data[i] == '\n') e->line_starts[k++] = (uint32_t)(i + 1);
  e->nlines = n;
  struct ebuf b;
  emit_init_buf(&b, e->arena);
  emit_string_literal(&b, (const uint8_t *)src->filename, strlen(src->filename));
  e->line_file = b.data;
  emit_init_buf(&b, e->arena);
  emit_string_literal(&b, (const uint8_t *)c_name, strlen(c_name));
  e->c_file = b.data;
}

/* The data segments as string literals, written out every megabyte so that a
 * large segment does not also sit in memory as C text. */
static void emit_datas(struct emitter *e, FILE *c_out) {
  const struct module *m = e->m;
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const struct data *d = &m->datas[i];
    if (d->mode != SEG_ACTIVE && !e->data_named[i]) continue; /* no memory.init names it */
    /* split output: what memory.init names is shared with the other parts */
    bool shared = e->data_named[i] && strcmp(e->fn_storage, "static ") != 0;
    emit_printf(e->out, "%sconst uint8_t %s__data%" PRIu32 "[%" PRIu32 "] =",
                shared ? e->fn_storage : "static ", e->prefix, i, d->init.len + 1);
    if (d->init.len == 0) emit_put(e->out, " \"\"");
    for (uint32_t k = 0; k < d->init.len; k += 64) {
      emit_put(e->out, "\n  ");
      uint32_t n = d->init.len - k < 64 ? d->init.len - k : 64;
      emit_string_literal(e->out, d->init.data + k, n);
      if (e->out->len > (1u << 20)) flush(e, e->out, c_out);
    }
    emit_put(e->out, ";\n");
  }
  if (m->ndatas) emit_put(e->out, "\n");
}

static void emit_prototypes(struct emitter *e) {
  const struct module *m = e->m;
  for (uint32_t i = m->nfuncimports; i < m->nfuncs; i++) {
    const struct functype *ft = &m->types[m->funcs[i].typeidx];
    emit_printf(e->out, "%s%s %s(void *obj", e->fn_storage,
                emit_return_type(e, m->funcs[i].typeidx), e->func_names[i]);
    for (uint32_t k = 0; k < ft->nparams; k++)
      emit_printf(e->out, ", %s", emit_ctype(ft->params[k]));
    emit_put(e->out, ");\n");
  }
  if (m->nfuncs > m->nfuncimports) emit_put(e->out, "\n");
  emit_tail_prototypes(e);
}

/* ---- trampolines ---- */

static char *tramp_name(struct emitter *e, uint32_t typeidx) {
  return emit_sig_name(e, "tramp", typeidx);
}

void emit_call_with_values(struct emitter *e, uint32_t typeidx, const char *callee,
                           const char *obj, const char *args, const char *results) {
  const struct functype *ft = &e->m->types[typeidx];
  struct ebuf *o = e->out;
  emit_put(o, "  ");
  if (ft->nresults == 1) emit_printf(o, "%s[0].%s = ", results, emit_value_member(ft->results[0]));
  else if (ft->nresults > 1) emit_printf(o, "%s r = ", emit_return_type(e, typeidx));
  emit_printf(o, "%s(%s", callee, obj);
  for (uint32_t k = 0; k < ft->nparams; k++)
    emit_printf(o, ", %s[%" PRIu32 "].%s", args, k, emit_value_member(ft->params[k]));
  emit_put(o, ");\n");
  for (uint32_t k = 0; ft->nresults > 1 && k < ft->nresults; k++)
    emit_printf(o, "  %s[%" PRIu32 "].%s = r.r%" PRIu32 ";\n", results, k,
                emit_value_member(ft->results[k]), k);
}

static void emit_trampoline(struct emitter *e, uint32_t typeidx) {
  const struct functype *ft = &e->m->types[typeidx];
  struct ebuf *o = e->out;
  emit_printf(o, "static void %s(const w2l_ref *f, const w2l_value *args, w2l_value *results) {\n",
              tramp_name(e, typeidx));
  if (!ft->nparams) emit_put(o, "  (void)args;\n");
  if (!ft->nresults) emit_put(o, "  (void)results;\n");
  struct ebuf callee;
  emit_init_buf(&callee, e->arena);
  emit_put(&callee, "((");
  emit_fnptr_type(e, &callee, typeidx);
  emit_put(&callee, ")f->fn)");
  emit_call_with_values(e, typeidx, callee.data, "f->obj", "args", "results");
  emit_put(o, "}\n\n");
}

static void emit_trampolines(struct emitter *e) {
  const struct module *m = e->m;
  for (uint32_t i = 0; i < m->ntypes; i++) {
    bool dup = false;
    for (uint32_t j = 0; j < i && !dup; j++) dup = emit_same_ctypes(e, i, j);
    if (!dup) emit_trampoline(e, i);
  }
}

/* ---- reflection tables ---- */

static void emit_externtype(struct emitter *e, enum externkind kind, uint32_t index) {
  const struct module *m = e->m;
  struct ebuf *o = e->out;
  emit_printf(o, "{.kind = %s", extern_enum[kind]);
  switch (kind) {
  case EXT_FUNC:
    emit_printf(o, ", .sig = \"%s\"", emit_runtime_sig(e, m->funcs[index].typeidx));
    break;
  case EXT_TABLE: {
    const struct table *t = &m->tables[index];
    emit_printf(o,
                ", .type = %s, .min = %" PRIu64 "u, .max = ", valtype_enum[vt_storage(t->reftype)],
                t->limits.min);
    if (t->limits.has_max) emit_printf(o, "%" PRIu64 "u", t->limits.max);
    else emit_put(o, "UINT64_MAX");
    if (t->limits.i64) emit_put(o, ", .index64 = true");
    const char *ref = val_type_key(m, t->reftype);
    if (ref) emit_printf(o, ", .ref = \"%s\"", ref);
    break;
  }
  case EXT_MEMORY: {
    const struct memory *mem = &m->mems[index];
    emit_printf(o, ", .min = %" PRIu64 "u, .max = ", mem->limits.min);
    if (mem->limits.has_max) emit_printf(o, "%" PRIu64 "u", mem->limits.max);
    else emit_put(o, "UINT64_MAX");
    if (mem->limits.shared) emit_put(o, ", .shared = true");
    if (mem->limits.i64) emit_put(o, ", .index64 = true");
    break;
  }
  case EXT_GLOBAL:
    emit_printf(o, ", .type = %s, .mutable_ = %s", valtype_enum[vt_storage(m->globals[index].type)],
                m->globals[index].mutable_ ? "true" : "false");
    const char *ref = val_type_key(m, m->globals[index].type);
    if (ref) emit_printf(o, ", .ref = \"%s\"", ref);
    break;
  case EXT_TAG:
    emit_printf(o, ", .sig = \"%s\"", emit_runtime_sig(e, m->tags[index].typeidx));
    break;
  }
  emit_put(o, "}");
}

static void emit_tables(struct emitter *e) {
  const struct module *m = e->m;
  struct ebuf *o = e->out;
  const char *x = e->prefix;
  if (m->ntypes) {
    emit_printf(o, "static const char *const %s__type_sigs[%" PRIu32 "] = {", x, m->ntypes);
    for (uint32_t i = 0; i < m->ntypes; i++)
      emit_printf(o, "%s\"%s\"", i ? ", " : "", emit_runtime_sig(e, i));
    emit_printf(o, "};\nstatic const w2l_trampoline %s__trampolines[%" PRIu32 "] = {", x,
                m->ntypes);
    for (uint32_t i = 0; i < m->ntypes; i++)
      emit_printf(o, "%s%s", i ? ", " : "", tramp_name(e, i));
    emit_put(o, "};\n");
  }
  if (m->ntags) {
    emit_printf(o, "static const uint32_t %s__tag_types[%" PRIu32 "] = {", x, m->ntags);
    for (uint32_t i = 0; i < m->ntags; i++)
      emit_printf(o, "%s%" PRIu32, i ? ", " : "", m->tags[i].typeidx);
    emit_put(o, "};\n");
  }
  if (m->nfuncs) {
    emit_printf(o, "static const uint32_t %s__func_types[%" PRIu32 "] = {", x, m->nfuncs);
    for (uint32_t i = 0; i < m->nfuncs; i++)
      emit_printf(o, "%s%" PRIu32, i ? ", " : "", m->funcs[i].typeidx);
    emit_put(o, "};\n");
  }
  if (m->nimports) {
    emit_printf(o, "static const w2l_import_desc %s__imports[%" PRIu32 "] = {\n", x, m->nimports);
    for (uint32_t i = 0; i < m->nimports; i++) {
      const struct import *im = &m->imports[i];
      emit_put(o, "  {");
      emit_string_literal(o, im->module.data, im->module.len);
      emit_printf(o, ", %" PRIu32 ", ", im->module.len);
      emit_string_literal(o, im->field.data, im->field.len);
      emit_printf(o, ", %" PRIu32 ", ", im->field.len);
      emit_externtype(e, im->kind, im->index);
      emit_put(o, "},\n");
    }
    emit_put(o, "};\n");
  }
  if (m->nexports) {
    emit_printf(o, "static const w2l_export_desc %s__exports[%" PRIu32 "] = {\n", x, m->nexports);
    for (uint32_t i = 0; i < m->nexports; i++) {
      const struct export *ex = &m->exports[i];
      emit_put(o, "  {");
      emit_string_literal(o, ex->name.data, ex->name.len);
      emit_printf(o, ", %" PRIu32 ", %s, %" PRIu32 ", ", ex->name.len, extern_enum[ex->kind],
                  ex->index);
      emit_externtype(e, ex->kind, ex->index);
      emit_put(o, "},\n");
    }
    emit_put(o, "};\n");
  }
  emit_put(o, "\n");
}

/* ---- init and free ---- */

static void emit_init_own(struct emitter *e) {
  const struct module *m = e->m;
  struct ebuf *o = e->out;
  for (uint32_t i = m->nfuncimports; i < m->nfuncs; i++)
    emit_printf(o,
                "  inst->base.funcs[%" PRIu32 "] = (w2l_ref){inst->base.types[%" PRIu32 "], "
                "(void (*)(void))%s, inst, %s};\n",
                i, m->funcs[i].typeidx, e->func_names[i],
                e->tail_calls ? emit_tail_entry_name(e, i) : "NULL");
  for (uint32_t i = m->ntableimports; i < m->ntables; i++) {
    const struct table *t = &m->tables[i];
    if (t->limits.min > UINT32_MAX) { /* a table64 this runtime cannot hold */
      emit_printf(o, "  return \"out of memory for table %" PRIu32 "\";\n", i);
      continue;
    }
    emit_printf(o, "  inst->base.tables[%" PRIu32 "] = w2l_table_new(%s, %" PRIu64 "u, ", i,
                valtype_enum[vt_storage(t->reftype)], t->limits.min);
    if (t->limits.has_max && t->limits.max <= UINT32_MAX)
      emit_printf(o, "%" PRIu64 "u);\n", t->limits.max);
    else emit_put(o, "UINT32_MAX);\n");
    emit_printf(o,
                "  if (!inst->base.tables[%" PRIu32 "]) return \"out of memory for table %" PRIu32
                "\";\n",
                i, i);
    if (t->limits.i64) emit_printf(o, "  inst->base.tables[%" PRIu32 "]->index64 = true;\n", i);
    const char *ref = val_type_key(m, t->reftype);
    if (ref) emit_printf(o, "  inst->base.tables[%" PRIu32 "]->ref = \"%s\";\n", i, ref);
  }
  for (uint32_t i = m->nmemimports; i < m->nmems; i++) {
    const struct memory *mem = &m->mems[i];
    emit_printf(o, "  inst->base.memories[%" PRIu32 "] = w2l_memory_new%s(%" PRIu64 "u, ", i,
                mem->limits.shared ? "_shared" : "", mem->limits.min);
    if (mem->limits.has_max) emit_printf(o, "%" PRIu64 "u);\n", mem->limits.max);
    else emit_put(o, "UINT64_MAX);\n");
    emit_printf(o,
                "  if (!inst->base.memories[%" PRIu32
                "]) return \"out of memory for memory %" PRIu32 "\";\n",
                i, i);
    if (mem->limits.i64) emit_printf(o, "  inst->base.memories[%" PRIu32 "]->index64 = true;\n", i);
  }
  for (uint32_t i = m->nglobalimports; i < m->nglobals; i++) {
    const struct global *g = &m->globals[i];
    const char *f = e->global_names[i];
    emit_printf(o, "  inst->%s.type = %s;\n  inst->%s.mutable_ = %s;\n  inst->%s.value.%s = ", f,
                valtype_enum[vt_storage(g->type)], f, g->mutable_ ? "true" : "false", f,
                emit_value_member(g->type));
    emit_const_expr(e, o, &g->init);
    emit_put(o, ";\n");
    const char *ref = val_type_key(m, g->type);
    if (ref) emit_printf(o, "  inst->%s.ref = \"%s\";\n", f, ref);
    emit_printf(o, "  inst->base.globals[%" PRIu32 "] = &inst->%s;\n", i, f);
  }
  for (uint32_t i = m->ntableimports; i < m->ntables; i++) { /* 3.0 table initializers */
    if (!m->tables[i].init.count) continue;
    emit_printf(o, "  w2l_table_fill(inst->base.tables[%" PRIu32 "], 0, ", i);
    emit_const_expr(e, o, &m->tables[i].init);
    emit_printf(o, ", inst->base.tables[%" PRIu32 "]->size);\n", i);
  }
}

static void emit_init_segments(struct emitter *e) {
  const struct module *m = e->m;
  struct ebuf *o = e->out;
  for (uint32_t i = 0; i < m->nelems; i++) {
    const struct elem *s = &m->elems[i];
    for (uint32_t k = 0; k < s->count; k++) {
      emit_printf(o, "  inst->elem%" PRIu32 "[%" PRIu32 "] = ", i, k);
      emit_const_expr(e, o, &s->items[k]);
      emit_put(o, ";\n");
    }
    emit_printf(o, "  inst->elem_len[%" PRIu32 "] = %" PRIu32 "u;\n", i, s->count);
    if (s->mode == SEG_ACTIVE) {
      emit_printf(o, "  w2l_table_init%s(inst->base.tables[%" PRIu32 "], ",
                  m->tables[s->table].limits.i64 ? "64" : "", s->table);
      if (s->count) emit_printf(o, "inst->elem%" PRIu32 ", %" PRIu32 "u, ", i, s->count);
      else emit_put(o, "NULL, 0, ");
      emit_const_expr(e, o, &s->offset);
      emit_printf(o, ", 0, %" PRIu32 "u);\n", s->count);
    }
    if (s->mode != SEG_PASSIVE) emit_printf(o, "  inst->elem_len[%" PRIu32 "] = 0;\n", i);
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const struct data *d = &m->datas[i];
    emit_printf(o, "  inst->data_len[%" PRIu32 "] = %" PRIu32 "u;\n", i, d->init.len);
    if (d->mode != SEG_ACTIVE) continue;
    emit_printf(o,
                "  w2l_memory_init%s(inst->base.memories[%" PRIu32 "], %s__data%" PRIu32
                ", %" PRIu32 "u, ",
                m->mems[d->mem].limits.i64 ? "64" : "", d->mem, e->prefix, i, d->init.len);
    emit_const_expr(e, o, &d->offset);
    emit_printf(o, ", 0, %" PRIu32 "u);\n  inst->data_len[%" PRIu32 "] = 0;\n", d->init.len, i);
  }
}

/* Does init create anything (own tables or memories) that free releases? */
static bool has_free(const struct module *m) {
  return m->ntables > m->ntableimports || m->nmems > m->nmemimports;
}

static void emit_init(struct emitter *e) {
  const struct module *m = e->m;
  struct ebuf *o = e->out;
  const char *x = e->prefix;
  emit_printf(o,
              "/* Instantiation, in the spec's order (the runtime has interned the types and\n"
              " * put the imports into the base arrays): own functions, tables, memories\n"
              " * and globals, element then data segments, the start function. */\n"
              "static const char *%s__init(w2l_instance *base, const w2l_extern *imports) {\n"
              "  %s__instance *inst = (%s__instance *)base;\n",
              x, x, x);
  if (!(m->ntypes || m->nmems || m->ntables || m->nglobals > m->nglobalimports || m->nelems ||
        m->ndatas || m->has_start))
    emit_put(o, "  (void)inst; /* nothing to set up */\n");
  emit_put(o, "  (void)imports; /* already in the base arrays */\n");
  for (uint32_t i = 0; i < m->ndatas; i++) /* named only by memory.init in dead code */
    if (m->datas[i].mode != SEG_ACTIVE && e->data_named[i] && !e->data_used[i])
      emit_printf(o, "  (void)%s__data%" PRIu32 ";\n", x, i);
  emit_init_own(e);
  if (m->ntypes) emit_put(o, "  memcpy(inst->types, base->types, sizeof inst->types);\n");
  for (uint32_t i = 0; i < m->nmems; i++)
    emit_printf(o, "  inst->mem%" PRIu32 " = base->memories[%" PRIu32 "];\n", i, i);
  for (uint32_t i = 0; i < m->ntables; i++)
    emit_printf(o, "  inst->table%" PRIu32 " = base->tables[%" PRIu32 "];\n", i, i);
  emit_init_segments(e);
  if (m->has_start) {
    uint32_t s = m->start;
    if (m->funcs[s].imported)
      emit_printf(o,
                  "  ((void (*)(void *))inst->base.funcs[%" PRIu32 "].fn)(inst->base.funcs[%" PRIu32
                  "].obj);\n",
                  s, s);
    else emit_printf(o, "  %s(inst);\n", e->func_names[s]);
  }
  emit_put(o, "  return NULL;\n}\n\n");
  if (!has_free(m)) return; /* the descriptor's free is NULL */
  emit_printf(o,
              "/* Release what init created; imports belong to others. */\n"
              "static void %s__free(w2l_instance *base) {\n"
              "  %s__instance *inst = (%s__instance *)base;\n",
              x, x, x);
  for (uint32_t i = m->ntableimports; i < m->ntables; i++)
    emit_printf(o,
                "  if (inst->base.tables[%" PRIu32 "]) w2l_table_free(inst->base.tables[%" PRIu32
                "]);\n",
                i, i);
  for (uint32_t i = m->nmemimports; i < m->nmems; i++)
    emit_printf(o,
                "  if (inst->base.memories[%" PRIu32
                "]) w2l_memory_free(inst->base.memories[%" PRIu32 "]);\n",
                i, i);
  emit_put(o, "}\n\n");
}

static void emit_descriptor(struct emitter *e) {
  const struct module *m = e->m;
  const char *x = e->prefix;
  const char *interrupt = e->interrupt == 0            ? ""
                          : e->interrupt == EMIT_EPOCH ? "  .interrupt = W2L_INTERRUPT_EPOCH,\n"
                          : e->interrupt == EMIT_FUEL
                              ? "  .interrupt = W2L_INTERRUPT_FUEL,\n"
                              : "  .interrupt = W2L_INTERRUPT_EPOCH | W2L_INTERRUPT_FUEL,\n";
  struct ebuf dylink; /* a side module's section, written by emit_dylink */
  emit_init_buf(&dylink, e->arena);
  if (m->dylink) emit_printf(&dylink, "  .dylink = &%s__dylink,\n", x);
  if (m->ntags)
    emit_printf(&dylink, "  .ntags = %" PRIu32 ",\n  .tag_types = %s__tag_types,\n", m->ntags, x);
  emit_printf(
      e->out,
      "const w2l_module %s_module = {\n"
      "  .abi = W2L_ABI_VERSION,\n  .bounds = W2L_BOUNDS,\n  .name = \"%s\",\n"
      "  .ntypes = %" PRIu32 ",\n  .type_sigs = %s%s,\n  .trampolines = %s%s,\n"
      "  .nimports = %" PRIu32 ",\n  .imports = %s%s,\n"
      "  .nexports = %" PRIu32 ",\n  .exports = %s%s,\n"
      "  .nfuncs = %" PRIu32 ",\n  .ntables = %" PRIu32 ",\n  .nmemories = %" PRIu32
      ",\n  .nglobals = %" PRIu32 ",\n  .func_types = %s%s,\n"
      "  .instance_size = sizeof(%s__instance),\n  .init = %s__init,\n  .free = %s%s,\n%s%s};\n\n",
      x, x, m->ntypes, m->ntypes ? x : "NULL", m->ntypes ? "__type_sigs" : "",
      m->ntypes ? x : "NULL", m->ntypes ? "__trampolines" : "", m->nimports,
      m->nimports ? x : "NULL", m->nimports ? "__imports" : "", m->nexports,
      m->nexports ? x : "NULL", m->nexports ? "__exports" : "", m->nfuncs, m->ntables, m->nmems,
      m->nglobals, m->nfuncs ? x : "NULL", m->nfuncs ? "__func_types" : "", x, x,
      has_free(m) ? x : "NULL", has_free(m) ? "__free" : "", interrupt, dylink.data);
  emit_printf(e->out,
              "w2l_instance *%s_instantiate(const w2l_extern *imports, w2l_error *err) {\n"
              "  return w2l_instantiate(&%s_module, imports, err);\n}\n\n"
              "#ifdef W2L_PLUGIN\n"
              "/* The entry point of a plugin .so: its descriptor, whatever its prefix. */\n"
              "W2L_PLUGIN_EXPORT(%s_module)\n#endif\n",
              x, x, x);
}

/* ---- export wrappers (declared in X.h, defined in X.c) ---- */

/* The prototype of the wrapper of a function export, without ';'. */
static void export_func_proto(struct emitter *e, struct ebuf *b, const struct export *ex) {
  const struct module *m = e->m;
  const struct func *f = &m->funcs[ex->index];
  const struct functype *ft = &m->types[f->typeidx];
  emit_printf(b, "w2l_trap %s(w2l_instance *inst", export_name(e, ex));
  for (uint32_t k = 0; k < ft->nparams; k++)
    emit_printf(b, ", %s p%" PRIu32, emit_ctype(ft->params[k]), k);
  for (uint32_t k = 0; k < ft->nresults; k++) {
    emit_printf(b, ", %s *result", emit_ctype(ft->results[k]));
    if (ft->nresults > 1) emit_printf(b, "%" PRIu32, k);
  }
  emit_put(b, ")");
}

static void export_comment(struct ebuf *b, const struct module *m, const struct export *ex) {
  static const char *const kind[] = {"func", "table", "memory", "global", "tag"};
  emit_put(b, "/* export \"");
  emit_comment_text(b, ex->name.data, ex->name.len);
  emit_printf(b, "\": %s %" PRIu32, kind[ex->kind], ex->index);
  if (ex->kind == EXT_FUNC) {
    emit_put(b, " ");
    emit_functype_text(b, &m->types[m->funcs[ex->index].typeidx]);
  }
  emit_put(b, " */\n");
}

/* What export wrappers of function type t share: the call's arguments as a
 * struct, and the function w2l_protect runs with it. */
static void emit_export_runner(struct emitter *e, uint32_t t) {
  const struct functype *ft = &e->m->types[t];
  struct ebuf *o = e->out;
  const char *x = e->prefix;
  emit_printf(o, "/* Calls of exports of type %" PRIu32 ", run by w2l_protect. */\n", t);
  emit_printf(o, "struct %s__call%" PRIu32 " {\n  ", x, t);
  emit_printf(o, "%s (*fn)(void *", emit_return_type(e, t));
  for (uint32_t i = 0; i < ft->nparams; i++) emit_printf(o, ", %s", emit_ctype(ft->params[i]));
  emit_put(o, ");\n  void *obj;\n");
  for (uint32_t i = 0; i < ft->nparams; i++)
    emit_printf(o, "  %s p%" PRIu32 ";\n", emit_ctype(ft->params[i]), i);
  for (uint32_t i = 0; i < ft->nresults; i++)
    emit_printf(o, "  %s *r%" PRIu32 ";\n", emit_ctype(ft->results[i]), i);
  emit_printf(o,
              "};\nstatic void %s__run%" PRIu32 "(void *arg) {\n  struct %s__call%" PRIu32
              " *a = arg;\n  ",
              x, t, x, t);
  if (ft->nresults) emit_printf(o, "%s r = ", emit_return_type(e, t));
  emit_put(o, "a->fn(a->obj");
  for (uint32_t i = 0; i < ft->nparams; i++) emit_printf(o, ", a->p%" PRIu32, i);
  emit_put(o, ");\n");
  for (uint32_t i = 0; i < ft->nresults; i++) {
    emit_printf(o, "  if (a->r%" PRIu32 ") *a->r%" PRIu32 " = r", i, i);
    if (ft->nresults > 1) emit_printf(o, ".r%" PRIu32, i);
    emit_put(o, ";\n");
  }
  emit_put(o, "}\n\n");
}

static void emit_export_func(struct emitter *e, uint32_t k) {
  const struct module *m = e->m;
  const struct export *ex = &m->exports[k];
  const struct func *f = &m->funcs[ex->index];
  const struct functype *ft = &m->types[f->typeidx];
  struct ebuf *o = e->out;
  export_func_proto(e, o, ex);
  emit_printf(o, " {\n  struct %s__call%" PRIu32 " a = {", e->prefix, f->typeidx);
  if (f->imported) {
    emit_put(o, "(");
    emit_fnptr_type(e, o, f->typeidx);
    emit_printf(o, ")inst->funcs[%" PRIu32 "].fn, inst->funcs[%" PRIu32 "].obj", ex->index,
                ex->index);
  } else {
    emit_printf(o, "%s, inst", e->func_names[ex->index]);
  }
  for (uint32_t i = 0; i < ft->nparams; i++) emit_printf(o, ", p%" PRIu32, i);
  for (uint32_t i = 0; i < ft->nresults; i++) {
    emit_put(o, ", result");
    if (ft->nresults > 1) emit_printf(o, "%" PRIu32, i);
  }
  emit_printf(o, "};\n  return w2l_protect(%s__run%" PRIu32 ", &a);\n}\n\n", e->prefix, f->typeidx);
}

static const char *const accessor_type[] = {"", "w2l_table *", "w2l_memory *", "w2l_global *",
                                            "w2l_tag *"};
static const char *const accessor_array[] = {"", "tables", "memories", "globals", "tags"};

static void emit_exports(struct emitter *e) {
  const struct module *m = e->m;
  bool *has_runner = arena_alloc(e->arena, m->ntypes + 1);
  for (uint32_t k = 0; k < m->nexports; k++) {
    const struct export *ex = &m->exports[k];
    if (ex->kind != EXT_FUNC) continue; /* (funcs may be NULL in a module without any) */
    uint32_t t = m->funcs[ex->index].typeidx;
    if (has_runner[t]) continue;
    has_runner[t] = true;
    emit_export_runner(e, t);
  }
  for (uint32_t k = 0; k < m->nexports; k++) {
    const struct export *ex = &m->exports[k];
    export_comment(e->out, m, ex);
    if (ex->kind == EXT_FUNC) {
      emit_export_func(e, k);
      continue;
    }
    emit_printf(e->out, "%s%s(w2l_instance *inst) { return inst->%s[%" PRIu32 "]; }\n\n",
                accessor_type[ex->kind], export_name(e, ex), accessor_array[ex->kind], ex->index);
  }
}

/* ---- the header ---- */

/* Whether one of the names in taken[0..n) is name. */
static bool c_name_taken(const char *name, char *const *taken, uint32_t n) {
  for (uint32_t k = 0; k < n; k++)
    if (taken[k] && strcmp(taken[k], name) == 0) return true;
  return false;
}

/* X_<what>_<module>_<field> for import i, or with _<i> appended when a name
 * in taken[0..n) (the exports' C names, then earlier imports') has it. */
static char *import_c_name(struct emitter *e, const char *what, uint32_t i, char *const *taken,
                           uint32_t n) {
  const struct import *im = &e->m->imports[i];
  struct ebuf b;
  emit_init_buf(&b, e->arena);
  emit_printf(&b, "%s_%s_%s_%s", e->prefix, what,
              emit_mangle(e->arena, im->module.data, im->module.len),
              emit_mangle(e->arena, im->field.data, im->field.len));
  if (c_name_taken(b.data, taken, n)) emit_printf(&b, "_%" PRIu32, i);
  return b.data;
}

static bool c_string(struct bytes s) {
  return s.len == 0 || memchr(s.data, 0, s.len) == NULL;
}

static bool bytes_eq(struct bytes a, struct bytes b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

/* ---- the dylink.0 section of a side module: X__dylink (w2l_dylink.h) ---- */

/* The funcidx of m's first function import module.field, or UINT32_MAX. */
static uint32_t find_func_import(const struct module *m, struct bytes module, struct bytes field) {
  for (uint32_t i = 0; i < m->nimports; i++) {
    const struct import *im = &m->imports[i];
    if (im->kind == EXT_FUNC && bytes_eq(im->module, module) && bytes_eq(im->field, field))
      return im->index;
  }
  return UINT32_MAX;
}

/* X__undefinedN: a function of the C type emitted code calls function import N
 * with, that traps: w2l_dylink.import_stubs. */
static void emit_undefined_stub(struct emitter *e, uint32_t funcidx) {
  const struct module *m = e->m;
  const struct func *f = &m->funcs[funcidx];
  const struct functype *ft = &m->types[f->typeidx];
  const struct import *im = &m->imports[f->import];
  struct ebuf *o = e->out;
  emit_put(o, "/* What the loader binds import ");
  emit_comment_text(o, im->module.data, im->module.len);
  emit_put(o, ".");
  emit_comment_text(o, im->field.data, im->field.len);
  emit_put(o, " to,\n * until the module's own definition is in place, or for good if weak and undefined. */\n");
  emit_printf(o, "static %s %s__undefined%" PRIu32 "(void *obj", emit_return_type(e, f->typeidx),
              e->prefix, funcidx);
  for (uint32_t k = 0; k < ft->nparams; k++)
    emit_printf(o, ", %s p%" PRIu32, emit_ctype(ft->params[k]), k);
  emit_put(o, ") {\n  (void)obj;\n");
  for (uint32_t k = 0; k < ft->nparams; k++) emit_printf(o, "  (void)p%" PRIu32 ";\n", k);
  emit_put(o, "  w2l_trap_raise(W2L_TRAP_HOST);\n}\n\n");
}

/* X__dylink_<what>: n entries of export info or (imports) import info. */
static void emit_dylink_symbols(struct emitter *e, const char *what,
                                const struct dylink_symbol *syms, uint32_t n, bool imports) {
  struct ebuf *o = e->out;
  emit_printf(o, "static const w2l_dylink_symbol %s__dylink_%s[%" PRIu32 "] = {\n", e->prefix, what,
              n);
  for (uint32_t i = 0; i < n; i++) {
    emit_put(o, "  {.module = ");
    if (imports) emit_string_literal(o, syms[i].module.data, syms[i].module.len);
    else emit_put(o, "NULL");
    emit_put(o, ", .name = ");
    emit_string_literal(o, syms[i].name.data, syms[i].name.len);
    emit_printf(o, ", .flags = 0x%" PRIx32 "u},\n", syms[i].flags);
  }
  emit_put(o, "};\n");
}

/* The dylink.0 section as the descriptor X_module.dylink points to it. */
static void emit_dylink(struct emitter *e) {
  const struct module *m = e->m;
  const struct dylink *d = m->dylink;
  const char *x = e->prefix;
  struct ebuf *o = e->out;
  bool *stub = arena_alloc(e->arena, m->nfuncs + 1); /* by funcidx: has a stub */
  for (uint32_t i = 0; i < d->nimport_info; i++) {
    const struct dylink_symbol *s = &d->import_info[i];
    uint32_t f = s->flags & DYLINK_WEAK ? find_func_import(m, s->module, s->name) : UINT32_MAX;
    if (f != UINT32_MAX) stub[f] = true;
  }
  struct bytes env = {(uint8_t *)arena_strndup(e->arena, "env", 3), 3};
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == EXT_FUNC) {
      uint32_t f = find_func_import(m, env, m->exports[i].name);
      if (f != UINT32_MAX) stub[f] = true;
    }
  bool any_stub = false;
  for (uint32_t f = 0; f < m->nfuncimports; f++)
    if (stub[f]) emit_undefined_stub(e, f), any_stub = true;
  if (any_stub) {
    emit_printf(o, "static void (*const %s__dylink_import_stubs[%" PRIu32 "])(void) = {\n", x,
                m->nimports);
    for (uint32_t i = 0; i < m->nimports; i++) {
      const struct import *im = &m->imports[i];
      if (im->kind == EXT_FUNC && stub[im->index])
        emit_printf(o, "  (void (*)(void))%s__undefined%" PRIu32 ",\n", x, im->index);
      else emit_put(o, "  NULL,\n");
    }
    emit_put(o, "};\n");
  }
  bool any_value = false; /* data symbols: i32 globals with a constant initializer */
  uint32_t *value = arena_array(e->arena, m->nexports + 1, sizeof *value);
  for (uint32_t i = 0; i < m->nexports; i++) {
    const struct global *g = m->exports[i].kind == EXT_GLOBAL ? &m->globals[m->exports[i].index] : NULL;
    if (g && !g->imported && g->type == VT_I32 && g->init.count == 2 &&
        g->init.code[0].op == OP_I32_CONST)
      value[i] = g->init.code[0].imm.i32, any_value = true;
  }
  if (any_value) {
    emit_printf(o, "static const uint32_t %s__dylink_export_values[%" PRIu32 "] = {", x,
                m->nexports);
    for (uint32_t i = 0; i < m->nexports; i++)
      emit_printf(o, "%s%" PRIu32 "u", i ? ", " : "", value[i]);
    emit_put(o, "};\n");
  }
  if (d->nneeded) {
    emit_printf(o, "static const char *const %s__dylink_needed[%" PRIu32 "] = {", x, d->nneeded);
    for (uint32_t i = 0; i < d->nneeded; i++) {
      emit_put(o, i ? ", " : "");
      emit_string_literal(o, d->needed[i].data, d->needed[i].len);
    }
    emit_put(o, "};\n");
  }
  if (d->nexport_info) emit_dylink_symbols(e, "exports", d->export_info, d->nexport_info, false);
  if (d->nimport_info) emit_dylink_symbols(e, "imports", d->import_info, d->nimport_info, true);
  emit_printf(o,
              "static const w2l_dylink %s__dylink = {\n"
              "  .mem_size = %" PRIu32 "u,\n  .mem_align = %" PRIu32 "u,\n"
              "  .table_size = %" PRIu32 "u,\n  .table_align = %" PRIu32 "u,\n",
              x, d->mem_size, d->mem_align, d->table_size, d->table_align);
  emit_printf(o, "  .nneeded = %" PRIu32 ",\n  .needed = %s%s,\n", d->nneeded,
              d->nneeded ? x : "NULL", d->nneeded ? "__dylink_needed" : "");
  emit_printf(o, "  .nexport_info = %" PRIu32 ",\n  .export_info = %s%s,\n", d->nexport_info,
              d->nexport_info ? x : "NULL", d->nexport_info ? "__dylink_exports" : "");
  emit_printf(o, "  .nimport_info = %" PRIu32 ",\n  .import_info = %s%s,\n", d->nimport_info,
              d->nimport_info ? x : "NULL", d->nimport_info ? "__dylink_imports" : "");
  emit_printf(o, "  .export_values = %s%s,\n  .import_stubs = %s%s,\n};\n\n", any_value ? x : "NULL",
              any_value ? "__dylink_export_values" : "", any_stub ? x : "NULL",
              any_stub ? "__dylink_import_stubs" : "");
}

/* The header's list of imports: each one's name and type, and for functions
 * a C function type and a macro that defines the import in a linker with a
 * host function of exactly that type (anything else does not compile). */
static void emit_header_imports(struct emitter *e, struct ebuf *h) {
  const struct module *m = e->m;
  const char *x = e->prefix;
  if (!m->nimports) return;
  /* the C names already in use: every export's, then each import's two */
  uint32_t ntaken = m->nexports;
  char **taken = arena_array(e->arena, m->nexports + 2 * m->nimports + 1, sizeof *taken);
  for (uint32_t k = 0; k < m->nexports; k++) taken[k] = export_name(e, &m->exports[k]);
  emit_printf(h,
              "/* Imports, in %s_module.imports order.  Functions: write the host function\n"
              " * with the C type %s_import_..., then %s_define_...(linker, fn, env) defines\n"
              " * it in a linker (w2l_linker_define_func_caller); a function of any other\n"
              " * type is a compile error.  caller->instance is the importing instance. */\n\n",
              x, x, x);
  for (uint32_t i = 0; i < m->nimports; i++) {
    const struct import *im = &m->imports[i];
    emit_put(h, "/* import \"");
    emit_comment_text(h, im->module.data, im->module.len);
    emit_put(h, "\" \"");
    emit_comment_text(h, im->field.data, im->field.len);
    emit_put(h, "\": ");
    bool first = true;
    for (uint32_t j = 0; j < i && first; j++) /* a repeated name: the linker has one definition */
      first = !(bytes_eq(m->imports[j].module, im->module) && bytes_eq(m->imports[j].field, im->field));
    switch (im->kind) {
    case EXT_FUNC: {
      uint32_t t = m->funcs[im->index].typeidx;
      const struct functype *ft = &m->types[t];
      emit_put(h, "func ");
      emit_functype_text(h, ft);
      if (!first || !c_string(im->module) || !c_string(im->field)) {
        emit_put(h, " (no macro: a repeated name or one with a NUL byte) */\n");
        break;
      }
      emit_put(h, " */\n");
      char *type = import_c_name(e, "import", i, taken, ntaken);
      taken[ntaken++] = type;
      char *define = import_c_name(e, "define", i, taken, ntaken);
      taken[ntaken++] = define;
      if (ft->nresults > 1) { /* its result struct, as the C file declares it too */
        const char *letters = e->type_structs[t] + strlen("struct w2l_res_");
        emit_printf(h, "#ifndef W2L_RES_%s\n#define W2L_RES_%s\n%s {", letters, letters,
                    e->type_structs[t]);
        for (uint32_t k = 0; k < ft->nresults; k++)
          emit_printf(h, " %s r%" PRIu32 ";", emit_ctype(ft->results[k]), k);
        emit_put(h, " };\n#endif\n");
      }
      emit_printf(h, "typedef %s %s(w2l_caller *caller", emit_return_type(e, t), type);
      for (uint32_t k = 0; k < ft->nparams; k++)
        emit_printf(h, ", %s p%" PRIu32, emit_ctype(ft->params[k]), k);
      emit_printf(h, ");\n#define %s(linker, fn, env) \\\n"
                     "  w2l_linker_define_func_caller((linker), ", define);
      emit_string_literal(h, im->module.data, im->module.len);
      emit_put(h, ", ");
      emit_string_literal(h, im->field.data, im->field.len);
      emit_printf(h, ", \"%s\", \\\n                                W2L_TYPED_FN(%s, fn), (env))\n",
                  emit_runtime_sig(e, t), type);
      break;
    }
    case EXT_TABLE: {
      const struct table *t = &m->tables[im->index];
      emit_printf(h, "table %s, %" PRIu64, valtype_name(t->reftype), t->limits.min);
      if (t->limits.has_max) emit_printf(h, "..%" PRIu64, t->limits.max);
      emit_put(h, " elements */\n");
      break;
    }
    case EXT_MEMORY: {
      const struct memory *mem = &m->mems[im->index];
      emit_printf(h, "memory, %" PRIu64, mem->limits.min);
      if (mem->limits.has_max) emit_printf(h, "..%" PRIu64, mem->limits.max);
      emit_put(h, " pages */\n");
      break;
    }
    case EXT_GLOBAL: {
      const struct global *g = &m->globals[im->index];
      emit_printf(h, "global %s%s */\n", g->mutable_ ? "mutable " : "", valtype_name(g->type));
      break;
    }
    case EXT_TAG:
      emit_put(h, "tag ");
      emit_functype_text(h, &m->types[m->tags[im->index].typeidx]);
      emit_put(h, " */\n");
      break;
    }
  }
  emit_put(h, "\n");
}

static void emit_header(struct emitter *e, struct ebuf *h) {
  const struct module *m = e->m;
  const char *x = e->prefix;
  emit_printf(h,
              "/* Generated by wasm2c-lite; do not edit. */\n#ifndef W2L_MODULE_%s_H\n"
              "#define W2L_MODULE_%s_H\n\n#include \"w2l.h\"\n\n#ifdef __cplusplus\nextern \"C\" "
              "{\n#endif\n\n"
              "/* The module's descriptor: imports and exports by name and type. */\n"
              "extern const w2l_module %s_module;\n\n"
              "/* Instantiate with imports in %s_module.imports order (NULL if there are\n"
              " * none); returns NULL and fills err on failure.  Free with w2l_instance_free. */\n"
              "w2l_instance *%s_instantiate(const w2l_extern *imports, w2l_error *err);\n\n",
              x, x, x, x, x);
  emit_header_imports(e, h);
  emit_put(h,
              "/* Export wrappers run inside w2l_protect and return W2L_OK or the trap;\n"
              " * results go through the out pointers (which may be NULL). */\n\n");
  for (uint32_t k = 0; k < m->nexports; k++) {
    const struct export *ex = &m->exports[k];
    export_comment(h, m, ex);
    if (ex->kind == EXT_FUNC) export_func_proto(e, h, ex);
    else emit_printf(h, "%s%s(w2l_instance *inst)", accessor_type[ex->kind], export_name(e, ex));
    emit_put(h, ";\n");
  }
  emit_put(h, "\n#ifdef __cplusplus\n}\n#endif\n#endif\n");
}

/* ---- the whole module ---- */

struct function_job {
  struct emitter *e; /* the module's emitter */
  uint32_t funcidx;  /* the function to translate */
};

static void run_function(void *arg) {
  struct function_job *j = arg;
  func_load_body(j->e->m, j->funcidx, j->e->arena);
  emit_function(j->e, j->funcidx);
}

/* Translate one function with its own scratch arena, write it out and free
 * the arena: memory stays proportional to the largest function, not to the
 * module.  Errors propagate to the caller's diag_protect() frame. */
static void emit_function_streamed(struct emitter *e, uint32_t funcidx, FILE *c_out) {
  struct arena scratch = {0};
  struct arena *saved_arena = e->arena;
  struct ebuf *saved_out = e->out, text;
  e->arena = &scratch;
  emit_init_buf(&text, &scratch);
  e->out = &text;
  struct function_job job = {e, funcidx};
  int failed = diag_protect(run_function, &job);
  e->arena = saved_arena;
  e->out = saved_out;
  if (!failed) {
    write_c(e, text.data, text.len, c_out);
    if (e->line_used) { /* what follows is the C file's own again */
      fprintf(c_out, "#line %" PRIu64 " %s\n", e->c_lines + 2, e->c_file);
      e->c_lines++;
    }
    if (e->tail_calls) { /* its tail entry or the C function that runs it */
      emit_init_buf(&text, &scratch);
      e->out = &text;
      e->arena = &scratch;
      emit_tail_companion(e, funcidx);
      e->arena = saved_arena;
      e->out = saved_out;
      write_c(e, text.data, text.len, c_out);
    }
  }
  e->line_used = false;
  func_drop_body(e->m, funcidx);
  arena_free(&scratch);
  if (failed) diag_rethrow();
}

/* An #include line for name. */
static void emit_include(struct ebuf *b, const char *name) {
  emit_put(b, "#include ");
  emit_string_literal(b, (const uint8_t *)name, strlen(name));
  emit_put(b, "\n");
}

/* Split output: the part each own function goes to, the biggest functions
 * first, each to the part with the least code so far (instructions). */
struct sized {
  uint32_t size, index;
};

static int bigger_first(const void *a, const void *b) {
  const struct sized *x = a, *y = b;
  if (x->size != y->size) return x->size > y->size ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index; /* deterministic */
}

static uint32_t *assign_parts(const struct module *m, uint32_t nparts) {
  uint32_t *part = arena_array(m->arena, m->nfuncs + 1, sizeof *part);
  uint64_t *load = arena_array(m->arena, nparts, sizeof *load);
  uint32_t n = m->nfuncs - m->nfuncimports;
  struct sized *order = arena_array(m->arena, n + 1, sizeof *order);
  for (uint32_t i = 0; i < n; i++)
    order[i] = (struct sized){m->funcs[m->nfuncimports + i].body.count, m->nfuncimports + i};
  qsort(order, n, sizeof *order, bigger_first);
  /* Part 0 also holds the data, export wrappers, trampolines, tables and
   * init (a line per function and per element): count them as code it
   * already has, in instructions (about 8 bytes of C each, measured). */
  load[0] = 40 * (uint64_t)m->nexports + 30 * (uint64_t)m->ntypes + 12 * (uint64_t)n;
  for (uint32_t i = 0; i < m->nelems; i++) load[0] += 30 + m->elems[i].count * 6;
  for (uint32_t i = 0; i < m->ndatas; i++) load[0] += m->datas[i].init.len / 2;
  for (uint32_t k = 0; k < n; k++) {
    uint32_t least = 0;
    for (uint32_t p = 1; p < nparts; p++)
      if (load[p] < load[least]) least = p;
    part[order[k].index] = least;
    load[least] += order[k].size + 8; /* + what every function costs */
  }
  return part;
}

/* Before any include: an arithmetic instruction on a signalling NaN must give a
 * quiet NaN, which the hardware does, unless the C compiler folds x * 1.0,
 * x / 1.0, x - 0.0 or x + -0.0 into x.  It does when it learns the constant by
 * propagation (a local, an argument after inlining, a converted integer), so
 * wrapping only literal operands (w2l_f32_quiet) is not enough: these ask gcc
 * and clang to keep signalling NaNs in mind, which costs nothing else there. */
static const char snan_pragma[] =
    "/* Signalling NaNs come out of arithmetic quiet (no folding of x * 1.0 into x). */\n"
    "#if defined(__clang__)\n"
    "#if __clang_major__ >= 13 || (__clang_major__ >= 12 && !defined(__apple_build_version__))\n"
    "#pragma clang fp exceptions(maytrap)\n#endif\n"
    "#elif defined(__GNUC__)\n#pragma GCC optimize(\"signaling-nans\")\n#endif\n";

void emit_module(const struct module *m, const struct emit_options *opt, FILE *c_out, FILE *h_out) {
  struct ebuf out, impl;
  bool split = opt->num_outputs > 1 && opt->impl_out;
  struct emitter e = {
      .m = m, .arena = m->arena, .prefix = opt->prefix, .out = &out, .interrupt = opt->interrupt};
  emit_init_buf(&out, m->arena);
  emit_init_buf(&impl, m->arena);
  if (opt->line_source && opt->c_name) init_lines(&e, opt->line_source, opt->c_name);
  make_names(&e);
  emit_scan_bodies(&e);
  e.fn_storage = "static ";
  emit_put(&out, "/* Generated by wasm2c-lite; do not edit. */\n");
  if (split) { /* the shared declarations go to the internal header */
    emit_printf(&impl,
                "/* Generated by wasm2c-lite; do not edit.  What the %u C files of module %s\n"
                " * share; not for hosts (they include the module's header). */\n"
                "#ifndef W2L_IMPL_%s_H\n#define W2L_IMPL_%s_H\n",
                opt->num_outputs, opt->prefix, opt->prefix, opt->prefix);
    e.out = &impl;
    struct ebuf b;
    emit_init_buf(&b, m->arena);
    emit_printf(&b, "%s__LOCAL ", opt->prefix);
    e.fn_storage = b.data;
  }
  emit_put(e.out, snan_pragma);
  if (opt->header_name) emit_include(e.out, opt->header_name);
  else emit_put(e.out, "#include \"w2l.h\"\n");
  emit_put(e.out,
           "\n/* Wasm code may recurse without end; it then traps (call stack exhausted). */\n"
           "#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 12)\n"
           "#pragma GCC diagnostic ignored \"-Winfinite-recursion\"\n#endif\n\n");
  if (split)
    emit_printf(e.out,
                "/* Functions and data shared by the parts, not exported from a shared object. */\n"
                "#if defined(__GNUC__)\n#define %s__LOCAL __attribute__((visibility(\"hidden\")))\n"
                "#else\n#define %s__LOCAL\n#endif\n\n",
                opt->prefix, opt->prefix);
  emit_result_structs(&e);
  emit_instance_struct(&e);
  e.data_used = arena_alloc(m->arena, m->ndatas + 1);
  if (split) { /* the data memory.init names, declared for every part */
    for (uint32_t i = 0; i < m->ndatas; i++)
      if (e.data_named[i])
        emit_printf(&impl, "extern %sconst uint8_t %s__data%" PRIu32 "[%" PRIu32 "];\n",
                    e.fn_storage, opt->prefix, i, m->datas[i].init.len + 1);
    emit_prototypes(&e);
    emit_put(&impl, "#endif\n");
    fwrite(impl.data, 1, impl.len, opt->impl_out);
    e.out = &out;
    emit_include(&out, opt->impl_name);
    emit_put(&out, "\n");
  }
  emit_datas(&e, c_out);
  if (!split) emit_prototypes(&e);
  flush(&e, &out, c_out);
  if (split) {
    uint32_t *part = assign_parts(m, opt->num_outputs);
    uint64_t *lines = arena_array(m->arena, opt->num_outputs, sizeof *lines);
    const char **files = arena_array(m->arena, opt->num_outputs, sizeof *files);
    for (uint32_t p = 1; p < opt->num_outputs; p++) { /* each part's first lines */
      struct ebuf b;
      emit_init_buf(&b, m->arena);
      emit_printf(&b, "/* Generated by wasm2c-lite; do not edit.  Part %u of module %s. */\n",
                  p, opt->prefix);
      emit_include(&b, opt->impl_name);
      emit_put(&b, "\n");
      fwrite(b.data, 1, b.len, opt->parts[p]);
      lines[p] = 3;
      emit_init_buf(&b, m->arena);
      emit_string_literal(&b, (const uint8_t *)opt->part_names[p], strlen(opt->part_names[p]));
      files[p] = b.data;
    }
    files[0] = e.c_file;
    lines[0] = e.c_lines;
    for (uint32_t i = m->nfuncimports; i < m->nfuncs; i++) {
      uint32_t p = part[i];
      e.c_file = files[p], e.c_lines = lines[p];
      emit_function_streamed(&e, i, p ? opt->parts[p] : c_out);
      lines[p] = e.c_lines;
    }
    e.c_file = files[0], e.c_lines = lines[0];
  } else {
    for (uint32_t i = m->nfuncimports; i < m->nfuncs; i++) emit_function_streamed(&e, i, c_out);
  }
  emit_trampolines(&e);
  emit_tail_thunks(&e);
  emit_tables(&e);
  emit_init(&e);
  if (m->dylink) emit_dylink(&e);
  emit_descriptor(&e);
  emit_put(&out, "\n");
  emit_exports(&e);
  flush(&e, &out, c_out);
  if (h_out) {
    struct ebuf h;
    emit_init_buf(&h, m->arena);
    emit_header(&e, &h);
    fwrite(h.data, 1, h.len, h_out);
  }
}
