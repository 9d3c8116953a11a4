/*
 * pointers.c — ReadPointersVirtual, WritePointersVirtual and FillVirtual:
 * the methods that move whole target-sized values or repeat a pattern.
 *
 * Pointers have the target's size (ds_pointer_size). On a 4-byte target
 * each one read is sign-extended to 64 bits, as dbgeng hands out every
 * 32-bit address, and each one written is cut to its low 32 bits. These
 * methods have no count to report a partial transfer with, so all Count
 * pointers must move: a read that stops short is
 * HRESULT_FROM_WIN32(ERROR_READ_FAULT) (the pointers read whole before the
 * fault are stored all the same), a write that stops short
 * HRESULT_FROM_WIN32(ERROR_WRITE_FAULT) (what was written stays written).
 * Pointers are stored in the target's byte order: little-endian, except
 * on a big-endian target (t->big_endian: s390x, 32-bit PowerPC, MIPS BE
 * cores), whatever the host's order.
 *
 * FillVirtual writes the pattern again and again over [Start, Start+Size)
 * (the last copy may be partial), stops at the first byte that cannot be
 * written and reports the bytes written in *Filled; S_OK when at least one
 * was. Writes follow the write rule (ds_write_common): through read-only
 * pages of a live process, never into unmapped or PROT_NONE memory, never
 * into a read-only dump.
 */
#include "semantics.h"

#include <stdlib.h>
#include <string.h>

/* Pointers moved per round trip, so that a large Count needs no buffer
   of its size. */
#define POINTERS_PER_CHUNK 4096u
/* How much of a repeated pattern one write carries. */
#define FILL_CHUNK (64u * 1024u)

/* Byte i of a pointer in target memory holds bits [8 * shift, 8 * shift + 8)
   of its value: the low byte first on a little-endian target, last on a
   big-endian one. */
static unsigned byte_shift(const ds_target *t, unsigned i)
{
    return 8 * (t->big_endian ? t->pointer_size - 1 - i : i);
}

static uint64_t load_pointer(const ds_target *t, const uint8_t *p)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < t->pointer_size; i++)
        v |= (uint64_t)p[i] << byte_shift(t, i);
    return ds_caller_address(t, v);
}

static void store_pointer(const ds_target *t, uint8_t *p, uint64_t v)
{
    for (unsigned i = 0; i < t->pointer_size; i++)
        p[i] = (uint8_t)(v >> byte_shift(t, i));
}

static HRESULT check_pointers(ds_target *t, uint32_t count, const uint64_t *ptrs,
                              const char *method)
{
    if (count && !ptrs)
        return ds_fail(t, E_INVALIDARG, "%s: Ptrs is NULL", method);
    if (t->pointer_size != 4 && t->pointer_size != 8)
        return ds_fail(t, E_UNEXPECTED, "%s: the target's pointer size is %u", method,
                       t->pointer_size);
    return S_OK;
}

HRESULT ds_read_pointers_virtual(ds_target *t, uint32_t count, uint64_t offset, uint64_t *ptrs)
{
    DS_REQUIRE_TARGET_AT(t, offset);
    HRESULT hr = check_pointers(t, count, ptrs, "ReadPointersVirtual");
    if (FAILED(hr))
        return hr;
    uint8_t raw[POINTERS_PER_CHUNK * 8];
    unsigned size = t->pointer_size;
    offset = ds_canonical_address(t, offset);
    for (uint32_t i = 0; i < count;) {
        uint32_t n = count - i < POINTERS_PER_CHUNK ? count - i : POINTERS_PER_CHUNK;
        uint64_t at = offset + (uint64_t)i * size;
        size_t done = 0;
        hr = ds_read_common(t, at, raw, (size_t)n * size, &done, true);
        for (uint32_t k = 0; k < done / size; k++)
            ptrs[i + k] = load_pointer(t, raw + (size_t)k * size);
        if (done < (size_t)n * size)
            return ds_fail(t, FAILED(hr) ? hr : HRESULT_FROM_WIN32(ERROR_READ_FAULT),
                           "ReadPointersVirtual: pointer %u of %u at 0x%llx cannot be read",
                           i + (uint32_t)(done / size), count,
                           (unsigned long long)(at + done - done % size));
        i += n;
    }
    return S_OK;
}

