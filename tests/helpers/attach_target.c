/*
 * attach_target — a process for the attach tests (tests/test_attach.c).
 * It prints "key=0x..." lines, then "ready", and obeys commands on stdin,
 * answering each with "ok":
 *   ping       nothing (proves the process runs and reads its stdin)
 *   release    (mode vfork) let the vfork child exit, then wait up to
 *              5 s for the vforking thread to return from vfork: "ok" when
 *              it did, "stuck" when it did not (it was left stopped)
 *
 * Modes (argv[1]):
 *   quiet        two threads sleeping in pause()
 *   vfork        also a thread blocked in vfork (uninterruptible sleep:
 *                a tracer's PTRACE_INTERRUPT cannot stop it) until release
 *   leader-exit  the main thread calls pthread_exit after "ready"; a
 *                second thread answers the commands
 *   churn64      also a thread that starts 64 short-lived threads, joins
 *                them, and again, without end
 *
 * Keys: value (the address of 8 bytes 0x1122334455667788), threads (how
 * many threads run besides the main one, churners not counted).
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "helper.h"

static volatile uint64_t value = 0x1122334455667788ull;
static int release_pipe[2];
static pthread_t vforker;
static volatile pid_t vforker_tid;

static void *churner(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_t th[64];
        int n = 0;
        for (int i = 0; i < 64; i++)
            if (pthread_create(&th[n], NULL, short_lived_thread, NULL) == 0)
                n++;
        for (int i = 0; i < n; i++)
            pthread_join(th[i], NULL);
    }
    return NULL;
}

/* The vfork child: shares our memory and waits on the pipe, then exits;
   only system calls, no libc state touched. */
static int vfork_child(void *arg)
{
    (void)arg;
    char c;
    while (syscall(SYS_read, release_pipe[0], &c, 1) < 0)
        ;
    syscall(SYS_exit, 0);
    return 0;
}

static void *vfork_thread(void *arg)
{
    (void)arg;
    vforker_tid = gettid();
    size_t stack_size = 64 * 1024;
    char *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        return NULL;
    /* CLONE_VFORK: this thread sleeps uninterruptibly until the child
       exits, as a parent in vfork does. */
    clone(vfork_child, stack + stack_size, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
    return NULL;
}

static void serve(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        const char *answer = "ok";
        if (strncmp(line, "release", 7) == 0) {
            ssize_t w = write(release_pipe[1], "x", 1);
            (void)w;
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += 5;
            if (pthread_timedjoin_np(vforker, NULL, &until) != 0)
                answer = "stuck";
        }
        printf("%s\n", answer);
        fflush(stdout);
    }
    exit(0);
}

static void *server(void *arg)
{
    (void)arg;
    serve();
    return NULL;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "quiet";
    pthread_t th;
    int threads = 0;
    for (int i = 0; i < 2; i++, threads++)
        pthread_create(&th, NULL, sleeper_thread, NULL);
    if (strcmp(mode, "vfork") == 0) {
        if (pipe(release_pipe) != 0)
            return 1;
        pthread_create(&vforker, NULL, vfork_thread, NULL);
        threads++;
        /* Wait until it sleeps in vfork (state D). */
        for (int i = 0; i < 5000; i++) {
            char path[64], buf[256];
            snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)vforker_tid);
            FILE *f = fopen(path, "r");
            size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
            if (f)
                fclose(f);
            buf[n] = '\0';
            char *rp = strrchr(buf, ')');
            if (rp && rp[1] == ' ' && rp[2] == 'D')
                break;
            usleep(1000);
        }
    }
    if (strcmp(mode, "churn64") == 0)
        pthread_create(&th, NULL, churner, NULL);
    printf("value=%p\n", (void *)&value);
    printf("threads=0x%x\n", threads);
    printf("ready\n");
    fflush(stdout);
    if (strcmp(mode, "leader-exit") == 0) {
        pthread_create(&th, NULL, server, NULL);
        pthread_exit(NULL);
    }
    serve();
    return 0;
}
