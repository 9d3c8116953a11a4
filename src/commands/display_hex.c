/*
 * display_hex.c — the fixed-column displays: db dw dd dq (dp), dc dW, dyb and
 * dds dqs (dps), laid out as WinDbg lays them out:
 *
 *   db   00007ff6`12340000  4d 5a 90 00 03 00 00 00-04 00 00 00 ff ff 00 00  MZ..............
 *   dw   00400000  5a4d 0090 0003 0000 0004 0000 ffff 0000
 *   dd   00400000  00905a4d 00000003 00000004 0000ffff
 *   dq   00000000`00400000  00000003`00905a4d 0000ffff`00000004
 *   dc   00400000  00905a4d 00000003 00000004 0000ffff  MZ..............
 *   dW   00400000  5a4d 0090 0003 0000 0004 0000 ffff 0000  MZ..............
 *   dyb  00400000  01001101 01011010 10010000 00000000  4d 5a 90 00
 *   dps  0007839c  000618bd DelayTest+0x18bd
 *
 * Each line starts at the address given (lines are not aligned), two
 * blanks follow the address. An element that cannot be read in full shows
 * question marks of its width ("??", "????????", "????????`????????"), its
 * ASCII column '?'. Where a line has a second column (db, dc, dyb), a short
 * last line is padded so that the column stays where the full lines put it;
 * the others end after their last element.
 */
#include <stdlib.h>
#include <string.h>

#include "display.h"

/* Bytes read at a time: whole lines of every format fit it evenly. */
#define DISPLAY_CHUNK 65536u

static char printable(uint8_t c)
{
    return c >= 0x20 && c < 0x7f ? (char)c : '.';
}

/* One element's hex digits ("4d", "0090", "00905a4d", "00000003`00905a4d"),
 * or its question marks. */
static void element_hex(struct display_out *o, const struct display_reader *r, uint32_t offset,
                        uint32_t unit)
{
    int valid = display_reader_valid(r, offset, unit);
    if (unit == 8) {
        if (valid) {
            display_out_quad(o, display_reader_value(r, offset, 8));
        } else {
            display_out_repeat(o, '?', 8);
            display_out_char(o, '`');
            display_out_repeat(o, '?', 8);
        }
    } else if (valid) {
        display_out_hex(o, display_reader_value(r, offset, unit), unit * 2);
    } else {
        display_out_repeat(o, '?', unit * 2);
    }
}

/* The ASCII column of db and dc: a character a byte, '?' for each byte of
 * an element that could not be read. */
static void ascii_column(struct display_out *o, const struct display_reader *r, uint32_t offset,
                         uint32_t elements, uint32_t unit)
{
    for (uint32_t e = 0; e < elements; e++) {
        uint32_t at = offset + e * unit;
        int valid = display_reader_valid(r, at, unit);
        for (uint32_t i = 0; i < unit; i++)
            display_out_char(o, valid ? printable(r->bytes[at + i]) : '?');
    }
}

static void binary_byte(struct display_out *o, const struct display_reader *r, uint32_t offset)
{
    if (!display_reader_valid(r, offset, 1)) {
        display_out_repeat(o, '?', 8);
        return;
    }
    uint8_t b = r->bytes[offset];
    for (int bit = 7; bit >= 0; bit--)
        display_out_char(o, (b >> bit) & 1 ? '1' : '0');
}

/* The two header lines of dyb: bit numbers over each byte's column. */
static void binary_header(struct display_out *o, uint32_t pointer_size, uint32_t per_line)
{
    unsigned indent = display_address_width(pointer_size) + 2;
    static const char *const rows[] = {"76543210", "--------"};
    for (int row = 0; row < 2; row++) {
        display_out_repeat(o, ' ', indent);
        for (uint32_t e = 0; e < per_line; e++) {
            if (e)
                display_out_char(o, ' ');
            display_out_text(o, rows[row], 8);
        }
        display_out_char(o, '\n');
    }
}

static void symbol_after(struct display_out *o, struct ds_session *s,
                         const struct display_reader *r, uint32_t offset, uint32_t unit)
{
    if (!display_reader_valid(r, offset, unit))
        return;
    char name[512];
    uint64_t value = display_reader_value(r, offset, unit);
    HRESULT hr = cmd_symbolize(s, value, name, sizeof name);
    /* A 4-byte target may list a module above 2 GiB sign-extended. */
    if (hr != S_OK && unit == 4 && ds_pointer_size(s->target) == 4 && (value & 0x80000000ull))
        hr = cmd_symbolize(s, value | 0xFFFFFFFF00000000ull, name, sizeof name);
    if (hr == S_OK && name[0]) {
        display_out_char(o, ' ');
        display_out_text(o, name, strlen(name));
    }
}

/* db's full line of 16 readable bytes, written in place: the common case
 * of a big db, ten times faster than element by element. */
