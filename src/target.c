/*
 * target.c — the target object: construction, dispatch to the backend,
 * error sentences, and the facts every target has (pointer size, threads,
 * modules, cache settings).
 */
#include "target.h"
#include "mapguard.h"
#include "semantics.h"

#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Where openers leave their sentence, since they have no target yet. */
static _Thread_local char opener_error[512];

void ds_target_init(ds_target *t, const struct ds_backend_ops *ops)
{
    t->ops = ops;
    t->pointer_size = 8;
    t->page_size = 4096;
    t->default_vsource = DEBUG_VSOURCE_DEBUGGEE;
    ds_cache_init(&t->cache);
    snprintf(t->where, sizeof t->where, "the %s target", ops->name);
    t->error[0] = '\0';
    t->windows.known = false;  /* until a Windows minidump says otherwise */
}

void ds_target_release(ds_target *t)
{
    ds_cache_release(&t->cache);
    free(t->thread_ids);
    free(t->thread_data);
    t->thread_data = NULL;
    t->thread_data_capacity = 0;
    for (uint32_t i = 0; i < t->module_count; i++)
        free(t->modules[i].name);
    free(t->modules);
    t->thread_ids = NULL;
    t->modules = NULL;
    t->thread_count = t->module_count = 0;
}

static __attribute__((format(printf, 2, 0))) void vset(const ds_target *t, const char *fmt,
                                                      va_list ap, int err)
{
    char *dst = t ? ((ds_target *)t)->error : opener_error;
    size_t cap = t ? sizeof t->error : sizeof opener_error;
    int n = vsnprintf(dst, cap, fmt, ap);
    if (err && n >= 0 && (size_t)n < cap)
        snprintf(dst + n, cap - (size_t)n, ": %s", strerror(err));
}

HRESULT ds_fail(const ds_target *t, HRESULT hr, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(t, fmt, ap, 0);
    va_end(ap);
    return hr;
}

HRESULT ds_fail_errno(const ds_target *t, HRESULT hr, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(t, fmt, ap, err);
    va_end(ap);
    return hr;
}

void ds_target_vnote(ds_target *t, const char *fmt, va_list ap)
{
    size_t used = strlen(t->notes);
    /* Keep room for the "..." that says more notes were dropped. */
    const size_t cap = sizeof t->notes - 4;
    if (used >= cap)
        return;
    if (used) {
        snprintf(t->notes + used, cap - used, "; ");
        used = strlen(t->notes);
    }
    int n = vsnprintf(t->notes + used, cap - used, fmt, ap);
    if (n < 0 || (size_t)n >= cap - used)
        memcpy(t->notes + cap - 1, "...", 4);
}

void ds_target_note(ds_target *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ds_target_vnote(t, fmt, ap);
    va_end(ap);
}

const char *ds_open_notes(const ds_target *t)
{
    return t ? t->notes : "";
}

const char *ds_error_text(const ds_target *t)
{
    const char *s = t ? t->error : opener_error;
    return s[0] ? s : "no error";
}

uint32_t ds_protect_from_perms(bool r, bool w, bool x, bool cow)
{
    if (x) {
        if (w)
            return cow ? PAGE_EXECUTE_WRITECOPY : PAGE_EXECUTE_READWRITE;
        return r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    }
    if (w)
        return cow ? PAGE_WRITECOPY : PAGE_READWRITE;
    return r ? PAGE_READONLY : PAGE_NOACCESS;
}

bool ds_protect_readable(uint32_t protect)
{
    /* PAGE_EXECUTE alone is not readable: Linux refuses a debugger's
       process_vm_readv on a mapping without VM_READ, as it does on ---p. */
    return (protect & 0xff & ~(PAGE_NOACCESS | PAGE_EXECUTE)) != 0 && !(protect & PAGE_GUARD);
}

bool ds_protect_writable(uint32_t protect)
{
    return (protect & (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE |
                       PAGE_EXECUTE_WRITECOPY)) != 0;
}

/* array (count elements of elem_size each) with room for one more: the
   same array while it has room, else a larger copy, or NULL when it cannot
   grow (array is then unchanged). The capacity follows from count: 8 at
   first, doubled whenever count reaches a power of two, so n additions
   copy O(n) elements in all, however many threads or modules a dump lists. */
