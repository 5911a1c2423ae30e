;; A side module of tests/unit/runtime_dylink.c shaped like wasm-ld 14 output:
;; its relocations run in its start function and read the GOT entries of its
;; own symbols (s_value, s_fn), so those hold their final values before
;; instantiation; and it calls its own s_weak through an import of itself
;; (env.s_weak), as toolchains do for weak and inline definitions.  Data at
;; __memory_base: s_value = 42 at +0, &s_value at +4, &s_fn at +8 (both
;; stored by the relocations).
(module
  (type $t (func (result i32)))
  (import "env" "memory" (memory 0))
  (import "env" "__indirect_function_table" (table 0 funcref))
  (import "env" "__memory_base" (global $mb i32))
  (import "env" "s_weak" (func $s_weak_import (result i32)))
  (import "GOT.mem" "s_value" (global $got_value (mut i32)))
  (import "GOT.func" "s_fn" (global $got_fn (mut i32)))
  (data (global.get $mb) "\2a\00\00\00")
  (func $relocs
    (i32.store offset=4 (global.get $mb) (global.get $got_value))
    (i32.store offset=8 (global.get $mb) (global.get $got_fn)))
  (start $relocs)
  (func (export "s_weak") (result i32) (i32.const 7))
  (func (export "s_fn") (result i32) (i32.const 9))
  (func (export "s_call_weak") (result i32) (call $s_weak_import))
  (func (export "s_ptr") (result i32) (i32.load offset=4 (global.get $mb)))
  (func (export "s_fp") (result i32) (i32.load offset=8 (global.get $mb)))
  (func (export "s_call_fp") (result i32)
    (call_indirect (type $t) (i32.load offset=8 (global.get $mb))))
  (global (export "s_value") i32 (i32.const 0)))
