/*
 * live_images.c — which mappings of a live process QueryVirtual calls
 * MEM_IMAGE, and their allocation base: the image extents of
 * image_extent.c, grouped as a core's NT_FILE is (elfcore_notes.c's
 * group_images), so that a process and a core of it describe each
 * mapping alike. A group starts at each file mapping no earlier group
 * took: at an ELF header, the mappings its program headers place; at
 * any other, the file's run of mappings up to its next offset-0 one. A
 * group one of whose mappings may execute is an image, MEM_IMAGE with
 * its first mapping as allocation base; the anonymous mappings between
 * its file mappings (the .bss, a page mapped in a loader's hole) stay
 * private. The vDSO is an image too.
 *
 * A running target re-reads its map on every query, so the header facts
 * are remembered per (device, inode, mapping start) across re-reads: only
 * a mapping new at that place has its header read. An entry lives as
 * long as its mapping does (the list is rebuilt from each new map).
 */
#include <stdlib.h>
#include <string.h>

#include "../image_extent.h"
#include "../procmaps.h"
#include "live_internal.h"

struct ds_live_header {
    uint64_t start, inode;
    uint32_t dev_major, dev_minor;
    bool elf;                      /* the mapping starts with a loadable image's header */
    struct ds_image_layout layout;
};

static bool is_file(const struct ds_map_entry *e)
{
    return e->inode != 0 && e->path[0] == '/';
}

static bool may_hold_header(const struct ds_map_entry *e)
{
    return is_file(e) && e->offset == 0 && e->r;
}

static bool same_file(const struct ds_map_entry *a, const struct ds_map_entry *b)
{
    return a->inode == b->inode && a->dev_major == b->dev_major &&
           a->dev_minor == b->dev_minor && strcmp(a->path, b->path) == 0;
}

static void mapping_at(void *ctx, size_t first, size_t k, struct ds_image_mapping *out)
{
    const struct ds_maps *maps = ctx;
    const struct ds_map_entry *e = &maps->v[k];
    *out = (struct ds_image_mapping){
        .start = e->start,
        .end = e->end,
        .offset = e->offset,
        .anonymous = e->inode == 0,
        .same_file = same_file(e, &maps->v[first]),
    };
}

struct header_reader {
    ds_live_read_fn read;
    void *ctx;
    uint64_t base;
};

static bool read_header_bytes(void *ctx, uint64_t offset, void *buf, size_t size)
{
    const struct header_reader *r = ctx;
    return offset <= UINT64_MAX - r->base && size <= UINT64_MAX - r->base - offset &&
           r->read(r->ctx, r->base + offset, buf, size);
}

/* The remembered facts for e, from `old` (sorted by start; *from is
   where the search left off, as the map is sorted too), else read. */
static void header_facts(const struct ds_live_headers *old, size_t *from,
                         const struct ds_map_entry *e, uint64_t page, ds_live_read_fn read,
                         void *ctx, struct ds_live_header *out)
{
    while (*from < old->n && old->v[*from].start < e->start)
        (*from)++;
    if (*from < old->n) {
        const struct ds_live_header *h = &old->v[*from];
        if (h->start == e->start && h->inode == e->inode && h->dev_major == e->dev_major &&
            h->dev_minor == e->dev_minor) {
            *out = *h;
            return;
        }
    }
    *out = (struct ds_live_header){ .start = e->start, .inode = e->inode,
                                    .dev_major = e->dev_major, .dev_minor = e->dev_minor };
    struct header_reader r = { read, ctx, e->start };
    out->elf = ds_image_read_header(read_header_bytes, &r, page, &out->layout);
}

void ds_live_mark_images(struct ds_live_headers *known, struct ds_maps *maps, uint64_t page,
                         ds_live_read_fn read, void *ctx)
{
    size_t candidates = 0;
    for (size_t i = 0; i < maps->n; i++)
        candidates += may_hold_header(&maps->v[i]);
    /* Without room for the new list, headers are read and not kept. */
    struct ds_live_headers next = { calloc(candidates ? candidates : 1, sizeof *next.v), 0 };
    size_t from = 0;
    for (size_t i = 0; i < maps->n; i++) {
        maps->v[i].image = false;
        maps->v[i].alloc_base = maps->v[i].start;
    }
    for (size_t i = 0; i < maps->n;) {
        struct ds_map_entry *first = &maps->v[i];
        if (!is_file(first)) {
            first->image = strcmp(first->path, "[vdso]") == 0;
            i++;
            continue;
        }
        struct ds_image_layout layout = { 0 };
        if (may_hold_header(first)) {
            struct ds_live_header h;
            header_facts(known, &from, first, page, read, ctx, &h);
            if (h.elf)
                layout = h.layout;
            if (next.v)
                next.v[next.n++] = h;
        }
        size_t last = ds_image_last_mapping(&layout, i, maps->n, mapping_at, maps);
        bool exec = false;
        for (size_t k = i; k <= last; k++)
            exec |= maps->v[k].inode != 0 && maps->v[k].x;
        for (size_t k = i; exec && k <= last; k++) {
            if (maps->v[k].inode == 0)
                continue;  /* anonymous, between two of its file mappings */
            maps->v[k].image = true;
            maps->v[k].alloc_base = first->start;
        }
        i = last + 1;
    }
    if (next.v) {
        ds_live_headers_free(known);
        *known = next;
    }
}

int ds_live_header_is_elf(const struct ds_live_headers *known, const struct ds_map_entry *e)
{
    if (!may_hold_header(e))
        return 0;
    size_t lo = 0, hi = known->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (known->v[mid].start < e->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == known->n)
        return -1;
    const struct ds_live_header *h = &known->v[lo];
    if (h->start != e->start || h->inode != e->inode || h->dev_major != e->dev_major ||
        h->dev_minor != e->dev_minor)
        return -1;
    return h->elf;
}

void ds_live_headers_free(struct ds_live_headers *known)
{
    free(known->v);
    known->v = NULL;
    known->n = 0;
}
