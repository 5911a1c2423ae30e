;; A side module of tests/unit/runtime_dylink.c that imports C's c_add with
;; the wrong type.
(module
  (import "env" "memory" (memory 0))
  (import "env" "c_add" (func $c_add)))
