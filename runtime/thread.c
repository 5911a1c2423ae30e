/* thread.c - the threads proposal's runtime: memory.atomic.wait / notify (a
 * parking lot keyed by memory and address) and w2l_thread_spawn / join.
 *
 * Parking: a fixed table of buckets, each a mutex and a FIFO list of the
 * threads waiting at addresses that hash to it.  A waiter checks the value
 * and enqueues itself under its bucket's lock, and notify dequeues under the
 * same lock, so a notify that comes between the check and the sleep is never
 * lost.  Each waiter sleeps on its own condition variable (CLOCK_MONOTONIC),
 * so notify wakes exactly the ones it dequeued, oldest first. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* ---- wait / notify ---- */

/* One parked thread (lives on its stack while it waits). */
struct waiter {
  const w2l_memory *memory; /* the key: which memory ... */
  uint64_t addr;            /* ... and which effective address */
  pthread_cond_t wake;      /* signalled by the notify that dequeues it */
  bool woken;               /* set (under the bucket lock) when dequeued by notify */
  struct waiter *next;      /* the next waiter of the bucket, in arrival order */
};

/* Waiters whose key hashes to one slot. */
struct bucket {
  pthread_mutex_t lock; /* guards the list and the waiters' woken flags */
  struct waiter *head;  /* oldest waiter, or NULL */
  struct waiter *tail;  /* newest waiter, or NULL */
};

#define BUCKETS 256
static struct bucket buckets[BUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void buckets_init(void) {
  for (size_t i = 0; i < BUCKETS; i++)
    if (pthread_mutex_init(&buckets[i].lock, NULL) != 0) abort();
}

static struct bucket *bucket_of(const w2l_memory *m, uint64_t addr) {
  uint64_t h = ((uint64_t)(uintptr_t)m >> 4) * 0x9E3779B97F4A7C15u ^ (addr >> 2) * 0xC2B2AE3D27D4EB4Fu;
  pthread_once(&buckets_once, buckets_init);
  return &buckets[(h ^ h >> 29) % BUCKETS];
}

/* The alignment and bounds traps shared by wait and notify, in the order of
 * every other atomic access (runtime/w2l_atomic.h: the reference interpreter's). */
static void check_access(const w2l_memory *m, uint64_t addr, uint64_t n) {
  uint64_t size = __atomic_load_n(&m->size, __ATOMIC_ACQUIRE);
  if (addr % n != 0) w2l_trap_raise(W2L_TRAP_UNALIGNED_ATOMIC);
  if (size < n || addr > size - n) w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
}

/* The absolute CLOCK_MONOTONIC time timeout_ns (>= 0) from now. */
static struct timespec deadline_after(int64_t timeout_ns) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  int64_t sec = timeout_ns / 1000000000, nsec = t.tv_nsec + timeout_ns % 1000000000;
  if (nsec >= 1000000000) {
    nsec -= 1000000000;
    sec++;
  }
  t.tv_sec += (time_t)sec; /* at most 2^63 ns: about 292 years, no overflow */
  t.tv_nsec = (long)nsec;
  return t;
}

/* Unlink w from b (held); it is there. */
static void unlink_waiter(struct bucket *b, struct waiter *w) {
  struct waiter **p = &b->head, *prev = NULL;
  while (*p != w) {
    prev = *p;
    p = &(*p)->next;
  }
  *p = w->next;
  if (b->tail == w) b->tail = prev;
}

/* Park until notified (0) or timed out (2); the value was expected.  Called
 * with b locked; returns with it unlocked. */
static uint32_t park(struct bucket *b, const w2l_memory *m, uint64_t addr, int64_t timeout_ns) {
  struct waiter w = {.memory = m, .addr = addr};
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  if (pthread_cond_init(&w.wake, &attr) != 0) abort();
  pthread_condattr_destroy(&attr);
  if (b->tail) b->tail->next = &w;
  else b->head = &w;
  b->tail = &w;
  struct timespec until = deadline_after(timeout_ns < 0 ? 0 : timeout_ns);
  bool timed_out = false;
  while (!w.woken && !timed_out) { /* spurious wakeups: look again */
    if (timeout_ns < 0) pthread_cond_wait(&w.wake, &b->lock);
    else timed_out = pthread_cond_timedwait(&w.wake, &b->lock, &until) == ETIMEDOUT;
  }
  if (!w.woken) unlink_waiter(b, &w);
  pthread_mutex_unlock(&b->lock);
  pthread_cond_destroy(&w.wake);
  return w.woken ? 0 : 2;
}

/* wait32 (n 4) and wait64 (n 8). */
static uint32_t wait_at(w2l_memory *m, uint64_t addr, unsigned n, uint64_t expected,
                        int64_t timeout_ns) {
  check_access(m, addr, n);
  if (!m->shared) w2l_trap_raise(W2L_TRAP_EXPECTED_SHARED);
  struct bucket *b = bucket_of(m, addr);
  pthread_mutex_lock(&b->lock);
  uint64_t value = n == 4 ? __atomic_load_n((uint32_t *)(m->data + addr), __ATOMIC_SEQ_CST)
                          : __atomic_load_n((uint64_t *)(m->data + addr), __ATOMIC_SEQ_CST);
  if (value != expected) {
    pthread_mutex_unlock(&b->lock);
    return 1;
  }
  return park(b, m, addr, timeout_ns);
}

