;; libhold.so of tests/unit/runtime_dylink.c: bound to libctor.so's data.
(module
  (import "env" "memory" (memory 0))
  (import "GOT.mem" "ctor_data" (global $g (mut i32)))
  (func (export "hold_addr") (result i32) (global.get $g)))
