/* test_match.c — the screening engine on the real OFAC 2024 + UN + UK index: recall across scripts,
 * secondary evidence, identifiers, explanations, and the index agreeing with the exhaustive mode. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "../check.h"
#include "cordon.h"

static char ix_path[256];
static cordon_index *ix;
static cordon_screener *scr;

static void build(void) {
    cordon_builder *b;
    CHECK_INT(cordon_builder_open(&b), CORDON_OK);
    CHECK_INT(cordon_builder_add(b, check_list_path("us_ofac_sdn-2024"), NULL, NULL), CORDON_OK);
    CHECK_INT(cordon_builder_add(b, check_list_path("un_sc-2026-02-27/consolidated.xml"), NULL, NULL), CORDON_OK);
    CHECK_INT(cordon_builder_add(b, check_list_path("uk_ofsi-2025-04-14/ConList.csv"), NULL, NULL), CORDON_OK);
    CHECK_INT(cordon_builder_write(b, ix_path), CORDON_OK);
    cordon_builder_close(b);
    CHECK_INT(cordon_index_open(ix_path, &ix), CORDON_OK);
    CHECK_INT(cordon_screener_open(ix, &scr), CORDON_OK);
}

/* Rank of `id` among the alerts for the query (1 = first), or 0 if not alerted; with `say_miss`, a
 * miss is shown with the alerts raised instead. */
static int rank_among(const cordon_query *q, const char *id, int say_miss) {
    cordon_result *r = NULL;
    if (cordon_screen(scr, q, &r) != CORDON_OK) return -1;
    int rank = 0;
    for (size_t i = 0; i < r->n_matches && !rank; i++)
        if (strcmp(r->matches[i].entity_id, id) == 0) rank = (int)i + 1;
    if (!rank && say_miss) {
        fprintf(stderr, "  %s: %s not alerted; got", q->name, id);
        for (size_t i = 0; i < r->n_matches && i < 3; i++)
            fprintf(stderr, " %s %.3f (%s)", r->matches[i].entity_id, r->matches[i].score, r->matches[i].matched_name);
        fprintf(stderr, "\n");
    }
    cordon_result_free(r);
    return rank;
}

static int rank_of(const cordon_query *q, const char *id) { return rank_among(q, id, 1); }
static int not_alerted(const cordon_query *q, const char *id) { return rank_among(q, id, 0) == 0; }

static int rank_name(const char *name, const char *id) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = name;
    return rank_of(&q, id);
}

static void test_kim_jong_un_in_every_script(void) {
    const char *names[] = {"KIM Jong Un", "Kim Jong-un", "Kim Chong-un", "Jong Un Kim", "김정은", "Ким Чен Ын",
                           "金正恩", "Kim Jongun", "KIM, Jong Un"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        int r = rank_name(names[i], "ofac:20157");
        if (r != 1) fprintf(stderr, "  %s ranked %d\n", names[i], r);
        CHECK(r >= 1 && r <= 3);
    }
}

static void test_organizations(void) {
    CHECK(rank_name("Korea General Corporation for External Construction", "ofac:19611") == 1);
    CHECK(rank_name("GENCO", "ofac:19611") >= 1);
    CHECK(rank_name("Korea Ryonbong General Corp.", "ofac:9347") == 1);
}

static void test_birth_date_and_country(void) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = "Kim Jong Un";
    q.dob = "1984-01-08";
    CHECK(rank_of(&q, "ofac:20157") == 1);
    q.dob = "1950-05-05";                      /* a conflicting birth year pulls it below the threshold */
    CHECK(not_alerted(&q, "ofac:20157"));
    q.dob = NULL;
    q.country = "KP";
    CHECK(rank_of(&q, "ofac:20157") >= 1);
    q.country = "Korea, North";
    CHECK(rank_of(&q, "ofac:20157") >= 1);
    q.country = "Klingon Empire";              /* an unknown country is a bad query, not a silent pass */
    cordon_result *r = NULL;
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_ERR_ARG);
    CHECK(strstr(cordon_screener_errmsg(scr), "country") != NULL);
}

static void test_kind(void) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = "Kim Jong Un";
    q.kind = CORDON_KIND_VESSEL;
    CHECK(not_alerted(&q, "ofac:20157"));
}

static void test_identifier_alone(void) {
    const char *ids[] = {"IMO 7406784"};
    cordon_query q = CORDON_QUERY_INIT;
    q.name = "Some Renamed Ship";
    q.identifiers = ids;
    q.n_identifiers = 1;
    CHECK(rank_of(&q, "ofac:4243") == 1);
    /* The hit shows one of the ship's own names, though none of them met the query's. */
    cordon_result *r = NULL;
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
    const char *id = r && r->n_matches ? r->matches[0].entity_id : "";
    char *rec = NULL;
    CHECK(strcmp(id, "ofac:4243") == 0 && cordon_entity_json(ix, id, &rec) == CORDON_OK);
    CHECK(rec && r->matches[0].matched_name && strstr(rec, r->matches[0].matched_name));
    cordon_free(rec);
    cordon_result_free(r);
}

/* A name of initials only names no one: "X" does not alert on "E. X. Co.", and is no reason to
 * score every entity; an identifier still finds its entity. */
static void test_initials_only(void) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = "X";
    cordon_result *r = NULL;
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
    CHECK(r && r->n_matches == 0 && r->candidates < 1000);
    cordon_result_free(r);
    const char *ids[] = {"MSN 1023409321"};          /* EP-GOM's serial number, as a user types it */
    q.identifiers = ids;
    q.n_identifiers = 1;
    CHECK(rank_of(&q, "ofac:15431") >= 1);
}

/* A lone common word is fully accounted for in many list names yet names no one: "Kim" in "KIM,
 * Chol", "Korea" in "Korea Trading Bank"; a lone legal form names no one at all. A rare word alone
 * (a surname, a company's name) still alerts. */
static void test_little_evidence(void) {
    static const char *const QUIET[] = { "Kim", "Korea", "Bank", "JSC", "LLC" };
    for (size_t i = 0; i < sizeof QUIET / sizeof *QUIET; i++) {
        cordon_query q = CORDON_QUERY_INIT;
        q.name = QUIET[i];
        cordon_result *r = NULL;
        CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
        if (r && r->n_matches) fprintf(stderr, "  %s alerted on %s\n", QUIET[i], r->matches[0].matched_name);
        CHECK(r && r->n_matches == 0);
        cordon_result_free(r);
    }
    CHECK(rank_name("Putin", "ofac:35096") >= 1);
    CHECK(rank_name("KOMID", "un:KPe.001") >= 1);
}

static void test_explanation(void) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = "Kim Jong Un";
    q.dob = "1984";
    cordon_result *r = NULL;
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
    CHECK(r->n_matches >= 1);
    if (r->n_matches) {
        const cordon_match *m = &r->matches[0];
        CHECK(m->why && strstr(m->why, "kim") != NULL);
        json_t *x = json_loads(m->explanation_json, 0, NULL);
        CHECK(x != NULL);
        CHECK(json_array_size(json_object_get(x, "tokens")) == 3);
        CHECK(json_array_size(json_object_get(x, "evidence")) >= 1);
        json_decref(x);
        char *js = NULL;
        CHECK_INT(cordon_result_json(r, &js), CORDON_OK);
        CHECK(js && strstr(js, "\"entity\":\"ofac:20157\"") != NULL);
        cordon_free(js);
    }
    cordon_result_free(r);
}

