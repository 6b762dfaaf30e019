/* names.c — name structure: titles dropped, particles and patronymics flagged, company legal forms
 * mapped to a class token, generic company words flagged, Arabic Abd al- compounds.
 * Invariant: the word tables are static const; their look-up index lives on the cdn_text handle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text/text_int.h"

enum { W_TITLE, W_LEGAL, W_GENERIC };
#define W_EDGE 0x80     /* only as the first or last token (short forms that are also words) */

typedef struct { const char *words; const char *canon; uint8_t kind; } word_entry;

/* Words are matched on their phonetic key (so Cyrillic romanized by any scheme meets), except
 * words under four letters, which must match exactly. */
static const word_entry WORDS[] = {
    /* Titles and honorifics (persons). */
    { "mr", NULL, W_TITLE }, { "mrs", NULL, W_TITLE }, { "ms", NULL, W_TITLE },
    { "miss", NULL, W_TITLE }, { "mister", NULL, W_TITLE }, { "dr", NULL, W_TITLE },
    { "doctor", NULL, W_TITLE }, { "prof", NULL, W_TITLE }, { "professor", NULL, W_TITLE },
    { "haji", NULL, W_TITLE }, { "hajji", NULL, W_TITLE }, { "hadji", NULL, W_TITLE },
    { "hajj", NULL, W_TITLE }, { "haj", NULL, W_TITLE }, { "alhaj", NULL, W_TITLE },
    { "alhaji", NULL, W_TITLE }, { "alhajj", NULL, W_TITLE }, { "mullah", NULL, W_TITLE },
    { "mulla", NULL, W_TITLE }, { "molla", NULL, W_TITLE }, { "maulana", NULL, W_TITLE },
    { "mawlana", NULL, W_TITLE }, { "maulvi", NULL, W_TITLE }, { "mawlawi", NULL, W_TITLE },
    { "moulvi", NULL, W_TITLE }, { "molvi", NULL, W_TITLE }, { "mawlavi", NULL, W_TITLE },
    { "sheikh", NULL, W_TITLE }, { "shaikh", NULL, W_TITLE }, { "sheik", NULL, W_TITLE },
    { "shaykh", NULL, W_TITLE }, { "sayyid", NULL, W_TITLE }, { "sayyed", NULL, W_TITLE },
    { "seyyed", NULL, W_TITLE }, { "general", NULL, W_TITLE }, { "gen", NULL, W_TITLE },
    { "colonel", NULL, W_TITLE }, { "col", NULL, W_TITLE }, { "lieutenant", NULL, W_TITLE },
    { "lt", NULL, W_TITLE }, { "major", NULL, W_TITLE }, { "captain", NULL, W_TITLE },
    { "capt", NULL, W_TITLE }, { "brigadier", NULL, W_TITLE }, { "admiral", NULL, W_TITLE },
    { "commander", NULL, W_TITLE }, { "sir", NULL, W_TITLE }, { "lord", NULL, W_TITLE },
    { "lady", NULL, W_TITLE }, { "dame", NULL, W_TITLE }, { "eng", NULL, W_TITLE },
    { "engr", NULL, W_TITLE }, { "qari", NULL, W_TITLE }, { "mufti", NULL, W_TITLE },
    { "hon", NULL, W_TITLE }, { "gospodin", NULL, W_TITLE },
    /* Legal forms → class. */
    { "llc", "llc", W_LEGAL }, { "ooo", "llc", W_LEGAL }, { "tov", "llc", W_LEGAL },
    { "gmbh", "llc", W_LEGAL }, { "sarl", "llc", W_LEGAL }, { "srl", "llc", W_LEGAL },
    { "sro", "llc", W_LEGAL }, { "spzoo", "llc", W_LEGAL }, { "sp z oo", "llc", W_LEGAL },
    { "kft", "llc", W_LEGAL }, { "bv", "llc", W_LEGAL | W_EDGE }, { "too", "llc", W_LEGAL | W_EDGE },
    { "mchj", "llc", W_LEGAL }, { "mmc", "llc", W_LEGAL }, { "odo", "llc", W_LEGAL },
    { "llp", "llc", W_LEGAL }, { "taa", "llc", W_LEGAL }, { "aat", "jsc", W_LEGAL },
    { "zat", "jsc", W_LEGAL }, { "tdv", "llc", W_LEGAL },
    { "tavarystva z abmezhavanay adkaznastsyu", "llc", W_LEGAL },
    { "adkrytaye aktsyyanernaye tavarystva", "jsc", W_LEGAL },
    { "aktsyyanernaye tavarystva", "jsc", W_LEGAL }, { "eurl", "llc", W_LEGAL }, { "sas", "llc", W_LEGAL | W_EDGE },
    { "fzllc", "llc", W_LEGAL }, { "fz llc", "llc", W_LEGAL }, { "fze", "llc", W_LEGAL },
    { "fzco", "llc", W_LEGAL }, { "fzc", "llc", W_LEGAL },
    { "limited liability company", "llc", W_LEGAL },
    { "limited liability partnership", "llc", W_LEGAL },
    { "obshchestvo s ogranichennoy otvetstvennostyu", "llc", W_LEGAL },
    { "tovarystvo z obmezhenoyu vidpovidalnistyu", "llc", W_LEGAL },
    { "gesellschaft mit beschrankter haftung", "llc", W_LEGAL },
    { "societe a responsabilite limitee", "llc", W_LEGAL },
    { "sociedad de responsabilidad limitada", "llc", W_LEGAL },
    { "societa a responsabilita limitata", "llc", W_LEGAL },
    { "jsc", "jsc", W_LEGAL }, { "ao", "jsc", W_LEGAL | W_EDGE }, { "pjsc", "jsc", W_LEGAL },
    { "pao", "jsc", W_LEGAL }, { "ojsc", "jsc", W_LEGAL }, { "oao", "jsc", W_LEGAL },
    { "cjsc", "jsc", W_LEGAL }, { "zao", "jsc", W_LEGAL }, { "nao", "jsc", W_LEGAL | W_EDGE },
    { "ag", "jsc", W_LEGAL | W_EDGE }, { "sa", "jsc", W_LEGAL | W_EDGE }, { "plc", "jsc", W_LEGAL },
    { "nv", "jsc", W_LEGAL | W_EDGE }, { "spa", "jsc", W_LEGAL | W_EDGE },
    { "ab", "jsc", W_LEGAL | W_EDGE }, { "asa", "jsc", W_LEGAL | W_EDGE },
    { "pat", "jsc", W_LEGAL | W_EDGE }, { "prat", "jsc", W_LEGAL }, { "jscb", "jsc", W_LEGAL },
    { "joint stock company", "jsc", W_LEGAL }, { "open joint stock company", "jsc", W_LEGAL },
    { "closed joint stock company", "jsc", W_LEGAL }, { "public joint stock company", "jsc", W_LEGAL },
    { "private joint stock company", "jsc", W_LEGAL }, { "joint stock", "jsc", W_LEGAL },
    { "aktsionernoye obshchestvo", "jsc", W_LEGAL },
    { "publichnoye aktsionernoye obshchestvo", "jsc", W_LEGAL },
    { "otkrytoye aktsionernoye obshchestvo", "jsc", W_LEGAL },
    { "zakrytoye aktsionernoye obshchestvo", "jsc", W_LEGAL },
    { "aktsionerne tovarystvo", "jsc", W_LEGAL },
    { "pryvatne aktsionerne tovarystvo", "jsc", W_LEGAL },
    { "publichne aktsionerne tovarystvo", "jsc", W_LEGAL },
    { "aktiengesellschaft", "jsc", W_LEGAL }, { "societe anonyme", "jsc", W_LEGAL },
    { "sociedad anonima", "jsc", W_LEGAL }, { "public limited company", "jsc", W_LEGAL },
    { "societa per azioni", "jsc", W_LEGAL }, { "naamloze vennootschap", "jsc", W_LEGAL },
    { "aktiebolag", "jsc", W_LEGAL }, { "kabushiki kaisha", "jsc", W_LEGAL },
    { "ltd", "ltd", W_LEGAL }, { "limited", "ltd", W_LEGAL }, { "co ltd", "ltd", W_LEGAL },
    { "coltd", "ltd", W_LEGAL }, { "company limited", "ltd", W_LEGAL },
    { "company ltd", "ltd", W_LEGAL }, { "co limited", "ltd", W_LEGAL },
    { "pte ltd", "ltd", W_LEGAL }, { "pvt ltd", "ltd", W_LEGAL }, { "private limited", "ltd", W_LEGAL },
    { "pty ltd", "ltd", W_LEGAL }, { "ltda", "ltd", W_LEGAL }, { "limitada", "ltd", W_LEGAL },
    { "sdn bhd", "ltd", W_LEGAL }, { "bhd", "ltd", W_LEGAL }, { "berhad", "ltd", W_LEGAL },
    { "corp", "corp", W_LEGAL }, { "corporation", "corp", W_LEGAL }, { "inc", "inc", W_LEGAL },
    { "incorporated", "inc", W_LEGAL },
    { "youxian gongsi", "ltd", W_LEGAL }, { "gufen youxian gongsi", "jsc", W_LEGAL },
    { "youxian zeren gongsi", "llc", W_LEGAL }, { "jusikhoesa", "jsc", W_LEGAL },
    { "chusikhoesa", "jsc", W_LEGAL },
    /* Generic words of company names. */
    { "co", "company", W_GENERIC }, { "company", "company", W_GENERIC },
    { "kompaniya", "company", W_GENERIC }, { "sharika", "company", W_GENERIC },
    { "sharikat", "company", W_GENERIC }, { "shirkat", "company", W_GENERIC },
    { "sherkat", "company", W_GENERIC }, { "trading", NULL, W_GENERIC }, { "trade", NULL, W_GENERIC },
    { "general", NULL, W_GENERIC }, { "group", NULL, W_GENERIC }, { "gruppa", "group", W_GENERIC },
    { "bank", NULL, W_GENERIC }, { "international", NULL, W_GENERIC },
    { "intl", "international", W_GENERIC }, { "industrial", NULL, W_GENERIC },
    { "industries", NULL, W_GENERIC }, { "industry", NULL, W_GENERIC },
    { "holding", NULL, W_GENERIC }, { "holdings", "holding", W_GENERIC },
    { "import", NULL, W_GENERIC }, { "export", NULL, W_GENERIC }, { "shipping", NULL, W_GENERIC },
    { "commercial", NULL, W_GENERIC }, { "investment", NULL, W_GENERIC },
    { "investments", "investment", W_GENERIC }, { "development", NULL, W_GENERIC },
    { "foreign", NULL, W_GENERIC }, { "national", NULL, W_GENERIC }, { "state", NULL, W_GENERIC },
    { "enterprise", NULL, W_GENERIC }, { "enterprises", "enterprise", W_GENERIC },
    { "services", NULL, W_GENERIC }, { "service", NULL, W_GENERIC },
    { "technology", NULL, W_GENERIC }, { "technologies", "technology", W_GENERIC },
    { "engineering", NULL, W_GENERIC }, { "construction", NULL, W_GENERIC },
    { "logistics", NULL, W_GENERIC }, { "global", NULL, W_GENERIC }, { "the", NULL, W_GENERIC },
    { "and", NULL, W_GENERIC }, { "of", NULL, W_GENERIC }, { "for", NULL, W_GENERIC },
    { "muassasa", NULL, W_GENERIC }, { "zavod", NULL, W_GENERIC }, { "center", NULL, W_GENERIC },
    { "centre", "center", W_GENERIC }, { "gongsi", "company", W_GENERIC },
    { "jituan", "group", W_GENERIC }, { "maoyi", "trading", W_GENERIC },
};
#define N_WORDS (sizeof WORDS / sizeof *WORDS)
#define MAX_WORDS_IN_ENTRY 6

