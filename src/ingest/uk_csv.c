/* uk_csv.c — reads the UK OFSI Consolidated List (ConList.csv): one row per name, grouped by Group ID.
 * Invariant: columns are found by header name; a fact repeated over a group's rows is stored once.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ingest/ingest.h"

/* The columns this parser reads, found by their header names. */
enum {
    C_NAME1, C_NAME2, C_NAME3, C_NAME4, C_NAME5, C_NAME6,
    C_NONLATIN, C_SCRIPT_TYPE, C_SCRIPT_LANG,
    C_DOB, C_TOWN, C_BIRTH_COUNTRY, C_NATIONALITY,
    C_PASSPORT, C_PASSPORT_DETAILS, C_NATID, C_NATID_DETAILS, C_POSITION,
    C_ADDR1, C_ADDR2, C_ADDR3, C_ADDR4, C_ADDR5, C_ADDR6, C_POSTCODE, C_COUNTRY,
    C_OTHER, C_GROUP_TYPE, C_ALIAS_TYPE, C_ALIAS_QUALITY, C_REGIME, C_LISTED_ON, C_GROUP_ID,
    C_COUNT
};

static const char *const column_names[C_COUNT] = {
    "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6",
    "Name Non-Latin Script", "Non-Latin Script Type", "Non-Latin Script Language",
    "DOB", "Town of Birth", "Country of Birth", "Nationality",
    "Passport Number", "Passport Details", "National Identification Number",
    "National Identification Details", "Position",
    "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code",
    "Country", "Other Information", "Group Type", "Alias Type", "Alias Quality", "Regime",
    "Listed On", "Group ID",
};

/* Without these a row cannot be read at all. */
static const int required_columns[] = { C_NAME6, C_GROUP_TYPE, C_ALIAS_TYPE, C_GROUP_ID };

#define UK_MAX_ITEMS 16   /* "(1) … (2) …" lists in one cell */

/* One parse: the CSV reader, the column map and the current row, copied and squeezed. */
typedef struct uk_ctx {
    cdn_set *set;
    const char *path;
    cdn_csv csv;
    int col[C_COUNT];           /* field index of each column, -1 if absent */
    char *row; size_t row_cap;  /* the row's cells, NUL-separated, whitespace squeezed */
    size_t cell[C_COUNT];       /* offset of each cell in row */
    int oom;
} uk_ctx;

static const unsigned char SPACE[256] = { [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1 };

/* Copies src into dst, trimmed, every whitespace run folded into one space; returns the length. */
static size_t squeeze_copy(char *dst, const char *src)
{
    size_t n = 0;
    for (;;) {                                  /* word by word: most of a cell is words */
        while (SPACE[(unsigned char)*src]) src++;
        if (!*src) break;
        const char *word = src;
        while (*src && !SPACE[(unsigned char)*src]) src++;
        if (n) dst[n++] = ' ';
        memcpy(dst + n, word, (size_t)(src - word));
        n += (size_t)(src - word);
    }
    dst[n] = '\0';
    return n;
}

/* Copies the cells this parser reads out of the CSV reader into ctx->row. */
static int load_row(uk_ctx *c)
{
    size_t need = C_COUNT;
    for (int k = 0; k < C_COUNT; k++)
        if (c->col[k] >= 0) need += strlen(cdn_csv_field(&c->csv, (uint32_t)c->col[k]));
    if (need > c->row_cap) {
        char *r = realloc(c->row, need);
        if (!r) return -1;
        c->row = r;
        c->row_cap = need;
    }
    size_t at = 0;
    for (int k = 0; k < C_COUNT; k++) {
        c->cell[k] = at;
        const char *src = c->col[k] >= 0 ? cdn_csv_field(&c->csv, (uint32_t)c->col[k]) : "";
        at += squeeze_copy(c->row + at, src) + 1;
    }
    return 0;
}

/* The cell of a column in the current row; NULL when empty or "-". */
static char *cell(const uk_ctx *c, int k)
{
    char *s = c->row + c->cell[k];
    return (*s && strcmp(s, "-") != 0) ? s : NULL;
}

/* Strips trailing spaces, dots and semicolons in place ("Syria." → "Syria"). */
static char *trim_item(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ',')) s[--n] = '\0';
    while (*s == ' ') s++;
    return (*s && strcmp(s, "-") != 0) ? s : NULL;
}

