/*
 * gdbremote.c — a target behind a GDB remote-protocol server (gdbserver,
 * lldb-server, QEMU's gdbstub, OpenOCD): opening and closing.
 *
 * Opening negotiates (qSupported: PacketSize, QStartNoAckMode, the
 * memory map, the x dialect), learns the stop state ('?', or vAttach on an
 * extended-remote server), the threads (qfThreadInfo / qsThreadInfo), the
 * process id (multiprocess thread ids, qC, qProcessInfo) and the pointer
 * size and machine (qXfer:features target.xml, or lldb's qProcessInfo /
 * qHostInfo). The target is stopped the whole time: nothing here ever
 * resumes it, so the page cache stays valid until a write (which updates
 * it) or close.
 *
 * The spec: ADDRESS[,OPTION...] where ADDRESS is HOST:PORT, [V6]:PORT or
 * unix:PATH and the options are pid=N (vAttach through an extended-remote
 * server), timeout=MS (each reply; default DS_GDB_TIMEOUT_MS or 10000) and
 * window=N (read requests in flight; default DS_GDB_WINDOW or 64).
 * docs/remote.md says more.
 */
#include "gdbremote_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GR_DEFAULT_TIMEOUT_MS 10000
#define GR_DEFAULT_WINDOW 64u
#define GR_MAX_WINDOW 256u
/* The largest PacketSize we take a server at its word for: larger ones
   are clamped (memory stays bounded whatever the server says). */
#define GR_MAX_PACKET ((uint64_t)256 * 1024)
/* What a server that does not say gets (GDB's own default is 400). */
#define GR_DEFAULT_PACKET 400u
#define GR_MAX_THREADS 65536u

#ifndef ERROR_TIMEOUT
#define ERROR_TIMEOUT 1460
#endif

static const struct ds_backend_ops gdbremote_ops;

/* ---- errors --------------------------------------------------------------- */

HRESULT gr_fail_exchange(struct gr_target *g, int status, const char *what)
{
    HRESULT hr = status == RSP_ERR_TIMEOUT ? HRESULT_FROM_WIN32(ERROR_TIMEOUT)
               : status == RSP_ERR_ARG ? E_INVALIDARG
                                       : E_FAIL;
    if (!g->conn.err[0])
        return ds_fail(&g->base, hr, "%s on the GDB server %s: the connection was lost earlier",
                       what, g->conn.where);
    /* The connection's sentences name the server already. */
    return ds_fail(&g->base, hr, "%s: %s", what, g->conn.err);
}

