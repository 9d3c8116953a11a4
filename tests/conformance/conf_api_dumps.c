/*
 * conf_api_dumps.c — conformance: the data-space methods on the
 * third-party corpus (DS_TESTDATA, normally ../shared/testdata): searches
 * (scanned in place in the mapped file), strings, pointers, valid regions
 * and offset information checked against the bytes each dump's truth file
 * records; ReadImageNtHeaders on the modules of a Wine full-memory dump;
 * ReadHandleData through the public API on a dump with a
 * HandleDataStream; and what a read-only dump refuses. `make check`
 * covers the same ground on dumps it builds (tests/test_api_dumps.c).
 */
#include "testlib.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)

/* The corpus is what this program tests: without it, it fails. */
static ds_target *open_corpus(const char *relative)
{
    if (!testdata_dir())
        fail_msg("no corpus: set DS_TESTDATA to it (../shared/testdata)");
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(testdata_path(relative), 0, &t), NULL);
    return t;
}

/* ---- the truth files' sample reads ------------------------------------------------------ */

struct sample {
    uint64_t addr;
    uint8_t bytes[16];
};

/* The [reads] and [span_reads] lines whose 16 bytes are all known. */
static size_t load_samples(const char *relative, struct sample *out, size_t cap)
{
    char path[4200];
    snprintf(path, sizeof path, "%s.truth.txt", testdata_path(relative));
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    size_t n = 0;
    bool in_reads = false;
    while (fgets(line, sizeof line, f) && n < cap) {
        if (line[0] == '[') {
            in_reads = strncmp(line, "[reads]", 7) == 0 || strncmp(line, "[span_reads]", 12) == 0;
            continue;
        }
        unsigned long long addr;
        int used;
        if (!in_reads || sscanf(line, " 0x%llx:%n", &addr, &used) != 1)
            continue;
        const char *p = line + used;
        int k = 0;
        for (unsigned v; k < 16 && sscanf(p, " %2x", &v) == 1 && isxdigit((unsigned char)p[1]);
             k++) {
            out[n].bytes[k] = (uint8_t)v;
            p += 3;
        }
        if (k == 16)
            out[n++].addr = addr;
    }
    fclose(f);
    return n;
}

/* Addresses as the API hands them back (sign-extended on 4-byte targets). */
static uint64_t as_returned(const ds_target *t, uint64_t addr)
{
    if (ds_pointer_size(t) == 4 && addr <= 0xFFFFFFFFull && addr >= 0x80000000ull)
        return addr | 0xFFFFFFFF00000000ull;
    return addr;
}

static void check_sample(ds_target *t, const struct sample *s)
{
    uint64_t at = 0, vb = 0;
    uint32_t vs = 0, ps = ds_pointer_size(t);
    assert_hr(S_OK, ds_search_virtual(t, s->addr, 16, s->bytes, 16, 1, &at), t);
    assert_int_equal(at, as_returned(t, s->addr));
    assert_hr(S_OK, ds_get_valid_region_virtual(t, s->addr, 16, &vb, &vs), t);
    assert_int_equal(vb, as_returned(t, s->addr));
    assert_int_equal(vs, 16);
    ULONG source = 0;
    assert_hr(S_OK, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, s->addr, &source,
                                              sizeof source, NULL), t);
    assert_int_not_equal(source, DEBUG_VSOURCE_INVALID);

    uint64_t ptrs[4];
    assert_hr(S_OK, ds_read_pointers_virtual(t, 16 / ps, s->addr, ptrs), t);
    for (uint32_t i = 0; i < 16 / ps; i++) {
        uint64_t v = 0;
        for (uint32_t b = 0; b < ps; b++)
            v |= (uint64_t)s->bytes[i * ps + b] << (8 * b);
        assert_int_equal(ptrs[i], as_returned(t, v));
    }

    const uint8_t *nul = memchr(s->bytes, 0, 16);
    char str[17];
    uint32_t bytes = 0;
    HRESULT hr = ds_read_multi_byte_string_virtual(t, s->addr, 16, str, sizeof str, &bytes);
    if (nul) {
        assert_hr(S_OK, hr, t);
        assert_int_equal(bytes, nul - s->bytes + 1);
        assert_memory_equal(str, s->bytes, bytes);
    } else {
        assert_hr(E_INVALIDARG, hr, t);
    }
}

