/* lex_test.c - table-driven tests of the lexer API (compiler/lex.c): token
 * kinds, numeric literals to exact bits (or rejection), string decoding, and
 * the diagnostics of malformed tokens.  Prints FAIL lines and a summary. */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

static int pass, fail;

static void check(bool ok, const char *what, const char *input) {
  if (ok) {
    pass++;
  } else {
    fail++;
    printf("FAIL %s: %s\n", what, input);
  }
}

/* Lex the first token of s. */
static struct token first(struct lexer *lx, struct source *src, const char *s) {
  src->filename = "t";
  src->data = (const uint8_t *)s;
  src->size = strlen(s);
  src->is_text = true;
  lex_init(lx, src, 0, src->size);
  return lex_next(lx);
}

/* ---- token kinds ---- */
static const struct {
  const char *in;      /* input */
  enum tok_kind kind;  /* kind of its first token */
  size_t len;          /* and its length */
} kinds[] = {
    {"(", TOK_LPAR, 1},          {")", TOK_RPAR, 1},         {"  ;; c\n", TOK_EOF, 0},
    {"(; (; ;) ;)x", TOK_KEYWORD, 1}, {"module", TOK_KEYWORD, 6}, {"i32.add)", TOK_KEYWORD, 7},
    {"offset=4", TOK_KEYWORD, 8}, {"$x", TOK_ID, 2},         {"$a$b", TOK_ID, 4},
    {"$", TOK_RESERVED, 1},      {"0", TOK_NUMBER, 1},       {"-0x1p3", TOK_NUMBER, 6},
    {"inf", TOK_NUMBER, 3},      {"-nan:0x1", TOK_NUMBER, 8}, {"nan:canonical", TOK_KEYWORD, 13},
    {"\"a\\\"b\"", TOK_STRING, 6}, {"\"a\"\"b\"", TOK_RESERVED, 6}, {"data\"a\"", TOK_RESERVED, 7},
    {"0drop", TOK_RESERVED, 5},  {"1_", TOK_RESERVED, 2},    {"Abc", TOK_RESERVED, 3},
    {"a,b", TOK_RESERVED, 3},    {"nop;;c", TOK_KEYWORD, 3}, {"x;y", TOK_RESERVED, 3},
    /* annotations are skipped like white space; "( @a" is no annotation */
    {"(@a) nop", TOK_KEYWORD, 3}, {"(@a (b \")\") (@) (;x;)) $x", TOK_ID, 2},
    {";; a CR ends a line comment\rnop", TOK_KEYWORD, 3},
    {"(@\"id\" x) (@b)(@c)5", TOK_NUMBER, 1}, {"( @a)", TOK_LPAR, 1}, {"(@a)", TOK_EOF, 0},
};

/* ---- numbers: kind 'i' i32, 'I' i64, 'u' u32, 'U' u64, 'f' f32, 'F' f64 ---- */
static const struct {
  char kind;     /* which converter */
  const char *in; /* literal */
  bool ok;       /* accepted? */
  uint64_t bits; /* expected bits if accepted */
} nums[] = {
    {'i', "0", true, 0},
    {'i', "4294967295", true, 0xffffffff},
    {'i', "4294967296", false, 0},
    {'i', "-2147483648", true, 0x80000000},
    {'i', "-2147483649", false, 0},
    {'i', "+2147483647", true, 0x7fffffff},
    {'i', "+2147483648", false, 0},
    {'i', "0x1_0", true, 16},
    {'i', "1__0", false, 0},
    {'i', "_1", false, 0},
    {'i', "0x", false, 0},
    {'i', "1.0", false, 0},
    {'u', "-1", false, 0},
    {'u', "+1", false, 0},
    {'u', "0xffff_ffff", true, 0xffffffff},
    {'I', "-9223372036854775808", true, 0x8000000000000000u},
    {'I', "-9223372036854775809", false, 0},
    {'I', "18446744073709551615", true, 0xffffffffffffffffu},
    {'I', "18446744073709551616", false, 0},
    {'U', "0xFFFF_FFFF_FFFF_FFFF", true, 0xffffffffffffffffu},
    {'f', "0", true, 0},
    {'f', "-0.0", true, 0x80000000},
    {'f', "1", true, 0x3f800000},
    {'f', "0x1p-149", true, 1},
    {'f', "0x1p-150", true, 0},              /* halfway to the smallest subnormal: even */
    {'f', "0x1.000001p-149", true, 1},
    {'f', "0x1.fffffep127", true, 0x7f7fffff},
    {'f', "0x1.fffffefffffffffp127", true, 0x7f7fffff},
    {'f', "0x1.ffffffp127", false, 0},       /* rounds to infinity */
    {'f', "0x1p128", false, 0},
    {'f', "3.4028235e38", true, 0x7f7fffff},
    {'f', "3.4028236e38", false, 0},
    {'f', "1e-46", true, 0},
    {'f', "0x1.000001p0", true, 0x3f800000}, /* tie: to even */
    {'f', "0x1.000003p0", true, 0x3f800002}, /* tie: to even (up) */
    /* 1 + 2^-24 + 2^-54: via double it would become the tie and round down */
    {'f', "1.000000059604644830880620110356", true, 0x3f800001},
    {'f', "1_000.5e-1_0", true, 0x33d6db12},
    {'f', "0x1_0.8p+1", true, 0x42040000},
    {'f', "inf", true, 0x7f800000},
    {'f', "-inf", true, 0xff800000},
    {'f', "nan", true, 0x7fc00000},
    {'f', "-nan", true, 0xffc00000},
    {'f', "nan:0x1", true, 0x7f800001},
    {'f', "nan:0x7fffff", true, 0x7fffffff},
    {'f', "nan:0x800000", false, 0},
    {'f', "nan:0x0", false, 0},
    {'f', "1e", false, 0},
    {'f', "0x1p", false, 0},
    {'f', ".5", false, 0},
    {'F', "0.1", true, 0x3fb999999999999au},
    {'F', "0x1.fffffffffffffp1023", true, 0x7fefffffffffffffu},
    {'F', "0x1.fffffffffffff8p1023", false, 0},
    {'F', "1e309", false, 0},
    {'F', "2.4703282292062327e-324", true, 0},
    {'F', "2.4703282292062328e-324", true, 1},
    {'F', "nan:0xf_ffff_ffff_ffff", true, 0x7fffffffffffffffu},
    {'F', "nan:0x10_0000_0000_0000", false, 0},
    {'F', "-0x0.8p-1022", true, 0x8008000000000000u},
};

