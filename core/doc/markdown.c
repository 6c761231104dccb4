/*
** markdown.c — Markdown prose into document blocks, through libcmark-gfm (see markdown.h).
**
** Each block's text is written back as briefc inline markup (emphasis as *…* and **…**, links
** as [text](url), code as `…`, text characters that markup would read escaped) and parsed by
** markup.c, so the typography and briefc's own inline syntax (^[note], [@key], [#label]) are
** those of every other text. Brackets are left alone in text for that reason; a line that
** would make "[@key]: …" or "[#label]: …" a link definition gets its bracket escaped first.
**
** Guards: the text is at most BC_MD_MAX bytes; a pre-scan bounds the cells the table
** extension may create; the walk refuses nesting deeper than MAX_DEPTH, so no input makes it
** recurse without bound. cmark's allocations are freed before returning, on every path.
*/
#include "doc/markdown.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "doc/markup.h"
#include "base/utf8.h"

#define MAX_DEPTH 64 /* block quotes in block quotes, emphasis in links in emphasis … */
#define MAX_IMAGE_OPENERS 1000

typedef struct md {
    bc_arena *a;
    const char *file;
    bc_error *err;
    int failed;
    bc_md *out;
    int cap_blocks, cap_texts;
    bc_buf buf;         /* the markup of the text being written */
    int line;           /* the line being written, for messages */
    unsigned style;     /* BC_STYLE_BOLD, BC_STYLE_ITALIC: inside **…**, *…* */
    int in_link;        /* inside [link text]: its brackets are escaped */
    int in_note;        /* writing a GFM footnote's text as ^[…] */
    cmark_node **notes; /* GFM footnote definitions, by number - 1 */
    int nnotes;
    size_t note_bytes; /* written for footnote references so far (each writes its note) */
} md;

static int fail(md *m, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(md *m, int line, const char *fmt, ...)
{
    if (m->failed) return 0;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bc_error_set(m->err, m->file, line, "%s", msg);
    m->failed = 1;
    return 0;
}

/* Where a node starts. The table extension leaves 0 on a paragraph whose last line it took
   for a header row: then where the next node or the parent starts. */
static int line_of(cmark_node *n)
{
    for (cmark_node *k = n; k; k = cmark_node_parent(k)) {
        int line = cmark_node_get_start_line(k);
        if (line < 1 && cmark_node_next(k)) line = cmark_node_get_start_line(cmark_node_next(k));
        if (line >= 1) return line;
    }
    return 1;
}

static const char *type_name(cmark_node *n)
{
    const char *s = cmark_node_get_type_string(n);
    return s ? s : "";
}

static int is_type(cmark_node *n, const char *name) { return n && !strcmp(type_name(n), name); }

static void add_block(md *m, bc_block *b, int line)
{
    bc_md *o = m->out;
    BC_ARENA_GROW(m->a, o->blocks, o->nblocks, m->cap_blocks, 16);
    o->blocks[o->nblocks].block = b;
    o->blocks[o->nblocks++].line = line;
}

static bc_block *new_block(md *m, bc_block_kind kind, int line)
{
    bc_block *b = bc_arena_alloc(m->a, sizeof *b);
    b->kind = kind;
    add_block(m, b, line);
    return b;
}

/* {====================================================== inline text */

/* Text as markup: the characters markup would read are escaped, brackets and carets kept
   (but in a link's text, whose end markup finds by its brackets). */
static void put_text(md *m, const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (c == '\\' || c == '*' || c == '`' || (m->in_link && (c == '[' || c == ']')) ||
            (c == '(' && m->buf.len && m->buf.data[m->buf.len - 1] == ']'))
            bc_buf_addc(&m->buf, '\\');
        bc_buf_addc(&m->buf, c);
    }
}

static void trim_spaces(md *m, size_t from)
{
    while (m->buf.len > from && m->buf.data[m->buf.len - 1] == ' ') m->buf.data[--m->buf.len] = 0;
}

static void put_inlines(md *m, cmark_node *parent, int depth);
static int refuse(md *m, cmark_node *n, const char *where);

/* *children* or **children**: markup opens only before a non-space and closes only after
   one, and an empty pair is dropped. */
