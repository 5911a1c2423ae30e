/* runtime_functype.c - the function type registry: interning, malformed
 * signatures, accessors, formatting, and interning from many threads. */
#include <pthread.h>

#include "runtime_test.h"

static const struct {
  const char *sig;     /* signature string */
  const char *text;    /* w2l_functype_format, or NULL if malformed */
} types[] = {
    {":", "() -> ()"},
    {"i:i", "(i32) -> i32"},
    {"ii:i", "(i32, i32) -> i32"},
    {"IfF:", "(i64, f32, f64) -> ()"},
    {":ii", "() -> (i32, i32)"},
    {"rx:V", "(funcref, externref) -> v128"},
    {"", NULL},
    {"i", NULL},
    {"i::i", NULL},
    {"q:i", NULL},
    {"i:i ", NULL},
};

static void *intern_many(void *arg) {
  char sig[16];
  const w2l_functype **out = arg;
  for (int i = 0; i < 200; i++) {
    int k = 0;
    for (int b = 0; b < 8; b++) sig[k++] = (i >> b) & 1 ? 'I' : 'i';
    sig[k++] = ':';
    sig[k] = 0;
    out[i] = w2l_functype_intern(sig);
  }
  return NULL;
}

int main(void) {
  char buf[128];
  for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
    const w2l_functype *t = w2l_functype_intern(types[i].sig);
    if (!types[i].text) {
      CHECK(t == NULL, "malformed \"%s\" accepted", types[i].sig);
      continue;
    }
    CHECK(t != NULL, "\"%s\" rejected", types[i].sig);
    if (!t) continue;
    CHECK(t == w2l_functype_intern(types[i].sig), "\"%s\" interned twice", types[i].sig);
    CHECK_STR(w2l_functype_sig(t), types[i].sig);
    CHECK_STR(w2l_functype_format(t, buf, sizeof buf), types[i].text);
  }
  {
    char copy[] = "ii:i";
    const w2l_functype *t = w2l_functype_intern("ii:i");
    CHECK(w2l_functype_intern(copy) == t, "equal strings at different addresses");
    copy[0] = 'I';
    CHECK(w2l_functype_intern(copy) != t, "different signatures share a type");
    CHECK(w2l_functype_nparams(t) == 2 && w2l_functype_nresults(t) == 1, "counts");
    CHECK(w2l_functype_param(t, 1) == W2L_I32 && w2l_functype_result(t, 0) == W2L_I32, "types");
    CHECK(w2l_functype_param(t, 2) == 0, "param past the end");
    CHECK_STR(w2l_functype_format(t, buf, 8), "(i32, i");
    CHECK_STR(w2l_valtype_name(W2L_EXTERNREF), "externref");
  }
  {
    static const w2l_functype *seen[4][200];
    pthread_t th[4];
    int same = 1;
    for (int i = 0; i < 4; i++) pthread_create(&th[i], NULL, intern_many, seen[i]);
    for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
    for (int k = 0; k < 200; k++)
      for (int i = 1; i < 4; i++) same &= seen[i][k] == seen[0][k] && seen[0][k] != NULL;
    CHECK(same, "threads interned different pointers for one signature");
  }
  return test_finish();
}
