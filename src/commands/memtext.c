/*
 * memtext.c — the text the memory families share (memtext.h): addresses
 * as cdb prints them, value and string arguments, UTF-16, stored words.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "memtext.h"

const char *mem_address_text(struct ds_session *s, uint64_t address, char buf[MEM_ADDR_TEXT])
{
    cmd_format_pointer(s, address, buf, MEM_ADDR_TEXT);
    return buf;
}

const char *mem_size_text(uint64_t size, char buf[MEM_ADDR_TEXT])
{
    snprintf(buf, MEM_ADDR_TEXT, "%" PRIx32 "`%08" PRIx32, (uint32_t)(size >> 32), (uint32_t)size);
    return buf;
}

/* 'c...' : up to 8 characters, the first the most significant byte. */
static HRESULT char_constant(struct ds_session *s, const char **cursor, uint64_t *value)
{
    const char *p = *cursor + 1;
    uint64_t v = 0;
    int n = 0;
    while (*p && *p != '\'') {
        if (n == 8)
            return cmd_caret_error(s, E_INVALIDARG, "Overflow", *cursor);
        v = (v << 8) | (unsigned char)*p++;
        n++;
    }
    if (*p != '\'' || n == 0)
        return cmd_syntax_error(s, E_INVALIDARG, *cursor);
    *value = v;
    *cursor = cmd_skip_blanks(p + 1);
    return S_OK;
}

HRESULT mem_parse_value(struct ds_session *s, const char **cursor, uint32_t unit, uint64_t *value)
{
    const char *start = *cursor;
    uint64_t v;
    HRESULT hr = **cursor == '\'' ? char_constant(s, cursor, &v) : cmd_eval(s, cursor, &v);
    if (FAILED(hr))
        return hr;
    if (*cursor == start) /* nothing taken: the callers' loops must move on */
        return cmd_syntax_error(s, E_INVALIDARG, start);
    if (unit < 8) {
        uint64_t max = (UINT64_C(1) << (unit * 8)) - 1;
        /* A negative number (-1, -0n2) is stored in two's complement, as
         * cdb does; anything else above the unit's maximum overflows. */
        int64_t sv = (int64_t)v;
        if (v > max && !(sv < 0 && sv >= -(int64_t)(max / 2 + 1)))
            return cmd_caret_error(s, E_INVALIDARG, "Overflow", start);
        v &= max;
    }
    *value = v;
    return S_OK;
}

HRESULT mem_parse_string(struct ds_session *s, const char **cursor, const char **text,
                         size_t *length)
{
    const char *p = *cursor;
    if (*p != '"')
        return cmd_syntax_error(s, E_INVALIDARG, p);
    const char *close = strchr(p + 1, '"');
    if (!close)
        return cmd_syntax_error(s, E_INVALIDARG, p);
    *text = p + 1;
    *length = (size_t)(close - (p + 1));
    *cursor = cmd_skip_blanks(close + 1);
    return S_OK;
}

/* The length of the UTF-8 sequence at p (at most `left` bytes) and its
 * code point; 0 when it is not a valid sequence. */
static size_t utf8_sequence(const unsigned char *p, size_t left, uint32_t *cp)
{
    size_t n;
    uint32_t c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, c &= 0x07;
    } else {
        return 0;
    }
    if (n > left)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

size_t mem_utf16_store(const char *text, size_t length, int big_endian, uint8_t *out)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0, n = 0;
    while (i < length) {
        uint32_t cp;
        size_t step = utf8_sequence(p + i, length - i, &cp);
        if (step == 0) { /* not UTF-8: the byte stands for itself */
            cp = p[i];
            step = 1;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            mem_store(out + n, 0xD800 | (cp >> 10), 2, big_endian);
            mem_store(out + n + 2, 0xDC00 | (cp & 0x3FF), 2, big_endian);
            n += 4;
        } else {
            mem_store(out + n, cp, 2, big_endian);
            n += 2;
        }
        i += step;
    }
    return n;
}

uint64_t mem_flat(ds_target *t, uint64_t address)
{
    return ds_pointer_size(t) == 4 ? (uint32_t)address : address;
}

uint64_t mem_top(ds_target *t)
{
    return ds_pointer_size(t) == 4 ? UINT32_MAX : UINT64_MAX;
}

void mem_store(uint8_t *out, uint64_t value, uint32_t unit, int big_endian)
{
    for (uint32_t i = 0; i < unit; i++)
        out[big_endian ? unit - 1 - i : i] = (uint8_t)(value >> (8 * i));
}

uint64_t mem_load(const uint8_t *in, uint32_t unit, int big_endian)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < unit; i++)
        v = (v << 8) | in[big_endian ? i : unit - 1 - i];
    return v;
}

#define ORDER_LITTLE 1
#define ORDER_BIG 2
#define ORDER_REGIONS 64 /* regions probed before giving up (little-endian then) */

/* The order `size` bytes at address tell (0: they read the same both ways). */
static int order_at(ds_target *t, uint64_t address, const uint8_t *bytes, uint32_t size)
{
    uint64_t answer = 0;
    uint64_t little = mem_load(bytes, size, 0), big = mem_load(bytes, size, 1);
    if (little == big || FAILED(ds_read_pointers_virtual(t, 1, address, &answer)))
        return 0;
    if (size == 4)
        answer &= 0xFFFFFFFFu; /* 4-byte pointers come back sign-extended */
    return answer == little ? ORDER_LITTLE : answer == big ? ORDER_BIG : 0;
}

static int learn_order(ds_target *t)
{
    uint32_t size = ds_pointer_size(t);
    if (size != 4 && size != 8)
        return ORDER_LITTLE;
    uint64_t address = 0;
    for (int regions = 0; regions < ORDER_REGIONS; regions++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        if (FAILED(ds_query_virtual(t, address, &mbi)) || mbi.RegionSize == 0)
            break;
        uint64_t end = mbi.BaseAddress + mbi.RegionSize;
        if (end != 0 && end <= address)
            break;
        uint8_t probe[256];
        uint32_t got = 0;
        if (mbi.State == MEM_COMMIT &&
            SUCCEEDED(ds_read_virtual(t, mbi.BaseAddress, probe, sizeof probe, &got))) {
            for (uint32_t at = 0; at + size <= got; at += size) {
                int order = order_at(t, mbi.BaseAddress + at, probe + at, size);
                if (order)
                    return order;
            }
        }
        if (end == 0)
            break;
        address = end;
    }
    return ORDER_LITTLE;
}

int mem_big_endian(struct ds_session *s, ds_target *t)
{
    /* The session's one answer, shared with the display family (which
     * learns it from what it shows; 0 until one of us has). */
    if (s->display.byte_order == 0)
        s->display.byte_order = learn_order(t);
    return s->display.byte_order == ORDER_BIG;
}
