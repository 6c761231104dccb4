/*
** linebreak.h — optimal-fit line breaking over a whole paragraph.
**
** Input is a sequence of words (boxes) each followed by an interword space (glue with stretch
** and shrink). The breaker minimises the sum of squared (line penalty + badness) over all
** lines, as Knuth and Plass do, by dynamic programming over break positions; the last line
** is set at its natural width. Words wider than the measure must be split by the caller.
*/
#ifndef BC_LINEBREAK_H
#define BC_LINEBREAK_H

typedef struct bc_lb_word {
    double width;   /* natural width of the word (or piece of a hyphenated word) */
    double space;   /* natural width of the space after it (0 inside a word) */
    double stretch; /* how much that space may grow (also a space of 0: glue between ideographs) */
    double shrink;  /* how much that space may shrink */
    double hyphen;  /* > 0: a line may end here with a hyphen this wide (a hyphenation point) */
    double penalty; /* demerits when a line ends after this word: 0 after a space or between
                       ideographs, BC_LB_EXPLICIT after a dash or slash, BC_LB_EMERGENCY inside a
                       word too wide for the line (cut between grapheme clusters) */
    double lead;    /* > 0: starting a line, the word is this much narrower (an opening bracket
                       of Chinese or Japanese set half-width there) */
    double tail;    /* > 0: ending a line, it may be this much narrower (a closing mark's blank
                       half past the measure), used before the spaces shrink */
} bc_lb_word;

#define BC_LB_EXPLICIT 2500.0 /* TeX's \exhyphenpenalty 50, squared, as for a hyphen */
#define BC_LB_EMERGENCY 1e7   /* above any line stretched to fit, below an overfull line */

typedef struct bc_lb_line {
    int first, end; /* words [first, end) */
    double natural; /* width without stretching (less the first word's lead and what the last
                       word's tail took off to fit) */
    double ratio;   /* adjustment ratio: >0 stretched, <0 shrunk, 0 natural; a line with no
                        space between words has 0 when the next word could not have fitted on
                        it, else 10 (a loose line) */
    int overfull;   /* still wider than the measure at full shrink */
    int hyphenated; /* the line ends with a hyphen */
} bc_lb_line;

/*
** Breaks n words into lines of the given measure. justify selects the cost (stretch badness
** when justified, squared slack when ragged). A line may end at a hyphenation point at a cost
** (TeX's hyphen penalty), never on more than two lines in a row. Returns the number of lines
** written to out, which must hold n entries (a paragraph never has more lines than words).
*/
int bc_linebreak(const bc_lb_word *w, int n, double measure, int justify, bc_lb_line *out);

/* Total demerits of a given set of lines (for tests: the breaker's answer is the minimum). */
double bc_linebreak_cost(const bc_lb_word *w, const bc_lb_line *lines, int nlines, double measure,
                         int justify);

#endif
