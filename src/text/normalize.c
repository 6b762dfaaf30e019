/* normalize.c — UTF-8 decoding, script of a code point, Latin folding (fast, table-driven) and ICU.
 * Invariant: folded output is [a-z0-9 ] only; ICU is reached only for what the tables don't know.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "text/text_int.h"

/* ASCII spellings of U+00C0..U+024F and U+1E00..U+1EFF (Latin-1, Extended-A/B, Additional): the
 * letter without its marks, lowercased; "" where ICU must decide. Derived from the Unicode
 * decompositions, plus the letters that have none (ß, æ, ø, ł, đ, þ …). */
#include "text/fold_table.inc"

long cdn_utf8_decode(cdn_text *t, const char *s, size_t len)
{
    if (t->cps_cap < len + CDN_CPS_PAD) {
        uint32_t *p = realloc(t->cps, (len + CDN_CPS_PAD) * sizeof *p);
        if (!p) return -2;
        t->cps = p; t->cps_cap = len + CDN_CPS_PAD;
    }
    /* restrict: the code points never overlap the bytes, so the widening below can be vectorized */
    const unsigned char *restrict u = (const unsigned char *)s;
    uint32_t *restrict cps = t->cps;
    size_t i = 0, n = 0;
    t->maybe_compat = 0;
    while (i < len) {
        uint32_t c = u[i];
        if (c < 0x80) {
            /* Names are mostly ASCII: widen eight bytes at a time while none has its top bit. */
            uint64_t x;
#ifdef __SSE2__
            __m128i b;
            while (i + 16 <= len && (b = _mm_loadu_si128((const __m128i *)(u + i)), !_mm_movemask_epi8(b))) {
                const __m128i z = _mm_setzero_si128();
                __m128i lo = _mm_unpacklo_epi8(b, z), hi = _mm_unpackhi_epi8(b, z);
                _mm_storeu_si128((__m128i *)(cps + n), _mm_unpacklo_epi16(lo, z));
                _mm_storeu_si128((__m128i *)(cps + n + 4), _mm_unpackhi_epi16(lo, z));
                _mm_storeu_si128((__m128i *)(cps + n + 8), _mm_unpacklo_epi16(hi, z));
                _mm_storeu_si128((__m128i *)(cps + n + 12), _mm_unpackhi_epi16(hi, z));
                i += 16;
                n += 16;
            }
#endif
            while (i + 8 <= len && (memcpy(&x, u + i, 8), !(x & 0x8080808080808080ull))) {
                for (int k = 0; k < 8; k++) cps[n + (size_t)k] = u[i + (size_t)k];
                i += 8;
                n += 8;
            }
            while (i < len && u[i] < 0x80) cps[n++] = u[i++];
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
            cps[n++] = (c & 0x1F) << 6 | (u[i + 1] & 0x3F);   /* two bytes (Cyrillic, Arabic …) */
            i += 2;
            continue;
        }
        int extra; uint32_t min;
        if (c >= 0xC2 && c <= 0xDF) { extra = 1; c &= 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { extra = 2; c &= 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { extra = 3; c &= 0x07; min = 0x10000; }
        else return (long)i;
        if (i + (size_t)extra >= len) return (long)i;
        for (int k = 1; k <= extra; k++) {
            if ((u[i + k] & 0xC0) != 0x80) return (long)i;
            c = (c << 6) | (u[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return (long)i;
        if (c >= 0x2460) t->maybe_compat = 1;        /* see cdn_nfkc_if_needed */
        cps[n++] = c;
        i += (size_t)extra + 1;
    }
    t->n_cps = n;
    memset(cps + n, 0, CDN_CPS_PAD * sizeof *cps);
    return -1;
}

static int script_from_icu(UScriptCode sc)
{
    switch (sc) {
    case USCRIPT_LATIN: return CDN_SCRIPT_LATIN;
    case USCRIPT_CYRILLIC: return CDN_SCRIPT_CYRILLIC;
    case USCRIPT_ARABIC: return CDN_SCRIPT_ARABIC;
    case USCRIPT_HANGUL: return CDN_SCRIPT_HANGUL;
    case USCRIPT_HAN: return CDN_SCRIPT_HAN;
    case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: return CDN_SCRIPT_KANA;
    case USCRIPT_GREEK: return CDN_SCRIPT_GREEK;
    case USCRIPT_GEORGIAN: return CDN_SCRIPT_GEORGIAN;
    case USCRIPT_ARMENIAN: return CDN_SCRIPT_ARMENIAN;
    case USCRIPT_HEBREW: return CDN_SCRIPT_HEBREW;
    case USCRIPT_THAI: return CDN_SCRIPT_THAI;
    case USCRIPT_DEVANAGARI: return CDN_SCRIPT_DEVANAGARI;
    case USCRIPT_MYANMAR: return CDN_SCRIPT_MYANMAR;
    case USCRIPT_KHMER: return CDN_SCRIPT_KHMER;
    case USCRIPT_COMMON: case USCRIPT_INHERITED: case USCRIPT_INVALID_CODE: return CDN_SCRIPT_NONE;
    default: return CDN_SCRIPT_OTHER;
    }
}

int cdn_cp_script(uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return CDN_SCRIPT_LATIN;
        return CDN_SCRIPT_NONE;
    }
    if (cp >= 0xC0 && cp <= 0x24F) return cp == 0xD7 || cp == 0xF7 ? CDN_SCRIPT_NONE : CDN_SCRIPT_LATIN;
    if (cp >= 0x400 && cp <= 0x52F) return CDN_SCRIPT_CYRILLIC;
    if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0xFB50 && cp <= 0xFDFF)
        || (cp >= 0xFE70 && cp <= 0xFEFF)) {
        if ((cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9)) return CDN_SCRIPT_NONE;
        return CDN_SCRIPT_ARABIC;
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3) return CDN_SCRIPT_HANGUL;
    if (cp >= 0x4E00 && cp <= 0x9FFF) return CDN_SCRIPT_HAN;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)cp, &err);
    return U_FAILURE(err) ? CDN_SCRIPT_OTHER : script_from_icu(sc);
}

