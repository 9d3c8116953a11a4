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
#include "elfcore_builder.h"
#include "minidump_builder.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NOT_FOUND HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)

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
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_true(ecb_write(&b, path));
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

struct sample {
    uint64_t addr;
    uint8_t bytes[16];
};

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

/* Samples of a model: the first and last 16 bytes of ranges that hold them. */
static size_t model_samples(const struct mdb *m, struct sample *out, size_t cap)
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
        struct sample s[24];
        size_t n = model_samples(&m, s, 24);
        for (size_t i = 0; i < n; i++, checked++)
            check_sample(t, &s[i]);
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
            struct sample s = { at[k], { 0 } };
            for (int b = 0; b < 16; b++)
                s.bytes[b] = mdb_pattern(at[k] + (uint64_t)b, CORE_SEED);
            check_sample(t, &s);
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
    uint64_t at = 0;
    /* The stack holds a copy below the marked region. */
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, MDB_MARKER, 34, 1, &at), t);
    assert_int_equal(at, MDB_MARKER_COPY);
    char back[34];
    assert_hr(S_OK, ds_read_virtual(t, at, back, 34, NULL), t);
    assert_memory_equal(back, MDB_MARKER, 34);
    assert_hr(S_OK, ds_search_virtual(t, at + 1, UINT64_MAX, MDB_MARKER, 34, 1, &at), t);
    assert_int_equal(at, MDB_MARKER_REGION);
    assert_hr(NOT_FOUND, ds_search_virtual(t, at + 1, UINT64_MAX, MDB_MARKER, 34, 1, &at), t);
    /* The last 8 bytes of the region: a match ending at its last byte. */
    uint8_t last[8];
    for (int i = 0; i < 8; i++)
        last[i] = mdb_marker_byte(MDB_MARKER_SIZE - 8 + (uint64_t)i);
    const uint64_t end = MDB_MARKER_REGION + MDB_MARKER_SIZE;
    assert_hr(S_OK, ds_search_virtual(t, end - 11, 0x10000, last, 8, 1, &at), t);
    assert_int_equal(at, end - 8);
    last[7] ^= 0xFF;  /* a pattern whose last byte would lie past the region */
    assert_hr(NOT_FOUND, ds_search_virtual(t, end - 11, 0x10000, last, 8, 1, &at), t);
    /* Straddling two touching ranges (kernelbase's header page and the next). */
    uint8_t straddle[16];
    assert_hr(S_OK, ds_read_virtual(t, 0x7b000ff8, straddle, 16, NULL), t);
    assert_hr(S_OK, ds_search_virtual(t, 0x7b000ff0, 0x2000, straddle, 16, 1, &at), t);
    assert_int_equal(at, 0x7b000ff8);
    /* Granularity counts from Offset. */
    assert_hr(S_OK, ds_search_virtual(t, MDB_MARKER_REGION + 1, 0x100, "TRUT", 4, 4, &at), t);
    assert_int_equal(at, MDB_MARKER_REGION + 5);
    assert_hr(S_OK, ds_search_virtual(t, MDB_MARKER_REGION, 0x100, "TRUTH", 5, 5, &at), t);
    assert_hr(NOT_FOUND, ds_search_virtual(t, MDB_MARKER_REGION + 2, 0x100, "TRUTH", 5, 5,
                                           &at), t);
    ds_close(t);
    mdb_free(&m);
}

