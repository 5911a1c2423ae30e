/* validate_test.c - table-driven tests of val_module() on modules built by
 * hand: every case is an accepted module ("" expected) or a rejected one with
 * its exact message.  Function bodies are written in a tiny assembler:
 * whitespace-separated opcode names from opcodes.def, then their immediates
 * (numbers; a valtype or @typeidx after block/loop/if; a valtype after select
 * for select t; a=N o=N m=N for memargs; func|extern after ref.null).
 *
 * The base module every case starts from:
 *   types  0: [] -> []   1: [i32] -> [i32]   2: [i32 i32] -> [i32]   3: the case's
 *   funcs  0: imported, type 0   1: type 0, declared by elem 0   2: type 1, undeclared
 *          3: the case's function (type 3, the case's locals and body)
 *   tables 0: funcref, 1 element   1: externref, 1 element
 *   memory 0: 1 page (none with "nomem")
 *   globals 0: imported i32   1: imported mut i32   2: mut i64 = i64.const 0
 *   elem 0: passive funcref (ref.func 1)      data 0: passive "hi"
 */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

static struct arena arena;
static struct val_features features; /* what the current case validates with */

static enum valtype letter_type(char c) {
  switch (c) {
  case 'i': return VT_I32;
  case 'I': return VT_I64;
  case 'f': return VT_F32;
  case 'F': return VT_F64;
  case 'r': return VT_FUNCREF;
  case 'e': return VT_EXTERNREF;
  default: return VT_V128;
  }
}

/* "ii:i" -> functype */
static struct functype sig(const char *s) {
  struct functype ft = {0};
  const char *colon = strchr(s, ':');
  ft.nparams = (uint32_t)(colon - s);
  ft.nresults = (uint32_t)strlen(colon + 1);
  ft.params = arena_array(&arena, ft.nparams + 1, sizeof *ft.params);
  ft.results = arena_array(&arena, ft.nresults + 1, sizeof *ft.results);
  for (uint32_t i = 0; i < ft.nparams; i++) ft.params[i] = letter_type(s[i]);
  for (uint32_t i = 0; i < ft.nresults; i++) ft.results[i] = letter_type(colon[1 + i]);
  return ft;
}

static bool valtype_word(const char *w, enum valtype *t) {
  static const enum valtype all[] = {VT_I32, VT_I64, VT_F32, VT_F64, VT_V128, VT_FUNCREF,
                                     VT_EXTERNREF};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    if (strcmp(w, valtype_name(all[i])) == 0) return *t = all[i], true;
  return false;
}

static bool is_number(const char *w) { return w && (w[0] >= '0' && w[0] <= '9'); }

/* Assemble the body text; appends the final end. */
static struct expr assemble(const char *text) {
  char buf[4096], *words[512];
  size_t nw = 0;
  snprintf(buf, sizeof buf, "%s", text);
  for (char *w = strtok(buf, " \n"); w && nw < 511; w = strtok(NULL, " \n")) words[nw++] = w;
  words[nw] = NULL;
  struct expr e = {0};
  e.code = arena_array(&arena, nw + 1, sizeof *e.code);
  for (size_t i = 0; i < nw;) {
    struct instr *in = &e.code[e.count];
    in->pos = e.count++;
    const char *w = words[i++];
    enum opcode op = op_by_name(w, strlen(w));
    if (op == OP_COUNT) {
      fprintf(stderr, "test bug: unknown opcode %s\n", w);
      exit(2);
    }
    enum valtype t;
    if (op == OP_SELECT && words[i] && valtype_word(words[i], &t)) {
      op = OP_SELECT_T;
      in->imm.select.count = 1;
      in->imm.select.types = arena_alloc(&arena, sizeof t);
      in->imm.select.types[0] = t;
      i++;
    }
    in->op = (uint16_t)op;
    switch (opinfo[op].imm) {
    case IMM_BLOCK:
      if (words[i] && words[i][0] == '@') {
        in->imm.block.kind = BT_INDEX;
        in->imm.block.typeidx = (uint32_t)strtoul(words[i++] + 1, NULL, 0);
      } else if (words[i] && valtype_word(words[i], &t)) {
        in->imm.block.kind = BT_VALUE;
        in->imm.block.valtype = t;
        i++;
      }
      break;
    case IMM_BR_TABLE: {
      uint32_t *l = arena_array(&arena, nw, sizeof *l), n = 0;
      while (is_number(words[i])) l[n++] = (uint32_t)strtoul(words[i++], NULL, 0);
      in->imm.br_table.count = n - 1;
      in->imm.br_table.labels = l;
      break;
    }
    case IMM_CALL_INDIRECT: case IMM_MEMORY_INIT: case IMM_MEMORY_COPY:
    case IMM_TABLE_INIT: case IMM_TABLE_COPY:
      in->imm.pair.a = (uint32_t)strtoul(words[i++], NULL, 0);
      in->imm.pair.b = (uint32_t)strtoul(words[i++], NULL, 0);
      break;
    case IMM_MEMARG:
      while (words[i] && words[i][1] == '=') {
        uint64_t n = strtoull(words[i] + 2, NULL, 0);
        if (words[i][0] == 'a') in->imm.memarg.align = (uint32_t)n;
        if (words[i][0] == 'o') in->imm.memarg.offset = n;
        if (words[i][0] == 'm') in->imm.memarg.mem = (uint32_t)n;
        i++;
      }
      break;
    case IMM_REFTYPE:
      in->imm.idx = strcmp(words[i++], "func") == 0 ? VT_FUNCREF : VT_EXTERNREF;
      break;
    case IMM_I64: case IMM_F64:
      in->imm.i64 = strtoull(words[i++], NULL, 0);
      break;
    case IMM_NONE: case IMM_SELECT_T:
      break;
    default: /* one index or i32/f32 bits */
      in->imm.idx = (uint32_t)strtoul(words[i++], NULL, 0);
      break;
    }
  }
  e.code[e.count].op = OP_END;
  e.code[e.count].pos = e.count;
  e.count++;
  return e;
}

