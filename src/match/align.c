/* align.c — how similar two tokens are, and the order-free alignment of two names' tokens into a score.
 * Invariant: a name score is bounded by cdn_name_score of the query's matched share (candidates rely on it).
 */
#include <stdlib.h>
#include <string.h>
#include "match/match.h"
#include "util/table.h"

static const char *const how_names[] = {"none", "exact", "phonetic", "skeleton", "fuzzy", "initial", "joined",
                                        "repeated", "truncated", "initialism", "typo"};

const char *cdn_how_name(int how) {
    return (unsigned)how < sizeof how_names / sizeof *how_names ? how_names[how] : "none";
}

/* The bits of tokens 0 .. n-1 of a side (all 64 from n = 64 on). */
static inline uint64_t all_tokens(int n) { return n >= 64 ? ~0ULL : (1ULL << n) - 1; }

/* Whether exactly one bit of x is set: one token left open. */
static inline int one_bit(uint64_t x) { return x && !(x & (x - 1)); }

/* A form that rests on a guess counts less: a Chinese name read as Korean hanja meets many short
 * Korean names that are not its bearer, and a nickname read as the name it stands for guesses
 * more, as most are given names of their own too (Jack, Max, Sasha; Ray Charles is no Raymond):
 * an exact match so read stays over the threshold, one with a spelling apart seldom does. */
#define HAN_KOREAN_CONFIDENCE 0.95f
#define NICKNAME_CONFIDENCE 0.90f

float cdn_scheme_confidence(int scheme) {
    return scheme == CDN_SCHEME_HAN_KOREAN ? HAN_KOREAN_CONFIDENCE
         : scheme == CDN_SCHEME_NICKNAME ? NICKNAME_CONFIDENCE : 1.0f;
}

float cdn_token_weight(float rarity, uint8_t flags) {
    float w = rarity;
    if (flags & CDN_TOK_LEGAL_FORM) w *= 0.1f;       /* LLC vs JSC must neither make nor break */
    else if (flags & CDN_TOK_PARTICLE) w *= 0.3f;    /* al-, bin, van */
    else if (flags & CDN_TOK_GENERIC) w *= 0.5f;     /* trading, general, bank */
    else if (flags & CDN_TOK_INITIAL) w *= 0.4f;
    else if (flags & CDN_TOK_PATRONYMIC) w *= 0.6f;  /* often absent from the other spelling */
    return w;
}

static float maxf(float a, float b) { return a > b ? a : b; }

/* The rules, strongest first. Short tokens (<= 3 letters) only meet exactly or by their key, since
 * one edit in "kim" or "un" makes another name; long tokens may differ by one edit, very long by two. */
/* A romanized Chinese or Korean syllable is a unit: cheng is not a typo of chen, nor chol of choe.
 * Their real variants come from the forms and the phonetic key, so they take no fuzzy matches. Only
 * the query token's script counts: a list term is shared by names in many scripts, and the similarity
 * of a query token and a term must not depend on which name the term was met in. */
static int syllabic(const mtok *t) {
    return t->script == CDN_SCRIPT_HAN || t->script == CDN_SCRIPT_HANGUL;
}

/* The nisba -i makes a name of another (Soltani of Sultan, Ahmadi of Ahmad, Hosseini of Hussein).
 * A query written in Arabic script spells that ending out (ی / ي), so there a pair that differs by
 * it alone is another name, not a typo; it keeps a weak similarity, as the ending may still be a
 * variant. In Latin queries a final i comes and goes with the spelling (Vasili, Vasil) and counts as
 * an edit. */
#define NISBA_SIM 0.80f

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static int differs_by_nisba(const mtok *a, const mtok *b) {
    if (a->script != CDN_SCRIPT_ARABIC || abs(a->len - b->len) != 1) return 0;
    const mtok *lng = a->len > b->len ? a : b, *sht = a->len > b->len ? b : a;
    char end = lng->text[lng->len - 1], stem = lng->text[lng->len - 2], last = sht->text[sht->len - 1];
    return sht->len >= 4 && (end == 'i' || end == 'y') && !is_vowel(stem) && stem == last;
}

/* Arabic script writes neither the short vowels nor the doubling, and reads و as ū, ō, aw or w:
 * its romanization is one guess, and a list spelling with the same consonants in the same order
 * and the same syllables (Marrani for المراني read Murani, Huwaysh for حويش read Hawish, Kubaysi
 * for الكبيسي read Kabisi) is as good a guess. For a query token written in Arabic script (>= 4
 * letters), a list token meets at ARABIC_READING_SIM when its skeleton is the query's, or the
 * query's with a u/o read as the consonant w (Thirwat for ثروت read Tharut), and it has a vowel
 * where the query has one and none where it has none (arabic_shape). Only the vowels' quality may
 * differ, and a y (the diphthong ay, a long ī) only where the other has an i or e: Muhammad is
 * not Mahmud (their vowels sit elsewhere), nor Hasan Husayn, nor Kabir Kubra. */
#define ARABIC_READING_SIM 0.85f

/* Hebrew script is an abjad too (ו is o, u or v; the vowels are guessed): its tokens get the same
 * readings. */
static int abjad(int script) { return script == CDN_SCRIPT_ARABIC || script == CDN_SCRIPT_HEBREW; }

/* Whether two skeletons are one Hebrew spelling: פ reads p or f, ב b or v (w in a skeleton), כ k or
 * kh (h); the letters' points that tell them apart are seldom written. */
static char hebrew_twin(char c) {
    switch (c) {
    case 'p': return 'f';
    case 'f': return 'p';
    case 'b': return 'w';
    case 'w': return 'b';
    case 'k': return 'h';
    case 'h': return 'k';
    default: return 0;
    }
}

/* The letters of a skeleton that have a Hebrew twin: at most CDN_HEBREW_TWINS_MAX of them are read
 * either way, so that the lookups can probe every reading (cdn_hebrew_readings). */
static int hebrew_twins(const char *s) {
    int n = 0;
    for (; *s; s++) n += hebrew_twin(*s) != 0;
    return n;
}

static int hebrew_same_skel(const char *a, const char *b) {
    if (hebrew_twins(a) > CDN_HEBREW_TWINS_MAX) return strcmp(a, b) == 0;
    for (; *a && *b; a++, b++)
        if (*a != *b && hebrew_twin(*a) != *b) return 0;
    return *a == *b;
}

int cdn_hebrew_readings(const mtok *q, char out[][CDN_W_READING_MAX], int max) {
    size_t sl = strlen(q->skel);
    if (q->script != CDN_SCRIPT_HEBREW || q->len < 4 || sl < 3 || sl >= CDN_W_READING_MAX) return 0;
    int at[CDN_HEBREW_TWINS_MAX], m = 0;
    for (int i = 0; q->skel[i]; i++)
        if (hebrew_twin(q->skel[i])) {
            if (m == CDN_HEBREW_TWINS_MAX) return 0;     /* read as written only (hebrew_same_skel) */
            at[m++] = i;
        }
    int n = 0;
    for (unsigned v = 1; v < 1u << m && n < max; v++) {  /* v = 0 is the skeleton itself */
        memcpy(out[n], q->skel, sl + 1);
        for (int k = 0; k < m; k++)
            if (v >> k & 1) out[n][at[k]] = hebrew_twin(q->skel[at[k]]);
        n++;
    }
    return n;
}
#define ARABIC_SHAPE_MAX 24

/* The vowel runs of a token before, between and after its consonant runs, as flags: 1 a vowel,
 * 2 an i, e or y in it, 4 a y; 0 where consonants meet or at an end without vowel (a final h
 * after a vowel is silent, as in the skeleton). Returns the number of slots, or -1 if too many. */
static int arabic_shape(const mtok *t, uint8_t *slot) {
    int n = 0, len = t->len;
    if (len >= 2 && t->text[len - 1] == 'h' && (is_vowel(t->text[len - 2]) || t->text[len - 2] == 'y')) len--;
    slot[0] = 0;
    for (int i = 0; i < len; i++) {
        char c = t->text[i];
        if (is_vowel(c) || c == 'y') {
            slot[n] |= (uint8_t)(1 | (c == 'i' || c == 'e' || c == 'y' ? 2 : 0) | (c == 'y' ? 4 : 0));
        } else if (i == 0 || is_vowel(t->text[i - 1]) || t->text[i - 1] == 'y') {
            if (++n >= ARABIC_SHAPE_MAX) return -1;            /* a consonant run: the next slot */
            slot[n] = 0;
        }
    }
    return n + 1;
}

/* Whether two tokens have a vowel in the same slots, and a y only against an i, e or y. */
static int same_shape(const mtok *q, const mtok *l) {
    uint8_t a[ARABIC_SHAPE_MAX], b[ARABIC_SHAPE_MAX];
    int na = arabic_shape(q, a), nb = arabic_shape(l, b);
    if (na < 0 || na != nb) return 0;
    for (int k = 0; k < na; k++)
        if ((a[k] & 1) != (b[k] & 1) || ((a[k] & 4) && !(b[k] & 2)) || ((b[k] & 4) && !(a[k] & 2))) return 0;
    return 1;
}

int cdn_arabic_w_readings(const mtok *q, char out[][CDN_W_READING_MAX], int max) {
    size_t sl = strlen(q->skel);
    int n = 0;
    if (!abjad(q->script) || q->len < 4 || sl < 2 || sl + 2 > CDN_W_READING_MAX) return 0;
    for (int k = 1; k < q->len && n < max; k++) {
        char c = q->text[k], prev = q->text[k - 1];
        if ((c != 'u' && c != 'o') || is_vowel(prev) || prev == 'w' || prev == 'y') continue;
        char pre[CDN_W_READING_MAX];
        size_t p = cdn_skeleton(q->text, (size_t)k, pre, sizeof pre);
        if (p > sl || memcmp(pre, q->skel, p) != 0 || (p < sl && q->skel[p] == 'w')) continue;
        memcpy(out[n], q->skel, p);
        out[n][p] = 'w';
        memcpy(out[n] + p + 1, q->skel + p, sl - p + 1);
        if (n == 0 || strcmp(out[n], out[n - 1]) != 0) n++;
    }
    return n;
}

/* ARABIC_READING_SIM when the list token l is another reading of the Arabic-script query token q. */
static float arabic_reading(const mtok *q, const mtok *l) {
    if (!abjad(q->script) || q->len < 4 || l->len < 4 || abs(q->len - l->len) > 2) return 0;
    size_t qs = strlen(q->skel), ls = strlen(l->skel);
    if (qs < 3 && ls < 3) return 0;
    int same = qs == ls && (q->script == CDN_SCRIPT_HEBREW ? hebrew_same_skel(q->skel, l->skel)
                                                           : memcmp(q->skel, l->skel, qs) == 0);
    if (!same && ls == qs + 1 && memchr(l->skel, 'w', ls)) {
        char w[4][CDN_W_READING_MAX];
        for (int k = 0, n = cdn_arabic_w_readings(q, w, 4); k < n && !same; k++) same = strcmp(w[k], l->skel) == 0;
    }
    if (!same || !same_shape(q, l)) return 0;
    return cdn_damerau(q->text, q->len, l->text, l->len, 3) <= 3 ? ARABIC_READING_SIM : 0;
}

int cdn_names_no_one(const mtok *q, int nq) {
    for (int i = 0; i < nq; i++)
        if (!cdn_is_initial(&q[i]) && !(q[i].flags & CDN_TOK_LEGAL_FORM)) return 0;
    return nq > 0;
}

