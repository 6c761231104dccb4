/*
** supervise.h — a build run in a child process that the brief's code cannot outrun.
**
** `build`, `check` and each `watch` rebuild fork a child that does the whole build under
** RLIMIT_AS and RLIMIT_CPU derived from the brief's limits, while the parent holds the wall
** clock: the child leases time phase by phase in a page the two share (each protected Lua
** call leases limits.seconds, host phases a fixed allowance), and a child still running when
** its lease runs out is killed with SIGKILL. The child never touches the output files: it
** writes the PDF and the layout dump into memory files the parent made, and the parent
** commits them only when the child exited by itself, so a killed build leaves no partial PDF
** and no temporary file, and an existing output is left untouched.
**
** BRIEFC_NO_FORK=1 runs the build in the process itself (debuggers); the limits then rest on
** the sandbox alone.
*/
#ifndef BC_SUPERVISE_H
#define BC_SUPERVISE_H

#include <stddef.h>

#include "base/util.h"

struct bc_build_opts;
struct bc_limits;

/* Seconds the host gets for a phase of its own (reading the brief, layout, PDF). */
#define BC_SUPERVISE_HOST_SECONDS 60.0

/* The outputs the child hands to its parent. */
typedef enum { BC_SUPERVISE_DUMP = 0, BC_SUPERVISE_PDF = 1 } bc_supervise_output;

/* Runs bc_build_run in a supervised child (or in-process, see above); returns its exit
   status. For the command line: errors are printed, never stored in o->error. */
int bc_supervise_build(const struct bc_build_opts *o);

/* {====================================================== in the child (no-ops elsewhere) */

/* Is this process a supervised child? */
int bc_supervise_active(void);

/* The next `seconds` of the build belong to `what` ("section 'gdp'", "layout"). */
void bc_supervise_lease(double seconds, const char *what);

/* The brief is known: names it for the parent's messages and sets RLIMIT_AS and RLIMIT_CPU
   from its limits. */
void bc_supervise_brief(const char *path, const struct bc_limits *lim, int nsections);

/* Writes an output into the memory file the parent made for it and tells the parent it is
   complete. BC_EIO with err set when the write fails; returns BC_ERR without writing when
   the parent made no file for it (the caller then writes the file itself). */
bc_status bc_supervise_put(bc_supervise_output which, const void *data, size_t len, bc_error *err);

/* }====================================================== */

#endif
