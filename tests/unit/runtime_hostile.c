/* runtime_hostile.c - what hostile plugins (and careless hosts) must not do
 * to the host: a start function that grabs memory and traps leaves nothing
 * behind (RSS and mappings back near where they were, in both memory
 * strategies); a handle of a freed instance is refused, not followed. */
#include "runtime_test.h"

#include "growtrap.h"
#include "interrupt.h"

/* 15 attempts at a start that fills 100 MiB and traps: a leak keeps 1.5 GB
 * resident (and 8 GiB of address space per attempt in guard mode). */
static void test_trapping_start(void) {
  w2l_error err;
  /* One attempt first: the runtime's one-time setup (signal stack, ...) is
   * not a leak. */
  CHECK(growtrap_instantiate(NULL, &err) == NULL, "instantiated");
  long long rss0 = test_rss_bytes();
  long maps0 = test_map_count();
  for (int k = 0; k < 15; k++) {
    CHECK(growtrap_instantiate(NULL, &err) == NULL, "instantiated");
    CHECK_TRAP(err.trap, W2L_TRAP_UNREACHABLE);
  }
  long long grown = test_rss_bytes() - rss0;
  long maps = test_map_count() - maps0;
  printf("trapping start x15: RSS %+lld KiB, mappings %+ld\n", grown / 1024, maps);
#if !defined(__SANITIZE_ADDRESS__)
  CHECK(grown < 64ll << 20, "RSS grew by %lld MiB", grown >> 20);
#endif
  CHECK(maps <= 4, "%ld more mappings", maps);
}

/* Calls, lookups and frees through a freed instance's handle: refused
 * (ASan would report a use-after-free or double free otherwise). */
static void test_stale_handle(void) {
  w2l_error err;
  w2l_val res[1];
  w2l_extern ext;
  w2l_instance *inst = interrupt_instantiate(NULL, &err);
  CHECK(inst != NULL, "instantiate: %s", err.message);
  if (!inst) return;
  CHECK(w2l_instance_live(inst), "a new instance is not live");
  CHECK_TRAP(w2l_call(inst, "progress", NULL, 0, res, 1, &err), W2L_OK);
  w2l_instance_free(inst);
  CHECK(!w2l_instance_live(inst), "a freed instance is live");
  CHECK_TRAP(w2l_call(inst, "progress", NULL, 0, res, 1, &err), W2L_TRAP_CALL_ERROR);
  CHECK_STR(err.message, "stale instance handle: calling \"progress\"");
  CHECK(!w2l_instance_export(inst, "progress", &ext), "export of a freed instance");
  w2l_instance_set_fuel(inst, 5);
  w2l_instance_set_epoch_deadline(inst, 5);
  w2l_instance_set_memory_limit(inst, 5);
  CHECK(w2l_instance_fuel(inst) == 0, "fuel of a freed instance");
  w2l_instance_free(inst); /* a double free: ignored */
  CHECK(!w2l_instance_live(NULL), "NULL is live");
}

int main(void) {
  test_trapping_start();
  test_stale_handle();
  return test_finish();
}
