/* host-wabt.c - runs a kernel translated by wabt's wasm2c (-n bench): `prog [REPS]`
 * prints "CHECKSUM CPU WALL" (seconds of the run export alone).  With
 * -DBENCH_WASI it runs a program of programs/ (a WASI reactor) with the shim of
 * wasi-wabt.c: _initialize (libc's constructors) runs before the timed call. */
#define _POSIX_C_SOURCE 200809L
#include "host.h"
#include "bench_wabt.h"
#include "wasm-rt-impl.h"
#ifdef BENCH_WASI
#include "wasi-wabt.h"
#endif

int main(int argc, char **argv) {
  static Z_bench_instance_t inst;
  uint32_t reps = host_reps(argc, argv);
  wasm_rt_init();
  Z_bench_init_module();
#ifdef BENCH_WASI
  static struct Z_wasi_snapshot_preview1_instance_t wasi; /* static: read after a longjmp */
  Z_bench_instantiate(&inst, &wasi);
  wasi.memory = Z_benchZ_memory(&inst);
#else
  Z_bench_instantiate(&inst);
#endif
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
#ifdef BENCH_WASI
    if (wasi.exited) {
      fprintf(stderr, "program exited with code %u\n", (unsigned)wasi.exit_code);
      return 1;
    }
#endif
    fprintf(stderr, "trap: %s\n", wasm_rt_strerror(trap));
    return 1;
  }
#ifdef BENCH_WASI
  Z_benchZ__initialize(&inst);
#endif
  struct host_time t0 = host_now();
  uint64_t sum = Z_benchZ_run(&inst, reps);
  host_report(sum, t0, host_now());
  Z_bench_free(&inst);
  wasm_rt_free();
  return 0;
}
