/* native.c - machine.wat's two machines written as C loops (the reference). */
#include <stdint.h>

uint64_t native_direct(uint32_t n) {
  uint64_t x = 1;
  for (; n; n--) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    uint32_t k = (uint32_t)x; /* $b passes the low bits before the shift */
    x ^= x >> 29;
    x += k & 255;
  }
  return x;
}

uint64_t native_indirect(uint32_t n) {
  uint64_t x = 1;
  for (; n; n--) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    x ^= x >> 29;
    x += x & 255;
  }
  return x;
}
