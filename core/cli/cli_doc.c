/*
** cli_doc.c — everything printed from the option table (cli.h): `briefc help`, `briefc help
** COMMAND`, the man page briefc(1) and the bash, zsh and fish completion scripts. The build runs
** `briefc help --man` and `--completion` to make the installed files, so help, man page and
** completions come from the same table as the parser.
*/
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Environment variables briefc reads, for `help` and the man page. */
static const struct {
    const char *name, *help;
} env_vars[] = {
    {"BRIEFC_HOME", "the folder holding the shipped plugins/ and fonts/ (default: share/briefc "
                    "beside the installed binary, else the source tree)"},
    {"BRIEFC_PLUGIN_PATH", "extra plugin folders, colon-separated"},
    {"BRIEFC_CACHE_DIR", "the on-disk cache (default: $XDG_CACHE_HOME/briefc or "
                         "~/.cache/briefc); empty turns it off"},
    {"BRIEFC_NO_FORK", "1: build in this process, not a supervised child (for debuggers)"},
    {"SLURM_ARRAY_TASK_ID", "with SLURM_ARRAY_TASK_COUNT (or _MIN, _MAX, _STEP): batch's share "
                            "of a Slurm job array"},
    {"JOB_COMPLETION_INDEX", "with BRIEFC_SHARD_COUNT: batch's share of a Kubernetes indexed job"},
    {"NO_COLOR", "when set and not empty, diagnostics have no colour (unless --color=always)"},
};
#define NENV (sizeof env_vars / sizeof *env_vars)

static const bc_cli_cmd *find_cmd(const char *name)
{
    for (const bc_cli_cmd *c = bc_cli_cmds; c->name; c++)
        if (!strcmp(c->name, name)) return c;
    return NULL;
}

/* "-o, --output FILE" */
static void opt_name(char *out, size_t cap, const bc_cli_opt *o)
{
    int n = 0;
    if (o->short_name) n += snprintf(out + n, cap - (size_t)n, "-%c", o->short_name);
    if (o->short_name && o->long_name) n += snprintf(out + n, cap - (size_t)n, ", ");
    if (o->long_name) n += snprintf(out + n, cap - (size_t)n, "--%s", o->long_name);
    if (o->arg && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, o->long_name ? " %s" : "%s", o->arg);
}

/* Text wrapped to 79 columns, each line after the first indented by `indent`, starting at
   column `col`. */
static void wrap(FILE *f, const char *text, int col, int indent)
{
    const char *s = text;
    while (*s) {
        while (*s == ' ') s++;
        size_t w = strcspn(s, " ");
        if (!w) break;
        if (col > indent && col + 1 + (int)w > 79) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', f);
            col++;
        }
        fwrite(s, 1, w, f);
        col += (int)w;
        s += w;
    }
    fputc('\n', f);
}

static void print_options(FILE *f, const char *cmd, int globals)
{
    for (const bc_cli_opt *o = bc_cli_opts; o->commands; o++) {
        if (!bc_cli_applies(o, cmd) || (!globals && !strcmp(o->commands, "*"))) continue;
        char name[96];
        opt_name(name, sizeof name, o);
        int col = fprintf(f, "  %-22s", name);
        if (col > 24) {
            fprintf(f, "\n%24s", "");
            col = 24;
        }
        wrap(f, o->help, col, 24);
    }
}

void bc_cli_help_command(FILE *f, const char *cmd)
{
    const bc_cli_cmd *c = find_cmd(cmd);
    fprintf(f, "usage: briefc %s %s\n", cmd, c ? c->usage : "[options]");
    if (c && c->text) {
        fputc('\n', f);
        wrap(f, c->text, 0, 0);
    }
    fprintf(f, "\noptions:\n");
    print_options(f, cmd, 1);
}

void bc_cli_help_all(FILE *f, const bc_cli_summary *cmds, int n)
{
    fprintf(f, "usage: briefc [--color=WHEN] COMMAND [ARGS]\n\ncommands:\n");
    for (int i = 0; i < n; i++) {
        const bc_cli_cmd *c = find_cmd(cmds[i].name);
        fprintf(f, "  %-8s %s\n", cmds[i].name, c ? c->usage : "");
        fprintf(f, "  %-8s   ", "");
        wrap(f, cmds[i].summary, 11, 11);
    }
    fprintf(f, "\noptions of every command:\n");
    print_options(f, "*", 1);
    fprintf(f, "\n'briefc help COMMAND' shows a command's options; 'man briefc' has it all.\n"
               "\nenvironment:\n");
    for (size_t i = 0; i < NENV; i++) {
        int col = fprintf(f, "  %-22s", env_vars[i].name);
        if (col > 24) {
            fprintf(f, "\n%24s", "");
            col = 24;
        }
        wrap(f, env_vars[i].help, col, 24);
    }
}

