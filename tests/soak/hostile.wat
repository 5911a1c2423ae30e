;; Hostile plugin for `make soak` (tests/soak/soak.c), translated with --fuel:
;; every export misbehaves in its own way.
(module
  (type $v (func))
  (memory 1 200)
  (table 2 funcref)
  ;; An access past the end of memory.
  (func (export "oob") (drop (i32.load (i32.const 0x7fff0000))))
  ;; Unbounded recursion.
  (func $deep (export "deep") (call $deep))
  ;; A loop that never ends (stopped by fuel).
  (func (export "spin") (loop $l (br $l)))
  ;; call_indirect through a null slot.
  (func (export "badcall") (call_indirect (type $v) (i32.const 1)))
  ;; Grab 2 MiB, write it, trap.
  (func (export "hog")
    (drop (memory.grow (i32.const 32)))
    (memory.fill (i32.const 0) (i32.const 7) (i32.const 2097152))
    unreachable))
