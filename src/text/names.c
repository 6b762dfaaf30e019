/* names.c — name structure: titles dropped, particles and patronymics flagged, company legal forms
 * mapped to a class token, generic company words (in English, Russian, Ukrainian, Belarusian, any
 * inflection) to one canonical word and flagged, Arabic Abd al- compounds.
 * Invariant: the word tables are static const; their look-up index lives on the cdn_text handle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text/text_int.h"

enum { W_TITLE, W_LEGAL, W_GENERIC, W_VESSEL };
#define W_EDGE 0x80     /* only as the first or last token (short forms that are also words) */

typedef struct { const char *words; const char *canon; uint8_t kind; } word_entry;

/* Words are matched on their phonetic key (so Cyrillic romanized by any scheme meets), except
 * words under four letters, which must match exactly. */
static const word_entry WORDS[] = {
    /* Titles and honorifics (persons). */
    { "mr", NULL, W_TITLE }, { "mrs", NULL, W_TITLE }, { "ms", NULL, W_TITLE },
    { "miss", NULL, W_TITLE }, { "mister", NULL, W_TITLE }, { "dr", NULL, W_TITLE },
    { "doctor", NULL, W_TITLE }, { "prof", NULL, W_TITLE }, { "professor", NULL, W_TITLE },
    { "haji", NULL, W_TITLE }, { "hajji", NULL, W_TITLE }, { "hadji", NULL, W_TITLE },
    { "hajj", NULL, W_TITLE }, { "haj", NULL, W_TITLE }, { "alhaj", NULL, W_TITLE },
    { "alhaji", NULL, W_TITLE }, { "alhajj", NULL, W_TITLE }, { "mullah", NULL, W_TITLE },
    { "mulla", NULL, W_TITLE }, { "molla", NULL, W_TITLE }, { "maulana", NULL, W_TITLE },
    { "mawlana", NULL, W_TITLE }, { "maulvi", NULL, W_TITLE }, { "mawlawi", NULL, W_TITLE },
    { "moulvi", NULL, W_TITLE }, { "molvi", NULL, W_TITLE }, { "mawlavi", NULL, W_TITLE },
    { "sheikh", NULL, W_TITLE }, { "shaikh", NULL, W_TITLE }, { "sheik", NULL, W_TITLE },
    { "shaykh", NULL, W_TITLE }, { "sayyid", NULL, W_TITLE }, { "sayyed", NULL, W_TITLE },
    { "seyyed", NULL, W_TITLE }, { "general", NULL, W_TITLE }, { "gen", NULL, W_TITLE },
    { "colonel", NULL, W_TITLE }, { "col", NULL, W_TITLE }, { "lieutenant", NULL, W_TITLE },
    { "lt", NULL, W_TITLE }, { "major", NULL, W_TITLE }, { "captain", NULL, W_TITLE },
    { "capt", NULL, W_TITLE }, { "brigadier", NULL, W_TITLE }, { "admiral", NULL, W_TITLE },
    { "commander", NULL, W_TITLE }, { "sir", NULL, W_TITLE }, { "lord", NULL, W_TITLE },
    { "lady", NULL, W_TITLE }, { "dame", NULL, W_TITLE }, { "eng", NULL, W_TITLE },
    { "engr", NULL, W_TITLE }, { "qari", NULL, W_TITLE }, { "mufti", NULL, W_TITLE },
    { "hon", NULL, W_TITLE }, { "gospodin", NULL, W_TITLE },
    /* Offices a name is said with (President Lukashenko, Ayatollah Khamenei). Not King, Prince,
     * Sultan, Amir or Imam: names of their own too (Sultan Bashir-ud-Din Mahmood). */
    { "president", NULL, W_TITLE }, { "premier", NULL, W_TITLE }, { "chancellor", NULL, W_TITLE },
    { "minister", NULL, W_TITLE }, { "senator", NULL, W_TITLE }, { "governor", NULL, W_TITLE },
    { "ayatollah", NULL, W_TITLE }, { "ayatullah", NULL, W_TITLE }, { "marshal", NULL, W_TITLE },
    /* A ship's type before its name (MV ADRIAN DARYA 1, M/T …): a vessel's, or a name's of unknown
     * kind when written as one word (M. V. Smith keeps his initials). */
    { "mv", NULL, W_VESSEL }, { "mt", NULL, W_VESSEL }, { "mts", NULL, W_VESSEL },
    { "m v", NULL, W_VESSEL }, { "m t", NULL, W_VESSEL },
    /* Legal forms → class. */
    { "llc", "llc", W_LEGAL }, { "ooo", "llc", W_LEGAL }, { "tov", "llc", W_LEGAL },
    { "gmbh", "llc", W_LEGAL }, { "sarl", "llc", W_LEGAL }, { "srl", "llc", W_LEGAL },
    { "sro", "llc", W_LEGAL }, { "spzoo", "llc", W_LEGAL }, { "sp z oo", "llc", W_LEGAL },
    { "kft", "llc", W_LEGAL }, { "bv", "llc", W_LEGAL | W_EDGE }, { "too", "llc", W_LEGAL | W_EDGE },
    { "mchj", "llc", W_LEGAL }, { "mmc", "llc", W_LEGAL }, { "odo", "llc", W_LEGAL },
    { "llp", "llc", W_LEGAL }, { "taa", "llc", W_LEGAL }, { "aat", "jsc", W_LEGAL },
    { "zat", "jsc", W_LEGAL }, { "tdv", "llc", W_LEGAL },
    { "tavarystva z abmezhavanay adkaznastsyu", "llc", W_LEGAL },
    { "adkrytaye aktsyyanernaye tavarystva", "jsc", W_LEGAL },
    { "aktsyyanernaye tavarystva", "jsc", W_LEGAL }, { "eurl", "llc", W_LEGAL }, { "sas", "llc", W_LEGAL | W_EDGE },
    { "fzllc", "llc", W_LEGAL }, { "fz llc", "llc", W_LEGAL }, { "fze", "llc", W_LEGAL },
    { "fzco", "llc", W_LEGAL }, { "fzc", "llc", W_LEGAL },
    { "limited liability company", "llc", W_LEGAL },
    { "limited liability partnership", "llc", W_LEGAL },
    { "obshchestvo s ogranichennoy otvetstvennostyu", "llc", W_LEGAL },
    { "tovarystvo z obmezhenoyu vidpovidalnistyu", "llc", W_LEGAL },
    { "gesellschaft mit beschrankter haftung", "llc", W_LEGAL },
    { "societe a responsabilite limitee", "llc", W_LEGAL },
    { "sociedad de responsabilidad limitada", "llc", W_LEGAL },
    { "societa a responsabilita limitata", "llc", W_LEGAL },
    { "societatea cu raspundere limitata", "llc", W_LEGAL },
    { "societate cu raspundere limitata", "llc", W_LEGAL },
    { "spolka z ograniczona odpowiedzialnoscia", "llc", W_LEGAL },
    { "spolecnost s rucenim omezenym", "llc", W_LEGAL },
    { "korlatolt felelossegu tarsasag", "llc", W_LEGAL },
    { "besloten vennootschap", "llc", W_LEGAL }, { "sociedade limitada", "llc", W_LEGAL },
    { "dooel", "llc", W_LEGAL }, { "eood", "llc", W_LEGAL }, { "ood", "llc", W_LEGAL | W_EDGE },
    { "uab", "llc", W_LEGAL },
    { "aps", "llc", W_LEGAL | W_EDGE }, { "lda", "llc", W_LEGAL | W_EDGE },
    { "jsc", "jsc", W_LEGAL }, { "ao", "jsc", W_LEGAL | W_EDGE }, { "pjsc", "jsc", W_LEGAL },
    { "pao", "jsc", W_LEGAL }, { "ojsc", "jsc", W_LEGAL }, { "oao", "jsc", W_LEGAL },
    { "cjsc", "jsc", W_LEGAL }, { "zao", "jsc", W_LEGAL }, { "nao", "jsc", W_LEGAL | W_EDGE },
    { "ag", "jsc", W_LEGAL | W_EDGE }, { "sa", "jsc", W_LEGAL | W_EDGE }, { "plc", "jsc", W_LEGAL },
    { "nv", "jsc", W_LEGAL | W_EDGE }, { "spa", "jsc", W_LEGAL | W_EDGE },
    { "ab", "jsc", W_LEGAL | W_EDGE }, { "asa", "jsc", W_LEGAL | W_EDGE },
    { "pat", "jsc", W_LEGAL | W_EDGE }, { "prat", "jsc", W_LEGAL }, { "jscb", "jsc", W_LEGAL },
    { "joint stock company", "jsc", W_LEGAL }, { "open joint stock company", "jsc", W_LEGAL },
    { "closed joint stock company", "jsc", W_LEGAL }, { "public joint stock company", "jsc", W_LEGAL },
    { "private joint stock company", "jsc", W_LEGAL }, { "joint stock", "jsc", W_LEGAL },
    { "aktsionernoye obshchestvo", "jsc", W_LEGAL },
    { "publichnoye aktsionernoye obshchestvo", "jsc", W_LEGAL },
    { "otkrytoye aktsionernoye obshchestvo", "jsc", W_LEGAL },
    { "zakrytoye aktsionernoye obshchestvo", "jsc", W_LEGAL },
    { "aktsionerne tovarystvo", "jsc", W_LEGAL },
    { "pryvatne aktsionerne tovarystvo", "jsc", W_LEGAL },
    { "publichne aktsionerne tovarystvo", "jsc", W_LEGAL },
    { "aktiengesellschaft", "jsc", W_LEGAL }, { "societe anonyme", "jsc", W_LEGAL },
    { "sociedad anonima", "jsc", W_LEGAL }, { "public limited company", "jsc", W_LEGAL },
    { "societa per azioni", "jsc", W_LEGAL }, { "naamloze vennootschap", "jsc", W_LEGAL },
    { "aktiebolag", "jsc", W_LEGAL }, { "kabushiki kaisha", "jsc", W_LEGAL },
    { "societatea pe actiuni", "jsc", W_LEGAL }, { "societate pe actiuni", "jsc", W_LEGAL },
    { "spolka akcyjna", "jsc", W_LEGAL }, { "akciova spolecnost", "jsc", W_LEGAL },
    { "sociedade anonima", "jsc", W_LEGAL }, { "anonim sirketi", "jsc", W_LEGAL },
    { "aktsiaselts", "jsc", W_LEGAL }, { "akcine bendrove", "jsc", W_LEGAL },
    { "zrt", "jsc", W_LEGAL }, { "nyrt", "jsc", W_LEGAL }, { "ead", "jsc", W_LEGAL | W_EDGE },
    { "oyj", "jsc", W_LEGAL },
    { "ltd", "ltd", W_LEGAL }, { "limited", "ltd", W_LEGAL }, { "co ltd", "ltd", W_LEGAL },
    { "coltd", "ltd", W_LEGAL }, { "company limited", "ltd", W_LEGAL },
    { "company ltd", "ltd", W_LEGAL }, { "co limited", "ltd", W_LEGAL },
    { "pte ltd", "ltd", W_LEGAL }, { "pvt ltd", "ltd", W_LEGAL }, { "private limited", "ltd", W_LEGAL },
    { "pty ltd", "ltd", W_LEGAL }, { "ltda", "ltd", W_LEGAL }, { "limitada", "ltd", W_LEGAL },
    { "sdn bhd", "ltd", W_LEGAL }, { "bhd", "ltd", W_LEGAL }, { "berhad", "ltd", W_LEGAL },
    { "corp", "corp", W_LEGAL }, { "corporation", "corp", W_LEGAL }, { "inc", "inc", W_LEGAL },
    { "incorporated", "inc", W_LEGAL },
    { "youxian gongsi", "ltd", W_LEGAL }, { "gufen youxian gongsi", "jsc", W_LEGAL },
    { "youxian zeren gongsi", "llc", W_LEGAL }, { "jusikhoesa", "jsc", W_LEGAL },
    { "chusikhoesa", "jsc", W_LEGAL },
    /* Generic words of company names. */
    { "co", "company", W_GENERIC }, { "company", "company", W_GENERIC },
    { "kompaniya", "company", W_GENERIC }, { "sharika", "company", W_GENERIC },
    { "sharikat", "company", W_GENERIC }, { "shirkat", "company", W_GENERIC },
    { "sherkat", "company", W_GENERIC }, { "trading", NULL, W_GENERIC }, { "trade", NULL, W_GENERIC },
    { "general", NULL, W_GENERIC }, { "group", NULL, W_GENERIC }, { "gruppa", "group", W_GENERIC },
    { "bank", NULL, W_GENERIC }, { "banking", "bank", W_GENERIC }, { "international", NULL, W_GENERIC },
    { "intl", "international", W_GENERIC }, { "industrial", "industry", W_GENERIC },
    { "industries", "industry", W_GENERIC }, { "industry", NULL, W_GENERIC },
    { "holding", NULL, W_GENERIC }, { "holdings", "holding", W_GENERIC },
    { "import", NULL, W_GENERIC }, { "export", NULL, W_GENERIC }, { "shipping", NULL, W_GENERIC },
    { "commercial", NULL, W_GENERIC }, { "investment", NULL, W_GENERIC },
    { "investments", "investment", W_GENERIC }, { "development", NULL, W_GENERIC },
    { "foreign", NULL, W_GENERIC }, { "national", NULL, W_GENERIC }, { "state", NULL, W_GENERIC },
    { "enterprise", NULL, W_GENERIC }, { "enterprises", "enterprise", W_GENERIC },
    { "services", NULL, W_GENERIC }, { "service", NULL, W_GENERIC },
    { "technology", NULL, W_GENERIC }, { "technologies", "technology", W_GENERIC },
    { "engineering", NULL, W_GENERIC }, { "construction", NULL, W_GENERIC },
    { "logistics", NULL, W_GENERIC }, { "global", NULL, W_GENERIC }, { "the", NULL, W_GENERIC },
    { "and", NULL, W_GENERIC }, { "of", NULL, W_GENERIC }, { "for", NULL, W_GENERIC },
    { "muassasa", NULL, W_GENERIC }, { "center", NULL, W_GENERIC },
    { "centre", "center", W_GENERIC }, { "gongsi", "company", W_GENERIC },
    { "jituan", "group", W_GENERIC }, { "maoyi", "trading", W_GENERIC },
    /* Arabic and Persian organisation words, as the romanizer spells them, take the English word
     * lists translate them with (Jabhat al-Nusra = al-Nusra Front, گروه صنایع = Industrial Group). */
    { "majmua", "group", W_GENERIC }, { "majmouat", "group", W_GENERIC }, { "majmuat", "group", W_GENERIC },
    { "guruh", "group", W_GENERIC }, { "gorouh", "group", W_GENERIC }, { "goruh", "group", W_GENERIC },
    { "sanayi", "industry", W_GENERIC }, { "sanaye", "industry", W_GENERIC },
    { "sinati", "industry", W_GENERIC }, { "sanati", "industry", W_GENERIC },
    { "markaz", "center", W_GENERIC }, { "wizara", "ministry", W_GENERIC },
    { "wizarat", "ministry", W_GENERIC }, { "vezarat", "ministry", W_GENERIC },
    { "wazara", "ministry", W_GENERIC }, { "wazarat", "ministry", W_GENERIC },
    { "maktab", "bureau", W_GENERIC }, { "daftar", "bureau", W_GENERIC }, { "office", "bureau", W_GENERIC },
    { "difa", "defence", W_GENERIC }, { "defa", "defence", W_GENERIC }, { "dafa", "defence", W_GENERIC },
    { "force", "force", W_GENERIC }, { "forces", "force", W_GENERIC }, { "niruyi", "force", W_GENERIC },
    { "niruye", "force", W_GENERIC }, { "amniyat", "security", W_GENERIC },
    { "mahduda", "ltd", W_LEGAL }, { "mahdouda", "ltd", W_LEGAL }, { "al mahduda", "ltd", W_LEGAL },
    { "al mahdouda", "ltd", W_LEGAL },
    { "tijariya", "commercial", W_GENERIC }, { "tejariya", "commercial", W_GENERIC },
    { "tijara", "trading", W_GENERIC }, { "tijarat", "trading", W_GENERIC }, { "tejarat", "trading", W_GENERIC },
    { "bunyad", "fund", W_GENERIC }, { "bonyad", "fund", W_GENERIC },
    { "front", "front", W_GENERIC }, { "jabha", "front", W_GENERIC }, { "jabhat", "front", W_GENERIC },
    { "haraka", "movement", W_GENERIC }, { "harakat", "movement", W_GENERIC },
    { "sirafa", "exchange", W_GENERIC }, { "sarafa", "exchange", W_GENERIC },
    { "sarrafi", "exchange", W_GENERIC }, { "sarafi", "exchange", W_GENERIC },
    { "sazman", "organization", W_GENERIC }, { "muassasat", "muassasa", W_GENERIC },
    { "muassisa", "muassasa", W_GENERIC }, { "moassese", "muassasa", W_GENERIC },
    { "network", "network", W_GENERIC }, { "shabaka", "network", W_GENERIC },
    { "shabakat", "network", W_GENERIC }, { "shabka", "network", W_GENERIC },
    { "chebka", "network", W_GENERIC },
    /* Generic organisation words in English: the canonical words the stems below map to (their
     * own canonical word too, so that a spelling with the same key, "kontsern", takes it). */
    { "plant", "plant", W_GENERIC }, { "plants", "plant", W_GENERIC },
    { "factory", "plant", W_GENERIC },
    { "factories", "plant", W_GENERIC }, { "works", "plant", W_GENERIC },
    { "institute", "institute", W_GENERIC }, { "research", "research", W_GENERIC },
    { "scientific", "scientific", W_GENERIC }, { "production", "production", W_GENERIC },
    { "federal", "federal", W_GENERIC }, { "unitary", "unitary", W_GENERIC },
    { "central", "central", W_GENERIC }, { "system", "system", W_GENERIC },
    { "systems", "system", W_GENERIC }, { "bureau", "bureau", W_GENERIC },
    { "design", "design", W_GENERIC }, { "concern", "concern", W_GENERIC },
    { "airline", "airline", W_GENERIC }, { "airlines", "airline", W_GENERIC },
    { "airways", "airline", W_GENERIC }, { "air", "airline", W_GENERIC }, { "public", "public", W_GENERIC },
    { "society", "society", W_GENERIC }, { "organization", "organization", W_GENERIC },
    { "organisation", "organization", W_GENERIC }, { "agency", "agency", W_GENERIC },
    { "fund", "fund", W_GENERIC }, { "fond", "fund", W_GENERIC }, { "foundation", "fund", W_GENERIC },
    { "union", "union", W_GENERIC },
    { "movement", "movement", W_GENERIC }, { "exchange", "exchange", W_GENERIC },
    { "insurance", "insurance", W_GENERIC }, { "credit", "credit", W_GENERIC },
    { "financial", "financial", W_GENERIC }, { "special", "special", W_GENERIC },
    { "main", "main", W_GENERIC },
    { "military", "military", W_GENERIC }, { "defence", "defence", W_GENERIC },
    { "defense", "defence", W_GENERIC }, { "ministry", "ministry", W_GENERIC },
    { "mechanical", "mechanical", W_GENERIC }, { "repair", "repair", W_GENERIC },
    { "technological", "technological", W_GENERIC }, { "transport", "transport", W_GENERIC },
    { "transportation", "transport", W_GENERIC }, { "security", "security", W_GENERIC },
    { "united", "united", W_GENERIC }, { "open", "open", W_GENERIC }, { "closed", "closed", W_GENERIC },
    { "private", "private", W_GENERIC }, { "state owned", "state", W_GENERIC },
    { "association", "association", W_GENERIC }, { "budget", "budget", W_GENERIC },
    { "budgetary", "budget", W_GENERIC }, { "educational", "educational", W_GENERIC },
    { "institution", "institution", W_GENERIC }, { "shipping company", "shipping", W_GENERIC },
    /* Business abbreviations, as payment messages and registers cut words (Korea Ryonbong Genl
     * Corp for its General Corporation). */
    { "genl", "general", W_GENERIC }, { "natl", "national", W_GENERIC }, { "trdg", "trading", W_GENERIC },
    { "shpg", "shipping", W_GENERIC }, { "assn", "association", W_GENERIC },
    { "assoc", "association", W_GENERIC }, { "svcs", "services", W_GENERIC },
    { "manufacturing", "manufacturing", W_GENERIC }, { "mfg", "manufacturing", W_GENERIC },
    { "management", "management", W_GENERIC }, { "mgmt", "management", W_GENERIC },
    { "department", "department", W_GENERIC }, { "dept", "department", W_GENERIC },
    /* Legal forms spelled with the canonical words above (a Russian АО, ОАО, ФГУП … whose
     * words the stems rewrote) and state enterprises (ФГУП, ГУП, ФКП, МУП, ДП …). */
    { "jsc society", "jsc", W_LEGAL }, { "open jsc society", "jsc", W_LEGAL },
    { "closed jsc society", "jsc", W_LEGAL }, { "public jsc society", "jsc", W_LEGAL },
    { "private jsc society", "jsc", W_LEGAL }, { "open jsc", "jsc", W_LEGAL },
    { "closed jsc", "jsc", W_LEGAL }, { "public jsc", "jsc", W_LEGAL },
    { "private jsc", "jsc", W_LEGAL }, { "akb", "jsc", W_LEGAL },
    { "obshchestva s ogranichennoy otvetstvennostyu", "llc", W_LEGAL },
    { "tovarishchestvo s ogranichennoy otvetstvennostyu", "llc", W_LEGAL },
    { "tovarishchestva s ogranichennoy otvetstvennostyu", "llc", W_LEGAL },
    { "zhauapkershiligi shekteuli seriktestigi", "llc", W_LEGAL },
    { "zhauapkershilihi shekteuli seriktestihi", "llc", W_LEGAL },
    { "zhshs", "llc", W_LEGAL }, { "zhchk", "llc", W_LEGAL },
    { "sue", "sue", W_LEGAL | W_EDGE }, { "fsue", "sue", W_LEGAL }, { "fgup", "sue", W_LEGAL },
    { "gup", "sue", W_LEGAL }, { "fkp", "sue", W_LEGAL }, { "mup", "sue", W_LEGAL },
    { "federal state unitary enterprise", "sue", W_LEGAL },
    { "state unitary enterprise", "sue", W_LEGAL }, { "federal state enterprise", "sue", W_LEGAL },
    { "state enterprise", "sue", W_LEGAL }, { "federal enterprise", "sue", W_LEGAL },
    { "state owned enterprise", "sue", W_LEGAL },
};
#define N_WORDS (sizeof WORDS / sizeof *WORDS)
#define MAX_WORDS_IN_ENTRY 6