/* {====================================================== man page */

/* Text for roff: backslashes and hyphens escaped, a leading dot or quote made harmless. */
static void roff(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'') fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

static void man_option(FILE *f, const bc_cli_opt *o)
{
    fputs(".TP\n", f);
    if (o->short_name) fprintf(f, "\\fB\\-%c\\fR", o->short_name);
    if (o->short_name && o->long_name) fputs(", ", f);
    if (o->long_name) {
        fputs("\\fB", f);
        roff(f, "--");
        roff(f, o->long_name);
        fputs("\\fR", f);
    }
    if (o->arg) {
        fputs(o->long_name ? " \\fI" : "\\fI", f);
        roff(f, o->arg);
        fputs("\\fR", f);
    }
    fputc('\n', f);
    roff(f, o->help);
    fputs(".\n", f);
}

void bc_cli_man(FILE *f, const bc_cli_summary *cmds, int n, const char *version)
{
    fprintf(f,
            ".\\\" briefc(1), generated by `briefc help --man` from core/cli.c: edit that\n"
            ".TH BRIEFC 1 \"\" \"briefc %s\" \"User Commands\"\n"
            ".SH NAME\nbriefc \\- compile policy briefs written as Lua plugins into PDF\n"
            ".SH SYNOPSIS\n.B briefc\n.RB [ \\-\\-color =\\fIWHEN\\fR]\n.I COMMAND\n"
            ".RI [ ARGS ]\n",
            version);
    for (int i = 0; i < n; i++) {
        const bc_cli_cmd *c = find_cmd(cmds[i].name);
        fprintf(f, ".br\n.B briefc %s\n", cmds[i].name);
        if (c) {
            roff(f, c->usage);
            fputc('\n', f);
        }
    }
    fputs(".SH DESCRIPTION\n"
          "\\fBbriefc\\fR compiles a \\fIbrief\\fR, a short Lua file naming metadata, a theme and "
          "an ordered list of sections, into a typeset PDF. Each section comes from a Lua "
          "plugin, run in a sandbox under limits, that writes paragraphs, tables and charts "
          "through a small API (see \\fBbriefc\\-plugins\\fR(7)). The brief file and its theme "
          "are described in \\fBbriefc\\-brief\\fR(5).\n"
          ".PP\nDiagnostics read like a compiler's: \\fIfile\\fR:\\fIline\\fR: error: "
          "\\fImessage\\fR.\n.SH COMMANDS\n",
          f);
    for (int i = 0; i < n; i++) {
        const bc_cli_cmd *c = find_cmd(cmds[i].name);
        fprintf(f, ".SS \"briefc %s", cmds[i].name);
        if (c) {
            fputc(' ', f);
            roff(f, c->usage);
        }
        fputs("\"\n", f);
        roff(f, cmds[i].summary);
        fputs(".\n", f);
        if (c && c->text) {
            fputs(".PP\n", f);
            roff(f, c->text);
            fputc('\n', f);
        }
        for (const bc_cli_opt *o = bc_cli_opts; o->commands; o++)
            if (strcmp(o->commands, "*") && bc_cli_applies(o, cmds[i].name)) man_option(f, o);
    }
    fputs(".SH OPTIONS OF EVERY COMMAND\n", f);
    for (const bc_cli_opt *o = bc_cli_opts; o->commands; o++)
        if (!strcmp(o->commands, "*")) man_option(f, o);
    fputs(".PP\nOptions may come before or after the positional arguments. "
          "\\fB\\-\\-name\\fR=\\fIvalue\\fR and \\fB\\-\\-name\\fR \\fIvalue\\fR are the same; "
          "\\fB\\-\\-\\fR ends the options.\n"
          ".SH EXIT STATUS\n.TP\n0\nsuccess.\n.TP\n1\nthe brief, a plugin or a test failed; "
          "no PDF is written and an existing one is left untouched.\n.TP\n2\na usage error.\n"
          ".SH ENVIRONMENT\n",
          f);
    for (size_t i = 0; i < NENV; i++) {
        fprintf(f, ".TP\n.B ");
        roff(f, env_vars[i].name);
        fputc('\n', f);
        roff(f, env_vars[i].help);
        fputs(".\n", f);
    }
    fputs(".SH FILES\n"
          ".TP\n.I share/briefc/plugins\nthe shipped plugins and \\fIbriefc.meta.lua\\fR, the "
          "plugin API for lua\\-language\\-server, under the installation prefix (the folder "
          "above the one holding \\fBbriefc\\fR).\n"
          ".TP\n.I share/briefc/fonts\nthe shipped fonts and their licences.\n"
          ".TP\n.I share/briefc/briefs\nexample briefs: \\fIpakistan\\-us\\fR (the sample), "
          "\\fIcharts\\fR (a chart gallery), \\fIhandout\\fR (for \\fBbatch\\fR).\n"
          ".TP\n.I /usr/share/hyphen/hyph_*.dic\nhyphenation patterns, compiled into the cache "
          "on first use.\n"
          ".TP\n.I ~/.cache/briefc\nthe cache: compiled patterns, font subsets, kerning, set "
          "text.\n"
          ".SH EXAMPLES\n"
          "Start a brief, build it, and rebuild it on every save:\n"
          ".PP\n.nf\n.RS\nbriefc new brief my\\-brief\nbriefc build my\\-brief \\-o my.pdf\n"
          "briefc watch my\\-brief \\-o my.pdf\n.RE\n.fi\n"
          ".PP\nOne handout per row of a manifest, then all in one file for printing:\n"
          ".PP\n.nf\n.RS\nbriefc batch handout \\-\\-rows handout/manifest.csv "
          "\\-\\-out \\(aqout/{country}.pdf\\(aq\n"
          "briefc batch handout \\-\\-rows handout/manifest.csv \\-\\-combine all.pdf "
          "\\-\\-impose booklet\n.RE\n.fi\n"
          ".SH SEE ALSO\n\\fBbriefc\\-brief\\fR(5), \\fBbriefc\\-plugins\\fR(7), "
          "\\fBlua\\fR(1)\n",
          f);
}

