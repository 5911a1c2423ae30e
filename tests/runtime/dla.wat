;; Side module "A" of tests/unit/runtime_dylink.c, which needs B (which needs
;; C): a_get() = B's b_get() + 1.
(module
  (import "env" "memory" (memory 0))
  (import "env" "__memory_base" (global $mb i32))
  (import "env" "b_get" (func $b_get (result i32)))
  (func (export "a_get") (result i32) (i32.add (call $b_get) (i32.const 1))))
