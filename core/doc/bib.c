/*
** bib.c — CSL-JSON bibliographies, citation text and reference-list entries.
*/
#include "doc/bib.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "base/fileio.h"
#include "base/utf8.h"

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

/* A page range or number for markup: escaped, a hyphen between numbers (or a doubled one)
   set as an en dash, "129-152" -> "129–152", as Chicago and citeproc-js print it. */
static void add_range(bc_buf *b, const char *s)
{
    for (const char *p = s; p && *p; p++) {
        if (*p == '-' && p > s && isalnum((unsigned char)p[-1])) {
            const char *q = p;
            while (*q == '-') q++;
            if (isalnum((unsigned char)*q)) {
                bc_buf_adds(b, "\xE2\x80\x93");
                p = q - 1;
                continue;
            }
        }
        if (strchr("\\*[]_`", *p)) bc_buf_addc(b, '\\');
        bc_buf_addc(b, *p);
    }
}

/* A title for markup, with CSL's rich text: <i>…</i> in a roman title (an article's, in
   quotes) becomes italic; in an italic title (a book's) it stays roman, the flip-flop CSL
   asks for, shown as plain text. Other tags (<b>, <sup>, <sub>, <sc>, <span …>) are dropped,
   never printed. */
static void add_title(bc_buf *b, const char *s, int italic_context)
{
    static const char *const tags[] = {"<i>", "</i>", "<b>", "</b>", "<sup>", "</sup>", "<sub>",
                                       "</sub>", "<sc>", "</sc>", "</span>", NULL};
    for (const char *p = s; p && *p;) {
        int hit = 0;
        for (int t = 0; *p == '<' && tags[t]; t++) {
            size_t n = strlen(tags[t]);
            if (!strncmp(p, tags[t], n)) {
                if (t < 2 && !italic_context) bc_buf_addc(b, '*');
                p += n;
                hit = 1;
                break;
            }
        }
        if (!hit && !strncmp(p, "<span", 5) && strchr(p, '>')) {
            p = strchr(p, '>') + 1;
            hit = 1;
        }
        if (hit) continue;
        if (strchr("\\*[]_`", *p)) bc_buf_addc(b, '\\');
        bc_buf_addc(b, *p++);
    }
}

/* " [url](url)" for markup: the text escaped, the target with the characters that would end
   or break a markup link (space, parentheses, brackets, controls) percent-encoded. */
