/*
 * live_modules.c — the modules of a live process: the ELF images its
 * mappings hold, as dbgeng lists a live target's modules and as a core's
 * NT_FILE gives them (elfcore.c's add_modules).
 *
 * A module starts at a readable mapping of a file at file offset 0 whose
 * first bytes, read through the target, are an ELF header of an
 * executable or a shared object (ET_EXEC, ET_DYN). It takes in the later
 * mappings of the same file (device, inode and path) that its program
 * headers place: those whose file pages sit where a PT_LOAD puts them
 * relative to the header's page (so the same file mapped again beside it,
 * which mmap's top-down placement makes likely for a program that maps a
 * library it loaded, is not taken, while a data segment that shares file
 * page 0 with the code, as small arm64 programs have, is), and the
 * PROT_NONE holes of the loader's first mapping of the whole span (offset
 * = distance from the base). All within the span of the PT_LOADs, looking
 * past anonymous mappings (the .bss, or a mapping placed in a hole the
 * kernel's loader unmapped) and stopping at any other file. Without
 * readable program headers, the run of the file's consecutive mappings up
 * to its next offset-0 mapping. It is a module only when one of its
 * mappings may execute, the MEM_IMAGE rule of procmaps.c and of cores: a
 * library mapped as data is no module, nor is a data file mapped
 * executable (no ELF header).
 *
 * base = the header's mapping, size = up to the end of its last file
 * mapping, name = the path /proc/PID/maps shows: the rule and the name a
 * core of the same process gets from NT_FILE (the same d_path text; a
 * core, which has only names, lets a mapping of the same file placed
 * right beside an image join it), so the anonymous .bss after an image's
 * last file page is not in it. A
 * file deleted on disk keeps its mappings and is listed with the
 * kernel's " (deleted)" suffix, as a core lists it. The vDSO is no file
 * and is not listed (nor in cores).
 *
 * Read once, at open, for running (non-invasive) targets too: dbgeng's
 * non-invasive attach sees no load events either and keeps the list it
 * built at attach; an index into the list must not change meaning between
 * ds_get_number_modules and ds_get_module. Reopen to see later dlopens.
 */
#include <elf.h>
#include <string.h>

#include "../procmaps.h"
#include "live_internal.h"

/* Program headers looked at per image (real ones have about a dozen), the
   largest entry read (Elf64_Phdr is 56 bytes) and the PT_LOADs kept. */
#define MAX_PHNUM 256
#define MAX_PHENTSIZE 64
#define MAX_LOADS 16

/* Where an image's header says its file pages go, relative to the page
   where the header itself is mapped (the module's base); all
   page-aligned. */
struct image_layout {
    bool known;          /* the program headers were read and hold the header */
    uint64_t span;       /* [min p_vaddr, max p_vaddr + p_memsz) */
    uint32_t nloads;
    struct {
        uint64_t file_lo, file_hi;  /* the file pages of the segment */
        uint64_t at;                /* where file_lo goes, from the base */
    } loads[MAX_LOADS];
};

static uint64_t field(const uint8_t *p, unsigned size, bool big)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[big ? i : size - 1 - i] << (8 * (size - 1 - i));
    return v;
}

static bool read_all(ds_target *t, uint64_t addr, void *buf, size_t size)
{
    size_t done = 0;
    return SUCCEEDED(ds_backend_read(t, addr, buf, size, &done)) && done == size;
}

/* The layout from a program header table; unknown when a value is absurd,
   there are too many PT_LOADs or none maps the header (file page 0). */
static void take_layout(const uint8_t *table, uint64_t phnum, uint64_t phentsize, bool is64,
                        bool big, uint64_t page, struct image_layout *out)
{
    uint64_t lo = UINT64_MAX, hi = 0, header_vaddr = UINT64_MAX;
    struct image_layout l = { 0 };
    for (uint64_t i = 0; i < phnum; i++) {
        const uint8_t *ph = table + i * phentsize;
        if (field(ph, 4, big) != PT_LOAD)
            continue;
        uint64_t offset = is64 ? field(ph + 8, 8, big) : field(ph + 4, 4, big);
        uint64_t vaddr = is64 ? field(ph + 16, 8, big) : field(ph + 8, 4, big);
        uint64_t filesz = is64 ? field(ph + 32, 8, big) : field(ph + 16, 4, big);
        uint64_t memsz = is64 ? field(ph + 40, 8, big) : field(ph + 20, 4, big);
        if (l.nloads == MAX_LOADS || vaddr > UINT64_MAX - page ||
            memsz > UINT64_MAX - page - vaddr || offset > UINT64_MAX - page ||
            filesz > UINT64_MAX - page - offset)
            return;
        uint64_t vlo = vaddr & ~(page - 1), vend = (vaddr + memsz + page - 1) & ~(page - 1);
        lo = vlo < lo ? vlo : lo;
        hi = vend > hi ? vend : hi;
        uint64_t file_lo = offset & ~(page - 1);
        if (file_lo == 0 && vlo < header_vaddr)
            header_vaddr = vlo;
        l.loads[l.nloads].file_lo = file_lo;
        l.loads[l.nloads].file_hi = (offset + filesz + page - 1) & ~(page - 1);
        l.loads[l.nloads++].at = vlo;  /* made relative below */
    }
    if (header_vaddr == UINT64_MAX)
        return;
    for (uint32_t k = 0; k < l.nloads; k++)
        l.loads[k].at -= header_vaddr;  /* wraps for a segment below the header: no match */
    l.span = hi - lo;
    l.known = true;
    *out = l;
}

