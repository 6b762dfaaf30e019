/* match.h — the screening engine: token similarity, name alignment, secondary evidence, candidates.
 * Invariant: the index mode and the exhaustive mode score an entity with the very same functions.
 */
#ifndef CDN_MATCH_H
#define CDN_MATCH_H

#include <stdint.h>
#include "cordon.h"
#include "index/index.h"
#include "ingest/ingest.h"
#include "text/text.h"

/* A token as the scorer sees it, from a query analysis or from an index form. */
typedef struct mtok {
    const char *text, *key, *skel;
    uint16_t len;
    uint8_t flags;       /* CDN_TOK_* */
    uint8_t script : 7;  /* cdn_script the token was written in; CDN_SCRIPT_NONE if unknown */
    uint8_t initials : 1; /* query tokens: written as initials (cdn_token.initials); else 0 */
    float w;             /* weight: rarity times what the token is (legal form, particle …) */
    int32_t term;        /* the index term it is (for a query token: the term it equals), or -1 */
    int32_t qid;         /* query tokens: the first token of the query with the same text, so that
                          * forms sharing a token share its lookups and similarities; else -1 */
} mtok;

/* How two tokens met. */
enum cdn_how { HOW_NONE, HOW_EXACT, HOW_KEY, HOW_SKELETON, HOW_FUZZY, HOW_INITIAL, HOW_JOINED, HOW_REPEATED,
               HOW_TRUNCATED, HOW_INITIALISM, HOW_TYPO };
const char *cdn_how_name(int how);

/* Similarity of two tokens in [0,1]; 0 below the floor. *how tells which rule decided. */
float cdn_token_sim(const mtok *a, const mtok *b, uint8_t *how);

#define CDN_SIM_FLOOR 0.80f
/* A fuzzy pair counts from this similarity, the least any pair but an initial counts. A one-edit
 * typo of a 4- or 5-letter name part (Musk/Mosk, Asif/Arif) lands near 0.80 after the short-token
 * discount. The one-edit gate already says it may be the name; counting it at its similarity,
 * rather than as nothing, lets the rest of the name decide. */
#define CDN_FUZZY_FLOOR 0.70f

/* A name written with a typo or two: two forms of as many tokens that agree everywhere but in one
 * place, where each holds a name part the other did not meet (Tim / Tom Cook, KO CHOL MAN / HUN),
 * meet there (HOW_TYPO) when the whole name is at most CDN_TYPO_EDITS_MAX edits (Damerau) away:
 * that place's edits plus those of the other pairs met inexactly. Fewer for short names (see
 * cdn_typo_budget), never a whole part replaced (Bo / Li). The pair counts CDN_TYPO_SIM_ONE for one
 * edit there, CDN_TYPO_SIM_TWO for two. */
#define CDN_TYPO_EDITS_MAX 2
#define CDN_TYPO_SIM_ONE 0.90f
#define CDN_TYPO_SIM_TWO 0.80f
/* The rest of the name must say who it is: its pairs weigh (times their similarity) at least this
 * share of the index's top weight, a rare name part or two common ones. "Mohammed" met exactly says
 * little, and Mohammed Nori is not Mohammed Noor; Keir Starkey may be Keir Starmer. */
#define CDN_TYPO_EVIDENCE 0.5f
/* That least weight, from cdn_full_evidence's (0 without an index: no least weight). */
float cdn_typo_evidence(float full_evidence);
/* Whether a token may stand in a typo's place: a name part of two letters or more (no number,
 * initial, particle, legal form or initials written as such), not written a syllable a sign (a
 * typo in Hangul or Han is another syllable, whose reading may be letters apart or not). */
int cdn_typo_part(const mtok *t);
/* Whether a script's romanization guesses the vowels (abjads, and abugidas read with their inherent
 * vowel): a typo there meets only a token of the same script, one consonant apart at most. */
