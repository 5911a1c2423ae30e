/* runtime_interrupt.c - stopping runaway wasm code: epoch deadlines bumped
 * from another thread or a signal handler, fuel, and a start function that
 * never returns (tests/runtime/interrupt.wat and spinstart.wat, translated
 * with --epoch --fuel and --epoch). */
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#include "runtime_test.h"

#include "interrupt.h"
#include "plainrec.h"
#include "spinstart.h"

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&t, &t) != 0) {}
}

/* Bump the epoch once after 50 ms, from its own thread. */
static void *bump_later(void *arg) {
  (void)arg;
  sleep_ms(50);
  w2l_epoch_increment();
  return NULL;
}

static void on_alarm(int sig) {
  (void)sig;
  w2l_epoch_increment(); /* the one runtime call a signal handler may make */
}

static void test_epoch_from_thread(w2l_instance *inst) {
  pthread_t t;
  uint32_t r = 0;
  w2l_instance_set_epoch_deadline(inst, 1);
  pthread_create(&t, NULL, bump_later, NULL);
  CHECK_TRAP(interrupt_spin(inst), W2L_TRAP_INTERRUPTED);
  pthread_join(t, NULL);
  w2l_instance_set_epoch_deadline(inst, 1);
  pthread_create(&t, NULL, bump_later, NULL);
  CHECK_TRAP(interrupt_fib(inst, 80, &r), W2L_TRAP_INTERRUPTED); /* 2^80 calls, no loop */
  pthread_join(t, NULL);
  /* Still usable: no deadline now, and it runs to the end. */
  w2l_instance_set_epoch_deadline(inst, 0);
  CHECK_TRAP(interrupt_count(inst, 1000, &r), W2L_OK);
  CHECK(r == 1000, "count returned %u", r);
  CHECK_TRAP(interrupt_fib(inst, 20, &r), W2L_OK);
  CHECK(r == 6765, "fib(20) returned %u", r);
}

/* SIGALRM ticks the epoch in 50 ms (on), or is back to its default (off). */
static void alarm_ticks(bool on) {
  struct sigaction sa = {0};
  sa.sa_handler = on ? on_alarm : SIG_DFL;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = {{0, 0}, {0, 50000}};
  if (on) setitimer(ITIMER_REAL, &it, NULL);
}

static void test_epoch_from_signal(w2l_instance *inst) {
  w2l_instance_set_epoch_deadline(inst, 1);
  alarm_ticks(true);
  CHECK_TRAP(interrupt_spin(inst), W2L_TRAP_INTERRUPTED);
  alarm_ticks(false);
  w2l_instance_set_epoch_deadline(inst, 0);
}

/* A deadline already passed stops the code at its first check. */
static void test_epoch_passed(w2l_instance *inst) {
  uint32_t r = 0;
  w2l_instance_set_epoch_deadline(inst, 1);
  w2l_epoch_increment();
  CHECK_TRAP(interrupt_count(inst, 5, &r), W2L_TRAP_INTERRUPTED);
  CHECK_TRAP(interrupt_progress(inst, &r), W2L_OK); /* no loop, no recursion: no check */
  w2l_instance_set_epoch_deadline(inst, 0);
}

/* Recursion without loops: its entries check the epoch through the stack
 * limit, which a tick raises (and which every protected call starts with
 * raised while instances with epoch checks exist). */
static void test_recursion(w2l_instance *inst) {
  uint32_t r = 0;
  w2l_instance_set_epoch_deadline(inst, 1);
  w2l_epoch_increment();
  CHECK_TRAP(interrupt_fib(inst, 80, &r), W2L_TRAP_INTERRUPTED); /* passed before the call */
  w2l_instance_set_epoch_deadline(inst, 1);
  alarm_ticks(true);
  CHECK_TRAP(interrupt_fib(inst, 80, &r), W2L_TRAP_INTERRUPTED);
  alarm_ticks(false);
  w2l_instance_set_epoch_deadline(inst, 0);
}

/* One tick stops the recursions of four threads, each in its own instance. */
static void *run_fib80(void *arg) {
  uint32_t r = 0;
  return (void *)(uintptr_t)interrupt_fib(arg, 80, &r);
}

static void test_recursion_threads(void) {
  enum { N = 4 };
  w2l_instance *insts[N];
  pthread_t t[N];
  w2l_error err;
  for (int i = 0; i < N; i++) {
    insts[i] = interrupt_instantiate(NULL, &err);
    CHECK(insts[i] != NULL, "instantiate: %s", err.message);
    if (!insts[i]) return;
    w2l_instance_set_epoch_deadline(insts[i], 1);
    pthread_create(&t[i], NULL, run_fib80, insts[i]);
  }
  sleep_ms(50);
  w2l_epoch_increment();
  for (int i = 0; i < N; i++) {
    void *trap;
    pthread_join(t[i], &trap);
    CHECK_TRAP((w2l_trap)(uintptr_t)trap, W2L_TRAP_INTERRUPTED);
    w2l_instance_free(insts[i]);
  }
}

