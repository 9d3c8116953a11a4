/* remote_checks.c — see remote_checks.h. */
#include "remote_checks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>

uint64_t remote_word(uint64_t i)
{
    uint64_t x = i * 0x9E3779B97F4A7C15u + 0x2545F4914F6CDD1Du;
    x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
    return x * 0x2545F4914F6CDD1Du;
}

double monotonic_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void direct_read(pid_t pid, uint64_t addr, void *buf, size_t n)
{
    struct iovec local = { buf, n }, remote = { (void *)(uintptr_t)addr, n };
    ssize_t got = process_vm_readv(pid, &local, 1, &remote, 1, 0);
    if (got != (ssize_t)n)
        fail_msg("process_vm_readv of %zu bytes at 0x%llx in pid %d: %zd (%s)", n,
                 (unsigned long long)addr, (int)pid, got, strerror(errno));
}

static uint64_t fnv(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3u;
    return h;
}

/* ---- the cases ---------------------------------------------------------- */

enum case_op { C_READ, C_SEARCH, C_SEARCH_W, C_QUERY, C_VALID, C_NEXT, C_PTRS, C_STRING };

struct remote_case {
    enum case_op op;
    uint64_t addr, len;
    uint8_t pattern[32];
    uint32_t plen, gran;
};

/* The table, from the helper's keys; names go into s->names. */
static int build_cases(struct remote_session *s, struct remote_case *c)
{
    uint64_t P = s->page;
    int n = 0;
#define ADD(NAME, OP, ADDR, ...)                                                                    \
    do {                                                                                  \
        c[n] = (struct remote_case){ .op = OP, .addr = ADDR, .len = __VA_ARGS__ };                                 \
        snprintf(s->names[n], sizeof s->names[n], "%s", NAME);                           \
        n++;                                                                              \
    } while (0)
    ADD("read static_text 41", C_READ, s->static_text, 41);
    ADD("read static_bytes 8 KiB", C_READ, s->static_bytes, 8192);
    ADD("read rodata page", C_READ, s->rodata, P);
    ADD("read big 64 KiB unaligned", C_READ, s->big + 4093, 65536);
    ADD("read edge: 100 bytes then the hole", C_READ, s->edge + P - 100, 200);
    ADD("read 2 mapped pages then the hole", C_READ, s->edge - P, 3 * P);
    ADD("read 0 bytes", C_READ, s->static_text, 0);
    ADD("read 128 pages, the hole after 64 (a window of requests fails)", C_READ,
        s->edge_start, 128 * P);
    ADD("read 64 pages then 1 byte of the hole", C_READ, s->edge_start, 64 * P + 1);
    ADD("read inside the hole", C_READ, s->hole + 8, 16);
    ADD("read the hole's first byte", C_READ, s->hole, 1);
    ADD("read the edge's last byte", C_READ, s->edge + P - 1, 1);
    ADD("read guard: RW into PROT_NONE", C_READ, s->guard + P - 64, 128);
    ADD("read inside PROT_NONE", C_READ, s->guard + P + 10, 16);
    ADD("read address 0", C_READ, 0, 8);
    ADD("read the top of the address space", C_READ, 0xfffffffffffff000u, 16);
    ADD("search needle in big", C_SEARCH, s->big, s->big_size, .plen = 18,
        .pattern = "remote-needle-7f3a", .gran = 1);
    ADD("search special ($#}*\\3) in big", C_SEARCH, s->big, s->big_size, .plen = 13,
        .pattern = "$#}*\x03 special", .gran = 1);
    ADD("search absent in big", C_SEARCH, s->big, s->big_size, .plen = 8,
        .pattern = { 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04 }, .gran = 1);
    ADD("search 0xA5 x8 from 2 pages before the hole", C_SEARCH, s->edge - P, 4 * P, .plen = 8,
        .pattern = { 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5 }, .gran = 1);
    ADD("search across the hole for what lies past it (absent)", C_SEARCH, s->edge, 8 * P,
        .plen = 4, .pattern = "zzQz", .gran = 1);
    ADD("search guard bytes: PROT_NONE copy skipped", C_SEARCH, s->guard + P - 4, 2 * P,
        .plen = 8, .gran = 1,
        .pattern = { 0, 7, 14, 21, 28, 35, 42, 49 }); /* at guard+256k and guard+2P */
    ADD("search granularity 8 in big", C_SEARCH, s->needle - 64, 4096, .plen = 6,
        .pattern = "remote", .gran = 8);
    ADD("search2 writable-only: rodata skipped", C_SEARCH_W, s->rodata, P, .plen = 4,
        .pattern = { 0x5a, 0x5a, 0x5a, 0x5a }, .gran = 1);
    ADD("query big", C_QUERY, s->big + 100, 0);
    ADD("query edge", C_QUERY, s->edge, 0);
    ADD("query hole", C_QUERY, s->hole, 0);
    ADD("query PROT_NONE", C_QUERY, s->guard + P, 0);
    ADD("query rodata", C_QUERY, s->rodata, 0);
    ADD("query code", C_QUERY, s->code, 0);
    ADD("query static_text", C_QUERY, s->static_text, 0);
    ADD("valid region from 2 pages before the hole", C_VALID, s->edge - P, 4 * P);
    ADD("valid region from the hole", C_VALID, s->hole, 2 * P);
    ADD("valid region across PROT_NONE", C_VALID, s->guard + P / 2, 2 * P);
    ADD("pointers at big", C_PTRS, s->big, 4);
    ADD("pointers into the hole", C_PTRS, s->edge + P - 8, 2);
    ADD("string static_text", C_STRING, s->static_text, 256);
#undef ADD
    return n;
}

