/* side.c - a side module built by real tools (build.sh), so that the tests see
 * the dylink.0 section and imports clang and wasm-ld write: a data pointer
 * (relocated at load time), a function pointer (a table slot at __table_base),
 * a weak undefined function, a weak definition, a function of libdep.so. */
extern int lib_get(void);
__attribute__((weak)) extern int maybe(int);
__attribute__((weak)) int tunable(void) { return 1; }

int counter = 3;
int *counter_ptr = &counter;

static int twice(int x) { return 2 * x; }
int (*volatile op)(int) = twice;

int side_next(int x) {
  *counter_ptr += op(x);
  return *counter_ptr + lib_get() + tunable() + (maybe ? maybe(x) : 0);
}
