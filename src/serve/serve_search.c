/*
 * serve_search.c — qSearch:memory, gdb's `find`, answered with SearchVirtual.
 *
 *   qSearch:memory:ADDR;LEN;PATTERN
 *
 * ADDR and LEN are hex; PATTERN is the raw bytes, binary-escaped like X's
 * data (gdb's remote.c escapes it with remote_escape_output, whatever the
 * manual's "hex encoded" says; gdbserver unescapes it). Replies: "1,ADDR"
 * for the first match, "0" for none, "E16" for a malformed request, "E0e"
 * when the target could not be searched (gdb then says it could not
 * access memory and stops its search).
 *
 * gdb sends the whole range of a `find` at once (it may be the whole
 * address space): SearchVirtual walks only the readable runs, so that
 * costs one pass over the mapped bytes. Unlike gdb's own fallback (which
 * reads, and halts at the first unreadable byte) a gap between regions is
 * skipped, so a pattern past a hole is still found.
 */
#include "serve.h"

#include "rsp/rsp.h"

#include <stdio.h>
#include <string.h>

size_t serve_search(struct serve_session *s, const char *pkt, size_t n, char *reply)
{
    static const char prefix[] = "qSearch:memory:";
    const char *end = pkt + n;
    const char *p = pkt + strlen(prefix);
    uint64_t addr, len;
    if (!rsp_scan_hex_u64(&p, end, &addr) || p == end || *p != ';')
        return memcpy(reply, "E16", 3), 3;
    p++;
    if (!rsp_scan_hex_u64(&p, end, &len) || p == end || *p != ';')
        return memcpy(reply, "E16", 3), 3;
    p++;
    /* The pattern is at most the packet: the session's buffer of that
       size, never one sized by the request. */
    uint8_t *pattern = serve_scratch(s);
    if (!pattern)
        return memcpy(reply, "E0c", 3), 3; /* ENOMEM */
    size_t size = 0;
    if (!rsp_unescape(p, (size_t)(end - p), pattern, SERVE_PACKET_SIZE, &size) || size == 0)
        return memcpy(reply, "E16", 3), 3;

    /* [addr, addr + len) must not wrap past 2^64: the top of the address
       space ends it. On a 4-byte target, 2^32 does. */
    bool narrow = ds_pointer_size(s->t) == 4;
    uint64_t top = narrow ? 0xFFFFFFFFull : UINT64_MAX;
    if (narrow && (addr >> 31) == 0x1FFFFFFFFull)
        addr &= 0xFFFFFFFFull; /* sign-extended, as dbgeng writes them: the same byte */
    if (addr > top)
        return memcpy(reply, "0", 1), 1;
    if (len > 0 && len - 1 > top - addr)
        len = top - addr + 1;
    if (len < size)
        return memcpy(reply, "0", 1), 1; /* the pattern cannot fit: nothing to find */

    uint64_t match = 0;
    HRESULT hr = ds_search_virtual(s->t, addr, len, pattern, (uint32_t)size, 1, &match);
    if (hr == HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES))
        return memcpy(reply, "0", 1), 1;
    if (FAILED(hr)) {
        if (s->note) {
            char text[320];
            snprintf(text, sizeof text, "qSearch:memory at 0x%llx: %s",
                     (unsigned long long)addr, ds_error_text(s->t));
            s->note(s->note_ctx, text);
        }
        return memcpy(reply, "E0e", 3), 3;
    }
    /* SearchVirtual hands 32-bit addresses out sign-extended (dbgeng's
       rule); gdb wants them as it sent them. */
    if (narrow)
        match &= 0xFFFFFFFFull;
    return (size_t)snprintf(reply, 24, "1,%llx", (unsigned long long)match);
}