void gr_error_text(const char *reply, size_t n, char *dst, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap && i < 80; i++) {
        unsigned char ch = (unsigned char)reply[i];
        dst[o++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    dst[o] = '\0';
}

HRESULT gr_request(struct gr_target *g, const char *req, const char **reply, size_t *n)
{
    int st = rsp_requests(&g->conn, req, reply, n);
    if (st) {
        char what[96];
        snprintf(what, sizeof what, "packet '%.48s'", req);
        return gr_fail_exchange(g, st, what);
    }
    return S_OK;
}

static bool reply_is(const char *reply, size_t n, const char *s)
{
    return n == strlen(s) && memcmp(reply, s, n) == 0;
}

/* ---- qXfer ---------------------------------------------------------------- */

HRESULT gr_xfer_read(struct gr_target *g, const char *object, const char *annex, size_t max,
                     char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    char *data = malloc(max + 1);
    if (!data)
        return ds_fail(&g->base, E_OUTOFMEMORY, "out of memory reading qXfer:%s", object);
    size_t have = 0;
    /* Ask for what a reply can carry escaped: a little under PacketSize. */
    size_t ask = g->packet_size > 64 ? (size_t)g->packet_size - 32 : 32;
    for (int rounds = 0;; rounds++) {
        char req[192];
        snprintf(req, sizeof req, "qXfer:%s:read:%s:%zx,%zx", object, annex, have, ask);
        const char *r;
        size_t n;
        HRESULT hr = gr_request(g, req, &r, &n);
        if (FAILED(hr)) {
            free(data);
            return hr;
        }
        if (n == 0 || rsp_is_error(r, n)) {
            free(data);
            if (n == 0 || have == 0)
                return S_FALSE; /* not supported, or no such annex */
            char e[96];
            gr_error_text(r, n, e, sizeof e);
            return ds_fail(&g->base, E_FAIL, "qXfer:%s:read:%s on the GDB server %s failed "
                           "at offset %zu: %s", object, annex, g->conn.where, have, e);
        }
        if (r[0] != 'm' && r[0] != 'l') {
            free(data);
            return ds_fail(&g->base, E_FAIL, "qXfer:%s:read:%s on the GDB server %s: the "
                           "reply starts with '%c', not 'm' or 'l'", object, annex,
                           g->conn.where, r[0]);
        }
        size_t got = 0;
        if (!rsp_unescape(r + 1, n - 1, data + have, max - have, &got)) {
            free(data);
            return ds_fail(&g->base, E_FAIL, "qXfer:%s:read:%s on the GDB server %s: the "
                           "object is longer than %zu bytes or badly escaped", object, annex,
                           g->conn.where, max);
        }
        have += got;
        if (r[0] == 'l' || (got == 0) || rounds > 4096)
            break;
    }
    data[have] = '\0';
    *out = data;
    *len = have;
    return S_OK;
}

/* ---- the stop state and threads ------------------------------------------ */

/* A thread id "p<pid>.<tid>", "<tid>", "-1", "0": its pid (0 when it has
   none) and tid. false when it is none of those. */
static bool parse_thread_id(const char *s, const char *end, uint64_t *pid, uint64_t *tid)
{
    *pid = 0;
    if (s < end && *s == 'p') {
        s++;
        if (end - s >= 2 && s[0] == '-' && s[1] == '1')
            return false;
        if (!rsp_scan_hex_u64(&s, end, pid) || s == end || *s != '.')
            return false;
        s++;
    }
    if (end - s == 2 && s[0] == '-' && s[1] == '1')
        return false;
    return rsp_scan_hex_u64(&s, end, tid) && s == end;
}

/* Record a stop reply: "T05thread:p1f.1f;...", "S05", "W00" (exited). */
static HRESULT take_stop_reply(struct gr_target *g, const char *r, size_t n, const char *what)
{
    char e[96];
    gr_error_text(r, n, e, sizeof e);
    if (n >= 1 && (r[0] == 'W' || r[0] == 'X') && g->extended && !g->attached &&
        strncmp(what, "attaching", 9) != 0)
        return ds_fail(&g->base, E_FAIL, "%s on the GDB server %s: the extended-remote server "
                       "has no process (stop reply '%s'); name one with pid=N", what,
                       g->conn.where, e);
    if (n >= 1 && (r[0] == 'W' || r[0] == 'X'))
        return ds_fail(&g->base, E_FAIL, "%s on the GDB server %s: the process has exited "
                       "(stop reply '%s')", what, g->conn.where, e);
    if (n == 0 || rsp_is_error(r, n))
        return ds_fail(&g->base, E_FAIL, "%s on the GDB server %s: no stopped process (reply "
                       "'%s'%s)", what, g->conn.where, e,
                       g->extended ? "; an extended-remote server needs pid=N" : "");
    if (r[0] != 'T' && r[0] != 'S')
        return ds_fail(&g->base, E_FAIL, "%s on the GDB server %s: '%s' is not a stop reply",
                       what, g->conn.where, e);
    /* thread:ID; names the thread that stopped (and its process). */
    const char *end = r + n;
    for (const char *p = r + (n >= 3 ? 3 : n); p < end;) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        if (stop - p > 7 && memcmp(p, "thread:", 7) == 0) {
            uint64_t pid, tid;
            if (parse_thread_id(p + 7, stop, &pid, &tid)) {
                snprintf(g->thread, sizeof g->thread, "%.*s", (int)(stop - p - 7), p + 7);
                if (pid && pid <= UINT32_MAX && !g->base.pid)
                    g->base.pid = (uint32_t)pid;
            }
        }
        p = stop + 1;
    }
    return S_OK;
}

