/* strong.c - libstrong: a strong shared_weak, which overrides libbase's weak
 * one when loaded first. */
int shared_weak(void) { return 2; }
int maybe_data = 7;
int maybe_func(void) { return 8; }
