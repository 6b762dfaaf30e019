/* batch.h — the rows of `cordon batch`: reading queries from CSV or JSONL into self-contained rows.
 * Invariant: a row either holds a complete, valid UTF-8 query or an error message — never both. */
#ifndef CDN_CLI_BATCH_H
#define CDN_CLI_BATCH_H

#include <stddef.h>
#include "cordon.h"
#include "cli/csv.h"

#define BATCH_MAX_FIELD (64 * 1024)            /* longer fields make the row an error */
#define BATCH_MAX_LINE (8 * BATCH_MAX_FIELD)   /* a JSONL line */

typedef struct batch_row {
    char *id;                   /* as given, or the row number */
    char *name, *dob, *country; /* NULL when absent */
    cordon_kind kind;
    char **idents;
    size_t n_idents;
    char *error;                /* why the row cannot be screened, or NULL */
    char *output;               /* the JSONL line written for it (set by a worker) */
    int alert;                  /* it had at least one match */
} batch_row;

typedef struct batch_input {
    cli_reader *reader;
    cli_record rec;
    int jsonl;
    long col_id, col_name, col_type, col_dob, col_country, col_idents;   /* CSV columns, -1 = none */
    size_t rows;                /* rows read so far */
    char errmsg[256];           /* why the input as a whole cannot be read */
} batch_input;

/* Detects the format and reads the CSV header. Returns 0, or -1 with in->errmsg set. */
int cdn_batch_input_open(batch_input *in, FILE *f);
/* Reads the next row into *row (zeroed first). Returns 1, 0 at the end, -1 out of memory. */
int cdn_batch_input_next(batch_input *in, batch_row *row);
void cdn_batch_input_close(batch_input *in);
void cdn_batch_row_free(batch_row *row);

#endif
