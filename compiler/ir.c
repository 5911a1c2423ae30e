/* ir.c - small helpers over the module IR and the opcode table. */
#include <string.h>

#include "compiler.h"

const struct opinfo opinfo[OP_COUNT] = {
#define X(e, nm, pre, cd, im, sg, cc) {nm, pre, cd, im, sg, cc},
#include "opcodes.def"
#undef X
};

const char *valtype_name(enum valtype t) {
  switch (t) {
  case VT_I32: return "i32";
  case VT_I64: return "i64";
  case VT_F32: return "f32";
  case VT_F64: return "f64";
  case VT_V128: return "v128";
  case VT_FUNCREF: return "funcref";
  case VT_EXTERNREF: return "externref";
  }
  return "?";
}

bool valtype_is_ref(enum valtype t) { return t == VT_FUNCREF || t == VT_EXTERNREF; }

enum opcode op_by_name(const char *name, size_t len) {
  for (int i = 0; i < OP_COUNT; i++)
    if (i != OP_SELECT_T && strlen(opinfo[i].name) == len &&
        memcmp(opinfo[i].name, name, len) == 0)
      return (enum opcode)i;
  return OP_COUNT;
}

enum opcode op_by_code(uint8_t prefix, uint32_t code) {
  for (int i = 0; i < OP_COUNT; i++)
    if (opinfo[i].prefix == prefix && opinfo[i].code == code) return (enum opcode)i;
  return OP_COUNT;
}

bool functype_equal(const struct functype *a, const struct functype *b) {
  /* memcmp needs non-NULL pointers even for 0 bytes, and empty lists may be NULL */
  return a->nparams == b->nparams && a->nresults == b->nresults &&
         (!a->nparams || memcmp(a->params, b->params, a->nparams * sizeof *a->params) == 0) &&
         (!a->nresults || memcmp(a->results, b->results, a->nresults * sizeof *a->results) == 0);
}

uint32_t module_add_type(struct module *m, const struct functype *ft, bool dedupe) {
  if (dedupe)
    for (uint32_t i = 0; i < m->ntypes; i++)
      if (functype_equal(&m->types[i], ft)) return i;
  m->types = arena_grow(m->arena, m->types, m->ntypes, m->ntypes + 1, sizeof *m->types);
  struct functype *t = &m->types[m->ntypes];
  t->nparams = ft->nparams;
  t->nresults = ft->nresults;
  t->params = arena_array(m->arena, ft->nparams, sizeof *t->params);
  t->results = arena_array(m->arena, ft->nresults, sizeof *t->results);
  if (ft->nparams) memcpy(t->params, ft->params, ft->nparams * sizeof *t->params);
  if (ft->nresults) memcpy(t->results, ft->results, ft->nresults * sizeof *t->results);
  return m->ntypes++;
}

uint32_t op_natural_align(enum opcode op) {
  const char *name = opinfo[op].name;
  const char *p = strstr(name, "load");
  p = p ? p + 4 : strstr(name, "store") + 5;
  uint32_t bits = 0;
  while (*p >= '0' && *p <= '9') bits = bits * 10 + (uint32_t)(*p++ - '0');
  if (name[0] == 'v') /* v128.load 16, load8x8_s 8, load32_splat 4, store16_lane 2 */
    return bits == 0 ? 16 : *p == 'x' ? 8 : bits / 8;
  if (bits) return bits / 8; /* i64.load32_s 4 */
  return name[1] == '3' ? 4 : 8;
}

uint32_t op_lane_count(enum opcode op) {
  const char *name = opinfo[op].name;
  if (opinfo[op].imm == IMM_MEMARG_LANE) return 128 / (op_natural_align(op) * 8);
  if (opinfo[op].imm != IMM_LANE) return 0;
  const char *x = strchr(name, 'x'); /* i8x16 -> 16 */
  uint32_t n = 0;
  for (x++; *x >= '0' && *x <= '9'; x++) n = n * 10 + (uint32_t)(*x - '0');
  return n;
}
