/*
 * minidump.c — a Windows minidump (MINIDUMP_HEADER 'MDMP') as a target:
 * the header, the stream directory, and the ops table. The streams are
 * read by the files beside this one (see minidump_internal.h).
 *
 * The file is mapped once (by ds_open_dump) and never trusted: every RVA,
 * size and count is checked against the file before use, counts are cut
 * to what their stream can hold before anything is allocated from them,
 * and a damaged part is ignored with a note (ds_open_notes) while the
 * sound parts open. Only a dump with a bad header or directory, or with
 * nothing usable at all, fails to open.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "minidump_internal.h"
#include "mapguard.h"

/* The streams this backend reads; the first of each type counts. */
struct stream_set {
    struct md_stream threads, threads_ex, modules, memory, memory64, system_info, handles, misc,
        memory_info, linux_maps, linux_status;
};

static void minidump_close(ds_target *t);

static const struct ds_backend_ops minidump_ops = {
    .version = DS_BACKEND_OPS_VERSION,
    .name = "minidump",
    .read = md_read,
    .write = md_write,  /* refused by the semantics layer unless writable */
    .query = md_query,
    .next_readable = md_next_readable,
    .read_handle_data = md_read_handle_data,
    .peek = md_peek,
    .close = minidump_close,
    .thread_context = md_thread_context,
};

static void release(struct minidump_target *mt, bool unmap)
{
    if (!mt->borrowed) {
        ds_mapguard_remove(mt->map);  /* before the pages can go */
        if (unmap)
            munmap((void *)(uintptr_t)mt->map, mt->size);
    }
    free(mt->ranges);
    free(mt->regions);
    free(mt->spans);
    ds_maps_free(&mt->maps);
    free(mt->path);
    ds_target_release(&mt->base);
    free(mt);
}

static void minidump_close(ds_target *t)
{
    release(md_target(t), true);
}

/* ---- header and directory ------------------------------------------------ */

/* MINIDUMP_HEADER: Signature u32, Version u32 (MINIDUMP_VERSION in the low
   word, the writer's build in the high one), NumberOfStreams u32,
   StreamDirectoryRva u32, CheckSum, TimeDateStamp, Flags u64. */
static HRESULT read_header(const struct minidump_target *mt, uint32_t *count, uint32_t *dir_rva)
{
    uint32_t signature, version;
    if (mt->size < MD_HEADER_SIZE)
        return ds_fail(NULL, E_INVALIDARG, "%s is too short for a minidump header (%zu bytes)",
                       mt->path, mt->size);
    md_u32(mt->map, mt->size, 0, &signature);
    md_u32(mt->map, mt->size, 4, &version);
    md_u32(mt->map, mt->size, 8, count);
    md_u32(mt->map, mt->size, 12, dir_rva);
    if (signature != MD_SIGNATURE)
        return ds_fail(NULL, E_INVALIDARG, "%s is not a minidump: no MDMP signature", mt->path);
    if ((version & 0xffff) != MD_VERSION_LOW)
        return ds_fail(NULL, E_INVALIDARG, "%s: minidump version 0x%x is not one this reader "
                       "knows (low word 0x%x expected)", mt->path, version, MD_VERSION_LOW);
    if (*dir_rva < MD_HEADER_SIZE)
        return ds_fail(NULL, E_INVALIDARG, "%s: the stream directory at RVA 0x%x overlaps the "
                       "minidump header", mt->path, *dir_rva);
    if (*dir_rva > mt->size || *count > (mt->size - *dir_rva) / MD_DIRECTORY_SIZE)
        return ds_fail(NULL, E_INVALIDARG, "%s: the stream directory at RVA 0x%x (%u entries) "
                       "runs past the end of the file (%zu bytes)", mt->path, *dir_rva, *count,
                       mt->size);
    return S_OK;
}

static struct md_stream *slot_for(struct stream_set *s, uint32_t type)
{
    switch (type) {
    case MD_THREAD_LIST: return &s->threads;
    case MD_THREAD_EX_LIST: return &s->threads_ex;
    case MD_MODULE_LIST: return &s->modules;
    case MD_MEMORY_LIST: return &s->memory;
    case MD_MEMORY64_LIST: return &s->memory64;
    case MD_SYSTEM_INFO: return &s->system_info;
    case MD_HANDLE_DATA: return &s->handles;
    case MD_MISC_INFO: return &s->misc;
    case MD_MEMORY_INFO_LIST: return &s->memory_info;
    case MD_LINUX_MAPS: return &s->linux_maps;
    case MD_LINUX_PROC_STATUS: return &s->linux_status;
    default: return NULL;  /* unused (0), private, or not about memory */
    }
}

