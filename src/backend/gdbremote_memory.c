/*
 * gdbremote_memory.c — bytes over the GDB remote protocol: reads, writes,
 * QEMU's physical memory, the server-side search.
 *
 * Reads: m (hex) or x (binary, in the dialect the server announced) of at
 * most floor(PacketSize / 2) bytes each, GDB's own size: an m larger than
 * the server's buffer crashed gdbserver 13. In no-ack mode up to `window`
 * requests are in flight, replies coming back in order: over a 20 ms link
 * one request at a time moves 0.4 MiB/s, 64 in flight 24 MiB/s (research
 * measurements). Every server tested answers all-or-nothing (a read that
 * runs into a hole fails whole), so a failed request is asked again page
 * by page to find the readable prefix that dbgeng's partial-read rule
 * reports.
 *
 * Writes: X (escaped binary) when the server takes "X addr,0:", else M
 * (hex). An error reply may leave part of that packet written (the manual
 * says so), so a failed packet is written again page by page: what is
 * reported written was acknowledged.
 */
#include "gdbremote_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- reading -------------------------------------------------------------- */

/* The x packet for reads of more than 3 bytes: a bare (LLDB-style) x
   reply "E08" to a read of 3 bytes or fewer could be data or an error,
   so those go as m, whose hex reply never looks like an error. */
static enum gr_x_dialect dialect_for(const struct gr_target *g, size_t len)
{
    return len > 3 ? g->x : GR_X_NONE;
}

static int send_read(struct gr_target *g, uint64_t addr, size_t len)
{
    char req[64];
    int n = snprintf(req, sizeof req, "%c%" PRIx64 ",%zx",
                     dialect_for(g, len) != GR_X_NONE ? 'x' : 'm', addr, len);
    return g->conn.no_ack ? rsp_send_nowait(&g->conn, req, (size_t)n)
                          : rsp_send(&g->conn, req, (size_t)n);
}

/* Decode a read reply for want bytes into dst. *got = bytes (fewer than
   want: the server stopped short). *err gets the server's error text when
   it refused (then *got = 0). false: the reply is not a read reply. */
static bool decode_read(struct gr_target *g, const char *r, size_t n, uint8_t *dst,
                        size_t want, size_t *got, char *err, size_t err_cap)
{
    *got = 0;
    err[0] = '\0';
    if (n == 0) {
        snprintf(err, err_cap, "an empty reply");
        return true;
    }
    enum gr_x_dialect x = dialect_for(g, want);
    /* m replies are hex, so an error can never be mistaken for data. A
       bare (LLDB-style) x reply is raw bytes: a 3-byte "Enn" for a read
       of more than 3 bytes is an error. */
    bool error = x == GR_X_LLDB ? n == 3 && rsp_is_error(r, n) : rsp_is_error(r, n);
    if (error) {
        gr_error_text(r, n, err, err_cap);
        return true;
    }
    if (x == GR_X_NONE) {
        if (n > 2 * want || (n & 1) || !rsp_hex_decode(r, n, dst))
            return false;
        *got = n / 2;
        return true;
    }
    if (x == GR_X_GDB) {
        if (r[0] != 'b')
            return false;
        r++, n--;
    }
    return rsp_unescape(r, n, dst, want, got);
}

/* Read [addr, addr + size) in requests of at most `piece` bytes, window
   requests in flight; *done = the prefix the server gave. *err = why it
   stopped (a server's error text), when it did. A failure of the
   connection or a reply that is not a read reply is the HRESULT. */
