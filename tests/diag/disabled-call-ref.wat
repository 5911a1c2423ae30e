(module
  (type $t (func))
  (func (param funcref) (call_ref $t (local.get 0))))
