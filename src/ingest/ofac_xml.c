/* ofac_xml.c — reads OFAC's sdn.xml schema (SDN.XML, CONSOLIDATED.XML) into entities, streaming.
 * Invariant: the file is read one <sdnEntry> at a time (files are up to ~100 MB), never touching
 * the network or expanding entities; any XML error fails the whole source with file and line.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "ingest/ingest.h"

#define FIELD_MAX (1u << 20)     /* a text over 1 MiB is bad input, not data */

typedef struct ofac_xml {
    cdn_set *set;
    const char *path;
    cdn_xml_errors xml_err;     /* the first error libxml2 reported */
    long too_long_line;         /* line of a field over FIELD_MAX, or 0 */
    long record_count;          /* Record_Count of publshInformation, or -1 */
    size_t entries;
} ofac_xml;

/* A growable text for the remarks of one entry (malloc, freed after the entry). */
typedef struct text_buf {
    char *s;
    size_t len, cap;
    int oom;
} text_buf;

static void tb_add(text_buf *b, const char *sep, const char *a, const char *c)
{
    size_t n = (b->len && sep ? strlen(sep) : 0) + strlen(a) + (c ? strlen(c) + 1 : 0);
    if (b->oom || b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *s = b->oom ? NULL : realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    b->len += (size_t)snprintf(b->s + b->len, b->cap - b->len, "%s%s%s%s",
                               b->len && sep ? sep : "", a, c ? " " : "", c ? c : "");
}

/* ---- Reading an expanded entry ------------------------------------------------------------- */

static int is_elem(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The trimmed text of an element, in the arena, or NULL when empty (or over 1 MiB: noted). */
static const char *text_of(ofac_xml *x, xmlNodePtr n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    if (!raw)
        return NULL;
    const char *s = NULL;
    if (strlen((const char *)raw) > FIELD_MAX) {
        if (!x->too_long_line)
            x->too_long_line = xmlGetLineNo(n);
    } else {
        s = cdn_strdup(x->set, (const char *)raw);
    }
    xmlFree(raw);
    return s;
}

/* The text of the first child element called `name`, or NULL. */
static const char *child_text(ofac_xml *x, xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (is_elem(c, name))
            return text_of(x, c);
    return NULL;
}

/* "LAST, First" as the CSV set writes a person's name; the last name alone otherwise. */
static int add_name(ofac_xml *x, cdn_entity *e, cdn_name_type type, xmlNodePtr n)
{
    const char *first = child_text(x, n, "firstName"), *last = child_text(x, n, "lastName");
    if (!first && !last)
        return 0;
    if (!first || !last) {
        const char *only = last ? last : first, *comma = strchr(only, ',');
        if (e->kind != CORDON_KIND_PERSON || !comma)
            return cdn_add_name(x->set, e, type, only, NULL, NULL, NULL);
        const char *family = cdn_strndup(x->set, only, (size_t)(comma - only));
        return cdn_add_name(x->set, e, type, only, cdn_strdup(x->set, comma + 1), family, NULL);
    }
    size_t a = strlen(last), b = strlen(first);
    char *full = cdn_alloc(x->set, a + b + 3);
    if (!full)
        return -1;
    snprintf(full, a + b + 3, "%s, %s", last, first);
    return cdn_add_name(x->set, e, type, full, first, last, NULL);
}

static int read_aka(ofac_xml *x, cdn_entity *e, xmlNodePtr n)
{
    const char *type = child_text(x, n, "type"), *category = child_text(x, n, "category");
    cdn_name_type t = CDN_NAME_ALIAS;
    if (type && strcasecmp(type, "f.k.a.") == 0)
        t = CDN_NAME_FORMER;
    else if (category && strcasecmp(category, "weak") == 0)
        t = CDN_NAME_WEAK_ALIAS;
    return add_name(x, e, t, n);
}

static int read_address(ofac_xml *x, cdn_entity *e, xmlNodePtr n)
{
    static const char *const parts[] = { "address1", "address2", "address3", "city",
                                         "stateOrProvince", "postalCode", "country" };
    text_buf b = { 0 };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const char *v = child_text(x, n, parts[i]);
        if (v)
            tb_add(&b, ", ", v, NULL);
    }
    const char *country = child_text(x, n, "country");
    if (country && !cdn_country_code(country))
        cdn_warn(x->set, x->path, xmlGetLineNo(n), "%s: unknown country \"%s\" in an address",
                 e->id, country);
    int rc = b.oom ? -1 : cdn_add_address(x->set, e, b.s, child_text(x, n, "city"), country);
    free(b.s);
    return rc;
}

/* An <id>: an identifier, the gender, or a fact that only goes to the remarks. */
static int read_id(ofac_xml *x, cdn_entity *e, xmlNodePtr n, text_buf *remarks)
{
    const char *type = child_text(x, n, "idType"), *number = child_text(x, n, "idNumber");
    const char *country = child_text(x, n, "idCountry");
    if (!type || !number)
        return 0;
    if (strcmp(type, "Gender") == 0) {
        e->gender = strcasecmp(number, "Male") == 0 ? 'm' : strcasecmp(number, "Female") == 0 ? 'f' : 0;
        return 0;
    }
    if (strncmp(type, "Digital Currency Address - ", 27) == 0)
        return cdn_add_ident(x->set, e, "crypto_wallet", number, type + 27, NULL);
    int label_is_note = 0;
    const char *canon = cdn_ofac_ident_type(type, &label_is_note);
    if (!canon) {           /* "Secondary sanctions risk:", "Listing Date (CMIC)" … */
        tb_add(remarks, "; ", type, number);
        return remarks->oom ? -1 : 0;
    }
    if (strcmp(canon, "imo") == 0 && strncasecmp(number, "IMO ", 4) == 0)
        number += 4;
    text_buf note = { 0 };
    if (label_is_note)
        tb_add(&note, NULL, type, NULL);
    const char *issued = child_text(x, n, "issueDate"), *expires = child_text(x, n, "expirationDate");
    if (issued)
        tb_add(&note, "; ", "issued", issued);
    if (expires)
        tb_add(&note, "; ", "expires", expires);
    if (country && !cdn_country_code(country))
        cdn_warn(x->set, x->path, xmlGetLineNo(n), "%s: unknown country \"%s\" of an identifier",
                 e->id, country);
    int rc = note.oom ? -1 : cdn_add_ident(x->set, e, canon, number, note.s, country);
    free(note.s);
    return rc;
}

/* <nationality>/<citizenship> items hold a <country>. */
static int read_country_item(ofac_xml *x, cdn_entity *e, xmlNodePtr n, int citizen)
{
    const char *country = child_text(x, n, "country");
    if (!country)
        return 0;
    if (!cdn_country_code(country)) {
        cdn_warn(x->set, x->path, xmlGetLineNo(n), "%s: unknown country \"%s\"", e->id, country);
        return 0;
    }
    return citizen ? cdn_add_citizenship(x->set, e, country) : cdn_add_nationality(x->set, e, country);
}

static int read_vessel(ofac_xml *x, cdn_entity *e, xmlNodePtr n, text_buf *remarks)
{
    const char *call = child_text(x, n, "callSign"), *flag = child_text(x, n, "vesselFlag");
    const char *owner = child_text(x, n, "vesselOwner");
    if (call && cdn_add_ident(x->set, e, "other", call, "Call Sign", NULL) < 0)
        return -1;
    if (flag && cdn_add_nationality(x->set, e, flag) < 0)   /* a vessel's nationality is its flag */
        return -1;
    if (owner && cdn_add_link(x->set, e, "owned_by", owner) < 0)
        return -1;
    static const struct { const char *tag, *label; } extra[] = {
        { "vesselType", "Vessel Type" }, { "tonnage", "Tonnage" }, { "grossRegisteredTonnage", "GRT" },
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        const char *v = child_text(x, n, extra[i].tag);
        if (v)
            tb_add(remarks, "; ", extra[i].label, v);
    }
    return remarks->oom ? -1 : 0;
}

/* The items of a list element (<akaList><aka>…): each child element is one item. */
static int read_list(ofac_xml *x, cdn_entity *e, xmlNodePtr list, text_buf *remarks)
{
    const char *name = (const char *)list->name;
    int rc = 0;
    for (xmlNodePtr c = list->children; c && rc == 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp(name, "programList") == 0)
            rc = cdn_add_program(x->set, e, text_of(x, c));
        else if (strcmp(name, "akaList") == 0)
            rc = read_aka(x, e, c);
        else if (strcmp(name, "addressList") == 0)
            rc = read_address(x, e, c);
        else if (strcmp(name, "idList") == 0)
            rc = read_id(x, e, c, remarks);
        else if (strcmp(name, "dateOfBirthList") == 0)
            rc = cdn_add_dob(x->set, e, child_text(x, c, "dateOfBirth"));
        else if (strcmp(name, "placeOfBirthList") == 0)
            rc = cdn_add_pob(x->set, e, child_text(x, c, "placeOfBirth"), NULL);
        else if (strcmp(name, "nationalityList") == 0)
            rc = read_country_item(x, e, c, 0);
        else if (strcmp(name, "citizenshipList") == 0)
            rc = read_country_item(x, e, c, 1);
    }
    return rc;
}

