/*
 * minidump_builder.h — minidumps the tests make themselves, byte by byte,
 * so that every test of the minidump backend runs on a fresh clone and
 * checks against a truth it knows.
 *
 * Two layers:
 *
 *  - struct builder and b_*(): a growing little-endian buffer with a
 *    MINIDUMP_HEADER and directory, for the hand-made and hostile files
 *    (fields at chosen offsets, counts that lie, strings that run off).
 *
 *  - struct mdb and mdb_*(): a model of a process (system info, threads
 *    with their CONTEXTs, modules with CodeView records, memory, memory
 *    info, handles, unloaded modules, misc info, Breakpad's Linux streams)
 *    written out as a well-formed dump the way dbghelp, Breakpad, Crashpad
 *    or Wine lay one out. The model is the truth: mdb_truth_read() says
 *    what a read of the built file must give, byte for byte, including a
 *    dump cut short by mdb_cut().
 *
 * The layouts are the public ones of minidumpapiset.h (MINIDUMP_*) and
 * Breakpad's minidump_format.h (the 0x4767xxxx streams, platform ids).
 */
#ifndef DS_MINIDUMP_BUILDER_H
#define DS_MINIDUMP_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataspaces/dataspaces.h"

/* ---- stream types, processor architectures, platforms -------------------- */

enum {
    MDB_THREAD_LIST = 3,
    MDB_MODULE_LIST = 4,
    MDB_MEMORY_LIST = 5,
    MDB_EXCEPTION = 6,
    MDB_SYSTEM_INFO = 7,
    MDB_THREAD_EX_LIST = 8,
    MDB_MEMORY64_LIST = 9,
    MDB_HANDLE_DATA = 12,
    MDB_UNLOADED_MODULE_LIST = 14,
    MDB_MISC_INFO = 15,
    MDB_MEMORY_INFO_LIST = 16,
    MDB_THREAD_NAMES = 24,
    MDB_LINUX_CPU_INFO = 0x47670003,
    MDB_LINUX_PROC_STATUS = 0x47670004,
    MDB_LINUX_LSB_RELEASE = 0x47670005,
    MDB_LINUX_CMD_LINE = 0x47670006,
    MDB_LINUX_ENVIRON = 0x47670007,
    MDB_LINUX_AUXV = 0x47670008,
    MDB_LINUX_MAPS = 0x47670009,
};

enum {
    MDB_ARCH_X86 = 0,         /* PROCESSOR_ARCHITECTURE_INTEL */
    MDB_ARCH_ARM = 5,
    MDB_ARCH_AMD64 = 9,
    MDB_ARCH_ARM64 = 12,
    MDB_ARCH_ARM64_OLD = 0x8003,  /* Breakpad's ARM64 id before Windows had one */
};

enum {
    MDB_OS_WINDOWS = 2,       /* VER_PLATFORM_WIN32_NT */
    MDB_OS_MACOS = 0x8101,
    MDB_OS_IOS = 0x8102,
    MDB_OS_LINUX = 0x8201,
    MDB_OS_ANDROID = 0x8203,
};

/* ---- the byte layer --------------------------------------------------------- */

struct builder {
    uint8_t *p;
    size_t n;
    uint32_t nstreams;
};

/* n zero bytes at the end; returns their offset. */
uint32_t b_alloc(struct builder *b, size_t n);
void b_u16(struct builder *b, uint32_t off, uint16_t v);
void b_u32(struct builder *b, uint32_t off, uint32_t v);
void b_u64(struct builder *b, uint32_t off, uint64_t v);
/* Header and a directory of `slots` entries; b_stream fills them in order. */
void b_start(struct builder *b, uint32_t slots);
void b_stream(struct builder *b, uint32_t type, uint32_t rva, uint32_t size);
uint32_t b_bytes(struct builder *b, const void *data, size_t n);
/* A MINIDUMP_STRING of UTF-8 text (BMP only), NUL unit included. */
uint32_t b_string(struct builder *b, const char *utf8);
/* A 56-byte SystemInfoStream naming only the architecture. */
void b_system_info(struct builder *b, uint16_t arch);
/* ds_minidump_open over the buffer (borrowed); fails the test unless S_OK. */
ds_target *b_open(struct builder *b);

struct mem_desc {
    uint64_t start;
    uint32_t size;
    uint8_t fill;
};
/* A MemoryListStream of the given ranges, each filled with its byte;
   `padded` puts Breakpad's 4 padding bytes after the count. */
void b_memory_list(struct builder *b, const struct mem_desc *d, uint32_t n, bool padded);

/* ---- the model ----------------------------------------------------------- */