/* Generic organisation words of Russian, Ukrainian and Belarusian, which inflect (завод, завода,
 * заводе; государственный, государственная, государственного …): a stem, romanized, and the
 * canonical English word of WORDS it stands for, so that ЧЕБОКСАРСКИЙ ЗАВОД and CHEBOKSARY PLANT
 * share "plant". A token is its stem plus one of ENDINGS; stems compare on their phonetic key, so
 * the BGN, passport and English spellings (-yy, -yi, -y; -aya, -aia) all meet. Only generic
 * vocabulary goes here, never a proper noun. */
typedef struct { const char *stem; const char *canon; } stem_entry;
static const stem_entry STEMS[] = {
    { "zavod", "plant" }, { "fabrik", "plant" }, { "kombinat", "plant" },
    { "institut", "institute" }, { "issledovatelsk", "research" }, { "doslidn", "research" },
    { "dasledch", "research" }, { "nauchn", "scientific" }, { "naukov", "scientific" },
    { "navukov", "scientific" }, { "proizvodstvenn", "production" }, { "vyrobnych", "production" },
    { "gosudarstvenn", "state" }, { "derzhavn", "state" }, { "dziarzhaun", "state" },
    { "kazenn", "state" }, { "kazyonn", "state" }, { "federaln", "federal" },
    { "unitarn", "unitary" }, { "predpriyat", "enterprise" }, { "pidpryyemstv", "enterprise" },
    { "pradpryyemstv", "enterprise" }, { "tsentr", "center" }, { "tsentraln", "central" },
    { "natsionaln", "national" }, { "natsyyanaln", "national" }, { "mezhdunarodn", "international" },
    { "mizhnarodn", "international" }, { "kommerchesk", "commercial" }, { "komertsiyn", "commercial" },
    { "sistem", "system" }, { "byuro", "bureau" }, { "konstruktorsk", "design" },
    { "kanstruktarsk", "design" }, { "kompani", "company" }, { "kampani", "company" },
    { "korporats", "corporation" }, { "karparats", "corporation" }, { "kontsern", "concern" },
    { "aviakompani", "airline" }, { "bank", "bank" }, { "obshchestvenn", "public" },
    { "organizats", "organization" }, { "arhanizats", "organization" }, { "agentstv", "agency" },
    { "soyuz", "union" }, { "dvizheni", "movement" }, { "birzh", "exchange" },
    { "strakhovani", "insurance" }, { "strakhov", "insurance" }, { "kreditn", "credit" },
    { "finansov", "financial" },
    { "promyshlenn", "industry" }, { "promyslov", "industry" }, { "spetsialn", "special" },
    { "glavn", "main" }, { "voyenn", "military" }, { "oboron", "defence" },
    { "ministerstv", "ministry" }, { "mekhanichesk", "mechanical" }, { "remontn", "repair" },
    { "ramontn", "repair" }, { "tekhnologichesk", "technological" }, { "tekhnologi", "technology" },
    { "transportn", "transport" }, { "torgov", "trading" }, { "bezopasnost", "security" },
    { "grupp", "group" }, { "parokhodstv", "shipping" }, { "obyedinenn", "united" },
    { "obedinenn", "united" }, { "otkryt", "open" }, { "adkryt", "open" }, { "zakryt", "closed" },
    { "publichn", "public" }, { "chastn", "private" }, { "pryvatn", "private" },
    { "obyedineni", "association" }, { "obedineni", "association" }, { "byudzhetn", "budget" },
    { "obrazovateln", "educational" }, { "uchrezhdeni", "institution" },
    { "respublik", "republic" }, { "narodn", "peoples" },     /* Donetskaya Narodnaya Respublika */
    /* Legal-form words: the phrases of WORDS then take the rewritten words to the class. */
    { "aktsionern", "jsc" }, { "aktsyyanern", "jsc" }, { "aktsyyaniern", "jsc" },
    { "obshchestv", "society" }, { "tavarystv", "society" },
};
#define N_STEMS (sizeof STEMS / sizeof *STEMS)
_Static_assert(N_STEMS < 255, "stem_order and a token's stem (entry + 1) hold uint8_t");

