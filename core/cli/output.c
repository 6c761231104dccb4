/*
** output.c — what briefc may overwrite (see output.h for the rules). Every output path is
** checked here before the atomic write of pdf.c; the checks run again at the moment of
** writing, not only when the options are read, so a file made meanwhile is seen.
*/
#define _GNU_SOURCE
#include "cli/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lua/brief.h"
#include "cli/build.h"
#include "pdf/pdf.h"

/* {====================================================== the guard */

static void add_dir(bc_output_guard *g, const char *dir)
{
    char real[PATH_MAX];
    if (!dir || !dir[0] || !realpath(dir, real)) return; /* not there: it holds nothing */
    for (int i = 0; i < g->ndirs; i++)
        if (!strcmp(g->dirs[i], real)) return;
    g->dirs = bc_xrealloc(g->dirs, (size_t)(g->ndirs + 1) * sizeof *g->dirs);
    g->dirs[g->ndirs++] = bc_xstrdup(real);
}

void bc_output_guard_add_input(bc_output_guard *g, const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0) return;
    size_t n = (size_t)g->ninputs + 1;
    g->dev = bc_xrealloc(g->dev, n * sizeof *g->dev);
    g->ino = bc_xrealloc(g->ino, n * sizeof *g->ino);
    g->input_names = bc_xrealloc(g->input_names, n * sizeof *g->input_names);
    g->dev[g->ninputs] = st.st_dev;
    g->ino[g->ninputs] = st.st_ino;
    g->input_names[g->ninputs] = bc_xstrdup(path);
    g->ninputs++;
}

void bc_output_guard_init(bc_output_guard *g, const bc_brief *b, const char *const *plugin_dirs,
                          int nplugin_dirs)
{
    char p[PATH_MAX + 32];
    const char *bdir = b && b->dir ? b->dir : NULL;
    if (b && b->real_dir)
        g->brief_real = bc_xstrdup(b->real_dir);
    else if (bdir && realpath(bdir, p))
        g->brief_real = bc_xstrdup(p);
    if (bdir) {
        static const char *const subs[] = {"plugins", "data", "fonts"};
        for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
            snprintf(p, sizeof p, "%s/%s", bdir, subs[i]);
            add_dir(g, p);
        }
    }
    snprintf(p, sizeof p, "%s/plugins", bc_project_dir());
    add_dir(g, p);
    snprintf(p, sizeof p, "%s/fonts", bc_project_dir());
    add_dir(g, p);
    for (int i = 0; i < nplugin_dirs; i++) add_dir(g, plugin_dirs[i]);
    const char *env = getenv("BRIEFC_PLUGIN_PATH");
    if (env) {
        char *copy = bc_xstrdup(env), *save = NULL;
        for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) add_dir(g, d);
        free(copy);
    }
    if (b && b->path) bc_output_guard_add_input(g, b->path);
    if (b && b->bibliography) {
        if (b->bibliography[0] == '/')
            snprintf(p, sizeof p, "%s", b->bibliography);
        else
            snprintf(p, sizeof p, "%s/%s", bdir ? bdir : ".", b->bibliography);
        bc_output_guard_add_input(g, p);
    }
}

void bc_output_guard_free(bc_output_guard *g)
{
    if (!g) return;
    for (int i = 0; i < g->ndirs; i++) free(g->dirs[i]);
    for (int i = 0; i < g->ninputs; i++) free(g->input_names[i]);
    free(g->dirs);
    free(g->input_names);
    free(g->dev);
    free(g->ino);
    free(g->brief_real);
    memset(g, 0, sizeof *g);
}

/* }====================================================== */

/* {====================================================== the checks */

static int inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/') return 1;
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* The folder an output goes into, resolved: the longest part that exists through realpath,
   the rest (folders a batch makes later) appended with "." and ".." applied. 0 when it cannot
   be resolved (then the write itself fails and says why). */