static struct bytes name(const char *s) {
  return (struct bytes){(uint8_t *)arena_strndup(&arena, s, strlen(s)), (uint32_t)strlen(s)};
}

static struct source text_src = {"test", (const uint8_t *)"", 0, true};
static struct source binary_src = {"test.wasm", (const uint8_t *)"", 0, false};

/* The base module described at the top, with function 3 of type fsig. */
static struct module *base(const char *fsig, const char *locals, const char *body) {
  struct module *m = arena_alloc(&arena, sizeof *m);
  m->arena = &arena;
  m->src = &text_src;
  const char *sigs[] = {":", "i:i", "ii:i", fsig};
  for (int i = 0; i < 4; i++) {
    struct functype ft = sig(sigs[i]);
    module_add_type(m, &ft, false);
  }
  m->nimports = 3;
  m->imports = arena_array(&arena, 3, sizeof *m->imports);
  m->imports[0] = (struct import){name("env"), name("f"), EXT_FUNC, 0, 0};
  m->imports[1] = (struct import){name("env"), name("g"), EXT_GLOBAL, 0, 0};
  m->imports[2] = (struct import){name("env"), name("h"), EXT_GLOBAL, 1, 0};
  m->nfuncs = 4, m->nfuncimports = 1;
  m->funcs = arena_array(&arena, 4, sizeof *m->funcs);
  m->funcs[0] = (struct func){.typeidx = 0, .imported = true};
  m->funcs[1] = (struct func){.typeidx = 0, .body = assemble("")};
  m->funcs[2] = (struct func){.typeidx = 1, .body = assemble("local.get 0")};
  struct func *f = &m->funcs[3];
  f->typeidx = 3;
  f->nlocals = (uint32_t)strlen(locals);
  f->locals = arena_array(&arena, f->nlocals + 1, sizeof *f->locals);
  for (uint32_t i = 0; i < f->nlocals; i++) f->locals[i] = letter_type(locals[i]);
  f->body = assemble(body);
  m->ntables = 2;
  m->tables = arena_array(&arena, 2, sizeof *m->tables);
  m->tables[0] = (struct table){.reftype = VT_FUNCREF, .limits = {1, 0, false, false, false}};
  m->tables[1] = (struct table){.reftype = VT_EXTERNREF, .limits = {1, 0, false, false, false}};
  m->nmems = 1;
  m->mems = arena_array(&arena, 1, sizeof *m->mems);
  m->mems[0].limits.min = 1;
  m->nglobals = 3, m->nglobalimports = 2;
  m->globals = arena_array(&arena, 3, sizeof *m->globals);
  m->globals[0] = (struct global){.type = VT_I32, .imported = true, .import = 1};
  m->globals[1] = (struct global){.type = VT_I32, .mutable_ = true, .imported = true, .import = 2};
  m->globals[2] = (struct global){.type = VT_I64, .mutable_ = true, .init = assemble("i64.const 0")};
  m->nelems = 1;
  m->elems = arena_array(&arena, 1, sizeof *m->elems);
  m->elems[0] = (struct elem){.mode = SEG_PASSIVE, .reftype = VT_FUNCREF, .count = 1};
  m->elems[0].items = arena_alloc(&arena, sizeof(struct expr));
  m->elems[0].items[0] = assemble("ref.func 1");
  m->ndatas = 1;
  m->datas = arena_array(&arena, 1, sizeof *m->datas);
  m->datas[0] = (struct data){.mode = SEG_PASSIVE, .init = name("hi")};
  return m;
}

/* ---- module-level mutations (the "setup" of a case) ---- */

