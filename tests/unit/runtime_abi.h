/* runtime_abi.h - helpers for writing module descriptors by hand the way
 * wasm2c-lite emits them (tests only): initializers for import/export types
 * and the trampolines of the signatures the test modules use. */
#ifndef RUNTIME_ABI_H
#define RUNTIME_ABI_H
#include "w2l.h"

#define REF(inst, t, f) ((w2l_ref){(inst)->types[t], (void (*)(void))(f), (inst), NULL})
#define NAME(s) s, sizeof s - 1
#define FUNC_T(sig) \
  { W2L_EXTERN_FUNC, sig, (w2l_valtype)0, false, 0, 0, false, false, NULL }
#define TABLE_T(rt, min, max) \
  { W2L_EXTERN_TABLE, NULL, rt, false, min, max, false, false, NULL }
#define MEMORY_T(min, max) \
  { W2L_EXTERN_MEMORY, NULL, (w2l_valtype)0, false, min, max, false, false, NULL }
#define SHARED_MEMORY_T(min, max) \
  { W2L_EXTERN_MEMORY, NULL, (w2l_valtype)0, false, min, max, true, false, NULL }
#define GLOBAL_T(vt, mut) \
  { W2L_EXTERN_GLOBAL, NULL, vt, mut, 0, 0, false, false, NULL }
#define NOMAX UINT64_MAX

typedef uint32_t (*fn_ii_i)(void *, uint32_t, uint32_t);
typedef uint32_t (*fn_i_i)(void *, uint32_t);
typedef uint32_t (*fn__i)(void *);
typedef void (*fn_ii_)(void *, uint32_t, uint32_t);
typedef void (*fn__)(void *);

__attribute__((unused)) static void tramp_ii_i(const w2l_ref *f, const w2l_value *a, w2l_value *r) {
  r[0].i32 = ((fn_ii_i)f->fn)(f->obj, a[0].i32, a[1].i32);
}
__attribute__((unused)) static void tramp_i_i(const w2l_ref *f, const w2l_value *a, w2l_value *r) {
  r[0].i32 = ((fn_i_i)f->fn)(f->obj, a[0].i32);
}
__attribute__((unused)) static void tramp__i(const w2l_ref *f, const w2l_value *a, w2l_value *r) {
  (void)a;
  r[0].i32 = ((fn__i)f->fn)(f->obj);
}
__attribute__((unused)) static void tramp_ii_(const w2l_ref *f, const w2l_value *a, w2l_value *r) {
  (void)r;
  ((fn_ii_)f->fn)(f->obj, a[0].i32, a[1].i32);
}
__attribute__((unused)) static void tramp__(const w2l_ref *f, const w2l_value *a, w2l_value *r) {
  (void)a;
  (void)r;
  ((fn__)f->fn)(f->obj);
}

#endif
