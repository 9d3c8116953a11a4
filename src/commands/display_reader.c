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

int display_reader_init(struct display_reader *r, struct ds_session *s, uint32_t capacity)
{
    memset(r, 0, sizeof *r);
    r->target = s->target;
    r->byte_order = &s->display.byte_order;
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

/* The byte order `size` bytes tell, asked of ReadPointersVirtual (which
 * answers in the target's order, a 4-byte pointer sign-extended): 1
 * little, 2 big, 0 when the bytes read the same both ways. */
static int order_of(ds_target *t, uint64_t address, const uint8_t *bytes, uint32_t size)
{
    uint64_t little = 0, big = 0, answer = 0;
    for (uint32_t i = 0; i < size; i++) {
        little |= (uint64_t)bytes[i] << (8 * i);
        big = (big << 8) | bytes[i];
    }
    if (little == big || FAILED(ds_read_pointers_virtual(t, 1, address, &answer)))
        return 0;
    if (size == 4)
        answer &= 0xFFFFFFFFull;
    return answer == little ? 1 : answer == big ? 2 : 0;
}

/* Learn the target's byte order from the first pointer-sized bytes of the
 * stretch that tell, else from up to 256 bytes read at its start (a short
 * display, a dw L1, holds too few). The public API says no more: cdb's
 * targets are all little-endian, cores of s390x and PowerPC are not. */
static void learn_byte_order(struct display_reader *r)
{
    uint32_t size = ds_pointer_size(r->target);
    if (size != 4 && size != 8)
        return;
    for (uint32_t at = 0; at + size <= r->length; at += size)
        if (display_reader_valid(r, at, size) &&
            (*r->byte_order = order_of(r->target, r->base + at, r->bytes + at, size)) != 0)
            return;
    uint8_t probe[256];
    uint32_t got = 0;
    if (FAILED(ds_read_virtual(r->target, r->base, probe, sizeof probe, &got)))
        return;
    for (uint32_t at = 0; at + size <= got; at += size)
        if ((*r->byte_order = order_of(r->target, r->base + at, probe + at, size)) != 0)
            return;
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
    if (*r->byte_order == 0)
        learn_byte_order(r);
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
    if (*r->byte_order == 2)
        for (uint32_t i = 0; i < size; i++)
            v = (v << 8) | r->bytes[offset + i];
    else
        for (uint32_t i = size; i-- > 0;)
            v = (v << 8) | r->bytes[offset + i];
    return v;
}
