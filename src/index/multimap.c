/* multimap.c — the hash and the bucketed hash-to-values map used by every lookup section of the index.
 * Invariant: a serialized map's buckets are contiguous and ascending, so a lookup reads one range.
 */
#include <stdlib.h>
#include <string.h>
#include "index/index.h"
#include "util/prefetch.h"

static inline uint64_t rd64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static inline uint64_t mix(uint64_t h) {
    h ^= h >> 33; h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* Four independent lanes of multiply-rotate over 32-byte blocks: about 8 GB/s, enough to check a
 * whole index file at open within the load-time budget. Little-endian reads, so stable on x86/ARM. */
uint64_t cdn_hash(const void *data, size_t len) {
    const unsigned char *p = data;
    const uint64_t k1 = 0x9e3779b97f4a7c15ULL, k2 = 0xc2b2ae3d27d4eb4fULL;
    uint64_t a = len * k1, b = k2, c = k1 ^ k2, d = len;
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        a = (a ^ rd64(p + i)) * k1;      a = (a << 31) | (a >> 33);
        b = (b ^ rd64(p + i + 8)) * k1;  b = (b << 29) | (b >> 35);
        c = (c ^ rd64(p + i + 16)) * k1; c = (c << 27) | (c >> 37);
        d = (d ^ rd64(p + i + 24)) * k1; d = (d << 25) | (d >> 39);
    }
    uint64_t h = a ^ (b * k2) ^ ((c << 17) | (c >> 47)) ^ (d * k1);
    for (; i + 8 <= len; i += 8) h = mix(h ^ rd64(p + i)) * k2;
    uint64_t tail = 0;
    memcpy(&tail, p + i, len - i);
    return mix(h ^ tail ^ ((uint64_t)(len - i) << 56));
}

void cdn_map_each(const cdn_ix_map *m, const char *s, size_t len, cdn_map_fn fn, void *ctx) {
    if (!m->starts) return;
    uint64_t h = cdn_hash(s, len);
    uint32_t b = (uint32_t)h & m->mask, check = (uint32_t)(h >> 32);
    for (uint32_t i = m->starts[b]; i < m->starts[b + 1]; i++)
        if (m->entries[2 * i] == check && fn(m->entries[2 * i + 1], ctx)) return;
}

void cdn_map_probe_start(cdn_map_probe *p, const cdn_ix_map *m, const char *s, size_t len) {
    uint64_t h = cdn_hash(s, len);
    p->m = m;
    p->bucket = (uint32_t)h & m->mask;
    p->check = (uint32_t)(h >> 32);
    if (m->starts) cdn_prefetch(&m->starts[p->bucket]);
}

void cdn_map_probe_fetch(const cdn_map_probe *p) {
    if (p->m->starts) cdn_prefetch(&p->m->entries[2 * (size_t)p->m->starts[p->bucket]]);
}

void cdn_map_probe_each(const cdn_map_probe *p, cdn_map_fn fn, void *ctx) {
    const cdn_ix_map *m = p->m;
    if (!m->starts) return;
    for (uint32_t i = m->starts[p->bucket]; i < m->starts[p->bucket + 1]; i++)
        if (m->entries[2 * i] == p->check && fn(m->entries[2 * i + 1], ctx)) return;
}

static int take_first(uint32_t value, void *first) {
    *(uint32_t *)first = value;
    return 1;
}

uint32_t cdn_map_probe_first(const cdn_map_probe *p) {
    uint32_t first = UINT32_MAX;
    cdn_map_probe_each(p, take_first, &first);
    return first;
}

int cdn_map_builder_add(cdn_map_builder *b, const char *s, size_t len, uint32_t value) {
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        uint64_t *h = realloc(b->hashes, cap * sizeof *h);
        if (!h) return -1;
        b->hashes = h;
        uint32_t *v = realloc(b->values, cap * sizeof *v);
        if (!v) return -1;
        b->values = v;
        b->cap = cap;
    }
    b->hashes[b->n] = cdn_hash(s, len);
    b->values[b->n++] = value;
    return 0;
}

void cdn_map_builder_free(cdn_map_builder *b) {
    free(b->hashes); free(b->values);
    memset(b, 0, sizeof *b);
}

/* Counting sort by bucket: two passes, no comparison sort needed. */
void *cdn_map_builder_finish(cdn_map_builder *b, size_t *size) {
    uint32_t nb = 16;
    while (nb * 2 < b->n) nb <<= 1;            /* about two entries a bucket: one cache line read */
    size_t bytes = 8 + 4 * ((size_t)nb + 1) + 8 * b->n;
    uint32_t *out = calloc(1, bytes + 8);
    if (!out) { cdn_map_builder_free(b); return NULL; }
    out[0] = nb; out[1] = (uint32_t)b->n;
    uint32_t *starts = out + 2, *entries = starts + nb + 1;
    for (size_t i = 0; i < b->n; i++) starts[((uint32_t)b->hashes[i] & (nb - 1)) + 1]++;
    for (uint32_t i = 0; i < nb; i++) starts[i + 1] += starts[i];
    uint32_t *fill = malloc(sizeof *fill * nb);
    if (!fill) { free(out); cdn_map_builder_free(b); return NULL; }
    memcpy(fill, starts, sizeof *fill * nb);
    for (size_t i = 0; i < b->n; i++) {
        uint32_t bucket = (uint32_t)b->hashes[i] & (nb - 1), at = fill[bucket]++;
        entries[2 * at] = (uint32_t)(b->hashes[i] >> 32);
        entries[2 * at + 1] = b->values[i];
    }
    free(fill);
    cdn_map_builder_free(b);
    *size = (bytes + 7) & ~(size_t)7;
    return out;
}

int cdn_map_open(cdn_ix_map *m, const void *data, size_t len, uint32_t max_value) {
    memset(m, 0, sizeof *m);
    if (len < 8 || ((uintptr_t)data & 3)) return -1;
    const uint32_t *w = data;
    uint32_t nb = w[0], n = w[1];
    if (nb == 0 || (nb & (nb - 1)) || (len - 8) / 4 < (size_t)nb + 1) return -1;
    if ((len - 8 - 4 * ((size_t)nb + 1)) / 8 < n) return -1;
    const uint32_t *starts = w + 2, *entries = starts + nb + 1;
    if (starts[0] != 0 || starts[nb] != n) return -1;
    for (uint32_t i = 0; i < nb; i++) if (starts[i] > starts[i + 1]) return -1;
    for (uint32_t i = 0; i < n; i++) if (entries[2 * i + 1] >= max_value) return -1;
    m->mask = nb - 1; m->starts = starts; m->entries = entries;
    return 0;
}
