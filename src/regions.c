/*
 * regions.c — GetValidRegionVirtual, GetNextDifferentlyValidOffsetVirtual
 * and GetOffsetInformation: which addresses hold bytes the target can
 * supply, and where those bytes come from.
 *
 * "Valid" means readable: the bytes a ReadVirtual there would return. The
 * answers come from the target's readable runs (ds_next_readable_run), so
 * a PROT_NONE guard page or a hole between mappings is invalid and a
 * query never probes memory page by page. Runs that touch are one stretch
 * of valid memory, however the backend cuts them.
 *
 * Our decisions where dbgeng's documentation is silent (docs/semantics.md):
 * nothing valid in the range, or no change of validity above Offset, is
 * E_NOINTERFACE (dbgeng's "no such thing", as ReadTagged uses it); a range
 * that would wrap past 2^64 ends at the top. The next differently valid
 * offset is the next page on a live process, as dbgeng answers there, and
 * exact on a dump (the first byte whose validity differs), where dbgeng
 * says validity can change from byte to byte.
 */
#include "semantics.h"

#include <string.h>

HRESULT ds_get_valid_region_virtual(ds_target *t, uint64_t base, uint32_t size,
                                    uint64_t *valid_base, uint32_t *valid_size)
{
    if (valid_base)
        *valid_base = 0;
    if (valid_size)
        *valid_size = 0;
    DS_REQUIRE_TARGET_AT(t, base);
    if (!valid_base || !valid_size)
        return ds_fail(t, E_INVALIDARG, "GetValidRegionVirtual: %s is NULL",
                       valid_base ? "ValidSize" : "ValidBase");
    if (size == 0)
        return ds_fail(t, E_INVALIDARG, "GetValidRegionVirtual: Size is 0");
    base = ds_canonical_address(t, base);
    uint64_t last = ds_last_byte(base, size), start, run_size, run_last;
    HRESULT hr = ds_next_readable_run(t, base, &start, &run_size);
    if (FAILED(hr))
        return hr;
    if (hr != S_OK || start > last)
        return ds_fail(t, E_NOINTERFACE, "GetValidRegionVirtual: nothing in 0x%llx..0x%llx "
                       "can be read", (unsigned long long)base, (unsigned long long)last);
    hr = ds_readable_run_last(t, start, run_size, last, &run_last);
    if (FAILED(hr))
        return hr;
    *valid_base = ds_caller_address(t, start);
    *valid_size = (uint32_t)((run_last < last ? run_last : last) - start + 1);
    return S_OK;
}

/* A live process: the next page, as dbgeng answers there ("where virtual
   address validity changes from page to page, NextOffset will receive the
   address of the next page"). Nothing above the top page. */
static HRESULT next_page(ds_target *t, uint64_t offset, uint64_t *next_offset)
{
    uint64_t page = ds_page_bytes(t);
    uint64_t top = t->pointer_size == 4 ? 0xFFFFFFFFull : UINT64_MAX;
    uint64_t base = offset & ~(page - 1);
    if (offset > top || top - base < page)
        return ds_fail(t, E_NOINTERFACE, "GetNextDifferentlyValidOffsetVirtual: 0x%llx lies in "
                       "the top page of %s's address space; no page follows it",
                       (unsigned long long)offset, t->where);
    *next_offset = ds_caller_address(t, base + page);
    return S_OK;
}

HRESULT ds_get_next_differently_valid_offset_virtual(ds_target *t, uint64_t offset,
                                                     uint64_t *next_offset)
{
    if (next_offset)
        *next_offset = 0;
    DS_REQUIRE_TARGET_AT(t, offset);
    if (!next_offset)
        return ds_fail(t, E_INVALIDARG, "GetNextDifferentlyValidOffsetVirtual: NextOffset is "
                       "NULL");
    offset = ds_canonical_address(t, offset);
    uint64_t start, size, last;
    /* Asked on every target, so that one whose process is gone says so. */
    HRESULT hr = ds_next_readable_run(t, offset, &start, &size);
    if (FAILED(hr))
        return hr;
    if (t->validity_by_page)
        return next_page(t, offset, next_offset);
    if (hr != S_OK)
        return ds_fail(t, E_NOINTERFACE, "GetNextDifferentlyValidOffsetVirtual: nothing at or "
                       "above 0x%llx can be read, so validity never changes there",
                       (unsigned long long)offset);
    if (start > offset) {
        *next_offset = ds_caller_address(t, start);  /* invalid up to the next run */
        return S_OK;
    }
    hr = ds_readable_run_last(t, start, size, UINT64_MAX, &last);
    if (FAILED(hr))
        return hr;
    if (last == UINT64_MAX)
        return ds_fail(t, E_NOINTERFACE, "GetNextDifferentlyValidOffsetVirtual: memory from "
                       "0x%llx is readable up to the top of the address space",
                       (unsigned long long)offset);
    *next_offset = ds_caller_address(t, last + 1);
    return S_OK;
}

/* DEBUG_VSOURCE_* of the byte at offset. */
static HRESULT virtual_source(ds_target *t, uint64_t offset, uint32_t *source)
{
    uint64_t start, size;
    HRESULT hr = ds_next_readable_run(t, offset, &start, &size);
    if (FAILED(hr))
        return hr;
    if (hr != S_OK || start > offset)
        *source = DEBUG_VSOURCE_INVALID;
    else if (t->ops->virtual_source)
        *source = t->ops->virtual_source(t, offset);
    else
        *source = t->default_vsource;
    return S_OK;
}

HRESULT ds_get_offset_information(ds_target *t, uint32_t space, uint32_t which, uint64_t offset,
                                  void *buffer, uint32_t buffer_size, uint32_t *info_size)
{
    if (info_size)
        *info_size = 0;
    DS_REQUIRE_TARGET_AT(t, offset);
    if (which != DEBUG_OFFSINFO_VIRTUAL_SOURCE)
        return ds_fail(t, E_INVALIDARG, "GetOffsetInformation: Which %u is not "
                       "DEBUG_OFFSINFO_VIRTUAL_SOURCE, the only information there is", which);
    if (space != DEBUG_DATA_SPACE_VIRTUAL)
        return ds_fail(t, E_INVALIDARG, "GetOffsetInformation: DEBUG_OFFSINFO_VIRTUAL_SOURCE "
                       "needs Space DEBUG_DATA_SPACE_VIRTUAL, not %u", space);
    ULONG source;
    if (info_size)
        *info_size = sizeof source;
    if (buffer && buffer_size < sizeof source)
        return ds_fail(t, E_INVALIDARG, "GetOffsetInformation: the %u-byte buffer cannot hold "
                       "the %zu-byte answer", buffer_size, sizeof source);
    HRESULT hr = virtual_source(t, ds_canonical_address(t, offset), &source);
    if (FAILED(hr))
        return hr;
    if (buffer)
        memcpy(buffer, &source, sizeof source);
    return S_OK;
}
