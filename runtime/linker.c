/* linker.c - the linking context: (module, name) -> extern definitions, the
 * native equivalent of the JavaScript import object, and instantiation through
 * it; plus w2l_table_add_export, the dlsym of dynamic linking. */
#include <stdlib.h>

#include "internal.h"

/* One definition. */
struct entry {
  char *module;       /* module name (owned, NUL-terminated) */
  char *name;         /* item name (owned, NUL-terminated) */
  w2l_extern ext;     /* what it is */
  struct entry *next; /* next definition (newest first) */
};

struct w2l_linker {
  struct entry *entries; /* all definitions, newest first */
  uint64_t memory_limit; /* growth limit for memories of instances made here */
  w2l_quota *quota;      /* what instances made here charge (a reference), or NULL */
};

w2l_linker *w2l_linker_new(void) {
  w2l_linker *l = calloc(1, sizeof *l);
  if (l) l->memory_limit = UINT64_MAX;
  return l;
}

void w2l_linker_free(w2l_linker *l) {
  struct entry *e, *next;
  if (!l) return;
  for (e = l->entries; e; e = next) {
    next = e->next;
    free(e->module);
    free(e->name);
    free(e);
  }
  rt_quota_release(l->quota);
  free(l);
}

void w2l_linker_set_memory_limit(w2l_linker *l, uint64_t limit_pages) {
  l->memory_limit = limit_pages;
}

void w2l_linker_set_quota(w2l_linker *l, w2l_quota *q) {
  rt_quota_retain(q);
  rt_quota_release(l->quota);
  l->quota = q;
}

static struct entry *lookup(const w2l_linker *l, const char *module, size_t module_len,
                            const char *name, size_t name_len) {
  for (struct entry *e = l->entries; e; e = e->next)
    if (strlen(e->module) == module_len && memcmp(e->module, module, module_len) == 0 &&
        strlen(e->name) == name_len && memcmp(e->name, name, name_len) == 0)
      return e;
  return NULL;
}

bool rt_linker_find(const w2l_linker *l, const char *module, size_t module_len, const char *name,
                    size_t name_len, w2l_extern *out) {
  struct entry *e = lookup(l, module, module_len, name, name_len);
  if (e) *out = e->ext;
  return e != NULL;
}

static char *copy_string(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

bool w2l_linker_define(w2l_linker *l, const char *module, const char *name, w2l_extern ext) {
  struct entry *e = lookup(l, module, strlen(module), name, strlen(name));
  if (e) {
    e->ext = ext;
    return true;
  }
  e = calloc(1, sizeof *e);
  if (!e) return false;
  e->module = copy_string(module);
  e->name = copy_string(name);
  if (!e->module || !e->name) {
    free(e->module);
    free(e->name);
    free(e);
    return false;
  }
  e->ext = ext;
  e->next = l->entries;
  l->entries = e;
  return true;
}

static bool define_host_func(w2l_linker *l, const char *module, const char *name, const char *sig,
                             void (*fn)(void), void *env, bool with_caller) {
  w2l_extern ext;
  ext.kind = with_caller ? W2L_EXTERN_FUNC_CALLER : W2L_EXTERN_FUNC;
  ext.of.func.type = w2l_functype_intern(sig);
  ext.of.func.fn = fn;
  ext.of.func.obj = env;
  ext.of.func.tail = NULL; /* host functions are tail-called through fn */
  if (!ext.of.func.type || !fn) return false;
  return w2l_linker_define(l, module, name, ext);
}

bool w2l_linker_define_func(w2l_linker *l, const char *module, const char *name, const char *sig,
                            void (*fn)(void), void *env) {
  return define_host_func(l, module, name, sig, fn, env, false);
}

bool w2l_linker_define_func_caller(w2l_linker *l, const char *module, const char *name,
                                   const char *sig, void (*fn)(void), void *env) {
  return define_host_func(l, module, name, sig, fn, env, true);
}

bool w2l_linker_define_instance(w2l_linker *l, const char *module, w2l_instance *inst) {
  const w2l_module *m = inst->module;
  bool ok = true;
  for (uint32_t i = 0; i < m->nexports; i++) {
    w2l_extern ext;
    if (memchr(m->exports[i].name, 0, m->exports[i].name_len)) continue; /* not a C string */
    if (w2l_instance_export_n(inst, m->exports[i].name, m->exports[i].name_len, &ext))
      ok = w2l_linker_define(l, module, m->exports[i].name, ext) && ok;
  }
  return ok;
}

bool w2l_linker_resolve(const w2l_linker *l, const w2l_module *m, w2l_extern *imports,
                        w2l_error *err) {
  for (uint32_t i = 0; i < m->nimports; i++) {
    const w2l_import_desc *d = &m->imports[i];
    struct entry *e = lookup(l, d->module, d->module_len, d->name, d->name_len);
    if (!e) {
      rt_error(err, W2L_OK, "unknown import \"%.*s\" \"%.*s\"", (int)d->module_len, d->module,
               (int)d->name_len, d->name);
      return false;
    }
    imports[i] = e->ext;
  }
  return true;
}

w2l_instance *w2l_linker_instantiate(w2l_linker *l, const w2l_module *m, const char *as_module,
                                     w2l_error *err) {
  w2l_extern *imports = calloc(m->nimports + 1, sizeof *imports);
  w2l_instance *inst = NULL;
  uint64_t saved_limit = rt_new_memory_limit;
  w2l_quota *saved_quota = rt_instance_quota;
  if (!imports) {
    rt_error(err, W2L_OK, "out of memory instantiating module \"%s\"", m->name);
    return NULL;
  }
  if (w2l_linker_resolve(l, m, imports, err)) {
    rt_new_memory_limit = l->memory_limit;
    if (l->quota) rt_instance_quota = l->quota;
    inst = w2l_instantiate(m, imports, err);
    rt_new_memory_limit = saved_limit;
    rt_instance_quota = saved_quota;
  }
  free(imports);
  if (inst && as_module && !w2l_linker_define_instance(l, as_module, inst)) {
    rt_error(err, W2L_OK, "out of memory registering module \"%s\"", as_module);
    w2l_instance_free(inst);
    return NULL;
  }
  return inst;
}

uint32_t w2l_table_add_export(w2l_table *t, w2l_instance *inst, const char *name, w2l_error *err) {
  w2l_extern ext;
  uint32_t i;
  if (!w2l_instance_export(inst, name, &ext) || ext.kind != W2L_EXTERN_FUNC) {
    rt_error(err, W2L_OK, "no function exported as \"%s\"", name);
    return UINT32_MAX;
  }
  if (t->reftype != W2L_FUNCREF) {
    rt_error(err, W2L_OK, "cannot put function \"%s\" in a %s table", name,
             w2l_valtype_name(t->reftype));
    return UINT32_MAX;
  }
  /* Slot 0 is never handed out: C compiled to wasm calls through index 0 as
   * its null function pointer, and dlsym returning 0 means failure. */
  if (t->size == 0 && w2l_table_grow(t, 1, W2L_NULL_REF) == UINT32_MAX) {
    rt_error(err, W2L_OK, "table is full: cannot add \"%s\" (size %u, limit %u)", name, t->size,
             t->limit);
    return UINT32_MAX;
  }
  for (i = 1; i < t->size; i++)
    if (t->elems[i].fn == NULL) {
      t->elems[i] = ext.of.func;
      return i;
    }
  i = w2l_table_grow(t, 1, ext.of.func);
  if (i == UINT32_MAX)
    rt_error(err, W2L_OK, "table is full: cannot add \"%s\" (size %u, limit %u)", name, t->size,
             t->limit);
  return i;
}
