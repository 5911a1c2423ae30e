;; legacy spellings are accepted with a note naming the modern one
(module
  (table 1 anyfunc)
  (global $g (mut i32) (i32.const 0))
  (func (param $p i32) (local $l i32)
    get_local $p set_local $l (tee_local $l (get_local $p)) drop
    get_global $g set_global $g
    (set_local 0 (get_local 1)))
)
