/*
 * search.c — SearchVirtual and SearchVirtual2.
 *
 * The search walks only the runs of memory the target says it can supply
 * (ds_next_readable_run), so a search of the whole 64-bit space costs one
 * pass over the mapped bytes and nothing for the holes. Runs that touch
 * are one stretch of memory: a match may straddle two runs (two mappings,
 * two dump ranges) as well as two chunks of one run.
 *
 * The matching itself (a SIMD filter, memmem, memchr; matches straddling
 * pieces; granularity) is search_scan.c's and search_simd.c's. Where the backend holds the bytes in
 * our memory (peek: a mapped dump) they are scanned in place; otherwise
 * they are read straight from the backend, bypassing the cache, in chunks
 * of DS_SCAN_CHUNK bytes, and a long search scans one chunk while it reads
 * the next (search_pipeline.c).
 *
 * A match counts only at a multiple of PatternGranularity after Offset
 * (dbgeng: "the difference between the location of the found pattern and
 * Offset must be a multiple of PatternGranularity"), and only when the
 * whole pattern lies in [Offset, Offset + Length). Nothing found is
 * HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES).
 */
#include "semantics.h"
#include "mapguard.h"

#include <stdlib.h>
#include <string.h>

#include "search_internal.h"

#define SEARCH_NOT_FOUND HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES)

/* Scan the readable run [at, last]: in place where the backend can peek,
   else in chunks read straight from the backend (uncached). */
static HRESULT scan_run(ds_target *t, struct ds_scan_pipeline *pl, uint64_t at, uint64_t last)
{
    for (;;) {
        uint64_t left = last - at;  /* bytes after `at` still to scan */
        size_t got = 0;
        const uint8_t *p = t->ops->peek ? t->ops->peek(t, at, &got) : NULL;
        if (p && got) {
            if (got - 1 > left)
                got = (size_t)left + 1;
            ds_pipeline_submit(pl, at, p, got);
        } else {
            uint8_t *buf = ds_pipeline_buffer(pl);
            if (!buf)
                return ds_fail(t, E_OUTOFMEMORY, "out of memory for a %zu-byte search buffer",
                               DS_SCAN_CHUNK);
            size_t want = left >= DS_SCAN_CHUNK - 1 ? DS_SCAN_CHUNK : (size_t)left + 1;
            HRESULT hr = ds_backend_read(t, at, buf, want, &got);
            if (got == 0 && hr != HRESULT_FROM_WIN32(ERROR_READ_FAULT))
                return hr;  /* not a hole: the target cannot be read (a process gone) */
            if (got == 0) {
                /* The run was not what the target said (a process that
                   changed its mappings): go on from the next page. */
                uint64_t page = ds_page_bytes(t);
                uint64_t next = at | (page - 1);
                if (next >= last)
                    return S_OK;
                at = next + 1;
                continue;
            }
            ds_pipeline_submit(pl, at, buf, got);
        }
        if (got - 1 >= left || ds_pipeline_found(pl))
            return S_OK;
        at += got;
    }
}

/* Search [at, last] with the target's own search (ops->search), taking
   only matches a multiple of the granularity after the origin and wholly
   inside the range. S_OK: searched (*found says whether it matched);
   anything else: the target could not, and the caller reads instead
   (its sentence is taken back). */
static HRESULT server_search_run(ds_target *t, const struct ds_scan *sc, uint64_t at,
                                 uint64_t last, bool *found, uint64_t *match)
{
    char saved[sizeof t->error];
    memcpy(saved, t->error, sizeof saved);
    /* Bounded: each step moves past a match of the wrong granularity; a
       target that keeps answering those is searched by reading instead. */
    for (int step = 0; step < 64; step++) {
        if (last - at < sc->size - 1)
            return S_OK;
        uint64_t m = 0;
        HRESULT hr = t->ops->search(t, at, last - at + 1, sc->pattern, sc->size, &m);
        if (hr == S_FALSE)
            return S_OK;
        if (hr != S_OK || m < at || m > last || last - m < sc->size - 1) {
            memcpy(t->error, saved, sizeof saved);
            return E_NOTIMPL;
        }
        if ((m - sc->origin) % sc->granularity == 0) {
            *found = true;
            *match = m;
            return S_OK;
        }
        if (m == last)
            return S_OK;
        at = m + 1;
    }
    memcpy(t->error, saved, sizeof saved);
    return E_NOTIMPL;
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
        return ds_fail(t, E_INVALIDARG, "%s: Flags 0x%x has unknown bits 0x%x (only "
                       "DEBUG_VSEARCH_WRITABLE_ONLY, 0x1, is known)", method, flags,
                       flags & ~(uint32_t)DEBUG_VSEARCH_WRITABLE_ONLY);
    return S_OK;
}

