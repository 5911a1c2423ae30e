/* wasi-wabt.c - the WASI shim for the bench programs under wabt's wasm2c: see
 * wasi-wabt.h.  Errno values and the layouts of iovec and fdstat are those of
 * wasi_snapshot_preview1. */
#define _POSIX_C_SOURCE 200809L
#include "wasi-wabt.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct Z_wasi_snapshot_preview1_instance_t wasi;

enum { ERRNO_SUCCESS = 0, ERRNO_BADF = 8, ERRNO_FAULT = 21, ERRNO_INVAL = 28, ERRNO_IO = 29,
       ERRNO_SPIPE = 70 };
enum { FILETYPE_CHARACTER_DEVICE = 2 };

/* The guest range [ptr, ptr + len) in host memory, or NULL if it is not all inside. */
static uint8_t *guest(wasi *w, uint32_t ptr, uint64_t len) {
  if (!w->memory || (uint64_t)ptr + len > w->memory->size) return NULL;
  return w->memory->data + ptr;
}

static uint32_t load32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4); /* wasm is little-endian, like the hosts wasm2c supports */
  return v;
}

static void store32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void store64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

uint32_t Z_wasi_snapshot_preview1Z_fd_write(wasi *w, uint32_t fd, uint32_t iovs, uint32_t n,
                                            uint32_t nwritten) {
  uint8_t *out = guest(w, nwritten, 4), *vec = guest(w, iovs, (uint64_t)n * 8);
  if (!out || !vec) return ERRNO_FAULT;
  if (fd != 1 && fd != 2) return ERRNO_BADF;
  uint32_t total = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len = load32(vec + 8 * i + 4);
    uint8_t *buf = guest(w, load32(vec + 8 * i), len);
    if (!buf) return ERRNO_FAULT;
    while (len > 0) {
      ssize_t k = write((int)fd, buf, len);
      if (k < 0) return ERRNO_IO;
      buf += k;
      len -= (uint32_t)k;
      total += (uint32_t)k;
    }
  }
  store32(out, total);
  return ERRNO_SUCCESS;
}

/* The standard streams stay open for the host: closing them is a no-op. */
uint32_t Z_wasi_snapshot_preview1Z_fd_close(wasi *w, uint32_t fd) {
  (void)w;
  return fd <= 2 ? ERRNO_SUCCESS : ERRNO_BADF;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_seek(wasi *w, uint32_t fd, uint64_t offset, uint32_t whence,
                                           uint32_t newoffset) {
  (void)offset;
  if (!guest(w, newoffset, 8)) return ERRNO_FAULT;
  if (whence > 2) return ERRNO_INVAL;
  return fd <= 2 ? ERRNO_SPIPE : ERRNO_BADF;
}

/* fdstat: filetype u8 at 0, flags u16 at 2, rights base u64 at 8, inheriting at 16. */
uint32_t Z_wasi_snapshot_preview1Z_fd_fdstat_get(wasi *w, uint32_t fd, uint32_t stat) {
  uint8_t *p = guest(w, stat, 24);
  if (!p) return ERRNO_FAULT;
  if (fd > 2) return ERRNO_BADF;
  memset(p, 0, 24);
  p[0] = FILETYPE_CHARACTER_DEVICE;
  store64(p + 8, fd == 0 ? 2 : 64); /* fd_read or fd_write */
  return ERRNO_SUCCESS;
}

/* No arguments (not even argv[0]) and no environment. */
static uint32_t sizes(wasi *w, uint32_t count, uint32_t bytes) {
  uint8_t *c = guest(w, count, 4), *b = guest(w, bytes, 4);
  if (!c || !b) return ERRNO_FAULT;
  store32(c, 0);
  store32(b, 0);
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_args_sizes_get(wasi *w, uint32_t argc, uint32_t size) {
  return sizes(w, argc, size);
}

uint32_t Z_wasi_snapshot_preview1Z_environ_sizes_get(wasi *w, uint32_t count, uint32_t size) {
  return sizes(w, count, size);
}

uint32_t Z_wasi_snapshot_preview1Z_args_get(wasi *w, uint32_t argv, uint32_t buf) {
  (void)w, (void)argv, (void)buf;
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_environ_get(wasi *w, uint32_t env, uint32_t buf) {
  (void)w, (void)env, (void)buf;
  return ERRNO_SUCCESS;
}

uint32_t Z_wasi_snapshot_preview1Z_clock_time_get(wasi *w, uint32_t id, uint64_t precision, uint32_t time) {
  static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID};
  struct timespec ts;
  uint8_t *p = guest(w, time, 8);
  (void)precision;
  if (!p) return ERRNO_FAULT;
  if (id > 2) return ERRNO_INVAL;
  if (clock_gettime(ids[id], &ts) != 0) return ERRNO_IO;
  store64(p, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
  return ERRNO_SUCCESS;
}

void Z_wasi_snapshot_preview1Z_proc_exit(wasi *w, uint32_t code) {
  w->exited = 1;
  w->exit_code = code;
  wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
}
