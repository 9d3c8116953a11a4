/*
 * elfcore_writer.c — any target as an ELF core (ET_CORE). Not written
 * yet: refused with a sentence.
 */
#include "writer.h"

HRESULT elfcore_write(struct dump_out *o, uint32_t flags)
{
    (void)flags;
    return ds_fail(o->t, E_NOTIMPL, "WriteDumpFile2: ELF cores are not written yet (%s)",
                   o->path);
}
