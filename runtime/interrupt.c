/* interrupt.c - the epoch counter and per-instance deadlines and fuel behind
 * W2L_EPOCH_CHECK and W2L_FUEL (code translated with --epoch / --fuel). */
#include "internal.h"

uint64_t w2l_epoch;

/* What new instances on this thread start with (w2l_set_new_instance_budget). */
static _Thread_local uint64_t new_epoch_ticks;
static _Thread_local uint64_t new_fuel = UINT64_MAX;

void w2l_epoch_increment(void) { __atomic_fetch_add(&w2l_epoch, 1, __ATOMIC_RELAXED); }

uint64_t w2l_epoch_now(void) { return __atomic_load_n(&w2l_epoch, __ATOMIC_RELAXED); }

void w2l_instance_set_epoch_deadline(w2l_instance *inst, uint64_t ticks) {
  uint64_t now = w2l_epoch_now();
  inst->epoch_deadline = ticks == 0 || ticks > UINT64_MAX - now ? UINT64_MAX : now + ticks;
}

void w2l_instance_set_fuel(w2l_instance *inst, uint64_t fuel) { inst->fuel = fuel; }

uint64_t w2l_instance_fuel(const w2l_instance *inst) { return inst->fuel; }

void w2l_set_new_instance_budget(uint64_t epoch_ticks, uint64_t fuel) {
  new_epoch_ticks = epoch_ticks;
  new_fuel = fuel;
}

void rt_init_budget(w2l_instance *inst) {
  w2l_instance_set_epoch_deadline(inst, new_epoch_ticks);
  inst->fuel = new_fuel;
}
