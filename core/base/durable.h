/*
** durable.h — when written outputs reach the disk: one file at a time, or a batch at once.
**
** By default every output briefc commits (pdf.h) is written to a temporary file, flushed with
** fdatasync and renamed into place. A batch of a thousand handouts paid that flush a thousand
** times: on ext4 about 0.6 ms of system time and a wait for the journal per row, more than the
** rest of the row's system time together.
**
** A batch instead defers the flush and makes its outputs durable together:
**   - each worker calls bc_durable_defer(1): its outputs are still written to a temporary
**     file and renamed into place (no reader ever sees a partial PDF under its name), but not
**     flushed one by one;
**   - the parent notes the output of every row built (bc_durable_note), which keeps one
**     descriptor on a folder of each file system written to;
**   - after every worker has exited, the parent flushes each of those file systems once
**     (bc_durable_sync: syncfs, which also covers the renames and new folders, stronger than
**     the per-file fdatasync, which did not flush the rename). If that fails, batch says so
**     and exits non-zero.
** The guarantee: when `briefc batch` exits 0, every PDF it reports as built is on disk under
** its name. If the machine stops before that (power loss), PDFs of this run may be missing or
** empty; `--resume` builds those again (it never counts an empty output as up to date).
*/
#ifndef BC_DURABLE_H
#define BC_DURABLE_H

#include "base/util.h"

/* Whether bc_pdf_commit flushes each file (0, the default) or leaves it to bc_durable_sync. */
void bc_durable_defer(int on);
int bc_durable_deferred(void);

/* Remembers the file system of the folder holding path (a file just written), for
   bc_durable_sync. Cheap when the folder is the last one noted. */
void bc_durable_note(const char *path);

/* Flushes every file system noted (syncfs) and forgets them. BC_OK when each flush
   succeeded or nothing was noted; otherwise err says which folder failed and why. */
bc_status bc_durable_sync(bc_error *err);

#endif
