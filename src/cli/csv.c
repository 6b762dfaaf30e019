/* csv.c — the tool's streaming reader: RFC 4180 CSV (quotes, "" escapes, embedded newlines, CRLF,
 * LF or CR line ends) and plain lines. Invariant: a field never grows past max_field bytes in memory. */
#include "cli/csv.h"

#include <stdlib.h>
#include <string.h>

void cdn_reader_init(cli_reader *r, FILE *f) {
    r->f = f;
    r->pos = r->len = 0;
    r->consumed = 0;
    r->line = 1;
    r->eof = 0;
}

int cdn_reader_peek(cli_reader *r) {
    if (r->pos == r->len) {
        if (r->eof) return -1;
        r->len = fread(r->buf, 1, sizeof r->buf, r->f);
        r->pos = 0;
        if (r->len == 0) { r->eof = 1; return -1; }
    }
    return r->buf[r->pos];
}

static int next_byte(cli_reader *r) {
    int c = cdn_reader_peek(r);
    if (c >= 0) {
        r->pos++;
        r->consumed++;
        if (c == '\n') r->line++;
    }
    return c;
}

int cdn_reader_peek_nonspace(cli_reader *r) {
    int c = cdn_reader_peek(r);
    if (c == 0xEF && r->consumed == 0 && r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
        r->pos += 3;   /* a byte-order mark at the very start */
        r->consumed += 3;
    }
    while ((c = cdn_reader_peek(r)) == ' ' || c == '\t' || c == '\r' || c == '\n')
        next_byte(r);
    return c;
}

void cdn_record_init(cli_record *rec, size_t max_field) {
    memset(rec, 0, sizeof *rec);
    rec->max_field = max_field;
}

void cdn_record_free(cli_record *rec) {
    free(rec->buf);
    free(rec->start);
    free(rec->length);
    memset(rec, 0, sizeof *rec);
}

static int put_byte(cli_record *rec, int c) {
    if (rec->len + 1 >= rec->cap) {
        size_t cap = rec->cap ? rec->cap * 2 : 4096;
        char *b = realloc(rec->buf, cap);
        if (!b) return -1;
        rec->buf = b;
        rec->cap = cap;
    }
    rec->buf[rec->len++] = (char)c;
    return 0;
}

static int begin_field(cli_record *rec) {
    if (rec->n == rec->fields_cap) {
        size_t cap = rec->fields_cap ? rec->fields_cap * 2 : 16;
        size_t *s = realloc(rec->start, cap * sizeof *s);
        if (!s) return -1;
        rec->start = s;
        size_t *l = realloc(rec->length, cap * sizeof *l);
        if (!l) return -1;
        rec->length = l;
        rec->fields_cap = cap;
    }
    rec->start[rec->n] = rec->len;
    rec->length[rec->n] = 0;
    rec->n++;
    return 0;
}

/* Adds a byte to the current field unless it is full (then flags the record). */
static int field_byte(cli_record *rec, int c) {
    size_t *flen = &rec->length[rec->n - 1];
    if (*flen >= rec->max_field) {
        if (!rec->overlong) rec->overlong = (int)rec->n;
        return 0;
    }
    (*flen)++;
    return put_byte(rec, c);
}

static int end_field(cli_record *rec) { return put_byte(rec, 0); }

static void record_reset(cli_record *rec, const cli_reader *r) {
    rec->len = rec->n = 0;
    rec->overlong = rec->unterminated = 0;
    rec->line = r->line;
}

/* Consumes a line end (CR, LF or CRLF) whose first byte was c. */
static void eat_line_end(cli_reader *r, int c) {
    if (c == '\r' && cdn_reader_peek(r) == '\n') next_byte(r);
    else if (c == '\r') r->line++;   /* a lone CR ends a line too */
}

int cdn_csv_read(cli_reader *r, cli_record *rec) {
    record_reset(rec, r);
    int c = cdn_reader_peek(r);
    if (c < 0) return 0;
    if (begin_field(rec)) return -1;
    int quoted = 0, at_start = 1;
    for (;;) {
        c = next_byte(r);
        if (quoted) {
            if (c < 0) { rec->unterminated = 1; break; }
            if (c == '"') {
                if (cdn_reader_peek(r) == '"') { next_byte(r); if (field_byte(rec, '"')) return -1; }
                else quoted = 0;
            } else if (field_byte(rec, c)) return -1;
            continue;
        }
        if (c < 0) break;
        if (c == '\r' || c == '\n') { eat_line_end(r, c); break; }
        if (c == ',') {
            if (end_field(rec) || begin_field(rec)) return -1;
            at_start = 1;
            continue;
        }
        if (c == '"' && at_start) { quoted = 1; at_start = 0; continue; }
        at_start = 0;
        if (field_byte(rec, c)) return -1;
    }
    return end_field(rec) ? -1 : 1;
}

int cdn_line_read(cli_reader *r, cli_record *rec) {
    record_reset(rec, r);
    int c = cdn_reader_peek(r);
    if (c < 0) return 0;
    if (begin_field(rec)) return -1;
    while ((c = next_byte(r)) >= 0 && c != '\n')
        if (field_byte(rec, c)) return -1;
    if (rec->length[0] && rec->buf[rec->len - 1] == '\r') { rec->len--; rec->length[0]--; }
    return end_field(rec) ? -1 : 1;
}

const char *cdn_record_field(const cli_record *rec, size_t i) {
    return i < rec->n ? rec->buf + rec->start[i] : "";
}

int cdn_record_blank(const cli_record *rec) {
    return rec->n == 0 || (rec->n == 1 && rec->length[0] == 0 && !rec->unterminated);
}

void cdn_csv_write_field(FILE *out, const char *s) {
    if (!strpbrk(s, ",\"\r\n")) { fputs(s, out); return; }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}
