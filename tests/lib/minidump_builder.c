/* minidump_builder.c — see minidump_builder.h. */
#include "testlib.h"
#include "minidump_builder.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "target.h"  /* ds_minidump_open over a buffer */

/* ---- the byte layer --------------------------------------------------------- */

uint32_t b_alloc(struct builder *b, size_t n)
{
    size_t at = b->n;
    assert_true(n <= UINT32_MAX - at);  /* RVAs are 32-bit */
    b->p = realloc(b->p, b->n + n ? b->n + n : 1);
    assert_non_null(b->p);
    memset(b->p + at, 0, n);
    b->n += n;
    return (uint32_t)at;
}

void b_u16(struct builder *b, uint32_t off, uint16_t v)
{
    b->p[off] = (uint8_t)v;
    b->p[off + 1] = (uint8_t)(v >> 8);
}

void b_u32(struct builder *b, uint32_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b->p[off + i] = (uint8_t)(v >> (8 * i));
}

void b_u64(struct builder *b, uint32_t off, uint64_t v)
{
    b_u32(b, off, (uint32_t)v);
    b_u32(b, off + 4, (uint32_t)(v >> 32));
}

void b_start(struct builder *b, uint32_t slots)
{
    memset(b, 0, sizeof *b);
    b_alloc(b, 32 + 12 * (size_t)slots);
    b_u32(b, 0, 0x504d444d);  /* "MDMP" */
    b_u32(b, 4, 0xa793);      /* MINIDUMP_VERSION */
    b_u32(b, 8, slots);
    b_u32(b, 12, 32);
}

void b_stream(struct builder *b, uint32_t type, uint32_t rva, uint32_t size)
{
    uint32_t e = 32 + 12 * b->nstreams++;
    b_u32(b, e, type);
    b_u32(b, e + 4, size);
    b_u32(b, e + 8, rva);
}

uint32_t b_bytes(struct builder *b, const void *data, size_t n)
{
    uint32_t at = b_alloc(b, n);
    if (n)
        memcpy(b->p + at, data, n);
    return at;
}

uint32_t b_string(struct builder *b, const char *utf8)
{
    uint16_t units[512];
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)utf8; *s && n < 512; n++) {
        if (*s < 0x80) {
            units[n] = *s++;
        } else if ((*s & 0xe0) == 0xc0) {
            units[n] = (uint16_t)((s[0] & 0x1f) << 6 | (s[1] & 0x3f));
            s += 2;
        } else {
            units[n] = (uint16_t)((s[0] & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f));
            s += 3;
        }
    }
    uint32_t at = b_alloc(b, 4 + 2 * n + 2);
    b_u32(b, at, (uint32_t)(2 * n));
    for (size_t i = 0; i < n; i++)
        b_u16(b, at + 4 + 2 * (uint32_t)i, units[i]);
    return at;
}

void b_system_info(struct builder *b, uint16_t arch)
{
    uint32_t at = b_alloc(b, 56);
    b_u16(b, at, arch);
    b_stream(b, MDB_SYSTEM_INFO, at, 56);
}

ds_target *b_open(struct builder *b)
{
    ds_target *t = NULL;
    assert_hr(S_OK, ds_minidump_open("built.dmp", b->p, b->n, DS_OPEN_BORROWED_MAP, &t), NULL);
    return t;
}

void b_memory_list(struct builder *b, const struct mem_desc *d, uint32_t n, bool padded)
{
    uint32_t first = padded ? 8 : 4;
    uint32_t list = b_alloc(b, first + 16 * (size_t)n);
    b_u32(b, list, n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t data = b_alloc(b, d[i].size);
        memset(b->p + data, d[i].fill, d[i].size);
        b_u64(b, list + first + 16 * i, d[i].start);
        b_u32(b, list + first + 16 * i + 8, d[i].size);
        b_u32(b, list + first + 16 * i + 12, data);
    }
    b_stream(b, MDB_MEMORY_LIST, list, first + 16 * n);
}

/* ---- the model ------------------------------------------------------------- */

