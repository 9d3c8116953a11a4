/*
 * test_api_dumps.c — the data-space methods on dumps built here
 * (tests/lib/minidump_builder.h) and on a small ELF core built here:
 * searches (scanned in place in the mapped file), strings, pointers,
 * valid regions and offset information checked against the bytes each
 * dump's model holds; ReadImageNtHeaders on PE32 and PE32+ modules;
 * ReadHandleData through the public API; and what a read-only dump
 * refuses. The third-party corpus: tests/conformance/conf_api_dumps.c.
 */
#include "testlib.h"
#include "api_checks.h"
#include "elfcore_builder.h"
#include "minidump_builder.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* ---- a small ELF core ----------------------------------------------------------------- */

/* An x86-64 core (tests/lib/elfcore_builder.h) with two PT_LOADs of known
   bytes (CORE_SEED's pattern) and one the file does not hold. */
#define CORE_SEED 99u
static const struct { uint64_t vaddr, filesz, memsz; uint32_t flags; } core_loads[] = {
    { 0x400000, 0x2000, 0x2000, 5 },  /* PF_R | PF_X */
    { 0x601000, 0x1000, 0x1000, 6 },  /* PF_R | PF_W */
    { 0x7ff000, 0, 0x1000, 6 },
};
#define CORE_LOADS (sizeof core_loads / sizeof core_loads[0])

static const char *write_core(char path[64])
{
    struct ecb b;
    ecb_init(&b, ecb_arch("x86_64"), 4242);
    for (size_t i = 0; i < CORE_LOADS; i++) {
        uint8_t *p = ecb_add_load(&b, core_loads[i].vaddr, core_loads[i].memsz,
                                  core_loads[i].filesz, core_loads[i].flags);
        for (uint64_t k = 0; k < core_loads[i].filesz; k++)
            p[k] = mdb_pattern(core_loads[i].vaddr + k, CORE_SEED);
    }
    snprintf(path, 64, "/tmp/ds-api-core-XXXXXX");
    ecb_write_temp(&b, path);
    ecb_free(&b);
    return path;
}

static ds_target *open_core(char path[64])
{
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(write_core(path), 0, &t), NULL);
    return t;
}

/* ---- samples: 16 known bytes at known addresses --------------------------------------- */

/* Samples of a model: the first and last 16 bytes of ranges that hold them. */
static size_t model_samples(const struct mdb *m, struct api_sample *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < m->nranges && n + 2 <= cap; i++) {
        const struct mdb_range *r = &m->ranges[i];
        if (mdb_present(m, r) < 16)
            continue;
        uint64_t at[2] = { r->start, r->start + mdb_present(m, r) - 16 };
        for (int k = 0; k < 2; k++) {
            out[n].addr = at[k];
            assert_int_equal(mdb_truth_read(m, at[k], out[n].bytes, 16), 16);
            n++;
        }
    }
    return n;
}

static void test_samples(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t k = 0; k < mdb_nscenes; k++) {
        struct mdb m;
        mdb_scenes[k].make(&m);
        ds_target *t = mdb_scenes[k].built ? mdb_open_as_is(&m, 0) : mdb_open(&m, 0);
        struct api_sample s[24];
        size_t n = model_samples(&m, s, 24);
        for (size_t i = 0; i < n; i++, checked++)
            check_api_sample(t, &s[i]);
        ds_close(t);
        mdb_free(&m);
    }
    /* The core: its loads' first and last 16 bytes. */
    char path[64];
    ds_target *t = open_core(path);
    for (size_t i = 0; i < CORE_LOADS; i++) {
        if (!core_loads[i].filesz)
            continue;
        uint64_t at[2] = { core_loads[i].vaddr, core_loads[i].vaddr + core_loads[i].filesz - 16 };
        for (int k = 0; k < 2; k++, checked++) {
            struct api_sample s = { at[k], { 0 } };
            for (int b = 0; b < 16; b++)
                s.bytes[b] = mdb_pattern(at[k] + (uint64_t)b, CORE_SEED);
            check_api_sample(t, &s);
        }
    }
    ds_close(t);
    unlink(path);
    print_message("%zu samples checked\n", checked);
    assert_true(checked >= 60);
}

/* A 4-byte dump: an address above 2 GiB comes back sign-extended from
   every method, and a string there reads. */
static void test_sign_extended_answers(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x86(&m);
    ds_target *t = mdb_open(&m, 0);
    uint64_t at = 0;
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, "hello, 32", 9, 1, &at), t);
    assert_int_equal(at, 0xFFFFFFFF8F000000ull);
    char str[32];
    uint32_t bytes = 0;
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(t, 0x8f000000, 64, str, sizeof str,
                                                      &bytes), t);
    assert_string_equal(str, "hello, 32-bit world");
    uint64_t vb = 0;
    uint32_t vs = 0;
    assert_hr(S_OK, ds_get_valid_region_virtual(t, 0x8eff0000, 0x20000, &vb, &vs), t);
    assert_int_equal(vb, 0xFFFFFFFF8F000000ull);
    assert_int_equal(vs, 0x100);
    ds_close(t);
    mdb_free(&m);
}

