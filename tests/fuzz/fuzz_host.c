/* fuzz_host.c - runs a module made by binaryen's fuzzer (wasm-opt -ttf) the way
 * binaryen's interpreter does (wasm-opt --fuzz-exec-before) and compares what
 * happens, event by event, with the interpreter's output.
 *
 *   fuzz_host REFERENCE.txt     run the module linked in (prefix fz_), compare
 *   fuzz_host -                 run it and print the events, compare nothing
 *
 * The module is translated with `wasm2c-lite X.wasm -n fz -o fz.c` and linked
 * with this file and the runtime.  As the interpreter does, every exported
 * function is called in export order with zero arguments, after a call of the
 * module's "hangLimitInitializer" export if it has one, and the state (memory,
 * globals, tables) carries over from one call to the next.  Events:
 *
 *   [fuzz-exec] calling NAME                       before each call
 *   [LoggingExternalInterface logging VALUE]       fuzzing-support.log-* imports
 *   [fuzz-exec] note result: NAME => VALUE         a call that returned values
 *   [trap ...]                                     a call that trapped
 *
 * Values compare exactly: integers by value (log-i64 prints its low and high
 * halves as two signed i32, as binaryen does), floats by bits after parsing the
 * interpreter's shortest decimal form (an f32 through strtof), any two NaNs as
 * equal (NaN by class), v128 as four i32 lanes.  Trap messages differ between
 * the two and are not compared, only that a trap happened.  Reference results
 * (funcref...) compare by kind only.
 *
 * Exit status: 0 all events matched, 1 a mismatch (described on stderr),
 * 2 the module could not be run (instantiation failed: reason on stderr).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2l.h"
#include "fz.h"

/* The reference events, one per line, and where the comparison is. */
static char **ref;
static size_t nref, next_ref;
static bool comparing;
static int mismatches;

static const char *const event_prefixes[] = {
    "[fuzz-exec] calling ", "[LoggingExternalInterface logging ", "[fuzz-exec] note result: ",
    "[trap ",
};

static void load_reference(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    perror(path);
    exit(2);
  }
  char line[4096];
  size_t cap = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    bool event = false;
    for (size_t k = 0; k < sizeof event_prefixes / sizeof *event_prefixes; k++)
      event |= strncmp(line, event_prefixes[k], strlen(event_prefixes[k])) == 0;
    if (!event) continue;
    if (nref == cap) {
      cap = cap ? 2 * cap : 256;
      ref = realloc(ref, cap * sizeof *ref);
      if (!ref) exit(2);
    }
    size_t n = strlen(line) + 1;
    ref[nref] = malloc(n);
    if (!ref[nref]) exit(2);
    memcpy(ref[nref++], line, n);
  }
  fclose(f);
}

/* Report the first mismatch and stop comparing (the rest would only cascade). */
static void mismatch(const char *got) {
  if (mismatches++) return;
  fprintf(stderr, "MISMATCH at event %zu\n  expected: %s\n  got:      %s\n", next_ref,
          next_ref < nref ? ref[next_ref] : "(end of the reference)", got);
}

/* The next reference line if it starts with prefix, else NULL (a mismatch). */
static const char *expect(const char *prefix, const char *got) {
  printf("%s\n", got);
  if (!comparing || mismatches) return NULL;
  if (next_ref >= nref || strncmp(ref[next_ref], prefix, strlen(prefix)) != 0) {
    mismatch(got);
    return NULL;
  }
  return ref[next_ref++] + strlen(prefix);
}

/* ---- typed values: one token of the reference against our value ---- */

enum vkind { V_I32, V_I64, V_F32, V_F64, V_V128, V_REF };

struct value {
  enum vkind kind;  /* which member */
  uint32_t i32;     /* V_I32 */
  uint64_t i64;     /* V_I64 */
  float f32;        /* V_F32 */
  double f64;       /* V_F64 */
  uint32_t lanes[4]; /* V_V128, as i32x4 */
};

/* Our value in the interpreter's notation (floats as %.17g, which parses back exactly). */
static void format_value(char *buf, size_t n, const struct value *v) {
  switch (v->kind) {
  case V_I32: snprintf(buf, n, "%" PRId32, (int32_t)v->i32); break;
  case V_I64: snprintf(buf, n, "%" PRId64, (int64_t)v->i64); break;
  case V_F32: snprintf(buf, n, "%.9g", (double)v->f32); break;
  case V_F64: snprintf(buf, n, "%.17g", v->f64); break;
  case V_V128:
    snprintf(buf, n, "i32x4 0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32,
             v->lanes[0], v->lanes[1], v->lanes[2], v->lanes[3]);
    break;
  case V_REF: snprintf(buf, n, "ref"); break;
  }
}

