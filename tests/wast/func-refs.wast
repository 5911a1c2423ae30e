;; Typed function references (WebAssembly 3.0): (ref null? $t) types,
;; call_ref, return_call_ref, ref.as_non_null, br_on_null, br_on_non_null,
;; non-defaultable locals, subtyping, exact function types at run time and in
;; linking.

(module $M
  (type $ii (func (param i32) (result i32)))
  (type $pair (func (param i32) (result i32 i64)))
  (type $chain (func (param (ref $chain) i64) (result i64)))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $two (type $pair) (local.get 0) (i64.extend_i32_u (local.get 0)))
  (elem declare func $inc $dbl $two $count)
  (global $g (mut (ref null $ii)) (ref.null $ii))
  (global $f (ref $ii) (ref.func $inc))
  (table $t 2 (ref $ii) (ref.func $dbl))

  ;; call_ref through a parameter, a global, a table and a select
  (func (export "apply") (param $x i32) (param $which i32) (result i32)
    (call_ref $ii (local.get $x)
      (select (result (ref $ii)) (ref.func $inc) (ref.func $dbl) (local.get $which))))
  (func (export "via-global") (param i32) (result i32) (call_ref $ii (local.get 0) (global.get $f)))
  (func (export "via-table") (param i32) (result i32)
    (call_ref $ii (local.get 0) (table.get $t (i32.const 1))))
  (func (export "set-g") (global.set $g (ref.func $dbl)))
  (func (export "via-null-global") (param i32) (result i32)
    (call_ref $ii (local.get 0) (global.get $g)))
  (func (export "two") (param i32) (result i64) (local $l i64)
    (call_ref $pair (local.get 0) (ref.func $two))
    (local.set $l)
    (i64.add (i64.extend_i32_u) (local.get $l)))

  ;; return_call_ref: a million steps in constant native stack
  (func $count (type $chain)
    (if (result i64) (i64.eqz (local.get 1))
      (then (i64.const 42))
      (else (return_call_ref $chain (local.get 0) (i64.sub (local.get 1) (i64.const 1))
                                    (local.get 0)))))
  (func (export "count") (param i64) (result i64)
    (call_ref $chain (ref.func $count) (local.get 0) (ref.func $count)))

  ;; ref.as_non_null, br_on_null, br_on_non_null with values carried along
  (func (export "as-non-null") (result i32)
    (call_ref $ii (i32.const 5) (ref.as_non_null (global.get $g))))
  (func (export "on-null") (result i32) (local $r (ref $ii))
    (block $null (result i32)
      (i32.const 100)
      (br_on_null $null (global.get $g))
      (local.set $r)
      (call_ref $ii (i32.const 1) (local.get $r))
      (i32.add)))
  (func (export "on-non-null") (result i32)
    (block $nonnull (result i32 (ref $ii))
      (i32.const 7)
      (br_on_non_null $nonnull (global.get $g))
      (return (i32.const -1)))
    (call_ref $ii))

  ;; a non-defaultable local, set in every branch before it is read
  (func (export "local") (param i32) (result i32)
    (local $r (ref $ii))
    (if (local.get 0)
      (then (local.set $r (ref.func $inc)))
      (else (local.set $r (ref.func $dbl))))
    (local.set $r (ref.func $dbl))
    (call_ref $ii (i32.const 10) (local.get $r)))
  (func (export "is-null-typed") (result i32) (ref.is_null (global.get $g)))
)
(register "M" $M)

(assert_return (invoke "apply" (i32.const 10) (i32.const 1)) (i32.const 11))
(assert_return (invoke "apply" (i32.const 10) (i32.const 0)) (i32.const 20))
(assert_return (invoke "via-global" (i32.const 3)) (i32.const 4))
(assert_return (invoke "via-table" (i32.const 3)) (i32.const 6))
(assert_return (invoke "two" (i32.const 3)) (i64.const 6))
(assert_trap (invoke "via-null-global" (i32.const 1)) "null function reference")
(assert_trap (invoke "as-non-null") "null reference")
(assert_return (invoke "on-null") (i32.const 100))
(assert_return (invoke "on-non-null") (i32.const -1))
(assert_return (invoke "is-null-typed") (i32.const 1))
(assert_return (invoke "count" (i64.const 1000000)) (i64.const 42))
(assert_return (invoke "local" (i32.const 1)) (i32.const 20))
(invoke "set-g")
(assert_return (invoke "via-null-global" (i32.const 4)) (i32.const 8))
(assert_return (invoke "as-non-null") (i32.const 10))
(assert_return (invoke "on-null") (i32.const 102))
(assert_return (invoke "on-non-null") (i32.const 14))
(assert_return (invoke "is-null-typed") (i32.const 0))

