/*
** batch_names.c — the output names of `briefc batch`: a set of normalised names, each with its row,
** so that two rows never write one file, and the checks a name must pass.
*/
#define _GNU_SOURCE
#include "batch/batch_int.h"

#include <string.h>

#include "pdf/pdf_std.h"
#include "lua/sandbox.h"

/* {====================================================== output name set */

/* Output names seen so far, hashed: two rows writing one file is an error before any work. */
uint64_t bc_batch_hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h | 1;
}

/* Adds a name (copied); returns the earlier row with the same name, or 0. */
long bc_batch_nameset_add(nameset *s, const char *name, long row)
{
    if ((s->n + 1) * 2 > s->cap) {
        nameset b = {0};
        b.cap = bc_grow_cap(s->cap, 1024, sizeof *b.name);
        b.key = bc_xcalloc(b.cap, sizeof *b.key);
        b.name = bc_xcalloc(b.cap, sizeof *b.name);
        b.row = bc_xcalloc(b.cap, sizeof *b.row);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->key[i]) continue;
            size_t k = (size_t)(s->key[i] % b.cap);
            while (b.key[k]) k = (k + 1) % b.cap;
            b.key[k] = s->key[i];
            b.name[k] = s->name[i];
            b.row[k] = s->row[i];
        }
        b.n = s->n;
        free(s->key);
        free(s->name);
        free(s->row);
        *s = b;
    }
    uint64_t k = bc_batch_hash_name(name);
    size_t i = (size_t)(k % s->cap);
    while (s->key[i]) {
        if (s->key[i] == k && !strcmp(s->name[i], name)) return s->row[i];
        i = (i + 1) % s->cap;
    }
    s->key[i] = k;
    s->name[i] = bc_xstrdup(name);
    s->row[i] = row;
    s->n++;
    return 0;
}

void bc_batch_nameset_free(nameset *s)
{
    for (size_t i = 0; i < s->cap; i++) free(s->name[i]);
    free(s->key);
    free(s->name);
    free(s->row);
    memset(s, 0, sizeof *s);
}

/* The name a file system sees: empty and "." parts dropped ("out//./a.pdf" is "out/a.pdf"),
   so two spellings of one file clash. ".." stays: a row cannot put one in. */
void bc_batch_normalise_name(const char *in, bc_buf *out)
{
    out->len = 0;
    bc_buf_add(out, "", 0);
    if (in[0] == '/') bc_buf_addc(out, '/');
    for (const char *p = in; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n && !(n == 1 && p[0] == '.')) {
            if (out->len && out->data[out->len - 1] != '/') bc_buf_addc(out, '/');
            bc_buf_add(out, p, n);
        }
        p += n + (e != NULL);
    }
    if (!out->len) bc_buf_addc(out, '.');
}

/* A name the system can create: at most PATH_MAX - 1 bytes, each part at most NAME_MAX.
   Names are never cut: 0 with why filled. */
int bc_batch_name_fits(const char *name, char *why, size_t cap)
{
    size_t len = strlen(name);
    if (len >= PATH_MAX) {
        snprintf(why, cap,
                 "the output name is %zu bytes long, more than the system allows (%d); "
                 "use shorter values or a shorter --out template",
                 len, PATH_MAX - 1);
        return 0;
    }
    for (const char *p = name; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > NAME_MAX) {
            snprintf(why, cap,
                     "a part of the output name is %zu bytes long, more than a file "
                     "name may be (%d): '%.40s…'",
                     n, NAME_MAX, p);
            return 0;
        }
        p += n + (e != NULL);
    }
    return 1;
}

/* }====================================================== */
