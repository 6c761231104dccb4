/*
** batch_check.c — pass 1 of `briefc batch`: every row's output name and columns checked
** before any work starts (no absolute paths, no "..", no name too long, nothing the brief
** reads, no two rows writing one file), each row's bytes hashed for pass 2.
*/
#define _GNU_SOURCE
#include "batch/batch_int.h"

#include <string.h>

#include "cli/build.h"

/* Checks one row's output name and columns; returns 1 to stop reading (20 errors). */
static int check_row(batch_run *R, nameset *seen, int *bad)
{
    batch *b = &R->b;
    bc_record *r = &R->r;
    char why[600];
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
            fprintf(stderr, "%s:%d: error: row %ld writes '%s', which is the %s file\n",
                    b->rows, r->line, r->row, R->name.data, other == -1 ? "--combine" : "--report");
        else
            fprintf(stderr, "%s:%d: error: rows %ld and %ld both write '%s'\n", b->rows,
                    r->line, other, r->row, R->name.data);
        if (++*bad >= 20) return 1;
    }
    for (int k = 0; k < r->ncols; k++) {
        R->col.len = 0;
        bc_buf_printf(&R->col, ",%s,", r->name[k]);
        R->norm.len = 0;
        bc_buf_printf(&R->norm, "{%s}", r->name[k]);
        if (!strstr(R->params, R->col.data) && !(b->tmpl && strstr(b->tmpl, R->norm.data)) &&
            !(b->bookmark && strstr(b->bookmark, R->norm.data))) {
            fprintf(stderr, "%s:1: error: column '%s' is neither a param of the brief nor "
                    "used in --out or --bookmark (params:%s)\n", b->rows, r->name[k],
                    R->params[0] ? R->params : " none");
            *bad = 20;
            break;
        }
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
        if ((size_t)R->total >= R->rowcap) {
            R->rowcap = R->rowcap ? R->rowcap * 2 : 1024;
            R->rowhash = bc_xrealloc(R->rowhash, R->rowcap * sizeof *R->rowhash);
        }
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
