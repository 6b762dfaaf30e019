/* jsonw.c — the streaming JSON writer of jsonw.h: strings escaped and reals formatted as jansson does.
 * Invariant: after the first allocation failure nothing more is written (oom stays set).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/jsonw.h"

/* Every write first makes room for its bytes and the closing NUL, then stores them directly: one
 * capacity check per value instead of one per piece, as a result's many small keys and numbers made
 * the writer a tenth of a screen request. Returns 0 when memory ran out (oom set, nothing written). */
static inline int room(cdn_jw *w, size_t more) {
    if (w->oom) return 0;
    if (w->b.n + more < w->b.cap) return 1;
    if (cdn_buf_reserve(&w->b, more + 1) == 0) return 1;
    w->oom = 1;
    return 0;
}

void cdn_jw_raw(cdn_jw *w, const char *s, size_t len) {
    if (!room(w, len)) return;
    memcpy(w->b.p + w->b.n, s, len);
    w->b.n += len;
}

/* The letter after the backslash for the bytes JSON must escape ('u' for \u00XX), else 0. */
static const char ESCAPE[256] = {
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    ['"'] = '"', ['\\'] = '\\',
};

/* The rest of a string from its first byte that needs escaping, without the closing quote. */
static void escape_tail(cdn_jw *w, const char *s, const char *end) {
    const char *run = s;
    for (; s < end; s++) {
        char e = ESCAPE[(unsigned char)*s];
        if (!e) continue;
        cdn_jw_raw(w, run, (size_t)(s - run));
        char esc[8] = {'\\', e};
        if (e == 'u') snprintf(esc, sizeof esc, "\\u%04X", (unsigned char)*s);
        cdn_jw_raw(w, esc, e == 'u' ? 6 : 2);
        run = s + 1;
    }
    cdn_jw_raw(w, run, (size_t)(s - run));
}

/* Copies the bytes of s that need no escaping to o; returns how many (len when all). */
static inline size_t copy_plain(char *o, const char *s, size_t len) {
    size_t i = 0;
    while (i < len && !ESCAPE[(unsigned char)s[i]]) {
        o[i] = s[i];
        i++;
    }
    return i;
}

/* Quotes, backslashes and control characters escaped; UTF-8 written as it is. */
void cdn_jw_string(cdn_jw *w, const char *s, size_t len) {
    if (!room(w, len + 2)) return;
    char *o = w->b.p + w->b.n;
    o[0] = '"';
    size_t plain = copy_plain(o + 1, s, len);
    w->b.n += 1 + plain;
    if (plain < len) escape_tail(w, s + plain, s + len);
    cdn_jw_raw(w, "\"", 1);
}

/* Writes v into out as "%.{p}g" would when v is a multiple of 0.001 below 1000 (the scores,
 * similarities and weights of explanations, rounded to three decimals), from its digits rather
 * than through snprintf, which is most of an explanation's cost. Returns the length, or 0 when v
 * is not such a number or its rounding is a tie that the exact binary value decides. */
static int thousandths_g(double v, int precision, char out[24]) {
    double scaled = v * 1000;
    if (!(fabs(v) < 1000) || v == 0 || precision < 3 || precision > 15) return 0;
    long long k = llround(scaled);
    if (k == 0 || fabs(scaled - (double)k) > 1e-6) return 0;
    char d[7];                                       /* |k| as 6 digits: 3 before the point, 3 after */
    unsigned long long a = (unsigned long long)(k < 0 ? -k : k);
    for (int i = 5; i >= 0; i--) { d[i] = (char)('0' + a % 10); a /= 10; }
    d[6] = 0;
    int first = 0;
    while (d[first] == '0') first++;                /* the first significant digit */
    int last = first + precision - 1;                /* the last digit %g keeps */
    if (last < 5) {
        int tie = d[last + 1] == '5' && strspn(d + last + 2, "0") == strlen(d + last + 2);
        if (tie) return 0;
        int up = d[last + 1] >= '5';
        for (int i = last + 1; i < 6; i++) d[i] = '0';
        for (int i = last; up && i >= first; i--) {
            if (d[i] == '9') { d[i] = '0'; continue; }
            d[i]++; up = 0;
        }
        if (up) return 0;                            /* 9.9996 → 10: a new leading digit, leave it to %g */
    }
    int n = 0, end = 5;
    while (end > 2 && d[end] == '0') end--;         /* %g drops trailing zeros after the point */
    if (k < 0) out[n++] = '-';
    if (first >= 3) out[n++] = '0';                  /* 0.xxx */
    for (int i = first < 3 ? first : 3; i < 3; i++) out[n++] = d[i];
    out[n++] = '.';
    if (end == 2) out[n++] = '0';                    /* integral: jansson's ".0" */
    for (int i = 3; i <= end; i++) out[n++] = d[i];
    return n;
}

