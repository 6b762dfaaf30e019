/* analyze.c — the name layer's entry point: splits a name into words, romanizes each script into
 * one or more whole-name forms, applies the name rules, and builds the cdn_analysis.
 * Invariant: no global mutable state; all scratch hangs off the cdn_text handle and is reused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "text/text_int.h"
#include "util/table.h"

#define MAX_PARTS 64    /* words kept from one name (forms keep CDN_MAX_TOKENS of them) */

static const char *const SCRIPT_NAMES[CDN_SCRIPT_COUNT] = {
    "none", "latin", "cyrillic", "arabic", "hangul", "han", "kana", "greek", "georgian",
    "armenian", "hebrew", "thai", "devanagari", "other", "myanmar", "khmer" };

static const char *const SCHEME_NAMES[CDN_SCHEME_COUNT] = {
    "as-written", "icu", "bgn", "cyrillic-other", "arabic", "mr", "rr", "korean-common",
    "pinyin", "han-korean", "kana", "reordered", "nickname" };

const char *cdn_script_name(int script)
{
    return script >= 0 && script < CDN_SCRIPT_COUNT ? SCRIPT_NAMES[script] : "unknown";
}

const char *cdn_scheme_name(int scheme)
{
    return scheme >= 0 && scheme < CDN_SCHEME_COUNT ? SCHEME_NAMES[scheme] : "unknown";
}

/* A fresh set's recency word: ways 0 to 3, fingerprint 0 (their entries are empty: tl 0 never
 * matches a token). */
#define KC_ORDER_EMPTY 0x0003000200010000ull

/* ---- The handle ---------------------------------------------------------------------------- */

/* Zeroed memory for a memo of `bytes`, from a 64-byte boundary on (an entry per cache line); *mem
 * gets what to free. Its pages are written now (cdn_table_alloc says why). */
static void *memo_alloc(size_t bytes, void **mem)
{
    *mem = cdn_table_alloc(1, bytes + 63);
    return *mem ? (void *)(((uintptr_t)*mem + 63) & ~(uintptr_t)63) : NULL;
}

cordon_rc cdn_text_open(cdn_text **out)
{
    *out = NULL;
    cdn_text *t = calloc(1, sizeof *t);
    if (!t) return CORDON_ERR_NOMEM;
    t->kcache = memo_alloc(CDN_KCACHE_SLOTS * sizeof *t->kcache, &t->kcache_mem);
    t->kc_order = malloc(CDN_KCACHE_SETS * sizeof *t->kc_order);
    for (size_t s = 0; t->kc_order && s < CDN_KCACHE_SETS; s++) t->kc_order[s] = KC_ORDER_EMPTY;
    t->rcache = memo_alloc(CDN_RCACHE_SLOTS * sizeof *t->rcache, &t->rcache_mem);
    if (!t->kcache || !t->kc_order || !t->rcache || cdn_words_open(t) < 0) {
        free(t->kcache_mem); free(t->kc_order); free(t->rcache_mem); free(t);
        return CORDON_ERR_NOMEM;
    }
    *out = t;
    return CORDON_OK;
}

void cdn_text_close(cdn_text *t)
{
    if (!t) return;
    cdn_icu_close(t);
    cdn_words_close(t);
    free(t->ubuf); free(t->ubuf2); free(t->cps); free(t->seg); free(t->lower); free(t->parts); free(t->sbuf);
    free(t->toks);
    free(t->ubytes); free(t->uptr); free(t->prep); free(t->kcache_mem); free(t->kc_order);
    free(t->rcache_mem); free(t->rkeys); free(t->mbuf); free(t->mtok); free(t->mform);
    free(t);
}

const char *cdn_text_errmsg(const cdn_text *t)
{
    return t ? t->errmsg : "no name layer handle";
}

/* ---- Growing buffers ----------------------------------------------------------------------- */

int cdn_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

_Static_assert(sizeof(cdn_kcache) == 64, "a key memo slot is one cache line");

/* The check inline: buffers are reused across names, so they rarely need to grow. */

/* ---- Building forms ------------------------------------------------------------------------ */

/* Whether a form is being built (a zeroed cdn_analysis has open_form 0 and no forms: none). */
static int form_open(const cdn_analysis *an)
{
    return an->open_form >= 0 && (size_t)an->open_form < an->n_forms;
}

static inline void form_end(cdn_analysis *an);

/* cdn_form_begin, inlined where analyze.c builds its forms. */
static inline int form_begin(cdn_analysis *an, int scheme)
{
    if (form_open(an)) form_end(an);
    if (an->n_forms >= CDN_MAX_FORMS) { an->open_form = -2; return 0; }   /* dropped quietly */
    if (CDN_GROW(an->forms, an->forms_cap, an->n_forms + 1) < 0) { an->open_form = -2; return -1; }
    cdn_form *f = &an->forms[an->n_forms];
    f->first = (uint32_t)an->n_tokens;
    f->n = 0;
    f->scheme = (uint8_t)scheme;
    f->pad = 0;
    an->open_form = (int)an->n_forms++;
    return 0;
}

int cdn_form_begin(cdn_analysis *an, int scheme)
{
    return form_begin(an, scheme);
}

/* Where a short token (given zero-padded) is looked for in the memo: its set, that set's recency
 * word, and its fingerprint (shifted to its place in a lane). */
typedef struct kc_probe { cdn_kcache *set; uint64_t *order; uint64_t fp; } kc_probe;

static inline kc_probe kcache_probe(cdn_text *t, uint64_t w0, uint64_t w1)
{
    uint64_t h = (w0 ^ (w1 * 0x9E3779B97F4A7C15ull)) * 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ull;
    size_t s = (h >> 40) & (CDN_KCACHE_SETS - 1);
    return (kc_probe){ t->kcache + s * CDN_KCACHE_WAYS, t->kc_order + s, (h >> 18) & 0xFFFC };
}

/* The recency word with the lane at position pos (0..3) replaced by `lane` and moved to the front. */
static inline uint64_t kc_to_front(uint64_t order, unsigned pos, uint64_t lane)
{
    uint64_t before = (1ull << (16 * pos)) - 1;
    uint64_t upto = before | 0xFFFFull << (16 * pos);
    return (order & ~upto) | (order & before) << 16 | lane;
}

static inline int kcache_holds(const cdn_kcache *e, uint64_t w0, uint64_t w1, size_t len)
{
    return e->tl == len && e->text[0] == w0 && e->text[1] == w1;
}

/* The memo's entry of the token, made the most recently used of its set; NULL if it has none. The
 * most recently used way is tried first; the other lanes holding the token's fingerprint are found
 * at once: x is zero in them (lanes are multiples of 4 once the way is masked off, so no borrow
 * crosses into another lane's top bit). */
static inline const cdn_kcache *kcache_find(const kc_probe *p, uint64_t w0, uint64_t w1, size_t len)
{
    uint64_t order = *p->order;
    if (((order ^ p->fp) & 0xFFFC) == 0 && kcache_holds(&p->set[order & 3], w0, w1, len))
        return &p->set[order & 3];
    uint64_t x = (order ^ p->fp * 0x0001000100010001ull) & 0xFFFCFFFCFFFCFFFCull;
    uint64_t same = (x - 0x0001000100010001ull) & ~x & 0x8000800080000000ull;   /* lanes 1 to 3 */
    for (; same; same &= same - 1) {
        unsigned pos = (unsigned)__builtin_ctzll(same) >> 4;
        unsigned lane = (unsigned)(order >> (16 * pos)) & 0xFFFF;
        const cdn_kcache *e = &p->set[lane & 3];
        if (!kcache_holds(e, w0, w1, len)) continue;
        *p->order = kc_to_front(order, pos, lane);
        return e;
    }
    return NULL;
}

/* Takes the set's least recently used entry for the token, which becomes its most recently used,
 * and returns it for the key and skeleton to be copied in; NULL (the memo unchanged) when they are
 * too long for an entry. */
static cdn_kcache *kcache_fill(const kc_probe *p, uint64_t w0, uint64_t w1, size_t len, size_t kl, size_t sl,
                               uint8_t rules, uint8_t stem)
{
    uint64_t order = *p->order;
    cdn_kcache *e = &p->set[order >> 48 & 3];
    if (kl >= sizeof e->key || sl >= sizeof e->skel) return NULL;
    e->text[0] = w0; e->text[1] = w1;
    e->tl = (uint8_t)len; e->kl = (uint8_t)kl; e->sl = (uint8_t)sl; e->rules = rules; e->stem = stem;
    *p->order = kc_to_front(order, 3, p->fp | (order >> 48 & 3));
    return e;
}

void cdn_tok_keys(cdn_text *t, const char *s, size_t len, char *key, size_t *kl, char *skel, size_t *sl,
                  uint8_t *rules, uint8_t *stem)
{
    uint64_t w[2] = { 0, 0 };
    kc_probe p = { NULL, NULL, 0 };
    if (len < CDN_KCACHE_TEXT) {
        memcpy(w, s, len);
        p = kcache_probe(t, w[0], w[1]);
        const cdn_kcache *e = kcache_find(&p, w[0], w[1], len);
        if (e) {
            memcpy(key, e->key, e->kl + 1u);
            memcpy(skel, e->skel, e->sl + 1u);
            *kl = e->kl;
            *sl = e->sl;
            *rules = e->rules;
            *stem = e->stem;
            return;
        }
    }
    *kl = cdn_key(s, len, key, 2 * len + 2);
    *sl = cdn_skeleton(s, len, skel, 2 * len + 3);
    *rules = cdn_rule_bits(t, s, len, key, *kl, stem);
    cdn_kcache *e = len < CDN_KCACHE_TEXT ? kcache_fill(&p, w[0], w[1], len, *kl, *sl, *rules, *stem) : NULL;
    if (e) {
        memcpy(e->key, key, *kl + 1);
        memcpy(e->skel, skel, *sl + 1);
    }
}

/* Writes the key and right after it the skeleton of the token at text (len letters, then zeros
 * up to CDN_KCACHE_TEXT bytes, and CDN_TOK_ROOM(len) bytes of room from text on) at key = text + len
 * + 1; returns the bytes both use with their NULs. The memo's copies are fixed-size (a few vector
 * moves) and may write past what they keep. */
