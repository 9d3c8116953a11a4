/*
 * test_api_live.c — every data-space method against real processes whose
 * memory is known: tests/helpers/api_target.c (64-bit) and
 * tests/helpers/tiny_m32.c (32-bit). What each address holds is in the
 * helper's header comment.
 */
#include "testlib.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NOT_FOUND HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES)
#define NO_PHYSICAL_PAGE HRESULT_FROM_NT(0xC0000147u)  /* STATUS_NO_PAGEFILE */
#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)
#define MARKER_SIZE 16
#define MiB (1024u * 1024u)

struct fixture {
    struct helper h;
    ds_target *t;
    uint64_t P, seed;
};

/* The helper's marker(kind) bytes (see api_target.c). */
static void marker(const struct fixture *f, unsigned kind, uint8_t out[MARKER_SIZE])
{
    for (unsigned i = 0; i < MARKER_SIZE; i++)
        out[i] = (uint8_t)((f->seed >> (8 * (i % 8))) ^ (kind * 0x45 + i * 0x3B + 0x91));
}

static uint64_t key(const struct fixture *f, const char *name)
{
    return helper_value(&f->h, name);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    /* A seed of 8 bytes none of which is 0, different in every run. */
    f->seed = ((uint64_t)time(NULL) << 20 ^ (uint64_t)getpid()) | 0x0101010101010101ull;
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)f->seed);
    helper_start(&f->h, "api_target", seed, NULL);
    f->P = key(f, "page");
    assert_hr(S_OK, ds_attach(f->h.pid, 0, &f->t), NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    ds_close(f->t);
    helper_stop(&f->h);
    free(f);
    return 0;
}

/* ---- SearchVirtual ------------------------------------------------------------------ */

