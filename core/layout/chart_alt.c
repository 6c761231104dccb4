/*
** chart_alt.c — what the richer charts say to a screen reader (the Figure's /Alt) and the
** arithmetic they share with drawing: a scatter's least-squares fit and a chart's count of
** right-hand series. A scatter, range or dumbbell is described from its own data; small
** multiples, a right-hand axis and annotations add to what tags.c writes for the classic
** kinds.
*/
#include "layout/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "doc/markup.h"
#include "layout/tags.h"
#include "lua/fmt.h"

int bc_chart_nright(const bc_chart *ch)
{
    int n = 0;
    for (int s = 0; ch->more && ch->more->right && s < ch->nser; s++) n += ch->more->right[s];
    return n;
}

int bc_chart_fit(const bc_chart *ch, double *a, double *b, double *r2)
{
    const double *x = ch->more ? ch->more->x : NULL, *y = ch->values;
    int n = 0;
    double mx = 0, my = 0;
    for (int i = 0; x && i < ch->ncat; i++)
        if (isfinite(x[i]) && isfinite(y[i])) {
            mx += x[i];
            my += y[i];
            n++;
        }
    if (n < 2) return 0;
    mx /= n;
    my /= n;
    double sxx = 0, sxy = 0, syy = 0;
    for (int i = 0; i < ch->ncat; i++)
        if (isfinite(x[i]) && isfinite(y[i])) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
    if (!(sxx > 0) || !isfinite(sxx) || !isfinite(sxy)) return 0;
    *a = sxy / sxx;
    *b = my - *a * mx;
    *r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 1;
    return isfinite(*a) && isfinite(*b);
}

/* A value as the chart's labels write it (money, percent or a number). */
static void val(bc_buf *b, const bc_chart *ch, double v)
{
    char s[96];
    if (ch->format == BC_FMT_MONEY_M)
        bc_fmt_value(BC_FMT_KIND_MONEY, v, ch->decimals, s, sizeof s);
    else if (ch->format == BC_FMT_PERCENT)
        bc_fmt_value(BC_FMT_KIND_PERCENT, v, ch->decimals, s, sizeof s);
    else
        bc_fmt_value(BC_FMT_KIND_NUMBER, v,
                     ch->decimals >= 0 ? ch->decimals : bc_fmt_decimals_label(v, 3), s, sizeof s);
    bc_buf_adds(b, s);
}

static void num(bc_buf *b, double v, int dec)
{
    char s[96];
    bc_fmt_number(v, dec >= 0 ? dec : bc_fmt_decimals_label(v, 3), s, sizeof s);
    bc_buf_adds(b, s);
}

static void head(bc_buf *b, bc_arena *a, const bc_chart *ch, const char *kind)
{
    bc_buf_adds(b, kind);
    char *cap = ch->caption.n ? bc_inline_text(a, &ch->caption) : NULL;
    if (cap && cap[0]) bc_buf_printf(b, ", %s", cap);
    bc_buf_adds(b, ":");
}

