/*
** a11y.c — accessibility findings for `briefc check` (a11y.h).
*/
#include "doc/a11y.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "doc/markup.h"

typedef struct A {
    const bc_doc *doc;
    const char *brief;
    bc_buf *out;
    bc_arena *a;
    int n;
} A;

static void say(A *c, int section, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(A *c, int section, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const bc_doc_section *s = section >= 0 && section < c->doc->nsections
                                  ? &c->doc->sections[section] : NULL;
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
            say(c, section, "a link's text is its bare URL '%.*s'; a screen reader spells it out: "
                "write [what it leads to](%.60s)", (int)(r->len > 60 ? 60 : r->len), r->text, r->link);
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
        say(c, -1, "theme: %s #%06X on %s #%06X has a contrast of %.2f:1, under the 4.5:1 WCAG "
            "asks of text; darken it", what, (unsigned)fg, on, (unsigned)bg, floor(r * 100) / 100);
}

int bc_a11y_check(const bc_doc *doc, const bc_theme *th, const bc_meta *meta,
                  const char *brief_path, bc_buf *out)
{
    A c = {doc, brief_path && brief_path[0] ? brief_path : "brief.lua", out, bc_arena_new(), 0};
    if (blank(meta->title))
        say(&c, -1, "the brief has no title, which a PDF/UA reader shows in place of the file "
            "name; set title in brief.lua");
    if (blank(meta->language))
        say(&c, -1, "the brief sets no language, so screen readers guess one (the PDF says "
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
            links(&c, s, &b->u.title.title);
            break;
        case BC_BLOCK_TOC:
        case BC_BLOCK_BIB: /* their titles are H1 in the tagged PDF */
            last = 1;
            break;
        case BC_BLOCK_HEADING: {
            int lv = b->u.heading.level;
            if (lv > last + 1)
                say(&c, s, "heading '%s' is level %d right after %s; screen readers list "
                    "headings by level, so a skipped one reads as a missing part: make it "
                    "level %d", quote(&c, &b->u.heading.text), lv,
                    last ? (last == 1 ? "level 1" : last == 2 ? "level 2" : "level 3")
                         : "no heading", last + 1);
            last = lv;
            links(&c, s, &b->u.heading.text);
            break;
        }
        case BC_BLOCK_PARA: links(&c, s, &b->u.para.text); break;
        case BC_BLOCK_LIST:
            for (int i = 0; i < b->u.list.n; i++) links(&c, s, &b->u.list.items[i]);
            break;
        case BC_BLOCK_CALLOUT:
            for (int i = 0; i < b->u.callout.n; i++) links(&c, s, &b->u.callout.items[i]);
            break;
        case BC_BLOCK_TABLE: {
            const bc_table *t = b->u.table;
            int any = 0;
            for (int i = 0; t->header && i < t->ncols; i++) any |= t->header[i].n > 0;
            if (!any && t->number > 0)
                say(&c, s, "table %d has no header row, so its cells cannot be read with "
                    "their column; give its columns names", t->number);
            else if (!any)
                say(&c, s, "a table has no header row, so its cells cannot be read with their "
                    "column; give its columns names");
            for (int i = 0; i < t->ncols * t->nrows; i++) links(&c, s, &t->cells[i]);
            break;
        }
        case BC_BLOCK_IMAGE: {
            const bc_image_block *im = b->u.image;
            if (!im->decorative && (!im->alt || !im->alt[0]))
                say(&c, s, "an image has no alt text; describe it with alt, or mark it "
                    "decorative = true when it adds nothing to the text");
            break;
        }
        default: break;
        }
    }
    for (int i = 0; i < doc->nnotes; i++) links(&c, -1, doc->notes[i]);
    bc_arena_free(c.a);
    return c.n;
}