/* One ---@class block of the meta file as a man page section: its comment lines above as a
   paragraph, then each ---@field as a tagged paragraph (name, type, the comment after '#'). */
static void man_class(FILE *f, const char *meta, const char *cls, const char *title)
{
    char head[96];
    snprintf(head, sizeof head, "---@class %s\n", cls);
    const char *at = strstr(meta, head);
    if (!at) return;
    fprintf(f, ".SH %s\n", title);
    const char *doc = at; /* back over the "---text" lines just above */
    while (doc > meta) {
        const char *prev = doc - 1;
        while (prev > meta && prev[-1] != '\n') prev--;
        if (strncmp(prev, "---", 3) || prev[3] == '@') break;
        doc = prev;
    }
    for (const char *l = doc; l < at;) {
        const char *nl = strchr(l, '\n');
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(nl - l - 3), l + 3);
        roff(f, line);
        fputc('\n', f);
        l = nl + 1;
    }
    for (const char *l = at + strlen(head); !strncmp(l, "---@field ", 10);) {
        const char *nl = strchr(l, '\n');
        if (!nl) break;
        char line[512], name[64], type[256] = "", note[256] = "";
        snprintf(line, sizeof line, "%.*s", (int)(nl - l - 10), l + 10);
        char *hash = strstr(line, " # ");
        if (hash) {
            snprintf(note, sizeof note, "%s", hash + 3);
            *hash = 0;
        }
        size_t n = strcspn(line, " ");
        snprintf(name, sizeof name, "%.*s", (int)n, line);
        int optional = n && name[n - 1] == '?';
        if (optional) name[n - 1] = 0;
        const char *t = line + n;
        while (*t == ' ') t++;
        snprintf(type, sizeof type, "%s", t);
        for (size_t e = strlen(type); e && type[e - 1] == ' ';) type[--e] = 0;
        fputs(".TP\n\\fB", f);
        roff(f, name);
        fputs("\\fR \\fI", f);
        roff(f, type);
        fputs("\\fR\n", f);
        if (!optional) fputs("Required. ", f);
        if (note[0]) roff(f, note);
        if (!optional || note[0]) fputc('\n', f);
        l = nl + 1;
    }
}

