/* quota.c - byte quotas that memories and tables charge as they are created
 * and grow, and give back when freed: one budget for everything an instance
 * (or every instance of a linker) allocates on behalf of wasm code. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

struct w2l_quota {
  _Atomic uint64_t used; /* bytes charged now */
  _Atomic uint64_t max;  /* charges that would pass it fail */
  atomic_uint refs;      /* the creator's reference + one per object charging it */
};

_Thread_local w2l_quota *rt_new_quota;
_Thread_local w2l_quota *rt_instance_quota;
_Thread_local char rt_alloc_error[240];

w2l_quota *w2l_quota_new(uint64_t max_bytes) {
  w2l_quota *q = calloc(1, sizeof *q);
  if (!q) return NULL;
  atomic_init(&q->used, 0);
  atomic_init(&q->max, max_bytes);
  atomic_init(&q->refs, 1);
  return q;
}

void w2l_quota_free(w2l_quota *q) { rt_quota_release(q); }

uint64_t w2l_quota_used(const w2l_quota *q) {
  return q ? atomic_load(&((w2l_quota *)q)->used) : 0;
}

uint64_t w2l_quota_max(const w2l_quota *q) {
  return q ? atomic_load(&((w2l_quota *)q)->max) : UINT64_MAX;
}

void w2l_quota_set_max(w2l_quota *q, uint64_t max_bytes) {
  if (q) atomic_store(&q->max, max_bytes);
}

void w2l_set_new_instance_quota(w2l_quota *q) { rt_instance_quota = q; }

w2l_quota *rt_quota_retain(w2l_quota *q) {
  if (q) atomic_fetch_add(&q->refs, 1);
  return q;
}

void rt_quota_release(w2l_quota *q) {
  if (q && atomic_fetch_sub(&q->refs, 1) == 1) free(q);
}

bool rt_quota_charge(w2l_quota *q, uint64_t bytes, const char *what) {
  if (!q || bytes == 0) return true;
  uint64_t used = atomic_load(&q->used), max = atomic_load(&q->max);
  do {
    if (used > max || bytes > max - used) {
      snprintf(rt_alloc_error, sizeof rt_alloc_error,
               "quota exceeded: %s needs %llu bytes, the quota has %llu of %llu left", what,
               (unsigned long long)bytes, (unsigned long long)(used < max ? max - used : 0),
               (unsigned long long)max);
      return false;
    }
  } while (!atomic_compare_exchange_weak(&q->used, &used, used + bytes));
  return true;
}

void rt_quota_uncharge(w2l_quota *q, uint64_t bytes) {
  if (q && bytes) atomic_fetch_sub(&q->used, bytes);
}
