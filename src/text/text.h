/* text.h — the name layer: turns a name in any script into Latin spellings and keys that compare well.
 * Invariant: token texts are lowercase ASCII [a-z0-9]+; the same input always gives the same forms.
 */
#ifndef CDN_TEXT_H
#define CDN_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "cordon.h"

/* The version of the rules by which this layer turns a name into tokens, keys and skeletons. An
 * index records it, and a cordon whose rules differ refuses the index: its list terms were keyed
 * by other rules, so lookups by key would miss them. Raise it with any change to what cdn_analyze
 * or cdn_key makes of a name. */
#define CDN_NAME_RULES 5

/* Scripts a token can be written in. */
typedef enum cdn_script {
    CDN_SCRIPT_NONE = 0,   /* digits, punctuation only */
    CDN_SCRIPT_LATIN,
    CDN_SCRIPT_CYRILLIC,
    CDN_SCRIPT_ARABIC,     /* Arabic, Persian, Urdu, Pashto */
    CDN_SCRIPT_HANGUL,
    CDN_SCRIPT_HAN,        /* Chinese characters (Chinese names, Korean hanja, Japanese kanji) */
    CDN_SCRIPT_KANA,       /* Japanese hiragana and katakana */
    CDN_SCRIPT_GREEK,
    CDN_SCRIPT_GEORGIAN,
    CDN_SCRIPT_ARMENIAN,
    CDN_SCRIPT_HEBREW,
    CDN_SCRIPT_THAI,
    CDN_SCRIPT_DEVANAGARI,
    CDN_SCRIPT_OTHER,
    CDN_SCRIPT_MYANMAR,    /* Burmese (after OTHER: values already in indexes keep their meaning) */
    CDN_SCRIPT_KHMER,
    CDN_SCRIPT_COUNT
} cdn_script;

const char *cdn_script_name(int script);           /* "latin", "cyrillic" … */

/* The script most letters of a UTF-8 name are in (script.c): pure and thread-safe. */
int cdn_name_script(const char *utf8);

/* How a form (one whole spelling of the name) was made. */
typedef enum cdn_scheme {
    CDN_SCHEME_ASIS = 0,     /* Latin input as written (folded) */
    CDN_SCHEME_ICU,          /* ICU Any-Latin */
    CDN_SCHEME_BGN,          /* Cyrillic, BGN/PCGN (US, UN, UK lists) */
    CDN_SCHEME_CYR_OTHER,    /* Cyrillic, another scheme (ICAO, ISO 9, German, French …) */
    CDN_SCHEME_ARABIC,       /* Arabic / Persian romanization */
    CDN_SCHEME_MR,           /* Korean, McCune–Reischauer without breves (DPRK on UN/OFAC lists) */
    CDN_SCHEME_RR,           /* Korean, Revised Romanization */
    CDN_SCHEME_KO_COMMON,    /* Korean, common surname / given-name spellings (Lee, Park, Young …) */
    CDN_SCHEME_PINYIN,       /* Han read in Mandarin */
    CDN_SCHEME_HAN_KOREAN,   /* Han read in Korean (hanja), then romanized */
    CDN_SCHEME_KANA,         /* Japanese kana, Hepburn */
    CDN_SCHEME_REORDERED,    /* the same tokens in another order (surname moved) */
    CDN_SCHEME_NICKNAME,     /* given names written as nicknames read as the names they stand for */
    CDN_SCHEME_COUNT
} cdn_scheme;

const char *cdn_scheme_name(int scheme);           /* "as-written", "bgn", "mr" … */

/* Token flags: what the name layer recognised. */
#define CDN_TOK_LEGAL_FORM 0x01   /* LLC, OOO, GmbH, JSC, PJSC, Co Ltd … (text is the canonical class) */
#define CDN_TOK_GENERIC    0x02   /* trading, general, company, group, bank, international … */
#define CDN_TOK_PARTICLE   0x04   /* al, el, bin, ibn, ben, abu, abd, van, de, von … */
#define CDN_TOK_PATRONYMIC 0x08   /* -ovich, -ovna, -yevich … */
#define CDN_TOK_SURNAME    0x10   /* the surname, where the layer knows it (Korean, Chinese, comma form) */
#define CDN_TOK_INITIAL    0x20   /* a single letter */
#define CDN_TOK_NUMBER     0x40   /* digits */
#define CDN_TOK_HYPHENED   0x80   /* joined by a hyphen to the token before it (Jong-un, Yu-ro), or
                                   * read from the same Arabic-script word (عبدالعلی: abdul ali) */

