/* dylink.c - the loader of dylink.0 side modules (w2l_dylink.h): one memory,
 * one table and one stack shared by a main module and the side modules loaded
 * into it; placement of their data and table slots, symbol resolution (GOT
 * entries, functions across modules), NEEDED libraries, reference counts,
 * unloading, and the dlopen/dlsym/dlclose/dlerror imports for wasm code. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

#define STACK_SIZE 65536u   /* the stack the loader allocates when main has none */
#define MAX_NAME 4096u      /* longest name the guest API reads from memory */
#define MAX_DEPTH 64u       /* longest chain of NEEDED libraries */

/* ---- Free ranges: table slots and memory (without malloc) to hand out again ---- */

struct range {
  uint32_t start; /* first slot or byte */
  uint32_t len;   /* slots or bytes */
};

/* Free ranges sorted by start, neighbours merged. */
struct ranges {
  struct range *r; /* n ranges */
  uint32_t n;      /* ranges in use */
  uint32_t cap;    /* ranges allocated */
};

static uint64_t align_up(uint64_t x, uint64_t align) { return (x + align - 1) & ~(align - 1); }

/* Take len units aligned to align from the first range that holds them. */
static bool ranges_take(struct ranges *f, uint32_t len, uint64_t align, uint32_t *out) {
  for (uint32_t i = 0; i < f->n; i++) {
    uint64_t start = f->r[i].start, end = start + f->r[i].len, at = align_up(start, align);
    if (at + len > end) continue;
    if (at > start && at + len < end) { /* a hole in the middle: split in two */
      if (f->n == f->cap) continue;     /* no room to split: try another */
      memmove(&f->r[i + 1], &f->r[i], (f->n - i) * sizeof *f->r);
      f->n++;
      f->r[i].len = (uint32_t)(at - start);
      f->r[i + 1].start = (uint32_t)(at + len);
      f->r[i + 1].len = (uint32_t)(end - at - len);
    } else if (at > start) {
      f->r[i].len = (uint32_t)(at - start);
    } else if (at + len < end) {
      f->r[i].start = (uint32_t)(at + len);
      f->r[i].len = (uint32_t)(end - at - len);
    } else {
      memmove(&f->r[i], &f->r[i + 1], (f->n - i - 1) * sizeof *f->r);
      f->n--;
    }
    *out = (uint32_t)at;
    return true;
  }
  return false;
}

/* Give [start, start + len) back (lost when out of memory: never handed out
 * again, which is safe). */
static void ranges_give(struct ranges *f, uint32_t start, uint32_t len) {
  uint32_t i = 0;
  if (!len) return;
  while (i < f->n && f->r[i].start < start) i++;
  bool prev = i > 0 && (uint64_t)f->r[i - 1].start + f->r[i - 1].len == start;
  bool next = i < f->n && (uint64_t)start + len == f->r[i].start;
  if (prev && next) {
    f->r[i - 1].len += len + f->r[i].len;
    memmove(&f->r[i], &f->r[i + 1], (f->n - i - 1) * sizeof *f->r);
    f->n--;
    return;
  }
  if (prev) {
    f->r[i - 1].len += len;
    return;
  }
  if (next) {
    f->r[i].start = start;
    f->r[i].len += len;
    return;
  }
  if (f->n + 1 >= f->cap) { /* keep one spare for ranges_take's split */
    uint32_t cap = f->cap ? f->cap * 2 : 8;
    struct range *r = realloc(f->r, cap * sizeof *r);
    if (!r) return;
    f->r = r;
    f->cap = cap;
  }
  memmove(&f->r[i + 1], &f->r[i], (f->n - i) * sizeof *f->r);
  f->r[i] = (struct range){start, len};
  f->n++;
}

/* ---- The process ---- */

/* A loaded side module. */
struct dl_module {
  char *name;                 /* the name it was loaded by (owned) */
  uint32_t handle;            /* its handle (2, 3, ...) */
  uint32_t refs;              /* dlopen references + modules that depend on it */
  const w2l_module *module;   /* its descriptor */
  w2l_plugin *plugin;         /* the plugin it came from, or NULL (registered) */
  w2l_instance *inst;         /* its instance (NULL until instantiated) */
  uint32_t mem_base;          /* __memory_base: where its data went */
  uint32_t mem_block;         /* what malloc returned (0: none), or the range's start */
  uint32_t mem_len;           /* bytes of the range (without malloc), else 0 */
  uint32_t table_base;        /* __table_base: its first slot */
  uint32_t table_len;         /* slots placed for it (table_size, aligned) */
  w2l_global **globals;       /* the globals the loader made for its imports (owned) */
  uint32_t nglobals;          /* entries of globals */
  struct dl_module **deps;    /* modules it holds a reference on (NEEDED, symbols) */
  uint32_t ndeps;             /* entries of deps */
};

/* One function with a table index given out by the loader or found in main's
 * table: every module gets the same index for the same function. */
struct func_slot {
  void (*fn)(void);        /* its code */
  void *obj;               /* its instance (or host env) */
  uint32_t index;          /* its table slot */
  struct dl_module *owner; /* the side module it belongs to (NULL: main, host) */
  bool placed;             /* whether the loader put it there (and clears it at unload) */
};

/* A module linked into the program, loadable by name. */
struct registered {
  char *name;               /* its name (owned) */
  const w2l_module *module; /* its descriptor */
};

struct w2l_dl {
  w2l_linker *host;               /* imports no module defines (not owned), or NULL */
  bool has_main;                  /* whether w2l_dl_set_main succeeded */
  w2l_instance *main;             /* the main instance (the caller's), or NULL */
  w2l_memory *memory;             /* the process's memory */
  w2l_table *table;               /* the process's table */
  w2l_global *stack_pointer;      /* the process's __stack_pointer */
  w2l_memory *own_memory;         /* the memory made when there is no main, or NULL */
  w2l_table *own_table;           /* the table made when there is no main, or NULL */
  w2l_global *own_stack_pointer;  /* the stack pointer made when main has none, or NULL */
  bool has_malloc;                /* main exports malloc and free */
  struct ranges free_slots;       /* table slots to hand out again */
  struct ranges free_memory;      /* bytes to hand out again (no malloc) */
  struct dl_module **mods;        /* loaded side modules, in load order */
  uint32_t nmods, mods_cap;       /* entries and capacity of mods */
  uint32_t next_handle;           /* handle of the next module loaded */
  struct func_slot *funcs;        /* functions with an index */
  uint32_t nfuncs, funcs_cap;     /* entries and capacity of funcs */
  struct registered *registered;  /* modules linked in */
  uint32_t nregistered;           /* entries of registered */
  char **paths;                   /* the search path */
  uint32_t npaths;                /* entries of paths */
  bool error_pending;             /* whether error holds a message dlerror has not given */
  char error[512];                /* the last error */
  uint32_t guest_error;           /* address of dlerror's buffer in memory (0: none yet) */
};

