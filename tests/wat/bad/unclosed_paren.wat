(module
  (memory 1)
  (func $f (param $x i32)
    (i32.store (local.get $x) (i32.const 1)
    (nop))
