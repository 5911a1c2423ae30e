;; Relaxed SIMD (WebAssembly 3.0): the one result we chose for each instruction
;; (the spec's deterministic profile, README.md "Relaxed SIMD"), pinned exactly on
;; the inputs where the allowed results differ, so that a change of choice (a
;; fast path that gives another allowed result, say) fails here.  The proposal's
;; own scripts accept any allowed result with (either ...).

(module
  (func (export "swizzle") (param v128 v128) (result v128)
    (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
  (func (export "trunc_f32x4_s") (param v128) (result v128)
    (i32x4.relaxed_trunc_f32x4_s (local.get 0)))
  (func (export "trunc_f32x4_u") (param v128) (result v128)
    (i32x4.relaxed_trunc_f32x4_u (local.get 0)))
  (func (export "trunc_f64x2_s_zero") (param v128) (result v128)
    (i32x4.relaxed_trunc_f64x2_s_zero (local.get 0)))
  (func (export "trunc_f64x2_u_zero") (param v128) (result v128)
    (i32x4.relaxed_trunc_f64x2_u_zero (local.get 0)))
  (func (export "f32x4.madd") (param v128 v128 v128) (result v128)
    (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "f32x4.nmadd") (param v128 v128 v128) (result v128)
    (f32x4.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "f64x2.madd") (param v128 v128 v128) (result v128)
    (f64x2.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "f64x2.nmadd") (param v128 v128 v128) (result v128)
    (f64x2.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "i8x16.laneselect") (param v128 v128 v128) (result v128)
    (i8x16.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "i16x8.laneselect") (param v128 v128 v128) (result v128)
    (i16x8.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "i32x4.laneselect") (param v128 v128 v128) (result v128)
    (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "i64x2.laneselect") (param v128 v128 v128) (result v128)
    (i64x2.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "f32x4.min") (param v128 v128) (result v128)
    (f32x4.relaxed_min (local.get 0) (local.get 1)))
  (func (export "f32x4.max") (param v128 v128) (result v128)
    (f32x4.relaxed_max (local.get 0) (local.get 1)))
  (func (export "f64x2.min") (param v128 v128) (result v128)
    (f64x2.relaxed_min (local.get 0) (local.get 1)))
  (func (export "f64x2.max") (param v128 v128) (result v128)
    (f64x2.relaxed_max (local.get 0) (local.get 1)))
  (func (export "q15mulr") (param v128 v128) (result v128)
    (i16x8.relaxed_q15mulr_s (local.get 0) (local.get 1)))
  (func (export "dot") (param v128 v128) (result v128)
    (i16x8.relaxed_dot_i8x16_i7x16_s (local.get 0) (local.get 1)))
  (func (export "dot_add") (param v128 v128 v128) (result v128)
    (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2)))
  ;; the helpers inside other code: a relaxed result feeds a regular instruction
  (func (export "madd-sum") (param f32 f32 f32) (result f32)
    (f32x4.extract_lane 3
      (f32x4.relaxed_madd (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1))
                          (f32x4.splat (local.get 2)))))
)

;; swizzle: an index >= 16 gives 0 (not a[index % 16]), also from 16 to 127
(assert_return (invoke "swizzle"
                 (v128.const i8x16 0xa0 0xa1 0xa2 0xa3 0xa4 0xa5 0xa6 0xa7 0xa8 0xa9 0xaa 0xab 0xac 0xad 0xae 0xaf)
                 (v128.const i8x16 0 15 16 17 31 32 127 -128 -1 1 2 3 4 5 6 7))
               (v128.const i8x16 0xa0 0xaf 0 0 0 0 0 0 0 0xa1 0xa2 0xa3 0xa4 0xa5 0xa6 0xa7))

;; trunc: NaN gives 0, out of range saturates (not INT32_MIN / UINT32_MAX for all)
(assert_return (invoke "trunc_f32x4_s" (v128.const f32x4 nan -3e9 3e9 -1.9))
               (v128.const i32x4 0 -2147483648 2147483647 -1))
(assert_return (invoke "trunc_f32x4_s" (v128.const f32x4 inf -inf -nan:0x200000 2147483520.0))
               (v128.const i32x4 2147483647 -2147483648 0 2147483520))
(assert_return (invoke "trunc_f32x4_u" (v128.const f32x4 nan -1.5 5e9 4294967040.0))
               (v128.const i32x4 0 0 0xffffffff 4294967040))
(assert_return (invoke "trunc_f32x4_u" (v128.const f32x4 -0.9 inf -inf 1.9))
               (v128.const i32x4 0 0xffffffff 0 1))
(assert_return (invoke "trunc_f64x2_s_zero" (v128.const f64x2 nan 3e10))
               (v128.const i32x4 0 2147483647 0 0))
(assert_return (invoke "trunc_f64x2_s_zero" (v128.const f64x2 -3e10 -2147483648.9))
               (v128.const i32x4 -2147483648 -2147483648 0 0))
(assert_return (invoke "trunc_f64x2_u_zero" (v128.const f64x2 nan -1))
               (v128.const i32x4 0 0 0 0))
(assert_return (invoke "trunc_f64x2_u_zero" (v128.const f64x2 5e9 4294967295.9))
               (v128.const i32x4 0xffffffff 4294967295 0 0))

;; madd / nmadd are unfused: (1 + 2^-23)^2 rounds to 1 + 2^-22 before the add,
;; so the sum is +0 (fused: 2^-46); max * 2 overflows to inf before adding -inf,
;; so the sum is NaN (fused: -inf)
(assert_return (invoke "f32x4.madd"
                 (v128.const f32x4 0x1.000002p+0 0x1.fffffep+127 1.5 -0)
                 (v128.const f32x4 0x1.000002p+0 2 2 0)
                 (v128.const f32x4 -0x1.000004p+0 -inf 0.25 -0))
               (v128.const f32x4 0 nan:canonical 3.25 -0))
(assert_return (invoke "f32x4.nmadd"
                 (v128.const f32x4 0x1.000002p+0 0x1.fffffep+127 1.5 0)
                 (v128.const f32x4 0x1.000002p+0 2 2 0)
                 (v128.const f32x4 0x1.000004p+0 inf 0.25 -0))
               (v128.const f32x4 0 nan:canonical -2.75 -0))
(assert_return (invoke "f64x2.madd"
                 (v128.const f64x2 0x1.0000000000001p+0 0x1.fffffffffffffp+1023)
                 (v128.const f64x2 0x1.0000000000001p+0 2)
                 (v128.const f64x2 -0x1.0000000000002p+0 -inf))
               (v128.const f64x2 0 nan:canonical))
(assert_return (invoke "f64x2.nmadd"
                 (v128.const f64x2 0x1.0000000000001p+0 1.5)
                 (v128.const f64x2 0x1.0000000000001p+0 2)
                 (v128.const f64x2 0x1.0000000000002p+0 0.25))
               (v128.const f64x2 0 -2.75))
(assert_return (invoke "madd-sum" (f32.const 0x1.000002p+0) (f32.const 0x1.000002p+0)
                 (f32.const -0x1.000004p+0))
               (f32.const 0))

;; laneselect is bitwise for every lane shape: a mask lane that is neither all
;; ones nor all zeros mixes bits (its top bit is not widened)
(assert_return (invoke "i8x16.laneselect"
                 (v128.const i32x4 -1 -1 -1 -1) (v128.const i32x4 0 0 0 0)
                 (v128.const i32x4 0x80000000 0x7fffffff 0x12345678 0x80808001))
               (v128.const i32x4 0x80000000 0x7fffffff 0x12345678 0x80808001))
(assert_return (invoke "i16x8.laneselect"
                 (v128.const i32x4 -1 -1 -1 -1) (v128.const i32x4 0 0 0 0)
                 (v128.const i32x4 0x80000000 0x7fffffff 0x12345678 0x80808001))
               (v128.const i32x4 0x80000000 0x7fffffff 0x12345678 0x80808001))
(assert_return (invoke "i32x4.laneselect"
                 (v128.const i32x4 -1 -1 -1 -1) (v128.const i32x4 0 0 0 0)
                 (v128.const i32x4 0x80000000 0x7fffffff 0x12345678 0x80808001))
               (v128.const i32x4 0x80000000 0x7fffffff 0x12345678 0x80808001))
(assert_return (invoke "i64x2.laneselect"
                 (v128.const i32x4 -1 -1 -1 -1) (v128.const i32x4 0 0 0 0)
                 (v128.const i32x4 0x80000000 0x7fffffff 0x12345678 0x80808001))
               (v128.const i32x4 0x80000000 0x7fffffff 0x12345678 0x80808001))
(assert_return (invoke "i32x4.laneselect"
                 (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8)
                 (v128.const i32x4 -1 0 -1 0))
               (v128.const i32x4 1 6 3 8))

;; min / max as the regular ones: a NaN operand gives NaN (not the other
;; operand), min(+0, -0) = -0 and max(-0, +0) = +0 whatever the order
(assert_return (invoke "f32x4.min"
                 (v128.const f32x4 nan 0 0 -0) (v128.const f32x4 0 nan:0x200000 -0 0))
               (v128.const f32x4 nan:canonical nan:arithmetic -0 -0))
(assert_return (invoke "f32x4.max"
                 (v128.const f32x4 nan 0 0 -0) (v128.const f32x4 0 nan:0x200000 -0 0))
               (v128.const f32x4 nan:canonical nan:arithmetic 0 0))
(assert_return (invoke "f64x2.min" (v128.const f64x2 nan 0) (v128.const f64x2 1 -0))
               (v128.const f64x2 nan:canonical -0))
(assert_return (invoke "f64x2.min" (v128.const f64x2 1 -0) (v128.const f64x2 nan 0))
               (v128.const f64x2 nan:canonical -0))
(assert_return (invoke "f64x2.max" (v128.const f64x2 nan -0) (v128.const f64x2 1 0))
               (v128.const f64x2 nan:canonical 0))
(assert_return (invoke "f64x2.max" (v128.const f64x2 1 0) (v128.const f64x2 nan -0))
               (v128.const f64x2 nan:canonical 0))

;; q15mulr saturates: -32768 * -32768 gives 32767 (not -32768)
(assert_return (invoke "q15mulr"
                 (v128.const i16x8 -32768 -32768 16384 -1 -3 32767 -32768 1)
                 (v128.const i16x8 -32768 -32767 16384 1 16384 32767 32767 -1))
               (v128.const i16x8 32767 32767 8192 0 -1 32766 -32767 0))

;; dot: bytes of the second operand are signed (0x80 is -128, not 128), and the
;; pair sums saturate to i16
(assert_return (invoke "dot"
                 (v128.const i8x16 -128 -128 1 2 127 127 -128 127 0 0 0 0 0 0 5 -6)
                 (v128.const i8x16 0x80 0x80 0x80 0x7f 0x81 0x81 127 -128 0 0 0 0 0 0 7 7))
               (v128.const i16x8 32767 126 -32258 -32512 0 0 0 -7))
;; -128 * -128 twice saturates to 32767 in each i16 half before the i32 sum
(assert_return (invoke "dot_add"
                 (v128.const i8x16 -128 -128 -128 -128 1 2 3 4 -128 -128 0 0 1 0 0 0)
                 (v128.const i8x16 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0 0 1 0 0 0)
                 (v128.const i32x4 1 2 3 0x7fffffff))
               (v128.const i32x4 65535 -1278 32770 -2147483648))

;; the spec runner's (either ...): one of the alternatives must match
(assert_return (invoke "q15mulr"
                 (v128.const i16x8 -32768 0 0 0 0 0 0 0) (v128.const i16x8 -32768 0 0 0 0 0 0 0))
               (either (v128.const i16x8 -32768 0 0 0 0 0 0 0)
                       (v128.const i16x8 32767 0 0 0 0 0 0 0)))

;; the binary encoding: 0xfd then the opcode as a u32 LEB (0x100 = 0x80 0x02,
;; 0x113 = 0x93 0x02); i8x16.relaxed_swizzle and i32x4.relaxed_dot_i8x16_i7x16_add_s
(module binary
  "\00asm\01\00\00\00"
  "\01\0e\02\60\02\7b\7b\01\7b\60\03\7b\7b\7b\01\7b"  ;; types: [v128 v128] -> v128, [v128 x3] -> v128
  "\03\03\02\00\01"                                  ;; funcs
  "\07\0f\02\01\73\00\00\07\64\6f\74\5f\61\64\64\00\01" ;; exports "s" 0, "dot_add" 1
  "\0a\17\02"                                        ;; code
  "\09\00\20\00\20\01\fd\80\02\0b"                   ;; local.get 0, local.get 1, i8x16.relaxed_swizzle
  "\0b\00\20\00\20\01\20\02\fd\93\02\0b"             ;; ... i32x4.relaxed_dot_i8x16_i7x16_add_s
)
(assert_return (invoke "s" (v128.const i8x16 9 8 7 6 5 4 3 2 1 0 1 2 3 4 5 6)
                           (v128.const i8x16 0 1 2 16 0 0 0 0 0 0 0 0 0 0 0 0))
               (v128.const i8x16 9 8 7 0 9 9 9 9 9 9 9 9 9 9 9 9))
(assert_return (invoke "dot_add" (v128.const i8x16 1 1 1 1 0 0 0 0 0 0 0 0 0 0 0 0)
                                 (v128.const i8x16 2 3 4 5 0 0 0 0 0 0 0 0 0 0 0 0)
                                 (v128.const i32x4 10 20 30 40))
               (v128.const i32x4 24 20 30 40))

(assert_invalid
  (module (func (result v128)
    (f32x4.relaxed_madd (v128.const i64x2 0 0) (v128.const i64x2 0 0) (f32.const 0))))
  "type mismatch")
(assert_invalid
  (module (func (result v128) (i16x8.relaxed_dot_i8x16_i7x16_s (v128.const i64x2 0 0))))
  "type mismatch")
(assert_malformed
  (module quote "(func (result v128) (i32x4.relaxed_dot_i8x16_i7x16_s (v128.const i64x2 0 0) (v128.const i64x2 0 0)))")
  "unknown operator")
