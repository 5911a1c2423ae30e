/* many.c - libmanyN (built 100 times with -DN=0...99): its own data and
 * function, a pointer to libbase's function, all loaded at once. */
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
extern int base_add(int, int);
int CAT(many_data, N) = N;
int (*CAT(many_fn, N))(int, int) = base_add;
int CAT(many_get, N)(void) { return CAT(many_fn, N)(CAT(many_data, N), 1000); }