int cdn_is_initial(const mtok *t) {
    return t->len == 1 && t->script != CDN_SCRIPT_HAN && t->script != CDN_SCRIPT_HANGUL &&
           t->script != CDN_SCRIPT_KANA;
}

int cdn_kind_has_initials(cordon_kind kind) { return kind == CORDON_KIND_PERSON || kind == CORDON_KIND_ANY; }

int cdn_list_initial_meets(const mtok *q, const mtok *l) {
    return cdn_is_initial(l) && q->len >= 2 && q->text[0] == l->text[0] && !syllabic(q) &&
           !(q->flags & (CDN_TOK_PARTICLE | CDN_TOK_NUMBER | CDN_TOK_LEGAL_FORM | CDN_TOK_INITIAL));
}

/* One edit in a name part of six letters or more is a typo wherever it falls. Jaro-Winkler rewards a
 * shared start, so it rates an edit among the first letters low (Invidia/Nvidia 0.81, against 0.97
 * for the same edit at the end): such a pair counts at least this. */
#define LONG_ONE_EDIT_SIM 0.88f

/* cdn_damerau(a, b, 2) <= 1, in one pass: equal, or one substitution, one letter more or less, or
 * two neighbours swapped. The fuzzy rule asks this of every term a lookup finds. */
static int within_one_edit(const char *a, size_t la, const char *b, size_t lb) {
    if (la < lb) { const char *t = a; a = b; b = t; size_t n = la; la = lb; lb = n; }
    if (la - lb > 1) return 0;
    size_t i = 0;
    while (i < lb && a[i] == b[i]) i++;
    if (i == lb) return 1;                            /* equal, or one letter added at the end */
    if (la != lb) return memcmp(a + i + 1, b + i, lb - i) == 0;
    if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0) return 1;
    return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
}

float cdn_token_sim(const mtok *a, const mtok *b, uint8_t *how) {
    *how = HOW_NONE;
    if (a->len == b->len && memcmp(a->text, b->text, a->len) == 0) { *how = HOW_EXACT; return 1.0f; }
    int minlen = a->len < b->len ? a->len : b->len, lendiff = abs(a->len - b->len);
    if ((a->flags | b->flags) & CDN_TOK_NUMBER) return 0;
    /* A legal form is a class (llc, jsc): it meets its class, written alike, and no name part. */
    if ((a->flags | b->flags) & CDN_TOK_LEGAL_FORM) return 0;
    if (minlen == 1) {
        /* An initial meets a name it could stand for: a query's "J" ~ "Jong", and a list's "Olga G."
         * ~ the query's Gennadyevna (cdn_list_initial_meets). */
        if (cdn_is_initial(a) && a->text[0] == b->text[0]) { *how = HOW_INITIAL; return 0.80f; }
        if (cdn_list_initial_meets(a, b)) { *how = HOW_INITIAL; return 0.80f; }
        return 0;
    }
    float s = 0;
    if (a->key[0] && strcmp(a->key, b->key) == 0) {
        s = maxf(0.95f, (float)cdn_jaro_winkler(a->text, a->len, b->text, b->len));
        *how = HOW_KEY;
    } else if (minlen < 4) {
        return 0;
    } else if (minlen >= 5 && lendiff <= 2 && strlen(a->skel) >= 3 && strcmp(a->skel, b->skel) == 0) {
        /* Same consonants (Arabic names romanized with other vowels): a boost for spellings that
         * already look alike, never a match on its own — "acme" and "yakima", "muhammad" and
         * "mahmud" share one too. (Jaro-Winkler first: it is the cheaper test.) */
        float jw = (float)cdn_jaro_winkler(a->text, a->len, b->text, b->len);
        if (jw >= 0.85f && cdn_damerau(a->text, a->len, b->text, b->len, 2) <= 2) {
            s = maxf(0.88f, jw);
            *how = HOW_SKELETON;
        }
    } else {
        /* Spellings of one name keep its first sound (keys cover Jong/Chong); a typo in the first
         * letter of a short token is more often another name (Tong/Jong), unless it swaps the first
         * two letters (Badur/Abdur). One edit in a short token is often another name too, so short
         * tokens pay more. */
        int same_start = a->text[0] == b->text[0] || minlen >= 6
                         || (a->text[0] == b->text[1] && a->text[1] == b->text[0]);
        if (!same_start || lendiff > 2 || (minlen <= 5 && syllabic(a))) return 0;
        if (within_one_edit(a->text, a->len, b->text, b->len)) {
            s = (float)cdn_jaro_winkler(a->text, a->len, b->text, b->len) * (minlen <= 5 ? 0.95f : 1.0f);
            if (minlen >= 6) s = maxf(s, LONG_ONE_EDIT_SIM);
            *how = HOW_FUZZY;
        }
    }
    if (*how == HOW_NONE && (s = arabic_reading(a, b)) > 0) *how = HOW_SKELETON;
    if (s > NISBA_SIM && differs_by_nisba(a, b)) s = NISBA_SIM;
    if (s < (*how == HOW_FUZZY ? CDN_FUZZY_FLOOR : CDN_SIM_FLOOR)) { *how = HOW_NONE; return 0; }
    return s > 1.0f ? 1.0f : s;
}

/* The keys of joined neighbours made during one query, found again by where the two tokens' texts
 * are: a query's neighbours meet every list form, and a list form's every query form. The texts stay
 * put while a query is screened (the analysis, the mapped index); a slot is valid in its epoch only. */
#define JOIN_SLOTS 256                 /* a power of two */
struct cdn_join_slot { const char *a, *b; uint16_t la, lb; uint32_t stamp; char key[128]; };

/* ---- Memo --------------------------------------------------------------------------------- */

/* Slots are valid only when stamped with the current epoch, so a new query clears nothing. */
void cdn_memo_reset(cdn_memo *m) {
    if (!m->slots) {
        m->mask = 4095;
        m->slots = cdn_table_alloc(m->mask + 1, sizeof *m->slots);
        m->joins = cdn_table_alloc(JOIN_SLOTS, sizeof *m->joins);
        if (!m->slots || !m->joins) { cdn_memo_free(m); return; }
    }
    if (++m->epoch == 0) {
        memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
        if (m->marks) memset(m->marks, 0, CDN_MARK_SLOTS * sizeof *m->marks);
        memset(m->joins, 0, JOIN_SLOTS * sizeof *m->joins);
        m->epoch = 1;
    }
    for (size_t i = 0; i < m->n_marked_words; i++) m->marked[m->marked_words[i]] = 0;
    m->n_marked_words = 0;
    m->marks_used = 0;
    m->used = 0;
    m->complete = m->dropped = 0;
    m->pairs_unsure = m->triples_unsure = 0;
}

void cdn_memo_free(cdn_memo *m) {
    free(m->slots); free(m->marks); free(m->joins); free(m->marked); free(m->marked_words);
    memset(m, 0, sizeof *m);
}

_Static_assert(sizeof(cdn_term_marks) == 32, "two terms a cache line");
_Static_assert((CDN_MARK_SLOTS & (CDN_MARK_SLOTS - 1)) == 0, "a power of two");

int cdn_memo_track_terms(cdn_memo *m, size_t n_terms) {
    free(m->marks); free(m->marked); free(m->marked_words);
    size_t words = n_terms / 64 + 1;
    m->marks = cdn_table_alloc(CDN_MARK_SLOTS, sizeof *m->marks);
    m->marked = cdn_table_alloc(words, sizeof *m->marked);
    m->marked_words = malloc(words * sizeof *m->marked_words);
    m->n_marked_words = 0;
    m->marks_used = 0;
    if (!m->marks || !m->marked || !m->marked_words) {
        free(m->marks); free(m->marked); free(m->marked_words);
        m->marks = NULL; m->marked = NULL; m->marked_words = NULL; m->n_terms = 0;
        return -1;
    }
    m->n_terms = n_terms;
    return 0;
}

static inline int term_marked(const cdn_memo *m, int32_t term) { return m->marked[term >> 6] >> (term & 63) & 1; }

static inline uint32_t mark_home(int32_t term) {
    return ((uint32_t)term * 0x9e3779b1u) >> (32 - __builtin_ctz(CDN_MARK_SLOTS));
}

/* The table's record of a marked term, or NULL when the full table could not take it. */
static inline const cdn_term_marks *marks_found(const cdn_memo *m, int32_t term) {
    for (uint32_t h = mark_home(term);; h = (h + 1) & (CDN_MARK_SLOTS - 1)) {
        const cdn_term_marks *k = &m->marks[h];
        if (k->stamp != m->epoch) return NULL;
        if (k->term == term) return k;
    }
}

/* Term t's marks for this query, started on the first mark (NULL when there are none to keep: the
 * term is then marked, and reads as marked every way). */
static cdn_term_marks *marks_to_set(cdn_memo *m, int32_t term) {
    if (!m->marks || term < 0 || (size_t)term >= m->n_terms) return NULL;
    if (term_marked(m, term)) return (cdn_term_marks *)marks_found(m, term);
    uint64_t *w = &m->marked[term >> 6];
    if (!*w) m->marked_words[m->n_marked_words++] = (uint32_t)(term >> 6);
    *w |= 1ULL << (term & 63);
    if (m->marks_used * 4 >= CDN_MARK_SLOTS * 3) return NULL;    /* probes stay short */
    uint32_t h = mark_home(term);
    while (m->marks[h].stamp == m->epoch) h = (h + 1) & (CDN_MARK_SLOTS - 1);
    m->marks_used++;
    m->marks[h] = (cdn_term_marks){ m->epoch, term, 0, 0, 0 };
    return &m->marks[h];
}

/* Term t's marks for this query: all set when the memo says nothing of it, none when it has none. */
static inline cdn_term_marks marks_of(const cdn_memo *m, int32_t term) {
    const cdn_term_marks all = { 0, term, ~0ULL, ~0ULL, ~0ULL };
    if (term < 0 || (size_t)term >= m->n_terms) return all;
    if (!term_marked(m, term)) return (cdn_term_marks){ 0, term, 0, 0, 0 };
    const cdn_term_marks *k = marks_found(m, term);
    return k ? *k : all;
}

void cdn_memo_mark_pair(cdn_memo *m, const mtok *first, int32_t term) {
    cdn_term_marks *k = marks_to_set(m, term);
    if (k) k->pairs |= 1ULL << (first->qid & 63);
}

void cdn_memo_pair_unsure(cdn_memo *m, const mtok *first) { m->pairs_unsure |= 1ULL << (first->qid & 63); }

void cdn_memo_mark_triple(cdn_memo *m, const mtok *first, int32_t term) {
    cdn_term_marks *k = marks_to_set(m, term);
    if (k) k->triples |= 1ULL << (first->qid & 63);
}

void cdn_memo_triple_unsure(cdn_memo *m, const mtok *first) { m->triples_unsure |= 1ULL << (first->qid & 63); }

/* Notes in the sieve that (qid, term) has a nonzero similarity stored. */
static void sieve_mark(cdn_memo *m, int32_t qid, int32_t term) {
    cdn_term_marks *k = marks_to_set(m, term);
    if (k) k->sieve |= 1ULL << (qid & 63);
}

/* The sieve bits of a list token's term: all set when the sieve says nothing of it. */
static inline uint64_t sieve_bits(const cdn_memo *m, int32_t term) {
    if (term < 0 || (size_t)term >= m->n_terms) return ~0ULL;
    if (!term_marked(m, term)) return 0;
    const cdn_term_marks *k = marks_found(m, term);
    return k ? k->sieve : ~0ULL;
}

