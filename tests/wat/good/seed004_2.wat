;; from ../shared/seeds/004_cd8e799016809d99.txt
(module)
