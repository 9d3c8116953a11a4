/*
 * advanced.c — IDebugAdvanced: the current thread's registers as the
 * Windows CONTEXT of the target's machine, from ds_get_thread_context.
 * The current thread is the one IDebugSystemObjects names (f->current_thread,
 * an index into ds_get_thread_ids; SetCurrentThreadId moves it).
 * SetThreadContext stays E_NOTIMPL (vtables.c): the library reads
 * registers and never writes them.
 */
#include "face.h"
#include "methods.h"

HRESULT STDMETHODCALLTYPE Advanced_GetThreadContext(IDebugAdvanced *This, PVOID Context,
                                                    ULONG ContextSize)
{
    struct face *f = face_of_advanced(This);
    ds_target *t;
    HRESULT hr = face_target(f, "GetThreadContext", &t);
    if (FAILED(hr))
        return hr;
    if (!Context)
        return face_fail(E_INVALIDARG, "GetThreadContext: Context is NULL");
    uint32_t n = 0;
    if (FAILED(hr = ds_get_number_threads(t, &n)))
        return face_pass(f, hr);
    if (f->current_thread >= n)
        return face_fail(E_UNEXPECTED, "GetThreadContext: the %s target lists %u threads, none "
                         "is current", ds_target_kind(t), (unsigned)n);
    ULONG tid = 0;
    if (FAILED(hr = ds_get_thread_ids(t, f->current_thread, 1, &tid)))
        return face_pass(f, hr);
    return face_pass(f, ds_get_thread_context(t, tid, Context, ContextSize));
}