void mdb_init(struct mdb *m, uint16_t arch, uint32_t platform)
{
    memset(m, 0, sizeof *m);
    m->arch = arch;
    m->platform = platform;
    m->product_type = 1;  /* VER_NT_WORKSTATION */
    m->suite_mask = 0x100;  /* VER_SUITE_SINGLEUSERTS */
    m->major = platform == MDB_OS_WINDOWS ? 10 : 5;
    m->build = platform == MDB_OS_WINDOWS ? 19045 : 0;
    m->csd_version = platform == MDB_OS_WINDOWS ? "" : "Linux 6.1.0 #1 SMP x86_64";
    m->handle_descriptor_size = 40;
}

void mdb_free(struct mdb *m)
{
    for (size_t i = 0; i < m->nranges; i++)
        free(m->ranges[i].data);
    free(m->ranges);
    free(m->out.p);
    if (m->path[0])
        unlink(m->path);
    memset(m, 0, sizeof *m);
}

uint8_t mdb_pattern(uint64_t addr, uint32_t seed)
{
    uint64_t x = (addr ^ ((uint64_t)seed << 32)) * 0x9e3779b97f4a7c15ull;
    return (uint8_t)(x >> 56 ^ x >> 29);
}

uint8_t *mdb_memory(struct mdb *m, uint64_t start, uint32_t size, const void *data,
                    enum mdb_list list)
{
    assert_true(size > 0 && start + size > start);
    size_t at = m->nranges;
    while (at && m->ranges[at - 1].start > start)
        at--;
    if (at)
        assert_true(m->ranges[at - 1].start + m->ranges[at - 1].size <= start);
    if (at < m->nranges)
        assert_true(start + size <= m->ranges[at].start);
    if (m->nranges == m->range_cap) {
        m->range_cap = m->range_cap ? 2 * m->range_cap : 64;
        m->ranges = realloc(m->ranges, m->range_cap * sizeof *m->ranges);
        assert_non_null(m->ranges);
    }
    memmove(&m->ranges[at + 1], &m->ranges[at], (m->nranges - at) * sizeof *m->ranges);
    m->nranges++;
    struct mdb_range *r = &m->ranges[at];
    *r = (struct mdb_range){ .start = start, .size = size, .list = list };
    r->data = calloc(size, 1);
    assert_non_null(r->data);
    if (data)
        memcpy(r->data, data, size);
    return r->data;
}

uint8_t *mdb_memory_pattern(struct mdb *m, uint64_t start, uint32_t size, uint32_t seed,
                            enum mdb_list list)
{
    uint8_t *p = mdb_memory(m, start, size, NULL, list);
    for (uint32_t i = 0; i < size; i++)
        p[i] = mdb_pattern(start + i, seed);
    return p;
}

struct mdb_thread *mdb_thread(struct mdb *m, uint32_t tid, uint64_t stack_start,
                              uint32_t stack_size)
{
    assert_true(m->nthreads < MDB_MAX_THREADS);
    struct mdb_thread *t = &m->threads[m->nthreads++];
    *t = (struct mdb_thread){ .tid = tid, .stack_start = stack_start, .stack_size = stack_size,
                              .priority_class = 0x20, .teb = 0x7ff000000000ull + tid * 0x2000ull,
                              .sp = stack_start + stack_size / 2, .pc = 0x401000 };
    return t;
}

static struct mdb_module *add_module(struct mdb_module *v, size_t *n, uint64_t base,
                                     uint32_t size, const char *name)
{
    assert_true(*n < MDB_MAX_MODULES);
    struct mdb_module *mod = &v[(*n)++];
    *mod = (struct mdb_module){ .base = base, .size = size, .name = name,
                                .checksum = (uint32_t)(base >> 12) ^ size,
                                .timestamp = 0x5f000000u + (uint32_t)*n, .age = 1 };
    for (int i = 0; i < 16; i++)
        mod->guid[i] = mdb_pattern(base + (uint64_t)i, 7);
    return mod;
}

struct mdb_module *mdb_module(struct mdb *m, uint64_t base, uint32_t size, const char *name)
{
    return add_module(m->modules, &m->nmodules, base, size, name);
}

struct mdb_module *mdb_unloaded(struct mdb *m, uint64_t base, uint32_t size, const char *name)
{
    return add_module(m->unloaded, &m->nunloaded, base, size, name);
}

