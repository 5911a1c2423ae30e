/* runtime_memory.c - linear memory in the strategy this program was built with
 * (the suite runs it for both): sizes, grow with declared maximum and host
 * limit, bulk operations with 2.0 bounds, loads/stores past the end (explicit
 * check or guard-page fault) trapping, and faults that are not wasm's staying
 * fatal. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime_test.h"

/* ---- Bulk operations, table-driven ---- */

enum op { FILL, COPY, INIT };
static const struct bulk_case {
  enum op op;
  uint32_t d, s, n; /* operands (s unused by fill) */
  w2l_trap want;    /* expected outcome on a 1-page memory and a 16-byte segment */
} bulk_cases[] = {
    {FILL, 0, 0, 0, W2L_OK},
    {FILL, 65536, 0, 0, W2L_OK},           /* n = 0 at the end is fine */
    {FILL, 65537, 0, 0, W2L_TRAP_OOB_MEMORY},
    {FILL, 65535, 0, 1, W2L_OK},
    {FILL, 65535, 0, 2, W2L_TRAP_OOB_MEMORY},
    {FILL, 0xFFFFFFFF, 0, 2, W2L_TRAP_OOB_MEMORY}, /* d + n wraps in 32 bits */
    {FILL, 1, 0, 0xFFFFFFFF, W2L_TRAP_OOB_MEMORY},
    {COPY, 0, 100, 100, W2L_OK},
    {COPY, 65536, 0, 0, W2L_OK},
    {COPY, 0, 65536, 0, W2L_OK},
    {COPY, 0, 65537, 0, W2L_TRAP_OOB_MEMORY},
    {COPY, 65500, 0, 100, W2L_TRAP_OOB_MEMORY},
    {COPY, 0, 65500, 100, W2L_TRAP_OOB_MEMORY},
    {COPY, 10, 0, 0xFFFFFFF0, W2L_TRAP_OOB_MEMORY},
    {INIT, 0, 0, 16, W2L_OK},
    {INIT, 0, 16, 0, W2L_OK},
    {INIT, 0, 17, 0, W2L_TRAP_OOB_MEMORY},
    {INIT, 0, 8, 9, W2L_TRAP_OOB_MEMORY},
    {INIT, 65530, 0, 7, W2L_TRAP_OOB_MEMORY},
    {INIT, 65536, 0, 0, W2L_OK},
    {INIT, 0xFFFFFFFF, 0xFFFFFFFF, 2, W2L_TRAP_OOB_MEMORY},
};

static const uint8_t segment[16] = "0123456789abcdef";

struct bulk_call {
  w2l_memory *m;                 /* the memory */
  const struct bulk_case *c;     /* the operation */
};

static void run_bulk(void *arg) {
  struct bulk_call *b = arg;
  switch (b->c->op) {
  case FILL: w2l_memory_fill(b->m, b->c->d, 0x1AB, b->c->n); break;
  case COPY: w2l_memory_copy(b->m, b->m, b->c->d, b->c->s, b->c->n); break;
  case INIT: w2l_memory_init(b->m, segment, sizeof segment, b->c->d, b->c->s, b->c->n); break;
  }
}

/* ---- Loads and stores as emitted code does them ---- */

struct access {
  w2l_memory *m;   /* the memory */
  uint64_t addr;   /* effective address (operand + offset) */
  int width;       /* 1, 2, 4 or 8 */
  bool store;      /* store instead of load */
  uint64_t value;  /* loaded / stored */
};

static void run_access(void *arg) {
  struct access *a = arg;
  uint8_t *base = a->m->data;
  uint64_t size = a->m->size;
  if (a->store) {
    switch (a->width) {
    case 1: w2l_store_i32_8(base, size, a->addr, (uint32_t)a->value); break;
    case 2: w2l_store_i32_16(base, size, a->addr, (uint32_t)a->value); break;
    case 4: w2l_store_i32(base, size, a->addr, (uint32_t)a->value); break;
    default: w2l_store_i64(base, size, a->addr, a->value); break;
    }
  } else {
    switch (a->width) {
    case 1: a->value = w2l_load_i32_8u(base, size, a->addr); break;
    case 2: a->value = w2l_load_i32_16u(base, size, a->addr); break;
    case 4: a->value = w2l_load_i32(base, size, a->addr); break;
    default: a->value = w2l_load_i64(base, size, a->addr); break;
    }
  }
}

