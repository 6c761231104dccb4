/*
** api_stat.c — ctx:stat_file(file [, opts]): a Stata, SPSS or SAS data file of the brief as
** rows, as ctx:csv gives them (keyed by column name, strict, rows.columns in order).
**
**   local rows = ctx:stat_file("data/survey.dta", { columns = {"year", "sex"}, limit = 100 })
**   rows[1].sex        --> "Female" (its value label; labels = false gives the code, 2)
**   rows.labels.sex    --> { [1] = "Male", [2] = "Female" }
**   rows.column_labels.score --> "Test score" (the variable's label)
**
** Numbers come back typed (whole numbers as integers), strings as UTF-8, missing values (system,
** tagged .a-.z, SPSS user-missing) as nil, dates and date-times (by the column's display format)
** as ISO 8601 strings ("2014-03-01", "2014-03-01T09:30:00"). The file comes through the one
** door like every data file (inside the brief folder, no link out, at most 64 MB); ReadStat then
** parses its bytes in an isolated child (stat_child.h), and every record the child sends back is
** checked here before it becomes a Lua value.
*/
#define _GNU_SOURCE
#include "lua/api_int.h"

#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"
#include "base/utf8.h"
#include "lua/sandbox.h"
#include "lua/stat_child.h"

/* The stream and a converter, freed by __gc should an error cut the call short. */
typedef struct stat_box {
    bc_buf stream, text;
    iconv_t cd;
    int cd_open;
} stat_box;

static int stat_box_gc(lua_State *L)
{
    stat_box *b = lua_touserdata(L, 1);
    bc_buf_free(&b->stream);
    bc_buf_free(&b->text);
    if (b->cd_open) iconv_close(b->cd);
    b->cd_open = 0;
    return 0;
}

typedef struct stat_var {
    bc_stat_str name, set;
    int declared, selected, date; /* date: 0 no, 1 a day count, 2 a time in seconds, 3 in ms */
    double epoch;                 /* the day of its zero, in days from 1970-01-01 */
} stat_var;

typedef struct stat_call {
    const char *rel;
    stat_box *box;
    char encoding[64];
    int family;       /* 0 Stata, 1 SPSS, 2 SAS */
    const char *what; /* "a Stata file" */
    int dates, labels;
    uint32_t nvars;
    stat_var *vars;
    int vlabels; /* stack index: column name -> its variable label */
} stat_call;

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

static int prefix_in(const char *f, const char *const *list)
{
    for (int i = 0; list[i]; i++) {
        size_t n = strlen(list[i]);
        if (!strncasecmp(f, list[i], n) &&
            !((f[n] >= 'A' && f[n] <= 'Z') || (f[n] >= 'a' && f[n] <= 'z')))
            return 1;
    }
    return 0;
}

/* What a column's display format says its numbers are, by the family of the file. */
static void date_kind(stat_var *v, int family, const char *f)
{
    static const char *const spss_d[] = {"DATE", "ADATE", "EDATE", "SDATE", "JDATE", NULL};
    static const char *const spss_t[] = {"DATETIME", "YMDHMS", NULL};
    static const char *const sas_d[] = {"DATE",    "MMDDYY",   "DDMMYY",   "YYMMDD", "E8601DA",
                                        "B8601DA", "WEEKDATE", "WORDDATE", "NLDATE", NULL};
    static const char *const sas_t[] = {"DATETIME", "E8601DT", "B8601DT", "NLDATM", NULL};
    long y1960 = days_from_civil(1960, 1, 1);
    v->date = 0;
    if (family == 0) {
        if (!strncmp(f, "%td", 3) || (!strncmp(f, "%d", 2)))
            v->date = 1;
        else if (!strncmp(f, "%tc", 3) || !strncmp(f, "%tC", 3))
            v->date = 3;
        v->epoch = (double)y1960;
    } else if (family == 1) { /* seconds from 1582-10-14, shown as a day or a time */
        v->date = prefix_in(f, spss_t) ? 2 : prefix_in(f, spss_d) ? 4 : 0;
        v->epoch = (double)days_from_civil(1582, 10, 14);
    } else {
        v->date = prefix_in(f, sas_t) ? 2 : prefix_in(f, sas_d) ? 1 : 0;
        v->epoch = (double)y1960;
    }
}

/* Pushes x (a date column's number) as an ISO string; 0 when out of years 1-9999 (kept a
   number then). */