static void nomem(struct module *m) { m->nmems = 0; }
static void binary(struct module *m) { m->src = &binary_src; }
static void binary_dc(struct module *m) { m->src = &binary_src; m->has_datacount = true; m->datacount = 1; }
static void datacount_bad(struct module *m) { binary_dc(m); m->datacount = 2; }
static void mem_min_big(struct module *m) { m->mems[0].limits.min = 65537; }
static void mem_max_big(struct module *m) { m->mems[0].limits = (struct limits){1, 65537, true, false, false}; }
static void mem_max_ok(struct module *m) { m->mems[0].limits = (struct limits){1, 65536, true, false, false}; }
static void mem_min_gt_max(struct module *m) { m->mems[0].limits = (struct limits){2, 1, true, false, false}; }
static void mem_shared(struct module *m) { m->mems[0].limits = (struct limits){1, 2, true, true, false}; }
static void mem_shared_no_max(struct module *m) {
  m->mems[0].limits = (struct limits){1, 0, false, true, false};
}
static void mem_multi(struct module *m) {
  m->mems = arena_grow(&arena, m->mems, 1, 3, sizeof *m->mems);
  m->nmems = 3;
  m->mems[1].limits.min = 0, m->mems[2].limits.min = 2;
}
static void mem_multi_off(struct module *m) { mem_multi(m); features.multi_memory = false; }
static void mem_one_off(struct module *m) { (void)m; features.multi_memory = false; }
static void tab_multi_off(struct module *m) { (void)m; features.multi_table = false; }
static void tab_one_off(struct module *m) { m->ntables = 1; features.multi_table = false; }
static void tab_min_gt_max(struct module *m) { m->tables[0].limits = (struct limits){3, 2, true, false, false}; }
static void tab_max_big(struct module *m) { m->tables[0].limits = (struct limits){0, 1ull << 32, true, false, false}; }
static void tab_max_ok(struct module *m) { m->tables[0].limits = (struct limits){0, 0xFFFFFFFF, true, false, false}; }
static void ginit(struct module *m, const char *code) { m->globals[2].init = assemble(code); }
static void g_extconst(struct module *m) { ginit(m, "i64.const 1 i64.const 2 i64.add"); }
static void g_nonconst(struct module *m) { ginit(m, "i64.const 1 i64.const 2 i64.or"); }
static void g_wrongtype(struct module *m) { ginit(m, "i32.const 1"); }
static void g_two(struct module *m) { ginit(m, "i64.const 1 i64.const 2"); }
static void g_empty(struct module *m) { ginit(m, ""); }
static void g_getimm(struct module *m) { m->globals[2].type = VT_I32; ginit(m, "global.get 0"); }
static void g_getmut(struct module *m) { m->globals[2].type = VT_I32; ginit(m, "global.get 1"); }
static void g_getdef(struct module *m) {
  m->globals = arena_grow(&arena, m->globals, 3, 4, sizeof *m->globals);
  m->nglobals = 4;
  m->globals[3] = (struct global){.type = VT_I64, .init = assemble("global.get 2")};
}
static void g_getdef_20(struct module *m) { g_getdef(m); features.gc = false; }
static void g_getlater(struct module *m) {
  m->globals = arena_grow(&arena, m->globals, 3, 4, sizeof *m->globals);
  m->nglobals = 4;
  m->globals[2].init = assemble("global.get 3");
  m->globals[3] = (struct global){.type = VT_I32, .init = assemble("i32.const 1")};
}
static void g_getunknown(struct module *m) { m->globals[2].type = VT_I32; ginit(m, "global.get 7"); }
static void g_reffunc(struct module *m) { m->globals[2].type = VT_FUNCREF; ginit(m, "ref.func 2"); }
static void simd_off(struct module *m) { (void)m; features.simd = false; }
static void threads_off(struct module *m) { (void)m; features.threads = false; }
static void shared_threads_off(struct module *m) { mem_shared(m); features.threads = false; }
static void extconst_off(struct module *m) { g_extconst(m); features.extended_const = false; }
static void default_features(struct module *m) { (void)m; features = val_features_default; }
static void g_v128(struct module *m) { m->globals[2].type = VT_V128; }
static void e_active(struct module *m, const char *off, uint32_t table) {
  m->elems[0].mode = SEG_ACTIVE;
  m->elems[0].table = table;
  m->elems[0].offset = assemble(off);
}
static void e_ok(struct module *m) { e_active(m, "i32.const 0", 0); }
static void e_offset_i64(struct module *m) { e_active(m, "i64.const 0", 0); }
static void e_offset_global(struct module *m) { e_active(m, "global.get 0", 0); }
static void e_table_range(struct module *m) { e_active(m, "i32.const 0", 2); }
static void e_table_type(struct module *m) { e_active(m, "i32.const 0", 1); }
static void e_item_type(struct module *m) { m->elems[0].items[0] = assemble("ref.null extern"); }
static void e_item_unknown(struct module *m) { m->elems[0].items[0] = assemble("ref.func 9"); }
static void e_extern_ok(struct module *m) {
  e_active(m, "i32.const 0", 1);
  m->elems[0].reftype = VT_EXTERNREF;
  m->elems[0].items[0] = assemble("ref.null extern");
}
static void e_declarative(struct module *m) {
  m->elems[0].mode = SEG_DECLARATIVE;
  m->elems[0].items[0] = assemble("ref.func 2");
}
static void d_active(struct module *m, const char *off, uint32_t mem) {
  m->datas[0].mode = SEG_ACTIVE;
  m->datas[0].mem = mem;
  m->datas[0].offset = assemble(off);
}
static void d_ok(struct module *m) { d_active(m, "i32.const 8", 0); }
static void d_mem_range(struct module *m) { d_active(m, "i32.const 8", 1); }
static void d_offset_f32(struct module *m) { d_active(m, "f32.const 0", 0); }
static void d_multi(struct module *m) { mem_multi(m); d_active(m, "i32.const 8", 2); }
static void start(struct module *m, uint32_t f) { m->has_start = true, m->start = f; }
static void start_ok(struct module *m) { start(m, 1); }
static void start_type(struct module *m) { start(m, 2); }
static void start_range(struct module *m) { start(m, 4); }
static void exports(struct module *m, const char *a, uint32_t fa, const char *b, uint32_t fb) {
  m->nexports = 2;
  m->exports = arena_array(&arena, 2, sizeof *m->exports);
  m->exports[0] = (struct export){name(a), EXT_FUNC, fa, 0};
  m->exports[1] = (struct export){name(b), EXT_FUNC, fb, 0};
}
static void x_ok(struct module *m) { exports(m, "a", 2, "b", 3); }
static void x_dup(struct module *m) { exports(m, "a", 2, "a", 3); }
static void x_dup_odd(struct module *m) {
  exports(m, "a", 2, "a", 3);
  m->exports[0].name = m->exports[1].name =
      (struct bytes){(uint8_t *)"q\"\n\\\xc3\xa9\0z", 8};
}
static void x_dup_long(struct module *m) {
  static char s[100];
  memset(s, 'x', 99);
  memcpy(s + 63, "\xc3\xa9", 2); /* a 2-byte character across the 64-byte cut */
  exports(m, s, 2, s, 3);
}
static void x_range(struct module *m) { exports(m, "a", 2, "b", 4); }
static void x_memory(struct module *m) { x_ok(m); m->exports[1].kind = EXT_MEMORY; m->exports[1].index = 1; }
static void x_many(struct module *m) {
  m->nexports = 1000;
  m->exports = arena_array(&arena, 1000, sizeof *m->exports);
  char buf[16];
  for (int i = 0; i < 1000; i++) {
    snprintf(buf, sizeof buf, "e%d", i);
    m->exports[i] = (struct export){name(buf), EXT_FUNC, 1, 0};
  }
}
static void x_many_dup(struct module *m) { x_many(m); m->exports[999].name = name("e500"); }
/* Malformed IR no reader should produce: rejected, never a crash. */
static void body3(struct module *m, const char *code) { m->funcs[3].body = assemble(code); }
static void ir_no_end(struct module *m) { m->funcs[3].body.count--; }
static void ir_empty_body(struct module *m) { m->funcs[3].body.count = 0; }
static void ir_after_end(struct module *m) { body3(m, "end nop"); }
static void ir_bad_op(struct module *m) { m->funcs[3].body.code[0].op = 0xFFFF; }
static void ir_select_arity(struct module *m) {
  body3(m, "unreachable select i32 drop");
  m->funcs[3].body.code[1].imm.select.count = 2;
}
static void ir_bad_blocktype(struct module *m) {
  body3(m, "block i32 end");
  m->funcs[3].body.code[0].imm.block.valtype = (enum valtype)0x55;
}
static void ir_bad_local(struct module *m) { m->funcs[3].locals[0] = (enum valtype)0; }
static void ir_bad_refnull(struct module *m) { body3(m, "ref.null func drop"); m->funcs[3].body.code[0].imm.idx = VT_I32; }
static void functype_range(struct module *m) { m->funcs[2].typeidx = 4; }
static void type_v128(struct module *m) { struct functype ft = sig("v:"); module_add_type(m, &ft, false); }
static void type_v128_simd_off(struct module *m) { type_v128(m); features.simd = false; }

