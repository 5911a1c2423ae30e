// runtime_cxx.cc - w2l.h from C++: the headers compile as C++11 under
// -pedantic (no compound literals in w2l_simd.h's inline functions) and the
// thread-local stack limit links against the C runtime (W2L_FUNC_ENTRY traps).
#include <cstdio>

#include "w2l.h"
#include "w2l_simd.h"

static unsigned rec(unsigned depth);
static unsigned (*volatile rec_ptr)(unsigned) = rec;
static unsigned rec(unsigned depth) {
  W2L_FUNC_ENTRY();
  return rec_ptr(depth + 1) + 1;
}
static void run(void *arg) { *static_cast<unsigned *>(arg) = rec(0); }

int main() {
  unsigned sink = 0;
  w2l_trap t = w2l_protect(run, &sink);
  int ok = t == W2L_TRAP_STACK_EXHAUSTED;
  if (!ok) std::printf("FAIL runtime_cxx: trap \"%s\"\n", w2l_trap_message(t));
  std::printf("%d passed, %d failed\n", ok, !ok);
  return !ok;
}
