(module
  (global i32 (i32.mul (i32.const 6) (i32.const 7))))
