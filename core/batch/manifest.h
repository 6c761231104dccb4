/*
** manifest.h — batch manifests: CSV (with a header row) or JSONL (one object a line), read
** one record at a time, and the output names rows fill into an --out template.
*/
#ifndef BC_MANIFEST_H
#define BC_MANIFEST_H

#include <stdio.h>

#include "base/util.h"

#define BC_MANIFEST_MAX_COLS 128

/* One record of the manifest: column names and values (valid UTF-8, NUL-terminated). */
typedef struct bc_record {
    int ncols;
    char *name[BC_MANIFEST_MAX_COLS];
    char *value[BC_MANIFEST_MAX_COLS];
    long row; /* 1-based data row */
    int line; /* line in the manifest where the record starts */
} bc_record;

typedef struct bc_manifest {
    FILE *f;
    const char *path;
    int jsonl;
    bc_buf rec; /* the current record's bytes */
    bc_buf field;
    char *header[BC_MANIFEST_MAX_COLS];
    int ncols;
    int line;         /* lines read so far */
    int unterminated; /* a quoted field was still open at the end of the file */
    int quote_line;   /* the line where the last quoted field opened */
    long row;
} bc_manifest;

/* Opens a manifest (.csv or .jsonl by its name) and reads a CSV header. -1 with err set. */
int bc_manifest_open(bc_manifest *m, const char *path, bc_error *err);
/* The same over a file descriptor, which stays the caller's (a duplicate is read, from the
   descriptor's current offset); reading the same open file twice sees one file whatever is
   renamed over its name. */
int bc_manifest_open_fd(bc_manifest *m, int fd, const char *path, bc_error *err);
/* The same over an open stream, which the manifest then owns; name gives the format and
   appears in messages. */
int bc_manifest_open_stream(bc_manifest *m, FILE *f, const char *name, bc_error *err);
/* Next record into r: 1 a row, 0 the end, 2 a bad row (r->row, r->line and err say which;
   reading goes on), -1 an error that stops reading. */
int bc_manifest_next(bc_manifest *m, bc_record *r, bc_error *err);
/* Closes the file and frees the header; accepts a manifest that failed to open. */
void bc_manifest_close(bc_manifest *m);

/* Frees a record's names and values; the record can be reused. */
void bc_record_clear(bc_record *r);
/* The value of column name[0..len) in r, or NULL. */
const char *bc_record_value(const bc_record *r, const char *name, size_t len);

/* Fills tmpl's {column} placeholders with r's values as they are (for titles, not file
   names); a placeholder naming no column is kept as written. */
void bc_manifest_fill(const char *tmpl, const bc_record *r, bc_buf *out);

/* Fills tmpl's {column} placeholders from r into out: 1, or 0 with why filled. */
int bc_manifest_output_name(const char *tmpl, const bc_record *r, bc_buf *out, char *why,
                            size_t cap);

#endif
