(module (func (call $nowhere)))
