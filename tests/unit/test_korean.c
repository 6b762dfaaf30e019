/* test_korean.c — Korean names in Hangul and in Russian Cyrillic romanized the ways lists write them.
 * Invariant: every expected spelling is one a real list (UN, OFAC, UK) or a romanization table uses.
 */
#include "text_helpers.h"

/* Splits `name` at spaces and runs the Hangul (cyrillic = 0) or Cyrillic module on a fresh
 * analysis. Returns the module's result. */
static int run_module(const char *name, int cyrillic, cdn_analysis *an)
{
    const char *toks[16];
    size_t n = split_for_module(name, toks, an);
    return cyrillic ? cdn_korean_from_cyrillic_add_forms(NULL, toks, n, an)
                    : cdn_korean_add_forms(NULL, toks, n, an);
}

static int expect_form(const char *name, int cyrillic, int scheme, const char *want)
{
    cdn_analysis an;
    int rc = run_module(name, cyrillic, &an);
    int ok = rc == 0 && find_form(&an, scheme, want) != NULL;
    if (!ok) {
        fprintf(stderr, "    %s: no %s form \"%s\"\n", name, scheme < 0 ? "" : cdn_scheme_name(scheme),
                want);
        dump_forms(&an, name);
    }
    cdn_analysis_free(&an);
    return ok;
}

static const struct { const char *hangul; int scheme; const char *latin; } hangul_cases[] = {
    /* DPRK officials as the UN, OFAC and UK list them (MR without breves) */
    {"김정은", CDN_SCHEME_MR, "kim jong un"},
    {"최룡해", CDN_SCHEME_MR, "choe ryong hae"},
    {"리병철", CDN_SCHEME_MR, "ri pyong chol"},
    {"황병서", CDN_SCHEME_MR, "hwang pyong so"},
    {"정경택", CDN_SCHEME_MR, "jong kyong thaek"},
    {"김영복", CDN_SCHEME_MR, "kim yong bok"},
    {"노광철", CDN_SCHEME_MR, "no kwang chol"},
    {"리창호", CDN_SCHEME_MR, "ri chang ho"},
    {"리송진", CDN_SCHEME_MR, "ri song jin"},
    {"신금철", CDN_SCHEME_MR, "sin kum chol"},
    {"민병철", CDN_SCHEME_MR, "min byong chol"},       /* voiced after n */
    {"박봉남", CDN_SCHEME_MR, "pak bong nam"},         /* UN writes it voiced */
    {"장명진", CDN_SCHEME_MR, "jang myong jin"},
    {"장명진", CDN_SCHEME_MR, "chang myong jin"},      /* classic MR, UN's other spelling */
    {"김 정은", CDN_SCHEME_MR, "kim jong un"},          /* written with a space */
    {"정은 김", CDN_SCHEME_MR, "kim jong un"},          /* given name first */
    {"현준 민서 김", CDN_SCHEME_RR, "gim hyeon jun min seo"},
    /* Revised Romanization, and the usual surname with an RR given name */
    {"김정은", CDN_SCHEME_RR, "gim jeong eun"},
    {"김정은", CDN_SCHEME_KO_COMMON, "kim jeong eun"},
    {"황병서", CDN_SCHEME_RR, "hwang byeong seo"},
    /* common South Korean spellings */
    {"김영복", CDN_SCHEME_KO_COMMON, "kim young bok"},
    {"리병철", CDN_SCHEME_KO_COMMON, "lee byung chul"},
    {"리병철", CDN_SCHEME_KO_COMMON, "yi byung chul"},
    {"이병철", CDN_SCHEME_KO_COMMON, "lee byung chul"},
    {"이병철", CDN_SCHEME_KO_COMMON, "ri byung chul"},     /* the North's initial ㄹ */
    {"이병철", CDN_SCHEME_MR, "yi pyong chol"},
    {"박정희", CDN_SCHEME_KO_COMMON, "park jung hee"},
    {"최룡해", CDN_SCHEME_KO_COMMON, "choi yong hae"},    /* 룡 → 용 in the South */
    {"류경수", CDN_SCHEME_KO_COMMON, "ryu kyung soo"},
    {"류경수", CDN_SCHEME_KO_COMMON, "yoo kyung soo"},
    /* compound surnames */
    {"남궁민수", CDN_SCHEME_MR, "namgung min su"},
    {"남궁민수", CDN_SCHEME_KO_COMMON, "namkoong min soo"},
    {"황보현", CDN_SCHEME_RR, "hwangbo hyeon"},
    {"제갈성렬", CDN_SCHEME_MR, "jegal song ryol"},
};

static void test_hangul_names(void)
{
    for (size_t i = 0; i < sizeof hangul_cases / sizeof hangul_cases[0]; i++)
        CHECK(expect_form(hangul_cases[i].hangul, 0, hangul_cases[i].scheme, hangul_cases[i].latin));
}

