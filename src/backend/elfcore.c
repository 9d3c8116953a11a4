/* elfcore.c — placeholder until the elfcore backend lands (see its issue). */
#include "../target.h"

HRESULT ds_elfcore_open(const char *path, const void *map, size_t map_size, unsigned flags,
                        ds_target **out)
{
    (void)map, (void)map_size, (void)flags, (void)out;
    return ds_fail(NULL, E_NOTIMPL, "cannot open %s: the elfcore backend is not built yet", path);
}