int bc_cli_man_brief(FILE *f, const char *meta_path, const char *version)
{
    char *meta = NULL;
    size_t len = 0;
    bc_error err;
    if (bc_read_file(meta_path, &meta, &len, &err) != BC_OK) {
        bc_error_print(&err, "briefc");
        return 0;
    }
    fprintf(f,
            ".\\\" briefc-brief(5), generated by `briefc help --man brief` from the classes of\n"
            ".\\\" plugins/briefc.meta.lua: edit those\n"
            ".TH BRIEFC\\-BRIEF 5 \"\" \"briefc %s\" \"File Formats\"\n"
            ".SH NAME\nbriefc\\-brief \\- the brief.lua file of a briefc brief, and its theme\n"
            ".SH SYNOPSIS\n.I BRIEF/brief.lua\n"
            ".SH DESCRIPTION\n"
            "A brief is a folder holding \\fIbrief.lua\\fR, and optionally \\fIplugins/\\fR "
            "(its own sections, searched first), \\fIdata/\\fR and \\fIfonts/\\fR. "
            "\\fIbrief.lua\\fR is Lua that runs in a sandbox and returns one table, "
            "described below; an unknown field is an error that suggests the nearest known "
            "one. A section is declared with \\fBsection \"\\fIplugin\\fB\" {\\fR "
            "\\fIoptions\\fR \\fB}\\fR. Fields are optional unless marked required; "
            "types are written as lua\\-language\\-server reads them, \\fB|\\fR "
            "separating choices.\n",
            version);
    man_class(f, meta, "Brief", "FIELDS");
    man_class(f, meta, "BriefPage", "PAGE");
    man_class(f, meta, "Theme", "THEME");
    man_class(f, meta, "BriefLimits", "LIMITS");
    fputs(".SH EXAMPLE\n.nf\n.RS\n"
          "return {\n"
          "  title = \"Aid Without Trust\",\n"
          "  date = \"2026\\-11\",\n"
          "  authors = { \"A. Author\" },\n"
          "  page = { size = \"A4\", margins = 22 },\n"
          "  theme = { body_size = 9.8, justify = true },\n"
          "  params = { year = 2024 },\n"
          "  sections = {\n"
          "    section \"title_block\" { summary = \"The lead.\" },\n"
          "    section \"prose\" { heading = \"Background\", paragraphs = { \"Text.\" } },\n"
          "  },\n"
          "}\n.RE\n.fi\n"
          ".SH SEE ALSO\n\\fBbriefc\\fR(1), \\fBbriefc\\-plugins\\fR(7)\n",
          f);
    free(meta);
    return 1;
}

/* One line of the meta file, from l to its newline, into out (at most cap - 1 bytes). */
static const char *meta_line(const char *l, char *out, size_t cap)
{
    const char *nl = strchr(l, '\n');
    size_t n = nl ? (size_t)(nl - l) : strlen(l);
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), l);
    return nl ? nl + 1 : l + n;
}

/* "name? type # note" into its parts; returns whether the name ended in '?'. */
static int meta_field(const char *text, char *name, size_t ncap, char *type, size_t tcap,
                      char *note, size_t notecap)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    char *hash = strstr(buf, " # ");
    snprintf(note, notecap, "%s", hash ? hash + 3 : "");
    if (hash) *hash = 0;
    size_t n = strcspn(buf, " ");
    snprintf(name, ncap, "%.*s", (int)n, buf);
    int optional = n && n < ncap && name[n - 1] == '?';
    if (optional) name[n - 1] = 0;
    const char *t = buf + n;
    while (*t == ' ') t++;
    snprintf(type, tcap, "%s", t);
    for (size_t e = strlen(type); e && type[e - 1] == ' ';) type[--e] = 0;
    return optional;
}

/* long: one pass over the ---@meta file that writes the man page as it reads; its states
   (class, field, function, text) share the read position */