static bool same_float_bits(double a, double b) {
  if (isnan(a) && isnan(b)) return true;
  return memcmp(&a, &b, sizeof a) == 0;
}

/* Does the reference token at *p match v?  Advances *p past it. */
static bool match_value(const char **p, const struct value *v) {
  const char *s = *p;
  char *end = (char *)s;
  bool ok = false;
  switch (v->kind) {
  case V_I32: ok = strtoll(s, &end, 10) == (int32_t)v->i32; break;
  case V_I64: ok = strtoll(s, &end, 10) == (int64_t)v->i64; break;
  case V_F32: {
    float r = strtof(s, &end);
    ok = (isnan(r) && isnan(v->f32)) || memcmp(&r, &v->f32, sizeof r) == 0;
    break;
  }
  case V_F64: ok = same_float_bits(strtod(s, &end), v->f64); break;
  case V_V128: {
    end = (char *)s;
    if (strncmp(s, "i32x4 ", 6) != 0) return false;
    end += 6;
    ok = true;
    for (int k = 0; k < 4; k++) ok &= strtoul(end, &end, 16) == v->lanes[k];
    break;
  }
  case V_REF: { /* "funcref(NAME)", "externref", "null", ... : only its presence */
    int depth = 0;
    for (end = (char *)s; *end && (depth || !strchr(",) ", *end)); end++)
      depth += (*end == '(') - (*end == ')');
    ok = end != s;
    break;
  }
  }
  if (end == s) return false;
  *p = end;
  return ok;
}

static struct value from_val(const w2l_val *x) {
  struct value v = {0};
  switch (x->type) {
  case W2L_I32: v.kind = V_I32; v.i32 = x->of.i32; break;
  case W2L_I64: v.kind = V_I64; v.i64 = x->of.i64; break;
  case W2L_F32: v.kind = V_F32; v.f32 = x->of.f32; break;
  case W2L_F64: v.kind = V_F64; v.f64 = x->of.f64; break;
  case W2L_V128:
    v.kind = V_V128;
    for (int k = 0; k < 4; k++)
      v.lanes[k] = (uint32_t)x->of.v128.b[4 * k] | (uint32_t)x->of.v128.b[4 * k + 1] << 8 |
                   (uint32_t)x->of.v128.b[4 * k + 2] << 16 | (uint32_t)x->of.v128.b[4 * k + 3] << 24;
    break;
  default: v.kind = V_REF; break;
  }
  return v;
}

/* ---- events ---- */

static void log_values(const struct value *vs, int n) {
  char got[512] = "[LoggingExternalInterface logging", one[128];
  for (int k = 0; k < n; k++) {
    format_value(one, sizeof one, &vs[k]);
    strncat(got, " ", sizeof got - strlen(got) - 1);
    strncat(got, one, sizeof got - strlen(got) - 1);
  }
  strncat(got, "]", sizeof got - strlen(got) - 1);
  const char *r = expect(event_prefixes[1], got);
  if (!r) return;
  for (int k = 0; k < n; k++) {
    if (k && *r++ != ' ') goto bad;
    if (!match_value(&r, &vs[k])) goto bad;
  }
  if (strcmp(r, "]") == 0) return;
bad:
  next_ref--;
  mismatch(got);
}

static void log_i32(void *env, uint32_t x) {
  (void)env;
  log_values(&(struct value){.kind = V_I32, .i32 = x}, 1);
}

static void log_i64(void *env, uint64_t x) {
  (void)env;
  struct value v[2] = {{.kind = V_I32, .i32 = (uint32_t)x}, {.kind = V_I32, .i32 = (uint32_t)(x >> 32)}};
  log_values(v, 2);
}

static void log_f32(void *env, float x) {
  (void)env;
  log_values(&(struct value){.kind = V_F32, .f32 = x}, 1);
}

static void log_f64(void *env, double x) {
  (void)env;
  log_values(&(struct value){.kind = V_F64, .f64 = x}, 1);
}

static void log_v128(void *env, w2l_v128 x) {
  (void)env;
  w2l_val tagged = {.type = W2L_V128, .of = {.v128 = x}};
  struct value v = from_val(&tagged);
  log_values(&v, 1);
}

static void note_call(const char *name) {
  char got[600];
  snprintf(got, sizeof got, "[fuzz-exec] calling %s", name);
  const char *r = expect(event_prefixes[0], got);
  if (r && strcmp(r, name) != 0) {
    next_ref--;
    mismatch(got);
  }
}