static int fast_db_line(struct display_out *o, const struct display_format *f,
                        const struct display_reader *r, uint32_t offset, uint32_t elements)
{
    if (f->kind != DISPLAY_HEX || f->unit != 1 || f->per_line != 16 || elements != 16 ||
        memchr(r->valid + offset, 0, 16))
        return 0;
    static const char digits[] = "0123456789abcdef";
    char *p = display_out_reserve(o, 16 * 3 - 1 + 2 + 16 + 1);
    const uint8_t *b = r->bytes + offset;
    for (int i = 0; i < 16; i++) {
        if (i)
            *p++ = i == 8 ? '-' : ' ';
        *p++ = digits[b[i] >> 4];
        *p++ = digits[b[i] & 15];
    }
    *p++ = ' ';
    *p++ = ' ';
    for (int i = 0; i < 16; i++)
        *p++ = printable(b[i]);
    *p = '\n';
    return 1;
}

/* One line of `elements` elements (fewer than per_line on the last one)
 * at r->bytes + offset. */
static void one_line(struct display_out *o, struct ds_session *s, const struct display_format *f,
                     const struct display_reader *r, uint32_t offset, uint32_t elements,
                     uint32_t pointer_size)
{
    display_out_address(o, r->base + offset, pointer_size);
    display_out_text(o, "  ", 2);
    if (fast_db_line(o, f, r, offset, elements))
        return;
    uint32_t unit = f->unit;
    for (uint32_t e = 0; e < elements; e++) {
        if (e > 0)
            display_out_char(o, f->unit == 1 && f->kind == DISPLAY_HEX && e == 8 ? '-' : ' ');
        if (f->kind == DISPLAY_BINARY)
            binary_byte(o, r, offset + e);
        else
            element_hex(o, r, offset + e * unit, unit);
    }
    /* The second column, where the format has one, at the full line's
     * column: each element took its width and a separator. */
    int second = (f->kind == DISPLAY_HEX && unit == 1) || f->kind == DISPLAY_CHARS ||
                 f->kind == DISPLAY_BINARY;
    if (second) {
        uint32_t width = f->kind == DISPLAY_BINARY ? 8 : unit * 2;
        uint32_t full = f->per_line * (width + 1) - 1;
        uint32_t used = elements ? elements * (width + 1) - 1 : 0;
        display_out_repeat(o, ' ', full - used + 2);
        if (f->kind == DISPLAY_BINARY) {
            for (uint32_t e = 0; e < elements; e++) {
                if (e > 0)
                    display_out_char(o, ' ');
                element_hex(o, r, offset + e, 1);
            }
        } else {
            ascii_column(o, r, offset, elements, unit);
        }
    } else if (f->kind == DISPLAY_SYMBOLS) {
        symbol_after(o, s, r, offset, unit);
    }
    display_out_char(o, '\n');
}

HRESULT display_hex(struct ds_session *s, const struct display_format *f, uint64_t start,
                    uint64_t count, uint64_t *next)
{
    *next = start;
    uint32_t pointer_size = ds_pointer_size(s->target);
    struct display_out *o = malloc(sizeof *o);
    struct display_reader r;
    if (!o || display_reader_init(&r, s, DISPLAY_CHUNK) != 0) {
        free(o);
        return cmd_error(s, E_OUTOFMEMORY, "Display of 0x%llx: out of memory for its buffer\n",
                         (unsigned long long)start);
    }
    display_out_init(o, s);
    if (f->kind == DISPLAY_BINARY)
        binary_header(o, pointer_size, f->per_line);

    uint32_t line_bytes = f->unit * f->per_line;
    uint32_t chunk_lines = DISPLAY_CHUNK / line_bytes;
    uint64_t address = start, left = count; /* left: elements */
    HRESULT hr = S_OK;
    while (left && hr == S_OK) {
        uint64_t chunk_elements = (uint64_t)chunk_lines * f->per_line;
        if (chunk_elements > left)
            chunk_elements = left;
        uint32_t chunk_bytes = (uint32_t)(chunk_elements * f->unit);
        display_reader_fill(&r, address, chunk_bytes);
        for (uint32_t offset = 0; offset < chunk_bytes; offset += line_bytes) {
            if (cmd_interrupted(s)) {
                hr = E_ABORT; /* the next display starts at this line */
                chunk_bytes = offset;
                chunk_elements = offset / f->unit;
                break;
            }
            uint32_t bytes = chunk_bytes - offset < line_bytes ? chunk_bytes - offset : line_bytes;
            one_line(o, s, f, &r, offset, bytes / f->unit, pointer_size);
        }
        address += chunk_bytes;
        left -= chunk_elements;
    }
    display_out_flush(o);
    display_reader_free(&r);
    free(o);
    *next = address;
    return hr;
}
