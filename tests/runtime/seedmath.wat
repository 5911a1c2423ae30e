;; The first seed's math.wat: puts $add in slot 0 of the imported table.
(module
  (import "js" "table" (table 1 funcref))
  (func $add (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add)
  (elem (i32.const 0) $add))
