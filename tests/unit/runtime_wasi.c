/* runtime_wasi.c - the WASI sandbox against a guest that tries to get out
 * (tests/runtime/wasiprobe.wat re-exports the WASI calls, so each is made
 * as a guest would, with paths in its memory and any pointers): every escape
 * through "..", absolute paths and symlinks fails, with openat2 and with the
 * component walk; read-only grants and rights hold; bad pointers give
 * ERRNO_FAULT; proc_exit unwinds from any depth; buffered stdout. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "runtime_test.h"
#include "w2l_wasi.h"

#include "wasiprobe.h"

enum { FAULT = 21, BADF = 8, LOOP = 32, NOENT = 44, PERM = 63, NOTCAPABLE = 76 };
#define FD_READ ((uint64_t)1 << 1)
#define FD_WRITE ((uint64_t)1 << 6)
#define PATH_AT 1024 /* where paths go in guest memory */
#define OUT_AT 64    /* where results go */

static w2l_instance *inst;
static w2l_wasi *wasi;
static w2l_memory *mem;
static char top[64]; /* the scratch directory */

/* Call export name with i32/i64 arguments ('i'/'I' in sig); its i32 result. */
static uint32_t call(const char *name, const char *sig, ...) {
  w2l_val args[12], res[1] = {W2L_I32_VAL(0)};
  va_list ap;
  va_start(ap, sig);
  size_t n = 0;
  for (; sig[n]; n++) args[n] = sig[n] == 'I' ? W2L_I64_VAL(va_arg(ap, uint64_t)) : W2L_I32_VAL(va_arg(ap, uint32_t));
  va_end(ap);
  w2l_error err;
  w2l_trap t = w2l_call(inst, name, args, n, res, 1, &err);
  CHECK(t == W2L_OK, "%s trapped: %s", name, err.message);
  return res[0].of.i32;
}

static uint32_t put(uint32_t at, const char *s) {
  w2l_memory_write(mem, at, s, strlen(s));
  return (uint32_t)strlen(s);
}

/* path_open(dir, path) with rights; the errno, and the new fd in *fd. */
static uint32_t wopen(uint32_t dir, const char *path, uint32_t oflags, uint32_t follow,
                      uint64_t rights, uint32_t *fd) {
  uint32_t len = put(PATH_AT, path);
  uint32_t e = call("path_open", "iiiiiIIii", dir, follow, PATH_AT, len, oflags, rights, rights, 0, OUT_AT);
  if (fd) w2l_memory_read(mem, OUT_AT, fd, 4);
  return e;
}

/* Read up to n bytes of fd into buf (NUL-terminated); the errno. */
static uint32_t wread(uint32_t fd, char *buf, uint32_t n) {
  uint32_t iov[2] = {200, n}, got = 0;
  w2l_memory_write(mem, 100, iov, 8);
  uint32_t e = call("fd_read", "iiii", fd, 100, 1, OUT_AT);
  w2l_memory_read(mem, OUT_AT, &got, 4);
  w2l_memory_read(mem, 200, buf, e ? 0 : got);
  buf[e ? 0 : got] = '\0';
  return e;
}

static void write_file(const char *rel, const char *text) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", top, rel);
  FILE *f = fopen(path, "w");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

static bool host_exists(const char *rel) {
  char path[128];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", top, rel);
  return lstat(path, &st) == 0;
}

static void make_tree(void) {
  char path[128];
  snprintf(top, sizeof top, "/tmp/w2l-wasi-XXXXXX");
  if (!mkdtemp(top)) abort();
  const char *dirs[] = {"root", "root/sub", "ro"};
  for (size_t i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", top, dirs[i]);
    mkdir(path, 0755);
  }
  write_file("secret.txt", "secret");
  write_file("root/inside.txt", "inside");
  write_file("ro/file.txt", "read-only");
  const char *links[][2] = {{"../../secret.txt", "root/sub/up2"}, {"..", "root/up"},
                            {"/etc", "root/out"},            {"loop", "root/loop"},
                            {"inside.txt", "root/okl"},      {"../secret.txt", "root/evil0"}};
  for (size_t i = 0; i < 6; i++) {
    snprintf(path, sizeof path, "%s/%s", top, links[i][1]);
    if (symlink(links[i][0], path) != 0) abort();
  }
}

