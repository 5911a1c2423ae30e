/* w2l_numeric.h - exact numeric helpers for emitted code (included by w2l.h).
 *
 * Every helper is static inline and free of undefined behaviour: integer
 * arithmetic is unsigned, shift counts are masked, signed division is checked
 * before it is done, float-to-int conversions are range-checked before the C
 * conversion, and bit patterns move between integer and float types through
 * memcpy.  Trapping helpers call w2l_trap_raise() (declared in w2l.h).
 *
 * NaN results: the spec lets arithmetic produce any quiet NaN with an
 * "arithmetic" payload, and requires the canonical NaN when every NaN operand
 * was canonical.  C arithmetic on IEEE hardware satisfies that; where a helper
 * builds a NaN itself (min/max, demote/promote) it quiets an operand's payload.
 *
 * On x86-64 and other targets with FLT_EVAL_METHOD 0 the helpers need no libm;
 * elsewhere emitted code calls ceil, floor, trunc, nearbyint and sqrt (link -lm).
 */
#ifndef W2L_NUMERIC_H
#define W2L_NUMERIC_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Wasm float arithmetic rounds after every operation: no fused multiply-add.
 * clang contracts a * b + c by default (and folds constants that way even on
 * targets without FMA); this turns that off for the rest of the translation
 * unit.  (GCC does not contract across ISO C expressions without -ffp-contract=fast
 * in -std=c11 mode.) */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* ---- reinterpretations (bit-exact, NaN payloads preserved) ---- */

static inline uint32_t w2l_i32_reinterpret_f32(float x) {
  uint32_t u;
  memcpy(&u, &x, 4);
  return u;
}
static inline uint64_t w2l_i64_reinterpret_f64(double x) {
  uint64_t u;
  memcpy(&u, &x, 8);
  return u;
}
static inline float w2l_f32_reinterpret_i32(uint32_t u) {
  float x;
  memcpy(&x, &u, 4);
  return x;
}
static inline double w2l_f64_reinterpret_i64(uint64_t u) {
  double x;
  memcpy(&x, &u, 8);
  return x;
}

/* ---- integer division and remainder (trap on zero and INT_MIN / -1) ---- */

static inline uint32_t w2l_i32_div_s(uint32_t a, uint32_t b) {
  if (W2L_UNLIKELY(b == 0)) w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
  if (W2L_UNLIKELY(a == 0x80000000u && b == 0xFFFFFFFFu)) w2l_trap_raise(W2L_TRAP_INT_OVERFLOW);
  return (uint32_t)((int32_t)a / (int32_t)b);
}
static inline uint32_t w2l_i32_div_u(uint32_t a, uint32_t b) {
  if (W2L_UNLIKELY(b == 0)) w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
  return a / b;
}
static inline uint32_t w2l_i32_rem_s(uint32_t a, uint32_t b) {
  if (W2L_UNLIKELY(b == 0)) w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
  if (b == 0xFFFFFFFFu) return 0; /* INT_MIN % -1 would overflow in C; the answer is 0 */
  return (uint32_t)((int32_t)a % (int32_t)b);
}
static inline uint32_t w2l_i32_rem_u(uint32_t a, uint32_t b) {
  if (W2L_UNLIKELY(b == 0)) w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
  return a % b;
}
static inline uint64_t w2l_i64_div_s(uint64_t a, uint64_t b) {
  if (W2L_UNLIKELY(b == 0)) w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
  if (W2L_UNLIKELY(a == UINT64_C(0x8000000000000000) && b == UINT64_MAX))
    w2l_trap_raise(W2L_TRAP_INT_OVERFLOW);
  return (uint64_t)((int64_t)a / (int64_t)b);
}
static inline uint64_t w2l_i64_div_u(uint64_t a, uint64_t b) {
  if (W2L_UNLIKELY(b == 0)) w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
  return a / b;
}
static inline uint64_t w2l_i64_rem_s(uint64_t a, uint64_t b) {
  if (W2L_UNLIKELY(b == 0)) w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
  if (b == UINT64_MAX) return 0;
  return (uint64_t)((int64_t)a % (int64_t)b);
}
static inline uint64_t w2l_i64_rem_u(uint64_t a, uint64_t b) {
  if (W2L_UNLIKELY(b == 0)) w2l_trap_raise(W2L_TRAP_INT_DIV_ZERO);
  return a % b;
}

