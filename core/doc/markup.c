/*
** markup.c — inline markup parser: emphasis with * and **, links, backslash escapes,
** language spans "[texte]{lang=fr}".
**
** The parser is a single left-to-right scan with a style stack of depth two; an opening marker
** without its closing partner in the same text is literal, so no input is ever rejected
** except invalid UTF-8.
*/
#include "doc/markup.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "doc/lang.h"

typedef struct parser {
    bc_arena *a;
    bc_buf text; /* text of the run being collected (escapes removed) */
    bc_run *runs;
    int n, cap;
    unsigned style;
    const char *link;
    const char *lang;     /* the open language span's tag, or NULL */
    int in_note;          /* parsing a footnote's text: no footnotes inside it */
    const char *bad_link; /* the first link target link_target_ok refused */
} parser;

static void flush(parser *p)
{
    if (p->text.len == 0) return;
    if (p->n == p->cap) {
        /* one run first: most table cells hold one, and 8 each cost a 9,000-row table 21 MB */
        int cap = !p->cap ? 1 : p->cap == 1 ? 8 : p->cap * 2;
        bc_run *r = bc_arena_alloc(p->a, (size_t)cap * sizeof *r);
        if (p->n) memcpy(r, p->runs, (size_t)p->n * sizeof *r);
        p->runs = r;
        p->cap = cap;
    }
    bc_run *r = &p->runs[p->n++];
    r->text = bc_arena_strndup(p->a, p->text.data, p->text.len);
    r->len = p->text.len;
    r->style = p->style;
    r->link = p->link;
    r->lang = p->lang;
    r->kind = BC_RUN_TEXT;
    r->ref = r->where = NULL;
    r->note = NULL;
    r->note_no = 0;
    p->text.len = 0;
}

/*
** Linear scanning. Every construct looks for its closer through this per-span record, built
** lazily, so no input makes the parser quadratic (string.rep("[", 50000) was):
**   star runs: for each position, the nearest closing run of at least k stars (a run not
**     escaped and not after a space);
**   brackets: for each '[', its matching ']' (nested, backslash escapes skipped), found by one
**     pass with a stack;
**   link targets: for each position, the next ')' or space;
**   ']' and '`': the next one at or after a position, remembered for the parser's next
**     (later) question.
*/
typedef uint32_t pos; /* a position in a span: texts are at most BC_MARKUP_MAX bytes */

typedef struct scan {
    const char *s;
    size_t len;
    pos *next[4];          /* next[k][i]: first closer of >= k stars at or after i, or len */
    pos *match;            /* match[i]: for '[' at i, its ']' or len */
    pos *stop;             /* stop[i]: the first ')' or ' ' at or after i, or len */
    size_t rb_from, rb_at; /* the first ']' at or after rb_from is at rb_at (len: none) */
    size_t bt_from, bt_at; /* the same for '`' */
} scan;

static int escapable(char c) { return c && strchr("\\*[]()_`\"'-.^~", c) != NULL; }

static void scan_init(scan *sc, const char *s, size_t len)
{
    memset(sc, 0, sizeof *sc);
    sc->s = s;
    sc->len = len;
    sc->rb_from = sc->bt_from = (size_t)-1;
}

static void scan_free(scan *sc)
{
    for (int k = 1; k <= 3; k++) free(sc->next[k]);
    free(sc->match);
    free(sc->stop);
}

static void closers_init(scan *c)
{
    const char *s = c->s;
    size_t len = c->len;
    unsigned char *esc = bc_xcalloc(len + 1, 1);
    for (size_t i = 0; i + 1 < len; i++)
        if (!esc[i] && s[i] == '\\' && escapable(s[i + 1])) esc[i + 1] = 1;
    for (int k = 1; k <= 3; k++) c->next[k] = bc_xmalloc((len + 1) * sizeof(pos));
    pos nxt[4] = {(pos)len, (pos)len, (pos)len, (pos)len};
    for (int k = 1; k <= 3; k++) c->next[k][len] = (pos)len;
    for (size_t j = len; j-- > 0;) {
        if (s[j] == '*' && !esc[j] && (j == 0 || s[j - 1] != '*' || esc[j - 1]) && j > 0 &&
            s[j - 1] != ' ') {
            size_t run = 0;
            while (j + run < len && s[j + run] == '*') run++;
            for (int k = 1; k <= 3; k++)
                if (run >= (size_t)k) nxt[k] = (pos)j;
        }
        for (int k = 1; k <= 3; k++) c->next[k][j] = nxt[k];
    }
    free(esc);
}

