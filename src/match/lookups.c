/* lookups.c — the store of kept lookups (lookups.h): an open-addressing table whose slots threads
 * claim with one compare-and-swap, fill, then publish; signatures and rated terms go in append-only arrays.
 */
#include <stdlib.h>
#include <string.h>
#include "index/index.h"
#include "match/lookups.h"
#include "util/prefetch.h"
#include "util/table.h"

uint64_t cdn_look_hash(const char *sig, size_t len) {
    uint64_t h = cdn_hash(sig, len);
    return h > CDN_LOOK_BUSY ? h : h + 2;
}

/* The signatures and rated terms are reserved whole: the system lends their pages as they are
 * first written, and they are written before they are read. The slots are read first (a lookup
 * finds a free one before any is kept), so their pages are written up front (table.h): else each
 * would be the shared zero page until its first slot is kept, and that write would flush it from
 * every core running a screener of the index. */
cdn_look_store *cdn_look_store_new(void) {
    cdn_look_store *st = aligned_alloc(64, sizeof *st);     /* its counters' own cache line */
    if (!st) return NULL;
    memset(st, 0, sizeof *st);
    st->slots = cdn_table_alloc(CDN_LOOK_SLOTS, sizeof *st->slots);
    st->sigs = malloc(CDN_LOOK_MAX_SIGS);
    st->rated = malloc((size_t)CDN_LOOK_MAX_RATED * sizeof *st->rated);
    if (!st->slots || !st->sigs || !st->rated) { cdn_look_store_free(st); return NULL; }
    return st;
}

void cdn_look_store_free(cdn_look_store *st) {
    if (!st) return;
    free(st->slots); free(st->sigs); free(st->rated); free(st);
}

static uint32_t next_slot(uint32_t b) { return (b + 1) & (CDN_LOOK_SLOTS - 1); }

const cdn_look_slot *cdn_look_find(const cdn_look_store *st, const char *sig, size_t len, uint64_t h) {
    for (uint32_t b = (uint32_t)h & (CDN_LOOK_SLOTS - 1);; b = next_slot(b)) {
        const cdn_look_slot *sl = &st->slots[b];
        uint64_t at = atomic_load_explicit(&sl->hash, memory_order_acquire);
        if (at == 0) return NULL;
        if (at == h && sl->sig_len == len && !memcmp(st->sigs + sl->sig, sig, len)) return sl;
    }
}

void cdn_look_prefetch_slot(const cdn_look_store *st, uint64_t h) {
    cdn_prefetch(&st->slots[(uint32_t)h & (CDN_LOOK_SLOTS - 1)]);
}

void cdn_look_prefetch_found(const cdn_look_store *st, uint64_t h) {
    const cdn_look_slot *sl = &st->slots[(uint32_t)h & (CDN_LOOK_SLOTS - 1)];
    if (atomic_load_explicit(&sl->hash, memory_order_acquire) != h) return;
    cdn_prefetch(st->sigs + sl->sig);
    if (sl->n) cdn_prefetch(&st->rated[sl->first]);
}

/* Room taken a time: slots, signature bytes, rated terms. */
#define ROOM_SLOTS 256
#define ROOM_SIGS 65536
#define ROOM_RATED 4096

/* Makes [*at, *end) hold `need` items of an append-only array of `cap`, taking `chunk` more (or
 * `need`, if more) from *top when it does not; 0 when they do not fit (the store is full). */
static int make_room(cdn_look_store *st, atomic_size_t *top, size_t cap, size_t chunk, size_t need, size_t *at,
                     size_t *end) {
    if (*end - *at >= need) return 1;
    size_t n = need > chunk ? need : chunk;
    size_t got = atomic_fetch_add_explicit(top, n, memory_order_relaxed);
    if (got + n > cap) {
        atomic_store_explicit(&st->full, 1, memory_order_relaxed);
        return 0;
    }
    *at = got;
    *end = got + n;
    return 1;
}

/* One slot of the 3/4 the store may use. */
static int take_slot(cdn_look_store *st, cdn_look_room *room) {
    if (room->slots_left) { room->slots_left--; return 1; }
    size_t at = 0, end = 0;
    if (!make_room(st, &st->used, CDN_LOOK_SLOTS / 4 * 3, ROOM_SLOTS, 1, &at, &end)) return 0;
    room->slots_left = end - at - 1;
    return 1;
}

void cdn_look_keep(cdn_look_store *st, cdn_look_room *room, const char *sig, size_t len, uint64_t h, int key_cut,
                   const cdn_rated *rated, size_t n) {
    if (atomic_load_explicit(&st->full, memory_order_relaxed) || len > CDN_LOOK_SIG_MAX) return;
    /* Room a filling store leaves taken is only lost: the store keeps no more. */
    if (!take_slot(st, room) ||
        !make_room(st, &st->n_sigs, CDN_LOOK_MAX_SIGS, ROOM_SIGS, len, &room->sig_at, &room->sig_end) ||
        !make_room(st, &st->n_rated, CDN_LOOK_MAX_RATED, ROOM_RATED, n, &room->rated_at, &room->rated_end)) return;
    size_t sig_at = room->sig_at, rated_at = room->rated_at;
    room->sig_at += len;
    room->rated_at += n;
    memcpy(st->sigs + sig_at, sig, len);
    if (n) memcpy(st->rated + rated_at, rated, n * sizeof *rated);
    for (uint32_t b = (uint32_t)h & (CDN_LOOK_SLOTS - 1);; b = next_slot(b)) {
        cdn_look_slot *sl = &st->slots[b];
        uint64_t free_slot = 0;
        if (!atomic_compare_exchange_strong_explicit(&sl->hash, &free_slot, CDN_LOOK_BUSY, memory_order_acquire,
                                                     memory_order_relaxed)) continue;
        sl->sig = (uint32_t)sig_at; sl->sig_len = (uint16_t)len; sl->key_cut = (uint8_t)key_cut;
        sl->first = (uint32_t)rated_at; sl->n = (uint32_t)n;
        atomic_store_explicit(&sl->hash, h, memory_order_release);
        return;
    }
}
