/* ingest_helpers.h — what the list-parser unit tests share: a scratch folder of fixtures, parsing one,
 * and finding names and identifiers. Must stay true: helpers only look, never change what a test checks.
 */
#ifndef CDN_TEST_INGEST_HELPERS_H
#define CDN_TEST_INGEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../check.h"
#include "ingest/ingest.h"

typedef cordon_rc (*fixture_parser)(cdn_set *set, const char *path);

static char fixture_dir[64];

/* Makes the test's scratch folder from a mkdtemp() template; 0, or -1 (reported) on failure. */
static inline int fixture_dir_make(const char *template)
{
    snprintf(fixture_dir, sizeof fixture_dir, "%s", template);
    if (mkdtemp(fixture_dir)) return 0;
    perror("mkdtemp");
    return -1;
}

static inline void fixture_dir_remove(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fixture_dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", fixture_dir);
}

/* Writes data as <fixture_dir>/<name>; the path (static, one at a time), or NULL. */
static inline const char *write_fixture(const char *name, const char *data, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", fixture_dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return NULL;
    fwrite(data, 1, len, f);
    fclose(f);
    return path;
}

/* Writes a fixture and parses it; copies the error message into msg, the entity count into
 * *entities, and hands over the set in *keep (the caller frees it) when those are not NULL. */
static inline cordon_rc parse_fixture_with(fixture_parser parse, const char *name, const char *data,
                                           size_t len, char *msg, size_t cap, size_t *entities,
                                           cdn_set *keep)
{
    const char *path = write_fixture(name, data, len);
    cdn_set set;
    if (!path || cdn_set_init(&set) != CORDON_OK) return CORDON_ERR_IO;
    cordon_rc rc = parse(&set, path);
    snprintf(msg, cap, "%s", set.errmsg);
    if (entities) *entities = set.entities.n;
    if (keep) *keep = set;
    else cdn_set_free(&set);
    return rc;
}

/* A file that does not exist is CORDON_ERR_IO, and the message names it. */
static inline void check_missing_file(fixture_parser parse, const char *path)
{
    cdn_set set;
    cdn_set_init(&set);
    CHECK_INT(parse(&set, path), CORDON_ERR_IO);
    CHECK(strstr(set.errmsg, path) != NULL);
    cdn_set_free(&set);
}

static inline const cdn_name *find_name(const cdn_entity *e, const char *full)
{
    for (uint32_t i = 0; e && i < e->names.n; i++)
        if (strcmp(e->names.v[i].full, full) == 0) return &e->names.v[i];
    return NULL;
}

static inline const cdn_ident *find_ident(const cdn_entity *e, const char *type, const char *value)
{
    for (uint32_t i = 0; e && i < e->idents.n; i++)
        if (!strcmp(e->idents.v[i].type, type) && !strcmp(e->idents.v[i].value, value)) return &e->idents.v[i];
    return NULL;
}

#endif /* CDN_TEST_INGEST_HELPERS_H */
