/* cyc1.c - libcyc1 NEEDs libcyc2, which NEEDs libcyc1 (dlopen must fail). */
extern int cyc2(void);
int cyc1(void) { return cyc2() + 1; }
