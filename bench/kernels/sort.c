/* sort.c - branchy code: quicksort (median of three, insertion sort below 16) of 1M integers. */
#include "bench.h"

#define COUNT (1u << 20)
static uint32_t v[COUNT];

static void insertion(uint32_t *a, int32_t n) {
  for (int32_t i = 1; i < n; i++) {
    uint32_t x = a[i];
    int32_t j = i - 1;
    while (j >= 0 && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

static void swap(uint32_t *a, uint32_t *b) {
  uint32_t t = *a;
  *a = *b;
  *b = t;
}

/* Recurse into the smaller part, loop on the larger: depth stays O(log n). */
static void quicksort(uint32_t *a, int32_t n) {
  while (n > 16) {
    int32_t m = n / 2;
    if (a[m] < a[0]) swap(&a[m], &a[0]);
    if (a[n - 1] < a[0]) swap(&a[n - 1], &a[0]);
    if (a[n - 1] < a[m]) swap(&a[n - 1], &a[m]);
    uint32_t pivot = a[m];
    int32_t i = 0, j = n - 1;
    for (;;) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i >= j) break;
      swap(&a[i], &a[j]);
      i++, j--;
    }
    int32_t left = j + 1;
    if (left < n - left) {
      quicksort(a, left);
      a += left, n -= left;
    } else {
      quicksort(a + left, n - left);
      n = left;
    }
  }
  insertion(a, n);
}

BENCH_ENTRY(sort) {
  uint32_t n = BENCH_REPS(16);
  uint32_t count = reps ? 50000 : COUNT;
  uint64_t seed = 11, h = BENCH_MIX_INIT;
  for (uint32_t r = 0; r < n; r++) {
    /* Alternate random data and data with many duplicates. */
    uint32_t mask = (r & 1) ? 0x3ff : 0xffffffffu;
    for (uint32_t i = 0; i < count; i++) v[i] = (uint32_t)bench_rand(&seed) & mask;
    quicksort(v, (int32_t)count);
    for (uint32_t i = 1; i < count; i++)
      if (v[i - 1] > v[i]) return 0;
    h = bench_mix(h, v[count / 3]);
    h = bench_mix(h, v[count - 1]);
  }
  return h;
}
