/*
** csv.h — an RFC 4180 reader: quoted fields, doubled quotes, embedded newlines, CRLF or LF,
** a UTF-8 byte order mark. Pull-style: the caller asks for one field at a time, so the
** Lua binding builds its tables without the parser holding memory of its own.
*/
#ifndef BC_CSV_H
#define BC_CSV_H

#include <stddef.h>

#include "base/util.h"

typedef struct bc_csv {
    const char *p, *end;
    int line;       /* line of the current position, 1-based */
    int row_line;   /* line where the current row started */
    int at_row_end; /* the last field returned ended its row */
    int done;
    int literal_quotes;        /* a quote inside an unquoted field is kept as text, as Excel and
                           Python's csv read it (37°36'37.8"N); 0: an error (manifests) */
    const char *line_start;    /* first byte of the current line */
    int field_line, field_col; /* where the last field returned starts: line, and column in
                                  characters, both 1-based (for file:line:column messages) */
} bc_csv;

void bc_csv_init(bc_csv *c, const char *data, size_t len);

/*
** Reads the next field into out (cleared first). Sets *quoted when the field was quoted and
** *row_end when it was the last of its row. Returns 1 for a field, 0 at end of input, -1 on a
** syntax error (message in err, with the line).
*/
int bc_csv_field(bc_csv *c, bc_buf *out, int *quoted, int *row_end, bc_error *err);

/* Is s a plain decimal number ("12", "-3.5", "1e6") that a double holds without losing
   anything, as data should be typed? A leading zero ("08123", not "0" or "0.5"), a plus
   sign or more than 15 significant digits keep a value text. */
int bc_csv_is_number(const char *s, size_t len);

/*
** Declared column types (ctx:csv(file, { types = { zip = "string", year = "integer" } })).
** Each parser returns NULL and the value, or what is wrong with the text, for a message such as
** "data/x.csv:3:7: error: column 'year': '19a4' is not a whole number". A declaration says
** what the author wants, so a leading zero or a plus sign is read as a number here; text that
** is not one number, or a value a double or a 64-bit integer would change, is refused.
*/
const char *bc_csv_parse_integer(const char *s, size_t len, long long *out);
const char *bc_csv_parse_number(const char *s, size_t len, double *out);

/*
** The file's bytes as UTF-8. encoding is "utf-8" (checked, not copied: *out_owned is NULL),
** "latin-1" (ISO-8859-1) or "windows-1252", converted with iconv into *out_owned (the
** caller frees it). An invalid byte gives "line L: ... at byte offset B" in err (err->line
** set); an unknown encoding names the three it knows.
*/
bc_status bc_csv_decode(const char *data, size_t len, const char *encoding, char **out_owned,
                        size_t *out_len, bc_error *err);

#endif
