;; SIMD (v128): value types, lane immediates, alignment of the SIMD loads and stores.
;; Each module follows its expectation: ";; valid" or ";; invalid: MESSAGE".

;; --- v128 everywhere a value type goes ---
;; valid
(module (memory 1)
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  (type $t (func (param v128 v128) (result v128 v128)))
  (table 1 funcref)
  (func $f (type $t) (local.get 1) (local.get 0))
  (func (param $p v128) (result v128) (local $l v128)
    (local.set $l (block (result v128) (local.get $p)))
    (global.set $g (select (local.get $l) (global.get $g) (i32.const 1)))
    (call_indirect (type $t) (local.get $l) (local.get $l) (i32.const 0)) (drop) (drop)
    (v128.store offset=16 align=16 (i32.const 0) (v128.load (i32.const 0)))
    (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (local.get $l) (global.get $g))))
;; invalid: type mismatch in i32x4.add, expected [v128, v128] but got [v128, i32]
(module (func (result v128) (i32x4.add (v128.const i64x2 0 0) (i32.const 0))))
;; invalid: type mismatch in global initializer, expected [v128] but got [i32]
(module (global v128 (i32.const 0)))
;; invalid: type mismatch in f32x4.extract_lane, expected [v128] but got [f32]
(module (func (result f32) (f32x4.extract_lane 0 (f32.const 0))))

;; --- lane indices ---
;; invalid: lane index 16 out of range in i8x16.extract_lane_s (max 15)
(module (func (result i32) (i8x16.extract_lane_s 16 (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0))))
;; invalid: lane index 2 out of range in f64x2.replace_lane (max 1)
(module (func (result v128) (f64x2.replace_lane 2 (v128.const f64x2 0 0) (f64.const 1))))
;; invalid: lane index 32 out of range in i8x16.shuffle (max 31)
(module (func (param v128) (result v128) (i8x16.shuffle 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 32 (local.get 0) (local.get 0))))
;; invalid: lane index 4 out of range in v128.load32_lane (max 3)
(module (memory 1) (func (param v128) (result v128) (v128.load32_lane 4 (i32.const 0) (local.get 0))))

;; --- alignment: natural alignment of each access size ---
;; valid
(module (memory 1) (func (param v128)
  (drop (v128.load8x8_s align=8 (i32.const 0)))
  (drop (v128.load32_zero align=4 (i32.const 0)))
  (v128.store16_lane align=2 1 (i32.const 0) (local.get 0))))
;; invalid: alignment must not be larger than natural alignment (16) in v128.load
(module (memory 1) (func (drop (v128.load align=32 (i32.const 0)))))
;; invalid: alignment must not be larger than natural alignment (8) in v128.load16x4_u
(module (memory 1) (func (drop (v128.load16x4_u align=16 (i32.const 0)))))
;; invalid: alignment must not be larger than natural alignment (2) in v128.load16_splat
(module (memory 1) (func (drop (v128.load16_splat align=4 (i32.const 0)))))
;; invalid: alignment must not be larger than natural alignment (1) in v128.store8_lane
(module (memory 1) (func (param v128) (v128.store8_lane align=2 0 (i32.const 0) (local.get 0))))