/* Fills the free slot h with (qid, term, sim, how) unless the memo is full enough already. */
static void memo_store(cdn_memo *memo, uint32_t h, int32_t qid, int32_t term, float sim, uint8_t how) {
    if (memo->used * 4 >= memo->mask * 3) { memo->dropped = 1; return; }
    memo->slots[h] = (cdn_memo_slot){ memo->epoch, (uint32_t)term, (uint16_t)qid, how, sim };
    memo->used++;
    if (sim > 0) sieve_mark(memo, qid, term);
}

/* The first slot to probe for (qid, term). */
static uint32_t memo_home(const cdn_memo *memo, int32_t qid, int32_t term) {
    uint64_t key = ((uint64_t)qid << 32) | (uint32_t)term;
    return (uint32_t)((key * 0x9e3779b97f4a7c15ULL) >> 40) & memo->mask;
}

static int memo_holds(const cdn_memo *memo, const cdn_memo_slot *sl, int32_t qid, int32_t term) {
    return sl->stamp == memo->epoch && sl->term == (uint32_t)term && sl->qid == (uint16_t)qid;
}

/* Query tokens are numbered below CDN_MAX_FORMS * CDN_MAX_TOKENS: a slot keeps qid in 16 bits. */
_Static_assert(CDN_MAX_FORMS * CDN_MAX_TOKENS <= 65536, "qid fits a memo slot");
_Static_assert(sizeof(cdn_memo_slot) == 16, "four slots a cache line");

float cdn_memo_sim(cdn_memo *memo, const mtok *q, const mtok *l, uint8_t *how) {
    if (!memo || !memo->slots || l->term < 0 || q->qid < 0) return cdn_token_sim(q, l, how);
    uint32_t h = memo_home(memo, q->qid, l->term);
    for (uint32_t probe = 0; probe < 16; probe++, h = (h + 1) & memo->mask) {
        const cdn_memo_slot *sl = &memo->slots[h];
        if (memo_holds(memo, sl, q->qid, l->term)) { *how = sl->how; return sl->sim; }
        if (sl->stamp != memo->epoch) {
            /* After a complete candidate pass every term similar to a query token is in the memo:
             * a term that is not has similarity 0, with no need to compute it. Initials are the
             * exception: a query initial is looked up exactly only (it would meet every name). */
            if (memo->complete && !cdn_is_initial(q)) { *how = HOW_NONE; return 0; }
            float s = cdn_token_sim(q, l, how);
            memo_store(memo, h, q->qid, l->term, s, *how);
            return s;
        }
    }
    if (memo->complete && !cdn_is_initial(q)) { *how = HOW_NONE; return 0; }
    memo->dropped = 1;
    return cdn_token_sim(q, l, how);
}

void cdn_memo_put(cdn_memo *memo, const mtok *q, int32_t term, float sim, uint8_t how) {
    if (!memo->slots || term < 0 || q->qid < 0) return;
    uint32_t h = memo_home(memo, q->qid, term);
    for (uint32_t probe = 0; probe < 16; probe++, h = (h + 1) & memo->mask) {
        if (memo_holds(memo, &memo->slots[h], q->qid, term)) return;
        if (memo->slots[h].stamp != memo->epoch) { memo_store(memo, h, q->qid, term, sim, how); return; }
    }
    memo->dropped = 1;
}

/* ---- Alignment ---------------------------------------------------------------------------- */

typedef struct cand_pair { float sim, w; uint8_t qi, li, how; } cand_pair;

static int by_sim_desc(const void *a, const void *b) {
    const cand_pair *x = a, *y = b;
    if (x->sim != y->sim) return x->sim < y->sim ? 1 : -1;
    if (x->w != y->w) return x->w < y->w ? 1 : -1;
    return (x->qi - y->qi) * 64 + (x->li - y->li);
}

/* Sorts by by_sim_desc, a total order (no two pairs share qi and li), so any sort gives the same
 * order; the sets are small, and insertion sort spares qsort's calls through a pointer. */
static void sort_pairs(cand_pair *c, int n) {
    for (int k = 1; k < n; k++) {
        cand_pair x = c[k];
        int j = k;
        for (; j > 0 && by_sim_desc(&c[j - 1], &x) > 0; j--) c[j] = c[j - 1];
        c[j] = x;
    }
}

/* Two neighbours written as one word, with its key: made once per alignment, when first needed
 * (every leftover token of the other side is tried against the same pairs). */
typedef struct joined { char txt[128], key[128]; int n; } joined;    /* n < 0: not made yet */

/* The memo's slot for the neighbours a, b (NULL without a memo); *hit tells whether it holds them. */
static struct cdn_join_slot *join_slot(cdn_memo *m, const mtok *a, const mtok *b, int *hit) {
    *hit = 0;
    if (!m || !m->joins) return NULL;
    uintptr_t h = ((uintptr_t)a->text * 31 + (uintptr_t)b->text) ^ ((uintptr_t)a->text >> 9);
    struct cdn_join_slot *sl = &m->joins[(h >> 3) & (JOIN_SLOTS - 1)];
    *hit = sl->stamp == m->epoch && sl->a == a->text && sl->b == b->text && sl->la == a->len && sl->lb == b->len;
    return sl;
}

/* j's key, from the memo's joined keys when they hold it (cdn_join_slot), else made and kept there. */
static void joined_key(cdn_memo *m, joined *j, const mtok *a, const mtok *b) {
    int hit;
    struct cdn_join_slot *sl = join_slot(m, a, b, &hit);
    if (hit) { memcpy(j->key, sl->key, sizeof j->key); return; }
    cdn_key(j->txt, (size_t)j->n, j->key, sizeof j->key);
    if (!sl) return;
    *sl = (struct cdn_join_slot){ a->text, b->text, a->len, b->len, m->epoch, {0} };
    memcpy(sl->key, j->key, sizeof sl->key);
}

static const joined *join_of(joined *j, const mtok *a, const mtok *b, cdn_memo *memo) {
    if (j->n < 0) {
        size_t n = (size_t)a->len + b->len;
        memcpy(j->txt, a->text, a->len); memcpy(j->txt + a->len, b->text, b->len);
        j->txt[n] = 0;
        j->n = (int)n;
        joined_key(memo, j, a, b);
    }
    return j;
}

/* Compares one token with two neighbours written together ("jongun" ~ "jong"+"un"); the joined
 * text and key come from `ab`, made on first need. */
static float joined_sim(const mtok *one, const mtok *a, const mtok *b, joined *ab, cdn_memo *memo) {
    size_t n = (size_t)a->len + b->len;
    if (one->len < 4 || n + 1 > sizeof ab->txt || abs(one->len - (int)n) > 3) return 0;
    /* Only the same word written apart, exactly or by its key: a fuzzy join of short syllables
     * ("pung" ~ "pu ung") finds too many other names. These are cdn_token_sim's first two rules,
     * inline: this runs for every leftover token and neighbour pair of every alignment. */
    if ((size_t)one->len == n && !memcmp(one->text, a->text, a->len) && !memcmp(one->text + a->len, b->text, b->len))
        return 1.0f;
    if (one->flags & CDN_TOK_NUMBER || !one->key[0] || one->key[0] != a->key[0]) return 0;
    const joined *j = join_of(ab, a, b, memo);
    if (strcmp(one->key, j->key) != 0) return 0;
    return maxf(0.95f, (float)cdn_jaro_winkler(one->text, one->len, j->txt, n));
}

/* Three neighbours of the query written as one word by the list ("Plat Ono Vich" ~ "Platonovich",
 * a name split by a careless hand or a field): exactly or by the key only. The list's own triples
 * are not indexed, so a list written apart meets at most pairs. 0 when none. */
int cdn_triple_may_join(const mtok *a, const mtok *b, const mtok *c) {
    return a->len <= CDN_TRIPLE_PART_MAX && b->len <= CDN_TRIPLE_PART_MAX && c->len <= CDN_TRIPLE_PART_MAX;
}

static float joined3_sim(const mtok *one, const mtok *a, const mtok *b, const mtok *c) {
    size_t n = (size_t)a->len + b->len + c->len;
    if (one->len < 6 || n + 1 > sizeof ((joined *)0)->txt || abs(one->len - (int)n) > 3) return 0;
    if (!cdn_triple_may_join(a, b, c)) return 0;
    char txt[128], key[128];
    memcpy(txt, a->text, a->len); memcpy(txt + a->len, b->text, b->len);
    memcpy(txt + a->len + b->len, c->text, c->len);
    txt[n] = 0;
    if ((size_t)one->len == n && !memcmp(one->text, txt, n)) return 1.0f;
    if (one->flags & CDN_TOK_NUMBER || !one->key[0] || one->key[0] != a->key[0]) return 0;
    cdn_key(txt, n, key, sizeof key);
    if (strcmp(one->key, key) != 0) return 0;
    return maxf(0.95f, (float)cdn_jaro_winkler(one->text, one->len, txt, n));
}

/* What joined_sim needs before it looks closer: a long enough token, of about the pair's length,
 * that starts like the pair (an exact join) or shares its key's first letter. Cheap, inline: most
 * leftover tokens and neighbour pairs of an alignment fail here. */
static inline int may_join(const mtok *one, const mtok *a, const mtok *b) {
    int n = a->len + b->len;
    if (one->len < 4 || abs(one->len - n) > 3) return 0;
    return a->len == 0 || one->text[0] == a->text[0] || (one->key[0] && one->key[0] == a->key[0]);
}

/* Adds a pair of query tokens qi .. qi+qj with list tokens li .. li+lj (qj, lj: tokens joined on). */
static void add_pair(cdn_align *o, int qi, int li, int qj, int lj, uint8_t how, float sim) {
    if (o->n_pairs >= CDN_MAX_TOKENS) return;
    cdn_pair *p = &o->pairs[o->n_pairs++];
    p->qi = (uint8_t)qi; p->li = (uint8_t)li; p->q_joined = (uint8_t)qj; p->l_joined = (uint8_t)lj;
    p->how = how; p->sim = sim; p->repeat = 0;
    o->q_used |= ((2ULL << qj) - 1) << qi;
    o->l_used |= ((2ULL << lj) - 1) << li;
}

/* Tokens left over on one side may be two neighbours the other side writes as one word, and a
 * leftover list token three neighbours of the query. */
static void align_joins(const mtok *q, int nq, const mtok *l, int nl, cdn_memo *memo, cdn_align *o) {
    joined lj[CDN_MAX_TOKENS], qj[CDN_MAX_TOKENS];
    for (int k = 0; k < nl; k++) lj[k].n = -1;
    for (int k = 0; k < nq; k++) qj[k].n = -1;
    for (int i = 0; i < nq; i++) {
        if (o->q_used >> i & 1 || q[i].len < 4) continue;
        for (int j = 0; j + 1 < nl; j++) {
            if ((o->l_used >> j & 3) != 0 || !may_join(&q[i], &l[j], &l[j + 1])) continue;
            float s = joined_sim(&q[i], &l[j], &l[j + 1], &lj[j], memo);
            if (s > 0) { add_pair(o, i, j, 0, 1, HOW_JOINED, s); break; }
        }
    }
    for (int j = 0; j < nl; j++) {
        if (o->l_used >> j & 1 || l[j].len < 4) continue;
        for (int i = 0; i + 1 < nq; i++) {
            if ((o->q_used >> i & 3) != 0 || !may_join(&l[j], &q[i], &q[i + 1])) continue;
            float s = joined_sim(&l[j], &q[i], &q[i + 1], &qj[i], memo);
            if (s > 0) { add_pair(o, i, j, 1, 0, HOW_JOINED, s); break; }
        }
        if (o->l_used >> j & 1 || l[j].len < 6) continue;
        for (int i = 0; i + 2 < nq; i++) {
            if ((o->q_used >> i & 7) != 0) continue;
            float s = joined3_sim(&l[j], &q[i], &q[i + 1], &q[i + 2]);
            if (s > 0) { add_pair(o, i, j, 2, 0, HOW_JOINED, s); break; }
        }
    }
}

