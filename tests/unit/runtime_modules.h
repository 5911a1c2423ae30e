/* runtime_modules.h - small modules written by hand the way wasm2c-lite emits
 * them (the w2l_module ABI of w2l.h), for the instance and linker tests until
 * real emitted modules are used.  Each descriptor says its wat in a comment.
 * Include in exactly one translation unit. */
#ifndef RUNTIME_MODULES_H
#define RUNTIME_MODULES_H
#include "w2l.h"

#include "runtime_abi.h"

/* ---- math (seed 000) ----
 * (module (import "js" "table" (table 1 funcref))
 *   (func $add (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
 *   (func $ident (result i32) ...host_data of the instance...)
 *   (elem (i32.const 0) $add)
 *   (export "add" (func $add)) (export "ident" (func $ident))) */
static uint32_t math_add(void *obj, uint32_t a, uint32_t b) {
  (void)obj;
  W2L_FUNC_ENTRY();
  return a + b;
}
static uint32_t math_ident(void *obj) {
  W2L_FUNC_ENTRY();
  return (uint32_t)(uintptr_t)((w2l_instance *)obj)->host_data;
}
static const char *math_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 0, math_add);
  inst->funcs[1] = REF(inst, 1, math_ident);
  w2l_table_init(inst->tables[0], &inst->funcs[0], 1, 0, 0, 1);
  return NULL;
}
static const char *const math_types[] = {"ii:i", ":i"};
static const w2l_trampoline math_tramps[] = {tramp_ii_i, tramp__i};
static const w2l_import_desc math_imports[] = {{NAME("js"), NAME("table"), TABLE_T(W2L_FUNCREF, 1, NOMAX)}};
static const w2l_export_desc math_exports[] = {
    {NAME("add"), W2L_EXTERN_FUNC, 0, FUNC_T("ii:i")},
    {NAME("ident"), W2L_EXTERN_FUNC, 1, FUNC_T(":i")},
};
static const uint32_t math_func_types[] = {0, 1};
const w2l_module math_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "math", 2, math_types, math_tramps, 1, math_imports, 2,
    math_exports, 2, 1, 0, 0, math_func_types, sizeof(w2l_instance), math_init, NULL, 0, NULL, 0, NULL};

/* ---- calc (seed 000) ----
 * (module (import "js" "table" (table 1 funcref))
 *   (type $t0 (func (param i32 i32) (result i32)))
 *   (func (export "add_five") (param $x i32) (result i32)
 *     (call_indirect (type $t0) (local.get $x) (i32.const 5) (i32.const 0)))
 *   (func (export "call_at") (param $i i32) (result i32)
 *     (call_indirect (result i32) (local.get $i)))) */
static uint32_t calc_add_five(void *obj, uint32_t x) {
  w2l_instance *inst = obj;
  const w2l_ref *r;
  W2L_FUNC_ENTRY();
  r = w2l_call_indirect_check(inst->tables[0], 0, inst->types[0]);
  return ((fn_ii_i)r->fn)(r->obj, x, 5);
}
static uint32_t calc_call_at(void *obj, uint32_t i) {
  w2l_instance *inst = obj;
  const w2l_ref *r;
  W2L_FUNC_ENTRY();
  r = w2l_call_indirect_check(inst->tables[0], i, inst->types[2]);
  return ((fn__i)r->fn)(r->obj);
}
static const char *calc_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 1, calc_add_five);
  inst->funcs[1] = REF(inst, 1, calc_call_at);
  return NULL;
}
static const char *const calc_types[] = {"ii:i", "i:i", ":i"};
static const w2l_trampoline calc_tramps[] = {tramp_ii_i, tramp_i_i, tramp__i};
static const w2l_import_desc calc_imports[] = {{NAME("js"), NAME("table"), TABLE_T(W2L_FUNCREF, 1, NOMAX)}};
static const w2l_export_desc calc_exports[] = {
    {NAME("add_five"), W2L_EXTERN_FUNC, 0, FUNC_T("i:i")},
    {NAME("call_at"), W2L_EXTERN_FUNC, 1, FUNC_T("i:i")},
};
static const uint32_t calc_func_types[] = {1, 1};
const w2l_module calc_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "calc", 3, calc_types, calc_tramps, 1, calc_imports, 2,
    calc_exports, 2, 1, 0, 0, calc_func_types, sizeof(w2l_instance), calc_init, NULL, 0, NULL, 0, NULL};

