/*
 * elfcore.c — a Linux ELF core file as a target.
 *
 * ds_open_dump maps the file once; libelf reads its headers (either class,
 * either byte order, PN_XNUM program header counts), the notes give the
 * threads, the pid and the file mappings (elfcore_notes.c), and the
 * PT_LOAD segments become sorted, disjoint regions (elfcore_index.c). A
 * read is then a binary search and a memcpy from the mapping.
 *
 * Bytes the core does not hold (p_filesz < p_memsz, a file cut short) are
 * not readable: no zero fill as gdb does; the partial-read rule tells the
 * caller where the known bytes stop. With an image path, the bytes of
 * file-backed mappings come from the mapped file itself when its build-id
 * matches the one in the core (elfcore_image.c).
 *
 * A core is read-only. DS_OPEN_WRITABLE_COPY makes the mapping a private
 * copy-on-write one and lets writes land in the bytes the core holds,
 * never in the file on disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "elfcore.h"
#include "mapguard.h"

static const struct ds_backend_ops elfcore_ops;

static struct elfcore_target *ec(ds_target *t)
{
    return (struct elfcore_target *)t;
}

uint64_t elfcore_get(const uint8_t *p, unsigned size, bool big_endian)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | p[big_endian ? i : size - 1 - i];
    return v;
}

/* ---- where bytes come from --------------------------------------------- */

/* A run of bytes at one address that one source holds contiguously. */
struct span {
    const uint8_t *src;  /* NULL when the address cannot be read */
    uint64_t len;
    uint32_t source;     /* DEBUG_VSOURCE_* */
};

/* Bytes at `at` past the core's own: from the image file of the mapping,
   if one was found and the process could read the mapping. */
static struct span image_span(const struct elfcore_target *et, const struct core_region *r,
                              uint64_t at)
{
    struct span s = { NULL, 0, DEBUG_VSOURCE_INVALID };
    const struct core_mapping *m = elfcore_mapping_at(et, at);
    if (!m || !ds_protect_readable(r->protect) || m->file_offset == ELFCORE_NO_OFFSET)
        return s;
    const struct core_image *img = &et->images[m->image];
    uint64_t offset = m->file_offset + (at - m->start);
    if (!img->file || offset >= img->file_size)
        return s;
    uint64_t len = img->file_size - offset;
    if (len > m->end - at)
        len = m->end - at;
    if (len > r->end - at)
        len = r->end - at;
    return (struct span){ img->file + offset, len, DEBUG_VSOURCE_MAPPED_IMAGE };
}

static struct span span_at(struct elfcore_target *et, uint64_t at, bool images)
{
    struct span none = { NULL, 0, DEBUG_VSOURCE_INVALID };
    size_t i = elfcore_region_lookup(et, at);
    if (i == et->nregions || et->regions[i].start > at)
        return none;
    const struct core_region *r = &et->regions[i];
    uint64_t core_end = r->start + r->core_bytes;
    if (at < core_end)
        return (struct span){ et->map + r->core_offset + (at - r->start), core_end - at,
                              DEBUG_VSOURCE_DEBUGGEE };
    return images ? image_span(et, r, at) : none;
}

size_t elfcore_copy(struct elfcore_target *et, uint64_t addr, void *buf, size_t size,
                    bool images)
{
    if (size && addr > UINT64_MAX - (size - 1))
        size = (size_t)(UINT64_MAX - addr) + 1;  /* never wrap past 2^64 */
    size_t done = 0;
    while (done < size) {
        struct span s = span_at(et, addr + done, images);
        if (!s.len)
            break;
        size_t n = s.len < size - done ? (size_t)s.len : size - done;
        memcpy((uint8_t *)buf + done, s.src, n);
        done += n;
    }
    return done;
}

/* ---- failure sentences --------------------------------------------------- */

