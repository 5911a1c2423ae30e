;; A plugin that misbehaves: it divides by zero, reads past its memory, and
;; tries to grow its memory past what the host allows.
(module
  (memory 1)
  (func (export "divide") (param $a i32) (param $b i32) (result i32)
    (i32.div_u (local.get $a) (local.get $b)))
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load (local.get $addr)))
  (func (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages)))
)