static struct remote_outcome run_case(ds_target *t, const struct remote_case *c)
{
    struct remote_outcome o = { 0 };
    MEMORY_BASIC_INFORMATION64 mbi;
    switch (c->op) {
    case C_READ: {
        uint8_t *buf = calloc(1, c->len + 1);
        assert_non_null(buf);
        uint32_t got = 0;
        o.hr = ds_read_virtual_uncached(t, c->addr, buf, (uint32_t)c->len, &got);
        o.a = SUCCEEDED(o.hr) ? got : 0;
        o.digest = SUCCEEDED(o.hr) ? fnv(buf, got) : 0;
        /* The cached path answers the same. */
        uint32_t got2 = 0;
        memset(buf, 0, c->len);
        HRESULT hr2 = ds_read_virtual(t, c->addr, buf, (uint32_t)c->len, &got2);
        o.b = (uint64_t)(uint32_t)hr2 << 32 | (SUCCEEDED(hr2) ? got2 : 0);
        o.c = SUCCEEDED(hr2) ? fnv(buf, got2) : 0;
        free(buf);
        break;
    }
    case C_SEARCH:
    case C_SEARCH_W:
        if (c->op == C_SEARCH)
            o.hr = ds_search_virtual(t, c->addr, c->len, c->pattern, c->plen, c->gran, &o.a);
        else
            o.hr = ds_search_virtual2(t, c->addr, c->len, DEBUG_VSEARCH_WRITABLE_ONLY, c->pattern,
                                      c->plen, c->gran, &o.a);
        if (FAILED(o.hr))
            o.a = 0;
        break;
    case C_QUERY:
        memset(&mbi, 0, sizeof mbi);
        o.hr = ds_query_virtual(t, c->addr, &mbi);
        if (SUCCEEDED(o.hr)) {
            o.a = mbi.BaseAddress, o.b = mbi.RegionSize;
            o.c = (uint64_t)mbi.State << 32 | mbi.Protect;
        }
        break;
    case C_VALID: {
        uint32_t vs = 0;
        o.hr = ds_get_valid_region_virtual(t, c->addr, (uint32_t)c->len, &o.a, &vs);
        o.b = vs;
        if (FAILED(o.hr))
            o.a = o.b = 0;
        break;
    }
    case C_NEXT:
        o.hr = ds_get_next_differently_valid_offset_virtual(t, c->addr, &o.a);
        if (FAILED(o.hr))
            o.a = 0;
        break;
    case C_PTRS: {
        uint64_t p[8] = { 0 };
        o.hr = ds_read_pointers_virtual(t, (uint32_t)c->len, c->addr, p);
        o.digest = SUCCEEDED(o.hr) ? fnv((uint8_t *)p, c->len * 8) : 0;
        break;
    }
    case C_STRING: {
        char buf[300] = "";
        uint32_t sb = 0;
        o.hr = ds_read_multi_byte_string_virtual(t, c->addr, (uint32_t)c->len, buf, sizeof buf, &sb);
        o.a = sb;
        o.digest = fnv((uint8_t *)buf, strlen(buf));
        break;
    }
    }
    return o;
}

