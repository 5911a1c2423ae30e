(module (func (result v128) (v128.const i16x8 0 0 0 0 0 0 0 1.0)))
