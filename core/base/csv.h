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
    int literal_quotes; /* a quote inside an unquoted field is kept as text, as Excel and
                           Python's csv read it (37°36'37.8"N); 0: an error (manifests) */
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

#endif