typedef struct cdn_token {
    uint32_t text;    /* offset in an->buf: folded Latin spelling, [a-z0-9]+, NUL-ended */
    uint32_t key;     /* offset in an->buf: phonetic key, NUL-ended (see cdn_key) */
    uint32_t skel;    /* offset in an->buf: consonant skeleton, NUL-ended (see cdn_skeleton) */
    uint16_t len;     /* strlen of the text */
    uint8_t script : 7;   /* cdn_script of the token as written */
    uint8_t initials : 1; /* written as initials (U.S., K.P.A., or DPRK: capitals without vowel in
                           * a name with small letters, not a person's): may stand for words */
    uint8_t flags;    /* CDN_TOK_* */
} cdn_token;

typedef struct cdn_form {
    uint32_t first;   /* index of its first token in an->tokens */
    uint16_t n;       /* number of tokens */
    uint8_t scheme;   /* cdn_scheme */
    uint8_t pad;
} cdn_form;

#define CDN_MAX_FORMS 12          /* forms kept per name; the first ones are the most likely */
#define CDN_MAX_TOKENS 32         /* tokens kept per form; a longer name is cut */

/* The analysis of one name. Reused across calls: cdn_analyze resets it and keeps its memory.
 * Start from a zeroed struct (open_form -1 or 0 both do); free with cdn_analysis_free. */
typedef struct cdn_analysis {
    char *buf; size_t len, cap;
    cdn_token *tokens; size_t n_tokens, tokens_cap;
    cdn_form *forms; size_t n_forms, forms_cap;
    uint8_t script;   /* the main script of the input */
    uint8_t keys_later;   /* internal: cdn_form_token leaves keys and skeletons empty, as forms that
                           * the name rules rebuild from their texts get them then */
    uint16_t unread;  /* words in a script nothing here reads (Tifinagh …): they gave no token */
    uint32_t unread_text;   /* offset in buf: those words in UTF-8, spaces between (if unread) */
    int open_form;    /* internal: index of the form being built, or -1 */
} cdn_analysis;

static inline const char *cdn_tok_text(const cdn_analysis *an, const cdn_token *t) { return an->buf + t->text; }
static inline const char *cdn_tok_key(const cdn_analysis *an, const cdn_token *t) { return an->buf + t->key; }
static inline const char *cdn_tok_skel(const cdn_analysis *an, const cdn_token *t) { return an->buf + t->skel; }

/* One thread's name layer: ICU transliterators (opened lazily) and scratch. Not thread-safe. */
typedef struct cdn_text cdn_text;

cordon_rc cdn_text_open(cdn_text **out);
void cdn_text_close(cdn_text *t);
const char *cdn_text_errmsg(const cdn_text *t);

