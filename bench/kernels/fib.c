/* fib.c - recursion: naive doubly recursive Fibonacci numbers. */
#include "bench.h"

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

BENCH_ENTRY(fib) {
  uint32_t n = BENCH_REPS(40);
  uint64_t h = BENCH_MIX_INIT;
  for (uint32_t r = 0; r < n; r++) h = bench_mix(h, fib((reps ? 20 : 35) + r % 4));
  return h;
}
