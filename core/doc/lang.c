/*
** lang.c — the syntax of BCP 47 language tags, and the scripts languages are written in
** (lang.h).
*/
#include <stddef.h>
#include <string.h>

#include "doc/lang.h"

int bc_lang_tag_ok_n(const char *tag, size_t len)
{
    if (!tag || len == 0 || len > 64) return 0;
    const char *p = tag, *end = tag + len;
    int first = 1;
    for (;;) {
        size_t n = 0, letters = 0;
        while (p + n < end && p[n] != '-') {
            char c = p[n];
            int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            int digit = c >= '0' && c <= '9';
            if (!alpha && !digit) return 0;
            letters += (size_t)alpha;
            n++;
        }
        if (n < 1 || n > 8) return 0;
        /* the primary subtag: 2 to 8 letters, or x / i (private use, grandfathered) */
        if (first && (letters != n || (n == 1 && p[0] != 'x' && p[0] != 'i'))) return 0;
        first = 0;
        if (p + n == end) return 1;
        p += n + 1;
    }
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
