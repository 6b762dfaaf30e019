/* api.c — the small public functions that belong to no layer: errors, versions, kinds, default paths.
 * Invariant: result-code texts and kind names never change meaning; new ones are only appended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cordon.h"

const char *cordon_version(void) { return "0.1.0"; }

void cordon_free(void *p) { free(p); }

const char *cordon_strerror(cordon_rc rc) {
    switch (rc) {
    case CORDON_OK: return "ok";
    case CORDON_ERR_NOMEM: return "out of memory";
    case CORDON_ERR_IO: return "input/output error";
    case CORDON_ERR_INPUT: return "bad input data";
    case CORDON_ERR_CORRUPT: return "corrupt or incompatible index file";
    case CORDON_ERR_ARG: return "bad argument";
    case CORDON_ERR_NOTFOUND: return "not found";
    case CORDON_ERR_UNICODE: return "Unicode library error";
    }
    return "unknown error";
}

static const char *const kind_names[] = {"any", "person", "organization", "vessel", "aircraft"};

const char *cordon_kind_name(cordon_kind kind) {
    return (unsigned)kind < sizeof kind_names / sizeof *kind_names ? kind_names[kind] : "any";
}

/* cordon's own names first, then FollowTheMoney schema names as yente clients send them. */
static const struct { const char *text; cordon_kind kind; } kind_words[] = {
    {"any", CORDON_KIND_ANY}, {"", CORDON_KIND_ANY}, {"thing", CORDON_KIND_ANY}, {"legalentity", CORDON_KIND_ANY},
    {"person", CORDON_KIND_PERSON}, {"individual", CORDON_KIND_PERSON},
    {"organization", CORDON_KIND_ORGANIZATION}, {"organisation", CORDON_KIND_ORGANIZATION},
    {"company", CORDON_KIND_ORGANIZATION}, {"entity", CORDON_KIND_ORGANIZATION},
    {"publicbody", CORDON_KIND_ORGANIZATION},
    {"vessel", CORDON_KIND_VESSEL}, {"ship", CORDON_KIND_VESSEL},
    {"aircraft", CORDON_KIND_AIRCRAFT}, {"airplane", CORDON_KIND_AIRCRAFT},
};

cordon_rc cordon_kind_parse(const char *text, cordon_kind *out) {
    if (!text) { *out = CORDON_KIND_ANY; return CORDON_OK; }
    for (size_t i = 0; i < sizeof kind_words / sizeof *kind_words; i++)
        if (strcasecmp(text, kind_words[i].text) == 0) { *out = kind_words[i].kind; return CORDON_OK; }
    return CORDON_ERR_ARG;
}

char *cordon_default_index_path(void) {
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    char buf[4096];
    if (xdg && *xdg) snprintf(buf, sizeof buf, "%s/cordon/index.cordon", xdg);
    else if (home && *home) snprintf(buf, sizeof buf, "%s/.local/share/cordon/index.cordon", home);
    else return NULL;
    return strdup(buf);
}
