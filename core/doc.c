/*
** doc.c — the document model's storage: an arena, a block list, section records.
*/
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>

bc_doc *bc_doc_new(void)
{
    bc_doc *d = bc_xcalloc(1, sizeof *d);
    d->arena = bc_arena_new();
    return d;
}

void bc_doc_free(bc_doc *d)
{
    if (!d) return;
    bc_arena_free(d->arena);
    free(d->sections);
    free(d);
}

int bc_doc_section_begin(bc_doc *d, const char *name, const char *file, int line)
{
    if (d->nsections == d->cap_sections) {
        d->cap_sections = d->cap_sections ? d->cap_sections * 2 : 16;
        d->sections = bc_xrealloc(d->sections, (size_t)d->cap_sections * sizeof *d->sections);
    }
    bc_doc_section *s = &d->sections[d->nsections];
    s->name = bc_arena_strdup(d->arena, name);
    s->file = bc_arena_strdup(d->arena, file ? file : "");
    s->line = line;
    return d->nsections++;
}

bc_block *bc_doc_add(bc_doc *d, bc_block_kind kind)
{
    bc_block *b = bc_arena_alloc(d->arena, sizeof *b);
    b->kind = kind;
    b->section = d->nsections - 1;
    if (d->last) d->last->next = b;
    else d->first = b;
    d->last = b;
    return b;
}

void bc_doc_number_heading(bc_doc *d, bc_block *b)
{
    int level = b->u.heading.level;
    if (level < 1) level = 1;
    if (level > 3) level = 3;
    d->counters[level - 1]++;
    for (int i = level; i < 3; i++) d->counters[i] = 0;
    char *s = b->u.heading.number;
    size_t cap = sizeof b->u.heading.number;
    int n = snprintf(s, cap, "%d", d->counters[0]);
    for (int i = 1; i < level && n > 0 && (size_t)n < cap; i++)
        n += snprintf(s + n, cap - (size_t)n, ".%d", d->counters[i]);
}
