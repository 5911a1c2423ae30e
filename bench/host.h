/* host.h - what the three benchmark hosts share: the timer, the argument and the output line. */
#ifndef BENCH_HOST_H
#define BENCH_HOST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Monotonic seconds. */
static inline double host_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The kernel's reps argument: argv[1], or 0 (full size). */
static inline uint32_t host_reps(int argc, char **argv) {
  return argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 0;
}

/* The one output line run-bench.sh reads: "CHECKSUM SECONDS". */
static inline void host_report(uint64_t sum, double seconds) {
  printf("%016llx %.4f\n", (unsigned long long)sum, seconds);
}

#endif
