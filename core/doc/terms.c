/*
** terms.c — the words briefc writes itself, per language (terms.h). The table is small on
** purpose: each entry is what a publisher in that language prints under a table or figure,
** as Typst, babel and Word set them. Add a language here and nowhere else.
*/
#include "doc/terms.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

static const bc_terms terms[] = {
    {"en", "Table %d", "Figure %d", "Section %s", "Source: ", " (continued)", "Contents",
     "References"},
    {"fr", "Tableau %d", "Figure %d", "Section %s", "Source: ", " (suite)",
     "Table des mati\u00e8res", "R\u00e9f\u00e9rences"},
    {"de", "Tabelle %d", "Abbildung %d", "Abschnitt %s", "Quelle: ", " (Fortsetzung)",
     "Inhaltsverzeichnis", "Literatur"},
    {"es", "Tabla %d", "Figura %d", "Secci\u00f3n %s", "Fuente: ", " (continuaci\u00f3n)",
     "\u00cdndice", "Referencias"},
    {"it", "Tabella %d", "Figura %d", "Sezione %s", "Fonte: ", " (continua)", "Indice",
     "Riferimenti bibliografici"},
    {"pt", "Tabela %d", "Figura %d", "Sec\u00e7\u00e3o %s", "Fonte: ", " (continua\u00e7\u00e3o)",
     "\u00cdndice", "Refer\u00eancias"},
    {"nl", "Tabel %d", "Figuur %d", "Paragraaf %s", "Bron: ", " (vervolg)", "Inhoud", "Literatuur"},
    /* Urdu and Arabic: the number in Western digits, as the brief writes its own */
    {"ur", "\u062c\u062f\u0648\u0644 %d", "\u0634\u06a9\u0644 %d", "\u062d\u0635\u06c1 %s",
     "\u0645\u0627\u062e\u0630: ", " (\u062c\u0627\u0631\u06cc)", "\u0641\u06c1\u0631\u0633\u062a",
     "\u062d\u0648\u0627\u0644\u06c1 \u062c\u0627\u062a"},
    {"ar", "\u062c\u062f\u0648\u0644 %d", "\u0634\u0643\u0644 %d",
     "\u0627\u0644\u0642\u0633\u0645 %s", "\u0627\u0644\u0645\u0635\u062f\u0631: ",
     " (\u062a\u0627\u0628\u0639)", "\u0627\u0644\u0645\u062d\u062a\u0648\u064a\u0627\u062a",
     "\u0627\u0644\u0645\u0631\u0627\u062c\u0639"},
    {"hi", "\u0924\u093e\u0932\u093f\u0915\u093e %d", "\u091a\u093f\u0924\u094d\u0930 %d",
     "\u0916\u0902\u0921 %s", "\u0938\u094d\u0930\u094b\u0924: ", " (\u091c\u093e\u0930\u0940)",
     "\u0935\u093f\u0937\u092f-\u0938\u0942\u091a\u0940", "\u0938\u0902\u0926\u0930\u094d\u092d"},
    {"zh", "\u8868 %d", "\u56fe %d", "\u7b2c %s \u8282", "\u6765\u6e90\uff1a", "\uff08\u7eed\uff09",
     "\u76ee\u5f55", "\u53c2\u8003\u6587\u732e"},
};

const bc_terms *bc_terms_for(const char *tag)
{
    if (!tag) return &terms[0];
    size_t n = strcspn(tag, "-_");
    for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
        if (strlen(terms[i].lang) == n && !strncasecmp(tag, terms[i].lang, n)) return &terms[i];
    return &terms[0];
}
