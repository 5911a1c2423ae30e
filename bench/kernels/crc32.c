/* crc32.c - integer work with byte loads: table-driven CRC-32 (reflected 0xEDB88320) of 1 MiB. */
#include "bench.h"

#define BUF (1u << 20)

static uint32_t table[256];
static uint8_t buf[BUF];

static void make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int j = 0; j < 8; j++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, uint32_t n) {
  crc = ~crc;
  for (uint32_t i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

BENCH_ENTRY(crc32) {
  uint32_t n = BENCH_REPS(400);
  uint64_t seed = 3, h = BENCH_MIX_INIT;
  make_table();
  /* Known answer: CRC-32 of "123456789" is cbf43926. */
  for (int i = 0; i < 9; i++) buf[i] = (uint8_t)('1' + i);
  if (crc32(0, buf, 9) != 0xcbf43926u) return 0;
  for (uint32_t i = 0; i < BUF; i++) buf[i] = (uint8_t)bench_rand(&seed);
  uint32_t crc = 0;
  for (uint32_t r = 0; r < n; r++) {
    crc = crc32(crc, buf, BUF);
    buf[r % BUF] ^= (uint8_t)crc;
    h = bench_mix(h, crc);
  }
  return h;
}
