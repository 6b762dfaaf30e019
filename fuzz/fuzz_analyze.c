/* fuzz_analyze.c — libFuzzer target for the name layer: arbitrary bytes → cdn_analyze with every kind.
 * Must stay true: broken UTF-8 is CORDON_ERR_INPUT, valid input gives forms that keep text.h's invariants.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/text.h"

/* One name layer per process: the fuzzer is not the library, so a static handle is fine here. */
static cdn_text *g_text;

/* An independent strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF), so that
 * the name layer's own decoder is tested against a second opinion rather than against itself. */
static int utf8_valid(const uint8_t *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint8_t c = s[i];
        size_t n; uint32_t cp, min;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; min = 0x10000; }
        else return 0;
        if (len - i <= n) return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += n + 1;
    }
    return 1;
}

/* A string at offset `off` of the analysis buffer must end with a NUL inside the buffer. */
static size_t buf_strlen(const cdn_analysis *an, uint32_t off)
{
    if (off >= an->len) abort();
    const char *end = memchr(an->buf + off, 0, an->len - off);
    if (!end) abort();
    return (size_t)(end - (an->buf + off));
}

static void check_token(const cdn_analysis *an, const cdn_token *t)
{
    size_t n = buf_strlen(an, t->text);
    if (n != t->len || n == 0) abort();
    const char *s = an->buf + t->text;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) abort();
    buf_strlen(an, t->key);
    buf_strlen(an, t->skel);
    if (t->script >= CDN_SCRIPT_COUNT) abort();
}

static void check_analysis(const cdn_analysis *an)
{
    if (an->n_forms > CDN_MAX_FORMS || an->script >= CDN_SCRIPT_COUNT) abort();
    if (an->len > an->cap || an->n_tokens > an->tokens_cap || an->n_forms > an->forms_cap) abort();
    for (size_t f = 0; f < an->n_forms; f++) {
        const cdn_form *fm = &an->forms[f];
        if (fm->scheme >= CDN_SCHEME_COUNT || fm->n > CDN_MAX_TOKENS) abort();
        if ((size_t)fm->first + fm->n > an->n_tokens) abort();
        for (uint32_t k = 0; k < fm->n; k++) check_token(an, &an->tokens[fm->first + k]);
    }
}

/* Two analyses are the same when every form has the same scheme and the same token texts. */
static int same_forms(const cdn_analysis *a, const cdn_analysis *b)
{
    if (a->n_forms != b->n_forms) return 0;
    for (size_t f = 0; f < a->n_forms; f++) {
        const cdn_form *fa = &a->forms[f], *fb = &b->forms[f];
        if (fa->n != fb->n || fa->scheme != fb->scheme) return 0;
        for (uint32_t k = 0; k < fa->n; k++) {
            const cdn_token *ta = &a->tokens[fa->first + k], *tb = &b->tokens[fb->first + k];
            if (ta->flags != tb->flags || strcmp(cdn_tok_text(a, ta), cdn_tok_text(b, tb))
                || strcmp(cdn_tok_key(a, ta), cdn_tok_key(b, tb)))
                return 0;
        }
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_text && cdn_text_open(&g_text) != CORDON_OK) abort();
    const char *name = (const char *)data;
    int valid = utf8_valid(data, size);
    cdn_analysis an = { .open_form = -1 }, again = { .open_form = -1 };
    for (int kind = CORDON_KIND_ANY; kind <= CORDON_KIND_AIRCRAFT; kind++) {
        cordon_rc rc = cdn_analyze(g_text, name, size, (cordon_kind)kind, &an);
        if (rc == CORDON_ERR_NOMEM) continue;
        if (size > 64 * 1024) { if (rc != CORDON_ERR_INPUT) abort(); continue; }
        if (!valid) {
            if (rc != CORDON_ERR_INPUT || !cdn_text_errmsg(g_text)[0]) abort();
            continue;
        }
        if (rc != CORDON_OK) abort();
        check_analysis(&an);
        /* The same input gives the same forms, whatever was analysed before (caches, reuse). */
        if (cdn_analyze(g_text, name, size, (cordon_kind)kind, &again) != CORDON_OK) abort();
        if (!same_forms(&an, &again)) abort();
    }
    cdn_analysis_free(&an);
    cdn_analysis_free(&again);
    /* The native characters (Hangul or Han alone) read any bytes, valid or not, within cap; a name
     * is always compatible with itself. */
    uint32_t chars[8];
    int script = -1;
    size_t n = cdn_native_chars(name, size, chars, 8, &script);
    if (n > 8 || (n && script != CDN_SCRIPT_HANGUL && script != CDN_SCRIPT_HAN) || (!n && script == CDN_SCRIPT_HAN))
        abort();
    if (n && !cdn_native_compatible(chars, n, chars, n)) abort();
    return 0;
}
