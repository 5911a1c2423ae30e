/* runtime_simd.c - the SIMD helpers of w2l_simd.h: exact results of the portable
 * helpers on edge cases, and every x86 fast path (SSE2, SSE4.1 when compiled
 * with it) against its portable version on edge-case and pseudo-random vectors.
 * and the compiler-vector versions (constant shuffles, lane accesses) likewise.
 * Float arithmetic lanes may differ only where both are NaN (the spec leaves
 * the NaN's sign and payload open); everything else must match bit for bit. */
#define W2L_SIMD_NO_REDIRECT
#include "runtime_test.h"

static w2l_v128 v32(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  w2l_v128 r;
  uint32_t x[4] = {a, b, c, d};
  for (int i = 0; i < 16; i++) r.b[i] = (uint8_t)(x[i / 4] >> (8 * (i % 4)));
  return r;
}

static bool same(w2l_v128 a, w2l_v128 b) { return memcmp(a.b, b.b, 16) == 0; }

#define NVEC 24
static w2l_v128 vec[NVEC];

static void make_vectors(void) {
  int n = 0;
  vec[n++] = v32(0, 0, 0, 0);
  vec[n++] = v32(~0u, ~0u, ~0u, ~0u);
  vec[n++] = v32(0x80808080u, 0x80008000u, 0x80000000u, 0x7fffffffu);
  vec[n++] = v32(0x7f7f7f7fu, 0x7fff7fffu, 0x00000001u, 0xffff0001u);
  vec[n++] = v32(0x7fc00000u, 0xffc00000u, 0x7f800001u, 0x7fa00000u); /* f32 NaNs */
  vec[n++] = v32(0x80000000u, 0x00000000u, 0x7f800000u, 0xff800000u); /* -0 +0 inf -inf */
  vec[n++] = v32(0x00000001u, 0x807fffffu, 0x3fc00000u, 0xc0200000u); /* denormals 1.5 -2.5 */
  vec[n++] = v32(0x00000000u, 0x7ff80000u, 0x00000001u, 0xfff00000u); /* f64 NaN, -inf */
  vec[n++] = v32(0x00000000u, 0x80000000u, 0x00000000u, 0x3ff80000u); /* f64 -0, 1.5 */
  uint64_t s = 0x9e3779b97f4a7c15u;
  while (n < NVEC) {
    uint32_t x[4];
    for (int k = 0; k < 4; k++) {
      s = s * 6364136223846793005u + 1442695040888963407u;
      x[k] = (uint32_t)(s >> 32);
    }
    vec[n++] = v32(x[0], x[1], x[2], x[3]);
  }
}

