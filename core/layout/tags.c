/*
** tags.c — the structure element table layout fills for tagged PDF (see tags.h), and the
** alternate text of charts, written from their data.
*/
#include "layout/tags.h"

#include "doc/markup.h"
#include "layout/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAT(c) (ch->categories[c] ? ch->categories[c] : "")

int bc_tags_add(bc_tags *t, int parent, const char *role)
{
    if (t->n == 0) t->n = 1; /* id 0 is "no element" */
    BC_GROW(t->v, t->n, t->cap, 64);
    bc_se *e = &t->v[t->n];
    memset(e, 0, sizeof *e);
    e->parent = parent;
    /* as snprintf "%s" would: cut to fit, and terminated (e is zeroed above) */
    size_t n = strnlen(role, sizeof e->role - 1);
    memcpy(e->role, role, n);
    return t->n++;
}

int bc_tags_add_reference(bc_tags *t, int parent, int note)
{
    int id = bc_tags_add(t, parent, "Reference");
    t->v[id].note = note;
    return id;
}

void bc_tags_free(bc_tags *t)
{
    if (!t) return;
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

void bc_tags_stamp(bc_ops *o, int from, int se)
{
    for (int i = from < 0 ? 0 : from; i < o->n; i++)
        if (!o->v[i].se) o->v[i].se = se;
}

/* A value as people read it: thousands separated, at most one decimal. */
static void value(bc_buf *b, double v)
{
    char tmp[64];
    double r = round(v * 10) / 10;
    if (fabs(r) >= 1e15) {
        bc_buf_printf(b, "%g", v);
        return;
    }
    long long ip = (long long)fabs(trunc(r));
    int dec = (int)llround(fabs(r - trunc(r)) * 10);
    int n = snprintf(tmp, sizeof tmp, "%lld", ip);
    if (r < 0) bc_buf_addc(b, '-');
    for (int i = 0; i < n; i++) {
        bc_buf_addc(b, tmp[i]);
        if ((n - 1 - i) % 3 == 0 && i < n - 1) bc_buf_addc(b, ',');
    }
    if (dec) bc_buf_printf(b, ".%d", dec);
}

const char *bc_tags_chart_alt(bc_arena *a, const bc_chart *ch)
{
    static const char *kinds[] = {"Bar chart",          "Horizontal bar chart", "Line chart",
                                  "Stacked area chart", "Donut chart",          "Dot plot"};
    if (ch->alt && ch->alt[0]) return bc_arena_strdup(a, ch->alt);
    const char *more = bc_chart_alt_more(a, ch); /* issue 18's kinds (chart_alt.c) */
    if (more) return more;
    bc_buf b = {0};
    unsigned k = (unsigned)ch->kind;
    const char *kind = k < sizeof kinds / sizeof kinds[0] ? kinds[k] : "Chart";
    if (ch->stack != BC_STACK_NONE && (k == BC_CHART_BAR || k == BC_CHART_HBAR)) {
        bc_buf_adds(&b, ch->stack == BC_STACK_PERCENT ? "Percent stacked " : "Stacked ");
        bc_buf_addc(&b, (char)(kind[0] - 'A' + 'a'));
        bc_buf_adds(&b, kind + 1);
    } else {
        bc_buf_adds(&b, kind);
    }
    char *cap = ch->caption.n ? bc_inline_text(a, &ch->caption) : NULL;
    if (cap && cap[0]) bc_buf_printf(&b, ", %s", cap);
    if (ch->ncat > 0 && !(cap && strstr(cap, CAT(0)) && strstr(cap, CAT(ch->ncat - 1))))
        bc_buf_printf(&b, ", %s to %s", CAT(0), CAT(ch->ncat - 1)); /* unless the caption says it */
    if (ch->y_title && ch->y_title[0]) bc_buf_printf(&b, " (%s)", ch->y_title);
    bc_buf_adds(&b, ":");
    if (ch->stack == BC_STACK_NORMAL && ch->nser > 1 && ch->ncat > 1) { /* the totals */
        int hi = -1, last = -1;
        double th = 0, tl = 0;
        for (int c = 0; c < ch->ncat; c++) {
            double sum = 0;
            int any = 0;
            for (int s = 0; s < ch->nser; s++) {
                double v = ch->values[(size_t)s * (size_t)ch->ncat + (size_t)c];
                if (!isnan(v)) sum += v, any = 1;
            }
            if (!any) continue;
            if (hi < 0 || sum > th) hi = c, th = sum;
            last = c, tl = sum;
        }
        if (hi >= 0) {
            bc_buf_adds(&b, " total peaks at ");
            value(&b, th);
            bc_buf_printf(&b, " in %s and is ", CAT(hi));
            value(&b, tl);
            bc_buf_printf(&b, " in %s;", CAT(last));
        }
    }
    for (int s = 0; s < ch->nser && s < 12; s++) {
        const double *v = ch->values + (size_t)s * (size_t)ch->ncat;
        int hi = -1, lo = -1, first = -1, last = -1;
        for (int c = 0; c < ch->ncat; c++) {
            if (isnan(v[c])) continue;
            if (first < 0) first = c;
            last = c;
            if (hi < 0 || v[c] > v[hi]) hi = c;
            if (lo < 0 || v[c] < v[lo]) lo = c;
        }
        if (first < 0) continue;
        bc_buf_printf(&b, "%s %s ", s ? ";" : "",
                      ch->nser > 1 && ch->series[s] ? ch->series[s] : "values");
        if (ch->ncat == 1) {
            value(&b, v[first]);
            continue;
        }
        bc_buf_adds(&b, "from ");
        value(&b, v[first]);
        bc_buf_printf(&b, " in %s to ", CAT(first));
        value(&b, v[last]);
        bc_buf_printf(&b, " in %s, highest ", CAT(last));
        value(&b, v[hi]);
        bc_buf_printf(&b, " in %s, lowest ", CAT(hi));
        value(&b, v[lo]);
        bc_buf_printf(&b, " in %s", CAT(lo));
    }
    if (ch->nser > 12) bc_buf_printf(&b, "; and %d more series", ch->nser - 12);
    const char *r = bc_arena_strdup(a, b.data ? b.data : "Chart");
    bc_buf_free(&b);
    return r;
}
