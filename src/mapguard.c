/*
 * mapguard.c — the SIGBUS handler behind mapguard.h.
 *
 * The guarded mappings sit in a fixed table that the handler reads without
 * a lock: a slot is published by storing its start last (release) and
 * withdrawn by clearing it first, so the handler (acquire) never sees a
 * half-written slot. Adding and removing take a mutex between themselves.
 * The handler itself only loads, compares, calls mmap (one system call)
 * and stores a flag. It is in place only while some mapping is guarded:
 * with the last dump closed the previous handler is back, so a program
 * may unload the library then.
 */
#include "mapguard.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_GUARDED 1024

struct guarded {
    _Atomic uintptr_t start;  /* 0: a free slot */
    uintptr_t end;
    int prot;
    volatile sig_atomic_t *shrank;
};

static struct guarded guarded[MAX_GUARDED];
static pthread_mutex_t guarded_lock = PTHREAD_MUTEX_INITIALIZER;
static size_t nguarded;             /* slots in use; under guarded_lock */
static bool installed;              /* on_sigbus is in place; under guarded_lock */
static struct sigaction previous;   /* what it replaced */
static uintptr_t page_mask;

/* A SIGBUS that is not ours: what would have happened without us. */
static void chain(int sig, siginfo_t *info, void *context)
{
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction)
            previous.sa_sigaction(sig, info, context);
        return;
    }
    if (previous.sa_handler == SIG_IGN && info->si_code <= 0)
        return;  /* sent by kill(), and ignored before us */
    if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(sig);
        return;
    }
    /* The default action: a fault repeats when we return, now unhandled;
       a signal someone sent is sent again, delivered once we return. */
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGBUS, &dfl, NULL);
    if (info->si_code <= 0)
        raise(SIGBUS);
}

static void on_sigbus(int sig, siginfo_t *info, void *context)
{
    int saved_errno = errno;
    uintptr_t addr = (uintptr_t)info->si_addr;
    if (info->si_code == BUS_ADRERR) {
        for (size_t i = 0; i < MAX_GUARDED; i++) {
            uintptr_t start = atomic_load_explicit(&guarded[i].start, memory_order_acquire);
            if (!start || addr < start || addr >= guarded[i].end)
                continue;
            /* Zeros in place of the page the file lost: the copy or scan
               that touched it runs on, and its caller sees the mark. */
            void *page = (void *)(addr & ~page_mask);
            if (mmap(page, page_mask + 1, guarded[i].prot,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
                *guarded[i].shrank = 1;
                errno = saved_errno;
                return;
            }
            break;
        }
    }
    chain(sig, info, context);
    errno = saved_errno;
}

static bool install_locked(void)
{
    if (installed)
        return true;
    long page = sysconf(_SC_PAGESIZE);
    page_mask = (uintptr_t)(page > 0 ? page : 4096) - 1;
    struct sigaction sa = { .sa_sigaction = on_sigbus,
                            .sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART };
    sigemptyset(&sa.sa_mask);
    installed = sigaction(SIGBUS, &sa, &previous) == 0;
    return installed;
}

/* Put back the handler ours replaced, unless the program has since put in
   one of its own. */
static void uninstall_locked(void)
{
    struct sigaction now;
    if (sigaction(SIGBUS, NULL, &now) == 0 && (now.sa_flags & SA_SIGINFO) &&
        now.sa_sigaction == on_sigbus)
        sigaction(SIGBUS, &previous, NULL);
    installed = false;
}

bool ds_mapguard_add(ds_target *t, const void *start, size_t size, int prot)
{
    if (!start || size == 0)
        return false;
    bool added = false;
    pthread_mutex_lock(&guarded_lock);
    for (size_t i = 0; i < MAX_GUARDED && !added && (installed || install_locked()); i++) {
        if (atomic_load_explicit(&guarded[i].start, memory_order_relaxed))
            continue;
        guarded[i].end = (uintptr_t)start + size;
        guarded[i].prot = prot;
        guarded[i].shrank = &t->file_shrank;
        atomic_store_explicit(&guarded[i].start, (uintptr_t)start, memory_order_release);
        nguarded++;
        added = true;
    }
    pthread_mutex_unlock(&guarded_lock);
    return added;
}

void ds_mapguard_remove(const void *start)
{
    if (!start)
        return;
    pthread_mutex_lock(&guarded_lock);
    for (size_t i = 0; i < MAX_GUARDED; i++)
        if (atomic_load_explicit(&guarded[i].start, memory_order_relaxed) == (uintptr_t)start) {
            atomic_store_explicit(&guarded[i].start, 0, memory_order_release);
            nguarded--;
        }
    if (nguarded == 0 && installed)
        uninstall_locked();
    pthread_mutex_unlock(&guarded_lock);
}

HRESULT ds_mapguard_check_open(const ds_target *t, const char *path)
{
    if (!ds_file_shrank(t))
        return S_OK;
    return ds_fail(NULL, HRESULT_FROM_NT(STATUS_IN_PAGE_ERROR),
                   "%s was cut short by another program while it was being opened", path);
}

HRESULT ds_fail_file_shrank(ds_target *t, const char *what, uint64_t at)
{
    return ds_fail(t, HRESULT_FROM_NT(STATUS_IN_PAGE_ERROR),
                   "%s 0x%llx: %s, or a file read with it, was cut short by another program "
                   "while it was open, so its bytes can no longer be trusted; open it again", what,
                   (unsigned long long)at, t->where);
}
