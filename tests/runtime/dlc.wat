;; Side module "C" of tests/unit/runtime_dylink.c, as wasm-ld -shared writes
;; one (its dylink.0 descriptor is in the test): 16 bytes of data at
;; __memory_base (c_data = 100 at +0, c_ptr = &main_counter at +4 and
;; c_self = &c_data at +8, both set by its relocations, c_inits at +12 in bss,
;; counted up by its constructor), one table slot at __table_base (c_triple,
;; address taken inside the module).
(module
  (import "env" "memory" (memory 0))
  (import "env" "__indirect_function_table" (table 0 funcref))
  (import "env" "__memory_base" (global $mb i32))
  (import "env" "__table_base" (global $tb i32))
  (import "env" "__stack_pointer" (global $sp (mut i32)))
  (import "GOT.mem" "main_counter" (global $got_mc (mut i32)))
  (data (global.get $mb) "\64\00\00\00")
  (elem (global.get $tb) $c_triple)
  (func $c_add (export "c_add") (param i32) (result i32)
    (i32.add (local.get 0) (i32.load (global.get $mb))))
  (func $c_triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func (export "c_triple_ptr") (result i32) (global.get $tb))
  (func (export "c_sp") (result i32) (global.get $sp))
  (func (export "__wasm_apply_data_relocs")
    (i32.store offset=4 (global.get $mb) (global.get $got_mc))
    (i32.store offset=8 (global.get $mb) (global.get $mb)))
  (func (export "__wasm_call_ctors")
    (i32.store offset=12 (global.get $mb)
      (i32.add (i32.load offset=12 (global.get $mb)) (i32.const 1))))
  (global (export "c_data") i32 (i32.const 0))
  (global (export "c_ptr") i32 (i32.const 4))
  (global (export "c_self") i32 (i32.const 8))
  (global (export "c_inits") i32 (i32.const 12)))