/* "(Linked To: HAMAS)" or "…; Linked To: LAZARUS GROUP." in the remarks → links. */
static int remarks_links(cdn_set *set, cdn_entity *e, const char *remarks)
{
    for (const char *s = remarks; s && (s = strstr(s, "Linked To: ")); ) {
        s += 11;
        size_t len = strcspn(s, ";)");
        while (len && (s[len - 1] == '.' || s[len - 1] == ' '))
            len--;
        if (len && cdn_add_link(set, e, "linked_to", cdn_strndup(set, s, len)) < 0)
            return -1;
    }
    return 0;
}

static uint8_t kind_of(const char *type)
{
    if (!type || strcasecmp(type, "Entity") == 0)
        return CORDON_KIND_ORGANIZATION;
    if (strcasecmp(type, "Individual") == 0)
        return CORDON_KIND_PERSON;
    if (strcasecmp(type, "Vessel") == 0)
        return CORDON_KIND_VESSEL;
    if (strcasecmp(type, "Aircraft") == 0)
        return CORDON_KIND_AIRCRAFT;
    return CORDON_KIND_ANY;
}

static cordon_rc read_entry(ofac_xml *x, xmlNodePtr n)
{
    cdn_set *set = x->set;
    long line = xmlGetLineNo(n);
    const char *uid = child_text(x, n, "uid");
    if (!uid) {
        cdn_warn(set, x->path, line, "an sdnEntry without a uid skipped");
        return CORDON_OK;
    }
    if (cdn_entity_find(set, uid)) {
        cdn_warn(set, x->path, line, "entry %s repeated; the later one is skipped", uid);
        return CORDON_OK;
    }
    cdn_entity *e = cdn_entity_new(set, uid);
    if (!e)
        return CORDON_ERR_NOMEM;
    x->entries++;
    const char *type = child_text(x, n, "sdnType");
    e->kind = kind_of(type);
    if (e->kind == CORDON_KIND_ANY) {
        cdn_warn(set, x->path, line, "%s: unknown sdnType \"%s\", read as an organization", e->id, type);
        e->kind = CORDON_KIND_ORGANIZATION;
    }
    if (add_name(x, e, CDN_NAME_PRIMARY, n) < 0)
        return CORDON_ERR_NOMEM;
    if (!e->names.n)
        cdn_warn(set, x->path, line, "%s has no name", e->id);
    e->title = child_text(x, n, "title");
    text_buf remarks = { 0 };
    const char *own = child_text(x, n, "remarks");
    if (own)
        tb_add(&remarks, NULL, own, NULL);
    int rc = remarks_links(set, e, own);
    for (xmlNodePtr c = n->children; c && rc == 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_elem(c, "vesselInfo"))
            rc = read_vessel(x, e, c, &remarks);
        else if (strlen((const char *)c->name) > 4 && strcmp((const char *)c->name +
                 strlen((const char *)c->name) - 4, "List") == 0)
            rc = read_list(x, e, c, &remarks);
    }
    if (rc == 0 && remarks.len)
        e->remarks = cdn_strdup(set, remarks.s);
    if (remarks.oom)
        rc = -1;
    free(remarks.s);
    return rc < 0 || cdn_set_oom(set) ? CORDON_ERR_NOMEM : CORDON_OK;
}

