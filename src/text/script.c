/* script.c — which writing system a name is in, without analysing it (for records and displays).
 * Invariant: pure and thread-safe; agrees with cdn_analyze's main script for the same text.
 */
#include <string.h>
#include <unicode/utf8.h>
#include "text/text_int.h"

int cdn_name_script(const char *utf8) {
    size_t count[CDN_SCRIPT_COUNT] = {0};
    int32_t len = (int32_t)strlen(utf8), i = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(utf8, i, len, c);
        if (c >= 0) count[cdn_cp_script((uint32_t)c)]++;
    }
    int best = CDN_SCRIPT_NONE;
    for (int s = 1; s < CDN_SCRIPT_COUNT; s++) if (count[s] > count[best]) best = s;
    return best;
}
