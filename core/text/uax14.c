/*
** uax14.c — line break opportunities (UAX #14) and grapheme clusters (UAX #29) through ICU's
** break iterators over UTF-8 text in place (UText), so every offset is a byte offset.
**
** ICU is opened with dlopen on first need, as HarfBuzz is (hbsubset.c): linking it would add
** about 2 ms to every process start (libicuuc brings libstdc++), and a warm build whose
** paragraphs come from the cache never breaks a line. Opening an iterator loads and compiles
** rules, so each kind is opened once per process (per locale for lines) and reused; a lock
** guards them for the batch and serve threads. ICU is
** chosen over libunibreak: Debian 12's libunibreak is 1.1 (2012, Unicode 6), without grapheme
** clusters, kinsoku tailoring or the rules added since (emoji, Indic aksaras, LB30a).
*/
#include "text/uax14.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "base/dl.h"
#include "text/lbsimple.h"

#define MAX_LOCALES 4

#define STR2(x) #x
#define STR(x) STR2(x)
/* ICU's entry points carry its version ("ubrk_open_72"): the headers rename every call. */
#define ICU_LIBRARY "libicuuc.so." STR(U_ICU_VERSION_MAJOR_NUM)

#define ICU_FUNCS(X)      \
    X(ubrk_open)          \
    X(ubrk_close)         \
    X(ubrk_first)         \
    X(ubrk_next)          \
    X(ubrk_getRuleStatus) \
    X(ubrk_setUText)      \
    X(ubrk_setText)       \
    X(utext_openUTF8)     \
    X(utext_close)

static struct {
    int tried;
    void *lib;
#define X(name) __typeof__(&name) name;
    ICU_FUNCS(X)
#undef X
} icu;

/* Opens ICU once; 0 when it cannot (then breaks fall back to white space). Lock held. */
static int icu_load(void)
{
    if (icu.tried) return icu.lib != NULL;
    icu.tried = 1;
#define ICU_NAME(name) STR(name), /* the versioned name the headers rename it to */
    static const char *const names[] = {ICU_FUNCS(ICU_NAME)};
#undef ICU_NAME
#define ICU_SLOT(name) BC_DL_SLOT(icu, name)
    void **const slots[] = {ICU_FUNCS(ICU_SLOT)};
#undef ICU_SLOT
    icu.lib = bc_dl_open(ICU_LIBRARY, names, slots, sizeof names / sizeof *names, NULL, 0);
    return icu.lib != NULL;
}

typedef struct cached_bi {
    char locale[24];
    UBreakIterator *bi;
} cached_bi;

static cached_bi lines[MAX_LOCALES];
static int nlines;
static UBreakIterator *chars;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const UChar empty_text[1];

int bc_uax14_cjk(const char *language)
{
    if (!language) return 0;
    return (!strncmp(language, "zh", 2) || !strncmp(language, "ja", 2) ||
            !strncmp(language, "ko", 2)) &&
           (language[2] == 0 || language[2] == '-' || language[2] == '_');
}

/* ICU's locale for a BCP 47 tag: Chinese and Japanese get the strict kinsoku set (no line
   starts with a small kana or a prolonged sound mark either); the rest share the root rules,
   which no other language tailors for line breaking. */
static void locale_for(const char *language, char *out, size_t cap)
{
    if (bc_uax14_cjk(language) && strncmp(language, "ko", 2) != 0)
        snprintf(out, cap, "%.2s@lb=strict", language);
    else
        snprintf(out, cap, "%s", "");
}

/* The line iterator for a locale, opened on first use; lock held. NULL when ICU fails. */
static UBreakIterator *line_iterator(const char *locale)
{
    for (int i = 0; i < nlines; i++)
        if (!strcmp(lines[i].locale, locale)) return lines[i].bi;
    if (!icu_load()) return NULL;
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = icu.ubrk_open(UBRK_LINE, locale, NULL, 0, &st);
    if (U_FAILURE(st)) return NULL;
    if (nlines == MAX_LOCALES) { /* a brief with many CJK locales: drop the oldest */
        icu.ubrk_close(lines[0].bi);
        memmove(lines, lines + 1, sizeof lines[0] * (MAX_LOCALES - 1));
        nlines--;
    }
    snprintf(lines[nlines].locale, sizeof lines[nlines].locale, "%s", locale);
    lines[nlines++].bi = bi;
    return bi;
}

