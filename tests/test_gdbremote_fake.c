/*
 * test_gdbremote_fake.c — the gdbremote backend against a scripted stub in
 * this process (a thread on 127.0.0.1), through the public API: the cases
 * a real server shows only by accident. The stub answers like gdbserver
 * (all-or-nothing reads, E01, run-length-compressed replies, X, binary
 * qSearch:memory) or like lldb-server (qMemoryRegionInfo), with a small
 * PacketSize so that every read is many requests in flight; and it can
 * misbehave: stay silent, flood console output, send more bytes than
 * asked, drop the connection in the middle of a read.
 *
 * The real servers (gdbserver, lldb-server, QEMU) are tested by
 * tests/test_remote*.c.
 */
#include "testlib.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "rsp/rsp.h"
#include "target.h"

#define BASE 0x10000ull
#define PAGE 4096u
#define NPAGES 6u
#define TOP_PAGE (0ull - PAGE) /* the last page of the address space */
/* Pages 0-2 read-write, 3 a hole, 4 read-only, 5 read-write. */
static bool page_mapped(unsigned p) { return p < NPAGES && p != 3; }
static bool page_writable(unsigned p) { return page_mapped(p) && p != 4; }

enum misbehave { FAKE_GOOD, FAKE_SILENT, FAKE_FLOOD, FAKE_LIAR, FAKE_DROP, FAKE_ACK_MODE };

struct fake {
    int listen_fd, fd;
    int port;
    enum misbehave mode;
    bool rle;             /* compress replies as gdbserver does */
    bool no_ack;
    bool region_info;     /* answer qMemoryRegionInfo, as lldb-server */
    bool memory_map;      /* offer qXfer:memory-map, as OpenOCD */
    const char *map_xml;  /* with memory_map: the map, instead of the usual one */
    bool top_page;        /* with region_info: a readable last page of the address space */
    const char *search_answer; /* when set, every qSearch's reply */
    int x_mode;           /* 0: no x; 1: bare x (lldb-server); 2: "b" + data (GDB 16) */
    unsigned x_requests;
    uint8_t mem[NPAGES * PAGE];
    unsigned m_requests, searches, region_queries;
    unsigned max_batch;   /* most requests found waiting at once */
    pthread_t thread;
    char buf[8192], out[20000];
};

/* gdbserver's run-length encoding: runs of 4+ become c*N, never with the
   count characters '#' or '$' (so runs of 6 and 7 extra are cut). */
static size_t rle(const char *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t run = 1;
        while (i + run < n && in[i + run] == in[i] && run < 98)
            run++;
        out[o++] = in[i];
        size_t more = run - 1;
        if (more >= 3) {
            if (more == 6 || more == 7)
                more = 5;
            out[o++] = '*';
            out[o++] = (char)(more + 29);
            i += more + 1;
        } else {
            i++;
        }
    }
    return o;
}

static void reply(struct fake *f, const char *payload, size_t n)
{
    char raw[20000];
    if (f->rle && n < sizeof raw) {
        n = rle(payload, n, raw);
        payload = raw;
    }
    size_t len = rsp_frame(f->out, sizeof f->out, payload, n);
    if (write(f->fd, f->out, len) < 0)
        return;
}

static void replys(struct fake *f, const char *s) { reply(f, s, strlen(s)); }

static void answer_m(struct fake *f, const char *p, size_t n)
{
    const char *e = p + n, *q = p + 1;
    uint64_t addr, len;
    if (!rsp_scan_hex_u64(&q, e, &addr) || *q++ != ',' || !rsp_scan_hex_u64(&q, e, &len)) {
        replys(f, "E22");
        return;
    }
    f->m_requests++;
    if (f->mode == FAKE_DROP && f->m_requests == 3) {
        close(f->fd);
        f->fd = -1;
        return;
    }
    for (uint64_t a = addr; a < addr + len; a++)
        if (a < BASE || !page_mapped((unsigned)((a - BASE) / PAGE))) {
            replys(f, "E01"); /* all or nothing, as every real server */
            return;
        }
    char hex[20000];
    size_t k = rsp_hex_encode(f->mem + (addr - BASE), (size_t)len, hex);
    if (f->mode == FAKE_LIAR)
        k = rsp_hex_encode(f->mem + (addr - BASE), (size_t)len + 1, hex); /* a byte too many */
    reply(f, hex, k);
}

