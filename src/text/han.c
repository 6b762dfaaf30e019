/* han.c — Chinese characters read in Mandarin (pinyin, the way lists write Chinese names: "XI Jinping")
 * and in Korean (hanja, then romanized by korean.c). Invariant: the readings come from the static
 * const Unihan table generated at build time (tools/gen_unihan.c); no allocation beyond the analysis.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <unicode/utf8.h>
#include "text/text.h"

/* The generated table ($(BUILD)/gen/unihan_table.c): code points ascending, with parallel columns. */
extern const char cdn_unihan_syllables[][8];
extern const uint32_t cdn_unihan_cp[];
extern const uint16_t cdn_unihan_pinyin[];      /* index into cdn_unihan_syllables, 0xFFFF none */
extern const uint16_t cdn_unihan_hangul[][2];   /* first reading; personal-name reading or 0 */
extern const uint32_t cdn_unihan_traditional[]; /* kTraditionalVariant, 0 none */
extern const size_t cdn_unihan_count;

#define HAN_MAX 32          /* characters kept per name */
#define HAN_PERSON_MAX 4    /* a Chinese or Korean personal name has 2–4 characters */
#define HAN_WORD 128        /* bytes of one romanized token */

typedef struct han_char {
    const char *pinyin;     /* NULL if Unihan has no Mandarin reading */
    uint16_t hangul, hangul_name;
    uint8_t word_start;
} han_char;

typedef struct han_name {
    han_char c[HAN_MAX];
    uint32_t cp[HAN_MAX];
    size_t n, n_surname;    /* n_surname 0: not read as a person */
    size_t n_words;         /* written tokens */
} han_name;

/* The row of cp in the Unihan table, or -1. A search without bsearch's call through a pointer at
 * every step: the evidence folds every Han character of each candidate's Han names (han_chars). */
static long unihan_row(uint32_t cp)
{
    size_t lo = 0, n = cdn_unihan_count;
    while (n > 1) {                          /* cdn_unihan_cp[lo] <= cp < cdn_unihan_cp[lo + n], if anywhere */
        size_t half = n / 2;
        lo = cdn_unihan_cp[lo + half] <= cp ? lo + half : lo;
        n -= half;
    }
    return n && cdn_unihan_cp[lo] == cp ? (long)lo : -1;
}

static int is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3007;
}

/* Surnames read otherwise than the character's usual reading (曾 is céng in words, Zeng as a name). */
static const struct { char32_t cp; const char *pinyin; } surname_reading[] = {
    {U'曾', "zeng"}, {U'单', "shan"}, {U'單', "shan"}, {U'解', "xie"}, {U'仇', "qiu"},
    {U'区', "ou"}, {U'區', "ou"}, {U'查', "zha"}, {U'朴', "piao"}, {U'盖', "ge"}, {U'蓋', "ge"},
    {U'乐', "yue"}, {U'樂', "yue"}, {U'覃', "qin"}, {U'缪', "miao"}, {U'繆', "miao"},
    {U'翟', "zhai"}, {U'种', "chong"}, {U'種', "chong"}, {U'召', "shao"}, {U'秘', "bi"},
    {U'冼', "xian"}, {U'洗', "xian"}, {U'尉', "yu"},
};

/* Characters whose usual Unihan reading is not the one names and places use (成都 Chengdu, 长春
 * Changchun, 董勒成 Dong Lecheng). */
static const struct { char32_t cp; const char *pinyin; } name_reading[] = {
    {U'都', "du"}, {U'勒', "le"}, {U'长', "chang"}, {U'長', "chang"},
};

/* Chinese two-character surnames (simplified and traditional). */
static const char32_t compound_surnames[][2] = {
    {U'欧', U'阳'}, {U'歐', U'陽'}, {U'司', U'马'}, {U'司', U'馬'}, {U'诸', U'葛'}, {U'諸', U'葛'},
    {U'上', U'官'}, {U'司', U'徒'}, {U'东', U'方'}, {U'東', U'方'}, {U'皇', U'甫'}, {U'令', U'狐'},
    {U'慕', U'容'}, {U'夏', U'侯'}, {U'公', U'孙'}, {U'公', U'孫'}, {U'尉', U'迟'}, {U'尉', U'遲'},
    {U'长', U'孙'}, {U'長', U'孫'}, {U'宇', U'文'}, {U'轩', U'辕'}, {U'軒', U'轅'}, {U'端', U'木'},
    {U'独', U'孤'}, {U'獨', U'孤'}, {U'南', U'宫'}, {U'南', U'宮'}, {U'西', U'门'}, {U'西', U'門'},
    {U'鲜', U'于'}, {U'鮮', U'于'}, {U'申', U'屠'}, {U'呼', U'延'}, {U'澹', U'台'}, {U'司', U'空'},
};

