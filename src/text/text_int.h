/* text_int.h — what the files of the name layer share among themselves (not the match engine).
 * Invariant: everything mutable lives on a cdn_text handle; the tables behind these calls are const.
 */
#ifndef CDN_TEXT_INT_H
#define CDN_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unicode/utrans.h>
#include "text/text.h"

#define CDN_NAME_MAX_BYTES 65536   /* longer names are rejected as bad input */
#define CDN_TOKEN_MAX 120          /* longer tokens are cut (no real name word is this long) */
#define CDN_KEY_MAX 128

/* One piece of the input between separators: a word, or one side of a hyphen. */
typedef struct cdn_part {
    uint32_t cp, ncp;          /* range in t->cps */
    uint8_t script;            /* cdn_script */
    uint8_t hyphen_before;     /* joined to the previous part by a hyphen */
    uint8_t after_comma;       /* a comma came before it ("SURNAME, Given") */
    uint8_t traits;            /* CDN_PART_*: what its letters may call for, so that plain ASCII
                                * words skip the Latin variant and folding checks */
    uint32_t prep, nprep;      /* a Cyrillic or Arabic part: its prepared word, range in t->prep
                                * (nprep CDN_PREP_NONE until a romanization needs it) */
} cdn_part;

#define CDN_PREP_NONE UINT32_MAX

#define CDN_PART_NON_ASCII 0x01    /* a code point >= U+0080 */
#define CDN_PART_DIGIT     0x02    /* an ASCII digit (leetspeak?) */
#define CDN_PART_CASE_UP   0x04    /* an ASCII capital right after a small letter (CamelCase?) */
#define CDN_PART_LOWER     0x08    /* a small ASCII letter */
#define CDN_PART_INITIALS  0x10    /* written as initials: letters joined by dots (U.S.), or three to
                                    * six capitals without vowel in a name with small letters (DPRK) */

/* A token of a form under construction, before the name rules run. */
typedef struct cdn_tok {
    uint32_t off;              /* in t->sbuf */
    uint16_t len;
    uint8_t script, flags;
    uint16_t part;             /* the part it came from */
    uint8_t hyphen_before;     /* joined to the previous token by a hyphen in the input */
    uint8_t dropped;
    uint32_t koff;             /* its phonetic key, in t->sbuf */
    uint32_t soff;             /* its skeleton, in t->sbuf */
    uint16_t klen, sklen;
    uint8_t rules;             /* CDN_RULE_*: the name rules that may act on its text */
    uint8_t stem;              /* with CDN_RULE_STEM: the stem table's canonical word of the text
                                * (entry + 1), or 0 when only the -ical rule fits */
} cdn_tok;

/* Which name rules may act on a token, from its text alone (a superset: a rule whose bit is not set
 * is sure to leave the token alone). Most words of names have none, so cdn_name_rules skips them. */
#define CDN_RULE_NUMBER 0x01       /* may be an English number word */
#define CDN_RULE_ARABIC 0x02       /* abd-, an article, al-Din: a Latin Arabic compound */
#define CDN_RULE_STEM   0x04       /* an inflected generic word (its canonical word differs) */
#define CDN_RULE_TABLE  0x08       /* the first word of a table entry (title, legal form, generic) */
#define CDN_RULE_FLAG   0x10       /* a particle, ibn or a patronymic */
#define CDN_RULE_DIGITS 0x20       /* not a rule: the text is all digits (the token is CDN_TOK_NUMBER) */

/* Room a token of len letters takes in t->sbuf from its text on: text, key (2*len+2) and skeleton
 * (2*len+3) as cdn_key and cdn_skeleton may write them, plus slack for fixed-size copies (the key
 * memo's; emit_kept's, which read up to 64 bytes from a text or from sbuf's start on). */
#define CDN_TOK_ROOM(len) (5 * (len) + 10 + 64)

/* analyze.c: makes room for `need` elements of `elem` bytes in *p (capacity doubling from 16);
 * -1 on no memory, the array unchanged then. CDN_GROW skips the call when there is room. */
