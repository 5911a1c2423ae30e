/* lz.c - bench program: an LZ77 + Huffman compressor and its decompressor.
 *
 * The input is generated: text (words of a random vocabulary picked with a
 * skewed distribution, punctuation, log lines formatted with snprintf) and a
 * binary section (a slowly varying 16-bit signal).  The compressor cuts it in
 * blocks; each block is parsed by an LZ77 matcher with hash chains over a
 * 32 KiB window and one-step lazy matching, and its literals, lengths and
 * distances are coded with per-block canonical Huffman codes (the length and
 * distance alphabets of deflate: 286 and 30 symbols with extra bits; code
 * lengths limited to 15 bits, sent as 4-bit fields).  The decompressor reads
 * it back bit by bit; run(reps) checks the round trip byte for byte and
 * returns a hash of the compressed streams.  Uses malloc, memcmp, memcpy,
 * qsort and snprintf. */
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LZ_FULL 16              /* inputs compressed at full size */
#define INPUT_SIZE (1u << 20)   /* bytes per input at full size */
#define BLOCK_SIZE (1u << 17)   /* input bytes per block */
#define WINDOW (1u << 15)       /* how far back a match may start */
#define HASH_BITS 15
#define MAX_CHAIN 48            /* candidates tried per position */
#define GOOD_MATCH 64           /* stop searching at a match this long */
#define MIN_MATCH 3
#define MAX_MATCH 258
#define NLITLEN 286             /* literals 0-255, end of block 256, lengths 257-285 */
#define NDIST 30
#define END_OF_BLOCK 256
#define MAX_BITS 15

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,   2,   3,    4,    5,    7,    9,    13,    17,    25,
                                       33,  49,  65,   97,   129,  193,  257,  385,   513,   769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* Which length / distance code covers a value (filled by make_tables). */
static uint8_t len_code[MAX_MATCH + 1];
static uint8_t *dist_code; /* WINDOW + 1 entries */

static void make_tables(void) {
  for (int c = 0; c < 29; c++) {
    int top = c + 1 < 29 ? len_base[c + 1] : MAX_MATCH + 1;
    for (int l = len_base[c]; l < top && l <= MAX_MATCH; l++) len_code[l] = (uint8_t)c;
  }
  len_code[MAX_MATCH] = 28;
  for (int c = 0; c < 30; c++) {
    uint32_t top = c + 1 < 30 ? dist_base[c + 1] : WINDOW + 1;
    for (uint32_t d = dist_base[c]; d < top; d++) dist_code[d] = (uint8_t)c;
  }
}

/* ---------------------------------------------------------------- bits */

/* A growing output buffer written most significant bit first. */
struct bitwriter {
  uint8_t *buf;    /* the bytes (malloc'd) */
  size_t len, cap; /* bytes used and allocated */
  uint32_t acc;    /* pending bits, right-aligned */
  int nacc;        /* how many pending bits */
};

static int put_byte(struct bitwriter *w, uint8_t b) {
  if (w->len == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 65536;
    uint8_t *p = realloc(w->buf, cap);
    if (!p) return 0;
    w->buf = p;
    w->cap = cap;
  }
  w->buf[w->len++] = b;
  return 1;
}

static void put_bits(struct bitwriter *w, uint32_t v, int n) {
  w->acc = (w->acc << n) | (v & ((1u << n) - 1));
  w->nacc += n;
  while (w->nacc >= 8) {
    w->nacc -= 8;
    put_byte(w, (uint8_t)(w->acc >> w->nacc));
  }
}

static void flush_bits(struct bitwriter *w) {
  if (w->nacc > 0) put_byte(w, (uint8_t)(w->acc << (8 - w->nacc)));
  w->nacc = 0;
  w->acc = 0;
}

/* Reading the same stream. */
struct bitreader {
  const uint8_t *buf; /* the stream */
  size_t len;         /* its length in bytes */
  size_t pos;         /* the next bit */
  int overrun;        /* read past the end */
};

