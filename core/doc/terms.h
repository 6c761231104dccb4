/*
** terms.h — the words briefc writes itself, in the brief's language: the "Table 1" and
** "Figure 1" of captions and cross-references, "Source:", "(continued)", the default titles
** of the contents and the references, and "Section 2.1".
**
** A language is looked up by the primary subtag of its BCP 47 tag ("ur-PK" is "ur"); one
** without terms of its own, or NULL, gets English. The strings are static and UTF-8; the
** formats take one number (%d) or one heading number (%s).
*/
#ifndef BC_TERMS_H
#define BC_TERMS_H

typedef struct bc_terms {
    const char *lang;       /* the primary subtag: "en", "ur", … */
    const char *table;      /* "Table %d" */
    const char *figure;     /* "Figure %d" */
    const char *section;    /* "Section %s" */
    const char *source;     /* "Source: ", with the space that follows */
    const char *continued;  /* " (continued)", with the space before */
    const char *contents;   /* "Contents" */
    const char *references; /* "References" */
} bc_terms;

/* The terms of language tag (a BCP 47 tag or NULL); never NULL. */
const bc_terms *bc_terms_for(const char *tag);

#endif
