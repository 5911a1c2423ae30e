;; Export names that are not C identifiers, or that would break a comment or a
;; string literal, all become collision-free C names.
(module
  (func (export "*/") (result i32) (i32.const 1))
  (func (export "??/") (result i32) (i32.const 2))
  (func (export "caf\c3\a9") (result i32) (i32.const 3))
  (func (export "") (result i32) (i32.const 4))
  (func (export "module") (result i32) (i32.const 5))
  (func (export "a_b") (export "a-b") (result i32) (i32.const 6))
  (global (export "g") (mut i32) (i32.const 7))
)
