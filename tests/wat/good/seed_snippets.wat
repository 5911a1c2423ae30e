;; stand-alone snippets of ../shared/seeds (001 and 004) as one file of bare fields
(func (export "dosub1")
(param i32) (param i32)
(result i32)
  local.get 0
  local.get 1
  i32.sub
)
(func (export "dosub2")
(param i32) (param i32)
(result i32)
  (i32.sub (local.get 0) (local.get 1))
)
(func (param i32) (param f32) (local f64)
  local.get 0
  local.get 1
  local.get 2)
(func (param $p1 i32) (param $p2 f32) (local $loc f64))
(func (param $p i32)
  (result i32)
  local.get $p
  local.get $p
  i32.add)
(func $add)
(memory 1)
(data (memory 0) (i32.const 0) "Memory 0 data")
(data (i32.const 13) " (Default)")
(table 2 funcref)
(type $return_i32 (func (result i32)))
(func (export "callByIndex") (param $i i32) (result i32)
  local.get $i
  call_indirect (type $return_i32))
(func (param $i i32) (result i32)
  (call_indirect (type $return_i32) (local.get $i)))
(func (i32.store (i32.const 0) (i32.const 42)))
