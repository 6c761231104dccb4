/*
** cjkpunct.h — the classes of Chinese and Japanese punctuation that decide its spacing
** (JLREQ 3.1 and appendix A, CLREQ 3.1): opening brackets (cl-01), closing brackets (cl-02),
** commas (cl-07), full stops (cl-06) and middle dots (cl-05). A full-width mark is an em wide
** with its ink on one side; layout (cjkpunct.c) takes the blank half off where two meet, at
** a line's start and, to fit a justified line, at its end.
*/
#ifndef BC_CJKPUNCT_H
#define BC_CJKPUNCT_H

#include <stdint.h>

enum {
    BC_PUNCT_NONE,
    BC_PUNCT_OPEN,   /* 「『（【〔〈《〖〘〚〝［｛｟‘“: blank on the left */
    BC_PUNCT_CLOSE,  /* 」』）】〕〉》〗〙〛〞〟］｝｠’”: blank on the right */
    BC_PUNCT_COMMA,  /* 、，: blank on the right (Japanese and mainland Chinese glyphs) */
    BC_PUNCT_STOP,   /* 。．: the same */
    BC_PUNCT_MIDDLE, /* ・：；: blank on both sides, left as they are */
};

/* The class of cp, BC_PUNCT_NONE for anything else. */
int bc_lay_punct_class(uint32_t cp);

/* Whether a mark of class c has its blank on the right: closing brackets, commas, stops. */
static inline int bc_lay_punct_closing(int c)
{
    return c == BC_PUNCT_CLOSE || c == BC_PUNCT_COMMA || c == BC_PUNCT_STOP;
}

#endif
