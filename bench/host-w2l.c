/* host-w2l.c - runs a kernel translated by wasm2c-lite (module name "bench"):
 * `prog [REPS]` prints "CHECKSUM CPU WALL" (seconds of the run export alone). */
#define _POSIX_C_SOURCE 200809L
#include "host.h"
#include "w2l.h"

extern const w2l_module bench_module;

int main(int argc, char **argv) {
  w2l_error err;
  w2l_instance *inst = w2l_instantiate(&bench_module, NULL, &err);
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
  return 0;
}
