/* emit_tail.c - tail calls (return_call, return_call_indirect) in constant
 * native stack, as runtime/w2l.h's w2l_tail describes.
 *
 * In a module that makes tail calls, every own function F gets a tail entry
 * X__fN__tail(w2l_tail *t), which reads its arguments from t->slots and
 * leaves its results there.  A function that makes tail calls is written as
 * its tail entry (its calls leave with W2L_TAIL_GO) and its C function F
 * runs that entry under w2l_tail_run; any other function keeps its C
 * function and gets a small tail entry that calls it.  Tail calls to callees
 * without a tail entry (imports, table elements of other modules or of the
 * host) go through a thunk per function type that calls them normally. */
#include <inttypes.h>
#include <string.h>

#include "emit.h"

char *emit_tail_entry_name(struct emitter *e, uint32_t funcidx) {
  struct ebuf b;
  emit_init_buf(&b, e->arena);
  emit_printf(&b, "%s__tail", e->func_names[funcidx]);
  return b.data;
}

char *emit_tail_thunk_name(struct emitter *e, uint32_t typeidx) {
  return emit_sig_name(e, "tailthunk", typeidx);
}

/* Whether type typeidx is the first of the types equal to it that need a
 * thunk (one thunk serves them all: the name comes from the signature). */
static bool first_thunk_of_its_kind(const struct emitter *e, uint32_t typeidx) {
  if (!e->tail_thunk[typeidx]) return false;
  for (uint32_t j = 0; j < typeidx; j++)
    if (e->tail_thunk[j] && emit_same_ctypes(e, j, typeidx)) return false;
  return true;
}

void emit_tail_prototypes(struct emitter *e) {
  const struct module *m = e->m;
  if (!e->tail_calls) return;
  for (uint32_t i = m->nfuncimports; i < m->nfuncs; i++)
    emit_printf(e->out, "%svoid %s(w2l_tail *t);\n", e->fn_storage, emit_tail_entry_name(e, i));
  for (uint32_t i = 0; i < m->ntypes; i++)
    if (first_thunk_of_its_kind(e, i))
      emit_printf(e->out, "%sW2L_MAYBE_UNUSED void %s(w2l_tail *t);\n", e->fn_storage,
                  emit_tail_thunk_name(e, i));
  emit_put(e->out, "\n");
}

/* callee(t->obj, arguments from t->slots), results back to t->slots. */
static void call_from_slots(struct emitter *e, uint32_t typeidx, const char *callee) {
  emit_call_with_values(e, typeidx, callee, "t->obj", "t->slots", "t->slots");
}

void emit_tail_thunks(struct emitter *e) {
  const struct module *m = e->m;
  for (uint32_t i = 0; e->tail_calls && i < m->ntypes; i++) {
    if (!first_thunk_of_its_kind(e, i)) continue;
    struct ebuf callee;
    emit_init_buf(&callee, e->arena);
    emit_put(&callee, "((");
    emit_fnptr_type(e, &callee, i);
    emit_put(&callee, ")t->fn)");
    emit_printf(e->out, "/* Tail calls of type %s to a function without a tail entry. */\n",
                emit_sig(e->arena, &m->types[i]));
    emit_printf(e->out, "%sW2L_MAYBE_UNUSED void %s(w2l_tail *t) {\n", e->fn_storage,
                emit_tail_thunk_name(e, i));
    call_from_slots(e, i, callee.data);
    emit_put(e->out, "}\n\n");
  }
}

/* F(obj, params...): runs F's tail entry, and the chain it starts, under
 * w2l_tail_run, with its arguments and results in slots of its frame. */
static void emit_tail_runner(struct emitter *e, uint32_t funcidx) {
  const struct func *f = &e->m->funcs[funcidx];
  const struct functype *ft = &e->m->types[f->typeidx];
  struct ebuf *o = e->out;
  uint32_t cap = TAIL_SLOTS;
  if (ft->nparams > cap) cap = ft->nparams;
  if (ft->nresults > cap) cap = ft->nresults;
  emit_printf(o, "%s%s %s(void *obj", e->fn_storage, emit_return_type(e, f->typeidx),
              e->func_names[funcidx]);
  for (uint32_t k = 0; k < ft->nparams; k++)
    emit_printf(o, ", %s p%" PRIu32, emit_ctype(ft->params[k]), k);
  emit_printf(o, ") {\n  w2l_value slots[%" PRIu32 "];\n  w2l_tail t = {NULL, obj, NULL, slots};\n",
              cap);
  for (uint32_t k = 0; k < ft->nparams; k++)
    emit_printf(o, "  slots[%" PRIu32 "].%s = p%" PRIu32 ";\n", k, emit_value_member(ft->params[k]),
                k);
  emit_printf(o, "  %s(&t);\n  w2l_tail_run(&t);\n", emit_tail_entry_name(e, funcidx));
  if (ft->nresults == 1) {
    emit_printf(o, "  return slots[0].%s;\n", emit_value_member(ft->results[0]));
  } else if (ft->nresults > 1) {
    emit_printf(o, "  return (%s){", emit_return_type(e, f->typeidx));
    for (uint32_t k = 0; k < ft->nresults; k++)
      emit_printf(o, "%sslots[%" PRIu32 "].%s", k ? ", " : "", k,
                  emit_value_member(ft->results[k]));
    emit_put(o, "};\n");
  }
  emit_put(o, "}\n\n");
}

void emit_tail_companion(struct emitter *e, uint32_t funcidx) {
  if (!e->tail_calls) return;
  if (e->tail_body[funcidx]) {
    emit_tail_runner(e, funcidx);
    return;
  }
  emit_printf(e->out, "%svoid %s(w2l_tail *t) {\n", e->fn_storage,
              emit_tail_entry_name(e, funcidx));
  call_from_slots(e, e->m->funcs[funcidx].typeidx, e->func_names[funcidx]);
  emit_put(e->out, "}\n\n");
}
