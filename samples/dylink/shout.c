/* shout.c - libshout, a side module that needs libwords (linked against it:
 * NEEDED): it reads libwords' data, hands its own function to libwords and
 * prints through the main program. */
#include "app.h"

extern const char *const words_list[];
extern void words_apply(char *s, int (*f)(int));

int shout_upper(int c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }
/* A pointer to its own function, in its data (the main program reads it). */
int (*shout_filter)(int) = shout_upper;

static char line[64];

/* Print every word of libwords, transformed by f (NULL: shout_upper). */
int shout_all(int (*f)(int)) {
  int n = 0;
  for (const char *const *w = words_list; *w; w++, n++) {
    int i = 0;
    for (; (*w)[i] && i < (int)sizeof line - 1; i++) line[i] = (*w)[i];
    line[i] = 0;
    words_apply(line, f ? f : shout_upper);
    app_print(line);
  }
  return n;
}
