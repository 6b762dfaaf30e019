/* evidence.c — what else than the name says about a match: birth date, country, kind, identifiers.
 * Invariant: missing data on either side never changes a score; only agreement or conflict does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "match/match.h"

/* Effects on the name score. A conflict must pull even a perfect name-only match below the default
 * threshold (the rule); agreement only nudges, since names decide. */
#define DOB_SAME_DATE 0.06f
#define DOB_SAME_YEAR 0.03f
#define DOB_OTHER_DAY (-0.08f)
#define DOB_CONFLICT (-0.25f)
#define CC_MATCH 0.03f
#define CC_CONFLICT (-0.25f)
#define CC_WEAK_CONFLICT (-0.08f)
#define KIND_CONFLICT (-0.30f)

cordon_rc cdn_query_facts_parse(const cordon_query *q, cdn_query_facts *f, const char **field) {
    memset(f, 0, sizeof *f);
    f->kind = q->kind;
    if (q->dob && *q->dob) {
        if (cdn_date_parse(q->dob, &f->dob) != 0 || f->dob.year_from <= 0) {
            /* "1974-01-32": an impossible day or month still carries a usable year. */
            int y = atoi(q->dob);
            if (strlen(q->dob) < 4 || y < 1800 || y > 2200 || (q->dob[4] && q->dob[4] != '-' && q->dob[4] != '/')) {
                *field = "dob";
                return CORDON_ERR_ARG;
            }
            memset(&f->dob, 0, sizeof f->dob);
            f->dob.year_from = f->dob.year_to = (int16_t)y;
        }
        f->has_dob = 1;
        f->dob.text = q->dob;
    }
    if (q->country && *q->country) {
        const char *cc = cdn_country_code(q->country);
        if (!cc) { *field = "country"; return CORDON_ERR_ARG; }
        size_t n = strnlen(cc, sizeof f->cc - 1);     /* as snprintf would cut it, without its cost */
        memcpy(f->cc, cc, n);
        f->cc[n] = 0;
    }
    if (q->name) f->n_native = cdn_native_chars(q->name, strlen(q->name), f->native, 32, &f->native_script);
    for (size_t i = 0; i < q->n_identifiers && f->n_idents < 8; i++) {
        if (!q->identifiers[i]) continue;
        size_t n = cdn_ident_normalize(q->identifiers[i], f->idents[f->n_idents], sizeof f->idents[0]);
        if (n >= 4) f->n_idents++;
    }
    return CORDON_OK;
}

float cdn_evidence_max_bonus(const cdn_query_facts *f) {
    float dob = !f->has_dob ? 0 : f->dob.day ? DOB_SAME_DATE : DOB_SAME_YEAR;   /* dob_agreement's 3 needs a day */
    return dob + (f->cc[0] ? CC_MATCH : 0);       /* at most CDN_MAX_BONUS */
}

static void add_ev(cdn_evidence *ev, int *n, uint8_t field, float effect, const char *fmt, const char *a) {
    if (!ev || *n >= 5) return;                   /* no ev: only the effects are wanted */
    ev[*n].field = field; ev[*n].effect = effect;
    snprintf(ev[*n].detail, sizeof ev[*n].detail, fmt, a);
    (*n)++;
}

/* 3 same date, 2 same year (one side lacks the day), 1 same year but another day or within the
 * range's slack, 0 conflict. */
static int dob_agreement(const cdn_date *q, const cdn_ix_dob *d) {
    int lo = d->year_from, hi = d->year_to ? d->year_to : d->year_from;
    if (!lo) return -1;
    int slack = (d->flags & CDN_DATE_CIRCA) ? 2 : 0;
    int y = q->year_from;
    if (y < lo - slack - 1 || y > hi + slack + 1) return 0;
    if (y < lo - slack || y > hi + slack) return 1;
    if (lo != hi || slack) return 2;
    if (!q->month || !d->month) return 2;
    if (q->month == d->month && (!q->day || !d->day || q->day == d->day)) return q->day && d->day ? 3 : 2;
    return 1;
}

