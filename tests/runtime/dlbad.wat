;; Side modules of tests/unit/runtime_dylink.c that fail to load: with
;; "nowhere" undefined, or with c_add of the wrong type, or with a
;; constructor that traps (the test gives each its own descriptor and
;; exports).  It places 32 bytes of data and 2 table slots, which the
;; loader must take back.
(module
  (import "env" "memory" (memory 0))
  (import "env" "__indirect_function_table" (table 0 funcref))
  (import "env" "__memory_base" (global $mb i32))
  (import "env" "__table_base" (global $tb i32))
  (import "env" "nowhere" (func $nowhere))
  (data (global.get $mb) "bad")
  (elem (global.get $tb) $f $f)
  (func $f (export "bad_f") (call $nowhere))
  (func (export "__wasm_call_ctors") unreachable))
