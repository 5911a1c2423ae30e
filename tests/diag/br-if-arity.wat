(module
  (func $f (param i32) (result i32)
    (br_if 0 (local.get 0))))
