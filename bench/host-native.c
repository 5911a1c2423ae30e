/* host-native.c - runs a kernel compiled natively: `prog [REPS]` prints
 * "CHECKSUM CPU WALL" (seconds of the run() call alone). */
#define _POSIX_C_SOURCE 200809L
#include "host.h"

uint64_t run(uint32_t reps);

int main(int argc, char **argv) {
  uint32_t reps = host_reps(argc, argv);
  struct host_time t0 = host_now();
  uint64_t sum = run(reps);
  host_report(sum, t0, host_now());
  return 0;
}