static void test_search_whole_space_across_regions(void **state)
{
    struct fixture *f = *state;
    uint8_t m[MARKER_SIZE];
    marker(f, 1, m);
    uint64_t split = key(f, "split"), at = 0;
    /* The two pages really are two regions (rw- then r--). */
    uint64_t s1, e1, s2, e2;
    char p1[5], p2[5];
    assert_int_equal(proc_maps_lookup(f->h.pid, split + f->P - 1, &s1, &e1, p1), 0);
    assert_int_equal(proc_maps_lookup(f->h.pid, split + f->P, &s2, &e2, p2), 0);
    assert_int_equal(e1, split + f->P);
    assert_int_equal(s2, split + f->P);
    assert_string_not_equal(p1, p2);
    /* The only copy in the process, straddling the two. */
    assert_hr(S_OK, ds_search_virtual(f->t, 0, UINT64_MAX, m, MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, split + f->P - 5);
    assert_hr(S_OK, ds_search_virtual2(f->t, split, 2 * f->P, DEBUG_VSEARCH_DEFAULT, m,
                                       MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, split + f->P - 5);
    /* Cut by the range: not a match. */
    assert_hr(NOT_FOUND, ds_search_virtual(f->t, split, f->P + 10, m, MARKER_SIZE, 1, &at),
              f->t);
    assert_hr(S_OK, ds_search_virtual(f->t, split, f->P + 11, m, MARKER_SIZE, 1, &at), f->t);
    /* Bytes that are nowhere in the process. */
    uint8_t absent[MARKER_SIZE];
    marker(f, 99, absent);
    assert_hr(NOT_FOUND, ds_search_virtual(f->t, 0, UINT64_MAX, absent, MARKER_SIZE, 1, &at),
              f->t);
    assert_non_null(strstr(ds_error_text(f->t), "not in"));
}

static void test_search_match_ends_at_last_byte_of_region(void **state)
{
    struct fixture *f = *state;
    uint8_t m[MARKER_SIZE + 1];
    marker(f, 6, m);
    uint64_t edge = key(f, "edge"), at = 0;
    assert_hr(S_OK, ds_search_virtual(f->t, edge, f->P, m, MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, edge + f->P - MARKER_SIZE);
    assert_hr(S_OK, ds_search_virtual(f->t, 0, UINT64_MAX, m, MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, edge + f->P - MARKER_SIZE);
    /* One byte more would lie in the unmapped page after it. */
    m[MARKER_SIZE] = 0;
    assert_hr(NOT_FOUND, ds_search_virtual(f->t, edge, 4 * f->P, m, MARKER_SIZE + 1, 1, &at),
              f->t);
}

static void test_search_across_chunks(void **state)
{
    struct fixture *f = *state;
    uint8_t m3[MARKER_SIZE], m4[MARKER_SIZE];
    marker(f, 3, m3);
    marker(f, 4, m4);
    uint64_t big = key(f, "big"), at = 0;
    assert_hr(S_OK, ds_search_virtual(f->t, big, 5 * MiB, m3, MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, big + MiB - 3);
    assert_hr(S_OK, ds_search_virtual(f->t, big, 5 * MiB, m4, MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, big + 2 * MiB - 5);
    assert_hr(S_OK, ds_search_virtual(f->t, big + 3, 5 * MiB, m4, MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, big + 2 * MiB - 5);
    /* A one-byte pattern (memchr) and a pattern of one repeated byte. */
    assert_hr(S_OK, ds_search_virtual(f->t, big, 5 * MiB, m3, 1, 1, &at), f->t);
    assert_true(at <= big + MiB - 3);
    uint8_t ones[64];
    memset(ones, 0x11, sizeof ones);
    assert_hr(S_OK, ds_search_virtual(f->t, big + 1, 5 * MiB, ones, sizeof ones, 8, &at), f->t);
    assert_int_equal(at, big + 1);
}

static void test_search_granularity(void **state)
{
    struct fixture *f = *state;
    uint8_t m[MARKER_SIZE];
    marker(f, 5, m);
    uint64_t gran = key(f, "gran"), at = 0;
    assert_hr(S_OK, ds_search_virtual(f->t, gran, f->P, m, MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, gran + 0x105);
    assert_hr(S_OK, ds_search_virtual(f->t, gran, f->P, m, MARKER_SIZE, 4, &at), f->t);
    assert_int_equal(at, gran + 0x30C);
    /* Granularity counts from Offset. */
    assert_hr(S_OK, ds_search_virtual(f->t, gran + 1, f->P, m, MARKER_SIZE, 4, &at), f->t);
    assert_int_equal(at, gran + 0x105);
    assert_hr(NOT_FOUND, ds_search_virtual(f->t, gran, f->P, m, MARKER_SIZE, 8, &at), f->t);
    assert_hr(E_INVALIDARG, ds_search_virtual(f->t, gran, f->P, m, 6, 4, &at), f->t);
}

static void test_search_writable_only(void **state)
{
    struct fixture *f = *state;
    uint8_t m[MARKER_SIZE];
    marker(f, 2, m);
    uint64_t rwmix = key(f, "rwmix"), at = 0;
    assert_hr(S_OK, ds_search_virtual2(f->t, rwmix, 2 * f->P, DEBUG_VSEARCH_DEFAULT, m,
                                       MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, rwmix + 0x100);
    assert_hr(S_OK, ds_search_virtual2(f->t, rwmix, 2 * f->P, DEBUG_VSEARCH_WRITABLE_ONLY, m,
                                       MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, rwmix + f->P + 0x200);
    assert_hr(S_OK, ds_search_virtual2(f->t, 0, UINT64_MAX, DEBUG_VSEARCH_WRITABLE_ONLY, m,
                                       MARKER_SIZE, 1, &at), f->t);
    assert_int_equal(at, rwmix + f->P + 0x200);
    assert_hr(NOT_FOUND, ds_search_virtual2(f->t, rwmix, f->P, DEBUG_VSEARCH_WRITABLE_ONLY, m,
                                            MARKER_SIZE, 1, &at), f->t);
}

/* ---- strings ------------------------------------------------------------------------ */

static void test_strings(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    uint32_t bytes = 0;
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(f->t, key(f, "hello"), 256, buf,
                                                      sizeof buf, &bytes), f->t);
    assert_string_equal(buf, "hello, dataspaces");
    assert_int_equal(bytes, 18);
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(f->t, key(f, "hello"), 256, buf, 6,
                                                         &bytes), f->t);
    assert_string_equal(buf, "hello");
    assert_int_equal(bytes, 18);
    /* Terminated by the last byte before an unmapped page. */
    uint64_t edge_str = key(f, "edge_str");
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(f->t, edge_str, 4096, buf, sizeof buf,
                                                      &bytes), f->t);
    assert_string_equal(buf, "ends-here!!");
    assert_int_equal(bytes, 12);
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(f->t, edge_str, 12, buf, 12, &bytes),
              f->t);
    assert_hr(E_INVALIDARG, ds_read_multi_byte_string_virtual(f->t, edge_str, 11, buf,
                                                              sizeof buf, &bytes), f->t);
    /* No terminator before the unmapped page: a read error naming it. */
    uint64_t runaway = key(f, "runaway");
    assert_hr(READ_FAULT, ds_read_multi_byte_string_virtual(f->t, runaway + 100, 8192, buf,
                                                            sizeof buf, &bytes), f->t);
    char hole[32];
    snprintf(hole, sizeof hole, "0x%llx", (unsigned long long)(runaway + f->P));
    assert_non_null(strstr(ds_error_text(f->t), hole));
    assert_hr(E_INVALIDARG, ds_read_multi_byte_string_virtual(f->t, runaway, 100, buf,
                                                              sizeof buf, &bytes), f->t);
    WCHAR w[32];
    assert_hr(READ_FAULT, ds_read_unicode_string_virtual_wide(f->t, runaway + 100, 8192, w, 32,
                                                              &bytes), f->t);
}

static void test_strings_with_code_pages(void **state)
{
    struct fixture *f = *state;
    static const WCHAR grusse[] = { 'G', 'r', 0xFC, 0xDF, 'e', ' ', 0x20AC, 0xD834, 0xDD1E, 0 };
    WCHAR w[32];
    char buf[64];
    uint32_t bytes = 0;
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(f->t, key(f, "utf8"), 256, CP_UTF8,
                                                           w, 32, &bytes), f->t);
    assert_memory_equal(w, grusse, sizeof grusse);
    assert_int_equal(bytes, 16);
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(f->t, key(f, "latin1"), 256, 28591,
                                                           w, 32, &bytes), f->t);
    assert_int_equal(w[3], 0xE9);
    assert_int_equal(w[4], 0);
    assert_int_equal(bytes, 5);
    /* UTF-16LE in the target, at an odd address. */
    assert_hr(S_OK, ds_read_unicode_string_virtual_wide(f->t, key(f, "utf16"), 256, w, 32,
                                                        &bytes), f->t);
    assert_memory_equal(w, grusse, sizeof grusse);
    assert_int_equal(bytes, 20);
    assert_hr(S_OK, ds_read_unicode_string_virtual(f->t, key(f, "utf16"), 256, CP_UTF8, buf,
                                                   sizeof buf, &bytes), f->t);
    assert_string_equal(buf, "Gr\xC3\xBC\xC3\x9F" "e \xE2\x82\xAC\xF0\x9D\x84\x9E");
    assert_hr(S_FALSE, ds_read_unicode_string_virtual(f->t, key(f, "utf16"), 256, CP_UTF8, buf,
                                                      5, &bytes), f->t);
    assert_string_equal(buf, "Gr\xC3\xBC");
    assert_int_equal(bytes, 20);
}

/* ---- pointers and fill ---------------------------------------------------------------- */

static void test_pointers_64(void **state)
{
    struct fixture *f = *state;
    uint64_t p[4], ptrs = key(f, "ptrs");
    assert_int_equal(ds_pointer_size(f->t), 8);
    assert_hr(S_OK, ds_read_pointers_virtual(f->t, 4, ptrs, p), f->t);
    assert_int_equal(p[0], 0x1122334455667788ull);
    assert_int_equal(p[1], 0xffffffff80000000ull);
    assert_int_equal(p[2], 0);
    assert_int_equal(p[3], 0x7fff00001000ull);
    uint64_t w[2] = { 0xdeadbeefcafef00dull, 42 };
    assert_hr(S_OK, ds_write_pointers_virtual(f->t, 2, ptrs + 8, w), f->t);
    assert_hr(S_OK, ds_read_pointers_virtual(f->t, 4, ptrs, p), f->t);
    assert_int_equal(p[1], 0xdeadbeefcafef00dull);
    assert_int_equal(p[2], 42);
    /* The last page before a hole: the second pointer cannot be read. */
    uint64_t edge = key(f, "edge");
    assert_hr(READ_FAULT, ds_read_pointers_virtual(f->t, 2, edge + f->P - 8, p), f->t);
}

static uint64_t stack_of(pid_t pid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/maps", pid);
    FILE *fp = fopen(path, "r");
    unsigned long long start = 0, end;
    while (fp && fgets(line, sizeof line, fp))
        if (strstr(line, "[stack]") && sscanf(line, "%llx-%llx", &start, &end) == 2)
            break;
    if (fp)
        fclose(fp);
    return start;
}

static void test_pointers_and_addresses_on_32_bit_process(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "tiny_m32", NULL);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    assert_int_equal(ds_pointer_size(t), 4);
    uint64_t ptrs = helper_value(&h, "ptrs"), p[4];
    assert_hr(S_OK, ds_read_pointers_virtual(t, 4, ptrs, p), t);
    assert_int_equal(p[0], 0x1000);
    assert_int_equal(p[1], 0x7ffffffc);
    assert_int_equal(p[2], 0xffffffff80000000ull);  /* sign-extended */
    assert_int_equal(p[3], 0xfffffffffffff000ull);
    /* Writes keep the low 32 bits. */
    uint64_t w = 0xffffffff90000000ull;
    assert_hr(S_OK, ds_write_pointers_virtual(t, 1, ptrs, &w), t);
    uint32_t raw = 0;
    assert_hr(S_OK, ds_read_virtual(t, ptrs, &raw, 4, NULL), t);
    assert_int_equal(raw, 0x90000000u);
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, ptrs, p), t);
    assert_int_equal(p[0], 0xffffffff90000000ull);
    /* Addresses above 2 GiB come back sign-extended and are accepted so. */
    uint64_t stack = stack_of(h.pid), vb = 0;
    uint32_t vs = 0;
    if (stack >= 0x80000000ull) {
        assert_hr(S_OK, ds_get_valid_region_virtual(t, stack, 0x1000, &vb, &vs), t);
        assert_int_equal(vb, stack | 0xFFFFFFFF00000000ull);
        assert_hr(S_OK, ds_get_valid_region_virtual(t, vb, 0x1000, &vb, &vs), t);
        assert_int_equal(vs, 0x1000);
    }
    /* The whole 4 GiB holds one copy of the string: the helper's data. */
    uint64_t at = 0;
    assert_hr(S_OK, ds_search_virtual(t, 0, 0x100000000ull, "hello, dataspaces", 17, 1, &at), t);
    assert_int_equal(at, helper_value(&h, "hello"));
    assert_hr(NOT_FOUND, ds_search_virtual(t, at + 1, 0x100000000ull, "hello, dataspaces", 17,
                                           1, &at), t);
    ds_close(t);
    helper_stop(&h);
}

static void test_fill(void **state)
{
    struct fixture *f = *state;
    uint64_t fill = key(f, "fill"), fillguard = key(f, "fillguard");
    uint32_t filled = 0;
    /* Up to the read-only page, which refuses (WriteProcessMemory's rule). */
    assert_hr(S_OK, ds_fill_virtual(f->t, fill + 8, (uint32_t)(3 * f->P), "fill", 4, &filled),
              f->t);
    assert_int_equal(filled, f->P - 8);
    uint8_t *back = malloc(2 * f->P);
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual_uncached(f->t, fill, back, (uint32_t)(2 * f->P), &got), f->t);
    assert_int_equal(got, 2 * f->P);
    for (uint64_t i = 0; i < 8; i++)
        assert_int_equal(back[i], 0);
    for (uint64_t i = 8; i < f->P; i++)
        if (back[i] != "fill"[(i - 8) % 4])
            fail_msg("byte %llu is 0x%02x", (unsigned long long)i, back[i]);
    for (uint64_t i = f->P; i < 2 * f->P; i++)
        if (back[i] != 0)
            fail_msg("byte %llu of the read-only page is 0x%02x", (unsigned long long)i, back[i]);
    /* ... and the same before a PROT_NONE page. */
    assert_hr(S_OK, ds_fill_virtual(f->t, fillguard, (uint32_t)(3 * f->P), "\xAB", 1, &filled),
              f->t);
    assert_int_equal(filled, f->P);
    assert_hr(S_OK, ds_read_virtual(f->t, fillguard, back, (uint32_t)f->P, &got), f->t);
    assert_int_equal(back[f->P - 1], 0xAB);
    assert_hr(WRITE_FAULT, ds_fill_virtual(f->t, fill + f->P, 16, "x", 1, &filled), f->t);
    assert_int_equal(filled, 0);
    assert_hr(WRITE_FAULT, ds_fill_virtual(f->t, fill + 2 * f->P, 16, "x", 1, &filled), f->t);
    assert_int_equal(filled, 0);
    assert_hr(WRITE_FAULT, ds_fill_virtual(f->t, fillguard + 2 * f->P, 16, "x", 1, &filled),
              f->t);
    /* A write across the end of the writable page is the partial rule's. */
    uint32_t wrote = 0;
    assert_hr(S_OK, ds_write_virtual(f->t, fill + f->P - 3, "abcdef", 6, &wrote), f->t);
    assert_int_equal(wrote, 3);
    free(back);
}

