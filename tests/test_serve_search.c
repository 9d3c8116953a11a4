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
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
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

/* With module NULL, a Windows process's dump; with a module named by an
   absolute path over B, a Linux one's (as Breakpad writes them). */
static ds_target *gap_dump_with(struct mdb *m, const char *module)
{
    mdb_init(m, MDB_ARCH_AMD64, 2 /* VER_PLATFORM_WIN32_NT */);
    if (module)
        mdb_module(m, B_BASE, B_SIZE, module);
    mdb_memory_pattern(m, A_BASE, A_SIZE, 7, MDB_IN_LIST32);
    uint8_t *b = mdb_memory_pattern(m, B_BASE, B_SIZE, 9, MDB_IN_LIST32);
    memcpy(b + (B_NEEDLE - B_BASE), needle, sizeof needle);
    memcpy(b + B_SIZE - sizeof needle, needle, sizeof needle);
    struct mdb_thread *th = mdb_thread(m, 0x1234, A_BASE, A_SIZE);
    th->pc = MD_PC;
    th->sp = A_BASE + 0x1f00;
    return mdb_open(m, 0);
}

static ds_target *gap_dump(struct mdb *m)
{
    return gap_dump_with(m, NULL);
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

/* A 4-byte target: addresses above 2 GiB go out as gdb sent them, not
   sign-extended as SearchVirtual hands them out; the range ends at 2^32. */
static void test_search_packets_x86(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_X86, 2);
    const uint64_t base = 0x80001000ull;
    uint8_t *bytes = mdb_memory_pattern(&m, base, 0x1000, 5, MDB_IN_LIST32);
    memcpy(bytes + 0x123, needle, sizeof needle);
    mdb_thread(&m, 0x42, base, 0x1000);
    ds_target *t = mdb_open(&m, 0);
    uint64_t where = 0;
    assert_hr(S_OK, ds_search_virtual(t, base, 0x1000, needle, sizeof needle, 1, &where), t);
    assert_int_equal(where, 0xffffffff00000000ull | (base + 0x123));
    struct serve_session s;
    serve_session_init(&s, t);
    expect_search(&s, base, 0x1000, needle, sizeof needle, true, base + 0x123);
    expect_search(&s, 0xffffffff00000000ull | base, 0x1000, needle, sizeof needle, true,
                  base + 0x123);
    expect_search(&s, 0, UINT64_MAX, needle, sizeof needle, true, base + 0x123);
    expect_search(&s, 0x100000000ull, 0x1000, needle, sizeof needle, false, 0);
    serve_session_release(&s);
    ds_close(t);
    mdb_free(&m);
}

/* Thread ids under multiprocess (gdb and lldb offer it): pPID.TID out,
   both forms in; PID 1 for a dump that names none. Without the offer,
   bare TIDs as before. */
