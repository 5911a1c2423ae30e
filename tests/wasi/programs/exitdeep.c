/* exitdeep.c - exit() from deep in a recursion, with buffered output pending. */
#include <stdio.h>
#include <stdlib.h>

static int down(int n) {
  if (n == 0) {
    printf("at the bottom, exiting with 42\n"); /* still in stdio's buffer */
    exit(42);
  }
  return down(n - 1) + 1;
}

int main(void) {
  printf("going down\n");
  return down(5000);
}
