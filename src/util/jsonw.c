/* jsonw.c — the streaming JSON writer of jsonw.h: strings escaped and reals formatted as jansson does.
 * Invariant: after the first allocation failure nothing more is written (oom stays set).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/jsonw.h"

/* Appends len bytes, keeping room for the closing NUL. */
void cdn_jw_raw(cdn_jw *w, const char *s, size_t len) {
    if (!w->oom && (cdn_buf_reserve(&w->b, len + 1) || cdn_buf_add(&w->b, s, len) < 0)) w->oom = 1;
}

/* Quotes, backslashes and control characters escaped; UTF-8 written as it is. */
void cdn_jw_string(cdn_jw *w, const char *s, size_t len) {
    cdn_jw_raw(w, "\"", 1);
    const char *run = s, *end = s + len;
    for (; s < end; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
        cdn_jw_raw(w, run, (size_t)(s - run));
        char esc[8];
        switch (ch) {
        case '"': cdn_jw_raw(w, "\\\"", 2); break;
        case '\\': cdn_jw_raw(w, "\\\\", 2); break;
        case '\b': cdn_jw_raw(w, "\\b", 2); break;
        case '\f': cdn_jw_raw(w, "\\f", 2); break;
        case '\n': cdn_jw_raw(w, "\\n", 2); break;
        case '\r': cdn_jw_raw(w, "\\r", 2); break;
        case '\t': cdn_jw_raw(w, "\\t", 2); break;
        default: snprintf(esc, sizeof esc, "\\u%04X", ch); cdn_jw_raw(w, esc, 6); break;
        }
        run = s + 1;
    }
    cdn_jw_raw(w, run, (size_t)(s - run));
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
    char fast[24];
    int len = thousandths_g(v, precision, fast);
    if (len) { cdn_jw_raw(w, fast, (size_t)len); return; }
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

void cdn_jw_key(cdn_jw *w, const char *k) {
    cdn_jw_sep(w);
    cdn_jw_string(w, k, strlen(k));
    cdn_jw_raw(w, ":", 1);
}

void cdn_jw_open_obj(cdn_jw *w) { cdn_jw_sep(w); cdn_jw_raw(w, "{", 1); w->first = 1; }
void cdn_jw_close_obj(cdn_jw *w) { cdn_jw_raw(w, "}", 1); w->first = 0; }

void cdn_jw_open_array(cdn_jw *w, const char *k) {
    if (k) cdn_jw_key(w, k);
    else cdn_jw_sep(w);
    cdn_jw_raw(w, "[", 1);
    w->first = 1;
}

void cdn_jw_close_array(cdn_jw *w) { cdn_jw_raw(w, "]", 1); w->first = 0; }

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