/* ---- the session -------------------------------------------------------- */

void remote_session_connect(struct remote_session *s, const char *spec)
{
    const char *sp = spec ? spec : s->srv.spec;
    HRESULT hr = ds_connect(sp, 0, &s->t);
    if (hr != S_OK)
        fail_msg("ds_connect(\"%s\"): 0x%08x: %s", sp, (unsigned)hr, ds_error_text(NULL));
    assert_non_null(s->t);
}

void remote_session_start(struct remote_session *s, enum server_kind kind)
{
    memset(s, 0, sizeof *s);
    helper_start(&s->h, "remote_target", NULL);
    s->page = helper_value(&s->h, "page");
    s->static_text = helper_value(&s->h, "static_text");
    s->static_bytes = helper_value(&s->h, "static_bytes");
    s->big = helper_value(&s->h, "big");
    s->big_size = helper_value(&s->h, "big_size");
    s->needle = helper_value(&s->h, "needle");
    s->special = helper_value(&s->h, "special");
    s->edge = helper_value(&s->h, "edge");
    s->edge_start = helper_value(&s->h, "edge_start");
    s->tricky = helper_value(&s->h, "tricky");
    s->hole = helper_value(&s->h, "hole");
    s->guard = helper_value(&s->h, "guard");
    s->rodata = helper_value(&s->h, "rodata");
    s->scratch = helper_value(&s->h, "scratch");
    s->code = helper_value(&s->h, "code");
    s->threads = (int)helper_value(&s->h, "threads");

    /* The oracle, then let go of the process before the server takes it. */
    struct remote_case cases[REMOTE_MAX_CASES];
    s->ncases = build_cases(s, cases);
    ds_target *o = NULL;
    assert_hr(S_OK, ds_attach(s->h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &o), NULL);
    for (int i = 0; i < s->ncases; i++)
        s->oracle[i] = run_case(o, &cases[i]);
    assert_hr(S_OK, ds_get_number_threads(o, &s->oracle_nthreads), o);
    assert_true(s->oracle_nthreads <= 16);
    assert_hr(S_OK, ds_get_thread_ids(o, 0, s->oracle_nthreads, s->oracle_tids), o);
    ds_close(o);

    server_start(&s->srv, kind, s->h.pid, NULL);
}

void remote_session_open(struct remote_session *s, enum server_kind kind)
{
    remote_session_start(s, kind);
    remote_session_connect(s, NULL);
}

void remote_session_close(struct remote_session *s)
{
    ds_close(s->t);
    s->t = NULL;
    server_stop(&s->srv);
    helper_stop(&s->h);
}

/* ---- the checks --------------------------------------------------------- */

void check_identity(struct remote_session *s)
{
    const char *kind = ds_target_kind(s->t);
    assert_non_null(kind);
    assert_true(kind[0] != '\0');
    assert_int_equal(ds_pointer_size(s->t), 8);
    assert_int_equal(ds_page_size(s->t), s->page);
    assert_int_equal(ds_process_id(s->t), (uint32_t)s->h.pid);
}

