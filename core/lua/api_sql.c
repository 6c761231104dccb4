/*
** api_sql.c — ctx:sql(file, query, ...): one read-only query against an SQLite file of the
** brief, its rows as ctx:csv gives them (keyed by column name, strict, rows.columns in order).
**
**   local rows = ctx:sql("data/aid.sqlite",
**                        "select year, total from aid where year >= ? order by year", 2010)
**
** The file comes through the one door (fileio.h) like every data file, and SQLite sees only
** those bytes, deserialized read-only into memory: it opens no path, so no link, journal or
** ATTACH can reach another file. On top of that the connection is locked down: an authorizer
** allows reading and nothing else (no ATTACH, no PRAGMA, no write, no load_extension), triggers
** and extensions are off, the schema is untrusted, every length and depth is capped, one
** statement per call, sorts and temporary tables in memory (never a file in /tmp), and a
** progress handler stops a query past its budget of virtual-machine steps or at the section's
** deadline (what is left of limits.seconds when the query starts: the Lua hook that enforces
** the limit cannot run while SQLite does). SQLite's own memory is capped process-wide.
*/
#include "lua/api_int.h"
#include "lua/sandbox_int.h"

#include <string.h>

#include <sqlite3.h>

#define SQL_STEP_BUDGET 200000000LL /* VM instructions a query may take */
#define SQL_SECONDS 10.0            /* wall-clock seconds when the section has no limit */
#define SQL_HEAP (256LL << 20)      /* SQLite's memory, for the whole process */
#define SQL_MAX_ROWS 1000000
#define SQL_MAX_TEXT (16 << 20)

typedef struct sql_run {
    long long steps;
    double deadline;
    int stopped; /* 1 budget, 2 clock */
} sql_run;

static int progress(void *ud)
{
    sql_run *r = ud;
    r->steps += 1000;
    if (r->steps > SQL_STEP_BUDGET)
        r->stopped = 1;
    else if (bc_now() > r->deadline)
        r->stopped = 2;
    return r->stopped;
}

/* Reading is allowed; everything that writes, attaches, configures or loads code is not. */
static int authorize(void *ud, int op, const char *a, const char *b, const char *c, const char *d)
{
    (void)ud, (void)b, (void)c, (void)d;
    switch (op) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE: return SQLITE_OK;
    case SQLITE_FUNCTION: /* a: the function's name */
        if (a && (!sqlite3_stricmp(a, "load_extension") || !sqlite3_stricmp(a, "readfile") ||
                  !sqlite3_stricmp(a, "writefile") || !sqlite3_stricmp(a, "edit") ||
                  !sqlite3_stricmp(a, "fts3_tokenizer")))
            return SQLITE_DENY;
        return SQLITE_OK;
    default: return SQLITE_DENY;
    }
}

static void lock_down(sqlite3 *db)
{
    int off = 0, on = 1;
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, off, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, off, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, SQL_MAX_TEXT);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 200);
    sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 100);
    sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000);
    sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 32);
    sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 0);
    /* Sorts, DISTINCT and temporary b-trees stay in memory (under SQL_HEAP): by default SQLite
       spills them to a file in $SQLITE_TMPDIR, $TMPDIR or /var/tmp, outside the brief. Run
       before the authorizer, which denies every PRAGMA to the plugin. */
    sqlite3_exec(db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
}

/* Binds the call's extra arguments (from index 4) to the statement's ? parameters. */
static const char *bind_args(lua_State *L, sqlite3_stmt *st, int n)
{
    int want = sqlite3_bind_parameter_count(st);
    if (n != want)
        return want == 1 ? "the query has 1 ? parameter"
                         : "the query's ? parameters "
                           "and the values given differ";
    for (int i = 1; i <= n; i++) {
        int idx = i + 3, rc;
        switch (lua_type(L, idx)) {
        case LUA_TNIL: rc = sqlite3_bind_null(st, i); break;
        case LUA_TBOOLEAN: rc = sqlite3_bind_int(st, i, lua_toboolean(L, idx)); break;
        case LUA_TNUMBER:
            rc = lua_isinteger(L, idx) ? sqlite3_bind_int64(st, i, lua_tointeger(L, idx))
                                       : sqlite3_bind_double(st, i, lua_tonumber(L, idx));
            break;
        case LUA_TSTRING: {
            size_t len;
            const char *s = lua_tolstring(L, idx, &len);
            rc = sqlite3_bind_text64(st, i, s, len, SQLITE_TRANSIENT, SQLITE_UTF8);
            break;
        }
        default: return "a query value must be a number, text, a boolean or nil";
        }
        if (rc != SQLITE_OK) return "a value could not be bound";
    }
    return NULL;
}

typedef struct sql_state {
    sqlite3 *db;
    sqlite3_stmt *st;
} sql_state;

static int sql_state_gc(lua_State *L)
{
    sql_state *s = lua_touserdata(L, 1);
    sqlite3_finalize(s->st);
    sqlite3_close(s->db);
    s->st = NULL;
    s->db = NULL;
    return 0;
}

/* The connection and statement live in a userdata on the stack, closed by its __gc and at the
   end: an error raised halfway (a row past the memory limit) leaks nothing. */
