/*
** sandbox.c — Lua state, allow-listed libraries, environments and budgets.
**
** Nothing a plugin wrote runs outside a budget: the count hook is installed on every thread
** for the life of the state (coroutines included), the standard functions that can run
** unbounded inside one C call are wrapped to count their work first, and the places where Lua
** itself turns hooks off are closed: finalizers are refused, xpcall handlers and __close
** handlers do not run after the hook fired. Errors are described with raw access only.
*/
#define _GNU_SOURCE
#include "sandbox.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "fileio.h"
#include "supervise.h"

struct bc_sandbox {
    lua_State *L;
    bc_limits lim;
    size_t mem_used;
    int mem_hit;              /* the allocator refused a request */
    long long instr_used;
    double deadline;
    int killed;               /* 1 instructions, 2 time: the hook keeps raising */
    int depth;                /* bc_sandbox_call nesting: the memory cap applies inside */
    long long describe_stop;  /* > 0 while an error object's __tostring runs: its budget */
    size_t baseline;          /* heap used by the libraries, not counted against the cap */
    int base_ref;             /* frozen base table */
    int frozen;
    char **module_dirs;
    char *root;               /* the brief folder: Lua files may also be anywhere inside it */
    char warn[1024];          /* a finalizer error being assembled by warnf */
    size_t warn_len;
    bc_error gc_err;          /* the first error raised in a finalizer */
    int gc_failed;
    struct pstats *pat;       /* subject statistics for pattern bounds */
};

#define HOOK_EVERY 10000
#define DESCRIBE_BUDGET 1000000  /* instructions an error object's __tostring may take */
#define PATTERN_FACTOR 10.0      /* pattern steps allowed per instruction left in the budget */
#define ALLOC_CHARGED 65536      /* Lua blocks from this size count against the budget ... */
#define ALLOC_BYTES_PER_INSTRUCTION 64 /* ... as one instruction per this many bytes */

/* The base library's error: errors it raises keep the position the plugin chose. */
static lua_CFunction base_error;

void bc_limits_default(bc_limits *l)
{
    l->memory = (size_t)256 << 20;
    l->instructions = 100000000LL;
    l->seconds = 10;
    l->pages = 500;
}

/* {====================================================== allocator and hook */

static void hook(lua_State *L, lua_Debug *ar);

/* The cap holds inside bc_sandbox_call, where plugin code runs. The host's own work between
   calls (reading the brief's table, building ctx) is bounded by what it reads and is never
   refused, so a plugin that fills the heap cannot make a host allocation fail outside a
   protected call. */
static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    bc_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->mem_used -= old;
        return NULL;
    }
    if (nsize > old && sb->depth > 0 && sb->mem_used - old + nsize > sb->lim.memory) {
        sb->mem_hit = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    sb->mem_used = sb->mem_used - old + nsize;
    if (sb->depth > 0 && nsize >= ALLOC_CHARGED && nsize > old) {
        /* A large block is the work of one instruction the count hook cannot see into (a
           concatenation, string.rep, upper, a table's growth): charge its bytes, check the
           clock, and when the budget is spent make the hook run at the next instruction
           (lua_sethook is safe at any point: lua.c calls it from a signal handler). */
        sb->instr_used += (long long)((nsize - old) / ALLOC_BYTES_PER_INSTRUCTION);
        if (sb->L && (sb->instr_used > sb->lim.instructions || bc_now() > sb->deadline))
            lua_sethook(sb->L, hook, LUA_MASKCOUNT, 1);
    }
    return p;
}

static bc_sandbox *sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

int bc_sandbox_charge(lua_State *L, size_t n)
{
    bc_sandbox *sb = sandbox_of(L);
    if (n > sb->lim.memory || sb->mem_used > sb->lim.memory - n) {
        sb->mem_hit = 1;
        return 0;
    }
    sb->mem_used += n;
    return 1;
}

/* Raises the limit error at the running Lua function's line; the hook keeps raising at every
   instruction after it, so a pcall cannot swallow it. */
static int kill_now(lua_State *L, bc_sandbox *sb, int level, const char *what)
{
    char msg[400];
    if (!sb->killed) sb->killed = 1;
    lua_sethook(L, hook, LUA_MASKCOUNT, 1);
    if (level == 0 && !lua_pushthread(L)) {
        /* Raised by the hook inside a coroutine, which Lua leaves with hooks off for good:
           remember it, so its pending __close handlers are never run (see sb_coclose). */
        int depth = sb->depth;
        sb->depth = 0;
        lua_getfield(L, LUA_REGISTRYINDEX, "briefc.stopped");
        lua_pushvalue(L, -2);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
        lua_pop(L, 1);
        sb->depth = depth;
    }
    if (level == 0) lua_pop(L, 1);
    if (sb->killed == 1)
        snprintf(msg, sizeof msg, "instruction limit reached (%lld million instructions)%s%s; "
                 "raise limits.instructions in brief.lua%s", sb->lim.instructions / 1000000,
                 what ? ": " : "", what ? what : "", what ? "" : " if this is not an endless loop");
    else
        snprintf(msg, sizeof msg, "time limit reached (%g s); raise limits.seconds in brief.lua "
                 "if this is not an endless loop", sb->lim.seconds);
    luaL_where(L, level);
    lua_pushstring(L, msg);
    lua_concat(L, 2);
    return lua_error(L);
}

static void hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    bc_sandbox *sb = sandbox_of(L);
    int every = lua_gethookcount(L);
    if (!sb->killed) {
        sb->instr_used += every;
        if (sb->instr_used > sb->lim.instructions) sb->killed = 1;
        else if (bc_now() > sb->deadline) sb->killed = 2;
        if (!sb->killed && every != HOOK_EVERY) lua_sethook(L, hook, LUA_MASKCOUNT, HOOK_EVERY);
    }
    if (sb->describe_stop && sb->instr_used > sb->describe_stop) sb->killed = 1;
    if (sb->killed) kill_now(L, sb, 0, NULL); /* in a hook, level 0 is the running function */
}

/* Counts work done inside one C call against the section's instruction budget, and stops the
   plugin at its line when it would run past it. The range is first..last (one element per
   index, each costing weight). */
static void charge(lua_State *L, lua_Integer first, lua_Integer last, double weight,
                   const char *what, const char *unit)
{
    if (last < first) return;
    bc_sandbox *sb = sandbox_of(L);
    lua_Unsigned d = (lua_Unsigned)last - (lua_Unsigned)first; /* elements - 1, exact */
    double n = ((double)d + 1) * weight;
    double left = (double)sb->lim.instructions - (double)sb->instr_used;
    if (!(n <= left)) {
        char msg[200];
        if (d == (lua_Unsigned)-1) snprintf(msg, sizeof msg, "%s over 18446744073709551616 %s", what, unit);
        else snprintf(msg, sizeof msg, "%s over %llu %s", what, (unsigned long long)d + 1, unit);
        kill_now(L, sb, 1, msg);
    }
    sb->instr_used += (long long)n;
}

/* Library calls that scan a long text without allocating (string.find with no match, utf8.len)
   are single instructions the hook does not see into: around the wrapped ones, a text of a
   megabyte or more makes them read the clock, so the time limit holds to within one call. */
#define CLOCK_TEXT ((size_t)1 << 20)

