/* native.c - kernel.wat's loops in C (the reference): the try_table is a
 * setjmp, the throw a longjmp with the payload beside it. */
#include <setjmp.h>
#include <stdint.h>

static jmp_buf *handler;  /* the innermost "try" */
static uint32_t payload;  /* what the last "throw" carried */

/* (the compiler inlines what it likes, as it does with the translated C) */
static uint32_t f3(uint32_t i, uint32_t period) {
  if (period && i % period == 0) {
    payload = i ^ 0x5a5a;
    longjmp(*handler, 1);
  }
  return i * 3;
}
static uint32_t f2(uint32_t i, uint32_t period) { return f3(i, period) + 1; }
static uint32_t f1(uint32_t i, uint32_t period) { return f2(i, period) + 1; }

uint64_t native_run(uint32_t n, uint32_t period) {
  uint64_t s = 0;
  for (uint32_t i = 0; i < n; i++) {
    jmp_buf env;
    handler = &env;
    if (setjmp(env)) s += payload;
    else s += f1(i, period);
  }
  return s;
}

uint64_t native_plain(uint32_t n) {
  uint64_t s = 0;
  for (uint32_t i = 0; i < n; i++) s += f1(i, 0);
  return s;
}