/* 37 times "i32, " minus the last separator (messages cut long type lists) */
#define I6 "i32, i32, i32, i32, i32, i32"
#define I37 I6 ", " I6 ", " I6 ", " I6 ", " I6 ", " I6 ", i32"

struct test {
  const char *name;                  /* shown on failure */
  const char *sig;                   /* type of function 3 */
  const char *locals;                /* its locals, one letter each */
  const char *body;                  /* its body, without the final end */
  const char *expect;                /* exact message, "" = valid */
  void (*setup)(struct module *m);   /* module changes, or NULL */
};

static const struct test tests[] = {
  /* numeric instructions: the SIG column */
  {"add", ":i", "", "i32.const 1 i32.const 2 i32.add", "", 0},
  {"add mismatch", ":i", "", "i32.const 1 f32.const 0 i32.add",
   "type mismatch in i32.add, expected [i32, i32] but got [i32, f32]", 0},
  {"add empty", ":i", "", "i32.add", "type mismatch in i32.add, expected [i32, i32] but got []", 0},
  {"convert", ":", "", "f64.const 0 i64.trunc_f64_s drop", "", 0},
  {"convert mismatch", ":", "", "f32.const 0 i64.trunc_f64_s drop",
   "type mismatch in i64.trunc_f64_s, expected [f64] but got [f32]", 0},
  {"compare", ":i", "", "f64.const 0 f64.const 1 f64.lt", "", 0},
  {"sat", ":I", "", "f32.const 0 i64.trunc_sat_f32_u", "", 0},
  {"sat mismatch", ":I", "", "f64.const 0 i64.trunc_sat_f32_u",
   "type mismatch in i64.trunc_sat_f32_u, expected [f32] but got [f64]", 0},
  {"const result", ":i", "", "i64.const 0",
   "type mismatch in implicit return, expected [i32] but got [i64]", 0},
  {"long type list", ":iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii", "", "",
   "type mismatch in implicit return, expected [" I37 ", ...] but got []", 0},
  /* implicit return and the polymorphic stack */
  {"return missing", ":i", "", "", "type mismatch in implicit return, expected [i32] but got []", 0},
  {"return extra", ":", "", "i32.const 1", "type mismatch in implicit return, expected [] but got [i32]", 0},
  {"two results", ":if", "", "i32.const 1 f32.const 2", "", 0},
  {"two results swapped", ":if", "", "f32.const 2 i32.const 1",
   "type mismatch in implicit return, expected [i32, f32] but got [f32, i32]", 0},
  {"unreachable", ":i", "", "unreachable", "", 0},
  {"unreachable add", ":i", "", "unreachable i32.add", "", 0},
  {"unreachable partial", ":i", "", "unreachable i64.const 0 i32.add",
   "type mismatch in i32.add, expected [i32, i32] but got [..., i64]", 0},
  {"unreachable extra", ":", "", "unreachable i32.const 1",
   "type mismatch in implicit return, expected [] but got [i32]", 0},
  {"unreachable in block", ":", "", "block unreachable end i32.const 0 i32.add drop",
   "type mismatch in i32.add, expected [i32, i32] but got [i32]", 0},
  {"dead code after br", ":i", "", "block br 0 i32.add drop end i32.const 0", "", 0},
  /* blocks */
  {"block", ":i", "", "block i32 i32.const 1 end", "", 0},
  {"block empty", ":i", "", "block i32 end", "type mismatch in block, expected [i32] but got []", 0},
  {"block extra", ":", "", "block i32.const 1 end", "type mismatch in block, expected [] but got [i32]", 0},
  {"block params", ":i", "", "i32.const 1 block @1 i32.const 2 i32.add end", "", 0},
  {"block params missing", ":i", "", "block @1 end",
   "type mismatch in block, expected [i32] but got []", 0},
  {"block params hidden", ":i", "", "i32.const 1 block i32.add end",
   "type mismatch in i32.add, expected [i32, i32] but got []", 0},
  {"block type range", ":", "", "block @9 end", "type variable out of range (max 4)", 0},
  {"block v128", ":", "", "block v128 end", "type mismatch in block, expected [v128] but got []", 0},
  {"loop", ":i", "", "loop i32 i32.const 1 end", "", 0},
  {"loop br params", ":i", "", "i32.const 0 loop @1 f32.const 0 br 0 end",
   "type mismatch in br, expected [i32] but got [f32]", 0},
  {"loop br to params", ":i", "", "i32.const 0 loop @1 i32.const 1 br 0 end", "", 0},
  {"if else", ":i", "", "i32.const 1 if i32 i32.const 2 else i32.const 3 end", "", 0},
  {"if condition", ":", "", "f32.const 0 if end", "type mismatch in if, expected [i32] but got [f32]", 0},
  {"if then", ":i", "", "i32.const 1 if i32 else i32.const 3 end",
   "type mismatch in if true branch, expected [i32] but got []", 0},
  {"if else branch", ":i", "", "i32.const 1 if i32 i32.const 2 else end",
   "type mismatch in if false branch, expected [i32] but got []", 0},
  {"if without else", ":i", "", "i32.const 1 if i32 i32.const 2 end",
   "type mismatch in if false branch, expected [i32] but got []", 0},
  {"if without else same", ":i", "", "i32.const 5 i32.const 1 if @1 end", "", 0},
  {"if params", ":i", "", "i32.const 5 i32.const 1 if @1 i32.const 1 i32.add else i32.const 2 i32.sub end", "", 0},
  {"else without if", ":", "", "block else end", "else without a matching if", 0},
  /* branches */
  {"br", ":i", "", "block i32 i32.const 1 br 0 end", "", 0},
  {"br function label", ":i", "", "i32.const 1 br 0", "", 0},
  {"br label range", ":", "", "block br 2 end", "label variable out of range (max 2)", 0},
  {"br types", ":i", "", "block i32 f32.const 0 br 0 end",
   "type mismatch in br, expected [i32] but got [f32]", 0},
  {"br_if", ":i", "", "block i32 i32.const 1 i32.const 0 br_if 0 end", "", 0},
  {"br_if condition", ":", "", "block br_if 0 end", "type mismatch in br_if, expected [i32] but got []", 0},
  {"br_if value", ":i", "", "block i32 i32.const 0 br_if 0 end",
   "type mismatch in br_if, expected [i32] but got []", 0},
  {"br_table", ":", "", "block block i32.const 0 br_table 0 1 0 end end", "", 0},
  {"br_table arity", ":", "", "block i32 block i32.const 0 br_table 0 1 end i32.const 1 end drop",
   "type mismatch in br_table, label 0 expects [] but the default label 1 expects [i32]", 0},
  {"br_table polymorphic", ":", "",
   "block f32 block i32 unreachable br_table 0 1 end drop f32.const 0 end drop", "", 0},
  {"br_table types", ":", "",
   "block f32 block i32 i32.const 1 i32.const 0 br_table 0 1 end drop f32.const 0 end drop",
   "type mismatch in br_table, expected [f32] but got [i32]", 0},
  {"br_table label range", ":", "", "i32.const 0 br_table 0 3", "label variable out of range (max 1)", 0},
  {"return", ":i", "", "i32.const 1 return", "", 0},
  {"return deep", ":i", "", "block i64 i32.const 1 return end drop i32.const 0", "", 0},
  {"return types", ":i", "", "f32.const 0 return", "type mismatch in return, expected [i32] but got [f32]", 0},
  /* calls */
  {"call", ":i", "", "call 1 i32.const 3 call 2", "", 0},
  {"call args", ":", "", "call 2 drop", "type mismatch in call, expected [i32] but got []", 0},
  {"call range", ":", "", "call 4", "function variable out of range (max 4)", 0},
  {"call_indirect", ":i", "", "i32.const 5 i32.const 0 call_indirect 1 0", "", 0},
  {"call_indirect table type", ":", "", "i32.const 0 call_indirect 0 1",
   "type mismatch in call_indirect, table 1 is externref but must be funcref", 0},
  {"call_indirect table range", ":", "", "i32.const 0 call_indirect 0 2",
   "table variable out of range (max 2)", 0},
  {"call_indirect type range", ":", "", "i32.const 0 call_indirect 7 0",
   "type variable out of range (max 4)", 0},
  {"call_indirect operand", ":", "", "call_indirect 0 0",
   "type mismatch in call_indirect, expected [i32] but got []", 0},
  /* parametric */
  {"drop", ":", "", "i32.const 1 drop", "", 0},
  {"drop empty", ":", "", "drop", "type mismatch in drop, expected [any] but got []", 0},
  {"select", ":i", "", "i32.const 1 i32.const 2 i32.const 0 select", "", 0},
  {"select types", ":i", "", "i32.const 1 i64.const 2 i32.const 0 select",
   "type mismatch in select, expected [i32, i32, i32] but got [i32, i64, i32]", 0},
  {"select condition", ":i", "", "i32.const 1 i32.const 2 i64.const 0 select",
   "type mismatch in select, expected [i32, i32, i32] but got [i32, i32, i64]", 0},
  {"select refs", ":", "", "ref.null func ref.null func i32.const 0 select drop",
   "type mismatch in select, expected numeric operands but got [funcref, funcref, i32] (select of "
   "references needs a result type)", 0},
  {"select typed", ":", "", "ref.null func ref.null func i32.const 0 select funcref drop", "", 0},
  {"select typed mismatch", ":", "", "i32.const 0 i32.const 0 i32.const 0 select funcref drop",
   "type mismatch in select, expected [funcref, funcref, i32] but got [i32, i32, i32]", 0},
  {"select unreachable", ":i", "", "unreachable select", "", 0},
  {"select unreachable one", ":F", "", "unreachable f64.const 0 i32.const 1 select", "", 0},
  {"select empty", ":", "", "select drop", "type mismatch in select, expected [any, any, i32] but got []", 0},
  /* variables */
  {"locals", "i:", "f", "local.get 0 drop local.get 1 local.set 1 f32.const 0 local.tee 1 drop", "", 0},
  {"local range", "i:", "f", "local.get 2 drop", "local variable out of range (max 2)", 0},
  {"local.set type", "i:", "f", "i32.const 0 local.set 1",
   "type mismatch in local.set, expected [f32] but got [i32]", 0},
  {"local.tee type", "i:", "f", "local.get 1 local.tee 0 drop",
   "type mismatch in local.tee, expected [i32] but got [f32]", 0},
  {"globals", ":", "", "global.get 0 drop i32.const 1 global.set 1 i64.const 1 global.set 2", "", 0},
  {"global immutable", ":", "", "i32.const 1 global.set 0", "global.set of immutable global 0", 0},
  {"global range", ":", "", "global.get 5 drop", "global variable out of range (max 3)", 0},
  {"global.set type", ":", "", "i32.const 0 global.set 2",
   "type mismatch in global.set, expected [i64] but got [i32]", 0},
  /* memory */
  {"load", ":", "", "i32.const 0 i32.load a=2 o=8 drop i32.const 0 i64.load32_s a=2 drop", "", 0},
  {"load align", ":", "", "i32.const 0 i32.load a=3 drop",
   "alignment must not be larger than natural alignment (4) in i32.load", 0},
  {"load8 align", ":", "", "i32.const 0 i64.load8_u a=1 drop",
   "alignment must not be larger than natural alignment (1) in i64.load8_u", 0},
  {"store16 align", ":", "", "i32.const 0 i32.const 0 i32.store16 a=2",
   "alignment must not be larger than natural alignment (2) in i32.store16", 0},
  {"huge align", ":", "", "i32.const 0 f64.load a=40 drop",
   "alignment must not be larger than natural alignment (8) in f64.load", 0},
  {"no memory", ":", "", "i32.const 0 i32.load drop", "memory variable out of range (max 0)", nomem},
  {"memory range", ":", "", "i32.const 0 i32.load m=1 drop", "memory variable out of range (max 1)", 0},
  {"multi-memory", ":", "", "i32.const 0 i32.load m=2 drop i32.const 0 i32.const 0 i32.store8 m=1", "", mem_multi},
  {"load address", ":", "", "i64.const 0 i32.load drop",
   "type mismatch in i32.load, expected [i32] but got [i64]", 0},
  {"store", ":", "", "i32.const 0 f64.const 0 f64.store", "", 0},
  {"store value", ":", "", "i32.const 0 i32.const 0 f64.store",
   "type mismatch in f64.store, expected [i32, f64] but got [i32, i32]", 0},
  {"memory.size/grow", ":", "", "memory.size 0 memory.grow 0 drop", "", 0},
  {"memory.grow operand", ":", "", "i64.const 1 memory.grow 0 drop",
   "type mismatch in memory.grow, expected [i32] but got [i64]", 0},
  {"memory.size none", ":", "", "memory.size 0 drop", "memory variable out of range (max 0)", nomem},
  {"memory.fill", ":", "", "i32.const 0 i32.const 0 i32.const 0 memory.fill 0", "", 0},
  {"memory.fill operands", ":", "", "i32.const 0 i32.const 0 memory.fill 0",
   "type mismatch in memory.fill, expected [i32, i32, i32] but got [i32, i32]", 0},
  {"memory.copy", ":", "", "i32.const 0 i32.const 0 i32.const 0 memory.copy 2 1", "", mem_multi},
  {"memory.copy range", ":", "", "i32.const 0 i32.const 0 i32.const 0 memory.copy 0 1",
   "memory variable out of range (max 1)", 0},
  {"memory.init", ":", "", "i32.const 0 i32.const 0 i32.const 0 memory.init 0 0", "", 0},
  {"memory.init data range", ":", "", "i32.const 0 i32.const 0 i32.const 0 memory.init 1 0",
   "data segment variable out of range (max 1)", 0},
  {"memory.init no memory", ":", "", "i32.const 0 i32.const 0 i32.const 0 memory.init 0 0",
   "memory variable out of range (max 0)", nomem},
  {"data.drop", ":", "", "data.drop 0", "", 0},
  {"data.drop binary datacount", ":", "", "data.drop 0", "", binary_dc},
  {"data.drop binary", ":", "", "data.drop 0", "data count section required by data.drop", binary},
  {"memory.init binary", ":", "", "i32.const 0 i32.const 0 i32.const 0 memory.init 0 0",
   "data count section required by memory.init", binary},
  {"datacount mismatch", ":", "", "", "data count and data section have inconsistent lengths: 2 and 1", datacount_bad},
  /* tables */
  {"table.get", ":", "", "i32.const 0 table.get 0 drop", "", 0},
  {"table.get index", ":", "", "f32.const 0 table.get 0 drop",
   "type mismatch in table.get, expected [i32] but got [f32]", 0},
  {"table.get result", ":r", "", "i32.const 0 table.get 1",
   "type mismatch in implicit return, expected [funcref] but got [externref]", 0},
  {"table.set", ":", "", "i32.const 0 ref.null extern table.set 1", "", 0},
  {"table.set type", ":", "", "i32.const 0 ref.null func table.set 1",
   "type mismatch in table.set, expected [i32, externref] but got [i32, funcref]", 0},
  {"table.size", ":i", "", "table.size 1", "", 0},
  {"table.size range", ":i", "", "table.size 5", "table variable out of range (max 2)", 0},
  {"table.grow", ":i", "", "ref.null func i32.const 1 table.grow 0", "", 0},
  {"table.grow type", ":i", "", "ref.null extern i32.const 1 table.grow 0",
   "type mismatch in table.grow, expected [funcref, i32] but got [externref, i32]", 0},
  {"table.fill", ":", "", "i32.const 0 ref.null func i32.const 1 table.fill 0", "", 0},
  {"table.fill operands", ":", "", "i32.const 0 i32.const 1 table.fill 0",
   "type mismatch in table.fill, expected [i32, funcref, i32] but got [i32, i32]", 0},
  {"table.copy", ":", "", "i32.const 0 i32.const 0 i32.const 0 table.copy 1 1", "", 0},
  {"table.copy types", ":", "", "i32.const 0 i32.const 0 i32.const 0 table.copy 0 1",
   "type mismatch in table.copy, table 0 is funcref but table 1 is externref", 0},
  {"table.init", ":", "", "i32.const 0 i32.const 0 i32.const 0 table.init 0 0", "", 0},
  {"table.init types", ":", "", "i32.const 0 i32.const 0 i32.const 0 table.init 0 1",
   "type mismatch in table.init, elem segment 0 is funcref but table 1 is externref", 0},
  {"table.init elem range", ":", "", "i32.const 0 i32.const 0 i32.const 0 table.init 1 0",
   "elem segment variable out of range (max 1)", 0},
  {"elem.drop", ":", "", "elem.drop 0", "", 0},
  {"elem.drop range", ":", "", "elem.drop 3", "elem segment variable out of range (max 1)", 0},
  /* references */
  {"ref.null", ":e", "", "ref.null extern", "", 0},
  {"ref.is_null", ":i", "", "ref.null func ref.is_null", "", 0},
  {"ref.is_null unreachable", ":i", "", "unreachable ref.is_null", "", 0},
  {"ref.is_null number", ":i", "", "i32.const 0 ref.is_null",
   "type mismatch in ref.is_null, expected a reference but got [i32]", 0},
  {"ref.func declared", ":r", "", "ref.func 1", "", 0},
  {"ref.func undeclared", ":r", "", "ref.func 2",
   "undeclared function reference 2 in ref.func (name it in an elem segment, an export or a "
   "global initializer)", 0},
  {"ref.func by export", ":r", "", "ref.func 2", "", x_ok},
  {"ref.func by global", ":r", "", "ref.func 2", "", g_reffunc},
  {"ref.func by declarative elem", ":r", "", "ref.func 2", "", e_declarative},
  {"ref.func range", ":r", "", "ref.func 9", "function variable out of range (max 4)", 0},
  /* SIMD */
  {"v128 local", ":", "V", "", "", 0},
  {"v128 select", ":", "", "unreachable select v128 drop", "", 0},
  {"v128 type", ":", "", "", "", type_v128},
  {"v128 global", ":", "", "", "type mismatch in global initializer, expected [v128] but got [i64]", g_v128},
  /* malformed IR */
  {"offset too big", ":", "", "i32.const 0 i32.load o=0x100000000 drop", "offset out of range in i32.load", 0},
  {"ir no end", ":", "", "nop", "expression must end with end", ir_no_end},
  {"ir empty body", ":", "", "", "expression must end with end", ir_empty_body},
  {"ir after end", ":", "", "", "instructions after the final end", ir_after_end},
  {"ir bad opcode", ":", "", "nop", "unknown instruction (opcode 65535)", ir_bad_op},
  {"ir select arity", ":", "", "", "invalid result arity in select (must be 1)", ir_select_arity},
  {"ir bad blocktype", ":", "", "", "invalid block type in block", ir_bad_blocktype},
  {"ir bad local", ":", "i", "", "invalid type 0x0 of local 0", ir_bad_local},
  {"ir bad ref.null", ":", "", "", "ref.null needs a reference type (func or extern)", ir_bad_refnull},
  /* module level: limits */
  {"memory max 65536", ":", "", "", "", mem_max_ok},
  {"memory min too big", ":", "", "", "memory size must be at most 65536 pages (4GiB)", mem_min_big},
  {"memory max too big", ":", "", "", "memory maximum size must be at most 65536 pages (4GiB)", mem_max_big},
  {"memory min > max", ":", "", "", "memory size minimum (2) must not be greater than maximum (1)", mem_min_gt_max},
  {"memory shared", ":", "", "", "", mem_shared},
  {"memory shared without max", ":", "", "", "shared memory must have maximum", mem_shared_no_max},
  {"multi-memory off, one memory", ":", "", "", "", mem_one_off},
  {"multi-memory off", ":", "", "", "multiple memories (enable with --enable-multi-memory)", mem_multi_off},
  {"multi-table off", ":", "", "", "multiple tables (enable with --enable-multi-table)", tab_multi_off},
  {"multi-table off, one table", ":", "", "", "", tab_one_off},
  {"simd off, v128 local", ":", "V", "", "v128 needs the simd feature (enable with --enable-simd)", simd_off},
  {"simd off, v128 type", ":", "", "", "v128 needs the simd feature (enable with --enable-simd)", type_v128_simd_off},
  {"simd off, instruction", ":", "", "unreachable i32x4.splat drop", "i32x4.splat needs the simd feature (enable with --enable-simd)", simd_off},
  {"threads off, shared memory", ":", "", "", "a shared memory needs the threads feature (enable with --enable-threads)", shared_threads_off},
  {"threads off, atomic", ":", "", "atomic.fence 0", "atomic.fence needs the threads feature (enable with --enable-threads)", threads_off},
  {"extended-const off", ":", "", "", "i64.add needs the extended-const feature (enable with --enable-extended-const)", extconst_off},
  {"default features", ":", "", "unreachable i32x4.splat drop", "", default_features},
  {"table max u32", ":", "", "", "", tab_max_ok},
  {"table max too big", ":", "", "", "table maximum size must be at most 4294967295", tab_max_big},
  {"table min > max", ":", "", "", "table size minimum (3) must not be greater than maximum (2)", tab_min_gt_max},
  /* constant expressions and globals */
  {"global imported get", ":", "", "", "", g_getimm},
  {"global extended-const", ":", "", "", "", g_extconst},
  {"global non-constant", ":", "", "",
   "constant expression required in global initializer, but found i64.or", g_nonconst},
  {"global type", ":", "", "", "type mismatch in global initializer, expected [i64] but got [i32]", g_wrongtype},
  {"global two values", ":", "", "",
   "type mismatch in global initializer, expected [i64] but got [i64, i64]", g_two},
  {"global no value", ":", "", "", "type mismatch in global initializer, expected [i64] but got []", g_empty},
  {"global get mutable", ":", "", "", "constant expression cannot read mutable global 1", g_getmut},
  {"global get defined (2.0)", ":", "", "",
   "constant expression can only read imported globals, but global 2 is defined in the module",
   g_getdef_20},
  {"global get later (3.0)", ":", "", "",
   "unknown global 3 (a constant expression reads the globals before it)", g_getlater},
  {"global get unknown", ":", "", "", "global variable out of range (max 3)", g_getunknown},
  /* elem segments */
  {"elem active", ":", "", "", "", e_ok},
  {"elem externref", ":", "", "", "", e_extern_ok},
  {"elem offset global", ":", "", "", "", e_offset_global},
  {"elem offset type", ":", "", "", "type mismatch in elem offset, expected [i32] but got [i64]", e_offset_i64},
  {"elem table range", ":", "", "", "table variable out of range (max 2)", e_table_range},
  {"elem table type", ":", "", "",
   "type mismatch in elem segment 0, table 1 is externref but the segment is funcref", e_table_type},
  {"elem item type", ":", "", "", "type mismatch in elem item, expected [funcref] but got [externref]", e_item_type},
  {"elem item range", ":", "", "", "function variable out of range (max 4)", e_item_unknown},
  /* data segments */
  {"data active", ":", "", "", "", d_ok},
  {"data memory 2", ":", "", "", "", d_multi},
  {"data memory range", ":", "", "", "memory variable out of range (max 1)", d_mem_range},
  {"data offset type", ":", "", "", "type mismatch in data offset, expected [i32] but got [f32]", d_offset_f32},
  /* start, exports, function types */
  {"start", ":", "", "", "", start_ok},
  {"start type", ":", "", "",
   "start function must have type [] -> [], but function 2 has type [i32] -> [i32]", start_type},
  {"start range", ":", "", "", "function variable out of range (max 4)", start_range},
  {"exports", ":", "", "", "", x_ok},
  {"exports many", ":", "", "", "", x_many},
  {"export duplicate", ":", "", "", "duplicate export name \"a\"", x_dup},
  {"export duplicate many", ":", "", "", "duplicate export name \"e500\"", x_many_dup},
  {"export duplicate odd name", ":", "", "", "duplicate export name \"q\\22\\0a\\5c\xc3\xa9\\00z\"", x_dup_odd},
  {"export duplicate long name", ":", "", "",
   "duplicate export name \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\"", x_dup_long},
  {"export range", ":", "", "", "function variable out of range (max 4)", x_range},
  {"export memory range", ":", "", "", "memory variable out of range (max 1)", x_memory},
  {"function type range", ":", "", "", "type variable out of range (max 4)", functype_range},
};

