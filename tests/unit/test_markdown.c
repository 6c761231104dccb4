/* test_markdown.c — Markdown into blocks (markdown.c) checked against cmark-gfm's own HTML.
   For CommonMark and GFM cases briefc maps (headings, paragraphs, emphasis, code, links,
   block quotes, nested lists, tables, thematic breaks, escapes, soft breaks), the blocks
   markdown.c builds and the library's HTML are both reduced to one structure:
     H1{…} P{…} Q{…} UL{LI{…}} OL{…} T{TD{…}…} HR, text as runs "[BICA]text|"
   (bold, italic, code, link; adjacent runs of one style merged, spaces collapsed), and must
   be equal. Inputs avoid what briefc changes on purpose (quotes, dashes, units). */
#include <ctype.h>
#include <stdlib.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "check.h"
#include "doc/markdown.h"

/* {====================================================== runs, merged */

typedef struct out {
    char s[8192];
    size_t n;
    char style[8]; /* the open run's style, "" none */
    int open;      /* a run is open */
    int space;     /* a space is pending inside the run */
} out;

static void put(out *o, const char *s)
{
    size_t k = strlen(s);
    if (o->n + k < sizeof o->s) {
        memcpy(o->s + o->n, s, k);
        o->n += k;
        o->s[o->n] = 0;
    }
}

static void end_run(out *o)
{
    if (o->open) put(o, "|");
    o->open = 0;
    o->space = 0;
}

/* Text in a style ("B", "BI", "C", "A" …): joins the open run when the style is the same. */
static void text(out *o, const char *style, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i] == '\n' ? ' ' : s[i];
        if (c == ' ') {
            if (o->open) o->space = 1;
            continue;
        }
        if (o->open && strcmp(o->style, style)) {
            if (o->space) put(o, " ");
            end_run(o);
        }
        if (!o->open) {
            put(o, "[");
            put(o, style);
            put(o, "]");
            snprintf(o->style, sizeof o->style, "%s", style);
            o->open = 1;
        } else if (o->space) {
            put(o, " ");
        }
        o->space = 0;
        char b[2] = {c, 0};
        put(o, b);
    }
}

/* }====================================================== */

/* {====================================================== cmark's HTML */

static void from_html(const char *h, out *o)
{
    int b = 0, i = 0, c = 0, a = 0, in_li[16] = {0}, depth = 0;
    while (*h) {
        if (*h == '<') {
            const char *e = strchr(h, '>');
            if (!e) break;
            int close = h[1] == '/';
            char name[16] = "";
            size_t k = 0;
            for (const char *p = h + 1 + close; p < e && isalnum((unsigned char)*p) && k < 15; p++)
                name[k++] = (char)tolower((unsigned char)*p);
            name[k] = 0;
            h = e + 1;
            if (!strcmp(name, "strong"))
                b += close ? -1 : 1;
            else if (!strcmp(name, "em"))
                i += close ? -1 : 1;
            else if (!strcmp(name, "code"))
                c += close ? -1 : 1;
            else if (!strcmp(name, "a"))
                a += close ? -1 : 1;
            else if (!strcmp(name, "br"))
                text(o, "", " ", 1);
            else if (!strcmp(name, "hr")) {
                end_run(o);
                put(o, "HR ");
            } else if (!strcmp(name, "p") && depth && in_li[depth - 1])
                end_run(o); /* inside an item */
            else {
                const char *tag = NULL;
                if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
                    tag = name;
                else if (!strcmp(name, "p"))
                    tag = "P";
                else if (!strcmp(name, "blockquote"))
                    tag = "Q";
                else if (!strcmp(name, "ul"))
                    tag = "UL";
                else if (!strcmp(name, "ol"))
                    tag = "OL";
                else if (!strcmp(name, "li"))
                    tag = "LI";
                else if (!strcmp(name, "table"))
                    tag = "T";
                else if (!strcmp(name, "th") || !strcmp(name, "td"))
                    tag = "TD";
                if (!tag) continue;
                end_run(o);
                if (close) {
                    put(o, "}");
                    if (!strcmp(tag, "LI") || !strcmp(tag, "UL") || !strcmp(tag, "OL")) {
                        if (depth) depth--;
                    }
                } else {
                    char t[8];
                    snprintf(t, sizeof t, "%s", tag);
                    if (t[0] == 'h') t[0] = 'H';
                    put(o, t);
                    put(o, "{");
                    if (!strcmp(tag, "LI") || !strcmp(tag, "UL") || !strcmp(tag, "OL")) {
                        if (depth < 16) in_li[depth] = !strcmp(tag, "LI");
                        depth++;
                    }
                }
            }
            continue;
        }
        char st[8];
        snprintf(st, sizeof st, "%s%s%s%s", b ? "B" : "", i ? "I" : "", c ? "C" : "", a ? "A" : "");
        if (*h == '&') {
            static const char *const ent[][2] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}};
            int hit = 0;
            for (int k = 0; k < 4 && !hit; k++)
                if (!strncmp(h, ent[k][0], strlen(ent[k][0]))) {
                    text(o, st, ent[k][1], 1);
                    h += strlen(ent[k][0]);
                    hit = 1;
                }
            if (hit) continue;
        }
        /* whitespace between blocks is not text */
        if (*h == '\n' && !o->open) {
            h++;
            continue;
        }
        text(o, st, h, 1);
        h++;
    }
    end_run(o);
}

