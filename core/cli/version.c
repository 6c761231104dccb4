/*
** version.c — `briefc version --verbose` (see version.h). Each library's version is asked of
** the library itself where it can tell (the one actually loaded), else the headers' version.
** HarfBuzz is opened with dlopen only on a font-cache miss (hbsubset.c), so it is looked up
** here the same way and reported missing rather than failing; so is libmicrohttpd, which
** briefc serve opens the same way (serve/mhd_dl.c).
*/
#define _GNU_SOURCE /* dlopen's RTLD_LAZY, gnu_get_libc_version */
#include "cli/version.h"

#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <stdio.h>
#include <sys/stat.h>

#include <cJSON.h>
#include <hb.h>
#include <zlib.h>

#include "base/cache.h"
#include "base/home.h"
#include "lua/sandbox.h"
#include "pdf/pdf.h"

static void harfbuzz(FILE *f)
{
    void *lib = dlopen("libharfbuzz.so.0", RTLD_LAZY | RTLD_LOCAL);
    const char *(*ver)(void) = NULL;
    if (lib) *(void **)&ver = dlsym(lib, "hb_version_string");
    void *sub = dlopen("libharfbuzz-subset.so.0", RTLD_LAZY | RTLD_LOCAL);
    fprintf(f, "  HarfBuzz     %s (built with %s)%s\n", ver ? ver() : "not found",
            HB_VERSION_STRING,
            sub ? "" : "; libharfbuzz-subset.so.0 missing: fonts are embedded whole");
    if (sub) dlclose(sub);
    if (lib) dlclose(lib);
}

static void data_dir(FILE *f, const char *what, const char *sub)
{
    char p[4200];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", bc_home_dir(), sub);
    fprintf(f, "  %-12s %s%s\n", what, p, stat(p, &st) == 0 ? "" : " (missing)");
}

void bc_version_print(FILE *f)
{
    fprintf(f, "libraries:\n");
    fprintf(f, "  libharu      %s (built with %s)\n", bc_pdf_haru_version(), bc_pdf_haru_built());
    fprintf(f, "  Lua          %s (runtime %.0f)\n", bc_sandbox_lua_release(),
            bc_sandbox_lua_runtime());
    fprintf(f, "  zlib         %s (built with %s)\n", zlibVersion(), ZLIB_VERSION);
    harfbuzz(f);
    fprintf(f, "  cJSON        %s\n", cJSON_Version());
    /* briefc serve's HTTP library, opened with dlopen when serve starts (serve/mhd_dl.c) */
    void *mlib = dlopen("libmicrohttpd.so.12", RTLD_LAZY | RTLD_LOCAL);
    const char *(*mhd)(void) = NULL;
    if (mlib) *(void **)&mhd = dlsym(mlib, "MHD_get_version");
    fprintf(f, "  libmicrohttpd %s\n", mhd ? mhd() : "not found: briefc serve cannot start");
    if (mlib) dlclose(mlib);
    fprintf(f, "  libhyphen    (no version reported)\n");
    fprintf(f, "  glibc        %s\n", gnu_get_libc_version());
    fprintf(f, "data: %s (%s)\n", bc_home_dir(), bc_home_origin());
    data_dir(f, "plugins", "plugins");
    data_dir(f, "fonts", "fonts");
    data_dir(f, "meta", "plugins/briefc.meta.lua");
    data_dir(f, "examples", "briefs");
    fprintf(f, "  %-12s %s\n", "hyphenation", "/usr/share/hyphen/hyph_*.dic");
    fprintf(f, "  %-12s %s\n", "cache",
            bc_cache_enabled() ? "on (BRIEFC_CACHE_DIR, else "
                                 "$XDG_CACHE_HOME/briefc or ~/.cache/briefc)"
                               : "off");
}
