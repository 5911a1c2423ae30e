;; call_indirect through a table: entries from an elem segment and from
;; table.set, two signatures checked at run time, calls composed from two
;; entries, and the traps for a wrong signature, a null entry and an index past
;; the end of the table.
(module
  (type $unop (func (param i32) (result i32)))
  (type $binop (func (param i32 i32) (result i32)))
  (table $t 8 funcref)
  (elem (table $t) (i32.const 0) func $double $square $negate $add)
  (func $double (type $unop) (i32.shl (local.get 0) (i32.const 1)))
  (func $square (type $unop) (i32.mul (local.get 0) (local.get 0)))
  (func $negate (type $unop) (i32.sub (i32.const 0) (local.get 0)))
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func (export "apply") (param $i i32) (param $x i32) (result i32)
    (call_indirect $t (type $unop) (local.get $x) (local.get $i)))
  (func (export "apply2") (param $i i32) (param $x i32) (param $y i32) (result i32)
    (call_indirect $t (type $binop) (local.get $x) (local.get $y) (local.get $i)))
  (func (export "compose") (param $f i32) (param $g i32) (param $x i32) (result i32)
    (call_indirect $t (type $unop)
      (call_indirect $t (type $unop) (local.get $x) (local.get $g))
      (local.get $f)))
  ;; Slot $to gets the function in slot $from.
  (func (export "copy") (param $to i32) (param $from i32)
    (table.set $t (local.get $to) (table.get $t (local.get $from))))
  (func (export "size") (result i32) (table.size $t))
)
(; host
static void run(void) {
  w2l_instance *inst = instance();
  uint32_t r = 0;
  check("apply(0 double, 21)", m_apply(inst, 0, 21, &r), r, 42);
  check("apply(1 square, 12)", m_apply(inst, 1, 12, &r), r, 144);
  check("apply(2 negate, 5)", m_apply(inst, 2, 5, &r), r, (uint32_t)-5);
  check("apply2(3 add, 40, 2)", m_apply2(inst, 3, 40, 2, &r), r, 42);
  check("compose(0 double, 1 square, 3)", m_compose(inst, 0, 1, 3, &r), r, 18);
  check("compose(2 negate, 0 double, 7)", m_compose(inst, 2, 0, 7, &r), r, (uint32_t)-14);
  expect_trap("apply(3 add, 1)", m_apply(inst, 3, 1, &r), W2L_TRAP_INDIRECT_TYPE_MISMATCH);
  expect_trap("apply2(0 double, 1, 2)", m_apply2(inst, 0, 1, 2, &r),
              W2L_TRAP_INDIRECT_TYPE_MISMATCH);
  expect_trap("apply(4 null, 1)", m_apply(inst, 4, 1, &r), W2L_TRAP_UNINITIALIZED_ELEMENT);
  expect_trap("apply(8 past the end, 1)", m_apply(inst, 8, 1, &r), W2L_TRAP_UNDEFINED_ELEMENT);
  check("copy(5, 1)", m_copy(inst, 5, 1), 0, 0);
  check("apply(5 square, 9)", m_apply(inst, 5, 9, &r), r, 81);
  expect_trap("copy(8, 0)", m_copy(inst, 8, 0), W2L_TRAP_OOB_TABLE);
  check("size()", m_size(inst, &r), r, 8);
  w2l_instance_free(inst);
}
;)
(; expect
apply(0 double, 21): 42
apply(1 square, 12): 144
apply(2 negate, 5): 4294967291
apply2(3 add, 40, 2): 42
compose(0 double, 1 square, 3): 18
compose(2 negate, 0 double, 7): 4294967282
apply(3 add, 1): indirect call type mismatch
apply2(0 double, 1, 2): indirect call type mismatch
apply(4 null, 1): uninitialized element
apply(8 past the end, 1): undefined element
copy(5, 1): 0
apply(5 square, 9): 81
copy(8, 0): out of bounds table access
size(): 8
;)
