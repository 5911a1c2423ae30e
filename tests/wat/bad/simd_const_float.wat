(module (func (result v128) (v128.const f32x4 1.5 nan:0x200000 -inf 0x1p200)))
