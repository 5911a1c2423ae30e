;; a file of module fields without the (module ...) wrapper
(import "js" "mem" (memory 1))
(func $f (param $p1 i32) (param $p2 f32) (local $loc f64))
(func (param i32) (param f32) (local f64)
  local.get 0
  local.get 1
  local.get 2)
(type $return_i32 (func (result i32)))
(func (export "callByIndex") (param $i i32) (result i32)
  local.get $i
  call_indirect (type $return_i32))
