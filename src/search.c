/*
 * search.c — SearchVirtual and SearchVirtual2.
 *
 * The search walks only the runs of memory the target says it can supply
 * (ds_next_readable_run), so a search of the whole 64-bit space costs one
 * pass over the mapped bytes and nothing for the holes. Runs that touch
 * are one stretch of memory: a match may straddle two runs (two mappings,
 * two dump ranges) as well as two chunks of one run.
 *
 * Bytes are scanned with memmem/memchr. Where the backend holds the bytes
 * in our memory (peek: a mapped dump) they are scanned in place; otherwise
 * they are read straight from the backend, bypassing the cache, in chunks
 * of SEARCH_CHUNK bytes into one buffer reused for the whole search.
 * Between two pieces (chunks, runs, peeked spans) only the last
 * PatternSize - 1 bytes are kept, and the matches that start in them are
 * looked for in a small junction buffer (those bytes + the first
 * PatternSize - 1 of the next piece), so no piece is ever copied twice.
 *
 * A match counts only at a multiple of PatternGranularity after Offset
 * (dbgeng: "the difference between the location of the found pattern and
 * Offset must be a multiple of PatternGranularity"), and only when the
 * whole pattern lies in [Offset, Offset + Length). Nothing found is
 * HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES).
 */
#include "semantics.h"

#include <stdlib.h>
#include <string.h>

/* Large enough that a system call is amortised over a megabyte or more,
   small enough to stay in the last-level cache while it is scanned. */
#define SEARCH_CHUNK ((size_t)2 << 20)

#define SEARCH_NOT_FOUND HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES)

struct scan {
    const uint8_t *pattern;
    size_t size;            /* PatternSize */
    uint64_t granularity;
    uint64_t origin;        /* Offset */
    uint8_t *tail;          /* the ntail bytes just below next_addr (< size) */
    size_t ntail;
    uint64_t next_addr;     /* where the bytes fed so far end */
    uint8_t *junction;      /* tail + head of the next piece */
    bool found;
    uint64_t match;
};

/* The first match at an allowed offset that starts below starts_below in
   data[0, n), data[0] being the target's byte at addr. */
static bool find_aligned(const struct scan *sc, const uint8_t *data, size_t n, uint64_t addr,
                         size_t starts_below, size_t *at)
{
    size_t i = 0;
    while (i < starts_below && n - i >= sc->size) {
        const uint8_t *p = sc->size == 1 ? memchr(data + i, sc->pattern[0], n - i)
                                         : memmem(data + i, n - i, sc->pattern, sc->size);
        if (!p)
            return false;
        size_t k = (size_t)(p - data);
        if (k >= starts_below)
            return false;
        uint64_t misalign = (addr + k - sc->origin) % sc->granularity;
        if (misalign == 0) {
            *at = k;
            return true;
        }
        uint64_t skip = sc->granularity - misalign;
        if (skip > n - k)
            return false;
        i = k + (size_t)skip;
    }
    return false;
}

/* Remember the last size - 1 bytes fed, for matches that straddle into
   the next piece. */
static void keep_tail(struct scan *sc, const uint8_t *data, size_t n)
{
    size_t keep = sc->size - 1;
    if (n >= keep) {
        memcpy(sc->tail, data + n - keep, keep);
        sc->ntail = keep;
        return;
    }
    size_t total = sc->ntail + n, drop = total > keep ? total - keep : 0;
    memmove(sc->tail, sc->tail + drop, sc->ntail - drop);
    memcpy(sc->tail + sc->ntail - drop, data, n);
    sc->ntail = total - drop;
}

