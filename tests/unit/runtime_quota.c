/* runtime_quota.c - one byte quota for the memories and tables of an
 * instance or of every instance of a linker (tests/runtime/hog.wat: four
 * tables and a memory that grow on demand; hogimport.wat grows an imported
 * memory). */
#include <pthread.h>

#include "runtime_test.h"

#include "hog.h"
#include "hogimport.h"

#define MIB ((uint64_t)1 << 20)
#define REF ((uint64_t)sizeof(w2l_ref))

/* Grow table k of inst by n elements; the old size or UINT32_MAX. */
static uint32_t tgrow(w2l_instance *inst, int k, uint32_t n) {
  w2l_trap (*const grow[4])(w2l_instance *, uint32_t, uint32_t *) = {hog_tgrow0, hog_tgrow1,
                                                                     hog_tgrow2, hog_tgrow3};
  uint32_t r = 0;
  CHECK_TRAP(grow[k](inst, n, &r), W2L_OK);
  return r;
}

static uint32_t mgrow(w2l_instance *inst, uint32_t n) {
  uint32_t r = 0;
  CHECK_TRAP(hog_mgrow(inst, n, &r), W2L_OK);
  return r;
}

/* Without a quota of its own, an instance gets W2L_DEFAULT_QUOTA, charged
 * by its memory and tables as they grow and given back when they go. */
static void test_default(void) {
  w2l_error err;
  w2l_instance *inst = hog_instantiate(NULL, &err);
  CHECK(inst != NULL, "instantiate: %s", err.message);
  if (!inst) return;
  w2l_quota *q = w2l_instance_quota(inst);
  CHECK(w2l_quota_max(q) == W2L_DEFAULT_QUOTA, "default max %llu",
        (unsigned long long)w2l_quota_max(q));
  CHECK(w2l_quota_used(q) == W2L_PAGE_SIZE, "used %llu", (unsigned long long)w2l_quota_used(q));
  CHECK(tgrow(inst, 0, 1000) == 0, "table.grow");
  CHECK(mgrow(inst, 3) == 1, "memory.grow");
  CHECK(w2l_quota_used(q) == 4 * W2L_PAGE_SIZE + 1000 * REF, "used %llu",
        (unsigned long long)w2l_quota_used(q));
  w2l_instance_free(inst);
}

/* The plugin: four tables of 10M elements took 939 MB.  Under a
 * linker's 64 MiB quota, tables and memory together stop at 64 MiB, and
 * what failed to grow is unchanged. */
static void test_linker_tables(void) {
  w2l_error err;
  w2l_linker *l = w2l_linker_new();
  w2l_quota *q = w2l_quota_new(64 * MIB);
  w2l_linker_set_quota(l, q);
  w2l_quota_free(q); /* the linker and its instances keep it */
  long long rss = test_rss_bytes();
  w2l_instance *inst = w2l_linker_instantiate(l, &hog_module, NULL, &err);
  CHECK(inst != NULL, "instantiate: %s", err.message);
  if (!inst) return;
  CHECK(w2l_instance_quota(inst) == q, "the linker's quota");
  CHECK(tgrow(inst, 0, 10000000) == UINT32_MAX, "10M elements = 320 MB granted");
  uint32_t granted = 0;
  for (int k = 0; k < 4; k++) granted += tgrow(inst, k, 1000000) != UINT32_MAX;
  CHECK(granted == 2, "%u tables of 1M elements (32 MB each) granted", granted);
  CHECK(mgrow(inst, 300) == UINT32_MAX, "memory.grow past the quota");
  CHECK(mgrow(inst, 40) == 1, "memory.grow within the quota");
  uint64_t want = 2 * 1000000 * REF + 41 * W2L_PAGE_SIZE;
  CHECK(w2l_quota_used(q) == want, "used %llu, expected %llu",
        (unsigned long long)w2l_quota_used(q), (unsigned long long)want);
  CHECK(w2l_quota_used(q) <= w2l_quota_max(q), "used past max");
  long long grew = test_rss_bytes() - rss;
  CHECK(rss < 0 || grew < (long long)(80 * MIB), "RSS grew by %lld bytes", grew);
  /* A second instance shares the quota: its memory does not fit now. */
  w2l_quota_set_max(q, w2l_quota_used(q));
  w2l_instance *second = w2l_linker_instantiate(l, &hog_module, NULL, &err);
  CHECK(second == NULL, "instantiated past the quota");
  CHECK(strstr(err.message, "quota exceeded: a memory of 1 pages needs 65536 bytes") != NULL,
        "message: %s", err.message);
  w2l_instance_free(inst);
  CHECK(w2l_quota_used(q) == 0, "used %llu after free", (unsigned long long)w2l_quota_used(q));
  w2l_linker_free(l);
}