static void test_bad_queries(void) {
    cordon_query q = CORDON_QUERY_INIT;
    cordon_result *r = NULL;
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_ERR_ARG);
    q.name = "bad \xff\xfe utf8";
    CHECK(cordon_screen(scr, &q, &r) != CORDON_OK);
    CHECK(r == NULL);
    q.name = "";
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
    CHECK(r && r->n_matches == 0);
    cordon_result_free(r);
    q.name = "...,,,---";
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
    cordon_result_free(r);
    char *huge = malloc(100000);
    memset(huge, 'a', 99999); huge[99999] = 0;
    q.name = huge;
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_ERR_ARG);
    free(huge);
    q.name = "Kim Jong Un";
    q.dob = "not a date";
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_ERR_ARG);
}

static void test_ordinary_people_not_alerted(void) {
    cordon_query q = CORDON_QUERY_INIT;
    const char *names[] = {"Maria Schmidt", "Jonathan Appleby", "Acme Trading GmbH", "김민준"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cordon_result *r = NULL;
        q.name = names[i];
        CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
        if (r && r->n_matches) fprintf(stderr, "  %s alerted %s %.3f\n", names[i], r->matches[0].entity_id, r->matches[0].score);
        CHECK(r && r->n_matches == 0);
        cordon_result_free(r);
    }
}

/* Screens query q as it comes, into *a, then with `vary` applied to it, into *b. */
static void screen_query_twice(cordon_query q, void (*vary)(cordon_query *), cordon_result **a, cordon_result **b) {
    *a = *b = NULL;
    CHECK_INT(cordon_screen(scr, &q, a), CORDON_OK);
    vary(&q);
    CHECK_INT(cordon_screen(scr, &q, b), CORDON_OK);
}

/* The same for `name` (limit 1000). */
static void screen_twice(const char *name, void (*vary)(cordon_query *), cordon_result **a, cordon_result **b) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = name;
    q.limit = 1000;
    screen_query_twice(q, vary, a, b);
}

static void exhaustive(cordon_query *q) { q->exhaustive = 1; }
static void threshold_zero(cordon_query *q) { q->threshold = 0; }

/* `name` screened at `threshold` (limit 1000) by the index, into *a, and exhaustively, into *b. */
static void screen_both_ways(const char *name, double threshold, cordon_result **a, cordon_result **b) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = name;
    q.threshold = threshold;
    q.limit = 1000;
    screen_query_twice(q, exhaustive, a, b);
}

/* The index must find every alert that scoring every entity finds. */
static void test_index_agrees_with_exhaustive(void) {
    const char *names[] = {"Kim Jong Un", "Ryonbong", "Prigojine Evgueni", "Mohammed Omar", "Sberbank Rossii",
                           "Abu Bakr al Baghdadi", "Hamas", "Choe Ryong Hae",
                           /* a name part twice on either side: the pair-count bound must allow it */
                           "Mustafa Mustafa Kamel", "Mustafa Kamel", "محمد محمدی", "Jong Un Jong",
                           /* initials: looked up exactly, granted by the bound */
                           "Kim J Un", "V. Putin",
                           /* a typo whose list place the sieve counts met: its text is written twice */
                           "ABDIKADIR MOHAMED ADBINKADIR"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cordon_result *a, *b;
        screen_twice(names[i], exhaustive, &a, &b);
        if (a && b) {
            if (a->n_matches != b->n_matches)
                fprintf(stderr, "  %s: index %zu alerts, exhaustive %zu\n", names[i], a->n_matches, b->n_matches);
            CHECK(a->n_matches == b->n_matches);
            CHECK(a->candidates < b->candidates);
        }
        cordon_result_free(a);
        cordon_result_free(b);
    }
}

/* The candidate pass prunes below the threshold less what the query's own evidence may add: a name
 * alone (no birth date, no country) adds nothing, so fewer candidates are scored, and with a birth
 * date and a country the index still finds every alert the exhaustive mode raises. */
static int same_results(const cordon_result *a, const cordon_result *b);
static void with_facts(cordon_query *q) { q->dob = "1955-03-01"; q->country = "Iraq"; }
static void with_facts_exhaustive(cordon_query *q) { with_facts(q); q->exhaustive = 1; }
static void with_facts_1942(cordon_query *q) { q->dob = "1942"; q->country = "Iraq"; }

static int has_alert(const cordon_result *r, const char *entity) {
    for (size_t i = 0; i < r->n_matches; i++)
        if (!strcmp(r->matches[i].entity_id, entity)) return 1;
    return 0;
}

static void test_evidence_bound_follows_the_query(void) {
    const char *names[] = {"Mohammed Ahmed", "Ali Hassan", "Bank Melli", "Global Shipping Co", "Kim Jong Un",
                           "Izzat Ibrahim al-Duri"};
    size_t alone = 0, with = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cordon_result *a, *b, *c, *d;
        screen_twice(names[i], with_facts, &a, &b);
        if (a && b) { alone += a->candidates; with += b->candidates; }
        cordon_query q = CORDON_QUERY_INIT;
        q.name = names[i];
        q.limit = 1000;
        with_facts(&q);
        screen_query_twice(q, with_facts_exhaustive, &c, &d);
        if (!same_results(c, d))
            fprintf(stderr, "  %s with a birth date and country: index %zu alerts, exhaustive %zu\n", names[i],
                    c ? c->n_matches : 0, d ? d->n_matches : 0);
        CHECK(same_results(c, d));
        cordon_result_free(a);
        cordon_result_free(b);
        cordon_result_free(c);
        cordon_result_free(d);
    }
    CHECK(alone < with);
    /* AL-DURI, Izzat Ibrahim (born 1942, Iraq): the name alone scores under the threshold, its birth
     * year and country lift it over, so the candidate pass must keep it for the query that has them. */
    cordon_result *a, *b;
    screen_twice("Izzet Ibrahim", with_facts_1942, &a, &b);
    CHECK(a && !has_alert(a, "ofac:7848"));
    CHECK(b && has_alert(b, "ofac:7848"));
    cordon_result_free(a);
    cordon_result_free(b);
}

/* Each candidate's name must reach the threshold less what the facts say of that entity (a birth
 * year in conflict: no name is enough); the exhaustive mode scores every name in full. They agree
 * for facts that agree, half agree, conflict or are missing, near the listed names and far. */
