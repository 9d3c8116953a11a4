/*
 * minidump_text.c — strings of a minidump: MINIDUMP_STRING (a 32-bit byte
 * Length, then that many bytes of UTF-16LE) converted to UTF-8, and the
 * notes open keeps about the parts of a dump it ignored.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "minidump_internal.h"

void md_note(struct minidump_target *mt, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ds_target_vnote(&mt->base, fmt, ap);
    va_end(ap);
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

static uint16_t unit_at(const uint8_t *p, size_t i)
{
    return (uint16_t)(p[2 * i] | p[2 * i + 1] << 8);
}

char *md_utf16_to_utf8(const uint8_t *p, size_t units)
{
    /* A unit becomes at most 3 bytes (a pair, two units, becomes 4). */
    char *s = malloc(units * 3 + 1);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < units; i++) {
        uint32_t u = unit_at(p, i);
        if (u == 0)
            break;  /* a C string cannot carry what follows */
        if (u >= 0xd800 && u <= 0xdbff && i + 1 < units) {
            uint32_t lo = unit_at(p, i + 1);
            if (lo >= 0xdc00 && lo <= 0xdfff) {
                o += put_utf8(s + o, 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00));
                i++;
                continue;
            }
        }
        if (u >= 0xd800 && u <= 0xdfff)
            u = 0xfffd;  /* an unpaired surrogate, as Windows' converters do */
        o += put_utf8(s + o, u);
    }
    s[o] = '\0';
    return s;
}

HRESULT md_string_at(const struct minidump_target *mt, uint32_t rva, const uint8_t **data,
                     size_t *units, const char **why)
{
    uint32_t length;
    if (rva < MD_HEADER_SIZE || !md_u32(mt->map, mt->size, rva, &length)) {
        *why = "its RVA is outside the file";
        return E_FAIL;
    }
    if (length > MD_MAX_STRING_BYTES) {
        *why = "its declared length is absurd";
        return E_FAIL;
    }
    if (mt->size - rva - 4 < length) {
        *why = "it runs past the end of the file";
        return E_FAIL;
    }
    *data = mt->map + rva + 4;
    *units = length / 2;
    return S_OK;
}
