/*
 * minidump_internal.h — what the files of the minidump backend share:
 * the MINIDUMP layout (offsets and sizes of the structures we read, from
 * the public minidumpapiset.h documentation), bounds-checked little-endian
 * readers over the mapped file, and the backend's own target struct.
 *
 *   minidump.c          open: header, stream directory, the ops table
 *   minidump_memory.c   the memory range index: read, write, next_readable
 *   minidump_streams.c  system info, threads, modules, misc info, Linux streams
 *   minidump_regions.c  what QueryVirtual answers (MemoryInfoList or derived)
 *   minidump_handles.c  HandleDataStream and ReadHandleData
 *   minidump_text.c     UTF-16 to UTF-8, MINIDUMP_STRING, the open notes
 *   minidump_arm64.c    Breakpad's old ARM64 context converted to Windows' CONTEXT
 *
 * Nothing outside src/backend/minidump*.c includes this file, except the
 * minidump test and test_serve_arm64 (the old ARM64 converter on records
 * of every length).
 */
#ifndef DS_MINIDUMP_INTERNAL_H
#define DS_MINIDUMP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../procmaps.h"
#include "../target.h"

/* ---- the format ---------------------------------------------------------- */

#define MD_SIGNATURE 0x504d444du      /* 'MDMP' little-endian */
#define MD_VERSION_LOW 0xa793u        /* MINIDUMP_VERSION, low word of Version */
#define MD_HEADER_SIZE 32u            /* MINIDUMP_HEADER */
#define MD_DIRECTORY_SIZE 12u         /* MINIDUMP_DIRECTORY */

enum md_stream_type {
    MD_UNUSED_STREAM = 0,
    MD_THREAD_LIST = 3,
    MD_MODULE_LIST = 4,
    MD_MEMORY_LIST = 5,
    MD_SYSTEM_INFO = 7,
    MD_THREAD_EX_LIST = 8,
    MD_MEMORY64_LIST = 9,
    MD_HANDLE_DATA = 12,
    MD_MISC_INFO = 15,
    MD_MEMORY_INFO_LIST = 16,
    MD_LINUX_PROC_STATUS = 0x47670004, /* Breakpad: /proc/PID/status text */
    MD_LINUX_MAPS = 0x47670009,        /* Breakpad: /proc/PID/maps text */
};

#define MD_MEMORY_DESCRIPTOR_SIZE 16u   /* MINIDUMP_MEMORY_DESCRIPTOR */
#define MD_MEMORY64_DESCRIPTOR_SIZE 16u /* MINIDUMP_MEMORY_DESCRIPTOR64 */
#define MD_MEMORY64_LIST_HEADER 16u     /* NumberOfMemoryRanges, BaseRva */
#define MD_THREAD_SIZE 48u              /* MINIDUMP_THREAD */
#define MD_THREAD_EX_SIZE 64u           /* MINIDUMP_THREAD_EX: + BackingStore */
#define MD_MODULE_SIZE 108u             /* MINIDUMP_MODULE */
#define MD_MEMORY_INFO_MIN_ENTRY 48u    /* MINIDUMP_MEMORY_INFO */
#define MD_MEMORY_INFO_MIN_HEADER 16u   /* MINIDUMP_MEMORY_INFO_LIST */
#define MD_HANDLE_MIN_HEADER 16u        /* MINIDUMP_HANDLE_DATA_STREAM */
#define MD_HANDLE_MIN_DESCRIPTOR 32u    /* MINIDUMP_HANDLE_DESCRIPTOR (_2 is 40) */
#define MD_MISC1_PROCESS_ID 0x1u        /* MINIDUMP_MISC_INFO.Flags1 */

/* Longest MINIDUMP_STRING we convert: Windows paths stop at 32767 UTF-16
   units; a longer declared Length is damage, not a name. */
#define MD_MAX_STRING_BYTES 65536u

/* ---- bounds-checked little-endian reads ------------------------------------ */

