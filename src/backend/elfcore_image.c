/*
 * elfcore_image.c — the files behind a core's file mappings.
 *
 * The first page of each mapped ELF file is usually in the core (bit 4 of
 * coredump_filter, "ELF headers", is on by default, see core(5); gcore
 * copies it too), so the core itself tells each image's GNU build-id and
 * program headers. The build-id decides whether a file found on the image
 * path is the one that was mapped: only then are the bytes the core lacks
 * read from it. The program headers give the protection of the mappings
 * gcore leaves out of the core altogether.
 *
 * One parser reads both copies of a header, the core's and the file's,
 * through a reader callback, so both build-ids are found the same way.
 * Everything it reads is bounded here, not by the input.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfcore.h"
#include "mapguard.h"

#define MAX_IMAGE_PHNUM 128   /* program headers looked at per image */
#define MAX_NOTE_SCAN 8192    /* bytes of a PT_NOTE searched for the build-id */
#define MAX_RUN_SCAN 256      /* mappings of one image searched for an offset */

/* ---- the ELF header parser ---------------------------------------------- */

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* Find NT_GNU_BUILD_ID ("GNU") in a note segment; the layout is elf(5)'s
   Nhdr, each part padded to the segment's alignment as gelf_getnote does. */
static void scan_build_id(elf_facts_reader read, void *ctx, uint64_t offset, uint64_t size,
                          uint64_t p_align, bool big, struct elf_facts *out)
{
    uint8_t buf[MAX_NOTE_SCAN];
    const uint64_t a = p_align == 8 ? 8 : 4;
    uint64_t n = read(ctx, offset, buf, size < sizeof buf ? (size_t)size : sizeof buf);
    uint64_t at = 0;
    while (n >= 12 && at <= n - 12) {
        uint64_t namesz = elfcore_get(buf + at, 4, big);
        uint64_t descsz = elfcore_get(buf + at + 4, 4, big);
        uint64_t type = elfcore_get(buf + at + 8, 4, big);
        uint64_t name_at = at + 12;
        uint64_t desc_at = align_up(name_at + namesz, a);
        if (desc_at > n || descsz > n - desc_at)
            return;
        if (type == NT_GNU_BUILD_ID && namesz == 4 && memcmp(buf + name_at, "GNU", 4) == 0 &&
            descsz > 0 && descsz <= ELFCORE_MAX_BUILD_ID) {
            memcpy(out->build_id, buf + desc_at, (size_t)descsz);
            out->build_id_len = (uint32_t)descsz;
            return;
        }
        at = align_up(desc_at + descsz, a);
    }
}

static void take_phdr(elf_facts_reader read, void *ctx, const uint8_t *ph, bool is64, bool big,
                      struct elf_facts *out)
{
    /* Elf64_Phdr: type flags offset vaddr paddr filesz memsz align;
       Elf32_Phdr: type offset vaddr paddr filesz memsz flags align. */
    uint32_t type = (uint32_t)elfcore_get(ph, 4, big);
    uint64_t offset = is64 ? elfcore_get(ph + 8, 8, big) : elfcore_get(ph + 4, 4, big);
    uint64_t vaddr = is64 ? elfcore_get(ph + 16, 8, big) : elfcore_get(ph + 8, 4, big);
    uint64_t filesz = is64 ? elfcore_get(ph + 32, 8, big) : elfcore_get(ph + 16, 4, big);
    uint64_t memsz = is64 ? elfcore_get(ph + 40, 8, big) : elfcore_get(ph + 20, 4, big);
    uint32_t flags = (uint32_t)(is64 ? elfcore_get(ph + 4, 4, big) : elfcore_get(ph + 24, 4, big));
    uint64_t p_align = is64 ? elfcore_get(ph + 48, 8, big) : elfcore_get(ph + 28, 4, big);
    if (type == PT_LOAD && out->nloads < ELFCORE_MAX_IMAGE_LOADS)
        out->loads[out->nloads++] = (struct image_load){ offset, vaddr, memsz, flags };
    else if (type == PT_NOTE && !out->build_id_len)
        scan_build_id(read, ctx, offset, filesz, p_align, big, out);
}

