/* test_text.c — the name layer core: folding, tokens, Cyrillic (Serbian too), Arabic, katakana and
 * Wade-Giles readings, keys, name rules (titles, legal forms, number words), similarity, bad input,
 * and the real UN/UK original-script pairs.
 * Invariant: tables of real equivalences; each row names what it protects.
 */
#include <stdint.h>
#include <string.h>
#include "../check.h"
#include "ingest/ingest.h"
#include "text/text.h"
#include "text/text_int.h"
#include "analysis_helpers.h"

/* The first token of form 0 whose text is `text`, or NULL. */
static const cdn_token *tok(const char *text)
{
    if (!A.n_forms) return NULL;
    for (uint32_t i = 0; i < A.forms[0].n; i++) {
        const cdn_token *k = &A.tokens[A.forms[0].first + i];
        if (strcmp(cdn_tok_text(&A, k), text) == 0) return k;
    }
    return NULL;
}

static const char *key(const char *s)
{
    static char out[256];
    cdn_key(s, strlen(s), out, sizeof out);
    return out;
}

static const char *skel(const char *s)
{
    static char out[256];
    cdn_skeleton(s, strlen(s), out, sizeof out);
    return out;
}

static void test_latin_folding(void)
{
    static const char *const rows[][2] = {
        { "José Müller-Lüdenscheidt", "jose muller ludenscheidt" },
        { "  ŁUKASZ  Żółć  ", "lukasz zolc" },
        { "Straße Ærø", "strasse aero" },
        { "Nguyễn Tấn Dũng", "nguyen tan dung" },
        { "O'Neill", "oneill" },                     /* apostrophes join */
        { "Sa\xCA\xBBid", "said" },                  /* ʻ (U+02BB) too */
        { "e\xCC\x81mile", "emile" },                /* decomposed input */
        { "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc" },   /* fullwidth, through NFKC */
        { "Kim Jong-un", "kim jong un" },            /* hyphen split in form 0 ... */
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        CHECK_INT(analyze(rows[i][0], CORDON_KIND_ANY), CORDON_OK);
        CHECK_STR(form_str(0), rows[i][1]);
    }
    analyze("Kim Jong-un", CORDON_KIND_PERSON);
    CHECK(has_form("kim jongun"));                   /* ... and joined in a variant form */
    CHECK_INT(A.script, CDN_SCRIPT_LATIN);
    analyze("S.A. ACME", CORDON_KIND_ANY);           /* dotted single letters join */
    CHECK(tok("jsc") != NULL);
}

static void test_cyrillic(void)
{
    analyze("Евгений Викторович Пригожин", CORDON_KIND_PERSON);
    CHECK_INT(A.script, CDN_SCRIPT_CYRILLIC);
    CHECK_INT(A.forms[0].scheme, CDN_SCHEME_BGN);
    CHECK_STR(form_str(0), "yevgeniy viktorovich prigozhin");
    CHECK(has_form("evgenii viktorovich prigozhin"));     /* ICAO 9303 */
    CHECK(has_form("evgeny viktorovich prigozhin"));      /* English usage */
    CHECK(tok("viktorovich") && (tok("viktorovich")->flags & CDN_TOK_PATRONYMIC));
    static const char *const rows[][2] = {
        { "Сергей Шойгу", "sergey shoygu" },
        { "Лавров", "lavrov" },
        { "Фёдоров Артём", "fedorov artem" },          /* BGN ё after a consonant */
        { "Юрий Соловьёв", "yuriy solovyev" },
        { "Елена Ильина", "yelena ilina" },
        { "Щербаков", "shcherbakov" },
        { "Олександр Зінченко", "oleksandr zinchenko" }, /* Ukrainian і */
        { "Сергій Гнатюк", "serhiy hnatyuk" },           /* Ukrainian г → h */
        { "Аляксандр Лукашэнка", "alyaksandr lukashenka" },
        { "Міхаіл Кавалёў", "mikhail kavaliou" },        /* Belarusian ў */
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        analyze(rows[i][0], CORDON_KIND_PERSON);
        CHECK_STR(form_str(0), rows[i][1]);
    }
    analyze("Сергей Шойгу", CORDON_KIND_PERSON);
    CHECK(has_form("sergei shoigu"));                   /* English style, ICAO */
    analyze("Александр Алексеевич", CORDON_KIND_PERSON);
    CHECK(has_form("alexander alexeyevich"));
    analyze("Петро Зима", CORDON_KIND_PERSON);           /* could be Ukrainian: both readings */
    CHECK(has_form("petro zima"));
    CHECK(has_form("petro zyma"));
    analyze("ПАО «Сбербанк России»", CORDON_KIND_ORGANIZATION);
    CHECK_STR(form_str(0), "jsc sberbank rossii");
    CHECK(tok("jsc") && (tok("jsc")->flags & CDN_TOK_LEGAL_FORM));
    analyze("Общество с ограниченной ответственностью \"Ромашка\"", CORDON_KIND_ORGANIZATION);
    CHECK_STR(form_str(0), "llc romashka");
    CHECK(has_form("llc romashka"));
    /* A ship's type before its name; two letters only for a vessel (M. V. Smith keeps them). */
    analyze("MV Adrian Darya 1", CORDON_KIND_ANY);
    CHECK_STR(form_str(0), "adrian darya 1");
    analyze("M/T Adrian Darya 1", CORDON_KIND_VESSEL);
    CHECK_STR(form_str(0), "adrian darya 1");
    analyze("M. V. Smith", CORDON_KIND_ANY);
    CHECK_STR(form_str(0), "m v smith");
    analyze("MV Holdings", CORDON_KIND_ORGANIZATION);
    CHECK(!strncmp(form_str(0), "mv ", 3));
    analyze("M/V", CORDON_KIND_VESSEL);                 /* a name of nothing else keeps it */
    CHECK_STR(form_str(0), "m v");
    /* Business abbreviations are the words they cut. */
    analyze("Korea Ryonbong Genl Corp", CORDON_KIND_ORGANIZATION);
    CHECK_STR(form_str(0), "korea ryonbong general corp");
}

/* Arabic compounds in Latin letters take one spelling, whichever way a list writes them. */
static void test_latin_arabic_compounds(void)
{
    static const char *const same[][4] = {
        { "Abd al-Aziz", "Abdulaziz", "Abdel Aziz", "Abd-ul-Aziz" },
        { "Abd ar-Rahman", "Abdurrahman", "Abdul Rahman", "Abdelrahman" },
        { "Abd Allah", "Abdullah", "Abdallah", "Abd-Allah" },
        { "Nur al-Din", "Nureddin", "Nur Eddine", "Nuruddin" },
        { "Salah ad-Din", "Salahuddin", "Salaheddine", "Salah al-Din" },
        { "Ala al-Dini", "Alaeddini", "Ala'oddini", "Alauddini" },     /* with the nisba: a surname */
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        char first[1024];
        analyze(same[i][0], CORDON_KIND_PERSON);
        snprintf(first, sizeof first, "%s", form_str(0));
        for (int k = 1; k < 4; k++) {
            analyze(same[i][k], CORDON_KIND_PERSON);
            CHECK_STR(form_str(0), first);
        }
    }
    analyze("Abdul", CORDON_KIND_PERSON);                   /* alone, or a name of its own: as written */
    CHECK_STR(form_str(0), "abdul");
    analyze("Aladdin Din", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "aladdin din");
    analyze("RAHMAN YASIN, ABDUL", CORDON_KIND_PERSON);    /* two words: another order still meets */
    CHECK(tok("rahman") != NULL && tok("abdul") != NULL);
    analyze("علاالدینی", CORDON_KIND_PERSON);              /* Persian: علا without its hamza */
    CHECK(has_form("ala uddini"));
    analyze("Shamsoddini", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "shams uddini");
}

static void test_arabic(void)
{
    analyze("محمد", CORDON_KIND_PERSON);
    CHECK_INT(A.script, CDN_SCRIPT_ARABIC);
    CHECK_STR(form_str(0), "muhammad");
    CHECK(has_form("mohammed"));
    CHECK_STR(key("muhammad"), key(form_str(0)));
    analyze("عبد الله", CORDON_KIND_PERSON);               /* every writing of Abd Allah is abdullah */
    CHECK(has_form("abdullah"));
    analyze("عبدالرحمن التكريتي", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "abdul rahman al takriti");
    CHECK(tok("al") && (tok("al")->flags & CDN_TOK_PARTICLE));
    analyze("حمید الله آخوند", CORDON_KIND_PERSON);       /* Persian ی; X + Allah */
    CHECK(has_form("hamidullah akhund"));
    analyze("جلال الدين حقاني", CORDON_KIND_PERSON);
    CHECK(has_form("jalal uddin haqqani"));
    analyze("غلامرضا", CORDON_KIND_PERSON);               /* two fused names */
    CHECK_STR(form_str(0), "ghulam rida");
    CHECK(tok("rida") && (tok("rida")->flags & CDN_TOK_HYPHENED));   /* one word: as if hyphened */
    CHECK(tok("ghulam") && !(tok("ghulam")->flags & CDN_TOK_HYPHENED));
    CHECK(has_form("gholam reza"));
    analyze("ملیكا عبدالعلی", CORDON_KIND_PERSON);
    CHECK(tok("ali") && (tok("ali")->flags & CDN_TOK_HYPHENED));
    CHECK(tok("abdul") && !(tok("abdul")->flags & CDN_TOK_HYPHENED));   /* another word before it */
    analyze("أبو بكر البغدادي", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "abu bakr al baghdadi");
    analyze("ﻤﺤﻤﺪ", CORDON_KIND_PERSON);                 /* presentation forms, through NFKC */
    CHECK_STR(form_str(0), "muhammad");
    analyze("پاسداران", CORDON_KIND_ORGANIZATION);       /* Persian letters */
    CHECK_STR(form_str(0), "pasdaran");
    analyze("الشيخ محمد", CORDON_KIND_PERSON);            /* title after the article stays */
    CHECK(has_form("al shaykh muhammad"));
    analyze("الحاج محمد", CORDON_KIND_PERSON);
    CHECK(A.n_forms > 0);
}

