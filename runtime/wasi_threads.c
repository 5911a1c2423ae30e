/* wasi_threads.c - wasi-threads: the import "wasi" "thread-spawn" and the
 * shared memory a program built for wasm32-wasi-threads imports.
 *
 * thread-spawn makes a new instance of the caller's module through the
 * linker given to w2l_wasi_define_threads (so it imports the same shared
 * memory), on the caller's thread, then runs its export "wasi_thread_start"
 * (tid, start_arg) on a detached OS thread.  As wasi-threads asks, a trap or
 * proc_exit in a spawned thread ends the whole program: the first one prints
 * the trap's message (a trap) and ends the process with _exit (134 after a
 * trap, else proc_exit's code), since no other thread can be unwound. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "w2l_wasi.h"

/* What thread-spawn needs: the state of one w2l_wasi_define_threads. */
struct rt_wasi_threads {
  w2l_wasi *wasi;         /* the program's context (exit codes) */
  w2l_linker *linker;     /* instantiates the new threads */
  uint32_t next_tid;      /* the last tid handed out (atomic) */
  uint32_t running;       /* spawned threads not yet finished (atomic) */
  pthread_mutex_t ending; /* taken by the thread that ends the program */
};

/* One spawned thread. */
struct spawned {
  struct rt_wasi_threads *owner; /* its context */
  w2l_instance *instance;        /* its own instance (freed when it returns) */
  uint32_t tid;                  /* its thread id */
  uint32_t start_arg;            /* the guest's argument */
};

/* wasi-threads: thread ids are in [1, 2^29). */
#define MAX_TID 0x1FFFFFFFu

static void *spawned_main(void *arg) {
  struct spawned *s = arg;
  struct rt_wasi_threads *t = s->owner;
  w2l_val args[2] = {W2L_I32_VAL(s->tid), W2L_I32_VAL(s->start_arg)};
  w2l_error err;
  w2l_trap trap = w2l_call(s->instance, "wasi_thread_start", args, 2, NULL, 0, &err);
  if (trap != W2L_OK) { /* the whole program ends: this thread cannot unwind the others */
    pthread_mutex_lock(&t->ending);
    int code = trap == W2L_TRAP_EXIT ? w2l_wasi_exit_code(t->wasi) : 134;
    if (trap != W2L_TRAP_EXIT)
      fprintf(stderr, "wasm trap in thread %u: %s\n", (unsigned)s->tid, err.message);
    fflush(stdout);
    fflush(stderr);
    _exit(code);
  }
  w2l_instance_free(s->instance);
  free(s);
  __atomic_fetch_sub(&t->running, 1, __ATOMIC_SEQ_CST);
  return NULL;
}

/* "wasi" "thread-spawn" (param i32) (result i32): a tid > 0, or -1. */
static uint32_t thread_spawn(w2l_caller *c, uint32_t start_arg) {
  struct rt_wasi_threads *t = c->env;
  uint32_t tid = __atomic_add_fetch(&t->next_tid, 1, __ATOMIC_SEQ_CST);
  struct spawned *s = tid < MAX_TID ? calloc(1, sizeof *s) : NULL;
  if (!s) return (uint32_t)-1;
  *s = (struct spawned){.owner = t, .tid = tid, .start_arg = start_arg};
  w2l_error err;
  s->instance = w2l_linker_instantiate(t->linker, c->instance->module, NULL, &err);
  pthread_attr_t attr;
  pthread_t os;
  int rc = s->instance ? pthread_attr_init(&attr) : -1;
  if (rc == 0) {
    rc = pthread_attr_setstacksize(&attr, W2L_THREAD_STACK_SIZE);
    if (rc == 0) rc = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    __atomic_fetch_add(&t->running, 1, __ATOMIC_SEQ_CST);
    if (rc == 0) rc = pthread_create(&os, &attr, spawned_main, s);
    if (rc != 0) __atomic_fetch_sub(&t->running, 1, __ATOMIC_SEQ_CST);
    pthread_attr_destroy(&attr);
  }
  if (rc != 0) {
    w2l_instance_free(s->instance);
    free(s);
    return (uint32_t)-1;
  }
  return tid;
}

bool w2l_wasi_define_threads(w2l_wasi *w, w2l_linker *l) {
  struct rt_wasi_threads **slot = rt_wasi_threads_slot(w);
  if (!*slot) {
    struct rt_wasi_threads *t = calloc(1, sizeof *t);
    if (!t || pthread_mutex_init(&t->ending, NULL) != 0) {
      free(t);
      return false;
    }
    t->wasi = w;
    *slot = t;
  }
  (*slot)->linker = l;
  return w2l_linker_define_func_caller(l, "wasi", "thread-spawn", "i:i", (void (*)(void))thread_spawn,
                                       *slot);
}

uint32_t w2l_wasi_threads_running(const w2l_wasi *w) {
  const struct rt_wasi_threads *t = *rt_wasi_threads_slot((w2l_wasi *)w);
  return t ? __atomic_load_n(&t->running, __ATOMIC_SEQ_CST) : 0;
}

void rt_wasi_threads_free(struct rt_wasi_threads *t) {
  if (!t) return;
  pthread_mutex_destroy(&t->ending);
  free(t);
}

bool rt_wasi_define_shared_memories(const w2l_module *m, w2l_linker *l, w2l_memory **made,
                                    size_t cap, w2l_error *err) {
  size_t n = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const w2l_import_desc *d = &m->imports[i];
    if (d->type.kind != W2L_EXTERN_MEMORY || !d->type.shared) continue;
    w2l_memory *mem = n < cap ? w2l_memory_new_shared(d->type.min, d->type.max) : NULL;
    if (!mem) {
      rt_error(err, W2L_OK, "cannot create the shared memory \"%.*s\" \"%.*s\"", (int)d->module_len,
               d->module, (int)d->name_len, d->name);
      return false;
    }
    made[n++] = mem;
    if (!w2l_linker_define(l, d->module, d->name, (w2l_extern){W2L_EXTERN_MEMORY, {.memory = mem}})) {
      rt_error(err, W2L_OK, "out of memory");
      return false;
    }
  }
  return true;
}

bool rt_wasi_imports_threads(const w2l_module *m) {
  for (uint32_t i = 0; i < m->nimports; i++) {
    const w2l_import_desc *d = &m->imports[i];
    if (d->module_len == 4 && memcmp(d->module, "wasi", 4) == 0 && d->name_len == 12 &&
        memcmp(d->name, "thread-spawn", 12) == 0)
      return true;
  }
  return false;
}
