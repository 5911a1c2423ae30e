/* stencil.c - memory-bound: 5-point Jacobi sweeps over two 2048x2048 double grids (64 MiB). */
#include "bench.h"

#define N 2048
static double grid_a[N][N], grid_b[N][N];

static void sweep(double (*dst)[N], double (*src)[N], int n) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      dst[i][j] = 0.25 * (src[i - 1][j] + src[i + 1][j] + src[i][j - 1] + src[i][j + 1]);
}

BENCH_ENTRY(stencil) {
  uint32_t n = BENCH_REPS(200);
  int size = reps ? 256 : N;
  uint64_t h = BENCH_MIX_INIT;
  for (int i = 0; i < size; i++)
    for (int j = 0; j < size; j++) {
      /* Hot left edge, cold elsewhere; the boundary stays fixed. */
      grid_a[i][j] = grid_b[i][j] = (j == 0) ? 100.0 : (i == 0 ? 50.0 : 0.0);
    }
  for (uint32_t r = 0; r < n; r++) {
    if (r & 1) sweep(grid_a, grid_b, size);
    else sweep(grid_b, grid_a, size);
  }
  double (*last)[N] = (n & 1) ? grid_b : grid_a;
  double sum = 0.0;
  for (int i = 0; i < size; i++) sum += last[i][size / 2] + last[size / 2][i];
  h = bench_mix(h, bench_f64_bits(sum));
  return bench_mix(h, bench_f64_bits(last[size / 3][5]));
}