static void test_other_scripts(void)
{
    analyze("Δημήτρης", CORDON_KIND_PERSON);
    CHECK_INT(A.script, CDN_SCRIPT_GREEK);
    CHECK_INT(A.forms[0].scheme, CDN_SCHEME_ICU);
    CHECK_STR(form_str(0), "demetres");
    analyze("შალვა ბედოიძე", CORDON_KIND_PERSON);
    CHECK_INT(A.script, CDN_SCRIPT_GEORGIAN);
    CHECK_STR(form_str(0), "shalva bedoidze");
    analyze("김정은", CORDON_KIND_PERSON);                 /* korean.c adds the forms */
    CHECK_INT(A.script, CDN_SCRIPT_HANGUL);
    CHECK(A.n_forms > 0);
    analyze("金铁三", CORDON_KIND_PERSON);                 /* han.c adds the forms */
    CHECK_INT(A.script, CDN_SCRIPT_HAN);
    CHECK(A.n_forms > 0);
    analyze("道通机器人有限公司", CORDON_KIND_ORGANIZATION);  /* name rules run on them too */
    CHECK(tok("ltd") && (tok("ltd")->flags & CDN_TOK_LEGAL_FORM));
    analyze("Михаил Aлександрович", CORDON_KIND_PERSON);   /* Latin A inside a Cyrillic word */
    CHECK_STR(form_str(0), "mikhail aleksandrovich");
}

/* Round two of the name layer: look-alike letters, scholarly Latin, leetspeak, CamelCase, Hebrew,
 * and the per-script ICU transliterators. */
