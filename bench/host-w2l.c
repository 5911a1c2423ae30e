/* host-w2l.c - runs a kernel translated by wasm2c-lite (module name "bench"):
 * `prog [REPS]` prints "CHECKSUM CPU WALL" (seconds of the run export alone).
 * With -DBENCH_WASI it runs a program of programs/ (a WASI reactor): the
 * runtime's WASI is linked in and _initialize (libc's constructors) runs
 * before the timed call. */
#define _POSIX_C_SOURCE 200809L
#include "host.h"
#include "w2l.h"
#ifdef BENCH_WASI
#include "w2l_wasi.h"
#endif

extern const w2l_module bench_module;

int main(int argc, char **argv) {
  w2l_error err;
#ifdef BENCH_WASI
  w2l_wasi *w = w2l_wasi_new();
  w2l_linker *l = w2l_linker_new();
  if (!w || !l || !w2l_wasi_set_args(w, 1, (const char *const *)argv) || !w2l_wasi_define(w, l)) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }
  w2l_instance *inst = w2l_linker_instantiate(l, &bench_module, NULL, &err);
  if (inst && w2l_wasi_run(w, inst, &err) != 0) {
    fprintf(stderr, "_initialize: %s\n", err.message);
    return 1;
  }
#else
  w2l_instance *inst = w2l_instantiate(&bench_module, NULL, &err);
#endif
  if (!inst) {
    fprintf(stderr, "instantiate: %s\n", err.message);
    return 1;
  }
  w2l_val args[1] = {W2L_I32_VAL(host_reps(argc, argv))}, res[1];
  struct host_time t0 = host_now();
  w2l_trap t = w2l_call(inst, "run", args, 1, res, 1, &err);
  struct host_time t1 = host_now();
  if (t != W2L_OK) {
    fprintf(stderr, "trap: %s\n", w2l_trap_message(t));
    return 1;
  }
  host_report(res[0].of.i64, t0, t1);
  w2l_instance_free(inst);
#ifdef BENCH_WASI
  w2l_linker_free(l);
  w2l_wasi_free(w);
#endif
  return 0;
}
