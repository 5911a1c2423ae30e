(module
  (func $fibonacci (param $n i32) (result i32)
    (call $fibonaci (local.get $n))))
