;; from ../shared/seeds/004_cd8e799016809d99.txt
(module
  (import "console" "log" (func $log (param i32)))
  (func (export "logIt")
    i32.const 13
    call $log))