/* jansson's real: "%.{p}g", ".0" added when that reads as an integer, the exponent without '+'
 * or leading zeros (1e+20 → 1e20). */
void cdn_jw_real(cdn_jw *w, double v, int precision) {
    if (!room(w, 24)) return;
    if (v == 1.0) {                        /* most similarities and coverages of an explanation */
        memcpy(w->b.p + w->b.n, "1.0", 3);
        w->b.n += 3;
        return;
    }
    int len = thousandths_g(v, precision, w->b.p + w->b.n);
    if (len) { w->b.n += (size_t)len; return; }
    char buf[48];
    int n = snprintf(buf, sizeof buf - 3, "%.*g", precision ? precision : 17, v);
    if (n < 0 || n >= (int)sizeof buf - 3) { w->oom = 1; return; }
    if (!strchr(buf, '.') && !strchr(buf, 'e')) { memcpy(buf + n, ".0", 3); n += 2; }
    char *e = strchr(buf, 'e');
    if (e) {
        char *start = e + 1, *digits = start + 1;
        if (*start == '-') start++;
        while (*digits == '0') digits++;
        if (digits != start) {
            memmove(start, digits, (size_t)(buf + n - digits) + 1);
            n -= (int)(digits - start);
        }
    }
    cdn_jw_raw(w, buf, (size_t)n);
}

void cdn_jw_sep(cdn_jw *w) {
    if (!w->first) cdn_jw_raw(w, ",", 1);
    w->first = 0;
}

/* [,]"k": then `open` (a bracket, or nothing when 0), in one step when k needs no escaping. */
static void key_then(cdn_jw *w, const char *k, char open) {
    size_t len = strlen(k);
    if (!room(w, len + 5)) return;
    char *o = w->b.p + w->b.n;
    size_t n = 0;
    if (!w->first) o[n++] = ',';
    o[n++] = '"';
    if (copy_plain(o + n, k, len) < len) {     /* an odd key: the general way */
        cdn_jw_sep(w);
        cdn_jw_string(w, k, len);
        cdn_jw_raw(w, ":", 1);
        if (open) cdn_jw_raw(w, &open, 1);
        return;
    }
    n += len;
    o[n++] = '"';
    o[n++] = ':';
    if (open) o[n++] = open;
    w->b.n += n;
    w->first = 0;
}

void cdn_jw_key(cdn_jw *w, const char *k) { key_then(w, k, 0); }

/* [,] and one bracket; `first` is set again for what goes inside. */
static void open_bare(cdn_jw *w, char bracket) {
    if (!room(w, 2)) return;
    if (!w->first) w->b.p[w->b.n++] = ',';
    w->b.p[w->b.n++] = bracket;
    w->first = 1;
}

static void close_bracket(cdn_jw *w, char bracket) {
    if (room(w, 1)) w->b.p[w->b.n++] = bracket;
    w->first = 0;
}

void cdn_jw_open_obj(cdn_jw *w) { open_bare(w, '{'); }
void cdn_jw_close_obj(cdn_jw *w) { close_bracket(w, '}'); }

void cdn_jw_open_array(cdn_jw *w, const char *k) {
    if (!k) {
        open_bare(w, '[');
        return;
    }
    key_then(w, k, '[');
    w->first = 1;
}

void cdn_jw_close_array(cdn_jw *w) { close_bracket(w, ']'); }

void cdn_jw_str_member(cdn_jw *w, const char *k, const char *v) {
    cdn_jw_key(w, k);
    cdn_jw_string(w, v, strlen(v));
}

void cdn_jw_real_member(cdn_jw *w, const char *k, double v, int precision) {
    cdn_jw_key(w, k);
    cdn_jw_real(w, v, precision);
}

char *cdn_jw_finish(cdn_jw *w) {
    cdn_jw_raw(w, "", 0);                      /* a buffer even when nothing was written */
    if (w->oom) { free(w->b.p); w->b = (cdn_buf){0}; return NULL; }
    w->b.p[w->b.n] = 0;
    char *out = w->b.p;
    w->b = (cdn_buf){0};
    return out;
}