void mdb_meminfo(struct mdb *m, uint64_t base, uint64_t size, uint64_t allocation_base,
                 uint32_t allocation_protect, uint32_t state, uint32_t protect, uint32_t type)
{
    assert_true(m->nmeminfo < MDB_MAX_MEMINFO);
    m->meminfo[m->nmeminfo++] = (struct mdb_meminfo){ base, allocation_base, allocation_protect,
                                                      size, state, protect, type };
}

struct mdb_handle *mdb_handle(struct mdb *m, uint64_t handle, const char *type_name,
                              const char *object_name)
{
    assert_true(m->nhandles < MDB_MAX_HANDLES);
    struct mdb_handle *h = &m->handles[m->nhandles++];
    *h = (struct mdb_handle){ .handle = handle, .type_name = type_name,
                              .object_name = object_name, .granted_access = 0x1f0003,
                              .handle_count = 1, .pointer_count = 2 };
    return h;
}

void mdb_stream(struct mdb *m, uint32_t type, const void *data, uint32_t size)
{
    assert_true(m->nextra < MDB_MAX_STREAMS);
    m->extra[m->nextra++] = (struct mdb_stream){ type, data, size };
}

uint32_t mdb_pointer_size(const struct mdb *m)
{
    return m->arch == MDB_ARCH_X86 || m->arch == MDB_ARCH_ARM ? 4 : 8;
}

uint32_t mdb_machine(const struct mdb *m)
{
    switch (m->arch) {
    case MDB_ARCH_X86: return IMAGE_FILE_MACHINE_I386;
    case MDB_ARCH_ARM: return IMAGE_FILE_MACHINE_ARMNT;
    case MDB_ARCH_AMD64: return IMAGE_FILE_MACHINE_AMD64;
    default: return IMAGE_FILE_MACHINE_ARM64;
    }
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8);
}
static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v), put32(p + 4, (uint32_t)(v >> 32));
}

void mdb_pe_image(struct mdb *m, const struct mdb_module *mod, uint32_t size,
                  enum mdb_list list)
{
    bool plus = mdb_pointer_size(m) == 8;
    assert_true(size >= 0x200);
    uint8_t *p = mdb_memory(m, mod->base, size, NULL, list);
    const uint32_t lfanew = 0x80;
    put16(p, 0x5a4d);  /* "MZ" */
    put32(p + 0x3c, lfanew);
    uint8_t *pe = p + lfanew;
    memcpy(pe, "PE\0\0", 4);
    uint8_t *fh = pe + 4;  /* IMAGE_FILE_HEADER */
    put16(fh, (uint16_t)mdb_machine(m));
    put32(fh + 4, mod->timestamp);
    put16(fh + 16, plus ? 240 : 224);
    put16(fh + 18, plus ? 0x22 : 0x102);
    uint8_t *oh = fh + 20;  /* the optional header */
    put16(oh, plus ? 0x20b : 0x10b);
    oh[2] = 14;
    put32(oh + 4, mod->size / 2);      /* SizeOfCode */
    put32(oh + 16, 0x1000);            /* AddressOfEntryPoint */
    put32(oh + 20, 0x1000);            /* BaseOfCode */
    if (plus)
        put64(oh + 24, mod->base);
    else
        put32(oh + 28, (uint32_t)mod->base);
    put32(oh + 32, 0x1000);            /* SectionAlignment */
    put32(oh + 36, 0x200);             /* FileAlignment */
    put16(oh + 40, 6);                 /* MajorOperatingSystemVersion */
    put16(oh + 48, 6);                 /* MajorSubsystemVersion */
    put32(oh + 56, mod->size);         /* SizeOfImage */
    put32(oh + 60, 0x400);             /* SizeOfHeaders */
    put32(oh + 64, mod->checksum);
    put16(oh + 68, 3);                 /* IMAGE_SUBSYSTEM_WINDOWS_CUI */
    put16(oh + 70, 0x8160);            /* DllCharacteristics */
    if (plus) {
        put64(oh + 72, 0x100000), put64(oh + 80, 0x1000);
        put64(oh + 88, 0x100000), put64(oh + 96, 0x1000);
        put32(oh + 108, 16);           /* NumberOfRvaAndSizes */
    } else {
        put32(oh + 72, 0x100000), put32(oh + 76, 0x1000);
        put32(oh + 80, 0x100000), put32(oh + 84, 0x1000);
        put32(oh + 92, 16);
    }
}

