;; from ../shared/seeds/004_cd8e799016809d99.txt
(module
  (import "js" "mem" (memory 1))
  ;; ...
  (data (i32.const 0) "Hi")
  ;;
)