/* Is there a closing run of k stars after position i? */
static int has_closer(scan *c, size_t i, int k)
{
    if (i >= c->len) return 0;
    if (!c->next[1]) closers_init(c);
    return c->next[k][i] < c->len;
}

/* The ']' matching the '[' at i, or 0 when it has none. A backslash skips the character after
   it; the parser only asks at positions this pass also starts a character at. */
static size_t bracket_match(scan *c, size_t i)
{
    const char *s = c->s;
    size_t len = c->len;
    if (!c->match) {
        c->match = bc_xmalloc((len + 1) * sizeof(pos));
        pos *stack = bc_xmalloc((len + 1) * sizeof(pos));
        size_t top = 0;
        for (size_t k = 0; k < len; k++) {
            c->match[k] = (pos)len;
            if (s[k] == '\\') {
                if (k + 1 < len) c->match[++k] = (pos)len;
            } else if (s[k] == '[') {
                stack[top++] = (pos)k;
            } else if (s[k] == ']' && top) {
                c->match[stack[--top]] = (pos)k;
            }
        }
        free(stack);
    }
    return c->match[i] < len ? c->match[i] : 0;
}

/* The first ')' or ' ' at or after i, or len. */
static size_t next_stop(scan *c, size_t i)
{
    if (i >= c->len) return c->len;
    if (!c->stop) {
        c->stop = bc_xmalloc((c->len + 1) * sizeof(pos));
        pos nxt = (pos)c->len;
        c->stop[c->len] = (pos)c->len;
        for (size_t j = c->len; j-- > 0;) {
            if (c->s[j] == ')' || c->s[j] == ' ') nxt = (pos)j;
            c->stop[j] = nxt;
        }
    }
    return c->stop[i];
}

/* The first ch at or after i (or len), for questions asked at growing positions. */
static size_t next_char(scan *c, char ch, size_t *from, size_t *at, size_t i)
{
    if (*from != (size_t)-1 && i >= *from && i <= *at) return *at;
    const char *hit = i < c->len ? memchr(c->s + i, ch, c->len - i) : NULL;
    *from = i;
    *at = hit ? (size_t)(hit - c->s) : c->len;
    return *at;
}

/* Parses "[text](url)" at s[i] == '['; returns the end index or 0 when not a link. */
static size_t link_end(scan *c, size_t i, size_t *tend, size_t *ustart)
{
    const char *s = c->s;
    size_t len = c->len;
    size_t m = bracket_match(c, i);
    if (!m) return 0;
    size_t j = m + 1;
    if (j >= len || s[j] != '(') return 0;
    *tend = m;
    *ustart = j + 1;
    size_t k = next_stop(c, j + 1);
    if (k >= len || s[k] != ')' || k == j + 1) return 0;
    return k + 1;
}

/* A link may leave the PDF for the web or for mail (http:, https:, mailto:, in any case) or go
   to a place in it (#...); javascript:, file:, smb:, data: or a bare path would hand a reader's
   click to a script, the local disk or a network share (where a click leaks the reader's
   Windows credentials). */
static int link_target_ok(const char *u, size_t n)
{
    static const char *const ok[] = {"http://", "https://", "mailto:"};
    if (n && u[0] == '#') return 1;
    for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) {
        size_t m = strlen(ok[k]);
        if (n > m && !strncasecmp(u, ok[k], m)) return 1;
    }
    return 0;
}

/* Parses "[text]{lang=TAG}" at s[i] == '[': returns the end index and the text's end in *tend,
   the tag in [*tag, *tag + *taglen), or 0 when it is not one (a tag that is not BCP 47 makes
   it literal text). The brace is looked for within 65 bytes, so the scan stays linear. */
static size_t lang_end(scan *c, size_t i, size_t *tend, size_t *tag, size_t *taglen)
{
    const char *s = c->s;
    size_t m = bracket_match(c, i);
    if (!m || m + 7 >= c->len || memcmp(s + m + 1, "{lang=", 6) != 0) return 0;
    size_t a = m + 7, k = a;
    while (k < c->len && k < a + 65 && s[k] != '}') k++;
    if (k >= c->len || s[k] != '}' || !bc_lang_tag_ok_n(s + a, k - a)) return 0;
    *tend = m;
    *tag = a;
    *taglen = k - a;
    return k + 1;
}

