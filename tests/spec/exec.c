/* exec.c - carry out a script's commands against the compiled modules.
 *
 * Runs in a child process (see supervise in runner.c).  Modules come from the
 * shared objects build.c made: w<index>_module is looked up with dlsym and
 * instantiated through the runtime's linker, which also holds the spectest
 * host module and every (register ...) name.  Invokes and gets go through
 * w2l_call and w2l_instance_export; export names holding a NUL byte (which
 * those C-string APIs cannot spell) go through the module descriptor instead.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

/* A module name ($id) bound to an instance (NULL if that module failed). */
struct named {
  const char *name;   /* $id without the '$' */
  w2l_instance *inst; /* its instance, or NULL */
};

struct exec {
  struct run *r;          /* the run */
  void **handles;         /* dlopen handle per shared object (NULL if it failed) */
  char **dl_errors;       /* dlerror() text per failed shared object */
  w2l_linker *linker;     /* spectest, registered names */
  w2l_instance *current;  /* the latest module's instance, NULL if it failed */
  uint32_t current_line;  /* line of the latest module command */
  struct named *names;    /* every named module so far, latest last */
  uint32_t nnames;        /* entries in names */
  bool unavailable;       /* the command's module failed earlier: it did not run */
};

/* ------------------------------------------------------------------------ */
/* The spectest host module, as the spec's test harness defines it.          */
/* ------------------------------------------------------------------------ */

static void spectest_print(void *env) { (void)env; }
static void spectest_print_i32(void *env, uint32_t x) { (void)env, (void)x; }
static void spectest_print_i64(void *env, uint64_t x) { (void)env, (void)x; }
static void spectest_print_f32(void *env, float x) { (void)env, (void)x; }
static void spectest_print_f64(void *env, double x) { (void)env, (void)x; }
static void spectest_print_i32_f32(void *env, uint32_t x, float y) { (void)env, (void)x, (void)y; }
static void spectest_print_f64_f64(void *env, double x, double y) { (void)env, (void)x, (void)y; }

static void define_global(w2l_linker *l, const char *name, w2l_valtype t, w2l_value v) {
  w2l_extern e = {.kind = W2L_EXTERN_GLOBAL, .of.global = w2l_global_new(t, false, v)};
  w2l_linker_define(l, "spectest", name, e);
}

static void define_spectest(w2l_linker *l) {
  static const struct {
    const char *name, *sig;
    void (*fn)(void);
  } funcs[] = {
      {"print", ":", (void (*)(void))spectest_print},
      {"print_i32", "i:", (void (*)(void))spectest_print_i32},
      {"print_i64", "I:", (void (*)(void))spectest_print_i64},
      {"print_f32", "f:", (void (*)(void))spectest_print_f32},
      {"print_f64", "F:", (void (*)(void))spectest_print_f64},
      {"print_i32_f32", "if:", (void (*)(void))spectest_print_i32_f32},
      {"print_f64_f64", "FF:", (void (*)(void))spectest_print_f64_f64},
  };
  for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
    w2l_linker_define_func(l, "spectest", funcs[i].name, funcs[i].sig, funcs[i].fn, NULL);
  define_global(l, "global_i32", W2L_I32, (w2l_value){.i32 = 666});
  define_global(l, "global_i64", W2L_I64, (w2l_value){.i64 = 666});
  define_global(l, "global_f32", W2L_F32, (w2l_value){.f32 = 666.6f});
  define_global(l, "global_f64", W2L_F64, (w2l_value){.f64 = 666.6});
  w2l_extern table = {.kind = W2L_EXTERN_TABLE, .of.table = w2l_table_new(W2L_FUNCREF, 10, 20)};
  w2l_linker_define(l, "spectest", "table", table);
  w2l_extern table64 = {.kind = W2L_EXTERN_TABLE, .of.table = w2l_table_new(W2L_FUNCREF, 10, 20)};
  if (table64.of.table) table64.of.table->index64 = true; /* table64 (3.0) */
  w2l_linker_define(l, "spectest", "table64", table64);
  w2l_extern mem = {.kind = W2L_EXTERN_MEMORY, .of.memory = w2l_memory_new(1, 2)};
  w2l_linker_define(l, "spectest", "memory", mem);
  w2l_extern shared = {.kind = W2L_EXTERN_MEMORY, .of.memory = w2l_memory_new_shared(1, 2)};
  w2l_linker_define(l, "spectest", "shared_memory", shared);
}