/* ---- laying it out ---------------------------------------------------------- */

static uint32_t align4(struct builder *b)
{
    while (b->n % 4)
        b_alloc(b, 1);
    return (uint32_t)b->n;
}

static uint32_t string_or_zero(struct builder *b, const char *s)
{
    return s ? b_string(b, s) : 0;
}

/* CONTEXT of each architecture: its size, and where ContextFlags, the
   stack pointer and the program counter are. */
static uint32_t write_context(struct builder *b, const struct mdb *m, const struct mdb_thread *t,
                              uint32_t *size)
{
    uint32_t n, flags_at, flags, sp_at, pc_at;
    if (t->context) {
        uint32_t at = align4(b);
        b_alloc(b, t->context_size);
        memcpy(b->p + at, t->context, t->context_size);
        *size = t->context_size;
        return at;
    }
    switch (m->arch) {
    case MDB_ARCH_X86:
        n = 0x2cc, flags_at = 0, flags = 0x1003f, sp_at = 0xc4, pc_at = 0xb8;
        break;
    case MDB_ARCH_AMD64:
        n = 0x4d0, flags_at = 0x30, flags = 0x10003f, sp_at = 0x98, pc_at = 0xf8;
        break;
    case MDB_ARCH_ARM:
        n = 0x1a0, flags_at = 0, flags = 0x200007, sp_at = 0x38, pc_at = 0x40;
        break;
    default:  /* ARM64 */
        n = 0x390, flags_at = 0, flags = 0x400007, sp_at = 0x100, pc_at = 0x108;
        break;
    }
    uint32_t at = align4(b);
    b_alloc(b, n);
    b_u32(b, at + flags_at, flags);
    if (mdb_pointer_size(m) == 4) {
        b_u32(b, at + sp_at, (uint32_t)t->sp);
        b_u32(b, at + pc_at, (uint32_t)t->pc);
    } else {
        b_u64(b, at + sp_at, t->sp);
        b_u64(b, at + pc_at, t->pc);
    }
    *size = n;
    return at;
}

static const struct mdb_range *range_starting(const struct mdb *m, uint64_t start)
{
    for (size_t i = 0; i < m->nranges; i++)
        if (m->ranges[i].start == start)
            return &m->ranges[i];
    return NULL;
}

/* The streams to write, counted before the directory is laid out. */
static uint32_t count_streams(const struct mdb *m, bool *list32, bool *list64, bool *names)
{
    *list32 = *list64 = *names = false;
    for (size_t i = 0; i < m->nranges; i++) {
        *list32 |= m->ranges[i].list == MDB_IN_LIST32;
        *list64 |= m->ranges[i].list == MDB_IN_LIST64;
    }
    for (size_t i = 0; i < m->nthreads; i++)
        *names |= m->threads[i].name != NULL;
    return 1 + (m->nthreads > 0) + *names + (m->nmodules > 0) + (m->nunloaded > 0) + *list32 +
           *list64 + (m->nmeminfo > 0) + (m->nhandles > 0 || m->handle_stream) + (m->pid != 0) +
           (m->linux_status != NULL) + (m->linux_maps != NULL) + (uint32_t)m->nextra;
}

static void build_system_info(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t at = align4(b);
    b_alloc(b, 56);
    b_u16(b, at, m->arch);
    b_u16(b, at + 2, 6);                     /* ProcessorLevel */
    b_u16(b, at + 4, 0x3a09);                /* ProcessorRevision */
    b->p[at + 6] = 8;                        /* NumberOfProcessors */
    b->p[at + 7] = m->product_type;
    b_u32(b, at + 8, m->major);
    b_u32(b, at + 12, m->minor);
    b_u32(b, at + 16, m->build);
    b_u32(b, at + 20, m->platform);
    b_u16(b, at + 28, m->suite_mask);
    if (m->arch == MDB_ARCH_X86 || m->arch == MDB_ARCH_AMD64) {
        memcpy(b->p + at + 32, "GenuineIntel", 12);  /* CPU_INFORMATION.X86CpuInfo */
        b_u32(b, at + 44, 0x000306a9);
        b_u32(b, at + 48, 0xbfebfbff);
    } else {
        b_u64(b, at + 32, 0x1f);                     /* ProcessorFeatures */
    }
    uint32_t csd = b_string(b, m->csd_version ? m->csd_version : "");
    b_u32(b, at + 24, csd);
    b_stream(b, MDB_SYSTEM_INFO, at, 56);
}

