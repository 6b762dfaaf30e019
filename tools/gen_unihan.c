/* gen_unihan.c — build-time tool: reads Unihan_Readings.txt and Unihan_Variants.txt (decompressed, on
 * stdin) and writes the C table han.c looks characters up in. Invariant: rows sorted by code point.
 *
 * Per character it keeps: the Mandarin reading without tones (kMandarin, else the first kHanyuPinyin
 * reading), as an index into a table of distinct syllables; and up to two Hangul readings (kHangul):
 * the first one listed, and the first one flagged N (the reading used in personal names, e.g. 金 is
 * 금 in words but 김 as a surname) when it differs. Simplified characters have no Korean reading in
 * Unihan (Korean writes traditional ones), so they take that of their kTraditionalVariant (铁 → 鐵 철).
 * That variant is kept too, so that a name in simplified and in traditional characters compare alike.
 * Usage: cat Unihan_Readings.txt Unihan_Variants.txt | gen_unihan OUT.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CP 0x40000
#define MAX_SYL 2048
#define SYL_LEN 8

typedef struct row {
    int16_t mandarin;   /* syllable index from kMandarin, -1 none */
    int16_t hanyu;      /* syllable index from kHanyuPinyin, -1 none */
    uint16_t hangul[2]; /* first reading, name reading (0 none) */
    uint32_t traditional; /* kTraditionalVariant, 0 none */
} row;

static char syllables[MAX_SYL][SYL_LEN];
static int n_syllables;

/* Decodes one UTF-8 sequence at *s; advances *s. Returns the code point, or -1 if malformed. */
static long utf8_next(const unsigned char **s)
{
    const unsigned char *p = *s;
    long cp;
    int extra;
    if (p[0] < 0x80) { *s = p + 1; return p[0]; }
    if ((p[0] & 0xE0) == 0xC0) { cp = p[0] & 0x1F; extra = 1; }
    else if ((p[0] & 0xF0) == 0xE0) { cp = p[0] & 0x0F; extra = 2; }
    else if ((p[0] & 0xF8) == 0xF0) { cp = p[0] & 0x07; extra = 3; }
    else return -1;
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *s = p + extra + 1;
    return cp;
}

/* The ASCII letter of a pinyin letter with a tone mark (ü is written u, as passports do). */
static int pinyin_base(long cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? (int)cp : 0;
    static const struct { long cp; char base; } marks[] = {
        {0xE0, 'a'}, {0xE1, 'a'}, {0x101, 'a'}, {0x1CE, 'a'},
        {0xE8, 'e'}, {0xE9, 'e'}, {0xEA, 'e'}, {0x113, 'e'}, {0x11B, 'e'},
        {0xEC, 'i'}, {0xED, 'i'}, {0x12B, 'i'}, {0x1D0, 'i'},
        {0xF2, 'o'}, {0xF3, 'o'}, {0x14D, 'o'}, {0x1D2, 'o'},
        {0xF9, 'u'}, {0xFA, 'u'}, {0xFC, 'u'}, {0x16B, 'u'}, {0x1D4, 'u'},
        {0x1D6, 'u'}, {0x1D8, 'u'}, {0x1DA, 'u'}, {0x1DC, 'u'},
        {0x144, 'n'}, {0x148, 'n'}, {0x1F9, 'n'}, {0x1E3F, 'm'},
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (marks[i].cp == cp) return marks[i].base;
    return 0;   /* combining marks and anything else are dropped */
}

/* Interns the toneless ASCII form of one pinyin word [s, end); returns its index or -1. */
static int intern_pinyin(const char *s, const char *end)
{
    char buf[SYL_LEN];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p < (const unsigned char *)end) {
        long cp = utf8_next(&p);
        if (cp < 0) return -1;
        int c = pinyin_base(cp);
        if (c && n + 1 < SYL_LEN) buf[n++] = (char)c;
    }
    if (n == 0) return -1;
    buf[n] = 0;
    for (int i = 0; i < n_syllables; i++)
        if (strcmp(syllables[i], buf) == 0) return i;
    if (n_syllables == MAX_SYL) return -1;
    memcpy(syllables[n_syllables], buf, n + 1);
    return n_syllables++;
}

/* kMandarin "zhèng" or "wàn mò": the first reading. */
static int16_t parse_mandarin(const char *v)
{
    const char *end = v + strcspn(v, " ");
    return (int16_t)intern_pinyin(v, end);
}

/* kHanyuPinyin "21436.010:zhèng,zhēng 21437.020:…": the first reading after the first colon. */
static int16_t parse_hanyu(const char *v)
{
    const char *colon = strchr(v, ':');
    if (!colon) return -1;
    const char *s = colon + 1;
    return (int16_t)intern_pinyin(s, s + strcspn(s, ", "));
}

/* kHangul "금:0E 김:0N": first reading, and the first N-flagged one if different. */
static void parse_hangul(const char *v, uint16_t out[2])
{
    const unsigned char *p = (const unsigned char *)v;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        long cp = utf8_next(&p);
        if (cp < 0xAC00 || cp > 0xD7A3) return;
        int name_use = 0;
        if (*p == ':')
            for (p++; *p && *p != ' '; p++) if (*p == 'N') name_use = 1;
        while (*p && *p != ' ') p++;
        if (!out[0]) out[0] = (uint16_t)cp;
        if (name_use && !out[1] && cp != out[0]) out[1] = (uint16_t)cp;
    }
}

