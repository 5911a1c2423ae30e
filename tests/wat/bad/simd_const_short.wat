(module (func (result v128) (v128.const i32x4 1 2 3)))
