/*
 * image_extent.c — the mappings one loaded ELF image is made of, for the
 * module lists of live processes (backend/live_modules.c, from
 * /proc/PID/maps) and of cores (backend/elfcore_notes.c, from NT_FILE):
 * one rule, so that a core lists the modules its process did.
 *
 * An image starts at a mapping of a file at file offset 0 whose first
 * bytes are an ELF header of an executable or a shared object (ET_EXEC,
 * ET_DYN). It takes in the later mappings of the same file that its
 * program headers place: those whose file pages sit where a PT_LOAD puts
 * them relative to the header's page (so the same file mapped again
 * beside it, which mmap's top-down placement makes likely for a program
 * that maps a library it loaded, is not taken, while a data segment that
 * shares file page 0 with the code, as small arm64 programs have, is),
 * and the PROT_NONE holes of the loader's first mapping of the whole span
 * (offset = distance from the base). All within the span of the PT_LOADs,
 * looking past anonymous mappings (the .bss, or a mapping placed in a
 * hole the kernel's loader unmapped; a core's NT_FILE lists none) and
 * stopping at any other file. Without readable program headers: the run
 * of the file's consecutive mappings up to its next offset-0 mapping (or,
 * in /proc/PID/maps, an anonymous one).
 *
 * Everything read here is bounded here: at most MAX_PHNUM entries of at
 * most MAX_PHENTSIZE bytes, in one read from the header's mapping.
 */
#include <elf.h>
#include <string.h>

#include "image_extent.h"

/* Program headers looked at per image (real ones have about a dozen) and
   the largest entry read (Elf64_Phdr is 56 bytes). */
#define MAX_PHNUM 256
#define MAX_PHENTSIZE 64

static uint64_t field(const uint8_t *p, unsigned size, bool big)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[big ? i : size - 1 - i] << (8 * (size - 1 - i));
    return v;
}

/* The layout from a program header table; unknown when a value is absurd,
   there are too many PT_LOADs or none maps the header (file page 0). */
static void take_layout(const uint8_t *table, uint64_t phnum, uint64_t phentsize, bool is64,
                        bool big, uint64_t page, struct ds_image_layout *out)
{
    uint64_t lo = UINT64_MAX, hi = 0, header_vaddr = UINT64_MAX;
    struct ds_image_layout l = { 0 };
    for (uint64_t i = 0; i < phnum; i++) {
        const uint8_t *ph = table + i * phentsize;
        if (field(ph, 4, big) != PT_LOAD)
            continue;
        uint64_t offset = is64 ? field(ph + 8, 8, big) : field(ph + 4, 4, big);
        uint64_t vaddr = is64 ? field(ph + 16, 8, big) : field(ph + 8, 4, big);
        uint64_t filesz = is64 ? field(ph + 32, 8, big) : field(ph + 16, 4, big);
        uint64_t memsz = is64 ? field(ph + 40, 8, big) : field(ph + 20, 4, big);
        if (l.nloads == DS_IMAGE_MAX_LOADS || vaddr > UINT64_MAX - page ||
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

bool ds_image_read_header(ds_image_reader read, void *ctx, uint64_t page,
                          struct ds_image_layout *layout)
{
    uint8_t eh[sizeof(Elf64_Ehdr)];
    if (!read(ctx, 0, eh, sizeof eh) || memcmp(eh, ELFMAG, SELFMAG) != 0)
        return false;
    bool is64 = eh[EI_CLASS] == ELFCLASS64, big = eh[EI_DATA] == ELFDATA2MSB;
    if ((!is64 && eh[EI_CLASS] != ELFCLASS32) || (!big && eh[EI_DATA] != ELFDATA2LSB) ||
        eh[EI_VERSION] != EV_CURRENT)
        return false;
    uint64_t type = field(eh + 16, 2, big);
    if (type != ET_EXEC && type != ET_DYN)
        return false;

    /* A header whose table cannot be read still names an image. */
    *layout = (struct ds_image_layout){ 0 };
    if (page < 1024 || (page & (page - 1)))
        page = 4096;
    uint64_t phoff = is64 ? field(eh + 32, 8, big) : field(eh + 28, 4, big);
    uint64_t phentsize = field(eh + (is64 ? 54 : 42), 2, big);
    uint64_t phnum = field(eh + (is64 ? 56 : 44), 2, big);
    size_t need = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    /* The table in one read (it sits in the first page, after the header). */
    uint8_t table[MAX_PHNUM * MAX_PHENTSIZE];
    if (phentsize < need || phentsize > MAX_PHENTSIZE || phnum == 0 || phnum > MAX_PHNUM ||
        !read(ctx, phoff, table, (size_t)(phnum * phentsize)))
        return true;
    take_layout(table, phnum, phentsize, is64, big, page, layout);
    return true;
}

/* Whether m, a later mapping of the file of the image whose header is
   mapped at base, is part of that image: it maps file pages where the
   header's layout puts them, or it is a stretch of the loader's first
   mapping of the whole span (the PROT_NONE holes between segments, whose
   offset is their distance from the base). Without a layout, any mapping
   but one of the file's start. */
static bool in_image(const struct ds_image_layout *l, uint64_t base,
                     const struct ds_image_mapping *m)
{
    if (!l->known)
        return m->offset != 0;
    uint64_t rel = m->start - base;
    if (m->end - base > l->span)
        return false;
    if (rel == m->offset)
        return true;
    for (uint32_t k = 0; k < l->nloads; k++)
        if (m->offset >= l->loads[k].file_lo && m->offset < l->loads[k].file_hi &&
            rel == l->loads[k].at + (m->offset - l->loads[k].file_lo))
            return true;
    return false;
}

size_t ds_image_last_mapping(const struct ds_image_layout *layout, size_t first, size_t n,
                             ds_image_mapping_at at, void *ctx)
{
    struct ds_image_mapping head;
    at(ctx, first, first, &head);
    size_t last = first;
    for (size_t k = first + 1; k < n; k++) {
        struct ds_image_mapping m;
        at(ctx, first, k, &m);
        if (m.start < head.start)
            break;  /* not sorted: a caller's bug, never a reason to wrap */
        if (m.same_file && !m.anonymous && in_image(layout, head.start, &m))
            last = k;
        else if (!m.anonymous || !layout->known || m.end - head.start > layout->span)
            break;
    }
    return last;
}
