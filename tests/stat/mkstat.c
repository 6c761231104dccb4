/*
** mkstat.c — writes the Stata, SPSS and SAS files of the ctx:stat_file tests with ReadStat's own
** writer, so the test data is made here, never copied from elsewhere.
**
**   mkstat FORMAT OUT [ROWS]
**
** FORMAT is dta, dta117 (Windows-1252 text, before Stata 14's UTF-8), sav, zsav, por, xpt or
** sas7bdat; wide is a .dta of ROWS rows of 20 one-byte columns c1..c20 (small on disk, large
** once read). Without ROWS: the survey (id, sex with value labels, score with a missing value,
** name, a date, a date and time); with ROWS: that many rows of id, sex and score, for limits and benchmarks.
*/
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <readstat.h>

static ssize_t out(const void *p, size_t n, void *f) { return (ssize_t)fwrite(p, 1, n, f); }

/* Days from 1960-01-01 to y-m-d. */
static double days1960(int y, int m, int d)
{
    struct tm t = {0}, e = {0};
    t.tm_year = y - 1900, t.tm_mon = m - 1, t.tm_mday = d;
    e.tm_year = 60, e.tm_mday = 1;
    return (double)((timegm(&t) - timegm(&e)) / 86400);
}

static int wide(const char *path, long rows)
{
    FILE *f = fopen(path, "wb");
    if (!f) return 1;
    readstat_writer_t *w = readstat_writer_init();
    readstat_set_data_writer(w, out);
    readstat_variable_t *v[20];
    for (int i = 0; i < 20; i++) {
        char name[8];
        snprintf(name, sizeof name, "c%d", i + 1);
        v[i] = readstat_add_variable(w, name, READSTAT_TYPE_INT8, 0);
    }
    readstat_error_t rc = readstat_begin_writing_dta(w, f, rows);
    for (long r = 0; r < rows && rc == READSTAT_OK; r++) {
        readstat_begin_row(w);
        for (int i = 0; i < 20; i++) readstat_insert_int8_value(w, v[i], (int8_t)((r + i) % 100));
        rc = readstat_end_row(w);
    }
    if (rc == READSTAT_OK) rc = readstat_end_writing(w);
    readstat_writer_free(w);
    fclose(f);
    return rc != READSTAT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: mkstat dta|dta117|sav|zsav|por|xpt|sas7bdat OUT [ROWS]\n");
        return 2;
    }
    const char *fmt = argv[1];
    if (!strcmp(fmt, "wide")) return wide(argv[2], argc > 3 ? atol(argv[3]) : 1);
    long big = argc > 3 ? atol(argv[3]) : 0;
    int spss = !strcmp(fmt, "sav") || !strcmp(fmt, "zsav") || !strcmp(fmt, "por");
    int sas = !strcmp(fmt, "xpt") || !strcmp(fmt, "sas7bdat");
    int por =
        !strcmp(fmt, "por"); /* a portable file's names are upper case (else ReadStat crashes) */
    FILE *f = fopen(argv[2], "wb");
    if (!f) return 1;
    readstat_writer_t *w = readstat_writer_init();
    readstat_set_data_writer(w, out);
    readstat_writer_set_file_label(w, "briefc test survey");
    if (!strcmp(fmt, "dta117")) readstat_writer_set_file_format_version(w, 117);
    if (!strcmp(fmt, "zsav")) readstat_writer_set_compression(w, READSTAT_COMPRESS_BINARY);
    readstat_label_set_t *sexes = NULL;
    if (!sas) {
        sexes =
            readstat_add_label_set(w, spss ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, "sexes");
        if (spss) {
            readstat_label_double_value(sexes, 1, "Male");
            readstat_label_double_value(sexes, 2, "Female");
        } else {
            readstat_label_int32_value(sexes, 1, "Male");
            readstat_label_int32_value(sexes, 2, "Female");
        }
    }
    readstat_type_t num = spss || sas ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32;
    readstat_variable_t *id = readstat_add_variable(w, por ? "ID" : "id", num, 0);
    readstat_variable_t *sex = readstat_add_variable(w, por ? "SEX" : "sex", num, 0);
    if (sexes) readstat_variable_set_label_set(sex, sexes);
    readstat_variable_t *score =
        readstat_add_variable(w, por ? "SCORE" : "score", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_label(score, "Test score");
    readstat_variable_t *name = NULL, *when = NULL, *at = NULL;
    if (!big) {
        name = readstat_add_variable(w, por ? "NAME" : "name", READSTAT_TYPE_STRING, 16);
        when = readstat_add_variable(w, por ? "WHEN" : "when", READSTAT_TYPE_DOUBLE, 0);
        readstat_variable_set_format(when, spss ? "DATE11" : sas ? "DATE9" : "%td");
        at = readstat_add_variable(w, por ? "AT" : "at", READSTAT_TYPE_DOUBLE, 0);
        readstat_variable_set_format(at, spss ? "DATETIME20" : sas ? "DATETIME20" : "%tc");
    }
    long rows = big ? big : 4;
    readstat_error_t rc;
    if (!strncmp(fmt, "dta", 3))
        rc = readstat_begin_writing_dta(w, f, rows);
    else if (spss && fmt[0] != 'p')
        rc = readstat_begin_writing_sav(w, f, rows);
    else if (spss)
        rc = readstat_begin_writing_por(w, f, rows);
    else if (!strcmp(fmt, "xpt"))
        rc = readstat_begin_writing_xport(w, f, rows);
    else
        rc = readstat_begin_writing_sas7bdat(w, f, rows);
    static const char *const names[] = {"Zo\xC3\xAB", "Ahmed", "", "Li"};
    static const int dates[][3] = {{2014, 3, 1}, {2015, 12, 31}, {1999, 7, 4}, {1960, 1, 1}};
    /* days from 1582-10-14 to 1960-01-01, for SPSS's seconds */
    const double spss_shift = 137775.0;
    for (long r = 0; r < rows && rc == READSTAT_OK; r++) {
        readstat_begin_row(w);
        if (num == READSTAT_TYPE_INT32) {
            readstat_insert_int32_value(w, id, (int32_t)(r + 1));
            readstat_insert_int32_value(w, sex, (int32_t)(r % 2 + 1));
        } else {
            readstat_insert_double_value(w, id, (double)(r + 1));
            readstat_insert_double_value(w, sex, (double)(r % 2 + 1));
        }
        if (r % 4 == 1)
            readstat_insert_missing_value(w, score);
        else
            readstat_insert_double_value(w, score, r % 4 == 0 ? 12.5 : (double)(r % 100));
        if (!big) {
            const char *s = names[r];
            if (!strcmp(fmt, "dta117") && r == 0) s = "Zo\xEB"; /* Windows-1252 */
            if (por && r == 0) s = "Zoe"; /* a portable file's text is ASCII */
            readstat_insert_string_value(w, name, s);
            double d = days1960(dates[r][0], dates[r][1], dates[r][2]);
            readstat_insert_double_value(w, when, spss ? (d + spss_shift) * 86400.0 : d);
            double secs = (spss ? d + spss_shift : d) * 86400.0 + 9 * 3600 + 30 * 60 + r;
            readstat_insert_double_value(w, at, sas || spss ? secs : secs * 1000.0); /* %tc: ms */
        }
        rc = readstat_end_row(w);
    }
    if (rc == READSTAT_OK) rc = readstat_end_writing(w);
    readstat_writer_free(w);
    fclose(f);
    if (rc != READSTAT_OK) {
        fprintf(stderr, "mkstat: %s: %s\n", fmt, readstat_error_message(rc));
        return 1;
    }
    return 0;
}