HRESULT ds_write_pointers_virtual(ds_target *t, uint32_t count, uint64_t offset,
                                  const uint64_t *ptrs)
{
    DS_REQUIRE_TARGET_AT(t, offset);
    HRESULT hr = check_pointers(t, count, ptrs, "WritePointersVirtual");
    if (FAILED(hr))
        return hr;
    uint8_t raw[POINTERS_PER_CHUNK * 8];
    unsigned size = t->pointer_size;
    offset = ds_canonical_address(t, offset);
    for (uint32_t i = 0; i < count;) {
        uint32_t n = count - i < POINTERS_PER_CHUNK ? count - i : POINTERS_PER_CHUNK;
        for (uint32_t k = 0; k < n; k++)
            store_pointer(t, raw + (size_t)k * size, ptrs[i + k]);
        uint64_t at = offset + (uint64_t)i * size;
        size_t done = 0;
        hr = ds_write_common(t, at, raw, (size_t)n * size, &done);
        if (done < (size_t)n * size) {
            if (FAILED(hr))
                return hr;  /* the write rule already said why (a read-only dump) */
            return ds_fail(t, HRESULT_FROM_WIN32(ERROR_WRITE_FAULT),
                           "WritePointersVirtual: pointer %u of %u at 0x%llx cannot be written",
                           i + (uint32_t)(done / size), count,
                           (unsigned long long)(at + done - done % size));
        }
        i += n;
    }
    return S_OK;
}

/* ---- FillVirtual -------------------------------------------------------------- */

/* The pattern repeated to fill one write of about FILL_CHUNK bytes that
   ends on a whole copy, so every write starts at the pattern's beginning.
   A pattern longer than that is written straight from the caller. */
static const uint8_t *repeated_pattern(const void *pattern, uint32_t pattern_size,
                                       uint8_t **owned, size_t *chunk)
{
    *owned = NULL;
    if (pattern_size >= FILL_CHUNK / 2) {
        *chunk = pattern_size;
        return pattern;
    }
    *chunk = FILL_CHUNK - FILL_CHUNK % pattern_size;
    if (!(*owned = malloc(*chunk)))
        return NULL;
    for (size_t i = 0; i < *chunk; i += pattern_size)
        memcpy(*owned + i, pattern, pattern_size);
    return *owned;
}

HRESULT ds_fill_common(ds_target *t, uint64_t start, uint32_t size, const void *pattern,
                       uint32_t pattern_size, uint32_t *filled, ds_fill_writer write,
                       const char *method)
{
    if (filled)
        *filled = 0;
    if (!pattern || pattern_size == 0)
        return ds_fail(t, E_INVALIDARG, "%s: the pattern is %s", method,
                       pattern ? "empty (PatternSize 0)" : "NULL");
    if (size == 0)
        return S_OK;
    uint64_t total = ds_last_byte(start, size) - start + 1;
    uint8_t *owned;
    size_t chunk;
    const uint8_t *src = repeated_pattern(pattern, pattern_size, &owned, &chunk);
    if (!src)
        return ds_fail(t, E_OUTOFMEMORY, "%s: out of memory", method);
    uint64_t done = 0;
    HRESULT hr = S_OK;
    while (done < total) {
        size_t want = total - done < chunk ? (size_t)(total - done) : chunk, wrote = 0;
        hr = write(t, start + done, src, want, &wrote);
        done += wrote;
        if (wrote < want)
            break;
    }
    free(owned);
    if (filled)
        *filled = (uint32_t)done;
    return done ? S_OK : hr;
}

HRESULT ds_fill_virtual(ds_target *t, uint64_t start, uint32_t size, const void *pattern,
                        uint32_t pattern_size, uint32_t *filled)
{
    if (filled)
        *filled = 0;
    if (t)
        start = ds_canonical_address(t, start);
    DS_REQUIRE_TARGET_AS_AT(t, "FillVirtual", start);
    return ds_fill_common(t, start, size, pattern, pattern_size, filled, ds_write_common,
                          "FillVirtual");
}
