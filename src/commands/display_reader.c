/*
 * display_reader.c — a stretch of target memory for the display commands,
 * with a flag per byte saying whether it could be read.
 *
 * ReadVirtual gives the readable prefix of a range; at the first byte it
 * cannot read, GetValidRegionVirtual says where the next readable run
 * starts, so a stretch costs one read per run and one query per hole
 * whatever its size (never a read per byte).
 */
#include <stdlib.h>
#include <string.h>

#include "display.h"

int display_reader_init(struct display_reader *r, ds_target *t, uint32_t capacity)
{
    memset(r, 0, sizeof *r);
    r->target = t;
    r->bytes = malloc(capacity);
    r->valid = malloc(capacity);
    if (!r->bytes || !r->valid) {
        display_reader_free(r);
        return -1;
    }
    r->capacity = capacity;
    return 0;
}

void display_reader_free(struct display_reader *r)
{
    free(r->bytes);
    free(r->valid);
    r->bytes = r->valid = NULL;
    r->capacity = 0;
}

/* Mark [from, to) unreadable. */
static void mark_hole(struct display_reader *r, uint32_t from, uint32_t to)
{
    memset(r->bytes + from, 0, to - from);
    memset(r->valid + from, 0, to - from);
}

/* The byte at r->base + pos was not read. Returns where the hole it
 * starts ends: the next readable run's start (or the stretch's end), 0
 * when the region map calls the byte readable (the caller reads again). */
static uint32_t hole_end(const struct display_reader *r, uint32_t pos, uint32_t length)
{
    uint64_t valid_base = 0;
    uint32_t valid_size = 0;
    HRESULT hr = ds_get_valid_region_virtual(r->target, r->base + pos, length - pos,
                                             &valid_base, &valid_size);
    if (FAILED(hr))
        return length; /* nothing readable in the rest */
    /* A 4-byte target answers addresses above 2 GiB sign-extended. */
    if (ds_pointer_size(r->target) == 4 && r->base <= 0xFFFFFFFFull)
        valid_base &= 0xFFFFFFFFull;
    if (valid_base > r->base + pos && valid_base - r->base <= length)
        return (uint32_t)(valid_base - r->base);
    return valid_base == r->base + pos ? 0 : length;
}

/* Past the page holding the byte at pos (or the stretch's end): for a byte
 * the region map calls readable and a read cannot get (a live target that
 * changed between the calls, a page mapped but not readable). */
static uint32_t next_page(const struct display_reader *r, uint32_t pos, uint32_t length)
{
    uint32_t page = ds_page_size(r->target);
    if (page == 0 || (page & (page - 1)))
        page = 4096;
    uint64_t next = ((r->base + pos) | (uint64_t)(page - 1)) + 1;
    if (next == 0 || next - r->base > length)
        return length;
    return (uint32_t)(next - r->base);
}

void display_reader_fill(struct display_reader *r, uint64_t address, uint32_t length)
{
    if (length > r->capacity)
        length = r->capacity;
    r->base = address;
    r->length = length;
    uint32_t pos = 0;
    while (pos < length) {
        uint32_t got = 0;
        HRESULT hr = ds_read_virtual(r->target, address + pos, r->bytes + pos, length - pos, &got);
        int read_some = SUCCEEDED(hr) && got > 0;
        if (read_some) {
            if (got > length - pos)
                got = length - pos;
            memset(r->valid + pos, 1, got);
            pos += got;
            if (pos == length)
                break;
            /* A short read stops at a byte it cannot read: ask where that
             * hole ends without reading it again. */
        }
        uint32_t end = hole_end(r, pos, length);
        if (end == 0) {
            if (read_some)
                continue; /* readable after all: read from here */
            end = next_page(r, pos, length);
        }
        mark_hole(r, pos, end);
        pos = end;
    }
}

int display_reader_valid(const struct display_reader *r, uint32_t offset, uint32_t size)
{
    if (offset > r->length || size > r->length - offset)
        return 0;
    for (uint32_t i = 0; i < size; i++)
        if (!r->valid[offset + i])
            return 0;
    return 1;
}

uint64_t display_reader_value(const struct display_reader *r, uint32_t offset, uint32_t size)
{
    uint64_t v = 0;
    for (uint32_t i = size; i-- > 0;)
        v = (v << 8) | r->bytes[offset + i];
    return v;
}