/* Each reader returns false (and leaves *out alone) unless the whole field
   lies inside [0, size) of the file. memcpy, never an unaligned cast. */
static inline bool md_u16(const uint8_t *p, size_t size, uint64_t off, uint16_t *out)
{
    if (off > size || size - off < 2)
        return false;
    uint8_t b[2];
    memcpy(b, p + off, 2);
    *out = (uint16_t)(b[0] | b[1] << 8);
    return true;
}

static inline bool md_u32(const uint8_t *p, size_t size, uint64_t off, uint32_t *out)
{
    if (off > size || size - off < 4)
        return false;
    uint8_t b[4];
    memcpy(b, p + off, 4);
    *out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}

static inline bool md_u64(const uint8_t *p, size_t size, uint64_t off, uint64_t *out)
{
    uint32_t lo, hi;
    if (!md_u32(p, size, off, &lo) || !md_u32(p, size, off + 4, &hi))
        return false;
    *out = (uint64_t)hi << 32 | lo;
    return true;
}

/* ---- the target ------------------------------------------------------------ */

/* One stream of the directory, already clipped to the file. */
struct md_stream {
    uint32_t type;
    uint32_t rva;
    uint32_t size;
    bool present;  /* the directory named it (the first of its type) */
};

/* One memory descriptor of the dump after overlap trimming: the bytes
   [start, start + size) of the target, of which the first `present` are in
   the file from `rva` on (fewer than size when the file is cut short). */
struct md_range {
    uint64_t start;
    uint64_t size;
    uint64_t rva;
    uint64_t present;
    uint32_t seq;    /* order of appearance: ties in sorting go to the first */
};

/* One region QueryVirtual describes; never MEM_FREE. */
struct md_region {
    uint64_t base, size, allocation_base;
    uint32_t allocation_protect, state, protect, type;
    const char *name;  /* a module's name (owned by the target), or NULL */
    uint32_t seq;      /* order in the stream: ties in sorting go to the first */
};

/* A module's span, sorted by base, overlaps dropped: for the derived regions. */
struct md_module_span {
    uint64_t base, end;
    const char *name;
    uint32_t index;  /* in the ModuleListStream: ties in sorting go to the first */
};


struct minidump_target {
    struct ds_target base;
    const uint8_t *map;
    size_t size;
    bool borrowed;           /* DS_OPEN_BORROWED_MAP: close must not munmap */
    char *path;

    struct md_stream handle_stream;  /* HandleDataStream, if any */
    uint32_t handle_header, handle_entry, handle_count;

    struct md_range *ranges;  /* sorted by start, disjoint */
    size_t nranges;

    struct md_module_span *spans;  /* sorted, disjoint */
    size_t nspans;

    enum { MD_QUERY_NONE, MD_QUERY_MEMINFO, MD_QUERY_MAPS, MD_QUERY_DERIVED } query_source;
    struct md_region *regions;  /* sorted, disjoint (MEMINFO and DERIVED) */
    size_t nregions, region_cap;
    struct ds_maps maps;        /* MAPS */
    uint64_t top_free_base;     /* MEMINFO: a MEM_FREE entry above every other */
    uint64_t top_free_size;     /* entry (0: none), answered as itself */

    bool have_system_info;

    /* The thread list whose ids the target lists (ThreadListStream or
       ThreadExListStream): entry size and first entry's offset in it, for
       the contexts. */
    struct md_stream thread_stream;
    uint32_t thread_entry, thread_first, thread_entries;
};

static inline struct minidump_target *md_target(ds_target *t)
{
    return (struct minidump_target *)t;
}

/* Some writers of 32-bit dumps sign-extend addresses at or above 2 GiB
   (0xFFFFFFFF8xxxxxxx); the semantics layer folds a caller's such address
   to 32 bits on a 4-byte target, so the dump's addresses are folded too. */
