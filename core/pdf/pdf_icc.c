/*
** pdf_icc.c — the sRGB profile of the PDF/A output intent, built here (see pdf_icc.h).
**
** An ICC v4.2 display ('mntr') profile, RGB to the XYZ PCS, of nine tags: desc, cprt, wtpt,
** chad, rXYZ, gXYZ, bXYZ and one 'para' curve shared by rTRC, gTRC and bTRC. Every number
** is computed from what IEC 61966-2-1 publishes: the primaries' and D65's chromaticities and
** the piecewise transfer curve (gamma 2.4, offset 0.055, linear slope 12.92 below 0.04045).
** The primaries are adapted to the PCS white (D50) with the Bradford transform ICC.1 Annex E
** names, which is also the chad tag. 456 bytes, against 6,922 for Debian's sRGB.icc, and no
** file to read at run time. PDF/A-2 6.2.3 asks the output profile to be 'prtr' or 'mntr',
** of RGB, GRAY or CMYK, and of a version below 5 (tests/e2e/tagged_icc.sh loads it in lcms2).
*/
#include "pdf/pdf_icc.h"

#include <math.h>
#include <string.h>

typedef double m3[3][3];

static void mul(const m3 a, const m3 b, m3 r)
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
}

static void inv(const m3 a, m3 r)
{
    double d = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
               a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
               a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
            r[i][j] = (a[i1][j1] * a[i2][j2] - a[i1][j2] * a[i2][j1]) / d;
        }
}

static void mulv(const m3 a, const double v[3], double r[3])
{
    for (int i = 0; i < 3; i++) r[i] = a[i][0] * v[0] + a[i][1] * v[1] + a[i][2] * v[2];
}

static unsigned char *be32(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return p + 4;
}

static unsigned char *s15(unsigned char *p, double v) /* s15Fixed16Number */
{
    return be32(p, (unsigned long)(long)lround(v * 65536.0) & 0xFFFFFFFFUL);
}

static unsigned char *sig(unsigned char *p, const char s[4])
{
    memcpy(p, s, 4);
    return p + 4;
}

/* 'mluc' with one en-US record of ASCII text (as UTF-16BE). */
static unsigned char *mluc(unsigned char *p, const char *text)
{
    size_t n = strlen(text);
    p = sig(p, "mluc");
    p = be32(p, 0);
    p = be32(p, 1);
    p = be32(p, 12);
    p = sig(p, "enUS");
    p = be32(p, 2 * n);
    p = be32(p, 28);
    for (size_t i = 0; i < n; i++) *p++ = 0, *p++ = (unsigned char)text[i];
    return p;
}

static unsigned char *xyz(unsigned char *p, const double v[3])
{
    p = sig(p, "XYZ ");
    p = be32(p, 0);
    for (int i = 0; i < 3; i++) p = s15(p, v[i]);
    return p;
}

/* The PCS white (ICC.1 7.2.16, D50 as the specification rounds it). */
static const double D50[3] = {0.9642, 1.0, 0.8249};

/* XYZ (Y = 1) of chromaticity x, y. */
static void from_xy(double x, double y, double r[3])
{
    r[0] = x / y;
    r[1] = 1.0;
    r[2] = (1.0 - x - y) / y;
}

/* The Bradford adaptation from D65 to D50, and the D50 columns of the primaries. */
static void srgb_matrices(m3 chad, m3 prim)
{
    static const m3 brad = {
        {0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}};
    static const double xy[4][2] = {{0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}, {0.3127, 0.3290}};
    double c[3][3], w[3], s[3];
    for (int i = 0; i < 3; i++) from_xy(xy[i][0], xy[i][1], c[i]);
    from_xy(xy[3][0], xy[3][1], w);
    m3 m, mi; /* RGB to XYZ before scaling: the primaries as columns */
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) m[i][j] = c[j][i];
    inv(m, mi);
    mulv(mi, w, s); /* scale so that R = G = B = 1 is the white */
    m3 rgb2xyz;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) rgb2xyz[i][j] = m[i][j] * s[j];
    double cw[3], cd[3];
    mulv(brad, w, cw);
    mulv(brad, D50, cd);
    m3 d = {{cd[0] / cw[0], 0, 0}, {0, cd[1] / cw[1], 0}, {0, 0, cd[2] / cw[2]}}, bi, t;
    inv(brad, bi);
    mul(d, brad, t);
    mul(bi, t, chad);
    mul(chad, rgb2xyz, prim);
}

/* 'para' function type 3 (ICC.1 10.15): Y = (aX + b)^g for X >= d, else cX. */
static unsigned char *para(unsigned char *p)
{
    p = sig(p, "para");
    p = be32(p, 0);
    p = be32(p, 3UL << 16); /* function type 3, reserved 0 */
    p = s15(p, 2.4);
    p = s15(p, 1.0 / 1.055);
    p = s15(p, 0.055 / 1.055);
    p = s15(p, 1.0 / 12.92);
    return s15(p, 0.04045);
}

const unsigned char *bc_icc_srgb(size_t *len)
{
    static unsigned char icc[BC_ICC_SRGB_MAX];
    static size_t n;
    if (n) {
        *len = n;
        return icc;
    }
    m3 chad, prim;
    srgb_matrices(chad, prim);
    memset(icc, 0, sizeof icc);
    /* the header (ICC.1:2004-10 7.2); the size goes in last */
    be32(icc + 8, 0x04200000UL); /* version 4.2 */
    sig(icc + 12, "mntr");
    sig(icc + 16, "RGB ");
    sig(icc + 20, "XYZ ");
    static const unsigned char date[6] = {0x07, 0xEA, 0, 1, 0, 1}; /* 2026-01-01 00:00:00 */
    memcpy(icc + 24, date, sizeof date);
    sig(icc + 36, "acsp");
    for (int i = 0; i < 3; i++) s15(icc + 68 + 4 * i, D50[i]); /* the PCS illuminant */
    /* the tag table, then each tag's data; the three curves share one */
    static const char *const names[] = {"desc", "cprt", "wtpt", "chad", "rXYZ",
                                        "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"};
    enum { NT = sizeof names / sizeof names[0] };
    be32(icc + 128, NT);
    unsigned char *table = icc + 132, *p = table + 12 * NT, *at[NT];
    for (int t = 0; t < NT; t++) {
        at[t] = p;
        switch (t) {
        case 0: p = mluc(p, "sRGB"); break;
        case 1: p = mluc(p, "CC0"); break;
        case 2: p = xyz(p, D50); break; /* v4: the media white of a display is the PCS's */
        case 3:
            p = sig(p, "sf32");
            p = be32(p, 0);
            for (int i = 0; i < 9; i++) p = s15(p, chad[i / 3][i % 3]);
            break;
        case 4:
        case 5:
        case 6: {
            double col[3] = {prim[0][t - 4], prim[1][t - 4], prim[2][t - 4]};
            p = xyz(p, col);
            break;
        }
        case 7: p = para(p); break;
        default: at[t] = at[7]; continue;
        }
        sig(table + 12 * t, names[t]);
        be32(table + 12 * t + 4, (unsigned long)(at[t] - icc));
        be32(table + 12 * t + 8, (unsigned long)(p - at[t]));
        while ((p - icc) % 4) *p++ = 0; /* each tag's data starts 4-byte aligned */
    }
    for (int t = 8; t < NT; t++) { /* gTRC and bTRC: rTRC's entry */
        sig(table + 12 * t, names[t]);
        memcpy(table + 12 * t + 4, table + 12 * 7 + 4, 8);
    }
    n = (size_t)(p - icc);
    be32(icc, n);
    *len = n;
    return icc;
}
