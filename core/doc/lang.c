/*
** lang.c — the syntax of BCP 47 language tags, and the scripts languages are written in
** (lang.h).
*/
#include <stddef.h>
#include <string.h>

#include "doc/lang.h"

/* RFC 5646 section 2.2.8: the grandfathered tags the langtag production does not match
   (lowercase; the check ignores case). The regular ones (art-lojban, zh-min-nan) match it. */
static const char *const irregular[] = {
    "en-gb-oed", "i-ami", "i-bnn",     "i-default", "i-enochian", "i-hak",
    "i-klingon", "i-lux", "i-mingo",   "i-navajo",  "i-pwn",      "i-tao",
    "i-tay",     "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de"};

typedef struct {
    const char *s;
    size_t n, alpha, digit;
} subtag;

static int same_ci(const subtag *a, const subtag *b)
{
    if (a->n != b->n) return 0;
    for (size_t i = 0; i < a->n; i++)
        if ((a->s[i] | 0x20) != (b->s[i] | 0x20)) return 0;
    return 1;
}

/* Splits the len bytes at tag into at most cap subtags of 1 to 8 letters and digits; the count,
   or 0 when a subtag is empty, too long or holds another byte. */
static size_t split(const char *tag, size_t len, subtag *st, size_t cap)
{
    size_t k = 0;
    for (const char *p = tag, *end = tag + len;; p++) {
        if (k == cap) return 0;
        subtag t = {p, 0, 0, 0};
        for (; p < end && *p != '-'; p++, t.n++) {
            char c = *p;
            int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            int digit = c >= '0' && c <= '9';
            if (!alpha && !digit) return 0;
            t.alpha += (size_t)alpha;
            t.digit += (size_t)digit;
        }
        if (t.n < 1 || t.n > 8) return 0;
        st[k++] = t;
        if (p == end) return k;
    }
}

#define ALPHA(t, lo, hi) ((t).alpha == (t).n && (t).n >= (lo) && (t).n <= (hi))

/* RFC 5646 section 2.1's langtag after its language subtag st[0]: extlang, script, region,
   variants, extensions, private use, in that order; no variant or singleton twice (2.2.5,
   2.2.6). */
static int langtag_rest(const subtag *st, size_t k)
{
    size_t i = 1;
    if (st[0].n <= 3) /* extlang: up to three 3-letter subtags */
        for (int e = 0; e < 3 && i < k && ALPHA(st[i], 3, 3); e++) i++;
    if (i < k && ALPHA(st[i], 4, 4)) i++;                                         /* script */
    if (i < k && (ALPHA(st[i], 2, 2) || (st[i].n == 3 && st[i].digit == 3))) i++; /* region */
    for (size_t v0 = i; i < k; i++) { /* variants: 5-8 alphanumerics, or a digit and 3 */
        int variant = st[i].n >= 5 || (st[i].n == 4 && st[i].s[0] >= '0' && st[i].s[0] <= '9');
        if (!variant) break;
        for (size_t j = v0; j < i; j++)
            if (same_ci(&st[j], &st[i])) return 0;
    }
    for (size_t x0 = i; i < k && st[i].n == 1 && (st[i].s[0] | 0x20) != 'x';) { /* extensions */
        for (size_t j = x0; j < i; j++)
            if (st[j].n == 1 && same_ci(&st[j], &st[i])) return 0;
        size_t j = i + 1;
        while (j < k && st[j].n >= 2) j++;
        if (j == i + 1) return 0; /* a singleton needs at least one 2-8 character subtag */
        i = j;
    }
    if (i < k && (st[i].s[0] | 0x20) == 'x' && st[i].n == 1) return k - i >= 2; /* private use */
    return i == k;
}

int bc_lang_tag_ok_n(const char *tag, size_t len)
{
    if (!tag || len == 0 || len > 64) return 0;
    for (size_t g = 0; g < sizeof irregular / sizeof irregular[0]; g++) {
        subtag a = {tag, len, 0, 0}, b = {irregular[g], strlen(irregular[g]), 0, 0};
        if (same_ci(&a, &b)) return 1;
    }
    subtag st[32]; /* 64 bytes hold at most 32 subtags */
    size_t k = split(tag, len, st, sizeof st / sizeof st[0]);
    if (k == 0) return 0;
    if (st[0].n == 1) return (st[0].s[0] | 0x20) == 'x' && k >= 2; /* x-private, nothing else */
    return ALPHA(st[0], 2, 8) && langtag_rest(st, k);
}

int bc_lang_tag_ok(const char *tag) { return tag && bc_lang_tag_ok_n(tag, strlen(tag)); }