static void put_wrapped(md *m, cmark_node *n, const char *mark, int depth)
{
    unsigned bit = mark[1] ? BC_STYLE_BOLD : BC_STYLE_ITALIC;
    if (m->style & bit) { /* *…* inside *…* (_*x*_): markup has one level of each */
        put_inlines(m, n, depth + 1);
        return;
    }
    size_t at = m->buf.len, ml = strlen(mark);
    bc_buf_adds(&m->buf, mark);
    m->style |= bit;
    put_inlines(m, n, depth + 1);
    m->style &= ~bit;
    size_t end = m->buf.len;
    trim_spaces(m, at + ml);
    int spaces = (int)(end - m->buf.len);
    if (m->buf.len == at + ml || m->buf.data[at + ml] == ' ') {
        /* nothing, or a space first: the text without the marks */
        memmove(m->buf.data + at, m->buf.data + at + ml, m->buf.len - at - ml);
        m->buf.len -= ml;
        m->buf.data[m->buf.len] = 0;
    } else {
        bc_buf_adds(&m->buf, mark);
    }
    while (spaces-- > 0) bc_buf_addc(&m->buf, ' ');
}

static void put_url(md *m, const char *u)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *u; u++) {
        unsigned char c = (unsigned char)*u;
        if (c <= ' ' || c == ')' || c == '(' || c == '\\' || c == 0x7F) {
            bc_buf_addc(&m->buf, '%');
            bc_buf_addc(&m->buf, hex[c >> 4]);
            bc_buf_addc(&m->buf, hex[c & 15]);
        } else {
            bc_buf_addc(&m->buf, (char)c);
        }
    }
}

static void put_inline(md *m, cmark_node *n, int depth)
{
    if (depth > MAX_DEPTH) {
        fail(m, m->line, "inline markup nested more than %d deep; simplify it", MAX_DEPTH);
        return;
    }
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_TEXT: put_text(m, cmark_node_get_literal(n)); break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
        bc_buf_addc(&m->buf, ' ');
        m->line++;
        break;
    case CMARK_NODE_CODE: {
        const char *s = cmark_node_get_literal(n);
        if (!s || !*s) break;
        bc_buf_addc(&m->buf, '`');
        for (; *s; s++) bc_buf_addc(&m->buf, *s == '`' ? '\'' : *s); /* markup's code has no ` */
        bc_buf_addc(&m->buf, '`');
        break;
    }
    case CMARK_NODE_EMPH: put_wrapped(m, n, "*", depth); break;
    case CMARK_NODE_STRONG: put_wrapped(m, n, "**", depth); break;
    case CMARK_NODE_LINK: {
        const char *url = cmark_node_get_url(n);
        if (!url || !*url) {
            put_inlines(m, n, depth + 1);
            break;
        }
        bc_buf_addc(&m->buf, '[');
        size_t at = m->buf.len;
        int was = m->in_link;
        m->in_link = 1;
        put_inlines(m, n, depth + 1);
        if (m->buf.len == at) put_text(m, url);
        m->in_link = was;
        bc_buf_adds(&m->buf, "](");
        put_url(m, url);
        bc_buf_addc(&m->buf, ')');
        break;
    }
    case CMARK_NODE_FOOTNOTE_REFERENCE: {
        /* text[^1] … [^1]: the note: written where it is referred to, as briefc's ^[…] */
        const char *num = cmark_node_get_literal(n);
        int k = num ? atoi(num) : 0;
        if (k < 1 || k > m->nnotes || m->in_note) break; /* no note inside a note */
        int line = m->line, first = 1;
        size_t at = m->buf.len;
        bc_buf_adds(&m->buf, "^[");
        m->in_note = 1;
        for (cmark_node *c = cmark_node_first_child(m->notes[k - 1]); c && !m->failed;
             c = cmark_node_next(c)) {
            if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH) {
                refuse(m, c, "a footnote");
                break;
            }
            if (!first) bc_buf_addc(&m->buf, ' ');
            first = 0;
            m->line = line_of(c);
            put_inlines(m, c, depth + 1);
        }
        m->in_note = 0;
        m->line = line;
        bc_buf_addc(&m->buf, ']');
        m->note_bytes += m->buf.len - at;
        if (m->note_bytes > 2 * (size_t)BC_MD_MAX)
            fail(m, line,
                 "footnotes referred to so often that their text passes %d MB; refer "
                 "to each note once",
                 2 * BC_MD_MAX >> 20);
        break;
    }
    case CMARK_NODE_IMAGE:
        fail(m, m->line,
             "an image in Markdown prose; a brief shows figures through a plugin "
             "(s:chart), not ![…](…)");
        break;
    case CMARK_NODE_HTML_INLINE: {
        const char *s = cmark_node_get_literal(n);
        fail(m, m->line,
             "raw HTML (%.40s) is not allowed in Markdown prose; write it in Markdown, "
             "or escape the '<' as \\<",
             s ? s : "");
        break;
    }
    default: put_inlines(m, n, depth + 1); break;
    }
}

