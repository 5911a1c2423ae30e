/* wasm2c-lite runtime: dynamic linking of side modules (the dylink.0 convention).
 *
 * Included by w2l.h; not meant to be included on its own.
 *
 * C and C++ toolchains build position-independent "side modules" that share one
 * linear memory, one function table and one stack with a main module:
 *
 *   emcc -O2 -sSIDE_MODULE=1 x.c -o x.wasm
 *   clang --target=wasm32-unknown-emscripten -O2 -fPIC -fvisibility=default -c x.c
 *   wasm-ld-14 --experimental-pic -shared x.o -o x.wasm
 *
 * Such a module starts with a "dylink.0" custom section (sizes, alignments,
 * needed libraries, symbol flags) and imports what a loader places for it:
 *   env.memory, env.__indirect_function_table   the process's memory and table
 *   env.__memory_base, env.__table_base         where its data and table slots went
 *   env.__stack_pointer                         the process's shadow stack pointer
 *   GOT.mem.S / GOT.func.S                      address of data symbol S / table
 *                                               index of function S, in any module
 *   env.F                                       function F of another module or the host
 * and exports __wasm_apply_data_relocs and __wasm_call_ctors, which the loader
 * runs (in that order) once the imports are in place.  The translator keeps the
 * section in the module descriptor (w2l_module.dylink); the loader below does the
 * rest on native code.  Translate each side module like any module and build it
 * as a plugin (cc -shared -fPIC -DW2L_PLUGIN x.c -o x.so), or link it in and
 * register its descriptor. */
#ifndef W2L_DYLINK_H
#define W2L_DYLINK_H

/* ===================================================================== */
/* The dylink.0 section, as the translator emits it                       */
/* ===================================================================== */

/* Symbol flags of the section's export and import info (the values of the
 * tool conventions; other bits are kept as read). */
#define W2L_DYLINK_WEAK 0x1u   /* weak binding: may stay undefined, may be overridden */
#define W2L_DYLINK_TLS 0x100u  /* thread-local data symbol */

/* One entry of the export info (module == NULL) or import info. */
typedef struct w2l_dylink_symbol {
  const char *module; /* import info: the import's module name; export info: NULL */
  const char *name;   /* the export's or import's name (NUL-terminated) */
  uint32_t flags;     /* W2L_DYLINK_* bits */
} w2l_dylink_symbol;

/* What a side module's dylink.0 section says (w2l_module.dylink; NULL for a
 * module without one). */
typedef struct w2l_dylink {
  uint32_t mem_size;                    /* bytes of data and bss it needs */
  uint32_t mem_align;                   /* their alignment, log2 */
  uint32_t table_size;                  /* table slots it needs */
  uint32_t table_align;                 /* their alignment, log2 */
  uint32_t nneeded;                     /* libraries it needs, loaded before it */
  const char *const *needed;            /* nneeded names, as the linker recorded them */
  uint32_t nexport_info;                /* entries of export_info */
  const w2l_dylink_symbol *export_info; /* flags of some exports */
  uint32_t nimport_info;                /* entries of import_info */
  const w2l_dylink_symbol *import_info; /* flags of some imports */
  /* w2l_module.nexports entries: for an export of an i32 global with a
   * constant initializer (how toolchains export a data symbol: its offset from
   * __memory_base), that constant; 0 for other exports.  The loader needs a
   * module's own data addresses before instantiating it: its relocations run
   * in its start function and read its own GOT.mem entries too. */
  const uint32_t *export_values;
  /* w2l_module.nimports entries: for a function import that the loader may
   * bind only after instantiation or leave unbound (weak in the import info,
   * or an "env" import named like a function the module exports itself, as
   * toolchains do for weak and inline definitions), a function of the
   * import's C type (called as fn(obj, params...)) that traps W2L_TRAP_HOST;
   * NULL for other imports. */
  void (*const *import_stubs)(void);
} w2l_dylink;

/* ===================================================================== */
/* The loader                                                              */
/* ===================================================================== */