static char *copy_string(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

/* items with room for one more of size bytes (doubled when full; *cap
 * updated), or NULL when out of memory (items unchanged). */
static void *grow_array(void *items, uint32_t *cap, uint32_t n, size_t size) {
  if (n < *cap) return items;
  uint32_t c = *cap ? *cap * 2 : 8;
  void *p = realloc(items, (size_t)c * size);
  if (p) *cap = c;
  return p;
}

/* Fill err and remember the message for w2l_dl_error; returns false. */
static bool fail(w2l_dl *dl, w2l_error *err, w2l_trap trap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static bool fail(w2l_dl *dl, w2l_error *err, w2l_trap trap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(dl->error, sizeof dl->error, fmt, ap);
  va_end(ap);
  dl->error_pending = true;
  rt_error(err, trap, "%s", dl->error);
  return false;
}

/* Remember err's message as the last error (for errors made by callees). */
static bool fail_with(w2l_dl *dl, w2l_error *err) {
  return fail(dl, err, err->trap, "%s", err->message);
}

w2l_dl *w2l_dl_new(w2l_linker *host) {
  w2l_dl *dl = calloc(1, sizeof *dl);
  if (!dl) return NULL;
  dl->host = host;
  dl->next_handle = W2L_DL_MAIN + 1;
  return dl;
}

/* ---- Calls into main ---- */

/* main's export name(x) -> i32 (malloc) or (x) -> () (free). */
static w2l_trap call_main(w2l_dl *dl, const char *name, uint32_t x, uint32_t *result,
                          w2l_error *err) {
  w2l_val arg = W2L_I32_VAL(x), res = W2L_I32_VAL(0);
  w2l_trap t = w2l_call(dl->main, name, &arg, 1, &res, result ? 1 : 0, err);
  if (result) *result = res.of.i32;
  return t;
}

/* ---- Memory: blocks of the process's memory, zeroed ---- */

/* A zeroed block of len bytes aligned to align; *block is what to give back
 * to free_block (with *range_len). */
static bool alloc_block(w2l_dl *dl, uint32_t len, uint64_t align, uint32_t *addr, uint32_t *block,
                        uint32_t *range_len, const char *what, w2l_error *err) {
  uint64_t at;
  *block = 0, *range_len = 0;
  if (dl->has_malloc) {
    uint64_t ask = (uint64_t)len + (align > 16 ? align : 0);
    uint32_t p = 0;
    w2l_error e;
    if (ask > UINT32_MAX) return fail(dl, err, W2L_OK, "out of memory: %s needs %u bytes", what, len);
    if (call_main(dl, "malloc", (uint32_t)ask, &p, &e) != W2L_OK)
      return fail(dl, err, e.trap, "malloc trapped placing %s: %s", what, e.message);
    if (p == 0)
      return fail(dl, err, W2L_OK, "out of memory: malloc(%llu) returned 0 placing %s",
                  (unsigned long long)ask, what);
    *block = p;
    at = align > 16 ? align_up(p, align) : p;
  } else {
    uint32_t got;
    if (!ranges_take(&dl->free_memory, len, align, &got)) {
      uint64_t end = dl->memory->size, start = align_up(end, align);
      uint64_t pages = (start + len - end + W2L_PAGE_SIZE - 1) / W2L_PAGE_SIZE;
      if (start + len > ((uint64_t)1 << 32) || w2l_memory_grow(dl->memory, pages) == UINT32_MAX)
        return fail(dl, err, W2L_OK, "out of memory: cannot grow the memory for %s (%u bytes)",
                    what, len);
      ranges_give(&dl->free_memory, (uint32_t)end, (uint32_t)(start - end));
      ranges_give(&dl->free_memory, (uint32_t)(start + len),
                  (uint32_t)(dl->memory->size - start - len));
      got = (uint32_t)start;
    }
    *block = got;
    *range_len = len;
    at = got;
  }
  uint8_t *p = w2l_memory_span(dl->memory, at, len);
  if (!p) return fail(dl, err, W2L_OK, "%s: block at %llu is outside the memory", what,
                      (unsigned long long)at);
  memset(p, 0, len);
  *addr = (uint32_t)at;
  return true;
}

/* Give a block back: to main's free, or to the free ranges.  run: whether
 * wasm code may run (not while the process is being freed). */
static void free_block(w2l_dl *dl, uint32_t block, uint32_t range_len, bool run) {
  if (range_len) ranges_give(&dl->free_memory, block, range_len);
  else if (block && dl->has_malloc && run) (void)call_main(dl, "free", block, NULL, NULL);
}

/* ---- Table slots ---- */

/* n null slots aligned to align, from the free ones or by growing the table. */
static bool alloc_slots(w2l_dl *dl, uint32_t n, uint64_t align, uint32_t *base, const char *what,
                        w2l_error *err) {
  w2l_table *t = dl->table;
  if (ranges_take(&dl->free_slots, n, align, base)) return true;
  uint64_t old = t->size, at = align_up(old, align);
  if (at + n > UINT32_MAX || w2l_table_grow(t, (uint32_t)(at + n - old), W2L_NULL_REF) == UINT32_MAX)
    return fail(dl, err, W2L_OK, "table is full: cannot place %u slots for %s (size %u, limit %u)",
                n, what, t->size, t->limit);
  ranges_give(&dl->free_slots, (uint32_t)old, (uint32_t)(at - old));
  *base = (uint32_t)at;
  return true;
}

static void free_slots(w2l_dl *dl, uint32_t base, uint32_t n) {
  for (uint32_t i = base; i < base + n && i < dl->table->size; i++) dl->table->elems[i] = W2L_NULL_REF;
  ranges_give(&dl->free_slots, base, n);
}

/* ---- Function indices ---- */

/* The side module whose instance obj is (pending: the one being loaded,
 * which is not in dl->mods yet). */
static struct dl_module *owner_of(const w2l_dl *dl, const void *obj, struct dl_module *pending) {
  if (pending && obj == pending->inst) return pending;
  for (uint32_t i = 0; i < dl->nmods; i++)
    if (dl->mods[i]->inst == obj) return dl->mods[i];
  return NULL;
}

/* The table index of function r: the one it has, or a new slot.  from: the
 * side module that exported r (NULL: main or the host); the slot belongs to
 * the module whose instance r.obj is, else to from (a function it re-exports,
 * whose obj may be its own w2l_caller), else to the process. */
static bool func_index(w2l_dl *dl, w2l_ref r, struct dl_module *from, const char *name,
                       uint32_t *index, w2l_error *err) {
  for (uint32_t i = 0; i < dl->nfuncs; i++)
    if (dl->funcs[i].fn == r.fn && dl->funcs[i].obj == r.obj) {
      *index = dl->funcs[i].index;
      return true;
    }
  struct func_slot *funcs = grow_array(dl->funcs, &dl->funcs_cap, dl->nfuncs, sizeof *funcs);
  if (!funcs) return fail(dl, err, W2L_OK, "out of memory placing function %s", name);
  dl->funcs = funcs;
  if (!alloc_slots(dl, 1, 1, index, name, err)) return false;
  dl->table->elems[*index] = r;
  struct dl_module *owner = owner_of(dl, r.obj, from);
  dl->funcs[dl->nfuncs++] = (struct func_slot){r.fn, r.obj, *index, owner ? owner : from, true};
  return true;
}

/* A table index for a function of m (being loaded) that exists only once m is
 * instantiated: the slot is m's, and fill_deferred puts the function there. */
static bool reserve_func_index(w2l_dl *dl, struct dl_module *m, const char *name, uint32_t *index,
                               w2l_error *err) {
  struct func_slot *funcs = grow_array(dl->funcs, &dl->funcs_cap, dl->nfuncs, sizeof *funcs);
  if (!funcs) return fail(dl, err, W2L_OK, "out of memory placing function %s", name);
  dl->funcs = funcs;
  if (!alloc_slots(dl, 1, 1, index, name, err)) return false;
  dl->funcs[dl->nfuncs++] = (struct func_slot){NULL, NULL, *index, m, true};
  return true;
}

/* Forget the indices of m's functions and clear their slots. */
static void drop_func_indices(w2l_dl *dl, struct dl_module *m) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < dl->nfuncs; i++) {
    if (dl->funcs[i].owner != m) {
      dl->funcs[k++] = dl->funcs[i];
      continue;
    }
    if (dl->funcs[i].placed) free_slots(dl, dl->funcs[i].index, 1);
  }
  dl->nfuncs = k;
}