static void test_evidence_floor_agrees_with_exhaustive(void) {
    /* Names of listed people in part: their scores are exact, so a floor that forgot what the facts
     * add would drop their alerts where the facts lift them over the threshold (0.85, 0.88). */
    const char *names[] = {"Izzat Ibrahim", "Izzet Ibrahim", "Ibrahim al-Duri", "Jong Un", "Kim Jong Un",
                           "Mohammed Ahmed"};
    const char *dobs[] = {NULL, "1942", "1943", "1950", "1984-01-08", "1984-05-05", "1984"};
    const char *countries[] = {NULL, "Iraq", "North Korea", "France"};
    const double thresholds[] = {0.80, 0.70, 0.85, 0.88};
    size_t compared = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        for (size_t d = 0; d < sizeof dobs / sizeof *dobs; d++)
            for (size_t c = 0; c < sizeof countries / sizeof *countries; c++)
                for (size_t t = 0; t < sizeof thresholds / sizeof *thresholds; t++) {
                    cordon_query q = CORDON_QUERY_INIT;
                    q.name = names[i]; q.dob = dobs[d]; q.country = countries[c];
                    q.threshold = thresholds[t]; q.limit = 1000;
                    cordon_result *a, *b;
                    screen_query_twice(q, exhaustive, &a, &b);
                    if (!same_results(a, b))
                        fprintf(stderr, "  %s, %s, %s at %.2f: index %zu alerts, exhaustive %zu\n", names[i],
                                dobs[d] ? dobs[d] : "-", countries[c] ? countries[c] : "-", thresholds[t],
                                a ? a->n_matches : 0, b ? b->n_matches : 0);
                    CHECK(same_results(a, b));
                    compared += a && a->n_matches;
                    cordon_result_free(a);
                    cordon_result_free(b);
                }
    CHECK(compared > 50);            /* most of them alert: the agreement is not that of empty results */
}

/* Scoring skips the pairs of forms whose sieve bound cannot beat the best or reach the threshold
 * (cdn_align_hopeless): every alert the exhaustive mode raises at a low threshold comes out of the
 * index with the same score and the same matched name, joins ("Jongun", "Abdul Rahman") included. */
static void test_form_bound_keeps_every_alert(void) {
    const char *names[] = {"Jongun Kim", "Kim Jongun", "Abdul Rahman", "Abd Al Rahman Mohammed",
                           "OMAR MOHAMED, MOHAMED", "Al Qaida", "Mohammad Ali Hassan", "Ri Jong Ho", "Kim J Un",
                           /* joined neighbours of long names are indexed too ("AL-BAYATI, Abdul Rahman Muhammad") */
                           "Abdulrahman", "Abdulrahman Muhammad",
                           /* three neighbours joined, last words cut short */
                           "Nikolai Plat Ono Vich Patrushev", "Abd al-Rahman Muhammad Mustafa al-Qadu",
                           "Ahmad Abdulrahman Mohammed Al Khat",
                           /* Hebrew script: skeletons read with p/f, b/v, k/kh either way are looked up */
                           "פואד שוקר", "סרגיי לברוב",
                           /* typos, which no lookup finds: the one place left open on the list side
                            * may be a token the sieve counts met (a text written twice), or one of
                            * a better form than the first alerted */
                           "Kim Yong Chun", "ABDIKADIR MOHAMED ADBINKADIR", "О́льга tкола́евна Епифа́нова",
                           "وسيم قطاq", "Yevgeniy Prigozhan"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cordon_result *a, *b;
        screen_both_ways(names[i], 0.5, &a, &b);
        size_t same = 0;
        for (size_t k = 0; a && b && k < b->n_matches; k++)
            for (size_t j = 0; j < a->n_matches; j++)
                if (!strcmp(a->matches[j].entity_id, b->matches[k].entity_id)) {
                    same += a->matches[j].score == b->matches[k].score
                            && !strcmp(a->matches[j].matched_name, b->matches[k].matched_name);
                    break;
                }
        if (!a || !b || same != b->n_matches || !b->n_matches)
            fprintf(stderr, "  %s: exhaustive %zu alerts, %zu alike from the index\n", names[i], b ? b->n_matches : 0, same);
        CHECK(a && b && b->n_matches > 0 && same == b->n_matches && a->n_matches == b->n_matches);
        cordon_result_free(a);
        cordon_result_free(b);
    }
}

/* A name read several ways (حسين as husayn and hussein, 김정은 as kim jong un, gim jeong eun …) has
 * its forms of as many tokens looked up as one, each form's weights scaled to the heaviest's: the
 * index still finds, at a low threshold, every alert the exhaustive mode raises, with the same
 * score and matched name. */
static void test_forms_looked_up_as_one(void) {
    const char *names[] = {"김정은", "金正恩", "최룡해", "حسين كامل", "محمد حسين", "Ким Чен Ын", "Ли Сын Мен",
                           "Чхве Рён Хэ", "桂荣 兰", "陽一 三浦", "عبد الرحمن محمد",
                           /* forms whose weights differ: unscaled, the group's bound fell short */
                           "جمال مصطفى عبد الله سلطان التكريتي", "عبد المجيد عزيز الزنداني",
                           /* a pair of neighbours that two forms share is looked up once, and a
                            * pair one form alone has is looked up for it (joined_before) */
                           "صالح مسفر صالح الشاعر", "莉 谢", "시우 이", "Катиба ат-Таухид валь-Джихад"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cordon_result *a, *b;
        screen_both_ways(names[i], 0.5, &a, &b);
        if (!same_results(a, b))
            fprintf(stderr, "  %s: index %zu alerts, exhaustive %zu\n", names[i], a ? a->n_matches : 0,
                    b ? b->n_matches : 0);
        CHECK(same_results(a, b));
        cordon_result_free(a);
        cordon_result_free(b);
    }
}

/* A name whose lookups mark more terms (505) than the memo's table keeps (CDN_MARK_SLOTS): the
 * terms left out read as marked every way, which only loosens the bounds. Read as unmarked, they
 * cost alerts at 0.4. */
static void test_marks_past_the_table(void) {
    const char *name = "محمد علي حسن حسين أحمد عبد الله إبراهيم خليل محمود مصطفى عمر يوسف صالح حامد "
                       "رشيد كريم ناصر جمال طارق فيصل";
    cordon_result *a, *b;
    screen_both_ways(name, 0.4, &a, &b);
    CHECK(a && a->n_matches > 0);
    CHECK(same_results(a, b));
    cordon_result_free(a);
    cordon_result_free(b);
}

/* The screeners of one index share the lookups they keep: a screener opened after another replays
 * its lookups, and two threads screening at once fill one store; either way the results are those
 * of a screener alone on an index of its own. */
typedef struct share_run { cordon_index *ix; const char *const *names; size_t n, from, stride; cordon_result **out; } share_run;

static void *screen_names(void *p) {
    share_run *r = p;
    cordon_screener *s;
    if (cordon_screener_open(r->ix, &s) != CORDON_OK) return NULL;
    for (size_t i = r->from; i < r->n; i += r->stride) {
        cordon_query q = CORDON_QUERY_INIT;
        q.name = r->names[i];
        q.threshold = 0.6;
        q.limit = 100;
        cordon_screen(s, &q, &r->out[i]);
    }
    cordon_screener_close(s);
    return NULL;
}

