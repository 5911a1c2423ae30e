/* memory.c - linear memories, in the strategy chosen by W2L_BOUNDS:
 *   explicit: emitted code checks every access against size.  On Linux the
 *             bytes are an anonymous mapping that mremap grows (it may move):
 *             pages are committed when first touched, as in guard mode, so
 *             growing to 4 GiB costs no RAM until used; elsewhere a malloc'd
 *             block that realloc grows and memset clears.
 *   guard:    each memory reserves W2L_GUARD_RESERVE bytes of address space with
 *             no access rights, and mprotect makes the first size bytes
 *             readable and writable; an access past size faults, and the
 *             SIGSEGV/SIGBUS handler below turns a fault inside a reserved range
 *             into W2L_TRAP_OOB_MEMORY.
 * In both, that handler (installed at the first protected call) turns a fault
 * at the end of the thread's stack during a protected call into
 * W2L_TRAP_STACK_EXHAUSTED; other faults go to the previous handler.
 * Bulk operations (fill/copy/init) check explicitly in both. */
#define _GNU_SOURCE /* mremap */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

/* Set by w2l_linker_set_memory_limit's instantiations: a limit applied to
 * memories created on this thread meanwhile (UINT64_MAX: none). */
_Thread_local uint64_t rt_new_memory_limit = UINT64_MAX;

#if W2L_BOUNDS == W2L_BOUNDS_GUARD

/* ---- The registry of reserved ranges, read by the signal handler ---- */

/* Fixed-size chunks of slots, linked and never freed, so the handler can scan
 * them without locks while other threads add and remove memories. */
#define SLOTS 256
struct range_chunk {
  _Atomic uintptr_t base[SLOTS];    /* start of a reservation, 0 = free slot */
  struct range_chunk *_Atomic next; /* next chunk, or NULL */
};
static struct range_chunk first_chunk;

static void register_range(uintptr_t base) {
  struct range_chunk *c = &first_chunk;
  for (;;) {
    struct range_chunk *next;
    for (int i = 0; i < SLOTS; i++) {
      uintptr_t expected = 0;
      if (atomic_load(&c->base[i]) == 0 &&
          atomic_compare_exchange_strong(&c->base[i], &expected, base))
        return;
    }
    next = atomic_load(&c->next);
    if (!next) {
      struct range_chunk *fresh = calloc(1, sizeof *fresh);
      struct range_chunk *none = NULL;
      if (!fresh) abort(); /* cannot track the memory: no safe way on */
      if (!atomic_compare_exchange_strong(&c->next, &none, fresh)) free(fresh);
      next = atomic_load(&c->next);
    }
    c = next;
  }
}

static void unregister_range(uintptr_t base) {
  for (struct range_chunk *c = &first_chunk; c; c = atomic_load(&c->next))
    for (int i = 0; i < SLOTS; i++)
      if (atomic_load(&c->base[i]) == base) {
        atomic_store(&c->base[i], 0);
        return;
      }
}

static bool in_reserved_range(uintptr_t addr) {
  for (struct range_chunk *c = &first_chunk; c; c = atomic_load(&c->next))
    for (int i = 0; i < SLOTS; i++) {
      uintptr_t b = atomic_load(&c->base[i]);
      if (b && addr - b < W2L_GUARD_RESERVE) return true;
    }
  return false;
}

#else /* explicit checks: no reserved ranges, the handler only sees the stack */

static bool in_reserved_range(uintptr_t addr) {
  (void)addr;
  return false;
}

#endif

/* ---- The fault handler (both strategies: a native stack overflow during a
 * protected call is a trap in explicit mode too) ---- */

static struct sigaction previous_segv, previous_bus; /* chained handlers */
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static atomic_bool handler_installed;

static void chain(int sig, siginfo_t *info, void *ctx) {
  struct sigaction *prev = sig == SIGBUS ? &previous_bus : &previous_segv;
  if (prev->sa_flags & SA_SIGINFO) {
    prev->sa_sigaction(sig, info, ctx);
  } else if (prev->sa_handler == SIG_DFL || prev->sa_handler == SIG_IGN) {
    /* Restore the default and return: the faulting instruction runs again and
     * the process dies of the signal, as it would without us. */
    signal(sig, SIG_DFL);
  } else {
    prev->sa_handler(sig);
  }
}