/* {====================================================== typography of plain input */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int opens_quote(char prev) { return !prev || strchr(" \t\n([{\xA0/-", prev) != NULL; }

/* Units after which a space becomes a no-break space: "30 %", "$3.1 bn", "12 km". */
static size_t unit_after(const char *s, size_t len)
{
    static const char *const units[] = {"%",  "bn", "billion",  "m",        "million",
                                        "mn", "tn", "trillion", "per cent", "percent",
                                        "km", "kg", "t",        "pp",       NULL};
    for (const char *const *u = units; *u; u++) {
        size_t n = strlen(*u);
        if (n <= len && !memcmp(s, *u, n) &&
            (n == len || !((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))))
            return n;
    }
    return 0;
}

/*
** Plain-input typography, as Typst and SmartyPants do: "--" en dash, "---" em dash, "..."
** ellipsis, straight quotes to curly ones (opening after a space or bracket, else closing or
** an apostrophe), and a no-break space between a number and its unit. Returns the number of
** input bytes consumed (0 when nothing applies) after appending the replacement.
*/
static size_t smart(parser *p, const char *s, size_t len, size_t i)
{
    char prev = p->text.len ? p->text.data[p->text.len - 1] : (i ? s[i - 1] : 0);
    if (s[i] == '-' && i + 1 < len && s[i + 1] == '-') {
        if (i + 2 < len && s[i + 2] == '-') {
            bc_buf_adds(&p->text, "\xE2\x80\x94");
            return 3;
        }
        bc_buf_adds(&p->text, "\xE2\x80\x93");
        return 2;
    }
    if (s[i] == '.' && i + 2 < len && s[i + 1] == '.' && s[i + 2] == '.') {
        bc_buf_adds(&p->text, "\xE2\x80\xA6");
        return 3;
    }
    if (s[i] == '"') {
        bc_buf_adds(&p->text, opens_quote(prev) ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
        return 1;
    }
    if (s[i] == '\'') {
        bc_buf_adds(&p->text, opens_quote(prev) && !(i + 1 < len && is_digit(s[i + 1]))
                                  ? "\xE2\x80\x98"
                                  : "\xE2\x80\x99");
        return 1;
    }
    if (s[i] == ' ' && is_digit(prev)) {
        size_t n = unit_after(s + i + 1, len - i - 1);
        if (n) {
            bc_buf_adds(&p->text, "\xC2\xA0");
            return 1;
        }
    }
    return 0;
}

/* }====================================================== */

static void parse_span(parser *p, const char *s, size_t len);

/* [Text]{.smallcaps}: the text as is (no markup inside), lowercase letters (ASCII and
   Latin-1) as capitals with BC_STYLE_SMALL, which layout sets smaller. */
static void small_caps(parser *p, const char *s, size_t len)
{
    flush(p);
    unsigned base = p->style;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        int lower = c >= 'a' && c <= 'z';
        int latin = c == 0xC3 && i + 1 < len && (unsigned char)s[i + 1] >= 0xA0 &&
                    (unsigned char)s[i + 1] <= 0xBE && (unsigned char)s[i + 1] != 0xB7;
        unsigned want = lower || latin ? base | BC_STYLE_SMALL : base;
        if (want != p->style) {
            flush(p);
            p->style = want;
        }
        if (lower)
            bc_buf_addc(&p->text, (char)(c - 32));
        else if (latin) {
            bc_buf_addc(&p->text, (char)c);
            bc_buf_addc(&p->text, (char)((unsigned char)s[i + 1] - 0x20));
        } else
            bc_buf_addc(&p->text, (char)c);
        i += latin ? 2 : 1;
    }
    flush(p);
    p->style = base;
}

/* long: one scanner over the inline markup; its cases share the position and the open
   spans */