/* The inflection endings of nouns and adjectives as the romanizations write them, shortest first
 * (the first that leaves a known stem wins). No -ov/-ev/-in: those make surnames. */
static const char *const ENDINGS[] = {
    "", "a", "e", "i", "o", "u", "y", "ya", "ia", "ye", "ie", "yu", "iu", "ii", "iy", "yy", "yi",
    "om", "oy", "oi", "ey", "ei", "ym", "im", "ae", "aye", "aya", "aia", "oye", "oie", "oe", "ogo",
    "ego", "oho", "aha", "ykh", "ikh", "iye", "yye", "iya", "iyu", "omu", "ymi", "imi", "uyu",
    "ami", "akh", "yakh" };
#define N_ENDINGS (sizeof ENDINGS / sizeof *ENDINGS)
#define STEM_MIN 4          /* letters a stem keeps, at least */
#define STEM_SLOTS 256

/* Entries hashed by their first word's matcher (key, or text when short): open addressing. */
#define HASH_SLOTS 2048
#define PARTICLE_SLOTS 128

/* Name particles, flagged CDN_TOK_PARTICLE: two to five letters each (see pack_short). */
static const char *const PARTICLES[] = {
    "al", "el", "ul", "ur", "ud", "bin", "ibn", "ben", "bint", "binti", "abu", "abi", "van", "von",
    "de", "da", "di", "del", "della", "der", "den", "du", "dos", "das", "la", "le", "ter", "ten",
    "ould", "ogly", "ogli", "oglu", "kyzy", "kizi" };