static HRESULT list_threads(struct gr_target *g)
{
    const char *req = "qfThreadInfo";
    for (unsigned rounds = 0; rounds < GR_MAX_THREADS; rounds++) {
        const char *r;
        size_t n;
        HRESULT hr = gr_request(g, req, &r, &n);
        if (FAILED(hr))
            return hr;
        if (n == 0 || rsp_is_error(r, n))
            return S_FALSE; /* no thread list: the stop reply's thread is all we know */
        if (r[0] == 'l')
            return S_OK;
        if (r[0] != 'm')
            return ds_fail(&g->base, E_FAIL, "qfThreadInfo on the GDB server %s: the reply "
                           "starts with '%c', not 'm' or 'l'", g->conn.where, r[0]);
        const char *end = r + n;
        for (const char *p = r + 1; p < end;) {
            const char *comma = memchr(p, ',', (size_t)(end - p));
            const char *stop = comma ? comma : end;
            uint64_t pid, tid;
            if (parse_thread_id(p, stop, &pid, &tid) && tid && tid <= UINT32_MAX &&
                g->base.thread_count < GR_MAX_THREADS) {
                if (!g->thread[0])
                    snprintf(g->thread, sizeof g->thread, "%.*s", (int)(stop - p), p);
                if (pid && pid <= UINT32_MAX && !g->base.pid)
                    g->base.pid = (uint32_t)pid;
                hr = ds_target_add_thread(&g->base, (uint32_t)tid);
                if (FAILED(hr))
                    return hr;
            }
            p = stop + 1;
        }
        req = "qsThreadInfo";
    }
    return ds_fail(&g->base, E_FAIL, "qsThreadInfo on the GDB server %s: the thread list does "
                   "not end", g->conn.where);
}

/* ---- the architecture ----------------------------------------------------- */

static void set_arch_from_name(struct gr_target *g, const char *arch)
{
    struct { const char *name; uint32_t machine, ptr; } known[] = {
        { "i386:x86-64", IMAGE_FILE_MACHINE_AMD64, 8 },
        { "x86_64", IMAGE_FILE_MACHINE_AMD64, 8 },
        { "aarch64", IMAGE_FILE_MACHINE_ARM64, 8 },
        { "arm64", IMAGE_FILE_MACHINE_ARM64, 8 },
        { "i386", IMAGE_FILE_MACHINE_I386, 4 },
        { "i686", IMAGE_FILE_MACHINE_I386, 4 },
        { "arm", IMAGE_FILE_MACHINE_ARMNT, 4 },
        { "riscv:rv64", IMAGE_FILE_MACHINE_RISCV64, 8 },
        { "riscv64", IMAGE_FILE_MACHINE_RISCV64, 8 },
        { "powerpc:common64", 0, 8 },
        { "s390:64-bit", 0, 8 },
        { "mips", IMAGE_FILE_MACHINE_R4000, 4 },
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strncmp(arch, known[i].name, strlen(known[i].name)) == 0) {
            g->base.machine = known[i].machine;
            g->base.pointer_size = known[i].ptr;
            return;
        }
    ds_target_note(&g->base, "architecture '%.40s' unknown: pointers taken as 8 bytes", arch);
}

/* target.xml's <architecture>NAME</architecture>. */
static bool arch_from_features(struct gr_target *g)
{
    char *xml;
    size_t len;
    if (gr_xfer_read(g, "features", "target.xml", 256 * 1024, &xml, &len) != S_OK) {
        g->base.error[0] = '\0';
        return false;
    }
    const char *a = strstr(xml, "<architecture>");
    bool found = false;
    if (a) {
        a += strlen("<architecture>");
        const char *e = strchr(a, '<');
        if (e && e - a < 64) {
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(e - a), a);
            set_arch_from_name(g, name);
            found = true;
        }
    }
    free(xml);
    return found;
}

/* lldb's qProcessInfo / qHostInfo: "pid:hex;ptrsize:8;triple:<hex>;..." */
static bool info_from_lldb(struct gr_target *g, const char *req)
{
    const char *r;
    size_t n;
    if (gr_request(g, req, &r, &n) != S_OK) {
        g->base.error[0] = '\0';
        return false;
    }
    if (n == 0 || rsp_is_error(r, n))
        return false;
    bool arch = false;
    const char *end = r + n;
    for (const char *p = r; p < end;) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        const char *colon = memchr(p, ':', (size_t)(stop - p));
        if (colon) {
            size_t klen = (size_t)(colon - p);
            const char *v = colon + 1;
            uint64_t x;
            if (klen == 3 && memcmp(p, "pid", 3) == 0 && !g->base.pid &&
                rsp_parse_hex_u64(v, (size_t)(stop - v), &x) && x <= UINT32_MAX)
                g->base.pid = (uint32_t)x;
            if (klen == 6 && memcmp(p, "triple", 6) == 0 && (stop - v) % 2 == 0 &&
                stop - v < 128) {
                char triple[64];
                if (rsp_hex_decode(v, (size_t)(stop - v), triple)) {
                    triple[(stop - v) / 2] = '\0';
                    set_arch_from_name(g, triple);
                    arch = true;
                }
            }
        }
        p = stop + 1;
    }
    return arch;
}