static void parse_span(parser *p, const char *s, size_t len)
{
    scan cl;
    scan_init(&cl, s, len);
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '\\' && i + 1 < len && escapable(s[i + 1])) {
            bc_buf_addc(&p->text, s[i + 1]);
            i += 2;
            continue;
        }
        if (c == '`') {
            /* `code`: literal, in the code font */
            size_t at = next_char(&cl, '`', &cl.bt_from, &cl.bt_at, i + 1);
            const char *close = at < len ? s + at : NULL;
            if (close) {
                flush(p);
                p->style |= BC_STYLE_CODE;
                bc_buf_add(&p->text, s + i + 1, (size_t)(close - s - i - 1));
                flush(p);
                p->style &= ~(unsigned)BC_STYLE_CODE;
                i = (size_t)(close - s) + 1;
                continue;
            }
        }
        if (c == '^' && i + 1 < len && s[i + 1] == '[' && !p->in_note) {
            /* ^[a footnote], with markup of its own; numbered when the section is built */
            size_t close = bracket_match(&cl, i + 1);
            if (close > i + 2) {
                parser sub = {.a = p->a, .in_note = 1};
                parse_span(&sub, s + i + 2, close - i - 2);
                flush(&sub);
                bc_buf_free(&sub.text);
                bc_inline *body = bc_arena_alloc(p->a, sizeof *body);
                body->runs = sub.runs;
                body->n = sub.n;
                flush(p);
                unsigned keep = p->style;
                const char *keep_link = p->link;
                p->style = BC_STYLE_SUP;
                p->link = NULL;
                bc_buf_addc(&p->text, '?');
                flush(p);
                p->style = keep;
                p->link = keep_link;
                bc_run *r = &p->runs[p->n - 1];
                r->kind = BC_RUN_NOTE;
                r->note = body;
                i = close + 1;
                continue;
            }
        }
        if (c == '^' && i + 1 < len && s[i + 1] != '[' && s[i + 1] != ' ') {
            /* ^superscript^ (no spaces inside): 10^6^, 1^st^ */
            size_t k = i + 1;
            while (k < len && s[k] != '^' && s[k] != ' ' && s[k] != '\n') k++;
            if (k < len && s[k] == '^' && k > i + 1) {
                flush(p);
                p->style |= BC_STYLE_SUP;
                bc_buf_add(&p->text, s + i + 1, k - i - 1);
                flush(p);
                p->style &= ~(unsigned)BC_STYLE_SUP;
                i = k + 1;
                continue;
            }
        }
        if (c == '~' && i + 1 < len && s[i + 1] != ' ' && s[i + 1] != '~') {
            /* ~subscript~ (no spaces inside): H~2~O, CO~2~ */
            size_t k = i + 1;
            while (k < len && s[k] != '~' && s[k] != ' ' && s[k] != '\n') k++;
            if (k < len && s[k] == '~') {
                flush(p);
                p->style |= BC_STYLE_SUB;
                bc_buf_add(&p->text, s + i + 1, k - i - 1);
                flush(p);
                p->style &= ~(unsigned)BC_STYLE_SUB;
                i = k + 1;
                continue;
            }
        }
        if (c == '[' && !(p->style & BC_STYLE_SMALL)) {
            size_t m = bracket_match(&cl, i);
            if (m > i + 1 && m + 13 <= len && !memcmp(s + m + 1, "{.smallcaps}", 12)) {
                small_caps(p, s + i + 1, m - i - 1);
                i = m + 13;
                continue;
            }
        }
        if (c == '*') {
            int k = 1; /* up to three: a long run is read whole once, below */
            while (k < 3 && i + (size_t)k < len && s[i + (size_t)k] == '*') k++;
            unsigned bit = k == 3   ? (BC_STYLE_BOLD | BC_STYLE_ITALIC)
                           : k == 2 ? BC_STYLE_BOLD
                                    : BC_STYLE_ITALIC;
            int closing = (p->style & bit) == bit && i > 0 && s[i - 1] != ' ';
            int opening = !(p->style & bit) && i + (size_t)k < len && s[i + (size_t)k] != ' ' &&
                          has_closer(&cl, i + (size_t)k + 1, k);
            if (closing || opening) {
                flush(p);
                p->style ^= bit;
                i += (size_t)k;
                continue;
            }
            size_t run = (size_t)k;
            while (i + run < len && s[i + run] == '*') run++;
            bc_buf_add(&p->text, s + i, run);
            i += run;
            continue;
        }
        if (c == '[' && i + 1 < len && (s[i + 1] == '@' || s[i + 1] == '#')) {
            /* [@key; @key2, p. 4] citations and [#label] / [#label:page] cross-references */
            size_t at = next_char(&cl, ']', &cl.rb_from, &cl.rb_at, i);
            const char *close = at < len ? s + at : NULL;
            if (close && (size_t)(close - s) > i + 2) {
                size_t a = i + 1, b = (size_t)(close - s);
                flush(p);
                bc_buf_add(&p->text, s + a, b - a);
                unsigned char kind = BC_RUN_CITE;
                if (s[a] == '#') {
                    kind = BC_RUN_XREF;
                    if (b - a > 5 && !memcmp(s + b - 5, ":page", 5)) kind = BC_RUN_XREF_PAGE;
                }
                flush(p);
                bc_run *r = &p->runs[p->n - 1];
                r->kind = kind;
                if (kind != BC_RUN_CITE) {
                    size_t ln = (b - a - 1) - (kind == BC_RUN_XREF_PAGE ? 5 : 0);
                    r->ref = bc_arena_strndup(p->a, s + a + 1, ln);
                    r->text = "??";
                    r->len = 2;
                }
                i = b + 1;
                continue;
            }
        }
        if (c == '[' && !p->lang) { /* no nesting: the parser's recursion stays bounded */
            size_t tend, tag, taglen;
            size_t end = lang_end(&cl, i, &tend, &tag, &taglen);
            if (end) {
                flush(p);
                p->lang = bc_arena_strndup(p->a, s + tag, taglen);
                parse_span(p, s + i + 1, tend - i - 1);
                flush(p);
                p->lang = NULL;
                i = end;
                continue;
            }
        }
        if (c == '[' && !p->link) {
            size_t tend, ustart;
            size_t end = link_end(&cl, i, &tend, &ustart);
            if (end) {
                flush(p);
                p->link = bc_arena_strndup(p->a, s + ustart, end - 1 - ustart);
                if (!p->bad_link && !link_target_ok(p->link, end - 1 - ustart))
                    p->bad_link = p->link;
                parse_span(p, s + i + 1, tend - i - 1);
                flush(p);
                p->link = NULL;
                i = end;
                continue;
            }
        }
        size_t used = smart(p, s, len, i);
        if (used) {
            i += used;
            continue;
        }
        bc_buf_addc(&p->text, c);
        i++;
    }
    scan_free(&cl);
}

