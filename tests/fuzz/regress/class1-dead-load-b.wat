(module
 (type $none_=>_none (func))
 (type $none_=>_i32 (func (result i32)))
 (type $v128_f32_=>_v128 (func (param v128 f32) (result v128)))
 (type $f32_=>_f32 (func (param f32) (result f32)))
 (type $f64_=>_f64 (func (param f64) (result f64)))
 (global $global$0 (mut f32) (f32.const 30.764999389648438))
 (global $global$1 (mut i32) (i32.const -2147483648))
 (global $global$2 (mut i32) (i32.const 126))
 (global $global$3 (mut i32) (i32.const 10))
 (memory $0 16 17)
 (export "hashMemory" (func $0))
 (export "memory" (memory $0))
 (export "func" (func $1))
 (export "func_invoker" (func $2))
 (export "hangLimitInitializer" (func $3))
 (func $0 (result i32)
  (local $0 i32)
  (local $1 i32)
  (local $2 f32)
  (local $3 f32)
  (local $4 f32)
  (local $5 f64)
  (if
   (i32.eqz
    (global.get $global$3)
   )
   (return
    (i32.const -5)
   )
  )
  (global.set $global$3
   (i32.sub
    (global.get $global$3)
    (i32.const 1)
   )
  )
  (drop
   (i32.xor
    (i32.load8_u
     (i32.const 0)
    )
    (i32.sub
     (local.tee $0
      (i32.const 5381)
     )
     (i32.const 1073741824)
    )
   )
  )
  (local.set $0
   (i32.load8_u offset=10
    (local.tee $0
     (i32.xor
      (i32.load8_u
       (i32.const 8)
      )
      (i32.add
       (i32.shl
        (local.tee $0
         (i32.xor
          (i32.load8_u
           (i32.const 7)
          )
          (i32.add
           (i32.shl
            (local.tee $0
             (i32.xor
              (i32.load8_u
               (i32.const 6)
              )
              (i32.add
               (i32.shl
                (local.tee $0
                 (i32.xor
                  (local.tee $0
                   (i32.shl
                    (local.tee $0
                     (i32.xor
                      (i32.load8_u
                       (i32.const 3)
                      )
                      (i32.add
                       (i32.shl
                        (local.tee $0
                         (i32.xor
                          (i32.load8_u
                           (i32.const 2)
                          )
                          (i32.add
                           (i32.xor
                            (i32.load8_u
                             (i32.const 4)
                            )
                            (i32.add
                             (i32.shl
                              (local.tee $0
                               (i32.load offset=22 align=1
                                (i32.and
                                 (global.get $global$2)
                                 (i32.const 15)
                                )
                               )
                              )
                              (i32.const 5)
                             )
                             (local.get $0)
                            )
                           )
                           (local.get $0)
                          )
                         )
                        )
                        (i32.const 5)
                       )
                       (i32.const 32767)
                      )
                     )
                    )
                    (i32.const 5)
                   )
                  )
                  (i32.load8_u
                   (i32.const 5)
                  )
                 )
                )
                (i32.const 5)
               )
               (local.get $0)
              )
             )
            )
            (local.get $0)
           )
           (local.get $0)
          )
         )
        )
        (i32.const 5)
       )
       (local.get $0)
      )
     )
    )
   )
  )
  (if
   (i32.eqz
    (global.get $global$3)
   )
   (return
    (i32.const -16384)
   )
  )
  (global.set $global$3
   (i32.sub
    (global.get $global$3)
    (i32.const 1)
   )
  )
  (loop $label$3
   (if
    (i32.eqz
     (global.get $global$3)
    )
    (return
     (i32.const -21137)
    )
   )
   (global.set $global$3
    (i32.sub
     (global.get $global$3)
     (i32.const 1)
    )
   )
   (drop
    (call $4
     (f32.const 137438953472)
    )
   )
   (drop
    (call $5
     (f64.add
      (call $5
       (f64.promote_f32
        (call $4
         (f32.const -34359738368)
        )
       )
      )
      (call $5
       (f64.load align=2
        (i32.const 12)
       )
      )
     )
    )
   )
   (drop
    (call $4
     (f32.const -2147483648)
    )
   )
   (drop
    (call $4
     (call $4
      (f32.const 1.3589999675750732)
     )
    )
   )
   (drop
    (call $5
     (f64.sub
      (call $5
       (f64.const 65476)
      )
      (call $5
       (f64.const -35184372088833.76)
      )
     )
    )
   )
   (f32.store
    (i32.const 24)
    (call $4
     (global.get $global$0)
    )
   )
   (br $label$3)
  )
 )
 (func $1 (param $0 v128) (param $1 f32) (result v128)
  (local.set $1
   (call $4
    (local.get $1)
   )
  )
  (if
   (i32.eqz
    (global.get $global$3)
   )
   (return
    (v128.const i32x4 0x00000000 0x406a2000 0x3f7ced92 0x3fea5e35)
   )
  )
  (global.set $global$3
   (i32.sub
    (global.get $global$3)
    (i32.const 1)
   )
  )
  (local.get $0)
 )
 (func $2
  (if
   (i32.eqz
    (global.get $global$3)
   )
   (return)
  )
  (global.set $global$3
   (i32.sub
    (global.get $global$3)
    (i32.const 1)
   )
  )
  (drop
   (call $1
    (v128.const i32x4 0x00000000 0xc0d00000 0xffff8e49 0xffffffff)
    (call $4
     (f32.const -72057594037927936)
    )
   )
  )
  (drop
   (call $1
    (v128.const i32x4 0xfffffff0 0x00000001 0xffffe559 0xffffb05e)
    (call $4
     (f32.const 60)
    )
   )
  )
 )
 (func $3
  (global.set $global$3
   (i32.const 10)
  )
 )
 (func $4 (param $0 f32) (result f32)
  (select
   (local.get $0)
   (f32.const 0)
   (f32.eq
    (local.get $0)
    (local.get $0)
   )
  )
 )
 (func $5 (param $0 f64) (result f64)
  (select
   (local.get $0)
   (f64.const 0)
   (f64.eq
    (local.get $0)
    (local.get $0)
   )
  )
 )
)