/* ---- The main module ---- */

static bool export_of_kind(w2l_instance *inst, const char *name, w2l_externkind kind,
                           w2l_extern *out) {
  return inst && w2l_instance_export(inst, name, out) && out->kind == kind;
}

/* Whether inst exports function name with signature sig. */
static bool exports_func(w2l_instance *inst, const char *name, const char *sig) {
  w2l_extern e;
  return export_of_kind(inst, name, W2L_EXTERN_FUNC, &e) && e.of.func.type == w2l_functype_intern(sig);
}

bool w2l_dl_set_main(w2l_dl *dl, w2l_instance *main, w2l_error *err) {
  w2l_extern e;
  if (dl->has_main) return fail(dl, err, W2L_OK, "the process has a main module already");
  if (main) {
    const char *name = main->module->name;
    if (!export_of_kind(main, "memory", W2L_EXTERN_MEMORY, &e))
      return fail(dl, err, W2L_OK, "main module \"%s\" exports no memory \"memory\"", name);
    dl->memory = e.of.memory;
    if (!export_of_kind(main, "__indirect_function_table", W2L_EXTERN_TABLE, &e) ||
        e.of.table->reftype != W2L_FUNCREF)
      return fail(dl, err, W2L_OK,
                  "main module \"%s\" exports no funcref table \"__indirect_function_table\"", name);
    dl->table = e.of.table;
    if (export_of_kind(main, "__stack_pointer", W2L_EXTERN_GLOBAL, &e) &&
        e.of.global->type == W2L_I32 && e.of.global->mutable_)
      dl->stack_pointer = e.of.global;
    dl->has_malloc = exports_func(main, "malloc", "i:i") && exports_func(main, "free", "i:");
  } else {
    dl->memory = dl->own_memory = w2l_memory_new(1, UINT64_MAX);
    dl->table = dl->own_table = w2l_table_new(W2L_FUNCREF, 1, UINT32_MAX);
    if (!dl->own_memory || !dl->own_table) {
      w2l_memory_free(dl->own_memory);
      w2l_table_free(dl->own_table);
      dl->own_memory = NULL, dl->own_table = NULL;
      return fail(dl, err, W2L_OK, "out of memory making the process's memory and table");
    }
    ranges_give(&dl->free_memory, 16, W2L_PAGE_SIZE - 16); /* address 0 stays NULL */
  }
  dl->main = main;
  /* Slot 0 is C's null function pointer: never handed out. */
  if (dl->table->size == 0 && w2l_table_grow(dl->table, 1, W2L_NULL_REF) == UINT32_MAX)
    return fail(dl, err, W2L_OK, "table is full: cannot add its null slot 0");
  /* main's own elem segments: those functions keep their indices. */
  for (uint32_t i = 1; i < dl->table->size; i++) {
    w2l_ref r = dl->table->elems[i];
    if (!r.fn) continue;
    struct func_slot *funcs = grow_array(dl->funcs, &dl->funcs_cap, dl->nfuncs, sizeof *funcs);
    if (!funcs) return fail(dl, err, W2L_OK, "out of memory recording main's table");
    dl->funcs = funcs;
    dl->funcs[dl->nfuncs++] = (struct func_slot){r.fn, r.obj, i, NULL, false};
  }
  if (!dl->stack_pointer) {
    uint32_t addr, block, len;
    if (!alloc_block(dl, STACK_SIZE, 16, &addr, &block, &len, "the stack", err)) return false;
    dl->stack_pointer = dl->own_stack_pointer =
        w2l_global_new(W2L_I32, true, (w2l_value){.i32 = addr + STACK_SIZE});
    if (!dl->stack_pointer) return fail(dl, err, W2L_OK, "out of memory making the stack pointer");
  }
  dl->has_main = true;
  return true;
}

