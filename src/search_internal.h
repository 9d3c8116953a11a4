/*
 * search_internal.h — what the files of SearchVirtual share:
 *
 *   search.c           the method: arguments, the walk over readable runs
 *   search_scan.c      the matcher: matches in pieces of memory, matches
 *                      that straddle pieces, PatternGranularity
 *   search_simd.c      finding a pattern in one buffer (SIMD filter, memmem)
 *   search_pipeline.c  reading the next chunk while the last one is scanned
 */
#ifndef DS_SEARCH_INTERNAL_H
#define DS_SEARCH_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes read from a backend at a time: large enough that a system call is
   amortised over megabytes, small enough to stay in the last-level cache
   while it is scanned. */
#define DS_SCAN_CHUNK ((size_t)2 << 20)

/* The first occurrence of pat[0, m) in hay[0, n), or NULL: memchr for one
   byte, else a SIMD filter backed by memmem. */
const uint8_t *ds_find_pattern(const uint8_t *hay, size_t n, const uint8_t *pat, size_t m);

/* ---- the matcher ------------------------------------------------------------- */

/* The state of one search over pieces of memory fed in address order. */
struct ds_scan {
    const uint8_t *pattern;
    size_t size;            /* PatternSize */
    uint64_t granularity;
    uint64_t origin;        /* Offset: matches lie a multiple of granularity after it */
    uint8_t *tail;          /* the ntail (< size) bytes just below next_addr */
    size_t ntail;
    uint64_t next_addr;     /* where the bytes fed so far end */
    uint8_t *junction;      /* tail + head of the next piece: 2 * (size - 1) bytes */
    bool found;
    uint64_t match;
};

/* Scan the next piece: n bytes of the target at addr, all inside the range
   searched. A piece that does not start where the last one ended starts
   afresh (nothing straddles a hole). Sets found and match. */
void ds_scan_feed(struct ds_scan *sc, uint64_t addr, const uint8_t *data, size_t n);

/* ---- the pipeline -------------------------------------------------------------- */

#define DS_PIPELINE_SLOTS 3
#define DS_PIPELINE_QUEUE 8

struct ds_scan_piece {
    uint64_t addr;
    const uint8_t *data;
    size_t n;
    int slot;               /* the buffer it lives in, or -1 (peeked memory) */
};

/* Pieces go to the matcher in order. The caller's thread does every read
   (backends are only ever called from it); once a search proves long, a
   second thread scans the chunks already read while the caller reads the
   next ones, so a search costs about the slower of reading and scanning
   instead of their sum. Short searches never start the thread. */
struct ds_scan_pipeline {
    struct ds_scan *sc;     /* touched by the scanner thread alone while it runs */
    uint8_t *slots[DS_PIPELINE_SLOTS];  /* as malloc gave them: used from a page boundary */
    bool busy[DS_PIPELINE_SLOTS];
    int handed_out;         /* slot given by ds_pipeline_buffer, not yet submitted */
    struct ds_scan_piece queue[DS_PIPELINE_QUEUE];
    unsigned head, count;
    bool threaded, closing, found;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
};

void ds_pipeline_init(struct ds_scan_pipeline *p, struct ds_scan *sc);
/* A buffer of DS_SCAN_CHUNK bytes for the next read (the same one again
   until it is submitted); waits for one to be free. NULL: out of memory. */
uint8_t *ds_pipeline_buffer(struct ds_scan_pipeline *p);
/* Scan n bytes at addr: a buffer from ds_pipeline_buffer, or memory that
   stays valid until ds_pipeline_finish (a peeked dump). */
void ds_pipeline_submit(struct ds_scan_pipeline *p, uint64_t addr, const uint8_t *data, size_t n);
/* Whether a match has been found (the walk can stop). */
bool ds_pipeline_found(struct ds_scan_pipeline *p);
/* Scan what was submitted, stop the thread, give the buffers back to the
   pool the next search takes them from. */
void ds_pipeline_finish(struct ds_scan_pipeline *p);

#endif /* DS_SEARCH_INTERNAL_H */
