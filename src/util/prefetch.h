/* prefetch.h — fetching memory into the cache ahead of its use.
 * Invariant: the compiler keeps every cdn_prefetch, also in a loop that does nothing else.
 */
#ifndef CDN_PREFETCH_H
#define CDN_PREFETCH_H

/* GCC takes __builtin_prefetch to have no effect, so a loop of nothing but prefetches ("fetch the
 * records of every hit, then walk them") is deleted as dead code: built with GCC 12 at -O2, the
 * loops that fetched a token's hit terms, their texts and a candidate's records ahead were not in
 * the binary at all. The empty asm statement that takes the address is an effect the compiler must
 * keep; it emits no instruction and, naming no memory, constrains nothing else. */
static inline void cdn_prefetch(const void *p) {
    __builtin_prefetch(p);
    __asm__ volatile("" : : "r"(p));
}

#endif