/* ---- Registration and lookup ---- */

bool w2l_dl_add_path(w2l_dl *dl, const char *dir) {
  char *p = copy_string(dir);
  char **paths = p ? realloc(dl->paths, (dl->npaths + 1) * sizeof *paths) : NULL;
  if (!paths) {
    free(p);
    return false;
  }
  dl->paths = paths;
  dl->paths[dl->npaths++] = p;
  return true;
}

bool w2l_dl_register(w2l_dl *dl, const char *name, const w2l_module *m) {
  char *n = copy_string(name);
  struct registered *r = n ? realloc(dl->registered, (dl->nregistered + 1) * sizeof *r) : NULL;
  if (!r) {
    free(n);
    return false;
  }
  dl->registered = r;
  dl->registered[dl->nregistered++] = (struct registered){n, m};
  return true;
}

/* Whether file path exists; *wasm: whether it begins like a WebAssembly binary. */
static bool file_exists(const char *path, bool *wasm) {
  unsigned char magic[4] = {0};
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  *wasm = fread(magic, 1, 4, f) == 4 && memcmp(magic, "\0asm", 4) == 0;
  fclose(f);
  return true;
}

/* Open the plugin at path, if the file exists: 1 opened, 0 no such file,
 * -1 error (err filled); *wasm set when the file is a WebAssembly binary. */
static int try_plugin(w2l_dl *dl, const char *path, w2l_plugin **p, bool *wasm, w2l_error *err) {
  bool is_wasm = false;
  if (!file_exists(path, &is_wasm)) return 0;
  if (is_wasm) {
    *wasm = true;
    return 0;
  }
  if (!(*p = w2l_plugin_open(path, err))) {
    fail_with(dl, err);
    return -1;
  }
  return 1;
}

/* Try dir/name (dir NULL: name as a path), then, for a name ending in
 * ".wasm", the same with ".so" instead (as try_plugin). */
static int try_file(w2l_dl *dl, const char *dir, const char *name, w2l_plugin **p, bool *wasm,
                    w2l_error *err) {
  size_t n = strlen(name);
  bool dot_wasm = n > 5 && strcmp(name + n - 5, ".wasm") == 0;
  for (int so = 0; so <= (int)dot_wasm; so++) {
    char path[4096];
    int stem = (int)(n - (so ? 5 : 0)), len;
    len = snprintf(path, sizeof path, "%s%s%.*s%s", dir ? dir : "", dir ? "/" : "", stem, name,
                   so ? ".so" : "");
    if (len < 0 || (size_t)len >= sizeof path) continue;
    int found = try_plugin(dl, path, p, wasm, err);
    if (found) return found;
  }
  return 0;
}

/* Find module name: registered, else a plugin in the search path. */
static bool find_module(w2l_dl *dl, const char *name, const char *needed_by,
                        const w2l_module **m, w2l_plugin **plugin, w2l_error *err) {
  bool wasm = false;
  int found = 0;
  *plugin = NULL;
  for (uint32_t i = 0; i < dl->nregistered; i++)
    if (strcmp(dl->registered[i].name, name) == 0) {
      *m = dl->registered[i].module;
      return true;
    }
  if (strchr(name, '/')) found = try_file(dl, NULL, name, plugin, &wasm, err);
  for (uint32_t i = 0; !strchr(name, '/') && found == 0 && i < dl->npaths; i++)
    found = try_file(dl, dl->paths[i], name, plugin, &wasm, err);
  if (found < 0) return false;
  if (found > 0) {
    *m = w2l_plugin_module(*plugin);
    return true;
  }
  if (wasm)
    return fail(dl, err, W2L_OK,
                "%s is a WebAssembly binary: translate it with wasm2c-lite and build a plugin "
                "(cc -shared -fPIC -DW2L_PLUGIN x.c -o x.so)", name);
  return fail(dl, err, W2L_OK, "cannot find %s%s%s%s: not registered and not in the search path",
              name, needed_by ? " (needed by " : "", needed_by ? needed_by : "", needed_by ? ")" : "");
}

/* ---- Symbols ---- */

/* The export name of kind of the first module in load order (main, then the
 * loaded modules) that has one; *from: its side module (NULL: main). */
static bool find_symbol(w2l_dl *dl, const char *name, w2l_externkind kind, w2l_extern *out,
                        struct dl_module **from) {
  *from = NULL;
  if (export_of_kind(dl->main, name, kind, out)) return true;
  for (uint32_t i = 0; i < dl->nmods; i++)
    if (export_of_kind(dl->mods[i]->inst, name, kind, out)) {
      *from = dl->mods[i];
      return true;
    }
  return false;
}

/* A data symbol's address: main's value is absolute, a side module's relative. */
static uint32_t data_address(const w2l_extern *e, const struct dl_module *from) {
  return e->of.global->value.i32 + (from ? from->mem_base : 0);
}

/* The import info entry of module.name in m, NULL if none. */
static const w2l_dylink_symbol *info_of(const w2l_module *m, const char *module, size_t module_len,
                                        const char *name, size_t name_len) {
  const w2l_dylink *y = m->dylink;
  for (uint32_t i = 0; i < y->nimport_info; i++) {
    const w2l_dylink_symbol *s = &y->import_info[i];
    if (s->module && strlen(s->module) == module_len && strlen(s->name) == name_len &&
        memcmp(s->module, module, module_len) == 0 && memcmp(s->name, name, name_len) == 0)
      return s;
  }
  return NULL;
}

