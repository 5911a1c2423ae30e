;; flat and folded instructions, labels, block types, optional indices
(module
  (type $ii (func (param i32) (result i32)))
  (type $two (func (param i32 i32) (result i32 i32)))
  (memory $m0 1) (memory $m1 1)
  (table $t0 1 funcref) (table $t1 1 funcref)
  (elem $e func $f)
  (data $d "")
  (func $f (param $x i32) (result i32)
    (block $outer (result i32)
      (block $inner
        (br_if $inner (local.get $x))
        (br $outer (i32.const 1)))
      (i32.const 2))
    drop
    block $l1
      loop $l2 (param) (result)
        br $l1
        br_table $l1 $l2 0 1
      end $l2
    end $l1
    block (type $ii) end
    block (param i32) (result i32) end
    block (type $two) (param i32 i32) (result i32 i32) end
    (block (result i32 i64) (i32.const 0) (i64.const 0)) drop drop
    (if $if (result i32) (local.get $x) (then (i32.const 1)) (else (i32.const 2)))
    (if (local.get $x) (then))
    if $flat (result i32) i32.const 1 else $flat i32.const 2 end $flat
    (if (then)) (if (local.get 0) (then) (else))
    (select (local.get 0) (i32.const 1) (i32.const 2))
    (select (result i32) (local.get 0) (i32.const 1) (i32.const 2))
    select (result i32) (result)
    (call_indirect (type $ii) (i32.const 0) (i32.const 0))
    (call_indirect $t1 (type $ii) (param i32) (result i32) (i32.const 0) (i32.const 0))
    call_indirect (param i32) (result i32)
    call_indirect 1 (type $ii)
    (i32.load (i32.const 0)) (i32.load $m1 offset=0x10 align=1 (i32.const 0))
    i64.store 1 offset=4294967295 align=8
    i32.load8_u align=1 i64.load32_s offset=1_0
    memory.size memory.size $m1 memory.grow 1 memory.fill $m1
    memory.copy memory.copy $m1 $m0 memory.init $d memory.init $m1 $d data.drop $d
    table.get $t1 table.set table.size table.size $t1 table.grow $t0 table.fill 1
    table.copy table.copy $t1 $t0 table.init $e table.init $t1 $e elem.drop $e
    ref.null func ref.null extern ref.is_null ref.func $f
    (return (local.tee $x (local.get $x)))
  )
)
