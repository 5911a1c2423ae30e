(module
 (type $i32_i64_=>_i64 (func (param i32 i64) (result i64)))
 (type $none_=>_none (func))
 (global $global$0 (mut i32) (i32.const 10))
 (memory $0 16 17)
 (export "func_6_invoker" (func $1))
 (func $0 (param $0 i32) (param $1 i64) (result i64)
  (if
   (i32.eqz
    (global.get $global$0)
   )
   (return
    (local.get $1)
   )
  )
  (global.set $global$0
   (i32.sub
    (global.get $global$0)
    (i32.const 1)
   )
  )
  (local.set $1
   (i64.load8_s offset=22
    (i32.const -320679)
   )
  )
  (i64.const -123)
 )
 (func $1
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
  (drop
   (call $0
    (i32.const 15)
    (i64.const 250)
   )
  )
 )
)