static void answer_x(struct fake *f, const char *p, size_t n)
{
    const char *e = p + n, *q = p + 1;
    uint64_t addr, len;
    if (!rsp_scan_hex_u64(&q, e, &addr) || *q++ != ',' || !rsp_scan_hex_u64(&q, e, &len) ||
        len > 4096) {
        replys(f, "E22");
        return;
    }
    if (len == 0) {
        replys(f, f->x_mode == 1 ? "OK" : "b");
        return;
    }
    f->x_requests++;
    for (uint64_t a = addr; a < addr + len; a++)
        if (a < BASE || !page_mapped((unsigned)((a - BASE) / PAGE))) {
            replys(f, "E08");
            return;
        }
    char esc[8200];
    size_t o = 0, took;
    if (f->x_mode == 2)
        esc[o++] = 'b';
    o += rsp_escape(f->mem + (addr - BASE), (size_t)len, esc + o, sizeof esc - o, &took);
    reply(f, esc, o);
}

static void answer_X(struct fake *f, const char *p, size_t n)
{
    const char *e = p + n, *q = p + 1;
    uint64_t addr, len;
    if (!rsp_scan_hex_u64(&q, e, &addr) || *q++ != ',' || !rsp_scan_hex_u64(&q, e, &len) ||
        *q++ != ':') {
        replys(f, "E22");
        return;
    }
    uint8_t data[8192];
    size_t got;
    if (!rsp_unescape(q, (size_t)(e - q), data, sizeof data, &got) || got != len) {
        replys(f, "E22");
        return;
    }
    for (uint64_t i = 0; i < len; i++) {
        uint64_t a = addr + i;
        if (a < BASE || !page_writable((unsigned)((a - BASE) / PAGE))) {
            replys(f, "E01"); /* what came before stays written, as with gdbserver */
            return;
        }
        f->mem[a - BASE] = data[i];
    }
    replys(f, "OK");
}

static void answer_search(struct fake *f, const char *p, size_t n)
{
    const char *e = p + n, *q = p + strlen("qSearch:memory:");
    uint64_t addr, len;
    if (!rsp_scan_hex_u64(&q, e, &addr) || *q++ != ';' || !rsp_scan_hex_u64(&q, e, &len) ||
        *q++ != ';') {
        replys(f, "E22");
        return;
    }
    uint8_t pat[256];
    size_t plen;
    if (!rsp_unescape(q, (size_t)(e - q), pat, sizeof pat, &plen) || plen == 0) {
        replys(f, "E22");
        return;
    }
    f->searches++;
    if (f->search_answer) {
        replys(f, f->search_answer);
        return;
    }
    for (uint64_t a = addr; a + plen <= addr + len; a++) {
        for (uint64_t b = a; b < a + plen; b++)
            if (b < BASE || !page_mapped((unsigned)((b - BASE) / PAGE))) {
                replys(f, "E00");
                return;
            }
        if (memcmp(f->mem + (a - BASE), pat, plen) == 0) {
            char r[40];
            snprintf(r, sizeof r, "1,%llx", (unsigned long long)a);
            replys(f, r);
            return;
        }
    }
    replys(f, "0");
}

static void answer_region(struct fake *f, const char *p, size_t n)
{
    uint64_t addr;
    const char *q = p + strlen("qMemoryRegionInfo:");
    if (!rsp_scan_hex_u64(&q, p + n, &addr)) {
        replys(f, "E22");
        return;
    }
    f->region_queries++;
    char r[128];
    if (addr < BASE) {
        snprintf(r, sizeof r, "start:0;size:%llx;", BASE);
    } else if (f->top_page && addr >= TOP_PAGE) {
        snprintf(r, sizeof r, "start:%llx;size:%x;permissions:r;", TOP_PAGE, PAGE);
    } else if (addr >= BASE + NPAGES * PAGE) {
        snprintf(r, sizeof r, "start:%llx;size:%llx;", BASE + NPAGES * PAGE,
                 (f->top_page ? TOP_PAGE : 0ull) - (BASE + NPAGES * PAGE));
    } else {
        unsigned pg = (unsigned)((addr - BASE) / PAGE);
        snprintf(r, sizeof r, "start:%llx;size:%x;%s", BASE + pg * PAGE, PAGE,
                 !page_mapped(pg) ? "" : page_writable(pg) ? "permissions:rw;" : "permissions:r;");
    }
    replys(f, r);
}

