/*
** doc.c — the document model's storage: an arena, a block list, section records.
*/
#include "doc/doc.h"
#include "doc/dest.h"
#include "doc/markup.h"
#include "doc/terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The enum names doc.h declares, each entry by its value. */
const char *const bc_block_kind_names[] = {
    [BC_BLOCK_TITLE] = "title",          [BC_BLOCK_HEADING] = "heading",
    [BC_BLOCK_PARA] = "paragraph",       [BC_BLOCK_LIST] = "list",
    [BC_BLOCK_TABLE] = "table",          [BC_BLOCK_CALLOUT] = "callout",
    [BC_BLOCK_CHART] = "chart",          [BC_BLOCK_SPACE] = "space",
    [BC_BLOCK_PAGEBREAK] = "page_break", [BC_BLOCK_TOC] = "contents",
    [BC_BLOCK_BIB] = "bibliography",     [BC_BLOCK_IMAGE] = "image",
    [BC_BLOCK_DEFLIST] = "definitions",  [BC_BLOCK_BACK] = "back_page",
    [BC_BLOCK_ORIENT] = "landscape",     [BC_BLOCK_ORIENT + 1] = NULL};
const char *const bc_para_style_names[] = {[BC_PARA_BODY] = "body",
                                           [BC_PARA_LEAD] = "lead",
                                           [BC_PARA_NOTE] = "note",
                                           [BC_PARA_QUOTE] = "quote",
                                           [BC_PARA_ATTRIBUTION] = "attribution",
                                           [BC_PARA_PULL] = "pull",
                                           [BC_PARA_PULL + 1] = NULL};
const char *const bc_chart_kind_names[] = {
    [BC_CHART_BAR] = "bar",           [BC_CHART_HBAR] = "hbar",       [BC_CHART_LINE] = "line",
    [BC_CHART_AREA] = "area",         [BC_CHART_DONUT] = "donut",     [BC_CHART_DOT] = "dot",
    [BC_CHART_MAP] = "map",           [BC_CHART_SCATTER] = "scatter", [BC_CHART_RANGE] = "range",
    [BC_CHART_DUMBBELL] = "dumbbell", [BC_CHART_DUMBBELL + 1] = NULL};
const char *const bc_chart_format_names[] = {[BC_FMT_NUMBER] = "number",
                                             [BC_FMT_MONEY_M] = "money",
                                             [BC_FMT_PERCENT] = "percent",
                                             [BC_FMT_PERCENT + 1] = NULL};
const char *const bc_chart_legend_names[] = {
    [BC_LEGEND_AUTO] = "auto",     [BC_LEGEND_TOP] = "top",   [BC_LEGEND_RIGHT] = "right",
    [BC_LEGEND_BOTTOM] = "bottom", [BC_LEGEND_NONE] = "none", [BC_LEGEND_DIRECT] = "direct",
    [BC_LEGEND_DIRECT + 1] = NULL};

const char *bc_doc_lang(const bc_doc *d)
{
    const char *sec = d->nsections ? d->sections[d->nsections - 1].lang : NULL;
    return sec ? sec : d->lang;
}

const bc_terms *bc_doc_terms(const bc_doc *d) { return bc_terms_for(bc_doc_lang(d)); }

bc_doc *bc_doc_new(void)
{
    bc_doc *d = bc_xcalloc(1, sizeof *d);
    d->arena = bc_arena_new();
    return d;
}

void bc_doc_free(bc_doc *d)
{
    if (!d) return;
    free(d->labels);
    free(d->label_slots);
    free(d->notes);
    bc_arena_free(d->arena);
    free(d->sections);
    free(d);
}

size_t bc_doc_bytes(const bc_doc *d)
{
    return sizeof *d + bc_arena_bytes(d->arena) + (size_t)d->cap_labels * sizeof *d->labels +
           (size_t)d->cap_notes * sizeof *d->notes + (size_t)d->cap_slots * sizeof(int) +
           (size_t)d->cap_sections * sizeof *d->sections;
}

int bc_doc_section_begin(bc_doc *d, const char *name, const char *file, int line)
{
    BC_GROW(d->sections, d->nsections, d->cap_sections, 16);
    bc_doc_section *s = &d->sections[d->nsections];
    s->name = bc_arena_strdup(d->arena, name);
    s->file = bc_arena_strdup(d->arena, file ? file : "");
    s->line = line;
    s->lang = NULL;
    return d->nsections++;
}

bc_block *bc_doc_add(bc_doc *d, bc_block_kind kind)
{
    bc_block *b = bc_arena_alloc(d->arena, sizeof *b);
    b->kind = kind;
    b->section = d->nsections - 1;
    if (d->last)
        d->last->next = b;
    else
        d->first = b;
    d->last = b;
    return b;
}

void bc_doc_append(bc_doc *d, bc_block *b)
{
    b->section = d->nsections - 1;
    b->next = NULL;
    if (d->last)
        d->last->next = b;
    else
        d->first = b;
    d->last = b;
}

