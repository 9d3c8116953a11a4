/*
 * elfcore_target — a small process with known memory for the ELF core
 * tests: gcore dumps it, or it aborts for a kernel core. It prints where
 * things are ("key=0x..." lines, then "ready"), then obeys commands on
 * stdin, answering each with "ok":
 *   abort      abort() (no answer: the kernel writes a core)
 *   exit       exit(0)
 *
 * Usage: elfcore_target [COREDIR]. With COREDIR it changes into it and
 * lifts RLIMIT_CORE, so that a plain core_pattern puts the core there.
 *
 * What it lays out (P = page size), every byte known to the test:
 *   known      64 KiB RW anonymous; byte i is known_byte(i) below
 *   edge       2 RW pages of 0xC3 followed by an unmapped page (hole)
 *   rodata     1 read-only page of 0x5A
 *   code       the address of a function in this executable (r-x, file)
 *   tid        the id of one extra thread (64 KiB stack, it sleeps)
 *   pid        getpid()
 * Memory is kept small (no big thread stacks) so that cores stay small.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"

#define KNOWN_SIZE (64u * 1024u)

/* The same formula is in tests/test_elfcore.c. */
static unsigned char known_byte(size_t i)
{
    return (unsigned char)(i * 131u + (i >> 9) + 7u);
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started = PTHREAD_COND_INITIALIZER;
static long thread_tid;

static void *sleeper(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    thread_tid = syscall(SYS_gettid);
    pthread_cond_signal(&started);
    pthread_mutex_unlock(&lock);
    for (;;)
        pause();
    return NULL;
}

static void prepare_core_dir(const char *dir)
{
    struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
    if (chdir(dir) != 0 || setrlimit(RLIMIT_CORE, &unlimited) != 0) {
        perror(dir);
        exit(1);
    }
    prctl(PR_SET_DUMPABLE, 1);
}

static void start_thread(void)
{
    pthread_attr_t attr;
    pthread_t th;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_mutex_lock(&lock);
    if (pthread_create(&th, &attr, sleeper, NULL) != 0) {
        fprintf(stderr, "pthread_create failed\n");
        exit(1);
    }
    while (!thread_tid)
        pthread_cond_wait(&started, &lock);
    pthread_mutex_unlock(&lock);
}

/* "abort": die of SIGABRT (the kernel writes the core). */
static void obey(const char *line)
{
    if (strncmp(line, "abort", 5) == 0)
        abort();
}

int main(int argc, char **argv)
{
    if (argc > 1)
        prepare_core_dir(argv[1]);
    /* Under Yama's ptrace_scope 1 only ancestors may attach; gcore is not
       one (no error where Yama is absent). */
    prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
    size_t P = (size_t)sysconf(_SC_PAGESIZE);

    unsigned char *known = must_map(KNOWN_SIZE);
    for (size_t i = 0; i < KNOWN_SIZE; i++)
        known[i] = known_byte(i);

    unsigned char *rodata = must_map(P);
    memset(rodata, 0x5A, P);
    mprotect(rodata, P, PROT_READ);

    start_thread();

    /* Last, so that no later mapping fills the hole. */
    unsigned char *edge = must_map(3 * P);
    memset(edge, 0xC3, 2 * P);
    munmap(edge + 2 * P, P);

    printf("page=0x%zx\n", P);
    printf("pid=0x%lx\n", (long)getpid());
    printf("tid=0x%lx\n", thread_tid);
    printf("known=%p\n", (void *)known);
    printf("known_size=0x%x\n", KNOWN_SIZE);
    printf("edge=%p\n", (void *)edge);
    printf("hole=%p\n", (void *)(edge + 2 * P));
    printf("rodata=%p\n", (void *)rodata);
    printf("code=%p\n", (void *)(uintptr_t)&sleeper);
    serve_commands(obey);
    return 0;
}
