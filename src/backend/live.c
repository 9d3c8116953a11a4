/*
 * live.c — a running Linux process as a target.
 *
 * Reads use process_vm_readv(2): one system call, no ptrace round trip, and
 * the kernel stops at the first page it cannot read, so a short count is
 * page-precise. Where process_vm_readv is refused (ENOSYS on kernels without
 * CONFIG_CROSS_MEMORY_ATTACH, EPERM under some seccomp policies) reads fall
 * back to /proc/PID/mem, which must then be clipped to the readable
 * mappings first: /proc/PID/mem reads with FOLL_FORCE and would otherwise
 * return PROT_NONE pages, which a debugger must not see (PAGE_NOACCESS).
 * Writes go through /proc/PID/mem, clipped to the mappings that
 * WriteProcessMemory would write: writable ones, and executable ones (its
 * FOLL_FORCE patches code, as WriteProcessMemory lifts an execute page's
 * protection for a breakpoint), but not read-only or PROT_NONE ones, unless
 * DS_ATTACH_WRITE_ANY asks for gdb's rule (everything but PROT_NONE).
 *
 * Attach (the default) seizes every thread with PTRACE_SEIZE and stops it
 * with PTRACE_INTERRUPT; ds_close detaches and the process runs on. Every
 * ptrace and waitpid call runs on the target's tracer thread
 * (live_tracer.c), so that the target works from any thread.
 * While stopped, the process cannot change its mappings, so /proc/PID/maps
 * is parsed once; non-invasive targets keep running and re-read it (a text
 * unchanged since the last read is not parsed again, and image headers are
 * read only for mappings new since then: live_images.c).
 */

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../procmaps.h"
#include "../target.h"
#include "live_internal.h"

/* How long a thread may take to reach its ptrace stop before attach gives
   up on it (a thread in uninterruptible sleep on a dead NFS server). */
#define STOP_TIMEOUT_MS 5000
/* Rounds of "list the threads, stop the new ones" before giving up on a
   process that creates threads faster than we stop them. */
#define MAX_ATTACH_ROUNDS 64
#define MAX_MAPS_BYTES (64u << 20)

struct stopped_thread {
    pid_t tid;
    int pending_signal;  /* delivered on detach, so the process loses nothing */
};

struct live_target {
    struct ds_target base;
    /* The task whose memory and /proc files are used: the process id, or
       a live thread's id when the main thread has ended (pthread_exit)
       and the leader is a zombie without memory. base.pid is the
       process id. */
    pid_t pid;
    int mem_fd;                 /* /proc/PID/mem, read-write (-1 if refused) */
    int mem_errno;              /* why it could not be opened (read-write) */
    bool invasive;              /* threads are stopped under ptrace */
    bool launched;              /* we started it (ds_launch) */
    bool kill_on_close;
    bool pvr_refused;           /* process_vm_readv failed with ENOSYS/EPERM */
    bool write_any;             /* DS_ATTACH_WRITE_ANY: read-only pages too */
    int pidfd;                  /* polled for the exit (open_pidfd); -1 if none */
    uint32_t alive_in_call;     /* call_serial of the call that last found it alive */
    uint32_t maps_in_call;      /* call_serial of the call that last read the map */
    struct stopped_thread *threads;
    size_t nthreads;
    struct ds_tracer *tracer;   /* owns the ptrace relationship (live_tracer.c) */
    bool tracees_left;          /* a detach failed: a dead (or running) tracee */
    bool allow_partial;         /* DS_ATTACH_NONINVASIVE_ALLOW_PARTIAL */
    struct ds_maps maps;
    bool maps_valid;
    char *maps_raw;             /* the text maps was parsed from, as read */
    size_t maps_raw_len;
    struct ds_live_headers headers;  /* the images' header facts (live_images.c) */
};

static struct live_target *live(ds_target *t) { return (struct live_target *)t; }

uint32_t ds_live_memory_task(const ds_target *t)
{
    return (uint32_t)((const struct live_target *)t)->pid;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* ---- process state ------------------------------------------------------- */

/* Whether the pidfd reports the exit: 1 exited, 0 not, -1 cannot tell.
   One system call that never blocks. */
static int pidfd_exited(const struct live_target *lt)
{
    if (lt->pidfd < 0)
        return -1;
    struct pollfd p = { .fd = lt->pidfd, .events = POLLIN };
    int n;
    while ((n = poll(&p, 1, 0)) < 0 && errno == EINTR)
        ;
    return n < 0 ? -1 : n > 0;
}

/* Whether the kernel still finds memory behind thread tid: a one-byte
   process_vm_readv at address 0 fails with EFAULT while the thread has
   its memory and with ESRCH once it has none (it exited, or is exiting).
   One system call; nothing is read. */
static bool has_memory(pid_t tid)
{
    char byte;
    struct iovec local = { &byte, 1 }, remote = { NULL, 1 };
    return process_vm_readv(tid, &local, 1, &remote, 1, 0) >= 0 || errno != ESRCH;
}

/* Whether some thread of the process still runs: has memory, or (where
   process_vm_readv is refused) is neither a zombie nor dead. */
static bool any_thread_alive(const struct live_target *lt)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)lt->pid);
    DIR *d = opendir(path);
    bool alive = false;
    for (struct dirent *de; d && !alive && (de = readdir(d));) {
        if (de->d_name[0] == '.')
            continue;
        if (!lt->pvr_refused) {
            alive = has_memory((pid_t)atoi(de->d_name));
            continue;
        }
        struct task_facts tf;
        alive = ds_task_facts(lt->pid, (pid_t)atoi(de->d_name), &tf) && tf.state != 'Z' &&
                tf.state != 'X';
    }
    if (d)
        closedir(d);
    return alive;
}

