/* runtime_threads.c - the threads proposal's runtime, driven from C: a shared
 * memory grown by one thread while others use it, memory.atomic.wait / notify
 * (results, timeouts, wake counts, FIFO order, keys, traps, ping-pong between
 * many threads), shared-vs-unshared import matching, and w2l_thread_spawn /
 * join (results, traps, link errors). */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "runtime_test.h"

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, ms % 1000 * 1000000L};
  nanosleep(&t, NULL);
}

/* ---- A wait or notify in a protected call ---- */

/* One call: wait32/wait64 (expected, timeout) or notify (count) at addr. */
struct op {
  enum { WAIT32, WAIT64, NOTIFY } kind; /* which */
  w2l_memory *m;                        /* on which memory */
  uint64_t addr;                        /* effective address */
  uint64_t expected;                    /* wait: the value expected */
  int64_t timeout_ns;                   /* wait: the timeout */
  uint32_t count;                       /* notify: how many to wake */
  uint32_t result;                      /* what it returned */
  int order;                            /* waiters: the order in which they returned */
};

static int returned; /* waiters returned so far (atomic) */

static void run_op(void *arg) {
  struct op *o = arg;
  switch (o->kind) {
  case WAIT32:
    o->result = w2l_memory_atomic_wait32(o->m, o->addr, (uint32_t)o->expected, o->timeout_ns);
    break;
  case WAIT64: o->result = w2l_memory_atomic_wait64(o->m, o->addr, o->expected, o->timeout_ns); break;
  case NOTIFY: o->result = w2l_memory_atomic_notify(o->m, o->addr, o->count); break;
  }
  if (o->kind != NOTIFY) o->order = __atomic_fetch_add(&returned, 1, __ATOMIC_SEQ_CST);
}

static w2l_trap op(struct op *o) { return w2l_protect(run_op, o); }

static void *op_thread(void *arg) {
  w2l_trap t = op(arg);
  return (void *)(uintptr_t)t;
}

static uint32_t notify(w2l_memory *m, uint64_t addr, uint32_t count) {
  struct op o = {.kind = NOTIFY, .m = m, .addr = addr, .count = count};
  CHECK_TRAP(op(&o), W2L_OK);
  return o.result;
}

/* Start n waiters at (m, addr) for value 0, forever, one after the other
 * (each surely parked before the next starts: notify(…, 0) cannot tell, so
 * give each a moment). */
static void start_waiters(pthread_t *th, struct op *ops, int n, w2l_memory *m, uint64_t addr) {
  for (int i = 0; i < n; i++) {
    ops[i] = (struct op){.kind = WAIT32, .m = m, .addr = addr, .timeout_ns = -1};
    pthread_create(&th[i], NULL, op_thread, &ops[i]);
    sleep_ms(30);
  }
}

