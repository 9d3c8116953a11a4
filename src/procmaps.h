/*
 * procmaps.h — a parser for the text of /proc/PID/maps, shared by the live
 * backend and by Linux minidumps (whose LinuxMaps stream is the same text).
 */
#ifndef DS_PROCMAPS_H
#define DS_PROCMAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target.h"

struct ds_map_entry {
    uint64_t start, end;  /* [start, end) */
    uint64_t offset;      /* file offset of start */
    uint64_t inode;
    uint32_t dev_major, dev_minor;
    bool r, w, x, shared;
    bool image;           /* MEM_IMAGE: in an image one of whose mappings is
                             executable (live: backend/live_images.c's rule) */
    uint64_t alloc_base;  /* lowest mapping of the same image, else start */
    const char *path;     /* "" when anonymous; points into ds_maps.text */
};

struct ds_maps {
    struct ds_map_entry *v;
    size_t n;
    char *text;           /* owned copy of the parsed text */
};

/* Parse len bytes of maps text. Lines that do not parse are skipped (a
   count of them goes to *skipped when not NULL); entries are kept only
   when sorted and not overlapping, as the kernel writes them. */
HRESULT ds_maps_parse(const char *text, size_t len, struct ds_maps *out, size_t *skipped);
void ds_maps_free(struct ds_maps *m);
/* Index of the first entry whose end is above addr (== n when none). */
size_t ds_maps_lookup(const struct ds_maps *m, uint64_t addr);
/* Fill a region from entry i, as QueryVirtual presents it. */
void ds_maps_region(const struct ds_maps *m, size_t i, struct ds_region *r);
/* The query op over a parsed map: region at or above addr, S_FALSE if none. */
HRESULT ds_maps_query(const struct ds_maps *m, uint64_t addr, struct ds_region *r);

#endif /* DS_PROCMAPS_H */