static int push_date(lua_State *L, const stat_var *v, double x)
{
    double secs = v->date == 1 ? x * 86400.0 : v->date == 3 ? x / 1000.0 : x;
    double days = floor(secs / 86400.0);
    if (!(fabs(days) < 1e7)) return 0;
    long y;
    unsigned m, d;
    civil_from_days((long)(days + v->epoch), &y, &m, &d);
    if (y < 1 || y > 9999) return 0;
    if (v->date == 1 || v->date == 4) {
        lua_pushfstring(L, "%d-%s%d-%s%d", (int)y, m < 10 ? "0" : "", (int)m, d < 10 ? "0" : "",
                        (int)d);
        return 1;
    }
    int s = (int)floor(secs - days * 86400.0);
    s = s < 0 ? 0 : s > 86399 ? 86399 : s;
    char iso[64];
    snprintf(iso, sizeof iso, "%04d-%02u-%02uT%02d:%02d:%02d", (int)y, m % 13, d % 32, s / 3600,
             s / 60 % 60, s % 60);
    lua_pushstring(L, iso);
    return 1;
}

/* Pushes a string of the file as UTF-8: as it is when valid, else converted from the file's
   encoding (Windows-1252 when it names none). */
static void push_text(lua_State *L, stat_call *c, bc_stat_str s)
{
    if (bc_utf8_check(s.p, s.len) == (size_t)-1) {
        lua_pushlstring(L, s.p, s.len);
        return;
    }
    stat_box *b = c->box;
    if (!b->cd_open) {
        b->cd = iconv_open("UTF-8", c->encoding[0] ? c->encoding : "WINDOWS-1252");
        if (b->cd == (iconv_t)-1)
            luaL_error(L, "%s: its text is in %s, which this system cannot convert", c->rel,
                       c->encoding);
        b->cd_open = 1;
    }
    iconv(b->cd, NULL, NULL, NULL, NULL);
    b->text.len = 0;
    bc_buf_reserve(&b->text, (size_t)s.len * 4 + 4);
    char *in = (char *)s.p, *out = b->text.data;
    size_t inl = s.len, outl = (size_t)s.len * 4 + 4;
    if (iconv(b->cd, &in, &inl, &out, &outl) == (size_t)-1 ||
        bc_utf8_check(b->text.data, (size_t)(out - b->text.data)) != (size_t)-1)
        luaL_error(L, "%s: a text is neither UTF-8 nor %s", c->rel,
                   c->encoding[0] ? c->encoding : "Windows-1252");
    lua_pushlstring(L, b->text.data, (size_t)(out - b->text.data));
}

/* A cell's number: an integer when it is a whole one, else a float; a date as ISO text. */
static void push_number(lua_State *L, const stat_call *c, const stat_var *v, double x)
{
    if (c->dates && v->date && isfinite(x) && push_date(L, v, x)) return;
    if (x == floor(x) && fabs(x) < 9007199254740992.0)
        lua_pushinteger(L, (lua_Integer)x);
    else
        lua_pushnumber(L, x);
}

static __attribute__((noreturn)) void malformed(lua_State *L, const stat_call *c, const char *what)
{
    luaL_error(L, "%s: the reader sent back malformed data (%s); the file may be damaged", c->rel,
               what);
    abort();
}

/* The file's encoding, as the child read it: a plain name for iconv, or a refusal. */
static void set_encoding(lua_State *L, stat_call *c, bc_stat_str s)
{
    if (s.len >= sizeof c->encoding)
        luaL_error(L, "%s: its text encoding has a name too long", c->rel);
    for (uint32_t i = 0; i < s.len; i++) {
        char ch = s.p[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_' || ch == '.' || ch == ':'))
            luaL_error(L, "%s: its text encoding has a name that is not one", c->rel);
    }
    memcpy(c->encoding, s.p, s.len);
    c->encoding[s.len] = 0;
}

/* 'V': a variable; a selected one becomes a column (its name appended to the list at names). */
static void on_var(lua_State *L, stat_call *c, const bc_stat_rec *r, int names, int seen)
{
    if (!c->vars || r->index >= BC_STAT_MAX_VARS || c->vars[r->index].declared)
        malformed(L, c, "a variable");
    if (r->index >= c->nvars) c->nvars = r->index + 1;
    stat_var *v = &c->vars[r->index];
    v->declared = 1;
    v->selected = r->selected;
    v->name = r->s[0];
    v->set = r->s[3];
    if (!r->kind) {
        char f[64];
        snprintf(f, sizeof f, "%.*s", (int)(r->s[1].len < 60 ? r->s[1].len : 60), r->s[1].p);
        date_kind(v, c->family, f);
    }
    push_text(L, c, r->s[0]);
    if (!lua_rawlen(L, -1)) luaL_error(L, "%s: column %d has no name", c->rel, (int)r->index + 1);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, seen) != LUA_TNIL)
        luaL_error(L, "%s: two columns are named '%s'", c->rel, lua_tostring(L, -2));
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_pushboolean(L, 1);
    lua_rawset(L, seen);
    if (v->selected && r->s[2].len) {
        lua_pushvalue(L, -1);
        push_text(L, c, r->s[2]);
        lua_rawset(L, c->vlabels);
    }
    if (v->selected)
        lua_rawseti(L, names, (lua_Integer)lua_rawlen(L, names) + 1);
    else
        lua_pop(L, 1);
}

