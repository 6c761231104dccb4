/*
** cjkpunct.h — the classes of Chinese and Japanese punctuation that decide its spacing
** (JLREQ 3.1 and appendix A, CLREQ 3.1): opening brackets (cl-01), closing brackets (cl-02),
** commas (cl-07), full stops (cl-06) and middle dots (cl-05). A full-width mark is an em wide
** with its ink on one side, a middle dot's in the middle; layout (cjkpunct.c) takes half an em
** of blank off where two meet (bc_lay_punct_pair), and an opening bracket's at a line's start
** and a closing mark's, to fit a justified line, at its end.
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
    BC_PUNCT_MIDDLE, /* ・：；: a quarter em blank on both sides (a font's 'halt' may say
                        otherwise: Chinese fonts set ：； on the left, blank on the right) */
};

/* The class of cp, BC_PUNCT_NONE for anything else. */
int bc_lay_punct_class(uint32_t cp);

/* Whether a mark of class c has its blank on the right: closing brackets, commas, stops. */
static inline int bc_lay_punct_closing(int c)
{
    return c == BC_PUNCT_CLOSE || c == BC_PUNCT_COMMA || c == BC_PUNCT_STOP;
}

/* Two full-width marks in a row (CLREQ 3.1.6.1, JLREQ 3.1, as Typst sets them): half an em
   (half) of the blank between them is taken off, first from the first mark's right blank
   (blank_a), the rest from the second's left blank (blank_b), so 」「 loses the closing
   bracket's half, ・「 a quarter from each; nothing when their blanks together have less
   (「」). Any unit, the same for all. */
static inline void bc_lay_punct_pair(double blank_a, double blank_b, double half, double *cut_a,
                                     double *cut_b)
{
    *cut_a = *cut_b = 0;
    if (blank_a < 0 || blank_b < 0 || blank_a + blank_b < half - 1e-9) return;
    *cut_a = blank_a < half ? blank_a : half;
    *cut_b = half - *cut_a;
}

#endif
