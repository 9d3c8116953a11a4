/*
 * serve_vfile.c — a read-only vFile ("host I/O") for gdb:
 *
 *   - /proc/PID/maps, synthetic (serve_maps.c), so that gdb's `info proc
 *     mappings` (linux-tdep.c reads that file through vFile:setfs /
 *     vFile:open / vFile:pread / vFile:close) lists the target's regions,
 *     on the targets gdb takes for Linux (serve_regs.c's target.xml);
 *   - the files of the target's modules, as they are on this machine.
 *     Once a stub answers vFile:open, gdb treats the target's file system
 *     as remote: with its default sysroot "target:" it reads executables
 *     and libraries through vFile, and would load no symbols if the stub
 *     had none (gdbserver serves every file). So a path is served when it
 *     is, on this machine, a regular ELF or PE file that some module of
 *     the target names (the same file: device and inode, so that
 *     /lib/x86_64-linux-gnu/libc.so.6 and /usr/lib/... match). A dump
 *     names what it likes; only images it names can be read this way.
 *
 * Nothing else exists: every other path is ENOENT, every write EROFS.
 * Replies follow the protocol's "F" form: "Fresult" or "F-1,errno",
 * numbers in hex, errno values gdb's fileio ones (Linux's for these);
 * pread's data and fstat's struct follow a ';', binary-escaped.
 *
 * At most SERVE_VFILE_MAX files are open at once.
 */
#include "serve.h"

#include "rsp/rsp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* fd N of the client is slot N - VFILE_FD_BASE. */
#define VFILE_FD_BASE 7u
enum { VF_FREE = 0, VF_MAPS, VF_FILE };

/* gdb's fileio errno values (include/gdb/fileio.h) */
#define FIO_ENOENT 2
#define FIO_EBADF 9
#define FIO_EINVAL 22
#define FIO_EMFILE 24
#define FIO_EROFS 30
#define FIO_ENAMETOOLONG 91
#define FIO_EIO 5
#define FIO_ENOMEM 12
#define FIO_S_IFREG 0100000
/* FILEIO_O_RDONLY is 0; these are its other access bits. */
#define FIO_O_WRONLY 0x1
#define FIO_O_RDWR 0x2
#define FIO_O_CREAT 0x200
#define FIO_O_TRUNC 0x400

/* The longest path served; a longer one is ENAMETOOLONG. */
#define PATH_CAP 1024u

static size_t fail(char *reply, int err)
{
    return (size_t)snprintf(reply, 16, "F-1,%x", (unsigned)err);
}

/* ---- module files ------------------------------------------------------- */

/* Whether path is, on this machine, the regular file that some module of
   the target names (same device and inode as *st). */
static bool names_a_module(struct serve_session *s, const struct stat *st)
{
    uint32_t n = 0;
    if (FAILED(ds_get_number_modules(s->t, &n)))
        return false;
    if (n > SERVE_MAX_MODULES)
        n = SERVE_MAX_MODULES;
    for (uint32_t i = 0; i < n; i++) {
        char name[PATH_CAP];
        uint32_t need;
        struct stat ms;
        if (ds_get_module(s->t, i, NULL, NULL, name, sizeof name, &need) == S_OK &&
            name[0] == '/' && stat(name, &ms) == 0 && ms.st_dev == st->st_dev &&
            ms.st_ino == st->st_ino)
            return true;
    }
    return false;
}

/* Open path if it may be served: a regular ELF or PE file a module
   names. The
   descriptor, or -1 with *err the fileio errno. */
static int open_module_file(struct serve_session *s, const char *path, int *err)
{
    struct stat st, fst;
    *err = FIO_ENOENT;
    /* stat first: nothing is opened (no FIFO, no device) unless it is a
       regular file the target names. */
    if (path[0] != '/' || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        !names_a_module(s, &st))
        return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    unsigned char magic[4];
    if (fstat(fd, &fst) != 0 || fst.st_dev != st.st_dev || fst.st_ino != st.st_ino ||
        pread(fd, magic, 4, 0) != 4 ||
        (memcmp(magic, "\x7f" "ELF", 4) != 0 && memcmp(magic, "MZ", 2) != 0)) {
        close(fd);
        return -1;
    }
    return fd;
}

/* ---- the operations ------------------------------------------------------- */

void serve_vfile_release(struct serve_session *s)
{
    for (unsigned i = 0; i < SERVE_VFILE_MAX; i++) {
        if (s->vfile_kind[i] == VF_FILE)
            close(s->vfile_fd[i]);
        s->vfile_kind[i] = VF_FREE;
    }
}

/* "ARG," or "ARG" then the end: one hex number; negative numbers (gdb
   never sends them for what we read) are refused as malformed. */