/* Entries hashed by their first word's matcher (key, or text when short): open addressing. */
#define HASH_SLOTS 1024
struct cdn_wordtab {
    uint16_t slot[HASH_SLOTS];                    /* entry + 1, 0 = empty */
    char rest[N_WORDS][MAX_WORDS_IN_ENTRY][24];   /* matchers of all words of each entry */
    uint8_t nwords[N_WORDS];
};

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static void matcher(const char *w, size_t len, char *out)
{
    if (len < 4) { memcpy(out, w, len); out[len] = 0; return; }
    cdn_key(w, len, out, 24);
}

int cdn_words_open(cdn_text *t)
{
    cdn_wordtab *wt = calloc(1, sizeof *wt);
    if (!wt) return -1;
    for (size_t e = 0; e < N_WORDS; e++) {
        const char *p = WORDS[e].words;
        int k = 0;
        while (*p && k < MAX_WORDS_IN_ENTRY) {
            const char *sp = strchr(p, ' ');
            size_t l = sp ? (size_t)(sp - p) : strlen(p);
            matcher(p, l, wt->rest[e][k++]);
            p += l;
            while (*p == ' ') p++;
        }
        wt->nwords[e] = (uint8_t)k;
        uint32_t h = hash_str(wt->rest[e][0]) & (HASH_SLOTS - 1);
        while (wt->slot[h]) h = (h + 1) & (HASH_SLOTS - 1);
        wt->slot[h] = (uint16_t)(e + 1);
    }
    t->words = wt;
    return 0;
}

