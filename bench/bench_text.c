/* bench_text.c — how well and how fast the name layer romanizes: real original-script names of the
 * UN and UK lists against their Latin names, per script, and cdn_analyze throughput vs plain ICU.
 * Invariant: deterministic (fixed order, fixed seed); exits non-zero if a lists file cannot be
 * read or two runs disagree. Missed targets are printed as MISSED (exit status 0, so that
 * `make bench` goes on to the other benchmarks).
 *
 * A pair is one original-script name of an entity and the entity's Latin names (all types but
 * original). It is a hit when some form of the original name comes within Jaro-Winkler 0.90 of
 * some form of one of those Latin names. Both sides are compared order-free: the original form's
 * tokens are greedily aligned to the Latin tokens (best token Jaro-Winkler first); both sides
 * are written in the Latin order of the aligned pairs, each side's unaligned tokens at the end,
 * and the two token strings joined by spaces are compared. Throughput is thread CPU time (the
 * machine may be shared), after one untimed warm-up pass (ICU opens sub-transliterators
 * lazily). Environment: CORDON_LISTS (lists folder); BENCH_SHOW=<script> prints its misses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "ingest/ingest.h"
#include "text/text.h"

#define THRESHOLD 0.90
#define SEED 20240503u

static const char *lists_dir(void)
{
    const char *d = getenv("CORDON_LISTS");
    return d && *d ? d : "../shared/data/lists";
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);   /* CPU time: the machine may be shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A form's tokens as strings (pointers into an analysis). */
typedef struct { const char *tok[CDN_MAX_TOKENS]; size_t n; } toks;

static toks form_toks(const cdn_analysis *an, size_t f)
{
    toks t = { .n = 0 };
    const cdn_form *fm = &an->forms[f];
    for (uint32_t i = 0; i < fm->n && t.n < CDN_MAX_TOKENS; i++)
        t.tok[t.n++] = cdn_tok_text(an, &an->tokens[fm->first + i]);
    return t;
}

static size_t join(const toks *t, const int *order, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = t->tok[order ? order[i] : (int)i];
        size_t l = strlen(s);
        if (o + l + 2 >= cap) break;
        if (o) out[o++] = ' ';
        memcpy(out + o, s, l);
        o += l;
    }
    out[o] = 0;
    return o;
}

/* Order-free similarity of two token lists (see the file comment). */
static double pair_score(const toks *a, const toks *b)
{
    double sim[CDN_MAX_TOKENS][CDN_MAX_TOKENS];
    int used_a[CDN_MAX_TOKENS] = {0}, used_b[CDN_MAX_TOKENS] = {0}, at_b[CDN_MAX_TOKENS];
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            sim[i][j] = cdn_jaro_winkler(a->tok[i], strlen(a->tok[i]), b->tok[j], strlen(b->tok[j]));
    for (size_t j = 0; j < b->n; j++) at_b[j] = -1;
    for (;;) {
        double best = -1; size_t bi = 0, bj = 0;
        for (size_t i = 0; i < a->n; i++) if (!used_a[i])
            for (size_t j = 0; j < b->n; j++) if (!used_b[j] && sim[i][j] > best) { best = sim[i][j]; bi = i; bj = j; }
        if (best < 0) break;
        used_a[bi] = used_b[bj] = 1;
        at_b[bj] = (int)bi;
    }
    int order_a[CDN_MAX_TOKENS], order_b[CDN_MAX_TOKENS];
    size_t n = 0, m = 0;
    for (size_t j = 0; j < b->n; j++) if (at_b[j] >= 0) { order_a[n++] = at_b[j]; order_b[m++] = (int)j; }
    for (size_t i = 0; i < a->n; i++) if (!used_a[i]) order_a[n++] = (int)i;
    for (size_t j = 0; j < b->n; j++) if (at_b[j] < 0) order_b[m++] = (int)j;
    char sa[2048], sb[2048];
    size_t la = join(a, order_a, sa, sizeof sa), lb = join(b, order_b, sb, sizeof sb);
    return cdn_jaro_winkler(sa, la, sb, lb);
}

enum { B_CYR, B_AR, B_HANGUL, B_HAN, B_GEORGIAN, B_HEBREW, B_GREEK, B_OTHER, B_N };
static const char *const BUCKET[B_N] = { "cyrillic", "arabic", "hangul", "han", "georgian",
                                         "hebrew", "greek", "other" };
static const double TARGET[B_N] = { 0.95, 0.90, 0.90, 0, 0, 0, 0, 0 };

static int bucket_of(int script)
{
    switch (script) {
    case CDN_SCRIPT_CYRILLIC: return B_CYR;
    case CDN_SCRIPT_ARABIC: return B_AR;
    case CDN_SCRIPT_HANGUL: return B_HANGUL;
    case CDN_SCRIPT_HAN: return B_HAN;
    case CDN_SCRIPT_GEORGIAN: return B_GEORGIAN;
    case CDN_SCRIPT_HEBREW: return B_HEBREW;
    case CDN_SCRIPT_GREEK: return B_GREEK;
    default: return B_OTHER;
    }
}