static char *html_structure(const char *md)
{
    static out o;
    memset(&o, 0, sizeof o);
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
    cmark_parser_feed(p, md, strlen(md));
    cmark_node *doc = cmark_parser_finish(p);
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
    from_html(html, &o);
    free(html);
    cmark_node_free(doc);
    cmark_parser_free(p);
    return o.s;
}

/* }====================================================== */

/* {====================================================== markdown.c's blocks */

static void runs(out *o, const bc_inline *in)
{
    for (int r = 0; r < in->n; r++) {
        const bc_run *x = &in->runs[r];
        char st[8];
        snprintf(st, sizeof st, "%s%s%s%s", x->style & BC_STYLE_BOLD ? "B" : "",
                 x->style & BC_STYLE_ITALIC ? "I" : "", x->style & BC_STYLE_CODE ? "C" : "",
                 x->link ? "A" : "");
        text(o, st, x->text, x->len);
    }
    end_run(o);
}

static char *md_structure(const char *md)
{
    static out o;
    memset(&o, 0, sizeof o);
    bc_arena *a = bc_arena_new();
    bc_md m;
    bc_error err;
    if (bc_md_parse(a, md, strlen(md), "t.md", &m, &err) != BC_OK) {
        snprintf(o.s, sizeof o.s, "error %d: %s", err.line, err.msg);
        bc_arena_free(a);
        return o.s;
    }
    int quote = 0;
    for (int i = 0; i < m.nblocks; i++) {
        const bc_block *b = m.blocks[i].block;
        int q = b->kind == BC_BLOCK_PARA && b->u.para.style >= BC_PARA_QUOTE;
        if (quote && !q) put(&o, "}");
        if (!quote && q) put(&o, "Q{");
        quote = q;
        char t[16];
        switch (b->kind) {
        case BC_BLOCK_HEADING:
            snprintf(t, sizeof t, "H%d{", b->u.heading.level);
            put(&o, t);
            runs(&o, &b->u.heading.text);
            put(&o, "}");
            break;
        case BC_BLOCK_PARA:
            put(&o, "P{");
            runs(&o, &b->u.para.text);
            put(&o, "}");
            break;
        case BC_BLOCK_SPACE: put(&o, "HR "); break;
        case BC_BLOCK_TABLE: {
            const bc_table *tb = b->u.table;
            put(&o, "T{");
            for (int c = 0; c < tb->ncols; c++) {
                put(&o, "TD{");
                runs(&o, &tb->header[c]);
                put(&o, "}");
            }
            for (int k = 0; k < tb->nrows * tb->ncols; k++) {
                put(&o, "TD{");
                runs(&o, &tb->cells[k]);
                put(&o, "}");
            }
            put(&o, "}");
            break;
        }
        case BC_BLOCK_LIST: {
            int cur = -1, li[3] = {0};
            for (int k = 0; k < b->u.list.n; k++) {
                int d = b->u.list.depth[k], mk = b->u.list.marks[k];
                if (mk < 0) { /* a second paragraph of the open item */
                    runs(&o, &b->u.list.items[k]);
                    continue;
                }
                while (cur > d) {
                    if (li[cur]) put(&o, "}");
                    li[cur] = 0;
                    put(&o, "}");
                    cur--;
                }
                if (cur == d && li[d]) put(&o, "}");
                while (cur < d) {
                    cur++;
                    put(&o, mk > 0 ? "OL{" : "UL{");
                    li[cur] = 0;
                }
                put(&o, "LI{");
                li[d] = 1;
                runs(&o, &b->u.list.items[k]);
            }
            for (; cur >= 0; cur--) {
                if (li[cur]) put(&o, "}");
                put(&o, "}");
            }
            break;
        }
        default: put(&o, "?"); break;
        }
    }
    if (quote) put(&o, "}");
    bc_arena_free(a);
    return o.s;
}

