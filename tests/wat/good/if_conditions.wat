;; a folded if takes any number of folded condition instructions (foldedinstr*),
;; also none; wabt 1.0.32 reads only one
(module
  (func (param i32) (result i32)
    (if (local.get 0) (i32.const 1) (then (drop)) (else (drop)))
    (i32.const 0) (if (then) (else))
    (if (result i32) (i32.const 1) (i32.const 2) (i32.const 3) (i32.add) (i32.add)
      (then (i32.const 4))
      (else (i32.const 5)))))