int cdn_vowels_guessed(int script);
/* The edits a name of this many letters (the shorter side's) may hold: 0 under 5, 1 under 8. */
int cdn_typo_budget(int letters);

/* The skeletons a query token written in Arabic script has when one u/o of its romanization is
 * read as the consonant w (Tharut: trt, trwt), each once, at most max; the similarity's Arabic
 * reading rule accepts them, so the candidate lookups probe them too. */
#define CDN_W_READING_MAX 64
int cdn_arabic_w_readings(const mtok *q, char out[][CDN_W_READING_MAX], int max);
/* The skeletons a Hebrew-script query token has when its p/f, b/w (v) and k/h (kh) are read the
 * other way (the points that tell them apart are seldom written), each but its own, at most max:
 * the reading rule accepts them, so the lookups probe them too. A skeleton with more than
 * CDN_HEBREW_TWINS_MAX such letters is read as written only. */
#define CDN_HEBREW_TWINS_MAX 4
int cdn_hebrew_readings(const mtok *q, char out[][CDN_W_READING_MAX], int max);

/* The last token of a query form of CDN_TRUNCATED_NAME_MIN tokens and CDN_TRUNCATED_CHARS characters
 * or more may be a word cut short at a field's length when it has CDN_TRUNCATED_MIN letters or more
 * (and is no number, no romanized syllable, no word the lists spell so); it then meets a longer list
 * token it starts, at CDN_TRUNCATED_SIM (HOW_TRUNCATED). */
#define CDN_TRUNCATED_NAME_MIN 3
#define CDN_TRUNCATED_MIN 4
#define CDN_TRUNCATED_CHARS 35
#define CDN_TRUNCATED_SIM 0.85f
int cdn_truncatable(const mtok *q, int nq);

/* Three query neighbours may be one list word only when each is a short piece (Plat Ono Vich,
 * Platonovich): a word split in three leaves short pieces, and looking up every triple of a long
 * name cost screening time out of proportion (each lookup one more probe of the index's maps). */
#define CDN_TRIPLE_PART_MAX 5
int cdn_triple_may_join(const mtok *a, const mtok *b, const mtok *c);

/* An initialism (U.S., DPRK) meets the run of neighbours whose first letters it is (United States,
 * Democratic People's Republic of Korea; two connecting words such as "of" may be left out), at
 * CDN_INITIALISM_SIM, once another pair met (HOW_INITIALISM). A query token does so when it was
 * written as initials (mtok.initials) and has CDN_INITIALISM_MIN_QUERY to CDN_INITIALISM_MAX letters;
 * a list token, whose spelling the index does not keep, with CDN_INITIALISM_MIN_LIST letters or more
 * (Li or Wu are names, not initials). */
#define CDN_INITIALISM_MIN_QUERY 2
#define CDN_INITIALISM_MIN_LIST 3
#define CDN_INITIALISM_MAX 6
#define CDN_INITIALISM_SIM 0.90f
/* Whether a query token (as_query) or a list token may be an initialism. */
int cdn_initialism(const mtok *t, int as_query);
/* Calls each(initials, len, first, last, ctx) for every run of query tokens t[first..last] that a
 * list initialism of CDN_INITIALISM_MIN_LIST to CDN_INITIALISM_MAX letters may stand for (the
 * candidate lookups look these initials up); stops when each returns nonzero. */
void cdn_run_initials(const mtok *t, int n, int (*each)(const char *, int, int, int, void *), void *ctx);

/* One aligned pair: query tokens qi .. qi+q_joined with list tokens li .. li+l_joined (a side
 * joined on 1 or 2 neighbours is written apart where the other writes one word). */
typedef struct cdn_pair {
    uint8_t qi, li, q_joined, l_joined, how;
    uint8_t repeat;           /* HOW_REPEATED: 1 the query token qi repeats one already met,
                               * 2 the list token li does */
    float sim;
} cdn_pair;

