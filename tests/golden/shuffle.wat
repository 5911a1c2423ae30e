;; i8x16.shuffle with constant masks: the emitter names the widest lanes each
;; mask moves whole (w2l_shuffle64/32/16/8), operands in parentheses because
;; the helpers are macros (a v128 literal has commas).
(module
  (func (export "swap64") (param v128) (result v128)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0)))
  (func (export "interleave32") (param v128 v128) (result v128)
    (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get 0) (local.get 1)))
  (func (export "words16") (param v128) (result v128)
    (i8x16.shuffle 14 15 0 1 12 13 2 3 10 11 4 5 8 9 6 7 (local.get 0)
      (v128.const i32x4 1 2 3 4)))
  (func (export "bytes8") (param v128) (result v128)
    (i8x16.shuffle 0 16 0 0 1 17 0 0 2 18 0 0 3 19 0 0 (local.get 0)
      (v128.const i8x16 -1 -2 -3 -4 -5 -6 -7 -8 0 0 0 0 0 0 0 0))))
