;; Memory instructions, multi-memory and data segments.
;; Each module follows its expectation: ";; valid" or ";; invalid: MESSAGE".

;; --- loads and stores: a memory, natural alignment, operand types ---
;; valid
(module (memory 1) (func
  (drop (i32.load offset=8 align=4 (i32.const 0)))
  (drop (i64.load32_s align=4 (i32.const 0)))
  (f64.store (i32.const 0) (f64.const 0))))
;; invalid: offset out of range in i32.load
(module (memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0)))))
;; valid
(module (memory i64 1) (func (drop (i32.load offset=4294967296 (i64.const 0)))))
;; invalid: alignment must not be larger than natural alignment (4) in i32.load
(module (memory 1) (func (drop (i32.load align=8 (i32.const 0)))))
;; invalid: alignment must not be larger than natural alignment (1) in i64.load8_u
(module (memory 1) (func (drop (i64.load8_u align=2 (i32.const 0)))))
;; invalid: alignment must not be larger than natural alignment (2) in i32.store16
(module (memory 1) (func (i32.store16 align=4 (i32.const 0) (i32.const 0))))
;; invalid: memory variable out of range (max 0)
(module (func (drop (i32.load (i32.const 0)))))
;; invalid: type mismatch in i32.load, expected [i32] but got [i64]
(module (memory 1) (func (drop (i32.load (i64.const 0)))))
;; invalid: type mismatch in f64.store, expected [i32, f64] but got [i32, i32]
(module (memory 1) (func (f64.store (i32.const 0) (i32.const 0))))

;; --- multi-memory ---
;; valid
(module (memory 1) (memory $b 0) (memory $c 2)
  (func
    (drop (i32.load $c (i32.const 0)))
    (i32.store8 $b (i32.const 0) (i32.const 0))
    (memory.copy $c $b (i32.const 0) (i32.const 0) (i32.const 0))
    (drop (memory.grow $c (memory.size $b))))
  (data (memory $c) (i32.const 8) "hi"))
;; invalid: memory variable out of range (max 1)
(module (memory 1) (func (drop (i32.load 1 (i32.const 0)))))

;; --- memory.size, memory.grow, memory.fill, memory.copy ---
;; valid
(module (memory 1) (func (drop (memory.grow (memory.size))) (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))
;; invalid: type mismatch in memory.grow, expected [i32] but got [i64]
(module (memory 1) (func (drop (memory.grow (i64.const 1)))))
;; invalid: memory variable out of range (max 0)
(module (func (drop (memory.size))))
;; invalid: type mismatch in memory.fill, expected [i32, i32, i32] but got [i32, i32]
(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0))))
;; invalid: memory variable out of range (max 1)
(module (memory 1) (func (memory.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0))))

;; --- memory.init, data.drop ---
;; valid
(module (memory 1) (data $d "hi") (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 2)) (data.drop $d)))
;; invalid: data segment variable out of range (max 1)
(module (memory 1) (data "hi") (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 2))))
;; invalid: memory variable out of range (max 0)
(module (data "hi") (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 2))))
;; invalid: data segment variable out of range (max 0)
(module (func (data.drop 0)))

;; --- limits ---
;; valid
(module (memory 0 65536))
;; invalid: memory size must be at most 65536 pages (4GiB)
(module (memory 65537))
;; invalid: memory maximum size must be at most 65536 pages (4GiB)
(module (memory 1 65537))
;; invalid: memory size minimum (2) must not be greater than maximum (1)
(module (memory 2 1))

;; --- data segments ---
;; valid
(module (global (import "env" "base") i32) (memory 1) (data (global.get 0) "hi"))
;; invalid: memory variable out of range (max 0)
(module (data (i32.const 0) "hi"))
;; invalid: type mismatch in data offset, expected [i32] but got [f32]
(module (memory 1) (data (f32.const 0) "hi"))
;; invalid: constant expression required in data offset, but found i32.div_u
(module (memory 1) (data (i32.div_u (i32.const 0) (i32.const 1)) "hi"))
;; extended-const (WebAssembly 3.0): add, sub and mul are constant
;; valid
(module (memory 1) (data (i32.add (i32.const 0) (i32.const 1)) "hi"))