static size_t tok_keys_computed(cdn_text *t, int memo, uint64_t w0, uint64_t w1, const char *text,
                                size_t len, char *key, size_t *kl, size_t *sl, uint8_t *rules, uint8_t *stem);

static inline __attribute__((always_inline))
size_t tok_keys_after(cdn_text *t, const char *text, size_t len, char *key, size_t *kl, size_t *sl,
                      uint8_t *rules, uint8_t *stem)
{
    if (len >= CDN_KCACHE_TEXT) return tok_keys_computed(t, 0, 0, 0, text, len, key, kl, sl, rules, stem);
    uint64_t w0, w1;
    memcpy(&w0, text, 8);
    memcpy(&w1, text + 8, 8);
    kc_probe p = kcache_probe(t, w0, w1);
    const cdn_kcache *e = kcache_find(&p, w0, w1, len);
    if (!e) return tok_keys_computed(t, 1, w0, w1, text, len, key, kl, sl, rules, stem);
    memcpy(key, e->key, sizeof e->key);
    memcpy(key + e->kl + 1, e->skel, sizeof e->skel);
    *kl = e->kl;
    *sl = e->sl;
    *rules = e->rules;
    *stem = e->stem;
    return *kl + *sl + 2;
}

/* tok_keys_after when the memo does not have the token (`memo` 0 for a long token, which it does not
 * keep). The probe is made again here, so that the look-up's probe stays in registers. */
static __attribute__((noinline))
size_t tok_keys_computed(cdn_text *t, int memo, uint64_t w0, uint64_t w1, const char *text, size_t len,
                         char *key, size_t *kl, size_t *sl, uint8_t *rules, uint8_t *stem)
{
    *kl = cdn_key(text, len, key, 2 * len + 2);
    char *skel = key + *kl + 1;
    *sl = cdn_skeleton(text, len, skel, 2 * len + 3);
    *rules = cdn_rule_bits(t, text, len, key, *kl, stem);
    kc_probe p = kcache_probe(t, w0, w1);
    cdn_kcache *e = memo ? kcache_fill(&p, w0, w1, len, *kl, *sl, *rules, *stem) : NULL;
    if (e) {
        /* fixed-size copies, as on a hit: the room after text covers them */
        memcpy(e->key, key, sizeof e->key);
        memcpy(e->skel, skel, sizeof e->skel);
    }
    return *kl + *sl + 2;
}

/* Appends one token (text already folded, at most CDN_TOKEN_MAX letters) with its key and
 * skeleton to form f, the open one; key and skel NULL to compute them. The caller has made room:
 * tl + 1 + (2 * tl + 2) + (2 * tl + 3) bytes in an->buf (tl + kl + sl + 3 with key and skel) and
 * one token. */
static inline __attribute__((always_inline))
void emit_in_room(cdn_analysis *an, cdn_form *f, const char *text, size_t tl, const char *key, size_t kl,
                  const char *skel, size_t sl, int script, int flags)
{
    cdn_token *k = &an->tokens[an->n_tokens];
    char *out = an->buf + an->len;
    k->text = (uint32_t)an->len;
    if (key && skel && key == text + tl + 1 && skel == key + kl + 1) {
        memcpy(out, text, tl + kl + sl + 3);      /* laid out alike in t->sbuf: one copy */
        k->key = (uint32_t)(an->len + tl + 1);
        k->skel = (uint32_t)(k->key + kl + 1);
        an->len = k->skel + sl + 1;
    } else {
        memcpy(out, text, tl);
        out[tl] = 0;
        an->len += tl + 1;
        k->key = (uint32_t)an->len;
        if (key) {
            memcpy(an->buf + an->len, key, kl + 1);
            an->len += kl + 1;
        } else {
            an->len += cdn_key(text, tl, an->buf + an->len, 2 * tl + 2) + 1;
        }
        k->skel = (uint32_t)an->len;
        if (skel) {
            memcpy(an->buf + an->len, skel, sl + 1);
            an->len += sl + 1;
        } else {
            an->len += cdn_skeleton(text, tl, an->buf + an->len, 2 * tl + 3) + 1;
        }
    }
    k->len = (uint16_t)tl;
    k->script = (uint8_t)script;
    size_t d = 0;
    while (d < tl && text[d] >= '0' && text[d] <= '9') d++;
    if (d == tl) flags |= CDN_TOK_NUMBER;
    else if (tl == 1) flags |= CDN_TOK_INITIAL;
    k->flags = (uint8_t)flags;
    k->initials = 0;
    an->n_tokens++;
    f->n++;
}

/* Appends one token to the open form (see emit_in_room), making room for it. */
static int emit(cdn_analysis *an, const char *text, size_t tl, const char *key, size_t kl,
                const char *skel, size_t sl, int script, int flags)
{
    if (!form_open(an) || tl == 0) return 0;
    cdn_form *f = &an->forms[an->open_form];
    if (f->n >= CDN_MAX_TOKENS) return 0;
    if (tl > CDN_TOKEN_MAX) tl = CDN_TOKEN_MAX;
    size_t room = tl + 1 + (2 * tl + 2) + (2 * tl + 3);
    if (CDN_GROW(an->buf, an->cap, an->len + room) < 0) return -1;
    if (CDN_GROW(an->tokens, an->tokens_cap, an->n_tokens + 1) < 0) return -1;
    emit_in_room(an, f, text, tl, key, kl, skel, sl, script, flags);
    return 0;
}

/* Whether t->sbuf holds exactly the tokens of t->toks, each text, key and skeleton in a row as
 * cdn_tok_push lays them out, in order and all kept: then a form copies sbuf as it is. */
static int sbuf_is_form(const cdn_text *t, size_t room)
{
    /* no tokens: sbuf may never have been allocated, and there is nothing to copy */
    if (t->toks_rewritten || t->n_toks == 0 || t->n_toks > room) return 0;
    for (size_t i = 0; i < t->n_toks; i++)
        if (t->toks[i].dropped) return 0;
    return 1;
}

/* Whether token k is a later word of the one Arabic-script word its predecessor began: عبدالعلی
 * reads "abdul ali", yet it is one name, Abdolali, as a hyphen would make it in Latin letters. */
static int glued_in_script(const cdn_tok *k, const cdn_tok *before)
{
    return before && k->script == CDN_SCRIPT_ARABIC && before->part == k->part;
}

/* Appends the kept tokens of t->toks (with their keys and skeletons) to the open form. With
 * `surname`, tokens before the comma are flagged CDN_TOK_SURNAME; with `hyphened`, those a hyphen
 * joins to a kept token CDN_TOK_HYPHENED. The kept tokens use at most t->slen bytes (their pieces
 * of sbuf), room made once. Where sbuf is the form (sbuf_is_form) it is copied in one go; else a
 * token's text, key and skeleton are one copy where they lie in a row. Short copies are of a fixed
 * size, 64 or 32 bytes (CDN_TOK_ROOM leaves 64 readable after every text, and an->buf gets that
 * much room past the form). */
static int emit_kept(cdn_text *t, cdn_analysis *an, int surname, int hyphened)
{
    if (!form_open(an) || t->n_toks == 0) return 0;   /* no token: an->tokens may not exist yet */
    if (CDN_GROW(an->buf, an->cap, an->len + t->slen + 64) < 0) return -1;
    if (CDN_GROW(an->tokens, an->tokens_cap, an->n_tokens + t->n_toks) < 0) return -1;
    cdn_form *f = &an->forms[an->open_form];
    /* in restrict locals: the byte stores below could otherwise alias every field the loop reads */
    char *restrict buf = an->buf;
    cdn_token *restrict out = an->tokens + an->n_tokens;
    const char *restrict sbuf = t->sbuf;
    const cdn_tok *restrict toks = t->toks;
    const cdn_part *restrict parts = t->parts;
    size_t n_toks = t->n_toks, len = an->len, base = len, room = CDN_MAX_TOKENS - f->n, n = 0;
    size_t n_parts = t->n_parts;
    int any_initials = t->any_initials, whole = sbuf_is_form(t, room);
    const cdn_tok *kept = NULL;                          /* the last token kept before toks[i] */
    if (whole) {
        if (t->slen <= 64) memcpy(buf + base, sbuf, 64);     /* sbuf has that room after its last text */
        else memcpy(buf + base, sbuf, t->slen);
        len += t->slen;
    }
    for (size_t i = 0; i < n_toks && n < room; i++) {
        const cdn_tok *k = &toks[i];
        if (k->dropped || k->len == 0) continue;
        unsigned flags = k->flags | (k->rules & CDN_RULE_DIGITS ? CDN_TOK_NUMBER
                                     : k->len == 1 ? CDN_TOK_INITIAL : 0);
        if (surname && !parts[k->part].after_comma) flags |= CDN_TOK_SURNAME;   /* "SURNAME, Given" */
        if (hyphened && i > 0 && ((k->hyphen_before && !toks[i - 1].dropped) || glued_in_script(k, kept)))
            flags |= CDN_TOK_HYPHENED;
        kept = k;
        size_t tl = k->len, kl = k->klen, sl = k->sklen;
        uint32_t text, key, skel;
        if (whole) {
            text = (uint32_t)(base + k->off);
            key = (uint32_t)(base + k->koff);
            skel = (uint32_t)(base + k->soff);
        } else {
            size_t off = k->off, koff = k->koff, soff = k->soff, bytes = tl + kl + sl + 3;
            text = (uint32_t)len;
            key = (uint32_t)(len + tl + 1);
            skel = (uint32_t)(len + tl + kl + 2);
            if (koff == off + tl + 1 && soff == koff + kl + 1) {
                if (bytes <= 32) memcpy(buf + len, sbuf + off, 32);
                else memcpy(buf + len, sbuf + off, bytes);
            } else {
                memcpy(buf + len, sbuf + off, tl + 1);
                memcpy(buf + len + tl + 1, sbuf + koff, kl + 1);
                memcpy(buf + len + tl + kl + 2, sbuf + soff, sl + 1);
            }
            len += bytes;
        }
        unsigned initials = any_initials && k->script == CDN_SCRIPT_LATIN && k->part < n_parts
                            && (parts[k->part].traits & CDN_PART_INITIALS);
        /* one store of the whole token, as in tok_push */
        out[n++] = (cdn_token){ .text = text, .key = key, .skel = skel, .len = (uint16_t)tl,
                                .script = k->script & 0x7F, .initials = initials & 1,
                                .flags = (uint8_t)flags };
    }
    an->len = len;
    an->n_tokens += n;
    f->n = (uint16_t)(f->n + n);
    return 0;
}

