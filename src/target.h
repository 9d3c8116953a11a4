/*
 * target.h — what every layer below the public API shares: the target
 * object, the backend operations table, and the error helpers.
 *
 * Backends live in src/backend/, one file each, and fill one
 * `static const struct ds_backend_ops`. A backend's own state embeds
 * `struct ds_target` as its first member (libgit2's pattern), so the
 * target pointer the ops receive can be cast to the backend's struct.
 */
#ifndef DS_TARGET_H
#define DS_TARGET_H

#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataspaces/dataspaces.h"
#include "cache.h"

/* One mapped or described region of a target's address space. */
struct ds_region {
    uint64_t base;               /* first byte */
    uint64_t size;               /* bytes; never 0 */
    uint64_t allocation_base;    /* MEMORY_BASIC_INFORMATION64.AllocationBase */
    uint32_t allocation_protect; /* PAGE_* at allocation time */
    uint32_t state;              /* MEM_COMMIT or MEM_RESERVE; MEM_FREE only for
                                    free memory above the last region that the
                                    target describes itself (a minidump's
                                    MemoryInfoList), so query can end there */
    uint32_t protect;            /* PAGE_* now */
    uint32_t type;               /* MEM_IMAGE, MEM_MAPPED or MEM_PRIVATE */
    const char *name;            /* mapped file or [stack]...; NULL if none.
                                    Valid until the next call into the backend. */
    uint64_t gap_base;           /* when the query address lies below `base`
                                    (in a gap): where the gap starts, i.e. the
                                    end of the region below it, 0 if none */
};

#define DS_BACKEND_OPS_VERSION 1

/*
 * The operations a kind of target supplies. Only `read` and `close` are
 * mandatory; a NULL slot means "this target has no such thing", and the
 * semantics layer answers E_NOTIMPL (or derives the answer, where said).
 * The table only ever grows at its end; `version` says how far it goes
 * (the mandatory slots come first, so that order never has to change).
 *
 * Every op that fails sets the target's error text (ds_fail) before
 * returning the HRESULT. Ops are only ever called from the thread that
 * called the public method (a search's helper thread scans buffers and
 * never calls a backend), one call at a time (DS_REQUIRE_TARGET), so a
 * backend needs no locks.
 */
struct ds_backend_ops {
    int version;        /* DS_BACKEND_OPS_VERSION when written */
    const char *name;   /* "live", "elfcore", "minidump", "gdbremote" */

    /* Copy up to size bytes at addr into buf; *done = bytes copied, always a
       prefix. When *done < size, the byte at addr + *done is one the target
       cannot supply: the backend never stops short for any other reason, so
       callers need not loop. Returns S_OK when *done > 0, else the reason
       nothing was read (HRESULT_FROM_WIN32(ERROR_READ_FAULT) for memory the
       target does not have). The range never wraps past 2^64. */
    HRESULT (*read)(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done);

    /* Release everything the backend holds, including t itself. */
    void (*close)(ds_target *t);

    /* ---- optional from here on: NULL means "no such thing" ---- */

    /* As read, for writing. NULL: the target is read-only. */
    HRESULT (*write)(ds_target *t, uint64_t addr, const void *buf, size_t size, size_t *done);

    /* The region containing addr, or failing that the lowest region above
       it with gap_base set. S_FALSE when there is no region at or above
       addr. NULL: the target cannot describe its address space. */
    HRESULT (*query)(ds_target *t, uint64_t addr, struct ds_region *out);

    /* The first run of bytes at or above addr that read() can supply:
       [*start, *start + *size). S_FALSE when there is none. Runs may be
       reported in adjacent pieces. NULL: derived from query() (committed
       regions whose protection allows reading). */
    HRESULT (*next_readable)(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size);

    /* DEBUG_VSOURCE_* for the readable byte at addr. NULL: every readable
       byte comes from t->default_vsource. */
    uint32_t (*virtual_source)(ds_target *t, uint64_t addr);

    /* Physical memory, where the target has it. */
    HRESULT (*read_physical)(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done);
    HRESULT (*write_physical)(ds_target *t, uint64_t addr, const void *buf, size_t size,
                              size_t *done);
    /* Translate va: *pa, and up to max_levels physical addresses of the
       translation entries walked (page-table entries), *levels their count. */
    HRESULT (*virtual_to_physical)(ds_target *t, uint64_t va, uint64_t *pa, uint64_t *level_pa,
                                   uint32_t max_levels, uint32_t *levels);

    /* ReadHandleData: fill buf as dbgeng does for data_type; *data_size =
       bytes the full answer needs. */
    HRESULT (*read_handle_data)(ds_target *t, uint64_t handle, uint32_t data_type, void *buf,
                                uint32_t size, uint32_t *data_size);