static void test_screeners_share_lookups(void) {
    const char *names[] = {"Kim Jong Un", "김정은", "Mohammed Ahmed", "محمد أحمد", "Ali Hassan", "Sberbank Rossii",
                           "Abdul Rahman Mohammed", "Ким Чен Ын", "金正恩", "Ali Hassan Mohammed", "Jongun Kim",
                           "Korea Ryonbong General Corporation", "Mohammed Ali", "Kim Yong Chol", "حسين كامل"};
    enum { N = sizeof names / sizeof *names };
    cordon_result *alone[N] = {0}, *after[N] = {0}, *threads[N] = {0};
    cordon_index *own[2];                     /* each with a store of its own */
    CHECK_INT(cordon_index_open(ix_path, &own[0]), CORDON_OK);
    CHECK_INT(cordon_index_open(ix_path, &own[1]), CORDON_OK);
    share_run first = {own[0], names, N, 0, 1, alone}, second = {own[0], names, N, 0, 1, after};
    screen_names(&first);
    screen_names(&second);                    /* every lookup a replay of the first screener's */
    share_run half[2] = {{own[1], names, N, 0, 2, threads}, {own[1], names, N, 1, 2, threads}};
    pthread_t th[2];
    for (int k = 0; k < 2; k++) CHECK_INT(pthread_create(&th[k], NULL, screen_names, &half[k]), 0);
    for (int k = 0; k < 2; k++) pthread_join(th[k], NULL);
    size_t alerted = 0;
    for (size_t i = 0; i < N; i++) {
        if (!same_results(alone[i], after[i]) || !same_results(alone[i], threads[i]))
            fprintf(stderr, "  %s: %zu alerts alone, %zu after another screener, %zu from two threads\n", names[i],
                    alone[i] ? alone[i]->n_matches : 0, after[i] ? after[i]->n_matches : 0,
                    threads[i] ? threads[i]->n_matches : 0);
        CHECK(same_results(alone[i], after[i]) && same_results(alone[i], threads[i]));
        alerted += alone[i] && alone[i]->n_matches;
        cordon_result_free(alone[i]); cordon_result_free(after[i]); cordon_result_free(threads[i]);
    }
    cordon_index_close(own[0]);
    cordon_index_close(own[1]);
    CHECK(alerted >= N - 2);
}

/* Whether two results hold the same alerts, scores and matched names, in the same order. */
static int same_results(const cordon_result *a, const cordon_result *b) {
    if (!a || !b || a->n_matches != b->n_matches) return 0;
    for (size_t k = 0; k < a->n_matches; k++)
        if (strcmp(a->matches[k].entity_id, b->matches[k].entity_id) || a->matches[k].score != b->matches[k].score ||
            strcmp(a->matches[k].matched_name, b->matches[k].matched_name))
            return 0;
    return 1;
}

/* A screener of a fresh index looks every token, pair and triple up; the same query again replays
 * the kept lookups (a joined pair's without making its key). Both give the exhaustive mode's alerts,
 * with the same scores and names: the pairs' and triples' marks for the bound come out of the replay. */
static void test_replayed_lookups_agree(void) {
    const char *names[] = {"Jongun Kim", "Kim Jong Un", "Nikolai Plat Ono Vich Patrushev", "Abdul Rahman",
                           "OMAR MOHAMED, MOHAMED", "Ahmad Abdulrahman Mohammed Al Khat",
                           /* neighbours too long to be looked up joined */
                           "Muhammadabdulrahmanalqaduabdulrahmanmuhammadmustafa Abdulrahmanmuhammadmustafaalqadu Omar",
                           /* common names: the forms loaded once are then weighed from what the
                            * screener kept of them (weak_list_form) */
                           "Mohammed Ahmed", "Ali Hassan", "Muhammad Ahmad Khan", "Abdul Rahman Mohammed"};
    cordon_index *own;                    /* its own: the shared one kept the lookups of other tests */
    cordon_screener *fresh = NULL;
    CHECK_INT(cordon_index_open(ix_path, &own), CORDON_OK);
    CHECK_INT(cordon_screener_open(own, &fresh), CORDON_OK);
    for (size_t i = 0; fresh && i < 2 * (sizeof names / sizeof *names); i++) {
        cordon_query q = CORDON_QUERY_INIT;
        q.name = names[i % (sizeof names / sizeof *names)];
        q.threshold = i < sizeof names / sizeof *names ? 0.5 : -1;   /* then the default */
        q.limit = 1000;
        cordon_result *first = NULL, *again = NULL, *all = NULL;
        CHECK_INT(cordon_screen(fresh, &q, &first), CORDON_OK);
        CHECK_INT(cordon_screen(fresh, &q, &again), CORDON_OK);
        q.exhaustive = 1;
        CHECK_INT(cordon_screen(fresh, &q, &all), CORDON_OK);
        if (!same_results(first, again) || !same_results(first, all))
            fprintf(stderr, "  %s: %zu alerts, %zu replayed, %zu exhaustive\n", q.name, first ? first->n_matches : 0,
                    again ? again->n_matches : 0, all ? all->n_matches : 0);
        CHECK(same_results(first, again) && same_results(first, all));
        cordon_result_free(first);
        cordon_result_free(again);
        cordon_result_free(all);
    }
    cordon_screener_close(fresh);
    cordon_index_close(own);
}

/* The screening order sorts by name, ASCII case folded, NULL names first, ties in input order; and
 * queries screened in it, on a fresh index, get what they get in their own order. */
static void test_screening_order(void) {
    const char *names[] = {"kim chol", NULL, "KIM Chol", "Abdul", "\xD0\x9A\xD0\xB8\xD0\xBC", "abdul", "Kim"};
    size_t n = sizeof names / sizeof *names, order[7], want[7] = {1, 3, 5, 6, 0, 2, 4};
    CHECK_INT(cordon_screening_order(names, n, order), CORDON_OK);
    for (size_t i = 0; i < n; i++) CHECK(order[i] == want[i]);
    CHECK_INT(cordon_screening_order(NULL, 0, NULL), CORDON_OK);
    CHECK_INT(cordon_screening_order(NULL, 1, order), CORDON_ERR_ARG);
    const char *queries[] = {"Kim Jong Un", "Mohammed Ahmed", "Kim Yong Chol", "Ali Hassan", "Mohammad Ali",
                             "Kim Jong-un", "Ali Hasan Mohammed"};
    size_t nq = sizeof queries / sizeof *queries, sorted[7];
    cordon_result *in_order[7] = {0}, *by_name[7] = {0};
    CHECK_INT(cordon_screening_order(queries, nq, sorted), CORDON_OK);
    cordon_index *own[2];                 /* each its own: no lookups kept from the other order */
    for (int pass = 0; pass < 2; pass++) {
        cordon_screener *s = NULL;
        CHECK_INT(cordon_index_open(ix_path, &own[pass]), CORDON_OK);
        CHECK_INT(cordon_screener_open(own[pass], &s), CORDON_OK);
        for (size_t k = 0; s && k < nq; k++) {
            size_t i = pass ? sorted[k] : k;
            cordon_query q = CORDON_QUERY_INIT;
            q.name = queries[i];
            q.threshold = 0.5;
            q.limit = 1000;
            CHECK_INT(cordon_screen(s, &q, pass ? &by_name[i] : &in_order[i]), CORDON_OK);
        }
        cordon_screener_close(s);
    }
    for (size_t i = 0; i < nq; i++) {     /* results point into their index: both still open */
        CHECK(same_results(in_order[i], by_name[i]));
        cordon_result_free(in_order[i]);
        cordon_result_free(by_name[i]);
    }
    cordon_index_close(own[0]);
    cordon_index_close(own[1]);
}