/* Why the image file could not supply the byte at addr (for reads). */
static const char *image_reason(const struct elfcore_target *et, const struct core_region *r,
                                uint64_t addr, const char **file)
{
    const struct core_mapping *m = elfcore_mapping_at(et, addr);
    if (!m)
        return NULL;
    const struct core_image *img = &et->images[m->image];
    *file = img->name ? img->name : "(unnamed file)";
    if (!ds_protect_readable(r->protect))
        return "the process could not read that mapping of";
    if (!img->name)
        return "NT_FILE gives no name for";
    if (!et->image_path)
        return "no image path is set (DS_IMAGE_PATH, ds_set_image_path) to find";
    if (!img->facts.build_id_len)
        return "the core holds no build-id to check an image file against for";
    if (img->mismatch_seen && !img->file)
        return "the image path holds only files whose build-id differs from that of";
    if (!img->file)
        return "the image path holds no file named like";
    return "the address lies past the end of the image file of";
}

static HRESULT fail_unreadable(struct elfcore_target *et, uint64_t addr, bool write)
{
    const char *verb = write ? "write" : "read";
    HRESULT hr = HRESULT_FROM_WIN32(write ? ERROR_WRITE_FAULT : ERROR_READ_FAULT);
    unsigned long long a = (unsigned long long)addr;
    size_t i = elfcore_region_lookup(et, addr);
    if (i == et->nregions || et->regions[i].start > addr)
        return ds_fail(&et->base, hr, "cannot %s 0x%llx in core file %s: no segment maps it",
                       verb, a, et->path);
    const struct core_region *r = &et->regions[i];
    const char *file = NULL, *why = write ? NULL : image_reason(et, r, addr, &file);
    char held[160];
    if (r->from_load)
        snprintf(held, sizeof held, "the core holds only 0x%llx of the 0x%llx bytes at 0x%llx",
                 (unsigned long long)r->core_bytes, (unsigned long long)(r->end - r->start),
                 (unsigned long long)r->start);
    else
        snprintf(held, sizeof held, "the core leaves out the mapping at 0x%llx",
                 (unsigned long long)r->start);
    if (why)
        return ds_fail(&et->base, hr, "cannot %s 0x%llx in core file %s: %s, and %s %s", verb,
                       a, et->path, held, why, file);
    return ds_fail(&et->base, hr, "cannot %s 0x%llx in core file %s: %s", verb, a, et->path,
                   held);
}

/* ---- the ops ------------------------------------------------------------- */

static HRESULT elfcore_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    *done = elfcore_copy(ec(t), addr, buf, size, true);
    return *done || !size ? S_OK : fail_unreadable(ec(t), addr, false);
}

/* Only into bytes the core holds (the copy-on-write mapping): image
   files are never written, so a write stops where the core's bytes do. */
static HRESULT elfcore_write(ds_target *t, uint64_t addr, const void *buf, size_t size,
                             size_t *done)
{
    struct elfcore_target *et = ec(t);
    *done = 0;
    if (!et->writable)
        return ds_fail(t, HRESULT_FROM_WIN32(ERROR_WRITE_FAULT),
                       "cannot write 0x%llx: core file %s is open read-only",
                       (unsigned long long)addr, et->path);
    if (size && addr > UINT64_MAX - (size - 1))
        size = (size_t)(UINT64_MAX - addr) + 1;
    while (*done < size) {
        struct span s = span_at(et, addr + *done, false);
        if (!s.len)
            break;
        size_t n = s.len < size - *done ? (size_t)s.len : size - *done;
        memcpy((uint8_t *)s.src, (const uint8_t *)buf + *done, n);
        *done += n;
    }
    return *done || !size ? S_OK : fail_unreadable(et, addr, true);
}

static uint32_t protect_at(struct elfcore_target *et, uint64_t addr, uint32_t otherwise)
{
    size_t i = elfcore_region_lookup(et, addr);
    if (i < et->nregions && et->regions[i].start <= addr)
        return et->regions[i].protect;
    return otherwise;
}

