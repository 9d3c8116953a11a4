/*
 * test_serve_search — the stub's qSearch:memory (gdb's `find`) and its
 * read-only vFile serving a synthetic /proc/PID/maps (gdb's `info proc
 * mappings`), packet by packet and through real debuggers, checked against
 * what the test planted and what ds_search_virtual / ds_query_virtual say.
 * Hostile qSearch and vFile packets leave the stub serving.
 */
#include "testlib.h"
#include "elfcore_builder.h"
#include "minidump_builder.h"
#include "serve_client.h"

#include "rsp/rsp.h"
#include "serve/serve.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* A minidump of two ranges with a hole between them: A (pattern bytes),
   a gap of GAP bytes, B (pattern bytes) whose bytes at B_NEEDLE and at its
   very end are the needle, which holds every byte the protocol escapes. */
#define A_BASE 0x10000000ull
#define A_SIZE 0x2000u
#define GAP 0x3000u
#define B_BASE (A_BASE + A_SIZE + GAP)
#define B_SIZE 0x1000u
#define B_NEEDLE (B_BASE + 0x123)
static const uint8_t needle[] = {'}', '#', '$', '*', 0x00, 0x7d, 0xa5, 0x5a};

static ds_target *gap_dump(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, 2 /* VER_PLATFORM_WIN32_NT */);
    mdb_memory_pattern(m, A_BASE, A_SIZE, 7, MDB_IN_LIST32);
    uint8_t *b = mdb_memory_pattern(m, B_BASE, B_SIZE, 9, MDB_IN_LIST32);
    memcpy(b + (B_NEEDLE - B_BASE), needle, sizeof needle);
    memcpy(b + B_SIZE - sizeof needle, needle, sizeof needle);
    struct mdb_thread *th = mdb_thread(m, 0x1234, A_BASE, A_SIZE);
    th->pc = MD_PC;
    th->sp = A_BASE + 0x1f00;
    return mdb_open(m, 0);
}

static size_t ask_n(struct serve_session *s, const char *pkt, size_t n, char *reply)
{
    size_t k = serve_handle_packet(s, pkt, n, reply);
    reply[k] = '\0';
    return k;
}

static const char *ask(struct serve_session *s, const char *pkt, char *reply)
{
    ask_n(s, pkt, strlen(pkt), reply);
    return reply;
}

/* "qSearch:memory:ADDR;LEN;" + the escaped pattern; its length. */
static size_t search_packet(char *pkt, size_t cap, uint64_t addr, uint64_t len,
                            const uint8_t *pattern, size_t size)
{
    size_t h = (size_t)snprintf(pkt, cap, "qSearch:memory:%" PRIx64 ";%" PRIx64 ";", addr, len);
    size_t used;
    size_t k = rsp_escape(pattern, size, pkt + h, cap - h, &used);
    assert_int_equal(used, size);
    return h + k;
}

/* What the stub must say for a search: derived from ds_search_virtual. */
static void expect_search(struct serve_session *s, uint64_t addr, uint64_t len,
                          const uint8_t *pattern, size_t size, bool found, uint64_t where)
{
    static char pkt[SERVE_PACKET_SIZE], reply[SERVE_REPLY_CAP + 1];
    size_t n = search_packet(pkt, sizeof pkt, addr, len, pattern, size);
    ask_n(s, pkt, n, reply);
    char want[40] = "0";
    if (found)
        snprintf(want, sizeof want, "1,%" PRIx64, where);
    if (strcmp(reply, want) != 0)
        fail_msg("qSearch 0x%" PRIx64 "+0x%" PRIx64 " answered \"%s\", not \"%s\"", addr, len,
                 reply, want);
}

