/* wasi.c - WASI preview 1 for translated modules (see w2l_wasi.h).
 *
 * Guest memory is reached only through bounds-checked spans of the calling
 * instance's memory; paths only beneath a preopen (resolve.c-style logic at
 * the end of the "paths" section).  Errors map from errno to WASI's numbers. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/openat2.h>
#include <sys/random.h>
#endif

#include "internal.h"
#include "w2l_wasi.h"

extern char **environ;

/* ---- WASI's numbers ---- */

enum {
  E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_ADDRINUSE = 3, E_ADDRNOTAVAIL = 4, E_AFNOSUPPORT = 5,
  E_AGAIN = 6, E_ALREADY = 7, E_BADF = 8, E_BADMSG = 9, E_BUSY = 10, E_CANCELED = 11,
  E_CHILD = 12, E_CONNABORTED = 13, E_CONNREFUSED = 14, E_CONNRESET = 15, E_DEADLK = 16,
  E_DESTADDRREQ = 17, E_DOM = 18, E_DQUOT = 19, E_EXIST = 20, E_FAULT = 21, E_FBIG = 22,
  E_HOSTUNREACH = 23, E_IDRM = 24, E_ILSEQ = 25, E_INPROGRESS = 26, E_INTR = 27, E_INVAL = 28,
  E_IO = 29, E_ISCONN = 30, E_ISDIR = 31, E_LOOP = 32, E_MFILE = 33, E_MLINK = 34,
  E_MSGSIZE = 35, E_MULTIHOP = 36, E_NAMETOOLONG = 37, E_NETDOWN = 38, E_NETRESET = 39,
  E_NETUNREACH = 40, E_NFILE = 41, E_NOBUFS = 42, E_NODEV = 43, E_NOENT = 44, E_NOEXEC = 45,
  E_NOLCK = 46, E_NOLINK = 47, E_NOMEM = 48, E_NOMSG = 49, E_NOPROTOOPT = 50, E_NOSPC = 51,
  E_NOSYS = 52, E_NOTCONN = 53, E_NOTDIR = 54, E_NOTEMPTY = 55, E_NOTRECOVERABLE = 56,
  E_NOTSOCK = 57, E_NOTSUP = 58, E_NOTTY = 59, E_NXIO = 60, E_OVERFLOW = 61, E_OWNERDEAD = 62,
  E_PERM = 63, E_PIPE = 64, E_PROTO = 65, E_PROTONOSUPPORT = 66, E_PROTOTYPE = 67, E_RANGE = 68,
  E_ROFS = 69, E_SPIPE = 70, E_SRCH = 71, E_STALE = 72, E_TIMEDOUT = 73, E_TXTBSY = 74,
  E_XDEV = 75, E_NOTCAPABLE = 76,
};

enum { FT_UNKNOWN, FT_BLOCK, FT_CHAR, FT_DIR, FT_FILE, FT_SOCK_DGRAM, FT_SOCK_STREAM, FT_SYMLINK };
enum { FDF_APPEND = 1, FDF_DSYNC = 2, FDF_NONBLOCK = 4, FDF_RSYNC = 8, FDF_SYNC = 16 };
enum { OF_CREAT = 1, OF_DIRECTORY = 2, OF_EXCL = 4, OF_TRUNC = 8 };
enum { FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8 };

#define R(n) ((uint64_t)1 << (n))
#define R_FD_DATASYNC R(0)
#define R_FD_READ R(1)
#define R_FD_SEEK R(2)
#define R_FD_FDSTAT_SET_FLAGS R(3)
#define R_FD_SYNC R(4)
#define R_FD_TELL R(5)
#define R_FD_WRITE R(6)
#define R_FD_ADVISE R(7)
#define R_FD_ALLOCATE R(8)
#define R_PATH_CREATE_DIRECTORY R(9)
#define R_PATH_CREATE_FILE R(10)
#define R_PATH_LINK_SOURCE R(11)
#define R_PATH_LINK_TARGET R(12)
#define R_PATH_OPEN R(13)
#define R_FD_READDIR R(14)
#define R_PATH_READLINK R(15)
#define R_PATH_RENAME_SOURCE R(16)
#define R_PATH_RENAME_TARGET R(17)
#define R_PATH_FILESTAT_GET R(18)
#define R_PATH_FILESTAT_SET_SIZE R(19)
#define R_PATH_FILESTAT_SET_TIMES R(20)
#define R_FD_FILESTAT_GET R(21)
#define R_FD_FILESTAT_SET_SIZE R(22)
#define R_FD_FILESTAT_SET_TIMES R(23)
#define R_PATH_SYMLINK R(24)
#define R_PATH_REMOVE_DIRECTORY R(25)
#define R_PATH_UNLINK_FILE R(26)
#define R_POLL_FD_READWRITE R(27)
#define R_SOCK_SHUTDOWN R(28)
#define R_SOCK_ACCEPT R(29)

/* What each kind of descriptor may have. */
#define RIGHTS_FILE                                                                          \
  (R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_TELL |   \
   R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE | R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_SIZE |   \
   R_FD_FILESTAT_SET_TIMES | R_POLL_FD_READWRITE)
#define RIGHTS_DIR                                                                            \
  (R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_DATASYNC | R_FD_ADVISE | R_PATH_CREATE_DIRECTORY | \
   R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR | \
   R_PATH_READLINK | R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET |       \
   R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET |                  \
   R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE)
#define RIGHTS_TTY (R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE)
#define RIGHTS_SOCK (RIGHTS_TTY | R_SOCK_SHUTDOWN | R_SOCK_ACCEPT)
/* What a read-only grant never gives. */
#define RIGHTS_WRITING                                                                        \
  (R_FD_DATASYNC | R_FD_SYNC | R_FD_WRITE | R_FD_ALLOCATE | R_PATH_CREATE_DIRECTORY |         \
   R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET | R_PATH_RENAME_SOURCE |      \
   R_PATH_RENAME_TARGET | R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES |              \
   R_FD_FILESTAT_SET_SIZE | R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK |                        \
   R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE)

static int wasi_errno(int e) {
  switch (e) {
  case 0: return E_SUCCESS;
  case E2BIG: return E_2BIG;
  case EACCES: return E_ACCES;
  case EADDRINUSE: return E_ADDRINUSE;
  case EADDRNOTAVAIL: return E_ADDRNOTAVAIL;
  case EAFNOSUPPORT: return E_AFNOSUPPORT;
  case EAGAIN: return E_AGAIN;
  case EALREADY: return E_ALREADY;
  case EBADF: return E_BADF;
  case EBUSY: return E_BUSY;
  case ECONNABORTED: return E_CONNABORTED;
  case ECONNREFUSED: return E_CONNREFUSED;
  case ECONNRESET: return E_CONNRESET;
  case EDQUOT: return E_DQUOT;
  case EEXIST: return E_EXIST;
  case EFAULT: return E_FAULT;
  case EFBIG: return E_FBIG;
  case EINTR: return E_INTR;
  case EINVAL: return E_INVAL;
  case EIO: return E_IO;
  case EISCONN: return E_ISCONN;
  case EISDIR: return E_ISDIR;
  case ELOOP: return E_LOOP;
  case EMFILE: return E_MFILE;
  case EMLINK: return E_MLINK;
  case ENAMETOOLONG: return E_NAMETOOLONG;
  case ENFILE: return E_NFILE;
  case ENOBUFS: return E_NOBUFS;
  case ENODEV: return E_NODEV;
  case ENOENT: return E_NOENT;
  case ENOMEM: return E_NOMEM;
  case ENOSPC: return E_NOSPC;
  case ENOSYS: return E_NOSYS;
  case ENOTCONN: return E_NOTCONN;
  case ENOTDIR: return E_NOTDIR;
  case ENOTEMPTY: return E_NOTEMPTY;
  case ENOTSOCK: return E_NOTSOCK;
  case EOPNOTSUPP: return E_NOTSUP;
  case ENOTTY: return E_NOTTY;
  case ENXIO: return E_NXIO;
  case EOVERFLOW: return E_OVERFLOW;
  case EPERM: return E_PERM;
  case EPIPE: return E_PIPE;
  case ERANGE: return E_RANGE;
  case EROFS: return E_ROFS;
  case ESPIPE: return E_SPIPE;
  case ETIMEDOUT: return E_TIMEDOUT;
  case ETXTBSY: return E_TXTBSY;
  case EXDEV: return E_NOTCAPABLE; /* RESOLVE_BENEATH: the path leads out of the preopen */
  default: return E_IO;
  }
}

/* ---- the context ---- */

/* Guest descriptors a context can have open at once. */
#define FD_MAX 1024u

/* One guest descriptor. */
struct wfd {
  bool used;
  int host;           /* host descriptor, or -1 for a buffered stdio stream */
  bool own;           /* close host when the guest closes it */
  uint8_t type;       /* FT_* */
  uint16_t flags;     /* FDF_* the guest set */
  uint64_t base, inh; /* rights */
  char *preopen;      /* guest path of a preopen, else NULL */
};

/* A buffered stdio stream. */
struct stream {
  char *data;
  size_t len, cap, pos; /* pos: read position (stdin) */
};

