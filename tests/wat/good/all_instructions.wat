;; every instruction of opcodes.def in flat form (stack-incorrect on purpose:
;; this tests the parser, not the validator)
(module
  (type $sig (func (param i32) (result i32)))
  (memory $m 1)
  (table $t 1 funcref)
  (global $g (mut i32) (i32.const 0))
  (elem $e func $f)
  (data $d "x")
  (func $f (param $x i32) (result i32)
    block $b
    loop $l (result i32)
    i32.const 0
    if (result i64)
    i64.const 1
    else
    i64.const 2
    end
    drop
    i32.const 0
    end
    drop
    end
    unreachable
    nop
    br 0
    br_if 0
    br_table 0 0
    return
    call $f
    call_indirect $t (type $sig)
    drop
    select
    local.get $x
    local.set $x
    local.tee $x
    global.get $g
    global.set $g
    table.get $t
    table.set $t
    i32.load offset=4
    i64.load offset=4
    f32.load offset=4
    f64.load offset=4
    i32.load8_s offset=4
    i32.load8_u offset=4
    i32.load16_s offset=4
    i32.load16_u offset=4
    i64.load8_s offset=4
    i64.load8_u offset=4
    i64.load16_s offset=4
    i64.load16_u offset=4
    i64.load32_s offset=4
    i64.load32_u offset=4
    i32.store offset=4
    i64.store offset=4
    f32.store offset=4
    f64.store offset=4
    i32.store8 offset=4
    i32.store16 offset=4
    i64.store8 offset=4
    i64.store16 offset=4
    i64.store32 offset=4
    memory.size $m
    memory.grow $m
    i32.const -1
    i64.const 0x7fff_ffff_ffff_ffff
    f32.const 1.5
    f64.const -0x1p-1074
    i32.eqz
    i32.eq
    i32.ne
    i32.lt_s
    i32.lt_u
    i32.gt_s
    i32.gt_u
    i32.le_s
    i32.le_u
    i32.ge_s
    i32.ge_u
    i64.eqz
    i64.eq
    i64.ne
    i64.lt_s
    i64.lt_u
    i64.gt_s
    i64.gt_u
    i64.le_s
    i64.le_u
    i64.ge_s
    i64.ge_u
    f32.eq
    f32.ne
    f32.lt
    f32.gt
    f32.le
    f32.ge
    f64.eq
    f64.ne
    f64.lt
    f64.gt
    f64.le
    f64.ge
    i32.clz
    i32.ctz
    i32.popcnt
    i32.add
    i32.sub
    i32.mul
    i32.div_s
    i32.div_u
    i32.rem_s
    i32.rem_u
    i32.and
    i32.or
    i32.xor
    i32.shl
    i32.shr_s
    i32.shr_u
    i32.rotl
    i32.rotr
    i64.clz
    i64.ctz
    i64.popcnt
    i64.add
    i64.sub
    i64.mul
    i64.div_s
    i64.div_u
    i64.rem_s
    i64.rem_u
    i64.and
    i64.or
    i64.xor
    i64.shl
    i64.shr_s
    i64.shr_u
    i64.rotl
    i64.rotr
    f32.abs
    f32.neg
    f32.ceil
    f32.floor
    f32.trunc
    f32.nearest
    f32.sqrt
    f32.add
    f32.sub
    f32.mul
    f32.div
    f32.min
    f32.max
    f32.copysign
    f64.abs
    f64.neg
    f64.ceil
    f64.floor
    f64.trunc
    f64.nearest
    f64.sqrt
    f64.add
    f64.sub
    f64.mul
    f64.div
    f64.min
    f64.max
    f64.copysign
    i32.wrap_i64
    i32.trunc_f32_s
    i32.trunc_f32_u
    i32.trunc_f64_s
    i32.trunc_f64_u
    i64.extend_i32_s
    i64.extend_i32_u
    i64.trunc_f32_s
    i64.trunc_f32_u
    i64.trunc_f64_s
    i64.trunc_f64_u
    f32.convert_i32_s
    f32.convert_i32_u
    f32.convert_i64_s
    f32.convert_i64_u
    f32.demote_f64
    f64.convert_i32_s
    f64.convert_i32_u
    f64.convert_i64_s
    f64.convert_i64_u
    f64.promote_f32
    i32.reinterpret_f32
    i64.reinterpret_f64
    f32.reinterpret_i32
    f64.reinterpret_i64
    i32.extend8_s
    i32.extend16_s
    i64.extend8_s
    i64.extend16_s
    i64.extend32_s
    ref.null func
    ref.is_null
    ref.func $f
    i32.trunc_sat_f32_s
    i32.trunc_sat_f32_u
    i32.trunc_sat_f64_s
    i32.trunc_sat_f64_u
    i64.trunc_sat_f32_s
    i64.trunc_sat_f32_u
    i64.trunc_sat_f64_s
    i64.trunc_sat_f64_u
    memory.init $m $d
    data.drop $d
    memory.copy $m $m
    memory.fill $m
    table.init $t $e
    elem.drop $e
    table.copy $t $t
    table.grow $t
    table.size $t
    table.fill $t
    select (result i32)
  )
)
