/*
** excerpt.c — the source line under a diagnostic, with a caret (see excerpt.h).
*/
#include "base/excerpt.h"

#include <ctype.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SCAN (1 << 20)

/* Line n (1-based) of a .lua file into buf without its newline; 0 when there is none. */
static int read_line(const char *file, int n, char *buf, size_t cap)
{
    size_t fl = strlen(file);
    struct stat st;
    if (n < 1 || fl < 5 || strcmp(file + fl - 4, ".lua") != 0) return 0;
    /* opened without blocking and checked by what was opened: a FIFO or device swapped in
       after a stat would otherwise hang the message */
    int fd = open(file, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return 0;
    FILE *f = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? fdopen(fd, "r") : NULL;
    if (!f) {
        close(fd);
        return 0;
    }
    int line = 1, c, ok = 0;
    size_t len = 0, scanned = 0;
    while ((c = getc(f)) != EOF && scanned++ < MAX_SCAN) {
        if (line == n) {
            if (c == '\n') break;
            if (len + 1 < cap) buf[len++] = (char)c;
            ok = 1;
        }
        if (c == '\n' && ++line > n) break;
    }
    if (line == n && len == 0 && c == '\n') ok = 1; /* an empty line */
    fclose(f);
    buf[len] = 0;
    return ok || line > n;
}

/* The column (0-based) of the first whole-word occurrence of name in s, or -1. */
static int find_word(const char *s, const char *name, size_t nl)
{
    if (!nl) return -1;
    for (const char *p = s; (p = strstr(p, name)) != NULL; p++) {
        int before = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        int after = !(isalnum((unsigned char)p[nl]) || p[nl] == '_');
        if (before && after) return (int)(p - s);
    }
    return -1;
}

/* The first name the message quotes ('x') that stands as a word in src: its column, or -1.
   The first, not the last: "unknown setting 'colour' (did you mean 'color'?)" points at the
   name written, and a name the line lacks ('}' in "'}' expected") is passed over. */
static int quoted_column(const char *msg, const char *src)
{
    for (const char *p = msg; (p = strchr(p, '\'')) != NULL;) {
        const char *end = strchr(p + 1, '\'');
        if (!end) break;
        size_t n = (size_t)(end - p - 1);
        char name[128];
        if (n > 0 && n < sizeof name) {
            memcpy(name, p + 1, n);
            name[n] = 0;
            int col = find_word(src, name, n);
            if (col >= 0) return col;
        }
        p = end + 1;
    }
    return -1;
}

void bc_excerpt_print(FILE *to, const char *file, int line, const char *msg, int color)
{
    char src[512];
    if (!file || !read_line(file, line, src, sizeof src)) return;
    for (char *p = src; *p; p++) /* nothing from the file steers the terminal */
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = *p == '\t' ? ' ' : '?';
    int col = strstr(msg, "missing ','") ? -1 : quoted_column(msg, src);
    if (strstr(msg, "missing ','")) { /* where the comma goes: after the line's last character */
        char *dash = strstr(src, "--");
        size_t n = dash ? (size_t)(dash - src) : strlen(src);
        while (n && src[n - 1] == ' ') n--;
        col = (int)n;
    }
    if (col < 0) { /* the line's first character */
        col = 0;
        while (src[col] == ' ') col++;
    }
    if (!src[col] && !strstr(msg, "missing ','")) return; /* a blank line shows nothing */
    int width = 0;
    for (const char *p = src; p < src + col; p++) width += ((unsigned char)*p & 0xC0) != 0x80;
    const char *g = color ? "\033[1;32m" : "", *o = color ? "\033[0m" : "";
    fprintf(to, "%6d | %s\n       | %*s%s^%s\n", line, src, width, "", g, o);
}

int bc_excerpt_missing_comma(const char *file, int line, const char *msg, int *fixed_line,
                             char *out, size_t cap)
{
    if (line < 2 || strncmp(msg, "'}' expected", 12) != 0 || !strstr(msg, "near ")) return 0;
    char src[512], prev[512];
    if (!read_line(file, line, src, sizeof src)) return 0;
    int p = line - 1;
    while (p >= 1 && read_line(file, p, prev, sizeof prev)) { /* the last line with code */
        char *dash = strstr(prev, "--");
        if (dash) *dash = 0;
        size_t n = strlen(prev);
        while (n && isspace((unsigned char)prev[n - 1])) prev[--n] = 0;
        if (n) break;
        p--;
    }
    if (p < 1) return 0;
    size_t n = strlen(prev);
    char last = n ? prev[n - 1] : 0;
    const char *t = src;
    while (isspace((unsigned char)*t)) t++;
    /* the previous line ends a value and this one starts a field: a comma is missing */
    int ends_value = last == '}' || last == ')' || last == '"' || last == '\'' || last == ']' ||
                     isalnum((unsigned char)last) || last == '_';
    int starts_field =
        isalpha((unsigned char)*t) || *t == '_' || *t == '[' || *t == '{' || *t == '"';
    if (!ends_value || !starts_field) return 0;
    *fixed_line = p;
    snprintf(out, cap, "missing ',' at the end of this line, before line %d (Lua says: %s)", line,
             msg);
    return 1;
}
