/* fsops.c - files and directories under the granted /data: create, write,
 * read back, seek, stat, list, rename, truncate, remove; each step prints
 * its result or errno's text. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void step(const char *what, int r) {
  printf("%-34s %s\n", what, r == 0 ? "ok" : strerror(errno));
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir) {
  DIR *d = opendir(dir);
  char *names[64];
  int n = 0;
  struct dirent *e;
  if (!d) {
    printf("opendir %s: %s\n", dir, strerror(errno));
    return;
  }
  while ((e = readdir(d)) && n < 64)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, by_name);
  printf("%s:", dir);
  for (int i = 0; i < n; i++) printf(" %s", names[i]), free(names[i]);
  printf("\n");
}

int main(void) {
  step("mkdir /data/dir", mkdir("/data/dir", 0755));
  step("mkdir /data/dir again", mkdir("/data/dir", 0755));
  int fd = open("/data/dir/file.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  step("open dir/file.txt", fd < 0 ? -1 : 0);
  const char text[] = "0123456789abcdef";
  step("write 16 bytes", write(fd, text, 16) == 16 ? 0 : -1);
  step("lseek to 4", lseek(fd, 4, SEEK_SET) == 4 ? 0 : -1);
  char buf[8] = {0};
  step("read 4 bytes", read(fd, buf, 4) == 4 ? 0 : -1);
  printf("read back: %s; position %ld\n", buf, (long)lseek(fd, 0, SEEK_CUR));
  step("pwrite at 14", pwrite(fd, "XYZ", 3, 14) == 3 ? 0 : -1);
  struct stat st;
  step("fstat", fstat(fd, &st));
  printf("size %lld, regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  step("ftruncate to 10", ftruncate(fd, 10));
  step("fstat", fstat(fd, &st));
  printf("size %lld\n", (long long)st.st_size);
  close(fd);
  FILE *in = fopen("/data/input.txt", "r");
  char line[64];
  while (in && fgets(line, sizeof line, in)) printf("input: %s", line);
  if (in) fclose(in);
  step("rename to moved.txt", rename("/data/dir/file.txt", "/data/dir/moved.txt"));
  step("open the old name", open("/data/dir/file.txt", O_RDONLY) < 0 ? -1 : 0);
  list("/data");
  list("/data/dir");
  step("rmdir a non-empty dir", rmdir("/data/dir"));
  step("unlink moved.txt", unlink("/data/dir/moved.txt"));
  step("rmdir dir", rmdir("/data/dir"));
  step("stat a missing file", stat("/data/missing", &st));
  step("open outside /data", open("/etc/passwd", O_RDONLY) < 0 ? -1 : 0);
  list("/data");
  return 0;
}
