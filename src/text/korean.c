/* korean.c — Korean names (Hangul, or Russian Cyrillic in the Kontsevich system) romanized the ways
 * lists write them: McCune–Reischauer (DPRK and classic), Revised Romanization, common spellings.
 * Invariant: no allocation beyond the cdn_analysis; every table is static const; output is [a-z].
 *
 * A Hangul syllable is U+AC00 + (initial * 21 + medial) * 28 + final. Romanization works on those
 * three jamo indices; the only context a syllable needs is whether the sound before it is voiced
 * (MR writes 복 "bok" after a vowel or n/l/m/ng, "pok" at the start of a word).
 */
#include <stdint.h>
#include <string.h>
#include <uchar.h>
#include <unicode/utf8.h>
#include "text/text.h"

#define KO_MAX_SYL 24        /* syllables kept per name (a longer one is cut) */
#define KO_MAX_WORD 96       /* bytes of one romanized token */
#define KO_PERSON_MAX 6      /* more syllables than this: an organisation, not a person */

enum { L_G, L_GG, L_N, L_D, L_DD, L_R, L_M, L_B, L_BB, L_S, L_SS, L_NG, L_J, L_JJ, L_CH, L_K, L_T,
       L_P, L_H };
enum { V_A, V_AE, V_YA, V_YAE, V_EO, V_E, V_YEO, V_YE, V_O, V_WA, V_WAE, V_OE, V_YO, V_U, V_WO,
       V_WE, V_WI, V_YU, V_EU, V_UI, V_I };
enum { T_NONE, T_G, T_GG, T_GS, T_N, T_NJ, T_NH, T_D, T_L, T_LG, T_LM, T_LB, T_LS, T_LT, T_LP,
       T_LH, T_M, T_B, T_BS, T_S, T_SS, T_NG, T_J, T_CH, T_K, T_T, T_P, T_H };

/* Romanization styles. DPRK: the MR variant North Korea and the UN/OFAC lists use (Jong, Thaek,
 * Sin); MR: classic McCune–Reischauer with breves and apostrophes dropped (Chong, Taek, Shin);
 * RR: Revised Romanization; COMMON: the usual South Korean passport spellings (Jung, Young, Soo). */
enum ko_style { ST_DPRK, ST_MR, ST_RR, ST_COMMON };

static const char *const initial_dprk[19] = {
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th",
    "ph", "h"};
static const char *const initial_mr[19] = {
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t",
    "p", "h"};