static uint32_t list_header(struct builder *b, const struct mdb *m, uint32_t count,
                            uint32_t entry, uint32_t *first)
{
    *first = m->padded_lists ? 8 : 4;
    uint32_t at = align4(b);
    b_alloc(b, *first + (size_t)count * entry);
    b_u32(b, at, count);
    return at;
}

static void build_threads(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t entry = m->thread_ex ? 64 : 48, first;
    uint32_t n = (uint32_t)m->nthreads;
    uint32_t list = list_header(b, m, n, entry, &first);
    for (uint32_t i = 0; i < n; i++) {
        const struct mdb_thread *t = &m->threads[i];
        uint32_t e = list + first + i * entry, csize;
        uint32_t ctx = write_context(b, m, t, &csize);
        b_u32(b, e, t->tid);
        b_u32(b, e + 4, t->suspend_count);
        b_u32(b, e + 8, t->priority_class);
        b_u32(b, e + 12, t->priority);
        b_u64(b, e + 16, t->teb);
        const struct mdb_range *r = t->stack_size ? range_starting(m, t->stack_start) : NULL;
        b_u64(b, e + 24, t->stack_start);
        b_u32(b, e + 32, t->stack_size);
        /* A full-memory dump keeps the stack in the Memory64 list and says
           Rva 0 here, as dbghelp and Wine do. */
        b_u32(b, e + 36, r && r->list != MDB_IN_LIST64 ? (uint32_t)r->rva : 0);
        b_u32(b, e + 40, csize);
        b_u32(b, e + 44, ctx);
    }
    b_stream(b, m->thread_ex ? MDB_THREAD_EX_LIST : MDB_THREAD_LIST, list,
             first + n * entry);
}

static void build_thread_names(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t n = 0;
    for (size_t i = 0; i < m->nthreads; i++)
        n += m->threads[i].name != NULL;
    uint32_t at = align4(b);
    b_alloc(b, 4 + 12 * (size_t)n);
    b_u32(b, at, n);
    uint32_t k = 0;
    for (size_t i = 0; i < m->nthreads; i++) {
        if (!m->threads[i].name)
            continue;
        uint32_t name = b_string(b, m->threads[i].name);
        b_u32(b, at + 4 + 12 * k, m->threads[i].tid);
        b_u64(b, at + 8 + 12 * k, name);
        k++;
    }
    b_stream(b, MDB_THREAD_NAMES, at, 4 + 12 * n);
}

/* An RSDS CodeView record: signature, GUID, age, the PDB's path. */
static uint32_t codeview(struct builder *b, const struct mdb_module *mod, uint32_t *size)
{
    size_t len = strlen(mod->pdb) + 1;
    uint32_t at = b_alloc(b, 24 + len);
    b_u32(b, at, 0x53445352);  /* "RSDS" */
    memcpy(b->p + at + 4, mod->guid, 16);
    b_u32(b, at + 20, mod->age);
    memcpy(b->p + at + 24, mod->pdb, len);
    *size = (uint32_t)(24 + len);
    return at;
}

static void build_modules(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t first, n = (uint32_t)m->nmodules;
    uint32_t list = list_header(b, m, n, 108, &first);
    for (uint32_t i = 0; i < n; i++) {
        const struct mdb_module *mod = &m->modules[i];
        uint32_t e = list + first + 108 * i;
        b_u64(b, e, mod->base);
        b_u32(b, e + 8, mod->size);
        b_u32(b, e + 12, mod->checksum);
        b_u32(b, e + 16, mod->timestamp);
        b_u32(b, e + 20, string_or_zero(b, mod->name));
        b_u32(b, e + 24, 0xfeef04bd);    /* VS_FIXEDFILEINFO.dwSignature */
        b_u32(b, e + 28, 0x10000);       /* dwStrucVersion */
        b_u32(b, e + 32, 0x000a0000);    /* dwFileVersionMS: 10.0 */
        b_u32(b, e + 36, m->build << 16);
        if (mod->pdb) {
            uint32_t size, cv = codeview(b, mod, &size);
            b_u32(b, e + 76, size);
            b_u32(b, e + 80, cv);
        }
    }
    b_stream(b, MDB_MODULE_LIST, list, first + 108 * n);
}

