/*
** manifest.c — batch manifests and output names (see manifest.h). Records are read streaming,
** a physical record at a time, so a manifest of millions of rows costs one row's memory.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

#include "base/csv.h"
#include "batch/manifest.h"
#include "base/utf8.h"

/* {====================================================== manifest reading */

void bc_record_clear(bc_record *r)
{
    for (int i = 0; i < r->ncols; i++) {
        free(r->name[i]);
        free(r->value[i]);
        r->name[i] = r->value[i] = NULL;
    }
    r->ncols = 0;
}

/*
** Reads the next physical record: one line (JSONL), or lines until no quoted field is open
** (CSV). Only a quote that starts a field opens one, as in RFC 4180, so a stray quote inside
** an unquoted field stays that row's error and cannot swallow the rows after it. A quoted
** field still open at the end of the file sets m->unterminated and m->quote_line.
*/
static int read_record(bc_manifest *m)
{
    m->rec.len = 0;
    if (m->rec.data) m->rec.data[0] = 0;
    int in_q = 0, at_start = 1, closed = 0;
    char buf[8192];
    for (;;) {
        int line = m->line + 1;
        if (!fgets(buf, sizeof buf, m->f)) {
            if (in_q && m->rec.len) m->unterminated = 1;
            return m->rec.len > 0;
        }
        size_t n = strlen(buf);
        bc_buf_add(&m->rec, buf, n);
        int whole = n && buf[n - 1] == '\n';
        if (whole) m->line++;
        if (!m->jsonl) {
            for (size_t i = 0; i < n; i++) {
                char c = buf[i];
                if (in_q) {
                    if (c == '"') in_q = 0, closed = 1;
                } else if (c == '"') {
                    if (at_start) m->quote_line = line;
                    if (at_start || closed) in_q = 1; /* a field opens, or a doubled quote */
                    at_start = closed = 0;
                } else {
                    at_start = c == ',' || c == '\n';
                    closed = 0;
                }
            }
        }
        if (!whole && !feof(m->f)) continue; /* a line longer than the buffer */
        if (m->jsonl || !in_q) return 1;
    }
}

/* A quoted field left open fails the whole manifest: the rest of it would be one value. */
static int unterminated(bc_manifest *m, bc_error *err)
{
    bc_error_set(err, m->path, m->quote_line,
                 "unterminated quoted field (opened on line %d): "
                 "every line after it would be read as one value; close the quote",
                 m->quote_line);
    return -1;
}

static int fail_at(const bc_manifest *m, int line, bc_error *err, const char *msg)
{
    bc_error_set(err, m->path, line, "%s", msg);
    return -1;
}

/* A row that cannot be read is that row's failure, not the batch's: returns 2. */
static int bad_row(bc_manifest *m, bc_record *r, bc_error *err, const char *msg)
{
    bc_record_clear(r);
    r->row = ++m->row;
    bc_error_set(err, m->path, r->line, "%s", msg);
    return 2;
}

/* Parses the CSV record in m->rec into values (n fields) using the header. */
static int csv_record(bc_manifest *m, bc_record *r, bc_error *err)
{
    bc_csv c;
    bc_csv_init(&c, m->rec.data, m->rec.len);
    int quoted, end, k = 0, st;
    while ((st = bc_csv_field(&c, &m->field, &quoted, &end, err)) == 1) {
        if (k >= BC_MANIFEST_MAX_COLS) {
            for (int i = 0; i < k; i++) free(r->value[i]);
            return fail_at(m, r->line, err, "too many fields (at most 128)");
        }
        r->value[k++] = bc_xstrndup(m->field.data, m->field.len);
        if (end) break;
    }
    if (st < 0) {
        err->line = r->line + err->line - 1;
        snprintf(err->file, sizeof err->file, "%s", m->path);
        for (int i = 0; i < k; i++) free(r->value[i]);
        return -1;
    }
    r->ncols = k;
    return 0;
}

