/*
 * dump_out.c — the file a dump is written to. It is made under a
 * temporary name beside the one asked for (same directory, so the final
 * rename is atomic and never crosses a file system) and renamed only once
 * every byte is written: a failed or cancelled write leaves no half dump
 * under the requested name, and an existing file there stays whole until
 * the new one replaces it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "writer.h"

HRESULT dump_out_open(struct dump_out *o, ds_target *t, const char *path, bool no_overwrite,
                      ds_dump_progress_fn progress, void *ctx)
{
    memset(o, 0, sizeof *o);
    o->t = t;
    o->path = path;
    o->fd = -1;
    o->progress = progress;
    o->progress_ctx = ctx;
    if (no_overwrite && access(path, F_OK) == 0)
        return ds_fail(t, HRESULT_FROM_WIN32(ERROR_FILE_EXISTS), "WriteDumpFile2: %s already "
                       "exists (DEBUG_FORMAT_NO_OVERWRITE)", path);
    size_t n = strlen(path) + sizeof ".dstmp.XXXXXX";
    o->tmp_path = malloc(n);
    if (!o->tmp_path)
        return ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory naming %s", path);
    snprintf(o->tmp_path, n, "%s.dstmp.XXXXXX", path);
    o->fd = mkostemp(o->tmp_path, O_CLOEXEC);
    if (o->fd < 0) {
        int err = errno;
        free(o->tmp_path);
        o->tmp_path = NULL;
        return ds_fail_errno(t, HRESULT_FROM_WIN32(err == ENOSPC ? ERROR_DISK_FULL
                                                                 : ERROR_ACCESS_DENIED),
                             err, "WriteDumpFile2: cannot create a file beside %s", path);
    }
    fchmod(o->fd, 0644);  /* mkstemp's 0600 would hide the dump from its readers */
    return S_OK;
}

HRESULT dump_out_pwrite(struct dump_out *o, const void *buf, size_t n, uint64_t off)
{
    const uint8_t *p = buf;
    while (n) {
        ssize_t w = pwrite(o->fd, p, n, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int err = w < 0 ? errno : ENOSPC;
            HRESULT hr = err == ENOSPC || err == EDQUOT || err == EFBIG
                             ? HRESULT_FROM_WIN32(ERROR_DISK_FULL)
                             : HRESULT_FROM_WIN32(ERROR_WRITE_FAULT);
            return ds_fail_errno(o->t, hr, err, "WriteDumpFile2: writing %zu bytes at offset "
                                 "0x%llx of %s (for %s) failed", n, (unsigned long long)off,
                                 o->tmp_path, o->path);
        }
        p += w;
        n -= (size_t)w;
        off += (uint64_t)w;
    }
    return S_OK;
}

HRESULT dump_out_memory(struct dump_out *o, uint64_t addr, uint64_t size, uint64_t off,
                        uint8_t *chunk, uint64_t *zeroed)
{
    while (size) {
        size_t n = size < DS_DUMP_CHUNK ? (size_t)size : DS_DUMP_CHUNK;
        size_t done = 0;
        ds_backend_read(o->t, addr, chunk, n, &done);
        if (done < n) {
            memset(chunk + done, 0, n - done);  /* the map said readable; the read disagreed */
            *zeroed += n - done;
        }
        HRESULT hr = dump_out_pwrite(o, chunk, n, off);
        if (FAILED(hr))
            return hr;
        addr += n;
        off += n;
        size -= n;
        o->mem_done += n;
        if (o->progress && o->progress(o->progress_ctx, o->mem_done, o->mem_total))
            return ds_fail(o->t, E_ABORT, "WriteDumpFile2: the progress callback cancelled "
                           "writing %s", o->path);
    }
    return S_OK;
}

HRESULT dump_out_commit(struct dump_out *o)
{
    int fd = o->fd;
    o->fd = -1;
    if (close(fd) != 0) {
        int err = errno;
        dump_out_abort(o);
        return ds_fail_errno(o->t, HRESULT_FROM_WIN32(err == ENOSPC ? ERROR_DISK_FULL
                                                                   : ERROR_WRITE_FAULT),
                             err, "WriteDumpFile2: closing %s failed", o->path);
    }
    if (rename(o->tmp_path, o->path) != 0) {
        int err = errno;
        dump_out_abort(o);
        return ds_fail_errno(o->t, HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), err,
                             "WriteDumpFile2: renaming the finished dump to %s failed", o->path);
    }
    free(o->tmp_path);
    o->tmp_path = NULL;
    return S_OK;
}

void dump_out_abort(struct dump_out *o)
{
    if (o->fd >= 0)
        close(o->fd);
    o->fd = -1;
    if (o->tmp_path)
        unlink(o->tmp_path);
    free(o->tmp_path);
    o->tmp_path = NULL;
}

/* ---- the blob -------------------------------------------------------------- */

uint64_t blob_add(struct dump_blob *b, const void *data, size_t n, size_t align)
{
    size_t at = align > 1 ? (b->len + align - 1) / align * align : b->len;
    if (b->failed || at + n < at) {
        b->failed = true;
        return b->base + b->len;
    }
    if (at + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < at + n)
            cap *= 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return b->base + b->len;
        }
        b->p = p;
        b->cap = cap;
    }
    memset(b->p + b->len, 0, at - b->len);
    if (data)
        memcpy(b->p + at, data, n);
    else
        memset(b->p + at, 0, n);
    b->len = at + n;
    return b->base + at;
}

static void blob_put(struct dump_blob *b, uint64_t file_off, uint64_t v, unsigned size)
{
    if (b->failed || file_off < b->base || file_off - b->base + size > b->len)
        return;
    uint8_t *p = b->p + (file_off - b->base);
    for (unsigned i = 0; i < size; i++)
        p[i] = (uint8_t)(v >> (8 * i));  /* both formats are written little-endian */
}

void blob_put16(struct dump_blob *b, uint64_t file_off, uint16_t v) { blob_put(b, file_off, v, 2); }
void blob_put32(struct dump_blob *b, uint64_t file_off, uint32_t v) { blob_put(b, file_off, v, 4); }
void blob_put64(struct dump_blob *b, uint64_t file_off, uint64_t v) { blob_put(b, file_off, v, 8); }
