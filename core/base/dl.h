/*
** dl.h — a library opened on first need, with a table of its entry points, all or none.
**
** briefc loads HarfBuzz, ICU, fontconfig and libmicrohttpd only when a build or a command
** needs them (a warm Latin build loads none). Each module lists its entry points once in an
** X-macro and lets this file open the library, resolve every name into its slot, and close it
** again if one is missing, so that a half-loaded library is never used:
**
**   #define HB_FUNCS(X) X(hb_shape) X(hb_buffer_create) ...
**   static struct { void *lib; __typeof__(&hb_shape) hb_shape; ... } hb;
**   static const char *const names[] = {HB_FUNCS(BC_DL_NAME)};
**   #define HB_SLOT(name) BC_DL_SLOT(hb, name)
**   void **const slots[] = {HB_FUNCS(HB_SLOT)};
**   hb.lib = bc_dl_open("libharfbuzz.so.0", names, slots, n, why, sizeof why);
*/
#ifndef BC_DL_H
#define BC_DL_H

#include <stddef.h>

#define BC_DL_NAME(name) #name,
#define BC_DL_SLOT(table, name) (void **)&(table).name,

/*
** Opens lib (RTLD_LAZY | RTLD_LOCAL) and stores the address of names[i] in *slots[i] for each
** of the n names. Returns the handle; NULL when the library cannot be opened or lacks a name,
** with why (NULL is fine) saying which, and every slot left NULL.
*/
void *bc_dl_open(const char *lib, const char *const *names, void **const *slots, size_t n,
                 char *why, size_t cap);

/*
** Opens libs[0..n) (at most BC_DL_PREFETCH_MAX, names that outlive the call) on a second thread
** while the caller goes on, so that a later bc_dl_open of one finds it loaded: the loader's own
** lock orders the two, and each stays loaded for the process. For a process that will open
** them anyway (a build with nothing cached opens HarfBuzz's subsetter, and libxml2 for an SVG:
** 1.5 ms of loading and relocation on the sample). The thread blocks every signal. One
** prefetch at a time: returns 0 when one is running or no thread could be made (nothing is
** opened then), else 1; bc_dl_prefetch_wait then joins it (a no-op otherwise).
*/
#define BC_DL_PREFETCH_MAX 4
int bc_dl_prefetch(const char *const *libs, size_t n);
void bc_dl_prefetch_wait(void);

#endif
