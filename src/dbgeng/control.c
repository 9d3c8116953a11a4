/*
 * control.c — IDebugControl..4: waiting for the target, what it is
 * (processor, pointer width, page size, kind of session), and Execute.
 * Output and OutputVaList are in output.c with the callbacks they feed.
 */
#include <stdlib.h>
#include <string.h>

#include "face.h"
#include "methods.h"

HRESULT STDMETHODCALLTYPE Control_WaitForEvent(IDebugControl4 *This, ULONG Flags, ULONG Timeout)
{
    (void)Timeout; /* the first event of a session is there at once */
    struct face *f = face_of_control(This);
    if (Flags != DEBUG_WAIT_DEFAULT)
        return face_fail(E_INVALIDARG, "WaitForEvent: unknown flags 0x%x", (unsigned)Flags);
    switch (f->state) {
    case FACE_NO_TARGET:
        return face_fail(E_UNEXPECTED, "WaitForEvent: no target to wait for (open a dump, attach "
                                       "or create a process first)");
    case FACE_PENDING:
        /* The session's first event (the dump's, or the break-in of an
           attach or a launch): from now on the target answers. */
        f->state = FACE_ACTIVE;
        return S_OK;
    case FACE_ACTIVE:
        break;
    }
    return face_fail(E_UNEXPECTED, "WaitForEvent: the %s target does not run under the dataspaces "
                                   "engine, so no further event can come",
                     ds_target_kind(f->target));
}

