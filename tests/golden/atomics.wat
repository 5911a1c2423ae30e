;; Threads: a shared memory (exported: .shared in its type), atomic accesses,
;; wait/notify, the fence, memory.size/grow read atomically, and the cached size
;; reloaded after atomics and calls.
(module
  (memory (export "mem") 1 4 shared)
  (func $lock (param $addr i32)
    (loop $spin
      (br_if $spin (i32.atomic.rmw.cmpxchg (local.get $addr) (i32.const 0) (i32.const 1)))))
  (func $unlock (param $addr i32)
    (i32.atomic.store (local.get $addr) (i32.const 0))
    (drop (memory.atomic.notify (local.get $addr) (i32.const 1))))
  (func (export "bump") (param $n i32) (result i32)
    (call $lock (i32.const 0))
    (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (local.get $n)))
    (call $unlock (i32.const 0))
    (i32.atomic.load (i32.const 8)))
  (func (export "counter8") (param $v i64) (result i64)
    (atomic.fence)
    (i64.atomic.rmw8.add_u offset=16 (i32.const 0) (local.get $v)))
  (func (export "park") (param $expected i32) (param $ns i64) (result i32)
    (memory.atomic.wait32 offset=4 (i32.const 0) (local.get $expected) (local.get $ns)))
  (func (export "pages") (result i32)
    (drop (memory.grow (i32.const 1)))
    (memory.size))
)