static w2l_trap mem_access(w2l_memory *m, uint64_t addr, int width, bool store, uint64_t *value) {
  struct access a = {m, addr, width, store, value ? *value : 0};
  w2l_trap t = w2l_protect(run_access, &a);
  if (value) *value = a.value;
  return t;
}

static const struct access_case {
  uint64_t addr;  /* effective address on a 1-page memory */
  int width;      /* bytes */
  bool ok;        /* in bounds */
} access_cases[] = {
    {0, 4, true},          {65532, 4, true},         {65533, 4, false},
    {65535, 1, true},      {65536, 1, false},        {65528, 8, true},
    {65529, 8, false},     {65534, 2, true},         {65535, 2, false},
    {0xFFFFFFFF, 4, false},{0x100000000, 1, false},  {0x1FFFFFFFE, 8, false}, /* max u32 + max offset */
    {1u << 20, 4, false},
};

/* ---- Faults that are not out-of-bounds accesses of wasm code ---- */

/* Runs fn in a child; true if the child died (signal, or a sanitizer's
 * non-zero exit) instead of the fault being turned into a trap (exit 0). */
static bool child_dies(void (*fn)(void)) {
  pid_t pid;
  int status;
  fflush(stdout);
  pid = fork();
  if (pid == 0) {
    fn();
    _exit(0);
  }
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return false;
  return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static w2l_memory *fault_memory;
static void *volatile null_page;

static void touch_null(void *arg) {
  (void)arg;
  *(volatile int *)null_page = 1; /* a host bug, not wasm's access */
}

static void child_null_in_protect(void) {
  (void)w2l_protect(touch_null, NULL);
}

static void child_oob_outside_protect(void) __attribute__((unused));
static void child_oob_outside_protect(void) {
  volatile uint8_t *p = fault_memory->data + fault_memory->size + 100;
  *p = 1; /* no protected call: the host's own bug */
}

/* ---- A native stack overflow without W2L_FUNC_ENTRY (guard mode) ---- */
#if W2L_BOUNDS == W2L_BOUNDS_GUARD
static unsigned unchecked(unsigned depth);
static unsigned (*volatile unchecked_ptr)(unsigned) = unchecked;
static unsigned unchecked(unsigned depth) {
  volatile char pad[4096];
  pad[0] = (char)depth;
  return unchecked_ptr(depth + 1) + (unsigned)pad[0];
}
static void run_unchecked(void *arg) { *(unsigned *)arg = unchecked(0); }
#endif

/* ---- Threads each growing and faulting on their own memory ---- */

static void *thread_main(void *arg) {
  w2l_memory *m = w2l_memory_new(1, 10);
  int bad = 0;
  (void)arg;
  if (!m) return (void *)1;
  for (int i = 0; i < 200; i++) {
    uint64_t v = 7;
    if (mem_access(m, m->size, 4, true, &v) != W2L_TRAP_OOB_MEMORY) bad++;
    if (mem_access(m, 16, 4, true, &v) != W2L_OK) bad++;
  }
  if (w2l_memory_grow(m, 1) != 1) bad++;
  if (mem_access(m, 65536 + 10, 4, false, NULL) != W2L_OK) bad++;
  w2l_memory_free(m);
  return (void *)(intptr_t)bad;
}

/* Growing to 4 GiB commits nothing until touched (both strategies; explicit
 * mode committed, and cleared, every byte before): one byte written per
 * 64 MiB keeps RSS far below the size, and the old bytes stay. */
static void test_lazy_commit(void) {
  w2l_memory *m = w2l_memory_new(1, UINT64_MAX);
  long long rss0 = test_rss_bytes();
  CHECK(m != NULL, "memory");
  if (!m) return;
  m->data[100] = 42;
  CHECK(w2l_memory_grow(m, 0xFFFF) == 1 && m->pages == 0x10000, "grow to 4 GiB: %llu pages",
        (unsigned long long)m->pages);
  for (uint64_t a = 0; a < m->size; a += 64 << 20) m->data[a + 7] = 1;
  CHECK(m->data[100] == 42 && m->data[m->size - 1] == 0, "contents after growing");
  long long grown = test_rss_bytes() - rss0;
  printf("4 GiB memory, 64 pages touched: RSS %+lld KiB\n", grown / 1024);
#if defined(__linux__)
  CHECK(rss0 >= 0 && grown < 64ll << 20, "RSS grew by %lld MiB", grown >> 20);
#endif
  w2l_memory_free(m);
}

int main(void) {
  w2l_memory *m;
  uint64_t v;

  /* Creation and sizes. */
  m = w2l_memory_new(0, UINT64_MAX);
  CHECK(m && m->pages == 0 && m->size == 0 && m->data, "empty memory");
  CHECK(m->max_pages == W2L_MAX_PAGES && !m->has_max, "no max: max_pages %llu",
        (unsigned long long)m->max_pages);
  CHECK(mem_access(m, 0, 1, false, NULL) == W2L_TRAP_OOB_MEMORY, "load from an empty memory");
  CHECK(w2l_memory_grow(m, 0) == 0, "grow 0");
  CHECK(w2l_memory_grow(m, 1) == 0 && m->pages == 1 && m->size == 65536, "grow 1");
  CHECK(w2l_memory_grow(m, 2) == 1 && m->pages == 3, "grow 2");
  CHECK(w2l_memory_grow(m, 0x10000) == UINT32_MAX && m->pages == 3, "grow past 4 GiB");
  CHECK(w2l_memory_grow(m, UINT64_MAX) == UINT32_MAX, "grow by 2^64-1");
  w2l_memory_free(m);
  CHECK(w2l_memory_new(3, 2) == NULL, "min > max accepted");

  /* Declared maximum and host limit. */
  m = w2l_memory_new(1, 4);
  CHECK(m->has_max && m->max_pages == 4 && m->limit_pages == 4, "max 4");
  CHECK(w2l_memory_grow(m, 4) == UINT32_MAX, "grow past max");
  CHECK(w2l_memory_grow(m, 3) == 1 && m->pages == 4, "grow to max");
  CHECK(w2l_memory_grow(m, 1) == UINT32_MAX, "grow at max");
  w2l_memory_free(m);
  m = w2l_memory_new(1, UINT64_MAX);
  w2l_memory_set_limit(m, 3);
  CHECK(m->limit_pages == 3, "limit");
  CHECK(w2l_memory_grow(m, 3) == UINT32_MAX, "grow past the host limit");
  CHECK(w2l_memory_grow(m, 2) == 1, "grow to the host limit");
  CHECK(w2l_memory_grow(m, 1) == UINT32_MAX, "grow at the host limit");
  w2l_memory_set_limit(m, 1);
  CHECK(m->pages == 3 && w2l_memory_grow(m, 0) == 3, "limit below size keeps the size");
  CHECK(w2l_memory_grow(m, 1) == UINT32_MAX, "limit below size: no growth");
  w2l_memory_set_limit(m, UINT64_MAX);
  CHECK(m->limit_pages == W2L_MAX_PAGES, "limit clamps to max");
  w2l_memory_free(m);

  /* New pages read as zero, old contents survive growth. */
  m = w2l_memory_new(1, 8);
  v = 0xDEADBEEF;
  CHECK(mem_access(m, 65532, 4, true, &v) == W2L_OK, "store at the end");
  CHECK(mem_access(m, 65536, 4, false, &v) == W2L_TRAP_OOB_MEMORY, "load past the end");
  CHECK(w2l_memory_grow(m, 2) == 1, "grow");
  CHECK(mem_access(m, 65532, 4, false, &v) == W2L_OK && v == 0xDEADBEEF, "old contents %llx",
        (unsigned long long)v);
  CHECK(mem_access(m, 65536, 4, false, &v) == W2L_OK && v == 0, "new page not zero");
  CHECK(mem_access(m, 3 * 65536 - 8, 8, false, &v) == W2L_OK && v == 0, "last word");
  CHECK(mem_access(m, 3 * 65536 - 7, 8, false, &v) == W2L_TRAP_OOB_MEMORY, "straddling the end");
  w2l_memory_free(m);

  /* Loads and stores. */
  m = w2l_memory_new(1, 1);
  for (size_t i = 0; i < sizeof access_cases / sizeof *access_cases; i++) {
    const struct access_case *c = &access_cases[i];
    w2l_trap want = c->ok ? W2L_OK : W2L_TRAP_OOB_MEMORY;
    v = 0x0102030405060708ull;
    CHECK(mem_access(m, c->addr, c->width, true, &v) == want, "store%d at %#llx", c->width * 8,
          (unsigned long long)c->addr);
    CHECK(mem_access(m, c->addr, c->width, false, &v) == want, "load%d at %#llx", c->width * 8,
          (unsigned long long)c->addr);
  }
  /* After many traps the memory and the process still work. */
  v = 77;
  CHECK(mem_access(m, 100, 4, true, &v) == W2L_OK, "store after traps");
  CHECK(mem_access(m, 100, 4, false, &v) == W2L_OK && v == 77, "load after traps");

  /* Bulk operations. */
  for (size_t i = 0; i < sizeof bulk_cases / sizeof *bulk_cases; i++) {
    struct bulk_call b = {m, &bulk_cases[i]};
    w2l_trap t;
    memset(m->data, 0x55, 16);
    m->data[65535] = 0x55;
    t = w2l_protect(run_bulk, &b);
    CHECK(t == bulk_cases[i].want, "bulk case %zu (op %d d %u s %u n %u): got \"%s\"", i,
          (int)bulk_cases[i].op, bulk_cases[i].d, bulk_cases[i].s, bulk_cases[i].n,
          w2l_trap_message(t));
    if (t != W2L_OK)
      CHECK(m->data[0] == 0x55 && m->data[65535] == 0x55, "bulk case %zu wrote before trapping", i);
  }
  {
    struct bulk_case fill = {FILL, 4, 0, 3, W2L_OK}, init = {INIT, 1, 10, 6, W2L_OK};
    struct bulk_case copy = {COPY, 2, 0, 8, W2L_OK};
    struct bulk_call b = {m, &fill};
    memset(m->data, 0, 16);
    w2l_protect(run_bulk, &b);
    CHECK(memcmp(m->data, "\0\0\0\0\xAB\xAB\xAB\0", 8) == 0, "fill writes the low byte");
    b.c = &init;
    w2l_protect(run_bulk, &b);
    CHECK(memcmp(m->data + 1, "abcdef", 6) == 0, "init copies the segment");
    b.c = &copy;
    w2l_protect(run_bulk, &b);
    CHECK(memcmp(m->data + 2, "\0abcdef\0", 8) == 0, "copy handles overlap");
  }

  /* Two memories copying between each other. */
  {
    w2l_memory *m2 = w2l_memory_new(2, 2);
    m2->data[65536 + 5] = 9;
    w2l_memory_copy(m, m2, 0, 65536 + 5, 1);
    CHECK(m->data[0] == 9, "copy between memories");
    w2l_memory_free(m2);
  }

  /* Faults that are not wasm's stay fatal (in guard mode the handler chains). */
  fault_memory = m;
  CHECK(child_dies(child_null_in_protect), "a null dereference inside a protected call was turned into a trap");
#if W2L_BOUNDS == W2L_BOUNDS_GUARD
  CHECK(child_dies(child_oob_outside_protect), "an access outside any protected call was turned into a trap");
  CHECK(m->reserved == W2L_GUARD_RESERVE, "reserved %llu", (unsigned long long)m->reserved);
  {
    unsigned sink;
    for (int i = 0; i < 2; i++)
      CHECK_TRAP(w2l_protect(run_unchecked, &sink), W2L_TRAP_STACK_EXHAUSTED);
  }
#elif defined(__linux__)
  CHECK(m->reserved >= m->size && m->reserved % 4096 == 0, "mapped %llu",
        (unsigned long long)m->reserved);
#else
  CHECK(m->reserved == 0, "reserved %llu", (unsigned long long)m->reserved);
#endif
  w2l_memory_free(m);
  test_lazy_commit();

  /* Many memories at once (guard mode reserves 8 GiB each: 300 = 2.4 TiB). */
  {
    enum { N = 300 };
    static w2l_memory *many[N];
    int made = 0;
    for (int i = 0; i < N; i++) made += (many[i] = w2l_memory_new(1, 2)) != NULL;
    CHECK(made == N, "made %d of %d memories", made, N);
    CHECK(mem_access(many[N - 1], 65536, 4, false, NULL) == W2L_TRAP_OOB_MEMORY, "last memory");
    for (int i = 0; i < N; i++) w2l_memory_free(many[i]);
  }

  /* Threads. */
  {
    pthread_t th[4];
    for (int i = 0; i < 4; i++) pthread_create(&th[i], NULL, thread_main, NULL);
    for (int i = 0; i < 4; i++) {
      void *bad;
      pthread_join(th[i], &bad);
      CHECK(bad == NULL, "thread %d: %d failures", i, (int)(intptr_t)bad);
    }
  }
  return test_finish();
}
