/* w2l_simd.h - the v128 type and the SIMD helpers of emitted code (included by w2l.h).
 *
 * w2l_v128 is a plain C value (a struct of 16 bytes): it can be assigned,
 * passed, returned and kept in w2l_value.  Its bytes are the vector in wasm's
 * order, little-endian: lane i of an NxM shape is bytes [i*M/8, (i+1)*M/8),
 * least significant byte first, on any host.  So a v128 stored to linear
 * memory is a plain 16-byte copy.
 *
 * Every instruction has one static inline helper named after it, w2l_ + the
 * text name with '.' -> '_' (i32x4.add is w2l_i32x4_add); opcodes.def's C
 * column calls them.  Lane immediates are plain unsigned arguments, validated
 * by the translator.  The portable versions below are exact on any C11
 * compiler (unsigned arithmetic, no shifts of negative values, no signed
 * overflow).  Where the host has SSE2 / SSE4.1 (x86-64) and W2L_SIMD_PORTABLE
 * is not defined, the common operations become single host instructions
 * (section "fast paths" at the end); the results are the same bit for bit
 * except where the spec leaves a NaN's sign and payload open.  With clang or
 * gcc >= 12 (W2L_SIMD_VECTOR), i8x16.shuffle (w2l_shuffleN, written by the
 * translator with constant lane indices) and the lane accesses use the
 * compiler's vector extensions, on any target.
 *
 * NaN results follow w2l_numeric.h: arithmetic lanes produce a quiet NaN
 * (canonical when every NaN operand was canonical), min/max/pmin/pmax, abs,
 * neg and the lane moves keep bits as the spec says.
 *
 * Configuration: define W2L_SIMD_PORTABLE before including w2l.h to force the
 * portable code everywhere.  (W2L_SIMD_NO_REDIRECT keeps every version callable
 * under its own name, w2l_NAME, w2l_sse_NAME and w2l_vec_NAME: for tests.)
 */
#ifndef W2L_SIMD_H
#define W2L_SIMD_H

#include <stdint.h>
#include <string.h>

/* w2l_v128 itself is defined in w2l.h (w2l_value holds one). */

/* The all-zero vector, e.g. to initialize locals. */
#define W2L_V128_ZERO ((w2l_v128){{0}})
/* The same as a function, for this header's own inline functions: C++
 * (which has no compound literals) includes them too. */
static inline w2l_v128 w2l_v128_zero(void) {
  w2l_v128 z;
  memset(&z, 0, sizeof z);
  return z;
}

#if !defined(W2L_SIMD_PORTABLE) && defined(__SSE2__) && defined(__x86_64__)
#define W2L_SIMD_SSE2 1
#include <emmintrin.h>
#if defined(__SSE4_1__)
#include <smmintrin.h>
#endif
#else
#define W2L_SIMD_SSE2 0
#endif

/* ===================================================================== */
/* Lane access (portable, host byte order independent)                   */
/* ===================================================================== */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* A little-endian host keeps lanes in its own byte order: one copy per lane. */
static inline uint64_t w2l_v_get(const w2l_v128 *v, unsigned i, unsigned bytes) {
  uint64_t x = 0;
  memcpy(&x, v->b + i * bytes, bytes);
  return x;
}
static inline void w2l_v_set(w2l_v128 *v, unsigned i, unsigned bytes, uint64_t x) {
  memcpy(v->b + i * bytes, &x, bytes);
}
#else
static inline uint64_t w2l_v_get(const w2l_v128 *v, unsigned i, unsigned bytes) {
  uint64_t x = 0;
  for (unsigned k = bytes; k-- > 0;) x = x << 8 | v->b[i * bytes + k];
  return x;
}
static inline void w2l_v_set(w2l_v128 *v, unsigned i, unsigned bytes, uint64_t x) {
  for (unsigned k = 0; k < bytes; k++) v->b[i * bytes + k] = (uint8_t)(x >> (8 * k));
}
#endif
static inline float w2l_v_getf32(const w2l_v128 *v, unsigned i) {
  return w2l_f32_reinterpret_i32((uint32_t)w2l_v_get(v, i, 4));
}
static inline double w2l_v_getf64(const w2l_v128 *v, unsigned i) {
  return w2l_f64_reinterpret_i64(w2l_v_get(v, i, 8));
}
static inline void w2l_v_setf32(w2l_v128 *v, unsigned i, float x) {
  w2l_v_set(v, i, 4, w2l_i32_reinterpret_f32(x));
}
static inline void w2l_v_setf64(w2l_v128 *v, unsigned i, double x) {
  w2l_v_set(v, i, 8, w2l_i64_reinterpret_f64(x));
}
/* Sign-extend the low bits of x. */
static inline int64_t w2l_v_sext(uint64_t x, unsigned bits) {
  uint64_t m = (uint64_t)1 << (bits - 1);
  x &= bits == 64 ? ~(uint64_t)0 : (m << 1) - 1;
  return (int64_t)((x ^ m) - m); /* two's complement without signed overflow */
}
/* Arithmetic shift right of a signed value, exact (no implementation-defined >>). */
static inline uint64_t w2l_v_sar(int64_t x, unsigned n) {
  uint64_t u = (uint64_t)x;
  return x < 0 ? ~(~u >> n) : u >> n;
}
static inline int64_t w2l_v_clamp(int64_t x, int64_t lo, int64_t hi) {
  return x < lo ? lo : x > hi ? hi : x;
}

/* ===================================================================== */
/* Portable helpers, generated per shape                                  */
/* ===================================================================== */

/* Lane-wise f(a, b) on integer lanes of BYTES bytes: a and b are uint64_t lane
 * values (zero-extended); sa and sb the same sign-extended. */
#define W2L_V_BINOP(name, bytes, expr)                                          \
  static inline w2l_v128 w2l_##name(w2l_v128 x, w2l_v128 y) {                   \
    w2l_v128 r;                                                                 \
    for (unsigned i = 0; i < 16 / (bytes); i++) {                               \
      uint64_t a = w2l_v_get(&x, i, bytes), b = w2l_v_get(&y, i, bytes);        \
      int64_t sa = w2l_v_sext(a, 8 * (bytes)), sb = w2l_v_sext(b, 8 * (bytes)); \
      (void)sa, (void)sb;                                                       \
      w2l_v_set(&r, i, bytes, (uint64_t)(expr));                                \
    }                                                                           \
    return r;                                                                   \
  }
/* One-operand lane-wise map, a and sa as above; params is the helper's
 * parameter list (x is the vector), setup a statement run first. */
#define W2L_V_MAP(name, bytes, params, setup, expr) \
  static inline w2l_v128 w2l_##name params {        \
    w2l_v128 r;                                     \
    setup;                                          \
    for (unsigned i = 0; i < 16 / (bytes); i++) {   \
      uint64_t a = w2l_v_get(&x, i, bytes);         \
      int64_t sa = w2l_v_sext(a, 8 * (bytes));      \
      (void)sa;                                     \
      w2l_v_set(&r, i, bytes, (uint64_t)(expr));    \
    }                                               \
    return r;                                       \
  }
#define W2L_V_UNOP(name, bytes, expr) W2L_V_MAP(name, bytes, (w2l_v128 x), (void)0, expr)
/* Shift by a scalar count taken modulo the lane width (n). */
#define W2L_V_SHIFT(name, bytes, expr) \
  W2L_V_MAP(name, bytes, (w2l_v128 x, uint32_t count), unsigned n = count & ((bytes)*8 - 1), expr)
#define W2L_V_ALL(bytes) (bytes == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * bytes)) - 1)
#define W2L_V_MASK(bytes, cond) ((cond) ? W2L_V_ALL(bytes) : 0)

