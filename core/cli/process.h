/*
** process.h — the one owner of process-lifetime state. Some state outlives every document a
** process builds, because building it again for each would cost more than the build:
**   pdf/embed.c      the deflate stream (per thread) and the last font subsets made
**   pdf/pdf_std.c    the output intent's sRGB profile, deflated
**   lua/sandbox.c    the plugins compiled once (batch and serve workers)
**   text/hyph.c      hyphenation dictionaries loaded whole (batch workers)
**   text/shape.c     HarfBuzz faces and fonts, shaped runs, the shaping buffer
**   text/uax14.c     ICU line-break iterators per language
**   text/fcfind.c    fontconfig's configuration
**   layout/image.c   decoded images, by file
** Each is set up on first use, where it lives. bc_process_release is the one teardown, run
** at exit (bc_process_init registers it) and by worker processes that leave with _exit;
** it may run more than once. A new cache of this kind is added to the list above and to
** bc_process_release, nowhere else.
*/
#ifndef BC_CLI_PROCESS_H
#define BC_CLI_PROCESS_H

/* At the start of main: registers bc_process_release to run at exit. */
void bc_process_init(void);

/* Frees every process-lifetime cache (the calling thread's deflate stream). */
void bc_process_release(void);

#endif
