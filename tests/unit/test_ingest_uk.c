/* test_ingest_uk.c — the UK OFSI ConList CSV parser on the real list and on small broken fixtures.
 * Must stay true: 4,688 groups read exactly, facts stored once per group, bad input is CORDON_ERR_INPUT.
 */
#include "ingest_helpers.h"

static void test_real_list(void)
{
    cdn_set set;
    CHECK_INT(cdn_set_init(&set), CORDON_OK);
    cordon_rc rc = cdn_parse_uk_csv(&set, check_list_path("uk_ofsi-2025-04-14/ConList.csv"));
    CHECK_INT(rc, CORDON_OK);
    if (rc) fprintf(stderr, "    %s\n", set.errmsg);
    CHECK_INT(set.entities.n, 4688);
    size_t kinds[5] = { 0 }, originals = 0, without_primary = 0;
    for (uint32_t i = 0; i < set.entities.n; i++) {
        const cdn_entity *e = set.entities.v[i];
        kinds[e->kind < 5 ? e->kind : 0]++;
        without_primary += !e->names.n || e->names.v[0].type != CDN_NAME_PRIMARY;
        for (uint32_t k = 0; k < e->names.n; k++) originals += e->names.v[k].type == CDN_NAME_ORIGINAL;
    }
    CHECK_INT(kinds[CORDON_KIND_PERSON], 3663);
    CHECK_INT(kinds[CORDON_KIND_ORGANIZATION], 1010);
    CHECK_INT(kinds[CORDON_KIND_VESSEL], 15);
    CHECK_INT(without_primary, 0);   /* the caption is always the first name, a primary one */
    CHECK(originals > 1000);
    const cordon_source_report *rep = &set.sources.v[0].report;
    CHECK_STR(rep->list_date, "2025-04-14");
    CHECK_STR(rep->source, "uk");
    CHECK_STR(rep->format, "uk-csv");
    CHECK_INT(rep->entities, 4688);

    /* KIM YONG BOK, with his name in Hangul. */
    const cdn_entity *e = cdn_entity_find(&set, "16816");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->id, "uk:16816");
        CHECK_INT(e->kind, CORDON_KIND_PERSON);
        CHECK_STR(e->names.v[0].full, "KIM YONG BOK");
        CHECK_INT(e->names.v[0].type, CDN_NAME_PRIMARY);
        const cdn_name *h = find_name(e, "김영복");
        CHECK(h && h->type == CDN_NAME_ORIGINAL);
        if (h) CHECK_STR(h->lang, "Korean");
        CHECK(find_name(e, "KIM YOUNG-BOK") != NULL);
        CHECK_INT(e->gender, 'm');
        CHECK_INT(e->nationalities.n, 1);
        if (e->nationalities.n) CHECK_STR(e->nationalities.v[0], "KP");
        CHECK_STR(e->listed_on, "2025-02-24");
    }

    /* A ship with its IMO number. */
    e = cdn_entity_find(&set, "13651");
    CHECK(e && e->kind == CORDON_KIND_VESSEL);
    CHECK(find_ident(e, "imo", "7408873") != NULL);
    CHECK(e && find_name(e, "SAM JONG 2") && e->names.v[0].type == CDN_NAME_PRIMARY);

    /* A person: given and family split, four birth dates over four rows, weak aliases, and the
     * facts repeated on 22 rows stored once. */
    e = cdn_entity_find(&set, "6925");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->names.v[0].full, "AHMED KHALFAN GHAILANI");
        CHECK_STR(e->names.v[0].given, "AHMED KHALFAN");
        CHECK_STR(e->names.v[0].family, "GHAILANI");
        const cdn_name *w = find_name(e, "FOOPIE");
        CHECK(w && w->type == CDN_NAME_WEAK_ALIAS);
        CHECK_INT(e->dobs.n, 4);
        CHECK_INT(e->nationalities.n, 1);
        CHECK_INT(e->pobs.n, 1);
        CHECK_INT(e->programs.n, 1);
        CHECK_INT(e->addresses.n, 1);
    }

    /* Two passports in one cell, each with its own details and issuing country. */
    e = cdn_entity_find(&set, "13312");
    const cdn_ident *p = find_ident(e, "passport", "C00146605");
    CHECK(p != NULL);
    if (p) { CHECK_STR(p->note, "British passport number"); CHECK_STR(p->country, "GB"); }
    p = find_ident(e, "passport", "223611");
    CHECK(p && strcmp(p->country, "LY") == 0);

    /* A group with only "Primary name variation" rows: its first name becomes the primary. */
    e = cdn_entity_find(&set, "16601");
    CHECK(e && e->names.n == 3 && e->names.v[0].type == CDN_NAME_PRIMARY);

    /* Cyrillic name, position as title. */
    e = cdn_entity_find(&set, "14241");
    CHECK(e && find_name(e, "Хизри Магомедович Абакаров") != NULL);
    CHECK(e && e->title && strcmp(e->title, "Member of the State Duma of the Russian Federation") == 0);
    cdn_set_free(&set);
}

static cordon_rc parse_fixture(const char *name, const char *data, size_t len, char *msg, size_t cap,
                               size_t *entities)
{
    return parse_fixture_with(cdn_parse_uk_csv, name, data, len, msg, cap, entities, NULL);
}

