;; The second seed's table.wat, with its folded call_indirect pitfall added.
(module
  (type $int2int (func (param i32) (result i32)))
  (import "env" "jstimes3" (func $jstimes3 (type $int2int)))
  (func $wasmtimes2 (type $int2int)
    (i32.add (local.get 0) (local.get 0)))
  (table 32 funcref)
  (elem (i32.const 16) $wasmtimes2 $jstimes3)
  (func (export "times2") (type $int2int)
    local.get 0
    (call_indirect (type $int2int) (i32.const 16)))
  (func (export "times3") (type $int2int)
    local.get 0
    (call_indirect (type $int2int) (i32.const 17)))
  (func (export "pitfall") (type $int2int)
    (call_indirect (type $int2int) (i32.const 17) (local.get 0))))