static void build_unloaded(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t n = (uint32_t)m->nunloaded;
    uint32_t at = align4(b);
    b_alloc(b, 12 + 24 * (size_t)n);
    b_u32(b, at, 12);
    b_u32(b, at + 4, 24);
    b_u32(b, at + 8, n);
    for (uint32_t i = 0; i < n; i++) {
        const struct mdb_module *mod = &m->unloaded[i];
        uint32_t e = at + 12 + 24 * i;
        b_u64(b, e, mod->base);
        b_u32(b, e + 8, mod->size);
        b_u32(b, e + 12, mod->checksum);
        b_u32(b, e + 16, mod->timestamp);
        b_u32(b, e + 20, string_or_zero(b, mod->name));
    }
    b_stream(b, MDB_UNLOADED_MODULE_LIST, at, 12 + 24 * n);
}

/* MemoryListStream: descriptors, then each range's bytes after them (the
   thread-only stacks too, listed nowhere but in their thread). */
static void build_memory32(struct mdb *m, bool listed)
{
    struct builder *b = &m->out;
    uint32_t n = 0, first = 4, list = 0;
    for (size_t i = 0; i < m->nranges; i++)
        n += m->ranges[i].list == MDB_IN_LIST32;
    if (listed)
        list = list_header(b, m, n, 16, &first);
    uint32_t k = 0;
    for (size_t i = 0; i < m->nranges; i++) {
        struct mdb_range *r = &m->ranges[i];
        if (r->list == MDB_IN_LIST64)
            continue;
        r->rva = b_bytes(b, r->data, r->size);
        if (r->list != MDB_IN_LIST32)
            continue;
        b_u64(b, list + first + 16 * k, r->start);
        b_u32(b, list + first + 16 * k + 8, r->size);
        b_u32(b, list + first + 16 * k + 12, (uint32_t)r->rva);
        k++;
    }
    if (listed)
        b_stream(b, MDB_MEMORY_LIST, list, first + 16 * n);
}

/* Memory64ListStream: the descriptors now, the bytes end to end at the
   very end of the file (mdb_build calls build_memory64_data last). */
static uint32_t build_memory64(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t n = 0;
    for (size_t i = 0; i < m->nranges; i++)
        n += m->ranges[i].list == MDB_IN_LIST64;
    uint32_t at = align4(b);
    b_alloc(b, 16 + 16 * (size_t)n);
    b_u64(b, at, n);
    uint32_t k = 0;
    for (size_t i = 0; i < m->nranges; i++) {
        const struct mdb_range *r = &m->ranges[i];
        if (r->list != MDB_IN_LIST64)
            continue;
        b_u64(b, at + 16 + 16 * k, r->start);
        b_u64(b, at + 24 + 16 * k, r->size);
        k++;
    }
    b_stream(b, MDB_MEMORY64_LIST, at, 16 + 16 * n);
    return at;
}

static void build_memory64_data(struct mdb *m, uint32_t list)
{
    struct builder *b = &m->out;
    b_u64(b, list + 8, b->n);  /* BaseRva */
    for (size_t i = 0; i < m->nranges; i++) {
        struct mdb_range *r = &m->ranges[i];
        if (r->list == MDB_IN_LIST64)
            r->rva = b_bytes(b, r->data, r->size);
    }
}

static void build_memory_info(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t n = (uint32_t)m->nmeminfo;
    uint32_t at = align4(b);
    b_alloc(b, 16 + 48 * (size_t)n);
    b_u32(b, at, 16);
    b_u32(b, at + 4, 48);
    b_u64(b, at + 8, n);
    for (uint32_t i = 0; i < n; i++) {
        const struct mdb_meminfo *e = &m->meminfo[i];
        uint32_t o = at + 16 + 48 * i;
        b_u64(b, o, e->base);
        b_u64(b, o + 8, e->allocation_base);
        b_u32(b, o + 16, e->allocation_protect);
        b_u64(b, o + 24, e->size);
        b_u32(b, o + 32, e->state);
        b_u32(b, o + 36, e->protect);
        b_u32(b, o + 40, e->type);
    }
    b_stream(b, MDB_MEMORY_INFO_LIST, at, 16 + 48 * n);
}

