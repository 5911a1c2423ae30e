;; one-memory.wast - run with wast-runner --no-multi-memory: the WebAssembly 2.0
;; rule of at most one memory, as the official 2.0 testsuite checks it.
(module (memory 1))
(assert_invalid (module (memory 0) (memory 0)) "multiple memories")
(assert_invalid (module (memory (import "spectest" "memory") 1 2) (memory 0)) "multiple memories")
