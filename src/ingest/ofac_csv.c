/* ofac_csv.c — reads OFAC's legacy CSV set (sdn.csv, alt.csv, add.csv, sdn_comments.csv) into entities.
 * Invariant: sdn.csv alone makes entities; the other files only add to entities it made (rows for
 * others are counted in one warning per file); remarks facts are parsed after comments join them.
 *
 * The files have no header row, CRLF line ends and a trailing 0x1A; "-0-" (sometimes "-0- ") is
 * "no value". The list date is not written in any of the four files, so report.list_date stays "".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/ingest.h"

enum { SDN_ENT_NUM, SDN_NAME, SDN_TYPE, SDN_PROGRAMS, SDN_TITLE, SDN_CALL_SIGN, SDN_VESSEL_TYPE,
       SDN_TONNAGE, SDN_GRT, SDN_FLAG, SDN_OWNER, SDN_REMARKS, SDN_COLUMNS };

/* One CSV file of the set, loaded and validated. */
typedef struct csv_file {
    char path[4096];
    char *data;
    size_t len;
    cdn_csv csv;
} csv_file;

/* The state of one parse: the set, and per entity of this source the sdn.csv line it came from. */
typedef struct ofac_csv {
    cdn_set *set;
    uint32_t first;             /* index in set->entities of this source's first entity */
    long *lines;                /* lines[i]: sdn.csv line of entity first + i */
    const char **vessel;        /* vessel[i]: its vessel particulars, for the end of the remarks */
    size_t lines_cap;
    const char *sdn_path;
} ofac_csv;

/* A field's value, or NULL when it is empty or OFAC's "-0-". */
static const char *value(const cdn_csv *c, uint32_t i)
{
    const char *s = cdn_csv_field(c, i);
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s || (strncmp(s, "-0-", 3) == 0 && s[3 + strspn(s + 3, " \t")] == '\0'))
        return NULL;
    return s;
}

/* Loads dir/name. A missing optional file gives CORDON_OK with f->data NULL. */
static cordon_rc file_open(cdn_set *set, csv_file *f, const char *dir, const char *name, int required)
{
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s/%s", dir, name);
    FILE *probe = fopen(f->path, "rb");
    if (!probe && !required)
        return CORDON_OK;
    if (probe)
        fclose(probe);
    cordon_rc rc = cdn_read_file(set, f->path, &f->data, &f->len);
    if (rc)
        return rc;
    long bad = cdn_utf8_invalid_at(f->data, f->len);
    if (bad >= 0) {
        long line = 1;
        for (long i = 0; i < bad; i++)
            line += f->data[i] == '\n';
        free(f->data);
        f->data = NULL;
        return cdn_fail(set, f->path, line, "invalid UTF-8 at byte offset %ld", bad);
    }
    cdn_csv_init(&f->csv, f->path, f->data, f->len);
    return CORDON_OK;
}

static void file_close(csv_file *f)
{
    cdn_csv_free(&f->csv);
    free(f->data);
    f->data = NULL;
}

/* The entity of an ent_num field, or NULL when the field is not a number or not known. */
static cdn_entity *entity_of(ofac_csv *p, const cdn_csv *c)
{
    const char *id = value(c, 0);
    return id ? cdn_entity_find(p->set, id) : NULL;
}

static int is_number(const char *s)
{
    if (!s || !isdigit((unsigned char)*s))
        return 0;
    while (isdigit((unsigned char)*s))
        s++;
    while (*s == ' ')
        s++;
    return *s == '\0';
}

/* ---- Names --------------------------------------------------------------------------------- */

/* Adds a name; for persons "SURNAME, Given Names" also gives the parts. */
static int add_name(cdn_set *set, cdn_entity *e, cdn_name_type type, const char *full)
{
    if (!full)          /* an empty a.k.a. ('') in the remarks: nothing to add */
        return set->oom ? -1 : 0;
    const char *comma = e->kind == CORDON_KIND_PERSON ? strchr(full, ',') : NULL;
    if (!comma)
        return cdn_add_name(set, e, type, full, NULL, NULL, NULL);
    const char *family = cdn_strndup(set, full, (size_t)(comma - full));
    const char *given = cdn_strdup(set, comma + 1);
    if (set->oom)
        return -1;
    return cdn_add_name(set, e, type, full, given, family, NULL);
}

