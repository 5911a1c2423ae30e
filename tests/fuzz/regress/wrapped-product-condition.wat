(module
 (type $i32_f64_=>_none (func (param i32 f64)))
 (type $none_=>_none (func))
 (global $global$0 (mut i32) (i32.const 10))
 (memory $0 16 17)
 (export "func_0" (func $0))
 (export "hangLimitInitializer" (func $1))
 (func $0 (param $0 i32) (param $1 f64)
  (local $2 i32)
  (local $3 i32)
  (local $4 i64)
  (if
   (i32.eqz
    (global.get $global$0)
   )
   (return)
  )
  (global.set $global$0
   (i32.sub
    (global.get $global$0)
    (i32.const 1)
   )
  )
  (loop $label$2
   (if
    (i32.eqz
     (global.get $global$0)
    )
    (return)
   )
   (global.set $global$0
    (i32.sub
     (global.get $global$0)
     (i32.const 1)
    )
   )
   (if
    (local.get $0)
    (block
     (if
      (i32.const 0)
      (block
       (v128.store align=8
        (i32.const 3)
        (v128.const i32x4 0x80000001 0x0000ff93 0x8000ff98 0xff9fff8d)
       )
       (local.set $3
        (i32.and
         (local.tee $0
          (i32.const -27)
         )
         (i32.const 15)
        )
       )
       (if
        (i32.eqz
         (global.get $global$0)
        )
        (return)
       )
       (global.set $global$0
        (i32.sub
         (global.get $global$0)
         (i32.const 1)
        )
       )
       (v128.store offset=22 align=2
        (local.get $3)
        (v128.const i32x4 0xffffffdf 0xfffffff4 0x00000421 0xffffcd00)
       )
      )
      (br $label$2)
     )
     (if
      (i32.eqz
       (global.get $global$0)
      )
      (return)
     )
     (global.set $global$0
      (i32.sub
       (global.get $global$0)
       (i32.const 1)
      )
     )
     (if
      (i32.eqz
       (i32.load8_s
        (i32.const 27)
       )
      )
      (block $label$10
       (if
        (i32.eqz
         (global.get $global$0)
        )
        (return)
       )
       (nop)
       (br_if $label$10
        (local.tee $0
         (i32.const -1)
        )
       )
      )
     )
    )
   )
   (if
    (i32.eqz
     (global.get $global$0)
    )
    (return)
   )
   (global.set $global$0
    (i32.sub
     (global.get $global$0)
     (i32.const 1)
    )
   )
   (if
    (i32.eqz
     (global.get $global$0)
    )
    (return)
   )
   (global.set $global$0
    (i32.sub
     (global.get $global$0)
     (i32.const 1)
    )
   )
   (br_if $label$2
    (i32.wrap_i64
     (i64.mul
      (local.tee $4
       (i64.const -127)
      )
      (i64.const -27283)
     )
    )
   )
  )
 )
 (func $1
  (global.set $global$0
   (i32.const 10)
  )
 )
)

