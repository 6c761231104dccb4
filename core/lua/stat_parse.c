/*
** stat_parse.c — the child's side of ctx:stat_file: ReadStat over bytes in memory, its
** variables, value labels and cells written as the stream of stat_child.h; and the parent's
** reader of that stream, which trusts nothing in it.
**
** ReadStat (libreadstat.so.1) is opened with dlopen by the child before its seccomp filter, so
** it opens no file once parsing starts. Its reading goes through handlers over the bytes
** given (never a path), and strings come back unconverted (no handler encoding, so no iconv
** module is loaded in the child): the parent converts them from the file's encoding.
*/
#define _GNU_SOURCE
#include "lua/stat_child.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <readstat.h>

#include "base/dl.h"

#define RS_FUNCS(X)                                                                               \
    X(readstat_parser_init)                                                                       \
    X(readstat_parser_free)                                                                       \
    X(readstat_set_metadata_handler) X(readstat_set_variable_handler) X(                          \
        readstat_set_value_handler) X(readstat_set_value_label_handler)                           \
        X(readstat_set_error_handler) X(readstat_set_open_handler) X(                             \
            readstat_set_close_handler) X(readstat_set_seek_handler) X(readstat_set_read_handler) \
            X(readstat_set_update_handler) X(readstat_set_io_ctx) X(                              \
                readstat_set_handler_character_encoding) X(readstat_set_row_limit)                \
                X(readstat_parse_dta) X(readstat_parse_sav) X(readstat_parse_por) X(              \
                    readstat_parse_sas7bdat) X(readstat_parse_xport) X(readstat_get_var_count)    \
                    X(readstat_get_file_encoding) X(readstat_value_type) X(                       \
                        readstat_value_is_missing) X(readstat_int8_value) X(readstat_int16_value) \
                        X(readstat_int32_value) X(readstat_float_value) X(readstat_double_value)  \
                            X(readstat_string_value) X(readstat_variable_get_index)               \
                                X(readstat_variable_get_name) X(readstat_variable_get_label)      \
                                    X(readstat_variable_get_format) X(readstat_error_message)     \
                                        X(readstat_variable_get_type_class)                       \
                                            X(readstat_get_file_format_version)                   \
                                                X(readstat_variable_get_storage_width)

#define RS_FIELD(name) __typeof__(&name) name;
static struct {
    void *lib;
    RS_FUNCS(RS_FIELD)
} rs;

/* Opens ReadStat once per process; 0, or -1 with why filled. */
static int rs_open(char *why, size_t cap)
{
    if (rs.lib) return 0;
    static const char *const names[] = {RS_FUNCS(BC_DL_NAME)};
#define RS_SLOT(name) BC_DL_SLOT(rs, name)
    void **const slots[] = {RS_FUNCS(RS_SLOT)};
    rs.lib = bc_dl_open("libreadstat.so.1", names, slots, sizeof names / sizeof *names, why, cap);
    return rs.lib ? 0 : -1;
}

int bc_stat_format_of(const char *path)
{
    static const struct {
        const char *ext;
        bc_stat_format f;
    } exts[] = {{".dta", BC_STAT_DTA}, {".sav", BC_STAT_SAV},           {".zsav", BC_STAT_SAV},
                {".por", BC_STAT_POR}, {".sas7bdat", BC_STAT_SAS7BDAT}, {".xpt", BC_STAT_XPT}};
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/')) return -1;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (!strcasecmp(dot, exts[i].ext)) return (int)exts[i].f;
    return -1;
}

/* {====================================================== the child: writing the stream */

typedef struct writer {
    bc_stat_sink sink;
    void *ud;
    const bc_stat_opts *o;
    bc_stat_format fmt;
    int failed; /* the sink refused: stop */
    uint32_t rows, vars;
    size_t set_width;   /* the most bytes a variable's label-set name may take (on_variable) */
    size_t table_width; /* the same for a value-label table's name (on_value_label) */
    char error[512];    /* ReadStat's own message, or ours */
    const unsigned char *bytes;
    size_t len, pos; /* the file, read through the io handlers */
    int noting;      /* a .dta's reads are noted, from its variables to its first cell */
    bc_buf reads;    /* the noted reads (strl_read), in order, then sorted by where */
    size_t nreads;
} writer;

