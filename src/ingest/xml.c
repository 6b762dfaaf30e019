/* xml.c — what the three XML parsers share: capturing libxml2's errors, and the per-record texts.
 * Invariant: libxml2's per-thread handlers are always restored by end; nothing reaches stderr.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include "ingest/ingest.h"

#define XML_MAX_FIELD (1u << 20)   /* a longer text is not a list field but garbage */

/* libxml2 calls this for every problem; the first error (not warning) is the one we report. */
static void on_xml_error(void *arg, xmlErrorPtr err)
{
    cdn_xml_errors *e = arg;
    if (!err || err->level < XML_ERR_ERROR || e->msg[0]) return;
    snprintf(e->msg, sizeof e->msg, "%s", err->message ? err->message : "XML error");
    for (char *p = e->msg; *p; p++)
        if (*p == '\n') *p = ' ';
    size_t n = strlen(e->msg);
    while (n && e->msg[n - 1] == ' ') e->msg[--n] = '\0';
    e->line = err->line;
}

/* libxml2's unstructured messages ("xmlParseChunk: encoder error") come with a structured error
 * too, or the parse fails anyway; they must not reach stderr. */
static void on_generic_error(void *arg, const char *fmt, ...)
{
    (void)arg;
    (void)fmt;
}

/* Errors raised outside a parser context (encoding conversion, opening the file) go to libxml2's
 * per-thread handlers, which would print them: they are pointed at e for the parse. */
void cdn_xml_errors_begin(cdn_xml_errors *e)
{
    memset(e, 0, sizeof *e);
    e->saved_func[0] = (void (*)(void))xmlStructuredError;
    e->saved_ctx[0] = xmlStructuredErrorContext;
    e->saved_func[1] = (void (*)(void))xmlGenericError;
    e->saved_ctx[1] = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(e, on_xml_error);
    xmlSetGenericErrorFunc(e, on_generic_error);
}

void cdn_xml_errors_end(cdn_xml_errors *e)
{
    xmlSetStructuredErrorFunc(e->saved_ctx[0], (xmlStructuredErrorFunc)e->saved_func[0]);
    xmlSetGenericErrorFunc(e->saved_ctx[1], (xmlGenericErrorFunc)e->saved_func[1]);
}

void cdn_xml_errors_watch(cdn_xml_errors *e, struct _xmlTextReader *r)
{
    xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, e);
}

cordon_rc cdn_xml_fail(cdn_set *set, const char *path, const cdn_xml_errors *e, long line)
{
    if (e->msg[0])
        return cdn_fail(set, path, e->line > 0 ? e->line : line, "malformed XML: %s", e->msg);
    return cdn_fail(set, path, line, "malformed XML");
}

const char *cdn_xml_bag_keep(cdn_xml_bag *b, unsigned char *s, int *oom)
{
    if (!s) return NULL;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        unsigned char **v = realloc(b->v, cap * sizeof *v);
        if (!v) { xmlFree(s); *oom = 1; return NULL; }
        b->v = v; b->cap = cap;
    }
    b->v[b->n++] = s;
    return (const char *)s;
}

void cdn_xml_bag_clear(cdn_xml_bag *b)
{
    for (size_t i = 0; i < b->n; i++) xmlFree(b->v[i]);
    b->n = 0;
}

void cdn_xml_bag_free(cdn_xml_bag *b)
{
    cdn_xml_bag_clear(b);
    free(b->v);
    memset(b, 0, sizeof *b);
}

/* Trims and folds every run of ASCII whitespace into one space, in place: lists wrap long
 * values over lines and leave stray spaces in names. */
static char *squeeze_space(char *s)
{
    char *w = s;
    int pending = 0;
    for (const char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') { pending = w != s; continue; }
        if (pending) *w++ = ' ';
        pending = 0;
        *w++ = *r;
    }
    *w = '\0';
    return s;
}

const char *cdn_xml_text(cdn_xml_bag *b, const struct _xmlNode *n, int *oom, long *too_long_line)
{
    if (!n) return NULL;
    char *s = (char *)cdn_xml_bag_keep(b, xmlNodeGetContent(n), oom);
    if (!s) return NULL;
    squeeze_space(s);
    if (strlen(s) > XML_MAX_FIELD) {
        if (!*too_long_line) *too_long_line = xmlGetLineNo(n);
        return NULL;
    }
    return *s ? s : NULL;
}