static void answer(struct fake *f, const char *p, size_t n)
{
#define IS(s) (n == strlen(s) && memcmp(p, s, n) == 0)
#define STARTS(s) (n >= strlen(s) && memcmp(p, s, strlen(s)) == 0)
    if (f->mode == FAKE_FLOOD && IS("?")) {
        for (int i = 0; i < 5000; i++)
            replys(f, "O4869");
    }
    if (STARTS("qSupported")) {
        char sup[200];
        snprintf(sup, sizeof sup, "PacketSize=200;qXfer:features:read+%s%s%s",
                 f->mode == FAKE_ACK_MODE ? "" : ";QStartNoAckMode+;multiprocess+",
                 f->memory_map ? ";qXfer:memory-map:read+" : "",
                 f->x_mode == 2 ? ";binary-upload+" : "");
        replys(f, sup);
    } else if (STARTS("qXfer:memory-map:read::0,") && f->memory_map && f->map_xml)
        replys(f, f->map_xml);
    else if (STARTS("qXfer:memory-map:read::0,") && f->memory_map)
        replys(f, "l<memory-map><memory type=\"ram\" start=\"0x10000\" length=\"0x3000\"/>"
                  "<memory type='flash' start='0x14000' length='0x1000'>"
                  "<property name='blocksize'>0x400</property></memory>"
                  "<memory type=\"ram\" start=\"0x15000\" length=\"0x1000\"/></memory-map>");
    else if (STARTS("qXfer:memory-map:read::") && f->memory_map)
        replys(f, "l");
    else if (IS("QStartNoAckMode")) {
        replys(f, "OK");
        f->no_ack = true;
    } else if (IS("?"))
        replys(f, "T05thread:p4d2.4d2;");
    else if (IS("qfThreadInfo"))
        replys(f, "mp4d2.4d2,p4d2.4d3");
    else if (IS("qsThreadInfo"))
        replys(f, "l");
    else if (STARTS("qXfer:features:read:target.xml:0,"))
        replys(f, "l<target><architecture>i386:x86-64</architecture></target>");
    else if (STARTS("qXfer:features:read:target.xml:"))
        replys(f, "l");
    else if (STARTS("Hg"))
        replys(f, "OK");
    else if (p[0] == 'm')
        answer_m(f, p, n);
    else if (p[0] == 'x' && f->x_mode)
        answer_x(f, p, n);
    else if (p[0] == 'X')
        answer_X(f, p, n);
    else if (STARTS("qSearch:memory:"))
        answer_search(f, p, n);
    else if (STARTS("qMemoryRegionInfo:") && f->region_info)
        answer_region(f, p, n);
    else
        replys(f, ""); /* unknown: the empty reply */
#undef IS
#undef STARTS
}

static void *fake_main(void *arg)
{
    struct fake *f = arg;
    f->fd = accept(f->listen_fd, NULL, NULL);
    if (f->fd < 0)
        return NULL;
    struct rsp_parser parser;
    rsp_parser_init(&parser, f->buf, sizeof f->buf);
    uint8_t in[65536];
    for (;;) {
        if (f->fd < 0)
            break;
        ssize_t r = read(f->fd, in, sizeof in);
        if (r <= 0)
            break;
        if (f->mode == FAKE_SILENT)
            continue;
        unsigned batch = 0;
        for (size_t off = 0; off < (size_t)r && f->fd >= 0;) {
            enum rsp_event ev;
            off += rsp_parser_feed(&parser, in + off, (size_t)r - off, &ev);
            if (ev != RSP_EV_PACKET)
                continue;
            batch++;
            if (!f->no_ack && write(f->fd, "+", 1) < 0)
                break;
            answer(f, parser.buf, parser.len);
        }
        if (batch > f->max_batch)
            f->max_batch = batch;
    }
    if (f->fd >= 0)
        close(f->fd);
    return NULL;
}