static HRESULT read_pieces(struct gr_target *g, uint64_t addr, uint8_t *buf, size_t size,
                           size_t piece, bool page_aligned, size_t *done, char *err,
                           size_t err_cap)
{
    uint64_t page = g->base.page_size ? g->base.page_size : 4096;
    size_t sent_off = 0, recv_off = 0;  /* bytes requested / answered */
    size_t lens[512];                   /* lengths in flight, by request number */
    unsigned sent = 0, recvd = 0;
    unsigned window = g->window ? g->window : 1;
    if (window > sizeof lens / sizeof lens[0])
        window = sizeof lens / sizeof lens[0];
    bool stopped = false;
    *done = 0;
    err[0] = '\0';
    for (;;) {
        while (!stopped && sent_off < size && sent - recvd < window) {
            size_t len = size - sent_off < piece ? size - sent_off : piece;
            if (page_aligned) {
                uint64_t at = addr + sent_off;
                uint64_t to_page = page - (at & (page - 1));
                if (len > to_page)
                    len = (size_t)to_page;
            }
            int st = send_read(g, addr + sent_off, len);
            if (st) {
                char what[96];
                snprintf(what, sizeof what, "reading 0x%" PRIx64 " (%zu bytes)",
                         addr + sent_off, len);
                return gr_fail_exchange(g, st, what);
            }
            lens[sent % window] = len;
            sent_off += len;
            sent++;
        }
        if (recvd == sent)
            break;
        size_t len = lens[recvd % window];
        const char *r;
        size_t n;
        int st = rsp_recv(&g->conn, &r, &n);
        if (st) {
            char what[96];
            snprintf(what, sizeof what, "reading 0x%" PRIx64 " (%zu bytes)", addr + recv_off,
                     len);
            return gr_fail_exchange(g, st, what);
        }
        if (!stopped) {
            size_t got;
            if (!decode_read(g, r, n, buf + recv_off, len, &got, err, err_cap)) {
                char e[96];
                gr_error_text(r, n, e, sizeof e);
                /* Later replies in flight would be read as answers to the
                   next requests: the stream cannot be trusted. */
                g->conn.broken = true;
                snprintf(g->conn.err, sizeof g->conn.err, "a malformed reply to a read");
                return ds_fail(&g->base, E_FAIL, "reading 0x%" PRIx64 " (%zu bytes) on the "
                               "GDB server %s: the reply '%s' is not %zu bytes of data",
                               addr + recv_off, len, g->conn.where, e, len);
            }
            *done += got;
            if (got < len) {
                stopped = true; /* drain what is in flight, ask nothing more */
                if (!err[0])
                    snprintf(err, err_cap, "a %zu-byte reply", got);
            }
        }
        recv_off += len;
        recvd++;
    }
    return S_OK;
}

static HRESULT read_range(struct gr_target *g, uint64_t addr, void *buf, size_t size,
                          size_t *done, const char *what)
{
    *done = 0;
    if (g->conn.broken)
        return gr_fail_exchange(g, RSP_ERR_IO, what);
    char err[96];
    size_t got;
    HRESULT hr = read_pieces(g, addr, buf, size, g->read_chunk, false, &got, err, sizeof err);
    if (FAILED(hr))
        return hr;
    if (got < size) {
        /* All-or-nothing servers: the failed request may have a readable
           head. Ask for its pages, one request each (in flight together). */
        uint64_t at = addr + got;
        size_t rest = size - got;
        size_t span = rest < g->read_chunk ? rest : g->read_chunk;
        size_t more;
        hr = read_pieces(g, at, (uint8_t *)buf + got, span, g->read_chunk, true, &more, err,
                         sizeof err);
        if (FAILED(hr))
            return hr;
        got += more;
    }
    *done = got;
    if (got == 0)
        return ds_fail(&g->base, HRESULT_FROM_WIN32(ERROR_READ_FAULT), "cannot %s 0x%" PRIx64
                       " on the GDB server %s: the server answered %s", what, addr,
                       g->conn.where, err[0] ? err : "nothing");
    return S_OK;
}

HRESULT gr_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct gr_target *g = gr(t);
    *done = 0;
    size_t avail = size;
    if (size && !g->conn.broken) {
        HRESULT hr = gr_readable_extent(g, addr, size, &avail);
        if (FAILED(hr))
            return hr;
        if (avail == 0)
            return ds_fail(t, HRESULT_FROM_WIN32(ERROR_READ_FAULT), "cannot read 0x%" PRIx64
                           " in %s: the process's map (%s) has no readable memory there",
                           addr, t->where, gr_region_source_name(g->regions));
    }
    return read_range(g, addr, buf, avail, done, "read");
}

/* ---- writing -------------------------------------------------------------- */