static sql_state *push_state(lua_State *L)
{
    sql_state *s = lua_newuserdatauv(L, sizeof *s, 0);
    s->db = NULL;
    s->st = NULL;
    if (luaL_newmetatable(L, "briefc.sql")) {
        lua_pushcfunction(L, sql_state_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return s;
}

static void push_column(lua_State *L, sqlite3_stmt *st, int k)
{
    switch (sqlite3_column_type(st, k)) {
    case SQLITE_INTEGER: lua_pushinteger(L, sqlite3_column_int64(st, k)); break;
    case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_column_double(st, k)); break;
    case SQLITE_NULL: lua_pushnil(L); break;
    default: {
        const unsigned char *t = sqlite3_column_text(st, k);
        lua_pushlstring(L, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, k));
    }
    }
}

int bc_api_c_sql(lua_State *L)
{
    bc_api *api = bc_api_ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    const char *query = luaL_checkstring(L, 3);
    int nargs = lua_gettop(L) - 3; /* the values for the query's ? parameters */
    size_t len;
    const char *bytes = bc_api_read_confined_bytes(L, api, rel, &len);
    if (len < 100 || memcmp(bytes, "SQLite format 3", 16) != 0)
        return luaL_error(L, "%s is not an SQLite database file", rel);
    sqlite3_hard_heap_limit64(SQL_HEAP);
    sql_state *s = push_state(L);
    if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
        SQLITE_OK)
        return luaL_error(L, "%s: SQLite could not start", rel);
    unsigned char *copy = sqlite3_malloc64(len);
    if (!copy) return luaL_error(L, "%s: out of memory for the database", rel);
    memcpy(copy, bytes, len);
    if (sqlite3_deserialize(s->db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
                            SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE) !=
        SQLITE_OK)
        return luaL_error(L, "%s: not a database SQLite can read", rel);
    lock_down(s->db);
    /* the section's clock: the query may take what is left of limits.seconds */
    double left = bc_sandbox_seconds_left(L);
    sql_run run = {0, bc_now() + (left < 0 ? SQL_SECONDS : left), 0};
    sqlite3_progress_handler(s->db, 1000, progress, &run);
    sqlite3_set_authorizer(s->db, authorize, NULL);
    const char *tail = NULL;
    if (sqlite3_prepare_v2(s->db, query, -1, &s->st, &tail) != SQLITE_OK || !s->st) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s: %s (in the query \"%.80s\")", rel,
                 *query && s->db ? sqlite3_errmsg(s->db) : "the query is empty", query);
        return luaL_error(L, "%s", msg);
    }
    while (tail &&
           (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == '\r' || *tail == ';'))
        tail++;
    if (tail && *tail) return luaL_error(L, "%s: one statement per ctx:sql call", rel);
    if (!sqlite3_stmt_readonly(s->st)) return luaL_error(L, "%s: a query may only read", rel);
    const char *why = bind_args(L, s->st, nargs);
    if (why) return luaL_error(L, "%s: %s", rel, why);
    int ncols = sqlite3_column_count(s->st);
    lua_createtable(L, ncols, 0); /* the column names */
    int names = lua_gettop(L);
    for (int k = 0; k < ncols; k++) {
        const char *n = sqlite3_column_name(s->st, k);
        lua_pushstring(L, n ? n : "");
        lua_rawseti(L, names, k + 1);
    }
    lua_newtable(L);
    int rows = lua_gettop(L), nrows = 0, rc;
    while ((rc = sqlite3_step(s->st)) == SQLITE_ROW) {
        if (++nrows > SQL_MAX_ROWS)
            return luaL_error(L, "%s: the query returns more than %d rows", rel, SQL_MAX_ROWS);
        lua_createtable(L, 0, ncols);
        for (int k = 0; k < ncols; k++) {
            lua_rawgeti(L, names, k + 1);
            push_column(L, s->st, k);
            lua_rawset(L, -3);
        }
        lua_rawseti(L, rows, nrows);
    }
    if (rc != SQLITE_DONE) {
        if (run.stopped == 1)
            return luaL_error(L,
                              "%s: the query was stopped after 200 million steps; simplify it "
                              "or add an index",
                              rel);
        if (run.stopped) { /* the section's clock: name it and its limit */
            char msg[400];
            snprintf(msg, sizeof msg,
                     "%s: the query was stopped when section \"%.100s\" ran out of time "
                     "(limits.seconds = %g); simplify it, add an index or raise limits.seconds "
                     "in brief.lua",
                     rel, api->section ? api->section : "?",
                     left < 0 ? SQL_SECONDS : bc_sandbox_limits(bc_sb_sandbox_of(L))->seconds);
            return luaL_error(L, "%s", msg);
        }
        if (rc == SQLITE_NOMEM)
            return luaL_error(L,
                              "%s: the query needs more than %d MB of memory; simplify it or "
                              "read fewer rows",
                              rel, (int)(SQL_HEAP >> 20));
        return luaL_error(L, "%s: %s", rel, sqlite3_errmsg(s->db));
    }
    lua_pushvalue(L, names);
    lua_setfield(L, rows, "columns");
    bc_api_strict_rows(L, rows, names, rel, "column");
    sqlite3_finalize(s->st); /* closed now, not at the next collection */
    sqlite3_close(s->db);
    s->st = NULL;
    s->db = NULL;
    return 1;
}
