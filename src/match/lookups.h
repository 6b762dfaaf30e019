/* lookups.h — the query-token lookups kept across queries, one store shared by an index's screeners.
 * Invariant: an entry, once found, never changes; threads add entries without locks.
 */
#ifndef CDN_LOOKUPS_H
#define CDN_LOOKUPS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* A token's lookup depends only on the token (text, key, skeleton, flags, script, the term it
 * equals and whether it stands for itself), the lookup mode and the index: its signature is those
 * as bytes (candidates.c). The store keeps, under a signature, the terms the lookup rated above 0,
 * so that common name parts ("mohammad", "ali") are looked up and rated once an index, not once a
 * query; a replay gives the same hits in the same order and the same similarities.
 *
 * Sized for a batch: the 26,258 eval queries make 290k lookups of 110k distinct tokens and pairs.
 * The screeners of one index share the store, so each thread replays the lookups the others made.
 * Once full it keeps what it holds, which the common name parts, looked up first, are in. */
#define CDN_LOOK_SLOTS 262144            /* a power of two; at most 3/4 used */
#define CDN_LOOK_MAX_RATED (1u << 21)
#define CDN_LOOK_MAX_SIGS (1u << 22)
#define CDN_LOOK_SIG_MAX 400

typedef struct cdn_rated { uint32_t term; float sim; uint8_t how, posted; } cdn_rated;

/* One kept lookup. hash is 0 while the slot is free and CDN_LOOK_BUSY while a thread fills it; the
 * other fields are read only once hash holds the signature's hash (set last, with release). */
#define CDN_LOOK_BUSY 1u
typedef struct cdn_look_slot {
    _Atomic uint64_t hash;
    uint32_t sig;                        /* offset of the signature in sigs */
    uint16_t sig_len;
    uint8_t key_cut;                     /* a joined pair's: its key filled the buffer (candidates.c) */
    uint32_t first, n;                   /* its rated terms: rated[first .. first + n) */
} cdn_look_slot;

typedef struct cdn_look_store {
    cdn_look_slot *slots;                /* read by every lookup, so kept off the counters' line */
    char *sigs;
    cdn_rated *rated;
    atomic_int full;                     /* set once */
    /* Reserved so far (may pass the capacity: then full), a room at a time (cdn_look_room): written
     * by every thread, on a cache line of their own. */
    _Alignas(64) atomic_size_t used, n_sigs, n_rated;
} cdn_look_store;

/* The part of the store one screener has reserved and not yet filled: a thread takes room for
 * many lookups at once, so the threads touch the shared counters once in hundreds of lookups, not
 * three times a lookup (each touch moves their cache line between the cores). */
typedef struct cdn_look_room { size_t slots_left, sig_at, sig_end, rated_at, rated_end; } cdn_look_room;

/* The hash a signature is kept under: never 0 nor CDN_LOOK_BUSY. */
uint64_t cdn_look_hash(const char *sig, size_t len);
cdn_look_store *cdn_look_store_new(void);        /* NULL on no memory */
void cdn_look_store_free(cdn_look_store *st);
/* The kept lookup of this signature, or NULL. */
const cdn_look_slot *cdn_look_find(const cdn_look_store *st, const char *sig, size_t len, uint64_t h);
/* Fetches the slot a signature starts its search at, and once that is in the cache, what a kept
 * lookup there holds: lookups of one query form ask for all theirs before any is made. */
void cdn_look_prefetch_slot(const cdn_look_store *st, uint64_t h);
void cdn_look_prefetch_found(const cdn_look_store *st, uint64_t h);
/* Keeps rated[0 .. n) under the signature, in the room of the screener that made the lookup
 * (zeroed at first); nothing once the store is full. */
void cdn_look_keep(cdn_look_store *st, cdn_look_room *room, const char *sig, size_t len, uint64_t h, int key_cut,
                   const cdn_rated *rated, size_t n);

#endif
