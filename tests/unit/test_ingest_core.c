/* test_ingest_core.c — unit tests of the ingest core: arena and set, adders, dates, countries,
 * the CSV reader and the UTF-8 checker. Must stay independent of the real list files. */
#include <string.h>

#include "../check.h"
#include "ingest/ingest.h"

static cdn_date date_of(const char *text, int *rc)
{
    cdn_date d;
    memset(&d, 0, sizeof d);
    *rc = cdn_date_parse(text, &d);
    return d;
}

/* Checks that `text` parses to the given fields. */
#define CHECK_DATE(text, yf, yt, m, dd, fl) do { int rc_; cdn_date d_ = date_of(text, &rc_); \
        CHECK_INT(rc_, 0); CHECK_INT(d_.year_from, yf); CHECK_INT(d_.year_to, yt); \
        CHECK_INT(d_.month, m); CHECK_INT(d_.day, dd); CHECK_INT(d_.flags, fl); } while (0)

static void test_dates(void)
{
    CHECK_DATE("22 Apr 1961", 1961, 1961, 4, 22, 0);
    CHECK_DATE("08 Jan 1984", 1984, 1984, 1, 8, 0);
    CHECK_DATE("22 April 1961", 1961, 1961, 4, 22, 0);
    CHECK_DATE("1961-04-22", 1961, 1961, 4, 22, 0);
    CHECK_DATE("1969-7-16", 1969, 1969, 7, 16, 0);
    CHECK_DATE("22/04/1961", 1961, 1961, 4, 22, 0);
    CHECK_DATE("22.04.1961", 1961, 1961, 4, 22, 0);
    CHECK_DATE("00/00/1965", 1965, 1965, 0, 0, 0);
    CHECK_DATE("00/05/1965", 1965, 1965, 5, 0, 0);
    CHECK_DATE("04/1961", 1961, 1961, 4, 0, 0);
    CHECK_DATE("1961-04", 1961, 1961, 4, 0, 0);
    CHECK_DATE("Apr 1961", 1961, 1961, 4, 0, 0);
    CHECK_DATE("Sept 1961", 1961, 1961, 9, 0, 0);
    CHECK_DATE("1961", 1961, 1961, 0, 0, 0);
    CHECK_DATE("  1961. ", 1961, 1961, 0, 0, 0);
    CHECK_DATE("circa 1951", 1951, 1951, 0, 0, CDN_DATE_CIRCA);
    CHECK_DATE("approximately 1951", 1951, 1951, 0, 0, CDN_DATE_CIRCA);
    CHECK_DATE("1951 to 1953", 1951, 1953, 0, 0, 0);
    CHECK_DATE("DOB 1951 to 1953", 1951, 1953, 0, 0, 0);
    CHECK_DATE("alt. DOB 1951", 1951, 1951, 0, 0, 0);
    CHECK_DATE("Between 1951 and 1953", 1951, 1953, 0, 0, 0);
    CHECK_DATE("1951-1953", 1951, 1953, 0, 0, 0);
    CHECK_DATE("01 Jan 1960 to 31 Dec 1962", 1960, 1962, 0, 0, 0);
    CHECK_DATE("01 Mar 1960 to 31 Mar 1960", 1960, 1960, 3, 0, 0);
    CHECK_DATE("circa 1951 to 1953", 1951, 1953, 0, 0, CDN_DATE_CIRCA);
    CHECK_DATE("04/22/1961", 1961, 1961, 4, 22, 0);     /* US order when unambiguous */
    CHECK_DATE("April 22, 1961", 1961, 1961, 4, 22, 0);
    /* The exact ISO form takes a shorter road to the same fields. */
    CHECK_DATE("1961-00-00", 1961, 1961, 0, 0, 0);
    CHECK_DATE("1961-04-00", 1961, 1961, 4, 0, 0);
    CHECK_DATE("2200-12-31", 2200, 2200, 12, 31, 0);
    CHECK_DATE("1961-04-22 ", 1961, 1961, 4, 22, 0);

    int rc;
    const char *bad[] = { "", "unknown", "32/01/1961", "1961-13-01", "99", "22 Foo 1961",
                          "1 2 3 4", "19611", "Apr", "12345678901234567890", "1961-04-32", "0999-01-01",
                          "2201-01-01" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        date_of(bad[i], &rc);
        if (rc != -1)
            fprintf(stderr, "  parsed bad date \"%s\"\n", bad[i]);
        CHECK_INT(rc, -1);
    }
    char huge[600];
    memset(huge, '1', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    date_of(huge, &rc);
    CHECK_INT(rc, -1);
    CHECK_INT(cdn_date_parse(NULL, &(cdn_date){0}), -1);
}

static void test_countries(void)
{
    CHECK_STR(cdn_country_code("Korea, North"), "KP");
    CHECK_STR(cdn_country_code("North Korea"), "KP");
    CHECK_STR(cdn_country_code("Democratic People's Republic of Korea"), "KP");
    CHECK_STR(cdn_country_code("DEMOCRATIC PEOPLE’S REPUBLIC OF KOREA"), "KP");
    CHECK_STR(cdn_country_code("Korea, South"), "KR");
    CHECK_STR(cdn_country_code("Russia"), "RU");
    CHECK_STR(cdn_country_code("Russian Federation"), "RU");
    CHECK_STR(cdn_country_code("russian"), "RU");
    CHECK_STR(cdn_country_code("Iran"), "IR");
    CHECK_STR(cdn_country_code("Iran (Islamic Republic of)"), "IR");
    CHECK_STR(cdn_country_code("Syrian Arab Republic"), "SY");
    CHECK_STR(cdn_country_code("Burma"), "MM");
    CHECK_STR(cdn_country_code("Congo, Democratic Republic of the"), "CD");
    CHECK_STR(cdn_country_code("Democratic Republic of the Congo"), "CD");
    CHECK_STR(cdn_country_code("Congo, Republic of the"), "CG");
    CHECK_STR(cdn_country_code("Occupied Palestinian Territories"), "PS");
    CHECK_STR(cdn_country_code("United Arab Emirates"), "AE");
    CHECK_STR(cdn_country_code("Côte d'Ivoire"), "CI");
    CHECK_STR(cdn_country_code("Cote d Ivoire"), "CI");
    CHECK_STR(cdn_country_code("Türkiye"), "TR");
    CHECK_STR(cdn_country_code("The Gambia"), "GM");
    CHECK_STR(cdn_country_code("Gambia, The"), "GM");
    CHECK_STR(cdn_country_code("Trinidad & Tobago"), "TT");
    CHECK_STR(cdn_country_code("kp"), "KP");
    CHECK_STR(cdn_country_code("PRK"), "KP");
    CHECK_STR(cdn_country_code(" usa "), "US");
    CHECK(cdn_country_code("Atlantis") == NULL);
    CHECK(cdn_country_code("") == NULL);
    CHECK(cdn_country_code("ZZ") == NULL);
    CHECK(cdn_country_code(NULL) == NULL);
    CHECK_STR(cdn_country_name("KP"), "North Korea");
    CHECK_STR(cdn_country_name("ru"), "Russia");
    CHECK(cdn_country_name("QQ") == NULL);
    CHECK(cdn_country_name("RUS") == NULL);

    /* Every code's name leads back to the code (this also checks the table order). */
    int codes = 0, bad = 0;
    for (char a = 'A'; a <= 'Z'; a++)
        for (char b = 'A'; b <= 'Z'; b++) {
            char code[3] = { a, b, 0 };
            const char *name = cdn_country_name(code);
            if (!name)
                continue;
            codes++;
            const char *back = cdn_country_code(name);
            if (!back || strcmp(back, code) != 0) {
                bad++;
                fprintf(stderr, "  %s \"%s\" -> %s\n", code, name, back ? back : "(null)");
            }
        }
    CHECK(codes >= 249);
    CHECK_INT(bad, 0);
}

static void test_set(void)
{
    cdn_set set;
    CHECK_INT(cdn_set_init(&set), CORDON_OK);
    CHECK(cdn_strdup(&set, "   ") == NULL);
    CHECK(cdn_strdup(&set, NULL) == NULL);
    CHECK_STR(cdn_strdup(&set, " \t KIM Jong Un\r\n"), "KIM Jong Un");
    CHECK_STR(cdn_strdup(&set, "\xC2\xA0x\xC2\xA0"), "x");
    CHECK_INT(cdn_set_oom(&set), 0);

    CHECK_INT(cdn_source_begin(&set, "ofac", "ofac-csv", "dir"), 0);
    cdn_entity *e = cdn_entity_new(&set, "20157");
    CHECK(e != NULL);
    CHECK_STR(e->id, "ofac:20157");
    CHECK_INT(e->source, 0);
    CHECK(cdn_entity_new(&set, "  ") == NULL);
    CHECK_INT(cdn_add_name(&set, e, CDN_NAME_PRIMARY, "KIM, Jong Un", "Jong Un", "KIM", NULL), 0);
    CHECK_INT(cdn_add_name(&set, e, CDN_NAME_ALIAS, "KIM, Jong Un", NULL, NULL, NULL), 0);
    CHECK_INT(cdn_add_name(&set, e, CDN_NAME_ALIAS, "", NULL, NULL, NULL), 0);
    CHECK_INT(e->names.n, 1);
    for (int i = 0; i < 50; i++) {      /* arrays keep growing correctly, in place or moved */
        char n[32];
        snprintf(n, sizeof n, "alias %d", i);
        CHECK_INT(cdn_add_name(&set, e, CDN_NAME_ALIAS, n, NULL, NULL, NULL), 0);
        cdn_entity *o = cdn_entity_new(&set, n);
        cdn_add_program(&set, o, "X");
    }
    CHECK_INT(e->names.n, 51);
    CHECK_STR(e->names.v[0].family, "KIM");
    CHECK_STR(e->names.v[50].full, "alias 49");
    CHECK_INT(cdn_add_dob(&set, e, "08 Jan 1984"), 0);
    CHECK_INT(cdn_add_dob(&set, e, "08 Jan 1984"), 0);
    CHECK_INT(cdn_add_dob(&set, e, "sometime"), 0);
    CHECK_INT(e->dobs.n, 2);
    CHECK_INT(e->dobs.v[0].day, 8);
    CHECK_STR(e->dobs.v[1].text, "sometime");
    CHECK_INT(cdn_add_nationality(&set, e, "Korea, North"), 0);
    CHECK_INT(cdn_add_nationality(&set, e, "KP"), 0);
    CHECK_INT(cdn_add_nationality(&set, e, "Atlantis"), 0);
    CHECK_INT(e->nationalities.n, 1);
    CHECK_STR(e->nationalities.v[0], "KP");
    CHECK_INT(cdn_add_pob(&set, e, "Pyongyang, North Korea", NULL), 0);
    CHECK_STR(e->pobs.v[0].country, "KP");
    CHECK_INT(cdn_add_address(&set, e, NULL, NULL, "Russia"), 0);
    CHECK_STR(e->addresses.v[0].text, "Russia");
    CHECK_STR(e->addresses.v[0].country, "RU");
    CHECK_INT(cdn_add_ident(&set, e, "passport", "472220033", NULL, "Korea, North"), 0);
    CHECK_STR(e->idents.v[0].country, "KP");
    CHECK_INT(cdn_add_link(&set, e, NULL, "LAZARUS GROUP"), 0);
    CHECK_STR(e->links.v[0].relation, "linked_to");
    CHECK(cdn_entity_find(&set, "20157") == e);
    CHECK(cdn_entity_find(&set, " 20157 ") == e);
    CHECK(cdn_entity_find(&set, "2015") == NULL);
    CHECK(cdn_entity_find(&set, "alias 7") != NULL);
    CHECK_INT(set.sources.v[0].report.entities, 51);
    CHECK_INT(set.sources.v[0].report.names, 51);

    cdn_warn(&set, "sdn.csv", 12, "odd row %d", 7);
    cdn_warn(&set, "alt.csv", 0, "summary");
    CHECK_STR(set.warnings, "sdn.csv:12: odd row 7\nalt.csv: summary\n");
    CHECK_INT(set.sources.v[0].report.warnings, 2);
    CHECK_INT(cdn_fail(&set, "x.xml", 3, "bad %s", "tag"), CORDON_ERR_INPUT);
    CHECK_STR(set.errmsg, "x.xml:3: bad tag");

    /* A second source, filled with much data, then dropped: the first is intact. */
    CHECK_INT(cdn_source_begin(&set, "un", "un-xml", "un.xml"), 1);
    CHECK(cdn_entity_find(&set, "20157") == NULL);
    for (int i = 0; i < 20000; i++) {
        char id[16];
        snprintf(id, sizeof id, "U%d", i);
        cdn_entity *u = cdn_entity_new(&set, id);
        cdn_add_name(&set, u, CDN_NAME_PRIMARY, "a rather long name to fill the arena blocks", 0, 0, 0);
    }
    CHECK_INT(set.entities.n, 20051);
    cdn_set_truncate(&set, 1);
    CHECK_INT(set.entities.n, 51);
    CHECK_INT(set.sources.n, 1);
    CHECK_STR(e->names.v[0].full, "KIM, Jong Un");
    CHECK_INT(cdn_source_begin(&set, "un", "un-xml", "un.xml"), 1);
    cdn_entity *u = cdn_entity_new(&set, "KPi.066");
    CHECK_STR(u->id, "un:KPi.066");
    CHECK(cdn_entity_find(&set, "KPi.066") == u);
    cdn_set_truncate(&set, 0);
    CHECK_INT(set.entities.n, 0);
    cdn_set_free(&set);
    cdn_set_free(&set);     /* twice is harmless */
}

/* Reads all records of a CSV text; returns the records joined "a|b;c|d;" or the error. */
static void csv_all(const char *data, size_t len, char *out, size_t cap)
{
    cdn_set set;
    cdn_set_init(&set);
    cdn_csv c;
    cdn_csv_init(&c, "t.csv", data, len);
    size_t n = 0;
    out[0] = '\0';
    int rc;
    while ((rc = cdn_csv_next(&c, &set)) == 1) {
        for (uint32_t i = 0; i < c.n_fields; i++)
            n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "|" : "", cdn_csv_field(&c, i));
        n += (size_t)snprintf(out + n, cap - n, "@%ld;", c.line);
    }
    if (rc < 0)
        snprintf(out, cap, "ERR %s", set.errmsg);
    cdn_csv_free(&c);
    cdn_set_free(&set);
}