/* ------------------------------------------------------------------------ */
/* Values                                                                    */
/* ------------------------------------------------------------------------ */

/* The host pointer that stands for ref.extern n (never NULL). */
static void *extern_ptr(uint64_t n) { return (void *)(uintptr_t)(n + 1); }

static w2l_valtype sig_type(char c) {
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

static uint64_t val_bits(const w2l_val *v) {
  uint32_t b32;
  uint64_t b64;
  switch (v->type) {
  case W2L_I32: return v->of.i32;
  case W2L_I64: return v->of.i64;
  case W2L_F32: memcpy(&b32, &v->of.f32, 4); return b32;
  case W2L_F64: memcpy(&b64, &v->of.f64, 8); return b64;
  default: return 0;
  }
}

static w2l_val to_val(const struct wast_value *w) {
  w2l_val v = {.type = (w2l_valtype)w->type};
  uint32_t b32 = (uint32_t)w->bits;
  switch (w->type) {
  case VT_I32: v.of.i32 = b32; break;
  case VT_I64: v.of.i64 = w->bits; break;
  case VT_F32: memcpy(&v.of.f32, &b32, 4); break;
  case VT_F64: memcpy(&v.of.f64, &w->bits, 8); break;
  case VT_V128: memcpy(v.of.v128.b, w->v128, 16); break;
  case VT_FUNCREF: v.of.ref = W2L_NULL_REF; break;
  case VT_EXTERNREF:
    v.of.ref = W2L_NULL_REF;
    if (w->kind == WV_REF_EXTERN) v.of.ref.obj = extern_ptr(w->bits);
    break;
  default: break; /* typed references: scripts give no such arguments */
  }
  return v;
}

static bool ref_is_null(const w2l_val *v) {
  return v->type == W2L_FUNCREF ? v->of.ref.fn == NULL : v->of.ref.obj == NULL;
}

/* A v128 result lane by lane: float shapes allow nan:canonical / nan:arithmetic lanes. */
static bool v128_matches(const struct wast_value *e, const uint8_t *got) {
  unsigned lanes = e->lanes ? e->lanes : 16, width = 16 / lanes;
  for (unsigned i = 0; i < lanes; i++) {
    const uint8_t *g = got + i * width;
    int kind = e->float_lanes ? e->lane_kind[i] : WV_EXACT;
    if (kind == WV_EXACT) {
      if (memcmp(g, e->v128 + i * width, width) != 0) return false;
      continue;
    }
    uint64_t bits = 0;
    for (unsigned k = 0; k < width; k++) bits |= (uint64_t)g[k] << (8 * k);
    bool f32 = width == 4;
    uint64_t exp_mask = f32 ? 0x7f800000u : 0x7ff0000000000000u;
    uint64_t quiet = f32 ? 0x00400000u : 0x0008000000000000u;
    uint64_t sign = f32 ? 0x80000000u : 0x8000000000000000u;
    if (kind == WV_NAN_CANONICAL && (bits & ~sign) != (exp_mask | quiet)) return false;
    if (kind == WV_NAN_ARITHMETIC && (bits & (exp_mask | quiet)) != (exp_mask | quiet)) return false;
  }
  return true;
}

static bool matches(const struct wast_value *e, const w2l_val *a) {
  if (e->kind == WV_EITHER) {
    for (uint32_t i = 0; i < e->nalts; i++)
      if (matches(&e->alts[i], a)) return true;
    return false;
  }
  if (e->any_type && e->kind == WV_REF_NULL)
    return (a->type == W2L_FUNCREF || a->type == W2L_EXTERNREF) && ref_is_null(a);
  if ((w2l_valtype)e->type != a->type) return false;
  uint64_t bits = val_bits(a);
  bool f32 = a->type == W2L_F32;
  uint64_t exp_mask = f32 ? 0x7f800000u : 0x7ff0000000000000u;
  uint64_t quiet = f32 ? 0x00400000u : 0x0008000000000000u;
  uint64_t sign = f32 ? 0x80000000u : 0x8000000000000000u;
  switch (e->kind) {
  case WV_EXACT:
    if (a->type == W2L_V128) return v128_matches(e, a->of.v128.b);
    return bits == e->bits;
  case WV_NAN_CANONICAL: return (bits & ~sign) == (exp_mask | quiet);
  case WV_NAN_ARITHMETIC: return (bits & (exp_mask | quiet)) == (exp_mask | quiet);
  case WV_REF_NULL: return ref_is_null(a);
  case WV_REF_EXTERN: return a->of.ref.obj == extern_ptr(e->bits);
  case WV_REF_NONNULL: return !ref_is_null(a);
  case WV_EITHER:
  case WV_GC_REF: return false;
  }
  return false;
}


/* Append a printed value to buf (at most cap bytes, NUL kept). */
static void append(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t cap, const char *fmt, ...) {
  size_t len = strlen(buf);
  va_list ap;
  if (len + 1 >= cap) return;
  va_start(ap, fmt);
  vsnprintf(buf + len, cap - len, fmt, ap);
  va_end(ap);
}

static void print_bits(char *buf, size_t cap, w2l_valtype t, uint64_t bits) {
  float f;
  double d;
  uint32_t b32 = (uint32_t)bits;
  switch (t) {
  case W2L_I32: append(buf, cap, "i32:%u (0x%08x)", b32, b32); break;
  case W2L_I64: append(buf, cap, "i64:%llu (0x%016llx)", (unsigned long long)bits,
                       (unsigned long long)bits); break;
  case W2L_F32: memcpy(&f, &b32, 4); append(buf, cap, "f32:%.9g (0x%08x)", f, b32); break;
  case W2L_F64: memcpy(&d, &bits, 8); append(buf, cap, "f64:%.17g (0x%016llx)", d,
                                             (unsigned long long)bits); break;
  default: break;
  }
}

static void print_v128(char *buf, size_t cap, const uint8_t *v) {
  append(buf, cap, "v128:");
  for (int i = 0; i < 16; i++) append(buf, cap, "%02x", v[15 - i]);
}

static void print_actual(char *buf, size_t cap, const w2l_val *v) {
  if (v->type == W2L_V128) print_v128(buf, cap, v->of.v128.b);
  else if (v->type == W2L_FUNCREF || v->type == W2L_EXTERNREF)
    append(buf, cap, ref_is_null(v) ? "%s:null" : "%s:%p", w2l_valtype_name(v->type),
           v->type == W2L_FUNCREF ? (void *)(uintptr_t)v->of.ref.fn : v->of.ref.obj);
  else print_bits(buf, cap, v->type, val_bits(v));
}

static void print_expected(char *buf, size_t cap, const struct wast_value *e) {
  w2l_valtype t = (w2l_valtype)e->type;
  switch (e->kind) {
  case WV_EXACT:
    if (t == W2L_V128) print_v128(buf, cap, e->v128);
    else print_bits(buf, cap, t, e->bits);
    break;
  case WV_NAN_CANONICAL: append(buf, cap, "%s:nan:canonical", w2l_valtype_name(t)); break;
  case WV_NAN_ARITHMETIC: append(buf, cap, "%s:nan:arithmetic", w2l_valtype_name(t)); break;
  case WV_REF_NULL: append(buf, cap, "%s:null", e->any_type ? "ref" : w2l_valtype_name(t)); break;
  case WV_REF_EXTERN: append(buf, cap, "ref.extern %llu", (unsigned long long)e->bits); break;
  case WV_REF_NONNULL: append(buf, cap, "a non-null %s", w2l_valtype_name(t)); break;
  case WV_GC_REF: append(buf, cap, "a GC reference (not supported)"); break;
  case WV_EITHER:
    append(buf, cap, "either(");
    for (uint32_t i = 0; i < e->nalts; i++) {
      if (i) append(buf, cap, " | ");
      print_expected(buf, cap, &e->alts[i]);
    }
    append(buf, cap, ")");
    break;
  }
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                   */
/* ------------------------------------------------------------------------ */

/* What an action did. */
struct outcome_of_action {
  char *error;        /* the action could not be carried out (malloc'ed), or NULL */
  w2l_trap trap;      /* W2L_OK or why it trapped */
  uint32_t nresults;  /* results returned */
  w2l_val *results;   /* malloc'ed */
};

static w2l_instance *target(struct exec *x, const char *name, char **error) {
  if (!name) {
    if (!x->current) {
      *error = x->current_line ? xprintf("the module of line %u is not available", x->current_line)
                               : xprintf("no module has been instantiated");
      x->unavailable = x->current_line != 0;
    }
    return x->current;
  }
  for (uint32_t i = x->nnames; i-- > 0;)
    if (strcmp(x->names[i].name, name) == 0) {
      if (!x->names[i].inst) {
        *error = xprintf("module $%s is not available", name);
        x->unavailable = true;
      }
      return x->names[i].inst;
    }
  *error = xprintf("unknown module $%s", name);
  return NULL;
}

static const w2l_export_desc *find_export(const w2l_instance *inst, struct bytes name) {
  const w2l_module *m = inst->module;
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].name_len == name.len && memcmp(m->exports[i].name, name.data, name.len) == 0)
      return &m->exports[i];
  return NULL;
}