int cdn_truncatable(const mtok *q, int nq) {
    if (nq < CDN_TRUNCATED_NAME_MIN) return 0;
    int chars = nq - 1;
    for (int i = 0; i < nq; i++) chars += q[i].len;
    if (chars < CDN_TRUNCATED_CHARS) return 0;
    const mtok *t = &q[nq - 1];
    return t->term < 0 && t->len >= CDN_TRUNCATED_MIN && !(t->flags & CDN_TOK_NUMBER) && !syllabic(t);
}

/* A name cut at a field's length (payment messages keep 35 characters a line) ends in a word cut
 * short: the query's last token, when a longer list token left over starts with it, meets it. Only
 * in a name long enough to be cut, and only once something other than an initial met, so that an
 * entity the lookups did not reach cannot match by it (the candidates find entities by the other
 * tokens, and their bound grants the cut word to every entity reached). */
static void align_truncated(const mtok *q, int nq, const mtok *l, int nl, cdn_align *o) {
    int i = nq - 1, others = 0;
    if (o->q_used >> i & 1 || !cdn_truncatable(q, nq)) return;
    for (int k = 0; k < o->n_pairs; k++) others |= o->pairs[k].how != HOW_INITIAL;
    if (!others) return;
    for (int j = 0; j < nl; j++)
        if (!(o->l_used >> j & 1) && l[j].len >= q[i].len + 2 && !memcmp(l[j].text, q[i].text, q[i].len)) {
            add_pair(o, i, j, 0, 0, HOW_TRUNCATED, CDN_TRUNCATED_SIM);
            return;
        }
}

