/*
** cmd.h — the subcommands beyond build and check: plugins, new, test, watch.
** Each takes argc/argv after the command name and returns an exit status.
*/
#ifndef BC_CMD_H
#define BC_CMD_H

int bc_cmd_plugins(int argc, char **argv);
int bc_cmd_new(int argc, char **argv);
int bc_cmd_test(int argc, char **argv);
int bc_cmd_watch(int argc, char **argv);
int bc_cmd_batch(int argc, char **argv);
/* `new brief NAME`: a brief folder under dir (NULL: the current folder); an exit status. */
int bc_new_brief(const char *name, const char *dir);

#endif