HRESULT STDMETHODCALLTYPE Control_GetExecutionStatus(IDebugControl4 *This, PULONG Status)
{
    struct face *f = face_of_control(This);
    if (!Status)
        return face_fail(E_INVALIDARG, "GetExecutionStatus: Status is NULL");
    switch (f->state) {
    case FACE_NO_TARGET: *Status = DEBUG_STATUS_NO_DEBUGGEE; break;
    case FACE_PENDING: *Status = DEBUG_STATUS_GO; break; /* an event is waiting to be taken */
    case FACE_ACTIVE: *Status = DEBUG_STATUS_BREAK; break;
    }
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Control_GetActualProcessorType(IDebugControl4 *This, PULONG Type)
{
    struct face *f = face_of_control(This);
    ds_target *t;
    if (!Type)
        return face_fail(E_INVALIDARG, "GetActualProcessorType: Type is NULL");
    *Type = IMAGE_FILE_MACHINE_UNKNOWN;
    HRESULT hr = face_target(f, "GetActualProcessorType", &t);
    if (FAILED(hr))
        return hr;
    *Type = ds_machine(t);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Control_GetEffectiveProcessorType(IDebugControl4 *This, PULONG Type)
{
    struct face *f = face_of_control(This);
    ds_target *t;
    if (!Type)
        return face_fail(E_INVALIDARG, "GetEffectiveProcessorType: Type is NULL");
    *Type = IMAGE_FILE_MACHINE_UNKNOWN;
    HRESULT hr = face_target(f, "GetEffectiveProcessorType", &t);
    if (FAILED(hr))
        return hr;
    *Type = ds_machine(t); /* no WOW64 view: the effective machine is the actual one */
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Control_IsPointer64Bit(IDebugControl4 *This)
{
    ds_target *t;
    HRESULT hr = face_target(face_of_control(This), "IsPointer64Bit", &t);
    if (FAILED(hr))
        return hr;
    return ds_pointer_size(t) == 8 ? S_OK : S_FALSE;
}

HRESULT STDMETHODCALLTYPE Control_GetPageSize(IDebugControl4 *This, PULONG Size)
{
    ds_target *t;
    if (!Size)
        return face_fail(E_INVALIDARG, "GetPageSize: Size is NULL");
    *Size = 0;
    HRESULT hr = face_target(face_of_control(This), "GetPageSize", &t);
    if (FAILED(hr))
        return hr;
    *Size = ds_page_size(t);
    return S_OK;
}

static bool is_kind(const ds_target *t, const char *kind)
{
    return strcmp(ds_target_kind(t), kind) == 0;
}

HRESULT STDMETHODCALLTYPE Control_GetDebuggeeType(IDebugControl4 *This, PULONG Class,
                                                  PULONG Qualifier)
{
    struct face *f = face_of_control(This);
    if (!Class || !Qualifier)
        return face_fail(E_INVALIDARG, "GetDebuggeeType: Class or Qualifier is NULL");
    if (f->state == FACE_NO_TARGET) {
        *Class = DEBUG_CLASS_UNINITIALIZED;
        *Qualifier = 0;
        return S_OK;
    }
    *Class = DEBUG_CLASS_USER_WINDOWS;
    if (is_kind(f->target, "minidump"))
        *Qualifier = DEBUG_USER_WINDOWS_SMALL_DUMP; /* what dbgeng says of every .dmp minidump */
    else if (is_kind(f->target, "elfcore"))
        *Qualifier = DEBUG_USER_WINDOWS_DUMP; /* a full user-mode memory image */
    else
        *Qualifier = DEBUG_USER_WINDOWS_PROCESS;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Control_GetDumpFormatFlags(IDebugControl4 *This, PULONG FormatFlags)
{
    struct face *f = face_of_control(This);
    ds_target *t;
    if (!FormatFlags)
        return face_fail(E_INVALIDARG, "GetDumpFormatFlags: FormatFlags is NULL");
    *FormatFlags = DEBUG_FORMAT_DEFAULT;
    HRESULT hr = face_target(f, "GetDumpFormatFlags", &t);
    if (FAILED(hr))
        return hr;
    if (!is_kind(t, "minidump") && !is_kind(t, "elfcore"))
        return face_fail(E_UNEXPECTED, "GetDumpFormatFlags: the %s target is not a dump",
                         ds_target_kind(t));
    /* DEBUG_FORMAT_* describe what a minidump writer put in; the native API
       does not expose the stream list, so no flag is claimed. */
    return S_OK;
}

/* ---- Execute: the command language (include/dataspaces/commands.h) --------- */

struct execute_sink {
    struct face *f;
    bool quiet; /* DEBUG_OUTCTL_IGNORE / LOG_ONLY: nothing to the callbacks */
};

static void to_callbacks(void *context, const char *text, size_t length)
{
    struct execute_sink *sink = context;
    if (!sink->quiet)
        face_output(sink->f, DEBUG_OUTPUT_NORMAL, text, length);
}

/* The command session over the target the data spaces see now (none
   before WaitForEvent, as then dbgeng's commands have no target either). */
static HRESULT session_for(struct face *f, ds_session **out)
{
    ds_target *t = f->state == FACE_ACTIVE ? f->target : NULL;
    if (!f->session || f->session_target != t) {
        ds_session_destroy(f->session);
        f->session = NULL;
        HRESULT hr = ds_session_create(t, &f->session);
        if (FAILED(hr))
            return face_fail(hr, "Execute: no command session: %s", ds_error_text(NULL));
        f->session_target = t;
    }
    *out = f->session;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Control_Execute(IDebugControl4 *This, ULONG OutputControl, PCSTR Command,
                                          ULONG Flags)
{
    struct face *f = face_of_control(This);
    if (!Command)
        return face_fail(E_INVALIDARG, "Execute: Command is NULL");
    ds_session *s = NULL;
    HRESULT hr = session_for(f, &s);
    if (FAILED(hr))
        return hr;
    ULONG send = OutputControl == DEBUG_OUTCTL_AMBIENT ? DEBUG_OUTCTL_THIS_CLIENT
                                                       : OutputControl & DEBUG_OUTCTL_SEND_MASK;
    struct execute_sink sink = { f, send == DEBUG_OUTCTL_IGNORE || send == DEBUG_OUTCTL_LOG_ONLY };
    if (Flags & DEBUG_EXECUTE_ECHO) {
        to_callbacks(&sink, Command, strlen(Command));
        to_callbacks(&sink, "\n", 1);
    }
    hr = ds_execute(s, Command, to_callbacks, &sink);
    /* `q` ends the session (a process the engine started dies), `qd`
       detaches, as they do in cdb. */
    int quit = ds_session_quit_requested(s);
    if (quit == DS_QUIT_END)
        f->client.lpVtbl->EndSession(&f->client, DEBUG_END_ACTIVE_TERMINATE);
    else if (quit == DS_QUIT_DETACH)
        f->client.lpVtbl->EndSession(&f->client, DEBUG_END_ACTIVE_DETACH);
    if (FAILED(hr))
        return face_fail(hr, "Execute: \"%s\" failed, HRESULT 0x%08X (its output says why)",
                         Command, (unsigned)hr);
    return hr;
}

HRESULT STDMETHODCALLTYPE Control_ExecuteWide(IDebugControl4 *This, ULONG OutputControl,
                                              PCWSTR Command, ULONG Flags)
{
    if (!Command)
        return face_fail(E_INVALIDARG, "ExecuteWide: Command is NULL");
    char *line = face_utf8_of(Command);
    if (!line)
        return face_fail(E_OUTOFMEMORY, "ExecuteWide: out of memory");
    HRESULT hr = Control_Execute(This, OutputControl, line, Flags);
    free(line);
    return hr;
}
