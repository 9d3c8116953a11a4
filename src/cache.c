/*
 * cache.c — the page cache (see cache.h for the design).
 */
#include "cache.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "target.h"

void ds_cache_init(struct ds_cache *c)
{
    memset(c, 0, sizeof *c);
}

void ds_cache_release(struct ds_cache *c)
{
    if (c->data)
        munmap(c->data, (size_t)c->nlines * DS_CACHE_LINE);
    free(c->line_key);
    free(c->table);
    bool granular = c->page_granular;
    ds_cache_init(c);
    c->page_granular = granular;
}

HRESULT ds_cache_resize(struct ds_cache *c, uint64_t bytes)
{
    ds_cache_release(c);
    uint64_t nlines = bytes >> DS_CACHE_LINE_SHIFT;
    if (nlines == 0)
        return S_OK;
    if (nlines > (1u << 24)) /* 64 GiB of cache is more than anyone means */
        return E_INVALIDARG;
    uint32_t tsize = 16;
    while (tsize < 2 * nlines) /* load factor ≤ 1/2 keeps probes short */
        tsize <<= 1;
    /* An anonymous mapping: the kernel supplies pages only as lines fill. */
    void *data = mmap(NULL, nlines * DS_CACHE_LINE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    c->line_key = calloc(nlines, sizeof *c->line_key);
    c->table = calloc(tsize, sizeof *c->table);
    if (data == MAP_FAILED || !c->line_key || !c->table) {
        if (data != MAP_FAILED)
            munmap(data, nlines * DS_CACHE_LINE);
        free(c->line_key);
        free(c->table);
        c->line_key = NULL;
        c->table = NULL;
        return E_OUTOFMEMORY;
    }
    c->data = data;
    c->nlines = (uint32_t)nlines;
    c->mask = tsize - 1;
    c->size_bytes = nlines << DS_CACHE_LINE_SHIFT;
    return S_OK;
}

/* Forget the line hit last and the readahead run: after a clear or an
   eviction they may describe lines the cache no longer holds, and after a
   stop the target's mappings may have changed. */
static void forget_hints(struct ds_cache *c)
{
    c->last_key = 0;
    c->last_data = NULL;
    c->ra_lo = c->ra_hi = 0;
    c->ra_window = 0;
}

void ds_cache_clear(struct ds_cache *c)
{
    forget_hints(c);
    if (!c->nlines)
        return;
    memset(c->table, 0, ((size_t)c->mask + 1) * sizeof *c->table);
    memset(c->line_key, 0, (size_t)c->nlines * sizeof *c->line_key);
    c->used = 0;
    c->next_victim = 0;
    c->ra_unused = 0;
    /* The line store keeps its pages: refilling them after a flush (every
       stop of a running target) must not cost a page fault and a page
       clear per line. ds_cache_set_size(t, 0) gives the memory back. */
}

/* A line's home slot. The lines of one aligned cluster get neighbouring
   slots (the cluster's number is hashed, its low bits are kept): a walk
   over a few hundred lines then touches a few dozen of the table's
   cache lines, not one per line. */
static inline uint32_t slot_of(const struct ds_cache *c, uint64_t key)
{
    uint64_t group = (key >> 3) * 0x9E3779B97F4A7C15ull;
    return ((uint32_t)(group >> 32) << 3 | (uint32_t)(key & 7)) & c->mask;
}

static inline struct ds_cache_slot *lookup(struct ds_cache *c, uint64_t key)
{
    for (uint32_t i = slot_of(c, key);; i = (i + 1) & c->mask) {
        struct ds_cache_slot *s = &c->table[i];
        if (s->key == key)
            return s;
        if (s->key == 0)
            return NULL;
    }
}

/* Remove key from the table, shifting later members of its probe run
   back so that lookups never stop early at the hole (Knuth 6.4, R). */
static void remove_key(struct ds_cache *c, uint64_t key)
{
    uint32_t i = slot_of(c, key);
    while (c->table[i].key != key) {
        if (c->table[i].key == 0)
            return;
        i = (i + 1) & c->mask;
    }
    for (uint32_t j = (i + 1) & c->mask;; j = (j + 1) & c->mask) {
        if (c->table[j].key == 0)
            break;
        uint32_t home = slot_of(c, c->table[j].key);
        /* j's entry may move to i if its home is not cyclically in (i, j]. */
        bool stays = (i <= j) ? (i < home && home <= j) : (i < home || home <= j);
        if (!stays) {
            c->table[i] = c->table[j];
            i = j;
        }
    }
    c->table[i].key = 0;
}

/* Evict whatever holds line (if anything) so it can be refilled. */
static void free_line(struct ds_cache *c, uint32_t line)
{
    uint64_t key = c->line_key[line];
    if (key) {
        if (key == c->last_key) {
            c->last_key = 0;
            c->last_data = NULL;
        }
        const struct ds_cache_slot *s = lookup(c, key);
        if (s && (s->flags & DS_SLOT_FRESH))
            c->ra_unused--;
        remove_key(c, key);
    }
    c->line_key[line] = 0;
}

/* n consecutive lines to fill, so that one backend read can land in them:
   never-used ones first, else the oldest, evicted. The FIFO cursor skips
   to the start when fewer than n lines are left before the end of the
   store (those lines keep their contents until the next lap). */
static uint32_t take_lines(struct ds_cache *c, uint32_t n)
{
    uint32_t first;
    if (c->used + n <= c->nlines) {
        first = c->used;
        c->used += n;
        return first;
    }
    c->used = c->nlines;
    if (c->next_victim + n > c->nlines)
        c->next_victim = 0;
    first = c->next_victim;
    c->next_victim = (first + n) % c->nlines;
    for (uint32_t i = 0; i < n; i++)
        free_line(c, first + i);
    return first;
}

static struct ds_cache_slot *insert(struct ds_cache *c, uint64_t key, uint32_t line,
                                    uint32_t flags)
{
    c->line_key[line] = key;
    uint32_t i = slot_of(c, key);
    while (c->table[i].key != 0)
        i = (i + 1) & c->mask;
    c->table[i] = (struct ds_cache_slot){ .key = key, .line = line, .flags = flags };
    return &c->table[i];
}

static inline uint8_t *line_data(const struct ds_cache *c, uint32_t line)
{
    return c->data + ((size_t)line << DS_CACHE_LINE_SHIFT);
}

/* ---- readahead ----------------------------------------------------------- */

/* The readable run of whole lines around lineno, from the backend's
   next_readable: [*lo, *hi), looked for no further than
   DS_CACHE_RUN_LOOKBACK below the line. Pieces reported adjacent are
   joined. false when the backend cannot say (no next_readable, or it
   failed: then the sentence it left is taken back, since the read that
   follows speaks for itself); true with *lo == *hi when lineno is not
   wholly readable. */
static bool readable_run(ds_target *t, uint64_t lineno, uint64_t *lo, uint64_t *hi)
{
    if (!t->ops->next_readable)
        return false;
    uint64_t line_addr = lineno << DS_CACHE_LINE_SHIFT;
    uint64_t at = line_addr > DS_CACHE_RUN_LOOKBACK ? line_addr - DS_CACHE_RUN_LOOKBACK : 0;
    uint64_t run_start = 0, run_end = 0; /* bytes [run_start, run_end), run_end 0: none */
    *lo = *hi = lineno;
    char saved[sizeof t->error];
    memcpy(saved, t->error, sizeof saved);
    /* Bounded: each step moves past one piece; pieces far below the line
       are skipped by asking at the line itself. */
    for (int step = 0; step < 16; step++) {
        if (step == 8)
            at = run_end > line_addr ? run_end : line_addr;
        uint64_t start, size;
        HRESULT hr = t->ops->next_readable(t, at, &start, &size);
        if (FAILED(hr)) {
            memcpy(t->error, saved, sizeof saved);
            return false;
        }
        if (hr != S_OK || size == 0 || start > line_addr + (DS_CACHE_LINE - 1))
            break; /* nothing readable reaches the line */
        uint64_t end = start + size < start ? UINT64_MAX : start + size;
        if (!(run_end && start == run_end))
            run_start = start; /* not joined to the piece below */
        run_end = end;
        if (end > line_addr + (DS_CACHE_LINE - 1) || end == UINT64_MAX)
            break;
        at = end;
    }
    if (run_end == 0 || run_start > line_addr || run_end <= line_addr ||
        run_end - line_addr < DS_CACHE_LINE)
        return true; /* the line is not wholly readable */
    *lo = (run_start + DS_CACHE_LINE - 1) >> DS_CACHE_LINE_SHIFT;
    *hi = run_end == UINT64_MAX ? (UINT64_MAX >> DS_CACHE_LINE_SHIFT) + 1
                                : run_end >> DS_CACHE_LINE_SHIFT;
    return true;
}

/* The lines a miss at lineno may fill, [*lo, *hi) around it: an aligned
   window inside the readable run the miss landed in, one cluster wide on
   a run's first miss and twice as wide on each further one. Unknown runs
   (a backend without next_readable) get the aligned cluster, unclamped;
   a line that is not wholly readable gets itself alone, so that the
   backend says why. */
static void readahead_window(ds_target *t, uint64_t lineno, uint64_t *lo, uint64_t *hi)
{
    struct ds_cache *c = &t->cache;
    uint32_t most = c->nlines / 4;
    uint32_t cap = DS_CACHE_CLUSTER;
    while (cap < DS_CACHE_READAHEAD_MAX && cap * 2 <= most)
        cap *= 2;
    uint64_t run_lo, run_hi;
    uint32_t window = DS_CACHE_CLUSTER;
    uint32_t unused_most = c->nlines / 4 < DS_CACHE_READAHEAD_UNUSED ? c->nlines / 4
                                                                     : DS_CACHE_READAHEAD_UNUSED;
    if (lineno >= c->ra_lo && lineno < c->ra_hi) {
        if (c->ra_unused <= unused_most)
            window = c->ra_window < cap ? c->ra_window * 2 : cap;
        run_lo = c->ra_lo;
        run_hi = c->ra_hi;
    } else if (readable_run(t, lineno, &run_lo, &run_hi)) {
        if (run_lo == run_hi) { /* lineno itself is not wholly readable */
            c->ra_lo = c->ra_hi = 0;
            *lo = lineno;
            *hi = lineno + 1;
            return;
        }
    } else {
        /* The backend cannot say: the aligned cluster, as without readahead. */
        c->ra_lo = c->ra_hi = 0;
        uint64_t cluster = lineno & ~(uint64_t)(DS_CACHE_CLUSTER - 1);
        *lo = cluster;
        *hi = cluster + DS_CACHE_CLUSTER;
        return;
    }
    if (window > cap)
        window = cap;
    c->ra_lo = run_lo;
    c->ra_hi = run_hi;
    c->ra_window = window;
    uint64_t block = lineno & ~(uint64_t)(window - 1);
    *lo = block > run_lo ? block : run_lo;
    *hi = block + window < run_hi ? block + window : run_hi;
}

/* ---- lines ---------------------------------------------------------------- */

/* Bring the line holding addr in. NULL when its first byte cannot be read
   or the line is only partly readable (then the caller reads around the
   cache); *fault says whether the line was known unreadable before. */
static const uint8_t *fetch_line(ds_target *t, uint64_t lineno, bool *fault)
{
    struct ds_cache *c = &t->cache;
    uint64_t key = lineno + 1;
    struct ds_cache_slot *s = lookup(c, key);
    *fault = false;
    if (s) {
        c->hits++;
        if (s->flags & DS_SLOT_FAULT) {
            *fault = true;
            return NULL;
        }
        if (s->flags & DS_SLOT_FRESH) {
            s->flags = 0;
            c->ra_unused--;
        }
        return line_data(c, s->line);
    }
    c->misses++;
    /* Fill the run of absent lines around lineno within its readahead
       window with one backend read: neighbouring lines are what a walk of
       a data structure asks for next, and one call of 256 KiB costs
       little more than one of 4 KiB. */
    uint64_t win_lo, win_hi;
    readahead_window(t, lineno, &win_lo, &win_hi);
    uint64_t lo = lineno, hi = lineno + 1;
    uint32_t most = c->nlines < DS_CACHE_CLUSTER ? c->nlines : (uint32_t)(win_hi - win_lo);
    while (lo > win_lo && hi - lo < most && !lookup(c, (lo - 1) + 1))
        lo--;
    while (hi < win_hi && hi - lo < most && !lookup(c, hi + 1))
        hi++;
    uint32_t n = (uint32_t)(hi - lo);
    uint32_t first = take_lines(c, n);
    size_t got = 0;
    HRESULT hr = ds_backend_read(t, lo << DS_CACHE_LINE_SHIFT, line_data(c, first),
                                 (size_t)n << DS_CACHE_LINE_SHIFT, &got);
    uint32_t whole = SUCCEEDED(hr) ? (uint32_t)(got >> DS_CACHE_LINE_SHIFT) : 0;
    for (uint32_t i = 0; i < whole; i++) {
        bool ahead = lo + i != lineno;
        insert(c, lo + i + 1, first + i, ahead ? DS_SLOT_FRESH : 0);
        c->ra_unused += ahead;
    }
    if (lineno < lo + whole)
        return line_data(c, first + (uint32_t)(lineno - lo));
    /* The line itself was not read whole. Unless the read began at it, ask
       for it alone, so that the answer (and any fault remembered) is about
       this line and not an unreadable neighbour. */
    uint32_t line = first + (uint32_t)(lineno - lo);
    if (lo != lineno) {
        got = 0;
        hr = ds_backend_read(t, lineno << DS_CACHE_LINE_SHIFT, line_data(c, line),
                             DS_CACHE_LINE, &got);
    }
    if (SUCCEEDED(hr) && got == DS_CACHE_LINE) {
        insert(c, key, line, 0);
        return line_data(c, line);
    }
    /* The line stays free (line_key 0) until the FIFO cursor reuses it.
       Only a page that is itself unreadable is remembered: a failure that
       says nothing about the page (the process has exited, the backend is
       out of memory) must reach the caller with its own sentence, now and
       on every later read. */
    if (hr == HRESULT_FROM_WIN32(ERROR_READ_FAULT) && c->page_granular)
        insert(c, key, line, DS_SLOT_FAULT);
    /* *fault stays false even so: the caller then reads at its own
       address, so that the first fault's sentence is the backend's, about
       that address; only later reads are answered from memory. */
    return NULL;
}

/* ---- the hit path ---------------------------------------------------------- */

/* Copy n ≤ DS_CACHE_LINE bytes out of a line. gcc inlines a memcpy whose
   size it can bound as `rep movsq`, whose start-up cost on Intel cores
   (tens of cycles) is more than the rest of a hit: sizes up to 64 bytes
   are copied with plain, possibly overlapping, loads and stores instead,
   and larger ones call the C library's memcpy, which picks its own
   method for the size. */
static inline void copy_out(uint8_t *d, const uint8_t *s, size_t n)
{
    if (n <= 16) {
        if (n >= 8) {
            uint64_t head, tail;
            memcpy(&head, s, 8);
            memcpy(&tail, s + n - 8, 8);
            memcpy(d, &head, 8);
            memcpy(d + n - 8, &tail, 8);
        } else if (n >= 4) {
            uint32_t head, tail;
            memcpy(&head, s, 4);
            memcpy(&tail, s + n - 4, 4);
            memcpy(d, &head, 4);
            memcpy(d + n - 4, &tail, 4);
        } else if (n) {
            uint8_t first = s[0], mid = s[n / 2], last = s[n - 1];
            d[0] = first;
            d[n / 2] = mid;
            d[n - 1] = last;
        }
        return;
    }
    if (n <= 64) {
        struct sixteen { uint64_t lo, hi; } a, b, x, y;
        memcpy(&a, s, 16);
        memcpy(&b, s + n - 16, 16);
        if (n > 32) {
            memcpy(&x, s + 16, 16);
            memcpy(&y, s + n - 32, 16);
            memcpy(d + 16, &x, 16);
            memcpy(d + n - 32, &y, 16);
        }
        memcpy(d, &a, 16);
        memcpy(d + n - 16, &b, 16);
        return;
    }
#if defined(__GNUC__)
    __asm__("" : "+r"(n)); /* hide n's bound: a call, never an inlined rep movs */
#endif
    memcpy(d, s, n);
}

/* A read that is not a plain hit: it spans lines, or misses, or meets a
   remembered fault. Kept out of line so that the hit path stays small. */
static __attribute__((noinline)) HRESULT read_lines(ds_target *t, uint64_t addr, void *buf,
                                                   size_t size, size_t *done)
{
    uint8_t *out = buf;
    size_t copied = 0;
    HRESULT why = S_OK;
    while (copied < size) {
        uint64_t a = addr + copied;
        uint64_t off = a & (DS_CACHE_LINE - 1);
        size_t n = DS_CACHE_LINE - off;
        if (n > size - copied)
            n = size - copied;
        bool fault;
        const uint8_t *line = fetch_line(t, a >> DS_CACHE_LINE_SHIFT, &fault);
        if (line) {
            copy_out(out + copied, line + off, n);
            copied += n;
            continue;
        }
        if (fault) {
            why = ds_fail(t, HRESULT_FROM_WIN32(ERROR_READ_FAULT),
                          "cannot read memory at 0x%llx in %s: the page is not readable "
                          "(remembered from an earlier read)", (unsigned long long)a, t->where);
            break;
        }
        /* A line the cache cannot hold whole: read the rest directly. */
        size_t want = size - copied, got = 0;
        why = ds_backend_read(t, a, out + copied, want, &got);
        copied += got;
        break; /* got < want means the next byte is unreadable */
    }
    *done = copied;
    return copied ? S_OK : why;
}

HRESULT ds_cache_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct ds_cache *c = &t->cache;
    uint64_t off = addr & (DS_CACHE_LINE - 1);
    if (__builtin_expect(size <= DS_CACHE_LINE - off, 1)) {
        /* One line: the one hit last, or one probe of the table. */
        uint64_t key = (addr >> DS_CACHE_LINE_SHIFT) + 1;
        const uint8_t *line = c->last_data;
        if (key != c->last_key) {
            const struct ds_cache_slot *s = lookup(c, key);
            line = NULL;
            if (s && s->flags == 0) { /* not a fault, nor a first hit */
                line = line_data(c, s->line);
                c->last_key = key;
                c->last_data = line;
            }
        }
        if (line) {
            c->hits++;
            copy_out(buf, line + off, size);
            *done = size;
            return S_OK;
        }
    }
    return read_lines(t, addr, buf, size, done);
}

void ds_cache_note_write(struct ds_cache *c, uint64_t addr, const void *buf, size_t n)
{
    if (!c->nlines || n == 0)
        return;
    const uint8_t *in = buf;
    uint64_t first = addr >> DS_CACHE_LINE_SHIFT;
    uint64_t last = (addr + n - 1) >> DS_CACHE_LINE_SHIFT;
    for (uint64_t ln = first; ln <= last; ln++) {
        struct ds_cache_slot *s = lookup(c, ln + 1);
        if (!s)
            continue;
        if (s->flags & DS_SLOT_FAULT) {
            c->line_key[s->line] = 0; /* the line idles until FIFO reuses it */
            remove_key(c, ln + 1);
            continue;
        }
        uint64_t lo = ln << DS_CACHE_LINE_SHIFT;
        uint64_t from = addr > lo ? addr : lo;
        uint64_t to = addr + n < lo + DS_CACHE_LINE ? addr + n : lo + DS_CACHE_LINE;
        memcpy(line_data(c, s->line) + (from - lo), in + (from - addr), to - from);
    }
}