static void check_clock(lua_State *L, size_t n)
{
    bc_sandbox *sb = sandbox_of(L);
    if (n >= CLOCK_TEXT && !sb->killed && bc_now() > sb->deadline) {
        sb->killed = 2;
        kill_now(L, sb, 1, NULL);
    }
}

void bc_sandbox_check_clock(lua_State *L)
{
    bc_sandbox *sb = sandbox_of(L);
    if (!sb->killed && sb->lim.seconds > 0 && bc_now() > sb->deadline) {
        sb->killed = 2;
        lua_sethook(L, hook, LUA_MASKCOUNT, 1); /* raises at the plugin's next instruction */
    }
}

/* Every thread gets the hook: the main one when the state is made, coroutines when created. */
static void hook_thread(bc_sandbox *sb, lua_State *co)
{
    lua_sethook(co, hook, LUA_MASKCOUNT, sb->killed ? 1 : HOOK_EVERY);
}

/* A fresh budget: per call, between calls, and for closing the state. */
static void fresh_budget(bc_sandbox *sb)
{
    sb->instr_used = 0;
    sb->killed = 0;
    sb->describe_stop = 0;
    sb->deadline = bc_now() + sb->lim.seconds;
    if (sb->L) hook_thread(sb, sb->L);
}

/* Anything Lua raises outside a protected call ends the process with a message, never an
   abort. Every host access to plugin values is raw or protected, so this is a last resort. */
static int panic(lua_State *L)
{
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    fprintf(stderr, "briefc: error: %s (a Lua error outside a protected call: please report "
            "this as a bug of briefc)\n", msg ? msg : "unknown error");
    fflush(stderr);
    exit(1);
}

/* Errors raised by finalizers arrive as warnings "error in __gc (MESSAGE)": keep the first. */
static void warnf(void *ud, const char *msg, int tocont)
{
    bc_sandbox *sb = ud;
    size_t n = strlen(msg);
    if (sb->warn_len == 0 && !tocont && msg[0] == '@') return; /* control message */
    if (n > sizeof sb->warn - 1 - sb->warn_len) n = sizeof sb->warn - 1 - sb->warn_len;
    memcpy(sb->warn + sb->warn_len, msg, n);
    sb->warn_len += n;
    sb->warn[sb->warn_len] = 0;
    if (tocont) return;
    const char *p = sb->warn;
    if (!sb->gc_failed && strncmp(p, "error in __gc", 13) == 0) {
        p += 13;
        if (!strncmp(p, " metamethod", 11)) p += 11;
        if (!strncmp(p, " (", 2)) p += 2;
        char text[1024];
        snprintf(text, sizeof text, "%s", p);
        size_t tl = strlen(text);
        if (tl && text[tl - 1] == ')') text[tl - 1] = 0;
        bc_error e;
        if (bc_sandbox_split_message(text, &e))
            bc_error_set(&sb->gc_err, e.file, e.line, "in a __gc finalizer: %s", e.msg);
        else
            bc_error_set(&sb->gc_err, NULL, 0, "in a __gc finalizer: %s", text);
        sb->gc_failed = 1;
    }
    sb->warn_len = 0;
}

/* }====================================================== */

/* {====================================================== base library */

static int sb_print(lua_State *L)
{
    int n = lua_gettop(L);
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        fprintf(stderr, "%s:%d: ", ar.short_src, ar.currentline);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1) fputc('\t', stderr);
        fwrite(s, 1, len, stderr);
        lua_pop(L, 1);
    }
    fputc('\n', stderr);
    return 0;
}

/* load(chunk [, name [, mode [, env]]]): text only; env defaults to the caller's sandbox env. */
static int sb_load(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    const char *mode = luaL_optstring(L, 3, "t");
    if (strcmp(mode, "t") != 0)
        return luaL_error(L, "load: only text chunks may be loaded (mode \"t\"), not \"%s\"", mode);
    charge(L, 1, (lua_Integer)len, 1, "load", "bytes"); /* compiling runs in one C call */
    if (len > 0 && s[0] == LUA_SIGNATURE[0])
        return luaL_error(L, "load: binary chunks (bytecode) are not allowed");
    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnoneornil(L, 4)) lua_pushvalue(L, 4);
    else lua_pushvalue(L, lua_upvalueindex(1));
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    return 1;
}

static void push_env(bc_sandbox *sb, int cache_idx);

/* require(name). Upvalue 1 is the module cache of the plugin (or brief) that calls it: each
   plugin runs its own instance of every module it requires, which no other plugin can reach,
   so a plugin that writes into a module changes only its own copy. */
static int sb_require(lua_State *L)
{
    bc_sandbox *sb = sandbox_of(L);
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
            return luaL_error(L, "require: bad module name '%s'", name);
    lua_pushvalue(L, 1);
    lua_rawget(L, lua_upvalueindex(1));
    if (!lua_isnil(L, -1)) return 1;
    lua_pop(L, 1);
    char rel[256], path[1024];
    snprintf(rel, sizeof rel, "%s", name);
    for (char *p = rel; *p; p++)
        if (*p == '.') *p = '/';
    for (int i = 0; sb->module_dirs && sb->module_dirs[i]; i++) {
        snprintf(path, sizeof path, "%s/%s.lua", sb->module_dirs[i], rel);
        struct stat ls; /* a link counts, leading nowhere or out: the door refuses it */
        if (lstat(path, &ls) != 0) continue;
        push_env(sb, lua_upvalueindex(1)); /* the module shares its requirer's cache */
        bc_error err;
        if (bc_sandbox_load(sb, path, path, lua_gettop(L), &err) != BC_OK)
            return luaL_error(L, "require '%s': %s", name, err.msg);
        lua_call(L, 0, 1);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushboolean(L, 1);
        }
        lua_pushvalue(L, 1);
        lua_pushvalue(L, -2);
        lua_rawset(L, lua_upvalueindex(1));
        return 1;
    }
    return luaL_error(L, "module '%s' not found in the plugin path (only Lua modules beside the "
                         "plugins can be required)", name);
}

/* Calls the original function (upvalue 1) with this call's arguments, returning all it
   returns. */
static int call_original(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* string.rep, checked against the memory cap first: one long C call that the instruction
   hook cannot interrupt, and the easiest memory bomb to write. An empty result is made here:
   the library would loop over the count copying nothing (math.maxinteger times). */
static int sb_rep(lua_State *L)
{
    bc_sandbox *sb = sandbox_of(L);
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || (l == 0 && lsep == 0)) {
        lua_pushliteral(L, "");
        return 1;
    }
    double total = (double)l * (double)n + (double)lsep * (double)(n - 1);
    double left = (double)sb->lim.memory - (double)sb->mem_used;
    if (total > left) {
        char msg[200];
        snprintf(msg, sizeof msg, "memory limit reached: string.rep would need %.0f MB and "
                 "%zu MB are left of the brief's %zu MB; raise limits.memory_mb in brief.lua",
                 total / 1048576.0, (size_t)(left > 0 ? left / 1048576.0 : 0),
                 (sb->lim.memory - sb->baseline) >> 20);
        return luaL_error(L, "%s", msg);
    }
    /* the library loops once per copy: a few copies cost about one instruction (the bytes
       are charged by the allocator) */
    charge(L, 1, n, 0.25, "string.rep", "copies");
    lua_settop(L, 3);
    return call_original(L);
}

/* {------------------------------------------------------ the table library's loops */

