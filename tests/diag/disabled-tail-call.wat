(module
  (func $f (result i32) (return_call $f)))
