(module
  (type $t (func))
  (func (param (ref null $t))))
