;; Exceptions at the host boundary (runtime_emitted.c): a host function that
;; throws the module's tag, an exception that crosses a host frame (the host
;; calls back in through w2l_call and passes the exception on), a tag the host
;; made, an exception no one catches as the outcome of a call, and legacy
;; catches with rethrow that must not keep what they caught.
(module $exn
  (import "env" "host_throw" (func $host_throw (param i32)))
  (import "env" "reenter" (func $reenter (param i32) (result i32)))
  (import "env" "htag" (tag $htag (param i64)))
  (tag $e (export "e") (param i32))
  (func (export "throw_e") (param i32) (throw $e (local.get 0)))
  ;; the host throws $e with x + 1
  (func (export "catch_host") (param $x i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $host_throw (local.get $x)))
      (i32.const -1)))
  ;; the host calls throw_e(2x) and passes its exception on
  (func (export "through_host") (param $x i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (drop (call $reenter (local.get $x))))
      (i32.const -1)))
  ;; the host's tag, caught by identity
  (func (export "catch_htag") (param $x i64) (result i64)
    (block $h (result i64)
      (try_table (catch $htag $h) (throw $htag (local.get $x)))
      (i64.const -1)))
  ;; legacy catch parts holding their exception for rethrow: rethrown, left
  ;; by br_if, left by the end; nothing stays with the instance
  (func (export "legacy_loop") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (try
        (do (try (do (throw $e (local.get $i))) (catch_all (rethrow 0))))
        (catch $e
          (if (i32.eq (local.get $i) (i32.const -1)) (then (rethrow 1)))
          (local.set $s (i32.add (local.get $s)))))
      (block $out
        (try (do (throw $e (i32.const 1)))
          (catch $e (drop) (br_if $out (i32.const 1)) (rethrow 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))
