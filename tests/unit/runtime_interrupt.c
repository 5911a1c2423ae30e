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

static void test_epoch_from_signal(w2l_instance *inst) {
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = {{0, 0}, {0, 50000}};
  w2l_instance_set_epoch_deadline(inst, 1);
  setitimer(ITIMER_REAL, &it, NULL);
  CHECK_TRAP(interrupt_spin(inst), W2L_TRAP_INTERRUPTED);
  sa.sa_handler = SIG_DFL;
  sigaction(SIGALRM, &sa, NULL);
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
  test_fuel(inst);
  test_start();
  w2l_instance_free(inst);
  return test_finish();
}
