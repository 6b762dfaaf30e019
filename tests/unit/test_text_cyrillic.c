/* test_text_cyrillic.c — organisation names across Russian, Ukrainian, Belarusian and English (legal
 * forms and generic words to one class), Belarusian names read as Russian, the English-names table.
 * Invariant: tables of real equivalences from the UN and UK lists; each row names what it protects.
 */
#include <stdint.h>
#include <string.h>
#include "../check.h"
#include "text/text.h"
#include "text/text_int.h"
#include "analysis_helpers.h"

/* The flags of the first token of form 0 spelled `text`, or -1. */
static int flags_of(const char *text)
{
    for (uint32_t i = 0; A.n_forms && i < A.forms[0].n; i++) {
        const cdn_token *k = &A.tokens[A.forms[0].first + i];
        if (strcmp(cdn_tok_text(&A, k), text) == 0) return k->flags;
    }
    return -1;
}

/* Each row: an original-script name, the spelling one of its forms must have, the list's Latin
 * name and its spelling; the two spellings share their legal-form and generic-class tokens. */
typedef struct { const char *orig, *orig_form, *latin, *latin_form; } pair_row;

static void check_pairs(const pair_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *in[2] = { rows[i].orig, rows[i].latin }, *want[2] = { rows[i].orig_form, rows[i].latin_form };
        for (int side = 0; side < 2; side++) {
            CHECK_INT(analyze(in[side], CORDON_KIND_ORGANIZATION), CORDON_OK);
            if (has_form(want[side])) { check_passed++; continue; }
            CHECK_STR(form_str(0), want[side]);
            fprintf(stderr, "    (%s)\n", in[side]);
        }
    }
}

static void test_legal_forms_across_languages(void)
{
    static const pair_row rows[] = {
        /* Spelled-out and short forms of the same class (UN/UK list pairs). */
        { "АКЦИОНЕРНОЕ ОБЩЕСТВО НАУЧНО-ИССЛЕДОВАТЕЛЬСКИЙ ИНСТИТУТ ВЕКТОР", "jsc scientific research institute vektor",
          "JOINT STOCK COMPANY SCIENTIFIC-RESEARCH INSTITUTE VEKTOR", "jsc scientific research institute vektor" },
        { "ОТКРЫТОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО БАЛАКИРЕВСКИЙ МЕХАНИЧЕСКИЙ ЗАВОД", "jsc balakirevskiy mechanical plant",
          "OPEN JOINT STOCK COMPANY \"BALAKIREV MECHANICAL PLANT", "jsc balakirev mechanical plant" },
        { "ФГУП ГЦСС", "sue gtsss", "FSUE GTSSS", "sue gtsss" },
        { "ФЕДЕРАЛЬНОЕ ГОСУДАРСТВЕННОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ \"ГЛАВНЫЙ ЦЕНТР СПЕЦИАЛЬНОЙ СВЯЗИ\"",
          "sue main center special svyazi",
          "FEDERAL STATE UNITARY ENTERPRISE \"MAIN CENTER OF SPECIAL COMMUNICATION\"",
          "sue main center of special communication" },
        { "Федеральное казенное предприятие Пермский пороховой завод", "sue permskiy porokhovoy plant",
          "STATE-OWNED ENTERPRISE PERM POWDER PLANT", "sue perm powder plant" },
        { "Федеральное казенное предприятие Тамбовский пороховой завод", "sue tambovskiy porokhovoy plant",
          "FEDERAL STATE ENTERPRISE TAMBOV POWDER PLANT", "sue tambov powder plant" },
        { "Государственное унитарное предприятие Республики Крым ‘Черноморнефтегаз'",
          "sue republic krym chernomorneftegaz",
          "STATE UNITARY ENTERPRISE OF THE 'REPUBLIC OF CRIMEA' 'CHERNOMORNEFTEGAZ'",
          "sue of the republic of crimea chernomorneftegaz" },
        { "ГУП ГС ‘Севастопольский морской порт’", "sue gs sevastopolskiy morskoy port",
          "STATE ENTERPRISE 'SEVASTOPOL COMMERCIAL SEAPORT'", "sue sevastopol commercial seaport" },
        { "ТОВАРИЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"ТАУКЗ\"", "llc taukz", "TAUKZ LLP", "taukz llc" },
        { "РЕШЕНИЕ ДЛЯ ИДЕНТИФИКАЦИИ ОБЩЕСТВА С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ", "resheniye dlya identifikatsii llc",
          "LIMITED LIABILITY COMPANY ID SOLUTION", "llc id solution" },
        { "Акционерный Коммерческий Банк НОВИКОМБАНК", "jsc commercial bank novikombank",
          "JOINT-STOCK COMMERCIAL BANK NOVIKOMBANK", "jsc commercial bank novikombank" },
        /* Belarusian, national spelling of е (aktsyyaniernaye). */
        { "Адкрытае акцыянернае таварыства Аршанскі авіярамонтны завод", "jsc arshanski aviyaramontny plant",
          "OPEN JOINT STOCK COMPANY ORSHA AIRCRAFT REPAIR PLANT", "jsc orsha aircraft repair plant" },
        /* The so-called people's republics, Russian and Ukrainian. */
        { "Донецкая Народная Республика", "donetskaya peoples republic",
          "DONETSK PEOPLE'S REPUBLIC", "donetsk peoples republic" },
        { "Луганська Народна Республіка", "luhanska peoples republic",
          "LUHANSK PEOPLE'S REPUBLIC", "luhansk peoples republic" },
        /* Ukrainian державне підприємство. */
        { "Державне підприємство Антонов", "sue antonov", "STATE ENTERPRISE ANTONOV", "sue antonov" },
    };
    check_pairs(rows, sizeof rows / sizeof *rows);
    analyze("ФГУП ГЦСС", CORDON_KIND_ORGANIZATION);
    CHECK(flags_of("sue") >= 0 && (flags_of("sue") & CDN_TOK_LEGAL_FORM));
}

