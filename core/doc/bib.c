/*
** bib.c — CSL-JSON bibliographies: the file loaded and checked, same-author works told apart,
** citations formatted, the reference list chosen and ordered. The text of one entry (names,
** labels, the reference) is bib_entry.c's.
*/
#include "doc/bib_int.h"

#include "base/suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "base/utf8.h"

static int by_label(const void *a, const void *b)
{
    const bc_bib_entry *x = *(bc_bib_entry *const *)a, *y = *(bc_bib_entry *const *)b;
    int c = strcmp(x->label, y->label);
    return c ? c : strcmp(x->who, y->who);
}

static int by_work(const void *a, const void *b)
{
    const bc_bib_entry *x = *(bc_bib_entry *const *)a, *y = *(bc_bib_entry *const *)b;
    int c = strcmp(x->who, y->who);
    if (!c) c = strcmp(x->year, y->year);
    if (!c) c = strcmp(x->sort, y->sort);
    return c;
}

/* Two works by the same authors in the same year are told apart, as Chicago and citeproc-js
   do: 2019a, 2019b in the order of their titles (in citations and the list alike). */
static void disambiguate(bc_bib *b)
{
    bc_bib_entry **v = bc_xmalloc((size_t)(b->n ? b->n : 1) * sizeof *v);
    for (int i = 0; i < b->n; i++) v[i] = &b->v[i];
    qsort(v, (size_t)b->n, sizeof *v, by_work);
    for (int i = 0; i < b->n;) {
        int j = i + 1;
        while (j < b->n && !strcmp(v[j]->who, v[i]->who) && !strcmp(v[j]->year, v[i]->year)) j++;
        if (j - i > 1 && j - i <= 26 && strcmp(v[i]->year, "n.d."))
            for (int k = i; k < j; k++) {
                char *y = bc_xmalloc(strlen(v[k]->year) + 2);
                sprintf(y, "%s%c", v[k]->year, 'a' + (k - i));
                free(v[k]->year);
                v[k]->year = y;
            }
        i = j;
    }
    /* different authors with one label ("Smith" for John and for Anne): the first author's
       initial tells them apart, "J. Smith 2018; A. Smith 2018" */
    for (int i = 0; i < b->n; i++) v[i] = &b->v[i];
    qsort(v, (size_t)b->n, sizeof *v, by_label);
    for (int i = 0; i < b->n;) {
        int j = i + 1, differ = 0;
        while (j < b->n && !strcmp(v[j]->label, v[i]->label))
            differ |= strcmp(v[j++]->who, v[i]->who) != 0;
        for (int k = i; differ && k < j; k++) {
            const char *given = strchr(v[k]->who, '\x02'); /* family \x02 given \x02 ... */
            if (!given || given[1] == '\x02' || given[1] == 0) continue;
            size_t n = 1;
            while (((unsigned char)given[1 + n] & 0xC0) == 0x80) n++; /* the whole first letter */
            char *lab = bc_xmalloc(n + strlen(v[k]->label) + 4);
            sprintf(lab, "%.*s. %s", (int)n, given + 1, v[k]->label);
            free(v[k]->label);
            v[k]->label = lab;
        }
        i = j;
    }
    free(v);
}

