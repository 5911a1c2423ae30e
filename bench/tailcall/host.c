/* host.c - times machine.wat's "direct" and "indirect" machines (wasm2c-lite)
 * or native.c's loops (-DNATIVE) over N steps; prints the results and seconds. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef NATIVE
#include <stdint.h>
uint64_t native_direct(uint32_t n);
uint64_t native_indirect(uint32_t n);
#else
#include "machine.h"
#include "w2l.h"
#endif

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 100000000u;
  uint64_t r[2];
  double s[2];
#ifdef NATIVE
  double t0 = now();
  r[0] = native_direct(n);
  s[0] = now() - t0;
  t0 = now();
  r[1] = native_indirect(n);
  s[1] = now() - t0;
#else
  w2l_error err;
  w2l_instance *inst = machine_instantiate(NULL, &err);
  if (!inst) return fprintf(stderr, "machine: %s\n", err.message), 1;
  double t0 = now();
  if (machine_direct(inst, n, &r[0]) != W2L_OK) return 1;
  s[0] = now() - t0;
  t0 = now();
  if (machine_indirect(inst, n, &r[1]) != W2L_OK) return 1;
  s[1] = now() - t0;
  w2l_instance_free(inst);
#endif
  printf("direct=%llu indirect=%llu seconds=%.4f %.4f\n", (unsigned long long)r[0],
         (unsigned long long)r[1], s[0], s[1]);
  return 0;
}
