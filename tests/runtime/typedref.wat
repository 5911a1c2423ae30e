;; Typed function references at the host boundary (runtime_emitted.c): a host
;; may hand any funcref for a (ref $ii) argument or global; call_ref checks the
;; tag, so a null or a function of another type traps instead of being called
;; with the wrong C signature.
(module $typedref
  (type $ii (func (param i32) (result i32)))
  (global $g (export "g") (mut (ref null $ii)) (ref.null $ii))
  (func (export "apply") (param $f (ref $ii)) (param $x i32) (result i32)
    (call_ref $ii (local.get $x) (local.get $f)))
  (func (export "apply_tail") (param $f (ref $ii)) (param $x i32) (result i32)
    (return_call_ref $ii (local.get $x) (local.get $f)))
  (func (export "via_g") (param $x i32) (result i32)
    (call_ref $ii (local.get $x) (global.get $g))))
