/*
 * cache.h — the engine's memory cache between the semantics and a backend.
 *
 * Whole 4 KiB lines of target memory, kept in one anonymous mapping and
 * found through an open-addressing hash table. A line is either a copy of
 * target memory or a remembered fault ("this page cannot be read"), the
 * latter only on targets whose readability is page-granular (live
 * processes), so that probing a bad pointer twice costs one system call.
 * Lines are evicted first in, first out. A hit is a hash probe (or a
 * compare with the line hit last) and a copy: no system call, no
 * allocation, no string instruction for small sizes.
 *
 * A miss reads ahead: it fills the absent lines around it in an aligned
 * window, one backend read. The window starts at one cluster and doubles
 * while misses keep landing in the same readable run (a mapping), as the
 * kernel widens its readahead on sequential faults; it never reaches
 * outside that run, past DS_CACHE_READAHEAD_MAX lines or past a quarter
 * of the cache, and falls back to one cluster while too much of what was
 * read ahead sits unused.
 *
 * The cache is write-through: writes go to the target first and then
 * update the lines they cover, so it never holds anything the target
 * does not.
 */
#ifndef DS_CACHE_H
#define DS_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataspaces/types.h"

#define DS_CACHE_LINE_SHIFT 12
#define DS_CACHE_LINE ((uint64_t)1 << DS_CACHE_LINE_SHIFT)
/* Lines filled by one backend read on a miss (an aligned group): the
   readahead window a miss in a new readable run starts with. */
#define DS_CACHE_CLUSTER 8u
/* The widest readahead window, in lines (a power of two). 256 KiB: the
   system call is then a few per cent of the read's cost, and a miss that
   the window guessed wrong for costs tens of microseconds, not a copy of
   a whole mapping. */
#ifndef DS_CACHE_READAHEAD_MAX
#define DS_CACHE_READAHEAD_MAX 64u
#endif
/* Lines read ahead and not hit yet beyond which the window stops growing
   (and falls back to one cluster): misses scattered over a large mapping
   that nothing comes back to then cost what they did without readahead,
   plus at most this much copying. A walk that covers its mapping hits
   what was read ahead and keeps the window wide. Also at most a quarter
   of the cache. */
#ifndef DS_CACHE_READAHEAD_UNUSED
#define DS_CACHE_READAHEAD_UNUSED 1024u
#endif
/* How far below a miss the readable run around it is looked for (the
   backend's next_readable answers "the first run at or above"). */
#define DS_CACHE_RUN_LOOKBACK ((uint64_t)16 << 20)
/* Reads at least this large skip the cache: one copy, straight into the
   caller's buffer, and no eviction of the small hot lines. */
#define DS_CACHE_BYPASS_SIZE (64u * 1024u)
/* What a stopped live target starts with. */
#define DS_CACHE_DEFAULT_SIZE (64u * 1024u * 1024u)

struct ds_target;

/* A slot's flags; 0 for a line that has been hit (the hit path's case). */
#define DS_SLOT_FAULT 1u  /* the page is known unreadable */
#define DS_SLOT_FRESH 2u  /* read ahead and not hit yet */

struct ds_cache_slot {
    uint64_t key;    /* line number + 1; 0 = empty */
    uint32_t line;   /* index into data / line_key */
    uint32_t flags;  /* DS_SLOT_* */
};

struct ds_cache {
    /* What a hit reads, together. */
    uint64_t last_key;             /* the line hit last (0: none) ... */
    const uint8_t *last_data;      /* ... and its bytes: a hit without a probe */
    struct ds_cache_slot *table;   /* mask + 1 slots */
    uint8_t *data;                 /* nlines * DS_CACHE_LINE bytes */
    uint32_t mask;                 /* hash table size - 1 */
    uint32_t nlines;               /* capacity in lines */
    uint64_t hits, misses;         /* statistics for `.cache` */

    uint64_t size_bytes;           /* 0: off */
    uint32_t used;                 /* lines handed out so far (≤ nlines) */
    uint32_t next_victim;          /* FIFO eviction cursor once full */
    uint64_t *line_key;            /* key owning each line (0 = free) */
    bool page_granular;            /* faults are whole pages (may be cached) */
    /* Readahead: the readable run (whole lines [ra_lo, ra_hi)) the last
       miss landed in, and the window its next miss there will fill. */
    uint32_t ra_window;
    uint32_t ra_unused;            /* lines held with DS_SLOT_FRESH */
    uint64_t ra_lo, ra_hi;
};

void ds_cache_init(struct ds_cache *c);
void ds_cache_release(struct ds_cache *c);
/* Resize (0 disables). E_OUTOFMEMORY leaves the cache off. */
HRESULT ds_cache_resize(struct ds_cache *c, uint64_t bytes);
void ds_cache_clear(struct ds_cache *c);

/* Read through the cache; same contract as a backend read. */
HRESULT ds_cache_read(struct ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done);
/* After bytes [addr, addr+n) were written to the target: update the lines
   that hold them and drop any remembered fault there. */
void ds_cache_note_write(struct ds_cache *c, uint64_t addr, const void *buf, size_t n);

#endif /* DS_CACHE_H */
