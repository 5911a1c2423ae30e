/* interrupt.c - the epoch counter and per-instance deadlines and fuel behind
 * W2L_EPOCH_CHECK and W2L_FUEL (code translated with --epoch / --fuel). */
#include "internal.h"

uint64_t w2l_epoch;

/* What new instances on this thread start with (w2l_set_new_instance_budget). */
static _Thread_local uint64_t new_epoch_ticks;
static _Thread_local uint64_t new_fuel = UINT64_MAX;

/* The epoch ticks after now (0: never). */
static uint64_t deadline(uint64_t now, uint64_t ticks) {
  return ticks == 0 || ticks > UINT64_MAX - now ? UINT64_MAX : now + ticks;
}

void w2l_epoch_increment(void) { __atomic_fetch_add(&w2l_epoch, 1, __ATOMIC_RELAXED); }

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
}
