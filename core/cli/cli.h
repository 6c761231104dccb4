/*
** cli.h — the command line's one option table: every subcommand's options, with their
** arguments and help text. The same table parses argv (bc_cli_next), prints `briefc help
** [COMMAND]`, and writes the man page briefc(1) and the bash, zsh and fish completions at build
** time (`briefc help --man`, `briefc help --completion SHELL`), so none of them can drift.
**
** Options may come before or after the positional arguments; `--name=value` and `--name value`
** are the same; `-xVALUE` works for short options that take one; `--` ends the options.
*/
#ifndef BC_CLI_H
#define BC_CLI_H

#include <stdio.h>

/* What bc_cli_next returns: an option, a positional argument, the end, or a stop. */
typedef enum bc_cli_id {
    BC_OPT_END = 0, /* no more arguments */
    BC_OPT_ARG,     /* a positional argument, in p->value */
    BC_OPT_STOP,    /* stop: help was printed (status 0) or a usage error (status 2) */
    /* build, check, watch (and some for batch) */
    BC_OPT_OUTPUT,
    BC_OPT_DEFINE,
    BC_OPT_PLUGIN_PATH,
    BC_OPT_KEEP_GOING,
    BC_OPT_IMPOSE,
    BC_OPT_CROP_MARKS,
    BC_OPT_PDF_STANDARD,
    BC_OPT_STATS,
    BC_OPT_TIMINGS,
    BC_OPT_DUMP_LAYOUT,
    BC_OPT_QUIET,
    /* batch */
    BC_OPT_ROWS,
    BC_OPT_OUT,
    BC_OPT_JOBS,
    BC_OPT_SHARD,
    BC_OPT_RESUME,
    BC_OPT_FAIL_FAST,
    BC_OPT_REPORT,
    BC_OPT_COMBINE,
    BC_OPT_BOOKMARK,
    /* serve (core/serve/) */
    BC_OPT_LISTEN,
    BC_OPT_BRIEFS,
    BC_OPT_MAX_QUEUE,
    BC_OPT_TOKEN_FILE,
    BC_OPT_CACHE_MB,
    BC_OPT_TIMEOUT,
    BC_OPT_CPU_LIMIT,
    BC_OPT_MEMORY_MB,
    BC_OPT_MAX_BODY,
    BC_OPT_REQUEST_TIMEOUT,
    BC_OPT_LOG,
    BC_OPT_ALLOW_HOST,
    /* plugins, new */
    BC_OPT_BRIEF,
    BC_OPT_DIR,
    /* help, version */
    BC_OPT_MAN,
    BC_OPT_COMPLETION,
    BC_OPT_VERBOSE,
    /* every command (handled inside bc_cli_next): -h/--help and --color */
    BC_OPT_HELP,
    BC_OPT_COLOR
} bc_cli_id;

typedef struct bc_cli_opt {
    const char *commands; /* the commands taking it, space-separated; "*" for every one */
    bc_cli_id id;
    char short_name;       /* 'o' for -o, or 0 */
    const char *long_name; /* "output" for --output, or NULL */
    const char *arg;       /* the argument's name ("FILE"), or NULL for a flag */
    const char *complete;  /* "file", "dir", "brief", "plugin", "command" or a list of words */
    const char *help;      /* one sentence, lowercase, no trailing period */
} bc_cli_opt;

typedef struct bc_cli_cmd {
    const char *name;
    const char *usage; /* what follows "briefc NAME" in the synopsis */
    const char *args;  /* how positionals complete: "brief", "plugin", "file", "command", or
                             a list of words; NULL for none */
    const char *text;  /* a paragraph for `help NAME` and the man page, or NULL */
} bc_cli_cmd;

/* The tables (terminated by an entry with a NULL name / commands). */
extern const bc_cli_opt bc_cli_opts[];
extern const bc_cli_cmd bc_cli_cmds[];

/* One summary line per command, from main.c's dispatch table. */
typedef struct bc_cli_summary {
    const char *name, *summary;
} bc_cli_summary;

/* A parse of one command's arguments. argv[0] is the command's name. */
typedef struct bc_cli {
    const char *cmd;
    int argc;
    char **argv;
    int i;             /* the next argument */
    int only_args;     /* after "--" */
    const char *opt;   /* the option as written (for messages) */
    const char *value; /* the option's argument, or the positional argument */
    int status;        /* with BC_OPT_STOP: the exit status */
} bc_cli;

/* Whether the option applies to the command: a word of o->commands, or "*". */
int bc_cli_applies(const bc_cli_opt *o, const char *cmd);

void bc_cli_begin(bc_cli *p, const char *cmd, int argc, char **argv);
/* The next option or argument. -h/--help prints the command's help and stops with status 0;
   --color=WHEN is applied here (util.h) and skipped; an unknown option or a missing argument
   prints a usage error and stops with status 2. */
bc_cli_id bc_cli_next(bc_cli *p);
/* Prints "briefc: CMD: message" and the hint; returns BC_EXIT_USAGE (2). */
int bc_cli_usage(const bc_cli *p, const char *fmt, const char *arg);

/* `briefc help COMMAND`: usage, text and options of one command. */
void bc_cli_help_command(FILE *f, const char *cmd);
/* `briefc help`: every command with its summary, then the global options. */
void bc_cli_help_all(FILE *f, const bc_cli_summary *cmds, int n);
/* briefc(1) in roff. */
void bc_cli_man(FILE *f, const bc_cli_summary *cmds, int n, const char *version);
/* briefc-brief(5) in roff, from the Brief, BriefPage, Theme and BriefLimits classes of the
   ---@meta file at meta_path; 0 (error printed) when it cannot be read. */
int bc_cli_man_brief(FILE *f, const char *meta_path, const char *version);
/* briefc-plugins(7) in roff: every class, alias and function of the ---@meta file, in order. */
int bc_cli_man_plugins(FILE *f, const char *meta_path, const char *version);
/* A completion script for "bash", "zsh" or "fish"; 0 for another shell. */
int bc_cli_completion(FILE *f, const char *shell, const bc_cli_summary *cmds, int n);

#endif
