/*
** a11y.c — accessibility findings for `briefc check` (a11y.h), the languages of sections among
** them.
*/
#define _GNU_SOURCE /* memmem */
#include "doc/a11y.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "doc/lang.h"
#include "doc/markup.h"

#define NSCRIPTS 11 /* the BC_SCRIPT_ bits of doc/lang.h */

/* What one section's text is written in, outside its [text]{lang=..} spans. */
typedef struct sec_scripts {
    int letters[NSCRIPTS];
    const char *sample[NSCRIPTS]; /* the first run with letters of the script */
    size_t sample_len[NSCRIPTS];
    const char *bad_span; /* a "]{lang=" left as text: its tag was not BCP 47 */
    size_t bad_len;
} sec_scripts;

typedef struct A {
    const bc_doc *doc;
    const char *brief;
    bc_buf *out;
    bc_arena *a;
    int n;
    sec_scripts *sec; /* per section */
} A;

static void say(A *c, int section, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(A *c, int section, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const bc_doc_section *s =
        section >= 0 && section < c->doc->nsections ? &c->doc->sections[section] : NULL;
    if (s && s->file && s->file[0])
        bc_buf_printf(c->out, "%s:%d: warning: section '%s': %s\n", s->file, s->line, s->name, msg);
    else
        bc_buf_printf(c->out, "%s: warning: %s\n", c->brief, msg);
    c->n++;
}

/* At most 60 bytes of an inline's text, cut at a character boundary, for a message. */
static const char *quote(A *c, const bc_inline *in)
{
    char *t = bc_inline_text(c->a, in);
    size_t n = strlen(t);
    if (n > 60) {
        n = 60;
        while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80) n--;
        t[n] = 0;
    }
    return t;
}

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 0;
    return 1;
}

static int is_url(const char *s, size_t n)
{
    return (n >= 7 && !strncmp(s, "http://", 7)) || (n >= 8 && !strncmp(s, "https://", 8)) ||
           (n >= 4 && !strncmp(s, "www.", 4)) || (n >= 7 && !strncmp(s, "mailto:", 7));
}

/* Links whose whole text is a URL. */
static void links(A *c, int section, const bc_inline *in)
{
    for (int i = 0; in && i < in->n; i++) {
        const bc_run *r = &in->runs[i];
        if (!r->link || r->link[0] == '#') continue;
        /* the link's text: this run and the next ones with the same target */
        size_t len = 0;
        int j = i, url = 1;
        for (; j < in->n && in->runs[j].link == r->link; j++) {
            if (len == 0 && !is_url(in->runs[j].text, in->runs[j].len)) url = 0;
            len += in->runs[j].len;
        }
        if (url)
            say(c, section,
                "a link's text is its bare URL '%.*s'; a screen reader spells it out: "
                "write [what it leads to](%.60s)",
                (int)(r->len > 60 ? 60 : r->len), r->text, r->link);
        i = j - 1;
    }
}

static double channel(uint32_t c, int shift)
{
    double v = ((c >> shift) & 255) / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t c)
{
    return 0.2126 * channel(c, 16) + 0.7152 * channel(c, 8) + 0.0722 * channel(c, 0);
}

double bc_a11y_contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void contrast(A *c, const char *what, uint32_t fg, const char *on, uint32_t bg)
{
    double r = bc_a11y_contrast(fg, bg);
    if (r + 1e-9 < 4.5)
        say(c, -1,
            "theme: %s #%06X on %s #%06X has a contrast of %.2f:1, under the 4.5:1 WCAG "
            "asks of text; darken it",
            what, (unsigned)fg, on, (unsigned)bg, floor(r * 100) / 100);
}

/* A remark that needs no change ("brief.lua:12: note: ..."); not counted as a finding. */
static void note(A *c, int section, const char *msg, const char *arg)
{
    const bc_doc_section *s = &c->doc->sections[section];
    bc_buf_printf(c->out, "%s:%d: note: section '%s': ", s->file && s->file[0] ? s->file : c->brief,
                  s->line, s->name);
    bc_buf_printf(c->out, msg, arg);
    bc_buf_addc(c->out, '\n');
}

/* Counts the letters of in's runs by script, outside language spans. */
static void scan(A *c, int section, const bc_inline *in)
{
    if (!c->sec || section < 0 || section >= c->doc->nsections || !in) return;
    sec_scripts *ss = &c->sec[section];
    for (int i = 0; i < in->n; i++) {
        const bc_run *r = &in->runs[i];
        if (r->lang || r->kind != BC_RUN_TEXT) continue;
        const char *p = r->text, *end = r->text + r->len;
        while (p < end) {
            const char *at = p;
            unsigned sc = bc_script_of(bc_utf8_next(&p));
            for (int k = 0; sc && k < NSCRIPTS; k++)
                if (sc == 1u << k && !ss->letters[k]++) { /* up to 40 bytes from the letter */
                    size_t n = (size_t)(end - at);
                    if (n > 40) {
                        n = 40;
                        while (n > 0 && ((unsigned char)at[n] & 0xC0) == 0x80) n--;
                    }
                    ss->sample[k] = at;
                    ss->sample_len[k] = n;
                }
        }
        const char *span = r->len >= 7 ? memmem(r->text, r->len, "]{lang=", 7) : NULL;
        if (span && !ss->bad_span) {
            const char *e = memchr(span, '}', (size_t)(end - span));
            ss->bad_span = span + 2;
            ss->bad_len = e ? (size_t)(e - span - 2) : 5;
        }
    }
}

static void text_of(A *c, int section, const bc_inline *in)
{
    links(c, section, in);
    scan(c, section, in);
}

