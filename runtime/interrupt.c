/* interrupt.c - the epoch counter and per-instance deadlines and fuel behind
 * W2L_EPOCH_CHECK and W2L_FUEL (code translated with --epoch / --fuel). */
#include <sched.h>
#include <stdatomic.h>

#include "internal.h"

uint64_t w2l_epoch;

/* Threads inside protected calls register their w2l_stack_limit here so a
 * tick can poke it (see W2L_FUNC_ENTRY_EPOCH).  A fixed array: a signal
 * handler may walk it, so no locks and no allocation. */
#define POKE_SLOTS 1024
static _Atomic(uintptr_t *) poke_target[POKE_SLOTS]; /* a registered limit, or NULL */
static atomic_uint poke_users[POKE_SLOTS];           /* ticks writing through the slot now */
static atomic_size_t poke_top;                       /* no slot at or above is in use */
static atomic_size_t epoch_instances;                /* instances with epoch checks */

/* What new instances on this thread start with (w2l_set_new_instance_budget). */
static _Thread_local uint64_t new_epoch_ticks;
static _Thread_local uint64_t new_fuel = UINT64_MAX;

/* The epoch ticks after now (0: never). */
static uint64_t deadline(uint64_t now, uint64_t ticks) {
  return ticks == 0 || ticks > UINT64_MAX - now ? UINT64_MAX : now + ticks;
}

int rt_poke_register(uintptr_t *limit) {
  for (size_t i = 0; i < POKE_SLOTS; i++) {
    uintptr_t *none = NULL;
    if (atomic_compare_exchange_strong(&poke_target[i], &none, limit)) {
      size_t top = atomic_load(&poke_top);
      while (top <= i && !atomic_compare_exchange_weak(&poke_top, &top, i + 1)) continue;
      return (int)i;
    }
  }
  return -1;
}

void rt_poke_unregister(int slot) {
  if (slot < 0) return;
  atomic_store(&poke_target[slot], NULL);
  while (atomic_load(&poke_users[slot])) sched_yield();
}

bool rt_epoch_armed(void) { return atomic_load(&epoch_instances) != 0; }

/* Async-signal-safe: atomics only, and the slots' owners wait for it. */
void w2l_epoch_increment(void) {
  __atomic_fetch_add(&w2l_epoch, 1, __ATOMIC_SEQ_CST);
  if (!rt_epoch_armed()) return;
  size_t top = atomic_load(&poke_top);
  for (size_t i = 0; i < top; i++) {
    atomic_fetch_add(&poke_users[i], 1);
    uintptr_t *limit = atomic_load(&poke_target[i]);
    if (limit) __atomic_store_n(limit, W2L_STACK_POKED, __ATOMIC_SEQ_CST);
    atomic_fetch_sub(&poke_users[i], 1);
  }
}

uint64_t w2l_epoch_now(void) { return __atomic_load_n(&w2l_epoch, __ATOMIC_RELAXED); }

void w2l_instance_set_epoch_deadline(w2l_instance *inst, uint64_t ticks) {
  if (w2l_instance_live(inst)) inst->epoch_deadline = deadline(w2l_epoch_now(), ticks);
}

void w2l_instance_set_fuel(w2l_instance *inst, uint64_t fuel) {
  if (w2l_instance_live(inst)) inst->fuel = fuel;
}

uint64_t w2l_instance_fuel(const w2l_instance *inst) {
  return w2l_instance_live(inst) ? inst->fuel : 0;
}

void w2l_set_new_instance_budget(uint64_t epoch_ticks, uint64_t fuel) {
  new_epoch_ticks = epoch_ticks;
  new_fuel = fuel;
}

void rt_init_budget(w2l_instance *inst) {
  inst->epoch_deadline = deadline(w2l_epoch_now(), new_epoch_ticks);
  inst->fuel = new_fuel;
  if (inst->module->interrupt & W2L_INTERRUPT_EPOCH) atomic_fetch_add(&epoch_instances, 1);
}

void rt_release_budget(w2l_instance *inst) {
  if (inst->module->interrupt & W2L_INTERRUPT_EPOCH) atomic_fetch_sub(&epoch_instances, 1);
}