struct w2l_wasi {
  char **argv, **env; /* NULL-terminated, owned */
  int nenv;           /* entries in env */
  struct wfd *fds;          /* FD_MAX guest descriptors (the table never moves) */
  uint32_t nfds;            /* FD_MAX */
  pthread_mutex_t fd_lock;  /* taken to claim, close and renumber descriptors */
  struct stream buf[3]; /* buffered stdio */
  int exit_code;
  struct rt_wasi_threads *threads; /* wasi-threads state, or NULL */
};

struct rt_wasi_threads **rt_wasi_threads_slot(w2l_wasi *w) { return &w->threads; }

/* The lowest free guest descriptor, marked used; UINT32_MAX when all
 * FD_MAX are taken.  The table never moves (threads hold pointers into it),
 * and claiming a slot takes the lock, so threads never get the same one. */
static uint32_t alloc_fd(w2l_wasi *w) {
  uint32_t found = UINT32_MAX;
  pthread_mutex_lock(&w->fd_lock);
  for (uint32_t i = 0; i < w->nfds && found == UINT32_MAX; i++)
    if (!w->fds[i].used) {
      w->fds[i].used = true;
      found = i;
    }
  pthread_mutex_unlock(&w->fd_lock);
  return found;
}

static uint8_t type_of_mode(mode_t m) {
  if (S_ISREG(m)) return FT_FILE;
  if (S_ISDIR(m)) return FT_DIR;
  if (S_ISCHR(m)) return FT_CHAR;
  if (S_ISBLK(m)) return FT_BLOCK;
  if (S_ISLNK(m)) return FT_SYMLINK;
  if (S_ISSOCK(m)) return FT_SOCK_STREAM;
  return FT_UNKNOWN;
}

static uint8_t type_of_host(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) return FT_UNKNOWN;
  if (S_ISSOCK(st.st_mode)) {
    int t = 0;
    socklen_t l = sizeof t;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &t, &l) == 0 && t == SOCK_DGRAM) return FT_SOCK_DGRAM;
  }
  return type_of_mode(st.st_mode);
}

static uint64_t rights_of_type(uint8_t t) {
  switch (t) {
  case FT_DIR: return RIGHTS_DIR;
  case FT_FILE: return RIGHTS_FILE;
  case FT_SOCK_DGRAM:
  case FT_SOCK_STREAM: return RIGHTS_SOCK;
  default: return RIGHTS_TTY | R_FD_SEEK | R_FD_TELL;
  }
}

static void set_stdio_fd(w2l_wasi *w, int fd, int host) {
  struct wfd *f = &w->fds[fd];
  f->used = true;
  f->host = host;
  f->own = false;
  f->type = host < 0 ? FT_CHAR : type_of_host(host);
  f->base = host < 0 ? RIGHTS_TTY : rights_of_type(f->type);
  f->inh = 0;
  f->flags = 0;
}

w2l_wasi *w2l_wasi_new(void) {
  w2l_wasi *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->argv = calloc(1, sizeof *w->argv);
  w->env = calloc(1, sizeof *w->env);
  w->fds = calloc(FD_MAX, sizeof *w->fds);
  pthread_mutex_init(&w->fd_lock, NULL);
  if (!w->argv || !w->env || !w->fds) {
    w2l_wasi_free(w);
    return NULL;
  }
  w->nfds = FD_MAX;
  for (int i = 0; i < 3; i++) set_stdio_fd(w, i, i);
  return w;
}

static void free_strings(char **v) {
  for (char **p = v; p && *p; p++) free(*p);
  free(v);
}

void w2l_wasi_free(w2l_wasi *w) {
  if (!w) return;
  for (uint32_t i = 0; i < w->nfds; i++) {
    if (w->fds[i].used && w->fds[i].own) close(w->fds[i].host);
    free(w->fds[i].preopen);
  }
  free(w->fds);
  free_strings(w->argv);
  free_strings(w->env);
  for (int i = 0; i < 3; i++) free(w->buf[i].data);
  rt_wasi_threads_free(w->threads);
  pthread_mutex_destroy(&w->fd_lock);
  free(w);
}

bool w2l_wasi_set_args(w2l_wasi *w, int argc, const char *const *argv) {
  char **v = calloc((size_t)argc + 1, sizeof *v);
  if (!v) return false;
  for (int i = 0; i < argc; i++)
    if (!(v[i] = strdup(argv[i]))) {
      free_strings(v);
      return false;
    }
  free_strings(w->argv);
  w->argv = v;
  return true;
}

static bool add_env_entry(w2l_wasi *w, char *entry) {
  char **v = realloc(w->env, ((size_t)w->nenv + 2) * sizeof *v);
  if (!v) {
    free(entry);
    return false;
  }
  w->env = v;
  v[w->nenv++] = entry;
  v[w->nenv] = NULL;
  return true;
}

bool w2l_wasi_add_env(w2l_wasi *w, const char *name, const char *value) {
  size_t n = strlen(name), m = strlen(value);
  char *e = malloc(n + m + 2);
  if (!e) return false;
  memcpy(e, name, n);
  e[n] = '=';
  memcpy(e + n + 1, value, m + 1);
  return add_env_entry(w, e);
}

bool w2l_wasi_inherit_env(w2l_wasi *w) {
  for (char **p = environ; p && *p; p++) {
    char *e = strdup(*p);
    if (!e || !add_env_entry(w, e)) return false;
  }
  return true;
}

bool w2l_wasi_preopen(w2l_wasi *w, const char *host_dir, const char *guest_path, bool read_only,
                      w2l_error *err) {
  int fd = open(host_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    rt_error(err, W2L_OK, "cannot grant directory %s: %s", host_dir, strerror(errno));
    return false;
  }
  uint32_t i = alloc_fd(w);
  char *name = strdup(guest_path);
  if (i == UINT32_MAX || !name) {
    close(fd);
    free(name);
    rt_error(err, W2L_OK, "out of memory");
    return false;
  }
  struct wfd *f = &w->fds[i];
  f->used = true;
  f->host = fd;
  f->own = true;
  f->type = FT_DIR;
  f->flags = 0;
  f->base = RIGHTS_DIR & (read_only ? ~RIGHTS_WRITING : ~(uint64_t)0);
  f->inh = (RIGHTS_DIR | RIGHTS_FILE) & (read_only ? ~RIGHTS_WRITING : ~(uint64_t)0);
  f->preopen = name;
  return true;
}

bool w2l_wasi_set_stdio(w2l_wasi *w, int fd, int host_fd) {
  if (fd < 0 || fd > 2 || (uint32_t)fd >= w->nfds) return false;
  if (w->fds[fd].used && w->fds[fd].own) close(w->fds[fd].host);
  set_stdio_fd(w, fd, host_fd < 0 ? -1 : host_fd);
  return true;
}

bool w2l_wasi_set_stdin_data(w2l_wasi *w, const void *data, size_t len) {
  char *d = malloc(len ? len : 1);
  if (!d) return false;
  if (len) memcpy(d, data, len);
  free(w->buf[0].data);
  w->buf[0] = (struct stream){d, len, len, 0};
  return true;
}

const char *w2l_wasi_output(const w2l_wasi *w, int fd, size_t *len) {
  if (fd < 1 || fd > 2) return NULL;
  if (len) *len = w->buf[fd].len;
  return w->buf[fd].data ? w->buf[fd].data : "";
}

int w2l_wasi_exit_code(const w2l_wasi *w) { return w->exit_code; }

/* ---- guest memory ---- */

/* A call's view: the context and the caller's memory. */
struct call {
  w2l_wasi *w;
  w2l_memory *mem;
};

static struct call call_of(w2l_caller *c) {
  struct call k = {c->env, w2l_caller_main_memory(c)};
  return k;
}

/* n bytes of guest memory at p, or NULL (then the call returns E_FAULT). */
static uint8_t *span(struct call *k, uint32_t p, uint64_t n) {
  return k->mem ? w2l_memory_span(k->mem, p, n) : NULL;
}

static bool put_u32(struct call *k, uint32_t p, uint32_t v) {
  uint8_t *d = span(k, p, 4);
  if (!d) return false;
  memcpy(d, &v, 4); /* wasm is little-endian, like every host we build for */
  return true;
}

static bool put_u64(struct call *k, uint32_t p, uint64_t v) {
  uint8_t *d = span(k, p, 8);
  if (!d) return false;
  memcpy(d, &v, 8);
  return true;
}

static uint32_t get_u32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

/* The guest's iovec array as host iovecs (at most IOV_MAX); E_FAULT if any
 * entry or buffer is outside memory. */
static int gather(struct call *k, uint32_t iovs, uint32_t n, struct iovec *out, int *count) {
  if (n > 1024) n = 1024;
  uint8_t *v = span(k, iovs, (uint64_t)n * 8);
  if (!v) return E_FAULT;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t p = get_u32(v + 8 * i), len = get_u32(v + 8 * i + 4);
    uint8_t *b = span(k, p, len);
    if (!b) return E_FAULT;
    out[i].iov_base = b;
    out[i].iov_len = len;
  }
  *count = (int)n;
  return E_SUCCESS;
}