/* Scan the next piece of memory: n bytes of the target at addr. */
static void feed(struct scan *sc, uint64_t addr, const uint8_t *data, size_t n)
{
    size_t at;
    if (addr != sc->next_addr)
        sc->ntail = 0;  /* a hole: nothing straddles it */
    if (sc->ntail) {
        /* Matches that start in the kept bytes come first. */
        size_t head = n < sc->size - 1 ? n : sc->size - 1;
        memcpy(sc->junction, sc->tail, sc->ntail);
        memcpy(sc->junction + sc->ntail, data, head);
        uint64_t junction_addr = addr - sc->ntail;
        if (find_aligned(sc, sc->junction, sc->ntail + head, junction_addr, sc->ntail, &at)) {
            sc->found = true;
            sc->match = junction_addr + at;
            return;
        }
    }
    if (find_aligned(sc, data, n, addr, n, &at)) {
        sc->found = true;
        sc->match = addr + at;
        return;
    }
    if (sc->size > 1)
        keep_tail(sc, data, n);
    sc->next_addr = addr + n;
}

/* Scan the readable run [at, last]: in place where the backend can peek,
   else in chunks read into *buf (allocated on first use). */
static HRESULT scan_run(ds_target *t, struct scan *sc, uint64_t at, uint64_t last, uint8_t **buf)
{
    for (;;) {
        uint64_t left = last - at;  /* bytes after `at` still to scan */
        size_t got = 0;
        const uint8_t *p = t->ops->peek ? t->ops->peek(t, at, &got) : NULL;
        if (p && got) {
            if (got - 1 > left)
                got = (size_t)left + 1;
            feed(sc, at, p, got);
        } else {
            if (!*buf && !(*buf = malloc(SEARCH_CHUNK)))
                return ds_fail(t, E_OUTOFMEMORY, "out of memory for a %zu-byte search buffer",
                               SEARCH_CHUNK);
            size_t want = left >= SEARCH_CHUNK - 1 ? SEARCH_CHUNK : (size_t)left + 1;
            HRESULT hr = ds_backend_read(t, at, *buf, want, &got);
            if (got == 0 && hr != HRESULT_FROM_WIN32(ERROR_READ_FAULT))
                return hr;  /* not a hole: the target cannot be read (a process gone) */
            if (got == 0) {
                /* The run was not what the target said (a process that
                   changed its mappings): go on from the next page. */
                uint64_t page = t->page_size ? t->page_size : 4096;
                uint64_t next = (at | (page - 1));
                if (next >= last)
                    return S_OK;
                at = next + 1;
                continue;
            }
            feed(sc, at, *buf, got);
        }
        if (sc->found || got - 1 >= left)
            return S_OK;
        at += got;
    }
}

/* The next readable run at or above pos; with writable_only, cut to the
   writable committed regions the target's map shows. */
static HRESULT next_run(ds_target *t, uint64_t pos, bool writable_only, uint64_t *start,
                        uint64_t *size)
{
    for (;;) {
        HRESULT hr = ds_next_readable_run(t, pos, start, size);
        if (hr != S_OK || !writable_only)
            return hr;
        if (!t->ops->query)
            return ds_fail(t, E_NOTIMPL, "SearchVirtual2: %s targets cannot say which memory is "
                           "writable (DEBUG_VSEARCH_WRITABLE_ONLY)", t->ops->name);
        struct ds_region r = { 0 };
        hr = t->ops->query(t, *start, &r);
        if (FAILED(hr))
            return hr;
        if (hr != S_OK || r.size == 0)
            return S_FALSE;
        uint64_t region_last = ds_last_byte(r.base, r.size);
        if (r.base <= *start && region_last >= *start) {
            if (r.state == MEM_COMMIT && ds_protect_writable(r.protect)) {
                if (ds_last_byte(*start, *size) > region_last)
                    *size = region_last - *start + 1;
                return S_OK;
            }
            if (region_last == UINT64_MAX)
                return S_FALSE;
            pos = region_last + 1;
        } else if (r.base > *start) {
            pos = r.base;  /* the map has a gap where the run is: not writable */
        } else {
            return S_FALSE;
        }
    }
}