/* Splits a cell "(1) A (2) B" in place into items (NULL for an empty one); a cell without the
 * numbering is one item. Returns the number of items. */
static int split_items(char *s, char *items[UK_MAX_ITEMS])
{
    if (!s) return 0;
    if (strncmp(s, "(1)", 3) != 0) { items[0] = trim_item(s); return 1; }
    int n = 0;
    char *start = s + 3;
    while (n < UK_MAX_ITEMS) {
        char marker[16];
        snprintf(marker, sizeof marker, "(%d)", n + 2);
        char *next = strstr(start, marker);
        if (next) *next = '\0';
        items[n++] = trim_item(start);
        if (!next) break;
        start = next + strlen(marker);
    }
    return n;
}

/* "14/04/2025" → "2025-04-14" in out[11]; -1 if it is not a full date. */
static int iso_date(const char *text, char out[11])
{
    cdn_date d;
    if (!text || cdn_date_parse(text, &d) != 0 || !d.month || !d.day || d.year_from != d.year_to) return -1;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.year_from, d.month, d.day);
    memcpy(out, tmp, 10);
    out[10] = '\0';
    return 0;
}

/* The issuing country a passport's details start with ("Tunisia number. Issued …"), or NULL. */
static const char *country_in_details(const char *details)
{
    char head[64];
    if (!details) return NULL;
    size_t n = strcspn(details, ".,;(");
    if (n == 0 || n >= sizeof head) n = strcspn(details, " ");
    if (n == 0 || n >= sizeof head) return NULL;
    memcpy(head, details, n);
    head[n] = '\0';
    const char *code = cdn_country_code(head);
    if (code) return code;
    head[strcspn(head, " ")] = '\0';
    return cdn_country_code(head);
}

/* ---- Names ------------------------------------------------------------------------------- */

static cdn_name_type name_type(const uk_ctx *c)
{
    const char *type = cell(c, C_ALIAS_TYPE), *quality = cell(c, C_ALIAS_QUALITY);
    if (!type) return CDN_NAME_ALIAS;
    if (strcasecmp(type, "Primary name") == 0) return CDN_NAME_PRIMARY;
    if (strcasecmp(type, "FKA") == 0) return CDN_NAME_FORMER;
    if (quality && strcasestr(quality, "low")) return CDN_NAME_WEAK_ALIAS;
    return CDN_NAME_ALIAS;   /* AKA, Primary name variation */
}

/* The same spelling on a later row may say more: a primary outranks an alias, an alias a weak one. */
static int upgrade_name(cdn_entity *e, const char *full, cdn_name_type type)
{
    for (uint32_t i = 0; i < e->names.n; i++) {
        cdn_name *n = &e->names.v[i];
        if (strcmp(n->full, full) != 0) continue;
        if (type == CDN_NAME_PRIMARY || (type == CDN_NAME_ALIAS && n->type == CDN_NAME_WEAK_ALIAS))
            n->type = (uint8_t)type;
        return 1;
    }
    return 0;
}

/* Name 6 is the surname or the organisation; Name 1–5 the other parts, in order. */
static void add_row_names(uk_ctx *c, cdn_entity *e)
{
    cdn_strbuf given = { 0 }, full = { 0 };
    for (int k = C_NAME1; k <= C_NAME5; k++) cdn_strbuf_add(&given, " ", cell(c, k));
    const char *family = cell(c, C_NAME6);
    cdn_strbuf_add(&full, " ", cdn_strbuf_str(&given));
    cdn_strbuf_add(&full, " ", family);
    cdn_name_type type = name_type(c);
    if (given.oom || full.oom) c->oom = 1;
    if (cdn_strbuf_str(&full) && !upgrade_name(e, full.s, type)) {
        int person = e->kind == CORDON_KIND_PERSON && cdn_strbuf_str(&given);
        cdn_add_name(c->set, e, type, full.s, person ? given.s : NULL, person ? family : NULL, NULL);
    }
    free(given.s);
    free(full.s);

    const char *original = cell(c, C_NONLATIN);
    const char *lang = cell(c, C_SCRIPT_LANG);   /* labels kept as written, typos included */
    if (!lang) lang = cell(c, C_SCRIPT_TYPE);
    if (original && !upgrade_name(e, original, CDN_NAME_ORIGINAL))
        cdn_add_name(c->set, e, CDN_NAME_ORIGINAL, original, NULL, NULL, lang);
}