void elfcore_read_elf_facts(elf_facts_reader read, void *ctx, struct elf_facts *out)
{
    memset(out, 0, sizeof *out);
    uint8_t eh[sizeof(Elf64_Ehdr)];
    size_t got = read(ctx, 0, eh, sizeof eh);
    if (got < sizeof(Elf32_Ehdr) || memcmp(eh, ELFMAG, SELFMAG) != 0)
        return;
    bool is64 = eh[EI_CLASS] == ELFCLASS64, big = eh[EI_DATA] == ELFDATA2MSB;
    if ((!is64 && eh[EI_CLASS] != ELFCLASS32) || (!big && eh[EI_DATA] != ELFDATA2LSB) ||
        (is64 && got < sizeof(Elf64_Ehdr)))
        return;
    uint64_t phoff = is64 ? elfcore_get(eh + 32, 8, big) : elfcore_get(eh + 28, 4, big);
    uint64_t phentsize = elfcore_get(eh + (is64 ? 54 : 42), 2, big);
    uint64_t phnum = elfcore_get(eh + (is64 ? 56 : 44), 2, big);
    size_t need = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    out->valid = true;
    if (phentsize < need)
        return;
    if (phnum > MAX_IMAGE_PHNUM)
        phnum = MAX_IMAGE_PHNUM;
    for (uint64_t i = 0; i < phnum; i++) {
        uint8_t ph[sizeof(Elf64_Phdr)];
        if (phoff > UINT64_MAX - i * phentsize || read(ctx, phoff + i * phentsize, ph, need) != need)
            break;
        take_phdr(read, ctx, ph, is64, big, out);
    }
}

/* ---- reading an image's header from the core ----------------------------- */

struct core_reader {
    struct elfcore_target *et;
    const struct core_image *img;
};

/* File offset -> address through the image's mappings -> the core's bytes
   (never an image file's: these bytes are what image files are checked
   against). */
static size_t read_image_from_core(void *ctx, uint64_t offset, void *buf, size_t size)
{
    const struct core_reader *cr = ctx;
    const struct core_image *img = cr->img;
    uint32_t scan = img->mapping_count < MAX_RUN_SCAN ? img->mapping_count : MAX_RUN_SCAN;
    for (uint32_t k = 0; k < scan; k++) {
        const struct core_mapping *m = &cr->et->mappings[img->first_mapping + k];
        if (m->file_offset == ELFCORE_NO_OFFSET || offset < m->file_offset ||
            offset - m->file_offset >= m->end - m->start)
            continue;
        uint64_t addr = m->start + (offset - m->file_offset);
        if (size > m->end - addr)
            size = (size_t)(m->end - addr);
        return elfcore_copy(cr->et, addr, buf, size, false);
    }
    return 0;
}

void elfcore_inspect_images(struct elfcore_target *et)
{
    for (size_t i = 0; i < et->nimages; i++) {
        struct core_reader cr = { et, &et->images[i] };
        elfcore_read_elf_facts(read_image_from_core, &cr, &et->images[i].facts);
    }
}

/* Where the image's file offset 0 is mapped; false when nowhere. */
static bool header_address(const struct elfcore_target *et, const struct core_image *img,
                           uint64_t *addr)
{
    uint32_t scan = img->mapping_count < MAX_RUN_SCAN ? img->mapping_count : MAX_RUN_SCAN;
    for (uint32_t k = 0; k < scan; k++)
        if (et->mappings[img->first_mapping + k].file_offset == 0) {
            *addr = et->mappings[img->first_mapping + k].start;
            return true;
        }
    return false;
}

/*
 * The protection of a stretch of an image's mapping that no PT_LOAD
 * covers. gdb's gcore leaves out only mappings the process could not
 * write (gcore.c, gcore_create_callback), so it is the flags of the
 * image's own PT_LOAD at that address, without W; found through the load
 * bias (where offset 0 is mapped minus the page-truncated p_vaddr of the
 * PT_LOAD that maps offset 0). Without a header: read-only.
 *
 * Between two of the image's PT_LOADs lies no segment at all: the
 * loader's alignment hole, which ld.so maps PROT_NONE (gcore leaves it
 * out of the core, having nothing to read there): PAGE_NOACCESS.
 */
uint32_t elfcore_unloaded_protect(const struct elfcore_target *et, const struct core_image *img,
                                  uint64_t addr)
{
    const struct elf_facts *f = &img->facts;
    const uint64_t page = et->base.page_size, page_mask = ~(uint64_t)(page - 1);
    uint64_t header, bias = 0;
    bool have_bias = false;
    if (!f->valid || !header_address(et, img, &header))
        return PAGE_READONLY;
    for (uint32_t i = 0; i < f->nloads && !have_bias; i++)
        if ((f->loads[i].offset & page_mask) == 0) {
            bias = header - (f->loads[i].vaddr & page_mask);
            have_bias = true;
        }
    if (!have_bias)
        return PAGE_READONLY;
    uint64_t v = addr - bias;  /* modular, as the loader's arithmetic is */
    bool above_a_load = false, below_a_load = false;
    for (uint32_t i = 0; i < f->nloads; i++) {
        uint64_t lo = f->loads[i].vaddr & page_mask;
        if (f->loads[i].memsz > UINT64_MAX - 2 * (page - 1))
            continue;  /* absurd: a hostile header (the sums below would wrap) */
        uint64_t span = f->loads[i].memsz + (f->loads[i].vaddr - lo);
        span = (span + page - 1) & page_mask;  /* the loader maps whole pages */
        if (v >= lo && v - lo < span) {
            uint32_t fl = f->loads[i].flags;
            return ds_protect_from_perms(fl & PF_R, false, fl & PF_X, false);
        }
        if (v >= lo)
            above_a_load = true;
        else
            below_a_load = true;
    }
    return above_a_load && below_a_load ? PAGE_NOACCESS : PAGE_READONLY;
}

