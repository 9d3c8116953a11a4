/*
 * live_handles.c — ReadHandleData on a live process: a handle is a file
 * descriptor, described from /proc/PID/fd/N (the link names the object,
 * stat(2) through it identifies it) and /proc/PID/fdinfo/N (its flags).
 *
 * What each DEBUG_HANDLE_DATA_TYPE_* answers (docs/semantics.md):
 *   TYPE_NAME     a Windows-style object type: "File" (regular files,
 *                 directories, devices, memfds), "Socket", "Pipe" (pipes
 *                 and FIFOs), "Event" (eventfd), "Timer" (timerfd),
 *                 "Signal" (signalfd), "EventPoll" (epoll), "Inotify",
 *                 "Fanotify", "Process" (pidfd), "IoUring", "UserFault",
 *                 "Bpf", "AnonInode" (other anonymous inodes)
 *   OBJECT_NAME   the link's text: "/tmp/x", "socket:[1234]",
 *                 "anon_inode:[eventfd]" ...
 *   HANDLE_COUNT  how many descriptors of this process refer to the same
 *                 object (same device and inode), this one included
 *   BASIC         the name sizes (narrow, with their NUL); Attributes
 *                 OBJ_INHERIT (0x2) unless the descriptor is close-on-exec;
 *                 GrantedAccess FILE_GENERIC_READ (0x120089) and/or
 *                 FILE_GENERIC_WRITE (0x120116) from the access mode
 *                 (O_PATH: SYNCHRONIZE | FILE_READ_ATTRIBUTES); HandleCount
 *                 as above and PointerCount the same (Linux does not
 *                 expose reference counts)
 *   *_WIDE        the names in UTF-16 (bytes that are not UTF-8 become
 *                 U+FFFD)
 * The per-object MINI_* types and handle-operation traces are E_NOTIMPL.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live_internal.h"

#define OBJ_INHERIT 0x2u
#define FILE_GENERIC_READ 0x120089u
#define FILE_GENERIC_WRITE 0x120116u
#define PATH_ONLY_ACCESS 0x100080u  /* SYNCHRONIZE | FILE_READ_ATTRIBUTES */

struct fd_facts {
    char object_name[PATH_MAX + 64];
    const char *type_name;
    uint32_t attributes, granted_access, handle_count;
};

/* ---- the object --------------------------------------------------------------- */

static const char *anon_inode_type(const char *kind)
{
    static const struct { const char *kind, *type; } names[] = {
        { "[eventfd]", "Event" },       { "[timerfd]", "Timer" },
        { "[signalfd]", "Signal" },     { "[eventpoll]", "EventPoll" },
        { "inotify", "Inotify" },       { "[fanotify]", "Fanotify" },
        { "[pidfd]", "Process" },       { "[io_uring]", "IoUring" },
        { "[userfaultfd]", "UserFault" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(kind, names[i].kind) == 0)
            return names[i].type;
    return strncmp(kind, "bpf", 3) == 0 ? "Bpf" : "AnonInode";
}

static const char *type_of(const char *link, const struct stat *st, bool have_stat)
{
    if (strncmp(link, "socket:", 7) == 0)
        return "Socket";
    if (strncmp(link, "pipe:", 5) == 0)
        return "Pipe";
    if (strncmp(link, "pidfd:", 6) == 0)
        return "Process";
    if (strncmp(link, "anon_inode:", 11) == 0)
        return anon_inode_type(link + 11);
    if (have_stat && S_ISSOCK(st->st_mode))
        return "Socket";
    if (have_stat && S_ISFIFO(st->st_mode))
        return "Pipe";
    return "File";
}

/* The open flags from fdinfo's "flags:\t0100002" (octal); 0 if unknown. */
static unsigned long fd_flags(const ds_target *t, int fd)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%u/fdinfo/%d", ds_live_memory_task(t), fd);
    FILE *f = fopen(path, "re");
    unsigned long flags = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "flags: %lo", &flags) == 1)
            break;
    if (f)
        fclose(f);
    return flags;
}

static uint32_t access_of(unsigned long flags)
{
    if (flags & O_PATH)
        return PATH_ONLY_ACCESS;
    switch (flags & O_ACCMODE) {
    case O_WRONLY: return FILE_GENERIC_WRITE;
    case O_RDWR: return FILE_GENERIC_READ | FILE_GENERIC_WRITE;
    default: return FILE_GENERIC_READ;
    }
}

/* Descriptors of the process whose object is st's (device and inode). */
static uint32_t count_handles(const ds_target *t, const struct stat *st)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%u/fd", ds_live_memory_task(t));
    DIR *d = opendir(path);
    uint32_t n = 0;
    for (struct dirent *de; d && (de = readdir(d));) {
        if (de->d_name[0] == '.')
            continue;
        struct stat other;
        if (fstatat(dirfd(d), de->d_name, &other, 0) == 0 && other.st_dev == st->st_dev &&
            other.st_ino == st->st_ino)
            n++;
    }
    if (d)
        closedir(d);
    return n ? n : 1;
}

