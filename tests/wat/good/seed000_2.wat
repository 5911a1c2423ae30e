;; from ../shared/seeds/000_5cd99e7d619e6749.txt
(module (import "js" "table" (table 1 anyfunc)) (type $t0 (func (param $a i32) (param $b i32) (result i32)))

(func (export "add_five") (param $x i32) (result i32) (call_indirect (type $t0) (get_local $x) (i32.const 5) (i32.const 0)) ) )
