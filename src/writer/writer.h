/*
 * writer.h — what the dump writers share (src/writer/):
 *
 *   dump_write.c        ds_write_dump: the checks, the format's writer
 *   dump_out.c          the output file: a temporary name beside the
 *                       requested one, positioned writes, the progress
 *                       callback, rename into place or removal
 *   dump_facts.c        what both formats take from any target: readable
 *                       runs, thread stacks and stack pointers
 *   dump_ranges.c       what a small minidump keeps (stacks, referenced memory)
 *   dump_buildid.c      a module's GNU build-id, read from the target
 *   minidump_writer.c   MINIDUMP streams
 *   elfcore_writer.c    ET_CORE: PT_LOADs and notes
 *
 * Writers go through the backend's ops (never through the public methods,
 * whose guard the caller already holds) and stream memory in chunks.
 */
#ifndef DS_WRITER_H
#define DS_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../target.h"

#ifndef ERROR_FILE_EXISTS
#define ERROR_FILE_EXISTS 80
#endif
#ifndef ERROR_DISK_FULL
#define ERROR_DISK_FULL 112
#endif

/* Memory is copied through a buffer of this size. */
#define DS_DUMP_CHUNK (1u << 20)
/* Bound on the readable runs listed (a process has at most 65530 maps by
   default; a run may be split at most a few times). */
#define DS_DUMP_MAX_RUNS (1u << 20)
/* Bytes of a thread's stack a stack-only minidump keeps, from below its
   stack pointer (the x86-64 red zone) up. */
#define DS_DUMP_STACK_MAX (1u << 20)
#define DS_DUMP_RED_ZONE 128u
/* Bound on all the stacks' bytes together (they are laid out in memory
   before the file is written). */
#define DS_DUMP_STACKS_TOTAL_MAX (256ull << 20)

/* ---- dump_out.c ------------------------------------------------------------ */

struct dump_out {
    ds_target *t;
    const char *path;       /* the name asked for */
    char *tmp_path;         /* where it is written until whole */
    int fd;
    uint64_t mem_total, mem_done;  /* for the progress callback */
    ds_dump_progress_fn progress;
    void *progress_ctx;
};

/* Create the temporary file beside path (refusing an existing path when
   no_overwrite). */
HRESULT dump_out_open(struct dump_out *o, ds_target *t, const char *path, bool no_overwrite,
                      ds_dump_progress_fn progress, void *ctx);
/* Write n bytes at file offset off; a full disk is ERROR_DISK_FULL. */
HRESULT dump_out_pwrite(struct dump_out *o, const void *buf, size_t n, uint64_t off);
/* Copy target memory [addr, addr + size) to file offset off, chunk by
   chunk, counting it for the progress callback; bytes the target cannot
   supply after all are written as zeros (counted in *zeroed). */
HRESULT dump_out_memory(struct dump_out *o, uint64_t addr, uint64_t size, uint64_t off,
                        uint8_t *chunk, uint64_t *zeroed);
/* Close and rename into place (commit) or remove (abort). */
HRESULT dump_out_commit(struct dump_out *o);
void dump_out_abort(struct dump_out *o);

/* A growable byte buffer that becomes a part of the file at `base`. */
struct dump_blob {
    uint8_t *p;
    size_t len, cap;
    uint64_t base;   /* file offset of p[0] */
    bool failed;     /* out of memory: every later append is dropped */
};
/* Append n bytes (NULL: zeros) aligned to `align`; returns their file
   offset. */
uint64_t blob_add(struct dump_blob *b, const void *data, size_t n, size_t align);
void blob_put32(struct dump_blob *b, uint64_t file_off, uint32_t v);
void blob_put64(struct dump_blob *b, uint64_t file_off, uint64_t v);
void blob_put16(struct dump_blob *b, uint64_t file_off, uint16_t v);

/* ---- dump_facts.c ---------------------------------------------------------- */

struct dump_run {
    uint64_t start, size;
};
/* Every run of readable bytes, in address order: *runs malloc'd. */
HRESULT dump_readable_runs(ds_target *t, struct dump_run **runs, size_t *n);

/* One thread: its CONTEXT (when the target has one) and stack range. */
struct dump_thread {
    uint32_t tid;
    bool have_context;
    _Alignas(16) uint8_t context[DS_CONTEXT_AMD64_SIZE];  /* the largest of the three */
    uint32_t context_size;
    uint64_t sp;
    uint64_t stack_start, stack_size;        /* 0 size: none */
};
/* The threads of t, their contexts and stacks (stack_size limited to
   DS_DUMP_STACK_MAX). Threads whose registers cannot be read are kept
   without a context. */
HRESULT dump_threads(ds_target *t, struct dump_thread **threads, size_t *n);
/* dump_buildid.c: the ELF GNU build-id of the image at base, read
   through the target; 0 when there is none. */
uint32_t dump_build_id(ds_target *t, uint64_t base, uint8_t *id, uint32_t cap);
/* The stack or program counter of a CONTEXT record of t's machine. */
uint64_t dump_context_sp(const ds_target *t, const uint8_t *context);

/* ---- dump_ranges.c --------------------------------------------------------- */

struct dump_range {
    uint64_t start, size;
    uint64_t rva;  /* where the writer put its bytes */
};
/* What a small minidump keeps: the threads' stacks and, when indirect,
   windows around the readable addresses their stacks and registers hold;
   sorted, merged (*out malloc'd). */
HRESULT dump_small_ranges(ds_target *t, const struct dump_thread *th, size_t n, bool indirect,
                          struct dump_range **out, size_t *nout);

/* ---- the formats ----------------------------------------------------------- */

HRESULT minidump_write(struct dump_out *o, uint32_t flags, const char *comment);
HRESULT elfcore_write(struct dump_out *o, uint32_t flags);

#endif /* DS_WRITER_H */