/* The escapes, in the current resolution mode. */
static void test_escapes(const char *mode) {
  static const char *const escapes[] = {"../secret.txt", "/etc/passwd",       "out/passwd",
                                        "up/secret.txt", "sub/up2",           "sub/../../secret.txt",
                                        "evil0",         "sub/../up/secret.txt"};
  char buf[64];
  uint32_t fd = 0;
  for (size_t i = 0; i < sizeof escapes / sizeof *escapes; i++) {
    uint32_t e = wopen(3, escapes[i], 0, 1, FD_READ, &fd);
    CHECK(e == NOTCAPABLE || e == PERM, "%s: opening %s gave errno %u", mode, escapes[i], e);
    if (e == 0) {
      wread(fd, buf, sizeof buf - 1);
      CHECK(strcmp(buf, "secret") != 0, "%s: %s read the secret", mode, escapes[i]);
      call("fd_close", "i", fd);
    }
  }
  /* what stays inside works */
  static const char *const inside[] = {"inside.txt", "okl", "sub/../inside.txt", "./sub/../okl"};
  for (size_t i = 0; i < sizeof inside / sizeof *inside; i++) {
    uint32_t e = wopen(3, inside[i], 0, 1, FD_READ, &fd);
    CHECK(e == 0, "%s: opening %s gave errno %u", mode, inside[i], e);
    if (e) continue;
    CHECK(wread(fd, buf, sizeof buf - 1) == 0 && strcmp(buf, "inside") == 0, "%s: %s read '%s'",
          mode, inside[i], buf);
    call("fd_close", "i", fd);
  }
  CHECK(wopen(3, "loop", 0, 1, FD_READ, &fd) == LOOP, "%s: a symlink loop", mode);
  CHECK(wopen(3, "okl", 0, 0, FD_READ, &fd) == LOOP, "%s: a symlink without follow", mode);
  CHECK(wopen(3, "missing", 0, 1, FD_READ, &fd) == NOENT, "%s: a missing file", mode);
  /* renaming out of the preopen, and a symlink whose target is absolute */
  uint32_t a = put(PATH_AT, "inside.txt"), b = put(PATH_AT + 100, "../moved.txt");
  uint32_t e = call("path_rename", "iiiiii", 3, PATH_AT, a, 3, PATH_AT + 100, b);
  CHECK((e == NOTCAPABLE || e == PERM) && host_exists("root/inside.txt") && !host_exists("moved.txt"),
        "%s: rename out: errno %u", mode, e);
  a = put(PATH_AT, "/etc/passwd"), b = put(PATH_AT + 100, "evil");
  e = call("path_symlink", "iiiii", PATH_AT, a, 3, PATH_AT + 100, b);
  CHECK(e == NOTCAPABLE && !host_exists("root/evil"), "%s: absolute symlink: errno %u", mode, e);
  a = put(PATH_AT, "up/x");
  e = call("path_create_directory", "iii", 3, PATH_AT, a);
  CHECK((e == NOTCAPABLE || e == PERM) && !host_exists("x"), "%s: mkdir through a symlink out: %u", mode, e);
}

/* A read-only grant: nothing written, created or removed; rights only shrink. */
static void test_read_only(void) {
  uint32_t fd = 0;
  char buf[32];
  CHECK(wopen(4, "file.txt", 0, 1, FD_READ | FD_WRITE, &fd) == 0, "open in the read-only dir");
  CHECK(wread(fd, buf, sizeof buf - 1) == 0 && strcmp(buf, "read-only") == 0, "read '%s'", buf);
  uint32_t iov[2] = {300, 3};
  w2l_memory_write(mem, 100, iov, 8);
  CHECK(call("fd_write", "iiii", fd, 100, 1, OUT_AT) == NOTCAPABLE, "write to a read-only grant");
  CHECK(call("fd_fdstat_set_rights", "iII", fd, FD_READ | FD_WRITE, (uint64_t)0) == NOTCAPABLE,
        "rights grew");
  CHECK(call("fd_fdstat_set_rights", "iII", fd, (uint64_t)0, (uint64_t)0) == 0, "rights shrink");
  CHECK(wread(fd, buf, sizeof buf - 1) == NOTCAPABLE, "read after dropping the right");
  call("fd_close", "i", fd);
  CHECK(wopen(4, "new.txt", 1 /* creat */, 1, FD_READ | FD_WRITE, &fd) == NOTCAPABLE &&
            !host_exists("ro/new.txt"),
        "create in a read-only grant");
  uint32_t n = put(PATH_AT, "file.txt");
  CHECK(call("path_unlink_file", "iii", 4, PATH_AT, n) == NOTCAPABLE && host_exists("ro/file.txt"),
        "unlink in a read-only grant");
  n = put(PATH_AT, "d");
  CHECK(call("path_create_directory", "iii", 4, PATH_AT, n) == NOTCAPABLE && !host_exists("ro/d"),
        "mkdir in a read-only grant");
}

/* Guest pointers outside memory: ERRNO_FAULT, nothing touched. */
static void test_pointers(void) {
  CHECK(call("path_open", "iiiiiIIii", 3, 0, 65530, 100, 0, FD_READ, FD_READ, 0, OUT_AT) == FAULT,
        "path past the end");
  put(PATH_AT, "inside.txt");
  CHECK(call("path_open", "iiiiiIIii", 3, 0, PATH_AT, 10, 0, FD_READ, FD_READ, 0, 65534) == FAULT,
        "result past the end");
  CHECK(call("fd_write", "iiii", 1, 65532, 1, OUT_AT) == FAULT, "iovec past the end");
  uint32_t iov[2] = {65000, 1000};
  w2l_memory_write(mem, 0, iov, 8);
  CHECK(call("fd_write", "iiii", 1, 0, 1, OUT_AT) == FAULT, "buffer past the end");
  CHECK(call("fd_write", "iiii", 1, 0, 0x7fffffff, OUT_AT) == FAULT, "2^31 iovecs");
  CHECK(call("args_sizes_get", "ii", 65535, 0) == FAULT, "args_sizes_get past the end");
  CHECK(call("random_get", "ii", 65000, 1000) == FAULT, "random_get past the end");
  CHECK(call("random_get", "ii", 0, 4096) == 0, "random_get inside");
  CHECK(call("fd_prestat_get", "ii", 3, 0) == 0 && call("fd_prestat_get", "ii", 5, 0) == BADF,
        "prestat of a preopen and of nothing");
}

