/*
** api_args.c — how the plugin API reads its arguments: inline markup with its checks, optional
** fields, lists, unknown keys, numbers as text and warnings at the plugin's line.
*/
#define _GNU_SOURCE
#include "lua/api_int.h"

#include <string.h>

#include "doc/bib.h"
#include "doc/dest.h"
#include "lua/brief.h"
#include "lua/fmt.h"
#include "doc/markup.h"
#include "lua/num.h"
#include "base/utf8.h"

/* {====================================================== argument helpers */

/* Resolves citations now (their keys must exist, and numbering follows first use), numbers
   footnotes, and notes where cross-references were written, for errors after all sections
   have run. */
static void post_inline(lua_State *L, bc_api *api, bc_inline *in)
{
    bc_api_post_inline_at(L, api, in, NULL);
}

/* An error at "file:line" of a Markdown file (at), or at the plugin's line (at NULL). */
void bc_api_error_at(lua_State *L, const char *at, const char *msg)
{
    if (!at) luaL_error(L, "%s", msg);
    lua_pushfstring(L, "%s: %s", at, msg);
    lua_error(L);
}

/* post_inline for a text written elsewhere: at ("text/background.md:12") is where. */
void bc_api_post_inline_at(lua_State *L, bc_api *api, bc_inline *in, const char *at)
{
    char where[600] = "";
    if (at) snprintf(where, sizeof where, "%s", at);
    for (int i = 0; i < in->n; i++) {
        bc_run *r = &in->runs[i];
        if (r->kind == BC_RUN_TEXT) continue;
        if (!where[0]) {
            lua_Debug ar;
            if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
                snprintf(where, sizeof where, "%s:%d", ar.short_src, ar.currentline);
        }
        if (r->kind == BC_RUN_NOTE) {
            bc_doc_add_note(api->doc, r);
            bc_api_post_inline_at(L, api, r->note, at);
            continue;
        }
        if (r->kind != BC_RUN_CITE) {
            r->where = bc_arena_strdup(api->doc->arena, where);
            if (r->kind == BC_RUN_XREF_PAGE) api->doc->page_refs = 1;
            continue;
        }
        if (!api->bib) {
            char msg[300];
            snprintf(msg, sizeof msg,
                     "citation [%.60s] but the brief names no bibliography (add "
                     "bibliography = \"data/references.json\" to brief.lua)",
                     r->text);
            bc_api_error_at(L, at, msg);
            return;
        }
        bc_buf text = {0}, id = {0};
        bc_error err;
        bc_status st = bc_bib_cite(api->bib, r->text, r->len, &text, &id, &err);
        if (st == BC_OK) {
            r->text = bc_arena_strndup(api->doc->arena, text.data, text.len);
            r->len = text.len;
            r->link = bc_arena_printf(api->doc->arena, BC_LINK_REF, id.data);
            r->kind = BC_RUN_TEXT;
        }
        bc_buf_free(&text);
        bc_buf_free(&id);
        if (st != BC_OK) {
            bc_api_error_at(L, at, err.msg);
            return;
        }
    }
}

/* Whether seq shows literally in a text run of in (or of its notes), outside code. */
static int shows_literally(const bc_inline *in, const char *seq, int depth)
{
    for (int i = 0; in && i < in->n; i++) {
        const bc_run *r = &in->runs[i];
        if (r->kind == BC_RUN_NOTE && depth < 8 && shows_literally(r->note, seq, depth + 1))
            return 1;
        if (r->kind != BC_RUN_TEXT || (r->style & BC_STYLE_CODE)) continue;
        for (size_t k = 0; k + 1 < r->len; k++)
            if (r->text[k] == seq[0] && r->text[k + 1] == seq[1]) return 1;
    }
    return 0;
}

/* A "**" or "^[" the author typed unescaped that markup left as text was never closed:
   warn with its place, as "**bold" or "^[note" is a slip, not a wish for asterisks. The
   source is scanned outside `code` spans; "**" is unclosed when it occurs an odd number of
   times (the last one is shown), "^[" when it shows literally (the last one is shown). */