/* The dylink flags of import (module, name) of m.  Toolchains describe a
 * GOT.mem.S or GOT.func.S import by its symbol, as env.S. */
static const w2l_dylink_symbol *import_info(const w2l_module *m, const w2l_import_desc *d) {
  const w2l_dylink_symbol *s = info_of(m, d->module, d->module_len, d->name, d->name_len);
  if (!s && strncmp(d->module, "GOT.", 4) == 0) s = info_of(m, "env", 3, d->name, d->name_len);
  return s;
}

/* Whether m exports name (of kind), and which export it is: then it defines it
 * itself, once instantiated. */
static bool own_export(const w2l_module *m, const char *name, size_t len, w2l_externkind kind,
                       uint32_t *index) {
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == kind && m->exports[i].name_len == len &&
        memcmp(m->exports[i].name, name, len) == 0) {
      *index = i;
      return true;
    }
  return false;
}

/* The funcidx of function import i of m (imports of each kind come first). */
static uint32_t func_import_index(const w2l_module *m, uint32_t i) {
  uint32_t f = 0;
  for (uint32_t k = 0; k < i; k++) f += m->imports[k].type.kind == W2L_EXTERN_FUNC;
  return f;
}

/* Take a reference on dep for m (once). */
static bool add_dep(struct dl_module *m, struct dl_module *dep) {
  if (!dep || dep == m) return true;
  for (uint32_t i = 0; i < m->ndeps; i++)
    if (m->deps[i] == dep) return true;
  struct dl_module **d = realloc(m->deps, (m->ndeps + 1) * sizeof *d);
  if (!d) return false;
  m->deps = d;
  m->deps[m->ndeps++] = dep;
  dep->refs++;
  return true;
}

/* ---- Unloading ---- */

static void unload(w2l_dl *dl, struct dl_module *m, bool run);

/* Drop one reference on m; at zero unload it. */
static void release(w2l_dl *dl, struct dl_module *m, bool run) {
  if (--m->refs == 0) unload(dl, m, run);
}

/* Free all of m and drop what it holds (m need not be fully loaded). */
static void unload(w2l_dl *dl, struct dl_module *m, bool run) {
  for (uint32_t i = 0; i < dl->nmods; i++)
    if (dl->mods[i] == m) {
      memmove(&dl->mods[i], &dl->mods[i + 1], (dl->nmods - i - 1) * sizeof *dl->mods);
      dl->nmods--;
      break;
    }
  drop_func_indices(dl, m);
  w2l_instance_free(m->inst);
  if (m->table_len) free_slots(dl, m->table_base, m->table_len);
  free_block(dl, m->mem_block, m->mem_len, run);
  for (uint32_t i = 0; i < m->nglobals; i++) w2l_global_free(m->globals[i]);
  free(m->globals);
  w2l_plugin_close(m->plugin);
  for (uint32_t i = m->ndeps; i-- > 0;) release(dl, m->deps[i], run);
  free(m->deps);
  free(m->name);
  free(m);
}

/* Unload the modules that refer to m, those that refer to them first: m is
 * going although they hold a reference on it (its constructors dlopened them
 * and they bound to its symbols). */
static void unload_dependents(w2l_dl *dl, struct dl_module *m) {
  for (uint32_t i = dl->nmods; i-- > 0;) {
    struct dl_module *o = dl->mods[i];
    bool refers = false;
    for (uint32_t k = 0; o != m && k < o->ndeps; k++) refers |= o->deps[k] == m;
    if (!refers) continue;
    unload_dependents(dl, o);
    unload(dl, o, true);
    i = dl->nmods; /* the list changed: scan it again */
  }
}

/* ---- Loading ---- */

/* What the module being loaded defines itself and can only be completed once
 * it is instantiated: the function behind a GOT.func entry (its slot index is
 * given out before: relocations run in the start function), or an env function
 * import of its own export (bound to its import stub meanwhile). */
struct deferred {
  uint32_t import; /* the import's index */
  uint32_t slot;   /* GOT.func: the index given out; else UINT32_MAX */
};

/* A global the loader makes for m (owned by m). */
static w2l_global *new_global(struct dl_module *m, bool mutable_, uint32_t value) {
  w2l_global **g = realloc(m->globals, (m->nglobals + 1) * sizeof *g);
  if (!g) return NULL;
  m->globals = g;
  if (!(g[m->nglobals] = w2l_global_new(W2L_I32, mutable_, (w2l_value){.i32 = value}))) return NULL;
  return g[m->nglobals++];
}

