/* trees.c - recursion and allocation: build, walk and discard complete binary trees
 * (bump allocator over a static pool), plus one long-lived tree. */
#include "bench.h"

struct node {
  struct node *left, *right; /* both NULL for a leaf */
  uint32_t value;            /* payload mixed into the walk */
};

#define POOL (1u << 20)
static struct node pool[POOL];
static uint32_t used;

static struct node *make(uint32_t depth, uint32_t value) {
  struct node *n = &pool[used++];
  n->value = value;
  if (depth == 0) {
    n->left = n->right = NULL;
  } else {
    n->left = make(depth - 1, value * 2);
    n->right = make(depth - 1, value * 2 + 1);
  }
  return n;
}

static uint32_t walk(const struct node *n) {
  if (!n->left) return n->value & 7;
  return 1 + walk(n->left) + (walk(n->right) ^ (n->value & 3));
}

BENCH_ENTRY(trees) {
  uint32_t n = BENCH_REPS(30);
  uint32_t max_depth = reps ? 12 : 18;
  uint64_t h = BENCH_MIX_INIT;
  used = 0;
  struct node *keep = make(max_depth - 2, 1);
  uint32_t base = used;
  for (uint32_t r = 0; r < n; r++) {
    for (uint32_t d = 4; d <= max_depth; d += 2) {
      uint32_t iters = 1u << (max_depth - d + 2), sum = 0;
      for (uint32_t i = 0; i < iters; i++) {
        used = base;
        sum += walk(make(d, i));
      }
      h = bench_mix(h, sum);
    }
  }
  return bench_mix(h, walk(keep));
}
