/*
 * target — the process the benchmark reads (bench/README.md).
 *
 * It lays out, then reports on stdout as "key=0x..." lines followed by
 * "ready", and then waits (blocked in pause()) until it is killed:
 *
 *   data=ADDR size=N   N = 256 MiB of known bytes in one anonymous mapping:
 *                      the little-endian 64-bit word i is
 *                      mix(i) & 0x7f7f7f7f7f7f7f7f, so no byte is >= 0x80
 *                      and a pattern holding such a byte is absent.
 *   head=ADDR nodes=N  a singly linked list of N = 100000 nodes of 16 bytes
 *                      { uint64 next; uint64 index }, each allocated with
 *                      malloc (so they sit 32 bytes apart on the heap), and
 *                      linked in a random order: consecutive nodes of the
 *                      walk are far apart. The k-th node walked holds k;
 *                      the last one's next is 0.
 *   selfwalk_ms=T      the median of 11 walks of that list by the target
 *                      itself (a 16-byte copy per node): what the walk costs
 *                      with no library and no system call at all, the floor
 *                      under W2w (the walk through a warm cache).
 *
 * It dies with its parent (PR_SET_PDEATHSIG), so an interrupted run leaves
 * nothing behind.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define DATA_SIZE (256u << 20)
#define NODES 100000u

struct node {
    struct node *next;
    uint64_t index;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The walk W2 makes, done in place: median seconds of 11, after a warm-up. */
static double self_walk(const struct node *head)
{
    double t[11];
    for (int r = -1; r < 11; r++) {
        double t0 = now();
        uint64_t k = 0, v[2];
        for (const struct node *n = head; n; n = (const struct node *)(uintptr_t)v[0]) {
            memcpy(v, n, sizeof v);
            if (v[1] != k++)
                exit(1);
        }
        if (r >= 0)
            t[r] = now() - t0;
    }
    qsort(t, 11, sizeof *t, cmp_double);
    return t[5];
}

static uint64_t mix(uint64_t x)
{
    /* splitmix64's finaliser */
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

int main(void)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1)
        return 1;

    uint64_t *data = mmap(NULL, DATA_SIZE, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (data == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (uint64_t i = 0; i < DATA_SIZE / 8; i++)
        data[i] = mix(i) & 0x7f7f7f7f7f7f7f7full;

    struct node **all = malloc(NODES * sizeof *all);
    if (!all)
        return 1;
    for (uint32_t i = 0; i < NODES; i++) {
        all[i] = malloc(sizeof(struct node));
        if (!all[i])
            return 1;
    }
    /* Fisher-Yates with a fixed seed: the same walk order every run. */
    uint64_t seed = 42;
    for (uint32_t i = NODES - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(mix(seed++) % (i + 1));
        struct node *tmp = all[i];
        all[i] = all[j];
        all[j] = tmp;
    }
    for (uint32_t i = 0; i < NODES; i++) {
        all[i]->index = i;
        all[i]->next = i + 1 < NODES ? all[i + 1] : NULL;
    }

    printf("data=%p\n", (void *)data);
    printf("size=0x%x\n", DATA_SIZE);
    printf("head=%p\n", (void *)all[0]);
    printf("nodes=%u\n", NODES);
    printf("selfwalk_ms=%.3f\n", self_walk(all[0]) * 1e3);
    printf("ready\n");
    fflush(stdout);
    for (;;)
        pause();
}