/* ---- regions and offset information ---------------------------------------------------- */

static void test_valid_regions(void **state)
{
    struct fixture *f = *state;
    uint64_t guard = key(f, "guard"), edge = key(f, "edge"), vb = 0, next = 0;
    uint32_t vs = 0;
    assert_hr(S_OK, ds_get_valid_region_virtual(f->t, guard, (uint32_t)(3 * f->P), &vb, &vs),
              f->t);
    assert_int_equal(vb, guard);
    assert_int_equal(vs, f->P);
    assert_hr(S_OK, ds_get_valid_region_virtual(f->t, guard + f->P, (uint32_t)(2 * f->P), &vb,
                                                &vs), f->t);
    assert_int_equal(vb, guard + 2 * f->P);
    assert_int_equal(vs, f->P);
    assert_hr(E_NOINTERFACE, ds_get_valid_region_virtual(f->t, guard + f->P, (uint32_t)f->P,
                                                         &vb, &vs), f->t);
    assert_hr(E_NOINTERFACE, ds_get_valid_region_virtual(f->t, edge + f->P, (uint32_t)f->P,
                                                         &vb, &vs), f->t);
    assert_hr(S_OK, ds_get_valid_region_virtual(f->t, edge + 100, (uint32_t)(2 * f->P), &vb,
                                                &vs), f->t);
    assert_int_equal(vb, edge + 100);
    assert_int_equal(vs, f->P - 100);

    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(f->t, guard + 5, &next), f->t);
    assert_int_equal(next, guard + f->P);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(f->t, guard + f->P, &next),
              f->t);
    assert_int_equal(next, guard + 2 * f->P);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(f->t, edge, &next), f->t);
    assert_int_equal(next, edge + f->P);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(f->t, edge + f->P, &next),
              f->t);
    assert_true(next > edge + f->P);
    uint64_t s, e;
    char perms[5];
    assert_int_equal(proc_maps_lookup(f->h.pid, next, &s, &e, perms), 0);
    assert_int_equal(s, next);  /* the next mapping starts there */
}

