/* byte_order_checks.c — see byte_order_checks.h. */
#include "byte_order_checks.h"

#include <string.h>

#include "testlib.h"

uint64_t byte_order_decode(const uint8_t *p, unsigned size, bool big_endian)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[i] << (8 * (big_endian ? size - 1 - i : i));
    if (size == 4 && (v & 0x80000000u))
        v |= 0xFFFFFFFF00000000ull;
    return v;
}

void byte_order_encode(uint8_t *p, uint64_t v, unsigned size, bool big_endian)
{
    for (unsigned i = 0; i < size; i++)
        p[i] = (uint8_t)(v >> (8 * (big_endian ? size - 1 - i : i)));
}

/* A committed, writable region whose first 64 bytes the core holds. */
static uint64_t writable_bytes(ds_target *t)
{
    uint64_t at = 0;
    for (int guard = 0; guard < 4096; guard++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        if (ds_query_virtual(t, at, &mbi) != S_OK)
            break;
        uint32_t p = mbi.Protect & 0xFFu;
        bool writable = p == PAGE_READWRITE || p == PAGE_WRITECOPY ||
                        p == PAGE_EXECUTE_READWRITE || p == PAGE_EXECUTE_WRITECOPY;
        uint8_t probe[64];
        uint32_t got = 0;
        if (mbi.State == MEM_COMMIT && writable && mbi.RegionSize >= sizeof probe &&
            ds_read_virtual(t, mbi.BaseAddress, probe, sizeof probe, &got) == S_OK &&
            got == sizeof probe)
            return mbi.BaseAddress;
        uint64_t next = mbi.BaseAddress + mbi.RegionSize;
        if (next <= at || next < mbi.BaseAddress)
            break;
        at = next;
    }
    fail_msg("no writable region with bytes held in the core");
    return 0;
}

static void write_all(ds_target *t, uint64_t addr, const void *buf, uint32_t size)
{
    uint32_t wrote = 0;
    assert_hr(S_OK, ds_write_virtual(t, addr, buf, size, &wrote), t);
    assert_int_equal(wrote, size);
}

/* ---- ReadPointersVirtual over the samples ---------------------------------------------- */

void check_sample_pointers(ds_target *t, const struct byte_order_core *c,
                           const struct byte_order_sample *samples, size_t n)
{
    unsigned size = c->pointer_size, extended = 0;
    for (size_t s = 0; s < n; s++) {
        uint8_t raw[16];
        uint32_t got = 0;
        assert_hr(S_OK, ds_read_virtual(t, samples[s].addr, raw, sizeof raw, &got), t);
        assert_int_equal(got, sizeof raw);
        assert_memory_equal(raw, samples[s].bytes, sizeof raw);
        /* One pointer at every byte offset, then all whole ones at once. */
        for (unsigned k = 0; k + size <= sizeof raw; k++) {
            uint64_t ptr = 0x5A5A5A5A5A5A5A5Aull;
            assert_hr(S_OK, ds_read_pointers_virtual(t, 1, samples[s].addr + k, &ptr), t);
            uint64_t want = byte_order_decode(raw + k, size, c->big_endian);
            if (ptr != want)
                print_error("%s: pointer at 0x%llx is 0x%llx, expected 0x%llx\n", c->name,
                            (unsigned long long)(samples[s].addr + k),
                            (unsigned long long)ptr, (unsigned long long)want);
            assert_true(ptr == want);
            if (size == 4 && (want >> 32))
                extended++;
        }
        uint64_t ptrs[4];
        uint32_t count = (uint32_t)(sizeof raw / size);
        assert_hr(S_OK, ds_read_pointers_virtual(t, count, samples[s].addr, ptrs), t);
        for (uint32_t i = 0; i < count; i++)
            assert_true(ptrs[i] == byte_order_decode(raw + i * size, size, c->big_endian));
    }
    /* The 4-byte cores' samples hold an address above 2 GiB: it came back
       sign-extended. */
    if (size == 4)
        assert_true(extended > 0);
}

/* ---- WritePointersVirtual ------------------------------------------------------------- */

void check_write_pointers(ds_target *t, const struct byte_order_core *c)
{
    uint64_t at = writable_bytes(t) + 8;
    unsigned size = c->pointer_size;
    const uint64_t ptrs[3] = { 0x0102030405060708ull, 0xFFFFFFFF80000001ull,
                               0x1122334455667788ull };
    assert_hr(S_OK, ds_write_pointers_virtual(t, 3, at, ptrs), t);
    uint8_t raw[24], want[24];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(t, at, raw, 3 * size, &got), t);
    assert_int_equal(got, 3 * size);
    for (unsigned i = 0; i < 3; i++)  /* 4-byte targets keep the low 32 bits */
        byte_order_encode(want + i * size, ptrs[i], size, c->big_endian);
    assert_memory_equal(raw, want, 3 * size);
    if (c->big_endian && size == 8)
        assert_memory_equal(raw, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    if (c->big_endian && size == 4)
        assert_memory_equal(raw, "\x05\x06\x07\x08\x80\x00\x00\x01", 8);
    if (!c->big_endian)
        assert_memory_equal(raw, "\x08\x07\x06\x05", 4);

    /* And back: what was written reads as written (sign-extended on 4 bytes). */
    uint64_t back[3];
    assert_hr(S_OK, ds_read_pointers_virtual(t, 3, at, back), t);
    for (unsigned i = 0; i < 3; i++)
        assert_true(back[i] == byte_order_decode(want + i * size, size, c->big_endian));
    if (size == 4)
        assert_true(back[1] == 0xFFFFFFFF80000001ull);
    else
        assert_true(back[0] == ptrs[0] && back[1] == ptrs[1] && back[2] == ptrs[2]);
}