static void fill_region(struct elfcore_target *et, size_t i, struct ds_region *out)
{
    const struct core_region *r = &et->regions[i];
    *out = (struct ds_region){
        .base = r->start,
        .size = r->end - r->start,
        .allocation_base = r->start,
        .allocation_protect = r->protect,
        .state = MEM_COMMIT,
        .protect = r->protect,
        .type = MEM_PRIVATE,
    };
    const struct core_mapping *m = elfcore_mapping_at(et, r->start);
    if (!m)
        return;
    const struct core_image *img = &et->images[m->image];
    out->name = img->name;
    out->type = img->executable ? MEM_IMAGE : MEM_MAPPED;
    if (img->executable && img->base != r->start) {
        out->allocation_base = img->base;
        out->allocation_protect = protect_at(et, img->base, r->protect);
    }
}

static HRESULT elfcore_query(ds_target *t, uint64_t addr, struct ds_region *out)
{
    struct elfcore_target *et = ec(t);
    size_t i = elfcore_region_lookup(et, addr);
    if (i == et->nregions)
        return S_FALSE;
    fill_region(et, i, out);
    if (addr < out->base)
        out->gap_base = i ? et->regions[i - 1].end : 0;
    return S_OK;
}

/* The first readable run in region i at or above lo: the core's bytes,
   else the image-backed stretches of the mappings inside the region. */
static bool first_run_in_region(struct elfcore_target *et, size_t i, uint64_t lo,
                                uint64_t *start, uint64_t *size)
{
    struct span s = span_at(et, lo, true);
    if (!s.len && ds_protect_readable(et->regions[i].protect)) {
        uint64_t end = et->regions[i].end;
        for (size_t j = elfcore_mapping_lookup(et, lo);
             !s.len && j < et->nmappings && et->mappings[j].start < end; j++) {
            lo = et->mappings[j].start > lo ? et->mappings[j].start : lo;
            s = span_at(et, lo, true);
        }
    }
    *start = lo;
    *size = s.len;
    return s.len != 0;
}

/* The first readable run at or above addr, region by region: runs end
   where a region, the core's bytes or an image file do, so touching runs
   come in as many pieces as the core has segments. */
static bool next_readable_piece(struct elfcore_target *et, uint64_t addr, uint64_t *start,
                                uint64_t *size)
{
    for (size_t i = elfcore_region_lookup(et, addr); i < et->nregions; i++) {
        uint64_t lo = et->regions[i].start > addr ? et->regions[i].start : addr;
        if (first_run_in_region(et, i, lo, start, size))
            return true;
    }
    return false;
}

/* Merge the pieces into maximal runs once, so that a question about
   validity is one binary search however many segments touch (a core of
   131,070 touching PT_LOADs is one run). Out of memory, the pieces serve. */
static void index_runs(struct elfcore_target *et)
{
    free(et->runs);
    et->runs = NULL;
    et->nruns = 0;
    et->runs_valid = false;
    struct readable_run *v = NULL;
    size_t n = 0, cap = 0;
    uint64_t addr = 0, start, size;
    /* Each piece starts at or above addr and is not empty: addr only grows. */
    while (next_readable_piece(et, addr, &start, &size)) {
        uint64_t end = start + size;  /* at most a region's end: no wrap */
        if (n && v[n - 1].end == start) {
            v[n - 1].end = end;
        } else {
            if (n == cap) {
                size_t new_cap = cap ? 2 * cap : 64;
                struct readable_run *nv = realloc(v, new_cap * sizeof *nv);
                if (!nv) {
                    free(v);
                    return;
                }
                v = nv;
                cap = new_cap;
            }
            v[n++] = (struct readable_run){ start, end };
        }
        if (end == UINT64_MAX)
            break;
        addr = end;
    }
    et->runs = v;
    et->nruns = n;
    et->runs_valid = true;
}

