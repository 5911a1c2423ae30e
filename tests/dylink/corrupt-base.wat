;; corrupt-base.wat - the body of the corrupt side modules (dylink.sh puts a
;; damaged dylink.0 section before it): what a small side module imports.
(module
  (import "env" "memory" (memory 0))
  (import "env" "__memory_base" (global $base i32))
  (data (global.get $base) "abcd")
  (func (export "f") (result i32) (global.get $base)))
