/* csv.c — small shared readers: whole-file reading, an RFC 4180 CSV reader, a UTF-8 checker, cdn_strbuf.
 * Invariant: never reads past data[len); every error names the file and the line where it starts.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/ingest.h"

#define FIELD_MAX (1u << 20)            /* a field over 1 MiB is bad input, not data */
#define FILE_MAX ((size_t)1 << 31)      /* list files are tens of MB; 2 GiB is certainly wrong */

cordon_rc cdn_read_file(cdn_set *set, const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: %s", path, strerror(errno));
        return CORDON_ERR_IO;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: not a regular file", path);
        fclose(f);
        return CORDON_ERR_IO;
    }
    if ((unsigned long long)st.st_size >= FILE_MAX) {
        fclose(f);
        return cdn_fail(set, path, 0, "file too large (%lld bytes)", (long long)st.st_size);
    }
    size_t size = (size_t)st.st_size;
    char *buf = malloc(size + 1);
    if (!buf) {
        fclose(f);
        snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", path);
        return CORDON_ERR_NOMEM;
    }
    size_t got = fread(buf, 1, size, f);
    int err = ferror(f);
    fclose(f);
    if (err || got != size) {
        free(buf);
        snprintf(set->errmsg, sizeof set->errmsg, "%s: read error", path);
        return CORDON_ERR_IO;
    }
    buf[size] = '\0';
    *data = buf;
    *len = size;
    return CORDON_OK;
}

void cdn_csv_init(cdn_csv *c, const char *file, const char *data, size_t len)
{
    memset(c, 0, sizeof *c);
    c->data = data;
    c->len = len;
    while (c->len && (data[c->len - 1] == 0x1A))   /* the old DOS end-of-file marker */
        c->len--;
    c->line = c->next_line = 1;
    c->file = file;
}

void cdn_csv_free(cdn_csv *c)
{
    free(c->buf);
    free(c->starts);
    c->buf = NULL;
    c->starts = NULL;
    c->buf_cap = c->fields_cap = c->n_fields = 0;
}

/* Makes room for `more` bytes in the decode buffer; -1 when out of memory. */
static int buf_reserve(cdn_csv *c, size_t used, size_t more)
{
    if (used + more <= c->buf_cap)
        return 0;
    size_t cap = c->buf_cap ? c->buf_cap : 4096;
    while (cap < used + more)
        cap *= 2;
    char *b = realloc(c->buf, cap);
    if (!b)
        return -1;
    c->buf = b;
    c->buf_cap = cap;
    return 0;
}

static int field_begin(cdn_csv *c, size_t at)
{
    if (c->n_fields == c->fields_cap) {
        uint32_t cap = c->fields_cap ? c->fields_cap * 2 : 32;
        size_t *s = realloc(c->starts, cap * sizeof *s);
        if (!s)
            return -1;
        c->starts = s;
        c->fields_cap = cap;
    }
    c->starts[c->n_fields++] = at;
    return 0;
}

/* Consumes one line end at pos (CRLF, LF or CR) if there is one; returns 1 if it did. */
static int eat_eol(cdn_csv *c)
{
    if (c->pos >= c->len)
        return 0;
    if (c->data[c->pos] == '\r') {
        c->pos++;
        if (c->pos < c->len && c->data[c->pos] == '\n')
            c->pos++;
    } else if (c->data[c->pos] == '\n') {
        c->pos++;
    } else {
        return 0;
    }
    c->next_line++;
    return 1;
}

/* Bytes that end a run of plain text: what read_field must look at one by one. */
static const unsigned char csv_special[256] = { [0] = 1, ['"'] = 1, [','] = 1, ['\r'] = 1, ['\n'] = 1 };

/* Copies the run of plain bytes at pos (most of a file) into buf[*used..] in one go. */
static int copy_plain_run(cdn_csv *c, cdn_set *set, size_t start, size_t *used)
{
    size_t end = c->pos;
    while (end < c->len && !csv_special[(unsigned char)c->data[end]])
        end++;
    size_t run = end - c->pos;
    if (*used - start + run > FIELD_MAX) {
        cdn_fail(set, c->file, c->line, "field %u is longer than 1 MiB", c->n_fields);
        return -1;
    }
    if (buf_reserve(c, *used, run + 1) < 0) {
        set->oom = 1;
        snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", c->file);
        return -1;
    }
    memcpy(c->buf + *used, c->data + c->pos, run);
    *used += run;
    c->pos = end;
    return 0;
}

