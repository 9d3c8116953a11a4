/*
 * serve_packets.c — one request packet in, one reply out.
 *
 * No socket here, so the fuzz harness and the tests drive it directly.
 * Every reply fits SERVE_REPLY_CAP whatever the request asks: a read of
 * more than fits is answered short (the protocol allows fewer bytes than
 * asked), never with a buffer sized by the request.
 */
#include "serve.h"

#include "rsp/rsp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void serve_session_init(struct serve_session *s, ds_target *t)
{
    memset(s, 0, sizeof *s);
    s->t = t;
}

void serve_session_release(struct serve_session *s)
{
    free(s->memory_map.text);
    free(s->threads.text);
    free(s->libraries.text);
    free(s->libraries_svr4.text);
    s->libraries = s->libraries_svr4 = (struct serve_doc){0};
    free(s->scratch);
    s->scratch = NULL;
    serve_vfile_release(s);
    free(s->proc_maps.text);
    s->memory_map = (struct serve_doc){0};
    s->threads = (struct serve_doc){0};
    s->proc_maps = (struct serve_doc){0};
}

static size_t put(char *reply, const char *text)
{
    size_t n = strlen(text);
    if (n > SERVE_REPLY_CAP)
        n = SERVE_REPLY_CAP;
    memcpy(reply, text, n);
    return n;
}

static bool starts(const char *pkt, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(pkt, prefix, k) == 0;
}

uint32_t serve_current_thread(struct serve_session *s)
{
    if (s->thread)
        return s->thread;
    uint32_t count = 0, id = 0;
    if (SUCCEEDED(ds_get_number_threads(s->t, &count)) && count > 0 &&
        SUCCEEDED(ds_get_thread_ids(s->t, 0, 1, &id)) && id != 0)
        return id;
    return 1; /* gdb wants a thread; a target without threads gets one */
}

/* A thread id as the client reads it: pPID.TID once it asked for
   multiprocess+ (so that gdb learns the process id), else TID. */
static const char *thread_text(struct serve_session *s, uint32_t tid, char *buf, size_t cap)
{
    if (s->multiprocess)
        snprintf(buf, cap, "p%x.%x", serve_pid(s), tid);
    else
        snprintf(buf, cap, "%x", tid);
    return buf;
}

/* Past a multiprocess "pPID." prefix of a thread id (the process is
   ours whatever it says); NULL for "pPID" alone: all its threads. */
static const char *skip_pid(const char *p, const char *end)
{
    if (p == end || *p != 'p')
        return p;
    const char *dot = memchr(p, '.', (size_t)(end - p));
    return dot ? dot + 1 : NULL;
}

static bool thread_known(struct serve_session *s, uint32_t tid)
{
    uint32_t count = 0;
    if (FAILED(ds_get_number_threads(s->t, &count)) || count == 0)
        return tid == 1;
    for (uint32_t i = 0; i < count && i < 1000000u; i++) {
        uint32_t id;
        if (SUCCEEDED(ds_get_thread_ids(s->t, i, 1, &id)) && id == tid)
            return true;
    }
    return false;
}

/* "ADDR,LEN" then end or sep; the rest after sep in *rest. */
static bool parse_addr_len(const char *p, const char *end, char sep, uint64_t *addr,
                           uint64_t *len, const char **rest)
{
    if (!rsp_scan_hex_u64(&p, end, addr) || p == end || *p != ',')
        return false;
    p++;
    if (!rsp_scan_hex_u64(&p, end, len))
        return false;
    if (sep == 0)
        return p == end;
    if (p == end || *p != sep)
        return false;
    *rest = p + 1;
    return true;
}

uint8_t *serve_scratch(struct serve_session *s)
{
    if (!s->scratch && !(s->scratch = malloc(SERVE_PACKET_SIZE)) && s->note)
        s->note(s->note_ctx, "out of memory for the session's request buffer (128 KiB): "
                             "the request is answered with ENOMEM");
    return s->scratch;
}

/* Read at most max bytes at addr: the readable prefix (ReadVirtual's
   partial rule), 0 when nothing is readable. Also stops at the top of the
   address space instead of wrapping. */
