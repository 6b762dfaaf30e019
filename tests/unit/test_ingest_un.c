/* test_ingest_un.c — the UN consolidated XML parser on the real list and on small broken fixtures.
 * Must stay true: 1,003 records read exactly, and every bad input is CORDON_ERR_INPUT naming the file.
 */
#include "ingest_helpers.h"

static int has_ident(const cdn_entity *e, const char *type, const char *value, const char *country)
{
    for (uint32_t i = 0; e && i < e->idents.n; i++)
        if (!strcmp(e->idents.v[i].type, type) && !strcmp(e->idents.v[i].value, value) &&
            !strcmp(e->idents.v[i].country, country))
            return 1;
    return 0;
}

static void test_real_list(void)
{
    cdn_set set;
    CHECK_INT(cdn_set_init(&set), CORDON_OK);
    cordon_rc rc = cdn_parse_un_xml(&set, check_list_path("un_sc-2026-02-27/consolidated.xml"));
    CHECK_INT(rc, CORDON_OK);
    if (rc) fprintf(stderr, "    %s\n", set.errmsg);
    CHECK_INT(set.entities.n, 1003);
    size_t persons = 0, orgs = 0, unnamed = 0;
    for (uint32_t i = 0; i < set.entities.n; i++) {
        persons += set.entities.v[i]->kind == CORDON_KIND_PERSON;
        orgs += set.entities.v[i]->kind == CORDON_KIND_ORGANIZATION;
        unnamed += !set.entities.v[i]->names.n || set.entities.v[i]->names.v[0].type != CDN_NAME_PRIMARY;
    }
    CHECK_INT(unnamed, 0);
    CHECK_INT(persons, 730);
    CHECK_INT(orgs, 273);
    const cordon_source_report *rep = &set.sources.v[0].report;
    CHECK_STR(rep->list_date, "2026-02-27");
    CHECK_STR(rep->source, "un");
    CHECK_STR(rep->format, "un-xml");
    CHECK_INT(rep->entities, 1003);
    CHECK(rep->names > 3000);

    /* KIM JONG SIK: a DPRK official with a range of birth years. */
    const cdn_entity *e = cdn_entity_find(&set, "KPi.066");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->id, "un:KPi.066");
        CHECK_INT(e->kind, CORDON_KIND_PERSON);
        CHECK_STR(e->names.v[0].full, "KIM JONG SIK");
        CHECK_INT(e->names.v[0].type, CDN_NAME_PRIMARY);
        CHECK(e->names.v[0].given == NULL && e->names.v[0].family == NULL);
        const cdn_name *a = find_name(e, "Kim Cho’ng-sik");
        CHECK(a && a->type == CDN_NAME_ALIAS);
        CHECK_INT(e->dobs.n, 1);
        if (e->dobs.n) {
            CHECK_INT(e->dobs.v[0].year_from, 1967);
            CHECK_INT(e->dobs.v[0].year_to, 1969);
            CHECK_INT(e->dobs.v[0].month, 0);
        }
        CHECK_INT(e->nationalities.n, 1);
        if (e->nationalities.n) CHECK_STR(e->nationalities.v[0], "KP");
        CHECK_INT(e->programs.n, 1);
        if (e->programs.n) CHECK_STR(e->programs.v[0], "DPRK");
        CHECK_STR(e->listed_on, "2017-12-22");
        CHECK_INT(e->gender, 'm');              /* from "Gender: male" in the comments */
        CHECK(e->title && strstr(e->title, "Munitions Industry Department"));
        CHECK_INT(e->addresses.n, 1);
        if (e->addresses.n) CHECK_STR(e->addresses.v[0].country, "KP");
    }

    /* SADDAM HUSSEIN AL-TIKRITI: Arabic original script, a Low alias, an exact date, a place. */
    e = cdn_entity_find(&set, "IQi.001");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->names.v[0].full, "SADDAM HUSSEIN AL-TIKRITI");
        const cdn_name *o = find_name(e, "صدام حسين التكريتي");
        CHECK(o && o->type == CDN_NAME_ORIGINAL);
        const cdn_name *w = find_name(e, "Abu Ali");
        CHECK(w && w->type == CDN_NAME_WEAK_ALIAS);
        CHECK_INT(e->dobs.n, 1);
        if (e->dobs.n) {
            CHECK_INT(e->dobs.v[0].year_from, 1937);
            CHECK_INT(e->dobs.v[0].month, 4);
            CHECK_INT(e->dobs.v[0].day, 28);
        }
        CHECK_INT(e->pobs.n, 1);
        if (e->pobs.n) {
            CHECK_STR(e->pobs.v[0].text, "al-Awja, near Tikrit, Iraq");
            CHECK_STR(e->pobs.v[0].country, "IQ");
        }
    }

    /* An entity with an Arabic name and former names. */
    e = cdn_entity_find(&set, "QDe.002");
    CHECK(e && e->kind == CORDON_KIND_ORGANIZATION);
    CHECK(e && find_name(e, "الاتحاد الاسلامي") && find_name(e, "الاتحاد الاسلامي")->type == CDN_NAME_ORIGINAL);
    e = cdn_entity_find(&set, "CDe.001");
    CHECK(e && find_name(e, "NALU") && find_name(e, "NALU")->type == CDN_NAME_FORMER);
    CHECK(e && find_name(e, "Allied Democratic Forces") &&
          find_name(e, "Allied Democratic Forces")->type == CDN_NAME_ALIAS);

    /* A circa year, and a passport with its issuing country. */
    e = cdn_entity_find(&set, "CDi.028");
    CHECK(e && e->dobs.n >= 1 && e->dobs.v[0].year_from == 1960 && (e->dobs.v[0].flags & CDN_DATE_CIRCA));
    e = cdn_entity_find(&set, "CDi.040");
    CHECK(has_ident(e, "passport", "AB850901", "TZ"));

    /* An exact DOB on an alias counts as another DOB; an IMO number in the comments is kept. */
    e = cdn_entity_find(&set, "KPe.022");
    CHECK(has_ident(e, "imo", "5342883", ""));
    cdn_set_free(&set);
}