/* ---- shifts and rotates (counts modulo the width) ---- */

/* Arithmetic right shift without relying on the implementation-defined >> of
 * negative values: shift the complement and complement back. */
static inline uint32_t w2l_i32_shr_s(uint32_t a, uint32_t b) {
  b &= 31;
  return (a & 0x80000000u) ? ~(~a >> b) : a >> b;
}
static inline uint64_t w2l_i64_shr_s(uint64_t a, uint64_t b) {
  b &= 63;
  return (a & UINT64_C(0x8000000000000000)) ? ~(~a >> b) : a >> b;
}
static inline uint32_t w2l_i32_rotl(uint32_t a, uint32_t b) {
  return (a << (b & 31)) | (a >> ((32 - (b & 31)) & 31));
}
static inline uint32_t w2l_i32_rotr(uint32_t a, uint32_t b) {
  return (a >> (b & 31)) | (a << ((32 - (b & 31)) & 31));
}
static inline uint64_t w2l_i64_rotl(uint64_t a, uint64_t b) {
  return (a << (b & 63)) | (a >> ((64 - (b & 63)) & 63));
}
static inline uint64_t w2l_i64_rotr(uint64_t a, uint64_t b) {
  return (a >> (b & 63)) | (a << ((64 - (b & 63)) & 63));
}

/* ---- bit counts (defined for 0: clz/ctz give the width) ---- */

#if defined(__GNUC__)
static inline uint32_t w2l_i32_clz(uint32_t a) { return a ? (uint32_t)__builtin_clz(a) : 32; }
static inline uint32_t w2l_i32_ctz(uint32_t a) { return a ? (uint32_t)__builtin_ctz(a) : 32; }
static inline uint32_t w2l_i32_popcnt(uint32_t a) { return (uint32_t)__builtin_popcount(a); }
static inline uint64_t w2l_i64_clz(uint64_t a) { return a ? (uint64_t)__builtin_clzll(a) : 64; }
static inline uint64_t w2l_i64_ctz(uint64_t a) { return a ? (uint64_t)__builtin_ctzll(a) : 64; }
static inline uint64_t w2l_i64_popcnt(uint64_t a) { return (uint64_t)__builtin_popcountll(a); }
#else
static inline uint64_t w2l_i64_clz(uint64_t a) {
  uint64_t n = 0;
  if (!a) return 64;
  while (!(a & UINT64_C(0x8000000000000000))) {
    a <<= 1;
    n++;
  }
  return n;
}
static inline uint64_t w2l_i64_ctz(uint64_t a) {
  uint64_t n = 0;
  if (!a) return 64;
  while (!(a & 1)) {
    a >>= 1;
    n++;
  }
  return n;
}
static inline uint64_t w2l_i64_popcnt(uint64_t a) {
  uint64_t n = 0;
  for (; a; a &= a - 1) n++;
  return n;
}
static inline uint32_t w2l_i32_clz(uint32_t a) { return (uint32_t)w2l_i64_clz(a) - 32; }
static inline uint32_t w2l_i32_ctz(uint32_t a) { return a ? (uint32_t)w2l_i64_ctz(a) : 32; }
static inline uint32_t w2l_i32_popcnt(uint32_t a) { return (uint32_t)w2l_i64_popcnt(a); }
#endif

/* ---- NaN quieting ----
 * The result of an arithmetic instruction on a signalling NaN must be quiet.
 * The hardware does that, but a C compiler may fold x * 1.0 or x - 0.0 into x;
 * emitted code wraps such operations in these (a no-op for other values). */

static inline float w2l_f32_quiet(float x) {
  return x != x ? w2l_f32_reinterpret_i32(w2l_i32_reinterpret_f32(x) | 0x00400000u) : x;
}
static inline double w2l_f64_quiet(double x) {
  return x != x ? w2l_f64_reinterpret_i64(w2l_i64_reinterpret_f64(x) | UINT64_C(0x0008000000000000))
                : x;
}

/* ---- sign bit operations: pure bit manipulation, NaN payloads untouched ---- */

