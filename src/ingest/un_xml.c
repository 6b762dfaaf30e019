/* un_xml.c — reads the UN Security Council Consolidated List (XML) into entities, streaming.
 * Invariant: one record (INDIVIDUAL / ENTITY) is in memory at a time; bad XML is an error, never a crash.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <libxml/xmlreader.h>
#include "ingest/ingest.h"

/* The parse of one file: the reader, the texts of the current record and the first XML error. */
typedef struct un_ctx {
    cdn_set *set;
    const char *path;
    cdn_xml_bag bag;                        /* texts fetched for the current record, freed after it */
    int oom;
    long too_long_line;                     /* > 0: a field over 1 MiB was seen there */
    cdn_xml_errors xml_err;                 /* the first error libxml2 reported */
} un_ctx;

/* The text of an element, whitespace squeezed; NULL when absent or empty. Valid until the
 * record is done. */
static const char *node_text(un_ctx *c, const xmlNode *n)
{
    return cdn_xml_text(&c->bag, n, &c->oom, &c->too_long_line);
}

static int is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child_named(const xmlNode *parent, const char *name)
{
    for (const xmlNode *n = parent->children; n; n = n->next)
        if (is_element(n, name)) return n;
    return NULL;
}

static const char *text_in(un_ctx *c, const xmlNode *parent, const char *name)
{
    return node_text(c, child_named(parent, name));
}

/* A year as the list writes it ("1967"), or 0. */
static int parse_year(const char *s)
{
    if (!s) return 0;
    char *end;
    long y = strtol(s, &end, 10);
    return (*end == '\0' && y > 0 && y < 10000) ? (int)y : 0;
}

static int has_name(const cdn_entity *e, const char *full)
{
    for (uint32_t i = 0; i < e->names.n; i++)
        if (strcmp(e->names.v[i].full, full) == 0) return 1;
    return 0;
}

/* FIRST_NAME … FOURTH_NAME in the committee's order. Which part is the surname differs by
 * regime (KIM / JONG SIK vs ERIC / BADEGE), so given and family stay unset. */
static void add_primary(un_ctx *c, cdn_entity *e, const xmlNode *rec)
{
    static const char *const parts[] = { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" };
    cdn_strbuf b = { 0 };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) cdn_strbuf_add(&b, " ", text_in(c, rec, parts[i]));
    if (b.oom) c->oom = 1;
    if (cdn_strbuf_str(&b)) cdn_add_name(c->set, e, CDN_NAME_PRIMARY, b.s, NULL, NULL, NULL);
    free(b.s);
}

static void add_alias(un_ctx *c, cdn_entity *e, const xmlNode *n)
{
    const char *name = text_in(c, n, "ALIAS_NAME");
    const char *quality = text_in(c, n, "QUALITY");
    cdn_name_type type = CDN_NAME_ALIAS;
    if (quality && strcasecmp(quality, "Low") == 0) type = CDN_NAME_WEAK_ALIAS;
    else if (quality && strcasecmp(quality, "f.k.a.") == 0) type = CDN_NAME_FORMER;
    if (name && !has_name(e, name)) cdn_add_name(c->set, e, type, name, NULL, NULL, NULL);

    /* Some aliases carry the birth facts of the identity they were used with. */
    const char *dob = text_in(c, n, "DATE_OF_BIRTH");
    cdn_date d;
    if (dob && cdn_date_parse(dob, &d) == 0)
        cdn_add_dob_parts(c->set, e, d.year_from, d.year_to, d.month, d.day, d.flags & CDN_DATE_CIRCA, dob);
    else if (dob)
        cdn_warn(c->set, c->path, xmlGetLineNo(n), "%s: unrecognised alias date of birth \"%s\"", e->id, dob);
    const char *city = text_in(c, n, "CITY_OF_BIRTH"), *country = text_in(c, n, "COUNTRY_OF_BIRTH");
    if (cdn_add_pob_parts(c->set, e, city, country)) c->oom = 1;
}

