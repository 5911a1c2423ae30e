;; from ../shared/seeds/000_5cd99e7d619e6749.txt
(module
(import "js" "table" (table 1 anyfunc))

(func $add (param$a i32) (param $b i32) (result i32) get_local$a
get_local $b i32.add) (elem (i32.const 0)$add)
)
