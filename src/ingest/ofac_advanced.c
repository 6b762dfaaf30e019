/* ofac_advanced.c — reads OFAC's "advanced" XML (SDN_ADVANCED schema, root <Sanctions>), streaming.
 * Invariant: only reference tables, locations and ID documents stay in memory; parties stream past.
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


/* ---- Small maps ---------------------------------------------------------------------------
 * Reference values, locations and identities are looked up by their numeric ID. */

typedef struct imap { int64_t *keys; uintptr_t *vals; size_t cap, n; } imap;   /* key 0 = empty */

static uintptr_t imap_get(const imap *m, int64_t key)
{
    if (!m->cap || key <= 0) return 0;
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull >> 17) & mask; m->keys[i]; i = (i + 1) & mask)
        if (m->keys[i] == key) return m->vals[i];
    return 0;
}

static int imap_put(imap *m, int64_t key, uintptr_t val)
{
    if (key <= 0) return 0;
    if ((m->n + 1) * 2 > m->cap) {
        imap bigger = { 0 };
        bigger.cap = m->cap ? m->cap * 2 : 64;
        bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
        bigger.vals = calloc(bigger.cap, sizeof *bigger.vals);
        if (!bigger.keys || !bigger.vals) { free(bigger.keys); free(bigger.vals); return -1; }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) imap_put(&bigger, m->keys[i], m->vals[i]);
        free(m->keys);
        free(m->vals);
        *m = bigger;
    }
    size_t mask = m->cap - 1;
    size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull >> 17) & mask;
    while (m->keys[i] && m->keys[i] != key) i = (i + 1) & mask;
    if (!m->keys[i]) m->n++;
    m->keys[i] = key;
    m->vals[i] = val;
    return 0;
}

static void imap_free(imap *m) { free(m->keys); free(m->vals); memset(m, 0, sizeof *m); }

/* ---- The parse state ---------------------------------------------------------------------- */

/* What a FeatureType means to us, decided from its name when the reference table is read. */
enum { F_OTHER = 1, F_DOB, F_POB, F_CITIZENSHIP, F_NATIONALITY, F_GENDER, F_ADDRESS, F_IDENT };

typedef struct feature_type { int what; const char *name; const char *ident_type; } feature_type;

/* A Location: its address text, city and country, resolved when a feature refers to it. */
typedef struct adv_location { char *text, *city; char country[3]; } adv_location;

/* A feature that refers to a Location, kept until the end since Locations may come later. */
typedef struct pending_place { cdn_entity *e; int what; int64_t location; const char *feature; } pending_place;

/* An IDRegDocument, kept until its identity's party has been read. */
typedef struct pending_doc {
    int64_t identity; long line;
    char *type, *value, *note; char country[3];
} pending_doc;

typedef struct adv_ctx {
    cdn_set *set;
    const char *path;
    int source;
    cdn_xml_bag bag;                        /* texts of the current subtree, freed after it */
    int oom;
    long too_long_line;
    cdn_xml_errors xml_err;

    /* reference tables: ID → value */
    imap alias_type;        /* cdn_name_type + 1 */
    imap party_subtype;     /* cordon_kind + 1, for Vessel and Aircraft */
    imap subtype_party_type;/* PartySubType ID → PartyType ID, for the others */
    imap party_type_kind;   /* PartyType ID → cordon_kind + 1 */
    imap feature;           /* feature_type * (arena) */
    imap doc_type;          /* const char * name (arena) */
    imap country;           /* ISO code packed c0 | c1 << 8, or 0 */
    imap country_name;      /* const char * (arena) */
    imap area_country;      /* AreaCode ID → Country ID */
    imap detail_ref;        /* const char * (arena) */
    imap loc_part;          /* LocPartType ID → role (see loc_role) */
    imap script;            /* const char * script name (arena); "Latin" is not original script */
    imap relation;          /* const char * relation (arena) */
    imap name_part_type;    /* 1 family, 2 given, 3 whole */
    int64_t program_measure;/* the SanctionsType ID of "Program" */

    imap locations;         /* Location ID → index + 1 into locs */
    adv_location *locs; size_t n_locs, cap_locs;
    imap identities;        /* Identity ID → cdn_entity * */
    pending_place *places; size_t n_places, cap_places;
    pending_doc *docs; size_t n_docs, cap_docs;
} adv_ctx;

/* Grows a malloc'd array of `elem`-byte items to hold one more; -1 when out of memory. */
static int grow(void **v, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap) return 0;
    size_t c = *cap ? *cap * 2 : 64;
    void *p = realloc(*v, c * elem);
    if (!p) return -1;
    *v = p;
    *cap = c;
    return 0;
}

/* ---- XML helpers -------------------------------------------------------------------------- */

static const char *node_text(adv_ctx *c, const xmlNode *n)
{
    return cdn_xml_text(&c->bag, n, &c->oom, &c->too_long_line);
}

