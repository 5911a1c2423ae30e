;; Grows a memory it imports (for runtime_quota.c): the growth is charged to
;; the quota of the memory's owner.
(module
  (memory (import "hog" "memory") 1)
  (func (export "mgrow") (param i32) (result i32) (memory.grow (local.get 0))))