static HRESULT describe_fd(ds_target *t, uint64_t handle, struct fd_facts *f)
{
    if (handle > INT_MAX)
        return ds_fail(t, E_INVALIDARG, "ReadHandleData: 0x%llx is not a file descriptor",
                       (unsigned long long)handle);
    int fd = (int)handle;
    char path[64];
    snprintf(path, sizeof path, "/proc/%u/fd/%d", ds_live_memory_task(t), fd);
    ssize_t n = readlink(path, f->object_name, sizeof f->object_name - 1);
    if (n < 0) {
        int err = errno;
        snprintf(path, sizeof path, "/proc/%u", t->pid);
        if (access(path, F_OK) != 0)
            return ds_fail(t, E_UNEXPECTED, "ReadHandleData: process %u has exited", t->pid);
        if (err == ENOENT)
            return ds_fail(t, E_INVALIDARG, "ReadHandleData: process %u has no file descriptor "
                           "%d", t->pid, fd);
        return ds_fail_errno(t, E_ACCESSDENIED, err, "ReadHandleData: cannot read the link "
                             "/proc/%u/fd/%d", t->pid, fd);
    }
    f->object_name[n] = '\0';
    struct stat st;
    bool have_stat = stat(path, &st) == 0;
    unsigned long flags = fd_flags(t, fd);
    f->type_name = type_of(f->object_name, &st, have_stat);
    f->attributes = flags & O_CLOEXEC ? 0 : OBJ_INHERIT;
    f->granted_access = access_of(flags);
    f->handle_count = have_stat ? count_handles(t, &st) : 1;
    return S_OK;
}

/* ---- the answers (dbgeng's conventions, as minidump_handles.c) ------------------ */

/* The next code point of UTF-8 text at *s (U+FFFD for a bad byte). */
static uint32_t next_code_point(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t c = p[0];
    int extra = c >= 0xF5 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
    if (c >= 0x80 && extra == 0) {
        *s = p + 1;
        return 0xFFFD;
    }
    if (extra)
        c &= 0x3Fu >> extra;
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s = p + 1;
            return 0xFFFD;
        }
        c = c << 6 | (p[i] & 0x3F);
    }
    *s = p + 1 + extra;
    bool overlong = (extra == 2 && c < 0x800) || (extra == 3 && c < 0x10000);
    return overlong || (c >= 0xD800 && c < 0xE000) || c > 0x10FFFF ? 0xFFFD : c;
}

/* UTF-16 of s, without NUL; *units its length. NULL when out of memory. */
static WCHAR *utf16_of(const char *s, size_t *units)
{
    size_t len = strlen(s);
    WCHAR *w = malloc((2 * len + 1) * sizeof *w);
    *units = 0;
    for (const unsigned char *p = (const unsigned char *)s; w && *p;) {
        uint32_t c = next_code_point(&p);
        if (c >= 0x10000) {
            w[(*units)++] = (WCHAR)(0xD800 + ((c - 0x10000) >> 10));
            w[(*units)++] = (WCHAR)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            w[(*units)++] = (WCHAR)c;
        }
    }
    return w;
}

/* A wide name: s (UTF-8) as UTF-16LE. */
static HRESULT answer_wide(ds_target *t, const char *s, void *buf, uint32_t size,
                           uint32_t *data_size)
{
    size_t units;
    WCHAR *w = utf16_of(s, &units);
    if (!w)
        return ds_fail(t, E_OUTOFMEMORY, "ReadHandleData: out of memory");
    uint8_t *le = (uint8_t *)w; /* rewritten in place, unit by unit */
    for (size_t i = 0; i < units; i++) {
        WCHAR u = w[i];
        le[2 * i] = (uint8_t)u;
        le[2 * i + 1] = (uint8_t)(u >> 8);
    }
    HRESULT hr = ds_answer_wide(le, units, buf, size, data_size);
    free(w);
    return hr;
}

HRESULT ds_live_read_handle_data(ds_target *t, uint64_t handle, uint32_t data_type, void *buf,
                                 uint32_t size, uint32_t *data_size)
{
    if (data_size)
        *data_size = 0;
    struct fd_facts *f = malloc(sizeof *f);
    if (!f)
        return ds_fail(t, E_OUTOFMEMORY, "ReadHandleData: out of memory");
    HRESULT hr = describe_fd(t, handle, f);
    if (SUCCEEDED(hr)) {
        switch (data_type) {
        case DEBUG_HANDLE_DATA_TYPE_BASIC: {
            DEBUG_HANDLE_DATA_BASIC basic = {
                .TypeNameSize = (ULONG)strlen(f->type_name) + 1,
                .ObjectNameSize = (ULONG)strlen(f->object_name) + 1,
                .Attributes = f->attributes,
                .GrantedAccess = f->granted_access,
                .HandleCount = f->handle_count,
                .PointerCount = f->handle_count,
            };
            hr = ds_answer_fixed(t, &basic, sizeof basic, "DEBUG_HANDLE_DATA_BASIC", buf, size,
                              data_size);
            break;
        }
        case DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT: {
            ULONG count = f->handle_count;
            hr = ds_answer_fixed(t, &count, sizeof count, "a handle count", buf, size, data_size);
            break;
        }
        case DEBUG_HANDLE_DATA_TYPE_TYPE_NAME:
            hr = ds_answer_narrow(f->type_name, buf, size, data_size);
            break;
        case DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME:
            hr = ds_answer_narrow(f->object_name, buf, size, data_size);
            break;
        case DEBUG_HANDLE_DATA_TYPE_TYPE_NAME_WIDE:
            hr = answer_wide(t, f->type_name, buf, size, data_size);
            break;
        case DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME_WIDE:
            hr = answer_wide(t, f->object_name, buf, size, data_size);
            break;
        default:
            hr = ds_fail(t, E_NOTIMPL, "ReadHandleData: handle data type %u (per-object "
                         "information) is not known for file descriptors", data_type);
            break;
        }
    }
    free(f);
    return hr;
}
