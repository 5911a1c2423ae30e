/* arena.c - bump allocation for the IR; everything is freed at once. */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

struct arena_block {
  struct arena_block *prev; /* older block */
  size_t size;              /* usable bytes in data */
  size_t used;              /* bytes handed out */
  _Alignas(16) unsigned char data[];
};

#define BLOCK_MIN (64 * 1024)
#define DEFAULT_CAP ((size_t)1 << 30)

void *arena_bytes(struct arena *a, size_t size) {
  struct arena_block *b = a->head;
  size_t cap = a->cap ? a->cap : DEFAULT_CAP;
  size = (size + 15) & ~(size_t)15;
  if (size > cap || a->used + size > cap)
    diag_error(NULL, 0, "out of memory: more than %zu bytes needed for the module", cap);
  if (!b || b->size - b->used < size) {
    size_t n = size > BLOCK_MIN ? size : BLOCK_MIN;
    b = malloc(sizeof *b + n);
    if (!b) diag_error(NULL, 0, "out of memory");
    b->prev = a->head;
    b->size = n;
    b->used = 0;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += size;
  a->used += size;
  return p;
}

void *arena_alloc(struct arena *a, size_t size) {
  void *p = arena_bytes(a, size);
  memset(p, 0, size);
  return p;
}

void *arena_array(struct arena *a, size_t n, size_t size) {
  if (size && n > SIZE_MAX / size) diag_error(NULL, 0, "out of memory: array too large");
  return arena_alloc(a, n * size);
}

void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n, size_t size) {
  if (size && new_n > SIZE_MAX / size) diag_error(NULL, 0, "out of memory: array too large");
  size_t keep = (old_n < new_n ? old_n : new_n) * size;
  unsigned char *p = arena_bytes(a, new_n * size);
  if (keep) memcpy(p, old, keep);
  memset(p + keep, 0, new_n * size - keep); /* the new elements are zero */
  return p;
}

size_t arena_room(size_t cap, size_t need) {
  if (need > UINT32_MAX) diag_error(NULL, 0, "out of memory: array too large");
  size_t room = cap == 0 ? 8 : cap > UINT32_MAX / 2 ? UINT32_MAX : cap * 2;
  return room > need ? room : need;
}

char *arena_strndup(struct arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  memcpy(p, s, n);
  return p;
}

struct arena_mark arena_mark(const struct arena *a) {
  return (struct arena_mark){a->head, a->head ? a->head->used : 0, a->used};
}

void arena_release(struct arena *a, struct arena_mark mark) {
  while (a->head != mark.head) {
    struct arena_block *b = a->head;
    a->head = b->prev;
    free(b);
  }
  if (a->head) a->head->used = mark.head_used;
  a->used = mark.used;
}

void arena_free(struct arena *a) {
  struct arena_block *b = a->head;
  while (b) {
    struct arena_block *prev = b->prev;
    free(b);
    b = prev;
  }
  a->head = NULL;
  a->used = 0;
}
