/* host-wabt.c - runs a kernel translated by wabt's wasm2c (-n bench): `prog [REPS]`
 * prints "CHECKSUM CPU WALL" (seconds of the run export alone). */
#define _POSIX_C_SOURCE 200809L
#include "host.h"
#include "bench_wabt.h"
#include "wasm-rt-impl.h"

int main(int argc, char **argv) {
  Z_bench_instance_t inst;
  uint32_t reps = host_reps(argc, argv);
  wasm_rt_init();
  Z_bench_init_module();
  Z_bench_instantiate(&inst);
  struct host_time t0 = host_now();
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "trap: %s\n", wasm_rt_strerror(trap));
    return 1;
  }
  uint64_t sum = Z_benchZ_run(&inst, reps);
  host_report(sum, t0, host_now());
  Z_bench_free(&inst);
  wasm_rt_free();
  return 0;
}
