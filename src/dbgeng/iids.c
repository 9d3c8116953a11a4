/*
 * iids.c — the interface ids dbgeng.h declares, defined once in the
 * library so that a program links whether or not it defines INITGUID.
 */
#define INITGUID
#include "dataspaces/dbgeng.h"
