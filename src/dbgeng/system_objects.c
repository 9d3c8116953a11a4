/*
 * system_objects.c — IDebugSystemObjects..2: the one process of the
 * session and its threads. Engine ids are indexes: the process is 0, a
 * thread's engine id is its index in ds_get_thread_ids' order. The current
 * thread starts as thread 0 (the one a dump or an attach stopped in, the
 * event thread) and SetCurrentThreadId moves it; it changes nothing the
 * data spaces answer (they have no per-thread state).
 */
#include "face.h"
#include "methods.h"

#define WITH_TARGET(method)                                                          \
    struct face *f = face_of_systemobjects(This);                                    \
    ds_target *t;                                                                    \
    HRESULT hr = face_target(f, (method), &t);                                       \
    if (FAILED(hr))                                                                  \
        return hr

HRESULT STDMETHODCALLTYPE SystemObjects_GetNumberThreads(IDebugSystemObjects2 *This, PULONG Number)
{
    WITH_TARGET("GetNumberThreads");
    return face_pass(f, ds_get_number_threads(t, Number));
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetTotalNumberThreads(IDebugSystemObjects2 *This,
                                                              PULONG Total, PULONG LargestProcess)
{
    WITH_TARGET("GetTotalNumberThreads");
    if (!Total || !LargestProcess)
        return face_fail(E_INVALIDARG, "GetTotalNumberThreads: Total or LargestProcess is NULL");
    hr = ds_get_number_threads(t, Total);
    *LargestProcess = *Total;
    return face_pass(f, hr);
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetThreadIdsByIndex(IDebugSystemObjects2 *This, ULONG Start,
                                                            ULONG Count, PULONG Ids, PULONG SysIds)
{
    WITH_TARGET("GetThreadIdsByIndex");
    uint32_t n = 0;
    hr = ds_get_number_threads(t, &n);
    if (FAILED(hr))
        return face_pass(f, hr);
    if (Start > n || Count > n - Start)
        return face_fail(E_INVALIDARG, "GetThreadIdsByIndex: threads %u..%u asked for, the "
                                       "target has %u", (unsigned)Start,
                         (unsigned)(Start + Count), (unsigned)n);
    if (Ids)
        for (ULONG i = 0; i < Count; i++)
            Ids[i] = Start + i;
    return SysIds ? face_pass(f, ds_get_thread_ids(t, Start, Count, SysIds)) : S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetCurrentThreadId(IDebugSystemObjects2 *This, PULONG Id)
{
    WITH_TARGET("GetCurrentThreadId");
    (void)t;
    if (!Id)
        return face_fail(E_INVALIDARG, "GetCurrentThreadId: Id is NULL");
    *Id = f->current_thread;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetCurrentThreadSystemId(IDebugSystemObjects2 *This,
                                                                 PULONG SysId)
{
    WITH_TARGET("GetCurrentThreadSystemId");
    if (!SysId)
        return face_fail(E_INVALIDARG, "GetCurrentThreadSystemId: SysId is NULL");
    uint32_t n = 0;
    hr = ds_get_number_threads(t, &n);
    if (FAILED(hr))
        return face_pass(f, hr);
    if (f->current_thread >= n)
        return face_fail(E_UNEXPECTED, "GetCurrentThreadSystemId: the %s target lists %u threads, "
                                       "none is current", ds_target_kind(t), (unsigned)n);
    return face_pass(f, ds_get_thread_ids(t, f->current_thread, 1, SysId));
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetCurrentProcessId(IDebugSystemObjects2 *This, PULONG Id)
{
    WITH_TARGET("GetCurrentProcessId");
    (void)t;
    if (!Id)
        return face_fail(E_INVALIDARG, "GetCurrentProcessId: Id is NULL");
    *Id = 0;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetCurrentProcessSystemId(IDebugSystemObjects2 *This,
                                                                  PULONG SysId)
{
    WITH_TARGET("GetCurrentProcessSystemId");
    if (!SysId)
        return face_fail(E_INVALIDARG, "GetCurrentProcessSystemId: SysId is NULL");
    *SysId = ds_process_id(t);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetNumberProcesses(IDebugSystemObjects2 *This, PULONG Number)
{
    WITH_TARGET("GetNumberProcesses");
    (void)t;
    if (!Number)
        return face_fail(E_INVALIDARG, "GetNumberProcesses: Number is NULL");
    *Number = 1;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetProcessIdsByIndex(IDebugSystemObjects2 *This, ULONG Start,
                                                             ULONG Count, PULONG Ids, PULONG SysIds)
{
    WITH_TARGET("GetProcessIdsByIndex");
    if (Start > 1 || Count > 1 - Start)
        return face_fail(E_INVALIDARG, "GetProcessIdsByIndex: processes %u..%u asked for, the "
                                       "session has 1", (unsigned)Start,
                         (unsigned)(Start + Count));
    if (Count && Ids)
        Ids[0] = 0;
    if (Count && SysIds)
        SysIds[0] = ds_process_id(t);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_SetCurrentThreadId(IDebugSystemObjects2 *This, ULONG Id)
{
    WITH_TARGET("SetCurrentThreadId");
    uint32_t n = 0;
    hr = ds_get_number_threads(t, &n);
    if (FAILED(hr))
        return face_pass(f, hr);
    if (Id >= n)
        return face_fail(E_INVALIDARG, "SetCurrentThreadId: no thread %u (the target has %u)",
                         (unsigned)Id, (unsigned)n);
    f->current_thread = Id;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_SetCurrentProcessId(IDebugSystemObjects2 *This, ULONG Id)
{
    WITH_TARGET("SetCurrentProcessId");
    (void)t;
    if (Id != 0)
        return face_fail(E_INVALIDARG, "SetCurrentProcessId: no process %u (the session has one, 0)",
                         (unsigned)Id);
    return S_OK;
}

/* The event of the session is its first one: thread 0 of process 0. */
HRESULT STDMETHODCALLTYPE SystemObjects_GetEventThread(IDebugSystemObjects2 *This, PULONG Id)
{
    WITH_TARGET("GetEventThread");
    (void)t;
    if (!Id)
        return face_fail(E_INVALIDARG, "GetEventThread: Id is NULL");
    *Id = 0;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetEventProcess(IDebugSystemObjects2 *This, PULONG Id)
{
    WITH_TARGET("GetEventProcess");
    (void)t;
    if (!Id)
        return face_fail(E_INVALIDARG, "GetEventProcess: Id is NULL");
    *Id = 0;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetThreadIdBySystemId(IDebugSystemObjects2 *This,
                                                              ULONG SysId, PULONG Id)
{
    WITH_TARGET("GetThreadIdBySystemId");
    if (!Id)
        return face_fail(E_INVALIDARG, "GetThreadIdBySystemId: Id is NULL");
    uint32_t n = 0;
    hr = ds_get_number_threads(t, &n);
    for (uint32_t i = 0; SUCCEEDED(hr) && i < n; i++) {
        uint32_t tid = 0;
        hr = ds_get_thread_ids(t, i, 1, &tid);
        if (SUCCEEDED(hr) && tid == SysId) {
            *Id = i;
            return S_OK;
        }
    }
    if (FAILED(hr))
        return face_pass(f, hr);
    return face_fail(E_INVALIDARG, "GetThreadIdBySystemId: the %s target has no thread %u",
                     ds_target_kind(t), (unsigned)SysId);
}

HRESULT STDMETHODCALLTYPE SystemObjects_GetProcessIdBySystemId(IDebugSystemObjects2 *This,
                                                               ULONG SysId, PULONG Id)
{
    WITH_TARGET("GetProcessIdBySystemId");
    if (!Id)
        return face_fail(E_INVALIDARG, "GetProcessIdBySystemId: Id is NULL");
    if (SysId != ds_process_id(t))
        return face_fail(E_INVALIDARG, "GetProcessIdBySystemId: the session's process is %u, not %u",
                         (unsigned)ds_process_id(t), (unsigned)SysId);
    *Id = 0;
    return S_OK;
}
