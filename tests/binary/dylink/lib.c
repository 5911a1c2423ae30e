/* lib.c - the library side.c needs (NEEDED "libdep.so"); see build.sh. */
int lib_value = 5;
int lib_get(void) { return lib_value; }