static uint8_t kind_of(const char *type)
{
    if (!type)
        return CORDON_KIND_ORGANIZATION;
    if (strcasecmp(type, "individual") == 0)
        return CORDON_KIND_PERSON;
    if (strcasecmp(type, "vessel") == 0)
        return CORDON_KIND_VESSEL;
    if (strcasecmp(type, "aircraft") == 0)
        return CORDON_KIND_AIRCRAFT;
    return CORDON_KIND_ANY;
}

/* Splits "DPRK3] [RUSSIA-EO14024" into programmes. */
static int add_programs(cdn_set *set, cdn_entity *e, const char *programs)
{
    const char *s = programs;
    while (s && *s) {
        while (*s == '[' || *s == ']' || *s == ' ')
            s++;
        const char *end = strstr(s, "] [");
        size_t len = end ? (size_t)(end - s) : strlen(s);
        while (len && (s[len - 1] == ']' || s[len - 1] == ' '))
            len--;
        if (len && cdn_add_program(set, e, cdn_strndup(set, s, len)) < 0)
            return -1;
        s = end ? end + 3 : NULL;
    }
    return set->oom ? -1 : 0;
}

/* ---- sdn.csv ------------------------------------------------------------------------------- */

static cordon_rc remember_row(ofac_csv *p, long line, const char *vessel)
{
    size_t i = p->set->entities.n - 1 - p->first;
    if (i >= p->lines_cap) {
        size_t cap = p->lines_cap ? p->lines_cap * 2 : 4096;
        long *l = realloc(p->lines, cap * sizeof *l);
        if (l)
            p->lines = l;
        const char **v = realloc(p->vessel, cap * sizeof *v);
        if (v)
            p->vessel = v;
        if (!l || !v)
            return CORDON_ERR_NOMEM;
        p->lines_cap = cap;
    }
    p->lines[i] = line;
    p->vessel[i] = vessel;
    return CORDON_OK;
}

/* Vessel particulars the model has no field for ("Vessel Type Tug; GRT 189"), or NULL. */
static const char *vessel_particulars(cdn_set *set, const cdn_csv *c)
{
    static const struct { int col; const char *label; } extra[] = {
        { SDN_VESSEL_TYPE, "Vessel Type" }, { SDN_TONNAGE, "Tonnage" }, { SDN_GRT, "GRT" },
    };
    char buf[1024];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        const char *v = value(c, (uint32_t)extra[i].col);
        if (v && n < sizeof buf)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s %s", n ? "; " : "", extra[i].label, v);
    }
    return cdn_strdup(set, buf);
}

/* Remarks with the vessel particulars after them. */
static const char *with_particulars(cdn_set *set, const char *remarks, const char *extra)
{
    if (!extra)
        return remarks;
    size_t rl = remarks ? strlen(remarks) : 0, el = strlen(extra);
    char *out = cdn_alloc(set, rl + el + 3);
    if (!out)
        return NULL;
    if (rl)
        memcpy(out, remarks, rl);
    snprintf(out + rl, el + 3, "%s%s.", rl == 0 ? "" : remarks[rl - 1] == '.' ? " " : ". ", extra);
    return out;
}

