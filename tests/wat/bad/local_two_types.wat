(module
  (func (local $i i32 i64)))