#define N_PARTICLES (sizeof PARTICLES / sizeof *PARTICLES)
_Static_assert(2 * N_PARTICLES <= PARTICLE_SLOTS, "the particle table stays half empty");
struct cdn_wordtab {
    uint16_t slot[HASH_SLOTS];                    /* entry + 1, 0 = empty */
    char rest[N_WORDS][MAX_WORDS_IN_ENTRY][24];   /* matchers of all words of each entry */
    uint8_t nwords[N_WORDS];
    uint16_t stem_slot[STEM_SLOTS];               /* STEMS entry + 1, hashed by key, 0 = empty */
    char stem_key[N_STEMS][24];
    uint8_t stem_order[N_STEMS];                  /* STEMS entries by key, for a binary search */
    uint8_t stem_filter[4096];                    /* bit set of the stems' key_filter */
    uint8_t head_filter[4096];                    /* bit set of head3 of the entries' first words */
    uint64_t particle[PARTICLE_SLOTS];            /* PARTICLES packed (see pack_short), 0 = empty */
};

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

/* The first three letters of a key (at least three long) as a number below 32768, in the order
 * of the keys: the stems are searched by it. */
static unsigned key_prefix(const char *k)
{
    return (unsigned)(k[0] & 31) << 10 | (unsigned)(k[1] & 31) << 5 | (unsigned)(k[2] & 31);
}

/* The first four letters of a key (at least four long) hashed below 32768: the stems' quick
 * pre-filter, which most words of most names fail. */
static unsigned key_filter(const char *k)
{
    return (key_prefix(k) * 31u + (unsigned)(k[3] & 31)) & 32767u;
}

/* The first three letters of a matcher of any length, as key_prefix reads them (a shorter one
 * reads as zeros): the quick pre-filter of find_entry, which most words of most names fail. */
static unsigned head3(const char *m)
{
    unsigned c0 = (unsigned)m[0] & 31, c1 = 0, c2 = 0;
    if (m[0]) c1 = (unsigned)m[1] & 31;
    if (m[0] && m[1]) c2 = (unsigned)m[2] & 31;
    return c0 << 10 | c1 << 5 | c2;
}

/* A word of two to eight letters as one number (its bytes, zero-padded), so that a short word is
 * compared with one instruction; 0 for other lengths. */
static uint64_t pack_short(const char *s, size_t n)
{
    uint64_t v = 0;
    if (n < 2 || n > 8) return 0;
    for (size_t i = 0; i < n; i++) v |= (uint64_t)(uint8_t)s[i] << (8 * i);   /* no libc call */
    return v;
}

static unsigned particle_slot(uint64_t v)
{
    return (unsigned)((v * 0x9E3779B97F4A7C15ull) >> 57) & (PARTICLE_SLOTS - 1);
}

static void matcher(const char *w, size_t len, char *out)
{
    if (len < 4) { memcpy(out, w, len); out[len] = 0; return; }
    cdn_key(w, len, out, 24);
}

int cdn_words_open(cdn_text *t)
{
    cdn_wordtab *wt = calloc(1, sizeof *wt);
    if (!wt) return -1;
    for (size_t e = 0; e < N_WORDS; e++) {
        const char *p = WORDS[e].words;
        int k = 0;
        while (*p && k < MAX_WORDS_IN_ENTRY) {
            const char *sp = strchr(p, ' ');
            size_t l = sp ? (size_t)(sp - p) : strlen(p);
            matcher(p, l, wt->rest[e][k++]);
            p += l;
            while (*p == ' ') p++;
        }
        wt->nwords[e] = (uint8_t)k;
        uint32_t h = hash_str(wt->rest[e][0]) & (HASH_SLOTS - 1);
        while (wt->slot[h]) h = (h + 1) & (HASH_SLOTS - 1);
        wt->slot[h] = (uint16_t)(e + 1);
        unsigned f = head3(wt->rest[e][0]);
        wt->head_filter[f >> 3] |= (uint8_t)(1u << (f & 7));
    }
    for (size_t e = 0; e < N_PARTICLES; e++) {
        uint64_t v = pack_short(PARTICLES[e], strlen(PARTICLES[e]));
        unsigned h = particle_slot(v);
        while (wt->particle[h]) h = (h + 1) & (PARTICLE_SLOTS - 1);
        wt->particle[h] = v;
    }
    for (size_t e = 0; e < N_STEMS; e++) {
        char *k = wt->stem_key[e];
        cdn_key(STEMS[e].stem, strlen(STEMS[e].stem), k, sizeof wt->stem_key[e]);
        unsigned f = key_filter(k);
        wt->stem_filter[f >> 3] |= (uint8_t)(1u << (f & 7));
        uint32_t h = hash_str(k) & (STEM_SLOTS - 1);
        while (wt->stem_slot[h]) h = (h + 1) & (STEM_SLOTS - 1);
        wt->stem_slot[h] = (uint16_t)(e + 1);
        size_t at = e;                            /* insertion sort: a few dozen stems, once */
        while (at > 0 && strcmp(wt->stem_key[wt->stem_order[at - 1]], k) > 0) {
            wt->stem_order[at] = wt->stem_order[at - 1];
            at--;
        }
        wt->stem_order[at] = (uint8_t)e;
    }
    t->words = wt;
    return 0;
}

void cdn_words_close(cdn_text *t)
{
    free(t->words);
    t->words = NULL;
}

static const char *tok_text(const cdn_text *t, const cdn_tok *k) { return t->sbuf + k->off; }

/* The matcher string of a token (its text if short, else its key). */
static const char *tok_matcher(const cdn_text *t, const cdn_tok *k)
{
    return k->len < 4 ? tok_text(t, k) : t->sbuf + k->koff;
}

/* The next kept token at or after i. */
static size_t next_kept(const cdn_text *t, size_t i)
{
    while (i < t->n_toks && t->toks[i].dropped) i++;
    return i;
}

/* A name cut at a field's length may end inside a legal form ("... JOINT STOCK COMPAN"): token j,
 * the name's last, of four letters or more, completes a legal form when it starts the form's last
 * word (word k of entry e, the phrase's other words already met). */
static int cut_legal_word(const cdn_text *t, size_t j, size_t e, size_t k)
{
    const cdn_tok *tk = &t->toks[j];
    if ((WORDS[e].kind & 0x7F) != W_LEGAL || tk->len < 4 || next_kept(t, j + 1) < t->n_toks) return 0;
    const char *w = WORDS[e].words;
    for (size_t n = 0; n < k; n++) w = strchr(w, ' ') + 1;      /* the words are single-spaced */
    size_t wl = strcspn(w, " ");
    return wl > tk->len && memcmp(w, tok_text(t, tk), tk->len) == 0;
}

/* The longest table entry of one of `kinds` starting at token i (whose matcher is m); its token
 * count in *span. */
static int find_entry_of(const cdn_text *t, size_t i, const char *m, unsigned kinds, size_t *span,
                         size_t *last)
{
    const cdn_wordtab *wt = t->words;
    int best = -1;
    size_t best_span = 0;
    for (uint32_t h = hash_str(m) & (HASH_SLOTS - 1); wt->slot[h]; h = (h + 1) & (HASH_SLOTS - 1)) {
        size_t e = wt->slot[h] - 1u;
        if (wt->rest[e][0][0] != m[0] || strcmp(wt->rest[e][0], m) != 0) continue;
        if (!((1u << (WORDS[e].kind & 0x7F)) & kinds)) continue;
        size_t j = i, k = 1, end = i;
        for (; k < wt->nwords[e]; k++) {
            j = next_kept(t, j + 1);
            if (j >= t->n_toks) break;
            if (strcmp(tok_matcher(t, &t->toks[j]), wt->rest[e][k]) != 0
                && (k + 1 < wt->nwords[e] || !cut_legal_word(t, j, e, k)))
                break;
            end = j;
        }
        if (k == wt->nwords[e] && k > best_span) { best = (int)e; best_span = k; *last = end; }
    }
    *span = best_span;
    return best;
}

/* find_entry_of behind the head filter, inlined: most words of most names stop there. */
static inline int find_entry(const cdn_text *t, size_t i, unsigned kinds, size_t *span, size_t *last)
{
    const char *m = tok_matcher(t, &t->toks[i]);
    unsigned f = head3(m);
    if (!(t->words->head_filter[f >> 3] & (1u << (f & 7)))) { *span = 0; return -1; }
    return find_entry_of(t, i, m, kinds, span, last);
}

/* Whether s[0..n) ends with the literal suffix with at least two letters before it (a macro, so
 * that each compare has a constant length and is inlined). */
static inline int ends_impl(const char *s, size_t n, const char *suf, size_t l)
{
    return n > l + 1 && memcmp(s + n - l, suf, l) == 0;
}
#define ENDS(suf) ends_impl(s, n, (suf), sizeof(suf) - 1)

