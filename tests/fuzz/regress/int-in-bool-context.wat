(module
 (type $none_=>_none (func))
 (global $global$0 (mut i32) (i32.const 10))
 (memory $0 16 17)
 (func $0
  (nop)
 )
 (func $1
  (local $0 i32)
  (local $1 f32)
  (local $2 f64)
  (if
   (i32.const 0)
   (return)
  )
  (global.set $global$0
   (i32.sub
    (global.get $global$0)
    (i32.const 1)
   )
  )
  (loop $label$2
   (drop
    (i32.eqz
     (global.get $global$0)
    )
   )
   (global.set $global$0
    (i32.sub
     (i32.const 0)
     (i32.const 1)
    )
   )
   (loop $label$3
    (if
     (i32.eqz
      (global.get $global$0)
     )
     (return)
    )
    (nop)
    (if
     (i32.mul
      (f32.le
       (local.tee $1
        (f32.const 0)
       )
       (f32.const 1)
      )
      (i32.const -10239)
     )
     (nop)
     (block
      (drop
       (i32.const 0)
      )
      (global.set $global$0
       (i32.sub
        (global.get $global$0)
        (i32.const 1)
       )
      )
      (drop
       (block $label$7 (result f64)
        (drop
         (local.tee $0
          (i32.const 32767)
         )
        )
        (local.get $2)
       )
      )
      (if
       (i32.eqz
        (i32.const 0)
       )
       (return)
      )
      (global.set $global$0
       (i32.sub
        (global.get $global$0)
        (i32.const 1)
       )
      )
      (nop)
      (unreachable)
     )
    )
    (br_if $label$3
     (i32.eqz
      (local.get $0)
     )
    )
   )
   (br $label$2)
  )
 )
)