static void fake_start(struct fake *f, enum misbehave mode, bool rle_on)
{
    memset(f, 0, sizeof *f);
    f->mode = mode;
    f->rle = rle_on;
    for (size_t i = 0; i < sizeof f->mem; i++)
        f->mem[i] = (uint8_t)(i * 7 + i / 251);
    memset(f->mem + 5 * PAGE, 0, 1000); /* runs for the run-length encoder */
    memcpy(f->mem + 5 * PAGE + 2000, "$#}*needle*}#$", 14);
    f->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001) };
    assert_int_equal(bind(f->listen_fd, (struct sockaddr *)&sin, sizeof sin), 0);
    assert_int_equal(listen(f->listen_fd, 1), 0);
    socklen_t len = sizeof sin;
    getsockname(f->listen_fd, (struct sockaddr *)&sin, &len);
    f->port = ntohs(sin.sin_port);
    assert_int_equal(pthread_create(&f->thread, NULL, fake_main, f), 0);
}

static void fake_stop(struct fake *f)
{
    shutdown(f->listen_fd, SHUT_RDWR);
    close(f->listen_fd);
    pthread_join(f->thread, NULL);
}

static ds_target *fake_connect(struct fake *f, const char *options)
{
    char spec[128];
    snprintf(spec, sizeof spec, "gdb:127.0.0.1:%d%s", f->port, options);
    ds_target *t = NULL;
    HRESULT hr = ds_open(spec, 0, &t);
    if (hr != S_OK)
        fail_msg("ds_open(%s): 0x%x %s", spec, (unsigned)hr, ds_error_text(NULL));
    return t;
}

/* ---- a well-behaved stub ----------------------------------------------------- */

static void check_target(struct fake *f, ds_target *t)
{
    assert_string_equal(ds_target_kind(t), "gdbremote");
    assert_int_equal(ds_process_id(t), 0x4d2);
    assert_int_equal(ds_pointer_size(t), 8);
    assert_int_equal(ds_machine(t), IMAGE_FILE_MACHINE_AMD64);
    uint32_t n, ids[2];
    assert_int_equal(ds_get_number_threads(t, &n), S_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ds_get_thread_ids(t, 0, 2, ids), S_OK);
    assert_int_equal(ids[1], 0x4d3);

    /* Three pages, then the hole: the readable prefix, exactly. */
    uint8_t *buf = malloc(5 * PAGE);
    uint32_t got = 0;
    assert_int_equal(ds_read_virtual_uncached(t, BASE + 100, buf, 4 * PAGE, &got), S_OK);
    assert_int_equal(got, 3 * PAGE - 100);
    assert_memory_equal(buf, f->mem + 100, got);
    /* Through the cache too, and at the hole itself: a read fault. */
    assert_int_equal(ds_read_virtual(t, BASE + 2 * PAGE + 5, buf, 2 * PAGE, &got), S_OK);
    assert_int_equal(got, PAGE - 5);
    assert_memory_equal(buf, f->mem + 2 * PAGE + 5, got);
    HRESULT hr = ds_read_virtual_uncached(t, BASE + 3 * PAGE + 8, buf, 8, &got);
    assert_int_equal(hr, HRESULT_FROM_WIN32(ERROR_READ_FAULT));
    assert_non_null(strstr(ds_error_text(t), "127.0.0.1"));
    assert_non_null(strstr(ds_error_text(t), "answered E0")); /* E01, E08 */
    /* The cache sits in front of the stopped target: the same bytes again
       cost the server nothing. */
    assert_int_equal(ds_read_virtual(t, BASE + 64, buf, 32, &got), S_OK);
    unsigned asked = f->m_requests;
    assert_int_equal(ds_read_virtual(t, BASE + 64, buf, 32, &got), S_OK);
    assert_int_equal(ds_read_virtual(t, BASE + 2000, buf, 100, &got), S_OK);
    assert_int_equal(f->m_requests, asked);
    assert_memory_equal(buf, f->mem + 2000, 100);
    /* The page with runs of zeros (compressed by the stub). */
    assert_int_equal(ds_read_virtual_uncached(t, BASE + 5 * PAGE, buf, PAGE, &got), S_OK);
    assert_int_equal(got, PAGE);
    assert_memory_equal(buf, f->mem + 5 * PAGE, PAGE);

    /* Bytes that need escaping, written with X; then across into the
       read-only page: exactly the writable part is reported. */
    static const uint8_t w[] = "$#}*\x03\x7d\x7d";
    assert_int_equal(ds_write_virtual(t, BASE + 10, (void *)w, sizeof w, &got), S_OK);
    assert_int_equal(got, sizeof w);
    assert_memory_equal(f->mem + 10, w, sizeof w);
    uint8_t back[sizeof w];
    assert_int_equal(ds_read_virtual(t, BASE + 10, back, sizeof back, &got), S_OK);
    assert_memory_equal(back, w, sizeof w);
    memset(buf, 0xab, 600);
    assert_int_equal(ds_write_virtual(t, BASE + 3 * PAGE - 300, buf, 600, &got), S_OK);
    assert_int_equal(got, 300);
    assert_int_equal(f->mem[3 * PAGE - 1], 0xab);
    assert_int_not_equal(f->mem[4 * PAGE], 0xab);

    /* The search runs on the server's side, escaped pattern and all. */
    uint64_t match = 0;
    unsigned before = f->searches;
    assert_int_equal(ds_search_virtual(t, BASE, NPAGES * PAGE, "*}#$", 4, 1, &match), S_OK);
    assert_true(match == BASE + 5 * PAGE + 2000 + 10);
    assert_true(f->searches > before);
    /* A granularity the first match misses: the search goes on past it. */
    assert_int_equal(ds_search_virtual(t, BASE + 1, NPAGES * PAGE - 1, "$#}*", 4, 2, &match),
                     HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES));
    free(buf);
}