static void build_handles(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t n = (uint32_t)m->nhandles, entry = m->handle_descriptor_size;
    uint32_t at = align4(b);
    b_alloc(b, 16 + (size_t)entry * n);
    b_u32(b, at, 16);
    b_u32(b, at + 4, entry);
    b_u32(b, at + 8, n);
    for (uint32_t i = 0; i < n; i++) {
        const struct mdb_handle *h = &m->handles[i];
        uint32_t e = at + 16 + entry * i;
        b_u64(b, e, h->handle);
        b_u32(b, e + 8, string_or_zero(b, h->type_name));
        b_u32(b, e + 12, string_or_zero(b, h->object_name));
        b_u32(b, e + 16, h->attributes);
        b_u32(b, e + 20, h->granted_access);
        b_u32(b, e + 24, h->handle_count);
        b_u32(b, e + 28, h->pointer_count);
    }
    b_stream(b, MDB_HANDLE_DATA, at, 16 + entry * n);
}

/* MINIDUMP_MISC_INFO_2: the process id and times, processor power. */
static void build_misc(struct mdb *m)
{
    struct builder *b = &m->out;
    uint32_t at = align4(b);
    b_alloc(b, 44);
    b_u32(b, at, 44);
    b_u32(b, at + 4, 0x1 | 0x2 | 0x4);
    b_u32(b, at + 8, m->pid);
    b_u32(b, at + 12, 0x65000000);  /* ProcessCreateTime */
    b_u32(b, at + 16, 3);
    b_u32(b, at + 20, 1);
    b_u32(b, at + 24, 3000);
    b_u32(b, at + 28, 2400);
    b_stream(b, MDB_MISC_INFO, at, 44);
}

static void build_text(struct mdb *m, uint32_t type, const char *text)
{
    size_t n = strlen(text);
    b_stream(&m->out, type, b_bytes(&m->out, text, n), (uint32_t)n);
}

void mdb_build(struct mdb *m)
{
    free(m->out.p);
    bool list32, list64, names;
    uint32_t count = count_streams(m, &list32, &list64, &names);
    struct builder *b = &m->out;
    b_start(b, count);
    b_u32(b, 4, 0xa793 | 0x0a61u << 16);  /* the writer's build in the high word */
    b_u32(b, 20, 0x65000000);             /* TimeDateStamp */
    b_u64(b, 24, (list64 ? 0x2 : 0) | (m->nhandles ? 0x4 : 0));  /* MINIDUMP_TYPE */
    build_system_info(m);
    /* Memory first: the threads' Stack descriptors point at its bytes. */
    build_memory32(m, list32);
    uint32_t list64_at = list64 ? build_memory64(m) : 0;
    if (m->nthreads)
        build_threads(m);
    if (names)
        build_thread_names(m);
    if (m->nmodules)
        build_modules(m);
    if (m->nunloaded)
        build_unloaded(m);
    if (m->nmeminfo)
        build_memory_info(m);
    if (m->nhandles || m->handle_stream)
        build_handles(m);
    if (m->pid)
        build_misc(m);
    if (m->linux_status)
        build_text(m, MDB_LINUX_PROC_STATUS, m->linux_status);
    if (m->linux_maps)
        build_text(m, MDB_LINUX_MAPS, m->linux_maps);
    for (size_t i = 0; i < m->nextra; i++)
        b_stream(b, m->extra[i].type, b_bytes(b, m->extra[i].data, m->extra[i].size),
                 m->extra[i].size);
    if (list64)
        build_memory64_data(m, list64_at);
    assert_int_equal(b->nstreams, count);
    m->file_size = b->n;
}

void mdb_cut(struct mdb *m, size_t size)
{
    assert_true(size <= m->out.n);
    m->file_size = size;
}

/* The files written, removed at exit too: a failing test jumps past its
   mdb_free. */