int bc_manifest_next(bc_manifest *m, bc_record *r, bc_error *err)
{
    bc_record_clear(r);
    for (;;) {
        int start = m->line + 1;
        if (!read_record(m)) return 0;
        if (m->unterminated) return unterminated(m, err);
        /* blank lines are not rows */
        size_t i = 0;
        while (i < m->rec.len &&
               (m->rec.data[i] == '\n' || m->rec.data[i] == '\r' || m->rec.data[i] == ' '))
            i++;
        if (i == m->rec.len) continue;
        r->line = start;
        size_t bad = bc_utf8_check(m->rec.data, m->rec.len);
        if (bad != (size_t)-1) {
            char msg[80];
            snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu of the row", bad);
            return bad_row(m, r, err, msg);
        }
        if (m->jsonl) {
            cJSON *o = cJSON_ParseWithLength(m->rec.data, m->rec.len);
            if (!cJSON_IsObject(o)) {
                cJSON_Delete(o);
                return bad_row(m, r, err, "each line must be a JSON object");
            }
            int k = 0;
            for (cJSON *c = o->child; c && k < BC_MANIFEST_MAX_COLS; c = c->next, k++) {
                r->name[k] = bc_xstrdup(c->string ? c->string : "");
                char num[64];
                if (cJSON_IsString(c))
                    r->value[k] = bc_xstrdup(c->valuestring);
                else if (cJSON_IsNumber(c)) {
                    double v = c->valuedouble; /* integers print as such, within 2^53 */
                    if (v > -9007199254740992.0 && v < 9007199254740992.0 &&
                        v == (double)(long long)v)
                        snprintf(num, sizeof num, "%lld", (long long)v);
                    else
                        snprintf(num, sizeof num, "%.17g", v); /* found by fuzzing: no UB cast */
                    r->value[k] = bc_xstrdup(num);
                } else if (cJSON_IsBool(c))
                    r->value[k] = bc_xstrdup(cJSON_IsTrue(c) ? "true" : "false");
                else if (cJSON_IsNull(c))
                    r->value[k] = bc_xstrdup("");
                else {
                    free(r->name[k]);
                    r->ncols = k;
                    cJSON_Delete(o);
                    return bad_row(m, r, err, "row values must be text, numbers or booleans");
                }
            }
            r->ncols = k;
            cJSON_Delete(o);
        } else {
            if (csv_record(m, r, err) < 0) {
                char msg[400];
                snprintf(msg, sizeof msg, "%.300s", err->msg);
                return bad_row(m, r, err, msg);
            }
            if (r->ncols != m->ncols) {
                char msg[120];
                snprintf(msg, sizeof msg, "the row has %d fields, the header %d", r->ncols,
                         m->ncols);
                return bad_row(m, r, err, msg);
            }
            for (int k = 0; k < r->ncols; k++) r->name[k] = bc_xstrdup(m->header[k]);
        }
        r->row = ++m->row;
        return 1;
    }
}

int bc_manifest_open(bc_manifest *m, const char *path, bc_error *err)
{
    memset(m, 0, sizeof *m);
    m->path = path;
    size_t n = strlen(path);
    m->jsonl = n > 6 && !strcmp(path + n - 6, ".jsonl");
    if (!m->jsonl && !(n > 4 && !strcmp(path + n - 4, ".csv"))) {
        bc_error_set(err, path, 0,
                     "a manifest is a .csv file or a .jsonl file (one JSON object a line)");
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        bc_error_set(err, path, 0, "cannot open manifest '%s': %s", path, strerror(errno));
        return -1;
    }
    return bc_manifest_open_stream(m, f, path, err);
}

int bc_manifest_open_fd(bc_manifest *m, int fd, const char *path, bc_error *err)
{
    memset(m, 0, sizeof *m);
    m->path = path;
    size_t n = strlen(path);
    if (!(n > 6 && !strcmp(path + n - 6, ".jsonl")) && !(n > 4 && !strcmp(path + n - 4, ".csv"))) {
        bc_error_set(err, path, 0,
                     "a manifest is a .csv file or a .jsonl file (one JSON object a line)");
        return -1;
    }
    int dfd = dup(fd);
    FILE *f = dfd >= 0 ? fdopen(dfd, "r") : NULL;
    if (!f) {
        bc_error_set(err, path, 0, "cannot read manifest '%s': %s", path, strerror(errno));
        if (dfd >= 0) close(dfd);
        return -1;
    }
    return bc_manifest_open_stream(m, f, path, err);
}

int bc_manifest_open_stream(bc_manifest *m, FILE *f, const char *name, bc_error *err)
{
    memset(m, 0, sizeof *m);
    m->path = name;
    m->f = f;
    size_t n = strlen(name);
    m->jsonl = n > 6 && !strcmp(name + n - 6, ".jsonl");
    const char *path = name;
    if (m->jsonl) return 0;
    /* the header */
    int c0 = fgetc(m->f), c1 = fgetc(m->f), c2 = fgetc(m->f);
    if (!(c0 == 0xEF && c1 == 0xBB && c2 == 0xBF)) rewind(m->f); /* a byte order mark */
    if (!read_record(m)) {
        bc_error_set(err, path, 1, "the manifest is empty (a header row is required)");
        return -1;
    }
    if (m->unterminated) return unterminated(m, err);
    bc_record r = {0};
    r.line = 1;
    if (bc_utf8_check(m->rec.data, m->rec.len) != (size_t)-1) {
        bc_error_set(err, path, 1, "invalid UTF-8 in the header");
        return -1;
    }
    if (csv_record(m, &r, err) < 0) return -1;
    for (int i = 0; i < r.ncols; i++) {
        m->header[i] = r.value[i];
        r.value[i] = NULL;
        if (!m->header[i][0]) {
            bc_error_set(err, path, 1, "column %d has an empty name", i + 1);
            m->ncols = i + 1;
            for (int j = i + 1; j < r.ncols; j++) free(r.value[j]); /* found by fuzzing */
            return -1;
        }
    }
    m->ncols = r.ncols;
    return 0;
}