int bc_cli_man_plugins(FILE *f, const char *meta_path, const char *version)
{
    char *meta = NULL;
    size_t len = 0;
    bc_error err;
    if (bc_read_file(meta_path, &meta, &len, &err) != BC_OK) {
        bc_error_print(&err, "briefc");
        return 0;
    }
    fprintf(f,
            ".\\\" briefc-plugins(7), generated by `briefc help --man plugins` from\n"
            ".\\\" plugins/briefc.meta.lua: edit that\n"
            ".TH BRIEFC\\-PLUGINS 7 \"\" \"briefc %s\" \"Miscellaneous\"\n"
            ".SH NAME\nbriefc\\-plugins \\- writing sections of a briefc brief in Lua\n"
            ".SH DESCRIPTION\n"
            "A plugin is a Lua file that returns a \\fBPlugin\\fR table: its name, version, "
            "API level, options and a \\fBrender(s, ctx)\\fR function that builds the "
            "section through \\fIs\\fR, a \\fBSection\\fR, reading what it needs "
            "through \\fIctx\\fR, a \\fBContext\\fR. It runs in a sandbox under the "
            "brief's limits, without \\fBio\\fR, \\fBos\\fR or \\fBrequire\\fR, and "
            "reads only files in the brief's folder. The brief file itself is described in "
            "\\fBbriefc\\-brief\\fR(5).\n"
            ".PP\nPlugins are searched in the brief's \\fIplugins/\\fR, then "
            "\\fB\\-\\-plugin\\-path\\fR folders and \\fBBRIEFC_PLUGIN_PATH\\fR, then the "
            "shipped plugins; \\fBbriefc plugins\\fR lists them and \\fBbriefc new plugin "
            "\\fR\\fINAME\\fR writes a skeleton with its test.\n"
            ".SH REFERENCE\n"
            "Generated from the annotations lua\\-language\\-server reads. A type ending in "
            "\\fB?\\fR may be left out.\n",
            version);
    char line[600], doc[4096] = "", params[2048] = "";
    size_t ndoc = 0, nparams = 0;
    int in_class = 0;
    for (const char *l = meta; *l;) {
        l = meta_line(l, line, sizeof line);
        if (!strncmp(line, "---@class ", 10) || !strncmp(line, "---@alias ", 10)) {
            char name[96];
            snprintf(name, sizeof name, "%.*s", (int)strcspn(line + 10, " :"), line + 10);
            static const char *const in_brief_page[] = {"Brief", "BriefPage", "Theme",
                                                        "BriefLimits", NULL};
            int skip = 0;
            for (int i = 0; in_brief_page[i]; i++) skip |= !strcmp(name, in_brief_page[i]);
            if (skip) { /* in briefc-brief(5) */
                ndoc = 0;
                doc[0] = 0;
                in_class = 0;
                continue;
            }
            fputs(".SS ", f);
            roff(f, name);
            fputc('\n', f);
            if (!strncmp(line, "---@alias ", 10)) {
                fputs("One of: \\fI", f);
                roff(f, line + 10 + strlen(name) + (line[10 + strlen(name)] == ' '));
                fputs("\\fR.\n", f);
            }
            if (ndoc) fprintf(f, "%s", doc);
            ndoc = 0;
            doc[0] = 0;
            in_class = !strncmp(line, "---@class ", 10);
        } else if (!strncmp(line, "---@field ", 10) && in_class) {
            char name[96], type[300], note[300];
            int opt =
                meta_field(line + 10, name, sizeof name, type, sizeof type, note, sizeof note);
            fputs(".TP\n\\fB", f);
            roff(f, name);
            fputs("\\fR \\fI", f);
            roff(f, type);
            fputs(opt ? "?\\fR\n" : "\\fR\n", f);
            if (note[0]) {
                roff(f, note);
                fputc('\n', f);
            }
        } else if (!strncmp(line, "---@param ", 10) || !strncmp(line, "---@return ", 11)) {
            int ret = line[4] == 'r';
            char name[96], type[300], note[300];
            if (ret) {
                snprintf(name, sizeof name, "returns");
                snprintf(type, sizeof type, "%.290s", line + 11);
                note[0] = 0;
            } else {
                int opt =
                    meta_field(line + 10, name, sizeof name, type, sizeof type, note, sizeof note);
                if (opt && strlen(type) + 1 < sizeof type) strcat(type, "?");
            }
            int k = snprintf(params + nparams, sizeof params - nparams, ".br\n\\fI%s\\fR: ", name);
            if (k > 0 && (size_t)k < sizeof params - nparams) nparams += (size_t)k;
            char esc[700];
            FILE *m = fmemopen(esc, sizeof esc, "w");
            if (m) {
                roff(m, type);
                if (note[0]) {
                    fputs(" \\(em ", m);
                    roff(m, note);
                }
                fputc('\n', m);
                fputc(0, m);
                fclose(m);
                esc[sizeof esc - 1] = 0;
                k = snprintf(params + nparams, sizeof params - nparams, "%s", esc);
                if (k > 0 && (size_t)k < sizeof params - nparams) nparams += (size_t)k;
            }
        } else if (!strncmp(line, "---", 3) && line[3] != '@') {
            in_class = 0;
            char esc[700];
            FILE *m = fmemopen(esc, sizeof esc, "w");
            if (m) {
                roff(m, line + 3);
                fputc('\n', m);
                fputc(0, m);
                fclose(m);
                esc[sizeof esc - 1] = 0;
                int k = snprintf(doc + ndoc, sizeof doc - ndoc, "%s", esc);
                if (k > 0 && (size_t)k < sizeof doc - ndoc) ndoc += (size_t)k;
            }
        } else if (!strncmp(line, "function ", 9)) {
            char sig[300];
            snprintf(sig, sizeof sig, "%.290s", line + 9);
            char *end = strstr(sig, " end");
            if (end) *end = 0;
            const char *shown = sig;
            char buf[320];
            if (!strncmp(sig, "Section:", 8))
                snprintf(buf, sizeof buf, "s:%s", sig + 8), shown = buf;
            else if (!strncmp(sig, "Context:", 8))
                snprintf(buf, sizeof buf, "ctx:%s", sig + 8), shown = buf;
            fputs(".TP\n\\fB", f);
            roff(f, shown);
            fputs("\\fR\n", f);
            fputs(doc, f);
            fputs(params, f);
            ndoc = nparams = 0;
            doc[0] = params[0] = 0;
            in_class = 0;
        } else if (line[0] && strncmp(line, "--", 2)) { /* "local Section = {}", "fmt = {}" */
            if (ndoc) fprintf(f, ".PP\n%s", doc);
            ndoc = 0;
            doc[0] = 0;
            in_class = 0;
        } else if (!line[0]) {
            in_class = 0;
        }
    }
    fputs(".SH FILES\n"
          ".TP\n.I share/briefc/plugins/briefc.meta.lua\n"
          "these annotations, for lua\\-language\\-server; \\fBbriefc new brief\\fR writes a "
          "\\fI.luarc.json\\fR pointing at it.\n"
          ".TP\n.I share/briefc/plugins/README.md\nthe guide, with a worked example.\n"
          ".SH EXAMPLE\n.nf\n.RS\n"
          "return {\n"
          "  name = \"hello\", version = \"1.0.0\", api = 1,\n"
          "  description = \"A heading and a paragraph.\",\n"
          "  options = { text = { type = \"string\", required = true } },\n"
          "  render = function(s, ctx)\n"
          "    s:heading(\"Hello\")\n"
          "    s:paragraph(ctx.options.text)\n"
          "  end,\n"
          "}\n.RE\n.fi\n"
          ".SH SEE ALSO\n\\fBbriefc\\fR(1), \\fBbriefc\\-brief\\fR(5)\n",
          f);
    free(meta);
    return 1;
}