/* The alignment of one query form with one list form. */
typedef struct cdn_align {
    float score;              /* the name score in [0,1] */
    float mq, wq, ml, wl;     /* matched and total weight, query side and list side */
    int n_pairs;
    cdn_pair pairs[CDN_MAX_TOKENS];
    uint64_t q_used, l_used;  /* bit i: token i aligned */
    float full_evidence;      /* set by the caller (cdn_full_evidence), kept by cdn_align_forms */
    int list_initials;        /* set by the caller: a list initial may stand for a query name
                               * (cdn_kind_has_initials of the list name's kind) */
} cdn_align;

/* A query fully accounted for weighs in with CDN_COVERAGE_FLOOR of its own (cdn_name_score) only when
 * what it matched is worth as much as a rare name part: below CDN_FULL_EVIDENCE of the index's top
 * weight, that floor shrinks in proportion. "Kim", "Korea" or "Bank" alone are fully accounted for
 * in "KIM Chol" or "Korea Trading Bank", yet name no one. 0 (no index: every weight 1) turns it off. */
#define CDN_FULL_EVIDENCE 0.73f
float cdn_full_evidence(const cordon_index *ix);

/* What one query's lookups met at one index term, in use when stamp is the memo's epoch. sieve:
 * bit qid % 64 is set when a nonzero similarity of the term with a query token of that qid is
 * stored (once the memo is complete, a clear bit proves a similarity 0 without probing); pairs,
 * triples: bit qid % 64 of the first of two or three neighbours whose joined lookup met the term. */
typedef struct cdn_term_marks {
    uint32_t stamp;
    int32_t term;
    uint64_t sieve, pairs, triples;
} cdn_term_marks;

/* One similarity in the memo, in use when its stamp is the memo's epoch: 16 bytes, so that a probe
 * reads one cache line (the similarities are stored while the lookups rate, and read by the sieve
 * bound and the alignment). */
typedef struct cdn_memo_slot {
    uint32_t stamp, term;
    uint16_t qid;
    uint8_t how;
    float sim;
} cdn_memo_slot;

/* Slots of the memo's table of marked terms: a power of two, filled to 3/4 at most. */
#define CDN_MARK_SLOTS 512

/* Per-query memo of token similarities keyed by (query token number, index term). */
typedef struct cdn_memo {
    struct cdn_memo_slot *slots;  /* open addressing on (qid, term) */
    uint32_t mask, used, epoch;
    int dropped;              /* a similarity could not be stored (memo full, or probe too long) */
    int complete;             /* every nonzero similarity of the query's tokens is stored: a miss is 0 */
    /* What the query's lookups met at each term they met (cdn_term_marks), in a small table by
     * term (CDN_MARK_SLOTS; a query marks 12 terms at the median, 206 at most over the eval
     * queries), and the neighbours whose joined lookup was not made as joined_sim would meet them
     * (bit qid % 64 of the first token): those may meet any term. */
    struct cdn_term_marks *marks;
    uint32_t marks_used;
    size_t n_terms;           /* the index's: terms past it have no marks */
    /* Bit t: term t has marks this query, so that most terms a list form holds, which have none,
     * are told without a probe of the table. A term marked whose marks the full table could not
     * take reads as marked every way. The words set are listed, and cleared at the next query. */
    uint64_t *marked;
    uint32_t *marked_words; size_t n_marked_words;
    uint64_t pairs_unsure, triples_unsure;
    struct cdn_join_slot *joins;  /* keys of joined neighbours made this query (align.c) */
} cdn_memo;

void cdn_memo_reset(cdn_memo *m);
/* Stores a similarity found elsewhere (a lookup replayed from an earlier query) as cdn_memo_sim
 * would have stored it: nothing when the list token is no index term or q->qid < 0. */