static int is_element(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child_named(const xmlNode *parent, const char *name)
{
    for (const xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
        if (is_element(n, name)) return n;
    return NULL;
}

static const char *text_in(adv_ctx *c, const xmlNode *parent, const char *name)
{
    return node_text(c, child_named(parent, name));
}

static const char *attr(adv_ctx *c, const xmlNode *n, const char *name)
{
    const char *s = cdn_xml_bag_keep(&c->bag, xmlGetProp(n, BAD_CAST name), &c->oom);
    return s && *s ? s : NULL;
}

/* A numeric ID attribute, or 0 when absent or not a number. */
static int64_t attr_id(adv_ctx *c, const xmlNode *n, const char *name)
{
    const char *s = attr(c, n, name);
    if (!s) return 0;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    return (*end || errno || v <= 0) ? 0 : (int64_t)v;
}

static int attr_true(adv_ctx *c, const xmlNode *n, const char *name)
{
    const char *s = attr(c, n, name);
    return s && strcasecmp(s, "true") == 0;
}

/* ---- Reference value sets ----------------------------------------------------------------- */

static int alias_type_of(const char *text)
{
    if (!text) return CDN_NAME_ALIAS;
    if (strcasecmp(text, "Name") == 0) return CDN_NAME_PRIMARY;
    if (strcasestr(text, "F.K.A")) return CDN_NAME_FORMER;
    return CDN_NAME_ALIAS;   /* A.K.A., N.K.A. */
}

/* The canonical identifier type of an IDRegDocType or a text feature, or NULL. */
static const char *ident_type_of(const char *name)
{
    static const struct { const char *word, *type; } table[] = {
        { "passport", "passport" }, { "national id", "national_id" }, { "cedula", "national_id" },
        { "identification number", "national_id" }, { "personal id", "national_id" },
        { "tax id", "tax_id" }, { "v.a.t.", "tax_id" }, { "nit #", "tax_id" }, { "c.u.i.t.", "tax_id" },
        { "swift", "swift_bic" }, { "imo", "imo" }, { "vessel registration", "imo" },
        { "mmsi", "mmsi" }, { "digital currency", "crypto_wallet" },
        { "registration", "registration" }, { "registry", "registration" }, { "gazette", "registration" },
    };
    if (!name) return NULL;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcasestr(name, table[i].word)) return table[i].type;
    return NULL;
}

static feature_type *feature_type_of(adv_ctx *c, const char *name)
{
    feature_type *f = cdn_alloc(c->set, sizeof *f);
    if (!f) return NULL;
    f->name = cdn_strdup(c->set, name ? name : "feature");
    f->what = F_OTHER;
    if (!name) return f;
    if (strcasecmp(name, "Birthdate") == 0) f->what = F_DOB;
    else if (strcasecmp(name, "Place of Birth") == 0) f->what = F_POB;
    else if (strcasestr(name, "Citizenship")) f->what = F_CITIZENSHIP;
    else if (strcasestr(name, "Nationality")) f->what = F_NATIONALITY;
    else if (strcasecmp(name, "Gender") == 0) f->what = F_GENDER;
    else if (strcasecmp(name, "Location") == 0) f->what = F_ADDRESS;
    else if (!strcasestr(name, "Directive") && ident_type_of(name)) f->what = F_IDENT;
    f->ident_type = ident_type_of(name);
    return f;
}

/* LocPartType names → address roles, in the order they are joined. */
enum { L_ADDRESS1 = 1, L_ADDRESS2, L_ADDRESS3, L_CITY, L_STATE, L_POSTAL, L_REGION, L_UNKNOWN, L_ROLES };

static int loc_role(const char *text)
{
    static const char *const names[] = { "ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE",
                                         "POSTAL CODE", "REGION" };
    for (int i = 0; text && i < 7; i++)
        if (strcasecmp(text, names[i]) == 0) return L_ADDRESS1 + i;
    return L_UNKNOWN;
}

static int kind_of_party_type(const char *text)
{
    if (!text) return CORDON_KIND_ORGANIZATION;
    if (strcasecmp(text, "Individual") == 0) return CORDON_KIND_PERSON;
    return CORDON_KIND_ORGANIZATION;
}

static int name_part_role(const char *text)
{
    if (!text) return 3;
    if (strcasestr(text, "Last") || strcasestr(text, "Matronymic")) return 1;
    if (strcasestr(text, "First") || strcasestr(text, "Middle") || strcasestr(text, "Patronymic")) return 2;
    return 3;   /* Entity Name, Vessel Name, Aircraft Name, Nickname … */
}

/* Reads one entry of a *Values set. */
static int read_ref_value(adv_ctx *c, const xmlNode *v)
{
    const char *kind = (const char *)v->name;
    int64_t id = attr_id(c, v, "ID");
    const char *text = node_text(c, v);
    if (!id) return 0;
    if (!strcmp(kind, "AliasType")) return imap_put(&c->alias_type, id, (uintptr_t)alias_type_of(text) + 1);
    if (!strcmp(kind, "PartyType")) return imap_put(&c->party_type_kind, id, (uintptr_t)kind_of_party_type(text) + 1);
    if (!strcmp(kind, "PartySubType")) {
        /* "Unknown" subtypes take the kind of their PartyType, which may be listed after them */
        if (text && strcasecmp(text, "Vessel") == 0) return imap_put(&c->party_subtype, id, CORDON_KIND_VESSEL + 1);
        if (text && strcasecmp(text, "Aircraft") == 0) return imap_put(&c->party_subtype, id, CORDON_KIND_AIRCRAFT + 1);
        return imap_put(&c->subtype_party_type, id, (uintptr_t)attr_id(c, v, "PartyTypeID"));
    }
    if (!strcmp(kind, "FeatureType")) {
        feature_type *f = feature_type_of(c, text);
        return f ? imap_put(&c->feature, id, (uintptr_t)f) : -1;
    }
    if (!strcmp(kind, "IDRegDocType")) return imap_put(&c->doc_type, id, (uintptr_t)cdn_strdup(c->set, text));
    if (!strcmp(kind, "Country")) {
        const char *iso = attr(c, v, "ISO2");
        const char *code = iso && strlen(iso) == 2 ? iso : text ? cdn_country_code(text) : NULL;
        if (text && imap_put(&c->country_name, id, (uintptr_t)cdn_strdup(c->set, text)) < 0) return -1;
        return code ? imap_put(&c->country, id, (uintptr_t)((unsigned char)code[0] | (unsigned char)code[1] << 8)) : 0;
    }
    if (!strcmp(kind, "AreaCode")) return imap_put(&c->area_country, id, (uintptr_t)attr_id(c, v, "CountryID"));
    if (!strcmp(kind, "DetailReference")) return imap_put(&c->detail_ref, id, (uintptr_t)cdn_strdup(c->set, text));
    if (!strcmp(kind, "LocPartType")) return imap_put(&c->loc_part, id, (uintptr_t)loc_role(text));
    if (!strcmp(kind, "Script")) return imap_put(&c->script, id, (uintptr_t)cdn_strdup(c->set, text));
    if (!strcmp(kind, "NamePartType")) return imap_put(&c->name_part_type, id, (uintptr_t)name_part_role(text));
    if (!strcmp(kind, "RelationType")) {
        const char *rel = text && strcasestr(text, "Owned or Controlled") ? "owned_by" : "linked_to";
        return imap_put(&c->relation, id, (uintptr_t)rel);
    }
    if (!strcmp(kind, "SanctionsType") && text && strcasecmp(text, "Program") == 0) c->program_measure = id;
    return 0;
}

static void read_reference_sets(adv_ctx *c, const xmlNode *sets)
{
    for (const xmlNode *set = sets->children; set; set = set->next) {
        if (set->type != XML_ELEMENT_NODE) continue;
        for (const xmlNode *v = set->children; v; v = v->next)
            if (v->type == XML_ELEMENT_NODE && read_ref_value(c, v) < 0) c->oom = 1;
    }
}

/* The ISO code of a Country ID into out[3] ("" if unknown). */
static void country_code_of(const adv_ctx *c, int64_t country_id, char out[3])
{
    uintptr_t v = imap_get(&c->country, country_id);
    out[0] = (char)(v & 0xff);
    out[1] = (char)(v >> 8 & 0xff);
    out[2] = '\0';
}

/* ---- Locations ---------------------------------------------------------------------------- */

static void read_location(adv_ctx *c, const xmlNode *loc)
{
    int64_t id = attr_id(c, loc, "ID");
    if (!id) return;
    const char *parts[L_ROLES] = { 0 };
    cdn_strbuf unknown = { 0 };
    int64_t country_id = 0;
    for (const xmlNode *n = loc->children; n; n = n->next) {
        if (is_element(n, "LocationCountry")) country_id = attr_id(c, n, "CountryID");
        else if (is_element(n, "LocationAreaCode") && !country_id)
            country_id = (int64_t)imap_get(&c->area_country, attr_id(c, n, "AreaCodeID"));
        else if (is_element(n, "LocationPart")) {
            int role = (int)imap_get(&c->loc_part, attr_id(c, n, "LocPartTypeID"));
            const char *value = text_in(c, child_named(n, "LocationPartValue"), "Value");
            if (role > 0 && role < L_UNKNOWN && !parts[role]) parts[role] = value;
            else cdn_strbuf_add(&unknown, ", ", value);
        }
    }
    adv_location l = { 0 };
    country_code_of(c, country_id, l.country);
    const char *country_name = (const char *)imap_get(&c->country_name, country_id);
    if (!l.country[0] && cdn_strbuf_str(&unknown) && cdn_country_code(unknown.s))   /* "Switzerland" alone */
        memcpy(l.country, cdn_country_code(unknown.s), 2);
    cdn_strbuf text = { 0 };
    for (int r = L_ADDRESS1; r < L_UNKNOWN; r++) cdn_strbuf_add(&text, ", ", parts[r]);
    cdn_strbuf_add(&text, ", ", cdn_strbuf_str(&unknown));
    if (country_name && l.country[0] && (!cdn_strbuf_str(&text) || !strstr(text.s, country_name)))
        cdn_strbuf_add(&text, ", ", country_name);
    l.text = text.s;
    l.city = parts[L_CITY] ? strdup(parts[L_CITY]) : NULL;
    if (text.oom || unknown.oom || (parts[L_CITY] && !l.city) ||
        grow((void **)&c->locs, c->n_locs, &c->cap_locs, sizeof *c->locs) < 0) {
        free(l.text); free(l.city); free(unknown.s);
        c->oom = 1;
        return;
    }
    free(unknown.s);
    c->locs[c->n_locs++] = l;
    if (imap_put(&c->locations, id, c->n_locs) < 0) c->oom = 1;
}

/* ---- ID documents ------------------------------------------------------------------------- */

static char *dup_or_null(adv_ctx *c, const char *s)
{
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) c->oom = 1;
    return d;
}