static void test_multiprocess_ids(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = gap_dump(&m);
    static char reply[SERVE_REPLY_CAP + 1];
    struct serve_session s;
    serve_session_init(&s, t);
    assert_null(strstr(ask(&s, "qSupported:swbreak+", reply), "multiprocess"));
    assert_string_equal(ask(&s, "?", reply), "T05thread:1234;");
    serve_session_release(&s);

    serve_session_init(&s, t);
    assert_non_null(strstr(ask(&s, "qSupported:multiprocess+;swbreak+", reply),
                           ";multiprocess+"));
    assert_string_equal(ask(&s, "?", reply), "T05thread:p1.1234;");
    assert_string_equal(ask(&s, "qC", reply), "QCp1.1234");
    assert_string_equal(ask(&s, "qfThreadInfo", reply), "mp1.1234");
    assert_string_equal(ask(&s, "qsThreadInfo", reply), "l");
    assert_non_null(strstr(ask(&s, "qXfer:threads:read::0,fff", reply), "id=\"p1.1234\""));
    assert_string_equal(ask(&s, "Hgp1.1234", reply), "OK");
    assert_string_equal(ask(&s, "Hgp0.0", reply), "OK");
    assert_string_equal(ask(&s, "Hgp1", reply), "OK");
    assert_string_equal(ask(&s, "Hcp-1.-1", reply), "OK");
    assert_string_equal(ask(&s, "Hgp1.999", reply), "E02");
    assert_string_equal(ask(&s, "Tp1.1234", reply), "OK");
    assert_string_equal(ask(&s, "Tp1", reply), "E16");
    assert_string_equal(ask(&s, "Tp1.", reply), "E16");
    assert_string_equal(ask(&s, "T1234", reply), "OK");
    /* p with lldb's thread suffix in either form; the Linux feature's
       register (one past the others) is unavailable. */
    char plain[SERVE_REPLY_CAP + 1];
    assert_int_equal(ask_n(&s, "p10", 3, plain), 16);
    assert_string_equal(ask(&s, "p10;thread:p1.1234;", reply), plain);
    /* A Windows process: no Linux feature, no register past the others. */
    assert_null(strstr(ask(&s, "qXfer:features:read:target.xml:0,3fff", reply),
                       "org.gnu.gdb.i386.linux"));
    assert_string_equal(ask(&s, "p39", reply), "E16");
    serve_session_release(&s);
    ds_close(t);
    mdb_free(&m);
    /* A Linux one: the feature, and its register unavailable. */
    t = gap_dump_with(&m, "/usr/lib/libgap.so");
    serve_session_init(&s, t);
    assert_non_null(strstr(ask(&s, "qXfer:features:read:target.xml:0,3fff", reply),
                           "org.gnu.gdb.i386.linux"));
    assert_string_equal(ask(&s, "p39", reply), "xxxxxxxxxxxxxxxx");
    assert_string_equal(ask(&s, "p3a", reply), "E16");
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
        assert_true(got <= count && got <= SERVE_REPLY_CAP);
        if (have + got + 1 > cap) {
            cap *= 2;
            doc = realloc(doc, cap);
            assert_non_null(doc);
        }
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
    static char pkt[4096];
    /* The minidump names no process: the stub's pid is 1. */
    assert_int_equal(ds_process_id(t), 0);
    assert_int_equal(serve_pid(&s), 1);
    assert_string_equal(ask(&s, "vFile:setfs:0", reply), "F0");
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps", 12, 0), reply), "F7");
    /* Several at a time, up to SERVE_VFILE_MAX (fds 7, 8, ...). */
    for (unsigned i = 1; i < SERVE_VFILE_MAX; i++) {
        char want[16];
        snprintf(want, sizeof want, "F%x", 7 + i);
        assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps", 12, 0), reply), want);
    }
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/1/maps", 12, 0), reply), "F-1,18");
    for (unsigned i = 1; i < SERVE_VFILE_MAX; i++) {
        char close_fd[32];
        snprintf(close_fd, sizeof close_fd, "vFile:close:%x", 7 + i);
        assert_string_equal(ask(&s, close_fd, reply), "F0");
    }
    size_t len;
    char *doc = read_whole(&s, "7", 100, &len);
    assert_int_equal(len, strlen(doc));
    expect_every_region(t, doc, "the synthetic maps");
    char *big = read_whole(&s, "7", 0x7fffffff, &len);  /* a count no reply holds */
    assert_string_equal(doc, big);
    free(big);
    /* fstat: gdb's 64-byte big-endian struct, the size at byte 28. */
    size_t n = ask_n(&s, "vFile:fstat:7", 13, reply);
    assert_true(n >= 4 && memcmp(reply, "F40;", 4) == 0);
    uint8_t st[64];
    size_t got = 0;
    assert_true(rsp_unescape(reply + 4, n - 4, st, sizeof st, &got));
    assert_int_equal(got, 64);
    uint64_t size = 0;
    for (unsigned i = 0; i < 8; i++)
        size = size << 8 | st[28 + i];
    assert_int_equal(size, strlen(doc));
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
    memset(pkt + 11, '4', 2100);
    memcpy(pkt + 2111, ",0,0", 4);
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
    assert_string_equal(ask(&s, "vFile:close:8", reply), "F-1,9");
    assert_string_equal(ask(&s, "vFile:fstat:ffffffffffffffff", reply), "F-1,9");
    assert_string_equal(ask(&s, "vFile:fstat:", reply), "F-1,16");
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

/* ---- gdb's find -------------------------------------------------------------- */

/* "-ex 'find /b START, END, 0x.., ...'" */
static void find_command(char *cmd, size_t cap, uint64_t start, uint64_t end,
                         const uint8_t *pattern, size_t size)
{
    size_t n = (size_t)snprintf(cmd, cap, "-ex 'find /b 0x%" PRIx64 ", 0x%" PRIx64, start, end);
    for (size_t i = 0; i < size; i++)
        n += (size_t)snprintf(cmd + n, cap - n, ", 0x%02x", pattern[i]);
    snprintf(cmd + n, cap - n, "'");
}

/* gdb's find over [start, end] prints every match SearchVirtual finds
   there, in order, and how many; "Pattern not found." when it finds none. */
static void expect_gdb_find(const struct served *v, ds_target *t, uint64_t start, uint64_t end,
                            const uint8_t *pattern, size_t size)
{
    char cmd[512];
    find_command(cmd, sizeof cmd, start, end, pattern, size);
    char *out = gdb(v, cmd);
    uint64_t at = start;
    unsigned found = 0;
    const char *p = out;
    for (int i = 0; i < 64 && at <= end; i++) {
        uint64_t match;
        if (FAILED(ds_search_virtual(t, at, end - at + 1, pattern, (uint32_t)size, 1, &match)))
            break;
        char want[32];
        snprintf(want, sizeof want, "\n0x%" PRIx64 "\n", match);
        const char *q = strstr(p, want);
        if (!q)
            fail_msg("gdb's find does not print the match at 0x%" PRIx64 " (in order):\n%s",
                     match, out);
        p = q + 1;
        found++;
        at = match + 1;
    }
    char want[48];
    if (found == 0)
        snprintf(want, sizeof want, "Pattern not found.");
    else
        snprintf(want, sizeof want, "%u pattern%s found.", found, found == 1 ? "" : "s");
    if (!strstr(out, want))
        fail_msg("gdb's find does not say \"%s\":\n%s", want, out);
    free(out);
}

static void test_gdb_find_in_a_minidump(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = gap_dump(&m);
    struct served v;
    serve_start(&v, t);
    /* Both copies in B, found from A across the gap (gdb alone, reading,
       would stop at the gap's first byte). */
    expect_gdb_find(&v, t, A_BASE, B_BASE + B_SIZE - 1, needle, sizeof needle);
    uint64_t where = 0;
    assert_hr(S_OK, ds_search_virtual(t, A_BASE, B_BASE + B_SIZE - A_BASE, needle,
                                      sizeof needle, 1, &where), t);
    assert_int_equal(where, B_NEEDLE);
    /* Absent: the needle with its last byte changed (no copy of that). */
    uint8_t absent[sizeof needle];
    memcpy(absent, needle, sizeof needle);
    absent[sizeof needle - 1] ^= 0xff;
    assert_hr(HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES),
              ds_search_virtual(t, A_BASE, B_BASE + B_SIZE - A_BASE, absent, sizeof absent, 1,
                                &where), t);
    expect_gdb_find(&v, t, A_BASE, B_BASE + B_SIZE - 1, absent, sizeof absent);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

/* A page of the test's own, copied into the child by fork. */
static uint8_t page[4096] __attribute__((aligned(4096)));

static pid_t paused_child(void)
{
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        /* A failed assertion skips the test's kill: go with the test. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        for (;;)
            pause();
    }
    return child;
}

static void test_gdb_find_in_a_live_process(void **state)
{
    (void)state;
    /* 16 bytes from this run's pid and address: planted at page + 100 and
       nowhere else in the page. */
    uint64_t seed = (uint64_t)getpid() * 0x9e3779b97f4a7c15ull ^ (uint64_t)(uintptr_t)page;
    memset(page, 0, sizeof page);
    for (unsigned i = 0; i < 16; i++)
        page[100 + i] = (uint8_t)(seed >> (8 * (i % 8))) ^ (uint8_t)(0x5a + i);
    uint8_t pattern[16];
    memcpy(pattern, page + 100, 16);
    pid_t child = paused_child();
    ds_target *t;
    assert_hr(S_OK, ds_attach(child, 0, &t), NULL);
    struct served v;
    serve_start(&v, t);
    uint64_t start = (uint64_t)(uintptr_t)page, end = start + sizeof page - 1;
    uint64_t where = 0;
    assert_hr(S_OK, ds_search_virtual(t, start, sizeof page, pattern, 16, 1, &where), t);
    assert_int_equal(where, start + 100);
    expect_gdb_find(&v, t, start, end, pattern, 16);
    pattern[15] ^= 0xff;
    expect_gdb_find(&v, t, start, end, pattern, 16);
    serve_stop(&v);
    ds_close(t);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

/* The files of a live target's modules, as gdb's sysroot "target:" reads
   them: this program is one (its ELF header and size come back); a file
   no module names is not, even a readable regular one. */
static void test_vfile_serves_module_files(void **state)
{
    (void)state;
    pid_t child = paused_child();
    ds_target *t;
    assert_hr(S_OK, ds_attach(child, 0, &t), NULL);
    struct serve_session s;
    serve_session_init(&s, t);
    static char reply[SERVE_REPLY_CAP + 1];
    static char pkt[4096];
    char self[1024];
    ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
    assert_true(k > 0);
    self[k] = '\0';
    struct stat st;
    assert_int_equal(stat(self, &st), 0);
    assert_string_equal(ask(&s, open_packet(pkt, self, (size_t)k, 0), reply), "F7");
    assert_string_equal(ask(&s, "vFile:pread:7,4,0", reply), "F4;\x7f" "ELF");
    size_t n = ask_n(&s, "vFile:fstat:7", 13, reply);
    uint8_t raw[64];
    size_t got = 0;
    assert_true(n > 4 && rsp_unescape(reply + 4, n - 4, raw, sizeof raw, &got) && got == 64);
    uint64_t size = 0;
    for (unsigned i = 0; i < 8; i++)
        size = size << 8 | raw[28 + i];
    assert_int_equal(size, (uint64_t)st.st_size);
    /* Read whole, in gdb's chunks: the file's bytes. */
    size_t len = 0;
    char *whole = read_whole(&s, "7", 0x3fff, &len);
    assert_int_equal(len, (size_t)st.st_size);
    FILE *f = fopen(self, "rb");
    assert_non_null(f);
    char *truth = malloc(len);
    assert_non_null(truth);
    assert_int_equal(fread(truth, 1, len, f), len);
    fclose(f);
    assert_memory_equal(whole, truth, len);
    free(truth);
    free(whole);
    /* Writing it: EROFS. Through its /proc/self/exe link: the same file. */
    assert_string_equal(ask(&s, open_packet(pkt, self, (size_t)k, 1), reply), "F-1,1e");
    assert_string_equal(ask(&s, open_packet(pkt, "/proc/self/exe", 14, 0), reply), "F8");
    /* Not a module: a regular file of ours, a directory, a device. */
    char path[] = "/tmp/ds_serve_vfile_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\x7f" "ELF", 4), 4);
    close(fd);
    assert_string_equal(ask(&s, open_packet(pkt, path, strlen(path), 0), reply), "F-1,2");
    unlink(path);
    assert_string_equal(ask(&s, open_packet(pkt, "/", 1, 0), reply), "F-1,2");
    assert_string_equal(ask(&s, open_packet(pkt, "/dev/zero", 9, 0), reply), "F-1,2");
    assert_string_equal(ask(&s, open_packet(pkt, "relative", 8, 0), reply), "F-1,2");
    /* Left open: the session's end closes them. */
    serve_session_release(&s);
    ds_close(t);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

/* A dump names its modules as it likes: a file it names is served only
   when it is an image (ELF, PE), never a text file, say a key. */
static void test_vfile_only_images_a_dump_names(void **state)
{
    (void)state;
    char image[] = "/tmp/ds_serve_vfile_img_XXXXXX", text[] = "/tmp/ds_serve_vfile_txt_XXXXXX";
    int fd = mkstemp(image);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "MZ\x90\x00 a PE image", 16), 16);
    close(fd);
    fd = mkstemp(text);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "-----BEGIN KEY--", 16), 16);
    close(fd);
    static char reply[SERVE_REPLY_CAP + 1];
    static char pkt[4096];
    const char *names[2] = {image, text};
    for (int i = 0; i < 2; i++) {
        struct mdb m;
        ds_target *t = gap_dump_with(&m, names[i]);
        struct serve_session s;
        serve_session_init(&s, t);
        ask(&s, open_packet(pkt, names[i], strlen(names[i]), 0), reply);
        if (i == 0) {
            assert_string_equal(reply, "F7");
            assert_string_equal(ask(&s, "vFile:pread:7,2,0", reply), "F2;MZ");
        } else {
            assert_string_equal(reply, "F-1,2");
        }
        serve_session_release(&s);
        ds_close(t);
        mdb_free(&m);
    }
    unlink(image);
    unlink(text);
}