/* A score does not depend on the threshold asked for: the lookups fill what scoring reads even when
 * every entity is a candidate (threshold 0 with an initial in the query). */
static void test_scores_do_not_depend_on_threshold(void) {
    const char *names[] = {"YU CHOL U", "SALIM Y SALAMUDDIN JULKIPLI", "Kim J Un", "Kim Jong Un", "Mohammed Omar"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cordon_result *a, *b;
        screen_twice(names[i], threshold_zero, &a, &b);
        size_t same = 0;
        for (size_t k = 0; a && b && k < a->n_matches; k++)
            for (size_t j = 0; j < b->n_matches; j++)
                if (!strcmp(a->matches[k].entity_id, b->matches[j].entity_id) && a->matches[k].score == b->matches[j].score)
                    same++;
        if (!a || !b || same != a->n_matches || a->n_matches == 0)
            fprintf(stderr, "  %s: %zu alerts, %zu with the same score at threshold 0\n", names[i], a ? a->n_matches : 0, same);
        CHECK(a && b && a->n_matches > 0 && same == a->n_matches);
        cordon_result_free(a);
        cordon_result_free(b);
    }
}

/* A person's surname spelled like a legal form ("PAO, Yu Yi" reads "jsc yu yi" for every kind)
 * weighs as a name part: the given names and a country conflict no longer make an alert. */
static void test_company_word_in_person_name(void) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = "瑜 李";
    q.kind = CORDON_KIND_PERSON;
    q.country = "MY";
    q.limit = 50;
    cordon_result *r = NULL;
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
    for (size_t i = 0; r && i < r->n_matches; i++)
        if (!strcmp(r->matches[i].entity_id, "ofac:11289")) CHECK(r->matches[i].score < 0.80);
    cordon_result_free(r);
    CHECK(rank_of(&(cordon_query){ .name = "Pao Yu Yi", .kind = CORDON_KIND_PERSON, .threshold = -1, .limit = 10 },
                  "ofac:11289") == 1);
}

/* A one-letter syllable of a Japanese or Chinese name read out ("a" of 阿部) is no initial: it does
 * not make every listed name a candidate. A Latin initial still may. */
static void test_syllable_is_not_an_initial(void) {
    cordon_query q = CORDON_QUERY_INIT;
    cordon_result *r = NULL;
    q.name = "晃 阿部";
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
    CHECK(r && r->candidates < 200);
    cordon_result_free(r);
    CHECK(rank_of(&(cordon_query){ .name = "Kim J Un", .threshold = -1, .limit = 10 }, "ofac:20157") >= 1);
}

/* An entity listed in Hangul under another spelling conflicts with a Hangul query, with a reason. */
static void test_native_spelling_conflict(void) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = "김용복";                          /* uk:16816 is listed as 김영복, KIM YONG BOK */
    q.threshold = 0.5;
    q.limit = 50;
    cordon_result *r = NULL;
    CHECK_INT(cordon_screen(scr, &q, &r), CORDON_OK);
    int seen = 0;
    for (size_t i = 0; r && i < r->n_matches; i++)
        if (!strcmp(r->matches[i].entity_id, "uk:16816")) {
            seen = 1;
            CHECK(r->matches[i].score < CORDON_DEFAULT_THRESHOLD);
            CHECK(r->matches[i].why && strstr(r->matches[i].why, "김영복"));
        }
    CHECK(seen);
    cordon_result_free(r);
    CHECK(rank_of(&(cordon_query){ .name = "김영복", .threshold = -1, .limit = 10 }, "uk:16816") >= 1);
}

/* The score of a as a query against b as a list name, as `kind`. */
static double compare_as(cordon_screener *c, cordon_kind kind, const char *a, const char *b) {
    double s = -1;
    CHECK_INT(cordon_compare(c, kind, a, b, &s, NULL), CORDON_OK);
    return s;
}

static double compare_names(cordon_screener *c, const char *a, const char *b) {
    return compare_as(c, CORDON_KIND_ANY, a, b);
}

/* Whether the explanation of a as a query against b as a list name (persons) holds `text`. */
static int explained_with(cordon_screener *c, const char *a, const char *b, const char *text) {
    char *x = NULL;
    double s;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, a, b, &s, &x), CORDON_OK);
    int found = x && strstr(x, text);
    cordon_free(x);
    return found;
}

static void test_compare(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(NULL, &c), CORDON_OK);
    double s1, s2, s3;
    char *x = NULL;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Vladimir Putin", "PUTIN, Vladimir Vladimirovich", &s1, &x), CORDON_OK);
    CHECK(x != NULL);
    cordon_free(x);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Olaf Scholze", "Olaf Scholz", &s2, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Angelo Cruz", "Angela Merkel", &s3, NULL), CORDON_OK);
    CHECK(s1 >= CORDON_DEFAULT_THRESHOLD);
    CHECK(s2 >= CORDON_DEFAULT_THRESHOLD);
    CHECK(s3 < CORDON_DEFAULT_THRESHOLD);
    /* Romanized syllables are units: 成 (cheng) is not a typo of Chen; the Korean reading still meets. */
    double s4, s5;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "成 朱", "CHEN, Zhu", &s4, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "김정은", "KIM Jong Un", &s5, NULL), CORDON_OK);
    CHECK(s4 < CORDON_DEFAULT_THRESHOLD);
    CHECK(s5 >= 0.95);
    /* A hyphened given name is one name: Han Yu is not Han Yu-ro, whichever way it is written. */
    double s6, s7, s8;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Han Yu", "HAN YU-RO", &s6, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Han Yu Ro", "HAN YU-RO", &s7, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Kim Jong-un", "KIM Jong Un", &s8, NULL), CORDON_OK);
    CHECK(s6 < CORDON_DEFAULT_THRESHOLD);
    CHECK(s7 >= 0.95 && s8 >= 0.95);
    /* Names in Hangul are compared in Hangul too: 김종은 romanizes like 김정은 but is another name. */
    double s9, s10;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "김종은", "김정은", &s9, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "이설주", "리설주", &s10, NULL), CORDON_OK);
    CHECK(s9 < CORDON_DEFAULT_THRESHOLD);
    CHECK(s10 >= 0.95);
    /* A one-letter typo in a short name part still meets it; two letters make another name. */
    double s13, s14;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Pavel Dorov", "Pavel Durov", &s13, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Pavel Darin", "Pavel Durov", &s14, NULL), CORDON_OK);
    CHECK(s13 >= CORDON_DEFAULT_THRESHOLD);
    CHECK(s14 < CORDON_DEFAULT_THRESHOLD);
    /* A query in Arabic script writes the nisba -i out: Soltani is not Sultan there. In Latin a final
     * i comes and goes with the spelling (Vasili, Vasil). */
    double s15, s16, s17;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "جهاد محمد سلطانی", "Jihad Mohammed Soltani", &s15, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "جهاد محمد سلطانی", "Jihad Mohammed Sultan", &s16, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Vasili Petrov", "Vasil Petrov", &s17, NULL), CORDON_OK);
    CHECK(s15 >= 0.95 && s16 < s15 - 0.05);
    CHECK(s17 >= 0.90);
    /* An initial o/u of an Arabic name is one sound: Mullah Omar is Mullah Umar. */
    double s18;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Mohammed Omar", "Muhammad Umar", &s18, NULL), CORDON_OK);
    CHECK(s18 >= 0.90);
    /* So are names in Han: 高市 and 高石 both read Gao Shi; simplified and traditional agree. */
    double s11, s12;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "高石早苗", "高市早苗", &s11, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "习近平", "習近平", &s12, NULL), CORDON_OK);
    CHECK(s11 < CORDON_DEFAULT_THRESHOLD);
    CHECK(s12 >= 0.95);
    cordon_screener_close(c);
}