static cordon_rc sdn_row(ofac_csv *p, const cdn_csv *c)
{
    cdn_set *set = p->set;
    const char *id = value(c, SDN_ENT_NUM), *name = value(c, SDN_NAME);
    if (c->n_fields < SDN_COLUMNS || !is_number(id) || !name) {
        cdn_warn(set, c->file, c->line, "skipped a row that is not an SDN entry (%u fields%s%s)",
                 c->n_fields, is_number(id) ? "" : ", no entry number", name ? "" : ", no name");
        return CORDON_OK;
    }
    if (cdn_entity_find(set, id)) {
        cdn_warn(set, c->file, c->line, "entry %s repeated; the later row is skipped", id);
        return CORDON_OK;
    }
    cdn_entity *e = cdn_entity_new(set, id);
    if (!e)
        return CORDON_ERR_NOMEM;
    e->kind = kind_of(value(c, SDN_TYPE));
    if (e->kind == CORDON_KIND_ANY) {
        cdn_warn(set, c->file, c->line, "entry %s: unknown type \"%s\", read as an organization", id,
                 value(c, SDN_TYPE));
        e->kind = CORDON_KIND_ORGANIZATION;
    }
    e->title = cdn_strdup(set, value(c, SDN_TITLE));
    e->remarks = cdn_strdup(set, value(c, SDN_REMARKS));
    if (add_name(set, e, CDN_NAME_PRIMARY, name) < 0 || add_programs(set, e, value(c, SDN_PROGRAMS)) < 0)
        return CORDON_ERR_NOMEM;
    if (value(c, SDN_CALL_SIGN) &&
        cdn_add_ident(set, e, "other", value(c, SDN_CALL_SIGN), "Call Sign", NULL) < 0)
        return CORDON_ERR_NOMEM;
    /* A vessel's nationality is its flag state: the flag becomes the vessel's nationality. */
    const char *flag = value(c, SDN_FLAG);
    if (flag && cdn_add_nationality(set, e, flag) < 0)
        return CORDON_ERR_NOMEM;
    if (flag && !cdn_country_code(flag))
        cdn_warn(set, c->file, c->line, "entry %s: unknown flag country \"%s\"", id, flag);
    if (value(c, SDN_OWNER) && cdn_add_link(set, e, "owned_by", value(c, SDN_OWNER)) < 0)
        return CORDON_ERR_NOMEM;
    const char *vessel = e->kind == CORDON_KIND_VESSEL ? vessel_particulars(set, c) : NULL;
    if (set->oom)
        return CORDON_ERR_NOMEM;
    return remember_row(p, c->line, vessel);
}

/* ---- The other three files ----------------------------------------------------------------- */

/* Appends the continuation of an entity's remarks (sdn.csv cuts them off mid-word). */
static cordon_rc comments_row(ofac_csv *p, const cdn_csv *c, cdn_entity *e)
{
    const char *more = cdn_csv_field(c, 1);
    if (!value(c, 1))
        return CORDON_OK;
    size_t a = e->remarks ? strlen(e->remarks) : 0, b = strlen(more);
    char *joined = cdn_alloc(p->set, a + b + 1);
    if (!joined)
        return CORDON_ERR_NOMEM;
    if (a)
        memcpy(joined, e->remarks, a);
    memcpy(joined + a, more, b + 1);
    e->remarks = joined;
    return CORDON_OK;
}

static cordon_rc alt_row(ofac_csv *p, const cdn_csv *c, cdn_entity *e)
{
    const char *type = value(c, 2), *name = value(c, 3);
    cdn_name_type t = CDN_NAME_ALIAS;
    if (!name) {
        cdn_warn(p->set, c->file, c->line, "alias row without a name skipped");
        return CORDON_OK;
    }
    if (type && strcasecmp(type, "fka") == 0)
        t = CDN_NAME_FORMER;
    else if (type && strcasecmp(type, "aka") != 0 && strcasecmp(type, "nka") != 0)
        cdn_warn(p->set, c->file, c->line, "unknown alias type \"%s\", read as a.k.a.", type);
    return add_name(p->set, e, t, name) < 0 ? CORDON_ERR_NOMEM : CORDON_OK;
}

static cordon_rc add_row(ofac_csv *p, const cdn_csv *c, cdn_entity *e)
{
    const char *street = value(c, 2), *city = value(c, 3), *country = value(c, 4);
    char text[4096];
    size_t n = 0;
    text[0] = '\0';
    const char *parts[3] = { street, city, country };
    for (int i = 0; i < 3; i++)
        if (parts[i] && n < sizeof text)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", n ? ", " : "", parts[i]);
    if (!n)
        return CORDON_OK;
    if (country && !cdn_country_code(country))
        cdn_warn(p->set, c->file, c->line, "unknown country \"%s\" in an address", country);
    return cdn_add_address(p->set, e, text, city, country) < 0 ? CORDON_ERR_NOMEM : CORDON_OK;
}

typedef cordon_rc (*row_fn)(ofac_csv *p, const cdn_csv *c, cdn_entity *e);