/* MINIDUMP_DIRECTORY: StreamType u32, Location {DataSize u32, Rva u32}. */
static void read_directory(struct minidump_target *mt, uint32_t count, uint32_t dir_rva,
                           struct stream_set *streams)
{
    for (uint32_t i = 0; i < count; i++) {
        uint64_t off = (uint64_t)dir_rva + (uint64_t)i * MD_DIRECTORY_SIZE;
        uint32_t type, size, rva;
        if (!md_u32(mt->map, mt->size, off, &type) ||
            !md_u32(mt->map, mt->size, off + 4, &size) ||
            !md_u32(mt->map, mt->size, off + 8, &rva))
            break;
        struct md_stream *slot = slot_for(streams, type);
        if (!slot)
            continue;
        if (slot->present) {
            md_note(mt, "directory entry %u repeats stream type 0x%x; ignored", i, type);
            continue;
        }
        if (rva < MD_HEADER_SIZE || rva >= mt->size) {
            md_note(mt, "stream type 0x%x at RVA 0x%x lies outside the file's streams; ignored",
                    type, rva);
            continue;
        }
        if (size > mt->size - rva) {
            md_note(mt, "stream type 0x%x at RVA 0x%x is cut by the end of the file", type, rva);
            size = (uint32_t)(mt->size - rva);
        }
        *slot = (struct md_stream){ .type = type, .rva = rva, .size = size, .present = true };
    }
}

/* ---- open ------------------------------------------------------------------ */

static HRESULT read_streams(struct minidump_target *mt, const struct stream_set *s)
{
    HRESULT hr = S_OK;
    if (s->system_info.present)
        hr = md_read_system_info(mt, &s->system_info);
    if (SUCCEEDED(hr))
        hr = md_read_threads(mt, &s->threads, &s->threads_ex);
    if (SUCCEEDED(hr) && s->modules.present)
        hr = md_read_modules(mt, &s->modules);
    if (SUCCEEDED(hr))
        hr = md_index_memory(mt, &s->memory, &s->memory64, &s->threads);
    if (FAILED(hr))
        return hr;
    if (s->handles.present)
        md_index_handles(mt, &s->handles);
    md_read_pid(mt, &s->misc, &s->linux_status);
    return md_build_regions(mt, &s->memory_info, &s->linux_maps);
}

static bool anything_usable(const struct minidump_target *mt)
{
    return mt->have_system_info || mt->nranges || mt->base.module_count ||
           mt->base.thread_count || mt->handle_stream.present ||
           mt->query_source == MD_QUERY_MEMINFO || mt->query_source == MD_QUERY_MAPS;
}

HRESULT ds_minidump_open(const char *path, const void *map, size_t map_size, unsigned flags,
                         ds_target **out)
{
    *out = NULL;
    struct minidump_target *mt = calloc(1, sizeof *mt);
    if (!mt)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory opening %s", path ? path : "a minidump");
    ds_target_init(&mt->base, &minidump_ops);
    mt->map = map;
    mt->size = map_size;
    mt->borrowed = (flags & DS_OPEN_BORROWED_MAP) != 0;
    mt->path = strdup(path ? path : "(in memory)");
    if (!mt->path) {
        release(mt, false);
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory opening %s", path ? path : "a minidump");
    }
    if (!mt->borrowed)
        ds_mapguard_add(&mt->base, map, map_size,
                        PROT_READ | ((flags & DS_OPEN_WRITABLE_COPY) ? PROT_WRITE : 0));
    uint32_t count = 0, dir_rva = 0;
    HRESULT hr = read_header(mt, &count, &dir_rva);
    struct stream_set streams = { 0 };
    if (SUCCEEDED(hr)) {
        read_directory(mt, count, dir_rva, &streams);
        hr = read_streams(mt, &streams);
    }
    if (SUCCEEDED(hr))
        hr = ds_mapguard_check_open(&mt->base, mt->path);
    if (SUCCEEDED(hr) && !anything_usable(mt))
        hr = ds_fail(NULL, E_INVALIDARG, "%s holds nothing this reader can use: %s", mt->path,
                     mt->base.notes[0] ? mt->base.notes : "no system information, memory, module, thread "
                     "or handle stream");
    if (FAILED(hr)) {
        release(mt, false);  /* on failure the caller keeps the mapping */
        return hr;
    }
    mt->base.read_only = !(flags & DS_OPEN_WRITABLE_COPY);
    mt->base.default_vsource = mt->query_source == MD_QUERY_MEMINFO
                                   ? DEBUG_VSOURCE_DEBUGGEE
                                   : DEBUG_VSOURCE_DUMP_WITHOUT_MEMINFO;
    *out = &mt->base;
    return S_OK;
}