/* Analyses one name: NFKC, case folding, diacritics removed, punctuation split (keeping
 * Jong-un / O'Neill together as one token "jongun"/"oneill" AND adding the split form), script
 * detection, transliteration of every script to Latin (several forms where schemes differ),
 * titles dropped, legal forms and generic words flagged. `kind` steers person vs organisation
 * rules. Returns CORDON_ERR_INPUT on broken UTF-8, CORDON_OK otherwise (an empty or
 * all-punctuation name gives zero forms).
 *
 * What it does precisely (analyze.c, names.c):
 *  - Tokens. Apostrophes inside a word join it (O'Neill → "oneill", Sa'id → "said", ʻ and ʼ
 *    too). Hyphens split: form 0 has "kim jong un", "al qaida"; a variant form with the joined
 *    spelling ("kim jongun") is added only when the hyphen joins short syllables (both sides
 *    of at most 4 letters, not al-/el-), since the match engine joins adjacent tokens anyway.
 *    Single letters joined by dots are one token (S.A. → "sa", L.L.C. → "llc"), marked
 *    `initials` (as are 3–6 capitals without vowel in a name with small letters, not a
 *    person's: DPRK); "J. Smith" keeps its initial. Quotes and brackets of every kind are punctuation. A comma marks the
 *    tokens before it CDN_TOK_SURNAME ("SURNAME, Given"). At most 64 words are read; forms keep
 *    CDN_MAX_TOKENS tokens; tokens are cut at 120 letters; names over 64 KiB are CORDON_ERR_INPUT.
 *  - Forms, most likely first. Latin: as written (+ the joined variant). Russian Cyrillic:
 *    BGN/PCGN, ICAO 9303 (Evgenii), English usage (Evgeny, Alexander, Yuri), the Korean readings
 *    of korean.c, and the Ukrainian reading when no Russian-only letter rules it out. Ukrainian:
 *    BGN, national (passport) system, Russian reading. Belarusian: national, passport style,
 *    Russian reading. Serbian/Macedonian (ђ ј љ њ ћ џ ѓ ќ ѕ): Serbian Latin folded (vucic,
 *    djukanovic), then its English style (vuchich). German (Jewgeni) and French (Evgueni) styles are not forms: cdn_key
 *    brings them to the BGN key. Arabic script: scholarly (ALA-LC without marks: "abd al
 *    rahman", "abd allah", "nur al din"), popular ("abdul rahman", "abdullah", "nuruddin",
 *    mohammed, hassan, ben; in Persian letters the Iranian and Afghan usage: mohammad,
 *    alireza, zia ur rahman), joined in the Maghrebi spelling ("abdelrahman", "abdallah",
 *    mohamed, djamel, achour); Persian letters switch to Persian values (ض ذ ظ → z). Hangul
 *    and Han names go to korean.c and han.c (ICU Any-Latin if they add nothing), and the
 *    name rules below then rework their forms too (有限公司 → "youxian gongsi" → ltd); other
 *    scripts go through ICU Any-Latin (CDN_SCHEME_ICU), except four read by tables of their own:
 *    Hebrew (hebrew.c: Israeli English spellings, ו י as vowels where they stand for one, א ע as
 *    vowel carriers, ב כ פ b/v k/kh p/f by position and dagesh, the unwritten vowels guessed back
 *    from a word's end in closed syllables, in two forms: e style "shemon peres", a style "amana
 *    hasdai"), Thai (thai.c: RTGS with inherent o/a, leading vowels, final values, silent ์;
 *    บริษัท จำกัด มหาชน → company limited public), Burmese (burmese.c: a word per syllable,
 *    "min aung hlaing", "aung san su kyi"; ကုမ္ပဏီ လီမိတက် → company limited) and Khmer (khmer.c,
 *    UNGEGN/common: consonant series, inherent a/o, coeng subscripts; "hun sen", "pol pot"). A
 *    word in a script nothing reads (Tifinagh, Meetei Mayek) gives no token and is counted in
 *    cdn_analysis.unread (form 0's words), which `cordon normalize` and `cordon screen` report.
 *    An organisation in Han, Hangul or kana (or of unknown kind with a legal form or two business
 *    words) also gets its business words in English (orgwords.c: 华信船务(香港)有限公司 → "huaxin
 *    shipping hong kong ltd"). Katakana adds a form without the vowels it writes after foreign
 *    consonants (CDN_SCHEME_KANA: baraku → barak). A Latin name
 *    whose hyphen joins two Wade-Giles syllables adds their pinyin (CDN_SCHEME_PINYIN: Mao
 *    Tse-tung → mao ze dong).
 *  - English number words become digits in every form (Forty-Four → 44, One Hundred and
 *    Five → 105), whatever the script or kind.
 *  - The spelling never depends on `kind` (a query of unknown kind meets list names of every
 *    kind): legal forms become their class ("ltd", "llc", "jsc", "corp", "inc") and a few
 *    generic words their canonical word ("co" → "company") for every kind; short ambiguous
 *    legal forms (SA, AG, AO, AB, NV …) only as the first or last token. The flags
 *    CDN_TOK_LEGAL_FORM / CDN_TOK_GENERIC are set for kinds other than persons. Titles (Mr, Dr,
 *    Haji, Mullah, Sheikh, Sayyid, General …) are dropped only where they lead the name, for
 *    persons and unknown kinds, never when preceded by "al" (al-Sayyid is a surname), and never
 *    when nothing else would be left. */
