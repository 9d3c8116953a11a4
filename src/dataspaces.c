/*
 * dataspaces.c — the data-space semantics shared by every backend: the
 * read and write rules, the cached and uncached paths, and QueryVirtual.
 * (Searches, strings, pointers, fills and regions have files of their own
 * beside this one; they all build on the helpers in semantics.h.)
 *
 * The read rule (dbgeng's ReadVirtual): S_OK when at least one byte was
 * read, with *BytesRead possibly short; the bytes read are a prefix
 * starting at Offset. When not even the first byte can be read, the
 * failure is HRESULT_FROM_WIN32(ERROR_READ_FAULT) (or what the backend
 * says, such as E_UNEXPECTED for a process that is gone). A zero-size
 * request succeeds with 0 bytes. A range that would wrap past 2^64 is
 * read up to the top of the address space and no further.
 */
#include "semantics.h"
#include "mapguard.h"

#include <string.h>

uint64_t ds_canonical_address(const ds_target *t, uint64_t addr)
{
    /* dbgeng hands out 32-bit addresses sign-extended (ReadPointersVirtual
       does so too), so on a 4-byte target 0xFFFFFFFF8xxxxxxx and
       0x8xxxxxxx are the same byte. */
    if (t->pointer_size == 4 && (addr >> 31) == 0x1FFFFFFFFull)
        return addr & 0xFFFFFFFFull;
    return addr;
}

size_t ds_clip_to_top(uint64_t addr, size_t size)
{
    if (size && addr > UINT64_MAX - (size - 1))
        return (size_t)(UINT64_MAX - addr) + 1;
    return size;
}

HRESULT ds_read_common(ds_target *t, uint64_t offset, void *buffer, size_t size, size_t *done,
                       bool cached)
{
    *done = 0;
    if (size == 0)
        return S_OK;
    offset = ds_canonical_address(t, offset);
    size = ds_clip_to_top(offset, size);
    if (cached && t->cache.nlines && size < DS_CACHE_BYPASS_SIZE) {
        /* Lines cached before the file was cut short are sound, but the
           rule is simpler to live by: nothing more is read from it. */
        if (ds_file_shrank(t))
            return ds_fail_file_shrank(t, "cannot read", offset);
        return ds_cache_read(t, offset, buffer, size, done);
    }
    return ds_backend_read(t, offset, buffer, size, done);
}

HRESULT ds_write_common(ds_target *t, uint64_t offset, const void *buffer, size_t size,
                        size_t *done)
{
    *done = 0;
    if (size == 0)
        return S_OK;
    offset = ds_canonical_address(t, offset);
    if (t->read_only || !t->ops->write)
        return ds_fail(t, HRESULT_FROM_WIN32(ERROR_WRITE_FAULT),
                       "cannot write at 0x%llx in %s: %s targets are read-only",
                       (unsigned long long)offset, t->where, t->ops->name);
    size = ds_clip_to_top(offset, size);
    HRESULT hr = t->ops->write(t, offset, buffer, size, done);
    if (ds_file_shrank(t)) {
        *done = 0;
        return ds_fail_file_shrank(t, "cannot write", offset);
    }
    /* Write-through: whatever reached the target replaces the cached copy;
       where other addresses may show the same bytes, no cached copy stays. */
    if (t->memory_aliased && *done)
        ds_cache_clear(&t->cache);
    else
        ds_cache_note_write(&t->cache, offset, buffer, *done);
    return hr;
}

/* Inlined into both read methods: the cached hit path runs through it. */
static inline __attribute__((always_inline)) HRESULT
read_method(ds_target *t, uint64_t offset, void *buffer, uint32_t buffer_size,
            uint32_t *bytes_read, bool cached, const char *method)
{
    if (bytes_read)
        *bytes_read = 0;
    DS_REQUIRE_TARGET_AS_AT(t, method, offset);
    HRESULT hr = ds_check_buffer(t, buffer, buffer_size, method);
    if (FAILED(hr))
        return hr;
    size_t done;
    hr = ds_read_common(t, offset, buffer, buffer_size, &done, cached);
    if (bytes_read)
        *bytes_read = (uint32_t)done;
    return hr;
}

static HRESULT write_method(ds_target *t, uint64_t offset, const void *buffer,
                            uint32_t buffer_size, uint32_t *bytes_written, const char *method)
{
    if (bytes_written)
        *bytes_written = 0;
    DS_REQUIRE_TARGET_AS_AT(t, method, offset);
    HRESULT hr = ds_check_buffer(t, buffer, buffer_size, method);
    if (FAILED(hr))
        return hr;
    size_t done;
    hr = ds_write_common(t, offset, buffer, buffer_size, &done);
    if (bytes_written)
        *bytes_written = (uint32_t)done;
    return hr;
}

HRESULT ds_read_virtual(ds_target *t, uint64_t offset, void *buffer, uint32_t buffer_size,
                        uint32_t *bytes_read)
{
    /* The hot path: a small read of a line the cache holds. */
    return read_method(t, offset, buffer, buffer_size, bytes_read, true, "ReadVirtual");
}