/* w2l_set_new_instance_quota: instances made on this thread share it. */
static void test_thread_quota(void) {
  w2l_error err;
  w2l_quota *q = w2l_quota_new(32 * 1024);
  w2l_set_new_instance_quota(q);
  w2l_instance *inst = hog_instantiate(NULL, &err);
  w2l_set_new_instance_quota(NULL);
  CHECK(inst == NULL, "a 64 KiB memory under a 32 KiB quota");
  CHECK(strstr(err.message, "quota exceeded") != NULL, "message: %s", err.message);
  CHECK(w2l_quota_used(q) == 0, "used %llu", (unsigned long long)w2l_quota_used(q));
  w2l_quota_free(q);
}

/* An imported memory's growth is charged to its owner's quota. */
static void test_import_charges_owner(void) {
  w2l_error err;
  w2l_quota *qa = w2l_quota_new(16 * MIB), *qb = w2l_quota_new(16 * MIB);
  w2l_linker *la = w2l_linker_new(), *lb = w2l_linker_new();
  w2l_linker_set_quota(la, qa);
  w2l_linker_set_quota(lb, qb);
  w2l_instance *a = w2l_linker_instantiate(la, &hog_module, NULL, &err);
  CHECK(a != NULL, "instantiate hog: %s", err.message);
  if (!a) return;
  w2l_linker_define_instance(lb, "hog", a);
  w2l_instance *b = w2l_linker_instantiate(lb, &hogimport_module, NULL, &err);
  CHECK(b != NULL, "instantiate hogimport: %s", err.message);
  if (b) {
    uint32_t r = 0;
    CHECK_TRAP(hogimport_mgrow(b, 10, &r), W2L_OK);
    CHECK(r == 1, "memory.grow returned %u", r);
    CHECK(w2l_quota_used(qa) == 11 * W2L_PAGE_SIZE, "owner charged %llu",
          (unsigned long long)w2l_quota_used(qa));
    CHECK(w2l_quota_used(qb) == 0, "importer charged %llu", (unsigned long long)w2l_quota_used(qb));
    CHECK_TRAP(hogimport_mgrow(b, 250, &r), W2L_OK);
    CHECK(r == UINT32_MAX, "grew past the owner's quota through an import");
    w2l_instance_free(b);
  }
  w2l_instance_free(a);
  w2l_linker_free(la);
  w2l_linker_free(lb);
  w2l_quota_free(qa);
  w2l_quota_free(qb);
}

/* Four threads grow memories under one quota at once: together they get
 * exactly the quota, never more. */
struct grabber {
  w2l_linker *l;          /* with the shared quota */
  pthread_barrier_t *all; /* waited on when done growing, and again before freeing */
  uint32_t pages;         /* pages this thread's memory reached */
};

static void *grab(void *arg) {
  struct grabber *g = arg;
  w2l_error err;
  w2l_instance *inst = w2l_linker_instantiate(g->l, &hog_module, NULL, &err);
  uint32_t r = 0;
  if (inst) {
    g->pages = 1;
    while (hog_mgrow(inst, 1, &r) == W2L_OK && r != UINT32_MAX) g->pages++;
  }
  pthread_barrier_wait(g->all);
  pthread_barrier_wait(g->all);
  w2l_instance_free(inst);
  return NULL;
}

static void test_threads(void) {
  enum { N = 4 };
  w2l_linker *l = w2l_linker_new();
  w2l_quota *q = w2l_quota_new(16 * MIB);
  w2l_linker_set_quota(l, q);
  pthread_barrier_t all;
  pthread_barrier_init(&all, NULL, N + 1);
  struct grabber g[N];
  pthread_t t[N];
  for (int i = 0; i < N; i++) {
    g[i] = (struct grabber){l, &all, 0};
    pthread_create(&t[i], NULL, grab, &g[i]);
  }
  pthread_barrier_wait(&all);
  uint64_t total = 0;
  for (int i = 0; i < N; i++) total += g[i].pages;
  CHECK(total * W2L_PAGE_SIZE == 16 * MIB, "%llu pages in all",
        (unsigned long long)total);
  CHECK(w2l_quota_used(q) == 16 * MIB, "used %llu", (unsigned long long)w2l_quota_used(q));
  pthread_barrier_wait(&all);
  for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
  pthread_barrier_destroy(&all);
  CHECK(w2l_quota_used(q) == 0, "used %llu after all freed", (unsigned long long)w2l_quota_used(q));
  w2l_linker_free(l);
  w2l_quota_free(q);
}

int main(void) {
  test_default();
  test_linker_tables();
  test_thread_quota();
  test_import_charges_owner();
  test_threads();
  return test_finish();
}
