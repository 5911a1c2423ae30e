;; Reduced by hand from campaign seeds 301236 and 301452 (wasm-reduce made no
;; progress): constants that C compilers fold, in a mask and a zero comparison.
(module
 (func $mask (export "mask") (param $0 i32) (result i32)
  (if (result i32)
   (i32.or (local.get $0) (i32.wrap_i64 (i64.const -8040165)))
   (then (i32.const 1))
   (else (i32.const 2))))
 (func $zero (export "zero") (param $0 i32) (result i32)
  (if (result i32)
   (i32.ge_u (local.get $0)
    (i64.eqz (i64.shl (i64.const -93) (i64.const 0))))
   (then (i32.const 3))
   (else (i32.const 4)))))