static void add_dob(un_ctx *c, cdn_entity *e, const xmlNode *n)
{
    const char *type = text_in(c, n, "TYPE_OF_DATE");
    int circa = type && strcasecmp(type, "APPROXIMATELY") == 0;
    const char *from = text_in(c, n, "FROM_YEAR"), *to = text_in(c, n, "TO_YEAR");
    const char *date = text_in(c, n, "DATE"), *year = text_in(c, n, "YEAR"), *note = text_in(c, n, "NOTE");
    long line = xmlGetLineNo(n);

    if (from || to) {
        int yf = parse_year(from ? from : to), yt = parse_year(to ? to : from);
        if (!yf || !yt || yt < yf) {
            cdn_warn(c->set, c->path, line, "%s: bad date range %s to %s", e->id, from ? from : "?", to ? to : "?");
            return;
        }
        char text[48];
        snprintf(text, sizeof text, "between %d and %d", yf, yt);
        cdn_add_dob_parts(c->set, e, yf, yt, 0, 0, circa, text);
        return;
    }
    /* EXACT and APPROXIMATELY give DATE or YEAR; a few give only a NOTE ("Nov. 1973"). */
    const char *text = date ? date : year ? year : note;
    if (!text) return;
    cdn_date d;
    if (cdn_date_parse(text, &d) != 0) {   /* kept as text, with the date unknown */
        cdn_warn(c->set, c->path, line, "%s: unrecognised date of birth \"%s\"", e->id, text);
        cdn_add_dob_parts(c->set, e, 0, 0, 0, 0, circa, text);
        return;
    }
    cdn_add_dob_parts(c->set, e, d.year_from, d.year_to, d.month, d.day,
                      circa || (d.flags & CDN_DATE_CIRCA), text);
}

static void add_pob(un_ctx *c, cdn_entity *e, const xmlNode *n)
{
    const char *country = text_in(c, n, "COUNTRY");
    cdn_strbuf b = { 0 };
    cdn_strbuf_add(&b, ", ", text_in(c, n, "STREET"));
    cdn_strbuf_add(&b, ", ", text_in(c, n, "CITY"));
    cdn_strbuf_add(&b, ", ", text_in(c, n, "STATE_PROVINCE"));
    cdn_strbuf_add(&b, ", ", country);
    cdn_strbuf_add(&b, "; ", text_in(c, n, "NOTE"));
    if (b.oom) c->oom = 1;
    if (cdn_strbuf_str(&b)) cdn_add_pob(c->set, e, b.s, country);
    free(b.s);
}

static void add_address(un_ctx *c, cdn_entity *e, const xmlNode *n)
{
    const char *city = text_in(c, n, "CITY"), *country = text_in(c, n, "COUNTRY");
    cdn_strbuf b = { 0 };
    cdn_strbuf_add(&b, ", ", text_in(c, n, "STREET"));
    cdn_strbuf_add(&b, ", ", city);
    cdn_strbuf_add(&b, ", ", text_in(c, n, "STATE_PROVINCE"));
    cdn_strbuf_add(&b, ", ", text_in(c, n, "ZIP_CODE"));
    cdn_strbuf_add(&b, ", ", country);
    cdn_strbuf_add(&b, "; ", text_in(c, n, "NOTE"));
    if (b.oom) c->oom = 1;
    if (cdn_strbuf_str(&b)) cdn_add_address(c->set, e, b.s, city, country);
    free(b.s);
}

/* TYPE_OF_DOCUMENT is English, French or Spanish ("Numéro de passeport"). */
static const char *document_type(const char *raw)
{
    if (!raw) return "other";
    if (strcasestr(raw, "passport") || strcasestr(raw, "passeport") || strcasestr(raw, "pasaporte"))
        return "passport";
    if (strcasestr(raw, "national identification") || strcasestr(raw, "identity"))
        return "national_id";
    return "other";
}

