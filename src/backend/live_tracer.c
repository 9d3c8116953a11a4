/*
 * live_tracer.c — the one thread that owns a live target's ptrace
 * relationship.
 *
 * Linux ties a tracee to the thread that attached, not to the process:
 * PTRACE_DETACH (and every other request) from another thread fails with
 * ESRCH, and when the attaching thread exits the kernel detaches all its
 * tracees, which then run while the library believes them stopped. A
 * target must work from whichever thread its user calls it on (a Python
 * or dbgeng program closes it from another one), so each stopped target
 * gets a thread of its own, as lldb's operation thread: every ptrace and
 * waitpid call of the target runs there, handed over by ds_tracer_run,
 * and the thread lives until ds_close ends it. Reads and writes need no
 * tracer (process_vm_readv and /proc/PID/mem ask only for permission), so
 * they stay on the caller's thread and the cached hit path never hops.
 *
 * Ending the thread is also the only way to drop a tracee that is seized
 * but not stopped (one in uninterruptible sleep when attach gave up on
 * it): PTRACE_DETACH wants a stopped tracee, while the kernel's own
 * detach at the tracer's exit clears the pending PTRACE_INTERRUPT, and it
 * hands threads that died while traced back to their real parent (the
 * caller's own child stays a zombie for the caller's waitpid).
 */

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../target.h"
#include "live_internal.h"

struct ds_tracer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    HRESULT (*fn)(void *);  /* the request being handed over, or NULL */
    void *arg;
    bool busy;              /* a caller owns the request slot */
    bool done;              /* fn has returned: hr and error hold its answer */
    bool quit;
    pid_t tid;              /* the thread's system id */
    HRESULT hr;
    char error[512];        /* fn's sentence, made on this thread */
};

static void *tracer_main(void *p)
{
    struct ds_tracer *tr = p;
    pthread_mutex_lock(&tr->lock);
    tr->tid = gettid();
    for (;;) {
        while (!tr->fn && !tr->quit)
            pthread_cond_wait(&tr->cond, &tr->lock);
        if (!tr->fn)
            break;
        HRESULT (*fn)(void *) = tr->fn;
        void *arg = tr->arg;
        pthread_mutex_unlock(&tr->lock);
        HRESULT hr = fn(arg);
        pthread_mutex_lock(&tr->lock);
        tr->hr = hr;
        /* Openers' sentences are kept per thread: carry this one over. */
        snprintf(tr->error, sizeof tr->error, "%s", FAILED(hr) ? ds_error_text(NULL) : "");
        tr->fn = NULL;
        tr->done = true;
        pthread_cond_broadcast(&tr->cond);
    }
    pthread_mutex_unlock(&tr->lock);
    return NULL;
}

HRESULT ds_tracer_start(struct ds_tracer **out)
{
    *out = NULL;
    struct ds_tracer *tr = calloc(1, sizeof *tr);
    if (!tr) {
        errno = ENOMEM;
        return E_OUTOFMEMORY;
    }
    pthread_mutex_init(&tr->lock, NULL);
    pthread_cond_init(&tr->cond, NULL);
    /* Every signal blocked: the thread must not take the application's
       process-wide signals (SIGCHLD from our tracees included). */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int err = pthread_create(&tr->thread, NULL, tracer_main, tr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err) {
        pthread_cond_destroy(&tr->cond);
        pthread_mutex_destroy(&tr->lock);
        free(tr);
        errno = err;  /* EAGAIN: no thread or memory left to make one */
        return E_OUTOFMEMORY;
    }
    *out = tr;
    return S_OK;
}

HRESULT ds_tracer_run(struct ds_tracer *tr, HRESULT (*fn)(void *), void *arg)
{
    pthread_mutex_lock(&tr->lock);
    while (tr->busy)
        pthread_cond_wait(&tr->cond, &tr->lock);
    tr->busy = true;
    tr->fn = fn;
    tr->arg = arg;
    tr->done = false;
    pthread_cond_broadcast(&tr->cond);
    while (!tr->done)
        pthread_cond_wait(&tr->cond, &tr->lock);
    HRESULT hr = tr->hr;
    if (FAILED(hr))
        ds_fail(NULL, hr, "%s", tr->error);
    tr->busy = false;
    pthread_cond_broadcast(&tr->cond);
    pthread_mutex_unlock(&tr->lock);
    return hr;
}

void ds_tracer_end(struct ds_tracer *tr, bool tracees_left)
{
    if (!tr)
        return;
    pthread_mutex_lock(&tr->lock);
    tr->quit = true;
    pthread_cond_broadcast(&tr->cond);
    pthread_mutex_unlock(&tr->lock);
    pthread_join(tr->thread, NULL);
    /* pthread_join returns once the thread's memory is released, a step
       before the kernel detaches its tracees; when it still had some,
       wait (bounded) for its task to go, so that the process is as we
       leave it on return. */
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d", (int)tr->tid);
    for (int i = 0; tracees_left && i < 10000 && tr->tid > 0 && access(path, F_OK) == 0; i++) {
        struct timespec ts = { 0, 100000 };
        nanosleep(&ts, NULL);
    }
    pthread_cond_destroy(&tr->cond);
    pthread_mutex_destroy(&tr->lock);
    free(tr);
}