/* -ovich, -evich, -ovna, -evna, -ichna, -ivna (Ukrainian), -auna, -euna (Belarusian) and their
 * spellings in other schemes. Every suffix ends in -ch, -na or -ic: most words stop at their last
 * two letters. */
static int is_patronymic(const char *s, size_t n)
{
    if (n < 6) return 0;
    switch (s[n - 1]) {
    case 'h':
        return s[n - 2] == 'c'
               && (ENDS("ovich") || ENDS("evich") || ENDS("ovych") || ENDS("evych") || ENDS("ovitch")
                   || ENDS("evitch") || ENDS("owitsch") || ENDS("ewitsch") || ENDS("avich"));
    case 'a':
        return s[n - 2] == 'n'
               && (ENDS("ovna") || ENDS("evna") || ENDS("ichna") || ENDS("ivna") || ENDS("auna") || ENDS("euna"));
    case 'c':
        return s[n - 2] == 'i' && (ENDS("ovic") || ENDS("evic"));
    default:
        return 0;
    }
}
#undef ENDS

/* s is a token text in t->sbuf, which has eight bytes readable from any token text on (the text
 * is zero-padded to CDN_KCACHE_TEXT bytes, or followed by its key): one load, masked to n bytes. */
static int is_particle(const cdn_wordtab *wt, const char *s, size_t n)
{
    if (n < 2 || n > 5) return 0;
    uint64_t v;
    memcpy(&v, s, 8);
    v &= (1ull << (8 * n)) - 1;
    for (unsigned h = particle_slot(v); wt->particle[h]; h = (h + 1) & (PARTICLE_SLOTS - 1))
        if (wt->particle[h] == v) return 1;
    return 0;
}

/* Replaces token i's text by a canonical word (appended to sbuf). */
static void set_text(cdn_text *t, size_t i, const char *canon)
{
    size_t l = strlen(canon);
    size_t need = t->slen + CDN_TOK_ROOM(l);
    if (need > t->scap) {
        size_t cap = need * 2;
        char *p = realloc(t->sbuf, cap);
        if (!p) return;                                /* no memory: the token keeps its text */
        t->sbuf = p;
        t->scap = cap;
    }
    cdn_tok *k = &t->toks[i];
    size_t kl, sl;
    k->off = (uint32_t)t->slen;
    memcpy(t->sbuf + t->slen, canon, l + 1);
    k->koff = (uint32_t)(t->slen + l + 1);
    k->soff = (uint32_t)(k->koff + 2 * l + 2);
    cdn_tok_keys(t, canon, l, t->sbuf + k->koff, &kl, t->sbuf + k->soff, &sl, &k->rules, &k->stem);
    t->tok_rules |= k->rules;
    t->toks_rewritten = 1;
    k->len = (uint16_t)l;
    k->klen = (uint16_t)kl;
    k->sklen = (uint16_t)sl;
    t->slen = k->soff + sl + 1;
}

/* A stem that ends like a surname (-ov, -ev: страхов-ой, торгов-ый) takes only adjective
 * endings (-y, -i, -o of compounds, or two letters or more but -om, -ym, -im), so that the
 * surname itself (Strakhov, Strakhova, Strakhovu, Torgovym) stays a name. */
static int ending_fits(const char *stem, const char *ending, size_t el)
{
    size_t sl = strlen(stem);
    if (sl < 2 || stem[sl - 1] != 'v' || (stem[sl - 2] != 'o' && stem[sl - 2] != 'e')) return 1;
    if (el == 1) return ending[0] == 'o' || ending[0] == 'y' || ending[0] == 'i';
    return el >= 2 && strcmp(ending, "om") != 0 && strcmp(ending, "ym") != 0
           && strcmp(ending, "im") != 0;
}

/* The STEMS entry (+ 1) of an inflected generic word, or 0: its canonical word. A stem's key is a
 * prefix of the key of every word made of it (key rules look at most one letter ahead, and no
 * ending starts a digraph with a stem's last letter), so that cheap test comes first; the
 * ending is then checked by keying the word without it. */
static uint8_t stem_of(const cdn_wordtab *wt, const char *s, size_t n, const char *key)
{
    size_t lo = 0, hi = N_STEMS, e;         /* the first stem key not below the word's 3 letters */
    unsigned pre = key_prefix(key);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (key_prefix(wt->stem_key[wt->stem_order[mid]]) < pre) lo = mid + 1;
        else hi = mid;
    }
    for (e = lo; e < N_STEMS; e++) {
        const char *sk = wt->stem_key[wt->stem_order[e]];
        if (key_prefix(sk) != pre) return 0;
        if (strncmp(sk + 3, key + 3, strlen(sk + 3)) == 0) break;
    }
    if (e == N_STEMS) return 0;
    char rest[CDN_KEY_MAX];
    for (size_t i = 0; i < N_ENDINGS; i++) {
        size_t el = strlen(ENDINGS[i]);
        if (n < STEM_MIN + el || (el && s[n - 1] != ENDINGS[i][el - 1])
            || memcmp(s + n - el, ENDINGS[i], el) != 0) continue;
        cdn_key(s, n - el, rest, sizeof rest);
        uint32_t h = hash_str(rest) & (STEM_SLOTS - 1);
        for (; wt->stem_slot[h]; h = (h + 1) & (STEM_SLOTS - 1)) {
            size_t j = wt->stem_slot[h] - 1u;
            if (strcmp(wt->stem_key[j], rest) == 0 && ending_fits(STEMS[j].stem, ENDINGS[i], el))
                return (uint8_t)(j + 1);
        }
    }
    return 0;
}

/* Whether s[0..n) is one of the n strings of v. */
static int in_list(const char *const *v, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (v[i][0] == s[0] && strncmp(v[i], s, len) == 0 && v[i][len] == 0) return 1;
    return 0;
}

/* Whether s[0..n) is one of ENDINGS (the empty one included). */
static int is_ending(const char *s, size_t n)
{
    return n == 0 || in_list(ENDINGS, N_ENDINGS, s, n);
}

/* Russian adjectives in -ический are English ones in -ical (mekhanicheskiy → mekhanical,
 * metallurgicheskogo → metallurgical, tekhnicheskaya → tekhnical, a typo away from technical):
 * the length of that spelling written into out, or 0 when the word is not one. */
static size_t ical_form(const char *s, size_t n, char *out, size_t cap)
{
    for (size_t back = 0; back <= 4 && back + 9 <= n; back++) {
        size_t at = n - back - 6;                   /* where "ichesk" would start */
        if (s[at + 5] != 'k' || memcmp(s + at, "ichesk", 6) != 0 || !is_ending(s + at + 6, back))
            continue;
        if (at + 5 > cap) return 0;
        memcpy(out, s, at);
        memcpy(out + at, "ical", 5);
        return at + 4;
    }
    return 0;
}

/* Rewrites inflected generic words to their canonical word, before the table rules run (which
 * then flag them and join them into legal forms: "federalnoye gosudarstvennoye unitarnoye
 * predpriyatiye" → "federal state unitary enterprise" → "sue"). A word that starts a table entry
 * as written is left to the table. */
static void canon_stems(cdn_text *t)
{
    for (size_t i = next_kept(t, 0); i < t->n_toks; i = next_kept(t, i + 1)) {
        const cdn_tok *k = &t->toks[i];
        if (!(k->rules & CDN_RULE_STEM)) continue;
        const char *canon = k->stem ? STEMS[k->stem - 1].canon : NULL;     /* found with the rule bits */
        char ical[CDN_TOKEN_MAX + 8];
        if (!canon && k->len >= 9 && ical_form(t->sbuf + k->off, k->len, ical, sizeof ical))
            canon = ical;
        size_t span = 0, end = i;
        if (!canon) continue;
        if (find_entry(t, i, 1u << W_LEGAL | 1u << W_GENERIC, &span, &end) >= 0) { i = end; continue; }
        set_text(t, i, canon);
    }
}

/* ---- Arabic compounds written in Latin letters ----------------------------------------------- */

/* Lists write Abd al-Aziz as "Abd al-Aziz", "Abdel Aziz", "Abdelaziz", "Abdulaziz" or "Abd-ul-Aziz"
 * (assimilated: "Abdur Rahman", "Abdurrahman", "Abdessalam"), and Nur al-Din as "Nour al-Din",
 * "Nureddine", "Nuruddin". Every such writing takes one spelling, in two words: abdul X, X uddin
 * (two words, so that a name written in another order, "RAHMAN YASIN, ABDUL", still meets it); Abd
 * Allah is one name, abdullah. Query and list names both take it, so any writing meets any other. */
static const char *const ABD_LINKED[] = {   /* "abd" with the article, as one written word */
    "abdul", "abdel", "abdal", "abdol", "abdoul", "abdil", "abdur", "abdus", "abdush", "abdun", "abdut",
    "abdud", "abduz", "abdar", "abdas", "abder", "abdes", "abdos", "abdor",
};
/* The linked spellings of al-Din, written as a word of their own or at the end of one. */
static const char *const DIN[] = { "uddin", "eddin", "eddine", "addin", "aldin", "uldin", "eldin",
                                   "oddin", "uddeen", "eddeen", "udeen", "udin" };
/* The same with the nisba, a family name in Persian (Alaeddini, Shamsoddini, Zeinoddini). */
static const char *const DINI[] = { "uddini", "eddini", "oddini", "addini", "aldini", "uldini", "eldini" };