/* <Publish_Date>01/08/2026</Publish_Date> (MM/DD/YYYY) → report.list_date "2026-01-08". */
static void read_publish_info(ofac_xml *x, xmlNodePtr n, int source)
{
    const char *date = child_text(x, n, "Publish_Date"), *count = child_text(x, n, "Record_Count");
    int m, d, y;
    char tail;
    if (date && sscanf(date, "%2d/%2d/%4d%c", &m, &d, &y, &tail) == 3 && m >= 1 && m <= 12 &&
        d >= 1 && d <= 31 && y >= 1990 && y <= 2200)
        snprintf(x->set->sources.v[source].report.list_date,
                 sizeof x->set->sources.v[source].report.list_date, "%04d-%02d-%02d", y, m, d);
    else if (date)
        cdn_warn(x->set, x->path, xmlGetLineNo(n), "unrecognised Publish_Date \"%s\"", date);
    if (count && isdigit((unsigned char)count[0]))
        x->record_count = strtol(count, NULL, 10);
}

/* ---- The stream ---------------------------------------------------------------------------- */

static cordon_rc fail_xml(ofac_xml *x, xmlTextReaderPtr r)
{
    return cdn_xml_fail(x->set, x->path, &x->xml_err, xmlTextReaderGetParserLineNumber(r));
}

