(module (func (result v128) (v128.const i128 0)))