static uint32_t read_prefix(struct serve_session *s, uint64_t addr, uint64_t len, uint8_t *buf,
                            uint32_t max)
{
    if (len > max)
        len = max;
    if (len > 0 && len - 1 > UINT64_MAX - addr)
        len = UINT64_MAX - addr + 1;
    uint32_t got = 0;
    if (len == 0 || FAILED(ds_read_virtual(s->t, addr, buf, (uint32_t)len, &got)))
        return 0;
    return got <= len ? got : (uint32_t)len;
}

static size_t read_hex(struct serve_session *s, const char *args, const char *end, char *reply)
{
    uint64_t addr, len;
    if (!parse_addr_len(args, end, 0, &addr, &len, NULL))
        return put(reply, "E16"); /* EINVAL */
    if (len == 0)
        return 0;
    uint8_t *buf = serve_scratch(s);
    if (!buf)
        return put(reply, "E0c");
    uint32_t got = read_prefix(s, addr, len, buf, SERVE_REPLY_CAP / 2);
    if (got == 0)
        return put(reply, "E0e"); /* EFAULT: nothing readable at addr */
    return rsp_hex_encode(buf, got, reply);
}

/* x: GDB's dialect answers "b" + data; LLDB's (a client that probed with
   x0,0 and got OK) answers the data bare. */
static size_t read_binary(struct serve_session *s, const char *args, const char *end, char *reply)
{
    uint64_t addr, len;
    if (!parse_addr_len(args, end, 0, &addr, &len, NULL))
        return put(reply, "E16");
    if (len == 0) {
        s->lldb_x = true; /* only LLDB's probe asks for nothing */
        return put(reply, "OK");
    }
    uint8_t *buf = serve_scratch(s);
    if (!buf)
        return put(reply, "E0c");
    /* Escaping at most doubles a byte: half the reply always fits. */
    uint32_t got = read_prefix(s, addr, len, buf, (SERVE_REPLY_CAP - 1) / 2);
    if (got == 0)
        return put(reply, "E0e");
    size_t head = s->lldb_x ? 0 : 1;
    reply[0] = 'b';
    size_t used;
    return head + rsp_escape(buf, got, reply + head, SERVE_REPLY_CAP - head, &used);
}

static size_t write_memory(struct serve_session *s, const char *args, const char *end,
                           bool binary, char *reply)
{
    uint64_t addr, len;
    const char *data;
    if (!parse_addr_len(args, end, ':', &addr, &len, &data))
        return put(reply, "E16");
    uint8_t *buf = serve_scratch(s);
    if (!buf)
        return put(reply, "E0c");
    size_t n = (size_t)(end - data);
    size_t got;
    if (binary) {
        if (!rsp_unescape(data, n, buf, SERVE_PACKET_SIZE, &got))
            return put(reply, "E16");
    } else {
        if (n % 2 || n / 2 > SERVE_PACKET_SIZE || !rsp_hex_decode(data, n, buf))
            return put(reply, "E16");
        got = n / 2;
    }
    if (got != len)
        return put(reply, "E16");
    if (len == 0)
        return put(reply, "OK");
    uint32_t written = 0;
    if (FAILED(ds_write_virtual(s->t, addr, buf, (uint32_t)len, &written)) || written != len)
        return put(reply, "E0e");
    return put(reply, "OK");
}

static size_t thread_list(struct serve_session *s, bool first, char *reply)
{
    if (first)
        s->thread_cursor = 0;
    uint32_t count = 0;
    if (FAILED(ds_get_number_threads(s->t, &count)))
        count = 0;
    if (count == 0) {
        if (s->thread_cursor == 0) {
            s->thread_cursor = 1;
            return put(reply, "m1");
        }
        return put(reply, "l");
    }
    if (s->thread_cursor >= count)
        return put(reply, "l");
    size_t n = 0;
    reply[n++] = 'm';
    /* Some at a time; each id takes at most 19 characters (pPID.TID). */
    while (s->thread_cursor < count && n + 34 < SERVE_REPLY_CAP && n < 4000) {
        uint32_t id;
        if (FAILED(ds_get_thread_ids(s->t, s->thread_cursor, 1, &id)))
            break;
        char tid[32];
        int k = snprintf(reply + n, 34, "%s%s", n > 1 ? "," : "",
                         thread_text(s, id, tid, sizeof tid));
        n += (size_t)k;
        s->thread_cursor++;
    }
    return n > 1 ? n : put(reply, "l");
}

