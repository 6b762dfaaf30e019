/* test_index.c — the index file: built from real lists, reopened, looked up, and refused when damaged.
 * Each case names what it guards: counts survive the round trip; no corrupt byte is ever trusted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "../check.h"
#include "cordon.h"
#include "index/index.h"
#include "text/text.h"

static char ix_path[256];

static void build_un(void) {
    cordon_builder *b;
    CHECK_INT(cordon_builder_open(&b), CORDON_OK);
    cordon_source_report rep;
    CHECK_INT(cordon_builder_add(b, check_list_path("un_sc-2026-02-27/consolidated.xml"), NULL, &rep), CORDON_OK);
    CHECK_STR(rep.source, "un");
    CHECK_INT(rep.entities, 1003);
    CHECK_INT(cordon_builder_write(b, ix_path), CORDON_OK);
    cordon_builder_close(b);
}

static void test_round_trip(void) {
    cordon_index *ix;
    CHECK_INT(cordon_index_open(ix_path, &ix), CORDON_OK);
    CHECK_INT(cordon_index_entity_count(ix), 1003);
    char *json = NULL;
    CHECK_INT(cordon_index_info_json(ix, &json), CORDON_OK);
    json_t *o = json_loads(json, 0, NULL);
    CHECK(o != NULL);
    json_t *src = json_array_get(json_object_get(o, "sources"), 0);
    CHECK_STR(json_string_value(json_object_get(src, "name")), "un");
    CHECK_STR(json_string_value(json_object_get(src, "list_date")), "2026-02-27");
    CHECK_INT(json_integer_value(json_object_get(src, "entities")), 1003);
    CHECK_INT(json_integer_value(json_object_get(o, "format_version")), CDN_IX_VERSION);
    json_decref(o);
    cordon_free(json);
    cordon_index_close(ix);
}

/* Every token but a form's last names the term of it and the next written as one (the bound of
 * cdn_align_hopeless reads the lookups there), unless a lookup of that word could miss it. */
static void test_joined_terms(void) {
    cordon_index *ix;
    CHECK_INT(cordon_index_open(ix_path, &ix), CORDON_OK);
    size_t sure = 0, unsure = 0, bad = 0;
    for (size_t f = 0; f < ix->n_forms; f++) {
        const cdn_ix_form *xf = &ix->forms[f];
        for (uint32_t k = 0; k < xf->n_toks; k++) {
            const cdn_ix_ntok *nt = &ix->ntoks[xf->first_tok + k];
            if (k + 1 == xf->n_toks) { bad += nt->joined != CDN_IX_NO_JOIN; continue; }
            if (nt->joined == CDN_IX_JOIN_UNSURE) { unsure++; continue; }
            if (nt->joined >= ix->n_terms) { bad++; continue; }
            const cdn_ix_term *a = &ix->terms[nt->term], *b = &ix->terms[nt[1].term], *j = &ix->terms[nt->joined];
            char want[512], key[128];
            snprintf(want, sizeof want, "%s%s", cdn_ix_str(ix, a->text), cdn_ix_str(ix, b->text));
            cdn_key(want, strlen(want), key, sizeof key);
            bad += strcmp(cdn_ix_str(ix, j->text), want) != 0 || strcmp(cdn_ix_str(ix, j->key), key) != 0
                   || (j->flags & CDN_TOK_NUMBER);
            sure++;
        }
    }
    CHECK_INT(bad, 0);
    CHECK(sure > 1000);
    CHECK(unsure < sure / 10);
    cordon_index_close(ix);
}

static void test_entity_lookup(void) {
    cordon_index *ix;
    CHECK_INT(cordon_index_open(ix_path, &ix), CORDON_OK);
    char *json = NULL;
    CHECK_INT(cordon_entity_json(ix, "un:KPi.066", &json), CORDON_OK);
    json_t *o = json_loads(json ? json : "{}", 0, NULL);
    CHECK_STR(json_string_value(json_object_get(o, "id")), "un:KPi.066");
    CHECK_STR(json_string_value(json_object_get(o, "kind")), "person");
    CHECK(json_array_size(json_object_get(o, "names")) >= 1);
    json_decref(o);
    cordon_free(json);
    CHECK_INT(cordon_entity_json(ix, "un:nope", &json), CORDON_ERR_NOTFOUND);
    CHECK(json == NULL);
    cordon_index_close(ix);
}

/* Every record comes back as JSON naming its entity: short records are stored as they are, long
 * ones deflated, and both kinds must read back. */
