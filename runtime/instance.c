/* instance.c - instantiation (import matching, base arrays, init under a
 * protected call), exports, the generic call API, and globals. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void rt_error(w2l_error *err, w2l_trap trap, const char *fmt, ...) {
  va_list ap;
  if (!err) return;
  err->trap = trap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
}

/* ---- Globals ---- */

w2l_global *w2l_global_new(w2l_valtype type, bool mutable_, w2l_value init) {
  w2l_global *g = calloc(1, sizeof *g);
  if (!g) return NULL;
  g->type = type;
  g->mutable_ = mutable_;
  g->value = init;
  return g;
}

void w2l_global_free(w2l_global *g) { free(g); }

/* ---- Describing import types for messages ---- */

/* "min" or "min max" of limits (max UINT64_MAX: none). */
static void format_limits(char *buf, size_t size, uint64_t min, uint64_t max) {
  if (max == UINT64_MAX) snprintf(buf, size, "%llu", (unsigned long long)min);
  else snprintf(buf, size, "%llu %llu", (unsigned long long)min, (unsigned long long)max);
}

/* The expected type of an import, in text-format words. */
static void format_externtype(char *buf, size_t size, const w2l_externtype *t) {
  char lim[48], fn[160];
  const w2l_functype *ft;
  switch (t->kind) {
  case W2L_EXTERN_FUNC:
  case W2L_EXTERN_FUNC_CALLER:
    ft = w2l_functype_intern(t->sig);
    snprintf(buf, size, "func %s", ft ? w2l_functype_format(ft, fn, sizeof fn) : "?");
    return;
  case W2L_EXTERN_TABLE:
    format_limits(lim, sizeof lim, t->min, t->max);
    snprintf(buf, size, "table%s %s %s", t->index64 ? " i64" : "", lim,
             t->ref ? t->ref : w2l_valtype_name(t->type));
    return;
  case W2L_EXTERN_MEMORY:
    format_limits(lim, sizeof lim, t->min, t->max);
    snprintf(buf, size, "memory%s %s%s", t->index64 ? " i64" : "", lim, t->shared ? " shared" : "");
    return;
  case W2L_EXTERN_GLOBAL:
    snprintf(buf, size, t->mutable_ ? "global (mut %s)" : "global %s",
             t->ref ? t->ref : w2l_valtype_name(t->type));
    return;
  case W2L_EXTERN_TAG:
    ft = w2l_functype_intern(t->sig);
    snprintf(buf, size, "tag %s", ft ? w2l_functype_format(ft, fn, sizeof fn) : "?");
    return;
  }
  snprintf(buf, size, "?");
}

/* The kind of import a supplied object of kind k can be. */
static w2l_externkind import_kind(w2l_externkind k) {
  return k == W2L_EXTERN_FUNC_CALLER ? W2L_EXTERN_FUNC : k;
}

/* The actual type of a supplied object, as an externtype. */
static w2l_externtype type_of_extern(const w2l_extern *e) {
  w2l_externtype t;
  memset(&t, 0, sizeof t);
  t.kind = import_kind(e->kind);
  t.max = UINT64_MAX;
  switch (t.kind) {
  case W2L_EXTERN_FUNC: t.sig = e->of.func.type ? w2l_functype_sig(e->of.func.type) : ""; break;
  case W2L_EXTERN_TABLE:
    t.type = e->of.table->reftype;
    t.ref = e->of.table->ref;
    t.index64 = e->of.table->index64;
    t.min = e->of.table->size;
    if (e->of.table->has_max) t.max = e->of.table->max;
    break;
  case W2L_EXTERN_MEMORY:
    t.min = w2l_memory_pages_now(e->of.memory);
    t.shared = e->of.memory->shared;
    t.index64 = e->of.memory->index64;
    if (e->of.memory->has_max) t.max = e->of.memory->max_pages;
    break;
  case W2L_EXTERN_GLOBAL:
    t.type = e->of.global->type;
    t.mutable_ = e->of.global->mutable_;
    t.ref = e->of.global->ref;
    break;
  case W2L_EXTERN_TAG: t.sig = w2l_functype_sig(e->of.tag->type); break;
  default: break; /* import_kind() gives no other */
  }
  return t;
}

/* Limits subtyping: actual [amin, amax] matches expected [emin, emax]. */
static bool limits_match(uint64_t amin, uint64_t amax, uint64_t emin, uint64_t emax) {
  if (amin < emin) return false;
  if (emax == UINT64_MAX) return true;
  return amax != UINT64_MAX && amax <= emax;
}

