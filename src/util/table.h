/* table.h — zeroed tables a handle keeps for its whole life (caches, per-entity marks), with their
 * pages written when they are made. Invariant: the memory is zero and every page is the handle's own.
 */
#ifndef CDN_TABLE_H
#define CDN_TABLE_H

#include <stdlib.h>

#define CDN_PAGE_BYTES 4096

/* calloc, then a byte written in each page. A fresh page that is read before it is written is
 * mapped to the kernel's shared zero page, and its first write then replaces that mapping: a TLB
 * flush that, while another thread of the process runs, interrupts that thread's core too (an
 * inter-processor interrupt, slow under a hypervisor). A cache or a mark table is read before it
 * is written, entry by entry, so each of its pages cost that twice over as two screeners filled
 * theirs: 12 % of a two-thread batch's time went to the kernel. Written up front, the pages cost
 * one plain fault each, and the whole table is resident from the start. */
static inline void *cdn_table_alloc(size_t n, size_t size) {
    volatile char *p = calloc(n, size);
    for (size_t i = 0; p && i < n * size; i += CDN_PAGE_BYTES) p[i] = 0;
    return (void *)p;
}

#endif /* CDN_TABLE_H */
