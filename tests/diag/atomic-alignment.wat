(module
  (memory 1 1 shared)
  (func (result i32)
    (i32.atomic.rmw16.add_u align=1 (i32.const 0) (i32.const 1))))