void cdn_words_close(cdn_text *t)
{
    free(t->words);
    t->words = NULL;
}

static const char *tok_text(const cdn_text *t, const cdn_tok *k) { return t->sbuf + k->off; }

/* The matcher string of a token (its text if short, else its key). */
static const char *tok_matcher(const cdn_text *t, const cdn_tok *k)
{
    return k->len < 4 ? tok_text(t, k) : t->sbuf + k->koff;
}

/* The next kept token at or after i. */
static size_t next_kept(const cdn_text *t, size_t i)
{
    while (i < t->n_toks && t->toks[i].dropped) i++;
    return i;
}

/* The longest table entry of one of `kinds` starting at token i; its token count in *span. */
static int find_entry(const cdn_text *t, size_t i, unsigned kinds, size_t *span, size_t *last)
{
    const cdn_wordtab *wt = t->words;
    const char *m = tok_matcher(t, &t->toks[i]);
    int best = -1;
    size_t best_span = 0;
    for (uint32_t h = hash_str(m) & (HASH_SLOTS - 1); wt->slot[h]; h = (h + 1) & (HASH_SLOTS - 1)) {
        size_t e = wt->slot[h] - 1u;
        if (wt->rest[e][0][0] != m[0] || strcmp(wt->rest[e][0], m) != 0) continue;
        if (!((1u << (WORDS[e].kind & 0x7F)) & kinds)) continue;
        size_t j = i, k = 1, end = i;
        for (; k < wt->nwords[e]; k++) {
            j = next_kept(t, j + 1);
            if (j >= t->n_toks || strcmp(tok_matcher(t, &t->toks[j]), wt->rest[e][k]) != 0) break;
            end = j;
        }
        if (k == wt->nwords[e] && k > best_span) { best = (int)e; best_span = k; *last = end; }
    }
    *span = best_span;
    return best;
}

