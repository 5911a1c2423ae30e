(module
  (func (export "f"))
  (func (export "f")))
