/*
 * display_string.c — da and du: strings in quotes, as WinDbg shows them.
 *
 *   00000137`8bf03980  "<svg width="1000" height="1000" "
 *   00000137`8bf039c0  "xmlns="http://www.w3.org/2000/sv"
 *
 * A line holds 32 characters (0x20 bytes for da, 0x40 for du; /c sets it). The display
 * ends at the first NUL or when the range is done; a string that fills its
 * last line exactly and ends there shows one more line, "", for its NUL
 * (WinDbg does so). Characters that cannot be read show '?' and do not end
 * the string; control characters show '.'. Without a length, at most 384
 * characters (12 lines), WinDbg's limit for a bare da or du.
 *
 * Characters above ASCII: du writes them as UTF-8 (WinDbg writes them to
 * its console as characters); da writes '.' for bytes above 0x7e, so that
 * the output stays valid UTF-8 whatever the string's code page.
 */
#include <stdlib.h>

#include "display.h"

#define STRING_CHUNK 4096u /* bytes read at a time: most strings need one read */

static void put_utf8(struct display_out *o, uint32_t c)
{
    if (c < 0x80) {
        display_out_char(o, (char)c);
    } else if (c < 0x800) {
        display_out_char(o, (char)(0xc0 | (c >> 6)));
        display_out_char(o, (char)(0x80 | (c & 0x3f)));
    } else {
        display_out_char(o, (char)(0xe0 | (c >> 12)));
        display_out_char(o, (char)(0x80 | ((c >> 6) & 0x3f)));
        display_out_char(o, (char)(0x80 | (c & 0x3f)));
    }
}

static void put_char(struct display_out *o, uint32_t c, uint32_t unit)
{
    if (c < 0x20 || c == 0x7f)
        display_out_char(o, '.');
    else if (c < 0x7f)
        display_out_char(o, (char)c);
    else if (unit == 1 || c < 0xa0 || (c >= 0xd800 && c < 0xe000))
        display_out_char(o, '.'); /* high bytes, C1 controls, lone surrogates */
    else
        put_utf8(o, c);
}

/* The reader holds the chunk with character `index` (from start). */
static void ensure_chunk(struct display_reader *r, uint64_t start, uint64_t index,
                         uint64_t count, uint32_t unit)
{
    uint64_t address = start + index * unit;
    if (r->length && address >= r->base && address - r->base < r->length)
        return;
    uint64_t chars = (count - index) < STRING_CHUNK / unit ? (count - index) : STRING_CHUNK / unit;
    display_reader_fill(r, address, (uint32_t)(chars * unit));
}

HRESULT display_string(struct ds_session *s, const struct display_format *f, uint64_t start,
                       uint64_t count, uint64_t *next)
{
    *next = start;
    uint32_t pointer_size = ds_pointer_size(s->target), unit = f->unit;
    struct display_out *o = malloc(sizeof *o);
    struct display_reader r;
    if (!o || display_reader_init(&r, s, STRING_CHUNK) != 0) {
        free(o);
        return cmd_error(s, E_OUTOFMEMORY, "Display of 0x%llx: out of memory for its buffer\n",
                         (unsigned long long)start);
    }
    display_out_init(o, s);
    uint64_t index = 0;
    int ended = 0;
    HRESULT hr = S_OK;
    while (index < count && !ended) {
        if (cmd_interrupted(s)) {
            hr = E_ABORT;
            break;
        }
        display_out_address(o, start + index * unit, pointer_size);
        display_out_text(o, "  \"", 3);
        for (uint32_t on_line = 0; on_line < f->per_line && index < count; on_line++) {
            ensure_chunk(&r, start, index, count, unit);
            uint32_t offset = (uint32_t)(start + index * unit - r.base);
            index++;
            if (!display_reader_valid(&r, offset, unit)) {
                display_out_char(o, '?');
                continue;
            }
            uint32_t c = (uint32_t)display_reader_value(&r, offset, unit);
            if (c == 0) {
                ended = 1;
                break;
            }
            put_char(o, c, unit);
        }
        display_out_text(o, "\"\n", 2);
    }
    display_out_flush(o);
    display_reader_free(&r);
    free(o);
    *next = start + index * unit;
    return hr;
}