/* Decodes one field at pos into buf[*used..]; stops before ',' or a line end. */
static int read_field(cdn_csv *c, cdn_set *set, size_t *used)
{
    const char *d = c->data;
    size_t start = *used;
    int quoted = c->pos < c->len && d[c->pos] == '"';
    if (quoted)
        c->pos++;
    for (;;) {
        if (copy_plain_run(c, set, start, used) < 0)
            return -1;
        if (c->pos >= c->len) {
            if (quoted) {
                cdn_fail(set, c->file, c->line, "unterminated quoted field (field %u)",
                         c->n_fields);
                return -1;
            }
            break;
        }
        char ch = d[c->pos];
        if (ch == '\0') {
            cdn_fail(set, c->file, c->line, "NUL byte at offset %zu (binary data?)", c->pos);
            return -1;
        }
        if (quoted && ch == '"') {
            if (c->pos + 1 < c->len && d[c->pos + 1] == '"') {
                c->pos++;               /* "" is one quote */
            } else {
                quoted = 0;             /* closing quote; text after it is kept as written */
                c->pos++;
                continue;
            }
        } else if (!quoted && (ch == ',' || ch == '\r' || ch == '\n')) {
            break;
        } else if (ch == '\r' || ch == '\n') {
            if (ch == '\n' || c->pos + 1 >= c->len || d[c->pos + 1] != '\n')
                c->next_line++;         /* a line end inside quotes (CRLF counted at its LF) */
        }
        if (*used - start >= FIELD_MAX) {
            cdn_fail(set, c->file, c->line, "field %u is longer than 1 MiB", c->n_fields);
            return -1;
        }
        if (buf_reserve(c, *used, 2) < 0) {
            set->oom = 1;
            snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", c->file);
            return -1;
        }
        c->buf[(*used)++] = ch;
        c->pos++;
    }
    if (buf_reserve(c, *used, 1) < 0) {
        set->oom = 1;
        snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", c->file);
        return -1;
    }
    c->buf[(*used)++] = '\0';
    return 0;
}

int cdn_csv_next(cdn_csv *c, cdn_set *set)
{
    while (c->pos < c->len && eat_eol(c))   /* blank lines hold no record */
        ;
    if (c->pos >= c->len)
        return 0;
    c->line = c->next_line;
    c->n_fields = 0;
    size_t used = 0;
    for (;;) {
        if (field_begin(c, used) < 0) {
            set->oom = 1;
            snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", c->file);
            return -1;
        }
        if (read_field(c, set, &used) < 0)
            return -1;
        if (c->pos < c->len && c->data[c->pos] == ',') {
            c->pos++;
            continue;
        }
        eat_eol(c);
        return 1;
    }
}

const char *cdn_csv_field(const cdn_csv *c, uint32_t i)
{
    return i < c->n_fields ? c->buf + c->starts[i] : "";
}

long cdn_utf8_invalid_at(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        uint64_t word;                  /* eight ASCII bytes at a time: most text is ASCII */
        if (len - i >= 8 && (memcpy(&word, s + i, 8), (word & 0x8080808080808080ull) == 0)) {
            i += 8;
            continue;
        }
        unsigned char b = s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned cp, min;
        if (b >= 0xC2 && b <= 0xDF) {
            n = 2; cp = b & 0x1F; min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            n = 3; cp = b & 0x0F; min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 4; cp = b & 0x07; min = 0x10000;
        } else {
            return (long)i;
        }
        if (len - i < n)
            return (long)i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return (long)i;
        i += n;
    }
    return -1;
}

void cdn_strbuf_add(cdn_strbuf *b, const char *sep, const char *text)
{
    if (!text || !*text) return;
    size_t ls = b->len ? strlen(sep) : 0, lt = strlen(text);
    if (b->len + ls + lt + 1 > b->cap) {
        size_t cap = (b->len + ls + lt + 1) * 2;
        char *s = realloc(b->s, cap);
        if (!s) { b->oom = 1; return; }
        b->s = s; b->cap = cap;
    }
    memcpy(b->s + b->len, sep, ls);
    memcpy(b->s + b->len + ls, text, lt + 1);
    b->len += ls + lt;
}

const char *cdn_strbuf_str(const cdn_strbuf *b) { return b->len ? b->s : NULL; }
