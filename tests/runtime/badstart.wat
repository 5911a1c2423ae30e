;; Writes slot 0 of the imported table, then its start function traps.
(module
  (import "js" "table" (table 1 funcref))
  (func $seven (result i32) (i32.const 7))
  (elem (i32.const 0) $seven)
  (func $start (drop (i32.div_u (i32.const 1) (i32.const 0))))
  (start $start))