void bc_manifest_close(bc_manifest *m)
{
    if (m->f) fclose(m->f);
    for (int i = 0; i < m->ncols; i++) free(m->header[i]);
    bc_buf_free(&m->rec);
    bc_buf_free(&m->field);
}

const char *bc_record_value(const bc_record *r, const char *name, size_t len)
{
    for (int i = 0; i < r->ncols; i++)
        if (strlen(r->name[i]) == len && !memcmp(r->name[i], name, len)) return r->value[i];
    return NULL;
}

/* }====================================================== */

/* {====================================================== output names */

/* One byte per output byte, 1 where a row's value put it: the template filled with marks. */
static int mark_row_bytes(const char *tmpl, const bc_record *r, bc_buf *mark)
{
    for (const char *p = tmpl; *p; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            bc_buf_addc(mark, 0);
            continue;
        }
        const char *v = bc_record_value(r, p + 1, (size_t)(close - p - 1));
        if (!v) return 0;
        for (size_t k = strlen(v); k > 0; k--) bc_buf_addc(mark, 1);
        p = close;
    }
    return 1;
}

/*
** Fills the template; returns 0 with a message on a bad name. The template is the user's
** own choice of folder; what rows put into it is checked: a row value must not make the name
** absolute or climb out with "..", and no control character may appear.
*/
void bc_manifest_fill(const char *tmpl, const bc_record *r, bc_buf *out)
{
    out->len = 0;
    bc_buf_add(out, "", 0);
    for (const char *p = tmpl; *p; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        const char *v = close ? bc_record_value(r, p + 1, (size_t)(close - p - 1)) : NULL;
        if (!v) {
            bc_buf_addc(out, *p);
            continue;
        }
        bc_buf_adds(out, v);
        p = close;
    }
}

int bc_manifest_output_name(const char *tmpl, const bc_record *r, bc_buf *out, char *why,
                            size_t cap)
{
    size_t from_row = 0;
    out->len = 0;
    bc_buf_add(out, "", 0);
    for (const char *p = tmpl; *p; p++) {
        if (*p != '{') {
            bc_buf_addc(out, *p);
            continue;
        }
        const char *close = strchr(p, '}');
        if (!close) {
            snprintf(why, cap, "the --out template has an unclosed '{'");
            return 0;
        }
        const char *v = bc_record_value(r, p + 1, (size_t)(close - p - 1));
        if (!v) {
            snprintf(why, cap, "the --out template names '%.*s', which is not a column",
                     (int)(close - p - 1), p + 1);
            return 0;
        }
        if (!v[0]) {
            snprintf(why, cap, "column '%.*s' is empty, so the output name would be incomplete",
                     (int)(close - p - 1), p + 1);
            return 0;
        }
        if (v[0] == '/' && p == tmpl) {
            snprintf(why, cap, "output name '%s…' would be an absolute path", v);
            return 0;
        }
        if (strstr(v, "..")) {
            snprintf(why, cap,
                     "column '%.*s' holds '..' ('%s'), which could leave the output folder",
                     (int)(close - p - 1), p + 1, v);
            return 0;
        }
        for (const char *q = v; *q; q++) bc_buf_addc(out, *q == '/' || *q == '\\' ? '_' : *q);
        from_row += strlen(v);
        p = close;
    }
    /* A value next to the template's own dots must not make a ".." component ("{v}./x" with
       v = "."): any ".." component holding a row's bytes is refused. */
    if (from_row && strstr(out->data, "..")) {
        bc_buf mark = {0};
        if (!mark_row_bytes(tmpl, r, &mark) || mark.len != out->len) {
            bc_buf_free(&mark);
            snprintf(why, cap, "the output name could not be checked");
            return 0;
        }
        for (size_t i = 0; i + 1 < out->len; i++) {
            if (out->data[i] != '.' || out->data[i + 1] != '.') continue;
            int whole = (i == 0 || out->data[i - 1] == '/') &&
                        (i + 2 == out->len || out->data[i + 2] == '/');
            if (whole && (mark.data[i] || mark.data[i + 1])) {
                bc_buf_free(&mark);
                snprintf(why, cap, "output name '%s' would leave the output folder", out->data);
                return 0;
            }
        }
        bc_buf_free(&mark);
    }
    for (const char *q = out->data; *q; q++)
        if ((unsigned char)*q < 0x20 || *q == 0x7f) {
            snprintf(why, cap, "the output name has a control character");
            return 0;
        }
    if (!out->data[0]) {
        snprintf(why, cap, "the output name is empty");
        return 0;
    }
    return 1;
}

/* }====================================================== */