static void read_id_document(adv_ctx *c, const xmlNode *doc)
{
    const char *number = text_in(c, doc, "IDRegistrationNo");
    const char *type_name = (const char *)imap_get(&c->doc_type, attr_id(c, doc, "IDRegDocTypeID"));
    if (!number) return;
    const char *type = ident_type_of(type_name);
    cdn_strbuf note = { 0 };
    if (!type) cdn_strbuf_add(&note, "; ", type_name);
    cdn_strbuf_add(&note, "; ", text_in(c, doc, "IssuingAuthority"));
    cdn_strbuf_add(&note, "; ", text_in(c, doc, "Comment"));
    if (attr_id(c, doc, "ValidityID") == 2) cdn_strbuf_add(&note, "; ", "fraudulent");
    for (const xmlNode *d = doc->children; d; d = d->next)
        if (is_element(d, "DocumentDate")) {   /* issue / expiry dates */
            const xmlNode *from = child_named(child_named(child_named(d, "DatePeriod"), "Start"), "From");
            const char *y = text_in(c, from, "Year"), *m = text_in(c, from, "Month"), *dd = text_in(c, from, "Day");
            if (y) {
                char date[48];
                snprintf(date, sizeof date, "date %s-%s-%s", y, m ? m : "?", dd ? dd : "?");
                cdn_strbuf_add(&note, "; ", date);
            }
        }
    if (note.oom || grow((void **)&c->docs, c->n_docs, &c->cap_docs, sizeof *c->docs) < 0) {
        free(note.s);
        c->oom = 1;
        return;
    }
    pending_doc *p = &c->docs[c->n_docs++];
    memset(p, 0, sizeof *p);
    p->identity = attr_id(c, doc, "IdentityID");
    p->line = xmlGetLineNo(doc);
    p->type = dup_or_null(c, type ? type : "other");
    p->value = dup_or_null(c, number);
    p->note = note.s;
    country_code_of(c, attr_id(c, doc, "IssuedBy-CountryID"), p->country);
}

