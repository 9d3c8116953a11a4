/*
 * remote_target — memory for the remote-protocol tests (tests/test_remote_*.c),
 * built without PIE so that its static data lies at the same address in
 * every run: a copy launched under gdbserver or qemu-user (stopped before
 * its first instruction) has that data where this run reports it.
 *
 * Reports ("key=0x..." lines, then "ready"; commands as helper.h says):
 *   page        the page size
 *   static_text "remote_target static: needle-$#}*-STATIC" (in .data)
 *   static_bytes 8 KiB in .data: 1 KiB runs of 0x11, 0x22, ... 0x88
 *   big         big_size bytes (argv[1] KiB, default 4096) of xorshift64*
 *               output, word i from remote_word(i) below, with
 *   needle      "remote-needle-7f3a" planted at big + big_size/2 + 13
 *   special     "$#}*\x03 special" planted at big + 3*big_size/4 + 5
 *   edge_start  64 RW pages of 0xA5, the last of them at
 *   edge       ; hole = edge + page is unmapped
 *   tricky      bytes that look like replies: "E08" "OK" "E.bad" "b" "$#}*"
 *   guard       3 pages: RW, PROT_NONE, RW; byte i is (i*7)&255
 *   rodata      1 read-only page of 0x5A
 *   scratch     1 RW page of zeros, for writes
 *   image_end   the end of .bss (the linker's _end)
 *   threads     extra threads started (they sleep)
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
#define EDGE_PAGES 64

extern char _end[]; /* the linker's end of .bss */

char static_text[] = "remote_target static: needle-$#}*-STATIC";
char tricky[] = "E08OKE.badb$#}*";
unsigned char static_bytes[8192] = {
    [0 ... 1023] = 0x11,    [1024 ... 2047] = 0x22, [2048 ... 3071] = 0x33,
    [3072 ... 4095] = 0x44, [4096 ... 5119] = 0x55, [5120 ... 6143] = 0x66,
    [6144 ... 7167] = 0x77, [7168 ... 8191] = 0x88,
};

/* Word i of `big` (the tests compute the same). */
static uint64_t remote_word(uint64_t i)
{
    uint64_t x = i * 0x9E3779B97F4A7C15u + 0x2545F4914F6CDD1Du;
    x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
    return x * 0x2545F4914F6CDD1Du;
}

int main(int argc, char **argv)
{
    size_t P = (size_t)sysconf(_SC_PAGESIZE);
    size_t big_size = (argc > 1 ? strtoull(argv[1], NULL, 0) : 4096) << 10;

    uint64_t *big = must_map(big_size);
    for (size_t i = 0; i < big_size / 8; i++)
        big[i] = remote_word(i);
    unsigned char *b = (unsigned char *)big;
    static const char needle[] = "remote-needle-7f3a";
    static const char special[] = "$#}*\x03 special";
    memcpy(b + big_size / 2 + 13, needle, sizeof needle - 1);
    memcpy(b + big_size / 4 * 3 + 5, special, sizeof special - 1);

    unsigned char *guard = must_map(3 * P);
    for (size_t i = 0; i < 3 * P; i++)
        guard[i] = (unsigned char)(i * 7);
    mprotect(guard + P, P, PROT_NONE);

    unsigned char *rodata = must_map(P);
    memset(rodata, 0x5A, P);
    mprotect(rodata, P, PROT_READ);

    unsigned char *scratch = must_map(P);

    pthread_t th[EXTRA_THREADS];
    for (int i = 0; i < EXTRA_THREADS; i++)
        pthread_create(&th[i], NULL, sleeper_thread, NULL);

    /* Last of all mappings, so that no later mmap fills the hole. */
    unsigned char *edge_start = must_map((EDGE_PAGES + 1) * P);
    memset(edge_start, 0xA5, (EDGE_PAGES + 1) * P);
    munmap(edge_start + EDGE_PAGES * P, P);
    unsigned char *edge = edge_start + (EDGE_PAGES - 2) * P;

    printf("page=0x%zx\n", P);
    printf("static_text=%p\n", (void *)static_text);
    printf("static_bytes=%p\n", (void *)static_bytes);
    printf("big=%p\n", (void *)big);
    printf("big_size=0x%zx\n", big_size);
    printf("needle=%p\n", (void *)(b + big_size / 2 + 13));
    printf("special=%p\n", (void *)(b + big_size / 4 * 3 + 5));
    printf("edge_start=%p\n", (void *)edge_start);
    printf("edge=%p\n", (void *)(edge + P));
    printf("hole=%p\n", (void *)(edge + 2 * P));
    printf("guard=%p\n", (void *)guard);
    printf("rodata=%p\n", (void *)rodata);
    printf("scratch=%p\n", (void *)scratch);
    printf("code=%p\n", (void *)(uintptr_t)&main);
    printf("tricky=%p\n", (void *)tricky);
    printf("image_end=%p\n", (void *)_end);
    printf("threads=%d\n", EXTRA_THREADS);
    serve_commands(NULL);
    return 0;
}
