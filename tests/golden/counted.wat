;; flags: --epoch
;; Which loop headers --epoch leaves unchecked: counted loops (an i32 local
;; set to a constant before the loop, one constant step per pass, a constant
;; bound tested by the only back edge, no calls or loops inside, bounded
;; work).  Each function's comment says whether its loop checks.
(module
  (memory 1)
  (func $g)
  ;; no check: 256 passes, counting up, local.tee in the condition
  (func (export "up") (local i32)
    (local.set 0 (i32.const 0))
    (loop $l
      (i32.store (local.get 0) (local.get 0))
      (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 4))) (i32.const 1024)))))
  ;; no check: counting down to zero, the tee'd value is the condition
  (func (export "down") (local i32)
    (local.set 0 (i32.const 2048))
    (loop $l
      (i32.store8 (local.get 0) (i32.const 0))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 8))))))
  ;; no check: the step is a statement of its own, the test reads the local
  (func (export "stmt") (param i32) (result i32) (local i32)
    (local.set 1 (i32.const 0))
    (loop $l
      (local.set 0 (i32.add (local.get 0) (local.get 1)))
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 1) (i32.const 100))))
    (local.get 0))
  ;; check: the bound is not a constant
  (func (export "dynamic") (param i32) (local i32)
    (local.set 1 (i32.const 0))
    (loop $l
      (br_if $l (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (local.get 0)))))
  ;; check: 1,000,000 passes is too much work between checks
  (func (export "long") (local i32)
    (local.set 0 (i32.const 0))
    (loop $l
      (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 1000000)))))
  ;; check: a step of 0 never ends
  (func (export "stuck") (local i32)
    (local.set 0 (i32.const 1))
    (loop $l
      (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const 0))))))
  ;; check: the counter is written twice
  (func (export "rewritten") (local i32)
    (local.set 0 (i32.const 0))
    (loop $l
      (if (i32.load (i32.const 0)) (then (local.set 0 (i32.const 0))))
      (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 10)))))
  ;; check: a call inside
  (func (export "calls") (local i32)
    (local.set 0 (i32.const 0))
    (loop $l
      (call $g)
      (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 10)))))
  ;; check: another branch back to the header
  (func (export "twice") (local i32)
    (local.set 0 (i32.const 0))
    (loop $l
      (br_if $l (i32.load (i32.const 0)))
      (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 10)))))
  ;; the outer loop checks (its bound is not a constant), the inner does not
  (func (export "nest") (param i32) (local i32 i32)
    (loop $outer
      (local.set 2 (i32.const 0))
      (loop $inner
        (i32.store (local.get 2) (local.get 1))
        (br_if $inner (i32.lt_s (local.tee 2 (i32.add (local.get 2) (i32.const 4))) (i32.const 64))))
      (br_if $outer (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (local.get 0))))))
