;; pre-2019 conversion and memory instruction names, each noted once
(module
  (memory 1)
  (func (param i32 i64 f32 f64) (result i32)
    current_memory grow_memory drop
    (i32.wrap/i64 (local.get 1)) drop
    (i64.extend_s/i32 (local.get 0)) drop (i64.extend_u/i32 (local.get 0)) drop
    (f32.demote/f64 (local.get 3)) drop (f64.promote/f32 (local.get 2)) drop
    (i32.reinterpret/f32 (local.get 2)) drop (i64.reinterpret/f64 (local.get 3)) drop
    (f32.reinterpret/i32 (local.get 0)) drop (f64.reinterpret/i64 (local.get 1)) drop
    (i32.trunc_s/f32 (local.get 2)) drop (i32.trunc_u/f32 (local.get 2)) drop
    (i32.trunc_s/f64 (local.get 3)) drop (i32.trunc_u/f64 (local.get 3)) drop
    (i64.trunc_s/f32 (local.get 2)) drop (i64.trunc_u/f32 (local.get 2)) drop
    (i64.trunc_s/f64 (local.get 3)) drop (i64.trunc_u/f64 (local.get 3)) drop
    (i32.trunc_s:sat/f32 (local.get 2)) drop (i32.trunc_u:sat/f32 (local.get 2)) drop
    (i32.trunc_s:sat/f64 (local.get 3)) drop (i32.trunc_u:sat/f64 (local.get 3)) drop
    (i64.trunc_s:sat/f32 (local.get 2)) drop (i64.trunc_u:sat/f32 (local.get 2)) drop
    (i64.trunc_s:sat/f64 (local.get 3)) drop (i64.trunc_u:sat/f64 (local.get 3)) drop
    (f32.convert_s/i32 (local.get 0)) drop (f32.convert_u/i32 (local.get 0)) drop
    (f32.convert_s/i64 (local.get 1)) drop (f32.convert_u/i64 (local.get 1)) drop
    (f64.convert_s/i32 (local.get 0)) drop (f64.convert_u/i32 (local.get 0)) drop
    (f64.convert_s/i64 (local.get 1)) drop (f64.convert_u/i64 (local.get 1)) drop
    i32.const 0)
)