/* n in Roman numerals (n from 1; 3999 and beyond as digits). */
static int roman(char *s, size_t cap, int n)
{
    static const struct {
        int v;
        const char *r;
    } k[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
             {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
    if (n < 1 || n > 3999) return snprintf(s, cap, "%d", n);
    size_t o = 0;
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
        for (; n >= k[i].v && o + strlen(k[i].r) < cap; n -= k[i].v) {
            memcpy(s + o, k[i].r, strlen(k[i].r));
            o += strlen(k[i].r);
        }
    s[o] = 0;
    return (int)o;
}

void bc_doc_number_heading(bc_doc *d, bc_block *b)
{
    int level = b->u.heading.level;
    if (level < 1) level = 1;
    if (level > 3) level = 3;
    b->u.heading.number[0] = 0;
    if (d->nunnumbered) { /* theme.unnumbered: "Summary" has no number and takes none */
        const char *text = bc_inline_text(d->arena, &b->u.heading.text);
        for (int i = 0; i < d->nunnumbered; i++)
            if (!strcmp(text, d->unnumbered[i])) return;
    }
    d->counters[level - 1]++;
    for (int i = level; i < 3; i++) d->counters[i] = 0;
    char *s = b->u.heading.number;
    size_t cap = sizeof b->u.heading.number;
    s[0] = 0;
    if (d->heading_style == 'n') return;
    int n = 0;
    for (int i = 0; i < level && n >= 0 && (size_t)n < cap - 12; i++) {
        if (i) s[n++] = '.';
        int c = d->counters[i];
        if (d->heading_style == 'r' && i == 0)
            n += roman(s + n, cap - (size_t)n, c);
        else if (d->heading_style == 'r' && i == 1 && c >= 1 && c <= 26) /* A .. Z */
            n += snprintf(s + n, cap - (size_t)n, "%c", 'A' + c - 1);
        else
            n += snprintf(s + n, cap - (size_t)n, "%d", c);
    }
}

const char *bc_doc_heading_ref(bc_doc *d, const bc_block *b)
{
    if (b->u.heading.number[0])
        return bc_arena_printf(d->arena, bc_doc_terms(d)->section, b->u.heading.number);
    return bc_arena_printf(d->arena, "\u201c%s\u201d",
                           bc_inline_text(d->arena, &b->u.heading.text));
}

/* Labels are found through a hash index (open addressing), so a brief with many labels and
   references stays linear. */
static unsigned label_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void slot_insert(int *slots, int cap, const char *name, int idx)
{
    unsigned k = label_hash(name) & (unsigned)(cap - 1);
    while (slots[k]) k = (k + 1) & (unsigned)(cap - 1);
    slots[k] = idx + 1;
}

int bc_doc_label(bc_doc *d, bc_block *b, const char *name, const char *text)
{
    if (bc_doc_find_label(d, name)) return 0;
    BC_GROW(d->labels, d->nlabels, d->cap_labels, 16);
    if (2 * (d->nlabels + 1) > d->cap_slots) {
        int cap = (int)bc_grow_cap((size_t)d->cap_slots, 64, sizeof(int));
        int *slots = bc_xcalloc((size_t)cap, sizeof *slots);
        for (int i = 0; i < d->nlabels; i++) slot_insert(slots, cap, d->labels[i].name, i);
        free(d->label_slots);
        d->label_slots = slots;
        d->cap_slots = cap;
    }
    bc_label *l = &d->labels[d->nlabels];
    l->name = bc_arena_strdup(d->arena, name);
    l->text = bc_arena_strdup(d->arena, text);
    slot_insert(d->label_slots, d->cap_slots, l->name, d->nlabels++);
    b->label = l->name;
    return 1;
}

bc_label *bc_doc_find_label(bc_doc *d, const char *name)
{
    if (!d->cap_slots) return NULL;
    unsigned k = label_hash(name) & (unsigned)(d->cap_slots - 1);
    for (; d->label_slots[k]; k = (k + 1) & (unsigned)(d->cap_slots - 1)) {
        bc_label *l = &d->labels[d->label_slots[k] - 1];
        if (!strcmp(l->name, name)) return l;
    }
    return NULL;
}

void bc_doc_add_note(bc_doc *d, bc_run *run)
{
    BC_GROW(d->notes, d->nnotes, d->cap_notes, 16);
    d->notes[d->nnotes++] = run->note;
    run->note_no = d->nnotes;
    run->text = bc_arena_printf(d->arena, "%d", d->nnotes);
    run->len = strlen(run->text);
    run->link = bc_arena_printf(d->arena, "#fn-%d", d->nnotes);
}

typedef struct each_ctx {
    void (*fn)(bc_inline *in, void *ud);
    void *ud;
} each_ctx;

static void visit(bc_inline *in, each_ctx *c)
{
    c->fn(in, c->ud);
    for (int i = 0; i < in->n; i++)
        if (in->runs[i].kind == BC_RUN_NOTE && in->runs[i].note) visit(in->runs[i].note, c);
}

void bc_doc_each_inline(bc_doc *d, void (*fn)(bc_inline *in, void *ud), void *ud)
{
    each_ctx c = {fn, ud};
    for (bc_block *b = d->first; b; b = b->next) {
        switch (b->kind) {
        case BC_BLOCK_TITLE:
            visit(&b->u.title.title, &c);
            visit(&b->u.title.subtitle, &c);
            visit(&b->u.title.meta, &c);
            break;
        case BC_BLOCK_HEADING: visit(&b->u.heading.text, &c); break;
        case BC_BLOCK_PARA: visit(&b->u.para.text, &c); break;
        case BC_BLOCK_LIST:
            for (int i = 0; i < b->u.list.n; i++) visit(&b->u.list.items[i], &c);
            break;
        case BC_BLOCK_CALLOUT:
            visit(&b->u.callout.title, &c);
            for (int i = 0; i < b->u.callout.n; i++) visit(&b->u.callout.items[i], &c);
            break;
        case BC_BLOCK_TABLE: {
            bc_table *t = b->u.table;
            for (int i = 0; i < t->nhead * t->ncols; i++) visit(&t->head[i], &c);
            for (int i = 0; i < t->ncols; i++) visit(&t->header[i], &c);
            for (int i = 0; i < t->nrows * t->ncols; i++) visit(&t->cells[i], &c);
            visit(&t->caption, &c);
            visit(&t->source, &c);
            break;
        }
        case BC_BLOCK_DEFLIST:
            for (int i = 0; i < b->u.deflist.n; i++) {
                visit(&b->u.deflist.terms[i], &c);
                visit(&b->u.deflist.defs[i], &c);
            }
            break;
        case BC_BLOCK_BACK:
            visit(&b->u.back.title, &c);
            for (int i = 0; i < b->u.back.n; i++) visit(&b->u.back.lines[i], &c);
            break;
        case BC_BLOCK_CHART:
            visit(&b->u.chart->caption, &c);
            visit(&b->u.chart->source, &c);
            break;
        case BC_BLOCK_IMAGE:
            visit(&b->u.image->caption, &c);
            visit(&b->u.image->source, &c);
            break;
        default: break;
        }
    }
}

typedef struct resolver {
    bc_doc *d;
    const int *label_pages; /* by label index, or NULL */
    bc_error *err;
    bc_buf *warnings; /* lenient: an unknown label becomes "??" with a warning here */
    int failed;
} resolver;

/* What an unknown label shows under --keep-going; by address, to warn once, not once a pass. */
static const char unknown_label[] = "??";

static void resolve_inline(bc_inline *in, void *ud)
{
    resolver *r = ud;
    for (int i = 0; i < in->n && !r->failed; i++) {
        bc_run *run = &in->runs[i];
        if (run->kind != BC_RUN_XREF && run->kind != BC_RUN_XREF_PAGE) continue;
        bc_label *l = bc_doc_find_label(r->d, run->ref);
        if (!l && r->warnings) { /* --keep-going: the label's section failed, perhaps */
            char line[700];
            snprintf(line, sizeof line,
                     "%s%swarning: unknown cross-reference label '%s', shown as "
                     "??\n",
                     run->where ? run->where : "", run->where ? ": " : "", run->ref);
            if (run->text != unknown_label && /* one line per place and label */
                !(r->warnings->data && strstr(r->warnings->data, line)))
                bc_buf_adds(r->warnings, line);
            run->text = unknown_label;
            run->len = 2;
            run->link = NULL;
            continue;
        }
        if (!l) {
            const char *w = run->where ? run->where : "";
            const char *colon = strrchr(w, ':');
            char file[512];
            snprintf(file, sizeof file, "%.*s", colon ? (int)(colon - w) : 0, w);
            bc_error_set(r->err, file[0] ? file : NULL, colon ? atoi(colon + 1) : 0,
                         "unknown cross-reference label '%s' (label a heading, table or chart "
                         "with label = \"%s\")",
                         run->ref, run->ref);
            r->failed = 1;
            return;
        }
        int page = r->label_pages ? r->label_pages[l - r->d->labels] : 0;
        const char *text = run->kind == BC_RUN_XREF ? l->text
                           : page                   ? bc_arena_printf(r->d->arena, "%d", page)
                                                    : "?";
        run->text = text;
        run->len = strlen(text);
        run->link = bc_arena_printf(r->d->arena, BC_LINK_LABEL, l->name);
    }
}

bc_status bc_doc_resolve(bc_doc *d, const int *label_pages, bc_error *err)
{
    if (d->lenient) return bc_doc_resolve_lenient(d, label_pages, d->lenient);
    resolver r = {d, label_pages, err, NULL, 0};
    bc_doc_each_inline(d, resolve_inline, &r);
    return r.failed ? BC_ERR : BC_OK;
}

bc_status bc_doc_resolve_lenient(bc_doc *d, const int *label_pages, bc_buf *warnings)
{
    resolver r = {d, label_pages, NULL, warnings, 0};
    bc_doc_each_inline(d, resolve_inline, &r);
    return BC_OK;
}