static void test_surname_flag_and_form_count(void)
{
    cdn_analysis an;
    CHECK_INT(run_module("남궁민수", 0, &an), 0);
    const cdn_form *f = find_form(&an, CDN_SCHEME_MR, "namgung min su");
    CHECK(f != NULL);
    if (f) {
        CHECK(an.tokens[f->first].flags & CDN_TOK_SURNAME);
        CHECK(!(an.tokens[f->first + 1].flags & CDN_TOK_SURNAME));
        CHECK_INT(an.tokens[f->first].script, CDN_SCRIPT_HANGUL);
    }
    CHECK(an.n_forms >= 3 && an.n_forms <= 7);
    cdn_analysis_free(&an);

    CHECK_INT(run_module("김정은", 0, &an), 0);
    CHECK(an.n_forms <= 7);
    for (size_t i = 0; i < an.n_forms; i++)
        CHECK(an.tokens[an.forms[i].first].flags & CDN_TOK_SURNAME);
    cdn_analysis_free(&an);
}

static void test_organisation(void)
{
    cdn_analysis an;
    CHECK_INT(run_module("조선광선은행", 0, &an), 0);
    CHECK(find_form(&an, CDN_SCHEME_MR, "jo son kwang son un haeng") != NULL);
    for (size_t i = 0; i < an.n_tokens; i++) CHECK(!(an.tokens[i].flags & CDN_TOK_SURNAME));
    cdn_analysis_free(&an);
}

static void test_bad_input(void)
{
    cdn_analysis an;
    const char *broken[] = {"\xff\xfe\xea\xb9", "\xea\xb9\x80", "\xed"};  /* cut, 김, cut */
    memset(&an, 0, sizeof an);
    an.open_form = -1;
    CHECK_INT(cdn_korean_add_forms(NULL, broken, 3, &an), 0);
    CHECK(find_form(&an, CDN_SCHEME_MR, "kim") != NULL);
    cdn_analysis_free(&an);

    const char *empty[] = {"", "abc", NULL};
    memset(&an, 0, sizeof an);
    an.open_form = -1;
    CHECK_INT(cdn_korean_add_forms(NULL, empty, 3, &an), 0);
    CHECK_INT(an.n_forms, 0);
    cdn_analysis_free(&an);

    char longname[400] = "";
    for (int i = 0; i < 100; i++) strcat(longname, "김");
    const char *one[] = {longname};
    memset(&an, 0, sizeof an);
    an.open_form = -1;
    CHECK_INT(cdn_korean_add_forms(NULL, one, 1, &an), 0);
    CHECK(an.n_forms > 0);
    cdn_analysis_free(&an);
}

static const struct { const char *cyr; const char *latin; } cyrillic_cases[] = {
    {"Ким Чен Ын", "kim jong un"},
    {"КИМ ЧЕН ЫН", "kim jong un"},
    {"Чхве Рён Хэ", "choe ryong hae"},
    {"Ли Бён Чхоль", "ri pyong chol"},
    {"Пак Пон Чжу", "pak pong ju"},
    {"Ким Ир Сен", "kim il song"},
    {"Хван Пён Со", "hwang pyong so"},
    {"Цой Рён Хэ", "choe ryong hae"},
};

static void test_cyrillic_korean(void)
{
    for (size_t i = 0; i < sizeof cyrillic_cases / sizeof cyrillic_cases[0]; i++)
        CHECK(expect_form(cyrillic_cases[i].cyr, 1, CDN_SCHEME_MR, cyrillic_cases[i].latin));
    cdn_analysis an;
    CHECK_INT(run_module("Ким Чен Ын", 1, &an), 0);
    CHECK(an.n_tokens > 0 && an.tokens[0].script == CDN_SCRIPT_CYRILLIC);
    cdn_analysis_free(&an);
}

static void test_russian_names_are_not_korean(void)
{
    static const char *const russian[] = {
        "Иван Петров", "Хан Иван", "Сергей Ким", "Ким Анна", "Ли Сергей", "Евгений Пригожин",
        "Ан", "Пак", "Цой Виктор", "Ким Чен Ын Петрович Иванов",
    };
    for (size_t i = 0; i < sizeof russian / sizeof russian[0]; i++) {
        cdn_analysis an;
        CHECK_INT(run_module(russian[i], 1, &an), 0);
        if (an.n_forms) dump_forms(&an, russian[i]);
        CHECK_INT(an.n_forms, 0);
        cdn_analysis_free(&an);
    }
}