cordon_rc cdn_analyze(cdn_text *t, const char *utf8, size_t len, cordon_kind kind, cdn_analysis *an);
void cdn_analysis_free(cdn_analysis *an);

/* Building forms (used by the script modules inside the text layer). A token's text is folded
 * to [a-z0-9] (Latin letters with diacritics are stripped; anything else is dropped); empty
 * tokens are skipped; its key and skeleton are computed (left empty while an->keys_later is set:
 * the analysis rebuilds such forms). cdn_form_end drops a form identical
 * to an earlier one, and drops the form when CDN_MAX_FORMS is reached. Return 0, or -1 on no
 * memory. */
int cdn_form_begin(cdn_analysis *an, int scheme);
int cdn_form_token(cdn_analysis *an, const char *latin, size_t len, int script, int flags);
void cdn_form_end(cdn_analysis *an);

/* The phonetic key of one folded Latin token: spellings of the same sound across romanization
 * schemes get the same key (yevgeniy/evgenii/jewgeni/evgueni; shoigu/shoygu/schoigu;
 * jong/chong/jeong/jung; pyong/byong/byeong; yong/young; choe/choi; muhammad/mohammed/mohamed).
 * Writes at most cap-1 bytes and a NUL; returns the length.
 * Rules (key.c): sh/ch/zh/j/sch/tsch/tch/shch/dzh → j; kh → h; ph → f; th → t; dh → d;
 * ts/tz/z → s; w → v; q, ck, c (not before e/i/y) → k; x → ks; ou/oo → u; ee → i; eo → o;
 * eu → u; oe → oi; -oung/-ung → ong; French gu+e/i → g, -ine → -in; initial ye/je → e (not
 * before o: Jeong), initial ia/iu/io → ya/yu/yo; y after a consonant → i, y between vowels
 * kept, y before e after a vowel dropped (Sergeyevich = Sergeevich); j after a vowel before a
 * consonant → i (Sergej); endings -iy/-yy/-ii/-ij → i; Korean initials b/d/g → p/t/k; final h
 * after a vowel dropped; doubled letters once; whole-token spellings of Korean surnames
 * (lee/li/yi → ri, park/bak → pak, roh/noh → ro, lim/im → rim, choe → choi) and el/ul → al.
 * Vowel endings stay (ivanov ≠ ivanova, kim ≠ kima). */
size_t cdn_key(const char *folded, size_t len, char *out, size_t cap);

/* The consonant skeleton of one folded Latin token (vowels and doubled letters dropped, similar
 * consonants merged): what Arabic romanizations agree on. Same contract as cdn_key.
 * sh/ch/zh → j, kh → h, gh → g, th → t, dh → d, ph → f, q/c → k, z → s, v → w, x → ks, y is a
 * vowel; a word-initial vowel leaves "a"; a final h after a vowel is dropped. */
size_t cdn_skeleton(const char *folded, size_t len, char *out, size_t cap);

/* ---- Similarity (similar.c) -------------------------------------------------------------- */

/* Jaro-Winkler similarity of two byte strings, in [0,1] (prefix scale 0.1, prefix up to 4;
 * strings are compared on their first 1024 bytes). No allocation. */
double cdn_jaro_winkler(const char *a, size_t la, const char *b, size_t lb);

/* Damerau-Levenshtein (optimal string alignment) distance, or max+1 once it exceeds max
 * (strings over 1024 bytes that are not equal give max+1). No allocation. */
int cdn_damerau(const char *a, size_t la, const char *b, size_t lb, int max);

/* ---- Script modules, called by cdn_analyze --------------------------------------------- */

/* korean.c: adds the romanized forms (MR, RR, common spellings) of a name whose tokens are
 * Hangul (UTF-8 strings, NFC). Splits surname from given name (compound surnames too). */
int cdn_korean_add_forms(cdn_text *t, const char *const *tokens, size_t n, cdn_analysis *an);

