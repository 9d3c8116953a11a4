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

void ds_cache_clear(struct ds_cache *c)
{
    if (!c->nlines)
        return;
    memset(c->table, 0, ((size_t)c->mask + 1) * sizeof *c->table);
    memset(c->line_key, 0, (size_t)c->nlines * sizeof *c->line_key);
    c->used = 0;
    c->next_victim = 0;
    /* The line store keeps its pages: refilling them after a flush (every
       stop of a running target) must not cost a page fault and a page
       clear per line. ds_cache_set_size(t, 0) gives the memory back. */
}

static inline uint32_t slot_of(const struct ds_cache *c, uint64_t key)
{
    return (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & c->mask;
}

static struct ds_cache_slot *lookup(struct ds_cache *c, uint64_t key)
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
    if (c->line_key[line])
        remove_key(c, c->line_key[line]);
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
                                    uint32_t fault)
{
    c->line_key[line] = key;
    uint32_t i = slot_of(c, key);
    while (c->table[i].key != 0)
        i = (i + 1) & c->mask;
    c->table[i] = (struct ds_cache_slot){ .key = key, .line = line, .fault = fault };
    return &c->table[i];
}

static inline uint8_t *line_data(const struct ds_cache *c, uint32_t line)
{
    return c->data + ((size_t)line << DS_CACHE_LINE_SHIFT);
}

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
        if (s->fault) {
            *fault = true;
            return NULL;
        }
        return line_data(c, s->line);
    }
    c->misses++;
    /* Fill the run of absent lines around lineno within its aligned
       cluster with one backend read: neighbouring lines are what a walk of
       a data structure asks for next, and one call of 32 KiB costs little
       more than one of 4 KiB. */
    uint64_t lo = lineno, hi = lineno + 1;
    uint64_t cluster = lineno & ~(uint64_t)(DS_CACHE_CLUSTER - 1);
    uint32_t most = c->nlines < DS_CACHE_CLUSTER ? c->nlines : DS_CACHE_CLUSTER;
    while (lo > cluster && hi - lo < most && !lookup(c, (lo - 1) + 1))
        lo--;
    while (hi < cluster + DS_CACHE_CLUSTER && hi - lo < most && !lookup(c, hi + 1))
        hi++;
    uint32_t n = (uint32_t)(hi - lo);
    uint32_t first = take_lines(c, n);
    size_t got = 0;
    HRESULT hr = ds_backend_read(t, lo << DS_CACHE_LINE_SHIFT, line_data(c, first),
                                 (size_t)n << DS_CACHE_LINE_SHIFT, &got);
    uint32_t whole = SUCCEEDED(hr) ? (uint32_t)(got >> DS_CACHE_LINE_SHIFT) : 0;
    for (uint32_t i = 0; i < whole; i++)
        insert(c, lo + i + 1, first + i, 0);
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
        insert(c, key, line, 1);
    /* *fault stays false even so: the caller then reads at its own
       address, so that the first fault's sentence is the backend's, about
       that address; only later reads are answered from memory. */
    return NULL;
}

HRESULT ds_cache_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
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
            memcpy(out + copied, line + off, n);
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
        if (s->fault) {
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