static const char *const initial_rr[19] = {
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h"};
static const char *const initial_common[19] = {
    "k", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h"};

static const char *const vowel_mr[21] = {
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i"};
static const char *const vowel_rr[21] = {
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i"};

/* Final consonants as pronounced at the end of a syllable (the same in MR and RR). */
static const char *const final_sound[28] = {
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

/* Finals after which a plain stop is voiced: none (a vowel), n, l, m, ng and their clusters. */
static int final_is_voiced(int t)
{
    switch (t) {
    case T_NONE: case T_N: case T_NJ: case T_NH: case T_L: case T_LM: case T_LB: case T_LS:
    case T_LT: case T_LH: case T_M: case T_NG: return 1;
    default: return 0;
    }
}

static int syl_initial(uint16_t s) { return (s - 0xAC00) / 588; }
static int syl_medial(uint16_t s) { return (s - 0xAC00) % 588 / 28; }
static int syl_final(uint16_t s) { return (s - 0xAC00) % 28; }
static uint16_t syl_make(int l, int v, int t) { return (uint16_t)(0xAC00 + (l * 21 + v) * 28 + t); }

static int medial_is_y_or_i(int v)
{
    return v == V_YA || v == V_YAE || v == V_YEO || v == V_YE || v == V_YO || v == V_YU || v == V_I;
}

/* The South Korean initial-sound rule (두음법칙): 리→이, 류→유, 로→노, 녀→여 at the start of a word. */
static uint16_t south_initial(uint16_t s)
{
    int l = syl_initial(s), v = syl_medial(s), t = syl_final(s);
    if (l == L_R) return syl_make(medial_is_y_or_i(v) ? L_NG : L_N, v, t);
    if (l == L_N && medial_is_y_or_i(v)) return syl_make(L_NG, v, t);
    return s;
}

size_t cdn_hangul_syllables(const char *utf8, size_t len, uint32_t *out, size_t cap)
{
    const uint8_t *p = (const uint8_t *)utf8;
    int32_t end = len > INT32_MAX ? INT32_MAX : (int32_t)len, i = 0;
    size_t n = 0;
    while (i < end) {
        UChar32 c;
        U8_NEXT(p, i, end, c);                       /* c < 0: a malformed sequence */
        if (c >= 0 && cdn_native_separator(c)) continue;
        if (c < 0xAC00 || c > 0xD7A3) return 0;
        if (n < cap) out[n++] = south_initial((uint16_t)c);
    }
    return n >= 2 ? n : 0;
}

/* Passport-style vowels: 성 Sung, 경 Kyung, 영 Young, 수 Soo, 순 Soon, 유 Yoo, 희 Hee, 은 Eun. */
static const char *vowel_common(int l, int v, int t)
{
    switch (v) {
    case V_EO: return t ? "u" : "eo";
    case V_YEO:
        if (t == T_NONE) return "yeo";
        if (l == L_NG) return t == T_NG ? "you" : "yeo";
        return "yu";
    case V_U: return (t == T_NONE || t == T_N) ? "oo" : "u";
    case V_YU: return (l == L_NG && (t == T_NONE || t == T_N)) ? "yoo" : "yu";
    case V_UI: return l == L_NG ? "eui" : "ee";
    default: return vowel_rr[v];
    }
}

/* Appends s whole (or nothing, where it does not fit) and a NUL. The pieces are a few letters,
 * copied byte by byte: a memcpy call cost more than the copy (a name is romanized in six styles). */
static size_t put(char *out, size_t at, size_t cap, const char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    if (at + n >= cap) return at;
    for (size_t i = 0; i < n; i++) out[at + i] = s[i];
    out[at + n] = 0;
    return at + n;
}

/* Romanizes one syllable into out+at; `voiced`: the sound before it is voiced inside one word. */
static size_t romanize_syllable(uint16_t s, int style, int voiced, char *out, size_t at, size_t cap)
{
    int l = syl_initial(s), v = syl_medial(s), t = syl_final(s);
    const char *ini;
    switch (style) {
    case ST_DPRK: ini = initial_dprk[l]; break;
    case ST_MR: ini = initial_mr[l]; break;
    case ST_RR: ini = initial_rr[l]; break;
    default: ini = initial_common[l]; break;
    }
    if (voiced && (style == ST_DPRK || style == ST_MR)) {
        if (l == L_G) ini = "g";
        else if (l == L_D) ini = "d";
        else if (l == L_B) ini = "b";
        else if (l == L_J) ini = "j";
    }
    if ((style == ST_MR || style == ST_COMMON) && l == L_S && v == V_I) ini = "sh";
    at = put(out, at, cap, ini);
    at = put(out, at, cap, style == ST_RR ? vowel_rr[v]
                          : style == ST_COMMON ? vowel_common(l, v, t) : vowel_mr[v]);
    return put(out, at, cap, final_sound[t]);
}

/* ---- Surnames ----------------------------------------------------------------------------- */

/* Common spellings of frequent surnames, most usual first (learnt from name lists, not copied).
 * Both the North (리, 류, 로, 량 …) and the South (이, 유, 노, 양 …) writing are keys. */
typedef struct surname { char16_t ko[3]; const char *spellings; } surname;

static const surname surname_table[] = {
    {u"김", "kim gim"}, {u"이", "lee ri rhee yi"}, {u"리", "lee yi rhee li"},
    {u"박", "park pak bak"}, {u"최", "choi choe"}, {u"정", "jung jeong chung chong"},
    {u"강", "kang"}, {u"조", "cho jo"}, {u"윤", "yoon yun"}, {u"장", "jang chang"},
    {u"임", "lim rim im yim"}, {u"림", "lim im yim"}, {u"한", "han"}, {u"오", "oh o"},
    {u"서", "seo suh"}, {u"신", "shin sin"}, {u"권", "kwon gwon"}, {u"황", "hwang"},
    {u"안", "ahn an"}, {u"송", "song"}, {u"유", "yoo yu ryu"}, {u"류", "ryu yoo yu"},
    {u"홍", "hong"}, {u"전", "jeon jun chun chon"}, {u"고", "ko koh"}, {u"문", "moon mun"},
    {u"양", "yang ryang"}, {u"량", "yang ryang"}, {u"손", "son sohn"}, {u"배", "bae pae"},
    {u"백", "baek paek paik"}, {u"허", "heo huh ho"}, {u"남", "nam"}, {u"노", "noh roh ro"},
    {u"로", "roh noh no"}, {u"하", "ha"}, {u"곽", "kwak"}, {u"성", "sung seong"}, {u"차", "cha"},
    {u"주", "joo ju chu"}, {u"우", "woo u"}, {u"구", "koo ku"}, {u"민", "min"}, {u"나", "na ra"},
    {u"라", "ra na"}, {u"진", "jin chin"}, {u"지", "ji chi"}, {u"엄", "uhm eom"}, {u"채", "chae"},
    {u"원", "won"}, {u"천", "chun cheon"}, {u"방", "bang pang"}, {u"공", "kong"},
    {u"현", "hyun hyon"}, {u"함", "ham"}, {u"변", "byun byeon"}, {u"염", "yeom yum"},
    {u"렴", "yeom ryom"}, {u"여", "yeo"}, {u"려", "yeo ryo"}, {u"추", "choo chu"}, {u"도", "do"},
    {u"소", "so"}, {u"석", "seok suk"}, {u"선", "sun seon"}, {u"설", "seol sul"}, {u"마", "ma"},
    {u"길", "gil kil"}, {u"연", "yeon yun"}, {u"위", "wi wee"}, {u"표", "pyo"},
    {u"명", "myung myeong"}, {u"기", "ki gi"}, {u"반", "ban pan"}, {u"왕", "wang"},
    {u"금", "keum geum kum"}, {u"옥", "ok"}, {u"육", "yook yuk"}, {u"륙", "yook ryuk"},
    {u"인", "in"}, {u"맹", "maeng"}, {u"제", "je"}, {u"모", "mo"}, {u"탁", "tak"},
    {u"국", "kook kuk"}, {u"용", "yong"}, {u"룡", "yong ryong"}, {u"계", "kye gye"},
    {u"태", "tae"}, {u"편", "pyun pyeon"}, {u"동", "dong"}, {u"봉", "bong"}, {u"승", "seung"},
    {u"경", "kyung kyeong"}, {u"시", "si shi"},
    /* compound surnames */
    {u"남궁", "namkoong namgung namkung"}, {u"황보", "hwangbo"}, {u"제갈", "jegal chegal"},
    {u"선우", "sunwoo seonu"}, {u"독고", "dokko dokgo"}, {u"사공", "sagong sakong"},
    {u"서문", "seomun"}, {u"동방", "dongbang"},
};

static const surname *surname_find(const uint16_t *syl, size_t n)
{
    for (size_t i = 0; i < sizeof surname_table / sizeof surname_table[0]; i++) {
        const surname *s = &surname_table[i];
        size_t len = s->ko[1] ? 2 : 1;
        if (len == n && syl[0] == s->ko[0] && (n == 1 || syl[1] == s->ko[1])) return s;
    }
    return NULL;
}

/* ---- The name as syllables ----------------------------------------------------------------- */

typedef struct ko_name {
    uint16_t syl[KO_MAX_SYL];
    uint8_t word_start[KO_MAX_SYL];   /* 1 where a written token begins */
    size_t n;
    size_t n_surname;                 /* syllables of the surname; 0 if not read as a person */
    int script;                       /* cdn_script of the input */
} ko_name;

/* Decides surname and given name: the first token if it is one syllable (or a two-syllable compound
 * surname); inside a one-token name of 2–4 syllables, the first syllable or a compound surname. */
static void split_surname(ko_name *nm)
{
    size_t first_len = 1;
    while (first_len < nm->n && !nm->word_start[first_len]) first_len++;
    if (nm->n > KO_PERSON_MAX || first_len > 4) { nm->n_surname = 0; return; }
    nm->n_surname = 1;
    if (first_len >= 2 && surname_find(nm->syl, 2)) nm->n_surname = 2;
    if (nm->n_surname == 2 && nm->n == 2) nm->n_surname = 1;   /* two syllables: 서문 is Seo Mun */
}

/* "정은 김", "현준 민서 김": a name written given-name first (as foreign forms and Western-order
 * queries do) has a known surname as its last token and none as its first; move it to the front. */
static void surname_last_to_front(ko_name *nm)
{
    size_t last = nm->n, first_len = 1;
    while (last > 0 && !nm->word_start[last - 1]) last--;
    if (last == 0) return;
    last--;                                              /* start of the last token */
    while (first_len < nm->n && !nm->word_start[first_len]) first_len++;
    size_t last_len = nm->n - last;
    if (last == 0 || last_len > 2 || !surname_find(nm->syl + last, last_len)) return;
    if (first_len <= 2 && surname_find(nm->syl, first_len)) return;
    uint16_t syl[KO_MAX_SYL];
    uint8_t starts[KO_MAX_SYL];
    memcpy(syl, nm->syl + last, last_len * sizeof syl[0]);
    memcpy(syl + last_len, nm->syl, last * sizeof syl[0]);
    memcpy(starts, nm->word_start + last, last_len);
    memcpy(starts + last_len, nm->word_start, last);
    memcpy(nm->syl, syl, nm->n * sizeof syl[0]);
    memcpy(nm->word_start, starts, nm->n);
}

/* ---- Forms ---------------------------------------------------------------------------------- */

/* NONE: every given-name syllable as if it began a word (Pyong Chol); GIVEN: the given name read as
 * one word (Yong Bok); CHAIN: that, with the first given syllable voiced too, as lists often write
 * it (Min Byong Chol, Pak Bong Nam, Jang Bom Su), whatever the surname ends in. */
enum { VOICE_NONE, VOICE_GIVEN, VOICE_CHAIN };

/* Surname spelling for a style: one word, voiced inside (남궁 → namgung). 이 is written Yi in MR and
 * RR practice (a lone "i" would read as an initial). */
static size_t romanize_surname(const ko_name *nm, int style, char *out, size_t cap)
{
    out[0] = 0;
    if (nm->n_surname == 1 && nm->syl[0] == 0xC774 /* 이 */ && style != ST_COMMON)
        return put(out, 0, cap, "yi");
    size_t at = 0;
    for (size_t i = 0; i < nm->n_surname; i++) {
        uint16_t s = nm->syl[i];
        if (style == ST_COMMON && i == 0) s = south_initial(s);
        at = romanize_syllable(s, style, i > 0 && final_is_voiced(syl_final(nm->syl[i - 1])),
                               out, at, cap);
    }
    return at;
}

/* The first spelling in a space-separated list; *len its length. */
static const char *first_word(const char *list, size_t *len)
{
    *len = strcspn(list, " ");
    return list;
}

static int add_token(cdn_analysis *an, const char *s, size_t len, int script, int flags)
{
    return len ? cdn_form_token(an, s, len, script, flags) : 0;
}

/* One person form: surname (`surname_text`, or romanized in `style`), then a token per given-name
 * syllable. */
static int emit_person(cdn_analysis *an, const ko_name *nm, int scheme, int style, int voicing,
                       const char *surname_text, size_t surname_len)
{
    char word[KO_MAX_WORD];
    if (cdn_form_begin(an, scheme) != 0) return -1;
    if (!surname_text) {
        surname_len = romanize_surname(nm, style, word, sizeof word);
        surname_text = word;
    }
    if (add_token(an, surname_text, surname_len, nm->script, CDN_TOK_SURNAME) != 0) return -1;
    for (size_t i = nm->n_surname; i < nm->n; i++) {
        int first_given = i == nm->n_surname;
        int voiced = (voicing == VOICE_CHAIN && first_given)
                     || (voicing != VOICE_NONE && !first_given
                         && final_is_voiced(syl_final(nm->syl[i - 1])));
        uint16_t s = (style == ST_COMMON && first_given) ? south_initial(nm->syl[i]) : nm->syl[i];
        size_t len = romanize_syllable(s, style, voiced, word, 0, sizeof word);
        if (add_token(an, word, len, nm->script, 0) != 0) return -1;
    }
    cdn_form_end(an);
    return 0;
}

/* The spelling of the surname in `list` that no MR/RR form has already given; NULL if none. */
static const char *alternate_surname(const ko_name *nm, const char *list, size_t *len)
{
    char used[3][KO_MAX_WORD];
    romanize_surname(nm, ST_DPRK, used[0], sizeof used[0]);
    romanize_surname(nm, ST_MR, used[1], sizeof used[1]);
    romanize_surname(nm, ST_RR, used[2], sizeof used[2]);
    const char *p = list + strcspn(list, " ");
    while (*p == ' ') {
        p++;
        size_t n = strcspn(p, " ");
        int seen = 0;
        for (int k = 0; k < 3; k++)
            if (strlen(used[k]) == n && memcmp(used[k], p, n) == 0) seen = 1;
        if (!seen) { *len = n; return p; }
        p += n;
    }
    return NULL;
}

/* At most seven forms, most likely first; identical ones are dropped by cdn_form_end. Given-name
 * syllables are always separate tokens: the matcher joins two tokens itself (Jong Un ~ Jongun). */
static int emit_person_forms(cdn_analysis *an, const ko_name *nm)
{
    if (emit_person(an, nm, CDN_SCHEME_MR, ST_DPRK, VOICE_NONE, NULL, 0) != 0) return -1;
    if (emit_person(an, nm, CDN_SCHEME_MR, ST_DPRK, VOICE_CHAIN, NULL, 0) != 0) return -1;
    if (emit_person(an, nm, CDN_SCHEME_MR, ST_MR, VOICE_GIVEN, NULL, 0) != 0) return -1;
    if (emit_person(an, nm, CDN_SCHEME_RR, ST_RR, VOICE_NONE, NULL, 0) != 0) return -1;
    const surname *sn = surname_find(nm->syl, nm->n_surname);
    size_t len = 0;
    const char *common = sn ? first_word(sn->spellings, &len) : NULL;
    if (emit_person(an, nm, CDN_SCHEME_KO_COMMON, ST_COMMON, VOICE_NONE, common, len) != 0)
        return -1;
    /* today's South Korean passports: the usual surname with an RR given name (Kim Jeong Eun) */
    if (common && emit_person(an, nm, CDN_SCHEME_KO_COMMON, ST_RR, VOICE_NONE, common, len) != 0)
        return -1;
    const char *alt = sn ? alternate_surname(nm, sn->spellings, &len) : NULL;
    if (alt && emit_person(an, nm, CDN_SCHEME_KO_COMMON, ST_COMMON, VOICE_NONE, alt, len) != 0)
        return -1;
    return 0;
}

/* Not a person (long names, organisations): each written word joined, and each syllable alone. */
static int emit_words(cdn_analysis *an, const ko_name *nm, int scheme, int style, int joined)
{
    char word[KO_MAX_WORD];
    size_t at = 0;
    if (cdn_form_begin(an, scheme) != 0) return -1;
    for (size_t i = 0; i < nm->n; i++) {
        if (i > 0 && (nm->word_start[i] || !joined)) {
            if (add_token(an, word, at, nm->script, 0) != 0) return -1;
            at = 0;
        }
        int voiced = joined && at > 0 && final_is_voiced(syl_final(nm->syl[i - 1]));
        at = romanize_syllable(nm->syl[i], style, voiced, word, at, sizeof word);
    }
    if (add_token(an, word, at, nm->script, 0) != 0) return -1;
    cdn_form_end(an);
    return 0;
}

static int emit_forms(cdn_analysis *an, ko_name *nm)
{
    if (nm->n == 0) return 0;
    split_surname(nm);
    if (nm->n_surname) return emit_person_forms(an, nm);
    if (emit_words(an, nm, CDN_SCHEME_MR, ST_DPRK, 1) != 0) return -1;
    if (emit_words(an, nm, CDN_SCHEME_MR, ST_DPRK, 0) != 0) return -1;
    if (emit_words(an, nm, CDN_SCHEME_RR, ST_RR, 1) != 0) return -1;
    return emit_words(an, nm, CDN_SCHEME_RR, ST_RR, 0);
}

/* ---- Hangul input --------------------------------------------------------------------------- */

/* Bytes of a token for ICU's U8_NEXT (int32_t lengths); longer text than a name can hold is cut. */
static int32_t token_length(const char *s)
{
    size_t n = strlen(s);
    return n > INT32_MAX ? INT32_MAX : (int32_t)n;
}

int cdn_korean_add_forms(cdn_text *t, const char *const *tokens, size_t n, cdn_analysis *an)
{
    (void)t;
    ko_name nm;
    memset(&nm, 0, sizeof nm);
    nm.script = CDN_SCRIPT_HANGUL;
    for (size_t k = 0; k < n && nm.n < KO_MAX_SYL; k++) {
        if (!tokens[k]) continue;
        const uint8_t *s = (const uint8_t *)tokens[k];
        int32_t len = token_length(tokens[k]), i = 0;
        int starts = 1;
        while (i < len && nm.n < KO_MAX_SYL) {
            UChar32 cp;
            U8_NEXT(s, i, len, cp);                     /* cp < 0: a malformed sequence */
            if (cp < 0xAC00 || cp > 0xD7A3) continue;   /* jamo, digits, marks: not romanized */
            nm.word_start[nm.n] = (uint8_t)starts;
            nm.syl[nm.n++] = (uint16_t)cp;
            starts = 0;
        }
    }
    surname_last_to_front(&nm);
    return emit_forms(an, &nm);
}

size_t cdn_hangul_word(const uint32_t *cps, size_t n, int revised, char *out, size_t cap)
{
    size_t at = 0;
    if (cap) out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] < 0xAC00 || cps[i] > 0xD7A3) return 0;
        int voiced = i > 0 && final_is_voiced(syl_final((uint16_t)cps[i - 1]));
        at = romanize_syllable((uint16_t)cps[i], revised ? ST_RR : ST_DPRK, voiced, out, at, cap);
    }
    return at;
}

/* ---- Korean in Russian Cyrillic (Kontsevich, and Russian press habits) ---------------------- */

#define KO_CYR_MAX_BYTES 64       /* a token longer than this is not a Korean syllable group */
/* Russian writes a Korean given name one syllable per word (Ким Чен Ын, Ли Бён Чхоль); requiring
 * that keeps Russian names away (Хан Иван would read 한 이완). The surname may be a compound. */
#define KO_CYR_MAX_SYL 2

/* Vowels Cyrillic does not tell apart, settled once the syllable is known. */
enum { AMB_O = 100, AMB_E, AMB_YO };
#define FINAL_N_AMBIGUOUS 100     /* н ends both ㄴ and ㅇ syllables in Kontsevich */

typedef struct cyr_piece { const char *cyr; int8_t jamo; } cyr_piece;

static const cyr_piece cyr_initials[] = {   /* longest first */
    {"чж", L_J}, {"чх", L_CH}, {"чч", L_JJ}, {"кх", L_K}, {"тх", L_T}, {"пх", L_P}, {"кк", L_GG},
    {"тт", L_DD}, {"пп", L_BB}, {"сс", L_SS}, {"дж", L_J}, {"к", L_G}, {"г", L_G}, {"н", L_N},
    {"т", L_D}, {"д", L_D}, {"р", L_R}, {"м", L_M}, {"п", L_B}, {"б", L_B}, {"с", L_S}, {"ш", L_S},
    {"ч", L_J}, {"ж", L_J}, {"х", L_H}, {"л", L_R},   /* л: only at the start of a word (Ли) */
};
static const cyr_piece cyr_vowels[] = {
    {"ый", V_UI}, {"вэ", V_WAE}, {"ве", V_OE}, {"ви", V_WI}, {"во", V_WO}, {"ва", V_WA},
    {"йя", V_YAE}, {"йе", V_YE}, {"а", V_A}, {"э", V_AE}, {"я", V_YA}, {"о", AMB_O}, {"е", AMB_E},
    {"ё", AMB_YO}, {"у", V_U}, {"ю", V_YU}, {"ы", V_EU}, {"и", V_I},
};
static const cyr_piece cyr_finals[] = {
    {"ль", T_L}, {"нг", T_NG}, {"л", T_L}, {"р", T_L} /* Ир = 일 */, {"н", FINAL_N_AMBIGUOUS},
    {"к", T_G}, {"т", T_D}, {"м", T_M}, {"п", T_B},
};
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Soviet-Korean surname spellings that are not Kontsevich syllables (Цой = 최, Тен = 정, Тян = 장). */
static const struct { const char *cyr; char16_t ko; } cyr_surnames[] = {
    {"цой", u'최'}, {"тен", u'정'}, {"тян", u'장'}, {"тхай", u'태'},
};

static int is_sibilant_initial(int l)
{
    return l == L_J || l == L_JJ || l == L_CH || l == L_S || l == L_SS;
}

/* о is ㅓ or ㅗ, ё is ㅕ or ㅛ, е after ч/с is ㅓ: pick the reading names use most. */
static int settle_vowel(int v, int l, int t)
{
    switch (v) {
    case AMB_O: return (is_sibilant_initial(l) && t != T_NONE) ? V_EO : V_O;
    case AMB_E: return is_sibilant_initial(l) ? V_EO : V_E;
    case AMB_YO:
        if (l == L_R && t != T_NONE) return V_YO;                          /* 룡 Ryong */
        if (t == T_NONE && (l == L_H || l == L_G || l == L_P || l == L_B)) return V_YO;
        return V_YEO;
    default: return v;
    }
}

/* н at the end of a syllable: ㅇ in 정/성/영/광/송, ㄴ in 은/진/순/원/한/현. */
static int settle_final_n(int l, int v)
{
    switch (v) {
    case V_A: return (l == L_H || l == L_NG || l == L_M) ? T_N : T_NG;
    case V_EO: case V_O: case V_WA: case V_AE: case V_YO: return T_NG;
    case V_YEO: return l == L_H ? T_N : T_NG;
    case V_EU: return (l == L_S || l == L_H) ? T_NG : T_N;
    default: return T_N;
    }
}

static size_t match_piece(const char *s, size_t len, const char *piece)
{
    size_t n = strlen(piece);
    return (n <= len && memcmp(s, piece, n) == 0) ? n : 0;
}

/* Parses s[0..len) as Kontsevich syllables into out (at most max); returns the count, or 0 if the
 * text is not such a sequence. Backtracks over where a final consonant ends (Чен = 정, Ченын ≠). */
static size_t parse_syllables(const char *s, size_t len, int word_start, uint16_t *out, size_t max)
{
    if (len == 0 || max == 0) return 0;
    for (size_t i = 0; i <= N_OF(cyr_initials); i++) {
        size_t il = 0;
        int l = L_NG;
        if (i < N_OF(cyr_initials)) {
            il = match_piece(s, len, cyr_initials[i].cyr);
            if (!il || (!word_start && strcmp(cyr_initials[i].cyr, "л") == 0)) continue;
            l = cyr_initials[i].jamo;
        }
        for (size_t j = 0; j < N_OF(cyr_vowels); j++) {
            size_t vl = match_piece(s + il, len - il, cyr_vowels[j].cyr);
            if (!vl) continue;
            size_t at = il + vl;
            for (size_t k = 0; k <= N_OF(cyr_finals); k++) {
                size_t fl = 0;
                int t = T_NONE;
                if (k > 0) {
                    fl = match_piece(s + at, len - at, cyr_finals[k - 1].cyr);
                    if (!fl) continue;
                    t = cyr_finals[k - 1].jamo;
                }
                size_t rest = 0;
                if (at + fl < len) {
                    rest = parse_syllables(s + at + fl, len - at - fl, 0, out + 1, max - 1);
                    if (!rest) continue;
                }
                int v = cyr_vowels[j].jamo;
                int vt = (t == FINAL_N_AMBIGUOUS) ? T_N : t;
                v = settle_vowel(v, l, vt);
                if (t == FINAL_N_AMBIGUOUS) t = settle_final_n(l, v);
                out[0] = syl_make(l, v, t);
                return rest + 1;
            }
        }
    }
    return 0;
}

/* Lowercases a Cyrillic token into out as UTF-8; returns its length, or 0 if it holds anything but
 * Cyrillic letters or is too long. */
static size_t cyr_lower(const char *token, char *out, size_t cap)
{
    const uint8_t *s = (const uint8_t *)token;
    int32_t len = token_length(token), i = 0;
    size_t n = 0;
    while (i < len) {
        UChar32 cp;
        U8_NEXT(s, i, len, cp);
        if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
        else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
        if (cp < 0x430 || cp > 0x45F || n + 2 >= cap) return 0;
        out[n++] = (char)(0xC0 | (cp >> 6));
        out[n++] = (char)(0x80 | (cp & 0x3F));
    }
    out[n] = 0;
    return n;
}

int cdn_korean_from_cyrillic_add_forms(cdn_text *t, const char *const *tokens, size_t n,
                                       cdn_analysis *an)
{
    (void)t;
    if (n < 2 || n > 4) return 0;    /* a Korean name is a surname and one to three given parts */
    ko_name nm;
    memset(&nm, 0, sizeof nm);
    nm.script = CDN_SCRIPT_CYRILLIC;
    for (size_t k = 0; k < n; k++) {
        char low[KO_CYR_MAX_BYTES];
        size_t len = tokens[k] ? cyr_lower(tokens[k], low, sizeof low) : 0;
        if (!len) return 0;
        size_t got = 0;
        if (k == 0)
            for (size_t i = 0; i < N_OF(cyr_surnames) && !got; i++)
                if (strcmp(low, cyr_surnames[i].cyr) == 0) {
                    nm.syl[0] = (uint16_t)cyr_surnames[i].ko;
                    got = 1;
                }
        if (!got) got = parse_syllables(low, len, 1, nm.syl + nm.n, KO_CYR_MAX_SYL);
        if (!got || (k > 0 && got > 1)) return 0;
        if (k == 0 && !surname_find(nm.syl, got)) return 0;   /* Иван Петров stops here */
        nm.word_start[nm.n] = 1;
        nm.n += got;
    }
    return emit_forms(an, &nm);
}