static void test_wait_notify(void) {
  w2l_memory *m = w2l_memory_new_shared(1, 4), *m2 = w2l_memory_new_shared(1, 1);
  w2l_memory *plain = w2l_memory_new(1, 1);
  struct op o;
  m->data[8] = 5;

  /* not-equal, then timed out after 0 and 20 ms */
  o = (struct op){.kind = WAIT32, .m = m, .addr = 8, .expected = 4, .timeout_ns = -1};
  CHECK_TRAP(op(&o), W2L_OK);
  CHECK(o.result == 1, "wait32 on 5 expecting 4: %u", o.result);
  o = (struct op){.kind = WAIT64, .m = m, .addr = 8, .expected = 4, .timeout_ns = -1};
  CHECK_TRAP(op(&o), W2L_OK);
  CHECK(o.result == 1, "wait64 not-equal: %u", o.result);
  o = (struct op){.kind = WAIT32, .m = m, .addr = 8, .expected = 5, .timeout_ns = 0};
  CHECK_TRAP(op(&o), W2L_OK);
  CHECK(o.result == 2, "wait32 timeout 0: %u", o.result);
  int64_t t0 = now_ns();
  o = (struct op){.kind = WAIT64, .m = m, .addr = 8, .expected = 5, .timeout_ns = 20000000};
  CHECK_TRAP(op(&o), W2L_OK);
  int64_t took = now_ns() - t0;
  CHECK(o.result == 2, "wait64 timeout 20 ms: %u", o.result);
  CHECK(took >= 20000000 && took < 5000000000, "20 ms wait took %lld ns", (long long)took);

  /* a waiter woken by notify from another thread */
  pthread_t th[3];
  struct op w[3];
  returned = 0;
  start_waiters(th, w, 1, m, 16);
  CHECK(notify(m, 16, 1) == 1, "notify woke one");
  pthread_join(th[0], NULL);
  CHECK(w[0].result == 0, "woken waiter returns ok: %u", w[0].result);
  CHECK(notify(m, 16, 1) == 0, "nobody left");

  /* counts and FIFO order: 3 waiters, notify 1 wakes the first, 1 more the
   * second, notify all wakes the last */
  returned = 0;
  start_waiters(th, w, 3, m, 24);
  CHECK(notify(m, 24, 1) == 1, "notify 1 of 3");
  pthread_join(th[0], NULL);
  CHECK(notify(m, 24, 1) == 1, "notify 1 of 2");
  pthread_join(th[1], NULL);
  CHECK(w[0].order == 0 && w[1].order == 1, "FIFO: first woke %d, second %d", w[0].order, w[1].order);
  CHECK(notify(m, 24, UINT32_MAX) == 1, "notify all wakes the last one");
  pthread_join(th[2], NULL);
  returned = 0;
  start_waiters(th, w, 3, m, 24);
  CHECK(notify(m, 24, 2) == 2, "notify 2 of 3 wakes 2");
  CHECK(notify(m, 24, UINT32_MAX) == 1, "then notify all wakes 1");
  for (int i = 0; i < 3; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < 3; i++) CHECK(w[i].result == 0, "waiter %d: %u", i, w[i].result);

  /* keys: another address, the same address in another memory */
  start_waiters(th, w, 1, m, 32);
  CHECK(notify(m, 36, 5) == 0, "another address wakes nobody");
  CHECK(notify(m2, 32, 5) == 0, "the same address of another memory wakes nobody");
  CHECK(notify(m, 32, 5) == 1, "the waiter's own key wakes it");
  pthread_join(th[0], NULL);

  /* traps: alignment, then bounds (the order of every atomic access), then sharedness */
  static const struct trap_case {
    int kind;
    int which; /* 0: m (1 page), 1: plain */
    uint64_t addr;
    w2l_trap want;
  } traps[] = {
      {WAIT32, 0, 65536, W2L_TRAP_OOB_MEMORY},
      {WAIT32, 0, 65533, W2L_TRAP_UNALIGNED_ATOMIC},
      {WAIT64, 0, 65532, W2L_TRAP_UNALIGNED_ATOMIC},
      {WAIT64, 0, 65536, W2L_TRAP_OOB_MEMORY},
      {WAIT32, 0, (uint64_t)1 << 33, W2L_TRAP_OOB_MEMORY},
      {WAIT32, 0, UINT64_MAX - 1, W2L_TRAP_UNALIGNED_ATOMIC},
      {WAIT32, 0, UINT64_MAX - 3, W2L_TRAP_OOB_MEMORY},
      {NOTIFY, 0, 65536, W2L_TRAP_OOB_MEMORY},
      {WAIT32, 0, 2, W2L_TRAP_UNALIGNED_ATOMIC},
      {WAIT64, 0, 4, W2L_TRAP_UNALIGNED_ATOMIC},
      {NOTIFY, 0, 1, W2L_TRAP_UNALIGNED_ATOMIC},
      {WAIT32, 1, 65536, W2L_TRAP_OOB_MEMORY},
      {WAIT32, 1, 2, W2L_TRAP_UNALIGNED_ATOMIC},
      {WAIT32, 1, 0, W2L_TRAP_EXPECTED_SHARED},
      {WAIT64, 1, 0, W2L_TRAP_EXPECTED_SHARED},
      {NOTIFY, 1, 65536, W2L_TRAP_OOB_MEMORY},
      {NOTIFY, 1, 0, W2L_OK},
  };
  for (size_t i = 0; i < sizeof traps / sizeof *traps; i++) {
    o = (struct op){.kind = traps[i].kind, .m = traps[i].which ? plain : m, .addr = traps[i].addr,
                    .timeout_ns = 0, .count = 1};
    w2l_trap t = op(&o);
    CHECK(t == traps[i].want, "case %zu: trap \"%s\", expected \"%s\"", i, w2l_trap_message(t),
          w2l_trap_message(traps[i].want));
  }
  CHECK(w2l_memory_grow(m, 1) == 1, "grow");
  o = (struct op){.kind = WAIT32, .m = m, .addr = 65536, .expected = 1, .timeout_ns = -1};
  CHECK_TRAP(op(&o), W2L_OK);
  CHECK(o.result == 1, "wait in the grown page: %u", o.result);
  w2l_memory_free(m);
  w2l_memory_free(m2);
  w2l_memory_free(plain);
}

