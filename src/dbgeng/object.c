/*
 * object.c — the client object of the dbgeng face: DebugCreate, COM
 * identity (QueryInterface), reference counts, and the error sentences.
 *
 * COM rules kept here: QueryInterface for any served interface from any
 * interface answers the same pointer for the same family; IID_IUnknown
 * always answers &client (the identity); each successful QueryInterface
 * adds a reference; the object lives while any reference does, whatever
 * order they are released in; anything else is E_NOINTERFACE with *out NULL.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "face.h"

static bool same_iid(REFIID a, const GUID *b)
{
    return memcmp(a, b, sizeof *b) == 0;
}

HRESULT face_query_interface(struct face *f, REFIID iid, PVOID *out)
{
    if (!out)
        return face_fail(E_POINTER, "QueryInterface: Interface is NULL");
    *out = NULL;
    if (!iid)
        return face_fail(E_INVALIDARG, "QueryInterface: InterfaceId is NULL");
    void *p = NULL;
    if (same_iid(iid, &IID_IUnknown) || same_iid(iid, &IID_IDebugClient) ||
        same_iid(iid, &IID_IDebugClient2) || same_iid(iid, &IID_IDebugClient3) ||
        same_iid(iid, &IID_IDebugClient4) || same_iid(iid, &IID_IDebugClient5))
        p = &f->client;
    else if (same_iid(iid, &IID_IDebugControl) || same_iid(iid, &IID_IDebugControl2) ||
             same_iid(iid, &IID_IDebugControl3) || same_iid(iid, &IID_IDebugControl4))
        p = &f->control;
    else if (same_iid(iid, &IID_IDebugDataSpaces) || same_iid(iid, &IID_IDebugDataSpaces2) ||
             same_iid(iid, &IID_IDebugDataSpaces3) || same_iid(iid, &IID_IDebugDataSpaces4))
        p = &f->data;
    else if (same_iid(iid, &IID_IDebugSymbols) || same_iid(iid, &IID_IDebugSymbols2) ||
             same_iid(iid, &IID_IDebugSymbols3))
        p = &f->symbols;
    else if (same_iid(iid, &IID_IDebugSystemObjects) || same_iid(iid, &IID_IDebugSystemObjects2))
        p = &f->system;
    else if (same_iid(iid, &IID_IDebugAdvanced))
        p = &f->advanced;
    if (!p)
        return face_fail(E_NOINTERFACE,
                         "QueryInterface: the dataspaces engine has no interface "
                         "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                         (unsigned)iid->Data1, iid->Data2, iid->Data3, iid->Data4[0], iid->Data4[1],
                         iid->Data4[2], iid->Data4[3], iid->Data4[4], iid->Data4[5], iid->Data4[6],
                         iid->Data4[7]);
    face_addref(f);
    *out = p;
    return S_OK;
}

ULONG face_addref(struct face *f)
{
    return atomic_fetch_add(&f->refs, 1) + 1;
}

ULONG face_release(struct face *f)
{
    ULONG left = atomic_fetch_sub(&f->refs, 1) - 1;
    if (left == 0) {
        face_end_passive(f);
        face_output_release(f);
        free(f);
    }
    return left;
}

HRESULT face_not_implemented(const char *method)
{
    return face_fail(E_NOTIMPL, "%s is not implemented by the dataspaces engine (docs/dbgeng.md)",
                     method);
}

HRESULT face_fail(HRESULT hr, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return ds_fail(NULL, hr, "%s", text);
}

HRESULT face_pass(struct face *f, HRESULT hr)
{
    if (FAILED(hr) && f->target)
        ds_fail(NULL, hr, "%s", ds_error_text(f->target));
    return hr;
}

HRESULT face_target(struct face *f, const char *method, ds_target **out)
{
    *out = NULL;
    switch (f->state) {
    case FACE_NO_TARGET:
        return face_fail(E_UNEXPECTED, "%s: no target (open a dump, attach or create a process, "
                                       "then WaitForEvent)", method);
    case FACE_PENDING:
        return face_fail(E_UNEXPECTED, "%s: the %s target is not accessible until WaitForEvent "
                                       "has returned", method, ds_target_kind(f->target));
    case FACE_ACTIVE:
        break;
    }
    *out = f->target;
    return S_OK;
}

void face_end_session(struct face *f)
{
    ds_session_destroy(f->session);
    f->session = NULL;
    f->session_target = NULL;
    ds_close(f->target);
    f->target = NULL;
    f->state = FACE_NO_TARGET;
    f->launched = false;
    f->current_thread = 0;
}

static HRESULT create(REFIID iid, PVOID *out)
{
    if (!out)
        return face_fail(E_POINTER, "DebugCreate: Interface is NULL");
    *out = NULL;
    struct face *f = calloc(1, sizeof *f);
    if (!f)
        return face_fail(E_OUTOFMEMORY, "DebugCreate: out of memory for the client object");
    f->client.lpVtbl = &face_client_vtbl;
    f->control.lpVtbl = &face_control_vtbl;
    f->data.lpVtbl = &face_dataspaces_vtbl;
    f->symbols.lpVtbl = &face_symbols_vtbl;
    f->system.lpVtbl = &face_systemobjects_vtbl;
    f->advanced.lpVtbl = &face_advanced_vtbl;
    f->output_mask = DEBUG_OUTPUT_NORMAL | DEBUG_OUTPUT_ERROR | DEBUG_OUTPUT_WARNING |
                     DEBUG_OUTPUT_PROMPT | DEBUG_OUTPUT_PROMPT_REGISTERS;
    atomic_init(&f->refs, 1);
    /* The caller's reference comes from QueryInterface; ours goes after. */
    HRESULT hr = face_query_interface(f, iid, out);
    face_release(f);
    return hr;
}

HRESULT DebugCreate(REFIID InterfaceId, PVOID *Interface)
{
    return create(InterfaceId, Interface);
}

HRESULT DebugCreateEx(REFIID InterfaceId, DWORD DbgEngOptions, PVOID *Interface)
{
    (void)DbgEngOptions;
    return create(InterfaceId, Interface);
}

HRESULT DebugConnect(PCSTR RemoteOptions, REFIID InterfaceId, PVOID *Interface)
{
    (void)InterfaceId;
    if (Interface)
        *Interface = NULL;
    return face_fail(E_NOTIMPL,
                     "DebugConnect(\"%s\"): Microsoft's remote engine protocol is not implemented; "
                     "use ds_connect for a GDB remote server",
                     RemoteOptions ? RemoteOptions : "(null)");
}