static int same_text(const mtok *a, const mtok *b) {
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* ---- Initialisms -------------------------------------------------------------------------- */

int cdn_initialism(const mtok *t, int as_query) {
    int min = as_query ? CDN_INITIALISM_MIN_QUERY : CDN_INITIALISM_MIN_LIST;
    if ((as_query && !t->initials) || t->len < min || t->len > CDN_INITIALISM_MAX || t->script != CDN_SCRIPT_LATIN ||
        t->flags & (CDN_TOK_NUMBER | CDN_TOK_LEGAL_FORM | CDN_TOK_PARTICLE | CDN_TOK_INITIAL))
        return 0;
    for (int k = 0; k < t->len; k++)
        if (t->text[k] < 'a' || t->text[k] > 'z') return 0;
    return 1;
}

/* A word an initialism may leave out between the words it spells (Democratic People's Republic
 * of Korea: DPRK), or spell (Bank of China: BOC). */
#define WORD3(a, b, c) ((uint32_t)(unsigned char)(a) | (uint32_t)(unsigned char)(b) << 8 | (uint32_t)(unsigned char)(c) << 16)
static int connecting_word(const mtok *t) {
    /* The runs of every query form test this of every short token, again and again: the words are
     * compared as their letters packed in an integer. */
    static const uint32_t words[] = {
        WORD3('o', 'f', 0),   WORD3('t', 'h', 'e'), WORD3('a', 'n', 'd'), WORD3('f', 'o', 'r'), WORD3('d', 'e', 0),
        WORD3('d', 'u', 0),   WORD3('d', 'e', 's'), WORD3('l', 'a', 0),   WORD3('l', 'e', 0),   WORD3('e', 'l', 0),
        WORD3('a', 'l', 0),   WORD3('d', 'a', 0),   WORD3('d', 'i', 0),   WORD3('d', 'o', 0),   WORD3('y', 0, 0),
        WORD3('e', 't', 0),   WORD3('u', 'n', 'd'), WORD3('d', 'e', 'r'), WORD3('d', 'i', 'e'), WORD3('v', 'a', 'n'),
        WORD3('v', 'o', 'n'),
    };
    if (t->len > 3 || t->len == 0) return 0;
    uint32_t w = WORD3(t->text[0], t->len > 1 ? t->text[1] : 0, t->len > 2 ? t->text[2] : 0);
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (words[k] == w) return 1;
    return 0;
}

/* A word an initialism may take the first letter of: a word of two letters or more, no number,
 * no legal form (JSC spells no company's name). */
static int spells(const mtok *t) {
    return t->len >= 2 && !(t->flags & (CDN_TOK_NUMBER | CDN_TOK_LEGAL_FORM)) && t->text[0] >= 'a' && t->text[0] <= 'z';
}

/* A run leaves out at most this many connecting words (Democratic Republic of the Congo: DRC), so
 * that the runs to try stay few whatever the name ("de la de la …"). */
#define MAX_LEFT_OUT 2

/* The last token of a run t[i..] outside `used` whose first letters are a[0..n), at most `skips`
 * connecting words left out where needed (never first, and never last since the run ends on a
 * letter); -1 if none. Spelled words are tried before left-out ones, so the run found is always
 * the same. */
static int run_spelling(const char *a, int n, const mtok *t, int nt, int i, uint64_t used, int first, int skips) {
    if (i >= nt || used >> i & 1) return -1;
    if (spells(&t[i]) && t[i].text[0] == a[0]) {
        int end = n == 1 ? i : run_spelling(a + 1, n - 1, t, nt, i + 1, used, 0, skips);
        if (end >= 0) return end;
    }
    return !first && skips && connecting_word(&t[i]) ? run_spelling(a, n, t, nt, i + 1, used, 0, skips - 1) : -1;
}

/* Every token on some run t[i..] that spells a[0..n) (as run_spelling, whatever is used): the
 * bound counts them all, since the alignment may take any such run. */
static uint64_t run_tokens(const char *a, int n, const mtok *t, int nt, int i, int first, int skips) {
    if (i >= nt) return 0;
    uint64_t m = 0;
    if (spells(&t[i]) && t[i].text[0] == a[0]) {
        uint64_t rest = n == 1 ? 0 : run_tokens(a + 1, n - 1, t, nt, i + 1, 0, skips);
        if (n == 1 || rest) m |= rest | 1ULL << i;
    }
    if (!first && skips && connecting_word(&t[i])) {
        uint64_t rest = run_tokens(a, n, t, nt, i + 1, 0, skips - 1);
        if (rest) m |= rest | 1ULL << i;
    }
    return m;
}

/* Runs of query tokens from t[i] on, initials so far in a[0..len): each reported at 3..6 letters. */
static int each_run(const mtok *t, int n, int first, int i, char *a, int len, int skips,
                    int (*each)(const char *, int, int, int, void *), void *ctx) {
    if (i >= n || len >= CDN_INITIALISM_MAX) return 0;
    if (spells(&t[i])) {
        a[len] = t[i].text[0];
        if (len + 1 >= CDN_INITIALISM_MIN_LIST && each(a, len + 1, first, i, ctx)) return 1;
        if (each_run(t, n, first, i + 1, a, len + 1, skips, each, ctx)) return 1;
    }
    return i > first && skips && connecting_word(&t[i]) ? each_run(t, n, first, i + 1, a, len, skips - 1, each, ctx)
                                                        : 0;
}

void cdn_run_initials(const mtok *t, int n, int (*each)(const char *, int, int, int, void *), void *ctx) {
    if (n > CDN_MAX_TOKENS) n = CDN_MAX_TOKENS;
    char a[CDN_INITIALISM_MAX];
    for (int i = 0; i + 1 < n; i++)
        if (spells(&t[i]) && each_run(t, n, i, i, a, 0, MAX_LEFT_OUT, each, ctx)) return;
}

/* An initialism left over on one side meets the run of leftover neighbours on the other whose
 * first letters it is: "U.S." the query's, "United States" the list's, or a list's "DPRK" the
 * query's "Democratic People's Republic of Korea". Only once another pair (not an initial) met,
 * so that an entity the lookups did not reach cannot match by it: the candidates find entities by
 * the other tokens (and a query's runs by their initials), and their bound grants a query's
 * initialism to every entity reached. */
static void align_initialisms(const mtok *q, int nq, const mtok *l, int nl, cdn_align *o) {
    int others = 0;                   /* a plain pair: not a join, nor an initial standing for a name */
    for (int k = 0; k < o->n_pairs; k++) others |= o->pairs[k].how != HOW_INITIAL && o->pairs[k].how != HOW_JOINED;
    if (!others) return;
    for (int i = 0; i < nq; i++) {
        if (o->q_used >> i & 1 || !cdn_initialism(&q[i], 1)) continue;
        for (int j = 0; j + 1 < nl; j++) {
            int end = run_spelling(q[i].text, q[i].len, l, nl, j, o->l_used, 1, MAX_LEFT_OUT);
            if (end >= 0) { add_pair(o, i, j, 0, end - j, HOW_INITIALISM, CDN_INITIALISM_SIM); break; }
        }
    }
    for (int j = 0; j < nl; j++) {
        if (o->l_used >> j & 1 || !cdn_initialism(&l[j], 0)) continue;
        for (int i = 0; i + 1 < nq; i++) {
            int end = run_spelling(l[j].text, l[j].len, q, nq, i, o->q_used, 1, MAX_LEFT_OUT);
            if (end >= 0) { add_pair(o, i, j, end - i, 0, HOW_INITIALISM, CDN_INITIALISM_SIM); break; }
        }
    }
}

/* A name part written twice ("Mubarak … Mubarak", "MUSTAFA, Mustafa Kamel") on one side and once on
 * the other: the repeat counts as met as well as its first occurrence did, but is not a new pair.
 * Only while the other side has nothing left unmet: in "ABDUL KABIR ABDUL JAN" against "ABDUL KABIR
 * MOHAMMAD JAN" the second Abdul stands where the other name has Mohammad, another father. */
static void align_repeats(const mtok *q, int nq, const mtok *l, int nl, cdn_align *o) {
    int n = o->n_pairs;
    int q_full = o->q_used == all_tokens(nq);
    int l_full = o->l_used == all_tokens(nl);
    for (int i = 0; i < nq && l_full; i++) {
        if (o->q_used >> i & 1) continue;
        for (int k = 0; k < n; k++) {
            const cdn_pair *p = &o->pairs[k];
            if (p->q_joined || p->l_joined || !same_text(&q[i], &q[p->qi])) continue;
            add_pair(o, i, p->li, 0, 0, HOW_REPEATED, p->sim);
            o->pairs[o->n_pairs - 1].repeat = 1;
            break;
        }
    }
    for (int j = 0; j < nl && q_full; j++) {
        if (o->l_used >> j & 1) continue;
        for (int k = 0; k < n; k++) {
            const cdn_pair *p = &o->pairs[k];
            if (p->q_joined || p->l_joined || !same_text(&l[j], &l[p->li])) continue;
            add_pair(o, p->qi, j, 0, 0, HOW_REPEATED, p->sim);
            o->pairs[o->n_pairs - 1].repeat = 2;
            break;
        }
    }
}

/* A name written with a hyphen is one name part: Yu-ro is not Yu, nor Jong-un Jong. When only one
 * of two hyphened tokens met the other side, that pair counts for half. Particles (al-Tikriti) and
 * numbers (Trust 2004-1) are not name parts of their own. Lowering a pair only lowers a score: the
 * candidate bound holds. */
#define HALF_OF_HYPHENED 0.5f

static int lone_in_hyphen_group(const mtok *t, int n, uint64_t used, int i) {
    for (int j = i - 1; j <= i; j++) {                /* the links (j, j+1) that hold token i */
        if (j < 0 || j + 1 >= n || !(t[j + 1].flags & CDN_TOK_HYPHENED)) continue;
        if ((t[j].flags | t[j + 1].flags) & (CDN_TOK_PARTICLE | CDN_TOK_NUMBER)) continue;
        int other = j == i ? j + 1 : j;
        if (!(used >> other & 1)) return 1;
    }
    return 0;
}

static void halve_lone_hyphened(const mtok *q, int nq, const mtok *l, int nl, cdn_align *o) {
    for (int k = 0; k < o->n_pairs; k++) {
        cdn_pair *p = &o->pairs[k];
        if ((!p->q_joined && lone_in_hyphen_group(q, nq, o->q_used, p->qi)) ||
            (!p->l_joined && lone_in_hyphen_group(l, nl, o->l_used, p->li)))
            p->sim *= HALF_OF_HYPHENED;
    }
}

/* "A bin B" says B is A's father. When both names spell a lineage out and one says A bin B where the
 * other says B bin A, they put father and son the other way round ("ABDULLAH BIN OMAR" vs "OMAR BIN
 * ABDULLAH"): another person, so both pairs count for half. Chains ("X bin Muhammad bin Awad") are
 * read link by link, so a name the other side merely extends keeps its score. */
#define HALF_OF_SWAPPED_LINEAGE 0.5f

static int is_filial(const mtok *t) {
    return (t->flags & CDN_TOK_PARTICLE) && t->len >= 3 && t->len <= 4 &&
           (memcmp(t->text, "bin", t->len) == 0 || memcmp(t->text, "ben", t->len) == 0 ||
            memcmp(t->text, "bint", t->len) == 0);
}

/* Whether t[a] bin t[b] is written. */
static int son_of(const mtok *t, int n, int a, int b) { return b == a + 2 && b < n && is_filial(&t[a + 1]); }

/* A lineage names father, grandfather and on ("Usama bin Muhammad bin Awad bin Ladin"); shorter
 * forms of the name skip the ancestors between the person and the family name ("Osama bin Laden").
 * When the list name writes more links than the query, an ancestor there that the query does not
 * name counts CDN_ANCESTOR_WEIGHT of its weight. Not when both write as many links: then an unmet
 * part stands where the other names another father (brothers; see slot_conflict). */
static int lineage_links(const mtok *t, int n) {
    int links = 0;
    for (int i = 0; i < n; i++) links += is_filial(&t[i]);
    return links;
}

static int is_ancestor(const mtok *t, int n, int i) {
    return i > 0 && i + 1 < n && is_filial(&t[i - 1]) && is_filial(&t[i + 1]) && !(t[i].flags & CDN_TOK_PARTICLE);
}

/* The weight the ancestors of a lineage of two links or more, but those in `met`, do not count. */
static float ancestors_off(const mtok *t, int n, uint64_t met) {
    if (lineage_links(t, n) < 2) return 0;
    float w = 0;
    for (int i = 1; i + 1 < n; i++)
        if (!(met >> i & 1) && is_ancestor(t, n, i)) w += (1 - CDN_ANCESTOR_WEIGHT) * t[i].w;
    return w;
}

/* The list weight the unmet ancestors of a longer list lineage do not count. */
static float skipped_ancestors(const mtok *q, int nq, const mtok *l, int nl, uint64_t l_used) {
    return lineage_links(l, nl) > lineage_links(q, nq) ? ancestors_off(l, nl, l_used) : 0;
}

static void halve_swapped_lineage(const mtok *q, int nq, const mtok *l, int nl, cdn_align *o) {
    for (int k = 0; k < o->n_pairs; k++) {
        cdn_pair *a = &o->pairs[k];
        if (a->q_joined || a->l_joined || a->repeat) continue;
        for (int m = 0; m < o->n_pairs; m++) {
            cdn_pair *b = &o->pairs[m];
            if (m == k || b->q_joined || b->l_joined || b->repeat) continue;
            if (son_of(q, nq, a->qi, b->qi) && son_of(l, nl, b->li, a->li)) {
                a->sim *= HALF_OF_SWAPPED_LINEAGE;
                b->sim *= HALF_OF_SWAPPED_LINEAGE;
            }
        }
    }
}

/* Two names that agree around one place and hold a different name part there ("NOUREDDINE BEN
 * MOHAMED BEN BELKASSEM" vs "NOUREDDINE BEN ALI BEN BELKASSEM", "TARIQ ANWAR EL SAYED MOHAMED" vs
 * "... AHMED") name two people, typically brothers or cousins: the part each leaves unmet is not
 * missing but different. Both written in Latin letters only, where no reading of a script was
 * guessed; numbers, initials, particles and legal forms do not count. */
#define SLOT_CONFLICT 0.90f

static int name_part(const mtok *t) {
    return t->script == CDN_SCRIPT_LATIN &&
           !(t->flags & (CDN_TOK_NUMBER | CDN_TOK_INITIAL | CDN_TOK_PARTICLE | CDN_TOK_LEGAL_FORM));
}

/* q2l[i]: the list token that query token i met one to one (no join, no repeat), or -1. */
static void plain_pairs(const cdn_align *o, int8_t q2l[CDN_MAX_TOKENS]) {
    memset(q2l, -1, CDN_MAX_TOKENS);
    for (int k = 0; k < o->n_pairs; k++) {
        const cdn_pair *p = &o->pairs[k];
        if (!p->q_joined && !p->l_joined && !p->repeat) q2l[p->qi] = (int8_t)p->li;
    }
}

/* Whether query token i and list token j stand in one place: their neighbours met each other on
 * both sides, or a side is the name's end on both. */
static int same_place(const int8_t *q2l, int i, int j, int nq, int nl) {
    int left = i > 0 && j > 0 ? q2l[i - 1] == j - 1 : i == 0 && j == 0;
    int right = i + 1 < nq && j + 1 < nl ? q2l[i + 1] == j + 1 : i + 1 == nq && j + 1 == nl;
    return left && right;
}

/* The same, reading both names as rings: a name written surname first is the other turned round
 * (KLIMOV, Andrey Akardyevich and Andrey Arkadyevich KLIMOV: the patronymic sits between Andrey and
 * Klimov in both). For forms of as many tokens, every other one paired; three at least, as two
 * turned round are only swapped, which tells nothing of the place (GERD RANDOLPH is not
 * Randolph, Gena). */
static int same_place_round(const int8_t *q2l, int i, int j, int n) {
    return n >= 3 && q2l[(i + n - 1) % n] == (j + n - 1) % n && q2l[(i + 1) % n] == (j + 1) % n;
}

static int slot_conflict(const mtok *q, int nq, const mtok *l, int nl, const cdn_align *o) {
    int8_t q2l[CDN_MAX_TOKENS];
    plain_pairs(o, q2l);
    for (int i = 0; i < nq; i++) {
        if ((o->q_used >> i & 1) || !name_part(&q[i])) continue;
        for (int j = 0; j < nl; j++) {
            if ((o->l_used >> j & 1) || !name_part(&l[j])) continue;
            if (same_place(q2l, i, j, nq, nl) && (i > 0 || i + 1 < nq)) return 1;
        }
    }
    return 0;
}

/* ---- Typos -------------------------------------------------------------------------------- */

int cdn_typo_budget(int letters) { return letters >= 8 ? CDN_TYPO_EDITS_MAX : letters >= 5 ? 1 : 0; }

/* Scripts written a syllable a sign: a typo there is another syllable, which may read several
 * letters apart or one (병철 Pyongchol, 용철 Yongchol; 成 cheng, 陈 chen), so letters tell nothing. */
static int syllable_signs(int script) {
    return script == CDN_SCRIPT_HANGUL || script == CDN_SCRIPT_HAN || script == CDN_SCRIPT_KANA;
}

/* Scripts whose romanization guesses the vowels: abjads, and abugidas whose inherent vowel the
 * reading writes out. Only a consonant edit there is a typo (عارف and آصف read aref and asf are two
 * names, one consonant apart but three letters in the script), and only against the same script:
 * against a Latin spelling the guess is the difference (فرجی read Faraji, listed Farahi). */
int cdn_vowels_guessed(int script) {
    return script == CDN_SCRIPT_ARABIC || script == CDN_SCRIPT_HEBREW || script == CDN_SCRIPT_DEVANAGARI ||
           script == CDN_SCRIPT_THAI || script == CDN_SCRIPT_MYANMAR || script == CDN_SCRIPT_KHMER ||
           script == CDN_SCRIPT_OTHER;
}

int cdn_typo_part(const mtok *t) {
    return t->len >= 2 && !t->initials && !syllable_signs(t->script) &&
           !(t->flags & (CDN_TOK_NUMBER | CDN_TOK_INITIAL | CDN_TOK_PARTICLE | CDN_TOK_LEGAL_FORM));
}

/* Whether a typo between two typo parts can be told from their letters (see above). */
static int typo_readable(const mtok *a, const mtok *b) {
    if (!cdn_vowels_guessed(a->script) && !cdn_vowels_guessed(b->script)) return 1;
    return a->script == b->script && cdn_damerau(a->skel, strlen(a->skel), b->skel, strlen(b->skel), 1) <= 1;
}

/* The letters (and digits, folded onto them) a text holds, a bit each. */
static uint32_t letter_set(const char *s, int len) {
    uint32_t set = 0;
    for (int i = 0; i < len; i++) set |= 1u << ((unsigned char)s[i] & 31);
    return set;
}

/* Whether x has more than n bits set (no popcount instruction is assumed). */
static int more_bits(uint32_t x, int n) {
    for (; x && n > 0; n--) x &= x - 1;
    return x != 0;
}

/* The edits between two texts that may be a typo of each other (letter_edits), or two tokens
 * (typo_edits, whose scripts must also let letters tell): at least one, at most max, and fewer than
 * the shorter has letters (no part replaced whole); -1 otherwise. */
static int letter_edits(const char *a, int la, const char *b, int lb, int max) {
    if (abs(la - lb) > max) return -1;
    /* An edit brings in one letter at most and takes away one at most: a cheap test first. */
    uint32_t sa = letter_set(a, la), sb = letter_set(b, lb);
    if (more_bits(sa & ~sb, max) || more_bits(sb & ~sa, max)) return -1;
    int d = cdn_damerau(a, (size_t)la, b, (size_t)lb, max);
    return d >= 1 && d <= max && d < (la < lb ? la : lb) ? d : -1;
}

static int typo_edits(const mtok *a, const mtok *b, int max) {
    int d = letter_edits(a->text, a->len, b->text, b->len, max);
    return d >= 0 && typo_readable(a, b) ? d : -1;
}

/* The letters of the shorter of two names. */
static int fewer_letters(const mtok *q, int nq, const mtok *l, int nl) {
    int q_letters = 0, l_letters = 0;
    for (int k = 0; k < nq; k++) q_letters += q[k].len;
    for (int k = 0; k < nl; k++) l_letters += l[k].len;
    return q_letters < l_letters ? q_letters : l_letters;
}

float cdn_typo_evidence(float full_evidence) { return full_evidence * (CDN_TYPO_EVIDENCE / CDN_FULL_EVIDENCE); }

/* The edits of the alignment's pairs so far, all plain (exact, phonetic, skeleton, fuzzy), at least
 * one on a name part, and weighing enough (CDN_TYPO_EVIDENCE); -1 otherwise, or when over max. */
static int plain_edits(const mtok *q, const mtok *l, const cdn_align *o, int max) {
    int edits = 0, name = 0;
    float met = 0;
    for (int k = 0; k < o->n_pairs && edits <= max; k++) {
        const cdn_pair *p = &o->pairs[k];
        if (p->q_joined || p->l_joined || p->repeat) return -1;
        if (p->how != HOW_EXACT && p->how != HOW_KEY && p->how != HOW_SKELETON && p->how != HOW_FUZZY) return -1;
        const mtok *a = &q[p->qi], *b = &l[p->li];
        name |= cdn_typo_part(a);
        met += p->sim * a->w;
        if (p->how != HOW_EXACT) edits += cdn_damerau(a->text, a->len, b->text, b->len, max);
    }
    return name && edits <= max && met >= cdn_typo_evidence(o->full_evidence) ? edits : -1;
}

/* The one query token and the one list token left unmet, in one place, may be a typo of each other
 * (see CDN_TYPO_EDITS_MAX). */
static void align_typo(const mtok *q, int nq, const mtok *l, int nl, cdn_align *o) {
    if (nq != nl || nq < 2 || nq >= 64) return;
    uint64_t q_open = ~o->q_used & all_tokens(nq), l_open = ~o->l_used & all_tokens(nl);
    if (!one_bit(q_open) || !one_bit(l_open)) return;
    int i = __builtin_ctzll(q_open), j = __builtin_ctzll(l_open);
    if (!cdn_typo_part(&q[i]) || !cdn_typo_part(&l[j])) return;
    int8_t q2l[CDN_MAX_TOKENS];
    plain_pairs(o, q2l);
    if (!same_place(q2l, i, j, nq, nl) && !same_place_round(q2l, i, j, nq)) return;
    int budget = cdn_typo_budget(fewer_letters(q, nq, l, nl));
    int edits = budget ? plain_edits(q, l, o, budget - 1) : -1;
    if (edits < 0) return;
    int d = typo_edits(&q[i], &l[j], budget - edits);
    if (d >= 0) add_pair(o, i, j, 0, 0, HOW_TYPO, d <= 1 ? CDN_TYPO_SIM_ONE : CDN_TYPO_SIM_TWO);
}

/* The weight of tokens i .. i+extra (a pair's side, joined on `extra` neighbours). */
static float run_weight(const mtok *t, int i, int extra) {
    float w = t[i].w;
    for (int k = 1; k <= extra; k++) w += t[i + k].w;
    return w;
}

void cdn_align_forms(const mtok *q, int nq, const mtok *l, int nl, cdn_memo *memo, cdn_align *o) {
    o->score = o->mq = o->wq = o->ml = o->wl = 0;    /* pairs past n_pairs are never read */
    o->n_pairs = 0;
    o->q_used = o->l_used = 0;
    if (nq > CDN_MAX_TOKENS) nq = CDN_MAX_TOKENS;
    if (nl > CDN_MAX_TOKENS) nl = CDN_MAX_TOKENS;
    uint8_t flags = 0;                               /* of every token: halving needs a hyphen */
    for (int i = 0; i < nq; i++) { o->wq += q[i].w; flags |= q[i].flags; }
    for (int j = 0; j < nl; j++) { o->wl += l[j].w; flags |= l[j].flags; }
    if (nq == 0 || nl == 0 || o->wq <= 0 || o->wl <= 0) return;
    /* Through a complete memo, a pair the sieve rules out has similarity 0: not even probed. */
    int sieve = memo && memo->slots && memo->complete && memo->marks;
    uint64_t lbits[CDN_MAX_TOKENS];
    if (sieve)
        for (int j = 0; j < nl; j++) lbits[j] = sieve_bits(memo, l[j].term);
    cand_pair cand[CDN_MAX_TOKENS * 8], initials[CDN_MAX_TOKENS * 2];
    int nc = 0, ni = 0;
    for (int i = 0; i < nq; i++) {
        int sift = sieve && q[i].qid >= 0 && !cdn_is_initial(&q[i]);   /* initials are not in the memo */
        uint64_t qbit = 1ULL << (q[i].qid & 63);
        for (int j = 0; j < nl; j++) {
            if (sift && !(lbits[j] & qbit)) continue;
            uint8_t how;
            float s = cdn_memo_sim(memo, &q[i], &l[j], &how);
            if (s <= 0) continue;
            if (how == HOW_INITIAL && l[j].len == 1 && q[i].len > 1) {     /* a list initial: after */
                if (o->list_initials && ni < (int)(sizeof initials / sizeof *initials))
                    initials[ni++] = (cand_pair){ s, q[i].w + l[j].w, (uint8_t)i, (uint8_t)j, how };
            } else if (nc < (int)(sizeof cand / sizeof *cand)) {
                cand[nc++] = (cand_pair){ s, q[i].w + l[j].w, (uint8_t)i, (uint8_t)j, how };
            }
        }
    }
    sort_pairs(cand, nc);
    int named = 0;                                   /* a pair of two names, not of an initial */
    for (int k = 0; k < nc; k++) {
        const cand_pair *c = &cand[k];
        if ((o->q_used >> c->qi & 1) || (o->l_used >> c->li & 1)) continue;
        add_pair(o, c->qi, c->li, 0, 0, c->how, c->sim);
        named |= c->how != HOW_INITIAL;
    }
    /* A list initial stands for a name only beside a pair of names (the candidate pass counts an
     * entity its letter alone reached out), then for the heaviest query names left. */
    if (named && ni) {
        sort_pairs(initials, ni);
        for (int k = 0; k < ni; k++) {
            const cand_pair *c = &initials[k];
            if (!(o->q_used >> c->qi & 1) && !(o->l_used >> c->li & 1)) add_pair(o, c->qi, c->li, 0, 0, c->how, c->sim);
        }
    }
    uint64_t q_all = all_tokens(nq), l_all = all_tokens(nl);
    if (o->q_used != q_all || o->l_used != l_all) align_joins(q, nq, l, nl, memo, o);
    if (o->q_used != q_all && o->l_used != l_all) align_initialisms(q, nq, l, nl, o);
    if (o->q_used != q_all && o->l_used != l_all) align_truncated(q, nq, l, nl, o);
    if (o->q_used != q_all || o->l_used != l_all) align_repeats(q, nq, l, nl, o);
    if (o->q_used != q_all && o->l_used != l_all) align_typo(q, nq, l, nl, o);
    if (flags & CDN_TOK_HYPHENED) halve_lone_hyphened(q, nq, l, nl, o);
    if (flags & CDN_TOK_PARTICLE) halve_swapped_lineage(q, nq, l, nl, o);
    if (flags & CDN_TOK_PARTICLE) o->wl -= skipped_ancestors(q, nq, l, nl, o->l_used);
    int pairs = 0;
    for (int k = 0; k < o->n_pairs; k++) {
        const cdn_pair *p = &o->pairs[k];
        if (p->repeat != 2) o->mq += p->sim * run_weight(q, p->qi, p->q_joined);
        if (p->repeat != 1) o->ml += p->sim * run_weight(l, p->li, p->l_joined);
        pairs += !p->repeat;
    }
    float cq = o->mq / o->wq, cl = o->ml / o->wl;
    if (cq > 1) cq = 1;
    if (cl > 1) cl = 1;
    float floor = CDN_COVERAGE_FLOOR;               /* little matched: less credit for the query's lead */
    if (o->mq < o->full_evidence) floor *= o->mq / o->full_evidence;
    o->score = cdn_name_score_floor(cq, cl, pairs, floor);
    if (o->score > CDN_NAMES_NO_ONE_CAP && (cdn_names_no_one(q, nq) || cdn_names_no_one(l, nl)))
        o->score = CDN_NAMES_NO_ONE_CAP;
    if (o->q_used && slot_conflict(q, nq, l, nl, o)) o->score *= SLOT_CONFLICT;
}

/* ---- A bound on an alignment, before making it ------------------------------------------- */

/* A join (joined_sim) of two neighbours a, b with one token needs one's first letter to be a's, or
 * one's key to start like a's (the join's key starts like a's key), and lengths within 3: the first
 * bytes of each side, as bits of 64-bit masks, rule most joins out at once, lengths the rest. */
static inline uint64_t byte_bit(char c) { return 1ULL << ((unsigned char)c & 63); }

/* Whether some text of t[0 .. n) is written twice. A repeat has the text of an earlier token (equal
 * terms are equal texts), so only a token whose length and first letter came before is compared. */
static int has_repeats(const mtok *t, int n);

/* The side's repeats, and with them, per token, the tokens of its text (met_repeats). */
static void find_repeats(cdn_bound_side *b, const mtok *t, int n) {
    b->repeats = has_repeats(t, n);
    if (!b->repeats) return;
    for (int k = 0; k < n; k++) {
        b->same[k] = 0;
        for (int i = 0; i < n; i++)
            if (same_text(&t[i], &t[k])) b->same[k] |= 1ULL << i;
    }
}

static int has_repeats(const mtok *t, int n) {
    /* A bit per term, or per (length, first letter) of a token that is no term, of the tokens so
     * far: equal terms are equal texts, and a text that is a term is never a token's without one.
     * A list form's texts are then never read (each another cache miss). */
    uint64_t seen = 0;
    for (int i = 0; i < n; i++) {
        uint32_t h = t[i].term >= 0 ? (uint32_t)t[i].term : t[i].len * 31u + (unsigned char)t[i].text[0];
        uint64_t bit = 1ULL << (h & 63);
        if (seen & bit)
            for (int k = 0; k < i; k++)
                if (t[k].term >= 0 ? t[k].term == t[i].term : same_text(&t[k], &t[i])) return 1;
        seen |= bit;
    }
    return 0;
}


/* Whether the memo's marks tell every way a plain query form meets list tokens: it is complete
 * and no joined pair or triple of the query was left unsure. */
static int marks_tell_all(const cdn_memo *m) {
    return m->slots && m->complete && m->marks && !m->pairs_unsure && !m->triples_unsure;
}

/* Whether a list token of this term may be met: its term has marks, some name spells it as a
 * number, or it may be a query run's initials (bit term % 64 of run_terms). */
static inline int list_term_may_meet(const cdn_memo *m, uint32_t term, const uint64_t *number_terms,
                                     uint64_t run_terms) {
    return term >= m->n_terms || term_marked(m, (int32_t)term) || number_terms[term >> 6] >> (term & 63) & 1 ||
           run_terms >> (term & 63) & 1;
}

/* Whether a list token and the next may be met as one word: their joined term has marks
 * (CDN_IX_JOIN_UNSURE always may). */
static inline int list_join_may_meet(const cdn_memo *m, uint32_t joined) {
    return joined != CDN_IX_NO_JOIN && (joined >= m->n_terms || term_marked(m, (int32_t)joined));
}

int cdn_list_form_unmet(const cdn_memo *m, const cdn_ix_ntok *t, int n, const uint64_t *number_terms) {
    if (!marks_tell_all(m)) return 0;
    for (int k = 0; k < n; k++)
        if (list_term_may_meet(m, t[k].term, number_terms, 0) || list_join_may_meet(m, t[k].joined)) return 0;
    return 1;
}

/* The tokens of the list form t[0 .. n) (n <= 64) that a plain query form may meet: their term
 * has marks, is a number or may be a run's initials, or a marked joined term joins them. */
static uint64_t list_tokens_may_meet(const cdn_memo *m, const cdn_ix_ntok *t, int n, const uint64_t *number_terms,
                                     uint64_t run_terms) {
    uint64_t met = 0;
    for (int k = 0; k < n; k++) {
        if (list_term_may_meet(m, t[k].term, number_terms, run_terms)) met |= 1ULL << k;
        if (list_join_may_meet(m, t[k].joined)) met |= 3ULL << k;
    }
    return met & all_tokens(n);
}

float cdn_list_form_met_share(const cdn_memo *m, const cdn_ix_ntok *t, const float *w, int n, float usable_w,
                              const uint64_t *number_terms, uint64_t run_terms, int typo) {
    if (!marks_tell_all(m) || usable_w <= 0 || n > 64) return 1;
    uint64_t met = list_tokens_may_meet(m, t, n, number_terms, run_terms);
    uint64_t open = all_tokens(n) & ~met;
    if (typo && met && one_bit(open)) met |= open;       /* align_typo may meet it */
    float sum = 0;                                       /* in met_weight's order: its sum is at most this */
    for (; met; met &= met - 1) sum += w[__builtin_ctzll(met)];
    return sum / usable_w;
}

int cdn_list_form_lone_open(const cdn_memo *m, const cdn_ix_ntok *t, int n, const uint64_t *number_terms,
                            uint64_t run_terms) {
    if (!marks_tell_all(m) || n > 64) return -1;
    uint64_t open = all_tokens(n) & ~list_tokens_may_meet(m, t, n, number_terms, run_terms);
    if (!open) return -1;
    return one_bit(open) ? __builtin_ctzll(open) : -2;
}

int cdn_typo_text_may(const mtok *q, const char *text, int len) {
    return letter_edits(q->text, q->len, text, len, CDN_TYPO_EDITS_MAX) >= 0;
}

void cdn_bound_side_weigh(cdn_bound_side *b, const mtok *t, int n) {
    if (n > CDN_MAX_TOKENS) n = CDN_MAX_TOKENS;
    b->w = 0;
    for (int i = 0; i < n; i++) b->w += t[i].w;
    b->skippable = ancestors_off(t, n, 0);   /* the most skipped_ancestors takes */
    find_repeats(b, t, n);
    b->truncatable = 0;
    b->summary_only = 1;
    b->plain = 0;
}

void cdn_bound_side_init(cdn_bound_side *b, const mtok *t, int n) {
    if (n > CDN_MAX_TOKENS) n = CDN_MAX_TOKENS;
    b->w = 0;
    b->one_text = b->one_key = b->pair_text = b->pair_key = b->triple_start = 0;
    b->summary_only = 0;
    b->acro_query = 0;
    b->run_terms = ~0ULL;
    b->truncatable = cdn_truncatable(t, n);
    b->plain = !b->truncatable;
    for (int i = 0; i < n; i++) {
        if (cdn_is_initial(&t[i]) || t[i].qid < 0) b->plain = 0;
        b->w += t[i].w;
        if (t[i].initials && cdn_initialism(&t[i], 1)) b->acro_query |= 1ULL << i;
        b->len[i] = t[i].len;
        b->t0[i] = t[i].text[0];
        b->k0[i] = t[i].key[0];
        b->k1[i] = t[i].flags & CDN_TOK_NUMBER ? 0 : t[i].key[0];
        if (t[i].len >= 4) {
            b->one_text |= byte_bit(b->t0[i]);
            if (b->k1[i]) b->one_key |= byte_bit(b->k1[i]);
        }
        if (i + 1 < n) {
            /* An empty token would let the pair start with its neighbour's letter: any then. */
            b->pair_text |= t[i].len ? byte_bit(b->t0[i]) : ~0ULL;
            if (b->k0[i]) b->pair_key |= byte_bit(b->k0[i]);
        }
        if (i + 2 < n) b->triple_start |= byte_bit(b->t0[i]) | byte_bit(b->k0[i]);
    }
    if (b->acro_query) b->plain = 0;
    b->skippable = ancestors_off(t, n, 0);   /* the most skipped_ancestors takes */
    find_repeats(b, t, n);
}

/* joined_sim's gates that need no joined text or key, on the sides' summaries: token `one` of side
 * os, the pair starting at token `a` of side ps (see byte_bit). */
static inline int join_gates(const cdn_bound_side *os, int one, const cdn_bound_side *ps, int a) {
    int d = (int)os->len[one] - (int)ps->len[a] - (int)ps->len[a + 1];
    if (os->len[one] < 4 || d > 3 || d < -3) return 0;
    return os->t0[one] == ps->t0[a] || (os->k1[one] && os->k1[one] == ps->k0[a]) || !ps->len[a];
}

/* Whether joined_sim(one, a, b) is above 0, once join_gates passed; the joined key is made at most
 * once a query (joined_key). */
static int join_meets(const mtok *one, const mtok *a, const mtok *b, cdn_memo *memo) {
    size_t n = (size_t)a->len + b->len;
    if (n + 1 > sizeof ((joined *)0)->txt) return 0;
    if ((size_t)one->len == n && !memcmp(one->text, a->text, a->len) && !memcmp(one->text + a->len, b->text, b->len))
        return 1;
    if (one->flags & CDN_TOK_NUMBER || !one->key[0] || one->key[0] != a->key[0]) return 0;
    int hit;
    const struct cdn_join_slot *sl = join_slot(memo, a, b, &hit);
    if (hit) return strcmp(one->key, sl->key) == 0;
    joined ab;
    ab.n = -1;
    return strcmp(one->key, join_of(&ab, a, b, memo)->key) == 0;
}

/* Of the tokens `open` of t (summed up in ts), those align_joins may pair with the other side o (in
 * os): as the one word of a pair o writes apart, or as either half of a pair of their own o writes
 * as one. */
static uint64_t joins_open(const mtok *t, int n, const cdn_bound_side *ts, uint64_t open, const mtok *o, int no,
                           const cdn_bound_side *os, cdn_memo *memo) {
    uint64_t met = 0;
    for (int i = 0; i < n; i++) {
        if (!(open >> i & 3)) continue;
        uint64_t tb = byte_bit(ts->t0[i]), kb = ts->k0[i] ? byte_bit(ts->k0[i]) : 0;
        if (open >> i & 1 && ts->len[i] >= 4 && (os->pair_text & tb || os->pair_key & kb))
            for (int j = 0; j + 1 < no; j++)
                if (join_gates(ts, i, os, j) && join_meets(&t[i], &o[j], &o[j + 1], memo)) { met |= 1ULL << i; break; }
        if (i + 1 < n && (os->one_text & tb || os->one_key & kb))
            for (int j = 0; j < no; j++)
                if (join_gates(os, j, ts, i) && join_meets(&o[j], &t[i], &t[i + 1], memo)) { met |= 3ULL << i; break; }
    }
    return met & open;
}

/* The query's triples (three neighbours) and list tokens that align_joins may pair: those of them
 * not yet met (q_open, l_open) are added to *q_met and *l_met. */
static void triples_open(const mtok *q, int nq, const cdn_bound_side *qs, uint64_t q_open, const mtok *l, int nl,
                         uint64_t l_open, uint64_t *q_met, uint64_t *l_met) {
    for (int j = 0; j < nl; j++) {
        /* joined3_sim's first gates: a long list token that starts like a triple or like its key */
        if (l[j].len < 6 || !(qs->triple_start & (byte_bit(l[j].text[0]) | byte_bit(l[j].key[0])))) continue;
        for (int i = 0; i + 2 < nq; i++)
            if ((q_open >> i & 7 || l_open >> j & 1) && joined3_sim(&l[j], &q[i], &q[i + 1], &q[i + 2]) > 0) {
                *q_met |= (7ULL << i) & q_open;
                *l_met |= (1ULL << j) & l_open;
            }
    }
}

/* The list tokens the query's last token may meet cut short (align_truncated): bit j. */
static uint64_t truncated_open(const mtok *q, int nq, const cdn_bound_side *qs, const mtok *l, int nl) {
    uint64_t met = 0;
    if (!qs->truncatable) return 0;
    const mtok *t = &q[nq - 1];
    for (int j = 0; j < nl; j++)
        if (l[j].len >= t->len + 2 && !memcmp(l[j].text, t->text, t->len)) met |= 1ULL << j;
    return met;
}

/* The initialisms among tokens `open` of t (a query's, or a list's: as_query) and the runs of the
 * other side (o) they may meet (align_initialisms): added to *t_met and *o_met. A list token only
 * when its term may be a run's initials (run_terms, from the candidate lookups). */
static void initialisms_open(const mtok *t, uint64_t open, int as_query, uint64_t run_terms, const mtok *o, int no,
                             uint64_t *t_met, uint64_t *o_met) {
    for (; open; open &= open - 1) {
        int i = __builtin_ctzll(open);
        if (t[i].len < CDN_INITIALISM_MIN_QUERY || t[i].len > CDN_INITIALISM_MAX ||
            (!as_query && !(run_terms >> (t[i].term & 63) & 1)) || !cdn_initialism(&t[i], as_query))
            continue;
        for (int j = 0; j + 1 < no; j++) {
            uint64_t run = run_tokens(t[i].text, t[i].len, o, no, j, 1, MAX_LEFT_OUT);
            if (run) { *t_met |= 1ULL << i; *o_met |= run; }
        }
    }
}

/* Adds to met the tokens that repeat the text of a met token of their side: a repeat counts as met
 * as well as its first occurrence (align_repeats). */
static uint64_t met_repeats(const cdn_bound_side *side, uint64_t met) {
    uint64_t all = met;
    for (; met; met &= met - 1) all |= side->same[__builtin_ctzll(met)];
    return all;
}

/* The sum of the weights of the tokens in `met`, and their number. */
static float met_weight(const mtok *t, uint64_t met, int *count) {
    float w = 0;
    int c = 0;
    for (; met; met &= met - 1, c++) w += t[__builtin_ctzll(met)].w;
    *count = c;
    return w;
}

/* The tokens of t (n of them) a typo may meet (align_typo) in forms of as many tokens as the other
 * side's (other_n): with one token left open by `met`, that one when it may stand in a typo's place;
 * with none, every one that may (the alignment pairs one to one, so a token counted met here may be
 * the one it leaves over); with two or more, none. */
static uint64_t typo_places(const mtok *t, int n, int other_n, uint64_t met) {
    if (n != other_n || n < 2 || n >= 64) return 0;
    uint64_t open = ~met & all_tokens(n);
    if (open) return one_bit(open) && cdn_typo_part(&t[__builtin_ctzll(open)]) ? open : 0;
    uint64_t places = 0;
    for (int i = 0; i < n; i++)
        if (cdn_typo_part(&t[i])) places |= 1ULL << i;
    return places;
}

/* A typo may meet the token of each side left open (or, where none is, one counted met), when the
 * two are few edits apart: the open ones count met then. */
static void typo_open(const mtok *q, int nq, const mtok *l, int nl, uint64_t *q_met, uint64_t *l_met) {
    uint64_t qp = typo_places(q, nq, nl, *q_met), lp = typo_places(l, nl, nq, *l_met);
    if (!qp || !lp || !((qp & ~*q_met) | (lp & ~*l_met))) return;
    int budget = cdn_typo_budget(fewer_letters(q, nq, l, nl));
    for (uint64_t qi = budget ? qp : 0; qi; qi &= qi - 1)
        for (uint64_t lj = lp; lj; lj &= lj - 1)
            if (typo_edits(&q[__builtin_ctzll(qi)], &l[__builtin_ctzll(lj)], budget) >= 0) {
                *q_met |= qp;
                *l_met |= lp;
                return;
            }
}

/* cdn_name_score of the coverages the met tokens allow, plus a margin for the other order in
 * which the alignment adds its floats. */
static float met_bound(const mtok *q, const cdn_bound_side *qs, uint64_t q_met, const mtok *l,
                       const cdn_bound_side *ls, uint64_t l_met) {
    int met_q, met_l;
    float cq = met_weight(q, q_met, &met_q) / qs->w, cl = met_weight(l, l_met, &met_l) / (ls->w - ls->skippable);
    return cdn_name_score(cq > 1 ? 1 : cq, cl > 1 ? 1 : cl, met_q < met_l ? met_q : met_l) + 1e-5f;
}

void cdn_bound_list_init(cdn_bound_list *b, const mtok *l, int nl, const cdn_memo *memo, const uint32_t *joined,
                         uint64_t unsure) {
    b->any = 0;
    b->usable = memo && memo->slots && memo->complete && memo->marks;
    b->joins_known = b->usable && joined;
    b->joins_read = 0;
    b->joined = joined;
    b->unsure = unsure;
    if (!b->usable) return;
    if (nl > CDN_MAX_TOKENS) nl = CDN_MAX_TOKENS;
    for (int j = 0; j < nl; j++) b->any |= b->bits[j] = sieve_bits(memo, l[j].term);
}

/* The list side's ones, halves and thirds, from the memo, once a list form. */
static void read_joins(cdn_bound_list *b, const mtok *l, int nl, const cdn_memo *memo) {
    const uint32_t *joined = b->joined;
    for (int j = 0; j < nl; j++) {
        cdn_term_marks k = marks_of(memo, l[j].term);
        b->halves[j] = b->unsure >> j & 1 ? ~0ULL : k.pairs | memo->pairs_unsure;
        b->thirds[j] = b->unsure >> j & 1 ? ~0ULL : k.triples | memo->triples_unsure;
        b->ones[j] = j + 1 >= nl || joined[j] == CDN_IX_NO_JOIN ? 0
                     : joined[j] == CDN_IX_JOIN_UNSURE ? ~0ULL : sieve_bits(memo, (int32_t)joined[j]);
    }
    b->joins_read = 1;
}

/* What the joins may add, from the lookups (joins_known): a query token meets list neighbours
 * l[j], l[j+1] as one word only where its lookups met their joined term, which the index holds
 * (cdn_ix_ntok.joined), and two or three query neighbours meet l[j] as one word only where their
 * joined lookup met its term (cdn_memo_mark_pair, cdn_memo_mark_triple). That is every join
 * align_joins can make (joined_sim and joined3_sim meet by the joined text or its key, both of which
 * those lookups follow), and more: a bound. */
static void joins_looked_up(const mtok *q, int nq, const cdn_bound_list *lb, int nl, uint64_t *q_more,
                            uint64_t *l_more) {
    uint64_t qm = 0, lm = 0;
    for (int j = 0; j < nl; j++) {
        uint64_t halves = lb->halves[j], ones = lb->ones[j], thirds = lb->thirds[j];
        if (!(halves | ones | thirds)) continue;
        for (int i = 0; i < nq; i++) {
            uint64_t qbit = 1ULL << (q[i].qid & 63);
            if (i + 1 < nq && halves & qbit) { qm |= 3ULL << i; lm |= 1ULL << j; }
            if (i + 2 < nq && thirds & qbit) { qm |= 7ULL << i; lm |= 1ULL << j; }
            if (ones & qbit) { qm |= 1ULL << i; lm |= 3ULL << j; }
        }
    }
    *q_more = qm;
    *l_more = lm;
}

/* The tokens initialisms may meet, added to *q_met and *l_met: a query token written as initials
 * (acro_query) and the runs of list tokens it may spell, and a list token whose term may be the
 * initials of a run of the query (run_terms, from the candidate lookups) and that run. Met or not:
 * an initialism the sieve lets meet a token may still pair with a run instead. */
static void initialisms_more(const mtok *q, int nq, const cdn_bound_side *qs, const mtok *l, int nl, uint64_t l_all,
                             uint64_t *q_met, uint64_t *l_met) {
    uint64_t q_more = 0, l_more = 0;
    if (qs->acro_query) initialisms_open(q, qs->acro_query, 1, 0, l, nl, &q_more, &l_more);
    uint64_t l_cand = 0;                          /* list tokens a run's initials may be */
    for (uint64_t open = qs->run_terms ? l_all : 0; open; open &= open - 1)
        if (qs->run_terms >> (l[__builtin_ctzll(open)].term & 63) & 1) l_cand |= open & -open;
    if (l_cand) initialisms_open(l, l_cand, 0, qs->run_terms, q, nq, &l_more, &q_more);
    *q_met |= q_more;
    *l_met |= l_more;
}

/* The pair loop of cdn_align_forms meets a non-initial query token only where the memo's sieve has
 * its bit, an initial only a list token of its first letter, and align_joins only tokens that pass
 * join_gates. Counting every token that may meet something in any of these ways as fully met
 * (similarity <= 1) bounds both coverages, and two pairs need two met tokens a side; since
 * cdn_name_score grows with both coverages, it bounds the score. Halving only lowers it. The joins
 * are looked at last, and only while the bound could still be decided either way. */
int cdn_align_hopeless(const mtok *q, int nq, const cdn_bound_side *qs, const mtok *l, int nl,
                       const cdn_bound_side *ls, cdn_bound_list *lb, cdn_memo *memo, float scale, float need) {
    if (!lb->usable) return 0;
    if (nq > CDN_MAX_TOKENS) nq = CDN_MAX_TOKENS;
    if (nl > CDN_MAX_TOKENS) nl = CDN_MAX_TOKENS;
    if (nq == 0 || nl == 0 || qs->w <= 0 || ls->w <= 0) return need > 0;     /* the alignment scores 0 */
    uint64_t q_sieved = 0, q_met = 0, l_met = 0;
    for (int i = 0; i < nq; i++) {
        if (q[i].qid < 0) return 0;                     /* not in the memo: nothing to say */
        if (cdn_is_initial(&q[i])) {
            for (int j = 0; j < nl; j++)
                if (l[j].text[0] == q[i].text[0]) { q_met |= 1ULL << i; l_met |= 1ULL << j; }
            continue;
        }
        uint64_t qbit = 1ULL << (q[i].qid & 63);
        q_sieved |= qbit;
        if (lb->any & qbit) q_met |= 1ULL << i;
    }
    uint64_t q_direct = q_met;    /* a plain pair may be made (an initial's included): initialisms may meet */
    for (int j = 0; j < nl; j++)
        if (lb->bits[j] & q_sieved) l_met |= 1ULL << j;
    uint64_t cut = truncated_open(q, nq, qs, l, nl);
    if (cut) { q_met |= 1ULL << (nq - 1); l_met |= cut; }
    uint64_t q_all = all_tokens(nq), l_all = all_tokens(nl);
    if (lb->joins_known) {
        /* The joins the lookups allow, pairs and triples, are a few bit tests: one bound with them
         * decides. */
        uint64_t q_more, l_more;
        if (!lb->joins_read) read_joins(lb, l, nl, memo);
        joins_looked_up(q, nq, lb, nl, &q_more, &l_more);
        q_met |= q_more;
        l_met |= l_more;
        if (q_direct && (qs->acro_query || qs->run_terms)) initialisms_more(q, nq, qs, l, nl, l_all, &q_met, &l_met);
        if (qs->repeats) q_met = met_repeats(qs, q_met);
        if (ls->repeats) l_met = met_repeats(ls, l_met);
        typo_open(q, nq, l, nl, &q_met, &l_met);
        return met_bound(q, qs, q_met, l, ls, l_met) * scale < need;
    }
    if (qs->summary_only || ls->summary_only) return 0;      /* joins_open needs the whole summary */
    if (qs->repeats) q_met = met_repeats(qs, q_met);
    if (ls->repeats) l_met = met_repeats(ls, l_met);
    uint64_t q_typo = q_met, l_typo = l_met;
    typo_open(q, nq, l, nl, &q_typo, &l_typo);
    if (met_bound(q, qs, q_typo, l, ls, l_typo) * scale >= need) return 0;    /* joins only add */
    if (q_typo == q_all && l_typo == l_all) return 1;
    if (q_direct && (qs->acro_query || qs->run_terms)) {
        uint64_t qm = q_met, lm = l_met;
        initialisms_more(q, nq, qs, l, nl, l_all, &qm, &lm);
        if (qm != q_met) q_met = qs->repeats ? met_repeats(qs, qm) : qm;
        if (lm != l_met) l_met = ls->repeats ? met_repeats(ls, lm) : lm;
    }
    if (nq >= 3) {
        uint64_t q_more = 0, l_more = 0;
        triples_open(q, nq, qs, q_all & ~q_met, l, nl, l_all & ~l_met, &q_more, &l_more);
        if (q_more) q_met = qs->repeats ? met_repeats(qs, q_met | q_more) : q_met | q_more;
        if (l_more) l_met = ls->repeats ? met_repeats(ls, l_met | l_more) : l_met | l_more;
    }
    if (q_met != q_all) {
        uint64_t more = joins_open(q, nq, qs, q_all & ~q_met, l, nl, ls, memo);
        if (more) q_met = qs->repeats ? met_repeats(qs, q_met | more) : q_met | more;
        /* With every list token met, the most the list side could give (and a typo where one
         * query token is left open). */
        if (met_bound(q, qs, q_met | typo_places(q, nq, nl, q_met), l, ls, l_all) * scale < need) return 1;
    }
    if (l_met != l_all) {
        uint64_t more = joins_open(l, nl, ls, l_all & ~l_met, q, nq, qs, memo);
        if (more) l_met = ls->repeats ? met_repeats(ls, l_met | more) : l_met | more;
    }
    typo_open(q, nq, l, nl, &q_met, &l_met);
    return met_bound(q, qs, q_met, l, ls, l_met) * scale < need;
}

/* Either side may be the fuller name: the query names every part of a listed "AL ASIRI, Ibrahim
 * Hassan" and adds the grandfather, or the list adds a patronymic the query leaves out. The side
 * whose tokens are all accounted for leads; the other's coverage costs up to 38% when the query
 * leads and up to 60% when the list does, since a query is screened to be found and extra query
 * tokens are more often another person. A list name is taken as explained by the query only when
 * two or more tokens meet, so that a one-word alias ("KHALID") does not match every Khalid. */
float cdn_full_evidence(const cordon_index *ix) { return ix ? CDN_FULL_EVIDENCE * ix->meta.max_weight : 0; }

float cdn_name_score(float q_coverage, float l_coverage, int pairs) {
    return cdn_name_score_floor(q_coverage, l_coverage, pairs, CDN_COVERAGE_FLOOR);
}

float cdn_name_score_floor(float q_coverage, float l_coverage, int pairs, float floor) {
    float by_query = q_coverage * (floor + (1 - floor) * l_coverage);
    float by_list = pairs >= 2 ? l_coverage * (CDN_LIST_LEAD_FLOOR + (1 - CDN_LIST_LEAD_FLOOR) * q_coverage) : 0;
    return by_query > by_list ? by_query : by_list;
}