static void test_generic_words_across_languages(void)
{
    static const pair_row rows[] = {
        /* завод / plant / factory / works, inflected and in every scheme; -ический = -ical. */
        { "Самарский металлургический завод", "samarskiy metallurgical plant",
          "SAMARA METALLURGICAL PLANT", "samara metallurgical plant" },
        { "ООО ЛЫСЬВЕНСКИЙ МЕХАНИЧЕСКИЙ ЗАВОД", "llc lysvenskiy mechanical plant",
          "LIPETSK MECHANICAL PLANT LLC", "lipetsk mechanical plant llc" },
        { "Государственная транспортная лизинговая компания", "state transport lizingovaya company",
          "STATE TRANSPORT LEASING COMPANY", "state transport leasing company" },
        { "НАУЧНО-ПРОИЗВОДСТВЕННОЕ ОБЪЕДИНЕНИЕ ИЖЕВСКИЕ БЕСПИЛОТНЫЕ СИСТЕМЫ",
          "scientific production association izhevskiye bespilotnyye system",
          "SCIENTIFIC AND PRODUCTION ASSOCIATION IZHEVSK UNMANNED SYSTEMS",
          "scientific and production association izhevsk unmanned system" },
        { "Российские Системы Безопасности", "rossiyskiye system security",
          "RUSSIAN SECURITY SYSTEMS", "russian security system" },
        { "Концерн ВКО ‘Алмаз — Антей’", "concern vko almaz antey", "CONCERN VKO ALMAZ-ANTEY", "concern vko almaz antey" },
        { "Авиакомпания Сибирь", "airline sibir", "JSC SIBERIA AIRLINES", "jsc siberia airline" },
        { "Федеральное государственное бюджетное образовательное учреждение Международный детский центр Артек",
          "federal state budget educational institution international detskiy center artek",
          "THE FEDERAL STATE BUDGET EDUCATIONAL INSTITUTION ARTEK INTERNATIONAL CHILDREN'S CENTER",
          "the federal state budget educational institution artek international childrens center" },
        { "Корпорация Тактическое Ракетное Вооружение акционерное общество",
          "corp taktical raketnoye vooruzheniye jsc",
          "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY", "tactical missiles corp jsc" },
        { "Науково-дослідний інститут", "scientific research institute",
          "SCIENTIFIC RESEARCH INSTITUTE", "scientific research institute" },
    };
    check_pairs(rows, sizeof rows / sizeof *rows);
    analyze("Самарского металлургического завода", CORDON_KIND_ORGANIZATION);   /* genitive */
    CHECK(has_form("samarskogo metallurgical plant"));
    analyze("GOSUDARSTVENNOE PREDPRIIATIE", CORDON_KIND_ORGANIZATION);      /* Latin, passport style */
    CHECK_STR(form_str(0), "sue");
    analyze("Самарский завод", CORDON_KIND_ORGANIZATION);
    CHECK(flags_of("plant") >= 0 && (flags_of("plant") & CDN_TOK_GENERIC));
    analyze("Самарский завод", CORDON_KIND_PERSON);                  /* same spelling, no flag */
    CHECK_STR(form_str(0), "samarskiy plant");
    CHECK_INT(flags_of("plant") & CDN_TOK_GENERIC, 0);
}