int cdn_grow(void **p, size_t *cap, size_t need, size_t elem);
#define CDN_GROW(ptr, cap, need) ((need) <= (cap) ? 0 : cdn_grow((void **)&(ptr), &(cap), (need), sizeof *(ptr)))

/* A per-handle memo of the key and skeleton of short tokens: names repeat their words. Four-way
 * set associative, one 64-byte line per entry; the text is compared as two zero-padded words (a
 * token never holds a NUL, so the words say its length too); an empty entry has tl 0. A set's ways
 * are listed most recently used first in one word of kc_order, four 16-bit lanes of a 14-bit
 * fingerprint of the text << 2 | the way: a look-up reads the entry line of a matching fingerprint
 * only, and a miss replaces the least recently used way (a direct-mapped memo lost one word in
 * seven of a list's names to collisions). */
#define CDN_KCACHE_SLOTS 32768    /* 2 MiB a handle: a list's name words stay in
                                  * (at 16384, words pushed out and keyed again cost 7 % of the
                                  * instructions of the UN and UK Latin names) */
#define CDN_KCACHE_WAYS 4
#define CDN_KCACHE_SETS (CDN_KCACHE_SLOTS / CDN_KCACHE_WAYS)
#define CDN_KCACHE_TEXT 16     /* tokens shorter than this are memoized */
typedef struct cdn_kcache {
    uint64_t text[2];
    uint8_t tl, kl, sl, rules;     /* rules: CDN_RULE_* of the text */
    uint8_t stem;                  /* its cdn_tok stem */
    char key[27], skel[16];
} cdn_kcache;

/* A per-handle memo of the romanizations of short Cyrillic and Arabic words, and of the words ICU
 * reads, keyed by the word's code points as written (the prepared word is a function of them) and
 * by what else decides the reading (language and style, Persian letters): names repeat their words
 * (Александр, -ович, عبد, Γεώργιος), and a Cyrillic name is read in four styles. Four-way set
 * associative, one 64-byte line per entry; a set is kept newest first (a miss shifts it down one
 * way). An empty entry has tag 0. */
#define CDN_RCACHE_SLOTS 32768     /* 2 MiB a handle: a word takes up to four
                                   * entries, one per reading */
#define CDN_RCACHE_WAYS 4
#define CDN_RCACHE_SETS (CDN_RCACHE_SLOTS / CDN_RCACHE_WAYS)
#define CDN_RCACHE_CPS 16          /* words of more letters are not memoized */
#define CDN_RCACHE_OUT 29          /* nor are romanizations longer than this */
typedef struct cdn_rcache {
    uint16_t cp[CDN_RCACHE_CPS];   /* the word, zero-padded (code points below U+10000 only) */
    uint8_t n, tag, ol;            /* its letters; the reading (never 0 in a used entry); out's length */
    char out[CDN_RCACHE_OUT];
} cdn_rcache;

/* The name-word tables (titles, legal forms, generic words) with their keys, built at open. */
typedef struct cdn_wordtab cdn_wordtab;