/* Each of these runs one C loop over a range the plugin chooses (table.move over 2^62
   indices, table.concat or table.insert under a __len that lies): the range is counted
   against the budget before the loop starts. */
static int sb_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    charge(L, f, e, 1, "table.move", "elements");
    return call_original(L);
}

static int sb_concat(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    lua_Integer j = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
    charge(L, i, j, 1, "table.concat", "elements");
    return call_original(L);
}

static int sb_unpack(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 1);
    lua_Integer j = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
    charge(L, i, j, 1, "table.unpack", "elements");
    return call_original(L);
}

static int sb_insert(lua_State *L)
{
    if (lua_gettop(L) == 3) { /* insert(t, pos, v) shifts #t - pos + 1 elements */
        luaL_checkany(L, 1);
        lua_Integer n = luaL_len(L, 1), pos = luaL_checkinteger(L, 2);
        charge(L, pos, n, 1, "table.insert", "elements");
    }
    return call_original(L);
}

static int sb_remove(lua_State *L)
{
    if (lua_gettop(L) >= 2) {
        luaL_checkany(L, 1);
        lua_Integer n = luaL_len(L, 1), pos = luaL_checkinteger(L, 2);
        charge(L, pos, n, 1, "table.remove", "elements");
    }
    return call_original(L);
}

static int sb_sort(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_Integer n = luaL_len(L, 1);
    if (n > 1) charge(L, 1, n, log2((double)n), "table.sort", "elements");
    return call_original(L);
}

/* }------------------------------------------------------ */

/* {------------------------------------------------------ pattern matching */

/*
** Lua patterns backtrack: string.find(("a"):rep(1e5), ".-.-.-b") takes longer than the
** universe, inside one C call. Before a match runs, an upper bound of its steps is worked out
** from the pattern and the subject: the positions where a match can start (one when anchored,
** the count of bytes the first item can match when it is mandatory) times, for each
** quantified item that can backtrack, one plus the longest run of subject bytes it can match.
** A match whose bound exceeds the budget left is refused at the plugin's line.
*/

typedef struct pclass {
    unsigned char bits[32];
} pclass;

static void pc_add(pclass *c, unsigned ch) { c->bits[ch >> 3] |= (unsigned char)(1u << (ch & 7)); }
static int pc_has(const pclass *c, unsigned char ch) { return c->bits[ch >> 3] >> (ch & 7) & 1; }

/* %x as the pattern syntax defines it: a class letter, or the character itself. */
static int class_has(int cl, int ch)
{
    int r;
    switch (tolower(cl)) {
    case 'a': r = isalpha(ch); break;
    case 'c': r = iscntrl(ch); break;
    case 'd': r = isdigit(ch); break;
    case 'g': r = isgraph(ch); break;
    case 'l': r = islower(ch); break;
    case 'p': r = ispunct(ch); break;
    case 's': r = isspace(ch); break;
    case 'u': r = isupper(ch); break;
    case 'w': r = isalnum(ch); break;
    case 'x': r = isxdigit(ch); break;
    default: return ch == cl;
    }
    if (isupper(cl)) r = !r;
    return r != 0;
}

/* Adds %cl to c; each class's members are worked out once. */
static void pc_escape(pclass *c, int cl)
{
    static pclass known[256];
    static unsigned char made[256];
    if (!made[cl]) {
        for (int ch = 0; ch < 256; ch++)
            if (class_has(cl, ch)) pc_add(&known[cl], (unsigned)ch);
        made[cl] = 1;
    }
    for (int i = 0; i < 32; i++) c->bits[i] |= known[cl].bits[i];
}

/* Parses the set that starts at p ('['); returns the byte after its ']' or NULL. */
static const char *pc_set(pclass *c, const char *p, const char *pe)
{
    const char *q = p + 1, *end;
    int neg = 0;
    if (q < pe && *q == '^') {
        neg = 1;
        q++;
    }
    end = q; /* the first character is part of the set even when it is ']' */
    do {
        if (end >= pe) return NULL;
        if (*end++ == '%') {
            if (end >= pe) return NULL;
            end++;
        }
    } while (end >= pe || *end != ']');
    for (const char *r = q; r < end; r++) {
        if (*r == '%') {
            pc_escape(c, (unsigned char)*++r);
        } else if (r + 2 < end && r[1] == '-') {
            for (int ch = (unsigned char)r[0]; ch <= (unsigned char)r[2]; ch++) pc_add(c, (unsigned)ch);
            r += 2;
        } else {
            pc_add(c, (unsigned char)*r);
        }
    }
    if (neg)
        for (int i = 0; i < 32; i++) c->bits[i] = (unsigned char)~c->bits[i];
    return end + 1;
}

/* Subject statistics for the bounds, kept for the last subject (pinned in the registry so its
   address cannot be reused): a parser calling string.find(s, p, init) along one long text
   pays for the statistics once. */
struct pstats {
    const char *s;            /* the subject they describe, or NULL */
    size_t n;
    size_t hist[256];         /* bytes of each value */
    int nruns;
    pclass run_class[16];     /* classes whose longest run is known ... */
    double run[16];           /* ... and that run */
    int nlits;
    char lit[8][64];          /* literal strings whose occurrences are known ... */
    size_t litlen[8];
    double litcount[8];       /* ... how many times each occurs */
    double litgap[8];         /* ... and the longest reach from a position to its next end */
};
typedef struct pstats pstats;

static pstats *stats_for(lua_State *L, pstats *ps, int idx, const char *s, size_t n)
{
    if (ps->s == s && ps->n == n) return ps;
    lua_pushvalue(L, idx);
    lua_setfield(L, LUA_REGISTRYINDEX, "briefc.pattern_subject");
    ps->s = s;
    ps->n = n;
    ps->nruns = 0;
    ps->nlits = 0;
    memset(ps->hist, 0, sizeof ps->hist);
    for (size_t i = 0; i < n; i++) ps->hist[(unsigned char)s[i]]++;
    return ps;
}

/* Bytes of the subject in class c (the subject's length when there are no statistics). */
static double class_count(const pstats *ps, const pclass *c, size_t n)
{
    if (!ps) return (double)n;
    double count = 0;
    for (int ch = 0; ch < 256; ch++)
        if (pc_has(c, (unsigned char)ch)) count += (double)ps->hist[ch];
    return count;
}

/* The longest run of subject bytes in class c. */
static double class_run(pstats *ps, const pclass *c, size_t n)
{
    if (!ps) return (double)n;
    for (int i = 0; i < ps->nruns; i++)
        if (!memcmp(&ps->run_class[i], c, sizeof *c)) return ps->run[i];
    if (class_count(ps, c, n) == 0) return 0;
    size_t best = 0, run = 0;
    const unsigned char *s = (const unsigned char *)ps->s;
    for (size_t i = 0; i < n; i++) {
        run = pc_has(c, s[i]) ? run + 1 : 0;
        if (run > best) best = run;
    }
    if (ps->nruns < 16) {
        ps->run_class[ps->nruns] = *c;
        ps->run[ps->nruns++] = (double)best;
    }
    return (double)best;
}