/* ---- Distinct parties --------------------------------------------------------------------- */

/* The name part groups of an identity: NamePartGroup ID → role (1 family, 2 given, 3 whole). */
static void read_name_groups(adv_ctx *c, const xmlNode *identity, imap *groups)
{
    const xmlNode *all = child_named(identity, "NamePartGroups");
    for (const xmlNode *m = all ? all->children : NULL; m; m = m->next)
        for (const xmlNode *g = is_element(m, "MasterNamePartGroup") ? m->children : NULL; g; g = g->next)
            if (is_element(g, "NamePartGroup")) {
                uintptr_t role = imap_get(&c->name_part_type, attr_id(c, g, "NamePartTypeID"));
                if (imap_put(groups, attr_id(c, g, "ID"), role ? role : 3) < 0) c->oom = 1;
            }
}

/* One DocumentedName: parts joined as OFAC prints them, "FAMILY, Given" for people. */
static void add_documented_name(adv_ctx *c, cdn_entity *e, const xmlNode *dn, const imap *groups,
                                cdn_name_type type)
{
    cdn_strbuf given = { 0 }, family = { 0 }, whole = { 0 }, full = { 0 };
    const char *script = NULL;
    for (const xmlNode *p = dn->children; p; p = p->next) {
        const xmlNode *v = is_element(p, "DocumentedNamePart") ? child_named(p, "NamePartValue") : NULL;
        if (!v) continue;
        const char *text = node_text(c, v);
        int role = (int)imap_get(groups, attr_id(c, v, "NamePartGroupID"));
        if (!script) script = (const char *)imap_get(&c->script, attr_id(c, v, "ScriptID"));
        cdn_strbuf_add(role == 1 ? &family : role == 2 ? &given : &whole, " ", text);
    }
    cdn_strbuf_add(&full, " ", cdn_strbuf_str(&whole));
    if (cdn_strbuf_str(&family) && cdn_strbuf_str(&given)) {
        cdn_strbuf_add(&full, " ", family.s);
        cdn_strbuf_add(&full, ", ", given.s);
    } else {
        cdn_strbuf_add(&full, " ", cdn_strbuf_str(&family));
        cdn_strbuf_add(&full, " ", cdn_strbuf_str(&given));
    }
    int original = script && strcasecmp(script, "Latin") != 0;
    if (given.oom || family.oom || whole.oom || full.oom) c->oom = 1;
    else if (cdn_strbuf_str(&full))
        cdn_add_name(c->set, e, original ? CDN_NAME_ORIGINAL : type, full.s,
                     cdn_strbuf_str(&whole) ? NULL : cdn_strbuf_str(&given), cdn_strbuf_str(&whole) ? NULL : cdn_strbuf_str(&family),
                     original ? script : NULL);
    free(given.s); free(family.s); free(whole.s); free(full.s);
}

