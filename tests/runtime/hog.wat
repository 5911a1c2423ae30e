;; A plugin that grabs what it can (for runtime_quota.c): four tables and a
;; memory, each grown on demand by an export.
(module
  (table $t0 0 funcref)
  (table $t1 0 funcref)
  (table $t2 0 funcref)
  (table $t3 0 funcref)
  (memory (export "memory") 1)
  (func (export "tgrow0") (param i32) (result i32) (table.grow $t0 (ref.null func) (local.get 0)))
  (func (export "tgrow1") (param i32) (result i32) (table.grow $t1 (ref.null func) (local.get 0)))
  (func (export "tgrow2") (param i32) (result i32) (table.grow $t2 (ref.null func) (local.get 0)))
  (func (export "tgrow3") (param i32) (result i32) (table.grow $t3 (ref.null func) (local.get 0)))
  (func (export "mgrow") (param i32) (result i32) (memory.grow (local.get 0))))