void cdn_memo_put(cdn_memo *m, const mtok *q, int32_t term, float sim, uint8_t how);
/* Keeps the sieve for terms 0 .. n_terms-1 (an index's); -1 on no memory. */
int cdn_memo_track_terms(cdn_memo *m, size_t n_terms);
/* Notes that the joined lookup of the query's neighbours starting at token `first` met term. */
void cdn_memo_mark_pair(cdn_memo *m, const mtok *first, int32_t term);
/* Notes that the neighbours starting at `first` were not looked up as the alignment joins them. */
void cdn_memo_pair_unsure(cdn_memo *m, const mtok *first);
/* The same two for three neighbours joined (those cdn_triple_may_join lets meet a word). */
void cdn_memo_mark_triple(cdn_memo *m, const mtok *first, int32_t term);
void cdn_memo_triple_unsure(cdn_memo *m, const mtok *first);
/* cdn_token_sim through the memo when the list token is an index term and q->qid >= 0. */
float cdn_memo_sim(cdn_memo *m, const mtok *q, const mtok *l, uint8_t *how);
void cdn_memo_free(cdn_memo *m);

/* Scores query tokens q[0..nq) against list tokens l[0..nl), through the memo (may be NULL). Fills *out. */
void cdn_align_forms(const mtok *q, int nq, const mtok *l, int nl, cdn_memo *memo, cdn_align *out);

/* What cdn_align_hopeless needs of one side's tokens, made once per form. */
typedef struct cdn_bound_side {
    float w;                          /* the tokens' total weight */
    float skippable;                  /* as a list name, the most of w its skipped ancestors may not
                                       * count (CDN_ANCESTOR_WEIGHT) */
    uint64_t one_text, one_key;       /* first bytes (mod 64) of tokens that may be a joined word… */
    uint64_t pair_text, pair_key;     /* … and of tokens that may start a pair of neighbours */
    uint64_t triple_start;            /* first bytes of text and key of tokens that start a triple */
    uint64_t acro_query;              /* tokens a query wrote as initials (cdn_initialism) */
    uint64_t run_terms;               /* a query form's: bit term % 64 for each list term its runs'
                                       * initials are (the candidate lookups narrow it; all at first) */
    int repeats;                      /* some text is written twice */
    int truncatable;                  /* a query form's last token may be cut short (cdn_truncatable) */
    int summary_only;                 /* only w and repeats are made (cdn_bound_side_weigh) */
    int plain;                        /* a query form's tokens meet list tokens only as the memo
                                       * says: no initial, no last word cut short, no initials
                                       * written (see cdn_list_form_unmet) */
    uint64_t same[CDN_MAX_TOKENS];    /* with repeats: per token, the tokens of the same text */
    /* Per token, what joined_sim's first gates read: length, first byte, key's first byte, and the
     * latter again when the token may be a joined word by its key (else 0). */
    uint16_t len[CDN_MAX_TOKENS];
    char t0[CDN_MAX_TOKENS], k0[CDN_MAX_TOKENS], k1[CDN_MAX_TOKENS];
} cdn_bound_side;

void cdn_bound_side_init(cdn_bound_side *b, const mtok *t, int n);
/* Only w and repeats: all a list form needs when its joins are known (cdn_bound_list.joins_known). */
void cdn_bound_side_weigh(cdn_bound_side *b, const mtok *t, int n);
/* For plain query forms (and their runs' initials, run_terms): the one token of the list form
 * t[0 .. n) that no query token may meet, which an alignment leaves open; -2 when two or more are,
 * -1 when none is or the memo cannot tell. */
int cdn_list_form_lone_open(const cdn_memo *m, const cdn_ix_ntok *t, int n, const uint64_t *number_terms,
                            uint64_t run_terms);
/* Whether query token q and a list token of this text may be a typo of each other, as far as their
 * letters tell (align_typo asks more). */
int cdn_typo_text_may(const mtok *q, const char *text, int len);

