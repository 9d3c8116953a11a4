/*
 * live_modules.c — the modules of a live process: the ELF images its
 * mappings hold, as dbgeng lists a live target's modules and as a core's
 * NT_FILE gives them (elfcore.c's add_modules).
 *
 * A module starts at a readable mapping of a file at file offset 0 whose
 * first bytes, read through the target, are an ELF header of an
 * executable or a shared object (ET_EXEC, ET_DYN). It goes on over the
 * mappings of the same file (device, inode and path) that follow it in
 * /proc/PID/maps, as the loader maps an image's segments side by side
 * (the PROT_NONE holes between them included, which are the file's too),
 * up to
 *   - the next mapping of the file's offset 0 (a second mapping of the
 *     same file placed next to the first, which mmap's top-down placement
 *     makes likely for a program that maps a library it loaded), or
 *   - the end of the span its PT_LOADs cover (a page-aligned
 *     [min p_vaddr, max p_vaddr + p_memsz) from the load address),
 * and it is a module only when one of those mappings may execute: the
 * rule procmaps.c and the core backend use for MEM_IMAGE, so a library
 * mapped as data (mmap of the file, PROT_READ) is not one, nor is a data
 * file mapped executable (no ELF header).
 *
 * base = that first mapping's start, size = up to the end of the last
 * mapping taken, name = the path /proc/PID/maps shows: the rule and the
 * name a core of the same process gets from NT_FILE, whose paths are the
 * same d_path text. The anonymous .bss after an image's last file page is
 * not in it, as it is not in a core's; a file deleted on disk keeps its
 * mapping and is listed with the kernel's " (deleted)" suffix, as a core
 * lists it. The vDSO is no file and is not listed (nor in cores).
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

/* Program headers looked at per image (real ones have about a dozen) and
   the largest entry read (Elf64_Phdr is 56 bytes). */
#define MAX_PHNUM 256
#define MAX_PHENTSIZE 64

/* What an image's header says about its extent. */
struct image_span {
    bool known;      /* the program headers were read */
    uint64_t size;   /* page-aligned span of the PT_LOADs from the base */
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

/* Whether an ELF header of a loadable image sits at base; when its program
   headers can be read, the span of its PT_LOADs. */
static bool read_image_header(ds_target *t, uint64_t base, struct image_span *span)
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

    /* The span: a header whose table cannot be read still names an image
       (its extent is then the run of mappings alone). */
    *span = (struct image_span){ 0 };
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
    uint64_t page = t->page_size ? t->page_size : 4096;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (uint64_t i = 0; i < phnum; i++) {
        const uint8_t *ph = table + i * phentsize;
        if (field(ph, 4, big) != PT_LOAD)
            continue;
        uint64_t vaddr = is64 ? field(ph + 16, 8, big) : field(ph + 8, 4, big);
        uint64_t memsz = is64 ? field(ph + 40, 8, big) : field(ph + 20, 4, big);
        if (vaddr > UINT64_MAX - page || memsz > UINT64_MAX - page - vaddr)
            return true;  /* absurd: no bound from it */
        uint64_t end = (vaddr + memsz + page - 1) & ~(page - 1);
        lo = vaddr < lo ? vaddr : lo;
        hi = end > hi ? end : hi;
    }
    if (hi == 0)
        return true;
    lo &= ~(page - 1);
    *span = (struct image_span){ .known = true, .size = hi - lo };
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
        struct image_span span;
        if (!may_start_image(first) || !read_image_header(t, first->start, &span)) {
            i++;
            continue;
        }
        uint64_t limit = span.known && span.size <= UINT64_MAX - first->start
                             ? first->start + span.size : UINT64_MAX;
        bool exec = first->x;
        size_t j = i + 1;
        while (j < maps->n && same_file(&maps->v[j], first) && maps->v[j].offset != 0 &&
               maps->v[j].end <= limit) {
            exec |= maps->v[j].x;
            j++;
        }
        if (exec)
            hr = ds_target_add_module(t, first->start, maps->v[j - 1].end - first->start,
                                      first->path);
        i = j;
    }
    memcpy(t->error, saved, sizeof saved);
    return FAILED(hr) ? ds_fail(t, hr, "out of memory listing the modules of process %u", t->pid)
                      : S_OK;
}