/* 'L': a value label, into sets[set][value] = label. */
static void on_label(lua_State *L, stat_call *c, const bc_stat_rec *r, int sets)
{
    lua_pushlstring(L, r->s[0].p, r->s[0].len);
    if (lua_rawget(L, sets) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushlstring(L, r->s[0].p, r->s[0].len);
        lua_pushvalue(L, -2);
        lua_rawset(L, sets);
    }
    if (r->kind == 0) {
        if (r->num == floor(r->num) && fabs(r->num) < 9007199254740992.0)
            lua_pushinteger(L, (lua_Integer)r->num);
        else if (isfinite(r->num))
            lua_pushnumber(L, r->num);
        else
            malformed(L, c, "a label of an infinite value");
    } else {
        push_text(L, c, r->s[1]);
    }
    push_text(L, c, r->s[2]);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

/* 'D': a cell of row r->row; rows arrive in order, a new one each time the row number grows. */
static void on_cell(lua_State *L, stat_call *c, const bc_stat_rec *r, int rows, lua_Integer *nrows)
{
    if (r->index >= c->nvars || !c->vars[r->index].declared || !c->vars[r->index].selected)
        malformed(L, c, "a cell of an unknown column");
    if ((lua_Integer)r->row == *nrows) {
        if (*nrows >= BC_STAT_MAX_ROWS)
            luaL_error(L, "%s: the file has more than %d rows; read fewer (limit = n)", c->rel,
                       BC_STAT_MAX_ROWS);
        if (*nrows % 4096 == 0) bc_sandbox_check_clock(L);
        lua_createtable(L, 0, 8);
        lua_rawseti(L, rows, ++*nrows);
    } else if ((lua_Integer)r->row != *nrows - 1) {
        malformed(L, c, "rows out of order");
    }
    if (r->kind == 2) return; /* missing: nil */
    stat_var *v = &c->vars[r->index];
    lua_rawgeti(L, rows, *nrows);
    push_text(L, c, v->name);
    if (r->kind == 0)
        push_number(L, c, v, r->num);
    else
        push_text(L, c, r->s[0]);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

/* Turns the stream into rows at the top of the stack; names, sets and seen are tables. */
static void decode(lua_State *L, stat_call *c, int names, int sets, int seen)
{
    const char *data = c->box->stream.data;
    size_t len = c->box->stream.len, pos = 0;
    lua_newtable(L);
    int rows = lua_gettop(L), k;
    lua_Integer nrows = 0;
    bc_stat_rec r;
    while ((k = bc_stat_next(data, len, &pos, &r)) == 1) {
        switch (r.tag) {
        case 'M': /* room for every index a variable may have, whatever the count says */
            if (c->vars) malformed(L, c, "two headers");
            c->vars = lua_newuserdatauv(L, BC_STAT_MAX_VARS * sizeof *c->vars, 0);
            memset(c->vars, 0, BC_STAT_MAX_VARS * sizeof *c->vars);
            lua_setfield(L, rows, "_vars"); /* kept alive; removed at the end */
            set_encoding(L, c, r.s[0]);
            break;
        case 'V': on_var(L, c, &r, names, seen); break;
        case 'L': on_label(L, c, &r, sets); break;
        case 'D': on_cell(L, c, &r, rows, &nrows); break;
        case 'E': {
            char msg[200];
            size_t n = r.s[0].len < 150 ? r.s[0].len : 150;
            for (size_t i = 0; i < n; i++)
                msg[i] = r.s[0].p[i] >= 32 && r.s[0].p[i] < 127 ? r.s[0].p[i] : '?';
            while (n && (msg[n - 1] == '\n' || msg[n - 1] == '.' || msg[n - 1] == ' ')) n--;
            msg[n] = 0;
            if (n && msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
                msg[0] += 32;
            luaL_error(L, "%s: cannot be read as %s: %s", c->rel, c->what, msg);
            break;
        }
        case 'Z':
            if (bc_stat_next(data, len, &pos, &r) != 0) malformed(L, c, "data after the end");
            lua_pushnil(L);
            lua_setfield(L, rows, "_vars");
            return;
        }
    }
    malformed(L, c, k < 0 ? "a bad record" : "no end");
}

/* labels = true: each labelled cell becomes its label; rows.labels[column] lists them all. */
static void apply_labels(lua_State *L, stat_call *c, int rows, int sets)
{
    lua_newtable(L);
    int all = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, rows);
    for (uint32_t i = 0; i < c->nvars; i++) {
        stat_var *v = &c->vars[i];
        if (!v->declared || !v->selected || !v->set.len) continue;
        lua_pushlstring(L, v->set.p, v->set.len);
        if (lua_rawget(L, sets) != LUA_TTABLE) {
            lua_pop(L, 1);
            continue;
        }
        int set = lua_gettop(L);
        push_text(L, c, v->name);
        int name = lua_gettop(L);
        lua_pushvalue(L, name);
        lua_pushvalue(L, set);
        lua_rawset(L, all);
        for (lua_Integer k = 1; c->labels && k <= n; k++) {
            lua_rawgeti(L, rows, k);
            lua_pushvalue(L, name);
            if (lua_rawget(L, -2) != LUA_TNIL && lua_rawget(L, set) != LUA_TNIL) {
                lua_pushvalue(L, name);
                lua_insert(L, -2);
                lua_rawset(L, -3);
                lua_pop(L, 1);
            } else {
                lua_pop(L, 2);
            }
        }
        lua_settop(L, set - 1);
    }
    lua_setfield(L, rows, "labels");
}

/* A name in columns = {...} that the file does not have, with the nearest one. */
static void check_columns(lua_State *L, stat_call *c, const char *const *want, int nwant, int seen)
{
    for (int i = 0; i < nwant; i++) {
        lua_pushstring(L, want[i]);
        int found = lua_rawget(L, seen) != LUA_TNIL;
        lua_pop(L, 1);
        if (found) continue;
        int n = 0;
        lua_pushnil(L);
        while (lua_next(L, seen)) {
            lua_pop(L, 1);
            n++;
        }
        const char **known = lua_newuserdatauv(L, sizeof *known * (size_t)(n + 1), 0);
        lua_createtable(L, n, 0); /* keeps the names alive for the message */
        int keep = lua_gettop(L);
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        int k = 0;
        for (uint32_t v = 0; v < c->nvars; v++) {
            if (!c->vars[v].declared) continue;
            push_text(L, c, c->vars[v].name);
            known[k] = lua_tostring(L, -1);
            lua_rawseti(L, keep, k + 1);
            if (k < 40) {
                if (k) luaL_addstring(&b, ", ");
                luaL_addstring(&b, known[k]);
            }
            k++;
        }
        known[k] = NULL;
        luaL_pushresult(&b);
        const char *best = bc_suggest_n(want[i], known, (size_t)k);
        if (best)
            luaL_error(L, "%s has no column '%s' (did you mean '%s'?); its columns are %s", c->rel,
                       want[i], best, lua_tostring(L, -1));
        luaL_error(L, "%s has no column '%s'; its columns are %s", c->rel, want[i],
                   lua_tostring(L, -1));
    }
}

/* The options table at 3: columns, limit, labels, dates. */
static int read_opts(lua_State *L, stat_call *c, bc_stat_opts *o)
{
    memset(o, 0, sizeof *o);
    c->labels = c->dates = 1;
    if (lua_isnoneornil(L, 3)) return 0;
    luaL_checktype(L, 3, LUA_TTABLE);
    static const char *const known[] = {"columns", "limit", "labels", "dates", NULL};
    bc_api_check_keys(L, 3, "stat_file", known);
    c->labels = bc_api_opt_bool_field(L, 3, "labels", 1);
    c->dates = bc_api_opt_bool_field(L, 3, "dates", 1);
    if (lua_getfield(L, 3, "limit") != LUA_TNIL) {
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 ||
            lua_tointeger(L, -1) > BC_STAT_MAX_ROWS)
            luaL_error(L, "stat_file: limit must be a whole number from 1 to %d", BC_STAT_MAX_ROWS);
        o->limit = (long)lua_tointeger(L, -1);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, 3, "columns") == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (!lua_istable(L, -1)) luaL_error(L, "stat_file: columns must be a list of column names");
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    if (n < 1 || n > BC_STAT_MAX_VARS)
        luaL_error(L, "stat_file: columns must list from 1 to %d names", BC_STAT_MAX_VARS);
    const char **cols = lua_newuserdatauv(L, sizeof *cols * (size_t)n, 0); /* lives with the list */
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, -2, i) != LUA_TSTRING)
            luaL_error(L, "stat_file: columns[%d] must be a name", (int)i);
        cols[i - 1] = lua_tostring(L, -1); /* the string stays in the list on the stack */
        lua_pop(L, 1);
    }
    o->columns = cols;
    o->ncolumns = (int)n;
    return 2; /* the list and its array stay on the stack */
}