/* Reads one of the files keyed by ent_num; rows for entries not in sdn.csv are counted. */
static cordon_rc read_keyed(ofac_csv *p, const char *dir, const char *name, const char *what, row_fn fn)
{
    csv_file f;
    cordon_rc rc = file_open(p->set, &f, dir, name, 0);
    if (rc || !f.data)
        return rc;
    long orphans = 0;
    int r;
    while ((r = cdn_csv_next(&f.csv, p->set)) == 1) {
        cdn_entity *e = entity_of(p, &f.csv);
        if (!is_number(value(&f.csv, 0)))
            cdn_warn(p->set, f.path, f.csv.line, "skipped a row without an entry number");
        else if (!e)
            orphans++;
        else if ((rc = fn(p, &f.csv, e)) != CORDON_OK)
            break;
    }
    if (r < 0)
        rc = p->set->oom ? CORDON_ERR_NOMEM : CORDON_ERR_INPUT;
    if (!rc && orphans)
        cdn_warn(p->set, f.path, 0, "%ld %s rows refer to entities not in sdn.csv", orphans, what);
    file_close(&f);
    return rc;
}

/* ---- Remarks facts ------------------------------------------------------------------------- */

/* Identifier labels of the remarks, longest first where one is the prefix of another. */
static const struct ident_label {
    const char *label, *type;
    int keep_label;             /* 1: the label is the note ("Aircraft Tail Number") */
} ident_labels[] = {
    { "Vessel Registration Identification IMO", "imo", 0 },
    { "Identification Number IMO", "imo", 0 },
    { "Vessel Registration Identification", "imo", 0 },
    { "IMO", "imo", 0 },
    { "MMSI", "mmsi", 0 },
    { "SWIFT/BIC", "swift_bic", 0 },
    { "Diplomatic Passport", "passport", 1 },
    { "Passport", "passport", 0 },
    { "National ID No.", "national_id", 0 },
    { "National Foreign ID Number", "national_id", 1 },
    { "Cedula No.", "national_id", 1 },
    { "Identification Number", "national_id", 1 },
    { "Personal ID Card", "national_id", 1 },
    { "C.U.R.P.", "national_id", 1 },
    { "D.N.I.", "national_id", 1 },
    { "Citizen's Card Number", "national_id", 1 },
    { "Kenyan ID No.", "national_id", 1 },
    { "Electoral Registry No.", "national_id", 1 },
    { "Social Security Number", "national_id", 1 },
    { "Birth Certificate Number", "national_id", 1 },
    { "Residency Number", "national_id", 1 },
    { "Tax ID No.", "tax_id", 0 },
    { "R.F.C.", "tax_id", 1 },
    { "RFC", "tax_id", 1 },
    { "NIT #", "tax_id", 1 },
    { "RUC #", "tax_id", 1 },
    { "C.U.I.T.", "tax_id", 1 },
    { "Business Registration Number", "registration", 1 },
    { "Registration Number", "registration", 0 },
    { "Registration ID", "registration", 1 },
    { "Company Number", "registration", 1 },
    { "Commercial Registry Number", "registration", 1 },
    { "Commercial Registration Number", "registration", 1 },
    { "C.R. No.", "registration", 1 },
    { "Government Gazette Number", "registration", 1 },
    { "Legal Entity Number", "registration", 1 },
    { "Folio Mercantil No.", "registration", 1 },
    { "Matricula Mercantil No", "registration", 1 },
    { "Economic Register Number (CBLS)", "registration", 1 },
    { "Unified Social Credit Code (USCC)", "registration", 1 },
    { "Trade License Number", "registration", 1 },
    { "Chamber of Commerce Number", "registration", 1 },
    { "License", "registration", 1 },
    { "Aircraft Manufacturer's Serial Number (MSN)", "other", 1 },
    { "Aircraft Construction Number (also called L/N or S/N or F/N)", "other", 1 },
    { "Aircraft Tail Number", "other", 1 },
    { "Driver's License No.", "other", 1 },
    { "Phone Number", "other", 1 },
    { "Email Address", "other", 1 },
    { "Website", "other", 1 },
    { "ISIN", "other", 1 },
    { "Equity Ticker", "other", 1 },
    { "BIK (RU)", "other", 1 },
    { "V.A.T. Number", "tax_id", 1 },
    { "Public Registration Number", "registration", 1 },
    { "Stateless Person Passport", "passport", 1 },
    { "Refugee ID Card", "national_id", 1 },
};

const char *cdn_ofac_ident_type(const char *label, int *label_is_note)
{
    size_t len = label ? strlen(label) : 0;
    while (len && (label[len - 1] == ':' || label[len - 1] == ' '))
        len--;
    for (size_t i = 0; i < sizeof ident_labels / sizeof ident_labels[0]; i++)
        if (strncmp(label, ident_labels[i].label, len) == 0 && ident_labels[i].label[len] == '\0') {
            if (label_is_note)
                *label_is_note = ident_labels[i].keep_label;
            return ident_labels[i].type;
        }
    return NULL;
}

