;; i64 and f64 arithmetic mixed: a wrapping polynomial, unsigned division and
;; remainder, shifts and rotations by counts past 63, bit counts, conversions
;; both ways (signed, unsigned, saturating, trapping), rounding, min/max with
;; NaN and signed zeros, and reinterpreting the bits.  The host computes what
;; it can in C and marks a difference with "(WRONG)".
(module
  ;; 3x^3 - 7x + 11, wrapping
  (func (export "poly") (param $x i64) (result i64)
    (i64.add
      (i64.sub
        (i64.mul (i64.const 3) (i64.mul (local.get $x) (i64.mul (local.get $x) (local.get $x))))
        (i64.mul (i64.const 7) (local.get $x)))
      (i64.const 11)))
  (func (export "divrem_u") (param i64 i64) (result i64 i64)
    (i64.div_u (local.get 0) (local.get 1)) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "shifts") (param $x i64) (param $k i64) (result i64 i64 i64 i64)
    (i64.shl (local.get $x) (local.get $k))
    (i64.shr_s (local.get $x) (local.get $k))
    (i64.rotl (local.get $x) (local.get $k))
    (i64.rotr (local.get $x) (local.get $k)))
  (func (export "bits") (param $x i64) (result i64 i64 i64)
    (i64.clz (local.get $x)) (i64.ctz (local.get $x)) (i64.popcnt (local.get $x)))
  ;; The mean of two i64 as f64, and back to i64 (truncating toward zero).
  (func (export "mean") (param $a i64) (param $b i64) (result f64 i64)
    (local $m f64)
    (local.set $m
      (f64.div (f64.add (f64.convert_i64_s (local.get $a)) (f64.convert_i64_s (local.get $b)))
               (f64.const 2)))
    (local.get $m)
    (i64.trunc_f64_s (local.get $m)))
  (func (export "from_u64") (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
  (func (export "to_u64") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "to_u64_sat") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
  (func (export "round") (param $x f64) (result f64 f64 f64 f64)
    (f64.floor (local.get $x)) (f64.ceil (local.get $x))
    (f64.trunc (local.get $x)) (f64.nearest (local.get $x)))
  (func (export "minmax") (param f64 f64) (result f64 f64)
    (f64.min (local.get 0) (local.get 1)) (f64.max (local.get 0) (local.get 1)))
  ;; |x| and -x by flipping the sign bit of the i64 reinterpretation.
  (func (export "sign") (param $x f64) (result i64 f64 f64)
    (i64.reinterpret_f64 (local.get $x))
    (f64.reinterpret_i64 (i64.and (i64.reinterpret_f64 (local.get $x))
                                  (i64.const 0x7fffffffffffffff)))
    (f64.reinterpret_i64 (i64.xor (i64.reinterpret_f64 (local.get $x))
                                  (i64.const 0x8000000000000000))))
)
(; host
static void u64(const char *what, uint64_t got, uint64_t want) {
  printf("%s = 0x%016" PRIx64 "%s\n", what, got, got == want ? "" : "  (WRONG)");
}

/* (A NaN prints as "nan" whatever its sign: the spec leaves that open.) */
static void f64(const char *what, double got, double want) {
  bool same = isnan(want) ? isnan(got) : got == want && signbit(got) == signbit(want);
  if (isnan(got)) printf("%s = nan%s\n", what, same ? "" : "  (WRONG)");
  else printf("%s = %.17g%s\n", what, got, same ? "" : "  (WRONG)");
}

static uint64_t rotl(uint64_t x, unsigned k) { return k % 64 ? x << k % 64 | x >> (64 - k % 64) : x; }

static void run(void) {
  w2l_instance *inst = instance();
  uint64_t a = 0, b = 0, c = 0, d = 0;
  double x = 0, y = 0, z = 0, w = 0;
  static const uint64_t polys[] = {0, 5, (uint64_t)-5, 3000000, 0x123456789abcdefull};
  for (size_t i = 0; i < sizeof polys / sizeof polys[0]; i++) {
    uint64_t v = polys[i];
    char what[64];
    m_poly(inst, v, &a);
    snprintf(what, sizeof what, "poly(%" PRId64 ")", (int64_t)v);
    u64(what, a, 3 * v * v * v - 7 * v + 11);
  }
  m_divrem_u(inst, (uint64_t)-1, 10, &a, &b);
  u64("divrem_u(2^64-1, 10) quotient", a, UINT64_MAX / 10);
  u64("divrem_u(2^64-1, 10) remainder", b, UINT64_MAX % 10);
  expect_trap("divrem_u(1, 0)", m_divrem_u(inst, 1, 0, &a, &b), W2L_TRAP_INT_DIV_ZERO);
  const uint64_t s = 0x8000000000000f01ull;
  m_shifts(inst, s, 68, &a, &b, &c, &d);
  u64("shl(s, 68)", a, s << 4);
  u64("shr_s(s, 68)", b, (uint64_t)((int64_t)s >> 4));
  u64("rotl(s, 68)", c, rotl(s, 68));
  u64("rotr(s, 68)", d, rotl(s, 60));
  m_bits(inst, 0x00f0000000000100ull, &a, &b, &c);
  printf("clz, ctz, popcnt of 0x00f0000000000100 = %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", a, b, c);
  m_bits(inst, 0, &a, &b, &c);
  printf("clz, ctz, popcnt of 0 = %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", a, b, c);
  m_mean(inst, (uint64_t)-7, 2, &x, &a);
  f64("mean(-7, 2)", x, -2.5);
  u64("mean(-7, 2) as i64", a, (uint64_t)-2);
  m_mean(inst, (uint64_t)INT64_MIN, (uint64_t)INT64_MIN, &x, &a);
  f64("mean(INT64_MIN, INT64_MIN)", x, -9223372036854775808.0);
  u64("mean(INT64_MIN, INT64_MIN) as i64", a, 1ull << 63);
  expect_trap("mean(INT64_MAX, INT64_MAX)", m_mean(inst, INT64_MAX, INT64_MAX, &x, &a),
              W2L_TRAP_INT_OVERFLOW);
  m_from_u64(inst, UINT64_MAX, &x);
  f64("from_u64(2^64-1)", x, 18446744073709551616.0);
  m_from_u64(inst, (1ull << 53) + 1, &x);
  f64("from_u64(2^53+1)", x, 9007199254740992.0);
  m_to_u64(inst, 18446744073709549568.0, &a);
  u64("to_u64(2^64-2048)", a, 0xfffffffffffff800ull);
  expect_trap("to_u64(2^64)", m_to_u64(inst, 18446744073709551616.0, &a), W2L_TRAP_INT_OVERFLOW);
  expect_trap("to_u64(NaN)", m_to_u64(inst, NAN, &a), W2L_TRAP_INVALID_CONVERSION);
  m_to_u64_sat(inst, 1e30, &a);
  u64("to_u64_sat(1e30)", a, UINT64_MAX);
  m_to_u64_sat(inst, -3.5, &a);
  u64("to_u64_sat(-3.5)", a, 0);
  static const double rounds[] = {2.5, -2.5, 3.5, -0.4, 4503599627370497.0};
  for (size_t i = 0; i < sizeof rounds / sizeof rounds[0]; i++) {
    double v = rounds[i];
    m_round(inst, v, &x, &y, &z, &w);
    printf("floor, ceil, trunc, nearest of %.17g = %g %g %g %.17g%s\n", v, x, y, z, w,
           x == floor(v) && y == ceil(v) && z == trunc(v) && w == nearbyint(v) &&
                   signbit(y) == signbit(ceil(v)) && signbit(w) == signbit(nearbyint(v))
               ? "" : "  (WRONG)");
  }
  m_minmax(inst, -0.0, 0.0, &x, &y);
  f64("min(-0, 0)", x, -0.0);
  f64("max(-0, 0)", y, 0.0);
  m_minmax(inst, NAN, 1.0, &x, &y);
  f64("min(NaN, 1)", x, NAN);
  f64("max(NaN, 1)", y, NAN);
  m_minmax(inst, -INFINITY, 7.0, &x, &y);
  f64("min(-inf, 7)", x, -INFINITY);
  f64("max(-inf, 7)", y, 7.0);
  m_sign(inst, -1.5, &a, &x, &y);
  u64("bits(-1.5)", a, 0xbff8000000000000ull);
  f64("abs(-1.5)", x, 1.5);
  f64("neg(-1.5)", y, 1.5);
  m_sign(inst, 0.0, &a, &x, &y);
  f64("neg(0)", y, -0.0);
  w2l_instance_free(inst);
}
;)
(; expect
poly(0) = 0x000000000000000b
poly(5) = 0x000000000000015f
poly(-5) = 0xfffffffffffffeb7
poly(3000000) = 0x6419ced7f56390cb
poly(81985529216486895) = 0x7075c58e00b922ef
divrem_u(2^64-1, 10) quotient = 0x1999999999999999
divrem_u(2^64-1, 10) remainder = 0x0000000000000005
divrem_u(1, 0): integer divide by zero
shl(s, 68) = 0x000000000000f010
shr_s(s, 68) = 0xf8000000000000f0
rotl(s, 68) = 0x000000000000f018
rotr(s, 68) = 0x18000000000000f0
clz, ctz, popcnt of 0x00f0000000000100 = 8 8 5
clz, ctz, popcnt of 0 = 64 64 0
mean(-7, 2) = -2.5
mean(-7, 2) as i64 = 0xfffffffffffffffe
mean(INT64_MIN, INT64_MIN) = -9.2233720368547758e+18
mean(INT64_MIN, INT64_MIN) as i64 = 0x8000000000000000
mean(INT64_MAX, INT64_MAX): integer overflow
from_u64(2^64-1) = 1.8446744073709552e+19
from_u64(2^53+1) = 9007199254740992
to_u64(2^64-2048) = 0xfffffffffffff800
to_u64(2^64): integer overflow
to_u64(NaN): invalid conversion to integer
to_u64_sat(1e30) = 0xffffffffffffffff
to_u64_sat(-3.5) = 0x0000000000000000
floor, ceil, trunc, nearest of 2.5 = 2 3 2 2
floor, ceil, trunc, nearest of -2.5 = -3 -2 -2 -2
floor, ceil, trunc, nearest of 3.5 = 3 4 3 4
floor, ceil, trunc, nearest of -0.40000000000000002 = -1 -0 -0 -0
floor, ceil, trunc, nearest of 4503599627370497 = 4.5036e+15 4.5036e+15 4.5036e+15 4503599627370497
min(-0, 0) = -0
max(-0, 0) = 0
min(NaN, 1) = nan
max(NaN, 1) = nan
min(-inf, 7) = -inf
max(-inf, 7) = 7
bits(-1.5) = 0xbff8000000000000
abs(-1.5) = 1.5
neg(-1.5) = 1.5
neg(0) = -0
;)
