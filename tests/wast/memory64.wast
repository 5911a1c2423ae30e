;; memory64 (WebAssembly 3.0): i64 memories, addressed by i64 and always
;; checked explicitly (guard pages cannot cover a 64-bit address space):
;; offsets past 4 GiB, an address + offset that wraps, i64 sizes from
;; memory.size and memory.grow, bulk operations with i64 operands (and
;; memory.copy between an i32 and an i64 memory), data at an i64 offset,
;; import matching of the index type.
(module $M
  (memory $m (export "mem64") i64 1 3)
  (memory $small 1)
  (data (memory $m) (i64.const 65530) "\01\02\03\04\05\06")
  (func (export "load") (param i64) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load32") (param i64) (result i32) (i32.load (local.get 0)))
  (func (export "load-far") (param i64) (result i32) (i32.load offset=0x1_0000_0000 (local.get 0)))
  (func (export "load-max") (param i64) (result i64) (i64.load offset=0xffff_ffff_ffff_fff8 (local.get 0)))
  (func (export "store") (param i64 i32) (i32.store16 (local.get 0) (local.get 1)))
  (func (export "size") (result i64) (memory.size $m))
  (func (export "grow") (param i64) (result i64) (memory.grow $m (local.get 0)))
  (func (export "fill") (param i64 i32 i64) (memory.fill $m (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i64 i64 i64) (memory.copy $m $m (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy-in") (param i64 i32 i32) ;; from the i32 memory: an i32 count
    (memory.copy $m $small (local.get 0) (local.get 1) (local.get 2)))
  (func (export "small-store") (param i32 i32) (i32.store8 $small (local.get 0) (local.get 1)))
  (func (export "v128-last") (param i64) (result i32)
    (i8x16.extract_lane_u 15 (v128.load (local.get 0)))))
(register "M" $M)
(assert_return (invoke "load" (i64.const 65530)) (i32.const 1))
(assert_return (invoke "load32" (i64.const 65532)) (i32.const 0x06050403))
(assert_trap (invoke "load32" (i64.const 65533)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 65536)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0x1_0000_0000)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load-far" (i64.const 0)) "out of bounds memory access")
;; address + offset wraps past 2^64: out of bounds, not address 0
(assert_trap (invoke "load-max" (i64.const 8)) "out of bounds memory access")
(assert_trap (invoke "load-max" (i64.const 0x10)) "out of bounds memory access")
(assert_return (invoke "v128-last" (i64.const 65520)) (i32.const 6))
(assert_trap (invoke "v128-last" (i64.const 65521)) "out of bounds memory access")
(assert_return (invoke "size") (i64.const 1))
(assert_return (invoke "grow" (i64.const 1)) (i64.const 1))
(assert_return (invoke "grow" (i64.const 2)) (i64.const -1))
(assert_return (invoke "grow" (i64.const 0x1_0000_0001)) (i64.const -1))
(assert_return (invoke "size") (i64.const 2))
(assert_return (invoke "load" (i64.const 131071)) (i32.const 0))
(invoke "fill" (i64.const 131070) (i32.const 7) (i64.const 2))
(assert_return (invoke "load" (i64.const 131071)) (i32.const 7))
(assert_trap (invoke "fill" (i64.const 131071) (i32.const 7) (i64.const 2)) "out of bounds memory access")
(assert_trap (invoke "fill" (i64.const 0x1_0000_0000) (i32.const 7) (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "fill" (i64.const 0) (i32.const 7) (i64.const 0x1_0000_0000)) "out of bounds memory access")
(invoke "fill" (i64.const 131072) (i32.const 7) (i64.const 0)) ;; empty, at the end: fine
(invoke "copy" (i64.const 0) (i64.const 65530) (i64.const 6))
(assert_return (invoke "load" (i64.const 5)) (i32.const 6))
(assert_trap (invoke "copy" (i64.const 0) (i64.const -1) (i64.const 2)) "out of bounds memory access")
(invoke "small-store" (i32.const 9) (i32.const 42))
(invoke "copy-in" (i64.const 100) (i32.const 9) (i32.const 1))
(assert_return (invoke "load" (i64.const 100)) (i32.const 42))
(assert_trap (invoke "copy-in" (i64.const 131072) (i32.const 0) (i32.const 1)) "out of bounds memory access")

;; the index type is part of a memory's type when linking
(module (import "M" "mem64" (memory i64 1)))
(assert_unlinkable (module (import "M" "mem64" (memory 1))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (memory i64 1))) "incompatible import type")

;; validation: i64 addresses and sizes
(assert_invalid (module (memory i64 1) (func (drop (i32.load (i32.const 0))))) "type mismatch")
(assert_invalid (module (memory i64 1) (func (result i32) (memory.size))) "type mismatch")
(assert_invalid (module (memory i64 1) (func (drop (memory.grow (i32.const 1))))) "type mismatch")
(assert_invalid (module (memory i64 1) (memory 1)
  (func (memory.copy 0 1 (i64.const 0) (i32.const 0) (i64.const 0)))) "type mismatch")
(assert_invalid (module (memory i64 1) (data (i32.const 0) "")) "type mismatch")
(assert_invalid (module (memory 1) (func (drop (i32.load offset=0x1_0000_0000 (i32.const 0))))) "offset out of range")
(assert_invalid (module (memory i64 0x1_0000_0000_0001)) "memory size")
(module (memory i64 0 0x1_0000_0000_0000)) ;; 2^48 pages may be declared
