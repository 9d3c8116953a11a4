/*
 * physical.c — VirtualToPhysical, GetVirtualTranslationPhysicalOffsets,
 * ReadPhysical[2], WritePhysical[2] and FillPhysical.
 *
 * Each dispatches to the backend's op where it has one and answers
 * E_NOTIMPL with a sentence where it has not: a user-mode process has no
 * physical memory a debugger could read (we never open /dev/mem), and a
 * core file or a minidump holds none.
 *
 * Physical memory follows the same read and write rules as virtual memory
 * (a prefix, S_OK when at least one byte moved). The DEBUG_PHYSICAL_*
 * caching flags of the "2" methods are checked and otherwise ignored: no
 * backend can choose how the hardware caches an access. A physical write
 * can change any virtual byte, so it empties the virtual-memory cache.
 *
 * Translation: the backend reports the physical addresses of the paging
 * entries it walked (none where they cannot be seen, as through
 * /proc/PID/pagemap) and the final physical address, which dbgeng lists
 * as the last level ("the address in the last level of the hierarchy is
 * the physical address that corresponds to the virtual address").
 */
#include "semantics.h"

#include <string.h>

/* Paging levels reported at most (x86-64 with 5-level paging has 5). */
#define MAX_PAGING_LEVELS 8

static HRESULT no_translation(ds_target *t, const char *method)
{
    return ds_fail(t, E_NOTIMPL, "%s: %s targets cannot translate virtual addresses", method,
                   t->ops->name);
}

HRESULT ds_virtual_to_physical(ds_target *t, uint64_t virtual_address, uint64_t *physical)
{
    if (physical)
        *physical = 0;
    DS_REQUIRE_TARGET_AT(t, virtual_address);
    if (!physical)
        return ds_fail(t, E_INVALIDARG, "VirtualToPhysical: Physical is NULL");
    if (!t->ops->virtual_to_physical)
        return no_translation(t, "VirtualToPhysical");
    uint32_t levels = 0;
    return t->ops->virtual_to_physical(t, ds_canonical_address(t, virtual_address), physical,
                                       NULL, 0, &levels);
}

HRESULT ds_get_virtual_translation_physical_offsets(ds_target *t, uint64_t virtual_address,
                                                    uint64_t *offsets, uint32_t offsets_size,
                                                    uint32_t *levels)
{
    if (levels)
        *levels = 0;
    DS_REQUIRE_TARGET_AT(t, virtual_address);
    if (!t->ops->virtual_to_physical)
        return no_translation(t, "GetVirtualTranslationPhysicalOffsets");
    uint64_t walked[MAX_PAGING_LEVELS], pa = 0;
    uint32_t n = 0;
    HRESULT hr = t->ops->virtual_to_physical(t, ds_canonical_address(t, virtual_address), &pa,
                                             walked, MAX_PAGING_LEVELS - 1, &n);
    if (FAILED(hr))
        return hr;
    if (n > MAX_PAGING_LEVELS - 1)
        n = MAX_PAGING_LEVELS - 1;
    walked[n++] = pa;
    if (offsets)
        memcpy(offsets, walked, (n < offsets_size ? n : offsets_size) * sizeof *offsets);
    if (levels)
        *levels = n;
    return S_OK;
}

/* ---- reads and writes ---------------------------------------------------------- */

static HRESULT no_physical_memory(ds_target *t, const char *method)
{
    return ds_fail(t, E_NOTIMPL, "%s: %s targets have no physical memory to %s", method,
                   t->ops->name, strstr(method, "Read") ? "read" : "write");
}

/* DEBUG_PHYSICAL_* is one value of 0..3 (not bits to combine): any bit
   above those two is unknown. */
#define PHYSICAL_FLAG_BITS 0x3u

static HRESULT check_flags(ds_target *t, uint32_t flags, const char *method)
{
    if (flags & ~PHYSICAL_FLAG_BITS)
        return ds_fail(t, E_INVALIDARG, "%s: Flags 0x%x has unknown bits 0x%x (a DEBUG_PHYSICAL_* "
                       "value is 0 to 3)", method, flags, flags & ~PHYSICAL_FLAG_BITS);
    return S_OK;
}