static bool scan_arg(const char **p, const char *end, bool last, uint64_t *v)
{
    if (!rsp_scan_hex_u64(p, end, v))
        return false;
    if (last)
        return *p == end;
    if (*p == end || **p != ',')
        return false;
    (*p)++;
    return true;
}

/* The slot of the client's fd, -1 when it is not open. */
static int slot_of(struct serve_session *s, uint64_t fd)
{
    if (fd < VFILE_FD_BASE || fd - VFILE_FD_BASE >= SERVE_VFILE_MAX)
        return -1;
    unsigned i = (unsigned)(fd - VFILE_FD_BASE);
    return s->vfile_kind[i] == VF_FREE ? -1 : (int)i;
}

/* The open file a lone "FD" argument names (vFile:fstat, vFile:close): its
   slot, or -1 with *err the fileio errno (EINVAL malformed, EBADF not open). */
static int fd_arg(struct serve_session *s, const char **p, const char *end, int *err)
{
    uint64_t fd;
    if (!scan_arg(p, end, true, &fd)) {
        *err = FIO_EINVAL;
        return -1;
    }
    int i = slot_of(s, fd);
    *err = FIO_EBADF;
    return i;
}

static size_t open_file(struct serve_session *s, const char *p, const char *end, char *reply)
{
    /* vFile:open:HEXPATH,FLAGS,MODE */
    const char *comma = memchr(p, ',', (size_t)(end - p));
    if (!comma)
        return fail(reply, FIO_EINVAL);
    size_t hex_len = (size_t)(comma - p);
    if (hex_len / 2 >= PATH_CAP)
        return fail(reply, FIO_ENAMETOOLONG);
    if (hex_len % 2)
        return fail(reply, FIO_EINVAL);
    char path[PATH_CAP];
    if (!rsp_hex_decode(p, hex_len, path))
        return fail(reply, FIO_EINVAL);
    size_t path_len = hex_len / 2;
    path[path_len] = '\0';
    const char *q = comma + 1;
    uint64_t flags, mode;
    if (!scan_arg(&q, end, false, &flags) || !scan_arg(&q, end, true, &mode))
        return fail(reply, FIO_EINVAL);
    if (memchr(path, '\0', path_len))
        return fail(reply, FIO_ENOENT); /* no file has a NUL in its name */

    char ours[48];
    int k = snprintf(ours, sizeof ours, "/proc/%u/maps", serve_pid(s));
    bool maps = path_len == (size_t)k && memcmp(path, ours, path_len) == 0;
    int fd = -1, err = FIO_ENOENT;
    if (!maps && (fd = open_module_file(s, path, &err)) < 0)
        return fail(reply, err);
    if (flags & (FIO_O_WRONLY | FIO_O_RDWR | FIO_O_CREAT | FIO_O_TRUNC)) {
        if (fd >= 0)
            close(fd);
        return fail(reply, FIO_EROFS);
    }
    unsigned i = 0;
    while (i < SERVE_VFILE_MAX && s->vfile_kind[i] != VF_FREE)
        i++;
    if (i == SERVE_VFILE_MAX) {
        if (fd >= 0)
            close(fd);
        return fail(reply, FIO_EMFILE);
    }
    if (maps)
        serve_maps_doc(s);
    s->vfile_kind[i] = maps ? VF_MAPS : VF_FILE;
    s->vfile_fd[i] = fd;
    return (size_t)snprintf(reply, 16, "F%x", VFILE_FD_BASE + i);
}

static size_t pread_file(struct serve_session *s, const char *p, const char *end, char *reply)
{
    /* vFile:pread:FD,COUNT,OFFSET */
    uint64_t fd, count, offset;
    if (!scan_arg(&p, end, false, &fd) || !scan_arg(&p, end, false, &count) ||
        !scan_arg(&p, end, true, &offset))
        return fail(reply, FIO_EINVAL);
    int i = slot_of(s, fd);
    if (i < 0)
        return fail(reply, FIO_EBADF);
    /* The header "F<count>;" takes at most 18 characters; the escaped data
       gets the rest of the reply, and the count says how much of it went
       out. The bytes read wait in the session's buffer. */
    enum { HEAD = 24 };
    uint8_t *raw = serve_scratch(s);
    if (!raw)
        return fail(reply, FIO_ENOMEM);
    const uint8_t *src = raw;
    size_t want = count < SERVE_REPLY_CAP - HEAD ? (size_t)count : SERVE_REPLY_CAP - HEAD;
    if (s->vfile_kind[i] == VF_MAPS) {
        const struct serve_doc *d = &s->proc_maps;
        size_t left = offset < d->len ? d->len - (size_t)offset : 0;
        want = want < left ? want : left;
        src = want ? (const uint8_t *)d->text + offset : raw;
    } else {
        if (offset > (uint64_t)INT64_MAX)
            return fail(reply, FIO_EINVAL);
        ssize_t got = want ? pread(s->vfile_fd[i], raw, want, (off_t)offset) : 0;
        if (got < 0)
            return fail(reply, errno == EINVAL ? FIO_EINVAL : FIO_EIO);
        want = (size_t)got;
    }
    /* Escaped behind room for the header, then moved up to it. */
    size_t used = 0;
    size_t n = want ? rsp_escape(src, want, reply + HEAD, SERVE_REPLY_CAP - HEAD, &used) : 0;
    char head[HEAD];
    size_t h = (size_t)snprintf(head, sizeof head, "F%zx;", used);
    memmove(reply + h, reply + HEAD, n);
    memcpy(reply, head, h);
    return h + n;
}

