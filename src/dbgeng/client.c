/*
 * client.c — IDebugClient..5: starting and ending a session (open a dump,
 * attach to a process, create one), and the client's identity.
 *
 * One session at a time: the engine holds at most one target; starting a
 * second while one is open is E_UNEXPECTED (EndSession first). A session
 * opened here becomes usable at the next IDebugControl::WaitForEvent, as
 * in dbgeng. Failures also go to the output callbacks as an error line, as
 * dbgeng writes them.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "face.h"
#include "methods.h"

/* Processes this client started: EndSession and TerminateProcesses kill
   them, DetachProcesses lets them run (the launch leaves them running on
   ds_close, so detaching needs no kill). */
#define FACE_LAUNCH_FLAGS DS_LAUNCH_LEAVE_RUNNING

static HRESULT report(struct face *f, HRESULT hr)
{
    if (FAILED(hr)) {
        char line[600];
        int n = snprintf(line, sizeof line, "%s, HRESULT 0x%08X\n", ds_error_text(NULL),
                         (unsigned)hr);
        if (n > 0)
            face_output(f, DEBUG_OUTPUT_ERROR, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
    return hr;
}

static HRESULT may_start(struct face *f, const char *method)
{
    if (f->state != FACE_NO_TARGET)
        return face_fail(E_UNEXPECTED, "%s: the engine already has a target (the %s target); "
                                       "EndSession first", method, ds_target_kind(f->target));
    return S_OK;
}

static HRESULT started(struct face *f, HRESULT hr, ds_target *t, bool launched)
{
    if (FAILED(hr))
        return report(f, face_fail(hr, "%s", ds_error_text(NULL)));
    f->target = t;
    f->launched = launched;
    f->state = FACE_PENDING;
    return S_OK;
}

/* UTF-16 from the caller to UTF-8 for the native API (lone surrogates
   become U+FFFD). NULL when out of memory. */
char *face_utf8_of(PCWSTR w)
{
    size_t n = 0;
    while (w[n])
        n++;
    char *s = malloc(3 * n + 1);
    if (!s)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = w[i];
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < n && w[i + 1] >= 0xDC00 && w[i + 1] < 0xE000)
            c = 0x10000 + ((c - 0xD800) << 10) + (uint32_t)(w[++i] - 0xDC00);
        else if (c >= 0xD800 && c < 0xE000)
            c = 0xFFFD;
        if (c < 0x80) {
            s[k++] = (char)c;
        } else if (c < 0x800) {
            s[k++] = (char)(0xC0 | c >> 6);
            s[k++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            s[k++] = (char)(0xE0 | c >> 12);
            s[k++] = (char)(0x80 | (c >> 6 & 0x3F));
            s[k++] = (char)(0x80 | (c & 0x3F));
        } else {
            s[k++] = (char)(0xF0 | c >> 18);
            s[k++] = (char)(0x80 | (c >> 12 & 0x3F));
            s[k++] = (char)(0x80 | (c >> 6 & 0x3F));
            s[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    s[k] = '\0';
    return s;
}

/* ---- dumps -------------------------------------------------------------------- */

HRESULT STDMETHODCALLTYPE Client_OpenDumpFile(IDebugClient5 *This, PCSTR DumpFile)
{
    struct face *f = face_of_client(This);
    HRESULT hr = may_start(f, "OpenDumpFile");
    if (FAILED(hr))
        return report(f, hr);
    if (!DumpFile)
        return report(f, face_fail(E_INVALIDARG, "OpenDumpFile: DumpFile is NULL"));
    ds_target *t = NULL;
    hr = ds_open_dump(DumpFile, 0, &t);
    return started(f, hr, t, false);
}

HRESULT STDMETHODCALLTYPE Client_OpenDumpFileWide(IDebugClient5 *This, PCWSTR FileName,
                                                  ULONG64 FileHandle)
{
    struct face *f = face_of_client(This);
    HRESULT hr = may_start(f, "OpenDumpFileWide");
    if (FAILED(hr))
        return report(f, hr);
    char *path;
    if (FileHandle) {
        /* A handle is a file descriptor here: open what it refers to. */
        path = malloc(64);
        if (path)
            snprintf(path, 64, "/proc/self/fd/%llu", (unsigned long long)FileHandle);
    } else if (FileName) {
        path = face_utf8_of(FileName);
    } else {
        return report(f, face_fail(E_INVALIDARG, "OpenDumpFileWide: FileName is NULL and "
                                                 "FileHandle is 0"));
    }
    if (!path)
        return report(f, face_fail(E_OUTOFMEMORY, "OpenDumpFileWide: out of memory"));
    ds_target *t = NULL;
    hr = ds_open_dump(path, 0, &t);
    free(path);
    return started(f, hr, t, false);
}

/* ---- processes ---------------------------------------------------------------- */

static HRESULT local_server(ULONG64 Server, const char *method)
{
    if (Server != 0)
        return face_fail(E_INVALIDARG, "%s: process server 0x%llx: only the local machine (0) "
                                       "is served", method, (unsigned long long)Server);
    return S_OK;
}

static HRESULT attach(struct face *f, ULONG64 Server, ULONG ProcessId, ULONG AttachFlags,
                      const char *method)
{
    HRESULT hr = may_start(f, method);
    if (SUCCEEDED(hr))
        hr = local_server(Server, method);
    if (FAILED(hr))
        return report(f, hr);
    ds_target *t = NULL;
    /* DEBUG_ATTACH_* and DS_ATTACH_* are the same bits. */
    hr = ds_attach((int)ProcessId, AttachFlags, &t);
    return started(f, hr, t, false);
}

HRESULT STDMETHODCALLTYPE Client_AttachProcess(IDebugClient5 *This, ULONG64 Server,
                                               ULONG ProcessId, ULONG AttachFlags)
{
    return attach(face_of_client(This), Server, ProcessId, AttachFlags, "AttachProcess");
}

/* Split a command line as Windows' CommandLineToArgvW does for the common
   cases: blanks separate, double quotes group, \" is a quote. */
static char **argv_of(const char *line, char **storage)
{
    size_t n = strlen(line);
    char *buf = malloc(n + 1);
    char **argv = calloc(n / 2 + 2, sizeof *argv);
    if (!buf || !argv) {
        free(buf);
        free(argv);
        return NULL;
    }
    size_t argc = 0, k = 0;
    const char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        argv[argc++] = buf + k;
        bool quoted = false;
        while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
            if (*p == '\\' && p[1] == '"') {
                buf[k++] = '"';
                p += 2;
            } else if (*p == '"') {
                quoted = !quoted;
                p++;
            } else {
                buf[k++] = *p++;
            }
        }
        buf[k++] = '\0';
    }
    argv[argc] = NULL;
    *storage = buf;
    return argv;
}

static HRESULT create(struct face *f, ULONG64 Server, PCSTR CommandLine, const char *method)
{
    HRESULT hr = may_start(f, method);
    if (SUCCEEDED(hr))
        hr = local_server(Server, method);
    if (FAILED(hr))
        return report(f, hr);
    if (!CommandLine)
        return report(f, face_fail(E_INVALIDARG, "%s: CommandLine is NULL", method));
    char *storage = NULL;
    char **argv = argv_of(CommandLine, &storage);
    if (!argv)
        return report(f, face_fail(E_OUTOFMEMORY, "%s: out of memory", method));
    ds_target *t = NULL;
    if (!argv[0])
        hr = face_fail(E_INVALIDARG, "%s: the command line \"%s\" names no program", method,
                       CommandLine);
    else
        hr = ds_launch(argv, FACE_LAUNCH_FLAGS, &t);
    free(argv);
    free(storage);
    return started(f, hr, t, true);
}

HRESULT STDMETHODCALLTYPE Client_CreateProcess(IDebugClient5 *This, ULONG64 Server, PSTR CommandLine,
                                               ULONG CreateFlags)
{
    (void)CreateFlags; /* DEBUG_PROCESS / DEBUG_ONLY_THIS_PROCESS: one process is debugged */
    return create(face_of_client(This), Server, CommandLine, "CreateProcess");
}

HRESULT STDMETHODCALLTYPE Client_CreateProcessWide(IDebugClient5 *This, ULONG64 Server,
                                                   PWSTR CommandLine, ULONG CreateFlags)
{
    (void)CreateFlags;
    struct face *f = face_of_client(This);
    if (!CommandLine)
        return create(f, Server, NULL, "CreateProcessWide");
    char *line = face_utf8_of(CommandLine);
    if (!line)
        return report(f, face_fail(E_OUTOFMEMORY, "CreateProcessWide: out of memory"));
    HRESULT hr = create(f, Server, line, "CreateProcessWide");
    free(line);
    return hr;
}

/* CommandLine NULL: attach to ProcessId; else create (ProcessId must be 0:
   attaching to a second process is not served). */
static HRESULT create_and_attach(struct face *f, ULONG64 Server, PCSTR CommandLine,
                                 ULONG ProcessId, ULONG AttachFlags, const char *method)
{
    if (!CommandLine)
        return attach(f, Server, ProcessId, AttachFlags, method);
    if (ProcessId)
        return report(f, face_fail(E_INVALIDARG, "%s: both a command line and process %u: the "
                                                 "engine debugs one process",
                                   method, (unsigned)ProcessId));
    return create(f, Server, CommandLine, method);
}

HRESULT STDMETHODCALLTYPE Client_CreateProcessAndAttach(IDebugClient5 *This, ULONG64 Server,
                                                        PSTR CommandLine, ULONG CreateFlags,
                                                        ULONG ProcessId, ULONG AttachFlags)
{
    (void)CreateFlags;
    return create_and_attach(face_of_client(This), Server, CommandLine, ProcessId, AttachFlags,
                             "CreateProcessAndAttach");
}

HRESULT STDMETHODCALLTYPE Client_CreateProcessAndAttachWide(IDebugClient5 *This, ULONG64 Server,
                                                            PWSTR CommandLine, ULONG CreateFlags,
                                                            ULONG ProcessId, ULONG AttachFlags)
{
    (void)CreateFlags;
    struct face *f = face_of_client(This);
    char *line = CommandLine ? face_utf8_of(CommandLine) : NULL;
    if (CommandLine && !line)
        return report(f, face_fail(E_OUTOFMEMORY, "CreateProcessAndAttachWide: out of memory"));
    HRESULT hr = create_and_attach(f, Server, line, ProcessId, AttachFlags,
                                   "CreateProcessAndAttachWide");
    free(line);
    return hr;
}

/* ---- ending ------------------------------------------------------------------- */

static bool is_live(const struct face *f)
{
    return f->target && strcmp(ds_target_kind(f->target), "live") == 0;
}

static HRESULT terminate(struct face *f, const char *method)
{
    if (f->state == FACE_NO_TARGET)
        return face_fail(E_UNEXPECTED, "%s: no target", method);
    if (is_live(f)) {
        int pid = (int)ds_process_id(f->target);
        if (pid > 0 && kill(pid, SIGKILL) != 0)
            return face_fail(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED),
                             "%s: kill(%d, SIGKILL) failed: %s", method, pid, strerror(errno));
    }
    face_end_session(f);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_TerminateProcesses(IDebugClient5 *This)
{
    return terminate(face_of_client(This), "TerminateProcesses");
}

HRESULT STDMETHODCALLTYPE Client_DetachProcesses(IDebugClient5 *This)
{
    struct face *f = face_of_client(This);
    if (f->state == FACE_NO_TARGET)
        return face_fail(E_UNEXPECTED, "DetachProcesses: no target");
    face_end_session(f);  /* ds_close lets an attached or launched process run on */
    return S_OK;
}

HRESULT face_end_passive(struct face *f)
{
    /* Processes the engine started die with the session (cdb's q);
       attached ones run on. */
    if (f->state != FACE_NO_TARGET && is_live(f) && f->launched)
        return terminate(f, "EndSession");
    face_end_session(f);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_EndSession(IDebugClient5 *This, ULONG Flags)
{
    struct face *f = face_of_client(This);
    switch (Flags) {
    case DEBUG_END_PASSIVE:
    case DEBUG_END_ACTIVE_TERMINATE:
        return face_end_passive(f);
    case DEBUG_END_ACTIVE_DETACH:
    case DEBUG_END_DISCONNECT:
        face_end_session(f);
        return S_OK;
    case DEBUG_END_REENTRANT:
        return S_OK;
    default:
        return face_fail(E_INVALIDARG, "EndSession: unknown flags 0x%x", (unsigned)Flags);
    }
}

/* ---- identity ----------------------------------------------------------------- */

/* dbgeng's identity string: MACHINE\user. */
static void identity(char *id, size_t size)
{
    char host[256] = "localhost";
    if (gethostname(host, sizeof host) != 0)
        snprintf(host, sizeof host, "localhost");
    host[sizeof host - 1] = '\0';
    const char *user = getenv("USER");
    snprintf(id, size, "%s\\%s", host, user && *user ? user : "unknown");
}

HRESULT STDMETHODCALLTYPE Client_GetIdentity(IDebugClient5 *This, PSTR Buffer, ULONG BufferSize,
                                             PULONG IdentitySize)
{
    (void)This;
    char id[600];
    identity(id, sizeof id);
    size_t len = strlen(id);
    if (IdentitySize)
        *IdentitySize = (ULONG)len + 1;
    if (Buffer && BufferSize) {
        size_t k = len < BufferSize ? len : BufferSize - 1;
        memcpy(Buffer, id, k);
        Buffer[k] = '\0';
        return k < len ? S_FALSE : S_OK;
    }
    return S_OK;
}

/* The session holds one process, so "the current one" is all of them. */
HRESULT STDMETHODCALLTYPE Client_TerminateCurrentProcess(IDebugClient5 *This)
{
    return terminate(face_of_client(This), "TerminateCurrentProcess");
}

HRESULT STDMETHODCALLTYPE Client_DetachCurrentProcess(IDebugClient5 *This)
{
    return Client_DetachProcesses(This);
}

HRESULT STDMETHODCALLTYPE Client_GetIdentityWide(IDebugClient5 *This, PWSTR Buffer, ULONG BufferSize,
                                                 PULONG IdentitySize)
{
    (void)This;
    char id[600];
    identity(id, sizeof id);
    return face_give_wide(id, Buffer, BufferSize, IdentitySize);
}

/* The ...2 forms: OptionsBuffer (DEBUG_CREATE_PROCESS_OPTIONS) carries the
   same CreateFlags; a program started here runs in the caller's directory
   and environment, so another directory or environment is E_NOTIMPL. */
static HRESULT same_place(const void *InitialDirectory, const void *Environment,
                          const char *method)
{
    if (InitialDirectory || Environment)
        return face_fail(E_NOTIMPL, "%s: a program is started in the caller's directory and "
                                    "environment (InitialDirectory and Environment must be NULL)",
                         method);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_CreateProcess2(IDebugClient5 *This, ULONG64 Server, PSTR CommandLine,
                                                PVOID OptionsBuffer, ULONG OptionsBufferSize,
                                                PCSTR InitialDirectory, PCSTR Environment)
{
    (void)OptionsBuffer, (void)OptionsBufferSize;
    HRESULT hr = same_place(InitialDirectory, Environment, "CreateProcess2");
    return FAILED(hr) ? report(face_of_client(This), hr)
                      : create(face_of_client(This), Server, CommandLine, "CreateProcess2");
}

HRESULT STDMETHODCALLTYPE Client_CreateProcess2Wide(IDebugClient5 *This, ULONG64 Server,
                                                    PWSTR CommandLine, PVOID OptionsBuffer,
                                                    ULONG OptionsBufferSize,
                                                    PCWSTR InitialDirectory, PCWSTR Environment)
{
    (void)OptionsBuffer, (void)OptionsBufferSize;
    HRESULT hr = same_place(InitialDirectory, Environment, "CreateProcess2Wide");
    return FAILED(hr) ? report(face_of_client(This), hr)
                      : Client_CreateProcessWide(This, Server, CommandLine, 0);
}

HRESULT STDMETHODCALLTYPE Client_CreateProcessAndAttach2(IDebugClient5 *This, ULONG64 Server,
                                                         PSTR CommandLine, PVOID OptionsBuffer,
                                                         ULONG OptionsBufferSize,
                                                         PCSTR InitialDirectory, PCSTR Environment,
                                                         ULONG ProcessId, ULONG AttachFlags)
{
    (void)OptionsBuffer, (void)OptionsBufferSize;
    HRESULT hr = same_place(InitialDirectory, Environment, "CreateProcessAndAttach2");
    return FAILED(hr) ? report(face_of_client(This), hr)
                      : create_and_attach(face_of_client(This), Server, CommandLine, ProcessId,
                                          AttachFlags, "CreateProcessAndAttach2");
}

HRESULT STDMETHODCALLTYPE Client_CreateProcessAndAttach2Wide(IDebugClient5 *This, ULONG64 Server,
                                                             PWSTR CommandLine, PVOID OptionsBuffer,
                                                             ULONG OptionsBufferSize,
                                                             PCWSTR InitialDirectory,
                                                             PCWSTR Environment, ULONG ProcessId,
                                                             ULONG AttachFlags)
{
    (void)OptionsBuffer, (void)OptionsBufferSize;
    HRESULT hr = same_place(InitialDirectory, Environment, "CreateProcessAndAttach2Wide");
    return FAILED(hr) ? report(face_of_client(This), hr)
                      : Client_CreateProcessAndAttachWide(This, Server, CommandLine, 0, ProcessId,
                                                          AttachFlags);
}
