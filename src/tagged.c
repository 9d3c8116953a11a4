/*
 * tagged.c — ReadTagged and the tagged-data enumeration (StartEnumTagged,
 * GetNextTagged, EndEnumTagged): blocks of data identified by a GUID that
 * some dumps carry beside memory.
 *
 * The blocks come from the backend's tagged_entry and read_tagged ops; a
 * target without them has no tagged data, so its enumeration is empty
 * (the first GetNextTagged answers S_FALSE, dbgeng's "no more blocks")
 * and ReadTagged of any tag is E_NOINTERFACE (dbgeng's "no data for this
 * tag").
 *
 * An enumeration's handle names a small record of where it stands, kept
 * in a list under a lock (targets on different threads may enumerate at
 * once). A handle is checked against the list and against the target it
 * was started on before use, so a stale or foreign handle is E_INVALIDARG,
 * never a wild pointer. EndEnumTagged frees the record; ds_tagged_forget
 * frees those a target leaves open (for ds_close to call).
 */
#include "semantics.h"
#include "mapguard.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct tagged_enum {
    uint64_t handle;
    const ds_target *t;
    uint32_t next;  /* index of the next block to report */
    struct tagged_enum *link;
};

static pthread_mutex_t enums_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tagged_enum *open_enums;
static uint64_t last_handle;

/* The open enumeration `handle` of t, or NULL. Call with the lock held. */
static struct tagged_enum *find_enum(const ds_target *t, uint64_t handle)
{
    for (struct tagged_enum *e = open_enums; e; e = e->link)
        if (e->handle == handle && e->t == t)
            return e;
    return NULL;
}

HRESULT ds_start_enum_tagged(ds_target *t, uint64_t *handle)
{
    if (handle)
        *handle = 0;
    DS_REQUIRE_TARGET(t);
    if (!handle)
        return ds_fail(t, E_INVALIDARG, "StartEnumTagged: Handle is NULL");
    struct tagged_enum *e = calloc(1, sizeof *e);
    if (!e)
        return ds_fail(t, E_OUTOFMEMORY, "StartEnumTagged: out of memory");
    e->t = t;
    pthread_mutex_lock(&enums_lock);
    e->handle = ++last_handle;
    e->link = open_enums;
    open_enums = e;
    pthread_mutex_unlock(&enums_lock);
    *handle = e->handle;
    return S_OK;
}

HRESULT ds_get_next_tagged(ds_target *t, uint64_t handle, GUID *tag, uint32_t *size)
{
    if (tag)
        memset(tag, 0, sizeof *tag);
    if (size)
        *size = 0;
    DS_REQUIRE_TARGET(t);
    if (!tag || !size)
        return ds_fail(t, E_INVALIDARG, "GetNextTagged: %s is NULL", tag ? "Size" : "Tag");
    pthread_mutex_lock(&enums_lock);
    struct tagged_enum *e = find_enum(t, handle);
    uint32_t index = e ? e->next : 0;
    pthread_mutex_unlock(&enums_lock);
    if (!e)
        return ds_fail(t, E_INVALIDARG, "GetNextTagged: 0x%llx is not an open enumeration of "
                       "this target", (unsigned long long)handle);
    HRESULT hr = S_FALSE;
    if (t->ops->tagged_entry)
        hr = t->ops->tagged_entry(t, index, tag, size);
    if (ds_file_shrank(t))
        hr = ds_fail_file_shrank(t, "cannot list tagged data block", index);
    if (hr != S_OK) {
        memset(tag, 0, sizeof *tag);
        *size = 0;
        if (hr == S_FALSE)
            ds_fail(t, S_FALSE, "GetNextTagged: no more tagged data (%u block%s in this %s "
                    "target)", index, index == 1 ? "" : "s", t->ops->name);
        return hr;
    }
    pthread_mutex_lock(&enums_lock);
    if ((e = find_enum(t, handle)))
        e->next = index + 1;
    pthread_mutex_unlock(&enums_lock);
    return S_OK;
}

HRESULT ds_end_enum_tagged(ds_target *t, uint64_t handle)
{
    DS_REQUIRE_TARGET(t);
    pthread_mutex_lock(&enums_lock);
    struct tagged_enum **p = &open_enums, *e = NULL;
    for (; *p; p = &(*p)->link)
        if ((*p)->handle == handle && (*p)->t == t) {
            e = *p;
            *p = e->link;
            break;
        }
    pthread_mutex_unlock(&enums_lock);
    if (!e)
        return ds_fail(t, E_INVALIDARG, "EndEnumTagged: 0x%llx is not an open enumeration of "
                       "this target", (unsigned long long)handle);
    free(e);
    return S_OK;
}

void ds_tagged_forget(const ds_target *t)
{
    pthread_mutex_lock(&enums_lock);
    for (struct tagged_enum **p = &open_enums; *p;) {
        struct tagged_enum *e = *p;
        if (e->t == t) {
            *p = e->link;
            free(e);
        } else {
            p = &e->link;
        }
    }
    pthread_mutex_unlock(&enums_lock);
}

HRESULT ds_read_tagged(ds_target *t, const GUID *tag, uint32_t offset, void *buffer,
                       uint32_t buffer_size, uint32_t *total_size)
{
    if (total_size)
        *total_size = 0;
    DS_REQUIRE_TARGET(t);
    if (!tag)
        return ds_fail(t, E_INVALIDARG, "ReadTagged: Tag is NULL");
    if (!t->ops->read_tagged)
        return ds_fail(t, E_NOINTERFACE, "ReadTagged: no data is tagged "
                       "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}: %s targets carry "
                       "no tagged data", tag->Data1, tag->Data2, tag->Data3, tag->Data4[0],
                       tag->Data4[1], tag->Data4[2], tag->Data4[3], tag->Data4[4],
                       tag->Data4[5], tag->Data4[6], tag->Data4[7], t->ops->name);
    HRESULT hr = t->ops->read_tagged(t, tag, offset, buffer, buffer ? buffer_size : 0, total_size);
    if (ds_file_shrank(t))
        return ds_fail_file_shrank(t, "cannot read tagged data at offset", offset);
    return hr;
}
