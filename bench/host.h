/* host.h - what the three benchmark hosts share: the timer, the argument and the output line. */
#ifndef BENCH_HOST_H
#define BENCH_HOST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* A point in time: CPU seconds of this process (user + system) and wall seconds.
 * The benchmark reports CPU time: on a shared machine it does not count the
 * time the kernel waited for a core (cache and memory contention still show). */
struct host_time {
  double cpu;  /* CLOCK_PROCESS_CPUTIME_ID */
  double wall; /* CLOCK_MONOTONIC */
};

static inline struct host_time host_now(void) {
  struct timespec c, w;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
  clock_gettime(CLOCK_MONOTONIC, &w);
  return (struct host_time){(double)c.tv_sec + (double)c.tv_nsec * 1e-9,
                            (double)w.tv_sec + (double)w.tv_nsec * 1e-9};
}

/* The kernel's reps argument: argv[1], or 0 (full size). */
static inline uint32_t host_reps(int argc, char **argv) {
  return argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 0;
}

/* The one output line run-bench.sh reads: "CHECKSUM CPU_SECONDS WALL_SECONDS"
 * for the interval from t0 to t1. */
static inline void host_report(uint64_t sum, struct host_time t0, struct host_time t1) {
  printf("%016llx %.4f %.4f\n", (unsigned long long)sum, t1.cpu - t0.cpu, t1.wall - t0.wall);
}

#endif
