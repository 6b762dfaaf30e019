/* test_ingest_advanced.c — the OFAC advanced XML parser on the real list and on small broken fixtures.
 * Must stay true: 375 parties read exactly, references resolved in any section order, bad input rejected.
 */
#include "ingest_helpers.h"

static int has_program(const cdn_entity *e, const char *program)
{
    for (uint32_t i = 0; e && i < e->programs.n; i++)
        if (!strcmp(e->programs.v[i], program)) return 1;
    return 0;
}

static void test_real_list(void)
{
    cdn_set set;
    CHECK_INT(cdn_set_init(&set), CORDON_OK);
    cordon_rc rc = cdn_parse_ofac_advanced(&set, check_list_path("us_ofac_cons_advanced-2020-03-17/cons_advanced.xml"));
    CHECK_INT(rc, CORDON_OK);
    if (rc) fprintf(stderr, "    %s\n", set.errmsg);
    CHECK_INT(set.entities.n, 375);
    const cordon_source_report *rep = &set.sources.v[0].report;
    CHECK_STR(rep->list_date, "2020-03-17");
    CHECK_STR(rep->source, "ofac");
    CHECK_STR(rep->format, "ofac-advanced");
    CHECK_INT(rep->warnings, 0);
    size_t unnamed = 0, persons = 0, with_program = 0, idents = 0;
    for (uint32_t i = 0; i < set.entities.n; i++) {
        const cdn_entity *e = set.entities.v[i];
        unnamed += !e->names.n || e->names.v[0].type != CDN_NAME_PRIMARY;
        persons += e->kind == CORDON_KIND_PERSON;
        with_program += e->programs.n > 0;
        idents += e->idents.n;
    }
    CHECK_INT(unnamed, 0);
    CHECK(persons > 50 && persons < 375);
    CHECK_INT(with_program, 375);
    CHECK(idents >= 573);   /* every IDRegDocument lands on its party */

    /* A person with a birth date, a passport, citizenship, gender and an address. */
    const cdn_entity *e = cdn_entity_find(&set, "26182");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->id, "ofac:26182");
        CHECK_INT(e->kind, CORDON_KIND_PERSON);
        CHECK_STR(e->names.v[0].full, "KAYAKIRAN, Evren");
        CHECK_STR(e->names.v[0].given, "Evren");
        CHECK_STR(e->names.v[0].family, "KAYAKIRAN");
        CHECK_INT(e->dobs.n, 1);
        if (e->dobs.n) {
            CHECK_INT(e->dobs.v[0].year_from, 1980);
            CHECK_INT(e->dobs.v[0].month, 2);
            CHECK_INT(e->dobs.v[0].day, 8);
        }
        const cdn_ident *p = find_ident(e, "passport", "U00242309");
        CHECK(p != NULL);
        if (p) CHECK_STR(p->country, "TR");
        CHECK_INT(e->gender, 'm');
        CHECK(e->citizenships.n == 1 && strcmp(e->citizenships.v[0], "TR") == 0);
        CHECK(has_program(e, "FSE-IR"));
        CHECK_STR(e->listed_on, "2019-02-07");
    }

    /* A birth year given as a whole-year period, a place of birth as text, aliases. */
    e = cdn_entity_find(&set, "9639");
    CHECK(e && e->dobs.n == 1 && e->dobs.v[0].year_from == 1962 && e->dobs.v[0].month == 0);
    CHECK(e && e->pobs.n == 1 && strcmp(e->pobs.v[0].text, "Shati") == 0);
    CHECK(e && find_name(e, "HANIYYA, Ismaeel") && find_name(e, "HANIYYA, Ismaeel")->type == CDN_NAME_ALIAS);
    CHECK(e && has_program(e, "NS-PLC"));
    CHECK(e && e->listed_on && strcmp(e->listed_on, "2006-04-12") == 0);   /* the earliest entry */

    /* An entity: registration numbers, an address with its city, an ownership link. */
    e = cdn_entity_find(&set, "18267");
    CHECK(e && e->kind == CORDON_KIND_ORGANIZATION);
    CHECK(e && e->addresses.n >= 1 && e->addresses.v[0].city && strcmp(e->addresses.v[0].city, "Buzuluk") == 0);
    CHECK(e && e->addresses.n >= 1 && strcmp(e->addresses.v[0].country, "RU") == 0);
    CHECK(e && e->links.n == 1 && strcmp(e->links.v[0].relation, "owned_by") == 0);
    cdn_set_free(&set);
}

static cordon_rc parse_fixture(const char *name, const char *data, size_t len, char *msg, size_t cap,
                               cdn_set *keep)
{
    return parse_fixture_with(cdn_parse_ofac_advanced, name, data, len, msg, cap, NULL, keep);
}

