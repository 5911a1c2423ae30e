/* e2e.h - what the host part of every end-to-end test starts with.
 *
 * A test is one file, tests/e2e/NAME.wat: the module, then two block comments,
 *
 *   (; host
 *   static void run(void) { ... }     C calling the module's typed exports
 *   ;)
 *   (; expect
 *   ...                               what the program prints
 *   ;)
 *
 * tests/suites/e2e.sh translates the module with `wasm2c-lite NAME.wat -n m`
 * (so its API is m_instantiate, m_module, m_EXPORT...), compiles the host part
 * after `#include "e2e.h"` and links both against the runtime.  main() calls
 * the test's run(); the helpers below are static inline so a test uses only the
 * ones it needs.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2l.h"
#include "m.h"

static void run(void);

/* The module instantiated without imports; exits if that fails. */
static inline w2l_instance *instance(void) {
  w2l_error err;
  w2l_instance *inst = m_instantiate(NULL, &err);
  if (!inst) {
    printf("instantiate: %s\n", err.message);
    exit(1);
  }
  return inst;
}

/* "WHAT: GOT", or "WHAT: trap MESSAGE"; "(WRONG)" after a result other than WANT. */
static inline void report(const char *what, w2l_trap t, uint64_t got, uint64_t want) {
  if (t != W2L_OK) printf("%s: trap %s\n", what, w2l_trap_message(t));
  else printf("%s: %llu%s\n", what, (unsigned long long)got, got == want ? "" : "  (WRONG)");
}

/* Make CALL, then report the variable VAR it wrote against WANT. */
#define check(what, call, var, want)                                             \
  do {                                                                           \
    w2l_trap t_ = (call);                                                        \
    report(what, t_, (uint64_t)(var), want);                                     \
  } while (0)

/* "WHAT: MESSAGE" of the trap T ("no trap"); "(WRONG)" if it is not WANT. */
static inline void expect_trap(const char *what, w2l_trap t, w2l_trap want) {
  printf("%s: %s%s\n", what, t ? w2l_trap_message(t) : "no trap", t == want ? "" : "  (WRONG)");
}

int main(void) {
  run();
  return 0;
}
