;; tokens: comments, ids, numbers, strings
(; block comment (; nested ;) still comment ;)
(module $lexer;; line comment right after an id
  (func $!#$%&'*+-./:<=>?@\^_`|~az09 (result i32) (i32.const 0))
  (func $numbers
    i32.const 0 drop  i32.const +2147483647 drop  i32.const -2147483648 drop
    i32.const 4294967295 drop  i32.const 0xFFFF_FFFF drop  i32.const 1_000_000 drop
    i64.const -9223372036854775808 drop  i64.const 18446744073709551615 drop
    i64.const 0x8000_0000_0000_0000 drop
    f32.const 0 drop  f32.const -0 drop  f32.const 1.5e+3 drop  f32.const 1E-3 drop
    f32.const 0x1p-149 drop  f32.const 0x1.fffffep127 drop  f32.const 1. drop
    f32.const 0x1.000001p0 drop  ;; halfway, rounds to even: 0x3f800000
    f32.const 0x1.0000010000000000001p0 drop  ;; just above halfway: 0x3f800001
    f32.const 1.00000005960464477539062500000000001 drop  ;; above halfway, decimal
    f32.const 3.4028235677973366e38 drop  ;; rounds down to the max finite f32
    f32.const inf drop  f32.const -inf drop  f32.const nan drop  f32.const -nan:0x1 drop
    f32.const nan:0x7f_ffff drop  f32.const 1_0.2_5e1_0 drop  f32.const 0x1_F.8p-1_0 drop
    f64.const 0.1 drop  f64.const 0x1.fffffffffffffp1023 drop  f64.const 4.9e-324 drop
    f64.const 2.4703282292062328e-324 drop  ;; rounds up to the smallest subnormal
    f64.const +nan:0xf_ffff_ffff_ffff drop  f64.const -0x0.8p-1022 drop
    f64.const 1e308 drop  f64.const 123456789012345678901234567890e-10 drop)
  (memory 1)
  (data (i32.const 0) "tab\t nl\n cr\r dq\" sq\' bs\\ hex\00\ff\7F u\u{41}\u{e9}\u{20AC}\u{1_F600}")
  (data (i32.const 64) "" "concatenated " "strings" "ünïcödé")
  (func(nop)(nop)nop(;c;)nop)
)