static inline uint64_t md_fold_address(const struct minidump_target *mt, uint64_t addr)
{
    if (mt->base.pointer_size == 4 && (addr >> 31) == 0x1FFFFFFFFull)
        return addr & 0xFFFFFFFFull;
    return addr;
}

/* ---- what each file provides --------------------------------------------- */

/* minidump_text.c */
void md_note(struct minidump_target *mt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Convert n UTF-16LE units at p to NUL-terminated UTF-8 (unpaired
   surrogates become U+FFFD; conversion stops at a NUL unit). Returns a
   malloc'd string, NULL when out of memory. */
char *md_utf16_to_utf8(const uint8_t *p, size_t units);
/* The MINIDUMP_STRING at rva: *units its UTF-16 length and *data its first
   unit. S_OK, or E_FAIL with *why set when it is not wholly in the file or
   longer than MD_MAX_STRING_BYTES. */
HRESULT md_string_at(const struct minidump_target *mt, uint32_t rva, const uint8_t **data,
                     size_t *units, const char **why);

/* minidump_memory.c */
HRESULT md_index_memory(struct minidump_target *mt, const struct md_stream *memory_list,
                        const struct md_stream *memory64_list,
                        const struct md_stream *thread_list);
HRESULT md_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done);
HRESULT md_write(ds_target *t, uint64_t addr, const void *buf, size_t size, size_t *done);
HRESULT md_next_readable(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size);
/* The bytes at addr where they sit in the mapped file, *avail of them (up
   to the end of their range): searches scan them in place. */
const void *md_peek(ds_target *t, uint64_t addr, size_t *avail);
/* Entries of a list stream with a 32-bit count (MINIDUMP_MEMORY_LIST,
   _THREAD_LIST, _MODULE_LIST) that the stream really holds: the declared
   count, cut (with a note) to what fits. *first = offset of the first
   entry in the stream: 4, or 8 when the writer put 4 padding bytes after
   the count (stream size = 8 + count * entry, as some Breakpad writers do).
   `what` names the stream in the note; NULL: no note (counted before). */
uint32_t md_list_count(struct minidump_target *mt, const struct md_stream *s, uint32_t entry,
                       const char *what, uint32_t *first);

/* minidump_streams.c */
HRESULT md_read_system_info(struct minidump_target *mt, const struct md_stream *s);
/* The thread ids of ThreadListStream, else of ThreadExListStream (see
   minidump_streams.c); either may be absent (present == false). */
HRESULT md_read_threads(struct minidump_target *mt, const struct md_stream *list,
                        const struct md_stream *ex_list);
HRESULT md_read_modules(struct minidump_target *mt, const struct md_stream *s);
/* The thread_context op: the thread's CONTEXT record, copied. */
HRESULT md_thread_context(ds_target *t, uint32_t tid, void *ctx, uint32_t size);
void md_read_pid(struct minidump_target *mt, const struct md_stream *misc,
                 const struct md_stream *proc_status);

/* minidump_arm64.c: Breakpad's old ARM64 context (MDRawContextARM64_Old,
   796 bytes) told apart from Windows' CONTEXT and converted to it. */
#define MD_ARM64_OLD_CONTEXT_SIZE 796u
bool md_arm64_context_is_old(const uint8_t *rec, uint32_t size);
void md_arm64_context_from_old(const uint8_t *rec, uint32_t size, DS_ARM64_CONTEXT *out);

/* minidump_regions.c */
HRESULT md_build_regions(struct minidump_target *mt, const struct md_stream *memory_info,
                         const struct md_stream *linux_maps);
HRESULT md_query(ds_target *t, uint64_t addr, struct ds_region *out);

/* minidump_handles.c */
void md_index_handles(struct minidump_target *mt, const struct md_stream *s);
HRESULT md_read_handle_data(ds_target *t, uint64_t handle, uint32_t data_type, void *buf,
                            uint32_t size, uint32_t *data_size);


#endif /* DS_MINIDUMP_INTERNAL_H */