/* A call through the descriptor (export names with NUL bytes). */
struct direct_call {
  const w2l_ref *f;        /* the function */
  w2l_trampoline tramp;    /* its module's trampoline for its type */
  const w2l_value *args;   /* untagged arguments */
  w2l_value *results;      /* untagged results */
};

static void direct_call_run(void *arg) {
  struct direct_call *c = arg;
  c->tramp(c->f, c->args, c->results);
}

static w2l_trap call_direct(w2l_instance *inst, const w2l_export_desc *ex, const w2l_val *args,
                            uint32_t nargs, w2l_val *results, uint32_t nresults) {
  w2l_value in[nargs + 1], out[nresults + 1];
  for (uint32_t i = 0; i < nargs; i++) in[i] = args[i].of;
  struct direct_call c = {&inst->funcs[ex->index],
                          inst->module->trampolines[inst->module->func_types[ex->index]], in, out};
  w2l_trap t = w2l_protect(direct_call_run, &c);
  for (uint32_t i = 0; t == W2L_OK && i < nresults; i++) results[i].of = out[i];
  return t;
}

static void invoke(struct exec *x, const struct wast_action *a, struct outcome_of_action *o) {
  w2l_instance *inst = target(x, a->module, &o->error);
  if (!inst) return;
  const w2l_export_desc *ex = find_export(inst, a->field);
  if (!ex || ex->kind != W2L_EXTERN_FUNC) {
    o->error = xprintf("no exported function \"%s\"", (const char *)a->field.data);
    return;
  }
  const char *sig = ex->type.sig, *colon = strchr(sig, ':');
  /* the letters up to a "|" (after it: typed references spelled out) */
  uint32_t nparams = (uint32_t)(colon - sig), nres = (uint32_t)strcspn(colon + 1, "|");
  w2l_val args[a->nargs + 1];
  if (nparams != a->nargs) {
    o->error = xprintf("\"%s\" takes %u arguments (%s), not %u", (const char *)a->field.data,
                       nparams, sig, a->nargs);
    return;
  }
  for (uint32_t i = 0; i < a->nargs; i++) {
    args[i] = to_val(&a->args[i]);
    if (args[i].type != sig_type(sig[i])) {
      o->error = xprintf("argument %u of \"%s\" (%s) has the wrong type", i,
                         (const char *)a->field.data, sig);
      return;
    }
  }
  o->nresults = nres;
  o->results = calloc(nres + 1, sizeof *o->results);
  if (!o->results) abort();
  for (uint32_t i = 0; i < nres; i++) o->results[i].type = sig_type(colon[1 + i]);
  if (memchr(a->field.data, 0, a->field.len)) {
    o->trap = call_direct(inst, ex, args, a->nargs, o->results, nres);
  } else {
    w2l_error err = {0};
    o->trap = w2l_call(inst, (const char *)a->field.data, args, a->nargs, o->results, nres, &err);
    if (o->trap == W2L_OK && err.message[0]) o->error = xprintf("w2l_call: %s", err.message);
  }
}