static void test_every_record(void) {
    cordon_index *ix;
    CHECK_INT(cordon_index_open(ix_path, &ix), CORDON_OK);
    size_t bad = 0, n = cordon_index_entity_count(ix);
    for (size_t i = 0; i < n; i++) {
        const char *id = cordon_index_entity_id(ix, i);
        char *json = NULL;
        json_t *o = cordon_entity_json(ix, id, &json) == CORDON_OK ? json_loads(json, 0, NULL) : NULL;
        if (!o || strcmp(json_string_value(json_object_get(o, "id")) ? json_string_value(json_object_get(o, "id")) : "", id))
            bad++;
        json_decref(o);
        cordon_free(json);
    }
    CHECK_INT(bad, 0);
    cordon_index_close(ix);
}

/* Lists are compiled while the next is read: the same list twice keeps the first copy of each
 * entity, a list that fails to read leaves the others intact, and a builder writes only once. */
static void test_builder_sources(void) {
    char other[300];
    snprintf(other, sizeof other, "%s.twice", ix_path);
    cordon_builder *b;
    CHECK_INT(cordon_builder_open(&b), CORDON_OK);
    const char *un = check_list_path("un_sc-2026-02-27/consolidated.xml");
    CHECK_INT(cordon_builder_add(b, un, NULL, NULL), CORDON_OK);
    CHECK(cordon_builder_add(b, "/nonexistent/list.xml", NULL, NULL) != CORDON_OK);
    CHECK_INT(cordon_builder_add(b, un, NULL, NULL), CORDON_OK);
    CHECK_INT(cordon_builder_write(b, other), CORDON_OK);
    CHECK(cordon_builder_write(b, other) != CORDON_OK);
    CHECK(strstr(cordon_builder_errmsg(b), "already") != NULL);
    CHECK(cordon_builder_add(b, un, NULL, NULL) != CORDON_OK);
    cordon_builder_close(b);
    cordon_index *ix;
    CHECK_INT(cordon_index_open(other, &ix), CORDON_OK);
    CHECK_INT(cordon_index_entity_count(ix), 1003);
    cordon_index_close(ix);
    unlink(other);
    CHECK_INT(cordon_builder_open(&b), CORDON_OK);     /* closed before writing: threads joined */
    CHECK_INT(cordon_builder_add(b, un, NULL, NULL), CORDON_OK);
    cordon_builder_close(b);
}

/* The index file's bytes (n of them), to copy with a change. */
static char *read_index(long *n) {
    FILE *in = fopen(ix_path, "rb");
    fseek(in, 0, SEEK_END);
    *n = ftell(in);
    rewind(in);
    char *data = malloc((size_t)*n);
    CHECK(fread(data, 1, (size_t)*n, in) == (size_t)*n);
    fclose(in);
    return data;
}

/* Copies the index with one change and expects it to be refused with a message. */
static void expect_refused(const char *what, long truncate_to, long flip_at) {
    long n;
    char *data = read_index(&n);
    if (flip_at >= 0) data[flip_at % n] ^= 0x5a;
    char bad[300];
    snprintf(bad, sizeof bad, "%s.bad", ix_path);
    FILE *out = fopen(bad, "wb");
    fwrite(data, 1, truncate_to >= 0 ? (size_t)truncate_to : (size_t)n, out);
    fclose(out);
    free(data);
    cordon_index *ix;
    cordon_rc rc = cordon_index_open(bad, &ix);
    if (rc != CORDON_ERR_CORRUPT) fprintf(stderr, "  %s: rc %d\n", what, rc);
    CHECK_INT(rc, CORDON_ERR_CORRUPT);
    CHECK(strstr(cordon_index_errmsg(ix), ".bad") != NULL);
    cordon_index_close(ix);
    unlink(bad);
}

static void test_damaged_files_refused(void) {
    expect_refused("empty", 0, -1);
    expect_refused("header only", 100, -1);
    expect_refused("truncated", 5000, -1);
    expect_refused("magic", -1, 0);
    expect_refused("version", -1, 8);
    expect_refused("section table", -1, 110);
    for (long at = 4096; at < 400000; at += 39119) expect_refused("body byte", -1, at);
}

/* An index whose list terms were keyed by other name rules is refused by name, with a valid header:
 * its key lookups would miss what this cordon's keys name alike. */
