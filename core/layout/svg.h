/*
** svg.h — SVG files read into vector art (vec.h), never rasterised: libxml2 parses the XML with
** no network, no DTD loading and no entity expansion (a file declaring entities is refused
** outright), and svg.c walks the tree into PDF path operators.
**
** Drawn: paths (every command, arcs as Béziers), rect (rounded), circle, ellipse, line,
** polyline, polygon; g, nested svg, symbol and <use> of an element of the same file; transforms;
** the root's viewBox and preserveAspectRatio; fill and stroke as colours or linear and radial
** gradients (pad), fill-, stroke- and group opacity (group opacity multiplies into its shapes'
** opacities, which is exact unless shapes of one group overlap), even-odd and non-zero rules,
** line caps, joins and dashes; presentation attributes, style attributes and <style> rules
** with simple selectors (tag, .class, #id, tag.class, *); <text> and <tspan> (x, y, dx, dy,
** fill, font-size, -weight, -style, serif or sans family, text-anchor, transforms) as text runs
** drawn in the brief's own fonts (vec_text.c).
** Anything else (filters, masks, clip paths, markers, patterns, embedded images, text on a
** path) is left out with a warning naming the element and its line. External references are errors.
** Limits: 8 MB of SVG, 200,000 elements, 100,000 elements drawn (counting <use> copies),
** 2,000,000 path segments, nesting 200 deep.
*/
#ifndef BC_SVG_H
#define BC_SVG_H

#include <stddef.h>

#include "base/util.h"
#include "layout/image.h"

#define BC_SVG_LIBRARY "libxml2.so.2"      /* the parser, opened on the first SVG (svg_xml.c) */
#define BC_SVG_MAX_BYTES ((size_t)8 << 20) /* libxml2 stops at 10 MB anyway */
#define BC_SVG_MAX_DRAWN 100000
#define BC_SVG_MAX_ELEMENTS 200000
#define BC_SVG_MAX_SEGMENTS 2000000L
#define BC_SVG_MAX_DEPTH 200

/* Whether data looks like an SVG file (XML whose first element is svg, by a quick look). */
int bc_svg_sniff(const unsigned char *data, size_t len);

/* Reads an SVG file into img (enc BC_IMAGE_VECTOR; w and h its size in CSS pixels, rounded;
   data the vec.h blob in a). shown names the file in messages. */
bc_status bc_svg_decode(const unsigned char *data, size_t len, const char *shown, bc_arena *a,
                        bc_image *img, bc_error *err);

#endif
