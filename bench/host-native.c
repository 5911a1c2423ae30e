/* host-native.c - runs a kernel compiled natively: `prog [REPS]` prints
 * "CHECKSUM CPU WALL" (seconds of the run() call alone). */
#define _POSIX_C_SOURCE 200809L
#include "host.h"
#ifdef __GLIBC__
#include <malloc.h>
#endif

uint64_t run(uint32_t reps);

int main(int argc, char **argv) {
  uint32_t reps = host_reps(argc, argv);
#ifdef __GLIBC__
  /* Memory freed by the programs/ stays in the process, as in a wasm linear
   * memory (which only grows): by default glibc serves large blocks with mmap
   * and returns them to the kernel, and json's native time was then ~20%
   * page faults that no wasm variant pays (measured December 2026). */
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  struct host_time t0 = host_now();
  uint64_t sum = run(reps);
  host_report(sum, t0, host_now());
  return 0;
}