static void test_truth_samples(void **state)
{
    (void)state;
    static const char *dumps[] = {
        "minidump/lldb-linux-x86_64.dmp",
        "minidump/breakpad-minidump2.dmp",       /* 32-bit Windows */
        "minidump/node-minidump-windows.dmp",
        "minidump/wine8-x64-normal.dmp",         /* thousands of tiny adjacent ranges */
        "minidump/wine8-x64-fullmem.dmp",
        "minidump/symbolic-crash_macos.dmp",
        "elfcore/lldb-linux-x86_64.core",
        "elfcore/lldb-linux-i386.core",
        "elfcore/lldb-gcore-linux-x86_64.core",
    };
    size_t checked = 0;
    for (size_t d = 0; d < sizeof dumps / sizeof dumps[0]; d++) {
        ds_target *t = open_corpus(dumps[d]);
        struct sample s[16];
        size_t n = load_samples(dumps[d], s, 16);
        for (size_t i = 0; i < n; i++, checked++)
            check_sample(t, &s[i]);
        ds_close(t);
    }
    assert_true(checked >= 20);
}

/* ---- the Wine full-memory dump --------------------------------------------------------- */

#define WINE_FULL "minidump/wine8-x64-fullmem.dmp"
#define MARKER "MDMP-TRUTH-MARKER-0123456789ABCDEF"
#define MARKER_REGION 0x20000000ull

/* Byte i of the region the dumped program wrote ([known_content]). */
static uint8_t known_byte(uint64_t i)
{
    return i < 34 ? (uint8_t)MARKER[i] : (uint8_t)((i * 7 + (i >> 8)) & 0xff);
}

static void test_search_full_dump(void **state)
{
    (void)state;
    ds_target *t = open_corpus(WINE_FULL);
    uint64_t at = 0;
    /* The program's stack holds a copy below its 128 KiB region. */
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, MARKER, 34, 1, &at), t);
    assert_true(at < MARKER_REGION);
    char back[34];
    assert_hr(S_OK, ds_read_virtual(t, at, back, 34, NULL), t);
    assert_memory_equal(back, MARKER, 34);
    assert_hr(S_OK, ds_search_virtual(t, at + 1, UINT64_MAX, MARKER, 34, 1, &at), t);
    assert_int_equal(at, MARKER_REGION);
    assert_hr(NOT_FOUND, ds_search_virtual(t, at + 1, UINT64_MAX, MARKER, 34, 1, &at), t);
    /* The last 8 bytes of the region: a match ending at its last byte. */
    uint8_t last[8];
    for (int i = 0; i < 8; i++)
        last[i] = known_byte(0x20000 - 8 + (uint64_t)i);
    assert_hr(S_OK, ds_search_virtual(t, MARKER_REGION + 0x20000 - 11, 0x10000, last, 8, 1,
                                      &at), t);
    assert_int_equal(at, MARKER_REGION + 0x20000 - 8);
    last[7] ^= 0xFF;  /* a pattern whose last byte would lie past the region */
    assert_hr(NOT_FOUND, ds_search_virtual(t, MARKER_REGION + 0x20000 - 11, 0x10000, last, 8,
                                           1, &at), t);
    /* Straddling two adjacent ranges of the dump (15 and 16 in the truth). */
    uint8_t straddle[16];
    assert_hr(S_OK, ds_read_virtual(t, 0x7b000ff8, straddle, 16, NULL), t);
    assert_hr(S_OK, ds_search_virtual(t, 0x7b000ff0, 0x2000, straddle, 16, 1, &at), t);
    assert_int_equal(at, 0x7b000ff8);
    /* Granularity counts from Offset. */
    assert_hr(S_OK, ds_search_virtual(t, MARKER_REGION + 1, 0x100, "TRUT", 4, 4, &at), t);
    assert_int_equal(at, MARKER_REGION + 5);
    assert_hr(S_OK, ds_search_virtual(t, MARKER_REGION, 0x100, "TRUTH", 5, 5, &at), t);
    assert_hr(NOT_FOUND, ds_search_virtual(t, MARKER_REGION + 2, 0x100, "TRUTH", 5, 5, &at), t);
    ds_close(t);
}

