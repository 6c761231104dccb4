/*
** process.c — the one teardown of process-lifetime state (process.h lists it).
*/
#include "cli/process.h"

#include <stdlib.h>

#include "layout/geo.h"
#include "layout/image.h"
#include "lua/sandbox.h"
#include "pdf/embed.h"
#include "pdf/pdf_std.h"
#include "text/fcfind.h"
#include "text/hyph.h"
#include "text/shape.h"
#include "text/uax14.h"

void bc_process_init(void)
{
    static int registered;
    if (!registered) registered = atexit(bc_process_release) == 0;
}

void bc_process_release(void)
{
    bc_deflate_end();
    bc_embed_release();
    bc_pdf_std_release();
    bc_sandbox_memo_release();
    bc_hyph_release();
    bc_shape_release();
    bc_uax14_release();
    bc_image_release();
    bc_geo_release();
    bc_fcfind_release(); /* last: fonts above may have been found through it */
}
