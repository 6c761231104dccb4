/*
** output.h — what briefc may overwrite: the checks every output path passes (the PDF, the
** --dump-layout text, a batch row's PDF, the combined PDF, the batch report) before anything
** is written, so that no output can replace the brief's own sources.
**
** The rules, in order:
**  1. The output is not the same file (device and inode) as an input named to the guard:
**     brief.lua, the bibliography, the batch manifest.
**  2. Its folder (symbolic links and ".." resolved) is not inside the brief's plugins/,
**     data/ or fonts/ folder, a plugin folder on the search path, or a font folder.
**  3. Inside the brief folder, an existing file is replaced only when briefc could have
**     written it: an empty file, a PDF ("%PDF-") for a PDF, a layout dump for --dump-layout,
**     a batch report for --report. Plugins may read any file in the brief folder, so any
**     other file there (or symbolic link) may be an input.
**  4. An existing folder, socket or block device is refused (pdf.h says how devices, FIFOs
**     and symbolic links are written).
*/
#ifndef BC_OUTPUT_H
#define BC_OUTPUT_H

#include <stddef.h>
#include <sys/types.h>

#include "base/util.h"

typedef enum {
    BC_OUTPUT_PDF,   /* -o, a batch row, --combine */
    BC_OUTPUT_DUMP,  /* --dump-layout */
    BC_OUTPUT_REPORT /* batch --report */
} bc_output_kind;

/* The first line of every layout dump, which also lets rule 3 recognise one. */
#define BC_OUTPUT_DUMP_HEADER "# briefc layout dump\n"

typedef struct bc_output_guard {
    char *brief_real; /* the brief folder, resolved, or NULL */
    char **dirs;      /* folders nothing is written into, resolved */
    int ndirs;
    dev_t *dev; /* input files, by identity */
    ino_t *ino;
    char **input_names; /* as the user would know them */
    int ninputs;
} bc_output_guard;

struct bc_brief;
/* Fills g for a brief: its folder, brief.lua, bibliography, plugins/, data/, fonts/, the
   plugin search path (extra plugin folders, BRIEFC_PLUGIN_PATH, the project's) and the
   project's fonts. g must be zeroed first; free with bc_output_guard_free. */
void bc_output_guard_init(bc_output_guard *g, const struct bc_brief *b,
                          const char *const *plugin_dirs, int nplugin_dirs);
struct bc_build_opts;
/* For one build: fills g (bc_output_guard_init) and checks -o (when the build writes) and
   --dump-layout before any plugin runs; the checks run again when each file is written. */
bc_status bc_output_prepare(bc_output_guard *g, const struct bc_brief *b,
                            const struct bc_build_opts *o, bc_error *err);
/* Adds one more input file (the batch manifest). */
void bc_output_guard_add_input(bc_output_guard *g, const char *path);
void bc_output_guard_free(bc_output_guard *g);

/* BC_OK when path may be written as kind under g's rules, else BC_ERR with a message naming
   the output and saying why. what names the option ("-o", "--dump-layout"…). */
bc_status bc_output_check(const bc_output_guard *g, const char *path, bc_output_kind kind,
                          const char *what, bc_error *err);

/* bc_output_check, then the atomic write of pdf.h. */
bc_status bc_output_commit(const bc_output_guard *g, const unsigned char *data, size_t len,
                           const char *path, bc_output_kind kind, const char *what, bc_error *err);

/* Checks a report path and opens it for writing without ever truncating a file that fails
   the checks (opened first, checked by identity, then truncated). Returns an fd or -1. */
int bc_output_open_report(const bc_output_guard *g, const char *path, bc_error *err);

#endif