static void fault_handler(int sig, siginfo_t *info, void *ctx) {
  uintptr_t addr = (uintptr_t)info->si_addr;
  if (rt_protect_active()) {
    if (in_reserved_range(addr)) rt_trap_from_signal(W2L_TRAP_OOB_MEMORY);
    /* W2L_FUNC_ENTRY normally traps first; this catches frames larger than
     * the margin it keeps (and deep host recursion under a protected call). */
    if (sig == SIGSEGV && rt_fault_on_stack_end(addr))
      rt_trap_from_signal(W2L_TRAP_STACK_EXHAUSTED);
  }
  chain(sig, info, ctx);
}

static void install_handler(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = fault_handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGSEGV, &sa, &previous_segv) != 0 || sigaction(SIGBUS, &sa, &previous_bus) != 0)
    abort();
  atomic_store(&handler_installed, true);
}

/* ---- Alternate signal stacks, one per thread that runs wasm ---- */

#define ALT_STACK_SIZE ((size_t)64 << 10)
static pthread_key_t alt_stack_key;
static pthread_once_t alt_key_once = PTHREAD_ONCE_INIT;
static _Thread_local bool alt_stack_checked; /* this thread has been set up */

static void release_alt_stack(void *mem) {
  stack_t off;
  memset(&off, 0, sizeof off);
  off.ss_flags = SS_DISABLE;
  sigaltstack(&off, NULL);
  munmap(mem, ALT_STACK_SIZE);
}

static void make_alt_key(void) {
  if (pthread_key_create(&alt_stack_key, release_alt_stack) != 0) abort();
}

void rt_thread_setup(void) {
  stack_t old, ss;
  void *mem;
  if (alt_stack_checked) return;
  pthread_once(&handler_once, install_handler);
  alt_stack_checked = true;
  if (sigaltstack(NULL, &old) == 0 && !(old.ss_flags & SS_DISABLE)) return; /* has one */
  mem = mmap(NULL, ALT_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return; /* faults will then kill the process: no worse */
  memset(&ss, 0, sizeof ss);
  ss.ss_sp = mem;
  ss.ss_size = ALT_STACK_SIZE;
  if (sigaltstack(&ss, NULL) != 0) {
    munmap(mem, ALT_STACK_SIZE);
    return;
  }
  pthread_once(&alt_key_once, make_alt_key);
  pthread_setspecific(alt_stack_key, mem);
}

#if W2L_BOUNDS == W2L_BOUNDS_GUARD

/* ---- Storage: guard mode ---- */

static bool storage_new(w2l_memory *m) {
  void *p;
  pthread_once(&handler_once, install_handler);
  rt_thread_setup();
  p = mmap(NULL, W2L_GUARD_RESERVE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    snprintf(rt_alloc_error, sizeof rt_alloc_error,
             "guard mode reserves 8 GiB of address space per memory and the system refused "
             "(a limit such as ulimit -v?); the explicit-bounds build (W2L_BOUNDS=0, make "
             "BOUNDS=explicit) reserves only what a memory uses");
    return false;
  }
  if (m->size && mprotect(p, m->size, PROT_READ | PROT_WRITE) != 0) {
    munmap(p, W2L_GUARD_RESERVE);
    return false;
  }
  m->data = p;
  m->reserved = W2L_GUARD_RESERVE;
  register_range((uintptr_t)p);
  return true;
}

static bool storage_grow(w2l_memory *m, uint64_t new_size) {
  return mprotect(m->data + m->size, new_size - m->size, PROT_READ | PROT_WRITE) == 0;
}

static void storage_free(w2l_memory *m) {
  unregister_range((uintptr_t)m->data);
  munmap(m->data, m->reserved);
}

#else /* W2L_BOUNDS_EXPLICIT */

#if defined(__linux__) && defined(MREMAP_MAYMOVE)

/* Mapped bytes for size bytes: at least one page, so data is never NULL. */
static uint64_t mapped_size(uint64_t size) {
  uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
  return size ? (size + page - 1) / page * page : page;
}

static bool storage_new(w2l_memory *m) {
  uint64_t bytes = mapped_size(m->size);
  void *p;
  if (bytes > SIZE_MAX) return false;
  p = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
           -1, 0);
  if (p == MAP_FAILED) return false;
  m->data = p;
  m->reserved = bytes;
  return true;
}

/* New pages of an anonymous mapping read as zero: nothing to clear. */
static bool storage_grow(w2l_memory *m, uint64_t new_size) {
  uint64_t bytes = mapped_size(new_size);
  void *p;
  if (bytes <= m->reserved) return true;
  if (bytes > SIZE_MAX) return false;
  p = mremap(m->data, (size_t)m->reserved, (size_t)bytes, MREMAP_MAYMOVE);
  if (p == MAP_FAILED) return false;
  m->data = p;
  m->reserved = bytes;
  return true;
}