/* The identifier label `fact` starts with (followed by a space), the longest one, or NULL. */
static const struct ident_label *ident_label_of(const char *fact)
{
    const struct ident_label *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < sizeof ident_labels / sizeof ident_labels[0]; i++) {
        size_t n = strlen(ident_labels[i].label);
        if (n > best_len && strncmp(fact, ident_labels[i].label, n) == 0 && fact[n] == ' ') {
            best = &ident_labels[i];
            best_len = n;
        }
    }
    return best;
}

/* Drops a trailing '.' and spaces from s[0..*len). */
static void trim_dot(const char *s, size_t *len)
{
    while (*len && (s[*len - 1] == '.' || s[*len - 1] == ' '))
        (*len)--;
}

/* "472220033 (Korea, North) issued 2010 expires 2015" → value, country text, note. */
static int add_ident_fact(cdn_set *set, cdn_entity *e, const struct ident_label *l, const char *rest)
{
    char value[1024], country[256] = "", note[1024] = "";
    const char *issued = strstr(rest, " issued ");
    const char *expires = strstr(rest, " expires ");
    const char *cut = issued && (!expires || issued < expires) ? issued : expires;
    size_t len = cut ? (size_t)(cut - rest) : strlen(rest);
    trim_dot(rest, &len);
    if (len >= sizeof value)
        len = sizeof value - 1;
    memcpy(value, rest, len);
    value[len] = '\0';
    char *open = len && value[len - 1] == ')' ? strrchr(value, '(') : NULL;
    if (open) {             /* a closing "(Country)" is the issuing country */
        snprintf(country, sizeof country, "%.*s", (int)(strlen(open) - 2), open + 1);
        if (cdn_country_code(country))
            *open = '\0';
        else
            country[0] = '\0';
    }
    size_t n = 0;
    if (l->keep_label)
        n = (size_t)snprintf(note, sizeof note, "%s", l->label);
    if (cut && n < sizeof note) {
        size_t cl = strlen(cut);
        trim_dot(cut, &cl);
        snprintf(note + n, sizeof note - n, "%s%.*s", n ? "; " : "", (int)cl, cut + 1);
    }
    return cdn_add_ident(set, e, l->type, value, note[0] ? note : NULL, country[0] ? country : NULL);
}

/* "a.k.a. 'GENCO'" → the name between the first and the last quote. */
static int add_quoted_name(cdn_set *set, cdn_entity *e, cdn_name_type type, const char *rest)
{
    const char *a = strchr(rest, '\''), *b = strrchr(rest, '\'');
    if (!a || b <= a)
        return add_name(set, e, type, rest);
    return add_name(set, e, type, cdn_strndup(set, a + 1, (size_t)(b - a - 1)));
}

/* If fact starts with word (then a space), returns what follows, else NULL. */
static const char *after(const char *fact, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(fact, word, n) != 0)
        return NULL;
    if (fact[n] != ' ' && !(n && word[n - 1] == ' '))
        return NULL;
    fact += n;
    while (*fact == ' ')
        fact++;
    return fact;
}

/* Reads one ;-separated remarks fact. Unknown facts stay only in e->remarks. */
static int remark_fact(ofac_csv *p, cdn_entity *e, long line, char *fact)
{
    cdn_set *set = p->set;
    const char *r;
    const char *base = (r = after(fact, "alt.")) ? r : fact;
    const struct ident_label *l;
    if ((r = after(base, "DOB")))
        return cdn_add_dob(set, e, r);
    if ((r = after(base, "POB")))
        return cdn_add_pob(set, e, r, NULL);
    if ((r = after(base, "nationality")) || (r = after(base, "citizen"))) {
        int citizen = base[0] == 'c';
        if (!cdn_country_code(r)) {
            cdn_warn(set, p->sdn_path, line, "entry %s: unknown country in \"%s\"",
                     e->id + 5, fact);
            return 0;
        }
        return citizen ? cdn_add_citizenship(set, e, r) : cdn_add_nationality(set, e, r);
    }
    if ((r = after(base, "Gender"))) {
        e->gender = strncasecmp(r, "Male", 4) == 0 ? 'm' : strncasecmp(r, "Female", 6) == 0 ? 'f' : 0;
        return 0;
    }
    if ((r = after(base, "a.k.a.")))
        return add_quoted_name(set, e, CDN_NAME_WEAK_ALIAS, r);
    if ((r = after(base, "f.k.a.")))
        return add_quoted_name(set, e, CDN_NAME_FORMER, r);
    if ((r = after(base, "n.k.a.")))
        return add_quoted_name(set, e, CDN_NAME_ALIAS, r);
    if ((r = after(base, "Linked To: ")))
        return cdn_add_link(set, e, "linked_to", r);
    if ((r = after(base, "Digital Currency Address - "))) {
        const char *sp = strchr(r, ' ');     /* "XBT 12QtD5…": currency, then the address */
        if (!sp)
            return 0;
        const char *cur = cdn_strndup(set, r, (size_t)(sp - r));
        return cdn_add_ident(set, e, "crypto_wallet", sp + 1, cur, NULL);
    }
    if ((l = ident_label_of(base)))
        return add_ident_fact(set, e, l, base + strlen(l->label) + 1);
    return 0;
}

