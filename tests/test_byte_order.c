/*
 * test_byte_order.c — the methods that interpret target memory as values
 * (ReadPointersVirtual, WritePointersVirtual, the Unicode string methods)
 * follow the target's byte order: big-endian ELF cores (s390x, 32-bit
 * PowerPC) against little-endian ones (x86-64, i386) as the control, so
 * that ignoring the order fails either way. The caller's WCHARs are always
 * in the host's order.
 *
 * The cores are built here byte by byte (tests/lib/elfcore_builder.c, its
 * standard process), so every sample's bytes are known; pointers read are
 * checked at every byte offset inside each sample. Strings and pointer
 * writes go to a DS_OPEN_WRITABLE_COPY of the core (a private copy of the
 * mapping; the file never changes). tests/conformance/conf_byte_order.c
 * does the same on third-party cores.
 */
#include "testlib.h"
#include "elfcore_builder.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct core {
    const char *name;    /* the builder's architecture */
    bool big_endian;
    uint32_t pointer_size;
};

static const struct core core_s390x = { "s390x", true, 8 };
static const struct core core_ppc32 = { "ppc32", true, 4 };
static const struct core core_x86_64 = { "x86_64", false, 8 };
static const struct core core_i386 = { "i386", false, 4 };

/* ---- helpers ---------------------------------------------------------------------- */

/* The standard process as a core of c's machine, opened (flags: 0 or
   DS_OPEN_WRITABLE_COPY); where things are in *L. */
static ds_target *open_built(const struct core *c, unsigned flags, struct ecb_layout *L)
{
    struct ecb b;
    ecb_init(&b, ecb_arch(c->name), 777);
    ecb_standard_process(&b, L);
    char path[] = "/tmp/ds-byte-order-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_true(ecb_write(&b, path));
    ecb_free(&b);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(path, flags, &t), NULL);
    unlink(path);  /* the open mapping keeps the bytes */
    assert_non_null(t);
    assert_int_equal(ds_pointer_size(t), c->pointer_size);
    return t;
}

/* The value of `size` bytes stored in the given order, sign-extended from
   32 bits when size is 4 (as dbgeng hands out 32-bit addresses). */
static uint64_t decode(const uint8_t *p, unsigned size, bool big_endian)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[i] << (8 * (big_endian ? size - 1 - i : i));
    if (size == 4 && (v & 0x80000000u))
        v |= 0xFFFFFFFF00000000ull;
    return v;
}

static void encode(uint8_t *p, uint64_t v, unsigned size, bool big_endian)
{
    for (unsigned i = 0; i < size; i++)
        p[i] = (uint8_t)(v >> (8 * (big_endian ? size - 1 - i : i)));
}

#define MAX_SAMPLES 8

struct sample {
    uint64_t addr;
    uint8_t bytes[16];
};

/* 16-byte samples of what the builder wrote: the pointers (a 4-byte
   machine's sign-extend: they lie above 2 GiB) and both ELF headers. */
static size_t built_samples(const struct core *c, const struct ecb_layout *L,
                            struct sample *out)
{
    unsigned size = c->pointer_size;
    uint64_t at[] = { L->pointers, L->pointers + 16, L->exe, L->lib };
    size_t n = 0;
    for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
        if (at[k] >= L->pointers + ECB_POINTERS * size && at[k] < L->exe_data + 0x1000)
            continue;  /* past the pointers */
        out[n].addr = at[k];
        for (unsigned i = 0; i < 16; i++) {
            uint64_t a = at[k] + i, off = a - L->pointers;
            if (a >= L->pointers && off < ECB_POINTERS * size) {
                uint64_t v = L->pointer_values[off / size];
                unsigned byte = (unsigned)(off % size);
                out[n].bytes[i] = (uint8_t)(v >> (8 * (c->big_endian ? size - 1 - byte : byte)));
            } else if (a < L->exe + 64 || (a >= L->lib && a < L->lib + 64)) {
                static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
                uint64_t o = a < L->exe + 64 ? a - L->exe : a - L->lib;
                out[n].bytes[i] = o < 4 ? magic[o] : o == 4 ? (size == 8 ? 2 : 1)
                                  : o == 5 ? (c->big_endian ? 2 : 1) : o == 6 ? 1 : 0;
            } else {
                out[n].bytes[i] = ecb_pattern(a);
            }
        }
        n++;
    }
    return n;
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

/* ---- ReadPointersVirtual over the truth samples --------------------------------------- */

static void check_truth_pointers(const struct core *c)
{
    struct ecb_layout L;
    ds_target *t = open_built(c, 0, &L);
    struct sample samples[MAX_SAMPLES];
    size_t n = built_samples(c, &L, samples);
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
            uint64_t want = decode(raw + k, size, c->big_endian);
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
            assert_true(ptrs[i] == decode(raw + i * size, size, c->big_endian));
    }
    /* The 4-byte cores' samples hold an address above 2 GiB: it came back
       sign-extended. */
    if (size == 4)
        assert_true(extended > 0);
    ds_close(t);
}

