/*
** build.h — one build of one brief, and the argument parsing build-like commands share.
*/
#ifndef BC_BUILD_H
#define BC_BUILD_H

#include <stdio.h>

#define BC_EXIT_BRIEF 1
#define BC_EXIT_USAGE 2

#ifndef BC_PROJECT_DIR
#define BC_PROJECT_DIR "."
#endif

typedef struct bc_build_opts {
    const char *brief, *output, *dump;
    const char **defines;
    int ndefines;
    const char **plugin_dirs;
    int nplugin_dirs;
    int keep_going, stats, quiet, timings;
    int write;  /* 0 for check: everything but writing the PDF */
    int impose; /* a bc_impose_mode: pages placed on printer's sheets */
    int crop_marks;
    unsigned pdf_standard;    /* --pdf-standard: BC_STD_* bits (pdf_std.h), 0 the default */
    int layout_cache;         /* keep set text on disk for the next build of this brief (layout.c):
                           build, check and watch; not batch rows, each different */
    struct bc_fontset *fonts; /* fonts kept open across builds (batch workers), or NULL */
    struct bc_error *error;   /* when set, the error is stored here instead of printed */
    struct bc_buf *pack;      /* when set, the final layout is packed here (combine.h); with
                                 write 0 no PDF is rendered at all */
    struct bc_buf *pdf_out;   /* when set (with write 1), the PDF is kept here, not written
                                 (briefc serve's workers) */
    int prefetch; /* a one-build process (build): with nothing cached, open the libraries the
                     PDF will need on a second thread (dl.h) while the plugins run */
} bc_build_opts;

/* The PDF's path: the output given, or <brief name>.pdf (malloc'd). */
char *bc_build_output_path(const bc_build_opts *o);

/* Compiles one brief; returns an exit status (0, BC_EXIT_BRIEF). Under a supervisor
   (supervise.h) the outputs go to the parent, which writes them. */
int bc_build_run(const bc_build_opts *o);

/* Parses build-style arguments into o (argv[0] the command's name; options from cli.h);
   returns -1 to go on, or an exit status. */
int bc_build_parse(int argc, char **argv, bc_build_opts *o);
void bc_build_opts_free(bc_build_opts *o);

struct bc_brief;
/* The brief's font slots: its theme's families, from the brief's fonts/ then the project's. */
struct bc_fontset *bc_build_fonts(const struct bc_brief *b);

/* The folder holding the shipped plugins/ and fonts/ (BRIEFC_HOME or the source tree). */
const char *bc_project_dir(void);

/* Prints "briefc: <message>" and a hint; returns BC_EXIT_USAGE. */
int bc_usage_error(const char *fmt, const char *arg);

#endif