/* One read of the file by ReadStat: where it went, how many bytes, and when (the last read
   into a place says what is there). */
typedef struct strl_read {
    const char *at;
    size_t n, seq;
} strl_read;

static void put(writer *w, const void *p, size_t n)
{
    if (!w->failed && w->sink(w->ud, p, n) != 0) w->failed = 1;
}
static void put_u8(writer *w, uint8_t v) { put(w, &v, 1); }
static void put_u32(writer *w, uint32_t v) { put(w, &v, 4); }
static void put_f64(writer *w, double v) { put(w, &v, 8); }

/* A string, cut to max bytes (the parent refuses longer than BC_STAT_MAX_STR). */
static void put_strn(writer *w, const char *s, size_t max)
{
    size_t n = s ? strnlen(s, max) : 0;
    put_u32(w, (uint32_t)n);
    if (n) put(w, s, n);
}
static void put_str(writer *w, const char *s) { put_strn(w, s, BC_STAT_MAX_STR); }

static int on_metadata(readstat_metadata_t *m, void *ud)
{
    writer *w = ud;
    int n = rs.readstat_get_var_count(m);
    if (n > BC_STAT_MAX_VARS) {
        snprintf(w->error, sizeof w->error, "the file has %d variables, more than %d", n,
                 BC_STAT_MAX_VARS);
        return READSTAT_HANDLER_ABORT;
    }
    if (w->fmt == BC_STAT_DTA) { /* the widths of a .dta's label-set names, by its version, */
        int v = rs.readstat_get_file_format_version(m); /* as ReadStat 1.1.8's dta_ctx_init */
        w->set_width = v >= 118 ? 129 : v >= 110 ? 33 : 9;
        w->table_width = v >= 118 ? 129 : v >= 105 ? 33 : 12;
    }
    put_u8(w, 'M');
    put_u32(w, n > 0 ? (uint32_t)n : 0);
    put_str(w, rs.readstat_get_file_encoding(m));
    return w->failed ? READSTAT_HANDLER_ABORT : READSTAT_HANDLER_OK;
}

static int wanted(const bc_stat_opts *o, const char *name)
{
    if (!o->columns) return 1;
    for (int i = 0; i < o->ncolumns; i++)
        if (name && !strcmp(o->columns[i], name)) return 1;
    return 0;
}

static int on_variable(int index, readstat_variable_t *v, const char *set, void *ud)
{
    writer *w = ud;
    if (++w->vars > BC_STAT_MAX_VARS || index < 0) {
        snprintf(w->error, sizeof w->error, "the file has more than %d variables",
                 BC_STAT_MAX_VARS);
        return READSTAT_HANDLER_ABORT;
    }
    const char *name = rs.readstat_variable_get_name(v);
    int sel = wanted(w->o, name);
    put_u8(w, 'V');
    put_u32(w, (uint32_t)rs.readstat_variable_get_index(v));
    put_u8(w, rs.readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING);
    put_u8(w, (uint8_t)sel);
    put_str(w, name);
    put_str(w, rs.readstat_variable_get_format(v));
    put_str(w, rs.readstat_variable_get_label(v));
    /* ReadStat 1.1.8 hands a .dta's label-set name straight from its fixed-width table, not
       always NUL-terminated (fuzz_stat found it): it is read no further than that width */
    put_strn(w, set, w->set_width);
    if (w->fmt == BC_STAT_DTA) w->noting = 1; /* its strLs are read next (see strl_width) */
    if (w->failed) return READSTAT_HANDLER_ABORT;
    return sel ? READSTAT_HANDLER_OK : READSTAT_HANDLER_SKIP_VARIABLE;
}

