/* similar.c — string similarity on the screening hot path: Jaro-Winkler and Damerau (OSA) distance.
 * Invariant: no allocation, no state; inputs longer than SIM_MAX bytes are compared on their first
 * SIM_MAX bytes (no real name is that long).
 */
#include <string.h>
#include "text/text.h"

#define SIM_MAX 1024

/* Jaro-Winkler from the matches (m), transpositions (t) and common prefix of a and b. */
static double jw_score(const char *a, size_t la, const char *b, size_t lb, size_t m, size_t t)
{
    double md = (double)m;
    double jaro = (md / (double)la + md / (double)lb + (md - (double)t / 2.0) / md) / 3.0;
    size_t p = 0;
    while (p < 4 && p < la && p < lb && a[p] == b[p]) p++;
    return jaro + (double)p * 0.1 * (1.0 - jaro);
}

/* Both strings of 64 bytes or less, as nearly every name token is: the positions of each byte of b
 * as one word, so that a[i]'s match is the lowest free position in its window, found at once
 * rather than by scanning the window. The same matches as the scan below, hence the same score. */
static double jaro_winkler_short(const char *a, size_t la, const char *b, size_t lb)
{
    uint64_t at[256];                        /* only the entries of a's and b's bytes are set and read */
    const unsigned char *ua = (const unsigned char *)a, *ub = (const unsigned char *)b;
    for (size_t i = 0; i < la; i++) at[ua[i]] = 0;
    for (size_t j = 0; j < lb; j++) at[ub[j]] = 0;
    for (size_t j = 0; j < lb; j++) at[ub[j]] |= 1ull << j;
    size_t longer = la > lb ? la : lb;
    size_t win = longer / 2 > 0 ? longer / 2 - 1 : 0;
    uint64_t am = 0, bm = 0, all_b = lb == 64 ? ~0ull : (1ull << lb) - 1;
    size_t m = 0;
    for (size_t i = 0; i < la; i++) {
        size_t lo = i > win ? i - win : 0, hi = i + win + 1;   /* hi past lb: all_b cuts it */
        uint64_t window = (hi >= 64 ? ~0ull : (1ull << hi) - 1) & ~((1ull << lo) - 1) & all_b;
        uint64_t free_b = at[ua[i]] & window & ~bm;
        if (!free_b) continue;
        am |= 1ull << i;
        bm |= free_b & -free_b;
        m++;
    }
    if (m == 0) return 0.0;
    size_t t = 0;
    for (uint64_t x = am, y = bm; x; x &= x - 1, y &= y - 1)
        t += a[__builtin_ctzll(x)] != b[__builtin_ctzll(y)];
    return jw_score(a, la, b, lb, m, t);
}

double cdn_jaro_winkler(const char *a, size_t la, const char *b, size_t lb)
{
    if (la > SIM_MAX) la = SIM_MAX;
    if (lb > SIM_MAX) lb = SIM_MAX;
    if (la == 0 && lb == 0) return 1.0;
    if (la == 0 || lb == 0) return 0.0;
    if (la == lb && memcmp(a, b, la) == 0) return 1.0;
    if (la <= 64 && lb <= 64) return jaro_winkler_short(a, la, b, lb);
    uint64_t am[SIM_MAX / 64] = {0}, bm[SIM_MAX / 64] = {0};
    size_t longer = la > lb ? la : lb;
    size_t win = longer / 2 > 0 ? longer / 2 - 1 : 0;
    size_t m = 0;
    for (size_t i = 0; i < la; i++) {
        size_t lo = i > win ? i - win : 0, hi = i + win + 1 < lb ? i + win + 1 : lb;
        for (size_t j = lo; j < hi; j++) {
            if ((bm[j >> 6] >> (j & 63)) & 1 || a[i] != b[j]) continue;
            am[i >> 6] |= 1ull << (i & 63);
            bm[j >> 6] |= 1ull << (j & 63);
            m++;
            break;
        }
    }
    if (m == 0) return 0.0;
    size_t t = 0, j = 0;
    for (size_t i = 0; i < la; i++) {
        if (!((am[i >> 6] >> (i & 63)) & 1)) continue;
        while (!((bm[j >> 6] >> (j & 63)) & 1)) j++;
        if (a[i] != b[j]) t++;
        j++;
    }
    return jw_score(a, la, b, lb, m, t);
}

int cdn_damerau(const char *a, size_t la, const char *b, size_t lb, int max)
{
    if (max < 0) max = 0;
    size_t diff = la > lb ? la - lb : lb - la;
    if (diff > (size_t)max) return max + 1;
    if (la == lb && memcmp(a, b, la) == 0) return 0;
    if (la > SIM_MAX || lb > SIM_MAX) return max + 1;
    if (la == 0 || lb == 0) return (int)(la + lb) <= max ? (int)(la + lb) : max + 1;
    int r0[SIM_MAX + 1], r1[SIM_MAX + 1], r2[SIM_MAX + 1];
    int *pp = r0, *prev = r1, *cur = r2;
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        int rowmin = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v) v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (rowmin > max) return max + 1;
        int *tmp = pp; pp = prev; prev = cur; cur = tmp;
    }
    return prev[lb] <= max ? prev[lb] : max + 1;
}
