/*
 * dump_ranges.c — the memory a small minidump keeps (no
 * DEBUG_FORMAT_USER_SMALL_FULL_MEMORY): each thread's stack and, with
 * DEBUG_FORMAT_USER_SMALL_INDIRECT_MEMORY, a window of memory around
 * every value on a stack or in a general register that points into
 * readable memory (MiniDumpWithIndirectlyReferencedMemory: what a
 * debugger needs to follow a local pointer). Ranges are merged, so the
 * MemoryListStream's descriptors never overlap.
 */
#include <stdlib.h>
#include <string.h>

#include "../semantics.h"
#include "writer.h"

/* The window kept around a referenced address: a little before (the
   start of the object a pointer may point into), more after. */
#define WINDOW_BEFORE 256u
#define WINDOW_AFTER 768u
/* Bounds on the work: pointers looked at per thread, windows in all. */
#define MAX_POINTERS_PER_THREAD 65536u
#define MAX_WINDOWS 16384u

struct range_list {
    struct dump_range *v;
    size_t n, cap;
    bool failed;
};

static void add_range(struct range_list *l, uint64_t start, uint64_t size)
{
    if (!size || l->failed)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        struct dump_range *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->failed = true;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (struct dump_range){ start, size, 0 };
}

/* The window around v, cut to the readable run v lies in; nothing when
   v is not readable. */
static void add_window(ds_target *t, struct range_list *l, uint64_t v, size_t *windows)
{
    if (v < 0x10000 || *windows >= MAX_WINDOWS)
        return;
    /* The run is asked for from WINDOW_BEFORE below v, since a run is
       answered cut to the address asked about; v itself may lie in a
       later run. */
    uint64_t start, size;
    if (ds_next_readable_run(t, v > WINDOW_BEFORE ? v - WINDOW_BEFORE : 0, &start, &size) != S_OK ||
        start > v)
        return;
    uint64_t end = ds_last_byte(start, size);  /* inclusive */
    if (end < v) {
        if (ds_next_readable_run(t, v, &start, &size) != S_OK || start > v)
            return;
        end = ds_last_byte(start, size);
    }
    uint64_t lo = v - start > WINDOW_BEFORE ? v - WINDOW_BEFORE : start;
    uint64_t hi = end - v > WINDOW_AFTER ? v + WINDOW_AFTER - 1 : end;
    add_range(l, lo, hi - lo + 1);
    (*windows)++;
}

static uint64_t word_at(const uint8_t *p, uint32_t size)
{
    uint64_t v = 0;
    for (uint32_t i = size; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

/* The general registers of a CONTEXT, as candidate pointers. */
static size_t context_words(const ds_target *t, const uint8_t *c, uint64_t *out)
{
    size_t n = 0;
    if (t->machine == IMAGE_FILE_MACHINE_AMD64) {
        const DS_AMD64_CONTEXT *a = (const DS_AMD64_CONTEXT *)(const void *)c;
        const uint64_t r[] = { a->Rax, a->Rcx, a->Rdx, a->Rbx, a->Rbp, a->Rsi, a->Rdi, a->R8,
                               a->R9, a->R10, a->R11, a->R12, a->R13, a->R14, a->R15 };
        memcpy(out, r, sizeof r);
        n = sizeof r / sizeof r[0];
    } else if (t->machine == IMAGE_FILE_MACHINE_I386) {
        const DS_X86_CONTEXT *x = (const DS_X86_CONTEXT *)(const void *)c;
        const uint64_t r[] = { x->Eax, x->Ecx, x->Edx, x->Ebx, x->Ebp, x->Esi, x->Edi };
        memcpy(out, r, sizeof r);
        n = sizeof r / sizeof r[0];
    } else if (t->machine == IMAGE_FILE_MACHINE_ARM64) {
        const DS_ARM64_CONTEXT *r = (const DS_ARM64_CONTEXT *)(const void *)c;
        memcpy(out, r->X, sizeof r->X);
        n = 31;
    }
    return n;
}

static int by_start(const void *a, const void *b)
{
    const struct dump_range *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

HRESULT dump_small_ranges(ds_target *t, const struct dump_thread *th, size_t n, bool indirect,
                          struct dump_range **out, size_t *nout)
{
    struct range_list l = { 0 };
    size_t windows = 0;
    uint8_t *buf = NULL;
    for (size_t i = 0; i < n; i++) {
        add_range(&l, th[i].stack_start, th[i].stack_size);
        if (!indirect || !th[i].have_context)
            continue;
        uint64_t regs[31];
        size_t nregs = context_words(t, th[i].context, regs);
        for (size_t k = 0; k < nregs; k++)
            add_window(t, &l, regs[k], &windows);
        if (!th[i].stack_size)
            continue;
        uint8_t *p = realloc(buf, (size_t)th[i].stack_size);
        if (!p) {
            l.failed = true;
            break;
        }
        buf = p;
        size_t got = 0;
        ds_backend_read(t, th[i].stack_start, buf, (size_t)th[i].stack_size, &got);
        uint32_t w = t->pointer_size;
        for (size_t off = 0, k = 0; off + w <= got && k < MAX_POINTERS_PER_THREAD; off += w, k++)
            add_window(t, &l, word_at(buf + off, w), &windows);
    }
    free(buf);
    ds_clear_error(t);
    if (l.failed) {
        free(l.v);
        return ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory listing the stacks of %s",
                       t->where);
    }
    if (l.n > 1) /* qsort wants a real array, even for none */
        qsort(l.v, l.n, sizeof *l.v, by_start);
    size_t m = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (m && l.v[i].start <= l.v[m - 1].start + l.v[m - 1].size) {
            uint64_t end = l.v[i].start + l.v[i].size;
            if (end > l.v[m - 1].start + l.v[m - 1].size)
                l.v[m - 1].size = end - l.v[m - 1].start;
        } else {
            l.v[m++] = l.v[i];
        }
    }
    *out = l.v;
    *nout = m;
    return S_OK;
}
