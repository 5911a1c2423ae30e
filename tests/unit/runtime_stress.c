/* runtime_stress.c - translated atomics under real contention: instances of
 * tests/runtime/stress.wat on many OS threads (w2l_thread_spawn), all on one
 * shared memory.  Exact counts after N threads x M atomic adds (i32, i64, and
 * narrow forms that wrap), a cmpxchg lock around plain accesses, wait/notify
 * ping-pong, a waiter woken by another thread's notify, a timed-out wait, and
 * memory.grow on one thread while another uses each new page as soon as
 * memory.size shows it.  Also run under ThreadSanitizer (make tsan). */
#include <stdint.h>
#include <time.h>

#include "runtime_test.h"
#include "stress.h"

#define THREADS 8
#define ROUNDS 20000

/* mem[off] as an integer of n bytes (little-endian host). */
static uint64_t cell(const w2l_memory *m, uint32_t off, unsigned n) {
  uint64_t v = 0;
  memcpy(&v, m->data + off, n);
  return v;
}

/* Spawn n threads of export f with args, join them; each must return W2L_OK
 * (and, if want_result, its one i32 result goes into results[i]). */
static void run_all(w2l_linker *l, const char *f, const w2l_val *args, size_t nargs, int n,
                    uint32_t *results) {
  w2l_thread *t[THREADS];
  w2l_error err;
  for (int i = 0; i < n; i++) {
    t[i] = w2l_thread_spawn(l, &stress_module, f, args ? &args[i * nargs] : NULL, nargs, &err);
    CHECK(t[i] != NULL, "spawn %s: %s", f, err.message);
  }
  for (int i = 0; i < n; i++) {
    if (!t[i]) continue;
    w2l_val r;
    w2l_trap trap = w2l_thread_join(t[i], &r, results ? 1 : 0, &err);
    CHECK(trap == W2L_OK, "%s thread %d: %s", f, i, err.message);
    if (results) results[i] = r.of.i32;
  }
}

static void test_counters(w2l_linker *l, w2l_memory *m) {
  w2l_val args[THREADS];
  for (int i = 0; i < THREADS; i++) args[i] = W2L_I32_VAL(ROUNDS);
  run_all(l, "add32", args, 1, THREADS, NULL);
  CHECK(cell(m, 0, 4) == THREADS * ROUNDS, "i32: %llu", (unsigned long long)cell(m, 0, 4));
  run_all(l, "add64", args, 1, THREADS, NULL);
  CHECK(cell(m, 8, 8) == THREADS * ROUNDS, "i64: %llu", (unsigned long long)cell(m, 8, 8));
  run_all(l, "add8", args, 1, THREADS, NULL);
  CHECK(cell(m, 16, 1) == (THREADS * ROUNDS) % 256, "u8: %llu", (unsigned long long)cell(m, 16, 1));
  CHECK(cell(m, 17, 1) == 0, "the byte after the u8 counter: %llu",
        (unsigned long long)cell(m, 17, 1));
  run_all(l, "add16", args, 1, THREADS, NULL);
  CHECK(cell(m, 24, 2) == (THREADS * ROUNDS) % 65536, "u16: %llu",
        (unsigned long long)cell(m, 24, 2));
  CHECK(cell(m, 26, 2) == 0, "the bytes after the u16 counter");
  w2l_val few[THREADS];
  for (int i = 0; i < THREADS; i++) few[i] = W2L_I32_VAL(ROUNDS / 4);
  run_all(l, "locked", few, 1, THREADS, NULL);
  CHECK(cell(m, 36, 4) == THREADS * (ROUNDS / 4), "locked: %llu",
        (unsigned long long)cell(m, 36, 4));
  CHECK(cell(m, 32, 4) == 0, "the lock is free at the end");
}