struct cdn_text {
    char errmsg[256];
    UTransliterator *any_latin;            /* opened on first use */
    UTransliterator *script_latin[CDN_SCRIPT_COUNT];   /* "Greek-Latin" …, opened on first use */
    uint32_t script_failed;                /* bit per script whose transliterator did not open */
    int icu_failed;
    UChar *ubuf, *ubuf2; int32_t ucap;     /* UTF-16 scratch for ICU */
    uint32_t *cps; size_t n_cps, cps_cap;  /* the input, decoded; after segment() the parts' letters */
    uint32_t *seg; size_t seg_cap;         /* where segment() writes the parts' letters (then swapped) */
    char *lower; size_t lower_cap;         /* lower[i]: cps[i] folded, where cps[i] is ASCII */
    cdn_part *parts; size_t n_parts, parts_cap;
    int any_initials;                      /* some part has CDN_PART_INITIALS */
    uint64_t unread_parts;                 /* parts of the form being built that gave no Latin, a bit
                                            * each (parts are at most 64) */
    unsigned any_traits;                   /* the CDN_PART_* segment() gave any part (not INITIALS) */
    int any_hyphen, any_comma;             /* some part has hyphen_before, after_comma */
    char *sbuf; size_t slen, scap;         /* Latin strings of the form being built */
    cdn_tok *toks; size_t n_toks, toks_cap;
    unsigned tok_rules;                    /* the CDN_RULE_* of every token pushed since n_toks was 0 */
    int toks_rewritten;                    /* set_text ran since n_toks was 0: sbuf holds old texts */
    char *ubytes; size_t ubytes_cap;       /* UTF-8 copies of parts for the script modules */
    uint32_t *prep; size_t prep_cap;       /* Cyrillic and Arabic parts prepared once for all styles */
    const char **uptr; size_t uptr_cap;
    cdn_wordtab *words;
    int persian;                           /* the name has Persian letters */
    int maybe_compat;                      /* the input has code points >= U+2460 */
    uint64_t seen[16]; size_t n_seen;      /* hashes of the romanizations made for this name */
    cdn_kcache *kcache;                    /* CDN_KCACHE_SLOTS entries, set by set */
    uint64_t *kc_order;                    /* CDN_KCACHE_SETS words: each set's ways, by recency */
    cdn_rcache *rcache;                    /* CDN_RCACHE_SLOTS entries, set by set */
    void *kcache_mem, *rcache_mem;         /* their allocations (the memos start at a line in them) */
    struct cdn_rkey *rkeys; size_t rkeys_cap;   /* each part's key in rcache, made once a name */
    char *mbuf; size_t mbuf_cap;           /* the script modules' forms, while the rules rework them */
    cdn_token *mtok; size_t mtok_cap;
    cdn_form *mform; size_t mform_cap;
};

/* ---- What the romanizers share ---- */
/* Appends s to out at o, as much as fits with room left for a NUL; returns the new length. */
static inline size_t cdn_put(char *out, size_t o, size_t cap, const char *s)
{
    for (; *s; s++) if (o + 1 < cap) out[o++] = *s;
    return o;
}

/* A whole word of a script that the romanizers read as an English word (company words: บริษัท
 * company, ကုမ္ပဏီ company), its code points NUL-ended unless all CDN_SCRIPT_WORD_MAX are used. */
#define CDN_SCRIPT_WORD_MAX 12
typedef struct cdn_script_word { uint32_t w[CDN_SCRIPT_WORD_MAX]; const char *latin; } cdn_script_word;

/* The English of w[0..n) when it is one of the `count` words of `table`, else NULL. */
static inline const char *cdn_script_word_latin(const uint32_t *w, size_t n, const cdn_script_word *table,
                                                size_t count)
{
    for (size_t e = 0; e < count; e++) {
        size_t len = 0;
        while (len < CDN_SCRIPT_WORD_MAX && table[e].w[len]) len++;
        if (len == n && memcmp(w, table[e].w, n * sizeof *w) == 0) return table[e].latin;
    }
    return NULL;
}

/* ---- normalize.c ---- */
#define CDN_CPS_PAD 16             /* zeros after the decoded input, for sixteen-lane reads */
/* Decodes UTF-8 into t->cps, followed by CDN_CPS_PAD zeros; returns -1 if valid, else the byte
 * offset of the first bad byte. */
long cdn_utf8_decode(cdn_text *t, const char *s, size_t len);
/* NFKC of t->cps through ICU when it holds compatibility characters (presentation forms,
 * ligatures, fullwidth), CDN_CPS_PAD zeros after it; 0, or -1 on an ICU failure. */
int cdn_nfkc_if_needed(cdn_text *t);
int cdn_cp_script(uint32_t cp);                     /* cdn_script of one letter, NONE otherwise */
int cdn_cp_is_word(uint32_t cp);                    /* letter, digit or combining mark */
/* Appends the folded ASCII spelling of Latin code points; returns 0, or -1 if a code point
 * needs ICU (then nothing is appended). */
