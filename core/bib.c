/*
** bib.c — CSL-JSON bibliographies, citation text and reference-list entries.
*/
#include "bib.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "fileio.h"
#include "utf8.h"

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Text for inline markup: characters that would start markup are escaped. */
static void add_escaped(bc_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\*[]_`", *s)) bc_buf_addc(b, '\\');
        bc_buf_addc(b, *s);
    }
}

static int author_count(const cJSON *authors) { return cJSON_IsArray(authors) ? cJSON_GetArraySize(authors) : 0; }

static const char *family(const cJSON *a)
{
    const char *f = str(a, "family");
    return f ? f : str(a, "literal");
}

static void author_label(const cJSON *authors, bc_buf *out)
{
    int n = author_count(authors);
    if (n == 0) {
        bc_buf_adds(out, "Anonymous");
        return;
    }
    const char *a = family(cJSON_GetArrayItem(authors, 0));
    if (n == 1) bc_buf_adds(out, a ? a : "?");
    else if (n == 2) {
        const char *b = family(cJSON_GetArrayItem(authors, 1));
        bc_buf_printf(out, "%s and %s", a ? a : "?", b ? b : "?");
    } else {
        bc_buf_printf(out, "%s et al.", a ? a : "?");
    }
}

static void author_list(const cJSON *authors, bc_buf *out)
{
    int n = author_count(authors);
    for (int i = 0; i < n; i++) {
        const cJSON *a = cJSON_GetArrayItem(authors, i);
        const char *f = str(a, "family"), *g = str(a, "given"), *lit = str(a, "literal");
        if (i) bc_buf_adds(out, i == n - 1 ? (n > 2 ? ", and " : " and ") : ", ");
        if (lit) add_escaped(out, lit);
        else if (i == 0) {
            add_escaped(out, f ? f : "?");
            if (g) {
                bc_buf_adds(out, ", ");
                add_escaped(out, g);
            }
        } else {
            if (g) {
                add_escaped(out, g);
                bc_buf_addc(out, ' ');
            }
            add_escaped(out, f ? f : "?");
        }
    }
}

static void year_of(const cJSON *e, char *out, size_t cap)
{
    const cJSON *issued = cJSON_GetObjectItemCaseSensitive(e, "issued");
    const cJSON *parts = cJSON_GetObjectItemCaseSensitive(issued, "date-parts");
    const cJSON *first = cJSON_IsArray(parts) ? cJSON_GetArrayItem(parts, 0) : NULL;
    const cJSON *y = cJSON_IsArray(first) ? cJSON_GetArrayItem(first, 0) : NULL;
    if (cJSON_IsNumber(y)) snprintf(out, cap, "%d", y->valueint);
    else if (cJSON_IsString(y)) snprintf(out, cap, "%s", y->valuestring);
    else if (str(e, "year")) snprintf(out, cap, "%s", str(e, "year"));
    else snprintf(out, cap, "n.d.");
}

/* Adds a full stop unless the text already ends a sentence (looking past closing markup). */
static void end_sentence(bc_buf *b)
{
    size_t i = b->len;
    while (i && (b->data[i - 1] == '*' || b->data[i - 1] == '"')) i--;
    if (b->len && !(i && strchr(".?!", b->data[i - 1]))) bc_buf_addc(b, '.');
}

/* "Authors. Year. *Title*. Container. Publisher. Number. URL." (Chicago author–date) */
static void reference(const cJSON *e, const char *year, bc_buf *out)
{
    const cJSON *authors = cJSON_GetObjectItemCaseSensitive(e, "author");
    const char *title = str(e, "title"), *container = str(e, "container-title");
    const char *publisher = str(e, "publisher"), *number = str(e, "number");
    const char *url = str(e, "URL"), *note = str(e, "note"), *type = str(e, "type");
    if (author_count(authors)) author_list(authors, out);
    else if (publisher) add_escaped(out, publisher), publisher = NULL;
    else bc_buf_adds(out, "Anonymous");
    end_sentence(out);
    bc_buf_printf(out, " %s.", year);
    int in_container = container && type && (strstr(type, "article") || !strcmp(type, "chapter"));
    if (title) {
        bc_buf_adds(out, in_container ? " \"" : " *");
        add_escaped(out, title);
        bc_buf_adds(out, in_container ? ".\"" : "*");
        if (!in_container) end_sentence(out);
    }
    if (container) {
        bc_buf_adds(out, in_container ? " *" : " ");
        add_escaped(out, container);
        if (in_container) bc_buf_addc(out, '*');
        const char *vol = str(e, "volume"), *iss = str(e, "issue"), *pg = str(e, "page");
        if (vol) bc_buf_printf(out, " %s", vol);
        if (iss) bc_buf_printf(out, " (%s)", iss);
        if (pg) bc_buf_printf(out, ": %s", pg);
        end_sentence(out);
    }
    if (number) {
        bc_buf_addc(out, ' ');
        add_escaped(out, number);
        end_sentence(out);
    }
    if (publisher) {
        bc_buf_addc(out, ' ');
        add_escaped(out, publisher);
        end_sentence(out);
    }
    if (note) {
        bc_buf_addc(out, ' ');
        add_escaped(out, note);
        end_sentence(out);
    }
    if (url && !strchr(url, ' ') && !strchr(url, ')')) bc_buf_printf(out, " [%s](%s)", url, url);
}

static void lower_into(bc_buf *b, const char *s)
{
    for (; s && *s; s++) bc_buf_addc(b, (char)tolower((unsigned char)*s));
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
        return bc_error_set(err, display, line, root ? "a bibliography must be a JSON array of "
                            "entries (CSL-JSON)" : "invalid JSON");
    }
    bc_bib *b = bc_xcalloc(1, sizeof *b);
    b->path = bc_xstrdup(display);
    int n = cJSON_GetArraySize(root);
    b->v = bc_xcalloc((size_t)(n ? n : 1), sizeof *b->v);
    for (int i = 0; i < n; i++) {
        const cJSON *e = cJSON_GetArrayItem(root, i);
        const char *id = str(e, "id");
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
        year_of(e, year, sizeof year);
        bc_buf lab = {0}, ref = {0}, sort = {0};
        const cJSON *authors = cJSON_GetObjectItemCaseSensitive(e, "author");
        if (author_count(authors)) author_label(authors, &lab);
        else if (str(e, "publisher")) bc_buf_adds(&lab, str(e, "publisher"));
        else bc_buf_adds(&lab, str(e, "title") ? str(e, "title") : id);
        reference(e, year, &ref);
        lower_into(&sort, lab.data);
        bc_buf_printf(&sort, "\x01%s\x01", year);
        lower_into(&sort, str(e, "title"));
        en->id = bc_xstrdup(id);
        en->label = lab.data;
        en->year = bc_xstrdup(year);
        en->reference = ref.data ? ref.data : bc_xstrdup("");
        en->sort = sort.data ? sort.data : bc_xstrdup("");
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
        if (!e) return bc_error_set(err, NULL, 0, "unknown citation key '%.*s' (not in %s)", (int)klen, key, b->path);
        if (!e->cited) e->cited = ++b->ncited;
        if (first && first_id) bc_buf_adds(first_id, e->id);
        /* the same authors again: only the year ("Kronstadt and Epstein 2013, 2019") */
        int same = last && b->style == BC_CITE_AUTHOR_YEAR && !strcmp(last->label, e->label);
        if (!first) bc_buf_adds(out, b->style == BC_CITE_NUMERIC || same ? ", " : "; ");
        if (b->style == BC_CITE_NUMERIC) bc_buf_printf(out, "%d", e->cited);
        else if (same) bc_buf_adds(out, e->year);
        else bc_buf_printf(out, "%s %s", e->label, e->year);
        last = comma ? NULL : e;
        if (comma) {
            size_t llen;
            const char *loc = trim(comma + 1, part + plen, &llen);
            bc_buf_printf(out, ", %.*s", (int)llen, loc);
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

int bc_bib_cited(bc_bib *b, bc_bib_entry **out, int cap)
{
    int n = 0;
    for (int i = 0; b && i < b->n && n < cap; i++)
        if (b->v[i].cited) out[n++] = &b->v[i];
    qsort(out, (size_t)n, sizeof *out, b && b->style == BC_CITE_NUMERIC ? by_cited : by_sort);
    return n;
}