/* Some documents give their number only inside the NOTE ("Libyan passport number 347834, issued
 * …", "SSN 156-92-9858 (United States of America)"): the first word of at least five letters,
 * digits or dashes with three digits or more is taken for it. Returns 1 and fills out if found. */
static int number_in_note(const char *note, char *out, size_t cap)
{
    for (const char *p = note; p && *p;) {
        while (*p && !isalnum((unsigned char)*p)) p++;
        if (!*p) break;                  /* the note ended in punctuation: no step past its end */
        size_t n = 0, digits = 0;
        while (isalnum((unsigned char)p[n]) || p[n] == '-' || p[n] == '/') digits += isdigit((unsigned char)p[n++]) != 0;
        while (n && (p[n - 1] == '-' || p[n - 1] == '/')) n--;
        if (n >= 5 && digits >= 3 && n < cap) {
            memcpy(out, p, n);
            out[n] = '\0';
            return 1;
        }
        p += n ? n : 1;
    }
    return 0;
}

static void add_document(un_ctx *c, cdn_entity *e, const xmlNode *n)
{
    const char *raw = text_in(c, n, "TYPE_OF_DOCUMENT"), *number = text_in(c, n, "NUMBER");
    char found[64];
    if (!number && number_in_note(text_in(c, n, "NOTE"), found, sizeof found)) number = found;
    const char *country = text_in(c, n, "ISSUING_COUNTRY");
    if (!country) country = text_in(c, n, "COUNTRY_OF_ISSUE");
    const char *type = document_type(raw);
    cdn_strbuf note = { 0 };
    if (strcmp(type, "other") == 0) cdn_strbuf_add(&note, "; ", raw);
    cdn_strbuf_add(&note, "; ", text_in(c, n, "TYPE_OF_DOCUMENT2"));
    const char *issued = text_in(c, n, "DATE_OF_ISSUE"), *city = text_in(c, n, "CITY_OF_ISSUE");
    if (issued) { cdn_strbuf_add(&note, "; ", "issued "); cdn_strbuf_add(&note, "", issued); }
    if (city) { cdn_strbuf_add(&note, "; ", "issued in "); cdn_strbuf_add(&note, "", city); }
    cdn_strbuf_add(&note, "; ", text_in(c, n, "NOTE"));
    if (note.oom) c->oom = 1;
    if (number)
        cdn_add_ident(c->set, e, type, number, cdn_strbuf_str(&note), country);
    else if (raw || cdn_strbuf_str(&note))
        cdn_warn(c->set, c->path, xmlGetLineNo(n), "%s: %s document without a number skipped", e->id,
                 raw ? raw : "a");
    free(note.s);
}

static void add_nationalities(un_ctx *c, cdn_entity *e, const xmlNode *n)
{
    for (const xmlNode *v = n->children; v; v = v->next) {
        if (!is_element(v, "VALUE")) continue;
        const char *name = node_text(c, v);
        if (!name || strcasecmp(name, "na") == 0) continue;
        if (!cdn_country_code(name))
            cdn_warn(c->set, c->path, xmlGetLineNo(v), "%s: unknown nationality \"%s\"", e->id, name);
        else
            cdn_add_nationality(c->set, e, name);
    }
}

/* DESIGNATION and TITLE hold VALUE lists; they are joined into the entity's title. */
static void collect_values(un_ctx *c, cdn_strbuf *b, const xmlNode *n)
{
    for (const xmlNode *v = n->children; v; v = v->next)
        if (is_element(v, "VALUE")) cdn_strbuf_add(b, "; ", node_text(c, v));
}

static void set_gender(cdn_entity *e, const char *text)
{
    if (!text) return;
    if (strcasestr(text, "female")) e->gender = 'f';
    else if (strcasestr(text, "male")) e->gender = 'm';
}

