/*
 * readable.c — what the method files share about a target's address
 * space: which bytes it can supply (its readable runs), where a range
 * ends, and how an address is handed back to the caller.
 *
 * A search, a valid-region query or a string scan walks the runs the
 * target reports and never probes addresses one by one: a 64-bit space
 * is too large to ask about, and a remote or dump target may be slow to
 * answer for each page.
 */
#include "semantics.h"

uint64_t ds_last_byte(uint64_t addr, uint64_t size)
{
    return size - 1 > UINT64_MAX - addr ? UINT64_MAX : addr + (size - 1);
}

uint64_t ds_page_bytes(const ds_target *t)
{
    uint64_t p = t->page_size;
    return p && (p & (p - 1)) == 0 ? p : 4096;
}

uint64_t ds_caller_address(const ds_target *t, uint64_t addr)
{
    if (t->pointer_size == 4 && addr <= 0xFFFFFFFFull && (addr & 0x80000000ull))
        return addr | 0xFFFFFFFF00000000ull;
    return addr;
}

/* next_readable derived from the region map: the committed regions whose
   protection lets the bytes be read. */
static HRESULT readable_from_query(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size)
{
    for (;;) {
        struct ds_region r = { 0 };
        HRESULT hr = t->ops->query(t, addr, &r);
        if (hr != S_OK)
            return hr;
        if (r.size == 0)
            return S_FALSE;  /* a backend that breaks its contract ends the walk */
        uint64_t last = ds_last_byte(r.base, r.size);
        if (last < addr)
            return S_FALSE;
        if (r.state == MEM_COMMIT && ds_protect_readable(r.protect)) {
            *start = r.base > addr ? r.base : addr;
            *size = last - *start + 1;
            return S_OK;
        }
        if (last == UINT64_MAX)
            return S_FALSE;
        addr = last + 1;
    }
}

HRESULT ds_next_readable_run(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size)
{
    HRESULT hr;
    *start = *size = 0;
    if (t->ops->next_readable)
        hr = t->ops->next_readable(t, addr, start, size);
    else
        hr = E_NOTIMPL;
    /* E_NOTIMPL from next_readable: the backend finds its runs only by a
       costly probe (a GDB server that describes no regions), which a
       cache's readahead should not pay for but a walk may: ask query. */
    if (hr == E_NOTIMPL && t->ops->query) {
        ds_clear_error(t);
        hr = readable_from_query(t, addr, start, size);
    }
    else if (!t->ops->next_readable)
        return ds_fail(t, E_NOTIMPL, "%s targets can list neither their readable memory nor "
                       "their regions", t->ops->name);
    if (hr != S_OK)
        return hr;
    /* Keep the promises callers rely on, whatever the backend said. */
    if (*size == 0)
        return S_FALSE;
    if (*start < addr) {
        uint64_t last = ds_last_byte(*start, *size);
        if (last < addr)
            return S_FALSE;
        *start = addr;
        *size = last - addr + 1;
    }
    *size = ds_last_byte(*start, *size) - *start + 1;
    return S_OK;
}

HRESULT ds_readable_run_last(ds_target *t, uint64_t start, uint64_t size, uint64_t limit,
                             uint64_t *last)
{
    /* Past limit nobody asked: a core of 131,070 touching segments would
       otherwise be walked to its end for a one-byte question. */
    *last = ds_last_byte(start, size);
    while (*last < limit) {
        uint64_t next, next_size;
        HRESULT hr = ds_next_readable_run(t, *last + 1, &next, &next_size);
        if (FAILED(hr))
            return hr;
        if (hr != S_OK || next != *last + 1)
            break;
        *last = ds_last_byte(next, next_size);
    }
    return S_OK;
}
