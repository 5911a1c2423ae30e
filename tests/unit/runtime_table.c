/* runtime_table.c - tables: creation, grow with max and limit, get/set/fill/
 * copy/init with 2.0 bounds, and the call_indirect checks. */
#include "runtime_test.h"

static uint32_t f_ii_i(void *obj, uint32_t a, uint32_t b) { return a + b + (obj != NULL); }

enum op { GET, SET, FILL, COPY, INIT, CALL };
static const struct table_case {
  enum op op;
  uint32_t d, s, n;  /* operands (index in d for get/set/call) */
  w2l_trap want;     /* on a 10-element table whose slot 3 holds f_ii_i, 4-element segment */
} cases[] = {
    {GET, 0, 0, 0, W2L_OK},
    {GET, 9, 0, 0, W2L_OK},
    {GET, 10, 0, 0, W2L_TRAP_OOB_TABLE},
    {GET, 0xFFFFFFFF, 0, 0, W2L_TRAP_OOB_TABLE},
    {SET, 9, 0, 0, W2L_OK},
    {SET, 10, 0, 0, W2L_TRAP_OOB_TABLE},
    {FILL, 10, 0, 0, W2L_OK},
    {FILL, 11, 0, 0, W2L_TRAP_OOB_TABLE},
    {FILL, 8, 0, 2, W2L_OK},
    {FILL, 8, 0, 3, W2L_TRAP_OOB_TABLE},
    {FILL, 1, 0, 0xFFFFFFFF, W2L_TRAP_OOB_TABLE},
    {COPY, 0, 5, 5, W2L_OK},
    {COPY, 10, 10, 0, W2L_OK},
    {COPY, 0, 11, 0, W2L_TRAP_OOB_TABLE},
    {COPY, 6, 0, 5, W2L_TRAP_OOB_TABLE},
    {COPY, 0, 0xFFFFFFFF, 2, W2L_TRAP_OOB_TABLE},
    {INIT, 6, 0, 4, W2L_OK},
    {INIT, 7, 0, 4, W2L_TRAP_OOB_TABLE},
    {INIT, 0, 4, 0, W2L_OK},
    {INIT, 0, 5, 0, W2L_TRAP_OOB_TABLE},
    {INIT, 0, 2, 3, W2L_TRAP_OOB_TABLE},
    {CALL, 3, 0, 0, W2L_OK},
    {CALL, 4, 0, 0, W2L_TRAP_UNINITIALIZED_ELEMENT},
    {CALL, 10, 0, 0, W2L_TRAP_UNDEFINED_ELEMENT},
    {CALL, 0xFFFFFFFF, 0, 0, W2L_TRAP_UNDEFINED_ELEMENT},
    {CALL, 5, 0, 0, W2L_TRAP_INDIRECT_TYPE_MISMATCH}, /* slot 5 holds a (i32) -> i32 */
};

struct table_call {
  w2l_table *t;                /* the table */
  const struct table_case *c;  /* the operation */
  const w2l_ref *seg;          /* 4-element segment */
  uint32_t result;             /* result of CALL */
};

static void run_case(void *arg) {
  struct table_call *tc = arg;
  const struct table_case *c = tc->c;
  w2l_ref r;
  switch (c->op) {
  case GET: (void)w2l_table_get(tc->t, c->d); break;
  case SET: w2l_table_set(tc->t, c->d, W2L_NULL_REF); break;
  case FILL: w2l_table_fill(tc->t, c->d, W2L_NULL_REF, c->n); break;
  case COPY: w2l_table_copy(tc->t, tc->t, c->d, c->s, c->n); break;
  case INIT: w2l_table_init(tc->t, tc->seg, 4, c->d, c->s, c->n); break;
  case CALL:
    r = *w2l_call_indirect_check(tc->t, c->d, w2l_functype_intern("ii:i"));
    tc->result = ((uint32_t(*)(void *, uint32_t, uint32_t))r.fn)(r.obj, 2, 3);
    break;
  }
}