/* Resolve import i of m (module being loaded) into *out. */
static bool resolve_import(w2l_dl *dl, struct dl_module *m, uint32_t i, w2l_extern *out,
                           struct deferred *later, uint32_t *nlater, w2l_error *err) {
  const w2l_import_desc *d = &m->module->imports[i];
  const w2l_dylink_symbol *info = import_info(m->module, d);
  bool weak = info && (info->flags & W2L_DYLINK_WEAK);
  bool got_mem = strcmp(d->module, "GOT.mem") == 0, got_func = strcmp(d->module, "GOT.func") == 0;
  bool env = strcmp(d->module, "env") == 0;
  w2l_extern e;
  struct dl_module *from;
  if (env && d->type.kind == W2L_EXTERN_MEMORY && strcmp(d->name, "memory") == 0) {
    *out = (w2l_extern){W2L_EXTERN_MEMORY, {.memory = dl->memory}};
    return true;
  }
  if (env && d->type.kind == W2L_EXTERN_TABLE && strcmp(d->name, "__indirect_function_table") == 0) {
    *out = (w2l_extern){W2L_EXTERN_TABLE, {.table = dl->table}};
    return true;
  }
  if (env && d->type.kind == W2L_EXTERN_GLOBAL) {
    w2l_global *g = NULL;
    if (strcmp(d->name, "__stack_pointer") == 0) g = dl->stack_pointer;
    else if (strcmp(d->name, "__memory_base") == 0 && !(g = new_global(m, false, m->mem_base)))
      return fail(dl, err, W2L_OK, "out of memory loading %s", m->name);
    else if (strcmp(d->name, "__table_base") == 0 && !(g = new_global(m, false, m->table_base)))
      return fail(dl, err, W2L_OK, "out of memory loading %s", m->name);
    if (g) {
      *out = (w2l_extern){W2L_EXTERN_GLOBAL, {.global = g}};
      return true;
    }
  }
  if ((got_mem || got_func) && d->type.kind == W2L_EXTERN_GLOBAL) {
    w2l_externkind kind = got_mem ? W2L_EXTERN_GLOBAL : W2L_EXTERN_FUNC;
    uint32_t value = 0, self_export;
    bool self = false;
    if (find_symbol(dl, d->name, kind, &e, &from)) {
      if (got_mem) value = data_address(&e, from);
      else if (!func_index(dl, e.of.func, from, d->name, &value, err)) return false;
      if (!add_dep(m, from)) return fail(dl, err, W2L_OK, "out of memory loading %s", m->name);
    } else if (got_mem && own_export(m->module, d->name, d->name_len, kind, &self_export)) {
      const w2l_dylink *y = m->module->dylink;
      if (!y->export_values)
        return fail(dl, err, W2L_OK, "%s: no export values in its descriptor for GOT.mem.%s",
                    m->name, d->name);
      value = m->mem_base + y->export_values[self_export];
    } else if (got_func && own_export(m->module, d->name, d->name_len, kind, &self_export)) {
      if (!reserve_func_index(dl, m, d->name, &value, err)) return false;
      self = true;
    } else if (got_func && dl->host &&
               rt_linker_find(dl->host, "env", 3, d->name, d->name_len, &e) &&
               (e.kind == W2L_EXTERN_FUNC || e.kind == W2L_EXTERN_FUNC_CALLER)) {
      if (e.kind == W2L_EXTERN_FUNC_CALLER)
        return fail(dl, err, W2L_OK,
                    "cannot take the address of host function %s (needed by %s): it takes a caller",
                    d->name, m->name);
      if (!func_index(dl, e.of.func, NULL, d->name, &value, err)) return false;
    } else if (!weak) {
      return fail(dl, err, W2L_OK, "undefined symbol: %s (needed by %s)", d->name, m->name);
    }
    w2l_global *g = new_global(m, true, value);
    if (!g) return fail(dl, err, W2L_OK, "out of memory loading %s", m->name);
    if (self) later[(*nlater)++] = (struct deferred){i, value};
    *out = (w2l_extern){W2L_EXTERN_GLOBAL, {.global = g}};
    return true;
  }
  if (env && d->type.kind == W2L_EXTERN_FUNC) {
    if (find_symbol(dl, d->name, W2L_EXTERN_FUNC, out, &from)) {
      if (!add_dep(m, from)) return fail(dl, err, W2L_OK, "out of memory loading %s", m->name);
      return true;
    }
    if (dl->host && rt_linker_find(dl->host, d->module, d->module_len, d->name, d->name_len, out))
      return true;
    void (*stub)(void) = m->module->dylink->import_stubs ? m->module->dylink->import_stubs[i] : NULL;
    uint32_t self_export;
    bool self = own_export(m->module, d->name, d->name_len, W2L_EXTERN_FUNC, &self_export);
    if ((self || weak) && stub) {
      *out = (w2l_extern){W2L_EXTERN_FUNC, {.func = {w2l_functype_intern(d->type.sig), stub, NULL, NULL}}};
      if (self) later[(*nlater)++] = (struct deferred){i, UINT32_MAX};
      return true;
    }
    return fail(dl, err, W2L_OK, "undefined symbol: %s (needed by %s)", d->name, m->name);
  }
  if (dl->host && rt_linker_find(dl->host, d->module, d->module_len, d->name, d->name_len, out))
    return true;
  return fail(dl, err, W2L_OK, "unknown import \"%s\" \"%s\" (needed by %s)", d->module, d->name,
              m->name);
}

/* Complete what m defines itself (struct deferred), now that it is instantiated. */
static bool fill_deferred(w2l_dl *dl, struct dl_module *m, const struct deferred *later,
                          uint32_t nlater, w2l_error *err) {
  for (uint32_t k = 0; k < nlater; k++) {
    const w2l_import_desc *d = &m->module->imports[later[k].import];
    w2l_extern e;
    if (!export_of_kind(m->inst, d->name, W2L_EXTERN_FUNC, &e))
      return fail(dl, err, W2L_OK, "undefined symbol: %s (needed by %s)", d->name, m->name);
    if (later[k].slot != UINT32_MAX) { /* GOT.func: its reserved slot */
      dl->table->elems[later[k].slot] = e.of.func;
      for (uint32_t i = 0; i < dl->nfuncs; i++)
        if (dl->funcs[i].index == later[k].slot && dl->funcs[i].owner == m)
          dl->funcs[i].fn = e.of.func.fn, dl->funcs[i].obj = e.of.func.obj;
      continue;
    }
    /* env.F of its own F: replace the stub, in its functions and its slots */
    if (e.of.func.type != w2l_functype_intern(d->type.sig))
      return fail(dl, err, W2L_OK, "%s: incompatible import type for \"env\" \"%s\": its own export differs",
                  m->name, d->name);
    w2l_ref *f = &m->inst->funcs[func_import_index(m->module, later[k].import)];
    for (uint32_t i = m->table_base; i < m->table_base + m->table_len; i++)
      if (dl->table->elems[i].fn == f->fn && dl->table->elems[i].obj == f->obj)
        dl->table->elems[i] = e.of.func;
    *f = e.of.func;
  }
  return true;
}