/* Organisation names: common two-character words found from the end (…科技有限公司), and words of
 * one character (金华|市), so the rest can be read two characters to a word as lists write it. */
static const char32_t suffix_words[][2] = {
    {U'公', U'司'}, {U'有', U'限'}, {U'责', U'任'}, {U'責', U'任'}, {U'股', U'份'}, {U'集', U'团'},
    {U'集', U'團'}, {U'科', U'技'}, {U'技', U'术'}, {U'技', U'術'}, {U'国', U'际'}, {U'國', U'際'},
    {U'贸', U'易'}, {U'貿', U'易'}, {U'电', U'子'}, {U'電', U'子'}, {U'实', U'业'}, {U'實', U'業'},
    {U'工', U'业'}, {U'工', U'業'}, {U'机', U'械'}, {U'機', U'械'}, {U'设', U'备'}, {U'設', U'備'},
    {U'船', U'务'}, {U'船', U'務'}, {U'航', U'空'}, {U'控', U'股'}, {U'投', U'资'}, {U'投', U'資'},
    {U'发', U'展'}, {U'發', U'展'}, {U'能', U'源'}, {U'工', U'程'}, {U'物', U'流'}, {U'动', U'力'},
    {U'動', U'力'}, {U'装', U'备'}, {U'裝', U'備'}, {U'数', U'控'}, {U'數', U'控'}, {U'航', U'运'},
    {U'航', U'運'}, {U'海', U'运'}, {U'海', U'運'}, {U'石', U'油'}, {U'银', U'行'}, {U'銀', U'行'},
};
static const char32_t single_words[] = {
    U'市', U'省', U'县', U'縣', U'区', U'區', U'镇', U'鎮', U'村', U'的', U'和', U'与', U'與',
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static int is_pair(const char32_t (*table)[2], size_t n, uint32_t a, uint32_t b)
{
    for (size_t i = 0; i < n; i++)
        if (table[i][0] == a && table[i][1] == b) return 1;
    return 0;
}

static int is_single_word(uint32_t cp)
{
    for (size_t i = 0; i < N_OF(single_words); i++)
        if (single_words[i] == cp) return 1;
    return 0;
}

static void look_up(uint32_t cp, han_char *out)
{
    long row = unihan_row(cp);
    out->pinyin = NULL;
    out->hangul = out->hangul_name = 0;
    if (row < 0) return;
    size_t i = (size_t)row;
    if (cdn_unihan_pinyin[i] != 0xFFFF) out->pinyin = cdn_unihan_syllables[cdn_unihan_pinyin[i]];
    out->hangul = cdn_unihan_hangul[i][0];
    out->hangul_name = cdn_unihan_hangul[i][1];
}

size_t cdn_han_pinyin(const uint32_t *cps, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        han_char c;
        if (!is_han(cps[i])) return 0;
        look_up(cps[i], &c);
        if (!c.pinyin) return 0;
        size_t l = strlen(c.pinyin);
        if (o + l + 2 > cap) return 0;
        if (o) out[o++] = ' ';
        memcpy(out + o, c.pinyin, l);
        o += l;
    }
    return o;
}

static void read_name(const char *const *tokens, size_t n, han_name *nm)
{
    memset(nm, 0, sizeof *nm);
    for (size_t k = 0; k < n && nm->n < HAN_MAX; k++) {
        if (!tokens[k]) continue;
        const uint8_t *s = (const uint8_t *)tokens[k];
        size_t bytes = strlen(tokens[k]);
        int32_t len = bytes > INT32_MAX ? INT32_MAX : (int32_t)bytes, i = 0;
        int starts = 1;
        while (i < len && nm->n < HAN_MAX) {
            UChar32 cp;
            U8_NEXT(s, i, len, cp);                     /* cp < 0: a malformed sequence */
            if (cp < 0 || !is_han((uint32_t)cp)) continue;
            han_char *c = &nm->c[nm->n];
            look_up((uint32_t)cp, c);
            c->word_start = (uint8_t)starts;
            nm->n_words += (size_t)starts;
            nm->cp[nm->n++] = (uint32_t)cp;
            starts = 0;
        }
    }
}

/* "近平 习", "桂荣 兰": written given name first (Western order), the surname is a last token of one
 * character after a longer first one; move it to the front. */
