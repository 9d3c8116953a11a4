/*
 * live_internal.h — the live backend's ops that live in files of their
 * own beside live.c:
 *
 *   live_pagemap.c   virtual_to_physical from /proc/PID/pagemap
 *   live_handles.c   read_handle_data from /proc/PID/fd and fdinfo
 *   live_modules.c   the module list, from the map and the images' headers
 *   live_images.c    QueryVirtual's MEM_IMAGE mappings and their allocation base
 *   live_proc.c      what /proc says about a process and its threads
 *                    (attach's checks and its refusal sentences)
 *   live_tracer.c    the thread that owns a stopped target's ptrace
 *                    relationship (every ptrace and waitpid call runs there)
 *
 * They need nothing of live.c's private state but the task whose /proc
 * files to read (ds_live_memory_task), and ask for the region map
 * through the ops table.
 */
#ifndef DS_LIVE_INTERNAL_H
#define DS_LIVE_INTERNAL_H

#include <stdbool.h>
#include <sys/types.h>

#include "../target.h"

HRESULT ds_live_virtual_to_physical(ds_target *t, uint64_t va, uint64_t *pa, uint64_t *level_pa,
                                    uint32_t max_levels, uint32_t *levels);
HRESULT ds_live_read_handle_data(ds_target *t, uint64_t handle, uint32_t data_type, void *buf,
                                 uint32_t size, uint32_t *data_size);

struct ds_maps;
struct ds_map_entry;
/* Header facts remembered across re-reads of a running target's map. */
struct ds_live_header;
struct ds_live_headers {
    struct ds_live_header *v;  /* sorted by mapping start */
    size_t n;
};

/* Add the ELF images the map holds to t's modules (once, at open), from
   the marks and header facts ds_live_mark_images left for this map. */
HRESULT ds_live_list_modules(ds_target *t, const struct ds_maps *maps,
                             const struct ds_live_headers *known);
/* Copy exactly size bytes of the target's memory at addr without
   looking at its map (it is being rebuilt); false when it cannot. */
typedef bool (*ds_live_read_fn)(void *ctx, uint64_t addr, void *buf, size_t size);
/* Set each mapping's image and alloc_base by the image extents (headers
   read with `read` where `known` has no facts for them; `known` then
   holds those of this map). */
void ds_live_mark_images(struct ds_live_headers *known, struct ds_maps *maps, uint64_t page,
                         ds_live_read_fn read, void *ctx);
/* Whether mapping e, the first of a group ds_live_mark_images made,
   starts with a loadable image's ELF header, by the facts it kept for
   this map: 1 yes, 0 no, -1 no facts for it (no room to keep them). */
int ds_live_header_is_elf(const struct ds_live_headers *known, const struct ds_map_entry *e);
void ds_live_headers_free(struct ds_live_headers *known);

/* The task whose memory and /proc files a live target uses: its process
   id, or a live thread's when the main thread has ended (pthread_exit). */
uint32_t ds_live_memory_task(const ds_target *t);

/* A tracer thread: ds_tracer_run calls fn(arg) on it and returns fn's
   HRESULT (with fn's opener sentence moved to the calling thread);
   ds_tracer_end ends it, and with it the ptrace relationship of every
   tracee it still has (the kernel detaches them; with tracees_left it
   returns only once that is done). ds_tracer_start's failure leaves
   errno saying why. */
struct ds_tracer;
HRESULT ds_tracer_start(struct ds_tracer **out);
HRESULT ds_tracer_run(struct ds_tracer *tr, HRESULT (*fn)(void *), void *arg);
void ds_tracer_end(struct ds_tracer *tr, bool tracees_left);

/* live_proc.c */
struct task_facts {
    char state;             /* R, S, D, t, Z, X … */
    unsigned long flags;    /* PF_* */
    pid_t ppid;
    char comm[32];
};

/* /proc/TGID/task/TID/stat (tgid 0: /proc/TID/stat). False when gone. */
bool ds_task_facts(pid_t tgid, pid_t tid, struct task_facts *tf);
/* Gone, dead, or exiting (PF_EXITING: PTRACE_SEIZE then fails with EPERM). */
bool ds_thread_is_exiting(pid_t tgid, pid_t tid);
/* The process id of thread tid; -1 with errno when unknown. */
pid_t ds_thread_group_of(pid_t tid);
/* The leader if alive, else the first live thread; 0 for a zombie. */
pid_t ds_live_thread(pid_t tgid);
/* TracerPid of tid (0: nobody, -1: unknown). */
long ds_tracer_of(pid_t tid);
/* Why PTRACE_SEIZE of process pid failed with EPERM, as a clause ("" when
   no rule we can see applies). */
void ds_seize_refusal(pid_t pid, char *why, size_t cap);
/* This process, a kernel thread, a zombie: E_INVALIDARG with a sentence
   saying which. Else S_OK and *io, a thread that has the memory. */
HRESULT ds_check_attachable(pid_t tgid, pid_t *io);

/* live.c: whether tid is one of the threads this target holds stopped
   under ptrace; run fn(arg) on the target's tracer thread (its sentence
   becomes the target's on failure). */
bool ds_live_thread_stopped(const ds_target *t, uint32_t tid);
HRESULT ds_live_on_tracer(ds_target *t, HRESULT (*fn)(void *), void *arg);
/* live_context.c: the thread_context op (PTRACE_GETREGSET on the tracer). */
HRESULT ds_live_thread_context(ds_target *t, uint32_t tid, void *ctx, uint32_t size);

#endif /* DS_LIVE_INTERNAL_H */