/* ---- mem: a module with its own memory, table and globals ----
 * (module (memory (export "mem") 1 2) (data (i32.const 0) "hi")
 *   (table (export "tab") 2 10 funcref)
 *   (global (export "g") (mut i32) (i32.const 5)) (global (export "c") i32 (i32.const 9))
 *   (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
 *   (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
 *   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))) */
static void mem_store(void *obj, uint32_t addr, uint32_t v) {
  w2l_memory *m = ((w2l_instance *)obj)->memories[0];
  W2L_FUNC_ENTRY();
  w2l_store_i32(m->data, m->size, addr, v);
}
static uint32_t mem_load(void *obj, uint32_t addr) {
  w2l_memory *m = ((w2l_instance *)obj)->memories[0];
  W2L_FUNC_ENTRY();
  return w2l_load_i32(m->data, m->size, addr);
}
static uint32_t mem_grow(void *obj, uint32_t delta) {
  W2L_FUNC_ENTRY();
  return w2l_memory_grow(((w2l_instance *)obj)->memories[0], delta);
}
static const char *mem_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 0, mem_store);
  inst->funcs[1] = REF(inst, 1, mem_load);
  inst->funcs[2] = REF(inst, 1, mem_grow);
  if (!(inst->memories[0] = w2l_memory_new(1, 2))) return "out of memory";
  if (!(inst->tables[0] = w2l_table_new(W2L_FUNCREF, 2, 10))) return "out of memory";
  if (!(inst->globals[0] = w2l_global_new(W2L_I32, true, (w2l_value){.i32 = 5}))) return "out of memory";
  if (!(inst->globals[1] = w2l_global_new(W2L_I32, false, (w2l_value){.i32 = 9}))) return "out of memory";
  w2l_memory_init(inst->memories[0], (const uint8_t *)"hi", 2, 0, 0, 2);
  return NULL;
}
static void mem_free(w2l_instance *inst) {
  w2l_memory_free(inst->memories[0]);
  w2l_table_free(inst->tables[0]);
  w2l_global_free(inst->globals[0]);
  w2l_global_free(inst->globals[1]);
}
static const char *const mem_types[] = {"ii:", "i:i"};
static const w2l_trampoline mem_tramps[] = {tramp_ii_, tramp_i_i};
static const w2l_export_desc mem_exports[] = {
    {NAME("mem"), W2L_EXTERN_MEMORY, 0, MEMORY_T(1, 2)},
    {NAME("tab"), W2L_EXTERN_TABLE, 0, TABLE_T(W2L_FUNCREF, 2, 10)},
    {NAME("g"), W2L_EXTERN_GLOBAL, 0, GLOBAL_T(W2L_I32, true)},
    {NAME("c"), W2L_EXTERN_GLOBAL, 1, GLOBAL_T(W2L_I32, false)},
    {NAME("store"), W2L_EXTERN_FUNC, 0, FUNC_T("ii:")},
    {NAME("load"), W2L_EXTERN_FUNC, 1, FUNC_T("i:i")},
    {NAME("grow"), W2L_EXTERN_FUNC, 2, FUNC_T("i:i")},
};
static const uint32_t mem_func_types[] = {0, 1, 1};
const w2l_module mem_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "mem", 2, mem_types, mem_tramps, 0, NULL, 7, mem_exports, 3,
    1, 1, 2, mem_func_types, sizeof(w2l_instance), mem_init, mem_free, 0, NULL, 0, NULL};

/* ---- user: one import of each kind ----
 * (module (import "env" "f" (func $f (param i32) (result i32)))
 *   (import "env" "t" (table 2 10 funcref)) (import "env" "m" (memory 1))
 *   (import "env" "g" (global (mut i32)))
 *   (func (export "call_f") (param i32) (result i32) (call $f (local.get 0)))
 *   (func (export "get_g") (result i32) (global.get 0))) */