static struct module *current;
static void run(void *arg) { (void)arg; val_module(current, &features); }

/* Type identity and subtyping of typed references: a module of five types,
 * 0: [] -> []   1: [(ref null 1)] -> []   2: [(ref null 2)] -> []
 * 3: [(ref null 1)] -> []   4: [] -> []  (1 and 2 refer to themselves). */
static struct module *typed_module;
static void validate_typed(void *arg) {
  (void)arg;
  val_module(typed_module, &val_features_all);
}

static int typed_refs(void) {
  static const uint32_t param_of[5] = {0, 1, 2, 1, 0}; /* 0: no param, else (ref null N) */
  struct module *m = arena_alloc(&arena, sizeof *m);
  m->arena = &arena;
  m->ntypes = 5;
  m->types = arena_array(&arena, 5, sizeof *m->types);
  for (uint32_t i = 0; i < 5; i++) {
    if (!param_of[i]) continue;
    m->types[i].nparams = 1;
    m->types[i].params = arena_array(&arena, 1, sizeof *m->types[i].params);
    m->types[i].params[0] = vt_ref(true, HT_TYPE + param_of[i]);
  }
  typed_module = m;
  if (diag_protect(validate_typed, NULL)) {
    printf("FAIL validate unit 'typed refs': %s\n", diag.reason);
    return 1;
  }
  enum valtype r1 = vt_ref(false, HT_TYPE + 1), n1 = vt_ref(true, HT_TYPE + 1),
               r2 = vt_ref(false, HT_TYPE + 2), n3 = vt_ref(true, HT_TYPE + 3);
  const char *key3 = val_type_key(m, n3);
  bool ok = m->type_canon[2] == 1 && m->type_canon[3] == 3 && m->type_canon[4] == 0 &&
            val_sub(m, r2, n1) && val_sub(m, r1, r2) && !val_sub(m, n1, r1) &&
            val_sub(m, r1, VT_FUNCREF) && !val_sub(m, VT_FUNCREF, n1) && !val_sub(m, n3, n1) &&
            val_sub(m, vt_ref(true, HT_NOFUNC), n3) && !val_sub(m, vt_ref(true, HT_NOEXTERN), n3) &&
            val_sub(m, vt_ref(false, HT_NOEXTERN), VT_EXTERNREF) &&
            !val_sub(m, VT_EXTERNREF, VT_FUNCREF) && !val_sub(m, VT_I32, VT_FUNCREF) &&
            vt_ref(true, HT_FUNC) == VT_FUNCREF && vt_storage(r1) == VT_FUNCREF &&
            vt_storage(vt_ref(false, HT_EXTERN)) == VT_EXTERNREF &&
            strcmp(m->type_keys[1], "n@:") == 0 && key3 && strcmp(key3, "n(n(n@:):)") == 0 &&
            val_type_key(m, VT_FUNCREF) == NULL && strcmp(valtype_name(n1), "(ref null 1)") == 0;
  if (!ok)
    printf("FAIL validate unit 'typed refs': canon %u %u %u, key of 3: %s\n", m->type_canon[2],
           m->type_canon[3], m->type_canon[4], key3 ? key3 : "NULL");
  arena_free(&arena);
  return ok ? 0 : 1;
}