/* The sections in an order the real file does not use: documents and locations after the parties. */
static const char small[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Sanctions xmlns=\"http://www.un.org/sanctions/1.0\">\n"
    "<DateOfIssue><Year>2020</Year><Month>3</Month><Day>7</Day></DateOfIssue>\n"
    "<ReferenceValueSets><AliasTypeValues><AliasType ID=\"1400\">A.K.A.</AliasType>"
    "<AliasType ID=\"1403\">Name</AliasType></AliasTypeValues>"
    "<CountryValues><Country ID=\"11\" ISO2=\"KP\">Korea, North</Country></CountryValues>"
    "<FeatureTypeValues><FeatureType ID=\"8\">Birthdate</FeatureType><FeatureType ID=\"25\">Location</FeatureType>"
    "<FeatureType ID=\"30\">Vessel Registration Identification</FeatureType></FeatureTypeValues>"
    "<IDRegDocTypeValues><IDRegDocType ID=\"1571\">Passport</IDRegDocType></IDRegDocTypeValues>"
    "<NamePartTypeValues><NamePartType ID=\"1520\">Last Name</NamePartType>"
    "<NamePartType ID=\"1521\">First Name</NamePartType></NamePartTypeValues>"
    "<PartySubTypeValues><PartySubType ID=\"1\" PartyTypeID=\"4\">Vessel</PartySubType>"
    "<PartySubType ID=\"4\" PartyTypeID=\"1\">Unknown</PartySubType></PartySubTypeValues>"
    "<PartyTypeValues><PartyType ID=\"1\">Individual</PartyType></PartyTypeValues>"
    "<LocPartTypeValues><LocPartType ID=\"1454\">CITY</LocPartType></LocPartTypeValues>"
    "</ReferenceValueSets>\n"
    "<DistinctParties><DistinctParty FixedRef=\"7\"><Profile ID=\"7\" PartySubTypeID=\"4\">"
    "<Identity ID=\"70\"><Alias AliasTypeID=\"1400\" Primary=\"false\" LowQuality=\"true\"><DocumentedName>"
    "<DocumentedNamePart><NamePartValue NamePartGroupID=\"2\">Jong-un</NamePartValue></DocumentedNamePart>"
    "</DocumentedName></Alias>"
    "<Alias AliasTypeID=\"1403\" Primary=\"true\"><DocumentedName>"
    "<DocumentedNamePart><NamePartValue NamePartGroupID=\"1\">KIM</NamePartValue></DocumentedNamePart>"
    "<DocumentedNamePart><NamePartValue NamePartGroupID=\"2\">Jong Un</NamePartValue></DocumentedNamePart>"
    "</DocumentedName></Alias>"
    "<NamePartGroups><MasterNamePartGroup><NamePartGroup ID=\"1\" NamePartTypeID=\"1520\"/></MasterNamePartGroup>"
    "<MasterNamePartGroup><NamePartGroup ID=\"2\" NamePartTypeID=\"1521\"/></MasterNamePartGroup></NamePartGroups>"
    "</Identity>"
    "<Feature FeatureTypeID=\"8\"><FeatureVersion><DatePeriod><Start Approximate=\"true\"><From><Year>1982</Year>"
    "<Month>1</Month><Day>1</Day></From></Start><End><To><Year>1984</Year><Month>12</Month><Day>31</Day></To></End>"
    "</DatePeriod></FeatureVersion></Feature>"
    "<Feature FeatureTypeID=\"25\"><FeatureVersion><VersionLocation LocationID=\"500\"/></FeatureVersion></Feature>"
    "</Profile></DistinctParty>\n"
    "<DistinctParty FixedRef=\"8\"><Profile ID=\"8\" PartySubTypeID=\"1\"><Identity ID=\"80\">"
    "<Alias AliasTypeID=\"1403\" Primary=\"true\"><DocumentedName><DocumentedNamePart>"
    "<NamePartValue NamePartGroupID=\"3\">CHONG CHON GANG</NamePartValue></DocumentedNamePart></DocumentedName></Alias>"
    "</Identity><Feature FeatureTypeID=\"30\"><FeatureVersion><VersionDetail>IMO 7937317</VersionDetail>"
    "</FeatureVersion></Feature></Profile></DistinctParty></DistinctParties>\n"
    "<Locations><Location ID=\"500\"><LocationCountry CountryID=\"11\"/><LocationPart LocPartTypeID=\"1454\">"
    "<LocationPartValue><Value>Pyongyang</Value></LocationPartValue></LocationPart></Location></Locations>\n"
    "<IDRegDocuments><IDRegDocument IDRegDocTypeID=\"1571\" IdentityID=\"70\" IssuedBy-CountryID=\"11\">"
    "<IDRegistrationNo>PS472220033</IDRegistrationNo></IDRegDocument>"
    "<IDRegDocument IDRegDocTypeID=\"1571\" IdentityID=\"999\"><IDRegistrationNo>X1</IDRegistrationNo></IDRegDocument>"
    "</IDRegDocuments>\n"
    "<SanctionsEntries><SanctionsEntry ProfileID=\"12345\"/></SanctionsEntries>\n"
    "</Sanctions>\n";

static void test_small_any_order(void)
{
    char msg[600];
    cdn_set set;
    CHECK_INT(parse_fixture("small.xml", small, sizeof small - 1, msg, sizeof msg, &set), CORDON_OK);
    CHECK_INT(set.entities.n, 2);
    CHECK_STR(set.sources.v[0].report.list_date, "2020-03-07");
    const cdn_entity *e = cdn_entity_find(&set, "7");
    CHECK(e && e->kind == CORDON_KIND_PERSON);
    CHECK(e && e->names.n == 2 && strcmp(e->names.v[0].full, "KIM, Jong Un") == 0);
    CHECK(e && find_name(e, "Jong-un") && find_name(e, "Jong-un")->type == CDN_NAME_WEAK_ALIAS);
    CHECK(e && e->dobs.n == 1 && e->dobs.v[0].year_from == 1982 && e->dobs.v[0].year_to == 1984 &&
          (e->dobs.v[0].flags & CDN_DATE_CIRCA));
    CHECK(e && e->addresses.n == 1 && strcmp(e->addresses.v[0].text, "Pyongyang, Korea, North") == 0 &&
          strcmp(e->addresses.v[0].country, "KP") == 0);
    const cdn_ident *p = find_ident(e, "passport", "PS472220033");
    CHECK(p && strcmp(p->country, "KP") == 0);
    e = cdn_entity_find(&set, "8");
    CHECK(e && e->kind == CORDON_KIND_VESSEL && find_ident(e, "imo", "7937317"));
    /* the document for identity 999 and the entry for profile 12345 are warnings, not errors */
    CHECK_INT(set.sources.v[0].report.warnings, 2);
    CHECK(set.warnings && strstr(set.warnings, "small.xml:") && strstr(set.warnings, "unknown identity 999"));
    cdn_set_free(&set);
}

static void test_bad_inputs(void)
{
    char msg[600];
    CHECK_INT(parse_fixture("trunc.xml", small, sizeof small / 2, msg, sizeof msg, NULL), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "trunc.xml:") != NULL);

    static const char noise[] = "\x1f\x8b\x08\x00garbage\xff";
    CHECK_INT(parse_fixture("noise.xml", noise, sizeof noise - 1, msg, sizeof msg, NULL), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "noise.xml") != NULL);

    static const char badutf[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Sanctions>\n<DistinctParties>"
        "<DistinctParty><Profile ID=\"1\"><Identity ID=\"2\"><Alias Primary=\"true\"><DocumentedName>"
        "<DocumentedNamePart><NamePartValue>\xed\xa0\x80</NamePartValue></DocumentedNamePart></DocumentedName>"
        "</Alias></Identity></Profile></DistinctParty></DistinctParties></Sanctions>";
    CHECK_INT(parse_fixture("badutf.xml", badutf, sizeof badutf - 1, msg, sizeof msg, NULL), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "badutf.xml:") != NULL);

    static const char dtd[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE Sanctions [<!ENTITY x SYSTEM \"/etc/passwd\">]>"
                              "<Sanctions>&x;</Sanctions>";
    CHECK_INT(parse_fixture("dtd.xml", dtd, sizeof dtd - 1, msg, sizeof msg, NULL), CORDON_ERR_INPUT);

    static const char root[] = "<CONSOLIDATED_LIST/>";
    CHECK_INT(parse_fixture("root.xml", root, sizeof root - 1, msg, sizeof msg, NULL), CORDON_ERR_INPUT);
    CHECK(strstr(msg, "root.xml:1: root element is <CONSOLIDATED_LIST>") != NULL);

    CHECK_INT(parse_fixture("empty.xml", "", 0, msg, sizeof msg, NULL), CORDON_ERR_INPUT);

    size_t big = 2u << 20;
    char *huge = malloc(big + 512);
    if (huge) {
        size_t len = (size_t)sprintf(huge, "<Sanctions><DistinctParties><DistinctParty><Profile ID=\"1\"><Identity ID=\"2\">"
                                           "<Alias Primary=\"true\"><DocumentedName><DocumentedNamePart><NamePartValue>");
        memset(huge + len, 'A', big);
        len += big;
        len += (size_t)sprintf(huge + len, "</NamePartValue></DocumentedNamePart></DocumentedName></Alias></Identity>"
                                           "</Profile></DistinctParty></DistinctParties></Sanctions>");
        CHECK_INT(parse_fixture("huge.xml", huge, len, msg, sizeof msg, NULL), CORDON_ERR_INPUT);
        CHECK(strstr(msg, "huge.xml:") != NULL);
        free(huge);
    }

    check_missing_file(cdn_parse_ofac_advanced, "/nonexistent/cons_advanced.xml");
}

int main(void)
{
    if (fixture_dir_make("/tmp/cordon-test-adv-XXXXXX") < 0) return 1;
    RUN(test_real_list);
    RUN(test_small_any_order);
    RUN(test_bad_inputs);
    fixture_dir_remove();
    return CHECK_DONE();
}
