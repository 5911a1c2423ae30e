/* main.c - the main program: a WASI program that loads plugins (side modules)
 * at run time with dlopen, calls them through the pointers dlsym gives, hands
 * them its own function and offers them the API of app.h. */
#include <stdio.h>

#include "app.h"
#include "w2l_dlfcn.h"

/* The API of app.h: exported, so that the loader can bind the plugins' imports. */
__attribute__((export_name("app_print"))) void app_print(const char *line) {
  printf("  %s\n", line);
}
__attribute__((export_name("app_print_int"))) void app_print_int(const char *label, int value) {
  printf("  %s: %d\n", label, value);
}

/* A function of the main program that a plugin calls through a pointer. */
static int rot13(int c) {
  if (c >= 'a' && c <= 'z') return 'a' + (c - 'a' + 13) % 26;
  return c;
}

int main(void) {
  printf("dlopen(\"libshout.wasm\"), which needs libwords.wasm\n");
  void *shout = dlopen("libshout.wasm", RTLD_NOW);
  if (!shout) {
    printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  int (*shout_all)(int (*)(int)) = (int (*)(int (*)(int)))dlsym(shout, "shout_all");
  int (*upper)(int) = (int (*)(int))dlsym(shout, "shout_upper");
  int (**filter)(int) = (int (**)(int))dlsym(shout, "shout_filter");
  if (!shout_all || !upper || !filter) {
    printf("dlsym failed: %s\n", dlerror());
    return 1;
  }
  printf("shout_all(NULL): libshout's own function, called from libwords\n");
  printf("  -> %d words\n", shout_all(NULL));
  printf("shout_all(rot13): the main program's function, called from libwords\n");
  shout_all(rot13);
  /* Data of a side module, read directly: libwords' relocated pointers. */
  const char *const *list = (const char *const *)dlsym(RTLD_DEFAULT, "words_list");
  printf("words_list[1] read by main: %s\n", list ? list[1] : "(not found)");
  /* One function, one pointer: dlsym's and the one in libshout's data. */
  printf("dlsym(\"shout_upper\") == shout_filter: %s\n", upper == *filter ? "yes" : "no");
  printf("upper('q') = %c\n", upper('q'));

  printf("dlclose(libshout): %d\n", dlclose(shout));
  printf("dlsym(RTLD_DEFAULT, \"words_list\") after dlclose: %s\n",
         dlsym(RTLD_DEFAULT, "words_list") ? "found" : "gone");
  dlerror(); /* that failure's message is not needed */
  void *none = dlopen("libmissing.wasm", RTLD_NOW);
  printf("dlopen(\"libmissing.wasm\"): %s\n", none ? "loaded?" : dlerror());
  return 0;
}
