;; Names from the name section: module, functions (imported too), locals and
;; params with gaps, and every other index space wabt names.
(module $names!#%&'*+-./:<=>?@\^_`|~
  (import "m" "f" (func $imported (param $ip i32)))
  (func $a.b (param $p0 i32) (param i32) (param $p2 i32) (local i32) (local $l4 i64))
  (func (param $only i32))
  (func $last)
  (global $g i32 (i32.const 0))
)
