/*
 * search_scan.c — the matcher of SearchVirtual: finds the first match of
 * a pattern in pieces of memory fed in address order.
 *
 * Each piece is scanned where it lies (a read buffer, or a mapped dump)
 * with ds_find_pattern (memchr, or a SIMD filter backed by memmem). Between two pieces that touch
 * only the last PatternSize - 1 bytes are kept; the matches that start in
 * them are looked for in a small junction buffer (those bytes + the first
 * PatternSize - 1 of the next piece), so no piece is copied or scanned
 * twice, however small the pieces (a minidump of thousands of 8-byte
 * ranges) or large the pattern.
 *
 * A match counts only at a multiple of PatternGranularity after Offset
 * (dbgeng: "the difference between the location of the found pattern and
 * Offset must be a multiple of PatternGranularity").
 */
#include <string.h>

#include "search_internal.h"

/* The first match at an allowed offset that starts below starts_below in
   data[0, n), data[0] being the target's byte at addr. */
static bool find_aligned(const struct ds_scan *sc, const uint8_t *data, size_t n, uint64_t addr,
                         size_t starts_below, size_t *at)
{
    size_t i = 0;
    while (i < starts_below && n - i >= sc->size) {
        const uint8_t *p = ds_find_pattern(data + i, n - i, sc->pattern, sc->size);
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
static void keep_tail(struct ds_scan *sc, const uint8_t *data, size_t n)
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

void ds_scan_feed(struct ds_scan *sc, uint64_t addr, const uint8_t *data, size_t n)
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