unsigned bc_script_of(uint32_t c)
{
    static const struct {
        uint32_t lo, hi;
        unsigned s;
    } r[] = {
        {'A', 'Z', BC_SCRIPT_LATIN},          {'a', 'z', BC_SCRIPT_LATIN},
        {0xC0, 0xD6, BC_SCRIPT_LATIN},        {0xD8, 0xF6, BC_SCRIPT_LATIN},
        {0xF8, 0x24F, BC_SCRIPT_LATIN},       {0x1E00, 0x1EFF, BC_SCRIPT_LATIN},
        {0x370, 0x3FF, BC_SCRIPT_GREEK},      {0x1F00, 0x1FFF, BC_SCRIPT_GREEK},
        {0x400, 0x52F, BC_SCRIPT_CYRILLIC},   {0x5D0, 0x5F2, BC_SCRIPT_HEBREW},
        {0x620, 0x64A, BC_SCRIPT_ARABIC},     {0x66E, 0x6D3, BC_SCRIPT_ARABIC},
        {0x6FA, 0x6FF, BC_SCRIPT_ARABIC},     {0x750, 0x77F, BC_SCRIPT_ARABIC},
        {0x8A0, 0x8C9, BC_SCRIPT_ARABIC},     {0xFB50, 0xFDFB, BC_SCRIPT_ARABIC},
        {0xFE70, 0xFEFC, BC_SCRIPT_ARABIC},   {0x904, 0x939, BC_SCRIPT_DEVANAGARI},
        {0x958, 0x961, BC_SCRIPT_DEVANAGARI}, {0x985, 0x9B9, BC_SCRIPT_BENGALI},
        {0xE01, 0xE30, BC_SCRIPT_THAI},       {0x1100, 0x11FF, BC_SCRIPT_HANGUL},
        {0xAC00, 0xD7A3, BC_SCRIPT_HANGUL},   {0x3041, 0x30FA, BC_SCRIPT_KANA},
        {0x3400, 0x4DBF, BC_SCRIPT_HAN},      {0x4E00, 0x9FFF, BC_SCRIPT_HAN},
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (c >= r[i].lo && c <= r[i].hi) return c == 0xD7 || c == 0xF7 ? 0 : r[i].s;
    return 0;
}

/* Whether the len bytes at s equal the lowercase word w, ignoring case. */
static int subtag_is(const char *s, size_t len, const char *w)
{
    if (strlen(w) != len) return 0;
    for (size_t i = 0; i < len; i++)
        if ((s[i] | 0x20) != w[i]) return 0;
    return 1;
}

unsigned bc_lang_scripts(const char *tag)
{
    static const struct {
        const char *sub;
        unsigned s;
    } scripts[] = {{"latn", BC_SCRIPT_LATIN},  {"cyrl", BC_SCRIPT_CYRILLIC},
                   {"arab", BC_SCRIPT_ARABIC}, {"grek", BC_SCRIPT_GREEK},
                   {"hebr", BC_SCRIPT_HEBREW}, {"deva", BC_SCRIPT_DEVANAGARI},
                   {"hans", BC_SCRIPT_HAN},    {"hant", BC_SCRIPT_HAN}};
    static const struct {
        const char *langs;
        unsigned s;
    } primary[] = {
        {" en fr de es it pt nl sv da no nb nn fi pl cs sk sl hr bs ro hu tr id ms vi ca eu gl "
         "ga cy et lv lt sq sw tl af is mt az uz so ha yo lb fil ",
         BC_SCRIPT_LATIN},
        {" ar ur fa ps sd ug ckb prs ", BC_SCRIPT_ARABIC},
        {" ru uk be bg mk sr kk ky tg mn ", BC_SCRIPT_CYRILLIC},
        {" el ", BC_SCRIPT_GREEK},
        {" he yi ", BC_SCRIPT_HEBREW},
        {" hi mr ne sa ", BC_SCRIPT_DEVANAGARI},
        {" bn as ", BC_SCRIPT_BENGALI},
        {" th ", BC_SCRIPT_THAI},
        {" ko ", BC_SCRIPT_HANGUL | BC_SCRIPT_HAN},
        {" ja ", BC_SCRIPT_HAN | BC_SCRIPT_KANA},
        {" zh ", BC_SCRIPT_HAN}};
    if (!bc_lang_tag_ok(tag)) return 0;
    size_t n0 = strcspn(tag, "-");
    for (const char *p = tag + n0; *p == '-';) { /* a script subtag (four letters) decides */
        p++;
        size_t n = strcspn(p, "-");
        for (size_t i = 0; n == 4 && i < sizeof scripts / sizeof scripts[0]; i++)
            if (subtag_is(p, n, scripts[i].sub)) return scripts[i].s;
        p += n;
    }
    if (n0 < 2 || n0 > 3) return 0;
    char key[6] = " ";
    for (size_t i = 0; i < n0; i++) key[1 + i] = (char)(tag[i] | 0x20);
    key[1 + n0] = ' ';
    for (size_t i = 0; i < sizeof primary / sizeof primary[0]; i++)
        if (strstr(primary[i].langs, key)) return primary[i].s;
    return 0;
}

const char *bc_script_name(unsigned s)
{
    static const char *names[] = {"Latin",   "Greek", "Cyrillic", "Hebrew", "Arabic", "Devanagari",
                                  "Bengali", "Thai",  "Hangul",   "Han",    "Kana"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (s == 1u << i) return names[i];
    return "another";
}