/* Through the whole name layer, as a screening query goes. */
static void test_through_analyze(void)
{
    cdn_text *t = NULL;
    CHECK_INT(cdn_text_open(&t), CORDON_OK);
    if (!t) return;
    cdn_analysis an;
    memset(&an, 0, sizeof an);
    static const struct { const char *in, *want; } cases[] = {
        {"김정은", "kim jong un"}, {"Ким Чен Ын", "kim jong un"}, {"최룡해", "choe ryong hae"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_INT(cdn_analyze(t, cases[i].in, strlen(cases[i].in), CORDON_KIND_PERSON, &an), CORDON_OK);
        int ok = find_form(&an, -1, cases[i].want) != NULL;
        if (!ok) dump_forms(&an, cases[i].in);
        CHECK(ok);
    }
    CHECK_INT(cdn_analyze(t, "Иван Петров", strlen("Иван Петров"), CORDON_KIND_PERSON, &an), CORDON_OK);
    for (size_t i = 0; i < an.n_forms; i++) CHECK(an.forms[i].scheme != CDN_SCHEME_MR);
    cdn_analysis_free(&an);
    cdn_text_close(t);
}

static int has_hangul(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p[0]; p++)
        if (p[0] == 0xEA && p[1] >= 0xB0) return 1;    /* U+AC00.. starts EA B0 */
        else if (p[0] >= 0xEB && p[0] <= 0xED) return 1;
    return 0;
}

/* Every UK ConList name whose original script is Hangul, against the Latin name of its row: the
 * share whose best form is within Jaro-Winkler 0.90 (target: 90 %). */
/* Hangul compared in Hangul: the initial-sound rule makes North and South spellings agree, a part
 * of a name fits the name, another syllable does not; anything but Hangul is not compared. */
static void test_hangul_native_spelling(void)
{
    uint32_t a[32], b[32];
    static const struct { const char *x, *y; int compatible; } rows[] = {
        { "리설주", "이설주", 1 },             /* 리 / 이: the initial-sound rule */
        { "류경", "유경", 1 },
        { "김 정은", "김정은", 1 },           /* spacing */
        { "정은", "김정은", 1 },              /* a part of the name */
        { "김종은", "김정은", 0 },            /* both romanize "Kim Jong Un" */
        { "김영복", "김용복", 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t na = cdn_hangul_syllables(rows[i].x, strlen(rows[i].x), a, 32);
        size_t nb = cdn_hangul_syllables(rows[i].y, strlen(rows[i].y), b, 32);
        CHECK(na >= 2 && nb >= 2);
        CHECK_INT(cdn_native_compatible(a, na, b, nb), rows[i].compatible);
    }
    CHECK_INT(cdn_hangul_syllables("Kim 정은", 10, a, 32), 0);             /* not Hangul alone */
    CHECK_INT(cdn_hangul_syllables("金正恩", strlen("金正恩"), a, 32), 0);
    CHECK_INT(cdn_hangul_syllables("김", strlen("김"), a, 32), 0);          /* one syllable */
    CHECK_INT(cdn_hangul_syllables("\xEA\xB9", 2, a, 32), 0);              /* cut UTF-8 */
}

static void test_uk_conlist_hangul(void)
{
    cdn_set set;
    if (!load_uk_conlist(&set)) return;
    size_t rows = 0, close = 0;
    for (uint32_t e = 0; e < set.entities.n; e++) {
        const cdn_entity *ent = set.entities.v[e];
        const char *latin = primary_name(ent);
        for (uint32_t k = 0; k < ent->names.n && latin; k++) {
            const cdn_name *nm = &ent->names.v[k];
            if (!has_hangul(nm->full)) continue;
            cdn_analysis an;
            char want[256], got[512];
            double best = 0;
            fold_latin(latin, want, sizeof want);
            run_module(nm->full, 0, &an);
            for (size_t f = 0; f < an.n_forms; f++) {
                form_text(&an, &an.forms[f], got, sizeof got);
                double jw = cdn_jaro_winkler(got, strlen(got), want, strlen(want));
                if (jw > best) best = jw;
            }
            rows++;
            close += best >= 0.90;
            fprintf(stderr, "    %s  %-24s best JW %.3f\n", nm->full, want, best);
            cdn_analysis_free(&an);
        }
    }
    printf("uk conlist hangul names: %zu, within JW 0.90: %zu (%.0f%%)\n", rows, close,
           rows ? 100.0 * (double)close / (double)rows : 0.0);
    CHECK(rows > 0);
    CHECK(close * 10 >= rows * 9);
    cdn_set_free(&set);
}

int main(void)
{
    RUN(test_hangul_names);
    RUN(test_surname_flag_and_form_count);
    RUN(test_organisation);
    RUN(test_bad_input);
    RUN(test_cyrillic_korean);
    RUN(test_russian_names_are_not_korean);
    RUN(test_through_analyze);
    RUN(test_hangul_native_spelling);
    RUN(test_uk_conlist_hangul);
    return CHECK_DONE();
}