/* A cell or a labelled value as a kind (0 number, 1 string, 2 missing) and its payload. */
static int value_kind(readstat_value_t v, readstat_variable_t *var, double *num, const char **str)
{
    if (var && rs.readstat_value_is_missing(v, var)) return 2;
    switch (rs.readstat_value_type(v)) {
    case READSTAT_TYPE_STRING:
    case READSTAT_TYPE_STRING_REF: *str = rs.readstat_string_value(v); return 1;
    case READSTAT_TYPE_INT8: *num = rs.readstat_int8_value(v); break;
    case READSTAT_TYPE_INT16: *num = rs.readstat_int16_value(v); break;
    case READSTAT_TYPE_INT32: *num = rs.readstat_int32_value(v); break;
    case READSTAT_TYPE_FLOAT: *num = rs.readstat_float_value(v); break;
    case READSTAT_TYPE_DOUBLE: *num = rs.readstat_double_value(v); break;
    default: return 2;
    }
    return isnan(*num) ? 2 : 0;
}

static void put_value(writer *w, int kind, double num, const char *str, size_t max)
{
    put_u8(w, (uint8_t)kind);
    if (kind == 0)
        put_f64(w, num);
    else if (kind == 1)
        put_strn(w, str, max);
}

static int strl_cmp(const void *a, const void *b)
{
    const strl_read *x = a, *y = b;
    if (x->at != y->at) return (uintptr_t)x->at < (uintptr_t)y->at ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The noting ends at a .dta's first cell, when all its strLs are in memory. */
static void strl_sorted(writer *w)
{
    w->noting = 0;
    size_t n = w->reads.len / sizeof(strl_read);
    if (n) qsort(w->reads.data, n, sizeof(strl_read), strl_cmp);
}

/* The bytes a .dta strL cell may be read for. ReadStat 1.1.8 hands a strL's text straight
   from the buffer it read the file's bytes into, sized by the file and NUL-terminated only if
   the file says so (fuzz_stat's regress-dta117-strl): it is read no further than the last read
   into that very place, and a place never read into is taken as empty. */
static size_t strl_width(const writer *w, const char *str)
{
    const strl_read *r = (const strl_read *)w->reads.data;
    size_t lo = 0, hi = w->reads.len / sizeof *r;
    while (lo < hi) { /* past the last read at or below str */
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)r[mid].at <= (uintptr_t)str)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo && r[lo - 1].at == str ? r[lo - 1].n : 0;
}

static int on_value(int obs, readstat_variable_t *var, readstat_value_t v, void *ud)
{
    writer *w = ud;
    if (obs < 0 || obs >= BC_STAT_MAX_ROWS + 1) return READSTAT_HANDLER_ABORT;
    double num = 0;
    const char *str = NULL;
    int kind = value_kind(v, var, &num, &str);
    size_t max = BC_STAT_MAX_STR;
    if (w->noting) strl_sorted(w);
    if (kind == 1 && w->fmt == BC_STAT_DTA && rs.readstat_variable_get_storage_width(var) == 0)
        max = strl_width(w, str); /* a strL (ReadStat gives them no width) */
    put_u8(w, 'D');
    put_u32(w, (uint32_t)obs);
    put_u32(w, (uint32_t)rs.readstat_variable_get_index(var));
    put_value(w, kind, num, str, max);
    if ((uint32_t)obs + 1 > w->rows) w->rows = (uint32_t)obs + 1;
    return w->failed ? READSTAT_HANDLER_ABORT : READSTAT_HANDLER_OK;
}

static int on_value_label(const char *set, readstat_value_t v, const char *label, void *ud)
{
    writer *w = ud;
    double num = 0;
    const char *str = NULL;
    int kind = value_kind(v, NULL, &num, &str);
    if (kind == 2) return READSTAT_HANDLER_OK; /* a label of a tagged missing value (.a) */
    put_u8(w, 'L');
    put_strn(w, set, w->table_width); /* read from the file into a stack buffer, unterminated */
    put_value(w, kind, num, str, BC_STAT_MAX_STR);
    put_str(w, label);
    return w->failed ? READSTAT_HANDLER_ABORT : READSTAT_HANDLER_OK;
}

static void on_error(const char *msg, void *ud)
{
    writer *w = ud;
    if (!w->error[0]) snprintf(w->error, sizeof w->error, "%s", msg);
}

