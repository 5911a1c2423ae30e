/* table.c - tables of references (funcref, externref): grow, get, set, fill,
 * copy and init with the 2.0 bounds semantics. */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

w2l_table *w2l_table_new(w2l_valtype reftype, uint32_t min, uint32_t max) {
  w2l_table *t;
  char what[64];
  if (min > max) return NULL;
  snprintf(what, sizeof what, "a table of %u elements", min);
  if (!rt_quota_charge(rt_new_quota, (uint64_t)min * sizeof(w2l_ref), what)) return NULL;
  t = calloc(1, sizeof *t);
  if (t) t->elems = calloc(min ? min : 1, sizeof *t->elems); /* all null; never NULL itself */
  if (!t || !t->elems) {
    rt_quota_uncharge(rt_new_quota, (uint64_t)min * sizeof(w2l_ref));
    free(t);
    return NULL;
  }
  t->quota = rt_quota_retain(rt_new_quota);
  t->size = min;
  t->max = max;
  t->has_max = max != UINT32_MAX;
  t->limit = max < W2L_TABLE_LIMIT ? max : W2L_TABLE_LIMIT;
  if (t->limit < min) t->limit = min;
  t->reftype = reftype;
  return t;
}

/* r as a table stores it: a null's tag is NULL, so the call_indirect fast path
 * (w2l_call_indirect_check) needs no separate null test. */
static w2l_ref stored(w2l_ref r) {
  if (!r.fn) r.type = NULL;
  return r;
}

void w2l_call_ref_trap(const w2l_ref *r) {
  w2l_trap_raise(r->fn ? W2L_TRAP_INDIRECT_TYPE_MISMATCH : W2L_TRAP_NULL_FUNC_REF);
}

void w2l_table_free(w2l_table *t) {
  if (!t) return;
  rt_quota_uncharge(t->quota, (uint64_t)t->size * sizeof(w2l_ref));
  rt_quota_release(t->quota);
  free(t->elems);
  free(t);
}

uint32_t w2l_table_grow(w2l_table *t, uint32_t delta, w2l_ref init) {
  uint32_t old = t->size, limit = t->limit < t->max ? t->limit : t->max;
  w2l_ref *elems;
  if (delta == 0) return old;
  if (old > limit || delta > limit - old) return UINT32_MAX;
  if (!rt_quota_charge(t->quota, (uint64_t)delta * sizeof *elems, "table.grow")) return UINT32_MAX;
  elems = realloc(t->elems, ((size_t)old + delta) * sizeof *elems);
  if (!elems) {
    rt_quota_uncharge(t->quota, (uint64_t)delta * sizeof *elems);
    return UINT32_MAX;
  }
  init = stored(init);
  for (uint32_t i = old; i < old + delta; i++) elems[i] = init;
  t->elems = elems;
  t->size = old + delta;
  return old;
}

void w2l_table_set_limit(w2l_table *t, uint32_t limit) {
  t->limit = limit < t->max ? limit : t->max;
}

w2l_ref w2l_table_get(const w2l_table *t, uint32_t i) {
  if (i >= t->size) w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  return t->elems[i];
}

void w2l_table_set(w2l_table *t, uint32_t i, w2l_ref r) {
  if (i >= t->size) w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  t->elems[i] = stored(r);
}

void w2l_table_fill(w2l_table *t, uint32_t i, w2l_ref r, uint32_t n) {
  if ((uint64_t)i + n > t->size) w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  r = stored(r);
  for (uint32_t k = 0; k < n; k++) t->elems[i + k] = r;
}

void w2l_call_indirect_trap(const w2l_table *t, uint32_t i) {
  if (i >= t->size) w2l_trap_raise(W2L_TRAP_UNDEFINED_ELEMENT);
  if (!t->elems[i].fn) w2l_trap_raise(W2L_TRAP_UNINITIALIZED_ELEMENT);
  w2l_trap_raise(W2L_TRAP_INDIRECT_TYPE_MISMATCH);
}

void w2l_table_copy(w2l_table *dst, w2l_table *src, uint32_t d, uint32_t s, uint32_t n) {
  if ((uint64_t)d + n > dst->size || (uint64_t)s + n > src->size)
    w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  if (n) memmove(dst->elems + d, src->elems + s, (size_t)n * sizeof *dst->elems);
}

void w2l_table_init(w2l_table *t, const w2l_ref *seg, uint32_t seg_len, uint32_t d, uint32_t s,
                    uint32_t n) {
  if ((uint64_t)s + n > seg_len || (uint64_t)d + n > t->size) w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  if (n) memcpy(t->elems + d, seg + s, (size_t)n * sizeof *t->elems);
}