static HRESULT elfcore_next_readable(ds_target *t, uint64_t addr, uint64_t *start,
                                     uint64_t *size)
{
    struct elfcore_target *et = ec(t);
    if (!et->runs_valid)
        return next_readable_piece(et, addr, start, size) ? S_OK : S_FALSE;
    size_t lo = 0, hi = et->nruns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (et->runs[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == et->nruns)
        return S_FALSE;
    *start = et->runs[lo].start > addr ? et->runs[lo].start : addr;
    *size = et->runs[lo].end - *start;
    return S_OK;
}

static uint32_t elfcore_virtual_source(ds_target *t, uint64_t addr)
{
    return span_at(ec(t), addr, true).source;
}

/* The core's own bytes only: image files are unmapped when the image path
   changes, and a peeked pointer must stay valid until close. Callers read
   image-backed bytes through read() instead. */
static const void *elfcore_peek(ds_target *t, uint64_t addr, size_t *avail)
{
    struct span s = span_at(ec(t), addr, false);
    *avail = s.len > SIZE_MAX ? SIZE_MAX : (size_t)s.len;
    return s.src;
}

static HRESULT elfcore_set_image_path(ds_target *t, const char *path)
{
    struct elfcore_target *et = ec(t);
    char *copy = NULL;
    if (path && !(copy = strdup(path)))
        return ds_fail(t, E_OUTOFMEMORY, "out of memory setting the image path of %s", et->path);
    elfcore_unload_images(et);
    free(et->image_path);
    et->image_path = copy;
    elfcore_resolve_images(et);
    /* Bytes that were unreadable may now be readable, and the other way. */
    index_runs(et);
    ds_cache_clear(&t->cache);
    return S_OK;
}

static void destroy(struct elfcore_target *et, bool unmap)
{
    elfcore_unload_images(et);
    for (size_t i = 0; i < et->nimages; i++)
        free(et->images[i].name);
    free(et->images);
    free(et->mappings);
    free(et->regions);
    free(et->runs);
    free(et->image_path);
    free(et->thread_regs);
    if (et->elf)
        elf_end(et->elf);
    if (!et->borrowed_map) {
        ds_mapguard_remove(et->map);  /* before the pages can go */
        if (unmap)
            munmap(et->map, et->map_size);
    }
    free(et->path);
    ds_target_release(&et->base);
    free(et);
}

static void elfcore_close(ds_target *t)
{
    destroy(ec(t), true);
}

static const struct ds_backend_ops elfcore_ops = {
    .version = DS_BACKEND_OPS_VERSION,
    .name = "elfcore",
    .read = elfcore_read,
    .write = elfcore_write,
    .query = elfcore_query,
    .next_readable = elfcore_next_readable,
    .virtual_source = elfcore_virtual_source,
    .set_image_path = elfcore_set_image_path,
    .peek = elfcore_peek,
    .close = elfcore_close,
    .thread_context = elfcore_thread_context,
};

/* ---- opening ------------------------------------------------------------- */

/* IMAGE_FILE_MACHINE_* where Windows has one for the architecture. */
static uint32_t machine_of(unsigned e_machine, bool is64)
{
    switch (e_machine) {
    case EM_X86_64: return IMAGE_FILE_MACHINE_AMD64; /* x32 too: 4-byte pointers */
    case EM_386: return IMAGE_FILE_MACHINE_I386;
    case EM_AARCH64: return IMAGE_FILE_MACHINE_ARM64;
    case EM_ARM: return IMAGE_FILE_MACHINE_ARMNT;
    case EM_RISCV: return is64 ? IMAGE_FILE_MACHINE_RISCV64 : IMAGE_FILE_MACHINE_UNKNOWN;
    case EM_PPC: return IMAGE_FILE_MACHINE_POWERPC;
    case EM_MIPS: return IMAGE_FILE_MACHINE_R4000;
    default: return IMAGE_FILE_MACHINE_UNKNOWN; /* ppc64, s390x, ... */
    }
}

static HRESULT check_ident(struct elfcore_target *et, const GElf_Ehdr *eh)
{
    unsigned cls = eh->e_ident[EI_CLASS], data = eh->e_ident[EI_DATA];
    if (cls != ELFCLASS32 && cls != ELFCLASS64)
        return ds_fail(NULL, E_INVALIDARG, "%s is not a core file: unknown ELF class %u",
                       et->path, cls);
    if (data != ELFDATA2LSB && data != ELFDATA2MSB)
        return ds_fail(NULL, E_INVALIDARG, "%s is not a core file: unknown ELF byte order %u",
                       et->path, data);
    if (eh->e_type != ET_CORE)
        return ds_fail(NULL, E_INVALIDARG,
                       "%s is an ELF file of type %u, not a core file (ET_CORE is %u)", et->path,
                       (unsigned)eh->e_type, (unsigned)ET_CORE);
    et->is64 = cls == ELFCLASS64;
    et->big_endian = data == ELFDATA2MSB;
    et->base.big_endian = et->big_endian;
    et->base.pointer_size = et->is64 ? 8 : 4;
    et->base.machine = machine_of(eh->e_machine, et->is64);
    return S_OK;
}

/* How many program headers the file declares: e_phnum, or for PN_XNUM
   (elf(5): more than 65534) section 0's sh_info. libelf's elf_getphdrnum
   clamps its answer to what fits in the file, which would hide a table cut
   short; this is the count before any clamping. */
static HRESULT declared_phnum(struct elfcore_target *et, const GElf_Ehdr *eh, size_t *out)
{
    *out = eh->e_phnum;
    if (eh->e_phnum != PN_XNUM)
        return S_OK;
    GElf_Shdr sh;
    Elf_Scn *first = elf_getscn(et->elf, 0);
    if (!first || !gelf_getshdr(first, &sh))
        return ds_fail(NULL, E_INVALIDARG,
                       "cannot open core file %s: e_phnum is PN_XNUM but section header 0, "
                       "which holds the real count, cannot be read (%s)",
                       et->path, elf_errmsg(-1));
    *out = sh.sh_info;
    return S_OK;
}

/* The program header table must lie inside the file: every count and
   every allocation after this is bounded by it. */
static HRESULT check_phdr_table(struct elfcore_target *et, const GElf_Ehdr *eh, size_t phnum)
{
    size_t entsize = gelf_fsize(et->elf, ELF_T_PHDR, 1, EV_CURRENT);
    if (phnum == 0)
        return S_OK;
    if (entsize == 0 || eh->e_phentsize != entsize)
        return ds_fail(NULL, E_INVALIDARG,
                       "cannot open core file %s: its program headers are %u bytes each, "
                       "not %zu", et->path, (unsigned)eh->e_phentsize, entsize);
    if (eh->e_phoff >= et->map_size || (et->map_size - eh->e_phoff) / entsize < phnum)
        return ds_fail(NULL, E_INVALIDARG,
                       "cannot open core file %s: its %zu program headers at offset 0x%llx run "
                       "past the end of the file (%zu bytes); it is cut short or damaged",
                       et->path, phnum, (unsigned long long)eh->e_phoff, et->map_size);
    return S_OK;
}

static HRESULT read_headers(struct elfcore_target *et, size_t *phnum)
{
    if (memcmp(et->map, ELFMAG, SELFMAG) != 0)
        return ds_fail(NULL, E_INVALIDARG, "%s is not an ELF file (no \\177ELF magic)",
                       et->path);
    elf_version(EV_CURRENT);
    /* elf_memory takes a char * but only reads: it converts headers of a
       foreign byte order into copies of its own (elf_begin.c). */
    et->elf = elf_memory((char *)et->map, et->map_size);
    GElf_Ehdr eh;
    if (!et->elf || elf_kind(et->elf) != ELF_K_ELF || !gelf_getehdr(et->elf, &eh))
        return ds_fail(NULL, E_INVALIDARG, "cannot open core file %s: libelf: %s", et->path,
                       elf_errmsg(-1));
    HRESULT hr = check_ident(et, &eh);
    if (FAILED(hr))
        return hr;
    size_t declared, usable;
    hr = declared_phnum(et, &eh, &declared);
    if (SUCCEEDED(hr))
        hr = check_phdr_table(et, &eh, declared);
    if (FAILED(hr))
        return hr;
    /* The count gelf_getphdr goes by (elf_getphdrnum, PN_XNUM aware). */
    if (elf_getphdrnum(et->elf, &usable) != 0 || usable != declared)
        return ds_fail(NULL, E_INVALIDARG,
                       "cannot open core file %s: libelf counts %zu program headers where the "
                       "header declares %zu (%s)", et->path, usable, declared, elf_errmsg(-1));
    *phnum = declared;
    return S_OK;
}

static HRESULT add_modules(struct elfcore_target *et)
{
    for (size_t i = 0; i < et->nimages; i++) {
        const struct core_image *img = &et->images[i];
        if (!img->executable)
            continue;
        HRESULT hr = ds_target_add_module(&et->base, img->base, img->end - img->base, img->name);
        if (FAILED(hr))
            return ds_fail(NULL, hr, "%s (reading %s)", et->base.error, et->path);
    }
    return S_OK;
}

static HRESULT image_path_from_environment(struct elfcore_target *et)
{
    const char *env = getenv("DS_IMAGE_PATH");
    if (!env || !*env)
        return S_OK;
    if (!(et->image_path = strdup(env)))
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory opening %s", et->path);
    elfcore_resolve_images(et);
    return S_OK;
}

static HRESULT open_steps(struct elfcore_target *et)
{
    size_t phnum = 0;
    HRESULT hr = read_headers(et, &phnum);
    if (SUCCEEDED(hr))
        hr = elfcore_index_loads(et, phnum);
    if (SUCCEEDED(hr))
        hr = elfcore_read_notes(et, phnum);
    if (SUCCEEDED(hr)) {
        /* Headers first: they give the protection of the mappings the
           core leaves out, which become regions next. */
        elfcore_inspect_images(et);
        hr = elfcore_add_unloaded_mappings(et);
    }
    if (SUCCEEDED(hr)) {
        elfcore_mark_images(et);
        hr = add_modules(et);
    }
    if (SUCCEEDED(hr))
        hr = image_path_from_environment(et);
    if (SUCCEEDED(hr))
        index_runs(et);
    return hr;
}

HRESULT ds_elfcore_open(const char *path, const void *map, size_t map_size, unsigned flags,
                        ds_target **out)
{
    if (!out)
        return ds_fail(NULL, E_INVALIDARG, "ds_elfcore_open: out is NULL");
    *out = NULL;
    if (!path)
        path = "(core in memory)";
    if (!map || map_size < EI_NIDENT)
        return ds_fail(NULL, E_INVALIDARG,
                       "%s is not a core file: it is shorter than an ELF identification (%zu "
                       "bytes)", path, map_size);
    struct elfcore_target *et = calloc(1, sizeof *et);
    char *path_copy = strdup(path);
    if (!et || !path_copy) {
        free(et);
        free(path_copy);
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory opening %s", path);
    }
    ds_target_init(&et->base, &elfcore_ops);
    et->path = path_copy;
    et->map = (uint8_t *)map;  /* written only through a DS_OPEN_WRITABLE_COPY mapping */
    et->map_size = map_size;
    et->borrowed_map = (flags & DS_OPEN_BORROWED_MAP) != 0;
    et->writable = (flags & DS_OPEN_WRITABLE_COPY) != 0;
    et->base.read_only = !et->writable;
    if (!et->borrowed_map)
        ds_mapguard_add(&et->base, map, map_size, PROT_READ | (et->writable ? PROT_WRITE : 0));
    HRESULT hr = open_steps(et);
    if (SUCCEEDED(hr))
        hr = ds_mapguard_check_open(&et->base, path);
    if (FAILED(hr)) {
        destroy(et, false);  /* on failure the caller still owns the map */
        return hr;
    }
    *out = &et->base;
    return S_OK;
}