/* Whether the supplied e matches the import's type (the spec's rules). */
static bool extern_matches(const w2l_extern *e, const w2l_externtype *want) {
  w2l_externtype got;
  w2l_externkind kind = import_kind(e->kind);
  if ((unsigned)kind > W2L_EXTERN_TAG || kind != want->kind) return false;
  if (kind != W2L_EXTERN_FUNC && !e->of.table) return false; /* any member: a NULL object */
  got = type_of_extern(e);
  switch (want->kind) {
  case W2L_EXTERN_FUNC:
    return e->of.func.fn && e->of.func.type && e->of.func.type == w2l_functype_intern(want->sig);
  case W2L_EXTERN_TABLE:
    return got.type == want->type && rt_ref_same(got.type, got.ref, want->ref) &&
           got.index64 == want->index64 && limits_match(got.min, got.max, want->min, want->max);
  case W2L_EXTERN_MEMORY:
    return got.shared == want->shared && got.index64 == want->index64 &&
           limits_match(got.min, got.max, want->min, want->max);
  case W2L_EXTERN_GLOBAL:
    return got.type == want->type && got.mutable_ == want->mutable_ &&
           (got.mutable_ ? rt_ref_same(got.type, got.ref, want->ref)
                         : rt_ref_sub(got.type, got.ref, want->ref));
  case W2L_EXTERN_TAG: /* tag types match exactly */
    return e->of.tag->type == w2l_functype_intern(want->sig);
  default: break; /* an import is never FUNC_CALLER */
  }
  return false;
}

static bool check_imports(const w2l_module *m, const w2l_extern *imports, w2l_error *err) {
  for (uint32_t i = 0; i < m->nimports; i++) {
    const w2l_import_desc *d = &m->imports[i];
    char want[200], got[200];
    if (extern_matches(&imports[i], &d->type)) continue;
    format_externtype(want, sizeof want, &d->type);
    w2l_externkind kind = import_kind(imports[i].kind);
    if ((unsigned)kind > W2L_EXTERN_TAG ||
        (kind == W2L_EXTERN_FUNC ? !imports[i].of.func.fn : !imports[i].of.table)) {
      snprintf(got, sizeof got, "nothing (null)");
    } else {
      w2l_externtype t = type_of_extern(&imports[i]);
      format_externtype(got, sizeof got, &t);
    }
    rt_error(err, W2L_OK, "incompatible import type for \"%.*s\" \"%.*s\": expected %s, got %s",
             (int)d->module_len, d->module, (int)d->name_len, d->name, want, got);
    return false;
  }
  return true;
}

/* ---- Instances ---- */

/* Instances whose init trapped while something outside them may still point
 * at their functions (the spec keeps such partial effects): kept alive until
 * exit.  Only those: see refs_escaped. */
struct zombie {
  w2l_instance *inst; /* the half-initialized instance */
  struct zombie *next;
};
static struct zombie *zombies;
static pthread_mutex_t zombie_lock = PTHREAD_MUTEX_INITIALIZER;

static void keep_zombie(w2l_instance *inst) {
  struct zombie *z = malloc(sizeof *z);
  if (!z) return; /* leak it: still better than a dangling table entry */
  z->inst = inst;
  pthread_mutex_lock(&zombie_lock);
  z->next = zombies;
  zombies = z;
  pthread_mutex_unlock(&zombie_lock);
}

/* Whether a funcref of inst (obj == inst) may be held outside it after its
 * init trapped.  Only through what it imports: a funcref table or a mutable
 * funcref global (which its code may have written, and from which imported
 * functions or other threads may have copied the ref, even if the slot was
 * cleared since), or a function with a funcref parameter.  Judged by the
 * imports' types, not by what they hold now: a copy leaves no trace in the
 * slot it came from.  Nothing else outside can reach a half-made instance. */
static bool refs_escaped(const w2l_instance *inst, const w2l_extern *imports) {
  const w2l_module *m = inst->module;
  for (uint32_t i = 0; i < m->nimports; i++) {
    switch (import_kind(imports[i].kind)) {
    case W2L_EXTERN_TABLE:
      if (imports[i].of.table->reftype == W2L_FUNCREF) return true;
      break;
    case W2L_EXTERN_GLOBAL:
      if (imports[i].of.global->type == W2L_FUNCREF && imports[i].of.global->mutable_) return true;
      break;
    case W2L_EXTERN_FUNC: {
      const char *sig = m->imports[i].type.sig;
      const char *colon = strchr(sig, ':');
      if (memchr(sig, 'r', colon ? (size_t)(colon - sig) : strlen(sig))) return true;
      break;
    }
    default: break;
    }
  }
  return false;
}

