/* host-native.c - reduce.c natively: fill, then for 1 and 2 threads run the
 * slices on pthreads and print the wall time and the total. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

uint32_t reduce_size(void);
void reduce_fill(void);
uint64_t reduce_slice(uint32_t begin, uint32_t end, uint32_t reps);
uint64_t reduce_total(void);
void reduce_reset(void);

struct slice {
  uint32_t begin, end, reps; /* what one thread sums */
  pthread_t os;              /* its thread */
};

static void *run(void *arg) {
  struct slice *s = arg;
  reduce_slice(s->begin, s->end, s->reps);
  return NULL;
}

int main(int argc, char **argv) {
  uint32_t reps = argc > 1 ? (uint32_t)atoi(argv[1]) : 8, n = reduce_size();
  reduce_fill();
  for (int threads = 1; threads <= 2; threads++) {
    struct slice s[2];
    struct timespec a, b;
    reduce_reset();
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < threads; i++) {
      s[i] = (struct slice){n / threads * i, i == threads - 1 ? n : n / threads * (i + 1), reps, 0};
      if (pthread_create(&s[i].os, NULL, run, &s[i]) != 0) return 1;
    }
    for (int i = 0; i < threads; i++) pthread_join(s[i].os, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("threads=%d seconds=%.3f total=%llu\n", threads,
           (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9,
           (unsigned long long)reduce_total());
  }
  return 0;
}