static uint32_t vsource(struct fixture *f, uint64_t addr)
{
    ULONG v = 99;
    uint32_t size = 0;
    assert_hr(S_OK, ds_get_offset_information(f->t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, addr, &v, sizeof v,
                                              &size), f->t);
    assert_int_equal(size, sizeof v);
    return v;
}

static void test_offset_information(void **state)
{
    struct fixture *f = *state;
    uint64_t guard = key(f, "guard"), edge = key(f, "edge");
    assert_int_equal(vsource(f, guard), DEBUG_VSOURCE_DEBUGGEE);
    assert_int_equal(vsource(f, guard + f->P), DEBUG_VSOURCE_INVALID);
    assert_int_equal(vsource(f, edge + f->P), DEBUG_VSOURCE_INVALID);
    assert_int_equal(vsource(f, 0), DEBUG_VSOURCE_INVALID);
    assert_int_equal(vsource(f, key(f, "hello")), DEBUG_VSOURCE_DEBUGGEE);
}

/* ---- physical memory -------------------------------------------------------------------- */

/* What /proc/PID/pagemap says of va, read here independently. */
static uint64_t pagemap_entry(pid_t pid, uint64_t va, uint64_t page)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/pagemap", pid);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    uint64_t e = 0;
    assert_int_equal(pread(fd, &e, 8, (off_t)(va / page * 8)), 8);
    close(fd);
    return e;
}