static HRESULT probe_write_mode(struct gr_target *g, uint64_t addr)
{
    char req[48];
    snprintf(req, sizeof req, "X%" PRIx64 ",0:", addr);
    const char *r;
    size_t n;
    HRESULT hr = gr_request(g, req, &r, &n);
    if (FAILED(hr))
        return hr;
    /* Empty: no X (lldb-server 14, QEMU 7.2). An error still means the
       server knows the packet. */
    g->write_mode = n == 0 ? GR_WRITE_M : GR_WRITE_X;
    return S_OK;
}

/* Build one write packet for at most `limit` bytes of src into g->scratch;
   *len = the packet's length, *took = source bytes it carries. */
static void build_write(struct gr_target *g, uint64_t addr, const uint8_t *src, size_t size,
                        size_t limit, size_t *len, size_t *took)
{
    /* Room for "X<16 digits>,<16 digits>:" and the frame around it. */
    size_t budget = (size_t)g->packet_size - 48;
    if (budget > g->scratch_cap - 64)
        budget = g->scratch_cap - 64;
    if (size > limit)
        size = limit;
    char *data = g->scratch + 48;
    size_t n;
    if (g->write_mode == GR_WRITE_X) {
        n = rsp_escape(src, size, data, budget, took);
    } else {
        *took = size < budget / 2 ? size : budget / 2;
        n = rsp_hex_encode(src, *took, data);
    }
    char head[48];
    int h = snprintf(head, sizeof head, "%c%" PRIx64 ",%zx:",
                     g->write_mode == GR_WRITE_X ? 'X' : 'M', addr, *took);
    memmove(g->scratch + h, data, n);
    memcpy(g->scratch, head, (size_t)h);
    *len = (size_t)h + n;
}

static HRESULT write_range(struct gr_target *g, uint64_t addr, const void *buf, size_t size,
                           size_t *done, const char *what)
{
    *done = 0;
    if (g->conn.broken)
        return gr_fail_exchange(g, RSP_ERR_IO, what);
    if (g->write_mode == GR_WRITE_UNKNOWN) {
        HRESULT hr = probe_write_mode(g, addr);
        if (FAILED(hr))
            return hr;
    }
    uint64_t page = g->base.page_size ? g->base.page_size : 4096;
    const uint8_t *src = buf;
    bool by_page = false;
    char err[96] = "";
    while (*done < size) {
        uint64_t at = addr + *done;
        size_t limit = by_page ? (size_t)(page - (at & (page - 1))) : SIZE_MAX;
        size_t len, took;
        build_write(g, at, src + *done, size - *done, limit, &len, &took);
        const char *r;
        size_t n;
        int st = rsp_request(&g->conn, g->scratch, len, &r, &n);
        if (st) {
            char w[96];
            snprintf(w, sizeof w, "writing 0x%" PRIx64 " (%zu bytes)", at, took);
            return gr_fail_exchange(g, st, w);
        }
        if (n == 2 && r[0] == 'O' && r[1] == 'K') {
            *done += took;
            continue;
        }
        gr_error_text(r, n, err, sizeof err);
        if (by_page)
            break;
        by_page = true; /* the packet may have reached a page it could not write */
    }
    if (*done == 0)
        return ds_fail(&g->base, HRESULT_FROM_WIN32(ERROR_WRITE_FAULT), "cannot %s 0x%" PRIx64
                       " on the GDB server %s: the server answered '%s'", what, addr,
                       g->conn.where, err[0] ? err : "nothing");
    return S_OK;
}

HRESULT gr_write(ds_target *t, uint64_t addr, const void *buf, size_t size, size_t *done)
{
    return write_range(gr(t), addr, buf, size, done, "write");
}

/* ---- physical memory (QEMU) ----------------------------------------------- */

static HRESULT phys_mode(struct gr_target *g, bool on, const char *method)
{
    if (!g->qemu_phys)
        return ds_fail(&g->base, E_NOTIMPL, "%s: the GDB server %s has no physical memory "
                       "access (only QEMU's system emulators offer Qqemu.PhyMemMode)", method,
                       g->conn.where);
    const char *r;
    size_t n;
    HRESULT hr = gr_request(g, on ? "Qqemu.PhyMemMode:1" : "Qqemu.PhyMemMode:0", &r, &n);
    if (FAILED(hr))
        return hr;
    if (n != 2 || r[0] != 'O' || r[1] != 'K') {
        char e[96];
        gr_error_text(r, n, e, sizeof e);
        return ds_fail(&g->base, E_FAIL, "%s: the GDB server %s refused Qqemu.PhyMemMode:%d "
                       "('%s')", method, g->conn.where, on, e);
    }
    g->phys_mode = on;
    return S_OK;
}

