(module
  (func (param $n i32) (result i32)
    (i32.shr_s (local.get $n) (i32.cosnt 1))))
