/*
** batch_check.c — pass 1 of `briefc batch`: every row's output name and columns checked
** before any work starts (no absolute paths, no "..", no name too long, nothing the brief
** reads, no two rows writing one file), each row's bytes hashed for pass 2.
*/
#define _GNU_SOURCE
#include "batch/batch_int.h"

#include <string.h>

#include "base/suggest.h"
#include "cli/build.h"

/* The brief's params ",b,a," as a sorted list "a, b" (Lua hands them over in any order). */
static int sorted_params(const char *params, const char **v, int cap, char *store, size_t scap)
{
    snprintf(store, scap, "%s", params);
    int n = 0;
    for (char *save = NULL, *t = strtok_r(store, ",", &save); t && n < cap;
         t = strtok_r(NULL, ",", &save))
        v[n++] = t;
    for (int i = 1; i < n; i++) /* insertion sort: a brief has a handful */
        for (int j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            const char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n;
}

/*
** The header, once: every column is a param of the brief or used in --out or --bookmark, and
** every {name} of --out and --bookmark is a column. All the mistakes are listed at once, each
** with the nearest name, the params in order. Returns 1 when one was found.
*/
static int check_header(batch_run *R, const bc_record *r)
{
    batch *b = &R->b;
    const char *pv[256];
    char store[sizeof R->params];
    int np = sorted_params(R->params, pv, 256, store, sizeof store), bad = 0;
    for (int k = 0; k < r->ncols; k++) {
        R->col.len = 0;
        bc_buf_printf(&R->col, ",%s,", r->name[k]);
        R->norm.len = 0;
        bc_buf_printf(&R->norm, "{%s}", r->name[k]);
        if (strstr(R->params, R->col.data) || (b->tmpl && strstr(b->tmpl, R->norm.data)) ||
            (b->bookmark && strstr(b->bookmark, R->norm.data)))
            continue;
        const char *near = bc_suggest_n(r->name[k], pv, (size_t)np);
        fprintf(stderr,
                "%s:1: error: column '%s' is not a param of the brief%s%s%s, nor used in "
                "--out or --bookmark\n",
                b->rows, r->name[k], near ? " (did you mean '" : "", near ? near : "",
                near ? "'?)" : "");
        bad++;
    }
    if (bad) {
        fprintf(stderr, "  the brief's params are: ");
        for (int i = 0; i < np; i++) fprintf(stderr, "%s%s", i ? ", " : "", pv[i]);
        fprintf(stderr, "%s\n", np ? "" : "(none)");
    }
    const char *cols[256];
    int nc = r->ncols < 256 ? r->ncols : 256;
    for (int k = 0; k < nc; k++) cols[k] = r->name[k];
    const char *tmpls[2][2] = {{"--out", b->tmpl}, {"--bookmark", b->bookmark}};
    for (int t = 0; t < 2; t++) {
        for (const char *p = tmpls[t][1]; p && (p = strchr(p, '{')) != NULL; p++) {
            const char *close = strchr(p, '}');
            if (!close) break;
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
            int found = 0;
            for (int k = 0; k < nc && !found; k++) found = !strcmp(cols[k], name);
            if (found) continue;
            const char *near = bc_suggest_n(name, cols, (size_t)nc);
            fprintf(stderr,
                    "%s:1: error: %s names {%s}, which is not a column of the manifest%s%s%s\n",
                    b->rows, tmpls[t][0], name, near ? " (did you mean {" : "", near ? near : "",
                    near ? "}?)" : "");
            bad++;
        }
    }
    return bad > 0;
}

/* Checks one row's output name and columns; returns 1 to stop reading (20 errors). */
static int check_row(batch_run *R, nameset *seen, int *bad)
{
    batch *b = &R->b;
    bc_record *r = &R->r;
    char why[600];
    if (!R->header_checked++ && check_header(R, r)) {
        *bad = 20;
        return 1;
    }
    if (b->tmpl && !bc_manifest_output_name(b->tmpl, r, &R->name, why, sizeof why)) {
        fprintf(stderr, "%s:%d: error: row %ld: %s\n", b->rows, r->line, r->row, why);
        return ++*bad >= 20;
    }
    if (b->tmpl && !bc_batch_name_fits(R->name.data, why, sizeof why)) {
        fprintf(stderr, "%s:%d: error: row %ld: %s\n", b->rows, r->line, r->row, why);
        return ++*bad >= 20;
    }
    if (b->tmpl &&
        bc_output_check(&R->guard, R->name.data, BC_OUTPUT_PDF, "the output", &R->err) != BC_OK) {
        fprintf(stderr, "%s:%d: error: row %ld: %s: %s\n", b->rows, r->line, r->row, R->name.data,
                R->err.msg);
        return ++*bad >= 20;
    }
    if (b->tmpl) bc_batch_normalise_name(R->name.data, &R->norm);
    long other = b->tmpl ? bc_batch_nameset_add(seen, R->norm.data, r->row) : 0;
    if (other) {
        if (other < 0)
            fprintf(stderr, "%s:%d: error: row %ld writes '%s', which is the %s file\n", b->rows,
                    r->line, r->row, R->name.data, other == -1 ? "--combine" : "--report");
        else
            fprintf(stderr, "%s:%d: error: rows %ld and %ld both write '%s'\n", b->rows, r->line,
                    other, r->row, R->name.data);
        if (++*bad >= 20) return 1;
    }
    return *bad >= 20;
}

/* Pass 1: every output name is checked before any work starts. Returns -1 to go on, else
   the exit status. */
int bc_batch_check(batch_run *R)
{
    batch *b = &R->b;
    nameset seen = {0};
    int bad = 0, st = 0;
    if (bc_manifest_open_fd(&R->m, R->mfd, b->rows, &R->err) < 0) {
        bc_error_print(&R->err, "briefc");
        bc_manifest_close(&R->m);
        return BC_EXIT_BRIEF;
    }
    R->header_hash = bc_batch_hash_name(R->m.rec.data ? R->m.rec.data : "");
    /* the combined PDF and the report are names no row may write either */
    if (b->combine) {
        bc_batch_normalise_name(b->combine, &R->norm);
        bc_batch_nameset_add(&seen, R->norm.data, -1);
    }
    if (b->report) {
        bc_batch_normalise_name(b->report, &R->norm);
        if (bc_batch_nameset_add(&seen, R->norm.data, -2)) {
            fprintf(stderr, "briefc: error: --report and --combine both name '%s'\n", b->report);
            bad++;
        }
    }
    while ((st = bc_manifest_next(&R->m, &R->r, &R->err)) >= 1) {
        R->total++;
        BC_GROW(R->rowhash, R->total, R->rowcap, 1024);
        R->rowhash[R->total] = bc_batch_hash_name(R->m.rec.data ? R->m.rec.data : "");
        if (st == 2) continue; /* reported when its turn comes */
        if (check_row(R, &seen, &bad)) break;
    }
    if (st < 0) {
        bc_error_print(&R->err, "briefc");
        bad++;
    }
    bc_manifest_close(&R->m);
    bc_batch_nameset_free(&seen);
    if (bad) {
        fprintf(stderr, "briefc: no handouts built: fix the manifest first\n");
        return BC_EXIT_BRIEF;
    }
    return -1;
}
