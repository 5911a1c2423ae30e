/* runtime_trap.c - protected calls, every trap kind and its message, nesting,
 * stack exhaustion, per-thread trap state. */
#include <pthread.h>
#include <stdlib.h>

#include "runtime_test.h"

static const struct {
  w2l_trap trap;
  const char *message;
} messages[] = {
    {W2L_TRAP_UNREACHABLE, "unreachable"},
    {W2L_TRAP_INT_DIV_ZERO, "integer divide by zero"},
    {W2L_TRAP_INT_OVERFLOW, "integer overflow"},
    {W2L_TRAP_INVALID_CONVERSION, "invalid conversion to integer"},
    {W2L_TRAP_OOB_MEMORY, "out of bounds memory access"},
    {W2L_TRAP_OOB_TABLE, "out of bounds table access"},
    {W2L_TRAP_UNDEFINED_ELEMENT, "undefined element"},
    {W2L_TRAP_UNINITIALIZED_ELEMENT, "uninitialized element"},
    {W2L_TRAP_INDIRECT_TYPE_MISMATCH, "indirect call type mismatch"},
    {W2L_TRAP_STACK_EXHAUSTED, "call stack exhausted"},
    {W2L_TRAP_HOST, "host trap"},
    {W2L_TRAP_CALL_ERROR, "invalid call"},
    {W2L_TRAP_COUNT, "unknown trap"},
};

static void raise_it(void *arg) { w2l_trap_raise(*(w2l_trap *)arg); }
static void do_nothing(void *arg) { *(int *)arg = 42; }

/* Nested protected calls: the inner trap stops only the inner call. */
struct nest {
  w2l_trap inner;  /* what the inner protected call returned */
  int after;       /* set once the outer call resumed after the inner trap */
  w2l_trap raise;  /* what the outer call raises at its end (W2L_OK: nothing) */
};

static void nest_inner(void *arg) {
  (void)arg;
  w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
}

static void nest_outer(void *arg) {
  struct nest *n = arg;
  n->inner = w2l_protect(nest_inner, NULL);
  n->after = 1;
  if (n->raise) w2l_trap_raise(n->raise);
}

/* A recursive "wasm function" with the emitted entry check; it calls itself
 * through a volatile pointer so the compiler cannot turn it into a loop. */
static unsigned recurse(void *obj, unsigned depth);
static unsigned (*volatile recurse_ptr)(void *, unsigned) = recurse;
static unsigned recurse(void *obj, unsigned depth) {
  volatile char pad[64];
  W2L_FUNC_ENTRY();
  pad[0] = (char)depth;
  return recurse_ptr(obj, depth + 1) + (unsigned)pad[0];
}

static unsigned max_depth_reached;
static unsigned count_depth(void *obj, unsigned depth);
static unsigned (*volatile count_ptr)(void *, unsigned) = count_depth;
static unsigned count_depth(void *obj, unsigned depth) {
  W2L_FUNC_ENTRY();
  if (depth > max_depth_reached) max_depth_reached = depth;
  return count_ptr(obj, depth + 1) + 1;
}

static void run_recurse(void *arg) { *(unsigned *)arg = recurse(NULL, 0); }
static void run_count(void *arg) { *(unsigned *)arg = count_depth(NULL, 0); }

/* Each thread traps with its own kind many times; none may see another's. */
static void *thread_main(void *arg) {
  w2l_trap want = (w2l_trap)(uintptr_t)arg, got;
  unsigned sink;
  int bad = 0;
  for (int i = 0; i < 2000; i++) {
    got = w2l_protect(raise_it, &want);
    if (got != want) bad++;
  }
  if (w2l_protect(run_recurse, &sink) != W2L_TRAP_STACK_EXHAUSTED) bad++;
  return (void *)(intptr_t)bad;
}

/* A thread with a small stack: wasm calls still work, and recursion traps. */
static void *small_stack_main(void *arg) {
  unsigned sink;
  int bad = 0;
  (void)arg;
  max_depth_reached = 0;
  if (w2l_protect(run_count, &sink) != W2L_TRAP_STACK_EXHAUSTED) bad++;
  if (max_depth_reached < 100) bad++;
  return (void *)(intptr_t)bad;
}

int main(void) {
  int x = 0;
  struct nest n;
  unsigned sink;

  for (size_t i = 0; i < sizeof messages / sizeof *messages; i++)
    CHECK_STR(w2l_trap_message(messages[i].trap), messages[i].message);

  CHECK_TRAP(w2l_protect(do_nothing, &x), W2L_OK);
  CHECK(x == 42, "fn did not run");
  for (size_t i = 0; i + 1 < sizeof messages / sizeof *messages; i++) {
    w2l_trap t = messages[i].trap;
    CHECK_TRAP(w2l_protect(raise_it, &t), t);
  }

  memset(&n, 0, sizeof n);
  CHECK_TRAP(w2l_protect(nest_outer, &n), W2L_OK);
  CHECK_TRAP(n.inner, W2L_TRAP_INT_DIV_ZERO);
  CHECK(n.after == 1, "outer call did not resume");
  memset(&n, 0, sizeof n);
  n.raise = W2L_TRAP_UNREACHABLE;
  CHECK_TRAP(w2l_protect(nest_outer, &n), W2L_TRAP_UNREACHABLE);
  CHECK_TRAP(n.inner, W2L_TRAP_INT_DIV_ZERO);
  CHECK(w2l_stack_limit == 0, "stack limit left set after the outermost call: %p",
        (void *)w2l_stack_limit);

  /* Stack exhaustion: traps, repeatedly, and the budget is honoured. */
  for (int i = 0; i < 3; i++) CHECK_TRAP(w2l_protect(run_recurse, &sink), W2L_TRAP_STACK_EXHAUSTED);
  w2l_set_stack_budget(64 << 10);
  max_depth_reached = 0;
  CHECK_TRAP(w2l_protect(run_count, &sink), W2L_TRAP_STACK_EXHAUSTED);
  {
    unsigned small = max_depth_reached;
    w2l_set_stack_budget(1 << 20);
    max_depth_reached = 0;
    CHECK_TRAP(w2l_protect(run_count, &sink), W2L_TRAP_STACK_EXHAUSTED);
    CHECK(max_depth_reached > 4 * small, "1 MiB budget reached depth %u, 64 KiB %u",
          max_depth_reached, small);
  }
  /* A budget larger than the whole stack still traps instead of crashing. */
  w2l_set_stack_budget((size_t)1 << 40);
  CHECK_TRAP(w2l_protect(run_recurse, &sink), W2L_TRAP_STACK_EXHAUSTED);
  w2l_set_stack_budget(0);

  /* Trap state is per thread. */
  {
    pthread_t th[4];
    for (uintptr_t i = 0; i < 4; i++)
      pthread_create(&th[i], NULL, thread_main, (void *)(W2L_TRAP_UNREACHABLE + i));
    for (int i = 0; i < 4; i++) {
      void *bad;
      pthread_join(th[i], &bad);
      CHECK(bad == NULL, "thread %d saw %d wrong traps", i, (int)(intptr_t)bad);
    }
  }
  {
    pthread_attr_t attr;
    pthread_t th;
    void *bad;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 128 << 10);
    pthread_create(&th, &attr, small_stack_main, NULL);
    pthread_join(th, &bad);
    CHECK(bad == NULL, "small stack: depth %u", max_depth_reached);
    pthread_attr_destroy(&attr);
  }
  return test_finish();
}