/*
** The literal string a pattern spells from p on (captures are zero-width and skipped; "%." is
** a literal '.'), up to the first class, anchor or optional character; a character with '+'
** is taken once and ends it. Returns its length (at most cap) and where it ends in *after.
*/
static size_t literal_run(const char *p, const char *pe, char *buf, size_t cap, const char **after)
{
    size_t len = 0;
    while (p < pe && len < cap) {
        if (*p == '(' || *p == ')') {
            p++;
            continue;
        }
        const char *q = p;
        char ch;
        if (*p == '%') {
            if (p + 1 >= pe || isalnum((unsigned char)p[1])) break;
            ch = p[1];
            q = p + 2;
        } else {
            if (strchr(".[^$*+-?", *p)) break;
            ch = *p;
            q = p + 1;
        }
        if (q < pe && (*q == '*' || *q == '-' || *q == '?')) break;
        buf[len++] = ch;
        p = q;
        if (p < pe && *p == '+') {
            p++;
            break;
        }
    }
    *after = p;
    return len;
}

/* How often the literal occurs, and the longest way from any position to the end of the
   next occurrence (or to the end of the subject): what a lazy item followed by it can scan. */
static void literal_stats(pstats *ps, size_t n, const char *lit, size_t len, double *count,
                          double *gap)
{
    for (int i = 0; i < ps->nlits; i++)
        if (ps->litlen[i] == len && !memcmp(ps->lit[i], lit, len)) {
            *count = ps->litcount[i];
            *gap = ps->litgap[i];
            return;
        }
    double c = 0, g = 0;
    size_t from = 0; /* the first position not yet covered */
    const char *s = ps->s, *hit;
    while (from < n && (hit = memmem(s + from, n - from, lit, len)) != NULL) {
        size_t at = (size_t)(hit - s);
        if ((double)(at + len - from) > g) g = (double)(at + len - from);
        c++;
        from = at + 1;
    }
    if ((double)(n - from) > g) g = (double)(n - from);
    if (ps->nlits < 8) {
        memcpy(ps->lit[ps->nlits], lit, len);
        ps->litlen[ps->nlits] = len;
        ps->litcount[ps->nlits] = c;
        ps->litgap[ps->nlits++] = g;
    }
    *count = c;
    *gap = g;
}

/* The bytes all %bxy scans read when one starts at every x of the subject: each byte is read
   once per span still open there (an x opens one, a y closes the innermost; with x == y
   each x closes the span the previous one opened), plus one for each start. */
static double balance_work(const pstats *ps, size_t n, unsigned char x, unsigned char y)
{
    if (!ps) return (double)n * ((double)n + 1);
    const unsigned char *s = (const unsigned char *)ps->s;
    double work = 0, open = 0;
    for (size_t i = 0; i < n; i++) {
        work += open;
        if (x == y) {
            if (s[i] == x) open = 1, work += 1;
        } else if (s[i] == y) {
            if (open > 0) open--;
        } else if (s[i] == x) {
            open++;
            work += 1;
        }
    }
    return work;
}

/* The bound. A malformed pattern is bounded by the part before the fault: the matcher fails
   with an error as soon as it gets there (a pattern ending in an unclosed '[' still runs its
   prefix). Without statistics (ps NULL) every count and run is taken as the whole subject. */
static double pattern_bound(pstats *ps, size_t n, const char *p, size_t pl, int anchor)
{
    const char *pe = p + pl;
    double starts = (double)n + 1, product = 1;
    int items = 0, backtracking = 0, first = 1;
    if (anchor && p < pe && *p == '^') {
        starts = 1;
        p++;
    }
    while (p < pe) {
        pclass c;
        memset(&c, 0, sizeof c);
        const char *item = p;
        switch (*p) {
        case '(': case ')':
            p++;
            continue;
        case '.':
            memset(c.bits, 0xff, sizeof c.bits);
            p++;
            break;
        case '[':
            if (!(p = pc_set(&c, p, pe))) goto done; /* the matcher stops with an error there */
            break;
        case '%':
            if (p + 1 >= pe) goto done; /* the matcher stops with an error there */
            if (p[1] == 'b') { /* a balanced span scans up to the whole subject */
                if (p + 4 > pe) goto done; /* the matcher stops with an error there */
                if (first && starts > 1) { /* all its scans together: see balance_work */
                    starts = 1;
                    product *= balance_work(ps, n, (unsigned char)p[2], (unsigned char)p[3]) + 1;
                } else {
                    product *= (double)n + 1;
                }
                backtracking++;
                items++;
                first = 0;
                p += 4;
                continue;
            }
            if (p[1] == 'f') { /* a frontier matches no character */
                p += 2;
                if (p >= pe || *p != '[' || !(p = pc_set(&c, p, pe))) goto done; /* the matcher stops with an error there */
                continue;
            }
            if (isdigit((unsigned char)p[1])) { /* a back reference: linear */
                items++;
                first = 0;
                p += 2;
                continue;
            }
            pc_escape(&c, (unsigned char)p[1]);
            p += 2;
            break;
        default:
            if (*p == '$' && p + 1 == pe) { /* the end anchor */
                p++;
                continue;
            }
            pc_add(&c, (unsigned char)*p++);
        }
        items++;
        char q = p < pe ? *p : 0;
        int quantified = q == '*' || q == '+' || q == '-' || q == '?';
        if (first && starts > 1 && (!quantified || q == '+')) {
            /* a match starts only where this item matches, or where its literal string does */
            char lit[64];
            const char *after;
            int members = 0;
            for (int ch = 0; ch < 256; ch++) members += pc_has(&c, (unsigned char)ch);
            size_t len = members == 1 ? literal_run(item, pe, lit, sizeof lit, &after) : 0;
            double count, gap;
            if (ps && len > 1) {
                literal_stats(ps, n, lit, len, &count, &gap);
                starts = count + 1;
            } else {
                starts = class_count(ps, &c, n) + 1;
            }
        }
        first = 0;
        if (!quantified) continue;
        p++;
        const char *rest = p;
        while (rest < pe && *rest == ')') rest++;
        if (rest == pe) continue; /* the last item never backtracks: reaching it is success */
        double reach = q == '?' ? 1 : class_run(ps, &c, n);
        if (q == '-' && ps) {
            /* a lazy item followed by a literal that ends the pattern stops at the literal's
               next occurrence */
            char lit[64];
            const char *after;
            size_t len = literal_run(p, pe, lit, sizeof lit, &after);
            while (after < pe && *after == ')') after++;
            double count, gap;
            if (len && after == pe) {
                literal_stats(ps, n, lit, len, &count, &gap);
                if (gap < reach) reach = gap;
            }
        }
        product *= reach + 1;
        backtracking++;
        if (product > 1e30) break;
    }
done:
    return starts * product * (items + 1);
}

/* Refuses a match (string.find, match, gmatch, gsub) whose step bound exceeds the budget. */
static void check_pattern(lua_State *L, const char *what, int anchor, int plain_arg)
{
    bc_sandbox *sb = sandbox_of(L);
    if (!sb->pat) sb->pat = bc_xcalloc(1, sizeof *sb->pat);
    size_t n, pl;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *p = luaL_checklstring(L, 2, &pl);
    double left = ((double)sb->lim.instructions - (double)sb->instr_used) * PATTERN_FACTOR;
    int plain = (plain_arg && lua_toboolean(L, plain_arg)) ||
                (strlen(p) == pl && !strpbrk(p, "^$*+?.([%-"));
    double bound;
    if (plain) { /* each place the first byte occurs is compared with the whole pattern */
        bound = (double)n * ((double)pl + 1);
        if (bound > left && pl) {
            pstats *ps = stats_for(L, sb->pat, 1, s, n);
            bound = (double)ps->hist[(unsigned char)p[0]] * (double)pl + (double)n;
        }
    } else {
        bound = pattern_bound(NULL, n, p, pl, anchor);
        if (bound > left) bound = pattern_bound(stats_for(L, sb->pat, 1, s, n), n, p, pl, anchor);
    }
    if (bound > left) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s with the pattern '%.40s%s' could take %.2g steps on a "
                 "%zu-byte text; use a simpler pattern", what, p, pl > 40 ? "..." : "", bound, n);
        kill_now(L, sb, 1, msg);
    }
}