static void add_alias(adv_ctx *c, cdn_entity *e, const xmlNode *alias, const imap *groups)
{
    int type = (int)imap_get(&c->alias_type, attr_id(c, alias, "AliasTypeID")) - 1;
    if (type < 0) type = CDN_NAME_ALIAS;
    if (attr_true(c, alias, "Primary")) type = CDN_NAME_PRIMARY;
    else if (type == CDN_NAME_PRIMARY) type = CDN_NAME_ALIAS;
    if (attr_true(c, alias, "LowQuality")) type = CDN_NAME_WEAK_ALIAS;
    for (const xmlNode *dn = alias->children; dn; dn = dn->next)
        if (is_element(dn, "DocumentedName")) add_documented_name(c, e, dn, groups, (cdn_name_type)type);
}

/* Names of one identity, the primary alias first since it is the caption. */
static void read_identity(adv_ctx *c, cdn_entity *e, const xmlNode *identity)
{
    imap groups = { 0 };
    read_name_groups(c, identity, &groups);
    for (int pass = 0; pass < 2; pass++)
        for (const xmlNode *a = identity->children; a; a = a->next)
            if (is_element(a, "Alias") && attr_true(c, a, "Primary") == (pass == 0))
                add_alias(c, e, a, &groups);
    imap_free(&groups);
    if (imap_put(&c->identities, attr_id(c, identity, "ID"), (uintptr_t)e) < 0) c->oom = 1;
}

typedef struct ymd { int y, m, d; } ymd;

static ymd read_ymd(adv_ctx *c, const xmlNode *n)
{
    ymd r = { 0, 0, 0 };
    const char *y = text_in(c, n, "Year"), *m = text_in(c, n, "Month"), *d = text_in(c, n, "Day");
    r.y = y ? atoi(y) : 0;
    r.m = m ? atoi(m) : 0;
    r.d = d ? atoi(d) : 0;
    if (r.y < 0 || r.y > 9999 || r.m < 0 || r.m > 12 || r.d < 0 || r.d > 31) r.y = r.m = r.d = 0;
    return r;
}

/* A DatePeriod from Start.From to End.To: one day, a whole month, whole years or a span. */
static void add_date_period(adv_ctx *c, cdn_entity *e, const xmlNode *period)
{
    const xmlNode *start = child_named(period, "Start"), *end = child_named(period, "End");
    ymd a = read_ymd(c, child_named(start, "From"));
    ymd b = read_ymd(c, child_named(end, "To"));
    if (!b.y) b = read_ymd(c, child_named(end, "From"));
    if (!b.y) b = read_ymd(c, child_named(start, "To"));
    if (!a.y) a = b;
    if (!a.y) return;
    if (!b.y) b = a;
    int circa = attr_true(c, start, "Approximate") || attr_true(c, end, "Approximate");
    char text[64];
    const char *pre = circa ? "circa " : "";
    if (a.y == b.y && a.m == b.m && a.d == b.d) {
        snprintf(text, sizeof text, "%s%04d-%02d-%02d", pre, a.y, a.m, a.d);
        cdn_add_dob_parts(c->set, e, a.y, a.y, a.m, a.d, circa, text);
    } else if (a.y == b.y && a.m == b.m && a.d <= 1 && b.d >= 28) {
        snprintf(text, sizeof text, "%s%04d-%02d", pre, a.y, a.m);
        cdn_add_dob_parts(c->set, e, a.y, a.y, a.m, 0, circa, text);
    } else {
        if (a.y == b.y) snprintf(text, sizeof text, "%s%04d", pre, a.y);
        else snprintf(text, sizeof text, "%s%04d to %04d", pre, a.y, b.y);
        cdn_add_dob_parts(c->set, e, a.y, b.y, 0, 0, circa, text);
    }
}