static size_t supported(struct serve_session *s, const char *pkt, size_t n, char *reply)
{
    char text[512];
    s->multiprocess = memmem(pkt, n, "multiprocess+", strlen("multiprocess+")) != NULL;
    snprintf(text, sizeof text,
             "PacketSize=%x;QStartNoAckMode+;qXfer:memory-map:read+;qXfer:features:read+;"
             "qXfer:threads:read+;binary-upload+%s%s",
             SERVE_PACKET_SIZE, s->multiprocess ? ";multiprocess+" : "",
             serve_libraries_feature(s->t));
    return put(reply, text);
}

static size_t query(struct serve_session *s, const char *pkt, size_t n, char *reply)
{
    const char *end = pkt + n;
    if (starts(pkt, n, "qSupported"))
        return supported(s, pkt, n, reply);
    if (n == 1 + strlen("StartNoAckMode") && starts(pkt, n, "QStartNoAckMode")) {
        s->no_ack = true; /* the session turns it on after sending the OK */
        return put(reply, "OK");
    }
    if (starts(pkt, n, "qXfer:"))
        return serve_qxfer(s, pkt, n, reply);
    if (starts(pkt, n, "qfThreadInfo"))
        return thread_list(s, true, reply);
    if (starts(pkt, n, "qsThreadInfo"))
        return thread_list(s, false, reply);
    if (n == 2 && pkt[1] == 'C') {
        char text[48], tid[32];
        snprintf(text, sizeof text, "QC%s", thread_text(s, serve_current_thread(s), tid, sizeof tid));
        return put(reply, text);
    }
    if (starts(pkt, n, "qSearch:memory:"))
        return serve_search(s, pkt, n, reply);
    if (starts(pkt, n, "qAttached"))
        return put(reply, "1"); /* detaching leaves the target as it was */
    if (starts(pkt, n, "qMemoryRegionInfo:")) {
        const char *p = pkt + strlen("qMemoryRegionInfo:");
        uint64_t addr;
        if (!rsp_scan_hex_u64(&p, end, &addr) || p != end)
            return put(reply, "E16");
        return serve_region_info(s, addr, reply);
    }
    if (starts(pkt, n, "qMemoryRegionInfo"))
        return put(reply, "OK"); /* supported: lldb's probe */
    if (starts(pkt, n, "qHostInfo") || starts(pkt, n, "qProcessInfo")) {
        /* lldb asks these first; a pointer size and byte order let it
           pick an architecture when target.xml is not enough. */
        char text[160];
        s->lldb = true; /* gdb asks neither */
        uint32_t machine = ds_machine(s->t);
        const char *arch = machine == IMAGE_FILE_MACHINE_I386    ? "i386"
                           : machine == IMAGE_FILE_MACHINE_ARM64 ? "aarch64"
                                                                 : "x86_64";
        /* The OS picks lldb's dynamic loader, which alone loads the
           library list: POSIX-DYLD asks qXfer:libraries-svr4 or
           qXfer:libraries and loads each image (from its file, else from
           target memory); an unknown OS gets the static loader (none),
           and lldb 14's Windows loader loads nothing without an executable
           file. So a target with modules says linux, a Windows dump too:
           its ABI is the SysV one an unknown OS gets as well. */
        char triple[48];
        snprintf(triple, sizeof triple, "%s-%s", arch,
                 serve_libraries_kind(s->t) != SERVE_LIBS_NONE ? "unknown-linux-gnu"
                                                               : "unknown-unknown");
        char hex[100];
        hex[rsp_hex_encode(triple, strlen(triple), hex)] = '\0';
        int k = snprintf(text, sizeof text, "triple:%s;ptrsize:%u;endian:little;", hex,
                         ds_pointer_size(s->t));
        if (pkt[1] == 'P' && ds_process_id(s->t))
            snprintf(text + k, sizeof text - (size_t)k, "pid:%x;", ds_process_id(s->t));
        return put(reply, text);
    }
    return 0; /* unknown: the empty reply */
}