/* Runs the original on a checked pattern, reading the clock before and after on long texts. */
static int matched(lua_State *L, const char *what, int anchor, int plain_arg)
{
    size_t n;
    luaL_checklstring(L, 1, &n);
    check_clock(L, n);
    check_pattern(L, what, anchor, plain_arg);
    int results = call_original(L);
    check_clock(L, n);
    return results;
}

static int sb_find(lua_State *L) { return matched(L, "string.find", 1, 4); }
static int sb_match(lua_State *L) { return matched(L, "string.match", 1, 0); }
static int sb_gmatch(lua_State *L) { return matched(L, "string.gmatch", 0, 0); }
static int sb_gsub(lua_State *L) { return matched(L, "string.gsub", 1, 0); }

/* utf8.len and utf8.offset walk the text in C without allocating. */
static int sb_utf8_scan(lua_State *L)
{
    size_t n;
    luaL_checklstring(L, 1, &n);
    check_clock(L, n);
    int results = call_original(L);
    check_clock(L, n);
    return results;
}

/* }------------------------------------------------------ */

/* {------------------------------------------------------ threads, metatables, raw writes */

static int sb_cocreate(lua_State *L)
{
    call_original(L);
    lua_State *co = lua_tothread(L, -1);
    if (co) hook_thread(sandbox_of(L), co);
    return 1;
}

/* Whether co was stopped by the hook (and so has hooks off for good). */
static int stopped(lua_State *L, int co_idx)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "briefc.stopped");
    lua_pushvalue(L, co_idx);
    int r = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return r;
}

/* coroutine.close, except on a coroutine the hook stopped: closing runs its pending __close
   handlers in it, where hooks are off, and one could loop for ever. */
static int sb_coclose(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TTHREAD && stopped(L, 1)) kill_now(L, sandbox_of(L), 1, NULL);
    return call_original(L);
}

/* A coroutine.wrap function (upvalues: the thread, coroutine.resume, coroutine.close). The
   library's own closes the coroutine when it fails, stopped by the hook or not; this one goes
   through resume and the checked close. */
static int sb_wrapped(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_insert(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 2);
    lua_call(L, n + 1, LUA_MULTRET);
    if (lua_toboolean(L, 1)) return lua_gettop(L) - 1;
    lua_settop(L, 2); /* the error */
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int st = lua_status(co);
    if (st != LUA_OK && st != LUA_YIELD && !stopped(L, lua_upvalueindex(1))) {
        lua_pushvalue(L, lua_upvalueindex(3)); /* close its to-be-closed variables */
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_call(L, 1, 2);
        if (!lua_toboolean(L, -2)) lua_replace(L, 2); /* a __close error replaces it */
        lua_settop(L, 2);
    }
    if (lua_type(L, 2) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, 2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* coroutine.wrap(f): upvalues coroutine.create, coroutine.resume, coroutine.close */
static int sb_cowrap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 1, 1); /* the hooked create */
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, lua_upvalueindex(3));
    lua_pushcclosure(L, sb_wrapped, 3);
    return 1;
}

/* math.randomseed: the generator is one for the whole state, so a plugin seeding it would
   decide what every later plugin draws. */
static int sb_randomseed(lua_State *L)
{
    return luaL_error(L, "math.randomseed is not available: the random generator is shared "
                         "by every plugin");
}

/* setmetatable without finalizers: a __gc would run whenever the collector decides, after the
   section that made it or while the state closes, and always with hooks off (Lua disables
   them in finalizers), so no budget could stop one. Plugins hold nothing to release. (A __gc
   added to a metatable after setmetatable does not mark the object: only this call can.) */
static int sb_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        int t = lua_rawget(L, 2);
        lua_pop(L, 1);
        if (t != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc finalizers are not allowed in plugins "
                                 "(they would run outside the section's budget)");
    }
    return call_original(L);
}

/* The message handler xpcall is given, called through this one. An error the hook raises
   reaches the handler with hooks off (Lua disables them while a hook runs and the handler runs
   before the error unwinds): once the budget is spent, the plugin's handler is not run. */
static int xpcall_handler(lua_State *L)
{
    if (sandbox_of(L)->killed) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int sb_xpcall(lua_State *L)
{
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
    return call_original(L);
}

static int frozen_newindex(lua_State *L);

/* rawset, except on the frozen shared tables (rawset would write past their __newindex). */
static int sb_rawset(lua_State *L)
{
    if (lua_getmetatable(L, 1)) {
        lua_pushliteral(L, "__newindex");
        lua_rawget(L, -2);
        int frozen = lua_tocfunction(L, -1) == frozen_newindex;
        lua_pop(L, 2);
        if (frozen) return frozen_newindex(L);
    }
    return call_original(L);
}

/* }------------------------------------------------------ */

static int frozen_newindex(lua_State *L)
{
    const char *k = lua_tostring(L, 2);
    return luaL_error(L, "cannot change the shared library table%s%s%s (plugins may not change "
                         "what other plugins see)", k ? " (field '" : "", k ? k : "", k ? "')" : "");
}

/* The iterator pairs gives for a frozen table: next over the table behind it (upvalue 1),
   which the plugin never gets hold of. */
static int frozen_next(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1))) return 2;
    lua_pushnil(L);
    return 1;
}

/* pairs(frozen) -> iterator, the proxy itself, nil: handing out next and the table behind the
   proxy would let a plugin write into the shared library through it. */