static inline float w2l_f32_abs(float x) {
  return w2l_f32_reinterpret_i32(w2l_i32_reinterpret_f32(x) & 0x7FFFFFFFu);
}
static inline float w2l_f32_neg(float x) {
  return w2l_f32_reinterpret_i32(w2l_i32_reinterpret_f32(x) ^ 0x80000000u);
}
static inline float w2l_f32_copysign(float x, float y) {
  return w2l_f32_reinterpret_i32((w2l_i32_reinterpret_f32(x) & 0x7FFFFFFFu) |
                                 (w2l_i32_reinterpret_f32(y) & 0x80000000u));
}
static inline double w2l_f64_abs(double x) {
  return w2l_f64_reinterpret_i64(w2l_i64_reinterpret_f64(x) & UINT64_C(0x7FFFFFFFFFFFFFFF));
}
static inline double w2l_f64_neg(double x) {
  return w2l_f64_reinterpret_i64(w2l_i64_reinterpret_f64(x) ^ UINT64_C(0x8000000000000000));
}
static inline double w2l_f64_copysign(double x, double y) {
  return w2l_f64_reinterpret_i64((w2l_i64_reinterpret_f64(x) & UINT64_C(0x7FFFFFFFFFFFFFFF)) |
                                 (w2l_i64_reinterpret_f64(y) & UINT64_C(0x8000000000000000)));
}

/* ---- rounding and square root ----
 * Where the C implementation evaluates float and double in their own precision
 * (FLT_EVAL_METHOD 0, e.g. x86-64 SSE, AArch64) rounding is done inline with
 * integer conversions and the 2^52 trick, and x86 square roots with SSE
 * instructions, so emitted code needs no libm there.  Elsewhere libm is used.
 * A NaN operand gives the same NaN, quieted (x + x). */

#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
static inline float w2l_f32_trunc(float x) {
  if (x != x) return x + x;
  if (!(w2l_f32_abs(x) < 8388608.0f)) return x; /* |x| >= 2^23: already integral */
  return w2l_f32_copysign((float)(int32_t)x, x);
}
static inline float w2l_f32_floor(float x) {
  float t = w2l_f32_trunc(x);
  return t > x ? t - 1.0f : t;
}
static inline float w2l_f32_ceil(float x) {
  float t = w2l_f32_trunc(x);
  return t < x ? t + 1.0f : t;
}
/* Round to nearest, ties to even: adding and removing 2^23 rounds |x| < 2^23
 * to an integer in the default rounding mode, which emitted code never changes. */
static inline float w2l_f32_nearest(float x) {
  if (x != x) return x + x;
  float a = w2l_f32_abs(x);
  if (!(a < 8388608.0f)) return x;
  return w2l_f32_copysign((a + 8388608.0f) - 8388608.0f, x);
}
static inline double w2l_f64_trunc(double x) {
  if (x != x) return x + x;
  if (!(w2l_f64_abs(x) < 4503599627370496.0)) return x; /* |x| >= 2^52 */
  return w2l_f64_copysign((double)(int64_t)x, x);
}
static inline double w2l_f64_floor(double x) {
  double t = w2l_f64_trunc(x);
  return t > x ? t - 1.0 : t;
}
static inline double w2l_f64_ceil(double x) {
  double t = w2l_f64_trunc(x);
  return t < x ? t + 1.0 : t;
}
static inline double w2l_f64_nearest(double x) {
  if (x != x) return x + x;
  double a = w2l_f64_abs(x);
  if (!(a < 4503599627370496.0)) return x;
  return w2l_f64_copysign((a + 4503599627370496.0) - 4503599627370496.0, x);
}
#else
static inline float w2l_f32_ceil(float x) { return ceilf(x); }
static inline float w2l_f32_floor(float x) { return floorf(x); }
static inline float w2l_f32_trunc(float x) { return truncf(x); }
static inline float w2l_f32_nearest(float x) { return nearbyintf(x); }
static inline double w2l_f64_ceil(double x) { return ceil(x); }
static inline double w2l_f64_floor(double x) { return floor(x); }
static inline double w2l_f64_trunc(double x) { return trunc(x); }
static inline double w2l_f64_nearest(double x) { return nearbyint(x); }
#endif

#if defined(__SSE2__)
static inline float w2l_f32_sqrt(float x) { return _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(x))); }
static inline double w2l_f64_sqrt(double x) {
  __m128d v = _mm_set_sd(x);
  return _mm_cvtsd_f64(_mm_sqrt_sd(v, v));
}
#else
static inline float w2l_f32_sqrt(float x) { return sqrtf(x); }
static inline double w2l_f64_sqrt(double x) { return sqrt(x); }
#endif