int cdn_form_token(cdn_analysis *an, const char *latin, size_t len, int script, int flags)
{
    if (!form_open(an)) return 0;
    char text[CDN_TOKEN_MAX + 1];
    size_t tl = 0;
    const unsigned char *u = (const unsigned char *)latin;
    for (size_t i = 0; i < len && tl < CDN_TOKEN_MAX;) {
        uint32_t c = u[i];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + n > len) break;
        if (n == 2) c = ((c & 0x1F) << 6) | (u[i + 1] & 0x3F);
        else if (n == 3) c = ((c & 0x0F) << 12) | ((u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
        else if (n == 4) c = 0xFFFD;
        i += n;
        if (c < 0x80) {                     /* cdn_fold_latin of ASCII, without the call */
            c |= (c >= 'A' && c <= 'Z') ? 0x20 : 0;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) text[tl++] = (char)c;
            continue;
        }
        char tmp[4];
        size_t tn = 0;
        if (cdn_fold_latin(&c, 1, tmp, sizeof tmp, &tn) < 0) continue;   /* not Latin: dropped */
        for (size_t k = 0; k < tn && tl < CDN_TOKEN_MAX; k++) text[tl++] = tmp[k];
    }
    if (an->keys_later) return emit(an, text, tl, "", 0, "", 0, script, flags);
    return emit(an, text, tl, NULL, 0, NULL, 0, script, flags);
}

static int same_form(const cdn_analysis *an, const cdn_form *a, const cdn_form *b)
{
    if (a->n != b->n) return 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const cdn_token *x = &an->tokens[a->first + i], *y = &an->tokens[b->first + i];
        if (x->len != y->len || memcmp(an->buf + x->text, an->buf + y->text, x->len) != 0) return 0;
    }
    return 1;
}

/* cdn_form_end, inlined where analyze.c builds its forms. */
static inline void form_end(cdn_analysis *an)
{
    if (!form_open(an)) { an->open_form = -1; return; }
    cdn_form *f = &an->forms[an->open_form];
    int drop = f->n == 0;
    for (size_t i = 0; !drop && i < (size_t)an->open_form; i++) drop = same_form(an, &an->forms[i], f);
    if (drop) {
        if (f->n) an->len = an->tokens[f->first].text;
        an->n_tokens = f->first;
        an->n_forms--;
    }
    an->open_form = -1;
}

void cdn_form_end(cdn_analysis *an)
{
    form_end(an);
}

void cdn_analysis_free(cdn_analysis *an)
{
    if (!an) return;
    free(an->buf); free(an->tokens); free(an->forms);
    memset(an, 0, sizeof *an);
    an->open_form = -1;
}

/* ---- Splitting the input into parts -------------------------------------------------------- */

/* ASCII letters and digits, by class (0: not a word character). */
enum { A_DIGIT = 1, A_UPPER, A_LOWER };
static const uint8_t ASCII_CLASS[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
    ['9'] = 1, ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2, ['G'] = 2, ['H'] = 2,
    ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2,
    ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2,
    ['a'] = 3, ['b'] = 3, ['c'] = 3, ['d'] = 3, ['e'] = 3, ['f'] = 3, ['g'] = 3, ['h'] = 3, ['i'] = 3,
    ['j'] = 3, ['k'] = 3, ['l'] = 3, ['m'] = 3, ['n'] = 3, ['o'] = 3, ['p'] = 3, ['q'] = 3, ['r'] = 3,
    ['s'] = 3, ['t'] = 3, ['u'] = 3, ['v'] = 3, ['w'] = 3, ['x'] = 3, ['y'] = 3, ['z'] = 3,
};

static int is_apostrophe(uint32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x2BC || c == 0x2BB || c == '`' || c == 0xB4
           || c == 0x2018 || c == 0x2B9 || c == 0x2BE || c == 0x2BF
           || c == 0x5F3 || c == 0x5F4;                 /* Hebrew geresh and gershayim */
}

/* A double quote between two Hebrew letters is the gershayim of an acronym typed on a keyboard
 * (להב"ה, צה"ל): part of the word, as an apostrophe is. */
static int hebrew_gershayim(const uint32_t *c, size_t n, size_t i)
{
    return c[i] == '"' && i > 0 && i + 1 < n && c[i - 1] >= 0x5D0 && c[i - 1] <= 0x5EA
           && c[i + 1] >= 0x5D0 && c[i + 1] <= 0x5EA;
}

static int is_hyphen(uint32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2013) || c == 0x2212 || c == 0xFE63 || c == 0xFF0D;
}

static int is_invisible(uint32_t c)
{
    return c == 0x200C || c == 0x200D || c == 0x640 || c == 0xAD || c == 0x200B || c == 0xFEFF;
}

/* Letters, digits and marks; ASCII without a call. */
static inline int is_word_cp(uint32_t c)
{
    return c < 0x80 ? ASCII_CLASS[c] : cdn_cp_is_word(c);
}

/* Whether c can start or continue a word after a separator (ʻ and ʼ are letters to Unicode but
 * apostrophes here). */
static inline int starts_word(uint32_t c)
{
    return c < 0x80 ? ASCII_CLASS[c] : cdn_cp_is_word(c) && !is_apostrophe(c);
}

/* The basic Cyrillic and Arabic letters (А..я, ء..غ, ف..ي; not the tatweel): letters without
 * asking ICU, and neither apostrophes nor invisible. */
static inline int common_letter(uint32_t c)
{
    return (c >= 0x410 && c <= 0x44F) || (c >= 0x621 && c <= 0x63A) || (c >= 0x641 && c <= 0x64A);
}

/* Opens a part at cps[w]; NULL when MAX_PARTS are read (*full) or on no memory. */
static cdn_part *new_part(cdn_text *t, size_t w, int hyphen, int comma, int *full)
{
    if (t->n_parts >= MAX_PARTS) { *full = 1; return NULL; }
    if (CDN_GROW(t->parts, t->parts_cap, t->n_parts + 1) < 0) return NULL;
    cdn_part *p = &t->parts[t->n_parts++];
    p->cp = (uint32_t)w; p->ncp = 0; p->script = CDN_SCRIPT_NONE;
    p->hyphen_before = (uint8_t)hyphen; p->after_comma = (uint8_t)comma;
    p->traits = 0;
    t->any_hyphen |= hyphen;
    t->any_comma |= comma;
    return p;
}

/* Adds the run of ASCII letters and digits at cps[*i] to part p (the common case, kept free of
 * calls and branches per letter): the code points to t->seg, their folded spelling to t->lower;
 * *prev is the class of the part's last letter. Whether the run has a letter, a digit, and a small
 * letter followed by a capital are gathered as it goes and turned into the part's traits once.
 * With SSE2, sixteen code points at a step, narrowed to bytes (anything past ASCII stays past it)
 * and classed by range compares; the run ends at the first lane that is none, at the latest at the
 * zeros cdn_utf8_decode leaves after the input. The stores may write past the run's end, into room
 * the next letters overwrite. */
static void add_ascii_run(cdn_text *t, cdn_part *p, size_t *i, size_t *w, int *prev)
{
    size_t j = *i, o = *w;
    /* in restrict locals: the char stores below could otherwise alias t's fields and the cps */
    const uint32_t *restrict in = t->cps;
    uint32_t *restrict out = t->seg;
    char *restrict lower = t->lower;
    unsigned digit = 0, letter = 0, small = 0, lower_upper = 0, pc = (unsigned)*prev;
#ifdef __SSE2__
    const __m128i case_bit = _mm_set1_epi8(0x20);
    for (;;) {
        const __m128i *q = (const __m128i *)(in + j);
        __m128i a0 = _mm_loadu_si128(q), a1 = _mm_loadu_si128(q + 1);
        __m128i a2 = _mm_loadu_si128(q + 2), a3 = _mm_loadu_si128(q + 3);
        __m128i *d = (__m128i *)(out + o);
        _mm_storeu_si128(d, a0);
        _mm_storeu_si128(d + 1, a1);
        _mm_storeu_si128(d + 2, a2);
        _mm_storeu_si128(d + 3, a3);
        __m128i b = _mm_packus_epi16(_mm_packs_epi32(a0, a1), _mm_packs_epi32(a2, a3));
        __m128i f = _mm_or_si128(b, case_bit);
        _mm_storeu_si128((__m128i *)(lower + o), f);   /* 0x30..0x39 have 0x20: digits stay */
        __m128i x = _mm_sub_epi8(f, _mm_set1_epi8('a')), y = _mm_sub_epi8(b, _mm_set1_epi8('0'));
        __m128i let = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(25)), x);   /* x < 26 unsigned */
        __m128i dig = _mm_cmpeq_epi8(_mm_min_epu8(y, _mm_set1_epi8(9)), y);
        __m128i sml = _mm_and_si128(let, _mm_cmpeq_epi8(_mm_and_si128(b, case_bit), case_bit));
        unsigned md = (unsigned)_mm_movemask_epi8(dig), ml = (unsigned)_mm_movemask_epi8(let);
        unsigned ms = (unsigned)_mm_movemask_epi8(sml), mu = ml & ~ms;
        unsigned k = (unsigned)__builtin_ctz(~(md | ml));     /* word lanes before the first other */
        unsigned keep = (1u << k) - 1;
        digit |= md & keep;
        letter |= ml & keep;
        small |= ms & keep;
        lower_upper |= mu & keep & (ms << 1 | (pc == A_LOWER));
        if (k) pc = md >> (k - 1) & 1 ? A_DIGIT : mu >> (k - 1) & 1 ? A_UPPER : A_LOWER;
        j += k;
        o += k;
        if (k < 16) break;
    }
#else
    for (uint32_t c; (c = in[j]) < 0x80 && ASCII_CLASS[c]; j++) {
        unsigned cls = ASCII_CLASS[c];
        digit |= cls == A_DIGIT;
        letter |= cls != A_DIGIT;
        small |= cls == A_LOWER;
        lower_upper |= cls == A_UPPER && pc == A_LOWER;
        pc = cls;
        out[o] = c;
        lower[o++] = (char)(c | 0x20);    /* lowercases A-Z, keeps a-z and 0-9 (0x30..0x39) */
    }