static int is_patronymic(const char *s, size_t n)
{
#define S(x) { x, sizeof x - 1 }
    static const struct { const char *s; size_t len; } SUFFIX[] = {
        S("ovich"), S("evich"), S("ovna"), S("evna"), S("ichna"), S("ovych"), S("evych"), S("ivna"),
        S("auna"), S("euna"), S("ovitch"), S("evitch"), S("owitsch"), S("ewitsch"), S("ovic"),
        S("evic"), S("avich") };
#undef S
    if (n < 6 || (s[n - 1] != 'h' && s[n - 1] != 'a' && s[n - 1] != 'c')) return 0;
    for (size_t i = 0; i < sizeof SUFFIX / sizeof *SUFFIX; i++) {
        size_t l = SUFFIX[i].len;
        if (n > l + 1 && memcmp(s + n - l, SUFFIX[i].s, l) == 0) return 1;
    }
    return 0;
}

static int is_particle(const char *s, size_t n)
{
    static const char *const P[] = { "al", "el", "ul", "bin", "ibn", "ben", "bint", "binti", "abu",
                                     "abi", "van", "von", "de", "da", "di", "del", "della", "der",
                                     "den", "du", "dos", "das", "la", "le", "ter", "ten", "ould",
                                     "ogly", "ogli", "oglu", "kyzy", "kizi" };
    if (n < 2 || n > 5) return 0;
    for (size_t i = 0; i < sizeof P / sizeof *P; i++)
        if (P[i][0] == s[0] && strncmp(P[i], s, n) == 0 && P[i][n] == 0)
            return 1;
    return 0;
}

/* Replaces token i's text by a canonical word (appended to sbuf). */
static void set_text(cdn_text *t, size_t i, const char *canon)
{
    size_t l = strlen(canon);
    size_t need = t->slen + 5 * l + 10;
    if (need > t->scap) {
        size_t cap = need * 2;
        char *p = realloc(t->sbuf, cap);
        if (!p) return;                                /* no memory: the token keeps its text */
        t->sbuf = p;
        t->scap = cap;
    }
    cdn_tok *k = &t->toks[i];
    size_t kl, sl;
    k->off = (uint32_t)t->slen;
    memcpy(t->sbuf + t->slen, canon, l + 1);
    k->koff = (uint32_t)(t->slen + l + 1);
    k->soff = (uint32_t)(k->koff + 2 * l + 2);
    cdn_tok_keys(t, canon, l, t->sbuf + k->koff, &kl, t->sbuf + k->soff, &sl);
    k->len = (uint16_t)l;
    k->klen = (uint16_t)kl;
    k->sklen = (uint16_t)sl;
    t->slen = k->soff + sl + 1;
}

/* The spelling a name comes out with must not depend on `kind`: a query of unknown kind meets
 * list names of every kind. So legal forms and generic words are rewritten to their class for
 * every kind (short ambiguous ones like "SA" only at the start or end of the name); only the
 * flags, and which titles are dropped, follow the kind. */