/* A group whose rows have no "Primary name" gets its first name as primary, and the primary
 * name always comes first, since it is the entity's caption. */
static void settle_primary(cdn_entity *e)
{
    if (!e->names.n) return;
    uint32_t p = 0;
    while (p < e->names.n && e->names.v[p].type != CDN_NAME_PRIMARY) p++;
    if (p == e->names.n) { e->names.v[0].type = CDN_NAME_PRIMARY; return; }
    cdn_name primary = e->names.v[p];
    memmove(&e->names.v[1], &e->names.v[0], p * sizeof primary);
    e->names.v[0] = primary;
}

/* ---- Facts ------------------------------------------------------------------------------- */

static void add_dobs(uk_ctx *c, cdn_entity *e)
{
    char *items[UK_MAX_ITEMS];
    int n = split_items(cell(c, C_DOB), items);
    for (int i = 0; i < n; i++) {
        cdn_date d;
        if (!items[i]) continue;
        if (cdn_date_parse(items[i], &d) != 0)
            cdn_warn(c->set, c->path, c->csv.line, "%s: unrecognised DOB \"%s\"", e->id, items[i]);
        cdn_add_dob(c->set, e, items[i]);
    }
}

/* Town and Country of Birth are parallel lists ("(1) Tripoli (2) Tunis" / "(1) Libya (2) Tunisia"). */
static void add_pobs(uk_ctx *c, cdn_entity *e)
{
    char *towns[UK_MAX_ITEMS], *countries[UK_MAX_ITEMS];
    int nt = split_items(cell(c, C_TOWN), towns), nc = split_items(cell(c, C_BIRTH_COUNTRY), countries);
    int n = nt > nc ? nt : nc;
    for (int i = 0; i < n; i++) {
        const char *town = i < nt ? towns[i] : NULL;
        const char *country = i < nc ? countries[i] : (nc == 1 ? countries[0] : NULL);
        if (cdn_add_pob_parts(c->set, e, town, country)) c->oom = 1;
    }
}

/* A few cells list countries without the numbering ("Germany. Russia", "Estonia, Russia"): added
 * when every part is a country. Returns 1 if it was such a list. */
static int add_country_list(uk_ctx *c, cdn_entity *e, const char *text)
{
    char buf[256], *parts[UK_MAX_ITEMS], *save = NULL;
    int n = 0;
    if (strlen(text) >= sizeof buf) return 0;
    strcpy(buf, text);
    for (char *p = strtok_r(buf, ",.;/", &save); p && n < UK_MAX_ITEMS; p = strtok_r(NULL, ",.;/", &save)) {
        while (*p == ' ') p++;
        if (!*p || !cdn_country_code(p)) return 0;
        parts[n++] = p;
    }
    for (int i = 0; i < n; i++) cdn_add_nationality(c->set, e, parts[i]);
    return n > 0;
}

static void add_nationalities(uk_ctx *c, cdn_entity *e)
{
    char *items[UK_MAX_ITEMS];
    int n = split_items(cell(c, C_NATIONALITY), items);
    for (int i = 0; i < n; i++) {
        if (!items[i]) continue;
        if (cdn_country_code(items[i]))
            cdn_add_nationality(c->set, e, items[i]);
        else if (!add_country_list(c, e, items[i]))
            cdn_warn(c->set, c->path, c->csv.line, "%s: unknown nationality \"%s\"", e->id, items[i]);
    }
}

/* Numbers and their details are parallel lists; details that do not line up go to every number. */
static void add_documents(uk_ctx *c, cdn_entity *e, int number_col, int details_col, const char *type)
{
    char *numbers[UK_MAX_ITEMS], *details[UK_MAX_ITEMS];
    char *all_details = cell(c, details_col);
    cdn_strbuf whole = { 0 };
    cdn_strbuf_add(&whole, "", all_details);   /* kept before splitting, for details that do not line up */
    int nn = split_items(cell(c, number_col), numbers);
    int nd = split_items(all_details, details);
    for (int i = 0; i < nn; i++) {
        if (!numbers[i]) continue;
        const char *note = nd == nn ? details[i] : cdn_strbuf_str(&whole);
        const char *country = (nd == nn && strcmp(type, "passport") == 0) ? country_in_details(note) : NULL;
        cdn_add_ident(c->set, e, type, numbers[i], note, country);
    }
    if (whole.oom) c->oom = 1;
    free(whole.s);
}