/* korean.c: a name in Russian Cyrillic that reads as Korean syllables (Ким Чен Ын, Kontsevich
 * system) gets its Korean romanizations too. Adds nothing if it does not read as Korean. */
int cdn_korean_from_cyrillic_add_forms(cdn_text *t, const char *const *tokens, size_t n,
                                       cdn_analysis *an);

/* korean.c: the Hangul syllables of a name written in Hangul alone (spaces and punctuation aside),
 * each read by the South Korean initial-sound rule so that 리설주 and 이설주 agree; 0 when the
 * name holds other letters or fewer than two syllables. At most `cap` are kept. */
size_t cdn_hangul_syllables(const char *utf8, size_t len, uint32_t *out, size_t cap);

/* han.c: the characters of a name written in Han alone (spaces, middle dots aside), simplified ones
 * folded to traditional; 0 when the name holds other letters or fewer than two characters. */
size_t cdn_han_chars(const char *utf8, size_t len, uint32_t *out, size_t cap);

/* native.c: whether code point cp separates the words of a name in Hangul or Han: ASCII spaces
 * and punctuation (not letters or digits), the middle dots (· and ・), the ideographic space. */
int cdn_native_separator(int32_t cp);

/* native.c: a name's own characters when it is written in Hangul alone or in Han alone (see the
 * two functions above), with *script set to CDN_SCRIPT_HANGUL or CDN_SCRIPT_HAN; 0 otherwise.
 * Romanization merges what these scripts tell apart: 김종은 and 김정은 are both "Kim Jong Un",
 * 高市 and 高石 both "Gao Shi". */
size_t cdn_native_chars(const char *utf8, size_t len, uint32_t *out, size_t cap, int *script);

/* native.c: whether two names' native characters can be one name: every character of one is in
 * the other (as a multiset, in any order). 김정은 and 정은 can; 김종은 and 김정은 cannot. */
int cdn_native_compatible(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/* han.c: the pinyin of Han characters (Unihan kMandarin, no tone marks), a syllable each,
 * separated by spaces; 0 if one is not Han or has no reading (or out has no room). */
size_t cdn_han_pinyin(const uint32_t *cps, size_t n, char *out, size_t cap);

/* han.c: the pinyin of a run of Han characters cut into words as han.c cuts the proper-name part of
 * a company name (two characters a word, three rather than one left over: 武汉 晓睿智), separated by
 * spaces and NUL-ended; 0 if one is not Han or has no reading, or out has no room. */
size_t cdn_han_words(const uint32_t *cps, size_t n, char *out, size_t cap);

/* han.c: a Han character folded to its traditional variant (习 → 習), or cp itself. */
uint32_t cdn_han_traditional(uint32_t cp);

/* korean.c: Hangul syllables romanized as one word, voiced inside (련봉 → ryonbong): the DPRK
 * McCune–Reischauer spelling, or with `revised` the Revised Romanization; 0 if one is not a
 * syllable. NUL-ended; cut at cap. */
size_t cdn_hangul_word(const uint32_t *cps, size_t n, int revised, char *out, size_t cap);

/* orgwords.c: the form of a Chinese, Japanese or Korean organisation name with its business words
 * read in English (华信船务(香港)有限公司 → huaxin shipping hong kong ltd, 조선련봉총회사 → korea
 * ryonbong general corporation), the proper-name parts left in pinyin, Korean or kana reading. Only
 * for organisations and names of unknown kind that hold a legal form or two such words (a person's
 * name holds none); reads t's parts. Returns 0 (no form is no error), or -1 on no memory. */
int cdn_orgwords_add_forms(cdn_text *t, cordon_kind kind, cdn_analysis *an);

/* orgwords.c: the index of the first table entry out of order or not in folded form, or -1: for the
 * tests (the look-up relies on both). */
long cdn_orgwords_unsorted(void);

/* han.c: adds the pinyin form and the Korean-reading forms of a name whose tokens are Han. */
int cdn_han_add_forms(cdn_text *t, const char *const *tokens, size_t n, cdn_analysis *an);

#endif /* CDN_TEXT_H */