/* What cdn_align_hopeless needs of a list form from the memo: its tokens' sieve bits. */
typedef struct cdn_bound_list {
    uint64_t bits[CDN_MAX_TOKENS], any;
    int usable;                       /* the memo is complete: the sieve says all */
    /* With the index's joined terms (joins_known): per list token j, the query tokens (bit qid % 64)
     * that may be l[j] and l[j+1] written as one, and the query pairs and triples (by their first
     * token) that may be l[j] written apart. */
    uint64_t ones[CDN_MAX_TOKENS], halves[CDN_MAX_TOKENS], thirds[CDN_MAX_TOKENS];
    int joins_known, joins_read;      /* ones and halves are read from the memo when first needed */
    const uint32_t *joined;
    uint64_t unsure;
} cdn_bound_list;

/* joined: per list token, the index's joined term of it and the next (cdn_ix_ntok.joined), or NULL
 * when unknown; unsure: the list tokens the pair lookups may miss (a term also spelled as a number). */
void cdn_bound_list_init(cdn_bound_list *b, const mtok *l, int nl, const cdn_memo *memo, const uint32_t *joined,
                         uint64_t unsure);

/* 1 when cdn_align_forms(q, nq, l, nl, memo) times `scale` is sure to stay below `need`, judged from
 * the memo's sieve (lb, made from that memo) and the joins the two sides allow: cheap enough to
 * decide whether to align. 0 when the memo is not complete. */
int cdn_align_hopeless(const mtok *q, int nq, const cdn_bound_side *qs, const mtok *l, int nl,
                       const cdn_bound_side *ls, cdn_bound_list *lb, cdn_memo *memo, float scale, float need);

/* 1 when the memo proves that the list form of tokens t[0 .. n) meets no token of a plain query
 * form (cdn_bound_side.plain) in any way cdn_align_hopeless counts: no term of it, nor the joined
 * term of it and its neighbour, has marks, and none is a term some name spells as a number (bit
 * term of number_terms). cdn_align_hopeless then finds nothing met, so a bound of 0: the form
 * need not even be loaded. 0 when the memo cannot tell. */
int cdn_list_form_unmet(const cdn_memo *m, const cdn_ix_ntok *t, int n, const uint64_t *number_terms);
/* For the same plain query forms, at least the list coverage cdn_align_hopeless can find for the
 * list form of tokens t[0 .. n) (n <= 64, no text written twice) whose weights are w and whose
 * weight less skippable ancestors is usable_w: the share of its weight that has marks, that a
 * marked joined term joins, that is a number, or that may be a query run's initials (run_terms),
 * and the one token left, if only one, when a query form of n tokens may meet it by a typo (typo).
 * 1 when the memo cannot tell. */
float cdn_list_form_met_share(const cdn_memo *m, const cdn_ix_ntok *t, const float *w, int n, float usable_w,
                              const uint64_t *number_terms, uint64_t run_terms, int typo);

/* The least a name score keeps of its leading side's coverage, however little of the other side
 * matched: a name with extra tokens (a patronymic, a middle name) still matches one that omits them. */
#define CDN_COVERAGE_FLOOR 0.62f
/* A query form of initials and legal forms only ("X", "J. S.", "LLC") names no one: its name score is
 * at most this, so that only an identifier can make it alert (else "X" meets every "E. X. Co.", and
 * "JSC" every company listed by its legal form alone). */
#define CDN_NAMES_NO_ONE_CAP 0.5f
int cdn_names_no_one(const mtok *q, int nq);
/* What an ancestor a shorter lineage skips still weighs (align.c, skipped_ancestors). */
#define CDN_ANCESTOR_WEIGHT 0.5f
/* The same when the list name is the side fully accounted for (see cdn_name_score). */
#define CDN_LIST_LEAD_FLOOR 0.4f

/* The name score from the matched shares of the query's and the list name's weights and the number
 * of aligned pairs. Never above q_coverage when pairs < 2, nor above the larger of q_coverage and
 * LIST_LEAD_FLOOR + (1 - LIST_LEAD_FLOOR) q_coverage otherwise. */