static void test_strings_and_regions_full_dump(void **state)
{
    (void)state;
    ds_target *t = open_corpus(WINE_FULL);
    /* The marker runs on into the pattern up to its first 0 byte. */
    uint32_t first_zero = 34;
    while (known_byte(first_zero) != 0)
        first_zero++;
    char buf[64];
    uint32_t bytes = 0;
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(t, MARKER_REGION, 0x20000, buf,
                                                         sizeof buf, &bytes), t);
    assert_int_equal(bytes, first_zero + 1);
    assert_memory_equal(buf, MARKER, 34);
    assert_hr(E_INVALIDARG, ds_read_multi_byte_string_virtual(t, MARKER_REGION, first_zero, buf,
                                                              sizeof buf, &bytes), t);
    /* The image path, in UTF-16 in the process parameters. */
    static const char path[] = "Z:\\tmp\\winedump\\targetA.exe";
    WCHAR wpath[sizeof path];
    for (size_t i = 0; i < sizeof path; i++)
        wpath[i] = (WCHAR)path[i];
    uint64_t at = 0;
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, wpath, (sizeof path - 1) * 2, 2, &at),
              t);
    char narrow[128];
    assert_hr(S_OK, ds_read_unicode_string_virtual(t, at, 1024, CP_UTF8, narrow, sizeof narrow,
                                                   &bytes), t);
    assert_string_equal(narrow, path);
    assert_int_equal(bytes, sizeof path * 2);
    WCHAR wide[64];
    assert_hr(S_OK, ds_read_unicode_string_virtual_wide(t, at, 1024, wide, 64, &bytes), t);
    assert_memory_equal(wide, wpath, sizeof wpath);

    /* Valid regions follow the ranges, joined where they touch. */
    uint64_t vb = 0, next = 0;
    uint32_t vs = 0;
    assert_hr(S_OK, ds_get_valid_region_virtual(t, 0x12000, 0x10000, &vb, &vs), t);
    assert_int_equal(vb, 0x20000);
    assert_int_equal(vs, 0x2000);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, 0x10000, &next), t);
    assert_int_equal(next, 0x12000);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, 0x12000, &next), t);
    assert_int_equal(next, 0x20000);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, 0x20000, &next), t);
    assert_int_equal(next, 0x231000);  /* ranges 1-5 are one stretch */
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, MARKER_REGION, &next), t);
    assert_int_equal(next, MARKER_REGION + 0x20000);
    assert_hr(E_NOINTERFACE, ds_get_valid_region_virtual(t, 0x12000, 0xE000, &vb, &vs), t);
    ULONG source = 0;
    assert_hr(S_OK, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x12000, &source,
                                              sizeof source, NULL), t);
    assert_int_equal(source, DEBUG_VSOURCE_INVALID);
    ds_close(t);
}

static void test_nt_headers_of_modules(void **state)
{
    (void)state;
    ds_target *t = open_corpus(WINE_FULL);
    uint32_t n = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_int_equal(n, 4);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t base, size;
        char name[256];
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, name, sizeof name, NULL), t);
        IMAGE_NT_HEADERS64 h;
        assert_hr(S_OK, ds_read_image_nt_headers(t, base, &h), t);
        assert_int_equal(h.Signature, IMAGE_NT_SIGNATURE);
        assert_int_equal(h.FileHeader.Machine, IMAGE_FILE_MACHINE_AMD64);
        assert_int_equal(h.FileHeader.SizeOfOptionalHeader, 240);
        assert_int_equal(h.OptionalHeader.Magic, IMAGE_NT_OPTIONAL_HDR64_MAGIC);
        assert_int_equal(h.OptionalHeader.ImageBase, base);
        assert_int_equal(h.OptionalHeader.SizeOfImage, size);
        assert_int_equal(h.OptionalHeader.NumberOfRvaAndSizes, 16);
        assert_true(h.OptionalHeader.AddressOfEntryPoint < size);
    }
    /* Not at an image base. */
    IMAGE_NT_HEADERS64 h;
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, MARKER_REGION, &h), t);
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT), ds_read_image_nt_headers(t, 0x12000, &h),
              t);
    ds_close(t);
}