typedef struct { const char **v; size_t n, cap; } strvec;

static void push(strvec *s, const char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) { fprintf(stderr, "out of memory\n"); exit(2); }
    }
    s->v[s->n++] = x;
}

/* Scores every original-script name; returns a checksum of the outcomes (for the rerun check). */
static unsigned long accuracy(cdn_text *t, const cdn_set *set, size_t hits[B_N], size_t pairs[B_N],
                              size_t phits[B_N], size_t ppairs[B_N], const char *show)
{
    cdn_analysis ao = {0}, al = {0};
    ao.open_form = al.open_form = -1;
    unsigned long sum = 0;
    for (uint32_t e = 0; e < set->entities.n; e++) {
        const cdn_entity *en = set->entities.v[e];
        for (uint32_t i = 0; i < en->names.n; i++) {
            const cdn_name *o = &en->names.v[i];
            if (o->type != CDN_NAME_ORIGINAL) continue;
            if (cdn_analyze(t, o->full, strlen(o->full), (cordon_kind)en->kind, &ao) != CORDON_OK) continue;
            if (ao.script == CDN_SCRIPT_LATIN || ao.script == CDN_SCRIPT_NONE || ao.n_forms == 0) continue;
            int b = bucket_of(ao.script);
            double best = 0;
            const char *best_latin = "";
            for (uint32_t j = 0; j < en->names.n; j++) {
                const cdn_name *l = &en->names.v[j];
                if (l->type == CDN_NAME_ORIGINAL) continue;
                if (cdn_analyze(t, l->full, strlen(l->full), (cordon_kind)en->kind, &al) != CORDON_OK) continue;
                for (size_t fo = 0; fo < ao.n_forms; fo++) {
                    toks a = form_toks(&ao, fo);
                    for (size_t fl = 0; fl < al.n_forms; fl++) {
                        toks bl = form_toks(&al, fl);
                        double s = pair_score(&a, &bl);
                        if (s > best) { best = s; best_latin = l->full; }
                    }
                }
            }
            pairs[b]++;
            int hit = best >= THRESHOLD;
            hits[b] += (size_t)hit;
            if (en->kind == CORDON_KIND_PERSON) { ppairs[b]++; phits[b] += (size_t)hit; }
            sum = sum * 31 + (unsigned long)(best * 1e6);
            if (!hit && show && strcmp(show, BUCKET[b]) == 0) {
                toks a = form_toks(&ao, 0);
                char s0[2048];
                join(&a, NULL, s0, sizeof s0);
                printf("  miss %.3f %s %s  ->  %s  |  %s\n", best,
                       en->kind == CORDON_KIND_PERSON ? "person" : "other ", o->full, s0, best_latin);
            }
        }
    }
    cdn_analysis_free(&ao);
    cdn_analysis_free(&al);
    return sum;
}

/* Names per second of cdn_analyze over `names`, repeated until about `seconds` have passed. */
/* The names' byte lengths, measured before the clock starts: callers of the name layer know them
 * (the API takes a length), and both rates below are of the work on the names, not of strlen. */
static size_t *lengths(const strvec *names)
{
    size_t *len = malloc((names->n + 1) * sizeof *len);
    if (!len) { fprintf(stderr, "out of memory\n"); exit(2); }
    for (size_t i = 0; i < names->n; i++) len[i] = strlen(names->v[i]);
    return len;
}

static double rate_analyze(cdn_text *t, const strvec *names, double seconds, size_t *forms_out)
{
    cdn_analysis an = {0};
    an.open_form = -1;
    size_t done = 0, forms = 0, *len = lengths(names);
    for (size_t i = 0; i < names->n; i++)        /* warm-up: ICU opens its sub-transliterators lazily */
        cdn_analyze(t, names->v[i], len[i], CORDON_KIND_ANY, &an);
    double t0 = now(), el;
    do {
        for (size_t i = 0; i < names->n; i++) {
            if (cdn_analyze(t, names->v[i], len[i], CORDON_KIND_ANY, &an) == CORDON_OK)
                forms += an.n_forms;
        }
        done += names->n;
        el = now() - t0;
    } while (el < seconds);
    cdn_analysis_free(&an);
    free(len);
    *forms_out = forms;
    return (double)done / el;
}

/* The baseline: ICU NFKC and case folding of the same strings (UTF-8 → UTF-16 → NFKC → fold). */
static double rate_icu(const strvec *names, double seconds)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
    if (U_FAILURE(err)) return 0;
    UChar a[4096], b[4096], c[4096];
    size_t done = 0, *len = lengths(names);
    double t0 = now(), el;
    long sink = 0;
    do {
        for (size_t i = 0; i < names->n; i++) {
            int32_t la = 0;
            err = U_ZERO_ERROR;
            u_strFromUTF8(a, 4096, &la, names->v[i], (int32_t)len[i], &err);
            int32_t lb = unorm2_normalize(nfkc, a, la, b, 4096, &err);
            int32_t lc = u_strFoldCase(c, 4096, b, lb, U_FOLD_CASE_DEFAULT, &err);
            sink += lc;
        }
        done += names->n;
        el = now() - t0;
    } while (el < seconds);
    free(len);
    return sink >= 0 ? (double)done / el : 0;
}