static void get(struct exec *x, const struct wast_action *a, struct outcome_of_action *o) {
  w2l_instance *inst = target(x, a->module, &o->error);
  if (!inst) return;
  const w2l_export_desc *ex = find_export(inst, a->field);
  w2l_extern e = {.kind = W2L_EXTERN_FUNC};
  if (!ex || ex->kind != W2L_EXTERN_GLOBAL) {
    o->error = xprintf("no exported global \"%s\"", (const char *)a->field.data);
    return;
  }
  if (memchr(a->field.data, 0, a->field.len)) {
    e.kind = W2L_EXTERN_GLOBAL;
    e.of.global = inst->globals[ex->index];
  } else if (!w2l_instance_export(inst, (const char *)a->field.data, &e) ||
             e.kind != W2L_EXTERN_GLOBAL) {
    o->error = xprintf("w2l_instance_export did not find global \"%s\"",
                       (const char *)a->field.data);
    return;
  }
  o->nresults = 1;
  o->results = calloc(1, sizeof *o->results);
  if (!o->results) abort();
  o->results[0].type = e.of.global->type;
  o->results[0].of = e.of.global->value;
}

static void act(struct exec *x, const struct wast_action *a, struct outcome_of_action *o) {
  if (a->is_get) get(x, a, o);
  else invoke(x, a, o);
}