/* ---- gdb's info proc mappings, lldb's memory region --------------------------- */

/* Every committed region of QueryVirtual is a line of gdb's `info proc
   mappings`, with its start and end. */
static void expect_gdb_mappings(const struct served *v, ds_target *t, const char *what)
{
    char *out = gdb(v, "-ex 'info proc mappings'");
    char head[32];
    snprintf(head, sizeof head, "process %u", ds_process_id(t) ? ds_process_id(t) : 1);
    if (!strstr(out, head) || !strstr(out, "Start Addr"))
        fail_msg("gdb shows no mappings of %s (%s):\n%s", what, head, out);
    uint64_t at = 0;
    unsigned seen = 0;
    for (int i = 0; i < 100000; i++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        if (FAILED(ds_query_virtual(t, at, &mbi)) || mbi.RegionSize == 0)
            break;
        if (mbi.State == MEM_COMMIT) {
            bool listed = false;
            for (const char *p = strstr(out, "Start Addr"); p && !listed; p = strchr(p + 1, '\n')) {
                unsigned long long s0, e0;
                if (sscanf(p + 1, " 0x%llx 0x%llx", &s0, &e0) == 2 && s0 == mbi.BaseAddress &&
                    e0 == mbi.BaseAddress + mbi.RegionSize)
                    listed = true;
            }
            if (!listed)
                fail_msg("gdb's mappings of %s lack 0x%" PRIx64 "-0x%" PRIx64 ":\n%s", what,
                         mbi.BaseAddress, mbi.BaseAddress + mbi.RegionSize, out);
            seen++;
        }
        if (mbi.BaseAddress + mbi.RegionSize <= at)
            break;
        at = mbi.BaseAddress + mbi.RegionSize;
    }
    assert_true(seen > 0);
    free(out);
}

