/*
 * query_target — memory laid out for QueryVirtual's page arithmetic and
 * the loader's alignment holes (tests/test_query.c).
 *
 * It runs itself again through the dynamic loader (ld.so ./query_target):
 * ld.so, unlike the kernel, maps an image's whole span at once and turns
 * the stretch between two segments into a PROT_NONE mapping of the file,
 * and `aligned` below puts its data segment on a 64 KiB boundary, so that
 * such a stretch exists. Reports:
 *   page  the page size
 *   two   a read-write mapping of two pages, PROT_NONE pages on each side
 *   gap   three unmapped pages, mappings on each side
 *   hole  the ---p mapping of this file that ld.so left (0 when none)
 *   hole_end  where that mapping ends
 *   img3  three pages of this file mapped by hand, each where the
 *         loader's first mapping of the whole image would have it (offset
 *         = distance from the header): r-x, then r--, then r-- shared,
 *         two touching read-only mappings of one image that the kernel
 *         cannot merge (one private, one shared)
 */
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "helper.h"

static char aligned[0x10000] __attribute__((aligned(0x10000))) = "query_target data";

/* The program interpreter named by our own PT_INTERP. */
static int find_interp(struct dl_phdr_info *info, size_t size, void *out)
{
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++)
        if (info->dlpi_phdr[i].p_type == PT_INTERP) {
            *(const char **)out = (const char *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
            return 1;
        }
    return 0;
}

static void find_hole(const char *self, uintptr_t *start, uintptr_t *end)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096];
    *start = *end = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long s, e;
        char perms[5], path[4096] = "";
        if (sscanf(line, "%lx-%lx %4s %*s %*s %*s %4095s", &s, &e, perms, path) >= 3 &&
            strcmp(perms, "---p") == 0 && strcmp(path, self) == 0) {
            *start = s;
            *end = e;
            break;
        }
    }
    if (f)
        fclose(f);
}

int main(int argc, char **argv)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return 1;
    self[n] = 0;
    const char *interp = NULL;
    dl_iterate_phdr(find_interp, &interp);
    if (argc < 2 || strcmp(argv[1], "--by-loader") != 0) {
        /* Once through ld.so; when that fails, go on as the kernel loaded us. */
        if (interp && strcmp(self, interp) != 0) {
            char *args[] = { (char *)interp, self, "--by-loader", NULL };
            execv(interp, args);
        }
    }
    /* Under ld.so, /proc/self/exe is ld.so itself: our file is argv[0]. */
    const char *image = argc >= 2 && strcmp(argv[1], "--by-loader") == 0 ? argv[0] : self;
    char real[4096];
    if (realpath(image, real))
        image = real;

    uintptr_t hole, hole_end;
    find_hole(image, &hole, &hole_end);  /* first: its stdio buffers must not land in gap */
    long page = sysconf(_SC_PAGESIZE);
    uint8_t *four = mmap(NULL, 4 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *five = mmap(NULL, 5 * page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (four == MAP_FAILED || five == MAP_FAILED)
        return 1;
    uint8_t *two = four + page;
    mprotect(two, 2 * page, PROT_READ | PROT_WRITE);
    memset(two, 0x5a, 2 * page);
    int fd = open(image, O_RDONLY | O_CLOEXEC);
    uint8_t *img3 = mmap(NULL, 3 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fd < 0 || img3 == MAP_FAILED ||
        mmap(img3, page, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED ||
        mmap(img3 + page, page, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, page) == MAP_FAILED ||
        mmap(img3 + 2 * page, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 2 * page) ==
            MAP_FAILED)
        return 1;
    close(fd);
    munmap(five + page, 3 * page);  /* last: no later mapping may fill the gap */

    printf("page=0x%lx\n", page);
    printf("two=%p\n", (void *)two);
    printf("gap=%p\n", (void *)(five + page));
    printf("hole=0x%lx\n", (unsigned long)hole);
    printf("hole_end=0x%lx\n", (unsigned long)hole_end);
    printf("img3=%p\n", (void *)img3);
    printf("aligned=%p\n", (void *)aligned);
    serve_commands(NULL);
    return 0;
}