/* "i32:1, f32:2 (0x40000000)" for the results. */
static char *print_results(const struct outcome_of_action *o) {
  char buf[1024] = "";
  for (uint32_t i = 0; i < o->nresults; i++) {
    if (i) append(buf, sizeof buf, ", ");
    print_actual(buf, sizeof buf, &o->results[i]);
  }
  return xprintf("(%s)", buf);
}

/* ------------------------------------------------------------------------ */
/* Commands                                                                  */
/* ------------------------------------------------------------------------ */

/* Trap messages match if one is a prefix of the other ("uninitialized element"
 * vs the interpreter's "uninitialized element 2"). */
static bool trap_matches(w2l_trap t, const char *expected) {
  const char *m = w2l_trap_message(t);
  size_t n = strlen(m) < strlen(expected) ? strlen(m) : strlen(expected);
  return t != W2L_OK && n > 0 && strncmp(m, expected, n) == 0;
}

static char *check_return(const struct wast_command *c, const struct outcome_of_action *o) {
  bool ok = o->nresults == c->nresults;
  for (uint32_t i = 0; ok && i < c->nresults; i++) ok = matches(&c->results[i], &o->results[i]);
  if (ok) return NULL;
  char want[1024] = "";
  for (uint32_t i = 0; i < c->nresults; i++) {
    if (i) append(want, sizeof want, ", ");
    print_expected(want, sizeof want, &c->results[i]);
  }
  char *got = print_results(o), *d = xprintf("expected (%s), got %s", want, got);
  free(got);
  return d;
}