/* The file, read from memory: ReadStat is given no path it could open. */
static int io_open(const char *path, void *ud)
{
    (void)path;
    ((writer *)ud)->pos = 0;
    return 0;
}
static int io_close(void *ud)
{
    (void)ud;
    return 0;
}

static readstat_off_t io_seek(readstat_off_t off, readstat_io_flags_t whence, void *ud)
{
    writer *w = ud;
    readstat_off_t base = whence == READSTAT_SEEK_SET   ? 0
                          : whence == READSTAT_SEEK_CUR ? (readstat_off_t)w->pos
                                                        : (readstat_off_t)w->len;
    if ((off > 0 && base > (readstat_off_t)w->len - off) || base + off < 0) return -1;
    w->pos = (size_t)(base + off);
    return (readstat_off_t)w->pos;
}

static ssize_t io_read(void *buf, size_t n, void *ud)
{
    writer *w = ud;
    size_t left = w->len - w->pos;
    if (n > left) n = left;
    if (w->noting && buf) {
        strl_read r = {buf, n, w->nreads++};
        bc_buf_add(&w->reads, &r, sizeof r);
    }
    if (!n) return 0;
    if (!buf) return -1; /* ReadStat asks with a NULL buffer when its allocation of 0 failed */
    memcpy(buf, w->bytes + w->pos, n);
    w->pos += n;
    return (ssize_t)n;
}

static readstat_error_t io_update(long size, readstat_progress_handler p, void *user, void *ud)
{
    (void)size, (void)p, (void)user, (void)ud;
    return READSTAT_OK;
}

static readstat_error_t parse(readstat_parser_t *p, bc_stat_format fmt, writer *w)
{
    switch (fmt) {
    case BC_STAT_DTA: return rs.readstat_parse_dta(p, "data", w);
    case BC_STAT_SAV: return rs.readstat_parse_sav(p, "data", w);
    case BC_STAT_POR: return rs.readstat_parse_por(p, "data", w);
    case BC_STAT_SAS7BDAT: return rs.readstat_parse_sas7bdat(p, "data", w);
    default: return rs.readstat_parse_xport(p, "data", w);
    }
}

int bc_stat_encode(const void *bytes, size_t len, bc_stat_format fmt, const bc_stat_opts *o,
                   bc_stat_sink sink, void *ud)
{
    size_t narrow = fmt == BC_STAT_DTA ? 9 : BC_STAT_MAX_STR; /* until the version is known */
    writer w = {sink, ud, o, fmt, 0, 0, 0, narrow, narrow, "", bytes, len, 0, 0, {0}, 0};
    put(&w, "BCSTAT1\n", 8);
    if (rs_open(w.error, sizeof w.error) != 0) {
        put_u8(&w, 'E');
        put_str(&w, w.error);
        return -1;
    }
    readstat_parser_t *p = rs.readstat_parser_init();
    if (!p) return -1;
    rs.readstat_set_metadata_handler(p, on_metadata);
    rs.readstat_set_variable_handler(p, on_variable);
    rs.readstat_set_value_handler(p, on_value);
    rs.readstat_set_value_label_handler(p, on_value_label);
    rs.readstat_set_error_handler(p, on_error);
    rs.readstat_set_open_handler(p, io_open);
    rs.readstat_set_close_handler(p, io_close);
    rs.readstat_set_seek_handler(p, io_seek);
    rs.readstat_set_read_handler(p, io_read);
    rs.readstat_set_update_handler(p, io_update);
    rs.readstat_set_io_ctx(p, &w);
    rs.readstat_set_handler_character_encoding(p, NULL); /* bytes as stored: no iconv here */
    rs.readstat_set_row_limit(
        p, o->limit > 0 && o->limit <= BC_STAT_MAX_ROWS ? o->limit : BC_STAT_MAX_ROWS + 1);
    readstat_error_t rc = parse(p, fmt, &w);
    rs.readstat_parser_free(p);
    bc_buf_free(&w.reads);
    if (rc != READSTAT_OK || w.error[0]) {
        put_u8(&w, 'E');
        put_str(&w, w.error[0] ? w.error : rs.readstat_error_message(rc));
    } else {
        put_u8(&w, 'Z');
        put_u32(&w, w.rows);
    }
    return 0;
}

