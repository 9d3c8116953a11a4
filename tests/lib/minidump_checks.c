/* minidump_checks.c — see minidump_checks.h. */
#include "minidump_checks.h"

#include <stdlib.h>
#include <string.h>

#include "minidump_builder.h" /* MDB_MARKER_* */
#include "target.h"           /* ds_minidump_open, the backend ops */
#include "testlib.h"

/* ---- any dump ---------------------------------------------------------------------- */

void check_readable_walk(ds_target *t, size_t nranges, uint64_t present)
{
    uint64_t at = 0, walked = 0, start, size;
    for (size_t guard = 0; guard < 4 * nranges + 4; guard++) {
        if (t->ops->next_readable(t, at, &start, &size) != S_OK)
            break;
        assert_true(start >= at && size > 0);
        walked += size;
        at = start + size;
    }
    assert_int_equal(walked, present);
}

void check_write_refused(ds_target *t, uint64_t addr)
{
    uint8_t byte = 0;
    uint32_t written = 7;
    assert_hr(HRESULT_FROM_WIN32(ERROR_WRITE_FAULT), ds_write_virtual(t, addr, &byte, 1, &written),
              t);
    assert_int_equal(written, 0);
    assert_non_null(strstr(ds_error_text(t), "read-only"));
}

/* ---- mutated copies ---------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    /* xorshift64*: deterministic, so a crash reproduces. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

/* Touch everything a user could touch, with bounded work. */
static void exercise(ds_target *t)
{
    uint8_t buf[4096];
    uint32_t got;
    uint64_t at = 0, start, size;
    for (int i = 0; i < 64; i++) {
        if (t->ops->next_readable(t, at, &start, &size) != S_OK)
            break;
        ds_read_virtual(t, start, buf, size < sizeof buf ? (uint32_t)size : sizeof buf, &got);
        ds_read_virtual(t, start + size - 1, buf, 64, &got);
        ds_write_virtual(t, start, buf, 1, &got);
        if (start + size <= at)
            break;
        at = start + size;
    }
    MEMORY_BASIC_INFORMATION64 mbi;
    at = 0;
    for (int i = 0; i < 64; i++) {
        if (FAILED(ds_query_virtual(t, at, &mbi)) || mbi.RegionSize == 0)
            break;
        uint64_t next = mbi.BaseAddress + mbi.RegionSize;
        if (next <= at)
            break;
        at = next;
    }
    for (uint64_t h = 0; h < 0x40; h += 4)
        for (uint32_t type = 0; type <= 6; type++) {
            t->ops->read_handle_data(t, h, type, buf, sizeof buf, &got);
            t->ops->read_handle_data(t, h, type, buf, 3, &got);
        }
    uint32_t n;
    ds_get_number_modules(t, &n);
    for (uint32_t i = 0; i < n && i < 512; i++)
        ds_get_module(t, i, NULL, NULL, (char *)buf, sizeof buf, NULL);
    (void)ds_open_notes(t);
}

/* Open an exact-size copy (so that ASan sees any access past its end);
   every other one as a writable copy, so that writes are exercised too. */
static void open_copy(const uint8_t *data, size_t size)
{
    static unsigned calls;
    uint8_t *copy = malloc(size ? size : 1);
    assert_non_null(copy);
    memcpy(copy, data, size);
    ds_target *t = NULL;
    unsigned flags = DS_OPEN_BORROWED_MAP | (calls++ % 2 ? DS_OPEN_WRITABLE_COPY : 0);
    if (SUCCEEDED(ds_minidump_open("mutant.dmp", copy, size, flags, &t))) {
        exercise(t);
        ds_close(t);
    } else {
        assert_null(t);
        assert_true(strlen(ds_error_text(NULL)) > 10);
    }
    free(copy);
}

void check_minidump_truncations(const uint8_t *dump, size_t size)
{
    /* Every length through the header and directory, then 300 more. */
    for (size_t len = 0; len < size && len < 400; len++)
        open_copy(dump, len);
    for (size_t i = 1; i <= 300; i++)
        open_copy(dump, size * i / 301);
}

/* Offsets worth hitting: header, directory, and the start of each stream. */
static size_t pick_offset(const uint8_t *data, size_t size)
{
    uint32_t count = 0, dir = 0;
    memcpy(&count, data + 8, 4);
    memcpy(&dir, data + 12, 4);
    uint64_t r = rng();
    if (r % 4 == 0 || count == 0 || dir + 12ull * count > size)
        return (size_t)(r >> 8) % (size < 512 ? size : 512);
    if (r % 4 == 1)
        return (size_t)(r >> 8) % size;
    uint32_t e = dir + 12 * (uint32_t)((r >> 8) % count), rva = 0;
    memcpy(&rva, data + e + 8, 4);
    size_t off = rva + (size_t)((r >> 24) % 64);
    return off < size ? off : (size_t)(r >> 8) % size;
}