/* Points bi at s[0..len) as UTF-8; 0 on success. ut must stay open while bi reads it. */
static int set_text(UBreakIterator *bi, UText *ut, const char *s, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    if (len > INT32_MAX) return -1;
    icu.utext_openUTF8(ut, len ? s : "", (int64_t)len, &st);
    if (U_FAILURE(st)) return -1;
    icu.ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        icu.utext_close(ut);
        return -1;
    }
    return 0;
}

/* Detaches bi from the caller's text so no pointer into it outlives the call. */
static void clear_text(UBreakIterator *bi, UText *ut)
{
    UErrorCode st = U_ZERO_ERROR;
    icu.ubrk_setText(bi, empty_text, 0, &st);
    icu.utext_close(ut);
}

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int bc_uax14_breaks(const char *s, size_t len, const char *language, unsigned char *out)
{
    char locale[24];
    locale_for(language, locale, sizeof locale);
    if (!locale[0] && bc_lbsimple_breaks(s, len, out) == 0) return 0; /* Latin: no ICU */
    return bc_uax14_breaks_icu(s, len, language, out);
}

int bc_uax14_breaks_icu(const char *s, size_t len, const char *language, unsigned char *out)
{
    memset(out, BC_BRK_NONE, len + 1);
    char locale[24];
    locale_for(language, locale, sizeof locale);
    pthread_mutex_lock(&lock);
    UBreakIterator *bi = line_iterator(locale);
    UText ut = UTEXT_INITIALIZER;
    if (!bi || set_text(bi, &ut, s, len) != 0) {
        pthread_mutex_unlock(&lock);
        for (size_t i = 1; i < len; i++) /* ICU is missing: break after white space */
            if (is_ws((unsigned char)s[i - 1]) && !is_ws((unsigned char)s[i]))
                out[i] = BC_BRK_ALLOWED;
        out[len] = BC_BRK_MANDATORY;
        return -1;
    }
    icu.ubrk_first(bi);
    for (int32_t b = icu.ubrk_next(bi); b != UBRK_DONE; b = icu.ubrk_next(bi)) {
        if (b <= 0 || (size_t)b > len) continue;
        int32_t rs = icu.ubrk_getRuleStatus(bi);
        out[b] =
            rs >= UBRK_LINE_HARD && rs < UBRK_LINE_HARD_LIMIT ? BC_BRK_MANDATORY : BC_BRK_ALLOWED;
    }
    out[len] = BC_BRK_MANDATORY;
    clear_text(bi, &ut);
    pthread_mutex_unlock(&lock);
    return 0;
}

int bc_grapheme_bounds(const char *s, size_t len, unsigned char *out)
{
    memset(out, 0, len + 1);
    pthread_mutex_lock(&lock);
    if (!chars && icu_load()) {
        UErrorCode st = U_ZERO_ERROR;
        chars = icu.ubrk_open(UBRK_CHARACTER, "", NULL, 0, &st);
        if (U_FAILURE(st)) chars = NULL;
    }
    UText ut = UTEXT_INITIALIZER;
    if (!chars || set_text(chars, &ut, s, len) != 0) {
        pthread_mutex_unlock(&lock);
        for (size_t i = 0; i < len; i++) /* every code point on its own */
            out[i] = ((unsigned char)s[i] & 0xC0) != 0x80;
        out[len] = 1;
        return -1;
    }
    out[0] = 1;
    icu.ubrk_first(chars);
    for (int32_t b = icu.ubrk_next(chars); b != UBRK_DONE; b = icu.ubrk_next(chars))
        if (b > 0 && (size_t)b <= len) out[b] = 1;
    out[len] = 1;
    clear_text(chars, &ut);
    pthread_mutex_unlock(&lock);
    return 0;
}

void bc_uax14_release(void)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nlines; i++) icu.ubrk_close(lines[i].bi);
    nlines = 0;
    if (chars) icu.ubrk_close(chars);
    chars = NULL;
    pthread_mutex_unlock(&lock);
}