void check_small_reads(struct remote_session *s)
{
    char text[64] = "";
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(s->t, s->static_text, text, 41, &got), s->t);
    assert_int_equal(got, 41);
    assert_string_equal(text, "remote_target static: needle-$#}*-STATIC");
    /* Every size from 1 to 40 at a run boundary of static_bytes. */
    for (uint32_t n = 1; n <= 40; n++) {
        uint8_t buf[40], want[40];
        uint64_t at = s->static_bytes + 1024 - n / 2;
        direct_read(s->h.pid, at, want, n);
        assert_hr(S_OK, ds_read_virtual_uncached(s->t, at, buf, n, &got), s->t);
        assert_int_equal(got, n);
        assert_memory_equal(buf, want, n);
    }
    /* Bytes that look like replies, each read at exactly its size: an
       error ("E08", "E.bad"), "OK", the GDB x dialect's "b", and bytes
       the wire escapes. */
    static const struct { unsigned off, len; } tricks[] = {
        { 0, 3 }, { 3, 2 }, { 5, 5 }, { 10, 1 }, { 11, 4 }, { 0, 1 }, { 1, 2 }, { 0, 15 },
    };
    char want_tricky[] = "E08OKE.badb$#}*";
    for (size_t i = 0; i < sizeof tricks / sizeof *tricks; i++) {
        char b[16] = "";
        got = 0;
        assert_hr(S_OK, ds_read_virtual_uncached(s->t, s->tricky + tricks[i].off, b,
                                                 tricks[i].len, &got), s->t);
        assert_int_equal(got, tricks[i].len);
        assert_memory_equal(b, want_tricky + tricks[i].off, tricks[i].len);
    }
    /* The needle, and bytes that need escaping on the wire. */
    char needle[19] = "";
    assert_hr(S_OK, ds_read_virtual(s->t, s->needle, needle, 18, &got), s->t);
    assert_string_equal(needle, "remote-needle-7f3a");
    uint8_t special[13];
    assert_hr(S_OK, ds_read_virtual_uncached(s->t, s->special, special, 13, &got), s->t);
    assert_memory_equal(special, "$#}*\x03 special", 13);
}

void check_big_reads(struct remote_session *s)
{
    size_t n = s->big_size;
    uint8_t *got = malloc(n), *want = malloc(n);
    assert_non_null(got);
    assert_non_null(want);
    direct_read(s->h.pid, s->big, want, n);
    /* The words are what the formula says, outside the two planted strings. */
    assert_int_equal(((uint64_t *)want)[7], remote_word(7));
    /* One call for all of it (several requests in flight), then 1 MiB calls
       through the cache, then odd sizes at odd offsets. */
    uint32_t r = 0;
    memset(got, 0, n);
    assert_hr(S_OK, ds_read_virtual_uncached(s->t, s->big, got, (uint32_t)n, &r), s->t);
    assert_int_equal(r, n);
    assert_memory_equal(got, want, n);
    memset(got, 0, n);
    assert_hr(S_OK, ds_cache_flush(s->t), s->t);
    for (size_t off = 0; off < n; off += 1u << 20) {
        uint32_t chunk = (uint32_t)(n - off < (1u << 20) ? n - off : 1u << 20);
        assert_hr(S_OK, ds_read_virtual(s->t, s->big + off, got + off, chunk, &r), s->t);
        assert_int_equal(r, chunk);
    }
    assert_memory_equal(got, want, n);
    for (size_t off = 3, len = 1; off + len < n; off += 97 * len + 13, len = len * 3 + 1) {
        memset(got, 0, len);
        assert_hr(S_OK, ds_read_virtual_uncached(s->t, s->big + off, got, (uint32_t)len, &r), s->t);
        assert_int_equal(r, len);
        assert_memory_equal(got, want + off, len);
    }
    free(got);
    free(want);
}

void check_oracle_cases(struct remote_session *s)
{
    struct remote_case cases[REMOTE_MAX_CASES];
    int n = build_cases(s, cases);
    assert_int_equal(n, s->ncases);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        struct remote_outcome r = run_case(s->t, &cases[i]), o = s->oracle[i];
        if (memcmp(&r, &o, sizeof r) != 0) {
            print_error("%s: remote hr 0x%08x a 0x%llx b 0x%llx c 0x%llx digest %llx;"
                        " ds_attach hr 0x%08x a 0x%llx b 0x%llx c 0x%llx digest %llx"
                        " (remote error text: %s)\n",
                        s->names[i], (unsigned)r.hr, (unsigned long long)r.a,
                        (unsigned long long)r.b, (unsigned long long)r.c,
                        (unsigned long long)r.digest, (unsigned)o.hr, (unsigned long long)o.a,
                        (unsigned long long)o.b, (unsigned long long)o.c,
                        (unsigned long long)o.digest, ds_error_text(s->t));
            bad++;
        }
    }
    if (bad)
        fail_msg("%d of %d cases differ from ds_attach on the same process", bad, n);
}