static void put_inlines(md *m, cmark_node *parent, int depth)
{
    for (cmark_node *c = cmark_node_first_child(parent); c && !m->failed; c = cmark_node_next(c))
        put_inline(m, c, depth);
}

static void add_text(md *m, bc_inline *in, int line)
{
    bc_md *o = m->out;
    BC_ARENA_GROW(m->a, o->texts, o->ntexts, m->cap_texts, 32);
    o->texts[o->ntexts].in = in;
    o->texts[o->ntexts++].line = line;
}

/* Parses buf[from..] as markup into out and lists it for citations and notes. */
static int finish_text(md *m, size_t from, int line, bc_inline *out)
{
    bc_error e;
    while (from < m->buf.len && m->buf.data[from] == ' ') from++;
    trim_spaces(m, from);
    if (bc_markup_parse(m->a, m->buf.data ? m->buf.data + from : "", m->buf.len - from, out, &e) !=
        BC_OK)
        return fail(m, line, "%s", e.msg);
    add_text(m, out, line);
    return 1;
}

/* The text of a block node's inlines. */
static int text_of(md *m, cmark_node *n, bc_inline *out)
{
    int line = line_of(n);
    m->buf.len = 0;
    m->line = line;
    put_inlines(m, n, 0);
    if (m->failed) return 0;
    return finish_text(m, 0, line, out);
}

/* Does the paragraph start with word ("Table:", "Source:")? */
static int starts_with(cmark_node *para, const char *word)
{
    if (!is_type(para, "paragraph")) return 0;
    cmark_node *t = cmark_node_first_child(para);
    if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT) return 0;
    const char *s = cmark_node_get_literal(t);
    return s && !strncmp(s, word, strlen(word));
}

/* The text of a paragraph after its leading word. */
static int text_after(md *m, cmark_node *para, const char *word, bc_inline *out)
{
    int line = line_of(para);
    m->buf.len = 0;
    m->line = line;
    put_inlines(m, para, 0);
    if (m->failed) return 0;
    size_t from = strlen(word);
    if (m->buf.len < from) from = m->buf.len;
    return finish_text(m, from, line, out);
}

static const char *cut_label(md *m, int line);

/* A "Table: caption {#label}" paragraph: the caption into out, the label returned. */
static const char *caption_of(md *m, cmark_node *para, bc_inline *out)
{
    int line = line_of(para);
    m->buf.len = 0;
    m->line = line;
    put_inlines(m, para, 0);
    if (m->failed) return NULL;
    const char *label = cut_label(m, line);
    size_t from = strlen("Table:");
    if (m->buf.len < from) from = m->buf.len;
    if (m->failed) return NULL;
    finish_text(m, from, line, out);
    return label;
}

/* A trailing {#label} in buf: cut off and returned (arena), or NULL. */
static const char *cut_label(md *m, int line)
{
    trim_spaces(m, 0);
    size_t n = m->buf.len;
    if (n < 4 || m->buf.data[n - 1] != '}') return NULL;
    size_t i = n - 1;
    while (i > 0 && m->buf.data[i - 1] != '{') i--;
    if (i == 0 || i + 1 >= n - 1 || m->buf.data[i] != '#') return NULL;
    for (size_t k = i + 1; k < n - 1; k++) {
        char c = m->buf.data[k];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':')) {
            fail(m, line, "label {%.*s} may hold only letters, digits, '-', '_', '.' and ':'",
                 (int)(n - i), m->buf.data + i);
            return NULL;
        }
    }
    const char *label = bc_arena_strndup(m->a, m->buf.data + i + 1, n - 2 - i);
    m->buf.len = i - 1;
    m->buf.data[m->buf.len] = 0;
    trim_spaces(m, 0);
    return label;
}

