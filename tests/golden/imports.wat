;; The header's import section: typed macros for function imports, names that
;; need escaping, a name an export already takes, a repeated import, a name
;; with a NUL byte, multi-value results and the other kinds as comments.
(module
  (import "env" "log" (func (param i32)))
  (import "env" "log" (func (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "my-lib" "get.pair" (func (param f64) (result i32 f32)))
  (import "a_b" "c" (func))
  (import "a" "b_c" (func))
  (import "env" "nul\00name" (func))
  (import "env" "table" (table 1 10 funcref))
  (import "env" "memory" (memory 1))
  (import "env" "counter" (global (mut i64)))
  (func (export "define_env_log")))