static void test_virtual_to_physical(void **state)
{
    struct fixture *f = *state;
    uint64_t touched = key(f, "touched") + 0x123, pa = 0;
    uint64_t e = pagemap_entry(f->h.pid, touched, f->P);
    assert_true(e >> 63);  /* present */
    uint64_t pfn = e & ((1ull << 55) - 1);
    if (pfn == 0)
        skip();  /* the kernel hides frame numbers from this test too */
    assert_hr(S_OK, ds_virtual_to_physical(f->t, touched, &pa), f->t);
    assert_int_equal(pa, pfn * f->P + 0x123);
    uint64_t offsets[4] = { 0 };
    uint32_t levels = 0;
    assert_hr(S_OK, ds_get_virtual_translation_physical_offsets(f->t, touched, offsets, 4,
                                                                &levels), f->t);
    assert_int_equal(levels, 1);
    assert_int_equal(offsets[0], pa);
    /* Never touched: no physical page (and translating does not touch it). */
    uint64_t untouched = key(f, "untouched");
    assert_hr(NO_PHYSICAL_PAGE, ds_virtual_to_physical(f->t, untouched, &pa), f->t);
    assert_non_null(strstr(ds_error_text(f->t), "not in physical memory"));
    assert_int_equal(pagemap_entry(f->h.pid, untouched, f->P) >> 63, 0);
    assert_hr(NO_PHYSICAL_PAGE, ds_virtual_to_physical(f->t, key(f, "edge") + f->P, &pa), f->t);
    assert_non_null(strstr(ds_error_text(f->t), "no memory mapped"));
    /* No physical memory to read on a live target. */
    uint8_t buf[8];
    uint32_t got = 9;
    assert_hr(E_NOTIMPL, ds_read_physical(f->t, pa, buf, 8, &got), f->t);
    assert_int_equal(got, 0);
    assert_non_null(strstr(ds_error_text(f->t), "live"));
    assert_hr(E_NOTIMPL, ds_write_physical2(f->t, pa, DEBUG_PHYSICAL_CACHED, buf, 8, &got),
              f->t);
}