static void test_csv(void)
{
    char out[1024];
    const char t1[] = "1,\"A, B\",-0- \r\n2,\"say \"\"hi\"\"\",x\r\n\x1A";
    csv_all(t1, sizeof t1 - 1, out, sizeof out);
    CHECK_STR(out, "1|A, B|-0- @1;2|say \"hi\"|x@2;");
    const char t2[] = "a,\"multi\r\nline\nfield\",b\n\nc\rd,";
    csv_all(t2, sizeof t2 - 1, out, sizeof out);
    CHECK_STR(out, "a|multi\r\nline\nfield|b@1;c@5;d|@6;");
    const char t3[] = "ok\n1,\"never closed\n2,3\n";
    csv_all(t3, sizeof t3 - 1, out, sizeof out);
    CHECK_STR(out, "ERR t.csv:2: unterminated quoted field (field 2)");
    const char t4[] = "a,b\x00z\n";
    csv_all(t4, sizeof t4 - 1, out, sizeof out);
    CHECK(strstr(out, "ERR t.csv:1: NUL byte") == out);
    csv_all("", 0, out, sizeof out);
    CHECK_STR(out, "");

    size_t big = (1u << 20) + 10;
    char *huge = malloc(big + 3);
    memset(huge, 'x', big + 3);
    huge[0] = '1';
    huge[1] = ',';
    csv_all(huge, big + 3, out, sizeof out);
    CHECK_STR(out, "ERR t.csv:1: field 2 is longer than 1 MiB");
    free(huge);

    cdn_csv c;
    cdn_csv_init(&c, "t.csv", "a,b", 3);
    cdn_set set;
    cdn_set_init(&set);
    CHECK_INT(cdn_csv_next(&c, &set), 1);
    CHECK_STR(cdn_csv_field(&c, 5), "");
    CHECK_INT(cdn_csv_next(&c, &set), 0);
    cdn_csv_free(&c);

    char *data;
    size_t len;
    CHECK_INT(cdn_read_file(&set, "/nonexistent/sdn.csv", &data, &len), CORDON_ERR_IO);
    CHECK(strstr(set.errmsg, "/nonexistent/sdn.csv") != NULL);
    CHECK_INT(cdn_read_file(&set, "tests", &data, &len), CORDON_ERR_IO);
    cdn_set_free(&set);
}

static void test_utf8(void)
{
    CHECK_INT(cdn_utf8_invalid_at("plain", 5), -1);
    CHECK_INT(cdn_utf8_invalid_at("김정은 Ким", strlen("김정은 Ким")), -1);
    CHECK_INT(cdn_utf8_invalid_at("ab\xFF", 3), 2);
    CHECK_INT(cdn_utf8_invalid_at("ab\xC3", 3), 2);           /* cut short */
    CHECK_INT(cdn_utf8_invalid_at("\xC0\xAF", 2), 0);         /* overlong */
    CHECK_INT(cdn_utf8_invalid_at("x\xED\xA0\x80", 4), 1);    /* surrogate */
    CHECK_INT(cdn_utf8_invalid_at("\xF4\x90\x80\x80", 4), 0); /* above U+10FFFF */
    CHECK_INT(cdn_utf8_invalid_at("\xF0\x9F\x98\x80", 4), -1);
}

int main(void)
{
    RUN(test_dates);
    RUN(test_countries);
    RUN(test_set);
    RUN(test_csv);
    RUN(test_utf8);
    return CHECK_DONE();
}