/* The first pointer-sized word of the executable's ELF header, and the
   first pointer of the standard process. */
static void check_known_pointers(const struct core *c, uint64_t header_word)
{
    struct ecb_layout L;
    ds_target *t = open_built(c, 0, &L);
    uint64_t ptr = 0;
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, L.exe, &ptr), t);
    assert_true(ptr == header_word);
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, L.pointers, &ptr), t);
    uint64_t want = L.pointer_values[0];
    if (c->pointer_size == 4)
        want |= 0xFFFFFFFF00000000ull;  /* above 2 GiB: sign-extended */
    assert_true(ptr == want);
    ds_close(t);
}

static void test_pointers_s390x(void **state)
{
    (void)state;
    check_truth_pointers(&core_s390x);
    /* The ELF header at the start of the executable, read big-endian. */
    check_known_pointers(&core_s390x, 0x7F454C4602020100ull);
}

static void test_pointers_ppc32(void **state)
{
    (void)state;
    check_truth_pointers(&core_ppc32);
    check_known_pointers(&core_ppc32, 0x7F454C46u);
}

static void test_pointers_x86_64(void **state)
{
    (void)state;
    check_truth_pointers(&core_x86_64);
    check_known_pointers(&core_x86_64, 0x00010102464C457Full);
}

static void test_pointers_i386(void **state)
{
    (void)state;
    check_truth_pointers(&core_i386);
    check_known_pointers(&core_i386, 0x464C457Fu);
}

/* ---- WritePointersVirtual ------------------------------------------------------------- */

static void check_write_pointers(const struct core *c)
{
    struct ecb_layout L;
    ds_target *t = open_built(c, DS_OPEN_WRITABLE_COPY, &L);
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
        encode(want + i * size, ptrs[i], size, c->big_endian);
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
        assert_true(back[i] == decode(want + i * size, size, c->big_endian));
    if (size == 4)
        assert_true(back[1] == 0xFFFFFFFF80000001ull);
    else
        assert_true(back[0] == ptrs[0] && back[1] == ptrs[1] && back[2] == ptrs[2]);
    ds_close(t);
}

static void test_write_pointers_s390x(void **state)
{
    (void)state;
    check_write_pointers(&core_s390x);
}

static void test_write_pointers_ppc32(void **state)
{
    (void)state;
    check_write_pointers(&core_ppc32);
}

static void test_write_pointers_x86_64(void **state)
{
    (void)state;
    check_write_pointers(&core_x86_64);
}

/* ---- the Unicode string methods -------------------------------------------------------- */

/* "Aé😀z": U+0041 U+00E9 U+1F600 (D83D DE00) U+007A, then the terminator.
   In UTF-16BE the bytes "DE 00 | 00 7A" put two 0 bytes at an odd distance,
   which is not a terminator. */
static const uint16_t units[] = { 0x0041, 0x00E9, 0xD83D, 0xDE00, 0x007A, 0x0000 };
#define NUNITS (sizeof units / sizeof units[0])
static const char utf8[] = "A\xC3\xA9\xF0\x9F\x98\x80z";

static void check_unicode_strings(const struct core *c)
{
    struct ecb_layout L;
    ds_target *t = open_built(c, DS_OPEN_WRITABLE_COPY, &L);
    uint64_t at = writable_bytes(t);
    uint8_t target_bytes[2 * NUNITS], swapped[2 * NUNITS];
    for (size_t i = 0; i < NUNITS; i++) {
        encode(target_bytes + 2 * i, units[i], 2, c->big_endian);
        encode(swapped + 2 * i, units[i], 2, !c->big_endian);
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
    ds_close(t);
}

static void test_strings_s390x(void **state)
{
    (void)state;
    check_unicode_strings(&core_s390x);
}

static void test_strings_ppc32(void **state)
{
    (void)state;
    check_unicode_strings(&core_ppc32);
}

static void test_strings_x86_64(void **state)
{
    (void)state;
    check_unicode_strings(&core_x86_64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pointers_s390x),
        cmocka_unit_test(test_pointers_ppc32),
        cmocka_unit_test(test_pointers_x86_64),
        cmocka_unit_test(test_pointers_i386),
        cmocka_unit_test(test_write_pointers_s390x),
        cmocka_unit_test(test_write_pointers_ppc32),
        cmocka_unit_test(test_write_pointers_x86_64),
        cmocka_unit_test(test_strings_s390x),
        cmocka_unit_test(test_strings_ppc32),
        cmocka_unit_test(test_strings_x86_64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