static void free_instance(w2l_instance *inst);

/* ---- Live instances: the handles w2l_instantiate returned, not yet freed ---- */

/* An open-addressing set of instance addresses (NULL: empty slot, TOMB:
 * removed), under live_lock.  Inserts reuse tombstones and a rebuild sizes
 * the table by the live count, so the cost stays that of the instances alive
 * now, however many came and went (malloc hands the same addresses back). */
static const w2l_instance **live;
static size_t live_cap;   /* slots (a power of two, or 0) */
static size_t live_used;  /* slots not NULL: live entries and tombstones */
static size_t live_count; /* live entries */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static const char tomb_mark;
#define TOMB ((const w2l_instance *)&tomb_mark)

static size_t live_slot(const w2l_instance *inst, size_t cap) {
  uint64_t h = (uint64_t)(uintptr_t)inst * UINT64_C(0x9E3779B97F4A7C15);
  return (size_t)(h >> 32) & (cap - 1);
}

/* Slot of inst, or the empty slot that ends its probe run (caller holds the
 * lock; the table has an empty slot). */
static size_t live_find(const w2l_instance *inst) {
  size_t i = live_slot(inst, live_cap);
  while (live[i] && live[i] != inst) i = (i + 1) & (live_cap - 1);
  return i;
}

/* Rebuild the set without tombstones, at least 64 slots and at least four
 * per live entry (caller holds the lock). */
static bool live_rehash(void) {
  size_t cap = 64, old_cap = live_cap;
  while (cap < (live_count + 1) * 4) cap *= 2;
  const w2l_instance **old = live, **fresh = calloc(cap, sizeof *fresh);
  if (!fresh) return false;
  live = fresh, live_cap = cap, live_used = 0;
  for (size_t i = 0; i < old_cap; i++)
    if (old[i] && old[i] != TOMB) {
      live[live_find(old[i])] = old[i];
      live_used++;
    }
  free(old);
  return true;
}

static bool live_add(const w2l_instance *inst) {
  bool ok = true;
  pthread_mutex_lock(&live_lock);
  if ((live_used + 1) * 2 > live_cap) ok = live_rehash();
  if (ok) {
    size_t i = live_slot(inst, live_cap), slot = SIZE_MAX;
    for (; live[i]; i = (i + 1) & (live_cap - 1))
      if (live[i] == TOMB && slot == SIZE_MAX) slot = i; /* the first tombstone on the way */
    if (slot == SIZE_MAX) {
      slot = i;
      live_used++;
    }
    live[slot] = inst;
    live_count++;
  }
  pthread_mutex_unlock(&live_lock);
  return ok;
}

/* Remove inst; false if it was not live. */
static bool live_remove(const w2l_instance *inst) {
  bool found = false;
  pthread_mutex_lock(&live_lock);
  if (live_cap) {
    size_t i = live_find(inst);
    if ((found = live[i] == inst)) {
      live[i] = TOMB;
      live_count--;
    }
  }
  pthread_mutex_unlock(&live_lock);
  return found;
}

bool w2l_instance_live(const w2l_instance *inst) {
  bool found = false;
  if (!inst || inst == TOMB) return false;
  pthread_mutex_lock(&live_lock);
  if (live_cap) found = live[live_find(inst)] == inst;
  pthread_mutex_unlock(&live_lock);
  return found;
}

/* How many imports of kind m has. */
static uint32_t count_imports(const w2l_module *m, w2l_externkind kind) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < m->nimports; i++) n += m->imports[i].type.kind == kind;
  return n;
}

static void free_base(w2l_instance *inst) {
  rt_free_exns(inst);
  if (inst->tags) free(inst->tags[count_imports(inst->module, W2L_EXTERN_TAG)]); /* own ones */
  free(inst->tags);
  rt_release_budget(inst);
  rt_quota_release(inst->quota);
  free(inst->types);
  free(inst->funcs);
  free(inst->tables);
  free(inst->memories);
  free(inst->globals);
  free(inst->callers);
  free(inst);
}