/* A name part said twice counts once more only when the other name has nothing else to meet it: a
 * father's name in its place is another person. */
static void test_repeat_needs_the_other_side_met(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(NULL, &c), CORDON_OK);
    double same, other;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "MUSTAFA Mustafa Kamel", "Mustafa Kamel", &same, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "ABDUL KABIR ABDUL JAN", "ABDUL KABIR MOHAMMAD JAN", &other, NULL),
              CORDON_OK);
    CHECK(same >= 0.95);
    CHECK(other < CORDON_DEFAULT_THRESHOLD);
    cordon_screener_close(c);
}

/* "A bin B" names B as A's father: the names that swap them are father and son, not one person; a
 * name that only extends the lineage still meets it. */
static void test_swapped_lineage(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(NULL, &c), CORDON_OK);
    CHECK(compare_as(c, CORDON_KIND_PERSON, "ABDULLAH BIN OMAR AL-MUHAMMAD", "OMAR BIN ABDULLAH AL-MUHAMMAD") <
          CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_as(c, CORDON_KIND_PERSON, "Osama bin Muhammad bin Laden", "Usama bin Muhammad bin Awad bin Ladin") >=
          CORDON_DEFAULT_THRESHOLD);
    cordon_screener_close(c);
}

/* One Arabic-script word read as two Latin words is one name: Abdolali (عبدالعلی) is not Ali. */
static void test_one_word_in_script(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(NULL, &c), CORDON_OK);
    CHECK(compare_as(c, CORDON_KIND_PERSON, "ملیكا عبدالعلی", "Malek ALI") < CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_as(c, CORDON_KIND_PERSON, "ملیكا عبدالعلی", "Malika ABDOLALI") >= CORDON_DEFAULT_THRESHOLD);
    cordon_screener_close(c);
}

/* A short form skips the ancestors a long lineage names (Osama bin Laden is Usama bin Muhammad bin
 * Awad bin Ladin); two lineages of as many links that name different fathers stay apart. */
static void test_skipped_ancestors(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(NULL, &c), CORDON_OK);
    double skipped = compare_as(c, CORDON_KIND_PERSON, "Osama bin Laden", "Usama bin Muhammad bin Awad bin Ladin");
    double plain = compare_as(c, CORDON_KIND_PERSON, "Osama Laden", "Usama Muhammad Awad Ladin");
    double brothers = compare_as(c, CORDON_KIND_PERSON, "NOUREDDINE BEN MOHAMED BEN BELKASSEM",
                                 "NOUREDDINE BEN ALI BEN BELKASSEM");
    CHECK(skipped >= CORDON_DEFAULT_THRESHOLD);
    CHECK(plain < skipped);                          /* without links, Muhammad and Awad are given names */
    CHECK(brothers < CORDON_DEFAULT_THRESHOLD);
    cordon_screener_close(c);
}

/* Two names that agree around one place and differ there name two people (brothers, cousins); a
 * name part one side leaves out is not such a difference. */
static void test_different_part_in_one_place(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(NULL, &c), CORDON_OK);
    CHECK(compare_as(c, CORDON_KIND_PERSON, "NOUREDDINE BEN MOHAMED BEN BELKASSEM AL-DRISSI",
                     "NOUREDDINE BEN ALI BEN BELKASSEM AL-DRISSI") < CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_as(c, CORDON_KIND_PERSON, "NOUREDDINE BEN BELKASSEM AL-DRISSI",
                     "NOUREDDINE BEN ALI BEN BELKASSEM AL-DRISSI") >= CORDON_DEFAULT_THRESHOLD);
    cordon_screener_close(c);
}

/* The alignment's ways for name parts to meet beyond one token each (align.c): one edit anywhere in
 * a long part, three neighbours written as one word, and a last word cut short at a field's length;
 * and where each of them stops. */
static void test_alignment_rules(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(ix, &c), CORDON_OK);
    CHECK(compare_names(c, "Invidia Corporation", "NVIDIA Corporation") >= CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_names(c, "Nikolai Plat Ono Vich Patrushev", "Nikolai Platonovich Patrushev") >= 0.95);
    /* Joins take no edit: short syllables joined with one meet too many names. */
    CHECK(compare_names(c, "Andrang Heta", "'Ndrangheta") < CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_names(c, "Kim Pu Ung", "Kim Pung") < CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_names(c, "Abd al-Rahman Muhammad Mustafa al-Qadu", "'ABD AL-RAHMAN MUHAMMAD MUSTAFA AL-QADULI") >=
          CORDON_DEFAULT_THRESHOLD);
    /* Only the last word of a name long enough to be cut (three words, 35 characters) is, only when
     * no list word is spelled so, and only once something else met. (Two letters short is a typo.) */
    CHECK(compare_names(c, "Abd al-Rahman Muham Mustafa al-Qaduli", "'ABD AL-RAHMAN MUHAMMAD MUSTAFA AL-QADULI") <
          CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_names(c, "Aleksandr Grigoryevich Lukash", "Aleksandr Grigoryevich Lukashenko") <
          CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_names(c, "Ivan Petrovich Lukashen", "Aleksandr Lukashenko") < CORDON_DEFAULT_THRESHOLD);
    cordon_screener_close(c);
}

/* A name written with a typo or two meets the name it misspells (align_typo): where the rest agrees
 * and says who it is, at one place, within two edits in all; and where it stops. */
