/* cyc2.c - libcyc2 NEEDs libcyc1 (see cyc1.c). */
extern int cyc1(void);
int cyc2(void) { return 2; }
int cyc2_back(void) { return cyc1(); }