static void test_gdb_mappings_of_a_live_process(void **state)
{
    (void)state;
    pid_t child = paused_child();
    ds_target *t;
    assert_hr(S_OK, ds_attach(child, 0, &t), NULL);
    struct served v;
    serve_start(&v, t);
    expect_gdb_mappings(&v, t, "a live process");
    /* The path column names the module a region lies in: this program. */
    char self[4096];
    ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
    assert_true(k > 0);
    self[k] = '\0';
    char *out = gdb(&v, "-ex 'info proc mappings'");
    if (!strstr(out, self))
        fail_msg("gdb's mappings do not name %s:\n%s", self, out);
    free(out);
    serve_stop(&v);
    ds_close(t);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

static void test_gdb_mappings_of_an_elf_core(void **state)
{
    (void)state;
    struct ecb b;
    struct ecb_layout L;
    ecb_init(&b, ecb_arch("x86_64"), 4321);
    ecb_standard_process(&b, &L);
    char path[] = "/tmp/ds_serve_search_core_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_true(ecb_write(&b, path));
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    assert_int_equal(ds_process_id(t), 4321);
    struct served v;
    serve_start(&v, t);
    expect_gdb_mappings(&v, t, "an ELF core");
    serve_stop(&v);
    ds_close(t);
    ecb_free(&b);
    unlink(path);
}

/* A Linux process's minidump (Breakpad's): its regions, and the module's
   path on its region. A Windows process's: gdb's Linux `info proc` is not
   offered (the target.xml does not make it Linux), and gdb says so. */
static void test_gdb_mappings_of_a_minidump(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = gap_dump_with(&m, "/usr/lib/libgap.so");
    struct served v;
    serve_start(&v, t);
    expect_gdb_mappings(&v, t, "a Linux minidump without a pid");
    char *out = gdb(&v, "-ex 'info proc mappings'");
    char want[96];
    snprintf(want, sizeof want, "0x%llx", B_BASE);
    const char *line = strstr(out, want);
    const char *eol = line ? strchr(line, '\n') : NULL;
    const char *name = line ? strstr(line, "/usr/lib/libgap.so") : NULL;
    if (!name || !eol || name > eol)
        fail_msg("gdb's mapping at 0x%llx does not name /usr/lib/libgap.so:\n%s", B_BASE, out);
    free(out);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);

    t = gap_dump(&m);
    serve_start(&v, t);
    out = gdb(&v, "-ex 'info proc mappings'");
    if (!strstr(out, "Not supported on this target"))
        fail_msg("gdb shows a Windows minidump's mappings as Linux ones:\n%s", out);
    free(out);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

/* lldb's `memory region` for addresses in A, in the gap, in B and above
   everything: start, end and permissions as QueryVirtual says. */
static void test_lldb_memory_region(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = gap_dump(&m);
    struct served v;
    serve_start(&v, t);
    const uint64_t addrs[] = {A_BASE + 0x10, A_BASE + A_SIZE + 0x10, B_NEEDLE};
    char cmd[1024];
    size_t n = (size_t)snprintf(cmd, sizeof cmd, "lldb -b -o 'gdb-remote %s'", v.addr);
    for (size_t i = 0; i < 3; i++)
        n += (size_t)snprintf(cmd + n, sizeof cmd - n, " -o 'memory region 0x%" PRIx64 "'",
                              addrs[i]);
    char *out = run_debugger(cmd);
    for (size_t i = 0; i < 3; i++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_query_virtual(t, addrs[i], &mbi), t);
        bool committed = mbi.State == MEM_COMMIT;
        bool w = committed && (mbi.Protect & 0xff) == PAGE_READWRITE;
        char want[96];
        snprintf(want, sizeof want, "[0x%016" PRIx64 "-0x%016" PRIx64 ") %s",
                 mbi.BaseAddress, mbi.BaseAddress + mbi.RegionSize,
                 !committed ? "---" : w ? "rw-" : "r--");
        if (!strstr(out, want))
            fail_msg("lldb's region of 0x%" PRIx64 " is not \"%s\":\n%s", addrs[i], want, out);
    }
    free(out);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

/* dataspaces' own remote backend as the client: it negotiates
   multiprocess, searches on the stub's side (qSearch:memory) and gets
   SearchVirtual's answer over the wire; the thread ids survive the pPID.TID
   form. */
static void test_remote_backend_searches_through_the_stub(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = gap_dump(&m);
    struct served v;
    serve_start(&v, t);
    ds_target *rt;
    assert_hr(S_OK, ds_connect(v.addr, 0, &rt), NULL);
    uint64_t here = 0, there = 0;
    assert_hr(S_OK, ds_search_virtual(t, A_BASE, 0x10000, needle, sizeof needle, 1, &here), t);
    assert_hr(S_OK, ds_search_virtual(rt, A_BASE, 0x10000, needle, sizeof needle, 1, &there),
              rt);
    assert_int_equal(here, there);
    assert_hr(S_OK, ds_search_virtual(rt, there + 1, 0x10000, needle, sizeof needle, 1, &there),
              rt);
    assert_int_equal(there, B_BASE + B_SIZE - sizeof needle);
    uint32_t count = 0, id = 0;
    assert_hr(S_OK, ds_get_number_threads(rt, &count), rt);
    assert_int_equal(count, 1);
    assert_hr(S_OK, ds_get_thread_ids(rt, 0, 1, &id), rt);
    assert_int_equal(id, 0x1234);
    assert_int_equal(ds_process_id(rt), 1); /* the stub's stand-in: the dump names none */
    ds_close(rt);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

/* ---- hostile packets over a connection -------------------------------------- */

/* Send payload (n bytes, framed) and return the reply's payload (after the
   '+' ack), NUL-terminated in reply. */
static const char *exchange(int fd, const char *payload, size_t n, char *reply, size_t cap)
{
    static char frame[SERVE_PACKET_SIZE + 8];
    size_t k = rsp_frame(frame, sizeof frame, payload, n);
    assert_int_equal(send(fd, frame, k, MSG_NOSIGNAL), (ssize_t)k);
    size_t have = 0;
    for (;;) { /* until "+$...#xx" is whole */
        char *hash = have > 2 ? memchr(reply + 2, '#', have - 2) : NULL;
        if (hash && (size_t)(hash - reply) + 3 <= have) {
            *hash = '\0';
            break;
        }
        assert_true(have + 1 < cap);
        ssize_t got = recv(fd, reply + have, cap - 1 - have, 0);
        if (got <= 0)
            fail_msg("the stub closed the connection after \"%.*s\"", (int)(n > 60 ? 60 : n),
                     payload);
        have += (size_t)got;
    }
    assert_true(reply[0] == '+' && reply[1] == '$');
    return reply + 2;
}

static void test_hostile_search_and_vfile(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = gap_dump(&m);
    struct served v;
    serve_start(&v, t);
    static char reply[SERVE_REPLY_CAP + 64];
    int fd = serve_connect(&v);
    static const struct {
        const char *ask, *answer;
    } cases[] = {
        {"vFile:setfs:0", "F0"},
        {"vFile:pread:ffffffffffffffff,ffffffffffffffff,0", "F-1,9"},
        {"vFile:pread:7,10,-8000000000000000", "F-1,16"},
        {"vFile:close:ffffffff", "F-1,9"},
        {"vFile:open:2f70726f632f312f6d617073", "F-1,16"},              /* no flags */
        {"vFile:open:2f70726f632f312f6d617073,0", "F-1,16"},            /* no mode */
        {"vFile:open:2f2e2e2f2e2e2f6574632f706173737764,0,0", "F-1,2"}, /* /../../etc/passwd */
        {"vFile:open:2f70726f632f312f2e2e2f312f6d617073,0,0", "F-1,2"}, /* /proc/1/../1/maps */
        {"vFile:open:2f70726f632f312f6d617073,0,0", "F7"},
        {"vFile:open:2f70726f632f312f6d617073,0,0", "F8"},
        {"vFile:close:8", "F0"},
        {"vFile:pread:7,0,0", "F0;"},
        {"vFile:pread:7,1,fffffffffffffffe", "F0;"},
        {"vFile:close:7", "F0"},
        {"qSearch:memory:ffffffffffffffff;ffffffffffffffff;A", "0"},
        {"qSearch:memory:0;0;A", "0"},
        {"qSearch:memory:;;", "E16"},
        {"qSearch:memory:1;1;}", "E16"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = exchange(fd, cases[i].ask, strlen(cases[i].ask), reply, sizeof reply);
        if (strcmp(got, cases[i].answer) != 0)
            fail_msg("\"%s\" was answered \"%s\", not \"%s\"", cases[i].ask, got,
                     cases[i].answer);
    }
    /* A name as long as a packet allows, and a pattern as long. */
    static char big[SERVE_PACKET_SIZE];
    size_t n = (size_t)snprintf(big, sizeof big, "vFile:open:");
    memset(big + n, '6', SERVE_PACKET_SIZE - 16 - n);
    n = SERVE_PACKET_SIZE - 16;
    n += (size_t)snprintf(big + n, 16, ",0,0");
    assert_string_equal(exchange(fd, big, n, reply, sizeof reply), "F-1,5b");
    n = (size_t)snprintf(big, sizeof big, "qSearch:memory:%llx;ffffffffffffffff;", A_BASE);
    memset(big + n, 'A', SERVE_PACKET_SIZE - 16 - n);
    assert_string_equal(exchange(fd, big, SERVE_PACKET_SIZE - 16, reply, sizeof reply), "0");
    close(fd);
    /* And gdb still reads and searches. */
    uint8_t truth[16];
    for (unsigned i = 0; i < 16; i++)
        truth[i] = mdb_pattern(A_BASE + 0x40 + i, 7);
    expect_gdb_reads(&v, A_BASE + 0x40, truth, 16);
    expect_gdb_find(&v, t, A_BASE, B_BASE + B_SIZE - 1, needle, sizeof needle);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_packets),
        cmocka_unit_test(test_search_packets_x86),
        cmocka_unit_test(test_multiprocess_ids),
        cmocka_unit_test(test_vfile_packets),
        cmocka_unit_test(test_vfile_serves_module_files),
        cmocka_unit_test(test_vfile_only_images_a_dump_names),
        cmocka_unit_test(test_gdb_find_in_a_minidump),
        cmocka_unit_test(test_gdb_find_in_a_live_process),
        cmocka_unit_test(test_gdb_mappings_of_a_live_process),
        cmocka_unit_test(test_gdb_mappings_of_an_elf_core),
        cmocka_unit_test(test_gdb_mappings_of_a_minidump),
        cmocka_unit_test(test_lldb_memory_region),
        cmocka_unit_test(test_remote_backend_searches_through_the_stub),
        cmocka_unit_test(test_hostile_search_and_vfile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
