;; The escape the first keep-alive rule missed (for runtime_hostile.c): the
;; start function puts its own function in the imported table, calls an
;; import with no funcref parameter that copies the slot elsewhere, clears
;; the slot and traps.  Nothing of it is in the table afterwards, yet the
;; copy points into the instance, which must therefore stay alive.
(module
  (import "host" "table" (table 1 funcref))
  (import "host" "copy_slot0" (func $copy))
  (global $answer i32 (i32.const 42))
  (func $get (result i32) (global.get $answer))
  (elem declare func $get)
  (func $start
    (table.set 0 (i32.const 0) (ref.func $get))
    (call $copy)
    (table.set 0 (i32.const 0) (ref.null func))
    unreachable)
  (start $start))