/*
 * Whether the process has exited; once it has, the target's gone fact is
 * set and every later call fails at its entry (target.h).
 *
 * Cheap while the process lives: one poll of the pidfd (open_pidfd), or
 * where there is none, one probe for memory behind the group leader. When
 * that says the leader has exited, or the caller already knows it
 * (`leader_lost`: the kernel found no memory behind the pid), or the
 * thread a traced process's pidfd watches has exited, the threads are
 * looked at: the leader alone may have exited while the others run
 * on. After a leader_lost they are given a moment to finish dying (a
 * SIGKILL takes the leader's memory before the last thread lets go of its
 * own), so that a read that failed because the process is going says so.
 */
#define DYING_WAIT_MS 100

static bool process_gone(struct live_target *lt, bool leader_lost)
{
    if (lt->base.gone)
        return true;
    if (!leader_lost) {
        int exited = pidfd_exited(lt);
        if (exited == 0 || (exited < 0 && !lt->pvr_refused && has_memory(lt->pid)))
            return false;
        if (exited == 1 && !lt->invasive) /* the whole group has exited */
            return lt->base.gone = true;
        return lt->base.gone = !any_thread_alive(lt);
    }
    for (long deadline = now_ms() + DYING_WAIT_MS;;) {
        if (!any_thread_alive(lt))
            return lt->base.gone = true;
        if (now_ms() > deadline)
            return false;
        struct timespec ts = { 0, 1000000 };
        nanosleep(&ts, NULL);
    }
}

static HRESULT fail_gone(struct live_target *lt, const char *what, uint64_t addr)
{
    lt->base.gone = true;
    return ds_fail(&lt->base, E_UNEXPECTED, "cannot %s at 0x%llx: process %d has exited", what,
                   (unsigned long long)addr, lt->pid);
}

/* The file bytes a mapping shows, for ds_backing_alias: a file mapped
   twice over the same bytes, one mapping shared (a JIT's writable and
   executable views of one memfd), shows a write at two addresses. */
static bool mapping_bytes(const void *ctx, size_t i, struct ds_backing_range *r)
{
    const struct ds_map_entry *e = &((const struct ds_maps *)ctx)->v[i];
    if (e->inode == 0 || e->end - e->start > UINT64_MAX - e->offset)
        return false;  /* anonymous */
    *r = (struct ds_backing_range){ .key_dev = (uint64_t)e->dev_major << 32 | e->dev_minor,
                                    .key_inode = e->inode, .lo = e->offset,
                                    .hi = e->offset + (e->end - e->start),
                                    .shared = e->shared };
    return true;
}

static size_t accessible_run(struct live_target *lt, uint64_t addr, size_t size, bool write);

/* An image header's bytes for live_images.c, while the map is rebuilt:
   process_vm_readv, or where it is refused /proc/PID/mem over the
   readable mappings of the new map only (never a PROT_NONE page). */
