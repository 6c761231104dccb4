/*
** aiddta.c — writes the showcase brief's Stata file, briefs/showcase/data/us-aid-pakistan.dta,
** from the CSV beside it with ReadStat's own writer, so the figures in the .dta are the CSV's
** and nothing is typed by hand:
**
**   aiddta briefs/showcase/data/us-aid-pakistan.csv briefs/showcase/data/us-aid-pakistan.dta
**
** The CSV's columns (fiscal_year, security_usd_m, economic_usd_m, csf_usd_m, total_usd_m,
** imet_usd_m, status, source) become Stata variables with labels; an empty CSF cell becomes
** Stata's missing value; status becomes a number with a value label. The file's timestamp is
** fixed, so the same CSV always gives the same bytes (e2e_showcase compares them).
*/
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readstat.h>

#define NCOL 8
#define MAXROWS 64

static ssize_t out(const void *p, size_t n, void *f) { return (ssize_t)fwrite(p, 1, n, f); }

static const char *const names[NCOL] = {"fiscal_year", "security_usd_m", "economic_usd_m",
                                        "csf_usd_m",   "total_usd_m",    "imet_usd_m",
                                        "status",      "source"};
static const char *const labels[NCOL] = {"US fiscal year",
                                         "Security-related appropriations, US$ m",
                                         "Economic-related appropriations, US$ m",
                                         "Coalition Support Fund reimbursements, US$ m",
                                         "Total, US$ m",
                                         "International Military Education and Training, US$ m",
                                         "Status of the year's figures",
                                         "CRS report the row is taken from"};
static const char *const statuses[] = {"enacted", "enacted_csf_estimate", "request"};
static const char *const status_labels[] = {"enacted", "enacted, CSF estimated", "requested"};

/* Splits a CSV line (no quoted fields in this file) into NCOL fields in place. */
static int split(char *line, char **f)
{
    line[strcspn(line, "\r\n")] = 0;
    int n = 0;
    for (char *p = line;; p++) {
        if (n < NCOL) f[n] = p;
        n++;
        p = strchr(p, ',');
        if (!p) break;
        *p = 0;
    }
    return n == NCOL;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: aiddta IN.csv OUT.dta\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    static char lines[MAXROWS][256];
    char *f[MAXROWS][NCOL];
    int rows = 0;
    char head[256];
    if (!fgets(head, sizeof head, in)) return fclose(in), 1;
    while (rows < MAXROWS && fgets(lines[rows], sizeof lines[rows], in))
        if (!split(lines[rows], f[rows])) {
            fprintf(stderr, "aiddta: %s:%d: error: expected %d fields\n", argv[1], rows + 2, NCOL);
            return fclose(in), 1;
        } else
            rows++;
    fclose(in);

    FILE *o = fopen(argv[2], "wb");
    if (!o) {
        perror(argv[2]);
        return 1;
    }
    readstat_writer_t *w = readstat_writer_init();
    readstat_set_data_writer(w, out);
    readstat_writer_set_file_label(w, "US aid to Pakistan, FY2008-FY2020 (CRS)");
    readstat_writer_set_file_timestamp(w, 1764460800); /* 2025-11-30: fixed, for equal bytes */
    readstat_label_set_t *st = readstat_add_label_set(w, READSTAT_TYPE_INT32, "status");
    for (int i = 0; i < 3; i++) readstat_label_int32_value(st, i + 1, status_labels[i]);
    readstat_variable_t *v[NCOL];
    for (int c = 0; c < NCOL; c++) {
        v[c] = readstat_add_variable(
            w, names[c], c == 7 ? READSTAT_TYPE_STRING : READSTAT_TYPE_INT32, c == 7 ? 16 : 0);
        readstat_variable_set_label(v[c], labels[c]);
    }
    readstat_variable_set_label_set(v[6], st);
    readstat_error_t rc = readstat_begin_writing_dta(w, o, rows);
    for (int r = 0; r < rows && rc == READSTAT_OK; r++) {
        readstat_begin_row(w);
        for (int c = 0; c < 6; c++)
            if (f[r][c][0])
                readstat_insert_int32_value(w, v[c], (int32_t)atol(f[r][c]));
            else
                readstat_insert_missing_value(w, v[c]);
        int s = 0;
        while (s < 3 && strcmp(f[r][6], statuses[s])) s++;
        if (s == 3) {
            fprintf(stderr, "aiddta: %s:%d: error: unknown status '%s'\n", argv[1], r + 2, f[r][6]);
            rc = READSTAT_ERROR_VALUE_TYPE_MISMATCH;
            break;
        }
        readstat_insert_int32_value(w, v[6], s + 1);
        readstat_insert_string_value(w, v[7], f[r][7]);
        rc = readstat_end_row(w);
    }
    if (rc == READSTAT_OK) rc = readstat_end_writing(w);
    readstat_writer_free(w);
    fclose(o);
    if (rc != READSTAT_OK) {
        fprintf(stderr, "aiddta: %s\n", readstat_error_message(rc));
        return 1;
    }
    return 0;
}