static void scatter(bc_buf *b, bc_arena *a, const bc_chart *ch)
{
    const bc_chart_more *m = ch->more;
    head(b, a, ch, "Scatter plot");
    bc_buf_printf(b, " %d points, %s against %s", ch->ncat, ch->y_title ? ch->y_title : "y",
                  ch->x_title ? ch->x_title : "x");
    for (int g = 0; g < m->ngroups; g++) { /* points in series: how many in each */
        int n = 0;
        for (int i = 0; i < ch->ncat; i++) n += m->group[i] == g;
        bc_buf_printf(b, "%s%s (%d point%s)", g ? "; " : "; in series: ", m->groups[g], n,
                      n == 1 ? "" : "s");
    }
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i = 0; i < ch->ncat; i++) {
        x0 = fmin(x0, m->x[i]);
        x1 = fmax(x1, m->x[i]);
        y0 = fmin(y0, ch->values[i]);
        y1 = fmax(y1, ch->values[i]);
    }
    bc_buf_adds(b, "; x from ");
    num(b, x0, m->dec_x);
    bc_buf_adds(b, " to ");
    num(b, x1, m->dec_x);
    bc_buf_adds(b, ", y from ");
    val(b, ch, y0);
    bc_buf_adds(b, " to ");
    val(b, ch, y1);
    double fa, fb, r2;
    if (m->trend && bc_chart_fit(ch, &fa, &fb, &r2)) {
        bc_buf_adds(b, "; trend line y = ");
        num(b, fa, -1);
        bc_buf_adds(b, fb < 0 ? " x - " : " x + ");
        num(b, fabs(fb), -1);
        bc_buf_adds(b, ", R squared ");
        num(b, r2, 2);
    }
    int shown = 0;
    for (int i = 0; i < ch->ncat && shown < 20; i++) {
        if (!ch->categories[i][0]) continue;
        bc_buf_adds(b, shown++ ? "; " : ". Points: ");
        bc_buf_printf(b, "%s (", ch->categories[i]);
        num(b, m->x[i], m->dec_x);
        bc_buf_adds(b, ", ");
        val(b, ch, ch->values[i]);
        bc_buf_adds(b, ")");
    }
    if (ch->ncat > 20 && shown == 20) bc_buf_printf(b, "; and %d more", ch->ncat - 20);
}

static void ranges(bc_buf *b, bc_arena *a, const bc_chart *ch)
{
    int dumbbell = ch->kind == BC_CHART_DUMBBELL;
    head(b, a, ch, dumbbell ? "Dumbbell chart" : "Range chart");
    bc_buf_printf(b, " each category from %s to %s", ch->series[0], ch->series[1]);
    int nc = ch->ncat;
    for (int k = 0; k < nc && k < 30; k++) {
        double lo = ch->values[k], hi = ch->values[nc + k];
        bc_buf_printf(b, "%s %s ", k ? ";" : ":", ch->categories[k]);
        if (isnan(lo) && isnan(hi)) {
            bc_buf_adds(b, "no data");
            continue;
        }
        if (isnan(lo))
            bc_buf_adds(b, "none");
        else
            val(b, ch, lo);
        bc_buf_adds(b, " to ");
        if (isnan(hi))
            bc_buf_adds(b, "none");
        else
            val(b, ch, hi);
    }
    if (nc > 30) bc_buf_printf(b, "; and %d more", nc - 30);
}

/* The chart with only the series of one axis (right = 0: the left, 1: the right), its arrays
   in the arena. */
static bc_chart only_axis(bc_arena *a, const bc_chart *ch, int right)
{
    bc_chart c = *ch;
    c.more = NULL;
    c.nser = 0;
    c.series = bc_arena_alloc(a, (size_t)ch->nser * sizeof *c.series);
    double *v = bc_arena_alloc(a, (size_t)ch->nser * (size_t)ch->ncat * sizeof *v);
    for (int s = 0; s < ch->nser; s++) {
        if (!ch->more->right[s] != !right) continue;
        c.series[c.nser] = ch->series[s];
        memcpy(v + (size_t)c.nser * (size_t)ch->ncat, ch->values + (size_t)s * (size_t)ch->ncat,
               (size_t)ch->ncat * sizeof *v);
        c.nser++;
    }
    c.values = v;
    return c;
}

/* One right-axis series: its name, first and last values, highest and lowest, in the right
   axis's format ("CSF share from 48 % in FY2008 to 45 % in FY2016, highest 54 % in FY2013"). */