static int frozen_pairs(lua_State *L)
{
    lua_getmetatable(L, 1);
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    lua_pushcclosure(L, frozen_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* Replaces the table at idx with a read-only proxy (in place on the stack). */
static void freeze(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);             /* proxy */
    lua_createtable(L, 0, 4);    /* metatable */
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, frozen_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, frozen_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_replace(L, idx);
}

/* Copies the named fields of the table on top into a new table, leaving it on top. */
static void pick(lua_State *L, const char *const *names)
{
    int src = lua_gettop(L);
    lua_newtable(L);
    for (; *names; names++) {
        lua_getfield(L, src, *names);
        lua_setfield(L, -2, *names);
    }
    lua_remove(L, src);
}

/* Replaces field name of the table at t with fn, the original as fn's upvalue. */
static void wrap(lua_State *L, int t, const char *name, lua_CFunction fn)
{
    lua_getfield(L, t, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, t, name);
}

/* Replaces the table on top with a shallow copy (the library's own table stays untouched). */
static void copy_top(lua_State *L)
{
    int src = lua_gettop(L);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_remove(L, src);
}

static void build_base(bc_sandbox *sb)
{
    lua_State *L = sb->L;
    static const char *const base_names[] = {
        "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal",
        "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type",
        "xpcall", "_VERSION", NULL};
    static const char *const os_names[] = {"date", "time", "clock", "difftime", NULL};
    static const char *const string_names[] = {
        "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "rep",
        "reverse", "sub", "upper", "pack", "packsize", "unpack", NULL};
    static const char *const libs[] = {"table", "math", "utf8", "coroutine", NULL};

    lua_newtable(L); /* base */
    int base = lua_gettop(L);
    lua_pushglobaltable(L);
    for (const char *const *n = base_names; *n; n++) {
        lua_getfield(L, -1, *n);
        lua_setfield(L, base, *n);
    }
    lua_getfield(L, base, "error");
    base_error = lua_tocfunction(L, -1);
    lua_pop(L, 1);
    wrap(L, base, "setmetatable", sb_setmetatable);
    wrap(L, base, "rawset", sb_rawset);
    wrap(L, base, "xpcall", sb_xpcall);
    /* string without dump (bytecode); also the string metatable's __index */
    lua_getfield(L, -1, "string");
    pick(L, string_names);
    int str = lua_gettop(L);
    wrap(L, str, "rep", sb_rep);
    wrap(L, str, "find", sb_find);
    wrap(L, str, "match", sb_match);
    wrap(L, str, "gmatch", sb_gmatch);
    wrap(L, str, "gsub", sb_gsub);
    lua_pushvalue(L, -1);
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 3);
    freeze(L, -1);
    lua_setfield(L, base, "string");
    for (const char *const *n = libs; *n; n++) {
        lua_getfield(L, -1, *n);
        copy_top(L);
        int t = lua_gettop(L);
        if (!strcmp(*n, "table")) {
            wrap(L, t, "move", sb_move);
            wrap(L, t, "concat", sb_concat);
            wrap(L, t, "unpack", sb_unpack);
            wrap(L, t, "insert", sb_insert);
            wrap(L, t, "remove", sb_remove);
            wrap(L, t, "sort", sb_sort);
        } else if (!strcmp(*n, "utf8")) {
            wrap(L, t, "len", sb_utf8_scan);
            wrap(L, t, "offset", sb_utf8_scan);
            wrap(L, t, "codepoint", sb_utf8_scan);
        } else if (!strcmp(*n, "math")) {
            lua_pushcfunction(L, sb_randomseed);
            lua_setfield(L, t, "randomseed");
        } else if (!strcmp(*n, "coroutine")) {
            wrap(L, t, "create", sb_cocreate);
            wrap(L, t, "close", sb_coclose);
            lua_getfield(L, t, "create");
            lua_getfield(L, t, "resume");
            lua_getfield(L, t, "close");
            lua_pushcclosure(L, sb_cowrap, 3);
            lua_setfield(L, t, "wrap");
        }
        freeze(L, -1);
        lua_setfield(L, base, *n);
    }
    lua_getfield(L, -1, "os");
    pick(L, os_names);
    freeze(L, -1);
    lua_setfield(L, base, "os");
    lua_pop(L, 1); /* globals */
    lua_pushcfunction(L, sb_print);
    lua_setfield(L, base, "print");
    sb->base_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L); /* coroutines the hook stopped, weakly */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, "briefc.stopped");
}

/* }====================================================== */

bc_sandbox *bc_sandbox_new(const bc_limits *lim, const char *const *module_dirs)
{
    bc_sandbox *sb = bc_xcalloc(1, sizeof *sb);
    sb->lim = *lim;
    sb->lim.memory = (size_t)-1 / 2; /* no cap while the libraries load */
    sb->L = lua_newstate(l_alloc, sb);
    if (!sb->L) {
        free(sb);
        return NULL;
    }
    lua_atpanic(sb->L, panic);
    lua_setwarnf(sb->L, warnf, sb);
    int n = 0;
    while (module_dirs && module_dirs[n]) n++;
    sb->module_dirs = bc_xcalloc((size_t)n + 1, sizeof(char *));
    for (int i = 0; i < n; i++) sb->module_dirs[i] = bc_xstrdup(module_dirs[i]);
    /* Only the libraries build_base draws from (no io, package or debug), into the private
       _G, never shown to chunks. */
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},        {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table},  {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8},  {LUA_COLIBNAME, luaopen_coroutine},
                                    {LUA_OSLIBNAME, luaopen_os}};
    for (size_t i = 0; i < sizeof libs / sizeof *libs; i++) {
        luaL_requiref(sb->L, libs[i].name, libs[i].func, 1);
        lua_pop(sb->L, 1);
    }
    build_base(sb);
    sb->baseline = sb->mem_used;
    sb->lim.memory = lim->memory + sb->baseline; /* the cap counts what plugins allocate */
    fresh_budget(sb); /* the hook stays on from now until the state is closed */
    return sb;
}

bc_status bc_sandbox_close(bc_sandbox *sb, bc_error *err)
{
    if (!sb || !sb->L) return BC_OK;
    /* Finalizers run while the state closes. Lua runs them with hooks off, so no budget can
       bound one: that is why setmetatable refuses __gc and no host metatable a plugin can
       reach has one. An error a finalizer raises is still reported. */
    fresh_budget(sb);
    sb->depth++;
    lua_close(sb->L);
    sb->depth--;
    sb->L = NULL;
    if (sb->gc_failed) {
        if (err) *err = sb->gc_err;
        return BC_ERR;
    }
    return BC_OK;
}

void bc_sandbox_free(bc_sandbox *sb)
{
    if (!sb) return;
    bc_sandbox_close(sb, NULL);
    for (int i = 0; sb->module_dirs && sb->module_dirs[i]; i++) free(sb->module_dirs[i]);
    free(sb->module_dirs);
    free(sb->root);
    free(sb->pat);
    free(sb);
}

void bc_sandbox_set_root(bc_sandbox *sb, const char *dir)
{
    free(sb->root);
    sb->root = dir ? bc_xstrdup(dir) : NULL;
}

lua_State *bc_sandbox_state(bc_sandbox *sb) { return sb->L; }
const bc_limits *bc_sandbox_limits(const bc_sandbox *sb) { return &sb->lim; }

void bc_sandbox_set_limits(bc_sandbox *sb, const bc_limits *lim)
{
    bc_limits def;
    bc_limits_default(&def);
    sb->lim = *lim;
    /* brief.c checks each limit's range; a value that escaped it (NaN) must not disarm one */
    if (!(sb->lim.seconds >= 0.001 && sb->lim.seconds <= 1e6)) sb->lim.seconds = def.seconds;
    if (sb->lim.instructions < 1000) sb->lim.instructions = def.instructions;
    sb->lim.memory = lim->memory + sb->baseline;
    fresh_budget(sb);
}