static void test_other_name_rules_refused(void) {
    const size_t head = CDN_IX_HEADER + 24 * CDN_SEC_COUNT;
    long n;
    char *data = read_index(&n);
    CHECK(memmem(data + 64, 32, "; names ", 8) != NULL);
    memset(data + 64, 0, 32);
    snprintf(data + 64, 32, "icu 72.1; names %d", CDN_NAME_RULES + 1);
    uint64_t h = cdn_hash(data + 32, head - 32);
    memcpy(data + 24, &h, 8);                         /* little-endian, as the file */
    char other[300];
    snprintf(other, sizeof other, "%s.rules", ix_path);
    FILE *out = fopen(other, "wb");
    fwrite(data, 1, (size_t)n, out);
    fclose(out);
    free(data);
    cordon_index *ix;
    CHECK_INT(cordon_index_open(other, &ix), CORDON_ERR_CORRUPT);
    CHECK(strstr(cordon_index_errmsg(ix), "name rules") && strstr(cordon_index_errmsg(ix), "rebuild it"));
    cordon_index_close(ix);
    unlink(other);
}

static void test_bad_paths(void) {
    cordon_index *ix;
    CHECK_INT(cordon_index_open("/nonexistent/index.cordon", &ix), CORDON_ERR_NOTFOUND);
    CHECK(strstr(cordon_index_errmsg(ix), "/nonexistent") != NULL);
    cordon_index_close(ix);
    CHECK_INT(cordon_index_open("/tmp", &ix), CORDON_ERR_IO);
    cordon_index_close(ix);
    cordon_index_close(NULL);
    cordon_builder *b;
    CHECK_INT(cordon_builder_open(&b), CORDON_OK);
    CHECK(cordon_builder_write(b, ix_path) != CORDON_OK);    /* nothing read: refused, file untouched */
    CHECK(cordon_builder_add(b, "/nonexistent/list.xml", NULL, NULL) != CORDON_OK);
    CHECK(strstr(cordon_builder_errmsg(b), "/nonexistent/list.xml") != NULL);
    cordon_builder_close(b);
}

/* Two indexes open at once in one process: no global state between them. */
/* Identifiers meet whatever words name their type, and keep what is part of them. */
static void test_identifier_values(void) {
    static const char *const SAME[][2] = {
        { "IMO 9212413", "9212413" }, { "Passport No. 472220033", "472220033" },
        { "MSN 1023409321", "1023409321" },
        { "Aircraft Manufacturer's Serial Number (MSN) 1023409321", "1023409321" },
        { "SWIFT/BIC KDBKKPPY", "KDBKKPPY" }, { "swift kdbkkppy", "KDBKKPPY" },
        { "AB 1234567", "AB1234567" },                     /* a series before the number stays */
        { "Passport AB 1234567", "AB1234567" }, { "12 34 567", "1234567" },
    };
    for (size_t i = 0; i < sizeof SAME / sizeof *SAME; i++) {
        char out[64];
        cdn_ident_normalize(SAME[i][0], out, sizeof out);
        CHECK_STR(out, SAME[i][1]);
    }
}

static void test_two_indexes(void) {
    char other[300];
    snprintf(other, sizeof other, "%s.uk", ix_path);
    cordon_builder *b;
    CHECK_INT(cordon_builder_open(&b), CORDON_OK);
    CHECK_INT(cordon_builder_add(b, check_list_path("uk_ofsi-2025-04-14/ConList.csv"), NULL, NULL), CORDON_OK);
    CHECK_INT(cordon_builder_write(b, other), CORDON_OK);
    cordon_builder_close(b);
    cordon_index *a, *c;
    CHECK_INT(cordon_index_open(ix_path, &a), CORDON_OK);
    CHECK_INT(cordon_index_open(other, &c), CORDON_OK);
    CHECK_INT(cordon_index_entity_count(a), 1003);
    CHECK_INT(cordon_index_entity_count(c), 4688);
    cordon_index_close(a);
    cordon_index_close(c);
    unlink(other);
}

int main(void) {
    snprintf(ix_path, sizeof ix_path, "%s/cordon-test-index-%ld.cordon", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (long)getpid());
    RUN(build_un);
    RUN(test_round_trip);
    RUN(test_joined_terms);
    RUN(test_entity_lookup);
    RUN(test_every_record);
    RUN(test_builder_sources);
    RUN(test_damaged_files_refused);
    RUN(test_other_name_rules_refused);
    RUN(test_bad_paths);
    RUN(test_two_indexes);
    RUN(test_identifier_values);
    unlink(ix_path);
    return CHECK_DONE();
}
