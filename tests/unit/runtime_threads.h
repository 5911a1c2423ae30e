/* runtime_threads.h - w2l_thread_spawn / join with a module written by hand
 * the way wasm2c-lite emits it (shared memories cannot be translated from wat
 * yet), included by runtime_threads.c only.
 *
 * worker:
 * (module (import "env" "memory" (memory 1 4 shared))
 *   (func (export "add") (param i32 i32) (result i32)   ;; mem[a] += b, returns the new value
 *     (i32.atomic.rmw.add (local.get 0) (local.get 1)) (local.get 1) i32.add)
 *   (func (export "boom") unreachable)
 *   (func (export "deep") (result i32) (i32.add (call 2) (i32.const 1)))) */
#include "runtime_abi.h"

static uint32_t worker_add(void *obj, uint32_t a, uint32_t b) {
  w2l_instance *inst = obj;
  W2L_FUNC_ENTRY();
  w2l_memory *m = inst->memories[0];
  if ((uint64_t)a + 4 > __atomic_load_n(&m->size, __ATOMIC_ACQUIRE)) w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  return __atomic_add_fetch((uint32_t *)(m->data + a), b, __ATOMIC_SEQ_CST);
}
static void worker_boom(void *obj) {
  (void)obj;
  W2L_FUNC_ENTRY();
  w2l_trap_raise(W2L_TRAP_UNREACHABLE);
}
static uint32_t worker_deep(void *obj);
static uint32_t (*volatile worker_deep_ptr)(void *) = worker_deep; /* no tail-call loop */
static uint32_t worker_deep(void *obj) {
  W2L_FUNC_ENTRY();
  return worker_deep_ptr(obj) + 1;
}
static const char *worker_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[0] = REF(inst, 0, worker_add);
  inst->funcs[1] = REF(inst, 1, worker_boom);
  inst->funcs[2] = REF(inst, 2, worker_deep);
  return NULL;
}
static const char *const worker_types[] = {"ii:i", ":", ":i"};
static const w2l_trampoline worker_tramps[] = {tramp_ii_i, tramp__, tramp__i};
static const w2l_import_desc worker_imports[] = {
    {NAME("env"), NAME("memory"), SHARED_MEMORY_T(1, 4)},
};
static const w2l_export_desc worker_exports[] = {
    {NAME("add"), W2L_EXTERN_FUNC, 0, FUNC_T("ii:i")},
    {NAME("boom"), W2L_EXTERN_FUNC, 1, FUNC_T(":")},
    {NAME("deep"), W2L_EXTERN_FUNC, 2, FUNC_T(":i")},
};
static const uint32_t worker_func_types[] = {0, 1, 2};
static const w2l_module worker_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "worker", 3, worker_types, worker_tramps, 1, worker_imports, 3,
    worker_exports, 3, 0, 1, 0, worker_func_types, sizeof(w2l_instance), worker_init, NULL, 0, NULL};

#define SPAWNS 8
#define ADDS 1000

static w2l_linker *worker_linker(w2l_memory *m) {
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define(l, "env", "memory", (w2l_extern){W2L_EXTERN_MEMORY, {.memory = m}});
  return l;
}

static void test_spawn(void) {
  w2l_memory *m = w2l_memory_new_shared(1, 4), *plain = w2l_memory_new(1, 4);
  w2l_linker *l = worker_linker(m);
  w2l_error err;
  w2l_val r[1];

  /* many threads add to one cell; each returns its last sum */
  w2l_thread *t[SPAWNS];
  for (int i = 0; i < SPAWNS; i++) {
    w2l_val args[2] = {W2L_I32_VAL(0), W2L_I32_VAL(1)};
    t[i] = w2l_thread_spawn(l, &worker_module, "add", args, 2, &err);
    CHECK(t[i] != NULL, "spawn %d: %s", i, err.message);
  }
  int ok = 0;
  for (int i = 0; i < SPAWNS; i++)
    if (t[i]) ok += w2l_thread_join(t[i], r, 1, &err) == W2L_OK && r[0].of.i32 >= 1;
  CHECK(ok == SPAWNS, "%d of %d threads returned", ok, SPAWNS);
  CHECK(*(uint32_t *)m->data == SPAWNS, "sum %u", *(uint32_t *)m->data);

  /* traps come back from join, with the thread's own trap state: one thread
   * exhausts its stack while another returns normally */
  w2l_thread *boom = w2l_thread_spawn(l, &worker_module, "boom", NULL, 0, &err);
  w2l_thread *deep = w2l_thread_spawn(l, &worker_module, "deep", NULL, 0, &err);
  w2l_val args[2] = {W2L_I32_VAL(8), W2L_I32_VAL(2)};
  w2l_thread *fine = w2l_thread_spawn(l, &worker_module, "add", args, 2, &err);
  CHECK(boom && deep && fine, "spawned");
  if (boom) CHECK_TRAP(w2l_thread_join(boom, NULL, 0, &err), W2L_TRAP_UNREACHABLE);
  if (boom) CHECK_STR(err.message, "unreachable");
  if (deep) CHECK_TRAP(w2l_thread_join(deep, r, 1, &err), W2L_TRAP_STACK_EXHAUSTED);
  if (fine) CHECK_TRAP(w2l_thread_join(fine, r, 1, &err), W2L_OK);
  if (fine) CHECK(r[0].of.i32 == 2, "add in the third thread: %u", r[0].of.i32);
  fine = w2l_thread_spawn(l, &worker_module, "add", args, 2, &err);
  if (fine) CHECK_TRAP(w2l_thread_join(fine, r, 0, &err), W2L_TRAP_CALL_ERROR);
  if (fine) CHECK_STR(err.message, "\"add\" returned 1 results, 0 expected");

  /* spawn errors: no such export, link errors both ways */
  CHECK(w2l_thread_spawn(l, &worker_module, "nope", NULL, 0, &err) == NULL, "spawned nope");
  CHECK_STR(err.message, "no exported function \"nope\"");
  w2l_linker *lp = worker_linker(plain);
  CHECK(w2l_thread_spawn(lp, &worker_module, "add", args, 2, &err) == NULL, "linked unshared");
  CHECK(err.trap == W2L_OK, "a link error");
  CHECK_STR(err.message, "incompatible import type for \"env\" \"memory\": expected memory 1 4 shared, "
                         "got memory 1 4");
  w2l_linker_free(lp);
  w2l_linker *le = w2l_linker_new();
  CHECK(w2l_thread_spawn(le, &worker_module, "add", args, 2, &err) == NULL, "linked nothing");
  CHECK_STR(err.message, "unknown import \"env\" \"memory\"");
  w2l_linker_free(le);

  /* the other way: an unshared import given a shared memory */
  w2l_import_desc want_plain = {NAME("env"), NAME("memory"), MEMORY_T(1, 4)};
  w2l_module plain_module = worker_module;
  plain_module.imports = &want_plain;
  CHECK(w2l_thread_spawn(l, &plain_module, "add", args, 2, &err) == NULL, "linked shared as unshared");
  CHECK_STR(err.message, "incompatible import type for \"env\" \"memory\": expected memory 1 4, "
                         "got memory 1 4 shared");
  w2l_linker_free(l);
  w2l_memory_free(m);
  w2l_memory_free(plain);
}
