/* host.c - runs every complete module of the text-format seed (004) the way its
 * JavaScript does: the import objects become a w2l_linker, console.log becomes
 * a C function, and each module prints what the seed says it prints. */
#include <stdio.h>
#include <stdlib.h>

#include "w2l.h"
#include "add.h"
#include "call.h"
#include "data_hi.h"
#include "empty.h"
#include "first_body.h"
#include "global.h"
#include "logger.h"
#include "logger2.h"
#include "memory_func.h"
#include "multi_memory.h"
#include "multi_memory_imports.h"
#include "multi_value.h"
#include "shared0.h"
#include "shared1.h"
#include "wasm_table.h"

/* Instantiate m in l or die with the linker's message. */
static w2l_instance *instantiate(w2l_linker *l, const w2l_module *m) {
  w2l_error err;
  w2l_instance *inst = w2l_linker_instantiate(l, m, NULL, &err);
  if (!inst) {
    fprintf(stderr, "instantiate %s: %s\n", m->name, err.message);
    exit(1);
  }
  return inst;
}

/* Call export name with up to one i32 argument; print "label result" or the trap. */
static void call_and_print(w2l_instance *inst, const char *name, const char *label,
                           int nargs, uint32_t arg, int nresults) {
  w2l_error err;
  w2l_val args[1] = {W2L_I32_VAL(arg)}, res[1];
  w2l_trap t = w2l_call(inst, name, args, (size_t)nargs, res, (size_t)nresults, &err);
  if (t != W2L_OK) printf("%s trapped: %s\n", label, err.message);
  else if (nresults) printf("%s %u\n", label, res[0].of.i32);
}

/* console.log for logger.wat: (param i32) */
static void log_i32(void *env, uint32_t x) {
  (void)env;
  printf("logIt() logs %u\n", x);
}

/* Print len bytes of memory at off as a string (NUL bytes skipped, as a
 * terminal shows TextDecoder's output). */
static void print_string(const w2l_memory *m, uint32_t off, uint32_t len) {
  if ((uint64_t)off + len > m->size) {
    printf("(string out of bounds)\n");
    return;
  }
  for (uint32_t i = 0; i < len; i++)
    if (m->data[off + i]) putchar(m->data[off + i]);
  putchar('\n');
}

/* console.log for logger2.wat: (param i32 i32), reads js.mem */
static void log_string(void *env, uint32_t off, uint32_t len) {
  print_string(env, off, len);
}

/* The three memories of multi-memory.wat; memory 2 is known once it exists. */
struct memories {
  w2l_memory *mem[3];
};

/* console.log for multi-memory.wat: (param i32 i32 i32) */
static void log_memory(void *env, uint32_t index, uint32_t off, uint32_t len) {
  struct memories *ms = env;
  if (index > 2 || !ms->mem[index]) {
    printf("(no memory %u)\n", index);
    return;
  }
  print_string(ms->mem[index], off, len);
}

