/*
 * rsp_frame.c — packets on the wire: "$payload#cs" (and "%payload#cs"
 * notifications), the checksum being the payload's bytes as sent, modulo
 * 256 (gdb.texinfo, "Overview").
 *
 * The parser takes bytes as they come and expands run-length encoding
 * ("c*N": N - 29 more copies of the byte before '*') as it goes, on the
 * raw frame and before any '}' escape is undone, which is the order GDB's
 * reader uses and the one gdbserver's encoder assumes (it compresses
 * already escaped output). The byte after '*' is always the count, even
 * when it is '*', '}' or '#'. Escapes are left in the payload: only the
 * packets that carry binary data undo them (rsp_unescape).
 */
#include "rsp.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { ST_IDLE, ST_DATA, ST_COUNT, ST_CS1, ST_CS2 };

uint8_t rsp_checksum(const void *data, size_t n)
{
    const uint8_t *p = data;
    unsigned sum = 0;
    size_t i = 0;
#ifdef __SSE2__
    /* 16 bytes at a time (psadbw against zero sums them): every reply the
       stub sends is summed here, 128 KiB of hex per m (bench W10). */
    __m128i acc = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16)
        acc = _mm_add_epi64(acc, _mm_sad_epu8(_mm_loadu_si128((const __m128i *)(p + i)),
                                              _mm_setzero_si128()));
    sum = (unsigned)_mm_cvtsi128_si32(acc) + (unsigned)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
#endif
    for (; i < n; i++)
        sum += p[i];
    return (uint8_t)sum;
}

size_t rsp_frame(char *dst, size_t cap, const void *payload, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    if (cap < 4 || n > cap - 4)
        return 0;
    uint8_t sum = rsp_checksum(payload, n);
    dst[0] = '$';
    memcpy(dst + 1, payload, n);
    dst[n + 1] = '#';
    dst[n + 2] = digits[sum >> 4];
    dst[n + 3] = digits[sum & 15];
    return n + 4;
}

void rsp_parser_init(struct rsp_parser *p, char *buf, size_t cap)
{
    memset(p, 0, sizeof *p);
    p->buf = buf;
    p->cap = cap;
    p->state = ST_IDLE;
}

static void note_junk(struct rsp_parser *p, uint8_t b)
{
    if (p->junk_head_len < sizeof p->junk_head - 1)
        p->junk_head[p->junk_head_len++] = (char)b;
    p->junk_head[p->junk_head_len] = '\0';
    p->junk++;
}

/* The length of the longest prefix of s[0 .. lim) holding no '#', '$' or
   '*' (the bytes the parser must decide on), its bytes added to *sum. A
   bulk reply is almost all such bytes (128 MiB of hex for a 64 MiB read),
   so SSE2 looks at 16 at a time and adds them with psadbw; the plain loop
   finishes the tail and the block holding the stop byte. */
static size_t plain_run(const uint8_t *s, size_t lim, uint8_t *sum)
{
    size_t k = 0;
    uint64_t total = *sum;
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128(), hash = _mm_set1_epi8('#'),
                  dollar = _mm_set1_epi8('$'), star = _mm_set1_epi8('*');
    __m128i acc = zero;
    for (; k + 16 <= lim; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, hash), _mm_cmpeq_epi8(v, dollar)),
                                    _mm_cmpeq_epi8(v, star));
        if (_mm_movemask_epi8(stop))
            break;
        acc = _mm_add_epi64(acc, _mm_sad_epu8(v, zero)); /* two sums of 8 bytes each */
    }
    total += (uint64_t)_mm_cvtsi128_si64(acc) + (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(acc, acc));
#endif
    for (; k < lim && s[k] != '#' && s[k] != '$' && s[k] != '*'; k++)
        total += s[k];
    *sum = (uint8_t)total;
    return k;
}

static void start_frame(struct rsp_parser *p, bool notify)
{
    p->state = ST_DATA;
    p->len = 0;
    p->sum = 0;
    p->notify = notify;
}

size_t rsp_parser_feed(struct rsp_parser *p, const uint8_t *in, size_t n, enum rsp_event *ev)
{
    *ev = RSP_EV_NONE;
    size_t i = 0;
    while (i < n) {
        uint8_t b = in[i++];
        switch (p->state) {
        case ST_IDLE:
            switch (b) {
            case '+': *ev = RSP_EV_ACK; return i;
            case '-': *ev = RSP_EV_NAK; return i;
            case 0x03: *ev = RSP_EV_INTERRUPT; return i;
            case '$': start_frame(p, false); break;
            case '%': start_frame(p, true); break;
            default: note_junk(p, b); break;
            }
            break;
        case ST_DATA:
            if (b == '#') {
                p->state = ST_CS1;
                break;
            }
            if (b == '$') { /* a new packet inside the old one: the old one is lost */
                start_frame(p, false);
                break;
            }
            p->sum = (uint8_t)(p->sum + b);
            if (b == '*') {
                if (p->len == 0) { /* nothing to repeat */
                    p->state = ST_IDLE;
                    *ev = RSP_EV_MALFORMED;
                    return i;
                }
                p->state = ST_COUNT;
                break;
            }
            if (p->len == p->cap) {
                p->state = ST_IDLE;
                *ev = RSP_EV_TOO_LONG;
                return i;
            }
            /* The data of a bulk reply: copy the run up to the next byte
               that needs a decision, not one byte per loop. */
            {
                size_t room = p->cap - p->len, avail = n - i;
                size_t run = 1 + plain_run(in + i, avail < room - 1 ? avail : room - 1, &p->sum);
                i += run - 1;
                memcpy(p->buf + p->len, in + i - run, run);
                p->len += run;
            }
            break;
        case ST_COUNT: {
            p->sum = (uint8_t)(p->sum + b);
            if (b < ' ' || b > '~') {
                p->state = ST_IDLE;
                *ev = RSP_EV_MALFORMED;
                return i;
            }
            size_t more = (size_t)b - 29u;
            if (more > p->cap - p->len) {
                p->state = ST_IDLE;
                *ev = RSP_EV_TOO_LONG;
                return i;
            }
            memset(p->buf + p->len, p->buf[p->len - 1], more);
            p->len += more;
            p->state = ST_DATA;
            break;
        }
        case ST_CS1: {
            int v = rsp_hex_value(b);
            if (v < 0) {
                p->state = ST_IDLE;
                *ev = RSP_EV_MALFORMED;
                return i;
            }
            p->cs_hi = (uint8_t)v;
            p->state = ST_CS2;
            break;
        }
        case ST_CS2: {
            int v = rsp_hex_value(b);
            p->state = ST_IDLE;
            if (v < 0) {
                *ev = RSP_EV_MALFORMED;
                return i;
            }
            if ((uint8_t)(p->cs_hi << 4 | v) != p->sum)
                *ev = RSP_EV_BAD_CHECKSUM;
            else
                *ev = p->notify ? RSP_EV_NOTIFY : RSP_EV_PACKET;
            return i;
        }
        }
    }
    return i;
}