static void surname_last_to_front(han_name *nm)
{
    size_t first = 1;
    while (first < nm->n && !nm->c[first].word_start) first++;
    if (nm->n_words < 2 || !nm->c[nm->n - 1].word_start || first < 2) return;
    if (is_pair(compound_surnames, N_OF(compound_surnames), nm->cp[0], nm->cp[1])) return;
    han_char c = nm->c[nm->n - 1];
    uint32_t cp = nm->cp[nm->n - 1];
    memmove(nm->c + 1, nm->c, (nm->n - 1) * sizeof nm->c[0]);
    memmove(nm->cp + 1, nm->cp, (nm->n - 1) * sizeof nm->cp[0]);
    nm->c[0] = c;
    nm->cp[0] = cp;
}

/* Surname: a compound (欧阳) or one character at the start of a one-token name of 2–4 characters,
 * or the whole first token when it is short and the name was written in several tokens. */
static void split_surname(han_name *nm)
{
    size_t first = 1;
    while (first < nm->n && !nm->c[first].word_start) first++;
    nm->n_surname = 0;
    if (nm->n < 2) return;
    int compound = is_pair(compound_surnames, N_OF(compound_surnames), nm->cp[0], nm->cp[1]);
    if (nm->n_words == 1 && nm->n <= HAN_PERSON_MAX)
        nm->n_surname = (compound && nm->n >= 3) ? 2 : 1;
    else if (nm->n_words > 1 && first <= 2 && nm->n <= HAN_PERSON_MAX + 1)
        nm->n_surname = first;
}

static const char *pinyin_of(const han_name *nm, size_t i)
{
    if (i < nm->n_surname && nm->n_surname == 1)
        for (size_t k = 0; k < N_OF(surname_reading); k++)
            if (surname_reading[k].cp == nm->cp[i]) return surname_reading[k].pinyin;
    for (size_t k = 0; k < N_OF(name_reading); k++)
        if (name_reading[k].cp == nm->cp[i]) return name_reading[k].pinyin;
    return nm->c[i].pinyin;
}

/* Appends the pinyin of characters [from, to) to word; returns the new length. */
static size_t join_pinyin(const han_name *nm, size_t from, size_t to, char *word, size_t at)
{
    for (size_t i = from; i < to; i++) {
        const char *py = pinyin_of(nm, i);
        size_t len = py ? strlen(py) : 0;
        if (at + len >= HAN_WORD) break;
        memcpy(word + at, py ? py : "", len);
        at += len;
    }
    word[at] = 0;
    return at;
}

static int add_chars(cdn_analysis *an, const han_name *nm, size_t from, size_t to, int flags)
{
    char word[HAN_WORD];
    size_t len = join_pinyin(nm, from, to, word, 0);
    return len ? cdn_form_token(an, word, len, CDN_SCRIPT_HAN, flags) : 0;
}

/* Person: surname, then the given name as one word ("xi jinping") or, with `separate`, a token per
 * character ("xi jin ping"). A given name written in several tokens keeps them. */
static int emit_person(cdn_analysis *an, const han_name *nm, int separate)
{
    if (cdn_form_begin(an, CDN_SCHEME_PINYIN) != 0) return -1;
    if (add_chars(an, nm, 0, nm->n_surname, CDN_TOK_SURNAME) != 0) return -1;
    size_t start = nm->n_surname;
    for (size_t i = nm->n_surname + 1; i <= nm->n; i++)
        if (i == nm->n || separate || nm->c[i].word_start) {
            if (add_chars(an, nm, start, i, 0) != 0) return -1;
            start = i;
        }
    cdn_form_end(an);
    return 0;
}

/* Where the known suffix words of the token [i, end) begin (…|科技|有限|公司). */
static size_t suffix_start(const han_name *nm, size_t i, size_t end)
{
    while (end - i >= 2 && is_pair(suffix_words, N_OF(suffix_words), nm->cp[end - 2], nm->cp[end - 1]))
        end -= 2;
    return end;
}

/* The length of the word at i before `end`: one character for 市, else two, and three rather than
 * leaving one over (武汉|晓睿智). */
static size_t head_word_len(const han_name *nm, size_t i, size_t end)
{
    size_t left = end - i;
    if (left == 1 || is_single_word(nm->cp[i]) || is_single_word(nm->cp[i + 1])) return 1;
    if (left == 3 && !is_single_word(nm->cp[i + 2])) return 3;
    return 2;
}

/* Not a person: each written token cut into words ("chengdu jingxin keji youxian gongsi"), or with
 * `separate` a token per character. */