int main(void) {
  w2l_linker *l = w2l_linker_new();

  /* Modules without imports. */
  w2l_instance_free(instantiate(l, &empty_module));
  w2l_instance_free(instantiate(l, &memory_func_module));
  w2l_instance_free(instantiate(l, &first_body_module));

  w2l_instance *add = instantiate(l, &add_module);
  w2l_error err;
  w2l_val args[2] = {W2L_I32_VAL(1), W2L_I32_VAL(2)}, res[1];
  if (w2l_call(add, "add", args, 2, res, 1, &err) == W2L_OK)
    printf("add(1, 2) %u\n", res[0].of.i32);
  w2l_instance_free(add);

  w2l_instance *call = instantiate(l, &call_module);
  call_and_print(call, "getAnswerPlus1", "getAnswerPlus1()", 0, 0, 1);
  w2l_instance_free(call);

  /* console.log(i32) */
  w2l_linker_define_func(l, "console", "log", "i:", (void (*)(void))log_i32, NULL);
  w2l_instance *logger = instantiate(l, &logger_module);
  call_and_print(logger, "logIt", "logIt()", 0, 0, 0);
  w2l_instance_free(logger);

  /* js.global: new WebAssembly.Global({value: "i32", mutable: true}, 0) */
  w2l_global *g = w2l_global_new(W2L_I32, true, (w2l_value){.i32 = 0});
  w2l_linker_define(l, "js", "global", (w2l_extern){.kind = W2L_EXTERN_GLOBAL, .of.global = g});
  w2l_instance *global = instantiate(l, &global_module);
  call_and_print(global, "getGlobal", "getGlobal()", 0, 0, 1);
  call_and_print(global, "incGlobal", "incGlobal()", 0, 0, 0);
  call_and_print(global, "getGlobal", "getGlobal() after incGlobal()", 0, 0, 1);
  printf("js.global seen by the host: %u\n", g->value.i32);
  w2l_instance_free(global);

  /* js.mem and console.log(i32, i32) */
  w2l_memory *mem = w2l_memory_new(1, W2L_MAX_PAGES);
  w2l_linker_define(l, "js", "mem", (w2l_extern){.kind = W2L_EXTERN_MEMORY, .of.memory = mem});
  w2l_linker_define_func(l, "console", "log", "ii:", (void (*)(void))log_string, mem);
  w2l_instance_free(instantiate(l, &data_hi_module));
  w2l_instance *logger2 = instantiate(l, &logger2_module);
  printf("writeHi() logs ");
  fflush(stdout);
  call_and_print(logger2, "writeHi", "writeHi()", 0, 0, 0);
  w2l_instance_free(logger2);

  /* js.mem0, js.mem1, console.log(i32, i32, i32) */
  struct memories ms = {{w2l_memory_new(1, W2L_MAX_PAGES), w2l_memory_new(1, W2L_MAX_PAGES), NULL}};
  w2l_linker_define(l, "js", "mem0", (w2l_extern){.kind = W2L_EXTERN_MEMORY, .of.memory = ms.mem[0]});
  w2l_linker_define(l, "js", "mem1", (w2l_extern){.kind = W2L_EXTERN_MEMORY, .of.memory = ms.mem[1]});
  w2l_linker_define_func(l, "console", "log", "iii:", (void (*)(void))log_memory, &ms);
  w2l_instance_free(instantiate(l, &multi_memory_imports_module));
  w2l_instance *multi = instantiate(l, &multi_memory_module);
  w2l_extern m2;
  if (w2l_instance_export(multi, "memory2", &m2)) ms.mem[2] = m2.of.memory;
  printf("logAllMemory() logs:\n");
  call_and_print(multi, "logAllMemory", "logAllMemory()", 0, 0, 0);
  w2l_instance_free(multi);

  /* callByIndex */
  w2l_instance *tab = instantiate(l, &wasm_table_module);
  call_and_print(tab, "callByIndex", "callByIndex(0)", 1, 0, 1);
  call_and_print(tab, "callByIndex", "callByIndex(1)", 1, 1, 1);
  call_and_print(tab, "callByIndex", "callByIndex(2)", 1, 2, 1);
  w2l_instance_free(tab);

  /* shared0 / shared1: one memory and one table in the import object */
  w2l_memory *memory = w2l_memory_new(1, W2L_MAX_PAGES);
  w2l_table *table = w2l_table_new(W2L_FUNCREF, 1, UINT32_MAX);
  w2l_linker_define(l, "js", "memory", (w2l_extern){.kind = W2L_EXTERN_MEMORY, .of.memory = memory});
  w2l_linker_define(l, "js", "table", (w2l_extern){.kind = W2L_EXTERN_TABLE, .of.table = table});
  w2l_instance *s0 = instantiate(l, &shared0_module);
  w2l_instance *s1 = instantiate(l, &shared1_module);
  call_and_print(s1, "doIt", "doIt()", 0, 0, 1);
  w2l_instance_free(s1);
  w2l_instance_free(s0);

  w2l_instance *mv = instantiate(l, &multi_value_module);
  call_and_print(mv, "add_two_numbers", "add_two_numbers()", 0, 0, 1);
  w2l_instance_free(mv);

  w2l_linker_free(l);
  w2l_table_free(table);
  w2l_memory_free(memory);
  w2l_memory_free(ms.mem[0]);
  w2l_memory_free(ms.mem[1]);
  w2l_memory_free(mem);
  w2l_global_free(g);
  return 0;
}