static void set_remarks(un_ctx *c, cdn_entity *e, const char *comments)
{
    if (!comments) return;
    e->remarks = cdn_strdup(c->set, comments);
    const char *g = strcasestr(comments, "Gender:");
    if (!e->gender && g) set_gender(e, g + 7);
    char imo[8];
    if (cdn_find_imo(comments, imo)) cdn_add_ident(c->set, e, "imo", imo, NULL, NULL);
}

static void set_listed_on(un_ctx *c, cdn_entity *e, const char *text, long line)
{
    cdn_date d;
    char day[11];
    if (!text) return;
    if (strlen(text) > 10 && text[4] == '-' && text[7] == '-' && text[10] == '-') {   /* "2015-07-01-04:00" */
        memcpy(day, text, 10);
        day[10] = '\0';
        text = day;
    }
    if (cdn_date_parse(text, &d) != 0 || !d.month || !d.day || d.year_from != d.year_to) {
        cdn_warn(c->set, c->path, line, "%s: unrecognised LISTED_ON \"%s\"", e->id, text);
        return;
    }
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.year_from, d.month, d.day);
    e->listed_on = cdn_strdup(c->set, iso);
}

/* Reads one INDIVIDUAL or ENTITY subtree into a new entity. */
static void read_record(un_ctx *c, const xmlNode *rec, int is_person)
{
    long line = xmlGetLineNo(rec);
    const char *ref = text_in(c, rec, "REFERENCE_NUMBER");
    if (!ref) {
        cdn_warn(c->set, c->path, line, "%s without REFERENCE_NUMBER skipped", (const char *)rec->name);
        return;
    }
    if (cdn_entity_find(c->set, ref)) {
        cdn_warn(c->set, c->path, line, "duplicate REFERENCE_NUMBER %s skipped", ref);
        return;
    }
    cdn_entity *e = cdn_entity_new(c->set, ref);
    if (!e) { c->oom = 1; return; }
    e->kind = is_person ? CORDON_KIND_PERSON : CORDON_KIND_ORGANIZATION;
    add_primary(c, e, rec);

    cdn_strbuf title = { 0 };
    for (const xmlNode *n = rec->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "NAME_ORIGINAL_SCRIPT")) {
            const char *orig = node_text(c, n);
            if (orig && !has_name(e, orig)) cdn_add_name(c->set, e, CDN_NAME_ORIGINAL, orig, NULL, NULL, NULL);
        } else if (!strcmp(name, "INDIVIDUAL_ALIAS") || !strcmp(name, "ENTITY_ALIAS")) {
            add_alias(c, e, n);
        } else if (!strcmp(name, "INDIVIDUAL_DATE_OF_BIRTH")) {
            add_dob(c, e, n);
        } else if (!strcmp(name, "INDIVIDUAL_PLACE_OF_BIRTH")) {
            add_pob(c, e, n);
        } else if (!strcmp(name, "INDIVIDUAL_ADDRESS") || !strcmp(name, "ENTITY_ADDRESS")) {
            add_address(c, e, n);
        } else if (!strcmp(name, "INDIVIDUAL_DOCUMENT")) {
            add_document(c, e, n);
        } else if (!strcmp(name, "NATIONALITY")) {
            add_nationalities(c, e, n);
        } else if (!strcmp(name, "TITLE") || !strcmp(name, "DESIGNATION")) {
            collect_values(c, &title, n);
        } else if (!strcmp(name, "UN_LIST_TYPE")) {
            cdn_add_program(c->set, e, node_text(c, n));
        } else if (!strcmp(name, "LISTED_ON")) {
            set_listed_on(c, e, node_text(c, n), xmlGetLineNo(n));
        } else if (!strcmp(name, "GENDER")) {
            set_gender(e, node_text(c, n));
        } else if (!strcmp(name, "COMMENTS1")) {
            set_remarks(c, e, node_text(c, n));
        }
    }
    if (title.oom) c->oom = 1;
    if (cdn_strbuf_str(&title)) e->title = cdn_strdup(c->set, title.s);
    free(title.s);
    if (!e->names.n)
        cdn_warn(c->set, c->path, line, "%s has no name", e->id);
}

