/* host.c - threads sample: the seed's shared memory, then 8 OS threads that
 * count in one shared memory with atomic adds and wake each other with
 * memory.atomic.wait32 / notify (see counter.wat). */
#include <stdio.h>

#include "counter.h"
#include "seed.h"
#include "w2l.h"

#define WORKERS 8
#define ROUNDS 100000

int main(void) {
  w2l_error err;
  /* The tutorial's (memory 1 2 shared): a module that only defines it. */
  w2l_instance *seed = w2l_instantiate(&seed_module, NULL, &err);
  if (!seed) {
    fprintf(stderr, "seed: %s\n", err.message);
    return 1;
  }
  w2l_memory *sm = seed->memories[0];
  unsigned pages = (unsigned)w2l_memory_pages_now(sm), old = w2l_memory_grow(sm, 1);
  printf("seed: (memory 1 2 shared) -> %s memory of %u page, maximum %u; grow 1 -> %u, "
         "grow 1 more -> %d\n",
         sm->shared ? "a shared" : "an unshared", pages, (unsigned)sm->max_pages, old,
         (int)w2l_memory_grow(sm, 1));
  w2l_instance_free(seed);

  /* One shared memory, imported by every instance of counter.wat. */
  w2l_memory *mem = w2l_memory_new_shared(1, 1);
  w2l_linker *l = w2l_linker_new();
  if (!mem || !l) return 1;
  w2l_linker_define(l, "env", "memory", (w2l_extern){.kind = W2L_EXTERN_MEMORY, .of.memory = mem});

  w2l_val workers = W2L_I32_VAL(WORKERS), rounds = W2L_I32_VAL(ROUNDS);
  w2l_thread *waiter = w2l_thread_spawn(l, &counter_module, "wait_done", &workers, 1, &err);
  w2l_thread *t[WORKERS];
  for (int i = 0; i < WORKERS && waiter; i++)
    if (!(t[i] = w2l_thread_spawn(l, &counter_module, "work", &rounds, 1, &err))) return 1;
  if (!waiter) {
    fprintf(stderr, "spawn: %s\n", err.message);
    return 1;
  }
  /* The host's own instance says go: the parked workers wake up. */
  w2l_instance *main_inst = w2l_linker_instantiate(l, &counter_module, NULL, &err);
  uint32_t woken;
  if (!main_inst || counter_go(main_inst, &woken) != W2L_OK) return 1;

  int ok = 1;
  for (int i = 0; i < WORKERS; i++) {
    w2l_val done;
    if (w2l_thread_join(t[i], &done, 1, &err) != W2L_OK || done.of.i32 != ROUNDS) ok = 0;
  }
  w2l_val total;
  if (w2l_thread_join(waiter, &total, 1, &err) != W2L_OK) ok = 0;
  printf("%d threads x %d atomic adds: counter = %u (%s)\n", WORKERS, ROUNDS,
         (unsigned)total.of.i32, ok && total.of.i32 == WORKERS * ROUNDS ? "exact" : "WRONG");
  printf("the waiter thread slept in memory.atomic.wait32 until the last worker's notify\n");
  w2l_instance_free(main_inst);
  w2l_linker_free(l);
  w2l_memory_free(mem);
  return ok && total.of.i32 == WORKERS * ROUNDS ? 0 : 1;
}