static void test_search_packets(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = gap_dump(&m);
    struct serve_session s;
    serve_session_init(&s, t);
    static char reply[SERVE_REPLY_CAP + 1];

    /* Found: the library and the stub agree, and both say where the test
       planted it: across the gap, from the start of A. */
    uint64_t where = 0;
    assert_hr(S_OK, ds_search_virtual(t, A_BASE, 0x10000, needle, sizeof needle, 1, &where),
              t);
    assert_int_equal(where, B_NEEDLE);
    expect_search(&s, A_BASE, 0x10000, needle, sizeof needle, true, B_NEEDLE);
    /* The whole address space, and from the top of it down to nothing:
       no wrap past 2^64. */
    expect_search(&s, 0, UINT64_MAX, needle, sizeof needle, true, B_NEEDLE);
    expect_search(&s, UINT64_MAX - 0x10, 0x1000, needle, sizeof needle, false, 0);
    expect_search(&s, 0xffffffffffff0000ull, 0xffffffffffff0000ull, needle, sizeof needle,
                  false, 0);
    /* After the first copy: the one at the very end of B, found with a
       range that ends with it, not with one a byte shorter. */
    uint64_t last = B_BASE + B_SIZE - sizeof needle;
    expect_search(&s, B_NEEDLE + 1, last + sizeof needle - (B_NEEDLE + 1), needle,
                  sizeof needle, true, last);
    expect_search(&s, B_NEEDLE + 1, last + sizeof needle - 1 - (B_NEEDLE + 1), needle,
                  sizeof needle, false, 0);
    /* Not there: bytes of A's end and B's start are not adjacent memory. */
    uint8_t straddle[4] = {mdb_pattern(A_BASE + A_SIZE - 2, 7), mdb_pattern(A_BASE + A_SIZE - 1, 7),
                           mdb_pattern(B_BASE, 9), mdb_pattern(B_BASE + 1, 9)};
    assert_hr(HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES),
              ds_search_virtual(t, A_BASE, 0x10000, straddle, 4, 1, &where), t);
    expect_search(&s, A_BASE, 0x10000, straddle, 4, false, 0);
    /* A pattern longer than the range, LEN 0: nothing. */
    expect_search(&s, B_NEEDLE, sizeof needle - 1, needle, sizeof needle, false, 0);
    expect_search(&s, B_NEEDLE, 0, needle, sizeof needle, false, 0);
    /* Malformed: E16, and the session goes on. */
    assert_string_equal(ask(&s, "qSearch:memory:zz;10;ab", reply), "E16");
    assert_string_equal(ask(&s, "qSearch:memory:10;10", reply), "E16");
    assert_string_equal(ask(&s, "qSearch:memory:10,10;ab", reply), "E16");
    assert_string_equal(ask(&s, "qSearch:memory:10;10;", reply), "E16");  /* empty */
    assert_string_equal(ask(&s, "qSearch:memory:10;10;ab}", reply), "E16"); /* cut escape */
    assert_string_equal(ask(&s, "qSearch:memory:10000000000000000;10;ab", reply), "E16");
    assert_string_equal(ask(&s, "qSearch:memory:", reply), "E16");
    expect_search(&s, A_BASE, 0x10000, needle, sizeof needle, true, B_NEEDLE);
    serve_session_release(&s);
    ds_close(t);
    mdb_free(&m);
}

/* ---- vFile ------------------------------------------------------------------ */

/* "vFile:open:HEX(path),flags,mode" */
static const char *open_packet(char *pkt, const char *path, size_t path_len, unsigned flags)
{
    size_t n = (size_t)snprintf(pkt, 64, "vFile:open:");
    n += rsp_hex_encode(path, path_len, pkt + n);
    snprintf(pkt + n, 32, ",%x,1a4", flags);
    return pkt;
}

/* The whole file through pread, count bytes at a time. */
static char *read_whole(struct serve_session *s, const char *fd, size_t count, size_t *len)
{
    static char reply[SERVE_REPLY_CAP + 1];
    size_t cap = 1 << 20, have = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
    for (int i = 0; i < 100000; i++) {
        char pkt[96];
        snprintf(pkt, sizeof pkt, "vFile:pread:%s,%zx,%zx", fd, count, have);
        size_t n = ask_n(s, pkt, strlen(pkt), reply);
        assert_true(n >= 3 && reply[0] == 'F');
        char *semi = memchr(reply, ';', n);
        assert_non_null(semi);
        unsigned long got = strtoul(reply + 1, NULL, 16);
        size_t out = 0;
        assert_true(got <= count && have + got < cap);
        assert_true(rsp_unescape(semi + 1, n - (size_t)(semi + 1 - reply), doc + have,
                                 cap - have, &out));
        assert_int_equal(out, got);
        if (got == 0)
            break;
        have += got;
    }
    doc[have] = '\0';
    *len = have;
    return doc;
}

/* Every committed region of QueryVirtual appears as a line "start-end". */
static void expect_every_region(ds_target *t, const char *doc, const char *what)
{
    uint64_t at = 0;
    unsigned seen = 0;
    for (int i = 0; i < 100000; i++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        if (FAILED(ds_query_virtual(t, at, &mbi)) || mbi.RegionSize == 0)
            break;
        if (mbi.State == MEM_COMMIT) {
            char want[64];
            snprintf(want, sizeof want, "%08" PRIx64 "-%08" PRIx64 " ", mbi.BaseAddress,
                     mbi.BaseAddress + mbi.RegionSize);
            if (!strstr(doc, want))
                fail_msg("%s lacks the region %s:\n%s", what, want, doc);
            seen++;
        }
        if (mbi.BaseAddress + mbi.RegionSize <= at)
            break;
        at = mbi.BaseAddress + mbi.RegionSize;
    }
    assert_true(seen > 0);
}