static void *room_for_one(void *array, uint32_t count, size_t elem_size)
{
    bool full = count == 0 || (count >= 8 && (count & (count - 1)) == 0);
    if (!full)
        return array;
    return realloc(array, (count == 0 ? 8 : (size_t)count * 2) * elem_size);
}

HRESULT ds_target_add_thread(ds_target *t, uint32_t tid)
{
    uint32_t *ids = room_for_one(t->thread_ids, t->thread_count, sizeof *ids);
    if (!ids)
        return ds_fail(t, E_OUTOFMEMORY, "out of memory recording thread %u", tid);
    t->thread_ids = ids;
    ids[t->thread_count++] = tid;
    return S_OK;
}

HRESULT ds_target_set_thread_data(ds_target *t, uint32_t index, uint64_t teb,
                                  uint32_t suspend_count)
{
    if (index >= t->thread_count)
        return ds_fail(t, E_INVALIDARG, "thread %u's TEB recorded, the target has %u threads",
                       index, t->thread_count);
    if (index >= t->thread_data_capacity) {
        uint32_t capacity = t->thread_data_capacity ? t->thread_data_capacity : 8;
        while (capacity <= index)
            capacity *= 2;
        struct ds_thread_data *grown = realloc(t->thread_data, (size_t)capacity * sizeof *grown);
        if (!grown)
            return ds_fail(t, E_OUTOFMEMORY, "out of memory recording thread %u's TEB", index);
        memset(grown + t->thread_data_capacity, 0,
               (size_t)(capacity - t->thread_data_capacity) * sizeof *grown);
        t->thread_data = grown;
        t->thread_data_capacity = capacity;
    }
    t->thread_data[index] = (struct ds_thread_data){ teb, suspend_count };
    return S_OK;
}

HRESULT ds_target_add_module(ds_target *t, uint64_t base, uint64_t size, const char *name)
{
    struct ds_module *m = room_for_one(t->modules, t->module_count, sizeof *m);
    if (!m)
        return ds_fail(t, E_OUTOFMEMORY, "out of memory recording a module");
    t->modules = m;
    char *copy = name ? strdup(name) : NULL;
    if (name && !copy)
        return ds_fail(t, E_OUTOFMEMORY, "out of memory recording module %s", name);
    m[t->module_count++] = (struct ds_module){ .base = base, .size = size, .name = copy };
    return S_OK;
}

static int by_store_then_lo(const void *a, const void *b)
{
    const struct ds_backing_range *x = a, *y = b;
    if (x->key_dev != y->key_dev)
        return x->key_dev < y->key_dev ? -1 : 1;
    if (x->key_inode != y->key_inode)
        return x->key_inode < y->key_inode ? -1 : 1;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

bool ds_ranges_alias(struct ds_backing_range *v, size_t n)
{
    if (n > 1) /* qsort wants a real array, even for none */
        qsort(v, n, sizeof *v, by_store_then_lo);
    /* Within a store, in order of lo: a range overlaps an earlier one iff
       it starts below the highest end seen so far; keep that end over all
       ranges and over the shared ones, so that a pair needs one shared. */
    uint64_t end_any = 0, end_shared = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || v[i].key_dev != v[i - 1].key_dev || v[i].key_inode != v[i - 1].key_inode)
            end_any = end_shared = 0;
        if (v[i].lo >= v[i].hi)
            continue;
        if (v[i].lo < (v[i].shared ? end_any : end_shared))
            return true;
        if (v[i].hi > end_any)
            end_any = v[i].hi;
        if (v[i].shared && v[i].hi > end_shared)
            end_shared = v[i].hi;
    }
    return false;
}

bool ds_backing_alias(size_t n, bool (*range)(const void *ctx, size_t i,
                                              struct ds_backing_range *r),
                      const void *ctx)
{
    struct ds_backing_range *v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return true;  /* cannot tell: assume the worst, which is only slower */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += range(ctx, i, &v[k]);
    bool alias = ds_ranges_alias(v, k);
    free(v);
    return alias;
}

/* ---- one call at a time (target.h) ------------------------------------------ */

