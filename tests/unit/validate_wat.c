/* validate_wat.c - run the text reader and the validator over every top-level
 * (module ...) of a .wat file and check each against the comment just before
 * it:
 *     ;; valid
 *     ;; invalid: EXACT MESSAGE
 * Prints one line per module ("ok" or the full diagnostic, with line:col and
 * caret) so the suite can also compare the output with a golden file, a line
 * "FAIL file:line: ..." for every module whose outcome differs, and at the end
 * "N passed, N failed" (one case per module).  Exit status 1 if any failed.
 *
 * usage: validate_wat FILE.wat...
 */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

struct job {
  struct arena arena;       /* IR of the current module */
  struct source src;        /* the whole file */
  size_t start, end;        /* range of the (module ...) form */
};

static void check(void *arg) {
  struct job *j = arg;
  struct module *m = wat_parse_module_range(&j->arena, &j->src, j->start, j->end);
  val_module(m, &val_features_all);
}

static bool read_file(const char *path, struct source *src) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *buf = malloc((size_t)n + 1);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    free(buf);
    return false;
  }
  fclose(f);
  *src = (struct source){path, buf, (size_t)n, true};
  return true;
}

/* End of the s-expression that opens at p (just past its ')'), skipping
 * strings and comments; len if unbalanced. */
static size_t form_end(const char *s, size_t p, size_t len) {
  int depth = 0;
  while (p < len) {
    if (s[p] == '"') {
      for (p++; p < len && s[p] != '"'; p++)
        if (s[p] == '\\') p++;
      p++;
    } else if (s[p] == ';' && p + 1 < len && s[p + 1] == ';') {
      while (p < len && s[p] != '\n') p++;
    } else if (s[p] == '(' && p + 1 < len && s[p + 1] == ';') {
      int nest = 1;
      for (p += 2; p < len && nest; p++) {
        if (s[p] == '(' && p + 1 < len && s[p + 1] == ';') nest++, p++;
        else if (s[p] == ';' && p + 1 < len && s[p + 1] == ')') nest--, p++;
      }
    } else {
      if (s[p] == '(') depth++;
      if (s[p] == ')' && --depth == 0) return p + 1;
      p++;
    }
  }
  return len;
}

static size_t line_of(const char *s, size_t p) {
  size_t line = 1;
  for (size_t i = 0; i < p; i++) line += s[i] == '\n';
  return line;
}

static int nmodules; /* modules checked, over all files */

static int run_file(const char *path) {
  struct job j = {0};
  int failures = 0;
  if (!read_file(path, &j.src)) {
    printf("FAIL %s: cannot read\n", path);
    return 1;
  }
  const char *s = (const char *)j.src.data;
  size_t len = j.src.size;
  const char *expect = NULL; /* text after ";; " of the last expectation comment */
  size_t expect_len = 0;
  for (size_t p = 0; p < len;) {
    if (s[p] == ';' && p + 1 < len && s[p + 1] == ';') {
      size_t e = p;
      while (e < len && s[e] != '\n') e++;
      if (e - p >= 8 && (strncmp(s + p, ";; valid", 8) == 0 || strncmp(s + p, ";; invalid: ", 12) == 0))
        expect = s + p + 3, expect_len = e - p - 3;
      p = e;
    } else if (s[p] == '(') {
      j.start = p;
      j.end = form_end(s, p, len);
      int failed = diag_protect(check, &j);
      nmodules++;
      printf("%s\n", failed ? diag.message : "ok");
      size_t line = line_of(s, p);
      if (!expect) {
        printf("FAIL %s:%zu: module without a ;; valid / ;; invalid: comment\n", path, line);
        failures++;
      } else if (!failed && strncmp(expect, "valid", expect_len) != 0) {
        printf("FAIL %s:%zu: accepted, expected %.*s\n", path, line, (int)expect_len, expect);
        failures++;
      } else if (failed && (expect_len < 9 || strncmp(expect, "invalid: ", 9) != 0 ||
                            strlen(diag.reason) != expect_len - 9 ||
                            strncmp(diag.reason, expect + 9, expect_len - 9) != 0)) {
        printf("FAIL %s:%zu: got \"%s\", expected %.*s\n", path, line, diag.reason,
               (int)expect_len, expect);
        failures++;
      }
      expect = NULL;
      arena_free(&j.arena);
      p = j.end;
    } else {
      p++;
    }
  }
  free((void *)j.src.data);
  return failures;
}

int main(int argc, char **argv) {
  int failures = 0;
  for (int i = 1; i < argc; i++) failures += run_file(argv[i]);
  printf("%d passed, %d failed\n", nmodules - failures, failures);
  return failures != 0;
}
