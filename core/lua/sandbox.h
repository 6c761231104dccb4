/*
** sandbox.h — the Lua state plugins and briefs run in, and its limits.
**
** One protected world per build: a capped allocator (a memory bomb becomes an error, never
** an abort), an instruction budget per section enforced by a count hook that a pcall cannot
** swallow, on every thread, from the state's creation to its close, an allow-listed base
** library frozen against writes (rawset included) whose C loops count their work against the
** budget, no finalizers, a fresh strict _ENV per chunk with its own module instances, text-only
** loading, a panic handler, and error messages turned into "file:line: message" plus a
** traceback trimmed to plugin frames, described with raw reads only. Lua errors longjmp only
** inside this layer and api.c.
*/
#ifndef BC_SANDBOX_H
#define BC_SANDBOX_H

#include <lua.h>

#include "base/util.h"

typedef struct bc_limits {
    size_t memory;          /* bytes the Lua heap may hold */
    long long instructions; /* VM instructions per section */
    double seconds;         /* wall time per section */
    int pages;              /* pages per brief */
} bc_limits;

void bc_limits_default(bc_limits *l);

typedef struct bc_sandbox bc_sandbox;

/* module_dirs: NULL-terminated folders that 'require' searches (copied). */
bc_sandbox *bc_sandbox_new(const bc_limits *lim, const char *const *module_dirs);
void bc_sandbox_free(bc_sandbox *sb);
/* The brief folder: Lua files loaded may be anywhere inside it as well as in module_dirs
   (see fileio.h; a file elsewhere, through a link or not, is refused). NULL: none. */
void bc_sandbox_set_root(bc_sandbox *sb, const char *dir);

/* Closes the Lua state and reports an error a finalizer raised, if any (plugins cannot set
   finalizers; the host's own run). Afterwards bc_sandbox_state returns NULL; free still frees
   the rest. */
bc_status bc_sandbox_close(bc_sandbox *sb, bc_error *err);

lua_State *bc_sandbox_state(bc_sandbox *sb);
void bc_sandbox_set_limits(bc_sandbox *sb, const bc_limits *lim);
const bc_limits *bc_sandbox_limits(const bc_sandbox *sb);

/*
** Charges n bytes the host allocated on the brief's behalf (its document, its warnings) to the
** same budget as the Lua heap, for good: returns 0, charging nothing, when that would pass
** limits.memory (the caller then raises "memory limit reached" at the plugin's line).
*/
int bc_sandbox_charge(lua_State *L, size_t n);

/* For host calls that take long with few instructions between them (a megabyte paragraph
   each): past the section's deadline, the plugin stops at its next instruction with the
   usual "time limit reached" at its line. */
void bc_sandbox_check_clock(lua_State *L);

/* Seconds left before the running call's deadline (limits.seconds), or -1 without one. */
double bc_sandbox_seconds_left(lua_State *L);

/* Pushes a fresh environment whose reads fall through to the frozen base and whose reads
   of undefined names are errors. */
void bc_sandbox_push_env(bc_sandbox *sb);

/* Adds a global visible to every chunk: pops the value on top of the stack. Call before
   the first push_env (the base is frozen then). */
void bc_sandbox_set_global(bc_sandbox *sb, const char *name);

/*
** Loads a Lua source file (never a compiled file; see bc_sandbox_memo) as a function whose
** _ENV is the table at env_idx and pushes it. chunkname is what errors show
** ("plugins/x.lua").
*/
/*
** A batch worker builds the same plugins for every row. With the memo on, each plugin file is
** compiled from its source once per process; later loads of the same file (same size and
** modification time) take the compiled form this process made, never a compiled file.
*/
void bc_sandbox_memo(int on);
void bc_sandbox_memo_release(void);

bc_status bc_sandbox_load(bc_sandbox *sb, const char *path, const char *chunkname, int env_idx,
                          bc_error *err);

/* The same for source text already in memory. */
bc_status bc_sandbox_load_text(bc_sandbox *sb, const char *text, size_t len, const char *chunkname,
                               int env_idx, bc_error *err);

/*
** Calls the function below nargs arguments with a fresh budget, like lua_pcall. On error fills
** err: file and line from the message, the message, and a trimmed traceback in err->detail;
** what names the limit's owner in limit messages ("section 'aid_totals'").
*/
bc_status bc_sandbox_call(bc_sandbox *sb, int nargs, int nresults, const char *what, bc_error *err);

/* Splits "file:line: message" into err. Returns 1 when a location was found. */
int bc_sandbox_split_message(const char *msg, bc_error *err);

/* Lua's release the host was built with, and the version of the runtime it runs on
   (briefc version --verbose). */
const char *bc_sandbox_lua_release(void);
double bc_sandbox_lua_runtime(void);

#endif