static uint32_t user_call_f(void *obj, uint32_t x) {
  w2l_instance *inst = obj;
  W2L_FUNC_ENTRY();
  return ((fn_i_i)inst->funcs[0].fn)(inst->funcs[0].obj, x);
}
static uint32_t user_get_g(void *obj) {
  W2L_FUNC_ENTRY();
  return ((w2l_instance *)obj)->globals[0]->value.i32;
}
static const char *user_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[1] = REF(inst, 0, user_call_f);
  inst->funcs[2] = REF(inst, 1, user_get_g);
  return NULL;
}
static const char *const user_types[] = {"i:i", ":i"};
static const w2l_trampoline user_tramps[] = {tramp_i_i, tramp__i};
static const w2l_import_desc user_imports[] = {
    {NAME("env"), NAME("f"), FUNC_T("i:i")},
    {NAME("env"), NAME("t"), TABLE_T(W2L_FUNCREF, 2, 10)},
    {NAME("env"), NAME("m"), MEMORY_T(1, NOMAX)},
    {NAME("env"), NAME("g"), GLOBAL_T(W2L_I32, true)},
};
static const w2l_export_desc user_exports[] = {
    {NAME("call_f"), W2L_EXTERN_FUNC, 1, FUNC_T("i:i")},
    {NAME("get_g"), W2L_EXTERN_FUNC, 2, FUNC_T(":i")},
    {NAME("f"), W2L_EXTERN_FUNC, 0, FUNC_T("i:i")},
};
static const uint32_t user_func_types[] = {0, 0, 1};
const w2l_module user_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "user", 2, user_types, user_tramps, 4, user_imports, 3,
    user_exports, 3, 1, 1, 1, user_func_types, sizeof(w2l_instance), user_init, NULL, 0, NULL, 0, NULL};

/* ---- partial: traps in its data segment after its elem segment ran ----
 * (module (import "js" "table" (table 1 funcref))
 *   (func $f (result i32) (i32.const 7)) (elem (i32.const 0) $f)
 *   (memory 0) (data (i32.const 0x10000) "d")) */
static uint32_t partial_f(void *obj) {
  (void)obj;
  W2L_FUNC_ENTRY();
  return 7;
}
static const char *partial_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 0, partial_f);
  if (!(inst->memories[0] = w2l_memory_new(0, NOMAX))) return "out of memory";
  w2l_table_init(inst->tables[0], &inst->funcs[0], 1, 0, 0, 1);
  w2l_memory_init(inst->memories[0], (const uint8_t *)"d", 1, 0x10000, 0, 1);
  return NULL;
}
static void partial_free(w2l_instance *inst) { w2l_memory_free(inst->memories[0]); }
static const char *const partial_types[] = {":i"};
static const w2l_trampoline partial_tramps[] = {tramp__i};
static const uint32_t partial_func_types[] = {0};
const w2l_module partial_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "partial", 1, partial_types, partial_tramps, 1, math_imports,
    0, NULL, 1, 1, 1, 0, partial_func_types, sizeof(w2l_instance), partial_init, partial_free, 0, NULL, 0, NULL};

/* ---- deep: unbounded recursion, and a start function that is unreachable ----
 * (module (func $r (export "recurse") (result i32) (i32.add (call $r) (i32.const 1)))
 *   (func (export "boom") unreachable)) */
static uint32_t deep_recurse(void *obj);
static uint32_t (*volatile deep_recurse_ptr)(void *) = deep_recurse; /* no tail-call loop */
static uint32_t deep_recurse(void *obj) {
  W2L_FUNC_ENTRY();
  return deep_recurse_ptr(obj) + 1;
}
static void deep_boom(void *obj) {
  (void)obj;
  W2L_FUNC_ENTRY();
  w2l_trap_raise(W2L_TRAP_UNREACHABLE);
}
static const char *deep_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 0, deep_recurse);
  inst->funcs[1] = REF(inst, 1, deep_boom);
  return NULL;
}
static const char *const deep_types[] = {":i", ":"};
static const w2l_trampoline deep_tramps[] = {tramp__i, tramp__};
static const w2l_export_desc deep_exports[] = {
    {NAME("recurse"), W2L_EXTERN_FUNC, 0, FUNC_T(":i")},
    {NAME("boom"), W2L_EXTERN_FUNC, 1, FUNC_T(":")},
};
static const uint32_t deep_func_types[] = {0, 1};
const w2l_module deep_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "deep", 2, deep_types, deep_tramps, 0, NULL, 2, deep_exports,
    2, 0, 0, 0, deep_func_types, sizeof(w2l_instance), deep_init, NULL, 0, NULL, 0, NULL};

/* (module (func $boom unreachable) (start $boom)) */
static const char *starter_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 0, deep_boom);
  deep_boom(inst);
  return NULL;
}
static const char *const starter_types[] = {":"};
static const w2l_trampoline starter_tramps[] = {tramp__};
static const uint32_t starter_func_types[] = {0};
const w2l_module starter_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "starter", 1, starter_types, starter_tramps, 0, NULL, 0, NULL,
    1, 0, 0, 0, starter_func_types, sizeof(w2l_instance), starter_init, NULL, 0, NULL, 0, NULL};
#endif