static void test_typos(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(ix, &c), CORDON_OK);
    const char *typos[][2] = {
        {"Tom Cook", "Tim Cook"}, {"KO CHOL HUN", "KO CHOL MAN"}, {"Keir Starkey", "Keir Starmer"},
        {"Kim Yong-chol", "Kim Yong-chun"}, {"Aleksandr Grigoryevich Lukashen", "Aleksandr Grigoryevich Lukashenko"},
        /* in Arabic script against Arabic script, one consonant apart */
        {"محمد بن سلطان", "محمد بن سلمان"},
        /* the surname moved to the front: the patronymic still sits between Andrey and Klimov */
        {"Andrey Arkadyevich KLIMOV", "KLIMOV, Andrey Akardyevich"}};
    for (size_t i = 0; i < sizeof typos / sizeof *typos; i++) {
        double s = compare_names(c, typos[i][0], typos[i][1]);
        if (s < CORDON_DEFAULT_THRESHOLD) fprintf(stderr, "  %s ~ %s: %.3f\n", typos[i][0], typos[i][1], s);
        CHECK(s >= CORDON_DEFAULT_THRESHOLD);
    }
    const char *others[][2] = {
        /* three edits in all; three in one place */
        {"Sergej Viktorovich Navros", "Sergey Viktorovich Lavrov"}, {"Mohammed Shamsuddin", "Mohammed Shahabuddin"},
        /* a name of four letters holds no typo; a part replaced whole is none */
        {"Li Na", "Li Ma"}, {"Kim Jong Bo", "Kim Jong Li"},
        /* the rest says too little: Mohammed alone */
        {"Mohammed Nori", "Mohammed Noor"},
        /* two names swapped: no place to tell */
        {"GERD RANDOLPH", "Randolph, Gena"},
        /* Hangul writes a syllable a sign; an Arabic-script guess against a Latin spelling; initials */
        {"병철 김", "KIM Yong Chol"}, {"مهدی فرجی", "Mehdi Farahi"}, {"N.A.B.C. Company", "A.B.C. Company"}};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        double s = compare_names(c, others[i][0], others[i][1]);
        if (s >= CORDON_DEFAULT_THRESHOLD) fprintf(stderr, "  %s ~ %s: %.3f\n", others[i][0], others[i][1], s);
        CHECK(s < CORDON_DEFAULT_THRESHOLD);
    }
    CHECK(explained_with(c, "KO CHOL HUN", "KO CHOL MAN", "\"how\":\"typo\""));
    cordon_screener_close(c);
}

/* A given name written as its nickname meets the name it stands for, either side, at the nickname
 * form's confidence (an exact match so read scores 0.90); the explanation shows the name as written
 * and what it was read as; the index finds the listed person (every alert as the exhaustive mode). */
/* Screens `name` with the index and exhaustively: the same alerts, `entity` among them, and the top
 * alert's why holding `why` (unless NULL). */
static void alerts_alike(const char *name, const char *entity, const char *why) {
    cordon_query q = CORDON_QUERY_INIT;
    q.name = name;
    q.limit = 1000;
    cordon_result *a, *b;
    screen_query_twice(q, exhaustive, &a, &b);
    CHECK(a && has_alert(a, entity));
    CHECK(same_results(a, b));
    if (why) CHECK(a && a->n_matches && strstr(a->matches[0].why, why));
    cordon_result_free(a);
    cordon_result_free(b);
}

static void test_nicknames(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(ix, &c), CORDON_OK);
    const char *pairs[][2] = {{"Bob Smith", "Robert Smith"}, {"Robert Smith", "Bob Smith"},
                              {"Sasha Ivanov", "Aleksandr Ivanov"}, {"Pepe Garcia", "Jose Garcia"},
                              {"Bibi Netanyahu", "Benjamin Netanyahu"}};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        double s = compare_names(c, pairs[i][0], pairs[i][1]);
        if (s < CORDON_DEFAULT_THRESHOLD || s > 0.9 + 1e-9) fprintf(stderr, "  %s ~ %s: %.3f\n", pairs[i][0], pairs[i][1], s);
        CHECK(s >= CORDON_DEFAULT_THRESHOLD && s <= 0.9 + 1e-9);
    }
    /* A surname is no nickname: Marc Rich is not Marc Richard. */
    CHECK(compare_names(c, "Marc Rich", "Marc Richard") < CORDON_DEFAULT_THRESHOLD);
    CHECK(explained_with(c, "Robert Smith", "Bob Smith",
                         "\"list\":\"bob\",\"list_read_as\":\"robert\",\"how\":\"nickname\""));
    cordon_screener_close(c);
    alerts_alike("Volodya Putin", "ofac:35096", "volodya~vladimir (nickname)");
}

/* A list's initial stands for a query's name of its letter, as a query's initial does for a list's:
 * "STEPANOVA, Olga G." is Olga Gennadyevna Stepanova. Not a query's particle; not in a list name
 * of initials alone, which names no one. The index finds these entities too: every query token
 * looks up the term of its first letter. */
static void test_list_initials(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(ix, &c), CORDON_OK);
    double listed = compare_names(c, "Olga Gennadyevna Stepanova", "STEPANOVA, Olga G.");
    CHECK(listed >= 0.9);
    CHECK(fabs(listed - compare_names(c, "Olga G. Stepanova", "STEPANOVA, Olga Gennadyevna")) < 0.02);
    CHECK(explained_with(c, "Olga Gennadyevna Stepanova", "STEPANOVA, Olga G.",
                         "\"query\":\"gennadyevna\",\"list\":\"g\",\"how\":\"initial\""));
    CHECK(compare_names(c, "Ali Khan", "A. K.") <= 0.5 + 1e-9);
    /* In a company's name a letter is a word: "Pescados y Mariscos", "S.A.". */
    CHECK(compare_as(c, CORDON_KIND_ORGANIZATION, "Olga Gennadyevna Stepanova", "STEPANOVA, Olga G.") < listed - 0.1);
    CHECK(compare_names(c, "Omar al Bashir", "OMAR A. BASHIR") < compare_names(c, "Omar Ali Bashir", "OMAR A. BASHIR"));
    cordon_screener_close(c);
    alerts_alike("Luis Carlos Contreras", "ofac:6704", NULL);
}

/* An initialism meets the run of words it spells, on either side, connecting words left out; only
 * once another pair met, only a query token written as initials (dots, or capitals in a name with
 * small letters that is not a person's) and a list token of three letters or more; the index finds
 * such entities too (a query's runs are looked up by their initials). */