#endif
    if (letter && p->script == CDN_SCRIPT_NONE) p->script = CDN_SCRIPT_LATIN;
    unsigned traits = (unsigned)(digit != 0) * CDN_PART_DIGIT | (unsigned)(small != 0) * CDN_PART_LOWER
                      | (unsigned)(lower_upper != 0) * CDN_PART_CASE_UP;
    p->traits |= (uint8_t)traits;
    t->any_traits |= traits;
    p->ncp += (uint32_t)(j - *i);
    *i = j - 1;
    *w = o;
    *prev = (int)pc;
}

static void add_other(cdn_text *t, cdn_part *p, size_t w, uint32_t c)
{
    t->seg[w] = c;
    p->ncp++;
    p->traits |= CDN_PART_NON_ASCII;
    t->any_traits |= CDN_PART_NON_ASCII;
    if (p->script == CDN_SCRIPT_NONE || (p->script == CDN_SCRIPT_LATIN && c >= 0x370)) {
        /* A Latin look-alike inside a Cyrillic or Greek word (Aлександр) is a typo: the word
         * takes the script of its other letters. */
        int sc = cdn_cp_script(c);
        if (sc != CDN_SCRIPT_NONE) p->script = (uint8_t)sc;
    }
}

/* Adds the run of basic Cyrillic and Arabic letters (common_letter) at cps[i] to part p (to t->seg
 * at w), as add_other would one by one: only the first may set the part's script (it has one
 * after it). The run ends at the latest at the zeros cdn_utf8_decode leaves after the input.
 * Returns its length. Out of line: inlined, it made segment() slower on ASCII names. */
static __attribute__((noinline)) size_t add_common_run(cdn_text *t, cdn_part *p, size_t i, size_t w)
{
    const uint32_t *restrict in = t->cps + i;
    uint32_t *restrict out = t->seg + w;
    size_t k = 0;
    if (p->script == CDN_SCRIPT_NONE || p->script == CDN_SCRIPT_LATIN)
        p->script = (uint8_t)cdn_cp_script(in[0]);          /* Cyrillic or Arabic */
    for (uint32_t c; common_letter(c = in[k]); k++) out[k] = c;
    p->ncp += (uint32_t)k;
    p->traits |= CDN_PART_NON_ASCII;
    t->any_traits |= CDN_PART_NON_ASCII;
    return k;
}

/* Splits t->cps into parts, each part's letters one after the other in t->seg, which then becomes
 * t->cps (the input stays whole while it is read: the lookahead and the sixteen-lane loads need it).
 * Apostrophes inside a word join it (O'Neill → oneill, Sa'id → said); hyphens split it, remembered
 * for the joined form; dots between single letters join them (S.A. → sa, L.L.C. → llc). */
static int segment(cdn_text *t)
{
    size_t n = t->n_cps, w = 0;
    int in_word = 0, comma = 0, pending_hyphen = 0, dotted = 0, full = 0, prev = 0;
    cdn_part *p = NULL;
    t->n_parts = 0;
    t->any_initials = 0;
    t->any_traits = 0;
    t->any_hyphen = 0;
    t->any_comma = 0;
    if (CDN_GROW(t->lower, t->lower_cap, n + CDN_CPS_PAD) < 0
        || CDN_GROW(t->seg, t->seg_cap, n + CDN_CPS_PAD) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = t->cps[i];
        if (c == ' ') {                 /* the common separator: what the end of the loop does for it */
            dotted = 0;
            pending_hyphen = 0;
            in_word = 0;
            continue;
        }
        int word = c < 0x80 ? ASCII_CLASS[c] : 0, apostrophe = 0, common = common_letter(c);
        if (common) {
            word = 1;
        } else if (c >= 0x80) {
            if (is_invisible(c)) continue;
            apostrophe = is_apostrophe(c);
            word = !apostrophe && cdn_cp_is_word(c);
        } else {
            apostrophe = c == '\'' || c == '`' || hebrew_gershayim(t->cps, n, i);
        }
        if (word) {
            if (!in_word) {
                p = new_part(t, w, pending_hyphen, comma, &full);
                if (!p) { if (full) break; return -1; }
                in_word = 1;
                pending_hyphen = 0;
                prev = 0;
            }
            if (c < 0x80) {
                add_ascii_run(t, p, &i, &w, &prev);
            } else if (common) {
                size_t k = add_common_run(t, p, i, w);
                i += k - 1;
                w += k;
                prev = 0;
            } else {
                add_other(t, p, w++, c);
                prev = 0;
            }
            continue;
        }
        int next_word = i + 1 < n && starts_word(t->cps[i + 1]);
        if (apostrophe) {
            if (in_word && next_word) continue;
            in_word = 0;
            dotted = 0;
            continue;
        }
        if (in_word && next_word && c == '.') {
            uint32_t after = i + 2 < n ? t->cps[i + 2] : 0;
            if ((p->ncp == 1 || dotted) && !is_word_cp(after)) {
                dotted = 1;
                p->traits |= CDN_PART_INITIALS;
                t->any_initials = 1;
                continue;
            }
        }
        dotted = 0;
        pending_hyphen = in_word && next_word && is_hyphen(c);
        if (c == ',') comma = 1;
        in_word = 0;
    }
    uint32_t *cps = t->cps;
    size_t cap = t->cps_cap;
    t->cps = t->seg; t->cps_cap = t->seg_cap;
    t->seg = cps; t->seg_cap = cap;
    return 0;
}

/* Whether part p is three letters or more with no vowel (DPRK, KKBC): no name is written so. */
static int no_vowel(const cdn_text *t, const cdn_part *p)
{
    if (p->ncp < 3) return 0;                         /* Ng is a surname */
    for (uint32_t k = 0; k < p->ncp; k++) {
        uint32_t c = t->cps[p->cp + k];
        if (c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y') return 0;
    }
    return 1;
}

/* Marks the parts written as initials in capitals (DPRK, KKBC in "Embassy of the DPRK"): three to
 * six ASCII capitals without a vowel, in a name that has small letters, not a person's. Capitals
 * alone do not tell: "John SMITH" and "Acme TORRES Ltd" write a name so, and the candidate bound
 * grants a query initialism to every entity reached (five times the work for such a query). The
 * dotted ones (U.S., K.P.A.) segment() marked. */
static void mark_capital_initials(cdn_text *t, cordon_kind kind)
{
    if (kind != CORDON_KIND_ORGANIZATION && kind != CORDON_KIND_ANY) return;
    if (!(t->any_traits & CDN_PART_LOWER)) return;
    for (size_t i = 0; i < t->n_parts; i++) {
        cdn_part *p = &t->parts[i];
        if (p->script == CDN_SCRIPT_LATIN && p->ncp <= 6
            && !(p->traits & (CDN_PART_LOWER | CDN_PART_DIGIT | CDN_PART_NON_ASCII)) && no_vowel(t, p)) {
            p->traits |= CDN_PART_INITIALS;
            t->any_initials = 1;
        }
    }
}

/* ---- Romanizing the parts into a token list ------------------------------------------------ */

static int sbuf_room(cdn_text *t, size_t extra)
{
    return CDN_GROW(t->sbuf, t->scap, t->slen + extra);
}

/* cdn_tok_push; `padded`: s has 16 bytes readable (t->lower), so that a short token is copied
 * and zero-padded with one masked 16-byte move. */
static inline __attribute__((always_inline))
int tok_push(cdn_text *t, const char *s, size_t len, int script, int part, int hyphen, int padded)
{
    if (len == 0) return 0;
    if (len > CDN_TOKEN_MAX) len = CDN_TOKEN_MAX;
    if (sbuf_room(t, CDN_TOK_ROOM(len)) < 0) return -1;
    if (CDN_GROW(t->toks, t->toks_cap, t->n_toks + 1) < 0) return -1;
    size_t off = t->slen;
    char *text = t->sbuf + off;
#ifdef __SSE2__
    if (padded && len < CDN_KCACHE_TEXT) {
        const __m128i lane = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        __m128i in_token = _mm_cmpgt_epi8(_mm_set1_epi8((char)len), lane);
        _mm_storeu_si128((__m128i *)text, _mm_and_si128(_mm_loadu_si128((const __m128i *)s), in_token));
    } else
#endif
    {
        memset(text, 0, CDN_KCACHE_TEXT);            /* the zero padding tok_keys_after reads */
        memcpy(text, s, len);
        text[len] = 0;
    }
    size_t kl, sl;
    uint8_t rules, stem;
    size_t used = tok_keys_after(t, text, len, text + len + 1, &kl, &sl, &rules, &stem);
    t->slen = off + len + 1 + used;
    t->tok_rules |= rules;
    /* one store of the whole token: field by field, each byte store would make the compiler reload t */
    t->toks[t->n_toks++] = (cdn_tok){ .off = (uint32_t)off, .len = (uint16_t)len, .script = (uint8_t)script,
                                      .part = (uint16_t)part, .hyphen_before = (uint8_t)hyphen,
                                      .koff = (uint32_t)(off + len + 1),
                                      .soff = (uint32_t)(off + len + kl + 2),
                                      .klen = (uint16_t)kl, .sklen = (uint16_t)sl, .rules = rules,
                                      .stem = stem };
    return 0;
}

int cdn_tok_push(cdn_text *t, const char *s, size_t len, int script, int part, int hyphen)
{
    return tok_push(t, s, len, script, part, hyphen, 0);
}

/* Pushes one word; with `join`, glued to the previous token (the hyphen-joined form). */
static int push_word(cdn_text *t, const char *s, size_t len, int script, int part, int hyphen, int join)
{
    if (!join || t->n_toks == 0) return cdn_tok_push(t, s, len, script, part, hyphen);
    cdn_tok *last = &t->toks[t->n_toks - 1];
    char both[2 * CDN_TOKEN_MAX + 2];
    size_t l1 = last->len, l2 = len;
    if (l1 + l2 > CDN_TOKEN_MAX) l2 = CDN_TOKEN_MAX - l1;
    memcpy(both, t->sbuf + last->off, l1);
    memcpy(both + l1, s, l2);
    int sc = last->script, pt = last->part, hy = last->hyphen_before;
    t->slen = last->off;
    t->n_toks--;
    return cdn_tok_push(t, both, l1 + l2, sc, pt, hy);
}

/* The first space at or after s[i], or len; eight bytes at a step (s has CDN_KCACHE_TEXT readable
 * bytes after len, see push_words). */
static size_t word_end(const char *s, size_t i, size_t len)
{
    for (; i < len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        w ^= 0x2020202020202020ull;                 /* spaces become zero bytes */
        uint64_t zero = (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull;   /* lowest is exact */
        if (zero) {
            size_t at = i + (size_t)(__builtin_ctzll(zero) >> 3);
            return at < len ? at : len;
        }
    }
    return len;
}

/* Pushes the space-separated words of a romanization; with `join`, the first one is glued to the
 * previous token (the hyphen-joined form). s is followed by CDN_KCACHE_TEXT readable bytes (see
 * tok_push's `padded`). */
static int push_words(cdn_text *t, const char *s, size_t len, int script, int part, int hyphen, int join)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && s[i] == ' ') i++;
        size_t st = i;
        i = word_end(s, i, len);
        if (i == st) break;
        if ((!join || t->n_toks == 0 ? tok_push(t, s + st, i - st, script, part, hyphen, 1)
                                     : push_word(t, s + st, i - st, script, part, hyphen, join)) < 0)
            return -1;
        join = 0;
        hyphen = 0;
    }
    return 0;
}

