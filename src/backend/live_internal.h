/*
 * live_internal.h — the live backend's ops that live in files of their
 * own beside live.c:
 *
 *   live_pagemap.c   virtual_to_physical from /proc/PID/pagemap
 *   live_handles.c   read_handle_data from /proc/PID/fd and fdinfo
 *   live_modules.c   the module list, from the map and the images' headers
 *
 * They need nothing of live.c's private state: the process id is the
 * target's pid, and the region map is asked for through the ops table.
 */
#ifndef DS_LIVE_INTERNAL_H
#define DS_LIVE_INTERNAL_H

#include "../target.h"

HRESULT ds_live_virtual_to_physical(ds_target *t, uint64_t va, uint64_t *pa, uint64_t *level_pa,
                                    uint32_t max_levels, uint32_t *levels);
HRESULT ds_live_read_handle_data(ds_target *t, uint64_t handle, uint32_t data_type, void *buf,
                                 uint32_t size, uint32_t *data_size);

struct ds_maps;
/* Add the ELF images the map holds to t's modules (once, at open). */
HRESULT ds_live_list_modules(ds_target *t, const struct ds_maps *maps);

#endif /* DS_LIVE_INTERNAL_H */
