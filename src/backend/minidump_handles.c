/*
 * minidump_handles.c — ReadHandleData over a HandleDataStream.
 *
 * MINIDUMP_HANDLE_DATA_STREAM: SizeOfHeader u32, SizeOfDescriptor u32,
 * NumberOfDescriptors u32, Reserved u32; then descriptors of
 * SizeOfDescriptor bytes (MINIDUMP_HANDLE_DESCRIPTOR is 32, _2 is 40):
 * Handle u64 @0, TypeNameRva u32 @8, ObjectNameRva u32 @12, Attributes u32
 * @16, GrantedAccess u32 @20, HandleCount u32 @24, PointerCount u32 @28.
 * The descriptors are read when asked for, each field bounds-checked then.
 *
 * Answers follow dbgeng: *DataSize is always the size of the full answer;
 * a string that does not fit is cut, NUL-terminated, and S_FALSE returned;
 * a fixed-size answer needs a buffer that holds it (E_INVALIDARG if not);
 * with Buffer NULL only *DataSize is returned. A name the dump does not
 * carry (RVA 0) is the empty string.
 */
#include <stdlib.h>

#include "minidump_internal.h"

void md_index_handles(struct minidump_target *mt, const struct md_stream *s)
{
    uint32_t header, entry, count;
    if (s->size < MD_HANDLE_MIN_HEADER || !md_u32(mt->map, mt->size, s->rva, &header) ||
        !md_u32(mt->map, mt->size, s->rva + 4, &entry) ||
        !md_u32(mt->map, mt->size, s->rva + 8, &count) || header < MD_HANDLE_MIN_HEADER ||
        header > s->size || entry < MD_HANDLE_MIN_DESCRIPTOR) {
        md_note(mt, "HandleDataStream at 0x%x has a damaged header", s->rva);
        return;
    }
    uint32_t fits = (s->size - header) / entry;
    if (count > fits) {
        md_note(mt, "HandleDataStream at 0x%x declares %u handles but holds %u", s->rva, count,
                fits);
        count = fits;
    }
    mt->handle_stream = *s;
    mt->handle_header = header;
    mt->handle_entry = entry;
    mt->handle_count = count;
}

struct handle_desc {
    uint64_t handle;
    uint32_t type_name_rva, object_name_rva;
    uint32_t attributes, granted_access, handle_count, pointer_count;
};

static bool read_desc(const struct minidump_target *mt, uint32_t i, struct handle_desc *d)
{
    uint64_t off = (uint64_t)mt->handle_stream.rva + mt->handle_header +
                   (uint64_t)i * mt->handle_entry;
    return md_u64(mt->map, mt->size, off, &d->handle) &&
           md_u32(mt->map, mt->size, off + 8, &d->type_name_rva) &&
           md_u32(mt->map, mt->size, off + 12, &d->object_name_rva) &&
           md_u32(mt->map, mt->size, off + 16, &d->attributes) &&
           md_u32(mt->map, mt->size, off + 20, &d->granted_access) &&
           md_u32(mt->map, mt->size, off + 24, &d->handle_count) &&
           md_u32(mt->map, mt->size, off + 28, &d->pointer_count);
}

static bool find_handle(const struct minidump_target *mt, uint64_t handle, struct handle_desc *d)
{
    for (uint32_t i = 0; i < mt->handle_count; i++)
        if (read_desc(mt, i, d) && d->handle == handle)
            return true;
    return false;
}

/* The UTF-16 units of a name up to its first NUL (RVA 0: none). */
static HRESULT name_units(struct minidump_target *mt, uint64_t handle, uint32_t rva,
                          const char *which, const uint8_t **data, size_t *units)
{
    *data = NULL;
    *units = 0;
    if (rva == 0)
        return S_OK;
    const char *why;
    if (FAILED(md_string_at(mt, rva, data, units, &why)))
        return ds_fail(&mt->base, E_FAIL, "cannot read the %s of handle 0x%llx in minidump %s: "
                       "the string at 0x%x is damaged: %s", which, (unsigned long long)handle,
                       mt->path, rva, why);
    for (size_t i = 0; i < *units; i++)
        if ((*data)[2 * i] == 0 && (*data)[2 * i + 1] == 0) {
            *units = i;
            break;
        }
    return S_OK;
}