/* ---- negotiation ---------------------------------------------------------- */

/* PacketSize is hex by the manual; lldb-server 14 and rr send decimal. A
   value whose digits are all decimal, too large as hex and sane as
   decimal, is taken as decimal ("131072" from lldb-server). */
static uint64_t parse_packet_size(const char *v, size_t n)
{
    uint64_t hex;
    if (!rsp_parse_hex_u64(v, n, &hex))
        return 0;
    bool decimal_digits = true;
    uint64_t dec = 0;
    for (size_t i = 0; i < n && decimal_digits; i++) {
        if (v[i] < '0' || v[i] > '9')
            decimal_digits = false;
        else if (dec < GR_MAX_PACKET * 16)
            dec = dec * 10 + (uint64_t)(v[i] - '0');
    }
    if (decimal_digits && hex > GR_MAX_PACKET && dec <= GR_MAX_PACKET)
        return dec;
    return hex;
}

static HRESULT negotiate(struct gr_target *g, bool *no_ack_offered)
{
    const char *r;
    size_t n;
    HRESULT hr = gr_request(g, "qSupported:multiprocess+;swbreak+;hwbreak+;"
                               "vContSupported+;binary-upload+", &r, &n);
    if (FAILED(hr))
        return hr;
    *no_ack_offered = false;
    g->packet_size = 0;
    const char *end = r + n;
    for (const char *p = r; p < end;) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        size_t len = (size_t)(stop - p);
        if (len > 11 && memcmp(p, "PacketSize=", 11) == 0)
            g->packet_size = parse_packet_size(p + 11, len - 11);
        else if (reply_is(p, len, "QStartNoAckMode+"))
            *no_ack_offered = true;
        else if (reply_is(p, len, "qXfer:memory-map:read+"))
            g->memory_map = true;
        else if (reply_is(p, len, "qXfer:features:read+"))
            g->features_xml = true;
        else if (reply_is(p, len, "multiprocess+"))
            g->multiprocess = true;
        else if (reply_is(p, len, "binary-upload+"))
            g->x = GR_X_GDB;
        p = stop + 1;
    }
    if (g->packet_size == 0) {
        g->packet_size = GR_DEFAULT_PACKET;
        ds_target_note(&g->base, "no PacketSize in qSupported: packets kept to %u bytes",
                       GR_DEFAULT_PACKET);
    }
    if (g->packet_size < 64)
        g->packet_size = 64; /* nothing useful fits below; a lie gets a small packet */
    if (g->packet_size > GR_MAX_PACKET)
        g->packet_size = GR_MAX_PACKET;
    return S_OK;
}

/* ---- options -------------------------------------------------------------- */

struct gr_options {
    char address[200];
    long pid;
    long timeout_ms;
    long window;
};

static long env_long(const char *name, long dflt, long lo, long hi)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return dflt;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return errno || *end || v < lo || v > hi ? dflt : v;
}

static HRESULT parse_spec(const char *spec, struct gr_options *o)
{
    o->pid = 0;
    o->timeout_ms = env_long("DS_GDB_TIMEOUT_MS", GR_DEFAULT_TIMEOUT_MS, 1, 3600000);
    o->window = env_long("DS_GDB_WINDOW", GR_DEFAULT_WINDOW, 1, GR_MAX_WINDOW);
    const char *comma = strchr(spec, ',');
    size_t alen = comma ? (size_t)(comma - spec) : strlen(spec);
    if (alen == 0 || alen >= sizeof o->address)
        return ds_fail(NULL, E_INVALIDARG, "ds_connect: '%s': %s address", spec,
                       alen ? "too long an" : "no");
    memcpy(o->address, spec, alen);
    o->address[alen] = '\0';
    while (comma) {
        const char *opt = comma + 1;
        comma = strchr(opt, ',');
        size_t olen = comma ? (size_t)(comma - opt) : strlen(opt);
        struct { const char *key; long *dst; long lo, hi; } keys[] = {
            { "pid=", &o->pid, 1, 0x7fffffff },
            { "timeout=", &o->timeout_ms, 1, 3600000 },
            { "window=", &o->window, 1, GR_MAX_WINDOW },
        };
        bool ok = false;
        for (size_t k = 0; k < 3 && !ok; k++) {
            size_t klen = strlen(keys[k].key);
            if (olen <= klen || strncmp(opt, keys[k].key, klen) != 0)
                continue;
            char num[24];
            if (olen - klen >= sizeof num)
                break;
            memcpy(num, opt + klen, olen - klen);
            num[olen - klen] = '\0';
            char *end;
            errno = 0;
            long v = strtol(num, &end, 10);
            if (errno || *end || v < keys[k].lo || v > keys[k].hi || num[0] == '-' ||
                num[0] == '+' || num[0] == ' ')
                return ds_fail(NULL, E_INVALIDARG, "ds_connect: '%s': %.*s is out of range "
                               "(%ld..%ld)", spec, (int)olen, opt, keys[k].lo, keys[k].hi);
            *keys[k].dst = v;
            ok = true;
        }
        if (!ok)
            return ds_fail(NULL, E_INVALIDARG, "ds_connect: '%s': unknown option '%.*s' "
                           "(known: pid=N, timeout=MS, window=N)", spec, (int)olen, opt);
    }
    return S_OK;
}

