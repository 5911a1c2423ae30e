;; A side module of tests/unit/runtime_dylink.c whose constructor dlopens
;; libhold.so, which binds to this module's ctor_data (so it holds a reference
;; on it), then traps: the failed dlopen must take both away.
(module
  (import "env" "memory" (memory 0))
  (import "env" "__memory_base" (global $mb i32))
  (import "env" "dlopen" (func $dlopen (param i32 i32) (result i32)))
  (data (global.get $mb) "libhold.so\00")
  (func (export "__wasm_call_ctors")
    (drop (call $dlopen (global.get $mb) (i32.const 0)))
    unreachable)
  (global (export "ctor_data") i32 (i32.const 0)))