/* Whether s[0..n) is the article al- written apart: al el ul ol il, assimilated (ar as ad an at az;
 * ur us ud un ut uz; er es ed en), ash, ush. Decided from the letters: it runs for every token. */
static int is_article(const char *s, size_t n)
{
    if (n == 3) return s[1] == 's' && s[2] == 'h' && (s[0] == 'a' || s[0] == 'u');
    if (n != 2) return 0;
    char v = s[0], c = s[1];
    if (c == 'l') return v == 'a' || v == 'e' || v == 'u' || v == 'o' || v == 'i';
    if (v == 'a' || v == 'u') return c == 'r' || c == 's' || c == 'd' || c == 'n' || c == 't' || c == 'z';
    return v == 'e' && (c == 'r' || c == 's' || c == 'd' || c == 'n');
}
#define IN(v, s, len) in_list(v, sizeof v / sizeof *v, s, len)

/* The length of the ABD_LINKED prefix s starts with (the longest), or 0. */
static size_t abd_linked_prefix(const char *s, size_t n)
{
    size_t best = 0;
    if (n < 5) return 0;                             /* every one is five letters or six */
    for (size_t i = 0; i < sizeof ABD_LINKED / sizeof *ABD_LINKED; i++) {
        if (ABD_LINKED[i][3] != s[3]) continue;      /* the letter after abd tells most apart */
        size_t l = strlen(ABD_LINKED[i]);
        if (l > best && l <= n && memcmp(s, ABD_LINKED[i], l) == 0) best = l;
    }
    return best;
}

/* Whether s ends with one of DIN, or of DINI (then *nisba is 1), after a stem of three letters or
 * more, whose length goes to *stem. */
static int ends_with_din(const char *s, size_t n, size_t *stem, int *nisba)
{
    char last = n ? s[n - 1] : 0;
    if (n < 7 || (last != 'n' && last != 'e' && last != 'i') || (s[n - 3] != 'd' && s[n - 4] != 'd' && s[n - 5] != 'd'))
        return 0;                                     /* every ending has its d 3 to 5 letters from the end */
    const char *const *v = last == 'i' ? DINI : DIN;
    size_t nv = last == 'i' ? sizeof DINI / sizeof *DINI : sizeof DIN / sizeof *DIN;
    for (size_t i = 0; i < nv; i++) {
        size_t l = strlen(v[i]);
        if (n >= l + 3 && memcmp(s + n - l, v[i], l) == 0) { *stem = n - l; *nisba = last == 'i'; return 1; }
    }
    return 0;
}

/* Whether a token reads din (0) or, with the nisba, dini (1); else -1. */
static int din_word(const cdn_tok *k, const char *s)
{
    if (k->len == 3 && memcmp(s, "din", 3) == 0) return 0;
    return k->len == 4 && memcmp(s, "dini", 4) == 0 ? 1 : -1;
}

/* Whether x (after abd- and its article) is Allah, however linked: allah, ullah, llah, lah. */
static int is_allah(const char *x, size_t n)
{
    if (n >= 5 && memcmp(x + 1, "llah", 4) == 0) return 1;
    return (n >= 4 && memcmp(x, "llah", 4) == 0) || (n >= 3 && memcmp(x, "lah", 3) == 0);
}

/* Splits token i into `first` and the rest of its text from byte `at` on, as two tokens of the same
 * part. -1 on no memory (the token is left as it was). */
static int split_token(cdn_text *t, size_t i, const char *first, size_t at)
{
    if (CDN_GROW(t->toks, t->toks_cap, t->n_toks + 1) < 0) return -1;
    char rest[CDN_TOKEN_MAX + 1];
    size_t n = t->toks[i].len - at;
    memcpy(rest, tok_text(t, &t->toks[i]) + at, n);
    rest[n] = 0;
    memmove(&t->toks[i + 2], &t->toks[i + 1], (t->n_toks - i - 1) * sizeof *t->toks);
    t->toks[i + 1] = t->toks[i];
    t->toks[i + 1].hyphen_before = 0;
    t->n_toks++;
    set_text(t, i, first);
    set_text(t, i + 1, rest);
    return 0;
}

static void latin_arabic_compounds(cdn_text *t)
{
    for (size_t i = next_kept(t, 0); i < t->n_toks; i = next_kept(t, i + 1)) {
        const char *s = tok_text(t, &t->toks[i]);
        size_t n = t->toks[i].len, j = next_kept(t, i + 1), pre, stem;
        int nisba;
        const char *y = j < t->n_toks ? tok_text(t, &t->toks[j]) : "";
        size_t yn = j < t->n_toks ? t->toks[j].len : 0;
        if (s[0] == 'a' && n == 3 && memcmp(s, "abd", 3) == 0 && yn) {
            size_t l = next_kept(t, j + 1);
            if (is_allah(y, yn) && yn <= 5) {                                  /* abd allah */
                t->toks[j].dropped = 1;
                set_text(t, i, "abdullah");
            } else if (is_article(y, yn) && l < t->n_toks) {                   /* abd al aziz */
                t->toks[j].dropped = 1;
                if (is_allah(tok_text(t, &t->toks[l]), t->toks[l].len)) t->toks[l].dropped = 1;
                set_text(t, i, t->toks[l].dropped ? "abdullah" : "abdul");
            }
        } else if (n >= 5 && s[0] == 'a' && s[1] == 'b' && s[2] == 'd' && (pre = abd_linked_prefix(s, n)) != 0) {
            if (n == pre && yn && is_allah(y, yn) && yn <= 5) {                /* abdul lah */
                t->toks[j].dropped = 1;
                set_text(t, i, "abdullah");
            } else if (n == pre) {
                if (n != 5 || memcmp(s, "abdul", 5) != 0) set_text(t, i, "abdul");   /* abdel aziz */
            } else if (is_allah(s + pre, n - pre)) {                            /* abdallah */
                if (n != 8 || memcmp(s, "abdullah", 8) != 0) set_text(t, i, "abdullah");
            } else if (n >= pre + 3 && split_token(t, i, "abdul", pre) == 0) {  /* abdelaziz */
                i++;
            }
        } else if (n >= 3 && is_article(y, yn) && next_kept(t, j + 1) < t->n_toks
                   && (nisba = din_word(&t->toks[next_kept(t, j + 1)], tok_text(t, &t->toks[next_kept(t, j + 1)]))) >= 0) {
            size_t l = next_kept(t, j + 1);                                     /* nur al din */
            t->toks[j].dropped = 1;
            set_text(t, l, nisba ? "uddini" : "uddin");
            i = l;
        } else if (n >= 3 && yn >= 4 && yn <= 6 && (y[1] == 'd' || y[2] == 'd') && IN(DIN, y, yn)) {  /* nour eddine */
            if (yn != 5 || memcmp(y, "uddin", 5) != 0) set_text(t, j, "uddin");
            i = j;
        } else if (ends_with_din(s, n, &stem, &nisba)) {                        /* nureddine */
            char stem_text[CDN_TOKEN_MAX + 1];
            memcpy(stem_text, s, stem);
            stem_text[stem] = 0;
            if (split_token(t, i, stem_text, stem) == 0) {
                set_text(t, i + 1, nisba ? "uddini" : "uddin");
                i++;
            }
        }
    }
}
#undef IN

/* ---- Number words ---------------------------------------------------------------------------- */

/* English cardinals, so that "Brigade Forty-Four" and "Brigade 44" make the same token (numbers meet
 * only exactly). Index = value for zero..nineteen; the tens follow. */
static const char *const NUM_WORDS[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};
enum { NUM_NONE, NUM_UNIT, NUM_TEEN, NUM_TENS, NUM_HUNDRED, NUM_THOUSAND };

/* The index (from `from` on) in NUM_WORDS of a word that starts s[0..n) and is `whole` (all of
 * it) or not, or -1. */
static int num_word_at(const char *s, size_t n, size_t from, int whole)
{
    static const uint8_t LEN[] = { 4, 3, 3, 5, 4, 4, 3, 5, 5, 4, 3, 6, 6, 8, 8, 7, 7, 9, 8, 8,
                                   6, 6, 5, 5, 5, 7, 6, 6 };
    _Static_assert(sizeof LEN == sizeof NUM_WORDS / sizeof *NUM_WORDS, "a length per number word");
    for (size_t w = from; w < sizeof LEN; w++) {
        size_t l = LEN[w];
        if (NUM_WORDS[w][1] == s[1] && (whole ? l == n : l < n) && memcmp(NUM_WORDS[w], s, l) == 0)
            return (int)w;
    }
    return -1;
}

/* Whether s (three letters or more) starts as a number word does: most words of names do not, and
 * stop at this test. */
#define P3(a, b, c) ((unsigned)(a) << 16 | (unsigned)(b) << 8 | (unsigned)(c))
static inline int num_start(const char *s)
{
    switch (P3(s[0], s[1], s[2])) {
    case P3('z', 'e', 'r'): case P3('o', 'n', 'e'): case P3('t', 'w', 'o'): case P3('t', 'h', 'r'):
    case P3('f', 'o', 'u'): case P3('f', 'i', 'v'): case P3('s', 'i', 'x'): case P3('s', 'e', 'v'):
    case P3('e', 'i', 'g'): case P3('n', 'i', 'n'): case P3('t', 'e', 'n'): case P3('e', 'l', 'e'):
    case P3('t', 'w', 'e'): case P3('t', 'h', 'i'): case P3('f', 'i', 'f'): case P3('f', 'o', 'r'):
    case P3('h', 'u', 'n'): case P3('t', 'h', 'o'):
        return 1;
    default:
        return 0;
    }
}
#undef P3

