;; A side module of tests/unit/runtime_dylink.c with weak imports (marked weak
;; in its descriptor's import info): weak_fn and weak_data are defined by no
;; module (the stub, 0, 0); c_data is weak but defined by C when C is loaded;
;; c_add is a strong import, which the first module loaded that defines it
;; supplies.  Also strong imports that go wrong in tests: nowhere (undefined
;; unless the host defines it).
(module
  (import "env" "memory" (memory 0))
  (import "env" "weak_fn" (func $weak_fn (param i32) (result i32)))
  (import "GOT.mem" "weak_data" (global $weak_data (mut i32)))
  (import "GOT.func" "weak_fn" (global $weak_fn_ptr (mut i32)))
  (import "GOT.mem" "c_data" (global $c_data (mut i32)))
  (import "env" "c_add" (func $c_add (param i32) (result i32)))
  (func (export "call_weak") (param i32) (result i32) (call $weak_fn (local.get 0)))
  (func (export "weak_data_addr") (result i32) (global.get $weak_data))
  (func (export "weak_fn_ptr") (result i32) (global.get $weak_fn_ptr))
  (func (export "c_data_addr") (result i32) (global.get $c_data))
  (func (export "call_c_add") (param i32) (result i32) (call $c_add (local.get 0))))