static void test_strings_and_regions_full_dump(void **state)
{
    (void)state;
    struct mdb m;
    mdb_scene_windows_x64_full(&m);
    ds_target *t = mdb_open(&m, 0);
    /* The marker runs on into the pattern up to its first 0 byte. */
    uint32_t first_zero = 34;
    while (mdb_marker_byte(first_zero) != 0)
        first_zero++;
    char buf[64];
    uint32_t bytes = 0;
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(t, MDB_MARKER_REGION, 0x20000, buf,
                                                         sizeof buf, &bytes), t);
    assert_int_equal(bytes, first_zero + 1);
    assert_memory_equal(buf, MDB_MARKER, 34);
    assert_hr(E_INVALIDARG, ds_read_multi_byte_string_virtual(t, MDB_MARKER_REGION, first_zero,
                                                              buf, sizeof buf, &bytes), t);
    /* The image path, in UTF-16. */
    static const char path[] = MDB_IMAGE_PATH;
    WCHAR wpath[sizeof path];
    for (size_t i = 0; i < sizeof path; i++)
        wpath[i] = (WCHAR)path[i];
    uint64_t at = 0;
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, wpath, (sizeof path - 1) * 2, 2, &at),
              t);
    assert_int_equal(at, 0x31500);
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
    assert_int_equal(next, 0x231000);  /* five touching ranges are one stretch */
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, MDB_MARKER_REGION, &next),
              t);
    assert_int_equal(next, MDB_MARKER_REGION + MDB_MARKER_SIZE);
    assert_hr(E_NOINTERFACE, ds_get_valid_region_virtual(t, 0x12000, 0xE000, &vb, &vs), t);
    ULONG source = 0;
    assert_hr(S_OK, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x12000, &source,
                                              sizeof source, NULL), t);
    assert_int_equal(source, DEBUG_VSOURCE_INVALID);
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
    DEBUG_HANDLE_DATA_BASIC basic;
    uint32_t size = 0;
    assert_hr(S_OK, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                        sizeof basic, &size), t);
    assert_int_equal(size, sizeof basic);
    assert_int_equal(basic.GrantedAccess, 0x12019f);
    assert_int_equal(basic.HandleCount, 2);
    char name[64];
    assert_hr(S_OK, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name,
                                        sizeof name, &size), t);
    assert_string_equal(name, "File");
    assert_hr(S_OK, ds_read_handle_data(t, 0x14, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, NULL, 0,
                                        &size), t);
    assert_int_equal(size, 21);  /* "WaitCompletionPacket" */
    assert_hr(S_FALSE, ds_read_handle_data(t, 0x14, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name, 8,
                                           &size), t);
    assert_string_equal(name, "WaitCom");
    assert_hr(S_OK, ds_read_handle_data(t, 0x44, DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name,
                                        sizeof name, &size), t);
    assert_string_equal(name, "\\Sessions\\1\\BaseNamedObjects\\caf\xc3\xa9");
    ULONG count = 0;
    assert_hr(S_OK, ds_read_handle_data(t, 0x40, DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT, &count,
                                        sizeof count, &size), t);
    assert_int_equal(count, 232);
    assert_hr(E_INVALIDARG, ds_read_handle_data(t, 0x2, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                                sizeof basic, &size), t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(t, 4, 99, name, sizeof name, &size), t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(NULL, 4, 0, name, sizeof name, &size), NULL);
    ds_close(t);
    mdb_free(&m);
    /* A dump without the stream, and a core: no handles. */
    mdb_scene_windows_x86(&m);
    t = mdb_open(&m, 0);
    assert_hr(E_NOTIMPL, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                             sizeof basic, &size), t);
    ds_close(t);
    mdb_free(&m);
    char path[64];
    t = open_core(path);
    assert_hr(E_NOTIMPL, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                             sizeof basic, &size), t);
    ds_close(t);
    unlink(path);
}

static void test_dumps_refuse_writes_and_have_no_physical_memory(void **state)
{
    (void)state;
    for (int d = 0; d < 2; d++) {
        struct mdb m;
        char path[64];
        ds_target *t;
        if (d == 0) {
            mdb_scene_windows_x64_full(&m);
            t = mdb_open(&m, 0);
        } else {
            t = open_core(path);
        }
        uint32_t filled = 7, got = 7;
        uint64_t at = d == 0 ? MDB_MARKER_REGION : 0x400000, p = 1, pa;
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
        if (d == 0)
            mdb_free(&m);
        else
            unlink(path);
    }
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
