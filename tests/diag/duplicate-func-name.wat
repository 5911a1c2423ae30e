(module
  (func $f)
  (func $g)
  (func $f))
