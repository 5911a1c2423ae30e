/* undef.c - libundef: calls a function no module defines (dlopen must fail). */
extern int nowhere(int);
int undef_call(int x) { return nowhere(x); }