static int emit_words(cdn_analysis *an, const han_name *nm, int separate)
{
    if (cdn_form_begin(an, CDN_SCHEME_PINYIN) != 0) return -1;
    size_t i = 0;
    while (i < nm->n) {
        size_t end = i + 1;
        while (end < nm->n && !nm->c[end].word_start) end++;
        size_t tail = separate ? end : suffix_start(nm, i, end);
        while (i < end) {
            size_t len = separate ? 1 : i < tail ? head_word_len(nm, i, tail) : 2;
            if (add_chars(an, nm, i, i + len, 0) != 0) return -1;
            i += len;
        }
    }
    cdn_form_end(an);
    return 0;
}

static size_t put_utf8(char *out, size_t at, uint32_t cp)
{
    out[at++] = (char)(0xE0 | (cp >> 12));
    out[at++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[at++] = (char)(0x80 | (cp & 0x3F));
    return at;
}

/* The name read in Korean (金正恩 → 김정은), romanized by korean.c; its forms are marked as Han
 * read in Korean. Adds nothing if a character has no Korean reading. */
static int emit_korean_reading(cdn_text *t, const han_name *nm, cdn_analysis *an)
{
    char buf[HAN_MAX * 4 + 1];
    const char *toks[HAN_MAX];
    size_t n_toks = 0, at = 0;
    for (size_t i = 0; i < nm->n; i++) {
        const han_char *c = &nm->c[i];
        if (!c->hangul) return 0;
        uint16_t h = (i < nm->n_surname && c->hangul_name) ? c->hangul_name : c->hangul;
        if (c->word_start) {
            if (n_toks) buf[at++] = 0;
            toks[n_toks++] = buf + at;
        }
        at = put_utf8(buf, at, h);
    }
    buf[at] = 0;
    size_t forms_before = an->n_forms;
    if (cdn_korean_add_forms(t, toks, n_toks, an) != 0) return -1;
    for (size_t f = forms_before; f < an->n_forms; f++) {
        cdn_form *form = &an->forms[f];
        form->scheme = CDN_SCHEME_HAN_KOREAN;
        for (size_t k = form->first; k < (size_t)form->first + form->n; k++)
            an->tokens[k].script = CDN_SCRIPT_HAN;
    }
    return 0;
}

int cdn_han_add_forms(cdn_text *t, const char *const *tokens, size_t n, cdn_analysis *an)
{
    han_name nm;
    read_name(tokens, n, &nm);
    if (nm.n == 0) return 0;
    surname_last_to_front(&nm);
    split_surname(&nm);
    if (nm.n_surname) {
        if (emit_person(an, &nm, 0) != 0 || emit_person(an, &nm, 1) != 0) return -1;
        return emit_korean_reading(t, &nm, an);
    }
    if (emit_words(an, &nm, 0) != 0 || emit_words(an, &nm, 1) != 0) return -1;
    return nm.n == 1 ? emit_korean_reading(t, &nm, an) : 0;
}

/* Simplified characters fold to their traditional variant, so 习近平 and 習近平 are one spelling. */
uint32_t cdn_han_traditional(uint32_t cp)
{
    long row = unihan_row(cp);
    if (row < 0) return cp;
    uint32_t trad = cdn_unihan_traditional[row];
    return trad ? trad : cp;
}

size_t cdn_han_chars(const char *utf8, size_t len, uint32_t *out, size_t cap)
{
    const uint8_t *s = (const uint8_t *)utf8;
    int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len, i = 0;
    size_t k = 0;
    while (i < n) {
        UChar32 cp;
        U8_NEXT(s, i, n, cp);
        if (cp >= 0 && cdn_native_separator(cp)) continue;
        if (cp < 0 || !is_han((uint32_t)cp)) return 0;
        if (k < cap) out[k++] = cdn_han_traditional((uint32_t)cp);
    }
    return k >= 2 ? k : 0;
}

size_t cdn_han_words(const uint32_t *cps, size_t n, char *out, size_t cap)
{
    han_name nm;
    memset(&nm, 0, sizeof nm);
    if (n == 0 || n > HAN_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_han(cps[i])) return 0;
        look_up(cps[i], &nm.c[i]);
        if (!nm.c[i].pinyin) return 0;
        nm.cp[i] = cps[i];
    }
    nm.n = n;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t len = head_word_len(&nm, i, n);
        char word[HAN_WORD];
        size_t wl = join_pinyin(&nm, i, i + len, word, 0);
        if (o + wl + 2 > cap) return 0;
        if (o) out[o++] = ' ';
        memcpy(out + o, word, wl);
        o += wl;
        i += len;
    }
    out[o] = 0;
    return o;
}