void cdn_name_rules(cdn_text *t, cordon_kind kind)
{
    int person = kind == CORDON_KIND_PERSON, any = kind == CORDON_KIND_ANY;
    size_t first = next_kept(t, 0), n_kept = 0, n_titles = 0;
    size_t lastk = t->n_toks;
    for (size_t i = 0; i < t->n_toks; i++) if (!t->toks[i].dropped) { n_kept++; lastk = i; }
    for (size_t i = first; i < t->n_toks; i = next_kept(t, i + 1)) {
        cdn_tok *k = &t->toks[i];
        const char *s = tok_text(t, k);
        size_t span = 0, end = i;
        int after_al = i > 0 && !t->toks[i - 1].dropped && t->toks[i - 1].len == 2
                       && memcmp(tok_text(t, &t->toks[i - 1]), "al", 2) == 0;
        /* Titles lead a name (Haji Mullah Mohammed Omar); later, "Sayed" or "General" are
         * more often a name or a word of it. */
        int title_ok = (person || any) && i == first && n_kept > 1 && !after_al;
        unsigned kinds = 1u << W_LEGAL | 1u << W_GENERIC | (title_ok ? 1u << W_TITLE : 0);
        int e = find_entry(t, i, kinds, &span, &end);
        if (e >= 0) {
            unsigned wk = WORDS[e].kind & 0x7F;
            int edge = i == first || end == lastk;
            if (wk == W_TITLE) {
                k->dropped = 1;
                n_titles++;
                if (i == first) first = next_kept(t, i + 1);
                continue;
            }
            if (!(WORDS[e].kind & W_EDGE) || edge) {
                for (size_t j = i + 1; j <= end; j++) t->toks[j].dropped = 1;
                if (WORDS[e].canon) set_text(t, i, WORDS[e].canon);
                if (!person) k->flags |= wk == W_LEGAL ? CDN_TOK_LEGAL_FORM : CDN_TOK_GENERIC;
                i = end;
                continue;
            }
        }
        if (is_particle(s, k->len)) k->flags |= CDN_TOK_PARTICLE;
        if ((person || any) && is_patronymic(s, k->len)) k->flags |= CDN_TOK_PATRONYMIC;
    }
    if (n_titles && n_titles >= n_kept)
        for (size_t i = 0; i < t->n_toks; i++) t->toks[i].dropped = 0;   /* keep "General" alone */
}

/* Arabic compounds: scholarly style keeps "abd al rahman" / "abd allah" / "nur al din"; popular
 * joins them as lists mostly write them ("abdul rahman", "abdullah", "hamidullah", "nuruddin");
 * the joined style writes one word the other common way ("abdulrahman", "abdallah",
 * "hamidallah", "abdelmalik", "nureddin"). Names come out of the lists in all three shapes. */
void cdn_arabic_compounds(cdn_text *t, int style)
{
    if (style == CDN_AR_SCHOLAR) return;
    int pop = style == CDN_AR_POPULAR;
    char joined[2 * CDN_TOKEN_MAX + 8];
    for (size_t i = 0; i < t->n_toks; i++) {
        cdn_tok *a = &t->toks[i];
        if (a->dropped) continue;
        size_t j = next_kept(t, i + 1);
        if (j >= t->n_toks) break;
        const char *x = tok_text(t, a), *b = tok_text(t, &t->toks[j]);
        size_t k = next_kept(t, j + 1);
        int is_abd = a->len == 3 && memcmp(x, "abd", 3) == 0;
        if (strcmp(b, "allah") == 0 && a->len < CDN_TOKEN_MAX) {
            if (is_abd) snprintf(joined, sizeof joined, "%s", pop ? "abdullah" : "abdallah");
            else snprintf(joined, sizeof joined, "%s%s", x, pop ? "ullah" : "allah");
            set_text(t, i, joined);
            t->toks[j].dropped = 1;
        } else if (strcmp(b, "al") == 0 && is_abd) {
            if (pop || k >= t->n_toks) {
                set_text(t, i, "abdul");
                t->toks[j].dropped = 1;
            } else if (t->toks[k].len < CDN_TOKEN_MAX) {
                snprintf(joined, sizeof joined, "abdel%s", tok_text(t, &t->toks[k]));
                set_text(t, i, joined);
                t->toks[j].dropped = 1;
                t->toks[k].dropped = 1;
            }
        } else if (strcmp(b, "al") == 0 && k < t->n_toks && strcmp(tok_text(t, &t->toks[k]), "din") == 0
                   && a->len < CDN_TOKEN_MAX) {
            snprintf(joined, sizeof joined, "%s%s", x, pop ? "uddin" : "eddin");
            set_text(t, i, joined);
            t->toks[j].dropped = 1;
            t->toks[k].dropped = 1;
        }
    }
}
