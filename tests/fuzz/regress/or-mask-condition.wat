(module
 (type $none_=>_i64 (func (result i64)))
 (global $global$0 (mut i32) (i32.const -46))
 (global $global$1 (mut i32) (i32.const 10))
 (memory $0 16 17)
 (func $0 (result i64)
  (local $0 i64)
  (if
   (i32.eqz
    (i32.const 0)
   )
   (unreachable)
  )
  (global.set $global$1
   (i32.sub
    (global.get $global$1)
    (i32.const 1)
   )
  )
  (if
   (i32.eqz
    (global.get $global$1)
   )
   (return
    (i64.const -4294967295)
   )
  )
  (global.set $global$1
   (i32.sub
    (global.get $global$1)
    (i32.const 1)
   )
  )
  (if
   (i32.eqz
    (global.get $global$1)
   )
   (return
    (i64.const 4294953252)
   )
  )
  (global.set $global$1
   (i32.sub
    (global.get $global$1)
    (i32.const 1)
   )
  )
  (loop $label$4
   (if
    (i32.const 0)
    (return
     (i64.const 0)
    )
   )
   (global.set $global$1
    (i32.sub
     (global.get $global$1)
     (i32.const 1)
    )
   )
   (if
    (i32.trunc_f32_u
     (f32.const 0)
    )
    (block $label$7
     (br_if $label$4
      (i32.eqz
       (global.get $global$0)
      )
     )
     (drop
      (select
       (if (result i64)
        (i32.load16_s offset=22 align=1
         (i32.and
          (global.get $global$0)
          (i32.const 15)
         )
        )
        (i64.const -256)
        (br $label$4)
       )
       (i64.const -87)
       (i32.or
        (if (result i32)
         (i32.const -7200412)
         (i32.const -13784)
         (br $label$7)
        )
        (i32.const -1)
       )
      )
     )
    )
    (block
     (if
      (f64.ge
       (f64.const 0)
       (f64.const 0)
      )
      (block
       (if
        (i32.eqz
         (global.get $global$1)
        )
        (return
         (local.get $0)
        )
       )
       (global.set $global$1
        (i32.sub
         (global.get $global$1)
         (i32.const 1)
        )
       )
       (drop
        (f32.const 0)
       )
       (br $label$4)
      )
      (nop)
     )
     (loop $label$16
      (if
       (i32.eqz
        (global.get $global$1)
       )
       (return
        (i64.const 254)
       )
      )
      (global.set $global$1
       (i32.sub
        (global.get $global$1)
        (i32.const 1)
       )
      )
      (nop)
      (nop)
      (br_if $label$16
       (i32.const 32767)
      )
      (br $label$16)
     )
    )
   )
   (br $label$4)
  )
 )
)