/* A dynamically linked "process": one memory, one funcref table, one stack
 * pointer and one symbol namespace (the main module's exports, then each
 * loaded module's, in load order), plus the modules loaded into it.  Not
 * thread-safe: use a process from one thread at a time.
 *
 * What the loader gives a side module's imports:
 *   env.memory, env.__indirect_function_table   the process's memory and table
 *   env.__stack_pointer       main's exported stack pointer, else the loader's
 *   env.__memory_base         an immutable i32 global: the address of its
 *                             mem_size bytes of data, aligned to 2^mem_align and
 *                             zeroed, allocated with main's malloc (more when
 *                             the alignment exceeds 16, then aligned) or, with
 *                             no malloc, by growing the memory (bytes of
 *                             unloaded modules are handed out again)
 *   env.__table_base          an immutable i32 global: its first of table_size
 *                             slots aligned to 2^table_align (slots of unloaded
 *                             modules are reused, else the table grows)
 *   GOT.mem.S                 a mutable i32 global: the address of data symbol
 *                             S, an exported i32 global (main's value is an
 *                             address, a side module's is relative to its
 *                             __memory_base); the module itself counts
 *   GOT.func.S                a mutable i32 global: the table index of function
 *                             S (one index per function in the process, the
 *                             one of main's own elem segments if it has one;
 *                             dlsym gives the same); the module itself counts,
 *                             then host functions (not those taking a caller:
 *                             an error)
 *   env.F (a function)        the first module in load order that exports F,
 *                             else the host linker's env.F, else for a weak
 *                             import its undefined_stub
 *   anything else             the host linker (WASI, host functions...)
 * A symbol that several modules export is the first loaded one's, weak or not
 * (no overriding of weak definitions).  A weak GOT import nobody defines is 0;
 * any other undefined import is an error "undefined symbol: S (needed by M)".
 * Thread-local (W2L_DYLINK_TLS) data is not supported.  A module whose imports
 * bind to another side module's exports holds a reference on it, as on the
 * libraries it needs: that one is unloaded after it.
 * Once instantiated, a module's exports __wasm_apply_data_relocs,
 * __wasm_call_ctors and __post_instantiate (older emscripten) run, those it
 * has, in that order. */
typedef struct w2l_dl w2l_dl;

/* A new process (NULL when out of memory).  host, if not NULL, supplies the
 * imports of side modules that no loaded module defines (host functions,
 * WASI...); it is not owned and must outlive the process. */
w2l_dl *w2l_dl_new(w2l_linker *host);
/* Free the process: unload every side module (without running anything, not
 * even main's free) and free what the loader allocated.  The main instance is
 * the caller's: free it after the process (the process clears its table
 * slots).  NULL is allowed. */
void w2l_dl_free(w2l_dl *dl);

/* Make main the process's main module, before any w2l_dl_open.  main must
 * export its memory ("memory", else its memory 0 is not reachable: error) and
 * a growable funcref table "__indirect_function_table" (wasm-ld:
 * --export-table --growable-table); it may export a mutable i32 global
 * "__stack_pointer" (--export=__stack_pointer: side modules then use its
 * stack; otherwise the loader allocates a 64 KiB stack for them) and
 * "malloc"/"free" (side modules' data are then allocated with them, as
 * toolchains expect; otherwise the loader grows the memory).  main's exports
 * are the first in the symbol namespace.  main == NULL: a process of its own
 * (a new memory of 1 page, an empty table, a 64 KiB stack) for side modules a
 * native host loads directly (data then goes from address 16 up, address 0
 * stays unused).  Returns false with err filled: `main module "M" exports no
 * memory "memory"`, `... exports no funcref table "__indirect_function_table"`,
 * "the process has a main module already", out of memory; then free the
 * process. */
bool w2l_dl_set_main(w2l_dl *dl, w2l_instance *main, w2l_error *err);

/* Add a directory to the search path for plugins (tried in the order added).
 * A module named N (dlopen's argument, or a NEEDED entry) is found as the
 * module registered under N, else in each directory as the plugin file N,
 * then, if N ends in ".wasm", as the plugin with that ending replaced by
 * ".so".  A name containing '/' is used as a path as it is (and with ".so").
 * A file that is a WebAssembly binary is not loaded: the error says to
 * translate it and build a plugin.  false when out of memory. */
bool w2l_dl_add_path(w2l_dl *dl, const char *dir);
/* Make a side module linked into the program loadable under name (copied);
 * the same module may be registered under several names, each loaded apart.
 * false when out of memory. */
bool w2l_dl_register(w2l_dl *dl, const char *name, const w2l_module *m);

