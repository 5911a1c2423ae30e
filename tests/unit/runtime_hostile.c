/* runtime_hostile.c - what hostile plugins (and careless hosts) must not do
 * to the host: a start function that grabs memory and traps leaves nothing
 * behind (RSS and mappings back near where they were, in both memory
 * strategies); a handle of a freed instance is refused, not followed. */
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "runtime_test.h"

#include "growtrap.h"
#include "interrupt.h"
#include "sneakstart.h"

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

/* sneakstart's start function hands its own function to the host through
 * the shared table, takes it back out and traps: the host's copy must still
 * work (the half-made instance is kept, not freed: ASan would report the
 * call below as a use-after-free, and reused memory would answer garbage). */
static w2l_ref copied;
static void copy_slot0(void *env) { copied = w2l_table_get(env, 0); }

static void test_start_hands_out_ref(void) {
  w2l_error err;
  w2l_linker *l = w2l_linker_new();
  w2l_table *t = w2l_table_new(W2L_FUNCREF, 1, 1);
  w2l_linker_define(l, "host", "table", (w2l_extern){W2L_EXTERN_TABLE, {.table = t}});
  w2l_linker_define_func(l, "host", "copy_slot0", ":", (void (*)(void))copy_slot0, t);
  CHECK(w2l_linker_instantiate(l, &sneakstart_module, NULL, &err) == NULL, "instantiated");
  CHECK_TRAP(err.trap, W2L_TRAP_UNREACHABLE);
  CHECK(t->elems[0].fn == NULL, "the slot was not cleared");
  CHECK(copied.fn != NULL, "the host saw no function");
  /* Churn the heap so that a freed instance would be overwritten. */
  enum { JUNK = 512 };
  void *junk[JUNK];
  for (int i = 0; i < JUNK; i++) {
    size_t n = 16 + (size_t)(i % 128) * 16;
    junk[i] = malloc(n);
    if (junk[i]) memset(junk[i], 0xA5, n);
  }
  if (copied.fn) CHECK(((uint32_t (*)(void *))copied.fn)(copied.obj) == 42, "the copy answers");
  for (int i = 0; i < JUNK; i++) free(junk[i]);
  w2l_linker_free(l);
  w2l_table_free(t);
}

/* Guard mode under a tight address-space limit: instantiation fails and
 * says why and what to do (in a child process: the limit stays there). */
static void test_guard_under_ulimit(void) {
#if W2L_BOUNDS == W2L_BOUNDS_GUARD && !defined(__SANITIZE_ADDRESS__)
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    struct rlimit lim = {(rlim_t)4 << 30, (rlim_t)4 << 30};
    w2l_error err;
    if (setrlimit(RLIMIT_AS, &lim) != 0) _exit(3);
    if (growtrap_instantiate(NULL, &err)) _exit(4);
    _exit(strstr(err.message, "guard mode reserves 8 GiB of address space per memory") &&
                  strstr(err.message, "BOUNDS=explicit")
              ? 0
              : 5);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
#endif
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
  test_start_hands_out_ref();
  test_guard_under_ulimit();
  test_stale_handle();
  return test_finish();
}