static cordon_rc remarks_facts(ofac_csv *p, cdn_entity *e, long line)
{
    if (!e->remarks)
        return CORDON_OK;
    size_t len = strlen(e->remarks);
    char *copy = malloc(len + 1);
    if (!copy)
        return CORDON_ERR_NOMEM;
    memcpy(copy, e->remarks, len + 1);
    trim_dot(copy, &len);           /* the remarks end with a full stop, not the last fact */
    copy[len] = '\0';
    int rc = 0;
    for (char *fact = copy, *next; fact && rc == 0; fact = next) {
        next = strchr(fact, ';');
        if (next)
            *next++ = '\0';
        while (*fact == ' ')
            fact++;
        size_t fl = strlen(fact);
        while (fl && fact[fl - 1] == ' ')
            fact[--fl] = '\0';
        if (fl)
            rc = remark_fact(p, e, line, fact);
    }
    free(copy);
    return rc < 0 || p->set->oom ? CORDON_ERR_NOMEM : CORDON_OK;
}

/* Facts first, then the vessel particulars go to the end of the remarks. */
static cordon_rc finish_entity(ofac_csv *p, uint32_t i)
{
    cdn_entity *e = p->set->entities.v[p->first + i];
    cordon_rc rc = remarks_facts(p, e, p->lines[i]);
    if (!rc && p->vessel[i] && !(e->remarks = with_particulars(p->set, e->remarks, p->vessel[i])))
        rc = CORDON_ERR_NOMEM;
    return rc;
}

/* ---- The whole set ------------------------------------------------------------------------- */

static cordon_rc read_sdn(ofac_csv *p, const char *dir)
{
    csv_file f;
    cordon_rc rc = file_open(p->set, &f, dir, "sdn.csv", 1);
    if (rc)
        return rc;
    p->sdn_path = cdn_strdup(p->set, f.path);
    int r;
    while (rc == CORDON_OK && (r = cdn_csv_next(&f.csv, p->set)) == 1)
        rc = sdn_row(p, &f.csv);
    if (!rc && r < 0)
        rc = p->set->oom ? CORDON_ERR_NOMEM : CORDON_ERR_INPUT;
    if (!rc && p->set->entities.n == p->first)
        rc = cdn_fail(p->set, f.path, 0, "no SDN entries in the file");
    file_close(&f);
    return rc;
}

cordon_rc cdn_parse_ofac_csv(cdn_set *set, const char *dir)
{
    ofac_csv p = { set, set->entities.n, NULL, NULL, 0, NULL };
    if (cdn_source_begin(set, "ofac", "ofac-csv", dir) < 0)
        return CORDON_ERR_NOMEM;
    cordon_rc rc = read_sdn(&p, dir);
    if (!rc)
        rc = read_keyed(&p, dir, "sdn_comments.csv", "comment", comments_row);
    if (!rc)
        rc = read_keyed(&p, dir, "alt.csv", "alias", alt_row);
    if (!rc)
        rc = read_keyed(&p, dir, "add.csv", "address", add_row);
    for (uint32_t i = 0; !rc && p.first + i < set->entities.n; i++)
        rc = finish_entity(&p, i);
    if (rc == CORDON_ERR_NOMEM)
        snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", dir);
    free(p.lines);
    free(p.vessel);
    return rc;
}