/* The languages of sections: text in a script its language is not written in, a language
   span whose tag was refused, a section language that is the brief's already. */
static void languages(A *c, const bc_meta *meta)
{
    for (int i = 0; i < c->doc->nsections; i++) {
        const bc_doc_section *d = &c->doc->sections[i];
        const sec_scripts *ss = &c->sec[i];
        const char *lang = d->lang ? d->lang : meta->language;
        if (d->lang && meta->language && !strcasecmp(d->lang, meta->language))
            note(c, i, "its language '%s' is the brief's already; the setting can go", d->lang);
        if (ss->bad_span)
            say(c, i,
                "'%.*s' is not a BCP 47 tag, so the language span shows as text; write "
                "it like [texte]{lang=fr} or [متن]{lang=ur}",
                (int)ss->bad_len, ss->bad_span);
        unsigned want = bc_lang_scripts(lang);
        if (!want) continue;
        int own = 0;
        for (int k = 0; k < NSCRIPTS; k++) own += (want >> k) & 1 ? ss->letters[k] : 0;
        for (int k = 1; k < NSCRIPTS; k++) /* Latin words (names, acronyms) go anywhere */
            if (!((want >> k) & 1) && ss->letters[k] >= 2)
                say(c, i,
                    "text in %s script ('%.*s') in a section whose language is '%s'; a "
                    "screen reader reads it with the wrong voice: mark it [like this]{lang=..} "
                    "or set the section's language",
                    bc_script_name(1u << k), (int)ss->sample_len[k], ss->sample[k], lang);
        if (!(want & BC_SCRIPT_LATIN) && !own && ss->letters[0] >= 20)
            say(c, i,
                "the section's language is '%s', written in %s script, but its text is "
                "Latin ('%.*s'); set the language it is written in",
                lang, bc_script_name(want & -want), (int)ss->sample_len[0], ss->sample[0]);
    }
}

int bc_a11y_check(const bc_doc *doc, const bc_theme *th, const bc_meta *meta,
                  const char *brief_path, bc_buf *out)
{
    A c = {doc, brief_path && brief_path[0] ? brief_path : "brief.lua", out, bc_arena_new(), 0,
           NULL};
    if (doc->nsections > 0) c.sec = bc_xcalloc((size_t)doc->nsections, sizeof *c.sec);
    if (blank(meta->title))
        say(&c, -1,
            "the brief has no title, which a PDF/UA reader shows in place of the file "
            "name; set title in brief.lua");
    if (blank(meta->language))
        say(&c, -1,
            "the brief sets no language, so screen readers guess one (the PDF says "
            "en-US); set language in brief.lua, for example language = \"en-GB\"");
    if (th) {
        contrast(&c, "text colour", th->text, "the page", 0xFFFFFF);
        contrast(&c, "accent colour (links, titles)", th->accent, "the page", 0xFFFFFF);
        contrast(&c, "muted colour (captions, sources, running heads)", th->muted, "the page",
                 0xFFFFFF);
        contrast(&c, "text colour", th->text, "the fill colour", th->fill);
    }
    int last = 0; /* the heading level before */
    for (const bc_block *b = doc->first; b; b = b->next) {
        int s = b->section;
        switch (b->kind) {
        case BC_BLOCK_TITLE:
            last = 1;
            text_of(&c, s, &b->u.title.title);
            break;
        case BC_BLOCK_TOC:
        case BC_BLOCK_BIB: /* their titles are H1 in the tagged PDF */ last = 1; break;
        case BC_BLOCK_HEADING: {
            int lv = b->u.heading.level;
            if (lv > last + 1)
                say(&c, s,
                    "heading '%s' is level %d right after %s; screen readers list "
                    "headings by level, so a skipped one reads as a missing part: make it "
                    "level %d",
                    quote(&c, &b->u.heading.text), lv,
                    last ? (last == 1   ? "level 1"
                            : last == 2 ? "level 2"
                                        : "level 3")
                         : "no heading",
                    last + 1);
            last = lv;
            text_of(&c, s, &b->u.heading.text);
            break;
        }
        case BC_BLOCK_PARA: text_of(&c, s, &b->u.para.text); break;
        case BC_BLOCK_LIST:
            for (int i = 0; i < b->u.list.n; i++) text_of(&c, s, &b->u.list.items[i]);
            break;
        case BC_BLOCK_CALLOUT:
            for (int i = 0; i < b->u.callout.n; i++) text_of(&c, s, &b->u.callout.items[i]);
            break;
        case BC_BLOCK_TABLE: {
            const bc_table *t = b->u.table;
            int any = 0;
            for (int i = 0; t->header && i < t->ncols; i++) any |= t->header[i].n > 0;
            if (!any && t->number > 0)
                say(&c, s,
                    "table %d has no header row, so its cells cannot be read with "
                    "their column; give its columns names",
                    t->number);
            else if (!any)
                say(&c, s,
                    "a table has no header row, so its cells cannot be read with their "
                    "column; give its columns names");
            for (int i = 0; i < t->ncols * t->nrows; i++) text_of(&c, s, &t->cells[i]);
            break;
        }
        case BC_BLOCK_IMAGE: {
            const bc_image_block *im = b->u.image;
            if (!im->decorative && (!im->alt || !im->alt[0]))
                say(&c, s,
                    "an image has no alt text; describe it with alt, or mark it "
                    "decorative = true when it adds nothing to the text");
            break;
        }
        default: break;
        }
    }
    for (int i = 0; i < doc->nnotes; i++) links(&c, -1, doc->notes[i]);
    if (c.sec) languages(&c, meta);
    free(c.sec);
    bc_arena_free(c.a);
    return c.n;
}