static int short_compound(const cdn_text *t, size_t i);

/* latin: 0 folds Latin as written, else the LATIN_* variants that apply to the name. lang -1: the
 * name's. he: the style of the unwritten Hebrew vowels (cdn_he_romanize). */
typedef struct style { int cyr, ar, join, scheme, lang, dedupe, latin, he; } style;

enum { LATIN_SLAVIC = 1, LATIN_LEET = 2, LATIN_CAMEL = 4, LATIN_GLUED = 8 };

/* Leetspeak digits inside a word that is mostly letters (Ig0r Sech1n): the letter each stands for,
 * or 0 when the digit is not one of them. */
static char leet_letter(uint32_t c)
{
    static const char L[10] = { 'o', 'i', 0, 'e', 'a', 's', 0, 't', 0, 0 };
    return c >= '0' && c <= '9' ? L[c - '0'] : 0;
}

static int is_upper_ascii(uint32_t c) { return c >= 'A' && c <= 'Z'; }
static int is_lower_ascii(uint32_t c) { return c >= 'a' && c <= 'z'; }

/* Legal forms a company name may have glued to its end in capitals (SiemensAG, AcmeLLC); the
 * name rules make them their class once split off. */
static const char *const GLUED_LEGAL[] = { "ag", "sa", "nv", "bv", "ab", "spa", "sas", "llc", "ltd", "plc",
                                           "srl", "jsc", "pao", "oao", "zao", "ooo", "inc", "bhd", "sarl",
                                           "gmbh", "corp", "pjsc", "ojsc", "cjsc" };

/* Where a legal form glued to a word starts (SiemensAG: 7), or 0: the form in capitals right after
 * a small letter, ending the word, after four letters or more. Only the capitals tell it: Vasa,
 * Tomsa or BALLSA end in "sa" and are names. */
static size_t glued_legal_at(const uint32_t *c, size_t n)
{
    size_t at = n;
    while (at > 0 && is_upper_ascii(c[at - 1])) at--;
    if (at < 4 || n - at < 2 || n - at > 4 || !is_lower_ascii(c[at - 1])) return 0;
    char tail[5];
    for (size_t i = at; i < n; i++) tail[i - at] = (char)(c[i] | 0x20);
    tail[n - at] = 0;
    for (size_t k = 0; k < sizeof GLUED_LEGAL / sizeof *GLUED_LEGAL; k++)
        if (strcmp(tail, GLUED_LEGAL[k]) == 0) return at;
    return 0;
}

/* The Latin variants a part calls for: Slavic marks, leetspeak digits (more letters than digits,
 * every digit one of 0 1 3 4 5 7), CamelCase joins (a lower→upper change with 3+ letters on each
 * side: FridrichBuchenberg, not McDonald or DeLuca), a legal form glued on (glued_legal_at). */
static int latin_variants_of(const uint32_t *c, size_t n)
{
    int v = cdn_slavic_marks(c, n) ? LATIN_SLAVIC : 0;
    size_t letters = 0, digits = 0, odd_digits = 0, last_split = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i] >= '0' && c[i] <= '9') { digits++; odd_digits += !leet_letter(c[i]); continue; }
        letters++;
        if (i > 0 && is_upper_ascii(c[i]) && is_lower_ascii(c[i - 1]) && i - last_split >= 3
            && i + 3 <= n && is_lower_ascii(c[i + 1]) && is_lower_ascii(c[i + 2]))
            v |= LATIN_CAMEL, last_split = i;
    }
    if (digits && !odd_digits && letters > digits && letters >= 2) v |= LATIN_LEET;
    if (glued_legal_at(c, n)) v |= LATIN_GLUED;
    return v;
}

/* A Latin part with the variants `v` applied (see latin_variants_of). */
static int latin_variant(const uint32_t *c, size_t n, int v, char *out, size_t cap, size_t *len)
{
    size_t o = 0;
    int mine = latin_variants_of(c, n);
    size_t glued = mine & LATIN_GLUED ? glued_legal_at(c, n) : 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = c[i];
        if (glued && i == glued && o + 1 < cap) out[o++] = ' ';
        if ((mine & LATIN_CAMEL) && i >= 3 && is_upper_ascii(x) && is_lower_ascii(c[i - 1])
            && i + 3 <= n && is_lower_ascii(c[i + 1]) && is_lower_ascii(c[i + 2]) && o + 1 < cap)
            out[o++] = ' ';
        if ((mine & LATIN_LEET) && leet_letter(x)) {
            if (o + 1 < cap) out[o++] = leet_letter(x);
            continue;
        }
        int rc = (v & LATIN_SLAVIC) ? cdn_slavic_latin(&x, 1, out, cap, &o)
                                    : cdn_fold_latin(&x, 1, out, cap, &o);
        if (rc < 0) return -1;
    }
    *len = o;
    return 0;
}

static int has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')) return 1;
    return 0;
}

/* ---- The romanization memo (see cdn_rcache) ---- */

_Static_assert(sizeof(cdn_rcache) == 64, "a romanization memo entry is one cache line");

/* A part's key in the memo, made once for the styles that read it: its letters and their hash
 * (the reading is mixed in per look-up); ok 0 when the part is not one the memo keeps. */
struct cdn_rkey { uint16_t cp[CDN_RCACHE_CPS]; uint64_t hash; uint8_t n, ok; };

/* A word's place in the memo under one reading: its set, its key and the reading's tag. */
typedef struct rc_probe { cdn_rcache *set; const struct cdn_rkey *key; uint8_t tag; } rc_probe;

/* Makes the key of word cps[0..n). */
static void rkey_make(struct cdn_rkey *k, const uint32_t *cps, size_t n)
{
    k->ok = 0;
    if (n > CDN_RCACHE_CPS) return;
    memset(k->cp, 0, sizeof k->cp);
    uint32_t high = 0;
    for (size_t i = 0; i < n; i++) {
        high |= cps[i];
        k->cp[i] = (uint16_t)cps[i];
    }
    if (high > 0xFFFF) return;
    uint64_t w[4];
    memcpy(w, k->cp, sizeof w);
    uint64_t h = w[0] * 0x9E3779B97F4A7C15ull;
    h = (h ^ (h >> 29) ^ w[1]) * 0xD6E8FEB86659FD93ull;
    h = (h ^ (h >> 29) ^ w[2] ^ (w[3] << 7)) * 0x9E3779B97F4A7C15ull;
    k->hash = h ^ (h >> 31);
    k->n = (uint8_t)n;
    k->ok = 1;
}

/* The probe of a keyed word under reading `tag`. */
static rc_probe rcache_probe(cdn_text *t, const struct cdn_rkey *k, unsigned tag)
{
    uint64_t h = (k->hash ^ tag) * 0xD6E8FEB86659FD93ull;
    return (rc_probe){ t->rcache + ((h >> 40) & (CDN_RCACHE_SETS - 1)) * CDN_RCACHE_WAYS, k, (uint8_t)tag };
}

/* The memo's romanization of the probed word into out (room for CDN_RCACHE_OUT bytes); its
 * length, or -1 when the memo does not have it. */
static long rcache_get(const rc_probe *p, char *out)
{
    for (size_t w = 0; w < CDN_RCACHE_WAYS; w++) {
        const cdn_rcache *e = &p->set[w];
        if (e->tag == p->tag && e->n == p->key->n && memcmp(e->cp, p->key->cp, sizeof e->cp) == 0) {
            memcpy(out, e->out, CDN_RCACHE_OUT);
            return e->ol;
        }
    }
    return -1;
}

/* Keeps the probed word's romanization out[0..len) as the newest of its set. */
static void rcache_put(const rc_probe *p, const char *out, size_t len)
{
    if (len > CDN_RCACHE_OUT) return;
    memmove(&p->set[1], &p->set[0], (CDN_RCACHE_WAYS - 1) * sizeof *p->set);
    cdn_rcache *e = &p->set[0];
    memcpy(e->cp, p->key->cp, sizeof e->cp);
    e->n = p->key->n;
    e->tag = p->tag;
    e->ol = (uint8_t)len;
    memcpy(e->out, out, len);
}

/* Prepares a Cyrillic or Arabic part on the first romanization that needs it (cdn_cyr_prepare,
 * cdn_ar_prepare): a name whose words the memo has all is never prepared. */
static const cdn_part *prepared(cdn_text *t, size_t i)
{
    cdn_part *p = &t->parts[i];
    if (p->nprep != CDN_PREP_NONE) return p;
    p->nprep = (uint32_t)(p->script == CDN_SCRIPT_CYRILLIC
                          ? cdn_cyr_prepare(t->cps + p->cp, p->ncp, t->prep + p->prep)
                          : cdn_ar_prepare(t->cps + p->cp, p->ncp, t->prep + p->prep));
    return p;
}

/* A Cyrillic (tag 1 + lang * 8 + style) or Arabic (tag 0x80 | style) word romanized through the
 * memo. */
