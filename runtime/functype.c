/* functype.c - the process-wide registry of function types.  Every module
 * interns its signature strings here, so structurally equal types are the same
 * pointer in every module and every loaded shared object (the runtime exists
 * once per process: hosts link with -rdynamic, plugins do not link it). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct w2l_functype {
  struct w2l_functype *next; /* next entry in the same hash bucket */
  uint32_t nparams;          /* number of parameters */
  uint32_t nresults;         /* number of results */
  const uint8_t *types;      /* nparams parameter then nresults result w2l_valtypes */
  char sig[];                /* the signature string, e.g. "ii:i" */
};

#define BUCKETS 1024 /* fixed: the registry holds distinct signatures only */

static struct w2l_functype *buckets[BUCKETS];
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

w2l_valtype rt_valtype_of_letter(char c) {
  switch (c) {
  case 'i': return W2L_I32;
  case 'I': return W2L_I64;
  case 'f': return W2L_F32;
  case 'F': return W2L_F64;
  case 'V': return W2L_V128;
  case 'r': return W2L_FUNCREF;
  case 'x': return W2L_EXTERNREF;
  default: return (w2l_valtype)0;
  }
}

const char *w2l_valtype_name(w2l_valtype t) {
  switch (t) {
  case W2L_I32: return "i32";
  case W2L_I64: return "i64";
  case W2L_F32: return "f32";
  case W2L_F64: return "f64";
  case W2L_V128: return "v128";
  case W2L_FUNCREF: return "funcref";
  case W2L_EXTERNREF: return "externref";
  }
  return "?";
}

/* The letters of a signature: up to its '|', after which the compiler spells
 * out the typed references (function references: (ref $t) and the like are
 * stored as funcrefs, but types differing there are different types). */
static size_t letters_of(const char *sig) {
  const char *bar = strchr(sig, '|');
  return bar ? (size_t)(bar - sig) : strlen(sig);
}

/* FNV-1a of the signature; sets *len.  Returns false if sig is malformed. */
static bool hash_sig(const char *sig, uint32_t *hash, size_t *len, uint32_t *nparams) {
  uint32_t h = 2166136261u;
  size_t i, colon = (size_t)-1, letters = letters_of(sig);
  for (i = 0; sig[i]; i++) {
    if (sig[i] == ':' && i < letters) {
      if (colon != (size_t)-1) return false;
      colon = i;
    } else if (i < letters && !rt_valtype_of_letter(sig[i])) {
      return false;
    }
    h = (h ^ (uint8_t)sig[i]) * 16777619u;
  }
  if (colon == (size_t)-1) return false;
  *hash = h;
  *len = i;
  *nparams = (uint32_t)colon;
  return true;
}

static struct w2l_functype *make_type(const char *sig, size_t len, uint32_t nparams) {
  struct w2l_functype *t = malloc(sizeof *t + len + 1 + len);
  uint8_t *types;
  size_t i, k = 0;
  if (!t) return NULL;
  memcpy(t->sig, sig, len + 1);
  types = (uint8_t *)t->sig + len + 1;
  size_t letters = letters_of(sig);
  for (i = 0; i < letters; i++)
    if (sig[i] != ':') types[k++] = (uint8_t)rt_valtype_of_letter(sig[i]);
  t->types = types;
  t->nparams = nparams;
  t->nresults = (uint32_t)(letters - 1 - nparams);
  t->next = NULL;
  return t;
}

const w2l_functype *w2l_functype_intern(const char *sig) {
  uint32_t hash, nparams;
  size_t len;
  struct w2l_functype *t;
  if (!sig || !hash_sig(sig, &hash, &len, &nparams)) return NULL;
  pthread_mutex_lock(&registry_lock);
  for (t = buckets[hash % BUCKETS]; t; t = t->next)
    if (strcmp(t->sig, sig) == 0) break;
  if (!t) {
    t = make_type(sig, len, nparams);
    if (t) {
      t->next = buckets[hash % BUCKETS];
      buckets[hash % BUCKETS] = t;
    }
  }
  pthread_mutex_unlock(&registry_lock);
  return t;
}

