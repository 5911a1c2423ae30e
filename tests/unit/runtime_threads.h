/* runtime_threads.h - w2l_thread_spawn / join with a module written by hand
 * the way wasm2c-lite emits it (shared memories cannot be translated from wat
 * yet), included by runtime_threads.c only (after its wait helpers).
 *
 * worker:
 * (module (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
 *   (import "env" "memory" (memory 1 4 shared))
 *   (func (export "add") (param i32 i32) (result i32)   ;; mem[a] += b, returns the new value
 *     (i32.atomic.rmw.add (local.get 0) (local.get 1)) (local.get 1) i32.add)
 *   (func (export "boom") unreachable)
 *   (func (export "deep") (result i32) (i32.add (call 3) (i32.const 1)))
 *   (func (export "spawn") (param i32) (result i32) (call $spawn (local.get 0)))
 *   ;; wasi-threads' entry: mem[arg] = tid, then notify it; arg 0: trap instead
 *   (func (export "wasi_thread_start") (param $tid i32) (param $arg i32) ...)) */
#include <sched.h>
#include <sys/wait.h>

#include "runtime_abi.h"
#include "w2l_wasi.h"

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
static uint32_t wt_spawn(void *obj, uint32_t arg) {
  w2l_instance *inst = obj;
  W2L_FUNC_ENTRY();
  return ((fn_i_i)inst->funcs[0].fn)(inst->funcs[0].obj, arg);
}
static void wt_start(void *obj, uint32_t tid, uint32_t arg) {
  w2l_instance *inst = obj;
  W2L_FUNC_ENTRY();
  if (arg == 0) w2l_trap_raise(W2L_TRAP_UNREACHABLE);
  w2l_memory *m = inst->memories[0];
  if ((uint64_t)arg + 4 > m->size) w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  __atomic_store_n((uint32_t *)(m->data + arg), tid, __ATOMIC_SEQ_CST);
  w2l_memory_atomic_notify(m, arg, 1);
}
static const char *worker_init(w2l_instance *inst, const w2l_extern *imports) {
  (void)imports;
  inst->funcs[1] = REF(inst, 0, worker_add);
  inst->funcs[2] = REF(inst, 1, worker_boom);
  inst->funcs[3] = REF(inst, 2, worker_deep);
  inst->funcs[4] = REF(inst, 3, wt_spawn);
  inst->funcs[5] = REF(inst, 4, wt_start);
  return NULL;
}
static const char *const worker_types[] = {"ii:i", ":", ":i", "i:i", "ii:"};
static const w2l_trampoline worker_tramps[] = {tramp_ii_i, tramp__, tramp__i, tramp_i_i, tramp_ii_};
static const w2l_import_desc worker_imports[] = {
    {NAME("wasi"), NAME("thread-spawn"), FUNC_T("i:i")},
    {NAME("env"), NAME("memory"), SHARED_MEMORY_T(1, 4)},
};
static const w2l_export_desc worker_exports[] = {
    {NAME("add"), W2L_EXTERN_FUNC, 1, FUNC_T("ii:i")},
    {NAME("boom"), W2L_EXTERN_FUNC, 2, FUNC_T(":")},
    {NAME("deep"), W2L_EXTERN_FUNC, 3, FUNC_T(":i")},
    {NAME("spawn"), W2L_EXTERN_FUNC, 4, FUNC_T("i:i")},
    {NAME("wasi_thread_start"), W2L_EXTERN_FUNC, 5, FUNC_T("ii:")},
};
static const uint32_t worker_func_types[] = {3, 0, 1, 2, 3, 4};
static const w2l_module worker_module = {
    W2L_ABI_VERSION, W2L_BOUNDS, "worker", 5, worker_types, worker_tramps, 2, worker_imports, 5,
    worker_exports, 6, 0, 1, 0, worker_func_types, sizeof(w2l_instance), worker_init, NULL, 0, NULL, 0, NULL};

#define SPAWNS 8
#define ADDS 1000

/* A linker with m as "env" "memory" and w's thread-spawn. */
static w2l_linker *worker_linker(w2l_memory *m, w2l_wasi *w) {
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define(l, "env", "memory", (w2l_extern){W2L_EXTERN_MEMORY, {.memory = m}});
  CHECK(w2l_wasi_define(w, l) && w2l_wasi_define_threads(w, l), "define");
  return l;
}