/* dateGenerated="2026-02-27T00:00:09.554Z" → list_date 2026-02-27. */
static void read_list_date(un_ctx *c, xmlTextReaderPtr r, int source)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST "dateGenerated");
    if (!v) return;
    const char *s = (const char *)v;
    int ok = strlen(s) >= 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; ok && i < 10; i++) ok = (i == 4 || i == 7) || isdigit((unsigned char)s[i]);
    if (ok) {
        char *dst = c->set->sources.v[source].report.list_date;
        memcpy(dst, s, 10);
        dst[10] = '\0';
    } else {
        cdn_warn(c->set, c->path, 1, "unrecognised dateGenerated \"%s\"", s);
    }
    xmlFree(v);
}

static cordon_rc fail_xml(un_ctx *c, xmlTextReaderPtr r)
{
    return cdn_xml_fail(c->set, c->path, &c->xml_err, xmlTextReaderGetParserLineNumber(r));
}

/* The element loop: the root is checked, each INDIVIDUAL / ENTITY is expanded, read and skipped. */
static cordon_rc read_stream(un_ctx *c, xmlTextReaderPtr r, int source)
{
    int seen_root = 0;
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            return cdn_fail(c->set, c->path, xmlTextReaderGetParserLineNumber(r),
                            "a DOCTYPE is not allowed in a UN list");
        if (type != XML_READER_TYPE_ELEMENT) { ret = xmlTextReaderRead(r); continue; }
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        int depth = xmlTextReaderDepth(r);
        if (depth == 0) {
            if (!name || strcmp(name, "CONSOLIDATED_LIST") != 0)
                return cdn_fail(c->set, c->path, xmlTextReaderGetParserLineNumber(r),
                                "root element is <%s>, not <CONSOLIDATED_LIST>", name ? name : "?");
            seen_root = 1;
            read_list_date(c, r, source);
        }
        int person = name && strcmp(name, "INDIVIDUAL") == 0;
        if (depth == 2 && name && (person || strcmp(name, "ENTITY") == 0)) {
            xmlNodePtr rec = xmlTextReaderExpand(r);
            if (!rec) return fail_xml(c, r);
            read_record(c, rec, person);
            cdn_xml_bag_clear(&c->bag);
            if (c->oom || cdn_set_oom(c->set)) return CORDON_ERR_NOMEM;
            if (c->too_long_line)
                return cdn_fail(c->set, c->path, c->too_long_line, "field longer than 1 MiB");
            ret = xmlTextReaderNext(r);
        } else {
            ret = xmlTextReaderRead(r);
        }
    }
    if (ret < 0 || c->xml_err.msg[0]) return fail_xml(c, r);
    if (!seen_root) return cdn_fail(c->set, c->path, 1, "empty file: no <CONSOLIDATED_LIST>");
    return CORDON_OK;
}

cordon_rc cdn_parse_un_xml(cdn_set *set, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: %s", path, strerror(errno));
        return CORDON_ERR_IO;
    }
    int source = cdn_source_begin(set, "un", "un-xml", path);
    if (source < 0) { close(fd); return CORDON_ERR_NOMEM; }
    un_ctx c = { .set = set, .path = path };
    /* No network, no DTD loading, no entity substitution (XXE-safe); big line numbers for warnings. */
    cdn_xml_errors_begin(&c.xml_err);
    xmlTextReaderPtr r = xmlReaderForFd(fd, path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    cordon_rc rc;
    if (!r) {
        rc = CORDON_ERR_NOMEM;
    } else {
        cdn_xml_errors_watch(&c.xml_err, r);
        rc = read_stream(&c, r, source);
        xmlFreeTextReader(r);
    }
    cdn_xml_errors_end(&c.xml_err);
    cdn_xml_bag_free(&c.bag);
    close(fd);
    if (rc == CORDON_ERR_NOMEM) snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", path);
    return rc;
}