static void test_wait_notify(w2l_linker *l) {
  /* ping-pong: 2 players x 2000 rounds, each hand-off a notify */
  w2l_val args[2] = {W2L_I32_VAL(0), W2L_I32_VAL(2000)};
  w2l_val args1[2] = {W2L_I32_VAL(1), W2L_I32_VAL(2000)};
  w2l_val both[4] = {args[0], args[1], args1[0], args1[1]};
  uint32_t played[2] = {0, 0};
  run_all(l, "ping", both, 2, 2, played);
  CHECK(played[0] == 2000 && played[1] == 2000, "played %u and %u", played[0], played[1]);
  /* a waiter woken by another thread's notify: wait32 gives 0 ("ok") */
  uint32_t r[2] = {9, 9};
  w2l_error err;
  w2l_thread *waiter = w2l_thread_spawn(l, &stress_module, "waiter", NULL, 0, &err);
  w2l_thread *waker = w2l_thread_spawn(l, &stress_module, "waker", NULL, 0, &err);
  CHECK(waiter && waker, "spawn: %s", err.message);
  w2l_val v;
  if (waiter && w2l_thread_join(waiter, &v, 1, &err) == W2L_OK) r[0] = v.of.i32;
  if (waker && w2l_thread_join(waker, &v, 1, &err) == W2L_OK) r[1] = v.of.i32;
  CHECK(r[0] == 0, "the waiter's wait32 gave %u", r[0]);
  CHECK(r[1] == 1, "the waker's notify woke %u", r[1]);
  /* a wait that times out: 20 ms, "timed-out" (2), not much sooner */
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  w2l_val ns = {.type = W2L_I64, .of.i64 = 20000000};
  uint32_t timed[1] = {9};
  run_all(l, "timeout", &ns, 1, 1, timed);
  clock_gettime(CLOCK_MONOTONIC, &b);
  double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
  CHECK(timed[0] == 2, "timeout gave %u", timed[0]);
  CHECK(ms >= 19.0, "a 20 ms wait returned after %.1f ms", ms);
}

static void test_grow(w2l_linker *l, w2l_memory *m) {
  w2l_error err;
  uint8_t *data = m->data;
  w2l_thread *follower = w2l_thread_spawn(l, &stress_module, "follower", NULL, 0, &err);
  w2l_thread *grower = w2l_thread_spawn(l, &stress_module, "grower", NULL, 0, &err);
  w2l_val a = W2L_I32_VAL(ROUNDS);
  w2l_thread *adder = w2l_thread_spawn(l, &stress_module, "add32", &a, 1, &err);
  CHECK(follower && grower && adder, "spawn: %s", err.message);
  w2l_val size = W2L_I32_VAL(0), sum = W2L_I32_VAL(0);
  w2l_trap grown = grower ? w2l_thread_join(grower, &size, 1, &err) : W2L_OK;
  CHECK_TRAP(grown, W2L_OK);
  w2l_trap followed = follower ? w2l_thread_join(follower, &sum, 1, &err) : W2L_OK;
  CHECK_TRAP(followed, W2L_OK); /* an access inside a size it saw must not trap */
  w2l_trap added = adder ? w2l_thread_join(adder, NULL, 0, &err) : W2L_OK;
  CHECK_TRAP(added, W2L_OK);
  CHECK(size.of.i32 == 4, "grown to %u pages", size.of.i32);
  CHECK(sum.of.i32 >= 4, "the follower read back %u", sum.of.i32);
  CHECK(m->data == data, "the data moved when the shared memory grew");
  CHECK(cell(m, 4 * 65536 - 4, 4) == 4, "the last page's last word: %llu",
        (unsigned long long)cell(m, 4 * 65536 - 4, 4));
}

int main(void) {
  w2l_memory *m = w2l_memory_new_shared(1, 4);
  w2l_linker *l = w2l_linker_new();
  if (!m || !l) return 1;
  w2l_linker_define(l, "env", "memory", (w2l_extern){.kind = W2L_EXTERN_MEMORY, .of.memory = m});
  test_counters(l, m);
  test_wait_notify(l);
  test_grow(l, m);
  w2l_linker_free(l);
  w2l_memory_free(m);
  return test_finish();
}