void bc_sandbox_set_global(bc_sandbox *sb, const char *name)
{
    lua_State *L = sb->L;
    if (lua_istable(L, -1)) freeze(L, -1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->base_ref);
    lua_insert(L, -2);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

static int env_index(lua_State *L)
{
    /* upvalue 1: base */
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    if (!lua_isnil(L, -1)) return 1;
    if (lua_type(L, 2) == LUA_TSTRING)
        return luaL_error(L, "undefined global '%s'", lua_tostring(L, 2));
    return 0;
}

/* Pushes a fresh environment; cache_idx is the module cache its require uses (0: a new one). */
static void push_env(bc_sandbox *sb, int cache_idx)
{
    lua_State *L = sb->L;
    if (cache_idx) cache_idx = lua_absindex(L, cache_idx);
    lua_newtable(L);
    int env = lua_gettop(L);
    lua_createtable(L, 0, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->base_ref);
    lua_pushcclosure(L, env_index, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, env);
    /* load() defaults to this environment */
    lua_pushvalue(L, env);
    lua_pushcclosure(L, sb_load, 1);
    lua_setfield(L, env, "load");
    if (cache_idx) lua_pushvalue(L, cache_idx);
    else lua_newtable(L);
    lua_pushcclosure(L, sb_require, 1);
    lua_setfield(L, env, "require");
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    sb->frozen = 1;
}

void bc_sandbox_push_env(bc_sandbox *sb) { push_env(sb, 0); }

bc_status bc_sandbox_load_text(bc_sandbox *sb, const char *src, size_t len, const char *chunkname,
                               int env_idx, bc_error *err)
{
    lua_State *L = sb->L;
    env_idx = lua_absindex(L, env_idx);
    if (len > 0 && src[0] == LUA_SIGNATURE[0])
        return bc_error_set(err, chunkname, 0, "'%s' is a compiled Lua chunk; only Lua source "
                            "is accepted", chunkname);
    char name[1100];
    snprintf(name, sizeof name, "@%s", chunkname);
    if (luaL_loadbufferx(L, src, len, name, "t") != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        if (!bc_sandbox_split_message(msg ? msg : "cannot load", err))
            bc_error_set(err, chunkname, 0, "%s", msg ? msg : "cannot load");
        lua_pop(L, 1);
        return BC_ERR;
    }
    lua_pushvalue(L, env_idx);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    return BC_OK;
}

/* {====================================================== compiled once per process */

typedef struct memo {
    char *path, *chunkname;
    off_t size;
    struct timespec mtime;
    bc_buf code;       /* lua_dump of the chunk this process compiled from the source */
} memo;

static memo *memos;
static int nmemos, memo_on;

void bc_sandbox_memo(int on) { memo_on = on; }

void bc_sandbox_memo_release(void)
{
    for (int i = 0; i < nmemos; i++) {
        free(memos[i].path);
        free(memos[i].chunkname);
        bc_buf_free(&memos[i].code);
    }
    free(memos);
    memos = NULL;
    nmemos = 0;
}

static int dump_writer(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    bc_buf_add(ud, p, n);
    return 0;
}

static memo *memo_find(const char *path, const char *chunkname, const struct stat *st)
{
    for (int i = 0; i < nmemos; i++)
        if (!strcmp(memos[i].path, path) && !strcmp(memos[i].chunkname, chunkname) &&
            memos[i].size == st->st_size && memos[i].mtime.tv_sec == st->st_mtim.tv_sec &&
            memos[i].mtime.tv_nsec == st->st_mtim.tv_nsec)
            return &memos[i];
    return NULL;
}

/* }====================================================== */

bc_status bc_sandbox_load(bc_sandbox *sb, const char *path, const char *chunkname, int env_idx,
                          bc_error *err)
{
    char *src;
    size_t len;
    lua_State *L = sb->L;
    env_idx = lua_absindex(L, env_idx);
    /* through the one door: inside the plugin path or the brief folder, a regular file of at
       most 4 MB; the memo is checked against the file opened, not the path */
    int nd = 0;
    while (sb->module_dirs && sb->module_dirs[nd]) nd++;
    const char **dirs = bc_xcalloc((size_t)nd + 2, sizeof *dirs);
    for (int i = 0; i < nd; i++) dirs[i] = sb->module_dirs[i];
    dirs[nd] = sb->root;
    bc_file_roots roots = {dirs, sb->root ? "the brief folder and the plugin path" : "the plugin path"};
    struct stat st;
    int fd = bc_file_open(path, chunkname, BC_FILE_LUA, &roots, &st, err);
    free(dirs);
    if (fd < 0) return BC_ERR;
    int use_memo = memo_on;
    memo *m = use_memo ? memo_find(path, chunkname, &st) : NULL;
    if (m) {
        char name[1100];
        snprintf(name, sizeof name, "@%s", chunkname);
        if (luaL_loadbufferx(L, m->code.data, m->code.len, name, "b") == LUA_OK) {
            lua_pushvalue(L, env_idx);
            if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
            close(fd);
            return BC_OK;
        }
        lua_pop(L, 1); /* cannot happen; compile from the source again */
    }
    bc_status rd = bc_file_read_fd(fd, chunkname, BC_FILE_LUA, &src, &len, err);
    close(fd);
    if (rd != BC_OK) return BC_ERR;
    bc_status st2 = bc_sandbox_load_text(sb, src, len, chunkname, env_idx, err);
    free(src);
    if (st2 == BC_OK && use_memo && !m) {
        memos = bc_xrealloc(memos, (size_t)(nmemos + 1) * sizeof *memos);
        memo *n = &memos[nmemos];
        memset(n, 0, sizeof *n);
        if (lua_dump(L, dump_writer, &n->code, 0) == 0) { /* with debug info: file:line errors */
            n->path = bc_xstrdup(path);
            n->chunkname = bc_xstrdup(chunkname);
            n->size = st.st_size;
            n->mtime = st.st_mtim;
            nmemos++;
        } else {
            bc_buf_free(&n->code);
        }
    }
    return st2;
}

/* {====================================================== errors */

int bc_sandbox_split_message(const char *msg, bc_error *err)
{
    /* "chunk:line: message", chunk may contain ':' only in odd paths; take the first ":N: " */
    const char *p = msg;
    while ((p = strchr(p, ':')) != NULL) {
        const char *q = p + 1;
        if (isdigit((unsigned char)*q)) {
            while (isdigit((unsigned char)*q)) q++;
            if (q[0] == ':' && q[1] == ' ') {
                char file[512];
                snprintf(file, sizeof file, "%.*s", (int)(p - msg), msg);
                bc_error_set(err, file, atoi(p + 1), "%s", q + 2);
                return 1;
            }
        }
        p++;
    }
    bc_error_set(err, NULL, 0, "%s", msg);
    return 0;
}

/* {------------------------------------------------------ describing an error value */

/*
** An error value may be anything a plugin made: a table with thousands of keys, keys and
** values megabytes long, a metatable whose __name is 5,000 bytes or whose __tostring loops.
** The description is built in a fixed C buffer from raw reads only (lua_next, lua_tolstring on
** strings, numbers formatted here), a bounded number of keys each cut to a bounded length.
** The one piece of plugin code it runs, __tostring, runs in a nested protected call with a
** budget of its own; nothing is pushed between the reads.
*/

#define DESCRIBE_KEYS 8     /* fields listed */
#define DESCRIBE_ITEM 80    /* bytes shown of each key and value */

typedef struct text {
    char s[2048];
    size_t n;
} text;

/* Appends len bytes, control characters as '?', cut at a UTF-8 boundary at most max bytes. */
static void text_add(text *t, const char *p, size_t len, size_t max)
{
    int cut = len > max;
    if (cut) {
        len = max;
        while (len > 0 && ((unsigned char)p[len] & 0xC0) == 0x80) len--;
    }
    for (size_t i = 0; i < len && t->n < sizeof t->s - 1; i++)
        t->s[t->n++] = (unsigned char)p[i] < 0x20 && p[i] != '\t' ? '?' : p[i];
    if (cut) text_add(t, "...", 3, 3);
    t->s[t->n] = 0;
}

static void text_adds(text *t, const char *s) { text_add(t, s, strlen(s), sizeof t->s); }

/* A raw rendering of the value at idx: strings (quoted when quote), numbers, booleans, and
   other types by name only. */
static void put_raw(lua_State *L, int idx, int quote, text *t)
{
    char num[64];
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len); /* a string: no conversion, no push */
        if (quote) text_adds(t, "\"");
        text_add(t, s, len, DESCRIBE_ITEM);
        if (quote) text_adds(t, "\"");
        break;
    }
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(L, idx));
        else snprintf(num, sizeof num, "%.14g", (double)lua_tonumber(L, idx));
        text_adds(t, num);
        break;
    case LUA_TBOOLEAN:
        text_adds(t, lua_toboolean(L, idx) ? "true" : "false");
        break;
    default:
        text_adds(t, lua_typename(L, lua_type(L, idx)));
    }
}