/* Opens ReadStat in this process (the parent, to name what is missing; the child, before its
   seccomp filter); 0 or -1 with why. */
int bc_stat_open_library(char *why, size_t cap) { return rs_open(why, cap); }

/* {====================================================== the parent: reading the stream */

typedef struct reader {
    const unsigned char *p;
    size_t len, pos;
    int bad;
} reader;

static const void *take(reader *r, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        r->bad = 1;
        return NULL;
    }
    const void *at = r->p + r->pos;
    r->pos += n;
    return at;
}
static uint8_t get_u8(reader *r)
{
    const uint8_t *p = take(r, 1);
    return p ? *p : 0;
}
static uint32_t get_u32(reader *r)
{
    uint32_t v = 0;
    const void *p = take(r, 4);
    if (p) memcpy(&v, p, 4);
    return v;
}
static double get_f64(reader *r)
{
    double v = 0;
    const void *p = take(r, 8);
    if (p) memcpy(&v, p, 8);
    return v;
}
static bc_stat_str get_str(reader *r)
{
    bc_stat_str s = {"", 0};
    uint32_t n = get_u32(r);
    if (n > BC_STAT_MAX_STR) r->bad = 1;
    const char *p = r->bad ? NULL : take(r, n);
    if (p) s = (bc_stat_str){p, n};
    return s;
}
/* A value of a kind: 0 a finite-or-infinite number (never NaN), 1 a string, 2 (if allowed)
   missing. */
static void get_value(reader *r, bc_stat_rec *rec, int missing_ok, bc_stat_str *s)
{
    rec->kind = get_u8(r);
    if (rec->kind == 0) {
        rec->num = get_f64(r);
        if (isnan(rec->num)) r->bad = 1;
    } else if (rec->kind == 1) {
        *s = get_str(r);
    } else if (rec->kind != 2 || !missing_ok) {
        r->bad = 1;
    }
}

int bc_stat_next(const char *data, size_t len, size_t *pos, bc_stat_rec *rec)
{
    if (*pos == 0) {
        if (len < 8 || memcmp(data, "BCSTAT1\n", 8) != 0) return -1;
        *pos = 8;
    }
    if (*pos >= len) return 0;
    reader r = {(const unsigned char *)data, len, *pos, 0};
    memset(rec, 0, sizeof *rec);
    for (int i = 0; i < 4; i++) rec->s[i] = (bc_stat_str){"", 0};
    rec->tag = (char)get_u8(&r);
    switch (rec->tag) {
    case 'M':
        rec->count = get_u32(&r);
        rec->s[0] = get_str(&r);
        if (rec->count > BC_STAT_MAX_VARS) r.bad = 1;
        break;
    case 'V':
        rec->index = get_u32(&r);
        rec->kind = get_u8(&r);
        rec->selected = get_u8(&r);
        for (int i = 0; i < 4; i++) rec->s[i] = get_str(&r);
        if (rec->index >= BC_STAT_MAX_VARS || rec->kind > 1 || rec->selected > 1) r.bad = 1;
        break;
    case 'L':
        rec->s[0] = get_str(&r);
        get_value(&r, rec, 0, &rec->s[1]);
        rec->s[2] = get_str(&r);
        break;
    case 'D':
        rec->row = get_u32(&r);
        rec->index = get_u32(&r);
        get_value(&r, rec, 1, &rec->s[0]);
        if (rec->row > BC_STAT_MAX_ROWS || rec->index >= BC_STAT_MAX_VARS) r.bad = 1;
        break;
    case 'E': rec->s[0] = get_str(&r); break;
    case 'Z':
        rec->count = get_u32(&r);
        if (rec->count > BC_STAT_MAX_ROWS + 1) r.bad = 1;
        break;
    default: r.bad = 1;
    }
    if (r.bad) return -1;
    *pos = r.pos;
    return 1;
}