int main(void) {
  int pass = 0, fail = 0;
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
    const struct test *t = &tests[i];
    current = base(t->sig, t->locals, t->body);
    features = val_features_all; /* a case's setup may switch some off */
    if (t->setup) t->setup(current);
    const char *got = diag_protect(run, NULL) ? diag.reason : "";
    if (strcmp(got, t->expect) == 0) {
      pass++;
    } else {
      fail++;
      printf("FAIL validate unit '%s': expected \"%s\" got \"%s\"\n", t->name, t->expect, got);
    }
    arena_free(&arena);
  }
  /* Facts for the emitter. */
  current = base(":i", "", "block i32 block i32 i32.const 1 i32.const 2 i32.add end end");
  if (diag_protect(run, NULL) || current->funcs[3].max_stack != 2 ||
      current->funcs[3].max_depth != 3 || !current->funcs[1].declared ||
      current->funcs[2].declared) {
    fail++;
    printf("FAIL validate unit 'facts': max_stack %u max_depth %u\n", current->funcs[3].max_stack,
           current->funcs[3].max_depth);
  } else {
    pass++;
  }
  arena_free(&arena);
  if (typed_refs()) fail++;
  else pass++;
  printf("%d passed, %d failed\n", pass, fail);
  return fail != 0;
}
