;; Every immediate kind of the non-SIMD instruction set.
(module $instrs
  (type $t (func (param i32) (result i32)))
  (table $tab 1 funcref)
  (table $tab2 1 externref)
  (memory $m0 1)
  (memory $m1 1)
  (global $g (mut i32) (i32.const 0))
  (elem $e func $f)
  (data $d "x")
  (func $f (type $t) (param $p i32) (result i32) (local $l i64) (local f32 f64)
    block $b (result i32)
      loop $lp
        block $inner
          local.get $p
          local.get $p
          if (type $t)
            nop
          else
            unreachable
          end
          br_if $lp
          i32.const 0
          br_table $inner $lp $inner
        end
      end
      i32.const 1
    end
    drop
    block (param) (result)
      br 0
    end
    i32.const 0 call $f drop
    i32.const 0 i32.const 0 call_indirect $tab (type $t) drop
    i32.const 1 i32.const 2 i32.const 3 select drop
    i64.const 1 i64.const 2 i32.const 0 select (result i64) drop
    local.get $l local.set $l local.get $p local.tee $p drop
    global.get $g global.set $g
    i32.const 0 table.get $tab2 drop
    i32.const 0 ref.null extern table.set $tab2
    i32.const 0 i32.load offset=4 align=2 drop
    i32.const 0 i64.load8_s $m1 offset=0xffffffff drop
    i32.const 0 f64.const -0 f64.store align=1
    i32.const 0 i64.const -9223372036854775808 i64.store32 $m1
    memory.size drop memory.size $m1 drop
    i32.const 1 memory.grow $m1 drop
    i32.const 0x80000000 i64.const 1 f32.const inf f64.const -nan:0x1 drop drop drop drop
    i32.const 1 i32.const 2 i32.add i32.clz i32.eqz i64.extend_i32_u f64.convert_i64_s
    f32.demote_f64 i32.trunc_sat_f32_s i32.extend8_s drop
    ref.null func ref.is_null drop ref.func $f drop
    i32.const 0 i32.const 0 i32.const 0 memory.init $d
    data.drop $d
    i32.const 0 i32.const 0 i32.const 0 memory.copy $m1 $m0
    i32.const 0 i32.const 0 i32.const 0 memory.fill $m1
    i32.const 0 i32.const 0 i32.const 0 table.init $tab $e
    elem.drop $e
    i32.const 0 i32.const 0 i32.const 0 table.copy $tab $tab
    ref.null extern i32.const 1 table.grow $tab2 drop
    table.size $tab2 drop
    i32.const 0 ref.null extern i32.const 0 table.fill $tab2
    i32.const 7
    return)
)
