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
/* The write rule: read-only targets refused, the cache kept coherent. */
HRESULT ds_write_common(ds_target *t, uint64_t offset, const void *buffer, size_t size,
                        size_t *done);

/* The backend's region at or above offset; E_INVALIDARG with a sentence
   when there is none, E_NOTIMPL when the target has no region map. */
HRESULT ds_query_region(ds_target *t, uint64_t offset, struct ds_region *r);

#endif /* DS_SEMANTICS_H */