/* What a token is as a number word: its class (NUM_*) and value; a tens word and a unit written
 * together (fortyfour) count as a two-digit word. NUM_NONE for every other word. */
static int num_word(const char *s, size_t n, int *value)
{
    if (n < 3 || n > 13 || !num_start(s)) return NUM_NONE;
    if (n == 7 && memcmp(s, "hundred", 7) == 0) return NUM_HUNDRED;
    if (n == 8 && memcmp(s, "thousand", 8) == 0) return NUM_THOUSAND;
    int w = num_word_at(s, n, 0, 1);
    if (w >= 0) {
        *value = w < 20 ? w : 20 + 10 * (w - 20);
        return w < 10 ? NUM_UNIT : w < 20 ? NUM_TEEN : NUM_TENS;
    }
    w = num_word_at(s, n, 20, 0);                              /* tens only: seventy, not seven */
    if (w < 0) return NUM_NONE;
    size_t l = strlen(NUM_WORDS[w]);
    int u = num_word_at(s + l, n - l, 0, 1);
    if (u < 1 || u > 9) return NUM_NONE;
    *value = 20 + 10 * (w - 20) + u;
    return NUM_TEEN;
}

/* Whether a number word of class c may follow one of class last with cur the value so far
 * (below the thousands): forty four, one hundred (and) five, two thousand ten, and years read in
 * pairs (nineteen eighty-four, eleven eighty-eight); not one two. */
static int num_follows(int last, int c, int value, int cur)
{
    switch (c) {
    case NUM_UNIT: return last == NUM_NONE || last == NUM_HUNDRED || last == NUM_THOUSAND
                          || (last == NUM_TENS && value > 0);
    case NUM_TEEN: case NUM_TENS: return last == NUM_NONE || last == NUM_HUNDRED || last == NUM_THOUSAND
                                         || (last == NUM_TEEN && cur >= 10 && cur < 100);   /* 19 84 */
    case NUM_HUNDRED: return (last == NUM_UNIT || last == NUM_TEEN) && cur > 0 && cur < 100;
    case NUM_THOUSAND: return last != NUM_NONE && last != NUM_THOUSAND && cur > 0;
    default: return 0;
    }
}

/* Rewrites each run of number words into its digits: the first token takes them, the others are
 * dropped. "hundred" or "thousand" alone stay words, and so do "and" outside a number and a lone
 * number up to ten. */
static void number_words(cdn_text *t)
{
    size_t first = t->n_toks;                         /* the first token that may be a number word */
    for (size_t i = 0; i < t->n_toks && first == t->n_toks; i++)
        if (!t->toks[i].dropped && (t->toks[i].rules & CDN_RULE_NUMBER)) first = i;
    for (size_t i = first; i < t->n_toks; i = next_kept(t, i + 1)) {
        int value = 0, last = NUM_NONE, total = 0, cur = 0;
        size_t end = i, j = i;
        while (j < t->n_toks) {
            const cdn_tok *k = &t->toks[j];
            const char *s = tok_text(t, k);
            int c = num_word(s, k->len, &value);
            if (c == NUM_NONE && last >= NUM_HUNDRED && k->len == 3 && memcmp(s, "and", 3) == 0) {
                size_t nx = next_kept(t, j + 1);             /* one hundred and five */
                int v2 = 0, c2 = nx < t->n_toks ? num_word(tok_text(t, &t->toks[nx]), t->toks[nx].len, &v2) : 0;
                if (c2 != NUM_UNIT && c2 != NUM_TEEN && c2 != NUM_TENS) break;
                j = nx;
                continue;
            }
            if (c == NUM_NONE || !num_follows(last, c, value, cur) || (c == NUM_THOUSAND && total)) break;
            if (c == NUM_HUNDRED) cur *= 100;
            else if (c == NUM_THOUSAND) { total = cur * 1000; cur = 0; }
            else if (last == NUM_TEEN && c != NUM_UNIT) cur = cur * 100 + value;   /* nineteen eighty */
            else cur += value;
            last = c;
            end = j;
            j = next_kept(t, j + 1);
        }
        /* One small number alone stays a word: Ten, Nine and One are surnames and given names
         * (Тен, Sergey TEN) more often than numbers. */
        if (last == NUM_NONE || (end == i && total + cur <= 10)) continue;
        char digits[16];
        snprintf(digits, sizeof digits, "%d", total + cur);
        set_text(t, i, digits);
        for (size_t d = i + 1; d <= end; d++) t->toks[d].dropped = 1;
        i = end;
    }
}

/* Whether matcher m is the first word of a table entry (find_entry_of's look-up, any kind). */
static int first_word_of_entry(const cdn_wordtab *wt, const char *m)
{
    for (uint32_t h = hash_str(m) & (HASH_SLOTS - 1); wt->slot[h]; h = (h + 1) & (HASH_SLOTS - 1))
        if (strcmp(wt->rest[wt->slot[h] - 1u][0], m) == 0) return 1;
    return 0;
}

/* Whether a word of two to five letters is a particle (is_particle without its eight-byte load). */
static int is_particle_word(const cdn_wordtab *wt, const char *s, size_t n)
{
    if (n < 2 || n > 5) return 0;
    uint64_t v = pack_short(s, n);
    for (unsigned h = particle_slot(v); wt->particle[h]; h = (h + 1) & (PARTICLE_SLOTS - 1))
        if (wt->particle[h] == v) return 1;
    return 0;
}

/* Each bit makes the test its rule starts with, as the rule makes it: number_words' num_start,
 * latin_arabic_compounds' abd-, article and al-Din tests, canon_stems' whole look-up, the first
 * word of a WORDS entry (find_entry_of's look-up), is_particle, ibn and is_patronymic. A rule that
 * comes to test something else must add it here: a token without its bit is skipped. The bits
 * depend on the text alone (the tables are const), so the key memo keeps them. */
uint8_t cdn_rule_bits(const cdn_text *t, const char *s, size_t n, const char *key, size_t kl, uint8_t *entry)
{
    const cdn_wordtab *wt = t->words;
    uint8_t bits = 0;
    size_t stem;
    int nisba;
    if (n >= 3 && n <= 13 && num_start(s)) bits |= CDN_RULE_NUMBER;
    if ((n >= 3 && s[0] == 'a' && s[1] == 'b' && s[2] == 'd') || is_article(s, n)
        || (n >= 4 && n <= 6 && in_list(DIN, sizeof DIN / sizeof *DIN, s, n)) || ends_with_din(s, n, &stem, &nisba))
        bits |= CDN_RULE_ARABIC;
    *entry = 0;
    if (n >= STEM_MIN && kl >= 4) {
        unsigned f = key_filter(key);
        char ical[CDN_TOKEN_MAX + 8];
        if (wt->stem_filter[f >> 3] & (1u << (f & 7))) *entry = stem_of(wt, s, n, key);
        if (*entry || (n >= 9 && ical_form(s, n, ical, sizeof ical))) bits |= CDN_RULE_STEM;
    }
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9') d++;
    if (d == n) bits |= CDN_RULE_DIGITS;
    const char *m = n < 4 ? s : key;
    unsigned h = head3(m);
    if ((wt->head_filter[h >> 3] & (1u << (h & 7))) && first_word_of_entry(wt, m)) bits |= CDN_RULE_TABLE;
    if (is_particle_word(wt, s, n) || (n == 3 && memcmp(s, "ibn", 3) == 0) || is_patronymic(s, n))
        bits |= CDN_RULE_FLAG;
    return bits;
}

/* The first kept token after the comma of a "SURNAME, Given names" name, or n_toks. */
static size_t first_given(const cdn_text *t)
{
    if (!t->any_comma) return t->n_toks;
    for (size_t i = 0; i < t->n_toks; i++)
        if (!t->toks[i].dropped && t->parts[t->toks[i].part].after_comma) return i;
    return t->n_toks;
}

/* The spelling a name comes out with must not depend on `kind`: a query of unknown kind meets
 * list names of every kind. So legal forms and generic words are rewritten to their class for
 * every kind (short ambiguous ones like "SA" only at the start or end of the name); only the
 * flags, and which titles are dropped, follow the kind. */
