;; Host functions that take a caller (tests/unit/runtime_caller.c): the host
;; reads and writes this instance's memory through w2l_caller, from the start
;; function too, and is defined with the header's typed macros.
(module
  (import "host" "greet" (func $greet (param i32 i32)))
  (import "host" "fill" (func $fill (param i32 i32) (result i32)))
  (import "host" "pair" (func $pair (param i64) (result i32 i64)))
  (import "host" "cstr" (func $cstr (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global (export "seen") (mut i32) (i32.const 0))
  (data (i32.const 16) "hello from start\00")
  (func $start (call $greet (i32.const 16) (i32.const 16)))
  (start $start)
  (export "greet_import" (func $greet))
  (func (export "greet") (param i32 i32) (call $greet (local.get 0) (local.get 1)))
  (func (export "fill") (param i32 i32) (result i32) (call $fill (local.get 0) (local.get 1)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "cstr") (param i32 i32) (result i32) (call $cstr (local.get 0) (local.get 1)))
  (func (export "pair") (param i64) (result i32 i64) (call $pair (local.get 0))))
