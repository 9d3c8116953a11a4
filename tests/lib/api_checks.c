/* api_checks.c — see api_checks.h. */
#include "api_checks.h"

#include <string.h>

#include "minidump_builder.h" /* MDB_MARKER_*, MDB_IMAGE_PATH */
#include "testlib.h"

#define NOT_FOUND HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)

/* Addresses as the API hands them back (sign-extended on 4-byte targets). */
static uint64_t as_returned(const ds_target *t, uint64_t addr)
{
    if (ds_pointer_size(t) == 4 && addr <= 0xFFFFFFFFull && addr >= 0x80000000ull)
        return addr | 0xFFFFFFFF00000000ull;
    return addr;
}

void check_api_sample(ds_target *t, const struct api_sample *s)
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

/* ---- the full-memory dump ------------------------------------------------------------- */

void check_marker_search(ds_target *t, uint64_t copy_at)
{
    uint64_t at = 0;
    /* The stack holds a copy below the marked region. */
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, MDB_MARKER, 34, 1, &at), t);
    assert_true(at < MDB_MARKER_REGION);
    if (copy_at)
        assert_int_equal(at, copy_at);
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
}

void check_marker_strings_and_regions(ds_target *t, uint64_t path_at)
{
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
    /* The image path, in UTF-16 in the process parameters. */
    static const char path[] = MDB_IMAGE_PATH;
    WCHAR wpath[sizeof path];
    for (size_t i = 0; i < sizeof path; i++)
        wpath[i] = (WCHAR)path[i];
    uint64_t at = 0;
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, wpath, (sizeof path - 1) * 2, 2, &at),
              t);
    if (path_at)
        assert_int_equal(at, path_at);
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
}

/* ---- handles, and what a dump refuses ---------------------------------------------------- */

void check_cet_dump_handle_data(ds_target *t)
{
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
    ULONG count = 0;
    assert_hr(S_OK, ds_read_handle_data(t, 0x40, DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT, &count,
                                        sizeof count, &size), t);
    assert_int_equal(count, 232);
    assert_hr(E_INVALIDARG, ds_read_handle_data(t, 0x2, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                                sizeof basic, &size), t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(t, 4, 99, name, sizeof name, &size), t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(NULL, 4, 0, name, sizeof name, &size), NULL);
}

void check_no_handle_data(ds_target *t)
{
    DEBUG_HANDLE_DATA_BASIC basic;
    uint32_t size = 0;
    assert_hr(E_NOTIMPL, ds_read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                             sizeof basic, &size), t);
}

void check_dump_refuses_writes(ds_target *t, uint64_t at)
{
    uint32_t filled = 7, got = 7;
    uint64_t p = 1, pa;
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
}