void cdn_name_rules(cdn_text *t, cordon_kind kind)
{
    int person = kind == CORDON_KIND_PERSON, any = kind == CORDON_KIND_ANY, vessel = kind == CORDON_KIND_VESSEL;
    /* Each step runs only where it may act (cdn_rule_bits; set_text adds the bits of the words it
     * writes). A step added here needs a bit of its own, or must come before the return below. */
    if (t->tok_rules & CDN_RULE_NUMBER) number_words(t);
    if (t->tok_rules & CDN_RULE_ARABIC) latin_arabic_compounds(t);
    if (t->tok_rules & CDN_RULE_STEM) canon_stems(t);
    if (!(t->tok_rules & (CDN_RULE_TABLE | CDN_RULE_FLAG))) return;
    size_t first = next_kept(t, 0), given = first_given(t), n_kept = 0, n_titles = 0;
    size_t lastk = t->n_toks;
    for (size_t i = 0; i < t->n_toks; i++) if (!t->toks[i].dropped) { n_kept++; lastk = i; }
    for (size_t i = first; i < t->n_toks; i = next_kept(t, i + 1)) {
        cdn_tok *k = &t->toks[i];
        if (!(k->rules & (CDN_RULE_TABLE | CDN_RULE_FLAG))) continue;     /* no test below can hold */
        const char *s = tok_text(t, k);
        size_t span = 0, end = i;
        int after_al = i > 0 && !t->toks[i - 1].dropped && t->toks[i - 1].len == 2
                       && memcmp(tok_text(t, &t->toks[i - 1]), "al", 2) == 0;
        /* Titles lead a name (Haji Mullah Mohammed Omar), or its given names when the surname is
         * written first (NOORZAI, Haji Bashir; AL ZAWAHIRI, Dr. Ayman); elsewhere "Sayed" or
         * "General" are more often a name or a word of it. */
        int title_ok = (person || any) && (i == first || i == given) && n_kept > 1 && !after_al;
        int ship_ok = (vessel || any) && i == first && n_kept > 1;
        unsigned kinds = 1u << W_LEGAL | 1u << W_GENERIC | (title_ok ? 1u << W_TITLE : 0) | (ship_ok ? 1u << W_VESSEL : 0);
        int e = k->rules & CDN_RULE_TABLE ? find_entry_of(t, i, tok_matcher(t, k), kinds, &span, &end) : -1;
        if (e >= 0) {
            unsigned wk = WORDS[e].kind & 0x7F;
            int edge = i == first || end == lastk;
            if (wk == W_VESSEL && !(any && end > i)) {      /* two letters: initials, unless a ship's */
                for (size_t j = i; j <= end; j++) t->toks[j].dropped = 1;
                n_titles += end - i + 1;
                first = next_kept(t, end + 1);
                if (given <= end) given = first;
                i = end;
                continue;
            }
            if (wk == W_TITLE) {
                k->dropped = 1;
                n_titles++;
                if (i == first) first = next_kept(t, i + 1);
                if (i == given) given = next_kept(t, i + 1);
                continue;
            }
            if (wk != W_VESSEL && (!(WORDS[e].kind & W_EDGE) || edge)) {
                for (size_t j = i + 1; j <= end; j++) t->toks[j].dropped = 1;
                if (WORDS[e].canon && strcmp(WORDS[e].canon, s) != 0) set_text(t, i, WORDS[e].canon);
                if (!person) k->flags |= wk == W_LEGAL ? CDN_TOK_LEGAL_FORM : CDN_TOK_GENERIC;
                i = end;
                continue;
            }
        }
        if (is_particle(t->words, s, k->len)) k->flags |= CDN_TOK_PARTICLE;
        /* "son of" in Arabic names: ibn and bin are one word, spelled two ways (Usama ibn Laden). */
        if (k->len == 3 && memcmp(s, "ibn", 3) == 0) set_text(t, i, "bin");
        if ((person || any) && is_patronymic(s, k->len)) k->flags |= CDN_TOK_PATRONYMIC;
    }
    if (n_titles && n_titles >= n_kept)
        for (size_t i = 0; i < t->n_toks; i++) t->toks[i].dropped = 0;   /* keep "General" alone */
}

/* X + Allah joined. A CaCaC guess drops its second vowel, since such compounds are mostly built
 * on CaCC nouns (Hamdullah, Fazlullah, Nasrullah). */
static void allah_compound(char *out, size_t cap, const char *x, size_t n, const char *allah)
{
    static const char V[] = "aeiou";
    if (n == 5 && !strchr(V, x[0]) && x[1] == 'a' && !strchr(V, x[2]) && x[3] == 'a' && !strchr(V, x[4]))
        snprintf(out, cap, "%.3s%c%s", x, x[4], allah);
    else
        snprintf(out, cap, "%s%s", x, allah);
}

/* The article between two names in Persian, Urdu and Pashto spelling, assimilated before the
 * sun letters as those lists write it: ur Rahman, ud Din, us Salam; ul Haq before the others. */
static const char *indo_persian_article(const char *next)
{
    switch (next[0]) {
    case 'r': return "ur";
    case 'z': return "uz";
    case 's': return next[1] == 'h' ? "ush" : "us";
    case 'n': return "un";
    case 't': return "ut";
    case 'd': return "ud";
    default: return "ul";
    }
}

/* Arabic compounds: scholarly style keeps "abd al rahman" / "abd allah" / "nur al din"; popular
 * joins them as lists mostly write them ("abdul rahman", "abdullah", "hamidullah", "nuruddin");
 * the joined style writes one word the other common way ("abdulrahman", "abdallah",
 * "hamidallah", "abdelmalik", "nureddine"). Names come out of the lists in all three shapes. In
 * Persian letters the joined style is the Afghan and South Asian one, whose compounds are one
 * word with u: Abdulahad, Habibullah, Nuruddin, Azizurrahman. */
/* Maghrebi names write a father's name after ben without its article (بن الطاهر: Ben Taher, Ben
 * Hedi): in that style an "al" right after "ben" goes. */
static void maghrebi_ben(cdn_text *t)
{
    for (size_t i = 1; i < t->n_toks; i++) {
        const cdn_tok *k = &t->toks[i], *prev = &t->toks[i - 1];
        if (!k->dropped && k->len == 2 && memcmp(tok_text(t, k), "al", 2) == 0 && !prev->dropped
            && prev->len == 3 && memcmp(tok_text(t, prev), "ben", 3) == 0 && next_kept(t, i + 1) < t->n_toks)
            t->toks[i].dropped = 1;
    }
}

void cdn_arabic_compounds(cdn_text *t, int style)
{
    if (style == CDN_AR_SCHOLAR) return;
    if (style == CDN_AR_JOINED && !t->persian) maghrebi_ben(t);
    int pop = style == CDN_AR_POPULAR, south_asian = !pop && t->persian;
    int with_u = pop || south_asian;                      /* Abdullah, Hamidullah, Nuruddin */
    char joined[2 * CDN_TOKEN_MAX + 8];
    for (size_t i = 0; i < t->n_toks; i++) {
        cdn_tok *a = &t->toks[i];
        if (a->dropped) continue;
        size_t j = next_kept(t, i + 1);
        if (j >= t->n_toks) break;
        const char *x = tok_text(t, a), *b = tok_text(t, &t->toks[j]);
        size_t k = next_kept(t, j + 1);
        int is_abd = a->len == 3 && memcmp(x, "abd", 3) == 0;
        if (strcmp(b, "allah") == 0 && a->len < CDN_TOKEN_MAX) {
            if (is_abd) snprintf(joined, sizeof joined, "%s", with_u ? "abdullah" : "abdallah");
            else allah_compound(joined, sizeof joined, x, a->len, with_u ? "ullah" : "allah");
            set_text(t, i, joined);
            t->toks[j].dropped = 1;
        } else if (strcmp(b, "al") == 0 && is_abd) {
            if (pop || k >= t->n_toks) {
                set_text(t, i, "abdul");
                t->toks[j].dropped = 1;
            } else if (t->toks[k].len < CDN_TOKEN_MAX) {
                snprintf(joined, sizeof joined, "%s%s", south_asian ? "abdul" : "abdel",
                         tok_text(t, &t->toks[k]));
                set_text(t, i, joined);
                t->toks[j].dropped = 1;
                t->toks[k].dropped = 1;
            }
        } else if (strcmp(b, "al") == 0 && pop && a->len == 3 && memcmp(x, "abu", 3) == 0) {
            set_text(t, i, "abul");                                        /* Abul Qasim */
            t->toks[j].dropped = 1;
        } else if (strcmp(b, "al") == 0 && with_u && k < t->n_toks && !is_abd
                   && (t->persian || strcmp(tok_text(t, &t->toks[k]), "rahman") == 0)
                   && strcmp(tok_text(t, &t->toks[k]), "din") != 0 && strcmp(tok_text(t, &t->toks[k]), "dini") != 0) {
            /* Persian, Urdu and Pashto names link with the Indo-Persian article, assimilated
             * before a sun letter: Zia ur Rahman, Inam ul Haq, Shams uz Zaman. X al-Rahman
             * (not Abd al-Rahman) is such a name in any letters: Arabic has no such names. */
            const char *art = indo_persian_article(tok_text(t, &t->toks[k]));
            if (south_asian && a->len < CDN_TOKEN_MAX && t->toks[k].len < CDN_TOKEN_MAX) {
                snprintf(joined, sizeof joined, "%s%s%s", x, art, tok_text(t, &t->toks[k]));
                set_text(t, i, joined);
                t->toks[j].dropped = 1;
                t->toks[k].dropped = 1;
            } else {
                set_text(t, j, art);
            }
        } else if (strcmp(b, "al") == 0 && k < t->n_toks && a->len < CDN_TOKEN_MAX
                   && (strcmp(tok_text(t, &t->toks[k]), "din") == 0 || strcmp(tok_text(t, &t->toks[k]), "dini") == 0)) {
            int nisba = t->toks[k].len == 4;                              /* Alaeddini */
            snprintf(joined, sizeof joined, "%s%s", x, with_u ? (nisba ? "uddini" : "uddin")
                                                               : (nisba ? "eddini" : "eddine"));
            set_text(t, i, joined);
            t->toks[j].dropped = 1;
            t->toks[k].dropped = 1;
        }
    }
}
