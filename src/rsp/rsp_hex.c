/*
 * rsp_hex.c — hex digits, hex numbers and binary escaping of the GDB
 * remote protocol (gdb.texinfo, "Overview": an escaped byte is '}' then
 * the byte xor 0x20).
 */
#include "rsp.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

int rsp_hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t rsp_hex_encode(const void *src, size_t n, char *dst)
{
    static const char digits[] = "0123456789abcdef";
    const uint8_t *s = src;
    size_t i = 0;
#ifdef __SSE2__
    /* 16 bytes at a time: the stub hex-encodes every byte of an m reply
       (bench W10, 64 MiB). A nibble n becomes '0' + n, plus 39 more
       ('a' - '0' - 10) where n > 9; high digit first. */
    const __m128i low4 = _mm_set1_epi8(0x0f), nine = _mm_set1_epi8(9),
                  zero_c = _mm_set1_epi8('0'), gap = _mm_set1_epi8(39);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), low4);
        __m128i lo = _mm_and_si128(v, low4);
        hi = _mm_add_epi8(_mm_add_epi8(hi, zero_c), _mm_and_si128(_mm_cmpgt_epi8(hi, nine), gap));
        lo = _mm_add_epi8(_mm_add_epi8(lo, zero_c), _mm_and_si128(_mm_cmpgt_epi8(lo, nine), gap));
        _mm_storeu_si128((__m128i *)(dst + 2 * i), _mm_unpacklo_epi8(hi, lo));
        _mm_storeu_si128((__m128i *)(dst + 2 * i + 16), _mm_unpackhi_epi8(hi, lo));
    }
#endif
    for (; i < n; i++) {
        dst[2 * i] = digits[s[i] >> 4];
        dst[2 * i + 1] = digits[s[i] & 15];
    }
    return 2 * n;
}

/* Both digits of a byte at once through a table: the bulk read path
   decodes every byte of a 64 MiB read here. 0xff marks a non-digit. */
static uint8_t hex_table[256];
static bool hex_table_ready;

static void hex_table_fill(void)
{
    for (int i = 0; i < 256; i++) {
        int v = rsp_hex_value(i);
        hex_table[i] = v < 0 ? 0xff : (uint8_t)v;
    }
    __atomic_store_n(&hex_table_ready, true, __ATOMIC_RELEASE);
}

bool rsp_hex_decode(const char *src, size_t hex_len, void *dst)
{
    if (hex_len & 1)
        return false;
    if (!__atomic_load_n(&hex_table_ready, __ATOMIC_ACQUIRE))
        hex_table_fill(); /* idempotent: two threads filling it write the same bytes */
    const uint8_t *s = (const uint8_t *)src;
    uint8_t *d = dst;
    uint8_t bad = 0;
    for (size_t i = 0; i < hex_len / 2; i++) {
        uint8_t hi = hex_table[s[2 * i]], lo = hex_table[s[2 * i + 1]];
        bad |= (uint8_t)(hi | lo);
        d[i] = (uint8_t)(hi << 4 | (lo & 15));
    }
    return (bad & 0xf0) == 0;
}

bool rsp_parse_hex_u64(const char *s, size_t n, uint64_t *v)
{
    if (n == 0 || n > 16)
        return false;
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        int d = rsp_hex_value((unsigned char)s[i]);
        if (d < 0)
            return false;
        x = x << 4 | (uint64_t)d;
    }
    *v = x;
    return true;
}

bool rsp_scan_hex_u64(const char **s, const char *end, uint64_t *v)
{
    const char *p = *s;
    while (p < end && rsp_hex_value((unsigned char)*p) >= 0)
        p++;
    if (!rsp_parse_hex_u64(*s, (size_t)(p - *s), v))
        return false;
    *s = p;
    return true;
}

size_t rsp_escape(const void *src, size_t n, char *dst, size_t cap, size_t *consumed)
{
    const uint8_t *s = src;
    size_t i = 0, o = 0;
    for (; i < n; i++) {
        if (rsp_needs_escape(s[i])) {
            if (cap - o < 2)
                break;
            dst[o++] = '}';
            dst[o++] = (char)(s[i] ^ 0x20);
        } else {
            if (cap - o < 1)
                break;
            dst[o++] = (char)s[i];
        }
    }
    *consumed = i;
    return o;
}

bool rsp_unescape(const char *src, size_t n, void *dst, size_t cap, size_t *out)
{
    uint8_t *d = dst;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = (uint8_t)src[i];
        if (b == '}') {
            if (++i == n) {
                *out = o;
                return false; /* the data ends inside an escape */
            }
            b = (uint8_t)src[i] ^ 0x20;
        }
        if (o == cap) {
            *out = o;
            return false;
        }
        d[o++] = b;
    }
    *out = o;
    return true;
}