/* Place m (data, slots), resolve its imports and instantiate it. */
static bool instantiate(w2l_dl *dl, struct dl_module *m, w2l_error *err) {
  const w2l_module *mod = m->module;
  const w2l_dylink *y = mod->dylink;
  w2l_extern *imports = calloc(mod->nimports + 1, sizeof *imports);
  struct deferred *later = calloc(mod->nimports + 1, sizeof *later);
  uint32_t nlater = 0;
  bool ok = false;
  if (!imports || !later) {
    fail(dl, err, W2L_OK, "out of memory loading %s", m->name);
    goto done;
  }
  if (y->mem_align > 31 || y->table_align > 31) {
    fail(dl, err, W2L_OK, "%s: alignment 2^%u is too large", m->name,
         y->mem_align > y->table_align ? y->mem_align : y->table_align);
    goto done;
  }
  if (y->mem_size && !alloc_block(dl, y->mem_size, (uint64_t)1 << y->mem_align, &m->mem_base,
                                  &m->mem_block, &m->mem_len, m->name, err))
    goto done;
  if (y->table_size) {
    if (!alloc_slots(dl, y->table_size, (uint64_t)1 << y->table_align, &m->table_base, m->name, err))
      goto done;
    m->table_len = y->table_size;
  }
  for (uint32_t i = 0; i < mod->nimports; i++)
    if (!resolve_import(dl, m, i, &imports[i], later, &nlater, err)) goto done;
  if (!(m->inst = w2l_instantiate(mod, imports, err))) {
    fail(dl, err, err->trap, "%s: %s", m->name, err->message);
    goto done;
  }
  ok = fill_deferred(dl, m, later, nlater, err);
done:
  free(imports);
  free(later);
  return ok;
}

/* Run m's relocations and constructors, those it exports. */
static bool run_init(w2l_dl *dl, struct dl_module *m, w2l_error *err) {
  static const char *const steps[] = {"__wasm_apply_data_relocs", "__wasm_call_ctors",
                                      "__post_instantiate"};
  for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
    if (!exports_func(m->inst, steps[i], ":")) continue;
    if (w2l_call(m->inst, steps[i], NULL, 0, NULL, 0, err) != W2L_OK)
      return fail(dl, err, err->trap, "%s: %s trapped: %s", m->name, steps[i], err->message);
  }
  return true;
}

static struct dl_module *loaded(const w2l_dl *dl, const char *name) {
  for (uint32_t i = 0; i < dl->nmods; i++)
    if (strcmp(dl->mods[i]->name, name) == 0) return dl->mods[i];
  return NULL;
}

/* The modules being loaded, outermost first (to find cycles and name them). */
struct chain {
  const char *names[MAX_DEPTH]; /* their names */
  uint32_t n;                   /* entries of names */
};

/* Load name (and what it needs) with one more reference; NULL on error with
 * nothing of the attempt left. */
static struct dl_module *load(w2l_dl *dl, const char *name, struct chain *chain, w2l_error *err) {
  struct dl_module *m = loaded(dl, name);
  if (m) {
    m->refs++;
    return m;
  }
  for (uint32_t i = 0; i < chain->n; i++)
    if (strcmp(chain->names[i], name) == 0) {
      char text[400];
      size_t len = 0;
      text[0] = '\0';
      for (uint32_t k = i; k < chain->n; k++)
        len += (size_t)snprintf(text + len, len < sizeof text ? sizeof text - len : 0, "%s -> ",
                                chain->names[k]);
      fail(dl, err, W2L_OK, "cycle of NEEDED libraries: %s%s", text, name);
      return NULL;
    }
  if (chain->n == MAX_DEPTH) {
    fail(dl, err, W2L_OK, "NEEDED libraries nest deeper than %u at %s", MAX_DEPTH, name);
    return NULL;
  }
  const w2l_module *mod = NULL;
  w2l_plugin *plugin;
  if (!find_module(dl, name, chain->n ? chain->names[chain->n - 1] : NULL, &mod, &plugin, err))
    return NULL;
  if (!mod->dylink) {
    w2l_plugin_close(plugin);
    fail(dl, err, W2L_OK, "%s is not a side module (no dylink.0 section)", name);
    return NULL;
  }
  if (!(m = calloc(1, sizeof *m)) || !(m->name = copy_string(name))) {
    if (m) free(m->name);
    free(m);
    w2l_plugin_close(plugin);
    fail(dl, err, W2L_OK, "out of memory loading %s", name);
    return NULL;
  }
  m->module = mod;
  m->plugin = plugin;
  m->refs = 1;
  chain->names[chain->n++] = name;
  bool ok = true;
  for (uint32_t i = 0; ok && i < mod->dylink->nneeded; i++) {
    struct dl_module *dep = load(dl, mod->dylink->needed[i], chain, err);
    if (!dep) ok = false;
    else if (!add_dep(m, dep)) ok = fail(dl, err, W2L_OK, "out of memory loading %s", name);
    if (dep) dep->refs--; /* add_dep took the reference load gave */
    if (dep && !ok && dep->refs == 0) unload(dl, dep, true);
  }
  chain->n--;
  if (ok) ok = instantiate(dl, m, err);
  struct dl_module **mods = ok ? grow_array(dl->mods, &dl->mods_cap, dl->nmods, sizeof *mods) : NULL;
  if (ok && !mods) ok = fail(dl, err, W2L_OK, "out of memory loading %s", name);
  if (ok) {
    dl->mods = mods;
    m->handle = dl->next_handle++;
    dl->mods[dl->nmods++] = m; /* its symbols are visible to its constructors' dlopens */
    ok = run_init(dl, m, err);
  }
  if (!ok) {
    unload_dependents(dl, m);
    unload(dl, m, true);
    return NULL;
  }
  return m;
}

uint32_t w2l_dl_open(w2l_dl *dl, const char *name, w2l_error *err) {
  w2l_error local;
  struct chain chain;
  if (!err) err = &local;
  if (!dl->has_main) {
    fail(dl, err, W2L_OK, "w2l_dl_set_main was not called");
    return 0;
  }
  if (!name) return dl->main ? W2L_DL_MAIN : (fail(dl, err, W2L_OK, "the process has no main module"), 0);
  chain.n = 0;
  struct dl_module *m = load(dl, name, &chain, err);
  return m ? m->handle : 0;
}

/* ---- dlsym, dlclose, the rest ---- */

static struct dl_module *by_handle(const w2l_dl *dl, uint32_t handle) {
  for (uint32_t i = 0; i < dl->nmods; i++)
    if (dl->mods[i]->handle == handle) return dl->mods[i];
  return NULL;
}

