/* runtime_stack.c - big C frames on small thread stacks: a recursive function
 * with a 32 KiB frame (tests/runtime/gen-bigframe.sh) traps "call stack
 * exhausted" on threads with 64 KiB to 1 MiB of stack, in both memory
 * strategies, and the thread can call again afterwards (on the smaller stacks
 * the translator's generous estimate of the frame, 64 KiB, may not fit even
 * twice: then that call traps too, which is safe).  Before the frame-size
 * check, explicit mode died of SIGSEGV (the frame jumped over the margin). */
#include <pthread.h>

#include "runtime_test.h"

#include "bigframe.h"

struct job {
  w2l_instance *inst; /* the bigframe instance */
  w2l_trap deep;      /* deep(1 << 20): must run out of stack */
  w2l_trap shallow;   /* deep(1) afterwards: must work */
  uint64_t result;    /* deep(1)'s result */
};

static void *run(void *arg) {
  struct job *j = arg;
  j->deep = bigframe_deep(j->inst, 1u << 20, &j->result);
  j->shallow = bigframe_deep(j->inst, 1, &j->result);
  return NULL;
}

int main(void) {
  w2l_error err;
  w2l_instance *inst = bigframe_instantiate(NULL, &err);
  CHECK(inst != NULL, "instantiate: %s", err.message);
  if (!inst) return test_finish();
  static const size_t stacks[] = {64 << 10, 128 << 10, 256 << 10, 1 << 20};
  for (size_t k = 0; k < sizeof stacks / sizeof stacks[0]; k++) {
    pthread_attr_t attr;
    pthread_t t;
    struct job j = {inst, W2L_OK, W2L_OK, 1};
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stacks[k]);
    CHECK(pthread_create(&t, &attr, run, &j) == 0, "thread with %zu KiB", stacks[k] >> 10);
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    CHECK_TRAP(j.deep, W2L_TRAP_STACK_EXHAUSTED);
    if (stacks[k] >= 1 << 20) {
      CHECK_TRAP(j.shallow, W2L_OK);
      CHECK(j.result == 0, "deep(1) = %llu", (unsigned long long)j.result);
    } else {
      CHECK(j.shallow == W2L_OK || j.shallow == W2L_TRAP_STACK_EXHAUSTED, "deep(1): %s",
            w2l_trap_message(j.shallow));
    }
  }
  w2l_instance_free(inst);
  return test_finish();
}
