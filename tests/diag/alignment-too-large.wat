(module
  (memory 1)
  (func (result i64)
    (i64.load32_u align=8 (i32.const 0))))
