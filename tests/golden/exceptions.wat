;; Exception handling as C: a try_table's handler (setjmp, the catch clauses
;; in order, the payload into the label's slots, the enclosing handler put back
;; on every way out), throw and throw_ref, a local written inside the try_table
;; (volatile), and the legacy try/catch/catch_all/rethrow/delegate.
(module
  (tag $e (export "e") (param i32))
  (tag $f (param i32))
  (func $thrower (param i32) (throw $e (local.get 0)))
  (func (export "catches") (param $x i32) (result i32)
    (local $seen i32)
    (block $all
      (block $out (result i32)
        (block $h (result i32 exnref)
          (try_table (result i32) (catch $f $out) (catch_ref $e $h) (catch_all $all)
            (local.set $seen (i32.const 1))
            (drop (br_if $out (i32.const 7) (i32.eqz (local.get $x))))
            (call $thrower (local.get $x))
            (i32.const 0))
          (return))
        (drop))
      (return (i32.add (local.get $seen))))
    (i32.const -1))
  (func (export "rethrows") (param $r exnref) (throw_ref (local.get $r)))
  (func (export "legacy") (param $x i32) (result i32)
    (try $t (result i32)
      (do (try (do (call $thrower (local.get $x))) (delegate $t)) (i32.const 0))
      (catch $e (i32.add (i32.const 1)))
      (catch_all (rethrow 0)))))
