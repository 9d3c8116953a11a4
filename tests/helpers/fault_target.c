/*
 * fault_target — a process for the fault tests (tests/test_faults.c): it
 * lays out memory, prints where ("key=0x..." lines, then "ready") and
 * obeys commands on stdin, answering each with "ok":
 *   unmap      munmap the `victim` page
 *   churn      start a thread that creates and joins short-lived threads
 *              without end (threads appear and vanish all the time)
 *   ping       nothing (proves the process runs and reads its stdin)
 *   exit       exit(0)
 *
 * What it lays out:
 *   big        BIG_MB MiB read-write, every page touched, bytes 0x5A, with
 *              no byte 0x00 (a string read runs to its max_bytes)
 *   bigsize    its size in bytes
 *   victim     one read-write page filled with 0xC3, unmapped by `unmap`
 *   page       the page size
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "helper.h"

#define BIG_MB 64
#define SLEEPERS 2

static void *churner(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_t th;
        if (pthread_create(&th, NULL, short_lived_thread, NULL) == 0)
            pthread_join(th, NULL);
    }
    return NULL;
}

static unsigned char *victim;
static size_t P;

/* "unmap": the victim page goes; "churn": threads come and go. */
static void obey(const char *line)
{
    pthread_t th;
    if (strncmp(line, "unmap", 5) == 0)
        munmap(victim, P);
    else if (strncmp(line, "churn", 5) == 0)
        pthread_create(&th, NULL, churner, NULL);
}

int main(int argc, char **argv)
{
    P = (size_t)sysconf(_SC_PAGESIZE);
    size_t big_size = (size_t)BIG_MB << 20;
    unsigned char *big = must_map(big_size);
    memset(big, 0x5A, big_size);
    victim = must_map(P);
    memset(victim, 0xC3, P);

    pthread_t th;
    for (int i = 0; i < SLEEPERS; i++)
        pthread_create(&th, NULL, sleeper_thread, NULL);
    if (argc > 1 && strcmp(argv[1], "churn") == 0)
        pthread_create(&th, NULL, churner, NULL);

    printf("page=0x%zx\n", P);
    printf("big=%p\n", (void *)big);
    printf("bigsize=0x%zx\n", big_size);
    printf("victim=%p\n", (void *)victim);
    serve_commands(obey);
    return 0;
}
