/* plugin_cube.c - a second plugin (plugin_cube.so), without imports:
 * (module (func (export "cube") (param i32) (result i32)
 *   (i32.mul (local.get 0) (i32.mul (local.get 0) (local.get 0))))) */
#include "runtime_abi.h"

static uint32_t cube(void *obj, uint32_t x) {
  (void)obj;
  W2L_FUNC_ENTRY();
  return x * x * x;
}
static const char *cube_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 0, cube);
  return NULL;
}
static const char *const types[] = {"i:i"};
static const w2l_trampoline tramps[] = {tramp_i_i};
static const w2l_export_desc exports[] = {{NAME("cube"), W2L_EXTERN_FUNC, 0, FUNC_T("i:i")}};
static const uint32_t func_types[] = {0};
const w2l_module cube_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "cube", 1, types, tramps, 0, NULL, 1, exports, 1, 0, 0, 0,
    func_types, sizeof(w2l_instance), cube_init, NULL, 0, NULL, 0, NULL};

W2L_PLUGIN_EXPORT(cube_module)
