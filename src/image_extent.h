/*
 * image_extent.h — which mappings of a file make up one loaded ELF image:
 * the rule the live backend applies to /proc/PID/maps and the core
 * backend to NT_FILE, in one place so that a process and a core of it
 * list the same modules (image_extent.c says the rule).
 */
#ifndef DS_IMAGE_EXTENT_H
#define DS_IMAGE_EXTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DS_IMAGE_MAX_LOADS 16  /* PT_LOADs an image may have (real ones: 2 to 5) */

/* Where an image's header says its file pages go, relative to the page
   where the header itself is mapped (the image's base); all page-aligned. */
struct ds_image_layout {
    bool known;          /* the program headers were read and map the header */
    uint64_t span;       /* [min p_vaddr, max p_vaddr + p_memsz), page-rounded */
    uint32_t nloads;
    struct {
        uint64_t file_lo, file_hi;  /* the file pages of the segment */
        uint64_t at;                /* where file_lo goes, from the base */
    } loads[DS_IMAGE_MAX_LOADS];
};

/* Copy exactly size bytes from `offset` bytes past the mapping that may
   hold an image's header; false when they cannot all be read. */
typedef bool (*ds_image_reader)(void *ctx, uint64_t offset, void *buf, size_t size);

/* Whether the bytes the reader gives start with the ELF header of a
   loadable image (ET_EXEC or ET_DYN), and, in *layout, what its program
   headers say (layout->known false when they cannot be read or make no
   sense). page: the target's page size (4096 when not a power of two of
   at least 1 KiB). */
bool ds_image_read_header(ds_image_reader read, void *ctx, uint64_t page,
                          struct ds_image_layout *layout);

/* One mapping as the rule sees it, relative to the image's first one. */
struct ds_image_mapping {
    uint64_t start, end, offset;  /* [start, end) maps the file from offset */
    bool anonymous;               /* maps no file at all */
    bool same_file;               /* maps the file of the image's first mapping */
};

/* Mapping k of a sorted list, described relative to mapping `first`. */
typedef void (*ds_image_mapping_at)(void *ctx, size_t first, size_t k,
                                    struct ds_image_mapping *out);

/* The last mapping of the image whose header mapping `first` holds (with
   the layout ds_image_read_header gave), among the n sorted, disjoint
   mappings at() describes. Every file mapping between first and the
   answer belongs to the image; anonymous ones between do not. */
size_t ds_image_last_mapping(const struct ds_image_layout *layout, size_t first, size_t n,
                             ds_image_mapping_at at, void *ctx);

#endif /* DS_IMAGE_EXTENT_H */