    /* Tagged data blocks: the index-th block's tag and size (S_FALSE past
       the last), and a read of one block from offset. */
    HRESULT (*tagged_entry)(ds_target *t, uint32_t index, GUID *tag, uint32_t *size);
    HRESULT (*read_tagged)(ds_target *t, const GUID *tag, uint32_t offset, void *buf,
                           uint32_t size, uint32_t *total_size);

    /* Where to look for the files behind file-backed regions whose bytes the
       dump lacks (a colon-separated list of directories; NULL clears it).
       Only images whose build-id matches are used. */
    HRESULT (*set_image_path)(ds_target *t, const char *path);

    /* The target's bytes at addr where they already sit in our memory (a
       mapped dump file): a pointer valid until close, *avail bytes of it
       readable and contiguous. NULL when addr is not held that way. Lets
       searches and string scans work in place instead of copying. */
    const void *(*peek)(ds_target *t, uint64_t addr, size_t *avail);

    /* Find pattern in [addr, addr + size) on the target's side (a GDB
       server's qSearch:memory), the range being one readable run: S_OK
       with *match the lowest match, S_FALSE when there is none, E_NOTIMPL
       when the target cannot search this (the caller reads and scans
       instead), any other failure with the sentence set (the caller may
       still read and scan). NULL: the target has no search of its own. */
    HRESULT (*search)(ds_target *t, uint64_t addr, uint64_t size, const void *pattern,
                      size_t pattern_size, uint64_t *match);
    /* The registers of thread tid as the CONTEXT record of t->machine
       (dataspaces/context.h), into ctx: `size` bytes (that record's size),
       already zeroed. tid is one of t->thread_ids. The backend sets
       ContextFlags to the parts it filled. NULL: the target has no
       registers (E_NOTIMPL). */
    HRESULT (*thread_context)(ds_target *t, uint32_t tid, void *ctx, uint32_t size);
};

struct ds_module {
    uint64_t base;
    uint64_t size;
    char *name;  /* owned by the target; may be NULL */
};

struct ds_target {
    const struct ds_backend_ops *ops;
    uint32_t pointer_size;     /* 4 or 8 */
    uint32_t machine;          /* IMAGE_FILE_MACHINE_* */
    uint32_t page_size;
    uint32_t pid;
    uint32_t default_vsource;  /* DEBUG_VSOURCE_* of readable bytes */
    bool read_only;            /* writes refused with the "read-only" sentence */
    bool big_endian;           /* the target's byte order (s390x, ppc cores) */
    /* Two addresses may share one byte (a dump's ranges that overlap in
       its file, a file mapped twice with one mapping shared): a write
       then drops the whole cache instead of updating the lines it wrote. */
    bool memory_aliased;
    /* Validity is tracked page by page (a live process): the next
       differently valid offset is the next page, as dbgeng answers. */
    bool validity_by_page;
    /* Set by the SIGBUS handler when the target's file was cut short
       while open (mapguard.h); never cleared. */
    volatile sig_atomic_t file_shrank;
    /* What a Windows minidump's SystemInfoStream says of the system the
       process ran on (ReadDebuggerData). `known` is false on every other
       target: a Linux process has no KUSER_SHARED_DATA. */
    struct {
        bool known;
        uint32_t product_type;  /* VER_NT_* */
        uint32_t suite_mask;    /* VER_SUITE_* */
    } windows;
    /* The process behind the target has exited: set by the backend when
       it finds out, never cleared. Every method then fails at its entry
       with E_UNEXPECTED (DS_REQUIRE_TARGET), before any remembered answer
       (a cached line, a stopped process's map) could be given. */
    bool gone;
    /* One call at a time (DS_REQUIRE_TARGET): 0 no call in progress, 1 a
       call in progress, 2 a call in progress and maybe threads waiting. */
    _Atomic unsigned busy;
    /* The thread holding it (&ds_this_thread of that thread), 0 if none. */
    _Atomic uintptr_t holder;
    /* Counts the calls entered (under the guard): lets a backend do a
       check once per call rather than once per op (live.c's exit check). */
    uint32_t call_serial;

    uint32_t *thread_ids;      /* owned; filled by the backend at open */
    uint32_t thread_count;
    /* What a Windows minidump records of each thread beyond its id (its
       TEB, its suspend count), parallel to thread_ids; NULL when the
       backend records none (ds_get_thread_data answers E_NOTIMPL). */
    struct ds_thread_data *thread_data;
    uint32_t thread_data_capacity;
    struct ds_module *modules; /* owned; filled by the backend at open */
    uint32_t module_count;

    struct ds_cache cache;
    char notes[1024];          /* what open ignored in a damaged file, "; "-separated */
    char where[320];           /* "process 1234", "dump file /x.dmp": for
                                  sentences written above the backend */
    char error[512];
};