static void test_spawn(void) {
  w2l_memory *m = w2l_memory_new_shared(1, 4), *plain = w2l_memory_new(1, 4);
  w2l_wasi *w = w2l_wasi_new();
  w2l_linker *l = worker_linker(m, w);
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
#if defined(__SANITIZE_THREAD__)
  /* TSan loses the jump buffer of a siglongjmp out of a recursion this deep
   * ("can't find longjmp buf"): the stack-exhaustion case runs without it. */
  w2l_thread *deep = NULL;
  printf("skipped: a stack-exhausting thread (not under ThreadSanitizer)\n");
#else
  w2l_thread *deep = w2l_thread_spawn(l, &worker_module, "deep", NULL, 0, &err);
#endif
  w2l_val args[2] = {W2L_I32_VAL(8), W2L_I32_VAL(2)};
  w2l_thread *fine = w2l_thread_spawn(l, &worker_module, "add", args, 2, &err);
  CHECK(boom && fine, "spawned");
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
  w2l_linker *lp = worker_linker(plain, w);
  CHECK(w2l_thread_spawn(lp, &worker_module, "add", args, 2, &err) == NULL, "linked unshared");
  CHECK(err.trap == W2L_OK, "a link error");
  CHECK_STR(err.message, "incompatible import type for \"env\" \"memory\": expected memory 1 4 shared, "
                         "got memory 1 4");
  w2l_linker_free(lp);
  w2l_linker *le = w2l_linker_new();
  CHECK(w2l_thread_spawn(le, &worker_module, "add", args, 2, &err) == NULL, "linked nothing");
  CHECK_STR(err.message, "unknown import \"wasi\" \"thread-spawn\"");
  w2l_linker_free(le);

  /* the other way: an unshared import given a shared memory */
  w2l_import_desc want_plain[] = {worker_imports[0], {NAME("env"), NAME("memory"), MEMORY_T(1, 4)}};
  w2l_module plain_module = worker_module;
  plain_module.imports = want_plain;
  CHECK(w2l_thread_spawn(l, &plain_module, "add", args, 2, &err) == NULL, "linked shared as unshared");
  CHECK_STR(err.message, "incompatible import type for \"env\" \"memory\": expected memory 1 4, "
                         "got memory 1 4 shared");
  w2l_linker_free(l);
  w2l_wasi_free(w);
  w2l_memory_free(m);
  w2l_memory_free(plain);
}

#define WT_THREADS 6

static void test_wasi_threads(void) {
  w2l_memory *m = w2l_memory_new_shared(1, 4);
  w2l_wasi *w = w2l_wasi_new();
  w2l_linker *l = worker_linker(m, w);
  w2l_error err;
  w2l_instance *inst = w2l_linker_instantiate(l, &worker_module, NULL, &err);
  CHECK(inst != NULL, "instantiate: %s", err.message);
  if (!inst) return;
  /* a trap in a spawned thread ends the whole program with 134
   * (first, while every other thread is joined: TSan forks only then) */
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    w2l_val a = W2L_I32_VAL(0), r;
    w2l_call(inst, "spawn", &a, 1, &r, 1, &err);
    sleep(10);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 134, "status %#x", status);
  uint32_t tids[WT_THREADS];
  for (uint32_t i = 0; i < WT_THREADS; i++) {
    w2l_val a = W2L_I32_VAL(64 + 4 * i), r;
    CHECK_TRAP(w2l_call(inst, "spawn", &a, 1, &r, 1, &err), W2L_OK);
    tids[i] = r.of.i32;
    CHECK((int32_t)tids[i] > 0, "tid %d", (int32_t)tids[i]);
    for (uint32_t j = 0; j < i; j++) CHECK(tids[j] != tids[i], "tid %u twice", tids[i]);
  }
  /* each thread stores its tid in its cell and notifies: wait for them */
  struct op o;
  for (uint32_t i = 0; i < WT_THREADS; i++) {
    uint32_t *cell = (uint32_t *)(m->data + 64 + 4 * i);
    while (__atomic_load_n(cell, __ATOMIC_SEQ_CST) == 0) {
      o = (struct op){.kind = WAIT32, .m = m, .addr = 64 + 4 * i, .expected = 0, .timeout_ns = 100000000};
      op(&o);
    }
    CHECK(*cell == tids[i], "thread %u stored %u", tids[i], *cell);
  }
  while (w2l_wasi_threads_running(w)) sched_yield(); /* they free their instances */
  w2l_instance_free(inst);
  w2l_linker_free(l);
  w2l_wasi_free(w);
  w2l_memory_free(m);
}
