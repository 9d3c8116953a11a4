/*
 * layout — a process that lays out memory on purpose for the live tests,
 * prints where ("key=0x..." lines, then "ready") and then obeys commands
 * on stdin, answering each with "ok":
 *   bump       add 1 to the byte at `counter`
 *   exit       exit(0)
 *
 * What it lays out (P = page size):
 *   guard      3 pages: RW, PROT_NONE, RW; bytes i at guard+i are (i*7)&255
 *   edge       2 RW pages followed by an unmapped page: edge = the last
 *              mapped page, hole = edge + P; bytes are 0xA5
 *   rodata     1 read-only page filled with 0x5A
 *   code       the address of a function (r-x)
 *   hello      "hello, dataspaces" (NUL-terminated)
 *   counter    one byte, 0 at start
 *   threads    the number of extra threads started (they sleep)
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "helper.h"

#define EXTRA_THREADS 3

static volatile unsigned char counter;
static char hello[] = "hello, dataspaces";

/* "bump": the counter goes up by one. */
static void obey(const char *line)
{
    if (strncmp(line, "bump", 4) == 0)
        counter++;
}

int main(void)
{
    size_t P = (size_t)sysconf(_SC_PAGESIZE);

    unsigned char *guard = must_map(3 * P);
    for (size_t i = 0; i < 3 * P; i++)
        guard[i] = (unsigned char)(i * 7);
    mprotect(guard + P, P, PROT_NONE);

    unsigned char *rodata = must_map(P);
    memset(rodata, 0x5A, P);
    mprotect(rodata, P, PROT_READ);

    pthread_t th[EXTRA_THREADS];
    for (int i = 0; i < EXTRA_THREADS; i++)
        pthread_create(&th[i], NULL, sleeper_thread, NULL);

    /* Last of all mappings, so that no later mmap fills the hole. */
    unsigned char *edge = must_map(3 * P);
    memset(edge, 0xA5, 3 * P);
    munmap(edge + 2 * P, P);

    printf("page=0x%zx\n", P);
    printf("guard=%p\n", (void *)guard);
    printf("edge=%p\n", (void *)(edge + P));
    printf("hole=%p\n", (void *)(edge + 2 * P));
    printf("rodata=%p\n", (void *)rodata);
    printf("code=%p\n", (void *)(uintptr_t)&sleeper_thread);
    printf("hello=%p\n", (void *)hello);
    printf("counter=%p\n", (void *)&counter);
    printf("threads=%d\n", EXTRA_THREADS);
    serve_commands(obey);
    return 0;
}
