/*
 * elfcore.h — what the files of the ELF core backend share (private to
 * src/backend/elfcore*.c; nothing outside src/backend includes it).
 *
 * The model. A core's address space is a sorted array of regions that
 * never overlap: one per PT_LOAD (clipped where a hostile file makes two
 * overlap), plus one per stretch that NT_FILE says was mapped but that no
 * PT_LOAD covers (gdb's gcore leaves unmodified read-only file mappings
 * out of the core altogether). The first `core_bytes` bytes of a region
 * are in the core file; the rest are not, unless the region maps a file
 * (NT_FILE) and an image file with the same GNU build-id was found on the
 * image path, in which case they come from that file.
 *
 *   elfcore.c        opener, the ops table, reads, writes, queries
 *   elfcore_index.c  PT_LOAD segments and NT_FILE stretches as regions
 *   elfcore_notes.c  the PT_NOTE walk: threads, pid, NT_FILE
 *   elfcore_image.c  ELF headers of images (build-id, segments), image path
 */
#ifndef DS_BACKEND_ELFCORE_H
#define DS_BACKEND_ELFCORE_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../context.h"
#include "../target.h"

#define ELFCORE_MAX_BUILD_ID 64   /* bytes; SHA-1 ids are 20, MD5 16 */
#define ELFCORE_MAX_IMAGE_LOADS 16 /* PT_LOADs remembered per image */
#define ELFCORE_NO_OFFSET UINT64_MAX /* NT_FILE offset unknown or absurd */
#define ELFCORE_NO_IMAGE UINT32_MAX

/* One stretch of the dumped address space. */
struct core_region {
    uint64_t start, end;   /* [start, end), end > start */
    uint64_t core_offset;  /* file offset of the byte at start */
    uint64_t core_bytes;   /* bytes from start that the core file holds */
    uint32_t protect;      /* PAGE_* from p_flags (or inferred, see index) */
    bool from_load;        /* a PT_LOAD; false: only NT_FILE names it */
};

/* A maximal run [start, end) of readable bytes (elfcore_next_readable). */
struct readable_run {
    uint64_t start, end;
};

/* One NT_FILE entry: [start, end) maps the file from file_offset. */
struct core_mapping {
    uint64_t start, end;
    uint64_t file_offset;  /* bytes, or ELFCORE_NO_OFFSET */
    uint32_t image;        /* index into elfcore_target.images */
};

struct image_load {
    uint64_t offset, vaddr, memsz;
    uint32_t flags;        /* PF_R | PF_W | PF_X */
};

/* What an ELF file's own headers say, read from the core's copy of its
   first page or from the file on disk. */
struct elf_facts {
    bool valid;            /* an ELF header was found */
    uint32_t build_id_len; /* 0: no NT_GNU_BUILD_ID note */
    uint8_t build_id[ELFCORE_MAX_BUILD_ID];
    uint32_t nloads;
    struct image_load loads[ELFCORE_MAX_IMAGE_LOADS];
};

/* A run of consecutive NT_FILE entries of one file: an ELF image's, by
   the rule the live module list goes by (image_extent.c: what its
   program headers place, read from the core at its header's mapping), or
   a file's run up to its next mapping at offset 0. An image when any of
   its mappings may execute (as procmaps.c decides for live processes). */
struct core_image {
    char *name;            /* owned; NULL when NT_FILE gave none */
    uint64_t base, end;    /* lowest start, highest end of the run */
    uint32_t first_mapping, mapping_count;
    bool executable;       /* MEM_IMAGE and a module */
    struct elf_facts facts;/* from the core's copy of its ELF header */
    const uint8_t *file;   /* matching image file, mapped; NULL if none */
    size_t file_size;
    char *file_path;       /* owned, where file came from */
    bool mismatch_seen;    /* a file was found but its build-id differs */
};

/* One thread's register notes (Linux cores), pointing into the note
   data libelf holds until elf_end: NT_PRSTATUS's pr_reg, then the notes
   that follow it for the same thread. */
struct core_thread_regs {
    uint32_t tid;
    struct ds_linux_regsets sets;
};

struct elfcore_target {
    struct ds_target base;  /* first: ds_target * casts to this */
    char *path;
    uint8_t *map;           /* the whole core file (written only when writable) */
    size_t map_size;
    bool borrowed_map;      /* DS_OPEN_BORROWED_MAP: not ours to unmap */
    bool writable;          /* DS_OPEN_WRITABLE_COPY: a private writable map */
    Elf *elf;
    bool is64, big_endian;

    struct core_region *regions;
    size_t nregions;
    size_t hint;            /* region of the last lookup (reads are local) */
    struct readable_run *runs; /* sorted, disjoint, never touching */
    size_t nruns;
    bool runs_valid;        /* false: out of memory, runs found piece by piece */
    struct core_mapping *mappings;
    size_t nmappings;
    struct core_image *images;
    size_t nimages;
    char *image_path;       /* owned copy of the colon-separated list */
    struct core_thread_regs *thread_regs;  /* in note order */
    size_t nthread_regs;
};

/* An unsigned field of size 1, 2, 4 or 8 bytes in the given byte order. */
uint64_t elfcore_get(const uint8_t *p, unsigned size, bool big_endian);

/* elfcore_index.c */
HRESULT elfcore_index_loads(struct elfcore_target *et, size_t phnum);
HRESULT elfcore_add_unloaded_mappings(struct elfcore_target *et);
void elfcore_mark_images(struct elfcore_target *et);
/* First region (mapping) whose end is above addr; n when none. */
size_t elfcore_region_lookup(struct elfcore_target *et, uint64_t addr);
size_t elfcore_mapping_lookup(const struct elfcore_target *et, uint64_t addr);
/* The mapping containing addr, or NULL. */
const struct core_mapping *elfcore_mapping_at(const struct elfcore_target *et, uint64_t addr);

/* elfcore_notes.c */
HRESULT elfcore_read_notes(struct elfcore_target *et, size_t phnum);
/* The thread_context op: the CONTEXT from thread tid's register notes. */
HRESULT elfcore_thread_context(ds_target *t, uint32_t tid, void *ctx, uint32_t size);

/* elfcore_image.c */
typedef size_t (*elf_facts_reader)(void *ctx, uint64_t offset, void *buf, size_t size);
void elfcore_read_elf_facts(elf_facts_reader read, void *ctx, struct elf_facts *out);
void elfcore_inspect_images(struct elfcore_target *et);
uint32_t elfcore_unloaded_protect(const struct elfcore_target *et, const struct core_image *img,
                                  uint64_t addr);
void elfcore_resolve_images(struct elfcore_target *et);
void elfcore_unload_images(struct elfcore_target *et);

/* elfcore.c: copy the longest prefix of [addr, addr + size) the target can
   supply (image files too when `images`); returns its length. */
size_t elfcore_copy(struct elfcore_target *et, uint64_t addr, void *buf, size_t size,
                    bool images);

#endif /* DS_BACKEND_ELFCORE_H */
