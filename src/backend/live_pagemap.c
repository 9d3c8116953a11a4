/*
 * live_pagemap.c — VirtualToPhysical on a live process, from
 * /proc/PID/pagemap (Documentation/admin-guide/mm/pagemap.rst): one 64-bit
 * entry per virtual page, bit 63 "present in RAM", bit 62 "swapped",
 * bits 0-54 the page frame number when present (the swap type in bits
 * 0-4 and the swap offset in bits 5-54 when swapped).
 *
 * The page tables themselves are out of sight, so no paging levels are
 * reported: the semantics layer lists the final physical address as the
 * only level. The page is never touched to make it present: a debugger
 * must not change what it looks at.
 *
 * Since Linux 4.2 the frame numbers read as 0 to a reader without
 * CAP_SYS_ADMIN (the present bit still shows); that case is refused with
 * E_ACCESSDENIED and says so, rather than answering physical address 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "live_internal.h"

#ifndef STATUS_NO_PAGEFILE
#define STATUS_NO_PAGEFILE 0xC0000147u
#endif
/* dbgeng: "no physical page containing the specified address could be found". */
#define NO_PHYSICAL_PAGE HRESULT_FROM_NT(STATUS_NO_PAGEFILE)

#define PM_PRESENT (1ull << 63)
#define PM_SWAPPED (1ull << 62)
#define PM_PFN_MASK ((1ull << 55) - 1)
#define PM_SWAP_TYPE(e) ((unsigned)((e) & 0x1f))
#define PM_SWAP_OFFSET(e) (((e) & PM_PFN_MASK) >> 5)

static HRESULT read_pagemap_entry(ds_target *t, uint64_t va, uint64_t *entry)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%u/pagemap", ds_live_memory_task(t));
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENOENT || err == ESRCH)
            return ds_fail(t, E_UNEXPECTED, "cannot translate 0x%llx: process %u has exited",
                           (unsigned long long)va, t->pid);
        return ds_fail_errno(t, E_ACCESSDENIED, err, "cannot translate 0x%llx: cannot open %s",
                             (unsigned long long)va, path);
    }
    uint64_t page = t->page_size ? t->page_size : 4096;
    ssize_t n;
    do
        n = pread(fd, entry, sizeof *entry, (off_t)(va / page * sizeof *entry));
    while (n < 0 && errno == EINTR);
    int err = errno;
    close(fd);
    if (n == (ssize_t)sizeof *entry)
        return S_OK;
    if (n < 0)
        return ds_fail_errno(t, E_FAIL, err, "cannot translate 0x%llx: cannot read %s",
                             (unsigned long long)va, path);
    return ds_fail(t, E_UNEXPECTED, "cannot translate 0x%llx: %s ended early (process %u has "
                   "exited?)", (unsigned long long)va, path, t->pid);
}

HRESULT ds_live_virtual_to_physical(ds_target *t, uint64_t va, uint64_t *pa, uint64_t *level_pa,
                                    uint32_t max_levels, uint32_t *levels)
{
    (void)level_pa, (void)max_levels;  /* page-table entries are not visible */
    *pa = 0;
    *levels = 0;
    struct ds_region r;
    HRESULT hr = t->ops->query(t, va, &r);
    if (FAILED(hr))
        return hr;
    if (hr != S_OK || va < r.base)
        return ds_fail(t, NO_PHYSICAL_PAGE, "cannot translate 0x%llx: process %u has no memory "
                       "mapped there", (unsigned long long)va, t->pid);
    uint64_t entry;
    hr = read_pagemap_entry(t, va, &entry);
    if (FAILED(hr))
        return hr;
    if (!(entry & PM_PRESENT) && (entry & PM_SWAPPED))
        return ds_fail(t, NO_PHYSICAL_PAGE, "cannot translate 0x%llx: the page is swapped out "
                       "(swap type %u, offset 0x%llx), in no physical page",
                       (unsigned long long)va, PM_SWAP_TYPE(entry),
                       (unsigned long long)PM_SWAP_OFFSET(entry));
    if (!(entry & PM_PRESENT))
        return ds_fail(t, NO_PHYSICAL_PAGE, "cannot translate 0x%llx: the page is not in "
                       "physical memory (never touched, or reclaimed)", (unsigned long long)va);
    uint64_t pfn = entry & PM_PFN_MASK;
    if (pfn == 0)
        return ds_fail(t, E_ACCESSDENIED, "cannot translate 0x%llx: the kernel hides page frame "
                       "numbers in /proc/%u/pagemap from readers without CAP_SYS_ADMIN",
                       (unsigned long long)va, t->pid);
    uint64_t page = t->page_size ? t->page_size : 4096;
    *pa = pfn * page + va % page;
    return S_OK;
}