/* The guest descriptor fd if it is open and has all of rights. */
static int get_fd(w2l_wasi *w, uint32_t fd, uint64_t rights, struct wfd **out) {
  if (fd >= w->nfds || !w->fds[fd].used) return E_BADF;
  if ((w->fds[fd].base & rights) != rights) return E_NOTCAPABLE;
  *out = &w->fds[fd];
  return E_SUCCESS;
}

/* The start of a call on one descriptor: k is the call, f the guest
 * descriptor fd, which must have rights (else the call returns why not). */
#define ON_FD(rights)                  \
  struct call k = call_of(c);          \
  struct wfd *f;                       \
  int e = get_fd(k.w, fd, rights, &f); \
  if (e) return e

/* ---- args, environment, clocks, random ---- */

static int put_strings(struct call *k, char **v, uint32_t ptrs, uint32_t buf) {
  for (int i = 0; v[i]; i++) {
    size_t n = strlen(v[i]) + 1;
    uint8_t *d = span(k, buf, n);
    if (!d || !put_u32(k, ptrs + 4 * (uint32_t)i, buf)) return E_FAULT;
    memcpy(d, v[i], n);
    buf += (uint32_t)n;
  }
  return E_SUCCESS;
}

static int put_sizes(struct call *k, char **v, uint32_t count_p, uint32_t size_p) {
  uint32_t n = 0, size = 0;
  for (; v[n]; n++) size += (uint32_t)strlen(v[n]) + 1;
  return put_u32(k, count_p, n) && put_u32(k, size_p, size) ? E_SUCCESS : E_FAULT;
}

static uint32_t args_get(w2l_caller *c, uint32_t argv, uint32_t buf) {
  struct call k = call_of(c);
  return put_strings(&k, k.w->argv, argv, buf);
}
static uint32_t args_sizes_get(w2l_caller *c, uint32_t n, uint32_t size) {
  struct call k = call_of(c);
  return put_sizes(&k, k.w->argv, n, size);
}
static uint32_t environ_get(w2l_caller *c, uint32_t env, uint32_t buf) {
  struct call k = call_of(c);
  return put_strings(&k, k.w->env, env, buf);
}
static uint32_t environ_sizes_get(w2l_caller *c, uint32_t n, uint32_t size) {
  struct call k = call_of(c);
  return put_sizes(&k, k.w->env, n, size);
}

static bool host_clock(uint32_t id, clockid_t *out) {
  static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                  CLOCK_THREAD_CPUTIME_ID};
  if (id >= 4) return false;
  *out = ids[id];
  return true;
}

static uint64_t ns_of(struct timespec t) { return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec; }

static uint32_t clock_res_get(w2l_caller *c, uint32_t id, uint32_t p) {
  struct call k = call_of(c);
  clockid_t h;
  struct timespec t;
  if (!host_clock(id, &h)) return E_INVAL;
  if (clock_getres(h, &t) != 0) return wasi_errno(errno);
  return put_u64(&k, p, ns_of(t)) ? E_SUCCESS : E_FAULT;
}

static uint32_t clock_time_get(w2l_caller *c, uint32_t id, uint64_t precision, uint32_t p) {
  struct call k = call_of(c);
  clockid_t h;
  struct timespec t;
  (void)precision;
  if (!host_clock(id, &h)) return E_INVAL;
  if (clock_gettime(h, &t) != 0) return wasi_errno(errno);
  return put_u64(&k, p, ns_of(t)) ? E_SUCCESS : E_FAULT;
}

