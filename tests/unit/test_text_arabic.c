/* test_text_arabic.c — table tests of Arabic-script romanization: real spellings the lists use for a
 * name written in Arabic, Persian, Pashto or Urdu must be among the forms cdn_analyze makes. */
#include "../check.h"
#include "text_helpers.h"
#include "text/text_int.h"

static cdn_text *T;
static cdn_analysis A;

/* Analyses `name` and checks that one of its forms is spelled `want`. */
static void expect_form(const char *name, const char *want)
{
    if (cdn_analyze(T, name, strlen(name), CORDON_KIND_PERSON, &A) != CORDON_OK) {
        check_failed++;
        fprintf(stderr, "  cdn_analyze failed on %s\n", name);
        return;
    }
    if (find_form(&A, -1, want)) { check_passed++; return; }
    check_failed++;
    fprintf(stderr, "  %s: no form \"%s\"\n", name, want);
    dump_forms(&A, name);
}

/* Analyses `name` and checks that none of its forms is spelled `unwanted`. */
static void expect_no_form(const char *name, const char *unwanted)
{
    CHECK(cdn_analyze(T, name, strlen(name), CORDON_KIND_PERSON, &A) == CORDON_OK);
    if (!find_form(&A, -1, unwanted)) { check_passed++; return; }
    check_failed++;
    fprintf(stderr, "  %s: unexpected form \"%s\"\n", name, unwanted);
    dump_forms(&A, name);
}

typedef struct { const char *arabic, *latin; } equivalence;

/* A consonant opens a new syllable after a long vowel in Arabic (not in Persian, where
 * Pasdaran has CVVC); CaCiC participles; CiyāC. */
static void test_syllables(void)
{
    static const equivalence E[] = {
        { "جودت", "jawdat" },            /* aw + C + C: Jawdat */
        { "مهاجر", "muhajir" },          /* muCāCiC */
        { "هاشمي", "hashimi" },          /* CāCiCi */
        { "سالک", "salek" },             /* Persian kaf: CāCeC all the same */
        { "پاسداران", "pasdaran" },      /* Persian: no vowel after the long ā */
        { "زياد", "ziad" },              /* CiyāC, popular style drops the y */
        { "غياث", "ghiyath" },           /* … the scholarly one keeps it */
        { "سيندي", "sindi" },            /* ī before a cluster is not the diphthong ay */
        { "قزويني", "qazwini" },         /* waw before ī: no u after the closed syllable */
        { "درويش", "darwish" },
        { "حويش", "huwaysh" },           /* CuwayC, the diminutive of a hollow root */
        { "الدويك", "al duwayk" },
        { "فوز", "fawz" },               /* the diphthong aw in three letters too … */
        { "فوز", "foz" },                /* … popular o */
    };
    for (size_t i = 0; i < sizeof E / sizeof *E; i++) expect_form(E[i].arabic, E[i].latin);
}

/* What the letters and the word patterns tell about the unwritten vowels and doubling: the seat
 * of a hamza, the mu- of derived participles, the masdars of forms VIII and X, broken plurals,
 * the CaCCāC family names of trades. */
static void test_patterns(void)
{
    static const equivalence E[] = {
        { "فؤاد", "fuad" },                  /* hamza on waw: u before it */
        { "مطمئن", "mutmain" },              /* hamza on ya: i after it; mu- of form IV */
        { "مستضعفین", "mostazafin" },        /* form X participle, Persian mo- */
        { "المسلمين", "al muslimin" },       /* the plural -in is of people: a participle */
        { "المتحدون", "al mutahidun" },      /* m + t: forms V, VI, VIII */
        { "اتحاد", "ittihad" },              /* form VIII masdar of a w- root */
        { "اجتماع", "ijtima" },
        { "استقلال", "istiqlal" },           /* form X masdar */
        { "روافد", "rawafid" },              /* broken plural CaCāCiC */
        { "يوسف الحداد", "youssef al haddad" },    /* CaCCāC after the article */
        { "الصباغ", "al sabbagh" },
        { "المراني", "al marrani" },         /* … with the nisba */
    };
    for (size_t i = 0; i < sizeof E / sizeof *E; i++) expect_form(E[i].arabic, E[i].latin);
    /* Known names and nouns of place keep their reading. */
    static const equivalence KEEP[] = {
        { "عبد السلام", "abdul salam" }, { "الجمال", "al jamal" }, { "مدرسة", "madrasa" },
        { "محمود", "mahmoud" },
    };
    for (size_t i = 0; i < sizeof KEEP / sizeof *KEEP; i++) expect_form(KEEP[i].arabic, KEEP[i].latin);
}

