(module
  (func
    (block
      (br 1)
      (br 2))))
