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
#include "api_checks.h"
#include "minidump_builder.h" /* MDB_MARKER_REGION: the Wine program's buffer */

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>


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

/* The [reads] and [span_reads] lines whose 16 bytes are all known. */
static size_t load_samples(const char *relative, struct api_sample *out, size_t cap)
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
        struct api_sample s[16];
        size_t n = load_samples(dumps[d], s, 16);
        for (size_t i = 0; i < n; i++, checked++)
            check_api_sample(t, &s[i]);
        ds_close(t);
    }
    assert_true(checked >= 20);
}

/* ---- the Wine full-memory dump --------------------------------------------------------- */

#define WINE_FULL "minidump/wine8-x64-fullmem.dmp"

static void test_search_full_dump(void **state)
{
    (void)state;
    ds_target *t = open_corpus(WINE_FULL);
    check_marker_search(t, 0);  /* the copy: somewhere on the program's stack */
    ds_close(t);
}

static void test_strings_and_regions_full_dump(void **state)
{
    (void)state;
    ds_target *t = open_corpus(WINE_FULL);
    check_marker_strings_and_regions(t, 0);
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
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, MDB_MARKER_REGION, &h), t);
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT), ds_read_image_nt_headers(t, 0x12000, &h),
              t);
    ds_close(t);
}

/* ---- handles, and what a dump refuses ---------------------------------------------------- */

static void test_handle_data(void **state)
{
    (void)state;
    ds_target *t = open_corpus("minidump/breakpad-tiny-exe-with-cet-xsave.dmp");
    check_cet_dump_handle_data(t);
    ds_close(t);
    /* A dump without the stream, and a core: no handles. */
    t = open_corpus("minidump/breakpad-minidump2.dmp");
    check_no_handle_data(t);
    ds_close(t);
    t = open_corpus("elfcore/lldb-linux-x86_64.core");
    check_no_handle_data(t);
    ds_close(t);
}

static void test_dumps_refuse_writes_and_have_no_physical_memory(void **state)
{
    (void)state;
    static const char *dumps[] = { WINE_FULL, "elfcore/lldb-linux-x86_64.core" };
    for (size_t d = 0; d < 2; d++) {
        ds_target *t = open_corpus(dumps[d]);
        check_dump_refuses_writes(t, d == 0 ? MDB_MARKER_REGION : 0x400000);
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