/* ---- opening -------------------------------------------------------------- */

static HRESULT start_session(struct gr_target *g, const struct gr_options *o)
{
    bool no_ack_offered;
    HRESULT hr = negotiate(g, &no_ack_offered);
    if (FAILED(hr))
        return hr;
    size_t cap = (size_t)g->packet_size + 64;
    if (cap < 4096 + 64)
        cap = 4096 + 64; /* qXfer and thread lists of servers with tiny packets */
    if (rsp_set_reply_cap(&g->conn, cap) != RSP_OK)
        return ds_fail(&g->base, E_OUTOFMEMORY, "out of memory for %zu-byte packets", cap);
    g->scratch = malloc(cap);
    if (!g->scratch)
        return ds_fail(&g->base, E_OUTOFMEMORY, "out of memory for %zu-byte packets", cap);
    g->scratch_cap = cap;
    const char *r;
    size_t n;
    if (no_ack_offered) {
        hr = gr_request(g, "QStartNoAckMode", &r, &n);
        if (FAILED(hr))
            return hr;
        if (reply_is(r, n, "OK"))
            g->conn.no_ack = true;
    }
    /* An m of floor(PacketSize / 2) bytes is GDB's own choice; more than
       the server's buffer crashed gdbserver 13 (no length check). */
    g->read_chunk = (size_t)(g->packet_size / 2);
    g->window = g->conn.no_ack ? (unsigned)o->window : 1;

    hr = gr_request(g, "!", &r, &n);
    if (FAILED(hr))
        return hr;
    g->extended = reply_is(r, n, "OK");
    if (o->pid) {
        if (!g->extended)
            return ds_fail(&g->base, E_NOTIMPL, "cannot attach to process %ld through the GDB "
                           "server %s: it is not an extended-remote server (start gdbserver "
                           "with --multi)", o->pid, g->conn.where);
        char req[48];
        snprintf(req, sizeof req, "vAttach;%lx", (unsigned long)o->pid);
        hr = gr_request(g, req, &r, &n);
        if (FAILED(hr))
            return hr;
        char what[64];
        snprintf(what, sizeof what, "attaching to process %ld (vAttach)", o->pid);
        hr = take_stop_reply(g, r, n, what);
        if (FAILED(hr))
            return hr;
        g->attached = true;
        g->base.pid = (uint32_t)o->pid;
    } else {
        hr = gr_request(g, "?", &r, &n);
        if (FAILED(hr))
            return hr;
        hr = take_stop_reply(g, r, n, "the stop state ('?')");
        if (FAILED(hr))
            return hr;
    }
    hr = list_threads(g);
    if (FAILED(hr))
        return hr;
    if (!g->base.pid) {
        hr = gr_request(g, "qC", &r, &n);
        if (FAILED(hr))
            return hr;
        uint64_t pid, tid;
        if (n > 2 && r[0] == 'Q' && r[1] == 'C' && parse_thread_id(r + 2, r + n, &pid, &tid) &&
            pid && pid <= UINT32_MAX)
            g->base.pid = (uint32_t)pid;
    }
    if (g->thread[0]) {
        /* Select a real thread: lldb-server refuses Hg0, and the thread's
           process is the one whose memory m reads. */
        char req[64];
        snprintf(req, sizeof req, "Hg%s", g->thread);
        hr = gr_request(g, req, &r, &n);
        if (FAILED(hr))
            return hr;
    }
    bool arch = g->features_xml && arch_from_features(g);
    bool lldb = info_from_lldb(g, "qProcessInfo");
    if (!arch && !lldb)
        arch = info_from_lldb(g, "qHostInfo");
    if (!arch && !lldb)
        ds_target_note(&g->base, "the server names no architecture (no target.xml, "
                       "qProcessInfo or qHostInfo): pointers taken as 8 bytes");
    /* The bare (LLDB) x dialect answers a zero-length x with OK; without
       binary-upload+ a GDB-style server is not asked (research §3.3). */
    if (g->x == GR_X_NONE) {
        hr = gr_request(g, "x0,0", &r, &n);
        if (FAILED(hr))
            return hr;
        if (reply_is(r, n, "OK"))
            g->x = GR_X_LLDB;
    }
    /* QEMU's physical-memory mode. */
    hr = gr_request(g, "qqemu.Supported", &r, &n);
    if (FAILED(hr))
        return hr;
    g->qemu_phys = n > 0 && memmem(r, n, "PhyMemMode", 10) != NULL;
    /* QEMU calls every process (and a whole machine) pid 1: not a process
       id anyone could use (ds_process_id answers 0 when unknown). */
    if (n > 0 && g->base.pid == 1)
        g->base.pid = 0;
    return S_OK;
}

