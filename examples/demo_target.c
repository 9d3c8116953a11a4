/*
 * demo_target — the built-in target of `make demo`: a tiny program with a
 * known string and a buffer that ends where its mapping ends. It prints
 * their addresses, then waits until its input closes.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char greeting[] = "Hello from the demo target!";

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    /* Two pages, the second unmapped again: a read that runs off the end of
       the first page is a partial read. */
    char *buf = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED)
        return 1;
    munmap(buf + page, page);
    memset(buf, 'A', page);
    printf("%p %p %ld\n", (void *)greeting, (void *)buf, page);
    fflush(stdout);
    char line[16];
    while (fgets(line, sizeof line, stdin))
        ;
    return 0;
}