/* Runs by lua_pcall: the value's __tostring, looked up raw. */
static int call_tostring(lua_State *L)
{
    if (luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) return 0;
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    return 1;
}

static void describe_error(lua_State *L, int idx, text *t)
{
    idx = lua_absindex(L, idx);
    int type = lua_type(L, idx);
    if (type == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        text_add(t, s, len, sizeof t->s - 64);
        return;
    }
    if (type == LUA_TTABLE || type == LUA_TUSERDATA) {
        bc_sandbox *sb = sandbox_of(L);
        int hit = sb->mem_hit;
        long long saved = sb->describe_stop;
        sb->describe_stop = sb->instr_used + DESCRIBE_BUDGET;
        lua_pushcfunction(L, call_tostring);
        lua_pushvalue(L, idx);
        int st = lua_pcall(L, 1, 1, 0);
        sb->describe_stop = saved;
        sb->mem_hit = hit;
        if (st == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            text_add(t, s, len, 1000);
            lua_pop(L, 1);
            return;
        }
        lua_pop(L, 1);
    }
    if (type != LUA_TTABLE) {
        text_adds(t, "error object is a ");
        text_adds(t, lua_typename(L, type));
        text_adds(t, " value");
        return;
    }
    text_adds(t, "error object {");
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (n == DESCRIBE_KEYS) {
            text_adds(t, ", ...");
            lua_pop(L, 2);
            break;
        }
        if (n++) text_adds(t, ", ");
        if (lua_type(L, -2) == LUA_TSTRING) {
            put_raw(L, -2, 0, t);
        } else {
            text_adds(t, "[");
            put_raw(L, -2, 1, t);
            text_adds(t, "]");
        }
        text_adds(t, " = ");
        put_raw(L, -1, 1, t);
        lua_pop(L, 1);
    }
    text_adds(t, "}");
}

/* Whether a message starts with "chunk:line: ". */
static int has_position(const char *m)
{
    for (const char *p = m; *p && *p != ' '; p++)
        if (*p == ':' && isdigit((unsigned char)p[1])) {
            const char *q = p + 1;
            while (isdigit((unsigned char)*q)) q++;
            if (q[0] == ':' && q[1] == ' ') return 1;
        }
    return 0;
}

static int msgh(lua_State *L)
{
    text t = {.n = 0};
    t.s[0] = 0;
    describe_error(L, 1, &t);
    /* A non-string error has no position, nor has one raised by a library function called
       from C (a wrapped one): add the line of the plugin code that was running. */
    int add_where = lua_type(L, 1) != LUA_TSTRING;
    if (!add_where && !has_position(t.s)) {
        lua_Debug ar;
        if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sf", &ar)) {
            add_where = ar.what[0] == 'C' && lua_tocfunction(L, -1) != base_error;
            lua_pop(L, 1);
        }
    }
    const char *msg = t.s;
    if (add_where) {
        lua_Debug ar;
        for (int level = 1; lua_getstack(L, level, &ar); level++) {
            lua_getinfo(L, "Sl", &ar);
            if (ar.currentline > 0) {
                lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, t.s);
                msg = lua_tostring(L, -1);
                break;
            }
        }
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* }------------------------------------------------------ */

/* Keeps only traceback lines that point into Lua files, not into the host. */
static void trim_traceback(const char *tb, bc_error *err)
{
    const char *nl = strchr(tb, '\n');
    size_t o = 0;
    char *d = err->detail;
    d[0] = 0;
    if (!nl) return;
    const char *p = strstr(nl, "stack traceback:");
    if (!p) return;
    p = strchr(p, '\n');
    int kept = 0;
    while (p && *p) {
        p++;
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (memmem(p, len, ".lua:", 5) && !memmem(p, len, "[C]", 3) && kept < 12) {
            if (!kept) o += (size_t)snprintf(d + o, sizeof err->detail - o, "stack traceback:");
            if (o < sizeof err->detail)
                o += (size_t)snprintf(d + o, sizeof err->detail - o, "\n  %.*s", (int)len, p);
            kept++;
        }
        p = e;
        if (o >= sizeof err->detail - 1) break;
    }
}

bc_status bc_sandbox_call(bc_sandbox *sb, int nargs, int nresults, const char *what,
                          bc_error *err)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    sb->mem_hit = 0;
    fresh_budget(sb);
    bc_supervise_lease(sb->lim.seconds, what); /* the supervisor's clock, which C calls cannot stop */
    sb->depth++;
    int st = lua_pcall(L, nargs, nresults, base);
    sb->depth--;
    if (sb->pat && sb->pat->s) { /* unpin the last pattern subject */
        sb->pat->s = NULL;
        lua_pushnil(L);
        lua_setfield(L, LUA_REGISTRYINDEX, "briefc.pattern_subject");
    }
    int hit = sb->mem_hit;
    fresh_budget(sb); /* the budget between calls: the hook never comes off */
    lua_remove(L, base);
    if (st == LUA_OK) {
        if (sb->gc_failed != 1) return BC_OK;
        lua_pop(L, nresults > 0 ? nresults : 0); /* a finalizer failed during the call */
        sb->gc_failed = 2;
        *err = sb->gc_err;
        return BC_ERR;
    }
    if (st == LUA_ERRMEM || hit) {
        const char *tb = lua_tostring(L, -1);
        bc_error_set(err, NULL, 0, "%s: memory limit reached (%zu MB for the whole brief); raise "
                     "limits.memory_mb in brief.lua", what, (sb->lim.memory - sb->baseline) >> 20);
        if (tb && st != LUA_ERRMEM) {
            bc_error tmp;
            if (bc_sandbox_split_message(tb, &tmp)) {
                snprintf(err->file, sizeof err->file, "%s", tmp.file);
                err->line = tmp.line;
            }
            trim_traceback(tb, err);
        }
        lua_pop(L, 1);
        lua_gc(L, LUA_GCCOLLECT);
        return BC_ERR;
    }
    if (st == LUA_ERRERR) {
        lua_pop(L, 1);
        return bc_error_set(err, NULL, 0, "%s: an error occurred while its error was being "
                            "described (a C stack overflow, or no memory left)", what);
    }
    const char *tb = lua_tostring(L, -1);
    if (!tb) tb = "unknown error";
    char first[2048];
    const char *nl = strchr(tb, '\n');
    snprintf(first, sizeof first, "%.*s", nl ? (int)(nl - tb) : (int)strlen(tb), tb);
    bc_sandbox_split_message(first, err);
    trim_traceback(tb, err);
    lua_pop(L, 1);
    return BC_ERR;
}

/* }====================================================== */