static void defer_place(adv_ctx *c, cdn_entity *e, int what, int64_t location, const char *feature)
{
    if (grow((void **)&c->places, c->n_places, &c->cap_places, sizeof *c->places) < 0) { c->oom = 1; return; }
    c->places[c->n_places++] = (pending_place){ e, what, location, feature };
}

/* Appends "Name: value" to the remarks, for features with no place in the model. */
static void add_remark(adv_ctx *c, cdn_entity *e, const char *name, const char *value)
{
    cdn_strbuf b = { 0 };
    cdn_strbuf_add(&b, "", e->remarks);
    if (b.len) cdn_strbuf_add(&b, "", "; ");
    cdn_strbuf_add(&b, "", name);
    cdn_strbuf_add(&b, ": ", value);
    if (b.oom) c->oom = 1;
    else if (cdn_strbuf_str(&b)) e->remarks = cdn_strdup(c->set, b.s);
    free(b.s);
}

static void read_feature(adv_ctx *c, cdn_entity *e, const xmlNode *f)
{
    const feature_type *type = (const feature_type *)imap_get(&c->feature, attr_id(c, f, "FeatureTypeID"));
    for (const xmlNode *v = f->children; v; v = v->next) {
        if (!is_element(v, "FeatureVersion")) continue;
        const xmlNode *detail = child_named(v, "VersionDetail"), *loc = child_named(v, "VersionLocation");
        const xmlNode *period = child_named(v, "DatePeriod");
        const char *text = node_text(c, detail);
        const char *ref = detail ? (const char *)imap_get(&c->detail_ref, attr_id(c, detail, "DetailReferenceID")) : NULL;
        int what = type ? type->what : F_OTHER;
        if (loc)   /* a flag, a citizenship, an address …: resolved once every Location is read */
            defer_place(c, e, what, attr_id(c, loc, "LocationID"), type ? type->name : "location");
        else if (what == F_DOB && period)
            add_date_period(c, e, period);
        else if (what == F_DOB && text)
            cdn_add_dob(c->set, e, text);
        else if (what == F_POB && text)
            cdn_add_pob(c->set, e, text, NULL);
        else if ((what == F_CITIZENSHIP || what == F_NATIONALITY) && (text || ref)) {
            if (what == F_CITIZENSHIP) cdn_add_citizenship(c->set, e, text ? text : ref);
            else cdn_add_nationality(c->set, e, text ? text : ref);
        } else if (what == F_GENDER && (ref || text)) {
            const char *g = ref ? ref : text;
            e->gender = strcasecmp(g, "Female") == 0 ? 'f' : strcasecmp(g, "Male") == 0 ? 'm' : e->gender;
        } else if (what == F_IDENT && text) {
            const char *value = text;
            if (strcmp(type->ident_type, "imo") == 0 && strncasecmp(value, "IMO ", 4) == 0) value += 4;
            const char *note = strcmp(type->ident_type, "crypto_wallet") == 0 ? strrchr(type->name, ' ') : NULL;
            cdn_add_ident(c->set, e, type->ident_type, value, note ? note + 1 : NULL, NULL);
        } else if (text && type && type->what == F_OTHER && !ref) {
            cdn_add_ident(c->set, e, "other", text, type->name, NULL);
        } else if (ref || text) {
            add_remark(c, e, type ? type->name : "feature", ref ? ref : text);
        }
    }
}

static void read_party(adv_ctx *c, const xmlNode *party)
{
    const xmlNode *profile = child_named(party, "Profile");
    long line = xmlGetLineNo(party);
    if (!profile) { cdn_warn(c->set, c->path, line, "DistinctParty without a Profile skipped"); return; }
    const char *id = attr(c, profile, "ID");
    if (!id) id = attr(c, party, "FixedRef");
    if (!id) { cdn_warn(c->set, c->path, line, "DistinctParty without an ID skipped"); return; }
    if (cdn_entity_find(c->set, id)) { cdn_warn(c->set, c->path, line, "duplicate profile %s skipped", id); return; }
    cdn_entity *e = cdn_entity_new(c->set, id);
    if (!e) { c->oom = 1; return; }
    int64_t subtype = attr_id(c, profile, "PartySubTypeID");
    int kind = (int)imap_get(&c->party_subtype, subtype) - 1;
    if (kind <= 0)
        kind = (int)imap_get(&c->party_type_kind, (int64_t)imap_get(&c->subtype_party_type, subtype)) - 1;
    e->kind = (uint8_t)(kind > 0 ? kind : CORDON_KIND_ORGANIZATION);
    const char *comment = text_in(c, party, "Comment");
    if (comment) e->remarks = cdn_strdup(c->set, comment);
    for (const xmlNode *n = profile->children; n; n = n->next) {
        if (is_element(n, "Identity")) read_identity(c, e, n);
        else if (is_element(n, "Feature")) read_feature(c, e, n);
    }
    if (!e->names.n) cdn_warn(c->set, c->path, line, "%s has no name", e->id);
}