/* ---- image files on the image path --------------------------------------- */

struct file_reader {
    const uint8_t *data;
    size_t size;
};

static size_t read_file_bytes(void *ctx, uint64_t offset, void *buf, size_t size)
{
    const struct file_reader *fr = ctx;
    if (offset >= fr->size)
        return 0;
    if (size > fr->size - offset)
        size = (size_t)(fr->size - offset);
    memcpy(buf, fr->data + offset, size);
    return size;
}

/* Map candidate and keep it as img's file when its build-id is the one the
   core holds. */
static bool try_image_file(ds_target *t, struct core_image *img, const char *candidate)
{
    /* O_NONBLOCK: a FIFO on the path must not hang the open. */
    int fd = open(candidate, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (uint64_t)st.st_size > SIZE_MAX) {
        close(fd);
        return false;
    }
    size_t size = (size_t)st.st_size;
    void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return false;
    ds_mapguard_add(t, p, size, PROT_READ);  /* it too may be cut short while open */
    struct elf_facts f;
    struct file_reader fr = { p, size };
    elfcore_read_elf_facts(read_file_bytes, &fr, &f);
    if (f.build_id_len != img->facts.build_id_len ||
        memcmp(f.build_id, img->facts.build_id, f.build_id_len) != 0) {
        ds_mapguard_remove(p);
        munmap(p, size);
        img->mismatch_seen = true;
        return false;
    }
    img->file = p;
    img->file_size = size;
    img->file_path = strdup(candidate);  /* for messages only; NULL is fine */
    return true;
}

/* Try dir/basename, then dir/name (the mapped path under dir). */
static bool try_directory(ds_target *t, struct core_image *img, const char *dir, size_t dir_len,
                          const char *name, size_t name_len)
{
    char candidate[PATH_MAX];
    const char *slash = memrchr(name, '/', name_len);
    const char *base = slash ? slash + 1 : name;
    int len = snprintf(candidate, sizeof candidate, "%.*s/%.*s", (int)dir_len, dir,
                       (int)(name_len - (size_t)(base - name)), base);
    if (len > 0 && (size_t)len < sizeof candidate && try_image_file(t, img, candidate))
        return true;
    if (!slash)
        return false;
    len = snprintf(candidate, sizeof candidate, "%.*s%s%.*s", (int)dir_len, dir,
                   name[0] == '/' ? "" : "/", (int)name_len, name);
    return len > 0 && (size_t)len < sizeof candidate && try_image_file(t, img, candidate);
}

static void find_image_file(ds_target *t, const char *path, struct core_image *img)
{
    const char *name = img->name;
    size_t name_len = strlen(name);
    /* A file replaced after it was mapped shows as "PATH (deleted)". */
    static const char deleted[] = " (deleted)";
    if (name_len > sizeof deleted - 1 &&
        strcmp(name + name_len - (sizeof deleted - 1), deleted) == 0)
        name_len -= sizeof deleted - 1;
    for (const char *dir = path; *dir;) {
        size_t dir_len = strcspn(dir, ":");
        if (dir_len && name_len < PATH_MAX && dir_len < PATH_MAX &&
            try_directory(t, img, dir, dir_len, name, name_len))
            return;
        dir += dir_len + (dir[dir_len] == ':');
    }
}

void elfcore_resolve_images(struct elfcore_target *et)
{
    if (!et->image_path)
        return;
    for (size_t i = 0; i < et->nimages; i++) {
        struct core_image *img = &et->images[i];
        /* No build-id in the core: nothing to check a file against, so no
           file is used (a wrong file would be worse than no bytes). */
        if (img->name && img->facts.build_id_len)
            find_image_file(&et->base, et->image_path, img);
    }
}

void elfcore_unload_images(struct elfcore_target *et)
{
    for (size_t i = 0; i < et->nimages; i++) {
        struct core_image *img = &et->images[i];
        if (img->file) {
            ds_mapguard_remove(img->file);
            munmap((void *)img->file, img->file_size);
        }
        free(img->file_path);
        img->file = NULL;
        img->file_size = 0;
        img->file_path = NULL;
        img->mismatch_seen = false;
    }
}