/* Allocates inst and its base arrays, interns the types, fills imported entries. */
static w2l_instance *alloc_instance(const w2l_module *m, const w2l_extern *imports) {
  uint32_t nf = 0, nt = 0, nm = 0, ng = 0, nx = 0;
  w2l_instance *inst = calloc(1, m->instance_size > sizeof *inst ? m->instance_size : sizeof *inst);
  if (!inst) return NULL;
  inst->module = m;
  rt_init_budget(inst);
  inst->types = calloc(m->ntypes + 1, sizeof *inst->types);
  inst->funcs = calloc(m->nfuncs + 1, sizeof *inst->funcs);
  inst->tables = calloc(m->ntables + 1, sizeof *inst->tables);
  inst->memories = calloc(m->nmemories + 1, sizeof *inst->memories);
  inst->globals = calloc(m->nglobals + 1, sizeof *inst->globals);
  inst->tags = calloc(m->ntags + 1, sizeof *inst->tags);
  if (!inst->types || !inst->funcs || !inst->tables || !inst->memories || !inst->globals ||
      !inst->tags) {
    free_base(inst);
    return NULL;
  }
  for (uint32_t i = 0; i < m->ntypes; i++)
    if (!(inst->types[i] = w2l_functype_intern(m->type_sigs[i]))) {
      free_base(inst);
      return NULL;
    }
  uint32_t ncallers = 0;
  for (uint32_t i = 0; i < m->nimports; i++)
    ncallers += imports[i].kind == W2L_EXTERN_FUNC_CALLER;
  if (ncallers && !(inst->callers = calloc(ncallers, sizeof *inst->callers))) {
    free_base(inst);
    return NULL;
  }
  ncallers = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    switch (import_kind(imports[i].kind)) {
    case W2L_EXTERN_FUNC:
      if (nf >= m->nfuncs) break;
      inst->funcs[nf] = imports[i].of.func;
      if (imports[i].kind == W2L_EXTERN_FUNC_CALLER) { /* bind it to this instance */
        w2l_caller *c = &inst->callers[ncallers++];
        c->instance = inst;
        c->env = imports[i].of.func.obj;
        c->main_memory = NULL;
        inst->funcs[nf].obj = c;
      }
      nf++;
      break;
    case W2L_EXTERN_TABLE:
      if (nt < m->ntables) inst->tables[nt++] = imports[i].of.table;
      break;
    case W2L_EXTERN_MEMORY:
      if (nm < m->nmemories) inst->memories[nm++] = imports[i].of.memory;
      break;
    case W2L_EXTERN_GLOBAL:
      if (ng < m->nglobals) inst->globals[ng++] = imports[i].of.global;
      break;
    case W2L_EXTERN_TAG:
      if (nx < m->ntags) inst->tags[nx++] = imports[i].of.tag;
      break;
    default: break; /* import_kind() gives no other */
    }
  }
  if (nx < m->ntags) { /* its own tags: new ones, in one block (tags[nx] owns it) */
    w2l_tag *own = calloc(m->ntags - nx, sizeof *own);
    if (!own) {
      free_base(inst);
      return NULL;
    }
    for (uint32_t i = nx; i < m->ntags; i++) {
      own[i - nx].type = inst->types[m->tag_types[i]];
      inst->tags[i] = &own[i - nx];
    }
  }
  return inst;
}

/* Arguments of the protected init call. */
struct init_call {
  w2l_instance *inst;        /* the instance being initialized */
  const w2l_extern *imports; /* its checked imports */
  const char *error;         /* init's error message, or NULL */
};

static void run_init(void *arg) {
  struct init_call *c = arg;
  c->error = c->inst->module->init(c->inst, c->imports);
}