static void warn_unclosed(lua_State *L, bc_api *api, const char *what, const char *s, size_t len,
                          const bc_inline *in)
{
    static const char *const seqs[] = {"**", "^["};
    static const char *const fixes[] = {"close it with **, or write \\*\\* for asterisks",
                                        "close the note with ], or write \\^[ for the characters"};
    for (int q = 0; q < 2; q++) {
        const char *seq = seqs[q];
        if (!shows_literally(in, seq, 0)) continue;
        size_t at = (size_t)-1, count = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '\\') { /* an escape: the next character is text */
                i++;
                continue;
            }
            if (s[i] == '`') { /* a code span, when it closes */
                const char *close = memchr(s + i + 1, '`', len - i - 1);
                if (close) i = (size_t)(close - s);
                continue;
            }
            if (i + 1 < len && s[i] == seq[0] && s[i + 1] == seq[1]) {
                at = i;
                count++;
                i++;
            }
        }
        if (at == (size_t)-1 || (q == 0 && count % 2 == 0)) continue;
        size_t n = len - at < 30 ? len - at : 30;
        while (n > 0 && at + n < len && ((unsigned char)s[at + n] & 0xC0) == 0x80) n--;
        bc_api_warnf(L, api, "%s: unclosed '%s' at byte %zu (\"%.*s\"); %s", what, seq, at + 1,
                     (int)n, s + at, fixes[q]);
    }
}

/* Text from a string or number at idx, parsed as markup into the doc arena. */
void bc_api_get_inline(lua_State *L, bc_api *api, int idx, const char *what, bc_inline *out)
{
    size_t len;
    const char *s;
    if (lua_type(L, idx) == LUA_TNUMBER || lua_type(L, idx) == LUA_TSTRING) {
        bc_num_checktext(L, idx, what);
        s = lua_tolstring(L, idx, &len);
    } else {
        luaL_error(L, "%s must be text, got %s", what, luaL_typename(L, idx));
        return;
    }
    bc_error err;
    if (bc_markup_parse(api->doc->arena, s, len, out, &err) != BC_OK)
        luaL_error(L, "%s: %s", what, err.msg);
    warn_unclosed(L, api, what, s, len, out);
    post_inline(L, api, out);
}

/* Optional text field of the table at idx. */
int bc_api_opt_inline_field(lua_State *L, bc_api *api, int idx, const char *field, bc_inline *out)
{
    lua_getfield(L, idx, field);
    int present = !lua_isnil(L, -1);
    if (present) {
        char what[96];
        snprintf(what, sizeof what, "field '%s'", field);
        bc_api_get_inline(L, api, -1, what, out);
    } else {
        out->runs = NULL;
        out->n = 0;
    }
    lua_pop(L, 1);
    return present;
}

const char *bc_api_opt_string_field(lua_State *L, bc_api *api, int idx, const char *field)
{
    lua_getfield(L, idx, field);
    const char *r = NULL;
    if (!lua_isnil(L, -1)) {
        size_t len;
        if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
            luaL_error(L, "field '%s' must be text, got %s", field, luaL_typename(L, -1));
        char what[96];
        snprintf(what, sizeof what, "field '%s'", field);
        bc_num_checktext(L, -1, what);
        const char *s = lua_tolstring(L, -1, &len);
        size_t bad = bc_utf8_check(s, len);
        if (bad != (size_t)-1)
            luaL_error(L, "field '%s': invalid UTF-8 at byte %d", field, (int)bad);
        r = bc_arena_strndup(api->doc->arena, s, len);
    }
    lua_pop(L, 1);
    return r;
}

