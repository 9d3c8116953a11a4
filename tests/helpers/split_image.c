/*
 * split_image — an executable whose data segment shares file page 0 with
 * its code, 64 KiB above it (the layout of small arm64 programs: the
 * Makefile links it with max-page-size 0x10000, noseparate-code and
 * norelro), so /proc/PID/maps shows two mappings of the file at offset 0,
 * both the one image (tests/test_modules.c). Prints, from its loader:
 *   exe_base   where its ELF header is mapped
 *   exe_fend   the end of the page holding its last file byte
 *   split      1 when the two mappings at offset 0 are there
 *   filled     1 when an anonymous page could be mapped in the hole the
 *              kernel's loader left between them (as a later mmap may be)
 * then "ready", and waits for "exit" (or the end of its input).
 */
#include <link.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int data_word = 42;

static int first_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo = UINTPTR_MAX, fend = 0;
    int zero_offset_loads = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        lo = ph->p_vaddr < lo ? ph->p_vaddr : lo;
        if (ph->p_filesz && ph->p_vaddr + ph->p_filesz > fend)
            fend = ph->p_vaddr + ph->p_filesz;
        zero_offset_loads += (ph->p_offset & ~(page - 1)) == 0;
    }
    uintptr_t base = info->dlpi_addr + (lo & ~(page - 1));
    void *hole = mmap((void *)(base + page), page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("exe_base=%#lx\nexe_fend=%#lx\nsplit=%d\nfilled=%d\n", (unsigned long)base,
           (unsigned long)((info->dlpi_addr + fend + page - 1) & ~(page - 1)),
           zero_offset_loads >= 2, hole == (void *)(base + page));
    *(int *)data = 1;
    return 1;  /* the first object is the executable */
}

int main(void)
{
    int done = 0;
    dl_iterate_phdr(first_object, &done);
    printf("data_word=%d\nready\n", data_word);
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin))
        if (strcmp(line, "exit\n") == 0)
            break;
    return done ? 0 : 1;
}
