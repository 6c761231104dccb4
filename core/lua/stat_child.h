/*
** stat_child.h — Stata, SPSS and SAS files read by ReadStat in an isolated child process, its
** findings sent back as a bounded stream of records that the parent checks one by one.
**
** ReadStat is a large C parser of hostile binary input, so it never runs in briefc's own
** process, nor in a fork of it. bc_stat_read starts a fresh image of this executable (exec of
** /proc/self/exe with BC_STAT_CHILD_ARG) that gets the file's bytes already read (by the parent,
** through the one file door) in a sealed memory file at its stdin, the result pipe at its stdout
** and no other descriptor, an empty environment, a fresh address space and ASLR layout. It opens
** ReadStat, drops to rlimits on CPU, memory, files and processes, installs a seccomp filter that
** allows little more than read, write and memory, and only then parses. The parent reads the
** pipe until a deadline and a size cap, then judges the exit: a crash, a kill or a timeout is an
** error, never a hang.
**
** The stream (native byte order; child and parent are the same program):
**   "BCSTAT1\n", then records, each a tag byte and fixed fields; a string is a u32 length and
**   that many bytes (at most BC_STAT_MAX_STR):
**   'M' u32 variables, str encoding               the file, once, before its variables
**   'V' u32 index, u8 kind, u8 selected, str name, str format, str label, str label set
**   'L' str label set, u8 kind, value, str label   a value label (kind 0: f64, 1: str)
**   'D' u32 row, u32 index, u8 kind, value          a cell (kind 0: f64, 1: str, 2: missing)
**   'E' str message                                ReadStat's error; the stream ends
**   'Z' u32 rows                                   the end
** bc_stat_next reads one record and refuses anything out of these bounds, so a compromised
** child can at worst send wrong data, never make the parent read out of bounds.
**
** For the tests only, and only in an executable built with BC_TEST_HOOKS (briefc_hooks, which
** tests/CMakeLists.txt builds; never briefc itself), from the environment: BRIEFC_TEST_STAT_HANG
** makes the child spin once isolated (to be seen, killed or timed out), BRIEFC_TEST_STAT_FORGE=FILE
** makes it send FILE's bytes as its stream (a compromised child), BRIEFC_STAT_SECONDS lowers its
** time budget. None widens what the child may do.
*/
#ifndef BC_STAT_CHILD_H
#define BC_STAT_CHILD_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

#define BC_STAT_MAX_STR (1u << 20) /* bytes in one string, name or label */
#define BC_STAT_MAX_VARS 32767     /* Stata's own limit for a data set */
#define BC_STAT_MAX_ROWS 1000000
#define BC_STAT_MAX_STREAM (64u << 20)          /* what the child may send back */
#define BC_STAT_SECONDS 10                      /* the child's CPU and wall-clock time */
#define BC_STAT_CHILD_ARG "--briefc-stat-child" /* the one argument of the fresh image */

typedef enum {
    BC_STAT_DTA,
    BC_STAT_SAV,
    BC_STAT_POR,
    BC_STAT_SAS7BDAT,
    BC_STAT_XPT,
    BC_STAT_NFORMATS
} bc_stat_format;

/* The format named by path's extension (.dta .sav .zsav .por .sas7bdat .xpt), or -1. */
int bc_stat_format_of(const char *path);

typedef struct bc_stat_opts {
    const char *const *columns; /* the variables to read (NULL: all), ncolumns of them */
    int ncolumns;
    long limit;  /* at most this many rows (0: BC_STAT_MAX_ROWS + 1) */
    int seconds; /* CPU and wall-clock budget of the child, 1..BC_STAT_SECONDS */
} bc_stat_opts;

/* Where the parser's records go: returns 0 to go on, -1 to stop (the stream is too long). */
typedef int (*bc_stat_sink)(void *ud, const void *p, size_t n);

/*
** The child's parser entry, in this process: parses bytes[0..len) as fmt and writes the stream
** to sink. Returns 0, or -1 when ReadStat could not be opened (the stream then holds an 'E').
** Only bc_stat_read (in its child) and the fuzz harness call it.
*/
int bc_stat_encode(const void *bytes, size_t len, bc_stat_format fmt, const bc_stat_opts *o,
                   bc_stat_sink sink, void *ud);

/* Opens libreadstat.so.1 in this process if it is not yet: 0, or -1 with why saying what is
   missing (bc_stat_read calls it to name what is missing; its child opens it again, before
   its seccomp filter). */
int bc_stat_open_library(char *why, size_t cap);

/*
** Parses bytes as fmt in an isolated child and leaves its checked-size stream in out (owned by
** the caller). On BC_ERR, e says what failed in words an author can act on ("the reader was
** stopped after 10 s", "the reader crashed (signal 11)"), without a file name: the caller adds
** it. Fails closed: a child that cannot be isolated does not parse.
*/
bc_status bc_stat_read(const void *bytes, size_t len, bc_stat_format fmt, const bc_stat_opts *o,
                       bc_buf *out, bc_error *e);

/* One record of the stream; strings point into the stream and are not NUL-terminated. */
typedef struct bc_stat_str {
    const char *p;
    uint32_t len;
} bc_stat_str;

typedef struct bc_stat_rec {
    char tag;                   /* 'M' 'V' 'L' 'D' 'E' 'Z' */
    uint32_t index, row, count; /* V, D: variable index; D: row; M: variables; Z: rows */
    uint8_t kind, selected;     /* V: 0 number 1 string; L, D: the value's kind */
    double num;                 /* L, D kind 0 */
    bc_stat_str s[4];           /* V: name, format, label, set; L: set, value, label;
                                          D: value; M: encoding; E: message */
} bc_stat_rec;

/* Reads the record at *pos and moves past it: 1, 0 at the end of the stream, -1 when the
   stream is malformed (a bad tag, a length past the end or past BC_STAT_MAX_STR, a bad kind). */
int bc_stat_next(const char *data, size_t len, size_t *pos, bc_stat_rec *r);

#endif
