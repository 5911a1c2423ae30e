;; script.wast - the script forms themselves: binary and quoted modules, names,
;; get, odd export names, and rejected modules.
(module $Bin binary
  "\00asm" "\01\00\00\00"
  "\01\05\01\60\00\01\7f"          ;; type section: () -> i32
  "\03\02\01\00"                   ;; function section: one func of type 0
  "\07\05\01\01\66\00\00"          ;; export section: "f" = func 0
  "\0a\06\01\04\00\41\2a\0b"       ;; code: i32.const 42
)
(assert_return (invoke "f") (i32.const 42))

(module $Quoted quote
  "(func (export \"g\") (result i64)"
  "  i64.const -1)"
  "(global (export \"glob\") f64 (f64.const -0x1.8p+1))"
)
(assert_return (invoke "g") (i64.const -1))
(assert_return (get "glob") (f64.const -3))
(assert_return (invoke $Bin "f") (i32.const 42))
(assert_return (get $Quoted "glob") (f64.const -0x1.8p1))

(module quote "(module (func (export \"h\") (result i32) (i32.const 5)))")
(assert_return (invoke "h") (i32.const 5))

(module
  (func (export "") (result i32) (i32.const 1))
  (func (export "\00nul") (result i32) (i32.const 2))
  (func (export "with space") (result i32) (i32.const 3))
  (func (export "\e2\98\83") (result i32) (i32.const 4))
  (func (export "*/") (result i32) (i32.const 5))
  (global (export "\00g") i32 (i32.const 6))
  (func (export "none"))
  (func (export "pair") (param f32 f64) (result f64 f32) (local.get 1) (local.get 0))
)
(assert_return (invoke "") (i32.const 1))
(assert_return (invoke "\00nul") (i32.const 2))
(assert_return (invoke "with space") (i32.const 3))
(assert_return (invoke "☃") (i32.const 4))
(assert_return (invoke "*/") (i32.const 5))
(assert_return (get "\00g") (i32.const 6))
(assert_return (invoke "none"))
(invoke "none")
(assert_return (invoke "pair" (f32.const 1.5) (f64.const nan:0x4)) (f64.const nan:0x4) (f32.const 1.5))

;; Rejected modules: malformed text and binaries, invalid modules.
(assert_malformed (module quote "(func (i32.const 0x100000000) drop)") "i32 constant out of range")
(assert_malformed (module quote "(func (i32.add_oops))") "unknown operator")
(assert_malformed (module quote "(func $f) (func $f)") "duplicate func")
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\05\01\60\00\01") "unexpected end")
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_invalid (module (func (i32.add (i32.const 1)) (drop))) "type mismatch")
(assert_invalid (module (func (br 1))) "unknown label")
(assert_invalid (module (export "a" (func 0)) (export "a" (func 0)) (func)) "duplicate export name")