/* Compounds: Allah after a CaCC noun, the Indo-Persian article, fused Persian names, a nisba on a
 * known name, Pashto -zai only in Persian letters. */
static void test_compounds(void)
{
    static const equivalence E[] = {
        { "حمد الله نعمانى", "hamdullah nomani" },
        { "ضیا الرحمان مدنی", "zia ur rahman madani" },
        { "علیرضا زاکانی", "alireza zakani" },
        { "عباسی", "abbasi" },
        { "نورزی", "nurzai" },
        { "الحرزي", "al harzi" },                  /* Arabic nisba, not Pashto -zai */
        { "والجهاد", "wal jihad" },
        { "ابوالقاسم", "abul qassem" },            /* Abu al- in the popular style */
        { "أبوغيث", "abu ghaith" },                /* a fused Abu */
        { "عبدالحی", "abdul hai" },                /* al-Hayy */
        { "ذوالفقار", "zulfaqar" },                /* Dhu al- fused with its noun */
        { "اسحاقزی", "ishaqzai" },                 /* Pashto -zai on a known name */
        { "خدايداد", "khudaidad" },                /* two known words fused */
        { "خدادادی", "khodadadi" },                /* a nisba on a known name, Iranian */
        { "عز الدين", "ezz uddin" },              /* -eddine, -uddin: one spelling (names.c) */
    };
    for (size_t i = 0; i < sizeof E / sizeof *E; i++) expect_form(E[i].arabic, E[i].latin);
    /* Without a Persian letter the name is read as Arabic: no Indo-Persian article. */
    CHECK(cdn_analyze(T, "شمس الرحمن", strlen("شمس الرحمن"), CORDON_KIND_PERSON, &A) == CORDON_OK);
    CHECK(find_form(&A, -1, "shams al rahman") != NULL);
}

/* The Maghrebi (French) spelling of words not in the lexicon: dj, ch, k, ou. */
static void test_maghrebi(void)
{
    static const equivalence E[] = {
        { "عاشور", "achour" },
        { "مرزوق", "merzouk" },
        { "بوجمعة", "boudjema" },
        { "جرمان", "djerman" },
        { "محمد بن عمر", "mohamed ben omar" },     /* known names in Maghrebi spelling */
        { "طارق بن الطاهر", "tarek ben taher" },   /* no article on the father's name after ben */
        { "جمال", "djamel" },
    };
    for (size_t i = 0; i < sizeof E / sizeof *E; i++) expect_form(E[i].arabic, E[i].latin);
}

/* Names in Persian letters take Iranian and Afghan spellings in the popular style. */
static void test_persian(void)
{
    static const equivalence E[] = {
        { "مرتضی میرزایی", "morteza mirzai" },     /* no glide y between ā and ī */
        { "کیومرث حیدری", "kayoumars heidari" },   /* the two-consonant coda: -mars */
        { "خدای نظر", "khudai nazar" },
        { "محمد حسینی", "mohammad hosseini" },
        { "روحانی", "rouhani" },                   /* Iranian ou for a long u */
        { "انقلاب اسلامی", "enqelab islami" },     /* the masdar's e, in the e-style */
        { "افشاری", "afshari" },                   /* … which Persian aCCāC names do not take */
        { "علیرضا", "ali reza" },                  /* fused names come both ways */
        { "علیرضا", "alireza" },
        { "محمدعبد الکریم", "mohammad abdul karim" },   /* Iranian spelling when fused */
        { "سید علی", "seyed ali" },                /* Iranian spelling of known names … */
        { "سید علی", "sayed ali" },                /* … and the one Afghan lists share */
        { "خیرالله", "kheirullah" },               /* Iranian ei, Afghan ai */
        { "خیرالله", "khairullah" },               /* Afghan and South Asian: one word, -ullah */
        { "رستم حنفی حبیب الله", "rustam hanafi habibullah" },
        { "عزیز الرحمان عبد الاحد", "azizurrahman abdul ahad" },
        { "نور الدین", "noor uddin" },
        { "محمد گل", "mohammad gol" },             /* a known name starting with a Persian letter */
        { "محمد گل", "muhammad gul" },
        { "پرویز", "parviz" },                     /* waw before ī opens its syllable */
        { "گودرز", "gudarz" },                     /* a sonorant and a consonant end the word */
        { "گودرز", "goudarz" },
        { "كُل آغا اسحاقزی", "gul agha ishaqzai" }, /* Arabic kaf typed for gaf beside Persian ye */
        { "كُل آغا اسحاقزی", "gol agha ishaqzai" },
        { "ملیكا", "melika" },                     /* … only where that makes a known name */
    };
    for (size_t i = 0; i < sizeof E / sizeof *E; i++) expect_form(E[i].arabic, E[i].latin);
    expect_no_form("كل محمد", "gul muhammad");    /* no Persian letters: the Arabic word kull */
    expect_no_form("ستاد کل", "satad gul");       /* the Persian kaf is k: Persian kol, general */
}

