/* test_han.c — Chinese characters read in Mandarin (pinyin) and in Korean, from the Unihan table.
 * Invariant: expected spellings are the ones lists use (XI Jinping, KIM Jong Un, Jin Tiesan).
 */
#include "text_helpers.h"

extern const uint32_t cdn_unihan_cp[];
extern const size_t cdn_unihan_count;

static int run_han(const char *name, cdn_analysis *an)
{
    const char *toks[16];
    size_t n = split_for_module(name, toks, an);
    return cdn_han_add_forms(NULL, toks, n, an);
}

static const struct { const char *han; int scheme; const char *latin; } cases[] = {
    {"金正恩", CDN_SCHEME_PINYIN, "jin zheng en"},
    {"金正恩", CDN_SCHEME_PINYIN, "jin zhengen"},
    {"金正恩", CDN_SCHEME_HAN_KOREAN, "kim jong un"},      /* 金 read 김 as a surname, not 금 */
    {"金正恩", CDN_SCHEME_HAN_KOREAN, "gim jeong eun"},
    {"习近平", CDN_SCHEME_PINYIN, "xi jinping"},
    {"习近平", CDN_SCHEME_PINYIN, "xi jin ping"},
    {"習近平", CDN_SCHEME_PINYIN, "xi jinping"},
    {"习 近平", CDN_SCHEME_PINYIN, "xi jinping"},
    {"近平 习", CDN_SCHEME_PINYIN, "xi jinping"},          /* given name first */
    {"恩 正 金", CDN_SCHEME_PINYIN, "en zheng jin"},       /* one-character tokens: as written */
    {"金铁三", CDN_SCHEME_PINYIN, "jin tiesan"},           /* UN: KIM CHOL SAM a.k.a. Jin Tiesan */
    {"金铁三", CDN_SCHEME_HAN_KOREAN, "kim chol sam"},     /* simplified 铁 read through 鐵 철 */
    {"申金哲", CDN_SCHEME_HAN_KOREAN, "sin kum chol"},
    {"李炳哲", CDN_SCHEME_HAN_KOREAN, "ri pyong chol"},
    {"李炳哲", CDN_SCHEME_HAN_KOREAN, "lee byung chul"},
    {"倪高彬", CDN_SCHEME_PINYIN, "ni gaobin"},             /* UK: NI Gaobin */
    {"赵光宗", CDN_SCHEME_PINYIN, "zhao guangzong"},       /* UK: ZHAO Guangzong */
    {"董勒成", CDN_SCHEME_PINYIN, "dong lecheng"},         /* UK: LECHENG Dong */
    {"曾庆红", CDN_SCHEME_PINYIN, "zeng qinghong"},        /* 曾 is Zeng as a surname */
    {"欧阳修", CDN_SCHEME_PINYIN, "ouyang xiu"},
    {"南宮民秀", CDN_SCHEME_HAN_KOREAN, "namgung min su"},
    {"成都景昕科技有限公司", CDN_SCHEME_PINYIN, "chengdu jingxin keji youxian gongsi"},
    {"金华市海润动力科技有限公司", CDN_SCHEME_PINYIN, "jinhua shi hairun dongli keji youxian gongsi"},
    {"武汉晓睿智科技有限责任公司", CDN_SCHEME_PINYIN, "wuhan xiaoruizhi keji youxian zeren gongsi"},
    {"金", CDN_SCHEME_PINYIN, "jin"},
};

static void test_readings(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cdn_analysis an;
        CHECK_INT(run_han(cases[i].han, &an), 0);
        int ok = find_form(&an, cases[i].scheme, cases[i].latin) != NULL;
        if (!ok) {
            fprintf(stderr, "    %s: no %s form \"%s\"\n", cases[i].han,
                    cdn_scheme_name(cases[i].scheme), cases[i].latin);
            dump_forms(&an, cases[i].han);
        }
        CHECK(ok);
        cdn_analysis_free(&an);
    }
}

static void test_surname_and_script(void)
{
    cdn_analysis an;
    CHECK_INT(run_han("习近平", &an), 0);
    CHECK(an.n_forms > 0 && an.forms[0].scheme == CDN_SCHEME_PINYIN);   /* pinyin comes first */
    const cdn_form *f = find_form(&an, CDN_SCHEME_PINYIN, "xi jinping");
    CHECK(f && (an.tokens[f->first].flags & CDN_TOK_SURNAME));
    CHECK(f && !(an.tokens[f->first + 1].flags & CDN_TOK_SURNAME));
    CHECK(f && an.tokens[f->first].script == CDN_SCRIPT_HAN);
    cdn_analysis_free(&an);

    CHECK_INT(run_han("金正恩", &an), 0);
    f = find_form(&an, CDN_SCHEME_HAN_KOREAN, "kim jong un");
    CHECK(f && an.tokens[f->first].script == CDN_SCRIPT_HAN);
    CHECK(an.n_forms <= CDN_MAX_FORMS);
    cdn_analysis_free(&an);

    CHECK_INT(run_han("成都景昕科技有限公司", &an), 0);
    for (size_t i = 0; i < an.n_tokens; i++) CHECK(!(an.tokens[i].flags & CDN_TOK_SURNAME));
    cdn_analysis_free(&an);
}