;; Function types are equal by structure across modules (also a type that
;; refers to itself); types that differ only in a typed reference differ at
;; run time: call_indirect checks the exact type.
(module $N
  (type $self (func (param (ref null $self)) (result i32)))
  (type $plain (func (param funcref) (result i32)))
  (type $typed (func (param (ref null $plain)) (result i32)))
  (func $s (export "s") (type $self) (i32.const 1))
  (func $p (export "p") (type $plain) (i32.const 2))
  (func $t (export "t") (type $typed) (i32.const 3))
  (table (export "tab") 3 funcref)
  (elem (i32.const 0) $s $p $t))
(register "N" $N)

(module
  (type $self2 (func (param (ref null $self2)) (result i32)))
  (type $plain (func (param funcref) (result i32)))
  (type $typed (func (param (ref null $plain)) (result i32)))
  (import "N" "s" (func $s (type $self2)))
  (import "N" "t" (func $t (type $typed)))
  (import "N" "tab" (table $tab 3 funcref))
  (func (export "self") (result i32)
    (call_indirect $tab (type $self2) (ref.null $self2) (i32.const 0)))
  (func (export "typed-as-plain") (result i32)
    (call_indirect $tab (type $plain) (ref.null func) (i32.const 2)))
  (func (export "plain-as-typed") (result i32)
    (call_indirect $tab (type $typed) (ref.null $plain) (i32.const 1)))
  (func (export "typed") (result i32)
    (call_indirect $tab (type $typed) (ref.null $plain) (i32.const 2))))
(assert_return (invoke "self") (i32.const 1))
(assert_return (invoke "typed") (i32.const 3))
(assert_trap (invoke "typed-as-plain") "indirect call type mismatch")
(assert_trap (invoke "plain-as-typed") "indirect call type mismatch")

(assert_unlinkable
  (module (type $plain (func (param funcref) (result i32)))
          (import "N" "t" (func (type $plain))))
  "incompatible import type")

;; Globals: immutable ones match by subtyping, mutable ones exactly.
(module $G
  (type $ii (func (param i32) (result i32)))
  (func $f (type $ii) (local.get 0))
  (global (export "const") (ref $ii) (ref.func $f))
  (global (export "var") (mut (ref null $ii)) (ref.null $ii)))
(register "G" $G)
(module
  (type $ii (func (param i32) (result i32)))
  (import "G" "const" (global (ref null $ii)))
  (import "G" "const" (global funcref))
  (import "G" "var" (global (mut (ref null $ii)))))
(assert_unlinkable
  (module (type $ii (func (param i32) (result i32)))
          (import "G" "var" (global (mut funcref))))
  "incompatible import type")
(assert_unlinkable
  (module (type $i (func (param i32)))
          (import "G" "const" (global (ref $i))))
  "incompatible import type")

;; Validation
(assert_invalid
  (module (type $ii (func (param i32) (result i32)))
    (func (result i32) (local $r (ref $ii))
      (block (local.set $r (ref.func 0)))
      (call_ref $ii (i32.const 1) (local.get $r)))
    (elem declare func 0))
  "uninitialized local")
(assert_invalid
  (module (type $ii (func (param i32) (result i32)))
    (func (param funcref) (result i32) (call_ref $ii (i32.const 1) (local.get 0))))
  "type mismatch")
(assert_invalid
  (module (type $ii (func (param i32) (result i32)))
    (func (param (ref null $ii)) (result (ref $ii)) (local.get 0)))
  "type mismatch")
(assert_invalid
  (module (type $ii (func (param i32) (result i32)))
    (table 1 (ref $ii)))
  "type mismatch")
(assert_invalid
  (module (type $a (func (param (ref $b)))) (type $b (func)))
  "unknown type")
(assert_invalid
  (module (func (result i32) (block (result i32) (br_on_non_null 0 (ref.null func)) (i32.const 0))))
  "type mismatch")