/* Back to virtual addresses after a physical access that answered hr:
   hr and its sentence stand, unless switching back fails. */
static HRESULT leave_phys_mode(struct gr_target *g, HRESULT hr, const char *method)
{
    char saved[sizeof g->base.error];
    memcpy(saved, g->base.error, sizeof saved);
    HRESULT back = phys_mode(g, false, method);
    if (FAILED(back))
        return back;
    memcpy(g->base.error, saved, sizeof saved);
    return hr;
}

/* QEMU reads zeros for physical addresses with nothing behind them (no
   error): those bytes come back as zeros, as dbgeng's kernel targets
   show unbacked physical memory (docs/remote.md). */
HRESULT gr_read_physical(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct gr_target *g = gr(t);
    *done = 0;
    HRESULT hr = phys_mode(g, true, "ReadPhysical");
    if (FAILED(hr))
        return hr;
    hr = read_range(g, addr, buf, size, done, "read physical");
    return leave_phys_mode(g, hr, "ReadPhysical");
}

HRESULT gr_write_physical(ds_target *t, uint64_t addr, const void *buf, size_t size,
                          size_t *done)
{
    struct gr_target *g = gr(t);
    *done = 0;
    HRESULT hr = phys_mode(g, true, "WritePhysical");
    if (FAILED(hr))
        return hr;
    hr = write_range(g, addr, buf, size, done, "write physical");
    return leave_phys_mode(g, hr, "WritePhysical");
}

/* ---- search --------------------------------------------------------------- */

/* qSearch:memory:ADDR;LENGTH;PATTERN with the pattern escaped binary (what
   GDB and gdbserver send; the hex form the manual describes finds
   nothing). The server stops at the first byte it cannot read (E00), so
   the caller asks per readable run and reads the run itself when the
   server fails. */
HRESULT gr_search(ds_target *t, uint64_t addr, uint64_t size, const void *pattern,
                  size_t pattern_size, uint64_t *match)
{
    struct gr_target *g = gr(t);
    if (g->search == GR_NO || g->conn.broken)
        return E_NOTIMPL;
    if (pattern_size > size)
        return S_FALSE; /* no room for a match (and size - pattern_size below would wrap) */
    int h = snprintf(g->scratch, g->scratch_cap, "qSearch:memory:%" PRIx64 ";%" PRIx64 ";",
                     addr, size);
    size_t budget = (size_t)g->packet_size - 8;
    if (budget > g->scratch_cap)
        budget = g->scratch_cap;
    size_t took;
    size_t n = rsp_escape(pattern, pattern_size, g->scratch + h, budget - (size_t)h, &took);
    if (took < pattern_size)
        return E_NOTIMPL; /* too long a pattern for one packet: the caller reads */
    const char *r;
    size_t rn;
    int st = rsp_request(&g->conn, g->scratch, (size_t)h + n, &r, &rn);
    if (st)
        return gr_fail_exchange(g, st, "qSearch:memory");
    if (rn == 0) {
        g->search = GR_NO;
        return E_NOTIMPL;
    }
    if (rn == 1 && r[0] == '0') {
        g->search = GR_YES;
        return S_FALSE;
    }
    uint64_t at;
    if (rn > 2 && r[0] == '1' && r[1] == ',' && rsp_parse_hex_u64(r + 2, rn - 2, &at) &&
        at >= addr && at - addr <= size - pattern_size) {
        g->search = GR_YES;
        *match = at;
        return S_OK;
    }
    char e[96];
    gr_error_text(r, rn, e, sizeof e);
    return ds_fail(t, E_FAIL, "qSearch:memory over 0x%" PRIx64 "..+0x%" PRIx64 " on the GDB "
                   "server %s answered '%s'", addr, size, g->conn.where, e);
}