int cdn_cp_is_word(uint32_t cp)
{
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
    if (cp >= 0x430 && cp <= 0x44F) return 1;
    int8_t ct = u_charType((UChar32)cp);
    switch (ct) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK: case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER: case U_OTHER_NUMBER:
        return 1;
    default:
        return 0;
    }
}

int cdn_fold_latin(const uint32_t *cps, size_t n, char *out, size_t cap, size_t *outlen)
{
    size_t o = *outlen;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        const char *s;
        char one[2] = {0, 0};
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') c += 32;
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) continue;
            one[0] = (char)c; s = one;
        } else if (c >= 0x300 && c <= 0x36F) {
            continue;                     /* a combining mark of decomposed input: dropped */
        } else if (c >= 0xC0 && c <= 0x24F && fold_00c0[c - 0xC0][0]) {
            s = fold_00c0[c - 0xC0];
        } else if (c >= 0x1E00 && c <= 0x1EFF && fold_1e00[c - 0x1E00][0]) {
            s = fold_1e00[c - 0x1E00];
        } else {
            return -1;
        }
        for (; *s; s++) if (o + 1 < cap) out[o++] = *s;
    }
    *outlen = o;
    return 0;
}

static int ensure_ubuf(cdn_text *t, int32_t need);

/* Compatibility characters the fast paths do not know: Arabic presentation forms, Latin
 * ligatures, fullwidth and other compatibility forms. */
static int needs_nfkc(uint32_t c)
{
    return (c >= 0xFB00 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0xFF00 && c <= 0xFFEF)
           || (c >= 0x2460 && c <= 0x24FF) || (c >= 0x1D400 && c <= 0x1D7FF);
}