/* }====================================================== */

/* {====================================================== blocks */

static int refuse(md *m, cmark_node *n, const char *where)
{
    int line = line_of(n);
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HTML_BLOCK: {
        const char *s = cmark_node_get_literal(n);
        size_t k = s ? strcspn(s, "\n") : 0;
        return fail(m, line,
                    "raw HTML (%.*s) is not allowed in Markdown prose; write it in "
                    "Markdown, or escape the '<' as \\<",
                    (int)(k > 40 ? 40 : k), s ? s : "");
    }
    case CMARK_NODE_CODE_BLOCK:
        return fail(m, line,
                    "a code block (a fenced block, or text indented by four spaces) has "
                    "no place in a brief; remove the fence or the indent");
    case CMARK_NODE_HEADING:
        return fail(m, line, "a heading inside %s; headings stand on their own lines, unindented",
                    where);
    default:
        return fail(m, line, "a %s inside %s is not supported%s", type_name(n), where,
                    strcmp(where, "a list item") ? "" : "; a list item holds paragraphs and lists");
    }
}

typedef struct items {
    bc_inline *v;
    unsigned char *depth;
    int *marks;
    int n, cap;
} items;

static bc_inline *push_item(md *m, items *it, int depth, int mark)
{
    if (it->n == it->cap) {
        int cap = (int)bc_grow_cap((size_t)it->cap, 8, sizeof(bc_inline));
        bc_inline *v = bc_arena_alloc(m->a, (size_t)cap * sizeof *v);
        unsigned char *d = bc_arena_alloc(m->a, (size_t)cap);
        int *k = bc_arena_alloc(m->a, (size_t)cap * sizeof *k);
        if (it->n) {
            memcpy(v, it->v, (size_t)it->n * sizeof *v);
            memcpy(d, it->depth, (size_t)it->n);
            memcpy(k, it->marks, (size_t)it->n * sizeof *k);
        }
        it->v = v;
        it->depth = d;
        it->marks = k;
        it->cap = cap;
    }
    it->depth[it->n] = (unsigned char)depth;
    it->marks[it->n] = mark;
    return &it->v[it->n++];
}

/* The items of list (and of the lists inside it), depth 0 to 2. */
static void list_items(md *m, cmark_node *list, int depth, items *it)
{
    int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    int number = ordered ? cmark_node_get_list_start(list) : 0;
    if (number < 1) number = 1;
    for (cmark_node *item = cmark_node_first_child(list); item && !m->failed;
         item = cmark_node_next(item), number += ordered) {
        int mark = ordered ? number : 0, first = 1;
        for (cmark_node *c = cmark_node_first_child(item); c && !m->failed;
             c = cmark_node_next(c)) {
            if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
                bc_inline *in = push_item(m, it, depth, first ? mark : -1);
                text_of(m, c, in);
                first = 0;
            } else if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
                if (depth >= 2) {
                    fail(m, line_of(c), "lists nest at most three levels deep");
                    return;
                }
                if (first) push_item(m, it, depth, mark)->n = 0; /* "- - x": an empty item */
                first = 0;
                list_items(m, c, depth + 1, it);
            } else {
                refuse(m, c, "a list item");
            }
        }
        if (first) push_item(m, it, depth, mark)->n = 0;
    }
}

static void add_list(md *m, cmark_node *list)
{
    items it = {0};
    list_items(m, list, 0, &it);
    if (m->failed) return;
    bc_block *b = new_block(m, BC_BLOCK_LIST, line_of(list));
    b->u.list.numbered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    b->u.list.n = it.n;
    b->u.list.items = it.v;
    b->u.list.depth = it.depth;
    b->u.list.marks = it.marks;
}