static HRESULT narrow_name(struct minidump_target *mt, uint64_t handle, uint32_t rva,
                           const char *which, char **out)
{
    const uint8_t *data;
    size_t units;
    HRESULT hr = name_units(mt, handle, rva, which, &data, &units);
    if (FAILED(hr))
        return hr;
    *out = md_utf16_to_utf8(data ? data : (const uint8_t *)"", units);
    if (!*out)
        return ds_fail(&mt->base, E_OUTOFMEMORY, "out of memory reading the %s of handle 0x%llx",
                       which, (unsigned long long)handle);
    return S_OK;
}

static HRESULT answer_basic(struct minidump_target *mt, const struct handle_desc *d, void *buf,
                            uint32_t size, uint32_t *data_size)
{
    /* The name sizes are what the narrow name queries answer, so that a
       caller can size its buffer from them. */
    char *type_name = NULL, *object_name = NULL;
    HRESULT hr = narrow_name(mt, d->handle, d->type_name_rva, "type name", &type_name);
    if (SUCCEEDED(hr))
        hr = narrow_name(mt, d->handle, d->object_name_rva, "object name", &object_name);
    if (SUCCEEDED(hr)) {
        DEBUG_HANDLE_DATA_BASIC basic = {
            .TypeNameSize = (ULONG)strlen(type_name) + 1,
            .ObjectNameSize = (ULONG)strlen(object_name) + 1,
            .Attributes = d->attributes,
            .GrantedAccess = d->granted_access,
            .HandleCount = d->handle_count,
            .PointerCount = d->pointer_count,
        };
        hr = ds_answer_fixed(&mt->base, &basic, sizeof basic, "DEBUG_HANDLE_DATA_BASIC", buf, size,
                          data_size);
    }
    free(type_name);
    free(object_name);
    return hr;
}

static HRESULT answer_name(struct minidump_target *mt, const struct handle_desc *d, bool object,
                           bool wide, void *buf, uint32_t size, uint32_t *data_size)
{
    uint32_t rva = object ? d->object_name_rva : d->type_name_rva;
    const char *which = object ? "object name" : "type name";
    if (wide) {
        const uint8_t *data;
        size_t units;
        HRESULT hr = name_units(mt, d->handle, rva, which, &data, &units);
        return FAILED(hr) ? hr : ds_answer_wide(data, units, buf, size, data_size);
    }
    char *s;
    HRESULT hr = narrow_name(mt, d->handle, rva, which, &s);
    if (FAILED(hr))
        return hr;
    hr = ds_answer_narrow(s, buf, size, data_size);
    free(s);
    return hr;
}

HRESULT md_read_handle_data(ds_target *t, uint64_t handle, uint32_t data_type, void *buf,
                            uint32_t size, uint32_t *data_size)
{
    struct minidump_target *mt = md_target(t);
    if (data_size)
        *data_size = 0;
    if (!mt->handle_stream.present)
        return ds_fail(t, E_NOTIMPL, "minidump %s has no HandleDataStream", mt->path);
    struct handle_desc d;
    if (!find_handle(mt, handle, &d))
        return ds_fail(t, E_INVALIDARG, "handle 0x%llx is not in the HandleDataStream of %s",
                       (unsigned long long)handle, mt->path);
    switch (data_type) {
    case DEBUG_HANDLE_DATA_TYPE_BASIC:
        return answer_basic(mt, &d, buf, size, data_size);
    case DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT: {
        ULONG count = d.handle_count;
        return ds_answer_fixed(&mt->base, &count, sizeof count, "a handle count", buf, size, data_size);
    }
    case DEBUG_HANDLE_DATA_TYPE_TYPE_NAME:
        return answer_name(mt, &d, false, false, buf, size, data_size);
    case DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME:
        return answer_name(mt, &d, true, false, buf, size, data_size);
    case DEBUG_HANDLE_DATA_TYPE_TYPE_NAME_WIDE:
        return answer_name(mt, &d, false, true, buf, size, data_size);
    case DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME_WIDE:
        return answer_name(mt, &d, true, true, buf, size, data_size);
    default:
        if (data_type <= DEBUG_HANDLE_DATA_TYPE_MINI_SEMAPHORE_1)
            return ds_fail(t, E_NOTIMPL, "handle data type %u (per-object information) is not "
                           "read from minidumps", data_type);
        return ds_fail(t, E_INVALIDARG, "ReadHandleData: %u is not a handle data type",
                       data_type);
    }
}