/* ---- strings ---- */
static const struct {
  const char *in;  /* string token */
  const char *out; /* decoded bytes */
  size_t len;      /* their count */
} strs[] = {
    {"\"\"", "", 0},
    {"\"a\\tb\"", "a\tb", 3},
    {"\"\\n\\r\\\"\\'\\\\\"", "\n\r\"'\\", 5},
    {"\"\\00\\ff\"", "\0\xff", 2},
    {"\"\\u{41}\\u{e9}\\u{20ac}\\u{1_f600}\"", "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10},
    {"\"\xc3\xa9\"", "\xc3\xa9", 2},
};

/* ---- malformed tokens and their messages ---- */
static const struct {
  const char *in;  /* input */
  const char *msg; /* diag.reason */
} errs[] = {
    {"\"abc", "unterminated string"},
    {"\"a\nb\"", "unterminated string (newline in string)"},
    {"\"\\q\"", "invalid escape sequence in string"},
    {"\"\\u{d800}\"", "escape \\u{D800} is not a Unicode scalar value"},
    {"\"\\u{110000}\"", "escape \\u{110000} is not a Unicode scalar value"},
    {"\"\\u{}\"", "malformed \\u{...} escape in string"},
    {"\"\xc0\x80\"", "malformed UTF-8 encoding"},
    {"\"\xed\xa0\x80\"", "malformed UTF-8 encoding"},
    {"\"\x01\"", "control character 0x01 in string"},
    {"(; (; ;)", "unterminated block comment"},
    {"\x01", "unexpected character 0x01"},
    {"\xc3\xa9", "unexpected character '\xc3\xa9'"},
    {"(@)", "empty annotation id"},
    {"(@ x)", "empty annotation id"},
    {"(@\"\")", "empty annotation id"},
    {"(@\"\\ef\")", "malformed UTF-8 encoding in annotation id"},
    {"(@x (y)", "unclosed annotation"},
    {"(@x \"", "unterminated string"},
    {"(@x \x01)", "unexpected character 0x01"},
};

struct lex_job {
  struct lexer *lx;     /* lexer to run */
  struct arena *arena;  /* for lex_string */
};

static void lex_all(void *arg) {
  struct lex_job *j = arg;
  struct token t;
  do {
    t = lex_next(j->lx);
    if (t.kind == TOK_STRING) lex_string(j->arena, j->lx, t);
  } while (t.kind != TOK_EOF);
}

int main(void) {
  struct lexer lx;
  struct source src;
  struct arena arena = {0};
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
    struct token t = first(&lx, &src, kinds[i].in);
    check(t.kind == kinds[i].kind && t.len == kinds[i].len, "token kind", kinds[i].in);
  }
  for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
    struct token t = first(&lx, &src, nums[i].in);
    uint32_t b32 = 0;
    uint64_t b64 = 0;
    bool ok;
    switch (nums[i].kind) {
    case 'i': ok = lex_i32(&lx, t, &b32), b64 = b32; break;
    case 'u': ok = lex_u32(&lx, t, &b32), b64 = b32; break;
    case 'I': ok = lex_i64(&lx, t, &b64); break;
    case 'U': ok = lex_u64(&lx, t, &b64); break;
    case 'f': ok = lex_f32(&lx, t, &b32), b64 = b32; break;
    default: ok = lex_f64(&lx, t, &b64); break;
    }
    bool good = ok == nums[i].ok && (!ok || b64 == nums[i].bits);
    if (!good) printf("  got ok=%d bits=0x%llx\n", ok, (unsigned long long)b64);
    check(good, "number", nums[i].in);
  }
  for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) {
    struct token t = first(&lx, &src, strs[i].in);
    struct bytes b = lex_string(&arena, &lx, t);
    check(t.kind == TOK_STRING && b.len == strs[i].len && memcmp(b.data, strs[i].out, b.len) == 0,
          "string", strs[i].in);
  }
  for (size_t i = 0; i < sizeof errs / sizeof *errs; i++) {
    first(&lx, &src, "");
    src.data = (const uint8_t *)errs[i].in;
    src.size = strlen(errs[i].in);
    lex_init(&lx, &src, 0, src.size);
    struct lex_job j = {&lx, &arena};
    int failed = diag_protect(lex_all, &j);
    if (failed && strcmp(diag.reason, errs[i].msg) != 0) printf("  got: %s\n", diag.reason);
    check(failed && strcmp(diag.reason, errs[i].msg) == 0, "diagnostic", errs[i].in);
  }
  arena_free(&arena);
  printf("%d passed, %d failed\n", pass, fail);
  return fail != 0;
}