/* Names that look like a stem with an ending stay names. */
static void test_names_left_alone(void)
{
    static const char *const rows[][2] = {
        { "Иван Страхов", "ivan strakhov" },       /* страхов-ой is insurance, Strakhov a surname */
        { "Анна Страхова", "anna strakhova" },
        { "Pavel Zavodov", "pavel zavodov" },      /* no -ov ending for stems */
        { "Jane Fonda", "jane fonda" },
        { "Олег Торгов", "oleg torgov" },
        { "Пётр Банков", "petr bankov" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        CHECK_INT(analyze(rows[i][0], CORDON_KIND_ANY), CORDON_OK);
        CHECK_STR(form_str(0), rows[i][1]);
    }
}

static void test_belarusian_read_as_russian(void)
{
    static const char *const rows[][2] = {
        /* дз and ц before a soft vowel, -авіч → -ович (UK list: Dmitry Aleksandrovich PANTUS). */
        { "Дзмітрый Аляксандравіч ПАНТУС", "dmitryy alyaksandrovich pantus" },
        { "Віктар Аляксандравіч Дуброўка", "viktar alyaksandrovich dubrovka" },
        /* Latin i typed for і: still Belarusian (Artem Konstantinovich DUNKO). */
        { "Арцём Канстанцiнавiч ДУНЬКА", "artem kanstantinovich dunka" },
        { "Iгар Вячаслававiч ЛЮБАВIЦКI", "ihar viachaslavavich liubavitski" },
        /* -аўна → -овна. */
        { "Алена Васілеўна", "alena vasilevna" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        CHECK_INT(analyze(rows[i][0], CORDON_KIND_PERSON), CORDON_OK);
        if (!has_form(rows[i][1])) CHECK_STR(form_str(0), rows[i][1]);
        else check_passed++;
    }
}

/* Given names whose English spelling no letter rule gives: a table kept sorted for its binary
 * search, every entry found under its own spelling. */
static void test_english_names(void)
{
    CHECK_INT(cdn_cyr_english_names_unreachable(), -1);
    CHECK_INT(analyze("Александр Петров", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("alexander petrov"));
    CHECK_INT(analyze("Юрий Иванов", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("yuri ivanov"));
}

/* Bad or extreme input through the new rules: no crash, a clear answer. */
static void test_edges(void)
{
    CHECK_INT(analyze("", CORDON_KIND_ORGANIZATION), CORDON_OK);
    CHECK_INT(A.n_forms, 0);
    CHECK_INT(analyze("\xD0\xB7\xD0", CORDON_KIND_ORGANIZATION), CORDON_ERR_INPUT);   /* cut UTF-8 */
    char big[8192];
    size_t o = 0;
    while (o + 40 < sizeof big) o += (size_t)snprintf(big + o, sizeof big - o, "государственного завода ");
    CHECK_INT(analyze(big, CORDON_KIND_ORGANIZATION), CORDON_OK);
    CHECK(A.n_forms > 0 && A.forms[0].n == CDN_MAX_TOKENS);
    CHECK_INT(analyze("ическийический заводаааааааааааааааааа", CORDON_KIND_ANY), CORDON_OK);
}

int main(void)
{
    if (cdn_text_open(&T) != CORDON_OK) return 1;
    RUN(test_legal_forms_across_languages);
    RUN(test_generic_words_across_languages);
    RUN(test_names_left_alone);
    RUN(test_belarusian_read_as_russian);
    RUN(test_english_names);
    RUN(test_edges);
    cdn_analysis_free(&A);
    cdn_text_close(T);
    return CHECK_DONE();
}
