/* host-w2l.c - reduce.c through wasm and wasm2c-lite: one shared memory, an
 * instance per thread (w2l_thread_spawn); fill, then for 1 and 2 threads run
 * the slices and print the wall time and the total, as host-native.c does. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "reduce.h"
#include "w2l.h"

int main(int argc, char **argv) {
  uint32_t reps = argc > 1 ? (uint32_t)atoi(argv[1]) : 8, n;
  const w2l_import_desc *im = &reduce_module.imports[0]; /* env.memory */
  w2l_memory *mem = w2l_memory_new_shared(im->type.min, im->type.max);
  w2l_linker *l = w2l_linker_new();
  w2l_error err;
  if (!mem || !l) return 1;
  w2l_linker_define(l, "env", "memory", (w2l_extern){.kind = W2L_EXTERN_MEMORY, .of.memory = mem});
  w2l_instance *main_inst = w2l_linker_instantiate(l, &reduce_module, NULL, &err);
  if (!main_inst || reduce_reduce_size(main_inst, &n) != W2L_OK || reduce_reduce_fill(main_inst)) {
    fprintf(stderr, "reduce: %s\n", err.message);
    return 1;
  }
  for (int threads = 1; threads <= 2; threads++) {
    w2l_thread *t[2];
    struct timespec a, b;
    uint64_t total;
    reduce_reduce_reset(main_inst);
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < threads; i++) {
      w2l_val args[3] = {W2L_I32_VAL(n / threads * i),
                         W2L_I32_VAL(i == threads - 1 ? n : n / threads * (i + 1)), W2L_I32_VAL(reps)};
      if (!(t[i] = w2l_thread_spawn(l, &reduce_module, "reduce_slice", args, 3, &err))) {
        fprintf(stderr, "spawn: %s\n", err.message);
        return 1;
      }
    }
    for (int i = 0; i < threads; i++) {
      w2l_val r;
      if (w2l_thread_join(t[i], &r, 1, &err) != W2L_OK) {
        fprintf(stderr, "thread: %s\n", err.message);
        return 1;
      }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    reduce_reduce_total(main_inst, &total);
    printf("threads=%d seconds=%.3f total=%llu\n", threads,
           (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9,
           (unsigned long long)total);
  }
  w2l_instance_free(main_inst);
  w2l_linker_free(l);
  w2l_memory_free(mem);
  return 0;
}
