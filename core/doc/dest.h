/*
** dest.h — the destination-name protocol: how layout names the places in a document that
** links go to, and how a link names one. Layout puts a named destination at each heading
** ("h-3", by its index among the document's headings), each labelled heading, table, chart
** or image ("lbl-" and the label) and each bibliography entry ("ref-" and its key); a link
** to one is the name after a '#'. Every writer and reader of these names uses these macros,
** so that a name cannot be spelled two ways.
*/
#ifndef BC_DOC_DEST_H
#define BC_DOC_DEST_H

#define BC_DEST_HEADING "h-%d" /* printf format: the heading's index, from 0 */
#define BC_DEST_LABEL "lbl-%s" /* printf format: the label */
#define BC_DEST_REF "ref-%s"   /* printf format: the bibliography entry's key */

#define BC_LINK_HEADING "#" BC_DEST_HEADING
#define BC_LINK_LABEL "#" BC_DEST_LABEL
#define BC_LINK_REF "#" BC_DEST_REF

#endif