/* }====================================================== */

/* {====================================================== completions */

/* A shell word list of the commands. */
static void command_words(FILE *f, const bc_cli_summary *cmds, int n)
{
    for (int i = 0; i < n; i++) fprintf(f, "%s%s", i ? " " : "", cmds[i].name);
}

static void bash_action(FILE *f, const char *what, const bc_cli_summary *cmds, int n)
{
    if (!what)
        fputs("COMPREPLY=()", f);
    else if (!strcmp(what, "file"))
        fputs("compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))", f);
    else if (!strcmp(what, "dir"))
        fputs("compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))", f);
    else if (!strcmp(what, "brief"))
        fputs("compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\") "
              "$(compgen -f -X '!*.lua' -- \"$cur\"))",
              f);
    else if (!strcmp(what, "plugin"))
        fputs("COMPREPLY=($(compgen -W \"$(_briefc_plugins)\" -- \"$cur\"))", f);
    else if (!strcmp(what, "command")) {
        fputs("COMPREPLY=($(compgen -W \"", f);
        command_words(f, cmds, n);
        fputs("\" -- \"$cur\"))", f);
    } else
        fprintf(f, "COMPREPLY=($(compgen -W \"%s\" -- \"$cur\"))", what);
}

static void bash(FILE *f, const bc_cli_summary *cmds, int n)
{
    fputs("# bash completion for briefc, generated by `briefc help --completion bash`\n"
          "_briefc_plugins() {\n"
          "    \"${COMP_WORDS[0]}\" plugins 2>/dev/null | awk '/^[a-z0-9_-]+ /{print $1}'\n"
          "}\n"
          "_briefc() {\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= i\n"
          "    COMPREPLY=()\n"
          "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
          "        case ${COMP_WORDS[i]} in\n"
          "        --color) ((i++)) ;;\n"
          "        -*) ;;\n"
          "        *) cmd=${COMP_WORDS[i]}; break ;;\n"
          "        esac\n"
          "    done\n"
          "    if [[ -z $cmd ]]; then\n"
          "        case $prev in --color) COMPREPLY=($(compgen -W \"auto always never\" -- "
          "\"$cur\")); return ;; esac\n"
          "        COMPREPLY=($(compgen -W \"",
          f);
    command_words(f, cmds, n);
    fputs(" --help --version --color\" -- \"$cur\"))\n"
          "        return\n"
          "    fi\n"
          "    case $cmd in\n",
          f);
    for (int i = 0; i < n; i++) {
        const char *cmd = cmds[i].name;
        const bc_cli_cmd *c = find_cmd(cmd);
        fprintf(f, "    %s)\n        case $prev in\n", cmd);
        for (const bc_cli_opt *o = bc_cli_opts; o->commands; o++) {
            if (!bc_cli_applies(o, cmd) || !o->arg) continue;
            fputs("        ", f);
            if (o->short_name) fprintf(f, "-%c%s", o->short_name, o->long_name ? "|" : "");
            if (o->long_name) fprintf(f, "--%s", o->long_name);
            fputs(") ", f);
            bash_action(f, o->complete, cmds, n);
            fputs("; return ;;\n", f);
        }
        fputs("        esac\n        if [[ $cur == -* ]]; then\n"
              "            COMPREPLY=($(compgen -W \"",
              f);
        int first = 1;
        for (const bc_cli_opt *o = bc_cli_opts; o->commands; o++) {
            if (!bc_cli_applies(o, cmd)) continue;
            if (o->short_name) fprintf(f, "%s-%c", first ? "" : " ", o->short_name), first = 0;
            if (o->long_name) fprintf(f, "%s--%s", first ? "" : " ", o->long_name), first = 0;
        }
        fputs("\" -- \"$cur\"))\n        else\n            ", f);
        bash_action(f, c ? c->args : NULL, cmds, n);
        fputs("\n        fi\n        ;;\n", f);
    }
    fputs("    esac\n}\ncomplete -F _briefc briefc\n", f);
}

