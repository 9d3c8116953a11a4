/*
 * modules_target — a process with images and non-images mapped, for the
 * module list of live targets (tests/test_modules.c). Prints what its own
 * loader says ("key=0x..." lines, then "ready"), then waits for "exit".
 *
 *   argv[1]  a shared library to dlopen (a full path)
 *   argv[2]  a data file (not ELF) to map at offset 0, executable if the
 *            file system allows it (data_exec=1), else read-only
 *
 * Mappings that touch an image but are not part of it, each placed with
 * MAP_FIXED_NOREPLACE where the test wants it (key 0 when that address
 * was taken):
 *   elfdata  argv[1]'s first two pages, read-only, just below the
 *            library's header: an ELF header that is no image, where
 *            mmap's top-down placement often puts a program's own map
 *   exetail  the executable's second page, read-only, just above its last
 *            file page: the same file at a non-zero offset, beyond the
 *            span of its PT_LOADs
 *
 * The loader's view of each object, from dl_iterate_phdr and dladdr:
 *   nobj           objects other than the vDSO; obj<i>_base each
 *   <x>_base       where the object's ELF header is mapped (its lowest
 *                  PT_LOAD's page): x = exe, libc, ldso (AT_BASE), dl
 *   <x>_fend       the end of the page holding its last file byte (the
 *                  highest p_vaddr + p_filesz): where its file mappings end
 */
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

struct object {
    uintptr_t base, fend;
};

static uintptr_t page;
static struct object objects[64];
static int nobj;

static int note_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    uintptr_t lo = UINTPTR_MAX, fend = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        if (ph->p_vaddr < lo)
            lo = ph->p_vaddr;
        if (ph->p_filesz && ph->p_vaddr + ph->p_filesz > fend)
            fend = ph->p_vaddr + ph->p_filesz;
    }
    uintptr_t base = info->dlpi_addr + (lo & ~(page - 1));
    if (base == getauxval(AT_SYSINFO_EHDR) || lo == UINTPTR_MAX || nobj == 64)
        return 0;
    objects[nobj++] = (struct object){ base, (info->dlpi_addr + fend + page - 1) & ~(page - 1) };
    return 0;
}

static const struct object *object_at(uintptr_t base)
{
    for (int i = 0; i < nobj; i++)
        if (objects[i].base == base)
            return &objects[i];
    fprintf(stderr, "modules_target: no loaded object at %#lx\n", (unsigned long)base);
    exit(1);
}

static void report(const char *name, uintptr_t base)
{
    const struct object *o = object_at(base);
    printf("%s_base=%#lx\n%s_fend=%#lx\n", name, (unsigned long)o->base, name,
           (unsigned long)o->fend);
}

static void *map_file(const char *path, size_t size, int prot, int *got_prot)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    void *p = fd < 0 ? MAP_FAILED : mmap(NULL, size, prot, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED && fd >= 0 && (prot & PROT_EXEC))
        p = mmap(NULL, size, prot &= ~PROT_EXEC, MAP_PRIVATE, fd, 0);
    if (fd >= 0)
        close(fd);
    if (p == MAP_FAILED) {
        perror(path);
        exit(1);
    }
    if (got_prot)
        *got_prot = prot;
    return p;
}

/* path's bytes from offset, read-only at exactly addr; NULL when taken. */
static void *map_file_at(const char *path, uintptr_t addr, size_t size, off_t offset)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    void *p = fd < 0 ? MAP_FAILED : mmap((void *)addr, size, PROT_READ,
                                         MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, offset);
    if (fd >= 0)
        close(fd);
    return p == MAP_FAILED || p != (void *)addr ? NULL : p;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: modules_target LIBRARY DATAFILE\n");
        return 2;
    }
    page = (uintptr_t)sysconf(_SC_PAGESIZE);
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "modules_target: %s\n", dlerror());
        return 1;
    }
    int data_prot;
    void *data = map_file(argv[2], page, PROT_READ | PROT_EXEC, &data_prot);

    dl_iterate_phdr(note_object, NULL);
    Dl_info exe, libc, dl;
    struct link_map *dl_map;
    if (!dladdr((void *)main, &exe) || !dladdr((void *)printf, &libc) ||
        dlinfo(lib, RTLD_DI_LINKMAP, &dl_map) != 0 || !dladdr((void *)dl_map->l_ld, &dl)) {
        fprintf(stderr, "modules_target: dladdr failed\n");
        return 1;
    }
    printf("page=%#lx\nnobj=%d\n", (unsigned long)page, nobj);
    for (int i = 0; i < nobj; i++)
        printf("obj%d_base=%#lx\n", i, (unsigned long)objects[i].base);
    report("exe", (uintptr_t)exe.dli_fbase);
    report("libc", (uintptr_t)libc.dli_fbase);
    report("ldso", (uintptr_t)getauxval(AT_BASE));
    report("dl", (uintptr_t)dl.dli_fbase);
    void *elfdata = map_file_at(argv[1], (uintptr_t)dl.dli_fbase - 2 * page, 2 * page, 0);
    char self[4096];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    self[len > 0 ? len : 0] = '\0';
    void *exetail = map_file_at(self, object_at((uintptr_t)exe.dli_fbase)->fend, page,
                                (off_t)page);
    printf("data=%p\ndata_exec=%d\nelfdata=%#lx\nexetail=%#lx\nready\n", data,
           (data_prot & PROT_EXEC) != 0, (unsigned long)elfdata, (unsigned long)exetail);
    fflush(stdout);

    char line[64];
    while (fgets(line, sizeof line, stdin))
        if (strcmp(line, "exit\n") == 0)
            return 0;
    return 0;
}
