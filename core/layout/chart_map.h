/*
** chart_map.h — choropleth maps drawn into a chart's box (chart_map.c); bc_chart_draw calls
** it for kind BC_CHART_MAP.
*/
#ifndef BC_CHART_MAP_H
#define BC_CHART_MAP_H

#include "layout/chart.h"

bc_status bc_chart_map_draw(const bc_chart *ch, bc_chart_ctx *cx, bc_ops *ops, double x, double y,
                            double w, double h);

#endif
