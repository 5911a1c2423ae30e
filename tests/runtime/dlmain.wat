;; The main module of tests/unit/runtime_dylink.c: it exports its memory, its
;; table, its stack pointer and a bump allocator (malloc/free) as a main module
;; built by wasm-ld does, and calls the loader through env.dlopen/dlsym/
;; dlclose/dlerror.  main_twice sits in its table at index 1 (its own elem
;; segment): side modules must get that index for it.
(module
  (import "env" "dlopen" (func $dlopen (param i32 i32) (result i32)))
  (import "env" "dlsym" (func $dlsym (param i32 i32) (result i32)))
  (import "env" "dlclose" (func $dlclose (param i32) (result i32)))
  (import "env" "dlerror" (func $dlerror (result i32)))
  (type $ii (func (param i32) (result i32)))
  (memory (export "memory") 2)
  (table (export "__indirect_function_table") 2 funcref)
  (global $sp (export "__stack_pointer") (mut i32) (i32.const 65536))
  (global $heap (mut i32) (i32.const 65536))
  (global (export "main_counter") i32 (i32.const 1024))
  (global $mallocs (export "mallocs") (mut i32) (i32.const 0))
  (global $frees (export "frees") (mut i32) (i32.const 0))
  (global $last_freed (export "last_freed") (mut i32) (i32.const 0))
  (global $fail_malloc (export "fail_malloc") (mut i32) (i32.const 0))
  (data (i32.const 1024) "\2a\00\00\00")
  (func $main_twice (export "main_twice") (param i32) (result i32)
    (i32.shl (local.get 0) (i32.const 1)))
  (elem (i32.const 1) $main_twice)
  ;; malloc: 16-byte aligned bump allocation, growing the memory; 0 when
  ;; fail_malloc is set or the memory cannot grow.
  (func (export "malloc") (param $n i32) (result i32) (local $p i32)
    (if (global.get $fail_malloc) (then (return (i32.const 0))))
    (global.set $mallocs (i32.add (global.get $mallocs) (i32.const 1)))
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.const 15)) (i32.const -16)))
    (global.set $heap (i32.add (local.get $p) (local.get $n)))
    (block $done
      (loop $grow
        (br_if $done (i32.le_u (global.get $heap) (i32.shl (memory.size) (i32.const 16))))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then (return (i32.const 0))))
        (br $grow)))
    (local.get $p))
  (func (export "free") (param i32)
    (global.set $frees (i32.add (global.get $frees) (i32.const 1)))
    (global.set $last_freed (local.get 0)))
  (func (export "open") (param i32) (result i32) (call $dlopen (local.get 0) (i32.const 2)))
  (func (export "sym") (param i32 i32) (result i32) (call $dlsym (local.get 0) (local.get 1)))
  (func (export "close") (param i32) (result i32) (call $dlclose (local.get 0)))
  (func (export "error") (result i32) (call $dlerror))
  (func (export "call_ii") (param $index i32) (param $x i32) (result i32)
    (call_indirect (type $ii) (local.get $x) (local.get $index)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