static uint32_t random_get(w2l_caller *c, uint32_t p, uint32_t len) {
  struct call k = call_of(c);
  uint8_t *d = span(&k, p, len);
  if (!d) return E_FAULT;
  for (uint32_t done = 0; done < len;) {
    ssize_t n = getrandom(d + done, len - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return E_IO;
    done += (uint32_t)n;
  }
  return E_SUCCESS;
}

/* ---- descriptors ---- */

static uint32_t fd_close(w2l_caller *c, uint32_t fd) {
  ON_FD(0);
  pthread_mutex_lock(&k.w->fd_lock);
  if (f->own) close(f->host);
  free(f->preopen);
  memset(f, 0, sizeof *f);
  pthread_mutex_unlock(&k.w->fd_lock);
  return E_SUCCESS;
}

static uint32_t fd_datasync(w2l_caller *c, uint32_t fd) {
  ON_FD(R_FD_DATASYNC);
  return fdatasync(f->host) == 0 ? E_SUCCESS : wasi_errno(errno);
}

static uint32_t fd_sync(w2l_caller *c, uint32_t fd) {
  ON_FD(R_FD_SYNC);
  return fsync(f->host) == 0 ? E_SUCCESS : wasi_errno(errno);
}

static uint32_t fd_fdstat_get(w2l_caller *c, uint32_t fd, uint32_t p) {
  ON_FD(0);
  uint8_t *d = span(&k, p, 24);
  if (!d) return E_FAULT;
  uint16_t flags = f->flags;
  if (f->host >= 0) { /* what the host descriptor has now */
    int fl = fcntl(f->host, F_GETFL);
    if (fl >= 0) {
      flags = (uint16_t)(flags & ~(FDF_APPEND | FDF_NONBLOCK));
      if (fl & O_APPEND) flags |= FDF_APPEND;
      if (fl & O_NONBLOCK) flags |= FDF_NONBLOCK;
    }
  }
  memset(d, 0, 24);
  d[0] = f->type;
  memcpy(d + 2, &flags, 2);
  memcpy(d + 8, &f->base, 8);
  memcpy(d + 16, &f->inh, 8);
  return E_SUCCESS;
}

static uint32_t fd_fdstat_set_flags(w2l_caller *c, uint32_t fd, uint32_t flags) {
  ON_FD(R_FD_FDSTAT_SET_FLAGS);
  if (flags & ~(uint32_t)(FDF_APPEND | FDF_DSYNC | FDF_NONBLOCK | FDF_RSYNC | FDF_SYNC)) return E_INVAL;
  if (flags & (FDF_DSYNC | FDF_RSYNC | FDF_SYNC)) return E_NOTSUP; /* Linux cannot change them */
  if (f->host < 0) return E_SUCCESS;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return wasi_errno(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & FDF_APPEND) fl |= O_APPEND;
  if (flags & FDF_NONBLOCK) fl |= O_NONBLOCK;
  if (fcntl(f->host, F_SETFL, fl) != 0) return wasi_errno(errno);
  f->flags = (uint16_t)flags;
  return E_SUCCESS;
}

static uint32_t fd_fdstat_set_rights(w2l_caller *c, uint32_t fd, uint64_t base, uint64_t inh) {
  ON_FD(0);
  if ((base & ~f->base) || (inh & ~f->inh)) return E_NOTCAPABLE; /* rights only shrink */
  f->base = base;
  f->inh = inh;
  return E_SUCCESS;
}

static void put_filestat(uint8_t *d, const struct stat *st) {
  uint64_t v[8] = {(uint64_t)st->st_dev, (uint64_t)st->st_ino, type_of_mode(st->st_mode),
                   (uint64_t)st->st_nlink, (uint64_t)st->st_size, ns_of(st->st_atim),
                   ns_of(st->st_mtim), ns_of(st->st_ctim)};
  memcpy(d, v, 64);
}

static uint32_t fd_filestat_get(w2l_caller *c, uint32_t fd, uint32_t p) {
  ON_FD(R_FD_FILESTAT_GET);
  uint8_t *d = span(&k, p, 64);
  if (!d) return E_FAULT;
  struct stat st;
  if (f->host < 0) {
    memset(&st, 0, sizeof st);
    st.st_mode = S_IFCHR;
  } else if (fstat(f->host, &st) != 0) {
    return wasi_errno(errno);
  }
  put_filestat(d, &st);
  if (f->host < 0) d[16] = FT_CHAR;
  return E_SUCCESS;
}

static uint32_t fd_filestat_set_size(w2l_caller *c, uint32_t fd, uint64_t size) {
  ON_FD(R_FD_FILESTAT_SET_SIZE);
  if (size > INT64_MAX) return E_INVAL;
  return ftruncate(f->host, (off_t)size) == 0 ? E_SUCCESS : wasi_errno(errno);
}

/* timespecs for utimensat from WASI's (atim, mtim, fst_flags); false if the flags conflict. */
static bool times_of(uint64_t atim, uint64_t mtim, uint32_t fl, struct timespec t[2]) {
  if (fl & ~(uint32_t)15) return false;
  if ((fl & FST_ATIM) && (fl & FST_ATIM_NOW)) return false;
  if ((fl & FST_MTIM) && (fl & FST_MTIM_NOW)) return false;
  uint64_t v[2] = {atim, mtim};
  uint32_t set[2] = {FST_ATIM, FST_MTIM}, now[2] = {FST_ATIM_NOW, FST_MTIM_NOW};
  for (int i = 0; i < 2; i++) {
    if (fl & now[i]) t[i] = (struct timespec){0, UTIME_NOW};
    else if (fl & set[i]) t[i] = (struct timespec){(time_t)(v[i] / 1000000000u), (long)(v[i] % 1000000000u)};
    else t[i] = (struct timespec){0, UTIME_OMIT};
  }
  return true;
}

static uint32_t fd_filestat_set_times(w2l_caller *c, uint32_t fd, uint64_t atim, uint64_t mtim,
                                      uint32_t fl) {
  struct call k = call_of(c);
  struct wfd *f;
  struct timespec t[2];
  int e = get_fd(k.w, fd, R_FD_FILESTAT_SET_TIMES, &f);
  if (e) return e;
  if (!times_of(atim, mtim, fl, t)) return E_INVAL;
  return futimens(f->host, t) == 0 ? E_SUCCESS : wasi_errno(errno);
}

static uint32_t fd_advise(w2l_caller *c, uint32_t fd, uint64_t off, uint64_t len, uint32_t advice) {
  static const int advices[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
  ON_FD(R_FD_ADVISE);
  if (advice > 5 || off > INT64_MAX || len > INT64_MAX) return E_INVAL;
  if (f->type == FT_DIR) return E_BADF;
  int r = posix_fadvise(f->host, (off_t)off, (off_t)len, advices[advice]);
  return r == 0 || r == ESPIPE ? E_SUCCESS : wasi_errno(r);
}

static uint32_t fd_allocate(w2l_caller *c, uint32_t fd, uint64_t off, uint64_t len) {
  ON_FD(R_FD_ALLOCATE);
  if (off > INT64_MAX || len > INT64_MAX || off + len > INT64_MAX) return E_INVAL;
  if (f->type == FT_DIR) return E_BADF;
  int r = posix_fallocate(f->host, (off_t)off, (off_t)len);
  return r == 0 ? E_SUCCESS : wasi_errno(r);
}

/* Reads into or writes from a buffered stdio stream. */
static size_t stream_io(struct stream *s, bool reading, const struct iovec *v, int n) {
  size_t total = 0;
  for (int i = 0; i < n; i++) {
    if (reading) {
      size_t m = s->len - s->pos < v[i].iov_len ? s->len - s->pos : v[i].iov_len;
      if (m) memcpy(v[i].iov_base, s->data + s->pos, m);
      s->pos += m;
      total += m;
      continue;
    }
    if (s->len + v[i].iov_len + 1 > s->cap) {
      size_t cap = (s->len + v[i].iov_len + 1) * 2;
      char *d = realloc(s->data, cap);
      if (!d) break;
      s->data = d;
      s->cap = cap;
    }
    if (v[i].iov_len) memcpy(s->data + s->len, v[i].iov_base, v[i].iov_len);
    s->len += v[i].iov_len;
    s->data[s->len] = '\0';
    total += v[i].iov_len;
  }
  return total;
}

/* fd_read/write/pread/pwrite: offset < 0 for the current position. */
static uint32_t rw(w2l_caller *c, uint32_t fd, uint32_t iovs, uint32_t n, int64_t off, uint32_t out,
                   bool reading) {
  struct call k = call_of(c);
  struct wfd *f;
  struct iovec v[1024];
  int count = 0;
  uint64_t need = (reading ? R_FD_READ : R_FD_WRITE) | (off >= 0 ? R_FD_SEEK : 0);
  int e = get_fd(k.w, fd, need, &f);
  if (e) return e;
  if (f->type == FT_DIR) return E_ISDIR;
  if ((e = gather(&k, iovs, n, v, &count))) return e;
  if (!span(&k, out, 4)) return E_FAULT;
  ssize_t r;
  if (f->host < 0) {
    r = (ssize_t)stream_io(&k.w->buf[fd <= 2 ? fd : 0], reading, v, count);
  } else if (off >= 0) {
    r = reading ? preadv(f->host, v, count, off) : pwritev(f->host, v, count, off);
  } else {
    do r = reading ? readv(f->host, v, count) : writev(f->host, v, count);
    while (r < 0 && errno == EINTR);
  }
  if (r < 0) return wasi_errno(errno);
  put_u32(&k, out, (uint32_t)r);
  return E_SUCCESS;
}

static uint32_t fd_read(w2l_caller *c, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t out) {
  return rw(c, fd, iovs, n, -1, out, true);
}
static uint32_t fd_write(w2l_caller *c, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t out) {
  return rw(c, fd, iovs, n, -1, out, false);
}
static uint32_t fd_pread(w2l_caller *c, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off,
                         uint32_t out) {
  if (off > INT64_MAX) return E_INVAL;
  return rw(c, fd, iovs, n, (int64_t)off, out, true);
}
static uint32_t fd_pwrite(w2l_caller *c, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off,
                          uint32_t out) {
  if (off > INT64_MAX) return E_INVAL;
  /* (pwrite on an O_APPEND file appends on Linux; WASI leaves that to the host) */
  return rw(c, fd, iovs, n, (int64_t)off, out, false);
}

static uint32_t fd_prestat_get(w2l_caller *c, uint32_t fd, uint32_t p) {
  ON_FD(0);
  if (!f->preopen) return E_BADF;
  uint8_t *d = span(&k, p, 8);
  if (!d) return E_FAULT;
  uint32_t len = (uint32_t)strlen(f->preopen);
  memset(d, 0, 8);
  memcpy(d + 4, &len, 4);
  return E_SUCCESS;
}

static uint32_t fd_prestat_dir_name(w2l_caller *c, uint32_t fd, uint32_t p, uint32_t len) {
  ON_FD(0);
  if (!f->preopen) return E_BADF;
  size_t n = strlen(f->preopen);
  if (len < n) return E_NAMETOOLONG;
  uint8_t *d = span(&k, p, n);
  if (!d) return E_FAULT;
  memcpy(d, f->preopen, n);
  return E_SUCCESS;
}

static uint32_t fd_renumber(w2l_caller *c, uint32_t fd, uint32_t to) {
  struct call k = call_of(c);
  struct wfd *f, *t;
  int e = get_fd(k.w, fd, 0, &f);
  if (e || (e = get_fd(k.w, to, 0, &t))) return e;
  if (fd == to) return E_SUCCESS;
  pthread_mutex_lock(&k.w->fd_lock);
  if (t->own) close(t->host);
  free(t->preopen);
  *t = *f;
  memset(f, 0, sizeof *f);
  pthread_mutex_unlock(&k.w->fd_lock);
  return E_SUCCESS;
}

/* off is WASI's filedelta, a signed i64 passed as the import's i64. */
static uint32_t fd_seek(w2l_caller *c, uint32_t fd, uint64_t off, uint32_t whence, uint32_t p) {
  ON_FD(off == 0 && whence == 1 ? R_FD_TELL : R_FD_SEEK);
  if (whence > 2) return E_INVAL;
  if (f->type == FT_DIR) return E_BADF;
  if (!span(&k, p, 8)) return E_FAULT;
  if (f->host < 0) return E_SPIPE;
  off_t r = lseek(f->host, (off_t)(int64_t)off, whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END);
  if (r < 0) return wasi_errno(errno);
  put_u64(&k, p, (uint64_t)r);
  return E_SUCCESS;
}

static uint32_t fd_tell(w2l_caller *c, uint32_t fd, uint32_t p) {
  ON_FD(R_FD_TELL);
  if (f->type == FT_DIR) return E_BADF;
  if (!span(&k, p, 8)) return E_FAULT;
  if (f->host < 0) return E_SPIPE;
  off_t r = lseek(f->host, 0, SEEK_CUR);
  if (r < 0) return wasi_errno(errno);
  put_u64(&k, p, (uint64_t)r);
  return E_SUCCESS;
}

/* fd_readdir: the directory read afresh each call; the cookie is the index of
 * the next entry ("." and ".." included, as the host lists them). */
static uint32_t fd_readdir(w2l_caller *c, uint32_t fd, uint32_t buf, uint32_t len, uint64_t cookie,
                           uint32_t used_p) {
  ON_FD(R_FD_READDIR);
  if (f->type != FT_DIR) return E_NOTDIR;
  uint8_t *out = span(&k, buf, len);
  if (!out || !span(&k, used_p, 4)) return E_FAULT;
  int dfd = openat(f->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return wasi_errno(errno);
  DIR *d = fdopendir(dfd);
  if (!d) {
    close(dfd);
    return wasi_errno(errno);
  }
  uint32_t used = 0;
  uint64_t index = 0;
  struct dirent *de;
  while (used < len && (de = readdir(d))) {
    if (index++ < cookie) continue;
    uint8_t head[24];
    uint64_t next = index, ino = de->d_ino;
    uint32_t namlen = (uint32_t)strlen(de->d_name);
    uint8_t type = FT_UNKNOWN;
    switch (de->d_type) {
    case DT_REG: type = FT_FILE; break;
    case DT_DIR: type = FT_DIR; break;
    case DT_LNK: type = FT_SYMLINK; break;
    case DT_CHR: type = FT_CHAR; break;
    case DT_BLK: type = FT_BLOCK; break;
    case DT_SOCK: type = FT_SOCK_STREAM; break;
    default: {
      struct stat st;
      if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) type = type_of_mode(st.st_mode);
    }
    }
    memset(head, 0, sizeof head);
    memcpy(head, &next, 8);
    memcpy(head + 8, &ino, 8);
    memcpy(head + 16, &namlen, 4);
    head[20] = type;
    /* what fits: a partly written entry tells the guest to grow its buffer */
    uint32_t m = len - used < 24 ? len - used : 24;
    memcpy(out + used, head, m);
    used += m;
    m = len - used < namlen ? len - used : namlen;
    memcpy(out + used, de->d_name, m);
    used += m;
  }
  closedir(d);
  put_u32(&k, used_p, used);
  return E_SUCCESS;
}

/* ---- paths ---- */

#if defined(__linux__) && defined(SYS_openat2)
static int openat2_beneath(int dir, const char *path, int flags, mode_t mode) {
  struct open_how how;
  memset(&how, 0, sizeof how);
  how.flags = (uint64_t)flags;
  how.mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? mode : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  return (int)syscall(SYS_openat2, dir, path, &how, sizeof how);
}
#else
static int openat2_beneath(int dir, const char *path, int flags, mode_t mode) {
  (void)dir, (void)path, (void)flags, (void)mode;
  errno = ENOSYS;
  return -1;
}
#endif

/* The kernel cannot resolve beneath a directory: walk the path one component
 * at a time, each opened with O_NOFOLLOW, symlinks expanded here (at most
 * 40), ".." allowed only while it stays beneath dir.  Opens the last
 * component with flags (following it only if flags lacks O_NOFOLLOW). */
static int walk_beneath(int dir, const char *path, int flags, mode_t mode) {
  char buf[PATH_MAX * 2];
  int fds[256], depth = 0, links = 0;
  if (strlen(path) >= PATH_MAX) return errno = ENAMETOOLONG, -1;
  snprintf(buf, sizeof buf, "%s", path);
  fds[0] = dir;
  char *p = buf;
  if (*p == '/') return errno = EXDEV, -1;
  for (;;) {
    while (*p == '/') p++;
    char *end = strchr(p, '/');
    bool last = !end || end[strspn(end, "/")] == '\0';
    bool slash = end != NULL;
    if (end) *end = '\0';
    const char *name = *p ? p : ".";
    int r;
    if (strcmp(name, "..") == 0 && !last) {
      if (depth == 0) r = (errno = EXDEV, -1);
      else {
        close(fds[depth--]);
        p = end + 1;
        continue;
      }
    } else if (strcmp(name, "..") == 0 && depth == 0) {
      r = (errno = EXDEV, -1);
    } else if (last) {
      size_t nl = strlen(name);
      char target[PATH_MAX];
      ssize_t n = (flags & O_NOFOLLOW) ? -1 : readlinkat(fds[depth], name, target, sizeof target - 1);
      if (nl > NAME_MAX) {
        r = (errno = ENAMETOOLONG, -1);
      } else if (n >= 0) { /* a symlink to follow: go on with its target */
        target[n] = '\0';
        if (++links > 40 || target[0] == '/') {
          r = (errno = links > 40 ? ELOOP : EXDEV, -1);
        } else {
          if (slash && (size_t)n + 1 < sizeof target) target[n] = '/', target[n + 1] = '\0';
          memcpy(buf, target, strlen(target) + 1);
          p = buf;
          continue;
        }
      } else {
        char leaf[NAME_MAX + 3];
        memcpy(leaf, name, nl);
        memcpy(leaf + nl, slash ? "/" : "", slash ? 2 : 1);
        r = openat(fds[depth], leaf, flags | O_NOFOLLOW, mode);
      }
    } else {
      r = openat(fds[depth], name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (r < 0 && (errno == ENOTDIR || errno == ELOOP)) {
        char target[PATH_MAX];
        ssize_t n = readlinkat(fds[depth], name, target, sizeof target - 1);
        if (n >= 0) {
          target[n] = '\0';
          if (++links > 40 || target[0] == '/') r = (errno = links > 40 ? ELOOP : EXDEV, -1);
          else {
            char rest[PATH_MAX * 2];
            snprintf(rest, sizeof rest, "%s/%s", target, end + 1);
            snprintf(buf, sizeof buf, "%s", rest);
            p = buf;
            continue;
          }
        } else {
          errno = ENOTDIR;
        }
      }
      if (r >= 0) {
        if (depth + 1 >= 256) {
          close(r);
          r = (errno = ENAMETOOLONG, -1);
        } else {
          fds[++depth] = r;
          p = end + 1;
          continue;
        }
      }
    }
    int saved = errno;
    while (depth > 0) close(fds[depth--]);
    errno = saved;
    return r;
  }
}

int rt_wasi_openat2 = -1;

/* Open path beneath dir (never outside it). */
static int open_beneath(int dir, const char *path, int flags, mode_t mode) {
  if (rt_wasi_openat2 != 0) {
    int r = openat2_beneath(dir, path, flags | O_CLOEXEC, mode);
    if (r >= 0 || errno != ENOSYS) {
      rt_wasi_openat2 = 1;
      return r;
    }
    rt_wasi_openat2 = 0;
  }
  return walk_beneath(dir, path, flags | O_CLOEXEC, mode);
}

/* A guest path copied out of memory (NUL-terminated; E_FAULT, E_INVAL for NUL bytes). */
static int get_path(struct call *k, uint32_t p, uint32_t len, char *out, size_t cap) {
  uint8_t *s = span(k, p, len);
  if (!s) return E_FAULT;
  if (len >= cap) return E_NAMETOOLONG;
  if (memchr(s, 0, len)) return E_INVAL;
  memcpy(out, s, len);
  out[len] = '\0';
  return E_SUCCESS;
}

/* Split path into a parent directory opened beneath dir (*parent, to close)
 * and its last component with any trailing slashes (*leaf, inside path). */
static int resolve_parent(int dir, char *path, int *parent, const char **leaf) {
  if (path[0] == '\0') return E_NOENT;
  if (path[0] == '/') return E_NOTCAPABLE;
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  char *slash = memrchr(path, '/', n);
  const char *name = slash ? slash + 1 : path;
  size_t name_len = n - (size_t)(name - path);
  if ((name_len == 2 && memcmp(name, "..", 2) == 0)) return E_NOTCAPABLE;
  if (!slash) {
    *leaf = path;
    *parent = dup(dir);
    return *parent < 0 ? wasi_errno(errno) : E_SUCCESS;
  }
  *slash = '\0';
  *leaf = slash + 1;
  int fd = open_beneath(dir, path[0] ? path : "/", O_PATH | O_DIRECTORY, 0);
  if (fd < 0) return wasi_errno(errno);
  *parent = fd;
  return E_SUCCESS;
}

/* The directory descriptor fd with rights, and the guest path as a C string. */
static int path_args(struct call *k, uint32_t fd, uint64_t rights, uint32_t p, uint32_t len,
                     struct wfd **f, char *path) {
  int e = get_fd(k->w, fd, rights, f);
  if (e) return e;
  if ((*f)->type != FT_DIR) return E_NOTDIR;
  return get_path(k, p, len, path, PATH_MAX);
}

static uint32_t path_open(w2l_caller *c, uint32_t fd, uint32_t lookup, uint32_t p, uint32_t len,
                          uint32_t oflags, uint64_t base, uint64_t inh, uint32_t fdflags,
                          uint32_t out) {
  struct call k = call_of(c);
  struct wfd *d;
  char path[PATH_MAX];
  int e = path_args(&k, fd, R_PATH_OPEN, p, len, &d, path);
  if (e) return e;
  if (!span(&k, out, 4)) return E_FAULT;
  if (oflags & ~(uint32_t)15) return E_INVAL;
  if ((oflags & OF_CREAT) && !(d->base & R_PATH_CREATE_FILE)) return E_NOTCAPABLE;
  if ((oflags & OF_TRUNC) && !(d->base & R_PATH_FILESTAT_SET_SIZE)) return E_NOTCAPABLE;
  if (path[0] == '/') return E_NOTCAPABLE;
  if ((oflags & OF_DIRECTORY) && (base & R_FD_WRITE)) return E_ISDIR; /* a directory is not written */
  base &= d->inh;
  inh &= d->inh;
  bool rd = base & (R_FD_READ | R_FD_READDIR), wr = base & (R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE);
  int flags = wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (oflags & OF_DIRECTORY) flags = O_RDONLY | O_DIRECTORY;
  if (oflags & OF_CREAT) flags |= O_CREAT;
  if (oflags & OF_EXCL) flags |= O_EXCL;
  if (oflags & OF_TRUNC) flags |= O_TRUNC;
  if ((oflags & OF_TRUNC) && !(flags & (O_WRONLY | O_RDWR))) flags = (flags & ~O_ACCMODE) | O_WRONLY;
  if (fdflags & FDF_APPEND) flags |= O_APPEND;
  if (fdflags & FDF_NONBLOCK) flags |= O_NONBLOCK;
  if (fdflags & FDF_DSYNC) flags |= O_DSYNC;
  if (fdflags & FDF_SYNC) flags |= O_SYNC;
  if (!(lookup & 1)) flags |= O_NOFOLLOW;
  int h = open_beneath(d->host, path, flags | O_NOCTTY, 0666);
  if (h < 0 && errno == EISDIR && (flags & O_ACCMODE) != O_RDONLY && !(oflags & (OF_CREAT | OF_TRUNC))) {
    /* a directory opened with write rights asked for: open it to read */
    h = open_beneath(d->host, path, (flags & ~O_ACCMODE) | O_RDONLY | O_NOCTTY, 0666);
  }
  if (h < 0) {
    if (errno == ELOOP && (flags & O_NOFOLLOW)) return E_LOOP;
    return wasi_errno(errno);
  }
  uint32_t nfd = alloc_fd(k.w);
  if (nfd == UINT32_MAX) {
    close(h);
    return E_NOMEM;
  }
  struct wfd *f = &k.w->fds[nfd];
  memset(f, 0, sizeof *f);
  f->used = true;
  f->host = h;
  f->own = true;
  f->type = type_of_host(h);
  f->base = base & rights_of_type(f->type);
  f->inh = f->type == FT_DIR ? inh : 0;
  f->flags = (uint16_t)(fdflags & (FDF_APPEND | FDF_NONBLOCK | FDF_DSYNC | FDF_SYNC | FDF_RSYNC));
  put_u32(&k, out, nfd);
  return E_SUCCESS;
}

/* The common shape of the path calls that act on one (parent, leaf). */
#define WITH_PARENT(k, fd, rights, p, len, body)                  \
  do {                                                            \
    struct wfd *d_;                                               \
    char path_[PATH_MAX];                                         \
    int e_ = path_args(&(k), fd, rights, p, len, &d_, path_);     \
    if (e_) return e_;                                            \
    int parent;                                                   \
    const char *leaf;                                             \
    if ((e_ = resolve_parent(d_->host, path_, &parent, &leaf))) return e_; \
    int r_;                                                       \
    body;                                                         \
    int err_ = errno;                                             \
    close(parent);                                                \
    return r_ == 0 ? E_SUCCESS : wasi_errno(err_);                \
  } while (0)

static uint32_t path_create_directory(w2l_caller *c, uint32_t fd, uint32_t p, uint32_t len) {
  struct call k = call_of(c);
  WITH_PARENT(k, fd, R_PATH_CREATE_DIRECTORY, p, len, r_ = mkdirat(parent, leaf, 0777));
}

static uint32_t path_remove_directory(w2l_caller *c, uint32_t fd, uint32_t p, uint32_t len) {
  struct call k = call_of(c);
  WITH_PARENT(k, fd, R_PATH_REMOVE_DIRECTORY, p, len, r_ = unlinkat(parent, leaf, AT_REMOVEDIR));
}

static uint32_t path_unlink_file(w2l_caller *c, uint32_t fd, uint32_t p, uint32_t len) {
  struct call k = call_of(c);
  WITH_PARENT(k, fd, R_PATH_UNLINK_FILE, p, len, {
    size_t n = strlen(leaf);
    if (n && leaf[n - 1] == '/') { /* "file/": not a directory (Linux says EISDIR for dirs) */
      struct stat st;
      r_ = fstatat(parent, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 ? (errno = S_ISDIR(st.st_mode) ? EISDIR : ENOTDIR, -1) : -1;
    } else {
      r_ = unlinkat(parent, leaf, 0);
    }
  });
}

static uint32_t path_readlink(w2l_caller *c, uint32_t fd, uint32_t p, uint32_t len, uint32_t buf,
                              uint32_t buf_len, uint32_t used_p) {
  struct call k = call_of(c);
  uint8_t *out = span(&k, buf, buf_len);
  if (!out || !span(&k, used_p, 4)) return E_FAULT;
  WITH_PARENT(k, fd, R_PATH_READLINK, p, len, {
    char target[PATH_MAX];
    ssize_t n = readlinkat(parent, leaf, target, sizeof target);
    r_ = n < 0 ? -1 : 0;
    if (n >= 0) {
      uint32_t m = (uint32_t)n < buf_len ? (uint32_t)n : buf_len;
      memcpy(out, target, m);
      put_u32(&k, used_p, m);
    }
  });
}

static uint32_t path_filestat_get(w2l_caller *c, uint32_t fd, uint32_t lookup, uint32_t p,
                                  uint32_t len, uint32_t buf) {
  struct call k = call_of(c);
  struct wfd *d;
  char path[PATH_MAX];
  int e = path_args(&k, fd, R_PATH_FILESTAT_GET, p, len, &d, path);
  if (e) return e;
  uint8_t *out = span(&k, buf, 64);
  if (!out) return E_FAULT;
  if (path[0] == '/') return E_NOTCAPABLE;
  int h = open_beneath(d->host, path, O_PATH | ((lookup & 1) ? 0 : O_NOFOLLOW), 0);
  if (h < 0) return wasi_errno(errno);
  struct stat st;
  int r = fstat(h, &st);
  int err = errno;
  close(h);
  if (r != 0) return wasi_errno(err);
  put_filestat(out, &st);
  return E_SUCCESS;
}

static uint32_t path_filestat_set_times(w2l_caller *c, uint32_t fd, uint32_t lookup, uint32_t p,
                                        uint32_t len, uint64_t atim, uint64_t mtim, uint32_t fl) {
  struct call k = call_of(c);
  struct timespec t[2];
  if (!times_of(atim, mtim, fl, t)) return E_INVAL;
  if (lookup & 1) { /* follow: open the target beneath the preopen, then set its times */
    struct wfd *d;
    char path[PATH_MAX];
    int e = path_args(&k, fd, R_PATH_FILESTAT_SET_TIMES, p, len, &d, path);
    if (e) return e;
    int h = open_beneath(d->host, path, O_PATH, 0);
    if (h < 0) return wasi_errno(errno);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", h);
    int r = utimensat(AT_FDCWD, proc, t, 0);
    int err = errno;
    close(h);
    return r == 0 ? E_SUCCESS : wasi_errno(err);
  }
  WITH_PARENT(k, fd, R_PATH_FILESTAT_SET_TIMES, p, len,
              r_ = utimensat(parent, leaf, t, AT_SYMLINK_NOFOLLOW));
}

static uint32_t path_link(w2l_caller *c, uint32_t old_fd, uint32_t lookup, uint32_t op,
                          uint32_t olen, uint32_t new_fd, uint32_t np, uint32_t nlen) {
  struct call k = call_of(c);
  struct wfd *od, *nd;
  char opath[PATH_MAX], npath[PATH_MAX];
  int e = path_args(&k, old_fd, R_PATH_LINK_SOURCE, op, olen, &od, opath);
  if (e || (e = path_args(&k, new_fd, R_PATH_LINK_TARGET, np, nlen, &nd, npath))) return e;
  if (lookup & 1) return E_INVAL; /* following the source could leave the preopen */
  int op_, np_;
  const char *ol, *nl;
  if ((e = resolve_parent(od->host, opath, &op_, &ol))) return e;
  if ((e = resolve_parent(nd->host, npath, &np_, &nl))) {
    close(op_);
    return e;
  }
  int r = linkat(op_, ol, np_, nl, 0);
  int err = errno;
  close(op_);
  close(np_);
  return r == 0 ? E_SUCCESS : wasi_errno(err);
}

static uint32_t path_rename(w2l_caller *c, uint32_t old_fd, uint32_t op, uint32_t olen,
                            uint32_t new_fd, uint32_t np, uint32_t nlen) {
  struct call k = call_of(c);
  struct wfd *od, *nd;
  char opath[PATH_MAX], npath[PATH_MAX];
  int e = path_args(&k, old_fd, R_PATH_RENAME_SOURCE, op, olen, &od, opath);
  if (e || (e = path_args(&k, new_fd, R_PATH_RENAME_TARGET, np, nlen, &nd, npath))) return e;
  int op_, np_;
  const char *ol, *nl;
  if ((e = resolve_parent(od->host, opath, &op_, &ol))) return e;
  if ((e = resolve_parent(nd->host, npath, &np_, &nl))) {
    close(op_);
    return e;
  }
  int r = renameat(op_, ol, np_, nl);
  int err = errno;
  if (r != 0 && err == ENOTDIR) { /* "file/" -> "x": the source is no directory */
    struct stat st;
    if (fstatat(op_, ol, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode)) err = ENOTDIR;
  }
  close(op_);
  close(np_);
  return r == 0 ? E_SUCCESS : wasi_errno(err);
}

static uint32_t path_symlink(w2l_caller *c, uint32_t op, uint32_t olen, uint32_t fd, uint32_t np,
                             uint32_t nlen) {
  struct call k = call_of(c);
  char target[PATH_MAX];
  int e = get_path(&k, op, olen, target, sizeof target);
  if (e) return e;
  if (target[0] == '/') return E_NOTCAPABLE; /* it could only ever point outside */
  WITH_PARENT(k, fd, R_PATH_SYMLINK, np, nlen, r_ = symlinkat(target, parent, leaf));
}

/* ---- poll, processes, sockets ---- */

static uint32_t poll_oneoff(w2l_caller *c, uint32_t in, uint32_t out, uint32_t n, uint32_t nev_p) {
  struct call k = call_of(c);
  if (n == 0) return E_INVAL;
  if (n > 4096) return E_NOTSUP;
  uint8_t *subs = span(&k, in, (uint64_t)n * 48), *evs = span(&k, out, (uint64_t)n * 32);
  if (!subs || !evs || !span(&k, nev_p, 4)) return E_FAULT;
  struct pollfd pfds[4096];
  uint32_t which[4096], npfd = 0, nev = 0;
  int64_t due_ms[4096]; /* clock subscriptions: when they fire, from now */
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int64_t timeout_ms = -1; /* the nearest clock subscription */
  for (uint32_t i = 0; i < n; i++) {
    uint8_t *s = subs + 48 * i;
    uint8_t tag = s[8];
    if (tag == 0) {
      uint32_t id = get_u32(s + 16);
      uint64_t t, rel;
      uint16_t fl;
      memcpy(&t, s + 24, 8);
      memcpy(&fl, s + 40, 2);
      clockid_t h;
      if (!host_clock(id, &h)) return E_INVAL;
      if (fl & 1) { /* absolute time on that clock */
        struct timespec cur;
        clock_gettime(h, &cur);
        rel = t > ns_of(cur) ? t - ns_of(cur) : 0;
      } else {
        rel = t;
      }
      int64_t ms = rel > (uint64_t)INT32_MAX * 1000000 ? INT32_MAX : (int64_t)((rel + 999999) / 1000000);
      due_ms[i] = ms;
      if (timeout_ms < 0 || ms < timeout_ms) timeout_ms = ms;
    } else if (tag == 1 || tag == 2) {
      struct wfd *f;
      uint32_t fd = get_u32(s + 16);
      int e = get_fd(k.w, fd, R_POLL_FD_READWRITE, &f);
      if (e || f->host < 0 || f->type == FT_FILE) { /* ready at once: files and buffers never block */
        uint8_t *ev = evs + 32 * nev++;
        memset(ev, 0, 32);
        memcpy(ev, s, 8);
        uint16_t err = (uint16_t)e;
        memcpy(ev + 8, &err, 2);
        ev[10] = tag;
        continue;
      }
      pfds[npfd] = (struct pollfd){f->host, (short)(tag == 1 ? POLLIN : POLLOUT), 0};
      which[npfd++] = i;
    } else {
      return E_INVAL;
    }
  }
  if (nev == 0) {
    int r;
    if (npfd) {
      do r = poll(pfds, npfd, timeout_ms > INT32_MAX ? INT32_MAX : (int)timeout_ms);
      while (r < 0 && errno == EINTR);
      if (r < 0) return wasi_errno(errno);
    } else if (timeout_ms >= 0) {
      struct timespec d = {(time_t)(timeout_ms / 1000), (long)(timeout_ms % 1000) * 1000000};
      while (nanosleep(&d, &d) != 0 && errno == EINTR) {
      }
    }
    for (uint32_t j = 0; j < npfd; j++) {
      if (!pfds[j].revents) continue;
      uint8_t *s = subs + 48 * which[j], *ev = evs + 32 * nev++;
      memset(ev, 0, 32);
      memcpy(ev, s, 8);
      ev[10] = s[8];
      int avail = 0;
      if (s[8] == 1 && ioctl(pfds[j].fd, FIONREAD, &avail) != 0) avail = 0;
      uint64_t nbytes = (uint64_t)(avail > 0 ? avail : 0);
      memcpy(ev + 16, &nbytes, 8);
      uint16_t flags = (pfds[j].revents & POLLHUP) ? 1 : 0;
      memcpy(ev + 24, &flags, 2);
    }
  }
  if (nev == 0 && timeout_ms >= 0) { /* the clocks that are due (the nearest at least) */
    struct timespec later;
    clock_gettime(CLOCK_MONOTONIC, &later);
    int64_t waited = (int64_t)((ns_of(later) - ns_of(now)) / 1000000);
    if (waited < timeout_ms) waited = timeout_ms; /* woken early: the nearest is due */
    for (uint32_t i = 0; i < n; i++) {
      uint8_t *s = subs + 48 * i;
      if (s[8] != 0 || due_ms[i] > waited) continue;
      uint8_t *ev = evs + 32 * nev++;
      memset(ev, 0, 32);
      memcpy(ev, s, 8);
      ev[10] = 0;
    }
  }
  put_u32(&k, nev_p, nev);
  return E_SUCCESS;
}

static void proc_exit(w2l_caller *c, uint32_t code) {
  struct call k = call_of(c);
  k.w->exit_code = (int)code;
  w2l_trap_raise(W2L_TRAP_EXIT);
}

static uint32_t proc_raise(w2l_caller *c, uint32_t sig) {
  struct call k = call_of(c);
  if (sig == 0) return E_SUCCESS;
  if (sig > 64) return E_INVAL;
  k.w->exit_code = 128 + (int)sig; /* as a shell reports a program killed by it */
  w2l_trap_raise(W2L_TRAP_EXIT);
  return E_SUCCESS;
}

static uint32_t sched_yield_(w2l_caller *c) {
  (void)c;
  sched_yield();
  return E_SUCCESS;
}

static int sock_fd(struct call *k, uint32_t fd, uint64_t rights, struct wfd **f) {
  int e = get_fd(k->w, fd, 0, f);
  if (e) return e;
  if ((*f)->type != FT_SOCK_STREAM && (*f)->type != FT_SOCK_DGRAM) return E_NOTSOCK;
  return ((*f)->base & rights) == rights ? E_SUCCESS : E_NOTCAPABLE;
}

static uint32_t sock_accept(w2l_caller *c, uint32_t fd, uint32_t flags, uint32_t out) {
  struct call k = call_of(c);
  struct wfd *f;
  int e = sock_fd(&k, fd, R_SOCK_ACCEPT, &f);
  if (e) return e;
  if (flags & ~(uint32_t)FDF_NONBLOCK) return E_INVAL;
  if (!span(&k, out, 4)) return E_FAULT;
  int h = accept4(f->host, NULL, NULL, SOCK_CLOEXEC | ((flags & FDF_NONBLOCK) ? SOCK_NONBLOCK : 0));
  if (h < 0) return wasi_errno(errno);
  uint32_t nfd = alloc_fd(k.w);
  if (nfd == UINT32_MAX) {
    close(h);
    return E_NOMEM;
  }
  k.w->fds[nfd] = (struct wfd){true, h, true, FT_SOCK_STREAM, (uint16_t)flags, RIGHTS_SOCK, 0, NULL};
  put_u32(&k, out, nfd);
  return E_SUCCESS;
}

static uint32_t sock_recv(w2l_caller *c, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t flags,
                          uint32_t len_p, uint32_t flags_p) {
  struct call k = call_of(c);
  struct wfd *f;
  struct iovec v[1024];
  int count = 0;
  int e = sock_fd(&k, fd, R_FD_READ, &f);
  if (e || (e = gather(&k, iovs, n, v, &count))) return e;
  if (!span(&k, len_p, 4) || !span(&k, flags_p, 2)) return E_FAULT;
  struct msghdr m = {.msg_iov = v, .msg_iovlen = (size_t)count};
  ssize_t r = recvmsg(f->host, &m, ((flags & 1) ? MSG_PEEK : 0) | ((flags & 2) ? MSG_WAITALL : 0));
  if (r < 0) return wasi_errno(errno);
  put_u32(&k, len_p, (uint32_t)r);
  uint16_t of = (m.msg_flags & MSG_TRUNC) ? 1 : 0;
  memcpy(span(&k, flags_p, 2), &of, 2);
  return E_SUCCESS;
}

static uint32_t sock_send(w2l_caller *c, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t flags,
                          uint32_t len_p) {
  struct call k = call_of(c);
  struct wfd *f;
  struct iovec v[1024];
  int count = 0;
  (void)flags;
  int e = sock_fd(&k, fd, R_FD_WRITE, &f);
  if (e || (e = gather(&k, iovs, n, v, &count))) return e;
  if (!span(&k, len_p, 4)) return E_FAULT;
  struct msghdr m = {.msg_iov = v, .msg_iovlen = (size_t)count};
  ssize_t r = sendmsg(f->host, &m, MSG_NOSIGNAL);
  if (r < 0) return wasi_errno(errno);
  put_u32(&k, len_p, (uint32_t)r);
  return E_SUCCESS;
}

static uint32_t sock_shutdown(w2l_caller *c, uint32_t fd, uint32_t how) {
  struct call k = call_of(c);
  struct wfd *f;
  int e = sock_fd(&k, fd, R_SOCK_SHUTDOWN, &f);
  if (e) return e;
  if (how < 1 || how > 3) return E_INVAL;
  int h = how == 1 ? SHUT_RD : how == 2 ? SHUT_WR : SHUT_RDWR;
  return shutdown(f->host, h) == 0 ? E_SUCCESS : wasi_errno(errno);
}

/* ---- definition and running ---- */

#define FN(f) ((void (*)(void))(f))

bool w2l_wasi_define(w2l_wasi *w, w2l_linker *l) {
  static const struct {
    const char *name, *sig;
    void (*fn)(void);
  } fns[] = {
      {"args_get", "ii:i", FN(args_get)},
      {"args_sizes_get", "ii:i", FN(args_sizes_get)},
      {"environ_get", "ii:i", FN(environ_get)},
      {"environ_sizes_get", "ii:i", FN(environ_sizes_get)},
      {"clock_res_get", "ii:i", FN(clock_res_get)},
      {"clock_time_get", "iIi:i", FN(clock_time_get)},
      {"fd_advise", "iIIi:i", FN(fd_advise)},
      {"fd_allocate", "iII:i", FN(fd_allocate)},
      {"fd_close", "i:i", FN(fd_close)},
      {"fd_datasync", "i:i", FN(fd_datasync)},
      {"fd_fdstat_get", "ii:i", FN(fd_fdstat_get)},
      {"fd_fdstat_set_flags", "ii:i", FN(fd_fdstat_set_flags)},
      {"fd_fdstat_set_rights", "iII:i", FN(fd_fdstat_set_rights)},
      {"fd_filestat_get", "ii:i", FN(fd_filestat_get)},
      {"fd_filestat_set_size", "iI:i", FN(fd_filestat_set_size)},
      {"fd_filestat_set_times", "iIIi:i", FN(fd_filestat_set_times)},
      {"fd_pread", "iiiIi:i", FN(fd_pread)},
      {"fd_prestat_get", "ii:i", FN(fd_prestat_get)},
      {"fd_prestat_dir_name", "iii:i", FN(fd_prestat_dir_name)},
      {"fd_pwrite", "iiiIi:i", FN(fd_pwrite)},
      {"fd_read", "iiii:i", FN(fd_read)},
      {"fd_readdir", "iiiIi:i", FN(fd_readdir)},
      {"fd_renumber", "ii:i", FN(fd_renumber)},
      {"fd_seek", "iIii:i", FN(fd_seek)},
      {"fd_sync", "i:i", FN(fd_sync)},
      {"fd_tell", "ii:i", FN(fd_tell)},
      {"fd_write", "iiii:i", FN(fd_write)},
      {"path_create_directory", "iii:i", FN(path_create_directory)},
      {"path_filestat_get", "iiiii:i", FN(path_filestat_get)},
      {"path_filestat_set_times", "iiiiIIi:i", FN(path_filestat_set_times)},
      {"path_link", "iiiiiii:i", FN(path_link)},
      {"path_open", "iiiiiIIii:i", FN(path_open)},
      {"path_readlink", "iiiiii:i", FN(path_readlink)},
      {"path_remove_directory", "iii:i", FN(path_remove_directory)},
      {"path_rename", "iiiiii:i", FN(path_rename)},
      {"path_symlink", "iiiii:i", FN(path_symlink)},
      {"path_unlink_file", "iii:i", FN(path_unlink_file)},
      {"poll_oneoff", "iiii:i", FN(poll_oneoff)},
      {"proc_exit", "i:", FN(proc_exit)},
      {"proc_raise", "i:i", FN(proc_raise)},
      {"sched_yield", ":i", FN(sched_yield_)},
      {"random_get", "ii:i", FN(random_get)},
      {"sock_accept", "iii:i", FN(sock_accept)},
      {"sock_recv", "iiiiii:i", FN(sock_recv)},
      {"sock_send", "iiiii:i", FN(sock_send)},
      {"sock_shutdown", "ii:i", FN(sock_shutdown)},
  };
  for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
    if (!w2l_linker_define_func_caller(l, "wasi_snapshot_preview1", fns[i].name, fns[i].sig,
                                       fns[i].fn, w))
      return false;
  return true;
}

int w2l_wasi_run(w2l_wasi *w, w2l_instance *inst, w2l_error *err) {
  const char *entry = "_start";
  w2l_extern e;
  if (!w2l_instance_export(inst, entry, &e)) entry = "_initialize";
  if (!w2l_instance_export(inst, entry, &e) || e.kind != W2L_EXTERN_FUNC) {
    rt_error(err, W2L_OK, "the module exports neither _start nor _initialize");
    return -1;
  }
  w2l_error local;
  w2l_trap t = w2l_call(inst, entry, NULL, 0, NULL, 0, &local);
  if (t == W2L_OK) return 0;
  if (t == W2L_TRAP_EXIT) return w->exit_code;
  if (err) *err = local;
  return -1;
}

/* ---- the main function of a native WASI executable ---- */

static void main_usage(const char *prog) {
  fprintf(stderr,
          "usage: %s [--dir HOST[::GUEST]] [--ro-dir HOST[::GUEST]] [--env NAME=VALUE]\n"
          "          [--inherit-env] [--] [ARGS...]      (--wasi-help: this text)\n"
          "The program sees only the directories granted (--ro-dir: read-only; GUEST\n"
          "defaults to HOST) and the environment given.  These options are read only\n"
          "when the first argument is one of them; '--' ends them.\n",
          prog);
}

int w2l_wasi_main(const w2l_module *m, int argc, char **argv) {
  w2l_error err;
  w2l_wasi *w = w2l_wasi_new();
  w2l_linker *l = w2l_linker_new();
  if (!w || !l) {
    fprintf(stderr, "%s: out of memory\n", argv[0]);
    return 70;
  }
  int i = 1;
  bool options = argc > 1 && (strncmp(argv[1], "--dir", 5) == 0 || strncmp(argv[1], "--ro-dir", 8) == 0 ||
                              strncmp(argv[1], "--env", 5) == 0 || strcmp(argv[1], "--inherit-env") == 0 ||
                              strcmp(argv[1], "--") == 0 || strcmp(argv[1], "--wasi-help") == 0);
  while (options && i < argc) {
    const char *a = argv[i];
    if (strcmp(a, "--wasi-help") == 0) {
      main_usage(argv[0]);
      return 0;
    }
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    bool dir = strncmp(a, "--dir", 5) == 0, ro = strncmp(a, "--ro-dir", 8) == 0,
         env = strncmp(a, "--env", 5) == 0;
    if (strcmp(a, "--inherit-env") == 0) {
      w2l_wasi_inherit_env(w);
      i++;
      continue;
    }
    if (!dir && !ro && !env) break; /* the program's own arguments begin */
    size_t n = dir || env ? 5 : 8;
    const char *v = a[n] == '=' ? a + n + 1 : a[n] == '\0' && i + 1 < argc ? argv[++i] : NULL;
    if (!v) {
      main_usage(argv[0]);
      return 2;
    }
    i++;
    if (env) {
      const char *eq = strchr(v, '=');
      char name[256];
      if (!eq || (size_t)(eq - v) >= sizeof name) {
        fprintf(stderr, "%s: --env wants NAME=VALUE, not '%s'\n", argv[0], v);
        return 2;
      }
      memcpy(name, v, (size_t)(eq - v));
      name[eq - v] = '\0';
      w2l_wasi_add_env(w, name, eq + 1);
      continue;
    }
    char host[PATH_MAX];
    const char *sep = strstr(v, "::");
    size_t hl = sep ? (size_t)(sep - v) : strlen(v);
    if (hl >= sizeof host) {
      fprintf(stderr, "%s: directory name too long\n", argv[0]);
      return 2;
    }
    memcpy(host, v, hl);
    host[hl] = '\0';
    if (!w2l_wasi_preopen(w, host, sep ? sep + 2 : host, ro, &err)) {
      fprintf(stderr, "%s: %s\n", argv[0], err.message);
      return 2;
    }
  }
  /* the guest's argv: its name, then what follows the options */
  const char *slash = strrchr(argv[0], '/');
  argv[i - 1] = (char *)(slash ? slash + 1 : argv[0]);
  w2l_wasi_set_args(w, argc - i + 1, (const char *const *)argv + i - 1);
  if (!w2l_wasi_define(w, l) || (rt_wasi_imports_threads(m) && !w2l_wasi_define_threads(w, l))) {
    fprintf(stderr, "%s: out of memory\n", argv[0]);
    return 70;
  }
  w2l_memory *shared[4] = {NULL};
  w2l_instance *inst = NULL;
  if (rt_wasi_define_shared_memories(m, l, shared, 4, &err))
    inst = w2l_linker_instantiate(l, m, NULL, &err);
  int code;
  if (!inst) {
    fprintf(stderr, "%s: %s\n", argv[0], err.message);
    code = err.trap == W2L_TRAP_EXIT ? w2l_wasi_exit_code(w) : 70;
  } else {
    code = w2l_wasi_run(w, inst, &err);
    if (code < 0) {
      fprintf(stderr, "%s: %s%s\n", argv[0], err.trap ? "wasm trap: " : "", err.message);
      code = 134; /* as an abort would */
    }
  }
  fflush(stdout);
  /* Threads still running end with the process (wasi-threads: when _start
   * returns, the program ends): leave them what they use. */
  if (w2l_wasi_threads_running(w)) return code;
  w2l_instance_free(inst);
  w2l_linker_free(l);
  for (int k = 0; k < 4; k++) w2l_memory_free(shared[k]);
  w2l_wasi_free(w);
  return code;
}
