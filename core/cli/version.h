/*
** version.h — `briefc version --verbose`: the libraries briefc uses, with their versions, and
** where its shipped data comes from.
*/
#ifndef BC_VERSION_H
#define BC_VERSION_H

#include <stdio.h>

void bc_version_print(FILE *f);

#endif
