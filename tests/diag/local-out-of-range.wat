(module
  (func $f (param i32)
    local.get 5
    drop))
