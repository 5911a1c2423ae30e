/* base.c - libbase: data, a function pointer in data, a weak definition and a
 * constructor; the bottom of the NEEDED chain top -> user -> base.  Like every
 * side module of this directory it uses no libc: its only undefined function
 * is host_log, which the test host provides. */
extern void host_log(int what, int value);

int base_value = 42;
int *base_self = &base_value; /* a data relocation to its own data */
static int ctor_runs;

int base_add(int a, int b) { return a + b; }
int (*base_add_ptr)(int, int) = base_add; /* a function pointer in data */

/* Weak: a strong definition loaded before this module wins. */
__attribute__((weak)) int shared_weak(void) { return 1; }
int base_calls_weak(void) { return shared_weak(); }

/* Undefined weak symbols: 0 unless a module defines them. */
extern int maybe_data __attribute__((weak));
extern int maybe_func(void) __attribute__((weak));
int base_has_maybe(void) { return (&maybe_data != 0) + 2 * (maybe_func != 0); }

__attribute__((constructor)) static void base_init(void) {
  ctor_runs++;
  host_log(1, base_value);
}
int base_ctor_runs(void) { return ctor_runs; }

int (*base_get_add(void))(int, int) { return base_add; }
int base_bump(void) { return ++base_value; }
/* Call a function pointer from any module. */
int base_call(int (*f)(int, int), int a, int b) { return f(a, b); }
