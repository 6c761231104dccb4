/*
** home.h — where briefc's shipped data lives: plugins/, fonts/, briefs/ and the ---@meta file.
**
** BRIEFC_HOME wins; else an installed briefc finds <prefix>/share/briefc next to its own
** executable (so a relocated prefix works); else the source tree it was built from.
*/
#ifndef BC_HOME_H
#define BC_HOME_H

/* The data folder (never NULL; computed once). */
const char *bc_home_dir(void);

/* Where bc_home_dir() came from: "BRIEFC_HOME", "installed" or "source tree". */
const char *bc_home_origin(void);

#endif