/* ---- Sanctions entries and relationships -------------------------------------------------- */

static cdn_entity *profile_entity(adv_ctx *c, const xmlNode *n, const char *attr_name)
{
    const char *id = attr(c, n, attr_name);
    cdn_entity *e = id ? cdn_entity_find(c->set, id) : NULL;
    if (!e) cdn_warn(c->set, c->path, xmlGetLineNo(n), "%s refers to unknown profile %s",
                     (const char *)n->name, id ? id : "(none)");
    return e;
}

static void read_sanctions_entry(adv_ctx *c, const xmlNode *entry)
{
    cdn_entity *e = profile_entity(c, entry, "ProfileID");
    if (!e) return;
    for (const xmlNode *n = entry->children; n; n = n->next) {
        if (is_element(n, "EntryEvent")) {
            ymd d = read_ymd(c, child_named(n, "Date"));
            char iso[16];
            if (!d.y || !d.m || !d.d) continue;
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.y, d.m, d.d);
            if (!e->listed_on || strcmp(iso, e->listed_on) < 0) e->listed_on = cdn_strdup(c->set, iso);
        } else if (is_element(n, "SanctionsMeasure") && c->program_measure &&
                   attr_id(c, n, "SanctionsTypeID") == c->program_measure) {
            cdn_add_program(c->set, e, text_in(c, n, "Comment"));
        }
    }
}

static void read_relationship(adv_ctx *c, const xmlNode *rel)
{
    cdn_entity *from = profile_entity(c, rel, "From-ProfileID");
    if (!from) return;
    const char *to_id = attr(c, rel, "To-ProfileID");
    const cdn_entity *to = to_id ? cdn_entity_find(c->set, to_id) : NULL;
    const char *relation = (const char *)imap_get(&c->relation, attr_id(c, rel, "RelationTypeID"));
    char target[64];
    snprintf(target, sizeof target, "ofac:%s", to_id ? to_id : "?");
    cdn_add_link(c->set, from, relation ? relation : "linked_to",
                 to && to->names.n ? to->names.v[0].full : target);
}

/* ---- After the stream: deferred references ------------------------------------------------ */

static void resolve_places(adv_ctx *c)
{
    for (size_t i = 0; i < c->n_places; i++) {
        const pending_place *p = &c->places[i];
        size_t k = imap_get(&c->locations, p->location);
        if (!k) {
            cdn_warn(c->set, c->path, 0, "%s refers to unknown location %lld", p->e->id, (long long)p->location);
            continue;
        }
        const adv_location *l = &c->locs[k - 1];
        const char *country = l->country[0] ? l->country : NULL;
        if (p->what == F_POB) cdn_add_pob(c->set, p->e, l->text, country);
        else if (p->what == F_ADDRESS && l->text) cdn_add_address(c->set, p->e, l->text, l->city, country);
        else if (p->what == F_CITIZENSHIP) cdn_add_citizenship(c->set, p->e, country ? country : l->text);
        else if (p->what == F_NATIONALITY) cdn_add_nationality(c->set, p->e, country ? country : l->text);
        else if (l->text) add_remark(c, p->e, p->feature, l->text);
    }
}

static void resolve_documents(adv_ctx *c)
{
    for (size_t i = 0; i < c->n_docs; i++) {
        const pending_doc *d = &c->docs[i];
        cdn_entity *e = (cdn_entity *)imap_get(&c->identities, d->identity);
        if (!e) cdn_warn(c->set, c->path, d->line, "ID document for unknown identity %lld skipped", (long long)d->identity);
        else cdn_add_ident(c->set, e, d->type, d->value, d->note, d->country[0] ? d->country : NULL);
    }
}

static void ctx_free(adv_ctx *c)
{
    cdn_xml_bag_free(&c->bag);
    imap *maps[] = { &c->alias_type, &c->party_subtype, &c->subtype_party_type, &c->party_type_kind, &c->feature, &c->doc_type,
                     &c->country, &c->country_name, &c->area_country, &c->detail_ref, &c->loc_part,
                     &c->script, &c->relation, &c->name_part_type, &c->locations, &c->identities };
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++) imap_free(maps[i]);
    for (size_t i = 0; i < c->n_locs; i++) { free(c->locs[i].text); free(c->locs[i].city); }
    free(c->locs);
    for (size_t i = 0; i < c->n_docs; i++) { free(c->docs[i].type); free(c->docs[i].value); free(c->docs[i].note); }
    free(c->docs);
    free(c->places);
}