void check_writes(struct remote_session *s)
{
    /* Every byte value, the ones the wire escapes among them. */
    uint8_t data[600], back[600], truth[600];
    for (int i = 0; i < 600; i++)
        data[i] = (uint8_t)(i * 37 + 3);
    memcpy(data, "$#}*\x03", 5);
    uint32_t n = 0;
    uint64_t at = s->scratch + 17;
    assert_hr(S_OK, ds_write_virtual(s->t, at, data, sizeof data, &n), s->t);
    assert_int_equal(n, sizeof data);
    direct_read(s->h.pid, at, truth, sizeof truth);
    assert_memory_equal(truth, data, sizeof data);
    assert_hr(S_OK, ds_read_virtual(s->t, at, back, sizeof back, &n), s->t);
    assert_memory_equal(back, data, sizeof data);
    assert_hr(S_OK, ds_read_virtual_uncached(s->t, at, back, sizeof back, &n), s->t);
    assert_memory_equal(back, data, sizeof data);

    /* Uncached write, cached read: the cache stays coherent. */
    uint8_t word[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    assert_hr(S_OK, ds_write_virtual_uncached(s->t, at, word, 8, &n), s->t);
    assert_int_equal(n, 8);
    assert_hr(S_OK, ds_read_virtual(s->t, at, back, 8, &n), s->t);
    assert_memory_equal(back, word, 8);

    /* A write running into the hole: the prefix that lands, exactly. */
    uint8_t ones[64];
    memset(ones, 0x3c, sizeof ones);
    HRESULT hr = ds_write_virtual(s->t, s->edge + s->page - 16, ones, sizeof ones, &n);
    uint8_t tail[16];
    direct_read(s->h.pid, s->edge + s->page - 16, tail, 16);
    if (SUCCEEDED(hr)) {
        assert_int_equal(n, 16);
        assert_memory_equal(tail, ones, 16);
    } else {
        /* Then nothing may have been written either. */
        for (int i = 0; i < 16; i++)
            assert_int_equal(tail[i], 0xA5);
    }
    /* Into the hole: fails, and says where. */
    hr = ds_write_virtual(s->t, s->hole, ones, 8, &n);
    assert_true(FAILED(hr));
    /* Pointers and fill. */
    uint64_t ptrs[2] = { 0x1122334455667788u, s->big }, pback[2];
    assert_hr(S_OK, ds_write_pointers_virtual(s->t, 2, s->scratch + 1024, ptrs), s->t);
    assert_hr(S_OK, ds_read_pointers_virtual(s->t, 2, s->scratch + 1024, pback), s->t);
    assert_memory_equal(pback, ptrs, sizeof ptrs);
    direct_read(s->h.pid, s->scratch + 1024, pback, sizeof pback);
    assert_memory_equal(pback, ptrs, sizeof ptrs);
    uint32_t filled = 0;
    assert_hr(S_OK, ds_fill_virtual(s->t, s->scratch + 2048, 100, "ab}", 3, &filled), s->t);
    assert_int_equal(filled, 100);
    char fb[100];
    direct_read(s->h.pid, s->scratch + 2048, fb, 100);
    for (int i = 0; i < 100; i++)
        assert_int_equal(fb[i], "ab}"[i % 3]);
}

void check_search_finds(struct remote_session *s)
{
    uint64_t m = 0;
    assert_hr(S_OK, ds_search_virtual(s->t, s->big, s->big_size, "remote-needle-7f3a", 18, 1, &m),
              s->t);
    assert_int_equal(m, s->needle);
    /* The next match after the first: none. */
    HRESULT hr = ds_search_virtual(s->t, m + 1, s->big + s->big_size - m - 1,
                                   "remote-needle-7f3a", 18, 1, &m);
    assert_hr(HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES), hr, s->t);
    assert_hr(S_OK, ds_search_virtual(s->t, s->big, s->big_size, "$#}*\x03 special", 13, 1, &m),
              s->t);
    assert_int_equal(m, s->special);
    /* A pattern that straddles a 64 KiB boundary of the scan. */
    uint8_t pat[16];
    uint64_t at = s->big + (1u << 16) - 7;
    direct_read(s->h.pid, at, pat, sizeof pat);
    assert_hr(S_OK, ds_search_virtual(s->t, s->big + 1, s->big_size - 1, pat, sizeof pat, 1, &m),
              s->t);
    assert_int_equal(m, at);
}