/* ctx:stat_file(path [, {columns = {...}, limit = n, labels = true, dates = true}]) -> rows */
int bc_api_c_stat_file(lua_State *L)
{
    static const char *const what[] = {"a Stata file", "an SPSS file", "an SPSS portable file",
                                       "a SAS data set", "a SAS transport file"};
    bc_api *api = bc_api_ctx_api(L);
    stat_call c;
    memset(&c, 0, sizeof c);
    c.rel = luaL_checkstring(L, 2);
    int fmt = bc_stat_format_of(c.rel);
    if (fmt < 0)
        return luaL_error(L,
                          "%s: ctx:stat_file reads .dta (Stata), .sav and .zsav (SPSS), .por, "
                          ".sas7bdat and .xpt (SAS) files; for .csv use ctx:csv",
                          c.rel);
    c.what = what[fmt];
    c.family = fmt == BC_STAT_DTA ? 0 : fmt <= BC_STAT_POR ? 1 : 2;
    bc_stat_opts o;
    read_opts(L, &c, &o);
    /* the child's time: what is left of the section's (limits.seconds), at most
       BC_STAT_SECONDS, at least 1 */
    double left = bc_sandbox_seconds_left(L);
    o.seconds = left < 0                 ? BC_STAT_SECONDS
                : left < 1               ? 1
                : left < BC_STAT_SECONDS ? (int)ceil(left)
                                         : BC_STAT_SECONDS;
#ifdef BC_TEST_HOOKS /* briefc_hooks only (stat_child.h): a shorter budget, never longer */
    const char *seconds = getenv("BRIEFC_STAT_SECONDS");
    if (seconds && atoi(seconds) > 0 && atoi(seconds) < o.seconds) o.seconds = atoi(seconds);
#endif
    size_t len;
    const char *bytes = bc_api_read_confined_bytes(L, api, c.rel, &len);
    c.box = lua_newuserdatauv(L, sizeof *c.box, 0);
    memset(c.box, 0, sizeof *c.box);
    if (luaL_newmetatable(L, "briefc.stat")) {
        lua_pushcfunction(L, stat_box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    bc_error e;
    bc_error_clear(&e);
    if (bc_stat_read(bytes, len, (bc_stat_format)fmt, &o, &c.box->stream, &e) != BC_OK)
        luaL_error(L, "%s: %s", c.rel, e.msg);
    lua_newtable(L);
    int names = lua_gettop(L);
    lua_newtable(L);
    int sets = lua_gettop(L);
    lua_newtable(L);
    int seen = lua_gettop(L);
    lua_newtable(L);
    c.vlabels = lua_gettop(L);
    decode(L, &c, names, sets, seen);
    int rows = lua_gettop(L);
    lua_pushvalue(L, c.vlabels);
    lua_setfield(L, rows, "column_labels");
    check_columns(L, &c, o.columns, o.ncolumns, seen);
    apply_labels(L, &c, rows, sets);
    lua_pushvalue(L, names);
    lua_setfield(L, rows, "columns");
    bc_api_strict_rows(L, rows, names, c.rel, "column");
    bc_buf_free(&c.box->stream);
    lua_settop(L, rows);
    return 1;
}
