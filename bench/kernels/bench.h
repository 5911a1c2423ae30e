/* bench.h - what every benchmark kernel includes.
 *
 * A kernel is one C file that defines its entry point with
 *
 *   BENCH_ENTRY(name) { ... return checksum; }
 *
 * which becomes `uint64_t run(uint32_t reps)`: reps = 0 means the full
 * benchmark size, small values give quick runs for smoke tests.  The same file
 * builds natively (gcc, with host-native.c) and for wasm32 (clang
 * --target=wasm32 -nostdlib), where `run` is the module's only export and the
 * module has no imports: the host prints the checksum it returns.
 *
 * Kernels use only fixed-width integer types (never long, size_t or pointer
 * values in results) so that native and wasm32 compute the same checksum.
 * Allocation is static or from bench_alloc(), a bump allocator over a static
 * arena (wasm32 grows linear memory to cover .bss at load time).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#if defined(BENCH_COMBINED)
/* Many kernels linked into one module: export run_NAME instead of run. */
#define BENCH_ENTRY(name)                                                        \
  __attribute__((export_name("run_" #name))) uint64_t run_##name(uint32_t reps)
#elif defined(__wasm__)
#define BENCH_ENTRY(name) __attribute__((export_name("run"))) uint64_t run(uint32_t reps)
#else
#define BENCH_ENTRY(name) uint64_t run(uint32_t reps)
#endif

/* reps, or the full-size default when reps is 0. */
#define BENCH_REPS(full) ((reps) ? (reps) : (full))

#if defined(__wasm__) && !defined(__wasi__)
/* No libc in freestanding wasm: clang may still emit calls to these for loops
 * it recognises, so every wasm module gets its own copies (static inline would
 * be dropped; these are weak so that combined modules link one).  The
 * programs/ (built for wasm32-wasi) take them from wasi-libc. */
__attribute__((weak, no_builtin("memset"))) void *memset(void *d, int c, size_t n) {
  unsigned char *p = d;
  while (n--) *p++ = (unsigned char)c;
  return d;
}
__attribute__((weak, no_builtin("memcpy"))) void *memcpy(void *d, const void *s, size_t n) {
  unsigned char *p = d;
  const unsigned char *q = s;
  while (n--) *p++ = *q++;
  return d;
}
#else
#include <string.h>
#endif

/* xorshift64*: the one pseudo-random generator of the kernels. */
static inline uint64_t bench_rand(uint64_t *state) {
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

/* Mix v into checksum h (FNV-1a over the 8 bytes of v). */
static inline uint64_t bench_mix(uint64_t h, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    h ^= (v >> (8 * i)) & 0xff;
    h *= 0x100000001b3ull;
  }
  return h;
}
#define BENCH_MIX_INIT 0xcbf29ce484222325ull

/* The bits of a double, for checksums of float results. */
static inline uint64_t bench_f64_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

#endif
