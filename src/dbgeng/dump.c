/*
 * dump.c — IDebugClient::WriteDumpFile, IDebugClient2::WriteDumpFile2 and
 * IDebugClient4::WriteDumpFileWide: thin calls into ds_write_dump.
 *
 * The qualifier is mapped as dbgeng maps it for a user-mode session:
 * DEBUG_DUMP_SMALL (DEBUG_USER_WINDOWS_SMALL_DUMP) is a minidump with the
 * DEBUG_FORMAT_* flags given; DEBUG_DUMP_DEFAULT (DEBUG_USER_WINDOWS_DUMP,
 * the legacy "full user dump") takes only the generic flags and is written
 * as the minidump holding every byte (Memory64ListStream), the file today's
 * tools read for a full dump; DEBUG_DUMP_FULL and the other kernel
 * qualifiers are E_INVALIDARG, as dbgeng answers in user mode. The
 * library's DS_DUMP_ELF_CORE is accepted too. As dbgeng does, the engine
 * writes "Creating FILE - mini user dump" and "Dump successfully written"
 * to the output callbacks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "face.h"
#include "methods.h"

/* The flags valid with every qualifier (dbgeng's GENERIC_FORMATS). */
#define GENERIC_FORMATS (DEBUG_FORMAT_WRITE_CAB | DEBUG_FORMAT_CAB_SECONDARY_FILES | \
                         DEBUG_FORMAT_NO_OVERWRITE)

static HRESULT write_dump(struct face *f, const char *method, const char *path, ULONG qualifier,
                          ULONG flags, const char *comment)
{
    ds_target *t;
    HRESULT hr = face_target(f, method, &t);
    if (FAILED(hr))
        return hr;
    if (!path || !*path)
        return face_fail(E_INVALIDARG, "%s: no file name given", method);
    uint32_t format;
    switch (qualifier) {
    case DEBUG_DUMP_SMALL:
        format = DS_DUMP_MINIDUMP;
        break;
    case DEBUG_DUMP_DEFAULT:
        if (flags & ~GENERIC_FORMATS)
            return face_fail(E_INVALIDARG, "%s: DEBUG_DUMP_DEFAULT (a full user dump) takes only "
                             "the CAB and NO_OVERWRITE flags, not 0x%lx", method,
                             (unsigned long)(flags & ~GENERIC_FORMATS));
        format = DS_DUMP_MINIDUMP;
        flags |= DS_FORMAT_USER_SMALL_FULL_MEMORY | DS_FORMAT_USER_SMALL_FULL_MEMORY_INFO;
        break;
    case DS_DUMP_ELF_CORE:
        format = DS_DUMP_ELF_CORE;
        break;
    default:
        return face_fail(E_INVALIDARG, "%s: qualifier %lu is not a user-mode dump (DEBUG_DUMP_SMALL "
                         "or DEBUG_DUMP_DEFAULT)", method, (unsigned long)qualifier);
    }
    char line[64 + 4096];
    int n = snprintf(line, sizeof line, "Creating %s - %s\n", path,
                     format == DS_DUMP_ELF_CORE ? "ELF core dump" : "mini user dump");
    face_output(f, DEBUG_OUTPUT_NORMAL, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
    hr = ds_write_dump(t, path, format, flags, comment);
    if (FAILED(hr))
        return face_pass(f, hr);
    static const char done[] = "Dump successfully written\n";
    face_output(f, DEBUG_OUTPUT_NORMAL, done, sizeof done - 1);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_WriteDumpFile(IDebugClient5 *This, PCSTR DumpFile, ULONG Qualifier)
{
    return write_dump(face_of_client(This), "WriteDumpFile", DumpFile, Qualifier,
                      DEBUG_FORMAT_DEFAULT, NULL);
}

HRESULT STDMETHODCALLTYPE Client_WriteDumpFile2(IDebugClient5 *This, PCSTR DumpFile, ULONG Qualifier,
                                                ULONG FormatFlags, PCSTR Comment)
{
    return write_dump(face_of_client(This), "WriteDumpFile2", DumpFile, Qualifier, FormatFlags,
                      Comment);
}

HRESULT STDMETHODCALLTYPE Client_WriteDumpFileWide(IDebugClient5 *This, PCWSTR FileName,
                                                   ULONG64 FileHandle, ULONG Qualifier,
                                                   ULONG FormatFlags, PCWSTR Comment)
{
    /* A handle is a Windows file handle: the library writes beside a path
     * and renames, which a handle cannot do. */
    if (FileHandle)
        return face_fail(E_NOTIMPL, "WriteDumpFileWide: writing to a file handle (0x%llx) is not "
                         "supported; give FileName", (unsigned long long)FileHandle);
    if (!FileName)
        return face_fail(E_INVALIDARG, "WriteDumpFileWide: FileName is NULL");
    char *path = face_utf8_of(FileName);
    char *comment = Comment ? face_utf8_of(Comment) : NULL;
    HRESULT hr;
    if (!path || (Comment && !comment))
        hr = face_fail(E_OUTOFMEMORY, "WriteDumpFileWide: out of memory converting the names");
    else
        hr = write_dump(face_of_client(This), "WriteDumpFileWide", path, Qualifier, FormatFlags,
                        comment);
    free(path);
    free(comment);
    return hr;
}
