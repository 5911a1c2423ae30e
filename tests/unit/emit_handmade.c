/* emit_handmade.c - test driver: translate a module built by hand (no front
 * end needed), so the back end can be tested before and apart from the readers.
 *
 *   emit-handmade NAME OUT.c
 *
 * NAME picks the module; OUT.c and OUT.h are written like `wasm2c-lite -o`.
 *   add: tests/golden/add.wat, names included
 */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

static struct arena arena;

static void *copy(const void *p, size_t n) {
  void *q = arena_alloc(&arena, n);
  memcpy(q, p, n);
  return q;
}

static struct module *module_add(void) {
  static const enum valtype params[] = {VT_I32, VT_I32}, results[] = {VT_I32};
  static const struct instr body[] = {
      {.op = OP_LOCAL_GET, .imm.idx = 0},
      {.op = OP_LOCAL_GET, .imm.idx = 1},
      {.op = OP_I32_ADD},
      {.op = OP_END},
  };
  struct module *m = arena_alloc(&arena, sizeof *m);
  m->arena = &arena;
  struct functype ft = {2, 1, copy(params, sizeof params), copy(results, sizeof results)};
  module_add_type(m, &ft, false);
  m->nfuncs = 1;
  m->funcs = arena_alloc(&arena, sizeof *m->funcs);
  m->funcs[0].body.code = copy(body, sizeof body);
  m->funcs[0].body.count = 4;
  m->funcs[0].name = "add";
  m->funcs[0].local_names = arena_array(&arena, 2, sizeof(char *));
  m->funcs[0].local_names[0] = "lhs";
  m->funcs[0].local_names[1] = "rhs";
  m->nexports = 1;
  m->exports = arena_alloc(&arena, sizeof *m->exports);
  m->exports[0].name.data = (uint8_t *)arena_strndup(&arena, "add", 3);
  m->exports[0].name.len = 3;
  m->exports[0].kind = EXT_FUNC;
  return m;
}

struct job {
  const char *name;   /* which module */
  FILE *c, *h;        /* outputs */
};

static void run(void *arg) {
  struct job *j = arg;
  struct module *m = NULL;
  if (strcmp(j->name, "add") == 0) m = module_add();
  else diag_error(NULL, 0, "unknown handmade module '%s'", j->name);
  val_module(m);
  struct emit_options opt = {.prefix = emit_mangle(&arena, (const uint8_t *)j->name, strlen(j->name))};
  size_t n = strlen(j->name);
  char *hn = arena_alloc(&arena, n + 3);
  memcpy(hn, j->name, n);
  memcpy(hn + n, ".h", 3);
  opt.header_name = hn;
  emit_module(m, &opt, j->c, j->h);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: emit-handmade NAME OUT.c\n");
    return 2;
  }
  size_t n = strlen(argv[2]);
  char *hpath = malloc(n + 1);
  if (!hpath || n < 2) return 2;
  memcpy(hpath, argv[2], n + 1);
  hpath[n - 1] = 'h';
  struct job j = {argv[1], fopen(argv[2], "w"), fopen(hpath, "w")};
  free(hpath);
  if (!j.c || !j.h) return 2;
  int failed = diag_protect(run, &j);
  if (failed) fprintf(stderr, "%s\n", diag.message);
  fclose(j.c);
  fclose(j.h);
  arena_free(&arena);
  return failed;
}
