/*
** theme.c — default theme and paper sizes.
*/
#include "doc/theme.h"

#include <string.h>
#include <strings.h>

void bc_theme_default(bc_theme *t)
{
    memset(t, 0, sizeof *t);
    t->page_w = 595.276;
    t->page_h = 841.89;
    t->margin_t = 64;
    t->margin_b = 64;
    t->margin_l = 66;
    t->margin_r = 66;
    strcpy(t->body_font, "NotoSerif");
    strcpy(t->heading_font, "NotoSans");
    t->body_size = 10;
    t->leading = 1.42;
    t->h_size[0] = 14;
    t->h_size[1] = 11.5;
    t->h_size[2] = 10;
    t->small_size = 8.5;
    t->title_size = 22;
    t->justify = 1;
    t->table_zebra = 1;
    t->columns = 1;
    t->column_gap = 6 * 72 / 25.4; /* 6 mm */
    strcpy(t->code_font, "NotoSansMono");
    t->text = 0x1d1d1f;
    t->accent = 0x17406d;
    t->muted = 0x5f6670;
    t->rule = 0xb9c0c8;
    t->fill = 0xeef2f6;
    /* Okabe–Ito derived: colour-blind safe, distinct lightness in grayscale. */
    static const uint32_t pal[] = {0x17406d, 0xe69f00, 0x7fb7e0, 0xcc5a1e,
                                   0x009e73, 0x9b4f96, 0x56b4e9, 0x444444};
    memcpy(t->palette, pal, sizeof pal);
    t->npalette = 8;
    t->head[0] = "{title}"; /* a bound brief swaps left and right on odd pages */
    t->head[1] = "";
    t->head[2] = "{date}";
    t->foot[0] = t->foot[2] = "";
    t->foot[1] = "{page} / {pages}";
    t->footer_first = 1;
    t->header_rule = 1;
    t->caption_numbers = 1;
    t->table_header_fill = t->table_header_text = t->heading_colour = BC_THEME_NONE;
}

int bc_theme_paper(const char *name, double *w, double *h)
{
    static const struct {
        const char *name;
        double w, h;
    } papers[] = {
        {"A4", 595.276, 841.89},
        {"Letter", 612, 792},
        {"A5", 419.528, 595.276},
        {"Legal", 612, 1008},
    };
    for (size_t i = 0; i < sizeof papers / sizeof *papers; i++) {
        if (strcasecmp(name, papers[i].name) == 0) {
            *w = papers[i].w;
            *h = papers[i].h;
            return 1;
        }
    }
    return 0;
}
