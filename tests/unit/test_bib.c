/* test_bib.c — bib.c on entries citeproc-js cannot judge or that only a hostile file has: names
   parsed as CSL's parse-names says (and not when it is false), page ranges that are not two
   numbers, text cut to a length never cut inside a character, the 3-em dash for a repeated
   author only when the whole name list repeats. The forms citeproc-js can judge are compared
   with it in tests/citeproc. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "base/utf8.h"
#include "doc/bib.h"

static char dir[] = "/tmp/test_bib.XXXXXX";
static bc_bib *bib;

/* Loads the JSON array text as a bibliography (NULL on an error). */
static bc_bib *load(const char *json)
{
    char path[256];
    snprintf(path, sizeof path, "%s/refs.json", dir);
    FILE *f = fopen(path, "w");
    fputs(json, f);
    fclose(f);
    bc_bib_free(bib);
    bib = NULL;
    bc_error err;
    if (bc_bib_load(path, "refs.json", dir, &bib, &err) != BC_OK)
        fprintf(stderr, "load: %s\n", err.msg);
    return bib;
}

static const char *ref(const char *id)
{
    bc_bib_entry *e = bc_bib_find(bib, id, strlen(id));
    return e ? e->reference : "(no entry)";
}

static const char *cite(const char *spec)
{
    static bc_buf out;
    static bc_error err;
    out.len = 0;
    if (bc_bib_cite(bib, spec, strlen(spec), &out, NULL, &err) != BC_OK) return err.msg;
    return out.data;
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    CHECK(load("[{\"id\":\"a\",\"type\":\"book\",\"title\":\"T\",\"author\":[{\"family\":\"van der "
               "Berg\",\"given\":\"Jan\"}]},"
               "{\"id\":\"b\",\"type\":\"book\",\"title\":\"T\",\"author\":[{\"family\":\"van der "
               "Berg\",\"given\":\"Jan\","
               "\"parse-names\":false}]},"
               "{\"id\":\"c\",\"type\":\"book\",\"title\":\"T\",\"author\":[{\"family\":\"Gaulle\","
               "\"given\":\"Charles de\"},"
               "{\"family\":\"King\",\"given\":\"Martin, Jr.\"}]},"
               "{\"id\":\"d\",\"type\":\"book\",\"title\":\"T\",\"author\":[{\"family\":\"de\","
               "\"given\":\"x\"}]}]"));
    CHECK_STR(ref("a"), "Berg, Jan van der. n.d. *T*.");
    CHECK_STR(cite("@a"), "(J. van der Berg, n.d.)"); /* b's name differs, so initials */
    CHECK_STR(ref("b"),
              "van der Berg, Jan. n.d. *T*."); /* parse-names: false keeps the name whole */
    CHECK_STR(ref("c"), "Gaulle, Charles de, and Martin King Jr. n.d. *T*.");
    CHECK_STR(cite("@c"), "(Gaulle and King, n.d.)");
    CHECK_STR(ref("d"), "de, x. n.d. *T*."); /* a lone lower-case word is the family name */

    /* page ranges: Chicago's abbreviation only for two numbers of one length */
    CHECK(load("[{\"id\":\"p1\",\"type\":\"article-journal\",\"title\":\"T\",\"container-title\":"
               "\"J\",\"page\":\"5-5\"},"
               "{\"id\":\"p2\",\"type\":\"article-journal\",\"title\":\"T\",\"container-title\":"
               "\"J\",\"page\":\"S-3\"},"
               "{\"id\":\"p3\",\"type\":\"article-journal\",\"title\":\"T\",\"container-title\":"
               "\"J\",\"page\":\"12-\"},"
               "{\"id\":\"p4\",\"type\":\"article-journal\",\"title\":\"T\",\"container-title\":"
               "\"J\",\"page\":\"12345678901234-5\"},"
               "{\"id\":\"p5\",\"type\":\"article-journal\",\"title\":\"T\",\"container-title\":"
               "\"J\",\"page\":\"999-1002\"},"
               "{\"id\":\"p6\",\"type\":\"article-journal\",\"title\":\"T\",\"container-title\":"
               "\"J\",\"page\":\"1100-1113\"}]"));
    CHECK_STR(ref("p1"), "\"T.\" n.d. *J*: 5\xE2\x80\x93"
                         "5.");
    CHECK_STR(ref("p2"), "\"T.\" n.d. *J*: S\xE2\x80\x93"
                         "3.");
    CHECK_STR(ref("p3"), "\"T.\" n.d. *J*: 12-.");
    CHECK_STR(ref("p4"), "\"T.\" n.d. *J*: 12345678901234\xE2\x80\x93"
                         "5.");
    CHECK_STR(ref("p5"), "\"T.\" n.d. *J*: 999\xE2\x80\x93"
                         "1002.");
    CHECK_STR(ref("p6"), "\"T.\" n.d. *J*: 1100\xE2\x80\x93"
                         "1113.");

    /* long literal dates and editions: cut, or kept whole, never half a character */
    CHECK(load("[{\"id\":\"u\",\"type\":\"book\",\"title\":\"T\",\"author\":[{\"family\":\"A\"}],"
               "\"edition\":\"\xC3\xA9"
               "dition revue\",\"issued\":{\"literal\":\"\xC3\xA0 para\xC3\xAEtre en "
               "\xC3\xA9t\xC3\xA9 prochain\"}},"
               "{\"id\":\"v\",\"type\":\"book\",\"title\":\"T\",\"author\":[{\"family\":\"B\"}],"
               "\"issued\":{\"date-parts\":[["
               "\"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
               "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\"]]}}]"));
    CHECK(bc_utf8_check(ref("u"), strlen(ref("u"))) == (size_t)-1);
    CHECK(bc_utf8_check(ref("v"), strlen(ref("v"))) == (size_t)-1);
    CHECK_STR(ref("u"), "A. \xC3\xA0 para\xC3\xAEtre en \xC3\xA9t. *T*. \xC3\xA9"
                        "dition revue ed.");

    /* the 3-em dash: only when every name repeats */
    CHECK(load("[{\"id\":\"x1\",\"type\":\"book\",\"title\":\"A\",\"author\":[{\"family\":\"Ng\","
               "\"given\":\"L\"}],\"issued\":{\"date-parts\":[[2001]]}},"
               "{\"id\":\"x2\",\"type\":\"book\",\"title\":\"B\",\"author\":[{\"family\":\"Ng\","
               "\"given\":\"L\"}],\"issued\":{\"date-parts\":[[2002]]}},"
               "{\"id\":\"x3\",\"type\":\"book\",\"title\":\"C\",\"author\":[{\"family\":\"Ng\","
               "\"given\":\"L\"},{\"family\":\"Oh\"}],\"issued\":{\"date-parts\":[[2003]]}}]"));
    bib->style = BC_CITE_AUTHOR_YEAR;
    cite("@x1; @x2; @x3");
    bc_bib_entry *list[3];
    CHECK(bc_bib_cited(bib, list, 3) == 3);
    char *t[3];
    for (int i = 0; i < 3; i++) t[i] = bc_bib_list_text(bib, list, i);
    CHECK_STR(t[0], "Ng, L. 2001. *A*.");
    CHECK_STR(t[1], "\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94. 2002. *B*.");
    CHECK_STR(t[2], "Ng, L, and Oh. 2003. *C*.");
    for (int i = 0; i < 3; i++) free(t[i]);
    bib->style = BC_CITE_NUMERIC;
    t[0] = bc_bib_list_text(bib, list, 1);
    CHECK_STR(t[0], "[2] Ng, L. 2002. *B*.");
    free(t[0]);

    bc_bib_free(bib);
    char path[256];
    snprintf(path, sizeof path, "%s/refs.json", dir);
    unlink(path);
    rmdir(dir);
    return check_done();
}
