;; A start function that never returns (runtime_interrupt.c), translated with
;; --epoch (the Makefile's RT_FLAGS_spinstart).
(module
  (func $forever (loop $l (br $l)))
  (start $forever))