/* ---- The stream --------------------------------------------------------------------------- */

static cordon_rc fail_xml(adv_ctx *c, xmlTextReaderPtr r)
{
    return cdn_xml_fail(c->set, c->path, &c->xml_err, xmlTextReaderGetParserLineNumber(r));
}

static void read_date_of_issue(adv_ctx *c, const xmlNode *n)
{
    ymd d = read_ymd(c, n);
    if (!d.y || !d.m || !d.d) return;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.y, d.m, d.d);
    memcpy(c->set->sources.v[c->source].report.list_date, iso, 11);
}

/* Which subtrees are read whole, by depth: 1 = children of <Sanctions>, 2 = items of a section. */
static int dispatch(adv_ctx *c, const char *name, int depth, const xmlNode *node)
{
    if (depth == 1 && !strcmp(name, "DateOfIssue")) read_date_of_issue(c, node);
    else if (depth == 1 && !strcmp(name, "ReferenceValueSets")) read_reference_sets(c, node);
    else if (depth == 2 && !strcmp(name, "Location")) read_location(c, node);
    else if (depth == 2 && !strcmp(name, "IDRegDocument")) read_id_document(c, node);
    else if (depth == 2 && !strcmp(name, "DistinctParty")) read_party(c, node);
    else if (depth == 2 && !strcmp(name, "SanctionsEntry")) read_sanctions_entry(c, node);
    else if (depth == 2 && !strcmp(name, "ProfileRelationship")) read_relationship(c, node);
    else return 0;
    return 1;
}

static int wanted(const char *name, int depth)
{
    static const char *const top[] = { "DateOfIssue", "ReferenceValueSets" };
    static const char *const items[] = { "Location", "IDRegDocument", "DistinctParty", "SanctionsEntry",
                                         "ProfileRelationship" };
    for (size_t i = 0; depth == 1 && i < 2; i++) if (!strcmp(name, top[i])) return 1;
    for (size_t i = 0; depth == 2 && i < 5; i++) if (!strcmp(name, items[i])) return 1;
    return 0;
}

static cordon_rc read_stream(adv_ctx *c, xmlTextReaderPtr r)
{
    int seen_root = 0;
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            return cdn_fail(c->set, c->path, xmlTextReaderGetParserLineNumber(r), "a DOCTYPE is not allowed in an OFAC list");
        if (type != XML_READER_TYPE_ELEMENT) { ret = xmlTextReaderRead(r); continue; }
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        int depth = xmlTextReaderDepth(r);
        if (!name) return CORDON_ERR_NOMEM;
        if (depth == 0) {
            if (strcmp(name, "Sanctions") != 0)
                return cdn_fail(c->set, c->path, xmlTextReaderGetParserLineNumber(r),
                                "root element is <%s>, not <Sanctions>", name);
            seen_root = 1;
        }
        if (!wanted(name, depth)) { ret = xmlTextReaderRead(r); continue; }
        xmlNodePtr node = xmlTextReaderExpand(r);
        if (!node) return fail_xml(c, r);
        dispatch(c, name, depth, node);
        cdn_xml_bag_clear(&c->bag);
        if (c->oom || cdn_set_oom(c->set)) return CORDON_ERR_NOMEM;
        if (c->too_long_line) return cdn_fail(c->set, c->path, c->too_long_line, "field longer than 1 MiB");
        ret = xmlTextReaderNext(r);
    }
    if (ret < 0 || c->xml_err.msg[0]) return fail_xml(c, r);
    if (!seen_root) return cdn_fail(c->set, c->path, 1, "empty file: no <Sanctions>");
    resolve_places(c);
    resolve_documents(c);
    return c->oom || cdn_set_oom(c->set) ? CORDON_ERR_NOMEM : CORDON_OK;
}

cordon_rc cdn_parse_ofac_advanced(cdn_set *set, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: %s", path, strerror(errno));
        return CORDON_ERR_IO;
    }
    adv_ctx c = { .set = set, .path = path };
    c.source = cdn_source_begin(set, "ofac", "ofac-advanced", path);
    if (c.source < 0) { close(fd); return CORDON_ERR_NOMEM; }
    /* No network, no DTD loading, no entity substitution (XXE-safe); big line numbers for warnings. */
    cdn_xml_errors_begin(&c.xml_err);
    xmlTextReaderPtr r = xmlReaderForFd(fd, path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    cordon_rc rc = CORDON_ERR_NOMEM;
    if (r) {
        cdn_xml_errors_watch(&c.xml_err, r);
        rc = read_stream(&c, r);
        xmlFreeTextReader(r);
    }
    cdn_xml_errors_end(&c.xml_err);
    ctx_free(&c);
    close(fd);
    if (rc == CORDON_ERR_NOMEM) snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", path);
    return rc;
}