int main(void) {
  w2l_error err;
  make_tree();
  wasi = w2l_wasi_new();
  char path[128];
  snprintf(path, sizeof path, "%s/root", top);
  CHECK(w2l_wasi_preopen(wasi, path, "/", false, &err), "preopen: %s", err.message);
  snprintf(path, sizeof path, "%s/ro", top);
  CHECK(w2l_wasi_preopen(wasi, path, "/ro", true, &err), "preopen ro: %s", err.message);
  CHECK(!w2l_wasi_preopen(wasi, "/nonexistent/dir", "/x", false, &err) &&
            strstr(err.message, "/nonexistent/dir"),
        "preopen of nothing: %s", err.message);
  w2l_wasi_set_stdio(wasi, 1, -1);
  w2l_linker *l = w2l_linker_new();
  w2l_wasi_define(wasi, l);
  inst = w2l_linker_instantiate(l, &wasiprobe_module, NULL, &err);
  CHECK(inst != NULL, "instantiate: %s", err.message);
  if (!inst) return test_finish();
  mem = wasiprobe_memory(inst);

  test_escapes(rt_wasi_openat2 == 0 ? "walk" : "openat2");
  rt_wasi_openat2 = 0; /* the component walk, as on kernels without openat2 */
  test_escapes("walk");
  rt_wasi_openat2 = -1;
  test_read_only();
  test_pointers();

  /* buffered stdout */
  uint32_t iov[2] = {300, 5};
  w2l_memory_write(mem, 100, iov, 8);
  put(300, "hello");
  CHECK(call("fd_write", "iiii", 1, 100, 1, OUT_AT) == 0, "fd_write to stdout");
  size_t n = 0;
  const char *out = w2l_wasi_output(wasi, 1, &n);
  CHECK(n == 5 && memcmp(out, "hello", 5) == 0, "buffered stdout '%.*s'", (int)n, out);

  /* poll_oneoff with two clocks, the far one first: only the near one fires */
  uint8_t subs[96];
  memset(subs, 0, sizeof subs);
  uint64_t far = 10000000000u, near = 20000000u, ud1 = 111, ud2 = 222;
  memcpy(subs, &ud1, 8), memcpy(subs + 24, &far, 8);           /* clock 0 (realtime), 10 s */
  memcpy(subs + 48, &ud2, 8), memcpy(subs + 48 + 24, &near, 8); /* 20 ms */
  subs[48 + 16] = 1;                                           /* the monotonic clock */
  w2l_memory_write(mem, 2000, subs, sizeof subs);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  uint32_t nev = 0;
  CHECK(call("poll_oneoff", "iiii", 2000, 3000, 2, OUT_AT) == 0, "poll_oneoff");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  w2l_memory_read(mem, OUT_AT, &nev, 4);
  uint64_t got_ud = 0;
  w2l_memory_read(mem, 3000, &got_ud, 8);
  double waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  CHECK(nev == 1 && got_ud == 222 && waited >= 0.019 && waited < 5, "poll: %u events, first %llu, %.3f s",
        nev, (unsigned long long)got_ud, waited);

  /* a reactor: w2l_wasi_run runs _initialize and returns 0 */
  uint32_t marker = 0;
  CHECK(w2l_wasi_run(wasi, inst, &err) == 0 && w2l_memory_read(mem, 8, &marker, 4) && marker == 0x1717,
        "_initialize ran: %x", marker);

  /* proc_exit from deep down unwinds to the call, and the instance lives on */
  w2l_val args[2] = {W2L_I32_VAL(20000), W2L_I32_VAL(7)};
  w2l_trap t = w2l_call(inst, "deep_exit", args, 2, NULL, 0, &err);
  CHECK(t == W2L_TRAP_EXIT && w2l_wasi_exit_code(wasi) == 7, "proc_exit: trap %d code %d", t,
        w2l_wasi_exit_code(wasi));
  CHECK(call("fd_prestat_get", "ii", 3, 0) == 0, "a call after proc_exit");

  w2l_instance_free(inst);
  w2l_linker_free(l);
  w2l_wasi_free(wasi);
  snprintf(path, sizeof path, "rm -rf '%s'", top);
  if (system(path) != 0) fprintf(stderr, "cannot remove %s\n", top);
  return test_finish();
}
