;; A plugin that calls function pointers: indices into the table the host shares
;; with every plugin (the dlsym hand-off of the dynamic-linking seed).
(module
  (import "env" "table" (table 0 funcref))
  (import "env" "log" (func $log (param i32 i32)))
  (type $unary (func (param i32) (result i32)))
  (func (export "apply") (param $fn i32) (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (local.get $fn)))
  ;; Apply fn to 1..n and log each result.
  (func (export "map_log") (param $fn i32) (param $n i32)
    (local $i i32)
    (loop $next
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (call $log (local.get $i)
        (call_indirect (type $unary) (local.get $i) (local.get $fn)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
)