bc_status bc_bib_load(const char *path, const char *display, const char *folder, bc_bib **out,
                      bc_error *err)
{
    *out = NULL;
    char *data;
    size_t len;
    const char *dirs[] = {folder, NULL};
    bc_file_roots roots = {dirs, "the brief folder"};
    if (bc_file_read(path, display, BC_FILE_BIB, &roots, &data, &len, err) != BC_OK) return BC_ERR;
    size_t bad = bc_utf8_check(data, len);
    if (bad != (size_t)-1) {
        int line = 1;
        for (size_t i = 0; i < bad; i++) line += data[i] == '\n';
        free(data);
        return bc_error_set(err, display, line, "invalid UTF-8 at byte offset %zu", bad);
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (!root || !cJSON_IsArray(root)) {
        int line = 1;
        size_t off = end && end >= data ? (size_t)(end - data) : 0;
        for (size_t i = 0; i < off && i < len; i++) line += data[i] == '\n';
        cJSON_Delete(root);
        free(data);
        return bc_error_set(err, display, line,
                            root ? "a bibliography must be a JSON array of "
                                   "entries (CSL-JSON)"
                                 : "invalid JSON");
    }
    bc_bib *b = bc_xcalloc(1, sizeof *b);
    b->path = bc_xstrdup(display);
    int n = cJSON_GetArraySize(root);
    b->v = bc_xcalloc((size_t)(n ? n : 1), sizeof *b->v);
    for (int i = 0; i < n; i++) {
        const cJSON *e = cJSON_GetArrayItem(root, i);
        const cJSON *idv = cJSON_GetObjectItemCaseSensitive(e, "id");
        const char *id = cJSON_IsString(idv) ? idv->valuestring : NULL;
        if (!id || !id[0]) {
            bc_bib_free(b);
            cJSON_Delete(root);
            free(data);
            return bc_error_set(err, display, 0, "entry %d has no \"id\"", i + 1);
        }
        for (int k = 0; k < b->n; k++)
            if (!strcmp(b->v[k].id, id)) {
                bc_error_set(err, display, 0, "two entries have the id \"%s\"", id);
                bc_bib_free(b);
                cJSON_Delete(root);
                free(data);
                return BC_ERR;
            }
        bc_bib_entry *en = &b->v[b->n++];
        char year[32];
        bc_bib_year_of(e, year, sizeof year);
        en->id = bc_xstrdup(id);
        en->year = bc_xstrdup(year);
        en->reference = NULL;
        bc_bib_names_of(e, en);
    }
    disambiguate(b);
    int i = 0;
    for (const cJSON *e = root->child; e && i < b->n; e = e->next, i++) {
        bc_buf ref = {0};
        b->v[i].creators_len = bc_bib_reference(e, b->v[i].year, &ref);
        b->v[i].reference = ref.data ? ref.data : bc_xstrdup("");
    }
    cJSON_Delete(root);
    free(data);
    *out = b;
    return BC_OK;
}

void bc_bib_free(bc_bib *b)
{
    if (!b) return;
    for (int i = 0; i < b->n; i++) {
        free(b->v[i].id);
        free(b->v[i].label);
        free(b->v[i].year);
        free(b->v[i].reference);
        free(b->v[i].sort);
        free(b->v[i].who);
    }
    free(b->v);
    free(b->path);
    free(b);
}

bc_bib_entry *bc_bib_find(bc_bib *b, const char *id, size_t len)
{
    for (int i = 0; b && i < b->n; i++)
        if (strlen(b->v[i].id) == len && !memcmp(b->v[i].id, id, len)) return &b->v[i];
    return NULL;
}

static const char *trim(const char *s, const char *end, size_t *len)
{
    while (s < end && isspace((unsigned char)*s)) s++;
    while (end > s && isspace((unsigned char)end[-1])) end--;
    *len = (size_t)(end - s);
    return s;
}

bc_status bc_bib_cite(bc_bib *b, const char *spec, size_t len, bc_buf *out, bc_buf *first_id,
                      bc_error *err)
{
    const char *p = spec, *end = spec + len;
    int first = 1;
    const bc_bib_entry *last = NULL;
    bc_buf_adds(out, b->style == BC_CITE_NUMERIC ? "[" : "(");
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *part_end = semi ? semi : end;
        size_t plen;
        const char *part = trim(p, part_end, &plen);
        if (plen && part[0] == '@') {
            part++;
            plen--;
        }
        const char *comma = memchr(part, ',', plen);
        size_t klen;
        const char *key = trim(part, comma ? comma : part + plen, &klen);
        bc_bib_entry *e = bc_bib_find(b, key, klen);
        if (!e)
            return bc_error_set(err, NULL, 0, "unknown citation key '%.*s' (not in %s)", (int)klen,
                                key, b->path);
        if (!e->cited) e->cited = ++b->ncited;
        if (first && first_id) bc_buf_adds(first_id, e->id);
        /* the same authors again: only the year ("Kronstadt and Epstein 2013, 2019") */
        int same = last && b->style == BC_CITE_AUTHOR_YEAR && !strcmp(last->who, e->who);
        if (!first) bc_buf_adds(out, b->style == BC_CITE_NUMERIC || same ? ", " : "; ");
        if (b->style == BC_CITE_NUMERIC)
            bc_buf_printf(out, "%d", e->cited);
        else if (same)
            bc_buf_adds(out, e->year);
        else /* Chicago: "(Aid Data, n.d.)", "(Hussain 2016)" */
            bc_buf_printf(out, "%s%s %s", e->label, strncmp(e->year, "n.d.", 4) ? "" : ",",
                          e->year);
        last = comma ? NULL : e;
        if (comma) {
            size_t llen;
            const char *loc = trim(comma + 1, part + plen, &llen);
            /* Chicago author-date writes a page locator bare: "2013, 4", not "2013, p. 4" */
            if (b->style == BC_CITE_AUTHOR_YEAR)
                for (const char *const *pre =
                         (const char *const[]){"pp. ", "p. ", "pp.", "p.", NULL};
                     *pre; pre++)
                    if (llen > strlen(*pre) && !strncmp(loc, *pre, strlen(*pre)) &&
                        isdigit((unsigned char)loc[strlen(*pre)])) {
                        loc += strlen(*pre);
                        llen -= strlen(*pre);
                        break;
                    }
            bc_buf_adds(out, ", ");
            for (size_t k = 0; k < llen; k++) { /* "10-12" as "10–12", as in the list */
                if (loc[k] == '-' && k && k + 1 < llen && isdigit((unsigned char)loc[k - 1]) &&
                    isdigit((unsigned char)loc[k + 1]))
                    bc_buf_adds(out, "\xE2\x80\x93");
                else
                    bc_buf_addc(out, loc[k]);
            }
        }
        first = 0;
        p = semi ? semi + 1 : end;
    }
    bc_buf_adds(out, b->style == BC_CITE_NUMERIC ? "]" : ")");
    return BC_OK;
}

