/*
 * search_pipeline.c — overlapping a search's reads with its scanning.
 *
 * Reading a stopped process (process_vm_readv) and scanning the bytes
 * (memmem) run at about the same speed, so doing one after the other
 * halves the throughput of either. Once a search has read one whole chunk
 * and there is more to read, a scanner thread takes the chunks in order
 * from a small queue while the caller's thread reads the next ones into
 * the other buffers. Only the caller's thread ever calls the backend (a
 * backend may be bound to its thread: ptrace, a socket), and only the
 * scanner touches the matcher's state while it runs. If the thread cannot
 * be started, the search scans in the caller's thread as before.
 *
 * The chunk buffers outlive the search: a fresh buffer is faulted in page
 * by page by the first read into it (3 x 2 MiB = 1536 faults, each zeroing
 * a page), which cost about a tenth of a 256 MiB search of a stopped
 * process (docs/semantics.md, "Throughput of SearchVirtual"). So a search
 * gives its buffers back to a small process-wide pool, and the next search
 * (of any target, on any thread) takes them from there.
 */
#include <stdlib.h>

#include "search_internal.h"

/* Each buffer is malloc'd a page larger than a chunk and used from its
   first page boundary: the kernel copies into it page by page, and a
   destination off a cache line (malloc's own: 16 bytes past a page) slows
   that copy by a quarter. (malloc, not aligned_alloc, so that the
   out-of-memory tests, which wrap malloc, reach this allocation too.) */
#define BUFFER_ALIGN ((uintptr_t)4096)

static uint8_t *aligned(uint8_t *raw)
{
    return raw + ((BUFFER_ALIGN - (uintptr_t)raw % BUFFER_ALIGN) % BUFFER_ALIGN);
}

/* Chunk buffers (as malloc gave them) that a finished search gave back; at most
   DS_PIPELINE_SLOTS (one search's worth), the rest are freed. */
static struct {
    pthread_mutex_t lock;
    uint8_t *free[DS_PIPELINE_SLOTS];
    int count;
} kept = { .lock = PTHREAD_MUTEX_INITIALIZER };

static uint8_t *take_buffer(void)
{
    uint8_t *b = NULL;
    pthread_mutex_lock(&kept.lock);
    if (kept.count > 0)
        b = kept.free[--kept.count];
    pthread_mutex_unlock(&kept.lock);
    return b ? b : malloc(DS_SCAN_CHUNK + BUFFER_ALIGN);
}

static void give_back(uint8_t *b)
{
    if (!b)
        return;
    pthread_mutex_lock(&kept.lock);
    if (kept.count < DS_PIPELINE_SLOTS) {
        kept.free[kept.count++] = b;
        b = NULL;
    }
    pthread_mutex_unlock(&kept.lock);
    free(b);
}

/* The pool is freed when the library is unloaded (and at exit), so leak
   checkers see nothing held. */
__attribute__((destructor)) static void free_kept_buffers(void)
{
    pthread_mutex_lock(&kept.lock);
    while (kept.count > 0)
        free(kept.free[--kept.count]);
    pthread_mutex_unlock(&kept.lock);
}

void ds_pipeline_init(struct ds_scan_pipeline *p, struct ds_scan *sc)
{
    *p = (struct ds_scan_pipeline){ .sc = sc, .handed_out = -1 };
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
}

static void *scanner(void *arg)
{
    struct ds_scan_pipeline *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->count == 0 && !p->closing)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->count == 0)
            break;
        struct ds_scan_piece piece = p->queue[p->head];
        p->head = (p->head + 1) % DS_PIPELINE_QUEUE;
        p->count--;
        bool found = p->found;
        pthread_mutex_unlock(&p->lock);
        if (!found)
            ds_scan_feed(p->sc, piece.addr, piece.data, piece.n);
        pthread_mutex_lock(&p->lock);
        if (piece.slot >= 0)
            p->busy[piece.slot] = false;
        p->found = p->sc->found;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

uint8_t *ds_pipeline_buffer(struct ds_scan_pipeline *p)
{
    if (p->handed_out >= 0)
        return aligned(p->slots[p->handed_out]);
    pthread_mutex_lock(&p->lock);
    int free_slot = -1;
    for (;;) {
        for (int i = 0; i < DS_PIPELINE_SLOTS && free_slot < 0; i++)
            if (!p->busy[i])
                free_slot = i;
        if (free_slot >= 0)
            break;
        pthread_cond_wait(&p->changed, &p->lock);
    }
    p->busy[free_slot] = true;
    pthread_mutex_unlock(&p->lock);
    /* A free slot is in no queued piece: the scanner does not look at it. */
    if (!p->slots[free_slot] && !(p->slots[free_slot] = take_buffer())) {
        p->busy[free_slot] = false;
        return NULL;
    }
    p->handed_out = free_slot;
    return aligned(p->slots[free_slot]);
}

static bool start_scanner(struct ds_scan_pipeline *p)
{
    p->threaded = pthread_create(&p->thread, NULL, scanner, p) == 0;
    return p->threaded;
}

void ds_pipeline_submit(struct ds_scan_pipeline *p, uint64_t addr, const uint8_t *data, size_t n)
{
    int slot = p->handed_out >= 0 && data == aligned(p->slots[p->handed_out]) ? p->handed_out : -1;
    if (slot >= 0)
        p->handed_out = -1;
    /* A whole chunk read says the run goes on: worth a second thread. */
    if (!p->threaded && (slot < 0 || n < DS_SCAN_CHUNK || !start_scanner(p))) {
        ds_scan_feed(p->sc, addr, data, n);
        p->found = p->sc->found;
        if (slot >= 0)
            p->busy[slot] = false;
        return;
    }
    pthread_mutex_lock(&p->lock);
    while (p->count == DS_PIPELINE_QUEUE)
        pthread_cond_wait(&p->changed, &p->lock);
    p->queue[(p->head + p->count) % DS_PIPELINE_QUEUE] =
        (struct ds_scan_piece){ .addr = addr, .data = data, .n = n, .slot = slot };
    p->count++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

bool ds_pipeline_found(struct ds_scan_pipeline *p)
{
    pthread_mutex_lock(&p->lock);
    bool found = p->found;
    pthread_mutex_unlock(&p->lock);
    return found;
}

void ds_pipeline_finish(struct ds_scan_pipeline *p)
{
    if (p->threaded) {
        pthread_mutex_lock(&p->lock);
        p->closing = true;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->thread, NULL);
        p->threaded = false;
    }
    for (int i = 0; i < DS_PIPELINE_SLOTS; i++)
        give_back(p->slots[i]);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
}
