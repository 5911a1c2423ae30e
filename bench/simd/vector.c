/* vector.c - the SIMD benchmark kernel: loops that clang vectorizes for wasm32
 * with -msimd128 (and gcc natively with SSE2): a float axpy, a saturating byte
 * blend, a 16-bit dot product and a byte histogram of compares.  Plain C, so
 * the same file also builds as scalar wasm for comparison (bench/simd.sh). */
#include "bench.h"

#define N 16384
static float xs[N], ys[N];
static uint8_t pa[4 * N], pb[4 * N], pc[4 * N];
static int16_t sa[N], sb[N];

static uint32_t f32_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

BENCH_ENTRY(vector) {
  uint32_t n = BENCH_REPS(6000);
  uint64_t seed = 0x5eed, h = BENCH_MIX_INIT;
  for (int i = 0; i < N; i++) {
    uint64_t r = bench_rand(&seed);
    xs[i] = (float)(int32_t)(r & 0xffff) / 4096.0f;
    ys[i] = (float)(int32_t)((r >> 16) & 0xffff) / 8192.0f;
    sa[i] = (int16_t)(r >> 32);
    sb[i] = (int16_t)(r >> 48);
  }
  for (int i = 0; i < 4 * N; i++) {
    uint64_t r = bench_rand(&seed);
    pa[i] = (uint8_t)r;
    pb[i] = (uint8_t)(r >> 8);
  }
  for (uint32_t rep = 0; rep < n; rep++) {
    float a = 0.5f + (float)(rep & 7) * 0.125f;
    for (int i = 0; i < N; i++) ys[i] = a * xs[i] + ys[i] * 0.5f;
    for (int i = 0; i < 4 * N; i++) {
      unsigned s = (unsigned)pa[i] + pb[(i + rep) & (4 * N - 1)];
      pc[i] = (uint8_t)(s > 255 ? 255 : s);
    }
    int32_t dot = 0;
    for (int i = 0; i < N; i++) dot += (int32_t)sa[i] * sb[i];
    int32_t big = 0;
    for (int i = 0; i < 4 * N; i++) big += pc[i] > 200;
    h = bench_mix(h, (uint64_t)(uint32_t)dot ^ (uint64_t)(uint32_t)big << 32);
    pa[rep & (4 * N - 1)] ^= (uint8_t)dot;
  }
  for (int i = 0; i < N; i += 97) h = bench_mix(h, f32_bits(ys[i]));
  for (int i = 0; i < 4 * N; i += 89) h = bench_mix(h, pc[i]);
  return h;
}