uint32_t w2l_memory_atomic_wait32(w2l_memory *m, uint64_t addr, uint32_t expected,
                                  int64_t timeout_ns) {
  return wait_at(m, addr, 4, expected, timeout_ns);
}

uint32_t w2l_memory_atomic_wait64(w2l_memory *m, uint64_t addr, uint64_t expected,
                                  int64_t timeout_ns) {
  return wait_at(m, addr, 8, expected, timeout_ns);
}

uint32_t w2l_memory_atomic_notify(w2l_memory *m, uint64_t addr, uint32_t count) {
  check_access(m, addr, 4);
  if (!m->shared || count == 0) return 0;
  struct bucket *b = bucket_of(m, addr);
  uint32_t woken = 0;
  pthread_mutex_lock(&b->lock);
  struct waiter **p = &b->head, *prev = NULL;
  while (*p && woken < count) {
    struct waiter *w = *p;
    if (w->memory != m || w->addr != addr) {
      prev = w;
      p = &w->next;
      continue;
    }
    *p = w->next;
    if (b->tail == w) b->tail = prev;
    w->woken = true;
    pthread_cond_signal(&w->wake);
    woken++;
  }
  pthread_mutex_unlock(&b->lock);
  return woken;
}

/* ---- threads ---- */

struct w2l_thread {
  pthread_t os;            /* the OS thread running the call */
  w2l_instance *instance;  /* the thread's own instance (owned; freed by join) */
  char *func;              /* the export to run (owned copy) */
  w2l_val *args;           /* its arguments (owned copy, nargs) */
  size_t nargs;            /* how many */
  w2l_val *results;        /* its results (owned, nresults) */
  size_t nresults;         /* the export's result count */
  w2l_trap trap;           /* what the call returned */
  w2l_error error;         /* its message when it trapped */
};

static void *thread_main(void *arg) {
  w2l_thread *t = arg;
  t->trap = w2l_call(t->instance, t->func, t->args, t->nargs, t->results, t->nresults, &t->error);
  return NULL;
}

static void thread_free(w2l_thread *t) {
  if (!t) return;
  w2l_instance_free(t->instance);
  free(t->func);
  free(t->args);
  free(t->results);
  free(t);
}

w2l_thread *w2l_thread_spawn(w2l_linker *l, const w2l_module *m, const char *func,
                             const w2l_val *args, size_t nargs, w2l_error *err) {
  w2l_thread *t = calloc(1, sizeof *t);
  if (!t) {
    rt_error(err, W2L_OK, "out of memory");
    return NULL;
  }
  t->instance = w2l_linker_instantiate(l, m, NULL, err);
  if (!t->instance) {
    free(t);
    return NULL;
  }
  w2l_extern ext;
  if (!w2l_instance_export(t->instance, func, &ext) || ext.kind != W2L_EXTERN_FUNC) {
    rt_error(err, W2L_TRAP_CALL_ERROR, "no exported function \"%s\"", func);
    thread_free(t);
    return NULL;
  }
  t->nresults = w2l_functype_nresults(ext.of.func.type);
  t->nargs = nargs;
  t->func = malloc(strlen(func) + 1);
  t->args = malloc((nargs ? nargs : 1) * sizeof *args);
  t->results = calloc(t->nresults ? t->nresults : 1, sizeof *t->results);
  if (!t->func || !t->args || !t->results) {
    rt_error(err, W2L_OK, "out of memory");
    thread_free(t);
    return NULL;
  }
  strcpy(t->func, func);
  if (nargs) memcpy(t->args, args, nargs * sizeof *args);
  pthread_attr_t attr;
  int rc = pthread_attr_init(&attr);
  if (rc == 0) {
    rc = pthread_attr_setstacksize(&attr, W2L_THREAD_STACK_SIZE);
    if (rc == 0) rc = pthread_create(&t->os, &attr, thread_main, t);
    pthread_attr_destroy(&attr);
  }
  if (rc != 0) {
    rt_error(err, W2L_OK, "cannot create a thread: %s", strerror(rc));
    thread_free(t);
    return NULL;
  }
  return t;
}

w2l_trap w2l_thread_join(w2l_thread *t, w2l_val *results, size_t nresults, w2l_error *err) {
  pthread_join(t->os, NULL);
  w2l_trap trap = t->trap;
  if (trap != W2L_OK) {
    if (err) *err = t->error;
  } else if (nresults != t->nresults) {
    trap = W2L_TRAP_CALL_ERROR;
    rt_error(err, trap, "\"%s\" returned %zu results, %zu expected", t->func, t->nresults,
             nresults);
  } else if (nresults) {
    memcpy(results, t->results, nresults * sizeof *results);
  }
  thread_free(t);
  return trap;
}