/* Everything an integer shape N-bit lanes has. */
#define W2L_V_INT_SHAPE(s, bytes)                            \
  W2L_V_BINOP(s##_add, bytes, a + b)                         \
  W2L_V_BINOP(s##_sub, bytes, a - b)                         \
  W2L_V_BINOP(s##_eq, bytes, W2L_V_MASK(bytes, a == b))      \
  W2L_V_BINOP(s##_ne, bytes, W2L_V_MASK(bytes, a != b))      \
  W2L_V_BINOP(s##_lt_s, bytes, W2L_V_MASK(bytes, sa < sb))   \
  W2L_V_BINOP(s##_gt_s, bytes, W2L_V_MASK(bytes, sa > sb))   \
  W2L_V_BINOP(s##_le_s, bytes, W2L_V_MASK(bytes, sa <= sb))  \
  W2L_V_BINOP(s##_ge_s, bytes, W2L_V_MASK(bytes, sa >= sb))  \
  W2L_V_UNOP(s##_abs, bytes, sa < 0 ? 0 - a : a)             \
  W2L_V_UNOP(s##_neg, bytes, 0 - a)                          \
  W2L_V_SHIFT(s##_shl, bytes, a << n)                        \
  W2L_V_SHIFT(s##_shr_s, bytes, w2l_v_sar(sa, n))            \
  W2L_V_SHIFT(s##_shr_u, bytes, a >> n)                      \
  static inline uint32_t w2l_##s##_all_true(w2l_v128 x) {    \
    for (unsigned i = 0; i < 16 / (bytes); i++)              \
      if (w2l_v_get(&x, i, bytes) == 0) return 0;            \
    return 1;                                                \
  }                                                          \
  static inline uint32_t w2l_##s##_bitmask(w2l_v128 x) {     \
    uint32_t m = 0;                                          \
    for (unsigned i = 0; i < 16 / (bytes); i++)              \
      m |= (uint32_t)(x.b[(bytes) * (i + 1) - 1] >> 7) << i; \
    return m;                                                \
  }

/* The unsigned comparisons, min/max and avgr of the 8-, 16- and 32-bit shapes. */
#define W2L_V_INT_SHAPE_U(s, bytes)                       \
  W2L_V_BINOP(s##_lt_u, bytes, W2L_V_MASK(bytes, a < b))  \
  W2L_V_BINOP(s##_gt_u, bytes, W2L_V_MASK(bytes, a > b))  \
  W2L_V_BINOP(s##_le_u, bytes, W2L_V_MASK(bytes, a <= b)) \
  W2L_V_BINOP(s##_ge_u, bytes, W2L_V_MASK(bytes, a >= b)) \
  W2L_V_BINOP(s##_min_s, bytes, sa < sb ? a : b)          \
  W2L_V_BINOP(s##_min_u, bytes, a < b ? a : b)            \
  W2L_V_BINOP(s##_max_s, bytes, sa > sb ? a : b)          \
  W2L_V_BINOP(s##_max_u, bytes, a > b ? a : b)

/* Saturating add/sub of the 8- and 16-bit shapes. */
#define W2L_V_INT_SAT(s, bytes, smin, smax, umax)                     \
  W2L_V_BINOP(s##_add_sat_s, bytes, w2l_v_clamp(sa + sb, smin, smax)) \
  W2L_V_BINOP(s##_sub_sat_s, bytes, w2l_v_clamp(sa - sb, smin, smax)) \
  W2L_V_BINOP(s##_add_sat_u, bytes, a + b > umax ? umax : a + b)      \
  W2L_V_BINOP(s##_sub_sat_u, bytes, a < b ? 0 : a - b)                \
  W2L_V_BINOP(s##_avgr_u, bytes, (a + b + 1) >> 1)

W2L_V_INT_SHAPE(i8x16, 1)
W2L_V_INT_SHAPE(i16x8, 2)
W2L_V_INT_SHAPE(i32x4, 4)
W2L_V_INT_SHAPE(i64x2, 8)
W2L_V_INT_SHAPE_U(i8x16, 1)
W2L_V_INT_SHAPE_U(i16x8, 2)
W2L_V_INT_SHAPE_U(i32x4, 4)
W2L_V_INT_SAT(i8x16, 1, -128, 127, 255)
W2L_V_INT_SAT(i16x8, 2, -32768, 32767, 65535)
W2L_V_BINOP(i16x8_mul, 2, a *b)
W2L_V_BINOP(i32x4_mul, 4, a *b)
W2L_V_BINOP(i64x2_mul, 8, a *b)
W2L_V_UNOP(i8x16_popcnt, 1,
           ((a & 1) + (a >> 1 & 1) + (a >> 2 & 1) + (a >> 3 & 1) + (a >> 4 & 1) + (a >> 5 & 1) +
            (a >> 6 & 1) + (a >> 7 & 1)))
/* (a * b + 2^14) >> 15, saturated; only -2^15 * -2^15 overflows. */
W2L_V_BINOP(i16x8_q15mulr_sat_s, 2,
            w2l_v_clamp((int64_t)w2l_v_sar(sa *sb + 0x4000, 15), -32768, 32767))

/* ---- splat, extract_lane, replace_lane ---- */

#define W2L_V_LANES(s, bytes, stype, get, set)                                     \
  static inline w2l_v128 w2l_##s##_splat(stype x) {                                \
    w2l_v128 r;                                                                    \
    for (unsigned i = 0; i < 16 / (bytes); i++) set;                               \
    return r;                                                                      \
  }                                                                                \
  static inline w2l_v128 w2l_##s##_replace_lane(w2l_v128 r, stype x, unsigned i) { \
    set;                                                                           \
    return r;                                                                      \
  }
W2L_V_LANES(i8x16, 1, uint32_t, , w2l_v_set(&r, i, 1, x))
W2L_V_LANES(i16x8, 2, uint32_t, , w2l_v_set(&r, i, 2, x))
W2L_V_LANES(i32x4, 4, uint32_t, , w2l_v_set(&r, i, 4, x))
W2L_V_LANES(i64x2, 8, uint64_t, , w2l_v_set(&r, i, 8, x))
W2L_V_LANES(f32x4, 4, float, , w2l_v_setf32(&r, i, x))
W2L_V_LANES(f64x2, 8, double, , w2l_v_setf64(&r, i, x))

static inline uint32_t w2l_i8x16_extract_lane_s(w2l_v128 v, unsigned i) {
  return (uint32_t)w2l_v_sext(v.b[i], 8);
}
static inline uint32_t w2l_i8x16_extract_lane_u(w2l_v128 v, unsigned i) { return v.b[i]; }
static inline uint32_t w2l_i16x8_extract_lane_s(w2l_v128 v, unsigned i) {
  return (uint32_t)w2l_v_sext(w2l_v_get(&v, i, 2), 16);
}
static inline uint32_t w2l_i16x8_extract_lane_u(w2l_v128 v, unsigned i) {
  return (uint32_t)w2l_v_get(&v, i, 2);
}
static inline uint32_t w2l_i32x4_extract_lane(w2l_v128 v, unsigned i) {
  return (uint32_t)w2l_v_get(&v, i, 4);
}
static inline uint64_t w2l_i64x2_extract_lane(w2l_v128 v, unsigned i) {
  return w2l_v_get(&v, i, 8);
}
static inline float w2l_f32x4_extract_lane(w2l_v128 v, unsigned i) { return w2l_v_getf32(&v, i); }
static inline double w2l_f64x2_extract_lane(w2l_v128 v, unsigned i) { return w2l_v_getf64(&v, i); }

/* ---- shuffles ---- */

/* Lane i of the result is byte idx[i] of a:b (0..15 from a, 16..31 from b). */
static inline w2l_v128 w2l_i8x16_shuffle(w2l_v128 a, w2l_v128 b, const uint8_t idx[16]) {
  uint8_t t[32];
  w2l_v128 r;
  memcpy(t, a.b, 16);
  memcpy(t + 16, b.b, 16);
  /* unrolled: with the constant indices of emitted code this folds to byte moves */
#define W2L_V_SHUF4(i)                                                                       \
  r.b[i] = t[idx[i] & 31], r.b[i + 1] = t[idx[i + 1] & 31], r.b[i + 2] = t[idx[i + 2] & 31], \
  r.b[i + 3] = t[idx[i + 3] & 31]
  W2L_V_SHUF4(0);
  W2L_V_SHUF4(4);
  W2L_V_SHUF4(8);
  W2L_V_SHUF4(12);
#undef W2L_V_SHUF4
  return r;
}
/* i8x16.shuffle as the translator writes it: w2l_shuffleN(a, b, k0, k1, ...)
 * when the constant mask moves whole N-bit lanes (N = 64, 32, 16, or 8 for
 * any mask): lane j of the result is lane kj of a:b (0 .. 256/N - 1, the
 * upper half from b).  The portable versions w2l_v_shuffleN spell out the
 * byte indices; the fast paths below make them one compiler shuffle with
 * constant indices. */
#define W2L_V_SH2(k) 2 * (k), 2 * (k) + 1
#define W2L_V_SH4(k) W2L_V_SH2(2 * (k)), W2L_V_SH2(2 * (k) + 1)
#define W2L_V_SH8(k) W2L_V_SH4(2 * (k)), W2L_V_SH4(2 * (k) + 1)
#define w2l_v_shuffle64(a, b, k0, k1) \
  w2l_i8x16_shuffle(a, b, (const uint8_t[16]){W2L_V_SH8(k0), W2L_V_SH8(k1)})
#define w2l_v_shuffle32(a, b, k0, k1, k2, k3) \
  w2l_i8x16_shuffle(a, b, (const uint8_t[16]){W2L_V_SH4(k0), W2L_V_SH4(k1), W2L_V_SH4(k2), W2L_V_SH4(k3)})
#define w2l_v_shuffle16(a, b, k0, k1, k2, k3, k4, k5, k6, k7)                                   \
  w2l_i8x16_shuffle(a, b, (const uint8_t[16]){W2L_V_SH2(k0), W2L_V_SH2(k1), W2L_V_SH2(k2), \
                                              W2L_V_SH2(k3), W2L_V_SH2(k4), W2L_V_SH2(k5), \
                                              W2L_V_SH2(k6), W2L_V_SH2(k7)})
#define w2l_v_shuffle8(a, b, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, k15) \
  w2l_i8x16_shuffle(a, b, (const uint8_t[16]){k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11,  \
                                              k12, k13, k14, k15})

/* Lane i is a's byte s[i], or 0 when s[i] >= 16. */
static inline w2l_v128 w2l_i8x16_swizzle(w2l_v128 a, w2l_v128 s) {
  w2l_v128 r;
  for (unsigned i = 0; i < 16; i++) r.b[i] = s.b[i] < 16 ? a.b[s.b[i]] : 0;
  return r;
}

/* ---- bitwise ---- */

static inline w2l_v128 w2l_v128_not(w2l_v128 a) {
  for (unsigned i = 0; i < 16; i++) a.b[i] = (uint8_t)~a.b[i];
  return a;
}
W2L_V_BINOP(v128_and, 8, a &b)
W2L_V_BINOP(v128_andnot, 8, a & ~b)
W2L_V_BINOP(v128_or, 8, a | b)
W2L_V_BINOP(v128_xor, 8, a ^ b)
/* Bits of a where c is 1, of b where c is 0. */
static inline w2l_v128 w2l_v128_bitselect(w2l_v128 a, w2l_v128 b, w2l_v128 c) {
  for (unsigned i = 0; i < 16; i++) a.b[i] = (uint8_t)((a.b[i] & c.b[i]) | (b.b[i] & ~c.b[i]));
  return a;
}
static inline uint32_t w2l_v128_any_true(w2l_v128 a) {
  for (unsigned i = 0; i < 16; i++)
    if (a.b[i]) return 1;
  return 0;
}

/* ---- widening, narrowing, pairwise, products ---- */

/* Lanes [from, from + 16/to) of a, each from-byte lane widened to to bytes. */
#define W2L_V_EXTEND(name, fbytes, tbytes, half, sgn)                            \
  static inline w2l_v128 w2l_##name(w2l_v128 a) {                                \
    w2l_v128 r;                                                                  \
    for (unsigned i = 0; i < 16 / (tbytes); i++) {                               \
      uint64_t x = w2l_v_get(&a, i + (half) * (16 / (tbytes)), fbytes);          \
      w2l_v_set(&r, i, tbytes, sgn ? (uint64_t)w2l_v_sext(x, 8 * (fbytes)) : x); \
    }                                                                            \
    return r;                                                                    \
  }
#define W2L_V_EXTMUL(name, fbytes, tbytes, half, sgn)                                         \
  static inline w2l_v128 w2l_##name(w2l_v128 a, w2l_v128 b) {                                 \
    w2l_v128 r;                                                                               \
    for (unsigned i = 0; i < 16 / (tbytes); i++) {                                            \
      uint64_t x = w2l_v_get(&a, i + (half) * (16 / (tbytes)), fbytes);                       \
      uint64_t y = w2l_v_get(&b, i + (half) * (16 / (tbytes)), fbytes);                       \
      if (sgn)                                                                                \
        x = (uint64_t)w2l_v_sext(x, 8 * (fbytes)), y = (uint64_t)w2l_v_sext(y, 8 * (fbytes)); \
      w2l_v_set(&r, i, tbytes, x *y);                                                         \
    }                                                                                         \
    return r;                                                                                 \
  }
#define W2L_V_WIDEN(to, from, fb, tb)                     \
  W2L_V_EXTEND(to##_extend_low_##from##_s, fb, tb, 0, 1)  \
  W2L_V_EXTEND(to##_extend_high_##from##_s, fb, tb, 1, 1) \
  W2L_V_EXTEND(to##_extend_low_##from##_u, fb, tb, 0, 0)  \
  W2L_V_EXTEND(to##_extend_high_##from##_u, fb, tb, 1, 0) \
  W2L_V_EXTMUL(to##_extmul_low_##from##_s, fb, tb, 0, 1)  \
  W2L_V_EXTMUL(to##_extmul_high_##from##_s, fb, tb, 1, 1) \
  W2L_V_EXTMUL(to##_extmul_low_##from##_u, fb, tb, 0, 0)  \
  W2L_V_EXTMUL(to##_extmul_high_##from##_u, fb, tb, 1, 0)
W2L_V_WIDEN(i16x8, i8x16, 1, 2)
W2L_V_WIDEN(i32x4, i16x8, 2, 4)
W2L_V_WIDEN(i64x2, i32x4, 4, 8)

/* Sum of each pair of adjacent lanes, widened. */
#define W2L_V_EXTADD(name, fbytes, sgn)                                                       \
  static inline w2l_v128 w2l_##name(w2l_v128 a) {                                             \
    w2l_v128 r;                                                                               \
    for (unsigned i = 0; i < 8 / (fbytes); i++) {                                             \
      uint64_t x = w2l_v_get(&a, 2 * i, fbytes), y = w2l_v_get(&a, 2 * i + 1, fbytes);        \
      if (sgn)                                                                                \
        x = (uint64_t)w2l_v_sext(x, 8 * (fbytes)), y = (uint64_t)w2l_v_sext(y, 8 * (fbytes)); \
      w2l_v_set(&r, i, 2 * (fbytes), x + y);                                                  \
    }                                                                                         \
    return r;                                                                                 \
  }
W2L_V_EXTADD(i16x8_extadd_pairwise_i8x16_s, 1, 1)
W2L_V_EXTADD(i16x8_extadd_pairwise_i8x16_u, 1, 0)
W2L_V_EXTADD(i32x4_extadd_pairwise_i16x8_s, 2, 1)
W2L_V_EXTADD(i32x4_extadd_pairwise_i16x8_u, 2, 0)

/* Signed lanes of a then b, each saturated to the narrower signed or unsigned range. */
#define W2L_V_NARROW(name, fbytes, lo, hi)                                                        \
  static inline w2l_v128 w2l_##name(w2l_v128 a, w2l_v128 b) {                                     \
    w2l_v128 r;                                                                                   \
    unsigned n = 16 / (fbytes);                                                                   \
    for (unsigned i = 0; i < 2 * n; i++) {                                                        \
      uint64_t x = i < n ? w2l_v_get(&a, i, fbytes) : w2l_v_get(&b, i - n, fbytes);               \
      w2l_v_set(&r, i, (fbytes) / 2, (uint64_t)w2l_v_clamp(w2l_v_sext(x, 8 * (fbytes)), lo, hi)); \
    }                                                                                             \
    return r;                                                                                     \
  }
W2L_V_NARROW(i8x16_narrow_i16x8_s, 2, -128, 127)
W2L_V_NARROW(i8x16_narrow_i16x8_u, 2, 0, 255)
W2L_V_NARROW(i16x8_narrow_i32x4_s, 4, -32768, 32767)
W2L_V_NARROW(i16x8_narrow_i32x4_u, 4, 0, 65535)

static inline w2l_v128 w2l_i32x4_dot_i16x8_s(w2l_v128 a, w2l_v128 b) {
  w2l_v128 r;
  for (unsigned i = 0; i < 4; i++) {
    int64_t s = 0;
    for (unsigned k = 2 * i; k < 2 * i + 2; k++)
      s += w2l_v_sext(w2l_v_get(&a, k, 2), 16) * w2l_v_sext(w2l_v_get(&b, k, 2), 16);
    w2l_v_set(&r, i, 4, (uint64_t)s);
  }
  return r;
}

/* ---- floating point ---- */

/* With W2L_SIMD_CANONICAL_NAN defined, lane-wise float arithmetic (add, sub,
 * mul, div, min, max) gives the positive canonical NaN wherever its result is
 * a NaN.  The spec lets such a NaN carry any payload and sign, which a lane
 * extract or a store then shows; binaryen's interpreter canonicalizes, and the
 * differential fuzzer builds with this so that the two agree bit for bit. */
#ifdef W2L_SIMD_CANONICAL_NAN
static inline float w2l_v_canonfloat(float x) {
  if (x == x) return x;
  uint32_t c = 0x7fc00000u;
  memcpy(&x, &c, 4);
  return x;
}
static inline double w2l_v_canondouble(double x) {
  if (x == x) return x;
  uint64_t c = 0x7ff8000000000000u;
  memcpy(&x, &c, 8);
  return x;
}
#define W2L_V_CANON(ft, x) w2l_v_canon##ft(x)
#else
#define W2L_V_CANON(ft, x) (x)
#endif

/* Lane-wise float op: a and b are the lanes as float / double. */
#define W2L_V_FBINOP(name, ft, n, expr)                       \
  static inline w2l_v128 w2l_##name(w2l_v128 x, w2l_v128 y) { \
    w2l_v128 r;                                               \
    for (unsigned i = 0; i < n; i++) {                        \
      ft a = w2l_v_get##ft(&x, i), b = w2l_v_get##ft(&y, i);  \
      w2l_v_set##ft(&r, i, expr);                             \
    }                                                         \
    return r;                                                 \
  }
#define W2L_V_FUNOP(name, ft, n, expr)            \
  static inline w2l_v128 w2l_##name(w2l_v128 x) { \
    w2l_v128 r;                                   \
    for (unsigned i = 0; i < n; i++) {            \
      ft a = w2l_v_get##ft(&x, i);                \
      w2l_v_set##ft(&r, i, expr);                 \
    }                                             \
    return r;                                     \
  }
#define W2L_V_FCMP(name, ft, n, bytes, expr)                  \
  static inline w2l_v128 w2l_##name(w2l_v128 x, w2l_v128 y) { \
    w2l_v128 r;                                               \
    for (unsigned i = 0; i < n; i++) {                        \
      ft a = w2l_v_get##ft(&x, i), b = w2l_v_get##ft(&y, i);  \
      w2l_v_set(&r, i, bytes, W2L_V_MASK(bytes, expr));       \
    }                                                         \
    return r;                                                 \
  }
#define w2l_v_getfloat w2l_v_getf32
#define w2l_v_setfloat w2l_v_setf32
#define w2l_v_getdouble w2l_v_getf64
#define w2l_v_setdouble w2l_v_setf64

#define W2L_V_FLOAT_SHAPE(s, ft, n, bytes, sc)                        \
  W2L_V_FBINOP(s##_add, ft, n, W2L_V_CANON(ft, a + b))                \
  W2L_V_FBINOP(s##_sub, ft, n, W2L_V_CANON(ft, a - b))                \
  W2L_V_FBINOP(s##_mul, ft, n, W2L_V_CANON(ft, a *b))                 \
  W2L_V_FBINOP(s##_div, ft, n, W2L_V_CANON(ft, a / b))                \
  W2L_V_FBINOP(s##_min, ft, n, W2L_V_CANON(ft, w2l_##sc##_min(a, b))) \
  W2L_V_FBINOP(s##_max, ft, n, W2L_V_CANON(ft, w2l_##sc##_max(a, b))) \
  W2L_V_FBINOP(s##_pmin, ft, n, b < a ? b : a)                        \
  W2L_V_FBINOP(s##_pmax, ft, n, a < b ? b : a)                        \
  W2L_V_FUNOP(s##_sqrt, ft, n, w2l_##sc##_sqrt(a))                    \
  W2L_V_FUNOP(s##_ceil, ft, n, w2l_##sc##_ceil(a))                    \
  W2L_V_FUNOP(s##_floor, ft, n, w2l_##sc##_floor(a))                  \
  W2L_V_FUNOP(s##_trunc, ft, n, w2l_##sc##_trunc(a))                  \
  W2L_V_FUNOP(s##_nearest, ft, n, w2l_##sc##_nearest(a))              \
  W2L_V_FUNOP(s##_abs, ft, n, w2l_##sc##_abs(a))                      \
  W2L_V_FUNOP(s##_neg, ft, n, w2l_##sc##_neg(a))                      \
  W2L_V_FCMP(s##_eq, ft, n, bytes, a == b)                            \
  W2L_V_FCMP(s##_ne, ft, n, bytes, a != b)                            \
  W2L_V_FCMP(s##_lt, ft, n, bytes, a < b)                             \
  W2L_V_FCMP(s##_gt, ft, n, bytes, a > b)                             \
  W2L_V_FCMP(s##_le, ft, n, bytes, a <= b)                            \
  W2L_V_FCMP(s##_ge, ft, n, bytes, a >= b)
W2L_V_FLOAT_SHAPE(f32x4, float, 4, 4, f32)
W2L_V_FLOAT_SHAPE(f64x2, double, 2, 8, f64)

/* ---- conversions ---- */

static inline w2l_v128 w2l_i32x4_trunc_sat_f32x4_s(w2l_v128 a) {
  for (unsigned i = 0; i < 4; i++)
    w2l_v_set(&a, i, 4, w2l_i32_trunc_sat_f32_s(w2l_v_getf32(&a, i)));
  return a;
}
static inline w2l_v128 w2l_i32x4_trunc_sat_f32x4_u(w2l_v128 a) {
  for (unsigned i = 0; i < 4; i++)
    w2l_v_set(&a, i, 4, w2l_i32_trunc_sat_f32_u(w2l_v_getf32(&a, i)));
  return a;
}
static inline w2l_v128 w2l_i32x4_trunc_sat_f64x2_s_zero(w2l_v128 a) {
  w2l_v128 r = w2l_v128_zero();
  for (unsigned i = 0; i < 2; i++)
    w2l_v_set(&r, i, 4, w2l_i32_trunc_sat_f64_s(w2l_v_getf64(&a, i)));
  return r;
}
static inline w2l_v128 w2l_i32x4_trunc_sat_f64x2_u_zero(w2l_v128 a) {
  w2l_v128 r = w2l_v128_zero();
  for (unsigned i = 0; i < 2; i++)
    w2l_v_set(&r, i, 4, w2l_i32_trunc_sat_f64_u(w2l_v_getf64(&a, i)));
  return r;
}
static inline w2l_v128 w2l_f32x4_convert_i32x4_s(w2l_v128 a) {
  for (unsigned i = 0; i < 4; i++) w2l_v_setf32(&a, i, (float)w2l_v_sext(w2l_v_get(&a, i, 4), 32));
  return a;
}
static inline w2l_v128 w2l_f32x4_convert_i32x4_u(w2l_v128 a) {
  for (unsigned i = 0; i < 4; i++) w2l_v_setf32(&a, i, (float)(uint32_t)w2l_v_get(&a, i, 4));
  return a;
}
static inline w2l_v128 w2l_f64x2_convert_low_i32x4_s(w2l_v128 a) {
  w2l_v128 r;
  for (unsigned i = 0; i < 2; i++) w2l_v_setf64(&r, i, (double)w2l_v_sext(w2l_v_get(&a, i, 4), 32));
  return r;
}
static inline w2l_v128 w2l_f64x2_convert_low_i32x4_u(w2l_v128 a) {
  w2l_v128 r;
  for (unsigned i = 0; i < 2; i++) w2l_v_setf64(&r, i, (double)(uint32_t)w2l_v_get(&a, i, 4));
  return r;
}
static inline w2l_v128 w2l_f32x4_demote_f64x2_zero(w2l_v128 a) {
  w2l_v128 r = w2l_v128_zero();
  for (unsigned i = 0; i < 2; i++) w2l_v_setf32(&r, i, w2l_f32_demote_f64(w2l_v_getf64(&a, i)));
  return r;
}
static inline w2l_v128 w2l_f64x2_promote_low_f32x4(w2l_v128 a) {
  w2l_v128 r;
  for (unsigned i = 0; i < 2; i++) w2l_v_setf64(&r, i, w2l_f64_promote_f32(w2l_v_getf32(&a, i)));
  return r;
}

/* ===================================================================== */
/* Linear memory (bounds-checked like the scalar helpers of w2l.h)        */
/* ===================================================================== */

static inline w2l_v128 w2l_load_v128(const uint8_t *base, uint64_t size, uint64_t addr) {
  w2l_v128 r;
  W2L_CHECK(size, addr, 16);
  W2L_PROBE(base + addr + 15);
  memcpy(r.b, base + addr, 16);
  return r;
}
static inline void w2l_store_v128(uint8_t *base, uint64_t size, uint64_t addr, w2l_v128 v) {
  W2L_CHECK(size, addr, 16);
  memcpy(base + addr, v.b, 16);
}
/* 8 bytes, as N lanes of 64/N bits each widened to 128/N bits. */
#define W2L_V_LOAD_EXT(name, fbytes, sgn)                                                     \
  static inline w2l_v128 w2l_load_##name(const uint8_t *base, uint64_t size, uint64_t addr) { \
    w2l_v128 t = w2l_v128_zero(), r;                                                            \
    W2L_CHECK(size, addr, 8);                                                                 \
    W2L_PROBE(base + addr + 7);                                                               \
    memcpy(t.b, base + addr, 8);                                                              \
    for (unsigned i = 0; i < 8 / (fbytes); i++) {                                             \
      uint64_t x = w2l_v_get(&t, i, fbytes);                                                  \
      w2l_v_set(&r, i, 2 * (fbytes), sgn ? (uint64_t)w2l_v_sext(x, 8 * (fbytes)) : x);        \
    }                                                                                         \
    return r;                                                                                 \
  }
W2L_V_LOAD_EXT(v128_8x8_s, 1, 1)
W2L_V_LOAD_EXT(v128_8x8_u, 1, 0)
W2L_V_LOAD_EXT(v128_16x4_s, 2, 1)
W2L_V_LOAD_EXT(v128_16x4_u, 2, 0)
W2L_V_LOAD_EXT(v128_32x2_s, 4, 1)
W2L_V_LOAD_EXT(v128_32x2_u, 4, 0)
/* N bytes: splat to every lane, into lane 0 of zeros, or into one lane. */
#define W2L_V_LOAD_N(n)                                                                       \
  static inline w2l_v128 w2l_load_v128_##n##_splat(const uint8_t *base, uint64_t size,        \
                                                   uint64_t addr) {                           \
    w2l_v128 r;                                                                               \
    W2L_CHECK(size, addr, n / 8);                                                             \
    W2L_PROBE(base + addr + n / 8 - 1);                                                       \
    for (unsigned i = 0; i < 16; i += n / 8) memcpy(r.b + i, base + addr, n / 8);             \
    return r;                                                                                 \
  }                                                                                           \
  static inline w2l_v128 w2l_load_v128_##n##_lane(const uint8_t *base, uint64_t size,         \
                                                  uint64_t addr, w2l_v128 v, unsigned lane) { \
    W2L_CHECK(size, addr, n / 8);                                                             \
    W2L_PROBE(base + addr + n / 8 - 1);                                                       \
    memcpy(v.b + lane * (n / 8), base + addr, n / 8);                                         \
    return v;                                                                                 \
  }                                                                                           \
  static inline void w2l_store_v128_##n##_lane(uint8_t *base, uint64_t size, uint64_t addr,   \
                                               w2l_v128 v, unsigned lane) {                   \
    W2L_CHECK(size, addr, n / 8);                                                             \
    memcpy(base + addr, v.b + lane * (n / 8), n / 8);                                         \
  }
W2L_V_LOAD_N(8)
W2L_V_LOAD_N(16)
W2L_V_LOAD_N(32)
W2L_V_LOAD_N(64)
static inline w2l_v128 w2l_load_v128_32_zero(const uint8_t *base, uint64_t size, uint64_t addr) {
  w2l_v128 r = w2l_v128_zero();
  W2L_CHECK(size, addr, 4);
  W2L_PROBE(base + addr + 3);
  memcpy(r.b, base + addr, 4);
  return r;
}
static inline w2l_v128 w2l_load_v128_64_zero(const uint8_t *base, uint64_t size, uint64_t addr) {
  w2l_v128 r = w2l_v128_zero();
  W2L_CHECK(size, addr, 8);
  W2L_PROBE(base + addr + 7);
  memcpy(r.b, base + addr, 8);
  return r;
}

/* ===================================================================== */
/* Fast paths (x86-64 SSE2, some SSE4.1)                                  */
/* ===================================================================== */

/* Each fast helper w2l_sse_NAME has exactly the semantics of the portable
 * w2l_NAME above; a macro makes emitted code call it instead.  The portable
 * definitions stay (unused static inline functions cost nothing). */
#if W2L_SIMD_SSE2
static inline __m128i w2l_sse_in(w2l_v128 v) {
  __m128i x;
  memcpy(&x, v.b, 16); /* x86 is little-endian: byte i is byte i */
  return x;
}
static inline w2l_v128 w2l_sse_out(__m128i x) {
  w2l_v128 r;
  memcpy(r.b, &x, 16);
  return r;
}
static inline __m128 w2l_sse_inf(w2l_v128 v) { return _mm_castsi128_ps(w2l_sse_in(v)); }
static inline __m128d w2l_sse_ind(w2l_v128 v) { return _mm_castsi128_pd(w2l_sse_in(v)); }
static inline w2l_v128 w2l_sse_outf(__m128 x) { return w2l_sse_out(_mm_castps_si128(x)); }
static inline w2l_v128 w2l_sse_outd(__m128d x) { return w2l_sse_out(_mm_castpd_si128(x)); }
/* The same for results of float arithmetic (see W2L_SIMD_CANONICAL_NAN). */
#ifdef W2L_SIMD_CANONICAL_NAN
static inline w2l_v128 w2l_sse_outf_arith(__m128 x) {
  __m128 nan = _mm_cmpunord_ps(x, x), canon = _mm_castsi128_ps(_mm_set1_epi32(0x7fc00000));
  return w2l_sse_outf(_mm_or_ps(_mm_andnot_ps(nan, x), _mm_and_ps(nan, canon)));
}
static inline w2l_v128 w2l_sse_outd_arith(__m128d x) {
  __m128d nan = _mm_cmpunord_pd(x, x);
  __m128d canon = _mm_castsi128_pd(_mm_set1_epi64x(0x7ff8000000000000));
  return w2l_sse_outd(_mm_or_pd(_mm_andnot_pd(nan, x), _mm_and_pd(nan, canon)));
}
#else
#define w2l_sse_outf_arith w2l_sse_outf
#define w2l_sse_outd_arith w2l_sse_outd
#endif

/* w2l_sse_NAME(a, b) = OUT(INTRIN(IN(a), IN(b))), and w2l_NAME is redirected to it. */
#define W2L_SSE_BIN(name, in, out, intrin)                        \
  static inline w2l_v128 w2l_sse_##name(w2l_v128 a, w2l_v128 b) { \
    return out(intrin(in(a), in(b)));                             \
  }
#define W2L_SSE_SHIFT(name, intrin, bits)                                                \
  static inline w2l_v128 w2l_sse_##name(w2l_v128 a, uint32_t n) {                        \
    return w2l_sse_out(intrin(w2l_sse_in(a), _mm_cvtsi32_si128((int)(n & (bits - 1))))); \
  }
#define W2L_SSE_IBIN(name, intrin) W2L_SSE_BIN(name, w2l_sse_in, w2l_sse_out, intrin)
#define W2L_SSE_FBIN(name, intrin) W2L_SSE_BIN(name, w2l_sse_inf, w2l_sse_outf, intrin)
#define W2L_SSE_DBIN(name, intrin) W2L_SSE_BIN(name, w2l_sse_ind, w2l_sse_outd, intrin)
#define W2L_SSE_FARITH(name, intrin) W2L_SSE_BIN(name, w2l_sse_inf, w2l_sse_outf_arith, intrin)
#define W2L_SSE_DARITH(name, intrin) W2L_SSE_BIN(name, w2l_sse_ind, w2l_sse_outd_arith, intrin)
/* pmin(a, b) = b < a ? b : a is minps(b, a); pmax likewise. */
#define w2l_sse_swap_min_ps(a, b) _mm_min_ps(b, a)
#define w2l_sse_swap_max_ps(a, b) _mm_max_ps(b, a)
#define w2l_sse_swap_min_pd(a, b) _mm_min_pd(b, a)
#define w2l_sse_swap_max_pd(a, b) _mm_max_pd(b, a)
#define w2l_sse_lt_epi8(a, b) _mm_cmpgt_epi8(b, a)
#define w2l_sse_lt_epi16(a, b) _mm_cmpgt_epi16(b, a)
#define w2l_sse_lt_epi32(a, b) _mm_cmpgt_epi32(b, a)

W2L_SSE_IBIN(v128_and, _mm_and_si128)
W2L_SSE_IBIN(v128_or, _mm_or_si128)
W2L_SSE_IBIN(v128_xor, _mm_xor_si128)
static inline __m128i w2l_sse_andnot(__m128i a, __m128i b) { return _mm_andnot_si128(b, a); }
W2L_SSE_IBIN(v128_andnot, w2l_sse_andnot)
W2L_SSE_IBIN(i8x16_add, _mm_add_epi8)
W2L_SSE_IBIN(i16x8_add, _mm_add_epi16)
W2L_SSE_IBIN(i32x4_add, _mm_add_epi32)
W2L_SSE_IBIN(i64x2_add, _mm_add_epi64)
W2L_SSE_IBIN(i8x16_sub, _mm_sub_epi8)
W2L_SSE_IBIN(i16x8_sub, _mm_sub_epi16)
W2L_SSE_IBIN(i32x4_sub, _mm_sub_epi32)
W2L_SSE_IBIN(i64x2_sub, _mm_sub_epi64)
W2L_SSE_IBIN(i8x16_add_sat_s, _mm_adds_epi8)
W2L_SSE_IBIN(i8x16_add_sat_u, _mm_adds_epu8)
W2L_SSE_IBIN(i8x16_sub_sat_s, _mm_subs_epi8)
W2L_SSE_IBIN(i8x16_sub_sat_u, _mm_subs_epu8)
W2L_SSE_IBIN(i16x8_add_sat_s, _mm_adds_epi16)
W2L_SSE_IBIN(i16x8_add_sat_u, _mm_adds_epu16)
W2L_SSE_IBIN(i16x8_sub_sat_s, _mm_subs_epi16)
W2L_SSE_IBIN(i16x8_sub_sat_u, _mm_subs_epu16)
W2L_SSE_IBIN(i16x8_mul, _mm_mullo_epi16)
W2L_SSE_IBIN(i8x16_avgr_u, _mm_avg_epu8)
W2L_SSE_IBIN(i16x8_avgr_u, _mm_avg_epu16)
W2L_SSE_IBIN(i8x16_min_u, _mm_min_epu8)
W2L_SSE_IBIN(i8x16_max_u, _mm_max_epu8)
W2L_SSE_IBIN(i16x8_min_s, _mm_min_epi16)
W2L_SSE_IBIN(i16x8_max_s, _mm_max_epi16)
W2L_SSE_IBIN(i8x16_eq, _mm_cmpeq_epi8)
W2L_SSE_IBIN(i16x8_eq, _mm_cmpeq_epi16)
W2L_SSE_IBIN(i32x4_eq, _mm_cmpeq_epi32)
W2L_SSE_IBIN(i8x16_gt_s, _mm_cmpgt_epi8)
W2L_SSE_IBIN(i16x8_gt_s, _mm_cmpgt_epi16)
W2L_SSE_IBIN(i32x4_gt_s, _mm_cmpgt_epi32)
W2L_SSE_IBIN(i8x16_lt_s, w2l_sse_lt_epi8)
W2L_SSE_IBIN(i16x8_lt_s, w2l_sse_lt_epi16)
W2L_SSE_IBIN(i32x4_lt_s, w2l_sse_lt_epi32)
W2L_SSE_IBIN(i32x4_dot_i16x8_s, _mm_madd_epi16)
W2L_SSE_IBIN(i8x16_narrow_i16x8_s, _mm_packs_epi16)
W2L_SSE_IBIN(i8x16_narrow_i16x8_u, _mm_packus_epi16)
W2L_SSE_IBIN(i16x8_narrow_i32x4_s, _mm_packs_epi32)
W2L_SSE_SHIFT(i16x8_shl, _mm_sll_epi16, 16)
W2L_SSE_SHIFT(i32x4_shl, _mm_sll_epi32, 32)
W2L_SSE_SHIFT(i64x2_shl, _mm_sll_epi64, 64)
W2L_SSE_SHIFT(i16x8_shr_u, _mm_srl_epi16, 16)
W2L_SSE_SHIFT(i32x4_shr_u, _mm_srl_epi32, 32)
W2L_SSE_SHIFT(i64x2_shr_u, _mm_srl_epi64, 64)
W2L_SSE_SHIFT(i16x8_shr_s, _mm_sra_epi16, 16)
W2L_SSE_SHIFT(i32x4_shr_s, _mm_sra_epi32, 32)
W2L_SSE_FARITH(f32x4_add, _mm_add_ps)
W2L_SSE_FARITH(f32x4_sub, _mm_sub_ps)
W2L_SSE_FARITH(f32x4_mul, _mm_mul_ps)
W2L_SSE_FARITH(f32x4_div, _mm_div_ps)
W2L_SSE_FBIN(f32x4_pmin, w2l_sse_swap_min_ps)
W2L_SSE_FBIN(f32x4_pmax, w2l_sse_swap_max_ps)
W2L_SSE_DARITH(f64x2_add, _mm_add_pd)
W2L_SSE_DARITH(f64x2_sub, _mm_sub_pd)
W2L_SSE_DARITH(f64x2_mul, _mm_mul_pd)
W2L_SSE_DARITH(f64x2_div, _mm_div_pd)
W2L_SSE_DBIN(f64x2_pmin, w2l_sse_swap_min_pd)
W2L_SSE_DBIN(f64x2_pmax, w2l_sse_swap_max_pd)
/* Float compares: ordered ones are false on NaN, cmpneq true, as in C. */
W2L_SSE_FBIN(f32x4_eq, _mm_cmpeq_ps)
W2L_SSE_FBIN(f32x4_ne, _mm_cmpneq_ps)
W2L_SSE_FBIN(f32x4_lt, _mm_cmplt_ps)
W2L_SSE_FBIN(f32x4_le, _mm_cmple_ps)
W2L_SSE_FBIN(f32x4_gt, _mm_cmpgt_ps)
W2L_SSE_FBIN(f32x4_ge, _mm_cmpge_ps)
W2L_SSE_DBIN(f64x2_eq, _mm_cmpeq_pd)
W2L_SSE_DBIN(f64x2_ne, _mm_cmpneq_pd)
W2L_SSE_DBIN(f64x2_lt, _mm_cmplt_pd)
W2L_SSE_DBIN(f64x2_le, _mm_cmple_pd)
W2L_SSE_DBIN(f64x2_gt, _mm_cmpgt_pd)
W2L_SSE_DBIN(f64x2_ge, _mm_cmpge_pd)
static inline w2l_v128 w2l_sse_f32x4_sqrt(w2l_v128 a) {
  return w2l_sse_outf(_mm_sqrt_ps(w2l_sse_inf(a)));
}
static inline w2l_v128 w2l_sse_f64x2_sqrt(w2l_v128 a) {
  return w2l_sse_outd(_mm_sqrt_pd(w2l_sse_ind(a)));
}
static inline w2l_v128 w2l_sse_v128_not(w2l_v128 a) {
  return w2l_sse_out(_mm_xor_si128(w2l_sse_in(a), _mm_set1_epi32(-1)));
}
static inline uint32_t w2l_sse_i8x16_bitmask(w2l_v128 a) {
  return (uint32_t)_mm_movemask_epi8(w2l_sse_in(a));
}
static inline uint32_t w2l_sse_v128_any_true(w2l_v128 a) {
  return _mm_movemask_epi8(_mm_cmpeq_epi8(w2l_sse_in(a), _mm_setzero_si128())) != 0xFFFF;
}
static inline w2l_v128 w2l_sse_i32x4_splat(uint32_t x) {
  return w2l_sse_out(_mm_set1_epi32((int)x));
}
static inline w2l_v128 w2l_sse_f32x4_splat(float x) { return w2l_sse_outf(_mm_set1_ps(x)); }
static inline w2l_v128 w2l_sse_f64x2_splat(double x) { return w2l_sse_outd(_mm_set1_pd(x)); }

/* Unsigned compares and min/max from signed ones: flip the sign bits. */
static inline __m128i w2l_sse_flip8(__m128i x) {
  return _mm_xor_si128(x, _mm_set1_epi8((char)0x80));
}
static inline __m128i w2l_sse_flip16(__m128i x) {
  return _mm_xor_si128(x, _mm_set1_epi16((short)0x8000));
}
static inline __m128i w2l_sse_flip32(__m128i x) {
  return _mm_xor_si128(x, _mm_set1_epi32((int)0x80000000u));
}
static inline __m128i w2l_sse_gt_u8(__m128i a, __m128i b) {
  return _mm_cmpgt_epi8(w2l_sse_flip8(a), w2l_sse_flip8(b));
}
static inline __m128i w2l_sse_lt_u8(__m128i a, __m128i b) { return w2l_sse_gt_u8(b, a); }
static inline __m128i w2l_sse_gt_u16(__m128i a, __m128i b) {
  return _mm_cmpgt_epi16(w2l_sse_flip16(a), w2l_sse_flip16(b));
}
static inline __m128i w2l_sse_lt_u16(__m128i a, __m128i b) { return w2l_sse_gt_u16(b, a); }
static inline __m128i w2l_sse_gt_u32(__m128i a, __m128i b) {
  return _mm_cmpgt_epi32(w2l_sse_flip32(a), w2l_sse_flip32(b));
}
static inline __m128i w2l_sse_lt_u32(__m128i a, __m128i b) { return w2l_sse_gt_u32(b, a); }
/* m ? a : b, lane masks m */
static inline __m128i w2l_sse_sel(__m128i m, __m128i a, __m128i b) {
  return _mm_or_si128(_mm_and_si128(m, a), _mm_andnot_si128(m, b));
}
static inline __m128i w2l_sse_min_u32(__m128i a, __m128i b) {
  return w2l_sse_sel(w2l_sse_lt_u32(a, b), a, b);
}
static inline __m128i w2l_sse_max_u32(__m128i a, __m128i b) {
  return w2l_sse_sel(w2l_sse_gt_u32(a, b), a, b);
}
static inline __m128i w2l_sse_min_s32(__m128i a, __m128i b) {
  return w2l_sse_sel(_mm_cmplt_epi32(a, b), a, b);
}
static inline __m128i w2l_sse_max_s32(__m128i a, __m128i b) {
  return w2l_sse_sel(_mm_cmpgt_epi32(a, b), a, b);
}
/* Low 32 bits of the four products, from two 32x32->64 multiplies. */
static inline __m128i w2l_sse_mul32(__m128i a, __m128i b) {
  __m128i even = _mm_mul_epu32(a, b);
  __m128i odd = _mm_mul_epu32(_mm_srli_epi64(a, 32), _mm_srli_epi64(b, 32));
  return _mm_unpacklo_epi32(_mm_shuffle_epi32(even, 0x08), _mm_shuffle_epi32(odd, 0x08));
}
/* Signed i32 lanes saturated to u16: clamp to [0, 65535], then pack through the signed range. */
static inline __m128i w2l_sse_clamp_u16(__m128i x) {
  x = _mm_andnot_si128(_mm_srai_epi32(x, 31), x);
  __m128i big = _mm_cmpgt_epi32(x, _mm_set1_epi32(65535));
  x = w2l_sse_sel(big, _mm_set1_epi32(65535), x);
  return _mm_sub_epi32(x, _mm_set1_epi32(32768));
}
static inline __m128i w2l_sse_narrow_u16(__m128i a, __m128i b) {
  return w2l_sse_flip16(_mm_packs_epi32(w2l_sse_clamp_u16(a), w2l_sse_clamp_u16(b)));
}
W2L_SSE_IBIN(i8x16_gt_u, w2l_sse_gt_u8)
W2L_SSE_IBIN(i8x16_lt_u, w2l_sse_lt_u8)
W2L_SSE_IBIN(i16x8_gt_u, w2l_sse_gt_u16)
W2L_SSE_IBIN(i16x8_lt_u, w2l_sse_lt_u16)
W2L_SSE_IBIN(i32x4_gt_u, w2l_sse_gt_u32)
W2L_SSE_IBIN(i32x4_lt_u, w2l_sse_lt_u32)
W2L_SSE_IBIN(i32x4_min_u, w2l_sse_min_u32)
W2L_SSE_IBIN(i32x4_max_u, w2l_sse_max_u32)
W2L_SSE_IBIN(i32x4_min_s, w2l_sse_min_s32)
W2L_SSE_IBIN(i32x4_max_s, w2l_sse_max_s32)
W2L_SSE_IBIN(i32x4_mul, w2l_sse_mul32)
W2L_SSE_IBIN(i16x8_narrow_i32x4_u, w2l_sse_narrow_u16)
/* 8 bytes widened: unpack with the sign (s) or with zero (u). */
static inline __m128i w2l_sse_load8(const uint8_t *p) {
  uint64_t x;
  memcpy(&x, p, 8); /* movq: the upper half is zero */
  return _mm_cvtsi64_si128((long long)x);
}
static inline w2l_v128 w2l_sse_load_v128_64_zero(const uint8_t *base, uint64_t size,
                                                 uint64_t addr) {
  W2L_CHECK(size, addr, 8);
  W2L_PROBE(base + addr + 7);
  return w2l_sse_out(w2l_sse_load8(base + addr));
}
static inline w2l_v128 w2l_sse_load_v128_32_zero(const uint8_t *base, uint64_t size,
                                                 uint64_t addr) {
  uint32_t x;
  W2L_CHECK(size, addr, 4);
  W2L_PROBE(base + addr + 3);
  memcpy(&x, base + addr, 4);
  return w2l_sse_out(_mm_cvtsi32_si128((int)x));
}
#define W2L_SSE_LOAD_EXT(name, n, unpack, shift)                                                  \
  static inline w2l_v128 w2l_sse_load_##name(const uint8_t *base, uint64_t size, uint64_t addr) { \
    W2L_CHECK(size, addr, 8);                                                                     \
    W2L_PROBE(base + addr + 7);                                                                   \
    __m128i x = w2l_sse_load8(base + addr);                                                       \
    return w2l_sse_out(shift(unpack(x, x), n));                                                   \
  }
W2L_SSE_LOAD_EXT(v128_8x8_s, 8, _mm_unpacklo_epi8, _mm_srai_epi16)
W2L_SSE_LOAD_EXT(v128_8x8_u, 8, _mm_unpacklo_epi8, _mm_srli_epi16)
W2L_SSE_LOAD_EXT(v128_16x4_s, 16, _mm_unpacklo_epi16, _mm_srai_epi32)
W2L_SSE_LOAD_EXT(v128_16x4_u, 16, _mm_unpacklo_epi16, _mm_srli_epi32)
W2L_SSE_LOAD_EXT(v128_32x2_u, 32, _mm_unpacklo_epi32, _mm_srli_epi64)
#if defined(__SSSE3__)
#include <tmmintrin.h>
/* pshufb zeroes a lane whose index has bit 7 set: indices 16..31 index b. */
static inline w2l_v128 w2l_sse_i8x16_shuffle(w2l_v128 a, w2l_v128 b, const uint8_t idx[16]) {
  __m128i i, sel;
  memcpy(&i, idx, 16);
  sel = _mm_cmpgt_epi8(i, _mm_set1_epi8(15)); /* idx < 32, so signed compare works */
  __m128i ia = _mm_or_si128(i, sel), ib = _mm_or_si128(_mm_sub_epi8(i, _mm_set1_epi8(16)),
                                                       _mm_andnot_si128(sel, _mm_set1_epi8(-1)));
  return w2l_sse_out(
      _mm_or_si128(_mm_shuffle_epi8(w2l_sse_in(a), ia), _mm_shuffle_epi8(w2l_sse_in(b), ib)));
}
static inline w2l_v128 w2l_sse_i8x16_swizzle(w2l_v128 a, w2l_v128 s) {
  /* indices >= 16 must give 0: saturating-add 0x70 sets bit 7 for them */
  __m128i i = _mm_adds_epu8(w2l_sse_in(s), _mm_set1_epi8(0x70));
  return w2l_sse_out(_mm_shuffle_epi8(w2l_sse_in(a), i));
}
#endif

#ifndef W2L_SIMD_NO_REDIRECT /* tests define it to compare both versions */
#define w2l_v128_and w2l_sse_v128_and
#define w2l_v128_or w2l_sse_v128_or
#define w2l_v128_xor w2l_sse_v128_xor
#define w2l_v128_andnot w2l_sse_v128_andnot
#define w2l_v128_not w2l_sse_v128_not
#define w2l_v128_any_true w2l_sse_v128_any_true
#define w2l_i8x16_add w2l_sse_i8x16_add
#define w2l_i16x8_add w2l_sse_i16x8_add
#define w2l_i32x4_add w2l_sse_i32x4_add
#define w2l_i64x2_add w2l_sse_i64x2_add
#define w2l_i8x16_sub w2l_sse_i8x16_sub
#define w2l_i16x8_sub w2l_sse_i16x8_sub
#define w2l_i32x4_sub w2l_sse_i32x4_sub
#define w2l_i64x2_sub w2l_sse_i64x2_sub
#define w2l_i8x16_add_sat_s w2l_sse_i8x16_add_sat_s
#define w2l_i8x16_add_sat_u w2l_sse_i8x16_add_sat_u
#define w2l_i8x16_sub_sat_s w2l_sse_i8x16_sub_sat_s
#define w2l_i8x16_sub_sat_u w2l_sse_i8x16_sub_sat_u
#define w2l_i16x8_add_sat_s w2l_sse_i16x8_add_sat_s
#define w2l_i16x8_add_sat_u w2l_sse_i16x8_add_sat_u
#define w2l_i16x8_sub_sat_s w2l_sse_i16x8_sub_sat_s
#define w2l_i16x8_sub_sat_u w2l_sse_i16x8_sub_sat_u
#define w2l_i16x8_mul w2l_sse_i16x8_mul
#define w2l_i8x16_avgr_u w2l_sse_i8x16_avgr_u
#define w2l_i16x8_avgr_u w2l_sse_i16x8_avgr_u
#define w2l_i8x16_min_u w2l_sse_i8x16_min_u
#define w2l_i8x16_max_u w2l_sse_i8x16_max_u
#define w2l_i16x8_min_s w2l_sse_i16x8_min_s
#define w2l_i16x8_max_s w2l_sse_i16x8_max_s
#define w2l_i8x16_eq w2l_sse_i8x16_eq
#define w2l_i16x8_eq w2l_sse_i16x8_eq
#define w2l_i32x4_eq w2l_sse_i32x4_eq
#define w2l_i8x16_gt_s w2l_sse_i8x16_gt_s
#define w2l_i16x8_gt_s w2l_sse_i16x8_gt_s
#define w2l_i32x4_gt_s w2l_sse_i32x4_gt_s
#define w2l_i8x16_lt_s w2l_sse_i8x16_lt_s
#define w2l_i16x8_lt_s w2l_sse_i16x8_lt_s
#define w2l_i32x4_lt_s w2l_sse_i32x4_lt_s
#define w2l_i32x4_dot_i16x8_s w2l_sse_i32x4_dot_i16x8_s
#define w2l_i8x16_narrow_i16x8_s w2l_sse_i8x16_narrow_i16x8_s
#define w2l_i8x16_narrow_i16x8_u w2l_sse_i8x16_narrow_i16x8_u
#define w2l_i16x8_narrow_i32x4_s w2l_sse_i16x8_narrow_i32x4_s
#define w2l_i16x8_shl w2l_sse_i16x8_shl
#define w2l_i32x4_shl w2l_sse_i32x4_shl
#define w2l_i64x2_shl w2l_sse_i64x2_shl
#define w2l_i16x8_shr_u w2l_sse_i16x8_shr_u
#define w2l_i32x4_shr_u w2l_sse_i32x4_shr_u
#define w2l_i64x2_shr_u w2l_sse_i64x2_shr_u
#define w2l_i16x8_shr_s w2l_sse_i16x8_shr_s
#define w2l_i32x4_shr_s w2l_sse_i32x4_shr_s
#define w2l_f32x4_add w2l_sse_f32x4_add
#define w2l_f32x4_sub w2l_sse_f32x4_sub
#define w2l_f32x4_mul w2l_sse_f32x4_mul
#define w2l_f32x4_div w2l_sse_f32x4_div
#define w2l_f32x4_sqrt w2l_sse_f32x4_sqrt
#define w2l_f32x4_pmin w2l_sse_f32x4_pmin
#define w2l_f32x4_pmax w2l_sse_f32x4_pmax
#define w2l_f64x2_add w2l_sse_f64x2_add
#define w2l_f64x2_sub w2l_sse_f64x2_sub
#define w2l_f64x2_mul w2l_sse_f64x2_mul
#define w2l_f64x2_div w2l_sse_f64x2_div
#define w2l_f64x2_sqrt w2l_sse_f64x2_sqrt
#define w2l_f64x2_pmin w2l_sse_f64x2_pmin
#define w2l_f64x2_pmax w2l_sse_f64x2_pmax
#define w2l_f32x4_eq w2l_sse_f32x4_eq
#define w2l_f32x4_ne w2l_sse_f32x4_ne
#define w2l_f32x4_lt w2l_sse_f32x4_lt
#define w2l_f32x4_le w2l_sse_f32x4_le
#define w2l_f32x4_gt w2l_sse_f32x4_gt
#define w2l_f32x4_ge w2l_sse_f32x4_ge
#define w2l_f64x2_eq w2l_sse_f64x2_eq
#define w2l_f64x2_ne w2l_sse_f64x2_ne
#define w2l_f64x2_lt w2l_sse_f64x2_lt
#define w2l_f64x2_le w2l_sse_f64x2_le
#define w2l_f64x2_gt w2l_sse_f64x2_gt
#define w2l_f64x2_ge w2l_sse_f64x2_ge
#define w2l_i8x16_bitmask w2l_sse_i8x16_bitmask
#define w2l_i32x4_splat w2l_sse_i32x4_splat
#define w2l_f32x4_splat w2l_sse_f32x4_splat
#define w2l_f64x2_splat w2l_sse_f64x2_splat
#define w2l_i8x16_gt_u w2l_sse_i8x16_gt_u
#define w2l_i8x16_lt_u w2l_sse_i8x16_lt_u
#define w2l_i16x8_gt_u w2l_sse_i16x8_gt_u
#define w2l_i16x8_lt_u w2l_sse_i16x8_lt_u
#define w2l_i32x4_gt_u w2l_sse_i32x4_gt_u
#define w2l_i32x4_lt_u w2l_sse_i32x4_lt_u
#define w2l_load_v128_8x8_s w2l_sse_load_v128_8x8_s
#define w2l_load_v128_8x8_u w2l_sse_load_v128_8x8_u
#define w2l_load_v128_16x4_s w2l_sse_load_v128_16x4_s
#define w2l_load_v128_16x4_u w2l_sse_load_v128_16x4_u
#define w2l_load_v128_32x2_u w2l_sse_load_v128_32x2_u
#define w2l_load_v128_64_zero w2l_sse_load_v128_64_zero
#define w2l_load_v128_32_zero w2l_sse_load_v128_32_zero
#if !defined(__SSE4_1__)
#define w2l_i32x4_min_u w2l_sse_i32x4_min_u
#define w2l_i32x4_max_u w2l_sse_i32x4_max_u
#define w2l_i32x4_min_s w2l_sse_i32x4_min_s
#define w2l_i32x4_max_s w2l_sse_i32x4_max_s
#define w2l_i32x4_mul w2l_sse_i32x4_mul
#define w2l_i16x8_narrow_i32x4_u w2l_sse_i16x8_narrow_i32x4_u
#endif
#if defined(__SSSE3__)
#define w2l_i8x16_shuffle w2l_sse_i8x16_shuffle
#define w2l_i8x16_swizzle w2l_sse_i8x16_swizzle
#endif
#endif

#if defined(__SSE4_1__)
W2L_SSE_IBIN(i32x4_mul_sse41, _mm_mullo_epi32)
W2L_SSE_IBIN(i8x16_min_s, _mm_min_epi8)
W2L_SSE_IBIN(i8x16_max_s, _mm_max_epi8)
W2L_SSE_IBIN(i16x8_min_u, _mm_min_epu16)
W2L_SSE_IBIN(i16x8_max_u, _mm_max_epu16)
W2L_SSE_IBIN(i32x4_min_s_sse41, _mm_min_epi32)
W2L_SSE_IBIN(i32x4_max_s_sse41, _mm_max_epi32)
W2L_SSE_IBIN(i32x4_min_u_sse41, _mm_min_epu32)
W2L_SSE_IBIN(i32x4_max_u_sse41, _mm_max_epu32)
W2L_SSE_IBIN(i64x2_eq, _mm_cmpeq_epi64)
W2L_SSE_IBIN(i16x8_narrow_i32x4_u_sse41, _mm_packus_epi32)
#ifndef W2L_SIMD_NO_REDIRECT
#define w2l_i32x4_mul w2l_sse_i32x4_mul_sse41
#define w2l_i8x16_min_s w2l_sse_i8x16_min_s
#define w2l_i8x16_max_s w2l_sse_i8x16_max_s
#define w2l_i16x8_min_u w2l_sse_i16x8_min_u
#define w2l_i16x8_max_u w2l_sse_i16x8_max_u
#define w2l_i32x4_min_s w2l_sse_i32x4_min_s_sse41
#define w2l_i32x4_max_s w2l_sse_i32x4_max_s_sse41
#define w2l_i32x4_min_u w2l_sse_i32x4_min_u_sse41
#define w2l_i32x4_max_u w2l_sse_i32x4_max_u_sse41
#define w2l_i64x2_eq w2l_sse_i64x2_eq
#define w2l_i16x8_narrow_i32x4_u w2l_sse_i16x8_narrow_i32x4_u_sse41
#endif
#endif
#endif /* W2L_SIMD_SSE2 */

/* ===================================================================== */
/* Fast paths: the compiler's vector extensions (clang, gcc >= 12)        */
/* ===================================================================== */

/* Shuffles with constant indices become the host's best permutation
 * (pshufd, punpck*, shufps, pshufb; tbl on arm64).  An x86 build without
 * SSSE3 has no byte permutation: there w2l_shuffle8 uses pshufb when the
 * CPU has it (checked at run time) and the portable code otherwise. */
#if !defined(W2L_SIMD_PORTABLE) && (defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 12))
#define W2L_SIMD_VECTOR 1
typedef uint8_t w2l_vu8 __attribute__((vector_size(16)));
typedef uint16_t w2l_vu16 __attribute__((vector_size(16)));
typedef uint32_t w2l_vu32 __attribute__((vector_size(16)));
typedef uint64_t w2l_vu64 __attribute__((vector_size(16)));
/* w2l_v_as_uN: the vector as N-bit lanes; w2l_v_of_uN: back (x86 and arm64
 * are little-endian: byte i is byte i). */
#define W2L_V_VEC_CAST(n)                                                     \
  static inline w2l_vu##n w2l_v_as_u##n(w2l_v128 v) {                         \
    w2l_vu##n x;                                                              \
    memcpy(&x, &v, 16);                                                       \
    return x;                                                                 \
  }                                                                           \
  static inline w2l_v128 w2l_v_of_u##n(w2l_vu##n x) {                         \
    w2l_v128 v;                                                               \
    memcpy(&v, &x, 16);                                                       \
    return v;                                                                 \
  }
W2L_V_VEC_CAST(8)
W2L_V_VEC_CAST(16)
W2L_V_VEC_CAST(32)
W2L_V_VEC_CAST(64)
#define w2l_vec_shuffle64(a, b, k0, k1) \
  w2l_v_of_u64(__builtin_shufflevector(w2l_v_as_u64(a), w2l_v_as_u64(b), k0, k1))
#define w2l_vec_shuffle32(a, b, k0, k1, k2, k3) \
  w2l_v_of_u32(__builtin_shufflevector(w2l_v_as_u32(a), w2l_v_as_u32(b), k0, k1, k2, k3))
#define w2l_vec_shuffle16(a, b, k0, k1, k2, k3, k4, k5, k6, k7)                                    \
  w2l_v_of_u16(__builtin_shufflevector(w2l_v_as_u16(a), w2l_v_as_u16(b), k0, k1, k2, k3, k4, k5, \
                                       k6, k7))
#if defined(__x86_64__) && !defined(__SSSE3__)
#include <tmmintrin.h>
/* pshufb of a and of b, or-ed: an index with bit 7 set gives 0. */
__attribute__((target("ssse3"))) static __m128i w2l_ssse3_shuffle(__m128i a, __m128i b,
                                                                  __m128i ia, __m128i ib) {
  return _mm_or_si128(_mm_shuffle_epi8(a, ia), _mm_shuffle_epi8(b, ib));
}
/* Without SSSE3: the same from the pshufb indices, out of line so that the
 * fast path stays small enough to inline. */
__attribute__((noinline, cold)) static __m128i w2l_vec_shuffle8_slow(__m128i a, __m128i b,
                                                                     __m128i ia, __m128i ib) {
  uint8_t ka[16], kb[16], idx[16];
  memcpy(ka, &ia, 16);
  memcpy(kb, &ib, 16);
  for (unsigned i = 0; i < 16; i++) idx[i] = ka[i] < 16 ? ka[i] : (uint8_t)(kb[i] + 16);
  return w2l_sse_in(w2l_i8x16_shuffle(w2l_sse_out(a), w2l_sse_out(b), idx));
}
static inline w2l_v128 w2l_vec_shuffle8_x86(w2l_v128 a, w2l_v128 b, __m128i ia, __m128i ib) {
  if (__builtin_expect(__builtin_cpu_supports("ssse3"), 1))
    return w2l_sse_out(w2l_ssse3_shuffle(w2l_sse_in(a), w2l_sse_in(b), ia, ib));
  return w2l_sse_out(w2l_vec_shuffle8_slow(w2l_sse_in(a), w2l_sse_in(b), ia, ib));
}
/* pshufb indices of the lanes taken from a (k < 16) and from b (k >= 16). */
#define W2L_V_PA(k) (char)((k) < 16 ? (k) : -128)
#define W2L_V_PB(k) (char)((k) >= 16 ? (k) - 16 : -128)
#define w2l_vec_shuffle8(a, b, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, \
                         k15)                                                                  \
  w2l_vec_shuffle8_x86(                                                                        \
      a, b,                                                                                    \
      _mm_setr_epi8(W2L_V_PA(k0), W2L_V_PA(k1), W2L_V_PA(k2), W2L_V_PA(k3), W2L_V_PA(k4),      \
                    W2L_V_PA(k5), W2L_V_PA(k6), W2L_V_PA(k7), W2L_V_PA(k8), W2L_V_PA(k9),      \
                    W2L_V_PA(k10), W2L_V_PA(k11), W2L_V_PA(k12), W2L_V_PA(k13), W2L_V_PA(k14), \
                    W2L_V_PA(k15)),                                                            \
      _mm_setr_epi8(W2L_V_PB(k0), W2L_V_PB(k1), W2L_V_PB(k2), W2L_V_PB(k3), W2L_V_PB(k4),      \
                    W2L_V_PB(k5), W2L_V_PB(k6), W2L_V_PB(k7), W2L_V_PB(k8), W2L_V_PB(k9),      \
                    W2L_V_PB(k10), W2L_V_PB(k11), W2L_V_PB(k12), W2L_V_PB(k13), W2L_V_PB(k14), \
                    W2L_V_PB(k15)))
#else
#define w2l_vec_shuffle8(a, b, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, \
                         k15)                                                                  \
  w2l_v_of_u8(__builtin_shufflevector(w2l_v_as_u8(a), w2l_v_as_u8(b), k0, k1, k2, k3, k4, k5,  \
                                      k6, k7, k8, k9, k10, k11, k12, k13, k14, k15))
#endif
/* splat, extract_lane and replace_lane as vector element accesses. */
#define W2L_V_VEC_LANES(s, n, stype)                                                      \
  static inline w2l_v128 w2l_vec_##s##_splat(stype x) {                                   \
    return w2l_v_of_u##n(w2l_v_as_u##n(w2l_v128_zero()) + (uint##n##_t)x);                \
  }                                                                                       \
  static inline w2l_v128 w2l_vec_##s##_replace_lane(w2l_v128 v, stype x, unsigned i) {    \
    w2l_vu##n t = w2l_v_as_u##n(v);                                                       \
    t[i] = (uint##n##_t)x;                                                                \
    return w2l_v_of_u##n(t);                                                              \
  }
W2L_V_VEC_LANES(i8x16, 8, uint32_t)
W2L_V_VEC_LANES(i16x8, 16, uint32_t)
W2L_V_VEC_LANES(i32x4, 32, uint32_t)
W2L_V_VEC_LANES(i64x2, 64, uint64_t)
static inline uint32_t w2l_vec_i8x16_extract_lane_s(w2l_v128 v, unsigned i) {
  return (uint32_t)w2l_v_sext(w2l_v_as_u8(v)[i], 8);
}
static inline uint32_t w2l_vec_i8x16_extract_lane_u(w2l_v128 v, unsigned i) {
  return w2l_v_as_u8(v)[i];
}
static inline uint32_t w2l_vec_i16x8_extract_lane_s(w2l_v128 v, unsigned i) {
  return (uint32_t)w2l_v_sext(w2l_v_as_u16(v)[i], 16);
}
static inline uint32_t w2l_vec_i16x8_extract_lane_u(w2l_v128 v, unsigned i) {
  return w2l_v_as_u16(v)[i];
}
static inline uint32_t w2l_vec_i32x4_extract_lane(w2l_v128 v, unsigned i) {
  return w2l_v_as_u32(v)[i];
}
static inline uint64_t w2l_vec_i64x2_extract_lane(w2l_v128 v, unsigned i) {
  return w2l_v_as_u64(v)[i];
}
#ifndef W2L_SIMD_NO_REDIRECT
#define w2l_i8x16_splat w2l_vec_i8x16_splat
#define w2l_i16x8_splat w2l_vec_i16x8_splat
#undef w2l_i32x4_splat
#define w2l_i32x4_splat w2l_vec_i32x4_splat
#define w2l_i64x2_splat w2l_vec_i64x2_splat
#define w2l_i8x16_replace_lane w2l_vec_i8x16_replace_lane
#define w2l_i16x8_replace_lane w2l_vec_i16x8_replace_lane
#define w2l_i32x4_replace_lane w2l_vec_i32x4_replace_lane
#define w2l_i64x2_replace_lane w2l_vec_i64x2_replace_lane
#define w2l_i8x16_extract_lane_s w2l_vec_i8x16_extract_lane_s
#define w2l_i8x16_extract_lane_u w2l_vec_i8x16_extract_lane_u
#define w2l_i16x8_extract_lane_s w2l_vec_i16x8_extract_lane_s
#define w2l_i16x8_extract_lane_u w2l_vec_i16x8_extract_lane_u
#define w2l_i32x4_extract_lane w2l_vec_i32x4_extract_lane
#define w2l_i64x2_extract_lane w2l_vec_i64x2_extract_lane
#define w2l_shuffle64 w2l_vec_shuffle64
#define w2l_shuffle32 w2l_vec_shuffle32
#define w2l_shuffle16 w2l_vec_shuffle16
#define w2l_shuffle8 w2l_vec_shuffle8
#endif
#endif /* W2L_SIMD_VECTOR */

#ifndef w2l_shuffle64
#define w2l_shuffle64 w2l_v_shuffle64
#define w2l_shuffle32 w2l_v_shuffle32
#define w2l_shuffle16 w2l_v_shuffle16
#define w2l_shuffle8 w2l_v_shuffle8
#endif


/* ===================================================================== */
/* Relaxed SIMD (WebAssembly 3.0, opcodes 0xFD 0x100..0x113)              */
/* ===================================================================== */

/* The spec lets each relaxed instruction give one of a few results, chosen
 * once per implementation (its "global parameter" R).  We always choose
 * R = 0, the spec's deterministic profile: every relaxed instruction gives the
 * result of the regular instruction it relaxes, on every host and with or
 * without fast paths.  These helpers therefore call the regular ones (and get
 * their fast paths, the redirections above being defined by now); only the
 * dot products are new code.  README.md ("Relaxed SIMD") lists the choices. */

/* Index >= 16 gives 0 (R_swizzle = 0), as i8x16.swizzle. */
static inline w2l_v128 w2l_i8x16_relaxed_swizzle(w2l_v128 a, w2l_v128 s) {
  return w2l_i8x16_swizzle(a, s);
}
/* NaN gives 0, out of range saturates (R_trunc = 0), as i32x4.trunc_sat_f32x4_s. */
static inline w2l_v128 w2l_i32x4_relaxed_trunc_f32x4_s(w2l_v128 a) {
  return w2l_i32x4_trunc_sat_f32x4_s(a);
}
/* NaN and negatives give 0, too large gives 0xffffffff, as i32x4.trunc_sat_f32x4_u. */
static inline w2l_v128 w2l_i32x4_relaxed_trunc_f32x4_u(w2l_v128 a) {
  return w2l_i32x4_trunc_sat_f32x4_u(a);
}
/* As i32x4.trunc_sat_f64x2_s_zero (lanes 2 and 3 are 0). */
static inline w2l_v128 w2l_i32x4_relaxed_trunc_f64x2_s_zero(w2l_v128 a) {
  return w2l_i32x4_trunc_sat_f64x2_s_zero(a);
}
/* As i32x4.trunc_sat_f64x2_u_zero (lanes 2 and 3 are 0). */
static inline w2l_v128 w2l_i32x4_relaxed_trunc_f64x2_u_zero(w2l_v128 a) {
  return w2l_i32x4_trunc_sat_f64x2_u_zero(a);
}
/* a * b + c unfused (R_fmadd = 0): the product is rounded, then the sum, as
 * f32x4.mul then f32x4.add.  (A fused result would need FMA hardware to be
 * fast, which baseline x86-64 lacks.) */
static inline w2l_v128 w2l_f32x4_relaxed_madd(w2l_v128 a, w2l_v128 b, w2l_v128 c) {
  return w2l_f32x4_add(w2l_f32x4_mul(a, b), c);
}
/* -a * b + c unfused, as f32x4.neg, f32x4.mul then f32x4.add. */
static inline w2l_v128 w2l_f32x4_relaxed_nmadd(w2l_v128 a, w2l_v128 b, w2l_v128 c) {
  return w2l_f32x4_add(w2l_f32x4_mul(w2l_f32x4_neg(a), b), c);
}
/* a * b + c unfused, as f64x2.mul then f64x2.add. */
static inline w2l_v128 w2l_f64x2_relaxed_madd(w2l_v128 a, w2l_v128 b, w2l_v128 c) {
  return w2l_f64x2_add(w2l_f64x2_mul(a, b), c);
}
/* -a * b + c unfused, as f64x2.neg, f64x2.mul then f64x2.add. */
static inline w2l_v128 w2l_f64x2_relaxed_nmadd(w2l_v128 a, w2l_v128 b, w2l_v128 c) {
  return w2l_f64x2_add(w2l_f64x2_mul(w2l_f64x2_neg(a), b), c);
}
/* Bits of a where m is 1, of b where m is 0, whatever the lane shape
 * (R_laneselect = 0: the mask is not widened from each lane's top bit), as
 * v128.bitselect. */
static inline w2l_v128 w2l_i8x16_relaxed_laneselect(w2l_v128 a, w2l_v128 b, w2l_v128 m) {
  return w2l_v128_bitselect(a, b, m);
}
/* As w2l_i8x16_relaxed_laneselect. */
static inline w2l_v128 w2l_i16x8_relaxed_laneselect(w2l_v128 a, w2l_v128 b, w2l_v128 m) {
  return w2l_v128_bitselect(a, b, m);
}
/* As w2l_i8x16_relaxed_laneselect. */
static inline w2l_v128 w2l_i32x4_relaxed_laneselect(w2l_v128 a, w2l_v128 b, w2l_v128 m) {
  return w2l_v128_bitselect(a, b, m);
}
/* As w2l_i8x16_relaxed_laneselect. */
static inline w2l_v128 w2l_i64x2_relaxed_laneselect(w2l_v128 a, w2l_v128 b, w2l_v128 m) {
  return w2l_v128_bitselect(a, b, m);
}
/* A NaN operand gives a NaN, min(+0, -0) is -0 (R_fmin = 0), as f32x4.min. */
static inline w2l_v128 w2l_f32x4_relaxed_min(w2l_v128 a, w2l_v128 b) {
  return w2l_f32x4_min(a, b);
}
/* A NaN operand gives a NaN, max(+0, -0) is +0 (R_fmax = 0), as f32x4.max. */
static inline w2l_v128 w2l_f32x4_relaxed_max(w2l_v128 a, w2l_v128 b) {
  return w2l_f32x4_max(a, b);
}
/* As f64x2.min. */
static inline w2l_v128 w2l_f64x2_relaxed_min(w2l_v128 a, w2l_v128 b) {
  return w2l_f64x2_min(a, b);
}
/* As f64x2.max. */
static inline w2l_v128 w2l_f64x2_relaxed_max(w2l_v128 a, w2l_v128 b) {
  return w2l_f64x2_max(a, b);
}
/* -32768 * -32768 gives 32767 (R_iq15mulr = 0), as i16x8.q15mulr_sat_s. */
static inline w2l_v128 w2l_i16x8_relaxed_q15mulr_s(w2l_v128 a, w2l_v128 b) {
  return w2l_i16x8_q15mulr_sat_s(a, b);
}

/* The dot products take the bytes of b as signed (R_idot = 0), so a byte 0x80
 * of b counts -128, not 128.  Lane i of the i16x8 one is
 * sat_s16(a[2i] * b[2i] + a[2i+1] * b[2i+1]): only -128 * -128 twice
 * saturates (to 32767). */
static inline int64_t w2l_v_dot_i8_pair(const w2l_v128 *a, const w2l_v128 *b, unsigned i) {
  int64_t s = 0;
  for (unsigned k = 2 * i; k < 2 * i + 2; k++) s += w2l_v_sext(a->b[k], 8) * w2l_v_sext(b->b[k], 8);
  return w2l_v_clamp(s, -32768, 32767);
}
/* Pairs of signed byte products, summed with signed saturation into i16 lanes. */
static inline w2l_v128 w2l_i16x8_relaxed_dot_i8x16_i7x16_s(w2l_v128 a, w2l_v128 b) {
  w2l_v128 r;
  for (unsigned i = 0; i < 8; i++) w2l_v_set(&r, i, 2, (uint64_t)w2l_v_dot_i8_pair(&a, &b, i));
  return r;
}
/* The i16x8 dot product above, its lanes added pairwise into i32 lanes, plus c
 * (wrapping), as i32x4.extadd_pairwise_i16x8_s then i32x4.add. */
static inline w2l_v128 w2l_i32x4_relaxed_dot_i8x16_i7x16_add_s(w2l_v128 a, w2l_v128 b,
                                                               w2l_v128 c) {
  w2l_v128 r;
  for (unsigned i = 0; i < 4; i++) {
    uint64_t s = (uint64_t)w2l_v_dot_i8_pair(&a, &b, 2 * i) +
                 (uint64_t)w2l_v_dot_i8_pair(&a, &b, 2 * i + 1) + w2l_v_get(&c, i, 4);
    w2l_v_set(&r, i, 4, s);
  }
  return r;
}
#if W2L_SIMD_SSE2
/* Even and odd bytes sign-extended to i16, multiplied (no overflow), summed with
 * saturation: the i16x8 dot product in six SSE2 instructions. */
static inline __m128i w2l_sse_dot_i8(__m128i a, __m128i b) {
  __m128i even = _mm_mullo_epi16(_mm_srai_epi16(_mm_slli_epi16(a, 8), 8),
                                 _mm_srai_epi16(_mm_slli_epi16(b, 8), 8));
  __m128i odd = _mm_mullo_epi16(_mm_srai_epi16(a, 8), _mm_srai_epi16(b, 8));
  return _mm_adds_epi16(even, odd);
}
W2L_SSE_IBIN(i16x8_relaxed_dot_i8x16_i7x16_s, w2l_sse_dot_i8)
/* pmaddwd by ones adds the i16 lanes pairwise into i32 lanes. */
static inline w2l_v128 w2l_sse_i32x4_relaxed_dot_i8x16_i7x16_add_s(w2l_v128 a, w2l_v128 b,
                                                                   w2l_v128 c) {
  __m128i d = _mm_madd_epi16(w2l_sse_dot_i8(w2l_sse_in(a), w2l_sse_in(b)), _mm_set1_epi16(1));
  return w2l_sse_out(_mm_add_epi32(d, w2l_sse_in(c)));
}
#ifndef W2L_SIMD_NO_REDIRECT
#define w2l_i16x8_relaxed_dot_i8x16_i7x16_s w2l_sse_i16x8_relaxed_dot_i8x16_i7x16_s
#define w2l_i32x4_relaxed_dot_i8x16_i7x16_add_s w2l_sse_i32x4_relaxed_dot_i8x16_i7x16_add_s
#endif
#endif

#endif