/* ---- handles, and what a dump refuses ---------------------------------------------------- */

static void test_handle_data(void **state)
{
    (void)state;
    ds_target *t = open_corpus("minidump/breakpad-tiny-exe-with-cet-xsave.dmp");
    DEBUG_HANDLE_DATA_BASIC basic;
    uint32_t size = 0;
    assert_hr(S_OK, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                        sizeof basic, &size), t);
    assert_int_equal(size, sizeof basic);
    assert_int_equal(basic.GrantedAccess, 0x12019f);
    assert_int_equal(basic.HandleCount, 2);
    char name[32];
    assert_hr(S_OK, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name,
                                        sizeof name, &size), t);
    assert_string_equal(name, "File");
    assert_hr(S_OK, ds_read_handle_data(t, 0x14, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, NULL, 0,
                                        &size), t);
    assert_int_equal(size, 21);  /* "WaitCompletionPacket" */
    assert_hr(S_FALSE, ds_read_handle_data(t, 0x14, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name, 8,
                                           &size), t);
    assert_string_equal(name, "WaitCom");
    ULONG count = 0;
    assert_hr(S_OK, ds_read_handle_data(t, 0x40, DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT, &count,
                                        sizeof count, &size), t);
    assert_int_equal(count, 232);
    assert_hr(E_INVALIDARG, ds_read_handle_data(t, 0x2, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                                sizeof basic, &size), t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(t, 4, 99, name, sizeof name, &size), t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(NULL, 4, 0, name, sizeof name, &size), NULL);
    ds_close(t);
    /* A dump without the stream, and a core: no handles. */
    t = open_corpus("minidump/breakpad-minidump2.dmp");
    assert_hr(E_NOTIMPL, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                             sizeof basic, &size), t);
    ds_close(t);
    t = open_corpus("elfcore/lldb-linux-x86_64.core");
    assert_hr(E_NOTIMPL, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                             sizeof basic, &size), t);
    ds_close(t);
}

static void test_dumps_refuse_writes_and_have_no_physical_memory(void **state)
{
    (void)state;
    static const char *dumps[] = { WINE_FULL, "elfcore/lldb-linux-x86_64.core" };
    for (size_t d = 0; d < 2; d++) {
        ds_target *t = open_corpus(dumps[d]);
        uint32_t filled = 7, got = 7;
        uint64_t at = d == 0 ? MARKER_REGION : 0x400000, p = 1, pa;
        assert_hr(WRITE_FAULT, ds_fill_virtual(t, at, 16, "x", 1, &filled), t);
        assert_int_equal(filled, 0);
        assert_non_null(strstr(ds_error_text(t), "read-only"));
        assert_hr(WRITE_FAULT, ds_write_pointers_virtual(t, 1, at, &p), t);
        uint8_t buf[8];
        assert_hr(E_NOTIMPL, ds_read_physical(t, 0, buf, 8, &got), t);
        assert_hr(E_NOTIMPL, ds_virtual_to_physical(t, at, &pa), t);
        uint64_t h;
        GUID tag;
        uint32_t size;
        assert_hr(S_OK, ds_start_enum_tagged(t, &h), t);
        assert_hr(S_FALSE, ds_get_next_tagged(t, h, &tag, &size), t);
        assert_hr(S_OK, ds_end_enum_tagged(t, h), t);
        assert_hr(E_NOTIMPL, ds_read_msr(t, 0x10, &pa), t);
        ds_close(t);
    }
}

int main(void)
{
    if (!testdata_required("conf_api_dumps"))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_truth_samples),
        cmocka_unit_test(test_search_full_dump),
        cmocka_unit_test(test_strings_and_regions_full_dump),
        cmocka_unit_test(test_nt_headers_of_modules),
        cmocka_unit_test(test_handle_data),
        cmocka_unit_test(test_dumps_refuse_writes_and_have_no_physical_memory),
    };
    return cmocka_run_group_tests_name("conformance: api on dumps", tests, NULL, NULL);
}
