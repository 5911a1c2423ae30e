/* w2l_dlfcn.h - dlopen, dlsym, dlclose and dlerror for guest code: C compiled
 * to WebAssembly (clang --target=wasm32-wasi) as the main module of a
 * wasm2c-lite process that loads side modules at run time (w2l_dylink.h).
 *
 * This header is for the wasm side, not for the native host.  Each function is
 * an import from module "env"; the host provides all four with
 *   w2l_dl_define_imports(dl, linker, "env");
 * before it instantiates the main module, then calls w2l_dl_set_main.  A main
 * module that includes this header but runs without them fails to
 * instantiate (unknown import "env" "dlopen").
 *
 *   #include "w2l_dlfcn.h"                // installed as wasm2c-lite/guest/
 *   void *h = dlopen("libshape.wasm", RTLD_NOW);
 *   if (!h) { puts(dlerror()); return 1; }
 *   int (*area)(int) = (int (*)(int))dlsym(h, "area");
 *   int a = area(3);                    // an indirect call through the shared table
 *   dlclose(h);
 *
 * Build the main module so that side modules can share its memory, table and
 * stack (see README "Dynamic linking"):
 *   clang --target=wasm32-wasi -mmutable-globals ... -Wl,--export-table,--growable-table \
 *     -Wl,--export=__stack_pointer,--export=malloc,--export=free
 *
 * What the functions do (the loader's w2l_dl_open / _sym / _close / _error):
 * - dlopen(name, flags): load side module name (found as the host's search path
 *   says: the plugin name, or name.wasm as name.so) and the libraries it needs,
 *   place them, run their relocations and constructors; a module already loaded
 *   gets its reference count raised and the same handle.  dlopen(NULL, ...)
 *   gives the handle of the main module.  NULL on error.
 * - dlsym(handle, name): a data symbol's address, or a function's table index,
 *   which in wasm32 C *is* the function pointer: cast it to the function's type
 *   and call it.  Every module gets the same pointer for the same function, so
 *   function pointers compare equal across modules.  handle RTLD_DEFAULT
 *   searches every loaded module in load order.  NULL on error (so a symbol at
 *   address 0 cannot be told from an error: there is none in practice).
 * - dlclose(handle): drop one reference; at zero the module is unloaded (its
 *   data freed, its table slots cleared).  0, or -1 on error.
 * - dlerror(): the message of the last failed call since the previous dlerror
 *   call, or NULL.  The text lives in linear memory the loader allocated and
 *   stays valid until the next dl* call.
 * Errors never trap: they return NULL/-1 and leave the message for dlerror.
 *
 * flags: the RTLD_* values below are accepted so that POSIX code compiles
 * unchanged and passed to the loader, which ignores them: the dylink.0
 * convention has one symbol namespace and binds at load, so every module
 * behaves as RTLD_NOW | RTLD_GLOBAL whatever the flags say.
 *
 * Not thread-safe (nor is the loader): call these from one thread.
 *
 * A libc with its own <dlfcn.h>: wasi-libc as Debian ships it has none, so
 * this header declares the standard names itself.  A libc that has one (a
 * newer wasi-libc, emscripten's) also *defines* dlopen and friends; if such a
 * definition is linked in, wasm-ld binds the calls to it and no "env" import
 * is made, so the loader is never reached.  Include either that <dlfcn.h> or
 * this header, not both (this one stops with an error if <dlfcn.h> came
 * first), and do not link a libc's dl* implementation into a main module that
 * wasm2c-lite loads. */
#ifndef W2L_DLFCN_H
#define W2L_DLFCN_H

#if !defined(__wasm__)
#error "w2l_dlfcn.h is for code compiled to WebAssembly; a native host uses w2l_dylink.h"
#endif
#if defined(RTLD_LAZY) || defined(_DLFCN_H)
#error "w2l_dlfcn.h: <dlfcn.h> was included too; use one of them (see the comment in w2l_dlfcn.h)"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* dlopen's flags, with musl's values (wasi-libc derives from musl).  POSIX
 * meanings; the loader ignores them (see "flags" above), so RTLD_NOLOAD still
 * loads and RTLD_NODELETE still unloads. */
#define RTLD_LAZY 1        /* POSIX: bind functions when first called */
#define RTLD_NOW 2         /* POSIX: bind everything at load (what happens) */
#define RTLD_NOLOAD 4      /* POSIX: only return a module already loaded */
#define RTLD_NODELETE 4096 /* POSIX: never unload */
#define RTLD_GLOBAL 256    /* POSIX: the symbols serve later modules (what happens) */
#define RTLD_LOCAL 0       /* POSIX: the opposite of RTLD_GLOBAL */
/* dlsym's handle that searches every loaded module in load order (the
 * loader's W2L_DL_DEFAULT). */
#define RTLD_DEFAULT ((void *)0)

#define W2L_DLFCN_IMPORT(name) __attribute__((import_module("env"), import_name(name)))

/* Load side module name and what it needs: its handle, or NULL (see dlerror). */
W2L_DLFCN_IMPORT("dlopen") void *dlopen(const char *name, int flags);
/* The address of data symbol name, or the table index of function name (the
 * function pointer), in handle's module (RTLD_DEFAULT: any); NULL on error. */
W2L_DLFCN_IMPORT("dlsym") void *dlsym(void *handle, const char *name);
/* Drop a reference to handle's module: 0, or -1 on error. */
W2L_DLFCN_IMPORT("dlclose") int dlclose(void *handle);
/* The message of the last error since the previous call, or NULL. */
W2L_DLFCN_IMPORT("dlerror") char *dlerror(void);

#undef W2L_DLFCN_IMPORT

#ifdef __cplusplus
}
#endif
#endif
