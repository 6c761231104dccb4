/*
** sandbox_int.h — what the parts of the sandbox share (sandbox.c lists them): the sandbox's
** state, its budget constants, and the functions the parts call across files (prefix
** bc_sb_). Not for use outside core/lua/.
*/
#ifndef BC_SANDBOX_INT_H
#define BC_SANDBOX_INT_H

#include <lua.h>

#include "lua/sandbox.h"

struct bc_sandbox {
    lua_State *L;
    bc_limits lim;
    size_t mem_used;
    int mem_hit;     /* the allocator refused a request */
    int sys_refused; /* realloc itself failed (an address-space limit), under the cap */
    long long instr_used;
    double deadline;
    int killed;              /* 1 instructions, 2 time: the hook keeps raising */
    int depth;               /* bc_sandbox_call nesting: the memory cap applies inside */
    long long describe_stop; /* > 0 while an error object's __tostring runs: its budget */
    size_t baseline;         /* heap used by the libraries, not counted against the cap */
    int base_ref;            /* frozen base table */
    int frozen;
    char **module_dirs;
    char *root;      /* the brief folder: Lua files may also be anywhere inside it */
    char warn[1024]; /* a finalizer error being assembled by warnf */
    size_t warn_len;
    bc_error gc_err; /* the first error raised in a finalizer */
    int gc_failed;
    struct pstats *pat; /* subject statistics for pattern bounds */
};

#define HOOK_EVERY 10000
#define DESCRIBE_BUDGET 1000000 /* instructions an error object's __tostring may take */
#define PATTERN_FACTOR 10.0     /* pattern steps allowed per instruction left in the budget */
#define ALLOC_CHARGED 65536     /* Lua blocks from this size count against the budget ... */
#define ALLOC_BYTES_PER_INSTRUCTION 64 /* ... as one instruction per this many bytes */

/* A set of bytes, as a pattern item matches them (sandbox_pattern.c). */
typedef struct pclass {
    unsigned char bits[32];
} pclass;

/* Subject statistics for the bounds, kept for the last subject (pinned in the registry so its
   address cannot be reused): a parser calling string.find(s, p, init) along one long text
   pays for the statistics once. */
struct pstats {
    const char *s; /* the subject they describe, or NULL */
    size_t n;
    size_t hist[256]; /* bytes of each value */
    int nruns;
    pclass run_class[16]; /* classes whose longest run is known ... */
    double run[16];       /* ... and that run */
    int nlits;
    char lit[8][64]; /* literal strings whose occurrences are known ... */
    size_t litlen[8];
    double litcount[8]; /* ... how many times each occurs */
    double litgap[8];   /* ... and the longest reach from a position to its next end */
};
typedef struct pstats pstats;

/* The base library's error: errors it raises keep the position the plugin chose. */
extern lua_CFunction bc_sb_base_error;

/* sandbox.c */
void bc_sb_charge(lua_State *L, lua_Integer first, lua_Integer last, double weight,
                  const char *what, const char *unit);
void bc_sb_check_clock(lua_State *L, size_t n);
void bc_sb_fresh_budget(bc_sandbox *sb);
void bc_sb_hook_thread(bc_sandbox *sb, lua_State *co);
int bc_sb_kill_now(lua_State *L, bc_sandbox *sb, int level, const char *what);
void bc_sb_push_env(bc_sandbox *sb, int cache_idx);
bc_sandbox *bc_sb_sandbox_of(lua_State *L);

/* sandbox_lib.c */
void bc_sb_build_base(bc_sandbox *sb);
int bc_sb_call_original(lua_State *L);
void bc_sb_freeze(lua_State *L, int idx);
int bc_sb_load(lua_State *L);
int bc_sb_require(lua_State *L);

/* sandbox_pattern.c */
int bc_sb_find(lua_State *L);
int bc_sb_gmatch(lua_State *L);
int bc_sb_gsub(lua_State *L);
int bc_sb_match(lua_State *L);
int bc_sb_utf8_scan(lua_State *L);

#endif