static HRESULT check_arguments(ds_target *t, uint32_t flags, const void *pattern,
                               uint32_t pattern_size, uint32_t granularity,
                               const uint64_t *match_offset, const char *method)
{
    if (!match_offset)
        return ds_fail(t, E_INVALIDARG, "%s: MatchOffset is NULL", method);
    if (!pattern || pattern_size == 0)
        return ds_fail(t, E_INVALIDARG, "%s: the pattern is %s", method,
                       pattern ? "empty (PatternSize 0)" : "NULL");
    if (granularity == 0)
        return ds_fail(t, E_INVALIDARG, "%s: PatternGranularity is 0", method);
    if (pattern_size % granularity)
        return ds_fail(t, E_INVALIDARG, "%s: PatternSize %u is not a multiple of "
                       "PatternGranularity %u", method, pattern_size, granularity);
    if (flags & ~(uint32_t)DEBUG_VSEARCH_WRITABLE_ONLY)
        return ds_fail(t, E_INVALIDARG, "%s: unknown flags 0x%x", method,
                       flags & ~(uint32_t)DEBUG_VSEARCH_WRITABLE_ONLY);
    return S_OK;
}

static HRESULT search(ds_target *t, uint64_t offset, uint64_t length, uint32_t flags,
                      const void *pattern, uint32_t pattern_size, uint32_t granularity,
                      uint64_t *match_offset, const char *method)
{
    if (!t)
        return E_INVALIDARG;
    HRESULT hr = check_arguments(t, flags, pattern, pattern_size, granularity, match_offset,
                                 method);
    if (FAILED(hr))
        return hr;
    offset = ds_canonical_address(t, offset);
    uint64_t last = length ? ds_last_byte(offset, length) : 0;
    if (length < pattern_size || last - offset < pattern_size - 1)
        return ds_fail(t, SEARCH_NOT_FOUND, "%s: the %u-byte pattern does not fit in the "
                       "%llu bytes searched", method, pattern_size, (unsigned long long)length);

    struct scan sc = { .pattern = pattern, .size = pattern_size, .granularity = granularity,
                       .origin = offset, .next_addr = offset };
    uint8_t *buf = NULL;
    if (pattern_size > 1) {
        sc.tail = malloc(pattern_size - 1);
        sc.junction = malloc(2 * ((size_t)pattern_size - 1));
        if (!sc.tail || !sc.junction) {
            hr = ds_fail(t, E_OUTOFMEMORY, "%s: out of memory for a %u-byte pattern", method,
                         pattern_size);
            goto out;
        }
    }
    for (uint64_t pos = offset;;) {
        uint64_t start, size;
        hr = next_run(t, pos, flags & DEBUG_VSEARCH_WRITABLE_ONLY, &start, &size);
        if (hr != S_OK || start > last)
            break;
        uint64_t run_last = ds_last_byte(start, size);
        if (run_last > last)
            run_last = last;
        hr = scan_run(t, &sc, start, run_last, &buf);
        if (FAILED(hr) || sc.found || run_last == last)
            break;
        pos = run_last + 1;
    }
    if (FAILED(hr))
        goto out;
    if (sc.found) {
        *match_offset = ds_caller_address(t, sc.match);
        hr = S_OK;
    } else {
        hr = ds_fail(t, SEARCH_NOT_FOUND, "%s: the %u-byte pattern is not in the %s memory of "
                     "0x%llx..0x%llx", method, pattern_size,
                     flags & DEBUG_VSEARCH_WRITABLE_ONLY ? "writable" : "readable",
                     (unsigned long long)offset, (unsigned long long)last);
    }
out:
    free(buf);
    free(sc.tail);
    free(sc.junction);
    return hr;
}

HRESULT ds_search_virtual(ds_target *t, uint64_t offset, uint64_t length, const void *pattern,
                          uint32_t pattern_size, uint32_t pattern_granularity,
                          uint64_t *match_offset)
{
    return search(t, offset, length, DEBUG_VSEARCH_DEFAULT, pattern, pattern_size,
                  pattern_granularity, match_offset, "SearchVirtual");
}

HRESULT ds_search_virtual2(ds_target *t, uint64_t offset, uint64_t length, uint32_t flags,
                           const void *pattern, uint32_t pattern_size,
                           uint32_t pattern_granularity, uint64_t *match_offset)
{
    return search(t, offset, length, flags, pattern, pattern_size, pattern_granularity,
                  match_offset, "SearchVirtual2");
}