/* Carry out an action command; NULL if it passed, else why not. */
static char *action_command(struct exec *x, const struct wast_command *c) {
  struct outcome_of_action o = {0};
  char *d = NULL;
  act(x, &c->action, &o);
  if (o.error) {
    d = o.error;
    o.error = NULL;
  } else if (c->kind == WAST_ASSERT_TRAP || c->kind == WAST_ASSERT_EXHAUSTION) {
    if (o.trap == W2L_OK) {
      char *got = print_results(&o);
      d = xprintf("expected trap \"%s\", but it returned %s", c->text, got);
      free(got);
    } else if (!trap_matches(o.trap, c->text)) {
      d = xprintf("expected trap \"%s\", got trap \"%s\"", c->text, w2l_trap_message(o.trap));
    }
  } else if (c->kind == WAST_ASSERT_EXCEPTION) {
    if (o.trap != W2L_TRAP_EXCEPTION)
      d = o.trap == W2L_OK ? xprintf("expected an exception, but it returned")
                           : xprintf("expected an exception, got trap \"%s\"",
                                     w2l_trap_message(o.trap));
  } else if (o.trap != W2L_OK) {
    d = xprintf("unexpected trap \"%s\"", w2l_trap_message(o.trap));
  } else if (c->kind == WAST_ASSERT_RETURN) {
    d = check_return(c, &o);
  }
  free(o.results);
  return d;
}

static const w2l_module *module_desc(struct exec *x, uint32_t i, char **why) {
  const struct built *b = &x->r->built[i];
  if (!x->handles[b->so]) {
    *why = xprintf("cannot load %s: %s", x->r->sos[b->so], x->dl_errors[b->so]);
    return NULL;
  }
  char sym[40];
  snprintf(sym, sizeof sym, "%s_module", b->prefix);
  const w2l_module *m = dlsym(x->handles[b->so], sym);
  if (!m) *why = xprintf("no symbol %s in %s", sym, x->r->sos[b->so]);
  return m;
}

static void bind_name(struct exec *x, const char *name, w2l_instance *inst) {
  if (!name) return;
  x->names = realloc(x->names, (x->nnames + 1) * sizeof *x->names);
  if (!x->names) abort();
  x->names[x->nnames++] = (struct named){name, inst};
}

/* The module definition that (module instance $I $M) names: the latest
 * definition named M (or the latest one); ncommands if none. */
static uint32_t definition_of(const struct run *r, uint32_t i) {
  const char *name = r->script->commands[i].instance_of;
  for (uint32_t k = i; k-- > 0;) {
    const struct wast_command *d = &r->script->commands[k];
    if (d->kind == WAST_MODULE && d->module.definition &&
        (!name || (d->module.name && strcmp(d->module.name, name) == 0)))
      return k;
  }
  return r->script->ncommands;
}

/* (module definition ...): built, not instantiated.  (module instance ...):
 * a new instance of its definition, which becomes the current module. */
static char *definition_command(struct exec *x, uint32_t i) {
  const struct wast_command *c = &x->r->script->commands[i];
  uint32_t k = c->kind == WAST_MODULE ? i : definition_of(x->r, i);
  char *why = NULL;
  const w2l_module *m = NULL;
  if (k == x->r->script->ncommands)
    return xprintf("no module definition %s%s", c->instance_of ? "$" : "",
                   c->instance_of ? c->instance_of : "before it");
  if (x->r->built[k].compiled) m = module_desc(x, k, &why);
  w2l_error err = {0};
  w2l_instance *inst = NULL;
  if (m && c->kind == WAST_MODULE) return NULL;
  if (m) inst = w2l_linker_instantiate(x->linker, m, NULL, &err);
  if (c->kind == WAST_MODULE_INSTANCE) {
    x->current = inst;
    x->current_line = c->line;
    bind_name(x, c->module.name, inst);
  }
  if (!m) {
    x->unavailable = c->kind == WAST_MODULE_INSTANCE;
    return why ? why : xprintf("the module definition of line %u was not built",
                               x->r->script->commands[k].line);
  }
  if (!inst) return xprintf("instantiation failed: %s", err.message);
  return NULL;
}