static void test_gdbserver_like(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_GOOD, true);
    ds_target *t = fake_connect(&f, ",window=8");
    check_target(&f, t);
    /* Several requests were in flight at once. */
    assert_true(f.max_batch > 1);
    ds_close(t);
    fake_stop(&f);
}

static void test_lldb_like_regions(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_GOOD, false);
    f.region_info = true;
    ds_target *t = fake_connect(&f, "");
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_int_equal(ds_query_virtual(t, BASE + 5, &mbi), S_OK);
    assert_true(mbi.BaseAddress == BASE && mbi.RegionSize == PAGE);
    assert_int_equal(mbi.Protect, PAGE_READWRITE);
    /* The hole (a reply without permissions) is free memory. */
    assert_int_equal(ds_query_virtual(t, BASE + 3 * PAGE, &mbi), S_OK);
    assert_true(mbi.BaseAddress == BASE + 3 * PAGE && mbi.RegionSize == PAGE);
    assert_int_equal(mbi.State, MEM_FREE);
    assert_int_equal(ds_query_virtual(t, BASE + 4 * PAGE, &mbi), S_OK);
    assert_true(mbi.BaseAddress == BASE + 4 * PAGE);
    assert_int_equal(mbi.Protect, PAGE_READONLY);
    assert_non_null(strstr(ds_open_notes(t), "qMemoryRegionInfo"));
    uint64_t base;
    uint32_t size;
    assert_int_equal(ds_get_valid_region_virtual(t, BASE, 16 * PAGE, &base, &size), S_OK);
    assert_true(base == BASE && size == 3 * PAGE);
    /* Reads stop where the map says memory ends, without asking the server
       (ptrace-based servers read PROT_NONE pages the process cannot). */
    uint8_t buf[64];
    uint32_t got;
    unsigned asked = f.m_requests;
    assert_int_equal(ds_read_virtual_uncached(t, BASE + 3 * PAGE + 8, buf, 8, &got),
                     HRESULT_FROM_WIN32(ERROR_READ_FAULT));
    assert_non_null(strstr(ds_error_text(t), "qMemoryRegionInfo"));
    assert_int_equal(f.m_requests, asked);
    assert_int_equal(ds_read_virtual_uncached(t, BASE + 3 * PAGE - 8, buf, 64, &got), S_OK);
    assert_int_equal(got, 8);
    ds_close(t);
    fake_stop(&f);
}

/* A region that ends at the top of the address space (its end wraps to
   0) is a region like any other, and the walk stops after it. */