static void storage_free(w2l_memory *m) { munmap(m->data, (size_t)m->reserved); }

#else /* no mremap: malloc'd, cleared when grown */

static bool storage_new(w2l_memory *m) {
  m->data = calloc(m->size ? m->size : 1, 1); /* never NULL, even when empty */
  m->reserved = 0;
  return m->data != NULL;
}

static bool storage_grow(w2l_memory *m, uint64_t new_size) {
  uint8_t *p;
  if (new_size > SIZE_MAX) return false;
  p = realloc(m->data, (size_t)new_size);
  if (!p) return false;
  memset(p + m->size, 0, (size_t)(new_size - m->size));
  m->data = p;
  return true;
}

static void storage_free(w2l_memory *m) { free(m->data); }

#endif /* mremap */
#endif /* W2L_BOUNDS */

/* ---- Storage of shared memories: never moves ---- */

/* A shared memory: the public part first (the same pointer), then the lock
 * that orders its grows. */
struct shared_memory {
  w2l_memory pub;            /* what instances and hosts see */
  pthread_mutex_t grow_lock; /* held by memory.grow */
};

#if W2L_BOUNDS == W2L_BOUNDS_GUARD
/* Guard mode's reservation already never moves. */
static bool shared_storage_new(w2l_memory *m) { return storage_new(m); }
static bool shared_storage_grow(w2l_memory *m, uint64_t new_size) {
  return storage_grow(m, new_size);
}
static void shared_storage_free(w2l_memory *m) { storage_free(m); }
#else
/* Explicit mode: reserve max_pages (at least one page, so data is never NULL)
 * with no access, and open the first size bytes; growing opens more in place. */
