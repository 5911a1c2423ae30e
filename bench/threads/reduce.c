/* reduce.c - the threaded benchmark kernel: a parallel reduction over one
 * array in shared memory.  Each thread sums the squares of its slice (reps
 * times) and adds its part to one total with an atomic add.  Built twice:
 * natively (bench/threads/host-native.c runs the slices on pthreads) and for
 * wasm32 with atomics and a shared memory (bench/threads/host-w2l.c runs them
 * with w2l_thread_spawn, one instance per thread on the shared memory). */
#include <stdint.h>

#define N (8u << 20) /* 8 Mi values, 32 MiB */

static uint32_t data[N];
static uint64_t total;

#if defined(__wasm__)
#define EXPORT(name) __attribute__((export_name(#name)))
#else
#define EXPORT(name)
#endif

EXPORT(reduce_size) uint32_t reduce_size(void) { return N; }

EXPORT(reduce_fill) void reduce_fill(void) {
  for (uint32_t i = 0; i < N; i++) data[i] = (i * 2654435761u) >> 16;
}

EXPORT(reduce_slice) uint64_t reduce_slice(uint32_t begin, uint32_t end, uint32_t reps) {
  uint64_t sum = 0;
  for (uint32_t r = 0; r < reps; r++)
    for (uint32_t i = begin; i < end; i++) sum += (uint64_t)(data[i] ^ r) * (data[i] ^ r);
  __atomic_fetch_add(&total, sum, __ATOMIC_SEQ_CST);
  return sum;
}

EXPORT(reduce_total) uint64_t reduce_total(void) { return __atomic_load_n(&total, __ATOMIC_SEQ_CST); }

EXPORT(reduce_reset) void reduce_reset(void) { __atomic_store_n(&total, 0, __ATOMIC_SEQ_CST); }
