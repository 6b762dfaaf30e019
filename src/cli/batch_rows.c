/* batch_rows.c — reads `cordon batch` queries: CSV with a header (id,name,type,dob,country,identifiers;
 * RFC 4180) or JSONL (first non-space byte '{'). Invariant: a bad row becomes an error row, never a stop. */
#include "cli/batch.h"
#include "cli/cli.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static long column(const cli_record *hdr, const char *name) {
    for (size_t i = 0; i < hdr->n; i++)
        if (strcasecmp(cdn_record_field(hdr, i), name) == 0) return (long)i;
    return -1;
}

int cdn_batch_input_open(batch_input *in, FILE *f) {
    memset(in, 0, sizeof *in);
    in->reader = malloc(sizeof *in->reader);
    if (!in->reader) { snprintf(in->errmsg, sizeof in->errmsg, "out of memory"); return -1; }
    cdn_reader_init(in->reader, f);
    int first = cdn_reader_peek_nonspace(in->reader);
    in->jsonl = first == '{';
    cdn_record_init(&in->rec, in->jsonl ? BATCH_MAX_LINE : BATCH_MAX_FIELD);
    if (in->jsonl) return 0;
    int got = cdn_csv_read(in->reader, &in->rec);
    if (got <= 0) {
        snprintf(in->errmsg, sizeof in->errmsg, got < 0 ? "out of memory" : "the input is empty");
        return -1;
    }
    const cli_record *h = &in->rec;
    in->col_id = column(h, "id");
    in->col_name = column(h, "name");
    in->col_type = column(h, "type");
    if (in->col_type < 0) in->col_type = column(h, "schema");
    in->col_dob = column(h, "dob");
    in->col_country = column(h, "country");
    in->col_idents = column(h, "identifiers");
    if (in->col_name < 0) {
        snprintf(in->errmsg, sizeof in->errmsg,
                 "line %ld: the CSV header has no 'name' column (columns: id,name,type,dob,country,identifiers)",
                 h->line);
        return -1;
    }
    return 0;
}

void cdn_batch_input_close(batch_input *in) {
    cdn_record_free(&in->rec);
    free(in->reader);
    in->reader = NULL;
}

void cdn_batch_row_free(batch_row *row) {
    free(row->id);
    free(row->name);
    free(row->dob);
    free(row->country);
    for (size_t i = 0; i < row->n_idents; i++) free(row->idents[i]);
    free(row->idents);
    free(row->error);
    free(row->output);
    memset(row, 0, sizeof *row);
}