int bc_api_opt_bool_field(lua_State *L, int idx, const char *field, int def)
{
    lua_getfield(L, idx, field);
    int v = lua_isnil(L, -1) ? def : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

int bc_api_enum_field_n(lua_State *L, int idx, const char *field, const char *const *names, int n,
                        int def, const char *what)
{
    lua_getfield(L, idx, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return def;
    }
    const char *v = lua_tostring(L, -1);
    for (int i = 0; v && (n < 0 || i < n) && names[i]; i++)
        if (!strcmp(v, names[i])) {
            lua_pop(L, 1);
            return i;
        }
    char list[256] = "";
    size_t o = 0;
    for (int i = 0; (n < 0 || i < n) && names[i] && o < sizeof list - 32; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", names[i]);
    return luaL_error(L, "%s: %s must be one of %s, not '%s'", what, field, list,
                      v ? v : luaL_typename(L, -1));
}

int bc_api_enum_field(lua_State *L, int idx, const char *field, const char *const *names, int def,
                      const char *what)
{
    return bc_api_enum_field_n(L, idx, field, names, -1, def, what);
}

/* Length of the list in field (0 when absent); leaves the list on the stack (or nil). */
int bc_api_list_field(lua_State *L, int idx, const char *field, int required)
{
    lua_getfield(L, idx, field);
    if (lua_isnil(L, -1)) {
        if (required) luaL_error(L, "field '%s' is required", field);
        return 0;
    }
    if (!lua_istable(L, -1))
        luaL_error(L, "field '%s' must be a list, got %s", field, luaL_typename(L, -1));
    char what[96];
    snprintf(what, sizeof what, "field '%s'", field);
    return bc_num_len(L, -1, what, 1000000);
}

/*
** Every named field of an options table must be one the call reads, so a misspelt key
** (captoin, formatt, levl) is an error at the plugin's line, with a suggestion and the list:
**   s:table: unknown field 'captoin' (did you mean 'caption'?); its fields are caption, ...
** Positional entries (a row's cells) are the caller's: only string keys are checked.
*/
void bc_api_check_keys(lua_State *L, int idx, const char *call, const char *const *known)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) continue;
        const char *k = lua_tostring(L, -1);
        int found = 0;
        for (int i = 0; known[i] && !found; i++) found = !strcmp(k, known[i]);
        if (found) continue;
        /* an unknown key: only now the closest known one (edit distances cost more than the
           call they check, and every builder call of every batch row passes here) */
        const char *best = NULL;
        int bd = 3;
        for (int i = 0; known[i]; i++) {
            int d = bc_brief_distance(k, known[i]);
            if (d < bd) {
                bd = d;
                best = known[i];
            }
        }
        char list[400];
        size_t o = 0;
        list[0] = 0;
        for (int i = 0; known[i] && o < sizeof list - 40; i++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", known[i]);
        char msg[600];
        if (best)
            snprintf(msg, sizeof msg,
                     "%s: unknown field '%.60s' (did you mean '%s'?); its fields "
                     "are %s",
                     call, k, best, list);
        else
            snprintf(msg, sizeof msg, "%s: unknown field '%.60s'; its fields are %s", call, k,
                     list);
        lua_pop(L, 1);
        luaL_error(L, "%s", msg);
    }
}

/* Whether a cell's text is a number as fmt writes it: a sign, "$", digits with thousands
   separators and a decimal point, then a unit after a space ("1,234", "−3.5", "$4.5 bn",
   "42.6 %", "$590 m"). */
int bc_api_formatted_number(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(s, "\xE2\x88\x92", 3))
        i = 3;
    else if (s[0] == '-')
        i = 1;
    if (i < n && s[i] == '$') i++;
    size_t d0 = i;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',' || s[i] == '.')) i++;
    if (i == d0 || s[d0] < '0' || s[d0] > '9') return 0;
    if (i == n) return 1;
    if (n - i >= 2 && !memcmp(s + i, "\xC2\xA0", 2))
        i += 2;
    else if (s[i] == ' ')
        i++;
    else if (s[i] != '%')
        return 0;
    static const char *const units[] = {"%", "m", "bn", "tn", NULL};
    for (int u = 0; units[u]; u++)
        if (n - i == strlen(units[u]) && !memcmp(s + i, units[u], n - i)) return 1;
    return 0;
}

/* Formats a number for a table cell with the column's decimals (a real minus sign,
   thousands separators). v has passed bc_num_ok within BC_NUM_DIGITS_MAX. */
void bc_api_push_number_text(lua_State *L, double v, int decimals)
{
    char buf[512];
    bc_fmt_number(v, decimals, buf, sizeof buf);
    lua_pushstring(L, buf);
}

/* A warning at the plugin's line, as ctx:warn gives one. */
void bc_api_warnf(lua_State *L, bc_api *api, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bc_api_add_warning(L, api, msg, strlen(msg));
}

/* }====================================================== */
