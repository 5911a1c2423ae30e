(module (func (result v128) (v128.const i8x16 0 255 -128 256 0 0 0 0 0 0 0 0 0 0 0 0)))
