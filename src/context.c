/*
 * context.c — ds_get_thread_context (IDebugAdvanced::GetThreadContext):
 * the checks every target shares; the registers come from the backend's
 * thread_context op.
 */
#include <string.h>

#include "target.h"

uint32_t ds_thread_context_size(const ds_target *t)
{
    if (!t)
        return 0;
    switch (t->machine) {
    case IMAGE_FILE_MACHINE_AMD64: return DS_CONTEXT_AMD64_SIZE;
    case IMAGE_FILE_MACHINE_I386: return DS_CONTEXT_X86_SIZE;
    case IMAGE_FILE_MACHINE_ARM64: return DS_CONTEXT_ARM64_SIZE;
    default: return 0;
    }
}

HRESULT ds_get_thread_context(ds_target *t, uint32_t tid, void *context, uint32_t context_size)
{
    DS_REQUIRE_TARGET_AS(t, "GetThreadContext");
    if (!context)
        return ds_fail(t, E_INVALIDARG, "GetThreadContext: the context buffer is NULL");
    uint32_t need = ds_thread_context_size(t);
    if (!need)
        return ds_fail(t, E_NOTIMPL, "GetThreadContext: %s is a machine of type 0x%x, whose "
                       "CONTEXT layout this library does not know (x86, x86-64 and ARM64 only)",
                       t->where, t->machine);
    if (context_size < need)
        return ds_fail(t, E_INVALIDARG, "GetThreadContext: a buffer of %u bytes is too small for "
                       "the %u-byte CONTEXT of %s", context_size, need, t->where);
    bool listed = false;
    for (uint32_t i = 0; i < t->thread_count && !listed; i++)
        listed = t->thread_ids[i] == tid;
    if (!listed)
        return ds_fail(t, E_INVALIDARG, "GetThreadContext: %s has no thread %u", t->where, tid);
    if (!t->ops->thread_context)
        return ds_fail(t, E_NOTIMPL, "GetThreadContext: %s (%s) keeps no registers", t->where,
                       t->ops->name);
    /* Filled in an aligned record of our own, then copied: the caller's
       buffer may sit at any address (a byte array, a Python buffer). */
    union {
        DS_AMD64_CONTEXT amd64;
        DS_X86_CONTEXT x86;
        DS_ARM64_CONTEXT arm64;
    } record;
    memset(&record, 0, sizeof record);
    HRESULT hr = t->ops->thread_context(t, tid, &record, need);
    if (SUCCEEDED(hr))
        memcpy(context, &record, need);
    return hr;
}