int cdn_nfkc_if_needed(cdn_text *t)
{
    size_t n = t->n_cps, i = 0;
    if (!t->maybe_compat) return 0;
    while (i < n && !needs_nfkc(t->cps[i])) i++;
    if (i == n) return 0;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
    if (U_FAILURE(err) || ensure_ubuf(t, (int32_t)n * 2 * 4 + 16) < 0) return -1;
    int32_t ul = 0;
    for (size_t k = 0; k < n; k++) U16_APPEND_UNSAFE(t->ubuf, ul, (UChar32)t->cps[k]);
    int32_t l2 = unorm2_normalize(nfkc, t->ubuf, ul, t->ubuf2, t->ucap, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {          /* ﷺ and friends expand 18-fold */
        if (ensure_ubuf(t, l2 + 16) < 0) return -1;  /* realloc loses the contents: refill */
        ul = 0;
        for (size_t k = 0; k < n; k++) U16_APPEND_UNSAFE(t->ubuf, ul, (UChar32)t->cps[k]);
        err = U_ZERO_ERROR;
        l2 = unorm2_normalize(nfkc, t->ubuf, ul, t->ubuf2, t->ucap, &err);
    }
    if (U_FAILURE(err)) return -1;
    if ((size_t)l2 + CDN_CPS_PAD > t->cps_cap) {
        uint32_t *p = realloc(t->cps, ((size_t)l2 + CDN_CPS_PAD) * sizeof *p);
        if (!p) return -1;
        t->cps = p;
        t->cps_cap = (size_t)l2 + CDN_CPS_PAD;
    }
    size_t m = 0;
    for (int32_t k = 0; k < l2;) { UChar32 c; U16_NEXT(t->ubuf2, k, l2, c); t->cps[m++] = (uint32_t)c; }
    t->n_cps = m;
    memset(t->cps + m, 0, CDN_CPS_PAD * sizeof *t->cps);
    return 0;
}

static int ensure_ubuf(cdn_text *t, int32_t need)
{
    if (t->ucap >= need) return 0;
    int32_t cap = need < 256 ? 256 : need * 2;
    UChar *a = realloc(t->ubuf, (size_t)cap * sizeof *a);
    if (!a) return -1;
    t->ubuf = a;
    UChar *b = realloc(t->ubuf2, (size_t)cap * sizeof *b);
    if (!b) return -1;
    t->ubuf2 = b;
    t->ucap = cap;
    return 0;
}

static const char ANY_LATIN_ID[] =
    "NFKC; Any-Latin; NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII; Lower";

static int open_any_latin(cdn_text *t)
{
    if (t->any_latin) return 0;
    if (t->icu_failed) return -1;
    UChar id[sizeof ANY_LATIN_ID];
    u_uastrcpy(id, ANY_LATIN_ID);
    UErrorCode err = U_ZERO_ERROR;
    UParseError pe;
    t->any_latin = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &err);
    if (U_FAILURE(err)) {
        t->any_latin = NULL;
        t->icu_failed = 1;
        snprintf(t->errmsg, sizeof t->errmsg, "ICU transliterator \"%s\": %s", ANY_LATIN_ID,
                 u_errorName(err));
        return -1;
    }
    return 0;
}

int cdn_icu_latin(cdn_text *t, const uint32_t *cps, size_t n, char *out, size_t cap, size_t *outlen)
{
    if (open_any_latin(t) < 0) return -1;
    if (n > CDN_NAME_MAX_BYTES) n = CDN_NAME_MAX_BYTES;
    /* Transliteration can grow the text a lot (one Han character gives a syllable). */
    UErrorCode err = U_ZERO_ERROR;
    int32_t ul = 0;
    for (int32_t need = (int32_t)n * 2 * 8 + 16;; need *= 4) {   /* grown if ICU needs more */
        if (ensure_ubuf(t, need) < 0) return -1;
        ul = 0;
        for (size_t i = 0; i < n; i++) U16_APPEND_UNSAFE(t->ubuf, ul, (UChar32)cps[i]);
        int32_t limit = ul;
        err = U_ZERO_ERROR;
        utrans_transUChars(t->any_latin, t->ubuf, &ul, t->ucap, 0, &limit, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR || need > (1 << 24)) break;
    }
    if (U_FAILURE(err)) {
        snprintf(t->errmsg, sizeof t->errmsg, "ICU transliteration failed: %s", u_errorName(err));
        return -1;
    }
    size_t o = *outlen;
    for (int32_t i = 0; i < ul; i++) {
        UChar c = t->ubuf[i];
        char ch;
        if (c >= 'A' && c <= 'Z') ch = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ch = (char)c;
        else if (c == '\'' || c == 0x2BC || c == 0x2BB || c == 0x2019) continue;
        else if (c > 0x7F && u_isalpha(c)) continue;   /* a letter ICU could not romanize */
        else ch = ' ';
        if (o + 1 < cap) out[o++] = ch;
    }
    *outlen = o;
    return 0;
}

/* ---- Per-script transliterators ------------------------------------------------------------ */

