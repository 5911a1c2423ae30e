/* exception.c - exception handling: tags, exception objects, throw and the
 * handler stack of try_table (see "Exceptions" in w2l.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

_Thread_local w2l_handler *w2l_eh_top;

/* The exception being thrown on this thread, or the last one thrown: a catch
 * without _ref copies its payload out and leaves it here, so it is freed by
 * the next throw unless an exnref to it was made (escaped). */
static _Thread_local w2l_exn *in_flight;
/* The exception that reached a protected call uncaught, while in_flight. */
static _Thread_local w2l_exn *uncaught;
/* The block of the last exception freed, kept for the next one (a loop that
 * throws and catches allocates once), with room for spare_room values. */
static _Thread_local w2l_exn *spare;
static _Thread_local uint32_t spare_room;

/* Guards the lists of escaped exceptions of all instances. */
static pthread_mutex_t escape_lock = PTHREAD_MUTEX_INITIALIZER;

w2l_tag *w2l_tag_new(const char *sig) {
  const w2l_functype *ft = w2l_functype_intern(sig);
  if (!ft || w2l_functype_nresults(ft)) return NULL;
  w2l_tag *t = malloc(sizeof *t);
  if (t) t->type = ft;
  return t;
}

void w2l_tag_free(w2l_tag *t) { free(t); }

w2l_exn *w2l_exn_new(const w2l_tag *t) {
  uint32_t n = w2l_functype_nparams(t->type);
  w2l_exn *x;
  if (spare && spare_room >= n) {
    x = spare;
    spare = NULL;
    memset(x, 0, sizeof *x + (size_t)n * sizeof(w2l_value));
  } else {
    x = calloc(1, sizeof *x + (size_t)n * sizeof(w2l_value));
  }
  if (!x) {
    fprintf(stderr, "wasm2c-lite: out of memory allocating an exception\n");
    abort();
  }
  x->tag = t;
  x->nvals = n;
  x->vals = (w2l_value *)(x + 1);
  return x;
}

void w2l_throw(w2l_exn *x) {
  if (in_flight != x) {
    if (in_flight && !in_flight->escaped) { /* no reference to it is left */
      free(spare);
      spare = in_flight;
      spare_room = in_flight->nvals;
    }
    in_flight = x;
  }
  uncaught = NULL;
  w2l_handler *h = w2l_eh_top;
  if (!h) {
    uncaught = x;
    w2l_trap_raise(W2L_TRAP_EXCEPTION);
  }
  W2L_LONGJMP(h->env, 1);
}

void w2l_throw_ref(w2l_ref r) {
  if (!r.obj) w2l_trap_raise(W2L_TRAP_NULL_EXN_REF);
  w2l_throw(r.obj);
}

w2l_exn *w2l_exn_caught(void) { return in_flight; }

/* x joins inst's escaped exceptions (once). */
static void keep(struct w2l_instance *inst, w2l_exn *x) {
  if (x->escaped) return;
  pthread_mutex_lock(&escape_lock);
  x->escaped = true;
  x->next = inst->exns;
  inst->exns = x;
  pthread_mutex_unlock(&escape_lock);
}

w2l_ref w2l_exn_ref(struct w2l_instance *inst, w2l_exn *x) {
  keep(inst, x);
  x->held = false; /* an exnref may live on: kept for good */
  return (w2l_ref){NULL, NULL, x, NULL};
}

void w2l_exn_hold(struct w2l_instance *inst, w2l_exn *x) {
  if (x->escaped) return;
  keep(inst, x);
  x->held = true;
}

/* Undo w2l_exn_hold: x leaves inst's list (it is near the head: held last). */
static void let_go(struct w2l_instance *inst, w2l_exn *x) {
  pthread_mutex_lock(&escape_lock);
  for (w2l_exn **p = &inst->exns; *p; p = &(*p)->next)
    if (*p == x) {
      *p = x->next;
      break;
    }
  pthread_mutex_unlock(&escape_lock);
  x->held = x->escaped = false;
}

void w2l_exn_rethrow(struct w2l_instance *inst, w2l_exn *x) {
  if (x->held) let_go(inst, x);
  w2l_throw(x);
}

void w2l_exn_release(struct w2l_instance *inst, w2l_exn *x) {
  if (!x->held) return;
  let_go(inst, x);
  if (x == in_flight) return; /* the next throw frees it */
  if (x == uncaught) uncaught = NULL;
  free(spare);
  spare = x;
  spare_room = x->nvals;
}

const w2l_exn *w2l_uncaught_exception(void) { return uncaught; }

void w2l_exn_rethrow_uncaught(void) {
  if (!uncaught) w2l_trap_raise(W2L_TRAP_EXCEPTION);
  w2l_throw(uncaught);
}

void rt_free_exns(struct w2l_instance *inst) {
  pthread_mutex_lock(&escape_lock);
  w2l_exn *x = inst->exns;
  inst->exns = NULL;
  pthread_mutex_unlock(&escape_lock);
  while (x) {
    w2l_exn *next = x->next;
    if (x == in_flight) in_flight = NULL;
    if (x == uncaught) uncaught = NULL;
    free(x);
    x = next;
  }
}
