/* csv.h — streaming input for the `cordon` tool: a buffered byte reader, RFC 4180 CSV records and
 * lines (JSONL), and the CSV field writer. Invariant: memory stays bounded by the field cap, however
 * long or broken the input (an unclosed quote or a giant field is reported, never buffered whole). */
#ifndef CDN_CLI_CSV_H
#define CDN_CLI_CSV_H

#include <stdint.h>
#include <stdio.h>

typedef struct cli_reader {
    FILE *f;
    unsigned char buf[1 << 16];
    size_t pos, len;
    uint64_t consumed;      /* bytes handed out so far (for progress) */
    long line;              /* current line number, 1-based */
    int eof;
} cli_reader;

void cdn_reader_init(cli_reader *r, FILE *f);
/* The next byte without consuming it, or -1 at the end. */
int cdn_reader_peek(cli_reader *r);
/* Skips whitespace and a UTF-8 byte-order mark; returns the first byte after them, or -1. */
int cdn_reader_peek_nonspace(cli_reader *r);

/* One record (CSV row or JSONL line): fields as (start, length) in a NUL-separated buffer. */
typedef struct cli_record {
    char *buf; size_t len, cap;
    size_t *start, *length; size_t n, fields_cap;
    long line;              /* line where the record starts */
    size_t max_field;       /* cap on one field's bytes; longer fields are cut and flagged */
    int overlong;           /* 1 + index of the first cut field, or 0 */
    int unterminated;       /* a quoted field ran to the end of the input */
} cli_record;

void cdn_record_init(cli_record *rec, size_t max_field);
void cdn_record_free(cli_record *rec);
/* Reads one CSV record. Returns 1, 0 at the end of input, -1 out of memory. */
int cdn_csv_read(cli_reader *r, cli_record *rec);
/* Reads one line (without its line end) as a single field. Same returns. */
int cdn_line_read(cli_reader *r, cli_record *rec);
/* Field i as a NUL-ended string ("" past the last field). */
const char *cdn_record_field(const cli_record *rec, size_t i);
/* 1 if the record is an empty line. */
int cdn_record_blank(const cli_record *rec);

/* Writes one CSV field, quoted when it holds a comma, quote, CR or LF. */
void cdn_csv_write_field(FILE *out, const char *s);

#endif
