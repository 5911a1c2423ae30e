/* hashtab.c - memory-bound, random access: open addressing hash table (linear probing,
 * 4M slots = 32 MiB), inserts then hits and misses. */
#include "bench.h"

#define BITS 22
#define SLOTS (1u << BITS)

struct slot {
  uint32_t key; /* 0 = empty */
  uint32_t value;
};
static struct slot table[SLOTS];

static uint32_t hash(uint32_t key, uint32_t bits) { return (key * 0x9E3779B1u) >> (32 - bits); }

static void insert(uint32_t bits, uint32_t key, uint32_t value) {
  uint32_t mask = (1u << bits) - 1, i = hash(key, bits);
  while (table[i].key != 0 && table[i].key != key) i = (i + 1) & mask;
  table[i].key = key;
  table[i].value += value;
}

static uint32_t lookup(uint32_t bits, uint32_t key) {
  uint32_t mask = (1u << bits) - 1, i = hash(key, bits);
  while (table[i].key != 0) {
    if (table[i].key == key) return table[i].value;
    i = (i + 1) & mask;
  }
  return 0;
}

BENCH_ENTRY(hashtab) {
  uint32_t n = BENCH_REPS(3);
  uint32_t bits = reps ? 16 : BITS;
  uint32_t count = (1u << bits) / 10 * 7; /* load factor 0.7 */
  uint64_t h = BENCH_MIX_INIT;
  for (uint32_t r = 0; r < n; r++) {
    uint64_t seed = 5 + r, seed2;
    uint32_t found = 0, sum = 0;
    memset(table, 0, sizeof(struct slot) << bits);
    for (uint32_t i = 0; i < count; i++) insert(bits, (uint32_t)bench_rand(&seed) | 1, i);
    /* Hits: replay the same keys; misses: even keys are never inserted. */
    seed2 = 5 + r;
    for (uint32_t i = 0; i < count; i++) {
      uint32_t v = lookup(bits, (uint32_t)bench_rand(&seed2) | 1);
      sum += v;
      found += lookup(bits, (uint32_t)bench_rand(&seed) & ~1u) != 0;
    }
    h = bench_mix(h, sum);
    h = bench_mix(h, found);
  }
  return h;
}
