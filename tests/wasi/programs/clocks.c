/* clocks.c - clocks, sleeping (poll_oneoff) and random bytes. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double secs(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void) {
  double t0 = secs(CLOCK_MONOTONIC);
  struct timespec d = {0, 30 * 1000 * 1000};
  nanosleep(&d, NULL);
  double slept = secs(CLOCK_MONOTONIC) - t0;
  printf("slept at least 30 ms: %s\n", slept >= 0.029 ? "yes" : "no");
  printf("realtime after 2020: %s\n", time(NULL) > 1577836800 ? "yes" : "no");
  printf("process cpu time >= 0: %s\n", secs(CLOCK_PROCESS_CPUTIME_ID) >= 0 ? "yes" : "no");
  unsigned char a[16], b[16];
  getentropy(a, sizeof a);
  getentropy(b, sizeof b);
  printf("two random draws differ: %s\n", memcmp(a, b, sizeof a) ? "yes" : "no");
  return 0;
}