/* ---- handles -------------------------------------------------------------------------- */

static void name_of(struct fixture *f, const char *fd_key, uint32_t type, char *out, size_t cap)
{
    uint32_t size = 0;
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, fd_key), type, out, (uint32_t)cap, &size),
              f->t);
    assert_int_equal(size, strlen(out) + 1);
}

static void test_handles(void **state)
{
    struct fixture *f = *state;
    char name[512];
    name_of(f, "fd_file", DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name, sizeof name);
    assert_string_equal(name, "File");
    name_of(f, "fd_file", DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name, sizeof name);
    assert_non_null(strstr(name, "/tmp/ds-api-"));
    assert_non_null(strstr(name, "\xC3\xA9 (deleted)"));
    name_of(f, "fd_null", DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name, sizeof name);
    assert_string_equal(name, "/dev/null");
    name_of(f, "fd_pipe_w", DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name, sizeof name);
    assert_string_equal(name, "Pipe");
    name_of(f, "fd_sock", DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name, sizeof name);
    assert_string_equal(name, "Socket");
    name_of(f, "fd_sock", DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name, sizeof name);
    assert_memory_equal(name, "socket:[", 8);
    name_of(f, "fd_event", DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name, sizeof name);
    assert_string_equal(name, "Event");
    name_of(f, "fd_event", DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name, sizeof name);
    assert_string_equal(name, "anon_inode:[eventfd]");

    /* The same names in UTF-16. */
    WCHAR w[256];
    uint32_t size = 0;
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_file"),
                                        DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME_WIDE, w, sizeof w,
                                        &size), f->t);
    size_t units = size / 2 - 1;
    assert_int_equal(w[units], 0);
    assert_int_equal(w[units - 11], 0xE9);  /* "é (deleted)" */
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_pipe_r"),
                                        DEBUG_HANDLE_DATA_TYPE_TYPE_NAME_WIDE, w, sizeof w,
                                        &size), f->t);
    assert_int_equal(size, 10);
    assert_int_equal(w[0], 'P');

    /* Counts: a file and its dup, the two ends of a pipe. */
    ULONG count = 0;
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_file"),
                                        DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT, &count,
                                        sizeof count, &size), f->t);
    assert_int_equal(count, 2);
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_pipe_r"),
                                        DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT, &count,
                                        sizeof count, &size), f->t);
    assert_int_equal(count, 2);
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_sock"),
                                        DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT, &count,
                                        sizeof count, &size), f->t);
    assert_int_equal(count, 1);

    DEBUG_HANDLE_DATA_BASIC basic;
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_file"), DEBUG_HANDLE_DATA_TYPE_BASIC,
                                        &basic, sizeof basic, &size), f->t);
    assert_int_equal(size, sizeof basic);
    assert_int_equal(basic.TypeNameSize, 5);
    assert_int_equal(basic.Attributes, 0);           /* close-on-exec */
    assert_int_equal(basic.GrantedAccess, 0x12019f); /* O_RDWR */
    assert_int_equal(basic.HandleCount, 2);
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_null"), DEBUG_HANDLE_DATA_TYPE_BASIC,
                                        &basic, sizeof basic, &size), f->t);
    assert_int_equal(basic.Attributes, 0x2);         /* OBJ_INHERIT */
    assert_int_equal(basic.ObjectNameSize, 10);
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_pipe_w"),
                                        DEBUG_HANDLE_DATA_TYPE_BASIC, &basic, sizeof basic,
                                        &size), f->t);
    assert_int_equal(basic.GrantedAccess, 0x120116); /* the write end */

    /* Sizes, short buffers, bad handles and types. */
    assert_hr(S_OK, ds_read_handle_data(f->t, key(f, "fd_event"),
                                        DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, NULL, 0, &size), f->t);
    assert_int_equal(size, 21);
    assert_hr(S_FALSE, ds_read_handle_data(f->t, key(f, "fd_event"),
                                           DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name, 5, &size),
              f->t);
    assert_string_equal(name, "anon");
    assert_hr(E_INVALIDARG, ds_read_handle_data(f->t, key(f, "fd_file"),
                                                DEBUG_HANDLE_DATA_TYPE_BASIC, &basic, 8, &size),
              f->t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(f->t, 9999, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME,
                                                name, sizeof name, &size), f->t);
    assert_non_null(strstr(ds_error_text(f->t), "9999"));
    assert_hr(E_NOTIMPL, ds_read_handle_data(f->t, key(f, "fd_file"),
                                             DEBUG_HANDLE_DATA_TYPE_MINI_THREAD_1, name,
                                             sizeof name, &size), f->t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(f->t, key(f, "fd_file"), 77, name, sizeof name,
                                                &size), f->t);
}

