/*
 * semantics.h — helpers the data-space methods share (src/dataspaces.c and
 * the method files beside it). Nothing here is public.
 */
#ifndef DS_SEMANTICS_H
#define DS_SEMANTICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target.h"

/* The address the backend sees for a caller's offset (sign-extended
   32-bit addresses folded to 32 bits on 4-byte targets). */
uint64_t ds_canonical_address(const ds_target *t, uint64_t addr);
/* size, cut so that [addr, addr + size) does not wrap past 2^64. */
size_t ds_clip_to_top(uint64_t addr, size_t size);

/* The read rule over the cached (cached = true) or uncached path, for
   any size: *done bytes, S_OK when *done > 0. */
HRESULT ds_read_common(ds_target *t, uint64_t offset, void *buffer, size_t size, size_t *done,
                       bool cached);
/* The check every transfer method makes once its guard (DS_REQUIRE_TARGET)
   holds t and its count is zeroed: a NULL buffer with a size is refused.
   Inline: ReadVirtual's cached hit path goes through it. */
static inline HRESULT ds_check_buffer(ds_target *t, const void *buffer, uint32_t size,
                                      const char *method)
{
    if (__builtin_expect(!buffer && size, 0))
        return ds_fail(t, E_INVALIDARG, "%s: Buffer is NULL", method);
    return S_OK;
}
/* The write rule: read-only targets refused, the cache kept coherent. */
HRESULT ds_write_common(ds_target *t, uint64_t offset, const void *buffer, size_t size,
                        size_t *done);

/* The backend's region at or above offset; E_INVALIDARG with a sentence
   when there is none, E_NOTIMPL when the target has no region map. */
HRESULT ds_query_region(ds_target *t, uint64_t offset, struct ds_region *r);

/* ---- shared by the method files beside dataspaces.c ----------------------- */

/* The last byte of [addr, addr + size) for size > 0, clipped at 2^64 - 1:
   a range that would wrap past 2^64 ends at the top of the address space. */
uint64_t ds_last_byte(uint64_t addr, uint64_t size);

/* The target's page size for page arithmetic (QueryVirtual, the next
   page): 4 KiB when it is not a power of two, which only a damaged dump
   could claim. */
uint64_t ds_page_bytes(const ds_target *t);

/* An address as the caller receives it: on a 4-byte target, addresses at
   or above 2 GiB come back sign-extended, as dbgeng hands out every 32-bit
   address (the inverse of ds_canonical_address). */
uint64_t ds_caller_address(const ds_target *t, uint64_t addr);

/* The first run of bytes at or above addr that the target can supply,
   [*start, *start + *size): the backend's next_readable, else derived from
   query (committed regions whose protection allows reading). *size is
   never 0 and the run never wraps past 2^64. S_FALSE when there is none;
   E_NOTIMPL (with a sentence) when the target can describe neither. */
HRESULT ds_next_readable_run(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size);

/* The last byte of the contiguous readable memory that begins with the
   run [start, start + size), following the runs that touch it, but not
   once the run reaches limit (then *last >= limit; UINT64_MAX: no bound). */
HRESULT ds_readable_run_last(ds_target *t, uint64_t start, uint64_t size, uint64_t limit,
                             uint64_t *last);

/* Write pattern again and again over [start, start + size) with `write`
   (the write rule of a data space), stopping at the first byte it cannot
   write: FillVirtual and FillPhysical, which hold the target (the guard)
   before they call it. */
typedef HRESULT (*ds_fill_writer)(ds_target *t, uint64_t addr, const void *buf, size_t size,
                                  size_t *done);
HRESULT ds_fill_common(ds_target *t, uint64_t start, uint32_t size, const void *pattern,
                       uint32_t pattern_size, uint32_t *filled, ds_fill_writer write,
                       const char *method);

/* Free the tagged-data enumerations t left open (StartEnumTagged without
   EndEnumTagged); for ds_close, before the target goes. */
void ds_tagged_forget(const ds_target *t);

#endif /* DS_SEMANTICS_H */
