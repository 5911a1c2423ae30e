/* trap.c - traps: protected calls (sigsetjmp/siglongjmp), per-thread trap state,
 * the spec's messages and the native stack limit behind "call stack exhausted". */
#define _GNU_SOURCE /* pthread_getattr_np */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* One active protected call; they form a stack per thread. */
struct protect_frame {
  sigjmp_buf env;             /* where a trap resumes (w2l_protect's sigsetjmp) */
  struct protect_frame *prev; /* the enclosing protected call, or NULL */
};

static _Thread_local struct protect_frame *innermost; /* this thread's top frame */
static _Thread_local uintptr_t stack_low;             /* lowest usable stack address (0: unknown) */
static _Thread_local uintptr_t stack_margin;          /* kept free above stack_low */
static _Thread_local bool stack_low_known;            /* stack_low computed for this thread */
_Thread_local uintptr_t w2l_stack_limit;
static _Thread_local uintptr_t real_limit; /* the limit itself, while w2l_stack_limit may be poked */
static _Thread_local int poke_slot = -1;   /* this thread's rt_poke_register slot, or -1 */

static atomic_size_t stack_budget = W2L_DEFAULT_STACK_BUDGET;

/* Keep this far from the true end of the stack (or a quarter of the stack if
 * that is less): room for the frame of the function that trips the check, the
 * trap path and sanitizer handlers. */
#define STACK_MARGIN ((uintptr_t)256 << 10)

static const char *const messages[W2L_TRAP_COUNT] = {[W2L_OK] = "no trap",
#define W2L_TRAP_MESSAGE(name, message) [W2L_TRAP_##name] = message,
                                                     W2L_TRAPS(W2L_TRAP_MESSAGE)
#undef W2L_TRAP_MESSAGE
};

const char *w2l_trap_message(w2l_trap t) {
  if ((unsigned)t >= W2L_TRAP_COUNT) return "unknown trap";
  return messages[t];
}

void w2l_trap_raise(w2l_trap t) {
  struct protect_frame *f = innermost;
  if (!f) {
    fprintf(stderr, "wasm2c-lite: trap \"%s\" outside any protected call (w2l_protect)\n",
            w2l_trap_message(t));
    abort();
  }
  if (t == W2L_OK || (unsigned)t >= W2L_TRAP_COUNT) t = W2L_TRAP_HOST;
  siglongjmp(f->env, (int)t);
}

bool rt_protect_active(void) { return innermost != NULL; }

void rt_trap_from_signal(w2l_trap t) { siglongjmp(innermost->env, (int)t); }

bool rt_fault_on_stack_end(uintptr_t addr) {
  /* The guard page(s) below stack_low, or the margin above it. */
  return stack_low && addr < stack_low + stack_margin && addr >= stack_low - ((uintptr_t)1 << 20);
}

void w2l_set_stack_budget(size_t bytes) {
  atomic_store(&stack_budget, bytes ? bytes : W2L_DEFAULT_STACK_BUDGET);
}

/* The lowest address of this thread's stack plus the margin, or 0 if unknown. */
static uintptr_t thread_stack_floor(void) {
  if (!stack_low_known) {
    stack_low_known = true;
#if defined(__GLIBC__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void *addr;
      size_t size;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
        stack_low = (uintptr_t)addr;
        stack_margin = size / 4 < STACK_MARGIN ? size / 4 : STACK_MARGIN;
      }
      pthread_attr_destroy(&attr);
    }
#endif
  }
  return stack_low ? stack_low + stack_margin : 0;
}

/* The limit for an outermost protected call whose frame is at here. */
static uintptr_t compute_stack_limit(uintptr_t here) {
  size_t budget = atomic_load(&stack_budget);
  uintptr_t limit = here > budget ? here - budget : 1;
  uintptr_t floor = thread_stack_floor();
  if (floor && limit < floor) limit = floor < here ? floor : here;
  return limit;
}

/* Store this thread's limit, in order with the ticks that poke it. */
static void set_stack_limit(uintptr_t limit) {
  __atomic_store_n(&w2l_stack_limit, limit, __ATOMIC_SEQ_CST);
}

void w2l_stack_slow(struct w2l_instance *epoch_inst) {
  if ((uintptr_t)__builtin_frame_address(0) < real_limit) w2l_trap_raise(W2L_TRAP_STACK_EXHAUSTED);
  /* A thread without a poke slot always runs poked.  Code without epoch
   * checks leaves the poke for code with them, unless there is none. */
  if (poke_slot >= 0 && (epoch_inst || !rt_epoch_armed())) set_stack_limit(real_limit);
  /* After the restore: a tick whose poke it overwrote is seen here. */
  if (epoch_inst && W2L_EPOCH_NOW_SEQ() >= epoch_inst->epoch_deadline)
    w2l_trap_raise(W2L_TRAP_INTERRUPTED);
}

w2l_trap w2l_protect(void (*fn)(void *arg), void *arg) {
  struct protect_frame frame;
  uintptr_t saved_limit = w2l_stack_limit;
  w2l_handler *saved_handler = w2l_eh_top; /* a host frame: throws stop here */
  int trap;
  frame.prev = innermost;
  if (!frame.prev) {
    rt_thread_setup();
    real_limit = compute_stack_limit((uintptr_t)__builtin_frame_address(0));
    /* Every protected call starts poked while instances translated with
     * --epoch exist: a deadline may have passed before the call, and the
     * first recursive entry must look. */
    poke_slot = rt_poke_register(&w2l_stack_limit);
    set_stack_limit(poke_slot < 0 || rt_epoch_armed() ? W2L_STACK_POKED : real_limit);
  } else if (rt_epoch_armed()) {
    set_stack_limit(W2L_STACK_POKED);
  }
  innermost = &frame;
  w2l_eh_top = NULL;
  /* No signal mask to save: the fault handler runs with SA_NODEFER and an
   * empty sa_mask, so jumping out of it leaves the mask as it was. */
  trap = sigsetjmp(frame.env, 0);
  if (trap == 0) fn(arg);
  innermost = frame.prev;
  w2l_eh_top = saved_handler;
  if (!frame.prev) {
    rt_poke_unregister(poke_slot);
    poke_slot = -1;
    set_stack_limit(saved_limit);
  }
  return (w2l_trap)trap;
}
