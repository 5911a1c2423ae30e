(module
 (type $f32_f64_=>_i32 (func (param f32 f64) (result i32)))
 (export "func_3" (func $0))
 (func $0 (param $0 f32) (param $1 f64) (result i32)
  (select
   (i32.const 32)
   (i32.const -6275)
   (i8x16.extract_lane_u 9
    (f64x2.div
     (v128.const i32x4 0xc87fffc0 0x41fe4fdf 0xffffffac 0xffffff96)
     (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
    )
   )
  )
 )
)