/* A character gets a row of the table (in every column alike) when Unihan gives it a reading. */
static int has_reading(const row *r)
{
    return r->mandarin >= 0 || r->hanyu >= 0 || r->hangul[0];
}

static int write_table(FILE *f, const row *rows)
{
    size_t count = 0;
    fprintf(f, "/* unihan_table.c — generated by tools/gen_unihan.c from Unicode's Unihan_Readings.txt;"
               " do not edit.\n * Invariant: cdn_unihan_cp is sorted ascending (han.c bsearches it). */\n"
               "#include <stddef.h>\n#include <stdint.h>\n\n");
    fprintf(f, "const char cdn_unihan_syllables[][%d] = {\n", SYL_LEN);
    for (int i = 0; i < n_syllables; i++) fprintf(f, "\"%s\",%s", syllables[i], i % 12 == 11 ? "\n" : "");
    fprintf(f, "\n};\n\nconst uint32_t cdn_unihan_cp[] = {\n");
    for (long cp = 0; cp < MAX_CP; cp++) {
        const row *r = &rows[cp];
        if (!has_reading(r)) continue;
        fprintf(f, "0x%lX,%s", cp, ++count % 12 == 0 ? "\n" : "");
    }
    fprintf(f, "\n};\n\n/* index into cdn_unihan_syllables, 0xFFFF if no Mandarin reading */\n"
               "const uint16_t cdn_unihan_pinyin[] = {\n");
    count = 0;
    for (long cp = 0; cp < MAX_CP; cp++) {
        const row *r = &rows[cp];
        if (!has_reading(r)) continue;
        int s = r->mandarin >= 0 ? r->mandarin : r->hanyu;
        fprintf(f, "%d,%s", s >= 0 ? s : 0xFFFF, ++count % 16 == 0 ? "\n" : "");
    }
    fprintf(f, "\n};\n\n/* Hangul readings: the first listed, the personal-name one (0 if none) */\n"
               "const uint16_t cdn_unihan_hangul[][2] = {\n");
    count = 0;
    for (long cp = 0; cp < MAX_CP; cp++) {
        const row *r = &rows[cp];
        if (!has_reading(r)) continue;
        fprintf(f, "{0x%X,0x%X},%s", r->hangul[0], r->hangul[1], ++count % 8 == 0 ? "\n" : "");
    }
    fprintf(f, "\n};\n\n/* kTraditionalVariant, 0 if none: what a simplified character folds to */\n"
               "const uint32_t cdn_unihan_traditional[] = {\n");
    count = 0;
    for (long cp = 0; cp < MAX_CP; cp++) {
        const row *r = &rows[cp];
        if (!has_reading(r)) continue;
        fprintf(f, "0x%X,%s", r->traditional, ++count % 12 == 0 ? "\n" : "");
    }
    fprintf(f, "\n};\n\nconst size_t cdn_unihan_count = %zu;\n", count);
    return ferror(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: cat Unihan_Readings.txt Unihan_Variants.txt | gen_unihan OUT.c\n");
        return 2;
    }
    row *rows = malloc(sizeof(row) * MAX_CP);
    if (!rows) { fprintf(stderr, "gen_unihan: out of memory\n"); return 1; }
    for (long i = 0; i < MAX_CP; i++) rows[i] = (row){-1, -1, {0, 0}, 0};

    char line[4096];
    long lineno = 0, used = 0;
    while (fgets(line, sizeof line, stdin)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] != 'U' || line[1] != '+') continue;
        char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab2) { fprintf(stderr, "gen_unihan: stdin:%ld: not three fields\n", lineno); continue; }
        *tab1 = *tab2 = 0;
        long cp = strtol(line + 2, NULL, 16);
        if (cp <= 0 || cp >= MAX_CP) continue;
        const char *field = tab1 + 1, *value = tab2 + 1;
        if (strcmp(field, "kMandarin") == 0) rows[cp].mandarin = parse_mandarin(value);
        else if (strcmp(field, "kHanyuPinyin") == 0) rows[cp].hanyu = parse_hanyu(value);
        else if (strcmp(field, "kHangul") == 0) parse_hangul(value, rows[cp].hangul);
        else if (strcmp(field, "kTraditionalVariant") == 0 && !rows[cp].traditional) {
            long trad = value[0] == 'U' && value[1] == '+' ? strtol(value + 2, NULL, 16) : 0;
            if (trad > 0 && trad < MAX_CP && trad != cp) rows[cp].traditional = (uint32_t)trad;
        } else continue;
        used++;
    }
    if (used == 0) { fprintf(stderr, "gen_unihan: no readings on stdin\n"); free(rows); return 1; }
    for (long cp = 0; cp < MAX_CP; cp++)
        if (!rows[cp].hangul[0] && rows[cp].traditional)
            memcpy(rows[cp].hangul, rows[rows[cp].traditional].hangul, sizeof rows[cp].hangul);

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *f = fopen(tmp, "w");
    if (!f) { perror(tmp); free(rows); return 1; }
    int rc = write_table(f, rows);
    if (fclose(f) != 0) rc = -1;
    free(rows);
    if (rc != 0 || rename(tmp, argv[1]) != 0) { perror(argv[1]); remove(tmp); return 1; }
    return 0;
}