/* ---- min / max: NaN if either operand is NaN, -0 < +0 ---- */

static inline float w2l_f32_min(float a, float b) {
  if (a != a || b != b) return a + b; /* a quiet NaN from the NaN operand(s) */
  if (a == b)                         /* equal, or +0 and -0: the one with the sign bit wins */
    return w2l_f32_reinterpret_i32(w2l_i32_reinterpret_f32(a) | w2l_i32_reinterpret_f32(b));
  return a < b ? a : b;
}
static inline float w2l_f32_max(float a, float b) {
  if (a != a || b != b) return a + b;
  if (a == b)
    return w2l_f32_reinterpret_i32(w2l_i32_reinterpret_f32(a) & w2l_i32_reinterpret_f32(b));
  return a > b ? a : b;
}
static inline double w2l_f64_min(double a, double b) {
  if (a != a || b != b) return a + b;
  if (a == b)
    return w2l_f64_reinterpret_i64(w2l_i64_reinterpret_f64(a) | w2l_i64_reinterpret_f64(b));
  return a < b ? a : b;
}
static inline double w2l_f64_max(double a, double b) {
  if (a != a || b != b) return a + b;
  if (a == b)
    return w2l_f64_reinterpret_i64(w2l_i64_reinterpret_f64(a) & w2l_i64_reinterpret_f64(b));
  return a > b ? a : b;
}

/* ---- demote / promote: NaNs keep sign and the top payload bits, quieted ---- */

static inline float w2l_f32_demote_f64(double x) {
  if (x != x) {
    uint64_t u = w2l_i64_reinterpret_f64(x);
    uint32_t sign = (uint32_t)(u >> 32) & 0x80000000u;
    uint32_t payload = (uint32_t)(u >> 29) & 0x007FFFFFu;
    return w2l_f32_reinterpret_i32(sign | 0x7FC00000u | payload);
  }
  return (float)x;
}
static inline double w2l_f64_promote_f32(float x) {
  if (x != x) {
    uint32_t u = w2l_i32_reinterpret_f32(x);
    uint64_t sign = (uint64_t)(u & 0x80000000u) << 32;
    uint64_t payload = (uint64_t)(u & 0x007FFFFFu) << 29;
    return w2l_f64_reinterpret_i64(sign | UINT64_C(0x7FF8000000000000) | payload);
  }
  return (double)x;
}

/* ---- trapping float -> int: NaN is an invalid conversion, out of range overflows ----
 * Each range is the open interval of values whose truncation fits, written with
 * bounds that are exact in the source type. */

#define W2L_DEFINE_TRUNC(name, rtype, ftype, lo, hi, ctype)                           \
  static inline rtype w2l_##name(ftype x) {                                           \
    if (W2L_UNLIKELY(x != x)) w2l_trap_raise(W2L_TRAP_INVALID_CONVERSION);            \
    if (W2L_UNLIKELY(!(x > (lo) && x < (hi)))) w2l_trap_raise(W2L_TRAP_INT_OVERFLOW); \
    return (rtype)(ctype)x;                                                           \
  }
W2L_DEFINE_TRUNC(i32_trunc_f32_s, uint32_t, float, -2147483904.0f, 2147483648.0f, int32_t)
W2L_DEFINE_TRUNC(i32_trunc_f32_u, uint32_t, float, -1.0f, 4294967296.0f, uint32_t)
W2L_DEFINE_TRUNC(i32_trunc_f64_s, uint32_t, double, -2147483649.0, 2147483648.0, int32_t)
W2L_DEFINE_TRUNC(i32_trunc_f64_u, uint32_t, double, -1.0, 4294967296.0, uint32_t)
W2L_DEFINE_TRUNC(i64_trunc_f32_s, uint64_t, float, -9223373136366403584.0f, 9223372036854775808.0f,
                 int64_t)
W2L_DEFINE_TRUNC(i64_trunc_f32_u, uint64_t, float, -1.0f, 18446744073709551616.0f, uint64_t)
W2L_DEFINE_TRUNC(i64_trunc_f64_s, uint64_t, double, -9223372036854777856.0, 9223372036854775808.0,
                 int64_t)
