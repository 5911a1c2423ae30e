/* wasi-wabt.h - the few WASI preview 1 functions the bench programs import,
 * for modules translated by wabt's wasm2c (which has no WASI of its own).
 *
 * wasm2c passes every import a pointer to the instance of the importing
 * module's "wasi_snapshot_preview1": this is it.  The host sets `memory` to
 * the program's exported memory after instantiating it (the functions read
 * and write guest buffers there, each one checked against its size).
 * Provided: fd_write (fds 1 and 2, to the host's), fd_close, fd_seek and
 * fd_fdstat_get on 0-2 (character devices, not seekable), args and environ
 * (both empty), clock_time_get (realtime, monotonic, process CPU time) and
 * proc_exit (records the code and traps with WASM_RT_TRAP_UNREACHABLE; the
 * host reports the code).  Everything else fails to link, on purpose: a
 * program that needs more should say so. */
#ifndef BENCH_WASI_WABT_H
#define BENCH_WASI_WABT_H

#include <stdint.h>
#include "wasm-rt.h"

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t *memory; /* the program's linear memory (its "memory" export) */
  int exited;               /* proc_exit was called */
  uint32_t exit_code;       /* proc_exit's argument */
};

#endif