w2l_instance *w2l_instantiate(const w2l_module *m, const w2l_extern *imports, w2l_error *err) {
  struct init_call call;
  w2l_instance *inst;
  w2l_trap trap;
  if (err) rt_error(err, W2L_OK, "no error");
  if (m->abi != W2L_ABI_VERSION) {
    rt_error(err, W2L_OK, "module \"%s\" was built for runtime ABI %u, this runtime has ABI %u",
             m->name, m->abi, W2L_ABI_VERSION);
    return NULL;
  }
  if (m->bounds != W2L_BOUNDS) {
    rt_error(err, W2L_OK,
             "module \"%s\" was compiled with W2L_BOUNDS=%d, the runtime with W2L_BOUNDS=%d",
             m->name, m->bounds, W2L_BOUNDS);
    return NULL;
  }
  if (m->nimports && !imports) {
    rt_error(err, W2L_OK, "module \"%s\" has %u imports but none were given", m->name, m->nimports);
    return NULL;
  }
  if (!check_imports(m, imports, err)) return NULL;
  inst = alloc_instance(m, imports);
  if (!inst) {
    rt_error(err, W2L_OK, "out of memory instantiating module \"%s\"", m->name);
    return NULL;
  }
  inst->quota = rt_instance_quota ? rt_quota_retain(rt_instance_quota)
                                  : w2l_quota_new(W2L_DEFAULT_QUOTA);
  if (!inst->quota) {
    free_base(inst);
    rt_error(err, W2L_OK, "out of memory instantiating module \"%s\"", m->name);
    return NULL;
  }
  call.inst = inst;
  call.imports = imports;
  call.error = NULL;
  w2l_quota *saved_quota = rt_new_quota;
  rt_new_quota = inst->quota;
  rt_alloc_error[0] = '\0';
  trap = w2l_protect(run_init, &call);
  rt_new_quota = saved_quota;
  if (trap != W2L_OK) {
    rt_error(err, trap, "%s", w2l_trap_message(trap));
    if (refs_escaped(inst, imports)) keep_zombie(inst);
    else free_instance(inst); /* no one can reach it: memories and all go now */
    return NULL;
  }
  if (call.error && rt_alloc_error[0]) {
    rt_error(err, W2L_OK, "instantiating module \"%s\": %s (%s)", m->name, rt_alloc_error,
             call.error);
    free_instance(inst);
    return NULL;
  }
  if (call.error || !live_add(inst)) {
    rt_error(err, W2L_OK, "instantiating module \"%s\": %s", m->name,
             call.error ? call.error : "out of memory");
    free_instance(inst);
    return NULL;
  }
  return inst;
}

static void free_instance(w2l_instance *inst) {
  if (inst->module->free) inst->module->free(inst);
  free_base(inst);
}

void w2l_instance_free(w2l_instance *inst) {
  if (inst && live_remove(inst)) free_instance(inst);
}

w2l_quota *w2l_instance_quota(const w2l_instance *inst) {
  return w2l_instance_live(inst) ? inst->quota : NULL;
}

void w2l_instance_set_memory_limit(w2l_instance *inst, uint64_t limit_pages) {
  if (!w2l_instance_live(inst)) return;
  const w2l_module *m = inst->module;
  for (uint32_t i = count_imports(m, W2L_EXTERN_MEMORY); i < m->nmemories; i++)
    if (inst->memories[i]) w2l_memory_set_limit(inst->memories[i], limit_pages);
}

/* ---- Exports ---- */

static const w2l_export_desc *find_export(const w2l_module *m, const char *name, size_t len) {
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].name_len == len && memcmp(m->exports[i].name, name, len) == 0)
      return &m->exports[i];
  return NULL;
}

/* The export (name, len) of inst, which the caller knows to be alive. */
static bool export_of(const w2l_instance *inst, const char *name, size_t len, w2l_extern *out) {
  const w2l_export_desc *e = find_export(inst->module, name, len);
  if (!e) return false;
  out->kind = e->kind; /* a caller-taking import is a bound FUNC by now */
  switch (e->kind) {
  case W2L_EXTERN_FUNC: out->of.func = inst->funcs[e->index]; break;
  case W2L_EXTERN_TABLE: out->of.table = inst->tables[e->index]; break;
  case W2L_EXTERN_MEMORY: out->of.memory = inst->memories[e->index]; break;
  case W2L_EXTERN_GLOBAL: out->of.global = inst->globals[e->index]; break;
  case W2L_EXTERN_TAG: out->of.tag = inst->tags[e->index]; break;
  default: return false;
  }
  return true;
}

bool w2l_instance_export_n(const w2l_instance *inst, const char *name, size_t len,
                           w2l_extern *out) {
  return w2l_instance_live(inst) && export_of(inst, name, len, out);
}

bool w2l_caller_export(const w2l_caller *c, const char *name, w2l_extern *out) {
  return export_of(c->instance, name, strlen(name), out);
}

w2l_memory *w2l_caller_main_memory(w2l_caller *c) {
  if (!c->main_memory) {
    w2l_extern e;
    if (export_of(c->instance, "memory", 6, &e) && e.kind == W2L_EXTERN_MEMORY) c->main_memory = e.of.memory;
    else c->main_memory = w2l_caller_memory(c, 0);
  }
  return c->main_memory;
}

w2l_memory *w2l_caller_memory(const w2l_caller *c, uint32_t i) {
  return i < c->instance->module->nmemories ? c->instance->memories[i] : NULL;
}

