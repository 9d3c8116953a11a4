/*
 * handles.c — ReadHandleData: facts about one of the target's handles
 * (a file descriptor of a live process, an entry of a minidump's
 * HandleDataStream), answered by the backend's read_handle_data op.
 *
 * The semantics layer checks what every backend would check alike and
 * leaves the answers to the backend, whose conventions are dbgeng's:
 * *DataSize is the size of the full answer; Buffer NULL asks only for
 * it; a string that does not fit is cut, NUL-terminated and S_FALSE; a
 * fixed-size answer needs a buffer that holds it (E_INVALIDARG).
 */
#include "semantics.h"
#include "mapguard.h"

HRESULT ds_read_handle_data(ds_target *t, uint64_t handle, uint32_t data_type, void *buffer,
                            uint32_t buffer_size, uint32_t *data_size)
{
    if (data_size)
        *data_size = 0;
    DS_REQUIRE_TARGET(t);
    if (data_type > DEBUG_HANDLE_DATA_TYPE_MINI_SEMAPHORE_1)
        return ds_fail(t, E_INVALIDARG, "ReadHandleData: %u is not a DEBUG_HANDLE_DATA_TYPE_* "
                       "value", data_type);
    if (!t->ops->read_handle_data)
        return ds_fail(t, E_NOTIMPL, "ReadHandleData: %s targets have no handles to describe",
                       t->ops->name);
    HRESULT hr = t->ops->read_handle_data(t, handle, data_type, buffer,
                                          buffer ? buffer_size : 0, data_size);
    if (ds_file_shrank(t))
        return ds_fail_file_shrank(t, "cannot describe handle", handle);
    return hr;
}