static int resolve_folder(const char *path, char *out)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if ((size_t)(slash - path) >= sizeof dir)
        return 0;
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    char rest[PATH_MAX] = "";
    for (;;) {
        if (realpath(dir, out)) break;
        if ((errno != ENOENT && errno != ENOTDIR) || !strcmp(dir, ".") || !strcmp(dir, "/"))
            return 0;
        char *s = strrchr(dir, '/');
        char tail[PATH_MAX];
        int n = snprintf(tail, sizeof tail, "%s%s%s", s ? s + 1 : dir, rest[0] ? "/" : "", rest);
        if (n < 0 || (size_t)n >= sizeof tail) return 0;
        memcpy(rest, tail, (size_t)n + 1);
        if (!s)
            snprintf(dir, sizeof dir, ".");
        else if (s == dir)
            snprintf(dir, sizeof dir, "/");
        else
            *s = 0;
    }
    char *save = NULL;
    for (char *c = strtok_r(rest, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (!strcmp(c, ".")) continue;
        size_t n = strlen(out);
        if (!strcmp(c, "..")) {
            char *s = strrchr(out, '/');
            if (s && s != out)
                *s = 0;
            else
                snprintf(out, PATH_MAX, "/");
            continue;
        }
        if (n + 1 + strlen(c) >= PATH_MAX) return 0;
        if (n > 1) out[n++] = '/';
        strcpy(out + n, c);
    }
    return 1;
}

/* Could briefc have written this existing file in the brief folder as kind? */
static int ours(const char *path, bc_output_kind kind)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return 0;
    struct stat st;
    char head[32] = "";
    ssize_t n = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        n = read(fd, head, sizeof head - 1);
    else
        n = -1;
    close(fd);
    if (n < 0) return 0;
    if (n == 0) return 1; /* empty: nothing to lose */
    head[n] = 0;
    switch (kind) {
    case BC_OUTPUT_PDF: return !strncmp(head, "%PDF-", 5);
    case BC_OUTPUT_DUMP:
        return !strncmp(head, BC_OUTPUT_DUMP_HEADER, strlen(BC_OUTPUT_DUMP_HEADER) - 1);
    case BC_OUTPUT_REPORT: return !strncmp(head, "{\"row\": ", 8);
    }
    return 0;
}

static const char *kind_name(bc_output_kind kind)
{
    return kind == BC_OUTPUT_PDF ? "a PDF" : kind == BC_OUTPUT_DUMP ? "a layout dump" : "a report";
}

/* Rule 1 by identity: the file at path (not followed if a link, which is replaced) is an
   input. Returns the input's name or NULL. */
static const char *input_named(const bc_output_guard *g, const struct stat *st)
{
    for (int i = 0; i < g->ninputs; i++)
        if (g->dev[i] == st->st_dev && g->ino[i] == st->st_ino) return g->input_names[i];
    return NULL;
}

/*
** A PDF output named like another format ("-o brief.png") is a mistake the user would only
** find when the file will not open as a picture: the extensions of formats people expect
** from a report tool are refused, with the name that would work. Other names pass.
*/
static bc_status check_pdf_name(const char *path, const char *what, bc_error *err)
{
    static const char *const other[] = {"png",  "jpg",  "jpeg", "gif",  "svg",  "webp", "tif",
                                        "tiff", "bmp",  "html", "htm",  "docx", "doc",  "odt",
                                        "rtf",  "tex",  "md",   "txt",  "ps",   "eps",  "xps",
                                        "epub", "json", "csv",  "xlsx", "pptx", NULL};
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) return BC_OK;
    for (const char *const *e = other; *e; e++) {
        if (strcasecmp(dot + 1, *e) != 0) continue;
        return bc_error_set(err, path, 0,
                            "%s '%s' is named as a .%s file, but briefc writes "
                            "PDF; name it '%.*s.pdf'%s",
                            what, path, dot + 1, (int)(dot - path), path,
                            !strcasecmp(*e, "png") ? " (then pdftoppm -png turns its pages into "
                                                     "PNG images)"
                                                   : "");
    }
    return BC_OK;
}