/* ---- the Unicode string methods -------------------------------------------------------- */

/* "Aé😀z": U+0041 U+00E9 U+1F600 (D83D DE00) U+007A, then the terminator.
   In UTF-16BE the bytes "DE 00 | 00 7A" put two 0 bytes at an odd distance,
   which is not a terminator. */
static const uint16_t units[] = { 0x0041, 0x00E9, 0xD83D, 0xDE00, 0x007A, 0x0000 };
#define NUNITS (sizeof units / sizeof units[0])
static const char utf8[] = "A\xC3\xA9\xF0\x9F\x98\x80z";

void check_unicode_strings(ds_target *t, const struct byte_order_core *c)
{
    uint64_t at = writable_bytes(t);
    uint8_t target_bytes[2 * NUNITS], swapped[2 * NUNITS];
    for (size_t i = 0; i < NUNITS; i++) {
        byte_order_encode(target_bytes + 2 * i, units[i], 2, c->big_endian);
        byte_order_encode(swapped + 2 * i, units[i], 2, !c->big_endian);
    }
    if (c->big_endian)
        assert_memory_equal(target_bytes, "\x00\x41\x00\xE9\xD8\x3D\xDE\x00\x00\x7A", 10);
    write_all(t, at, target_bytes, sizeof target_bytes);

    /* To UTF-8. */
    char narrow[64];
    uint32_t string_bytes = 0;
    memset(narrow, 0x5A, sizeof narrow);
    assert_hr(S_OK, ds_read_unicode_string_virtual(t, at, 256, CP_UTF8, narrow, sizeof narrow,
                                                   &string_bytes), t);
    assert_int_equal(string_bytes, sizeof target_bytes);
    assert_string_equal(narrow, utf8);

    /* To ASCII: é and the pair (one character) each become one '?'. */
    assert_hr(S_OK, ds_read_unicode_string_virtual(t, at, 256, 20127, narrow, sizeof narrow,
                                                   &string_bytes), t);
    assert_string_equal(narrow, "A??z");

    /* Wide: host-order WCHARs, whatever the target's order. */
    WCHAR wide[16];
    memset(wide, 0x5A, sizeof wide);
    assert_hr(S_OK, ds_read_unicode_string_virtual_wide(t, at, 256, wide, 16, &string_bytes), t);
    assert_int_equal(string_bytes, sizeof target_bytes);
    assert_memory_equal(wide, units, sizeof units);

    /* Cut short: never half of the surrogate pair (3 units would end on D83D). */
    memset(wide, 0x5A, sizeof wide);
    assert_hr(S_FALSE, ds_read_unicode_string_virtual_wide(t, at, 256, wide, 4, &string_bytes),
              t);
    assert_int_equal(string_bytes, sizeof target_bytes);
    assert_true(wide[0] == 0x0041 && wide[1] == 0x00E9 && wide[2] == 0);
    memset(narrow, 0x5A, sizeof narrow);
    assert_hr(S_FALSE, ds_read_unicode_string_virtual(t, at, 256, CP_UTF8, narrow, 6,
                                                      &string_bytes), t);
    assert_string_equal(narrow, "A\xC3\xA9");

    /* MaxBytes that stops before the terminator. */
    assert_hr(E_INVALIDARG, ds_read_unicode_string_virtual_wide(t, at, 10, wide, 16,
                                                                &string_bytes), t);

    /* The same units stored in the other order are other characters. */
    write_all(t, at, swapped, sizeof swapped);
    assert_hr(S_OK, ds_read_unicode_string_virtual_wide(t, at, 256, wide, 16, &string_bytes), t);
    assert_int_equal(string_bytes, sizeof swapped);
    for (size_t i = 0; i < NUNITS; i++)
        assert_int_equal(wide[i], (uint16_t)(units[i] >> 8 | units[i] << 8));

    /* ReadMultiByteStringVirtualWide: UTF-8 in the target, host-order WCHARs out. */
    write_all(t, at, utf8, sizeof utf8);
    memset(wide, 0x5A, sizeof wide);
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(t, at, 256, CP_UTF8, wide, 16,
                                                           &string_bytes), t);
    assert_int_equal(string_bytes, sizeof utf8);
    assert_memory_equal(wide, units, sizeof units);
}