/* Text inside a single-quoted zsh _arguments spec: quotes, brackets and colons escaped. */
static void zsh_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", f);
        else if (*s == '[' || *s == ']' || *s == ':' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else
            fputc(*s, f);
    }
}

static void zsh_action(FILE *f, const char *what, const bc_cli_summary *cmds, int n)
{
    if (!what)
        fputs(" ", f);
    else if (!strcmp(what, "file"))
        fputs("_files", f);
    else if (!strcmp(what, "dir"))
        fputs("_files -/", f);
    else if (!strcmp(what, "brief"))
        fputs("_files -g \"*.lua\"", f);
    else if (!strcmp(what, "plugin"))
        fputs("_briefc_plugins", f);
    else if (!strcmp(what, "command")) {
        fputs("(", f);
        command_words(f, cmds, n);
        fputs(")", f);
    } else
        fprintf(f, "(%s)", what);
}

static void zsh(FILE *f, const bc_cli_summary *cmds, int n)
{
    fputs("#compdef briefc\n"
          "# zsh completion for briefc, generated by `briefc help --completion zsh`\n"
          "_briefc_plugins() {\n"
          "    local -a names\n"
          "    names=(${(f)\"$(${words[1]:-briefc} plugins 2>/dev/null | "
          "awk '/^[a-z0-9_-]+ /{print $1}')\"})\n"
          "    compadd -a names\n"
          "}\n"
          "_briefc() {\n"
          "    local curcontext=$curcontext state line\n"
          "    local -a cmds\n"
          "    cmds=(\n",
          f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "        '%s:", cmds[i].name);
        zsh_text(f, cmds[i].summary);
        fputs("'\n", f);
    }
    fputs("    )\n"
          "    _arguments -C '--color=[colour diagnostics]:when:(auto always never)' "
          "'(- *)--help[show help]' '(- *)--version[print the version]' "
          "'1:command:->cmd' '*::arg:->args'\n"
          "    case $state in\n"
          "    cmd) _describe -t commands 'briefc command' cmds ;;\n"
          "    args)\n"
          "        case $line[1] in\n",
          f);
    for (int i = 0; i < n; i++) {
        const char *cmd = cmds[i].name;
        const bc_cli_cmd *c = find_cmd(cmd);
        fprintf(f, "        %s) _arguments -s", cmd);
        for (const bc_cli_opt *o = bc_cli_opts; o->commands; o++) {
            if (!bc_cli_applies(o, cmd)) continue;
            const char *rep = o->id == BC_OPT_DEFINE || o->id == BC_OPT_PLUGIN_PATH ? "*" : "";
            for (int form = 0; form < 2; form++) {
                if (form == 0 && !o->short_name) continue;
                if (form == 1 && !o->long_name) continue;
                fprintf(f, " \\\n            '%s", rep);
                if (form == 0)
                    fprintf(f, "-%c%s", o->short_name, o->arg && !o->long_name ? "+" : "");
                else
                    fprintf(f, "--%s%s", o->long_name, o->arg ? "=" : "");
                fputc('[', f);
                zsh_text(f, o->help);
                fputc(']', f);
                if (o->arg) {
                    fputc(':', f);
                    zsh_text(f, o->arg);
                    fputc(':', f);
                    zsh_action(f, o->complete, cmds, n);
                }
                fputc('\'', f);
            }
        }
        if (c && c->args) {
            fputs(" \\\n            '*:arg:", f);
            zsh_action(f, c->args, cmds, n);
            fputc('\'', f);
        }
        fputs(" ;;\n", f);
    }
    fputs("        esac ;;\n    esac\n}\n_briefc \"$@\"\n", f);
}