static void test_vfile_packets(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = gap_dump(&m);
    struct serve_session s;
    serve_session_init(&s, t);
    static char reply[SERVE_REPLY_CAP + 1];
    char pkt[1024];
    /* The minidump names no process: the stub's pid is 1. */
    assert_int_equal(ds_process_id(t), 0);
    assert_int_equal(serve_pid(&s), 1);
    assert_string_equal(ask(&s, "vFile:setfs:0", reply), "F0");
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps", 12, 0), reply), "F7");
    /* One file at a time. */
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps", 12, 0), reply), "F-1,18");
    size_t len;
    char *doc = read_whole(&s, "7", 100, &len);
    assert_int_equal(len, strlen(doc));
    expect_every_region(t, doc, "the synthetic maps");
    char *big = read_whole(&s, "7", 0x7fffffff, &len);  /* a count no reply holds */
    assert_string_equal(doc, big);
    free(big);
    free(doc);
    assert_string_equal(ask(&s, "vFile:close:7", reply), "F0");
    assert_string_equal(ask(&s, "vFile:close:7", reply), "F-1,9");
    assert_string_equal(ask(&s, "vFile:pread:7,10,0", reply), "F-1,9");

    /* Every other name: ENOENT, however it is spelled. */
    assert_string_equal(ask(&s, open_packet(pkt, "/etc/passwd", 11, 0), reply), "F-1,2");
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/../1/maps", 17, 0), reply), "F-1,2");
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps\0/x", 15, 0), reply), "F-1,2");
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/2/maps", 12, 0), reply), "F-1,2");
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/mapsX", 13, 0), reply), "F-1,2");
    /* Writing: EROFS. Malformed: EINVAL; a name too long: ENAMETOOLONG. */
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps", 12, 1), reply), "F-1,1e");
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps", 12, 0x202), reply),
                        "F-1,1e");
    assert_string_equal(ask(&s, "vFile:open:2f70726f,0", reply), "F-1,16");
    assert_string_equal(ask(&s, "vFile:open:2f7,0,0", reply), "F-1,16");     /* odd */
    assert_string_equal(ask(&s, "vFile:open:zz,0,0", reply), "F-1,16");      /* not hex */
    assert_string_equal(ask(&s, "vFile:open:2f70", reply), "F-1,16");        /* unterminated */
    memset(pkt, 0, sizeof pkt);
    memcpy(pkt, "vFile:open:", 11);
    memset(pkt + 11, '4', 900);
    memcpy(pkt + 911, ",0,0", 4);
    assert_string_equal(ask(&s, pkt, reply), "F-1,5b");
    /* Hostile fds and offsets. */
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps", 12, 0), reply), "F7");
    assert_string_equal(ask(&s, "vFile:pread:ffffffffffffffff,10,0", reply), "F-1,9");
    assert_string_equal(ask(&s, "vFile:pread:7,10,-1", reply), "F-1,16");
    assert_string_equal(ask(&s, "vFile:pread:7,-10,0", reply), "F-1,16");
    assert_string_equal(ask(&s, "vFile:pread:7,10", reply), "F-1,16");
    assert_string_equal(ask(&s, "vFile:pread:7,10,ffffffffffffffff", reply), "F0;");
    assert_string_equal(ask(&s, "vFile:close:-1", reply), "F-1,16");
    assert_string_equal(ask(&s, "vFile:close:1", reply), "F-1,9");
    assert_string_equal(ask(&s, "vFile:pwrite:7,0,41", reply), "F-1,1e");
    assert_string_equal(ask(&s, "vFile:unlink:2f", reply), "F-1,1e");
    assert_string_equal(ask(&s, "vFile:readlink:2f70726f632f312f657865", reply), "F-1,2");
    assert_string_equal(ask(&s, "vFile:setfs:zz", reply), "F-1,16");
    assert_int_equal(ask_n(&s, "vFile:nonesuch:1", 16, reply), 0);
    assert_string_equal(ask(&s, "vFile:pread:7,4,0", reply), "F4;1000");
    assert_string_equal(ask(&s, "vFile:close:7", reply), "F0");
    serve_session_release(&s);
    ds_close(t);
    mdb_free(&m);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_packets),
        cmocka_unit_test(test_vfile_packets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