static float dob_effect(const cordon_index *ix, const cdn_ix_entity *e, const cdn_query_facts *f,
                        cdn_evidence *ev, int *n) {
    if (!f->has_dob || !e->n_dobs) return 0;
    int best = -1;
    for (int i = 0; i < e->n_dobs; i++) {
        int a = dob_agreement(&f->dob, &ix->dobs[e->first_dob + i]);
        if (a > best) best = a;
    }
    static const char *const what[] = {"birth date conflicts (%s)", "birth year close (%s)",
                                       "birth year agrees (%s)", "birth date agrees (%s)"};
    static const float effect[] = {DOB_CONFLICT, 0, DOB_SAME_YEAR, DOB_SAME_DATE};
    if (best < 0) return 0;
    float eff = effect[best];
    /* Same year but a different day and month: probably another person born that year. */
    if (best == 1 && f->dob.month) {
        int same_year = 0;
        for (int i = 0; i < e->n_dobs; i++)
            if (ix->dobs[e->first_dob + i].year_from == f->dob.year_from) same_year = 1;
        if (same_year) eff = DOB_OTHER_DAY;
    }
    add_ev(ev, n, EV_DOB, eff, what[best], f->dob.text ? f->dob.text : "query");
    return eff;
}

static float country_effect(const cordon_index *ix, const cdn_ix_entity *e, const cdn_query_facts *f,
                            cdn_evidence *ev, int *n) {
    if (!f->cc[0] || !e->n_countries) return 0;
    int strong = 0;
    for (int i = 0; i < e->n_countries; i++) {
        const cdn_ix_country *c = &ix->countries[e->first_country + i];
        if (c->cc[0] == f->cc[0] && c->cc[1] == f->cc[1]) {
            add_ev(ev, n, EV_COUNTRY, CC_MATCH, "country agrees (%s)", f->cc);
            return CC_MATCH;
        }
        if (c->type == CDN_CC_NATIONALITY || c->type == CDN_CC_CITIZENSHIP) strong = 1;
    }
    float eff = strong ? CC_CONFLICT : CC_WEAK_CONFLICT;
    add_ev(ev, n, EV_COUNTRY, eff, strong ? "nationality conflicts (%s)" : "country not among the entity's (%s)", f->cc);
    return eff;
}

static int kinds_conflict(cordon_kind q, cordon_kind e) {
    return q != CORDON_KIND_ANY && e != CORDON_KIND_ANY && q != e;
}

/* The entity's names in the query's native script (Hangul or Han) against the query: a conflict
 * when it has some and none can be the query's name; nothing otherwise. */
static float native_effect(const cordon_index *ix, const cdn_ix_entity *e, const cdn_query_facts *f,
                           cdn_evidence *ev, int *n_ev) {
    if (!f->n_native) return 0;
    const char *listed = NULL;
    for (uint32_t i = 0; i < e->n_names; i++) {
        const cdn_ix_name *nm = &ix->names[e->first_name + i];
        if (nm->script != f->native_script) continue;
        const char *text = cdn_ix_str(ix, nm->text);
        uint32_t chars[32];
        int script;
        size_t n = cdn_native_chars(text, strlen(text), chars, 32, &script);
        if (!n || script != f->native_script) continue;
        if (cdn_native_compatible(f->native, f->n_native, chars, n)) return 0;
        if (!listed) listed = text;
    }
    if (!listed) return 0;
    int hangul = f->native_script == CDN_SCRIPT_HANGUL;
    if (strlen(listed) < 60)
        add_ev(ev, n_ev, EV_NATIVE, CDN_NATIVE_CONFLICT, hangul ? "listed in Hangul as %s" : "listed in Han characters as %s", listed);
    else
        add_ev(ev, n_ev, EV_NATIVE, CDN_NATIVE_CONFLICT, "%s", hangul ? "listed in Hangul under another spelling"
                                                                       : "listed in Han characters under another spelling");
    return CDN_NATIVE_CONFLICT;
}

float cdn_evidence_score(const cordon_index *ix, const cdn_ix_entity *e, const cdn_query_facts *f,
                   cdn_evidence *ev, int *n_ev, int *ident_hit) {
    float total = 0;
    *ident_hit = 0;
    for (int k = 0; k < f->n_idents && !*ident_hit; k++)
        for (int i = 0; i < e->n_idents; i++)
            if (strcmp(cdn_ix_str(ix, ix->idents[e->first_ident + i].norm), f->idents[k]) == 0) {
                *ident_hit = 1;
                add_ev(ev, n_ev, EV_IDENT, 0, "identifier matches exactly (%s)",
                       cdn_ix_str(ix, ix->idents[e->first_ident + i].value));
                break;
            }
    total += dob_effect(ix, e, f, ev, n_ev);
    total += country_effect(ix, e, f, ev, n_ev);
    total += native_effect(ix, e, f, ev, n_ev);
    if (kinds_conflict(f->kind, (cordon_kind)e->kind)) {
        total += KIND_CONFLICT;
        add_ev(ev, n_ev, EV_KIND, KIND_CONFLICT, "kind differs (listed as %s)", cordon_kind_name((cordon_kind)e->kind));
    }
    return total;
}
