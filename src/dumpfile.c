/*
 * dumpfile.c — ds_open_dump: map a dump file once and hand it to the
 * backend its magic names (ELF core or Windows minidump).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target.h"

/* Win32 error codes (winerror.h) that only the opener uses. */
#define ERROR_FILE_NOT_FOUND 2
#define ERROR_PATH_NOT_FOUND 3
#define ERROR_TOO_MANY_OPEN_FILES 4
#define ERROR_FILENAME_EXCED_RANGE 206
#define ERROR_CANT_RESOLVE_FILENAME 1921

/* What open(2)'s errno is in dbgeng's terms: the Win32 error CreateFile
   gives for the same trouble. A symbolic-link loop is what Windows reports
   for too many reparse points: ERROR_CANT_RESOLVE_FILENAME ("the name of
   the file cannot be resolved by the system"), not a refusal; a path
   whose directory part is missing or not a directory is
   ERROR_PATH_NOT_FOUND, as CreateFile says for a missing directory. */
static HRESULT open_failure(int err)
{
    switch (err) {
    case ENOENT: return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    case ENOTDIR: return HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND);
    case ELOOP: return HRESULT_FROM_WIN32(ERROR_CANT_RESOLVE_FILENAME);
    case ENAMETOOLONG: return HRESULT_FROM_WIN32(ERROR_FILENAME_EXCED_RANGE);
    case EMFILE: case ENFILE: return HRESULT_FROM_WIN32(ERROR_TOO_MANY_OPEN_FILES);
    case ENOMEM: return E_OUTOFMEMORY;
    case EACCES: case EPERM: return E_ACCESSDENIED;
    default: return E_FAIL;
    }
}

HRESULT ds_open_dump(const char *path, unsigned flags, ds_target **out)
{
    if (!out)
        return ds_fail(NULL, E_INVALIDARG, "ds_open_dump: out is NULL");
    *out = NULL;
    if (!path || !*path)
        return ds_fail(NULL, E_INVALIDARG, "ds_open_dump: no file given");
    if (flags & ~DS_OPEN_WRITABLE_COPY)
        return ds_fail(NULL, E_INVALIDARG, "ds_open_dump: unknown flag bits 0x%x (flags 0x%x; "
                       "only DS_OPEN_WRITABLE_COPY)", flags & ~DS_OPEN_WRITABLE_COPY, flags);
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
       writer, maybe for ever; a FIFO is then refused as not a regular
       file. (It changes nothing for regular files.) */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return ds_fail_errno(NULL, open_failure(errno), errno, "cannot open dump file %s", path);
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int err = errno;
        close(fd);
        return ds_fail_errno(NULL, E_FAIL, err, "cannot stat dump file %s", path);
    }
    if (!S_ISREG(st.st_mode) || st.st_size < 4) {
        close(fd);
        return ds_fail(NULL, E_INVALIDARG, "%s is not a dump file: %s", path,
                       S_ISREG(st.st_mode) ? "it is shorter than any header" : "not a regular file");
    }
    size_t size = (size_t)st.st_size;
    /* A private mapping: DS_OPEN_WRITABLE_COPY writes land in our copy of
       the pages, never in the file. */
    int prot = PROT_READ | ((flags & DS_OPEN_WRITABLE_COPY) ? PROT_WRITE : 0);
    void *map = mmap(NULL, size, prot, MAP_PRIVATE, fd, 0);
    int err = errno;
    close(fd);
    if (map == MAP_FAILED)
        return ds_fail_errno(NULL, E_OUTOFMEMORY, err, "cannot map dump file %s", path);
    HRESULT hr;
    const unsigned char *m = map;
    if (memcmp(m, "\177ELF", 4) == 0)
        hr = ds_elfcore_open(path, map, size, flags, out);
    else if (memcmp(m, "MDMP", 4) == 0)
        hr = ds_minidump_open(path, map, size, flags, out);
    else
        hr = ds_fail(NULL, E_INVALIDARG,
                     "%s is neither an ELF core nor a minidump (magic %02x %02x %02x %02x)", path,
                     m[0], m[1], m[2], m[3]);
    /* On success the backend owns the mapping and unmaps it on close. */
    if (FAILED(hr))
        munmap(map, size);
    else
        snprintf((*out)->where, sizeof (*out)->where, "dump file %s", path);
    return hr;
}