static void test_region_at_the_top(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_GOOD, false);
    f.region_info = true;
    f.top_page = true;
    ds_target *t = fake_connect(&f, "");
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_int_equal(ds_query_virtual(t, TOP_PAGE + 5, &mbi), S_OK);
    assert_true(mbi.BaseAddress == TOP_PAGE && mbi.RegionSize == PAGE);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_READONLY);
    assert_int_equal(ds_query_virtual(t, TOP_PAGE - 1, &mbi), S_OK);
    assert_int_equal(mbi.State, MEM_FREE);
    ds_close(t);
    fake_stop(&f);
}

/* The backend's search with a pattern longer than the range: no match,
   and no request (the range check of a reply would wrap), even from a
   server that claims one. */
static void test_search_pattern_longer_than_range(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_GOOD, false);
    char claim[40];
    snprintf(claim, sizeof claim, "1,%llx", BASE + 8);
    f.search_answer = claim;
    ds_target *t = fake_connect(&f, "");
    uint64_t match = 0;
    assert_int_equal(t->ops->search(t, BASE, 2, "abcd", 4, &match), S_FALSE);
    assert_true(match == 0);
    assert_int_equal(f.searches, 0);
    ds_close(t);
    fake_stop(&f);
}

/* Both dialects of the binary read x: bare (lldb-server, found by the
   x0,0 probe) and "b"-prefixed (GDB 16, announced by binary-upload+). */
static void test_x_dialects(void **state)
{
    (void)state;
    for (int mode = 1; mode <= 2; mode++) {
        struct fake f;
        fake_start(&f, FAKE_GOOD, mode == 2);
        f.x_mode = mode;
        ds_target *t = fake_connect(&f, "");
        check_target(&f, t);
        assert_true(f.x_requests > 0);
        /* Reads of 3 bytes or fewer go as m: "E08" could be their data. */
        uint8_t b[3];
        uint32_t got;
        unsigned xs = f.x_requests;
        assert_int_equal(ds_read_virtual_uncached(t, BASE + 3 * PAGE, b, 3, &got),
                         HRESULT_FROM_WIN32(ERROR_READ_FAULT));
        assert_int_equal(ds_read_virtual_uncached(t, BASE + 7, b, 3, &got), S_OK);
        assert_memory_equal(b, f.mem + 7, 3);
        assert_int_equal(f.x_requests, xs);
        ds_close(t);
        fake_stop(&f);
    }
}

/* OpenOCD's source of regions: the XML memory map. */
static void test_memory_map(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_GOOD, false);
    f.memory_map = true;
    ds_target *t = fake_connect(&f, "");
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_int_equal(ds_query_virtual(t, BASE + 100, &mbi), S_OK);
    assert_true(mbi.BaseAddress == BASE && mbi.RegionSize == 3 * PAGE);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_READWRITE);
    assert_int_equal(ds_query_virtual(t, BASE + 4 * PAGE, &mbi), S_OK);
    assert_int_equal(mbi.Protect, PAGE_READONLY); /* flash */
    assert_int_equal(ds_query_virtual(t, BASE + 3 * PAGE, &mbi), S_OK);
    assert_int_equal(mbi.State, MEM_FREE); /* left out of the map */
    assert_non_null(strstr(ds_open_notes(t), "memory-map"));
    ds_close(t);
    fake_stop(&f);
}

/* A map whose entries overlap keeps the first of each overlap, also
   when that first one ends at the top of the address space (its end
   wraps to 0). */
static void test_memory_map_overlap_at_the_top(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_GOOD, false);
    f.memory_map = true;
    f.map_xml = "l<memory-map>"
                "<memory type=\"ram\" start=\"0xffffffffffffe000\" length=\"0x2000\"/>"
                "<memory type=\"rom\" start=\"0xffffffffffffe800\" length=\"0x800\"/>"
                "</memory-map>";
    ds_target *t = fake_connect(&f, "");
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_int_equal(ds_query_virtual(t, TOP_PAGE + 0x800, &mbi), S_OK);
    assert_true(mbi.BaseAddress == TOP_PAGE && mbi.RegionSize == PAGE); /* from its page */
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_READWRITE);
    ds_close(t);
    fake_stop(&f);
}