/* Text inside a single-quoted fish string. */
static void fish_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\') fputc('\\', f);
        fputc(*s, f);
    }
}

static void fish_action(FILE *f, const char *what, const bc_cli_summary *cmds, int n)
{
    if (!what) return;
    if (!strcmp(what, "file") || !strcmp(what, "brief"))
        fputs(" -F", f);
    else if (!strcmp(what, "dir"))
        fputs(" -f -a '(__fish_complete_directories)'", f);
    else if (!strcmp(what, "plugin"))
        fputs(" -f -a '(__briefc_plugins)'", f);
    else if (!strcmp(what, "command")) {
        fputs(" -f -a '", f);
        command_words(f, cmds, n);
        fputc('\'', f);
    } else {
        fputs(" -f -a '", f);
        fish_text(f, what);
        fputc('\'', f);
    }
}

static void fish(FILE *f, const bc_cli_summary *cmds, int n)
{
    fputs("# fish completion for briefc, generated by `briefc help --completion fish`\n"
          "function __briefc_plugins\n"
          "    briefc plugins 2>/dev/null | awk '/^[a-z0-9_-]+ /{print $1}'\n"
          "end\n"
          "complete -c briefc -f\n"
          "complete -c briefc -n __fish_use_subcommand -l help -d 'show help'\n"
          "complete -c briefc -n __fish_use_subcommand -l version -d 'print the version'\n",
          f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "complete -c briefc -n __fish_use_subcommand -a %s -d '", cmds[i].name);
        fish_text(f, cmds[i].summary);
        fputs("'\n", f);
    }
    for (int i = 0; i < n; i++) {
        const char *cmd = cmds[i].name;
        const bc_cli_cmd *c = find_cmd(cmd);
        for (const bc_cli_opt *o = bc_cli_opts; o->commands; o++) {
            if (!bc_cli_applies(o, cmd)) continue;
            fprintf(f, "complete -c briefc -n '__fish_seen_subcommand_from %s'", cmd);
            if (o->short_name) fprintf(f, " -s %c", o->short_name);
            if (o->long_name) fprintf(f, " -l %s", o->long_name);
            if (o->arg) {
                fputs(" -r", f);
                fish_action(f, o->complete, cmds, n);
            }
            fputs(" -d '", f);
            fish_text(f, o->help);
            fputs("'\n", f);
        }
        if (c && c->args) {
            fprintf(f, "complete -c briefc -n '__fish_seen_subcommand_from %s'", cmd);
            fish_action(f, c->args, cmds, n);
            fputc('\n', f);
        }
    }
}

int bc_cli_completion(FILE *f, const char *shell, const bc_cli_summary *cmds, int n)
{
    if (!strcmp(shell, "bash"))
        bash(f, cmds, n);
    else if (!strcmp(shell, "zsh"))
        zsh(f, cmds, n);
    else if (!strcmp(shell, "fish"))
        fish(f, cmds, n);
    else
        return 0;
    return 1;
}

/* }====================================================== */