/* A fixed shuffle so timing does not depend on file order. */
static void shuffle(strvec *s)
{
    unsigned x = SEED;
    for (size_t i = s->n; i > 1; i--) {
        x = x * 1103515245u + 12345u;
        size_t j = (x >> 8) % i;
        const char *tmp = s->v[i - 1]; s->v[i - 1] = s->v[j]; s->v[j] = tmp;
    }
}

int main(void)
{
    static const char *const files[] = { "un_sc-2026-02-27/consolidated.xml",
                                         "uk_ofsi-2025-04-14/ConList.csv" };
    cdn_set set;
    if (cdn_set_init(&set) != CORDON_OK) return 2;
    for (size_t i = 0; i < 2; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", lists_dir(), files[i]);
        if (cdn_ingest_path(&set, path, NULL) != CORDON_OK) {
            fprintf(stderr, "bench_text: %s\n", set.errmsg);
            cdn_set_free(&set);
            return 2;
        }
    }
    cdn_text *t;
    if (cdn_text_open(&t) != CORDON_OK) return 2;

    size_t hits[B_N] = {0}, pairs[B_N] = {0}, phits[B_N] = {0}, ppairs[B_N] = {0};
    size_t h2[B_N] = {0}, p2[B_N] = {0}, ph2[B_N] = {0}, pp2[B_N] = {0};
    double t0 = now();
    unsigned long sum1 = accuracy(t, &set, hits, pairs, phits, ppairs, getenv("BENCH_SHOW"));
    double acc_time = now() - t0;
    unsigned long sum2 = accuracy(t, &set, h2, p2, ph2, pp2, NULL);
    int fail = sum1 != sum2;

    printf("name layer: original-script names vs their Latin names (UN 2026-02-27 + UK 2025-04-14)\n");
    printf("%-10s %7s %7s %8s %8s    %s\n", "script", "pairs", "hits", "share", "target",
           "persons only: pairs, share");
    for (int b = 0; b < B_N; b++) {
        double share = pairs[b] ? (double)hits[b] / (double)pairs[b] : 0;
        int miss = TARGET[b] > 0 && pairs[b] && share < TARGET[b];
        printf("%-10s %7zu %7zu %7.1f%% ", BUCKET[b], pairs[b], hits[b], 100 * share);
        if (TARGET[b] > 0) printf("%6.0f%% %-6s", 100 * TARGET[b], miss ? "MISSED" : "ok");
        else printf("%8s %-6s", "-", "");
        printf("  %6zu  %5.1f%%\n", ppairs[b], ppairs[b] ? 100.0 * (double)phits[b] / (double)ppairs[b] : 0.0);
    }
    printf("(Jaro-Winkler >= %.2f, order-free; accuracy pass %.2f s; rerun %s)\n\n", THRESHOLD,
           acc_time, sum1 == sum2 ? "identical" : "DIFFERS");

    strvec latin = {0}, other = {0};
    cdn_analysis an = {0};
    an.open_form = -1;
    for (uint32_t e = 0; e < set.entities.n; e++) {
        const cdn_entity *en = set.entities.v[e];
        for (uint32_t i = 0; i < en->names.n; i++) {
            const char *s = en->names.v[i].full;
            if (cdn_analyze(t, s, strlen(s), CORDON_KIND_ANY, &an) != CORDON_OK) continue;
            push(an.script == CDN_SCRIPT_LATIN || an.script == CDN_SCRIPT_NONE ? &latin : &other, s);
        }
    }
    cdn_analysis_free(&an);
    shuffle(&latin);
    shuffle(&other);
    size_t fl, fo;
    double r_lat = rate_analyze(t, &latin, 1.0, &fl), b_lat = rate_icu(&latin, 0.5);
    double r_oth = rate_analyze(t, &other, 1.0, &fo), b_oth = rate_icu(&other, 0.5);
    printf("throughput, one thread (names/s)       cdn_analyze   ICU NFKC+fold   ratio   target\n");
    printf("Latin names     (%6zu distinct)     %11.0f   %13.0f   %5.2f   %s\n", latin.n, r_lat, b_lat,
           r_lat / b_lat, r_lat >= 1e6 ? ">=1M ok" : ">=1M MISSED");
    printf("non-Latin names (%6zu distinct)     %11.0f   %13.0f   %5.2f   %s\n", other.n, r_oth, b_oth,
           r_oth / b_oth, r_oth >= 2e5 ? ">=200k ok" : ">=200k MISSED");
    free(latin.v);
    free(other.v);
    cdn_text_close(t);
    cdn_set_free(&set);
    return fail;
}