static char written[256][64];
static size_t nwritten;

static void remove_written(void)
{
    for (size_t i = 0; i < nwritten; i++)
        unlink(written[i]);
}

static void remember_written(const char *path)
{
    if (nwritten == 0)
        atexit(remove_written);
    if (nwritten < sizeof written / sizeof written[0])
        snprintf(written[nwritten++], sizeof written[0], "%s", path);
}

const char *mdb_write_file(struct mdb *m)
{
    if (m->path[0])
        unlink(m->path);
    const char *dir = getenv("TMPDIR");
    snprintf(m->path, sizeof m->path, "%s/ds-mdb-XXXXXX",
             dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
    int fd = mkstemp(m->path);
    if (fd < 0)
        fail_msg("cannot create %s: %s", m->path, strerror(errno));
    remember_written(m->path);
    /* Pages of zeros become holes: a big dump costs little disk. */
    enum { CHUNK = 65536 };
    static const uint8_t zeros[CHUNK];
    for (size_t at = 0; at < m->file_size;) {
        size_t n = m->file_size - at < CHUNK ? m->file_size - at : CHUNK;
        if (n == CHUNK && memcmp(m->out.p + at, zeros, CHUNK) == 0) {
            assert_true(lseek(fd, CHUNK, SEEK_CUR) >= 0);
        } else {
            ssize_t w = write(fd, m->out.p + at, n);
            if (w <= 0)
                fail_msg("cannot write %s: %s", m->path, strerror(errno));
            n = (size_t)w;
        }
        at += n;
    }
    assert_int_equal(ftruncate(fd, (off_t)m->file_size), 0);
    close(fd);
    return m->path;
}

ds_target *mdb_open(struct mdb *m, unsigned flags)
{
    mdb_build(m);
    return mdb_open_as_is(m, flags);
}

ds_target *mdb_open_as_is(struct mdb *m, unsigned flags)
{
    const char *path = mdb_write_file(m);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(path, flags, &t), NULL);
    return t;
}

uint32_t mdb_stream_rva(const struct mdb *m, uint32_t type, uint32_t *size)
{
    for (uint32_t i = 0; i < m->out.nstreams; i++) {
        const uint8_t *e = m->out.p + 32 + 12 * i;
        uint32_t t = (uint32_t)e[0] | (uint32_t)e[1] << 8 | (uint32_t)e[2] << 16 |
                     (uint32_t)e[3] << 24;
        if (t != type)
            continue;
        if (size)
            memcpy(size, e + 4, 4);
        uint32_t rva;
        memcpy(&rva, e + 8, 4);
        return rva;
    }
    return 0;
}

/* ---- the truth ------------------------------------------------------------- */

uint64_t mdb_present(const struct mdb *m, const struct mdb_range *r)
{
    if (!m->out.p)
        return r->size;
    if (r->rva >= m->file_size)
        return 0;
    return r->size < m->file_size - r->rva ? r->size : m->file_size - r->rva;
}

const struct mdb_range *mdb_range_at(const struct mdb *m, uint64_t addr)
{
    size_t lo = 0, hi = m->nranges;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->ranges[mid].start + m->ranges[mid].size <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->nranges && m->ranges[lo].start <= addr ? &m->ranges[lo] : NULL;
}

size_t mdb_truth_read(const struct mdb *m, uint64_t addr, void *buf, size_t size)
{
    const struct mdb_range *r = mdb_range_at(m, addr), *end = m->ranges + m->nranges;
    size_t done = 0;
    /* Touching ranges read as one, up to the first byte the file lacks. A
       thread-only stack is in the dump only through a ThreadListStream
       (of a ThreadExListStream the backend reads only the thread ids). */
    for (; r && r < end && done < size; r++) {
        uint64_t at = addr + done;
        if (at < r->start || (r->list == MDB_IN_THREAD && m->thread_ex))
            break;
        uint64_t off = at - r->start, present = mdb_present(m, r);
        if (off >= present)
            break;
        size_t n = present - off < size - done ? (size_t)(present - off) : size - done;
        memcpy((uint8_t *)buf + done, r->data + off, n);
        done += n;
        if (off + n < r->size)
            break;  /* the range is cut, or the read is done */
    }
    return done;
}