/* Handles: 1 is the main module (when there is one), side modules get 2, 3, ...
 * (never reused: a closed handle stays invalid);
 * W2L_DL_DEFAULT in w2l_dl_sym searches every loaded module in load order. */
#define W2L_DL_DEFAULT 0u
#define W2L_DL_MAIN 1u

/* dlopen: load module name and, first, the libraries it needs (recursively),
 * place each one (data in memory, slots in the table), resolve its imports,
 * run its relocations and constructors.  A module already loaded gets its
 * reference count raised and the same handle.  Returns the handle, or 0 with
 * err filled (and w2l_dl_error set): not found, not a side module, undefined
 * symbol, cycle of NEEDED libraries, incompatible import, out of memory, a
 * trap in its relocations or constructors.  On error nothing of the attempt
 * stays loaded (nor do modules its constructors opened that bound to it) and
 * the process stays usable.  The messages:
 *   cannot find N[ (needed by M)]: not registered and not in the search path
 *   N is a WebAssembly binary: translate it with wasm2c-lite and build a plugin (...)
 *   N is not a side module (no dylink.0 section)
 *   cycle of NEEDED libraries: a.so -> b.so -> a.so
 *   undefined symbol: S (needed by N)
 *   unknown import "M" "S" (needed by N)          (not env/GOT: the host's)
 *   N: incompatible import type for "env" "F": expected ..., got ...
 *   out of memory: malloc(K) returned 0 placing N
 *   N: __wasm_call_ctors trapped: unreachable     (err->trap set)
 *   w2l_dl_set_main was not called
 * name NULL gives W2L_DL_MAIN. */
uint32_t w2l_dl_open(w2l_dl *dl, const char *name, w2l_error *err);
/* dlsym: the value of symbol name in handle's module (W2L_DL_DEFAULT: the first
 * module in load order that exports it): a data symbol's address in memory,
 * or a function's table index (placed in the table on first use; every module
 * sees the same index for the same function).  false with err filled if there
 * is no such symbol ("undefined symbol: S", "undefined symbol: S (in N)") or
 * the handle is not open ("handle H is not open"). */
bool w2l_dl_sym(w2l_dl *dl, uint32_t handle, const char *name, uint32_t *value, w2l_error *err);
/* dlclose: drop one reference; at zero, unload the module (free its instance,
 * its data with main's free, clear its table slots and the indices of its
 * functions, forget its symbols) and drop its references to the libraries it
 * needed.  Nothing runs in the module (no destructors).  false with err filled
 * if handle is not open; closing W2L_DL_MAIN does nothing. */
bool w2l_dl_close(w2l_dl *dl, uint32_t handle, w2l_error *err);
/* dlerror: the message of the last failed w2l_dl_* call since the previous
 * w2l_dl_error call, or NULL; valid until the next call on dl.  (Each
 * failing call also fills its err.) */
const char *w2l_dl_error(w2l_dl *dl);
/* The instance behind handle, NULL if it is not open. */
w2l_instance *w2l_dl_instance(const w2l_dl *dl, uint32_t handle);
/* The process's memory and table. */
w2l_memory *w2l_dl_memory(const w2l_dl *dl);
w2l_table *w2l_dl_table(const w2l_dl *dl);

/* Define the guest API in l under module (usually "env"), for a main module
 * that calls the loader from wasm (runtime/guest/w2l_dlfcn.h declares them for
 * C code built with clang for wasm32):
 *   dlopen  (i32 name, i32 flags) -> i32 handle   name: NUL-terminated string in memory
 *   dlsym   (i32 handle, i32 name) -> i32 value   data address or table index, 0 on error
 *   dlclose (i32 handle) -> i32                   0, or -1 on error
 *   dlerror () -> i32                             address of the message in memory, or 0
 * (dlopen(0) gives W2L_DL_MAIN; flags are ignored: symbols are always global,
 * binding is always immediate).  Names are read from the process's memory,
 * bounds-checked (a name outside it is an error).  Errors never trap: they
 * return 0/-1 and set dlerror's text, which the loader copies into a buffer of
 * 512 bytes it allocates in memory once (with main's malloc, called back from
 * inside the import, or by growing the memory).  Define them, instantiate the
 * main module, then call w2l_dl_set_main with it.  false when out of memory. */
bool w2l_dl_define_imports(w2l_dl *dl, w2l_linker *l, const char *module);

#endif