static bool shared_storage_new(w2l_memory *m) {
  uint64_t bytes = m->max_pages * W2L_PAGE_SIZE;
  void *p;
  if (bytes == 0) bytes = W2L_PAGE_SIZE;
  if (bytes > SIZE_MAX) return false;
  p = mmap(NULL, (size_t)bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return false;
  if (m->size && mprotect(p, (size_t)m->size, PROT_READ | PROT_WRITE) != 0) {
    munmap(p, (size_t)bytes);
    return false;
  }
  m->data = p;
  m->reserved = bytes;
  return true;
}
static bool shared_storage_grow(w2l_memory *m, uint64_t new_size) {
  return mprotect(m->data + m->size, (size_t)(new_size - m->size), PROT_READ | PROT_WRITE) == 0;
}
static void shared_storage_free(w2l_memory *m) { munmap(m->data, (size_t)m->reserved); }
#endif

/* ---- The strategy-independent part ---- */

/* A new memory of min_pages (max_pages as declared, UINT64_MAX for none);
 * shared ones get their lock and non-moving storage. */
static w2l_memory *memory_new(uint64_t min_pages, uint64_t max_pages, bool shared) {
  w2l_memory *m;
  struct shared_memory *sm = NULL;
  bool has_max = max_pages <= W2L_MAX_PAGES;
  if (!has_max) max_pages = W2L_MAX_PAGES;
  if (min_pages > max_pages || (shared && !has_max)) return NULL;
  if (shared) {
    sm = calloc(1, sizeof *sm);
    if (!sm) return NULL;
    if (pthread_mutex_init(&sm->grow_lock, NULL) != 0) {
      free(sm);
      return NULL;
    }
    m = &sm->pub;
  } else {
    m = calloc(1, sizeof *m);
    if (!m) return NULL;
  }
  m->shared = shared;
  m->pages = min_pages;
  m->size = min_pages * W2L_PAGE_SIZE;
  m->max_pages = max_pages;
  m->has_max = has_max;
  m->limit_pages = rt_new_memory_limit < max_pages ? rt_new_memory_limit : max_pages;
  char what[64];
  snprintf(what, sizeof what, "a memory of %llu pages", (unsigned long long)min_pages);
  if (!rt_quota_charge(rt_new_quota, m->size, what)) goto fail;
  if (!(shared ? shared_storage_new(m) : storage_new(m))) {
    rt_quota_uncharge(rt_new_quota, m->size);
    goto fail;
  }
  m->quota = rt_quota_retain(rt_new_quota);
  return m;
fail:
  if (sm) pthread_mutex_destroy(&sm->grow_lock);
  free(m); /* sm is m */
  return NULL;
}

w2l_memory *w2l_memory_new(uint64_t min_pages, uint64_t max_pages) {
  return memory_new(min_pages, max_pages, false);
}

w2l_memory *w2l_memory_new_shared(uint64_t min_pages, uint64_t max_pages) {
  return memory_new(min_pages, max_pages, true);
}

void w2l_memory_free(w2l_memory *m) {
  if (!m) return;
  if (m->shared) {
    shared_storage_free(m);
    pthread_mutex_destroy(&((struct shared_memory *)m)->grow_lock);
  } else {
    storage_free(m);
  }
  rt_quota_uncharge(m->quota, m->size);
  rt_quota_release(m->quota);
  free(m);
}

/* memory.grow of m, whose grows the caller orders (one thread, or the lock). */
static uint32_t grow(w2l_memory *m, uint64_t delta_pages) {
  uint64_t old = m->pages, limit = m->limit_pages < m->max_pages ? m->limit_pages : m->max_pages;
  if (delta_pages == 0) return (uint32_t)old;
  if (old > limit || delta_pages > limit - old) return UINT32_MAX;
  if (!rt_quota_charge(m->quota, delta_pages * W2L_PAGE_SIZE, "memory.grow")) return UINT32_MAX;
  uint64_t new_size = (old + delta_pages) * W2L_PAGE_SIZE;
  if (!(m->shared ? shared_storage_grow(m, new_size) : storage_grow(m, new_size))) {
    rt_quota_uncharge(m->quota, delta_pages * W2L_PAGE_SIZE);
    return UINT32_MAX;
  }
  if (m->shared) { /* readers on other threads: the bytes are open before the size says so */
    __atomic_store_n(&m->size, new_size, __ATOMIC_RELEASE);
    __atomic_store_n(&m->pages, old + delta_pages, __ATOMIC_SEQ_CST);
  } else {
    m->pages = old + delta_pages;
    m->size = new_size;
  }
  return (uint32_t)old;
}

uint32_t w2l_memory_grow(w2l_memory *m, uint64_t delta_pages) {
  if (!m->shared) return grow(m, delta_pages);
  struct shared_memory *sm = (struct shared_memory *)m;
  pthread_mutex_lock(&sm->grow_lock);
  uint32_t old = grow(m, delta_pages);
  pthread_mutex_unlock(&sm->grow_lock);
  return old;
}

void w2l_memory_set_limit(w2l_memory *m, uint64_t limit_pages) {
  m->limit_pages = limit_pages < m->max_pages ? limit_pages : m->max_pages;
}

/* ---- host access ---- */

/* Whether [addr, addr + n) lies inside m (no overflow: n is compared first). */
static bool in_bounds(const w2l_memory *m, uint64_t addr, uint64_t n) {
  return n <= m->size && addr <= m->size - n;
}

bool w2l_memory_read(const w2l_memory *m, uint64_t addr, void *dst, size_t n) {
  if (!in_bounds(m, addr, n)) return false;
  if (n) memcpy(dst, m->data + addr, n);
  return true;
}

bool w2l_memory_write(w2l_memory *m, uint64_t addr, const void *src, size_t n) {
  if (!in_bounds(m, addr, n)) return false;
  if (n) memcpy(m->data + addr, src, n);
  return true;
}

void *w2l_memory_span(w2l_memory *m, uint64_t addr, uint64_t n) {
  return in_bounds(m, addr, n) ? m->data + addr : NULL;
}

const char *w2l_memory_string(const w2l_memory *m, uint64_t addr, size_t max, size_t *len) {
  if (addr >= m->size) return NULL;
  uint64_t room = m->size - addr;
  const uint8_t *s = m->data + addr, *nul = memchr(s, 0, room < max ? room : max);
  if (!nul) return NULL;
  if (len) *len = (size_t)(nul - s);
  return (const char *)s;
}

/* ---- bulk operations ---- */

void w2l_memory_fill(w2l_memory *m, uint32_t dst, uint32_t value, uint32_t n) {
  if ((uint64_t)dst + n > m->size) w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  if (n) memset(m->data + dst, (int)(value & 0xFF), n);
}

void w2l_memory_copy(w2l_memory *dst, w2l_memory *src, uint32_t d, uint32_t s, uint32_t n) {
  if ((uint64_t)d + n > dst->size || (uint64_t)s + n > src->size)
    w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  if (n) memmove(dst->data + d, src->data + s, n);
}

void w2l_memory_init(w2l_memory *m, const uint8_t *seg, uint32_t seg_len, uint32_t d, uint32_t s,
                     uint32_t n) {
  if ((uint64_t)s + n > seg_len || (uint64_t)d + n > m->size) w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  if (n) memcpy(m->data + d, seg + s, n);
}