static size_t romanize_memo(cdn_text *t, const cdn_part *p, int lang, int style, char *out, size_t cap)
{
    int cyr = p->script == CDN_SCRIPT_CYRILLIC;
    unsigned tag = cyr ? 1u + (unsigned)lang * 8u + (unsigned)style : 0x80u | (unsigned)style;
    const struct cdn_rkey *key = &t->rkeys[p - t->parts];
    int memo = key->ok;
    rc_probe pr = memo ? rcache_probe(t, key, tag) : (rc_probe){ NULL, NULL, 0 };
    if (memo) {
        long n = rcache_get(&pr, out);
        if (n >= 0) return (size_t)n;
    }
    p = prepared(t, (size_t)(p - t->parts));
    size_t n = cyr ? cdn_cyr_romanize_word(t->prep + p->prep, p->nprep, lang, style, out, cap)
                   : cdn_ar_romanize_word(t->prep + p->prep, p->nprep, style, out, cap);
    if (memo) rcache_put(&pr, out, n);
    return n;
}

/* A word of a script only ICU reads (Greek, Devanagari, kana …) through the memo: ICU's
 * transliterators cost tens of thousands of instructions a word, and names repeat their words. The
 * reading depends on the letters alone (their script with them), hence one tag for all. */
#define RC_TAG_ICU 0x40u           /* above every Cyrillic tag (1 + lang * 8 + style), below Arabic's */

static int icu_romanize_memo(cdn_text *t, const cdn_part *p, char *out, size_t cap, size_t *n)
{
    struct cdn_rkey key;
    rkey_make(&key, t->cps + p->cp, p->ncp);
    rc_probe pr = key.ok ? rcache_probe(t, &key, RC_TAG_ICU) : (rc_probe){ NULL, NULL, 0 };
    long got = key.ok ? rcache_get(&pr, out) : -1;
    if (got >= 0) {
        *n = (size_t)got;
        return 0;
    }
    int rc = cdn_icu_script_latin(t, p->script, t->cps + p->cp, p->ncp, out, cap, n);
    if (rc == 0 && key.ok) rcache_put(&pr, out, *n);
    return rc;
}

static int romanize_part(cdn_text *t, const cdn_part *p, int lang, const style *st, char *out,
                         size_t cap, size_t *n)
{
    const uint32_t *cps = t->cps + p->cp;
    *n = 0;
    switch (p->script) {
    case CDN_SCRIPT_LATIN:
    case CDN_SCRIPT_NONE:
        if (st->latin && latin_variant(cps, p->ncp, st->latin, out, cap, n) == 0) return 0;
        *n = 0;
        if (cdn_fold_latin(cps, p->ncp, out, cap, n) == 0) return 0;
        *n = 0;
        return cdn_icu_latin(t, cps, p->ncp, out, cap, n);
    case CDN_SCRIPT_CYRILLIC:
        *n = romanize_memo(t, p, st->lang >= 0 ? st->lang : lang, st->cyr, out, cap);
        return 0;
    case CDN_SCRIPT_ARABIC:
        *n = romanize_memo(t, p, 0, st->ar | (t->persian ? CDN_AR_PERSIAN : 0), out, cap);
        return 0;
    case CDN_SCRIPT_HEBREW:
        *n = cdn_he_romanize(cps, p->ncp, st->he, out, cap);
        return 0;
    case CDN_SCRIPT_THAI:
        *n = cdn_th_romanize(cps, p->ncp, out, cap);
        return 0;
    case CDN_SCRIPT_MYANMAR:
        *n = cdn_my_romanize(cps, p->ncp, out, cap);
        return 0;
    case CDN_SCRIPT_KHMER:
        *n = cdn_km_romanize(cps, p->ncp, out, cap);
        return 0;
    case CDN_SCRIPT_HAN:
        /* Han inside a name of another script ("Jin Tiesan (金铁三)"): the Unihan table, as han.c
         * reads whole Han names, and not ICU's Any-Latin, whose first use builds every script's
         * rules (0.18 s). */
        if ((*n = cdn_han_pinyin(cps, p->ncp, out, cap)) > 0) return 0;
        return cdn_icu_script_latin(t, p->script, cps, p->ncp, out, cap, n);
    case CDN_SCRIPT_KANA: {
        int rc = icu_romanize_memo(t, p, out, cap, n);
        if (rc == 0 && st->scheme == CDN_SCHEME_KANA) *n = cdn_kana_foreign(out, *n, out);
        return rc;
    }
    default: {
        /* a script no table here reads: ICU's, which may not read it either (Tifinagh, Meetei
         * Mayek): such a word is counted, so that callers can say it was not screened */
        int rc = icu_romanize_memo(t, p, out, cap, n);
        if (rc == 0 && !has_alnum(out, *n)) t->unread_parts |= 1ull << (p - t->parts);
        return rc;
    }
    }
}

/* Whether a part is plain ASCII letters and digits written as is: its folded spelling is
 * t->lower, one word. */
static int ascii_word(const cdn_part *p, const style *st)
{
    return (p->script == CDN_SCRIPT_LATIN || p->script == CDN_SCRIPT_NONE) && !st->latin
           && !(p->traits & CDN_PART_NON_ASCII);
}

/* Mixes one token (and its end) into a romanization's hash, eight letters at a step. s is a token
 * text in t->sbuf: eight bytes are readable from anywhere in it (see CDN_TOK_ROOM), masked to the text. */
static uint64_t hash_token(uint64_t h, const char *s, size_t len)
{
    for (;; s += 8, len -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        if (len < 8) w &= (1ull << (8 * len)) - 1;
        h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
        if (len <= 8) return (h ^ len) * 0xD6E8FEB86659FD93ull;
    }
}

static cordon_rc build_form(cdn_text *t, int lang, const style *st, cordon_kind kind, cdn_analysis *an)
{
    char tmp[CDN_TOKEN_MAX * 8 + 16 + CDN_KCACHE_TEXT];    /* a romanization, then zeros for push_words */
    const size_t cap = sizeof tmp - CDN_KCACHE_TEXT;
    t->slen = 0;
    t->n_toks = 0;
    t->tok_rules = 0;
    t->toks_rewritten = 0;
    t->unread_parts = 0;
    for (size_t i = 0; i < t->n_parts; i++) {
        const cdn_part *p = &t->parts[i];
        size_t n = 0;
        int join = st->join && p->hyphen_before && i > 0 && short_compound(t, i);
        if (st->scheme == CDN_SCHEME_PINYIN && p->script == CDN_SCRIPT_LATIN
            && (n = cdn_wade_giles(t->cps + p->cp, p->ncp, tmp, cap)) > 0) {
            memset(tmp + n, 0, CDN_KCACHE_TEXT);
            if (push_words(t, tmp, n, p->script, (int)i, p->hyphen_before, join) < 0) return CORDON_ERR_NOMEM;
            continue;
        }
        if (ascii_word(p, st)) {
            /* already folded by segment(); one word, cut by cdn_tok_push as any other */
            const char *word = t->lower + p->cp;     /* CDN_CPS_PAD bytes of room after it */
            int hy = p->hyphen_before;
            if ((!join || t->n_toks == 0 ? tok_push(t, word, p->ncp, p->script, (int)i, hy, 1)
                                         : push_word(t, word, p->ncp, p->script, (int)i, hy, join)) < 0)
                return CORDON_ERR_NOMEM;
            continue;
        }
        if (romanize_part(t, p, lang, st, tmp, cap, &n) < 0) return CORDON_ERR_UNICODE;
        if (n > cap) n = cap;
        memset(tmp + n, 0, CDN_KCACHE_TEXT);
        if (push_words(t, tmp, n, p->script, (int)i, p->hyphen_before, join) < 0)
            return CORDON_ERR_NOMEM;
    }
    if (st->dedupe) {
        /* Schemes often agree (Иван Петров); a romanization seen before makes the same form. */
        uint64_t h = 1469598103934665603ull;
        for (size_t i = 0; i < t->n_toks; i++) h = hash_token(h, t->sbuf + t->toks[i].off, t->toks[i].len);
        for (size_t i = 0; i < t->n_seen; i++) if (t->seen[i] == h) return CORDON_OK;
        if (t->n_seen < sizeof t->seen / sizeof *t->seen) t->seen[t->n_seen++] = h;
    }
    if (st->ar != CDN_AR_SCHOLAR) cdn_arabic_compounds(t, st->ar);
    cdn_name_rules(t, kind);
    if (form_begin(an, st->scheme) < 0) return CORDON_ERR_NOMEM;
    if (emit_kept(t, an, t->any_comma && kind != CORDON_KIND_ORGANIZATION, 1) < 0) return CORDON_ERR_NOMEM;
    form_end(an);
    return CORDON_OK;
}

/* ---- Whole-name script modules (Hangul, Han) ----------------------------------------------- */

static size_t utf8_put(char *o, uint32_t c)
{
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | (c >> 6)); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12)); o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18)); o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The parts of `script` as NUL-ended UTF-8 strings in t->uptr; returns their number or -1. */
static long parts_utf8(cdn_text *t, int script)
{
    size_t need = 0, n = 0;
    for (size_t i = 0; i < t->n_parts; i++) need += 4 * (size_t)t->parts[i].ncp + 1;
    if (CDN_GROW(t->ubytes, t->ubytes_cap, need + 1) < 0) return -1;
    if (CDN_GROW(t->uptr, t->uptr_cap, t->n_parts + 1) < 0) return -1;
    size_t o = 0;
    for (size_t i = 0; i < t->n_parts; i++) {
        const cdn_part *p = &t->parts[i];
        if (p->script != script) continue;
        t->uptr[n++] = t->ubytes + o;
        for (uint32_t k = 0; k < p->ncp; k++) o += utf8_put(t->ubytes + o, t->cps[p->cp + k]);
        t->ubytes[o++] = 0;
    }
    return (long)n;
}

/* ---- cdn_analyze --------------------------------------------------------------------------- */

/* The words of the form just built that nothing could read (t->unread_parts): their number, and
 * their letters in UTF-8 after the tokens in an->buf, so that a caller can name them. */
