(module (memory 1) (func))