bc_status bc_output_check(const bc_output_guard *g, const char *path, bc_output_kind kind,
                          const char *what, bc_error *err)
{
    struct stat st;
    int exists = lstat(path, &st) == 0;
    if (exists) {
        const char *in = S_ISLNK(st.st_mode) ? NULL : input_named(g, &st);
        if (in)
            return bc_error_set(err, path, 0,
                                "%s names '%s', which briefc reads as an input; "
                                "write it to another file",
                                what, in);
        struct stat t = st;
        if (S_ISLNK(st.st_mode) && stat(path, &t) != 0) t.st_mode = S_IFLNK;
        if (S_ISDIR(t.st_mode))
            return bc_error_set(err, path, 0, "%s names a folder; give a file name", what);
        if (S_ISSOCK(t.st_mode) || S_ISBLK(t.st_mode))
            return bc_error_set(err, path, 0, "%s names a %s, not a regular file", what,
                                S_ISSOCK(t.st_mode) ? "socket" : "block device");
    }
    char folder[PATH_MAX];
    if (!resolve_folder(path, folder)) return BC_OK; /* the write will fail and say why */
    for (int i = 0; i < g->ndirs; i++)
        if (inside(folder, g->dirs[i]))
            return bc_error_set(err, path, 0,
                                "%s would write into '%s', a folder the brief "
                                "reads (plugins, data or fonts); write the output elsewhere",
                                what, g->dirs[i]);
    /* a link in the brief folder is a name plugins may read through, so it is kept too */
    if (exists && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && g->brief_real &&
        inside(folder, g->brief_real) && !ours(path, kind))
        return bc_error_set(err, path, 0,
                            "%s would replace a file in the brief folder that "
                            "is not %s briefc wrote (plugins may read it); choose another name",
                            what, kind_name(kind));
    return kind == BC_OUTPUT_PDF ? check_pdf_name(path, what, err) : BC_OK;
}

bc_status bc_output_prepare(bc_output_guard *g, const bc_brief *b, const bc_build_opts *o,
                            bc_error *err)
{
    bc_output_guard_init(g, b, o->plugin_dirs, o->nplugin_dirs);
    if (o->write && o->output &&
        bc_output_check(g, o->output, BC_OUTPUT_PDF, "the output", err) != BC_OK)
        return BC_ERR;
    if (o->dump && bc_output_check(g, o->dump, BC_OUTPUT_DUMP, "--dump-layout", err) != BC_OK)
        return BC_ERR;
    return BC_OK;
}

bc_status bc_output_commit(const bc_output_guard *g, const unsigned char *data, size_t len,
                           const char *path, bc_output_kind kind, const char *what, bc_error *err)
{
    if (bc_output_check(g, path, kind, what, err) != BC_OK) return BC_ERR;
    return bc_pdf_commit(data, len, path, err);
}

int bc_output_open_report(const bc_output_guard *g, const char *path, bc_error *err)
{
    if (bc_output_check(g, path, BC_OUTPUT_REPORT, "--report", err) != BC_OK) return -1;
    /* No O_TRUNC: what was opened is checked again by identity before it is emptied. A
       symbolic link is followed only to a device or a FIFO (/dev/stdout), never truncated. */
    int flags = O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC;
    int fd = open(path, flags | O_CREAT | O_NOFOLLOW, 0644), linked = 0;
    if (fd < 0 && errno == ELOOP) {
        fd = open(path, flags);
        linked = 1;
    }
    if (fd < 0) {
        int e = errno;
        bc_error_set(err, path, 0, "cannot write the report '%s': %s", path,
                     e == ENXIO ? "it is a FIFO that no process is reading" : strerror(e));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || (linked ? S_ISREG(st.st_mode) : 0) ||
        !(S_ISREG(st.st_mode) || S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        close(fd);
        bc_error_set(err, path, 0, "--report names %s; give the report file itself",
                     linked ? "a symbolic link" : "something that is not a regular file");
        return -1;
    }
    const char *in = input_named(g, &st);
    if (in) {
        close(fd);
        bc_error_set(err, path, 0,
                     "--report names '%s', which briefc reads as an input; "
                     "write it to another file",
                     in);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (S_ISREG(st.st_mode) && ftruncate(fd, 0) != 0) {
        bc_error_set(err, path, 0, "cannot write the report '%s': %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/* }====================================================== */