static void test_table_and_bad_input(void)
{
    CHECK(cdn_unihan_count > 40000);
    size_t unsorted = 0;
    for (size_t i = 1; i < cdn_unihan_count; i++) unsorted += cdn_unihan_cp[i - 1] >= cdn_unihan_cp[i];
    CHECK_INT(unsorted, 0);

    cdn_analysis an;
    const char *junk[] = {"abc", "\xff\xfe", "\xe9\x87", ""};   /* Latin, bad bytes, cut 金 */
    memset(&an, 0, sizeof an);
    an.open_form = -1;
    CHECK_INT(cdn_han_add_forms(NULL, junk, 4, &an), 0);
    CHECK_INT(an.n_forms, 0);
    cdn_analysis_free(&an);

    char longname[600] = "";
    for (int i = 0; i < 150; i++) strcat(longname, "金");
    const char *one[] = {longname};
    memset(&an, 0, sizeof an);
    an.open_form = -1;
    CHECK_INT(cdn_han_add_forms(NULL, one, 1, &an), 0);
    CHECK(an.n_forms > 0);
    cdn_analysis_free(&an);
}

/* A name's own characters: simplified ones fold to traditional, anything but Han and separators
 * makes it no Han name, and different characters that read alike stay apart. */
static void test_native_chars(void)
{
    uint32_t a[32], b[32];
    int script;
    size_t na = cdn_native_chars("习近平", strlen("习近平"), a, 32, &script);
    CHECK_INT(script, CDN_SCRIPT_HAN);
    size_t nb = cdn_native_chars("習 近平", strlen("習 近平"), b, 32, &script);
    CHECK(na == 3 && nb == 3 && cdn_native_compatible(a, na, b, nb));
    na = cdn_native_chars("高市早苗", strlen("高市早苗"), a, 32, &script);   /* both "Gao Shi Zao Miao" */
    nb = cdn_native_chars("高石早苗", strlen("高石早苗"), b, 32, &script);
    CHECK(na == 4 && nb == 4 && !cdn_native_compatible(a, na, b, nb));
    nb = cdn_native_chars("早苗", strlen("早苗"), b, 32, &script);           /* a part of the name */
    CHECK(nb == 2 && cdn_native_compatible(a, na, b, nb));
    CHECK_INT(cdn_native_chars("金 Jong", strlen("金 Jong"), a, 32, &script), 0);
    CHECK_INT(cdn_native_chars("金", strlen("金"), a, 32, &script), 0);
    CHECK_INT(cdn_native_chars("金\xe9\x87", strlen("金\xe9\x87"), a, 32, &script), 0);
    CHECK_INT(cdn_native_chars("김정은", strlen("김정은"), a, 32, &script), 3);
    CHECK_INT(script, CDN_SCRIPT_HANGUL);
}

static void test_through_analyze(void)
{
    cdn_text *t = NULL;
    CHECK_INT(cdn_text_open(&t), CORDON_OK);
    if (!t) return;
    cdn_analysis an;
    memset(&an, 0, sizeof an);
    CHECK_INT(cdn_analyze(t, "金正恩", strlen("金正恩"), CORDON_KIND_PERSON, &an), CORDON_OK);
    CHECK(find_form(&an, -1, "kim jong un") != NULL);
    CHECK(find_form(&an, -1, "jin zheng en") != NULL);
    CHECK_INT(cdn_analyze(t, "习近平", strlen("习近平"), CORDON_KIND_PERSON, &an), CORDON_OK);
    int ok = find_form(&an, -1, "xi jinping") != NULL;
    if (!ok) dump_forms(&an, "习近平");
    CHECK(ok);
    cdn_analysis_free(&an);
    cdn_text_close(t);
}

/* UK ConList individuals with a Chinese name: the best pinyin form against the row's Latin name,
 * in either order (the UK writes some surnames last). Reported; people only. */
static void test_uk_conlist_han_people(void)
{
    cdn_set set;
    if (!load_uk_conlist(&set)) return;
    size_t rows = 0, close = 0;
    for (uint32_t e = 0; e < set.entities.n; e++) {
        const cdn_entity *ent = set.entities.v[e];
        if (ent->kind != CORDON_KIND_PERSON) continue;
        const char *latin = primary_name(ent);
        for (uint32_t k = 0; k < ent->names.n && latin; k++) {
            const cdn_name *nm = &ent->names.v[k];
            const unsigned char *p = (const unsigned char *)nm->full;
            if (!(p[0] >= 0xE4 && p[0] <= 0xE9)) continue;       /* U+4E00..U+9FFF */
            cdn_analysis an;
            char want[256], got[512], swapped[512];
            double best = 0;
            fold_latin(latin, want, sizeof want);
            run_han(nm->full, &an);
            for (size_t f = 0; f < an.n_forms; f++) {
                const cdn_form *fm = &an.forms[f];
                form_text(&an, fm, got, sizeof got);
                double jw = cdn_jaro_winkler(got, strlen(got), want, strlen(want));
                if (fm->n == 2) {
                    snprintf(swapped, sizeof swapped, "%s %s", cdn_tok_text(&an, &an.tokens[fm->first + 1]),
                             cdn_tok_text(&an, &an.tokens[fm->first]));
                    double js = cdn_jaro_winkler(swapped, strlen(swapped), want, strlen(want));
                    if (js > jw) jw = js;
                }
                if (jw > best) best = jw;
            }
            rows++;
            close += best >= 0.90;
            fprintf(stderr, "    %s  %-24s best JW %.3f\n", nm->full, want, best);
            cdn_analysis_free(&an);
        }
    }
    printf("uk conlist chinese person names: %zu, within JW 0.90: %zu\n", rows, close);
    CHECK(rows == 0 || close * 10 >= rows * 8);
    cdn_set_free(&set);
}

int main(void)
{
    RUN(test_readings);
    RUN(test_surname_and_script);
    RUN(test_table_and_bad_input);
    RUN(test_native_chars);
    RUN(test_through_analyze);
    RUN(test_uk_conlist_han_people);
    return CHECK_DONE();
}