static int row_error(batch_row *row, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int row_error(batch_row *row, const char *fmt, ...) {
    if (row->error) return 0;   /* keep the first problem */
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return (row->error = strdup(buf)) ? 0 : -1;
}

/* Copies a field, checking that it is valid UTF-8 without NUL bytes. Empty gives NULL. */
static int take_field(batch_row *row, const char *what, const char *s, size_t len, char **out) {
    *out = NULL;
    while (len && (*s == ' ' || *s == '\t')) { s++; len--; }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (!len) return 0;
    long bad = cdn_cli_utf8_invalid(s, len);
    if (bad >= 0) return row_error(row, "%s is not valid UTF-8 (byte %ld)", what, bad);
    if (memchr(s, 0, len)) return row_error(row, "%s contains a NUL byte", what);
    if (len > BATCH_MAX_FIELD) return row_error(row, "%s is longer than 64 KiB", what);
    if (!(*out = strndup(s, len))) return -1;
    return 0;
}

static int add_ident(batch_row *row, const char *s, size_t len) {
    char *v;
    if (take_field(row, "an identifier", s, len, &v)) return -1;
    if (!v) return 0;
    char **more = realloc(row->idents, (row->n_idents + 1) * sizeof *more);
    if (!more) { free(v); return -1; }
    row->idents = more;
    row->idents[row->n_idents++] = v;
    return 0;
}

/* "IMO 8328197; Passport 472220033" -> two identifiers. */
static int split_idents(batch_row *row, const char *s) {
    while (*s) {
        const char *semi = strchr(s, ';');
        size_t len = semi ? (size_t)(semi - s) : strlen(s);
        if (add_ident(row, s, len)) return -1;
        s += len + (semi ? 1 : 0);
    }
    return 0;
}

static int set_kind(batch_row *row, const char *text) {
    if (!text || !*text) return 0;
    if (cordon_kind_parse(text, &row->kind) == CORDON_OK) return 0;
    return row_error(row, "unknown type '%.40s' (person, organization, vessel, aircraft)", text);
}

static int set_default_id(batch_row *row, size_t number) {
    if (row->id) return 0;
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", number);
    return (row->id = strdup(buf)) ? 0 : -1;
}

/* Field `col` of the CSV record into *out (NULL when the column is absent). */
static int csv_field(batch_input *in, batch_row *row, long col, const char *what, char **out) {
    *out = NULL;
    if (col < 0 || (size_t)col >= in->rec.n) return 0;
    if (in->rec.overlong == col + 1) return row_error(row, "%s is longer than 64 KiB", what);
    return take_field(row, what, cdn_record_field(&in->rec, (size_t)col), in->rec.length[col], out);
}

static int csv_row(batch_input *in, batch_row *row) {
    char *type = NULL, *idents = NULL;
    int rc = csv_field(in, row, in->col_id, "id", &row->id);
    if (!rc && in->rec.unterminated)
        rc = row_error(row, "line %ld: a quoted field is not closed before the end of the input", in->rec.line);
    if (!rc && in->rec.overlong) rc = row_error(row, "line %ld: a field is longer than 64 KiB", in->rec.line);
    if (!rc) rc = csv_field(in, row, in->col_name, "name", &row->name);
    if (!rc) rc = csv_field(in, row, in->col_type, "type", &type);
    if (!rc) rc = csv_field(in, row, in->col_dob, "dob", &row->dob);
    if (!rc) rc = csv_field(in, row, in->col_country, "country", &row->country);
    if (!rc) rc = csv_field(in, row, in->col_idents, "identifiers", &idents);
    if (!rc) rc = set_kind(row, type);
    if (!rc && idents) rc = split_idents(row, idents);
    free(type);
    free(idents);
    return rc;
}

/* A JSON member as a string: strings as they are, numbers written out; anything else is an error. */
static int json_field(batch_row *row, json_t *obj, const char *key, char **out) {
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) return 0;
    if (json_is_integer(v)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return (*out = strdup(buf)) ? 0 : -1;
    }
    if (!json_is_string(v)) return row_error(row, "'%s' should be a string", key);
    return take_field(row, key, json_string_value(v), json_string_length(v), out);
}

static int json_idents(batch_row *row, json_t *obj) {
    json_t *v = json_object_get(obj, "identifiers");
    if (!v || json_is_null(v)) return 0;
    if (json_is_string(v)) return split_idents(row, json_string_value(v));
    if (!json_is_array(v)) return row_error(row, "'identifiers' should be a string or an array of strings");
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        if (!json_is_string(item)) return row_error(row, "'identifiers' should hold strings");
        if (add_ident(row, json_string_value(item), json_string_length(item))) return -1;
    }
    return 0;
}

static int jsonl_row(batch_input *in, batch_row *row) {
    if (in->rec.overlong)
        return row_error(row, "line %ld is longer than %d bytes", in->rec.line, BATCH_MAX_LINE);
    json_error_t err;
    json_t *obj = json_loadb(in->rec.buf, in->rec.length[0], 0, &err);
    if (!obj) return row_error(row, "line %ld: invalid JSON: %s (column %d)", in->rec.line, err.text, err.column);
    char *type = NULL;
    int rc = json_is_object(obj) ? 0 : row_error(row, "line %ld: not a JSON object", in->rec.line);
    if (!rc) rc = json_field(row, obj, "id", &row->id);
    if (!rc) rc = json_field(row, obj, "name", &row->name);
    if (!rc) rc = json_field(row, obj, "type", &type);
    if (!rc && !type) rc = json_field(row, obj, "schema", &type);
    if (!rc) rc = json_field(row, obj, "dob", &row->dob);
    if (!rc) rc = json_field(row, obj, "country", &row->country);
    if (!rc) rc = set_kind(row, type);
    if (!rc) rc = json_idents(row, obj);
    free(type);
    json_decref(obj);
    return rc;
}

int cdn_batch_input_next(batch_input *in, batch_row *row) {
    memset(row, 0, sizeof *row);
    int got;
    do {
        got = in->jsonl ? cdn_line_read(in->reader, &in->rec) : cdn_csv_read(in->reader, &in->rec);
    } while (got == 1 && cdn_record_blank(&in->rec));
    if (got <= 0) return got;
    in->rows++;
    int rc = in->jsonl ? jsonl_row(in, row) : csv_row(in, row);
    if (!rc && !row->error && !row->name) rc = row_error(row, "the row has no name");
    if (!rc) rc = set_default_id(row, in->rows);
    if (rc) { cdn_batch_row_free(row); return -1; }
    return 1;
}