/* ---- the full-memory scene ------------------------------------------------------------ */

static void test_search_full_dump(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_full(&m);
    ds_target *t = mdb_open(&m, 0);
    check_marker_search(t, MDB_MARKER_COPY);
    ds_close(t);
    mdb_free(&m);
}

static void test_strings_and_regions_full_dump(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_full(&m);
    ds_target *t = mdb_open(&m, 0);
    check_marker_strings_and_regions(t, 0x31500);
    ds_close(t);
    mdb_free(&m);
}

static void expect_nt_headers(ds_target *t, const struct mdb *m)
{
    uint32_t n = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_int_equal(n, m->nmodules);
    bool plus = mdb_pointer_size(m) == 8;
    uint32_t checked = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct mdb_module *mod = &m->modules[i];
        const struct mdb_range *r = mdb_range_at(m, mod->base);
        if (!r || r->start != mod->base)
            continue;  /* no memory: the read's own failure */
        IMAGE_NT_HEADERS64 h;
        assert_hr(S_OK, ds_read_image_nt_headers(t, mod->base, &h), t);
        assert_int_equal(h.Signature, IMAGE_NT_SIGNATURE);
        assert_int_equal(h.FileHeader.Machine, mdb_machine(m));
        assert_int_equal(h.FileHeader.TimeDateStamp, mod->timestamp);
        assert_int_equal(h.FileHeader.SizeOfOptionalHeader, plus ? 240 : 224);
        assert_int_equal(h.OptionalHeader.Magic, plus ? IMAGE_NT_OPTIONAL_HDR64_MAGIC : 0x10b);
        assert_int_equal(h.OptionalHeader.ImageBase, mod->base);
        assert_int_equal(h.OptionalHeader.SizeOfImage, mod->size);
        assert_int_equal(h.OptionalHeader.CheckSum, mod->checksum);
        assert_int_equal(h.OptionalHeader.SizeOfStackReserve, 0x100000);
        assert_int_equal(h.OptionalHeader.NumberOfRvaAndSizes, 16);
        assert_true(h.OptionalHeader.AddressOfEntryPoint < mod->size);
        checked++;
    }
    assert_true(checked >= 2);
}

static void test_nt_headers_of_modules(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_full(&m);  /* PE32+ */
    ds_target *t = mdb_open(&m, 0);
    expect_nt_headers(t, &m);
    /* Not at an image base; not in the dump. */
    IMAGE_NT_HEADERS64 h;
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, MDB_MARKER_REGION, &h), t);
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT), ds_read_image_nt_headers(t, 0x12000, &h),
              t);
    ds_close(t);
    mdb_free(&m);
    mdb_scene_windows_x86(&m);  /* PE32, widened */
    t = mdb_open(&m, 0);
    expect_nt_headers(t, &m);
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT), ds_read_image_nt_headers(t, 0x7c900000, &h),
              t);
    ds_close(t);
    mdb_free(&m);
}

/* ---- handles, and what a dump refuses ---------------------------------------------------- */

static void test_handle_data(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_info(&m);
    ds_target *t = mdb_open(&m, 0);
    check_cet_dump_handle_data(t);
    char name[64];
    uint32_t size = 0;
    assert_hr(S_OK, ds_read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name,
                                        sizeof name, &size), t);
    assert_string_equal(name, "\\Sessions\\1\\BaseNamedObjects\\caf\xc3\xa9");
    ds_close(t);
    mdb_free(&m);
    /* A dump without the stream, and a core: no handles. */
    mdb_scene_windows_x86(&m);
    t = mdb_open(&m, 0);
    check_no_handle_data(t);
    ds_close(t);
    mdb_free(&m);
    char path[64];
    t = open_core(path);
    check_no_handle_data(t);
    ds_close(t);
    unlink(path);
}

static void test_dumps_refuse_writes_and_have_no_physical_memory(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_full(&m);
    ds_target *t = mdb_open(&m, 0);
    check_dump_refuses_writes(t, MDB_MARKER_REGION);
    ds_close(t);
    mdb_free(&m);
    char path[64];
    t = open_core(path);
    check_dump_refuses_writes(t, 0x400000);
    ds_close(t);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples),
        cmocka_unit_test(test_sign_extended_answers),
        cmocka_unit_test(test_search_full_dump),
        cmocka_unit_test(test_strings_and_regions_full_dump),
        cmocka_unit_test(test_nt_headers_of_modules),
        cmocka_unit_test(test_handle_data),
        cmocka_unit_test(test_dumps_refuse_writes_and_have_no_physical_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
