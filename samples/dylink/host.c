/* host.c - runs the WASI program main.wasm (translated as prog.c, linked in)
 * as the main module of a dynamically linked process: its dlopen, dlsym,
 * dlclose and dlerror imports are the loader's, which finds the side modules
 * it asks for (translated and built as plugins) in DIR.  Usage: host DIR. */
#include <stdio.h>

#include "prog.h"
#include "w2l_wasi.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s PLUGIN_DIR\n", argv[0]);
    return 2;
  }
  w2l_error err;
  w2l_wasi *wasi = w2l_wasi_new();
  w2l_linker *l = w2l_linker_new();
  /* Side modules' imports that no module defines are looked up in l too. */
  w2l_dl *dl = w2l_dl_new(l);
  if (!wasi || !l || !dl || !w2l_wasi_define(wasi, l) || !w2l_dl_define_imports(dl, l, "env") ||
      !w2l_dl_add_path(dl, argv[1])) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }
  /* The main module, then the process around it: its memory, table, stack
   * pointer, malloc and exports are what the side modules share. */
  w2l_instance *prog = w2l_linker_instantiate(l, &prog_module, NULL, &err);
  if (!prog || !w2l_dl_set_main(dl, prog, &err)) {
    fprintf(stderr, "cannot start the main module: %s\n", err.message);
    return 1;
  }
  int code = w2l_wasi_run(wasi, prog, &err);
  if (code < 0) fprintf(stderr, "trapped: %s\n", err.message);
  w2l_dl_free(dl); /* the side modules first, then the main instance */
  w2l_instance_free(prog);
  w2l_linker_free(l);
  w2l_wasi_free(wasi);
  return code < 0 ? 134 : code;
}
