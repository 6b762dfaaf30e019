/* records.c — renders the JSON record of each entity of one list and deflates it, on the thread
 * that finishes it and, with cores to spare, on a helper thread from the start. Invariant: the
 * output is the same whatever the threads' timing: chunks are claimed in any order but
 * concatenated in entity order. */
#include <libdeflate.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include "index/build.h"
#include "index/records.h"

/* Small enough that the last claims even out between the threads, big enough that claiming is rare. */
#define CHUNK 64

typedef struct chunk { cdn_buf b; int failed; } chunk;

struct cdn_records {
    const cdn_source *sources;          /* the caller's copy: the set's array grows meanwhile */
    size_t n_sources;
    const cdn_entity *const *ents;
    size_t n, n_chunks;
    chunk *chunks;
    uint32_t *off, *len, *raw;          /* per entity; off is relative to its chunk until the end */
    atomic_size_t next;                 /* the next chunk to claim */
    pthread_t helper;
    int threaded;
};

/* Records shorter than this are stored as they are: most are, and deflating a short record costs
 * mostly the compressor's set-up while saving a few hundred bytes. */
#define COMPRESS_FROM 1024

/* One record: its JSON, deflated (zlib format) when that pays, else as it is; the reader tells the
 * two apart by length (CDN_SEC_RECORDS). libdeflate, not zlib, compresses: it is about twice as
 * fast at the same ratio, and the output is plain zlib. */
static int render_one(cdn_records *r, struct libdeflate_compressor *z, size_t i, chunk *c) {
    const cdn_entity *e = r->ents[i];
    uint8_t *scripts = malloc(e->names.n + 1);
    if (!scripts) return -1;
    for (uint32_t k = 0; k < e->names.n; k++) scripts[k] = (uint8_t)cdn_name_script(e->names.v[k].full);
    char *json = e->source < r->n_sources ? cdn_entity_to_json(&r->sources[e->source], e, scripts) : NULL;
    free(scripts);
    if (!json) return -1;
    size_t raw = strlen(json), bound = libdeflate_zlib_compress_bound(z, raw), got = 0;
    if (cdn_buf_reserve(&c->b, bound > raw ? bound : raw)) { free(json); return -1; }
    char *at = c->b.p + c->b.n;
    if (raw >= COMPRESS_FROM) got = libdeflate_zlib_compress(z, json, raw, at, raw - 1);
    if (!got) { memcpy(at, json, raw); got = raw; }   /* short, or did not shrink */
    free(json);
    r->off[i] = (uint32_t)c->b.n; r->len[i] = (uint32_t)got; r->raw[i] = (uint32_t)raw;
    c->b.n += got;
    return 0;
}

static void *work(void *p) {
    cdn_records *r = p;
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
    for (;;) {
        size_t k = atomic_fetch_add(&r->next, 1);
        if (k >= r->n_chunks) break;
        chunk *c = &r->chunks[k];
        size_t end = (k + 1) * CHUNK < r->n ? (k + 1) * CHUNK : r->n;
        for (size_t i = k * CHUNK; i < end && !c->failed; i++)
            if (!z || render_one(r, z, i, c)) c->failed = 1;
    }
    libdeflate_free_compressor(z);
    return NULL;
}

int cdn_records_start(cdn_records **out, const cdn_source *sources, size_t n_sources,
                      const cdn_entity *const *ents, size_t n, int helper) {
    cdn_records *r = calloc(1, sizeof *r);
    *out = r;
    if (!r) return -1;
    r->sources = sources; r->n_sources = n_sources; r->ents = ents; r->n = n;
    r->n_chunks = (n + CHUNK - 1) / CHUNK;
    r->chunks = calloc(r->n_chunks + 1, sizeof *r->chunks);
    r->off = calloc(n + 1, 4); r->len = calloc(n + 1, 4); r->raw = calloc(n + 1, 4);
    if (!r->chunks || !r->off || !r->len || !r->raw) return -1;
    atomic_init(&r->next, 0);
    if (helper) r->threaded = pthread_create(&r->helper, NULL, work, r) == 0;
    return 0;
}

/* Concatenates the chunks in order and turns each offset into one from the blob's start. */
static int gather(cdn_records *r, char **blob, size_t *blob_len) {
    size_t total = 0;
    for (size_t k = 0; k < r->n_chunks; k++) {
        if (r->chunks[k].failed) return -1;
        total += r->chunks[k].b.n;
    }
    if (total > UINT32_MAX) return -1;          /* offsets are 32-bit in the file */
    char *p = malloc(total + 1);
    if (!p) return -1;
    size_t at = 0;
    for (size_t k = 0; k < r->n_chunks; k++) {      /* each chunk freed once copied: peak memory */
        size_t end = (k + 1) * CHUNK < r->n ? (k + 1) * CHUNK : r->n;
        for (size_t i = k * CHUNK; i < end; i++) r->off[i] += (uint32_t)at;
        memcpy(p + at, r->chunks[k].b.p, r->chunks[k].b.n);
        at += r->chunks[k].b.n;
        free(r->chunks[k].b.p);
        r->chunks[k].b.p = NULL;
    }
    *blob = p; *blob_len = total;
    return 0;
}

int cdn_records_finish(cdn_records *r, char **blob, size_t *blob_len) {
    if (!r->chunks || !r->off || !r->len || !r->raw) return -1;
    work(r);                                    /* the caller claims what is left */
    if (r->threaded) pthread_join(r->helper, NULL);
    r->threaded = 0;
    return gather(r, blob, blob_len);
}

void cdn_records_get(const cdn_records *r, size_t i, uint32_t *off, uint32_t *len, uint32_t *raw) {
    *off = r->off[i]; *len = r->len[i]; *raw = r->raw[i];
}

void cdn_records_free(cdn_records *r) {
    if (!r) return;
    if (r->threaded) {                          /* an early exit: let the helper run out of work */
        atomic_store(&r->next, r->n_chunks);
        pthread_join(r->helper, NULL);
    }
    for (size_t k = 0; r->chunks && k < r->n_chunks; k++) free(r->chunks[k].b.p);
    free(r->chunks); free(r->off); free(r->len); free(r->raw);
    free(r);
}
