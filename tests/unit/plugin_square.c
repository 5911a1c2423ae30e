/* plugin_square.c - a plugin module written by hand as wasm2c-lite emits it,
 * built by make (RUNTIME_TESTS) into plugin_square.so:
 * (module (import "host" "table" (table 0 funcref)) (memory 1 4)
 *   (type $i_i (func (param i32) (result i32)))
 *   (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
 *   (func (export "oob") (result i32) (i32.load (i32.const 0x20000)))
 *   (func (export "apply") (param $f i32) (param $x i32) (result i32)
 *     (call_indirect (type $i_i) (local.get $x) (local.get $f)))
 *   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))) */
#include "runtime_abi.h"

static uint32_t square(void *obj, uint32_t x) {
  (void)obj;
  W2L_FUNC_ENTRY();
  return x * x;
}
static uint32_t oob(void *obj) {
  w2l_memory *m = ((w2l_instance *)obj)->memories[0];
  W2L_FUNC_ENTRY();
  return w2l_load_i32(m->data, m->size, 0x20000);
}
static uint32_t apply(void *obj, uint32_t f, uint32_t x) {
  w2l_instance *inst = obj;
  const w2l_ref *r;
  W2L_FUNC_ENTRY();
  r = w2l_call_indirect_check(inst->tables[0], f, inst->types[0]);
  return ((fn_i_i)r->fn)(r->obj, x);
}
static uint32_t grow(void *obj, uint32_t delta) {
  W2L_FUNC_ENTRY();
  return w2l_memory_grow(((w2l_instance *)obj)->memories[0], delta);
}
static const char *square_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 0, square);
  inst->funcs[1] = REF(inst, 1, oob);
  inst->funcs[2] = REF(inst, 2, apply);
  inst->funcs[3] = REF(inst, 0, grow);
  if (!(inst->memories[0] = w2l_memory_new(1, 4))) return "out of memory";
  return NULL;
}
static void square_free(w2l_instance *inst) { w2l_memory_free(inst->memories[0]); }
static const char *const types[] = {"i:i", ":i", "ii:i"};
static const w2l_trampoline tramps[] = {tramp_i_i, tramp__i, tramp_ii_i};
static const w2l_import_desc imports[] = {{NAME("host"), NAME("table"), TABLE_T(W2L_FUNCREF, 0, NOMAX)}};
static const w2l_export_desc exports[] = {
    {NAME("square"), W2L_EXTERN_FUNC, 0, FUNC_T("i:i")},
    {NAME("oob"), W2L_EXTERN_FUNC, 1, FUNC_T(":i")},
    {NAME("apply"), W2L_EXTERN_FUNC, 2, FUNC_T("ii:i")},
    {NAME("grow"), W2L_EXTERN_FUNC, 3, FUNC_T("i:i")},
};
static const uint32_t func_types[] = {0, 1, 2, 0};
const w2l_module square_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "square", 3, types, tramps, 1, imports, 4, exports, 4, 1, 1, 0,
    func_types, sizeof(w2l_instance), square_init, square_free, 0, NULL, 0, NULL};

W2L_PLUGIN_EXPORT(square_module)
