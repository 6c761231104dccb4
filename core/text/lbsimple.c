/*
** lbsimple.c — line break opportunities for common Latin text without ICU (see lbsimple.h).
**
** Most paragraphs of a brief are Latin letters, digits, spaces and a dozen punctuation marks.
** For text made only of those characters, UAX #14 reduces to a short list of pair rules (with
** the spaces between the pair skipped where a rule says "SP*"), which this file applies in one
** pass. Any other character, and every CJK language, goes to ICU (uax14.c) instead, so this
** is a shortcut, never a second opinion: test_lbsimple compares it with ICU on every brief's
** text and on random strings over exactly this alphabet, and must find no difference.
** Opening ICU costs a process about 2.7 M instructions before its first break; a Latin brief
** now never pays it.
*/
#include "text/lbsimple.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/uax14.h"

/* The line breaking classes this file knows (UAX #14 names); X: any other (go to ICU). */
enum { X, AL, NU, SP, IS, EX, QU, HY, BA, B2, OP, CP, IN, GL, PR, PO, SY };

/* Classes of the ASCII printable characters, from LineBreak.txt (Unicode 15.0). Braces, "|",
   "\\", "~", "^", "`" and "+" are left to ICU. */
static unsigned char ascii_class(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return AL;
    if (c >= '0' && c <= '9') return NU;
    switch (c) {
    case ' ': return SP;
    case ',':
    case '.':
    case ':':
    case ';': return IS;
    case '!':
    case '?': return EX;
    case '"':
    case '\'': return QU;
    case '-': return HY;
    case '(':
    case '[': return OP;
    case ')':
    case ']': return CP;
    case '$': return PR;
    case '%': return PO;
    case '/': return SY;
    case '#':
    case '&':
    case '*':
    case '@':
    case '<':
    case '=':
    case '>':
    case '_': return AL;
    default: return X;
    }
}

/* The class of the code point at s[i] (stores its length in *n); X for anything unknown. */
static unsigned char class_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = s[i];
    *n = 1;
    if (c < 0x80) return ascii_class(c);
    if (c >= 0xC2 && c <= 0xC5 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
        unsigned cp = (unsigned)(c & 0x1F) << 6 | (s[i + 1] & 0x3F);
        *n = 2;
        if (cp == 0xA0) return GL;                             /* no-break space */
        if (cp == 0xB0) return PO;                             /* degree sign */
        if (cp == 0xB1) return PR;                             /* plus-minus sign */
        if (cp == 0xB7) return AL;                             /* middle dot: AI, read as AL */
        if (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7) return AL; /* Latin-1 and Extended-A */
        return X;
    }
    if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80) {
        *n = 3;
        switch (s[i + 2]) {
        case 0x93: return BA; /* en dash */
        case 0x94: return B2; /* em dash */
        case 0x98:
        case 0x99:
        case 0x9C:
        case 0x9D: return QU; /* curly quotes */
        case 0xA6: return IN; /* horizontal ellipsis */
        default: return X;
        }
    }
    return X;
}

/* Whether a line may break between classes a and b (a is directly before b, no space). The
   rules with spaces (LB14, LB15, LB17, LB18), ICU's LB20a and the numbers of LB25 look further
   and are applied by the caller. */
static int pair_breaks(int a, int b)
{
    if (a == GL || a == OP) return 0;                           /* LB12, LB14 */
    if (b == GL) return a == BA || a == HY;                     /* LB12a (a is no SP) */
    if (b == CP || b == EX || b == IS || b == SY) return 0;     /* LB13 */
    if (a == B2 && b == B2) return 0;                           /* LB17 */
    if (a == QU || b == QU) return 0;                           /* LB19 */
    if (b == BA || b == HY || b == IN) return 0;                /* LB21, LB22 */
    if ((a == AL && b == NU) || (a == NU && b == AL)) return 0; /* LB23 */
    if ((a == PR || a == PO) && b == AL) return 0;              /* LB24 */
    if (a == AL && (b == PR || b == PO)) return 0;
    if (a == AL && b == AL) return 0;              /* LB28 */
    if (a == IS && b == AL) return 0;              /* LB29 */
    if ((a == AL || a == NU) && b == OP) return 0; /* LB30 */
    if (a == CP && (b == AL || b == NU)) return 0;
    return 1; /* LB31 */
}

/* LB25 as ICU applies it, UAX #14's regular expression for numbers:
   (PR | PO)? (OP | HY)? IS? NU (NU | SY | IS)* (CL | CP)? (PR | PO)? holds together. Marks
   keep[k] for each code point k of such a sequence but its first. */
static void numbers(const unsigned char *cls, size_t n, unsigned char *keep)
{
    for (size_t k = 0; k < n; k++) {
        if (cls[k] != NU || (k > 0 && keep[k])) continue;
        size_t st = k;
        if (st > 0 && cls[st - 1] == IS) st--;
        if (st > 0 && (cls[st - 1] == OP || cls[st - 1] == HY)) st--;
        if (st > 0 && (cls[st - 1] == PR || cls[st - 1] == PO)) st--;
        size_t j = k + 1;
        while (j < n && (cls[j] == NU || cls[j] == SY || cls[j] == IS)) j++;
        if (j < n && cls[j] == CP) j++;
        if (j < n && (cls[j] == PR || cls[j] == PO)) j++;
        for (size_t m = st + 1; m < j; m++) keep[m] = 1;
        k = j - 1;
    }
}

int bc_lbsimple_breaks(const char *text, size_t len, unsigned char *out)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len > INT32_MAX) return -1;
    /* one pass for the classes: anything unknown goes to ICU untouched */
    unsigned char *cls = malloc(len ? 2 * len : 1);
    uint32_t *at = malloc((len ? len : 1) * sizeof *at);
    if (!cls || !at) {
        free(cls);
        free(at);
        return -1;
    }
    unsigned char *keep = cls + len;
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        size_t w;
        cls[n] = class_at(s, len, i, &w);
        if (cls[n] == X) {
            free(cls);
            free(at);
            return -1;
        }
        at[n] = (uint32_t)i;
        i += w;
    }
    memset(keep, 0, n);
    numbers(cls, n, keep);
    memset(out, BC_BRK_NONE, len + 1);
    int before_sp = X; /* the class before the spaces that end at this character */
    for (size_t k = 1; k < n; k++) {
        int c = cls[k], prev = cls[k - 1], prev2 = k >= 2 ? cls[k - 2] : X;
        if (prev == SP && (k < 2 || prev2 != SP)) before_sp = k >= 2 ? prev2 : X;
        if (c == SP) continue; /* LB7 */
        int brk;
        if (prev == SP) {
            if (before_sp == OP)
                brk = 0; /* LB14 */
            else if (before_sp == QU && c == OP)
                brk = 0; /* LB15 */
            else if (before_sp == B2 && c == B2)
                brk = 0; /* LB17 */
            else if (c == IS && k + 1 < n && cls[k + 1] == NU)
                brk = 1; /* " .35" starts */
            else if (c == CP || c == EX || c == IS || c == SY)
                brk = 0; /* LB13 */
            else
                brk = 1; /* LB18 */
        } else if (keep[k]) {
            brk = 0; /* LB25 */
        } else if (prev == HY && c == AL && (k < 2 || (prev2 == SP && before_sp != OP))) {
            brk = 0; /* a hyphen that starts a word stays with it (ICU's LB20a) */
        } else {
            brk = pair_breaks(prev, c);
        }
        if (brk) out[at[k]] = BC_BRK_ALLOWED;
    }
    out[len] = BC_BRK_MANDATORY;
    free(cls);
    free(at);
    return 0;
}