/* Parses a fixture; returns the rc and leaves the message in msg. */
static cordon_rc parse_fixture(const char *name, const char *data, size_t len, char *msg, size_t cap,
                               size_t *entities)
{
    return parse_fixture_with(cdn_parse_un_xml, name, data, len, msg, cap, entities, NULL);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
             "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\"><INDIVIDUALS>\n"
#define PERSON "<INDIVIDUAL><FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME> JONG  SIK </SECOND_NAME>" \
               "<REFERENCE_NUMBER>KPi.066</REFERENCE_NUMBER><INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/>" \
               "</INDIVIDUAL_ALIAS></INDIVIDUAL>\n"
#define TAIL "</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n"

static void test_small_good(void)
{
    char msg[600];
    size_t n = 0;
    static const char good[] = HEAD PERSON
        "<INDIVIDUAL><FIRST_NAME>NO REF</FIRST_NAME></INDIVIDUAL>\n" TAIL;
    CHECK_INT(parse_fixture("good.xml", good, sizeof good - 1, msg, sizeof msg, &n), CORDON_OK);
    CHECK_INT(n, 1);

    cdn_set set;
    cdn_set_init(&set);
    CHECK_INT(cdn_parse_un_xml(&set, write_fixture("good.xml", good, sizeof good - 1)), CORDON_OK);
    CHECK(set.entities.n == 1 && strcmp(set.entities.v[0]->names.v[0].full, "KIM JONG SIK") == 0);
    CHECK(set.entities.n == 1 && set.entities.v[0]->names.n == 1);   /* the empty alias is dropped */
    CHECK_INT(set.sources.v[0].report.warnings, 1);                   /* the record without a ref */
    CHECK(set.warnings && strstr(set.warnings, "good.xml:4: INDIVIDUAL without REFERENCE_NUMBER"));
    cdn_set_free(&set);
}

/* A document whose number is only in its NOTE: the number is taken from there; a NOTE ending in
 * punctuation, with no number, is read to its end and no further (a fuzz find, under ASan). */
static void test_document_note(void)
{
    static const char doc[] = HEAD "<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><SECOND_NAME>B</SECOND_NAME>"
        "<REFERENCE_NUMBER>X.1</REFERENCE_NUMBER><INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>"
        "<NOTE>Libyan passport number 347834, issued 2001</NOTE></INDIVIDUAL_DOCUMENT>"
        "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NOTE>none known --</NOTE>"
        "</INDIVIDUAL_DOCUMENT></INDIVIDUAL>" TAIL;
    cdn_set set;
    cdn_set_init(&set);
    CHECK_INT(cdn_parse_un_xml(&set, write_fixture("note.xml", doc, sizeof doc - 1)), CORDON_OK);
    const cdn_entity *e = cdn_entity_find(&set, "X.1");
    CHECK(e && has_ident(e, "passport", "347834", ""));
    cdn_set_free(&set);
}

static void test_bad_inputs(void)
{
    char msg[600];
    size_t n;

    static const char truncated[] = HEAD PERSON "<INDIVIDUAL><FIRST_NAME>AB";
    CHECK_INT(parse_fixture("trunc.xml", truncated, sizeof truncated - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "trunc.xml:") != NULL);

    static const char noise[] = "\x00\x01\x02garbage\xff\xfe<<<>>>";
    CHECK_INT(parse_fixture("noise.xml", noise, sizeof noise - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "noise.xml") != NULL);

    static const char badutf[] = HEAD "<INDIVIDUAL><FIRST_NAME>K\xc3\x28M</FIRST_NAME>"
                                 "<REFERENCE_NUMBER>X.1</REFERENCE_NUMBER></INDIVIDUAL>" TAIL;
    CHECK_INT(parse_fixture("badutf.xml", badutf, sizeof badutf - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "badutf.xml:") != NULL);

    static const char doctype[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol2;</FIRST_NAME>"
        "<REFERENCE_NUMBER>X.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>";
    CHECK_INT(parse_fixture("dtd.xml", doctype, sizeof doctype - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "DOCTYPE") != NULL);

    static const char xxe[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&e;</FIRST_NAME>"
        "<REFERENCE_NUMBER>X.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>";
    CHECK_INT(parse_fixture("xxe.xml", xxe, sizeof xxe - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);

    static const char other_root[] = "<?xml version=\"1.0\"?><sdnList></sdnList>";
    CHECK_INT(parse_fixture("root.xml", other_root, sizeof other_root - 1, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "root.xml:1: root element is <sdnList>") != NULL);

    CHECK_INT(parse_fixture("empty.xml", "", 0, msg, sizeof msg, &n), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "empty.xml") != NULL);

    /* A name of 2 MiB is not a name. */
    size_t big = 2u << 20;
    char *huge = malloc(sizeof HEAD + big + 200 + sizeof TAIL);
    if (huge) {
        size_t len = 0;
        len += (size_t)sprintf(huge + len, "%s<INDIVIDUAL><FIRST_NAME>", HEAD);
        memset(huge + len, 'A', big);
        len += big;
        len += (size_t)sprintf(huge + len, "</FIRST_NAME><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER></INDIVIDUAL>%s", TAIL);
        CHECK_INT(parse_fixture("huge.xml", huge, len, msg, sizeof msg, &n), CORDON_ERR_INPUT);
        CHECK(strstr(msg, "huge.xml:") != NULL);
        free(huge);
    }

    check_missing_file(cdn_parse_un_xml, "/nonexistent/consolidated.xml");
}

int main(void)
{
    if (fixture_dir_make("/tmp/cordon-test-un-XXXXXX") < 0) return 1;
    RUN(test_real_list);
    RUN(test_document_note);
    RUN(test_small_good);
    RUN(test_bad_inputs);
    fixture_dir_remove();
    return CHECK_DONE();
}
