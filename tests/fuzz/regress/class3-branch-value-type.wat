(module
 (type $none_=>_none (func))
 (type $none_=>_i64_i32_i32 (func (result i64 i32 i32)))
 (type $i32_=>_none (func (param i32)))
 (type $i64_=>_none (func (param i64)))
 (type $f32_=>_none (func (param f32)))
 (type $f64_=>_none (func (param f64)))
 (type $v128_=>_none (func (param v128)))
 (type $none_=>_i32 (func (result i32)))
 (type $f64_f32_f32_f64_=>_i32 (func (param f64 f32 f32 f64) (result i32)))
 (type $none_=>_i64 (func (result i64)))
 (type $none_=>_f64 (func (result f64)))
 (type $f32_=>_f32 (func (param f32) (result f32)))
 (type $f64_=>_f64 (func (param f64) (result f64)))
 (import "fuzzing-support" "log-i32" (func $fimport$0 (param i32)))
 (import "fuzzing-support" "log-i64" (func $fimport$1 (param i64)))
 (import "fuzzing-support" "log-f32" (func $fimport$2 (param f32)))
 (import "fuzzing-support" "log-f64" (func $fimport$3 (param f64)))
 (import "fuzzing-support" "log-v128" (func $fimport$4 (param v128)))
 (global $global$0 (mut i32) (i32.const -108))
 (global $global$1 (mut i64) (i64.const 0))
 (global $global$2 (mut i32) (i32.const 10))
 (memory $0 16 17)
 (data (i32.const 0) "\a7\d2?\f8E\1c<\b81U\00\0c\e9\95=\9e0h\t\c2+\a8_\a5(\98\e5")
 (data "v%l")
 (export "hashMemory" (func $0))
 (export "memory" (memory $0))
 (export "func" (func $1))
 (export "func_invoker" (func $2))
 (export "func_0" (func $3))
 (export "func_0_invoker" (func $4))
 (export "hangLimitInitializer" (func $6))
 (func $0 (result i32)
  (local $0 i32)
  (if
   (i32.eqz
    (global.get $global$2)
   )
   (return
    (i32.const -14563)
   )
  )
  (global.set $global$2
   (i32.sub
    (global.get $global$2)
    (i32.const 1)
   )
  )
  (drop
   (i32.xor
    (i32.add
     (i32.shl
      (local.tee $0
       (i32.xor
        (i32.add
         (i32.shl
          (local.tee $0
           (i32.xor
            (i32.add
             (i32.shl
              (local.tee $0
               (i32.xor
                (i32.add
                 (i32.shl
                  (local.tee $0
                   (i32.xor
                    (i32.add
                     (i32.shl
                      (local.tee $0
                       (i32.xor
                        (i32.add
                         (i32.shl
                          (local.tee $0
                           (i32.xor
                            (i32.add
                             (i32.shl
                              (local.tee $0
                               (i32.xor
                                (i32.add
                                 (i32.load8_u offset=1
                                  (i32.const 0)
                                 )
                                 (local.tee $0
                                  (i32.xor
                                   (i32.add
                                    (i32.shl
                                     (local.tee $0
                                      (i32.const 5381)
                                     )
                                     (i32.const 5)
                                    )
                                    (local.get $0)
                                   )
                                   (i32.load8_u
                                    (i32.const 0)
                                   )
                                  )
                                 )
                                )
                                (i32.load8_u offset=1
                                 (i32.const 0)
                                )
                               )
                              )
                              (i32.const 5)
                             )
                             (local.get $0)
                            )
                            (i32.load8_u offset=2
                             (i32.const 0)
                            )
                           )
                          )
                          (i32.const 5)
                         )
                         (local.get $0)
                        )
                        (i32.load8_u offset=3
                         (i32.const 0)
                        )
                       )
                      )
                      (i32.const 5)
                     )
                     (local.get $0)
                    )
                    (i32.load8_u offset=4
                     (i32.const 0)
                    )
                   )
                  )
                  (i32.const 5)
                 )
                 (local.get $0)
                )
                (i32.load8_u offset=5
                 (i32.add
                  (i32.shl
                   (local.get $0)
                   (i32.const 5)
                  )
                  (local.get $0)
                 )
                )
               )
              )
              (i32.const 5)
             )
             (local.get $0)
            )
            (i32.load8_u offset=6
             (i32.const 0)
            )
           )
          )
          (i32.const 5)
         )
         (local.get $0)
        )
        (i32.load8_u offset=7
         (i32.add
          (i32.shl
           (local.get $0)
           (i32.const 5)
          )
          (local.get $0)
         )
        )
       )
      )
      (i32.const 5)
     )
     (local.get $0)
    )
    (i32.load8_u offset=8
     (i32.const 0)
    )
   )
  )
  (local.tee $0
   (i32.xor
    (i32.add
     (i32.shl
      (local.tee $0
       (i32.xor
        (i32.add
         (i32.shl
          (local.tee $0
           (i32.xor
            (i32.add
             (i32.shl
              (local.tee $0
               (i32.xor
                (i32.add
                 (i32.shl
                  (local.tee $0
                   (i32.xor
                    (i32.add
                     (i32.shl
                      (local.tee $0
                       (i32.xor
                        (i32.add
                         (i32.shl
                          (local.tee $0
                           (i32.xor
                            (i32.load8_u offset=6
                             (i32.const 0)
                            )
                            (i32.load8_u offset=9
                             (i32.const 0)
                            )
                           )
                          )
                          (local.get $0)
                         )
                         (local.get $0)
                        )
                        (i32.load8_u offset=10
                         (i32.const 0)
                        )
                       )
                      )
                      (i32.load8_u offset=7
                       (i32.const 0)
                      )
                     )
                     (i32.load8_u offset=7
                      (i32.const 0)
                     )
                    )
                    (i32.load8_u offset=11
                     (i32.const 0)
                    )
                   )
                  )
                  (i32.const 5)
                 )
                 (local.get $0)
                )
                (i32.load8_u offset=12
                 (i32.const 0)
                )
               )
              )
              (i32.const 5)
             )
             (local.get $0)
            )
            (i32.load8_u offset=13
             (i32.const 0)
            )
           )
          )
          (i32.const 5)
         )
         (local.get $0)
        )
        (i32.load8_u offset=14
         (i32.const 0)
        )
       )
      )
      (i32.const 5)
     )
     (local.get $0)
    )
    (i32.load8_u offset=15
     (i32.const 0)
    )
   )
  )
 )
 (func $1 (param $0 f64) (param $1 f32) (param $2 f32) (param $3 f64) (result i32)
  (local $4 i32)
  (local $5 f64)
  (local.set $0
   (call $8
    (local.get $0)
   )
  )
  (local.set $1
   (call $7
    (local.get $1)
   )
  )
  (local.set $2
   (call $7
    (local.get $2)
   )
  )
  (local.set $3
   (call $8
    (local.get $3)
   )
  )
  (if
   (i32.eqz
    (global.get $global$2)
   )
   (return
    (local.get $4)
   )
  )
  (global.set $global$2
   (i32.sub
    (global.get $global$2)
    (i32.const 1)
   )
  )
  (i16x8.extract_lane_u 1
   (v128.load offset=22 align=2
    (i32.and
     (global.get $global$0)
     (i32.const 15)
    )
   )
  )
 )
 (func $2
  (if
   (i32.eqz
    (global.get $global$2)
   )
   (return)
  )
  (global.set $global$2
   (i32.sub
    (global.get $global$2)
    (i32.const 1)
   )
  )
  (drop
   (call $1
    (call $8
     (f64.const -4294967295)
    )
    (call $7
     (f32.const 222)
    )
    (f32.const 0)
    (f64.const 0)
   )
  )
 )
 (func $3 (result i64)
  (local $0 i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 f32)
  (local $8 f32)
  (local $9 f32)
  (local $10 f32)
  (local $11 v128)
  (local $12 v128)
  (local $13 f64)
  (local $14 f64)
  (local $15 f64)
  (local $16 f64)
  (local $17 i64)
  (local $18 i64)
  (local $19 i64)
  (if
   (i32.eqz
    (global.get $global$2)
   )
   (return
    (i64.const -96)
   )
  )
  (global.set $global$2
   (i32.sub
    (global.get $global$2)
    (i32.const 1)
   )
  )
  (call $fimport$0
   (call $0)
  )
  (return
   (i64.const -9112)
  )
 )
 (func $4
  (if
   (i32.eqz
    (global.get $global$2)
   )
   (return)
  )
  (global.set $global$2
   (i32.sub
    (global.get $global$2)
    (i32.const 1)
   )
  )
  (drop
   (call $3)
  )
  (drop
   (call $3)
  )
  (call $fimport$0
   (call $0)
  )
  (drop
   (call $3)
  )
  (call $fimport$0
   (call $0)
  )
  (drop
   (call $3)
  )
 )
 (func $5 (result f64)
  (local $0 i32)
  (local $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 i32)
  (local $15 i32)
  (local $16 i32)
  (local $17 i32)
  (local $18 i32)
  (local $19 i32)
  (local $20 i32)
  (local $21 i32)
  (local $22 i32)
  (local $23 i32)
  (local $24 i32)
  (local $25 i32)
  (local $26 i32)
  (local $27 i32)
  (local $28 i32)
  (local $29 i32)
  (local $30 i32)
  (local $31 i32)
  (local $32 i32)
  (local $33 i32)
  (local $34 i32)
  (local $35 i32)
  (local $36 f32)
  (local $37 v128)
  (local $38 v128)
  (local $39 v128)
  (local $40 i64)
  (local $41 i64)
  (local $42 i64)
  (local $43 i64)
  (local $44 i64)
  (local $45 i64)
  (local $46 i64)
  (local $47 i64)
  (local $48 i64)
  (local $49 i64)
  (local $50 i64)
  (local $51 i64)
  (local $52 i64)
  (local $53 i64)
  (local $54 i64)
  (local $55 i64)
  (local $56 i64)
  (local $57 i64)
  (local $58 i64)
  (local $59 i64)
  (local $60 i64)
  (local $61 i64)
  (local $62 i64)
  (local $63 i64)
  (local $64 i64)
  (local $65 i64)
  (local $66 f64)
  (local $67 (i64 i32 i32))
  (local $68 i32)
  (local $69 i64)
  (local $70 i32)
  (local $71 i64)
  (local $72 i32)
  (local $73 i64)
  (local $74 i32)
  (local $75 i64)
  (local $76 (i64 i32 i32))
  (local $77 i32)
  (local $78 i64)
  (local $79 i32)
  (local $80 i64)
  (local $81 i32)
  (local $82 i64)
  (local $83 i32)
  (local $84 i64)
  (if
   (i32.eqz
    (global.get $global$2)
   )
   (return
    (f64.const 0)
   )
  )
  (global.set $global$2
   (i32.sub
    (global.get $global$2)
    (i32.const 1)
   )
  )
  (call $fimport$2
   (call $7
    (f32.load offset=22 align=2
     (if (result i32)
      (if (result i32)
       (i32.eqz
        (i32.load offset=3 align=2
         (i32.and
          (local.get $0)
          (i32.const 15)
         )
        )
       )
       (block (result i32)
        (call $fimport$1
         (global.get $global$1)
        )
        (return
         (call $8
          (f64.const -1621215666)
         )
        )
       )
       (block (result i32)
        (local.set $63
         (local.tee $51
          (block $label$4 (result i64)
           (local.set $16
            (block $label$5 (result i32)
             (local.set $76
              (loop $label$6 (result i64 i32 i32)
               (if
                (i32.eqz
                 (global.get $global$2)
                )
                (return
                 (f64.const 0)
                )
               )
               (global.set $global$2
                (i32.sub
                 (global.get $global$2)
                 (i32.const 1)
                )
               )
               (tuple.make
                (block $label$8 (result i64)
                 (local.set $2
                  (block $label$9 (result i32)
                   (local.set $58
                    (local.tee $46
                     (block $label$10 (result i64)
                      (local.set $9
                       (block $label$11 (result i32)
                        (local.set $67
                         (block $label$12 (result i64 i32 i32)
                          (call $fimport$3
                           (call $8
                            (f64.const 70368744177664.98)
                           )
                          )
                          (tuple.make
                           (i64.const -176985271)
                           (i32.const 90)
                           (i32.const 524288)
                          )
                         )
                        )
                        (drop
                         (block (result i64)
                          (local.set $71
                           (local.tee $56
                            (block (result i64)
                             (local.set $69
                              (tuple.extract 0
                               (local.get $67)
                              )
                             )
                             (local.set $23
                              (block (result i32)
                               (local.set $68
                                (tuple.extract 1
                                 (local.get $67)
                                )
                               )
                               (local.set $24
                                (tuple.extract 2
                                 (local.get $67)
                                )
                               )
                               (local.get $68)
                              )
                             )
                             (local.get $69)
                            )
                           )
                          )
                          (drop
                           (block (result i32)
                            (local.set $70
                             (local.get $23)
                            )
                            (local.set $35
                             (local.get $24)
                            )
                            (local.get $70)
                           )
                          )
                          (local.get $71)
                         )
                        )
                        (local.set $10
                         (local.get $35)
                        )
                        (drop
                         (block (result i64)
                          (local.set $73
                           (local.get $56)
                          )
                          (local.set $35
                           (block (result i32)
                            (local.set $72
                             (local.get $23)
                            )
                            (drop
                             (local.get $24)
                            )
                            (local.get $72)
                           )
                          )
                          (local.get $73)
                         )
                        )
                        (local.get $35)
                       )
                      )
                      (block (result i64)
                       (local.set $75
                        (local.get $56)
                       )
                       (drop
                        (block (result i32)
                         (local.set $74
                          (local.get $23)
                         )
                         (drop
                          (local.get $24)
                         )
                         (local.get $74)
                        )
                       )
                       (local.get $75)
                      )
                     )
                    )
                   )
                   (local.get $9)
                  )
                 )
                 (local.get $46)
                )
                (local.get $2)
                (local.get $10)
               )
              )
             )
             (drop
              (block (result i64)
               (local.set $80
                (local.tee $61
                 (block (result i64)
                  (local.set $78
                   (tuple.extract 0
                    (local.get $76)
                   )
                  )
                  (local.set $29
                   (block (result i32)
                    (local.set $77
                     (tuple.extract 1
                      (local.get $76)
                     )
                    )
                    (local.set $30
                     (tuple.extract 2
                      (local.get $76)
                     )
                    )
                    (local.get $77)
                   )
                  )
                  (local.get $78)
                 )
                )
               )
               (drop
                (block (result i32)
                 (local.set $79
                  (local.get $29)
                 )
                 (local.set $35
                  (local.get $30)
                 )
                 (local.get $79)
                )
               )
               (local.get $80)
              )
             )
             (local.set $17
              (local.get $35)
             )
             (drop
              (block (result i64)
               (local.set $82
                (local.get $61)
               )
               (local.set $35
                (block (result i32)
                 (local.set $81
                  (local.get $29)
                 )
                 (drop
                  (local.get $30)
                 )
                 (local.get $81)
                )
               )
               (local.get $82)
              )
             )
             (local.get $35)
            )
           )
           (block (result i64)
            (local.set $84
             (local.get $61)
            )
            (drop
             (block (result i32)
              (local.set $83
               (local.get $29)
              )
              (drop
               (local.get $30)
              )
              (local.get $83)
             )
            )
            (local.get $84)
           )
          )
         )
        )
        (if (result i32)
         (local.get $17)
         (block (result i32)
          (call $4)
          (return
           (call $8
            (f64.const -70368744177664)
           )
          )
         )
         (i32.const 13827)
        )
       )
      )
      (block $label$16 (result i32)
       (call $fimport$4
        (if (result v128)
         (br_if $label$16
          (local.get $0)
          (select
           (if (result i32)
            (i32.eqz
             (local.tee $0
              (f64.eq
               (block $label$17 (result f64)
                (loop $label$18
                 (if
                  (i32.eqz
                   (global.get $global$2)
                  )
                  (return
                   (f64.const 0)
                  )
                 )
                 (global.set $global$2
                  (i32.sub
                   (global.get $global$2)
                   (i32.const 1)
                  )
                 )
                 (br_if $label$18
                  (i32.eqz
                   (local.get $0)
                  )
                 )
                )
                (call $fimport$0
                 (call $0)
                )
                (call $fimport$1
                 (local.get $40)
                )
                (call $8
                 (f64.const -2251799813685248)
                )
               )
               (f64.const 0)
              )
             )
            )
            (global.get $global$0)
            (f64.ge
             (call $8
              (f64.const 16383)
             )
             (call $8
              (f64.promote_f32
               (call $7
                (f32.abs
                 (local.get $36)
                )
               )
              )
             )
            )
           )
           (local.get $0)
           (global.get $global$0)
          )
         )
         (block (result v128)
          (call $fimport$2
           (if (result f32)
            (i32.eqz
             (i32.load offset=22
              (i32.and
               (i32.const 0)
               (i32.const 15)
              )
             )
            )
            (block (result f32)
             (call $fimport$0
              (call $0)
             )
             (return
              (call $8
               (f64.const 1)
              )
             )
            )
            (call $7
             (f32.const -4294967296)
            )
           )
          )
          (return
           (call $8
            (f64.const 4294967249)
           )
          )
         )
         (v128.load offset=22 align=1
          (local.tee $0
           (i32.load16_u offset=22
            (i32.and
             (block $label$26 (result i32)
              (call $fimport$4
               (i16x8.splat
                (local.get $0)
               )
              )
              (local.get $0)
             )
             (i32.const 15)
            )
           )
          )
         )
        )
       )
       (return
        (call $8
         (f64.const 1797693134862315708145274e284)
        )
       )
      )
      (block $label$28 (result i32)
       (call $fimport$4
        (select
         (local.get $37)
         (local.get $37)
         (if (result i32)
          (i32.eqz
           (local.tee $0
            (br_if $label$28
             (local.get $0)
             (br_if $label$28
              (i64.ne
               (loop $label$29 (result i64)
                (if
                 (i32.eqz
                  (global.get $global$2)
                 )
                 (return
                  (call $8
                   (f64.const -68719476736.866)
                  )
                 )
                )
                (global.set $global$2
                 (i32.sub
                  (global.get $global$2)
                  (i32.const 1)
                 )
                )
                (block $label$31 (result i64)
                 (call $fimport$2
                  (local.get $36)
                 )
                 (i64x2.extract_lane 1
                  (v128.const i32x4 0x49ff0002 0x01ff0d91 0x001000cf 0x00ff0200)
                 )
                )
               )
               (local.tee $40
                (i64.xor
                 (i64.const -1)
                 (local.get $40)
                )
               )
              )
              (i32.eqz
               (v128.any_true
                (i32x4.gt_s
                 (select
                  (loop $label$32 (result v128)
                   (if
                    (i32.eqz
                     (global.get $global$2)
                    )
                    (return
                     (call $8
                      (f64.const 9223372036854775808)
                     )
                    )
                   )
                   (global.set $global$2
                    (i32.sub
                     (global.get $global$2)
                     (i32.const 1)
                    )
                   )
                   (i8x16.shuffle 17 22 15 2 31 11 24 12 4 9 8 16 4 20 31 13
                    (local.get $37)
                    (i16x8.extend_high_i8x16_u
                     (i16x8.narrow_i32x4_u
                      (local.get $37)
                      (local.get $37)
                     )
                    )
                   )
                  )
                  (local.get $37)
                  (i32.add
                   (i32.const 127)
                   (i32.const -99)
                  )
                 )
                 (f64x2.replace_lane 0
                  (v128.load offset=22 align=4
                   (i32.const -131073)
                  )
                  (call $8
                   (f64.const -2147483649.683)
                  )
                 )
                )
               )
              )
             )
            )
           )
          )
          (block (result i32)
           (call $fimport$4
            (local.tee $37
             (v128.const i32x4 0xffa30001 0xfff80010 0xffe58526 0x00017fff)
            )
           )
           (drop
            (call $8
             (f64.const -1.5779999999999998)
            )
           )
           (local.tee $0
            (i8x16.extract_lane_u 0
             (i16x8.narrow_i32x4_s
              (block $label$35 (result v128)
               (local.set $39
                (v128.const i32x4 0x8b800000 0x41effff2 0xa7e00000 0x41effa24)
               )
               (drop
                (call $8
                 (f64.const 4294961434)
                )
               )
               (local.get $39)
              )
              (block $label$36 (result v128)
               (data.drop 1)
               (select
                (local.get $37)
                (local.get $37)
                (if (result i32)
                 (i32.eqz
                  (local.get $0)
                 )
                 (i32.const 256)
                 (local.get $0)
                )
               )
              )
             )
            )
           )
          )
          (if
           (i32.eqz
            (local.get $0)
           )
           (block
            (call $fimport$0
             (i32.const -43)
            )
            (return
             (f64.const 0)
            )
           )
           (block
            (call $fimport$2
             (call $7
              (f32.nearest
               (loop $label$42 (result f32)
                (if
                 (i32.eqz
                  (global.get $global$2)
                 )
                 (return
                  (call $8
                   (f64.const -46)
                  )
                 )
                )
                (global.set $global$2
                 (i32.sub
                  (global.get $global$2)
                  (i32.const 1)
                 )
                )
                (local.get $36)
               )
              )
             )
            )
            (return
             (call $8
              (f64.const 1073741823.764)
             )
            )
           )
          )
         )
        )
       )
       (i16x8.extract_lane_u 7
        (local.get $37)
       )
      )
     )
    )
   )
  )
  (return
   (call $8
    (f64.const -72057594037927936)
   )
  )
 )
 (func $6
  (global.set $global$2
   (i32.const 10)
  )
 )
 (func $7 (param $0 f32) (result f32)
  (if (result f32)
   (f32.eq
    (local.get $0)
    (local.get $0)
   )
   (local.get $0)
   (f32.const 0)
  )
 )
 (func $8 (param $0 f64) (result f64)
  (if (result f64)
   (f64.eq
    (local.get $0)
    (local.get $0)
   )
   (local.get $0)
   (f64.const 0)
  )
 )
)

