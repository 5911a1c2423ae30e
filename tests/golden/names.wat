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
  ;; What clang-built modules export reads as plainly as other names
  ;; (names_Z___start before), but a leading '_' that would meet the
  ;; emitter's own names__NAME identifiers is escaped.
  (func (export "_start"))
  (func (export "__wasm_call_ctors"))
  (global (export "__heap_base") i32 (i32.const 66560))
  (func (export "_initialize"))
  (func (export "_init"))
  (func (export "_f2"))
)