/* A stretch [lo, hi) of some backing store (a file), for ds_ranges_alias.
   key tells stores apart (0 for a dump's own file; device and inode for a
   live process's mapped files); shared: writes through it reach the store. */
struct ds_backing_range {
    uint64_t key_dev, key_inode;
    uint64_t lo, hi;
    bool shared;
};
/* Whether two of the n ranges overlap in one store, at least one of them
   shared. Sorts v. */
bool ds_ranges_alias(struct ds_backing_range *v, size_t n);
/* The same over ranges a backend describes one at a time: range(ctx, i,
   &r) fills r for its i-th item (i < n), or returns false to leave it out.
   true when the list cannot be built (out of memory): the safe answer. */
bool ds_backing_alias(size_t n, bool (*range)(const void *ctx, size_t i,
                                              struct ds_backing_range *r),
                      const void *ctx);

/* Initialise the common part of a backend's freshly allocated target. */
void ds_target_init(ds_target *t, const struct ds_backend_ops *ops);
/* Free what ds_target_init and the common fields own (not t itself). */
void ds_target_release(ds_target *t);

/* Record the sentence behind a failure and return hr, so that failing code
   reads `return ds_fail(t, E_INVALIDARG, "…%s", …);`. With t NULL the
   sentence goes to the opener error of this thread. */