#define ROW1 "Last Updated,14/04/2025\r\n"
#define HEADER "Name 6,Name 1,Name 2,Name Non-Latin Script,Non-Latin Script Language,DOB,Nationality," \
               "Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,Group ID\r\n"

static void test_small_good(void)
{
    static const char good[] = ROW1 HEADER
        "KIM,Yong,Bok,김영복,Korean,00/00/1960,(1) North Korea. (2) Russia,(Gender):Male,Individual,Primary name,,DPRK,24/02/2025,1\r\n"
        "KIM,Young,Bok,,,00/00/1960,North Korea,(Gender):Male,Individual,AKA,Low quality,DPRK,24/02/2025,1\n"
        "SHIP ONE,,,,,,,\"(IMO number):1234567\nmore\",Ship,Primary name,,DPRK,01/01/2020,2\n"
        ",,,,,,,,,,,,,\n";
    cdn_set set;
    cdn_set_init(&set);
    CHECK_INT(cdn_parse_uk_csv(&set, write_fixture("good.csv", good, sizeof good - 1)), CORDON_OK);
    CHECK_INT(set.entities.n, 2);
    const cdn_entity *e = cdn_entity_find(&set, "1");
    CHECK(e && e->names.n == 3 && e->dobs.n == 1 && e->nationalities.n == 2 && e->gender == 'm');
    CHECK(e && e->dobs.n == 1 && e->dobs.v[0].year_from == 1960 && e->dobs.v[0].month == 0);
    CHECK(e && find_name(e, "Young Bok KIM") && find_name(e, "Young Bok KIM")->type == CDN_NAME_WEAK_ALIAS);
    e = cdn_entity_find(&set, "2");
    CHECK(e && e->kind == CORDON_KIND_VESSEL && find_ident(e, "imo", "1234567"));
    CHECK_INT(set.sources.v[0].report.warnings, 0);
    cdn_set_free(&set);

    /* Columns in another order, and no "Last Updated" row: found by name all the same. */
    static const char reordered[] = "Group ID,Alias Type,Group Type,Name 6\n7,Primary name,Entity,ACME LTD\n";
    char msg[600];
    size_t n = 0;
    CHECK_INT(parse_fixture("reordered.csv", reordered, sizeof reordered - 1, msg, sizeof msg, &n), CORDON_OK);
    CHECK_INT(n, 1);
}

static void test_bad_inputs(void)
{
    char msg[600];
    size_t n;

    static const char quote[] = ROW1 HEADER "KIM,\"Yong,Bok,,,,,,Individual,Primary name,,,,1\n";
    CHECK_INT(parse_fixture("quote.csv", quote, sizeof quote - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "quote.csv:3") != NULL);

    static const char nocol[] = ROW1 "Name 6,Name 1,Group Type,Alias Type\nKIM,Yong,Individual,Primary name\n";
    CHECK_INT(parse_fixture("nocol.csv", nocol, sizeof nocol - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "nocol.csv:2: header has no \"Group ID\" column") != NULL);

    static const char badutf[] = ROW1 HEADER "K\xc3\x28M,Yong,,,,,,,Individual,Primary name,,,,1\n";
    CHECK_INT(parse_fixture("badutf.csv", badutf, sizeof badutf - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "badutf.csv:3: invalid UTF-8 at byte offset") != NULL);

    static const char nul[] = ROW1 HEADER "KIM\0,Yong,,,,,,,Individual,Primary name,,,,1\n";
    CHECK_INT(parse_fixture("nul.csv", nul, sizeof nul - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "nul.csv:3: NUL byte") != NULL);

    static const char noise[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe";
    CHECK_INT(parse_fixture("noise.csv", noise, sizeof noise - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "noise.csv") != NULL);

    static const char text[] = "just some text\nwith lines\n";
    CHECK_INT(parse_fixture("text.csv", text, sizeof text - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "text.csv:1: header has no") != NULL);

    CHECK_INT(parse_fixture("empty.csv", "", 0, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "empty.csv") != NULL);

    /* A 2 MiB field. */
    size_t big = 2u << 20;
    char *huge = malloc(sizeof ROW1 + sizeof HEADER + big + 100);
    if (huge) {
        size_t len = (size_t)sprintf(huge, "%s%s", ROW1, HEADER);
        memset(huge + len, 'A', big);
        len += big;
        len += (size_t)sprintf(huge + len, ",Yong,,,,,,,Individual,Primary name,,,,1\n");
        CHECK_INT(parse_fixture("huge.csv", huge, len, msg, sizeof msg, &n), CORDON_ERR_INPUT);
        CHECK(strstr(msg, "huge.csv:3") != NULL);
        free(huge);
    }

    check_missing_file(cdn_parse_uk_csv, "/nonexistent/ConList.csv");
}

int main(void)
{
    if (fixture_dir_make("/tmp/cordon-test-uk-XXXXXX") < 0) return 1;
    RUN(test_real_list);
    RUN(test_small_good);
    RUN(test_bad_inputs);
    fixture_dir_remove();
    return CHECK_DONE();
}
