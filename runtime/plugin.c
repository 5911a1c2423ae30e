/* plugin.c - modules loaded at run time from shared objects (dlopen). */
#include <dlfcn.h>
#include <stdlib.h>

#include "internal.h"

struct w2l_plugin {
  void *handle;             /* dlopen handle */
  const w2l_module *module; /* the descriptor the plugin exports */
};

w2l_plugin *w2l_plugin_open(const char *path, w2l_error *err) {
  w2l_plugin *p;
  void *handle, *sym;
  w2l_plugin_descriptor_fn get;
  const w2l_module *m;
  handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *why = dlerror();
    /* A plugin resolves the runtime's symbols against the program that loads
     * it; a host linked with only part of the static runtime, or without
     * -rdynamic, does not offer them. */
    bool runtime_symbol = why && strstr(why, "undefined symbol: w2l_");
    rt_error(err, W2L_OK, "cannot load plugin: %s%s", why ? why : path,
             runtime_symbol ? " (the plugin uses the runtime of the program that loads it: link "
                              "the host with the shared runtime, -lwasm2c-lite-rt as `pkg-config "
                              "--libs wasm2c-lite` gives, or with -rdynamic and all of the static "
                              "one, -Wl,--whole-archive -lwasm2c-lite-rt -Wl,--no-whole-archive)"
                            : "");
    return NULL;
  }
  sym = dlsym(handle, W2L_PLUGIN_SYMBOL);
  if (!sym) {
    rt_error(err, W2L_OK, "%s: not a wasm2c-lite plugin (no %s; build it with -DW2L_PLUGIN)", path,
             W2L_PLUGIN_SYMBOL);
    dlclose(handle);
    return NULL;
  }
  memcpy(&get, &sym, sizeof get); /* POSIX: data and function pointers convert */
  m = get();
  if (!m || m->abi != W2L_ABI_VERSION || m->bounds != W2L_BOUNDS) {
    rt_error(err, W2L_OK,
             "%s: plugin built for runtime ABI %u with W2L_BOUNDS=%d; this runtime "
             "has ABI %u with W2L_BOUNDS=%d",
             path, m ? m->abi : 0, m ? m->bounds : -1, W2L_ABI_VERSION, W2L_BOUNDS);
    dlclose(handle);
    return NULL;
  }
  p = malloc(sizeof *p);
  if (!p) {
    rt_error(err, W2L_OK, "out of memory loading %s", path);
    dlclose(handle);
    return NULL;
  }
  p->handle = handle;
  p->module = m;
  return p;
}

const w2l_module *w2l_plugin_module(const w2l_plugin *p) { return p->module; }

void w2l_plugin_close(w2l_plugin *p) {
  if (!p) return;
  dlclose(p->handle);
  free(p);
}