static void add_link(bc_buf *b, const char *url)
{
    bc_buf_adds(b, " [");
    add_escaped(b, url);
    bc_buf_adds(b, "](");
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p <= 0x20 || strchr("()[]<>\"\\`", *p)) bc_buf_printf(b, "%%%02X", *p);
        else bc_buf_addc(b, (char)*p);
    }
    bc_buf_addc(b, ')');
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
    /* Chicago (and citeproc-js): a comma before "and" even with two names, the first
       inverted ("Kronstadt, K. Alan, and Susan B. Epstein"); eleven or more authors: the
       first seven, then "et al." */
    int n = author_count(authors), shown = n >= 11 ? 7 : n;
    for (int i = 0; i < shown; i++) {
        const cJSON *a = cJSON_GetArrayItem(authors, i);
        const char *f = str(a, "family"), *g = str(a, "given"), *lit = str(a, "literal");
        if (i) bc_buf_adds(out, i == n - 1 ? ", and " : ", ");
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
    if (shown < n) bc_buf_adds(out, ", et al.");
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
    else if (str(issued, "literal")) snprintf(out, cap, "%.20s", str(issued, "literal"));
    else if (str(issued, "raw")) { /* "2019-05-04", "May 2019": its first four-digit year */
        const char *r = str(issued, "raw"), *p = r;
        while (*p && !(isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
                       isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                       !isdigit((unsigned char)p[4]) && (p == r || !isdigit((unsigned char)p[-1]))))
            p++;
        if (*p) snprintf(out, cap, "%.4s", p);
        else snprintf(out, cap, "n.d.");
    } else snprintf(out, cap, "n.d.");
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
    const cJSON *editors = cJSON_GetObjectItemCaseSensitive(e, "editor");
    const char *title = str(e, "title"), *container = str(e, "container-title");
    const char *publisher = str(e, "publisher"), *number = str(e, "number");
    const char *url = str(e, "URL"), *note = str(e, "note"), *type = str(e, "type");
    if (author_count(authors)) author_list(authors, out);
    else if (author_count(editors)) { /* an edited book is its editors', not its publisher's */
        author_list(editors, out);
        bc_buf_adds(out, author_count(editors) > 1 ? ", eds" : ", ed");
    } else if (publisher) add_escaped(out, publisher), publisher = NULL;
    else bc_buf_adds(out, "Anonymous");
    end_sentence(out);
    bc_buf_printf(out, " %s", year);
    end_sentence(out); /* "n.d." takes no second period */
    int in_container = container && type && (strstr(type, "article") || !strcmp(type, "chapter"));
    if (title) {
        bc_buf_adds(out, in_container ? " \"" : " *");
        add_title(out, title, !in_container);
        size_t tl = strlen(title);
        int ends = tl && strchr(".?!", title[tl - 1]); /* "Improving?" takes no period */
        bc_buf_adds(out, in_container ? (ends ? "\"" : ".\"") : "*");
        if (!in_container) end_sentence(out);
    }
    if (container) {
        bc_buf_adds(out, in_container ? " *" : " ");
        add_escaped(out, container);
        if (in_container) bc_buf_addc(out, '*');
        const char *vol = str(e, "volume"), *iss = str(e, "issue"), *pg = str(e, "page");
        if (vol) {
            bc_buf_addc(out, ' ');
            add_range(out, vol);
        }
        if (iss) {
            bc_buf_adds(out, " (");
            add_range(out, iss);
            bc_buf_addc(out, ')');
        }
        if (pg) {
            bc_buf_adds(out, ": ");
            add_range(out, pg);
        }
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
    /* a DOI is the lasting link (Chicago prefers it to a URL); a URL with a space or a
       parenthesis is kept too, its target percent-encoded */
    const char *doi = str(e, "DOI");
    if (doi && *doi) {
        if (!strncmp(doi, "https://doi.org/", 16)) doi += 16;
        char *link = bc_xmalloc(strlen(doi) + 17);
        sprintf(link, "https://doi.org/%s", doi);
        add_link(out, link);
        free(link);
    } else if (url && *url) {
        add_link(out, url);
    }
}

/* The sort form of s: lower case, Latin letters without their accents (U+00C0 to U+017F:
   "Çelik" sorts with "celik", before "Zimmer", not after it as its bytes would). */
static void lower_into(bc_buf *b, const char *s)
{
    static const char latin1[] = "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
    static const char latin_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s, d = (unsigned char)s[1];
        if (c == 0xC3 && d >= 0x80 && d <= 0xBF) {
            bc_buf_addc(b, latin1[d - 0x80]);
            s++;
        } else if ((c == 0xC4 || c == 0xC5) && d >= 0x80 && d <= 0xBF) {
            bc_buf_addc(b, latin_a[(c - 0xC4) * 64 + (d - 0x80)]);
            s++;
        } else {
            bc_buf_addc(b, (char)tolower(c));
        }
    }
}

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
        while (j < b->n && !strcmp(v[j]->label, v[i]->label)) differ |= strcmp(v[j++]->who, v[i]->who) != 0;
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
        bc_buf lab = {0}, sort = {0};
        const cJSON *authors = cJSON_GetObjectItemCaseSensitive(e, "author");
        if (!author_count(authors)) authors = cJSON_GetObjectItemCaseSensitive(e, "editor");
        if (author_count(authors)) author_label(authors, &lab);
        else if (str(e, "publisher")) bc_buf_adds(&lab, str(e, "publisher"));
        else bc_buf_adds(&lab, str(e, "title") ? str(e, "title") : id);
        lower_into(&sort, lab.data);
        bc_buf_printf(&sort, "\x01%s\x01", year);
        lower_into(&sort, str(e, "title"));
        en->id = bc_xstrdup(id);
        en->label = lab.data;
        en->year = bc_xstrdup(year);
        en->reference = NULL;
        en->sort = sort.data ? sort.data : bc_xstrdup("");
        bc_buf who = {0};
        for (int k = 0; k < author_count(authors); k++) {
            const cJSON *a = cJSON_GetArrayItem(authors, k);
            bc_buf_printf(&who, "%s\x02%s\x02%s\x03", family(a) ? family(a) : "",
                          str(a, "given") ? str(a, "given") : "", str(a, "literal") ? str(a, "literal") : "");
        }
        en->who = who.data ? who.data : bc_xstrdup(lab.data ? lab.data : "");
    }
    disambiguate(b);
    int i = 0;
    for (const cJSON *e = root->child; e && i < b->n; e = e->next, i++) {
        bc_buf ref = {0};
        reference(e, b->v[i].year, &ref);
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
        if (!e) return bc_error_set(err, NULL, 0, "unknown citation key '%.*s' (not in %s)", (int)klen, key, b->path);
        if (!e->cited) e->cited = ++b->ncited;
        if (first && first_id) bc_buf_adds(first_id, e->id);
        /* the same authors again: only the year ("Kronstadt and Epstein 2013, 2019") */
        int same = last && b->style == BC_CITE_AUTHOR_YEAR && !strcmp(last->who, e->who);
        if (!first) bc_buf_adds(out, b->style == BC_CITE_NUMERIC || same ? ", " : "; ");
        if (b->style == BC_CITE_NUMERIC) bc_buf_printf(out, "%d", e->cited);
        else if (same) bc_buf_adds(out, e->year);
        else bc_buf_printf(out, "%s %s", e->label, e->year);
        last = comma ? NULL : e;
        if (comma) {
            size_t llen;
            const char *loc = trim(comma + 1, part + plen, &llen);
            /* Chicago author-date writes a page locator bare: "2013, 4", not "2013, p. 4" */
            if (b->style == BC_CITE_AUTHOR_YEAR)
                for (const char *const *pre = (const char *const[]){"pp. ", "p. ", "pp.", "p.", NULL}; *pre; pre++)
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

int bc_bib_cited(bc_bib *b, bc_bib_entry **out, int cap)
{
    int n = 0;
    for (int i = 0; b && i < b->n && n < cap; i++)
        if (b->v[i].cited) out[n++] = &b->v[i];
    qsort(out, (size_t)n, sizeof *out, b && b->style == BC_CITE_NUMERIC ? by_cited : by_sort);
    return n;
}