size_t serve_handle_packet(struct serve_session *s, const char *pkt, size_t n, char *reply)
{
    if (n == 0)
        return 0;
    const char *end = pkt + n;
    char text[64], tid_text[32];
    switch (pkt[0]) {
    case '?':
        snprintf(text, sizeof text, "T05thread:%s;",
                 thread_text(s, serve_current_thread(s), tid_text, sizeof tid_text));
        return put(reply, text);
    case 'm':
        return read_hex(s, pkt + 1, end, reply);
    case 'x':
        return read_binary(s, pkt + 1, end, reply);
    case 'M':
        return write_memory(s, pkt + 1, end, false, reply);
    case 'X':
        return write_memory(s, pkt + 1, end, true, reply);
    case 'g':
        return n == 1 ? serve_registers_hex(s, serve_current_thread(s), reply, SERVE_REPLY_CAP)
                      : 0;
    case 'p': {
        const char *p = pkt + 1;
        uint64_t reg;
        if (!rsp_scan_hex_u64(&p, end, &reg))
            return put(reply, "E16");
        /* lldb may add ";thread:TID;" */
        uint32_t tid = serve_current_thread(s);
        if (p != end && starts(p, (size_t)(end - p), ";thread:")) {
            const char *q = skip_pid(p + strlen(";thread:"), end);
            uint64_t v;
            if (q && rsp_scan_hex_u64(&q, end, &v) && v <= UINT32_MAX)
                tid = (uint32_t)v;
        }
        size_t k = serve_register_hex(s, tid, reg, reply, SERVE_REPLY_CAP);
        return k ? k : put(reply, "E16");
    }
    case 'P':
    case 'G':
        return put(reply, "E01"); /* registers of a snapshot cannot change */
    case 'H':
        if (n >= 2 && (pkt[1] == 'g' || pkt[1] == 'c')) {
            const char *p = skip_pid(pkt + 2, end);
            if (!p || (p != end && *p == '-')) /* -1, pPID: all threads */
                return put(reply, "OK");
            uint64_t tid;
            if (!rsp_scan_hex_u64(&p, end, &tid) || p != end)
                return put(reply, "E16");
            if (pkt[1] == 'c' || tid == 0)
                return put(reply, "OK");
            if (tid > UINT32_MAX || !thread_known(s, (uint32_t)tid))
                return put(reply, "E02");
            s->thread = (uint32_t)tid;
            return put(reply, "OK");
        }
        return 0;
    case 'T': {
        const char *p = skip_pid(pkt + 1, end);
        uint64_t tid;
        if (!p || !rsp_scan_hex_u64(&p, end, &tid) || p != end || tid > UINT32_MAX)
            return put(reply, "E16");
        return put(reply, thread_known(s, (uint32_t)tid) ? "OK" : "E02");
    }
    case 'k':
        s->end = true;
        return 0;
    case 'D':
        s->end = true;
        return put(reply, "OK");
    case 'c':
    case 's':
    case 'C':
    case 'S':
        /* Nothing runs: report the same stop again, so a stray continue
           leaves the debugger where it was. */
        snprintf(text, sizeof text, "T05thread:%s;",
                 thread_text(s, serve_current_thread(s), tid_text, sizeof tid_text));
        return put(reply, text);
    case 'v':
        if (starts(pkt, n, "vKill")) {
            s->end = true;
            return put(reply, "OK");
        }
        if (starts(pkt, n, "vFile:"))
            return serve_vfile(s, pkt, n, reply);
        return 0; /* vCont?, vMustReplyEmpty ...: not here */
    case 'q':
    case 'Q':
        return query(s, pkt, n, reply);
    default:
        return 0;
    }
}