/* Whether an ELF header of a loadable image sits at base, and what its
   program headers say of its layout when they can be read. */
static bool read_image_header(ds_target *t, uint64_t base, struct image_layout *layout)
{
    /* 64 bytes: the mapping is at least a page. */
    uint8_t eh[sizeof(Elf64_Ehdr)];
    if (!read_all(t, base, eh, sizeof eh) || memcmp(eh, ELFMAG, SELFMAG) != 0)
        return false;
    bool is64 = eh[EI_CLASS] == ELFCLASS64, big = eh[EI_DATA] == ELFDATA2MSB;
    if ((!is64 && eh[EI_CLASS] != ELFCLASS32) || (!big && eh[EI_DATA] != ELFDATA2LSB) ||
        eh[EI_VERSION] != EV_CURRENT)
        return false;
    uint64_t type = field(eh + 16, 2, big);
    if (type != ET_EXEC && type != ET_DYN)
        return false;

    /* A header whose table cannot be read still names an image. */
    *layout = (struct image_layout){ 0 };
    uint64_t phoff = is64 ? field(eh + 32, 8, big) : field(eh + 28, 4, big);
    uint64_t phentsize = field(eh + (is64 ? 54 : 42), 2, big);
    uint64_t phnum = field(eh + (is64 ? 56 : 44), 2, big);
    size_t need = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    /* The table in one read (it sits in the first page, after the header). */
    uint8_t table[MAX_PHNUM * MAX_PHENTSIZE];
    if (phentsize < need || phentsize > MAX_PHENTSIZE || phnum == 0 || phnum > MAX_PHNUM ||
        phnum * phentsize > UINT64_MAX - base || phoff > UINT64_MAX - base - phnum * phentsize ||
        !read_all(t, base + phoff, table, (size_t)(phnum * phentsize)))
        return true;
    uint64_t page = t->page_size >= 1024 && !(t->page_size & (t->page_size - 1)) ? t->page_size
                                                                                    : 4096;
    take_layout(table, phnum, phentsize, is64, big, page, layout);
    return true;
}

static bool same_file(const struct ds_map_entry *a, const struct ds_map_entry *b)
{
    return a->inode == b->inode && a->dev_major == b->dev_major &&
           a->dev_minor == b->dev_minor && strcmp(a->path, b->path) == 0;
}

static bool may_start_image(const struct ds_map_entry *e)
{
    return e->inode != 0 && e->path[0] == '/' && e->offset == 0 && e->r;
}

/* Whether e, a later mapping of the file of the image whose header is
   mapped at base, is part of that image: it maps file pages where the
   header's layout puts them, or it is a stretch of the loader's first
   mapping of the whole span (the PROT_NONE holes between segments, whose
   offset is their distance from the base). Without a layout, any mapping
   but one of the file's start. */
static bool in_image(const struct image_layout *l, uint64_t base, const struct ds_map_entry *e)
{
    if (!l->known)
        return e->offset != 0;
    uint64_t rel = e->start - base;
    if (e->end - base > l->span)
        return false;
    if (rel == e->offset)
        return true;
    for (uint32_t k = 0; k < l->nloads; k++)
        if (e->offset >= l->loads[k].file_lo && e->offset < l->loads[k].file_hi &&
            rel == l->loads[k].at + (e->offset - l->loads[k].file_lo))
            return true;
    return false;
}

HRESULT ds_live_list_modules(ds_target *t, const struct ds_maps *maps)
{
    /* A header that cannot be read is not a module, not an error: keep
       its sentence out of the target's error text. */
    char saved[sizeof t->error];
    memcpy(saved, t->error, sizeof saved);
    HRESULT hr = S_OK;
    size_t i = 0;
    while (i < maps->n && SUCCEEDED(hr)) {
        const struct ds_map_entry *first = &maps->v[i];
        struct image_layout layout;
        if (!may_start_image(first) || !read_image_header(t, first->start, &layout)) {
            i++;
            continue;
        }
        /* Its mappings, and anonymous ones between them (the .bss, or a
           mapping placed in a hole the kernel's loader unmapped): as in a
           core's NT_FILE, which lists no anonymous mapping. */
        bool exec = first->x;
        size_t last = i;
        for (size_t j = i + 1; j < maps->n; j++) {
            const struct ds_map_entry *e = &maps->v[j];
            if (same_file(e, first) && in_image(&layout, first->start, e)) {
                exec |= e->x;
                last = j;
            } else if (e->inode != 0 || !layout.known || e->end - first->start > layout.span) {
                break;
            }
        }
        if (exec)
            hr = ds_target_add_module(t, first->start, maps->v[last].end - first->start,
                                      first->path);
        i = last + 1;
    }
    memcpy(t->error, saved, sizeof saved);
    return FAILED(hr) ? ds_fail(t, hr, "out of memory listing the modules of process %u", t->pid)
                      : S_OK;
}
