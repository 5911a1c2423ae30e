;; counter.wat - what each of the host's worker threads runs, on a shared
;; memory they all import:
;;   0: the counter       every worker adds 1 to it, `rounds` times
;;   4: workers done      each worker adds 1 when it is finished, then wakes
;;                        whoever waits on this word
;;   8: go                the host's start signal (0 until it says go)
(module
  (import "env" "memory" (memory 1 1 shared))

  ;; Park until the go word is non-zero (wait32 returns at once, "not-equal",
  ;; if it already is), then count, then report done.
  (func (export "work") (param $rounds i32) (result i32)
    (local $i i32)
    (block $started
      (loop $park
        (br_if $started (i32.atomic.load (i32.const 8)))
        (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))
        (br $park)))
    (block $end
      (loop $again
        (br_if $end (i32.ge_u (local.get $i) (local.get $rounds)))
        (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 4) (i32.const -1)))
    (local.get $i))

  ;; Set the go word and wake every parked worker; returns how many it woke.
  (func (export "go") (result i32)
    (i32.atomic.store (i32.const 8) (i32.const 1))
    (memory.atomic.notify (i32.const 8) (i32.const -1)))

  ;; Block until `workers` have reported done, then return the counter.
  (func (export "wait_done") (param $workers i32) (result i32)
    (local $done i32)
    (loop $check
      (local.set $done (i32.atomic.load (i32.const 4)))
      (if (i32.lt_u (local.get $done) (local.get $workers))
        (then
          (drop (memory.atomic.wait32 (i32.const 4) (local.get $done) (i64.const -1)))
          (br $check))))
    (i32.atomic.load (i32.const 0)))
)
