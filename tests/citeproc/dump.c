/*
** dump.c — briefc's side of the citeproc-js comparison: loads a CSL-JSON file with
** bc_bib_load, cites every entry once (so the list holds them all, as oracle.js registers them
** all), prints the reference list in its order as "ref\t<id>\t<markup>", then each line of the
** citations file as "cite\t<line>\t<text>" (the text inside [@...], as a brief writes it).
** Usage: bib_dump ENTRIES.json CITES.txt
*/
#define _DEFAULT_SOURCE
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/bib.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bib_dump ENTRIES.json CITES.txt\n");
        return 2;
    }
    char *copy = strdup(argv[1]);
    char folder[4096];
    if (!realpath(dirname(copy), folder)) return perror(argv[1]), 1;
    free(copy);
    bc_bib *b;
    bc_error err;
    if (bc_bib_load(argv[1], argv[1], folder, &b, &err) != BC_OK) {
        bc_error_print(&err, "bib_dump");
        return 1;
    }
    b->style = BC_CITE_AUTHOR_YEAR;
    bc_buf out = {0};
    for (int i = 0; i < b->n; i++) {
        out.len = 0;
        if (bc_bib_cite(b, b->v[i].id, strlen(b->v[i].id), &out, NULL, &err) != BC_OK) return 1;
    }
    bc_bib_entry **es = calloc((size_t)b->n + 1, sizeof *es);
    int n = bc_bib_cited(b, es, b->n);
    for (int i = 0; i < n; i++) {
        char *text = bc_bib_list_text(b, es, i);
        printf("ref\t%s\t%s\n", es[i]->id, text);
        free(text);
    }
    free(es);
    /* citations, after the list so that numbering is irrelevant: author-date only */
    FILE *f = fopen(argv[2], "r");
    if (!f) return perror(argv[2]), 1;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (!line[0]) continue;
        out.len = 0;
        if (bc_bib_cite(b, line, strlen(line), &out, NULL, &err) != BC_OK) {
            bc_error_print(&err, "bib_dump");
            return 1;
        }
        printf("cite\t%s\t%.*s\n", line, (int)out.len, out.data);
    }
    fclose(f);
    bc_buf_free(&out);
    bc_bib_free(b);
    return 0;
}
