;; A plugin with one pure function, and a memory of its own.
(module
  (memory (export "memory") 1)
  (func (export "square") (param $x i32) (result i32)
    (i32.mul (local.get $x) (local.get $x)))
  (func (export "cube") (param $x i32) (result i32)
    (i32.mul (local.get $x) (call 0 (local.get $x))))
)