static HRESULT read_physical(ds_target *t, uint64_t offset, uint32_t flags, void *buffer,
                             uint32_t buffer_size, uint32_t *bytes_read, const char *method)
{
    if (bytes_read)
        *bytes_read = 0;
    DS_REQUIRE_TARGET_AS_AT(t, method, offset);
    HRESULT hr = ds_check_buffer(t, buffer, buffer_size, method);
    if (SUCCEEDED(hr))
        hr = check_flags(t, flags, method);
    if (FAILED(hr))
        return hr;
    if (!t->ops->read_physical)
        return no_physical_memory(t, method);
    if (buffer_size == 0)
        return S_OK;
    size_t done = 0, size = ds_clip_to_top(offset, buffer_size);
    hr = t->ops->read_physical(t, offset, buffer, size, &done);
    if (bytes_read)
        *bytes_read = (uint32_t)done;
    return hr;
}

/* The write rule in physical memory: read-only targets refused, the
   virtual cache dropped after anything was written. */
static HRESULT write_physical_common(ds_target *t, uint64_t offset, const void *buffer,
                                     size_t size, size_t *done)
{
    *done = 0;
    if (t->read_only)
        return ds_fail(t, HRESULT_FROM_WIN32(ERROR_WRITE_FAULT), "cannot write physical memory "
                       "at 0x%llx: %s targets are read-only", (unsigned long long)offset,
                       t->ops->name);
    HRESULT hr = t->ops->write_physical(t, offset, buffer, ds_clip_to_top(offset, size), done);
    if (*done)
        ds_cache_clear(&t->cache);
    return hr;
}

static HRESULT write_physical(ds_target *t, uint64_t offset, uint32_t flags, const void *buffer,
                              uint32_t buffer_size, uint32_t *bytes_written, const char *method)
{
    if (bytes_written)
        *bytes_written = 0;
    DS_REQUIRE_TARGET_AS_AT(t, method, offset);
    HRESULT hr = ds_check_buffer(t, buffer, buffer_size, method);
    if (SUCCEEDED(hr))
        hr = check_flags(t, flags, method);
    if (FAILED(hr))
        return hr;
    if (!t->ops->write_physical)
        return no_physical_memory(t, method);
    if (buffer_size == 0)
        return S_OK;
    size_t done = 0;
    hr = write_physical_common(t, offset, buffer, buffer_size, &done);
    if (bytes_written)
        *bytes_written = (uint32_t)done;
    return hr;
}

HRESULT ds_read_physical(ds_target *t, uint64_t offset, void *buffer, uint32_t buffer_size,
                         uint32_t *bytes_read)
{
    return read_physical(t, offset, DEBUG_PHYSICAL_DEFAULT, buffer, buffer_size, bytes_read,
                         "ReadPhysical");
}

HRESULT ds_read_physical2(ds_target *t, uint64_t offset, uint32_t flags, void *buffer,
                          uint32_t buffer_size, uint32_t *bytes_read)
{
    return read_physical(t, offset, flags, buffer, buffer_size, bytes_read, "ReadPhysical2");
}

HRESULT ds_write_physical(ds_target *t, uint64_t offset, const void *buffer, uint32_t buffer_size,
                          uint32_t *bytes_written)
{
    return write_physical(t, offset, DEBUG_PHYSICAL_DEFAULT, buffer, buffer_size, bytes_written,
                          "WritePhysical");
}

HRESULT ds_write_physical2(ds_target *t, uint64_t offset, uint32_t flags, const void *buffer,
                           uint32_t buffer_size, uint32_t *bytes_written)
{
    return write_physical(t, offset, flags, buffer, buffer_size, bytes_written,
                          "WritePhysical2");
}

HRESULT ds_fill_physical(ds_target *t, uint64_t start, uint32_t size, const void *pattern,
                         uint32_t pattern_size, uint32_t *filled)
{
    if (filled)
        *filled = 0;
    DS_REQUIRE_TARGET_AS_AT(t, "FillPhysical", start);
    if (!t->ops->write_physical)
        return no_physical_memory(t, "FillPhysical");
    return ds_fill_common(t, start, size, pattern, pattern_size, filled, write_physical_common,
                          "FillPhysical");
}
