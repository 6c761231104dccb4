/*
** svg_xml.c — libxml2, opened on the first SVG (base/dl.h) and not linked: the table its
** functions are called through (svg_int.h names them).
*/
#define BC_SVG_XML_LOADER /* the names below are libxml2's, not the calls through the table */
#include "layout/svg_int.h"

#include "base/dl.h"

struct bc_svg_xml bc_svg_xl;

static const char *const xml_names[] = {XML_FUNCS(BC_DL_NAME)};
#define XML_SLOT(name) BC_DL_SLOT(bc_svg_xl, name)
static void **const xml_slots[] = {XML_FUNCS(XML_SLOT)};
#undef XML_SLOT

/* Opens libxml2 once; 0 with bc_svg_xl.why set when it cannot. */
int bc_svg_xml_load(void)
{
    if (!bc_svg_xl.tried) {
        bc_svg_xl.tried = 1;
        bc_svg_xl.lib =
            bc_dl_open(XML_LIBRARY, xml_names, xml_slots, sizeof xml_names / sizeof *xml_names,
                       bc_svg_xl.why, sizeof bc_svg_xl.why);
    }
    return bc_svg_xl.lib != NULL;
}
