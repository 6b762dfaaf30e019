/* native.c — a name's own characters in the scripts whose romanization merges names (Hangul, Han),
 * for checking two names in their native script. Invariant: pure functions of their arguments.
 */
#include "text/text.h"

int cdn_native_separator(int32_t cp)
{
    if (cp < 0x80) return !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') && !(cp >= '0' && cp <= '9');
    return cp == 0xB7 || cp == 0x30FB || cp == 0x3000;
}

size_t cdn_native_chars(const char *utf8, size_t len, uint32_t *out, size_t cap, int *script)
{
    size_t n = cdn_hangul_syllables(utf8, len, out, cap);
    if (n) { *script = CDN_SCRIPT_HANGUL; return n; }
    n = cdn_han_chars(utf8, len, out, cap);
    *script = n ? CDN_SCRIPT_HAN : CDN_SCRIPT_NONE;
    return n;
}

int cdn_native_compatible(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na > nb) { const uint32_t *t = a; a = b; b = t; size_t tn = na; na = nb; nb = tn; }
    uint64_t used = 0;                               /* b's characters taken, at most 64 */
    for (size_t i = 0; i < na; i++) {
        size_t j = 0;
        while (j < nb && j < 64 && ((used >> j & 1) || b[j] != a[i])) j++;
        if (j >= nb || j >= 64) return 0;
        used |= 1ull << j;
    }
    return 1;
}
