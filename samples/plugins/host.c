/* host.c - an application with WebAssembly plugins loaded at run time.
 *
 * Each plugin is a module translated by wasm2c-lite and built with
 *   cc -shared -fPIC -DW2L_PLUGIN X.c -o X.so
 * The host loads them by path, links them to its own imports (a shared table and
 * a log function), calls them by name, hands a function of one plugin to another
 * as a table index (dlsym), survives a plugin that traps, and unloads and
 * reloads a plugin.  Usage: host DIR (the directory holding the .so files). */
#include <stdio.h>
#include <stdlib.h>

#include "w2l.h"

static char dir[4096];

/* env.log: (param i32 i32) */
static void host_log(void *env, uint32_t a, uint32_t b) {
  printf("  %s: %u -> %u\n", (const char *)env, a, b);
}

static w2l_plugin *load(const char *name) {
  char path[4200];
  w2l_error err;
  snprintf(path, sizeof path, "%s/%s.so", dir, name);
  w2l_plugin *p = w2l_plugin_open(path, &err);
  if (!p) {
    fprintf(stderr, "cannot load %s: %s\n", name, err.message);
    exit(1);
  }
  return p;
}

static w2l_instance *instantiate(w2l_linker *l, w2l_plugin *p, const char *as) {
  w2l_error err;
  w2l_instance *inst = w2l_linker_instantiate(l, w2l_plugin_module(p), as, &err);
  if (!inst) {
    fprintf(stderr, "cannot instantiate %s: %s\n", as, err.message);
    exit(1);
  }
  return inst;
}

/* Call name(a[, b]) -> i32 and print the outcome. */
static void call2(w2l_instance *inst, const char *plugin, const char *name, int nargs,
                  uint32_t a, uint32_t b) {
  w2l_error err;
  w2l_val args[2] = {W2L_I32_VAL(a), W2L_I32_VAL(b)}, res;
  w2l_trap t = w2l_call(inst, name, args, (size_t)nargs, &res, 1, &err);
  if (nargs == 1) printf("%s.%s(%u)", plugin, name, a);
  else printf("%s.%s(%u, %u)", plugin, name, a, b);
  if (t == W2L_OK) printf(" = %d\n", (int32_t)res.of.i32);
  else printf(" trapped: %s\n", w2l_trap_message(t));
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s PLUGIN_DIR\n", argv[0]);
    return 2;
  }
  snprintf(dir, sizeof dir, "%s", argv[1]);
  w2l_error err;
  w2l_table *table = w2l_table_new(W2L_FUNCREF, 0, UINT32_MAX);
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define(l, "env", "table", (w2l_extern){.kind = W2L_EXTERN_TABLE, .of.table = table});
  w2l_linker_define_func(l, "env", "log", "ii:", (void (*)(void))host_log, "apply.map_log");

  printf("loading plugins square, apply, faulty\n");
  w2l_plugin *psquare = load("square"), *papply = load("apply"), *pfaulty = load("faulty");
  w2l_instance *square = instantiate(l, psquare, "square");
  w2l_instance *apply = instantiate(l, papply, "apply");
  w2l_instance *faulty = instantiate(l, pfaulty, "faulty");

  call2(square, "square", "square", 1, 7, 0);

  /* dlsym: put square's exports in the shared table, pass the indices. */
  uint32_t isq = w2l_table_add_export(table, square, "square", &err);
  uint32_t icube = w2l_table_add_export(table, square, "cube", &err);
  printf("dlsym(square, \"square\") = table index %u\n", isq);
  printf("dlsym(square, \"cube\") = table index %u\n", icube);
  call2(apply, "apply", "apply", 2, isq, 9);
  call2(apply, "apply", "apply", 2, icube, 3);
  printf("apply.map_log(%u, 3):\n", isq);
  w2l_val args[2] = {W2L_I32_VAL(isq), W2L_I32_VAL(3)};
  if (w2l_call(apply, "map_log", args, 2, NULL, 0, &err) != W2L_OK) printf("  trapped\n");
  call2(apply, "apply", "apply", 2, 99, 1);

  /* A faulty plugin traps; the host and the other plugins carry on. */
  call2(faulty, "faulty", "divide", 2, 7, 0);
  call2(faulty, "faulty", "peek", 1, 65536, 0);
  call2(faulty, "faulty", "peek", 1, 0xFFFFFFFC, 0);
  w2l_memory_set_limit(faulty->memories[0], 4);
  call2(faulty, "faulty", "grow", 1, 2, 0);
  call2(faulty, "faulty", "grow", 1, 2, 0);
  call2(faulty, "faulty", "divide", 2, 7, 2);
  call2(apply, "apply", "apply", 2, isq, 12);

  /* Unload square (its table entries go with it) and load it again. */
  w2l_table_fill(table, isq, W2L_NULL_REF, 2);
  w2l_instance_free(square);
  w2l_plugin_close(psquare);
  printf("unloaded square\n");
  call2(apply, "apply", "apply", 2, isq, 5);
  psquare = load("square");
  square = instantiate(l, psquare, "square");
  isq = w2l_table_add_export(table, square, "square", &err);
  printf("reloaded square; dlsym(square, \"square\") = table index %u\n", isq);
  call2(apply, "apply", "apply", 2, isq, 5);

  w2l_instance_free(faulty);
  w2l_instance_free(apply);
  w2l_instance_free(square);
  w2l_plugin_close(pfaulty);
  w2l_plugin_close(papply);
  w2l_plugin_close(psquare);
  w2l_linker_free(l);
  w2l_table_free(table);
  return 0;
}