float cdn_name_score(float q_coverage, float l_coverage, int pairs);
/* The same with the query-led floor given (cdn_name_score uses CDN_COVERAGE_FLOOR). */
float cdn_name_score_floor(float q_coverage, float l_coverage, int pairs, float floor);

/* How much a form's spelling is trusted (cdn_scheme), in (0,1]: scores through it are scaled by it. */
float cdn_scheme_confidence(int scheme);

/* Weight of a token: its rarity, scaled by what it is (legal forms neither make nor break a match). */
float cdn_token_weight(float rarity, uint8_t flags);

/* Whether a query token is an initial ("J", "В."): one letter, not a syllable of a Chinese,
 * Korean or Japanese name read out ("a" of 阿部). An initial may meet any name it starts. */
int cdn_is_initial(const mtok *t);

/* Whether list initial l may stand for query token q: a name of two letters or more that starts
 * with it, not a particle, number or legal form ("STEPANOVA, Olga G." for Olga Gennadyevna). The
 * candidate lookups find the term of q's first letter for every query token, so that this pair is
 * in the memo like any other. */
int cdn_list_initial_meets(const mtok *q, const mtok *l);

/* Whether a list name of this kind writes initials for names: a person's, or one of unknown kind.
 * Elsewhere a letter alone is a word ("Pescados y Mariscos", "S.A.", "ANA I"). */
int cdn_kind_has_initials(cordon_kind kind);

/* ---- Secondary evidence (evidence.c) -------------------------------------------------------- */

typedef struct cdn_query_facts {
    cdn_date dob; int has_dob;
    char cc[3];                              /* "" if none */
    cordon_kind kind;
    char idents[8][64]; int n_idents;        /* normalized */
    uint32_t native[32]; size_t n_native;    /* the name's own characters, if all Hangul or all Han */
    int native_script;                       /* CDN_SCRIPT_HANGUL or CDN_SCRIPT_HAN */
} cdn_query_facts;

enum cdn_evidence_field { EV_DOB, EV_COUNTRY, EV_KIND, EV_IDENT, EV_NAME_TYPE, EV_NATIVE };

/* A name in Hangul (or Han) against an entity listed in that script too, under another spelling:
 * the script tells apart what romanization merges (김종은 and 김정은 are both "Kim Jong Un", 高市 and
 * 高石 both "Gao Shi"), so the list's own spelling disagreeing is a conflict, like a conflicting
 * birth year. */
#define CDN_NATIVE_CONFLICT (-0.25f)

typedef struct cdn_evidence {
    uint8_t field;            /* EV_* */
    float effect;             /* added to the name score */
    char detail[96];
} cdn_evidence;

#define CDN_MAX_BONUS 0.09f  /* the most evidence can add (a birth date and a country agreeing) */
#define CDN_IDENT_SCORE 0.97f /* an exact identifier match scores at least this, whatever the name */

/* The most evidence can add to this query's name score: what its birth date and country may agree
 * by, 0 for a name alone. It bounds candidate pruning: a name further below the threshold cannot
 * alert. */
float cdn_evidence_max_bonus(const cdn_query_facts *f);
/* Parses the query's dob, country and identifiers. CORDON_ERR_ARG with `field` set on a bad value. */
cordon_rc cdn_query_facts_parse(const cordon_query *q, cdn_query_facts *f, const char **field);

/* Compares the query's facts with an entity's; appends at most 5 items to ev (unless ev is NULL:
 * then n_ev may be too); returns the sum of effects. *ident_hit is set when an identifier matched
 * exactly. The effects do not depend on the name. */
float cdn_evidence_score(const cordon_index *ix, const cdn_ix_entity *e, const cdn_query_facts *f,
                   cdn_evidence *ev, int *n_ev, int *ident_hit);

#endif /* CDN_MATCH_H */
