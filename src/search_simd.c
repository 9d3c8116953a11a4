/*
 * search_simd.c — finding a pattern of two or more bytes in a buffer
 * faster than glibc's memmem, which is the bound of a search once the
 * bytes are in memory.
 *
 * The filter is W. Muła's "SIMD-friendly algorithm for substring
 * searching": compare 32 (AVX2) or 16 (SSE2) positions at once for the
 * pattern's first byte and, at the same positions + PatternSize - 1, for
 * its last byte; only where both agree are the bytes between compared
 * (memcmp). On memory that rarely holds both bytes at that distance this
 * runs several times faster than memmem. On memory that holds them
 * everywhere (a pattern of zeros with one different byte in the middle,
 * searched in zeroed memory) the candidates would cost a memcmp each, so
 * once they pass one per 16 bytes the rest of the buffer goes to memmem,
 * whose two-way algorithm is linear whatever the input.
 *
 * AVX2 is chosen at run time (__builtin_cpu_supports); SSE2 is part of
 * every x86-64; other machines use memmem.
 */
#include <string.h>

#include "search_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

/* Candidates allowed before memmem takes over: a few, then one per 16
   bytes scanned. */
static bool too_many(size_t checks, size_t scanned)
{
    return checks > 64 + scanned / 16;
}

/* Each filter returns the first match at or below `positions` - 1 (the
   last position a whole pattern fits at), or sets *stopped to where it
   gave up (the end of its blocks, or too many candidates). */
/* The candidates of one block: bit j set where position i + j holds the
   pattern's first byte and i + j + m - 1 its last. Returns the first that
   is a whole match, or SIZE_MAX (counting the candidates in *checks). */
static size_t check_candidates(const uint8_t *hay, size_t i, uint64_t mask, const uint8_t *pat,
                               size_t m, size_t *checks)
{
    for (; mask; mask &= mask - 1, ++*checks) {
        size_t k = i + (size_t)__builtin_ctzll(mask);
        if (memcmp(hay + k + 1, pat + 1, m - 2) == 0)
            return k;
    }
    return SIZE_MAX;
}

/* The first block of 64 positions at or after i (in steps of 64) that
   holds a candidate, with its mask; when none does, where the whole
   blocks end, with a mask of 0. A function
   of its own with no call inside, so the two byte vectors stay in
   registers (with the candidate check inlined beside it, gcc reloaded
   them from the stack on every step: a third slower). One test of both
   halves before any mask is extracted: with no candidate (nearly every
   block, in most memory) a step is four loads, four compares and one
   branch. */
__attribute__((target("avx2"), noinline))
static size_t next_block_avx2(const uint8_t *hay, size_t i, size_t positions, uint8_t first_byte,
                              uint8_t last_byte, size_t m, uint64_t *mask)
{
    const __m256i first = _mm256_set1_epi8((char)first_byte);
    const __m256i last = _mm256_set1_epi8((char)last_byte);
    for (; positions - i >= 64; i += 64) {
        const uint8_t *p = hay + i, *q = hay + i + m - 1;
        __m256i lo = _mm256_and_si256(
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)p), first),
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)q), last));
        __m256i hi = _mm256_and_si256(
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)(p + 32)), first),
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)(q + 32)), last));
        __m256i any = _mm256_or_si256(lo, hi);
        if (!_mm256_testz_si256(any, any)) {
            *mask = (uint64_t)(uint32_t)_mm256_movemask_epi8(lo) |
                    (uint64_t)(uint32_t)_mm256_movemask_epi8(hi) << 32;
            return i;
        }
    }
    *mask = 0;
    return i;
}

/* 64 positions a step: about three times the speed of 32 a step with a
   branch on each mask (75 against 25 GB/s on an AMD EPYC, from the
   last-level cache), which matters because the scanner thread of a live
   search should finish each chunk well before the next one is read. */
static size_t filter_avx2(const uint8_t *hay, size_t positions, const uint8_t *pat, size_t m,
                          size_t *stopped)
{
    size_t i = 0, checks = 0;
    for (;;) {
        uint64_t mask = 0;
        i = next_block_avx2(hay, i, positions, pat[0], pat[m - 1], m, &mask);
        if (!mask)
            break;  /* fewer than 64 positions left: memmem takes them */
        size_t k = check_candidates(hay, i, mask, pat, m, &checks);
        if (k != SIZE_MAX)
            return k;
        i += 64;
        if (too_many(checks, i))
            break;
    }
    *stopped = i;
    return SIZE_MAX;
}

static size_t filter_sse2(const uint8_t *hay, size_t positions, const uint8_t *pat, size_t m,
                          size_t *stopped)
{
    const __m128i first = _mm_set1_epi8((char)pat[0]);
    const __m128i last = _mm_set1_epi8((char)pat[m - 1]);
    size_t i = 0, checks = 0;
    for (; positions - i >= 16; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(hay + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(hay + i + m - 1));
        uint32_t mask = (uint32_t)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
        size_t k = check_candidates(hay, i, mask, pat, m, &checks);
        if (k != SIZE_MAX)
            return k;
        if (too_many(checks, i))
            break;
    }
    *stopped = i;
    return SIZE_MAX;
}

static size_t filter(const uint8_t *hay, size_t positions, const uint8_t *pat, size_t m,
                     size_t *stopped)
{
    /* One load of libgcc's CPU model, filled by its constructor. */
    return __builtin_cpu_supports("avx2") ? filter_avx2(hay, positions, pat, m, stopped)
                : filter_sse2(hay, positions, pat, m, stopped);
}
#else
static size_t filter(const uint8_t *hay, size_t positions, const uint8_t *pat, size_t m,
                     size_t *stopped)
{
    (void)hay, (void)positions, (void)pat, (void)m;
    *stopped = 0;
    return SIZE_MAX;
}
#endif

const uint8_t *ds_find_pattern(const uint8_t *hay, size_t n, const uint8_t *pat, size_t m)
{
    if (m == 1)
        return memchr(hay, pat[0], n);
    if (n < m)
        return NULL;
    size_t stopped = 0, k = filter(hay, n - m + 1, pat, m, &stopped);
    if (k != SIZE_MAX)
        return hay + k;
    return memmem(hay + stopped, n - stopped, pat, m);
}
