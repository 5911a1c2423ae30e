/* hostile.c - libhostile: its constructor stores outside the memory, so
 * dlopen fails with the trap and nothing of it stays loaded. */
int hostile_value = 5;
__attribute__((constructor)) static void hostile_init(void) {
  *(volatile int *)0xfffffff0u = hostile_value;
}
int hostile_get(void) { return hostile_value; }