static int by_sort(const void *a, const void *b)
{
    const bc_bib_entry *x = *(bc_bib_entry *const *)a, *y = *(bc_bib_entry *const *)b;
    return strcmp(x->sort, y->sort);
}

static int by_cited(const void *a, const void *b)
{
    const bc_bib_entry *x = *(bc_bib_entry *const *)a, *y = *(bc_bib_entry *const *)b;
    return x->cited - y->cited;
}

bc_status bc_bib_nocite(bc_bib *b, const char *const *keys, int n, bc_error *err)
{
    for (int k = 0; k < n; k++) {
        if (!strcmp(keys[k], "*")) {
            for (int i = 0; i < b->n; i++) b->v[i].nocite = 1;
            continue;
        }
        bc_bib_entry *e = bc_bib_find(b, keys[k], strlen(keys[k]));
        if (e) {
            e->nocite = 1;
            continue;
        }
        const char **ids = bc_xcalloc((size_t)b->n + 1, sizeof *ids);
        for (int i = 0; i < b->n; i++) ids[i] = b->v[i].id;
        const char *near = bc_suggest_n(keys[k], ids, (size_t)b->n);
        bc_error_set(err, NULL, 0, "theme.nocite names '%.80s', which %s has no entry for%s%.80s%s",
                     keys[k], b->path ? b->path : "the bibliography",
                     near ? " (did you mean '" : "", near ? near : "",
                     near ? "'?)" : "; write \"*\" to list every entry");
        free(ids);
        return BC_ERR;
    }
    return BC_OK;
}

int bc_bib_cited(bc_bib *b, bc_bib_entry **out, int cap)
{
    int n = 0;
    /* entries nocite lists and no text cites: numbered after the cited ones, in sorted order */
    for (int i = 0; b && i < b->n && n < cap; i++)
        if (!b->v[i].cited && b->v[i].nocite) out[n++] = &b->v[i];
    qsort(out, (size_t)n, sizeof *out, by_sort);
    for (int i = 0; i < n; i++) out[i]->cited = ++b->ncited;
    n = 0;
    for (int i = 0; b && i < b->n && n < cap; i++)
        if (b->v[i].cited) out[n++] = &b->v[i];
    qsort(out, (size_t)n, sizeof *out, b && b->style == BC_CITE_NUMERIC ? by_cited : by_sort);
    return n;
}

char *bc_bib_list_text(const bc_bib *b, bc_bib_entry *const *list, int i)
{
    const bc_bib_entry *e = list[i];
    bc_buf t = {0};
    if (b->style == BC_CITE_NUMERIC)
        bc_buf_printf(&t, "[%d] %s", e->cited, e->reference);
    else if (i > 0 && e->creators_len && list[i - 1]->creators_len &&
             !strcmp(list[i - 1]->who, e->who)) {
        const char *rest = e->reference + e->creators_len;
        bc_buf_printf(&t, "\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94%s%s", *rest == '.' ? "" : ".",
                      rest);
    } else
        bc_buf_adds(&t, e->reference);
    return t.data ? t.data : bc_xstrdup("");
}