HRESULT ds_fail(const ds_target *t, HRESULT hr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same, appending ": strerror(err)". */
HRESULT ds_fail_errno(const ds_target *t, HRESULT hr, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Add a note about a part of the input that open ignored (ds_open_notes).
   Notes past the buffer's end are dropped, marked by a final "...". */
void ds_target_note(ds_target *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ds_target_vnote(ds_target *t, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* A new call begins: the sentence of an earlier one no longer applies
   (docs/api.md, Errors). The check first, so that a call after a success
   writes nothing. Targets are never const objects, only const views. */
static inline void ds_clear_error(const ds_target *t)
{
    if (t->error[0])
        ((ds_target *)t)->error[0] = '\0';
}

/*
 * Every public method's first check, and the guard that serializes calls:
 *
 *     DS_REQUIRE_TARGET(t);           or    DS_REQUIRE_TARGET_AT(t, Offset);
 *     (in a helper of several methods: DS_REQUIRE_TARGET_AS[_AT](t, method, ...))
 *
 * A NULL target is E_INVALIDARG (its sentence goes where
 * ds_error_text(NULL) finds it). Otherwise the call waits until no other
 * thread is inside a method of t, and holds t until the function returns,
 * by whatever return: the guard is a local variable whose cleanup
 * (__attribute__((cleanup)), GCC and Clang) leaves the call, so no return
 * path can forget it. The uncontended cost is one compare-and-swap and one
 * store. Once the call holds t, the sentence an earlier call left is
 * cleared (docs/api.md, Errors). A target whose process is gone then
 * fails with E_UNEXPECTED and a sentence naming the method (and the
 * address asked about, with _AT).
 *
 * Use it once, at the top of the function that does the whole call (the
 * compiler refuses a second one in the same scope); helpers below it
 * assume the caller holds the target. A method that calls another on the
 * same thread (not done today, but harmless) does not wait for itself: the
 * holder is recorded, and the inner call goes on without taking the guard.
 */
struct ds_call {
    ds_target *t; /* held by this call; NULL: nothing to leave */
};

/* This thread, as the guard records its holder: the address of a
   thread-local byte (initial-exec: no call to __tls_get_addr). */
extern _Thread_local char ds_this_thread __attribute__((tls_model("initial-exec")));

/* The slow halves, out of line (target.c): wait for the call in progress
   (false: this thread is the one making it); wake a waiter; the gone
   sentence. */
bool ds_call_wait(ds_target *t);
void ds_call_wake(ds_target *t);
HRESULT ds_fail_gone(ds_target *t, const char *method, bool has_addr, uint64_t addr);

/* Enter a call on t: true when this call now holds it, false when this
   thread already did (a call nested in another). */
static inline bool ds_call_enter(ds_target *t)
{
    unsigned idle = 0;
    if (__builtin_expect(!atomic_compare_exchange_strong_explicit(
                             &t->busy, &idle, 1, memory_order_acquire, memory_order_relaxed),
                         0) &&
        !ds_call_wait(t))
        return false;
    atomic_store_explicit(&t->holder, (uintptr_t)&ds_this_thread, memory_order_relaxed);
    t->call_serial++;
    return true;
}

static inline void ds_call_leave(struct ds_call *call)
{
    ds_target *t = call->t;
    if (!t)
        return;
    /* The holder is cleared before the release, so that a thread reading
       its own mark there always holds the target. Then a plain release
       store, not an exchange: a waiter that marks the word between this
       load and the store sleeps at most ds_call_wait's short timeout
       instead of being woken, which keeps the common path cheap. */
    atomic_store_explicit(&t->holder, 0, memory_order_relaxed);
    unsigned state = atomic_load_explicit(&t->busy, memory_order_relaxed);
    atomic_store_explicit(&t->busy, 0, memory_order_release);
    if (__builtin_expect(state == 2, 0))
        ds_call_wake(t);
}

#define DS_ENTER_TARGET_(target_, method_, has_addr_, addr_)                               \
    __attribute__((cleanup(ds_call_leave))) struct ds_call ds_call_ = { NULL };            \
    do {                                                                                   \
        if (!(target_))                                                                    \
            return ds_fail(NULL, E_INVALIDARG, "%s: the target is NULL", (method_));       \
        if (ds_call_enter((ds_target *)(target_)))                                         \
            ds_call_.t = (ds_target *)(target_);                                           \
        ds_clear_error(target_);                                                           \
        if (__builtin_expect((target_)->gone, 0))                                          \
            return ds_fail_gone((ds_target *)(target_), (method_), (has_addr_), (addr_));  \
    } while (0)

#define DS_REQUIRE_TARGET(target_) DS_ENTER_TARGET_((target_), __func__, false, 0)
#define DS_REQUIRE_TARGET_AT(target_, addr_)                                               \
    DS_ENTER_TARGET_((target_), __func__, true, (uint64_t)(addr_))
/* The same in a helper that several methods share: the sentence names
   `method` (dbgeng's name, "ReadVirtual") instead of the helper. */
#define DS_REQUIRE_TARGET_AS(target_, method_) DS_ENTER_TARGET_((target_), (method_), false, 0)
#define DS_REQUIRE_TARGET_AS_AT(target_, method_, addr_)                                   \
    DS_ENTER_TARGET_((target_), (method_), true, (uint64_t)(addr_))

/* PAGE_* for a mapping with these permissions. `cow` is a private (copy on
   write) file mapping: writable ones become PAGE_WRITECOPY. */
uint32_t ds_protect_from_perms(bool r, bool w, bool x, bool cow);
/* Whether memory with this PAGE_* value can be read / written. */
bool ds_protect_readable(uint32_t protect);
bool ds_protect_writable(uint32_t protect);

/* ReadHandleData's answers, the same for every backend
   (src/handle_answers.c): a fixed-size struct or count, a narrow name, a
   wide name from UTF-16LE bytes. */
HRESULT ds_answer_fixed(ds_target *t, const void *answer, uint32_t n, const char *what,
                        void *buf, uint32_t size, uint32_t *data_size);
HRESULT ds_answer_narrow(const char *s, void *buf, uint32_t size, uint32_t *data_size);
HRESULT ds_answer_wide(const uint8_t *utf16le, size_t units, void *buf, uint32_t size,
                       uint32_t *data_size);

/* Append a thread id or a module to the target's lists. */
HRESULT ds_target_add_thread(ds_target *t, uint32_t tid);
/* What a minidump says of thread `index` (already added): its TEB and
   suspend count. Threads never given any read as 0. */
struct ds_thread_data {
    uint64_t teb;
    uint32_t suspend_count;
};
HRESULT ds_target_set_thread_data(ds_target *t, uint32_t index, uint64_t teb,
                                  uint32_t suspend_count);
HRESULT ds_target_add_module(ds_target *t, uint64_t base, uint64_t size, const char *name);

/* Internal open flag: the map handed to a dump opener belongs to the
   caller (a fuzzer's buffer), so close must not munmap it. */
#define DS_OPEN_BORROWED_MAP 0x80000000u

/* Openers of each backend (src/backend/). Dump openers take a read-only
   (or, with DS_OPEN_WRITABLE_COPY, private writable) mapping of the whole
   file; on success the target owns it and munmaps it on close, unless
   DS_OPEN_BORROWED_MAP. On failure the caller still owns it. */
HRESULT ds_live_attach(int pid, unsigned flags, ds_target **out);
HRESULT ds_live_launch(char *const argv[], unsigned flags, ds_target **out);
HRESULT ds_elfcore_open(const char *path, const void *map, size_t map_size, unsigned flags,
                        ds_target **out);
/* A GDB remote-protocol server (backend/gdbremote.c): spec as ds_connect. */
HRESULT ds_gdbremote_connect(const char *spec, unsigned flags, ds_target **out);
HRESULT ds_minidump_open(const char *path, const void *map, size_t map_size, unsigned flags,
                         ds_target **out);

/* Read straight from the backend, honouring the read rule (used by the
   cache for misses and by the uncached methods). */
HRESULT ds_backend_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done);

#endif /* DS_TARGET_H */
