;; A start function that grabs 1 MiB, writes it and traps (`make soak`).
(module
  (memory 1)
  (func $start
    (drop (memory.grow (i32.const 16)))
    (memory.fill (i32.const 0) (i32.const 9) (i32.const 1048576))
    unreachable)
  (start $start))
