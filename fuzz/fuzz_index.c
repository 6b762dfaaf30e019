/* fuzz_index.c — libFuzzer target for the index loader: damaged or forged index files → cordon_index_open.
 * Must stay true: every file is refused with a message naming it, or opens and then survives every read.
 *
 * The first byte of an input picks how it becomes an index file (a valid index is built once per
 * process from the small UN XML below):
 *   0  the rest of the input is the whole file;
 *   1  the rest is a list of (3-byte offset, xor byte) mutations applied to the valid index;
 *   2  the same, then every checksum, the size field and the header hash are recomputed, so the
 *      file gets past the checksums and the structural checks behind them are what is tested;
 *   3  the first 3 bytes give a new length (cut, or padded with zeros), the rest are mutations as
 *      in 1, and the checksums are recomputed as in 2.
 * Set FUZZ_INDEX_DUMP=path to write the valid index there (to make a seed), FUZZ_INDEX_VERBOSE=1 to
 * print what became of each input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cordon.h"
#include "index/index.h"

static const char FIXTURE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\"><INDIVIDUALS>"
    "<INDIVIDUAL><FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>JONG SIK</SECOND_NAME>"
    "<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.066</REFERENCE_NUMBER>"
    "<LISTED_ON>2017-12-22</LISTED_ON><NAME_ORIGINAL_SCRIPT>김정식</NAME_ORIGINAL_SCRIPT>"
    "<COMMENTS1>Gender: male</COMMENTS1><NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE>"
    "</NATIONALITY><INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Kim Cho'ng-sik</ALIAS_NAME>"
    "</INDIVIDUAL_ALIAS><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1967"
    "</FROM_YEAR><TO_YEAR>1969</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH><INDIVIDUAL_PLACE_OF_BIRTH><CITY>"
    "Pyongyang</CITY><COUNTRY>DPRK</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH><INDIVIDUAL_DOCUMENT>"
    "<TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>472220033</NUMBER></INDIVIDUAL_DOCUMENT>"
    "</INDIVIDUAL>"
    "<INDIVIDUAL><FIRST_NAME>Yevgeniy</FIRST_NAME><SECOND_NAME>Viktorovich</SECOND_NAME><THIRD_NAME>"
    "Prigozhin</THIRD_NAME><UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>TSi.001</REFERENCE_NUMBER>"
    "<LISTED_ON>2023-01-01</LISTED_ON><NAME_ORIGINAL_SCRIPT>Евгений Викторович Пригожин</NAME_ORIGINAL_SCRIPT>"
    "<NATIONALITY><VALUE>Russian Federation</VALUE></NATIONALITY><INDIVIDUAL_DATE_OF_BIRTH>"
    "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1961-06-01</DATE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>"
    "<INDIVIDUAL><FIRST_NAME>ABD AL-RAHMAN</FIRST_NAME><SECOND_NAME>MUHAMMAD</SECOND_NAME>"
    "<UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>"
    "<LISTED_ON>2010-05-05</LISTED_ON><NAME_ORIGINAL_SCRIPT>عبد الرحمن محمد</NAME_ORIGINAL_SCRIPT>"
    "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abdul Rahman Mohammed</ALIAS_NAME>"
    "</INDIVIDUAL_ALIAS><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1970"
    "</YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>"
    "</INDIVIDUALS><ENTITIES><ENTITY><FIRST_NAME>ADF TRADING CO., LTD.</FIRST_NAME>"
    "<UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDe.001</REFERENCE_NUMBER>"
    "<LISTED_ON>2014-06-30</LISTED_ON><COMMENTS1>IMO Number: 5342883.</COMMENTS1><ENTITY_ALIAS>"
    "<QUALITY>f.k.a.</QUALITY><ALIAS_NAME>NALU</ALIAS_NAME></ENTITY_ALIAS><ENTITY_ADDRESS><STREET>1 St"
    "</STREET><CITY>Beni</CITY><COUNTRY>Uganda</COUNTRY></ENTITY_ADDRESS></ENTITY></ENTITIES>"
    "</CONSOLIDATED_LIST>\n";

/* The valid index, built once per process (the fuzzer is not the library: static state is fine). */
static uint8_t *g_valid;
static size_t g_valid_len;

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = (len == 0 || fwrite(data, 1, len, f) == len);
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *buf = NULL;
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n > 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)n : 0;
    return buf;
}

/* Builds the valid index from FIXTURE through the public builder; aborts if that fails. */
static void build_valid_index(void)
{
    char xml[64], ix[64];
    snprintf(xml, sizeof xml, "/tmp/fuzz_index_src.%d.xml", (int)getpid());
    snprintf(ix, sizeof ix, "/tmp/fuzz_index_valid.%d", (int)getpid());
    if (write_file(xml, FIXTURE, sizeof FIXTURE - 1)) abort();
    cordon_builder *b;
    if (cordon_builder_open(&b) != CORDON_OK) abort();
    cordon_source_report rep = {0};
    if (cordon_builder_add(b, xml, "un-xml", &rep) != CORDON_OK || rep.entities != 4) abort();
    if (cordon_builder_write(b, ix) != CORDON_OK) abort();
    cordon_builder_close(b);
    g_valid = read_file(ix, &g_valid_len);
    if (!g_valid) abort();
    const char *dump = getenv("FUZZ_INDEX_DUMP");
    if (dump && write_file(dump, g_valid, g_valid_len)) abort();
    unlink(xml);
    unlink(ix);
}

static uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

/* Makes a mutated file look undamaged: fixes the size field, every in-bounds section checksum
 * and the header hash, as a deliberate forger (or a buggy writer) would. */
static void forge_checksums(uint8_t *p, size_t len)
{
    size_t table = CDN_IX_HEADER + 24 * (size_t)CDN_SEC_COUNT;
    if (len < table) return;
    put64(p + 16, len);
    for (int i = 0; i < CDN_SEC_COUNT; i++) {
        uint8_t *e = p + CDN_IX_HEADER + 24 * i;
        uint64_t o = get64(e), l = get64(e + 8);
        if (o <= len && l <= len - o) put64(e + 16, cdn_hash(p + o, l));
    }
    put64(p + 24, cdn_hash(p + 32, table - 32));
}

static void apply_mutations(uint8_t *p, size_t len, const uint8_t *m, size_t n)
{
    if (len == 0) return;
    for (size_t i = 0; i + 4 <= n; i += 4) {
        size_t off = ((size_t)m[i] | (size_t)m[i + 1] << 8 | (size_t)m[i + 2] << 16) % len;
        p[off] ^= m[i + 3];
    }
}

/* The index file an input stands for; *len is its length. NULL on no memory. */
static uint8_t *make_file(const uint8_t *data, size_t size, size_t *len)
{
    int mode = data[0] & 3;
    data++; size--;
    if (mode == 0) {
        uint8_t *p = malloc(size ? size : 1);
        if (p && size) memcpy(p, data, size);
        *len = size;
        return p;
    }
    size_t n = g_valid_len;
    if (mode == 3 && size >= 3) {
        n = ((size_t)data[0] | (size_t)data[1] << 8 | (size_t)data[2] << 16) % (g_valid_len + 256);
        data += 3; size -= 3;
    }
    uint8_t *p = calloc(1, n ? n : 1);
    if (!p) return NULL;
    memcpy(p, g_valid, n < g_valid_len ? n : g_valid_len);
    apply_mutations(p, n, data, size);
    if (mode >= 2) forge_checksums(p, n);
    *len = n;
    return p;
}

/* An index that opened must answer every public read without harm. */
static void exercise(cordon_index *ix)
{
    char *json = NULL;
    if (cordon_index_info_json(ix, &json) != CORDON_OK) abort();
    cordon_free(json);
    size_t n = cordon_index_entity_count(ix);
    for (size_t i = 0; i < n; i++) {
        const char *id = cordon_index_entity_id(ix, i);
        if (!id) abort();
        cordon_rc rc = cordon_entity_json(ix, id, &json);
        /* A forged lookup table may miss the id, a forged record may not inflate: both are refusals. */
        if (rc != CORDON_OK && rc != CORDON_ERR_NOTFOUND && rc != CORDON_ERR_CORRUPT) abort();
        cordon_free(json);
    }
    cordon_screener *s = NULL;
    if (cordon_screener_open(ix, &s) != CORDON_OK) { cordon_screener_close(s); return; }
    static const char *const NAMES[] = { "Kim Jong Sik", "Евгений Пригожин", "Abdul Rahman", "ADF Trading",
                                         "김정식", "472220033" };
    static const char *const IDS[] = { "Passport 472220033", "IMO 5342883" };
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++) {
        cordon_query q = CORDON_QUERY_INIT;
        q.name = NAMES[i];
        q.dob = "1968";
        q.country = "KP";
        q.identifiers = IDS;
        q.n_identifiers = 2;
        q.threshold = 0.0;
        q.exhaustive = (int)(i & 1);
        cordon_result *r = NULL;
        if (cordon_screen(s, &q, &r) == CORDON_OK) {
            for (size_t m = 0; m < r->n_matches; m++)   /* scores stay in [0,1], never NaN */
                if (!(r->matches[m].score >= 0.0 && r->matches[m].score <= 1.0)) abort();
            char *rj = NULL;
            cordon_result_json(r, &rj);
            cordon_free(rj);
        }
        cordon_result_free(r);
    }
    cordon_screener_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_valid) build_valid_index();
    if (size == 0) return 0;
    size_t len;
    uint8_t *file = make_file(data, size, &len);
    if (!file) return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_index.%d", (int)getpid());
    int written = write_file(path, file, len) == 0;
    free(file);
    if (!written) return 0;
    cordon_index *ix = NULL;
    cordon_rc rc = cordon_index_open(path, &ix);
    if (getenv("FUZZ_INDEX_VERBOSE"))   /* to see what the seeds reach */
        fprintf(stderr, "mode %d, %zu bytes: %s\n", data[0] & 3, len, rc == CORDON_OK ? "opened" : cordon_index_errmsg(ix));
    if (rc == CORDON_OK) exercise(ix);
    else if (!ix || strncmp(cordon_index_errmsg(ix), path, strlen(path)) != 0) abort();  /* names the file */
    cordon_index_close(ix);
    unlink(path);
    return 0;
}