static void put_be(uint8_t *at, uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++)
        at[i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
}

/* vFile:fstat:FD — gdb's struct fio_stat (64 bytes, big-endian), which
   gdb's BFD reading of a module file wants for its size. */
static size_t fstat_file(struct serve_session *s, const char *p, const char *end, char *reply)
{
    int err, i = fd_arg(s, &p, end, &err);
    if (i < 0)
        return fail(reply, err);
    uint64_t size = s->proc_maps.len, mtime = 0, blocks = 0;
    uint32_t mode = FIO_S_IFREG | 0444, dev = 0, ino = 0;
    if (s->vfile_kind[i] == VF_FILE) {
        struct stat st;
        if (fstat(s->vfile_fd[i], &st) != 0)
            return fail(reply, FIO_EIO);
        size = (uint64_t)st.st_size;
        mtime = (uint64_t)st.st_mtime;
        blocks = (uint64_t)st.st_blocks;
        mode = FIO_S_IFREG | (st.st_mode & 0777);
        dev = (uint32_t)st.st_dev;
        ino = (uint32_t)st.st_ino;
    }
    uint8_t f[64] = {0};
    put_be(f, dev, 4);          /* st_dev */
    put_be(f + 4, ino, 4);      /* st_ino */
    put_be(f + 8, mode, 4);     /* st_mode */
    put_be(f + 12, 1, 4);       /* st_nlink */
    put_be(f + 28, size, 8);    /* st_size */
    put_be(f + 36, 4096, 8);    /* st_blksize */
    put_be(f + 44, blocks, 8);  /* st_blocks */
    put_be(f + 52, mtime, 4);   /* st_atime */
    put_be(f + 56, mtime, 4);   /* st_mtime */
    put_be(f + 60, mtime, 4);   /* st_ctime */
    size_t h = (size_t)snprintf(reply, 24, "F%x;", (unsigned)sizeof f);
    size_t used;
    return h + rsp_escape(f, sizeof f, reply + h, SERVE_REPLY_CAP - h, &used);
}

size_t serve_vfile(struct serve_session *s, const char *pkt, size_t n, char *reply)
{
    const char *end = pkt + n;
#define OP(name) (n >= strlen(name) && memcmp(pkt, name, strlen(name)) == 0)
    if (OP("vFile:setfs:")) {
        /* One file system: whichever process the client names, the same. */
        const char *p = pkt + strlen("vFile:setfs:");
        uint64_t pid;
        return scan_arg(&p, end, true, &pid) ? (size_t)snprintf(reply, 4, "F0")
                                              : fail(reply, FIO_EINVAL);
    }
    if (OP("vFile:open:"))
        return open_file(s, pkt + strlen("vFile:open:"), end, reply);
    if (OP("vFile:pread:"))
        return pread_file(s, pkt + strlen("vFile:pread:"), end, reply);
    if (OP("vFile:fstat:"))
        return fstat_file(s, pkt + strlen("vFile:fstat:"), end, reply);
    if (OP("vFile:close:")) {
        const char *p = pkt + strlen("vFile:close:");
        int err, i = fd_arg(s, &p, end, &err);
        if (i < 0)
            return fail(reply, err);
        if (s->vfile_kind[i] == VF_FILE)
            close(s->vfile_fd[i]);
        s->vfile_kind[i] = VF_FREE;
        return (size_t)snprintf(reply, 4, "F0");
    }
    if (OP("vFile:pwrite:") || OP("vFile:unlink:"))
        return fail(reply, FIO_EROFS);
    if (OP("vFile:readlink:") || OP("vFile:stat:"))
        return fail(reply, FIO_ENOENT); /* no /proc/PID/exe, no links */
#undef OP
    return 0;
}