static int note_unread(cdn_text *t, cdn_analysis *an)
{
    size_t need = 0;
    for (size_t i = 0; i < t->n_parts; i++)
        if (t->unread_parts >> i & 1) need += 4 * (size_t)t->parts[i].ncp + 1;
    if (CDN_GROW(an->buf, an->cap, an->len + need + 1) < 0) return -1;
    an->unread_text = (uint32_t)an->len;
    for (size_t i = 0; i < t->n_parts; i++) {
        if (!(t->unread_parts >> i & 1)) continue;
        if (an->unread) an->buf[an->len++] = ' ';
        const uint32_t *c = t->cps + t->parts[i].cp;
        for (uint32_t k = 0; k < t->parts[i].ncp; k++) an->len += utf8_put(an->buf + an->len, c[k]);
        an->unread++;
    }
    an->buf[an->len++] = 0;
    return 0;
}

/* Whether the hyphen before part i joins syllables (Jong-un, Il-sung, Tong-Myo'ng) rather than
 * words (al-Qaida, Müller-Lüdenscheidt): only then is the joined spelling a variant worth a form
 * of its own. The match engine joins adjacent tokens anyway. */
static int short_compound(const cdn_text *t, size_t i)
{
    const cdn_part *a = &t->parts[i - 1], *b = &t->parts[i];
    if (a->ncp > 4 || b->ncp > 4 || a->script == CDN_SCRIPT_ARABIC) return 0;
    if (a->ncp == 2 && (t->cps[a->cp] | 0x20) == 'a' && (t->cps[a->cp + 1] | 0x20) == 'l') return 0;
    if (a->ncp == 2 && (t->cps[a->cp] | 0x20) == 'e' && (t->cps[a->cp + 1] | 0x20) == 'l') return 0;
    return 1;
}

/* Whether a Latin name reads as Wade-Giles: a hyphen joins two syllables of it (the given name of
 * Tse-tung, Hsiao-p'ing, Ching-kuo). Korean names written in McCune–Reischauer mostly have a
 * syllable Wade-Giles lacks (Jong-un, Il-sung, Pyong-chol: no zero-initial un, no l or ol, no ong). */
static int wade_giles_name(const cdn_text *t)
{
    char py[16];
    for (size_t i = 1; i < t->n_parts; i++) {
        const cdn_part *a = &t->parts[i - 1], *b = &t->parts[i];
        if (b->hyphen_before && a->script == CDN_SCRIPT_LATIN && b->script == CDN_SCRIPT_LATIN
            && cdn_wade_giles(t->cps + a->cp, a->ncp, py, sizeof py)
            && cdn_wade_giles(t->cps + b->cp, b->ncp, py, sizeof py))
            return 1;
    }
    return 0;
}

static void reset(cdn_analysis *an)
{
    an->len = 0;
    an->n_tokens = 0;
    an->n_forms = 0;
    an->script = CDN_SCRIPT_NONE;
    an->keys_later = 0;
    an->unread = 0;
    an->unread_text = 0;
    an->open_form = -1;
}

/* The script with the most letters, and which scripts occur. */
static int main_script(const cdn_text *t, unsigned *present)
{
    unsigned s0 = t->n_parts ? t->parts[0].script : CDN_SCRIPT_NONE;
    size_t i0 = 1;
    while (i0 < t->n_parts && t->parts[i0].script == s0) i0++;
    if (i0 >= t->n_parts) {             /* the common case: one script (parts have letters) */
        *present = t->n_parts ? 1u << s0 : 0;
        return (int)s0;
    }
    size_t count[CDN_SCRIPT_COUNT];
    unsigned seen = 0;
    count[CDN_SCRIPT_NONE] = 0;
    for (size_t i = 0; i < t->n_parts; i++) {
        unsigned s = t->parts[i].script;
        if (!(seen >> s & 1)) { seen |= 1u << s; count[s] = 0; }
        count[s] += t->parts[i].ncp;
    }
    *present = seen;
    int best = CDN_SCRIPT_NONE;
    for (unsigned rest = seen & ~1u; rest; rest &= rest - 1) {     /* scripts that occur, in order */
        int s = __builtin_ctz(rest);
        if (count[s] > count[best]) best = s;
    }
    return best;
}

/* Gives every Cyrillic and Arabic part its key in the romanization memo, and room for its prepared
 * word (CDN_TOKEN_MAX at most), which the first style that romanizes it and misses the memo makes
 * (prepared()). */
static int prepare_parts(cdn_text *t)
{
    if (CDN_GROW(t->prep, t->prep_cap, t->n_parts * CDN_TOKEN_MAX) < 0
        || CDN_GROW(t->rkeys, t->rkeys_cap, t->n_parts) < 0)
        return -1;
    for (size_t i = 0; i < t->n_parts; i++) {
        cdn_part *p = &t->parts[i];
        p->prep = (uint32_t)(i * CDN_TOKEN_MAX);
        p->nprep = CDN_PREP_NONE;
        if (p->script == CDN_SCRIPT_CYRILLIC || p->script == CDN_SCRIPT_ARABIC)
            rkey_make(&t->rkeys[i], t->cps + p->cp, p->ncp);
    }
    return 0;
}

/* Whether every word of `script` is short: Korean names are syllables (Ким Чен Ын, Кон Хак
 * Чхоль), Russian ones have longer words; this spares the Korean parser most Russian names. */
static int short_words(const cdn_text *t, int script)
{
    for (size_t i = 0; i < t->n_parts; i++)
        if (t->parts[i].script == script && t->parts[i].ncp > 6) return 0;
    return 1;
}

/* The script modules build their forms directly; the name rules run over them afterwards
 * (有限公司 → "youxian gongsi" → ltd), which rebuilds the forms from number f0 on from their texts,
 * script and flags, keys looked up in the handle's memo: the modules leave keys empty
 * (an->keys_later). */
static cordon_rc rules_on_module_forms(cdn_text *t, size_t f0, cordon_kind kind, cdn_analysis *an)
{
    if (an->n_forms <= f0) return CORDON_OK;
    size_t nf = an->n_forms - f0, tok0 = an->forms[f0].first, nt = an->n_tokens - tok0;
    size_t b0 = nt ? an->tokens[tok0].text : an->len, nb = an->len - b0;
    if (CDN_GROW(t->mbuf, t->mbuf_cap, nb + 1) < 0 || CDN_GROW(t->mtok, t->mtok_cap, nt + 1) < 0
        || CDN_GROW(t->mform, t->mform_cap, nf) < 0)
        return CORDON_ERR_NOMEM;
    memcpy(t->mbuf, an->buf + b0, nb);
    memcpy(t->mtok, an->tokens + tok0, nt * sizeof *t->mtok);
    memcpy(t->mform, an->forms + f0, nf * sizeof *t->mform);
    an->len = b0;
    an->n_tokens = tok0;
    an->n_forms = f0;
    for (size_t f = 0; f < nf; f++) {
        const cdn_form *fm = &t->mform[f];
        t->slen = 0;
        t->n_toks = 0;
        t->tok_rules = 0;
        t->toks_rewritten = 0;
        for (uint32_t i = 0; i < fm->n; i++) {
            const cdn_token *k = &t->mtok[fm->first - tok0 + i];
            if (cdn_tok_push(t, t->mbuf + (k->text - b0), k->len, k->script, 0, 0) < 0)
                return CORDON_ERR_NOMEM;
            t->toks[t->n_toks - 1].flags = k->flags;
        }
        cdn_name_rules(t, kind);
        if (cdn_form_begin(an, fm->scheme) < 0) return CORDON_ERR_NOMEM;
        if (emit_kept(t, an, 0, 0) < 0) return CORDON_ERR_NOMEM;
        cdn_form_end(an);
    }
    return CORDON_OK;
}

/* Whether token k of a form of n tokens may be a given name written as a nickname: not a particle,
 * initial, number or company word, nor the surname (flagged where the name says which, else the
 * last of two or more words: "Marc Rich" is not Marc Richard). */
static int may_be_nickname(const cdn_token *tok, size_t k, size_t n, int surname_known)
{
    if (tok->flags & (CDN_TOK_PARTICLE | CDN_TOK_INITIAL | CDN_TOK_NUMBER | CDN_TOK_LEGAL_FORM | CDN_TOK_GENERIC |
                      CDN_TOK_SURNAME))
        return 0;
    return surname_known || n == 1 || k + 1 < n;
}

/* A person's given name written as its familiar form (Bob, Sasha, Pepe) is also read as the names it
 * stands for (CDN_SCHEME_NICKNAME): one more form of the first form, its nicknames replaced by their
 * first full names, and one by their second where a nickname has two (Sasha: Aleksandr, Aleksandra).
 * List names get these forms too, so a query's full name meets a listed nickname as well. */
static cordon_rc nickname_forms(cordon_kind kind, cdn_analysis *an)
{
    if (an->n_forms == 0 || (kind != CORDON_KIND_PERSON && kind != CORDON_KIND_ANY)) return CORDON_OK;
    const cdn_form base = an->forms[0];     /* a copy: new forms may move the array */
    const char *full[CDN_MAX_TOKENS][2];
    int n_full[CDN_MAX_TOKENS], readings = 0, surname_known = 0;
    for (uint32_t k = 0; k < base.n; k++) surname_known |= an->tokens[base.first + k].flags & CDN_TOK_SURNAME;
    for (uint32_t k = 0; k < base.n && k < CDN_MAX_TOKENS; k++) {
        const cdn_token *tok = &an->tokens[base.first + k];
        n_full[k] = may_be_nickname(tok, k, base.n, surname_known)
                        ? cdn_nickname(an->buf + tok->text, tok->len, full[k]) : 0;
        if (n_full[k] > readings) readings = n_full[k];
    }
    for (int r = 0; r < readings; r++) {
        if (form_begin(an, CDN_SCHEME_NICKNAME) < 0) return CORDON_ERR_NOMEM;
        for (uint32_t k = 0; k < base.n && k < CDN_MAX_TOKENS; k++) {
            cdn_token tok = an->tokens[base.first + k];      /* a copy: emit may move the buffers */
            int rc;
            if (n_full[k]) {
                const char *name = full[k][r < n_full[k] ? r : 0];
                rc = emit(an, name, strlen(name), NULL, 0, NULL, 0, tok.script, tok.flags);
            } else {
                char text[CDN_TOKEN_MAX + 1], key[2 * CDN_TOKEN_MAX + 2], skel[2 * CDN_TOKEN_MAX + 3];
                snprintf(text, sizeof text, "%s", an->buf + tok.text);
                snprintf(key, sizeof key, "%s", an->buf + tok.key);
                snprintf(skel, sizeof skel, "%s", an->buf + tok.skel);
                rc = emit(an, text, tok.len, key, strlen(key), skel, strlen(skel), tok.script, tok.flags);
            }
            if (rc < 0) return CORDON_ERR_NOMEM;
            if (form_open(an) && an->n_tokens) an->tokens[an->n_tokens - 1].initials = tok.initials;
        }
        form_end(an);
    }
    return CORDON_OK;
}