static int has_address(const cdn_entity *e, const char *text)
{
    for (uint32_t i = 0; i < e->addresses.n; i++)
        if (strcmp(e->addresses.v[i].text, text) == 0) return 1;
    return 0;
}

static void add_address(uk_ctx *c, cdn_entity *e)
{
    cdn_strbuf b = { 0 };
    for (int k = C_ADDR1; k <= C_ADDR6; k++) cdn_strbuf_add(&b, ", ", cell(c, k));
    cdn_strbuf_add(&b, ", ", cell(c, C_POSTCODE));
    const char *country = cell(c, C_COUNTRY);
    cdn_strbuf_add(&b, ", ", country);
    if (b.oom) c->oom = 1;
    if (cdn_strbuf_str(&b) && !has_address(e, b.s)) cdn_add_address(c->set, e, b.s, NULL, country);
    free(b.s);
}

/* Other Information: "(UK Sanctions List Ref):… (Gender):Male … (IMO number):7408873". */
static void add_other_info(uk_ctx *c, cdn_entity *e)
{
    const char *other = cell(c, C_OTHER);
    if (!other) return;
    if (!e->remarks) e->remarks = cdn_strdup(c->set, other);
    const char *g = strstr(other, "(Gender):");
    if (g && !e->gender) {
        g += strlen("(Gender):");
        while (*g == ' ') g++;
        if (strncasecmp(g, "female", 6) == 0) e->gender = 'f';
        else if (strncasecmp(g, "male", 4) == 0) e->gender = 'm';
    }
    char imo[8];
    if (cdn_find_imo(other, imo)) cdn_add_ident(c->set, e, "imo", imo, NULL, NULL);
}

static void add_row_facts(uk_ctx *c, cdn_entity *e)
{
    add_dobs(c, e);
    add_pobs(c, e);
    add_nationalities(c, e);
    add_documents(c, e, C_PASSPORT, C_PASSPORT_DETAILS, "passport");
    add_documents(c, e, C_NATID, C_NATID_DETAILS, "national_id");
    add_address(c, e);
    add_other_info(c, e);
    cdn_add_program(c->set, e, cell(c, C_REGIME));
    if (!e->title && cell(c, C_POSITION)) e->title = cdn_strdup(c->set, cell(c, C_POSITION));
    char iso[11];
    if (!e->listed_on && iso_date(cell(c, C_LISTED_ON), iso) == 0) e->listed_on = cdn_strdup(c->set, iso);
}

/* ---- Rows and groups --------------------------------------------------------------------- */

static int group_kind(const char *type)
{
    if (!type) return -1;
    if (strcasecmp(type, "Individual") == 0) return CORDON_KIND_PERSON;
    if (strcasecmp(type, "Entity") == 0) return CORDON_KIND_ORGANIZATION;
    if (strcasecmp(type, "Ship") == 0) return CORDON_KIND_VESSEL;
    return -1;
}

/* The entity of the row's group, made on its first row. Rows of a group are not adjacent. */
static cdn_entity *group_entity(uk_ctx *c, const char *group_id)
{
    cdn_entity *e = cdn_entity_find(c->set, group_id);
    if (e) return e;
    e = cdn_entity_new(c->set, group_id);
    if (!e) { c->oom = 1; return NULL; }
    int kind = group_kind(cell(c, C_GROUP_TYPE));
    if (kind < 0) {
        cdn_warn(c->set, c->path, c->csv.line, "%s: unknown Group Type \"%s\"", e->id,
                 cell(c, C_GROUP_TYPE) ? cell(c, C_GROUP_TYPE) : "");
        kind = CORDON_KIND_ANY;
    }
    e->kind = (uint8_t)kind;
    return e;
}

static void read_row(uk_ctx *c)
{
    const char *group_id = cell(c, C_GROUP_ID);
    if (!group_id) {
        int blank = 1;
        for (int k = 0; k < C_COUNT && blank; k++) blank = cell(c, k) == NULL;
        if (!blank) cdn_warn(c->set, c->path, c->csv.line, "row without Group ID skipped");
        return;
    }
    cdn_entity *e = group_entity(c, group_id);
    if (!e) return;
    add_row_names(c, e);
    add_row_facts(c, e);
}