/* A cell that reads as a number ("1,204", "−3.5", "42 %", "$3.1"): its column lines up on
   the decimal point when the table gives no alignment. */
static int numeric(const bc_inline *in)
{
    int digits = 0;
    for (int r = 0; r < in->n; r++)
        for (size_t i = 0; i < in->runs[r].len; i++) {
            unsigned char c = (unsigned char)in->runs[r].text[i];
            if (c >= '0' && c <= '9')
                digits++;
            else if (c < 0x80 && (!c || !strchr(",.-+%$ ", c)))
                return 0;
        }
    return digits > 0;
}

/* A GFM table, with a "Table: …" caption before or after it and a "Source: …" after; returns
   the last node it took. */
static cmark_node *add_table(md *m, cmark_node *n, cmark_node *caption_before)
{
    int line = line_of(n);
    int nc = cmark_gfm_extensions_get_table_columns(n);
    if (nc < 1 || nc > 64) {
        fail(m, line, "a table needs 1 to 64 columns, this one has %d", nc);
        return n;
    }
    uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
    int nrows = -1;
    for (cmark_node *r = cmark_node_first_child(n); r; r = cmark_node_next(r)) nrows++;
    if (nrows < 0) nrows = 0;
    bc_table *t = bc_arena_alloc(m->a, sizeof *t);
    t->ncols = nc;
    t->nrows = nrows;
    t->header = bc_arena_alloc(m->a, (size_t)nc * sizeof *t->header);
    t->cells = bc_arena_alloc(m->a, (size_t)(nrows ? nrows : 1) * (size_t)nc * sizeof *t->cells);
    t->align = bc_arena_alloc(m->a, (size_t)nc);
    t->row_strong = bc_arena_alloc(m->a, (size_t)(nrows ? nrows : 1));
    int num[64] = {0}, text[64] = {0};
    int r = -1;
    for (cmark_node *row = cmark_node_first_child(n); row && !m->failed;
         row = cmark_node_next(row), r++) {
        bc_inline *cells = r < 0 ? t->header : &t->cells[(size_t)r * (size_t)nc];
        int c = 0;
        for (cmark_node *cell = cmark_node_first_child(row); cell && c < nc && !m->failed;
             cell = cmark_node_next(cell), c++) {
            if (!text_of(m, cell, &cells[c])) break;
            if (r >= 0 && cells[c].n) {
                if (numeric(&cells[c]))
                    num[c] = 1;
                else if (!(cells[c].n == 1 && !strcmp(cells[c].runs[0].text, "\xE2\x80\x93")))
                    text[c] = 1;
            }
        }
    }
    for (int c = 0; c < nc; c++) {
        int a = al ? al[c] : 0;
        t->align[c] = a == 'r'             ? 'r'
                      : a == 'c'           ? 'c'
                      : a == 'l'           ? 'l'
                      : num[c] && !text[c] ? 'd'
                                           : 'l';
    }
    cmark_node *last = n, *next = cmark_node_next(n);
    const char *label = NULL;
    if (caption_before) {
        label = caption_of(m, caption_before, &t->caption);
    } else if (starts_with(next, "Table:")) {
        label = caption_of(m, next, &t->caption);
        last = next;
        next = cmark_node_next(next);
    }
    if (m->failed) return last;
    if (starts_with(next, "Source:")) {
        text_after(m, next, "Source:", &t->source);
        last = next;
    }
    bc_block *b = new_block(m, BC_BLOCK_TABLE, line);
    b->u.table = t;
    b->label = label;
    return last;
}

/* A block of kind not yet listed (listed with add_block once its text is good). */
static bc_block *make_block(md *m, bc_block_kind kind)
{
    bc_block *b = bc_arena_alloc(m->a, sizeof *b);
    b->kind = kind;
    return b;
}

static void add_para(md *m, cmark_node *n, bc_para_style style)
{
    bc_block *b = make_block(m, BC_BLOCK_PARA);
    if (!text_of(m, n, &b->u.para.text) || !b->u.para.text.n) return;
    b->u.para.style = style;
    add_block(m, b, line_of(n));
}