/* }====================================================== */

#define SAME(md)                                           \
    do {                                                   \
        char h_[8192];                                     \
        snprintf(h_, sizeof h_, "%s", html_structure(md)); \
        CHECK_STR(md_structure(md), h_);                   \
    } while (0)

int main(void)
{
    /* headings and paragraphs (spec 4.2, 4.8) */
    SAME("# foo\n## foo\n### foo\n");
    SAME("Foo *bar*\n=========\n\nFoo *bar*\n---------\n");
    SAME("aaa\nbbb\n\nccc\nddd\n");
    SAME("  aaa\n bbb\n");
    SAME("Foo\n***\nbar\n");
    /* emphasis (6.2) */
    SAME("*foo bar*\n");
    SAME("**foo bar**\n");
    SAME("_foo_ and __bar__\n");
    SAME("*foo **bar** baz*\n");
    SAME("**foo *bar* baz**\n");
    SAME("foo*bar*\n");
    SAME("*(*foo*)*\n");
    SAME("***strong emph***\n");
    SAME("*foo\nbar*\n");
    SAME("\\*not emphasized*\n");
    SAME("a * b * c\n");
    /* code spans and links (6.1, 6.3, 6.5) */
    SAME("`foo`\n");
    SAME("``foo``\n");
    SAME("[link](https://x.org/uri)\n");
    SAME("[link *foo **bar** `#`*](https://x.org/uri)\n");
    SAME("[a\\]b](https://x.org/u) and \\[not\\](a link)\n");
    SAME("<http://example.com/a>\n");
    SAME("[ref]\n\n[ref]: https://x.org/url\n");
    /* block quotes (5.1) */
    SAME("> foo\n> bar\n>\n> baz\n");
    SAME("> foo\nbar\n");
    /* two quotes in a row read as one (the document has quote paragraphs, no quote box) */
    CHECK_STR(md_structure("> one\n\n> two\n"), "Q{P{[]one|}P{[]two|}}");
    /* lists (5.2, 5.3) */
    SAME("- a\n- b\n- c\n");
    SAME("- a\n- b\n\n- c\n");
    SAME("1. a\n2. b\n   - c\n   - d\n     1. e\n3. f\n");
    SAME("3. a\n4. b\n");
    SAME("- a\n\n  b\n- c\n");
    SAME("- a\n  * b\n    + c\n- d\n");
    /* GFM tables */
    SAME("| a | b |\n|---|---|\n| c | d |\n| e |\n");
    SAME("| *a* | **b** |\n|:-:|--:|\n| `c` | [d](https://x.org/u) |\n");
    return check_done();
}