static HRESULT search(ds_target *t, uint64_t offset, uint64_t length, uint32_t flags,
                      const void *pattern, uint32_t pattern_size, uint32_t granularity,
                      uint64_t *match_offset, const char *method)
{
    if (match_offset)
        *match_offset = 0;
    DS_REQUIRE_TARGET_AS_AT(t, method, offset);
    HRESULT hr = check_arguments(t, flags, pattern, pattern_size, granularity, match_offset,
                                 method);
    if (FAILED(hr))
        return hr;
    offset = ds_canonical_address(t, offset);
    uint64_t last = length ? ds_last_byte(offset, length) : 0;
    if (length < pattern_size || last - offset < pattern_size - 1)
        return ds_fail(t, SEARCH_NOT_FOUND, "%s: the %u-byte pattern does not fit in the "
                       "%llu bytes searched", method, pattern_size, (unsigned long long)length);

    struct ds_scan sc = { .pattern = pattern, .size = pattern_size, .granularity = granularity,
                          .origin = offset, .next_addr = offset };
    if (pattern_size > 1) {
        sc.tail = malloc(pattern_size - 1);
        sc.junction = malloc(2 * ((size_t)pattern_size - 1));
        if (!sc.tail || !sc.junction) {
            free(sc.tail);
            free(sc.junction);
            return ds_fail(t, E_OUTOFMEMORY, "%s: out of memory for a %u-byte pattern", method,
                           pattern_size);
        }
    }
    struct ds_scan_pipeline pl;
    ds_pipeline_init(&pl, &sc);
    bool server_found = false;
    uint64_t server_match = 0;
    for (uint64_t pos = offset;;) {
        uint64_t start, size;
        hr = next_run(t, pos, flags & DEBUG_VSEARCH_WRITABLE_ONLY, &start, &size);
        if (hr != S_OK || start > last)
            break;
        uint64_t run_last = ds_last_byte(start, size);
        if (run_last > last)
            run_last = last;
        if (t->ops->search) {
            /* A target that searches on its side (a GDB server) gets the
               whole stretch of touching runs at once, so that no match
               straddles two of its searches. */
            if (!(flags & DEBUG_VSEARCH_WRITABLE_ONLY)) {
                hr = ds_readable_run_last(t, start, size, last, &run_last);
                if (FAILED(hr))
                    break;
                if (run_last > last)
                    run_last = last;
            }
            hr = server_search_run(t, &sc, start, run_last, &server_found, &server_match);
            if (hr == S_OK && server_found)
                break;
            if (hr == S_OK) {
                if (run_last == last)
                    break;
                pos = run_last + 1;
                continue;
            }
            /* The target could not: read and scan this stretch. */
        }
        hr = scan_run(t, &pl, start, run_last);
        if (FAILED(hr) || ds_pipeline_found(&pl) || run_last == last)
            break;
        pos = run_last + 1;
    }
    ds_pipeline_finish(&pl);  /* after it, sc is ours again */
    free(sc.tail);
    free(sc.junction);
    if (ds_file_shrank(t))  /* what was scanned in place may have been zeros */
        return ds_fail_file_shrank(t, "cannot search from", offset);
    if (FAILED(hr))
        return hr;
    if (sc.found || server_found) {
        /* The scanner only ever had stretches below the server's match. */
        *match_offset = ds_caller_address(t, sc.found ? sc.match : server_match);
        return S_OK;
    }
    return ds_fail(t, SEARCH_NOT_FOUND, "%s: the %u-byte pattern is not in the %s memory of "
                   "0x%llx..0x%llx", method, pattern_size,
                   flags & DEBUG_VSEARCH_WRITABLE_ONLY ? "writable" : "readable",
                   (unsigned long long)offset, (unsigned long long)last);
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
