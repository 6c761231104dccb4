/*
** a11y.h — what `briefc check` tells an author to fix so the tagged PDF reads well with
** assistive technology: the checks only the document model can decide (the tagged PDF's own
** rules are met by construction, pdf/pdf_tags.c).
*/
#ifndef BC_A11Y_H
#define BC_A11Y_H

#include "doc/doc.h"
#include "doc/theme.h"
#include "base/util.h"

/* Appends one warning line per finding to out, compiler style: "brief.lua:12: warning:
   section 'prose': heading 'Costs' is level 3 right after level 1; …" (the section's
   declaration in brief.lua), or "brief.lua: warning: …" for the brief and its theme:
   - a heading level skipped (the title block, contents and references count as level 1);
   - a table without a header row;
   - an image that is neither described (alt) nor marked decorative;
   - a link whose text is its bare URL (read out letter by letter);
   - theme colours for text under WCAG's 4.5:1 contrast on the page or on the theme's fill;
   - no title, no language;
   - a section's text in a script its language is not written in (Arabic letters in an "en"
     section outside a [..]{lang=ur} span), a language span whose tag is not BCP 47 (left as
     text), and as a "note:" (not counted) a section language equal to the brief's.
   Returns the number of findings. */
int bc_a11y_check(const bc_doc *doc, const bc_theme *th, const bc_meta *meta,
                  const char *brief_path, bc_buf *out);

/* WCAG 2 contrast ratio of two 0xRRGGBB colours, from 1 to 21. */
double bc_a11y_contrast(uint32_t a, uint32_t b);

#endif