int cdn_fold_latin(const uint32_t *cps, size_t n, char *out, size_t cap, size_t *outlen);
/* Any script through ICU "NFKC; Any-Latin; marks removed; Latin-ASCII; Lower" into out (spaces
 * may separate syllables). Returns 0, or -1 with t->errmsg set. */
int cdn_icu_latin(cdn_text *t, const uint32_t *cps, size_t n, char *out, size_t cap, size_t *outlen);
/* The same through the one script's own transliterator ("Greek-Latin", "Devanagari-Latin" …, a
 * tenth of Any-Latin's cost) and the table folding; falls back on cdn_icu_latin for scripts
 * without one. */
int cdn_icu_script_latin(cdn_text *t, int script, const uint32_t *cps, size_t n, char *out, size_t cap,
                         size_t *outlen);
/* Closes the transliterators of the handle. */
void cdn_icu_close(cdn_text *t);

/* ---- cyrillic.c ---- */
enum { CDN_CYR_BGN, CDN_CYR_ICAO, CDN_CYR_SIMPLE, CDN_CYR_GERMAN, CDN_CYR_FRENCH,
       CDN_CYR_RUSSIAN_READING, CDN_CYR_N };
enum { CDN_LANG_RU, CDN_LANG_UK, CDN_LANG_BE, CDN_LANG_SR };   /* SR: Serbian, Macedonian, Montenegrin */
int cdn_cyr_language(const uint32_t *cps, size_t n);   /* from the letters of the whole name */
int cdn_cyr_russian_only(const uint32_t *cps, size_t n);   /* has ы э ё ъ: not Ukrainian */
/* The index of the first English-names entry (Александр → alexander) that the table's binary
 * search does not find under its own spelling (an entry out of order), or -1: for the tests. */
long cdn_cyr_english_names_unreachable(void);
size_t cdn_cyr_romanize(const uint32_t *cps, size_t n, int lang, int style, char *out, size_t cap);
/* cdn_cyr_romanize in two steps, so that a word romanized in several styles is prepared once:
 * the word lowercased, Latin look-alikes and combining marks resolved, into w (CDN_TOKEN_MAX
 * code points at most); returns its length. Then the prepared word in one style. */
size_t cdn_cyr_prepare(const uint32_t *cps, size_t n, uint32_t *w);
size_t cdn_cyr_romanize_word(const uint32_t *w, size_t m, int lang, int style, char *out, size_t cap);
/* Whether Latin letters carry the marks of Slavic transliteration (č š ž ŝ â û ê ë ï ć ż). */
int cdn_slavic_marks(const uint32_t *cps, size_t n);
/* Folds such Latin into the English-style spelling (č → ch, â → ya, c → ts, j → y); 0, or -1 if a
 * code point needs ICU. */
int cdn_slavic_latin(const uint32_t *cps, size_t n, char *out, size_t cap, size_t *outlen);

/* ---- arabic.c ---- */
enum { CDN_AR_SCHOLAR, CDN_AR_POPULAR, CDN_AR_JOINED, CDN_AR_N };
#define CDN_AR_PERSIAN 0x10        /* or'ed into a style: the name is written in Persian letters */
int cdn_ar_is_persian(const uint32_t *cps, size_t n);
/* Romanizes one Arabic-script word; an article or a fused Abd al- comes out as separate words
 * (separated by spaces). */
size_t cdn_ar_romanize(const uint32_t *cps, size_t n, int style, char *out, size_t cap);
/* The index of the first lexicon entry that the lexicon's binary search does not find under its own
 * spelling (an entry out of order), or -1: for the tests. */
long cdn_ar_lexicon_unreachable(void);
/* cdn_ar_romanize in two steps, so that a word romanized in three styles is normalized and looked
 * up in the lexicon once: the word prepared into prep (CDN_TOKEN_MAX uint32_t at most; returns
 * how many it took), then the prepared word in one style (the first call fills the prepared
 * word's memo of look-ups). */