/* Rounds of yielding before a waiter sleeps: most calls are short (a
   cached read is nanoseconds), so a waiter usually gets in soon. */
#define CALL_SPIN_ROUNDS 64
/* The longest a waiter sleeps before it looks again: ds_call_leave does
   not exchange, so a wake-up can be missed in a window of a few
   instructions, and this bounds what that costs. */
#define CALL_NAP_NS 1000000L

_Thread_local char ds_this_thread __attribute__((tls_model("initial-exec")));

bool ds_call_wait(ds_target *t)
{
    /* Only this thread writes its own mark, and it clears it before it
       lets go: finding it there means this thread holds t already. */
    if (atomic_load_explicit(&t->holder, memory_order_relaxed) == (uintptr_t)&ds_this_thread)
        return false;
    for (int i = 0; i < CALL_SPIN_ROUNDS; i++) {
        unsigned idle = 0;
        if (atomic_compare_exchange_weak_explicit(&t->busy, &idle, 1, memory_order_acquire,
                                                  memory_order_relaxed))
            return true;
        sched_yield();
    }
    /* Mark the word "waited for" (2) and sleep on it until it is free;
       whoever gets it this way keeps the mark, so its leave wakes the
       next waiter (Drepper, "Futexes Are Tricky", mutex 2). */
    while (atomic_exchange_explicit(&t->busy, 2, memory_order_acquire) != 0) {
        struct timespec nap = { 0, CALL_NAP_NS };
        syscall(SYS_futex, &t->busy, FUTEX_WAIT_PRIVATE, 2, &nap, NULL, 0);
    }
    return true;
}