bool w2l_dl_sym(w2l_dl *dl, uint32_t handle, const char *name, uint32_t *value, w2l_error *err) {
  w2l_error local;
  w2l_extern e;
  struct dl_module *from = NULL;
  bool found;
  if (!err) err = &local;
  if (handle == W2L_DL_DEFAULT) {
    found = find_symbol(dl, name, W2L_EXTERN_FUNC, &e, &from) ||
            find_symbol(dl, name, W2L_EXTERN_GLOBAL, &e, &from);
  } else if (handle == W2L_DL_MAIN && dl->main) {
    found = export_of_kind(dl->main, name, W2L_EXTERN_FUNC, &e) ||
            export_of_kind(dl->main, name, W2L_EXTERN_GLOBAL, &e);
  } else {
    if (!(from = by_handle(dl, handle))) return fail(dl, err, W2L_OK, "handle %u is not open", handle);
    found = export_of_kind(from->inst, name, W2L_EXTERN_FUNC, &e) ||
            export_of_kind(from->inst, name, W2L_EXTERN_GLOBAL, &e);
  }
  if (!found) {
    if (handle == W2L_DL_DEFAULT) return fail(dl, err, W2L_OK, "undefined symbol: %s", name);
    return fail(dl, err, W2L_OK, "undefined symbol: %s (in %s)", name,
                from ? from->name : dl->main->module->name);
  }
  if (e.kind == W2L_EXTERN_GLOBAL) {
    if (e.of.global->type != W2L_I32)
      return fail(dl, err, W2L_OK, "symbol %s is not an i32 address", name);
    *value = data_address(&e, from);
    return true;
  }
  return func_index(dl, e.of.func, from, name, value, err);
}

bool w2l_dl_close(w2l_dl *dl, uint32_t handle, w2l_error *err) {
  struct dl_module *m = by_handle(dl, handle);
  if (handle == W2L_DL_MAIN && dl->main) return true;
  if (!m) return fail(dl, err, W2L_OK, "handle %u is not open", handle);
  release(dl, m, true);
  return true;
}

const char *w2l_dl_error(w2l_dl *dl) {
  if (!dl->error_pending) return NULL;
  dl->error_pending = false;
  return dl->error;
}

w2l_instance *w2l_dl_instance(const w2l_dl *dl, uint32_t handle) {
  struct dl_module *m;
  if (handle == W2L_DL_MAIN) return dl->main;
  m = by_handle(dl, handle);
  return m ? m->inst : NULL;
}

w2l_memory *w2l_dl_memory(const w2l_dl *dl) { return dl->memory; }
w2l_table *w2l_dl_table(const w2l_dl *dl) { return dl->table; }

void w2l_dl_free(w2l_dl *dl) {
  if (!dl) return;
  while (dl->nmods) { /* the last loaded first: nothing depends on it */
    struct dl_module *m = dl->mods[dl->nmods - 1];
    for (uint32_t i = 0; i < m->ndeps; i++) m->deps[i]->refs--;
    m->ndeps = 0;
    unload(dl, m, false);
  }
  for (uint32_t i = 0; i < dl->nregistered; i++) free(dl->registered[i].name);
  for (uint32_t i = 0; i < dl->npaths; i++) free(dl->paths[i]);
  free(dl->registered);
  free(dl->paths);
  free(dl->mods);
  free(dl->funcs);
  free(dl->free_slots.r);
  free(dl->free_memory.r);
  w2l_global_free(dl->own_stack_pointer);
  w2l_table_free(dl->own_table);
  w2l_memory_free(dl->own_memory);
  free(dl);
}

/* ---- The guest API ---- */

/* The NUL-terminated name at addr in the process's memory, copied into buf. */
static bool guest_string(w2l_dl *dl, uint32_t addr, char *buf, size_t size) {
  size_t len;
  const char *s = w2l_memory_string(dl->memory, addr, size - 1, &len);
  if (!s) return fail(dl, NULL, W2L_OK, "name at %u is not a string inside the memory", addr);
  memcpy(buf, s, len + 1);
  return true;
}

static uint32_t guest_dlopen(w2l_caller *c, uint32_t name, uint32_t flags) {
  w2l_dl *dl = c->env;
  char buf[MAX_NAME];
  (void)flags;
  if (name == 0) return w2l_dl_open(dl, NULL, NULL);
  if (!guest_string(dl, name, buf, sizeof buf)) return 0;
  return w2l_dl_open(dl, buf, NULL);
}

static uint32_t guest_dlsym(w2l_caller *c, uint32_t handle, uint32_t name) {
  w2l_dl *dl = c->env;
  char buf[MAX_NAME];
  uint32_t value = 0;
  if (!guest_string(dl, name, buf, sizeof buf) || !w2l_dl_sym(dl, handle, buf, &value, NULL)) return 0;
  return value;
}

static uint32_t guest_dlclose(w2l_caller *c, uint32_t handle) {
  return w2l_dl_close(c->env, handle, NULL) ? 0 : UINT32_MAX;
}

static uint32_t guest_dlerror(w2l_caller *c) {
  w2l_dl *dl = c->env;
  const char *text;
  if (!dl->error_pending) return 0;
  if (!dl->guest_error) { /* once: the buffer stays for the process */
    uint32_t block, len, addr;
    char saved[sizeof dl->error];
    memcpy(saved, dl->error, sizeof saved);
    bool ok = alloc_block(dl, sizeof dl->error, 16, &addr, &block, &len, "dlerror's text", NULL);
    memcpy(dl->error, saved, sizeof saved); /* the error to tell, not the allocation's */
    dl->error_pending = true;
    if (!ok) return 0;
    dl->guest_error = addr;
  }
  text = w2l_dl_error(dl);
  if (!w2l_memory_write(dl->memory, dl->guest_error, text, strlen(text) + 1)) return 0;
  return dl->guest_error;
}

bool w2l_dl_define_imports(w2l_dl *dl, w2l_linker *l, const char *module) {
  return w2l_linker_define_func_caller(l, module, "dlopen", "ii:i", (void (*)(void))guest_dlopen, dl) &&
         w2l_linker_define_func_caller(l, module, "dlsym", "ii:i", (void (*)(void))guest_dlsym, dl) &&
         w2l_linker_define_func_caller(l, module, "dlclose", "i:i", (void (*)(void))guest_dlclose, dl) &&
         w2l_linker_define_func_caller(l, module, "dlerror", ":i", (void (*)(void))guest_dlerror, dl);
}