/* ---- Ping-pong: pairs of threads hand a token back and forth ---- */

#define PAIRS 4
#define ROUNDS 300

struct pinger {
  w2l_memory *m; /* the shared memory */
  uint64_t addr; /* this pair's cell: 0 (ping's turn) or 1 (pong's turn) */
  uint32_t me;   /* the value that means my turn */
  int bad;       /* unexpected wait results */
};

static void ping_loop(void *arg) {
  struct pinger *p = arg;
  uint32_t *cell = (uint32_t *)(p->m->data + p->addr);
  for (int r = 0; r < ROUNDS; r++) {
    uint32_t v;
    while ((v = __atomic_load_n(cell, __ATOMIC_SEQ_CST)) != p->me) {
      uint32_t res = w2l_memory_atomic_wait32(p->m, p->addr, v, -1);
      if (res == 2) p->bad++;
    }
    __atomic_store_n(cell, 1 - p->me, __ATOMIC_SEQ_CST);
    w2l_memory_atomic_notify(p->m, p->addr, 1);
  }
}

static void *ping_thread(void *arg) { return (void *)(uintptr_t)w2l_protect(ping_loop, arg); }

static void test_ping_pong(void) {
  w2l_memory *m = w2l_memory_new_shared(1, 1);
  pthread_t th[2 * PAIRS];
  struct pinger p[2 * PAIRS];
  for (int i = 0; i < 2 * PAIRS; i++) {
    p[i] = (struct pinger){.m = m, .addr = (uint64_t)(i / 2) * 4, .me = (uint32_t)(i % 2)};
    pthread_create(&th[i], NULL, ping_thread, &p[i]);
  }
  int bad = 0;
  for (int i = 0; i < 2 * PAIRS; i++) {
    void *t;
    pthread_join(th[i], &t);
    bad += (uintptr_t)t != W2L_OK || p[i].bad;
  }
  CHECK(bad == 0, "%d threads went wrong", bad);
  w2l_memory_free(m);
}

/* ---- A shared memory grown while others read and write it ---- */

#define READERS 3

struct reader {
  w2l_memory *m;    /* the memory */
  uint8_t *data;    /* its data pointer when the thread started */
  int *stop;        /* set when the grower is done */
  int bad;          /* what went wrong */
  uint64_t touched; /* accesses made */
};

static void *reader_thread(void *arg) {
  struct reader *r = arg;
  uint64_t last = 0;
  while (!__atomic_load_n(r->stop, __ATOMIC_ACQUIRE)) {
    /* grow stores size, then pages: pages read first is never ahead of size */
    uint64_t pages = w2l_memory_pages_now(r->m);
    uint64_t size = __atomic_load_n(&r->m->size, __ATOMIC_ACQUIRE);
    if (size < last || size % W2L_PAGE_SIZE != 0 || pages * W2L_PAGE_SIZE > size) r->bad++;
    if (r->m->data != r->data) r->bad++;
    last = size;
    /* touch the first and the last page of what the size allows */
    __atomic_fetch_add((uint32_t *)(r->data + size - 4), 1, __ATOMIC_RELAXED);
    __atomic_fetch_add((uint32_t *)r->data, 1, __ATOMIC_RELAXED);
    r->touched++;
  }
  return NULL;
}

static void test_grow(void) {
  w2l_memory *m = w2l_memory_new_shared(1, 256);
  int stop = 0;
  pthread_t th[READERS];
  struct reader r[READERS];
  for (int i = 0; i < READERS; i++) {
    r[i] = (struct reader){.m = m, .data = m->data, .stop = &stop};
    pthread_create(&th[i], NULL, reader_thread, &r[i]);
  }
  int fails = 0;
  for (uint64_t p = 1; p < 256; p++) fails += w2l_memory_grow(m, 1) != p;
  CHECK(w2l_memory_grow(m, 1) == UINT32_MAX, "grow past max fails");
  __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
  for (int i = 0; i < READERS; i++) {
    pthread_join(th[i], NULL);
    CHECK(r[i].bad == 0, "reader %d: %d torn sizes or moved data", i, r[i].bad);
  }
  CHECK(fails == 0, "%d grows failed", fails);
  CHECK(m->pages == 256 && m->size == 256 * W2L_PAGE_SIZE, "final size %llu", (unsigned long long)m->size);
  w2l_memory_free(m);
}

#include "runtime_threads.h"

int main(void) {
  test_wait_notify();
  test_ping_pong();
  test_grow();
  test_spawn();
  test_wasi_threads();
  return test_finish();
}
