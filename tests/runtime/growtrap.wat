;; A hostile start function (runtime_hostile.c): it grows its memory by
;; 100 MiB, writes all of it, then traps.  It imports nothing, so nothing
;; outside can hold on to the instance: the runtime must free it all.
(module
  (memory 1)
  (func $start
    (drop (memory.grow (i32.const 1600)))
    (memory.fill (i32.const 0) (i32.const 1) (i32.const 104857600))
    unreachable)
  (start $start))
