/*
 * quick_search — SearchVirtual throughput against plain memmem over the
 * same bytes, in the same run.
 *
 *   cc -O2 -std=c11 -D_GNU_SOURCE -Iinclude bench/quick_search.c \
 *      build/libdataspaces.a -lelf -o quick_search
 *   ./quick_search [dump file ...]
 *
 * Live: 256 MiB are filled here (pseudo-random bytes, then zeros), a
 * child inherits them and sleeps, we attach (stopping it) and time
 * ds_search_virtual over its 256 MiB for an absent 8-byte pattern; then
 * memmem over the same 256 MiB in our own memory. Dumps: the whole
 * address space of each dump against memmem over the whole file. Best of
 * several runs each; no assertion, only numbers.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dataspaces/dataspaces.h"

#define SIZE ((size_t)256 << 20)
#define RUNS 5

static const uint8_t absent[8] = { 0xde, 0xc0, 0xad, 0x0b, 0xfe, 0xca, 0x37, 0x13 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double best_memmem(const uint8_t *p, size_t n)
{
    double best = 1e9;
    for (int i = 0; i < RUNS; i++) {
        double t0 = now();
        volatile const void *hit = memmem(p, n, absent, sizeof absent);
        double dt = now() - t0;
        if (hit)
            fprintf(stderr, "the absent pattern was found\n");
        if (dt < best)
            best = dt;
    }
    return best;
}

static double best_search(ds_target *t, uint64_t offset, uint64_t length)
{
    double best = 1e9;
    for (int i = 0; i < RUNS; i++) {
        uint64_t at;
        double t0 = now();
        HRESULT hr = ds_search_virtual(t, offset, length, absent, sizeof absent, 1, &at);
        double dt = now() - t0;
        if (hr != HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES))
            fprintf(stderr, "search: 0x%08x %s\n", (unsigned)hr, ds_error_text(t));
        if (dt < best)
            best = dt;
    }
    return best;
}

static void report(const char *what, size_t bytes, double search, double plain)
{
    double gb = (double)bytes / 1e9;
    printf("%-34s %8.1f MiB  search %6.2f GB/s  memmem %6.2f GB/s  ratio %.2f\n", what,
           (double)bytes / (1 << 20), gb / search, gb / plain, plain / search);
}

static void bench_live(const char *label, uint8_t *buf)
{
    pid_t child = fork();
    if (child == 0) {
        for (;;)
            pause();
    }
    ds_target *t;
    if (ds_attach(child, 0, &t) != S_OK) {
        fprintf(stderr, "attach: %s\n", ds_error_text(NULL));
        kill(child, SIGKILL);
        return;
    }
    double search = best_search(t, (uintptr_t)buf, SIZE);
    ds_close(t);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    report(label, SIZE, search, best_memmem(buf, SIZE));
}

static void bench_dump(const char *path)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        perror(path);
        return;
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    ds_target *t;
    if (map == MAP_FAILED || ds_open_dump(path, 0, &t) != S_OK) {
        fprintf(stderr, "%s: %s\n", path, ds_error_text(NULL));
        return;
    }
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    report(name, (size_t)st.st_size, best_search(t, 0, UINT64_MAX),
           best_memmem(map, (size_t)st.st_size));
    ds_close(t);
    munmap(map, (size_t)st.st_size);
}

int main(int argc, char **argv)
{
    uint8_t *buf = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED)
        return 1;
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < SIZE; i += 8) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;  /* xorshift64 */
        memcpy(buf + i, &x, 8);
    }
    bench_live("live, 256 MiB of random bytes", buf);
    memset(buf, 0, SIZE);
    bench_live("live, 256 MiB of zeros", buf);
    for (int i = 1; i < argc; i++)
        bench_dump(argv[i]);
    return 0;
}
