/*
** sandbox_pattern.c — Lua patterns under a budget: before string.find, match, gmatch or
** gsub runs, an upper bound of its steps is worked out from the pattern and the subject, and a
** match that could outrun the budget left is refused at the plugin's line. Part of the sandbox
** (sandbox.c lists the parts).
*/
#define _GNU_SOURCE
#include "lua/sandbox_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

/* {------------------------------------------------------ pattern matching */

/*
** Lua patterns backtrack: string.find(("a"):rep(1e5), ".-.-.-b") takes longer than the
** universe, inside one C call. Before a match runs, an upper bound of its steps is worked out
** from the pattern and the subject: the positions where a match can start (one when anchored,
** the count of bytes the first item can match when it is mandatory) times, for each
** quantified item that can backtrack, one plus the longest run of subject bytes it can match.
** A match whose bound exceeds the budget left is refused at the plugin's line.
*/

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
            for (int ch = (unsigned char)r[0]; ch <= (unsigned char)r[2]; ch++)
                pc_add(c, (unsigned)ch);
            r += 2;
        } else {
            pc_add(c, (unsigned char)*r);
        }
    }
    if (neg)
        for (int i = 0; i < 32; i++) c->bits[i] = (unsigned char)~c->bits[i];
    return end + 1;
}

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
        case '(':
        case ')': p++; continue;
        case '.':
            memset(c.bits, 0xff, sizeof c.bits);
            p++;
            break;
        case '[':
            if (!(p = pc_set(&c, p, pe))) goto done; /* the matcher stops with an error there */
            break;
        case '%':
            if (p + 1 >= pe) goto done;    /* the matcher stops with an error there */
            if (p[1] == 'b') {             /* a balanced span scans up to the whole subject */
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
                if (p >= pe || *p != '[' || !(p = pc_set(&c, p, pe)))
                    goto done; /* the matcher stops with an error there */
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
    bc_sandbox *sb = bc_sb_sandbox_of(L);
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
        snprintf(msg, sizeof msg,
                 "%s with the pattern '%.40s%s' could take %.2g steps on a "
                 "%zu-byte text; use a simpler pattern",
                 what, p, pl > 40 ? "..." : "", bound, n);
        bc_sb_kill_now(L, sb, 1, msg);
    }
}

/* Runs the original on a checked pattern, reading the clock before and after on long texts. */
static int matched(lua_State *L, const char *what, int anchor, int plain_arg)
{
    size_t n;
    luaL_checklstring(L, 1, &n);
    bc_sb_check_clock(L, n);
    check_pattern(L, what, anchor, plain_arg);
    int results = bc_sb_call_original(L);
    bc_sb_check_clock(L, n);
    return results;
}

int bc_sb_find(lua_State *L) { return matched(L, "string.find", 1, 4); }
int bc_sb_match(lua_State *L) { return matched(L, "string.match", 1, 0); }
int bc_sb_gmatch(lua_State *L) { return matched(L, "string.gmatch", 0, 0); }
int bc_sb_gsub(lua_State *L) { return matched(L, "string.gsub", 1, 0); }

/* utf8.len and utf8.offset walk the text in C without allocating. */
int bc_sb_utf8_scan(lua_State *L)
{
    size_t n;
    luaL_checklstring(L, 1, &n);
    bc_sb_check_clock(L, n);
    int results = bc_sb_call_original(L);
    bc_sb_check_clock(L, n);
    return results;
}

/* }------------------------------------------------------ */