static void test_variant_spellings(void)
{
    CHECK_INT(analyze("P\u0443\u0441\u043b\u0430\u043d \u0418\u0441\u043c\u0430\u0438\u043b\u043e\u0432\u0438\u0447", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("ruslan ismailovich"));              /* a Latin P inside a Cyrillic word */
    CHECK_INT(analyze("V\u00ecktor Fedorovi\u010d \u00c2nukovi\u010d", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("viktor fedorovich yanukovich"));    /* ISO 9 Latin read back as Cyrillic */
    CHECK_INT(analyze("Ig0r Sech1n", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("igor sechin"));                     /* leetspeak digits inside words */
    CHECK_INT(analyze("FridrichBuchenberg", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("fridrich buchenberg"));             /* CamelCase joins split */
    CHECK_INT(analyze("\u05e9\u05de\u05e2\u05d5\u05df \u05e4\u05e8\u05e1", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("shemon peres"));                    /* Hebrew romanizer */
    CHECK_INT(analyze("\u0395\u03bb\u03ad\u03bd\u03b7 \u03a0\u03b1\u03c0\u03b1\u03b4\u03bf\u03c0\u03bf\u03cd\u03bb\u03bf\u03c5", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("elene papadopoulou"));              /* Greek through its own ICU transform */
    CHECK_INT(analyze("Anna Schmidt 4", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(!has_form("anna schmidt a"));                 /* a lone number is not leetspeak */
}

/* A given name written as its nickname is also read as the names it stands for; a surname, a
 * company's word or a listed name part that only looks like one is not. */
static void test_nicknames(void)
{
    CHECK_INT(analyze("Bob Smith", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("robert smith"));
    CHECK(A.forms[A.n_forms - 1].scheme == CDN_SCHEME_NICKNAME);
    CHECK_INT(analyze("SMITH, Bob", CORDON_KIND_ANY), CORDON_OK);
    CHECK(has_form("robert smith") || has_form("smith robert"));  /* the comma names the surname */
    CHECK_INT(analyze("Sasha Ivanov", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("aleksandr ivanov") && has_form("aleksandra ivanov"));   /* both readings */
    CHECK_INT(analyze("\u0421\u0430\u0448\u0430 \u0418\u0432\u0430\u043d\u043e\u0432", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(has_form("aleksandr ivanov"));                /* Саша Иванов, read in Cyrillic first */
    CHECK_INT(analyze("Marc Rich", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(!has_form("marc richard"));                   /* the last word is the surname */
    CHECK_INT(analyze("Bill Trading", CORDON_KIND_ORGANIZATION), CORDON_OK);
    CHECK(!has_form("william trading"));                /* companies have no nicknames */
    CHECK_INT(analyze("Kim Jong Un", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(A.n_forms && A.forms[A.n_forms - 1].scheme != CDN_SCHEME_NICKNAME);   /* Kim is a surname */
    CHECK_INT(analyze("Salah ben Ali", CORDON_KIND_PERSON), CORDON_OK);
    CHECK(!has_form("salah benjamin ali"));             /* ben, son of */
    CHECK(cdn_nickname_table_sorted());                 /* its lookup is a binary search */
    const char *full[2];
    CHECK_INT(cdn_nickname("abbie", 5, full), 1);
    CHECK(!strcmp(full[0], "abigail"));
    CHECK_INT(cdn_nickname("zhora", 5, full), 1);
    CHECK_INT(cdn_nickname("zack", 4, full), 1);
    CHECK_INT(cdn_nickname("robert", 6, full), 0);
}

static void test_keys(void)
{
    static const char *const same[][4] = {
        { "yevgeniy", "evgenii", "jewgeni", "evgueni" },
        { "yevgeny", "evgeny", "evgeni", "yevgeni" },
        { "shoigu", "shoygu", "schoigu", "choigou" },
        { "prigozhin", "prigoschin", "prigojine", "prigozhin" },
        { "lavrov", "lawrow", "lavrov", "lawrov" },
        { "sergey", "sergei", "sergej", "serguei" },
        { "sergey", "sergejs", "sergejus", "sergej" },              /* Latvian -s, Lithuanian -us */
        { "andrey", "andrejs", "andrei", "andrejus" },
        { "dmitriy", "dmitrijs", "dmitri", "dmitrij" },
        { "jong", "chong", "jeong", "jung" },
        { "pyong", "byong", "byeong", "pyeong" },
        { "yong", "young", "yeong", "yong" },
        { "choe", "choi", "choi", "choe" },
        { "ri", "li", "lee", "yi" },
        { "kim", "gim", "kim", "gim" },
        { "pak", "park", "bak", "pak" },
        { "muhammad", "mohammed", "mohamed", "mohammad" },
        { "yusuf", "yousuf", "yusuf", "yoosuf" },
        { "alexandrovich", "aleksandrovich", "alexandrovich", "aleksandrowitsch" },
        { "dmitriyev", "dmitriev", "dmitriev", "dmitriyev" },
        { "abdullah", "abdulla", "abdullah", "abdoullah" },
        { "sergeev", "sergeyev", "sergeev", "sergeyev" },        /* Russian е-е before v */
        { "alekseevich", "alekseyevich", "alexeyevich", "alekseyevich" },
        { "xi", "hsi", "xi", "hsi" },                                /* Wade-Giles hs = pinyin x */
        { "xieh", "hsieh", "xie", "hsie" },
        { "omar", "umar", "omar", "umar" },                          /* initial o/u of Arabic names */
        { "volodymyr", "vladimir", "volodymyr", "wladimir" },        /* Ukrainian and Russian forms */
        { "oleksiy", "aleksey", "oleksii", "alexei" },
        { "serhiy", "sergei", "serhii", "sergey" },
        { "mykola", "nikolai", "mykola", "nikolay" },
        { "dmytro", "dmitriy", "dmytro", "dmitri" },
        { "ihor", "igor", "ihor", "igor" }, { "oleh", "oleg", "oleh", "oleg" },
        { "aliaksandr", "aleksandr", "alyaksandr", "alexander" },    /* Belarusian and Russian forms */
        { "uladzimir", "vladimir", "volodymyr", "wladimir" }, { "siarhei", "sergei", "serhiy", "syarhei" },
        { "dzmitry", "dmitriy", "dmytro", "dmitri" }, { "mikalai", "nikolai", "mykola", "nikolay" },
        { "mehmet", "mohamed", "mehmed", "muhammad" },               /* Turkish Muhammad */
        { "zeid", "zaid", "zayd", "zeid" }, { "deif", "dayf", "daif", "deif" },    /* the diphthong ay */
        { "hussein", "husayn", "husain", "hussain" }, { "sheikh", "shaykh", "shaikh", "sheikh" },
        { "osman", "usman", "osman", "usman" }, { "othman", "uthman", "othman", "uthman" },
        { "marianne", "mariyan", "marian", "maryan" },              /* a silent e after a doubled consonant */
        { "pierre", "pyer", "pier", "pierre" }, { "danielle", "daniel", "daniyel", "danyel" },
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        char k0[256];
        snprintf(k0, sizeof k0, "%s", key(same[i][0]));
        for (int j = 1; j < 4; j++) {
            if (strcmp(k0, key(same[i][j])) != 0)
                fprintf(stderr, "  key(%s)=%s, key(%s)=%s\n", same[i][0], k0, same[i][j], key(same[i][j]));
            CHECK_STR(key(same[i][j]), k0);
        }
    }
    static const char *const differ[][2] = {
        { "kim", "kima" }, { "ivanov", "petrov" }, { "ali", "alia" }, { "jong", "yong" },
        { "mahmud", "muhammad" }, { "jang", "yang" }, { "oh", "uh" },    /* 오 is not 우 */
        { "anne", "an" }, { "rose", "ros" },                             /* too short, or no doubled consonant */
    };
    for (size_t i = 0; i < sizeof differ / sizeof *differ; i++) {
        char k0[256];
        snprintf(k0, sizeof k0, "%s", key(differ[i][0]));
        CHECK(strcmp(k0, key(differ[i][1])) != 0);
    }
    /* Close, not equal: Ukrainian h / Russian g; y / i inside. */
    char a[64], b[64];
    snprintf(a, sizeof a, "%s", key("luhansk"));
    snprintf(b, sizeof b, "%s", key("lugansk"));
    CHECK(cdn_jaro_winkler(a, strlen(a), b, strlen(b)) >= 0.9);
    CHECK_STR(key("pushylin"), key("pushilin"));
    CHECK_STR(skel("muhammad"), skel("mohamed"));
    CHECK_STR(skel("muhammad"), "mhmd");
    CHECK_STR(skel("habib"), "hbb");
    CHECK_STR(skel("abdulrahman"), skel("abdelrahmane"));
    char small[4];
    CHECK_INT(cdn_key("yevgeniy", 8, small, sizeof small), 3);   /* cut, NUL-ended */
    CHECK_INT((int)strlen(small), 3);
    CHECK_INT(cdn_key("", 0, small, sizeof small), 0);
}

static void test_name_rules(void)
{
    analyze("Mr. John Smith", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "john smith");
    analyze("Haji Mullah Mohammed Omar", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "mohammed omar");
    analyze("Sheikh", CORDON_KIND_PERSON);                 /* a title alone is kept */
    CHECK_STR(form_str(0), "sheikh");
    /* Surname first: a title leads the given names (OFAC writes 199 names so). */
    analyze("NOORZAI, Haji Mullah Bashir", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "noorzai bashir");
    analyze("AL ZAWAHIRI, Dr. Ayman", CORDON_KIND_ANY);
    CHECK_STR(form_str(0), "al zawahiri ayman");
    analyze("KHAN, Mustafa Hajji Muhammad", CORDON_KIND_PERSON);   /* not leading: a name word */
    CHECK_STR(form_str(0), "khan mustafa hajji muhammad");
    analyze("GENERAL, Haji", CORDON_KIND_PERSON);                 /* titles alone are kept */
    CHECK_STR(form_str(0), "general haji");
    analyze("President Erdogan", CORDON_KIND_PERSON);             /* an office said with the name */
    CHECK_STR(form_str(0), "erdogan");
    analyze("Ayatollah Ali Khamenei", CORDON_KIND_ANY);
    CHECK_STR(form_str(0), "ali khamenei");
    analyze("Sultan Bashir", CORDON_KIND_PERSON);                 /* Sultan is a given name too */
    CHECK_STR(form_str(0), "sultan bashir");
    analyze("General Trading Company", CORDON_KIND_ORGANIZATION);
    CHECK(tok("general") && (tok("general")->flags & CDN_TOK_GENERIC));
    CHECK(tok("trading") && (tok("trading")->flags & CDN_TOK_GENERIC));
    analyze("KOREA KWANGSON BANKING CORP", CORDON_KIND_ORGANIZATION);   /* banking is bank (은행) */
    CHECK_STR(form_str(0), "korea kwangson bank corp");
    CHECK(tok("bank") && (tok("bank")->flags & CDN_TOK_GENERIC));
    analyze("LUKASHENKO, Alexander Grigoryevich", CORDON_KIND_PERSON);
    CHECK(tok("lukashenko") && (tok("lukashenko")->flags & CDN_TOK_SURNAME));
    CHECK(tok("grigoryevich") && (tok("grigoryevich")->flags & CDN_TOK_PATRONYMIC));
    analyze("Ludwig van Beethoven", CORDON_KIND_PERSON);
    CHECK(tok("van") && (tok("van")->flags & CDN_TOK_PARTICLE));
    analyze("Usama ibn Laden", CORDON_KIND_PERSON);      /* "son of": ibn and bin are one word */
    CHECK(has_form("usama bin laden"));
    CHECK(tok("bin") && (tok("bin")->flags & CDN_TOK_PARTICLE));
    static const char *const legal[][2] = {
        { "Rosneft PJSC", "rosneft jsc" },
        { "OOO Romashka", "llc romashka" },
        { "Siemens AG", "siemens jsc" },
        { "ACME GmbH", "acme llc" },
        { "ACME Gesellschaft mit beschränkter Haftung", "acme llc" },
        { "ACME Aktiengesellschaft", "acme jsc" },
        { "Societatea cu Răspundere Limitată ACME", "llc acme" },   /* Romanian SRL spelled out */
        { "ACME Spółka Akcyjna", "acme jsc" },                       /* Polish S.A. */
        { "ACME EOOD", "acme llc" },                                 /* Bulgarian */
        { "Dalian Ocean Shipping Co., Ltd.", "dalian ocean shipping ltd" },
        { "Korea Mining Company Limited", "korea mining ltd" },
        { "ACME Limited Liability Company", "acme llc" },
        { "Open Joint Stock Company Belaruskali", "jsc belaruskali" },
        { "ACME Corporation", "acme corp" },
        { "ACME Inc.", "acme inc" },
        { "ACME S.A.R.L.", "acme llc" },
        { "ТОВ Ромашка", "llc romashka" },
        { "АО Концерн", "jsc concern" },         /* generic words take their English class */
        { "ACME Trading Co", "acme trading company" },
    };
    for (size_t i = 0; i < sizeof legal / sizeof *legal; i++) {
        analyze(legal[i][0], CORDON_KIND_ORGANIZATION);
        CHECK_STR(form_str(0), legal[i][1]);
    }
    analyze("Ali Sa", CORDON_KIND_ANY);                  /* short forms only at an edge … */
    CHECK_STR(form_str(0), "ali jsc");
    analyze("Ali Sa Ahmed", CORDON_KIND_ANY);            /* … not inside a name */
    CHECK(tok("sa") && !(tok("sa")->flags & CDN_TOK_LEGAL_FORM));
    analyze("Ali Sa", CORDON_KIND_PERSON);               /* same spelling for every kind … */
    CHECK_STR(form_str(0), "ali jsc");
    CHECK(tok("jsc") && !(tok("jsc")->flags & CDN_TOK_LEGAL_FORM));   /* … flagged only for others */
    analyze("Korea General Corporation for External Construction", CORDON_KIND_ANY);
    CHECK_STR(form_str(0), "korea general corp for external construction");
    CHECK(tok("general") && (tok("general")->flags & CDN_TOK_GENERIC));
    analyze("7 Star", CORDON_KIND_ANY);
    CHECK(tok("7") && (tok("7")->flags & CDN_TOK_NUMBER));
    analyze("J. Smith", CORDON_KIND_PERSON);
    CHECK(tok("j") && (tok("j")->flags & CDN_TOK_INITIAL));
}

static void test_similarity(void)
{
    CHECK(cdn_jaro_winkler("martha", 6, "marhta", 6) > 0.961 && cdn_jaro_winkler("martha", 6, "marhta", 6) < 0.962);
    CHECK(cdn_jaro_winkler("dixon", 5, "dicksonx", 8) > 0.813 && cdn_jaro_winkler("dixon", 5, "dicksonx", 8) < 0.814);
    CHECK(cdn_jaro_winkler("abc", 3, "abc", 3) == 1.0);
    CHECK(cdn_jaro_winkler("", 0, "", 0) == 1.0);
    CHECK(cdn_jaro_winkler("abc", 3, "", 0) == 0.0);
    CHECK(cdn_jaro_winkler("abc", 3, "xyz", 3) == 0.0);
    CHECK_INT(cdn_damerau("kitten", 6, "sitting", 7, 5), 3);
    CHECK_INT(cdn_damerau("ca", 2, "ac", 2, 3), 1);          /* a transposition */
    CHECK_INT(cdn_damerau("abcdef", 6, "abcdef", 6, 0), 0);
    CHECK_INT(cdn_damerau("kitten", 6, "sitting", 7, 2), 3); /* cut off: max + 1 */
    CHECK_INT(cdn_damerau("a", 1, "abcdefgh", 8, 3), 4);
    CHECK_INT(cdn_damerau("", 0, "ab", 2, 3), 2);
    static char big1[3000], big2[3000];
    memset(big1, 'a', sizeof big1);
    memset(big2, 'a', sizeof big2);
    big2[2999] = 'b';
    CHECK(cdn_jaro_winkler(big1, sizeof big1, big2, sizeof big2) > 0.99);
    CHECK_INT(cdn_damerau(big1, sizeof big1, big2, sizeof big2, 2), 3);
}

static void test_bad_input(void)
{
    static const char *const bad[] = { "\xC3", "ab\xFF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                       "\xC0\xAF", "a\xE2\x82" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_INT(analyze(bad[i], CORDON_KIND_ANY), CORDON_ERR_INPUT);
        CHECK(strstr(cdn_text_errmsg(T), "byte offset") != NULL);
        CHECK_INT(A.n_forms, 0);
    }
    CHECK_INT(analyze("", CORDON_KIND_ANY), CORDON_OK);
    CHECK_INT(A.n_forms, 0);
    CHECK_INT(analyze(" ,.;-'« »", CORDON_KIND_ANY), CORDON_OK);
    CHECK_INT(A.n_forms, 0);
    CHECK_INT(cdn_analyze(T, NULL, 0, CORDON_KIND_ANY, &A), CORDON_OK);
    CHECK_INT(cdn_analyze(T, NULL, 3, CORDON_KIND_ANY, &A), CORDON_ERR_ARG);
    CHECK_INT(analyze("Ivan\0Petrov", CORDON_KIND_ANY), CORDON_OK);   /* strlen stops at NUL */
    CHECK_INT(cdn_analyze(T, "a\0b", 3, CORDON_KIND_ANY, &A), CORDON_OK);
    CHECK_STR(form_str(0), "a b");                     /* an embedded NUL separates */
    /* Huge: a name over the limit is refused; a long one is cut to CDN_MAX_TOKENS tokens. */
    size_t n = 70000;
    char *huge = malloc(n + 1);
    for (size_t i = 0; i < n; i++) huge[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 5);
    huge[n] = 0;
    CHECK_INT(cdn_analyze(T, huge, n, CORDON_KIND_ANY, &A), CORDON_ERR_INPUT);
    CHECK_INT(cdn_analyze(T, huge, 60000, CORDON_KIND_ANY, &A), CORDON_OK);
    CHECK(A.n_forms >= 1 && A.forms[0].n == CDN_MAX_TOKENS);
    memset(huge, 'x', n);                               /* one enormous word */
    CHECK_INT(cdn_analyze(T, huge, 60000, CORDON_KIND_ANY, &A), CORDON_OK);
    CHECK(A.n_forms == 1 && A.tokens[0].len <= 120);
    for (size_t i = 0; i + 2 < n; i += 2) { huge[i] = '\xD0'; huge[i + 1] = '\x96'; }   /* Ж… */
    CHECK_INT(cdn_analyze(T, huge, 60000, CORDON_KIND_ANY, &A), CORDON_OK);
    free(huge);
    CHECK_INT(analyze("Kim\xE2\x80\x8BJong", CORDON_KIND_ANY), CORDON_OK);   /* zero-width space */
    char lig[3 * 400 + 1];                              /* ﷺ expands 18-fold under NFKC */
    for (int i = 0; i < 400; i++) memcpy(lig + 3 * i, "\xEF\xB7\xBA", 3);
    lig[sizeof lig - 1] = 0;
    CHECK_INT(analyze(lig, CORDON_KIND_ANY), CORDON_OK);
    CHECK(A.n_forms > 0);
    CHECK(A.n_forms > 0);
}

/* Seeded random strings from a pool of code points of every script we handle, plus bytes that
 * break UTF-8: cdn_analyze must answer OK or INPUT and produce well-formed tokens. */
static void test_random_input(void)
{
    static const uint32_t pool[] = { 'a', 'Z', '0', ' ', '-', '\'', '.', ',', 0xE9, 0x141, 0x1EA1,
        0x301, 0x410, 0x44F, 0x451, 0x456, 0x45E, 0x491, 0x627, 0x644, 0x647, 0x629, 0x6CC, 0x67E,
        0x64E, 0x651, 0x640, 0x200C, 0xFEFB, 0xAC00, 0xD7A3, 0x4E00, 0x9FA5, 0x30A2, 0x3B1, 0x10D0,
        0x5D0, 0xE01, 0x915, 0x2BB, 0xFF21, 0x1F600, 0xAB, 0xBB, 0x2014, 0xFDFA, 0x3300, 0x2D5C, 0xABC3 };
    uint32_t x = 12345;
    char buf[256];
    int ok = 1;
    for (int round = 0; round < 20000; round++) {
        size_t o = 0;
        x = x * 1103515245u + 12345u;
        int n = 1 + (int)((x >> 16) % 24);
        for (int i = 0; i < n && o + 5 < sizeof buf; i++) {
            x = x * 1103515245u + 12345u;
            uint32_t c = pool[(x >> 16) % (sizeof pool / sizeof *pool)];
            if (((x >> 8) & 63) == 0) { buf[o++] = (char)(0x80 | (x & 0x3F)); continue; }  /* stray */
            if (c < 0x80) buf[o++] = (char)c;
            else if (c < 0x800) { buf[o++] = (char)(0xC0 | (c >> 6)); buf[o++] = (char)(0x80 | (c & 0x3F)); }
            else if (c < 0x10000) { buf[o++] = (char)(0xE0 | (c >> 12)); buf[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
                                    buf[o++] = (char)(0x80 | (c & 0x3F)); }
            else { buf[o++] = (char)(0xF0 | (c >> 18)); buf[o++] = (char)(0x80 | ((c >> 12) & 0x3F));
                   buf[o++] = (char)(0x80 | ((c >> 6) & 0x3F)); buf[o++] = (char)(0x80 | (c & 0x3F)); }
        }
        int rc = cdn_analyze(T, buf, o, (cordon_kind)(round % 3), &A);
        if (rc != CORDON_OK && rc != CORDON_ERR_INPUT) ok = 0;
        for (size_t i = 0; rc == CORDON_OK && i < A.n_tokens; i++) {
            const char *s = cdn_tok_text(&A, &A.tokens[i]);
            if (!*s || strlen(s) != A.tokens[i].len) ok = 0;
            for (; *s; s++) if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))) ok = 0;
        }
        if (!ok) { fprintf(stderr, "  bad analysis of random input %d\n", round); break; }
    }
    CHECK(ok);
}

static void test_forms_api(void)
{
    cdn_analysis an = { .open_form = -1 };
    CHECK_INT(cdn_form_begin(&an, CDN_SCHEME_MR), 0);
    CHECK_INT(cdn_form_token(&an, "Kim", 3, CDN_SCRIPT_HANGUL, CDN_TOK_SURNAME), 0);
    CHECK_INT(cdn_form_token(&an, "Jöng", 5, CDN_SCRIPT_HANGUL, 0), 0);
    CHECK_INT(cdn_form_token(&an, "!!", 2, CDN_SCRIPT_HANGUL, 0), 0);     /* empty: skipped */
    cdn_form_end(&an);
    CHECK_INT(cdn_form_begin(&an, CDN_SCHEME_RR), 0);                     /* a duplicate: dropped */
    cdn_form_token(&an, "kim", 3, CDN_SCRIPT_HANGUL, 0);
    cdn_form_token(&an, "jong", 4, CDN_SCRIPT_HANGUL, 0);
    cdn_form_end(&an);
    CHECK_INT(an.n_forms, 1);
    CHECK_INT(an.n_tokens, 2);
    CHECK_STR(cdn_tok_text(&an, &an.tokens[1]), "jong");
    CHECK_STR(cdn_tok_key(&an, &an.tokens[1]), "jong");
    CHECK(an.tokens[0].flags & CDN_TOK_SURNAME);
    for (int i = 0; i < CDN_MAX_FORMS + 3; i++) {                          /* the cap */
        char s[16];
        snprintf(s, sizeof s, "x%d", i);
        cdn_form_begin(&an, CDN_SCHEME_KO_COMMON);
        cdn_form_token(&an, s, strlen(s), CDN_SCRIPT_LATIN, 0);
        cdn_form_end(&an);
    }
    CHECK_INT(an.n_forms, CDN_MAX_FORMS);
    cdn_analysis_free(&an);
    cdn_analysis_free(NULL);
    CHECK_STR(cdn_script_name(CDN_SCRIPT_CYRILLIC), "cyrillic");
    CHECK_STR(cdn_scheme_name(CDN_SCHEME_BGN), "bgn");
    CHECK_STR(cdn_script_name(99), "unknown");
}

/* Every UN NAME_ORIGINAL_SCRIPT and UK "Name Non-Latin Script" name against the entity's Latin
 * names: the share of persons whose best form comes within Jaro-Winkler 0.90 (same rule as
 * bench/bench_text.c, simplified to sorted tokens) must clear the floor per script. */
static double sorted_jw(const cdn_analysis *a, size_t fa, const cdn_analysis *b, size_t fb)
{
    const char *ta[CDN_MAX_TOKENS], *tb[CDN_MAX_TOKENS];
    size_t na = a->forms[fa].n, nb = b->forms[fb].n;
    for (size_t i = 0; i < na; i++) ta[i] = cdn_tok_text(a, &a->tokens[a->forms[fa].first + i]);
    for (size_t i = 0; i < nb; i++) tb[i] = cdn_tok_text(b, &b->tokens[b->forms[fb].first + i]);
    /* Align each Latin token to its best unused original token, in Latin order. */
    char sa[1024] = "", sb[1024] = "";
    int used[CDN_MAX_TOKENS] = {0};
    for (size_t j = 0; j < nb; j++) {
        double best = -1;
        size_t bi = na;
        for (size_t i = 0; i < na; i++) {
            if (used[i]) continue;
            double s = cdn_jaro_winkler(ta[i], strlen(ta[i]), tb[j], strlen(tb[j]));
            if (s > best) { best = s; bi = i; }
        }
        if (strlen(sb) + strlen(tb[j]) + 2 < sizeof sb) { if (*sb) strcat(sb, " "); strcat(sb, tb[j]); }
        if (bi < na) {
            used[bi] = 1;
            if (strlen(sa) + strlen(ta[bi]) + 2 < sizeof sa) { if (*sa) strcat(sa, " "); strcat(sa, ta[bi]); }
        }
    }
    for (size_t i = 0; i < na; i++)
        if (!used[i] && strlen(sa) + strlen(ta[i]) + 2 < sizeof sa) { if (*sa) strcat(sa, " "); strcat(sa, ta[i]); }
    return cdn_jaro_winkler(sa, strlen(sa), sb, strlen(sb));
}

static void test_real_pairs(void)
{
    cdn_set set;
    CHECK_INT(cdn_set_init(&set), CORDON_OK);
    if (cdn_ingest_path(&set, check_list_path("un_sc-2026-02-27/consolidated.xml"), NULL) != CORDON_OK
        || cdn_ingest_path(&set, check_list_path("uk_ofsi-2025-04-14/ConList.csv"), NULL) != CORDON_OK) {
        fprintf(stderr, "  lists not readable (%s): skipped\n", set.errmsg);
        cdn_set_free(&set);
        return;
    }
    size_t pairs[CDN_SCRIPT_COUNT] = {0}, hits[CDN_SCRIPT_COUNT] = {0};
    cdn_analysis lat = { .open_form = -1 };
    for (uint32_t e = 0; e < set.entities.n; e++) {
        const cdn_entity *en = set.entities.v[e];
        if (en->kind != CORDON_KIND_PERSON) continue;   /* organisations are often translated */
        for (uint32_t i = 0; i < en->names.n; i++) {
            if (en->names.v[i].type != CDN_NAME_ORIGINAL) continue;
            if (analyze(en->names.v[i].full, CORDON_KIND_PERSON) != CORDON_OK || !A.n_forms) continue;
            double best = 0;
            for (uint32_t j = 0; j < en->names.n; j++) {
                const cdn_name *l = &en->names.v[j];
                if (l->type == CDN_NAME_ORIGINAL) continue;
                if (cdn_analyze(T, l->full, strlen(l->full), CORDON_KIND_PERSON, &lat) != CORDON_OK) continue;
                for (size_t fa = 0; fa < A.n_forms; fa++)
                    for (size_t fb = 0; fb < lat.n_forms; fb++) {
                        double s = sorted_jw(&A, fa, &lat, fb);
                        if (s > best) best = s;
                    }
            }
            pairs[A.script]++;
            hits[A.script] += best >= 0.90;
        }
    }
    cdn_analysis_free(&lat);
    cdn_set_free(&set);
    static const struct { int script; double floor; } floors[] = {
        { CDN_SCRIPT_CYRILLIC, 0.95 }, { CDN_SCRIPT_ARABIC, 0.80 }, { CDN_SCRIPT_HANGUL, 0.90 },
    };
    for (size_t i = 0; i < sizeof floors / sizeof *floors; i++) {
        int s = floors[i].script;
        double share = pairs[s] ? (double)hits[s] / (double)pairs[s] : 0;
        fprintf(stderr, "  %-9s persons: %zu pairs, %.1f%% within JW 0.90 (floor %.0f%%)\n",
                cdn_script_name(s), pairs[s], 100 * share, 100 * floors[i].floor);
        CHECK(pairs[s] > 0);
        CHECK(share >= floors[i].floor);
    }
}

/* Every form, token, key and skeleton of the analysed name, in one string (for comparisons). */
static void analysis_str(const char *name, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = 0;
    if (analyze(name, CORDON_KIND_ANY) != CORDON_OK) return;
    for (size_t f = 0; f < A.n_forms && o + 1 < cap; f++)
        for (uint32_t i = 0; i < A.forms[f].n; i++) {
            const cdn_token *k = &A.tokens[A.forms[f].first + i];
            int w = snprintf(out + o, cap - o, "%zu:%s/%s/%s/%u ", f, cdn_tok_text(&A, k), cdn_tok_key(&A, k),
                             cdn_tok_skel(&A, k), k->flags);
            if (w < 0 || (size_t)w >= cap - o) return;
            o += (size_t)w;
        }
}

/* Fills the handle's memos with made-up three-word Cyrillic and Arabic names (more words than the
 * memos hold), so that what a test looks up next has been pushed out. */
static void churn_memos(void)
{
    static const char CYR[][3] = { "а", "б", "в", "г", "д", "е", "ж", "к", "л", "м", "н", "о", "р", "с",
                                   "т", "у", "х", "ч", "ш", "я" };
    static const char AR[][3] = { "ب", "ت", "د", "ر", "س", "ع", "ف", "ق", "ل", "م", "ن", "ه", "و", "ي" };
    uint32_t x = 12345;
    for (size_t n = 0; n < 12000; n++) {
        char name[256];
        size_t o = 0;
        int ar = n & 1;
        for (int w = 0; w < 3; w++) {
            size_t letters = 3 + (x >> 7) % 6;
            for (size_t l = 0; l < letters; l++) {
                x = x * 1103515245u + 12345u;
                const char *c = ar ? AR[(x >> 9) % 14] : CYR[(x >> 9) % 20];
                memcpy(name + o, c, 2);
                o += 2;
            }
            name[o++] = ' ';
        }
        name[o - 1] = 0;
        CHECK(cdn_analyze(T, name, o - 1, CORDON_KIND_ANY, &A) == CORDON_OK);
    }
}

/* The handle memoizes keys and the romanizations of Cyrillic and Arabic words and of the words ICU
 * reads (Greek, Devanagari, kana, Georgian, Armenian), and plain ASCII words
 * skip the folding and the Latin variant checks: none of it may change what a name gives, on a
 * fresh handle or a warm one, whatever came before. The same word is read differently by the
 * language of the name around it (Гнатюк: Russian gnatyuk, Ukrainian hnatiuk, Belarusian read as
 * Russian) and by Persian letters elsewhere in the name: the memo must keep those apart. */
static void test_memos_change_nothing(void)
{
    static const char *const NAMES[] = {
        "Kim Jong-un", "KIM Jong Un", "Евгений Викторович Пригожин", "Константинопольский Александрович",
        "عبد الرحمن التكريتي", "Mohammed Abdullah", "Müller-Lüdenscheidt GmbH", "Ig0r Sech1n",
        "FridrichBuchenberg", "O'Neill, Sean", "S.A. Trading Co Ltd", "Сергей Шойгу", "Sergei Shoigu",
        "Petro Zyma", "Петро Зима", "abcdefghijklmnopqrstuvwxyz0123456789", "x",
        "Гнатюк Эдуард", "Олексій Гнатюк", "Гнатюк Дзмітрый Аляксандравіч", "Гнатюк Милош Ђукановић",
        "محمد رضا", "محمد رضا پهلوی", "Дмитрий Пётр", "Пётр Дмитрий", "Ким Чен Ын",
        "Высокопревосходительствующий Прекраснейший", "Aлександр Pуслан",
        "Γεώργιος Παπαδόπουλος", "Παπαδόπουλος Γεώργιος", "नरेन्द्र मोदी", "ミン・アウン・フライン",
        "ミン アウン", "მიხეილ სააკაშვილი", "Ⴀ ⵜⴰ", "Hovhannes Հովհաննես",
    };
    enum { N = sizeof NAMES / sizeof *NAMES };
    static char cold[N][4096], warm[N][4096];
    cdn_text *saved = T;
    for (size_t i = 0; i < N; i++) {                 /* each on a fresh handle */
        CHECK(cdn_text_open(&T) == CORDON_OK);
        analysis_str(NAMES[i], cold[i], sizeof cold[i]);
        cdn_text_close(T);
    }
    CHECK(cdn_text_open(&T) == CORDON_OK);
    for (size_t r = 0; r < 3; r++)                   /* warm, in another order */
        for (size_t i = N; i-- > 0;) analysis_str(NAMES[i], warm[i], sizeof warm[i]);
    for (size_t i = 0; i < N; i++) CHECK_STR(warm[i], cold[i]);
    churn_memos();
    for (size_t i = 0; i < N; i++) {                 /* after their entries were pushed out */
        analysis_str(NAMES[i], warm[i], sizeof warm[i]);
        CHECK_STR(warm[i], cold[i]);
    }
    analyze("Евгений Викторович Пригожин", CORDON_KIND_ANY);
    for (size_t i = 0; i < A.n_tokens; i++) {        /* memoized keys are the keys */
        const cdn_token *k = &A.tokens[i];
        char key[256], skel[256];
        cdn_key(cdn_tok_text(&A, k), k->len, key, sizeof key);
        cdn_skeleton(cdn_tok_text(&A, k), k->len, skel, sizeof skel);
        CHECK_STR(cdn_tok_key(&A, k), key);
        CHECK_STR(cdn_tok_skel(&A, k), skel);
    }
    cdn_text_close(T);
    T = saved;
}

/* A fresh handle whose first name has no token the name layer can read (Tifinagh, Meetei Mayek,
 * a Khmer name before Khmer was read) has never allocated its token buffer: it must answer with no
 * forms, not copy from a null buffer (a crash found on `cordon normalize`). */
static void test_unreadable_first_name(void)
{
    static const char *const NAMES[] = { "\xE2\xB5\x9C\xE2\xB4\xB0", "\xEA\xAF\x83\xEA\xAF\x85", "\xE1\xA0\xAE\xE1\xA0\xA3" };
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++) {
        cdn_text *fresh;
        cdn_analysis an = {0};
        CHECK(cdn_text_open(&fresh) == CORDON_OK);
        CHECK_INT(cdn_analyze(fresh, NAMES[i], strlen(NAMES[i]), CORDON_KIND_ANY, &an), CORDON_OK);
        CHECK_INT(an.n_forms, 0);
        cdn_analysis_free(&an);
        cdn_text_close(fresh);
    }
}

/* Hebrew, Thai, Burmese and Khmer names read by the tables of hebrew.c, thai.c, burmese.c and
 * khmer.c: each row a real name and the spelling it is known by (some form must be exactly it). */
static void test_abjad_and_indic_scripts(void)
{
    static const struct { const char *name; int script; const char *latin; } ROWS[] = {
        /* Hebrew: vowel letters, ו before a last י a consonant, -man, the a style */
        { "עדן לוי", CDN_SCRIPT_HEBREW, "eden levi" },                 /* Eden Levi */
        { "ינון לוי", CDN_SCRIPT_HEBREW, "yinon levi" },               /* Yinon (Ynon) Levi */
        { "אמנה", CDN_SCRIPT_HEBREW, "amana" },                        /* Amana */
        { "שמעון פרס", CDN_SCRIPT_HEBREW, "shemon peres" },            /* Shimon Peres */
        { "דוד חי חסדאי", CDN_SCRIPT_HEBREW, "dod hi hasdai" },        /* David Chai Hasdai */
        { "משה שרביט", CDN_SCRIPT_HEBREW, "masha sharvit" },           /* Moshe Sharvit */
        { "שלום זיכרמן", CDN_SCRIPT_HEBREW, "shelom zicherman" },      /* Shalom Zicherman */
        { "נעמה", CDN_SCRIPT_HEBREW, "naama" },                        /* Naama */
        { "מאיר אטינגר", CDN_SCRIPT_HEBREW, "meir etinger" },          /* Meir Ettinger */
        { "צה\"ל", CDN_SCRIPT_HEBREW, "tzahal" },                       /* an acronym's gershayim as " */
        { "צה״ל", CDN_SCRIPT_HEBREW, "tzahal" },                        /* … and as ״ */
        /* Thai, RTGS: inherent o/a, leading vowels, finals, silent letters, legal forms */
        { "สมชาย", CDN_SCRIPT_THAI, "somchai" },                       /* Somchai */
        { "ประยุทธ์ จันทร์โอชา", CDN_SCRIPT_THAI, "prayut chanocha" },  /* Prayut Chan-o-cha */
        { "ทักษิณ ชินวัตร", CDN_SCRIPT_THAI, "thaksin chinwat" },       /* Thaksin Shinawatra (RTGS Chinnawat) */
        { "อภิสิทธิ์ เวชชาชีวะ", CDN_SCRIPT_THAI, "aphisit wetchachiwa" }, /* Abhisit Vejjajiva */
        { "ประวิตร วงษ์สุวรรณ", CDN_SCRIPT_THAI, "prawit wongsuwan" },  /* Prawit Wongsuwan */
        { "กรุงเทพ", CDN_SCRIPT_THAI, "krungthep" },                   /* Krung Thep (Bangkok) */
        { "บริษัท เอ็กโซร่า จำกัด", CDN_SCRIPT_THAI, "company eksora ltd" }, /* Exora Co., Ltd. */
        /* Burmese: a word per syllable, medials, rhymes by final */
        { "မင်းအောင်လှိုင်", CDN_SCRIPT_MYANMAR, "min aung hlaing" },   /* Min Aung Hlaing */
        { "စိုးဝင်း", CDN_SCRIPT_MYANMAR, "soe win" },                 /* Soe Win */
        { "သိန်းစိန်", CDN_SCRIPT_MYANMAR, "thein sein" },             /* Thein Sein */
        { "အောင်ဆန်းစုကြည်", CDN_SCRIPT_MYANMAR, "aung san su kyi" },   /* Aung San Suu Kyi */
        { "သန်းရွှေ", CDN_SCRIPT_MYANMAR, "than shwe" },               /* Than Shwe */
        { "မြင့်ဆွေ", CDN_SCRIPT_MYANMAR, "myint swe" },               /* Myint Swe */
        { "ကျော်ကျော်", CDN_SCRIPT_MYANMAR, "kyaw kyaw" },             /* Kyaw Kyaw */
        /* Khmer: series, inherent vowels, subscripts, series marks */
        { "ហ៊ុន សែន", CDN_SCRIPT_KHMER, "hun sen" },                   /* Hun Sen */
        { "ប៉ុល ពត", CDN_SCRIPT_KHMER, "pol pot" },                    /* Pol Pot */
        { "អៀង សារី", CDN_SCRIPT_KHMER, "ieng sari" },                 /* Ieng Sary */
        { "ខៀវ សំផន", CDN_SCRIPT_KHMER, "khieu samphan" },             /* Khieu Samphan */
        { "នួន ជា", CDN_SCRIPT_KHMER, "nuon chea" },                   /* Nuon Chea */
        { "ហ៊ុន ម៉ាណែត", CDN_SCRIPT_KHMER, "hun manet" },              /* Hun Manet */
        { "ប្រាក់ សុខុន", CDN_SCRIPT_KHMER, "prak sokhon" },           /* Prak Sokhonn */
        { "កម្ពុជា", CDN_SCRIPT_KHMER, "kampuchea" },                  /* Kampuchea */
    };
    for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
        CHECK_INT(analyze(ROWS[i].name, CORDON_KIND_ANY), CORDON_OK);
        CHECK_INT(A.script, ROWS[i].script);
        if (!has_form(ROWS[i].latin)) fprintf(stderr, "  %s: no form \"%s\" (form 0 \"%s\")\n", ROWS[i].name,
                                              ROWS[i].latin, form_str(0));
        CHECK(has_form(ROWS[i].latin));
        CHECK_INT(A.unread, 0);
    }
    /* company limited in Burmese and Thai are legal forms (the name rules see their English) */
    analyze("ကုမ္ပဏီ လီမိတက်", CORDON_KIND_ORGANIZATION);
    CHECK(tok("ltd") && (tok("ltd")->flags & CDN_TOK_LEGAL_FORM));
    analyze("บริษัท ไทยเบฟเวอเรจ จำกัด (มหาชน)", CORDON_KIND_ORGANIZATION);
    CHECK(tok("ltd") && (tok("ltd")->flags & CDN_TOK_LEGAL_FORM));
    /* a foreign final in brackets (ကင်း(င်)) reads as nothing, and is no unread word */
    analyze("ကင်း(င်)", CORDON_KIND_ORGANIZATION);
    CHECK_STR(form_str(0), "kin");
    CHECK_INT(A.unread, 0);
}

/* Any sequence of Hebrew, Thai, Burmese or Khmer code points (letters, signs, marks in any order,
 * with spaces, ZWSP and digits) reads without a crash into [a-z0-9] tokens. */
static void test_random_in_new_scripts(void)
{
    static const uint32_t blocks[][2] = { { 0x591, 0x5F4 }, { 0xE01, 0xE5B }, { 0x1000, 0x109F },
                                          { 0x1780, 0x17F9 } };
    uint32_t x = 777;
    char buf[512];
    int ok = 1;
    for (int round = 0; round < 20000 && ok; round++) {
        x = x * 1103515245u + 12345u;
        const uint32_t *b = blocks[(x >> 16) % 4];
        size_t o = 0;
        int n = 1 + (int)((x >> 20) % 40);
        for (int i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            uint32_t c = (x >> 8) % 11 == 0 ? ((x >> 12) & 1 ? 0x20 : 0x200B) : b[0] + (x >> 16) % (b[1] - b[0] + 1);
            if (c < 0x80) buf[o++] = (char)c;
            else if (c < 0x800) { buf[o++] = (char)(0xC0 | (c >> 6)); buf[o++] = (char)(0x80 | (c & 0x3F)); }
            else { buf[o++] = (char)(0xE0 | (c >> 12)); buf[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
                   buf[o++] = (char)(0x80 | (c & 0x3F)); }
        }
        if (cdn_analyze(T, buf, o, CORDON_KIND_ANY, &A) != CORDON_OK) ok = 0;
        for (size_t i = 0; ok && i < A.n_tokens; i++) {
            const char *s = cdn_tok_text(&A, &A.tokens[i]);
            if (!*s || strlen(s) != A.tokens[i].len) ok = 0;
            for (; *s; s++) if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))) ok = 0;
        }
        if (!ok) fprintf(stderr, "  bad analysis of random input %d\n", round);
    }
    CHECK(ok);
}

/* A word in a script nothing reads gives no token: the analysis counts it, so that `cordon screen`
 * and `cordon normalize` can say the name was screened without it (it must not vanish silently). */
static void test_unread_words(void)
{
    analyze("\xE2\xB5\x9C\xE2\xB4\xB0 Hun Sen", CORDON_KIND_PERSON);   /* Tifinagh, then Latin */
    CHECK_INT(A.unread, 1);
    CHECK_STR(form_str(0), "hun sen");
    CHECK_STR(A.buf + A.unread_text, "\xE2\xB5\x9C\xE2\xB4\xB0");
    analyze("\xE2\xB5\x9C\xE2\xB4\xB0 \xEA\xAF\x83\xEA\xAF\x85", CORDON_KIND_PERSON);   /* Tifinagh, Meetei Mayek */
    CHECK_INT(A.unread, 2);
    CHECK_STR(A.buf + A.unread_text, "\xE2\xB5\x9C\xE2\xB4\xB0 \xEA\xAF\x83\xEA\xAF\x85");
    CHECK_INT(A.n_forms, 0);
    analyze("Hun Sen", CORDON_KIND_PERSON);                        /* the count starts again */
    CHECK_INT(A.unread, 0);
}

/* The fast paths of the name layer must give what the plain code gave: Cyrillic words prepared
 * once for every style, name particles and patronymics found by packed words and last letters,
 * ASCII widened sixteen bytes at a time, doubled letters dropped from keys without a branch. */
static void test_fast_paths_agree(void)
{
    static const char *const CYR[] = { "Евгений", "АЛЕКСАНДРОВИЧ", "Дзмітрый", "Аляксандравіч", "Їжакевич",
                                       "Pуслан", "Шойгу", "Юрий", "и\xcc\x86од", "Фёдор", "Щукин", "Ярослав" };
    for (size_t i = 0; i < sizeof CYR / sizeof *CYR; i++) {
        uint32_t cps[64], w[CDN_TOKEN_MAX];
        size_t n = 0;
        for (const unsigned char *u = (const unsigned char *)CYR[i]; *u && n < 64;) {   /* 1-2 byte UTF-8 */
            if (*u < 0x80) cps[n++] = *u++;
            else { cps[n++] = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F); u += 2; }
        }
        size_t m = cdn_cyr_prepare(cps, n, w);
        for (int lang = CDN_LANG_RU; lang <= CDN_LANG_SR; lang++)
            for (int style = 0; style < CDN_CYR_N; style++) {
                char a[256], b[256];
                size_t la = cdn_cyr_romanize(cps, n, lang, style, a, sizeof a);
                size_t lb = cdn_cyr_romanize_word(w, m, lang, style, b, sizeof b);
                a[la] = 0;
                b[lb] = 0;
                CHECK_STR(b, a);
            }
    }
    analyze("Евгений Викторович Пригожин", CORDON_KIND_PERSON);
    CHECK(has_form("yevgeniy viktorovich prigozhin") && has_form("evgeny viktorovich prigozhin"));
    static const char *const PARTICLES[] = { "al", "el", "bin", "binti", "van", "della", "ould", "kizi" };
    for (size_t i = 0; i < sizeof PARTICLES / sizeof *PARTICLES; i++) {
        char name[64];
        snprintf(name, sizeof name, "Omar %s Rashid", PARTICLES[i]);
        analyze(name, CORDON_KIND_PERSON);
        CHECK(tok(PARTICLES[i]) && (tok(PARTICLES[i])->flags & CDN_TOK_PARTICLE));
    }
    static const char *const NOT_PARTICLES[] = { "a", "bi", "bintis", "vana", "dellas", "alb" };
    for (size_t i = 0; i < sizeof NOT_PARTICLES / sizeof *NOT_PARTICLES; i++) {
        char name[64];
        snprintf(name, sizeof name, "Omar %s Rashid", NOT_PARTICLES[i]);
        analyze(name, CORDON_KIND_PERSON);
        CHECK(tok(NOT_PARTICLES[i]) && !(tok(NOT_PARTICLES[i])->flags & CDN_TOK_PARTICLE));
    }
    static const char *const PATRONYMIC[][2] = {     /* word, whether it reads as a patronymic */
        { "ivanovich", "1" }, { "abovich", "1" }, { "petrovna", "1" }, { "mykolaivna", "1" },
        { "ivanovic", "1" }, { "ivanowitsch", "1" }, { "xovich", "0" }, { "titanic", "0" },
        { "annasa", "0" }, { "kovnax", "0" }, { "petrovnah", "0" },
    };
    for (size_t i = 0; i < sizeof PATRONYMIC / sizeof *PATRONYMIC; i++) {
        char name[64];
        snprintf(name, sizeof name, "Oleg %s Smith", PATRONYMIC[i][0]);
        analyze(name, CORDON_KIND_PERSON);
        const cdn_token *k = tok(PATRONYMIC[i][0]);
        CHECK(k != NULL);
        if (k) CHECK_INT(!!(k->flags & CDN_TOK_PATRONYMIC), PATRONYMIC[i][1][0] == '1');
    }
    static const char *const WIDE[][2] = {           /* non-ASCII at and around byte 16 */
        { "Abcdefghijklmnop Müller", "abcdefghijklmnop muller" },
        { "Abcdefghijklmno\xc3\xbc Xyz", "abcdefghijklmnou xyz" },
        { "Abcdefghijklmnopq\xc3\xbc", "abcdefghijklmnopqu" },
        { "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
          "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz 0123456789" },
    };
    for (size_t i = 0; i < sizeof WIDE / sizeof *WIDE; i++) {
        CHECK_INT(analyze(WIDE[i][0], CORDON_KIND_ANY), CORDON_OK);
        CHECK_STR(form_str(0), WIDE[i][1]);
    }
    CHECK_STR(key("abbbcddd"), "abkd");              /* doubled letters once, first one kept */
    CHECK_STR(key("llama"), "lama");
}

/* Serbian and Macedonian Cyrillic read in the Serbian Latin alphabet, folded as lists write it
 * (MILOSEVIC, CVIJANOVIC), and in the English style marked Latin gets (Vučić → vuchich). */
static void test_serbian(void)
{
    static const uint32_t VUCIC[] = { 0x412, 0x443, 0x447, 0x438, 0x45B };   /* Вучић */
    CHECK_INT(cdn_cyr_language(VUCIC, 5), CDN_LANG_SR);
    static const char *const rows[][3] = {          /* name, form 0, the English-style form */
        { "Александар Вучић", "aleksandar vucic", "aleksandar vuchich" },
        { "Александар Вукић", "aleksandar vukic", "aleksandar vukich" },
        { "Жељка Цвијановић", "zeljka cvijanovic", "zhelyka tsviyanovich" },
        { "Ђорђе Ђукановић", "djordje djukanovic", "dorde dukanovich" },
        { "Радован Караџић", "radovan karadzic", "radovan karadzhich" },
        { "Ѓорѓе Петров", "gjorgje petrov", "gorge petrov" },            /* Macedonian ѓ */
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        analyze(rows[i][0], CORDON_KIND_PERSON);
        CHECK_INT(A.forms[0].scheme, CDN_SCHEME_BGN);
        CHECK_STR(form_str(0), rows[i][1]);
        CHECK(has_form(rows[i][2]));
    }
    analyze("Aleksandar Vučić", CORDON_KIND_PERSON);   /* marked Latin meets both forms */
    CHECK(has_form("aleksandar vucic") && has_form("aleksandar vuchich"));
    analyze("Зоран Заев", CORDON_KIND_PERSON);         /* no Serbian letter: read as before */
    CHECK_STR(form_str(0), "zoran zayev");
}

/* English number words become the digits lists write (numbers meet only exactly). */
static void test_number_words(void)
{
    static const char *const rows[][2] = {
        { "Brigade Forty-Four", "brigade 44" }, { "Brigade 44", "brigade 44" },
        { "Unit Thirty Nine", "unit 39" }, { "fortyfour", "44" }, { "Zero Seven", "zero seven" },
        { "One Hundred and Five Group", "105 group" }, { "Two Thousand Ten", "2010" },
        { "Nineteen Eighty-Four", "1984" }, { "Eleven Eighty Eight Ltd", "1188 ltd" },
        { "One Two Three", "one two three" },     /* small numbers alone stay words */
        { "Hundred Flowers", "hundred flowers" },      /* alone, hundred is a word */
        { "Seventeen and Ninety", "17 and 90" },       /* and only inside a number */
        { "Sky One Construction", "sky one construction" }, { "Channel Twelve", "channel 12" },
        { "Seventies Oneness", "seventies oneness" },  /* words that only start like numbers */
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        analyze(rows[i][0], CORDON_KIND_ANY);
        CHECK_STR(form_str(0), rows[i][1]);
    }
    analyze("Brigade Forty-Four", CORDON_KIND_ORGANIZATION);
    CHECK(tok("44") && (tok("44")->flags & CDN_TOK_NUMBER));
    analyze("TEN, Sergey", CORDON_KIND_PERSON);         /* a surname (Тен), not a number */
    CHECK_STR(form_str(0), "ten sergey");
    analyze("Тен Сергей", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "ten sergey");
}

/* Katakana: small kana join their syllable, and a second form drops the vowels katakana adds to
 * foreign names. */
static void test_kana(void)
{
    analyze("バラク・オバマ", CORDON_KIND_PERSON);
    CHECK_INT(A.script, CDN_SCRIPT_KANA);
    CHECK_STR(form_str(0), "baraku obama");
    CHECK(has_form("barak obama"));
    analyze("キム・ジョンウン", CORDON_KIND_PERSON);      /* ジョ is jo, not ji yo */
    CHECK_STR(form_str(0), "kimu jonun");
    analyze("アブドゥル", CORDON_KIND_PERSON);            /* ドゥ is du (ICU writes do~u) */
    CHECK_STR(form_str(0), "abuduru");
    static const char *const rows[][2] = {
        { "baraku", "barak" }, { "toranpu", "tramp" }, { "donarudo", "donard" },
        { "doraggu", "dragg" }, { "furanku", "frank" }, { "puchin", "putin" },
        { "serugei", "sergei" }, { "vikutoru", "vikutor" }, { "robato", "robat" },
        { "obama", "obama" }, { "kimu", "kim" }, { "ku", "ku" }, { "to", "to" },
        { "jonun", "jonun" }, { "kimu jonun", "kim jonun" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char out[64];
        size_t n = cdn_kana_foreign(rows[i][0], strlen(rows[i][0]), out);
        out[n] = 0;
        CHECK_STR(out, rows[i][1]);
    }
}

/* Wade-Giles syllables read as pinyin, in a form of its own for names whose hyphen joins two. */
static void test_wade_giles(void)
{
    static const char *const rows[][2] = {
        { "hsiao", "xiao" }, { "tse", "ze" }, { "tung", "dong" }, { "chiang", "jiang" },
        { "ch'iang", "qiang" }, { "p'ing", "ping" }, { "ping", "bing" }, { "chih", "zhi" },
        { "shih", "shi" }, { "tzu", "zi" }, { "ssu", "si" }, { "kuo", "guo" }, { "ko", "ge" },
        { "lo", "luo" }, { "jo", "ruo" }, { "yen", "yan" }, { "hsieh", "xie" }, { "erh", "er" },
        { "chou", "zhou" }, { "en", "en" },
        { "jong", "" }, { "un", "" }, { "il", "" }, { "chol", "" }, { "pyong", "" }, { "sung", "song" },
        { "smith", "" }, { "ing", "" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        uint32_t cps[16];
        size_t n = 0;
        for (const char *c = rows[i][0]; *c; c++) cps[n++] = (unsigned char)*c;
        char out[16] = "";
        size_t l = cdn_wade_giles(cps, n, out, sizeof out);
        CHECK_STR(l ? out : "", rows[i][1]);
    }
    analyze("Mao Tse-tung", CORDON_KIND_PERSON);
    CHECK_STR(form_str(0), "mao tse tung");
    CHECK(has_form("mao ze dong"));
    analyze("Kim Jong-un", CORDON_KIND_PERSON);          /* McCune–Reischauer: no pinyin form */
    for (size_t f = 0; f < A.n_forms; f++) CHECK(A.forms[f].scheme != CDN_SCHEME_PINYIN);
    analyze("Ri Pyong-chol", CORDON_KIND_PERSON);
    for (size_t f = 0; f < A.n_forms; f++) CHECK(A.forms[f].scheme != CDN_SCHEME_PINYIN);
}

/* Legal forms at a name's edge written short or glued: a last word that starts a legal form's last
 * word completes the form (a name cut at a field's length), and a legal form in capitals glued to
 * a word comes off in a second form; names that merely end in those letters stay as they are. */
static void test_legal_form_edges(void)
{
    analyze("TACTICAL MISSILES CORPORATION JOINT STOCK COMPAN", CORDON_KIND_ORGANIZATION);
    CHECK_STR(form_str(0), "tactical missiles corp jsc");
    analyze("Acme Limited Liability Comp", CORDON_KIND_ANY);
    CHECK_STR(form_str(0), "acme llc");
    analyze("Joint Stock Comp Rosneft", CORDON_KIND_ANY);          /* only the name's last word */
    CHECK_STR(form_str(0), "jsc comp rosneft");
    analyze("Acme Limited Liab", CORDON_KIND_ANY);                 /* nor a word of four letters or less */
    CHECK_STR(form_str(0), "acme ltd liab");
    analyze("SiemensAG", CORDON_KIND_ANY);
    CHECK_INT(A.n_forms, 2);
    CHECK_STR(form_str(0), "siemensag");
    CHECK_STR(form_str(1), "siemens jsc");
    analyze("AcmeLLC Trading", CORDON_KIND_ANY);
    CHECK_STR(form_str(1), "acme llc trading");
    const char *names[] = { "Vasa", "Tomsa", "Ballsa", "BALLSA", "Ivan TOMSA", "SiemensAg", "IvAG" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        analyze(names[i], CORDON_KIND_ANY);
        CHECK_INT(A.n_forms, 1);
    }
    /* Written as initials: dotted, or capitals without vowel where the name has small letters (not
     * a person's); capitals alone do not tell. */
    analyze("U.S. Department of State", CORDON_KIND_ANY);
    CHECK(tok("us") && tok("us")->initials && !tok("department")->initials);
    analyze("Embassy of the DPRK", CORDON_KIND_ORGANIZATION);
    CHECK(tok("dprk") && tok("dprk")->initials);
    analyze("Embassy of the DPRK", CORDON_KIND_PERSON);
    CHECK(tok("dprk") && !tok("dprk")->initials);
    analyze("John SMITH", CORDON_KIND_ANY);
    CHECK(tok("smith") && !tok("smith")->initials);
    analyze("Acme NG Trading", CORDON_KIND_ORGANIZATION);
    CHECK(tok("ng") && !tok("ng")->initials);
    analyze("DPRK MINISTRY", CORDON_KIND_ORGANIZATION);
    CHECK(tok("dprk") && !tok("dprk")->initials);
}

/* The form of the first token flagged `flags` whose text is `text` in any form, or -1. */
static int form_with_flagged(const char *text, int flags)
{
    for (size_t f = 0; f < A.n_forms; f++)
        for (uint32_t i = 0; i < A.forms[f].n; i++) {
            const cdn_token *k = &A.tokens[A.forms[f].first + i];
            if (strcmp(cdn_tok_text(&A, k), text) == 0 && (k->flags & flags) == flags) return (int)f;
        }
    return -1;
}

/* Chinese, Japanese and Korean business words read in English (orgwords.c) in a form of their own,
 * the proper-name part left in its reading; persons and names without such words get no such form. */
static void test_org_words(void)
{
    CHECK_INT(cdn_orgwords_unsorted(), -1);          /* the look-up's binary search relies on it */
    static const struct { const char *name; int kind; const char *form; } rows[] = {
        /* simplified and traditional meet one entry; place and brand stay in pinyin */
        { "深圳海达电子科技有限公司", CORDON_KIND_ANY, "shenzhen haida electronics technology ltd" },
        { "深圳海達電子科技有限公司", CORDON_KIND_ANY, "shenzhen haida electronics technology ltd" },
        { "中国银行", CORDON_KIND_ORGANIZATION, "china bank" },                 /* Bank of China */
        { "华信船务(香港)有限公司", CORDON_KIND_ANY, "huaxin shipping hong kong ltd" },
        { "东莞圣寅数控设备有限公司", CORDON_KIND_ANY, "dongguan shengyin cnc equipment ltd" },
        { "宁波海天机床股份有限公司", CORDON_KIND_ANY, "ningbo haitian machine tool jsc" },
        { "金华市海润动力科技有限公司", CORDON_KIND_ANY, "jinhua hairun power technology ltd" },   /* 市 dropped */
        { "ABC贸易有限公司", CORDON_KIND_ANY, "abc trading ltd" },
        /* Korean: 조선 is Korea where the name starts (DPRK), shipbuilding after a name */
        { "조선련봉총회사", CORDON_KIND_ANY, "korea ryonbong general corp" },
        { "조선광선은행", CORDON_KIND_ANY, "korea kwangson bank" },
        { "조선대외건설총회사", CORDON_KIND_ORGANIZATION, "korea external construction general corp" },
        { "대우조선해양", CORDON_KIND_ORGANIZATION, "taeu shipbuilding marine" },
        { "대우조선해양", CORDON_KIND_ORGANIZATION, "daeu shipbuilding marine" },    /* RR too */
        /* Japanese kanji and kana */
        { "カザン火薬工場", CORDON_KIND_ANY, "kazan powder plant" },
        { "三菱重工業株式会社", CORDON_KIND_ANY, "sanling heavy industry jsc" },
        { "ソニーグループ", CORDON_KIND_ORGANIZATION, "soni group" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        CHECK_INT(analyze(rows[i].name, (cordon_kind)rows[i].kind), CORDON_OK);
        if (!has_form(rows[i].form)) printf("  %s: no form \"%s\"\n", rows[i].name, rows[i].form);
        CHECK(has_form(rows[i].form));
    }
    analyze("麥克維爾工業貿易有限公司", CORDON_KIND_ORGANIZATION);   /* the name rules run on the form */
    CHECK(form_with_flagged("trading", CDN_TOK_GENERIC) >= 0);
    CHECK(form_with_flagged("ltd", CDN_TOK_LEGAL_FORM) >= 0);
    /* no such form: persons, a single word in a name of unknown kind, names of other scripts */
    static const struct { const char *name; int kind; const char *word; } none[] = {
        { "中国银行", CORDON_KIND_PERSON, "bank" },
        { "海达电子", CORDON_KIND_ANY, "electronics" },            /* one word: could be a name */
        { "海达电子", CORDON_KIND_VESSEL, "electronics" },
        { "조선광선은행", CORDON_KIND_PERSON, "bank" },
        { "王建国", CORDON_KIND_ORGANIZATION, "china" },
        { "Иван贸易有限公司", CORDON_KIND_ORGANIZATION, "trading" },   /* another script: no reading */
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        CHECK_INT(analyze(none[i].name, (cordon_kind)none[i].kind), CORDON_OK);
        CHECK(form_with_flagged(none[i].word, 0) < 0);
    }
    analyze("习近平", CORDON_KIND_ANY);                              /* a person's forms, as before */
    CHECK_STR(form_str(0), "xi jinping");
    CHECK_INT(A.n_forms, 7);
    /* a run longer than the segmentation reads, and lone jamo: no form, no failure */
    char longname[64 * 3 + 16] = "";
    for (int i = 0; i < 60; i++) strcat(longname, "贸");
    strcat(longname, "有限公司");
    CHECK_INT(analyze(longname, CORDON_KIND_ORGANIZATION), CORDON_OK);
    CHECK_INT(analyze("\xE1\x84\x80조선은행", CORDON_KIND_ORGANIZATION), CORDON_OK);
}

int main(void)
{
    if (cdn_text_open(&T) != CORDON_OK) return 1;
    RUN(test_latin_folding);
    RUN(test_cyrillic);
    RUN(test_arabic);
    RUN(test_latin_arabic_compounds);
    RUN(test_other_scripts);
    RUN(test_keys);
    RUN(test_name_rules);
    RUN(test_similarity);
    RUN(test_bad_input);
    RUN(test_random_input);
    RUN(test_forms_api);
    RUN(test_real_pairs);
    RUN(test_variant_spellings);
    RUN(test_memos_change_nothing);
    RUN(test_unreadable_first_name);
    RUN(test_fast_paths_agree);
    RUN(test_serbian);
    RUN(test_number_words);
    RUN(test_kana);
    RUN(test_wade_giles);
    RUN(test_legal_form_edges);
    RUN(test_org_words);
    RUN(test_abjad_and_indic_scripts);
    RUN(test_unread_words);
    RUN(test_random_in_new_scripts);
    RUN(test_nicknames);
    cdn_analysis_free(&A);
    cdn_text_close(T);
    return CHECK_DONE();
}