static void test_initialisms(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(ix, &c), CORDON_OK);
    double s = 0;
    CHECK(compare_names(c, "U.S. Department of State", "United States Department of State") >= 0.9);
    CHECK_INT(cordon_compare(c, CORDON_KIND_ORGANIZATION, "DPRK Ministry of Foreign Trade",
                             "Ministry of Foreign Trade of the Democratic People's Republic of Korea", &s, NULL), CORDON_OK);
    CHECK(s >= CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_names(c, "Korean People's Army General Staff", "KPA General Staff") >= CORDON_DEFAULT_THRESHOLD);
    /* Nothing else met: an initialism alone names nothing. */
    CHECK(compare_names(c, "U.S.", "United States") < CORDON_DEFAULT_THRESHOLD);
    /* A person's surname in capitals is no initialism, nor a list's two-letter name part. */
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "Ahmed ALI", "Ahmed Abdul Latif Ibrahim", &s, NULL), CORDON_OK);
    CHECK(s < CORDON_DEFAULT_THRESHOLD);
    CHECK(compare_names(c, "Kim Wang Un", "Kim Wu") < CORDON_DEFAULT_THRESHOLD);
    /* The index: a list alias "KPA UNIT 586" for a query spelled out, "I.R.G.C." for a list spelled out. */
    CHECK(rank_name("Korean People's Army Unit 586", "ofac:12210") >= 1);
    CHECK(rank_name("I.R.G.C. Unit 340", "uk:16370") >= 1);
    cordon_screener_close(c);
    /* ... and every alert the exhaustive mode raises at a low threshold, with the same score: runs
     * looked up by their initials, query initialisms granted, another pair an initial's ("B&H"). */
    const char *names[] = {"Korean People's Army Unit 586", "I.R.G.C. Unit 340", "B&h W.M.D.", "U.S. Department of State",
                           "Strategic Rocket Force Command of the K.P.A.", "Embassy of the DPRK Ministry"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cordon_query q = CORDON_QUERY_INIT;
        q.name = names[i];
        q.kind = CORDON_KIND_ORGANIZATION;
        q.threshold = 0.5;
        q.limit = 1000;
        cordon_result *a, *b;
        screen_query_twice(q, exhaustive, &a, &b);
        int alike = a && b && a->n_matches == b->n_matches;
        for (size_t k = 0; alike && k < b->n_matches; k++)
            alike = !strcmp(a->matches[k].entity_id, b->matches[k].entity_id) && a->matches[k].score == b->matches[k].score;
        if (!alike) fprintf(stderr, "  %s: the index and the exhaustive mode differ\n", names[i]);
        CHECK(alike && b->n_matches > 0);
        cordon_result_free(a);
        cordon_result_free(b);
    }
}

/* A legal form cut short at the end of a name completes it; one glued to the name in capitals
 * comes off (the analysis side is in test_text.c). */
/* A company name's generic words meet their abbreviations and synonyms: Genl, Natl, Mfg …; Air,
 * Airways, Airlines. */
static void test_business_abbreviations(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(ix, &c), CORDON_OK);
    CHECK(compare_as(c, CORDON_KIND_ORGANIZATION, "Korea Ryonbong Genl Corp", "KOREA RYONBONG GENERAL CORPORATION") >= 0.95);
    CHECK(compare_as(c, CORDON_KIND_ORGANIZATION, "Korea Natl Insurance Corp", "KOREA NATIONAL INSURANCE CORPORATION") >= 0.95);
    CHECK(compare_as(c, CORDON_KIND_ORGANIZATION, "Mahan Airways", "MAHAN AIR") >= 0.95);
    CHECK(compare_as(c, CORDON_KIND_ORGANIZATION, "Mahan Airlines", "MAHAN AIR") >= 0.95);
    cordon_screener_close(c);
}

static void test_legal_form_cut_or_glued(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(ix, &c), CORDON_OK);
    CHECK(compare_names(c, "TACTICAL MISSILES CORPORATION JOINT STOCK COMPAN",
                        "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY") >= 0.95);
    CHECK(compare_names(c, "Siemens AG", "SiemensAG") >= 0.95);
    cordon_screener_close(c);
}

/* Arabic script writes no short vowels nor doubling and its waw may be a consonant: a list
 * spelling with the query's consonants meets it (Thirwat for ثروت read Tharut, Marrani for
 * المراني read Murani), in compare and screen alike; Hasan is still not Husayn, nor Muhammad
 * Mahmud. Hebrew script likewise. */
static void test_arabic_reading(void) {
    cordon_screener *c;
    CHECK_INT(cordon_screener_open(NULL, &c), CORDON_OK);
    double thirwat, marrani, husayn, mahmud;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "ثروت صالح شحاته", "SHIHATA, Thirwat Salah", &thirwat, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "مطلق عامر المراني", "AL-MARRANI, Motlaq Amer", &marrani, NULL),
              CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "حسن عامر", "Husayn Amer", &husayn, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "محمد عامر", "Mahmud Amer", &mahmud, NULL), CORDON_OK);
    CHECK(thirwat >= CORDON_DEFAULT_THRESHOLD);
    CHECK(marrani >= CORDON_DEFAULT_THRESHOLD);
    CHECK(husayn < CORDON_DEFAULT_THRESHOLD);
    CHECK(mahmud < CORDON_DEFAULT_THRESHOLD);
    /* Hebrew script too, its פ p or f: נעם פדרמן read Nem Pederman is Noam Federman, not Feldman */
    double federman, feldman;
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "נעם פדרמן", "Noam FEDERMAN", &federman, NULL), CORDON_OK);
    CHECK_INT(cordon_compare(c, CORDON_KIND_PERSON, "נעם פדרמן", "Noam FELDMAN", &feldman, NULL), CORDON_OK);
    CHECK(federman >= CORDON_DEFAULT_THRESHOLD);
    CHECK(feldman < CORDON_DEFAULT_THRESHOLD);
    cordon_screener_close(c);
    /* The index finds Thirwat by the skeleton with the u read as w (trwt), not only by trt. */
    CHECK(rank_name("ثروت صالح شحاته", "ofac:6907") >= 1);
    CHECK(rank_name("مطلق عامر المراني", "ofac:30651") >= 1);
}

int main(void) {
    snprintf(ix_path, sizeof ix_path, "%s/cordon-test-match-%ld.cordon", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (long)getpid());
    RUN(build);
    RUN(test_kim_jong_un_in_every_script);
    RUN(test_organizations);
    RUN(test_birth_date_and_country);
    RUN(test_kind);
    RUN(test_identifier_alone);
    RUN(test_initials_only);
    RUN(test_little_evidence);
    RUN(test_explanation);
    RUN(test_bad_queries);
    RUN(test_ordinary_people_not_alerted);
    RUN(test_index_agrees_with_exhaustive);
    RUN(test_evidence_floor_agrees_with_exhaustive);
    RUN(test_form_bound_keeps_every_alert);
    RUN(test_evidence_bound_follows_the_query);
    RUN(test_scores_do_not_depend_on_threshold);
    RUN(test_replayed_lookups_agree);
    RUN(test_screeners_share_lookups);
    RUN(test_screening_order);
    RUN(test_forms_looked_up_as_one);
    RUN(test_marks_past_the_table);
    RUN(test_company_word_in_person_name);
    RUN(test_syllable_is_not_an_initial);
    RUN(test_native_spelling_conflict);
    RUN(test_compare);
    RUN(test_repeat_needs_the_other_side_met);
    RUN(test_swapped_lineage);
    RUN(test_skipped_ancestors);
    RUN(test_one_word_in_script);
    RUN(test_different_part_in_one_place);
    RUN(test_alignment_rules);
    RUN(test_arabic_reading);
    RUN(test_typos);
    RUN(test_nicknames);
    RUN(test_list_initials);
    RUN(test_business_abbreviations);
    RUN(test_initialisms);
    RUN(test_legal_form_cut_or_glued);
    cordon_screener_close(scr);
    cordon_index_close(ix);
    unlink(ix_path);
    return CHECK_DONE();
}
