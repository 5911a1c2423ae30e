;; stress.wat - what tests/unit/runtime_stress.c runs on many threads at once,
;; all instances importing one shared memory:
;;   0 i32 counter   8 i64 counter   16 u8 counter   24 u16 counter
;;   32 lock word    36 counter the lock protects (plain loads and stores)
;;   40 ping-pong turn   48 waiter word   52 timeout word   56 grower's flag
(module
  (import "env" "memory" (memory 1 4 shared))
  (func (export "add32") (param $n i32)
    (loop $l
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "add64") (param $n i32)
    (loop $l
      (drop (i64.atomic.rmw.add offset=8 (i32.const 0) (i64.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "add8") (param $n i32)
    (loop $l
      (drop (i32.atomic.rmw8.add_u offset=16 (i32.const 0) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "add16") (param $n i32)
    (loop $l
      (drop (i64.atomic.rmw16.add_u offset=24 (i32.const 0) (i64.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; a lock from cmpxchg (sleeping in wait32 while it is held), around a plain
  ;; read-modify-write that would lose updates without it
  (func $lock
    (loop $try
      (if (i32.atomic.rmw.cmpxchg (i32.const 32) (i32.const 0) (i32.const 1))
        (then
          (drop (memory.atomic.wait32 (i32.const 32) (i32.const 1) (i64.const 1000000)))
          (br $try)))))
  (func $unlock
    (i32.atomic.store (i32.const 32) (i32.const 0))
    (drop (memory.atomic.notify (i32.const 32) (i32.const 1))))
  (func (export "locked") (param $n i32)
    (loop $l
      (call $lock)
      (i32.store (i32.const 36) (i32.add (i32.load (i32.const 36)) (i32.const 1)))
      (call $unlock)
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; ping-pong: player $me waits for its turn, hands it to the other, $rounds
  ;; times; returns the rounds it played
  (func (export "ping") (param $me i32) (param $rounds i32) (result i32)
    (local $played i32) (local $turn i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $played) (local.get $rounds)))
        (local.set $turn (i32.atomic.load (i32.const 40)))
        (if (i32.ne (local.get $turn) (local.get $me))
          (then
            (drop (memory.atomic.wait32 (i32.const 40) (local.get $turn) (i64.const -1)))
            (br $l)))
        (i32.atomic.store (i32.const 40) (i32.sub (i32.const 1) (local.get $me)))
        (drop (memory.atomic.notify (i32.const 40) (i32.const 1)))
        (local.set $played (i32.add (local.get $played) (i32.const 1)))
        (br $l)))
    (local.get $played))
  ;; the waiter sleeps on a word nobody changes; returns what wait32 gave (0: woken)
  (func (export "waiter") (result i32)
    (memory.atomic.wait32 (i32.const 48) (i32.const 0) (i64.const -1)))
  ;; notify the waiter until it is woken (it may not be parked yet); returns the
  ;; number notify woke, 1
  (func (export "waker") (result i32)
    (local $n i32)
    (loop $l
      (local.set $n (memory.atomic.notify (i32.const 48) (i32.const 1)))
      (if (i32.eqz (local.get $n))
        (then
          (drop (memory.atomic.wait32 (i32.const 52) (i32.const 0) (i64.const 100000)))
          (br $l))))
    (local.get $n))
  (func (export "timeout") (param $ns i64) (result i32)
    (memory.atomic.wait32 (i32.const 52) (i32.const 0) (local.get $ns)))
  ;; grow to 4 pages, one at a time, flagging each new size
  (func (export "grower") (result i32)
    (loop $l
      (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1))
        (then
          (i32.atomic.store (i32.const 56) (memory.size))
          (drop (memory.atomic.notify (i32.const 56) (i32.const -1)))
          (br $l))))
    (memory.size))
  ;; write the last word of each page as soon as memory.size shows it: an
  ;; access inside a size this thread has seen never traps; returns the sum of
  ;; what it read back
  (func (export "follower") (result i32)
    (local $seen i32) (local $sum i32) (local $s i32)
    (loop $l
      (local.set $s (memory.size))
      (if (i32.gt_u (local.get $s) (local.get $seen))
        (then
          (local.set $seen (local.get $s))
          (i32.store (i32.sub (i32.shl (local.get $s) (i32.const 16)) (i32.const 4)) (local.get $s))
          (local.set $sum (i32.add (local.get $sum)
            (i32.load (i32.sub (i32.shl (local.get $s) (i32.const 16)) (i32.const 4)))))))
      (br_if $l (i32.lt_u (local.get $seen) (i32.const 4))))
    (local.get $sum))
)
