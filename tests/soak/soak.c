/* soak.c - `make soak`: CYCLES load/instantiate/trap/free cycles of hostile
 * plugins across THREADS threads, then checks that resident memory, open
 * file descriptors and mappings are back where they were after a warm-up.
 *
 *   soak [CYCLES [THREADS]]     (defaults 10000 and 4)
 *
 * Each cycle: instantiate hostile.wat, give it fuel, run one of its
 * misbehaving exports (out-of-bounds, runaway recursion, endless loop,
 * null call_indirect, 2 MiB grab then trap), check the trap, free it; every
 * fourth cycle also tries starttrap.wat (its start grabs 1 MiB and traps). */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "hostile.h"
#include "starttrap.h"
#include "w2l.h"

static long cycles_per_thread;
static _Atomic long failures;

static long long rss_kib(void) {
  long long pages = 0, resident = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f) return -1;
  if (fscanf(f, "%lld %lld", &pages, &resident) != 2) resident = -1;
  fclose(f);
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static long count_lines(const char *path) {
  long n = 0;
  int c;
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  while ((c = fgetc(f)) != EOF) n += c == '\n';
  fclose(f);
  return n;
}

static long count_fds(void) {
  long n = 0;
  DIR *d = opendir("/proc/self/fd");
  if (!d) return -1;
  while (readdir(d)) n++;
  closedir(d);
  return n;
}

static void fail(const char *what, w2l_trap got) {
  failures++;
  fprintf(stderr, "soak: %s: %s\n", what, w2l_trap_message(got));
}

static void cycle(long k) {
  static const struct {
    w2l_trap (*run)(w2l_instance *);
    w2l_trap want;
    const char *name;
  } cases[] = {
      {hostile_oob, W2L_TRAP_OOB_MEMORY, "oob"},
      {hostile_deep, W2L_TRAP_STACK_EXHAUSTED, "deep"},
      {hostile_spin, W2L_TRAP_OUT_OF_FUEL, "spin"},
      {hostile_badcall, W2L_TRAP_UNINITIALIZED_ELEMENT, "badcall"},
      {hostile_hog, W2L_TRAP_UNREACHABLE, "hog"},
  };
  w2l_error err;
  w2l_instance *inst = hostile_instantiate(NULL, &err);
  if (!inst) {
    fail("instantiate", err.trap);
    return;
  }
  size_t c = (size_t)k % (sizeof cases / sizeof cases[0]);
  /* Fuel stops spin; the others trap first on their own. */
  w2l_instance_set_fuel(inst, cases[c].want == W2L_TRAP_OUT_OF_FUEL ? 100000 : UINT64_MAX);
  w2l_trap t = cases[c].run(inst);
  if (t != cases[c].want) fail(cases[c].name, t);
  w2l_instance_free(inst);
  if (k % 4 == 0) {
    if (starttrap_instantiate(NULL, &err) != NULL) fail("starttrap instantiated", W2L_OK);
    else if (err.trap != W2L_TRAP_UNREACHABLE) fail("starttrap", err.trap);
  }
}

static void *worker(void *arg) {
  (void)arg;
  for (long k = 0; k < cycles_per_thread; k++) cycle(k);
  return NULL;
}

static void run_threads(int threads) {
  pthread_t t[64];
  for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
}

int main(int argc, char **argv) {
  long cycles = argc > 1 ? atol(argv[1]) : 10000;
  int threads = argc > 2 ? atoi(argv[2]) : 4;
  if (threads < 1 || threads > 64 || cycles < threads) {
    fprintf(stderr, "usage: soak [CYCLES [THREADS (1-64)]]\n");
    return 2;
  }
  /* Warm-up: threads, signal stacks and allocator arenas come and stay. */
  cycles_per_thread = 20;
  run_threads(threads);
  long long rss0 = rss_kib();
  long maps0 = count_lines("/proc/self/maps"), fds0 = count_fds();
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  cycles_per_thread = cycles / threads;
  run_threads(threads);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long rss = rss_kib();
  long maps = count_lines("/proc/self/maps"), fds = count_fds();
  printf("soak (W2L_BOUNDS=%d): %ld cycles on %d threads in %.1f s, %ld failures\n", W2L_BOUNDS,
         cycles_per_thread * threads, threads,
         (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9, (long)failures);
  printf("  RSS %lld -> %lld KiB (%+lld), mappings %ld -> %ld, fds %ld -> %ld\n", rss0, rss,
         rss - rss0, maps0, maps, fds0, fds);
  /* Threads of the warm-up are gone and new ones came: allow a little slack
   * for allocator arenas, none for mappings or descriptors to pile up. */
  bool ok = failures == 0 && rss - rss0 < 32 * 1024 && maps - maps0 <= 8 && fds == fds0;
  printf("%s\n", ok ? "soak: ok" : "soak: FAILED");
  return ok ? 0 : 1;
}
