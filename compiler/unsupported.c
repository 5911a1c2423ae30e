/* unsupported.c - instructions we recognize but do not translate yet (the
 * legacy exception instructions, GC), so that both readers say which feature
 * a module needs ("garbage-collected types are not supported yet (gc
 * proposal)") instead of "unknown operator" or "illegal opcode".  One table
 * serves the text and the binary reader. */
#include <string.h>

#include "compiler.h"

/* A feature we do not support yet. */
struct feature {
  const char *what;     /* what it brings, with its verb: the message's start */
  const char *proposal; /* the proposal's name */
};

enum { EXCEPTIONS, GC };

static const struct feature features[] = {
    [EXCEPTIONS] = {"exception handling is", "exception-handling"},
    [GC] = {"garbage-collected types are", "gc"},
};

/* An instruction of a later proposal: its text name (a prefix match when it
 * ends in '.' or '_', for families such as "struct."), binary prefix and code
 * (prefix 0xfb with code UINT32_MAX: every instruction of the prefix). */
struct later_instr {
  const char *name;        /* text name, or family prefix ending in '.' */
  uint8_t prefix;          /* 0 or 0xfb */
  uint32_t code, code_end; /* binary opcode range [code, code_end] */
  int feature;             /* index into features */
};

static const struct later_instr later[] = {
    {"struct.", 0xfb, 0, UINT32_MAX, GC},
    {"array.", 0xfb, 0, UINT32_MAX, GC},
    {"ref.test", 0xfb, 0, UINT32_MAX, GC},
    {"ref.cast", 0xfb, 0, UINT32_MAX, GC},
    {"ref.i31", 0xfb, 0, UINT32_MAX, GC},
    {"i31.", 0xfb, 0, UINT32_MAX, GC},
    {"br_on_cast", 0xfb, 0, UINT32_MAX, GC},
    {"br_on_cast_fail", 0xfb, 0, UINT32_MAX, GC},
    {"any.convert_extern", 0xfb, 0, UINT32_MAX, GC},
    {"extern.convert_any", 0xfb, 0, UINT32_MAX, GC},
};

static const char *message(int feature) {
  static char buf[160];
  strcpy(buf, features[feature].what);
  strcat(buf, " not supported yet (");
  strcat(buf, features[feature].proposal);
  strcat(buf, " proposal)");
  return buf;
}

const char *unsupported_instr_name(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof later / sizeof *later; i++) {
    size_t k = strlen(later[i].name);
    bool family = later[i].name[k - 1] == '.' || later[i].name[k - 1] == '_';
    if ((family ? n > k : n == k) && memcmp(s, later[i].name, k) == 0)
      return message(later[i].feature);
  }
  return NULL;
}

const char *unsupported_opcode(uint8_t prefix, uint32_t code) {
  for (size_t i = 0; i < sizeof later / sizeof *later; i++)
    if (later[i].prefix == prefix && code >= later[i].code && code <= later[i].code_end)
      return message(later[i].feature);
  return NULL;
}
