/* runtime_test.h - a tiny harness for the runtime's unit tests.  Each CHECK is
 * one case; failures print "FAIL file:line: what" (the suite driver shows those);
 * test_finish() prints "N passed, N failed" and gives the exit status. */
#ifndef RUNTIME_TEST_H
#define RUNTIME_TEST_H
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "w2l.h"

static int test_passed, test_failed;

#define CHECK(cond, ...)                                                           \
  do {                                                                             \
    if (cond) {                                                                    \
      test_passed++;                                                               \
    } else {                                                                       \
      test_failed++;                                                               \
      printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                       \
      printf(__VA_ARGS__);                                                         \
      printf("\n");                                                                \
    }                                                                              \
  } while (0)

#define CHECK_TRAP(got, want)                                                      \
  CHECK((got) == (want), "trap \"%s\", expected \"%s\"", w2l_trap_message(got),     \
        w2l_trap_message(want))

#define CHECK_STR(got, want) CHECK(strcmp((got), (want)) == 0, "got \"%s\"\n     expected \"%s\"", (got), (want))

/* Resident bytes of the process (-1: unknown; Linux /proc). */
static inline long long test_rss_bytes(void) {
  long long pages = 0, resident = -1;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f) return -1;
  if (fscanf(f, "%lld %lld", &pages, &resident) != 2) resident = -1;
  fclose(f);
  return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

/* Mappings of the process: lines of /proc/self/maps (-1: unknown). */
static inline long test_map_count(void) {
  long n = 0;
  int c;
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f) return -1;
  while ((c = fgetc(f)) != EOF) n += c == '\n';
  fclose(f);
  return n;
}

static inline int test_finish(void) {
  printf("%d passed, %d failed\n", test_passed, test_failed);
  return test_failed != 0;
}
#endif
