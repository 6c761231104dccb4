/*
** zmemo.h — page content streams deflated once: a warm rebuild reads back the deflated bytes
** of every page whose content did not change, from the on-disk cache (base/cache.h).
**
** An entry is used only when its bytes inflate to the page's content exactly, so a page
** always shows what was drawn, whatever the cache holds. Deflate is deterministic for one zlib
** and one level, and the key names this executable and the zlib it runs with, so a rebuild
** gives the same bytes as a build without the cache.
*/
#ifndef BC_ZMEMO_H
#define BC_ZMEMO_H

#include <stddef.h>

#include "base/util.h"

/* Deflates data[0..len) at level into out (as bc_deflate, pdf/embed.h), through the cache when
   there is one; 0 when deflate failed. */
int bc_zmemo_deflate(const void *data, size_t len, int level, bc_buf *out);

/* Whether entries are kept at all (on by default). A batch worker turns it off: its rows'
   pages differ, and one entry a row would only churn the cache. */
void bc_zmemo_disk_cache(int on);

#endif
