;; from ../shared/seeds/004_cd8e799016809d99.txt (translated and run by samples/threads)
(module
  (memory 1 2 shared)
)