void ds_call_wake(ds_target *t)
{
    syscall(SYS_futex, &t->busy, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

HRESULT ds_fail_gone(ds_target *t, const char *method, bool has_addr, uint64_t addr)
{
    if (has_addr)
        return ds_fail(t, E_UNEXPECTED, "%s at 0x%llx: %s has exited", method,
                       (unsigned long long)addr, t->where);
    return ds_fail(t, E_UNEXPECTED, "%s: %s has exited", method, t->where);
}

HRESULT ds_backend_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    *done = 0;
    HRESULT hr = t->ops->read(t, addr, buf, size, done);
    if (ds_file_shrank(t)) {
        *done = 0;  /* some of the bytes may be the handler's zeros */
        return ds_fail_file_shrank(t, "cannot read", addr);
    }
    return hr;
}

/* ---- public: what the target is ----------------------------------------- */

uint32_t ds_pointer_size(const ds_target *t) { return t ? t->pointer_size : 0; }
uint32_t ds_machine(const ds_target *t) { return t ? t->machine : 0; }
uint32_t ds_page_size(const ds_target *t) { return t ? t->page_size : 0; }
uint32_t ds_process_id(const ds_target *t) { return t ? t->pid : 0; }
const char *ds_target_kind(const ds_target *t) { return t ? t->ops->name : "none"; }

HRESULT ds_get_number_threads(ds_target *t, uint32_t *number)
{
    DS_REQUIRE_TARGET(t);
    if (!number)
        return ds_fail(t, E_INVALIDARG, "ds_get_number_threads: NULL argument");
    *number = t->thread_count;
    return S_OK;
}

HRESULT ds_get_thread_ids(ds_target *t, uint32_t start, uint32_t count, uint32_t *ids)
{
    DS_REQUIRE_TARGET(t);
    if (!ids && count)
        return ds_fail(t, E_INVALIDARG, "ds_get_thread_ids: NULL argument");
    if (start > t->thread_count || count > t->thread_count - start)
        return ds_fail(t, E_INVALIDARG, "threads %u..%u asked for, the target has %u", start,
                       start + count, t->thread_count);
    if (count)
        memcpy(ids, t->thread_ids + start, (size_t)count * sizeof *ids);
    return S_OK;
}

HRESULT ds_get_thread_data(ds_target *t, uint32_t index, uint64_t *teb, uint32_t *suspend_count)
{
    DS_REQUIRE_TARGET(t);
    if (teb)
        *teb = 0;
    if (suspend_count)
        *suspend_count = 0;
    if (index >= t->thread_count)
        return ds_fail(t, E_INVALIDARG, "thread %u asked for, the target has %u", index,
                       t->thread_count);
    if (!t->thread_data)
        return ds_fail(t, E_NOTIMPL, "%s records no TEB nor suspend count for its threads",
                       t->where);
    if (index < t->thread_data_capacity) {
        if (teb)
            *teb = t->thread_data[index].teb;
        if (suspend_count)
            *suspend_count = t->thread_data[index].suspend_count;
    }
    return S_OK;
}

HRESULT ds_get_number_modules(ds_target *t, uint32_t *number)
{
    DS_REQUIRE_TARGET(t);
    if (!number)
        return ds_fail(t, E_INVALIDARG, "ds_get_number_modules: NULL argument");
    *number = t->module_count;
    return S_OK;
}

HRESULT ds_get_module(ds_target *t, uint32_t index, uint64_t *base, uint64_t *size, char *name,
                      uint32_t name_buffer_size, uint32_t *name_size)
{
    DS_REQUIRE_TARGET(t);
    if (index >= t->module_count)
        return ds_fail(t, E_INVALIDARG, "module %u asked for, the target has %u", index,
                       t->module_count);
    const struct ds_module *m = &t->modules[index];
    if (base)
        *base = m->base;
    if (size)
        *size = m->size;
    const char *n = m->name ? m->name : "";
    size_t len = strlen(n);
    if (name_size)
        *name_size = (uint32_t)len + 1;
    if (name && name_buffer_size) {
        size_t k = len < name_buffer_size ? len : name_buffer_size - 1;
        memcpy(name, n, k);
        name[k] = '\0';
        return k < len ? S_FALSE : S_OK;
    }
    return S_OK;
}

HRESULT ds_set_image_path(ds_target *t, const char *path)
{
    DS_REQUIRE_TARGET(t);
    if (!t->ops->set_image_path)
        return ds_fail(t, E_NOTIMPL, "%s targets read no image files", t->ops->name);
    return t->ops->set_image_path(t, path && *path ? path : NULL);
}

/* ---- public: cache control ------------------------------------------------ */

HRESULT ds_cache_set_size(ds_target *t, uint64_t bytes)
{
    DS_REQUIRE_TARGET(t);
    HRESULT hr = ds_cache_resize(&t->cache, bytes);
    if (hr == E_INVALIDARG)
        return ds_fail(t, hr, "cache size %llu bytes is larger than the 64 GiB limit",
                       (unsigned long long)bytes);
    if (FAILED(hr))
        return ds_fail(t, hr, "out of memory for a %llu-byte cache; the cache is now off",
                       (unsigned long long)bytes);
    return S_OK;
}

uint64_t ds_cache_get_size(const ds_target *t)
{
    if (!t)
        return 0;
    /* Held like a method (ds_cache_set_size may be running elsewhere),
       but answered even for a target that is gone. */
    struct ds_call call = { NULL };
    if (ds_call_enter((ds_target *)t))
        call.t = (ds_target *)t;
    uint64_t size = t->cache.size_bytes;
    ds_call_leave(&call);
    return size;
}

HRESULT ds_cache_flush(ds_target *t)
{
    DS_REQUIRE_TARGET(t);
    ds_cache_clear(&t->cache);
    return S_OK;
}

/* ---- public: opening and closing --------------------------------------------- */

#define DS_ATTACH_NONINVASIVE_FLAGS                                   \
    (DS_ATTACH_NONINVASIVE | DS_ATTACH_NONINVASIVE_NO_SUSPEND |       \
     DS_ATTACH_NONINVASIVE_ALLOW_PARTIAL)
#define DS_ATTACH_INVASIVE_FLAGS                                      \
    (DS_ATTACH_EXISTING | DS_ATTACH_INVASIVE_NO_INITIAL_BREAK |       \
     DS_ATTACH_INVASIVE_RESUME_PROCESS)
/* Every bit ds_attach knows: dbgeng's, and the library's own. */
#define DS_ATTACH_KNOWN_FLAGS \
    (DS_ATTACH_NONINVASIVE_FLAGS | DS_ATTACH_INVASIVE_FLAGS | DS_ATTACH_WRITE_ANY)
#define DS_LAUNCH_KNOWN_FLAGS (DS_LAUNCH_LEAVE_RUNNING | DS_ATTACH_WRITE_ANY)

HRESULT ds_attach(int pid, unsigned flags, ds_target **out)
{
    if (!out)
        return ds_fail(NULL, E_INVALIDARG, "ds_attach: out is NULL");
    *out = NULL;
    if (pid <= 0)
        return ds_fail(NULL, E_INVALIDARG, "ds_attach: %d is not a process id", pid);
    if (flags & ~DS_ATTACH_KNOWN_FLAGS)
        return ds_fail(NULL, E_INVALIDARG, "ds_attach: unknown flag bits 0x%x (flags 0x%x; "
                       "DS_ATTACH_* are dbgeng's DEBUG_ATTACH_* values)",
                       flags & ~DS_ATTACH_KNOWN_FLAGS, flags);
    /* dbgeng: a non-invasive attach takes none of the invasive flags. */
    if ((flags & DS_ATTACH_NONINVASIVE_FLAGS) && (flags & DS_ATTACH_INVASIVE_FLAGS))
        return ds_fail(NULL, E_INVALIDARG, "ds_attach: flags 0x%x mix non-invasive bits "
                       "(DEBUG_ATTACH_NONINVASIVE*) with invasive ones (EXISTING, INVASIVE_*)",
                       flags);
    if (flags & DS_ATTACH_EXISTING)
        return ds_fail(NULL, E_NOTIMPL, "cannot attach to process %d: DEBUG_ATTACH_EXISTING "
                       "(re-attach to a process whose debugger went away) has no Linux "
                       "counterpart", pid);
    return ds_live_attach(pid, flags, out);
}

HRESULT ds_launch(char *const argv[], unsigned flags, ds_target **out)
{
    if (!out)
        return ds_fail(NULL, E_INVALIDARG, "ds_launch: out is NULL");
    *out = NULL;
    if (!argv || !argv[0] || !argv[0][0])
        return ds_fail(NULL, E_INVALIDARG, "ds_launch: no program given");
    if (flags & ~DS_LAUNCH_KNOWN_FLAGS)
        return ds_fail(NULL, E_INVALIDARG, "ds_launch: unknown flag bits 0x%x (flags 0x%x; "
                       "only DS_LAUNCH_LEAVE_RUNNING and DS_ATTACH_WRITE_ANY)",
                       flags & ~DS_LAUNCH_KNOWN_FLAGS, flags);
    return ds_live_launch(argv, flags, out);
}

HRESULT ds_connect(const char *spec, unsigned flags, ds_target **out)
{
    if (!out)
        return ds_fail(NULL, E_INVALIDARG, "ds_connect: out is NULL");
    *out = NULL;
    return ds_gdbremote_connect(spec, flags, out);
}

HRESULT ds_open(const char *spec, unsigned flags, ds_target **out)
{
    if (!out)
        return ds_fail(NULL, E_INVALIDARG, "ds_open: out is NULL");
    *out = NULL;
    if (!spec || !*spec)
        return ds_fail(NULL, E_INVALIDARG, "ds_open: empty target specification");
    /* Each opener below checks the flags it is given. */
    if (strncmp(spec, "pid:", 4) == 0) {
        char *end;
        errno = 0;
        long pid = strtol(spec + 4, &end, 10);
        if (errno || *end || end == spec + 4 || pid <= 0 || pid > 0x7fffffff)
            return ds_fail(NULL, E_INVALIDARG, "'%s': expected pid:N with N a process id",
                           spec);
        return ds_attach((int)pid, flags, out);
    }
    if (strncmp(spec, "core:", 5) == 0 || strncmp(spec, "dump:", 5) == 0)
        return ds_open_dump(spec + 5, flags, out);
    if (strncmp(spec, "gdb:", 4) == 0)
        return ds_connect(spec + 4, flags, out);
    return ds_open_dump(spec, flags, out);
}

void ds_close(ds_target *t)
{
    if (!t)
        return;
    /* A call still running on another thread finishes first; calling a
       method while or after the target is closed is the caller's bug. */
    (void)ds_call_enter(t);
    ds_tagged_forget(t); /* enumerations the caller never ended */
    t->ops->close(t);
}
