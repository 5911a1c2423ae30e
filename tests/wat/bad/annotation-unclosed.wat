(module
  (@x (y (z))