void check_query_against_maps(struct remote_session *s)
{
    uint64_t addrs[] = { s->big, s->edge, s->guard, s->guard + s->page, s->rodata, s->scratch,
                         s->static_text };
    for (size_t i = 0; i < sizeof addrs / sizeof *addrs; i++) {
        uint64_t start, end;
        char perms[5];
        assert_int_equal(proc_maps_lookup(s->h.pid, addrs[i], &start, &end, perms), 0);
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_query_virtual(s->t, addrs[i], &mbi), s->t);
        /* VirtualQuery's rule: from the address's page to the end of the run. */
        if (mbi.BaseAddress != (addrs[i] & ~(s->page - 1)) ||
            mbi.BaseAddress + mbi.RegionSize != end ||
            mbi.State != MEM_COMMIT)
            fail_msg("query 0x%llx: 0x%llx+0x%llx state 0x%x; /proc/%d/maps says %llx-%llx %s",
                     (unsigned long long)addrs[i], (unsigned long long)mbi.BaseAddress,
                     (unsigned long long)mbi.RegionSize, mbi.State, (int)s->h.pid,
                     (unsigned long long)start, (unsigned long long)end, perms);
        /* (Protect and Type: the oracle's query cases compare them.) */
    }
    /* GetNextDifferentlyValidOffsetVirtual: above the address, and no
       further than where the mapping (whose pages are all readable) ends. */
    uint64_t from[] = { s->big + 5, s->edge - s->page + 3, s->static_text };
    for (size_t i = 0; i < sizeof from / sizeof *from; i++) {
        uint64_t start, end, next = 0;
        char perms[5];
        assert_int_equal(proc_maps_lookup(s->h.pid, from[i], &start, &end, perms), 0);
        assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(s->t, from[i], &next), s->t);
        if (next <= from[i] || next > end)
            fail_msg("next differently valid from 0x%llx: 0x%llx; its mapping ends at 0x%llx",
                     (unsigned long long)from[i], (unsigned long long)next,
                     (unsigned long long)end);
    }
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(s->t, s->hole, &mbi), s->t);
    assert_int_equal(mbi.State, MEM_FREE);
    assert_int_equal(mbi.BaseAddress, s->hole);
    /* A walk from 0 meets every mapping of the maps file, in order. */
    uint64_t at = 0;
    int regions = 0;
    bool saw_big = false;
    while (regions < 100000 && ds_query_virtual(s->t, at, &mbi) == S_OK) {
        assert_true(mbi.BaseAddress <= at || regions == 0 || mbi.BaseAddress == at);
        assert_true(mbi.RegionSize > 0);
        saw_big |= mbi.BaseAddress <= s->big && s->big < mbi.BaseAddress + mbi.RegionSize &&
                   mbi.State == MEM_COMMIT;
        if (mbi.BaseAddress + mbi.RegionSize <= at)
            break;
        at = mbi.BaseAddress + mbi.RegionSize;
        regions++;
    }
    assert_true(saw_big);
    assert_true(regions > 10);
}

void check_threads(struct remote_session *s)
{
    uint32_t n = 0, ids[16];
    assert_hr(S_OK, ds_get_number_threads(s->t, &n), s->t);
    assert_int_equal(n, s->threads + 1);
    assert_int_equal(n, s->oracle_nthreads);
    assert_hr(S_OK, ds_get_thread_ids(s->t, 0, n, ids), s->t);
    /* The same set of tids, the process's own among them. */
    bool main_seen = false;
    for (uint32_t i = 0; i < n; i++) {
        bool found = false;
        for (uint32_t j = 0; j < n; j++)
            found |= ids[i] == s->oracle_tids[j];
        if (!found)
            fail_msg("thread id %u is not a thread of pid %d", ids[i], (int)s->h.pid);
        main_seen |= ids[i] == (uint32_t)s->h.pid;
    }
    assert_true(main_seen);
}