/* Ticks that reach no deadline cost recursion a slow path and nothing else:
 * neither code with epoch checks nor code without traps or goes wrong. */
static volatile int ticking;

static void *tick_often(void *arg) {
  (void)arg;
  while (ticking) {
    w2l_epoch_increment();
    struct timespec t = {0, 20000};
    nanosleep(&t, NULL);
  }
  return NULL;
}

static void test_ticks_harmless(w2l_instance *inst) {
  w2l_error err;
  w2l_instance *plain = plainrec_instantiate(NULL, &err);
  CHECK(plain != NULL, "instantiate: %s", err.message);
  if (!plain) return;
  pthread_t t;
  ticking = 1;
  pthread_create(&t, NULL, tick_often, NULL);
  w2l_instance_set_epoch_deadline(inst, 0);
  for (int k = 0; k < 20; k++) {
    uint32_t r = 0, q = 0;
    CHECK_TRAP(interrupt_fib(inst, 22, &r), W2L_OK);
    CHECK_TRAP(plainrec_fib(plain, 22, &q), W2L_OK);
    CHECK(r == 17711 && q == 17711, "fib(22) returned %u and %u", r, q);
  }
  ticking = 0;
  pthread_join(t, NULL);
  w2l_instance_free(plain);
}

static void test_fuel(w2l_instance *inst) {
  uint32_t r = 0, where = 0;
  const uint64_t need = 3 + 12 * 11; /* count(10) */
  w2l_instance_set_fuel(inst, need);
  CHECK_TRAP(interrupt_count(inst, 10, &r), W2L_OK);
  CHECK(r == 10, "count returned %u", r);
  CHECK(w2l_instance_fuel(inst) == 0, "fuel left %llu",
        (unsigned long long)w2l_instance_fuel(inst));
  /* One unit short: stops at the last pass through the loop header, every
   * time at the same place. */
  for (int k = 0; k < 3; k++) {
    w2l_instance_set_fuel(inst, need - 1);
    CHECK_TRAP(interrupt_count(inst, 10, &r), W2L_TRAP_OUT_OF_FUEL);
    w2l_instance_set_fuel(inst, 100);
    CHECK_TRAP(interrupt_progress(inst, &where), W2L_OK);
    CHECK(where == 10, "stopped after %u iterations", where);
    CHECK(w2l_instance_fuel(inst) == 100 - 2, "progress cost %llu",
          (unsigned long long)(100 - w2l_instance_fuel(inst)));
  }
  w2l_instance_set_fuel(inst, 10000);
  CHECK_TRAP(interrupt_spin(inst), W2L_TRAP_OUT_OF_FUEL);
  CHECK(w2l_instance_fuel(inst) == 0, "fuel left %llu",
        (unsigned long long)w2l_instance_fuel(inst));
  w2l_instance_set_fuel(inst, 1000);
  CHECK_TRAP(interrupt_fib(inst, 80, &r), W2L_TRAP_OUT_OF_FUEL);
  w2l_instance_set_fuel(inst, UINT64_MAX);
}

/* A start function that never returns is stopped by the budget new
 * instances get. */
static void test_start(void) {
  w2l_error err;
  pthread_t t;
  w2l_set_new_instance_budget(1, UINT64_MAX);
  pthread_create(&t, NULL, bump_later, NULL);
  w2l_instance *inst = spinstart_instantiate(NULL, &err);
  pthread_join(t, NULL);
  CHECK(inst == NULL, "instantiated");
  CHECK_TRAP(err.trap, W2L_TRAP_INTERRUPTED);
  w2l_set_new_instance_budget(0, UINT64_MAX);
  CHECK(spinstart_module.interrupt == W2L_INTERRUPT_EPOCH, "module flags %u",
        spinstart_module.interrupt);
  CHECK(interrupt_module.interrupt == (W2L_INTERRUPT_EPOCH | W2L_INTERRUPT_FUEL), "module flags %u",
        interrupt_module.interrupt);
}

int main(void) {
  w2l_error err;
  w2l_instance *inst = interrupt_instantiate(NULL, &err);
  CHECK(inst != NULL, "instantiate: %s", err.message);
  if (!inst) return test_finish();
  CHECK(w2l_instance_fuel(inst) == UINT64_MAX, "default fuel");
  test_epoch_from_thread(inst);
  test_epoch_from_signal(inst);
  test_epoch_passed(inst);
  test_recursion(inst);
  test_recursion_threads();
  test_ticks_harmless(inst);
  test_fuel(inst);
  test_start();
  w2l_instance_free(inst);
  return test_finish();
}