/* Where a range's bytes are listed. */
enum mdb_list {
    MDB_IN_LIST32,   /* MemoryListStream (MiniDumpNormal, Breakpad, Crashpad) */
    MDB_IN_LIST64,   /* Memory64ListStream (MiniDumpWithFullMemory) */
    MDB_IN_THREAD,   /* only a thread's Stack descriptor points at them */
};

struct mdb_range {
    uint64_t start;
    uint32_t size;
    uint8_t *data;         /* size bytes, owned */
    enum mdb_list list;
    uint64_t rva;          /* where mdb_build put the bytes */
};

struct mdb_thread {
    uint32_t tid, suspend_count, priority_class, priority;
    uint64_t teb;
    uint64_t stack_start;  /* a range of the model (its bytes), or 0 */
    uint32_t stack_size;
    uint64_t pc, sp;       /* written into the architecture's CONTEXT */
    const void *context;   /* else this record, written as is (context_size bytes) */
    uint32_t context_size;
    const char *name;      /* ThreadNamesStream (NULL: none) */
};

struct mdb_module {
    uint64_t base;
    uint32_t size, checksum, timestamp;
    const char *name;
    const char *pdb;       /* an RSDS CodeView record naming it (NULL: none) */
    uint8_t guid[16];
    uint32_t age;
};

struct mdb_meminfo {
    uint64_t base, allocation_base;
    uint32_t allocation_protect;
    uint64_t size;
    uint32_t state, protect, type;
};

struct mdb_handle {
    uint64_t handle;
    const char *type_name, *object_name;  /* NULL: RVA 0 (none) */
    uint32_t attributes, granted_access, handle_count, pointer_count;
};

struct mdb_stream {
    uint32_t type;
    const void *data;
    uint32_t size;
};

#define MDB_MAX_THREADS 64
#define MDB_MAX_MODULES 64
#define MDB_MAX_MEMINFO 256
#define MDB_MAX_HANDLES 64
#define MDB_MAX_STREAMS 16

struct mdb {
    /* SystemInfoStream */
    uint16_t arch;
    uint32_t platform;
    uint8_t product_type;   /* VER_NT_WORKSTATION 1 */
    uint16_t suite_mask;
    uint32_t major, minor, build;
    const char *csd_version;

    /* every range, sorted by start and disjoint (mdb_memory checks) */
    struct mdb_range *ranges;
    size_t nranges, range_cap;

    struct mdb_thread threads[MDB_MAX_THREADS];
    size_t nthreads;
    bool thread_ex;          /* ThreadExListStream instead of ThreadListStream */

    struct mdb_module modules[MDB_MAX_MODULES];
    size_t nmodules;
    struct mdb_module unloaded[MDB_MAX_MODULES];
    size_t nunloaded;

    struct mdb_meminfo meminfo[MDB_MAX_MEMINFO];
    size_t nmeminfo;

    struct mdb_handle handles[MDB_MAX_HANDLES];
    size_t nhandles;
    uint32_t handle_descriptor_size;  /* 32 (MINIDUMP_HANDLE_DESCRIPTOR) or 40 (_2) */
    bool handle_stream;               /* write one even with no handle */

    uint32_t pid;            /* MiscInfoStream (0: no such stream) */
    const char *linux_maps;  /* Breakpad's /proc/PID/maps copy (NULL: none) */
    const char *linux_status;

    /* Breakpad's macOS writer: 4 padding bytes after the 32-bit count of
       the thread, module and memory lists. */
    bool padded_lists;

    struct mdb_stream extra[MDB_MAX_STREAMS];  /* written as given */
    size_t nextra;

    /* What mdb_build made. */
    struct builder out;
    size_t file_size;        /* after mdb_cut */
    char path[64];           /* mdb_write_file's file, "" before */
};

/* An empty process of this architecture and platform. */
void mdb_init(struct mdb *m, uint16_t arch, uint32_t platform);
void mdb_free(struct mdb *m);  /* also removes mdb_write_file's file */

/* A range of `size` bytes at start (a copy of data; NULL: zeros), listed
   in `list`. Returns its bytes, for the caller to fill. */
uint8_t *mdb_memory(struct mdb *m, uint64_t start, uint32_t size, const void *data,
                    enum mdb_list list);
/* The same, each byte from mdb_pattern(start + i, seed). */
uint8_t *mdb_memory_pattern(struct mdb *m, uint64_t start, uint32_t size, uint32_t seed,
                            enum mdb_list list);
/* A byte no neighbour shares by accident: a hash of address and seed. */
uint8_t mdb_pattern(uint64_t addr, uint32_t seed);

/* The last thread, module... added, for the caller to fill further. */
struct mdb_thread *mdb_thread(struct mdb *m, uint32_t tid, uint64_t stack_start,
                              uint32_t stack_size);
