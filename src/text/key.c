/* key.c — phonetic keys and consonant skeletons of folded Latin tokens, so that the spellings
 * romanization schemes give one sound (yevgeniy/evgenii/jewgeni, jong/chong/jeong) meet.
 * Invariant: pure functions of their input, [a-z0-9] in and out, never longer than cap-1.
 */
#include <stdint.h>
#include <string.h>
#include "text/text.h"

#define WORK_MAX 128

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Letters that cdn_key's letter loop writes as they are whenever it reads them (they matter only
 * as the letter after another one, or to the ending and whole-token rules that run first), and
 * digits: the loop writes them without going through its rules. */
#define PLAIN_DIGITS ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, \
                     ['7'] = 1, ['8'] = 1, ['9'] = 1
static const uint8_t KEY_PLAIN[256] = {
    ['a'] = 1, ['f'] = 1, ['i'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['r'] = 1, ['v'] = 1, PLAIN_DIGITS };
/* The same for cdn_skeleton's loop: consonants it keeps as they are, once the doubled-letter
 * check has run. */
static const uint8_t SKEL_PLAIN[256] = {
    ['b'] = 1, ['f'] = 1, ['j'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['r'] = 1, ['w'] = 1, PLAIN_DIGITS };

/* Whole-token spellings that no letter rule can bring together: Korean surnames written by
 * custom (Lee for 리/이, Park for 박, Roh for 노, Lim for 림/임, Choe for 최). */
static const char *const WHOLE[][2] = {
    { "lee", "ri" }, { "li", "ri" }, { "yi", "ri" }, { "rhee", "ri" }, { "rhie", "ri" },
    { "yee", "ri" }, { "ree", "ri" }, { "choe", "choi" }, { "choy", "choi" }, { "chwe", "choi" },
    { "park", "pak" }, { "bak", "pak" }, { "bahk", "pak" }, { "roh", "ro" }, { "noh", "ro" },
    { "no", "ro" }, { "lim", "rim" }, { "im", "rim" }, { "ryoo", "ryu" }, { "yoo", "ryu" },
    { "rhyu", "ryu" }, { "el", "al" }, { "ul", "al" },
};

/* Ukrainian and Belarusian given names and their Russian forms, which no letter rule brings
 * together (Володимир / Уладзімір / Владимир): lists write one person either way (Volodymyr /
 * Vladimir ZELENSKY, Aliaksandr / Alexander LUKASHENKO), and the English, Polish and French
 * Alexander. Also the Turkish forms of Muhammad. Sorted by the first column, for the binary search. */
static const char *const GIVEN[][2] = {
    { "aleksander", "aleksandr" }, { "alexander", "aleksandr" }, { "alexandre", "aleksandr" },
    { "aliaksandr", "aleksandr" }, { "aliaksei", "aleksei" }, { "alyaksandr", "aleksandr" },
    { "alyaksei", "aleksei" }, { "anatol", "anatoli" }, { "andrii", "andrei" }, { "andriy", "andrei" },
    { "bohdan", "bogdan" }, { "danylo", "daniil" }, { "dmytro", "dmitri" }, { "dzmitry", "dmitri" },
    { "dzmitryi", "dmitri" }, { "fedir", "fyodor" }, { "halyna", "galina" }, { "henadz", "gennadi" },
    { "hennadii", "gennadi" }, { "hennadiy", "gennadi" }, { "heorhii", "georgi" }, { "heorhiy", "georgi" },
    { "hienadz", "gennadi" }, { "hryhorii", "grigori" }, { "hryhoriy", "grigori" }, { "ihar", "igor" },
    { "ihor", "igor" }, { "iryna", "irina" }, { "kanstantsin", "konstantin" }, { "kateryna", "yekaterina" },
    { "kostiantyn", "konstantin" }, { "kostyantyn", "konstantin" }, { "kyrylo", "kirill" },
    { "leanid", "leonid" }, { "liudmyla", "lyudmila" }, { "lyudmyla", "lyudmila" }, { "mehmed", "muhammad" },
    { "mehmet", "muhammad" }, { "mikalai", "nikolai" }, { "mikalay", "nikolai" }, { "mykhailo", "mikhail" },
    { "mykhaylo", "mikhail" }, { "mykola", "nikolai" }, { "natallia", "natalya" }, { "oleh", "oleg" },
    { "oleksii", "aleksei" }, { "oleksij", "aleksei" }, { "oleksiy", "aleksei" }, { "olena", "yelena" },
    { "pavlo", "pavel" }, { "ryhor", "grigori" }, { "serhii", "sergei" }, { "serhiy", "sergei" },
    { "siarhei", "sergei" }, { "siarhiej", "sergei" }, { "svitlana", "svetlana" }, { "syarhei", "sergei" },
    { "tatsiana", "tatyana" }, { "tetiana", "tatyana" }, { "tetyana", "tatyana" }, { "uladzimir", "vladimir" },
    { "uladzislau", "vladislav" }, { "valiantsin", "valentin" }, { "vasyl", "vasili" }, { "viktar", "viktor" },
    { "volha", "olga" }, { "volodymyr", "vladimir" }, { "yauhen", "yevgeni" }, { "yauheni", "yevgeni" },
    { "yevhen", "yevgeni" }, { "yevhenii", "yevgeni" }, { "yevheniy", "yevgeni" },
};

/* Replaces s by its Russian form when it is one of GIVEN's names. */
static void given_name(char *s, size_t *n)
{
    size_t lo = 0, hi = sizeof GIVEN / sizeof *GIVEN;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *g = GIVEN[mid][0];
        int c = g[0] != s[0] ? (unsigned char)g[0] - (unsigned char)s[0]
              : g[1] != s[1] ? (unsigned char)g[1] - (unsigned char)s[1] : strcmp(g, s);
        if (c == 0) {
            *n = strlen(GIVEN[mid][1]);
            memcpy(s, GIVEN[mid][1], *n + 1);
            return;
        }
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
}

/* muhammad, mohammed, mohamed, muhamad, mohammad …: m, o|u, h+, a|e, m+, a|e, d. */
static int is_muhammad(const char *s, size_t n)
{
    size_t i = 0;
    if (n < 6 || s[i++] != 'm' || (s[i] != 'o' && s[i] != 'u')) return 0;
    i++;
    if (s[i] != 'h') return 0;
    while (i < n && s[i] == 'h') i++;
    if (i >= n || (s[i] != 'a' && s[i] != 'e')) return 0;
    i++;
    if (i >= n || s[i] != 'm') return 0;
    while (i < n && s[i] == 'm') i++;
    if (i >= n || (s[i] != 'a' && s[i] != 'e')) return 0;
    i++;
    return i + 1 == n && s[i] == 'd';
}

static size_t finish(const char *w, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++)
        if (o == 0 || out[o - 1] != w[i]) out[o++] = w[i];     /* doubled letters count once */
    if (cap) out[o] = 0;
    return o;
}

/* Whether s[i..n) starts with the literal p (a macro so that the compare is inlined). */
static inline int starts_impl(const char *s, size_t n, size_t i, const char *p, size_t l)
{
    if (i + l > n) return 0;
    for (size_t k = 0; k < l; k++) if (s[i + k] != p[k]) return 0;
    return 1;
}
#define starts(s, n, i, p) starts_impl((s), (n), (i), (p), sizeof(p) - 1)

/* The replacement of the digraph c+next at s[i], or NULL. */
static const char *digraph(const char *s, size_t n, size_t i, int first)
{
    char c = s[i], next = s[i + 1];
    switch (c) {
    case 'z': return next == 'h' ? "j" : NULL;
    case 's': return next == 'h' ? "j" : NULL;
    case 'c': return next == 'h' ? "j" : next == 'k' ? "k" : NULL;
    case 'j': return next == 'h' ? "j" : NULL;
    case 'd': return next == 'j' ? "j" : next == 'h' ? "d" : NULL;
    case 'k': return next == 'h' ? "h" : NULL;
    case 'p': return next == 'h' ? "f" : NULL;
    case 't': return next == 'h' ? "t" : next == 's' || next == 'z' ? "s" : NULL;
    case 'g':
        if (next == 'h') return first ? "k" : "g";
        if (next == 'u' && i + 2 < n && (s[i + 2] == 'e' || s[i + 2] == 'i')) return first ? "k" : "g";
        return NULL;
    case 'o': return next == 'u' || next == 'o' ? "u" : next == 'e' ? "oi" : NULL;
    case 'e':
        /* ee is English i (Reed), but Russian е-е before v: Sergeev = Sergeyev, Alekseevich. */
        if (next == 'e') return i + 2 < n && s[i + 2] == 'v' ? "e" : "i";
        return next == 'o' ? "o" : next == 'u' ? "u" : NULL;
    default: return NULL;
    }
}

/* Whether a vowel was written last, and whether one (or y) comes next: asked by j, y and h only,
 * so computed there. */
static int vowel_written(const char *w, size_t o) { return o > 0 && is_vowel(w[o - 1]); }
static int vowel_next(char next) { return next && (is_vowel(next) || next == 'y'); }

/* The length of the sibilant spelling (schtsch, shtch, chtch, shch, tsch, sch, tch, dzh: all
 * j) at s[i], longest first, or 0. Dispatched on the first two letters: most letters start none. */
static size_t sibilant(const char *s, size_t n, size_t i)
{
    char next = s[i + 1];
    switch (s[i]) {
    case 's':
        if (next == 'c') return starts(s, n, i, "schtsch") ? 7 : starts(s, n, i, "sch") ? 3 : 0;
        if (next == 'h') return starts(s, n, i, "shtch") ? 5 : starts(s, n, i, "shch") ? 4 : 0;
        return 0;
    case 'c': return next == 'h' && starts(s, n, i, "chtch") ? 5 : 0;
    case 't':
        if (next == 's') return starts(s, n, i, "tsch") ? 4 : 0;
        return next == 'c' && starts(s, n, i, "tch") ? 3 : 0;
    case 'd': return next == 'z' && starts(s, n, i, "dzh") ? 3 : 0;
    default: return 0;
    }
}

static int whole_token(char *s, size_t *n)
{
    if (*n > 4) return 0;
    for (size_t k = 0; k < sizeof WHOLE / sizeof *WHOLE; k++)
        if (WHOLE[k][0][0] == s[0] && strcmp(s, WHOLE[k][0]) == 0) {
            *n = strlen(WHOLE[k][1]);
            memcpy(s, WHOLE[k][1], *n + 1);
            return 1;
        }
    return 0;
}

size_t cdn_key(const char *folded, size_t len, char *out, size_t cap)
{
    char s[WORK_MAX], w[WORK_MAX * 2];
    size_t n = len < WORK_MAX ? len : WORK_MAX - 1, o = 0;
    memcpy(s, folded, n);
    s[n] = 0;
    if (n == 0) return finish(s, 0, out, cap);
    if (!whole_token(s, &n) && n >= 4 && n <= 11) given_name(s, &n);
    if (s[0] == 'm' && is_muhammad(s, n)) return finish("muhamad", 7, out, cap);
    /* Latvian and Lithuanian give a man's name its nominative ending: Sergejs, Andrejs, Dmitrijs
     * (Latvian -s), Sergejus (Lithuanian -us). After a vowel and j it is that ending, not the name. */
    if (n >= 6 && s[n - 1] == 's' && s[n - 2] == 'j' && is_vowel(s[n - 3])) s[--n] = 0;
    else if (n >= 7 && s[n - 1] == 's' && s[n - 2] == 'u' && s[n - 3] == 'j' && is_vowel(s[n - 4])) s[n -= 2] = 0;
    /* Endings: -iy -yy -ij -ii → i (Russian -ий/-ый in every scheme); French -ine → -in. */
    if (n >= 4 && (s[n - 1] == 'y' || s[n - 1] == 'j' || s[n - 1] == 'i')
        && (s[n - 2] == 'i' || s[n - 2] == 'y'))
        s[--n - 1] = 'i', s[n] = 0;
    if (n >= 6 && s[n - 1] == 'e' && s[n - 2] == 'n' && s[n - 3] == 'i' && !is_vowel(s[n - 4])) s[--n] = 0;
    /* A silent e after a doubled consonant (French and English: Marianne, Danielle, Juliette,
     * Pierre), which a transliteration into Arabic or Cyrillic does not write (ماريان mariyan). */
    else if (n >= 6 && s[n - 1] == 'e' && s[n - 2] == s[n - 3] && strchr("lmnrst", s[n - 2])) s[--n] = 0;
    size_t i = 0;
    if ((s[0] == 'y' || s[0] == 'j') && s[1] == 'e' && s[2] != 'o') i = 1;   /* Yevgeniy, Jewgeni; not Jeong */
    else if (n > 2 && s[0] == 'i' && (s[1] == 'a' || s[1] == 'u' || s[1] == 'o')) { w[o++] = 'y'; i = 1; }
    /* Wade-Giles hs is pinyin x: Hsi = Xi, Hsu = Xu, Hsieh = Xie (Taiwanese and older spellings). */
    else if (n > 2 && s[0] == 'h' && s[1] == 's' && is_vowel(s[2])) { w[o++] = 'k'; w[o++] = 's'; i = 2; }
    /* An initial short u of Arabic, Persian and Turkic names is written o as often as u: Omar = Umar,
     * Osman = Usman, Omid = Umid, Oday = Uday. Short tokens keep their o: 오 O is not 우 U. */
    else if (n >= 4 && s[0] == 'o' && !is_vowel(s[1])) { w[o++] = 'u'; i = 1; }
    for (; i < n; i++) {
        char c = s[i], next = s[i + 1];
        if (KEY_PLAIN[(unsigned char)c]) {
            w[o++] = c;
            if (o + 4 >= sizeof w) break;
            continue;
        }
        int first = o == 0;
        size_t sib = sibilant(s, n, i);
        if (sib) { w[o++] = 'j'; i += sib - 1; continue; }
        if (c == 'o' && starts(s, n, i, "oung")) { w[o++] = 'o'; w[o++] = 'n'; w[o++] = 'g'; i += 3; continue; }
        if (c == 'u' && i + 3 == n && next == 'n' && s[i + 2] == 'g') { w[o++] = 'o'; w[o++] = 'n'; w[o++] = 'g'; break; }
        if (next) {
            const char *rep = digraph(s, n, i, first);
            if (rep) { for (; *rep; rep++) w[o++] = *rep; i++; continue; }
        }
        switch (c) {
        case 'j':
            /* German j after a vowel closes a syllable (Sergej, Nikolaj); else the ж/ч/j class. */
            if (vowel_written(w, o) && !vowel_next(next)) { w[o++] = 'i'; break; }
            w[o++] = 'j';
            break;
        case 'y': {
            if (o == 0) { w[o++] = 'y'; break; }
            int pv = vowel_written(w, o), nv = vowel_next(next);
            if (pv && next == 'e') break;                  /* Sergeyevich = Sergeevich */
            if (pv && w[o - 1] == 'i' && nv) break;        /* Mariya = Maria, Zakariya = Zakaria */
            if (pv && nv) { w[o++] = 'y'; break; }
            w[o++] = 'i';                                   /* Shoygu, Pushylin, Solovyev */
            break;
        }
        case 'w': w[o++] = 'v'; break;
        case 'z': w[o++] = 's'; break;
        case 'q': w[o++] = 'k'; break;
        case 'x': w[o++] = 'k'; w[o++] = 's'; break;
        case 'c': w[o++] = next == 'e' || next == 'i' || next == 'y' ? 's' : 'k'; break;
        case 'b': w[o++] = first ? 'p' : 'b'; break;      /* Korean MR/RR initials: p/b, t/d, k/g */
        case 'd': w[o++] = first ? 't' : 'd'; break;
        case 'g': w[o++] = first ? 'k' : 'g'; break;
        case 'h':
            if (!next && vowel_written(w, o) && o > 1) break;   /* Abdullah = Abdulla, Hamzah = Hamza */
            w[o++] = 'h';
            break;
        default: w[o++] = c; break;
        }
        if (o + 4 >= sizeof w) break;
    }
    /* The diphthong ay is written ei as often as ai or ay (Zeid = Zaid = Zayd, Hussein = Husayn,
     * Deif = Dayf, Sheikh = Shaykh; German Meier = Mayer): before a consonant or at the end, ei is ai.
     * Done while finish() would copy: the rule reads only letters ahead, which it leaves vowels. */
    size_t r = 0;
    for (size_t k = 0; k < o && r + 1 < cap; k++) {
        char c = w[k];
        if (c == 'e' && k + 1 < o && w[k + 1] == 'i' && (k + 2 == o || !is_vowel(w[k + 2]))) c = 'a';
        if (r == 0 || out[r - 1] != c) out[r++] = c;                 /* doubled letters count once */
    }
    if (cap) out[r] = 0;
    return r;
}

size_t cdn_skeleton(const char *folded, size_t len, char *out, size_t cap)
{
    char work[WORK_MAX * 2];
    size_t n = len < WORK_MAX ? len : WORK_MAX - 1, o = 0;
    const char *s = folded;
    /* at most 2n+1 letters: straight into out if they fit and out is not the input */
    char *w = cap > 2 * n + 1 && (out >= folded + n || out + cap <= folded) ? out : work;
    if (n && (is_vowel(s[0]) || s[0] == 'y')) w[o++] = 'a';     /* a word-initial vowel (ʿayn, alif) */
    for (size_t i = 0; i < n; i++) {
        char c = s[i], next = i + 1 < n ? s[i + 1] : 0;
        if (i > 0 && s[i - 1] == c) continue;                    /* a doubled letter (Muhammad) */
        if (SKEL_PLAIN[(unsigned char)c]) { w[o++] = c; continue; }
        if (next == 'h' && (c == 's' || c == 'c' || c == 'z')) { w[o++] = 'j'; i++; continue; }
        if (next == 'h' && (c == 'k' || c == 'g' || c == 't' || c == 'd' || c == 'p')) {
            w[o++] = c == 'k' ? 'h' : c == 'p' ? 'f' : c;     /* kh, gh, th, dh, ph */
            i++;
            continue;
        }
        if (is_vowel(c) || c == 'y') continue;
        if (c == 'h' && i + 1 == n && i > 0 && is_vowel(s[i - 1])) continue;
        switch (c) {
        case 'q': case 'c': w[o++] = 'k'; break;
        case 'z': w[o++] = 's'; break;
        case 'v': w[o++] = 'w'; break;
        case 'x': w[o++] = 'k'; w[o++] = 's'; break;
        default: w[o++] = c; break;
        }
    }
    if (o > cap - 1) o = cap ? cap - 1 : 0;
    if (w != out) memcpy(out, w, o);
    if (cap) out[o] = 0;
    return o;
}
