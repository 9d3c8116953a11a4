/*
 * double_map — one shared memory file (memfd) mapped twice, as a JIT maps
 * its code writable at one address and executable at another. Reports
 * `rw` (MAP_SHARED, read-write) and `ro` (MAP_SHARED, read-only): the same
 * page, whose bytes start as "original contents". Then obeys "exit".
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "helper.h"

int main(void)
{
    int fd = memfd_create("double_map", 0);
    if (fd < 0 || ftruncate(fd, 4096) != 0)
        return 1;
    char *rw = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED || ro == MAP_FAILED)
        return 1;
    strcpy(rw, "original contents");
    printf("rw=%p\nro=%p\n", (void *)rw, (void *)ro);
    serve_commands(NULL);
    return 0;
}