/* Expands and reads one top-level element (an entry or the publishing information). */
static cordon_rc read_top(ofac_xml *x, xmlTextReaderPtr r, int entry, int source)
{
    xmlNodePtr node = xmlTextReaderExpand(r);
    if (!node)
        return fail_xml(x, r);
    cordon_rc rc = CORDON_OK;
    if (entry)
        rc = read_entry(x, node);
    else
        read_publish_info(x, node, source);
    if (!rc && x->too_long_line)
        rc = cdn_fail(x->set, x->path, x->too_long_line, "field longer than 1 MiB");
    return rc;
}

/* The element loop: the root is checked; each sdnEntry is expanded, read and skipped. */
static cordon_rc read_stream(ofac_xml *x, xmlTextReaderPtr r, int source)
{
    int seen_root = 0;
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            return cdn_fail(x->set, x->path, xmlTextReaderGetParserLineNumber(r),
                            "a DOCTYPE is not allowed in an OFAC list");
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        int depth = xmlTextReaderDepth(r);
        if (type == XML_READER_TYPE_ELEMENT && depth == 0) {
            if (!name || strcmp(name, "sdnList") != 0)
                return cdn_fail(x->set, x->path, xmlTextReaderGetParserLineNumber(r),
                                "root element is <%s>, not <sdnList>", name ? name : "?");
            seen_root = 1;
        }
        int entry = name && strcmp(name, "sdnEntry") == 0;
        if (type == XML_READER_TYPE_ELEMENT && depth == 1 && name &&
            (entry || strcmp(name, "publshInformation") == 0)) {
            cordon_rc rc = read_top(x, r, entry, source);
            if (rc)
                return rc;
            ret = xmlTextReaderNext(r);
        } else {
            ret = xmlTextReaderRead(r);
        }
    }
    if (ret < 0 || x->xml_err.msg[0])
        return fail_xml(x, r);
    if (!seen_root)
        return cdn_fail(x->set, x->path, 1, "no <sdnList> element: not an OFAC XML list");
    return CORDON_OK;
}

cordon_rc cdn_parse_ofac_xml(cdn_set *set, const char *path)
{
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: cannot open", path);
        return CORDON_ERR_IO;
    }
    fclose(probe);
    int source = cdn_source_begin(set, "ofac", "ofac-xml", path);
    if (source < 0)
        return CORDON_ERR_NOMEM;
    ofac_xml x = { .set = set, .path = path, .record_count = -1 };
    cdn_xml_errors_begin(&x.xml_err);
    /* No network, no DTD loading, no entity substitution (XXE-safe); big line numbers. */
    xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    cordon_rc rc;
    if (!r) {
        rc = x.xml_err.msg[0] ? cdn_xml_fail(set, path, &x.xml_err, 0)
                              : cdn_fail(set, path, 0, "cannot open as XML");
    } else {
        cdn_xml_errors_watch(&x.xml_err, r);
        rc = read_stream(&x, r, source);
        xmlFreeTextReader(r);
    }
    cdn_xml_errors_end(&x.xml_err);
    if (rc == CORDON_ERR_NOMEM)
        snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", path);
    if (!rc && x.entries == 0)
        rc = cdn_fail(set, path, 0, "no <sdnEntry> in the list");
    if (!rc && x.record_count >= 0 && (size_t)x.record_count != x.entries)
        cdn_warn(set, path, 0, "Record_Count says %ld entries, the file holds %zu", x.record_count,
                 x.entries);
    return rc;
}