size_t cdn_ar_prepare(const uint32_t *cps, size_t n, uint32_t *prep);
size_t cdn_ar_romanize_word(uint32_t *prep, size_t len, int style, char *out, size_t cap);

/* ---- kana.c ---- */
/* Romanized katakana (words separated by spaces) read as the foreign name it writes: the vowels
 * katakana adds after consonants dropped (baraku → barak, toranpu → tramp). out needs n bytes. */
size_t cdn_kana_foreign(const char *in, size_t n, char *out);

/* ---- nicknames.c ---- */
/* The names a given name's familiar form stands for (bob: robert; sasha: aleksandr, aleksandra):
 * how many (0 when `text`, folded, is no nickname), into full[0 .. n). */
int cdn_nickname(const char *text, size_t len, const char *full[2]);
/* Whether the table is in strictly ascending order, as its binary search needs (for the tests). */
int cdn_nickname_table_sorted(void);

/* ---- wadegiles.c ---- */
/* The pinyin of one Wade-Giles syllable (Latin code points, an apostrophe after an aspirated
 * initial, ê and ü allowed): hsiao → xiao, tse → ze, tung → dong, ch'iang → qiang, chih → zhi.
 * Returns its length (NUL-ended in out), or 0 when the word is not a Wade-Giles syllable. */
size_t cdn_wade_giles(const uint32_t *cps, size_t n, char *out, size_t cap);

/* ---- hebrew.c, thai.c, burmese.c, khmer.c: one word of these scripts to Latin ---- */
/* Hebrew: consonants, vowel letters, the unwritten vowels guessed as e (style 0) or a (style 1). */
size_t cdn_he_romanize(const uint32_t *cps, size_t n, int style, char *out, size_t cap);
/* Thai, RTGS with inherent vowels; บริษัท จำกัด มหาชน as company limited public. */
size_t cdn_th_romanize(const uint32_t *cps, size_t n, char *out, size_t cap);
/* Burmese, a word per syllable (min aung hlaing); ကုမ္ပဏီ လီမိတက် as company limited. */
size_t cdn_my_romanize(const uint32_t *cps, size_t n, char *out, size_t cap);
/* Khmer, UNGEGN / common style (hun sen, pol pot). */
size_t cdn_km_romanize(const uint32_t *cps, size_t n, char *out, size_t cap);

/* ---- names.c ---- */
int cdn_words_open(cdn_text *t);
void cdn_words_close(cdn_text *t);
/* The CDN_RULE_* bits of a folded token s[0..n) whose key is key[0..kl); its stem table entry + 1
 * (the canonical word canon_stems gives it, see cdn_tok) in *entry, else 0. */
uint8_t cdn_rule_bits(const cdn_text *t, const char *s, size_t n, const char *key, size_t kl, uint8_t *entry);
/* Applies titles, particles, legal forms, generic words and patronymics to t->toks. */
void cdn_name_rules(cdn_text *t, cordon_kind kind);
/* Arabic compounds in style `style`: abd + al + X → abdul X / abdulX, abd allah → abdullah … */
void cdn_arabic_compounds(cdn_text *t, int style);

/* ---- analyze.c ---- */
/* Writes the key and the skeleton of a folded token, and gives its CDN_RULE_* bits and stem entry
 * (cdn_rule_bits; memoized on the handle); key needs room for 2*len+2 bytes, skel for 2*len+3. */
void cdn_tok_keys(cdn_text *t, const char *s, size_t len, char *key, size_t *kl, char *skel, size_t *sl,
                  uint8_t *rules, uint8_t *stem);
/* Appends a token string to t->sbuf and t->toks. Returns 0, or -1 on no memory. */
int cdn_tok_push(cdn_text *t, const char *s, size_t len, int script, int part, int hyphen);

#endif /* CDN_TEXT_INT_H */
