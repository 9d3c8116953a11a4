/*
 * helper.h — what the helper processes share. Each helper is built from
 * its one .c file (the Makefile's rule), so this holds static functions
 * only: threads that sleep for good or end at once, a mapping that must
 * succeed, and the command loop of the protocol testlib.h's struct helper
 * speaks ("key=0x..." lines, "ready", then one "ok" per command).
 */
#ifndef DS_HELPER_H
#define DS_HELPER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A thread that sleeps in pause() for good. */
static inline void *sleeper_thread(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return NULL;
}

/* A thread that ends at once. */
static inline void *short_lived_thread(void *arg)
{
    return arg;
}

/* size bytes of fresh read-write memory; the process ends when it cannot. */
static inline void *must_map(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    return p;
}

/* After the key lines: say "ready", then obey commands on stdin until the
   end of the input, answering each with "ok"; "exit" ends the process, and
   obey (when not NULL) carries out the others. */
static inline void serve_commands(void (*obey)(const char *line))
{
    printf("ready\n");
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        if (strncmp(line, "exit", 4) == 0)
            exit(0);
        if (obey)
            obey(line);
        printf("ok\n");
        fflush(stdout);
    }
}

#endif /* DS_HELPER_H */
