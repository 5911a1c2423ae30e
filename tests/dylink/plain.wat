;; plain.wat - an ordinary module without dylink.0: not a side module.
(module
  (func (export "plain") (result i32) (i32.const 1)))
