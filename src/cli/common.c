/* common.c — helpers every `cordon` command uses: messages, exit codes, opening the index, checking
 * option values, UTF-8 and terminal widths. Invariant: errors go to stderr as "cordon: ...". */
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void cdn_cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("cordon: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cdn_cli_note(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cdn_cli_exit_code(cordon_rc rc) {
    switch (rc) {
    case CORDON_OK: return CLI_OK;
    case CORDON_ERR_INPUT:
    case CORDON_ERR_CORRUPT: return CLI_BADINPUT;
    case CORDON_ERR_ARG: return CLI_USAGE;
    default: return CLI_FAIL;
    }
}

cordon_index *cdn_cli_open_index(const char *path, int *exit_code) {
    char *def = NULL;
    if (!path) {
        def = cordon_default_index_path();
        if (!def) {
            cdn_cli_error("no default index location (set HOME or XDG_DATA_HOME, or use --index FILE)");
            *exit_code = CLI_FAIL;
            return NULL;
        }
        struct stat st;
        if (stat(def, &st) != 0) {
            cdn_cli_error("no index at %s; build one with: cordon index build LIST...", def);
            cordon_free(def);
            *exit_code = CLI_FAIL;
            return NULL;
        }
        path = def;
    }
    cordon_index *ix = NULL;
    cordon_rc rc = cordon_index_open(path, &ix);
    if (rc != CORDON_OK) {
        const char *msg = ix ? cordon_index_errmsg(ix) : NULL;
        if (msg && strncmp(msg, path, strlen(path)) == 0) cdn_cli_error("%s", msg);   /* it names the file */
        else cdn_cli_error("%s: %s", path, msg && *msg ? msg : cordon_strerror(rc));
        cordon_index_close(ix);
        ix = NULL;
        *exit_code = cdn_cli_exit_code(rc);
    }
    cordon_free(def);
    return ix;
}

int cdn_cli_parse_kind(const char *text, cordon_kind *kind) {
    *kind = CORDON_KIND_ANY;
    if (!text) return 0;
    if (cordon_kind_parse(text, kind) == CORDON_OK) return 0;
    cdn_cli_error("unknown type '%s' (person, organization, vessel, aircraft)", text);
    return -1;
}

int cdn_cli_parse_threshold(const char *text, double *out) {
    if (!text) return 0;   /* keep the caller's default */
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v) || v < 0 || v > 1) {
        cdn_cli_error("--threshold wants a number from 0 to 1, not '%s'", text);
        return -1;
    }
    *out = v;
    return 0;
}

int cdn_cli_parse_count(const char *opt, const char *text, long min, long max, size_t *out) {
    if (!text) return 0;
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max) {
        cdn_cli_error("--%s wants a whole number from %ld to %ld, not '%s'", opt, min, max, text);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

/* Length of the UTF-8 sequence starting at s (n bytes left), or 0 if it is invalid. Rejects
 * overlong forms, surrogates and code points above U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp) {
    unsigned char c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

long cdn_cli_utf8_invalid(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    for (size_t i = 0; i < len;) {
        size_t k = utf8_seq(p + i, len - i, &cp);
        if (!k) return (long)i;
        i += k;
    }
    return -1;
}

/* Terminal columns of one code point: enough of wcwidth for names (no locale needed). */
static int cp_width(uint32_t c) {
    if (c == 0) return 0;
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) ||
        c == 0x0670 || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F) ||
        (c >= 0x1160 && c <= 0x11FF))
        return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
        (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

size_t cdn_cli_width(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), w = 0;
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq(p + i, n - i, &cp);
        if (!k) { k = 1; cp = '?'; }
        w += (size_t)cp_width(cp);
        i += k;
    }
    return w;
}

void cdn_cli_print_cell(FILE *out, const char *s, size_t width) {
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), w = 0, i = 0;
    uint32_t cp;
    if (cdn_cli_width((const char *)p) <= width) {
        fputs((const char *)p, out);
        w = cdn_cli_width((const char *)p);
    } else {
        while (i < n) {   /* copy whole code points while one column is left for the ellipsis */
            size_t k = utf8_seq(p + i, n - i, &cp);
            if (!k) { k = 1; cp = '?'; }
            if (w + (size_t)cp_width(cp) + 1 > width) break;
            fwrite(p + i, 1, k, out);
            w += (size_t)cp_width(cp);
            i += k;
        }
        fputs("\xE2\x80\xA6", out);
        w++;
    }
    for (; w < width; w++) fputc(' ', out);
}

char *cdn_cli_read_file(const char *path, size_t *len) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1) break;
        char *bigger = realloc(buf, cap *= 2);
        if (!bigger) { free(buf); buf = NULL; errno = ENOMEM; }
        else buf = bigger;
    }
    int failed = ferror(f);
    if (f != stdin) fclose(f);
    if (!buf) return NULL;
    if (failed) { free(buf); errno = EIO; return NULL; }
    buf[n] = 0;
    *len = n;
    return buf;
}

FILE *cdn_cli_open_output(const char *path) {
    if (!path || strcmp(path, "-") == 0) return stdout;
    FILE *f = fopen(path, "wb");
    if (!f) cdn_cli_error("%s: %s", path, strerror(errno));
    return f;
}

double cdn_cli_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