void check_minidump_field_flips(const uint8_t *dump, size_t size)
{
    static const uint32_t values[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0 };
    uint8_t *mutant = malloc(size);
    assert_non_null(mutant);
    for (int round = 0; round < 1000; round++) {
        memcpy(mutant, dump, size);
        for (int flips = 1 + (int)(rng() % 3); flips > 0; flips--) {
            size_t off = pick_offset(dump, size);
            uint64_t r = rng();
            if (r % 2 == 0 || off + 4 > size) {
                mutant[off] ^= (uint8_t)(1u << (r >> 8) % 8);
            } else {
                uint32_t v = values[(r >> 8) % (sizeof values / sizeof values[0])];
                if ((r >> 16) % 3 == 0)
                    v = (uint32_t)size - (uint32_t)((r >> 24) % 64);
                memcpy(mutant + (off & ~(size_t)3), &v, 4);
            }
        }
        open_copy(mutant, size);
    }
    free(mutant);
}

/* ---- particular dumps ---------------------------------------------------------------- */

void check_cet_dump_handles(ds_target *t)
{
    DEBUG_HANDLE_DATA_BASIC basic;
    uint32_t size = 0;
    assert_hr(S_OK, t->ops->read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic,
                                             sizeof basic, &size), t);
    assert_int_equal(size, sizeof basic);
    assert_int_equal(basic.TypeNameSize, 5);
    assert_int_equal(basic.ObjectNameSize, 1);
    assert_int_equal(basic.Attributes, 0);
    assert_int_equal(basic.GrantedAccess, 0x12019f);
    assert_int_equal(basic.HandleCount, 2);
    assert_int_equal(basic.PointerCount, 98303);
    char name[64];
    assert_hr(S_OK, t->ops->read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name,
                                             sizeof name, &size), t);
    assert_string_equal(name, "File");
    assert_int_equal(size, 5);
    WCHAR wide[8];
    assert_hr(S_OK, t->ops->read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME_WIDE, wide,
                                             sizeof wide, &size), t);
    assert_int_equal(size, 10);
    assert_int_equal(wide[0], 'F');
    assert_int_equal(wide[3], 'e');
    assert_int_equal(wide[4], 0);
    assert_hr(S_OK, t->ops->read_handle_data(t, 4, DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name,
                                             sizeof name, &size), t);
    assert_string_equal(name, "");
    assert_int_equal(size, 1);
    ULONG count = 0;
    assert_hr(S_OK, t->ops->read_handle_data(t, 0x40, DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT,
                                             &count, sizeof count, &size), t);
    assert_int_equal(count, 232);
    /* "WaitCompletionPacket" cut to 8 bytes: S_FALSE, the full size told. */
    assert_hr(S_FALSE, t->ops->read_handle_data(t, 0x14, DEBUG_HANDLE_DATA_TYPE_TYPE_NAME, name,
                                                8, &size), t);
    assert_string_equal(name, "WaitCom");
    assert_int_equal(size, 21);
    /* A handle the dump does not list. */
    assert_hr(E_INVALIDARG, t->ops->read_handle_data(t, 0x2, DEBUG_HANDLE_DATA_TYPE_BASIC,
                                                     &basic, sizeof basic, &size), t);
    assert_non_null(strstr(ds_error_text(t), "0x2"));
}

void check_marker_region(ds_target *t)
{
    uint8_t *buf = malloc(MDB_MARKER_SIZE + 16);
    assert_non_null(buf);
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(t, MDB_MARKER_REGION, buf, MDB_MARKER_SIZE + 16, &got), t);
    assert_int_equal(got, MDB_MARKER_SIZE);
    assert_memory_equal(buf, MDB_MARKER, sizeof MDB_MARKER - 1);
    for (uint32_t i = sizeof MDB_MARKER - 1; i < MDB_MARKER_SIZE; i++)
        assert_int_equal(buf[i], mdb_marker_byte(i));
    free(buf);
}

void check_module_pe_headers(ds_target *t)
{
    uint8_t buf[64];
    uint32_t n, got;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t base;
        uint32_t lfanew;
        assert_hr(S_OK, ds_get_module(t, i, &base, NULL, NULL, 0, NULL), t);
        assert_hr(S_OK, ds_read_virtual(t, base, buf, 64, &got), t);
        assert_memory_equal(buf, "MZ", 2);
        memcpy(&lfanew, buf + 0x3c, 4);
        assert_hr(S_OK, ds_read_virtual(t, base + lfanew, buf, 4, &got), t);
        assert_memory_equal(buf, "PE\0\0", 4);
    }
}