static uint32_t get_bit(struct bitreader *r) {
  if (r->pos >= r->len * 8) {
    r->overrun = 1;
    return 0;
  }
  uint32_t b = (r->buf[r->pos >> 3] >> (7 - (r->pos & 7))) & 1;
  r->pos++;
  return b;
}

static uint32_t get_bits(struct bitreader *r, int n) {
  uint32_t v = 0;
  while (n--) v = (v << 1) | get_bit(r);
  return v;
}

/* ---------------------------------------------------------------- Huffman */

/* A node of the code tree being built. */
struct node {
  uint32_t freq; /* total frequency below */
  int parent;    /* index of the parent node, -1 at the root */
  int sym;       /* the symbol at a leaf, -1 inside */
};

static struct node *sort_nodes; /* for by_freq */

static int by_freq(const void *a, const void *b) {
  const struct node *x = &sort_nodes[*(const int *)a], *y = &sort_nodes[*(const int *)b];
  if (x->freq != y->freq) return x->freq < y->freq ? -1 : 1;
  return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/* Code lengths (at most MAX_BITS) for n symbols of the given frequencies:
 * the two-queue Huffman construction over the leaves sorted by frequency;
 * when a length comes out too long, halve the frequencies and build again. */
static void build_lengths(const uint32_t *freq_in, int n, uint8_t *len) {
  uint32_t freq[NLITLEN];
  struct node nodes[2 * NLITLEN];
  int order[NLITLEN];
  memcpy(freq, freq_in, (size_t)n * sizeof *freq);
  for (;;) {
    int leaves = 0;
    for (int s = 0; s < n; s++) {
      len[s] = 0;
      if (freq[s]) {
        nodes[leaves] = (struct node){freq[s], -1, s};
        order[leaves] = leaves;
        leaves++;
      }
    }
    if (leaves <= 1) {
      if (leaves == 1) len[nodes[0].sym] = 1;
      return;
    }
    sort_nodes = nodes;
    qsort(order, (size_t)leaves, sizeof *order, by_freq);
    int nnodes = leaves, li = 0, qi = leaves; /* next leaf (in order), next internal node */
    while ((leaves - li) + (nnodes - qi) > 1) {
      int pick[2];
      for (int k = 0; k < 2; k++) {
        if (li < leaves && (qi >= nnodes || nodes[order[li]].freq <= nodes[qi].freq)) pick[k] = order[li++];
        else pick[k] = qi++;
      }
      nodes[nnodes] = (struct node){nodes[pick[0]].freq + nodes[pick[1]].freq, -1, -1};
      nodes[pick[0]].parent = nodes[pick[1]].parent = nnodes;
      nnodes++;
    }
    int too_long = 0;
    for (int i = 0; i < leaves; i++) {
      int depth = 0;
      for (int p = nodes[i].parent; p >= 0; p = nodes[p].parent) depth++;
      if (depth > MAX_BITS) too_long = 1;
      len[nodes[i].sym] = (uint8_t)depth;
    }
    if (!too_long) return;
    for (int s = 0; s < n; s++)
      if (freq[s]) freq[s] = (freq[s] >> 1) | 1;
  }
}

/* Canonical codes from lengths: shorter codes first, by symbol within a length. */
static void make_codes(const uint8_t *len, int n, uint16_t *code) {
  uint16_t count[MAX_BITS + 1] = {0}, next[MAX_BITS + 1];
  for (int s = 0; s < n; s++) count[len[s]]++;
  count[0] = 0;
  uint16_t c = 0;
  for (int b = 1; b <= MAX_BITS; b++) {
    c = (uint16_t)((c + count[b - 1]) << 1);
    next[b] = c;
  }
  for (int s = 0; s < n; s++)
    if (len[s]) code[s] = next[len[s]]++;
}

/* What the decoder needs: symbols by (length, symbol) and counts per length. */
struct decoder {
  uint16_t count[MAX_BITS + 1]; /* codes of each length */
  uint16_t symbol[NLITLEN];     /* the symbols in canonical order */
};

static void make_decoder(struct decoder *d, const uint8_t *len, int n) {
  uint16_t offs[MAX_BITS + 2];
  memset(d->count, 0, sizeof d->count);
  for (int s = 0; s < n; s++) d->count[len[s]]++;
  d->count[0] = 0;
  offs[1] = 0;
  for (int b = 1; b <= MAX_BITS; b++) offs[b + 1] = (uint16_t)(offs[b] + d->count[b]);
  for (int s = 0; s < n; s++)
    if (len[s]) d->symbol[offs[len[s]]++] = (uint16_t)s;
}

/* One symbol, a bit at a time: within each length the codes are consecutive. */
static int decode(struct bitreader *r, const struct decoder *d) {
  int code = 0, first = 0, index = 0;
  for (int b = 1; b <= MAX_BITS; b++) {
    code |= (int)get_bit(r);
    int count = d->count[b];
    if (code - first < count) return d->symbol[index + (code - first)];
    index += count;
    first = (first + count) << 1;
    code <<= 1;
  }
  return -1;
}

/* ---------------------------------------------------------------- compressor */

/* The parse of one block: a literal (dist 0, value the byte) or a match. */
struct token {
  uint16_t value; /* the byte, or the match length */
  uint16_t dist;  /* 0 for a literal, else the match distance */
};

/* The state of the matcher (tables malloc'd once per run). */
static int32_t *head;   /* 1 << HASH_BITS: last position + 1 with each hash, 0 = none */
static int32_t *prev;   /* WINDOW: previous position + 1 with the same hash */
static struct token *tokens;

static uint32_t hash3(const uint8_t *p) {
  return ((uint32_t)p[0] << 10 ^ (uint32_t)p[1] << 5 ^ p[2]) & ((1u << HASH_BITS) - 1);
}

static void insert(const uint8_t *in, uint32_t pos) {
  uint32_t h = hash3(in + pos);
  prev[pos & (WINDOW - 1)] = head[h];
  head[h] = (int32_t)pos + 1;
}

/* The longest match for position pos among earlier ones: its length (0 if
 * none of at least MIN_MATCH) and distance. */
static uint32_t longest(const uint8_t *in, uint32_t pos, uint32_t end, uint32_t *dist) {
  uint32_t best = 0, limit = end - pos < MAX_MATCH ? end - pos : MAX_MATCH;
  if (limit < MIN_MATCH) return 0;
  int32_t cand = head[hash3(in + pos)];
  for (int chain = 0; cand > 0 && chain < MAX_CHAIN; chain++) {
    uint32_t c = (uint32_t)cand - 1;
    if (pos - c > WINDOW - 1) break;
    if (in[c + best] == in[pos + best]) {
      uint32_t l = 0;
      while (l < limit && in[c + l] == in[pos + l]) l++;
      if (l > best) {
        best = l;
        *dist = pos - c;
        if (l >= GOOD_MATCH || l == limit) break;
      }
    }
    cand = prev[c & (WINDOW - 1)];
  }
  return best >= MIN_MATCH ? best : 0;
}

static void compress_block(const uint8_t *in, uint32_t start, uint32_t end, struct bitwriter *w) {
  uint32_t lit_freq[NLITLEN] = {0}, dist_freq[NDIST] = {0};
  size_t ntok = 0;
  for (uint32_t i = 0; i < (1u << HASH_BITS); i++) head[i] = 0;
  uint32_t pos = start;
  while (pos < end) {
    uint32_t dist = 0, len = end - pos >= MIN_MATCH ? longest(in, pos, end, &dist) : 0;
    uint32_t inserted = 0; /* positions from pos on already in the hash chains */
    if (len && len < GOOD_MATCH && pos + 1 < end && end - pos - 1 >= MIN_MATCH) {
      /* Lazy: a longer match one byte later wins over this one. */
      insert(in, pos);
      inserted = 1;
      uint32_t dist2 = 0, len2 = longest(in, pos + 1, end, &dist2);
      if (len2 > len) {
        tokens[ntok++] = (struct token){in[pos], 0};
        lit_freq[in[pos]]++;
        pos++;
        len = len2;
        dist = dist2;
        inserted = 0;
      }
    }
    if (len) {
      tokens[ntok++] = (struct token){(uint16_t)len, (uint16_t)dist};
      lit_freq[257 + len_code[len]]++;
      dist_freq[dist_code[dist]]++;
      for (uint32_t k = inserted; k < len; k++)
        if (pos + k + MIN_MATCH <= end) insert(in, pos + k);
      pos += len;
    } else {
      tokens[ntok++] = (struct token){in[pos], 0};
      lit_freq[in[pos]]++;
      if (pos + MIN_MATCH <= end) insert(in, pos);
      pos++;
    }
  }
  lit_freq[END_OF_BLOCK]++;
  uint8_t lit_len[NLITLEN], dst_len[NDIST];
  uint16_t lit_cd[NLITLEN], dst_cd[NDIST];
  build_lengths(lit_freq, NLITLEN, lit_len);
  build_lengths(dist_freq, NDIST, dst_len);
  make_codes(lit_len, NLITLEN, lit_cd);
  make_codes(dst_len, NDIST, dst_cd);
  put_bits(w, end == start ? 0 : 1, 1);
  for (int s = 0; s < NLITLEN; s++) put_bits(w, lit_len[s], 4);
  for (int s = 0; s < NDIST; s++) put_bits(w, dst_len[s], 4);
  for (size_t t = 0; t < ntok; t++) {
    struct token k = tokens[t];
    if (k.dist == 0) {
      put_bits(w, lit_cd[k.value], lit_len[k.value]);
      continue;
    }
    int lc = len_code[k.value], dc = dist_code[k.dist];
    put_bits(w, lit_cd[257 + lc], lit_len[257 + lc]);
    put_bits(w, k.value - len_base[lc], len_extra[lc]);
    put_bits(w, dst_cd[dc], dst_len[dc]);
    put_bits(w, k.dist - dist_base[dc], dist_extra[dc]);
  }
  put_bits(w, lit_cd[END_OF_BLOCK], lit_len[END_OF_BLOCK]);
}

static void compress(const uint8_t *in, uint32_t n, struct bitwriter *w) {
  put_bits(w, n >> 16, 16);
  put_bits(w, n & 0xffff, 16);
  for (uint32_t start = 0; start < n; start += BLOCK_SIZE)
    compress_block(in, start, n - start < BLOCK_SIZE ? n : start + BLOCK_SIZE, w);
  flush_bits(w);
}

/* The decompressed data (malloc'd), its length in *n; NULL if the stream is bad. */
static uint8_t *decompress(const uint8_t *buf, size_t len, uint32_t *n) {
  struct bitreader r = {buf, len, 0, 0};
  static struct decoder lit, dst;
  *n = get_bits(&r, 16) << 16;
  *n |= get_bits(&r, 16);
  uint8_t *out = malloc(*n ? *n : 1);
  if (!out) return NULL;
  uint32_t pos = 0;
  while (pos < *n) {
    uint8_t lit_len[NLITLEN], dst_len[NDIST];
    if (!get_bit(&r)) break;
    for (int s = 0; s < NLITLEN; s++) lit_len[s] = (uint8_t)get_bits(&r, 4);
    for (int s = 0; s < NDIST; s++) dst_len[s] = (uint8_t)get_bits(&r, 4);
    make_decoder(&lit, lit_len, NLITLEN);
    make_decoder(&dst, dst_len, NDIST);
    for (;;) {
      int sym = decode(&r, &lit);
      if (sym < 0 || r.overrun) goto bad;
      if (sym < 256) {
        if (pos >= *n) goto bad;
        out[pos++] = (uint8_t)sym;
        continue;
      }
      if (sym == END_OF_BLOCK) break;
      int lc = sym - 257;
      uint32_t l = len_base[lc] + get_bits(&r, len_extra[lc]);
      int dc = decode(&r, &dst);
      if (dc < 0 || dc >= NDIST) goto bad;
      uint32_t d = dist_base[dc] + get_bits(&r, dist_extra[dc]);
      if (d > pos || l > *n - pos) goto bad;
      for (uint32_t k = 0; k < l; k++, pos++) out[pos] = out[pos - d];
    }
  }
  if (pos == *n) return out;
bad:
  free(out);
  return NULL;
}

/* ---------------------------------------------------------------- input */

/* n bytes of text and signal, different for each seed. */
static uint8_t *make_input(uint32_t n, uint64_t seed) {
  uint8_t *in = malloc(n);
  char (*vocab)[12] = malloc(2000 * sizeof *vocab);
  if (!in || !vocab) {
    free(in);
    free(vocab);
    return NULL;
  }
  uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
  for (int v = 0; v < 2000; v++) {
    int l = 2 + (int)(bench_rand(&s) % 9);
    for (int i = 0; i < l; i++) vocab[v][i] = (char)('a' + bench_rand(&s) % 26);
    vocab[v][l] = '\0';
  }
  static const char *const status[] = {"ok", "retry", "timeout", "refused"};
  uint32_t pos = 0, text_end = n - n / 4;
  while (pos < text_end) {
    char line[160];
    int len;
    uint64_t r = bench_rand(&s);
    if (r % 5 == 0) {
      len = snprintf(line, sizeof line, "%08u t=%u.%03u status=%s bytes=%u\n", (unsigned)(r >> 40),
                     (unsigned)(r >> 20 & 0xffff), (unsigned)(r % 1000), status[r >> 8 & 3],
                     (unsigned)(r >> 12 & 0xfffff));
    } else {
      len = 0;
      int words = 4 + (int)(r % 9);
      for (int w = 0; w < words; w++) {
        uint64_t q = bench_rand(&s);
        const char *word = vocab[q % (1 + (q >> 32) % 2000)]; /* skewed to the first words */
        len += snprintf(line + len, sizeof line - (size_t)len, "%s%s", word, w + 1 < words ? " " : "");
      }
      len += snprintf(line + len, sizeof line - (size_t)len, "%s", r >> 61 ? ".\n" : ", ");
    }
    for (int i = 0; i < len && pos < text_end; i++) in[pos++] = (uint8_t)line[i];
  }
  int32_t v = 0;
  while (pos + 1 < n) {
    v += (int32_t)(bench_rand(&s) % 65) - 32;
    in[pos++] = (uint8_t)(v & 0xff);
    in[pos++] = (uint8_t)((uint32_t)v >> 8 & 0xff);
  }
  while (pos < n) in[pos++] = 0;
  free(vocab);
  return in;
}

BENCH_ENTRY(lz) {
  uint32_t inputs = BENCH_REPS(LZ_FULL), size = reps ? 65536 : INPUT_SIZE;
  uint64_t h = BENCH_MIX_INIT;
  head = malloc((1u << HASH_BITS) * sizeof *head);
  prev = malloc(WINDOW * sizeof *prev);
  tokens = malloc(BLOCK_SIZE * sizeof *tokens);
  dist_code = malloc(WINDOW + 1);
  if (!head || !prev || !tokens || !dist_code) return 0;
  make_tables();
  for (uint32_t i = 0; i < inputs; i++) {
    uint8_t *in = make_input(size, i);
    struct bitwriter w = {0};
    if (!in) return 0;
    compress(in, size, &w);
    uint32_t n;
    uint8_t *back = decompress(w.buf, w.len, &n);
    int same = back && n == size && memcmp(back, in, size) == 0;
    h = bench_mix(h, w.len);
    h = bench_mix(h, (uint64_t)same);
    for (size_t k = 0; k < w.len; k++) h = (h ^ w.buf[k]) * 0x100000001b3ull;
    free(back);
    free(w.buf);
    free(in);
  }
  free(head);
  free(prev);
  free(tokens);
  free(dist_code);
  return h;
}
