(module
  (func))
)
