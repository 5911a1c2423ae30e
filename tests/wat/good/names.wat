;; forward references in every index space; $names kept in the IR
(module $names
  (func $first (call $second) (global.get $glob) drop
    (table.size $tab) drop (memory.size $mem) drop
    (elem.drop $seg) (data.drop $dat)
    (call_indirect $tab (type $sig) (i32.const 0)))
  (func $second (type $sig))
  (type $sig (func))
  (table $tab 1 funcref)
  (memory $mem 1)
  (global $glob i32 (i32.const 0))
  (elem $seg func $first)
  (data $dat "")
  (export "first" (func $first))
)