static void right_series(bc_buf *b, const bc_chart *r, int s)
{
    const double *v = r->values + (size_t)s * (size_t)r->ncat;
    int first = -1, last = -1, hi = -1, lo = -1;
    for (int c = 0; c < r->ncat; c++) {
        if (isnan(v[c])) continue;
        if (first < 0) first = c;
        last = c;
        if (hi < 0 || v[c] > v[hi]) hi = c;
        if (lo < 0 || v[c] < v[lo]) lo = c;
    }
    bc_buf_printf(b, "%s %s", s ? ";" : "", r->series[s]);
    if (first < 0) return;
    bc_buf_adds(b, " from ");
    val(b, r, v[first]);
    bc_buf_printf(b, " in %s to ", r->categories[first]);
    val(b, r, v[last]);
    bc_buf_printf(b, " in %s, highest ", r->categories[last]);
    val(b, r, v[hi]);
    bc_buf_printf(b, " in %s, lowest ", r->categories[hi]);
    val(b, r, v[lo]);
    bc_buf_printf(b, " in %s", r->categories[lo]);
}

/* The classic description with what the chart adds: panels, a right axis, notes. */
static void classic_plus(bc_buf *b, bc_arena *a, const bc_chart *ch)
{
    static const char *const kinds[] = {"bar charts", "horizontal bar charts", "line charts",
                                        "area charts"};
    const bc_chart_more *m = ch->more;
    if (m->facet) {
        bc_buf_printf(b, "Small multiples, %d %s on one scale, one per panel (", m->nfacets,
                      (unsigned)ch->kind < 4 ? kinds[ch->kind] : "charts");
        for (int f = 0; f < m->nfacets; f++) bc_buf_printf(b, "%s%s", f ? ", " : "", m->facets[f]);
        bc_buf_adds(b, "). ");
    }
    bc_chart plain = *ch;
    plain.more = NULL;
    int nright = bc_chart_nright(ch);
    if (nright > 0 && nright < ch->nser) plain = only_axis(a, ch, 0); /* the left axis's */
    bc_buf_adds(b, bc_tags_chart_alt(a, &plain));
    if (m->right) {
        bc_buf_adds(b, "; on the right-hand axis");
        if (m->y2_title) bc_buf_printf(b, " (%s)", m->y2_title);
        bc_buf_adds(b, ":");
        bc_chart r = only_axis(a, ch, 1); /* in the right axis's format */
        r.format = (bc_chart_format_kind)m->format2;
        r.decimals = -1;
        for (int s = 0; s < r.nser; s++) right_series(b, &r, s);
    }
    if (m->line) {
        bc_buf_adds(b, "; drawn as a line over the bars:");
        for (int s = 0, k = 0; s < ch->nser; s++)
            if (m->line[s]) bc_buf_printf(b, "%s %s", k++ ? "," : "", ch->series[s]);
    }
    for (int i = 0; i < m->nannots; i++) {
        const bc_chart_annot *an = &m->annots[i];
        bc_buf_printf(b, "%s %s (%s%s%sat %s, ", i ? ";" : ". Notes:", an->text,
                      m->facet ? "in " : "", m->facet ? m->facets[an->panel] : "",
                      m->facet ? ", " : "", ch->categories[(int)an->x]);
        val(b, ch, an->y);
        bc_buf_adds(b, ")");
    }
}

const char *bc_chart_alt_more(bc_arena *a, const bc_chart *ch)
{
    const bc_chart_more *m = ch->more;
    int kind =
        ch->kind == BC_CHART_SCATTER || ch->kind == BC_CHART_RANGE || ch->kind == BC_CHART_DUMBBELL;
    if (!kind && (!m || (!m->facet && !m->right && !m->nannots && !m->line))) return NULL;
    bc_buf b = {0};
    if (ch->kind == BC_CHART_SCATTER)
        scatter(&b, a, ch);
    else if (kind)
        ranges(&b, a, ch);
    else
        classic_plus(&b, a, ch);
    if (m && m->nannots && kind) {
        for (int i = 0; i < m->nannots; i++) {
            const bc_chart_annot *an = &m->annots[i];
            bc_buf_printf(&b, "%s %s", i ? ";" : ". Notes:", an->text);
        }
    }
    const char *r = bc_arena_strdup(a, b.data ? b.data : "Chart");
    bc_buf_free(&b);
    return r;
}