static void note_result(const char *name, const w2l_val *res, size_t n) {
  char got[2048], one[128];
  int len = snprintf(got, sizeof got, "[fuzz-exec] note result: %s => %s", name, n > 1 ? "(" : "");
  struct value vs[16];
  for (size_t k = 0; k < n && k < 16; k++) {
    vs[k] = from_val(&res[k]);
    format_value(one, sizeof one, &vs[k]);
    len += snprintf(got + len, sizeof got - (size_t)len, "%s%s", k ? ", " : "", one);
  }
  if (n > 1) snprintf(got + len, sizeof got - (size_t)len, ")");
  const char *r = expect(event_prefixes[2], got);
  if (!r) return;
  size_t nl = strlen(name);
  if (strncmp(r, name, nl) != 0 || strncmp(r + nl, " => ", 4) != 0) goto bad;
  r += nl + 4;
  if (n > 1 && *r++ != '(') goto bad;
  for (size_t k = 0; k < n && k < 16; k++) {
    if (k && strncmp(r, ", ", 2) != 0) goto bad;
    if (k) r += 2;
    if (!match_value(&r, &vs[k])) goto bad;
  }
  if (n > 1 && *r++ != ')') goto bad;
  if (*r == '\0') return;
bad:
  next_ref--;
  mismatch(got);
}

static void note_trap(w2l_trap t) {
  char got[300];
  snprintf(got, sizeof got, "[trap %s]", w2l_trap_message(t));
  expect(event_prefixes[3], got);
}

/* ---- calling the exports ---- */

static w2l_valtype sig_valtype(char c) {
  switch (c) {
  case 'i': return W2L_I32;
  case 'I': return W2L_I64;
  case 'f': return W2L_F32;
  case 'F': return W2L_F64;
  case 'V': return W2L_V128;
  case 'r': return W2L_FUNCREF;
  default: return W2L_EXTERNREF;
  }
}

/* Does the module export binaryen's "hangLimitInitializer"? */
static bool has_hang_limit;

static void call_export(w2l_instance *inst, const w2l_export_desc *ex) {
  w2l_val args[64], res[64];
  const char *sig = ex->type.sig, *colon = strchr(sig, ':');
  size_t nargs = (size_t)(colon - sig), nres = strcspn(colon + 1, "|"); /* letters before a "|" */
  if (nargs > 64 || nres > 64) {
    fprintf(stderr, "export %s: too many parameters or results\n", ex->name);
    exit(2);
  }
  memset(args, 0, sizeof args);
  for (size_t k = 0; k < nargs; k++) args[k].type = sig_valtype(sig[k]); /* zeros, null refs */
  note_call(ex->name);
  w2l_error err;
  /* As the interpreter does, the fuzzer's hang limit is reset before every call. */
  if (has_hang_limit) w2l_call(inst, "hangLimitInitializer", NULL, 0, NULL, 0, &err);
  w2l_trap t = w2l_call_n(inst, ex->name, ex->name_len, args, nargs, res, nres, &err);
  if (t == W2L_TRAP_CALL_ERROR) { /* the host's fault, not the module's */
    fprintf(stderr, "cannot call %s: %s\n", ex->name, err.message);
    exit(2);
  }
  if (t != W2L_OK) note_trap(t);
  else if (nres) note_result(ex->name, res, nres);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: fuzz_host REFERENCE.txt | -\n");
    return 2;
  }
  comparing = strcmp(argv[1], "-") != 0;
  if (comparing) load_reference(argv[1]);
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define_func(l, "fuzzing-support", "log-i32", "i:", (void (*)(void))log_i32, NULL);
  w2l_linker_define_func(l, "fuzzing-support", "log-i64", "I:", (void (*)(void))log_i64, NULL);
  w2l_linker_define_func(l, "fuzzing-support", "log-f32", "f:", (void (*)(void))log_f32, NULL);
  w2l_linker_define_func(l, "fuzzing-support", "log-f64", "F:", (void (*)(void))log_f64, NULL);
  w2l_linker_define_func(l, "fuzzing-support", "log-v128", "V:", (void (*)(void))log_v128, NULL);
  w2l_error err;
  w2l_instance *inst = w2l_linker_instantiate(l, &fz_module, NULL, &err);
  if (!inst) {
    fprintf(stderr, "cannot instantiate: %s\n", err.message);
    return 2;
  }
  for (uint32_t k = 0; k < fz_module.nexports; k++)
    has_hang_limit |= strcmp(fz_module.exports[k].name, "hangLimitInitializer") == 0;
  for (uint32_t k = 0; k < fz_module.nexports; k++)
    if (fz_module.exports[k].kind == W2L_EXTERN_FUNC) call_export(inst, &fz_module.exports[k]);
  if (comparing && !mismatches && next_ref < nref) mismatch("(no more events)");
  w2l_instance_free(inst);
  w2l_linker_free(l);
  fflush(stdout);
  return mismatches ? 1 : 0;
}