/* The ICU transform of each script that has one; NULL: Any-Latin decides. */
static const char *script_transform(int script)
{
    switch (script) {
    case CDN_SCRIPT_GREEK: return "Greek-Latin";
    case CDN_SCRIPT_GEORGIAN: return "Georgian-Latin";
    case CDN_SCRIPT_ARMENIAN: return "Armenian-Latin";
    case CDN_SCRIPT_HEBREW: return "Hebrew-Latin";
    case CDN_SCRIPT_THAI: return "Thai-Latin";
    case CDN_SCRIPT_DEVANAGARI: return "Devanagari-Latin";
    case CDN_SCRIPT_KANA: return "Hiragana-Katakana; Katakana-Latin";   /* Hiragana-Latin first splits ジョ */
    default: return NULL;
    }
}

static UTransliterator *open_script(cdn_text *t, int script)
{
    const char *id = script_transform(script);
    if (!id || (t->script_failed >> script & 1)) return NULL;
    if (t->script_latin[script]) return t->script_latin[script];
    UChar uid[64];
    u_uastrcpy(uid, id);
    UErrorCode err = U_ZERO_ERROR;
    UParseError pe;
    UTransliterator *tr = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, &pe, &err);
    if (U_FAILURE(err)) { t->script_failed |= 1u << script; return NULL; }   /* Any-Latin then */
    t->script_latin[script] = tr;
    return tr;
}

void cdn_icu_close(cdn_text *t)
{
    if (t->any_latin) utrans_close(t->any_latin);
    t->any_latin = NULL;
    for (int s = 0; s < CDN_SCRIPT_COUNT; s++) {
        if (t->script_latin[s]) utrans_close(t->script_latin[s]);
        t->script_latin[s] = NULL;
    }
}

int cdn_icu_script_latin(cdn_text *t, int script, const uint32_t *cps, size_t n, char *out, size_t cap,
                         size_t *outlen)
{
    UTransliterator *tr = open_script(t, script);
    if (!tr) return cdn_icu_latin(t, cps, n, out, cap, outlen);
    if (n > CDN_NAME_MAX_BYTES) n = CDN_NAME_MAX_BYTES;
    UErrorCode err = U_ZERO_ERROR;
    int32_t ul = 0;
    for (int32_t need = (int32_t)n * 2 * 8 + 16;; need *= 4) {
        if (ensure_ubuf(t, need) < 0) return -1;
        ul = 0;
        for (size_t i = 0; i < n; i++) U16_APPEND_UNSAFE(t->ubuf, ul, (UChar32)cps[i]);
        int32_t limit = ul;
        err = U_ZERO_ERROR;
        utrans_transUChars(tr, t->ubuf, &ul, t->ucap, 0, &limit, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR || need > (1 << 24)) break;
    }
    if (U_FAILURE(err)) {
        snprintf(t->errmsg, sizeof t->errmsg, "ICU transliteration failed: %s", u_errorName(err));
        return -1;
    }
    /* The Latin that comes out carries marks (ā, ṣ, ō): the fold tables take them off, as
     * Any-Latin's "NFD; marks removed; Latin-ASCII; Lower" chain would, at a fraction of its cost. */
    size_t o = *outlen;
    for (int32_t i = 0; i < ul;) {
        UChar32 c;
        U16_NEXT(t->ubuf, i, ul, c);
        uint32_t cp = (uint32_t)c;
        if (c == '\'' || c == 0x2BC || c == 0x2BB || c == 0x2019 || c == 0x2BE || c == 0x2BF) continue;
        /* ICU writes a small kana it cannot join as ~vowel after its syllable (ドゥ do~u, ヴィ
         * vu~i, ディ de~i): the small vowel replaces the syllable's own. */
        if (c == '~' && script == CDN_SCRIPT_KANA && o > *outlen && strchr("aeiou", out[o - 1])) {
            o--;
            continue;
        }
        size_t before = o;
        if (cdn_fold_latin(&cp, 1, out, cap, &o) == 0) {
            if (o == before && !(c >= 0x300 && c <= 0x36F) && c < 0x80 && o + 1 < cap) out[o++] = ' ';
            continue;
        }
        if (u_isalpha(c)) continue;               /* a letter nothing could romanize (as before) */
        if (o + 1 < cap) out[o++] = ' ';
    }
    *outlen = o;
    return 0;
}