HRESULT ds_read_virtual_uncached(ds_target *t, uint64_t offset, void *buffer,
                                 uint32_t buffer_size, uint32_t *bytes_read)
{
    return read_method(t, offset, buffer, buffer_size, bytes_read, false, "ReadVirtualUncached");
}

HRESULT ds_write_virtual(ds_target *t, uint64_t offset, const void *buffer, uint32_t buffer_size,
                         uint32_t *bytes_written)
{
    return write_method(t, offset, buffer, buffer_size, bytes_written, "WriteVirtual");
}

HRESULT ds_write_virtual_uncached(ds_target *t, uint64_t offset, const void *buffer,
                                  uint32_t buffer_size, uint32_t *bytes_written)
{
    /* The target is written directly; lines the cache holds there are
       updated all the same, so a later cached read cannot see old bytes. */
    return write_method(t, offset, buffer, buffer_size, bytes_written, "WriteVirtualUncached");
}

HRESULT ds_query_region(ds_target *t, uint64_t offset, struct ds_region *r)
{
    memset(r, 0, sizeof *r);
    if (!t->ops->query)
        return ds_fail(t, E_NOTIMPL, "%s targets cannot describe their address space",
                       t->ops->name);
    HRESULT hr = t->ops->query(t, offset, r);
    if (hr == S_FALSE)
        return ds_fail(t, E_INVALIDARG, "no memory region at or above 0x%llx in %s",
                       (unsigned long long)offset, t->where);
    return hr;
}

/* Regions merged into one answer at most: a hostile dump could list
   millions of touching regions with the same attributes, and a walk
   (next = BaseAddress + RegionSize) goes on from where the merge stopped. */
#define QUERY_MAX_MERGED 1024

static bool same_attributes(const struct ds_region *a, const struct ds_region *b)
{
    return a->state == b->state && a->protect == b->protect && a->type == b->type &&
           a->allocation_base == b->allocation_base &&
           a->allocation_protect == b->allocation_protect;
}

/* The last byte of r, extended over the regions that follow it without a
   gap and with the same attributes: VirtualQuery's "all subsequent pages
   with the same attributes" (only pages of one allocation can match).
   Only an image spans several regions of one allocation (two mappings of
   a library with the same protection, as Windows shows two sections); any
   other region is its own allocation, and asking about the next one would
   cost a non-invasive live target a second read of its map. */
static uint64_t same_attribute_run_last(ds_target *t, const struct ds_region *r)
{
    uint64_t last = ds_last_byte(r->base, r->size);
    if (r->type != MEM_IMAGE)
        return last;
    for (int k = 0; k < QUERY_MAX_MERGED && last != UINT64_MAX; k++) {
        struct ds_region next;
        memset(&next, 0, sizeof next);
        if (t->ops->query(t, last + 1, &next) != S_OK || next.base != last + 1 ||
            next.size == 0 || !same_attributes(r, &next))
            break;
        last = ds_last_byte(next.base, next.size);
    }
    return last;
}

HRESULT ds_query_virtual(ds_target *t, uint64_t offset, MEMORY_BASIC_INFORMATION64 *info)
{
    if (info)
        memset(info, 0, sizeof *info);  /* a failure leaves it zeroed */
    DS_REQUIRE_TARGET_AT(t, offset);
    if (!info)
        return ds_fail(t, E_INVALIDARG, "QueryVirtual: Info is NULL");
    offset = ds_canonical_address(t, offset);
    struct ds_region r;
    HRESULT hr = ds_query_region(t, offset, &r);
    if (FAILED(hr))
        return hr;
    /* The answer begins at the page of Offset (VirtualQueryEx: "begins at
       the specified page"), never below the region or gap it lies in. */
    uint64_t page = offset & ~(ds_page_bytes(t) - 1), lo, last;
    MEMORY_BASIC_INFORMATION64 m;
    memset(&m, 0, sizeof m);
    m.State = MEM_FREE;
    m.Protect = PAGE_NOACCESS;
    if (r.state == MEM_FREE) {
        /* Free memory the target describes itself. */
        lo = r.base;
        last = ds_last_byte(r.base, r.size);
    } else if (offset < r.base) {
        /* A gap: free memory from the end of the region below to the
           start of the one above. */
        lo = r.gap_base;
        last = r.base - 1;
    } else {
        lo = r.base;
        last = same_attribute_run_last(t, &r);
        m.AllocationBase = ds_caller_address(t, r.allocation_base);
        m.AllocationProtect = r.allocation_protect;
        m.State = r.state;
        m.Protect = r.protect;
        m.Type = r.type;
    }
    if (page > lo)
        lo = page;
    m.BaseAddress = ds_caller_address(t, lo);
    m.RegionSize = last - lo == UINT64_MAX ? UINT64_MAX : last - lo + 1;
    *info = m;
    return S_OK;
}