/* Common names whose short vowels or doubled letters no rule can guess. */
static void test_lexicon(void)
{
    CHECK_INT(cdn_ar_lexicon_unreachable(), -1);      /* every entry in binary-search order */
    /* Organisation words take the English word lists translate them with. */
    expect_form("جبهة النصرة", "front al nasra");
    expect_form("گروه صنایع فجر", "group industry fajr");
    expect_form("شركة بنك الخليج المحدودة", "company bank al khalij ltd");
    static const equivalence E[] = {
        { "حكمت", "hikmat" }, { "غسان", "ghassan" }, { "عصام", "issam" }, { "مبارك", "mubarak" },
        { "انتصار", "intissar" }, { "منذر", "mundhir" }, { "سهيل", "sohail" },
        /* the first and last entries, and hamza alefs, which the lexicon spells bare */
        { "ابو", "abu" }, { "يوسفي", "yousefi" }, { "أسامة", "osama" }, { "إسماعيل", "ismail" },
        { "آدم", "adam" },
        /* organisation words lists write in the construct state */
        { "جمعية", "jamiat" }, { "جمعیت اسلامی", "jamiat islami" },
    };
    for (size_t i = 0; i < sizeof E / sizeof *E; i++) expect_form(E[i].arabic, E[i].latin);
}

/* Written short vowels, sukun and shadda are read where a word carries them; a vowel mark before
 * its own long vowel letter adds nothing. */
static void test_marks(void)
{
    static const equivalence E[] = {
        { "كُل", "kul" }, { "فيّاض", "fayyad" }, { "مُتيّم", "mutayyam" }, { "نوّاف", "nawwaf" },
        { "مُحَمَّد", "muhammad" }, { "حُسَيْن", "husayn" }, { "عُمَر", "omar" },
    };
    for (size_t i = 0; i < sizeof E / sizeof *E; i++) expect_form(E[i].arabic, E[i].latin);
}

/* Each Arabic word is prepared once for all styles, beside Cyrillic ones in the same name; every
 * style still reads its own spelling. */
static void test_prepared_once(void)
{
    expect_form("Иван محمد گل", "ivan muhammad gul");
    expect_form("Иван محمد گل", "ivan mohammad gol");
    expect_form("عبدالله عبدالله", "abdullah abdullah");
}

/* Broken or odd input still gives forms, never a crash. */
static void test_edges(void)
{
    static const char *const odd[] = { "ال", "الله", "وال", "عبدا", "ي", "ىىىى", "ـــ", "گل",
                                       "\u0651", "\u064E\u0628", "\u0628\u0651\u0651\u0652\u064F",
                                       "\u0648\u0651", "\u064A\u0651\u0627" };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        CHECK(cdn_analyze(T, odd[i], strlen(odd[i]), CORDON_KIND_ANY, &A) == CORDON_OK);
    char long_name[3 * 400 + 1];
    for (size_t i = 0; i < 400; i++) memcpy(long_name + 2 * i, "ب", 2);
    long_name[800] = 0;
    CHECK(cdn_analyze(T, long_name, 800, CORDON_KIND_ANY, &A) == CORDON_OK);
}

int main(void)
{
    if (cdn_text_open(&T) != CORDON_OK) return 2;
    A.open_form = -1;
    RUN(test_syllables);
    RUN(test_patterns);
    RUN(test_compounds);
    RUN(test_maghrebi);
    RUN(test_persian);
    RUN(test_lexicon);
    RUN(test_marks);
    RUN(test_prepared_once);
    RUN(test_edges);
    cdn_analysis_free(&A);
    cdn_text_close(T);
    return CHECK_DONE();
}
