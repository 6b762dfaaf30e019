/* detect.c — recognises a list's format from a path (folder or file content) and runs its parser.
 * Invariant: on any failure the set is truncated back to what it held before the call.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/ingest.h"

typedef cordon_rc (*parse_fn)(cdn_set *set, const char *path);

static const struct list_format {
    const char *name;
    parse_fn parse;
} formats[] = {
    { "ofac-csv", cdn_parse_ofac_csv },
    { "ofac-xml", cdn_parse_ofac_xml },
    { "ofac-advanced", cdn_parse_ofac_advanced },
    { "un-xml", cdn_parse_un_xml },
    { "uk-csv", cdn_parse_uk_csv },
};

static const struct list_format *format_named(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return NULL;
}

static int has_sdn_csv(const char *dir)
{
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/sdn.csv", dir);
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The format of a file from its first 4 KB, or NULL. */
static const char *sniff(const char *head, size_t len)
{
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
        head += 3;
        len -= 3;
    }
    if (memmem(head, len, "<sdnList", 8))
        return "ofac-xml";
    if (memmem(head, len, "<Sanctions", 10))
        return "ofac-advanced";
    if (memmem(head, len, "<CONSOLIDATED_LIST", 18))
        return "un-xml";
    if ((len >= 13 && memcmp(head, "Last Updated,", 13) == 0) ||
        (memmem(head, len, "Name 6", 6) && memmem(head, len, "Group ID", 8)))
        return "uk-csv";
    return NULL;
}

/* The format of a path: a folder with sdn.csv, a file called sdn.csv (its folder), or a sniffed
 * file. *parse_path is the path to give the parser. */
static cordon_rc detect(cdn_set *set, const char *path, const struct stat *st, const char **format,
                        char *parse_path, size_t cap)
{
    snprintf(parse_path, cap, "%s", path);
    if (S_ISDIR(st->st_mode)) {
        if (!has_sdn_csv(path)) {
            snprintf(set->errmsg, sizeof set->errmsg, "%s: a folder without sdn.csv", path);
            return CORDON_ERR_NOTFOUND;
        }
        *format = "ofac-csv";
        return CORDON_OK;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "sdn.csv") == 0) {    /* the main file of a CSV set: read its folder */
        if (base == path)
            snprintf(parse_path, cap, ".");
        else
            snprintf(parse_path, cap, "%.*s", (int)(base - path - 1), path);
        *format = "ofac-csv";
        return CORDON_OK;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: %s", path, strerror(errno));
        return CORDON_ERR_IO;
    }
    char head[4096];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    *format = sniff(head, n);
    if (!*format)
        return cdn_fail(set, path, 0, "unknown list format");
    return CORDON_OK;
}

/* Counts the new source's entities and names from what it holds, so the report is exact. */
static void recount(cdn_set *set, int source)
{
    cordon_source_report *r = &set->sources.v[source].report;
    r->entities = r->names = 0;
    for (uint32_t i = set->entities.n; i-- > 0 && set->entities.v[i]->source == source;) {
        r->entities++;
        r->names += set->entities.v[i]->names.n;
    }
}

cordon_rc cdn_ingest_path(cdn_set *set, const char *path, const char *format)
{
    int before = (int)set->sources.n;
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: %s", path ? path : "(null)",
                 path ? strerror(errno) : "no path");
        return path && errno == ENOENT ? CORDON_ERR_NOTFOUND : CORDON_ERR_IO;
    }
    char parse_path[4096];
    cordon_rc rc;
    const struct list_format *fmt;
    if (format) {
        fmt = format_named(format);
        if (!fmt) {
            snprintf(set->errmsg, sizeof set->errmsg, "unknown format \"%s\" (ofac-csv, ofac-xml, "
                     "ofac-advanced, un-xml, uk-csv)", format);
            return CORDON_ERR_ARG;
        }
        snprintf(parse_path, sizeof parse_path, "%s", path);
        if (S_ISDIR(st.st_mode) != (strcmp(format, "ofac-csv") == 0)) {
            snprintf(set->errmsg, sizeof set->errmsg, "%s: format %s needs %s", path, format,
                     S_ISDIR(st.st_mode) ? "a file, not a folder" : "a folder holding sdn.csv");
            return CORDON_ERR_ARG;
        }
    } else {
        const char *name = NULL;
        rc = detect(set, path, &st, &name, parse_path, sizeof parse_path);
        if (rc)
            return rc;
        fmt = format_named(name);
    }
    rc = fmt->parse(set, parse_path);
    if (rc == CORDON_OK && cdn_set_oom(set)) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: out of memory", path);
        rc = CORDON_ERR_NOMEM;
    }
    if (rc == CORDON_OK && (int)set->sources.n != before + 1) {
        snprintf(set->errmsg, sizeof set->errmsg, "%s: the %s parser began no source", path, fmt->name);
        rc = CORDON_ERR_INPUT;
    }
    if (rc) {
        cdn_set_truncate(set, before);
        return rc;
    }
    recount(set, before);
    return CORDON_OK;
}