/* Chinese, Japanese and Korean business words read in English (orgwords.c): a form of its own, which
 * the name rules then rework as they do the script modules' forms (有限公司 → ltd, trading flagged). */
static cordon_rc org_word_forms(cdn_text *t, cordon_kind kind, cdn_analysis *an)
{
    size_t f0 = an->n_forms;
    an->keys_later = 1;
    int rc = cdn_orgwords_add_forms(t, kind, an);
    an->keys_later = 0;
    if (rc < 0) return CORDON_ERR_NOMEM;
    return rules_on_module_forms(t, f0, kind, an);
}

static cordon_rc module_forms(cdn_text *t, int script, cordon_kind kind, cdn_analysis *an)
{
    long n = parts_utf8(t, script);
    if (n < 0) return CORDON_ERR_NOMEM;
    size_t f0 = an->n_forms;
    an->keys_later = script != CDN_SCRIPT_CYRILLIC;      /* see rules_on_module_forms */
    int rc = script == CDN_SCRIPT_HANGUL ? cdn_korean_add_forms(t, t->uptr, (size_t)n, an)
           : script == CDN_SCRIPT_HAN ? cdn_han_add_forms(t, t->uptr, (size_t)n, an)
           : cdn_korean_from_cyrillic_add_forms(t, t->uptr, (size_t)n, an);
    an->keys_later = 0;
    if (form_open(an)) cdn_form_end(an);
    if (rc < 0) return CORDON_ERR_NOMEM;
    return script == CDN_SCRIPT_CYRILLIC ? CORDON_OK : rules_on_module_forms(t, f0, kind, an);
}

cordon_rc cdn_analyze(cdn_text *t, const char *utf8, size_t len, cordon_kind kind, cdn_analysis *an)
{
    if (!t || !an || (!utf8 && len)) return CORDON_ERR_ARG;
    reset(an);
    t->errmsg[0] = 0;
    if (len > CDN_NAME_MAX_BYTES) {
        snprintf(t->errmsg, sizeof t->errmsg, "name of %zu bytes is longer than the %d allowed",
                 len, CDN_NAME_MAX_BYTES);
        return CORDON_ERR_INPUT;
    }
    if (kind > CORDON_KIND_AIRCRAFT) kind = CORDON_KIND_ANY;
    long bad = cdn_utf8_decode(t, utf8 ? utf8 : "", len);
    if (bad == -2) return CORDON_ERR_NOMEM;
    if (bad >= 0) {
        snprintf(t->errmsg, sizeof t->errmsg, "name is not valid UTF-8 (byte offset %ld)", bad);
        return CORDON_ERR_INPUT;
    }
    if (cdn_nfkc_if_needed(t) < 0) {
        snprintf(t->errmsg, sizeof t->errmsg, "ICU NFKC normalization failed");
        return CORDON_ERR_UNICODE;
    }
    if (segment(t) < 0) return CORDON_ERR_NOMEM;
    mark_capital_initials(t, kind);
    t->n_seen = 0;
    unsigned present;
    int ms = main_script(t, &present);
    an->script = (uint8_t)ms;
    if (t->n_parts == 0) return CORDON_OK;
    unsigned letters = present & ~(1u << CDN_SCRIPT_NONE);
    if (letters == 1u << CDN_SCRIPT_HANGUL || letters == 1u << CDN_SCRIPT_HAN) {
        cordon_rc rc = module_forms(t, ms, kind, an);
        if (rc == CORDON_OK && an->n_forms > 0) rc = org_word_forms(t, kind, an);
        if (rc != CORDON_OK || an->n_forms > 0) return rc;
    }
    int has_cyr = (present >> CDN_SCRIPT_CYRILLIC) & 1, has_ar = (present >> CDN_SCRIPT_ARABIC) & 1;
    int lang = CDN_LANG_RU, hyphens = 0;
    if ((has_cyr || has_ar) && prepare_parts(t) < 0) return CORDON_ERR_NOMEM;
    if (has_cyr) lang = cdn_cyr_language(t->cps, t->parts[t->n_parts - 1].cp + t->parts[t->n_parts - 1].ncp);
    /* Russian letters only where Ukrainian would read them too: add the Ukrainian reading. */
    int uk_too = has_cyr && lang == CDN_LANG_RU
                 && !cdn_cyr_russian_only(t->cps, t->parts[t->n_parts - 1].cp + t->parts[t->n_parts - 1].ncp);
    int v = 0;                          /* the Latin variants the parts call for (see below) */
    unsigned variant_traits = CDN_PART_NON_ASCII | CDN_PART_DIGIT | CDN_PART_CASE_UP;
    for (size_t i = 0; (t->any_hyphen || (t->any_traits & variant_traits)) && i < t->n_parts; i++) {
        const cdn_part *p = &t->parts[i];
        if (p->hyphen_before && i > 0) hyphens |= short_compound(t, i);
        if (p->script == CDN_SCRIPT_LATIN && p->traits & variant_traits)
            v |= latin_variants_of(t->cps + p->cp, p->ncp);
    }
    int scheme0 = ms == CDN_SCRIPT_LATIN || ms == CDN_SCRIPT_NONE ? CDN_SCHEME_ASIS
                : ms == CDN_SCRIPT_CYRILLIC ? CDN_SCHEME_BGN
                : ms == CDN_SCRIPT_ARABIC ? CDN_SCHEME_ARABIC : CDN_SCHEME_ICU;
    style st = { CDN_CYR_BGN, CDN_AR_SCHOLAR, 0, scheme0, -1, has_cyr, 0, 0 };
    size_t ncps = t->parts[t->n_parts - 1].cp + t->parts[t->n_parts - 1].ncp;
    t->persian = has_ar && cdn_ar_is_persian(t->cps, ncps);
    cordon_rc rc = build_form(t, lang, &st, kind, an);
    if (rc != CORDON_OK) return rc;
    if (t->unread_parts && note_unread(t, an) < 0) return CORDON_ERR_NOMEM;
    if (present & (1u << CDN_SCRIPT_HEBREW)) {
        style s = st;                     /* the unwritten vowels guessed as a: Amana, Hasdai */
        s.he = 1;
        rc = build_form(t, lang, &s, kind, an);
    }
    if (has_cyr) {
        /* German (Jewgeni) and French (Evgueni) spellings are not made into forms: the phonetic
         * key already brings them to the BGN form's key, and two more forms would cost half
         * the time of a Cyrillic name. cdn_cyr_romanize still writes them. */
        static const int RU_STYLES[] = { CDN_CYR_ICAO, CDN_CYR_SIMPLE, -1 };
        static const int OTHER_STYLES[] = { CDN_CYR_ICAO, CDN_CYR_RUSSIAN_READING, -1 };
        static const int SR_STYLES[] = { CDN_CYR_ICAO };     /* the English style of Serbian Latin */
        const int *styles = lang == CDN_LANG_RU ? RU_STYLES : lang == CDN_LANG_SR ? SR_STYLES : OTHER_STYLES;
        size_t ns = lang == CDN_LANG_SR ? 1 : 3;
        for (size_t i = 0; i < ns && rc == CORDON_OK; i++) {
            if (styles[i] < 0) {        /* Korean names written in Russian (Ким Чен Ын) */
                if (ms == CDN_SCRIPT_CYRILLIC && short_words(t, CDN_SCRIPT_CYRILLIC))
                    rc = module_forms(t, CDN_SCRIPT_CYRILLIC, kind, an);
                continue;
            }
            style s = { styles[i], CDN_AR_SCHOLAR, 0, CDN_SCHEME_CYR_OTHER, -1, 1, 0, 0 };
            rc = build_form(t, lang, &s, kind, an);
        }
        if (uk_too && rc == CORDON_OK) {
            style s = { CDN_CYR_BGN, CDN_AR_SCHOLAR, 0, CDN_SCHEME_CYR_OTHER, CDN_LANG_UK, 1, 0, 0 };
            rc = build_form(t, lang, &s, kind, an);
        }
    }
    if (has_ar) {
        for (int a = CDN_AR_POPULAR; a < CDN_AR_N && rc == CORDON_OK; a++) {
            style s = { CDN_CYR_BGN, a, 0, CDN_SCHEME_ARABIC, -1, 0, 0, 0 };
            rc = build_form(t, lang, &s, kind, an);
        }
    }
    if ((present & (1u << CDN_SCRIPT_LATIN)) && rc == CORDON_OK) {
        /* ISO 9 / scholarly Slavic Latin, leetspeak, CamelCase: one more spelling, when asked. */
        if (v) {
            style s = st;
            s.latin = v;
            s.scheme = v & LATIN_SLAVIC ? CDN_SCHEME_CYR_OTHER : st.scheme;
            rc = build_form(t, lang, &s, kind, an);
        }
    }
    if ((present & (1u << CDN_SCRIPT_KANA)) && rc == CORDON_OK) {
        /* Katakana writes foreign names with added vowels (バラク baraku = Barack): their reading
         * without them. */
        style s = st;
        s.scheme = CDN_SCHEME_KANA;
        rc = build_form(t, lang, &s, kind, an);
    }
    if (ms == CDN_SCRIPT_LATIN && wade_giles_name(t) && rc == CORDON_OK) {
        style s = st;                     /* Mao Tse-tung read in pinyin: Mao Ze dong */
        s.scheme = CDN_SCHEME_PINYIN;
        rc = build_form(t, lang, &s, kind, an);
    }
    if (hyphens && rc == CORDON_OK) {
        style s = st;
        s.join = 1;
        rc = build_form(t, lang, &s, kind, an);
    }
    if ((ms == CDN_SCRIPT_LATIN || ms == CDN_SCRIPT_CYRILLIC) && rc == CORDON_OK) rc = nickname_forms(kind, an);
    if (present & (1u << CDN_SCRIPT_HAN | 1u << CDN_SCRIPT_HANGUL | 1u << CDN_SCRIPT_KANA) && rc == CORDON_OK)
        rc = org_word_forms(t, kind, an);
    return rc;
}
