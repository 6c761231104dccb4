/* test_cli.c — the option table is consistent, and bc_cli_next parses as cli.h says. */
#include <stdlib.h>

#include "check.h"
#include "cli/cli.h"

/* Parses argv (NULL-terminated) as command cmd; writes "id:value" for each step into out. */
static void parse(const char *cmd, const char *const *args, char *out, size_t cap)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = (char *)cmd;
    for (; *args; args++) argv[argc++] = (char *)*args;
    bc_cli p;
    bc_cli_begin(&p, cmd, argc, argv);
    size_t n = 0;
    out[0] = 0;
    for (bc_cli_id id; (id = bc_cli_next(&p)) != BC_OPT_END;) {
        n += (size_t)snprintf(out + n, cap - n, "%s%d:%s", n ? " " : "", (int)id,
                              id == BC_OPT_STOP ? (p.status ? "2" : "0")
                              : p.value         ? p.value
                                                : "");
        if (id == BC_OPT_STOP) break;
    }
}

#define P(cmd, want, ...)                          \
    do {                                           \
        const char *args_[] = {__VA_ARGS__, NULL}; \
        char got_[512], want_[512];                \
        parse(cmd, args_, got_, sizeof got_);      \
        snprintf(want_, sizeof want_, "%s", want); \
        CHECK_STR(got_, want_);                    \
    } while (0)

int main(void)
{
    /* the table: every option has a name, help, known commands; no name twice per command */
    for (const bc_cli_opt *o = bc_cli_opts; o->commands; o++) {
        CHECK(o->short_name || o->long_name);
        CHECK(o->help && o->help[0] && o->help[strlen(o->help) - 1] != '.');
        CHECK(!o->complete || o->arg); /* only an argument completes */
        if (strcmp(o->commands, "*")) {
            char buf[128];
            snprintf(buf, sizeof buf, "%s", o->commands);
            for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
                int found = 0;
                for (const bc_cli_cmd *c = bc_cli_cmds; c->name; c++) found |= !strcmp(c->name, w);
                CHECK(found);
            }
        }
        for (const bc_cli_opt *q = o + 1; q->commands; q++)
            for (const bc_cli_cmd *c = bc_cli_cmds; c->name; c++)
                if (bc_cli_applies(o, c->name) && bc_cli_applies(q, c->name)) {
                    CHECK(!(o->long_name && q->long_name && !strcmp(o->long_name, q->long_name)));
                    CHECK(!(o->short_name && o->short_name == q->short_name));
                }
    }
    char want[256];
    /* options before and after the positional; --name=value; -xVALUE; -- */
    snprintf(want, sizeof want, "%d:M 1:B %d:o/{x}.pdf %d:4", BC_OPT_ROWS, BC_OPT_OUT, BC_OPT_JOBS);
    P("batch", want, "--rows", "M", "B", "--out=o/{x}.pdf", "-j4");
    snprintf(want, sizeof want, "%d:k=v %d:k2=v2 1:-x 1:-", BC_OPT_DEFINE, BC_OPT_DEFINE);
    P("build", want, "-Dk=v", "-D", "k2=v2", "--", "-x", "-");
    snprintf(want, sizeof want, "%d:", BC_OPT_OUTPUT);
    P("build", want, "--output=");   /* an empty value is a value */
    P("build", "1:- 1:B", "-", "B"); /* "-" is an argument */
    /* errors stop with status 2; help stops with 0 */
    P("build", "2:2", "--stats=1");   /* a flag takes no value */
    P("build", "2:2", "-o");          /* a missing value */
    P("build", "2:2", "-qh");         /* no bundled flags */
    P("build", "2:2", "--rows", "M"); /* batch's option is not build's */
    P("plugins", "2:2", "--output", "x");
    P("build", "2:2", "--out"); /* no prefix matching */
    P("build", "2:2", "--color=sometimes");
    snprintf(want, sizeof want, "%d:", BC_OPT_STATS);
    P("build", want, "--color=never", "--stats"); /* --color is applied and skipped */
    P("version", "2:0", "--help", "--bogus");     /* help stops first */
    return check_done();
}