W2L_DEFINE_TRUNC(i64_trunc_f64_u, uint64_t, double, -1.0, 18446744073709551616.0, uint64_t)
#undef W2L_DEFINE_TRUNC

/* ---- saturating float -> int: NaN gives 0, out of range clamps ---- */

#define W2L_DEFINE_TRUNC_SAT(name, rtype, ftype, lo, hi, ctype, minv, maxv) \
  static inline rtype w2l_##name(ftype x) {                                 \
    if (x != x) return 0;                                                   \
    if (!(x > (lo))) return (rtype)(minv);                                  \
    if (!(x < (hi))) return (rtype)(maxv);                                  \
    return (rtype)(ctype)x;                                                 \
  }
W2L_DEFINE_TRUNC_SAT(i32_trunc_sat_f32_s, uint32_t, float, -2147483904.0f, 2147483648.0f, int32_t,
                     0x80000000u, 0x7FFFFFFFu)
W2L_DEFINE_TRUNC_SAT(i32_trunc_sat_f32_u, uint32_t, float, -1.0f, 4294967296.0f, uint32_t, 0u,
                     0xFFFFFFFFu)
W2L_DEFINE_TRUNC_SAT(i32_trunc_sat_f64_s, uint32_t, double, -2147483649.0, 2147483648.0, int32_t,
                     0x80000000u, 0x7FFFFFFFu)
W2L_DEFINE_TRUNC_SAT(i32_trunc_sat_f64_u, uint32_t, double, -1.0, 4294967296.0, uint32_t, 0u,
                     0xFFFFFFFFu)
W2L_DEFINE_TRUNC_SAT(i64_trunc_sat_f32_s, uint64_t, float, -9223373136366403584.0f,
                     9223372036854775808.0f, int64_t, UINT64_C(0x8000000000000000),
                     UINT64_C(0x7FFFFFFFFFFFFFFF))
W2L_DEFINE_TRUNC_SAT(i64_trunc_sat_f32_u, uint64_t, float, -1.0f, 18446744073709551616.0f, uint64_t,
                     0u, UINT64_MAX)
W2L_DEFINE_TRUNC_SAT(i64_trunc_sat_f64_s, uint64_t, double, -9223372036854777856.0,
                     9223372036854775808.0, int64_t, UINT64_C(0x8000000000000000),
                     UINT64_C(0x7FFFFFFFFFFFFFFF))
W2L_DEFINE_TRUNC_SAT(i64_trunc_sat_f64_u, uint64_t, double, -1.0, 18446744073709551616.0, uint64_t,
                     0u, UINT64_MAX)
#undef W2L_DEFINE_TRUNC_SAT

/* ---- other helpers for emitted code ---- */

/* A load whose value is dropped: still checked, and in guard mode really
 * performed (volatile), so that an out-of-bounds address traps. */
static inline void w2l_touch(const uint8_t *base, uint64_t size, uint64_t addr, unsigned n) {
  W2L_CHECK(size, addr, n);
  (void)*(const volatile uint8_t *)(base + addr + n - 1);
}

/* Reload the base and size of memory m that a function keeps in locals, after
 * calls and memory.grow.  In guard mode the data never moves and the size is
 * not used by the checks, so there is nothing to do. */
#if W2L_BOUNDS == W2L_BOUNDS_GUARD
#define W2L_MEM_RELOAD(base_, size_, mem_) ((void)0)
#else
#define W2L_MEM_RELOAD(base_, size_, mem_) ((base_) = (mem_)->data, (size_) = (mem_)->size)
#endif
/* The same for a shared memory, whose data never moves and whose size another
 * thread may grow at any time: the size is read atomically.  Emitted code
 * reloads it after calls, memory.grow and atomic instructions (the points where
 * a thread can learn of another's grow); an access past a stale, smaller size
 * is one that raced with the grow, which may trap. */
#if W2L_BOUNDS == W2L_BOUNDS_GUARD
#define W2L_MEM_RELOAD_SHARED(base_, size_, mem_) ((void)0)
#else
#define W2L_MEM_RELOAD_SHARED(base_, size_, mem_) \
  ((size_) = __atomic_load_n(&(mem_)->size, __ATOMIC_ACQUIRE))
#endif

#endif
