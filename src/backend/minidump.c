/* minidump.c — placeholder until the minidump backend lands (see its issue). */
#include "../target.h"

HRESULT ds_minidump_open(const char *path, const void *map, size_t map_size, unsigned flags,
                        ds_target **out)
{
    (void)map, (void)map_size, (void)flags, (void)out;
    return ds_fail(NULL, E_NOTIMPL, "cannot open %s: the minidump backend is not built yet", path);
}