static void add_heading(md *m, cmark_node *n)
{
    int line = line_of(n);
    int level = cmark_node_get_heading_level(n);
    if (level > 3) {
        fail(m, line, "a level-%d heading; a brief has three levels: #, ## and ###", level);
        return;
    }
    m->buf.len = 0;
    m->line = line;
    put_inlines(m, n, 0);
    if (m->failed) return;
    bc_block *b = make_block(m, BC_BLOCK_HEADING);
    b->label = cut_label(m, line);
    if (m->failed || !finish_text(m, 0, line, &b->u.heading.text)) return;
    b->u.heading.level = level;
    add_block(m, b, line);
}

/* A block quote's last paragraph that starts with a dash ("— Author, 2011", "-- Author") says
   who is quoted. */
static int attribution(cmark_node *para)
{
    cmark_node *t = cmark_node_first_child(para);
    if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT) return 0;
    const char *s = cmark_node_get_literal(t);
    return s && (!strncmp(s, "\xE2\x80\x94", 3) || !strncmp(s, "\xE2\x80\x95", 3) ||
                 !strncmp(s, "--", 2));
}

static void add_blocks(md *m, cmark_node *first, int quote, int depth)
{
    if (depth > MAX_DEPTH) {
        fail(m, first ? line_of(first) : 0, "block quotes nested more than %d deep", MAX_DEPTH);
        return;
    }
    for (cmark_node *n = first; n && !m->failed; n = cmark_node_next(n)) {
        cmark_node *next = cmark_node_next(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_PARAGRAPH:
            if (!quote && is_type(next, "table") && starts_with(n, "Table:")) {
                n = add_table(m, next, n);
                break;
            }
            add_para(m, n,
                     !quote                                  ? BC_PARA_BODY
                     : !next && n != first && attribution(n) ? BC_PARA_ATTRIBUTION
                                                             : BC_PARA_QUOTE);
            break;
        case CMARK_NODE_HEADING:
            if (quote)
                refuse(m, n, "a block quote");
            else
                add_heading(m, n);
            break;
        case CMARK_NODE_BLOCK_QUOTE: add_blocks(m, cmark_node_first_child(n), 1, depth + 1); break;
        case CMARK_NODE_LIST: add_list(m, n); break;
        case CMARK_NODE_FOOTNOTE_DEFINITION: break; /* written at its references */
        case CMARK_NODE_THEMATIC_BREAK:
            new_block(m, BC_BLOCK_SPACE, line_of(n))->u.space = 8;
            break;
        default:
            if (is_type(n, "table") && !quote)
                n = add_table(m, n, NULL);
            else
                refuse(m, n, quote ? "a block quote" : "the text");
            break;
        }
    }
}

/* }====================================================== */

/* {====================================================== guards before cmark */

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r>", s[i])) return 0;
    return 1;
}

/* Could the line be a table's delimiter row ("|---|:--:|", inside quotes or items)? Returns an
   upper bound of its columns, 0 when it cannot be one. */
static int delimiter_columns(const char *s, size_t n)
{
    int pipes = 0, dash = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '|')
            pipes++;
        else if (s[i] == '-')
            dash = 1;
        else if (!strchr(" \t\r>:*+.)0123456789", s[i]))
            return 0;
    }
    return pipes && dash ? pipes + 1 : 0;
}

