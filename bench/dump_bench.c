/*
 * dump_bench.c — row W11 (bench/README.md), our side: a full-memory
 * minidump of the bench target (ds_write_dump with
 * DS_FORMAT_USER_SMALL_FULL_MEMORY), timed, as gcore's ELF core of the
 * same process is timed by dump_w11.sh in the same run.
 *
 *     dump_bench PID FILE RUNS
 *
 * Attaches with ds_attach (the target stopped throughout), writes one
 * untimed warm-up dump and RUNS timed ones to FILE (each removed after),
 * and prints "R W11 ours SECONDS..." and "I w11_bytes_ours SIZE" (the
 * file's size, which the rate is counted in). The warm-up dump is opened
 * with ds_open_dump and a few bytes compared with the live process, so a
 * dump that is fast but wrong does not count.
 */
#include <dataspaces/dataspaces.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, ds_target *t)
{
    fprintf(stderr, "dump_bench: %s: %s\n", what, ds_error_text(t));
    exit(1);
}

/* The first readable 4 KiB of the live target, compared with the dump. */
static void check_dump(ds_target *live, const char *file)
{
    ds_target *d = NULL;
    if (FAILED(ds_open_dump(file, 0, &d)))
        die("opening the written dump", NULL);
    uint64_t at = 0;
    MEMORY_BASIC_INFORMATION64 m;
    int compared = 0;
    for (int i = 0; i < 100000 && !compared && SUCCEEDED(ds_query_virtual(live, at, &m)); i++) {
        static uint8_t a[4096], b[4096];
        uint32_t na = 0, nb = 0;
        if (m.State == MEM_COMMIT && !(m.Protect & (PAGE_NOACCESS | PAGE_GUARD)) &&
            SUCCEEDED(ds_read_virtual(live, m.BaseAddress, a, sizeof a, &na)) && na) {
            if (FAILED(ds_read_virtual(d, m.BaseAddress, b, na, &nb)) || nb != na ||
                memcmp(a, b, na) != 0) {
                fprintf(stderr, "dump_bench: the dump's bytes at 0x%llx differ from the process's\n",
                        (unsigned long long)m.BaseAddress);
                exit(1);
            }
            compared = 1;
        }
        at = m.BaseAddress + m.RegionSize;
    }
    if (!compared) {
        fprintf(stderr, "dump_bench: nothing readable to compare\n");
        exit(1);
    }
    ds_close(d);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: dump_bench PID FILE RUNS\n");
        return 2;
    }
    int pid = atoi(argv[1]), runs = atoi(argv[3]);
    const char *file = argv[2];
    if (runs < 1 || runs > 100)
        runs = 3;
    ds_target *t = NULL;
    if (FAILED(ds_attach((uint32_t)pid, 0, &t)))
        die("attaching", NULL);
    double *v = calloc((size_t)runs, sizeof *v);
    if (!v)
        return 1;
    long long size = 0;
    for (int i = -1; i < runs; i++) {
        unlink(file);
        double t0 = now();
        if (FAILED(ds_write_dump(t, file, DS_DUMP_MINIDUMP, DS_FORMAT_USER_SMALL_FULL_MEMORY, NULL)))
            die("writing the dump", t);
        double dt = now() - t0;
        struct stat st;
        if (stat(file, &st) != 0)
            die("the dump is not there", t);
        size = (long long)st.st_size;
        if (i < 0)
            check_dump(t, file);
        else
            v[i] = dt;
    }
    unlink(file);
    printf("R W11 ours");
    for (int i = 0; i < runs; i++)
        printf(" %.9g", v[i]);
    printf("\nI w11_bytes_ours %lld\n", size);
    free(v);
    ds_close(t);
    return 0;
}