static void test_ack_mode(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_ACK_MODE, false);
    ds_target *t = fake_connect(&f, "");
    check_target(&f, t);
    assert_int_equal(f.max_batch, 1); /* no pipelining without no-ack mode */
    ds_close(t);
    fake_stop(&f);
}

/* ---- misbehaving stubs ---------------------------------------------------------- */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_silent_server(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_SILENT, false);
    char spec[96];
    snprintf(spec, sizeof spec, "127.0.0.1:%d,timeout=200", f.port);
    ds_target *t = NULL;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    HRESULT hr = ds_connect(spec, 0, &t);
    assert_true(FAILED(hr));
    assert_null(t);
    assert_non_null(strstr(ds_error_text(NULL), "within 200 ms"));
    assert_non_null(strstr(ds_error_text(NULL), "qSupported"));
    /* Not a timed assertion of speed: a bound against hanging. */
    assert_true(seconds_since(&t0) < 30);
    fake_stop(&f);
}

static void test_output_flood(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_FLOOD, false);
    char spec[96];
    snprintf(spec, sizeof spec, "127.0.0.1:%d", f.port);
    ds_target *t = NULL;
    HRESULT hr = ds_connect(spec, 0, &t);
    assert_true(FAILED(hr));
    assert_non_null(strstr(ds_error_text(NULL), "console-output"));
    fake_stop(&f);
}

static void test_liar(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_LIAR, false);
    ds_target *t = fake_connect(&f, "");
    uint8_t buf[64];
    uint32_t got = 1;
    HRESULT hr = ds_read_virtual_uncached(t, BASE, buf, sizeof buf, &got);
    assert_true(FAILED(hr));
    assert_int_equal(got, 0);
    assert_non_null(strstr(ds_error_text(t), "is not 64 bytes"));
    ds_close(t);
    fake_stop(&f);
}

static void test_dropped_connection(void **state)
{
    (void)state;
    struct fake f;
    fake_start(&f, FAKE_DROP, false);
    ds_target *t = fake_connect(&f, ",window=1");
    uint8_t *buf = malloc(3 * PAGE);
    uint32_t got = 1;
    HRESULT hr = ds_read_virtual_uncached(t, BASE, buf, 3 * PAGE, &got);
    assert_true(FAILED(hr));
    assert_non_null(strstr(ds_error_text(t), "closed the connection"));
    /* Every later call fails at once, with the reason. */
    hr = ds_read_virtual_uncached(t, BASE + 2 * PAGE, buf, 8, &got);
    assert_true(FAILED(hr));
    assert_non_null(strstr(ds_error_text(t), "127.0.0.1"));
    free(buf);
    ds_close(t);
    fake_stop(&f);
}

static void test_bad_specs(void **state)
{
    (void)state;
    ds_target *t = NULL;
    static const char *bad[] = { "gdb:", "gdb:localhost", "gdb:127.0.0.1:1234,pid=0",
                                 "gdb:127.0.0.1:1234,timeout=x", "gdb:127.0.0.1:1234,bogus=1",
                                 "gdb:[::1:1234", NULL };
    for (int i = 0; bad[i]; i++) {
        HRESULT hr = ds_open(bad[i], 0, &t);
        if (hr != E_INVALIDARG)
            fail_msg("%s: 0x%x %s", bad[i], (unsigned)hr, ds_error_text(NULL));
        assert_null(t);
    }
    assert_int_equal(ds_connect("127.0.0.1:1", 0x10, &t), E_INVALIDARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gdbserver_like),
        cmocka_unit_test(test_lldb_like_regions),
        cmocka_unit_test(test_region_at_the_top),
        cmocka_unit_test(test_search_pattern_longer_than_range),
        cmocka_unit_test(test_ack_mode),
        cmocka_unit_test(test_x_dialects),
        cmocka_unit_test(test_memory_map),
        cmocka_unit_test(test_memory_map_overlap_at_the_top),
        cmocka_unit_test(test_silent_server),
        cmocka_unit_test(test_output_flood),
        cmocka_unit_test(test_liar),
        cmocka_unit_test(test_dropped_connection),
        cmocka_unit_test(test_bad_specs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
