(module
  (func (param $x i32) (param $x i64)))
