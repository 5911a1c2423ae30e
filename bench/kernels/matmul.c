/* matmul.c - dense float math: repeated 256x256 double matrix products. */
#include "bench.h"

#define N 256
static double a[N][N], b[N][N], c[N][N];

/* c = a * b, row by row (i-k-j order: the inner loop is a unit-stride axpy). */
static void multiply(void) {
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) c[i][j] = 0.0;
    for (int k = 0; k < N; k++) {
      double aik = a[i][k];
      for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
    }
  }
}

BENCH_ENTRY(matmul) {
  uint32_t n = BENCH_REPS(320);
  uint64_t seed = 42, h = BENCH_MIX_INIT;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (double)(bench_rand(&seed) % 2001) / 1000.0 - 1.0;
      b[i][j] = (double)(bench_rand(&seed) % 2001) / 1000.0 - 1.0;
    }
  for (uint32_t r = 0; r < n; r++) {
    multiply();
    h = bench_mix(h, bench_f64_bits(c[r % N][(r * 7) % N]));
    /* Feed the result back so no product can be skipped. */
    a[(r * 3) % N][(r * 5) % N] = c[r % N][(r * 11) % N] * 0.001;
  }
  double sum = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) sum += c[i][j];
  return bench_mix(h, bench_f64_bits(sum));
}
