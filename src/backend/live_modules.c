/*
 * live_modules.c — the modules of a live process: the ELF images its
 * mappings hold, as dbgeng lists a live target's modules and as a core's
 * NT_FILE gives them (elfcore.c's add_modules).
 *
 * A module is an image by the rule of image_extent.c (the one a core's
 * NT_FILE goes by, elfcore_notes.c), starting at a readable mapping that
 * holds an ELF header; the same file means the same device, inode and
 * path. It is a module only when one of its mappings may execute, the
 * MEM_IMAGE rule of procmaps.c and of cores: a library mapped as data is
 * no module, nor is a data file mapped executable (no ELF header). The
 * groups are live_images.c's MEM_IMAGE marks (image, alloc_base) and the
 * header facts it kept: no header is read here.
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
#include "../procmaps.h"
#include "live_internal.h"

/* The image whose first mapping is maps->v[i]: its file mappings carry
   its allocation base, the anonymous ones between them (the .bss, a
   mapping placed in a hole the kernel's loader unmapped) do not. */
static size_t last_mapping(const struct ds_maps *maps, size_t i)
{
    uint64_t base = maps->v[i].start;
    size_t last = i;
    for (size_t k = i + 1; k < maps->n; k++) {
        const struct ds_map_entry *e = &maps->v[k];
        if (e->inode != 0 && !(e->image && e->alloc_base == base))
            break;
        if (e->inode != 0)
            last = k;
    }
    return last;
}

HRESULT ds_live_list_modules(ds_target *t, const struct ds_maps *maps,
                             const struct ds_live_headers *known)
{
    for (size_t i = 0; i < maps->n; i++) {
        const struct ds_map_entry *first = &maps->v[i];
        if (!first->image || first->inode == 0 || first->alloc_base != first->start)
            continue;  /* not an image's first mapping (the vDSO is no file) */
        int elf = ds_live_header_is_elf(known, first);
        if (elf < 0)
            return ds_fail(t, E_OUTOFMEMORY, "out of memory listing the modules of process "
                           "%u: the image headers of its map were not kept", t->pid);
        if (!elf)
            continue;  /* a data file mapped executable */
        size_t last = last_mapping(maps, i);
        if (FAILED(ds_target_add_module(t, first->start, maps->v[last].end - first->start,
                                        first->path)))
            return ds_fail(t, E_OUTOFMEMORY, "out of memory listing the modules of process %u",
                           t->pid);
        i = last;
    }
    return S_OK;
}