static void portable_exact(void) {
  w2l_v128 a = w2l_i8x16_splat(200), b = w2l_i8x16_splat(100);
  CHECK(same(w2l_i8x16_add_sat_u(a, b), w2l_i8x16_splat(255)), "add_sat_u");
  CHECK(same(w2l_i8x16_add_sat_s(a, b), w2l_i8x16_splat(0x2c)), "add_sat_s: -56 + 100");
  CHECK(same(w2l_i8x16_abs(w2l_i8x16_splat(0x80)), w2l_i8x16_splat(0x80)), "abs(-128)");
  CHECK(same(w2l_i16x8_q15mulr_sat_s(w2l_i16x8_splat(0x8000), w2l_i16x8_splat(0x8000)),
             w2l_i16x8_splat(0x7fff)), "q15mulr saturates");
  CHECK(same(w2l_i32x4_shr_s(v32(0x80000000u, 1, ~0u, 0x40000000u), 33),
             v32(0xc0000000u, 0, ~0u, 0x20000000u)), "shr_s count mod 32");
  CHECK(w2l_i8x16_bitmask(v32(0x80, 0, 0, 0x80000000u)) == 0x8001, "bitmask");
  CHECK(w2l_i16x8_extract_lane_s(w2l_i16x8_splat(0xfffe), 7) == 0xfffffffeu, "extract_lane_s");
  CHECK(same(w2l_i32x4_trunc_sat_f32x4_u(v32(0xbf800000u, 0x7fc00000u, 0x4f800000u, 0x3fc00000u)),
             v32(0, 0, ~0u, 1)), "trunc_sat_f32x4_u");
  CHECK(same(w2l_i8x16_narrow_i16x8_u(w2l_i16x8_splat(0xff00), w2l_i16x8_splat(300)),
             v32(0, 0, ~0u, ~0u)), "narrow_u clamps");
  uint8_t idx[16] = {31, 0, 16, 15, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  CHECK(w2l_i8x16_shuffle(w2l_i8x16_splat(1), w2l_i8x16_splat(2), idx).b[0] == 2, "shuffle");
  CHECK(w2l_i8x16_swizzle(v32(0x04030201u, 0, 0, 0), v32(0xff100001u, 0, 0, 0)).b[0] == 2 &&
            w2l_i8x16_swizzle(v32(0x04030201u, 0, 0, 0), v32(0xff100001u, 0, 0, 0)).b[2] == 0,
        "swizzle zeroes out-of-range lanes");
  CHECK(same(w2l_i16x8_relaxed_dot_i8x16_i7x16_s(w2l_i8x16_splat(0x80), w2l_i8x16_splat(0x80)),
             w2l_i16x8_splat(0x7fff)), "relaxed dot: signed bytes, saturated pair sums");
  CHECK(same(w2l_i32x4_relaxed_dot_i8x16_i7x16_add_s(w2l_i8x16_splat(0x80), w2l_i8x16_splat(0x80),
                                                     w2l_i32x4_splat(1)),
             w2l_i32x4_splat(65535)), "relaxed dot add: 32767 + 32767 + 1");
}

#if W2L_SIMD_SSE2
/* Lane-wise equal, NaN lanes of lane width w (4 or 8) matching any NaN. */
static bool same_nan(w2l_v128 a, w2l_v128 b, unsigned w) {
  for (unsigned i = 0; i < 16 / w; i++) {
    uint64_t x = w2l_v_get(&a, i, w), y = w2l_v_get(&b, i, w);
    uint64_t exp = w == 4 ? 0x7f800000u : 0x7ff0000000000000u;
    uint64_t man = w == 4 ? 0x007fffffu : 0x000fffffffffffffu;
    bool xn = (x & exp) == exp && (x & man), yn = (y & exp) == exp && (y & man);
    if (xn != yn || (!xn && x != y)) return false;
  }
  return true;
}

#define BIN_EXACT(X)                                                                   \
  X(v128_and) X(v128_or) X(v128_xor) X(v128_andnot) X(i8x16_add) X(i16x8_add)          \
  X(i32x4_add) X(i64x2_add) X(i8x16_sub) X(i16x8_sub) X(i32x4_sub) X(i64x2_sub)         \
  X(i8x16_add_sat_s) X(i8x16_add_sat_u) X(i8x16_sub_sat_s) X(i8x16_sub_sat_u)          \
  X(i16x8_add_sat_s) X(i16x8_add_sat_u) X(i16x8_sub_sat_s) X(i16x8_sub_sat_u)          \
  X(i16x8_mul) X(i8x16_avgr_u) X(i16x8_avgr_u) X(i8x16_min_u) X(i8x16_max_u)           \
  X(i16x8_min_s) X(i16x8_max_s) X(i8x16_eq) X(i16x8_eq) X(i32x4_eq) X(i8x16_gt_s)       \
  X(i16x8_gt_s) X(i32x4_gt_s) X(i8x16_lt_s) X(i16x8_lt_s) X(i32x4_lt_s)                 \
  X(i32x4_dot_i16x8_s) X(i8x16_narrow_i16x8_s) X(i8x16_narrow_i16x8_u)                 \
  X(i16x8_narrow_i32x4_s) X(f32x4_pmin) X(f32x4_pmax) X(f64x2_pmin) X(f64x2_pmax)       \
  X(f32x4_eq) X(f32x4_ne) X(f32x4_lt) X(f32x4_le) X(f32x4_gt) X(f32x4_ge) X(f64x2_eq)   \
  X(f64x2_ne) X(f64x2_lt) X(f64x2_le) X(f64x2_gt) X(f64x2_ge) X(i8x16_gt_u) X(i8x16_lt_u)    \
  X(i16x8_gt_u) X(i16x8_lt_u) X(i32x4_gt_u) X(i32x4_lt_u) X(i32x4_min_u) X(i32x4_max_u)   \
  X(i32x4_min_s) X(i32x4_max_s) X(i32x4_mul) X(i16x8_narrow_i32x4_u)                  \
  X(i16x8_relaxed_dot_i8x16_i7x16_s)
#define BIN_F32(X) X(f32x4_add) X(f32x4_sub) X(f32x4_mul) X(f32x4_div)
#define BIN_F64(X) X(f64x2_add) X(f64x2_sub) X(f64x2_mul) X(f64x2_div)
#define SHIFTS(X)                                                                      \
  X(i16x8_shl) X(i32x4_shl) X(i64x2_shl) X(i16x8_shr_u) X(i32x4_shr_u) X(i64x2_shr_u)   \
  X(i16x8_shr_s) X(i32x4_shr_s)
#if defined(__SSE4_1__)
#define BIN_SSE41(X)                                                                   \
  X(i32x4_mul_sse41) X(i8x16_min_s) X(i8x16_max_s) X(i16x8_min_u) X(i16x8_max_u)        \
  X(i32x4_min_s_sse41) X(i32x4_max_s_sse41) X(i32x4_min_u_sse41) X(i32x4_max_u_sse41)  \
  X(i64x2_eq) X(i16x8_narrow_i32x4_u_sse41)
#else
#define BIN_SSE41(X)
#endif

#define TRY_BIN(name, eq)                                                              \
  {                                                                                    \
    int bad = 0;                                                                       \
    for (int i = 0; i < NVEC; i++)                                                     \
      for (int j = 0; j < NVEC; j++)                                                   \
        bad += !eq(w2l_sse_##name(vec[i], vec[j]), PORTABLE(name)(vec[i], vec[j]));    \
    CHECK(bad == 0, "%s: %d of %d pairs differ from the portable version", #name, bad, \
          NVEC * NVEC);                                                                \
  }
/* The portable helper of a fast path: w2l_NAME, or w2l_X for NAME = X_sse41. */
#define PORTABLE(name) w2l_##name
#define w2l_i32x4_mul_sse41 w2l_i32x4_mul
#define w2l_i32x4_min_s_sse41 w2l_i32x4_min_s
#define w2l_i32x4_max_s_sse41 w2l_i32x4_max_s
#define w2l_i32x4_min_u_sse41 w2l_i32x4_min_u
#define w2l_i32x4_max_u_sse41 w2l_i32x4_max_u
#define w2l_i16x8_narrow_i32x4_u_sse41 w2l_i16x8_narrow_i32x4_u
#define EQ_EXACT(a, b) same(a, b)
#define EQ_F32(a, b) same_nan(a, b, 4)
#define EQ_F64(a, b) same_nan(a, b, 8)
#define X_EXACT(name) TRY_BIN(name, EQ_EXACT)
#define X_F32(name) TRY_BIN(name, EQ_F32)
#define X_F64(name) TRY_BIN(name, EQ_F64)
#define X_SHIFT(name)                                                                  \
  {                                                                                    \
    int bad = 0;                                                                       \
    for (int i = 0; i < NVEC; i++)                                                     \
      for (uint32_t n = 0; n < 70; n += 3)                                             \
        bad += !same(w2l_sse_##name(vec[i], n), w2l_##name(vec[i], n));                \
    CHECK(bad == 0, "%s: %d cases differ", #name, bad);                                \
  }

static void fast_paths(void) {
  BIN_EXACT(X_EXACT)
  BIN_F32(X_F32)
  BIN_F64(X_F64)
  BIN_SSE41(X_EXACT)
  SHIFTS(X_SHIFT)
  int bad = 0;
  for (int i = 0; i < NVEC; i++) {
    bad += !same(w2l_sse_v128_not(vec[i]), w2l_v128_not(vec[i]));
    bad += w2l_sse_i8x16_bitmask(vec[i]) != w2l_i8x16_bitmask(vec[i]);
    bad += w2l_sse_v128_any_true(vec[i]) != w2l_v128_any_true(vec[i]);
    bad += !same_nan(w2l_sse_f32x4_sqrt(vec[i]), w2l_f32x4_sqrt(vec[i]), 4);
    bad += !same_nan(w2l_sse_f64x2_sqrt(vec[i]), w2l_f64x2_sqrt(vec[i]), 8);
    uint32_t x = (uint32_t)w2l_v_get(&vec[i], 0, 4);
    bad += !same(w2l_sse_i32x4_splat(x), w2l_i32x4_splat(x));
    bad += !same(w2l_sse_f32x4_splat(w2l_v_getf32(&vec[i], 1)), w2l_f32x4_splat(w2l_v_getf32(&vec[i], 1)));
    bad += !same(w2l_sse_f64x2_splat(w2l_v_getf64(&vec[i], 1)), w2l_f64x2_splat(w2l_v_getf64(&vec[i], 1)));
    bad += !same(w2l_sse_load_v128_8x8_s(vec[i].b, 16, 3), w2l_load_v128_8x8_s(vec[i].b, 16, 3));
    bad += !same(w2l_sse_load_v128_8x8_u(vec[i].b, 16, 3), w2l_load_v128_8x8_u(vec[i].b, 16, 3));
    bad += !same(w2l_sse_load_v128_16x4_s(vec[i].b, 16, 8), w2l_load_v128_16x4_s(vec[i].b, 16, 8));
    bad += !same(w2l_sse_load_v128_16x4_u(vec[i].b, 16, 1), w2l_load_v128_16x4_u(vec[i].b, 16, 1));
    bad += !same(w2l_sse_load_v128_32x2_u(vec[i].b, 16, 5), w2l_load_v128_32x2_u(vec[i].b, 16, 5));
    bad += !same(w2l_sse_load_v128_64_zero(vec[i].b, 16, 7), w2l_load_v128_64_zero(vec[i].b, 16, 7));
    bad += !same(w2l_sse_load_v128_32_zero(vec[i].b, 16, 9), w2l_load_v128_32_zero(vec[i].b, 16, 9));
#if defined(__SSSE3__)
    static const uint8_t idx[16] = {31, 0, 16, 15, 17, 2, 30, 1, 5, 20, 9, 9, 27, 3, 14, 16};
    bad += !same(w2l_sse_i8x16_shuffle(vec[i], vec[(i + 1) % NVEC], idx),
                 w2l_i8x16_shuffle(vec[i], vec[(i + 1) % NVEC], idx));
    bad += !same(w2l_sse_i8x16_swizzle(vec[i], vec[(i + 1) % NVEC]),
                 w2l_i8x16_swizzle(vec[i], vec[(i + 1) % NVEC]));
#endif
    for (int j = 0; j < NVEC; j++) {
      w2l_v128 b = vec[j], c = vec[(i + j) % NVEC];
      bad += !same(w2l_sse_i32x4_relaxed_dot_i8x16_i7x16_add_s(vec[i], b, c),
                   w2l_i32x4_relaxed_dot_i8x16_i7x16_add_s(vec[i], b, c));
    }
  }
  CHECK(bad == 0, "unary and ternary fast paths: %d cases differ", bad);
}
#else
static void fast_paths(void) {}
#endif

#if defined(W2L_SIMD_VECTOR)
/* The translator's shuffle forms (w2l_shuffleN, constant lane indices): the
 * compiler-shuffle versions against the portable ones on every vector pair. */
#define SHUF_CASES(X, a, b)                                                                \
  X(64, a, b, 1, 0) X(64, a, b, 3, 0) X(64, a, b, 2, 1)                                    \
  X(32, a, b, 2, 3, 0, 0) X(32, a, b, 0, 4, 1, 5) X(32, a, b, 7, 6, 5, 4)                  \
  X(16, a, b, 0, 8, 1, 9, 2, 10, 3, 11) X(16, a, b, 15, 0, 14, 1, 13, 2, 12, 3)             \
  X(8, a, b, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0)                               \
  X(8, a, b, 16, 1, 2, 3, 17, 5, 6, 7, 18, 9, 10, 11, 19, 13, 14, 15)                      \
  X(8, a, b, 31, 0, 16, 15, 17, 2, 30, 1, 5, 20, 9, 9, 27, 3, 14, 16)                      \
  X(8, a, b, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
#define SHUF_TRY(n, a, b, ...) bad += !same(w2l_vec_shuffle##n(a, b, __VA_ARGS__), \
                                            w2l_v_shuffle##n(a, b, __VA_ARGS__));
static void shuffles(void) {
  int bad = 0;
  for (int i = 0; i < NVEC; i++)
    for (int j = 0; j < NVEC; j += 5) { SHUF_CASES(SHUF_TRY, vec[i], vec[j]) }
  CHECK(bad == 0, "constant shuffles: %d cases differ from the portable version", bad);
  for (int i = 0; i < NVEC; i++) {
    w2l_v128 v = vec[i], w = vec[(i + 7) % NVEC];
    uint32_t x = (uint32_t)w2l_v_get(&w, 1, 4);
    uint64_t y = w2l_v_get(&w, 1, 8);
    bad += !same(w2l_vec_i8x16_splat(x), w2l_i8x16_splat(x));
    bad += !same(w2l_vec_i16x8_splat(x), w2l_i16x8_splat(x));
    bad += !same(w2l_vec_i32x4_splat(x), w2l_i32x4_splat(x));
    bad += !same(w2l_vec_i64x2_splat(y), w2l_i64x2_splat(y));
    for (unsigned k = 0; k < 16; k++) {
      bad += w2l_vec_i8x16_extract_lane_s(v, k) != w2l_i8x16_extract_lane_s(v, k);
      bad += w2l_vec_i8x16_extract_lane_u(v, k) != w2l_i8x16_extract_lane_u(v, k);
      bad += !same(w2l_vec_i8x16_replace_lane(v, x, k), w2l_i8x16_replace_lane(v, x, k));
    }
    for (unsigned k = 0; k < 8; k++) {
      bad += w2l_vec_i16x8_extract_lane_s(v, k) != w2l_i16x8_extract_lane_s(v, k);
      bad += w2l_vec_i16x8_extract_lane_u(v, k) != w2l_i16x8_extract_lane_u(v, k);
      bad += !same(w2l_vec_i16x8_replace_lane(v, x, k), w2l_i16x8_replace_lane(v, x, k));
    }
    for (unsigned k = 0; k < 4; k++) {
      bad += w2l_vec_i32x4_extract_lane(v, k) != w2l_i32x4_extract_lane(v, k);
      bad += !same(w2l_vec_i32x4_replace_lane(v, x, k), w2l_i32x4_replace_lane(v, x, k));
    }
    for (unsigned k = 0; k < 2; k++) {
      bad += w2l_vec_i64x2_extract_lane(v, k) != w2l_i64x2_extract_lane(v, k);
      bad += !same(w2l_vec_i64x2_replace_lane(v, y, k), w2l_i64x2_replace_lane(v, y, k));
    }
  }
  CHECK(bad == 0, "vector lane accesses: %d cases differ from the portable version", bad);
#if defined(__x86_64__) && !defined(__SSSE3__)
  /* the fallback of CPUs without SSSE3 */
  static const uint8_t idx[16] = {31, 0, 16, 15, 17, 2, 30, 1, 5, 20, 9, 9, 27, 3, 14, 16};
  __m128i ia = _mm_setr_epi8(-128, 0, -128, 15, -128, 2, -128, 1, 5, -128, 9, 9, -128, 3, 14,
                             -128);
  __m128i ib = _mm_setr_epi8(15, -128, 0, -128, 1, -128, 14, -128, -128, 4, -128, -128, 11, -128,
                             -128, 0);
  for (int i = 0; i < NVEC; i++)
    bad += !same(w2l_sse_out(w2l_vec_shuffle8_slow(w2l_sse_in(vec[i]), w2l_sse_in(vec[3]), ia, ib)),
                 w2l_i8x16_shuffle(vec[i], vec[3], idx));
  CHECK(bad == 0, "shuffle without SSSE3: %d cases differ", bad);
#endif
}
#else
static void shuffles(void) {}
#endif

int main(void) {
  make_vectors();
  portable_exact();
  fast_paths();
  shuffles();
  return test_finish();
}