/* ---- what a live process does not have -------------------------------------------------- */

static void test_nothing_to_tag_no_kernel_no_pe(void **state)
{
    struct fixture *f = *state;
    uint64_t h = 0;
    GUID tag;
    uint32_t size = 7;
    assert_hr(S_OK, ds_start_enum_tagged(f->t, &h), f->t);
    assert_hr(S_FALSE, ds_get_next_tagged(f->t, h, &tag, &size), f->t);
    assert_int_equal(size, 0);
    assert_hr(S_OK, ds_end_enum_tagged(f->t, h), f->t);
    uint8_t buf[16];
    assert_hr(E_NOINTERFACE, ds_read_tagged(f->t, &tag, 0, buf, sizeof buf, &size), f->t);
    uint64_t v;
    assert_hr(E_NOTIMPL, ds_read_msr(f->t, 0x10, &v), f->t);
    assert_non_null(strstr(ds_error_text(f->t), "live"));
    assert_hr(E_NOTIMPL, ds_check_low_memory(f->t), f->t);
    /* An ELF process holds no PE image. */
    IMAGE_NT_HEADERS64 nt;
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(f->t, key(f, "hello"), &nt), f->t);
    assert_hr(READ_FAULT, ds_read_image_nt_headers(f->t, key(f, "edge") + f->P, &nt), f->t);
}

int main(void)
{
#define LIVE_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        LIVE_TEST(test_search_whole_space_across_regions),
        LIVE_TEST(test_search_match_ends_at_last_byte_of_region),
        LIVE_TEST(test_search_across_chunks),
        LIVE_TEST(test_search_granularity),
        LIVE_TEST(test_search_writable_only),
        LIVE_TEST(test_strings),
        LIVE_TEST(test_strings_with_code_pages),
        LIVE_TEST(test_pointers_64),
        cmocka_unit_test(test_pointers_and_addresses_on_32_bit_process),
        LIVE_TEST(test_fill),
        LIVE_TEST(test_valid_regions),
        LIVE_TEST(test_offset_information),
        LIVE_TEST(test_virtual_to_physical),
        LIVE_TEST(test_handles),
        LIVE_TEST(test_nothing_to_tag_no_kernel_no_pe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
