/* host.c - times kernel.wat's loops (wasm2c-lite) or native.c's (-DNATIVE):
 * a throw every iteration, every 64th, never, and the loop without a
 * try_table; prints the sums and the seconds of each. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef NATIVE
#include <stdint.h>
uint64_t native_run(uint32_t n, uint32_t period);
uint64_t native_plain(uint32_t n);
#else
#include "kernel.h"
#include "w2l.h"
#endif

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 10000000u;
  static const uint32_t periods[3] = {1, 64, 0};
  uint64_t r[4];
  double s[4];
#ifndef NATIVE
  w2l_error err;
  w2l_instance *inst = kernel_instantiate(NULL, &err);
  if (!inst) return fprintf(stderr, "kernel: %s\n", err.message), 1;
#endif
  for (int k = 0; k < 4; k++) {
    double t0 = now();
#ifdef NATIVE
    r[k] = k < 3 ? native_run(n, periods[k]) : native_plain(n);
#else
    if ((k < 3 ? kernel_run(inst, n, periods[k], &r[k]) : kernel_plain(inst, n, &r[k])) != W2L_OK)
      return fprintf(stderr, "kernel trapped\n"), 1;
#endif
    s[k] = now() - t0;
  }
#ifndef NATIVE
  w2l_instance_free(inst);
#endif
  printf("every=%llu rare=%llu never=%llu plain=%llu seconds=%.4f %.4f %.4f %.4f\n",
         (unsigned long long)r[0], (unsigned long long)r[1], (unsigned long long)r[2],
         (unsigned long long)r[3], s[0], s[1], s[2], s[3]);
  return 0;
}
