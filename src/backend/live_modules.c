/*
 * live_modules.c — the modules of a live process: the ELF images its
 * mappings hold, as dbgeng lists a live target's modules and as a core's
 * NT_FILE gives them (elfcore.c's add_modules).
 *
 * A module is an image by the rule of image_extent.c (the one a core's
 * NT_FILE goes by, elfcore_notes.c), starting at a readable mapping, its
 * header read through the target; the same file means the same device,
 * inode and path. It is a module only when one of its mappings may
 * execute, the MEM_IMAGE rule of procmaps.c and of cores: a library
 * mapped as data is no module, nor is a data file mapped executable (no
 * ELF header).
 *
 * base = the header's mapping, size = up to the end of its last file
 * mapping, name = the path /proc/PID/maps shows: what a core of the same
 * process gives from NT_FILE (the same d_path text), so the anonymous
 * .bss after an image's last file page is not in it. A file deleted on
 * disk keeps its mappings and is listed with the kernel's " (deleted)"
 * suffix, as a core lists it. The vDSO is no file
 * and is not listed (nor in cores).
 *
 * Read once, at open, for running (non-invasive) targets too: dbgeng's
 * non-invasive attach sees no load events either and keeps the list it
 * built at attach; an index into the list must not change meaning between
 * ds_get_number_modules and ds_get_module. Reopen to see later dlopens.
 */
#include <string.h>

#include "../image_extent.h"
#include "../procmaps.h"
#include "live_internal.h"

static bool read_all(ds_target *t, uint64_t addr, void *buf, size_t size)
{
    size_t done = 0;
    return SUCCEEDED(ds_backend_read(t, addr, buf, size, &done)) && done == size;
}

struct header_reader {
    ds_target *t;
    uint64_t base;
};

static bool read_from_target(void *ctx, uint64_t offset, void *buf, size_t size)
{
    const struct header_reader *r = ctx;
    return offset <= UINT64_MAX - r->base && size <= UINT64_MAX - r->base - offset &&
           read_all(r->t, r->base + offset, buf, size);
}

HRESULT ds_live_list_modules(ds_target *t, const struct ds_maps *maps)
{
    /* A header that cannot be read is not a module, not an error: keep
       its sentence out of the target's error text. */
    char saved[sizeof t->error];
    memcpy(saved, t->error, sizeof saved);
    HRESULT hr = S_OK;
    size_t i = 0;
    while (i < maps->n && SUCCEEDED(hr)) {
        const struct ds_map_entry *first = &maps->v[i];
        struct ds_image_layout layout;
        struct header_reader reader = { t, first->start };
        if (!ds_live_map_may_hold_header(first) ||
            !ds_image_read_header(read_from_target, &reader, t->page_size, &layout)) {
            i++;
            continue;
        }
        /* Its file mappings, and anonymous ones between them (the .bss,
           or a mapping placed in a hole the kernel's loader unmapped). */
        size_t last = ds_image_last_mapping(&layout, i, maps->n, ds_live_image_mapping_at, (void *)maps);
        bool exec = false;
        for (size_t j = i; j <= last; j++)
            exec |= maps->v[j].inode != 0 && maps->v[j].x;
        if (exec)
            hr = ds_target_add_module(t, first->start, maps->v[last].end - first->start,
                                      first->path);
        i = last + 1;
    }
    memcpy(t->error, saved, sizeof saved);
    return FAILED(hr) ? ds_fail(t, hr, "out of memory listing the modules of process %u", t->pid)
                      : S_OK;
}