struct mdb_module *mdb_module(struct mdb *m, uint64_t base, uint32_t size, const char *name);
struct mdb_module *mdb_unloaded(struct mdb *m, uint64_t base, uint32_t size, const char *name);
void mdb_meminfo(struct mdb *m, uint64_t base, uint64_t size, uint64_t allocation_base,
                 uint32_t allocation_protect, uint32_t state, uint32_t protect, uint32_t type);
struct mdb_handle *mdb_handle(struct mdb *m, uint64_t handle, const char *type_name,
                              const char *object_name);
void mdb_stream(struct mdb *m, uint32_t type, const void *data, uint32_t size);

/* Valid PE headers (PE32 on 4-byte architectures, PE32+ otherwise) at the
   start of the module's image, in a range of `size` bytes at its base. */
void mdb_pe_image(struct mdb *m, const struct mdb_module *mod, uint32_t size,
                  enum mdb_list list);

/* Lay the dump out in m->out (any earlier build is dropped). */
void mdb_build(struct mdb *m);
/* Cut the built dump to `size` bytes, as a crash or a copy can. */
void mdb_cut(struct mdb *m, size_t size);
/* Write the built dump to a fresh temporary file; returns its path. */
const char *mdb_write_file(struct mdb *m);
/* Build, write, ds_open_dump(flags): fails the test unless S_OK. */
ds_target *mdb_open(struct mdb *m, unsigned flags);
/* The same without building again (after patching m->out by hand). */
ds_target *mdb_open_as_is(struct mdb *m, unsigned flags);
/* Where the built dump's stream of this type is (0: none), and its size. */
uint32_t mdb_stream_rva(const struct mdb *m, uint32_t type, uint32_t *size);

/* ---- the truth ------------------------------------------------------------ */

/* 4 or 8, as the architecture says. */
uint32_t mdb_pointer_size(const struct mdb *m);
/* IMAGE_FILE_MACHINE_* of the architecture. */
uint32_t mdb_machine(const struct mdb *m);
/* How many of a range's bytes the built (and cut) file holds. */
uint64_t mdb_present(const struct mdb *m, const struct mdb_range *r);
/* What ds_read_virtual(addr, size) must give: the bytes the file holds from
   addr on through touching ranges, into buf; returns how many. */
size_t mdb_truth_read(const struct mdb *m, uint64_t addr, void *buf, size_t size);
/* The range holding addr (whether or not its byte is in the file), or NULL. */
const struct mdb_range *mdb_range_at(const struct mdb *m, uint64_t addr);

/* ---- ready-made processes (minidump_scenes.c) --------------------------- */

/* Each initialises the model and fills it after a kind of dump met in the
   wild (minidump_scenes.c says which, and what each holds); free it with
   mdb_free. */
void mdb_scene_windows_x86(struct mdb *m);      /* dbghelp, 32-bit, MemoryList */
void mdb_scene_windows_x64_info(struct mdb *m); /* MemoryInfoList, handles, unloaded */
void mdb_scene_windows_x64_full(struct mdb *m); /* full memory: Memory64List */
void mdb_scene_windows_x64_normal(struct mdb *m); /* 3000 tiny ranges */
void mdb_scene_linux_x64(struct mdb *m);        /* Breakpad on Linux: maps, status */
void mdb_scene_macos_padded(struct mdb *m);     /* Breakpad on macOS: padded lists */
void mdb_scene_windows_arm64(struct mdb *m);    /* ARM64, MemoryInfoList */
void mdb_scene_old_arm64(struct mdb *m);        /* Breakpad's 0x8003, Memory64 only */
void mdb_scene_windows_arm(struct mdb *m);      /* 32-bit ARM, sign-extended addresses */
/* Full memory cut short in its Memory64 data, one module name damaged;
   built and cut already (open it with mdb_open_as_is). */
void mdb_scene_cut_short(struct mdb *m);

struct mdb_scene {
    const char *name;
    void (*make)(struct mdb *m);
    bool built;  /* make() built (and altered) the dump: use mdb_open_as_is */
};
extern const struct mdb_scene mdb_scenes[];
extern const size_t mdb_nscenes;

/* The full-memory scene's marked region (after Wine's test program): the
   marker, then byte i = (i * 7 + (i >> 8)) & 0xff; a copy of the marker
   lies on the thread's stack below it. */
#define MDB_MARKER "MDMP-TRUTH-MARKER-0123456789ABCDEF"
#define MDB_MARKER_REGION 0x20000000ull
#define MDB_MARKER_SIZE 0x20000u
#define MDB_MARKER_COPY 0x30fd90ull
#define MDB_IMAGE_PATH "Z:\\tmp\\winedump\\targetA.exe"
uint8_t mdb_marker_byte(uint64_t i);

#endif /* DS_MINIDUMP_BUILDER_H */