static void gr_close(ds_target *t)
{
    struct gr_target *g = gr(t);
    if (g->conn.fd >= 0 && !g->conn.broken) {
        const char *r;
        size_t n;
        if (g->phys_mode)
            (void)rsp_requests(&g->conn, "Qqemu.PhyMemMode:0", &r, &n);
        /* What we attached to runs on; what the server launched or was
           attached to before us is the server's to decide. */
        if (g->attached) {
            char req[32];
            snprintf(req, sizeof req, g->multiprocess ? "D;%x" : "D", t->pid);
            (void)rsp_requests(&g->conn, req, &r, &n);
        }
    }
    rsp_close(&g->conn);
    gr_regions_free(g);
    free(g->scratch);
    ds_target_release(t);
    free(g);
}

HRESULT ds_gdbremote_connect(const char *spec, unsigned flags, ds_target **out)
{
    *out = NULL;
    if (!spec || !*spec)
        return ds_fail(NULL, E_INVALIDARG, "ds_connect: empty address (expected HOST:PORT, "
                       "[V6]:PORT or unix:PATH)");
    if (flags)
        return ds_fail(NULL, E_INVALIDARG, "ds_connect: unknown flag bits 0x%x (no flags are "
                       "defined for remote targets)", flags);
    struct gr_options o;
    HRESULT hr = parse_spec(spec, &o);
    if (FAILED(hr))
        return hr;
    struct gr_target *g = calloc(1, sizeof *g);
    if (!g)
        return ds_fail(NULL, E_OUTOFMEMORY, "ds_connect: out of memory");
    ds_target_init(&g->base, &gdbremote_ops);
    g->conn.fd = -1;
    int st = rsp_connect(&g->conn, o.address, (int)o.timeout_ms, 4096 + 64);
    if (st) {
        hr = st == RSP_ERR_TIMEOUT ? HRESULT_FROM_WIN32(ERROR_TIMEOUT)
           : st == RSP_ERR_ARG ? E_INVALIDARG : E_FAIL;
        ds_fail(NULL, hr, "ds_connect: %s", g->conn.err);
        rsp_close(&g->conn);
        ds_target_release(&g->base);
        free(g);
        return hr;
    }
    snprintf(g->base.where, sizeof g->base.where, "the GDB server %s", g->conn.where);
    hr = start_session(g, &o);
    if (FAILED(hr)) {
        ds_fail(NULL, hr, "ds_connect: %s", g->base.error);
        g->attached = false; /* a failed vAttach attached nothing */
        gr_close(&g->base);
        return hr;
    }
    if (g->base.pid)
        snprintf(g->base.where, sizeof g->base.where, "process %u on the GDB server %s",
                 g->base.pid, g->conn.where);
    /* A stopped target: the cache stays valid until a write (which updates
       it) or close; nothing here resumes the target. */
    g->base.cache.page_granular = true;
    (void)ds_cache_resize(&g->base.cache, DS_CACHE_DEFAULT_SIZE);
    g->base.error[0] = '\0';
    *out = &g->base;
    return S_OK;
}

static const struct ds_backend_ops gdbremote_ops = {
    .version = DS_BACKEND_OPS_VERSION,
    .name = "gdbremote",
    .read = gr_read,
    .close = gr_close,
    .write = gr_write,
    .query = gr_query,
    .next_readable = gr_next_readable,
    .read_physical = gr_read_physical,
    .write_physical = gr_write_physical,
    .search = gr_search,
};