bc_status bc_markup_parse(bc_arena *a, const char *text, size_t len, bc_inline *out, bc_error *err)
{
    if (len > BC_MARKUP_MAX)
        return bc_error_set(err, NULL, 0,
                            "text of %zu MB is longer than the %d MB one text may "
                            "hold; split it",
                            len >> 20, BC_MARKUP_MAX >> 20);
    size_t bad = bc_utf8_check(text, len);
    if (bad != (size_t)-1) {
        /* quote up to 30 valid bytes before the fault, cut at a character boundary */
        size_t from = bad > 30 ? bad - 30 : 0;
        while (from < bad && ((unsigned char)text[from] & 0xC0) == 0x80) from++;
        return bc_error_set(err, NULL, 0, "invalid UTF-8 at byte %zu (after \"%.*s\")", bad,
                            (int)(bad - from), text + from);
    }
    parser p = {.a = a};
    parse_span(&p, text, len);
    flush(&p);
    bc_buf_free(&p.text);
    out->runs = p.runs;
    out->n = p.n;
    if (p.bad_link)
        return bc_error_set(err, NULL, 0,
                            "a link to '%.60s' may not be in a PDF: a link goes to "
                            "an http://, https:// or mailto: address, or to a #label",
                            p.bad_link);
    return BC_OK;
}

void bc_markup_plain(bc_arena *a, const char *text, size_t len, unsigned style, bc_inline *out)
{
    if (len == 0) {
        out->runs = NULL;
        out->n = 0;
        return;
    }
    out->runs = bc_arena_alloc(a, sizeof(bc_run));
    out->runs[0].text = bc_arena_strndup(a, text, len);
    out->runs[0].len = len;
    out->runs[0].style = style;
    out->runs[0].link = NULL;
    out->n = 1;
}

char *bc_markup_smarten(bc_arena *a, const char *text, size_t len)
{
    parser p = {.a = a};
    for (size_t i = 0; i < len;) {
        size_t used = smart(&p, text, len, i);
        if (used)
            i += used;
        else
            bc_buf_addc(&p.text, text[i++]);
    }
    char *r = bc_arena_strndup(a, p.text.data ? p.text.data : "", p.text.len);
    bc_buf_free(&p.text);
    return r;
}

char *bc_inline_text(bc_arena *a, const bc_inline *in)
{
    size_t n = 0;
    for (int i = 0; i < in->n; i++) n += in->runs[i].len;
    char *s = bc_arena_alloc(a, n + 1), *q = s;
    for (int i = 0; i < in->n; i++) {
        if (in->runs[i].kind == BC_RUN_NOTE) continue; /* a note's number is not text */
        memcpy(q, in->runs[i].text, in->runs[i].len);
        q += in->runs[i].len;
    }
    *q = 0;
    return s;
}
