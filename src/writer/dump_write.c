/*
 * dump_write.c — ds_write_dump (IDebugClient2::WriteDumpFile2): the
 * checks, then the format's writer into a temporary file renamed into
 * place when whole.
 */
#include "writer.h"

/* DEBUG_FORMAT_* bits this library knows (dataspaces.h). */
#define KNOWN_FORMAT_FLAGS (0x0007ffffu | DS_FORMAT_USER_SMALL_IGNORE_INACCESSIBLE_MEM | \
                            DS_FORMAT_WRITE_CAB | DS_FORMAT_CAB_SECONDARY_FILES |           \
                            DS_FORMAT_NO_OVERWRITE)

HRESULT ds_write_dump_progress(ds_target *t, const char *path, uint32_t format, uint32_t flags,
                               const char *comment, ds_dump_progress_fn progress, void *ctx)
{
    DS_REQUIRE_TARGET_AS(t, "WriteDumpFile2");
    if (!path || !*path)
        return ds_fail(t, E_INVALIDARG, "WriteDumpFile2: no file name");
    if (format != DS_DUMP_MINIDUMP && format != DS_DUMP_ELF_CORE)
        return ds_fail(t, E_INVALIDARG, "WriteDumpFile2: dump format 0x%x is neither "
                       "DS_DUMP_MINIDUMP (0x%x) nor DS_DUMP_ELF_CORE (0x%x)", format,
                       DS_DUMP_MINIDUMP, DS_DUMP_ELF_CORE);
    if (flags & ~KNOWN_FORMAT_FLAGS)
        return ds_fail(t, E_INVALIDARG, "WriteDumpFile2: unknown format flags 0x%x",
                       flags & ~KNOWN_FORMAT_FLAGS);
    if (flags & (DS_FORMAT_WRITE_CAB | DS_FORMAT_CAB_SECONDARY_FILES))
        return ds_fail(t, E_NOTIMPL, "WriteDumpFile2: cabinet files (DEBUG_FORMAT_WRITE_CAB) "
                       "are not written");
    struct dump_out o;
    HRESULT hr = dump_out_open(&o, t, path, flags & DS_FORMAT_NO_OVERWRITE, progress, ctx);
    if (FAILED(hr))
        return hr;
    hr = format == DS_DUMP_MINIDUMP ? minidump_write(&o, flags, comment) : elfcore_write(&o, flags);
    if (FAILED(hr)) {
        dump_out_abort(&o);
        return hr;
    }
    hr = dump_out_commit(&o);
    if (SUCCEEDED(hr))
        ds_clear_error(t);  /* reads that fell short on the way are not this call's failure */
    return hr;
}

HRESULT ds_write_dump(ds_target *t, const char *path, uint32_t format, uint32_t flags,
                      const char *comment)
{
    return ds_write_dump_progress(t, path, format, flags, comment, NULL, NULL);
}
