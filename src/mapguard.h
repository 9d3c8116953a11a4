/*
 * mapguard.h — surviving a dump file that shrinks while it is open.
 *
 * Dumps are read through a mapping of their file. If another process cuts
 * the file short, touching a page past its new end raises SIGBUS, which
 * would kill the program. Windows raises EXCEPTION_IN_PAGE_ERROR for the
 * same event and dbgeng catches it; here a SIGBUS handler, in place while
 * any file mapping is guarded, does the same: when the faulting
 * address lies in a guarded mapping it maps a page of zeros over the lost
 * page (so the interrupted copy or scan finishes harmlessly) and marks the
 * target. Every call that touched the file then checks the mark and fails
 * with STATUS_IN_PAGE_ERROR, as will every later call that reads the file:
 * which bytes are zeros of ours is not known, so none is trusted.
 *
 * A SIGBUS anywhere else is handed to the handler that was there before
 * (or, if there was none, kills the process as it would have).
 */
#ifndef DS_MAPGUARD_H
#define DS_MAPGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target.h"

/* Guard [start, start + size), a mapping of part of t's file mapped with
   prot. false when no guard could be set (the signal handler could not be
   installed, or too many mappings are guarded already): the mapping works
   as before, unguarded. */
bool ds_mapguard_add(ds_target *t, const void *start, size_t size, int prot);
/* Stop guarding the mapping at start; call it before unmapping. */
void ds_mapguard_remove(const void *start);

/* Whether t's file was found cut short (sticky). */
static inline bool ds_file_shrank(const ds_target *t)
{
    return t->file_shrank != 0;
}
/* After a backend's open has parsed a guarded file: the failure to return
   if the file shrank meanwhile (then the open must fail), else S_OK. */
HRESULT ds_mapguard_check_open(const ds_target *t, const char *path);
/* The failure of any call that reads t's file once it shrank: the
   sentence begins "<what> 0x<at>: " ("cannot read 0x1000: ..."). */
HRESULT ds_fail_file_shrank(ds_target *t, const char *what, uint64_t at);

#endif /* DS_MAPGUARD_H */