int main(void) {
  const w2l_functype *ii_i = w2l_functype_intern("ii:i"), *i_i = w2l_functype_intern("i:i");
  w2l_ref f = {ii_i, (void (*)(void))f_ii_i, NULL, NULL};
  w2l_ref g = {i_i, (void (*)(void))f_ii_i, NULL, NULL}; /* wrong tag on purpose */
  w2l_ref seg[4] = {f, f, W2L_NULL_REF, f};
  w2l_table *t;

  t = w2l_table_new(W2L_FUNCREF, 0, UINT32_MAX);
  CHECK(t && t->size == 0 && t->elems && !t->has_max, "empty table");
  CHECK(t->limit == W2L_TABLE_LIMIT, "default limit %u", t->limit);
  CHECK(w2l_table_grow(t, 0, f) == 0, "grow 0");
  CHECK(w2l_table_grow(t, 3, f) == 0 && t->size == 3, "grow 3");
  CHECK(t->elems[2].fn == f.fn, "grown elements take the init value");
  CHECK(w2l_table_grow(t, 0xFFFFFFF0, f) == UINT32_MAX && t->size == 3, "huge grow fails");
  w2l_table_set_limit(t, 4);
  CHECK(w2l_table_grow(t, 2, f) == UINT32_MAX && w2l_table_grow(t, 1, f) == 3, "host limit");
  w2l_table_free(t);
  CHECK(w2l_table_new(W2L_FUNCREF, 5, 4) == NULL, "min > max accepted");

  t = w2l_table_new(W2L_EXTERNREF, 1, 2);
  CHECK(t->has_max && t->max == 2 && t->limit == 2, "max 2");
  CHECK(w2l_table_grow(t, 2, W2L_NULL_REF) == UINT32_MAX, "grow past max");
  CHECK(w2l_table_grow(t, 1, W2L_NULL_REF) == 1, "grow to max");
  w2l_table_free(t);

  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct table_call tc;
    w2l_trap got;
    t = w2l_table_new(W2L_FUNCREF, 10, 20);
    t->elems[3] = f;
    t->elems[5] = g;
    tc.t = t;
    tc.c = &cases[i];
    tc.seg = seg;
    tc.result = 0;
    got = w2l_protect(run_case, &tc);
    CHECK(got == cases[i].want, "case %zu (op %d d %u s %u n %u): got \"%s\"", i, (int)cases[i].op,
          cases[i].d, cases[i].s, cases[i].n, w2l_trap_message(got));
    if (got != W2L_OK) CHECK(t->elems[3].fn == f.fn && t->elems[0].fn == NULL, "case %zu wrote before trapping", i);
    if (cases[i].op == CALL && got == W2L_OK) CHECK(tc.result == 5, "call returned %u", tc.result);
    w2l_table_free(t);
  }

  /* Contents after fill / copy / init. */
  t = w2l_table_new(W2L_FUNCREF, 6, 6);
  w2l_table_fill(t, 1, f, 2);
  CHECK(!t->elems[0].fn && t->elems[1].fn && t->elems[2].fn && !t->elems[3].fn, "fill");
  w2l_table_copy(t, t, 2, 1, 3);
  CHECK(t->elems[2].fn && t->elems[3].fn && !t->elems[4].fn, "overlapping copy");
  w2l_table_init(t, seg, 4, 0, 2, 2);
  CHECK(!t->elems[0].fn && t->elems[1].fn, "init");
  CHECK(w2l_table_get(t, 1).type == ii_i, "get keeps the tag");
  w2l_table_free(t);

  /* A null stored with a tag loses it, so call_indirect's tag compare alone
   * cannot pass a null: every way in traps "uninitialized element". */
  {
    w2l_ref tagged_null = {ii_i, NULL, NULL, NULL};
    struct table_case call1 = {CALL, 1, 0, 0, W2L_TRAP_UNINITIALIZED_ELEMENT};
    struct table_call tc = {.c = &call1, .seg = seg};
    t = w2l_table_new(W2L_FUNCREF, 2, 8);
    tc.t = t;
    w2l_table_set(t, 1, tagged_null);
    CHECK(w2l_protect(run_case, &tc) == W2L_TRAP_UNINITIALIZED_ELEMENT, "set: tagged null called");
    w2l_table_fill(t, 0, tagged_null, 2);
    CHECK(w2l_protect(run_case, &tc) == W2L_TRAP_UNINITIALIZED_ELEMENT, "fill: tagged null called");
    CHECK(w2l_table_grow(t, 2, tagged_null) == 2 && t->elems[3].type == NULL, "grow kept the tag");
    w2l_table_free(t);
  }
  return test_finish();
}
