/* words.c - libwords, a side module: a word list (pointers in its data,
 * relocated where the loader puts it) and a function that applies any
 * function pointer to each letter of a string. */
#include "app.h"

const char *const words_list[] = {"hello", "dynamic", "world", 0};

int words_count(void) {
  int n = 0;
  while (words_list[n]) n++;
  return n;
}

/* Apply f to each character of s in place: f may live in any module. */
void words_apply(char *s, int (*f)(int)) {
  for (; *s; s++) *s = (char)f(*s);
}

__attribute__((constructor)) static void words_loaded(void) {
  app_print_int("libwords loaded, words", words_count());
}