static bool read_for_images(void *ctx, uint64_t addr, void *buf, size_t size)
{
    struct live_target *lt = ctx;
    size_t done = 0;
    if (!lt->pvr_refused) {
        while (done < size) {
            struct iovec local = { (char *)buf + done, size - done };
            struct iovec remote = { (void *)(uintptr_t)(addr + done), size - done };
            ssize_t n = process_vm_readv(lt->pid, &local, 1, &remote, 1, 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == ENOSYS || errno == EPERM) && done == 0) {
                lt->pvr_refused = true;  /* as live_read finds it */
                break;
            }
            if (n <= 0)
                return false;
            done += (size_t)n;
        }
        if (!lt->pvr_refused)
            return done == size;
    }
    if (lt->mem_fd < 0 || accessible_run(lt, addr, size, false) < size)
        return false;
    while (done < size) {
        ssize_t n = pread(lt->mem_fd, (char *)buf + done, size - done, (off_t)(addr + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    return done == size;
}

/* Whether the maps text is the one already parsed: a running target's
   map mostly is, and then neither parse nor image extents are redone. */
static bool same_text(const struct live_target *lt, const char *buf, size_t len)
{
    return lt->maps_valid && lt->maps_raw && lt->maps_raw_len == len &&
           memcmp(lt->maps_raw, buf, len) == 0;
}

static HRESULT load_maps(struct live_target *lt)
{
    /* Once a read or write has found the process gone, its map is too. */
    if (lt->base.gone)
        return fail_gone(lt, "describe memory", 0);
    if (lt->maps_valid && lt->invasive)
        return S_OK;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/maps", lt->pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENOENT || process_gone(lt, false))
            return fail_gone(lt, "read the memory map", 0);
        return ds_fail_errno(&lt->base, E_ACCESSDENIED, err, "cannot open %s", path);
    }
    size_t cap = 64 * 1024, len = 0;
    char *buf = malloc(cap);
    HRESULT hr = buf ? S_OK : ds_fail(&lt->base, E_OUTOFMEMORY, "out of memory reading %s", path);
    while (SUCCEEDED(hr)) {
        if (len == cap) {
            if (cap >= MAX_MAPS_BYTES) {
                hr = ds_fail(&lt->base, E_OUTOFMEMORY, "%s is larger than %u bytes, more "
                             "memory than a map should need", path, MAX_MAPS_BYTES);
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                hr = ds_fail(&lt->base, E_OUTOFMEMORY, "out of memory reading %s", path);
                break;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            hr = ds_fail_errno(&lt->base, E_FAIL, errno, "cannot read %s", path);
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    if (SUCCEEDED(hr) && !same_text(lt, buf, len)) {
        ds_maps_free(&lt->maps);
        hr = ds_maps_parse(buf, len, &lt->maps, NULL);
        lt->maps_valid = SUCCEEDED(hr);
        if (FAILED(hr)) {
            ds_fail(&lt->base, hr, "out of memory parsing %s", path);
        } else {
            lt->base.memory_aliased = ds_backing_alias(lt->maps.n, mapping_bytes, &lt->maps);
            ds_live_mark_images(&lt->headers, &lt->maps, lt->base.page_size, read_for_images, lt);
            free(lt->maps_raw);
            lt->maps_raw = buf;  /* kept to tell the next read's text from it */
            lt->maps_raw_len = len;
            buf = NULL;
        }
    }
    free(buf);
    return hr;
}

/* The map, for an operation (`what`) at addr. A stopped process's map is
   remembered; `check` first asks whether the process is still there, so
   that a query does not answer from the map of a process that has gone
   (reads and writes find that out from their own failure instead). A
   running process's map is read afresh once per call (GetValidRegionVirtual
   and a search ask several times; one call sees one map), and a pidfd
   says first whether the pid is still the process we attached to. */
static HRESULT maps_at(struct live_target *lt, uint64_t addr, const char *what, bool check)
{
    uint32_t call = lt->base.call_serial;
    bool remembered = lt->maps_valid && (lt->invasive || (call && lt->maps_in_call == call));
    /* Once per call is enough (GetValidRegionVirtual asks several times). */
    if (remembered && lt->alive_in_call == call && call)
        check = false;
    if (check || !remembered) {
        if (process_gone(lt, false))
            return fail_gone(lt, what, addr);
        lt->alive_in_call = call;
    }
    HRESULT hr = remembered ? S_OK : load_maps(lt);
    if (SUCCEEDED(hr))
        lt->maps_in_call = call;
    /* A zombie's map reads as empty: no live process has none. */
    if (lt->base.gone || (SUCCEEDED(hr) && lt->maps.n == 0 && process_gone(lt, true)))
        return fail_gone(lt, what, addr);
    return hr;
}

/* Whether a write may go to a mapping: what WriteProcessMemory writes
   (writable and executable pages: it lifts protection only for execute
   pages), or with DS_ATTACH_WRITE_ANY whatever /proc/PID/mem's FOLL_FORCE
   can reach (read-only pages too). Never PROT_NONE. */
static bool writable_for_debugger(const struct live_target *lt, const struct ds_map_entry *e)
{
    return e->w || e->x || (lt->write_any && e->r);
}

/* Bytes from addr (at most size) that lie in consecutive mappings with
   the given access; 0 when addr itself is outside one. */
static size_t accessible_run(struct live_target *lt, uint64_t addr, size_t size, bool write)
{
    size_t i = ds_maps_lookup(&lt->maps, addr);
    uint64_t at = addr;
    while (i < lt->maps.n && at < addr + size) {
        const struct ds_map_entry *e = &lt->maps.v[i];
        bool ok = write ? writable_for_debugger(lt, e) : e->r;
        if (e->start > at || !ok)
            break;
        at = e->end;
        i++;
    }
    return at > addr ? (size_t)((at - addr) < size ? at - addr : size) : 0;
}

/* ---- the ops ----------------------------------------------------------- */

static HRESULT mem_transfer(struct live_target *lt, uint64_t addr, void *buf, size_t size,
                            size_t *done, bool write)
{
    const char *what = write ? "write memory" : "read memory";
    HRESULT fault = HRESULT_FROM_WIN32(write ? ERROR_WRITE_FAULT : ERROR_READ_FAULT);
    HRESULT hr = maps_at(lt, addr, what, false);
    if (FAILED(hr))
        return hr;
    if (lt->mem_fd < 0)
        return ds_fail_errno(&lt->base, E_ACCESSDENIED, lt->mem_errno, "cannot %s at 0x%llx "
                             "in process %d: /proc/%d/mem could not be opened", what,
                             (unsigned long long)addr, lt->pid, lt->pid);
    size_t run = accessible_run(lt, addr, size, write);
    int err = 0;
    while (*done < run) {
        ssize_t n = write ? pwrite(lt->mem_fd, (const char *)buf + *done, run - *done,
                                   (off_t)(addr + *done))
                          : pread(lt->mem_fd, (char *)buf + *done, run - *done,
                                  (off_t)(addr + *done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            err = n < 0 ? errno : 0;
            /* 0: /proc/PID/mem found no memory behind the pid. */
            if (*done == 0 && process_gone(lt, n == 0))
                return fail_gone(lt, what, addr);
            break;
        }
        *done += (size_t)n;
    }
    if (*done)
        return S_OK;
    /* EBADF: a write through mem opened read-only; mem_errno says why. */
    if (run && err == EBADF && write && lt->mem_errno)
        return ds_fail_errno(&lt->base, fault, lt->mem_errno, "cannot write at 0x%llx in "
                             "process %d: /proc/%d/mem could be opened for reading only",
                             (unsigned long long)addr, lt->pid, lt->pid);
    if (run && err)
        return ds_fail_errno(&lt->base, fault, err, "cannot %s at 0x%llx in process %d: "
                             "/proc/%d/mem refused the access", what, (unsigned long long)addr,
                             lt->pid, lt->pid);
    if (run)
        return ds_fail(&lt->base, fault, "cannot %s at 0x%llx in process %d: the kernel "
                       "refused the access", what, (unsigned long long)addr, lt->pid);
    size_t at = ds_maps_lookup(&lt->maps, addr);
    const struct ds_map_entry *e = at < lt->maps.n ? &lt->maps.v[at] : NULL;
    if (write && e && e->start <= addr && e->r)
        return ds_fail(&lt->base, fault, "cannot write at 0x%llx in process %d: the page is "
                       "read-only (WriteProcessMemory's rule; attach with "
                       "DS_ATTACH_WRITE_ANY to write it anyway)", (unsigned long long)addr,
                       lt->pid);
    return ds_fail(&lt->base, fault, "cannot %s at 0x%llx in process %d: no accessible "
                   "mapping there", what, (unsigned long long)addr, lt->pid);
}

static HRESULT live_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct live_target *lt = live(t);
    if (lt->pvr_refused)
        return mem_transfer(lt, addr, buf, size, done, false);
    while (*done < size) {
        struct iovec local = { (char *)buf + *done, size - *done };
        struct iovec remote = { (void *)(uintptr_t)(addr + *done), size - *done };
        ssize_t n = process_vm_readv(lt->pid, &local, 1, &remote, 1, 0);
        if (n > 0) {
            *done += (size_t)n;
            continue;  /* a short count: the next call fails at the bad page */
        }
        int err = n < 0 ? errno : EFAULT;
        if (err == EINTR)
            continue;
        if (err == ENOSYS || err == EPERM) {
            lt->pvr_refused = true;
            size_t more = 0;
            HRESULT hr = mem_transfer(lt, addr + *done, (char *)buf + *done, size - *done,
                                      &more, false);
            *done += more;
            return *done ? S_OK : hr;
        }
        if (*done)
            return S_OK;
        /* ESRCH: no memory behind the pid; make sure the process is gone
           (its leader alone may have exited). */
        if (err == ESRCH && process_gone(lt, true))
            return fail_gone(lt, "read memory", addr);
        return ds_fail_errno(t, HRESULT_FROM_WIN32(ERROR_READ_FAULT), err,
                             "cannot read memory at 0x%llx in process %d",
                             (unsigned long long)addr, lt->pid);
    }
    return S_OK;
}

static HRESULT live_write(ds_target *t, uint64_t addr, const void *buf, size_t size,
                          size_t *done)
{
    return mem_transfer(live(t), addr, (void *)buf, size, done, true);
}

static HRESULT live_query(ds_target *t, uint64_t addr, struct ds_region *r)
{
    HRESULT hr = maps_at(live(t), addr, "describe memory", true);
    return FAILED(hr) ? hr : ds_maps_query(&live(t)->maps, addr, r);
}

static HRESULT live_next_readable(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size)
{
    struct live_target *lt = live(t);
    HRESULT hr = maps_at(lt, addr, "describe memory", true);
    if (FAILED(hr))
        return hr;
    for (size_t i = ds_maps_lookup(&lt->maps, addr); i < lt->maps.n; i++) {
        const struct ds_map_entry *e = &lt->maps.v[i];
        /* [vvar] is VM_PFNMAP: readable by the process, refused to debuggers. */
        if (!e->r || strcmp(e->path, "[vvar]") == 0)
            continue;
        *start = e->start > addr ? e->start : addr;
        *size = e->end - *start;
        return S_OK;
    }
    return S_FALSE;
}

/* Handles come from /proc/PID/fd, which a dead process no longer has:
   say it has exited rather than that the handle is unknown. */
static HRESULT live_read_handle_data(ds_target *t, uint64_t handle, uint32_t data_type,
                                     void *buf, uint32_t size, uint32_t *data_size)
{
    struct live_target *lt = live(t);
    if (process_gone(lt, false)) {
        if (data_size)
            *data_size = 0;
        return ds_fail(t, E_UNEXPECTED, "cannot describe handle %llu: process %d has exited",
                       (unsigned long long)handle, lt->pid);
    }
    return ds_live_read_handle_data(t, handle, data_type, buf, size, data_size);
}

/* ---- attach, launch, close ------------------------------------------------ */

/* On the tracer thread: let every stopped thread run on, handing back the
   signal it was stopped with. A thread that died meanwhile refuses
   (ESRCH); it is left for the tracer thread's exit, which releases it to
   its real parent (never reaped here: when the process is the caller's
   own child, the caller's waitpid wants its exit status). */
static void detach_all(struct live_target *lt)
{
    for (size_t i = 0; i < lt->nthreads; i++) {
        struct stopped_thread *th = &lt->threads[i];
        if (ptrace(PTRACE_DETACH, th->tid, NULL, (void *)(intptr_t)th->pending_signal) < 0)
            lt->tracees_left = true;
    }
    lt->nthreads = 0;
}

static HRESULT close_on_tracer(void *p)
{
    struct live_target *lt = p;
    if (lt->kill_on_close) {
        /* A program we launched: our child, which nobody else waits for. */
        kill(lt->base.pid, SIGKILL);
        int status;
        while (waitpid(lt->base.pid, &status, __WALL) < 0 && errno == EINTR)
            ;
        lt->nthreads = 0;
    } else {
        detach_all(lt);
    }
    return S_OK;
}

static void live_close(ds_target *t)
{
    struct live_target *lt = live(t);
    if (lt->tracer) {
        ds_tracer_run(lt->tracer, close_on_tracer, lt);
        ds_tracer_end(lt->tracer, lt->tracees_left);
    }
    if (lt->mem_fd >= 0)
        close(lt->mem_fd);
    if (lt->pidfd >= 0)
        close(lt->pidfd);
    ds_maps_free(&lt->maps);
    ds_live_headers_free(&lt->headers);
    free(lt->maps_raw);
    free(lt->threads);
    ds_target_release(t);
    free(lt);
}

bool ds_live_thread_stopped(const ds_target *t, uint32_t tid)
{
    const struct live_target *lt = (const struct live_target *)t;
    for (size_t i = 0; lt->invasive && i < lt->nthreads; i++)
        if ((uint32_t)lt->threads[i].tid == tid)
            return true;
    return false;
}

HRESULT ds_live_on_tracer(ds_target *t, HRESULT (*fn)(void *), void *arg)
{
    struct live_target *lt = live(t);
    if (!lt->tracer)
        return ds_fail(t, E_UNEXPECTED, "%s has no tracer thread", t->where);
    HRESULT hr = ds_tracer_run(lt->tracer, fn, arg);
    if (FAILED(hr))
        ds_fail(t, hr, "%s", ds_error_text(NULL));
    return hr;
}

static const struct ds_backend_ops live_ops = {
    .version = DS_BACKEND_OPS_VERSION,
    .name = "live",
    .read = live_read,
    .write = live_write,
    .query = live_query,
    .next_readable = live_next_readable,
    .virtual_to_physical = ds_live_virtual_to_physical,
    .read_handle_data = live_read_handle_data,
    .close = live_close,
    .thread_context = ds_live_thread_context,
};

/* Pointer size and machine from the ELF header of /proc/PID/exe. */
static void read_machine(struct live_target *lt)
{
    char path[64];
    unsigned char h[20];
    snprintf(path, sizeof path, "/proc/%d/exe", lt->pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? pread(fd, h, sizeof h, 0) : -1;
    if (fd >= 0)
        close(fd);
    lt->base.pointer_size = sizeof(void *);
    if (n != (ssize_t)sizeof h || memcmp(h, ELFMAG, SELFMAG) != 0)
        return;
    lt->base.pointer_size = h[EI_CLASS] == ELFCLASS32 ? 4 : 8;
    unsigned em = h[EI_DATA] == ELFDATA2MSB ? (unsigned)(h[18] << 8 | h[19])
                                             : (unsigned)(h[19] << 8 | h[18]);
    switch (em) {
    case EM_X86_64: lt->base.machine = IMAGE_FILE_MACHINE_AMD64; break;
    case EM_386: lt->base.machine = IMAGE_FILE_MACHINE_I386; break;
    case EM_AARCH64: lt->base.machine = IMAGE_FILE_MACHINE_ARM64; break;
    case EM_ARM: lt->base.machine = IMAGE_FILE_MACHINE_ARMNT; break;
    case EM_RISCV: lt->base.machine = IMAGE_FILE_MACHINE_RISCV64; break;
    default: lt->base.machine = IMAGE_FILE_MACHINE_UNKNOWN; break;
    }
}

static struct live_target *new_live(pid_t pid)
{
    struct live_target *lt = calloc(1, sizeof *lt);
    if (!lt)
        return NULL;
    ds_target_init(&lt->base, &live_ops);
    lt->pid = pid;
    lt->base.pid = (uint32_t)pid;
    snprintf(lt->base.where, sizeof lt->base.where, "process %d", (int)pid);
    lt->base.page_size = (uint32_t)sysconf(_SC_PAGESIZE);
    lt->base.validity_by_page = true;
    lt->base.cache.page_granular = true;
    lt->mem_fd = -1;
    lt->pidfd = -1;
    return lt;
}

/* A pidfd that polls readable once the process has exited (Linux 5.3),
   or -1: process_gone then probes. A traced process needs care: its
   pidfd reports the exit only once every thread is reaped, and the
   threads of a traced process stay zombies until their tracer collects
   them at ds_close (the leader's own pidfd waits for that too). So for a
   traced process of several threads, the pidfd of one thread other than
   the leader (PIDFD_THREAD, Linux 6.9), which reports that thread's exit
   at once; in a stopped process no thread exits unless the whole process
   is killed, and process_gone confirms it by looking at every thread.
   (Never the leader's: after a pthread_exit it is a zombie already.) */
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif
static int open_pidfd(const struct live_target *lt)
{
#ifdef SYS_pidfd_open
    if (lt->invasive)
        for (size_t i = 0; i < lt->nthreads; i++)
            if (lt->threads[i].tid != lt->pid && lt->threads[i].tid != (pid_t)lt->base.pid)
                return (int)syscall(SYS_pidfd_open, lt->threads[i].tid, PIDFD_THREAD);
    return (int)syscall(SYS_pidfd_open, lt->pid, 0);
#else
    (void)lt;
    return -1;
#endif
}

/* The common end of attach and launch: open mem, learn the machine, list
   the threads and switch the cache on for a stopped target. */
static HRESULT finish_open(struct live_target *lt, ds_target **out)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", lt->pid);
    lt->mem_fd = open(path, O_RDWR | O_CLOEXEC);
    lt->mem_errno = lt->mem_fd < 0 ? errno : 0;
    if (lt->mem_fd < 0)
        lt->mem_fd = open(path, O_RDONLY | O_CLOEXEC);
    if (lt->mem_fd < 0)
        lt->mem_errno = errno;
    lt->pidfd = open_pidfd(lt);
    read_machine(lt);
    HRESULT hr = load_maps(lt);
    if (FAILED(hr)) {
        ds_fail(NULL, hr, "%s", lt->base.error);
        live_close(&lt->base);
        return hr;
    }
    if (lt->invasive) {
        for (size_t i = 0; i < lt->nthreads && SUCCEEDED(hr); i++)
            hr = ds_target_add_thread(&lt->base, (uint32_t)lt->threads[i].tid);
    } else {
        snprintf(path, sizeof path, "/proc/%d/task", lt->pid);
        DIR *d = opendir(path);
        for (struct dirent *de; d && SUCCEEDED(hr) && (de = readdir(d));)
            if (de->d_name[0] != '.')
                hr = ds_target_add_thread(&lt->base, (uint32_t)atoi(de->d_name));
        if (d)
            closedir(d);
    }
    hr = SUCCEEDED(hr) ? ds_live_list_modules(&lt->base, &lt->maps, &lt->headers) : hr;
    if (FAILED(hr)) {
        ds_fail(NULL, hr, "%s", lt->base.error);
        live_close(&lt->base);
        return hr;
    }
    /* Only a stopped target is cached; without room for its cache a
       target still works, uncached. */
    if (lt->invasive)
        ds_cache_resize(&lt->base.cache, DS_CACHE_DEFAULT_SIZE);
    *out = &lt->base;
    return S_OK;
}


/* ---- attach ---------------------------------------------------------------- */

/* Wait until tid reports its ptrace stop. Returns 1 when stopped, 0 when
   it is exiting instead, -1 on timeout or error (errno set). Only stops
   are waited for: a dead thread is seen in /proc, never reaped here (the
   leader's exit status may belong to the caller, our tracee's parent). */
static int wait_for_stop(pid_t tgid, pid_t tid, int *signal_out)
{
    long deadline = now_ms() + STOP_TIMEOUT_MS;
    *signal_out = 0;
    for (;;) {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        int r = waitid(P_PID, (id_t)tid, &si, WSTOPPED | WNOHANG | __WALL);
        if (r < 0 && errno == EINTR)
            continue;
        /* A zombie tracee answers ECHILD to a wait for stops only. */
        if (r < 0 && errno != ECHILD)
            return -1;
        if (r == 0 && si.si_pid == tid) {
            /* si_status: the signal, with the ptrace event above it. A
               signal-delivery stop came first: the thread is stopped all
               the same; hand the signal back on detach. */
            int sig = si.si_status & 0xff;
            if ((si.si_status >> 8) == 0 && sig != SIGTRAP)
                *signal_out = sig;
            return 1;
        }
        if (ds_thread_is_exiting(tgid, tid)) {
            /* A dead thread other than the leader has no exit status
               anyone wants: collect it now rather than at close. */
            if (tid != tgid)
                waitpid(tid, NULL, WNOHANG | __WALL);
            return 0;
        }
        if (r < 0)
            return -1;
        if (now_ms() > deadline) {
            errno = ETIMEDOUT;
            return -1;
        }
        struct timespec ts = { 0, 200000 };
        nanosleep(&ts, NULL);
    }
}

static bool have_thread(const struct live_target *lt, pid_t tid)
{
    for (size_t i = 0; i < lt->nthreads; i++)
        if (lt->threads[i].tid == tid)
            return true;
    return false;
}

/* Why PTRACE_SEIZE was refused, in a sentence a user can act on. */
static HRESULT fail_seize(struct live_target *lt, pid_t tid, int err)
{
    int pid = (int)lt->base.pid;
    long tracer = err == EPERM ? ds_tracer_of(tid) : 0;
    /* TracerPid names the tracing thread; say its process. */
    pid_t tracer_process = tracer > 0 ? ds_thread_group_of((pid_t)tracer) : -1;
    if (tracer > 0)
        return ds_fail(NULL, E_ACCESSDENIED, "cannot attach to process %d: thread %d is already "
                       "traced by process %ld (a debugger; detach it first, or attach with "
                       "DS_ATTACH_NONINVASIVE_NO_SUSPEND)", pid, tid,
                       tracer_process > 0 ? (long)tracer_process : tracer);
    if (err == EPERM) {
        char why[256];
        ds_seize_refusal(pid, why, sizeof why);
        return ds_fail_errno(NULL, E_ACCESSDENIED, err, "cannot attach to thread %d of process "
                             "%d (PTRACE_SEIZE)%s%s", tid, pid, why[0] ? ", because " : "", why);
    }
    return ds_fail_errno(NULL, E_FAIL, err, "cannot attach to thread %d of process %d "
                         "(PTRACE_SEIZE)", tid, pid);
}

/* Seize and stop one thread. S_FALSE when it is going away (or, with
   DS_ATTACH_NONINVASIVE_ALLOW_PARTIAL, would not stop in time). */
static HRESULT stop_thread(struct live_target *lt, pid_t tid)
{
    pid_t tgid = (pid_t)lt->base.pid;
    /* Room first: nothing may fail between the seize and the stop. */
    struct stopped_thread *grown =
        realloc(lt->threads, (lt->nthreads + 1) * sizeof *lt->threads);
    if (!grown)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory attaching to process %d", tgid);
    lt->threads = grown;
    if (ptrace(PTRACE_SEIZE, tid, NULL, NULL) < 0) {
        int err = errno;
        /* An exiting thread (and a main thread that called pthread_exit,
           a zombie while the others run) refuses with EPERM: skip it. */
        if (err == ESRCH || (err == EPERM && ds_thread_is_exiting(tgid, tid)))
            return S_FALSE;
        return fail_seize(lt, tid, err);
    }
    ptrace(PTRACE_INTERRUPT, tid, NULL, NULL);
    int sig;
    int r = wait_for_stop(tgid, tid, &sig);
    if (r == 0)
        return S_FALSE;
    if (r < 0) {
        int err = errno;
        /* Seized but not stopped: only the tracer thread's exit can drop
           it (PTRACE_DETACH wants a stopped tracee), and does, with its
           pending PTRACE_INTERRUPT. */
        if (err == ETIMEDOUT && lt->allow_partial) {
            lt->threads[lt->nthreads++] = (struct stopped_thread){ .tid = tid };
            return S_OK;
        }
        if (err != ETIMEDOUT)
            return ds_fail_errno(NULL, E_FAIL, err, "cannot attach to process %d: waiting for "
                                 "thread %d to stop failed", tgid, tid);
        return ds_fail(NULL, E_FAIL, "cannot attach to process %d: thread %d did not stop "
                       "within %d ms (uninterruptible sleep: a parent in vfork, a hung file "
                       "system)", tgid, tid, STOP_TIMEOUT_MS);
    }
    lt->threads[lt->nthreads++] = (struct stopped_thread){ .tid = tid, .pending_signal = sig };
    return S_OK;
}

/* On the tracer thread: stop every thread. List /proc/PID/task, stop the
   ones not yet stopped, and list again until a round finds no new thread
   (a running thread may create another until it is itself stopped). */
static HRESULT stop_all_threads(void *p)
{
    struct live_target *lt = p;
    int pid = (int)lt->base.pid;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    for (int round = 0; round < MAX_ATTACH_ROUNDS; round++) {
        DIR *d = opendir(path);
        if (!d) {
            int err = errno;
            return err == ENOENT ? ds_fail(NULL, E_INVALIDARG, "cannot attach to process %d: "
                                           "no such process", pid)
                                 : ds_fail_errno(NULL, E_FAIL, err, "cannot attach to process "
                                                 "%d: cannot list %s", pid, path);
        }
        bool found_new = false;
        HRESULT hr = S_OK;
        for (struct dirent *de; (de = readdir(d));) {
            if (de->d_name[0] == '.')
                continue;
            pid_t tid = (pid_t)atoi(de->d_name);
            if (tid <= 0 || have_thread(lt, tid))
                continue;
            hr = stop_thread(lt, tid);
            if (FAILED(hr))
                break;
            found_new |= hr == S_OK;
        }
        closedir(d);
        if (FAILED(hr))
            return hr;
        if (!found_new)
            return lt->nthreads ? S_OK
                                : ds_fail(NULL, E_INVALIDARG, "cannot attach to process %d: it "
                                          "has exited", pid);
    }
    return ds_fail(NULL, E_FAIL, "process %d creates threads faster than they can be stopped",
                   pid);
}

static HRESULT detach_on_tracer(void *p)
{
    detach_all(p);
    return S_OK;
}

/* Drop a target whose attach failed: threads detached, tracer ended (so
   that no thread stays seized), nothing else done. */
static void abandon(struct live_target *lt)
{
    if (lt->tracer) {
        ds_tracer_run(lt->tracer, detach_on_tracer, lt);
        ds_tracer_end(lt->tracer, true);  /* a thread may be seized, not stopped */
    }
    free(lt->threads);
    ds_target_release(&lt->base);
    free(lt);
}

HRESULT ds_live_attach(int pid, unsigned flags, ds_target **out)
{
    /* A thread id stands for its process: /proc/TID answers for any
       thread, and its Tgid is the process attached to. */
    pid_t tgid = ds_thread_group_of(pid);
    if (tgid < 0)
        return errno == ENOENT || errno == ESRCH
                   ? ds_fail(NULL, E_INVALIDARG, "cannot attach to process %d: no such process",
                             pid)
                   : ds_fail_errno(NULL, E_FAIL, errno, "cannot attach to process %d: cannot "
                                   "read /proc/%d/status", pid, pid);
    pid_t io;
    HRESULT hr = ds_check_attachable(tgid, &io);
    if (FAILED(hr))
        return hr;
    struct live_target *lt = new_live(tgid);
    if (!lt)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory attaching to process %d", tgid);
    lt->pid = io;
    lt->write_any = (flags & DS_ATTACH_WRITE_ANY) != 0;
    lt->allow_partial = (flags & DS_ATTACH_NONINVASIVE_ALLOW_PARTIAL) != 0;
    /* NO_SUSPEND reads a running process without ptrace; every other
       mode stops it, RESUME_PROCESS only to let it go again. */
    if (!(flags & DS_ATTACH_NONINVASIVE_NO_SUSPEND)) {
        hr = ds_tracer_start(&lt->tracer);
        if (FAILED(hr)) {
            int err = errno;
            abandon(lt);
            return ds_fail_errno(NULL, hr, err, "cannot attach to process %d: cannot start "
                                 "the thread that traces it", tgid);
        }
        hr = ds_tracer_run(lt->tracer, stop_all_threads, lt);
        if (FAILED(hr)) {
            abandon(lt);
            return hr;
        }
        lt->invasive = true;
        /* The leader ended (pthread_exit) or a thread id was given: use a
           stopped thread's memory. */
        if (!have_thread(lt, lt->pid))
            lt->pid = lt->threads[0].tid;
        if (flags & DS_ATTACH_INVASIVE_RESUME_PROCESS) {
            ds_tracer_run(lt->tracer, detach_on_tracer, lt);
            ds_tracer_end(lt->tracer, lt->tracees_left);
            lt->tracer = NULL;
            lt->invasive = false;
        }
    }
    /* A running target: finish_open leaves its cache off. */
    return finish_open(lt, out);
}

/* ---- launch ----------------------------------------------------------------- */

struct launch {
    char *const *argv;
    sigset_t mask;      /* the caller's signal mask, for the program */
    pid_t pid;
};

/* On the tracer thread, which thereby becomes the child's tracer
   (PTRACE_TRACEME names the parent thread). */
static HRESULT launch_on_tracer(void *p)
{
    struct launch *l = p;
    char *const *argv = l->argv;
    /* The child reports a failed exec through this pipe (closed on exec). */
    int pfd[2];
    if (pipe2(pfd, O_CLOEXEC) < 0)
        return ds_fail_errno(NULL, E_FAIL, errno, "cannot launch %s: pipe", argv[0]);
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(pfd[0]);
        close(pfd[1]);
        return ds_fail_errno(NULL, E_FAIL, err, "cannot launch %s: fork", argv[0]);
    }
    if (pid == 0) {
        close(pfd[0]);
        /* The tracer thread blocks every signal; the program gets the
           caller's mask, as if the caller had forked it. */
        sigprocmask(SIG_SETMASK, &l->mask, NULL);
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);
        execvp(argv[0], argv);
        int err = errno;
        ssize_t ignored = write(pfd[1], &err, sizeof err);
        (void)ignored;
        _exit(127);
    }
    close(pfd[1]);
    int child_err = 0;
    ssize_t got = read(pfd[0], &child_err, sizeof child_err);
    close(pfd[0]);
    int status;
    while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
        ;
    if (got == (ssize_t)sizeof child_err)
        return ds_fail_errno(NULL, HRESULT_FROM_WIN32(2 /* ERROR_FILE_NOT_FOUND */), child_err,
                             "cannot launch %s", argv[0]);
    if (!WIFSTOPPED(status))
        return ds_fail(NULL, E_FAIL, "cannot launch %s: it ended before its first instruction",
                       argv[0]);
    /* Stopped by the exec's SIGTRAP at the first instruction of the new
       image (the dynamic loader's entry, or the program's if static). */
    ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(intptr_t)PTRACE_O_EXITKILL);
    l->pid = pid;
    return S_OK;
}

HRESULT ds_live_launch(char *const argv[], unsigned flags, ds_target **out)
{
    struct ds_tracer *tracer;
    HRESULT hr = ds_tracer_start(&tracer);
    if (FAILED(hr))
        return ds_fail_errno(NULL, hr, errno, "cannot launch %s: cannot start the thread "
                             "that traces it", argv[0]);
    struct launch l = { .argv = argv };
    pthread_sigmask(SIG_SETMASK, NULL, &l.mask);
    hr = ds_tracer_run(tracer, launch_on_tracer, &l);
    struct live_target *lt = SUCCEEDED(hr) ? new_live(l.pid) : NULL;
    if (lt)
        lt->threads = calloc(1, sizeof *lt->threads);
    if (!lt || !lt->threads) {
        /* Ending the tracer kills the child (PTRACE_O_EXITKILL); our own
           child, so collect it. */
        ds_tracer_end(tracer, SUCCEEDED(hr));
        if (SUCCEEDED(hr)) {
            while (waitpid(l.pid, NULL, __WALL) < 0 && errno == EINTR)
                ;
            if (lt)
                ds_target_release(&lt->base);
            free(lt);
            hr = ds_fail(NULL, E_OUTOFMEMORY, "out of memory launching %s", argv[0]);
        }
        return hr;
    }
    lt->tracer = tracer;
    lt->invasive = true;
    lt->launched = true;
    lt->kill_on_close = !(flags & DS_LAUNCH_LEAVE_RUNNING);
    lt->write_any = (flags & DS_ATTACH_WRITE_ANY) != 0;
    lt->threads[lt->nthreads++] = (struct stopped_thread){ .tid = l.pid };
    return finish_open(lt, out);
}
