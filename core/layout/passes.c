/*
** passes.c — what one layout pass hands the next: the typesetter, which owns what lasts
** across the passes of one document (hyphenation patterns, the paragraph cache), and the page
** map, which says where the pass put each label and heading so that the next can print page
** references and the table of contents. The document model stays what the plugins built:
** layout reads it and writes only here and into its own output. Part of layout (layout.c).
*/
#include "layout/layout_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/dest.h"
#include "layout/parcache.h"
#include "text/hyph.h"

bc_typesetter *bc_typesetter_new(const char *cache_name)
{
    bc_typesetter *ts = bc_xcalloc(1, sizeof *ts);
    if (cache_name) ts->cache_name = bc_xstrdup(cache_name);
    return ts;
}

void bc_typesetter_save(bc_typesetter *ts)
{
    if (ts) bc_parcache_save(ts->cache);
}

void bc_typesetter_free(bc_typesetter *ts)
{
    if (!ts) return;
    bc_parcache_free(ts->cache);
    if (!ts->hyph_shared) bc_hyph_free(ts->hyph);
    for (int i = 0; i < ts->nlang_hyph; i++) {
        if (ts->lang_hyph[i].owned) bc_hyph_free(ts->lang_hyph[i].h);
        free(ts->lang_hyph[i].lang);
    }
    free(ts->lang_hyph);
    free(ts->cache_name);
    free(ts);
}

static int *copy_ints(const int *v, int n)
{
    if (n <= 0) return NULL;
    int *c = bc_xcalloc((size_t)n, sizeof *c);
    memcpy(c, v, (size_t)n * sizeof *c);
    return c;
}

int bc_pagemap_differs(const bc_pagemap *a, const bc_pagemap *b)
{
    if (!a) { /* before any layout: no heading, and no label placed */
        for (int i = 0; i < b->nlabels; i++)
            if (b->label_page[i]) return 1;
        return b->nheadings > 0;
    }
    if (a->nlabels != b->nlabels || a->nheadings != b->nheadings) return 1;
    if (a->nlabels && memcmp(a->label_page, b->label_page, (size_t)a->nlabels * sizeof(int)))
        return 1;
    return a->nheadings &&
           memcmp(a->heading_page, b->heading_page, (size_t)a->nheadings * sizeof(int)) != 0;
}

void bc_pagemap_copy(bc_pagemap *to, const bc_pagemap *from)
{
    bc_pagemap_free(to);
    to->label_page = copy_ints(from->label_page, from->nlabels);
    to->nlabels = from->nlabels;
    to->heading_page = copy_ints(from->heading_page, from->nheadings);
    to->nheadings = from->nheadings;
}

void bc_pagemap_free(bc_pagemap *m)
{
    if (!m) return;
    free(m->label_page);
    free(m->heading_page);
    memset(m, 0, sizeof *m);
}

/* The page map of a finished pass, from the destinations it placed (doc/dest.h names them). */
void bc_lay_pagemap(L *l)
{
    bc_pagemap *m = &l->out->map;
    char name[300];
    m->nlabels = l->doc->nlabels;
    m->label_page = m->nlabels ? bc_xcalloc((size_t)m->nlabels, sizeof(int)) : NULL;
    for (int i = 0; i < m->nlabels; i++) {
        snprintf(name, sizeof name, BC_DEST_LABEL, l->doc->labels[i].name);
        const bc_dest *d = bc_layout_dest(l->out, name);
        m->label_page[i] = d ? d->page + 1 : 0;
    }
    m->nheadings = l->nheadings;
    m->heading_page = m->nheadings ? bc_xcalloc((size_t)m->nheadings, sizeof(int)) : NULL;
    for (int i = 0; i < m->nheadings; i++) {
        snprintf(name, sizeof name, BC_DEST_HEADING, i);
        const bc_dest *d = bc_layout_dest(l->out, name);
        m->heading_page[i] = d ? d->page + 1 : 0;
    }
}
