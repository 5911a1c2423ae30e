/* user.c - libuser, linked against libbase (NEEDED): pointers in its data to
 * libbase's data and function, the same function's address taken in code. */
extern int base_value;
extern int base_add(int, int);
extern int (*base_add_ptr)(int, int);
extern int base_call(int (*f)(int, int), int a, int b);
extern void host_log(int what, int value);

int *user_ptr = &base_value;         /* data -> another module's data */
int (*user_fn)(int, int) = base_add; /* data -> another module's function */

static int user_mul(int a, int b) { return a * b; }

int user_read(void) { return *user_ptr; }
/* 1 when every way of naming base_add gives the same pointer. */
int user_same_fn(void) { return user_fn == base_add && base_add_ptr == base_add; }
int (*user_get_add(void))(int, int) { return base_add; }
int (*user_get_mul(void))(int, int) { return user_mul; }
/* libbase calls a static function of libuser through its pointer. */
int user_via_base(int a, int b) { return base_call(user_mul, a, b); }
int user_sum(void) { return user_fn(*user_ptr, 100); }