/* Row 1 "Last Updated,14/04/2025" gives the list date; the header follows. A file that starts
 * with the header is accepted too. */
static cordon_rc read_header(uk_ctx *c, int source)
{
    int r = cdn_csv_next(&c->csv, c->set);
    if (r < 0) return CORDON_ERR_INPUT;
    if (r > 0 && strcasecmp(cdn_csv_field(&c->csv, 0), "Last Updated") == 0) {
        char iso[11];
        if (iso_date(cdn_csv_field(&c->csv, 1), iso) == 0)
            memcpy(c->set->sources.v[source].report.list_date, iso, sizeof iso);
        else
            cdn_warn(c->set, c->path, c->csv.line, "unrecognised Last Updated date \"%s\"",
                     cdn_csv_field(&c->csv, 1));
        r = cdn_csv_next(&c->csv, c->set);
        if (r < 0) return CORDON_ERR_INPUT;
    }
    if (r == 0) return cdn_fail(c->set, c->path, c->csv.line, "no header row: not an OFSI ConList file");
    for (int k = 0; k < C_COUNT; k++) c->col[k] = -1;
    for (uint32_t i = 0; i < c->csv.n_fields; i++) {
        char name[64];
        squeeze_copy(name, strlen(cdn_csv_field(&c->csv, i)) < sizeof name ? cdn_csv_field(&c->csv, i) : "");
        for (int k = 0; k < C_COUNT; k++)
            if (c->col[k] < 0 && strcasecmp(name, column_names[k]) == 0) c->col[k] = (int)i;
    }
    for (size_t i = 0; i < sizeof required_columns / sizeof *required_columns; i++)
        if (c->col[required_columns[i]] < 0)
            return cdn_fail(c->set, c->path, c->csv.line, "header has no \"%s\" column: not an OFSI ConList file",
                            column_names[required_columns[i]]);
    return CORDON_OK;
}

/* Rejects what the CSV reader would pass through: broken UTF-8 and NUL bytes. */
static cordon_rc check_bytes(cdn_set *set, const char *path, const char *data, size_t len)
{
    long bad = cdn_utf8_invalid_at(data, len);
    const char *nul = memchr(data, '\0', len);
    if (bad < 0 && !nul) return CORDON_OK;
    size_t at = bad >= 0 ? (size_t)bad : (size_t)(nul - data);
    if (nul && (size_t)(nul - data) < at) at = (size_t)(nul - data);
    long line = 1;
    for (size_t i = 0; i < at; i++) line += data[i] == '\n';
    return cdn_fail(set, path, line, "%s at byte offset %zu",
                    data[at] == '\0' ? "NUL byte" : "invalid UTF-8", at);
}

static cordon_rc read_rows(uk_ctx *c)
{
    int r;
    while ((r = cdn_csv_next(&c->csv, c->set)) > 0) {
        if (load_row(c) < 0) return CORDON_ERR_NOMEM;
        read_row(c);
        if (c->oom || cdn_set_oom(c->set)) return CORDON_ERR_NOMEM;
    }
    return r < 0 ? (cdn_set_oom(c->set) ? CORDON_ERR_NOMEM : CORDON_ERR_INPUT) : CORDON_OK;
}

cordon_rc cdn_parse_uk_csv(cdn_set *set, const char *path)
{
    char *data;
    size_t len;
    cordon_rc rc = cdn_read_file(set, path, &data, &len);
    if (rc != CORDON_OK) return rc;
    int source = cdn_source_begin(set, "uk", "uk-csv", path);
    uk_ctx c = { .set = set, .path = path };
    size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;   /* a byte-order mark */
    if (source < 0) rc = CORDON_ERR_NOMEM;
    else rc = check_bytes(set, path, data, len);
    if (rc == CORDON_OK) {
        cdn_csv_init(&c.csv, path, data + skip, len - skip);
        rc = read_header(&c, source);
        if (rc == CORDON_OK) rc = read_rows(&c);
        cdn_csv_free(&c.csv);
    }
    if (rc == CORDON_OK)
        for (uint32_t i = 0; i < set->entities.n; i++)
            if (set->entities.v[i]->source == source) settle_primary(set->entities.v[i]);
    if (rc == CORDON_ERR_NOMEM) snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", path);
    free(c.row);
    free(data);
    return rc;
}