/*
** Copies text with two changes cmark must not see, and bounds the tables it could make:
**   - "[@key]: …" and "[#label]: …" at a line's start (after quote and list markers) would
**     be link definitions, and the brackets elsewhere links to them: their '[' is escaped, so
**     they stay text for markup.c ("[^1]: …" stays: GFM footnotes become briefc's notes);
**   - the cells of all tables are bounded (lines after a delimiter row times its columns);
**   - "![" is counted: libcmark-gfm 0.29.0.gfm.6 takes quadratic time over image openers
**     followed by links ("![[]()" repeated: CVE-2023-22486, fixed in gfm.7), and a brief has no
**     Markdown images, so more than MAX_IMAGE_OPENERS are refused before cmark sees them.
*/
static char *prepare(md *m, const char *text, size_t len, size_t *outlen)
{
    bc_buf b = {0};
    bc_buf_reserve(&b, len + len / 16 + 16);
    size_t cells = 0, bangs = 0;
    int line = 1, cols = 0, table_line = 0;
    for (size_t i = 0; i < len;) {
        size_t end = i; /* lines end as CommonMark's do: at \n, \r\n or a lone \r */
        while (end < len && text[end] != '\n' && text[end] != '\r') end++;
        size_t eol =
            end < len ? (text[end] == '\r' && end + 1 < len && text[end + 1] == '\n' ? 2 : 1) : 0;
        const char *s = text + i;
        size_t n = end - i;
        if (is_blank(s, n)) {
            cols = 0;
        } else if (cols) {
            cells += (size_t)cols;
        } else if ((cols = delimiter_columns(s, n)) != 0) {
            cells += 2 * (size_t)cols;
            table_line = line;
        }
        if (cells > BC_MD_MAX_CELLS) {
            bc_buf_free(&b);
            fail(m, table_line,
                 "the table here would make more than %d cells; split it, or "
                 "put the data in a CSV file and use s:table",
                 BC_MD_MAX_CELLS);
            return NULL;
        }
        for (size_t k = 0; k + 1 < n; k++)
            if (s[k] == '!' && s[k + 1] == '[' && ++bangs > MAX_IMAGE_OPENERS) {
                bc_buf_free(&b);
                fail(m, line,
                     "more than %d '![' in the text (each opens an image, and a brief "
                     "has no Markdown images); write \\! for a '!' before '['",
                     MAX_IMAGE_OPENERS);
                return NULL;
            }
        size_t k = 0;
        for (;;) { /* quote and list markers */
            while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '>')) k++;
            if (k + 1 < n && strchr("-*+", s[k]) && s[k + 1] == ' ') {
                k += 2;
                continue;
            }
            size_t d = k;
            while (d < n && d - k < 9 && s[d] >= '0' && s[d] <= '9') d++;
            if (d > k && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') {
                k = d + 2;
                continue;
            }
            break;
        }
        bc_buf_add(&b, s, k);
        if (k + 1 < n && s[k] == '[' && (s[k + 1] == '@' || s[k + 1] == '#')) bc_buf_addc(&b, '\\');
        bc_buf_add(&b, s + k, n - k);
        bc_buf_add(&b, text + end, eol);
        i = end + eol;
        line++;
    }
    *outlen = b.len;
    if (!b.data) bc_buf_addc(&b, 0), b.len = 0;
    return b.data;
}

/* }====================================================== */

bc_status bc_md_parse(bc_arena *a, const char *text, size_t len, const char *file, bc_md *out,
                      bc_error *err)
{
    md m = {.a = a, .file = file, .err = err, .out = out};
    memset(out, 0, sizeof *out);
    bc_error_clear(err);
    if (len > BC_MD_MAX)
        return bc_error_set(err, file, 0,
                            "Markdown of %zu KB is longer than the %d KB one text "
                            "may hold; split it into several files",
                            len >> 10, BC_MD_MAX >> 10);
    size_t bad = bc_utf8_check(text, len);
    if (bad != (size_t)-1) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'));
        return bc_error_set(err, file, line, "invalid UTF-8 at byte offset %zu", bad);
    }
    size_t plen;
    char *prepared = prepare(&m, text, len, &plen);
    if (!prepared) return BC_ERR;
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p =
        cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (table) cmark_parser_attach_syntax_extension(p, table);
    cmark_parser_feed(p, prepared, plen);
    cmark_node *doc = cmark_parser_finish(p);
    cmark_parser_free(p);
    free(prepared);
    if (!table)
        fail(&m, 0, "the Markdown table extension is missing from libcmark-gfm");
    else if (doc) {
        /* footnote definitions, numbered in order of first reference, at the document's end */
        for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
            m.nnotes += cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION;
        m.notes = bc_arena_alloc(a, (size_t)(m.nnotes ? m.nnotes : 1) * sizeof *m.notes);
        int k = 0;
        for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
            if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION) m.notes[k++] = c;
        add_blocks(&m, cmark_node_first_child(doc), 0, 0);
    }
    cmark_node_free(doc);
    bc_buf_free(&m.buf);
    if (m.failed) {
        memset(out, 0, sizeof *out);
        return BC_ERR;
    }
    return BC_OK;
}