const char *w2l_functype_sig(const w2l_functype *t) { return t->sig; }
uint32_t w2l_functype_nparams(const w2l_functype *t) { return t->nparams; }
uint32_t w2l_functype_nresults(const w2l_functype *t) { return t->nresults; }

w2l_valtype w2l_functype_param(const w2l_functype *t, uint32_t i) {
  return i < t->nparams ? (w2l_valtype)t->types[i] : (w2l_valtype)0;
}

w2l_valtype w2l_functype_result(const w2l_functype *t, uint32_t i) {
  return i < t->nresults ? (w2l_valtype)t->types[t->nparams + i] : (w2l_valtype)0;
}

/* Appends "(a, b)" for n types to buf at *pos. */
static void format_list(char *buf, size_t size, size_t *pos, const uint8_t *types, uint32_t n,
                        bool parens) {
  uint32_t i;
  int k;
  if (parens) {
    k = snprintf(buf + *pos, size - *pos, "(");
    if (k > 0) *pos = *pos + (size_t)k < size ? *pos + (size_t)k : size - 1;
  }
  for (i = 0; i < n; i++) {
    k = snprintf(buf + *pos, size - *pos, "%s%s", i ? ", " : "",
                 w2l_valtype_name((w2l_valtype)types[i]));
    if (k > 0) *pos = *pos + (size_t)k < size ? *pos + (size_t)k : size - 1;
  }
  if (parens) {
    k = snprintf(buf + *pos, size - *pos, ")");
    if (k > 0) *pos = *pos + (size_t)k < size ? *pos + (size_t)k : size - 1;
  }
}

char *w2l_functype_format(const w2l_functype *t, char *buf, size_t size) {
  size_t pos = 0;
  int k;
  if (size == 0) return buf;
  buf[0] = 0;
  format_list(buf, size, &pos, t->types, t->nparams, true);
  k = snprintf(buf + pos, size - pos, " -> ");
  if (k > 0) pos = pos + (size_t)k < size ? pos + (size_t)k : size - 1;
  format_list(buf, size, &pos, t->types + t->nparams, t->nresults, t->nresults != 1);
  return buf;
}

/* ---- typed references (W2L_REF_TYPES) ---- */

/* The spelled-out form of a reference of storage type t: ref, or "nf" / "ne"
 * for plain funcref / externref. */
static const char *ref_form(w2l_valtype t, const char *ref) {
  if (ref) return ref;
  return t == W2L_FUNCREF ? "nf" : t == W2L_EXTERNREF ? "ne" : "";
}

bool rt_ref_same(w2l_valtype t, const char *a, const char *b) {
  return strcmp(ref_form(t, a), ref_form(t, b)) == 0;
}

bool rt_ref_sub(w2l_valtype t, const char *a, const char *b) {
  const char *x = ref_form(t, a), *y = ref_form(t, b);
  if (strcmp(x, y) == 0) return true;
  if (!x[0] || !y[0]) return false;             /* not references: only equal types match */
  if (x[0] == 'n' && y[0] == 'N') return false; /* nullable into non-nullable */
  const char *hx = x + 1, *hy = y + 1;
  if (strcmp(hx, hy) == 0) return true;
  if (hx[0] == '(') return strcmp(hy, "f") == 0;                         /* $t <: func */
  if (strcmp(hx, "F") == 0) return hy[0] == '(' || strcmp(hy, "f") == 0; /* nofunc <: $t, func */
  if (strcmp(hx, "E") == 0) return strcmp(hy, "e") == 0;                 /* noextern <: extern */
  if (strcmp(hx, "X") == 0) return strcmp(hy, "x") == 0;                 /* noexn <: exn */
  return false;
}