bool w2l_instance_export(const w2l_instance *inst, const char *name, w2l_extern *out) {
  return w2l_instance_export_n(inst, name, strlen(name), out);
}

/* ---- The generic call ---- */

/* Arguments of a protected trampoline call. */
struct tramp_call {
  w2l_trampoline tramp;  /* the module's trampoline for the function's type */
  const w2l_ref *func;   /* the function */
  const w2l_value *args; /* untagged arguments */
  w2l_value *results;    /* untagged results */
};

static void run_trampoline(void *arg) {
  struct tramp_call *c = arg;
  c->tramp(c->func, c->args, c->results);
}

#define SMALL_ARITY 16

/* Checks the tagged args against type; fills err and returns false if they differ. */
static bool check_args(const w2l_functype *type, const char *name, size_t len, const w2l_val *args,
                       size_t nargs, size_t nresults, w2l_error *err) {
  char fn[160];
  uint32_t np = w2l_functype_nparams(type), nr = w2l_functype_nresults(type);
  if (nargs != np || nresults != nr) {
    rt_error(
        err, W2L_TRAP_CALL_ERROR,
        "wrong arguments for \"%.*s\": it is func %s, called with %zu arguments and %zu results",
        (int)len, name, w2l_functype_format(type, fn, sizeof fn), nargs, nresults);
    return false;
  }
  for (uint32_t i = 0; i < np; i++)
    if (args[i].type != w2l_functype_param(type, i)) {
      rt_error(err, W2L_TRAP_CALL_ERROR,
               "wrong argument %u for \"%.*s\": expected %s, got %s (it is func %s)", i,
               (int)len, name, w2l_valtype_name(w2l_functype_param(type, i)),
               w2l_valtype_name(args[i].type), w2l_functype_format(type, fn, sizeof fn));
      return false;
    }
  return true;
}

w2l_trap w2l_call_n(w2l_instance *inst, const char *name, size_t len, const w2l_val *args,
                    size_t nargs, w2l_val *results, size_t nresults, w2l_error *err) {
  if (!w2l_instance_live(inst)) {
    rt_error(err, W2L_TRAP_CALL_ERROR, "stale instance handle: calling \"%.*s\"", (int)len, name);
    return W2L_TRAP_CALL_ERROR;
  }
  const w2l_module *m = inst->module;
  const w2l_export_desc *e = find_export(m, name, len);
  const w2l_functype *type;
  w2l_value small_args[SMALL_ARITY], small_results[SMALL_ARITY];
  struct tramp_call call;
  w2l_trap trap;
  uint32_t typeidx;
  if (!e || e->kind != W2L_EXTERN_FUNC) {
    rt_error(err, W2L_TRAP_CALL_ERROR, "no function exported as \"%.*s\"", (int)len, name);
    return W2L_TRAP_CALL_ERROR;
  }
  typeidx = m->func_types[e->index];
  type = inst->types[typeidx];
  if (!check_args(type, name, len, args, nargs, nresults, err)) return W2L_TRAP_CALL_ERROR;
  call.tramp = m->trampolines[typeidx];
  call.func = &inst->funcs[e->index];
  call.args = small_args;
  call.results = small_results;
  if (nargs > SMALL_ARITY) call.args = malloc(nargs * sizeof *call.args);
  if (nresults > SMALL_ARITY) call.results = malloc(nresults * sizeof *call.results);
  if (!call.args || !call.results) {
    rt_error(err, W2L_TRAP_CALL_ERROR, "out of memory calling \"%.*s\"", (int)len, name);
    trap = W2L_TRAP_CALL_ERROR;
  } else {
    for (size_t i = 0; i < nargs; i++) ((w2l_value *)call.args)[i] = args[i].of;
    trap = w2l_protect(run_trampoline, &call);
    if (trap == W2L_OK) {
      for (size_t i = 0; i < nresults; i++) {
        results[i].type = w2l_functype_result(type, (uint32_t)i);
        results[i].of = call.results[i];
      }
    } else {
      rt_error(err, trap, "%s", w2l_trap_message(trap));
    }
  }
  if (call.args != small_args) free((void *)call.args);
  if (call.results != small_results) free(call.results);
  return trap;
}

w2l_trap w2l_call(w2l_instance *inst, const char *name, const w2l_val *args, size_t nargs,
                  w2l_val *results, size_t nresults, w2l_error *err) {
  return w2l_call_n(inst, name, strlen(name), args, nargs, results, nresults, err);
}
