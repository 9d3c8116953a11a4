/*
 * cache.h — the engine's memory cache between the semantics and a backend.
 *
 * Whole 4 KiB lines of target memory, kept in one anonymous mapping and
 * found through an open-addressing hash table. A line is either a copy of
 * target memory or a remembered fault ("this page cannot be read"), the
 * latter only on targets whose readability is page-granular (live
 * processes), so that probing a bad pointer twice costs one system call.
 * Lines are evicted first in, first out. A hit is a hash probe and a
 * memcpy: no system call, no allocation.
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
/* Lines filled by one backend read on a miss (an aligned group). */
#define DS_CACHE_CLUSTER 8u
/* Reads at least this large skip the cache: one copy, straight into the
   caller's buffer, and no eviction of the small hot lines. */
#define DS_CACHE_BYPASS_SIZE (64u * 1024u)
/* What a stopped live target starts with. */
#define DS_CACHE_DEFAULT_SIZE (64u * 1024u * 1024u)

struct ds_target;

struct ds_cache_slot {
    uint64_t key;    /* line number + 1; 0 = empty */
    uint32_t line;   /* index into data / line_key */
    uint32_t fault;  /* 1: the page is known unreadable */
};

struct ds_cache {
    uint64_t size_bytes;           /* 0: off */
    uint32_t nlines;               /* capacity in lines */
    uint32_t used;                 /* lines handed out so far (≤ nlines) */
    uint32_t next_victim;          /* FIFO eviction cursor once full */
    uint32_t mask;                 /* hash table size - 1 */
    bool page_granular;            /* faults are whole pages (may be cached) */
    uint8_t *data;                 /* nlines * DS_CACHE_LINE bytes */
    uint64_t *line_key;            /* key owning each line (0 = free) */
    struct ds_cache_slot *table;   /* mask + 1 slots */
    uint64_t hits, misses;         /* statistics for `.cache` */
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