/* A module-taking command; NULL if it passed, else why not. */
static char *module_command(struct exec *x, uint32_t i) {
  const struct wast_command *c = &x->r->script->commands[i];
  char *why = NULL;
  w2l_error err = {0};
  w2l_instance *inst = NULL;
  const w2l_module *m = NULL;
  if (c->kind == WAST_MODULE && c->module.definition) return definition_command(x, i);
  if (x->r->built[i].compiled) m = module_desc(x, i, &why);
  if (m) inst = w2l_linker_instantiate(x->linker, m, NULL, &err);
  if (c->kind == WAST_MODULE) {
    x->current = inst;
    x->current_line = c->line;
    bind_name(x, c->module.name, inst);
    if (!m) return why ? why : xprintf("the module was not built");
    if (!inst) return xprintf("instantiation failed: %s%s%s", err.message,
                              err.trap ? ", trap: " : "", err.trap ? w2l_trap_message(err.trap) : "");
    return NULL;
  }
  if (!m) return why ? why : xprintf("the module was not built");
  if (inst) {
    return xprintf("expected instantiation to fail (%s \"%s\"), but it succeeded",
                   c->kind == WAST_ASSERT_UNLINKABLE ? "link error" : "trap", c->text);
  }
  if (c->kind == WAST_ASSERT_UNLINKABLE) {
    if (err.trap != W2L_OK)
      return xprintf("expected link error \"%s\", but instantiation trapped: %s", c->text,
                     w2l_trap_message(err.trap));
    return NULL;
  }
  if (err.trap == W2L_OK)
    return xprintf("expected instantiation to trap \"%s\", but linking failed: %s", c->text,
                   err.message);
  if (!trap_matches(err.trap, c->text))
    return xprintf("expected instantiation to trap \"%s\", got trap \"%s\"", c->text,
                   w2l_trap_message(err.trap));
  return NULL;
}

static char *register_command(struct exec *x, const struct wast_command *c) {
  char *why = NULL;
  w2l_instance *inst = target(x, c->register_module, &why);
  if (inst) w2l_linker_define_instance(x->linker, c->register_as, inst);
  return why;
}

/* Carry out command i; NULL if it passed, else why not (malloc'ed). */
static char *run_command(struct exec *x, uint32_t i) {
  const struct wast_command *c = &x->r->script->commands[i];
  switch (c->kind) {
  case WAST_MODULE:
  case WAST_ASSERT_UNLINKABLE:
  case WAST_ASSERT_UNINSTANTIABLE: return module_command(x, i);
  case WAST_MODULE_INSTANCE: return definition_command(x, i);
  case WAST_REGISTER: return register_command(x, c);
  case WAST_ASSERT_INVALID:
  case WAST_ASSERT_MALFORMED: return NULL; /* decided by build.c */
  case WAST_ACTION:
  case WAST_ASSERT_RETURN:
  case WAST_ASSERT_TRAP:
  case WAST_ASSERT_EXHAUSTION:
  case WAST_ASSERT_EXCEPTION: return action_command(x, c);
  }
  return NULL;
}

static void load_shared_objects(struct exec *x) {
  struct run *r = x->r;
  x->handles = calloc((size_t)r->nsos + 1, sizeof *x->handles);
  x->dl_errors = calloc((size_t)r->nsos + 1, sizeof *x->dl_errors);
  if (!x->handles || !x->dl_errors) abort();
  for (int k = 0; k < r->nsos; k++) {
    x->handles[k] = dlopen(r->sos[k], RTLD_NOW | RTLD_LOCAL);
    if (!x->handles[k]) x->dl_errors[k] = xprintf("%s", dlerror());
  }
}

void exec_commands(struct run *r, uint32_t start, int fd) {
  struct exec x = {.r = r, .linker = w2l_linker_new()};
  load_shared_objects(&x);
  define_spectest(x.linker);
  for (uint32_t i = 0; i < r->script->ncommands; i++) {
    const struct wast_command *c = &r->script->commands[i];
    const struct result *res = &r->results[i];
    if (r->only_line && c->line > r->only_line) break;
    if (res->aborted) continue;
    if (i >= start && res->outcome != OUT_PENDING && c->kind != WAST_MODULE &&
        c->kind != WAST_MODULE_INSTANCE)
      continue;
    x.unavailable = false;
    char *why = run_command(&x, i);
    if (i >= start && res->outcome == OUT_PENDING)
      send_record(fd, i, !why ? OUT_PASS : x.unavailable ? OUT_NOT_RUN : OUT_FAIL, why);
    free(why);
  }
}
