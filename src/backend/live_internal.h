/*
 * live_internal.h — the live backend's ops that live in files of their
 * own beside live.c:
 *
 *   live_pagemap.c   virtual_to_physical from /proc/PID/pagemap
 *   live_handles.c   read_handle_data from /proc/PID/fd and fdinfo
 *   live_tracer.c    the thread that owns a stopped target's ptrace
 *                    relationship (every ptrace and waitpid call runs there)
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

/* A tracer thread: ds_tracer_run calls fn(arg) on it and returns fn's
   HRESULT (with fn's opener sentence moved to the calling thread);
   ds_tracer_end ends it, and with it the ptrace relationship of every
   tracee it still has (the kernel detaches them; with tracees_left it
   returns only once that is done). */
struct ds_tracer;
HRESULT ds_tracer_start(struct ds_tracer **out);
HRESULT ds_tracer_run(struct ds_tracer *tr, HRESULT (*fn)(void *), void *arg);
void ds_tracer_end(struct ds_tracer *tr, bool tracees_left);

#endif /* DS_LIVE_INTERNAL_H */
