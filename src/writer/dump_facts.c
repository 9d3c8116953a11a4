/*
 * dump_facts.c — what a dump writer takes from any target, through the
 * backend's ops: the runs of readable memory, each thread's registers and
 * stack.
 */
#include <stdlib.h>
#include <string.h>

#include "../semantics.h"
#include "writer.h"

HRESULT dump_readable_runs(ds_target *t, struct dump_run **runs, size_t *n)
{
    *runs = NULL;
    *n = 0;
    size_t cap = 0;
    uint64_t addr = 0;
    for (;;) {
        uint64_t start, size;
        HRESULT hr = ds_next_readable_run(t, addr, &start, &size);
        if (FAILED(hr)) {
            free(*runs);
            *runs = NULL;
            return hr;
        }
        if (hr != S_OK)
            return S_OK;
        struct dump_run *last = *n ? &(*runs)[*n - 1] : NULL;
        if (last && last->start + last->size == start) {
            last->size += size;  /* adjacent pieces become one run */
        } else {
            if (*n == DS_DUMP_MAX_RUNS) {
                free(*runs);
                *runs = NULL;
                return ds_fail(t, E_FAIL, "WriteDumpFile2: %s has more than %u runs of readable "
                               "memory", t->where, DS_DUMP_MAX_RUNS);
            }
            if (*n == cap) {
                cap = cap ? cap * 2 : 256;
                struct dump_run *v = realloc(*runs, cap * sizeof *v);
                if (!v) {
                    free(*runs);
                    *runs = NULL;
                    return ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory listing "
                                   "the memory of %s", t->where);
                }
                *runs = v;
            }
            (*runs)[(*n)++] = (struct dump_run){ start, size };
        }
        uint64_t last_byte = ds_last_byte(start, size);
        if (last_byte == UINT64_MAX)
            return S_OK;
        addr = last_byte + 1;
    }
}

uint64_t dump_context_sp(const ds_target *t, const uint8_t *c)
{
    switch (t->machine) {
    case IMAGE_FILE_MACHINE_AMD64: return ((const DS_AMD64_CONTEXT *)(const void *)c)->Rsp;
    case IMAGE_FILE_MACHINE_I386: return ((const DS_X86_CONTEXT *)(const void *)c)->Esp;
    case IMAGE_FILE_MACHINE_ARM64: return ((const DS_ARM64_CONTEXT *)(const void *)c)->Sp;
    default: return 0;
    }
}

/* The stack a stack-only dump keeps: from just below sp (the red zone)
   to the end of the readable memory there, at most DS_DUMP_STACK_MAX. */
static void find_stack(ds_target *t, struct dump_thread *th)
{
    uint64_t lo = th->sp >= DS_DUMP_RED_ZONE ? (th->sp - DS_DUMP_RED_ZONE) & ~15ull : 0;
    uint64_t start, size, last;
    if (ds_next_readable_run(t, lo, &start, &size) != S_OK || start > th->sp)
        return;
    if (FAILED(ds_readable_run_last(t, start, size, start + DS_DUMP_STACK_MAX, &last)))
        return;
    uint64_t end = last - start + 1 > DS_DUMP_STACK_MAX ? start + DS_DUMP_STACK_MAX : last + 1;
    th->stack_start = start;
    th->stack_size = end - start;
}

HRESULT dump_threads(ds_target *t, struct dump_thread **threads, size_t *n)
{
    *n = 0;
    *threads = calloc(t->thread_count ? t->thread_count : 1, sizeof **threads);
    if (!*threads)
        return ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory for the threads of %s",
                       t->where);
    uint32_t csize = ds_thread_context_size(t);
    uint64_t stacks = 0;  /* bytes of stack kept so far */
    for (uint32_t i = 0; i < t->thread_count; i++) {
        struct dump_thread *th = &(*threads)[(*n)++];
        th->tid = t->thread_ids[i];
        if (!csize || !t->ops->thread_context)
            continue;
        th->context_size = csize;
        if (FAILED(t->ops->thread_context(t, th->tid, th->context, csize))) {
            ds_clear_error(t);  /* a thread without registers is kept, without them */
            memset(th->context, 0, sizeof th->context);
            continue;
        }
        th->have_context = true;
        th->sp = dump_context_sp(t, th->context);
        find_stack(t, th);
        /* The stacks are copied into the streams laid out in memory: past
           the budget a thread's stack is left out (its registers stay). */
        if (stacks + th->stack_size > DS_DUMP_STACKS_TOTAL_MAX)
            th->stack_start = th->stack_size = 0;
        stacks += th->stack_size;
    }
    return S_OK;
}
